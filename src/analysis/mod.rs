//! From a study to results: runs every statistic of `stats` on each scale and records, for
//! each value that cannot be computed, why. Pure (no I/O). [`compare`] builds the report of a
//! pre/post comparison.

pub mod case;
pub mod compare;
pub mod factor;
pub mod items;
pub mod planning;
pub mod reliability;
pub mod screen;
pub mod small_study;
pub mod survey;
pub mod waves;

use crate::model::Summary;
use crate::model::{
    finite, Adjusted, AncovaResult, BetweenGroups, ChangeRule, Effect, EffectSizes,
    MannWhitneyTest, Normality, RciSummary, ScaleResult, TTest, WelchTest, Wilcoxon,
};
use crate::note::Note;
use crate::stats::ancova::ancova;
use crate::stats::describe::{describe_of, pearson_r_from};
use crate::stats::effect_size::{
    cles_of, cohens_dav_of, cohens_drm_of, cohens_dz_of, hedges_j, rank_biserial, CiMethod,
    Estimate,
};
use crate::stats::hodges_lehmann::hodges_lehmann_tallied;
use crate::stats::p_adjust::{p_adjust, PAdjust};
use crate::stats::paired_t::paired_t_test_of;
use crate::stats::rci::{cutoff, ClinicalClass, Criterion, RciClass, RciIndex, RciMethod, Sample};
use crate::stats::shapiro_wilk::shapiro_wilk_of_differences;
use crate::stats::summation::Moments;
use crate::stats::tally::{PairedSummary, Quartiles, Tally};
use crate::stats::two_group::{hedges_g_independent, mann_whitney, welch_t_test};
use crate::stats::wilcoxon::{signed_rank_tallied, SignedRankOptions, ZeroMethod};
use crate::stats::{check_finite, differences, Alternative, NotComputable, Outcome};
use crate::study::PairedScale;
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
struct Notes(BTreeMap<String, Note>);

impl Notes {
    fn take<T>(&mut self, key: &str, value: Outcome<T>) -> Option<T> {
        noted(&mut self.0, key, value)
    }
}

/// The value, or None with the reason it could not be computed in `notes` under `key`.
fn noted<T>(notes: &mut BTreeMap<String, Note>, key: &str, value: Outcome<T>) -> Option<T> {
    match value {
        Ok(v) => Some(v),
        Err(reason) => {
            notes.insert(key.to_string(), reason.into());
            None
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
    assert_eq!(pre.len(), post.len(), "pre and post must be paired");
    let alt = opts.alternative;
    let level = opts.conf_level;
    // each sample ordered once, for every order statistic (scores are finite: they were read so)
    let all_finite = check_finite(pre).and(check_finite(post));
    // and its mean and sum of squares computed once, for every statistic that reads them (in
    // two passes over integer scores)
    let n = pre.len();
    let (q_pre, q_post, t_d, m_pre, m_post, m_d, cross_dev) = if all_finite.is_ok() {
        let s = PairedSummary::of(pre, post);
        (
            s.pre.0,
            s.post.0,
            s.diff.0,
            s.pre.1,
            s.post.1,
            s.diff.1,
            s.cross_dev,
        )
    } else {
        let m_d = Moments::of(&differences(pre, post));
        let (m_pre, m_post) = (Moments::of(pre), Moments::of(post));
        let none = Quartiles::NONE;
        (none, none, Tally::of(&[]), m_pre, m_post, m_d, f64::NAN)
    };
    // what the statistics check first: enough values, all finite
    let needs = |k: usize| -> Outcome<()> {
        if n < k {
            Err(NotComputable::TooFewObservations { n, needed: k })
        } else {
            all_finite.clone()
        }
    };
    let describe =
        |m: &Moments, q: &Quartiles| -> Outcome<Summary> { needs(1).map(|_| describe_of(m, q)) };
    let r_pre_post = needs(2).and_then(|_| pearson_r_from(cross_dev, &m_pre, &m_post));

    let t_test = notes
        .take(
            "t_test",
            needs(2).and_then(|_| paired_t_test_of(&m_d, alt, level)),
        )
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
    let signed_rank = notes.take(
        "wilcoxon",
        all_finite
            .clone()
            .and_then(|_| signed_rank_tallied(&t_d, w_opts)),
    );
    let wilcoxon = signed_rank.as_ref().map(|sr| {
        // The pseudomedian is taken over the differences the test ranks.
        let hl_input = match w_opts.zero_method {
            ZeroMethod::Wilcox => t_d.without(|v| v == 0.0),
            _ => t_d.clone(),
        };
        let hl = notes.take(
            "wilcoxon.pseudomedian",
            hodges_lehmann_tallied(&hl_input, alt, level),
        );
        if let Some(note) = &sr.note {
            notes
                .0
                .insert("wilcoxon.method".into(), Note::Remark(*note));
        }
        if let Some(h) = hl.as_ref().filter(|h| h.achieved_conf_level < level - 1e-9) {
            // R: "requested conf.level not achievable"
            notes.0.insert(
                "wilcoxon.ci".into(),
                Note::PseudomedianCoverage {
                    level,
                    n: hl_input.n() as usize,
                    achieved: h.achieved_conf_level,
                },
            );
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

    let dz = needs(2).and_then(|_| cohens_dz_of(&m_d, alt, level));
    let drm = match (&dz, &r_pre_post) {
        (Err(e), _) | (_, Err(e)) => Err(e.clone()),
        (Ok(e), Ok(r)) => Ok(cohens_drm_of(n, e.value, *r, alt, level)),
    };
    let dz = notes.take("effect_sizes.d_z", dz);
    let dav = notes.take(
        "effect_sizes.d_av",
        needs(2).and_then(|_| cohens_dav_of(&m_pre, &m_post, &m_d, alt, level)),
    );
    if dav.as_ref().is_some_and(|e| e.ci_low.is_nan()) {
        for key in ["effect_sizes.d_av.ci", "effect_sizes.g_av.ci"] {
            notes
                .0
                .insert(key.into(), Note::ConstantDifferencesNoInterval);
        }
    }
    // with two pairs r is ±1 whatever the scores, and d_rm = d_z·√(2(1 − r)) only says so
    let drm = if n == 2 {
        Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::TwoPairsDrm,
        })
    } else {
        drm
    };
    let drm = notes.take("effect_sizes.d_rm", drm);
    let j = notes.take("effect_sizes.g_z", hedges_j(n as f64 - 1.0));
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
                NotComputable::Depends {
                    on: crate::stats::Prerequisite::DZ,
                }
                .into(),
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
                NotComputable::Depends {
                    on: crate::stats::Prerequisite::DAv,
                }
                .into(),
            );
            None
        }
        _ => None,
    };
    let rb = match &signed_rank {
        Some(sr) => {
            let rb = notes.take(
                "effect_sizes.rank_biserial",
                rank_biserial(sr.v, sr.w_minus, sr.n_ranked, alt, level),
            );
            if rb.as_ref().is_some_and(|e| e.ci_low.is_nan()) {
                notes.0.insert(
                    "effect_sizes.rank_biserial.ci".into(),
                    Note::OneRankedNoInterval,
                );
            }
            rb
        }
        None => {
            if let Some(why) = notes.0.get("wilcoxon").cloned() {
                notes.0.insert("effect_sizes.rank_biserial".into(), why);
            }
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
            .take(
                "effect_sizes.cles",
                needs(1).and_then(|_| {
                    let (_, zero, pos) = t_d.signs();
                    cles_of(n, pos, zero, alt, level)
                }),
            )
            .map(effect),
    };

    let shapiro_wilk = notes
        .take("shapiro_wilk", shapiro_wilk_of_differences(pre, post))
        .map(|s| Normality {
            w: s.w,
            p_value: s.p_value,
        });

    ScaleResult {
        scale: scale.name.clone(),
        n_pairs: n,
        pre: notes.take("pre", describe(&m_pre, &q_pre)),
        post: notes.take("post", describe(&m_post, &q_post)),
        diff: notes.take(
            "diff",
            needs(1).map(|_| describe_of(&m_d, &Quartiles::of_tally(&t_d))),
        ),
        r_pre_post: notes.take("r_pre_post", r_pre_post),
        t_test,
        wilcoxon,
        effect_sizes,
        shapiro_wilk,
        p_adjusted: Adjusted::default(),
        reliability: None,
        rci: None,
        groups: None,
        between_groups: None,
        baseline: None,
        k_groups: None,
        waves: None,
        friedman: None,
        rm_anova: None,
        pairwise: None,
        mixed: None,
        follow_up: None,
        sensitivity: None,
        bayes: None,
        equivalence: None,
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
        // (a scale whose test could not be computed is not a member of that test's family)
        let (n_t, n_w) = (t.iter().flatten().count(), w.iter().flatten().count());
        for ((&i, t), w) in members.iter().zip(t_adj).zip(w_adj) {
            results[i].p_adjusted = Adjusted {
                t_test: t,
                wilcoxon: w,
                family_size: members.len(),
                t_test_family_size: n_t,
                wilcoxon_family_size: n_w,
            };
        }
    }
}

/// How a scale's clinical cut-off is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CutoffRule {
    /// `--cutoff SCALE=VALUE`.
    Given(f64),
    /// A Jacobson–Truax criterion; `norm` = (mean, SD) of the functional population.
    Criterion {
        criterion: Criterion,
        norm: Option<(f64, f64)>,
    },
}

/// Reliable-change options of one scale.
#[derive(Debug, Clone, PartialEq)]
pub struct RciOptions {
    /// r_xx and where it came from (`data` or `given`).
    pub reliability: Option<(f64, String)>,
    /// |RCI| above this is reliable (qnorm(1 − α/2)).
    pub critical: f64,
    pub higher_is_better: bool,
    pub cutoff: Option<CutoffRule>,
    /// `--norm`: the norm group's (mean, SD), whose SD gives S_diff when the sample has none
    /// (a single participant).
    pub norm: Option<(f64, f64)>,
    /// `--rci-method`.
    pub method: RciMethod,
}

/// Counts per class (`all` in order, `counts` alike) and the percentages of their total.
fn class_counts<K: Copy>(
    all: &[K],
    name: impl Fn(K) -> &'static str,
    counts: &[usize],
) -> (BTreeMap<String, usize>, BTreeMap<String, f64>) {
    let n: usize = counts.iter().sum();
    let mut by_name = BTreeMap::new();
    let mut percent = BTreeMap::new();
    for (&c, &k) in all.iter().zip(counts) {
        by_name.insert(name(c).to_string(), k);
        if n > 0 {
            percent.insert(name(c).to_string(), 100.0 * k as f64 / n as f64);
        }
    }
    (by_name, percent)
}

/// Reliable change (and, with a cut-off, clinical significance) of every participant of a
/// scale (Jacobson & Truax 1991): S_diff = √2·SD_pre·√(1 − r_xx) with SD_pre of the complete
/// pairs, RCI = (post − pre)/S_diff. Returns the summary (counts per class), the rule that
/// classifies each participant's change, and why there is none where there is none.
pub fn reliable_change_of(
    scale: &PairedScale,
    (pre, post, r_pre_post): (Option<&Summary>, Option<&Summary>, Option<f64>),
    opts: &RciOptions,
) -> (RciSummary, ChangeRule, Option<Note>) {
    // (the pre-test's descriptives, from the analysis of the same pairs); one participant has
    // no SD, and is judged against the norm group's (Jacobson & Truax 1991)
    let sample_sd = pre.and_then(|p| p.sd);
    let norm_sd = if sample_sd.is_none() {
        opts.norm.map(|(_, sd)| sd)
    } else {
        None
    };
    let sd_pre = sample_sd.or(norm_sd);
    let mut note = None;
    let index = match (&opts.reliability, sd_pre) {
        (Some(_), Some(_)) if norm_sd.is_some() && opts.method != RciMethod::Jt => {
            note = Some(Note::OneParticipantRciMethod {
                method: opts.method.as_str().to_string(),
            });
            None
        }
        (Some((r, _)), Some(sd)) => {
            let sample = Sample {
                m_pre: pre.map_or(f64::NAN, |p| p.mean),
                sd_pre: sd,
                m_post: post.map_or(f64::NAN, |p| p.mean),
                sd_post: post.and_then(|p| p.sd).unwrap_or(f64::NAN),
                r_pre_post: r_pre_post.unwrap_or(f64::NAN),
            };
            match RciIndex::new(opts.method, *r, sample) {
                Ok(v) => Some(v),
                Err(why) => {
                    note = Some(why.into());
                    None
                }
            }
        }
        (None, _) => {
            note = Some(Note::NoReliability);
            None
        }
        (_, None) => {
            note = Some(Note::OneParticipantNeedsNorms);
            None
        }
    };
    let hib = opts.higher_is_better;
    let cut = match (opts.cutoff, sd_pre) {
        (Some(CutoffRule::Given(v)), _) => Some((v, "given".to_string())),
        // criteria a and c need the sample's own spread; b only the norms
        (Some(CutoffRule::Criterion { criterion, .. }), _)
            if sample_sd.is_none() && criterion != Criterion::B =>
        {
            note = Some(Note::CriterionNeedsSample {
                criterion: if criterion == Criterion::A { 'a' } else { 'c' },
            });
            None
        }
        (Some(CutoffRule::Criterion { criterion, norm }), Some(sd)) => {
            let m = pre.map_or(f64::NAN, |p| p.mean);
            match cutoff(criterion, (m, sd), norm, hib) {
                Ok(v) => Some((
                    v,
                    serde_json::to_value(criterion)
                        .ok()
                        .and_then(|c| c.as_str().map(String::from))
                        .unwrap_or_default(),
                )),
                Err(why) => {
                    note = Some(why.into());
                    None
                }
            }
        }
        _ => None,
    };
    let s = index.map(|i| i.denominator);
    let rule = ChangeRule {
        index,
        critical: opts.critical,
        higher_is_better: hib,
        cutoff: cut.as_ref().map(|c| c.0),
    };
    let mut summary = RciSummary {
        reliability: opts.reliability.as_ref().map(|r| r.0),
        reliability_source: opts.reliability.as_ref().map(|r| r.1.clone()),
        sd_pre,
        sd_source: if norm_sd.is_some() { "norm" } else { "sample" }.to_string(),
        s_diff: s,
        method: opts.method,
        r_dd: index.and_then(|i| i.r_dd),
        critical_value: opts.critical,
        higher_is_better: hib,
        counts: BTreeMap::new(),
        percent: BTreeMap::new(),
        cutoff: cut.as_ref().map(|c| c.0),
        cutoff_source: cut.map(|c| c.1),
        clinical_counts: None,
        clinical_percent: None,
    };
    count_classes(&mut summary, &rule, &scale.pre, &scale.post);
    (summary, rule, note)
}

/// Counts the participants of each class of `rule` from `pre` to `post` into `summary`.
fn count_classes(summary: &mut RciSummary, rule: &ChangeRule, pre: &[f64], post: &[f64]) {
    // participants per class (in the order of `ALL`)
    let mut rci_counts = [0usize; RciClass::ALL.len()];
    let mut clinical_counts = [0usize; ClinicalClass::ALL.len()];
    let mut add = |a: f64, b: f64, k: usize| {
        let (_, class, clin) = rule.classify(a, b);
        if let Some(c) = class {
            rci_counts[RciClass::ALL.iter().position(|&x| x == c).expect("a class")] += k;
        }
        if let Some(c) = clin {
            clinical_counts[ClinicalClass::ALL
                .iter()
                .position(|&x| x == c)
                .expect("a class")] += k;
        }
    };
    // each distinct (pre, post) pair classified once where the scores are whole numbers in a
    // small range (a million Likert sums: a few thousand pairs)
    match crate::stats::tally::pair_counts(pre, post) {
        Some(pairs) => {
            for ((a, b), k) in pairs {
                add(a, b, k as usize);
            }
        }
        None => {
            for (&a, &b) in pre.iter().zip(post) {
                add(a, b, 1);
            }
        }
    }
    (summary.counts, summary.percent) = class_counts(&RciClass::ALL, RciClass::as_str, &rci_counts);
    let clinical = (summary.cutoff.is_some() && summary.s_diff.is_some())
        .then(|| class_counts(&ClinicalClass::ALL, ClinicalClass::as_str, &clinical_counts));
    summary.clinical_counts = clinical.as_ref().map(|c| c.0.clone());
    summary.clinical_percent = clinical.map(|c| c.1);
}

/// The reliable-change summary of a later wave against the pre-test, by the same rule (and
/// S_diff, cut-off) as `summary`.
pub(crate) fn recount(
    summary: &RciSummary,
    rule: &ChangeRule,
    pre: &[f64],
    later: &[f64],
) -> RciSummary {
    let mut s = summary.clone();
    s.s_diff = rule.index.map(|i| i.denominator);
    s.r_dd = rule.index.and_then(|i| i.r_dd);
    count_classes(&mut s, rule, pre, later);
    s
}

/// The ANCOVA's values as the report holds them.
pub(crate) fn ancova_result(a: crate::stats::ancova::Ancova) -> AncovaResult {
    AncovaResult {
        diff: a.diff,
        se: a.se,
        t: a.t,
        df: a.df,
        p_value: a.p_value,
        ci_low: a.ci_low,
        ci_high: a.ci_high,
        partial_eta_sq: a.partial_eta_sq,
        slope: a.slope,
        interaction_p: a.interaction_p,
    }
}

/// The subset of a scale's pairs whose flag is `keep`.
pub fn subset<'a>(scale: &PairedScale, flags: &[bool], keep: bool) -> PairedScale<'a> {
    fn pick<T: Clone>(v: &[T], flags: &[bool], keep: bool) -> Vec<T> {
        v.iter()
            .zip(flags)
            .filter(|(_, &f)| f == keep)
            .map(|(x, _)| x.clone())
            .collect()
    }
    PairedScale {
        name: scale.name.clone(),
        pre: pick(&scale.pre, flags, keep).into(),
        post: pick(&scale.post, flags, keep).into(),
        participants: pick(&scale.participants, flags, keep).into(),
    }
}

/// Treatment vs comparison on one scale: Welch t, Hedges' g and Mann–Whitney U on the change
/// scores (treatment − comparison), and the ANCOVA of post on pre and group. Reasons for
/// values that cannot be computed go into `notes` under `between_groups.*`.
pub fn between_groups(
    scale: &PairedScale,
    is_treatment: &[bool],
    labels: (&str, &str),
    opts: &AnalysisOptions,
    notes: &mut BTreeMap<String, Note>,
) -> BetweenGroups {
    let t = subset(scale, is_treatment, true);
    let c = subset(scale, is_treatment, false);
    let dt = differences(&t.pre, &t.post);
    let dc = differences(&c.pre, &c.post);
    let mut n = Notes(std::mem::take(notes));
    let welch = n
        .take(
            "between_groups.welch",
            welch_t_test(&dt, &dc, opts.alternative, opts.conf_level),
        )
        .map(|w| WelchTest {
            t: w.t,
            df: w.df,
            p_value: w.p_value,
            diff: w.diff,
            ci_low: finite(w.ci_low),
            ci_high: finite(w.ci_high),
        });
    let hedges = n
        .take(
            "between_groups.hedges_g",
            hedges_g_independent(&dt, &dc, opts.alternative, opts.conf_level),
        )
        .map(effect);
    let mw = n
        .take(
            "between_groups.mann_whitney",
            mann_whitney(
                &dt,
                &dc,
                opts.alternative,
                opts.wilcoxon.method,
                opts.wilcoxon.correct,
            ),
        )
        .map(|m| {
            if let Some(why) = &m.note {
                n.0.insert(
                    "between_groups.mann_whitney.method".into(),
                    Note::Remark(*why),
                );
            }
            MannWhitneyTest {
                u: m.u,
                p_value: m.p_value,
                method: m.method.as_str().to_string(),
                z: m.z,
            }
        });
    let anc = n
        .take(
            "between_groups.ancova",
            ancova(&scale.pre, &scale.post, is_treatment, opts.conf_level),
        )
        .map(|a| {
            if let Some(why) = a.interaction_note {
                n.0.insert(
                    "between_groups.ancova.interaction_p".into(),
                    Note::Remark(why),
                );
            }
            if let Some(why) = a.inference_note.clone() {
                n.0.insert("between_groups.ancova.t".into(), Note::Stat(why));
            }
            ancova_result(a)
        });
    *notes = n.0;
    BetweenGroups {
        treatment: labels.0.to_string(),
        comparison: labels.1.to_string(),
        n_treatment: t.pre.len(),
        n_comparison: c.pre.len(),
        welch,
        hedges_g: hedges,
        mann_whitney: mw,
        ancova: anc,
        reliable_change: None,
        sensitivity: None,
        bayes: None,
    }
}

/// A scale "s" of the given pairs, participants 0, 1, … (for tests).
#[cfg(test)]
pub(crate) fn paired_scale(pre: &[f64], post: &[f64]) -> PairedScale<'static> {
    PairedScale {
        name: "s".into(),
        pre: pre.to_vec().into(),
        post: post.to_vec().into(),
        participants: (0..pre.len() as u32).collect::<Vec<_>>().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(pre: &[f64], post: &[f64]) -> PairedScale<'static> {
        paired_scale(pre, post)
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
        assert!(r.notes["t_test"].to_string().contains("at least 2"));
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
        assert!(r.notes["t_test"].to_string().contains("constant"));
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
