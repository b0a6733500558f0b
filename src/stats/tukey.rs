//! The studentized range distribution (Tukey's q): the CDF and its quantile, as R's `ptukey`
//! and `qtukey`, each tail to a relative error of about 1e-13.
//!
//! With s² ~ χ²_ν/ν independent of k standard normals, Q = (max − min)/s and
//!
//!   P(Q ≤ q) = ∫₀^∞ f_s(s) W(q s)^r ds,   W(w) = k ∫ φ(z) [Φ(z + w) − Φ(z)]^{k−1} dz,
//!
//! with r the number of independent ranges whose maximum is taken (1 for Tukey's HSD). R
//! (Copenhaver & Holland 1988) evaluates this with fixed Gauss–Legendre rules, cuts terms below
//! ~1e-13, and returns the upper tail as 1 − P: its values are off by 1e-12 to 1.6e-7 absolute
//! (for small df and large q, where its 16-point rule over the first unit interval of the
//! chi-squared variable meets the steep rise of W: P(Q > 15.79; k = 8, df = 8) is 5.6898e-5
//! in R and 5.7063e-5 exactly, 0.3% off; 8e-9 at q = 5.5, k = 100, df = 60; 4e-6 relative at
//! q = 9, k = 6, df = 12, nranges = 3), it loses the relative precision of small p-values
//! (1e-5 off at 3e-9) and returns 0 below ~1e-15; its quantiles (secant steps until two
//! iterates differ by < 1e-4) are good to ~1e-8 relative. Here:
//!
//! - the range's CDF W(w) is computed below the approximate median s_k of the range by the
//!   symmetric form W(w) = k ∫₀^∞ [φ(u − w/2) + φ(u + w/2)] g(u)^{k−1} du with
//!   g(u) = Φ(u + w/2) − Φ(u − w/2), and above it its complement by
//!   1 − W(w) = k ∫ φ(z) {Q(z)^{k−1} − [Q(z) − Q(z + w)]^{k−1}} dz (Q = 1 − Φ; from
//!   k ∫ φ(z) Q(z)^{k−1} dz = 1), whose bracket is Q(z)^{k−1}·(−expm1((k−1)·log1p(−Q(z + w)/Q(z)))),
//!   so the smaller of W and 1 − W never suffers cancellation; both in logarithms (no underflow);
//! - those two smooth functions, ln W(w) − (k−1) ln w on (0, s_k] and ln(1 − W(w)) + w²/4 + ln w
//!   as a function of s_k/w, are tabulated once per k as Chebyshev series (built from
//!   [`CHEB_NODES`] adaptive Gauss–Kronrod integrals; [`StudentizedRange`] keeps them, so
//!   the p-values of all pairs and the quantile share them);
//! - the outer integral runs over x = ln s, with the density of x, ν·dpois(ν/2; (ν/2)e^{2x})
//!   (Loader's saddle-point form, stable for any ν), for both tails at once:
//!   ∫ f(x)·W(q eˣ)^r dx and ∫ f(x)·[1 − W(q eˣ)^r] dx, by adaptive Gauss–Kronrod with a cap on
//!   the number of subintervals (a bounded cost for any q and ν).
//!
//! Agreement with a 24-digit mpmath evaluation of the definition, with the closed form for
//! k = 2 (Q/√2 = |t_ν|), and with R is shown in the tests (scripts/reference/tukey_mpmath.py,
//! scripts/reference/tukey.R).

#[cfg(doc)]
use super::distributions::pnorm_tails;
use super::distributions::{dnorm, find_root, ln_dpois, qnorm};
use super::quadrature::integrate_many;
use super::{Inapplicable, NotComputable, Outcome};

/// Q(x) = 1 − Φ(x), to full relative precision, by Cody's (1969, 1993) rational Chebyshev
/// approximations as R's `pnorm_both` (constant cost: the inner integrals evaluate it millions
/// of times, where [`pnorm_tails`]' series and continued fraction take up to a microsecond).
fn upper_normal(x: f64) -> f64 {
    const A: [f64; 5] = [
        2.235_252_035_460_683_7,
        161.028_231_068_555_87,
        1_067.689_485_460_370_9,
        18_154.981_253_343_56,
        0.065_682_337_918_207_45,
    ];
    const B: [f64; 4] = [
        47.202_581_904_688_245,
        976.098_551_737_776_7,
        10_260.932_208_618_979,
        45_507.789_335_026_73,
    ];
    const C: [f64; 9] = [
        0.398_941_512_088_134_66,
        8.883_149_794_388_377,
        93.506_656_132_177_85,
        597.270_276_394_800_2,
        2_494.537_585_290_372_6,
        6_848.190_450_536_283,
        11_602.651_437_647_35,
        9_842.714_838_383_978,
        1.076_557_677_372_019_2e-8,
    ];
    const D: [f64; 8] = [
        22.266_688_044_328_117,
        235.387_901_782_625,
        1_519.377_599_407_554_7,
        6_485.558_298_266_761,
        18_615.571_640_885_097,
        34_900.952_721_145_98,
        38_912.003_286_093_27,
        19_685.429_676_859_992,
    ];
    const P: [f64; 6] = [
        0.215_898_534_057_957,
        0.127_401_161_160_247_36,
        0.022_235_277_870_649_807,
        0.001_421_619_193_227_893_4,
        2.911_287_495_116_879_2e-5,
        0.023_073_441_764_940_174,
    ];
    const Q: [f64; 5] = [
        1.284_260_096_144_911,
        0.468_238_212_480_865_1,
        0.065_988_137_868_928_56,
        0.003_782_396_332_027_582_4,
        7.297_515_550_839_662e-5,
    ];
    const SQRT_32: f64 = 5.656_854_249_492_381;
    let y = x.abs();
    if y <= 0.66291 {
        let xsq = x * x;
        let (mut num, mut den) = (A[4] * xsq, xsq);
        for i in 0..3 {
            num = (num + A[i]) * xsq;
            den = (den + B[i]) * xsq;
        }
        return 0.5 - x * (num + A[3]) / (den + B[3]);
    }
    // the tail beyond |x|: a rational function times exp(−x²/2), the exponent split as R does
    // (xsq = ⌊16 y⌋/16, exact) so that it carries no rounding error
    let ratio = if y <= SQRT_32 {
        let (mut num, mut den) = (C[8] * y, y);
        for i in 0..7 {
            num = (num + C[i]) * y;
            den = (den + D[i]) * y;
        }
        (num + C[7]) / (den + D[7])
    } else if y < 50.0 {
        let xsq = 1.0 / (x * x);
        let (mut num, mut den) = (P[5] * xsq, xsq);
        for i in 0..4 {
            num = (num + P[i]) * xsq;
            den = (den + Q[i]) * xsq;
        }
        (std::f64::consts::FRAC_1_SQRT_2 * 0.5 * std::f64::consts::FRAC_2_SQRT_PI
            - xsq * (num + P[4]) / (den + Q[4]))
            / y
    } else {
        0.0
    };
    let xsq = (y * 16.0).floor() / 16.0;
    let del = (y - xsq) * (y + xsq);
    let tail = (-xsq * xsq * 0.5).exp() * (-del * 0.5).exp() * ratio;
    if x > 0.0 {
        tail
    } else {
        1.0 - tail
    }
}

/// Chebyshev nodes of the table of W (each a Gauss–Kronrod integral).
pub const CHEB_NODES: usize = 48;
/// Chebyshev nodes of each piece of the table of 1 − W (two to four pieces).
const UPPER_PIECE_NODES: usize = 36;
/// Relative tolerance (QUADPACK's error estimate, which overstates the error of a converged
/// 15-point rule by orders of magnitude) and subintervals at most of the inner integrals.
const INNER_REL_TOL: f64 = 1e-13;
const INNER_MAX_INTERVALS: usize = 200;
/// Beyond this range 1 − W(w) < e^{−700}: W = 1 in double precision.
const W_MAX: f64 = 56.0;
/// Above this df the CDF differs from that of df = ∞ by less than 1e-15 (the effect of a finite
/// df is O(1/df)).
const DF_INFINITE: f64 = 1e15;

/// Φ(b) − Φ(a) for a ≤ b, to full relative precision: a difference of tails when the interval
/// is wide or far out, else an 8-point Gauss–Legendre rule for ∫_a^b φ (exact to ~1e-18 when
/// the half-width d ≤ ½ and d·|centre| ≤ 1).
fn normal_interval(a: f64, b: f64) -> f64 {
    const X: [f64; 4] = [
        0.183_434_642_495_649_8,
        0.525_532_409_916_329,
        0.796_666_477_413_626_7,
        0.960_289_856_497_536_3,
    ];
    const WT: [f64; 4] = [
        0.362_683_783_378_362,
        0.313_706_645_877_887_27,
        0.222_381_034_453_374_48,
        0.101_228_536_290_376_26,
    ];
    let (c, d) = (0.5 * (a + b), 0.5 * (b - a));
    if d > 0.5 || d * c.abs() > 1.0 {
        if a >= 0.0 {
            upper_normal(a) - upper_normal(b)
        } else if b <= 0.0 {
            upper_normal(-b) - upper_normal(-a)
        } else {
            1.0 - upper_normal(b) - upper_normal(-a)
        }
    } else {
        let mut s = 0.0;
        for i in 0..4 {
            s += WT[i] * (dnorm(c - d * X[i]) + dnorm(c + d * X[i]));
        }
        s * d
    }
}

/// W(w) = k g(0)^{k−1} I(w), I(w) = ∫₀^∞ [φ(u − w/2) + φ(u + w/2)] (g(u)/g(0))^{k−1} du with
/// g(u) = Φ(u + w/2) − Φ(u − w/2): the first factor in closed form, this function returns ln I(w)
/// (g ≤ g(0), so nothing underflows; beyond u = w/2 + 9.5 the integrand is below 1e-20 of the
/// integral).
fn direct_ln_i(w: f64, k: f64) -> f64 {
    let m = k - 1.0;
    let hw = 0.5 * w;
    let g0 = normal_interval(-hw, hw);
    let f = |u: f64| {
        let g = normal_interval(u - hw, u + hw);
        [(dnorm(u - hw) + dnorm(u + hw)) * (m * (g / g0).ln()).exp()]
    };
    // the peak at u = 0 has a width of about 1/√(k − 1)
    let peak = (1.0 / m.sqrt()).min(1.0);
    let end = hw + 9.5;
    let mut breaks = vec![0.0, 0.5 * peak, 2.0 * peak];
    let mut x = 2.0 * peak;
    while x + 2.0 < end {
        x += 2.0;
        breaks.push(x);
    }
    breaks.push(end);
    let (v, _) = integrate_many(f, &breaks, INNER_REL_TOL, INNER_MAX_INTERVALS);
    v[0].ln()
}

/// ln W(w) from ln I(w): ln k + (k − 1) ln g(0) + ln I(w).
fn ln_w_from_i(w: f64, k: f64, ln_i: f64) -> f64 {
    k.ln() + (k - 1.0) * normal_interval(-0.5 * w, 0.5 * w).ln() + ln_i
}

/// ln(1 − W(w)) + w²/4 + ln w for w ≥ s_k, by
/// 1 − W(w) = k ∫ φ(z) Q(z)^{k−1} (−expm1((k − 1)·log1p(−Q(z + w)/Q(z)))) dz over
/// z ∈ [−w/2 − 9.5, 7.5 − w/2] (outside, the integrand is below 1e-20 of the integral), the
/// integrand times e^{w²/4} evaluated in logarithms.
fn direct_ln_u(w: f64, k: f64) -> f64 {
    let m = k - 1.0;
    let quarter = 0.25 * w * w;
    const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;
    let f = |z: f64| {
        let a = upper_normal(z);
        let b = upper_normal(z + w);
        let ln_bracket = m * a.ln() + (-(m * (-b / a).ln_1p()).exp_m1()).ln();
        [(-0.5 * z * z - LN_SQRT_2PI + quarter + ln_bracket).exp()]
    };
    let (start, end) = (-0.5 * w - 9.5, 7.5 - 0.5 * w);
    let mut breaks = vec![start];
    let mut x = start;
    while x + 1.0 < end {
        x += 1.0;
        breaks.push(x);
    }
    breaks.push(end);
    let (v, _) = integrate_many(f, &breaks, INNER_REL_TOL, INNER_MAX_INTERVALS);
    k.ln() + v[0].ln() + w.ln()
}

/// e^y − 1 − y without cancellation (its Taylor series for |y| < ½).
fn exp_m1_minus_x(y: f64) -> f64 {
    if y.abs() >= 0.5 {
        return y.exp_m1() - y;
    }
    let (mut term, mut sum) = (0.5 * y * y, 0.5 * y * y);
    for n in 3..40 {
        term *= y / n as f64;
        sum += term;
        if term.abs() <= 1e-17 * sum {
            break;
        }
    }
    sum
}

/// A Chebyshev series on [lo, hi].
#[derive(Debug, Clone)]
struct Chebyshev {
    lo: f64,
    hi: f64,
    coef: Vec<f64>,
}

impl Chebyshev {
    /// Interpolates f at the n Chebyshev points of the first kind (Mason & Handscomb 2003, §6.3).
    fn fit<F: FnMut(f64) -> f64>(mut f: F, lo: f64, hi: f64, n: usize) -> Chebyshev {
        let nf = n as f64;
        let values: Vec<f64> = (0..n)
            .map(|j| {
                let x = (std::f64::consts::PI * (j as f64 + 0.5) / nf).cos();
                f(lo + 0.5 * (hi - lo) * (x + 1.0))
            })
            .collect();
        let coef = (0..n)
            .map(|i| {
                let s: f64 = values
                    .iter()
                    .enumerate()
                    .map(|(j, v)| {
                        v * (std::f64::consts::PI * i as f64 * (j as f64 + 0.5) / nf).cos()
                    })
                    .sum();
                if i == 0 {
                    s / nf
                } else {
                    2.0 * s / nf
                }
            })
            .collect();
        Chebyshev { lo, hi, coef }
    }

    /// The series at v (Clenshaw's recurrence).
    fn eval(&self, v: f64) -> f64 {
        let x = (2.0 * v - self.lo - self.hi) / (self.hi - self.lo);
        let (mut b1, mut b2) = (0.0, 0.0);
        for c in self.coef.iter().skip(1).rev() {
            let b0 = 2.0 * x * b1 - b2 + c;
            b2 = b1;
            b1 = b0;
        }
        x * b1 - b2 + self.coef[0]
    }
}

/// The studentized range distribution for one number of means k, with its tables of the
/// range's CDF (see the module documentation). Building it costs 2·[`CHEB_NODES`] inner
/// integrals (about a millisecond); each CDF after that costs an outer integral over the tables.
#[derive(Debug, Clone)]
pub struct StudentizedRange {
    k: f64,
    /// s_k, where the tables meet (W(s_k) ≈ ½)
    switch: f64,
    /// ln I(w) on [0, s_k] (W(w) = k g(0)^{k−1} I(w), see [`direct_ln_i`])
    lower: Chebyshev,
    /// ln(1 − W(w)) + w²/4 + ln w as a function of t = s_k/w on [s_k/W_MAX, 1], in pieces
    /// [½, 1] and [t_j, 4 t_j] below (its continuation is singular at t = 0, like e^{−c/t²}: on such a piece that
    /// point is far enough from the interval for a short series)
    upper: Vec<Chebyshev>,
}

/// The ends of the studentized range's two tails at one point, each accurate.
#[derive(Debug, Clone, Copy)]
struct Tails {
    lower: f64,
    upper: f64,
}

impl StudentizedRange {
    /// The distribution of the range of `nmeans` means (k ≥ 2). Errs for k < 2, k > 10⁴, NaN.
    pub fn new(nmeans: f64) -> Outcome<StudentizedRange> {
        if nmeans.is_nan() {
            return Err(NotComputable::NonFinite);
        }
        if !(2.0..=1e4).contains(&nmeans) {
            return Err(NotComputable::NotApplicable {
                why: Inapplicable::StudentizedRangeMeans,
            });
        }
        let k = nmeans;
        // s_k = 2Φ⁻¹(2^{−1/k}): twice the median of the maximum of k normals, near the
        // median of their range (W(s_k) is between 0.45 and 0.6 for k = 2 … 10⁴)
        let switch = 2.0 * qnorm((-std::f64::consts::LN_2 / k).exp());
        let lower = Chebyshev::fit(|w| direct_ln_i(w, k), 0.0, switch, CHEB_NODES);
        let mut upper = Vec::new();
        let mut t_hi = 1.0;
        while t_hi > switch / W_MAX {
            // [½, 1], then pieces of ratio 4
            let ratio = if t_hi == 1.0 { 0.5 } else { 0.25 };
            let t_lo = (ratio * t_hi).max(switch / W_MAX);
            upper.push(Chebyshev::fit(
                |t| direct_ln_u(switch / t, k),
                t_lo,
                t_hi,
                UPPER_PIECE_NODES,
            ));
            t_hi = t_lo;
        }
        Ok(StudentizedRange {
            k,
            switch,
            lower,
            upper,
        })
    }

    /// (W(w)^r, 1 − W(w)^r), each to full relative precision.
    fn range_tails(&self, w: f64, r: f64) -> Tails {
        if w <= 0.0 {
            return Tails {
                lower: 0.0,
                upper: 1.0,
            };
        }
        if w >= W_MAX {
            return Tails {
                lower: 1.0,
                upper: 0.0,
            };
        }
        if w < self.switch {
            let ln_w = ln_w_from_i(w, self.k, self.lower.eval(w));
            let lower = (r * ln_w).exp();
            Tails {
                lower,
                upper: 1.0 - lower,
            }
        } else {
            let t = self.switch / w;
            let piece = self
                .upper
                .iter()
                .find(|c| t >= c.lo)
                .unwrap_or(&self.upper[self.upper.len() - 1]);
            let u = (piece.eval(t) - 0.25 * w * w - w.ln()).exp();
            let ln_w = (-u).ln_1p();
            Tails {
                lower: (r * ln_w).exp(),
                upper: -(r * ln_w).exp_m1(),
            }
        }
    }

    /// Both tails (P(Q ≤ q), P(Q > q)) of the maximum of `nranges` studentized ranges with `df`
    /// degrees of freedom (R: `ptukey(q, k, df, nranges)` and `lower.tail = FALSE`), each to a
    /// relative error of about 1e-13. `df` may be infinite (the range of normals) and below 2
    /// (R returns NaN for df < 2; the distribution is defined for any df > 0).
    pub fn cdf_tails(&self, q: f64, df: f64, nranges: f64) -> Outcome<(f64, f64)> {
        check_df_ranges(df, nranges)?;
        if q.is_nan() {
            return Err(NotComputable::NonFinite);
        }
        if q <= 0.0 {
            return Ok((0.0, 1.0));
        }
        if q.is_infinite() {
            return Ok((1.0, 0.0));
        }
        let r = nranges;
        if df > DF_INFINITE {
            let t = self.range_tails(q, r);
            return Ok((t.lower, t.upper));
        }
        let nu = df;
        let half_nu = 0.5 * nu;
        // ln f(x) = ln ν + ln dpois(a; a e^{2x}) with a = ν/2
        //         = ln ν + ln dpois(a; a) − a (e^{2x} − 1 − 2x)   (Loader's bd0, exactly)
        let ln_f0 = nu.ln() + ln_dpois(half_nu, half_nu);
        let integrand = |x: f64| -> [f64; 2] {
            let ln_f = ln_f0 - half_nu * exp_m1_minus_x(2.0 * x);
            if ln_f.is_nan() || ln_f <= -745.0 {
                return [0.0, 0.0];
            }
            let dens = ln_f.exp();
            let t = self.range_tails(q * x.exp(), r);
            [dens * t.lower, dens * t.upper]
        };
        // the features, each with its scale: the density's peak at x = 0 (σ = 1/√(2ν)); x₁ =
        // ln(s_k/q), where W(q eˣ) ≈ ½ (and the tables meet); for large q the peak of the upper
        // integrand near ½ ln(ν/(ν + q²/2)) (where f(x)·e^{−q²e^{2x}/4} peaks), for small q that
        // of the lower one near ½ ln(1 + (k − 1)r/ν) (where f(x)·e^{(k−1)r x} peaks)
        let sigma = (0.5 / nu).sqrt();
        let x1 = (self.switch / q).ln();
        let mut features = vec![(0.0, sigma), (x1, sigma)];
        if x1 < 0.0 {
            let x_up = 0.5 * (nu / (nu + 0.5 * q * q)).ln();
            features.push((x_up.max(x1), (1.0 / (2.0 * nu + q * q)).sqrt()));
        } else {
            let mr = (self.k - 1.0) * r;
            let x_lo = 0.5 * (mr / nu).ln_1p();
            features.push((x_lo.min(x1), (0.5 / (nu + mr)).sqrt()));
        }
        let mut breaks: Vec<f64> = Vec::with_capacity(40);
        for &(centre, scale) in &features {
            for step in [0.0, 1.0, 2.0, 4.0, 7.0, 10.0] {
                breaks.push(centre - step * scale);
                breaks.push(centre + step * scale);
            }
        }
        breaks.sort_by(f64::total_cmp);
        breaks.dedup();
        let (a, b) = (breaks[0], breaks[breaks.len() - 1]);
        let (middle, _) = integrate_many(integrand, &breaks, OUTER_REL_TOL, OUTER_MAX_INTERVALS);
        // the tails, mapped onto (0, 1]: x = a − σ(1 − y)/y and x = b + σ(1 − y)/y
        let left = |y: f64| {
            let v = integrand(a - sigma * (1.0 - y) / y);
            let jac = sigma / (y * y);
            [v[0] * jac, v[1] * jac]
        };
        let right = |y: f64| {
            let v = integrand(b + sigma * (1.0 - y) / y);
            let jac = sigma / (y * y);
            [v[0] * jac, v[1] * jac]
        };
        let (tail_left, _) =
            integrate_many(left, &[0.0, 0.5, 1.0], OUTER_REL_TOL, OUTER_MAX_INTERVALS);
        let (tail_right, _) =
            integrate_many(right, &[0.0, 0.5, 1.0], OUTER_REL_TOL, OUTER_MAX_INTERVALS);
        let lower = middle[0] + tail_left[0] + tail_right[0];
        let upper = middle[1] + tail_left[1] + tail_right[1];
        Ok((lower.clamp(0.0, 1.0), upper.clamp(0.0, 1.0)))
    }

    /// The quantile, the q with P(Q ≤ q) = p (R: `qtukey(p, k, df, nranges)`): Brent's method
    /// on whichever tail is below ½, to a relative error of 1e-12 in q (the tails are
    /// accurate to ~1e-13).
    pub fn quantile(&self, p: f64, df: f64, nranges: f64) -> Outcome<f64> {
        check_df_ranges(df, nranges)?;
        if p.is_nan() {
            return Err(NotComputable::NonFinite);
        }
        if !(0.0..=1.0).contains(&p) {
            return Err(NotComputable::NotApplicable {
                why: Inapplicable::ProbabilityRange,
            });
        }
        if p == 0.0 {
            return Ok(0.0);
        }
        if p == 1.0 {
            return Ok(f64::INFINITY);
        }
        let use_upper = p > 0.5;
        let target = if use_upper { 1.0 - p } else { p };
        // g increases with q
        let g = |q: f64| -> f64 {
            match self.cdf_tails(q, df, nranges) {
                Ok((_, up)) if use_upper => target - up,
                Ok((lo, _)) => lo - target,
                Err(_) => f64::NAN,
            }
        };
        // bracket around s_k by halving/doubling (at most 2·1075 steps reach the ends of the
        // double range; in practice a few)
        let (mut a, mut b) = (self.switch, self.switch);
        let (mut ga, mut gb) = (g(a), g(b));
        for _ in 0..1100 {
            if ga <= 0.0 || a == 0.0 {
                break;
            }
            b = a;
            gb = ga;
            a *= 0.5;
            ga = g(a);
        }
        for _ in 0..1100 {
            if gb >= 0.0 || b.is_infinite() {
                break;
            }
            a = b;
            ga = gb;
            b *= 2.0;
            gb = g(b);
        }
        if !(ga <= 0.0 && gb >= 0.0) {
            return Err(NotComputable::NotApplicable {
                why: Inapplicable::StudentizedRangeNotBracketed,
            });
        }
        Ok(find_root(g, a, b, 1e-12))
    }
}

/// Relative tolerance of the outer integral.
const OUTER_REL_TOL: f64 = 1e-12;
/// Subintervals at most per outer integral (three of them per CDF).
const OUTER_MAX_INTERVALS: usize = 100;

/// Checks the degrees of freedom and the number of ranges.
fn check_df_ranges(df: f64, nranges: f64) -> Outcome<()> {
    if df.is_nan() || nranges.is_nan() {
        return Err(NotComputable::NonFinite);
    }
    if !(1.0..=1e6).contains(&nranges) {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::RangesCount,
        });
    }
    if df <= 0.0 {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::StudentizedRangeDf,
        });
    }
    Ok(())
}

/// Both tails (P(Q ≤ q), P(Q > q)) of the studentized range (R: `ptukey(q, nmeans, df,
/// nranges)` and `lower.tail = FALSE`); see [`StudentizedRange::cdf_tails`]. Callers that need
/// several values for one `nmeans` should keep a [`StudentizedRange`].
pub fn ptukey_tails(q: f64, nmeans: f64, df: f64, nranges: f64) -> Outcome<(f64, f64)> {
    StudentizedRange::new(nmeans)?.cdf_tails(q, df, nranges)
}

/// P(Q ≤ q) (R: `ptukey(q, nmeans, df, nranges)`).
pub fn ptukey(q: f64, nmeans: f64, df: f64, nranges: f64) -> Outcome<f64> {
    ptukey_tails(q, nmeans, df, nranges).map(|t| t.0)
}

/// P(Q > q) (R: `ptukey(q, nmeans, df, nranges, lower.tail = FALSE)`), the p-value of Tukey's
/// test, to full relative precision where R's 1 − P loses it.
pub fn ptukey_upper(q: f64, nmeans: f64, df: f64, nranges: f64) -> Outcome<f64> {
    ptukey_tails(q, nmeans, df, nranges).map(|t| t.1)
}

/// The quantile of the studentized range (R: `qtukey(p, nmeans, df, nranges)`); see
/// [`StudentizedRange::quantile`].
pub fn qtukey(p: f64, nmeans: f64, df: f64, nranges: f64) -> Outcome<f64> {
    StudentizedRange::new(nmeans)?.quantile(p, df, nranges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_abs, assert_close};

    /// Cody's rational approximations (R's pnorm) against the crate's series/continued
    /// fraction, and against mpmath (30 digits) where those two differ most (the crate's
    /// continued fraction is 2e-14 off at x = −30).
    #[test]
    fn cody_normal_tail_matches_pnorm_tails() {
        use crate::stats::distributions::pnorm_tails;
        let mut x = -30.0;
        while x < 30.0 {
            let (lo, up) = pnorm_tails(x);
            assert_close(upper_normal(x), up, 5e-14, &format!("Q({x})"));
            assert_close(upper_normal(-x), lo, 5e-14, &format!("Φ({x})"));
            x += 0.013_7;
        }
        // mpmath: ncdf(x) at 30 digits
        for (x, want) in [
            (-30.0, 4.9067139271481870595e-198),
            (-20.0, 2.7536241186062336951e-89),
            (-10.0, 7.619853024160526066e-24),
            (-5.0, 2.8665157187919391167e-7),
        ] {
            assert_close(upper_normal(-x), want, 2e-15, &format!("Φ({x})"));
        }
    }

    #[test]
    fn normal_interval_is_accurate_for_short_intervals() {
        // mpmath (40 digits): ncdf(b) - ncdf(a)
        for (a, b, want) in [
            (-5e-4, 5e-4, 0.0003989422637788382929),
            (1.0, 1.001, 0.0002418497391770173477),
            (-0.2, 0.3, 0.1971711316280556605),
            (6.0, 6.5, 9.464276391991069626e-10),
            (-8.0, -7.99, 5.259771124817756312e-17),
        ] {
            assert_close(normal_interval(a, b), want, 1e-14, &format!("[{a}, {b}]"));
        }
    }

    /// scripts/reference/tukey_mpmath.py (mpmath 1.3, 24 digits, the definition integrated
    /// directly): lines "q k df r lower upper".
    const MPMATH: [(f64, f64, f64, f64, f64, f64); 10] = [
        (
            3.5,
            3.0,
            10.0,
            1.0,
            0.9228966891615881773220607,
            0.07710331083841182267793932,
        ),
        (
            1.0,
            3.0,
            10.0,
            1.0,
            0.2351091894212805591342159,
            0.764890810578719440865784,
        ),
        (
            7.0,
            4.0,
            20.0,
            1.0,
            0.9995846781105454398902242,
            0.0004153218894545601097757546,
        ),
        (
            2.5,
            5.0,
            30.0,
            1.0,
            0.5897882367474702835271634,
            0.4102117632525297164728366,
        ),
        (
            5.0,
            10.0,
            5.0,
            1.0,
            0.8333484976385730698682001,
            0.1666515023614269301317999,
        ),
        (
            12.0,
            3.0,
            2.0,
            1.0,
            0.9752571341057284391826659,
            0.02474286589427156081733408,
        ),
        (
            4.5,
            2.0,
            f64::INFINITY,
            1.0,
            0.9985372834133188483020892,
            0.001462716586681151697910758,
        ),
        (
            6.0,
            20.0,
            f64::INFINITY,
            1.0,
            0.9963975662350695364355413,
            0.003602433764930463564458686,
        ),
        (
            5.5,
            100.0,
            60.0,
            1.0,
            0.7304054805631080820108401,
            0.2695945194368919179891599,
        ),
        (
            3.2,
            4.0,
            1000.0,
            1.0,
            0.8924367622785256774515537,
            0.1075632377214743225484463,
        ),
    ];

    #[test]
    fn both_tails_match_a_high_precision_integral() {
        for (q, k, df, r, lower, upper) in MPMATH {
            let (lo, up) = ptukey_tails(q, k, df, r).unwrap();
            assert_close(lo, lower, 1e-13, &format!("ptukey({q}, {k}, {df})"));
            assert_close(up, upper, 1e-13, &format!("ptukey({q}, {k}, {df}, upper)"));
        }
    }

    /// R 4.2.2: scripts/reference/tukey.R, ptukey(q, k, df, r) and lower.tail = FALSE
    /// (sprintf %.17g). R's own error against the mpmath values above is up to 7.9e-9
    /// absolute (q = 5.5, k = 100, df = 60), 2.9e-9 relative in the upper tail (q = 12, k = 3,
    /// df = 2), 1.8e-11 relative (q = 6, k = 20, df = Inf); the rest within 3e-12 absolute.
    /// (R's 1 − P also loses the relative precision of small upper tails: ptukey(9, 6, Inf, 1,
    /// lower.tail = FALSE) = 2.9471992624e-9 against mpmath's 2.9471674890e-9, 1.1e-5 off.)
    #[test]
    fn ptukey_matches_r_to_its_accuracy() {
        for (q, k, df, r, lower, upper) in [
            (
                3.5,
                3.0,
                10.0,
                1.0,
                0.9228966891613396,
                0.077103310838660399,
            ),
            (
                1.0,
                3.0,
                10.0,
                1.0,
                0.23510918942120235,
                0.76489081057879771,
            ),
            (
                7.0,
                4.0,
                20.0,
                1.0,
                0.99958467811012841,
                0.00041532188987158936,
            ),
            (
                2.5,
                5.0,
                30.0,
                1.0,
                0.58978823674482961,
                0.41021176325517039,
            ),
            (
                5.0,
                10.0,
                5.0,
                1.0,
                0.83334849774499409,
                0.16665150225500591,
            ),
            (
                12.0,
                3.0,
                2.0,
                1.0,
                0.97525713417805826,
                0.02474286582194174,
            ),
            (
                4.5,
                2.0,
                f64::INFINITY,
                1.0,
                0.99853728341331904,
                0.0014627165866809566,
            ),
            (
                6.0,
                20.0,
                f64::INFINITY,
                1.0,
                0.9963975662351332,
                0.003602433764866797,
            ),
            (
                5.5,
                100.0,
                60.0,
                1.0,
                0.73040548844233544,
                0.26959451155766456,
            ),
            (
                3.2,
                4.0,
                1000.0,
                1.0,
                0.89243676226859681,
                0.10756323773140319,
            ),
            (
                0.3,
                3.0,
                10.0,
                1.0,
                0.024441985666101566,
                0.97555801433389844,
            ),
            (
                9.0,
                6.0,
                12.0,
                3.0,
                0.99889324080758768,
                0.001106759192412321,
            ),
        ] {
            let (lo, up) = ptukey_tails(q, k, df, r).unwrap();
            assert_abs(lo, lower, 1e-8, &format!("ptukey({q}, {k}, {df}, {r})"));
            assert_abs(
                up,
                upper,
                1e-8,
                &format!("ptukey({q}, {k}, {df}, {r}, upper)"),
            );
        }
    }

    /// R 4.2.2: qtukey(p, k, df, r) (scripts/reference/tukey.R). R stops its secant iteration
    /// when two iterates differ by less than 1e-4, so it agrees with the converged quantile to
    /// about 1e-9 relative (checked: ptukey of these quantiles is p to 1e-13, see below).
    #[test]
    fn qtukey_matches_r_to_its_accuracy() {
        for (p, k, df, r, want) in [
            (0.95, 3.0, 10.0, 1.0, 3.8767767491915595),
            (0.95, 4.0, 36.0, 1.0, 3.8087983814346562),
            (0.99, 5.0, 20.0, 1.0, 5.2932525116882481),
            (0.9, 2.0, 5.0, 1.0, 2.849708737745352),
            (0.95, 10.0, 100.0, 1.0, 4.5767845454523215),
            (0.95, 6.0, 20.0, 1.0, 4.445236619322305),
            (0.5, 3.0, 10.0, 1.0, 1.6446889006146324),
            (0.05, 4.0, 12.0, 1.0, 0.7501077656368208),
            (0.95, 3.0, f64::INFINITY, 1.0, 3.3144931575530054),
            (0.95, 100.0, 60.0, 1.0, 6.4617179131185161),
            (0.95, 3.0, 2.0, 1.0, 8.3307825511898272),
            (0.95, 3.0, 12.0, 2.0, 4.2819636010867903),
        ] {
            let q = qtukey(p, k, df, r).unwrap();
            assert_close(q, want, 5e-8, &format!("qtukey({p}, {k}, {df}, {r})"));
            let (lo, up) = ptukey_tails(q, k, df, r).unwrap();
            if p > 0.5 {
                assert_close(up, 1.0 - p, 1e-11, "round trip");
            } else {
                assert_close(lo, p, 1e-11, "round trip");
            }
        }
    }

    /// k = 2: Q/√2 = |t_ν|, so P(Q > q) = I_{ν/(ν+q²/2)}(ν/2, ½); 40-digit mpmath values
    /// (scripts/reference/tukey_k2_mpmath.py), "q df upper lower".
    #[test]
    fn two_means_is_a_t_distribution() {
        let text = "0.001 1 0.99954984191694778414 0.00045015808305221586292
0.5 1 0.78365310406121454034 0.21634689593878545966
2 1 0.39182655203060727017 0.60817344796939272983
5 1 0.17547965609182181051 0.82452034390817818949
15 1 0.059844189984441712484 0.94015581001555828752
60 1 0.015002494107773507296 0.9849975058922264927
1000 1 0.00090031571594694888351 0.99909968428405305112
0.001 2 0.99950000006249998828 0.00049999993750001171875
0.5 2 0.75746437496366702648 0.24253562503633297352
2 2 0.2928932188134524756 0.7071067811865475244
5 2 0.071523309114740684267 0.92847669088525931573
15 2 0.00877209931736533228 0.99122790068263466772
60 2 0.00055509302084565715483 0.99944490697915434285
1000 2 1.99999400001999993e-6 0.99999800000599998
0.001 3.5 0.99947423456571084767 0.00052576543428915232918
0.5 3.5 0.74392211117229710166 0.25607788882770289834
2 3.5 0.23977542448614836258 0.76022457551385163742
5 3.5 0.030017112010592574778 0.96998288798940742522
15 3.5 0.00087661731191521215405 0.99912338268808478785
60 3.5 7.1360395489682581921e-6 0.99999286396045103174
1000 3.5 3.7860842164234834496e-10 0.99999999962139157836
0.001 10 0.99944971769660470531 0.00055028230339529468695
0.5 10 0.73101381068155122792 0.26898618931844877208
2 10 0.18766987086960300907 0.81233012913039699093
5 10 0.0053967818416573290625 0.99460321815834267094
15 10 9.2415118573609669985e-7 0.9999990758488142639
60 10 1.2697255972684027117e-12 0.9999999999987302744
1000 10 7.8742781652169904962e-25 1.0
0.001 57 0.99943827943482101345 0.00056172056517898655134
0.5 57 0.72497796864169824405 0.27502203135830175595
2 57 0.16273835745562004206 0.83726164254437995794
5 57 0.00081593035382053056379 0.99918406964617946944
15 57 4.1547786985116592519e-15 0.99999999999999584522
60 57 8.1269757559258719633e-45 1.0
1000 57 4.3903502247460048936e-114 1.0
0.001 1000 0.99943595149324621998 0.00056404850675378001959
0.5 1000 0.72374813177231524679 0.27625186822768475321
2 1000 0.15761046413342373443 0.84238953586657626557
5 1000 0.00042559882498001306323 0.99957440117501998694
15 1000 5.567041553374848048e-25 1.0
60 1000 8.2893049865997344772e-226 1.0
0.001 1e6 0.99943581060451545233 0.00056418939548454766634
0.5 1e6 0.72367368436399624637 0.27632631563600375363
2 1e6 0.15729951838083468745 0.84270048161916531255
5 1e6 0.0004069703969847734646 0.99959302960301522654
15 1e6 2.7856041578083900667e-26 1.0";
        let d = StudentizedRange::new(2.0).unwrap();
        for line in text.lines() {
            let v: Vec<f64> = line.split(' ').map(|x| x.parse().unwrap()).collect();
            let (lo, up) = d.cdf_tails(v[0], v[1], 1.0).unwrap();
            assert_close(up, v[2], 2e-13, &format!("upper q={} df={}", v[0], v[1]));
            assert_close(lo, v[3], 2e-13, &format!("lower q={} df={}", v[0], v[1]));
        }
        // beyond W_MAX·s and below e^{−745}: 0, never NaN
        assert_eq!(d.cdf_tails(1000.0, 1e6, 1.0).unwrap(), (1.0, 0.0));
    }

    #[test]
    fn tables_agree_with_the_direct_integrals() {
        for k in [
            2.0, 3.0, 4.0, 5.0, 7.0, 10.0, 20.0, 50.0, 100.0, 300.0, 1000.0,
        ] {
            let d = StudentizedRange::new(k).unwrap();
            for i in 1..100 {
                let w = d.switch * i as f64 / 100.0 * 1.003;
                // ln W relative to 1e-12 (the table holds ln I; ln W adds (k − 1) ln g(0))
                assert_abs(
                    d.lower.eval(w),
                    direct_ln_i(w, k),
                    1e-12,
                    &format!("ln I({w}; {k})"),
                );
            }
            for i in 0..100 {
                let w = d.switch + (50.0 - d.switch) * (i as f64 / 100.0).powi(2);
                let got = d.range_tails(w, 1.0).upper.ln() + 0.25 * w * w + w.ln();
                // ln(1 − W) to 3e-13 (the rounding of exp/ln of values up to e^{−625})
                assert_abs(got, direct_ln_u(w, k), 3e-13, &format!("ln U({w}; {k})"));
            }
        }
    }

    #[test]
    fn tails_add_to_one_and_increase_with_q() {
        for (k, df, r) in [
            (3.0, 7.0, 1.0),
            (8.0, 45.0, 1.0),
            (30.0, 2.0, 1.0),
            (4.0, 12.0, 5.0),
        ] {
            let d = StudentizedRange::new(k).unwrap();
            let mut last = 0.0;
            for i in 0..60 {
                let q = 0.05 + 0.25 * i as f64;
                let (lo, up) = d.cdf_tails(q, df, r).unwrap();
                assert_abs(lo + up, 1.0, 3e-14, "lower + upper");
                assert!(lo >= last, "monotone at q = {q}");
                last = lo;
            }
        }
    }

    #[test]
    fn extremes_are_values_or_errors_never_nan() {
        let d = StudentizedRange::new(5.0).unwrap();
        assert_eq!(d.cdf_tails(0.0, 10.0, 1.0).unwrap(), (0.0, 1.0));
        assert_eq!(d.cdf_tails(-1.0, 10.0, 1.0).unwrap(), (0.0, 1.0));
        assert_eq!(d.cdf_tails(f64::INFINITY, 10.0, 1.0).unwrap(), (1.0, 0.0));
        assert!(d.cdf_tails(f64::NAN, 10.0, 1.0).is_err());
        assert!(d.cdf_tails(3.0, 0.0, 1.0).is_err());
        assert!(d.cdf_tails(3.0, f64::NAN, 1.0).is_err());
        assert!(d.cdf_tails(3.0, 10.0, 0.5).is_err());
        assert!(StudentizedRange::new(1.0).is_err());
        assert!(StudentizedRange::new(f64::NAN).is_err());
        assert!(StudentizedRange::new(1e5).is_err());
        assert!(d.quantile(1.5, 10.0, 1.0).is_err());
        assert_eq!(d.quantile(0.0, 10.0, 1.0).unwrap(), 0.0);
        assert_eq!(d.quantile(1.0, 10.0, 1.0).unwrap(), f64::INFINITY);
        for df in [1.0, 1.5, 2.0, 1e3, 1e9, 1e14, 1e16, 1e300, f64::INFINITY] {
            for q in [1e-8, 0.5, 4.0, 40.0, 1e4, 1e12] {
                let (lo, up) = d.cdf_tails(q, df, 1.0).unwrap();
                assert!(
                    (0.0..=1.0).contains(&lo) && (0.0..=1.0).contains(&up),
                    "{q} {df}"
                );
                assert_abs(lo + up, 1.0, 1e-13, &format!("{q} {df}"));
            }
            let q = d.quantile(0.95, df, 1.0).unwrap();
            assert!(q.is_finite() && q > 0.0, "{df}");
        }
        // a tiny p-value keeps its relative precision (R: 1 − P, 0 below ~1e-15); df = ∞ and
        // k = 2: P(Q > q) = 2Q(q/√2) = erfc(q/2)
        let two = StudentizedRange::new(2.0).unwrap();
        let up = two.cdf_tails(20.0, f64::INFINITY, 1.0).unwrap().1;
        assert_close(up, 2.088487583762544757e-45, 1e-13, "erfc(10)");
        // many means
        let big = StudentizedRange::new(10000.0).unwrap();
        let q = big.quantile(0.95, 50.0, 1.0).unwrap();
        assert!(q > 8.0 && q < 12.0, "{q}");
    }

    /// Timings (run with --ignored --nocapture in a release build).
    #[test]
    #[ignore]
    fn timing() {
        for k in [3.0, 10.0, 100.0] {
            let t = std::time::Instant::now();
            let d = StudentizedRange::new(k).unwrap();
            let build = t.elapsed();
            let t = std::time::Instant::now();
            for i in 0..100 {
                let _ = d
                    .cdf_tails(1.0 + 0.07 * i as f64, 20.0 + i as f64, 1.0)
                    .unwrap();
            }
            let cdf = t.elapsed() / 100;
            let t = std::time::Instant::now();
            for i in 0..20 {
                let _ = d.quantile(0.95, 10.0 + i as f64 * 3.3, 1.0).unwrap();
            }
            let q = t.elapsed() / 20;
            eprintln!("k {k}: table {build:?}, cdf {cdf:?}, quantile {q:?}");
        }
    }

    /// Many p-values and quantiles for one k share the tables: a Games–Howell analysis of 10
    /// groups (45 quantiles with different df) stays well under a second even in a debug build.
    #[test]
    fn cost_is_bounded() {
        let t = std::time::Instant::now();
        let d = StudentizedRange::new(10.0).unwrap();
        for i in 0..45 {
            let df = 5.0 + i as f64 * 3.7;
            let q = d.quantile(0.95, df, 1.0).unwrap();
            let _ = d.cdf_tails(q * 0.8, df, 1.0).unwrap();
        }
        assert!(t.elapsed().as_secs_f64() < 5.0, "{:?}", t.elapsed());
    }
}
