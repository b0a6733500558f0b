//! `prepost survey`: one wave of questionnaires analysed as a needs assessment — who answered
//! (the composition of the sample, descriptives overall and per level), how low the scores
//! are (one-sample tests against a value or the scale's midpoint), who differs (two levels:
//! t-tests, Levene, d/g, Mann–Whitney; more: ANOVA, Welch's ANOVA, post hoc tests,
//! Kruskal–Wallis and Dunn), two categorical variables (χ², Fisher, Cramér's V), what goes
//! with the scores (a correlation matrix) and a regression in blocks.

use crate::error::DataError;
use crate::model::{
    AnovaStat, ChiSqStat, CompositionRow, Correlations, CrosstabResult, DunnRow, FStat, FieldNotes,
    GroupDifference, Interval, KruskalStat, LevelSummary, LeveneStat, MannWhitneyStat,
    OneSampleResult, PostHocRow, RankStat, RegressionBlock, RegressionCoefficient,
    RegressionResult, ShapeValue, SurveyDescriptives, SurveyReport, SurveyScore, TStat,
};
use crate::note::Note;
use crate::scale::spec::Method;
use crate::stats::correlation::{correlation_matrix, CorMethod, Missing};
use crate::stats::effect_size::Estimate;
use crate::stats::levene::{levene, LeveneCenter};
use crate::stats::p_adjust::PAdjust;
use crate::stats::post_hoc::{compact_letters, post_hoc, PostHocMethod};
use crate::stats::regression::{hierarchical_regression, Predictor, Term};
use crate::stats::wilcoxon::MethodUsed;
use crate::stats::{Alternative, NotComputable, Outcome};
use crate::study::survey::SurveyData;
use std::collections::BTreeMap;

/// A term of `--regress`: a column, categorical when written `factor(x)` or when its cells
/// are not all numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct RegressTerm {
    pub name: String,
    pub factor: bool,
}

/// `--regress "y ~ x1 + x2 | x3"`: the outcome and the blocks of terms.
#[derive(Debug, Clone, PartialEq)]
pub struct RegressSpec {
    pub outcome: String,
    pub blocks: Vec<Vec<RegressTerm>>,
}

/// What `survey` computes.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyOptions {
    /// `--by`: the factors the scores are described and compared by.
    pub by: Vec<String>,
    /// `--test-value SCORE=V` (in the order given).
    pub test_values: Vec<(String, f64)>,
    /// `--midpoint`: every score against its scale's theoretical midpoint.
    pub midpoint: bool,
    /// `--post-hoc`: the methods for three or more levels (empty: none).
    pub post_hoc: Vec<PostHocMethod>,
    /// `--crosstab A,B` (repeatable).
    pub crosstabs: Vec<(String, String)>,
    /// `--correlate [COL,...]`: the correlation matrix of the scores and these columns.
    pub correlate: Option<Vec<String>>,
    pub method: CorMethod,
    pub regress: Option<RegressSpec>,
    pub conf_level: f64,
}

impl SurveyOptions {
    /// Every column besides the scores that the options name, once each, in order.
    pub fn columns(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |c: &str| {
            if !out.iter().any(|o| o == c) {
                out.push(c.to_string());
            }
        };
        self.by.iter().for_each(|c| add(c));
        for (a, b) in &self.crosstabs {
            add(a);
            add(b);
        }
        self.correlate.iter().flatten().for_each(|c| add(c));
        if let Some(r) = &self.regress {
            add(&r.outcome);
            r.blocks.iter().flatten().for_each(|t| add(&t.name));
        }
        out
    }
}

/// A named column of the survey as a factor: its levels sorted as [`factor_levels`] sorts
/// them, or, for a column with value labels (an SPSS file's), named by their labels in the
/// order of their codes (see [`crate::io::sav::ValueLabels::sort_levels`]); and each
/// respondent's level.
fn factor_of(data: &SurveyData, name: &str) -> (Vec<String>, Vec<Option<usize>>) {
    let cells = data.labels(name);
    let (mut levels, mut codes) = factor_levels(&cells);
    if data.value_labels().sort_levels(name, &mut levels) {
        codes = cells
            .iter()
            .map(|c| c.and_then(|c| levels.iter().position(|l| l == c)))
            .collect();
    }
    (levels, codes)
}

/// The levels of a factor, sorted as R's `factor()` sorts them: numerically when every level
/// is a number, else by text; and each respondent's level (None: missing).
pub fn factor_levels(cells: &[Option<&str>]) -> (Vec<String>, Vec<Option<usize>>) {
    let mut levels: Vec<String> = Vec::new();
    for c in cells.iter().flatten() {
        if !levels.iter().any(|l| l == c) {
            levels.push(c.to_string());
        }
    }
    let numbers: Option<Vec<f64>> = levels.iter().map(|l| l.trim().parse().ok()).collect();
    match numbers {
        Some(v) => {
            let mut order: Vec<usize> = (0..levels.len()).collect();
            order.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
            levels = order.into_iter().map(|i| levels[i].clone()).collect();
        }
        None => levels.sort(),
    }
    let codes = cells
        .iter()
        .map(|c| c.and_then(|c| levels.iter().position(|l| l == c)))
        .collect();
    (levels, codes)
}

/// Runs every analysis the options ask for.
pub fn analyze(data: &SurveyData, o: &SurveyOptions) -> Result<SurveyReport, DataError> {
    let scale = data.scale.as_ref();
    let scores: Vec<SurveyScore> = data
        .scores
        .iter()
        .map(|(name, _)| SurveyScore {
            name: name.clone(),
            labels: scale
                .and_then(|s| s.scores.iter().find(|d| &d.name == name))
                .map(|d| d.labels.clone())
                .unwrap_or_default(),
        })
        .collect();
    let n = data.respondents();
    let mut composition = Vec::new();
    let mut descriptives = Vec::new();
    for (name, values) in &data.scores {
        descriptives.push(describe(name, None, values));
    }
    let mut group_differences = Vec::new();
    for factor in &o.by {
        let (levels, codes) = factor_of(data, factor);
        let with = codes.iter().filter(|c| c.is_some()).count();
        for (k, level) in levels.iter().enumerate() {
            let count = codes.iter().filter(|c| **c == Some(k)).count();
            composition.push(CompositionRow {
                factor: factor.clone(),
                level: Some(level.clone()),
                n: count,
                percent: 100.0 * count as f64 / n as f64,
                valid_percent: Some(100.0 * count as f64 / with as f64),
            });
        }
        if with < n {
            composition.push(CompositionRow {
                factor: factor.clone(),
                level: None,
                n: n - with,
                percent: 100.0 * (n - with) as f64 / n as f64,
                valid_percent: None,
            });
        }
        for (name, values) in &data.scores {
            let mut groups: Vec<Vec<f64>> = vec![Vec::new(); levels.len()];
            let mut missing = vec![0usize; levels.len()];
            for (v, c) in values.iter().zip(&codes) {
                if let Some(k) = c {
                    if v.is_nan() {
                        missing[*k] += 1;
                    } else {
                        groups[*k].push(*v);
                    }
                }
            }
            for (k, level) in levels.iter().enumerate() {
                let mut d = describe_values(name, Some((factor, level)), &groups[k]);
                d.missing = missing[k];
                descriptives.push(d);
            }
            group_differences.push(compare_levels(
                name,
                factor,
                &levels,
                &groups,
                &o.post_hoc,
                o.conf_level,
            ));
        }
    }
    let mut one_sample = Vec::new();
    for (name, values) in &data.scores {
        let given = o.test_values.iter().find(|(s, _)| s == name).map(|x| x.1);
        let value = match given {
            Some(v) => Some((v, "given")),
            None if o.midpoint => midpoint(data, name).map(|m| (m, "midpoint")),
            None => None,
        };
        if let Some((v, source)) = value {
            one_sample.push(test_value(name, values, v, source, o.conf_level));
        }
    }
    let crosstabs = o
        .crosstabs
        .iter()
        .map(|(a, b)| crosstab_of(data, a, b, o.conf_level))
        .collect();
    let correlations = match &o.correlate {
        Some(extra) => Some(correlate(data, extra, o)?),
        None => None,
    };
    let regression = match &o.regress {
        Some(spec) => Some(regress(data, spec, o.conf_level)?),
        None => None,
    };
    Ok(SurveyReport {
        prepost_version: env!("CARGO_PKG_VERSION").to_string(),
        data: data.input.clone(),
        spec: data.spec.clone(),
        scale: scale.map(|s| s.name.clone()),
        scale_labels: scale.map(|s| s.labels.clone()).unwrap_or_default(),
        respondents: n,
        scores,
        conf_level: o.conf_level,
        by: o.by.clone(),
        value_labels: o
            .by
            .iter()
            .chain(o.crosstabs.iter().flat_map(|(a, b)| [a, b]))
            .filter_map(|f| {
                crate::model::ValueLabel::of(data.value_labels(), f).map(|l| (f.clone(), l))
            })
            .collect(),
        composition,
        descriptives,
        one_sample,
        group_differences,
        crosstabs,
        correlations,
        regression,
        notes: data.notes.clone(),
    })
}

/// The theoretical midpoint of a score: (min + max)/2 of an item, times the items of a sum
/// score. None without a spec (score-level input).
fn midpoint(data: &SurveyData, score: &str) -> Option<f64> {
    let scale = data.scale.as_ref()?;
    let def = scale.scores.iter().find(|d| d.name == score)?;
    let item = (scale.min + scale.max) / 2.0;
    Some(match def.method {
        Method::Mean => item,
        Method::Sum => item * def.items.len() as f64,
    })
}

fn note(notes: &mut FieldNotes, field: &str, why: NotComputable) {
    notes.entry(field.to_string()).or_insert(Note::Stat(why));
}

/// Keeps a value, or notes why there is none.
fn keep<T>(notes: &mut FieldNotes, field: &str, x: Outcome<T>) -> Option<T> {
    x.map_err(|why| note(notes, field, why)).ok()
}

fn interval(e: Estimate) -> Interval {
    Interval {
        value: e.value,
        ci_low: e.ci_low,
        ci_high: e.ci_high,
    }
}

fn rank_method(m: MethodUsed) -> &'static str {
    match m {
        MethodUsed::Exact => "exact",
        MethodUsed::NormalCorrected => "normal-corrected",
        MethodUsed::Normal => "normal",
    }
}

fn describe(score: &str, level: Option<(&String, &String)>, values: &[f64]) -> SurveyDescriptives {
    let present: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    let mut d = describe_values(score, level, &present);
    d.missing = values.len() - present.len();
    d
}

/// SPSS's descriptives of the present values of a score (overall or in a level).
fn describe_values(
    score: &str,
    level: Option<(&String, &String)>,
    x: &[f64],
) -> SurveyDescriptives {
    let mut notes = FieldNotes::new();
    let mut d = SurveyDescriptives {
        score: score.to_string(),
        factor: level.map(|l| l.0.clone()),
        level: level.map(|l| l.1.clone()),
        n: x.len(),
        missing: 0,
        mean: None,
        sd: None,
        min: None,
        max: None,
        skewness: None,
        kurtosis: None,
        notes: FieldNotes::new(),
    };
    if let Some(s) = keep(&mut notes, "mean", crate::stats::shape::describe_spss(x)) {
        d.mean = Some(s.descriptives.mean);
        d.sd = s.descriptives.sd;
        d.min = Some(s.descriptives.min);
        d.max = Some(s.descriptives.max);
        if d.sd.is_none() {
            note(
                &mut notes,
                "sd",
                NotComputable::TooFewObservations {
                    n: x.len(),
                    needed: 2,
                },
            );
        }
        let shape = |v: Option<crate::stats::shape::ShapeStatistic>| {
            v.map(|s| ShapeValue {
                value: s.value,
                se: s.se,
            })
        };
        d.skewness = shape(s.shape.skewness);
        d.kurtosis = shape(s.shape.kurtosis);
        let ss = s.descriptives.sd.map_or(0.0, |sd| sd * sd);
        for (field, kurt) in [("skewness", false), ("kurtosis", true)] {
            if let Some(why) = crate::stats::shape::shape_reason(x.len(), ss, kurt) {
                note(&mut notes, field, why);
            }
        }
    }
    d.notes = notes;
    d
}

/// One-sample t, Cohen's d and Wilcoxon's signed-rank test of a score against a value.
fn test_value(
    score: &str,
    values: &[f64],
    value: f64,
    source: &'static str,
    conf: f64,
) -> OneSampleResult {
    use crate::stats::one_sample::{cohens_d_one_sample, one_sample_t, wilcoxon_one_sample};
    let x: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    let two = Alternative::TwoSided;
    let mut notes = FieldNotes::new();
    let t = keep(&mut notes, "t", one_sample_t(&x, value, two, conf));
    let d = keep(&mut notes, "d", cohens_d_one_sample(&x, value, two, conf));
    let w = keep(
        &mut notes,
        "wilcoxon",
        wilcoxon_one_sample(&x, value, two, true),
    );
    let m = crate::stats::describe::describe(&x).ok();
    OneSampleResult {
        score: score.to_string(),
        test_value: value,
        source,
        n: x.len(),
        mean: m.as_ref().map(|m| m.mean),
        sd: m.as_ref().and_then(|m| m.sd),
        mean_diff: t.as_ref().map(|t| t.test.mean_diff),
        t: t.as_ref().map(|t| t.test.t),
        df: t.as_ref().map(|t| t.test.df),
        p: t.as_ref().map(|t| t.test.p_value),
        ci_low: t.as_ref().map(|t| t.test.ci_low),
        ci_high: t.as_ref().map(|t| t.test.ci_high),
        d: d.map(interval),
        wilcoxon: w.map(|w| RankStat {
            statistic: w.v,
            p: w.p_value,
            method: rank_method(w.method),
        }),
        notes,
    }
}

fn levene_stat(l: crate::stats::levene::Levene) -> LeveneStat {
    LeveneStat {
        center: l.center.as_str(),
        f: l.f,
        df1: l.df1,
        df2: l.df2,
        p: l.p_value,
    }
}

/// A score across the levels of a factor (the levels with at least one value): two levels,
/// Student's and Welch's t (first minus second), Levene, d and g, Mann–Whitney; three or more,
/// Fisher's and Welch's ANOVA, η² and ω², Kruskal–Wallis with Dunn (Holm) and the `post_hoc`
/// methods (the first gives the compact letters). `survey`'s groups, and `compare`'s groups at
/// the pre-test and (three or more) of their change.
pub fn compare_levels(
    score: &str,
    factor: &str,
    all_levels: &[String],
    all_groups: &[Vec<f64>],
    post_hoc_methods: &[PostHocMethod],
    conf: f64,
) -> GroupDifference {
    let two = Alternative::TwoSided;
    let kept: Vec<usize> = (0..all_levels.len())
        .filter(|&k| !all_groups[k].is_empty())
        .collect();
    let names: Vec<String> = kept.iter().map(|&k| all_levels[k].clone()).collect();
    let groups: Vec<&[f64]> = kept.iter().map(|&k| all_groups[k].as_slice()).collect();
    let mut notes = FieldNotes::new();
    let mut levels: Vec<LevelSummary> = kept
        .iter()
        .map(|&k| {
            let d = crate::stats::describe::describe(&all_groups[k]).ok();
            LevelSummary {
                level: all_levels[k].clone(),
                n: all_groups[k].len(),
                mean: d.as_ref().map(|d| d.mean),
                sd: d.and_then(|d| d.sd),
                letters: None,
            }
        })
        .collect();
    let mut g = GroupDifference {
        score: score.to_string(),
        factor: factor.to_string(),
        levels: Vec::new(),
        student: None,
        welch: None,
        mean_diff: None,
        levene: None,
        levene_median: None,
        reported: "student",
        cohens_d: None,
        hedges_g: None,
        mann_whitney: None,
        rank_biserial: None,
        anova: None,
        welch_anova: None,
        kruskal: None,
        post_hoc: Vec::new(),
        dunn: Vec::new(),
        notes: FieldNotes::new(),
    };
    if groups.len() < 2 {
        note(
            &mut notes,
            "levels",
            NotComputable::TooFewObservations {
                n: groups.len(),
                needed: 2,
            },
        );
        g.levels = levels;
        g.notes = notes;
        return g;
    }
    g.levene = keep(&mut notes, "levene", levene(&groups, LeveneCenter::Mean)).map(levene_stat);
    g.levene_median = keep(
        &mut notes,
        "levene_median",
        levene(&groups, LeveneCenter::Median),
    )
    .map(levene_stat);
    let unequal = g.levene.as_ref().is_some_and(|l| l.p < 0.05);
    if groups.len() == 2 {
        use crate::stats::independent::{
            cohens_d_independent, mann_whitney_r, rank_biserial_independent, student_t_test,
        };
        use crate::stats::two_group::{hedges_g_independent, welch_t_test};
        let (x, y) = (groups[0], groups[1]);
        if let Some(s) = keep(&mut notes, "student", student_t_test(x, y, two, conf)) {
            g.student = Some(TStat {
                t: s.t,
                df: s.df,
                p: s.p_value,
            });
            g.mean_diff = Some(Interval {
                value: s.diff,
                ci_low: s.ci_low,
                ci_high: s.ci_high,
            });
        }
        g.welch = keep(&mut notes, "welch", welch_t_test(x, y, two, conf)).map(|w| TStat {
            t: w.t,
            df: w.df,
            p: w.p_value,
        });
        g.reported = if unequal { "welch" } else { "student" };
        g.cohens_d = keep(
            &mut notes,
            "cohens_d",
            cohens_d_independent(x, y, two, conf),
        )
        .map(interval);
        g.hedges_g = keep(
            &mut notes,
            "hedges_g",
            hedges_g_independent(x, y, two, conf),
        )
        .map(interval);
        if let Some(m) = keep(&mut notes, "mann_whitney", mann_whitney_r(x, y, two, true)) {
            g.rank_biserial = keep(
                &mut notes,
                "rank_biserial",
                rank_biserial_independent(m.u, x.len(), y.len(), two, conf),
            )
            .map(interval);
            g.mann_whitney = Some(MannWhitneyStat {
                w: m.u,
                p: m.p_value,
                method: rank_method(m.method),
            });
        }
    } else {
        use crate::stats::anova::{eta_squared_ci, omega_squared_ci, one_way_anova, welch_anova};
        use crate::stats::kruskal::{dunn, kruskal_wallis};
        if let Some(a) = keep(&mut notes, "anova", one_way_anova(&groups)) {
            let eta = keep(&mut notes, "anova.eta_sq_ci", eta_squared_ci(&a, two, conf));
            let omega = keep(
                &mut notes,
                "anova.omega_sq_ci",
                omega_squared_ci(&a, two, conf),
            );
            g.anova = Some(AnovaStat {
                f: a.f,
                df1: a.df1,
                df2: a.df2,
                p: a.p_value,
                eta_sq: a.eta_sq,
                eta_sq_ci_low: eta.map(|e| e.0),
                eta_sq_ci_high: eta.map(|e| e.1),
                omega_sq: a.omega_sq,
                omega_sq_ci_low: omega.map(|e| e.0),
                omega_sq_ci_high: omega.map(|e| e.1),
            });
        }
        g.welch_anova = keep(&mut notes, "welch_anova", welch_anova(&groups)).map(|w| FStat {
            f: w.f,
            df1: w.df1,
            df2: w.df2,
            p: w.p_value,
        });
        g.reported = if unequal { "welch" } else { "fisher" };
        g.kruskal = keep(&mut notes, "kruskal", kruskal_wallis(&groups)).map(|k| KruskalStat {
            h: k.h,
            df: k.df,
            p: k.p_value,
            epsilon_sq: k.epsilon_sq,
        });
        if g.kruskal.is_some() {
            if let Some(pairs) = keep(&mut notes, "dunn", dunn(&groups, PAdjust::Holm)) {
                g.dunn = pairs
                    .into_iter()
                    .map(|d| DunnRow {
                        a: names[d.a].clone(),
                        b: names[d.b].clone(),
                        z: d.z,
                        p: d.p_value,
                        p_adj: d.p_adjusted,
                    })
                    .collect();
            }
        }
        for (m, &method) in post_hoc_methods.iter().enumerate() {
            let field = format!("post_hoc.{}", method_key(method));
            let Some(ph) = keep(&mut notes, &field, post_hoc(&groups, method, conf)) else {
                continue;
            };
            let mut differs = Vec::new();
            for pair in &ph.pairs {
                let test = pair.test.as_ref().ok();
                if test.is_some_and(|t| t.p < 1.0 - conf) {
                    differs.push((pair.a, pair.b));
                }
                g.post_hoc.push(PostHocRow {
                    method,
                    a: names[pair.a].clone(),
                    b: names[pair.b].clone(),
                    diff: pair.diff,
                    se: test.map(|t| t.se),
                    ci_low: test.map(|t| t.ci_low),
                    ci_high: test.map(|t| t.ci_high),
                    p: test.map(|t| t.p),
                    note: pair.test.clone().err().map(Note::Stat),
                });
            }
            if m == 0 {
                for (l, letters) in levels
                    .iter_mut()
                    .zip(compact_letters(names.len(), &differs))
                {
                    l.letters = Some(letters);
                }
            }
        }
    }
    g.levels = levels;
    g.notes = notes;
    g
}

/// The name of a post hoc method in JSON and in `--post-hoc`.
pub fn method_key(m: PostHocMethod) -> &'static str {
    match m {
        PostHocMethod::Tukey => "tukey",
        PostHocMethod::GamesHowell => "games_howell",
        PostHocMethod::Lsd => "lsd",
        PostHocMethod::Bonferroni => "bonferroni",
    }
}

/// The crosstab of two categorical columns (respondents with both).
fn crosstab_of(data: &SurveyData, a: &str, b: &str, conf: f64) -> CrosstabResult {
    use crate::stats::crosstab::{crosstab, FISHER_BUDGET};
    let (la, ca) = factor_of(data, a);
    let (lb, cb) = factor_of(data, b);
    let mut counts = vec![vec![0u64; lb.len()]; la.len()];
    for (x, y) in ca.iter().zip(&cb) {
        if let (Some(i), Some(j)) = (x, y) {
            counts[*i][*j] += 1;
        }
    }
    let mut notes = FieldNotes::new();
    let mut r = CrosstabResult {
        a: a.to_string(),
        b: b.to_string(),
        a_levels: la,
        b_levels: lb,
        n: counts.iter().flatten().sum(),
        counts: counts.clone(),
        row_percent: Vec::new(),
        expected: Vec::new(),
        min_expected: 0.0,
        expected_below_5: 0,
        chi_sq: None,
        df: None,
        p: None,
        yates: None,
        fisher_p: None,
        phi: None,
        cramers_v: None,
        notes: FieldNotes::new(),
    };
    if let Some(t) = keep(&mut notes, "chi_sq", crosstab(&counts, conf, FISHER_BUDGET)) {
        r.row_percent = t.row_percent.clone();
        r.min_expected = t.min_expected;
        r.expected_below_5 = t.expected.iter().flatten().filter(|e| **e < 5.0).count();
        r.expected = t.expected.clone();
        if let Some(c) = keep(&mut notes, "chi_sq", t.pearson) {
            r.chi_sq = Some(c.statistic);
            r.df = Some(c.df);
            r.p = Some(c.p);
        }
        r.yates = t.yates.map(|y| ChiSqStat {
            chi_sq: y.statistic,
            df: y.df,
            p: y.p,
        });
        r.fisher_p = keep(&mut notes, "fisher_p", t.fisher_p);
        r.phi = t.phi;
        r.cramers_v = keep(&mut notes, "cramers_v", t.cramers_v).map(|v| Interval {
            value: v.v.value,
            ci_low: v.v.ci_low,
            ci_high: v.v.ci_high,
        });
    }
    r.notes = notes;
    r
}

/// The correlation matrix of the scores and the extra columns, with M and SD of each.
fn correlate(
    data: &SurveyData,
    extra: &[String],
    o: &SurveyOptions,
) -> Result<Correlations, DataError> {
    let mut variables: Vec<String> = data.scores.iter().map(|(n, _)| n.clone()).collect();
    for c in extra {
        if !variables.contains(c) {
            variables.push(c.clone());
        }
    }
    let columns: Vec<Vec<f64>> = variables
        .iter()
        .map(|v| data.numbers(v))
        .collect::<Result<_, _>>()?;
    let refs: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
    let p = variables.len();
    let stats: Vec<Option<crate::stats::describe::Descriptives>> = columns
        .iter()
        .map(|c| {
            let x: Vec<f64> = c.iter().copied().filter(|v| !v.is_nan()).collect();
            crate::stats::describe::describe(&x).ok()
        })
        .collect();
    let mut out = Correlations {
        method: o.method,
        variables: variables.clone(),
        mean: stats.iter().map(|s| s.as_ref().map(|s| s.mean)).collect(),
        sd: stats
            .iter()
            .map(|s| s.as_ref().and_then(|s| s.sd))
            .collect(),
        r: vec![vec![None; p]; p],
        p: vec![vec![None; p]; p],
        n: vec![vec![0; p]; p],
        ci_low: vec![vec![None; p]; p],
        ci_high: vec![vec![None; p]; p],
        notes: FieldNotes::new(),
    };
    match correlation_matrix(
        &refs,
        o.method,
        Missing::Pairwise,
        Alternative::TwoSided,
        o.conf_level,
    ) {
        Ok(m) => {
            for i in 0..p {
                for j in 0..p {
                    let cell = &m.cells[i][j];
                    out.n[i][j] = cell.n;
                    if let Some(t) = &cell.test {
                        out.r[i][j] = Some(t.r);
                        out.p[i][j] = Some(t.p_value);
                        out.ci_low[i][j] = t.ci_low;
                        out.ci_high[i][j] = t.ci_high;
                    } else if i == j {
                        out.r[i][j] =
                            (stats[i].as_ref().and_then(|s| s.sd) > Some(0.0)).then_some(1.0);
                    } else if let (Some(why), true) = (&cell.note, i > j) {
                        note(
                            &mut out.notes,
                            &format!("{} × {}", variables[i], variables[j]),
                            why.clone(),
                        );
                    }
                }
            }
        }
        Err(why) => note(&mut out.notes, "r", why),
    }
    Ok(out)
}

/// The regression in blocks.
fn regress(
    data: &SurveyData,
    spec: &RegressSpec,
    conf: f64,
) -> Result<RegressionResult, DataError> {
    let y = data.numbers(&spec.outcome)?;
    // each term's data, owned here and lent to the terms
    enum Owned {
        Numeric(Vec<f64>),
        Factor(Vec<String>, Vec<Option<usize>>),
    }
    let mut owned: Vec<Vec<Owned>> = Vec::new();
    for block in &spec.blocks {
        let mut b = Vec::new();
        for t in block {
            if t.factor || !data.is_numeric(&t.name) {
                let (levels, codes) = factor_of(data, &t.name);
                b.push(Owned::Factor(levels, codes));
            } else {
                b.push(Owned::Numeric(data.numbers(&t.name)?));
            }
        }
        owned.push(b);
    }
    let blocks: Vec<Vec<Term<'_>>> = spec
        .blocks
        .iter()
        .zip(&owned)
        .map(|(terms, data)| {
            terms
                .iter()
                .zip(data)
                .map(|(t, d)| Term {
                    name: &t.name,
                    predictor: match d {
                        Owned::Numeric(v) => Predictor::Numeric(v),
                        Owned::Factor(levels, codes) => Predictor::Categorical { levels, codes },
                    },
                })
                .collect()
        })
        .collect();
    let mut notes = FieldNotes::new();
    let mut out = RegressionResult {
        outcome: spec.outcome.clone(),
        n: 0,
        n_dropped: 0,
        reference_levels: BTreeMap::new(),
        blocks: Vec::new(),
        coefficients: Vec::new(),
        notes: FieldNotes::new(),
    };
    if let Some(h) = keep(
        &mut notes,
        "blocks",
        hierarchical_regression(&y, &blocks, conf),
    ) {
        out.n = h.n;
        out.n_dropped = h.n_dropped;
        for t in &h.terms {
            if let Some(r) = &t.reference {
                out.reference_levels.insert(t.name.clone(), r.clone());
            }
        }
        for b in &h.blocks {
            let key = format!("blocks.{}", b.block);
            if let Some(why) = &b.change_note {
                note(&mut notes, &format!("{key}.f_change"), why.clone());
            }
            if let Some(why) = &b.vif_note {
                note(&mut notes, &format!("{key}.vif"), why.clone());
            }
            out.blocks.push(RegressionBlock {
                block: b.block,
                predictors: b.added.clone(),
                r2: b.r2,
                adj_r2: b.adj_r2,
                delta_r2: b.delta_r2,
                f_change: b.change.as_ref().map(|f| f.f),
                df1: b.change.as_ref().map(|f| f.df1),
                df2: b.change.as_ref().map(|f| f.df2),
                p_change: b.change.as_ref().map(|f| f.p_value),
                f: b.overall.as_ref().map(|f| f.f),
                p: b.overall.as_ref().map(|f| f.p_value),
            });
            for c in &b.coefficients {
                out.coefficients.push(RegressionCoefficient {
                    block: b.block,
                    term: c.name.clone(),
                    b: c.estimate,
                    se: c.se,
                    beta: c.beta,
                    t: c.t,
                    p: c.p_value,
                    ci_low: c.ci_low,
                    ci_high: c.ci_high,
                    vif: c.vif,
                    note: c.note.clone().map(Note::Stat),
                });
            }
        }
    }
    out.notes = notes;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_sort_as_r_factor_does() {
        let cells = [Some("10"), Some("2"), None, Some("2"), Some("1")];
        let (levels, codes) = factor_levels(&cells);
        assert_eq!(levels, ["1", "2", "10"]);
        assert_eq!(codes, [Some(2), Some(1), None, Some(1), Some(0)]);
        let (levels, _) = factor_levels(&[Some("girl"), Some("boy")]);
        assert_eq!(levels, ["boy", "girl"]);
    }
}
