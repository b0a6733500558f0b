//! The noncentral F distribution, and the confidence interval of its noncentrality parameter
//! (the interval behind η², ω² and every "exact" CI of a proportion of variance).
//!
//! R's `pf(q, df1, df2, ncp)` (its `pnbeta`, AS 226 with Frick's AS R84 start) sums the Poisson
//! mixture from 7 SDs below the mode until an absolute error bound of 1e-9, at most 10 000
//! terms: it is good to about 1e-9 and stops early ("full precision may not have been
//! achieved") beyond λ ≈ 10⁶. [`pnf_tails`] sums the same mixture from the mode outwards with
//! both tails kept separately (for very large λ, integrates it), so it agrees with a 60-digit
//! sum to 1e-11 or better for every λ tried up to 2·10⁹, each tail relative to itself
//! (scripts/reference/noncentral_f.py); the limit is the incomplete beta function of
//! [`beta_reg_pair`] at shapes of 10⁵ and more (~1e-12).

use super::distributions::{beta_reg_pair, find_root, ln_beta_front, ln_dpois, pf_tails};
use super::summation::Accumulator;
use super::{Alternative, Inapplicable, NotComputable, Outcome};

/// Above this Poisson mean λ/2, [`pnf_tails`] integrates the mixture instead of summing its
/// terms one by one (their number grows as √λ).
pub const SERIES_MAX_POISSON_MEAN: f64 = 1e6;

/// (P(F ≤ f), P(F > f)) for the noncentral F distribution with `d1`, `d2` degrees of freedom
/// and noncentrality `ncp` = λ ≥ 0 (R: `pf(f, d1, d2, ncp)` and `lower.tail = FALSE`).
///
/// With x = d1·f/(d1·f + d2), a = d1/2, b = d2/2 and c = λ/2 (Johnson, Kotz & Balakrishnan
/// 1995, eq. 30.9; the mixture R's `pnbeta` sums):
///
///   P(F ≤ f) = Σ_j e^{−c} c^j / j! · I_x(a + j, b),  P(F > f) = Σ_j e^{−c} c^j / j! · I_{1−x}(b, a + j).
///
/// Both sums start at the mode of the Poisson weights, j = ⌊c⌋ (the incomplete beta function
/// and its complement there from [`beta_reg_pair`]), and run forward and backward with the
/// recurrences I_x(a + 1, b) = I_x(a, b) − g(a), g(a) = x^a (1 − x)^b / (a·B(a, b))
/// (Benton & Krishnamoorthy 2003, as [`super::distributions::pnt`] does for the noncentral t),
/// until the geometric bound of the rest of each sum is below 1e-17 of it, and at most
/// 12·√c + 50 terms each way (the weights beyond are below e^{−72} of the mode's). g and the
/// weight are recomputed from their closed forms every 64 terms, so rounding does not
/// accumulate. Each tail is a sum of positive terms, so each is accurate on its own (a tiny
/// upper tail is not 1 minus a number near 1).
///
/// Beyond c = [`SERIES_MAX_POISSON_MEAN`] (10⁶: up to 2·10⁴ terms) the summand
/// s(j) = e^{−c} c^j / Γ(j + 1) · I_x(a + j, b), extended to real j, is smooth on the scale of
/// the Poisson SD √c, so by the Poisson summation formula Σ_j s(j) equals ∫ s(j) dj up to
/// e^{−2π²c}, and the trapezoidal rule with a step of √c/16 to √c/32 over c ± 10√c gives that
/// integral to the precision of its 321 to 641 terms (the error of the rule is of order
/// e^{−2π²·16²}): a fixed cost whatever λ is.
///
/// `d1`, `d2` must be positive and finite; NaN for invalid arguments or a NaN `f`.
pub fn pnf_tails(f: f64, d1: f64, d2: f64, ncp: f64) -> (f64, f64) {
    let nan = (f64::NAN, f64::NAN);
    if f.is_nan() || ncp.is_nan() || !(d1 > 0.0 && d1.is_finite() && d2 > 0.0 && d2.is_finite()) {
        return nan;
    }
    if ncp < 0.0 || !ncp.is_finite() {
        return nan;
    }
    if ncp == 0.0 {
        return pf_tails(f, d1, d2);
    }
    if f <= 0.0 {
        return (0.0, 1.0);
    }
    if f.is_infinite() {
        return (1.0, 0.0);
    }
    // x and y = 1 − x, each computed directly, and their logarithms without the loss of
    // ln(y) for y near 1 (b·ln y with b = 5·10⁵ would otherwise lose 11 digits)
    let (x, y, ln_x, ln_y) = if d1 * f > d2 {
        let r = d2 / (d1 * f);
        let l1p = r.ln_1p();
        (1.0 / (1.0 + r), r / (1.0 + r), -l1p, r.ln() - l1p)
    } else {
        let r = d1 * f / d2;
        let l1p = r.ln_1p();
        (r / (1.0 + r), 1.0 / (1.0 + r), r.ln() - l1p, -l1p)
    };
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    if y <= 0.0 {
        return (1.0, 0.0);
    }
    let (a, b, c) = (d1 / 2.0, d2 / 2.0, ncp / 2.0);
    if c > SERIES_MAX_POISSON_MEAN {
        return mixture_integral(x, y, a, b, c);
    }
    let k = c.floor();
    let window = 12.0 * c.sqrt() + 50.0;
    // ln g(s), g(s) = x^s y^b / (s·B(s, b)) (without cancellation for large s and b)
    let ln_g = |s: f64| ln_beta_front(s, b, x, y, ln_x, ln_y) - s.ln();
    let weight = |j: f64| ln_dpois(j, c).exp();
    const TINY: f64 = 1e-17;
    const REANCHOR: u32 = 64;

    let w_k = weight(k);
    let (i_k, ic_k) = beta_reg_pair(a + k, b, x, y);
    // (up to 10⁶ terms: summed with an exact accumulator)
    let (mut lower, mut upper) = (Accumulator::new(), Accumulator::new());
    lower.add(w_k * i_k);
    upper.add(w_k * ic_k);

    // forward: j = k + 1, k + 2, …; the weights fall by c/(j + 1) < 1
    {
        let (mut w, mut i, mut ic) = (w_k, i_k, ic_k);
        let mut s = a + k;
        let mut g = ln_g(s).exp();
        let mut j = k;
        let mut steps = 0u32;
        while j < k + window {
            // I(s + 1) = I(s) − g(s)
            i = (i - g).max(0.0);
            ic = (ic + g).min(1.0);
            j += 1.0;
            steps += 1;
            if steps.is_multiple_of(REANCHOR) {
                g = ln_g(s + 1.0).exp();
                w = weight(j);
            } else {
                g *= x * (s + b) / (s + 1.0);
                w *= c / j;
            }
            s += 1.0;
            lower.add(w * i);
            upper.add(w * ic);
            let r = c / (j + 1.0);
            let rest = if r < 1.0 {
                w * r / (1.0 - r)
            } else {
                f64::INFINITY
            };
            // I falls as j rises (the rest of the lower sum is below rest·I), the complement
            // rises to at most 1
            let lower_done = rest * i <= TINY * lower.value();
            let upper_done = rest <= TINY * upper.value();
            if (lower_done && upper_done) || w == 0.0 {
                break;
            }
        }
    }

    // backward: j = k − 1, …, 0; the weights fall by j/c < 1
    {
        let (mut w, mut i, mut ic) = (w_k, i_k, ic_k);
        let mut s = a + k;
        let mut g = ln_g(s).exp();
        let mut j = k;
        let mut steps = 0u32;
        while j >= 1.0 && j > k - window {
            steps += 1;
            // g(s − 1) = g(s)·s/((s + b − 1)·x); I(s − 1) = I(s) + g(s − 1)
            g = if steps.is_multiple_of(REANCHOR) || g == 0.0 {
                ln_g(s - 1.0).exp()
            } else {
                g * s / ((s + b - 1.0) * x)
            };
            s -= 1.0;
            i = (i + g).min(1.0);
            ic = (ic - g).max(0.0);
            if steps.is_multiple_of(REANCHOR) {
                w = weight(j - 1.0);
            } else {
                w *= j / c;
            }
            j -= 1.0;
            lower.add(w * i);
            upper.add(w * ic);
            let r = j / c;
            let rest = w * r / (1.0 - r);
            // backwards I rises to at most 1 and its complement falls
            let lower_done = rest <= TINY * lower.value();
            let upper_done = rest * ic <= TINY * upper.value();
            if (lower_done && upper_done) || w == 0.0 {
                break;
            }
        }
    }
    (lower.value().clamp(0.0, 1.0), upper.value().clamp(0.0, 1.0))
}

/// The two mixtures of [`pnf_tails`] as integrals over the Poisson index, by the trapezoidal
/// rule over c ± 10√c (for c > [`SERIES_MAX_POISSON_MEAN`]). The step h is the power of two
/// between √c/32 and √c/16, and the nodes are the multiples of h, so that they are exactly
/// equally spaced in floating point (nodes c + m·h would be off by an ulp of c, which at
/// c = 10⁹ moves the integral by 1e-13).
fn mixture_integral(x: f64, y: f64, a: f64, b: f64, c: f64) -> (f64, f64) {
    let sd = c.sqrt();
    let h = (sd / 16.0).log2().floor().exp2();
    let first = ((c - 10.0 * sd) / h).floor();
    let last = ((c + 10.0 * sd) / h).ceil();
    let (mut lower, mut upper) = (Accumulator::new(), Accumulator::new());
    let mut m = first;
    while m <= last {
        let j = m * h;
        if j > 0.0 {
            let w = ln_dpois(j, c).exp();
            let (i, ic) = beta_reg_pair(a + j, b, x, y);
            lower.add(w * i);
            upper.add(w * ic);
        }
        m += 1.0;
    }
    (
        (h * lower.value()).clamp(0.0, 1.0),
        (h * upper.value()).clamp(0.0, 1.0),
    )
}

/// P(F ≤ f) of the noncentral F (R: `pf(f, d1, d2, ncp)`); see [`pnf_tails`].
pub fn pnf(f: f64, d1: f64, d2: f64, ncp: f64) -> f64 {
    pnf_tails(f, d1, d2, ncp).0
}

/// The confidence interval of the noncentrality λ of an F statistic observed at `f` with
/// (`d1`, `d2`) degrees of freedom, by inverting the noncentral F (Steiger & Fouladi 1997;
/// Steiger 2004, Psychological Methods 9:164): at level 1 − α, λ_lo solves P(F > f; λ) = α/2
/// and λ_hi solves P(F ≤ f; λ) = α/2, each 0 when the equation has no root λ ≥ 0 (f at or below
/// the central F's 1 − α/2, resp. α/2, quantile), as `effectsize:::.get_ncp_F` sets them.
/// One-sided alternatives use level 2·conf − 1 and the open end (λ = ∞ for `greater`, 0 for
/// `less`), as effectsize's `.adjust_ci`. Both ends are found by Brent's method to a relative
/// 1e-14 (effectsize minimises a sum of absolute errors with Nelder–Mead, `optim(abstol = 1e-9)`,
/// which stops early; docs/statistics.md).
///
/// Not computable for a non-finite or negative `f`, invalid degrees of freedom or level, or a
/// noncentrality beyond the range of [`pnf_tails`].
pub fn ncp_f_interval(
    f: f64,
    d1: f64,
    d2: f64,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<(f64, f64)> {
    if !(f.is_finite() && f >= 0.0 && d1 > 0.0 && d1.is_finite() && d2 > 0.0 && d2.is_finite()) {
        return Err(NotComputable::NonFinite);
    }
    if !super::valid_conf_level(conf_level) {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::ConfLevelRange,
        });
    }
    let level = match alternative {
        Alternative::TwoSided => conf_level,
        _ => 2.0 * conf_level - 1.0,
    };
    let tail = (1.0 - level) / 2.0;
    let lo = if alternative == Alternative::Less {
        0.0
    } else {
        solve_ncp_f(f, d1, d2, tail, true)?
    };
    let hi = if alternative == Alternative::Greater {
        f64::INFINITY
    } else {
        solve_ncp_f(f, d1, d2, tail, false)?
    };
    Ok((lo, hi))
}

/// The λ ≥ 0 with P(F > f; λ) = `target` (`upper`) or P(F ≤ f; λ) = `target` (not `upper`);
/// 0 when already at λ = 0 the tail is past the target. P(F ≤ f; λ) decreases in λ.
fn solve_ncp_f(f: f64, d1: f64, d2: f64, target: f64, upper: bool) -> Outcome<f64> {
    // g(λ) increases in λ in both cases
    let g = |ncp: f64| -> f64 {
        let (lo, up) = pnf_tails(f, d1, d2, ncp);
        if upper {
            up - target
        } else {
            target - lo
        }
    };
    let too_large = NotComputable::NotApplicable {
        why: Inapplicable::NoncentralFIntervalNotFound,
    };
    let g0 = g(0.0);
    if g0 >= 0.0 {
        return Ok(0.0);
    }
    // bracket outwards from the observed λ̂ = f·d1 (near the middle of the interval), by steps
    // of about 20 SDs of the noncentral χ² that doubles until the root is passed
    let centre = f * d1;
    let mut step = 20.0 * (centre + d1).sqrt() + 20.0;
    let mut hi = centre + step;
    let mut g_hi = g(hi);
    for _ in 0..200 {
        if g_hi.is_nan() {
            return Err(too_large);
        }
        if g_hi >= 0.0 {
            break;
        }
        step *= 2.0;
        hi = centre + step;
        g_hi = g(hi);
    }
    if g_hi.is_nan() || g_hi < 0.0 {
        return Err(too_large);
    }
    let mut lo = (centre - 20.0 * (centre + d1).sqrt() - 20.0).max(0.0);
    let g_lo = g(lo);
    if g_lo.is_nan() || g_lo >= 0.0 {
        lo = 0.0;
    }
    let root = find_root(g, lo, hi, 1e-14);
    if root.is_nan() {
        return Err(too_large);
    }
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_abs, assert_close};

    /// (f, d1, d2, ncp, P(F ≤ f), P(F > f)) from scripts/reference/noncentral_f.py: the
    /// Poisson mixture of regularized incomplete beta functions summed in mpmath 1.3.0 at 40
    /// digits (every term, from j = 0 to 40 SDs past the mode).
    const MPMATH: &[(f64, f64, f64, f64, f64, f64)] =
        &include!("../../tests/data/noncentral_f/mpmath.in");

    #[test]
    fn pnf_matches_a_40_digit_sum() {
        for &(f, d1, d2, ncp, lower, upper) in MPMATH {
            let (l, u) = pnf_tails(f, d1, d2, ncp);
            let what = format!("pf({f}, {d1}, {d2}, ncp = {ncp})");
            // each tail to 1e-12 relative where it is not tiny, 1e-15 absolute
            if lower > 1e-280 {
                assert!(
                    ((l - lower) / lower).abs() < 1e-11 || (l - lower).abs() < 1e-15,
                    "{what} lower: got {l:e}, mpmath {lower:e}"
                );
            } else {
                assert_abs(l, lower, 1e-300, &what);
            }
            if upper > 1e-280 {
                assert!(
                    ((u - upper) / upper).abs() < 1e-11 || (u - upper).abs() < 1e-15,
                    "{what} upper: got {u:e}, mpmath {upper:e}"
                );
            } else {
                assert_abs(u, upper, 1e-300, &what);
            }
        }
    }

    #[test]
    fn pnf_matches_r_pf() {
        // R 4.2.2: print(pf(q, df1, df2, ncp), digits = 17) and lower.tail = FALSE
        // (scripts/reference/noncentral_f.R). R's pnbeta stops at an absolute error bound of
        // 1e-9, so the agreement is absolute 1e-9 (in practice R is better than its bound).
        const R: &[(f64, f64, f64, f64, f64, f64)] =
            &include!("../../tests/data/noncentral_f/r_pf.in");
        for &(f, d1, d2, ncp, lower, upper) in R {
            let (l, u) = pnf_tails(f, d1, d2, ncp);
            let what = format!("pf({f}, {d1}, {d2}, ncp = {ncp})");
            assert_abs(l, lower, 1e-9, &what);
            assert_abs(u, upper, 1e-9, &what);
        }
    }

    #[test]
    fn central_f_with_two_large_df_matches_r() {
        // R 4.2.2: print(c(pf(q, df1, df2), pf(q, df1, df2, lower.tail = FALSE)), digits = 17)
        // (scripts/reference/noncentral_f.R). With both shapes near 10⁶ the incomplete beta's
        // prefactor lost 1e-10 before distributions::ln_beta_front.
        for (f, d1, d2, lower, upper) in [
            (
                1.002,
                1e6,
                1e6,
                8.4110289620850476e-01,
                1.5889710379149524e-01,
            ),
            (
                0.998,
                2e5,
                8e5,
                2.8589031062775616e-01,
                7.1410968937224384e-01,
            ),
            (
                1.01,
                50.0,
                1e6,
                5.4637286333344526e-01,
                4.5362713666655474e-01,
            ),
            (1.3, 30.0, 40.0, 0.78307941867709019, 0.21692058132290987),
            (
                1.0005,
                3e6,
                3e6,
                6.6745790520679449e-01,
                3.3254209479320551e-01,
            ),
        ] {
            let (l, u) = pf_tails(f, d1, d2);
            assert_close(l, lower, 1e-12, &format!("pf({f}, {d1}, {d2})"));
            assert_close(u, upper, 1e-12, &format!("upper pf({f}, {d1}, {d2})"));
        }
    }

    #[test]
    fn the_integrated_mixture_equals_the_sum() {
        // where both apply (c = 10⁴ … 10⁶), the trapezoidal integral of the mixture and its
        // term-by-term sum agree to the precision of the incomplete beta function at shapes
        // near 10⁵ (its continued fraction near the switch point, ~1e-12); and the integral
        // of the weights alone is 1
        for &(f, d1, d2, ncp) in &[
            (2e4 / 3.0 + 1.0, 3.0, 40.0, 2e4),
            (7e4, 2.0, 60.0, 1.5e5),
            (2.1e5, 5.0, 1e6, 1e6),
            (6.5e5, 3.0, 5000.0, 2e6),
            (1e6, 2.0, 1e6, 2e6),
            (9.9e5, 2.0, 1e6, 2e6),
        ] {
            let series = pnf_tails(f, d1, d2, ncp);
            let r = d1 * f / d2;
            let integral = mixture_integral(
                r / (1.0 + r),
                1.0 / (1.0 + r),
                d1 / 2.0,
                d2 / 2.0,
                ncp / 2.0,
            );
            let what = format!("pf({f}, {d1}, {d2}, ncp = {ncp})");
            for (s, i) in [(series.0, integral.0), (series.1, integral.1)] {
                assert!(
                    (s - i).abs() <= 2e-12 * s.max(1e-300) || (s - i).abs() < 1e-16,
                    "{what}: {s:e} {i:e}"
                );
            }
        }
        for c in [1e4f64, 1e7, 1e9, 1e12] {
            // the weights alone (I = 1) integrate to 1
            let (total, _) = mixture_integral(1.0 - 1e-300, 1e-300, 1.0, 1.0, c);
            assert_abs(total, 1.0, 1e-14, "weights integrate to 1");
        }
    }

    #[test]
    fn exact_where_r_gives_up() {
        // R 4.2.2 (scripts/reference/noncentral_f.R), with "full precision may not have been
        // achieved in 'pnbeta'" and "convergence failed in 'pnbeta'":
        //   pf(2e6/3, 3, 20, ncp = 2e6) = 0.45731479340268683
        //   pf(1e7/3, 3, 20, ncp = 1e7) = 0.002633622281523479
        // and the 60-digit sums (scripts/reference/noncentral_f.py, in MPMATH)
        for (f, ncp, r) in [
            (2e6 / 3.0, 2e6, 0.45731479340268683),
            (1e7 / 3.0, 1e7, 0.002633622281523479),
        ] {
            let exact = MPMATH
                .iter()
                .find(|c| c.0 == f && c.3 == ncp)
                .expect("an mpmath case")
                .4;
            let p = pnf(f, 3.0, 20.0, ncp);
            assert_close(p, exact, 1e-11, "pnf");
            assert!((p - r).abs() > 5e-4, "R's value is off");
        }
    }

    #[test]
    fn pnf_at_the_edges() {
        assert_eq!(pnf_tails(0.0, 3.0, 20.0, 5.0), (0.0, 1.0));
        assert_eq!(pnf_tails(-1.0, 3.0, 20.0, 5.0), (0.0, 1.0));
        assert_eq!(pnf_tails(f64::INFINITY, 3.0, 20.0, 5.0), (1.0, 0.0));
        assert!(pnf_tails(f64::NAN, 3.0, 20.0, 5.0).0.is_nan());
        assert!(pnf_tails(1.0, 0.0, 20.0, 5.0).0.is_nan());
        assert!(pnf_tails(1.0, 3.0, f64::INFINITY, 5.0).0.is_nan());
        assert!(pnf_tails(1.0, 3.0, 20.0, -1.0).0.is_nan());
        // ncp = 0 is the central F
        assert_eq!(pnf_tails(2.5, 3.0, 20.0, 0.0), pf_tails(2.5, 3.0, 20.0));
        // the two tails add to 1 and the CDF falls in λ
        let mut prev = 1.0;
        for ncp in [0.1, 1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9] {
            let f = ncp / 3.0 + 1.0;
            let (l, u) = pnf_tails(f, 3.0, 40.0, ncp);
            assert_abs(l + u, 1.0, 1e-13, "tails add up");
            let p = pnf(5.0, 3.0, 40.0, ncp);
            assert!(p <= prev, "pnf falls in ncp");
            prev = p;
        }
    }

    #[test]
    fn interval_matches_r_uniroot() {
        // R 4.2.2 (scripts/reference/noncentral_f.R): the λ with pf(f, df1, df2, λ) = 0.975
        // and 0.025 by uniroot(tol = 1e-13) on R's pf, 0 where pf(f, df1, df2) is already
        // below the target (effectsize's rule).
        const R: &[(f64, f64, f64, f64, f64)] =
            &include!("../../tests/data/noncentral_f/r_interval.in");
        for &(f, d1, d2, lo, hi) in R {
            let (l, h) = ncp_f_interval(f, d1, d2, Alternative::TwoSided, 0.95).unwrap();
            let what = format!("ncp interval of F = {f} ({d1}, {d2})");
            if lo == 0.0 {
                assert_eq!(l, 0.0, "{what}");
            } else {
                assert_close(l, lo, 1e-7, &what);
            }
            if hi == 0.0 {
                assert_eq!(h, 0.0, "{what}");
            } else {
                assert_close(h, hi, 1e-7, &what);
            }
        }
    }

    #[test]
    fn interval_is_bounded_and_one_sided_ends_are_open() {
        let (lo, hi) = ncp_f_interval(4.0, 2.0, 27.0, Alternative::Greater, 0.95).unwrap();
        assert!(lo > 0.0 && hi == f64::INFINITY);
        let (lo2, _) = ncp_f_interval(4.0, 2.0, 27.0, Alternative::TwoSided, 0.90).unwrap();
        assert_close(
            lo,
            lo2,
            1e-12,
            "greater at 95% = lower end of two-sided 90%",
        );
        let (lo, hi) = ncp_f_interval(4.0, 2.0, 27.0, Alternative::Less, 0.95).unwrap();
        assert!(lo == 0.0 && hi > 0.0);
        assert!(ncp_f_interval(f64::NAN, 2.0, 27.0, Alternative::TwoSided, 0.95).is_err());
        assert!(ncp_f_interval(f64::INFINITY, 2.0, 27.0, Alternative::TwoSided, 0.95).is_err());
        assert!(ncp_f_interval(4.0, 2.0, 27.0, Alternative::TwoSided, 1.0).is_err());
        // F = 0: [0, 0]
        assert_eq!(
            ncp_f_interval(0.0, 2.0, 27.0, Alternative::TwoSided, 0.95).unwrap(),
            (0.0, 0.0)
        );
        // an F of 1e8 on (2, 1e6) degrees of freedom: λ̂ = 2e8, still exact
        let (lo, hi) = ncp_f_interval(1e8, 2.0, 1e6, Alternative::TwoSided, 0.95).unwrap();
        assert!(lo < 2e8 && hi > 2e8 && lo > 1.9e8 && hi < 2.1e8);
        // λ̂ = 2e11: the integrated mixture
        let (lo, hi) = ncp_f_interval(1e11, 2.0, 1e6, Alternative::TwoSided, 0.95).unwrap();
        assert!(lo < 2e11 && hi > 2e11 && lo > 1.99e11 && hi < 2.01e11);
    }
}
