//! The report of `prepost compare`: two waves of a study chosen and matched, every scale
//! analysed (in parallel), reliability and reliable change, the comparison group, p-values
//! adjusted across scales.

use super::small_study::{self, SmallStudyOptions};
use super::survey::compare_levels;
use super::waves::{analyze_waves, follow_up, mixed, mixed_groups, series_subset};
use super::{
    adjust_across_scales, analyze_scale, between_groups, reliable_change_of, subset,
    AnalysisOptions, CutoffRule, RciOptions,
};
use crate::error::{list_some, DataError};
use crate::io::output::same_file;
use crate::io::trace;
use crate::model::{
    Attrition, ChangeRule, ChangeTable, Contrasts, KGroups, Options, RciSummary, Reliability,
    ReliableImprovement, Report, ScaleInfo, ScaleResult, ScoreRule, WaveAttrition,
};
use crate::note::Note;
use crate::scale::kernel::InvalidPolicy;
use crate::stats::ancova_groups::{ancova_groups, PairwiseAdjust};
use crate::stats::differences;
use crate::stats::post_hoc::PostHocMethod;
use crate::stats::proportions;
use crate::stats::rci::Criterion;
use crate::study::layout::{Layout, StudyOptions};
use crate::study::{Id, Study};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Reliable-change choices of the command line, for every scale: the method, each scale's
/// reliability, cut-off and norms, the Jacobson-Truax criterion, the scales where lower is
/// better.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RciChoices {
    pub method: crate::stats::rci::RciMethod,
    pub reliability: Vec<(String, f64)>,
    pub cutoff: Vec<(String, f64)>,
    pub norm: Vec<(String, f64, f64)>,
    pub criterion: Option<Criterion>,
    pub lower_is_better: Vec<String>,
}

/// What a comparison of two waves is asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareOptions {
    /// The labels of the two waves compared (None: the defaults; see [`crate::study`]).
    pub pre_label: Option<String>,
    pub post_label: Option<String>,
    pub analysis: AnalysisOptions,
    /// `--treatment` (with the study's group column).
    pub treatment: Option<String>,
    /// With three or more waves: the pairs of waves compared.
    pub contrasts: Contrasts,
    pub rci: RciChoices,
    /// Sensitivity, Bayes factors, equivalence.
    pub small_study: SmallStudyOptions,
    /// `--no-participants`.
    pub no_participants: bool,
}

/// Above this many participants the per-participant tables are left out unless asked for.
pub const AUTO_LIMIT: usize = 200;

/// The two waves compared: the labels given; else "pre" and "post" where the study has them,
/// else the first wave and the one after the pre-test. Returns them and a note when the
/// choice was not the user's.
fn compared_waves(
    study: &Study,
    layout: &Layout,
    config: &CompareOptions,
) -> Result<(usize, usize, Option<Note>), DataError> {
    let labels: Vec<&str> = study.waves.iter().map(|w| w.label.as_str()).collect();
    if study.waves.len() < 2 {
        return Err(DataError::new(format!(
            "has only one wave (\"{}\"); compare needs two",
            labels.join("")
        ))
        .file(study.inputs.join(", ")));
    }
    let find = |label: &str| -> Result<usize, DataError> {
        study.wave_index(label).ok_or_else(|| {
            let (file, column) = match layout {
                Layout::Long { data, time, .. } => (data.display().to_string(), time.clone()),
                _ => (study.inputs.join(", "), String::new()),
            };
            let mut e = DataError::new(format!(
                "no row has the time label \"{label}\"; the labels are: {}",
                {
                    let mut sorted = labels.clone();
                    sorted.sort_unstable();
                    sorted.join(", ")
                }
            ))
            .file(file)
            .hint("set the labels with --pre-label and --post-label");
            if !column.is_empty() {
                e = e.column(column);
            }
            e
        })
    };
    let pre = match &config.pre_label {
        Some(l) => find(l)?,
        None => study.wave_index("pre").unwrap_or(0),
    };
    let post = match &config.post_label {
        Some(l) => find(l)?,
        None => match study.wave_index("post") {
            Some(p) if p != pre => p,
            _ if pre + 1 < study.waves.len() => pre + 1,
            _ => {
                return Err(DataError::new(format!(
                    "no wave follows \"{}\" to compare it with; the waves are: {}",
                    labels[pre],
                    labels.join(", ")
                ))
                .hint("choose the waves with --pre-label and --post-label"))
            }
        },
    };
    if pre == post {
        let (given, other) = if config.post_label.is_some() {
            ("--post-label", "--pre-label")
        } else {
            ("--pre-label", "--post-label")
        };
        return Err(DataError::new(format!(
            "{given} names wave \"{}\", which is also the wave it would be compared with",
            labels[pre]
        ))
        .file(study.inputs.join(", "))
        .hint(format!(
            "give {other} too; the waves are: {}",
            labels.join(", ")
        )));
    }
    // the difference is post − pre: the pre-test is the earlier wave (where the order of time
    // is known)
    if pre > post && !study.by_appearance {
        return Err(DataError::new(format!(
            "the pre-test would be wave \"{}\", which comes after the post-test, wave \"{}\" (the waves in order of time: {}); the difference is later minus earlier",
            labels[pre],
            labels[post],
            labels.join(", ")
        ))
        .file(study.inputs.join(", "))
        .hint("give --pre-label the earlier wave and --post-label the later one (with --waves, the order of time)"));
    }
    let chosen = config.pre_label.is_some() && config.post_label.is_some()
        || (labels[pre] == "pre" && labels[post] == "post");
    let note = (!chosen).then(|| Note::WavesChosen {
        pre: labels[pre].to_string(),
        post: labels[post].to_string(),
    });
    Ok((pre, post, note))
}

/// Checks that every scale named in a per-scale option exists.
fn check_scale_names(config: &CompareOptions, names: &[String]) -> Result<(), DataError> {
    let rci = &config.rci;
    let named = rci
        .reliability
        .iter()
        .map(|(n, _)| ("--reliability", n))
        .chain(rci.cutoff.iter().map(|(n, _)| ("--cutoff", n)))
        .chain(rci.norm.iter().map(|(n, _, _)| ("--norm", n)))
        .chain(rci.lower_is_better.iter().map(|n| ("--lower-is-better", n)))
        .chain(
            config
                .small_study
                .equivalence
                .iter()
                .map(|(n, _, _)| ("--equivalence", n)),
        );
    for (flag, name) in named {
        if !names.contains(name) {
            return Err(DataError::new(format!(
                "{flag} names the scale \"{name}\", which is not compared; the scales are: {}",
                names.join(", ")
            )));
        }
    }
    Ok(())
}

/// The groups of the `--group` column compared.
#[derive(Debug, Clone, PartialEq)]
enum Design {
    /// Two labels: (treatment, comparison).
    Pair(String, String),
    /// Three or more labels, in the order compared: sorted as R's `factor()` sorts them, with
    /// `--treatment` (if given) moved first as the reference.
    Levels(Vec<String>),
}

impl Design {
    /// The labels in the order compared (treatment first with two).
    fn levels(&self) -> Vec<String> {
        match self {
            Design::Pair(t, c) => vec![t.clone(), c.clone()],
            Design::Levels(l) => l.clone(),
        }
    }

    fn pair(&self) -> Option<(&String, &String)> {
        match self {
            Design::Pair(t, c) => Some((t, c)),
            Design::Levels(_) => None,
        }
    }
}

/// The groups compared: two labels need `--treatment` (which of them is the treatment);
/// three or more are compared as they are. Checks that every participant of the compared
/// waves has a label.
fn group_design(
    study: &Study,
    treatment: Option<&str>,
    column: &str,
    (pre, post): (usize, usize),
) -> Result<Design, DataError> {
    let groups = study.groups.as_ref().expect("a study with groups");
    let levels: std::collections::BTreeSet<&str> = groups
        .of
        .iter()
        .map(|g| &**g)
        .filter(|g| !g.is_empty())
        .collect();
    let listed = || list_some(levels.iter().copied(), 10);
    if let Some(treatment) = treatment.filter(|t| !levels.contains(t)) {
        return Err(DataError::new(format!(
            "--treatment \"{treatment}\" is not a label of the group column \"{column}\"; its labels are: {}",
            listed()
        )));
    }
    if levels.len() < 2 {
        return Err(DataError::new(format!(
            "the group column \"{column}\" has {} label{} ({}); a comparison of groups needs at least two",
            levels.len(),
            if levels.len() == 1 { "" } else { "s" },
            listed()
        ))
        .hint("drop --group to analyse everyone together"));
    }
    if levels.len() == 2 && treatment.is_none() {
        return Err(DataError::new(format!(
            "the group column \"{column}\" has two labels ({}); say which is the treatment",
            listed()
        ))
        .hint("give --treatment LABEL (differences are treatment minus comparison)"));
    }
    // A participant first measured at a later wave, in a file without the group column, has
    // no label; it must not count in the comparison group by default.
    let wave = &study.waves[pre];
    for r in 0..wave.len() as u32 {
        let p = study.participant(pre, r);
        if study.row(post, p).is_some() && groups.of[p as usize].is_empty() {
            return Err(DataError::new("the group is missing")
                .file(&wave.source)
                .row(wave.rows.get(r as usize))
                .id(study.id(p))
                .column(column)
                .hint("every compared participant needs a group label"));
        }
    }
    if levels.len() == 2 {
        let treatment = treatment.expect("checked above");
        let comparison = levels
            .into_iter()
            .find(|l| *l != treatment)
            .unwrap_or_default()
            .to_string();
        return Ok(Design::Pair(treatment.to_string(), comparison));
    }
    let cells: Vec<Option<&str>> = levels.iter().map(|l| Some(*l)).collect();
    let (mut order, _) = super::survey::factor_levels(&cells);
    // labelled groups (an SPSS file's) in the order of their codes
    groups.value_labels.sort_levels(column, &mut order);
    if let Some(k) = treatment.and_then(|t| order.iter().position(|l| l == t)) {
        let first = order.remove(k);
        order.insert(0, first);
    }
    Ok(Design::Levels(order))
}

/// The notes of the report: waves not compared, the study's, each compared wave's scoring,
/// and the same file given twice.
fn report_notes(
    study: &Study,
    layout: &Layout,
    pre: usize,
    post: usize,
    chosen: Option<Note>,
) -> Vec<Note> {
    let mut notes = Vec::new();
    let others: Vec<String> = study
        .waves
        .iter()
        .enumerate()
        .filter(|(w, _)| *w != pre && *w != post)
        .map(|(_, w)| w.label.clone())
        .collect();
    if !others.is_empty() {
        notes.push(Note::WavesNotCompared { waves: others });
    }
    notes.extend(chosen);
    notes.extend(study.notes.iter().cloned());
    // how the answers of each wave analysed were scored
    for wave in &study.waves {
        notes.extend(wave.notes.iter().cloned());
    }
    if let Layout::Files { .. } = layout {
        let (a, b) = (&study.waves[pre].input, &study.waves[post].input);
        if a == b || same_file(Path::new(a), Path::new(b)) {
            notes.push(Note::SameFile {
                pre: study.waves[pre].label.clone(),
                post: study.waves[post].label.clone(),
                file: a.clone(),
            });
        }
    }
    notes
}

/// One scale analysed: its results, the rule that classifies each participant's change, and
/// (three or more waves) who is left out of the analyses across the waves.
struct Analysed {
    result: ScaleResult,
    rule: ChangeRule,
    /// With a comparison group: (treatment label, its rule, the comparison group's rule).
    group_rules: Option<(String, ChangeRule, ChangeRule)>,
    incomplete: Vec<Id>,
}

/// The reliably improved in each group compared: the difference of the shares with Newcombe's
/// interval and Fisher's exact p (None when either group has no reliable change).
fn reliable_improvement(
    treatment: Option<&RciSummary>,
    comparison: Option<&RciSummary>,
    level: f64,
) -> Option<ReliableImprovement> {
    let counts = |r: &RciSummary| -> Option<(usize, usize)> {
        r.s_diff?;
        let n: usize = r.counts.values().sum();
        Some((r.counts.get("reliably_improved").copied().unwrap_or(0), n))
    };
    let (t, c) = (counts(treatment?)?, counts(comparison?)?);
    let (d, lo, hi) =
        proportions::difference(t.0 as u64, t.1 as u64, c.0 as u64, c.1 as u64, level).ok()?;
    Some(ReliableImprovement {
        treatment_improved: t.0,
        treatment_n: t.1,
        comparison_improved: c.0,
        comparison_n: c.1,
        difference: d,
        ci_low: lo,
        ci_high: hi,
        fisher_p: proportions::fisher_exact(
            t.0 as u64,
            (t.1 - t.0) as u64,
            c.0 as u64,
            (c.1 - c.0) as u64,
        ),
    })
}

/// Builds the report of a comparison of two waves of `study`.
pub fn compare(
    study: Arc<Study>,
    loaded: &StudyOptions,
    config: &CompareOptions,
) -> Result<Report, DataError> {
    let (pre, post, chosen) = compared_waves(&study, &loaded.layout, config)?;
    let t = std::time::Instant::now();
    let pairing = study.pair(pre, post)?;
    trace::phase("pairing", t);
    let opts = &config.analysis;
    let small = &config.small_study;
    let names: Vec<String> = study.scores.clone();
    check_scale_names(config, &names)?;
    let design = match &study.groups {
        Some(g) => Some(group_design(
            &study,
            config.treatment.as_deref(),
            &g.column,
            (pre, post),
        )?),
        None => None,
    };
    let labels = design
        .as_ref()
        .and_then(Design::pair)
        .map(|(t, c)| (t.clone(), c.clone()));
    let column = study.groups.as_ref().map(|g| g.column.clone());
    let critical = config.rci.method.critical(opts.conf_level);
    let scale = study.scale.as_ref();
    let rci = &config.rci;

    // Three or more waves: every scale across all of them too.
    let wave_labels: Vec<&str> = study.waves.iter().map(|w| w.label.as_str()).collect();
    let all_waves: Vec<usize> = (0..study.waves.len()).collect();
    let across_waves = study.waves.len() > 2;

    // Every scale on its own (in parallel: a million pairs take a while per scale).
    let per_scale = |k: usize| -> Analysed {
        let t = std::time::Instant::now();
        let rows = &pairing.scales[k];
        let paired = study.paired(&pairing, rows);
        let mut result = analyze_scale(&paired, opts);
        small_study::paired(&mut result, small, opts.alternative);
        trace::phase(&format!("statistics of {}", paired.name), t);
        let def = scale.map(|s| &s.scores[k]);

        // Reliability of item-level scores, at pre and post.
        if scale.is_some() {
            let mut rel = Reliability::default();
            for (label, w, slot) in [("pre", pre, &mut rel.pre), ("post", post, &mut rel.post)] {
                match &study.waves[w].reliability[k] {
                    Ok(a) => *slot = Some(a.clone()),
                    Err(why) => {
                        result
                            .notes
                            .insert(format!("reliability.{label}"), why.clone().into());
                    }
                }
            }
            result.reliability = Some(rel);
        }

        // Reliable change: a given reliability, else the pre-test alpha from the data.
        let reliability = rci
            .reliability
            .iter()
            .find(|(n, _)| *n == paired.name)
            .map(|(_, v)| (*v, "given".to_string()))
            .or_else(|| {
                result
                    .reliability
                    .as_ref()
                    .and_then(|r| r.pre.as_ref())
                    .map(|a| (a.alpha, "data".to_string()))
            });
        let cutoff = if let Some((_, v)) = rci.cutoff.iter().find(|(n, _)| *n == paired.name) {
            Some(CutoffRule::Given(*v))
        } else if let Some((_, m, sd)) = rci.norm.iter().find(|(n, _, _)| *n == paired.name) {
            Some(CutoffRule::Criterion {
                criterion: rci.criterion.unwrap_or_default(),
                norm: Some((*m, *sd)),
            })
        } else {
            rci.criterion
                .filter(|c| *c == Criterion::A)
                .map(|c| CutoffRule::Criterion {
                    criterion: c,
                    norm: None,
                })
        };
        let higher_is_better =
            def.is_none_or(|d| d.higher_is_better) && !rci.lower_is_better.contains(&paired.name);
        let rci_opts = RciOptions {
            reliability,
            critical,
            higher_is_better,
            cutoff,
            norm: rci
                .norm
                .iter()
                .find(|(n, _, _)| *n == paired.name)
                .map(|(_, m, sd)| (*m, *sd)),
            method: rci.method,
        };
        let t = std::time::Instant::now();
        let (summary, rule, note) = reliable_change_of(
            &paired,
            (result.pre.as_ref(), result.post.as_ref(), result.r_pre_post),
            &rci_opts,
        );
        trace::phase(&format!("reliable change of {}", paired.name), t);
        if let Some(note) = note {
            result.notes.insert("rci".into(), note);
        }
        let t = std::time::Instant::now();
        let series = across_waves.then(|| study.series(k, &all_waves));
        trace::phase(
            &format!("complete cases of {} at every wave", paired.name),
            t,
        );
        if let Some(series) = &series {
            let t = std::time::Instant::now();
            analyze_waves(series, &wave_labels, opts, config.contrasts, &mut result);
            follow_up(
                series,
                &wave_labels,
                (pre, post),
                &rule,
                &summary,
                opts,
                &mut result,
            );
            trace::phase(&format!("across the waves: {}", paired.name), t);
        }
        result.rci = Some(summary);

        // One group on its own: its paired analysis, its reliable change by its own pre-test
        // (the rule returned), and across the waves its participants with a value at each.
        let within_group = |part: &crate::study::PairedScale,
                            across: Option<crate::study::WaveSeries>|
         -> (ScaleResult, ChangeRule) {
            let mut within = analyze_scale(part, opts);
            small_study::paired(&mut within, small, opts.alternative);
            let (summary, rule, note) = reliable_change_of(
                part,
                (within.pre.as_ref(), within.post.as_ref(), within.r_pre_post),
                &rci_opts,
            );
            if let Some(note) = note {
                within.notes.insert("rci".into(), note);
            }
            within.rci = Some(summary);
            if let Some(part) = &across {
                analyze_waves(part, &wave_labels, opts, config.contrasts, &mut within);
            }
            (within, rule)
        };

        // Comparison group: within each group, and between them.
        let mut group_rules = None;
        if let Some((treatment, comparison)) = &labels {
            let is_treatment: Vec<bool> = paired
                .participants
                .iter()
                .map(|&p| study.group(p) == Some(treatment.as_str()))
                .collect();
            // (and across the waves: the participants with a value at every wave)
            let across: Option<Vec<bool>> = series.as_ref().map(|s| {
                s.participants
                    .iter()
                    .map(|&p| study.group(p) == Some(treatment.as_str()))
                    .collect()
            });
            let mut groups = BTreeMap::new();
            let mut rules = Vec::new();
            for (label, keep) in [(treatment, true), (comparison, false)] {
                let (within, rule) = within_group(
                    &subset(&paired, &is_treatment, keep),
                    series
                        .as_ref()
                        .zip(across.as_ref())
                        .map(|(series, flags)| series_subset(series, flags, keep)),
                );
                rules.push(rule);
                groups.insert(label.clone(), within);
            }
            group_rules = Some((treatment.clone(), rules[0], rules[1]));
            if let (Some(series), Some(flags)) = (&series, &across) {
                mixed(
                    series,
                    &wave_labels,
                    pre,
                    flags,
                    opts.conf_level,
                    &mut result,
                );
            }
            let mut between = between_groups(
                &paired,
                &is_treatment,
                (treatment, comparison),
                opts,
                &mut result.notes,
            );
            small_study::between(
                &mut between,
                &paired,
                &is_treatment,
                small,
                opts.alternative,
                &mut result.notes,
            );
            between.reliable_change = reliable_improvement(
                groups.get(treatment).and_then(|g| g.rci.as_ref()),
                groups.get(comparison).and_then(|g| g.rci.as_ref()),
                opts.conf_level,
            );
            result.groups = Some(groups);
            result.between_groups = Some(between);
        }
        if let (Some(design), Some(column)) = (&design, &column) {
            let levels = design.levels();
            // each participant's level (its place in `levels`)
            let level_of = |participants: &[u32]| -> Vec<Option<usize>> {
                participants
                    .iter()
                    .map(|&p| {
                        study
                            .group(p)
                            .and_then(|g| levels.iter().position(|l| l == g))
                    })
                    .collect()
            };
            let codes = level_of(&paired.participants);
            let by_level = |v: &[f64]| -> Vec<Vec<f64>> {
                let mut out = vec![Vec::new(); levels.len()];
                for (x, c) in v.iter().zip(&codes) {
                    if let Some(c) = c {
                        out[*c].push(*x);
                    }
                }
                out
            };
            let conf = opts.conf_level;
            result.baseline = Some(compare_levels(
                &paired.name,
                column,
                &levels,
                &by_level(&paired.pre),
                &[],
                conf,
            ));
            if let Design::Levels(levels) = design {
                let mut groups = BTreeMap::new();
                for (k, label) in levels.iter().enumerate() {
                    let flags: Vec<bool> = codes.iter().map(|c| *c == Some(k)).collect();
                    let across = series.as_ref().map(|series| {
                        let flags: Vec<bool> = series
                            .participants
                            .iter()
                            .map(|&p| study.group(p) == Some(label.as_str()))
                            .collect();
                        series_subset(series, &flags, true)
                    });
                    let (within, _) = within_group(&subset(&paired, &flags, true), across);
                    groups.insert(label.clone(), within);
                }
                result.groups = Some(groups);
                // across the waves: the mixed ANOVA of the k groups (afex's aov_ez)
                if let Some(series) = &series {
                    let group: Option<Vec<usize>> =
                        level_of(&series.participants).into_iter().collect();
                    if let Some(group) = group {
                        mixed_groups(
                            series,
                            &wave_labels,
                            pre,
                            (&group, levels.len()),
                            None,
                            conf,
                            &mut result,
                        );
                    }
                }
                let change = differences(&paired.pre, &paired.post);
                let ancova = match ancova_groups(
                    &paired.pre,
                    &paired.post,
                    levels,
                    &codes,
                    PairwiseAdjust::Tukey,
                    conf,
                ) {
                    Ok(a) => Some(a),
                    Err(why) => {
                        result
                            .notes
                            .insert("k_groups.ancova".into(), Note::Stat(why));
                        None
                    }
                };
                result.k_groups = Some(KGroups {
                    change: compare_levels(
                        &paired.name,
                        column,
                        levels,
                        &by_level(&change),
                        &[PostHocMethod::Tukey, PostHocMethod::GamesHowell],
                        conf,
                    ),
                    ancova,
                });
            }
        }
        let incomplete = series.map(|s| s.incomplete).unwrap_or_default();
        Analysed {
            result,
            rule,
            group_rules,
            incomplete,
        }
    };
    // the largest scales first (the total of many items takes longest), one at a time per
    // worker, so that the workers finish together
    let mut order: Vec<usize> = (0..pairing.scales.len()).collect();
    if let Some(s) = scale {
        order.sort_by_key(|&k| std::cmp::Reverse(s.scores[k].items.len()));
    }
    let mut done: Vec<(usize, Analysed)> = order
        .into_par_iter()
        .with_max_len(1)
        .map(|k| (k, per_scale(k)))
        .collect();
    done.sort_by_key(|(k, _)| *k);

    let t_end = std::time::Instant::now();
    let mut change = ChangeTable::new(Arc::clone(&study));
    let mut scales = Vec::with_capacity(done.len());
    let mut incomplete_by_scale = BTreeMap::new();
    for ((_, done), rows) in done.into_iter().zip(pairing.scales.iter().cloned()) {
        let Analysed {
            result,
            rule,
            group_rules,
            incomplete,
        } = done;
        if !incomplete.is_empty() {
            incomplete_by_scale.insert(result.scale.clone(), incomplete);
        }
        scales.push(result);
        change.push(&pairing, rows, rule, group_rules);
    }
    // Item-level input: the subscales are one family of tests and the total its own.
    let family: Vec<usize> = match scale {
        Some(s) => s.scores.iter().map(|s| usize::from(s.is_total)).collect(),
        None => vec![0; scales.len()],
    };
    adjust_across_scales(&mut scales, opts.p_adjust, &family);
    if let Some(design) = &design {
        for label in &design.levels() {
            let mut within: Vec<ScaleResult> = scales
                .iter()
                .map(|s| {
                    s.groups
                        .as_ref()
                        .and_then(|g| g.get(label))
                        .cloned()
                        .expect("every scale has both groups")
                })
                .collect();
            adjust_across_scales(&mut within, opts.p_adjust, &family);
            for (s, w) in scales.iter_mut().zip(within) {
                if let Some(g) = s.groups.as_mut() {
                    g.insert(label.clone(), w);
                }
            }
        }
    }
    trace::phase("p-value adjustment", t_end);

    let a = &pairing.attrition;
    let attrition = Attrition {
        n_pre: a.n_pre,
        n_post: a.n_post,
        n_matched: a.n_matched,
        only_in_pre: a.only_pre.clone(),
        only_in_post: a.only_post.clone(),
        missing_by_scale: pairing
            .scales
            .iter()
            .filter(|s| !s.missing.is_empty())
            .map(|s| (s.name.clone(), s.missing.clone()))
            .collect(),
        incomplete_by_scale: across_waves.then_some(incomplete_by_scale),
        waves: (study.waves.len() > 2).then(|| {
            study
                .waves
                .iter()
                .zip(study.absent())
                .map(|(w, absent)| WaveAttrition {
                    label: w.label.clone(),
                    n: w.len(),
                    absent,
                })
                .collect()
        }),
    };
    let mut notes = report_notes(&study, &loaded.layout, pre, post, chosen);
    let matched = pairing.attrition.n_matched;
    let show_participants = !config.no_participants && matched <= AUTO_LIMIT;
    if !config.no_participants && !show_participants {
        notes.push(Note::ParticipantsLeftOut {
            n: matched,
            limit: AUTO_LIMIT,
        });
    }
    let items = loaded.items.as_ref();
    let item_changes = items.filter(|it| it.answers).map(|_| {
        let t = std::time::Instant::now();
        let groups = labels.as_ref().map(|(t, c)| (t.as_str(), c.as_str()));
        let out = super::items::item_changes(&study, (pre, post), groups, opts);
        trace::phase("items", t);
        out
    });
    Ok(Report {
        prepost_version: env!("CARGO_PKG_VERSION").to_string(),
        options: Options {
            layout: study.layout.to_string(),
            inputs: study.inputs.clone(),
            id: study.id_column.clone(),
            difference: "post - pre".to_string(),
            alternative: opts.alternative,
            conf_level: opts.conf_level,
            wilcoxon_method: opts.wilcoxon.method,
            continuity_correction: opts.wilcoxon.correct,
            zero_method: opts.wilcoxon.zero_method,
            p_adjust: opts.p_adjust,
            group: loaded.group.clone(),
            treatment: labels.as_ref().map(|l| l.0.clone()),
            comparison: labels.as_ref().map(|l| l.1.clone()),
            group_levels: match &design {
                Some(Design::Levels(l)) => Some(l.clone()),
                _ => None,
            },
            group_value_labels: study
                .groups
                .as_ref()
                .and_then(|g| crate::model::ValueLabel::of(&g.value_labels, &g.column)),
            scale: scale.zip(items).map(|(s, it)| ScaleInfo {
                name: s.name.clone(),
                labels: s.labels.clone(),
                spec: it.spec.display().to_string(),
                min: s.min,
                max: s.max,
                items: s.items.len(),
                reverse: s.reverse.clone(),
                invalid: match it.invalid {
                    InvalidPolicy::Error => "error",
                    InvalidPolicy::Missing => "missing",
                }
                .to_string(),
                alpha_missing: it.alpha_missing,
                scores: s
                    .scores
                    .iter()
                    .map(|d| ScoreRule {
                        scale: d.name.clone(),
                        labels: d.labels.clone(),
                        items: d.items.len(),
                        method: d.method.as_str().to_string(),
                        min_answered: d.required(),
                        is_total: d.is_total,
                    })
                    .collect(),
            }),
            compared_waves: across_waves
                .then(|| [wave_labels[pre].to_string(), wave_labels[post].to_string()]),
            contrasts: across_waves.then_some(config.contrasts),
            alpha: small.alpha,
            power: small.power,
            prior_scale: small.prior_scale,
            participants: show_participants,
        },
        attrition,
        scales,
        change,
        notes,
        items: item_changes,
    })
}
