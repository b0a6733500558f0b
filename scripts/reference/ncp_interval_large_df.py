#!/usr/bin/env python3
"""The 95% noncentral-t interval of d_z at n = 1e6 (df = 999,999) for t = 1000 and t = 27.5,
at 50 digits (the chi-square mixture of noncentral_t_extremes.py), for
src/stats/effect_size.rs's ncp_interval above 3e4 df (issue 27).

    python3 scripts/reference/ncp_interval_large_df.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from noncentral_t_extremes import mp, pnt, show  # noqa: E402


def ncp_for(t, nu, prob, guess):
    return mp.findroot(lambda d: pnt(t, nu, d) - prob, (guess, guess + mp.mpf("0.001")), tol=mp.mpf(10) ** -40)


if __name__ == "__main__":
    nu = mp.mpf(999999)
    for t in [mp.mpf(1000), mp.mpf("27.5")]:
        s = mp.sqrt(1 + t * t / (2 * nu))
        lo = ncp_for(t, nu, mp.mpf("0.975"), t - mp.mpf("1.96") * s)
        hi = ncp_for(t, nu, mp.mpf("0.025"), t + mp.mpf("1.96") * s)
        show(f"t = {mp.nstr(t, 6)}, df = 999999: delta 95% low", lo)
        show(f"t = {mp.nstr(t, 6)}, df = 999999: delta 95% high", hi)
