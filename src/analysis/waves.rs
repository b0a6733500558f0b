//! A scale across three or more waves: descriptives per wave, the Friedman test and the
//! repeated-measures ANOVA across all of them, comparisons of two waves (Holm-adjusted within
//! the scale), the mixed ANOVA with a comparison group, and whether a change lasted after the
//! post-test. Every analysis uses the participants with a value at every wave (complete cases);
//! who is left out is in the attrition.

use super::{analyze_scale, ancova_result, AnalysisOptions, Notes};
use crate::io::trace;
use crate::model::{
    finite, ChangeRule, Contrasts, FollowUp, FriedmanTest, Mixed, MixedTerm, Pairwise, PairwiseT,
    PairwiseWilcoxon, RciSummary, RmAnovaResult, ScaleResult, WaveAncova, WaveSummary,
};
use crate::note::Note;
use crate::stats::ancova::ancova;
use crate::stats::describe::describe;
use crate::stats::friedman::friedman;
use crate::stats::p_adjust::{p_adjust, PAdjust};
use crate::stats::rm_anova::{mixed_anova, rm_anova, RmAnova, Term};
use crate::stats::{NotComputable, Outcome};
use crate::study::{PairedScale, WaveSeries};
use std::borrow::Cow;

/// The analyses across the waves of one scale, written into `result` (its `waves`,
/// `friedman`, `rm_anova` and `pairwise`, and the notes of what could not be computed).
pub fn analyze_waves(
    series: &WaveSeries,
    labels: &[&str],
    opts: &AnalysisOptions,
    contrasts: Contrasts,
    result: &mut ScaleResult,
) {
    let mut notes = Notes(std::mem::take(&mut result.notes));
    let columns: Vec<&[f64]> = series.values.iter().map(|c| &c[..]).collect();
    let n = series.participants.len();
    if n == 0 {
        notes
            .0
            .insert("waves".into(), Note::NoCompleteCaseAcrossWaves);
    }
    result.waves = Some(
        columns
            .iter()
            .zip(labels)
            .filter_map(|(c, label)| {
                let d = describe(c).ok()?;
                Some(WaveSummary {
                    label: label.to_string(),
                    n,
                    mean: d.mean,
                    sd: d.sd,
                    se: d.se,
                    median: d.median,
                })
            })
            .collect(),
    );
    let enough = if n < 2 {
        Err(NotComputable::TooFewObservations { n, needed: 2 })
    } else {
        Ok(())
    };
    let t = std::time::Instant::now();
    result.friedman = Some(
        notes
            .take("friedman", enough.clone().and_then(|_| friedman(&columns)))
            .map(|f| {
                if f.iman_davenport_f.is_infinite() {
                    notes.0.insert(
                        "friedman.iman_davenport_f".into(),
                        Note::ImanDavenportInfinite,
                    );
                }
                FriedmanTest {
                    chi_sq: f.chi_sq,
                    df: f.df,
                    p_value: f.p_value,
                    kendall_w: f.kendall_w,
                    iman_davenport_f: finite(f.iman_davenport_f),
                    iman_davenport_df1: f.iman_davenport_df.0,
                    iman_davenport_df2: f.iman_davenport_df.1,
                    iman_davenport_p: finite(f.iman_davenport_p),
                }
            }),
    );
    trace::phase(&format!("Friedman test of {}", series.name), t);
    let t = std::time::Instant::now();
    result.rm_anova = Some(
        notes
            .take("rm_anova", enough.and_then(|_| rm_anova(&columns)))
            .and_then(|a| rm_anova_result(&a, &mut notes)),
    );
    trace::phase(&format!("repeated-measures ANOVA of {}", series.name), t);
    let t = std::time::Instant::now();
    result.pairwise = Some(pairwise(series, labels, opts, contrasts, &mut notes));
    trace::phase(&format!("pairwise comparisons of {}", series.name), t);
    result.notes = notes.0;
}

fn rm_anova_result(a: &RmAnova, notes: &mut Notes) -> Option<RmAnovaResult> {
    let t = notes.take("rm_anova", a.time.clone())?;
    let s = notes.take("rm_anova.sphericity", a.sphericity.clone());
    Some(RmAnovaResult {
        f: t.f,
        df1: t.df1,
        df2: t.df2,
        p_value: t.p_value,
        eta_sq_g: t.eta_sq_g,
        eta_sq_p: t.eta_sq_p,
        mauchly_w: s.as_ref().map(|s| s.mauchly_w),
        mauchly_p: s.as_ref().map(|s| s.mauchly_p),
        gg_epsilon: s.as_ref().map(|s| s.gg_epsilon),
        p_gg: t.p_gg,
        hf_epsilon: s.as_ref().map(|s| s.hf_epsilon),
        p_hf: t.p_hf,
    })
}

/// Two waves of the series as a paired scale (`from` as pre).
fn two_waves<'a>(series: &'a WaveSeries, from: usize, to: usize) -> PairedScale<'a> {
    PairedScale {
        name: series.name.clone(),
        pre: Cow::Borrowed(&series.values[from]),
        post: Cow::Borrowed(&series.values[to]),
        participants: Cow::Borrowed(&series.participants),
    }
}

/// The comparison of two waves: the paired analysis with `from` as pre, its t-test, Wilcoxon
/// test and d_z (unadjusted: `p_holm` is set by the caller).
fn compare_two(
    series: &WaveSeries,
    (from, to): (usize, usize),
    labels: &[&str],
    opts: &AnalysisOptions,
    notes: &mut Notes,
    key: &str,
) -> Pairwise {
    let r = analyze_scale(&two_waves(series, from, to), opts);
    for (k, why) in r.notes {
        if ["t_test", "wilcoxon", "effect_sizes.d_z"].contains(&k.as_str()) {
            notes.0.insert(format!("{key}.{k}"), why);
        }
    }
    Pairwise {
        from: labels[from].to_string(),
        to: labels[to].to_string(),
        n: r.n_pairs,
        t_test: r.t_test.map(|t| PairwiseT {
            t: t.t,
            df: t.df,
            p_value: t.p_value,
            mean_diff: t.mean_diff,
            ci_low: t.ci_low,
            ci_high: t.ci_high,
            p_holm: None,
        }),
        wilcoxon: r.wilcoxon.map(|w| PairwiseWilcoxon {
            v: w.v,
            p_value: w.p_value,
            method: w.method,
            p_holm: None,
        }),
        d_z: r.effect_sizes.d_z,
    }
}

/// The comparisons of two waves chosen by `contrasts`, each family (t, Wilcoxon) Holm-adjusted
/// on its own across them.
fn pairwise(
    series: &WaveSeries,
    labels: &[&str],
    opts: &AnalysisOptions,
    contrasts: Contrasts,
    notes: &mut Notes,
) -> Vec<Pairwise> {
    let mut out: Vec<Pairwise> = contrasts
        .pairs(labels.len())
        .into_iter()
        .map(|(i, j)| {
            let key = format!("pairwise.{}-{}", labels[i], labels[j]);
            compare_two(series, (i, j), labels, opts, notes, &key)
        })
        .collect();
    holm_within(&mut out);
    out
}

/// Sets `p_holm` of each family (t, Wilcoxon) of `comparisons`, Holm-adjusted on its own.
fn holm_within(comparisons: &mut [Pairwise]) {
    let out = comparisons;
    let p_t = p_adjust(
        &out.iter()
            .map(|c| c.t_test.as_ref().map(|t| t.p_value))
            .collect::<Vec<_>>(),
        PAdjust::Holm,
    );
    let p_w = p_adjust(
        &out.iter()
            .map(|c| c.wilcoxon.as_ref().map(|w| w.p_value))
            .collect::<Vec<_>>(),
        PAdjust::Holm,
    );
    for ((c, pt), pw) in out.iter_mut().zip(p_t).zip(p_w) {
        if let Some(t) = c.t_test.as_mut() {
            t.p_holm = pt;
        }
        if let Some(w) = c.wilcoxon.as_mut() {
            w.p_holm = pw;
        }
    }
}

/// The rows of the series whose flag is `keep`.
pub fn series_subset(series: &WaveSeries, flags: &[bool], keep: bool) -> WaveSeries {
    let pick = |v: &[f64]| -> Vec<f64> {
        v.iter()
            .zip(flags)
            .filter(|(_, &f)| f == keep)
            .map(|(x, _)| *x)
            .collect()
    };
    WaveSeries {
        name: series.name.clone(),
        values: series.values.iter().map(|c| pick(c)).collect(),
        participants: series
            .participants
            .iter()
            .zip(flags)
            .filter(|(_, &f)| f == keep)
            .map(|(p, _)| *p)
            .collect(),
        incomplete: Vec::new(),
    }
}

/// The mixed ANOVA (group × time, type 3) and the ANCOVA of each wave after the pre-test
/// (`pre`) on the pre-test; `is_treatment` flags the participants of the series.
pub fn mixed(
    series: &WaveSeries,
    labels: &[&str],
    pre: usize,
    is_treatment: &[bool],
    conf_level: f64,
    result: &mut ScaleResult,
) {
    // group 0: treatment, 1: comparison (the order does not change the tests)
    let group: Vec<usize> = is_treatment.iter().map(|&t| usize::from(!t)).collect();
    mixed_groups(
        series,
        labels,
        pre,
        (&group, 2),
        Some(is_treatment),
        conf_level,
        result,
    );
}

/// The mixed ANOVA of `n_groups` groups (`group[i]`: the group of the series' participant i,
/// as afex codes a factor), with the ANCOVA of each later wave where `is_treatment` says which
/// of two groups is the treatment (with more groups `mixed.ancova` is empty: their ANCOVA is
/// `k_groups.ancova`, of the pre/post comparison).
pub fn mixed_groups(
    series: &WaveSeries,
    labels: &[&str],
    pre: usize,
    (group, n_groups): (&[usize], usize),
    is_treatment: Option<&[bool]>,
    conf_level: f64,
    result: &mut ScaleResult,
) {
    let mut notes = Notes(std::mem::take(&mut result.notes));
    let columns: Vec<&[f64]> = series.values.iter().map(|c| &c[..]).collect();
    let anova = notes.take("mixed", mixed_anova(&columns, group, n_groups));
    let term = |t: &Option<Outcome<Term>>,
                gg: Option<f64>,
                key: &str,
                notes: &mut Notes|
     -> Option<MixedTerm> {
        let t = notes.take(key, t.clone()?)?;
        Some(MixedTerm {
            f: t.f,
            df1: t.df1,
            df2: t.df2,
            p_value: t.p_value,
            gg_epsilon: t.p_gg.and(gg),
            p_gg: t.p_gg,
            eta_sq_g: t.eta_sq_g,
            eta_sq_p: t.eta_sq_p,
        })
    };
    let first = &series.values[pre];
    let later = match is_treatment {
        Some(_) => pre + 1..labels.len(),
        None => 0..0,
    };
    let is_treatment = is_treatment.unwrap_or_default();
    let ancova = later
        .map(|w| WaveAncova {
            wave: labels[w].to_string(),
            ancova: notes
                .take(
                    &format!("mixed.ancova.{}", labels[w]),
                    ancova(first, &series.values[w], is_treatment, conf_level),
                )
                .map(|a| {
                    if let Some(why) = a.interaction_note {
                        notes.0.insert(
                            format!("mixed.ancova.{}.interaction_p", labels[w]),
                            Note::Remark(why),
                        );
                    }
                    if let Some(why) = a.inference_note.clone() {
                        notes
                            .0
                            .insert(format!("mixed.ancova.{}.t", labels[w]), Note::Stat(why));
                    }
                    ancova_result(a)
                }),
        })
        .collect();
    result.mixed = Some(match &anova {
        Some(a) => {
            let gg = notes
                .take("mixed.sphericity", a.sphericity.clone())
                .map(|s| s.gg_epsilon);
            Mixed {
                group: term(&a.group, None, "mixed.group", &mut notes),
                time: term(&Some(a.time.clone()), gg, "mixed.time", &mut notes),
                interaction: term(&a.interaction, gg, "mixed.interaction", &mut notes),
                ancova,
            }
        }
        None => Mixed {
            group: None,
            time: None,
            interaction: None,
            ancova,
        },
    });
    result.notes = notes.0;
}

/// Each wave after `post`: the change since the post-test, and the reliable-change classes
/// against the pre-test by the pre/post comparison's `rule` (its S_diff and cut-off).
#[allow(clippy::too_many_arguments)]
pub fn follow_up(
    series: &WaveSeries,
    labels: &[&str],
    (pre, post): (usize, usize),
    rule: &ChangeRule,
    rci: &RciSummary,
    opts: &AnalysisOptions,
    result: &mut ScaleResult,
) {
    // (the waves after both compared ones: with --pre-label after --post-label, none between)
    let last = pre.max(post);
    if last + 1 >= labels.len() {
        return;
    }
    let mut notes = Notes(std::mem::take(&mut result.notes));
    let mut later: Vec<FollowUp> = (last + 1..labels.len())
        .map(|w| {
            let key = format!("follow_up.{}", labels[w]);
            // (the comparison is among the pairwise ones unless --contrasts left it out)
            let done = result
                .pairwise
                .iter()
                .flatten()
                .find(|c| c.from == labels[post] && c.to == labels[w]);
            let from_post = match done {
                Some(c) => {
                    let prefix = format!("pairwise.{}-{}.", labels[post], labels[w]);
                    let whys: Vec<(String, Note)> = notes
                        .0
                        .iter()
                        .filter_map(|(k, why)| {
                            let rest = k.strip_prefix(&prefix)?;
                            Some((format!("{key}.{rest}"), why.clone()))
                        })
                        .collect();
                    notes.0.extend(whys);
                    c.clone()
                }
                None => compare_two(series, (post, w), labels, opts, &mut notes, &key),
            };
            FollowUp {
                wave: labels[w].to_string(),
                from_post,
                rci: {
                    // (hll and ha read the later wave's statistics in place of the post-test's)
                    let (x, y) = (&series.values[pre], &series.values[w]);
                    let m = y.iter().sum::<f64>() / y.len().max(1) as f64;
                    let at = rule.for_wave(
                        m,
                        crate::stats::describe::sd(y).unwrap_or(f64::NAN),
                        crate::stats::describe::pearson_r(x, y).unwrap_or(f64::NAN),
                    );
                    super::recount(rci, &at, x, y)
                },
            }
        })
        .collect();
    // (Holm across the later waves, when there are several)
    let mut comparisons: Vec<Pairwise> = later.iter().map(|f| f.from_post.clone()).collect();
    holm_within(&mut comparisons);
    for (f, c) in later.iter_mut().zip(comparisons) {
        f.from_post = c;
    }
    result.follow_up = Some(later);
    result.notes = notes.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrasts_choose_the_pairs() {
        assert_eq!(Contrasts::All.pairs(3), [(0, 1), (0, 2), (1, 2)]);
        assert_eq!(Contrasts::Baseline.pairs(4), [(0, 1), (0, 2), (0, 3)]);
        assert_eq!(Contrasts::Consecutive.pairs(4), [(0, 1), (1, 2), (2, 3)]);
        assert!(Contrasts::All.pairs(1).is_empty());
    }
}
