#!/usr/bin/env python3
"""Power of the paired t-test and its inverses at huge n (issue 27: `prepost power --n 1e16
--power 0.8` gave d = 2.66e-8, the normal limit 2.80e-8; `--d 0.0001` found no sample size),
at 50 digits, for src/stats/power.rs. The noncentral t is the chi-square mixture of
noncentral_t_extremes.py; the central t quantile is solved on mpmath.betainc.

    python3 scripts/reference/power_extremes.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from noncentral_t_extremes import mp, pnt, pt, show  # noqa: E402

mp.mp.dps = 40


def qt_lower(p, nu):
    """The t < 0 with P(T <= t) = p (p < 1/2), solved in logarithms so that p far below
    10^-dps keeps its digits (1 - p would round to 1)."""
    p = mp.mpf(p)
    lp = mp.log(p)
    x0 = -mp.sqrt(-2 * lp - mp.log(-2 * lp) - mp.log(2 * mp.pi)) if p < mp.mpf("1e-3") else mp.sqrt(2) * mp.erfinv(2 * p - 1)
    return mp.findroot(lambda x: mp.log(pt(x, nu)) - lp, (x0, x0 * mp.mpf("1.001")), tol=mp.mpf(10) ** -60)


def power(n, d, alpha, side="two"):
    """P(T > q) + P(T < -q) two-sided with q = -qt(alpha/2), P(T > q) with q = -qt(alpha)."""
    n, d, alpha = mp.mpf(n), mp.mpf(d), mp.mpf(alpha)
    nu, ncp = n - 1, d * mp.sqrt(n)
    if side == "two":
        q = -qt_lower(alpha / 2, nu)
        # P(T < -q; ncp) = P(T > q; -ncp)
        return pnt(q, nu, ncp, upper=True) + pnt(q, nu, -ncp, upper=True)
    q = -qt_lower(alpha, nu)
    return pnt(q, nu, ncp, upper=True)


def solve(f, x0):
    """A root of f near x0 (secant from x0 and 1.001 x0: mpmath's default second point,
    x0 + 1/4, is far off when the root is 1e-8)."""
    return mp.findroot(f, (mp.mpf(x0), mp.mpf(x0) * mp.mpf("1.001")), tol=mp.mpf(10) ** -60)


def z(p):
    return mp.sqrt(2) * mp.erfinv(2 * mp.mpf(p) - 1)


if __name__ == "__main__":
    z2 = z("0.975") + z("0.8")
    # the smallest d with power 0.8 at alpha = 0.05, paired, n pairs
    for n in ["1e16", "1e14", "1e9", "11"]:
        d = solve(lambda d: power(n, d, "0.05") - mp.mpf("0.8"), z2 / mp.sqrt(mp.mpf(n)))
        show(f"min d, n = {n}, two-sided", d)
    d = solve(lambda d: power("1e16", d, "0.05", "greater") - mp.mpf("0.8"), (z("0.95") + z("0.8")) / mp.mpf("1e8"))
    show("min d, n = 1e16, greater", d)
    # the sample size for d (paired, two-sided, alpha = 0.05, power 0.8)
    for dd in ["1e-4", "1.2e-4", "1e-6", "0.5"]:
        n = solve(lambda n: power(n, dd, "0.05") - mp.mpf("0.8"), (z2 / mp.mpf(dd)) ** 2)
        show(f"n for d = {dd}", n)
    # d = 100: the power at the smallest design (2 pairs) is above 0.8 already
    show("power, n = 2, d = 100", power("2", "100", "0.05"))
    show("power, n = 1e16, d = 2.8e-8", power("1e16", "2.8e-8", "0.05"))
    # alpha below 1e-12: n = 1e4, d = 0.3, power 0.8
    a = solve(lambda la: power("1e4", "0.3", mp.e ** la) - mp.mpf("0.8"), mp.log(mp.mpf("1e-187")))
    show("alpha, n = 1e4, d = 0.3, power 0.8", mp.e ** a)
