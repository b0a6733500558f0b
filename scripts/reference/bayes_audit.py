# The JZS Bayes factors of issue 27's findings 1 and 12 (tests/cli/audit.rs): pre = 100..107,
# post = pre + 1 + (-1)^i * eps, n = 8, eps = 1e-3 and 1e-5; Cauchy prior r = sqrt(2)/2.
# BF10 = integral over g of (1+ng)^(-1/2) (1 + t^2/((1+ng) nu))^(-(nu+1)/2) / (1 + t^2/nu)^(-(nu+1)/2)
#        * r/sqrt(2 pi) g^(-3/2) exp(-r^2/(2g)) dg      (Rouder et al. 2009, eq. 1), 40 digits.
#   python3 scripts/reference/bayes_audit.py
import mpmath as mp
mp.mp.dps = 40
def t_of(eps):
    d = [mp.mpf(1) + (1 if i % 2 == 0 else -1) * mp.mpf(eps) for i in range(8)]
    # the differences as the CSV holds them: x + 1 ± eps printed by Rust's {} and read back
    n = len(d); m = sum(d) / n
    sd = mp.sqrt(sum((x - m) ** 2 for x in d) / (n - 1))
    return m / (sd / mp.sqrt(n)), n
def bf10(t, n, r=mp.sqrt(2) / 2):
    nu = n - 1
    def f(g):
        return ((1 + n * g) ** mp.mpf(-0.5) * (1 + t * t / ((1 + n * g) * nu)) ** (-(nu + 1) / mp.mpf(2))
                * r / mp.sqrt(2 * mp.pi) * g ** mp.mpf(-1.5) * mp.exp(-r * r / (2 * g)))
    # ln g from -60 to 60, split where the integrand peaks (g ~ t^2/n)
    peak = mp.log(t * t / n)
    pts = [mp.mpf(-60), peak - 20, peak - 5, peak, peak + 5, peak + 20, mp.mpf(80)]
    num = mp.quad(lambda s: f(mp.exp(s)) * mp.exp(s), pts)
    return num / (1 + t * t / nu) ** (-(nu + 1) / mp.mpf(2))
for eps in ["0.001", "0.00001"]:
    t, n = t_of(eps)
    print(eps, "t =", mp.nstr(t, 20), "BF10 =", mp.nstr(bf10(t, n), 20))
