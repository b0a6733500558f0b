//! From the sessions of single cases to their effect sizes: for each case and score, the
//! phases' descriptives, and each phase against the one before it (and, with more than two
//! phases, every baseline session against every treatment session) by every measure of
//! [`crate::stats::single_case`]; with several cases, each measure averaged over them.

use crate::error::DataError;
use crate::model::{
    CaseAverage, CaseAverageMeasure, CaseContrast, CaseMeasure, CaseOptions, CaseRci, CaseReport,
    CaseResult, CaseScore, InverseVarianceAverage, PhaseSummary,
};
use crate::note::Note;
use crate::stats::describe::{median, sd};
use crate::stats::distributions::qnorm;
use crate::stats::rci::{reliable_change, s_diff};
use crate::stats::single_case::{
    self as sc, CaseEstimate, Improvement, LrrKind, Measure, OutcomeScale, RatioOptions, SmdSd,
    Weighting,
};
use crate::stats::Outcome;
use crate::study::case::{phases_of, CaseData};
use std::collections::BTreeMap;

/// The measures in report order, with their JSON names.
pub const MEASURES: [&str; 12] = [
    "nap", "pnd", "pem", "pand", "ird", "tau", "tau_bc", "tau_u", "smd", "smd_pool", "lrr", "lor",
];

/// The measures whose average over cases is also weighted by inverse variance: those on an
/// unbounded scale with a standard error (SingleCaseES recommends it for the LRR).
pub const INVERSE_VARIANCE: [&str; 4] = ["smd", "smd_pool", "lrr", "lor"];

/// What a single-case analysis is asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseSettings {
    /// The phase labels of the baseline and the treatment (None: the first two in order).
    pub baseline: Option<String>,
    pub treatment: Option<String>,
    /// `--improvement`: the direction of improvement for every score (None) or one.
    pub improvement: Vec<(Option<String>, Improvement)>,
    /// `--outcome-scale`, `--intervals`, `--session-length`: for every score (None) or one;
    /// they set the truncation of the log response and log odds ratios.
    pub outcome_scale: Vec<(Option<String>, OutcomeScale)>,
    pub intervals: Vec<(Option<String>, f64)>,
    pub session_length: Vec<(Option<String>, f64)>,
    pub conf_level: f64,
    /// `--reliability` and `--norm`: the reliable change of each contrast.
    pub reliability: Vec<(String, f64)>,
    pub norm: Vec<(String, f64, f64)>,
}

/// The report of `case`.
pub fn analyze(data: &CaseData, config: &CaseSettings) -> Result<CaseReport, DataError> {
    let (baseline, treatment) = design_labels(data, config)?;
    let improvement = improvements(data, config)?;
    let ratio = ratio_options(data, config)?;
    let level = config.conf_level;
    let s_diffs = s_diffs(data, config)?;
    let mut notes = data.notes.clone();
    let cases: Vec<CaseResult> = data
        .cases
        .iter()
        .map(|case| CaseResult {
            id: case.id.clone(),
            scores: data
                .scores
                .iter()
                .enumerate()
                .map(|(k, score)| {
                    let missing = case.values[k].iter().filter(|v| v.is_nan()).count();
                    if missing > 0 {
                        notes.push(Note::CaseSessionsLeftOut {
                            case: case.id.clone(),
                            n: missing,
                            score: score.clone(),
                        });
                    }
                    let mut result = analyze_score(
                        score,
                        (improvement[k], &ratio[k]),
                        (&case.sessions, &case.phases, &case.values[k]),
                        (&baseline, &treatment),
                        level,
                    );
                    if let Some(s_diff) = s_diffs[k] {
                        add_reliable_change(&mut result, s_diff, level);
                    }
                    result
                })
                .collect(),
        })
        .collect();
    let average = if cases.len() > 1 {
        averages(&cases, &data.scores, level, &mut notes)
    } else {
        Vec::new()
    };
    Ok(CaseReport {
        prepost_version: env!("CARGO_PKG_VERSION").to_string(),
        options: CaseOptions {
            input: data.input.clone(),
            labels: data
                .scale
                .iter()
                .flat_map(|sc| &sc.scores)
                .filter(|d| d.labels != Default::default())
                .map(|d| (d.name.clone(), d.labels.clone()))
                .collect(),
            id: data.id.clone(),
            session: data.session.clone(),
            phase: data.phase.clone(),
            baseline,
            treatment,
            conf_level: level,
            scale: data.spec.clone(),
        },
        cases,
        average,
        notes,
    })
}

/// The baseline and treatment labels: as given (they must occur), else the first two labels in
/// session order.
fn design_labels(data: &CaseData, config: &CaseSettings) -> Result<(String, String), DataError> {
    let mut seen: Vec<&str> = Vec::new();
    for case in &data.cases {
        for p in &case.phases {
            if !seen.contains(&p.as_str()) {
                seen.push(p);
            }
        }
    }
    let known = |label: &str, option: &str| -> Result<String, DataError> {
        if seen.contains(&label) {
            Ok(label.to_string())
        } else {
            Err(DataError::new(format!(
                "no session has the phase \"{label}\" ({option}); the phases are: {}",
                seen.join(", ")
            ))
            .file(&data.input)
            .column(&data.phase))
        }
    };
    let baseline = match &config.baseline {
        Some(l) => known(l, "--baseline")?,
        None => seen.first().map(|s| s.to_string()).unwrap_or_default(),
    };
    let treatment = match &config.treatment {
        Some(l) => known(l, "--treatment")?,
        None => match seen.iter().find(|&&l| l != baseline) {
            Some(l) => l.to_string(),
            None => {
                return Err(DataError::new(format!(
                    "every session is in phase \"{baseline}\"; a single-case design needs a baseline and an intervention phase"
                ))
                .file(&data.input)
                .column(&data.phase)
                .hint("label the phases (e.g. A for the baseline, B for the intervention)"))
            }
        },
    };
    Ok((baseline, treatment))
}

/// Each score's S_diff from `--reliability` and `--norm` (both needed; the names must be scores).
fn s_diffs(data: &CaseData, config: &CaseSettings) -> Result<Vec<Option<f64>>, DataError> {
    let not_a_score = |option: &str, n: &str| {
        DataError::new(format!(
            "{option} names \"{n}\", which is not a score; the scores are: {}",
            data.scores.join(", ")
        ))
        .file(&data.input)
    };
    for (n, _) in &config.reliability {
        if !data.scores.contains(n) {
            return Err(not_a_score("--reliability", n));
        }
    }
    for (n, _, _) in &config.norm {
        if !data.scores.contains(n) {
            return Err(not_a_score("--norm", n));
        }
    }
    data.scores
        .iter()
        .map(|score| {
            let r = config.reliability.iter().find(|(n, _)| n == score);
            let norm = config.norm.iter().find(|(n, _, _)| n == score);
            match (r, norm) {
                (Some((_, r)), Some((_, _, sd))) => s_diff(*sd, *r).map(Some).map_err(|why| {
                    DataError::new(format!("the reliable change of {score}: {why}"))
                        .hint("give a reliability in [0, 1) and a norm SD above 0")
                }),
                (Some(_), None) | (None, Some(_)) => Err(DataError::new(format!(
                    "the reliable change of {score} needs both --reliability and --norm"
                ))),
                (None, None) => Ok(None),
            }
        })
        .collect()
}

/// The reliable change of each contrast: RCI = (M_B − M_A)/S_diff of the phases' means, a
/// reliable change beyond the critical z of `level`, in the score's direction of improvement.
fn add_reliable_change(result: &mut CaseScore, s_diff: f64, level: f64) {
    let critical = qnorm(1.0 - (1.0 - level) / 2.0);
    let higher_is_better = result.improvement == Improvement::Increase;
    let mean_of = |c: &CaseContrast, baseline: bool| -> Option<f64> {
        let name = if baseline { &c.baseline } else { &c.treatment };
        // a phase (A1) or a pooled label (A): the mean of its sessions
        let sessions: Vec<f64> = result
            .phases
            .iter()
            .filter(|p| &p.label == name || &p.phase == name)
            .flat_map(|p| p.scores.iter().copied())
            .collect();
        (!sessions.is_empty()).then(|| sessions.iter().sum::<f64>() / sessions.len() as f64)
    };
    let rcis: Vec<Option<CaseRci>> = result
        .contrasts
        .iter()
        .map(|c| {
            let (a, b) = (mean_of(c, true)?, mean_of(c, false)?);
            let (value, class) = reliable_change(a, b, s_diff, critical, higher_is_better);
            Some(CaseRci {
                value,
                s_diff,
                class: class.as_str(),
            })
        })
        .collect();
    for (c, r) in result.contrasts.iter_mut().zip(rcis) {
        c.rci = r;
    }
}

/// Each score's direction of improvement: `--improvement SCORE=…`, else `--improvement …`,
/// else the scale spec's direction, else an increase.
fn improvements(data: &CaseData, config: &CaseSettings) -> Result<Vec<Improvement>, DataError> {
    let chosen = per_score(data, "--improvement", &config.improvement)?;
    Ok(data
        .scores
        .iter()
        .zip(chosen)
        .map(|(score, chosen)| {
            let spec = data.scale.as_ref().and_then(|s| {
                s.scores.iter().find(|d| &d.name == score).map(|d| {
                    if d.higher_is_better {
                        Improvement::Increase
                    } else {
                        Improvement::Decrease
                    }
                })
            });
            chosen.or(spec).unwrap_or_default()
        })
        .collect())
}

/// Each score's scale and truncation of the log response and log odds ratios.
fn ratio_options(data: &CaseData, config: &CaseSettings) -> Result<Vec<RatioOptions>, DataError> {
    let scales = per_score(data, "--outcome-scale", &config.outcome_scale)?;
    let intervals = per_score(data, "--intervals", &config.intervals)?;
    let lengths = per_score(data, "--session-length", &config.session_length)?;
    Ok(scales
        .into_iter()
        .zip(intervals)
        .zip(lengths)
        .map(|((scale, intervals), observation_length)| RatioOptions {
            scale: scale.unwrap_or_default(),
            intervals,
            observation_length,
            ..RatioOptions::default()
        })
        .collect())
}

/// An option given as `VALUE` for every score or `SCORE=VALUE` for one: per score, the value
/// named for it, else the one for every score (a name that is not a score is an error).
fn per_score<T: Copy>(
    data: &CaseData,
    option: &str,
    given: &[(Option<String>, T)],
) -> Result<Vec<Option<T>>, DataError> {
    if let Some(n) = given
        .iter()
        .filter_map(|(n, _)| n.as_ref())
        .find(|n| !data.scores.contains(n))
    {
        return Err(DataError::new(format!(
            "{option} names \"{n}\", which is not a score; the scores are: {}",
            data.scores.join(", ")
        ))
        .file(&data.input));
    }
    let all = given.iter().find(|(n, _)| n.is_none()).map(|(_, v)| *v);
    Ok(data
        .scores
        .iter()
        .map(|score| {
            given
                .iter()
                .find(|(n, _)| n.as_deref() == Some(score))
                .map(|(_, v)| *v)
                .or(all)
        })
        .collect())
}

/// One score of one case: its phases, and the contrasts.
fn analyze_score(
    score: &str,
    (improvement, ratio): (Improvement, &RatioOptions),
    (sessions, labels, values): (&[f64], &[String], &[f64]),
    (baseline, treatment): (&str, &str),
    level: f64,
) -> CaseScore {
    let mut notes = BTreeMap::new();
    // phases from every session, then the sessions with a value of this score within each
    // (a phase without values stays a phase: its neighbours are not merged)
    let phases = phases_of(labels);
    let kept: Vec<(Vec<f64>, Vec<f64>)> = phases
        .iter()
        .map(|p| {
            p.sessions
                .clone()
                .filter(|&i| !values[i].is_nan())
                .map(|i| (sessions[i], values[i]))
                .unzip()
        })
        .collect();
    let summaries = phases
        .iter()
        .zip(&kept)
        .filter(|(_, (x, _))| !x.is_empty())
        .map(|(p, (x, y))| {
            let n = y.len();
            PhaseSummary {
                label: p.name.clone(),
                phase: p.label.clone(),
                n,
                mean: y.iter().sum::<f64>() / n as f64,
                sd: sd(y),
                median: median(y),
                slope: slope(x, y),
                sessions: x.clone(),
                scores: y.clone(),
            }
        })
        .collect();
    for (p, (x, _)) in phases.iter().zip(&kept) {
        if x.is_empty() {
            notes.insert(
                p.name.clone(),
                Note::PhaseWithoutScore {
                    phase: p.name.clone(),
                    score: score.to_string(),
                },
            );
        }
    }
    let with_values: Vec<(&str, &[f64])> = phases
        .iter()
        .zip(&kept)
        .map(|(p, (_, y))| (p.name.as_str(), y.as_slice()))
        .collect();
    let mut contrasts: Vec<CaseContrast> = with_values
        .windows(2)
        .filter(|w| !w[0].1.is_empty() && !w[1].1.is_empty())
        .map(|w| contrast(w[0], w[1], (improvement, ratio), level, false, &mut notes))
        .collect();
    if phases.len() > 2 {
        let pooled = |label: &str| -> Vec<f64> {
            phases
                .iter()
                .zip(&kept)
                .filter(|(p, _)| p.label == label)
                .flat_map(|(_, (_, y))| y.iter().copied())
                .collect()
        };
        let (a, b) = (pooled(baseline), pooled(treatment));
        if !a.is_empty() && !b.is_empty() {
            contrasts.push(contrast(
                (baseline, &a),
                (treatment, &b),
                (improvement, ratio),
                level,
                true,
                &mut notes,
            ));
        }
    }
    if contrasts.is_empty() {
        notes.insert("contrasts".into(), Note::OnePhase);
    }
    CaseScore {
        score: score.to_string(),
        improvement,
        ratio: *ratio,
        phases: summaries,
        contrasts,
        notes,
    }
}

/// Least-squares slope of y on x (None for fewer than two sessions).
fn slope(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    if x.len() < 2 {
        return None;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let sxx: f64 = x.iter().map(|v| (v - mx).powi(2)).sum();
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    (sxx > 0.0).then(|| sxy / sxx)
}

/// Every measure of one contrast; why one is missing goes into `notes` as
/// `"<baseline>-<treatment>.<measure>"`.
fn contrast(
    (a_name, a): (&str, &[f64]),
    (b_name, b): (&str, &[f64]),
    (improvement, ratio): (Improvement, &RatioOptions),
    level: f64,
    pooled: bool,
    notes: &mut BTreeMap<String, Note>,
) -> CaseContrast {
    // the sessions of pooled phases (A1 + A2) are not one series: no baseline trend
    let trend = |m: Outcome<Measure>| -> Outcome<Measure> {
        if pooled {
            Err(crate::stats::NotComputable::NotApplicable {
                why: crate::stats::Inapplicable::PooledPhasesNotASeries,
            })
        } else {
            m
        }
    };
    let mut take = |measure: &str, m: Outcome<Measure>| -> Option<CaseMeasure> {
        match m {
            Ok(m) => Some(CaseMeasure {
                value: m.value,
                se: m.se,
                ci_low: m.ci_low,
                ci_high: m.ci_high,
            }),
            // (the log odds ratio is of proportions: on another scale it is absent, as the
            // reliable change is without norms, not a note in every contrast)
            Err(crate::stats::NotComputable::NotApplicable {
                why: crate::stats::Inapplicable::LorNeedsProportions,
            }) => None,
            Err(why) => {
                notes.insert(format!("{a_name}-{b_name}.{measure}"), why.into());
                None
            }
        }
    };
    // the log response ratio is of the scores as they are (a fall is negative): SingleCaseES's
    // LRRi with improvement = "increase", which is its LRRd with improvement = "decrease"
    CaseContrast {
        baseline: a_name.to_string(),
        treatment: b_name.to_string(),
        nap: take("nap", sc::nap(a, b, improvement, level)),
        pnd: take("pnd", sc::pnd(a, b, improvement)),
        pem: take("pem", sc::pem(a, b, improvement)),
        pand: take("pand", sc::pand(a, b, improvement)),
        ird: take("ird", sc::ird(a, b, improvement)),
        tau: take("tau", sc::tau(a, b, improvement, level)),
        tau_bc: take("tau_bc", trend(sc::tau_bc(a, b, improvement, level))),
        tau_u: take("tau_u", trend(sc::tau_u(a, b, improvement))),
        smd: take("smd", sc::smd(a, b, improvement, level)),
        smd_pool: take(
            "smd_pool",
            sc::smd_with(a, b, improvement, SmdSd::Pool, true, level),
        ),
        lrr: take(
            "lrr",
            sc::lrr_scaled(
                a,
                b,
                LrrKind::Increasing,
                Improvement::Increase,
                ratio,
                level,
            ),
        ),
        lor: take("lor", sc::lor(a, b, improvement, ratio, level)),
        rci: None,
    }
}

/// A contrast's measure by its JSON name.
pub fn measure_of<'a>(c: &'a CaseContrast, name: &str) -> &'a Option<CaseMeasure> {
    match name {
        "nap" => &c.nap,
        "pnd" => &c.pnd,
        "pem" => &c.pem,
        "pand" => &c.pand,
        "ird" => &c.ird,
        "tau" => &c.tau,
        "tau_bc" => &c.tau_bc,
        "tau_u" => &c.tau_u,
        "smd" => &c.smd,
        "smd_pool" => &c.smd_pool,
        "lrr" => &c.lrr,
        "lor" => &c.lor,
        _ => panic!("no measure {name}"),
    }
}

/// The range of a measure (for the intervals of its average).
fn range_of(measure: &str) -> (f64, f64) {
    match measure {
        "nap" | "pnd" | "pem" | "pand" => (0.0, 1.0),
        "tau" | "tau_bc" | "ird" => (-1.0, 1.0),
        _ => (f64::NEG_INFINITY, f64::INFINITY),
    }
}

/// Each measure of each contrast averaged over the cases that have it: the mean of the values,
/// and where every case has an SE, √(Σ SE²)/k with a normal interval (independent cases); for
/// the measures of [`INVERSE_VARIANCE`] also the inverse-variance (fixed-effect) average with
/// Cochran's Q and I² ([`sc::average_cases`]), or a note why not.
fn averages(
    cases: &[CaseResult],
    scores: &[String],
    level: f64,
    notes: &mut Vec<Note>,
) -> Vec<CaseAverage> {
    let z = qnorm(1.0 - (1.0 - level) / 2.0);
    let mut out = Vec::new();
    for (k, score) in scores.iter().enumerate() {
        // the contrasts in order of first appearance
        let mut names: Vec<(String, String)> = Vec::new();
        for case in cases {
            for c in &case.scores[k].contrasts {
                let key = (c.baseline.clone(), c.treatment.clone());
                if !names.contains(&key) {
                    names.push(key);
                }
            }
        }
        for (baseline, treatment) in names {
            let of: Vec<&CaseContrast> = cases
                .iter()
                .filter_map(|case| {
                    case.scores[k]
                        .contrasts
                        .iter()
                        .find(|c| c.baseline == baseline && c.treatment == treatment)
                })
                .collect();
            let mut measures = BTreeMap::new();
            for name in MEASURES {
                let got: Vec<&CaseMeasure> = of
                    .iter()
                    .filter_map(|c| measure_of(c, name).as_ref())
                    .collect();
                if got.len() < 2 {
                    continue; // (a measure of one case is not averaged)
                }
                let n = got.len() as f64;
                let value = got.iter().map(|m| m.value).sum::<f64>() / n;
                let se = got
                    .iter()
                    .map(|m| m.se)
                    .collect::<Option<Vec<f64>>>()
                    .map(|s| s.iter().map(|x| x * x).sum::<f64>().sqrt() / n);
                let (lo, hi) = range_of(name);
                let inverse_variance = INVERSE_VARIANCE.contains(&name).then(|| {
                    let estimates: Vec<CaseEstimate> = got
                        .iter()
                        .map(|m| CaseEstimate {
                            value: m.value,
                            se: m.se,
                            // (the session counts weigh only in SingleCaseES's other weightings)
                            n_a: 0,
                            n_b: 0,
                        })
                        .collect();
                    match sc::average_cases(&estimates, Weighting::InverseVariance, level) {
                        Ok(avg) => InverseVarianceAverage::of(avg),
                        Err(why) => {
                            notes.push(Note::CaseAverageWithheld {
                                score: score.clone(),
                                contrast: format!("{baseline}-{treatment}"),
                                measure: name.to_string(),
                                why,
                            });
                            None
                        }
                    }
                });
                measures.insert(
                    name.to_string(),
                    CaseAverageMeasure {
                        value,
                        se,
                        ci_low: se.map(|s| (value - z * s).max(lo)),
                        ci_high: se.map(|s| (value + z * s).min(hi)),
                        n_cases: got.len(),
                        inverse_variance,
                    },
                );
            }
            if of.len() < 2 {
                continue; // (a contrast of one case only: nothing to average)
            }
            out.push(CaseAverage {
                score: score.clone(),
                baseline,
                treatment,
                n_cases: of.len(),
                measures,
            });
        }
    }
    out
}
