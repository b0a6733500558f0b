#!/usr/bin/env python3
"""The JZS Bayes factor (Rouder et al. 2009) at 50 digits for every kind of input, the
reference of src/stats/bayes.rs (issue 27: BF10 ~ 0 for t = 338,900, drift for n = 3, a hang
for t = 3,385).

Two-sided (Rouder et al. 2009, eq. 1; BayesFactor's ttestBF): with N the effective sample
size, nu the degrees of freedom, rho = N r^2, G = N g and s = ln G (g ~ InvGamma(1/2, r^2/2)),

  BF10 = int exp(F(s)) ds,
  F(s) = (nu/2) ln(1+G) - ((nu+1)/2) ln(1 + G/(1+T)) - (nu/2)... (see below), T = t^2/nu.

One-sided (delta > 0, BayesFactor's nullInterval = c(0, Inf)): given g, delta | t is such that
P(delta > 0 | t, g) = pt(t sqrt(G (nu+1) / ((1+G) nu + t^2)), nu + 1), so

  BF+0 = int exp(F(s)) * 2 pt(...) ds.

Both are checked against an independent form: the noncentral-t likelihood integrated over the
Cauchy prior of delta (mpmath quad over delta of the noncentral t density, itself an integral
over the chi-square), at a few moderate inputs.

    python3 scripts/reference/bayes_extremes.py
"""
import mpmath as mp

mp.mp.dps = 60


def log_integrand(s, t, nu, N, r):
    """ln of the integrand in s = ln(N g) of BF10 (two-sided)."""
    G = mp.exp(s)
    T = t * t / nu
    rho = N * r * r
    # (1+G)^{-1/2} [(1 + T/(1+G)) / (1 + T)]^{-(nu+1)/2} * prior(g) * g   (dg = g ds)
    lik = -mp.log1p(G) / 2 - (nu + 1) / 2 * (mp.log1p(T / (1 + G)) - mp.log1p(T))
    prior = mp.log(rho / (2 * mp.pi)) / 2 - s / 2 - rho * mp.exp(-s) / 2
    return lik + prior


def pt_lower(x, df):
    """P(T <= x) for Student's t with df degrees of freedom."""
    if x == 0:
        return mp.mpf(1) / 2
    tail = mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + x * x), regularized=True) / 2
    return 1 - tail if x > 0 else tail


def bf(t, n_eff, df, r, side=0):
    t, N, nu, r = mp.mpf(t), mp.mpf(n_eff), mp.mpf(df), mp.mpf(r)
    if side < 0:
        t = -t
    rho = N * r * r
    T = t * t / nu
    pts = [mp.log(rho), mp.mpf(0), mp.log1p(T)]
    disc = (t * t - T - 3) ** 2 - 8 * (1 + T)
    if disc > 0 and t * t - T - 3 > 0:
        pts.append(mp.log(((t * t - T - 3) + mp.sqrt(disc)) / 4))
    lo = min(pts) - 12
    hi = max(pts) + 120
    grid = sorted(set([lo] + pts + [hi]))
    # refine: points every quarter unit (every half unit in the far right tail)
    fine = []
    for a, b in zip(grid[:-1], grid[1:]):
        k = max(1, int((b - a) * (4 if b <= max(pts) + 20 else 2)))
        fine += [a + (b - a) * i / k for i in range(k)]
    fine.append(hi)
    peak = max(log_integrand(s, t, nu, N, r) for s in fine)

    def f(s):
        v = mp.exp(log_integrand(s, t, nu, N, r) - peak)
        if side != 0:
            G = mp.exp(s)
            v *= 2 * pt_lower(t * mp.sqrt(G * (nu + 1) / ((1 + G) * nu + t * t)), nu + 1)
        return v

    val = mp.quad(f, fine)
    return val * mp.exp(peak)


def dnt(x, nu, ncp):
    """Noncentral t density by the chi mixture: E_S[S phi(x S - ncp)], S = sqrt(V/nu)."""
    half = nu / 2
    logc = -half * mp.log(2) - mp.loggamma(half)

    def f(u):
        s = mp.sqrt(u / nu)
        return s * mp.npdf(x * s - ncp) * mp.exp(logc + (half - 1) * mp.log(u) - u / 2)

    return mp.quad(f, [0, nu / 4, nu, 4 * nu, 20 * nu, mp.inf])


def bf_delta(t, n_eff, df, r, side=0):
    """The same Bayes factor as the delta-integral of the noncentral t (independent check)."""
    t, N, nu, r = mp.mpf(t), mp.mpf(n_eff), mp.mpf(df), mp.mpf(r)
    sq = mp.sqrt(N)

    def f(d):
        return dnt(t, nu, d * sq) * r / (mp.pi * (r * r + d * d))

    c = t / sq
    if side == 0:
        pts = [-mp.inf, c - 10, c - 3, c, c + 3, c + 10, mp.inf]
        m = mp.quad(f, pts)
    else:
        pts = sorted(set([0, max(c - 3, 0) + 0, c + 3 if c + 3 > 0 else 1, mp.inf]))
        if side < 0:
            m = 2 * mp.quad(f, [-mp.inf, min(c - 3, -1), 0])
        else:
            m = 2 * mp.quad(f, pts)
    # the central t density
    null = mp.gamma((nu + 1) / 2) / (mp.sqrt(nu * mp.pi) * mp.gamma(nu / 2)) * (1 + t * t / nu) ** (-(nu + 1) / 2)
    return m / null


def show(label, v):
    print(f"{label}: {mp.nstr(v, 20)}")


if __name__ == "__main__":
    h = mp.sqrt(2) / 2
    # the existing test's data (BayesFactor 0.9.12-4.4 agrees to 1e-6)
    d = [3, 1, 4, -1, 5, 2, 6, 0, 2, 3, 1]
    n = len(d)
    m = mp.fsum(d) / n
    sd = mp.sqrt(mp.fsum((x - m) ** 2 for x in d) / (n - 1))
    t11 = m / (sd / mp.sqrt(n))
    print("t11 =", mp.nstr(t11, 20))
    for r in [h, 1, mp.mpf(1) / 2]:
        show(f"d11 r={mp.nstr(r, 6)} two-sided", bf(t11, n, n - 1, r))
    show("d11 greater", bf(t11, n, n - 1, h, 1))
    show("d11 less", bf(t11, n, n - 1, h, -1))
    show("d11 greater (delta form)", bf_delta(t11, n, n - 1, h, 1))
    show("d11 less (delta form)", bf_delta(t11, n, n - 1, h, -1))
    # issue 27: n = 3
    for t in ["1732", "17321", "173205"]:
        show(f"n=3 t={t}", bf(t, 3, 2, h))
    # issue 27: n = 8
    for t in ["3385", "338900"]:
        show(f"n=8 t={t}", bf(t, 8, 7, h))
        show(f"n=8 t={t} greater", bf(t, 8, 7, h, 1))
        show(f"n=8 t={t} less", bf(t, 8, 7, h, -1))
    # extremes of t, n and r
    for (t, n, r) in [("0", 2, h), ("0", 1e9, h), ("1e-300", 5, h), ("1e300", 2, h),
                      ("1e150", 2, "10"), ("3", 1e9, h), ("5", 1e9, "10"), ("2", 50, "1e-6"),
                      ("37", 1e6, h), ("1e5", 3, "0.01"), ("1.5", 2, h), ("-2.5", 20, "0.5"),
                      ("40", 2000, h), ("4", 1e6, h), ("1e7", 2, h), ("26", 1e3, "10")]:
        show(f"t={t} n={n} r={mp.nstr(mp.mpf(r), 6)}", bf(t, n, n - 1, r))
    for (t, n, side) in [("-3", 30, 1), ("-40", 2000, 1), ("3", 30, -1), ("0", 10, 1),
                         ("1e5", 3, 1), ("-1e5", 3, 1), ("2", 1e9, 1), ("-6", 1e6, 1)]:
        show(f"t={t} n={n} side={side}", bf(t, n, n - 1, h, side))
    # two samples: N = n1 n2/(n1+n2), nu = n1 + n2 - 2
    show("two-sample t=3.1 n1=7 n2=8", bf("3.1", mp.mpf(56) / 15, 13, h))
    show("two-sample t=3.1 n1=7 n2=8 greater (delta form)", bf_delta("3.1", mp.mpf(56) / 15, 13, h, 1))
    show("two-sample t=3.1 n1=7 n2=8 greater", bf("3.1", mp.mpf(56) / 15, 13, h, 1))
    show("two-sample t=-2 n1=1 n2=2 greater", bf("-2", mp.mpf(2) / 3, 1, h, 1))
