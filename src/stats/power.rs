//! Power of t-tests from the noncentral t distribution (Cohen 1988; G*Power's "matched pairs"
//! and "two groups"; R `pwr::pwr.t.test`, `pwr.t2n.test`), and its inverses: the smallest
//! effect a study can detect (sensitivity), the sample size a planned effect needs, the α.
//!
//! With effect size d (of the differences for the paired design, of the two groups otherwise):
//!
//! | design | noncentrality | df |
//! |---|---|---|
//! | paired | d √n | n − 1 |
//! | two groups (of change scores) | d √(n₁n₂/(n₁ + n₂)) | n₁ + n₂ − 2 |
//! | ANCOVA with pre–post correlation r | d √(n₁n₂/(n₁ + n₂)) / √(1 − r²) | n₁ + n₂ − 3 |
//!
//! The ANCOVA row is the design-factor approximation of Borm, Fransen & Lemmens (2007): the
//! covariate shrinks the error variance by 1 − r². Power is P(T > t_{1−α/2}) + P(T < −t_{1−α/2})
//! two-sided (both tails, as pwr), P(T > t_{1−α}) for `greater` and P(T < t_α) for `less`.
//! The inverses are solved to full precision by Brent's method (pwr stops `uniroot` at ~1e-4).

use super::distributions::{find_root, pnt, qnorm, qt};
use super::{Alternative, NotComputable, Outcome, Remark};
use serde::Serialize;

/// A t-test design.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "design")]
pub enum Design {
    /// One group measured twice (the paired t-test of the differences): n pairs.
    Paired { n: f64 },
    /// Two independent groups (of change scores).
    TwoGroup { n1: f64, n2: f64 },
    /// Two groups, post-test adjusted for the pre-test correlating r with it.
    Ancova { n1: f64, n2: f64, r: f64 },
}

impl Design {
    /// (the noncentrality of d = 1, the degrees of freedom)
    fn scale_df(self) -> Outcome<(f64, f64)> {
        let (scale, df) = match self {
            Design::Paired { n } => (n.sqrt(), n - 1.0),
            Design::TwoGroup { n1, n2 } => ((n1 * n2 / (n1 + n2)).sqrt(), n1 + n2 - 2.0),
            Design::Ancova { n1, n2, r } => {
                if r.is_nan() || r.abs() >= 1.0 {
                    return Err(NotComputable::NotApplicable {
                        why: crate::stats::Inapplicable::CorrelationRange,
                    });
                }
                ((n1 * n2 / (n1 + n2) / (1.0 - r * r)).sqrt(), n1 + n2 - 3.0)
            }
        };
        if !(df > 0.0 && scale.is_finite()) {
            // (the observations the degrees of freedom need: pairs, or both groups together)
            let (n, needed) = match self {
                Design::Paired { n } => (n, 2),
                Design::TwoGroup { n1, n2 } => (n1 + n2, 3),
                Design::Ancova { n1, n2, .. } => (n1 + n2, 4),
            };
            return Err(NotComputable::TooFewObservations {
                n: n.max(0.0) as usize,
                needed,
            });
        }
        Ok((scale, df))
    }

    /// The same design with the (per group) sample size `n`.
    fn with_n(self, n: f64) -> Design {
        match self {
            Design::Paired { .. } => Design::Paired { n },
            Design::TwoGroup { .. } => Design::TwoGroup { n1: n, n2: n },
            Design::Ancova { r, .. } => Design::Ancova { n1: n, n2: n, r },
        }
    }
}

/// The power of the t-test of `design` for effect size `d` at level `alpha`.
pub fn power(design: Design, d: f64, alpha: f64, alternative: Alternative) -> Outcome<f64> {
    if !(alpha > 0.0 && alpha < 1.0) {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::AlphaRange,
        });
    }
    let (scale, df) = design.scale_df()?;
    let ncp = d * scale;
    // Critical values from the lower tail (qt(1 − α/2) would round α away below 1e-16) and
    // each tail of the noncentral t as a lower tail, P(T > q; δ) = P(T < −q; −δ), so that a
    // small power keeps its relative precision.
    Ok(match alternative {
        Alternative::TwoSided => {
            let q = qt(alpha / 2.0, df);
            pnt(q, df, -ncp) + pnt(q, df, ncp)
        }
        Alternative::Greater => pnt(qt(alpha, df), df, -ncp),
        Alternative::Less => pnt(qt(alpha, df), df, ncp),
    })
}

/// The smallest |d| that `design` detects with `target` power at `alpha` (negative for `less`).
///
/// Solved by Brent's method in d/s, s = 1 unless the normal approximation of d is below 10⁻³
/// (n above ~10⁷), where s is the power of 2 below it, so that the root has a relative
/// precision of 1e-14 however large n is (at n = 10¹⁶, d ≈ 2.8e-8).
pub fn min_effect(
    design: Design,
    alpha: f64,
    target: f64,
    alternative: Alternative,
) -> Outcome<f64> {
    check_target(target, alpha)?;
    let sign = if alternative == Alternative::Less {
        -1.0
    } else {
        1.0
    };
    let (scale, _) = design.scale_df()?;
    let d0 = normal_effect(alpha, target, alternative) / scale;
    let unit = if d0 >= 1e-3 || d0.is_nan() || d0 <= 0.0 {
        1.0
    } else {
        2f64.powi(d0.log2().floor() as i32)
    };
    let f = |u: f64| power(design, sign * unit * u, alpha, alternative).map(|p| p - target);
    f(0.0)?;
    let mut hi = 1.0;
    while f(hi)? < 0.0 {
        hi *= 2.0;
        if hi > 1e300 {
            return Err(NotComputable::NotApplicable {
                why: crate::stats::Inapplicable::NoEffectReachesPower,
            });
        }
    }
    let u = find_root(|u| f(u).unwrap_or(f64::NAN), 0.0, hi, 1e-14);
    Ok(sign * unit * u)
}

/// The effect the normal approximation needs at noncentrality scale 1: z_{1−α/2} + z_power
/// (one-sided: z_{1−α}).
fn normal_effect(alpha: f64, target: f64, alternative: Alternative) -> f64 {
    let a = match alternative {
        Alternative::TwoSided => alpha / 2.0,
        _ => alpha,
    };
    qnorm(1.0 - a) + qnorm(target)
}

/// The smallest (per group) sample size a `design` of this kind has: 2 pairs (paired), 1.5
/// per group (two groups: df = 1), 2 per group (ANCOVA: df = 1).
pub fn smallest_n(design: Design) -> f64 {
    match design {
        Design::Paired { .. } => 2.0,
        Design::TwoGroup { .. } => 1.5,
        Design::Ancova { .. } => 2.0,
    }
}

/// The (per group) sample size at which `design` reaches `target` power for effect `d`: the
/// real solution (round up to recruit). [`sample_size_with_remark`] without its remark.
pub fn sample_size(
    design: Design,
    d: f64,
    alpha: f64,
    target: f64,
    alternative: Alternative,
) -> Outcome<f64> {
    sample_size_with_remark(design, d, alpha, target, alternative).map(|(n, _)| n)
}

/// [`sample_size`], with a remark when the answer is not the real solution.
///
/// When the smallest design ([`smallest_n`]) already has the power, the real solution lies
/// below it, where the t-test has no degrees of freedom: the answer is then [`smallest_n`] with
/// [`Remark::PowerReachedAtSmallestSample`] (`--d 100`: 2 pairs). An effect of 0, or of the
/// sign the alternative excludes, reaches no power above α: not computable at once. The root
/// is bracketed from the normal approximation n ≈ ((z_{1−α/2} + z_power)/d)² (doubling up to
/// 10³⁰⁰: at d = 10⁻⁴ the answer is 7.85e8) and solved by Brent's method to 1e-14 relative.
pub fn sample_size_with_remark(
    design: Design,
    d: f64,
    alpha: f64,
    target: f64,
    alternative: Alternative,
) -> Outcome<(f64, Option<Remark>)> {
    check_target(target, alpha)?;
    let hopeless = match alternative {
        Alternative::TwoSided => d == 0.0,
        Alternative::Greater => d <= 0.0,
        Alternative::Less => d >= 0.0,
    };
    let none = || NotComputable::NotApplicable {
        why: crate::stats::Inapplicable::NoSampleReachesPower,
    };
    if hopeless || !d.is_finite() {
        return Err(none());
    }
    let low = smallest_n(design);
    let f = |n: f64| power(design.with_n(n), d, alpha, alternative).map(|p| p - target);
    if f(low)? >= 0.0 {
        return Ok((low, Some(Remark::PowerReachedAtSmallestSample)));
    }
    // the normal approximation of n at d (per group: (n/2)·d² for two groups; the design
    // factor of ANCOVA only lowers it), doubled until the power is reached
    // (the noncentrality of d = 1 grows as √n: its square per unit of n, read at n = 16)
    let (scale16, _) = design.with_n(16.0).scale_df()?;
    let guess =
        (normal_effect(alpha, target, alternative) / d.abs()).powi(2) * 16.0 / scale16.powi(2);
    let mut lo = low;
    let mut hi = if guess.is_nan() {
        16.0
    } else {
        guess.clamp(16.0, 1e300)
    };
    while f(hi)? < 0.0 {
        lo = hi;
        hi *= 2.0;
        if hi > 1e300 {
            return Err(none());
        }
    }
    Ok((find_root(|n| f(n).unwrap_or(f64::NAN), lo, hi, 1e-14), None))
}

/// The α at which `design` reaches `target` power for effect `d`.
///
/// Solved by Brent's method in ln α over [10⁻³⁰⁰, 1 − 10⁻¹²], so that the root has a relative
/// precision of ~1e-13 however small it is (a large study reaches the power at α = 1e-187).
pub fn alpha_for(design: Design, d: f64, target: f64, alternative: Alternative) -> Outcome<f64> {
    let f = |a: f64| power(design, d, a, alternative).map(|p| p - target);
    let (lo, hi) = (1e-300f64, 1.0 - 1e-12);
    let none = || NotComputable::NotApplicable {
        why: crate::stats::Inapplicable::NoAlphaGivesPower,
    };
    if f(hi)? < 0.0 || f(lo)? > 0.0 {
        return Err(none());
    }
    let g = |u: f64| f(u.exp()).unwrap_or(f64::NAN);
    Ok(find_root(g, lo.ln(), hi.ln(), 1e-15).exp())
}

fn check_target(target: f64, alpha: f64) -> Outcome<()> {
    // the power at d = 0 is α: the target must exceed it
    if !(target > alpha && target < 1.0) {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::PowerRange,
        });
    }
    Ok(())
}

/// The asymptotic relative efficiency of the Wilcoxon signed-rank (and rank-sum) test to the
/// t-test for normal data, 3/π (Lehmann 1975, ch. 2): the rank test needs n/(3/π) for the
/// power the t-test has with n.
pub const WILCOXON_ARE: f64 = 3.0 / std::f64::consts::PI;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_close, TOL_CLOSED};

    /// R: pwr::pwr.t.test(n = 11, d = 0.8, type = "paired")$power (two-sided and "greater"),
    /// pwr.t.test(n = 20, d = 0.5)$power, pwr.t2n.test(n1 = 11, n2 = 10, d = 1.2)$power.
    #[test]
    fn power_matches_pwr() {
        let two = Alternative::TwoSided;
        assert_close(
            power(Design::Paired { n: 11.0 }, 0.8, 0.05, two).unwrap(),
            0.66771253163204081,
            TOL_CLOSED,
            "paired",
        );
        assert_close(
            power(Design::Paired { n: 11.0 }, 0.8, 0.05, Alternative::Greater).unwrap(),
            0.79470346729529528,
            TOL_CLOSED,
            "paired greater",
        );
        assert_close(
            power(Design::TwoGroup { n1: 20.0, n2: 20.0 }, 0.5, 0.05, two).unwrap(),
            0.33793902892509031,
            TOL_CLOSED,
            "two groups",
        );
        assert_close(
            power(Design::TwoGroup { n1: 11.0, n2: 10.0 }, 1.2, 0.05, two).unwrap(),
            0.74072901424710302,
            TOL_CLOSED,
            "unequal groups",
        );
    }

    /// The inverses against R's uniroot at tol = 1e-14 on pwr's power (pwr's own answers stop
    /// at uniroot's default tolerance: pwr.t.test(n = 11, power = .8, type = "paired")$d is
    /// 0.937692, the exact 0.937691; scripts/reference/power.R).
    #[test]
    fn inverses_are_exact() {
        let two = Alternative::TwoSided;
        for (n, want) in [
            (11.0, 0.93769066389977096),
            (6.0, 1.43454478204008518),
            (40.0, 0.45425693968353681),
        ] {
            assert_close(
                min_effect(Design::Paired { n }, 0.05, 0.8, two).unwrap(),
                want,
                1e-10,
                &format!("d for n = {n}"),
            );
        }
        assert_close(
            min_effect(Design::Paired { n: 11.0 }, 0.05, 0.8, Alternative::Greater).unwrap(),
            0.80611612023462254,
            1e-10,
            "d greater",
        );
        assert_close(
            sample_size(Design::Paired { n: 0.0 }, 0.5, 0.05, 0.8, two).unwrap(),
            33.367128953319209,
            1e-10,
            "n paired",
        );
        assert_close(
            sample_size(Design::TwoGroup { n1: 0.0, n2: 0.0 }, 0.5, 0.05, 0.8, two).unwrap(),
            63.765610190941864,
            1e-10,
            "n two groups",
        );
        assert_close(
            sample_size(
                Design::Paired { n: 0.0 },
                1.0,
                0.05,
                0.8,
                Alternative::Greater,
            )
            .unwrap(),
            7.727617900353823,
            1e-10,
            "n greater",
        );
        assert_close(
            min_effect(Design::TwoGroup { n1: 11.0, n2: 10.0 }, 0.05, 0.8, two).unwrap(),
            1.2905141161835663,
            1e-10,
            "d two groups",
        );
        assert_close(
            alpha_for(Design::Paired { n: 11.0 }, 0.8, 0.8, two).unwrap(),
            0.10320815788277182,
            1e-10,
            "alpha",
        );
        // `less`: the effect is negative, the same size
        let d = min_effect(Design::Paired { n: 11.0 }, 0.05, 0.8, Alternative::Less).unwrap();
        assert_close(d, -0.80611612023462254, 1e-10, "d less");
    }

    /// Issue 27 against a 50-digit noncentral t (scripts/reference/power_extremes.py, output in
    /// scripts/output/power_extremes.txt): at n = 10¹⁶ the sensitivity was 2.66e-8 (the
    /// central t's continued fraction stopped early), at 10¹⁴ 0.085% off; no sample size was
    /// found below d ≈ 1.2e-4 (the search stopped at n = 10⁹); α below 1e-12 was not found.
    const N_FOR_HALF: f64 = 33.367128953330836239;
    const ALPHA_N1E4: f64 = 2.8985656165209984587e-179;

    #[test]
    fn inverses_are_exact_at_huge_samples() {
        let two = Alternative::TwoSided;
        let paired = |n| Design::Paired { n };
        for (n, want) in [
            (1e16, 2.8015817870135791666e-8),
            (1e14, 2.8015817870136058029e-7),
            (1e9, 0.000088593795067158825337),
            (11.0, 0.93769066390062396217),
        ] {
            let got = min_effect(paired(n), 0.05, 0.8, two).unwrap();
            assert_close(got, want, 1e-12, &format!("min d, n = {n:e}"));
        }
        let got = min_effect(paired(1e16), 0.05, 0.8, Alternative::Greater).unwrap();
        assert_close(got, 2.4864748605243870882e-8, 1e-12, "min d greater");
        for (d, want) in [
            (1e-4, 784886052.8533492278),
            (1.2e-4, 545059759.51282650742),
            (1e-6, 7848860509328.1188823),
            (0.5, N_FOR_HALF),
        ] {
            let (got, remark) = sample_size_with_remark(paired(0.0), d, 0.05, 0.8, two).unwrap();
            assert_close(got, want, 1e-12, &format!("n for d = {d:e}"));
            assert_eq!(remark, None);
        }
        let got = alpha_for(paired(1e4), 0.3, 0.8, two).unwrap();
        // (1e-11: power changes by only 0.01 per unit of ln α there, so the ~1e-14 of the
        // noncentral t becomes ~3e-12 in α)
        assert_close(got, ALPHA_N1E4, 1e-11, "alpha below 1e-12");
    }

    /// `--d 100`: two pairs have the power already (power(n = 2, d = 100) = 1 to double
    /// precision, scripts/output/power_extremes.txt); the real solution lies below 2, where the
    /// t-test has no degrees of freedom, and a remark says so.
    #[test]
    fn a_sample_size_below_the_smallest_design_is_remarked() {
        let two = Alternative::TwoSided;
        for (design, low) in [
            (Design::Paired { n: 0.0 }, 2.0),
            (Design::TwoGroup { n1: 0.0, n2: 0.0 }, 1.5),
            (
                Design::Ancova {
                    n1: 0.0,
                    n2: 0.0,
                    r: 0.5,
                },
                2.0,
            ),
        ] {
            let (n, remark) = sample_size_with_remark(design, 100.0, 0.05, 0.8, two).unwrap();
            assert_eq!(
                (n, remark),
                (low, Some(Remark::PowerReachedAtSmallestSample))
            );
            assert_eq!(sample_size(design, 100.0, 0.05, 0.8, two).unwrap(), low);
        }
        assert!(Remark::PowerReachedAtSmallestSample
            .to_string()
            .contains("lies below it"));
        // no effect, or one of the excluded sign: no sample reaches the power (at once)
        let none = |d, alt| sample_size(Design::Paired { n: 0.0 }, d, 0.05, 0.8, alt);
        assert!(none(0.0, two).is_err());
        assert!(none(-0.5, Alternative::Greater).is_err());
        assert!(none(1e-200, two).is_err());
    }

    /// The design factor's power and its inverse against R's pt/qt on the same noncentral t
    /// (scripts/reference/equivalence.R: d = 0.8, n = 11 + 10, r = 0.7).
    #[test]
    fn ancova_matches_the_design_factor_in_r() {
        let design = Design::Ancova {
            n1: 11.0,
            n2: 10.0,
            r: 0.7,
        };
        let two = Alternative::TwoSided;
        assert_close(
            power(design, 0.8, 0.05, two).unwrap(),
            0.67918538560804387,
            TOL_CLOSED,
            "ANCOVA power",
        );
        assert_close(
            min_effect(design, 0.05, 0.8, two).unwrap(),
            0.92444702641168619,
            1e-10,
            "ANCOVA d",
        );
    }

    #[test]
    fn ancova_shrinks_the_effect_it_needs() {
        let two = Alternative::TwoSided;
        let plain = min_effect(Design::TwoGroup { n1: 11.0, n2: 10.0 }, 0.05, 0.8, two).unwrap();
        let adjusted = min_effect(
            Design::Ancova {
                n1: 11.0,
                n2: 10.0,
                r: 0.7,
            },
            0.05,
            0.8,
            two,
        )
        .unwrap();
        assert!(adjusted < plain && adjusted > plain * (1.0f64 - 0.49).sqrt());
    }
}
