//! Reading a delimited table (CSV/TSV) into a polars frame of text columns, with the
//! structural checks a careful reader makes: an empty file, a header without rows, duplicate
//! column names, rows with the wrong number of fields, bytes that are not UTF-8.
//!
//! Cells are kept as text (trimmed; missing-value codes become null) so that numbers are parsed
//! by [`Table::numeric`], which reports a bad cell by file, row and column. Rows are numbered
//! as a spreadsheet shows them: the header is row 1.

use crate::error::DataError;
use crate::io::structure;
use polars::prelude::{Column, DataFrame, IntoColumn, NamedFrom, StringChunkedBuilder};
use std::path::Path;

/// Cell contents treated as missing (after trimming): an empty cell and `NA`, as R's `read.csv`.
/// Anything else that is not a number (`N/A`, `.`, `-`, `999`...) is an error unless declared
/// with `--na` (or `missing` in a scale spec): we never guess what a code means.
pub const DEFAULT_MISSING: &[&str] = &["", "NA"];

#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Field delimiter; `None` picks tab for `.tsv`/`.tab` files and comma otherwise.
    pub delimiter: Option<u8>,
    /// Extra missing-value codes (e.g. "-99"), in addition to [`DEFAULT_MISSING`].
    pub missing: Vec<String>,
}

impl ReadOptions {
    fn is_missing(&self, cell: &str) -> bool {
        DEFAULT_MISSING.iter().any(|m| m.eq_ignore_ascii_case(cell))
            || self.missing.iter().any(|m| m.trim() == cell)
    }
}

/// A table read from one file: text columns, nulls for missing cells.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file as the user named it (used in messages).
    pub source: String,
    pub frame: DataFrame,
    /// Spreadsheet row number of each data row (the header is row 1).
    pub rows: Vec<u64>,
}

/// What the cells of a column look like.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnKind {
    /// Every non-missing cell is a number (and there is at least one).
    Numeric,
    /// No cell is a number (names, dates, labels) or every cell is missing.
    Text,
    /// Some numbers (`numbers` of the `filled` non-missing cells), but this cell is not one.
    Mixed {
        row: u64,
        value: String,
        numbers: usize,
        filled: usize,
    },
}

/// The largest magnitude a score may have: beyond it doubles no longer hold whole numbers
/// exactly, and squares in the statistics head for overflow (1e308 - (-1e308) is infinite).
pub const MAX_MAGNITUDE: f64 = 1e15;

/// Parses a (trimmed, non-missing) cell as a finite number of at most [`MAX_MAGNITUDE`].
pub fn parse_number(cell: &str) -> Result<f64, &'static str> {
    // (Rust reads "inf", "infinity" and "nan" in any case as numbers that are not finite)
    match cell.parse::<f64>() {
        Ok(v) if !v.is_finite() => Err("expected a finite number"),
        Ok(v) if v.abs() <= MAX_MAGNITUDE => Ok(v),
        Ok(_) => Err("expected a number of at most 10^15 in absolute value (this one is too large to analyse)"),
        Err(_) => Err("expected a number"),
    }
}

/// A hint for a cell that is not a number, from what it looks like.
pub fn number_hint(cell: &str) -> String {
    let decimal_comma = {
        let mut parts = cell.split(',');
        matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None)
            if !a.is_empty() && !b.is_empty()
            && a.trim_start_matches('-').chars().all(|c| c.is_ascii_digit())
            && b.chars().all(|c| c.is_ascii_digit()))
    };
    if decimal_comma {
        "this looks like a decimal comma; write decimals with a point (3.5), or export the file with \
         a point as the decimal separator"
            .to_string()
    } else {
        "correct the cell, leave it empty if the answer is missing, or declare this code as missing \
         with --na"
            .to_string()
    }
}

impl Table {
    /// Column names in file order.
    pub fn columns(&self) -> Vec<String> {
        self.frame
            .get_column_names()
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    pub fn has_column(&self, name: &str) -> bool {
        self.frame.column(name).is_ok()
    }

    pub fn height(&self) -> usize {
        self.frame.height()
    }

    /// The cells of a text column (None = missing). Panics if the column does not exist.
    pub fn text(&self, name: &str) -> Vec<Option<&str>> {
        let col = self
            .frame
            .column(name)
            .expect("column checked by the caller");
        col.str().expect("all columns are text").iter().collect()
    }

    /// Classifies a column by its cells.
    pub fn kind(&self, name: &str) -> ColumnKind {
        let mut numbers = 0usize;
        let mut filled = 0usize;
        let mut first_bad: Option<(u64, String)> = None;
        for (i, cell) in self.text(name).into_iter().enumerate() {
            let Some(cell) = cell else { continue };
            filled += 1;
            let ok = parse_number(cell).is_ok();
            // a number out of range ("1e308", "inf") still makes the column numeric: its cell is
            // then reported, rather than the column skipped as text
            if ok || cell.parse::<f64>().is_ok() {
                numbers += 1;
            }
            if !ok && first_bad.is_none() {
                first_bad = Some((self.rows[i], cell.to_string()));
            }
        }
        match (numbers, first_bad) {
            (0, _) => ColumnKind::Text,
            (_, None) => ColumnKind::Numeric,
            (_, Some((row, value))) => ColumnKind::Mixed {
                row,
                value,
                numbers,
                filled,
            },
        }
    }

    /// The column as numbers; a cell that is not a finite number is an error naming it.
    pub fn numeric(&self, name: &str) -> Result<Vec<Option<f64>>, DataError> {
        self.text(name)
            .into_iter()
            .enumerate()
            .map(|(i, cell)| match cell {
                None => Ok(None),
                Some(c) => parse_number(c).map(Some).map_err(|what| {
                    DataError::new(format!("{what}, found \"{c}\""))
                        .file(&self.source)
                        .row(self.rows[i])
                        .column(name)
                        .hint(number_hint(c))
                }),
            })
            .collect()
    }

    /// The rows where `keep` is true, as a new table (row numbers preserved).
    pub fn filter(&self, keep: &[bool]) -> Table {
        let mask = polars::prelude::BooleanChunked::new("keep".into(), keep);
        Table {
            source: self.source.clone(),
            frame: self
                .frame
                .filter(&mask)
                .expect("mask has the table's height"),
            rows: self
                .rows
                .iter()
                .zip(keep)
                .filter(|(_, &k)| k)
                .map(|(&r, _)| r)
                .collect(),
        }
    }
}

/// The delimiter for a path: tab for `.tsv`/`.tab`, comma otherwise.
pub fn default_delimiter(path: &Path) -> u8 {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("tsv") | Some("tab") => b'\t',
        _ => b',',
    }
}

/// Reads `path` into a [`Table`]. Every problem is a [`DataError`] naming the file (and the row
/// and column where there is one).
pub fn read_table(path: &Path, opts: &ReadOptions) -> Result<Table, DataError> {
    let source = crate::io::input::name_of(path);
    let delimiter = opts.delimiter.unwrap_or_else(|| default_delimiter(path));
    build_table(structure::open(path)?, &source, delimiter, opts)
}

/// Parses the bytes of a delimited file (see [`read_table`]).
pub fn parse_table(
    bytes: &[u8],
    source: &str,
    delimiter: u8,
    opts: &ReadOptions,
) -> Result<Table, DataError> {
    build_table(bytes, source, delimiter, opts)
}

fn build_table<R: std::io::Read>(
    reader: R,
    source: &str,
    delimiter: u8,
    opts: &ReadOptions,
) -> Result<Table, DataError> {
    // cells go straight into polars' string builders (no String per cell: a million rows)
    let mut cells: Vec<StringChunkedBuilder> = Vec::new();
    let mut rows = Vec::new();
    let structure = structure::walk_records(reader, source, delimiter, |row, record| {
        if cells.is_empty() {
            cells = (0..record.len())
                .map(|i| StringChunkedBuilder::new(format!("{i}").into(), 1024))
                .collect();
        }
        for (col, field) in cells.iter_mut().zip(record.iter()) {
            // walk_records has checked that the record is UTF-8
            let v = std::str::from_utf8(field).unwrap_or_default().trim();
            if opts.is_missing(v) {
                col.append_null();
            } else {
                col.append_value(v);
            }
        }
        rows.push(row);
        Ok(())
    })?;
    let height = rows.len();
    let columns: Vec<Column> = structure
        .headers
        .iter()
        .zip(cells)
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, values)| {
            values
                .finish()
                .with_name(name.as_str().into())
                .into_column()
        })
        .collect();
    let frame = DataFrame::new(height, columns)
        .map_err(|e| DataError::new(format!("cannot build the table: {e}")).file(source))?;
    Ok(Table {
        source: source.to_string(),
        frame,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Table, DataError> {
        parse_table(text.as_bytes(), "t.csv", b',', &ReadOptions::default())
    }

    #[test]
    fn reads_text_cells_with_missing_codes_as_null() {
        let t = parse("\u{feff}id, score\n007, 3\n8,NA\n9,\n").unwrap();
        assert_eq!(t.columns(), vec!["id", "score"]);
        assert_eq!(t.text("id"), vec![Some("007"), Some("8"), Some("9")]);
        assert_eq!(t.numeric("score").unwrap(), vec![Some(3.0), None, None]);
        assert_eq!(t.rows, vec![2, 3, 4]);
        assert_eq!(t.kind("score"), ColumnKind::Numeric);
    }

    #[test]
    fn structural_problems_are_located() {
        let e = parse("").unwrap_err();
        assert!(e.message.contains("empty"));
        let e = parse("id,score\n").unwrap_err();
        assert!(e.message.contains("no data rows"));
        let e = parse("id,score\n1,2\n2,3,4\n").unwrap_err();
        assert_eq!(e.row, Some(3));
        assert!(e.message.contains("3 fields"));
        let e = parse("id,score\n\n1,2\n2,3,4\n").unwrap_err();
        assert_eq!(e.row, Some(4), "rows are lines, blank lines included");
        let e = parse("id,score\n1,2\n2\n").unwrap_err();
        assert_eq!(e.row, Some(3));
        let e = parse("id,score,score\n1,2,3\n").unwrap_err();
        assert!(e.message.contains("appears twice"));
        let e = parse_table(b"id,x\n1,\xff\n", "g.csv", b',', &ReadOptions::default()).unwrap_err();
        assert_eq!(e.row, Some(2));
        assert!(e.message.contains("UTF-8"));
    }

    #[test]
    fn bad_numbers_name_row_column_and_value() {
        let t = parse("id,total\n1,3\n2,3分\n3,3,5\n").unwrap_err();
        assert_eq!(t.row, Some(4)); // "3,5" unquoted is a ragged row
        let t = parse("id,total\n1,3\n2,3分\n").unwrap();
        assert_eq!(
            t.kind("total"),
            ColumnKind::Mixed {
                row: 3,
                value: "3分".into(),
                numbers: 1,
                filled: 2
            }
        );
        let e = t.numeric("total").unwrap_err();
        assert_eq!((e.row, e.column.as_deref()), (Some(3), Some("total")));
        assert!(e.to_string().contains("found \"3分\""), "{e}");
        let t = parse("id,total\n1,\"3,5\"\n").unwrap();
        let e = t.numeric("total").unwrap_err();
        assert!(e.hint.as_deref().unwrap().contains("decimal comma"));
        let t = parse("id,total\n1,inf\n").unwrap();
        assert!(t.numeric("total").is_err());
    }

    #[test]
    fn trailing_empty_column_is_dropped_and_custom_missing_codes_apply() {
        let opts = ReadOptions {
            delimiter: None,
            missing: vec!["-99".into()],
        };
        let t = parse_table(b"id,x,\n1,-99,\n2,4,\n", "t.csv", b',', &opts).unwrap();
        assert_eq!(t.columns(), vec!["id", "x"]);
        assert_eq!(t.numeric("x").unwrap(), vec![None, Some(4.0)]);
    }
}
