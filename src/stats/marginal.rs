//! Tests of one item's ordered answers before and after: the exact sign test and the
//! Stuart–Maxwell test of marginal homogeneity (did the distribution of answers change?).

use super::distributions::{lgamma, pchisq_upper};
use super::linalg::pinv_quadratic_form;
use super::{Alternative, NotComputable, Outcome};
use serde::Serialize;

/// The exact sign test of paired answers: the number that rose against the number that fell,
/// ties (no change) left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignTest {
    pub n_positive: usize,
    pub n_negative: usize,
    pub n_zero: usize,
    pub p_value: f64,
}

/// The sign test of the differences `d` (post − pre): R's `binom.test(n₊, n₊ + n₋, 0.5)`. The
/// two-sided p sums the binomial probabilities no larger than the observed one (R's relative
/// tolerance 1e-7); `greater` is P(X ≥ n₊), `less` P(X ≤ n₊).
pub fn sign_test(d: &[f64], alternative: Alternative) -> Outcome<SignTest> {
    let n_positive = d.iter().filter(|&&x| x > 0.0).count();
    let n_negative = d.iter().filter(|&&x| x < 0.0).count();
    let n_zero = d.len() - n_positive - n_negative;
    let n = n_positive + n_negative;
    if n == 0 {
        return Err(NotComputable::AllDifferencesZero);
    }
    let ln_half_n = -(n as f64) * std::f64::consts::LN_2;
    let prob = |k: usize| {
        (lgamma(n as f64 + 1.0) - lgamma(k as f64 + 1.0) - lgamma((n - k) as f64 + 1.0) + ln_half_n)
            .exp()
    };
    let k = n_positive;
    let p_value = match alternative {
        Alternative::Greater => (k..=n).map(prob).sum::<f64>(),
        Alternative::Less => (0..=k).map(prob).sum::<f64>(),
        Alternative::TwoSided => {
            let observed = prob(k);
            (0..=n)
                .map(prob)
                .filter(|&q| q <= observed * (1.0 + 1e-7))
                .sum::<f64>()
        }
    }
    .min(1.0);
    Ok(SignTest {
        n_positive,
        n_negative,
        n_zero,
        p_value,
    })
}

/// The Stuart–Maxwell test of marginal homogeneity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarginalHomogeneity {
    pub chi_sq: f64,
    pub df: f64,
    pub p_value: f64,
}

/// The Stuart–Maxwell test of the square table `n[i][j]` (answer i before, j after): with
/// d = the row minus the column totals and V the covariance matrix V_ii = n_i· + n_·i − 2n_ii,
/// V_ij = −(n_ij + n_ji),
///
///   χ² = dᵀ V⁺ d,  df = rank V
///
/// (Stuart 1955; Maxwell 1970; Agresti 2002, §10.3.1). V's rows sum to 0, so its rank is at most
/// K − 1, and with rank K − 1 this is the usual dᵀV⁻¹d over any K − 1 of the categories. V has
/// a lower rank when a category was chosen only by people who kept it (its row and column of
/// V are 0: no category is used at either wave, or all who used it stayed), or when the
/// answers moved only within separate groups of categories; the Moore–Penrose inverse over the
/// rank is then the test of the categories that carry information. DescTools'
/// `StuartMaxwellTest` instead drops every category whose two totals are equal, which changes
/// the statistic, and keeps the df of the full table (docs/statistics.md).
pub fn stuart_maxwell(n: &[Vec<u64>]) -> Outcome<MarginalHomogeneity> {
    let k = n.len();
    let row = |i: usize| n[i].iter().sum::<u64>() as f64;
    let col = |j: usize| n.iter().map(|r| r[j]).sum::<u64>() as f64;
    let d: Vec<f64> = (0..k).map(|i| row(i) - col(i)).collect();
    let v: Vec<Vec<f64>> = (0..k)
        .map(|i| {
            (0..k)
                .map(|j| {
                    if i == j {
                        row(i) + col(i) - 2.0 * n[i][i] as f64
                    } else {
                        -((n[i][j] + n[j][i]) as f64)
                    }
                })
                .collect()
        })
        .collect();
    if v.iter().flatten().all(|&x| x == 0.0) {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::NoAnswerChanged,
        });
    }
    let (chi_sq, rank) = pinv_quadratic_form(&v, &d);
    let df = rank as f64;
    Ok(MarginalHomogeneity {
        chi_sq,
        df,
        p_value: pchisq_upper(chi_sq, df),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::assert_close;

    /// R 4.2.2 binom.test(k, n) and its one-sided p-values.
    #[test]
    fn sign_test_matches_binom_test() {
        let d = |pos: usize, neg: usize, zero: usize| -> Vec<f64> {
            let mut v = vec![1.0; pos];
            v.extend(vec![-2.0; neg]);
            v.extend(vec![0.0; zero]);
            v
        };
        for (pos, neg, two, greater, less) in [
            (
                7,
                1,
                0.070312500000000028,
                0.035156250000000014,
                0.996093750000000000,
            ),
            (4, 4, 1.0, 0.63671874999999978, 0.63671874999999978),
            (
                9,
                2,
                0.065429687500000042,
                0.032714843750000021,
                0.994140625000000000,
            ),
            (0, 3, 0.25000000000000006, 1.0, 0.12500000000000003),
        ] {
            let x = d(pos, neg, 2);
            let at = format!("{pos}/{neg}");
            assert_close(
                sign_test(&x, Alternative::TwoSided).unwrap().p_value,
                two,
                1e-12,
                &at,
            );
            assert_close(
                sign_test(&x, Alternative::Greater).unwrap().p_value,
                greater,
                1e-12,
                &at,
            );
            assert_close(
                sign_test(&x, Alternative::Less).unwrap().p_value,
                less,
                1e-12,
                &at,
            );
            assert_eq!(sign_test(&x, Alternative::TwoSided).unwrap().n_zero, 2);
        }
        assert!(sign_test(&[0.0, 0.0], Alternative::TwoSided).is_err());
    }

    /// Stuart (1955, Biometrika 42, 412–416): unaided distance vision of 7477 women, right eye
    /// (rows) by left eye (columns), grades 1–4: χ² = 11.96 on 3 df (also Agresti 2002,
    /// §10.3.1). And Uebersax's 3 × 3 example (DescTools' help page): χ² = 13.76 on 2 df. The
    /// full values are the formula evaluated in R (scripts/reference/items.R).
    #[test]
    fn stuart_maxwell_worked_examples() {
        let vision = vec![
            vec![1520, 266, 124, 66],
            vec![234, 1512, 432, 78],
            vec![117, 362, 1772, 205],
            vec![36, 82, 179, 492],
        ];
        let t = stuart_maxwell(&vision).unwrap();
        assert_close(t.chi_sq, 11.956569622982552659, 1e-12, "vision chi2");
        assert_eq!(t.df, 3.0);
        assert_close(t.p_value, 0.007533425054800552, 1e-10, "vision p");
        // R's matrix(c(20,3,0,10,30,5,5,15,40), nrow = 3) is filled by columns
        let hyp = vec![vec![20, 10, 5], vec![3, 30, 15], vec![0, 5, 40]];
        let t = stuart_maxwell(&hyp).unwrap();
        assert_close(t.chi_sq, 13.7647058823529437888, 1e-12, "hyp chi2");
        assert_close(t.p_value, 0.0010257277265580732, 1e-10, "hyp p");
    }

    #[test]
    fn unused_categories_are_left_out_and_no_change_is_said() {
        // the same table with an empty fourth category
        let mut hyp = vec![
            vec![20, 10, 5, 0],
            vec![3, 30, 15, 0],
            vec![0, 5, 40, 0],
            vec![0, 0, 0, 0],
        ];
        let t = stuart_maxwell(&hyp).unwrap();
        assert_close(
            t.chi_sq,
            13.7647058823529437888,
            1e-12,
            "with an empty category",
        );
        assert_eq!(t.df, 2.0);
        // which category is left out does not matter: reversed, the first one is
        hyp.reverse();
        for r in hyp.iter_mut() {
            r.reverse();
        }
        assert_close(
            stuart_maxwell(&hyp).unwrap().chi_sq,
            13.7647058823529437888,
            1e-12,
            "reversed",
        );
        // nobody changed
        assert!(stuart_maxwell(&[vec![3, 0], vec![0, 4]]).is_err());
        assert!(stuart_maxwell(&[vec![5, 0], vec![0, 0]]).is_err());
    }

    /// A category chosen only by people who kept it (the third: 2 stayed, no one came or
    /// left) carries no information: the test is that of the other three, 3.8 on 2 df,
    /// wherever the category stands (R: scripts/reference/items.R, with MASS::ginv).
    #[test]
    fn a_category_nobody_moved_into_or_out_of_is_left_out_wherever_it_stands() {
        let t = vec![
            vec![2, 3, 0, 1],
            vec![0, 1, 0, 2],
            vec![0, 0, 2, 0],
            vec![1, 0, 0, 3],
        ];
        let got = stuart_maxwell(&t).unwrap();
        assert_eq!(got.df, 2.0);
        // the same without the third category, where the K − 1 formula applies
        let without = vec![vec![2, 3, 1], vec![0, 1, 2], vec![1, 0, 3]];
        let want = stuart_maxwell(&without).unwrap();
        assert_close(got.chi_sq, want.chi_sq, 1e-12, "left out");
        assert_close(got.chi_sq, 2.00000000000000044, 1e-12, "R");
        // the kept category last
        let last = vec![
            vec![2, 3, 1, 0],
            vec![0, 1, 2, 0],
            vec![1, 0, 3, 0],
            vec![0, 0, 0, 2],
        ];
        assert_close(
            stuart_maxwell(&last).unwrap().chi_sq,
            want.chi_sq,
            1e-12,
            "last",
        );
    }
}
