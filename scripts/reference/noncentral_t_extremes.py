#!/usr/bin/env python3
"""The central and noncentral t at the extremes (issue 27: power at n = 1e16, the d_z interval
at huge t), at 50 digits, for src/stats/distributions.rs (pt beyond 3e4 df, pnt's quadrature
and normal limit) and src/stats/effect_size.rs (ncp_interval).

    python3 scripts/reference/noncentral_t_extremes.py

The central t is I_x(nu/2, 1/2) (mpmath.betainc). The noncentral t is

    P(T <= t) = E Phi(t S - delta),  S = sqrt(V/nu), V ~ chi2_nu,

integrated over y with V = nu exp(sigma y), sigma = sqrt(2/nu) (whose density is given in
closed form below from the chi-square density), by tanh-sinh quadrature on a grid of a
hundred panels that straddle the step of Phi at t S = delta. Each value is printed with 20
digits.
"""
import mpmath as mp

mp.mp.dps = 50


def pt(t, nu):
    t, nu = mp.mpf(t), mp.mpf(nu)
    tail = mp.betainc(nu / 2, mp.mpf(1) / 2, 0, nu / (nu + t * t), regularized=True) / 2
    return tail if t < 0 else 1 - tail


def ln_density_y(y, nu):
    """ln of the density of y where V = nu exp(sigma y) ~ chi2_nu."""
    sigma = mp.sqrt(2 / nu)
    w = mp.log(nu) + sigma * y  # ln V
    return (nu / 2) * w - mp.exp(w) / 2 - (nu / 2) * mp.log(2) - mp.loggamma(nu / 2) + mp.log(sigma)


def pnt(t, nu, delta, upper=False):
    """P(T <= t; nu, delta) (or P(T > t) with upper) for t > 0."""
    t, nu, delta = mp.mpf(t), mp.mpf(nu), mp.mpf(delta)
    sigma = mp.sqrt(2 / nu)

    def f(y):
        a = t * mp.exp(sigma * y / 2) - delta
        phi = mp.ncdf(-a) if upper else mp.ncdf(a)
        return phi * mp.exp(ln_density_y(y, nu))

    # the y range: the density is below e^-60 outside [lo, 11]
    lo = mp.mpf(-1)
    while ln_density_y(lo, nu) > -60:
        lo *= 1.5
    pts = [lo + (11 - lo) * i / 80 for i in range(81)]
    if delta > 0:
        ys = 2 / sigma * mp.log(delta / t)
        w = 2 / (sigma * delta)
        pts += [ys + k * w for k in [-60, -30, -15, -8, -4, -2, -1, -0.5, 0, 0.5, 1, 2, 4, 8, 15, 30, 60]]
    pts = sorted(set(p for p in pts if lo <= p <= 11))
    return mp.quad(f, pts)


def ncp_for(t, nu, prob, guess):
    """The delta with P(T <= t; nu, delta) = prob."""
    return mp.findroot(lambda d: pnt(t, nu, d) - prob, guess, tol=mp.mpf(10) ** -35)


def show(label, v):
    print(f"{label} = {mp.nstr(v, 20)}")


if __name__ == "__main__":
    # the central t beyond 3e4 degrees of freedom
    for (t, nu) in [(1.96, 1e16), (1.96, 1e14), (-1.96, 1e6), (-6, 1e6), (-38, 1e9), (-40, 1e5),
                    (0.3, 3.5e4), (-12, 3e5), (2, 1e20)]:
        show(f"pt({t}, {nu:g})", pt(t, nu))
    for (p, nu) in [(0.975, 1e16), (0.975, 1e14), (0.975, 1e6), (0.8, 1e9)]:
        q = mp.findroot(lambda x: pt(x, nu) - p, 1.9, tol=mp.mpf(10) ** -35)
        show(f"qt({p}, {nu:g})", q)
    # the noncentral t
    cases = [(1.96, 1e16, 2.8), (1.96, 1e12, 2.8), (1.96, 1e6, 2.8), (27.5, 1e6, 27.5),
             (30, 1e6, 27.5), (1e6, 1e6, 1e6), (1e6, 1e6, 998500), (3385, 7, 3000),
             (338900, 7, 330000), (150, 30, 145), (120, 20, 100), (1.3e15, 8, 6e14),
             (5, 4e4, 3), (200, 2, 190), (1.96, 3.1e4, 0.5)]
    for (t, nu, d) in cases:
        show(f"pnt({t}, {nu:g}, {d}) lower", pnt(t, nu, d))
        show(f"pnt({t}, {nu:g}, {d}) upper", pnt(t, nu, d, upper=True))
    # the d_z interval of a sample whose differences are nearly constant (the reference case
    # constant_diff_frac_n9, n = 9): its SD is rounding noise, so t depends on how the mean is
    # rounded; at R's t (t.test, as prepost computes it) the 95% ends of delta / 3
    t = mp.mpf("253323613657497.97")
    lo = ncp_for(t, 8, mp.mpf("0.975"), t * mp.mpf("0.52"))
    hi = ncp_for(t, 8, mp.mpf("0.025"), t * mp.mpf("1.48"))
    show("constant_diff_frac_n9 d_z 95% low", lo / 3)
    show("constant_diff_frac_n9 d_z 95% high", hi / 3)
    # n = 1e6, d_z = 1 (t = 1000): the 95% interval of d_z
    t = mp.mpf(1000)
    n = mp.mpf(10) ** 6
    lo = ncp_for(t, n - 1, mp.mpf("0.975"), t - 2)
    hi = ncp_for(t, n - 1, mp.mpf("0.025"), t + 2)
    show("n=1e6 t=1000 d_z 95% low", lo / mp.sqrt(n))
    show("n=1e6 t=1000 d_z 95% high", hi / mp.sqrt(n))
