"""Reference for the studentized range with k = 2 means: Q/sqrt(2) = |t_nu|, so
P(Q > q) = I_{nu/(nu + q^2/2)}(nu/2, 1/2) (regularized incomplete beta), at 40 digits (mpmath).
Usage: python3 tukey_k2_mpmath.py  -> lines "q df upper lower"."""
from mpmath import mp, mpf, betainc, inf

mp.dps = 40
for df in ["1", "2", "3.5", "10", "57", "1000", "1e6"]:
    for q in ["0.001", "0.5", "2", "5", "15", "60", "1000"]:
        nu, qq = mpf(df), mpf(q)
        up = betainc(nu / 2, mpf(1) / 2, 0, nu / (nu + qq * qq / 2), regularized=True)
        print(q, df, mp.nstr(up, 20), mp.nstr(1 - up, 20))
