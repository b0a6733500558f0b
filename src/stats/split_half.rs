//! Split-half reliability as SPSS `RELIABILITY /MODEL = SPLIT` prints it: Cronbach's α of
//! each part, the correlation between the forms, the Spearman–Brown coefficient for equal
//! and unequal lengths, and Guttman's split-half coefficient.
//!
//! Definitions (IBM SPSS Statistics Algorithms, RELIABILITY, "Split model"; the same formulas
//! in GNU PSPP's `reliability.c`), with V₁, V₂ the variances of the two part scores, V that of
//! the total, k₁ + k₂ = k items:
//! - correlation between forms r = (V − V₁ − V₂)/(2√(V₁V₂)) (Pearson's r of the part scores);
//! - Spearman–Brown, equal length: 2r/(1 + r);
//! - Spearman–Brown, unequal length (Horst 1951): with a = (1 − r²)k₁k₂/k²,
//!   Y = (√(r⁴ + 4r²a) − r²)/(2a);
//! - Guttman split-half (Guttman 1945, λ₄ of this split): 2(1 − (V₁ + V₂)/V) = 4C₁₂/V.
//!
//! Which items form the parts: [`SplitMethod::FirstLast`] puts the first ⌈k/2⌉ items in part 1
//! (SPSS: "the odd item, if any, going to the first half"; GNU PSPP and `psych::splitHalf`'s
//! first split put ⌊k/2⌋ there instead); [`SplitMethod::OddEven`] puts items 1, 3, 5, … in
//! part 1 (so it too has the extra item). `psych::splitHalf(x, raw = TRUE, covar = TRUE,
//! check.keys = FALSE)$raw[1]` is the Guttman coefficient of the first-last split for an even
//! k (with `covar = FALSE`, of the correlation matrix: [`split_half`]'s `standardized`).

use super::reliability::{covariance, AlphaMissing};
use super::{Inapplicable, NotComputable, Outcome, Subject};
use serde::{Deserialize, Serialize};

/// How the items are split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SplitMethod {
    /// Items in their order, the first ⌈k/2⌉ in part 1 (SPSS's default split).
    FirstLast,
    /// Items 1, 3, 5, … in part 1, items 2, 4, 6, … in part 2.
    OddEven,
}

/// The 0-based item positions of part 1 and part 2 of k items.
pub fn split_parts(k: usize, method: SplitMethod) -> (Vec<usize>, Vec<usize>) {
    match method {
        SplitMethod::FirstLast => {
            let k1 = k.div_ceil(2);
            ((0..k1).collect(), (k1..k).collect())
        }
        SplitMethod::OddEven => ((0..k).step_by(2).collect(), (1..k).step_by(2).collect()),
    }
}

/// SPSS's split-half table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SplitHalf {
    /// 0-based item positions of each part.
    pub part1: Vec<usize>,
    pub part2: Vec<usize>,
    /// Cronbach's α of each part (None for a one-item part).
    pub alpha1: Option<f64>,
    pub alpha2: Option<f64>,
    /// Correlation between forms.
    pub r: f64,
    pub spearman_brown_equal: f64,
    pub spearman_brown_unequal: f64,
    pub guttman: f64,
    /// Rows used (complete cases, as SPSS RELIABILITY).
    pub n: usize,
}

/// Split-half coefficients of item columns (NaN = not answered; complete cases), see the
/// module docs. `standardized`: on the correlation matrix instead of the covariances (as
/// `psych::splitHalf`'s default; SPSS uses the raw scores). Errors: fewer than two items or
/// two complete rows, a part score without variance.
pub fn split_half(items: &[&[f64]], method: SplitMethod, standardized: bool) -> Outcome<SplitHalf> {
    let k = items.len();
    if k < 2 {
        return Err(NotComputable::TooFewObservations { n: k, needed: 2 });
    }
    if items.iter().flat_map(|c| c.iter()).any(|v| v.is_infinite()) {
        return Err(NotComputable::NonFinite);
    }
    let (mut c, n, _) = covariance(items, AlphaMissing::Listwise)?;
    if standardized {
        let sd: Vec<f64> = (0..k).map(|i| c[i][i].sqrt()).collect();
        if sd.iter().any(|&s| s.is_nan() || s <= 0.0) {
            return Err(NotComputable::ZeroVariance {
                what: Subject::ConstantItem,
            });
        }
        c = (0..k)
            .map(|i| (0..k).map(|j| c[i][j] / (sd[i] * sd[j])).collect())
            .collect();
    }
    let (part1, part2) = split_parts(k, method);
    let mut out = split_half_of_covariance(&c, &part1, &part2)?;
    out.n = n;
    Ok(out)
}

/// [`split_half`] of a covariance (or correlation) matrix and two disjoint non-empty parts;
/// `n` is left 0 for the caller.
pub fn split_half_of_covariance(
    c: &[Vec<f64>],
    part1: &[usize],
    part2: &[usize],
) -> Outcome<SplitHalf> {
    if part1.is_empty() || part2.is_empty() {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::EmptyHalf,
        });
    }
    let block = |a: &[usize], b: &[usize]| -> f64 {
        a.iter()
            .map(|&i| b.iter().map(|&j| c[i][j]).sum::<f64>())
            .sum()
    };
    let (v1, v2, c12) = (
        block(part1, part1),
        block(part2, part2),
        block(part1, part2),
    );
    if v1.is_nan() || v1 <= 0.0 || v2.is_nan() || v2 <= 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: Subject::HalfScore,
        });
    }
    let v = v1 + v2 + 2.0 * c12;
    let alpha = |part: &[usize], var: f64| -> Option<f64> {
        let kp = part.len() as f64;
        (part.len() >= 2).then(|| {
            let tr: f64 = part.iter().map(|&i| c[i][i]).sum();
            kp / (kp - 1.0) * (1.0 - tr / var)
        })
    };
    let r = (c12 / (v1.sqrt() * v2.sqrt())).clamp(-1.0, 1.0);
    let (k1, k2) = (part1.len() as f64, part2.len() as f64);
    let k = k1 + k2;
    let a = (1.0 - r * r) * k1 * k2 / (k * k);
    let r2 = r * r;
    let unequal = if a > 0.0 {
        ((r2 * r2 + 4.0 * r2 * a).sqrt() - r2) / (2.0 * a)
    } else {
        // |r| = 1: the limit of Y as a → 0
        1.0
    };
    let (equal, guttman) = (2.0 * r / (1.0 + r), 4.0 * c12 / v);
    // (halves whose covariance is not a number, a total without variance, or halves in exact
    // opposition, r = −1: no split-half reliability, rather than NaN or infinity)
    if v <= 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: Subject::TotalScore,
        });
    }
    if ![r, equal, unequal, guttman].iter().all(|x| x.is_finite()) {
        return Err(NotComputable::NonFinite);
    }
    Ok(SplitHalf {
        part1: part1.to_vec(),
        part2: part2.to_vec(),
        alpha1: alpha(part1, v1),
        alpha2: alpha(part2, v2),
        r,
        spearman_brown_equal: equal,
        spearman_brown_unequal: unequal,
        guttman,
        n: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::correlation_matrix::tests::*;
    use crate::stats::testutil::*;

    /// Halves in exact opposition (the second item the first reversed): the total has no
    /// variance and r = −1; an error, not NaN or −∞ (a property test found a copy of it).
    #[test]
    fn halves_in_opposition_have_no_reliability() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y = [5.0, 4.0, 3.0, 2.0, 1.0];
        for method in [SplitMethod::FirstLast, SplitMethod::OddEven] {
            assert!(split_half(&[&x, &y], method, false).is_err());
        }
        // three items, one half the other reversed plus a constant item's noise: still an error
        let z = [3.0, 3.0, 3.0, 3.0, 3.1];
        let got = split_half(&[&x, &z, &y], SplitMethod::OddEven, false);
        assert!(got.map_or(true, |s| s.r.is_finite() && s.guttman.is_finite()));
    }

    #[test]
    fn parts() {
        assert_eq!(
            split_parts(5, SplitMethod::FirstLast),
            (vec![0, 1, 2], vec![3, 4])
        );
        assert_eq!(
            split_parts(4, SplitMethod::FirstLast),
            (vec![0, 1], vec![2, 3])
        );
        assert_eq!(
            split_parts(5, SplitMethod::OddEven),
            (vec![0, 2, 4], vec![1, 3])
        );
        assert_eq!(split_parts(2, SplitMethod::OddEven), (vec![0], vec![1]));
    }

    #[test]
    fn split_half_matches_the_spss_formulas_and_psych() {
        // R 4.2.2 (scripts/reference/split_half.R): the SPSS formulas evaluated on the part
        // scores of the complete cases (cor(), var(), the Horst formula), alpha of each part
        // = psych::alpha(part)$total$raw_alpha, and for an even number of items
        // psych::splitHalf(x, raw = TRUE, covar = TRUE/FALSE, check.keys = FALSE)$raw[1]
        let want = reference("split_half.json");
        let cases = want.as_object().unwrap();
        for (name, w) in cases {
            let file = w["file"].as_str().unwrap();
            let (header, cols) = read_columns(file);
            let names: Vec<&str> = w["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let reverse: Vec<&str> = w["reverse"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let items: Vec<Vec<f64>> = names
                .iter()
                .map(|n| {
                    let c = &cols[header.iter().position(|h| h == n).unwrap()];
                    c.iter()
                        .map(|&v| if reverse.contains(n) { 7.0 - v } else { v })
                        .collect()
                })
                .collect();
            for (method, key) in [
                (SplitMethod::FirstLast, "first_last"),
                (SplitMethod::OddEven, "odd_even"),
            ] {
                let s = split_half(&refs(&items), method, false).unwrap();
                let r = &w[key];
                let ctx = format!("{name} {key}");
                assert_eq!(s.n, num(&w["n"]).unwrap() as usize, "{ctx}");
                assert_close(s.r, num(&r["r"]).unwrap(), 1e-12, &ctx);
                assert_close(
                    s.spearman_brown_equal,
                    num(&r["sb_equal"]).unwrap(),
                    1e-12,
                    &ctx,
                );
                assert_close(
                    s.spearman_brown_unequal,
                    num(&r["sb_unequal"]).unwrap(),
                    1e-12,
                    &ctx,
                );
                assert_close(s.guttman, num(&r["guttman"]).unwrap(), 1e-12, &ctx);
                assert_close(s.alpha1.unwrap(), num(&r["alpha1"]).unwrap(), 1e-12, &ctx);
                if let Some(a2) = num(&r["alpha2"]) {
                    assert_close(s.alpha2.unwrap(), a2, 1e-12, &ctx);
                }
                if let Some(g) = num(&r["psych_guttman_cov"]) {
                    assert_close(s.guttman, g, 1e-12, &ctx);
                    let st = split_half(&refs(&items), method, true).unwrap();
                    assert_close(
                        st.guttman,
                        num(&r["psych_guttman_cor"]).unwrap(),
                        1e-12,
                        &ctx,
                    );
                }
            }
        }
    }

    #[test]
    fn equal_halves_give_equal_spearman_brown_and_errors() {
        let c = vec![
            vec![1.0, 0.4, 0.3, 0.2],
            vec![0.4, 1.0, 0.5, 0.3],
            vec![0.3, 0.5, 1.0, 0.4],
            vec![0.2, 0.3, 0.4, 1.0],
        ];
        let s = split_half_of_covariance(&c, &[0, 1], &[2, 3]).unwrap();
        assert_close(
            s.spearman_brown_equal,
            s.spearman_brown_unequal,
            1e-14,
            "k1 = k2",
        );
        // V1 = V2 = 2.8, C12 = 0.3 + 0.2 + 0.5 + 0.3 = 1.3: r = 1.3/2.8,
        // Guttman = 4·1.3/(2.8 + 2.8 + 2.6)
        assert_close(s.r, 1.3 / 2.8, 1e-15, "r");
        assert_close(s.guttman, 5.2 / 8.2, 1e-15, "guttman");
        assert!(split_half_of_covariance(&c, &[], &[0, 1]).is_err());
        let a = [1.0, 2.0, 3.0];
        assert!(split_half(&[&a], SplitMethod::FirstLast, false).is_err());
        let constant = [2.0, 2.0, 2.0];
        assert!(split_half(&[&a, &constant], SplitMethod::FirstLast, false).is_err());
        // two items: one per part, no alpha
        let b = [1.0, 3.0, 2.0];
        let s = split_half(&[&a, &b], SplitMethod::FirstLast, false).unwrap();
        assert!(s.alpha1.is_none() && s.alpha2.is_none());
        assert_close(s.r, 0.5, 1e-14, "r of two items");
    }
}
