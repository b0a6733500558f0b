//! The data of one survey wave (`prepost survey`): one row per respondent with the scores (or
//! item answers, scored by the kernel) and the columns the analyses name (the factors of
//! `--by` and `--crosstab`, the variables of `--correlate` and `--regress`), kept as text and
//! read as numbers where an analysis needs numbers, each cell located by file, row and column.

use super::load::{columns_of, select_scores};
use crate::error::DataError;
use crate::io::cell::{number_hint, parse_number, shown, MissingCodes};
use crate::io::sav::ValueLabels;
use crate::io::source::{InputOptions, Source};
use crate::io::table::{read_table, Labels, Lines};
use crate::scale::kernel::{score_source, score_values, InvalidPolicy, Scoring};
use crate::scale::spec::{load_for_use, Scale};
use std::path::PathBuf;
use std::sync::Arc;

/// Item answers of `survey`, scored with a spec.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyItems {
    pub spec: PathBuf,
    pub invalid: InvalidPolicy,
}

/// Where the survey is and how it is read.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyInput {
    pub data: PathBuf,
    /// `--scores` (score-level input; empty: every other column of numbers).
    pub scores: Vec<String>,
    pub items: Option<SurveyItems>,
    /// The columns the analyses name besides the scores, in order of first mention.
    pub columns: Vec<String>,
    /// `--id`, left out of the scores.
    pub id: Option<String>,
    pub na: Vec<String>,
    pub input: InputOptions,
}

/// One wave of questionnaires: the scores and the named columns of every respondent.
#[derive(Debug, Clone)]
pub struct SurveyData {
    /// The data file as the user named it.
    pub input: String,
    /// Item-level input: the spec file and its scale.
    pub spec: Option<String>,
    pub scale: Option<Scale>,
    /// Per score (in the spec's or the file's order): its name and a value per respondent
    /// (NaN = missing).
    pub scores: Vec<(String, Vec<f64>)>,
    /// The named columns as text (None = empty or a missing code).
    pub columns: Vec<(String, Labels)>,
    /// The line of each respondent in the file.
    pub lines: Lines,
    missing: MissingCodes,
    /// The value labels of the input's columns (an SPSS file's): a factor's levels are named
    /// by them.
    value_labels: Arc<ValueLabels>,
    pub notes: Vec<crate::note::Note>,
}

/// Reads the survey.
pub fn load(config: &SurveyInput) -> Result<SurveyData, DataError> {
    let source = Source::open(&config.data, &config.input)?;
    let input = config.data.display().to_string();
    let missing = MissingCodes::new(&config.na);
    // the columns besides the scores (a score named by an analysis stays a score)
    let spec = match &config.items {
        Some(items) => Some(load_for_use(&items.spec)?),
        None => None,
    };
    let is_score = |c: &String| match &spec {
        Some(scale) => scale.scores.iter().any(|s| &s.name == c),
        None => config.scores.contains(c),
    };
    let named: Vec<String> = config
        .columns
        .iter()
        .filter(|c| !is_score(c))
        .cloned()
        .collect();
    let mut label_names: Vec<&str> = named.iter().map(String::as_str).collect();
    let data = match &config.items {
        None => {
            let id = config.id.clone().unwrap_or_else(|| "id".to_string());
            label_names.push(&id);
            let table = read_table(&source, &label_names, &missing)?;
            if let Some(id) = &config.id {
                if !table.has_column(id) {
                    return Err(no_column(&input, id, "--id", table.columns()));
                }
            }
            let mut columns = Vec::new();
            for name in &named {
                let labels = table
                    .labels(name)
                    .ok_or_else(|| no_column(&input, name, "an option", table.columns()))?;
                columns.push((name.clone(), labels.clone()));
            }
            let (scores, notes) = select_scores(&[&table], &label_names, &config.scores)?;
            if scores.is_empty() {
                return Err(DataError::new(format!(
                    "has no column of scores besides the columns named; its columns are: {}",
                    table.columns().join(", ")
                ))
                .file(&input)
                .hint("name the score columns with --scores, or score item answers with --scale"));
            }
            SurveyData {
                input: input.clone(),
                spec: None,
                scale: None,
                scores: columns_of(&table, &scores)?,
                columns,
                lines: table.rows.clone(),
                missing,
                value_labels: source.value_labels().clone(),
                notes,
            }
        }
        Some(items) => {
            let scale = spec.clone().expect("loaded above");
            let mut scoring = Scoring::of_data(
                scale.clone(),
                config.id.as_deref(),
                &config.na,
                items.invalid,
            );
            // a survey may have no id column: respondents are then its rows
            let header = crate::io::reader::header(&source)?.named();
            if let Some(id) = scoring.id.clone() {
                // (a Wenjuanxing download has its 序号: spec::bind)
                if !(header.contains(&id) || scoring.scale.id_by_download(&header)) {
                    if config.id.is_some() {
                        return Err(no_column(&input, &id, "--id", &header));
                    }
                    scoring.id = None;
                }
            }
            for name in &named {
                if !header.contains(name) {
                    return Err(no_column(&input, name, "an option", &header));
                }
                if scale.columns.contains(name) {
                    return Err(DataError::new(format!(
                        "\"{name}\" is an item of the scale, not a variable of its own"
                    ))
                    .file(&input)
                    .column(name)
                    .hint("name the scale's scores (e.g. total) or columns other than its items"));
                }
            }
            scoring.labels = named.clone();
            let scored = score_source(&source, &scoring)?;
            let scale = scored.scale.clone();
            let columns = named
                .iter()
                .map(|name| {
                    let labels = scored
                        .labels
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, l)| l.clone())
                        .unwrap_or_default();
                    (name.clone(), labels)
                })
                .collect();
            let scores = scale
                .scores
                .iter()
                .map(|s| {
                    let column = scored.frame.column(&s.name).expect("a scored column");
                    (s.name.clone(), score_values(column).to_vec())
                })
                .collect();
            let mut notes = source.user_missing_notes();
            notes.extend(scored.summary.notes(&scale, &input));
            SurveyData {
                input: input.clone(),
                spec: Some(items.spec.display().to_string()),
                scale: Some(scale),
                scores,
                columns,
                lines: scored.rows.clone(),
                missing: missing.with(scoring.missing.codes()),
                value_labels: source.value_labels().clone(),
                notes,
            }
        }
    };
    if data.lines.is_empty() {
        return Err(
            DataError::new("has no respondent (no row of data under the header)").file(&input),
        );
    }
    Ok(data)
}

fn no_column(input: &str, name: &str, option: &str, columns: &[String]) -> DataError {
    DataError::new(format!(
        "has no column \"{name}\" (named in {option}); its columns are: {}",
        columns.join(", ")
    ))
    .file(input)
    .row(1)
}

impl SurveyData {
    /// Respondents (rows of data).
    pub fn respondents(&self) -> usize {
        self.lines.len()
    }

    /// The values of a score, if it is one.
    pub fn score(&self, name: &str) -> Option<&[f64]> {
        self.scores
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// A named column as the levels of a factor, per respondent (None = missing: empty or a
    /// missing code): its text, or the value label of a labelled value (an SPSS file's gender
    /// 1 → "男").
    pub fn labels(&self, name: &str) -> Vec<Option<&str>> {
        self.cells(name)
            .into_iter()
            .map(|c| c.map(|c| self.value_labels.label(name, c).unwrap_or(c)))
            .collect()
    }

    /// The value labels of the input's columns (an SPSS file's).
    pub fn value_labels(&self) -> &ValueLabels {
        &self.value_labels
    }

    /// A named column's cells as text per respondent (None = missing).
    fn cells(&self, name: &str) -> Vec<Option<&str>> {
        match self.columns.iter().find(|(n, _)| n == name) {
            Some((_, l)) => l
                .iter()
                .map(|c| c.filter(|c| !self.missing.is_missing_text(c)))
                .collect(),
            None => vec![None; self.respondents()],
        }
    }

    /// A variable as numbers: a score, or a named column read as numbers (NaN = missing); a
    /// cell that is not a number is an error naming file, row and column.
    pub fn numbers(&self, name: &str) -> Result<Vec<f64>, DataError> {
        if let Some(v) = self.score(name) {
            return Ok(v.to_vec());
        }
        self.cells(name)
            .into_iter()
            .enumerate()
            .map(|(r, cell)| match cell {
                None => Ok(f64::NAN),
                Some(c) => parse_number(c.trim()).map_err(|why| {
                    DataError::new(format!("{why}, found \"{}\"", shown(c)))
                        .file(&self.input)
                        .row(self.lines.get(r))
                        .column(name)
                        .hint(number_hint(c))
                }),
            })
            .collect()
    }

    /// Whether every present cell of a named column is a number.
    pub fn is_numeric(&self, name: &str) -> bool {
        self.score(name).is_some()
            || self
                .labels(name)
                .into_iter()
                .flatten()
                .all(|c| parse_number(c.trim()).is_ok())
    }
}
