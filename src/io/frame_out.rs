//! Writing delimited text with the csv crate (fields quoted where needed, RFC 4180), and a
//! frame of scores as CSV, TSV, JSON, Parquet or an SPSS file (bytes; the caller writes them atomically).
//! Numbers are written at full precision, whole numbers without ".0".

use crate::error::DataError;
use polars::prelude::*;
use rayon::prelude::*;

fn frame_error(e: PolarsError) -> DataError {
    DataError::new(format!("cannot write the scores: {e}"))
}

/// Text for a cell of a CSV or TSV file that a spreadsheet opens: a text that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return, and is not a number, gets a leading `'`, so that
/// Excel, LibreOffice and Google Sheets show it as text instead of running it as a formula
/// (CSV injection, as OWASP describes it). Numbers, and text starting otherwise, are written
/// as they are; the JSON output keeps every text exactly.
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = text
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    if risky && text.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A csv writer appending to `out`.
pub fn csv_writer(out: &mut Vec<u8>, delimiter: u8) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out)
}

/// Appends one record and its line end to `out`.
pub fn write_record<I, S>(out: &mut Vec<u8>, fields: I, delimiter: u8)
where
    I: IntoIterator<Item = S>,
    S: AsRef<[u8]>,
{
    let mut w = csv_writer(out, delimiter);
    w.write_record(fields).expect("writing to memory");
    w.flush().expect("writing to memory");
}

/// Appends a number as the shortest decimal that reads back the same, whole numbers without
/// ".0" (itoa/ryu: the same digits as Rust's `{}` for scores, ten times faster).
pub fn push_number(out: &mut Vec<u8>, v: f64) {
    // (whole: a round trip through i64; `fract` is a library call on baseline x86-64)
    if v.abs() < 1e15 && (v as i64) as f64 == v {
        out.extend_from_slice(itoa::Buffer::new().format(v as i64).as_bytes());
    } else if v.is_finite() {
        out.extend_from_slice(ryu::Buffer::new().format_finite(v).as_bytes());
    }
}

/// A column ready for row-by-row output.
enum Cells<'a> {
    Text(Vec<Option<&'a str>>),
    Float(Vec<Option<f64>>),
    Int(Vec<Option<i64>>),
}

fn cells(col: &Column) -> Result<Cells<'_>, DataError> {
    let s = col.as_materialized_series();
    Ok(match s.dtype() {
        DataType::String => Cells::Text(s.str().map_err(frame_error)?.iter().collect()),
        DataType::Float64 => Cells::Float(s.f64().map_err(frame_error)?.iter().collect()),
        _ => Cells::Int(
            s.cast(&DataType::Int64)
                .map_err(frame_error)?
                .i64()
                .map_err(frame_error)?
                .iter()
                .collect(),
        ),
    })
}

/// The frame as delimited text with a header row (missing values as empty fields), in parts
/// to be written one after the other.
pub fn delimited(frame: &DataFrame, delimiter: u8) -> Result<Vec<Vec<u8>>, DataError> {
    let mut head = Vec::with_capacity(256);
    write_record(
        &mut head,
        frame
            .get_column_names()
            .iter()
            .map(|n| spreadsheet_safe(n.as_str()).into_owned()),
        delimiter,
    );
    // Rows in blocks, formatted in parallel and returned in order. A block's columns are taken
    // out of the frame one block at a time: small buffers that stay in cache, where whole
    // columns of `Option`s would be fresh memory (page faults cost as much as the formatting).
    const BLOCK_ROWS: usize = 4096;
    let starts: Vec<usize> = (0..frame.height()).step_by(BLOCK_ROWS).collect();
    let blocks: Vec<Vec<u8>> = starts
        .into_par_iter()
        .map(|start| {
            let len = BLOCK_ROWS.min(frame.height() - start);
            let slice = frame.slice(start as i64, len);
            let columns: Vec<Cells> = slice
                .columns()
                .iter()
                .map(cells)
                .collect::<Result<_, _>>()?;
            let mut block = Vec::with_capacity(len * 8 * columns.len().max(1));
            {
                let mut w = csv_writer(&mut block, delimiter);
                let mut number = Vec::with_capacity(32);
                for r in 0..len {
                    for c in &columns {
                        number.clear();
                        let safe;
                        let field: &[u8] = match c {
                            Cells::Text(v) => {
                                safe = v[r].map(spreadsheet_safe);
                                safe.as_deref().map_or(&[][..], str::as_bytes)
                            }
                            Cells::Float(v) => {
                                if let Some(x) = v[r] {
                                    push_number(&mut number, x);
                                }
                                &number
                            }
                            Cells::Int(v) => {
                                if let Some(x) = v[r] {
                                    number.extend_from_slice(
                                        itoa::Buffer::new().format(x).as_bytes(),
                                    );
                                }
                                &number
                            }
                        };
                        w.write_field(field).expect("writing to memory");
                    }
                    w.write_record(None::<&[u8]>).expect("writing to memory");
                }
                w.flush().expect("writing to memory");
            }
            Ok(block)
        })
        .collect::<Result<_, DataError>>()?;
    Ok(std::iter::once(head).chain(blocks).collect())
}

/// The frame as a JSON array of records (numbers as numbers, missing as null), wrapped in an
/// object with `meta`.
pub fn json(frame: &DataFrame, meta: serde_json::Value) -> Result<Vec<u8>, DataError> {
    let names: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let mut cols: Vec<Vec<serde_json::Value>> = Vec::new();
    for col in frame.columns() {
        let values: Vec<serde_json::Value> = match cells(col)? {
            Cells::Text(v) => v
                .into_iter()
                .map(|v| v.map_or(serde_json::Value::Null, |x| x.into()))
                .collect(),
            Cells::Float(v) => v
                .into_iter()
                .map(|v| {
                    v.and_then(serde_json::Number::from_f64)
                        .map_or(serde_json::Value::Null, Into::into)
                })
                .collect(),
            Cells::Int(v) => v
                .into_iter()
                .map(|v| v.map_or(serde_json::Value::Null, Into::into))
                .collect(),
        };
        cols.push(values);
    }
    let rows: Vec<serde_json::Value> = (0..frame.height())
        .map(|r| {
            let obj: serde_json::Map<String, serde_json::Value> = names
                .iter()
                .zip(&cols)
                .map(|(n, c)| (n.clone(), c[r].clone()))
                .collect();
            serde_json::Value::Object(obj)
        })
        .collect();
    let mut out = meta;
    out["respondents"] = serde_json::Value::Array(rows);
    let mut bytes = serde_json::to_vec_pretty(&out)
        .map_err(|e| DataError::new(format!("cannot write JSON: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The frame as an SPSS system file ([`crate::io::sav::write`]): text columns as strings,
/// numbers as numeric variables (F8.2, whole-number columns F8.0), `labels` as variable
/// labels (column, label). Returns the file and the names written (valid SPSS names: a name
/// that is not one is changed, see [`crate::io::sav::spss_name`]).
pub fn sav(
    frame: &DataFrame,
    labels: &[(String, String)],
    file_label: Option<&str>,
) -> Result<(Vec<u8>, Vec<String>), DataError> {
    use crate::io::sav::{WriteColumn, WriteVariable};
    enum Owned<'a> {
        Numbers(Vec<f64>, u8),
        Texts(Vec<Option<&'a str>>),
    }
    let columns: Vec<Owned> = frame
        .columns()
        .iter()
        .map(|c| {
            Ok(match cells(c)? {
                Cells::Text(v) => Owned::Texts(v),
                Cells::Float(v) => {
                    Owned::Numbers(v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect(), 2)
                }
                Cells::Int(v) => Owned::Numbers(
                    v.into_iter()
                        .map(|x| x.map_or(f64::NAN, |x| x as f64))
                        .collect(),
                    0,
                ),
            })
        })
        .collect::<Result<_, DataError>>()?;
    let variables: Vec<WriteVariable> = frame
        .get_column_names()
        .iter()
        .zip(&columns)
        .map(|(name, column)| WriteVariable {
            name: name.as_str(),
            label: labels
                .iter()
                .find(|(n, _)| n == name.as_str())
                .map(|(_, l)| l.as_str()),
            column: match column {
                Owned::Numbers(v, _) => WriteColumn::Numbers(v),
                Owned::Texts(v) => WriteColumn::Texts(v),
            },
            decimals: match column {
                Owned::Numbers(_, d) => *d,
                Owned::Texts(_) => 0,
            },
            value_labels: &[],
        })
        .collect();
    let mut out = Vec::new();
    let names = crate::io::sav::write(&mut out, &variables, file_label)
        .map_err(|e| DataError::new(format!("cannot write the SPSS file: {}", e.message)))?;
    Ok((out, names))
}

/// The frame as a Parquet file.
pub fn parquet(frame: &DataFrame) -> Result<Vec<u8>, DataError> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut df = frame.clone();
    ParquetWriter::new(&mut buf)
        .finish(&mut df)
        .map_err(frame_error)?;
    Ok(buf.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_have_no_decimal_point_and_missing_is_empty() {
        let df = df!("id" => ["a", "b,c"], "s" => [Some(14.0), None], "m" => [Some(2.5), Some(64.0 / 3.0)], "n" => [5u32, 4]).unwrap();
        let text = String::from_utf8(delimited(&df, b',').unwrap().concat()).unwrap();
        assert_eq!(
            text,
            "id,s,m,n\na,14,2.5,5\n\"b,c\",,21.333333333333332,4\n"
        );
        let j: serde_json::Value =
            serde_json::from_slice(&json(&df, serde_json::json!({})).unwrap()).unwrap();
        assert_eq!(j["respondents"][1]["s"], serde_json::Value::Null);
        assert_eq!(j["respondents"][0]["n"], 5);
        assert!(parquet(&df).unwrap().starts_with(b"PAR1"));
    }

    #[test]
    fn formulas_are_written_as_text() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("-1+1", "'-1+1"),
            ("\tx", "'\tx"),
            ("-1.5", "-1.5"),
            ("+3", "+3"),
            ("C05", "C05"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(cell), written, "{cell}");
        }
    }

    #[test]
    fn records_are_quoted_where_needed() {
        let mut out = Vec::new();
        write_record(&mut out, ["a", "b\"c", "d\ne", ""], b',');
        write_record(&mut out, ["x;y", "z"], b';');
        assert_eq!(out, b"a,\"b\"\"c\",\"d\ne\",\n\"x;y\";z\n");
    }
}
