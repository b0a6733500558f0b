#!/usr/bin/env python3
"""An independent check of scripts/reference/bayes_extremes.py on the cases of issue 27: the JZS
BF10 (Rouder et al. 2009, eq. 1) integrated directly over g (not ln g), with mpmath's
tanh-sinh quadrature on [0, inf) split at powers of ten around the likelihood's peak.

    BF10 = int_0^inf (1 + N g)^(-1/2) (1 + t^2/((1 + N g) nu))^(-(nu+1)/2)
                     / (1 + t^2/nu)^(-(nu+1)/2) * r/sqrt(2 pi) g^(-3/2) exp(-r^2/(2g)) dg

    python3 scripts/reference/bayes_check_g.py
"""
import mpmath as mp

mp.mp.dps = 40


def bf(t, n, r):
    t, n, r = mp.mpf(t), mp.mpf(n), mp.mpf(r)
    nu = n - 1

    def f(g):
        if g == 0:
            return mp.mpf(0)
        lik = (1 + n * g) ** (-mp.mpf(1) / 2) * ((1 + t * t / ((1 + n * g) * nu)) / (1 + t * t / nu)) ** (-(nu + 1) / 2)
        return lik * r / mp.sqrt(2 * mp.pi) * g ** (-mp.mpf(3) / 2) * mp.exp(-r * r / (2 * g))

    pts = [mp.mpf(0)] + [mp.mpf(10) ** k for k in range(-12, 41)] + [mp.inf]
    return mp.quad(f, pts, maxdegree=10)


if __name__ == "__main__":
    h = mp.sqrt(2) / 2
    for t, n in [("1732", 3), ("1732.0508075688772", 3), ("17321", 3), ("17320.508075688772", 3),
                 ("173205", 3), ("173205.08075688772", 3), ("3385", 8), ("338900", 8),
                 ("4", "1e6"), ("37", "1e6")]:
        print(f"t = {t}, n = {n}: BF10 = {mp.nstr(bf(t, n, h), 20)}")
    # beyond the range of a double: ln BF10 (jzs_ln_bf10)
    for t, n in [("50", "1e4"), ("1e6", "1e6"), ("338900", "8")]:
        print(f"t = {t}, n = {n}: ln BF10 = {mp.nstr(mp.log(bf(t, n, h)), 20)}")
