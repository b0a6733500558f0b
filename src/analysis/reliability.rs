//! `prepost reliability`: per score of a spec, Cronbach's α with its item statistics,
//! McDonald's ω (with ω if item deleted), the split-half coefficients and the item analysis
//! (critical ratios and flags). Pure (no I/O).

use crate::model::{
    CrTest, CriticalRatioRow, ItemAnalysisOptions, ItemRow, ScaleAlpha, SplitHalfRow,
};
use crate::note::Note;
use crate::scale::kernel::Scored;
use crate::scale::spec::Scale;
use crate::stats::correlation_matrix::correlation_matrix;
use crate::stats::item_analysis::{item_analysis, CriticalRatio};
use crate::stats::omega::mcdonald_omega;
use crate::stats::reliability::{cronbach_alpha, AlphaMissing};
use crate::stats::split_half::{split_half, SplitMethod};

/// The critical ratio as reported: Welch's t, or SPSS's choice by Levene's test.
fn cr_row(c: &CriticalRatio, test: CrTest) -> CriticalRatioRow {
    let (t, df, p, which) = match test {
        CrTest::Welch => (c.welch.t, c.welch.df, c.welch.p_value, "welch"),
        CrTest::Spss => {
            let (t, df, p) = c.spss_t(0.05);
            let which = if t == c.welch.t && df == c.welch.df {
                "welch"
            } else {
                "student"
            };
            (t, df, p, which)
        }
    };
    CriticalRatioRow {
        mean_high: c.mean_high,
        mean_low: c.mean_low,
        t,
        df,
        p_value: p,
        test: which,
        welch_t: c.welch.t,
        welch_df: c.welch.df,
        welch_p: c.welch.p_value,
        student_t: c.student_t,
        student_df: c.student_df,
        student_p: c.student_p,
        levene_f: c.levene.as_ref().map(|l| l.f),
        levene_p: c.levene.as_ref().map(|l| l.p_value),
    }
}

/// α, ω, split-half and item analysis of every score of a scored file.
pub fn scale_alphas(
    scale: &Scale,
    scored: &Scored,
    missing: AlphaMissing,
    conf_level: f64,
    rules: &ItemAnalysisOptions,
) -> Vec<ScaleAlpha> {
    let mut out = Vec::new();
    for s in &scale.scores {
        let refs: Vec<&[f64]> = scale
            .positions(s)
            .into_iter()
            .map(|k| scored.items[k].as_slice())
            .collect();
        let n_complete = (0..scored.frame.height())
            .filter(|&r| refs.iter().all(|c| !c[r].is_nan()))
            .count();
        let omega = correlation_matrix(&refs, missing).and_then(|c| mcdonald_omega(&c.r));
        let (split, split_note) = [SplitMethod::OddEven, SplitMethod::FirstLast]
            .iter()
            .map(|&m| split_half(&refs, m, false).map(|h| (m, h)))
            .collect::<Result<Vec<_>, _>>()
            .map_or_else(|e| (Vec::new(), Some(Note::from(e))), |v| (v, None));
        let names = |part: &[usize]| part.iter().map(|&i| s.items[i].clone()).collect();
        let split_half = split
            .into_iter()
            .map(|(m, h)| SplitHalfRow {
                split: m,
                part1: names(&h.part1),
                part2: names(&h.part2),
                alpha1: h.alpha1,
                alpha2: h.alpha2,
                r: h.r,
                spearman_brown_equal: h.spearman_brown_equal,
                spearman_brown_unequal: h.spearman_brown_unequal,
                guttman: h.guttman,
                n: h.n,
            })
            .collect();
        let analysis = item_analysis(&refs, rules.fraction);
        let row = match cronbach_alpha(&refs, missing, conf_level) {
            Ok(a) => ScaleAlpha {
                scale: s.name.clone(),
                labels: s.labels.clone(),
                alpha: Some(a.alpha),
                alpha_std: a.alpha_std,
                average_r: a.average_r,
                ci_low: Some(a.ci_low),
                ci_high: Some(a.ci_high),
                n: a.n,
                n_complete: a.n_complete,
                k: a.k,
                items: s
                    .items
                    .iter()
                    .zip(&a.items)
                    .enumerate()
                    .map(|(i, (q, st))| {
                        let cr = analysis
                            .as_ref()
                            .ok()
                            .and_then(|an| an.items[i].critical_ratio.as_ref())
                            .map(|c| cr_row(c, rules.test));
                        let mut flags = Vec::new();
                        if analysis.is_ok() && cr.as_ref().is_none_or(|c| c.p_value >= rules.alpha)
                        {
                            flags.push("critical_ratio_not_significant");
                        }
                        if st.r_drop.is_none_or(|r| r < rules.min_item_total_r) {
                            flags.push("low_item_total_r");
                        }
                        ItemRow {
                            item: q.clone(),
                            reversed: scale.is_reversed(q),
                            r_drop: st.r_drop,
                            alpha_if_deleted: st.alpha_if_deleted,
                            omega_if_deleted: omega.as_ref().ok().and_then(|o| o.if_deleted[i]),
                            critical_ratio: cr,
                            flagged: !flags.is_empty(),
                            flags,
                        }
                    })
                    .collect(),
                note: None,
                omega: None,
                omega_note: None,
                split_half,
                split_half_note: split_note,
                extreme_groups: None,
                item_analysis_note: None,
            },
            Err(why) => ScaleAlpha {
                scale: s.name.clone(),
                labels: s.labels.clone(),
                alpha: None,
                alpha_std: None,
                average_r: None,
                ci_low: None,
                ci_high: None,
                n: n_complete,
                n_complete,
                k: s.items.len(),
                items: Vec::new(),
                note: Some(why.into()),
                omega: None,
                omega_note: None,
                split_half,
                split_half_note: split_note,
                extreme_groups: None,
                item_analysis_note: None,
            },
        };
        let (omega, omega_note) = match omega {
            Ok(o) => (Some(o.omega_total), None),
            Err(e) => (None, Some(Note::from(e))),
        };
        let (groups, groups_note) = match analysis {
            Ok(a) => (Some(a.groups), None),
            Err(e) => (None, Some(Note::from(e))),
        };
        out.push(ScaleAlpha {
            omega,
            omega_note,
            extreme_groups: groups,
            item_analysis_note: groups_note,
            ..row
        });
    }
    out
}
