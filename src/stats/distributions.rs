//! Probability distributions that statrs lacks or computes less accurately than R.
//!
//! statrs supplies `ln_gamma` and a starting value for the normal quantile (`erfc_inv`). On top
//! of them this module builds the normal distribution to full precision, the regularized incomplete beta function (continued fraction with an accurate prefactor), the
//! central t and F distributions with R's accuracy in the tails, their quantiles (Newton steps
//! on the accurate CDF), and the noncentral t CDF (Lenth 1989, Applied Statistics algorithm
//! AS 243), which statrs does not have. Each function is tested against R in the unit tests.

use statrs::function::erf::erfc_inv;
use statrs::function::gamma::ln_gamma;
use std::f64::consts::SQRT_2;

/// ln √(2π)
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

// ---------------------------------------------------------------------------------------------
// Normal distribution

/// Standard normal lower and upper tails (Φ(x), 1 − Φ(x)), each to full relative precision.
///
/// For |x| ≤ 2.5 the series Φ(x) = ½ + φ(x)·Σ x^{2k+1}/(2k+1)!! (all terms of one sign;
/// Marsaglia 2004, J. Stat. Software 11(4)); beyond, the tail is φ(|x|) times Laplace's
/// continued fraction for Mills' ratio 1/(x + 1/(x + 2/(x + 3/(x + …)))) (Abramowitz & Stegun
/// 26.2.14), evaluated by the modified Lentz method. (statrs' `erfc` is only good to ~1e-10
/// relative, too coarse for p-values that must agree with R to 1e-10.)
pub fn pnorm_tails(x: f64) -> (f64, f64) {
    if x.is_nan() {
        return (f64::NAN, f64::NAN);
    }
    let ax = x.abs();
    if ax <= 2.5 {
        let x2 = x * x;
        let mut term = x;
        let mut sum = x;
        let mut k = 1.0;
        while term.abs() > 1e-17 * sum.abs() {
            term *= x2 / (2.0 * k + 1.0);
            sum += term;
            k += 1.0;
        }
        let half = dnorm(x) * sum;
        return (0.5 + half, 0.5 - half);
    }
    let tail = if ax > 38.5 {
        0.0
    } else {
        dnorm(ax) * mills_ratio(ax)
    };
    if x < 0.0 {
        (tail, 1.0 - tail)
    } else {
        (1.0 - tail, tail)
    }
}

/// Mills' ratio (1 − Φ(x))/φ(x) for x > 0 by its continued fraction (modified Lentz).
fn mills_ratio(x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut f = x;
    let mut c = x;
    let mut d = 0.0;
    for k in 1..5000 {
        let a = f64::from(k);
        d = x + a * d;
        if d.abs() < TINY {
            d = TINY;
        }
        d = 1.0 / d;
        c = x + a / c;
        if c.abs() < TINY {
            c = TINY;
        }
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    1.0 / f
}

/// Standard normal CDF Φ(x) (R: `pnorm(x)`).
pub fn pnorm(x: f64) -> f64 {
    pnorm_tails(x).0
}

/// Standard normal upper tail 1 − Φ(x) (R: `pnorm(x, lower.tail = FALSE)`).
pub fn pnorm_upper(x: f64) -> f64 {
    pnorm_tails(x).1
}

/// Standard normal density φ(x).
pub fn dnorm(x: f64) -> f64 {
    (-0.5 * x * x - LN_SQRT_2PI).exp()
}

/// Standard normal quantile Φ⁻¹(p) (R: `qnorm(p)`): statrs' `erfc_inv` as the start, polished
/// by Newton steps on the accurate [`pnorm`].
pub fn qnorm(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    if p > 0.5 {
        // 1 − p is exact for p in [0.5, 1] (Sterbenz), so the symmetry costs nothing.
        return -qnorm(1.0 - p);
    }
    let mut x = -SQRT_2 * erfc_inv(2.0 * p);
    for _ in 0..3 {
        let dens = dnorm(x);
        if !(dens > 0.0 && x.is_finite()) {
            break;
        }
        let next = x - (pnorm(x) - p) / dens;
        if next == x {
            break;
        }
        x = next;
    }
    x
}

// ---------------------------------------------------------------------------------------------
// Gamma and beta functions

/// ln Γ(x) for x > 0 (statrs' Lanczos approximation).
pub fn lgamma(x: f64) -> f64 {
    ln_gamma(x)
}

/// The remainder of Stirling's series for x ≥ 10:
/// ln Γ(x) − [(x − ½) ln x − x + ln √(2π)] = Σ B₂ₖ / (2k(2k − 1) x^{2k−1}).
/// Nine terms give full double precision at x = 10 (the ninth is 1.8e-18).
fn lgamma_correction(x: f64) -> f64 {
    const C: [f64; 9] = [
        1.0 / 12.0,
        -1.0 / 360.0,
        1.0 / 1260.0,
        -1.0 / 1680.0,
        1.0 / 1188.0,
        -691.0 / 360_360.0,
        1.0 / 156.0,
        -3617.0 / 122_400.0,
        43867.0 / 244_188.0,
    ];
    let x2 = 1.0 / (x * x);
    let mut acc = 0.0;
    for c in C.iter().rev() {
        acc = acc * x2 + c;
    }
    acc / x
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), without the cancellation of the naive form
/// when an argument is large (the large Γ terms are combined analytically via Stirling's series,
/// as in R's `lbeta`).
pub fn lbeta(a: f64, b: f64) -> f64 {
    let (p, q) = if a < b { (a, b) } else { (b, a) };
    if p >= 10.0 {
        let corr = lgamma_correction(p) + lgamma_correction(q) - lgamma_correction(p + q);
        -0.5 * q.ln()
            + LN_SQRT_2PI
            + corr
            + (p - 0.5) * (p / (p + q)).ln()
            + q * (-p / (p + q)).ln_1p()
    } else if q >= 10.0 {
        let corr = lgamma_correction(q) - lgamma_correction(p + q);
        lgamma(p) + corr + p - p * (p + q).ln() + (q - 0.5) * (-p / (p + q)).ln_1p()
    } else {
        lgamma(p) + lgamma(q) - lgamma(p + q)
    }
}

/// The regularized incomplete beta function and its complement, (I_x(a, b), 1 − I_x(a, b)).
///
/// `y` must be 1 − x, passed separately so callers that know it accurately (the t and F
/// distributions) lose nothing to cancellation. The continued fraction (Abramowitz & Stegun
/// 26.5.8) is evaluated by the modified Lentz method on whichever side converges
/// (x < (a + 1)/(a + b + 2)); the prefactor x^a y^b / B(a, b) is computed in logs with [`lbeta`].
pub fn beta_reg_pair(a: f64, b: f64, x: f64, y: f64) -> (f64, f64) {
    debug_assert!(a > 0.0 && b > 0.0);
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    if y <= 0.0 {
        return (1.0, 0.0);
    }
    if x < (a + 1.0) / (a + b + 2.0) {
        let v = beta_cf_side(a, b, x, y);
        (v, 1.0 - v)
    } else {
        let v = beta_cf_side(b, a, y, x);
        (1.0 - v, v)
    }
}

/// ln(x^a y^b / B(a, b)), y = 1 − x, given ln x and ln y. When a and b are both large the
/// closed form a·ln x + b·ln y − ln B(a, b) cancels terms of size a + b (1e-10 of the result
/// lost at a, b ≈ 10⁶); there, with n = a + b, x^a y^b / B(a, b) = (a·b/n)·p(a; n·x)·p(b; n·y) /
/// p(n; n) for the Poisson density p, each factor in Loader's (2000) saddle-point form, as R's
/// `dbinom_raw` (TOMS 708's `brcomp` avoids the same cancellation in R's `pbeta`).
pub(crate) fn ln_beta_front(a: f64, b: f64, x: f64, y: f64, ln_x: f64, ln_y: f64) -> f64 {
    if a.min(b) < 10.0 {
        return a * ln_x + b * ln_y - lbeta(a, b);
    }
    // n·x and n·y must add up to n exactly (their e^{−n·x}·e^{−n·y} is e^{−n}): the smaller
    // of x and y is the accurate one, the other Poisson mean is n minus its mean
    let n = a + b;
    let (mx, my) = if x <= y {
        let mx = n * x;
        (mx, n - mx)
    } else {
        let my = n * y;
        (n - my, my)
    };
    (a * b / n).ln() + ln_dpois(a, mx) + ln_dpois(b, my) - ln_dpois(n, n)
}

/// I_x(a, b) by its continued fraction; accurate when x < (a + 1)/(a + b + 2).
fn beta_cf_side(a: f64, b: f64, x: f64, y: f64) -> f64 {
    let ln_x = if x < 0.5 { x.ln() } else { (-y).ln_1p() };
    let ln_y = if y < 0.5 { y.ln() } else { (-x).ln_1p() };
    let front = ln_beta_front(a, b, x, y, ln_x, ln_y).exp() / a;
    if front == 0.0 {
        return 0.0;
    }
    front * beta_cf(a, b, x)
}

/// ln I_x(a, b) by the continued fraction of [`beta_cf_side`], for values below the range of a
/// double: ln of its prefactor plus ln of the fraction.
fn beta_cf_side_ln(a: f64, b: f64, x: f64, y: f64) -> f64 {
    let ln_x = if x < 0.5 { x.ln() } else { (-y).ln_1p() };
    let ln_y = if y < 0.5 { y.ln() } else { (-x).ln_1p() };
    a * ln_x + b * ln_y - lbeta(a, b) - a.ln() + beta_cf(a, b, x).ln()
}

/// The continued fraction of I_x(a, b) without its prefactor (A&S 26.5.8, modified Lentz).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-16;
    let mut f = 1.0;
    let mut c = 1.0;
    let mut d = 0.0;
    for i in 0..200_000u32 {
        let m = f64::from(i / 2);
        let numerator = if i == 0 {
            1.0
        } else if i % 2 == 0 {
            m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m))
        } else {
            -((a + m) * (a + b + m) * x) / ((a + 2.0 * m) * (a + 2.0 * m + 1.0))
        };
        d = 1.0 + numerator * d;
        if d.abs() < TINY {
            d = TINY;
        }
        d = 1.0 / d;
        c = 1.0 + numerator / c;
        if c.abs() < TINY {
            c = TINY;
        }
        let cd = c * d;
        f *= cd;
        if (1.0 - cd).abs() < EPS {
            return f - 1.0;
        }
    }
    f - 1.0
}

// ---------------------------------------------------------------------------------------------
// Student's t distribution

/// Lower and upper tail of the central t distribution, (P(T ≤ t), P(T > t)).
///
/// P(T ≤ −|t|) = ½ I_{ν/(ν+t²)}(ν/2, ½) up to ν = [`T_HILL_MIN_DF`], as R ≥ 4.0's `pt`; beyond,
/// Hill's normalizing transformation ([`hill_z`]), where the continued fraction of I_x(ν/2, ½)
/// stops early (its steps differ from 1 by less than 1e-16 long before it converges: at
/// ν = 10¹⁶ `pt(1.96, ν)` came out 0.9794 instead of 0.9750).
pub fn pt_tails(t: f64, df: f64) -> (f64, f64) {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return (f64::NAN, f64::NAN);
    }
    if t.is_infinite() {
        return if t > 0.0 { (1.0, 0.0) } else { (0.0, 1.0) };
    }
    if df > T_HILL_MIN_DF {
        let (below, above) = pnorm_tails(hill_z(t.abs(), df));
        return if t < 0.0 {
            (above, below)
        } else {
            (below, above)
        };
    }
    let t2 = t * t;
    // x = ν/(ν+t²), y = t²/(ν+t²), each computed directly.
    let (x, y) = if t2.is_finite() {
        (df / (df + t2), t2 / (df + t2))
    } else {
        (0.0, 1.0)
    };
    let (ix, _) = beta_reg_pair(df / 2.0, 0.5, x, y);
    let tail = 0.5 * ix;
    if t < 0.0 {
        (tail, 1.0 - tail)
    } else {
        (1.0 - tail, tail)
    }
}

/// Above this many degrees of freedom the central t distribution is computed by Hill's
/// transformation ([`hill_z`]): against 50-digit values of I_x(ν/2, ½)/2 (mpmath) on a grid of
/// ν from 3·10⁴ to 10²⁰ and |t| from 0.1 to 50 the tail P(T ≤ −|t|) is right to 5e-13
/// (relative; where it is below 1e-300, ln P to 5e-13 absolute), while the continued fraction
/// drifts from 1.5e-12 (ν = 3·10⁴) to 1e-9 (10⁵) and 0.17 (10¹⁶)
/// (scripts/reference/t_large_df.py, checked by examples/t_grid_check.rs). R's `pt` switches
/// at ν = 4·10⁵ to the cruder A&S 26.7.8.
pub const T_HILL_MIN_DF: f64 = 3e4;

/// Hill's (1970, Comm. ACM 13, Algorithm 395) normalizing transformation of Student's t for
/// large ν: with a = ν − ½, b = 48a² and w² = a·ln(1 + t²/ν),
///
///   z = w·[1 + (w² + 3 + (−0.4w⁶ − 3.3w⁴ − 24w² − 85.5)/(0.8w⁴ + 100 + b))/b],
///
/// P(T > |t|) = 1 − Φ(z). The expansion is in powers of 1/b = 1/(48a²): its next term is of
/// order w¹¹/b³, below 1e-17 for ν ≥ 3·10⁴ and |t| ≤ 50.
pub fn hill_z(t_abs: f64, df: f64) -> f64 {
    let a = df - 0.5;
    let b = 48.0 * a * a;
    let q = t_abs * t_abs / df;
    // ln(1 + t²/ν), with t² beyond overflow through ln t
    let l = if q.is_finite() {
        q.ln_1p()
    } else {
        2.0 * t_abs.ln() - df.ln()
    };
    let y = a * l;
    let corr = (((-0.4 * y - 3.3) * y - 24.0) * y - 85.5) / (0.8 * y * y + 100.0 + b);
    ((corr + y + 3.0) / b + 1.0) * y.sqrt()
}

/// ln(1 − Φ(x)) (R: `pnorm(x, lower.tail = FALSE, log.p = TRUE)`), also where 1 − Φ(x)
/// underflows or is subnormal: beyond x = 2.5 (where [`pnorm_tails`] uses it too)
/// −x²/2 − ln √(2π) + ln of Mills' ratio.
pub fn pnorm_ln_upper(x: f64) -> f64 {
    if x > 2.5 {
        -0.5 * x * x - LN_SQRT_2PI + mills_ratio(x).ln()
    } else {
        pnorm_upper(x).ln()
    }
}

/// P(T ≤ t) for Student's t with `df` degrees of freedom (R: `pt(t, df)`).
pub fn pt(t: f64, df: f64) -> f64 {
    pt_tails(t, df).0
}

/// P(T > t) (R: `pt(t, df, lower.tail = FALSE)`).
pub fn pt_upper(t: f64, df: f64) -> f64 {
    pt_tails(t, df).1
}

/// ln P(T ≤ t) for Student's t with `df` degrees of freedom (R: `pt(t, df, log.p = TRUE)`),
/// accurate where P itself is below the range of a double (t ≪ 0): there ln ½I_{ν/(ν+t²)}(ν/2, ½)
/// by the logarithm of the continued fraction's prefactor.
pub fn pt_ln_lower(t: f64, df: f64) -> f64 {
    let (lower, upper) = pt_tails(t, df);
    if t >= 0.0 || lower > 1e-280 || t.is_nan() || df.is_nan() || df <= 0.0 {
        return if lower > 0.5 {
            (-upper).ln_1p()
        } else {
            lower.ln()
        };
    }
    if t.is_infinite() {
        return f64::NEG_INFINITY;
    }
    if df > T_HILL_MIN_DF {
        return pnorm_ln_upper(hill_z(-t, df));
    }
    // x = ν/(ν + t²) and y = t²/(ν + t²), with t² beyond overflow written through ν/t
    let r = df / t;
    let (x, y) = if (t * t).is_finite() {
        (df / (df + t * t), t * t / (df + t * t))
    } else {
        (r / t, 1.0 - r / t)
    };
    let (a, b) = (df / 2.0, 0.5);
    if x < (a + 1.0) / (a + b + 2.0) {
        beta_cf_side_ln(a, b, x, y) - std::f64::consts::LN_2
    } else {
        lower.ln()
    }
}

/// Density of Student's t.
pub fn dt(t: f64, df: f64) -> f64 {
    let ln = -lbeta(0.5, df / 2.0) - 0.5 * df.ln() - (df + 1.0) / 2.0 * (t * t / df).ln_1p();
    ln.exp()
}

/// Quantile of Student's t: the t with P(T ≤ t) = p (R: `qt(p, df)`).
///
/// Starts from the Cornish–Fisher expansion around the normal quantile and polishes with
/// Newton steps on [`pt`], safeguarded by bisection, to full precision.
pub fn qt(p: f64, df: f64) -> f64 {
    if p.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    if p == 0.5 {
        return 0.0;
    }
    if p > 0.5 {
        return -qt(1.0 - p, df);
    }
    // p < 0.5: the answer is negative; solve pt(t) = p.
    let z = qnorm(p);
    // Cornish–Fisher start (Abramowitz & Stegun 26.7.5); crude for small df, fixed by Newton.
    let g1 = (z.powi(3) + z) / 4.0;
    let g2 = (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / 96.0;
    let mut t = z + g1 / df + g2 / (df * df);
    if !t.is_finite() || t >= 0.0 {
        t = z;
    }
    // Bracket [lo, hi] with pt(lo) <= p <= pt(hi); hi = 0.
    let mut hi = 0.0;
    let mut lo = t.min(-1.0);
    while pt(lo, df) > p {
        hi = lo;
        lo *= 2.0;
        if !lo.is_finite() {
            return f64::NEG_INFINITY;
        }
    }
    if !(lo..=hi).contains(&t) {
        t = 0.5 * (lo + hi);
    }
    for _ in 0..200 {
        let f = pt(t, df) - p;
        if f > 0.0 {
            hi = t;
        } else {
            lo = t;
        }
        let step = f / dt(t, df);
        let mut next = t - step;
        if !next.is_finite() || next <= lo || next >= hi {
            next = 0.5 * (lo + hi);
        }
        if (next - t).abs() <= 4.0 * f64::EPSILON * t.abs() {
            return next;
        }
        t = next;
    }
    t
}

// ---------------------------------------------------------------------------------------------
// Chi-squared distribution

/// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a), for a > 0, x ≥ 0:
/// the power series of P (Abramowitz & Stegun 6.5.29) below x = a + 1, the continued fraction
/// of Q (A&S 6.5.31, modified Lentz) above it; the prefactor x^a e^−x / Γ(a) in logs.
pub fn gamma_q(a: f64, x: f64) -> f64 {
    if x.is_nan() || a.is_nan() || a <= 0.0 || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    let log_prefix = a * x.ln() - x - lgamma(a);
    if x < a + 1.0 {
        // P(a, x) = x^a e^−x / Γ(a + 1) · Σ x^n / ((a + 1)…(a + n))
        let (mut term, mut sum, mut ap) = (1.0 / a, 1.0 / a, a);
        for _ in 0..10_000 {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * 1e-17 {
                break;
            }
        }
        1.0 - (log_prefix + sum.ln()).exp()
    } else {
        // Q(a, x) = prefix · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …))
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..10_000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < 1e-16 {
                break;
            }
        }
        (log_prefix).exp() * h
    }
}

/// Upper tail of the chi-squared distribution, P(X > x) with `df` degrees of freedom
/// (R: `pchisq(x, df, lower.tail = FALSE)`) = Q(df/2, x/2).
pub fn pchisq_upper(x: f64, df: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    gamma_q(df / 2.0, x / 2.0)
}

// ---------------------------------------------------------------------------------------------
// F distribution

/// Lower and upper tail of the F distribution with (d1, d2) degrees of freedom:
/// P(F ≤ f) = I_{d1 f/(d1 f + d2)}(d1/2, d2/2).
pub fn pf_tails(f: f64, d1: f64, d2: f64) -> (f64, f64) {
    if f.is_nan() || d1 <= 0.0 || d2 <= 0.0 {
        return (f64::NAN, f64::NAN);
    }
    if f <= 0.0 {
        return (0.0, 1.0);
    }
    if f.is_infinite() {
        return (1.0, 0.0);
    }
    let x = d1 * f / (d1 * f + d2);
    let y = d2 / (d1 * f + d2);
    beta_reg_pair(d1 / 2.0, d2 / 2.0, x, y)
}

/// Quantile of the F distribution (R: `qf(p, d1, d2)`), by bisection on the log scale then
/// Brent's method on [`pf_tails`].
pub fn qf(p: f64, d1: f64, d2: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) || d1 <= 0.0 || d2 <= 0.0 {
        return f64::NAN;
    }
    if p == 0.0 {
        return 0.0;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    // Solve on whichever tail is smaller for relative accuracy.
    let g = |f: f64| {
        let (lo, up) = pf_tails(f, d1, d2);
        if p < 0.5 {
            lo - p
        } else {
            (1.0 - p) - up
        }
    };
    let (mut a, mut b) = (1.0, 1.0);
    while g(a) > 0.0 {
        a /= 2.0;
        if a < 1e-300 {
            return 0.0;
        }
    }
    while g(b) < 0.0 {
        b *= 2.0;
        if b > 1e300 {
            return f64::INFINITY;
        }
    }
    find_root(g, a, b, 1e-15)
}

// ---------------------------------------------------------------------------------------------
// Noncentral t distribution

/// Where R's `pt(t, df, ncp)` leaves the AS 243 series for a normal approximation: beyond
/// |δ| = √(2·ln2·1021) ≈ 37.62 (where the series' first Poisson weight e^{−δ²/2} underflows), or
/// df > 4·10⁵. [`pnt`] has no such switch; the tests use this to show where it differs from R.
pub const R_NCP_SWITCH: f64 = 37.621_889_143_202_37;

/// ln of the Poisson probability λ^k e^{−λ}/k!, accurate for large k and λ: Loader's (2000)
/// saddle-point form −stirlerr(k) − bd0(k, λ) − ½ ln(2πk), as R's `dpois_raw`.
pub(crate) fn ln_dpois(k: f64, lambda: f64) -> f64 {
    if k == 0.0 {
        return -lambda;
    }
    let stirlerr = if k >= 10.0 {
        lgamma_correction(k)
    } else {
        lgamma(k + 1.0) - (k + 0.5) * k.ln() + k - LN_SQRT_2PI
    };
    // bd0(k, λ) = k ln(k/λ) + λ − k, by its series when k is near λ (no cancellation)
    let bd0 = if (k - lambda).abs() < 0.1 * (k + lambda) {
        let v = (k - lambda) / (k + lambda);
        let mut s = (k - lambda) * v;
        let mut ej = 2.0 * k * v;
        let v2 = v * v;
        let mut j = 1.0;
        loop {
            ej *= v2;
            let next = s + ej / (2.0 * j + 1.0);
            if next == s {
                break s;
            }
            s = next;
            j += 1.0;
        }
    } else {
        k * (k / lambda).ln() + lambda - k
    };
    -stirlerr - bd0 - LN_SQRT_2PI - 0.5 * k.ln()
}

/// ln Γ(k + 1) − ln Γ(k + 3/2), without the cancellation of two large logarithms (Stirling's
/// series for k ≥ 10).
fn ln_gamma_ratio_half(k: f64) -> f64 {
    if k < 10.0 {
        return lgamma(k + 1.0) - lgamma(k + 1.5);
    }
    -(k + 0.5) * (0.5 / (k + 1.0)).ln_1p() - 0.5 * (k + 1.5).ln() + 0.5 + lgamma_correction(k + 1.0)
        - lgamma_correction(k + 1.5)
}

/// P(T ≤ t) for the noncentral t distribution with `df` degrees of freedom and noncentrality
/// `ncp` (R: `pt(t, df, ncp)`), accurate (to ~1e-14 absolute) for every t, ν and δ, at a cost
/// bounded independently of them.
///
/// Three methods, by region:
///
/// 1. ν ≤ [`T_HILL_MIN_DF`] and λ = δ²/2 ≤ [`PNT_SERIES_MAX_LAMBDA`]: the Poisson mixture of
///    incomplete beta functions (Lenth 1989, AS 243). For t ≥ 0, with x = t²/(t² + ν), b = ν/2:
///
///    ```text
///    P(T ≤ t) = Φ(−δ) + Σ_j [p_j I_x(j + ½, b) + q_j I_x(j + 1, b)],
///    p_j = ½ e^{−λ} λ^j / j!,  q_j = ½ e^{−λ} λ^j δ / (√2 Γ(j + 3/2)),
///    ```
///
///    summed from the mode of the Poisson weights, j = ⌊λ⌋, forward and backward, the incomplete
///    beta functions by their recurrences I_x(a + 1, b) = I_x(a, b) − x^a (1 − x)^b / (a B(a, b))
///    (Benton & Krishnamoorthy 2003), until the terms no longer change the sum (at most
///    24√λ + 100 terms). AS 243 starts at j = 0, whose weight e^{−λ} underflows beyond
///    δ ≈ 37.62; R then switches to a normal approximation (A&S 26.7.10) that is off by up to
///    1e-3 for small ν (docs/statistics.md).
/// 2. ν so large that the normal limit is exact ([`pnt_normal_limit`]).
/// 3. Otherwise the mixture over the χ² of the denominator ([`pnt_quadrature`]).
///
/// Negative t uses P(T ≤ t; δ) = P(T > −t; −δ). Agrees with a 40-digit quadrature to 1e-13
/// (scripts/reference/noncentral_t.py, scripts/reference/noncentral_t_extremes.py).
pub fn pnt(t: f64, df: f64, ncp: f64) -> f64 {
    if t.is_nan() || df.is_nan() || ncp.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if ncp == 0.0 {
        return pt(t, df);
    }
    if t.is_infinite() {
        return if t > 0.0 { 1.0 } else { 0.0 };
    }
    if t >= 0.0 {
        pnt_tails_nonnegative(t, df, ncp).0.clamp(0.0, 1.0)
    } else if pnorm(-ncp) == 0.0 {
        // P(T ≤ t) ≤ P(T ≤ 0) = Φ(−δ), which underflows (δ > 38.5): 0, as R
        0.0
    } else {
        pnt_tails_nonnegative(-t, df, -ncp).1.clamp(0.0, 1.0)
    }
}

/// The density of the noncentral t with `df` degrees of freedom and noncentrality `ncp` at x
/// (R `dt(x, df, ncp)`): (ν/|x|)·|F_{ν+2}(x√(1 + 2/ν)) − F_ν(x)| (Johnson, Kotz & Balakrishnan
/// 1995, 31.15; R's dnt), and at x = 0 its closed form.
pub fn dnt(x: f64, df: f64, ncp: f64) -> f64 {
    if x.abs() > (df * f64::EPSILON).sqrt() {
        let upper = pnt(x * (1.0 + 2.0 / df).sqrt(), df + 2.0, ncp);
        let lower = pnt(x, df, ncp);
        (df / x.abs()) * (upper - lower).abs()
    } else {
        (lgamma((df + 1.0) / 2.0)
            - lgamma(df / 2.0)
            - 0.5 * (std::f64::consts::PI.ln() + df.ln() + ncp * ncp))
            .exp()
    }
}

/// Up to λ = δ²/2 = 10⁴ (|δ| ≤ 141) [`pnt`] sums the Poisson mixture (at most ~2,500 terms);
/// beyond it integrates over the χ² ([`pnt_quadrature`]), whose cost does not grow with δ.
pub const PNT_SERIES_MAX_LAMBDA: f64 = 1e4;

/// (P(T ≤ t), P(T > t)) for t ≥ 0, by the method [`pnt`] describes.
fn pnt_tails_nonnegative(t: f64, df: f64, del: f64) -> (f64, f64) {
    if t == 0.0 {
        return pnorm_tails(-del);
    }
    if df <= T_HILL_MIN_DF && 0.5 * del * del <= PNT_SERIES_MAX_LAMBDA {
        let p = pnt_nonnegative(t, df, del);
        return (p, 1.0 - p);
    }
    pnt_normal_limit(t, df, del).unwrap_or_else(|| pnt_quadrature(t, df, del))
}

/// The noncentral t where ν is so large that its normal limit with one correction is exact.
///
/// With S = √(χ²_ν/ν), P(T ≤ t) = E Φ(tS − δ). Expanding Φ about tμ − δ, μ = E S, to third
/// order (Taylor with Lagrange's remainder), the first-order term vanishes and
///
///   P(T ≤ t) = Φ(u) − ½ u φ(u) t² Var S + R,  u = tμ − δ,  |R| ≤ (max|φ''|/6) |t|³ E|S − μ|³,
///
/// max|φ''| = φ(0) < 0.399. E|S − μ|³ ≤ (E(S − μ)⁴)^{3/4}, and since |S − 1| ≤ |S² − 1| and
/// E(χ²_ν/ν − 1)⁴ = 12(ν + 4)/ν³, Minkowski's inequality with |1 − μ| ≤ 1/(2ν) gives, for
/// ν ≥ 10¹⁰, (E(S − μ)⁴)^{1/4} ≤ 1.8613/√ν + 1/(2ν) < 1.862/√ν, so |R| < 0.431 |t|³ ν^{−3/2}.
/// μ = exp(−1/(4ν) + O(ν⁻³)) and Var S = 1 − μ² = −expm1(−1/(2ν)) + O(ν⁻³) (Stirling's series of
/// Γ(ν/2 + ½)/Γ(ν/2)), exact in double precision at ν ≥ 10¹⁰. Used when |R| < 1e-17; None
/// otherwise. (At ν = 10¹⁶ and |t| ≤ 4.6, i.e. every power computation at n = 10¹⁶.)
pub fn pnt_normal_limit(t: f64, df: f64, del: f64) -> Option<(f64, f64)> {
    if !(df >= 1e10 && 0.431 * t.abs().powi(3) * df.powf(-1.5) < 1e-17) {
        return None;
    }
    let u = t * (-0.25 / df).exp() - del;
    let var_s = -(-0.5 / df).exp_m1();
    let corr = 0.5 * u * dnorm(u) * t * t * var_s;
    let (below, above) = pnorm_tails(u);
    Some((below - corr, above + corr))
}

/// ln Γ(x) − [(x − ½) ln x − x + ln √(2π)], the remainder of Stirling's formula.
fn stirling_remainder(x: f64) -> f64 {
    if x >= 10.0 {
        lgamma_correction(x)
    } else {
        lgamma(x) - ((x - 0.5) * x.ln() - x + LN_SQRT_2PI)
    }
}

/// eˣ − 1 − x − x²/2, without cancellation for small x.
fn exp_m1_m2(x: f64) -> f64 {
    if x.abs() < 0.5 {
        // x³/3! + x⁴/4! + …: 18 terms bring the next below 1e-17 of the sum
        let (mut term, mut sum) = (x * x * x / 6.0, 0.0);
        for k in 4..22 {
            sum += term;
            term *= x / f64::from(k);
        }
        sum + term
    } else {
        x.exp_m1() - x - 0.5 * x * x
    }
}

/// (P(T ≤ t), P(T > t)) for t > 0 by integrating over the denominator: with V ~ χ²_ν written
/// V = ν e^{σy}, σ = √(2/ν), y has the density
///
///   p(y) = φ(y) exp(−(ν/2)(e^{σy} − 1 − σy − σ²y²/2) − c(ν/2)),
///
/// c the remainder of Stirling's formula for ln Γ (exact: the χ² density in these terms), a
/// standard normal density bent by the skewness of the χ², and
///
///   P(T ≤ t) = ∫ Φ(t e^{σy/2} − δ) p(y) dy,   P(T > t) = ∫ Φ(δ − t e^{σy/2}) p(y) dy.
///
/// The smaller of the two is integrated (the other is its complement), by adaptive
/// Gauss–Kronrod quadrature over [y₀, 10] where ln p(y₀) = −50 (ln p is concave: Newton from
/// the right), with break points at the quartiles of p and around y* where tS = δ, spaced by
/// the width 2/(σδ) of Φ's step there. At most [`super::quadrature::MAX_PANELS`] panels.
pub fn pnt_quadrature(t: f64, df: f64, del: f64) -> (f64, f64) {
    let half = 0.5 * df;
    let sigma = (2.0 / df).sqrt();
    let root_half = half.sqrt();
    let c = stirling_remainder(half) + LN_SQRT_2PI;
    let ln_p = |y: f64| -0.5 * y * y - half * exp_m1_m2(sigma * y) - c;
    // the left end: ln p(y) + 50 = 0, by Newton on the concave ln p from y = 0 (the first step
    // overshoots to the left, the next ones approach from there)
    let mut y_lo = -1.0;
    for _ in 0..60 {
        let g = ln_p(y_lo) + 50.0;
        // d/dy ln p = −y − √(ν/2)(e^{σy} − 1 − σy)
        let slope = -y_lo - root_half * (exp_m1_m2(sigma * y_lo) + 0.5 * (sigma * y_lo).powi(2));
        let next = y_lo - g / slope;
        if !next.is_finite() || (next - y_lo).abs() < 1e-3 {
            break;
        }
        y_lo = next.max(y_lo - 1e4);
    }
    let y_hi = 10.0;
    // t e^{σy/2} − δ as t·expm1(σy/2) + (t − δ): the naive form loses the precision of t there
    let gap = t - del;
    let arg = |y: f64| t * (0.5 * sigma * y).exp_m1() + gap;
    // the lower tail when t ≤ δ (then it is at most about ½), the upper one otherwise
    let lower = t <= del;
    let tail = |a: f64| if lower { pnorm(a) } else { pnorm_upper(a) };
    let integrand = |a: f64, y: f64| {
        let phi = tail(a);
        if phi == 0.0 {
            0.0
        } else {
            phi * ln_p(y).exp()
        }
    };
    let quad = |f: &dyn Fn(f64) -> f64, points: &mut Vec<f64>, lo: f64, hi: f64| -> f64 {
        points.retain(|p| p.is_finite() && *p >= lo && *p <= hi);
        points.push(lo);
        points.push(hi);
        points.sort_by(f64::total_cmp);
        points.dedup_by(|a, b| (*a - *b).abs() <= 1e-12 * (1.0 + a.abs()));
        crate::stats::quadrature::integrate_points(f, points, 1e-14, 1e-18).0
    };
    let base = || vec![-6.0, -3.0, -1.5, 0.0, 1.5, 3.0, 6.0];
    // tS = δ at y* = (2/σ) ln(δ/t); there Φ's argument changes by 1 over w = 2/(σδ)
    // (ln(δ/t) as ln1p(−(t − δ)/t): δ/t near 1 would lose the digits of the difference)
    let ratio = del / t;
    let ln_ratio = if (ratio - 1.0).abs() < 0.5 {
        (-gap / t).ln_1p()
    } else if ratio.is_normal() {
        ratio.ln()
    } else {
        del.ln() - t.ln()
    };
    let step = (del > 0.0).then(|| (2.0 / sigma * ln_ratio, 2.0 / (sigma * del)));
    const U: [f64; 11] = [
        -40.0, -12.0, -5.0, -2.0, -0.5, 0.0, 0.5, 2.0, 5.0, 12.0, 40.0,
    ];
    let v = match step {
        Some((y_star, w))
            if 160.0 * w < y_hi - y_lo && y_star + 40.0 * w > y_lo && y_star - 40.0 * w < y_hi =>
        {
            // a sharp step: beyond y* ± 40w Φ is 0 or 1 to 1e-300; within, y = y* + wu and
            // Φ's argument δ(e^{σwu/2} − 1) = δ·expm1(u/δ), exact to the step's own scale
            // however close y* lies to its neighbouring doubles
            let f = |y: f64| integrand(arg(y), y);
            let (a, b) = (y_star - 40.0 * w, y_star + 40.0 * w);
            let mut left = base();
            let mut right = base();
            let outer = if a > y_lo {
                quad(&f, &mut left, y_lo, a)
            } else {
                0.0
            } + if b < y_hi {
                quad(&f, &mut right, b, y_hi)
            } else {
                0.0
            };
            let g = |u: f64| w * integrand(del * (u / del).exp_m1(), y_star + w * u);
            let mut us = U.to_vec();
            let (u_lo, u_hi) = (
                ((y_lo - y_star) / w).max(-40.0),
                ((y_hi - y_star) / w).min(40.0),
            );
            outer + quad(&g, &mut us, u_lo, u_hi)
        }
        _ => {
            let mut points = base();
            if let Some((y_star, w)) = step {
                points.extend(U.iter().map(|u| y_star + u * w));
            }
            quad(&|y: f64| integrand(arg(y), y), &mut points, y_lo, y_hi)
        }
    };
    let v = v.clamp(0.0, 1.0);
    if lower {
        (v, 1.0 - v)
    } else {
        (1.0 - v, v)
    }
}

/// The Poisson series of [`pnt`] for t ≥ 0 (method 1).
fn pnt_nonnegative(t: f64, df: f64, del: f64) -> f64 {
    let t2 = t * t;
    let (x, y) = (t2 / (t2 + df), df / (t2 + df));
    let base = pnorm(-del);
    if x == 0.0 {
        return base;
    }
    let b = 0.5 * df;
    let lambda = 0.5 * del * del;
    let k = lambda.floor();
    // the Poisson weights beyond 12 SDs from the mode are below e^{−72} of the largest
    let window = 12.0 * lambda.sqrt() + 50.0;
    let (ln_x, ln_y) = (x.ln(), (-x).ln_1p());
    // the weights at the mode
    let p_k = 0.5 * ln_dpois(k, lambda).exp();
    let q_k = p_k * del * std::f64::consts::FRAC_1_SQRT_2 * ln_gamma_ratio_half(k).exp();
    // I_x(a, b) and the step g(a) = x^a (1 − x)^b / (a B(a, b)) at a = k + ½ (p) and k + 1 (q)
    let (a_p, a_q) = (k + 0.5, k + 1.0);
    let step = |a: f64| (a * ln_x + b * ln_y - a.ln() - lbeta(a, b)).exp();
    let (i_p, i_q) = (beta_reg_pair(a_p, b, x, y).0, beta_reg_pair(a_q, b, x, y).0);
    let (g_p, g_q) = (step(a_p), step(a_q));
    let mut sum = p_k * i_p + q_k * i_q;
    const TINY: f64 = 1e-17;

    // forward: j = k + 1, k + 2, …
    let (mut p, mut q, mut ip, mut iq, mut gp, mut gq) = (p_k, q_k, i_p, i_q, g_p, g_q);
    let (mut ap, mut aq) = (a_p, a_q);
    let mut j = k;
    while j < k + window {
        ip = (ip - gp).max(0.0);
        iq = (iq - gq).max(0.0);
        gp *= x * (ap + b) / (ap + 1.0);
        gq *= x * (aq + b) / (aq + 1.0);
        ap += 1.0;
        aq += 1.0;
        j += 1.0;
        p *= lambda / j;
        q *= lambda / (j + 0.5);
        let term = p * ip + q * iq;
        sum += term;
        if term.abs() <= TINY * sum.abs().max(1e-300) || (ip == 0.0 && iq == 0.0) {
            break;
        }
    }

    // backward: j = k − 1, …, 0
    let (mut p, mut q, mut ip, mut iq, mut gp, mut gq) = (p_k, q_k, i_p, i_q, g_p, g_q);
    let (mut ap, mut aq) = (a_p, a_q);
    let mut j = k;
    while j >= 1.0 && j > k - window {
        // g(a − 1) = g(a) · a / ((a + b − 1) x), I(a − 1) = I(a) + g(a − 1)
        gp *= ap / ((ap + b - 1.0) * x);
        gq *= aq / ((aq + b - 1.0) * x);
        ap -= 1.0;
        aq -= 1.0;
        ip = (ip + gp).min(1.0);
        iq = (iq + gq).min(1.0);
        p *= j / lambda;
        q *= (j + 0.5) / lambda;
        j -= 1.0;
        sum += p * ip + q * iq;
        if p + q.abs() <= TINY * sum.abs().max(1e-300) {
            break;
        }
    }
    base + sum
}

// ---------------------------------------------------------------------------------------------
// Root finding

/// A root of `f` in [a, b] (f(a) and f(b) of opposite sign, or one of them 0) by Brent's method
/// (Brent 1973, ch. 4), to within `tol`·max(1, |x|) in x.
pub fn find_root<F: FnMut(f64) -> f64>(mut f: F, a: f64, b: f64, tol: f64) -> f64 {
    let (mut a, mut b) = (a, b);
    let (mut fa, mut fb) = (f(a), f(b));
    if fa == 0.0 {
        return a;
    }
    if fb == 0.0 {
        return b;
    }
    if fa.signum() == fb.signum() {
        return f64::NAN;
    }
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..500 {
        if fb.signum() == fc.signum() {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol1 = 2.0 * f64::EPSILON * b.abs() + 0.5 * tol * b.abs().max(1.0);
        let xm = 0.5 * (c - b);
        if xm.abs() <= tol1 || fb == 0.0 {
            return b;
        }
        if e.abs() >= tol1 && fa.abs() > fb.abs() {
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = 2.0 * xm * s;
                q = 1.0 - s;
            } else {
                let qq = fa / fc;
                let r = fb / fc;
                p = s * (2.0 * xm * qq * (qq - r) - (b - a) * (r - 1.0));
                q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            }
            p = p.abs();
            let min1 = 3.0 * xm * q - (tol1 * q).abs();
            let min2 = (e * q).abs();
            if 2.0 * p < min1.min(min2) {
                e = d;
                d = p / q;
            } else {
                d = xm;
                e = d;
            }
        } else {
            d = xm;
            e = d;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol1 { d } else { tol1.copysign(xm) };
        fb = f(b);
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_close, TOL_CLOSED};

    #[test]
    fn chi_squared_upper_tail_matches_r() {
        // R: print(c(pchisq(5.2, 2, lower = F), pchisq(0.3, 1, lower = F),
        //   pchisq(12.7, 5, lower = F), pchisq(150, 3, lower = F), pchisq(0.01, 9, lower = F),
        //   pchisq(40, 30, lower = F), pchisq(7.5, 2.5, lower = F)), digits = 17)
        for (x, df, r) in [
            (5.2, 2.0, 7.4273578214333877e-02),
            (0.3, 1.0, 5.8388242077036523e-01),
            (12.7, 5.0, 2.6358293645298070e-02),
            (150.0, 3.0, 2.6349139284880449e-32),
            (0.01, 9.0, 9.9999999999915912e-01),
            (40.0, 30.0, 1.0486428110798465e-01),
            (7.5, 2.5, 3.8169088215206814e-02),
        ] {
            assert_close(
                pchisq_upper(x, df),
                r,
                TOL_CLOSED,
                &format!("pchisq({x}, {df})"),
            );
        }
        assert_eq!(pchisq_upper(0.0, 2.0), 1.0);
    }

    #[test]
    fn normal_distribution_matches_r() {
        // R: print(c(pnorm(-1.5), pnorm(-10), pnorm(3, lower.tail = FALSE), qnorm(0.975),
        //            qnorm(1e-10), dnorm(0.7)), digits = 17)
        assert_close(pnorm(-1.5), 0.066807201268858071, TOL_CLOSED, "pnorm(-1.5)");
        assert_close(
            pnorm(-10.0),
            7.6198530241605269e-24,
            TOL_CLOSED,
            "pnorm(-10)",
        );
        assert_close(
            pnorm_upper(3.0),
            0.0013498980316300946,
            TOL_CLOSED,
            "pnorm(3, upper)",
        );
        assert_close(qnorm(0.975), 1.9599639845400536, TOL_CLOSED, "qnorm(.975)");
        assert_close(
            qnorm(1e-10),
            -6.3613409024040557,
            TOL_CLOSED,
            "qnorm(1e-10)",
        );
        assert_close(dnorm(0.7), 0.31225393336676127, TOL_CLOSED, "dnorm(.7)");
        // R: print(pnorm(c(-1.959963984540054, -0.5, -3, -7, 0.3, 1.2)), digits = 17);
        //    print(qnorm(c(0.025, 0.001, 0.3, 1e-8)), digits = 17)
        let xs = [-1.959963984540054, -0.5, -3.0, -7.0, 0.3, 1.2];
        let want = [
            2.5000000000000012e-02,
            3.0853753872598694e-01,
            1.3498980316300946e-03,
            1.2798125438858352e-12,
            6.1791142218895267e-01,
            8.8493032977829178e-01,
        ];
        for (x, w) in xs.iter().zip(want) {
            assert_close(pnorm(*x), w, 1e-14, &format!("pnorm({x})"));
        }
        let ps = [0.025, 0.001, 0.3, 1e-8];
        let want = [
            -1.95996398454005383,
            -3.09023230616781319,
            -0.52440051270804067,
            -5.61200124417478996,
        ];
        for (p, w) in ps.iter().zip(want) {
            assert_close(qnorm(*p), w, 1e-14, &format!("qnorm({p})"));
        }
    }

    #[test]
    fn lgamma_matches_r() {
        // R: print(lgamma(c(0.5, 3.7, 12.3, 150.5, 1e5 + 0.25)), digits = 17)
        let cases = [
            (0.5, 5.7236494292470008e-01),
            (3.7, 1.4280723266653881e+00),
            (12.3, 1.8238983407092245e+01),
            (150.5, 6.0251395487058528e+02),
            (1e5 + 0.25, 1.0512905872040854e+06),
        ];
        for (x, want) in cases {
            assert_close(lgamma(x), want, 1e-14, &format!("lgamma({x})"));
        }
    }

    #[test]
    fn lbeta_matches_r_for_small_and_large_arguments() {
        // R: print(c(lbeta(0.5, 4.5), lbeta(0.5, 2e5), lbeta(30, 45.5), lbeta(3, 12)), digits = 17)
        assert_close(
            lbeta(0.5, 4.5),
            -0.15195231658080324,
            TOL_CLOSED,
            "lbeta(.5,4.5)",
        );
        assert_close(
            lbeta(0.5, 2e5),
            -5.53067075484038728,
            TOL_CLOSED,
            "lbeta(.5,2e5)",
        );
        assert_close(
            lbeta(30.0, 45.5),
            -51.25512785785365111,
            TOL_CLOSED,
            "lbeta(30,45.5)",
        );
        assert_close(
            lbeta(3.0, 12.0),
            -6.99576615630484966,
            TOL_CLOSED,
            "lbeta(3,12)",
        );
    }

    #[test]
    fn incomplete_beta_matches_r_pbeta() {
        // R: print(c(pbeta(0.3, 2, 5), pbeta(0.999, 0.5, 30), pbeta(1e-4, 40, 3),
        //            pbeta(0.9, 200, 20, lower.tail = FALSE)), digits = 17)
        assert_close(
            beta_reg_pair(2.0, 5.0, 0.3, 0.7).0,
            0.57982500000000015,
            TOL_CLOSED,
            "pbeta1",
        );
        assert_close(
            beta_reg_pair(0.5, 30.0, 0.999, 0.001).0,
            1.0,
            TOL_CLOSED,
            "pbeta2",
        );
        assert_close(
            beta_reg_pair(40.0, 3.0, 1e-4, 1.0 - 1e-4).0,
            8.6083200820003892e-158,
            TOL_CLOSED,
            "pbeta3",
        );
        assert_close(
            beta_reg_pair(200.0, 20.0, 0.9, 0.1).1,
            0.69806574428292434,
            TOL_CLOSED,
            "pbeta4",
        );
    }

    #[test]
    fn central_t_matches_r_in_body_and_tails() {
        // R: print(c(pt(-2.5, 19), pt(4.062127683382037, 9, lower.tail = FALSE), pt(-40, 3),
        //            pt(0.3, 1e5), pt(-8, 2.5), pt(-30, 1e6)), digits = 17)
        let cases = [
            (-2.5, 19.0, 0.010870205584198718),
            (-4.062127683382037, 9.0, 0.0014164450986921351),
            (-40.0, 3.0, 1.7190340394579270e-05),
            (0.3, 1e5, 0.61791111040483115),
            (-8.0, 2.5, 0.0038283220655217225),
            (-30.0, 1e6, 6.0100471168316661e-198),
        ];
        for (t, df, want) in cases {
            assert_close(pt(t, df), want, TOL_CLOSED, &format!("pt({t}, {df})"));
            assert_close(
                pt_upper(-t, df),
                want,
                TOL_CLOSED,
                &format!("pt(-{t}, {df}, upper)"),
            );
        }
    }

    #[test]
    fn t_quantiles_match_r() {
        // R: print(c(qt(0.975, 9), qt(0.975, 1), qt(0.995, 2.5), qt(1e-12, 30), qt(0.9, 1234.5)), digits = 17)
        let cases = [
            (0.975, 9.0, 2.2621571627982049),
            (0.975, 1.0, 12.7062047361746941),
            (0.995, 2.5, 7.1637281389488026),
            (1e-12, 30.0, -11.3972175233114115),
            (0.9, 1234.5, 1.2822377116633763),
        ];
        for (p, df, want) in cases {
            assert_close(qt(p, df), want, TOL_CLOSED, &format!("qt({p}, {df})"));
        }
    }

    #[test]
    fn f_distribution_matches_r() {
        // R: print(c(pf(3.2, 2, 30, lower.tail = FALSE), qf(0.95, 2, 30), qf(0.025, 11, 110)), digits = 17)
        assert_close(
            pf_tails(3.2, 2.0, 30.0).1,
            0.054991816556153664,
            TOL_CLOSED,
            "pf",
        );
        assert_close(
            qf(0.95, 2.0, 30.0),
            3.315829501013522140,
            TOL_CLOSED,
            "qf(.95)",
        );
        assert_close(
            qf(0.025, 11.0, 110.0),
            0.339034087685115004,
            TOL_CLOSED,
            "qf(.025)",
        );
    }

    #[test]
    fn noncentral_t_matches_r_pt_with_ncp() {
        // R 4.2.2: print(pt(q, df, ncp), digits = 17) for each row below.
        let cases = [
            (1.0, 9.0, 0.5, 0.6772505278173750476),
            (-1000.0, 1.0, 41.0, 0.0), // R's left-tail shortcut
            (-50.0, 3.0, 60.0, 0.0),
            (4.062127683382037, 9.0, 1.3111642, 0.9750001751419017371),
            (-2.0, 5.0, 1.0, 0.0058964622900392616),
            (3.0, 20.0, -1.0, 0.9998469152054760833),
            (25.0, 30.0, 20.0, 0.9256775570176070111),
            (10.0, 3.0, 12.0, 0.2354006239363889419),
            (-1.5, 2.0, -0.5, 0.2510257958993602490),
            (2.0, 199.0, 2.5, 0.3085325994100790448),
        ];
        for (t, df, ncp, want) in cases {
            // (R's AS 243 stops at an absolute error bound of 1e-12)
            assert!(
                (pnt(t, df, ncp) - want).abs() < 1e-12,
                "pt({t}, {df}, {ncp}): {} vs R {want}",
                pnt(t, df, ncp)
            );
        }
    }

    /// R 4.2.2 dt(x, df, ncp) (scripts/reference/equivalence.R).
    #[test]
    fn noncentral_t_density_matches_r() {
        let cases = [
            (1.5, 10.0, 2.0, 0.334993154829940520),
            (0.0, 5.0, 1.0, 0.230243096009366571),
            (-2.0, 3.0, 0.5, 0.030229710484430364),
            (4.0, 20.0, 3.5, 0.300800677998209143),
        ];
        for (x, df, ncp, want) in cases {
            let got = dnt(x, df, ncp);
            assert!(
                ((got - want) / want).abs() < 1e-11,
                "dt({x}, {df}, {ncp}): {got} vs R {want}"
            );
        }
    }

    /// Against a 40-digit quadrature (scripts/reference/noncentral_t.py), below and beyond
    /// R's switch to its approximation at |δ| = 37.62, where R is off in the third decimal:
    /// pt(50, 12, 40) = 0.80882 in R, 0.80843 exactly; pt(120, 20, 100) = 0.83489 in R.
    #[test]
    fn noncentral_t_is_exact_for_every_noncentrality() {
        let cases = [
            (1.0, 9.0, 0.5, 0.67725052781746974),
            (25.0, 30.0, 20.0, 0.92567755701821026),
            (10.0, 3.0, 12.0, 0.23540062393683797),
            (3.0, 20.0, -1.0, 0.99984691520552831),
            (2.0, 3.0, 1.5, 0.59967626837089286),
            (5.0, 10.0, 3.0, 0.89796893566913954),
            (30.0, 7.0, 40.0, 0.088300133356703132),
            (35.0, 7.0, 40.0, 0.24380269597109372),
            (45.0, 7.0, 40.0, 0.59526866547788251),
            (50.0, 7.0, 45.0, 0.57865516957564959),
            (50.0, 12.0, 40.0, 0.8084263143343261),
            (80.0, 12.0, 60.0, 0.87318625840590006),
            (120.0, 20.0, 100.0, 0.835730946847307),
        ];
        for (t, df, ncp, want) in cases {
            assert_close(
                pnt(t, df, ncp),
                want,
                1e-13,
                &format!("pnt({t}, {df}, {ncp})"),
            );
        }
        // negative t: 1 − P(T ≤ −t; −δ), absolute accuracy
        for (t, df, ncp, want) in [
            (-2.0, 5.0, 1.0, 0.0058964622898421618),
            (-1.5, 2.0, -0.5, 0.25102579589897042),
            (-1.0, 5.0, 2.0, 0.002316375654075119),
        ] {
            assert!(
                (pnt(t, df, ncp) - want).abs() < 1e-15,
                "pnt({t}, {df}, {ncp})"
            );
        }
    }

    /// Issue 27: at ν = 10¹⁶ the continued fraction of I_x(ν/2, ½) stopped at once
    /// (pt(1.96, 1e16) = 0.9794, qt(0.975, 1e16) = 1.8189, and power's sensitivity 5% off).
    /// Against 50-digit I_x (mpmath.betainc, scripts/reference/noncentral_t_extremes.py).
    #[test]
    fn central_t_is_exact_at_huge_degrees_of_freedom() {
        for (t, df, want) in [
            (1.96, 1e16, 0.97500210485177954992),
            (1.96, 1e14, 0.97500210485177817734),
            (-1.96, 1e6, 0.024998033792634895343),
            (-6.0, 1e6, 9.8692490617721733495e-10),
            (0.3, 3.5e4, 0.61791053137939340945),
            (-12.0, 3e5, 1.8078687993340523808e-33),
            (2.0, 1e20, 0.9772498680518207928),
        ] {
            assert_close(pt(t, df), want, 1e-13, &format!("pt({t}, {df:e})"));
            assert_close(
                pt_upper(-t, df),
                want,
                1e-13,
                &format!("pt({t}, {df:e}) upper"),
            );
        }
        // below the smallest normal double: the logarithm (ln of 2.886934962011301636e-316;
        // issue 27: with P subnormal, ln P was 6e-9 off; scripts/reference/t_large_df.py)
        for (df, want) in [
            (1e9, -726.5566940135710961469562),
            (1e8, -726.5519960115402133914718),
            (1e6, -726.0357120681091486995336),
            (1e5, -721.3868551396329625806303),
        ] {
            let got = pt_ln_lower(-38.0, df);
            assert_close(got, want, 1e-15, &format!("ln pt(-38, {df:e})"));
        }
        // ln(2.0731343228002414848e-347)
        assert_close(
            pt_ln_lower(-40.0, 1e5),
            -798.26796564124546937,
            1e-14,
            "ln pt(-40, 1e5)",
        );
        for (p, df, want) in [
            (0.975, 1e16, 1.9599639845400540928),
            (0.975, 1e14, 1.9599639845400775783),
            (0.975, 1e6, 1.9599663568141066553),
            (0.8, 1e9, 0.84162123393235528611),
        ] {
            assert_close(qt(p, df), want, 1e-14, &format!("qt({p}, {df:e})"));
        }
    }

    /// The noncentral t at the extremes of ν, t and δ against a 50-digit quadrature
    /// (scripts/reference/noncentral_t_extremes.py): the normal limit (ν = 10¹⁶), the χ²
    /// mixture (ν ≥ 3·10⁴ or λ > 10⁴), the series; lower and upper tails.
    #[test]
    fn noncentral_t_is_exact_at_the_extremes() {
        for (t, df, ncp, lower, upper) in [
            (
                1.96,
                1e16,
                2.8,
                0.20045419326044970958,
                0.79954580673955029042,
            ),
            (
                1.96,
                1e12,
                2.8,
                0.20045419326053849568,
                0.79954580673946150432,
            ),
            (
                1.96,
                1e6,
                2.8,
                0.20045428205517963812,
                0.79954571794482036188,
            ),
            (
                27.5,
                1e6,
                27.5,
                0.49999725744506281036,
                0.50000274255493718964,
            ),
            (
                30.0,
                1e6,
                27.5,
                0.99378033988819593506,
                0.006219660111804064939,
            ),
            (
                1e6,
                1e6,
                1e6,
                0.49981193708548868009,
                0.50018806291451131991,
            ),
            (
                1e6,
                1e6,
                998500.0,
                0.98305497889323392545,
                0.016945021106766074555,
            ),
            (
                3385.0,
                7.0,
                3000.0,
                0.59939687932175750927,
                0.40060312067824249073,
            ),
            (
                338900.0,
                7.0,
                330000.0,
                0.46760900363770157319,
                0.53239099636229842681,
            ),
            (
                150.0,
                30.0,
                145.0,
                0.56860201880613969821,
                0.43139798119386030179,
            ),
            (
                120.0,
                20.0,
                100.0,
                0.83573094684730699648,
                0.16426905315269300352,
            ),
            (
                1.3e15,
                8.0,
                6e14,
                0.98877812825770300825,
                0.011221871742296991746,
            ),
            (
                5.0,
                4e4,
                3.0,
                0.97723130713392772387,
                0.022768692866072276134,
            ),
            (
                200.0,
                2.0,
                190.0,
                0.40556266626832665904,
                0.59443733373167334096,
            ),
            (
                1.96,
                3.1e4,
                0.5,
                0.92784657546883518704,
                0.072153424531164812961,
            ),
        ] {
            let ctx = format!("pnt({t}, {df:e}, {ncp})");
            assert!(
                (pnt(t, df, ncp) - lower).abs() < 2e-15,
                "{ctx}: {}",
                pnt(t, df, ncp)
            );
            // the upper tail as the lower one of −t, −δ, to its own precision
            assert_close(pnt(-t, df, -ncp), upper, 1e-12, &ctx);
        }
        // the normal limit is used at ν = 10¹⁶ (its error bound: 0.431·|t|³ν^{−3/2} < 1e-17)
        assert!(pnt_normal_limit(1.96, 1e16, 2.8).is_some());
        assert!(pnt_normal_limit(1.96, 1e9, 2.8).is_none());
        assert!(pnt_normal_limit(1e6, 1e16, 1e6).is_none());
    }

    /// The cost of the noncentral t does not grow with t, ν or δ: every call, however extreme,
    /// returns within a bounded number of integrand evaluations (timed loosely here).
    #[test]
    fn noncentral_t_has_a_bounded_cost() {
        let start = std::time::Instant::now();
        for &(t, df, ncp) in &[
            (1e300, 1e300, 1e300),
            (1e15, 2.0, 1e15),
            (4e14, 1e9, 4e14),
            (1.0, 1e300, 1e-300),
            (1e-300, 1.0, 1e300),
            (1e8, 1e16, 1e8),
        ] {
            let p = pnt(t, df, ncp);
            assert!((0.0..=1.0).contains(&p), "pnt({t}, {df}, {ncp}) = {p}");
        }
        assert!(start.elapsed().as_secs_f64() < 5.0);
    }

    #[test]
    fn r_switches_where_the_first_poisson_weight_underflows() {
        // R's pnt.c: del*del > 2*M_LN2*(-DBL_MIN_EXP) with DBL_MIN_EXP = -1021
        let want = (2.0 * std::f64::consts::LN_2 * 1021.0).sqrt();
        assert_close(R_NCP_SWITCH, want, 1e-15, "switch");
    }

    #[test]
    fn brent_finds_roots() {
        let r = find_root(|x| x * x - 2.0, 0.0, 2.0, 1e-15);
        assert_close(r, SQRT_2, 1e-14, "sqrt 2");
        assert!(find_root(|x| x * x + 1.0, 0.0, 2.0, 1e-15).is_nan());
    }
}
