//! From paired scores to results: runs every statistic of `stats` on one scale and records, for
//! each value that cannot be computed, why. Pure (no I/O).

use crate::model::{
    finite, Adjusted, AlphaSummary, Effect, EffectSizes, Normality, ScaleResult, TTest, Wilcoxon,
};
use crate::pairing::PairedScale;
use crate::stats::describe::{describe, pearson_r};
use crate::stats::effect_size::{
    cles, cohens_dav, cohens_drm, cohens_dz, hedges_j, rank_biserial, CiMethod, Estimate,
};
use crate::stats::hodges_lehmann::hodges_lehmann;
use crate::stats::p_adjust::{p_adjust, PAdjust};
use crate::stats::paired_t::paired_t_test;
use crate::stats::reliability::{cronbach_alpha, AlphaMissing};
use crate::stats::shapiro_wilk::shapiro_wilk;
use crate::stats::wilcoxon::{signed_rank_test, SignedRankOptions, ZeroMethod};
use crate::stats::{differences, Alternative, Outcome};
use std::collections::BTreeMap;

/// Options of the paired analysis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnalysisOptions {
    pub alternative: Alternative,
    pub conf_level: f64,
    /// Wilcoxon options; its `alternative` is overridden by the one above.
    pub wilcoxon: SignedRankOptions,
    pub p_adjust: PAdjust,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            alternative: Alternative::TwoSided,
            conf_level: 0.95,
            wilcoxon: SignedRankOptions::default(),
            p_adjust: PAdjust::Holm,
        }
    }
}

/// Collects values and the reasons for missing ones.
struct Notes(BTreeMap<String, String>);

impl Notes {
    fn take<T>(&mut self, key: &str, value: Outcome<T>) -> Option<T> {
        match value {
            Ok(v) => Some(v),
            Err(reason) => {
                self.0.insert(key.to_string(), reason.to_string());
                None
            }
        }
    }
}

fn effect(e: Estimate) -> Effect {
    Effect {
        value: e.value,
        ci_low: finite(e.ci_low),
        ci_high: finite(e.ci_high),
        ci_method: match e.ci_method {
            CiMethod::NoncentralT => "noncentral_t",
            CiMethod::Normal => "normal",
            CiMethod::FisherZ => "fisher_z",
            CiMethod::Wilson => "wilson",
        }
        .to_string(),
    }
}

/// All statistics of one scale.
pub fn analyze_scale(scale: &PairedScale, opts: &AnalysisOptions) -> ScaleResult {
    let mut notes = Notes(BTreeMap::new());
    let (pre, post) = (&scale.pre[..], &scale.post[..]);
    let d = differences(pre, post);
    let alt = opts.alternative;
    let level = opts.conf_level;

    let t_test = notes
        .take("t_test", paired_t_test(&d, alt, level))
        .map(|t| TTest {
            t: t.t,
            df: t.df,
            p_value: t.p_value,
            mean_diff: t.mean_diff,
            se: t.se,
            ci_low: finite(t.ci_low),
            ci_high: finite(t.ci_high),
        });

    let w_opts = SignedRankOptions {
        alternative: alt,
        ..opts.wilcoxon
    };
    let signed_rank = notes.take("wilcoxon", signed_rank_test(&d, w_opts));
    let wilcoxon = signed_rank.as_ref().map(|sr| {
        // The pseudomedian is taken over the differences the test ranks.
        let hl_input: Vec<f64> = match w_opts.zero_method {
            ZeroMethod::Wilcox => d.iter().copied().filter(|&v| v != 0.0).collect(),
            _ => d.clone(),
        };
        let hl = notes.take(
            "wilcoxon.pseudomedian",
            hodges_lehmann(&hl_input, alt, level),
        );
        if let Some(note) = &sr.note {
            notes.0.insert("wilcoxon.method".into(), note.clone());
        }
        Wilcoxon {
            v: sr.v,
            w_minus: sr.w_minus,
            p_value: sr.p_value,
            method: sr.method.as_str().to_string(),
            z: sr.z,
            zero_method: sr.zero_method,
            n_positive: sr.n_positive,
            n_negative: sr.n_negative,
            n_zero: sr.n_zero,
            n_ranked: sr.n_ranked,
            ties: sr.ties,
            pseudomedian: hl.as_ref().map(|h| h.estimate),
            ci_low: hl.as_ref().and_then(|h| finite(h.ci_low)),
            ci_high: hl.as_ref().and_then(|h| finite(h.ci_high)),
            ci_achieved_level: hl.as_ref().map(|h| h.achieved_conf_level),
        }
    });

    let dz = notes.take("effect_sizes.d_z", cohens_dz(&d, alt, level));
    let dav = notes.take("effect_sizes.d_av", cohens_dav(pre, post, alt, level));
    let drm = notes.take("effect_sizes.d_rm", cohens_drm(pre, post, alt, level));
    let j = notes.take("effect_sizes.g_z", hedges_j(d.len() as f64 - 1.0));
    if j.is_none() {
        if let Some(why) = notes.0.get("effect_sizes.g_z").cloned() {
            notes.0.insert("effect_sizes.g_av".into(), why);
        }
    }
    let g_z = match (&dz, j) {
        (Some(e), Some(j)) => Some(effect(e.scaled(j))),
        (None, Some(_)) => {
            notes.0.insert(
                "effect_sizes.g_z".into(),
                "d_z could not be computed".into(),
            );
            None
        }
        _ => None,
    };
    let g_av = match (&dav, j) {
        (Some(e), Some(j)) => Some(effect(e.scaled(j))),
        (None, Some(_)) => {
            notes.0.insert(
                "effect_sizes.g_av".into(),
                "d_av could not be computed".into(),
            );
            None
        }
        _ => None,
    };
    let rb = match &signed_rank {
        Some(sr) => notes.take(
            "effect_sizes.rank_biserial",
            rank_biserial(sr.v, sr.w_minus, sr.n_ranked, alt, level),
        ),
        None => {
            let why = notes.0.get("wilcoxon").cloned().unwrap_or_default();
            notes.0.insert("effect_sizes.rank_biserial".into(), why);
            None
        }
    };
    let effect_sizes = EffectSizes {
        d_z: dz.map(effect),
        d_av: dav.map(effect),
        d_rm: drm.map(effect),
        g_z,
        g_av,
        rank_biserial: rb.map(effect),
        cles: notes
            .take("effect_sizes.cles", cles(&d, alt, level))
            .map(effect),
    };

    let shapiro_wilk = notes
        .take("shapiro_wilk", shapiro_wilk(&d))
        .map(|s| Normality {
            w: s.w,
            p_value: s.p_value,
        });

    ScaleResult {
        scale: scale.name.clone(),
        n_pairs: d.len(),
        pre: notes.take("pre", describe(pre)),
        post: notes.take("post", describe(post)),
        diff: notes.take("diff", describe(&d)),
        r_pre_post: notes.take("r_pre_post", pearson_r(pre, post)),
        t_test,
        wilcoxon,
        effect_sizes,
        shapiro_wilk,
        p_adjusted: Adjusted::default(),
        reliability: None,
        notes: notes.0,
    }
}

/// Adjusts the t-test and Wilcoxon p-values (two separate families of tests) across the scales
/// that share a `family` number: `family[i]` is the family of `results[i]` (e.g. the subscales
/// in one family and the total in another).
pub fn adjust_across_scales(results: &mut [ScaleResult], method: PAdjust, family: &[usize]) {
    let mut families: Vec<usize> = family.to_vec();
    families.sort_unstable();
    families.dedup();
    for f in families {
        let members: Vec<usize> = (0..results.len()).filter(|&i| family[i] == f).collect();
        let t: Vec<Option<f64>> = members
            .iter()
            .map(|&i| results[i].t_test.as_ref().map(|t| t.p_value))
            .collect();
        let w: Vec<Option<f64>> = members
            .iter()
            .map(|&i| results[i].wilcoxon.as_ref().map(|w| w.p_value))
            .collect();
        let t_adj = p_adjust(&t, method);
        let w_adj = p_adjust(&w, method);
        for ((&i, t), w) in members.iter().zip(t_adj).zip(w_adj) {
            results[i].p_adjusted = Adjusted {
                t_test: t,
                wilcoxon: w,
            };
        }
    }
}

/// Cronbach's alpha of a score's keyed items, summarised for a report.
pub fn alpha_summary(
    items: &[&[Option<f64>]],
    missing: AlphaMissing,
    conf_level: f64,
) -> Outcome<AlphaSummary> {
    cronbach_alpha(items, missing, conf_level).map(|a| AlphaSummary {
        alpha: a.alpha,
        alpha_std: a.alpha_std,
        n: a.n,
        k: a.k,
        ci_low: a.ci_low,
        ci_high: a.ci_high,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(pre: &[f64], post: &[f64]) -> PairedScale {
        PairedScale {
            name: "s".into(),
            ids: (0..pre.len()).map(|i| i.to_string()).collect(),
            pre: pre.to_vec(),
            post: post.to_vec(),
            missing: vec![],
        }
    }

    #[test]
    fn sleep_data_gives_every_statistic() {
        // Student's sleep data, pre = drug 1, post = drug 2 (R's `sleep`).
        let pre = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
        let post = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
        let r = analyze_scale(&scale(&pre, &post), &AnalysisOptions::default());
        assert!(r.notes.is_empty(), "{:?}", r.notes);
        assert_eq!(r.n_pairs, 10);
        // R: t.test(post, pre, paired = TRUE)$statistic = 4.062127683382037
        assert!((r.t_test.unwrap().t - 4.062127683382037).abs() < 1e-12);
        let w = r.wilcoxon.unwrap();
        // Ties and a zero: auto gives the exact conditional p of coin (0.00390625), V = 45.
        assert_eq!(
            (w.v, w.method.as_str(), w.p_value),
            (45.0, "exact", 0.00390625)
        );
        assert!(r.effect_sizes.g_av.is_some() && r.shapiro_wilk.is_some());
    }

    #[test]
    fn too_few_pairs_are_notes_not_failures() {
        let r = analyze_scale(&scale(&[1.0], &[2.0]), &AnalysisOptions::default());
        assert!(r.t_test.is_none());
        assert!(r.notes["t_test"].contains("at least 2"));
        assert!(r.notes.contains_key("shapiro_wilk"));
        assert_eq!(r.pre.as_ref().unwrap().mean, 1.0);
        let r = analyze_scale(&scale(&[], &[]), &AnalysisOptions::default());
        assert!(r.pre.is_none() && r.notes.contains_key("pre"));
    }

    #[test]
    fn constant_differences_explain_themselves() {
        let r = analyze_scale(
            &scale(&[1.0, 2.0, 3.0], &[3.0, 4.0, 5.0]),
            &AnalysisOptions::default(),
        );
        assert!(r.notes["t_test"].contains("constant"));
        assert!(r.notes.contains_key("effect_sizes.d_z"));
        assert!(r.notes.contains_key("effect_sizes.g_z"));
        assert!(r.wilcoxon.is_some());
    }

    #[test]
    fn holm_across_scales() {
        let mut rs = vec![
            analyze_scale(
                &scale(&[1.0, 2.0, 3.0, 4.0], &[2.0, 3.5, 3.2, 6.0]),
                &AnalysisOptions::default(),
            ),
            analyze_scale(
                &scale(&[1.0, 2.0, 3.0, 4.0], &[1.5, 2.1, 3.9, 4.2]),
                &AnalysisOptions::default(),
            ),
        ];
        adjust_across_scales(&mut rs, PAdjust::Holm, &[0, 0]);
        let p: Vec<f64> = rs
            .iter()
            .map(|r| r.t_test.as_ref().unwrap().p_value)
            .collect();
        let lo = p[0].min(p[1]);
        let adj_lo = if p[0] < p[1] {
            rs[0].p_adjusted.t_test
        } else {
            rs[1].p_adjusted.t_test
        };
        assert_eq!(adj_lo, Some((2.0 * lo).min(1.0)));
    }
}
