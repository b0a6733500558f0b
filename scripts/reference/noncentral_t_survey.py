#!/usr/bin/env python3
"""Exact Cohen's d intervals of one sample where R's pt(q, df, ncp) is an approximation.

R switches pt's noncentral series for a normal approximation (A&S 26.7.10) beyond
|ncp| = 37.62; an interval of d whose ends have d*sqrt(n) beyond that is then off (psych::bfi
item A2 against 3.5: t = 58.5 with n = 2773). Here the noncentral t CDF is integrated at 40
digits over the chi-square mixing distribution (as /work/main/scripts/reference/noncentral_t.py):

    P(T <= t) = integral_0^inf Phi(t sqrt(u/nu) - delta) f_{chi2_nu}(u) du,

the noncentrality with P = 0.975 and 0.025 found by mpmath.findroot, divided by sqrt(n).
The t statistics are R's (print(t.test(x, mu = mu)$statistic, digits = 17)).
Writes tests/data/survey/noncentral_t.json.  Run: python3 scripts/reference/noncentral_t_survey.py
(mpmath 1.3.0)
"""
import json
import os
import mpmath as mp

mp.mp.dps = 40


def pnt(t, nu, delta):
    t, nu, delta = mp.mpf(t), mp.mpf(nu), mp.mpf(delta)
    half = nu / 2
    logc = -half * mp.log(2) - mp.loggamma(half)

    def integrand(u):
        return mp.ncdf(t * mp.sqrt(u / nu) - delta) * mp.exp(logc + (half - 1) * mp.log(u) - u / 2)

    mode = max(nu - 2, mp.mpf(1))
    sd = mp.sqrt(2 * nu)
    points = [0, mode / 4, max(mode - 12 * sd, mode / 2), mode, mode + 4 * sd, mode + 12 * sd,
              mode + 40 * sd, mp.inf]
    points = sorted(set(points))
    return mp.quad(integrand, points)


def ncp_for(t, nu, prob):
    return mp.findroot(lambda d: pnt(t, nu, d) - prob, mp.mpf(t), tol=mp.mpf(10) ** -28)


# (name, t from R, n)
CASES = [("bfi_a2", "58.516412220995925", 2773), ("large_t", "166.85422779580188", 8)]
out = {}
for name, t, n in CASES:
    t = mp.mpf(t)
    lo = ncp_for(t, n - 1, mp.mpf("0.975")) / mp.sqrt(n)
    hi = ncp_for(t, n - 1, mp.mpf("0.025")) / mp.sqrt(n)
    out[name] = {"d_ci": [float(lo), float(hi)]}
    print(name, mp.nstr(lo, 17), mp.nstr(hi, 17))
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "..", "tests", "data", "survey", "noncentral_t.json"), "w") as fh:
    json.dump(out, fh, indent=2)
    fh.write("\n")
