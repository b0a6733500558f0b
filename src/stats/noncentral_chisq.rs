//! The noncentral chi-squared distribution (both tails, as R's `pchisq(q, df, ncp)`) and the
//! confidence interval of its noncentrality parameter, which gives the intervals of φ and
//! Cramér's V (Steiger & Fouladi 1997; `effectsize`'s `ncp` method).

use super::distributions::{find_root, ln_dpois};
use super::{Inapplicable, NotComputable, Outcome};

/// The Poisson weights and the gamma terms are stepped by their ratios and recomputed exactly
/// every ANCHOR terms (the rounding of the ratios then stays below ~1e-15).
const ANCHOR: usize = 32;

/// Terms at most per Poisson sum (each a few floating-point operations): a bounded cost for any
/// noncentrality; the sums stop far earlier where their terms fall below 1e-17 of the total.
const MAX_TERMS: usize = 4_000_000;

/// (P(a, y), Q(a, y)), the regularized lower and upper incomplete gamma functions, each to full
/// relative precision: for y < a + 1 the power series of P (Abramowitz & Stegun 6.5.29) and
/// Q = 1 − P (≥ 0.3 there), otherwise the continued fraction of Q (A&S 6.5.31, modified Lentz)
/// and P = 1 − Q; the prefactor y^a e^{−y}/Γ(a + 1) by Loader's saddle-point form
/// ([`ln_dpois`]), accurate for large a where a ln y − y − ln Γ(a) cancels.
fn gamma_pq(a: f64, y: f64) -> (f64, f64) {
    if y <= 0.0 {
        return (0.0, 1.0);
    }
    if y.is_infinite() {
        return (1.0, 0.0);
    }
    let prefix = ln_dpois(a, y).exp();
    if y < a + 1.0 {
        let (mut term, mut sum, mut ap) = (1.0, 1.0, a);
        for _ in 0..MAX_TERMS {
            ap += 1.0;
            term *= y / ap;
            sum += term;
            if term < sum * 1e-17 {
                break;
            }
        }
        let p = (prefix * sum).min(1.0);
        (p, 1.0 - p)
    } else {
        const TINY: f64 = 1e-300;
        let mut b = y + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..MAX_TERMS {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < 1e-16 {
                break;
            }
        }
        // y^a e^{−y}/Γ(a) = a · dpois(a; y)
        let q = (a * prefix * h).min(1.0);
        (1.0 - q, q)
    }
}

/// Both tails (P(X ≤ x), P(X > x)) of the noncentral chi-squared distribution with `df` > 0
/// degrees of freedom and noncentrality `ncp` ≥ 0 (R: `pchisq(x, df, ncp)` and
/// `lower.tail = FALSE`), as the Poisson mixture of central chi-squared distributions
/// (Johnson, Kotz & Balakrishnan 1995, 29.2):
///
///   P(X ≤ x) = Σ_j e^{−λ/2} (λ/2)^j / j! · P(df/2 + j, x/2).
///
/// Each tail is summed in the direction in which its incomplete gamma functions are a stable
/// recurrence: P(a, y) = P(a + 1, y) + t(a) downward from above the Poisson window, Q(a + 1, y)
/// = Q(a, y) + t(a) upward from below it, t(a) = y^a e^{−y}/Γ(a + 1), so both tails keep their
/// relative precision; the Poisson weights and t by their ratios, recomputed exactly (Loader's
/// form) every 32 terms.
/// The window is the Poisson mode ± (12√(λ/2) + 40) (weights beyond are below e^{−72} of the
/// largest), extended while the terms of a tail still matter, up to [`MAX_TERMS`] terms.
pub fn pnchisq_tails(x: f64, df: f64, ncp: f64) -> Outcome<(f64, f64)> {
    if x.is_nan() || df.is_nan() || ncp.is_nan() {
        return Err(NotComputable::NonFinite);
    }
    if df <= 0.0 || df.is_infinite() || ncp < 0.0 || ncp.is_infinite() {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::NoncentralChisqArguments,
        });
    }
    if x <= 0.0 {
        return Ok((0.0, 1.0));
    }
    if x.is_infinite() {
        return Ok((1.0, 0.0));
    }
    let y = 0.5 * x;
    let mu = 0.5 * ncp;
    let half_df = 0.5 * df;
    if mu == 0.0 {
        return Ok(gamma_pq(half_df, y));
    }
    let spread = 12.0 * mu.sqrt() + 40.0;
    let j_lo = (mu - spread).floor().max(0.0);
    let j_hi = (mu + spread).ceil();

    // the lower tail: downward from j_hi
    let mut lower = 0.0;
    {
        let mut j = j_hi;
        let (mut p, _) = gamma_pq(half_df + j, y);
        let (mut w, mut t) = (0.0, 0.0);
        for step in 0..MAX_TERMS {
            if step % ANCHOR == 0 {
                w = ln_dpois(j, mu).exp();
            }
            lower += w * p;
            if j == 0.0 {
                break;
            }
            // P(a − 1) = P(a) + t(a − 1), t(a − 1) = t(a)·a/y; w(j − 1) = w(j)·j/μ
            let a_prev = half_df + j - 1.0;
            t = if step % ANCHOR == 0 {
                ln_dpois(a_prev, y).exp()
            } else {
                t * (a_prev + 1.0) / y
            };
            p += t;
            w *= j / mu;
            j -= 1.0;
            if j < j_lo && w * p <= 1e-17 * lower {
                break;
            }
        }
    }

    // the upper tail: upward from j_lo
    let mut upper = 0.0;
    {
        let mut j = j_lo;
        let (_, mut q) = gamma_pq(half_df + j, y);
        let (mut w, mut t) = (0.0, 0.0);
        for step in 0..MAX_TERMS {
            if step % ANCHOR == 0 {
                w = ln_dpois(j, mu).exp();
            }
            let term = w * q;
            upper += term;
            if j > j_hi && term <= 1e-17 * upper {
                break;
            }
            // Q(a + 1) = Q(a) + t(a), t(a) = t(a − 1)·y/a; w(j + 1) = w(j)·μ/(j + 1)
            let a = half_df + j;
            t = if step % ANCHOR == 0 {
                ln_dpois(a, y).exp()
            } else {
                t * y / a
            };
            q = (q + t).min(1.0);
            w *= mu / (j + 1.0);
            j += 1.0;
        }
    }
    Ok((lower.clamp(0.0, 1.0), upper.clamp(0.0, 1.0)))
}

/// The two-sided confidence interval of the noncentrality λ of a chi-squared statistic `chisq`
/// with `df` degrees of freedom: λ_low solves P(X ≤ χ²; λ) = 1 − α/2 and λ_high solves
/// P(X ≤ χ²; λ) = α/2, each 0 when even λ = 0 gives less (Steiger & Fouladi 1997; effectsize's
/// `.get_ncp_chi`, which minimizes |p − target| by Nelder–Mead to an absolute 1e-9 in p and so
/// agrees only to about 1e-4 relative; this one is solved by Brent's method to 1e-12).
pub fn chisq_ncp_interval(chisq: f64, df: f64, conf_level: f64) -> Outcome<(f64, f64)> {
    if chisq.is_nan() || df.is_nan() || conf_level.is_nan() {
        return Err(NotComputable::NonFinite);
    }
    if !(conf_level > 0.0 && conf_level < 1.0) || chisq < 0.0 || chisq.is_infinite() {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::ChisqIntervalArguments,
        });
    }
    let alpha = 1.0 - conf_level;
    // solves upper(λ) = α/2 (λ_low; upper tail increasing in λ) or lower(λ) = α/2 (λ_high)
    let solve = |use_upper: bool| -> Outcome<f64> {
        let target = 0.5 * alpha;
        let g = |ncp: f64| -> f64 {
            match pnchisq_tails(chisq, df, ncp) {
                Ok((lo, up)) => {
                    if use_upper {
                        up - target
                    } else {
                        target - lo
                    }
                }
                Err(_) => f64::NAN,
            }
        };
        // g increases in λ; at λ = 0 the target may already be passed
        let g0 = g(0.0);
        if g0 >= 0.0 {
            return Ok(0.0);
        }
        let mut hi = chisq.max(1.0);
        let mut g_hi = g(hi);
        for _ in 0..200 {
            if g_hi >= 0.0 {
                break;
            }
            hi *= 2.0;
            g_hi = g(hi);
        }
        if g_hi.is_nan() || g_hi < 0.0 {
            return Err(NotComputable::NotApplicable {
                why: Inapplicable::NoncentralityNotBracketed,
            });
        }
        Ok(find_root(g, 0.0, hi, 1e-13))
    };
    Ok((solve(true)?, solve(false)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_abs, assert_close};

    /// R 4.2.2: scripts/reference/crosstab.R, pchisq(x, df, ncp) and lower.tail = FALSE
    /// (%.17g), to 1e-12 absolute: R's pnchisq is accurate to about that, and not relatively
    /// in a far tail (pchisq(90, 2, 1, lower.tail = FALSE) = 3.33551332e-17 against the exact
    /// 3.33551643e-17, 9e-7 off).
    #[test]
    fn matches_r_pchisq_with_ncp() {
        let text = include_str!("../../tests/data/crosstab/pnchisq.txt");
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let v: Vec<f64> = line
                .split_whitespace()
                .map(|x| x.parse().unwrap())
                .collect();
            let (lo, up) = pnchisq_tails(v[0], v[1], v[2]).unwrap();
            let what = format!("pchisq({}, {}, {})", v[0], v[1], v[2]);
            assert_abs(lo, v[3], 1e-12, &what);
            assert_abs(up, v[4], 1e-12, &what);
        }
    }

    /// scripts/reference/pnchisq_mpmath.py: the Poisson mixture summed at 40 digits (mpmath
    /// 1.3): both tails to 1e-13 relative.
    #[test]
    fn both_tails_match_a_high_precision_sum() {
        let text = include_str!("../../tests/data/crosstab/pnchisq_mpmath.txt");
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let v: Vec<f64> = line
                .split_whitespace()
                .map(|x| x.parse().unwrap())
                .collect();
            let (lo, up) = pnchisq_tails(v[0], v[1], v[2]).unwrap();
            let what = format!("pchisq({}, {}, {})", v[0], v[1], v[2]);
            assert_close(lo, v[3], 1e-13, &what);
            assert_close(up, v[4], 1e-13, &what);
        }
    }

    #[test]
    fn central_and_extreme_cases() {
        use crate::stats::distributions::pchisq_upper;
        for (x, df) in [(3.84, 1.0), (0.2, 4.0), (40.0, 12.0), (1e-6, 2.0)] {
            let (_, up) = pnchisq_tails(x, df, 0.0).unwrap();
            assert_close(up, pchisq_upper(x, df), 1e-13, "central");
        }
        assert_eq!(pnchisq_tails(0.0, 3.0, 5.0).unwrap(), (0.0, 1.0));
        assert_eq!(pnchisq_tails(f64::INFINITY, 3.0, 5.0).unwrap(), (1.0, 0.0));
        assert!(pnchisq_tails(1.0, 0.0, 5.0).is_err());
        assert!(pnchisq_tails(1.0, 2.0, -1.0).is_err());
        assert!(pnchisq_tails(f64::NAN, 2.0, 1.0).is_err());
        // huge noncentrality: bounded and summing to one
        for ncp in [1e4, 1e6, 1e8] {
            let (lo, up) = pnchisq_tails(ncp + 3.0, 5.0, ncp).unwrap();
            assert_abs(lo + up, 1.0, 1e-12, "huge ncp");
            assert!(lo > 0.4 && lo < 0.6, "{lo}");
        }
    }

    #[test]
    fn the_interval_inverts_the_cdf() {
        for (chisq, df) in [
            (12.3, 4.0),
            (3.1, 1.0),
            (150.0, 9.0),
            (0.4, 2.0),
            (1e5, 6.0),
        ] {
            let (lo, hi) = chisq_ncp_interval(chisq, df, 0.95).unwrap();
            let (_, up_lo) = pnchisq_tails(chisq, df, lo).unwrap();
            let (lo_hi, _) = pnchisq_tails(chisq, df, hi).unwrap();
            if lo > 0.0 {
                assert_close(up_lo, 0.025, 1e-10, "low end");
            }
            assert_close(lo_hi, 0.025, 1e-10, "high end");
        }
        // χ² below the 2.5% point of the central distribution: both ends 0
        assert_eq!(chisq_ncp_interval(0.01, 3.0, 0.95).unwrap(), (0.0, 0.0));
    }
}
