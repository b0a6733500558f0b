"""40-digit noncentral chi-squared tails: sum_j Pois(j; ncp/2) * P(df/2 + j, x/2) (mpmath
gammainc, regularized), summed until the terms vanish. Usage: python3 pnchisq_mpmath.py"""
from mpmath import mp, mpf, gammainc, exp, log, loggamma, inf

mp.dps = 40
cases = [(5, 2, 1), (12.3, 4, 3), (0.5, 1, 0.2), (30, 6, 10), (2, 3, 20), (100, 10, 80),
         (150, 9, 100), (400, 12, 350), (1, 5, 50), (90, 2, 1), (3.84, 1, 7.8),
         (55.5, 20, 30.25), (1000, 30, 900), (0.01, 2, 0.5)]
for x, df, ncp in cases:
    x, df, ncp = mpf(repr(float(x))), mpf(df), mpf(repr(float(ncp)))
    mu, y = ncp / 2, x / 2
    lo = up = mpf(0)
    j = 0
    while True:
        w = exp(-mu + j * log(mu) - loggamma(j + 1))
        a = df / 2 + j
        p = gammainc(a, 0, y, regularized=True)
        q = gammainc(a, y, inf, regularized=True)
        lo += w * p
        up += w * q
        if j > mu + 20 and w < mpf(10) ** -45:
            break
        j += 1
    print(mp.nstr(x, 17), mp.nstr(df, 5), mp.nstr(ncp, 17), mp.nstr(lo, 20), mp.nstr(up, 20))
