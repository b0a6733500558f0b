//! The one result tree every report reads. It is serialised as-is to JSON (see `docs/json.md`),
//! so field names here are a stable interface.
//!
//! Conventions: a value that could not be computed is `None` (JSON `null`) and the scale's
//! `notes` map says why, keyed by the field's path (e.g. `"t_test"`, `"effect_sizes.g_z"`);
//! the open end of a one-sided interval is the end of the measure's range (`None` for ±∞; −1, 0
//! or 1 for the bounded rank-biserial r and CLES). No NaN or infinity ever appears.

use crate::note::Note;
use crate::scale::spec::Lang;
use crate::stats::p_adjust::PAdjust;
use crate::stats::rci::{
    classify, clinical_class, ClinicalClass, RciClass, RciIndex, RciMethod, Sample,
};
use crate::stats::reliability::{AlphaMissing, AlphaSummary};
use crate::stats::wilcoxon::{PValueMethod, ZeroMethod};
use crate::stats::Alternative;
use crate::study::{Id, PairedRows, Pairing, Study, WaveSeries};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Everything `compare` found.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub prepost_version: String,
    pub options: Options,
    pub attrition: Attrition,
    pub scales: Vec<ScaleResult>,
    /// One row per participant and scale: the change and its reliable-change class, made when
    /// a report reads them. In the JSON it comes last, one row per line (`report::json`).
    #[serde(skip_serializing)]
    pub change: ChangeTable,
    /// Study-level remarks (columns skipped, rows left out).
    pub notes: Vec<Note>,
    /// Item-level input with `--items`: each item before and after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<ItemChange>>,
}

impl Report {
    /// How the readable reports name a score: its label in the spec in `lang`, else its name
    /// (CSV and JSON keep the name).
    pub fn score_name(&self, score: &str, lang: Lang) -> String {
        self.score_label(score, lang).unwrap_or(score).to_string()
    }

    /// A score's label in the spec in `lang`, if it has one.
    pub fn score_label(&self, score: &str, lang: Lang) -> Option<&str> {
        self.options
            .scale
            .as_ref()?
            .scores
            .iter()
            .find(|r| r.scale == score)?
            .labels
            .get(lang)
    }

    /// The scale's name in `lang` (its label, else its name), with item-level input.
    pub fn scale_name(&self, lang: Lang) -> Option<&str> {
        let s = self.options.scale.as_ref()?;
        Some(s.labels.get(lang).unwrap_or(&s.name))
    }
}

/// One item's answers before and after (`compare --scale … --items`), keyed: a reverse-worded
/// item's answers are reversed, so that higher is more of what the scale measures.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ItemChange {
    /// The subscale whose items form the item's family of tests (the total for items in no
    /// subscale).
    pub scale: String,
    pub item: String,
    pub reversed: bool,
    /// With a comparison group: the group, each analysed on its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Participants with an answer at both waves.
    pub n: usize,
    /// The answers counted (the scale's range).
    pub categories: Vec<f64>,
    pub pre_counts: Vec<usize>,
    pub post_counts: Vec<usize>,
    pub pre_mean: Option<f64>,
    pub post_mean: Option<f64>,
    pub sign_test: Option<crate::stats::marginal::SignTest>,
    pub wilcoxon: Option<ItemWilcoxon>,
    pub marginal_homogeneity: Option<crate::stats::marginal::MarginalHomogeneity>,
    /// The Wilcoxon p, Holm-adjusted across the items of `scale` (within the group).
    pub p_holm: Option<f64>,
    /// Why a field is null.
    pub notes: BTreeMap<String, Note>,
}

/// The Wilcoxon signed-rank test of an item's answers.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ItemWilcoxon {
    pub v: f64,
    pub p_value: f64,
    /// `exact`, `normal-cc` or `normal`.
    pub method: String,
}

/// A participant's change on one scale.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct ChangeRow<'a> {
    pub id: &'a str,
    pub scale: &'a str,
    /// The participant's group (with `--group`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<&'a str>,
    pub pre: f64,
    pub post: f64,
    /// post − pre
    pub change: f64,
    /// (post − pre)/S_diff; null without a reliability.
    pub rci: Option<f64>,
    /// `reliably_improved`, `no_reliable_change`, `reliably_deteriorated` (direction-aware).
    pub rci_class: Option<&'static str>,
    /// With a cut-off: `recovered`, `improved`, `unchanged`, `deteriorated`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clinical_class: Option<&'static str>,
}

/// How the change of a scale is classified (Jacobson & Truax 1991, or another `--rci-method`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChangeRule {
    /// The reliable change index; None without a reliability (then no RCI).
    pub index: Option<RciIndex>,
    /// |RCI| above this is a reliable change.
    pub critical: f64,
    pub higher_is_better: bool,
    /// The clinical cut-off, if any.
    pub cutoff: Option<f64>,
}

impl ChangeRule {
    /// The rule for a later wave in place of the post-test: the methods that read the
    /// post-test's mean, SD or correlation with the pre-test (`hll`, `ha`) read that wave's
    /// (`m`, `sd`, `r`); the others are unchanged.
    pub fn for_wave(&self, m: f64, sd: f64, r: f64) -> ChangeRule {
        let index = self.index.and_then(|i| match i.method {
            RciMethod::Hll | RciMethod::Ha => RciIndex::new(
                i.method,
                i.reliability,
                Sample {
                    m_post: m,
                    sd_post: sd,
                    r_pre_post: r,
                    ..i.sample
                },
            )
            .ok(),
            _ => Some(i),
        });
        ChangeRule { index, ..*self }
    }

    /// The RCI and the classes of a change from `pre` to `post`.
    pub fn classify(
        &self,
        pre: f64,
        post: f64,
    ) -> (Option<f64>, Option<RciClass>, Option<ClinicalClass>) {
        let Some(index) = self.index else {
            return (None, None, None);
        };
        let rci = index.of(pre, post);
        let class = classify(rci, self.critical, self.higher_is_better);
        let clinical = self
            .cutoff
            .map(|c| clinical_class(pre, post, class, c, self.higher_is_better));
        (Some(rci), Some(class), clinical)
    }
}

/// The complete pairs of one scale, for its change rows.
#[derive(Debug, Clone)]
struct ScaleChanges {
    name: String,
    pairs: PairedRows,
    pre_wave: usize,
    post_wave: usize,
    rule: ChangeRule,
    /// With a comparison group, each group's own rule: (treatment label, its rule, the
    /// comparison group's rule).
    by_group: Option<(String, ChangeRule, ChangeRule)>,
}

impl ScaleChanges {
    /// The rule of a participant of `group` (its group's, with a comparison group).
    fn rule_for(&self, group: Option<&str>) -> &ChangeRule {
        match (&self.by_group, group) {
            (Some((treatment, t, _)), Some(g)) if g == treatment => t,
            (Some((_, _, c)), Some(_)) => c,
            _ => &self.rule,
        }
    }
}

/// Every participant's change on every scale, made row by row when a report reads them (a
/// million participants and five scales would be five million rows held for nothing).
#[derive(Clone, Default)]
pub struct ChangeTable {
    study: Option<Arc<Study>>,
    scales: Vec<ScaleChanges>,
}

impl std::fmt::Debug for ChangeTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ChangeTable({} rows)", self.len())
    }
}

impl ChangeTable {
    /// A table of the participants of `study`.
    pub fn new(study: Arc<Study>) -> ChangeTable {
        ChangeTable {
            study: Some(study),
            scales: Vec::new(),
        }
    }

    /// Adds a scale: its complete pairs between two waves, and its rule (or, with a comparison
    /// group, each group's: (treatment label, its rule, the comparison group's)).
    pub fn push(
        &mut self,
        pairing: &Pairing,
        pairs: PairedRows,
        rule: ChangeRule,
        by_group: Option<(String, ChangeRule, ChangeRule)>,
    ) {
        self.scales.push(ScaleChanges {
            name: pairs.name.clone(),
            pairs,
            pre_wave: pairing.pre,
            post_wave: pairing.post,
            rule,
            by_group,
        });
    }

    /// Rows in all.
    pub fn len(&self) -> usize {
        self.scales.iter().map(|s| s.pairs.pre_rows.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The scales, in order.
    pub fn scales(&self) -> usize {
        self.scales.len()
    }

    /// The rows of the `k`-th scale, from `start` on.
    pub fn rows_of_scale(
        &self,
        k: usize,
        start: usize,
    ) -> impl Iterator<Item = ChangeRow<'_>> + '_ {
        let s = &self.scales[k];
        let study = self
            .study
            .as_deref()
            .expect("a table with scales has a study");
        let (a, b) = (&study.waves[s.pre_wave], &study.waves[s.post_wave]);
        let (x, y) = (a.values(s.pairs.score), b.values(s.pairs.score));
        assert_eq!(a.ids().chunks().len(), 1, "the id column is one chunk");
        let ids = a.ids().downcast_iter().next().expect("one chunk");
        let pairs = &s.pairs;
        (start..pairs.pre_rows.len()).map(move |i| {
            let (r, q) = (
                pairs.pre_rows.get(i) as usize,
                pairs.post_rows.get(i) as usize,
            );
            let (pre, post) = (x[r], y[q]);
            let group = study.group(study.participant(s.pre_wave, r as u32));
            let (rci, class, clinical) = s.rule_for(group).classify(pre, post);
            ChangeRow {
                id: ids.value(r),
                scale: &s.name,
                group,
                pre,
                post,
                change: post - pre,
                rci,
                rci_class: class.map(RciClass::as_str),
                clinical_class: clinical.map(ClinicalClass::as_str),
            }
        })
    }

    /// The rows of a scale, by its name.
    pub fn rows_of(&self, scale: &str) -> impl Iterator<Item = ChangeRow<'_>> + '_ {
        let k = self.scales.iter().position(|s| s.name == scale);
        k.into_iter().flat_map(move |k| self.rows_of_scale(k, 0))
    }

    /// Every row: scale by scale, participants in the order of the pre-test.
    pub fn rows(&self) -> impl Iterator<Item = ChangeRow<'_>> + '_ {
        (0..self.scales.len()).flat_map(move |k| self.rows_of_scale(k, 0))
    }

    /// A scale at every wave, for the participants with a value at each (a study of three or
    /// more waves; None otherwise), with the labels of the waves and each participant's group.
    pub fn across_waves(&self, scale: &str) -> Option<AcrossWaves<'_>> {
        let study = self.study.as_deref()?;
        if study.waves.len() < 3 {
            return None;
        }
        let s = self.scales.iter().find(|s| s.name == scale)?;
        let all: Vec<usize> = (0..study.waves.len()).collect();
        let series = study.series(s.pairs.score, &all);
        let groups: Vec<Option<&str>> = series
            .participants
            .iter()
            .map(|&p| study.group(p))
            .collect();
        let ids = series.participants.iter().map(|&p| study.id(p)).collect();
        let rules = groups.iter().map(|g| *s.rule_for(*g)).collect();
        Some(AcrossWaves {
            labels: study.waves.iter().map(|w| w.label.as_str()).collect(),
            pre: s.pre_wave,
            rules,
            series,
            ids,
            groups,
        })
    }

    /// The rows of the `k`-th scale.
    pub fn scale_len(&self, k: usize) -> usize {
        self.scales[k].pairs.pre_rows.len()
    }
}

/// A scale at every wave of a study (for the figures across the waves).
pub struct AcrossWaves<'a> {
    pub labels: Vec<&'a str>,
    /// The wave compared as the pre-test, and each participant's rule of reliable change
    /// against it.
    pub pre: usize,
    pub rules: Vec<ChangeRule>,
    pub series: WaveSeries,
    /// Each participant's id and group (with `--group`).
    pub ids: Vec<&'a str>,
    pub groups: Vec<Option<&'a str>>,
}

impl AcrossWaves<'_> {
    /// Each participant's rule of reliable change from the pre-test to wave `w` (the post-test's
    /// rule, read at wave `w` by the methods that use its statistics: see
    /// [`ChangeRule::for_wave`]; with a comparison group, each group's statistics).
    pub fn rules_at(&self, w: usize) -> Vec<ChangeRule> {
        let (pre, at) = (&self.series.values[self.pre], &self.series.values[w]);
        let stats = |group: Option<&str>| {
            let idx: Vec<usize> = (0..at.len()).filter(|&i| self.groups[i] == group).collect();
            let x: Vec<f64> = idx.iter().map(|&i| pre[i]).collect();
            let y: Vec<f64> = idx.iter().map(|&i| at[i]).collect();
            let mean = y.iter().sum::<f64>() / y.len().max(1) as f64;
            (
                mean,
                crate::stats::describe::sd(&y).unwrap_or(f64::NAN),
                crate::stats::describe::pearson_r(&x, &y).unwrap_or(f64::NAN),
            )
        };
        // (mean, SD, r) of each group, once
        let mut groups: Vec<Option<&str>> = self.groups.clone();
        groups.sort_unstable();
        groups.dedup();
        let of: Vec<(f64, f64, f64)> = groups.iter().map(|g| stats(*g)).collect();
        (0..at.len())
            .map(|i| {
                let k = groups.binary_search(&self.groups[i]).expect("a group");
                let (m, sd, r) = of[k];
                self.rules[i].for_wave(m, sd, r)
            })
            .collect()
    }
}

/// Reliable change on one scale (Jacobson & Truax 1991).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RciSummary {
    /// r_xx used in S_diff.
    pub reliability: Option<f64>,
    /// `data` (pre-test Cronbach's alpha of this scale) or `given` (`--reliability`).
    pub reliability_source: Option<String>,
    /// SD of the pre-test scores of the complete pairs (or, for a single participant, the norm
    /// group's: see `sd_source`).
    pub sd_pre: Option<f64>,
    /// `sample` or `norm` (one participant, judged against `--norm`).
    pub sd_source: String,
    /// The RCI's denominator: S_diff = √2·SD_pre·√(1 − r_xx) for `jt` (the SE of prediction for
    /// `gln` and `hll`, of measurement for `en`, √r_dd·√2·SE for `ha`).
    pub s_diff: Option<f64>,
    /// `jt`, `gln`, `hll`, `en` or `ha` (`--rci-method`).
    pub method: RciMethod,
    /// Hageman–Arrindell: the reliability of the difference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r_dd: Option<f64>,
    /// |RCI| above this is a reliable change (z at `conf_level`, 1.96 for 95%).
    pub critical_value: f64,
    pub higher_is_better: bool,
    /// Participants per RCI class (all three classes present, possibly 0).
    pub counts: BTreeMap<String, usize>,
    /// The same as percentages of the participants with an RCI.
    pub percent: BTreeMap<String, f64>,
    /// The clinical cut-off, when one was given or derived from norms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<f64>,
    /// `given` (--cutoff) or the Jacobson-Truax criterion `a`, `b`, `c`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff_source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clinical_counts: Option<BTreeMap<String, usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clinical_percent: Option<BTreeMap<String, f64>>,
}

/// Treatment vs comparison on one scale. Differences are treatment minus comparison.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BetweenGroups {
    pub treatment: String,
    pub comparison: String,
    pub n_treatment: usize,
    pub n_comparison: usize,
    /// Welch's t-test of the change scores.
    pub welch: Option<WelchTest>,
    /// Hedges' g of the change scores (pooled SD), noncentral-t CI.
    pub hedges_g: Option<Effect>,
    /// Mann-Whitney U test of the change scores.
    pub mann_whitney: Option<MannWhitneyTest>,
    /// ANCOVA: post ~ pre + group.
    pub ancova: Option<AncovaResult>,
    /// The reliably improved in each group (each by its own group's reliable change), compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reliable_change: Option<ReliableImprovement>,
    /// What these two groups could detect.
    pub sensitivity: Option<BetweenSensitivity>,
    /// The JZS Bayes factor of the difference in change (Student's two-sample t of the change
    /// scores).
    pub bayes: Option<BayesFactor>,
}

/// The smallest effect a paired t-test of this many pairs detects (noncentral t; G*Power's
/// "matched pairs", `pwr::pwr.t.test(type = "paired")` solved exactly).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Sensitivity {
    pub alpha: f64,
    pub power: f64,
    /// The smallest d_z (negative under `--alternative less`).
    pub min_d_z: f64,
}

/// The smallest differences in change two groups of these sizes detect.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BetweenSensitivity {
    pub alpha: f64,
    pub power: f64,
    /// Two-sample t-test of the change scores: d in units of their pooled SD.
    pub min_d: f64,
    /// ANCOVA (design factor 1 − r², Borm et al. 2007): d in units of the post-test's pooled
    /// within-group SD.
    pub min_d_ancova: Option<f64>,
    /// The pooled within-group pre–post correlation it used.
    pub r_within: Option<f64>,
}

/// A JZS Bayes factor (Rouder et al. 2009): Cauchy prior of scale `r_scale` on the
/// standardized effect, one-sided when the alternative is.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BayesFactor {
    /// Evidence for an effect over none (BF01 = 1/BF10).
    pub bf10: f64,
    pub r_scale: f64,
    pub alternative: Alternative,
    /// BF10 over prior scales from 0.5 to 1.5 (the robustness plot).
    #[serde(skip)]
    pub robustness: Vec<(f64, f64)>,
}

/// Two one-sided t-tests (TOST; Lakens 2017) of the mean difference against (low, high).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Equivalence {
    /// The bounds in raw units.
    pub low: f64,
    pub high: f64,
    /// `given` (`--equivalence`), or `d_z` (±D times the SD of the differences,
    /// `--equivalence-dz`).
    pub bounds: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d_z_bound: Option<f64>,
    pub alpha: f64,
    /// The larger of the two one-sided p-values.
    pub p_value: f64,
    /// H0: mean ≤ low.
    pub p_lower: f64,
    /// H0: mean ≥ high.
    pub p_upper: f64,
    /// The 1 − 2α confidence interval of the mean difference.
    pub ci_low: f64,
    pub ci_high: f64,
    /// p < α: the change lies within the bounds.
    pub equivalent: bool,
}

/// The shares reliably improved in the two groups: their difference (treatment − comparison)
/// with Newcombe's (1998) hybrid score interval, and Fisher's exact test.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReliableImprovement {
    pub treatment_improved: usize,
    pub treatment_n: usize,
    pub comparison_improved: usize,
    pub comparison_n: usize,
    pub difference: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub fisher_p: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WelchTest {
    pub t: f64,
    pub df: f64,
    pub p_value: f64,
    /// Mean change of the treatment group minus that of the comparison group.
    pub diff: f64,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MannWhitneyTest {
    /// R's W for the treatment group.
    pub u: f64,
    pub p_value: f64,
    /// `exact`, `normal-cc` or `normal`.
    pub method: String,
    pub z: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AncovaResult {
    /// Adjusted mean difference (treatment − comparison) at equal pre-test scores.
    pub diff: f64,
    /// The SE, t, p, interval and partial η² are null (with a note) at an essentially perfect
    /// fit, where the estimate stands but there is no error to test it against.
    pub se: Option<f64>,
    pub t: Option<f64>,
    pub df: f64,
    /// Two-sided.
    pub p_value: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub partial_eta_sq: Option<f64>,
    /// Slope of the pre-test.
    pub slope: f64,
    /// p of the pre × group interaction (a check of parallel slopes).
    pub interaction_p: Option<f64>,
}

/// The options the results were computed with.
#[derive(Debug, Clone, Serialize)]
pub struct Options {
    /// `two-files`, `waves`, `wide` or `long`.
    pub layout: String,
    pub inputs: Vec<String>,
    pub id: Option<String>,
    /// Always `post - pre`.
    pub difference: String,
    pub alternative: Alternative,
    pub conf_level: f64,
    pub wilcoxon_method: PValueMethod,
    pub continuity_correction: bool,
    pub zero_method: ZeroMethod,
    pub p_adjust: PAdjust,
    /// With a comparison group: the group column and the two labels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treatment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<String>,
    /// A group column of three or more labels: the labels, in the order compared (the first
    /// the reference of the ANCOVA).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_levels: Option<Vec<String>>,
    /// A group column with value labels (an SPSS file's): its codes and their labels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_value_labels: Option<Vec<ValueLabel>>,
    /// Item-level input: the scale the answers were scored with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<ScaleInfo>,
    /// A study of three or more waves: the two compared as pre and post.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compared_waves: Option<[String; 2]>,
    /// A study of three or more waves: the pairs of waves compared (`--contrasts`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contrasts: Option<Contrasts>,
    /// α and power of the sensitivity analysis (α also of the equivalence test).
    pub alpha: f64,
    pub power: f64,
    /// The scale of the Cauchy prior of the Bayes factors.
    pub prior_scale: f64,
    /// Whether the readable reports list every participant (`--no-participants`, or more than
    /// 200 participants, leave the lists out; change.csv has every row).
    pub participants: bool,
}

/// How item-level answers were scored (item-level `compare`).
#[derive(Debug, Clone, Serialize)]
pub struct ScaleInfo {
    pub name: String,
    /// `label`, `label_zh` of the spec (absent when not given).
    #[serde(flatten)]
    pub labels: crate::scale::spec::Labels,
    /// The spec file.
    pub spec: String,
    pub min: f64,
    pub max: f64,
    pub items: usize,
    pub reverse: Vec<String>,
    /// `error` or `missing`.
    pub invalid: String,
    /// Rows entering Cronbach's alpha: `listwise` or `pairwise`.
    pub alpha_missing: AlphaMissing,
    /// Per score: method and the missing-item rule.
    pub scores: Vec<ScoreRule>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreRule {
    pub scale: String,
    /// `label`, `label_zh` of the spec (absent when not given).
    #[serde(flatten)]
    pub labels: crate::scale::spec::Labels,
    pub items: usize,
    /// `sum` (prorated as mean × items when items are missing) or `mean`.
    pub method: String,
    /// Items that must be answered for the score to count.
    pub min_answered: usize,
    /// The total (tested as its own family; the subscales are one family).
    pub is_total: bool,
}

/// Reliability of a score at pre and post (item-level `compare` only).
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Reliability {
    pub pre: Option<AlphaSummary>,
    pub post: Option<AlphaSummary>,
}

/// Who was measured when, and who was left out.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Attrition {
    pub n_pre: usize,
    pub n_post: usize,
    /// Participants present at both time points.
    pub n_matched: usize,
    pub only_in_pre: Vec<Id>,
    pub only_in_post: Vec<Id>,
    /// Per scale: matched participants left out because a value is missing.
    pub missing_by_scale: BTreeMap<String, Vec<Id>>,
    /// A study of more than two waves, per scale: participants without a value at every
    /// wave (left out of the analyses across the waves).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incomplete_by_scale: Option<BTreeMap<String, Vec<Id>>>,
    /// A study of more than two waves: who was measured at each.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waves: Option<Vec<WaveAttrition>>,
}

/// Who was measured at one wave of a study.
#[derive(Debug, Clone, Serialize, Default)]
pub struct WaveAttrition {
    pub label: String,
    /// Participants measured at this wave.
    pub n: usize,
    /// Participants of the study not measured at this wave.
    pub absent: Vec<Id>,
}

/// Descriptives of one sample (pre, post, or the differences): n, mean, sd, se, median, q1, q3,
/// min, max.
pub use crate::stats::describe::Descriptives as Summary;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TTest {
    pub t: f64,
    pub df: f64,
    pub p_value: f64,
    pub mean_diff: f64,
    pub se: f64,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Wilcoxon {
    /// R's V: the sum of the ranks of the positive differences.
    pub v: f64,
    /// The sum of the ranks of the negative differences.
    pub w_minus: f64,
    pub p_value: f64,
    /// `exact`, `normal-cc` (with continuity correction) or `normal`.
    pub method: String,
    /// Standardized statistic (with the normal method R's z, continuity correction included).
    pub z: f64,
    pub zero_method: ZeroMethod,
    pub n_positive: usize,
    pub n_negative: usize,
    pub n_zero: usize,
    /// Differences ranked (zeros excluded under `wilcox`).
    pub n_ranked: usize,
    /// Whether tied |d| were given midranks.
    pub ties: bool,
    /// Hodges–Lehmann estimate: median of the Walsh averages.
    pub pseudomedian: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Coverage the pseudomedian's order-statistic interval actually has.
    pub ci_achieved_level: Option<f64>,
}

/// An effect size with its interval.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Effect {
    pub value: f64,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// `noncentral_t`, `normal`, `fisher_z` or `wilson`.
    pub ci_method: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct EffectSizes {
    pub d_z: Option<Effect>,
    pub d_av: Option<Effect>,
    pub d_rm: Option<Effect>,
    pub g_z: Option<Effect>,
    pub g_av: Option<Effect>,
    pub rank_biserial: Option<Effect>,
    pub cles: Option<Effect>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Normality {
    pub w: f64,
    pub p_value: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Adjusted {
    pub t_test: Option<f64>,
    pub wilcoxon: Option<f64>,
    /// How many scales share the family the p-values were adjusted in.
    pub family_size: usize,
    /// How many p-values of each test were adjusted together: the scales of the family where
    /// the test was computed (1: the p-value is unchanged).
    pub t_test_family_size: usize,
    pub wilcoxon_family_size: usize,
}

/// Three or more groups compared on one scale: the change scores across the groups (one-way
/// ANOVA, Welch's ANOVA, Levene, Tukey HSD and Games-Howell, Kruskal-Wallis with Dunn), and
/// the ANCOVA of post on pre and the group with the adjusted means and their pairwise
/// differences (emmeans, Tukey-adjusted).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct KGroups {
    /// The change scores (post − pre) compared across the groups.
    pub change: GroupDifference,
    /// `lm(post ~ pre + group)`: null with a note (`k_groups.ancova`) when not computable.
    pub ancova: Option<crate::stats::ancova_groups::AncovaGroups>,
}

/// Results for one scale.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScaleResult {
    pub scale: String,
    /// Complete pairs used by every statistic of this scale.
    pub n_pairs: usize,
    pub pre: Option<Summary>,
    pub post: Option<Summary>,
    /// Descriptives of d = post − pre.
    pub diff: Option<Summary>,
    pub r_pre_post: Option<f64>,
    pub t_test: Option<TTest>,
    pub wilcoxon: Option<Wilcoxon>,
    pub effect_sizes: EffectSizes,
    /// Shapiro–Wilk test of the differences.
    pub shapiro_wilk: Option<Normality>,
    /// p-values adjusted across the scales of this report.
    pub p_adjusted: Adjusted,
    /// Cronbach's alpha at pre and post (item-level input only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Reliability>,
    /// Reliable change per participant, summarised (counts and percentages per class).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rci: Option<RciSummary>,
    /// With a comparison group: the full paired analysis within each group, by group label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<BTreeMap<String, ScaleResult>>,
    /// With a comparison group: treatment vs comparison on the change scores, and the ANCOVA.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub between_groups: Option<BetweenGroups>,
    /// With --group: the groups at the pre-test (baseline equivalence): per group n, M, SD and
    /// the test of their difference (two groups: Student/Welch with Levene, Mann-Whitney; three
    /// or more: Fisher's and Welch's ANOVA, Kruskal-Wallis), as `survey` compares levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<GroupDifference>,
    /// With a --group of three or more labels: the groups' change compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub k_groups: Option<KGroups>,
    /// A study of three or more waves: descriptives per wave (complete cases across the
    /// waves), then the tests across the waves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waves: Option<Vec<WaveSummary>>,
    /// (absent with two waves; null with a note when it could not be computed)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friedman: Option<Option<FriedmanTest>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rm_anova: Option<Option<RmAnovaResult>>,
    /// Comparisons of two waves (`--contrasts`), Holm-adjusted across those of this scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pairwise: Option<Vec<Pairwise>>,
    /// With a comparison group: group × time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mixed: Option<Mixed>,
    /// Each wave after the post-test: did the change last?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<Vec<FollowUp>>,
    /// What this many pairs could detect: the smallest d_z the t-test finds with the power
    /// asked for (a sensitivity analysis; not the "observed power" of the result).
    pub sensitivity: Option<Sensitivity>,
    /// The JZS Bayes factor of the mean difference.
    pub bayes: Option<BayesFactor>,
    /// Two one-sided tests of the mean difference against equivalence bounds (null when not
    /// asked for; when asked but not computable, with a note).
    pub equivalence: Option<Equivalence>,
    /// Why a field is null, keyed by its path (e.g. "t_test", "effect_sizes.g_z").
    pub notes: BTreeMap<String, Note>,
}

/// Descriptives of a score at one wave.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WaveSummary {
    pub label: String,
    pub n: usize,
    pub mean: f64,
    pub sd: Option<f64>,
    pub se: Option<f64>,
    pub median: f64,
}

/// The Friedman test across the waves, Kendall's W and the Iman–Davenport F.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FriedmanTest {
    pub chi_sq: f64,
    pub df: f64,
    pub p_value: f64,
    pub kendall_w: f64,
    /// Null, with its p, when infinite (every participant ranks the waves alike).
    pub iman_davenport_f: Option<f64>,
    pub iman_davenport_df1: f64,
    pub iman_davenport_df2: f64,
    pub iman_davenport_p: Option<f64>,
}

/// One-way repeated-measures ANOVA across the waves, with sphericity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RmAnovaResult {
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p_value: f64,
    /// Generalized eta squared (Olejnik & Algina 2003).
    pub eta_sq_g: f64,
    pub eta_sq_p: f64,
    pub mauchly_w: Option<f64>,
    pub mauchly_p: Option<f64>,
    pub gg_epsilon: Option<f64>,
    pub p_gg: Option<f64>,
    /// Lecoutre's Huynh–Feldt epsilon, uncapped (min(1, ε) is used for `p_hf`).
    pub hf_epsilon: Option<f64>,
    pub p_hf: Option<f64>,
}

/// A comparison of two waves: `to − from`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pairwise {
    pub from: String,
    pub to: String,
    pub n: usize,
    pub t_test: Option<PairwiseT>,
    pub wilcoxon: Option<PairwiseWilcoxon>,
    pub d_z: Option<Effect>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PairwiseT {
    pub t: f64,
    pub df: f64,
    pub p_value: f64,
    /// Mean of `to − from`.
    pub mean_diff: f64,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Holm-adjusted across the comparisons of the scale.
    pub p_holm: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PairwiseWilcoxon {
    pub v: f64,
    pub p_value: f64,
    /// `exact`, `normal-cc` or `normal`.
    pub method: String,
    pub p_holm: Option<f64>,
}

/// The mixed (split-plot) ANOVA: group, time and their interaction (type 3).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Mixed {
    pub group: Option<MixedTerm>,
    pub time: Option<MixedTerm>,
    pub interaction: Option<MixedTerm>,
    /// ANCOVA of each wave after the pre-test on the pre-test: wave ~ pre + group.
    pub ancova: Vec<WaveAncova>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MixedTerm {
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p_value: f64,
    /// Greenhouse–Geisser ε and the corrected p (within-subjects terms; null for the group).
    pub gg_epsilon: Option<f64>,
    pub p_gg: Option<f64>,
    pub eta_sq_g: f64,
    pub eta_sq_p: f64,
}

/// The ANCOVA of one wave after the pre-test on it (treatment − comparison at equal pre-test
/// scores).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WaveAncova {
    pub wave: String,
    #[serde(flatten)]
    pub ancova: Option<AncovaResult>,
}

/// A wave after the post-test: the change since the post-test, and reliable change against the
/// pre-test (with the pre/post comparison's S_diff and cut-off).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FollowUp {
    pub wave: String,
    pub from_post: Pairwise,
    pub rci: RciSummary,
}

/// `Some(x)` for a finite x, `None` for ±∞ (the open end of a one-sided interval) or NaN.
pub fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Everything `prepost reliability` found.
#[derive(Debug, Clone, Serialize)]
pub struct ReliabilityReport {
    pub prepost_version: String,
    pub scale: String,
    /// The scale's `label`, `label_zh` in the spec (absent when not given).
    #[serde(flatten)]
    pub labels: crate::scale::spec::Labels,
    pub spec: String,
    pub files: Vec<String>,
    pub missing: AlphaMissing,
    pub conf_level: f64,
    pub respondents: u64,
    /// How items are flagged in the item analysis.
    pub item_analysis: ItemAnalysisOptions,
    pub scales: Vec<ScaleAlpha>,
}

/// The rules of the item analysis (`reliability --min-item-r`, `--cr-test`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ItemAnalysisOptions {
    /// The share of respondents in each extreme group (0.27).
    pub fraction: f64,
    /// An item is flagged when its corrected item-total r is below this (0.30; some use 0.40).
    pub min_item_total_r: f64,
    /// An item is flagged when its critical ratio's p is at or above this (0.05).
    pub alpha: f64,
    /// `welch` (the default) or `spss` (Student's t when Levene's p > .05, else Welch's).
    pub test: CrTest,
}

/// Which t the critical ratio reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CrTest {
    /// Welch's t (R's t.test default).
    Welch,
    /// As SPSS users read its T-TEST table: Student's pooled t when Levene's test (mean-
    /// centred) has p > .05, Welch's t otherwise.
    Spss,
}

/// Alpha and item statistics of one score.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleAlpha {
    pub scale: String,
    /// The score's `label`, `label_zh` in the spec (absent when not given).
    #[serde(flatten)]
    pub labels: crate::scale::spec::Labels,
    pub alpha: Option<f64>,
    pub alpha_std: Option<f64>,
    pub average_r: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Respondents used.
    pub n: usize,
    pub n_complete: usize,
    pub k: usize,
    pub items: Vec<ItemRow>,
    /// Why alpha is null, if it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
    /// McDonald's ω total of a one-factor minres model (= psych::omega(x, nfactors = 1)
    /// converged, jamovi's omegaScale); null with `omega_note` saying why.
    pub omega: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub omega_note: Option<Note>,
    /// The split-half coefficients of the odd-even and the first-last split (SPSS
    /// RELIABILITY /MODEL = SPLIT), on the complete cases; empty with `split_half_note`.
    pub split_half: Vec<SplitHalfRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split_half_note: Option<Note>,
    /// The extreme groups of the critical ratios (null with `item_analysis_note`).
    pub extreme_groups: Option<crate::stats::item_analysis::ExtremeGroups>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_analysis_note: Option<Note>,
}

/// One split of the items into halves.
#[derive(Debug, Clone, Serialize)]
pub struct SplitHalfRow {
    pub split: crate::stats::split_half::SplitMethod,
    pub part1: Vec<String>,
    pub part2: Vec<String>,
    /// Cronbach's α of each part (null for a one-item part).
    pub alpha1: Option<f64>,
    pub alpha2: Option<f64>,
    /// The correlation between the forms (the part scores).
    pub r: f64,
    pub spearman_brown_equal: f64,
    pub spearman_brown_unequal: f64,
    pub guttman: f64,
    pub n: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemRow {
    pub item: String,
    pub reversed: bool,
    /// Corrected item-total correlation.
    pub r_drop: Option<f64>,
    pub alpha_if_deleted: Option<f64>,
    /// ω total of the scale without this item (null below three items left).
    pub omega_if_deleted: Option<f64>,
    /// The critical ratio: the item's t test between the high and the low group of the
    /// score's total (null when undefined).
    pub critical_ratio: Option<CriticalRatioRow>,
    /// The item fails a rule of the item analysis (`flags` says which).
    pub flagged: bool,
    pub flags: Vec<&'static str>,
}

/// An item's critical ratio.
#[derive(Debug, Clone, Serialize)]
pub struct CriticalRatioRow {
    pub mean_high: f64,
    pub mean_low: f64,
    /// The t the report shows (Welch's, or as `cr_test = spss` chooses), its df and p.
    pub t: f64,
    pub df: f64,
    pub p_value: f64,
    /// Which t it is: `welch` or `student`.
    pub test: &'static str,
    pub welch_t: f64,
    pub welch_df: f64,
    pub welch_p: f64,
    pub student_t: f64,
    pub student_df: f64,
    pub student_p: f64,
    /// Levene's test (mean-centred, as SPSS) of equal variances: F(1, df2) and p.
    pub levene_f: Option<f64>,
    pub levene_p: Option<f64>,
}

/// Everything `prepost case` found: per case and score, the phases and the contrasts of
/// adjacent phases (and of all baseline against all treatment sessions), with the average
/// over cases when there are several.
#[derive(Debug, Clone, Serialize)]
pub struct CaseReport {
    pub prepost_version: String,
    pub options: CaseOptions,
    pub cases: Vec<CaseResult>,
    /// Several cases (a multiple-baseline design): each measure averaged over the cases.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub average: Vec<CaseAverage>,
    pub notes: Vec<Note>,
}

impl CaseReport {
    /// How the readable reports name a score: its label in the spec in `lang`, else its name.
    pub fn score_name(&self, score: &str, lang: Lang) -> String {
        self.options
            .labels
            .get(score)
            .and_then(|l| l.get(lang))
            .unwrap_or(score)
            .to_string()
    }
}

/// The options `case` ran with.
#[derive(Debug, Clone, Serialize)]
pub struct CaseOptions {
    pub input: String,
    /// Item-level input: the scores' `label`, `label_zh` in the spec (those given).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, crate::scale::spec::Labels>,
    /// The case column (None: one case, the whole file).
    pub id: Option<String>,
    pub session: String,
    pub phase: String,
    /// The phase labels of the baseline and the treatment.
    pub baseline: String,
    pub treatment: String,
    pub conf_level: f64,
    /// Item-level input: the scale spec.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
}

/// One case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseResult {
    pub id: String,
    pub scores: Vec<CaseScore>,
}

/// One score of one case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseScore {
    pub score: String,
    /// `increase` or `decrease`: which direction is an improvement.
    pub improvement: crate::stats::single_case::Improvement,
    /// The outcome scale and truncation of the log response and log odds ratios.
    pub ratio: crate::stats::single_case::RatioOptions,
    pub phases: Vec<PhaseSummary>,
    pub contrasts: Vec<CaseContrast>,
    /// Why a field is null, keyed by its path (`"A1-B1.smd"`).
    pub notes: BTreeMap<String, Note>,
}

/// One phase of one case: its sessions and their summary.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseSummary {
    /// The phase with its number: `A1`, `B1`, `A2`, …
    pub label: String,
    /// The phase label in the data: `A`, `B`, …
    pub phase: String,
    pub n: usize,
    pub mean: f64,
    pub sd: Option<f64>,
    pub median: f64,
    /// Least-squares slope of the score on the session number (per session).
    pub slope: Option<f64>,
    /// The sessions and their scores, in order.
    pub sessions: Vec<f64>,
    pub scores: Vec<f64>,
}

/// A measure of a contrast: its value, and its SE and interval where it has them.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct CaseMeasure {
    pub value: f64,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

/// The effect of one phase against an earlier one (SingleCaseES's definitions).
#[derive(Debug, Clone, Serialize, Default)]
pub struct CaseContrast {
    /// The earlier phase (as the baseline of the measures) and the later one: `A1`, `B1`; the
    /// contrast of every baseline session against every treatment session is `A` and `B`.
    pub baseline: String,
    pub treatment: String,
    pub nap: Option<CaseMeasure>,
    pub pnd: Option<CaseMeasure>,
    pub pem: Option<CaseMeasure>,
    pub pand: Option<CaseMeasure>,
    pub ird: Option<CaseMeasure>,
    pub tau: Option<CaseMeasure>,
    pub tau_bc: Option<CaseMeasure>,
    pub tau_u: Option<CaseMeasure>,
    pub smd: Option<CaseMeasure>,
    /// The SMD standardized by the SD pooled over both phases (SingleCaseES `std_dev = "pool"`).
    pub smd_pool: Option<CaseMeasure>,
    /// The log response ratio of the scores as they are, truncated as the score's outcome
    /// scale says (SingleCaseES's LRRi for an increase, LRRd for a decrease).
    pub lrr: Option<CaseMeasure>,
    /// The log odds ratio (proportion and percentage scales), positive for an improvement.
    pub lor: Option<CaseMeasure>,
    /// With `--reliability` and `--norm`: the reliable change of the phase means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rci: Option<CaseRci>,
}

/// Reliable change from one phase's mean to the next's (Jacobson & Truax 1991), with S_diff
/// from the norm group's SD: √2 · SD_norm · √(1 − r_xx).
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct CaseRci {
    pub value: f64,
    pub s_diff: f64,
    /// `reliably_improved`, `no_reliable_change` or `reliably_deteriorated`.
    pub class: &'static str,
}

/// A measure averaged over the cases that have it.
#[derive(Debug, Clone, Serialize)]
pub struct CaseAverage {
    pub score: String,
    pub baseline: String,
    pub treatment: String,
    /// Cases with this contrast.
    pub n_cases: usize,
    /// Each measure's mean over the cases that have it (two or more).
    pub measures: BTreeMap<String, CaseAverageMeasure>,
}

impl CaseAverageMeasure {
    /// The average as a measure (value, SE, interval).
    pub fn measure(&self) -> CaseMeasure {
        CaseMeasure {
            value: self.value,
            se: self.se,
            ci_low: self.ci_low,
            ci_high: self.ci_high,
        }
    }
}

/// A measure's mean over `n_cases` cases; its SE √(Σ SE²)/k where each of them has one, with
/// a normal interval kept within the measure's range.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct CaseAverageMeasure {
    pub value: f64,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub n_cases: usize,
    /// For SMDs, the LRR and the LOR: the inverse-variance average (null with a note when a
    /// case has no SE or an SE of 0); absent for the other measures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inverse_variance: Option<Option<InverseVarianceAverage>>,
}

/// The fixed-effect (common-effect) average of a measure over cases, each weighted by 1/SE²
/// (SingleCaseES `batch_calc_ES(weighting = "1/V")`; metafor `rma(method = "FE")`), with
/// Cochran's Q on k − 1 df and I² in percent.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct InverseVarianceAverage {
    pub value: f64,
    pub se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub q: f64,
    pub q_df: usize,
    pub q_p: f64,
    pub i2: f64,
}

impl InverseVarianceAverage {
    /// The inverse-variance average of [`crate::stats::single_case::average_cases`] (which
    /// has an SE, an interval and Cochran's Q for two cases or more; None otherwise).
    pub fn of(w: crate::stats::single_case::WeightedAverage) -> Option<Self> {
        let h = w.heterogeneity?;
        Some(InverseVarianceAverage {
            value: w.value,
            se: w.se?,
            ci_low: w.ci_low?,
            ci_high: w.ci_high?,
            q: h.q,
            q_df: h.df,
            q_p: h.p,
            i2: h.i2,
        })
    }
}

/// The answer of `prepost power`: the planned study with the unknown solved for.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PowerPlan {
    pub prepost_version: String,
    pub design: PlanDesign,
    pub test: PlanTest,
    /// How the power is computed.
    pub method: String,
    /// `n`, `d`, `power` or `alpha`.
    pub solved_for: Unknown,
    pub alternative: Alternative,
    /// The effect: d_z (paired), d of the change scores (two groups), d in post-test SDs
    /// (ANCOVA).
    pub d: f64,
    pub alpha: f64,
    pub power: f64,
    /// Pairs, or participants per group when the groups are equal: the exact real solution
    /// when solved for.
    pub n: Option<f64>,
    /// Two groups: each group's size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n1: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n2: Option<f64>,
    /// ANCOVA: the pre–post correlation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r: Option<f64>,
    /// `n` rounded up: the pairs (or per group) the test needs.
    pub n_required: Option<u64>,
    /// The power with `n_required` (at least `power` when n was solved for).
    pub power_at_n_required: f64,
    /// The share expected to drop out.
    pub dropout: f64,
    /// `n_required`/(1 − dropout), rounded up: to recruit (pairs, or per group).
    pub n_recruit: Option<u64>,
    /// Everyone to recruit (both groups).
    pub n_total_recruit: u64,
    /// What the numbers rest on (the rank tests' approximation, a raised minimum).
    pub notes: Vec<Note>,
}

/// Which pairs of waves are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Contrasts {
    /// Every pair of waves.
    #[default]
    All,
    /// Every later wave with the first.
    Baseline,
    /// Each wave with the one before it.
    Consecutive,
}

impl Contrasts {
    /// The pairs (from, to) of `k` waves, `from` before `to`.
    pub fn pairs(self, k: usize) -> Vec<(usize, usize)> {
        match self {
            Contrasts::All => (0..k)
                .flat_map(|i| (i + 1..k).map(move |j| (i, j)))
                .collect(),
            Contrasts::Baseline => (1..k).map(|j| (0, j)).collect(),
            Contrasts::Consecutive => (1..k).map(|j| (j - 1, j)).collect(),
        }
    }
}

/// The design of the planned study.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum PlanDesign {
    /// One group measured before and after (the paired test of the differences).
    Paired,
    /// A treatment and a comparison group, compared on their change scores.
    TwoGroup,
    /// Two groups, the post-test adjusted for the pre-test (needs --r).
    Ancova,
}

/// The test whose power is planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum PlanTest {
    /// The t-test (paired, or Student's two-sample; the ANCOVA's t of the group).
    T,
    /// The Wilcoxon signed-rank test (paired) or the Mann-Whitney test (two groups), by its
    /// asymptotic relative efficiency to the t-test, 3/π for normal data.
    Wilcoxon,
}

/// What is solved for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unknown {
    N,
    D,
    Power,
    Alpha,
}

impl PlanDesign {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanDesign::Paired => "paired",
            PlanDesign::TwoGroup => "two-group",
            PlanDesign::Ancova => "ancova",
        }
    }
}

impl PlanTest {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanTest::T => "t",
            PlanTest::Wilcoxon => "wilcoxon",
        }
    }
}

impl Unknown {
    pub fn as_str(self) -> &'static str {
        match self {
            Unknown::N => "n",
            Unknown::D => "d",
            Unknown::Power => "power",
            Unknown::Alpha => "alpha",
        }
    }
}

/// Everything `prepost survey` found: one wave of questionnaires described, tested against a
/// value, compared across the levels of factors, cross-tabulated, correlated and regressed.
/// Statistics not computable are null, and the object's `notes` (keyed by the field) say why.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyReport {
    pub prepost_version: String,
    pub data: String,
    /// Item-level input: the spec, the scale's name and labels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// The scale's `label`, `label_zh` in the spec (absent when not given).
    #[serde(flatten)]
    pub scale_labels: crate::scale::spec::Labels,
    /// Rows of data.
    pub respondents: usize,
    /// The scores analysed, with their labels (from the spec).
    pub scores: Vec<SurveyScore>,
    pub conf_level: f64,
    /// The factors of `--by`.
    pub by: Vec<String>,
    /// The factors (`--by`, `--crosstab`) with value labels (an SPSS file's): their codes and
    /// labels; the levels are named by the labels, in the order of the codes.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub value_labels: BTreeMap<String, Vec<ValueLabel>>,
    pub composition: Vec<CompositionRow>,
    pub descriptives: Vec<SurveyDescriptives>,
    pub one_sample: Vec<OneSampleResult>,
    pub group_differences: Vec<GroupDifference>,
    pub crosstabs: Vec<CrosstabResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correlations: Option<Correlations>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regression: Option<RegressionResult>,
    /// Remarks on the data (scoring, columns).
    pub notes: Vec<Note>,
}

/// A value label of an input's variable (an SPSS file's): the code (a number, or the text of
/// a string variable) and its label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueLabel {
    pub code: serde_json::Value,
    pub label: String,
}

impl ValueLabel {
    /// The value labels of a column, in the order of their codes; None without any.
    pub fn of(labels: &crate::io::sav::ValueLabels, column: &str) -> Option<Vec<ValueLabel>> {
        use crate::io::sav::Value;
        let mut listed: Vec<(Value, String)> = labels.of(column).to_vec();
        if listed.is_empty() {
            return None;
        }
        listed.sort_by(|(a, _), (b, _)| a.code_order(b));
        Some(
            listed
                .into_iter()
                .map(|(code, label)| ValueLabel {
                    code: match code {
                        Value::Number(x) if x.fract() == 0.0 && x.abs() < 1e15 => (x as i64).into(),
                        Value::Number(x) => serde_json::Number::from_f64(x)
                            .map_or(serde_json::Value::Null, Into::into),
                        Value::Text(t) => t.into(),
                    },
                    label,
                })
                .collect(),
        )
    }
}

/// A score of the survey.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyScore {
    pub name: String,
    #[serde(flatten)]
    pub labels: crate::scale::spec::Labels,
}

/// Why fields of a result are null: the field's name → the reason.
pub type FieldNotes = BTreeMap<String, Note>;

/// One level of a factor: how many respondents have it (level null: the factor is missing).
#[derive(Debug, Clone, Serialize)]
pub struct CompositionRow {
    pub factor: String,
    pub level: Option<String>,
    pub n: usize,
    /// Of every respondent (SPSS's "Percent").
    pub percent: f64,
    /// Of the respondents with the factor (SPSS's "Valid Percent"); null for the missing row.
    pub valid_percent: Option<f64>,
}

/// Skewness or kurtosis with its standard error, as SPSS defines them (G1, G2).
#[derive(Debug, Clone, Serialize)]
pub struct ShapeValue {
    pub value: f64,
    pub se: f64,
}

/// A score described overall (factor null) or within one level of a factor.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyDescriptives {
    pub score: String,
    pub factor: Option<String>,
    pub level: Option<String>,
    /// Respondents with the score.
    pub n: usize,
    /// Respondents (of the level) without it.
    pub missing: usize,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub skewness: Option<ShapeValue>,
    pub kurtosis: Option<ShapeValue>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: FieldNotes,
}

/// A statistic with its interval.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Interval {
    pub value: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// A t statistic.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TStat {
    pub t: f64,
    pub df: f64,
    pub p: f64,
}

/// An F statistic.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FStat {
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
}

/// A rank test: its statistic (R's V or W), p and how p was computed ("exact" or "normal").
#[derive(Debug, Clone, Serialize)]
pub struct RankStat {
    pub statistic: f64,
    pub p: f64,
    pub method: &'static str,
}

/// A score against a test value (`--test-value`, `--midpoint`).
#[derive(Debug, Clone, Serialize)]
pub struct OneSampleResult {
    pub score: String,
    pub test_value: f64,
    /// "midpoint" (the scale's theoretical midpoint) or "given".
    pub source: &'static str,
    pub n: usize,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// mean − test value.
    pub mean_diff: Option<f64>,
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p: Option<f64>,
    /// The interval of the mean difference.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Cohen's d = (mean − test value)/SD with its noncentral-t interval.
    pub d: Option<Interval>,
    /// Wilcoxon's signed-rank test against the value (statistic: R's V).
    pub wilcoxon: Option<RankStat>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: FieldNotes,
}

/// A level of a factor in a comparison.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LevelSummary {
    pub level: String,
    pub n: usize,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// The compact letter of the level (levels sharing no letter differ by the first post hoc
    /// method); absent without post hoc tests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub letters: Option<String>,
}

/// Levene's test of equal variances.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LeveneStat {
    /// "mean" (Levene 1960, SPSS) or "median" (Brown–Forsythe, car's default).
    pub center: &'static str,
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
}

/// Mann–Whitney's test (w: R's W, the pairs with the first level above the second).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MannWhitneyStat {
    pub w: f64,
    pub p: f64,
    pub method: &'static str,
}

/// One-way ANOVA with η² and ω² (and their intervals).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AnovaStat {
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
    pub eta_sq: f64,
    pub eta_sq_ci_low: Option<f64>,
    pub eta_sq_ci_high: Option<f64>,
    pub omega_sq: f64,
    pub omega_sq_ci_low: Option<f64>,
    pub omega_sq_ci_high: Option<f64>,
}

/// Kruskal–Wallis with ε².
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct KruskalStat {
    pub h: f64,
    pub df: f64,
    pub p: f64,
    pub epsilon_sq: f64,
}

/// One pair of levels under a post hoc method: diff = mean(b) − mean(a).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PostHocRow {
    pub method: crate::stats::post_hoc::PostHocMethod,
    pub a: String,
    pub b: String,
    pub diff: f64,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

/// Dunn's test of one pair (p_adj: Holm).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DunnRow {
    pub a: String,
    pub b: String,
    pub z: f64,
    pub p: f64,
    pub p_adj: f64,
}

/// A score compared across the levels of a factor.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupDifference {
    pub score: String,
    pub factor: String,
    /// The levels with the score (in order), each with n, M and SD.
    pub levels: Vec<LevelSummary>,
    /// Two levels: Student's and Welch's t of the first level minus the second.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub student: Option<TStat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub welch: Option<TStat>,
    /// The difference of the means (first − second) and its Student interval (two levels).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_diff: Option<Interval>,
    /// Levene's test, centred on the means (SPSS).
    pub levene: Option<LeveneStat>,
    /// Brown–Forsythe's, centred on the medians (car::leveneTest's default).
    pub levene_median: Option<LeveneStat>,
    /// The test the sentence reports: "student" or "welch" (two levels), "fisher" or "welch"
    /// (ANOVA): Welch where Levene's test (mean) has p < .05, as SPSS users read it.
    pub reported: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohens_d: Option<Interval>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hedges_g: Option<Interval>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mann_whitney: Option<MannWhitneyStat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank_biserial: Option<Interval>,
    /// Three or more levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anova: Option<AnovaStat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub welch_anova: Option<FStat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kruskal: Option<KruskalStat>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub post_hoc: Vec<PostHocRow>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dunn: Vec<DunnRow>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: FieldNotes,
}

/// Two categorical variables (`--crosstab A,B`): rows are A's levels, columns B's.
#[derive(Debug, Clone, Serialize)]
pub struct CrosstabResult {
    pub a: String,
    pub b: String,
    pub a_levels: Vec<String>,
    pub b_levels: Vec<String>,
    /// Respondents with both.
    pub n: u64,
    pub counts: Vec<Vec<u64>>,
    /// Percent of the row (null for an empty row).
    pub row_percent: Vec<Option<Vec<f64>>>,
    pub expected: Vec<Vec<f64>>,
    pub min_expected: f64,
    /// Cells with an expected count below 5.
    pub expected_below_5: usize,
    pub chi_sq: Option<f64>,
    pub df: Option<f64>,
    pub p: Option<f64>,
    /// 2 × 2: the test with Yates's continuity correction (SPSS's "Continuity Correction").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yates: Option<ChiSqStat>,
    pub fisher_p: Option<f64>,
    /// φ (2 × 2, signed as SPSS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phi: Option<f64>,
    pub cramers_v: Option<Interval>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: FieldNotes,
}

/// A χ² test.
#[derive(Debug, Clone, Serialize)]
pub struct ChiSqStat {
    pub chi_sq: f64,
    pub df: f64,
    pub p: f64,
}

/// The correlation matrix of the scores and `--correlate` columns (pairwise complete).
#[derive(Debug, Clone, Serialize)]
pub struct Correlations {
    pub method: crate::stats::correlation::CorMethod,
    pub variables: Vec<String>,
    pub mean: Vec<Option<f64>>,
    pub sd: Vec<Option<f64>>,
    /// r[i][j] (1 on the diagonal); null where not computable.
    pub r: Vec<Vec<Option<f64>>>,
    pub p: Vec<Vec<Option<f64>>>,
    pub n: Vec<Vec<usize>>,
    /// Pearson: the Fisher-z interval of each r (null for Spearman, as cor.test).
    pub ci_low: Vec<Vec<Option<f64>>>,
    pub ci_high: Vec<Vec<Option<f64>>>,
    /// "a × b" → why r is null.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: FieldNotes,
}

/// A linear regression in blocks (`--regress "y ~ x1 + x2 | x3"`).
#[derive(Debug, Clone, Serialize)]
pub struct RegressionResult {
    pub outcome: String,
    /// Complete cases used, and rows left out for a missing value.
    pub n: usize,
    pub n_dropped: usize,
    /// Categorical predictors: their reference level.
    pub reference_levels: BTreeMap<String, String>,
    pub blocks: Vec<RegressionBlock>,
    pub coefficients: Vec<RegressionCoefficient>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: FieldNotes,
}

/// The model of blocks 1..=block.
#[derive(Debug, Clone, Serialize)]
pub struct RegressionBlock {
    pub block: usize,
    /// The terms this block adds.
    pub predictors: Vec<String>,
    pub r2: f64,
    pub adj_r2: Option<f64>,
    pub delta_r2: f64,
    pub f_change: Option<f64>,
    pub df1: Option<f64>,
    pub df2: Option<f64>,
    pub p_change: Option<f64>,
    /// The model's F against the intercept-only model.
    pub f: Option<f64>,
    pub p: Option<f64>,
}

/// A coefficient of a block's model.
#[derive(Debug, Clone, Serialize)]
pub struct RegressionCoefficient {
    pub block: usize,
    /// As R names it: the term, or term + level for a dummy.
    pub term: String,
    pub b: Option<f64>,
    pub se: Option<f64>,
    pub beta: Option<f64>,
    pub t: Option<f64>,
    pub p: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub vif: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

/// Everything `prepost factor` found: whether the items' correlations suit a factor analysis
/// (KMO, Bartlett), the eigenvalues, the number of factors, the extraction and the rotation,
/// and (with a spec) whether each item loads where the spec puts it. See docs/json.md.
#[derive(Debug, Clone, Serialize)]
pub struct FactorReport {
    pub prepost_version: String,
    /// The spec's name (absent with `--items`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    #[serde(flatten)]
    pub labels: crate::scale::spec::Labels,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<String>,
    pub files: Vec<String>,
    /// Rows read (respondents).
    pub respondents: usize,
    /// Rows entering the correlation matrix: listwise (complete cases) or pairwise.
    pub missing: AlphaMissing,
    /// Respondents who answered every item.
    pub n_complete: usize,
    /// The n of Bartlett's test and the parallel analysis: the complete cases listwise, every
    /// row pairwise (as psych counts raw data).
    pub n_used: usize,
    /// The fewest respondents behind one correlation (= n_complete listwise).
    pub n_pairwise_min: usize,
    pub options: FactorOptions,
    /// Kaiser–Meyer–Olkin measure of sampling adequacy, overall (each item's is in `items`).
    pub kmo: f64,
    pub bartlett: crate::stats::adequacy::Bartlett,
    /// Every eigenvalue of the correlation matrix, with its share of the variance.
    pub eigenvalues: Vec<crate::stats::factor::VarianceShare>,
    /// Eigenvalues above 1.
    pub kaiser_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallel: Option<crate::stats::parallel::ParallelAnalysis>,
    pub n_factors: usize,
    /// Sums of squared loadings of the unrotated factors.
    pub extraction_variance: Vec<crate::stats::factor::VarianceShare>,
    /// Of the rotated factors (oblique: diag(ΦΛᵀΛ), which add up to the total communality).
    pub rotation_variance: Vec<crate::stats::factor::VarianceShare>,
    /// Factor correlations Φ (oblique rotations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor_correlations: Option<Vec<Vec<f64>>>,
    pub extraction_iterations: usize,
    pub rotation_iterations: usize,
    pub items: Vec<FactorItem>,
    /// Per subscale of the spec, the factor most of its items load on (absent with `--items`
    /// or a spec without subscales).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub structure: Option<Vec<SubscaleFactor>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub harman: Option<crate::stats::factor::Harman>,
    pub notes: Vec<Note>,
}

/// How `prepost factor` was asked to work.
#[derive(Debug, Clone, Serialize)]
pub struct FactorOptions {
    /// `eigenvalue-above-one`, `parallel` or `fixed`.
    pub factor_count: &'static str,
    pub extraction: crate::stats::factor::Extraction,
    pub rotation: crate::stats::rotation::Rotation,
    /// Loadings below this (in absolute value) are left blank in the readable tables.
    pub min_loading: f64,
}

/// One item of a factor analysis.
#[derive(Debug, Clone, Serialize)]
pub struct FactorItem {
    pub item: String,
    pub reversed: bool,
    /// Its subscale in the spec.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscale: Option<String>,
    /// Its measure of sampling adequacy (psych::KMO's MSAi).
    pub msa: f64,
    /// Communality h² (extraction) and uniqueness 1 − h².
    pub communality: f64,
    pub uniqueness: f64,
    /// Unrotated loadings, one per factor.
    pub unrotated: Vec<f64>,
    /// Rotated loadings (the pattern matrix for oblique rotations), one per factor.
    pub loadings: Vec<f64>,
    /// The structure matrix ΛΦ (oblique rotations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub structure: Option<Vec<f64>>,
    /// The factor (1-based) of its largest |loading|.
    pub factor: usize,
    /// Loadings at or above `min_loading` on more than one factor.
    pub cross_loading: bool,
    /// Whether it loads (at least `min_loading`) highest on its subscale's factor (absent
    /// without subscales).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_expected: Option<bool>,
}

/// A subscale of the spec and the factor its items load on.
#[derive(Debug, Clone, Serialize)]
pub struct SubscaleFactor {
    pub subscale: String,
    #[serde(flatten)]
    pub labels: crate::scale::spec::Labels,
    /// The factor (1-based) most of its items load highest on (the first of ties).
    pub factor: usize,
    pub items: usize,
    /// Its items loading (at least `min_loading`) highest on that factor.
    pub as_expected: usize,
}

/// What `prepost screen` found (and `score` with screening options): how many questionnaires
/// were received and are valid, and every excluded respondent with every reason.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ScreenReport {
    /// Respondents read (rows of data).
    pub received: usize,
    /// Respondents no rule excluded.
    pub valid: usize,
    /// valid / received (None without respondents).
    pub rate: Option<f64>,
    /// received − valid: each excluded respondent once, however many reasons.
    pub n_excluded: usize,
    /// Per rule applied, the respondents it excluded (one respondent may count under several).
    pub by_rule: Vec<RuleCount>,
    /// Every excluded respondent, in file order.
    pub excluded: Vec<ExcludedRespondent>,
    /// The rules applied.
    pub rules: ScreenRules,
    /// The column the time taken was read from (with `min_seconds`).
    pub duration_column: Option<String>,
    /// Respondents without a time taken (an empty cell): not judged by `min_seconds`.
    pub duration_missing: usize,
    pub prepost_version: String,
    pub scale: String,
    /// The scale's `label`, `label_zh` in the spec (absent when not given).
    #[serde(flatten)]
    pub labels: crate::scale::spec::Labels,
    pub spec: String,
    pub files: Vec<String>,
    /// The file of valid rows written (`--keep`).
    pub kept: Option<String>,
    /// How the answers were read: invalid answers treated as missing (`--invalid missing`).
    pub notes: Vec<crate::note::Note>,
}

/// The rules of screening (`--min-seconds`, `--straight-line`, `--longest-run`; the missing-item
/// rule and duplicates always apply).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct ScreenRules {
    /// Excluded when the time taken is below this many seconds.
    pub min_seconds: Option<f64>,
    /// Excluded when every item has one and the same answer.
    pub straight_line: bool,
    /// Excluded when the longest run of one answer over consecutive items (careless::longstring)
    /// is at least this.
    pub longest_run: Option<usize>,
}

/// A rule of screening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    TooFast,
    StraightLine,
    LongestRun,
    Incomplete,
    DuplicateId,
    DuplicateAnswers,
}

impl Rule {
    pub const ALL: [Rule; 6] = [
        Rule::TooFast,
        Rule::StraightLine,
        Rule::LongestRun,
        Rule::Incomplete,
        Rule::DuplicateId,
        Rule::DuplicateAnswers,
    ];

    /// The rule's name in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::TooFast => "too_fast",
            Rule::StraightLine => "straight_line",
            Rule::LongestRun => "longest_run",
            Rule::Incomplete => "incomplete",
            Rule::DuplicateId => "duplicate_id",
            Rule::DuplicateAnswers => "duplicate_answers",
        }
    }
}

/// How many respondents one rule excluded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleCount {
    pub rule: Rule,
    pub n: usize,
}

/// One excluded respondent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExcludedRespondent {
    /// The row the user sees in the file (the header is row 1; a sheet's own row number).
    pub row: u64,
    /// The input (with several).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub id: Option<String>,
    pub reasons: Vec<Reason>,
}

/// Why a respondent was excluded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Reason {
    /// The time taken is below the minimum.
    TooFast { seconds: f64, min_seconds: f64 },
    /// Every item has this one answer.
    StraightLine { answer: f64, items: usize },
    /// A run of one answer over `run` consecutive items, at least `limit`.
    LongestRun { run: usize, limit: usize },
    /// Scores missing by the spec's missing-item rule (`min_answered`).
    Incomplete { scores: Vec<IncompleteScore> },
    /// The same id as an earlier respondent of the same input (the first, on `first_row`, is
    /// kept).
    DuplicateId { first_row: u64 },
    /// The same answer to every item as an earlier respondent of the same input (the first is
    /// kept).
    DuplicateAnswers { first_row: u64 },
}

impl Reason {
    pub fn rule(&self) -> Rule {
        match self {
            Reason::TooFast { .. } => Rule::TooFast,
            Reason::StraightLine { .. } => Rule::StraightLine,
            Reason::LongestRun { .. } => Rule::LongestRun,
            Reason::Incomplete { .. } => Rule::Incomplete,
            Reason::DuplicateId { .. } => Rule::DuplicateId,
            Reason::DuplicateAnswers { .. } => Rule::DuplicateAnswers,
        }
    }
}

/// A score left missing by the missing-item rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncompleteScore {
    pub score: String,
    pub answered: usize,
    pub items: usize,
    pub required: usize,
}
