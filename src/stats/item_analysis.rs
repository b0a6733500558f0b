//! Item analysis of a scale (项目分析): the corrected item-total correlation and α if item
//! deleted (from [`super::reliability::cronbach_alpha`]), and the critical ratio: each item's
//! t test between the respondents with the highest and the lowest 27% of total scores.
//!
//! The extreme groups (prepost's definition): on the complete cases, sort the n totals; with
//! m = ⌈0.27·n⌉ (`fraction`·n, rounded up), the low cut-off is the m-th smallest total and the
//! high cut-off the m-th largest; the low group is every respondent with a total at or below
//! the low cut-off and the high group every one at or above the high cut-off, so respondents
//! tied at a cut-off are all included and a group can exceed 27%. Groups that would overlap
//! (too few distinct totals) are an error.
//!
//! The critical ratio is Welch's t (high − low; R `t.test(high, low)`), with Student's pooled t
//! (`t.test(..., var.equal = TRUE)`) and Levene's test of equal variances (mean-centred,
//! `car::leveneTest(center = mean)`, SPSS's) beside it: SPSS users read the "equal variances
//! assumed" row when Levene's p > .05 and the other row otherwise ([`CriticalRatio::spss_t`]).

use super::distributions::{pf_tails, pt_tails};
use super::reliability::{cronbach_alpha, Alpha, AlphaMissing};
use super::summation::{mean, sum_sq_dev, Accumulator};
use super::two_group::{student_t, welch_t_test, Welch};
use super::{Alternative, Inapplicable, NotComputable, Outcome};
use serde::Serialize;

/// The extreme groups of a total score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtremeGroups {
    pub fraction: f64,
    /// Respondents with a total (complete cases).
    pub n: usize,
    /// ⌈fraction·n⌉.
    pub m: usize,
    pub cut_low: f64,
    pub cut_high: f64,
    pub n_low: usize,
    pub n_high: usize,
}

/// Indices (into `totals`) of the low and the high group, and their description (module
/// docs). Errors: a fraction outside (0, 0.5], non-finite totals, fewer than four totals,
/// overlapping groups.
pub fn extreme_groups(
    totals: &[f64],
    fraction: f64,
) -> Outcome<(Vec<usize>, Vec<usize>, ExtremeGroups)> {
    if fraction.is_nan() || fraction <= 0.0 || fraction > 0.5 {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::ExtremeFraction,
        });
    }
    let n = totals.len();
    if n < 4 {
        return Err(NotComputable::TooFewObservations { n, needed: 4 });
    }
    if totals.iter().any(|v| !v.is_finite()) {
        return Err(NotComputable::NonFinite);
    }
    let mut sorted = totals.to_vec();
    sorted.sort_by(f64::total_cmp);
    // ⌈fraction·n⌉, without 0.27·100 = 27.000000000000004 rounding up to 28
    let x = fraction * n as f64;
    let m = if (x - x.round()).abs() < 1e-9 * x.max(1.0) {
        x.round() as usize
    } else {
        x.ceil() as usize
    }
    .clamp(1, n);
    let (cut_low, cut_high) = (sorted[m - 1], sorted[n - m]);
    if cut_low >= cut_high {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::ExtremeGroupsOverlap,
        });
    }
    let low: Vec<usize> = (0..n).filter(|&i| totals[i] <= cut_low).collect();
    let high: Vec<usize> = (0..n).filter(|&i| totals[i] >= cut_high).collect();
    let groups = ExtremeGroups {
        fraction,
        n,
        m,
        cut_low,
        cut_high,
        n_low: low.len(),
        n_high: high.len(),
    };
    Ok((low, high, groups))
}

/// Levene's test of equal variances of two samples, centred on the means (Levene 1960; SPSS
/// T-TEST, `car::leveneTest(y ~ g, center = mean)`): the one-way ANOVA F of |x − x̄_g|, with
/// (1, n₁ + n₂ − 2) degrees of freedom. None if the absolute deviations have no within-group
/// variance.
fn levene_two(x: &[f64], y: &[f64]) -> Option<(f64, f64, f64)> {
    let zx: Vec<f64> = {
        let m = mean(x);
        x.iter().map(|v| (v - m).abs()).collect()
    };
    let zy: Vec<f64> = {
        let m = mean(y);
        y.iter().map(|v| (v - m).abs()).collect()
    };
    let (mx, my) = (mean(&zx), mean(&zy));
    let n = (x.len() + y.len()) as f64;
    let mut all = Accumulator::new();
    zx.iter().chain(&zy).for_each(|&v| all.add(v));
    let grand = all.value() / n;
    let between = x.len() as f64 * (mx - grand).powi(2) + y.len() as f64 * (my - grand).powi(2);
    let within = sum_sq_dev(&zx, mx) + sum_sq_dev(&zy, my);
    if within.is_nan() || within <= 0.0 {
        return None;
    }
    let df2 = n - 2.0;
    let f = between / (within / df2);
    Some((f, df2, pf_tails(f, 1.0, df2).1))
}

/// The critical ratio of one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriticalRatio {
    pub mean_high: f64,
    pub mean_low: f64,
    /// Welch's t test of high − low (the critical ratio prepost reports).
    pub welch: Welch,
    /// Student's pooled t, its df (n_high + n_low − 2) and two-sided p.
    pub student_t: f64,
    pub student_df: f64,
    pub student_p: f64,
    /// Levene's F (1, df2) and p; None when undefined (no spread of the absolute deviations).
    pub levene: Option<Levene>,
}

/// Levene's test result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Levene {
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p_value: f64,
}

impl CriticalRatio {
    /// The t, df and p an SPSS user reports: Student's when Levene's p > `alpha` (.05) or
    /// Levene's test is undefined, Welch's otherwise.
    pub fn spss_t(&self, alpha: f64) -> (f64, f64, f64) {
        match &self.levene {
            Some(l) if l.p_value <= alpha => (self.welch.t, self.welch.df, self.welch.p_value),
            _ => (self.student_t, self.student_df, self.student_p),
        }
    }
}

/// [`CriticalRatio`] of an item's values in the high and the low group.
pub fn critical_ratio(high: &[f64], low: &[f64]) -> Outcome<CriticalRatio> {
    let welch = welch_t_test(high, low, Alternative::TwoSided, 0.95)?;
    let st = student_t(high, low)?;
    let (lo, up) = pt_tails(st.t, st.df);
    let levene = levene_two(high, low).map(|(f, df2, p)| Levene {
        f,
        df1: 1.0,
        df2,
        p_value: p,
    });
    Ok(CriticalRatio {
        mean_high: mean(high),
        mean_low: mean(low),
        welch,
        student_t: st.t,
        student_df: st.df,
        student_p: (2.0 * lo.min(up)).min(1.0),
        levene,
    })
}

/// One item's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRow {
    /// Corrected item-total r (psych's `r.drop`, SPSS "Corrected Item-Total Correlation").
    pub r_drop: Option<f64>,
    pub alpha_if_deleted: Option<f64>,
    /// None when the t test is undefined (the item has no spread in either group); the caller
    /// records why.
    pub critical_ratio: Option<CriticalRatio>,
}

/// Item analysis of a scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemAnalysis {
    pub groups: ExtremeGroups,
    pub alpha: Alpha,
    pub items: Vec<ItemRow>,
}

/// Item analysis of item columns (NaN = not answered) on the complete cases: the total is the
/// sum of the items (reverse-keyed items already keyed by the caller), the groups as in the
/// module docs with `fraction` (0.27). Errors: as [`cronbach_alpha`] and [`extreme_groups`].
pub fn item_analysis(items: &[&[f64]], fraction: f64) -> Outcome<ItemAnalysis> {
    let alpha = cronbach_alpha(items, AlphaMissing::Listwise, 0.95)?;
    let rows = items[0].len();
    let complete: Vec<usize> = (0..rows)
        .filter(|&r| items.iter().all(|c| !c[r].is_nan()))
        .collect();
    let totals: Vec<f64> = complete
        .iter()
        .map(|&r| {
            let mut a = Accumulator::new();
            items.iter().for_each(|c| a.add(c[r]));
            a.value()
        })
        .collect();
    let (low, high, groups) = extreme_groups(&totals, fraction)?;
    let out = items
        .iter()
        .zip(&alpha.items)
        .map(|(c, s)| {
            let h: Vec<f64> = high.iter().map(|&i| c[complete[i]]).collect();
            let l: Vec<f64> = low.iter().map(|&i| c[complete[i]]).collect();
            ItemRow {
                r_drop: s.r_drop,
                alpha_if_deleted: s.alpha_if_deleted,
                critical_ratio: critical_ratio(&h, &l).ok(),
            }
        })
        .collect();
    Ok(ItemAnalysis {
        groups,
        alpha,
        items: out,
    })
}

/// The usual item-analysis rules: flag an item whose critical ratio is not significant at
/// `alpha` (Welch's p ≥ alpha, or undefined) or whose corrected item-total r is below
/// `min_r_drop` (.30, some use .40).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ItemFlags {
    pub cr_not_significant: bool,
    pub low_item_total_r: bool,
}

/// [`ItemFlags`] of each item.
pub fn flag_items(analysis: &ItemAnalysis, alpha: f64, min_r_drop: f64) -> Vec<ItemFlags> {
    analysis
        .items
        .iter()
        .map(|row| ItemFlags {
            cr_not_significant: row
                .critical_ratio
                .as_ref()
                .is_none_or(|c| c.welch.p_value.is_nan() || c.welch.p_value >= alpha),
            low_item_total_r: row.r_drop.is_none_or(|r| r < min_r_drop),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::correlation_matrix::tests::*;
    use crate::stats::testutil::*;

    #[test]
    fn groups_include_ties_at_the_cut() {
        // n = 10, m = ⌈2.7⌉ = 3: low cut = 3rd smallest (2), high cut = 3rd largest (8)
        let totals = [5.0, 1.0, 2.0, 2.0, 9.0, 8.0, 8.0, 3.0, 10.0, 6.0];
        let (low, high, g) = extreme_groups(&totals, 0.27).unwrap();
        assert_eq!(g.m, 3);
        assert_eq!((g.cut_low, g.cut_high), (2.0, 8.0));
        assert_eq!(low, vec![1, 2, 3]);
        assert_eq!(high, vec![4, 5, 6, 8]);
        // 0.27 · 100 = 27 exactly
        let t: Vec<f64> = (0..100).map(f64::from).collect();
        assert_eq!(extreme_groups(&t, 0.27).unwrap().2.m, 27);
        // overlap
        assert!(extreme_groups(&[1.0, 1.0, 1.0, 2.0], 0.27).is_err());
        assert!(extreme_groups(&[1.0, 2.0, 3.0], 0.27).is_err());
        assert!(extreme_groups(&t, 0.6).is_err());
    }

    /// p values: relative 1e-8, or both below 1e-290 where R's underflow to 0 or a subnormal.
    fn assert_p(got: f64, want: f64, ctx: &str) {
        if want < 1e-290 {
            assert!(got < 1e-290, "{ctx}: {got:e} vs {want:e}");
        } else {
            assert_close(got, want, 1e-8, ctx);
        }
    }

    #[test]
    fn critical_ratios_match_t_test_and_levene() {
        // R 4.2.2, car 3.1-1 (scripts/reference/item_analysis.R): the groups of the bfi
        // conscientiousness total (C4, C5 reversed) and the Holzinger–Swineford x1..x9 total;
        // t.test(high, low), t.test(high, low, var.equal = TRUE),
        // car::leveneTest(y ~ g, center = mean), psych::alpha(x)$item.stats$r.drop
        let want = reference("item_analysis.json");
        for (name, w) in want.as_object().unwrap() {
            let (header, cols) = read_columns(w["file"].as_str().unwrap());
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
            let a = item_analysis(&refs(&items), 0.27).unwrap();
            assert_eq!(a.groups.n, num(&w["n"]).unwrap() as usize, "{name}");
            assert_eq!(a.groups.n_low, num(&w["n_low"]).unwrap() as usize, "{name}");
            assert_eq!(
                a.groups.n_high,
                num(&w["n_high"]).unwrap() as usize,
                "{name}"
            );
            assert_close(a.groups.cut_low, num(&w["cut_low"]).unwrap(), 1e-15, name);
            assert_close(a.groups.cut_high, num(&w["cut_high"]).unwrap(), 1e-15, name);
            for (i, row) in a.items.iter().enumerate() {
                let ctx = format!("{name} item {i}");
                let cr = row.critical_ratio.as_ref().unwrap();
                assert_close(cr.welch.t, num(&w["welch_t"][i]).unwrap(), 1e-10, &ctx);
                assert_close(cr.welch.df, num(&w["welch_df"][i]).unwrap(), 1e-10, &ctx);
                assert_p(cr.welch.p_value, num(&w["welch_p"][i]).unwrap(), &ctx);
                assert_close(cr.student_t, num(&w["student_t"][i]).unwrap(), 1e-10, &ctx);
                assert_p(cr.student_p, num(&w["student_p"][i]).unwrap(), &ctx);
                let l = cr.levene.as_ref().unwrap();
                assert_close(l.f, num(&w["levene_f"][i]).unwrap(), 1e-10, &ctx);
                assert_close(l.p_value, num(&w["levene_p"][i]).unwrap(), 1e-9, &ctx);
                assert_close(
                    row.r_drop.unwrap(),
                    num(&w["r_drop"][i]).unwrap(),
                    1e-10,
                    &ctx,
                );
            }
        }
    }

    #[test]
    fn an_item_without_spread_has_no_critical_ratio() {
        // item 2 is 3 for everyone: the t test is undefined, the rest is computed
        let i1 = [1.0, 2.0, 3.0, 4.0, 5.0, 1.0, 2.0, 5.0, 4.0, 3.0];
        let i2 = [3.0; 10];
        let i3 = [2.0, 2.0, 3.0, 5.0, 4.0, 1.0, 3.0, 4.0, 5.0, 2.0];
        let a = item_analysis(&[&i1, &i2, &i3], 0.27).unwrap();
        assert!(a.items[1].critical_ratio.is_none());
        assert!(a.items[0].critical_ratio.is_some());
        let flags = flag_items(&a, 0.05, 0.3);
        assert!(flags[1].cr_not_significant && flags[1].low_item_total_r);
    }
}
