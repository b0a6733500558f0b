#!/usr/bin/env python3
"""The central t beyond 3e4 degrees of freedom (src/stats/distributions.rs: T_HILL_MIN_DF,
hill_z): P(T <= -|t|) = I_{nu/(nu+t^2)}(nu/2, 1/2)/2 at 50 digits (mpmath.betainc) on a grid
of nu and t; each line "nu t P ln(P)" for examples/t_grid_check.rs to compare (issue 27: at
nu = 1e16 the continued fraction stopped at once, pt(1.96, 1e16) = 0.9794).

    python3 scripts/reference/t_large_df.py > scripts/output/t_large_df.txt
"""
import mpmath as mp

mp.mp.dps = 50

for nu in ["3e4", "3.0001e4", "1e5", "4e5", "1e6", "1e8", "1e10", "1e12", "1e16", "1e20"]:
    for t in ["0.1", "1", "1.96", "3", "6", "10", "20", "30", "38", "50"]:
        n, x = mp.mpf(nu), mp.mpf(t)
        p = mp.betainc(n / 2, mp.mpf(1) / 2, 0, n / (n + x * x), regularized=True) / 2
        print(nu, t, mp.nstr(p, 25), mp.nstr(mp.log(p), 25))
