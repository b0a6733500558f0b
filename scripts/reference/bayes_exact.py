"""The JZS Bayes factor of a one-sample t-test to 30 digits (issue 16), by the g-form of Rouder
et al. (2009, eq. 1): with N the sample size, nu = N - 1 and g ~ InverseGamma(1/2, r^2/2),

  BF10 = int_0^inf (1 + N g)^(-1/2) (1 + t^2 / ((1 + N g) nu))^(-(nu + 1)/2)
         / (1 + t^2/nu)^(-(nu + 1)/2) * p(g) dg,

an integral of elementary functions, independent of the noncentral t that prepost integrates.
BayesFactor switches to a Laplace approximation for large t ("t is large; approximation
invoked"); this is the reference there.

    python3 scripts/reference/bayes_exact.py
"""
from mpmath import mp, mpf, quad, sqrt, exp, gamma, inf, fsum

mp.dps = 40


def bf10(d, r):
    n = len(d)
    m = fsum(mpf(x) for x in d) / n
    sd = sqrt(fsum((mpf(x) - m) ** 2 for x in d) / (n - 1))
    t = m / (sd / sqrt(n))
    nu = n - 1

    def prior(g):  # inverse gamma(1/2, r^2/2)
        b = mpf(r) ** 2 / 2
        return sqrt(b) / gamma(mpf(1) / 2) * g ** (-mpf(3) / 2) * exp(-b / g)

    def f(g):
        return (1 + n * g) ** (-mpf(1) / 2) * (1 + t**2 / ((1 + n * g) * nu)) ** (-(nu + 1) / mpf(2)) * prior(g)

    null = (1 + t**2 / nu) ** (-(nu + 1) / mpf(2))
    return quad(f, [0, mpf(1) / 100, 1, 100, inf]) / null


d = [3, 1, 4, -1, 5, 2, 6, 0, 2, 3, 1]
print("d, r = sqrt(2)/2:", mp.nstr(bf10(d, sqrt(2) / 2), 20))
d3 = [10.1, 10.3, 9.8, 10.0, 10.2, 9.9]
print("d3, r = sqrt(2)/2:", mp.nstr(bf10(d3, sqrt(2) / 2), 20))
