//! Some rows of an input for `--keep FILE` after screening: the header and the records kept.
//!
//! A record is the lines from the one it starts on (as the reader numbers them: see
//! [`super::table::Lines`]) up to the next record's, without the blank lines the reader skips
//! between them. A CSV or TSV file is cut from its own bytes, unchanged (its encoding, quotes,
//! line ends: UTF-8, GBK and the other ASCII-compatible encodings by `\n`; UTF-16 by its
//! two-byte line feed); standard input from its text as read (UTF-8). A converted input (a
//! spreadsheet's sheet, an SPSS file: [`Source::is_converted`]) has no text of its own: its
//! kept records are written as CSV from the text prepost reads, every field guarded as in all
//! CSV prepost writes ([`spreadsheet_safe`]: a cell that would start a formula gets a `'`).

use crate::error::DataError;
use crate::io::frame_out::{csv_writer, spreadsheet_safe};
use crate::io::source::{read_error, InputOptions, Source};
use std::io::Read;
use std::path::Path;

/// How the text of an input is cut into lines: the width of a code unit and its byte order.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Units {
    Bytes,
    Utf16 { little_endian: bool },
}

impl Units {
    fn width(self) -> usize {
        match self {
            Units::Bytes => 1,
            Units::Utf16 { .. } => 2,
        }
    }

    /// The code unit at byte `at`.
    fn at(self, bytes: &[u8], at: usize) -> u16 {
        match self {
            Units::Bytes => u16::from(bytes[at]),
            Units::Utf16 {
                little_endian: true,
            } => u16::from_le_bytes([bytes[at], bytes[at + 1]]),
            Units::Utf16 {
                little_endian: false,
            } => u16::from_be_bytes([bytes[at], bytes[at + 1]]),
        }
    }
}

/// The header and the records of the input at `path` that start on the lines `keep` (a subset
/// of `starts`, every record's first line, in file order): the input's own bytes, or for a
/// converted input, guarded CSV (see the module documentation).
pub fn kept_rows(
    path: &Path,
    source: &Source,
    opts: &InputOptions,
    starts: &[u64],
    keep: &[bool],
) -> Result<Vec<u8>, DataError> {
    let text_of_source = || -> Result<Vec<u8>, DataError> {
        let mut text = Vec::new();
        source
            .bytes()?
            .read_to_end(&mut text)
            .map_err(|e| read_error(&e, &source.name))?;
        Ok(text)
    };
    if source.is_converted() {
        let text = text_of_source()?;
        return guarded(&cut(&text, Units::Bytes, starts, keep), source);
    }
    // standard input and other streams were read once, into the source
    let is_stream = path.as_os_str() == "-" || std::fs::metadata(path).is_ok_and(|m| !m.is_file());
    let (bytes, units) = if is_stream {
        (text_of_source()?, Units::Bytes)
    } else {
        let bytes = std::fs::read(path).map_err(|e| read_error(&e, &source.name))?;
        let named = opts
            .encoding
            .as_deref()
            .and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()));
        let units = if bytes.starts_with(b"\xEF\xBB\xBF") {
            Units::Bytes
        } else if bytes.starts_with(b"\xFF\xFE") || named == Some(encoding_rs::UTF_16LE) {
            Units::Utf16 {
                little_endian: true,
            }
        } else if bytes.starts_with(b"\xFE\xFF") || named == Some(encoding_rs::UTF_16BE) {
            Units::Utf16 {
                little_endian: false,
            }
        } else {
            Units::Bytes
        };
        (bytes, units)
    };
    Ok(cut(&bytes, units, starts, keep))
}

/// CSV text (UTF-8, as a converted source holds it) written again with every field
/// [`spreadsheet_safe`]; the blank lines the reader skips are left out.
fn guarded(text: &[u8], source: &Source) -> Result<Vec<u8>, DataError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(source.delimiter)
        .from_reader(text);
    let mut out = Vec::with_capacity(text.len() + text.len() / 8);
    {
        let mut writer = csv_writer(&mut out, source.delimiter);
        for record in reader.records() {
            let record = record.map_err(|e| {
                DataError::new(format!("cannot write the kept rows: {e}")).file(&source.name)
            })?;
            let fields: Vec<_> = record.iter().map(spreadsheet_safe).collect();
            writer
                .write_record(fields.iter().map(|f| f.as_bytes()))
                .expect("writing to memory");
        }
        writer.flush().expect("writing to memory");
    }
    Ok(out)
}

/// The byte offset where each line starts (line 1 at offset 0), and the end.
fn line_starts(bytes: &[u8], units: Units) -> Vec<usize> {
    let w = units.width();
    let mut out = vec![0];
    let mut at = 0;
    while at + w <= bytes.len() {
        if units.at(bytes, at) == u16::from(b'\n') && at + w < bytes.len() {
            out.push(at + w);
        }
        at += w;
    }
    out.push(bytes.len());
    out
}

/// Whether a line holds only blanks (and its line end).
fn is_blank(line: &[u8], units: Units) -> bool {
    (0..line.len() / units.width())
        .all(|k| matches!(units.at(line, k * units.width()), 0x20 | 0x09 | 0x0D | 0x0A))
}

/// The header (the lines before the first record) and the kept records, each without the
/// blank lines at its end.
fn cut(bytes: &[u8], units: Units, starts: &[u64], keep: &[bool]) -> Vec<u8> {
    let lines = line_starts(bytes, units);
    let n_lines = lines.len() - 1;
    // the byte range of lines [first, end) (1-based, end exclusive), blank lines at its end left
    // out
    let span = |first: u64, end: u64| -> &[u8] {
        let first = (first as usize).clamp(1, n_lines + 1);
        let mut end = (end as usize).clamp(first, n_lines + 1);
        while end > first && is_blank(&bytes[lines[end - 2]..lines[end - 1]], units) {
            end -= 1;
        }
        &bytes[lines[first - 1]..lines[end - 1]]
    };
    let after_last = n_lines as u64 + 1;
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(span(1, starts.first().copied().unwrap_or(after_last)));
    for (k, (&start, &kept)) in starts.iter().zip(keep).enumerate() {
        if kept {
            let end = starts.get(k + 1).copied().unwrap_or(after_last);
            out.extend_from_slice(span(start, end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_cut_from_their_lines() {
        let text = b"id,a,b\r\n1,2,3\r\n\r\n2,\"x\ny\",3\r\n3,4,5";
        let starts = [2, 4, 6];
        assert_eq!(
            cut(text, Units::Bytes, &starts, &[true, false, true]),
            b"id,a,b\r\n1,2,3\r\n3,4,5".to_vec()
        );
        assert_eq!(
            cut(text, Units::Bytes, &starts, &[false, true, false]),
            b"id,a,b\r\n2,\"x\ny\",3\r\n".to_vec()
        );
        assert_eq!(
            cut(text, Units::Bytes, &starts, &[false, false, false]),
            b"id,a,b\r\n".to_vec()
        );
        // blank lines before the header stay; after the last record they go
        let text = b"\nid\n1\n2\n\n\n";
        assert_eq!(
            cut(text, Units::Bytes, &[3, 4], &[false, true]),
            b"\nid\n2\n".to_vec()
        );
    }

    #[test]
    fn utf16_lines_end_at_their_two_byte_line_feed() {
        let encode = |s: &str| -> Vec<u8> {
            let mut v = vec![0xFF, 0xFE];
            v.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
            v
        };
        // U+0A0A would look like a line feed byte by byte
        let text = encode("id\tq\n1\t\u{0a0a}\n2\t3\n");
        let got = cut(
            &text,
            Units::Utf16 {
                little_endian: true,
            },
            &[2, 3],
            &[false, true],
        );
        assert_eq!(got, encode("id\tq\n2\t3\n"));
    }
}
