//! The structural checks of a delimited file, shared by every reader: a streaming walk over the
//! records (bounded memory) that rejects an empty file, a header without rows, duplicate or
//! missing column names, rows with the wrong number of fields and bytes that are not UTF-8,
//! each located by file and row (the line where the record starts; the header is row 1).

use crate::error::DataError;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Opens a file for reading, with an error that names it and says what to check.
pub fn open(path: &Path) -> Result<std::fs::File, DataError> {
    let source = crate::io::input::name_of(path);
    if path.is_dir() {
        return Err(DataError::new("is a directory, expected a CSV or TSV file").file(&source));
    }
    std::fs::File::open(path).map_err(|e| open_error(&e, &source))
}

/// Why a file cannot be opened, and what to check.
fn open_error(e: &std::io::Error, source: &str) -> DataError {
    let hint = match e.kind() {
        std::io::ErrorKind::NotFound => "check the path and the current directory",
        std::io::ErrorKind::PermissionDenied => "check the file's permissions",
        _ => "check that the file can be read",
    };
    DataError::new(format!("cannot read the file: {e}"))
        .file(source)
        .hint(hint)
}

/// What the walk found.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    /// Column names, trimmed.
    pub headers: Vec<String>,
    /// Data records.
    pub records: u64,
    /// Lines of only blanks (skipped; polars would read each as a row, see
    /// [`crate::io::input::without_blank_lines`]).
    pub blank_lines: u64,
}

/// One record: its fields, unquoted, stored back to back.
#[derive(Debug, Clone, Default)]
pub struct Record {
    data: Vec<u8>,
    ends: Vec<usize>,
}

impl Record {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The bytes of all fields.
    pub fn as_slice(&self) -> &[u8] {
        &self.data
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).map(move |i| &self[i])
    }

    fn clear(&mut self) {
        self.data.clear();
        self.ends.clear();
    }
}

impl std::ops::Index<usize> for Record {
    type Output = [u8];

    fn index(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.data[start..self.ends[i]]
    }
}

/// Reads RFC 4180 records line by line, knowing the line each record starts on: fields split
/// at the delimiter outside quotes, `""` inside quotes is a quote, a quoted field may span
/// lines, CRLF or LF line ends, lines of only blanks are skipped but counted (as the csv crate
/// skips them; polars does not, see [`crate::io::input::without_blank_lines`]).
pub struct RecordReader<R: BufRead> {
    inner: R,
    delimiter: u8,
    line: u64,
    buf: Vec<u8>,
    /// Blank lines skipped so far.
    pub blank_lines: u64,
}

/// A record that could not be read (an unclosed quote at the end of the file, or I/O).
#[derive(Debug)]
pub enum RecordError {
    Io(std::io::Error),
    UnclosedQuote { line: u64 },
}

impl<R: BufRead> RecordReader<R> {
    pub fn new(inner: R, delimiter: u8) -> Self {
        RecordReader {
            inner,
            delimiter,
            line: 0,
            buf: Vec::with_capacity(256),
            blank_lines: 0,
        }
    }

    /// Reads the next record into `rec`; returns the line it starts on, or None at the end.
    pub fn read(&mut self, rec: &mut Record) -> Result<Option<u64>, RecordError> {
        rec.clear();
        loop {
            self.buf.clear();
            if self
                .inner
                .read_until(b'\n', &mut self.buf)
                .map_err(RecordError::Io)?
                == 0
            {
                return Ok(None);
            }
            self.line += 1;
            if !self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                break;
            }
            self.blank_lines += 1;
        }
        let start = self.line;
        let d = self.delimiter;
        let mut in_quotes = false;
        let mut at_field_start = true;
        loop {
            let line = std::mem::take(&mut self.buf);
            let mut i = 0;
            let n = line.len();
            while i < n {
                let b = line[i];
                if in_quotes {
                    if b == b'"' {
                        if i + 1 < n && line[i + 1] == b'"' {
                            rec.data.push(b'"');
                            i += 1;
                        } else {
                            in_quotes = false;
                        }
                    } else {
                        rec.data.push(b);
                    }
                } else if b == d {
                    rec.ends.push(rec.data.len());
                    at_field_start = true;
                    i += 1;
                    continue;
                } else if b == b'\n' || (b == b'\r' && (i + 1 == n || line[i + 1] == b'\n')) {
                    // end of the record
                    i = n;
                    continue;
                } else if b == b'"' && at_field_start {
                    in_quotes = true;
                } else {
                    rec.data.push(b);
                }
                at_field_start = false;
                i += 1;
            }
            self.buf = line;
            if !in_quotes {
                rec.ends.push(rec.data.len());
                return Ok(Some(start));
            }
            // a quoted field goes on on the next line
            self.buf.clear();
            if self
                .inner
                .read_until(b'\n', &mut self.buf)
                .map_err(RecordError::Io)?
                == 0
            {
                return Err(RecordError::UnclosedQuote { line: start });
            }
            self.line += 1;
        }
    }
}

/// A header of one column whose name holds another delimiter ("id;q1;q2" read with commas):
/// the file uses that delimiter (a European CSV uses semicolons).
fn other_delimiter(headers: &[String], delimiter: u8) -> Option<DataError> {
    let [name] = headers else { return None };
    let label = [(b';', ";"), (b'\t', "\\t"), (b',', ","), (b'|', "|")]
        .into_iter()
        .find(|&(d, _)| {
            // "id;q1;q2", not a sentence ("Note; see the sheet")
            let parts: Vec<&str> = name.split(d as char).collect();
            d != delimiter
                && parts.len() >= 2
                && parts.iter().all(|p| !p.is_empty() && !p.starts_with(' '))
        })
        .map(|(_, label)| label)?;
    Some(
        DataError::new(format!(
            "the header is one column, \"{name}\", which holds '{}': the delimiter looks like '{}', not '{}'",
            label,
            label,
            (delimiter as char).escape_default()
        ))
        .hint(format!("give the delimiter with --delimiter '{label}'")),
    )
}

fn not_utf8(source: &str, row: u64) -> DataError {
    DataError::new("is not valid UTF-8 text")
        .file(source)
        .row(row)
        .hint(
            "save the file as CSV UTF-8, or name its encoding with --encoding (e.g. --encoding \
             windows-1252)",
        )
}

/// Walks every record of `reader`, checking the structure, and calls `on_record(row, record)`
/// for each data record (fields already checked to be UTF-8). Blank lines are skipped. A column
/// with an empty name is allowed only if it is empty throughout (a trailing delimiter); its
/// index is in the returned headers as "".
pub fn walk_records<R: Read>(
    reader: R,
    source: &str,
    delimiter: u8,
    mut on_record: impl FnMut(u64, &Record) -> Result<(), DataError>,
) -> Result<Structure, DataError> {
    let mut buffered = BufReader::with_capacity(1 << 16, reader);
    // Skip a UTF-8 byte-order mark.
    let bom = buffered
        .fill_buf()
        .map_err(|e| DataError::new(format!("cannot read the file: {e}")).file(source))?
        .starts_with(b"\xEF\xBB\xBF");
    if bom {
        buffered.consume(3);
    }
    let mut rdr = RecordReader::new(buffered, delimiter);
    let mut record = Record::default();
    let read = |rdr: &mut RecordReader<_>, record: &mut Record| {
        rdr.read(record).map_err(|e| match e {
            RecordError::Io(e) => DataError::new(format!("cannot read the file: {e}")).file(source),
            RecordError::UnclosedQuote { line } => {
                DataError::new("a quoted field is not closed before the end of the file")
                    .file(source)
                    .row(line)
                    .hint("check for an unmatched quote (\") in this row")
            }
        })
    };
    let Some(header_row) = read(&mut rdr, &mut record)? else {
        return Err(
            DataError::new("is empty; expected a header row and at least one data row")
                .file(source),
        );
    };
    let mut headers = Vec::with_capacity(record.len());
    for field in record.iter() {
        let name = std::str::from_utf8(field).map_err(|_| not_utf8(source, header_row))?;
        headers.push(name.trim().to_string());
    }
    if let Some(e) = cr_line_ends(&headers) {
        return Err(e.file(source).row(header_row));
    }
    for (i, name) in headers.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        if let Some(j) = headers[..i].iter().position(|h| h == name) {
            return Err(DataError::new(format!(
                "the column name \"{name}\" appears twice (columns {} and {})",
                j + 1,
                i + 1
            ))
            .file(source)
            .row(header_row)
            .hint("rename one of the columns"));
        }
    }
    if let Some(e) = other_delimiter(&headers, delimiter) {
        return Err(e.file(source).row(header_row));
    }
    let unnamed: Vec<usize> = (0..headers.len())
        .filter(|&i| headers[i].is_empty())
        .collect();
    let width = headers.len();
    let mut records = 0u64;
    while let Some(row) = read(&mut rdr, &mut record)? {
        if record.len() != width {
            let what = if record.len() > width {
                "more"
            } else {
                "fewer"
            };
            return Err(DataError::new(format!(
                "has {} fields but the header has {width} ({what} than the header)",
                record.len()
            ))
            .file(source)
            .row(row)
            .hint(
                "every row needs one field per column; check for a missing or extra delimiter, \
                 or a value containing the delimiter that should be quoted",
            ));
        }
        if std::str::from_utf8(record.as_slice()).is_err() {
            return Err(not_utf8(source, row));
        }
        for &i in &unnamed {
            if !record[i].iter().all(u8::is_ascii_whitespace) {
                return Err(DataError::new(format!(
                    "column {} has no name in the header row but holds values",
                    i + 1
                ))
                .file(source)
                .row(row)
                .hint("give every column a name"));
            }
        }
        on_record(row, &record)?;
        records += 1;
    }
    if records == 0 {
        return Err(no_data_rows(source, &headers));
    }
    Ok(Structure {
        headers,
        records,
        blank_lines: rdr.blank_lines,
    })
}

/// Checks a file's structure without keeping its contents (for files polars will read).
pub fn check_file(path: &Path, delimiter: u8) -> Result<Structure, DataError> {
    check_file_rows(path, delimiter).map(|(s, _)| s)
}

/// A header holding carriage returns: the file's lines end in CR alone (classic Mac OS), which
/// no CSV reader takes as line ends, so the whole file is one line. Checked before anything
/// else about the names (its values would look like repeated column names).
fn cr_line_ends(headers: &[String]) -> Option<DataError> {
    headers.iter().any(|h| h.contains('\r')).then(|| {
        DataError::new(
            "has line ends of a carriage return alone (classic Mac OS); expected LF or CRLF line ends",
        )
        .hint("save the file again as CSV from a spreadsheet or text editor (it then has LF or CRLF line ends)")
    })
}

/// The error for a file of one line.
fn no_data_rows(source: &str, headers: &[String]) -> DataError {
    cr_line_ends(headers)
        .unwrap_or_else(|| DataError::new("has a header row but no data rows"))
        .file(source)
}

/// A line without its line end (LF, CRLF, or any run of them).
pub fn without_line_end(mut line: &[u8]) -> &[u8] {
    while let [rest @ .., b'\n' | b'\r'] = line {
        line = rest;
    }
    line
}

/// The names of an unquoted header line, checked: None if a name is empty (the careful walk
/// handles unnamed columns); an error for a repeated name or another delimiter.
fn header_names(text: &[u8], delimiter: u8) -> Result<Option<Vec<String>>, DataError> {
    let names: Vec<String> = text
        .split(|&b| b == delimiter)
        .map(|h| String::from_utf8_lossy(h).trim().to_string())
        .collect();
    if let Some(e) = cr_line_ends(&names) {
        return Err(e);
    }
    if names.iter().any(String::is_empty) {
        return Ok(None);
    }
    for (i, name) in names.iter().enumerate() {
        if let Some(j) = names[..i].iter().position(|h| h == name) {
            return Err(DataError::new(format!(
                "the column name \"{name}\" appears twice (columns {} and {})",
                j + 1,
                i + 1
            ))
            .hint("rename one of the columns"));
        }
    }
    if let Some(e) = other_delimiter(&names, delimiter) {
        return Err(e);
    }
    Ok(Some(names))
}

/// The column names of a file whose header line the fast check would take as it is (no
/// quotes, UTF-8, every column named, no name twice); None otherwise, or if it cannot be read.
/// For the direct scoring pass, which checks the rest of the structure as it goes.
pub fn quick_header(path: &Path, delimiter: u8) -> Option<Vec<String>> {
    let mut f = BufReader::with_capacity(64 << 10, open(path).ok()?);
    let mut line = Vec::with_capacity(256);
    let mut first = true;
    loop {
        line.clear();
        if f.read_until(b'\n', &mut line).ok()? == 0 {
            return None;
        }
        let mut text: &[u8] = &line;
        if first {
            text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
            first = false;
        }
        text = without_line_end(text);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if memchr::memchr(b'"', text).is_some() || std::str::from_utf8(text).is_err() {
            return None;
        }
        return header_names(text, delimiter).ok().flatten();
    }
}

/// Checks a file's structure and returns the row (line) of every data record.
///
/// A file without any quote character (the usual export of survey data) is checked line by line
/// with byte searches, about ten times faster than [`walk_records`] (every record is one line;
/// a record's fields are its delimiters + 1). A file with quotes, or with an unnamed column, goes
/// through [`walk_records`]. Both apply the same rules.
pub fn check_file_rows(path: &Path, delimiter: u8) -> Result<(Structure, Vec<u64>), DataError> {
    let source = crate::io::input::name_of(path);
    let slow = || -> Result<(Structure, Vec<u64>), DataError> {
        let mut rows = Vec::new();
        let s = walk_records(open(path)?, &source, delimiter, |row, _| {
            rows.push(row);
            Ok(())
        })?;
        Ok((s, rows))
    };
    let io_error =
        |e: std::io::Error| DataError::new(format!("cannot read the file: {e}")).file(&source);
    // Any quote at all? Then the careful walk.
    {
        let mut f = BufReader::with_capacity(1 << 20, open(path)?);
        loop {
            let buf = f.fill_buf().map_err(io_error)?;
            if buf.is_empty() {
                break;
            }
            if memchr::memchr(b'"', buf).is_some() {
                return slow();
            }
            let n = buf.len();
            f.consume(n);
        }
    }
    let mut f = BufReader::with_capacity(1 << 20, open(path)?);
    let mut line = Vec::with_capacity(256);
    let mut row = 0u64;
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut blank_lines = 0u64;
    loop {
        line.clear();
        if f.read_until(b'\n', &mut line).map_err(io_error)? == 0 {
            break;
        }
        row += 1;
        let mut text: &[u8] = &line;
        if row == 1 {
            text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
        }
        text = without_line_end(text);
        if text.iter().all(u8::is_ascii_whitespace) {
            blank_lines += 1;
            continue;
        }
        if std::str::from_utf8(text).is_err() {
            return Err(not_utf8(&source, row));
        }
        match &headers {
            None => match header_names(text, delimiter) {
                Ok(Some(names)) => headers = Some(names),
                Ok(None) => return slow(), // unnamed columns need the per-field check
                Err(e) => return Err(e.file(&source).row(row)),
            },
            Some(h) => {
                let fields = memchr::memchr_iter(delimiter, text).count() + 1;
                if fields != h.len() {
                    let what = if fields > h.len() { "more" } else { "fewer" };
                    return Err(DataError::new(format!(
                        "has {fields} fields but the header has {} ({what} than the header)",
                        h.len()
                    ))
                    .file(&source)
                    .row(row)
                    .hint(
                        "every row needs one field per column; check for a missing or extra delimiter, \
                         or a value containing the delimiter that should be quoted",
                    ));
                }
                rows.push(row);
            }
        }
    }
    let Some(headers) = headers else {
        return Err(
            DataError::new("is empty; expected a header row and at least one data row")
                .file(&source),
        );
    };
    if rows.is_empty() {
        return Err(no_data_rows(&source, &headers));
    }
    let records = rows.len() as u64;
    Ok((
        Structure {
            headers,
            records,
            blank_lines,
        },
        rows,
    ))
}

/// The trimmed column names of a file (its first record; a byte-order mark is skipped).
pub fn read_headers(path: &Path, delimiter: u8) -> Result<Vec<String>, DataError> {
    let mut rdr = RecordReader::new(BufReader::new(open(path)?), delimiter);
    let mut record = Record::default();
    match rdr.read(&mut record) {
        Ok(Some(_)) => Ok(record
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let f = if i == 0 {
                    field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field)
                } else {
                    field
                };
                String::from_utf8_lossy(f).trim().to_string()
            })
            .collect()),
        Ok(None) => Ok(Vec::new()),
        Err(_) => Err(DataError::new("cannot read the header row")
            .file(crate::io::input::name_of(path))
            .row(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(text: &[u8]) -> Result<Structure, DataError> {
        walk_records(text, "t.csv", b',', |_, _| Ok(()))
    }

    #[test]
    fn open_errors_say_what_to_check() {
        // (as root, a file without read permission can still be read: the kind is staged here)
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let e = open_error(&denied, "pre.csv");
        assert_eq!(e.file.as_deref(), Some("pre.csv"));
        assert!(e.message.starts_with("cannot read the file"));
        assert_eq!(e.hint.as_deref(), Some("check the file's permissions"));
        let e = open(Path::new("/nonexistent/pre.csv")).unwrap_err();
        assert_eq!(
            e.hint.as_deref(),
            Some("check the path and the current directory")
        );
    }

    #[test]
    fn rows_are_lines_and_blank_lines_are_skipped() {
        let mut rows = Vec::new();
        let s = walk_records(
            &b"\xEF\xBB\xBFa,b\n1,2\n\n3,\"x\ny\"\n5,6\n"[..],
            "t.csv",
            b',',
            |r, _| {
                rows.push(r);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(s.headers, vec!["a", "b"]);
        assert_eq!(s.records, 3);
        assert_eq!(rows, vec![2, 4, 6]);
    }

    #[test]
    fn quotes_delimiters_and_line_ends() {
        let mut recs = Vec::new();
        walk_records(
            &b"a;b\r\n\"x;\"\"y\"\"\";2\r\n\"\";\"m\r\nn\"\r\n"[..],
            "t.csv",
            b';',
            |row, r| {
                recs.push((
                    row,
                    r.iter()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect::<Vec<_>>(),
                ));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(recs[0], (2, vec!["x;\"y\"".to_string(), "2".to_string()]));
        assert_eq!(recs[1], (3, vec!["".to_string(), "m\r\nn".to_string()]));
    }

    #[test]
    fn the_fast_check_agrees_with_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [&[u8]; 8] = [
            b"a,b\n1,2\n\n3,4\n",
            b"\xEF\xBB\xBFa,b\r\n1,2\r\n",
            b"a,b\n1,2\n1,2,3\n",
            b"a,b\n1\n",
            b"a,a\n1,2\n",
            b"a,b\n",
            b"a,b\n1,\xff\n",
            b"a,b\n\"1\",2\n",
        ];
        for (i, bytes) in cases.iter().enumerate() {
            let p = dir.path().join(format!("{i}.csv"));
            std::fs::write(&p, bytes).unwrap();
            let fast = check_file_rows(&p, b',');
            let mut rows = Vec::new();
            let slow = walk_records(*bytes, &p.display().to_string(), b',', |r, _| {
                rows.push(r);
                Ok(())
            });
            match (fast, slow) {
                (Ok((a, ra)), Ok(b)) => assert_eq!((a, ra), (b, rows), "case {i}"),
                (Err(a), Err(b)) => assert_eq!(
                    (a.row, a.message.clone()),
                    (b.row, b.message.clone()),
                    "case {i}"
                ),
                (a, b) => panic!("case {i}: {a:?} vs {b:?}"),
            }
        }
    }

    #[test]
    fn structural_errors() {
        assert!(walk(b"").unwrap_err().message.contains("empty"));
        assert!(walk(b"\n\n").unwrap_err().message.contains("empty"));
        assert!(walk(b"a,b\n").unwrap_err().message.contains("no data rows"));
        let e = walk(b"a,b\n1,2\n\n1,2,3\n").unwrap_err();
        assert_eq!(e.row, Some(4));
        assert!(walk(b"a,a\n1,2\n").unwrap_err().message.contains("twice"));
        assert!(walk(b"a,\n1,2\n").unwrap_err().message.contains("no name"));
        assert!(walk(b"a,\n1,\n").is_ok());
        let e = walk(b"a,b\n1,\"x\n").unwrap_err();
        assert!(e.message.contains("not closed"), "{e}");
        let e = walk(b"a,b\n1,\xff\n").unwrap_err();
        assert_eq!(e.row, Some(2));
    }
}
