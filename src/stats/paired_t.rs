//! Paired t-test on the differences d = post − pre.

use super::distributions::{pt_tails, qt};
use super::summation::Moments;
use super::{check_finite, Alternative, NotComputable, Outcome};
use serde::Serialize;

/// R's `t.test(post, pre, paired = TRUE, alternative, conf.level)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairedT {
    pub n: usize,
    pub t: f64,
    pub df: f64,
    pub p_value: f64,
    /// mean(d), R's "mean difference" estimate.
    pub mean_diff: f64,
    /// sd(d)/√n
    pub se: f64,
    /// Lower end of the CI of the mean difference (−∞ for `less`).
    pub ci_low: f64,
    /// Upper end (+∞ for `greater`).
    pub ci_high: f64,
    pub conf_level: f64,
    pub alternative: Alternative,
}

/// Paired t-test of H0: mean(d) = 0 (Student 1908; R `stats:::t.test.default`).
///
/// t = d̄ / (s_d/√n), df = n − 1. p: two-sided 2·P(T > |t|); greater P(T > t); less P(T < t).
/// CI as R computes it: (t ± q)·se with q = qt(1 − α/2, df) (one-sided: qt(1 − α, df) and an
/// infinite end).
///
/// Not computable (instead of R's error or NaN) when n < 2, or when the differences are
/// constant: se < 10·ε·|d̄|, R's "data are essentially constant" test, or se = 0 (all d equal,
/// including all zero, where R returns NaN).
pub fn paired_t_test(d: &[f64], alternative: Alternative, conf_level: f64) -> Outcome<PairedT> {
    let n = d.len();
    if n < 2 {
        return Err(NotComputable::TooFewObservations { n, needed: 2 });
    }
    check_finite(d)?;
    paired_t_test_of(&Moments::of(d), alternative, conf_level)
}

/// [`paired_t_test`] of finite differences (n ≥ 2) from their moments.
pub fn paired_t_test_of(
    moments: &Moments,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<PairedT> {
    let (n, m) = (moments.n, moments.mean);
    let se = moments.se().expect("n ≥ 2");
    if se == 0.0 || se < 10.0 * f64::EPSILON * m.abs() {
        // (a mean of exactly 0 with no spread: every difference is 0)
        return Err(if m == 0.0 && moments.is_constant() {
            NotComputable::AllDifferencesZero
        } else {
            NotComputable::ConstantDifferences
        });
    }
    let df = n as f64 - 1.0;
    let t = m / se;
    let (lower, upper) = pt_tails(t, df);
    let alpha = 1.0 - conf_level;
    let (p_value, ci_low, ci_high) = match alternative {
        Alternative::TwoSided => {
            let q = qt(1.0 - alpha / 2.0, df);
            (
                (2.0 * lower.min(upper)).min(1.0),
                (t - q) * se,
                (t + q) * se,
            )
        }
        Alternative::Greater => {
            let q = qt(conf_level, df);
            (upper, (t - q) * se, f64::INFINITY)
        }
        Alternative::Less => {
            let q = qt(conf_level, df);
            (lower, f64::NEG_INFINITY, (t + q) * se)
        }
    };
    Ok(PairedT {
        n,
        t,
        df,
        p_value,
        mean_diff: m,
        se,
        ci_low,
        ci_high,
        conf_level,
        alternative,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::*;

    #[test]
    fn matches_r_t_test_on_every_reference_case() {
        // R 4.2.2: t.test(post, pre, paired = TRUE, alternative = alt) (reference.R, t_test.<alt>),
        // including Student's sleep data and the Hollander & Wolfe example.
        for name in case_names() {
            let case = reference_case(&name);
            for alt in ALTERNATIVES {
                let r = &case.reference["t_test"][alt_key(alt)];
                let got = paired_t_test(&case.diff, alt, 0.95);
                if r.get("t").and_then(num).is_none() {
                    // R errors ("data are essentially constant", n < 2) or returns NaN (all d = 0).
                    assert!(got.is_err(), "{name}: R has no t, we gave {got:?}");
                    continue;
                }
                let got = got.unwrap_or_else(|e| panic!("{name}: {e}"));
                let ctx = format!("{name} {alt}");
                assert_close(got.t, num(&r["t"]).unwrap(), TOL_CLOSED, &ctx);
                assert_eq!(got.df, num(&r["df"]).unwrap(), "{ctx}");
                assert_close(got.p_value, num(&r["p_value"]).unwrap(), TOL_CLOSED, &ctx);
                assert_close(
                    got.mean_diff,
                    num(&r["estimate"]).unwrap(),
                    TOL_CLOSED,
                    &ctx,
                );
                assert_close(got.se, num(&r["stderr"]).unwrap(), TOL_CLOSED, &ctx);
                assert_close(
                    got.ci_low,
                    num(&r["conf_int"][0]).unwrap(),
                    TOL_CLOSED,
                    &ctx,
                );
                assert_close(
                    got.ci_high,
                    num(&r["conf_int"][1]).unwrap(),
                    TOL_CLOSED,
                    &ctx,
                );
            }
        }
    }

    #[test]
    fn constant_and_tiny_samples_give_reasons_not_nan() {
        assert_eq!(
            paired_t_test(&[2.0; 8], Alternative::TwoSided, 0.95),
            Err(NotComputable::ConstantDifferences)
        );
        assert_eq!(
            paired_t_test(&[0.0; 8], Alternative::TwoSided, 0.95),
            Err(NotComputable::AllDifferencesZero)
        );
        assert_eq!(
            paired_t_test(&[1.0], Alternative::TwoSided, 0.95),
            Err(NotComputable::TooFewObservations { n: 1, needed: 2 })
        );
    }

    /// Scores × 1e-200, × 1e-300 and × 1e300 (issue 27: "the differences are essentially
    /// constant (their SD is 0)", the squares underflowing): every paired statistic of the
    /// scaled scores is that of the scores, scaled back; × a power of 2, to the last bit.
    #[test]
    fn scores_at_extreme_scales_give_the_statistics_of_the_scores() {
        use crate::stats::describe::{describe, pearson_r};
        use crate::stats::effect_size::{cohens_dav, cohens_drm, cohens_dz};
        use crate::stats::summation::ldexp;
        let case = reference_case("sleep");
        let (pre, post) = (&case.pre, &case.post);
        let two = Alternative::TwoSided;
        let t0 = paired_t_test(&case.diff, two, 0.95).unwrap();
        let dz0 = cohens_dz(&case.diff, two, 0.95).unwrap();
        let dav0 = cohens_dav(pre, post, two, 0.95).unwrap();
        let drm0 = cohens_drm(pre, post, two, 0.95).unwrap();
        let sd0 = describe(&case.diff).unwrap().sd.unwrap();
        let r0 = pearson_r(pre, post).unwrap();
        let check = |scale: &dyn Fn(f64) -> f64, f: f64, tol: f64| {
            let (a, b): (Vec<f64>, Vec<f64>) = pre
                .iter()
                .zip(post)
                .map(|(x, y)| (scale(*x), scale(*y)))
                .unzip();
            let d = crate::stats::differences(&a, &b);
            let ctx = format!("× {f:e}");
            let t = paired_t_test(&d, two, 0.95).unwrap_or_else(|e| panic!("{ctx}: {e}"));
            assert_close(t.t, t0.t, tol, &ctx);
            assert_close(t.p_value, t0.p_value, tol, &ctx);
            assert_close(t.ci_low, t0.ci_low * f, tol, &ctx);
            assert_close(t.se, t0.se * f, tol, &ctx);
            let dz = cohens_dz(&d, two, 0.95).unwrap();
            assert_close(dz.value, dz0.value, tol, &ctx);
            assert_close(dz.ci_low, dz0.ci_low, tol, &ctx);
            let dav = cohens_dav(&a, &b, two, 0.95).unwrap();
            assert_close(dav.value, dav0.value, tol, &ctx);
            assert_close(dav.ci_high, dav0.ci_high, tol, &ctx);
            let drm = cohens_drm(&a, &b, two, 0.95).unwrap();
            assert_close(drm.value, drm0.value, tol, &ctx);
            assert_close(describe(&d).unwrap().sd.unwrap(), sd0 * f, tol, &ctx);
            assert_close(pearson_r(&a, &b).unwrap(), r0, tol, &ctx);
        };
        for k in [-700, -1000, 1000] {
            check(&|v| ldexp(v, k), ldexp(1.0, k), 1e-15);
        }
        for f in [1e-200, 1e-300, 1e300] {
            // (the scaled scores are rounded: their differences differ in the last bits)
            check(&|v| v * f, f, 1e-13);
        }
    }

    #[test]
    fn other_confidence_levels_match_r() {
        // R: d <- sleep$extra[11:20] - sleep$extra[1:10]
        //    print(t.test(d, conf.level = 0.99)$conf.int, digits = 17)
        //    print(t.test(d, conf.level = 0.9, alternative = "greater")$conf.int, digits = 17)
        let case = reference_case("sleep");
        let got = paired_t_test(&case.diff, Alternative::TwoSided, 0.99).unwrap();
        assert_close(got.ci_low, 0.31594811489517521, TOL_CLOSED, "99% low");
        assert_close(got.ci_high, 2.84405188510482487, TOL_CLOSED, "99% high");
        let got = paired_t_test(&case.diff, Alternative::Greater, 0.90).unwrap();
        assert_close(got.ci_low, 1.0420589068122688, TOL_CLOSED, "90% greater");
    }

    mod properties {
        use super::*;
        use crate::stats::effect_size::{cohens_dav, cohens_drm, cohens_dz};
        use proptest::prelude::*;

        fn pairs() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
            (3usize..40).prop_flat_map(|n| {
                (
                    prop::collection::vec(1i32..=20, n),
                    prop::collection::vec(1i32..=20, n),
                )
                    .prop_map(|(a, b)| {
                        (
                            a.into_iter().map(f64::from).collect(),
                            b.into_iter().map(f64::from).collect(),
                        )
                    })
            })
        }

        #[test]
        fn d_rm_at_a_correlation_of_one_is_zero_up_to_rounding() {
            // r(pre, post) = 1 (post − mean = 4·(pre − mean)), computed as 1 − a few ulp, which
            // √(2(1 − r)) turns into ~1e-8; a shift of −71 moves that by more than 1e-9
            let (pre, post) = ([6.0, 6.0, 7.0], [3.0, 3.0, 10.0]);
            let a = cohens_drm(&pre, &post, Alternative::TwoSided, 0.95).unwrap();
            let shifted = |x: &[f64]| x.iter().map(|v| v - 71.0).collect::<Vec<_>>();
            let b =
                cohens_drm(&shifted(&pre), &shifted(&post), Alternative::TwoSided, 0.95).unwrap();
            assert!(a.value.abs() < 1e-7, "{}", a.value);
            assert!(b.value.abs() < 1e-7, "{}", b.value);
        }

        proptest! {
            #[test]
            fn swapping_pre_and_post_flips_t_and_the_one_sided_p((pre, post) in pairs()) {
                let d = crate::stats::differences(&pre, &post);
                let nd = crate::stats::differences(&post, &pre);
                for alt in ALTERNATIVES {
                    let (Ok(a), Ok(b)) = (paired_t_test(&d, alt, 0.95), paired_t_test(&nd, alt.flipped(), 0.95)) else {
                        continue;
                    };
                    prop_assert!((a.t + b.t).abs() < 1e-12 * a.t.abs().max(1.0));
                    prop_assert!((a.p_value - b.p_value).abs() < 1e-12);
                    prop_assert!((0.0..=1.0).contains(&a.p_value));
                    prop_assert!(a.ci_low == -b.ci_high || (a.ci_low + b.ci_high).abs() < 1e-9);
                }
                if let (Ok(a), Ok(b)) = (cohens_dz(&d, Alternative::TwoSided, 0.95), cohens_dz(&nd, Alternative::TwoSided, 0.95)) {
                    prop_assert!((a.value + b.value).abs() < 1e-12);
                    prop_assert!((a.ci_low + b.ci_high).abs() < 1e-7);
                }
            }

            #[test]
            fn shifting_both_samples_changes_nothing((pre, post) in pairs(), c in -1000i32..1000) {
                let c = f64::from(c);
                let pre2: Vec<f64> = pre.iter().map(|v| v + c).collect();
                let post2: Vec<f64> = post.iter().map(|v| v + c).collect();
                let d = crate::stats::differences(&pre, &post);
                let d2 = crate::stats::differences(&pre2, &post2);
                prop_assert_eq!(&d, &d2);
                if let (Ok(a), Ok(b)) = (cohens_dav(&pre, &post, Alternative::TwoSided, 0.95), cohens_dav(&pre2, &post2, Alternative::TwoSided, 0.95)) {
                    prop_assert!((a.value - b.value).abs() < 1e-9);
                }
                if let (Ok(a), Ok(b)) = (cohens_drm(&pre, &post, Alternative::TwoSided, 0.95), cohens_drm(&pre2, &post2, Alternative::TwoSided, 0.95)) {
                    // d_rm = d_z·√(2(1 − r)): near r = 1 the square root turns the last-bit
                    // change of r that a shift causes into ~|d_z|·1e-8 (found by this test at
                    // pre = [6, 6, 7], post = [3, 3, 10], r = 1, shift −71)
                    let dz = cohens_dz(&d, Alternative::TwoSided, 0.95).map_or(0.0, |e| e.value.abs());
                    prop_assert!((a.value - b.value).abs() < 1e-9 + 1e-7 * dz);
                }
            }
        }
    }
}
