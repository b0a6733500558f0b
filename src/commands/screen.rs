//! `prepost screen`: score the questionnaires (for the missing-item rule), apply the screening
//! rules, report received, valid and every excluded respondent, and with `--keep` write the
//! valid rows unchanged. [`screen_scored`] is shared with `score`'s screening options.

use crate::analysis::screen::{fill, screen, ScreenInput};
use crate::config::{ScreenConfig, ScreenOptions, UsageError};
use crate::error::DataError;
use crate::io::cell::{parse_duration, read_number, shown, Number};
use crate::io::output::{ensure_not_an_input, write_atomic};
use crate::io::source::{InputOptions, Source};
use crate::io::wenjuanxing;
use crate::model::{IncompleteScore, ScreenReport};
use crate::note::Note;
use crate::scale::kernel::{score_source, Scored, Scoring};
use crate::scale::spec::Scale;
use std::path::{Path, PathBuf};

/// Readies a scoring for screening: the items kept (the answers are screened), the column of
/// the time taken read as a label.
pub fn prepare(scoring: &mut Scoring, options: &ScreenOptions) {
    scoring.keep_items = true;
    if options.rules.min_seconds.is_some() {
        scoring.labels.push(duration_column(options).to_string());
    }
}

/// The column of the time taken: `--duration`, else 所用时间.
fn duration_column(options: &ScreenOptions) -> &str {
    options
        .duration
        .as_deref()
        .unwrap_or(wenjuanxing::TIME_TAKEN)
}

/// Each respondent's input (its position in `files`), from the inputs' names in the `source`
/// column and the respondents' lines: the inputs are scored in order and stacked, so a new
/// input starts where the name changes or the line does not follow the one before (an input
/// given twice starts over), and is the next input of that name (inputs without respondents
/// are passed over).
fn inputs_of_rows(files: &[String], source: &[Option<&str>], rows: &[u64]) -> Vec<usize> {
    let mut out = Vec::with_capacity(rows.len());
    let mut at: Option<usize> = None;
    for (i, (&name, &row)) in source.iter().zip(rows).enumerate() {
        let starts = i == 0 || name != source[i - 1] || row <= rows[i - 1];
        if starts {
            let from = at.map_or(0, |a| a + 1);
            at = Some(
                (from..files.len())
                    .find(|&f| Some(files[f].as_str()) == name)
                    // (a name that is no input's: the next input)
                    .unwrap_or(from.min(files.len().saturating_sub(1))),
            );
        }
        out.push(at.unwrap_or(0));
    }
    out
}

/// Rules the spec cannot satisfy: a run longer than its items, straight-lining of one item.
pub fn check_rules(
    command: &'static str,
    scale: &Scale,
    options: &ScreenOptions,
) -> anyhow::Result<()> {
    let k = scale.first_item_of_each_column().len();
    let refuse =
        |message: String| -> anyhow::Result<()> { Err(UsageError { command, message }.into()) };
    if let Some(n) = options.rules.longest_run.filter(|&n| n > k) {
        return refuse(format!(
            "--longest-run {n} is more than the {k} items of the spec \"{}\"",
            scale.name
        ));
    }
    if options.rules.straight_line && k < 2 {
        return refuse(format!(
            "--straight-line needs at least 2 items; the spec \"{}\" has {k}",
            scale.name
        ));
    }
    Ok(())
}

/// Screens scored respondents (scored with [`prepare`]d scoring of the spec at `spec`).
pub fn screen_scored(
    scoring: &Scoring,
    scored: &Scored,
    options: &ScreenOptions,
    spec: &Path,
) -> Result<Screened, DataError> {
    // the spec as bound to the input's columns (selectors resolved)
    let scale = &scored.scale;
    let n = scored.frame.height();
    let files = &scored.summary.files;
    let frame_error = |e: polars::error::PolarsError| {
        DataError::new(format!("cannot read the scores: {}", e.remove_context()))
    };
    // where each respondent is: its input and its row
    let rows: Vec<u64> = (0..n).map(|i| scored.rows.get(i)).collect();
    let file_of: Vec<usize> = if files.len() > 1 {
        let source = scored
            .frame
            .column("source")
            .and_then(|c| c.str().cloned())
            .map_err(frame_error)?;
        let source: Vec<Option<&str>> = source.iter().collect();
        inputs_of_rows(files, &source, &rows)
    } else {
        vec![0; n]
    };
    let places: Vec<(usize, u64)> = file_of.into_iter().zip(rows).collect();
    let ids: Vec<Option<String>> = match &scored.id {
        Some(id) => scored
            .frame
            .column(id)
            .and_then(|c| c.str().cloned())
            .map_err(frame_error)?
            .iter()
            .map(|s| s.map(str::to_string))
            .collect(),
        None => Vec::new(),
    };
    // The raw answers (the kernel keeps them keyed), one per column read (an item keyed both
    // ways, x and -x, is one answer), each respondent's in the order of the input's columns:
    // the questionnaire's order, which the longest run follows.
    let mut read = scale.first_item_of_each_column();
    read.sort_by_key(|&q| scored.columns.iter().position(|c| *c == scale.columns[q]));
    let k = read.len();
    // per item, where its column's answer is
    let slot: Vec<usize> = scale
        .columns
        .iter()
        .map(|c| {
            read.iter()
                .position(|&r| scale.columns[r] == *c)
                .expect("every column is read")
        })
        .collect();
    let mut answers = vec![f64::NAN; n * k];
    for (at, &q) in read.iter().enumerate() {
        let reversed = scale.is_reversed(&scale.items[q]);
        for (i, &v) in scored.items[q].iter().enumerate() {
            answers[i * k + at] = if reversed {
                scale.min + scale.max - v
            } else {
                v
            };
        }
    }
    // the scores the missing-item rule left missing
    let mut incomplete = vec![Vec::new(); n];
    for def in &scale.scores {
        // (several inputs are several chunks)
        let values = scored
            .frame
            .column(&def.name)
            .and_then(|c| c.f64().cloned())
            .map_err(frame_error)?;
        let positions = scale.positions(def);
        for (i, v) in values.iter().enumerate() {
            if v.is_none_or(f64::is_nan) {
                incomplete[i].push(IncompleteScore {
                    score: def.name.clone(),
                    answered: positions
                        .iter()
                        .filter(|&&q| !answers[i * k + slot[q]].is_nan())
                        .count(),
                    items: positions.len(),
                    required: def.required(),
                });
            }
        }
    }
    let (seconds, duration_missing) = match options.rules.min_seconds {
        Some(_) => durations(scoring, scored, options, &places, &ids)?,
        None => (Vec::new(), 0),
    };
    let input = ScreenInput {
        items: k,
        answers: &answers,
        places: &places,
        files,
        ids: &ids,
        seconds: &seconds,
        incomplete: &incomplete,
    };
    let verdicts = screen(&options.rules, &input);
    let mut report = ScreenReport {
        rules: options.rules,
        duration_column: options
            .rules
            .min_seconds
            .map(|_| duration_column(options).to_string()),
        duration_missing,
        files: files.clone(),
        prepost_version: env!("CARGO_PKG_VERSION").to_string(),
        scale: scale.name.clone(),
        labels: scale.labels.clone(),
        spec: spec.display().to_string(),
        ..ScreenReport::default()
    };
    // how the answers were read: skipped (a Wenjuanxing download) and invalid answers (the
    // scores missing by the missing-item rule are the incomplete respondents)
    report.notes.extend(
        scored
            .summary
            .notes(scale, &files.join(", "))
            .into_iter()
            .filter(|note| {
                matches!(
                    note,
                    Note::SkippedAnswers { .. } | Note::InvalidAnswers { .. }
                )
            }),
    );
    fill(&mut report, &input, &verdicts);
    let valid = verdicts.iter().map(Vec::is_empty).collect();
    Ok(Screened { report, valid })
}

/// The time taken by each respondent, in seconds (None: an empty cell or a missing code), and
/// how many have none. A column missing from an input, or a cell that is not a duration, is an
/// error naming it.
fn durations(
    scoring: &Scoring,
    scored: &Scored,
    options: &ScreenOptions,
    places: &[(usize, u64)],
    ids: &[Option<String>],
) -> Result<(Vec<Option<f64>>, usize), DataError> {
    let name = duration_column(options);
    let files = &scored.summary.files;
    let found = scored
        .labels
        .iter()
        .find(|(l, _)| l == name)
        .map(|(_, labels)| labels);
    // The scores of several inputs keep a label column only while every input has it: the
    // first input without it is the one whose first row the column falls short of.
    let lacking = match found {
        None => Some(0),
        Some(labels) if labels.len() < places.len() => Some(places[labels.len()].0),
        Some(_) => None,
    };
    if let Some(file) = lacking {
        let hint = match &options.duration {
            Some(_) => "name the column of the time taken with --duration COLUMN (its name as in the header)".to_string(),
            None => format!(
                "--min-seconds reads the time taken from the column {} of a Wenjuanxing download; name another column with --duration COLUMN",
                wenjuanxing::TIME_TAKEN
            ),
        };
        // (the columns read are those of the first input)
        let columns = match file {
            0 => format!(
                "; its columns are: {}",
                crate::error::list_some(scored.columns.iter().map(String::as_str), 12)
            ),
            _ => String::new(),
        };
        return Err(DataError::new(format!(
            "has no column \"{name}\" (the time taken, for --min-seconds){columns}"
        ))
        .file(&files[file])
        .row(1)
        .hint(hint));
    }
    let labels = found.expect("found when none lacks it");
    let mut missing = 0;
    let mut out = Vec::with_capacity(labels.len());
    for (i, cell) in labels.iter().enumerate() {
        let seconds = match cell {
            None => None,
            Some(text) => match read_number(text.as_bytes(), &scoring.missing) {
                Number::Missing => None,
                _ => Some(parse_duration(text).map_err(|why| {
                    let (file, row) = places[i];
                    let mut e = DataError::new(format!("{why}, found \"{}\"", shown(text)))
                        .file(&files[file])
                        .row(row)
                        .column(name)
                        .hint("correct the cell, or leave it empty when the time taken is not known (it is then not judged)");
                    if let Some(Some(id)) = ids.get(i) {
                        e = e.id(id);
                    }
                    e
                })?),
            },
        };
        missing += usize::from(seconds.is_none());
        out.push(seconds);
    }
    Ok((out, missing))
}

/// A screening's report and, per respondent, whether it is valid.
pub struct Screened {
    pub report: ScreenReport,
    pub valid: Vec<bool>,
}

impl Screened {
    /// With `--keep FILE`: writes the valid rows of the input (its path, as read, and how),
    /// unchanged, never over one of `inputs`, and names the file in the report.
    pub fn write_kept(
        &mut self,
        options: &ScreenOptions,
        input: (&Path, &Source, &InputOptions),
        scored: &Scored,
        inputs: &[PathBuf],
    ) -> anyhow::Result<()> {
        let Some(keep) = &options.keep else {
            return Ok(());
        };
        ensure_not_an_input(keep, inputs)?;
        let (path, source, how) = input;
        let starts = scored.rows.to_vec();
        let bytes = crate::io::keep::kept_rows(path, source, how, &starts, &self.valid)?;
        write_atomic(keep, &bytes)?;
        self.report.kept = Some(keep.display().to_string());
        Ok(())
    }
}

/// Runs `screen`.
pub fn run(config: &ScreenConfig) -> anyhow::Result<()> {
    let mut scoring = Scoring::of_spec_file(
        &config.spec,
        config.id.as_deref(),
        &config.na,
        config.invalid,
    )?;
    prepare(&mut scoring, &config.screen);
    let source = Source::open(&config.data, &config.input)?;
    let scored = score_source(&source, &scoring)?;
    // (the spec as bound to the file: a selector's items are known there)
    check_rules("screen", &scored.scale, &config.screen)?;
    let mut screened = screen_scored(&scoring, &scored, &config.screen, &config.spec)?;
    let inputs = vec![config.data.clone(), config.spec.clone()];
    screened.write_kept(
        &config.screen,
        (&config.data, &source, &config.input),
        &scored,
        &inputs,
    )?;
    super::write_report(&screened.report, &config.output, &inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_belong_to_their_input_by_position() {
        let files: Vec<String> = ["a.csv", "b.csv", "b.csv", "a.csv"]
            .map(String::from)
            .to_vec();
        // a (rows 2, 3), b (2, 4), b again (2, 4), b's... none: a again (2)
        let source = [
            Some("a.csv"),
            Some("a.csv"),
            Some("b.csv"),
            Some("b.csv"),
            Some("b.csv"),
            Some("b.csv"),
            Some("a.csv"),
        ];
        let rows = [2, 3, 2, 4, 2, 4, 2];
        assert_eq!(
            inputs_of_rows(&files, &source, &rows),
            vec![0, 0, 1, 1, 2, 2, 3]
        );
        // an input without respondents is passed over
        let files: Vec<String> = ["a.csv", "empty.csv", "a.csv"].map(String::from).to_vec();
        let source = [Some("a.csv"), Some("a.csv")];
        assert_eq!(inputs_of_rows(&files, &source, &[5, 5]), vec![0, 2]);
        // one row per input, the same file three times
        let files: Vec<String> = ["a.csv"; 3].map(String::from).to_vec();
        let source = [Some("a.csv"); 3];
        assert_eq!(inputs_of_rows(&files, &source, &[2, 2, 2]), vec![0, 1, 2]);
    }
}
