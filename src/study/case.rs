//! The data of single-case designs: one long table with the case, the session, the phase and
//! the scores (or item answers, scored by the kernel), split into each case's sessions in
//! session order, and each case's sessions into its phases (runs of one phase label: A1, B1,
//! A2, …).

use super::load::{columns_of, select_scores};
use crate::error::DataError;
use crate::io::cell::MissingCodes;
use crate::io::source::InputOptions;
use crate::io::source::Source;
use crate::io::table::{read_table, Labels, Lines};
use crate::scale::kernel::InvalidPolicy;
use crate::scale::kernel::{score_source, score_values, Scoring};
use crate::scale::spec::Scale;
use std::path::PathBuf;

/// The sessions of one case, in session order.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseSessions {
    pub id: String,
    pub sessions: Vec<f64>,
    /// The phase label of each session.
    pub phases: Vec<String>,
    /// Per score, its value at each session (NaN = missing).
    pub values: Vec<Vec<f64>>,
}

/// A phase of a case: a run of sessions with one phase label.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// `A1`, `B1`, `A2`, … (the label and its run number).
    pub name: String,
    pub label: String,
    /// The sessions' positions in the case.
    pub sessions: std::ops::Range<usize>,
}

/// Every case of the input.
#[derive(Debug, Clone)]
pub struct CaseData {
    pub input: String,
    /// The case column used (None: the file is one case).
    pub id: Option<String>,
    /// The session and phase columns.
    pub session: String,
    pub phase: String,
    /// Item-level input: the spec file.
    pub spec: Option<String>,
    pub scores: Vec<String>,
    /// Item-level input: the scale (its scores' directions give the default improvement).
    pub scale: Option<Scale>,
    pub cases: Vec<CaseSessions>,
    pub notes: Vec<crate::note::Note>,
}

/// Item answers of `case`, scored per session.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseItems {
    pub spec: PathBuf,
    pub invalid: InvalidPolicy,
}

/// Where the sessions of `case` are and how they are read.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseInput {
    pub data: PathBuf,
    /// `--id`; None: the column `id` if the data have it, else the file is one case.
    pub id: Option<String>,
    pub session: String,
    pub phase: String,
    pub scores: Vec<String>,
    pub items: Option<CaseItems>,
    pub na: Vec<String>,
    pub input: InputOptions,
}

/// Reads the input of `case`.
pub fn load(config: &CaseInput) -> Result<CaseData, DataError> {
    let source = Source::open(&config.data, &config.input)?;
    let input = config.data.display().to_string();
    let id = config.id.clone().unwrap_or_else(|| "id".to_string());
    let label_names = [id.as_str(), config.session.as_str(), config.phase.as_str()];
    // (rows: the labels of every row, each score's values, the lines)
    let (scores, ids, id_used, sessions, phases, values, lines, scale, mut notes) = match &config
        .items
    {
        None => {
            let missing = MissingCodes::new(&config.na);
            let table = read_table(&source, &label_names, &missing)?;
            let column = |name: &str, what: &str, option: &str| -> Result<Labels, DataError> {
                table.labels(name).cloned().ok_or_else(|| {
                    DataError::new(format!(
                        "has no {what} column \"{name}\"; its columns are: {}",
                        table.columns().join(", ")
                    ))
                    .file(&table.source)
                    .row(1)
                    .hint(format!("name it with {option} COLUMN"))
                })
            };
            let sessions = column(&config.session, "session", "--session")?;
            let phases = column(&config.phase, "phase", "--phase")?;
            let ids = match table.labels(&id) {
                Some(l) => Some(l.clone()),
                None if config.id.is_some() => Some(column(&id, "case", "--id")?),
                None => None,
            };
            let (scores, score_notes) = select_scores(&[&table], &label_names, &config.scores)?;
            if scores.is_empty() {
                return Err(DataError::new(format!(
                    "has no column of scores besides the case, session and phase; its columns are: {}",
                    table.columns().join(", ")
                ))
                .file(&table.source)
                .hint("name the score columns with --scores, or score item answers with --scale"));
            }
            let values: Vec<Vec<f64>> = columns_of(&table, &scores)?
                .into_iter()
                .map(|(_, v)| v)
                .collect();
            (
                scores,
                ids,
                id.clone(),
                sessions,
                phases,
                values,
                table.rows.clone(),
                None,
                score_notes,
            )
        }
        Some(items) => {
            let mut scoring = Scoring::of_spec_file(
                &items.spec,
                config.id.as_deref(),
                &config.na,
                items.invalid,
            )?;
            // without --id, a file without the spec's id column is one case (as for scores)
            if config.id.is_none() {
                if let Some(spec_id) = scoring.id.clone() {
                    let header = crate::io::reader::header(&source)?.named();
                    // (a Wenjuanxing download has its 序号: spec::bind)
                    if !(header.contains(&spec_id) || scoring.scale.id_by_download(&header)) {
                        scoring.id = None;
                    }
                }
            }
            scoring.labels = vec![config.session.clone(), config.phase.clone()];
            let scored = score_source(&source, &scoring)?;
            let scale = scored.scale.clone();
            let label = |name: &str, what: &str, option: &str| -> Result<Labels, DataError> {
                scored
                    .labels
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, l)| l.clone())
                    .ok_or_else(|| {
                        DataError::new(format!(
                            "has no {what} column \"{name}\"; its columns are: {}",
                            scored.columns.join(", ")
                        ))
                        .file(&input)
                        .row(1)
                        .hint(format!("name it with {option} COLUMN"))
                    })
            };
            let sessions = label(&config.session, "session", "--session")?;
            let phases = label(&config.phase, "phase", "--phase")?;
            let ids = match &scored.id {
                Some(name) => Some(Labels::from_strings(
                    scored
                        .frame
                        .column(name)
                        .and_then(|c| c.str().cloned())
                        .map_err(|e| DataError::new(format!("cannot read the ids: {e}")))?
                        .iter(),
                )),
                None => None,
            };
            let scores: Vec<String> = scale.scores.iter().map(|s| s.name.clone()).collect();
            let values: Vec<Vec<f64>> = scores
                .iter()
                .map(|s| {
                    let column = scored.frame.column(s).expect("a scored column");
                    score_values(column).to_vec()
                })
                .collect();
            let notes = scored.summary.notes(&scale, &input);
            (
                scores,
                ids,
                scored.id.clone().unwrap_or_else(|| id.clone()),
                sessions,
                phases,
                values,
                scored.rows.clone(),
                Some(scale),
                notes,
            )
        }
    };
    let cases = split_cases(
        &input,
        (&id_used, &config.session, &config.phase),
        ids.as_ref(),
        &sessions,
        &phases,
        &values,
        &lines,
    )?;
    if ids.is_none() {
        notes.push(crate::note::Note::NoCaseColumn {
            column: id_used.to_string(),
            case: cases[0].id.to_string(),
        });
    }
    Ok(CaseData {
        input,
        id: ids.as_ref().map(|_| id_used.clone()),
        session: config.session.clone(),
        phase: config.phase.clone(),
        spec: config.items.as_ref().map(|i| i.spec.display().to_string()),
        scores,
        scale,
        cases,
        notes,
    })
}

/// Groups the rows by case (in order of first appearance) and sorts each case's sessions.
#[allow(clippy::too_many_arguments)]
fn split_cases(
    input: &str,
    (id_column, session_column, phase_column): (&str, &str, &str),
    ids: Option<&Labels>,
    sessions: &Labels,
    phases: &Labels,
    values: &[Vec<f64>],
    lines: &Lines,
) -> Result<Vec<CaseSessions>, DataError> {
    let n = sessions.len();
    let single = std::path::Path::new(input)
        .file_stem()
        .map_or("case".to_string(), |s| s.to_string_lossy().into_owned());
    let mut order: Vec<String> = Vec::new();
    let mut rows_of: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for r in 0..n {
        let id = match ids {
            Some(ids) => ids.get(r).map(str::to_string).ok_or_else(|| {
                DataError::new("the case is missing")
                    .file(input)
                    .row(lines.get(r))
                    .column(id_column)
                    .hint("write the case's id in every row")
            })?,
            None => single.clone(),
        };
        if !rows_of.contains_key(&id) {
            order.push(id.clone());
        }
        rows_of.entry(id).or_default().push(r);
    }
    let mut cases = Vec::with_capacity(order.len());
    for id in order {
        let rows = &rows_of[&id];
        let mut keyed: Vec<(f64, usize)> = Vec::with_capacity(rows.len());
        for &r in rows {
            let place = |e: DataError| e.file(input).row(lines.get(r)).id(&id);
            let text = sessions.get(r).ok_or_else(|| {
                place(DataError::new("the session is missing").column(session_column))
                    .hint("number every session (1, 2, 3, …)")
            })?;
            let session: f64 = text
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| {
                    place(
                        DataError::new(format!(
                            "expected a session number, found \"{}\"",
                            crate::io::cell::shown(text)
                        ))
                        .column(session_column),
                    )
                    .hint("the session column orders the sessions: write 1, 2, 3, …")
                })?;
            if phases.get(r).is_none() {
                return Err(place(DataError::new("the phase is missing").column(phase_column))
                    .hint("write the phase (e.g. A for the baseline, B for the intervention) in every row"));
            }
            keyed.push((session, r));
        }
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
        if let Some(w) = keyed.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(DataError::new(format!(
                "session {} of case \"{id}\" appears twice (rows {} and {})",
                crate::scale::spec::fmt_number(w[0].0),
                lines.get(w[0].1),
                lines.get(w[1].1)
            ))
            .file(input)
            .column(session_column)
            .hint("each case has one row per session"));
        }
        cases.push(CaseSessions {
            id: id.clone(),
            sessions: keyed.iter().map(|k| k.0).collect(),
            phases: keyed
                .iter()
                .map(|k| phases.get(k.1).expect("checked").trim().to_string())
                .collect(),
            values: values
                .iter()
                .map(|v| keyed.iter().map(|k| v[k.1]).collect())
                .collect(),
        });
    }
    Ok(cases)
}

/// The phases of a case: runs of one label in session order, numbered per label.
pub fn phases_of(labels: &[String]) -> Vec<Phase> {
    let mut out: Vec<Phase> = Vec::new();
    let mut count: Vec<(String, usize)> = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        match out.last_mut() {
            Some(p) if &p.label == label => p.sessions.end = i + 1,
            _ => {
                let k = match count.iter_mut().find(|(l, _)| l == label) {
                    Some((_, k)) => {
                        *k += 1;
                        *k
                    }
                    None => {
                        count.push((label.clone(), 1));
                        1
                    }
                };
                // ("1" then "2" would read "11", "21": a separator after a digit)
                let name = if label.ends_with(|c: char| c.is_ascii_digit()) {
                    format!("{label}.{k}")
                } else {
                    format!("{label}{k}")
                };
                out.push(Phase {
                    name,
                    label: label.clone(),
                    sessions: i..i + 1,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_runs_numbered_per_label() {
        let labels: Vec<String> = ["A", "A", "B", "B", "B", "A", "B"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let p = phases_of(&labels);
        let names: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["A1", "B1", "A2", "B2"]);
        assert_eq!(p[1].sessions, 2..5);
        assert_eq!(p[3].sessions, 6..7);
    }
}
