//! Equivalence of the mean difference to zero within bounds: two one-sided t-tests (TOST;
//! Schuirmann 1987, Lakens 2017).
//!
//! With d̄ the mean difference, se = s_d/√n, df = n − 1 and bounds (L, U):
//!
//!   p_lower = P(T > (d̄ − L)/se),   p_upper = P(T < (d̄ − U)/se),   p = max(p_lower, p_upper),
//!
//! the two R calls `t.test(d, mu = L, alternative = "greater")` and `t.test(d, mu = U,
//! alternative = "less")`. The mean lies within the bounds at level α when p < α, exactly when
//! the 1 − 2α interval d̄ ± t_{1−α} se lies inside them. Bounds need not contain 0 (a test that
//! the change lies within a band of, say, modest improvements).

use super::distributions::{pt_tails, qt};
use super::summation::Moments;
use super::{NotComputable, Outcome};
use serde::Serialize;

/// The result of TOST.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tost {
    pub low: f64,
    pub high: f64,
    pub alpha: f64,
    pub t_lower: f64,
    pub t_upper: f64,
    pub df: f64,
    pub p_lower: f64,
    pub p_upper: f64,
    /// The larger of the two: the p-value of equivalence.
    pub p_value: f64,
    /// The 1 − 2α confidence interval of the mean difference.
    pub ci_low: f64,
    pub ci_high: f64,
    /// p < α.
    pub equivalent: bool,
}

/// TOST of finite differences summarized by `moments` against (low, high).
pub fn tost(moments: &Moments, low: f64, high: f64, alpha: f64) -> Outcome<Tost> {
    let n = moments.n;
    if n < 2 {
        return Err(NotComputable::TooFewObservations { n, needed: 2 });
    }
    let se = moments.se().expect("n ≥ 2");
    tost_of(moments.mean, se, n as f64 - 1.0, low, high, alpha)
}

/// TOST of a mean difference `m` with standard error `se` and `df` degrees of freedom (those
/// of the paired t-test).
pub fn tost_of(m: f64, se: f64, df: f64, low: f64, high: f64, alpha: f64) -> Outcome<Tost> {
    if low.is_nan() || high.is_nan() || low >= high {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::EquivalenceBounds,
        });
    }
    if !(alpha > 0.0 && alpha < 0.5) {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::EquivalenceAlpha,
        });
    }
    if se == 0.0 || se < 10.0 * f64::EPSILON * m.abs() {
        return Err(NotComputable::ConstantDifferences);
    }
    let (t_lower, t_upper) = ((m - low) / se, (m - high) / se);
    let p_lower = pt_tails(t_lower, df).1;
    let p_upper = pt_tails(t_upper, df).0;
    let p_value = p_lower.max(p_upper);
    let q = qt(1.0 - alpha, df);
    Ok(Tost {
        low,
        high,
        alpha,
        t_lower,
        t_upper,
        df,
        p_lower,
        p_upper,
        p_value,
        ci_low: m - q * se,
        ci_high: m + q * se,
        equivalent: p_value < alpha,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::assert_close;

    fn check(d: &[f64], (low, high, alpha): (f64, f64, f64), want: [f64; 5], what: &str) {
        let got = tost(&Moments::of(d), low, high, alpha).unwrap();
        let got_v = [
            got.p_lower,
            got.p_upper,
            got.p_value,
            got.ci_low,
            got.ci_high,
        ];
        for (g, w) in got_v.iter().zip(want) {
            assert_close(*g, w, 1e-12, what);
        }
        assert_eq!(got.equivalent, got.p_value < alpha);
    }

    /// R 4.2.2 t.test (scripts/reference/equivalence.R): p_lower, p_upper, max, and the
    /// 1 − 2α CI.
    #[test]
    fn matches_two_one_sided_t_tests_in_r() {
        let d2 = [0.5, -0.3, 0.2, 0.1, -0.4, 0.6, 0.0, -0.2, 0.3, 0.1];
        check(
            &d2,
            (-0.5, 0.5, 0.05),
            [
                0.00014977734229223419,
                0.00167397962200141383,
                0.00167397962200141383,
                -0.10020847130718704698,
                0.28020847130718706808,
            ],
            "±0.5",
        );
        check(
            &d2,
            (-0.5, 0.5, 0.025),
            [
                0.00014977734229223419,
                0.00167397962200141383,
                0.00167397962200141383,
                -0.14472719445002171779,
                0.32472719445002168337,
            ],
            "alpha .025",
        );
        // bounds that do not contain 0
        let d = [3., 1., 4., -1., 5., 2., 6., 0., 2., 3., 1.];
        check(
            &d,
            (0.2, 1.0, 0.05),
            [
                0.0033855362121689779,
                0.9711219594298603486,
                0.9711219594298603486,
                1.2102520127562064189,
                3.5170207145165206519,
            ],
            "(0.2, 1)",
        );
        // n = 2
        check(
            &[1.0, 3.0],
            (-1.0, 5.0, 0.05),
            [
                0.10241638234956672,
                0.10241638234956672,
                0.10241638234956672,
                -4.31375151467503759,
                8.31375151467503670,
            ],
            "n = 2",
        );
    }

    #[test]
    fn degenerate_inputs_are_not_computable() {
        let m = Moments::of(&[1.0, 1.0, 1.0]);
        assert!(tost(&m, -1.0, 1.0, 0.05).is_err());
        let m = Moments::of(&[1.0, 2.0, 4.0]);
        assert!(tost(&m, 1.0, -1.0, 0.05).is_err());
        assert!(tost(&Moments::of(&[1.0]), -1.0, 1.0, 0.05).is_err());
    }
}
