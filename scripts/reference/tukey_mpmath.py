"""High-precision reference for the studentized range distribution (ptukey).

P(Q <= q; k, nu, r) = int_0^inf f(s; nu) W(q s; k)^r ds, where
  W(w; k) = k int phi(z) [Phi(z + w) - Phi(z)]^(k-1) dz   (range of k standard normals),
  f(s; nu) = density of s = sqrt(chi2_nu / nu).
Computed by mpmath's tanh-sinh quadrature at 24 digits straight from this definition
(nothing shared with the Rust implementation). Upper tails are 1 - P at 24 digits, so they are
accurate to about 1e-20 absolute. Usage: python3 tukey_mpmath.py  (prints q k df r lower upper)
"""
import sys
from mpmath import mp, mpf, quad, npdf, ncdf, exp, log, loggamma, inf, sqrt

mp.dps = 24


def W(w, k):
    w = mpf(w)
    f = lambda z: npdf(z) * (ncdf(z + w) - ncdf(z)) ** (k - 1)
    c = -w / 2
    return k * quad(f, [-inf, c - 12, c, c + 12, inf])


def ptukey(q, k, nu, r=1):
    q, nu = mpf(q), mpf(nu)
    if nu == inf:
        return W(q, k) ** r
    # density of x = log s: 2 (nu/2)^(nu/2) / Gamma(nu/2) exp(nu x - nu e^(2x) / 2)
    lc = log(2) + (nu / 2) * log(nu / 2) - loggamma(nu / 2)
    f = lambda x: exp(lc + nu * x - nu * exp(2 * x) / 2) * W(q * exp(x), k) ** r
    sd = 1 / sqrt(2 * nu)
    pts = [-inf] + [mpf(j) * sd for j in (-40, -12, -6, -3, 0, 3, 6, 12)] + [inf]
    return quad(f, pts, method="gauss-legendre")


if __name__ == "__main__":
    cases = [tuple(map(float, a.split(","))) for a in sys.argv[1:]]
    for (q, k, nu, *rest) in cases:
        r = rest[0] if rest else 1
        nu_v = inf if nu == float("inf") else nu
        p = ptukey(q, int(k), nu_v, r)
        print(f"{q!r} {int(k)} {nu!r} {r!r} {mp.nstr(p, 25)} {mp.nstr(1 - p, 25)}", flush=True)
