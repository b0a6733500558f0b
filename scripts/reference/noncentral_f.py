#!/usr/bin/env python3
"""Reference values of the noncentral F CDF, P(F <= f; d1, d2, ncp), and its upper tail.

Each tail is the Poisson mixture of regularized incomplete beta functions (Johnson, Kotz &
Balakrishnan 1995, eq. 30.9),
    P(F <= f) = sum_j e^-c c^j/j! I_x(d1/2 + j, d2/2),  x = d1 f/(d1 f + d2), c = ncp/2,
    P(F > f)  = sum_j e^-c c^j/j! I_{1-x}(d2/2, d1/2 + j),
summed in mpmath at 60 significant digits over every j from max(0, c - 40 sqrt(c) - 60) to
c + 40 sqrt(c) + 60 (the weights outside are below 1e-340 of the sum's). I and its complement
at the first j come from their power series; the later ones from I(a+1) = I(a) - g(a), g(a) = x^a (1-x)^b/(a B(a,b)), in
60-digit arithmetic (two million steps cost under 10 of the 60 digits).
As an independent check, scipy.special.ncfdtr (Boost's noncentral beta) is printed beside.

Writes tests/data/noncentral_f/mpmath.in (a Rust array literal).
Run: python3 scripts/reference/noncentral_f.py   (mpmath 1.3.0, scipy 1.17.1)
"""
import os
import mpmath as mp
from scipy import special

mp.mp.dps = 60

def beta_series(a, b, x, y):
    """I_x(a, b) = x^a y^b / (a B(a, b)) * sum_n (a+b)_n/(a+1)_n x^n."""
    front = mp.exp(a * mp.log(x) + b * mp.log(y) - mp.log(a) - mp.log(mp.beta(a, b)))
    term = mp.mpf(1)
    total = mp.mpf(1)
    n = 0
    while True:
        term *= (a + b + n) / (a + 1 + n) * x
        total += term
        n += 1
        if term < total * mp.mpf(10) ** (-mp.mp.dps) and (a + b + n) * x < (a + 1 + n):
            break
    return front * total


def tails(f, d1, d2, ncp):
    f, d1, d2, ncp = mp.mpf(f), mp.mpf(d1), mp.mpf(d2), mp.mpf(ncp)
    x = d1 * f / (d1 * f + d2)
    y = d2 / (d1 * f + d2)
    a, b, c = d1 / 2, d2 / 2, ncp / 2
    j0 = int(max(0, mp.floor(c - 40 * mp.sqrt(c) - 60)))
    j1 = int(mp.ceil(c + 40 * mp.sqrt(c) + 60))
    s = a + j0
    # I and its complement at the first j by the power series (Abramowitz & Stegun 26.5.4) on the
    # side where it converges fast, the other as 1 minus it (at 60 digits)
    if x < (s + 1) / (s + b + 2):
        i = beta_series(s, b, x, y)
        ic = 1 - i
    else:
        ic = beta_series(b, s, y, x)
        i = 1 - ic
    g = mp.exp(s * mp.log(x) + b * mp.log(y) - mp.log(s) - mp.log(mp.beta(s, b)))
    w = mp.exp(-c + j0 * mp.log(c) - mp.loggamma(j0 + 1)) if c > 0 else mp.mpf(1 if j0 == 0 else 0)
    lower = mp.mpf(0)
    upper = mp.mpf(0)
    for j in range(j0, j1 + 1):
        lower += w * i
        upper += w * ic
        # next j
        i -= g
        ic += g
        g *= x * (s + b) / (s + 1)
        s += 1
        w *= c / (j + 1)
    return lower, upper

CASES = [
    # (f, d1, d2, ncp)
    (2.0, 3, 20, 1.0),
    (0.5, 2, 27, 0.3),
    (4.0, 2, 27, 8.0),
    (4.0, 2, 27, 25.0),
    (1.2, 5, 66, 2.0),
    (3.4, 5, 66, 40.0),
    (50.0, 3, 20, 100.0),
    (0.2, 3, 20, 100.0),          # tiny lower tail
    (100.0, 3, 20, 5.0),          # tiny upper tail
    (0.05, 1, 10, 0.5),
    (1e-4, 4, 100, 3.0),          # f near 0
    (1e5, 4, 100, 3.0),           # f huge
    (2.5, 1, 1, 1.5),             # df 1, 1
    (1.1, 0.5, 3.7, 2.2),         # fractional df
    (30.0, 4, 2795, 100.0),
    (1.0, 4, 2795, 1e-8),         # ncp near 0
    (336.0, 10, 1e6, 3300.0),
    (1.01, 50, 1e6, 60.0),
    (700.0, 2, 60, 1500.0),
    (3500.0, 2, 60, 7000.0),
    (1000.0, 3, 1000, 3000.0),
    (12000.0, 2, 5000, 24000.0),
    (5e4, 3, 1e4, 1.5e5),
    (1e5, 2, 1e5, 2e5),
    (3.4e5, 3, 1e6, 1e6),
    (1e6, 2, 1e6, 2.01e6),
    (2e6 / 3, 3, 20, 2e6),            # R's pf: 0.45731 ("full precision may not have been achieved")
    (1e7 / 3, 3, 20, 1e7),            # R's pf: 0.0026336 (convergence failed)
    (10000000.0 / 3 + 1, 3, 40, 1e7),
    (100000000.0 / 3 + 1, 3, 40, 1e8),
    (1000000000.0 / 3 + 1, 3, 40, 1e9),
]

def fmt(v):
    return mp.nstr(v, 17, min_fixed=-1, max_fixed=-1) if v != 0 else "0.0"

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "..", "tests", "data", "noncentral_f", "mpmath.in")
rows = []
for (f, d1, d2, ncp) in CASES:
    lo, up = tails(f, d1, d2, ncp)
    sc = special.ncfdtr(d1, d2, ncp, f)
    print(f"f={f} d1={d1} d2={d2} ncp={ncp}: lower={mp.nstr(lo, 20)} upper={mp.nstr(up, 20)} "
          f"scipy lower={sc!r} rel.diff={float(abs(sc - lo) / lo) if lo > 0 else float('nan'):.2e}")
    def lit(v):
        s = mp.nstr(v, 17, min_fixed=1, max_fixed=0)
        if "e" not in s and "." not in s:
            s += ".0"
        return s
    rows.append("    (%s, %s, %s, %s, %s, %s)," % (lit(mp.mpf(f)), lit(mp.mpf(d1)), lit(mp.mpf(d2)),
                                                lit(mp.mpf(ncp)), lit(lo), lit(up)))
with open(out, "w") as fh:
    fh.write("// made by scripts/reference/noncentral_f.py (mpmath 1.3.0, 60 digits)\n[\n")
    fh.write("\n".join(rows) + "\n]\n")
print("wrote", out)
