//! The direct scoring engine: scores a delimited file in one parallel pass over its bytes,
//! producing the score columns without first building a frame of the items.
//!
//! It serves files without any quote character (the usual export of survey platforms and
//! Excel), where every record is one line and a field is the text between two delimiters. It
//! applies the rules of [`super::score`] through the same [`read_answer`], and builds the same
//! frame as the polars query (a differential test holds the two to equal frames). A line it
//! does not take as it is (a quote, a field count unlike the header's, text that is not UTF-8,
//! an invalid answer to report) hands the input back to the careful way (the structure check
//! and the polars query), which gives the errors.
//!
//! Why a second engine: polars' CSV reader parses every column of the file into a frame (about
//! 120 MB/s for 40 small-integer items on two cores), while a score needs only a few digits per
//! cell; the direct pass scores at about the speed of reading the file (docs/performance.md).
//! It also starts in microseconds, where a polars query costs ~10 ms on a small study.

use super::score::{keyed_column, read_answer, Answer};
use super::spec::{Method, Scale};
use crate::error::DataError;
use crate::stats::reliability::CrossProducts;
use polars::prelude::*;
use rayon::prelude::*;
use std::io::Read;
use std::path::Path;

/// A column that is not a scale item.
const NOT_AN_ITEM: usize = usize::MAX;

/// Bytes read at a time: the memory the pass holds besides its output (a longer line grows it).
const BLOCK_BYTES: usize = 8 << 20;
/// The lines of a block are scored in pieces of about this size, in parallel.
const PIECE_BYTES: usize = 512 << 10;

/// What the pass needs to know about one file.
pub(super) struct Plan<'a> {
    pub scale: &'a Scale,
    /// Missing-value codes, `""` and `NA` included.
    pub missing: &'a [String],
    pub delimiter: u8,
    /// The file's column names (trimmed).
    pub headers: &'a [String],
    pub id: Option<&'a str>,
    pub keep_items: bool,
    /// Sum each score's complete rows of keyed items into [`CrossProducts`] (listwise alpha
    /// without keeping the items; whole-number answers of at most 1000).
    pub cross_products: bool,
    /// Stop at the first invalid answer (an error), or count invalid answers as missing.
    pub stop_at_invalid: bool,
    /// The file's name as the user knows it, for errors.
    pub source: &'a str,
}

/// The result of scoring one file directly.
pub(super) struct Scoring {
    /// The id (if any), per score its value and `__n_<score>`, `n_answered`, and the keyed
    /// items if asked for: the columns of the polars query.
    pub frame: DataFrame,
    /// Invalid answers treated as missing, per scale item (in the scale's item order).
    pub invalid: Vec<u64>,
    /// The line of each respondent.
    pub rows: Vec<u64>,
    /// Per score, its complete rows' cross-products (if asked for).
    pub cross_products: Vec<CrossProducts>,
}

/// Positions and keys, resolved once.
struct Layout {
    columns: usize,
    /// Per column: the scale item it holds, or [`NOT_AN_ITEM`].
    item_of_column: Vec<usize>,
    /// Per item, the keyed value of a one-digit answer `d`, None when `d` is out of range.
    digit_keyed: Vec<[Option<f64>; 10]>,
    reversed: Vec<bool>,
    score_items: Vec<Vec<usize>>,
    /// Per item, the scores it belongs to.
    scores_of_item: Vec<Vec<usize>>,
    /// Whether sums are exact in any order (whole numbers far below 2^53), so that they can
    /// be added up as the line is read; else they are added left to right in the score's item
    /// order, as the polars query adds them, for the same rounding.
    exact_sums: bool,
    required: Vec<usize>,
    id_pos: Option<usize>,
    /// No missing code is made of digits only, so a cell of digits is a number.
    digits_are_numbers: bool,
}

/// The score columns of one piece of a block.
#[derive(Default)]
struct Columns {
    ids: String,
    id_ends: Vec<usize>,
    id_present: Vec<bool>,
    /// Per score: values, NaN where missing.
    scores: Vec<Vec<f64>>,
    answered: Vec<Vec<u32>>,
    n_answered: Vec<u32>,
    /// Per item: keyed answers, NaN where missing (only if kept).
    items: Vec<Vec<f64>>,
}

/// One piece of a block, scored.
struct Part {
    /// Lines passed (blank ones included), for the row numbers of later pieces.
    lines: u64,
    /// The line of each respondent, within the piece (1-based).
    rows: Vec<u64>,
    columns: Columns,
    invalid: Vec<u64>,
    /// Per score, if asked for.
    cross_products: Vec<CrossProducts>,
    /// A line for the careful way: a quote, a field count unlike the header's, text that is
    /// not UTF-8, or an invalid answer to report.
    hand_back: bool,
}

impl Part {
    fn new(plan: &Plan, layout: &Layout, rows: usize) -> Part {
        let vectors = |n: usize| (0..n).map(|_| Vec::with_capacity(rows)).collect();
        let n_scores = plan.scale.scores.len();
        let n_items = plan.scale.items.len();
        let with_id = layout.id_pos.is_some();
        Part {
            lines: 0,
            rows: Vec::with_capacity(rows),
            columns: Columns {
                ids: String::with_capacity(if with_id { rows * 8 } else { 0 }),
                id_ends: Vec::with_capacity(if with_id { rows } else { 0 }),
                id_present: Vec::with_capacity(if with_id { rows } else { 0 }),
                scores: vectors(n_scores),
                answered: (0..n_scores).map(|_| Vec::with_capacity(rows)).collect(),
                n_answered: Vec::with_capacity(rows),
                items: if plan.keep_items {
                    vectors(n_items)
                } else {
                    Vec::new()
                },
            },
            invalid: vec![0; n_items],
            cross_products: if plan.cross_products {
                plan.scale
                    .scores
                    .iter()
                    .map(|s| CrossProducts::new(s.items.len()))
                    .collect()
            } else {
                Vec::new()
            },
            hand_back: false,
        }
    }
}

impl Layout {
    fn new(plan: &Plan) -> Layout {
        let pos = |name: &str| plan.headers.iter().position(|h| h == name);
        let scale = plan.scale;
        let index = |q: &String| {
            scale
                .items
                .iter()
                .position(|i| i == q)
                .expect("a score's items are scale items")
        };
        let mut item_of_column = vec![NOT_AN_ITEM; plan.headers.len()];
        for (k, q) in scale.items.iter().enumerate() {
            item_of_column[pos(q).expect("items checked against the header")] = k;
        }
        let reversed: Vec<bool> = scale.items.iter().map(|q| scale.is_reversed(q)).collect();
        let digit_keyed = reversed
            .iter()
            .map(|&rev| {
                std::array::from_fn(|d| {
                    let v = d as f64;
                    (v >= scale.min && v <= scale.max).then_some(if rev {
                        scale.min + scale.max - v
                    } else {
                        v
                    })
                })
            })
            .collect();
        let score_items: Vec<Vec<usize>> = scale
            .scores
            .iter()
            .map(|s| s.items.iter().map(index).collect())
            .collect();
        let mut scores_of_item = vec![Vec::new(); scale.items.len()];
        for (s, items) in score_items.iter().enumerate() {
            for &k in items {
                scores_of_item[k].push(s);
            }
        }
        let largest = scale.min.abs().max(scale.max.abs()) * scale.items.len() as f64;
        Layout {
            columns: plan.headers.len(),
            item_of_column,
            scores_of_item,
            exact_sums: scale.integer
                && scale.min.fract() == 0.0
                && scale.max.fract() == 0.0
                && largest < 1e15,
            digit_keyed,
            reversed,
            score_items,
            required: scale.scores.iter().map(|s| s.required()).collect(),
            id_pos: plan.id.and_then(pos),
            digits_are_numbers: !plan
                .missing
                .iter()
                .any(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit())),
        }
    }
}

/// Scores one file, or returns None when it has lines this engine does not take (then the
/// careful way scores it). The header has been checked (`structure::quick_header`); the rest
/// of the structure is checked here, line by line.
pub(super) fn score_file(path: &Path, plan: &Plan) -> Result<Option<Scoring>, DataError> {
    score_file_in(path, plan, BLOCK_BYTES, PIECE_BYTES)
}

/// [`score_file`] reading `block_bytes` at a time, in pieces of about `piece_bytes`.
fn score_file_in(
    path: &Path,
    plan: &Plan,
    block_bytes: usize,
    piece_bytes: usize,
) -> Result<Option<Scoring>, DataError> {
    let layout = Layout::new(plan);
    let io_error =
        |e: std::io::Error| DataError::new(format!("cannot read the file: {e}")).file(plan.source);
    let mut file = crate::io::structure::open(path)?;
    // no bigger than the file: fresh memory costs ~1 ms per MB here (page faults)
    let file_len = file.metadata().map_or(block_bytes as u64, |m| m.len());
    let block_bytes = block_bytes.min(file_len as usize + 1);
    let mut frame: Option<DataFrame> = None;
    let mut rows: Vec<u64> = Vec::new();
    let mut invalid = vec![0u64; plan.scale.items.len()];
    let mut cross_products: Vec<CrossProducts> = Vec::new();
    let mut buf: Vec<u8> = Vec::with_capacity(block_bytes);
    // lines before `buf`
    let mut line_base = 0u64;
    let mut header_seen = false;
    let mut at_end = false;
    while !at_end {
        // fill the block (a line longer than the block grows it)
        let want = buf.len() + block_bytes;
        while buf.len() < want {
            let start = buf.len();
            buf.resize(want, 0);
            let n = file.read(&mut buf[start..]).map_err(io_error)?;
            buf.truncate(start + n);
            if n == 0 {
                at_end = true;
                break;
            }
        }
        let complete = if at_end {
            buf.len()
        } else {
            match memchr::memrchr(b'\n', &buf) {
                Some(i) => i + 1,
                None => continue, // no line ends yet: read more
            }
        };
        let mut start = 0;
        if !header_seen {
            // a byte-order mark, blank lines, then the header line
            if buf.starts_with(b"\xEF\xBB\xBF") {
                start = 3;
            }
            while start < complete {
                let end = memchr::memchr(b'\n', &buf[start..complete])
                    .map_or(complete, |i| start + i + 1);
                line_base += 1;
                let blank = buf[start..end].iter().all(u8::is_ascii_whitespace);
                start = end;
                if !blank {
                    header_seen = true;
                    break;
                }
            }
        }
        let pieces = split_lines(&buf[start..complete], piece_bytes);
        // each piece scored and made a frame (its chunks are the final frame's: no copy)
        let scored: Vec<(Part, Option<DataFrame>)> = pieces
            .par_iter()
            .map(|piece| {
                let mut part = score_piece(piece, plan, &layout);
                if part.hand_back {
                    return Ok((part, None));
                }
                let columns = std::mem::take(&mut part.columns);
                Ok((part, Some(frame_of(columns, plan)?)))
            })
            .collect::<Result<_, DataError>>()?;
        for (part, piece_frame) in scored {
            let Some(piece_frame) = piece_frame else {
                return Ok(None);
            };
            rows.extend(part.rows.iter().map(|&line| line + line_base));
            line_base += part.lines;
            for (total, n) in invalid.iter_mut().zip(&part.invalid) {
                *total += n;
            }
            CrossProducts::merge_each(&mut cross_products, part.cross_products);
            match &mut frame {
                None => frame = Some(piece_frame),
                Some(f) => {
                    f.vstack_mut_owned(piece_frame).map_err(|e| {
                        DataError::new(format!("cannot build the scores: {e}")).file(plan.source)
                    })?;
                }
            }
        }
        buf.drain(..complete);
    }
    match frame {
        Some(frame) if !rows.is_empty() => Ok(Some(Scoring {
            frame,
            invalid,
            rows,
            cross_products,
        })),
        _ => Ok(None), // no data rows: the structure check says so
    }
}

/// Splits complete lines into pieces of about `size` bytes, each ending at a line end.
fn split_lines(bytes: &[u8], size: usize) -> Vec<&[u8]> {
    let mut pieces = Vec::with_capacity(bytes.len() / size + 1);
    let mut start = 0;
    while start < bytes.len() {
        let mut end = (start + size).min(bytes.len());
        if end < bytes.len() {
            end = memchr::memchr(b'\n', &bytes[end..]).map_or(bytes.len(), |i| end + i + 1);
        }
        pieces.push(&bytes[start..end]);
        start = end;
    }
    pieces
}

/// The answer in one cell: a cell of digits is read here; anything else by [`read_answer`].
#[inline]
fn answer(cell: &[u8], plan: &Plan, layout: &Layout) -> Answer {
    if layout.digits_are_numbers
        && !cell.is_empty()
        && cell.len() <= 15
        && cell.iter().all(u8::is_ascii_digit)
    {
        let v = cell
            .iter()
            .fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0')) as f64;
        return if v >= plan.scale.min && v <= plan.scale.max {
            Answer::Value(v)
        } else {
            Answer::Invalid
        };
    }
    match std::str::from_utf8(cell) {
        Ok(text) => read_answer(plan.scale, plan.missing, text),
        Err(_) => Answer::Invalid,
    }
}

/// Scores the lines of one piece.
fn score_piece(bytes: &[u8], plan: &Plan, layout: &Layout) -> Part {
    let rows = bytes.len() / (layout.columns * 2 + 8) + 1;
    let mut part = Part::new(plan, layout, rows);
    let (min, max) = (plan.scale.min, plan.scale.max);
    let delimiter = plan.delimiter;
    let mut keyed = vec![f64::NAN; plan.scale.items.len()];
    let mut sums = vec![0.0; plan.scale.scores.len()];
    let mut counts = vec![0u32; plan.scale.scores.len()];
    let mut complete_row: Vec<f64> = Vec::with_capacity(plan.scale.items.len());
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
        let line = crate::io::structure::without_line_end(&bytes[start..end]);
        start = end;
        part.lines += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if memchr::memchr(b'"', line).is_some() || std::str::from_utf8(line).is_err() {
            part.hand_back = true;
            return part;
        }
        part.rows.push(part.lines);
        // one scan of the line: each field read where it ends
        let mut n_answered = 0u32;
        let mut column = 0;
        let mut field_start = 0;
        let mut id_field: &[u8] = &[];
        let n = line.len();
        sums.fill(0.0);
        counts.fill(0);
        while field_start <= n {
            // a one-byte field (most answers) without a search
            let p = field_start;
            let i = if p < n && line[p] != delimiter && (p + 1 == n || line[p + 1] == delimiter) {
                p + 1
            } else {
                memchr::memchr(delimiter, &line[p..]).map_or(n, |j| p + j)
            };
            let field = &line[p..i];
            field_start = i + 1;
            if column >= layout.columns {
                part.hand_back = true;
                return part;
            }
            let k = layout.item_of_column[column];
            if k != NOT_AN_ITEM {
                // a one-digit answer by table; anything else by the general rule
                let digit = match field {
                    [b] if layout.digits_are_numbers && b.is_ascii_digit() => {
                        Some(layout.digit_keyed[k][usize::from(b - b'0')])
                    }
                    _ => None,
                };
                let read = match digit {
                    Some(Some(v)) => Answer::Value(v),
                    Some(None) => Answer::Invalid,
                    None => match answer(field, plan, layout) {
                        Answer::Value(v) if layout.reversed[k] => Answer::Value(min + max - v),
                        other => other,
                    },
                };
                keyed[k] = match read {
                    Answer::Value(v) => {
                        n_answered += 1;
                        if layout.exact_sums {
                            for &s in &layout.scores_of_item[k] {
                                sums[s] += v;
                                counts[s] += 1;
                            }
                        }
                        v
                    }
                    Answer::Missing => f64::NAN,
                    Answer::Invalid if plan.stop_at_invalid => {
                        part.hand_back = true;
                        return part;
                    }
                    Answer::Invalid => {
                        part.invalid[k] += 1;
                        f64::NAN
                    }
                };
            } else if Some(column) == layout.id_pos {
                id_field = field;
            }
            column += 1;
        }
        if column != layout.columns {
            part.hand_back = true;
            return part;
        }
        for (s, def) in plan.scale.scores.iter().enumerate() {
            let (sum, answered) = if layout.exact_sums {
                (sums[s], counts[s])
            } else {
                // left to right in item order, as the polars query adds them
                let mut sum = 0.0;
                let mut answered = 0u32;
                for &k in &layout.score_items[s] {
                    let v = keyed[k];
                    if !v.is_nan() {
                        sum += v;
                        answered += 1;
                    }
                }
                (sum, answered)
            };
            let value = if (answered as usize) < layout.required[s] {
                f64::NAN
            } else {
                match def.method {
                    Method::Sum => sum * layout.score_items[s].len() as f64 / f64::from(answered),
                    Method::Mean => sum / f64::from(answered),
                }
            };
            part.columns.scores[s].push(value);
            part.columns.answered[s].push(answered);
            if plan.cross_products && answered as usize == layout.score_items[s].len() {
                complete_row.clear();
                complete_row.extend(layout.score_items[s].iter().map(|&k| keyed[k]));
                part.cross_products[s].add_row(&complete_row);
            }
        }
        part.columns.n_answered.push(n_answered);
        for (column, &v) in part.columns.items.iter_mut().zip(&keyed) {
            column.push(v);
        }
        if layout.id_pos.is_some() {
            // as polars reads it: an empty field is missing, anything else is trimmed
            part.columns.id_present.push(!id_field.is_empty());
            part.columns
                .ids
                .push_str(String::from_utf8_lossy(id_field).trim());
            part.columns.id_ends.push(part.columns.ids.len());
        }
    }
    part
}

/// A column of `values` with NaN as missing, taking the vector as it is (no copy: fresh
/// memory costs as much as the scoring on a million rows).
fn with_nulls(name: &str, values: Vec<f64>) -> Column {
    let valid: BooleanChunked = values.iter().map(|v| !v.is_nan()).collect();
    let bits = valid
        .rechunk()
        .downcast_iter()
        .next()
        .map(|array| array.values().clone());
    Float64Chunked::from_vec(name.into(), values)
        .with_validity(bits)
        .into_column()
}

/// The frame of the polars query (see [`Scoring::frame`]).
fn frame_of(part: Columns, plan: &Plan) -> Result<DataFrame, DataError> {
    let height = part.n_answered.len();
    let mut columns: Vec<Column> = Vec::with_capacity(plan.scale.scores.len() * 2 + 2);
    if let Some(id) = plan.id {
        let mut begin = 0;
        let ids = part
            .id_ends
            .iter()
            .zip(&part.id_present)
            .map(|(&end, &present)| {
                let text = &part.ids[begin..end];
                begin = end;
                present.then_some(text)
            });
        columns.push(StringChunked::from_iter_options(id.into(), ids).into_column());
    }
    for ((def, values), answered) in plan.scale.scores.iter().zip(part.scores).zip(part.answered) {
        columns.push(with_nulls(&def.name, values));
        columns.push(
            UInt32Chunked::from_vec(format!("__n_{}", def.name).into(), answered).into_column(),
        );
    }
    columns.push(UInt32Chunked::from_vec("n_answered".into(), part.n_answered).into_column());
    for (q, values) in plan.scale.items.iter().zip(part.items) {
        columns.push(with_nulls(&keyed_column(q), values));
    }
    DataFrame::new(height, columns).map_err(|e| {
        DataError::new(format!("cannot build the scores: {}", e.remove_context())).file(plan.source)
    })
}

#[cfg(test)]
mod tests {
    //! The direct pass against the polars query: the same frame, summary and errors.
    use crate::scale::score::{score_files, InvalidPolicy, ScoreEngine, ScoreOptions};
    use crate::scale::spec::parse;
    use std::path::PathBuf;

    const SPEC: &str = "name = \"t\"\nid = \"id\"\nmin = 1\nmax = 5\nmissing = [\"-99\"]\n\
        min_answered = 0.5\nallow_shared_items = true\n\
        [[subscale]]\nname = \"a\"\nitems = [\"q1\", \"q2\", \"q3\"]\nreverse = [\"q2\"]\n\
        [[subscale]]\nname = \"b\"\nitems = [\"q4\", \"q1\"]\nmethod = \"mean\"\n";

    fn files(texts: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        let paths = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let p = dir.path().join(format!("f{i}.csv"));
                std::fs::write(&p, t).unwrap();
                p
            })
            .collect();
        (dir, paths)
    }

    /// Scores with both engines and checks they agree; returns whether the direct one ran.
    fn agree(spec: &str, texts: &[&str], invalid: InvalidPolicy, keep_items: bool) {
        let scale = parse(spec).unwrap();
        let (_dir, paths) = files(texts);
        let opts = |engine| ScoreOptions {
            invalid,
            keep_items,
            engine,
            cross_products: crate::scale::score::cross_products_apply(&scale),
            ..ScoreOptions::default()
        };
        let direct = score_files(&paths, &scale, &opts(ScoreEngine::Auto));
        let polars = score_files(&paths, &scale, &opts(ScoreEngine::Polars));
        match (direct, polars) {
            (Ok(d), Ok(p)) => {
                assert_eq!(d.frame.schema(), p.frame.schema(), "{texts:?}");
                assert!(
                    d.frame.equals_missing(&p.frame),
                    "{texts:?}\n{}\n{}",
                    d.frame,
                    p.frame
                );
                assert_eq!(d.summary, p.summary);
                assert_eq!(d.rows, p.rows);
                assert_eq!(d.cross_products.len(), p.cross_products.len());
                for (a, b) in d.cross_products.iter().zip(&p.cross_products) {
                    assert_eq!(a.n(), b.n());
                    if a.n() >= 2 {
                        assert_eq!(a.covariance(), b.covariance());
                    }
                }
            }
            (Err(d), Err(p)) => assert_eq!(d, p),
            (d, p) => panic!(
                "{texts:?}: direct {:?}, polars {:?}",
                d.map(|s| s.frame),
                p.map(|s| s.frame)
            ),
        }
    }

    #[test]
    fn the_direct_pass_equals_the_polars_query() {
        let plain = "id,q1,q2,q3,q4\nA,1,5,3,2\nB,4,,NA,5\nC,-99,2,,\n D ,2,3,4,1\n";
        let odd = "\u{feff}\n\nid,q1,q2,q3,q4\r\nA, 1 ,4.0,3,2\r\n\r\n   \r\n,5,1,1,1\r\nC,3,3,3,3";
        for keep in [false, true] {
            agree(SPEC, &[plain], InvalidPolicy::Error, keep);
            agree(SPEC, &[odd], InvalidPolicy::Error, keep);
            agree(SPEC, &[plain, odd], InvalidPolicy::Error, keep);
        }
        // invalid answers: the same error, or the same counts as missing
        let bad = "id,q1,q2,q3,q4\nA,1,2,3,4\nB,1,6,3,x\nC,0,2.5,3,4\n";
        agree(SPEC, &[plain, bad], InvalidPolicy::Error, false);
        agree(SPEC, &[plain, bad], InvalidPolicy::Missing, true);
        // decimals on a scale that allows them, and a quoted file (handed back to polars)
        let decimals = SPEC.replace("min = 1\n", "min = 1\ninteger = false\n");
        agree(
            &decimals,
            &["id,q1,q2,q3,q4\nA,1.5,2.25,5,1e0\nB,,3.1,,4\n"],
            InvalidPolicy::Error,
            true,
        );
        // decimals whose sums round: added left to right by both engines
        agree(
            &decimals,
            &["id,q1,q2,q3,q4\nA,1.1,1.2,1.3,1.7\nB,2.1,3.3,4.7,1.1\nC,1.3,,4.9,2.2\n"],
            InvalidPolicy::Error,
            false,
        );
        // ids that equal a missing code stay ids
        agree(
            SPEC,
            &["id,q1,q2,q3,q4\nNA,1,2,3,4\n-99,2,3,4,5\nna,1,1,1,1\n"],
            InvalidPolicy::Error,
            false,
        );
        agree(
            SPEC,
            &[plain, "id,q1,q2,q3,q4\n\"A\",1,2,3,4\n"],
            InvalidPolicy::Error,
            true,
        );
        // other columns, a missing code of digits, a semicolon file
        let digits = SPEC.replace("[\"-99\"]", "[\"9\"]");
        agree(
            &digits,
            &["x,id,q4,q3,q2,q1,y\n1,A,9,1,2,3,z\n2,B,5,5,5,9,\n"],
            InvalidPolicy::Error,
            false,
        );
    }

    #[test]
    fn blocks_and_pieces_of_any_size_give_the_same_scores() {
        let scale = parse(SPEC).unwrap();
        let mut text = String::from("\u{feff}\n id , q1,q2,q3,q4\r\n");
        for i in 0..40 {
            let blank = if i % 7 == 3 { "\n  \n" } else { "" };
            text.push_str(&format!(
                "{blank}P{i},{},{},,{}\r\n",
                i % 5 + 1,
                (i * 3) % 5 + 1,
                i % 4 + 1
            ));
        }
        text.push_str("last,1,2,3,4"); // no final line end
        let (_dir, paths) = files(&[&text]);
        let missing = vec![String::new(), "NA".to_string()];
        let plan = super::Plan {
            scale: &scale,
            missing: &missing,
            delimiter: b',',
            headers: &["id", "q1", "q2", "q3", "q4"].map(String::from),
            id: Some("id"),
            keep_items: true,
            cross_products: false,
            stop_at_invalid: true,
            source: "f0.csv",
        };
        let whole = super::score_file_in(&paths[0], &plan, 1 << 20, 1 << 20)
            .unwrap()
            .unwrap();
        assert_eq!(whole.frame.height(), 41);
        assert_eq!(whole.rows[0], 3);
        for block in [1, 2, 5, 17, 64, 200] {
            for piece in [1, 3, 30, 1000] {
                let cut = super::score_file_in(&paths[0], &plan, block, piece)
                    .unwrap()
                    .unwrap();
                assert!(
                    cut.frame.equals_missing(&whole.frame),
                    "block {block}, piece {piece}"
                );
                assert_eq!(cut.rows, whole.rows, "block {block}, piece {piece}");
            }
        }
    }

    #[test]
    fn an_id_column_that_is_an_item_is_refused() {
        let scale = parse(SPEC).unwrap();
        let (_dir, paths) = files(&["id,q1,q2,q3,q4\nA,1,2,3,4\n"]);
        let opts = ScoreOptions {
            id: Some("q1".into()),
            ..ScoreOptions::default()
        };
        let e = score_files(&paths, &scale, &opts).unwrap_err();
        assert!(e.message.contains("is also an item of the scale"), "{e}");
    }

    #[test]
    fn pieces_end_at_line_ends() {
        let text = b"a,1\nb,2\nc,3\nd";
        for size in 1..text.len() + 2 {
            let pieces = super::split_lines(text, size);
            assert_eq!(pieces.concat(), text.to_vec());
            for p in &pieces[..pieces.len() - 1] {
                assert_eq!(p.last(), Some(&b'\n'));
            }
        }
    }
}
