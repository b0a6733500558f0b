//! Scoring item-level answers: validating every answer, keying reverse items, and applying the
//! missing-item rule. Two engines apply the same rules: the direct pass ([`super::direct`]) for
//! files without quotes, and otherwise (and to report an invalid answer or a structural problem)
//! the structure check and one polars lazy query per file (streamed for large files).
//!
//! Per item q (cells read as text, trimmed):
//!   missing  = empty, `NA` (any case), or a code in the spec's `missing`
//!   valid    = parses as a number, min ≤ x ≤ max, and whole when the scale is integer
//!   keyed_q  = x, or min + max − x for a reverse-keyed item; null when missing or invalid
//! Per score S with k items: answered_S = number of keyed items present;
//!   sum:  S = Σ keyed · k / answered_S   (= the plain sum when all are answered; else prorated)
//!   mean: S = Σ keyed / answered_S
//! and S is missing when answered_S is below the spec's `min_answered`.

use super::spec::{fmt_number, Method, Scale};
use crate::error::DataError;
use crate::io::{structure, trace};
use crate::stats::reliability::{CrossProducts, CROSS_PRODUCTS_MAX_VALUE};
use polars::lazy::dsl::{max_horizontal, min_horizontal, sum_horizontal};
use polars::prelude::*;
use std::path::{Path, PathBuf};

/// Inputs larger than this (all files together) are scored with polars' streaming engine.
const STREAMING_ABOVE_BYTES: u64 = 32 << 20;

/// What to do with an answer that is not a valid response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InvalidPolicy {
    /// Stop with an error naming file, row, id and item.
    #[default]
    Error,
    /// Treat it as not answered, and count it in the summary.
    Missing,
}

#[derive(Debug, Clone, Default)]
pub struct ScoreOptions {
    pub invalid: InvalidPolicy,
    /// Keep the keyed item columns (`__k_<item>`) for reliability.
    pub keep_items: bool,
    pub delimiter: Option<u8>,
    /// Overrides the spec's id column.
    pub id: Option<String>,
    /// Missing-value codes in addition to the spec's.
    pub missing: Vec<String>,
    /// Which engine scores (the default picks; tests and benchmarks force the polars query).
    pub engine: ScoreEngine,
    /// Sum each score's complete rows of keyed items into [`CrossProducts`], for its listwise
    /// alpha without keeping the items (see [`cross_products_apply`]).
    pub cross_products: bool,
}

/// Whether a scale's answers suit [`CrossProducts`]: whole numbers of at most
/// [`CROSS_PRODUCTS_MAX_VALUE`] in absolute value.
pub fn cross_products_apply(scale: &Scale) -> bool {
    scale.integer
        && scale.min.fract() == 0.0
        && scale.max.fract() == 0.0
        && scale.min.abs().max(scale.max.abs()) <= CROSS_PRODUCTS_MAX_VALUE
}

/// The engine that scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScoreEngine {
    /// The direct pass ([`super::direct`]) for files without quotes, else the polars query.
    #[default]
    Auto,
    /// Always the polars query.
    Polars,
}

/// Counts for the summary a user sees.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct ScoreSummary {
    pub files: Vec<String>,
    pub respondents: u64,
    /// Invalid answers treated as missing, by item (only with `InvalidPolicy::Missing`).
    pub invalid_by_item: Vec<(String, u64)>,
    /// Per score: how many respondents have it missing (too few items answered).
    pub missing_by_score: Vec<(String, u64)>,
    /// Per score: how many were prorated (some but enough items answered).
    pub prorated_by_score: Vec<(String, u64)>,
}

/// Scored respondents.
#[derive(Debug, Clone)]
pub struct Scored {
    /// Columns: `source` (several files only), the id (if the scale has one), one column per
    /// score, `n_answered`, and the keyed items `__k_<item>` if asked for.
    pub frame: DataFrame,
    pub id: Option<String>,
    /// Spreadsheet row of each respondent in its file.
    pub rows: Vec<u64>,
    pub summary: ScoreSummary,
    /// Per score (in the scale's order), the cross-products of its complete rows of keyed
    /// items, if asked for ([`ScoreOptions::cross_products`]).
    pub cross_products: Vec<CrossProducts>,
}

impl Scored {
    /// The values of a numeric column (a score or a keyed item), None = missing.
    pub fn values(&self, column: &str) -> Result<Vec<Option<f64>>, DataError> {
        let col = self.frame.column(column).map_err(|e| polars_error("", e))?;
        let ca = col.f64().map_err(|e| polars_error("", e))?;
        Ok(ca.iter().collect())
    }

    /// A numeric column with NaN for missing values (half the memory of `Option<f64>`).
    pub fn values_nan(&self, column: &str) -> Result<Vec<f64>, DataError> {
        let col = self.frame.column(column).map_err(|e| polars_error("", e))?;
        let ca = col.f64().map_err(|e| polars_error("", e))?;
        Ok(ca.iter().map(|v| v.unwrap_or(f64::NAN)).collect())
    }

    /// Removes the keyed item columns (once reliability has been computed).
    pub fn drop_items(&mut self) {
        self.frame = drop_keyed_items(std::mem::take(&mut self.frame));
    }

    /// The id of each respondent (None without an id column or for an empty cell).
    pub fn ids(&self) -> Vec<Option<crate::pairing::Id>> {
        match self.id.as_deref().and_then(|id| self.frame.column(id).ok()) {
            Some(c) => match c.str() {
                Ok(ca) => ca.iter().map(|v| v.map(crate::pairing::Id::from)).collect(),
                Err(_) => vec![None; self.frame.height()],
            },
            None => vec![None; self.frame.height()],
        }
    }

    /// The respondents as a [`crate::pairing::Wave`] of the given scores.
    pub fn wave(&self, scores: &[String]) -> Result<crate::pairing::Wave, DataError> {
        let _t = trace::Span::new("building a wave");
        Ok(crate::pairing::Wave {
            source: self.summary.files.join(", "),
            rows: self.rows.clone(),
            id_column: self.id.clone().unwrap_or_default(),
            ids: self.ids(),
            scores: scores
                .iter()
                .map(|s| Ok((s.clone(), self.values(s)?)))
                .collect::<Result<_, DataError>>()?,
        })
    }
}

/// The keyed-item column of an item.
pub fn keyed_column(item: &str) -> String {
    format!("__k_{item}")
}

fn polars_error(source: &str, e: PolarsError) -> DataError {
    DataError::new(format!("cannot score the file: {}", e.remove_context())).file(source)
}

/// How the item columns are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    /// Items parsed by polars' CSV reader as whole numbers (integer scales) or decimals — as
    /// fast as polars' own read. A cell that is not such a number makes the query fail, and
    /// the file is read again as `Text`; out-of-range answers are flagged per row.
    Numeric,
    /// Items read as text, trimmed and parsed by expressions: finds and counts every invalid
    /// answer (for the error's location, or `--invalid missing`). About 8x slower.
    Text,
}

/// Whether the numeric read applies: integer scales with whole-number bounds (read as Int64),
/// or scales that accept decimals (read as Float64).
fn numeric_dtype(scale: &Scale) -> Option<DataType> {
    if scale.integer && scale.min.fract() == 0.0 && scale.max.fract() == 0.0 {
        Some(DataType::Int64)
    } else if !scale.integer {
        Some(DataType::Float64)
    } else {
        None
    }
}

/// Files up to this size are read eagerly (see `lazy_file`).
const EAGER_READ_BELOW_BYTES: u64 = 1 << 20;

/// The lazy scoring query of one file whose (trimmed) header row is `headers`.
#[allow(clippy::too_many_arguments)]
fn lazy_file(
    path: &Path,
    delimiter: u8,
    headers: &[String],
    scale: &Scale,
    id: Option<&str>,
    missing: &[String],
    keep_items: bool,
    read: Read,
) -> PolarsResult<LazyFrame> {
    let item_dtype = match read {
        Read::Numeric => numeric_dtype(scale).expect("checked by the caller"),
        Read::Text => DataType::String,
    };
    // The full schema, with our trimmed names (polars would keep " q1" as written).
    let schema: Schema = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let name = if h.is_empty() {
                format!("__unnamed_{i}")
            } else {
                h.clone()
            };
            let dtype = if scale.items.contains(h) {
                item_dtype.clone()
            } else {
                DataType::String
            };
            Field::new(name.into(), dtype)
        })
        .collect();
    // No null values for the reader: polars would apply them to every column (an id "NA" or
    // "99" would become missing) and to untrimmed cells. A missing code among the answers makes
    // the numeric read fail, and the text read handles it.
    let schema = std::sync::Arc::new(schema);
    let small = std::fs::metadata(path).is_ok_and(|m| m.len() <= EAGER_READ_BELOW_BYTES);
    let lf = if small {
        // A small file is read eagerly: the lazy scan's machinery (an async runtime, a thread
        // pool) costs some 20 ms at start-up, most of a small study's run.
        CsvReadOptions::default()
            .with_has_header(true)
            .with_schema(Some(schema))
            .map_parse_options(|o| o.with_separator(delimiter))
            .try_into_reader_with_file_path(Some(path.to_path_buf()))?
            .finish()?
            .lazy()
    } else {
        LazyCsvReader::new(PlRefPath::try_from_path(path)?)
            .with_has_header(true)
            .with_separator(delimiter)
            .with_schema(Some(schema))
            .finish()?
    };
    let (min, max) = (scale.min, scale.max);
    let reversed = |q: &str, x: Expr| -> Expr {
        if !scale.is_reversed(q) {
            x
        } else if item_dtype == DataType::Int64 {
            lit((min + max) as i64) - x
        } else {
            lit(min + max) - x
        }
    };
    let mut keyed = Vec::with_capacity(scale.items.len() + 1);
    match read {
        Read::Numeric => {
            // The reader has parsed every answer (and whole numbers only, on an integer scale);
            // what is left to check is the range, two horizontal passes per row.
            let items: Vec<Expr> = scale.items.iter().map(|q| col(q.as_str())).collect();
            let low = min_horizontal(&items)?.lt(lit(min)).fill_null(lit(false));
            let high = max_horizontal(&items)?.gt(lit(max)).fill_null(lit(false));
            let mut bad = low.or(high);
            if item_dtype == DataType::Float64 {
                // the reader takes "nan" for a number, which no range comparison flags
                let nan: Vec<Expr> = items
                    .iter()
                    .map(|e| {
                        e.clone()
                            .is_nan()
                            .fill_null(lit(false))
                            .cast(DataType::UInt32)
                    })
                    .collect();
                bad = bad.or(sum_horizontal(nan, true)?.gt(lit(0u32)));
            }
            for q in &scale.items {
                keyed.push(reversed(q, col(q.as_str())).alias(keyed_column(q)));
            }
            keyed.push(bad.cast(DataType::UInt32).alias("__bad"));
        }
        Read::Text => {
            let mut bad = Vec::with_capacity(scale.items.len());
            for q in &scale.items {
                let raw = col(q.as_str()).str().strip_chars(lit(NULL));
                let is_missing = missing.iter().fold(raw.clone().is_null(), |acc, code| {
                    acc.or(raw.clone().eq(lit(code.as_str())))
                });
                let num = raw.cast(DataType::Float64);
                let mut valid = num
                    .clone()
                    .is_not_null()
                    .and(num.clone().gt_eq(lit(min)))
                    .and(num.clone().lt_eq(lit(max)));
                if scale.integer {
                    valid = valid.and(
                        num.clone()
                            .cast(DataType::Int64)
                            .cast(DataType::Float64)
                            .eq(num.clone()),
                    );
                }
                bad.push(
                    is_missing
                        .not()
                        .and(valid.clone().not())
                        .cast(DataType::UInt32),
                );
                let clean = when(valid).then(num).otherwise(lit(NULL));
                keyed.push(reversed(q, clean).alias(keyed_column(q)));
            }
            keyed.push(sum_horizontal(bad, true)?.alias("__bad"));
        }
    }
    let lf = lf.with_columns(keyed);

    let mut out = Vec::with_capacity(scale.scores.len() * 2 + 4);
    if let Some(id) = id {
        out.push(col(id).str().strip_chars(lit(NULL)).alias(id));
    }
    for s in &scale.scores {
        let items: Vec<Expr> = s.items.iter().map(|q| col(keyed_column(q))).collect();
        let answered = sum_horizontal(
            items
                .iter()
                .map(|e| e.clone().is_not_null().cast(DataType::UInt32))
                .collect::<Vec<_>>(),
            true,
        )?;
        // added left to right in the score's item order (polars' horizontal sum adds in a
        // parallel tree, whose rounding of decimals varies), as the direct pass adds them
        let sum = items.iter().fold(lit(0.0), |acc, x| {
            acc + x.clone().cast(DataType::Float64).fill_null(lit(0.0))
        });
        let n = answered.clone().cast(DataType::Float64);
        let value = match s.method {
            Method::Sum => sum * lit(s.items.len() as f64) / n,
            Method::Mean => sum / n,
        };
        out.push(
            when(answered.clone().gt_eq(lit(s.required() as u32)))
                .then(value)
                .otherwise(lit(NULL))
                .alias(s.name.as_str()),
        );
        out.push(answered.alias(format!("__n_{}", s.name)));
    }
    let all: Vec<Expr> = scale
        .items
        .iter()
        .map(|q| col(keyed_column(q)).is_not_null().cast(DataType::UInt32))
        .collect();
    out.push(sum_horizontal(all, true)?.alias("n_answered"));
    out.push(col("__bad"));
    if keep_items {
        out.extend(
            scale
                .items
                .iter()
                .map(|q| col(keyed_column(q)).cast(DataType::Float64)),
        );
    }
    Ok(lf.select(out))
}

/// One raw answer, as read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Answer {
    Missing,
    Value(f64),
    Invalid,
}

/// Reads one raw answer (the rule of the module documentation): trimmed, a missing code, or a
/// number within the scale's range (whole on an integer scale).
pub(super) fn read_answer(scale: &Scale, missing: &[String], cell: &str) -> Answer {
    let v = cell.trim();
    if missing.iter().any(|m| m == v) {
        return Answer::Missing;
    }
    match v.parse::<f64>() {
        Ok(x)
            if x.is_finite()
                && x >= scale.min
                && x <= scale.max
                && (!scale.integer || x.fract() == 0.0) =>
        {
            Answer::Value(x)
        }
        _ => Answer::Invalid,
    }
}

/// What is wrong with one raw answer, if anything (the same rule as the lazy query).
pub(super) fn answer_problem(scale: &Scale, missing: &[String], cell: &str) -> Option<String> {
    if read_answer(scale, missing, cell) != Answer::Invalid {
        return None;
    }
    Some(format!(
        "expected {} from {} to {}, found \"{}\"",
        if scale.integer {
            "a whole number"
        } else {
            "a number"
        },
        fmt_number(scale.min),
        fmt_number(scale.max),
        cell.trim()
    ))
}

/// The error for an invalid answer, naming file, row, item and the respondent's id.
pub(super) fn invalid_answer_error(
    problem: String,
    source: &str,
    row: u64,
    item: &str,
    id: Option<&str>,
) -> DataError {
    let mut e = DataError::new(problem).file(source).row(row).column(item);
    if let Some(id) = id {
        e = e.id(id);
    }
    e.hint(
        "correct the answer, declare the code as missing (`missing` in the spec, or --na), \
         or use --invalid missing to treat invalid answers as missing (they are counted)",
    )
}

/// Column positions of the scale's items (and the id) in a file.
fn positions(
    path: &Path,
    delimiter: u8,
    scale: &Scale,
    id: Option<&str>,
) -> Result<(Vec<usize>, Option<usize>), DataError> {
    let headers = structure::read_headers(path, delimiter)?;
    let pos = |name: &str| headers.iter().position(|h| h == name);
    let items = scale.items.iter().map(|q| pos(q).unwrap_or(0)).collect();
    Ok((items, id.and_then(pos)))
}

/// Finds the first invalid answer of record `index` (0-based) of a file, as an error naming
/// file, row, id and item.
fn locate_invalid(
    path: &Path,
    delimiter: u8,
    scale: &Scale,
    id: Option<&str>,
    missing: &[String],
    index: u64,
) -> DataError {
    let source = crate::io::input::name_of(path);
    let not_found = || DataError::new("has an invalid answer (could not locate it)").file(&source);
    let Ok((items, id_pos)) = positions(path, delimiter, scale, id) else {
        return not_found();
    };
    let Ok(file) = structure::open(path) else {
        return not_found();
    };
    let mut found: Option<DataError> = None;
    let mut i = 0u64;
    let _ = structure::walk_records(file, &source, delimiter, |row, record| {
        if i < index {
            i += 1;
            return Ok(());
        }
        for (q, &p) in scale.items.iter().zip(&items) {
            let cell = String::from_utf8_lossy(&record[p]);
            if let Some(problem) = answer_problem(scale, missing, &cell) {
                let id = id_pos.map(|ip| String::from_utf8_lossy(&record[ip]).trim().to_string());
                found = Some(invalid_answer_error(
                    problem,
                    &source,
                    row,
                    q,
                    id.as_deref(),
                ));
                break;
            }
        }
        Err(DataError::new("stop"))
    });
    found.unwrap_or_else(not_found)
}

/// What an engine returns.
struct EngineScores {
    /// The columns of the polars query, without `__bad`.
    frame: DataFrame,
    /// Invalid answers counted as missing, by item.
    invalid_by_item: Vec<(String, u64)>,
    /// The row of every respondent.
    rows: Vec<u64>,
    /// Per score, if asked for.
    cross_products: Vec<CrossProducts>,
}

/// Scores every file with the direct pass ([`super::direct`]), or returns None if a file
/// needs the careful way.
fn score_directly(
    paths: &[PathBuf],
    delimiters: &[u8],
    sources: &[String],
    scale: &Scale,
    id: Option<&str>,
    missing: &[String],
    opts: &ScoreOptions,
) -> Result<Option<EngineScores>, DataError> {
    let mut frames = Vec::with_capacity(paths.len());
    let mut invalid = vec![0u64; scale.items.len()];
    let mut rows = Vec::new();
    let mut cross_products: Vec<CrossProducts> = Vec::new();
    let with_id = Scale {
        id: id.map(str::to_string),
        ..scale.clone()
    };
    for (k, path) in paths.iter().enumerate() {
        let Some(headers) = structure::quick_header(path, delimiters[k]) else {
            return Ok(None);
        };
        if !super::spec::check_columns(&with_id, &headers).is_empty() {
            return Ok(None);
        }
        let plan = super::direct::Plan {
            scale,
            missing,
            delimiter: delimiters[k],
            headers: &headers,
            id,
            keep_items: opts.keep_items,
            cross_products: opts.cross_products,
            stop_at_invalid: opts.invalid == InvalidPolicy::Error,
            source: &sources[k],
        };
        let Some(scored) = super::direct::score_file(path, &plan)? else {
            return Ok(None);
        };
        for (total, n) in invalid.iter_mut().zip(&scored.invalid) {
            *total += n;
        }
        rows.extend(scored.rows);
        CrossProducts::merge_each(&mut cross_products, scored.cross_products);
        let mut frame = scored.frame;
        if paths.len() > 1 {
            let n = frame.height();
            frame
                .with_column(Column::new_scalar(
                    "source".into(),
                    Scalar::new(
                        DataType::String,
                        AnyValue::StringOwned(sources[k].as_str().into()),
                    ),
                    n,
                ))
                .map_err(|e| polars_error(&sources[k], e))?;
        }
        frames.push(frame);
    }
    let mut frames = frames.into_iter();
    let mut frame = frames.next().expect("at least one file");
    for f in frames {
        frame
            .vstack_mut_owned(f)
            .map_err(|e| polars_error("the input files", e))?;
    }
    let invalid_by_item = scale
        .items
        .iter()
        .cloned()
        .zip(invalid)
        .filter(|(_, c)| *c > 0)
        .collect();
    Ok(Some(EngineScores {
        frame,
        invalid_by_item,
        rows,
        cross_products,
    }))
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

/// Scores every file with the scale (see the module documentation).
pub fn score_files(
    paths: &[PathBuf],
    scale: &Scale,
    opts: &ScoreOptions,
) -> Result<Scored, DataError> {
    if opts.cross_products && !cross_products_apply(scale) {
        return Err(DataError::new(
            "cross-products need whole-number answers of at most 1000 (an internal error)",
        ));
    }
    let id = opts.id.clone().or_else(|| scale.id.clone());
    if let Some(id) = id
        .as_deref()
        .filter(|id| scale.items.iter().any(|q| q == id))
    {
        return Err(DataError::new(format!(
            "the id column \"{id}\" is also an item of the scale; the id must be another column"
        ))
        .hint("name the participant id column with --id COLUMN"));
    }
    // empty and NA in any case, as in score columns (io::table)
    let mut missing: Vec<String> = ["", "NA", "na", "Na", "nA"].map(String::from).to_vec();
    missing.extend(scale.missing.iter().cloned());
    missing.extend(opts.missing.iter().cloned());
    let several = paths.len() > 1;
    let delimiters: Vec<u8> = paths
        .iter()
        .map(|p| {
            opts.delimiter
                .unwrap_or_else(|| crate::io::table::default_delimiter(p))
        })
        .collect();
    let mut summary = ScoreSummary {
        files: paths.iter().map(|p| crate::io::input::name_of(p)).collect(),
        ..ScoreSummary::default()
    };
    let t0 = std::time::Instant::now();
    // The direct pass scores clean files; anything else (quotes, a structural problem, an
    // invalid answer to report) goes the careful way: the structure check, then polars.
    let direct = match opts.engine {
        ScoreEngine::Auto => score_directly(
            paths,
            &delimiters,
            &summary.files,
            scale,
            id.as_deref(),
            &missing,
            opts,
        )?,
        ScoreEngine::Polars => None,
    };
    if direct.is_some() {
        trace::phase("direct scoring", t0);
    }
    let EngineScores {
        mut frame,
        invalid_by_item,
        rows,
        cross_products,
    } = match direct {
        Some(scored) => scored,
        None => {
            let mut rows = Vec::new();
            let mut file_sizes = Vec::with_capacity(paths.len());
            let mut headers = Vec::with_capacity(paths.len());
            let mut blank_lines = Vec::with_capacity(paths.len());
            for (path, &delimiter) in paths.iter().zip(&delimiters) {
                let source = crate::io::input::name_of(path);
                let (structure, file_rows) = structure::check_file_rows(path, delimiter)?;
                let problems = super::spec::check_columns(
                    &Scale {
                        id: id.clone(),
                        ..scale.clone()
                    },
                    &structure.headers,
                );
                if let Some(p) = problems.first() {
                    return Err(DataError::new(p.message.clone())
                        .file(&source)
                        .row(1)
                        .hint(columns_hint(&p.message, &structure.headers)));
                }
                blank_lines.push(structure.blank_lines);
                file_sizes.push(file_rows.len());
                rows.extend(file_rows);
                headers.push(structure.headers);
            }
            // The polars query, for files the direct pass does not take (quoted fields) or when asked.
            let polars_scoring = || -> Result<(DataFrame, Vec<(String, u64)>), DataError> {
                // what polars reads: the file, or a copy without blank lines (polars reads them as rows)
                let polars_inputs = paths
                    .iter()
                    .zip(&blank_lines)
                    .zip(&delimiters)
                    .map(|((path, &blank), &delimiter)| {
                        (blank > 0)
                            .then(|| crate::io::input::without_blank_lines(path, delimiter))
                            .transpose()
                    })
                    .collect::<Result<Vec<_>, DataError>>()?;
                // The numeric read first (unless invalid answers are to be counted); if polars meets a cell
                // that is not a number, read again as text, which finds and reports it precisely.
                let build = |read: Read| -> Result<LazyFrame, DataError> {
                    let mut frames = Vec::with_capacity(paths.len());
                    for (k, path) in paths.iter().enumerate() {
                        let source = &summary.files[k];
                        let path = polars_inputs[k]
                            .as_ref()
                            .map_or(path.as_path(), |c| c.path());
                        let lf = lazy_file(
                            path,
                            delimiters[k],
                            &headers[k],
                            scale,
                            id.as_deref(),
                            &missing,
                            opts.keep_items || opts.cross_products,
                            read,
                        )
                        .map_err(|e| polars_error(source, e))?;
                        frames.push(if several {
                            lf.with_column(lit(source.as_str()).alias("source"))
                        } else {
                            lf
                        });
                    }
                    if frames.len() == 1 {
                        Ok(frames.pop().expect("one frame"))
                    } else {
                        concat(frames, UnionArgs::default())
                            .map_err(|e| polars_error("the input files", e))
                    }
                };
                // The streaming engine keeps memory bounded for large files; for small ones its start-up
                // (about 6 ms) is most of the run, and the in-memory engine holds no more than the file.
                let total_bytes: u64 = paths
                    .iter()
                    .filter_map(|p| std::fs::metadata(p).ok())
                    .map(|m| m.len())
                    .sum();
                let engine = if total_bytes > STREAMING_ABOVE_BYTES {
                    Engine::Streaming
                } else {
                    Engine::InMemory
                };
                let collect =
                    |lf: LazyFrame| lf.collect_with_engine(engine).map(|r| r.unwrap_single());
                // (a missing code that is a number, "99", would be read as an answer)
                let numeric_codes = missing
                    .iter()
                    .any(|m| !m.trim().is_empty() && m.trim().parse::<f64>().is_ok());
                let first = if opts.invalid == InvalidPolicy::Error
                    && numeric_dtype(scale).is_some()
                    && !numeric_codes
                {
                    Read::Numeric
                } else {
                    Read::Text
                };
                let t1 = std::time::Instant::now();
                // (a small file is read eagerly in `build`, so a cell that is not a number can fail there)
                let numeric = match build(first) {
                    Ok(lf) => collect(lf),
                    Err(e) if first == Read::Numeric => {
                        Err(PolarsError::ComputeError(e.message.clone().into()))
                    }
                    Err(e) => return Err(e),
                };
                let frame = match numeric {
                    Ok(f) => {
                        trace::phase(&format!("polars query ({first:?})"), t1);
                        f
                    }
                    Err(e) if first == Read::Numeric => {
                        trace::phase(
                            &format!(
                                "numeric read failed ({}), reading as text",
                                e.remove_context()
                            ),
                            t1,
                        );
                        let t2 = std::time::Instant::now();
                        let f = collect(build(Read::Text)?)
                            .map_err(|e| polars_error(&summary.files.join(", "), e))?;
                        trace::phase("polars query (Text)", t2);
                        f
                    }
                    Err(e) => return Err(polars_error(&summary.files.join(", "), e)),
                };

                // Invalid answers: an error at the first one, or counts by item.
                let mut invalid_by_item = Vec::new();
                let bad = frame
                    .column("__bad")
                    .and_then(|c| c.u32().cloned())
                    .map_err(|e| polars_error("", e))?;
                if bad.sum().unwrap_or(0) > 0 {
                    let first = bad
                        .iter()
                        .position(|b| b.unwrap_or(0) > 0)
                        .expect("a bad row exists");
                    match opts.invalid {
                        InvalidPolicy::Error => {
                            // the file of the `first`-th respondent
                            let mut file_idx = 0;
                            let mut start = 0;
                            while file_idx + 1 < file_sizes.len()
                                && first >= start + file_sizes[file_idx]
                            {
                                start += file_sizes[file_idx];
                                file_idx += 1;
                            }
                            // rows come out in file order, so this is the record's index in its file
                            let record = (first - start) as u64;
                            return Err(locate_invalid(
                                &paths[file_idx],
                                delimiters[file_idx],
                                scale,
                                id.as_deref(),
                                &missing,
                                record,
                            ));
                        }
                        InvalidPolicy::Missing => {
                            invalid_by_item = count_invalid(paths, &delimiters, scale, &missing)?;
                        }
                    }
                }
                Ok((frame, invalid_by_item))
            };
            trace::phase("structure check", t0);
            let (mut frame, invalid_by_item) = polars_scoring()?;
            let cross_products = if opts.cross_products {
                let products = cross_products_of(&frame, scale)?;
                if !opts.keep_items {
                    frame = drop_keyed_items(frame);
                }
                products
            } else {
                Vec::new()
            };
            EngineScores {
                frame,
                invalid_by_item,
                rows,
                cross_products,
            }
        }
    };
    summary.respondents = frame.height() as u64;
    summary.invalid_by_item = invalid_by_item;
    let t3 = std::time::Instant::now();
    for s in &scale.scores {
        let score = frame.column(&s.name).map_err(|e| polars_error("", e))?;
        let n = frame
            .column(&format!("__n_{}", s.name))
            .and_then(|c| c.u32().cloned())
            .map_err(|e| polars_error("", e))?;
        let k = s.items.len() as u32;
        // present, with fewer than all items answered (the masks are vectorised; combining
        // them with polars' `&` would start its thread pool, ~7 ms of a small study's run)
        let prorated = score
            .is_not_null()
            .iter()
            .zip(n.lt(k).iter())
            .filter(|&(present, partial)| present == Some(true) && partial == Some(true))
            .count() as u64;
        summary
            .missing_by_score
            .push((s.name.clone(), score.null_count() as u64));
        summary.prorated_by_score.push((s.name.clone(), prorated));
    }
    let internal: Vec<PlSmallStr> = frame
        .get_column_names()
        .into_iter()
        .filter(|n| n.starts_with("__") && !n.starts_with("__k_"))
        .cloned()
        .collect();
    frame = frame.drop_many(internal);
    trace::phase("summary", t3);
    if several {
        // `source` first
        let mut order: Vec<PlSmallStr> = vec!["source".into()];
        order.extend(
            frame
                .get_column_names()
                .into_iter()
                .filter(|n| n.as_str() != "source")
                .cloned(),
        );
        frame = frame.select(order).map_err(|e| polars_error("", e))?;
    }
    Ok(Scored {
        frame,
        id,
        rows,
        summary,
        cross_products,
    })
}

/// Per score, the cross-products of its complete rows of keyed items (the careful way's frame
/// holds the items; the direct pass sums them as it goes).
fn cross_products_of(frame: &DataFrame, scale: &Scale) -> Result<Vec<CrossProducts>, DataError> {
    if !cross_products_apply(scale) {
        return Err(DataError::new(
            "cross-products need whole-number answers of at most 1000 (an internal error)",
        ));
    }
    let column = |q: &str| -> Result<Vec<f64>, DataError> {
        let ca = frame
            .column(&keyed_column(q))
            .and_then(|c| c.f64().cloned())
            .map_err(|e| polars_error("", e))?;
        Ok(ca.iter().map(|v| v.unwrap_or(f64::NAN)).collect())
    };
    scale
        .scores
        .iter()
        .map(|s| {
            let items: Vec<Vec<f64>> = s
                .items
                .iter()
                .map(|q| column(q))
                .collect::<Result<_, _>>()?;
            let mut products = CrossProducts::new(items.len());
            let mut row = Vec::with_capacity(items.len());
            for r in 0..frame.height() {
                row.clear();
                row.extend(items.iter().map(|c| c[r]));
                if row.iter().all(|v| !v.is_nan()) {
                    products.add_row(&row);
                }
            }
            Ok(products)
        })
        .collect()
}

/// The frame without its keyed item columns.
fn drop_keyed_items(frame: DataFrame) -> DataFrame {
    let keyed: Vec<PlSmallStr> = frame
        .get_column_names()
        .into_iter()
        .filter(|n| n.starts_with("__k_"))
        .cloned()
        .collect();
    frame.drop_many(keyed)
}

/// Invalid answers per item over all files (a second pass; run only when there are some and
/// they are to be counted).
fn count_invalid(
    paths: &[PathBuf],
    delimiters: &[u8],
    scale: &Scale,
    missing: &[String],
) -> Result<Vec<(String, u64)>, DataError> {
    let mut counts = vec![0u64; scale.items.len()];
    for (path, &delimiter) in paths.iter().zip(delimiters) {
        let source = crate::io::input::name_of(path);
        let (items, _) = positions(path, delimiter, scale, None)?;
        structure::walk_records(structure::open(path)?, &source, delimiter, |_, record| {
            for (c, &p) in counts.iter_mut().zip(&items) {
                if answer_problem(scale, missing, &String::from_utf8_lossy(&record[p])).is_some() {
                    *c += 1;
                }
            }
            Ok(())
        })?;
    }
    Ok(scale
        .items
        .iter()
        .cloned()
        .zip(counts)
        .filter(|(_, c)| *c > 0)
        .collect())
}
