//! Building a study from a configuration: the inputs of any layout read (score level) or
//! scored (item level), the score columns chosen, the waves made, participants matched, and
//! each participant's group found.

use super::layout::{Items, Layout, StudyOptions};
use super::{wave_frame, Groups, Study, Wave};
use crate::error::DataError;
use crate::io::cell::{shown, specific_number_hint, MissingCodes};
use crate::io::sav::ValueLabels;
use crate::io::source::Source;
use crate::io::table::{read_table, ColumnKind, Labels, Lines, Table};
use crate::io::trace;
use crate::note::Note;
use crate::scale::kernel::{cross_products_apply, score_source, ScoreSummary, Scored, Scoring};
use crate::scale::spec::{load_for_use, Coverage, Scale};
use crate::stats::reliability::{cronbach_alpha, cronbach_alpha_of, AlphaMissing, AlphaSummary};
use crate::stats::Outcome;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Loads the study a configuration describes.
pub fn load(config: &StudyOptions) -> Result<Study, DataError> {
    let t = std::time::Instant::now();
    let study = match &config.items {
        Some(items) => load_items(config, items),
        None => load_scores(config),
    }?;
    trace::phase("reading, scoring and matching", t);
    Ok(study)
}

fn display(path: &std::path::Path) -> String {
    if path.as_os_str() == "-" {
        crate::io::source::STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    }
}

/// The error for a table without a column it needs (`what`: "id", "time", "group").
fn no_column(table: &Table, what: &str, name: &str, hint: &str) -> DataError {
    DataError::new(format!(
        "has no {what} column \"{name}\"; its columns are: {}",
        table.columns().join(", ")
    ))
    .file(&table.source)
    .row(1)
    .hint(hint)
}

fn no_id_column(table: &Table, id: &str) -> DataError {
    no_column(table, "id", id, "name the id column with --id COLUMN")
}

/// Score-level input.
fn load_scores(config: &StudyOptions) -> Result<Study, DataError> {
    let missing = MissingCodes::new(&config.na);
    let group = config.group.as_deref();
    let layout = &config.layout;
    match layout {
        Layout::Files { waves, .. } => {
            let id = config.id.clone().unwrap_or_else(|| "id".to_string());
            let labels: Vec<&str> = [Some(id.as_str()), group].into_iter().flatten().collect();
            let t = std::time::Instant::now();
            let tables: Vec<Table> = waves
                .iter()
                .map(|(_, path)| {
                    let source = Source::open(path, &config.input)?;
                    read_table(&source, &labels, &missing)
                })
                .collect::<Result<_, DataError>>()?;
            trace::phase("reading the tables", t);
            let refs: Vec<&Table> = tables.iter().collect();
            let (scores, notes) = select_scores(&refs, &labels, &config.scores)?;
            let mut made = Vec::with_capacity(tables.len());
            for (table, (label, path)) in tables.iter().zip(waves) {
                let ids = table.labels(&id).ok_or_else(|| no_id_column(table, &id))?;
                made.push(Wave {
                    label: label.clone(),
                    source: table.source.clone(),
                    input: display(path),
                    frame: wave_frame(&id, ids, columns_of(table, &scores)?)?,
                    rows: table.rows.clone(),
                    notes: Vec::new(),
                    reliability: Vec::new(),
                    answers: Vec::new(),
                });
            }
            let inputs = waves.iter().map(|(_, p)| display(p)).collect();
            let mut study = Study::new(layout.name(), inputs, Some(id), scores, made, None, notes)?;
            if let Some(column) = group {
                let levels: Vec<Option<Labels>> = tables.iter().map(|t| t.levels(column)).collect();
                let of_rows: Vec<Option<&Labels>> = levels.iter().map(Option::as_ref).collect();
                study.groups = Some(groups(
                    &study,
                    column,
                    &of_rows,
                    (&tables[0].source, tables[0].columns()),
                    tables[0].value_labels.clone(),
                )?);
            }
            Ok(study)
        }
        Layout::Long { data, time, waves } => {
            let id = config.id.clone().unwrap_or_else(|| "id".to_string());
            let labels: Vec<&str> = [Some(id.as_str()), Some(time.as_str()), group]
                .into_iter()
                .flatten()
                .collect();
            let source = Source::open(data, &config.input)?;
            let table = read_table(&source, &labels, &missing)?;
            let times = table
                .labels(time)
                .ok_or_else(|| no_time_column(&table, time))?;
            let (scores, notes) = select_scores(&[&table], &labels, &config.scores)?;
            let ids = table.labels(&id).ok_or_else(|| no_id_column(&table, &id))?;
            let split = split_long(&table.source, &table.rows, time, times, waves.as_deref())?;
            let columns = columns_of(&table, &scores)?;
            let long = Long {
                source: &table.source,
                input: display(data),
                time,
                id: &id,
                ids,
                lines: &table.rows,
                scores: columns
                    .iter()
                    .map(|(n, v)| (n.clone(), v.as_slice()))
                    .collect(),
            };
            let made = split
                .waves
                .iter()
                .map(|(label, rows)| long.wave(label, rows))
                .collect::<Result<Vec<_>, _>>()?;
            let mut all_notes = split.notes.clone();
            all_notes.extend(notes);
            let mut study = Study::new(
                layout.name(),
                vec![display(data)],
                Some(id),
                scores,
                made,
                None,
                all_notes,
            )?;
            study.by_appearance = split.by_appearance;
            if let Some(column) = group {
                let first = (table.source.as_str(), table.columns());
                study.groups = Some(long_groups(
                    &study,
                    column,
                    table.levels(column).as_ref(),
                    &split,
                    first,
                    table.value_labels.clone(),
                )?);
            }
            Ok(study)
        }
        Layout::Wide {
            data,
            series,
            waves,
        } => {
            let id = config.id.clone().unwrap_or_else(|| "id".to_string());
            let labels: Vec<&str> = [Some(id.as_str()), group].into_iter().flatten().collect();
            let source = Source::open(data, &config.input)?;
            let table = read_table(&source, &labels, &missing)?;
            // an id column: the one named, or "id" if there is one; else rows are participants
            let ids = match table.labels(&id) {
                Some(l) => l.clone(),
                None if config.id.is_some() => return Err(no_id_column(&table, &id)),
                None => {
                    let mut l = Labels::default();
                    for r in table.rows.to_vec() {
                        l.push(Some(&format!("row {r}")));
                    }
                    l
                }
            };
            let has_id = table.labels(&id).is_some();
            for s in series {
                for col in &s.columns {
                    if !table.has_column(col) {
                        return Err(DataError::new(format!(
                            "has no column \"{col}\" (named in {}); its columns are: {}",
                            if s.columns.len() == 2 && waves.len() == 2 && waves[0] == "pre" {
                                "--pair"
                            } else {
                                "--series"
                            },
                            table.columns().join(", ")
                        ))
                        .file(&table.source)
                        .row(1));
                    }
                }
            }
            let mut made = Vec::with_capacity(waves.len());
            for (w, label) in waves.iter().enumerate() {
                let values = series
                    .iter()
                    .map(|s| Ok((s.name.clone(), table.numeric(&s.columns[w])?.to_vec())))
                    .collect::<Result<Vec<_>, DataError>>()?;
                made.push(Wave {
                    label: label.clone(),
                    source: table.source.clone(),
                    input: display(data),
                    frame: wave_frame(&id, &ids, values)?,
                    rows: table.rows.clone(),
                    notes: Vec::new(),
                    reliability: Vec::new(),
                    answers: Vec::new(),
                });
            }
            let scores = series.iter().map(|s| s.name.clone()).collect();
            let mut study = Study::new(
                layout.name(),
                vec![display(data)],
                has_id.then_some(id),
                scores,
                made,
                None,
                Vec::new(),
            )?;
            if let Some(column) = group {
                let levels = table.levels(column);
                let refs = vec![levels.as_ref(); waves.len()];
                study.groups = Some(groups(
                    &study,
                    column,
                    &refs,
                    (&table.source, table.columns()),
                    table.value_labels.clone(),
                )?);
            }
            Ok(study)
        }
    }
}

/// The chosen columns of a table as numbers (an error names a cell that is not one).
pub(crate) fn columns_of(
    table: &Table,
    scores: &[String],
) -> Result<Vec<(String, Vec<f64>)>, DataError> {
    scores
        .iter()
        .map(|s| Ok((s.clone(), table.numeric(s)?.to_vec())))
        .collect()
}

fn no_time_column(table: &Table, time: &str) -> DataError {
    no_column(
        table,
        "time",
        time,
        "name the column that says which wave a row belongs to with --time COLUMN",
    )
}

/// The rows of each wave of a long table.
struct Split {
    /// Per wave: its label and rows.
    waves: Vec<(String, Vec<usize>)>,
    /// The waves are in order of first appearance, which may not be the order of time.
    by_appearance: bool,
    notes: Vec<Note>,
}

/// The place in time of a conventional wave label: pre, post, then a follow-up.
fn conventional_rank(label: &str) -> Option<u8> {
    match label.to_ascii_lowercase().as_str() {
        "pre" => Some(0),
        "post" => Some(1),
        "follow" | "followup" | "follow-up" | "follow_up" => Some(2),
        _ => None,
    }
}

/// One long input: what its waves are made of.
struct Long<'a> {
    source: &'a str,
    input: String,
    time: &'a str,
    id: &'a str,
    ids: &'a Labels,
    /// The line of each row.
    lines: &'a Lines,
    /// Each score's value in each row (NaN = missing).
    scores: Vec<(String, &'a [f64])>,
}

impl Long<'_> {
    /// The wave of the given rows.
    fn wave(&self, label: &str, rows: &[usize]) -> Result<Wave, DataError> {
        let values = self
            .scores
            .iter()
            .map(|(name, v)| (name.clone(), rows.iter().map(|&r| v[r]).collect()))
            .collect();
        Ok(Wave {
            label: label.to_string(),
            source: format!("{} ({} = {label})", self.source, self.time),
            input: self.input.clone(),
            frame: wave_frame(self.id, &self.ids.take(rows), values)?,
            rows: self.lines.take(rows),
            notes: Vec::new(),
            reliability: Vec::new(),
            answers: Vec::new(),
        })
    }
}

/// Each participant's group in a long input: the group column's labels split as the rows are.
fn long_groups(
    study: &Study,
    column: &str,
    labels: Option<&Labels>,
    split: &Split,
    first: (&str, &[String]),
    value_labels: Arc<ValueLabels>,
) -> Result<Groups, DataError> {
    let of_rows: Option<Vec<Labels>> =
        labels.map(|l| split.waves.iter().map(|(_, rows)| l.take(rows)).collect());
    let refs: Vec<Option<&Labels>> = match &of_rows {
        Some(v) => v.iter().map(Some).collect(),
        None => vec![None; split.waves.len()],
    };
    groups(study, column, &refs, first, value_labels)
}

/// Splits a long table by its time column: the waves given (rows with other labels are left
/// out with a note), else every label in order of first appearance (pre, post and follow in
/// that order, whatever the order of the rows). A row without a label is an error.
fn split_long(
    source: &str,
    lines: &Lines,
    time: &str,
    times: &Labels,
    order: Option<&[String]>,
) -> Result<Split, DataError> {
    let mut waves: Vec<(String, Vec<usize>)> = match order {
        Some(labels) => labels.iter().map(|l| (l.clone(), Vec::new())).collect(),
        None => Vec::new(),
    };
    let mut other: Vec<String> = Vec::new();
    for (r, label) in times.iter().enumerate() {
        let Some(label) = label else {
            let known: Vec<String> = match order {
                Some(l) => l.iter().map(|x| format!("\"{x}\"")).collect(),
                None => waves.iter().map(|(x, _)| format!("\"{x}\"")).collect(),
            };
            return Err(DataError::new("the time label is missing")
                .file(source)
                .row(lines.get(r))
                .column(time)
                .hint(if known.is_empty() {
                    "write the wave's label in every row".to_string()
                } else {
                    format!("write the wave's label ({}) in every row", known.join(", "))
                }));
        };
        match waves.iter_mut().find(|(l, _)| l == label) {
            Some((_, rows)) => rows.push(r),
            None if order.is_none() => waves.push((label.to_string(), vec![r])),
            None => {
                if !other.iter().any(|o| o == label) {
                    other.push(label.to_string());
                }
            }
        }
    }
    if let Some((label, _)) = waves.iter().find(|(_, rows)| rows.is_empty()) {
        let mut seen: Vec<&str> = times.iter().flatten().collect();
        seen.sort_unstable();
        seen.dedup();
        return Err(DataError::new(format!(
            "no row has the time label \"{label}\"; the labels are: {}",
            seen.join(", ")
        ))
        .file(source)
        .column(time)
        .hint("name the waves with --waves (and the two to compare with --pre-label and --post-label)"));
    }
    let mut notes = Vec::new();
    if !other.is_empty() {
        notes.push(left_out_note(&other, source));
    }
    let mut by_appearance = order.is_none();
    if by_appearance && waves.iter().all(|(l, _)| conventional_rank(l).is_some()) {
        waves.sort_by_key(|(l, _)| conventional_rank(l));
        by_appearance = false;
    }
    Ok(Split {
        waves,
        by_appearance,
        notes,
    })
}

/// The note for rows of a long file whose waves are not analysed.
fn left_out_note(labels: &[String], source: &str) -> Note {
    Note::RowsLeftOut {
        labels: labels.to_vec(),
        file: source.to_string(),
    }
}

/// Each participant's group from the label columns of the waves (`of_rows[w]`: the labels of
/// wave w's rows, where it has the column). The first wave must have the column and a label
/// in every row; a later wave may not contradict it.
fn groups(
    study: &Study,
    column: &str,
    of_rows: &[Option<&Labels>],
    first: (&str, &[String]),
    value_labels: Arc<ValueLabels>,
) -> Result<Groups, DataError> {
    if of_rows.first().is_none_or(|l| l.is_none()) {
        return Err(DataError::new(format!(
            "has no group column \"{column}\"; its columns are: {}",
            first.1.join(", ")
        ))
        .file(first.0)
        .row(1)
        .hint("name the group column with --group COLUMN"));
    }
    let mut of: Vec<Option<Arc<str>>> = vec![None; study.n_participants()];
    let mut interned: HashMap<&str, Arc<str>> = HashMap::new();
    for (w, labels) in of_rows.iter().enumerate() {
        let Some(labels) = labels else { continue };
        let wave = &study.waves[w];
        for (r, label) in labels.iter().enumerate() {
            let p = study.participant(w, r as u32);
            let place = |e: DataError| {
                e.file(&wave.source)
                    .row(wave.rows.get(r))
                    .id(study.id(p))
                    .column(column)
            };
            match (label, &of[p as usize]) {
                (None, None) if w == 0 => {
                    return Err(place(DataError::new("the group is missing"))
                        .hint("every participant needs a group label"))
                }
                (Some(l), None) => {
                    let shared = interned.entry(l).or_insert_with(|| Arc::from(l));
                    of[p as usize] = Some(shared.clone());
                }
                (Some(l), Some(first)) if l != &**first => {
                    return Err(place(DataError::new(format!(
                        "the group is \"{l}\" here but \"{first}\" in the other file"
                    )))
                    .hint("a participant must be in the same group at both time points"))
                }
                _ => {}
            }
        }
    }
    Ok(Groups {
        column: column.to_string(),
        of: of
            .into_iter()
            .map(|g| g.unwrap_or_else(|| Arc::from("")))
            .collect(),
        value_labels,
    })
}

/// Chooses the score columns: the ones named, or every column that holds numbers in every
/// table (other than `exclude`). A named column must exist in every table; a column of numbers
/// with a stray text cell is an error, not silently skipped.
pub(crate) fn select_scores(
    tables: &[&Table],
    exclude: &[&str],
    requested: &[String],
) -> Result<(Vec<String>, Vec<Note>), DataError> {
    let mut notes = Vec::new();
    if !requested.is_empty() {
        for name in requested {
            if exclude.contains(&name.as_str()) {
                return Err(DataError::new(format!(
                    "--scores names \"{name}\", the id (or group) column; it cannot be compared as a score"
                ))
                .hint("name the score columns with --scores, and the id column with --id"));
            }
            for t in tables {
                if !t.has_column(name) {
                    return Err(DataError::new(format!(
                        "has no column \"{name}\" (named in --scores); its columns are: {}",
                        t.columns().join(", ")
                    ))
                    .file(&t.source)
                    .row(1));
                }
                t.numeric(name)?; // reports the first bad cell
            }
        }
        return Ok((requested.to_vec(), notes));
    }
    let first = tables[0];
    let sources = |ts: &[&&Table]| {
        ts.iter()
            .map(|t| t.source.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut chosen = Vec::new();
    // (a column with numbers in some files and empty in another: what to say if none is left)
    let mut empty_in: Option<(String, String)> = None;
    // columns of the first table, then those new in later ones
    let mut names: Vec<&String> = Vec::new();
    for t in tables {
        for n in t.columns() {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    for name in names {
        if exclude.contains(&name.as_str()) {
            continue;
        }
        let having: Vec<&&Table> = tables.iter().filter(|t| t.has_column(name)).collect();
        if having.len() < tables.len() {
            if having
                .iter()
                .any(|t| matches!(t.kind(name), ColumnKind::Numeric | ColumnKind::Mixed { .. }))
            {
                notes.push(Note::ColumnOnlyIn {
                    column: name.clone(),
                    files: sources(&having),
                });
            }
            continue;
        }
        for t in &having {
            if let ColumnKind::Mixed {
                row,
                value,
                numbers,
                filled,
            } = t.kind(name)
            {
                let what = crate::io::cell::parse_number(&value)
                    .err()
                    .unwrap_or("expected a number");
                let hint = specific_number_hint(&value);
                return Err(DataError::new(format!(
                    "{what}, found \"{}\" ({numbers} of the {filled} filled cells of this column {})",
                    shown(&value),
                    if numbers == 1 { "is a number" } else { "are numbers" }
                ))
                .file(&t.source)
                .row(row)
                .column(name.as_str())
                .hint(hint.unwrap_or_else(|| {
                    "correct the cell, leave it empty if the value is missing, declare the code as \
                     missing with --na, or choose the columns to compare with --scores"
                        .to_string()
                })));
            }
        }
        let numeric = having
            .iter()
            .filter(|t| t.kind(name) == ColumnKind::Numeric)
            .count();
        let empty: Vec<&&Table> = having
            .iter()
            .filter(|t| t.kind(name) == ColumnKind::Empty)
            .copied()
            .collect();
        if numeric == tables.len() {
            chosen.push(name.clone());
        } else if numeric > 0 && numeric + empty.len() == tables.len() {
            // numbers in some files, not a value in the others
            notes.push(Note::ColumnEmptyIn {
                column: name.clone(),
                files: sources(&empty),
            });
            if empty_in.is_none() {
                empty_in = Some((name.clone(), empty[0].source.clone()));
            }
        } else if numeric > 0 {
            notes.push(Note::ColumnMixed {
                column: name.clone(),
                files: tables.len(),
            });
        } else if empty.len() == tables.len() {
            notes.push(Note::ColumnEmpty {
                column: name.clone(),
            });
        }
    }
    if let (true, Some((column, file))) = (chosen.is_empty(), &empty_in) {
        return Err(DataError::new(format!(
            "the column \"{column}\" has numbers in one file but no value in this one, so no column of scores is in every file"
        ))
        .file(file)
        .column(column.as_str())
        .hint("check that the file holds this wave's scores (an export without its values?), or name the score columns with --scores"));
    }
    if chosen.is_empty() {
        let what = if tables.len() == 1 {
            format!("in {}", first.source)
        } else if tables.len() == 2 {
            format!("in both {} and {}", tables[0].source, tables[1].source)
        } else {
            format!(
                "in every one of {}",
                tables
                    .iter()
                    .map(|t| t.source.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        return Err(DataError::new(format!("no numeric columns are {what}"))
            .hint("name the score columns with --scores, and check that both files use the same column names"));
    }
    Ok((chosen, notes))
}

/// Item-level input: every wave scored with the scale.
fn load_items(config: &StudyOptions, items: &Items) -> Result<Study, DataError> {
    let scale = load_for_use(&items.spec)?;
    let layout = &config.layout;
    let id = config
        .id
        .clone()
        .or_else(|| scale.id.clone())
        .ok_or_else(|| {
            DataError::new(
                "the scale spec has no id column, which compare needs to match participants",
            )
            .file(items.spec.display().to_string())
            .hint("set `id = \"...\"` in the spec or pass --id COLUMN")
        })?;
    let long = matches!(layout, Layout::Long { .. });
    // Listwise alpha of whole-number answers comes from cross-products summed while scoring
    // (a million respondents' items need not be kept); pairwise alpha, and the waves of one
    // long file, need the items.
    let summed =
        items.alpha_missing == AlphaMissing::Listwise && cross_products_apply(&scale) && !long;
    // (the spec's id by default, which a Wenjuanxing download may replace: spec::bind)
    let mut scoring = Scoring::of_data(
        scale.clone(),
        config.id.as_deref(),
        &config.na,
        items.invalid,
    );
    scoring.keep_items = !summed || items.answers;
    scoring.cross_products = summed;
    let names: Vec<String> = scale.scores.iter().map(|s| s.name.clone()).collect();
    let mut inputs: Vec<String> = layout.inputs().iter().map(|p| display(p)).collect();
    inputs.push(items.spec.display().to_string());
    match layout {
        Layout::Files { waves, .. } => {
            scoring.labels = config.group.iter().cloned().collect();
            let mut made = Vec::with_capacity(waves.len());
            let mut group_labels = Vec::with_capacity(waves.len());
            let mut first_columns: Vec<String> = Vec::new();
            // the waves scored at once (each in parallel pieces too: the reading and merging
            // of one overlaps the scoring of the other); the first wave's error comes first
            let sources: Vec<Source> = waves
                .iter()
                .map(|(_, path)| Source::open(path, &config.input))
                .collect::<Result<_, _>>()?;
            let t = std::time::Instant::now();
            let all: Vec<Result<Scored, DataError>> = sources
                .par_iter()
                .map(|source| score_source(source, &scoring))
                .collect();
            trace::phase("scoring every wave", t);
            // the scale and id as bound to the first wave's columns (spec::bind), which every
            // report names
            let mut bound: Option<(Scale, String)> = None;
            for (((label, path), source), scored) in waves.iter().zip(&sources).zip(all) {
                let mut scored = scored?;
                let scale = &scored.scale;
                let id = scored.id.clone().unwrap_or_else(|| id.clone());
                match &bound {
                    None => bound = Some((scale.clone(), id.clone())),
                    Some((first, _)) => {
                        crate::scale::kernel::same_items(first, &sources[0].name, scale, &source.name)?
                    }
                }
                let t = std::time::Instant::now();
                let reliability = alphas(scale, &scored, None, items.alpha_missing, config.conf_level);
                trace::phase(&format!("reliability at {label}"), t);
                group_labels.push(scored.labels.first().map(|(column, l)| {
                    source.value_labels().levels(column, l.clone())
                }));
                if first_columns.is_empty() {
                    first_columns = scored.columns.clone();
                }
                let ids = scored
                    .frame
                    .column(&id)
                    .map_err(|e| DataError::new(format!("cannot read the ids: {e}")))?
                    .clone();
                let mut columns = vec![ids];
                for name in &names {
                    columns.push(
                        scored
                            .frame
                            .column(name)
                            .map_err(|e| DataError::new(format!("cannot read the scores: {e}")))?
                            .clone(),
                    );
                }
                let height = scored.frame.height();
                made.push(Wave {
                    label: label.clone(),
                    source: source.name.clone(),
                    input: display(path),
                    frame: polars::prelude::DataFrame::new(height, columns).map_err(|e| {
                        DataError::new(format!("cannot build the scores: {e}"))
                    })?,
                    notes: {
                        let mut notes = source.user_missing_notes();
                        notes.extend(scored.summary.notes(&scored.scale, label));
                        notes
                    },
                    rows: scored.rows,
                    reliability,
                    answers: if items.answers {
                        std::mem::take(&mut scored.items)
                    } else {
                        Vec::new()
                    },
                });
            }
            let (scale, id) = bound.unwrap_or((scale, id));
            let mut study = Study::new(
                layout.name(),
                inputs,
                Some(id),
                names,
                made,
                Some(scale),
                Vec::new(),
            )?;
            if let Some(column) = &config.group {
                let refs: Vec<Option<&Labels>> = group_labels.iter().map(Option::as_ref).collect();
                let first = study.waves[0].source.clone();
                let value_labels = sources[0].value_labels().clone();
                study.groups = Some(groups(
                    &study,
                    column,
                    &refs,
                    (&first, &first_columns),
                    value_labels,
                )?);
            }
            Ok(study)
        }
        Layout::Long { data, time, waves } => {
            scoring.labels = std::iter::once(time.clone())
                .chain(config.group.iter().cloned())
                .collect();
            let source = Source::open(data, &config.input)?;
            let scored = score_source(&source, &scoring)?;
            let scale = scored.scale.clone();
            let id = scored.id.clone().unwrap_or(id);
            let label_of = |name: &str| {
                scored
                    .labels
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, l)| l)
            };
            let times = label_of(time).ok_or_else(|| {
                DataError::new(format!("has no time column \"{time}\""))
                    .file(&source.name)
                    .row(1)
                    .hint("name the column that says which wave a row belongs to with --time COLUMN")
            })?;
            let split = split_long(&source.name, &scored.rows, time, times, waves.as_deref())?;
            let ids = Labels::from_strings(
                scored
                    .frame
                    .column(&id)
                    .and_then(|c| c.str().cloned())
                    .map_err(|e| DataError::new(format!("cannot read the ids: {e}")))?
                    .iter(),
            );
            let long = Long {
                source: &source.name,
                input: display(data),
                time,
                id: &id,
                ids: &ids,
                lines: &scored.rows,
                scores: names
                    .iter()
                    .map(|n| {
                        let column = scored.frame.column(n).expect("a score column");
                        (n.clone(), crate::scale::kernel::score_values(column))
                    })
                    .collect(),
            };
            let mut made = Vec::with_capacity(split.waves.len());
            for (label, rows) in &split.waves {
                let mut wave = long.wave(label, rows)?;
                wave.notes = summary_of_rows(&scale, &scored, rows).notes(&scale, label);
                wave.reliability = alphas(
                    &scale,
                    &scored,
                    Some(rows),
                    items.alpha_missing,
                    config.conf_level,
                );
                if items.answers {
                    wave.answers = scored
                        .items
                        .iter()
                        .map(|item| rows.iter().map(|&r| item[r]).collect())
                        .collect();
                }
                made.push(wave);
            }
            let mut notes = split.notes.clone();
            if !scored.summary.invalid_by_item.is_empty()
                || !scored.summary.skipped_by_item.is_empty()
            {
                let mut all = scored.summary.clone();
                all.missing_by_score.iter_mut().for_each(|x| x.1 = 0);
                all.prorated_by_score.iter_mut().for_each(|x| x.1 = 0);
                notes.extend(all.notes(&scale, "all waves"));
            }
            let mut study = Study::new(
                layout.name(),
                inputs,
                Some(id),
                names,
                made,
                Some(scale),
                notes,
            )?;
            study.by_appearance = split.by_appearance;
            if let Some(column) = &config.group {
                let first = (source.name.as_str(), scored.columns.as_slice());
                let levels = label_of(column).map(|l| source.value_labels().levels(column, l.clone()));
                let value_labels = source.value_labels().clone();
                study.groups = Some(long_groups(
                    &study,
                    column,
                    levels.as_ref(),
                    &split,
                    first,
                    value_labels,
                )?);
            }
            Ok(study)
        }
        Layout::Wide { .. } => Err(DataError::new(
            "item-level input (--scale) is read from a file per wave or a long file, not a wide one",
        )),
    }
}

/// How the rows `rows` of a scored input were scored (missing and prorated scores), from the
/// kept items; invalid answers are counted for the whole input only.
fn summary_of_rows(scale: &Scale, scored: &Scored, rows: &[usize]) -> ScoreSummary {
    let mut summary = ScoreSummary {
        files: scored.summary.files.clone(),
        respondents: rows.len() as u64,
        ..ScoreSummary::default()
    };
    for def in &scale.scores {
        let items: Vec<&Vec<f64>> = def
            .items
            .iter()
            .map(|q| {
                &scored.items[scale
                    .items
                    .iter()
                    .position(|i| i == q)
                    .expect("a scale item")]
            })
            .collect();
        let (mut missing, mut prorated) = (0u64, 0u64);
        for &r in rows {
            let answered = items.iter().filter(|c| !c[r].is_nan()).count();
            match Coverage::of(answered, def.required(), def.items.len()) {
                Coverage::Missing => missing += 1,
                Coverage::Prorated => prorated += 1,
                Coverage::Complete => {}
            }
        }
        summary.missing_by_score.push((def.name.clone(), missing));
        summary.prorated_by_score.push((def.name.clone(), prorated));
    }
    summary
}

/// Cronbach's alpha of every score at one wave: from the cross-products the scoring summed
/// (listwise, whole-number answers), or from the keyed items (of `rows` only, where given).
fn alphas(
    scale: &Scale,
    scored: &Scored,
    rows: Option<&[usize]>,
    missing: AlphaMissing,
    conf_level: f64,
) -> Vec<Outcome<AlphaSummary>> {
    if !scored.cross_products.is_empty() {
        return scored
            .cross_products
            .iter()
            .map(|p| cronbach_alpha_of(p, conf_level).map(|a| a.summary()))
            .collect();
    }
    let subset: Vec<Vec<f64>>;
    let items: &[Vec<f64>] = match rows {
        Some(rows) => {
            subset = scored
                .items
                .iter()
                .map(|c| rows.iter().map(|&r| c[r]).collect())
                .collect();
            &subset
        }
        None => &scored.items,
    };
    scale
        .scores
        .par_iter()
        .map(|def| {
            let refs: Vec<&[f64]> = scale
                .positions(def)
                .into_iter()
                .map(|k| items[k].as_slice())
                .collect();
            cronbach_alpha(&refs, missing, conf_level).map(|a| a.summary())
        })
        .collect()
}
