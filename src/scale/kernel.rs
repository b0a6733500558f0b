//! The scoring kernel: item answers → scores, one record at a time, for every input the reader
//! ([`crate::io::reader`]) serves. It validates every answer, keys reverse items, applies the
//! missing-item rule, and reports an invalid answer itself (file, row, id, item, what was
//! expected). The scores of an input are a polars `DataFrame`.
//!
//! Per item q (cells read by [`crate::io::cell`]: trimmed; empty, `NA` or a declared code is
//! missing; in a Wenjuanxing download `-2`, `-3`, `(跳过)` and empty are skipped, missing and
//! counted: [`crate::io::wenjuanxing`]):
//!   valid    = a number, min ≤ x ≤ max, and whole when the scale is integer; or, only where a
//!              cell is not a number, a text of the item's answer map (`[answers]`)
//!   keyed_q  = x, or min + max − x for a reverse-keyed item; missing when missing or invalid
//! Per score S with k items: answered_S = number of keyed items present;
//!   sum:  S = Σ keyed · k / answered_S   (= the plain sum when all are answered; else prorated)
//!   mean: S = Σ keyed / answered_S
//! and S is missing when answered_S is below the spec's `min_answered`. With `impute =
//! "item-mean"` a score with missing items is instead Σ over all k items of the keyed answer,
//! a missing one replaced by the item's mean keyed answer in the same input (sum; / k for the
//! mean), as psych `scoreItems(impute = "mean")`; the means are known at the end of the input,
//! so those rows are recorded and finished there. Sums of whole numbers
//! are exact in any order and are added as the record is read; other sums are added left to
//! right in the score's item order.

use super::spec::{fmt_number, AnswerMap, Coverage, Impute, Method, Scale};
use crate::error::DataError;
use crate::io::cell::{read_label, read_number, shown, MissingCodes, Number};
use crate::io::reader::{self, Consumer, Header, Piece};
use crate::io::source::Source;
use crate::io::table::{Labels, Lines};
use crate::io::wenjuanxing;
use crate::note::Note;
use crate::stats::reliability::{CrossProducts, CROSS_PRODUCTS_MAX_VALUE};
use polars::prelude::*;

/// What to do with an answer that is not a valid response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InvalidPolicy {
    /// Stop with an error naming file, row, id and item.
    #[default]
    Error,
    /// Treat it as not answered, and count it in the summary.
    Missing,
}

/// How to score: the scale and everything resolved once for it.
#[derive(Debug, Clone)]
pub struct Scoring {
    pub scale: Scale,
    /// The id column (the spec's, or `--id`); None: respondents have no id.
    pub id: Option<String>,
    /// The spec's missing codes and `--na`.
    pub missing: MissingCodes,
    pub invalid: InvalidPolicy,
    /// Keep each item's keyed answers (for reliability from the items).
    pub keep_items: bool,
    /// Sum each score's complete rows of keyed items into [`CrossProducts`] (its listwise alpha
    /// without keeping the items); only where [`cross_products_apply`].
    pub cross_products: bool,
    /// Other columns to keep as labels (a group, a time point), where the input has them.
    pub labels: Vec<String>,
}

impl Scoring {
    /// Scoring of data with the id `--id` (else the spec's), the missing codes `--na` besides
    /// the spec's, and the given policy for invalid answers.
    pub fn of_data(
        scale: Scale,
        id: Option<&str>,
        na: &[String],
        invalid: InvalidPolicy,
    ) -> Scoring {
        let mut scoring = Scoring::new(scale);
        if let Some(id) = id {
            scoring.id = Some(id.to_string());
            scoring.scale.id_is_default = false;
        }
        scoring.missing = scoring.missing.with(na);
        scoring.invalid = invalid;
        scoring
    }

    /// [`Scoring::of_data`] of the spec in the file `spec` (read and checked by
    /// [`super::spec::load_for_use`]).
    pub fn of_spec_file(
        spec: &std::path::Path,
        id: Option<&str>,
        na: &[String],
        invalid: InvalidPolicy,
    ) -> Result<Scoring, DataError> {
        Ok(Scoring::of_data(
            super::spec::load_for_use(spec)?,
            id,
            na,
            invalid,
        ))
    }

    /// Scoring with `scale`, its id and missing codes, stopping at an invalid answer.
    pub fn new(scale: Scale) -> Scoring {
        let missing = MissingCodes::new(&scale.missing);
        Scoring {
            id: scale.id.clone(),
            scale,
            missing,
            invalid: InvalidPolicy::Error,
            keep_items: false,
            cross_products: false,
            labels: Vec::new(),
        }
    }
}

/// Whether a scale's answers suit [`CrossProducts`]: whole numbers of at most
/// [`CROSS_PRODUCTS_MAX_VALUE`] in absolute value.
pub fn cross_products_apply(scale: &Scale) -> bool {
    scale.integer
        && scale.min.fract() == 0.0
        && scale.max.fract() == 0.0
        && scale.min.abs().max(scale.max.abs()) <= CROSS_PRODUCTS_MAX_VALUE
}

/// Counts for the summary a user sees.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct ScoreSummary {
    pub files: Vec<String>,
    pub respondents: u64,
    /// Invalid answers treated as missing, by item (only with `InvalidPolicy::Missing`).
    pub invalid_by_item: Vec<(String, u64)>,
    /// Answers skipped or not shown in a Wenjuanxing download (`-2`, `-3`, `(跳过)`, empty),
    /// read as missing, by item.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped_by_item: Vec<(String, u64)>,
    /// Per score: how many respondents have it missing (too few items answered).
    pub missing_by_score: Vec<(String, u64)>,
    /// Per score: how many were prorated (some but enough items answered), or with
    /// `impute = "item-mean"` had missing answers replaced by the items' means.
    pub prorated_by_score: Vec<(String, u64)>,
}

impl ScoreSummary {
    /// Report notes on how the answers of one wave (`label`) were scored: scores missing by
    /// the missing-item rule, scores with missing items, invalid answers counted.
    pub fn notes(&self, scale: &Scale, label: &str) -> Vec<Note> {
        let mut notes = Vec::new();
        let count = |list: &[(String, u64)], name: &str| {
            list.iter().find(|(n, _)| n == name).map_or(0, |x| x.1)
        };
        for sc in &scale.scores {
            let k = sc.items.len();
            let m = count(&self.missing_by_score, &sc.name);
            if m > 0 {
                notes.push(Note::ScoreMissing {
                    wave: label.to_string(),
                    score: sc.name.clone(),
                    n: m,
                    needed: sc.required(),
                    items: k,
                });
            }
            let p = count(&self.prorated_by_score, &sc.name);
            if p > 0 && scale.impute == Impute::ItemMean {
                notes.push(Note::ScoreImputed {
                    wave: label.to_string(),
                    score: sc.name.clone(),
                    n: p,
                    items: k,
                });
            } else if p > 0 {
                notes.push(Note::ScoreProrated {
                    wave: label.to_string(),
                    score: sc.name.clone(),
                    n: p,
                    items: k,
                    mean: sc.method == Method::Mean,
                });
            }
        }
        if !self.skipped_by_item.is_empty() {
            notes.push(Note::SkippedAnswers {
                wave: label.to_string(),
                total: self.skipped_by_item.iter().map(|x| x.1).sum(),
                by_item: self.skipped_by_item.clone(),
            });
        }
        if !self.invalid_by_item.is_empty() {
            notes.push(Note::InvalidAnswers {
                wave: label.to_string(),
                total: self.invalid_by_item.iter().map(|x| x.1).sum(),
                by_item: self.invalid_by_item.clone(),
            });
        }
        notes
    }
}

/// Scored respondents.
#[derive(Debug, Clone)]
pub struct Scored {
    /// The scale bound to the input's columns ([`crate::scale::spec::bind`]): its items are
    /// the columns read, the names every report gives them.
    pub scale: Scale,
    /// Columns: `source` (several files only), the id (if any), one column per score,
    /// `n_answered`.
    pub frame: DataFrame,
    /// The line of each respondent in its file.
    pub rows: Lines,
    pub summary: ScoreSummary,
    /// Per score (in the scale's order), the cross-products of its complete rows of keyed
    /// items, if asked for.
    pub cross_products: Vec<CrossProducts>,
    /// Per item (in the scale's order), the keyed answers (NaN = missing), if asked for.
    pub items: Vec<Vec<f64>>,
    /// The label columns asked for that the input has.
    pub labels: Vec<(String, Labels)>,
    /// The id column, if respondents have ids.
    pub id: Option<String>,
    /// The input's column names.
    pub columns: Vec<String>,
}

/// One raw answer, as read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Answer {
    Missing,
    /// Skipped or not shown in a Wenjuanxing download: missing, and counted.
    Skipped,
    Value(f64),
    Invalid,
}

/// Reads one raw answer: missing, or a number within the scale's range (whole on an integer
/// scale), or a text of the item's answer map (looked up only when the cell is not a number),
/// or invalid.
fn read_answer(
    scale: &Scale,
    missing: &MissingCodes,
    answers: Option<&AnswerMap>,
    raw: &[u8],
) -> Answer {
    match read_number(raw, missing) {
        Number::Missing => Answer::Missing,
        Number::Value(x)
            if x >= scale.min && x <= scale.max && (!scale.integer || x.fract() == 0.0) =>
        {
            Answer::Value(x)
        }
        Number::Invalid(_) => answers
            .zip(std::str::from_utf8(raw).ok())
            .and_then(|(map, text)| map.number(text))
            .map_or(Answer::Invalid, Answer::Value),
        Number::Value(_) => Answer::Invalid,
    }
}

/// What an invalid answer should have been.
fn expected(scale: &Scale, answers: Option<&AnswerMap>, raw: &[u8]) -> String {
    format!(
        "expected {} from {} to {}{}, found \"{}\"",
        if scale.integer {
            "a whole number"
        } else {
            "a number"
        },
        fmt_number(scale.min),
        fmt_number(scale.max),
        answers.map_or(String::new(), |m| format!(
            " or one of the answers {}",
            m.describe()
        )),
        shown(String::from_utf8_lossy(raw).trim())
    )
}

/// The error for an invalid answer, naming file, row, item and the respondent's id.
fn invalid_answer(
    problem: String,
    source: &str,
    row: u64,
    item: &str,
    id: Option<&str>,
    texts: bool,
) -> DataError {
    let mut e = DataError::new(problem).file(source).row(row).column(item);
    if let Some(id) = id {
        e = e.id(id);
    }
    e.hint(if texts {
        "correct the answer, add the text to the spec's [answers], declare it as missing \
         (`missing` in the spec, or --na), or use --invalid missing to treat invalid answers as \
         missing (they are counted)"
    } else {
        "correct the answer, declare the code as missing (`missing` in the spec, or --na), \
         or use --invalid missing to treat invalid answers as missing (they are counted)"
    })
}

/// What to do about a spec that does not fit a file's header row.
pub fn columns_hint(problem: &str, headers: &[String]) -> String {
    if problem.starts_with("the id column") {
        format!(
            "set `id` in the spec to the id column's name, or give it with --id COLUMN (score, compare); the columns are: {}",
            headers.join(", ")
        )
    } else {
        "check the item names in the scale spec against the header row (prepost scale check SPEC FILE)"
            .to_string()
    }
}

/// Positions and keys of one input, resolved once from its header.
struct Layout {
    /// Per item: its column.
    item_columns: Vec<usize>,
    /// Per item: its answer texts, if the spec maps any.
    answers: Vec<Option<AnswerMap>>,
    /// Whether the input is a Wenjuanxing download (skipped answers are counted).
    download: bool,
    /// The keyed answer of a one-byte cell (by byte), by the general rule, one table per
    /// distinct way of reading an item (items keyed and mapped alike share one: the tables
    /// of 40 items are 2 or 3, in the first-level cache, not 40 beside it), and per item its
    /// table.
    byte_keyed: Vec<Box<[Answer; 256]>>,
    table_of: Vec<usize>,
    /// Whole-number scales: the same as [`whole_code`] (by byte), per table.
    whole_tables: Vec<[i64; 256]>,
    reversed: Vec<bool>,
    /// Per item: 1 if it is the first item reading its column, else 0 (`n_answered` counts
    /// columns: an item keyed both ways, `x` and `-x`, is one answer).
    counts_answer: Vec<u32>,
    /// Per score: its items.
    score_items: Vec<Vec<usize>>,
    /// Whether sums are exact in any order (whole numbers far below 2^53).
    exact_sums: bool,
    /// A score holding the items of every other score (the total), and where each other
    /// score's items are among its items: a row complete on it adds to its cross-products
    /// only, and the others' are taken from them at the end.
    cover: Option<(usize, Vec<Vec<usize>>)>,
    required: Vec<usize>,
    id_column: Option<usize>,
    label_columns: Vec<(String, usize)>,
}

impl Layout {
    /// The layout of an input with this header, and the scoring bound to its columns
    /// ([`crate::scale::spec::bind`]: the items its selectors select, its id).
    fn new(
        scoring: &Scoring,
        header: &Header,
        source: &str,
    ) -> Result<(Layout, Scoring), DataError> {
        let mut with_id = scoring.scale.clone();
        with_id.id.clone_from(&scoring.id);
        let bound = super::spec::bind(&with_id, &header.names).map_err(|problems| {
            let message = problems
                .iter()
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
                .join("; ");
            let hint = columns_hint(&message, &header.named());
            DataError::new(message)
                .file(source)
                .row(header.line)
                .hint(hint)
        })?;
        let scoring = Scoring {
            id: bound.id.clone(),
            scale: bound,
            ..scoring.clone()
        };
        let scale = &scoring.scale;
        let pos = |name: &str| header.position(name).expect("checked against the header");
        let reversed: Vec<bool> = scale.items.iter().map(|q| scale.is_reversed(q)).collect();
        let answers: Vec<Option<AnswerMap>> = scale
            .items
            .iter()
            .map(|q| scale.answers_of(q).cloned())
            .collect();
        let key = |k: usize, a: Answer| match a {
            Answer::Value(v) if reversed[k] => Answer::Value(scale.min + scale.max - v),
            other => other,
        };
        let mut byte_keyed: Vec<Box<[Answer; 256]>> = Vec::new();
        let table_of = (0..scale.items.len())
            .map(|k| {
                let table: Box<[Answer; 256]> = Box::new(std::array::from_fn(|b| {
                    key(
                        k,
                        read_answer(scale, &scoring.missing, answers[k].as_ref(), &[b as u8]),
                    )
                }));
                match byte_keyed.iter().position(|t| *t == table) {
                    Some(i) => i,
                    None => {
                        byte_keyed.push(table);
                        byte_keyed.len() - 1
                    }
                }
            })
            .collect();
        let whole_tables = byte_keyed
            .iter()
            .map(|t| std::array::from_fn(|b| whole_code(t[b])))
            .collect();
        let score_items: Vec<Vec<usize>> =
            scale.scores.iter().map(|s| scale.positions(s)).collect();
        let cover = (0..score_items.len())
            .find(|&c| {
                score_items
                    .iter()
                    .all(|items| items.iter().all(|k| score_items[c].contains(k)))
            })
            .map(|c| {
                let within = score_items
                    .iter()
                    .map(|items| {
                        items
                            .iter()
                            .map(|k| {
                                score_items[c]
                                    .iter()
                                    .position(|x| x == k)
                                    .expect("a covered item")
                            })
                            .collect()
                    })
                    .collect();
                (c, within)
            });
        let largest = scale.min.abs().max(scale.max.abs()) * scale.items.len() as f64;
        let layout = Layout {
            item_columns: scale.columns.iter().map(|q| pos(q)).collect(),
            answers,
            download: wenjuanxing::is_download(&header.names),
            byte_keyed,
            table_of,
            whole_tables,
            reversed,
            counts_answer: {
                let mut counts = vec![0; scale.items.len()];
                for k in scale.first_item_of_each_column() {
                    counts[k] = 1;
                }
                counts
            },
            score_items,
            cover,
            exact_sums: scale.integer
                && scale.min.fract() == 0.0
                && scale.max.fract() == 0.0
                && largest < 1e15,
            required: scale.scores.iter().map(|s| s.required()).collect(),
            id_column: scoring.id.as_deref().map(pos),
            label_columns: scoring
                .labels
                .iter()
                .filter_map(|l| header.position(l).map(|p| (l.clone(), p)))
                .collect(),
        };
        Ok((layout, scoring))
    }
}

/// A missing answer, as a [`whole_code`].
const MISSING: i64 = i64::MIN;
/// An invalid answer, as a [`whole_code`].
const INVALID: i64 = i64::MIN + 1;
/// A skipped answer, as a [`whole_code`].
const SKIPPED: i64 = i64::MIN + 2;

/// A keyed answer on a whole-number scale as one integer: the answer, or [`MISSING`] or
/// [`INVALID`].
fn whole_code(a: Answer) -> i64 {
    match a {
        Answer::Value(v) => v as i64,
        Answer::Missing => MISSING,
        Answer::Invalid => INVALID,
        Answer::Skipped => SKIPPED,
    }
}

impl Layout {
    /// The keyed answer in a cell (the general rule; one-byte cells by table).
    #[inline]
    fn answer(&self, k: usize, raw: &[u8], scoring: &Scoring) -> Answer {
        let scale = &scoring.scale;
        match raw {
            [b] => self.byte_keyed[self.table_of[k]][usize::from(*b)],
            _ => match read_answer(scale, &scoring.missing, self.answers[k].as_ref(), raw) {
                Answer::Value(v) if self.reversed[k] => Answer::Value(scale.min + scale.max - v),
                // (a download's -2 is an answer on a scale that has it, e.g. -3..3)
                Answer::Value(v) => Answer::Value(v),
                _ if self.download
                    && std::str::from_utf8(raw)
                        .is_ok_and(|t| wenjuanxing::is_skipped(crate::io::cell::trimmed(t))) =>
                {
                    Answer::Skipped
                }
                other => other,
            },
        }
    }
}

/// The scores of one piece (or, merged, of a whole input).
#[derive(Default)]
struct Part {
    rows: Lines,
    ids: Labels,
    labels: Vec<Labels>,
    /// Per score: values, NaN where missing.
    scores: Vec<Vec<f64>>,
    n_answered: Vec<u32>,
    /// Per item: keyed answers, NaN where missing (only if kept).
    items: Vec<Vec<f64>>,
    invalid: Vec<u64>,
    skipped: Vec<u64>,
    missing: Vec<u64>,
    prorated: Vec<u64>,
    cross_products: Vec<CrossProducts>,
    /// Per item (with `impute = "item-mean"` only): the sum and count of its keyed answers.
    item_sums: Vec<f64>,
    item_counts: Vec<u64>,
    /// Rows whose scores wait for the items' means.
    imputations: Vec<Imputation>,
}

/// A row with a score that has missing answers, to finish with the items' means.
struct Imputation {
    /// The row's position among the input's rows (within its part until merged).
    row: usize,
    /// The items it did not answer.
    unanswered: Box<[u32]>,
    /// Per score with missing items (and enough answered): the score and its answered sum.
    sums: Vec<(usize, f64)>,
}

impl Part {
    fn new(scoring: &Scoring, layout: &Layout, rows: usize) -> Part {
        let scale = &scoring.scale;
        let vectors = |n: usize| (0..n).map(|_| Vec::with_capacity(rows)).collect();
        Part {
            rows: Lines::default(),
            ids: Labels::default(),
            labels: vec![Labels::default(); layout.label_columns.len()],
            scores: vectors(scale.scores.len()),
            n_answered: Vec::with_capacity(rows),
            items: if scoring.keep_items {
                vectors(scale.items.len())
            } else {
                Vec::new()
            },
            invalid: vec![0; scale.items.len()],
            skipped: vec![0; scale.items.len()],
            missing: vec![0; scale.scores.len()],
            prorated: vec![0; scale.scores.len()],
            cross_products: if scoring.cross_products {
                scale
                    .scores
                    .iter()
                    .map(|s| CrossProducts::new(s.items.len()))
                    .collect()
            } else {
                Vec::new()
            },
            item_sums: vec![0.0; scale.items.len()],
            item_counts: vec![0; scale.items.len()],
            imputations: Vec::new(),
        }
    }

    fn append(&mut self, other: Part) {
        let offset = self.rows.len();
        self.imputations
            .extend(other.imputations.into_iter().map(|mut i| {
                i.row += offset;
                i
            }));
        for (a, b) in self.item_sums.iter_mut().zip(other.item_sums) {
            *a += b;
        }
        for (a, b) in self.item_counts.iter_mut().zip(other.item_counts) {
            *a += b;
        }
        self.rows.extend_from(&other.rows);
        self.ids.extend_from(other.ids);
        for (a, b) in self.labels.iter_mut().zip(other.labels) {
            a.extend_from(b);
        }
        for (a, b) in self.scores.iter_mut().zip(other.scores) {
            a.extend(b);
        }
        self.n_answered.extend(other.n_answered);
        for (a, b) in self.items.iter_mut().zip(other.items) {
            a.extend(b);
        }
        for (list, more) in [
            (&mut self.invalid, other.invalid),
            (&mut self.skipped, other.skipped),
            (&mut self.missing, other.missing),
            (&mut self.prorated, other.prorated),
        ] {
            for (a, b) in list.iter_mut().zip(more) {
                *a += b;
            }
        }
        CrossProducts::merge_each(&mut self.cross_products, other.cross_products);
    }
}

/// The kernel as a consumer of one input's records.
struct Kernel {
    /// The scoring bound to the input's columns.
    scoring: Scoring,
    layout: Layout,
    scored: Part,
}

impl Consumer for Kernel {
    type Part = Part;

    fn process(&self, piece: &Piece) -> Result<Part, DataError> {
        let scoring = &self.scoring;
        let layout = &self.layout;
        let scale = &scoring.scale;
        let mut part = Part::new(scoring, layout, piece.size_hint());
        let n_items = scale.items.len();
        // per item of the record: the keyed answer (NaN = missing), and for whole-number
        // scales the same as an integer (0 = missing) and whether it was answered, which the
        // scores add in integer registers (exact in any order)
        let mut keyed = vec![f64::NAN; n_items];
        let mut whole = vec![0i64; n_items];
        let mut answered_item = vec![0u32; n_items];
        let n_scores = scale.scores.len();
        let mut complete = vec![false; n_scores];
        let stop = scoring.invalid == InvalidPolicy::Error;
        let exact = layout.exact_sums;
        let impute = scale.impute == Impute::ItemMean;
        let mut imputed_sums: Vec<(usize, f64)> = Vec::new();
        piece.for_each(|record| {
            let invalid = |k: usize, raw: &[u8]| {
                let id = layout.id_column.and_then(|c| read_label(record.field(c)));
                invalid_answer(
                    expected(scale, layout.answers[k].as_ref(), raw),
                    piece.source(),
                    record.line,
                    &scale.columns[k],
                    id.as_deref(),
                    layout.answers[k].is_some(),
                )
            };
            let mut n_answered = 0u32;
            if exact {
                // whole numbers: the answers as integers, by table
                for k in 0..n_items {
                    let raw = record.field(layout.item_columns[k]);
                    let code = match raw {
                        [b] => layout.whole_tables[layout.table_of[k]][usize::from(*b)],
                        _ => whole_code(layout.answer(k, raw, scoring)),
                    };
                    let (w, present) = match code {
                        MISSING => (0, 0),
                        SKIPPED => {
                            part.skipped[k] += 1;
                            (0, 0)
                        }
                        INVALID if stop => return Err(invalid(k, raw)),
                        INVALID => {
                            part.invalid[k] += 1;
                            (0, 0)
                        }
                        w => (w, 1),
                    };
                    whole[k] = w;
                    answered_item[k] = present;
                    n_answered += present & layout.counts_answer[k];
                }
                if scoring.keep_items {
                    for k in 0..n_items {
                        keyed[k] = if answered_item[k] == 1 {
                            whole[k] as f64
                        } else {
                            f64::NAN
                        };
                    }
                }
            } else {
                for (k, slot) in keyed.iter_mut().enumerate() {
                    let raw = record.field(layout.item_columns[k]);
                    *slot = match layout.answer(k, raw, scoring) {
                        Answer::Value(v) => v,
                        Answer::Missing => f64::NAN,
                        Answer::Skipped => {
                            part.skipped[k] += 1;
                            f64::NAN
                        }
                        Answer::Invalid if stop => return Err(invalid(k, raw)),
                        Answer::Invalid => {
                            part.invalid[k] += 1;
                            f64::NAN
                        }
                    };
                    n_answered += u32::from(!slot.is_nan()) & layout.counts_answer[k];
                }
            }
            if impute {
                for k in 0..n_items {
                    let (v, present) = if exact {
                        (whole[k] as f64, answered_item[k] == 1)
                    } else {
                        (keyed[k], !keyed[k].is_nan())
                    };
                    if present {
                        part.item_sums[k] += v;
                        part.item_counts[k] += 1;
                    }
                }
            }
            for (s, def) in scale.scores.iter().enumerate() {
                let items = &layout.score_items[s];
                let (sum, answered) = if exact {
                    let mut sum = 0i64;
                    let mut answered = 0u32;
                    for &k in items {
                        sum += whole[k];
                        answered += answered_item[k];
                    }
                    (sum as f64, answered)
                } else {
                    // left to right in item order
                    let mut sum = 0.0;
                    let mut answered = 0u32;
                    for &k in items {
                        let v = keyed[k];
                        if !v.is_nan() {
                            sum += v;
                            answered += 1;
                        }
                    }
                    (sum, answered)
                };
                let k = items.len();
                let coverage = Coverage::of(answered as usize, layout.required[s], k);
                let value = if coverage == Coverage::Missing {
                    part.missing[s] += 1;
                    f64::NAN
                } else if coverage == Coverage::Prorated && impute {
                    part.prorated[s] += 1;
                    imputed_sums.push((s, sum));
                    f64::NAN
                } else {
                    if coverage == Coverage::Prorated {
                        part.prorated[s] += 1;
                    }
                    match def.method {
                        Method::Sum => sum * k as f64 / f64::from(answered),
                        Method::Mean => sum / f64::from(answered),
                    }
                };
                part.scores[s].push(value);
                complete[s] = answered as usize == k;
            }
            if scoring.cross_products {
                // a row complete on the cover counts for the others through it
                let covered = layout
                    .cover
                    .as_ref()
                    .map(|(c, _)| *c)
                    .filter(|&c| complete[c]);
                for (s, products) in part.cross_products.iter_mut().enumerate() {
                    if complete[s] && (covered.is_none() || covered == Some(s)) {
                        products.add_gathered(&layout.score_items[s], &whole);
                    }
                }
            }
            if !imputed_sums.is_empty() {
                let unanswered = (0..n_items)
                    .filter(|&k| {
                        if exact {
                            answered_item[k] == 0
                        } else {
                            keyed[k].is_nan()
                        }
                    })
                    .map(|k| k as u32)
                    .collect();
                part.imputations.push(Imputation {
                    row: part.rows.len(),
                    unanswered,
                    sums: std::mem::take(&mut imputed_sums),
                });
            }
            part.n_answered.push(n_answered);
            for (column, &v) in part.items.iter_mut().zip(&keyed) {
                column.push(v);
            }
            if let Some(c) = layout.id_column {
                part.ids.push(read_label(record.field(c)).as_deref());
            }
            for (labels, (_, c)) in part.labels.iter_mut().zip(&layout.label_columns) {
                labels.push(read_label(record.field(*c)).as_deref());
            }
            part.rows.push(record.line);
            Ok(())
        })?;
        Ok(part)
    }

    fn merge(&mut self, part: Part) -> Result<(), DataError> {
        if self.scored.rows.is_empty() {
            self.scored = part;
        } else {
            self.scored.append(part);
        }
        Ok(())
    }
}

/// A column of scores: NaN is missing (null), and the values keep NaN there, so that
/// [`score_values`] can read them as a slice.
pub fn score_column(name: &str, values: Vec<f64>) -> Column {
    // (no validity at all when nothing is missing)
    let bits = values.iter().any(|v| v.is_nan()).then(|| {
        let valid: BooleanChunked = values.iter().map(|v| !v.is_nan()).collect();
        let valid = valid.rechunk();
        let bits = valid
            .downcast_iter()
            .next()
            .map(|array| array.values().clone());
        bits
    });
    Float64Chunked::from_vec(name.into(), values)
        .with_validity(bits.flatten())
        .into_column()
}

/// The values of a column made by [`score_column`] (NaN where missing).
pub fn score_values(column: &Column) -> &[f64] {
    let ca = column.f64().expect("a column of scores");
    assert_eq!(ca.chunks().len(), 1, "a column of scores is one chunk");
    ca.downcast_iter()
        .next()
        .expect("one chunk")
        .values()
        .as_slice()
}

/// A column of labels (null where empty).
pub fn label_column(name: &str, labels: &Labels) -> Column {
    StringChunked::from_iter_options(name.into(), labels.iter()).into_column()
}

/// Scores one input.
pub fn score_source(source: &Source, scoring: &Scoring) -> Result<Scored, DataError> {
    if scoring.cross_products && !cross_products_apply(&scoring.scale) {
        return Err(DataError::new(
            "cross-products need whole-number answers of at most 1000 (an internal error)",
        ));
    }
    if let Some(id) = scoring
        .id
        .as_deref()
        .filter(|id| scoring.scale.columns.iter().any(|q| q == id))
    {
        return Err(DataError::new(format!(
            "the id column \"{id}\" is also an item of the scale; the id must be another column"
        ))
        .hint("name the participant id column with --id COLUMN"));
    }
    let (structure, kernel) = reader::read(source, |header| {
        let (layout, scoring) = Layout::new(scoring, header, &source.name)?;
        Ok(Kernel {
            scored: Part::new(&scoring, &layout, 0),
            layout,
            scoring,
        })
    })?;
    let Kernel {
        mut scored,
        layout,
        scoring,
    } = kernel;
    let scale = &scoring.scale;
    impute_item_means(&mut scored, scale, &layout, &source.name)?;
    if let (Some((c, within)), false) = (&layout.cover, scored.cross_products.is_empty()) {
        let cover = scored.cross_products[*c].clone();
        for (s, positions) in within.iter().enumerate() {
            if s != *c {
                scored.cross_products[s].merge(cover.subset(positions));
            }
        }
    }
    let mut columns = Vec::with_capacity(scale.scores.len() + 2);
    if let Some(id) = &scoring.id {
        columns.push(label_column(id, &scored.ids));
    }
    let height = scored.rows.len();
    for (def, values) in scale.scores.iter().zip(scored.scores) {
        columns.push(score_column(&def.name, values));
    }
    columns.push(UInt32Chunked::from_vec("n_answered".into(), scored.n_answered).into_column());
    let frame = DataFrame::new(height, columns).map_err(|e| {
        DataError::new(format!("cannot build the scores: {}", e.remove_context()))
            .file(&source.name)
    })?;
    let named = |counts: Vec<u64>, names: &mut dyn Iterator<Item = &String>| {
        names.cloned().zip(counts).collect::<Vec<_>>()
    };
    let summary = ScoreSummary {
        files: vec![source.name.clone()],
        respondents: height as u64,
        invalid_by_item: by_column(named(scored.invalid, &mut scale.columns.iter())),
        skipped_by_item: by_column(named(scored.skipped, &mut scale.columns.iter())),
        missing_by_score: named(scored.missing, &mut scale.scores.iter().map(|s| &s.name)),
        prorated_by_score: named(scored.prorated, &mut scale.scores.iter().map(|s| &s.name)),
    };
    Ok(Scored {
        scale: scoring.scale.clone(),
        frame,
        rows: scored.rows,
        summary,
        cross_products: scored.cross_products,
        items: scored.items,
        labels: layout
            .label_columns
            .iter()
            .map(|(name, _)| name.clone())
            .zip(scored.labels)
            .collect(),
        id: scoring.id.clone(),
        columns: structure.header.named(),
    })
}

/// Counts of items (a column keyed both ways is two items) as counts of columns, without zeros.
fn by_column(counts: Vec<(String, u64)>) -> Vec<(String, u64)> {
    let mut columns: Vec<(String, u64)> = Vec::new();
    for (column, c) in counts.into_iter().filter(|(_, c)| *c > 0) {
        match columns.iter_mut().find(|(q, _)| *q == column) {
            // both copies read the same cell: it is one invalid answer
            Some((_, t)) => *t = (*t).max(c),
            None => columns.push((column, c)),
        }
    }
    columns
}

/// Finishes the rows recorded for `impute = "item-mean"`: each missing answer of a score is
/// replaced by its item's mean keyed answer over the input (psych 2.2.9 `scoreItems(impute =
/// "mean")`: `items[miss] <- colMeans(items, na.rm = TRUE)`; `scores <- items %*% keys`, / k
/// for means).
fn impute_item_means(
    scored: &mut Part,
    scale: &Scale,
    layout: &Layout,
    source: &str,
) -> Result<(), DataError> {
    if scored.imputations.is_empty() {
        return Ok(());
    }
    let means: Vec<Option<f64>> = scored
        .item_sums
        .iter()
        .zip(&scored.item_counts)
        .map(|(&sum, &n)| (n > 0).then(|| sum / n as f64))
        .collect();
    for imputation in &scored.imputations {
        for &(s, answered_sum) in &imputation.sums {
            let items = &layout.score_items[s];
            let mut sum = answered_sum;
            for &k in imputation.unanswered.iter() {
                let k = k as usize;
                if !items.contains(&k) {
                    continue;
                }
                sum += means[k].ok_or_else(|| {
                    DataError::new(format!(
                        "item \"{}\" has no answer at all, so its mean cannot replace its missing answers (impute = \"item-mean\")",
                        scale.items[k]
                    ))
                    .file(source)
                    .column(&scale.columns[k])
                    .hint("remove the item from the spec, or score without imputation (impute = \"none\")")
                })?;
            }
            scored.scores[s][imputation.row] = match scale.scores[s].method {
                Method::Sum => sum,
                Method::Mean => sum / items.len() as f64,
            };
        }
    }
    Ok(())
}

/// The error when a spec bound to the columns of `file` ([`super::spec::bind`]: selectors such
/// as `Q3` or `Q7..Q26`) reads other items than bound to those of `first_file`: the inputs
/// would be scored on different questions.
pub fn same_items(
    first: &Scale,
    first_file: &str,
    bound: &Scale,
    file: &str,
) -> Result<(), DataError> {
    if first.items == bound.items {
        return Ok(());
    }
    Err(DataError::new(format!(
        "the spec selects other columns here than in {first_file} (items: {}; there: {})",
        bound.items.join(", "),
        first.items.join(", ")
    ))
    .file(file)
    .hint("files scored or compared together must have the same item columns"))
}

/// Scores several inputs into one frame, with a `source` column first when there are several.
pub fn score_sources(sources: &[Source], scoring: &Scoring) -> Result<Scored, DataError> {
    let mut all: Option<Scored> = None;
    for source in sources {
        let mut scored = score_source(source, scoring)?;
        if sources.len() > 1 {
            let n = scored.frame.height();
            let mut columns = vec![Column::new_scalar(
                "source".into(),
                Scalar::new(
                    DataType::String,
                    AnyValue::StringOwned(source.name.as_str().into()),
                ),
                n,
            )];
            columns.extend(scored.frame.columns().iter().cloned());
            scored.frame = DataFrame::new(n, columns).map_err(|e| {
                DataError::new(format!("cannot build the scores: {e}")).file(&source.name)
            })?;
        }
        all = Some(match all {
            None => scored,
            Some(mut acc) => {
                same_items(
                    &acc.scale,
                    &acc.summary.files[0],
                    &scored.scale,
                    &source.name,
                )?;
                if acc.id != scored.id {
                    return Err(DataError::new(format!(
                        "the id column here is {}, in {} it is {}",
                        scored.id.as_deref().unwrap_or("none"),
                        acc.summary.files[0],
                        acc.id.as_deref().unwrap_or("none")
                    ))
                    .file(&source.name)
                    .hint("files scored together must have the same columns; score them one at a time"));
                }
                acc.frame
                    .vstack_mut_owned(scored.frame)
                    .map_err(|e| DataError::new(format!("cannot build the scores: {e}")))?;
                acc.rows.extend_from(&scored.rows);
                acc.summary.files.extend(scored.summary.files);
                acc.summary.respondents += scored.summary.respondents;
                merge_counts(
                    &mut acc.summary.invalid_by_item,
                    scored.summary.invalid_by_item,
                    &scored.scale.columns,
                );
                merge_counts(
                    &mut acc.summary.skipped_by_item,
                    scored.summary.skipped_by_item,
                    &scored.scale.columns,
                );
                for (a, b) in [
                    (
                        &mut acc.summary.missing_by_score,
                        scored.summary.missing_by_score,
                    ),
                    (
                        &mut acc.summary.prorated_by_score,
                        scored.summary.prorated_by_score,
                    ),
                ] {
                    for ((_, x), (_, y)) in a.iter_mut().zip(b) {
                        *x += y;
                    }
                }
                CrossProducts::merge_each(&mut acc.cross_products, scored.cross_products);
                for (a, b) in acc.items.iter_mut().zip(scored.items) {
                    a.extend(b);
                }
                for ((_, a), (_, b)) in acc.labels.iter_mut().zip(scored.labels) {
                    a.extend_from(b);
                }
                acc
            }
        });
    }
    all.ok_or_else(|| DataError::new("no input to score"))
}

/// Adds counts by item, keeping the scale's item order and only items with a count.
fn merge_counts(total: &mut Vec<(String, u64)>, more: Vec<(String, u64)>, items: &[String]) {
    for (item, c) in more {
        match total.iter_mut().find(|(i, _)| *i == item) {
            Some((_, t)) => *t += c,
            None => total.push((item, c)),
        }
    }
    total.sort_by_key(|(i, _)| items.iter().position(|q| q == i));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::spec::parse;

    const SPEC: &str = "name = \"t\"\nid = \"id\"\nmin = 1\nmax = 5\nmissing = [\"-99\"]\n\
        min_answered = 0.5\nallow_shared_items = true\n\
        [[subscale]]\nname = \"a\"\nitems = [\"q1\", \"q2\", \"q3\"]\nreverse = [\"q2\"]\n\
        [[subscale]]\nname = \"b\"\nitems = [\"q4\", \"q1\"]\nmethod = \"mean\"\n";

    fn score(spec: &str, text: &str, invalid: InvalidPolicy) -> Result<Scored, DataError> {
        let mut scoring = Scoring::new(parse(spec).unwrap());
        scoring.invalid = invalid;
        scoring.keep_items = true;
        scoring.cross_products = cross_products_apply(&scoring.scale);
        let source = Source::from_text("f.csv", b',', text.as_bytes().to_vec());
        score_source(&source, &scoring)
    }

    fn column(s: &Scored, name: &str) -> Vec<Option<f64>> {
        s.frame
            .column(name)
            .unwrap()
            .f64()
            .unwrap()
            .iter()
            .collect()
    }

    #[test]
    fn keys_prorates_and_applies_the_missing_item_rule() {
        let s = score(
            SPEC,
            "id,q1,q2,q3,q4\nA,1,5,3,2\nB,4,,NA,5\nC,-99,2,,\n D ,2,3,4,1\n",
            InvalidPolicy::Error,
        )
        .unwrap();
        // a = q1 + (6 - q2) + q3, prorated: B has 1 of 3 answered (needs 2); b = mean(q4, q1)
        assert_eq!(column(&s, "a"), vec![Some(5.0), None, None, Some(9.0)]);
        assert_eq!(column(&s, "b"), vec![Some(1.5), Some(4.5), None, Some(1.5)]);
        let total = column(&s, "total");
        assert_eq!(total[1], Some(9.0 * 4.0 / 2.0));
        let ids: Vec<Option<&str>> = s
            .frame
            .column("id")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(ids, vec![Some("A"), Some("B"), Some("C"), Some("D")]);
        assert_eq!(s.rows.to_vec(), vec![2, 3, 4, 5]);
        assert_eq!(s.summary.missing_by_score[0], ("a".to_string(), 2));
        assert_eq!(s.items[1][0], 1.0, "q2 = 5 keyed 1");
        assert_eq!(s.cross_products[0].n(), 2);
    }

    #[test]
    fn invalid_answers_are_errors_or_counted() {
        let text = "id,q1,q2,q3,q4\nA,1,2,3,4\nB,1,6,3,x\nC,0,2.5,3,4\n";
        let e = score(SPEC, text, InvalidPolicy::Error).unwrap_err();
        assert_eq!(
            (e.row, e.column.as_deref(), e.id.as_deref()),
            (Some(3), Some("q2"), Some("B"))
        );
        assert!(e
            .message
            .contains("expected a whole number from 1 to 5, found \"6\""));
        let s = score(SPEC, text, InvalidPolicy::Missing).unwrap();
        assert_eq!(
            s.summary.invalid_by_item,
            vec![
                ("q1".to_string(), 1),
                ("q2".to_string(), 2),
                ("q4".to_string(), 1)
            ]
        );
        // the same from a quoted file, and after a byte-order mark and blank lines
        let quoted =
            "\u{feff}\n\n\"id\",\"q1\",\"q2\",\"q3\",\"q4\"\r\n\"A\",1,2,3,4\r\n\"B\",1,6,3,x\r\n";
        let e = score(SPEC, quoted, InvalidPolicy::Error).unwrap_err();
        assert_eq!((e.row, e.column.as_deref()), (Some(5), Some("q2")));
    }

    #[test]
    fn decimals_sum_left_to_right() {
        let decimals = SPEC.replace("min = 1\n", "min = 1\ninteger = false\n");
        let s = score(
            &decimals,
            "id,q1,q2,q3,q4\nA,1.1,1.2,1.3,1.7\n",
            InvalidPolicy::Error,
        )
        .unwrap();
        assert_eq!(column(&s, "a")[0].unwrap(), 1.1 + (6.0 - 1.2) + 1.3);
    }

    #[test]
    fn an_id_column_that_is_an_item_is_refused() {
        let mut scoring = Scoring::new(parse(SPEC).unwrap());
        scoring.id = Some("q1".into());
        let source = Source::from_text("f.csv", b',', b"id,q1,q2,q3,q4\nA,1,2,3,4\n".to_vec());
        let e = score_source(&source, &scoring).unwrap_err();
        assert!(e.message.contains("is also an item of the scale"), "{e}");
        let e = score("name = \"t\"\nid = \"code\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"a\"\nitems = [\"q1\", \"q2\"]\n", "id,q1,q2\nA,1,2\n", InvalidPolicy::Error).unwrap_err();
        assert!(e
            .message
            .contains("the id column \"code\" is not in the data"));
        assert_eq!(e.row, Some(1));
    }
}
