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

use super::distributions::{find_root, pnt, qt};
use super::{Alternative, NotComputable, Outcome};
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
    Ok(match alternative {
        Alternative::TwoSided => {
            let q = qt(1.0 - alpha / 2.0, df);
            (1.0 - pnt(q, df, ncp)) + pnt(-q, df, ncp)
        }
        Alternative::Greater => 1.0 - pnt(qt(1.0 - alpha, df), df, ncp),
        Alternative::Less => pnt(qt(alpha, df), df, ncp),
    })
}

/// The smallest |d| that `design` detects with `target` power at `alpha` (negative for `less`).
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
    let f = |d: f64| power(design, sign * d, alpha, alternative).map(|p| p - target);
    f(0.0)?;
    let mut hi = 1.0;
    while f(hi)? < 0.0 {
        hi *= 2.0;
        if hi > 1e6 {
            return Err(NotComputable::NotApplicable {
                why: crate::stats::Inapplicable::NoEffectReachesPower,
            });
        }
    }
    let d = find_root(|d| f(d).unwrap_or(f64::NAN), 0.0, hi, 1e-14);
    Ok(sign * d)
}

/// The (per group) sample size at which `design` reaches `target` power for effect `d`: the
/// real solution (round up to recruit).
pub fn sample_size(
    design: Design,
    d: f64,
    alpha: f64,
    target: f64,
    alternative: Alternative,
) -> Outcome<f64> {
    check_target(target, alpha)?;
    // the smallest n with df > 0: 2 pairs (paired), 2 per group (2, or 3 with a covariate)
    let low = match design {
        Design::Paired { .. } => 2.0,
        Design::TwoGroup { .. } => 1.5,
        Design::Ancova { .. } => 2.0,
    };
    let f = |n: f64| power(design.with_n(n), d, alpha, alternative).map(|p| p - target);
    if f(low)? >= 0.0 {
        return Ok(low);
    }
    let mut hi = 16.0;
    while f(hi)? < 0.0 {
        hi *= 2.0;
        if hi > 1e9 {
            return Err(NotComputable::NotApplicable {
                why: crate::stats::Inapplicable::NoSampleReachesPower,
            });
        }
    }
    Ok(find_root(|n| f(n).unwrap_or(f64::NAN), low, hi, 1e-14))
}

/// The α at which `design` reaches `target` power for effect `d`.
pub fn alpha_for(design: Design, d: f64, target: f64, alternative: Alternative) -> Outcome<f64> {
    let f = |a: f64| power(design, d, a, alternative).map(|p| p - target);
    let (lo, hi) = (1e-12, 1.0 - 1e-12);
    if f(lo)? > 0.0 || f(hi)? < 0.0 {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::NoAlphaGivesPower,
        });
    }
    Ok(find_root(|a| f(a).unwrap_or(f64::NAN), lo, hi, 1e-15))
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
