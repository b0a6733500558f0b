//! One-way analysis of variance of k ≥ 2 independent groups (SPSS `ONEWAY`, jamovi
//! `anovaOneW`): Fisher's F with η² and ω² and their noncentral-F intervals, and Welch's F for
//! unequal variances.
//!
//! Groups are slices of finite values in the order of the factor's levels. Empty groups are
//! skipped (R's `factor()` drops unused levels); k is the number of groups with data.

use super::distributions::pf_tails;
use super::noncentral_f::ncp_f_interval;
use super::summation::{Accumulator, Moments};
use super::{check_finite, Alternative, Inapplicable, NotComputable, Outcome, Subject};
use serde::Serialize;

/// The groups with data, with their positions in the caller's list; every value finite and at
/// least two groups.
pub(crate) fn nonempty_groups<'a>(groups: &[&'a [f64]]) -> Outcome<(Vec<usize>, Vec<&'a [f64]>)> {
    for g in groups {
        check_finite(g)?;
    }
    let (index, data): (Vec<usize>, Vec<&[f64]>) = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.is_empty())
        .map(|(i, g)| (i, *g))
        .unzip();
    if data.len() < 2 {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::TwoGroupsWithData,
        });
    }
    Ok((index, data))
}

/// The mean of all values of the groups, with a refining second pass (as R's `mean`).
fn grand_mean(groups: &[&[f64]], n: usize) -> f64 {
    let mut acc = Accumulator::new();
    for g in groups {
        for &v in *g {
            acc.add(v);
        }
    }
    let m = acc.value() / n as f64;
    let mut refine = Accumulator::new();
    for g in groups {
        for &v in *g {
            refine.add(v - m);
        }
    }
    m + refine.value() / n as f64
}

/// Fisher's one-way ANOVA (R: `summary(aov(y ~ g))`, `oneway.test(y ~ g, var.equal = TRUE)`,
/// `car::Anova`), with η² and ω² as `effectsize::eta_squared` / `omega_squared` give them for a
/// one-way design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OneWayAnova {
    /// Groups with data.
    pub k: usize,
    /// Values in them.
    pub n: usize,
    pub ss_between: f64,
    pub ss_within: f64,
    /// k − 1
    pub df1: f64,
    /// n − k
    pub df2: f64,
    pub ms_between: f64,
    pub ms_within: f64,
    pub f: f64,
    pub p_value: f64,
    /// η² = SS_between / SS_total.
    pub eta_sq: f64,
    /// ω² = max(0, (SS_between − (k − 1)·MS_within) / (SS_total + MS_within)) (Hays 1963).
    pub omega_sq: f64,
}

/// [`OneWayAnova`] of the groups: SS_between = Σ n_i (x̄_i − x̄)², SS_within = Σ_i Σ_j (x_ij −
/// x̄_i)² (two-pass sums with an exact accumulator), F = (SS_between/(k − 1)) / (SS_within/(n − k)),
/// p = P(F_{k−1, n−k} > F).
///
/// A group of one value is allowed (it adds nothing to SS_within). Not computable with fewer
/// than two groups with data, n ≤ k, or no spread within the groups: SS_within = 0 or
/// √MS_within < 10·ε·max|x̄_i| (R's `t.test` rule for "essentially constant" data; `aov` gives
/// a meaningless huge F there).
pub fn one_way_anova(groups: &[&[f64]]) -> Outcome<OneWayAnova> {
    let (_, data) = nonempty_groups(groups)?;
    let k = data.len();
    let n: usize = data.iter().map(|g| g.len()).sum();
    if n <= k {
        return Err(NotComputable::TooFewObservations { n, needed: k + 1 });
    }
    let moments: Vec<Moments> = data.iter().map(|g| Moments::of(g)).collect();
    let m = grand_mean(&data, n);
    let mut ssb = Accumulator::new();
    let mut ssw = Accumulator::new();
    for mo in &moments {
        let d = mo.mean - m;
        ssb.add(mo.n as f64 * d * d);
        ssw.add(mo.ss());
    }
    let (ss_between, ss_within) = (ssb.value(), ssw.value());
    let (df1, df2) = ((k - 1) as f64, (n - k) as f64);
    let (ms_between, ms_within) = (ss_between / df1, ss_within / df2);
    let largest_mean = moments.iter().fold(0.0f64, |a, mo| a.max(mo.mean.abs()));
    if ss_within == 0.0 || ms_within.sqrt() < 10.0 * f64::EPSILON * largest_mean {
        return Err(NotComputable::ZeroVariance {
            what: Subject::ScoresWithinGroups,
        });
    }
    let f = ms_between / ms_within;
    let ss_total = ss_between + ss_within;
    Ok(OneWayAnova {
        k,
        n,
        ss_between,
        ss_within,
        df1,
        df2,
        ms_between,
        ms_within,
        f,
        p_value: pf_tails(f, df1, df2).1,
        eta_sq: ss_between / ss_total,
        omega_sq: ((ss_between - df1 * ms_within) / (ss_total + ms_within)).max(0.0),
    })
}

/// The interval of η² from the noncentral F: the interval (λ_lo, λ_hi) of the noncentrality
/// of the observed F ([`ncp_f_interval`]) mapped by λ ↦ λ/(λ + n − k), as
/// `effectsize::eta_squared(fit, partial = FALSE, alternative = …)` does (its `F_to_eta2` of
/// λ/df1). Two-sided at `conf_level` for [`Alternative::TwoSided`] (effectsize with
/// `alternative = "two.sided"`); effectsize's default `alternative = "greater"` is
/// [`Alternative::Greater`] here: the lower end of the two-sided 2·conf − 1 interval, and 1.
pub fn eta_squared_ci(
    a: &OneWayAnova,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<(f64, f64)> {
    share_interval(a.f, a.df1, a.df2, alternative, conf_level)
}

/// The interval of ω² as effectsize computes it (`omega_squared(fit, partial = FALSE)`): the
/// [`eta_squared_ci`] of the F that η² would have if it equalled ω̂²,
/// F' = (ω̂²/(k − 1)) / ((1 − ω̂²)/(n − k)). Not computable when ω̂² = 0 (F ≤ 1): effectsize then
/// reports [0, 0], an interval of width 0 that means nothing.
pub fn omega_squared_ci(
    a: &OneWayAnova,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<(f64, f64)> {
    if a.omega_sq <= 0.0 {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::OmegaSqZero,
        });
    }
    let f = (a.omega_sq / a.df1) / ((1.0 - a.omega_sq) / a.df2);
    share_interval(f, a.df1, a.df2, alternative, conf_level)
}

/// λ-interval of an F mapped to a proportion of variance, λ/(λ + df2).
fn share_interval(
    f: f64,
    df1: f64,
    df2: f64,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<(f64, f64)> {
    let (lo, hi) = ncp_f_interval(f, df1, df2, alternative, conf_level)?;
    let share = |l: f64| {
        if l.is_infinite() {
            1.0
        } else {
            l / (l + df2)
        }
    };
    Ok((share(lo), share(hi)))
}

/// Welch's one-way ANOVA for unequal variances (R: `oneway.test(y ~ g)`, `var.equal = FALSE`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WelchAnova {
    pub k: usize,
    pub n: usize,
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p_value: f64,
}

/// Welch's (1951) F: with w_i = n_i/s²_i, W = Σw_i, x̃ = Σw_i x̄_i/W and
/// A = Σ(1 − w_i/W)²/(n_i − 1) / (k² − 1),
/// F = Σ w_i (x̄_i − x̃)² / ((k − 1)(1 + 2(k − 2)A)), df = (k − 1, 1/(3A)) (R `oneway.test`).
///
/// Not computable when a group with data has fewer than two values (R: "not enough
/// observations") or no spread (s²_i = 0: its weight is infinite; R gives NaN).
pub fn welch_anova(groups: &[&[f64]]) -> Outcome<WelchAnova> {
    let (_, data) = nonempty_groups(groups)?;
    let k = data.len();
    let n: usize = data.iter().map(|g| g.len()).sum();
    if let Some(g) = data.iter().find(|g| g.len() < 2) {
        return Err(NotComputable::TooFewObservations {
            n: g.len(),
            needed: 2,
        });
    }
    let moments: Vec<Moments> = data.iter().map(|g| Moments::of(g)).collect();
    if moments.iter().any(|m| m.ss() == 0.0) {
        return Err(NotComputable::ZeroVariance {
            what: Subject::Group,
        });
    }
    let w: Vec<f64> = moments
        .iter()
        .map(|m| m.n as f64 / (m.ss() / (m.n as f64 - 1.0)))
        .collect();
    let sum_w: f64 = w.iter().sum();
    let mut mw = Accumulator::new();
    for (wi, m) in w.iter().zip(&moments) {
        mw.add(wi * m.mean);
    }
    let m_w = mw.value() / sum_w;
    let kf = k as f64;
    let mut a = Accumulator::new();
    let mut num = Accumulator::new();
    for (wi, m) in w.iter().zip(&moments) {
        let h = 1.0 - wi / sum_w;
        a.add(h * h / (m.n as f64 - 1.0));
        let d = m.mean - m_w;
        num.add(wi * d * d);
    }
    let a = a.value() / (kf * kf - 1.0);
    let f = num.value() / ((kf - 1.0) * (1.0 + 2.0 * (kf - 2.0) * a));
    let (df1, df2) = (kf - 1.0, 1.0 / (3.0 * a));
    if !(f.is_finite() && df2.is_finite()) {
        return Err(NotComputable::ZeroVariance {
            what: Subject::Group,
        });
    }
    Ok(WelchAnova {
        k,
        n,
        f,
        df1,
        df2,
        p_value: pf_tails(f, df1, df2).1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::independent::student_t_test;
    use crate::stats::survey_data::{f, k_group_case, reference};
    use crate::stats::testutil::{assert_close, TOL_CLOSED, TOL_ITER};
    use crate::stats::two_group::welch_t_test;
    use proptest::prelude::*;

    const CASES: [&str; 4] = ["plant", "insect", "chick", "bfi_edu"];

    fn slices(g: &[Vec<f64>]) -> Vec<&[f64]> {
        g.iter().map(|v| v.as_slice()).collect()
    }

    #[test]
    fn fisher_anova_matches_aov() {
        // R 4.2.2: summary(aov(y ~ g)) (scripts/reference/survey_groups.R, k_groups):
        // PlantGrowth (3 × 10), InsectSprays (6 × 12, counts with ties), chickwts (6 groups of
        // 10 to 14), psych::bfi age by education (5 groups, 2577 respondents)
        let r = reference();
        for name in CASES {
            let r = &r["k_groups"][name];
            let g = k_group_case(name);
            let a = one_way_anova(&slices(&g)).unwrap();
            assert_eq!((a.k as f64, a.n as f64), (f(&r["k"]), f(&r["n"])));
            assert_close(a.ss_between, f(&r["ss_between"]), TOL_CLOSED, name);
            assert_close(a.ss_within, f(&r["ss_within"]), TOL_CLOSED, name);
            assert_eq!((a.df1, a.df2), (f(&r["df1"]), f(&r["df2"])));
            assert_close(a.f, f(&r["f"]), TOL_CLOSED, name);
            assert_close(a.p_value, f(&r["p"]), TOL_CLOSED, name);
        }
    }

    #[test]
    fn welch_anova_matches_oneway_test() {
        // R 4.2.2: oneway.test(y ~ g) (var.equal = FALSE)
        let r = reference();
        for name in CASES {
            let r = &r["k_groups"][name]["welch"];
            let a = welch_anova(&slices(&k_group_case(name))).unwrap();
            assert_close(a.f, f(&r["f"]), TOL_CLOSED, name);
            assert_eq!(a.df1, f(&r["df1"]));
            assert_close(a.df2, f(&r["df2"]), TOL_CLOSED, name);
            assert_close(a.p_value, f(&r["p"]), TOL_CLOSED, name);
        }
    }

    #[test]
    fn eta_and_omega_squared_match_effectsize() {
        // R 4.2.2, effectsize 0.8.3: eta_squared(aov(y ~ g), partial = FALSE,
        // alternative = "two.sided") and omega_squared(…); the intervals with the noncentrality
        // solved by uniroot on pf (tol 1e-13·upper bracket) and transformed as effectsize does;
        // effectsize's own intervals (optim, abstol 1e-9) agree to ~1e-7 and are checked at 1e-6
        let r = reference();
        for name in CASES {
            let r = &r["k_groups"][name];
            let a = one_way_anova(&slices(&k_group_case(name))).unwrap();
            assert_close(a.eta_sq, f(&r["eta_sq"]), TOL_CLOSED, name);
            assert_close(a.omega_sq, f(&r["omega_sq"]), TOL_CLOSED, name);
            let (lo, hi) = eta_squared_ci(&a, Alternative::TwoSided, 0.95).unwrap();
            assert_close(lo, f(&r["eta_sq_ci"][0]), 1e-8, name);
            assert_close(hi, f(&r["eta_sq_ci"][1]), 1e-8, name);
            assert_close(lo, f(&r["eta_sq_ci_effectsize"][0]), TOL_ITER, name);
            assert_close(hi, f(&r["eta_sq_ci_effectsize"][1]), TOL_ITER, name);
            // effectsize's default, alternative = "greater": [lo of the 90% interval, 1]
            let (lo, hi) = eta_squared_ci(&a, Alternative::Greater, 0.95).unwrap();
            assert_close(lo, f(&r["eta_sq_ci_effectsize_greater"][0]), TOL_ITER, name);
            assert_eq!(hi, 1.0);
            let (lo, hi) = omega_squared_ci(&a, Alternative::TwoSided, 0.95).unwrap();
            let (rlo, rhi) = (f(&r["omega_sq_ci"][0]), f(&r["omega_sq_ci"][1]));
            if rlo == 0.0 {
                assert_eq!(lo, 0.0);
            } else {
                assert_close(lo, rlo, 1e-8, name);
                assert_close(lo, f(&r["omega_sq_ci_effectsize"][0]), TOL_ITER, name);
            }
            assert_close(hi, rhi, 1e-8, name);
            assert_close(hi, f(&r["omega_sq_ci_effectsize"][1]), TOL_ITER, name);
        }
    }

    #[test]
    fn a_group_of_one_and_a_constant_group() {
        // R 4.2.2: y = c(3, 5, 5, 5, 1, 2, 4, 7), g = a, b, b, b, c, c, c, c:
        // summary(aov(y ~ g)); oneway.test(y ~ g) stops: "not enough observations"
        let r = reference();
        let r = &r["edge"];
        let g: [&[f64]; 3] = [&[3.0], &[5.0, 5.0, 5.0], &[1.0, 2.0, 4.0, 7.0]];
        let a = one_way_anova(&g).unwrap();
        assert_close(a.f, f(&r["f"]), TOL_CLOSED, "F");
        assert_close(a.p_value, f(&r["p"]), TOL_CLOSED, "p");
        assert_eq!((a.df1, a.df2), (2.0, 5.0));
        assert!(matches!(
            welch_anova(&g),
            Err(NotComputable::TooFewObservations { n: 1, needed: 2 })
        ));
        // F < 1: ω² = 0 and no interval; η²'s interval starts at 0
        assert_eq!(a.omega_sq, 0.0);
        assert!(omega_squared_ci(&a, Alternative::TwoSided, 0.95).is_err());
        let (lo, hi) = eta_squared_ci(&a, Alternative::TwoSided, 0.95).unwrap();
        assert!(lo == 0.0 && hi > a.eta_sq);
        // a constant group only: Welch not computable
        let g: [&[f64]; 2] = [&[5.0, 5.0, 5.0], &[1.0, 2.0, 4.0, 7.0]];
        assert!(welch_anova(&g).is_err());
        assert!(one_way_anova(&g).is_ok());
    }

    #[test]
    fn degenerate_inputs_are_errors() {
        // all groups constant
        let g: [&[f64]; 2] = [&[2.0, 2.0], &[3.0, 3.0, 3.0]];
        assert!(one_way_anova(&g).is_err());
        // all values equal
        let g: [&[f64]; 2] = [&[2.0, 2.0], &[2.0, 2.0, 2.0]];
        assert!(one_way_anova(&g).is_err());
        // one group (k = 1), also after dropping empty groups
        let g: [&[f64]; 1] = [&[1.0, 2.0]];
        assert!(one_way_anova(&g).is_err());
        let g: [&[f64]; 3] = [&[], &[1.0, 2.0], &[]];
        assert!(one_way_anova(&g).is_err());
        assert!(welch_anova(&g).is_err());
        // n = k
        let g: [&[f64]; 2] = [&[1.0], &[2.0]];
        assert!(one_way_anova(&g).is_err());
        // NaN
        let g: [&[f64]; 2] = [&[1.0, f64::NAN], &[2.0, 3.0]];
        assert_eq!(one_way_anova(&g), Err(NotComputable::NonFinite));
        // an empty group is skipped: the same as without it
        let g: [&[f64]; 3] = [&[1.0, 2.0, 4.0], &[], &[2.0, 5.0, 6.0]];
        let h: [&[f64]; 2] = [&[1.0, 2.0, 4.0], &[2.0, 5.0, 6.0]];
        assert_eq!(one_way_anova(&g), one_way_anova(&h));
        // F = 0 (equal means): p = 1, η² = 0, interval [0, hi]
        let g: [&[f64]; 2] = [&[1.0, 3.0], &[0.0, 4.0]];
        let a = one_way_anova(&g).unwrap();
        assert_eq!((a.f, a.p_value, a.eta_sq), (0.0, 1.0, 0.0));
        let (lo, hi) = eta_squared_ci(&a, Alternative::TwoSided, 0.95).unwrap();
        assert_eq!((lo, hi), (0.0, 0.0));
    }

    #[test]
    fn a_million_values_in_five_groups() {
        let g: Vec<Vec<f64>> = (0..5)
            .map(|j| {
                (0..200_000)
                    .map(|i| f64::from((i * 7 + j * 3) % 11) + 0.01 * f64::from(j))
                    .collect()
            })
            .collect();
        let a = one_way_anova(&slices(&g)).unwrap();
        let (lo, hi) = eta_squared_ci(&a, Alternative::TwoSided, 0.95).unwrap();
        assert!(lo <= a.eta_sq && a.eta_sq <= hi);
        assert!(welch_anova(&slices(&g)).is_ok());
        // a huge F (groups far apart): λ̂ ≈ 4e8, still exact
        let g: Vec<Vec<f64>> = (0..4)
            .map(|j| {
                (0..250_000)
                    .map(|i| 100.0 * f64::from(j) + f64::from(i % 7))
                    .collect()
            })
            .collect();
        let a = one_way_anova(&slices(&g)).unwrap();
        let (lo, hi) = eta_squared_ci(&a, Alternative::TwoSided, 0.95).unwrap();
        assert!(lo < a.eta_sq && a.eta_sq < hi, "{lo} {} {hi}", a.eta_sq);
    }

    proptest! {
        /// With two groups Fisher's F is Student's t², and Welch's F is Welch's t² with the
        /// same degrees of freedom.
        #[test]
        fn two_groups_agree_with_the_t_tests(
            x in prop::collection::vec(-50.0f64..50.0, 2..30),
            y in prop::collection::vec(-50.0f64..50.0, 2..30),
        ) {
            let a = one_way_anova(&[&x, &y]);
            let s = student_t_test(&x, &y, Alternative::TwoSided, 0.95);
            if let (Ok(a), Ok(s)) = (a, s) {
                prop_assert!((a.f - s.t * s.t).abs() <= 1e-9 * a.f.max(1e-300) + 1e-12);
                prop_assert!((a.p_value - s.p_value).abs() <= 1e-9);
            }
            let w = welch_anova(&[&x, &y]);
            let t = welch_t_test(&x, &y, Alternative::TwoSided, 0.95);
            if let (Ok(w), Ok(t)) = (w, t) {
                prop_assert!((w.f - t.t * t.t).abs() <= 1e-9 * w.f.max(1e-300) + 1e-12);
                prop_assert!((w.df2 - t.df).abs() <= 1e-9 * t.df);
            }
        }
    }
}
