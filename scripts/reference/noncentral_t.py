#!/usr/bin/env python3
"""High-precision values of the noncentral t distribution, for the tests of
src/stats/distributions.rs (pnt) and src/stats/effect_size.rs (the d_z interval).

    python3 scripts/reference/noncentral_t.py

The CDF is computed at 40 significant digits by numerical integration over the chi-square
mixing distribution (mpmath.quad):

    P(T <= t) = integral_0^inf Phi(t * sqrt(u / nu) - delta) * f_{chi2_nu}(u) du

which needs no series and no switch between methods. Each value is printed with 17 digits.
"""
import mpmath as mp

mp.mp.dps = 40


def pnt(t, nu, delta):
    t, nu, delta = mp.mpf(t), mp.mpf(nu), mp.mpf(delta)
    half = nu / 2
    logc = -half * mp.log(2) - mp.loggamma(half)

    def integrand(u):
        return mp.ncdf(t * mp.sqrt(u / nu) - delta) * mp.exp(logc + (half - 1) * mp.log(u) - u / 2)

    # split at the mode and a few SDs of the chi-square for the quadrature
    mode = max(nu - 2, mp.mpf(1))
    sd = mp.sqrt(2 * nu)
    points = [0, mode / 4, mode, mode + 4 * sd, mode + 12 * sd, mode + 40 * sd, mp.inf]
    return mp.quad(integrand, points)


def ncp_for(t, nu, prob):
    """The noncentrality delta with P(T <= t; nu, delta) = prob (decreasing in delta)."""
    return mp.findroot(lambda d: pnt(t, nu, d) - prob, t, tol=mp.mpf(10) ** -30)


if __name__ == "__main__":
    cases = [(30, 7, 40), (35, 7, 40), (45, 7, 40), (50, 7, 45), (5, 10, 3), (2, 3, 1.5),
             (120, 20, 100), (80, 12, 60), (-1, 5, 2)]
    for t, nu, d in cases:
        print(f"pnt({t}, {nu}, {d}) = {mp.nstr(pnt(t, nu, d), 17)}")
    # n = 8, d_z = 22.9 (issue 18): t = d_z * sqrt(n), df = 7; the 95% and 99% intervals of
    # the noncentrality, divided by sqrt(n)
    n = 8
    t = mp.mpf("22.9") * mp.sqrt(n)
    for level in ["0.95", "0.99"]:
        a = (1 - mp.mpf(level)) / 2
        lo = ncp_for(t, n - 1, 1 - a) / mp.sqrt(n)
        hi = ncp_for(t, n - 1, a) / mp.sqrt(n)
        print(f"d_z = 22.9, n = 8, {level}: [{mp.nstr(lo, 17)}, {mp.nstr(hi, 17)}]")
