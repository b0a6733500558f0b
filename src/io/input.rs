//! What the user names as input, made into a UTF-8 delimited file that every reader takes.
//!
//! A UTF-8 CSV/TSV file (with or without a byte-order mark, LF or CRLF) is used as it is. Other
//! inputs become a temporary UTF-8 copy, deleted when the [`Input`] is dropped:
//! - `-`: standard input, so prepost sits in a pipe;
//! - a file in another encoding: UTF-16 with a byte-order mark (Excel's "Unicode Text"), any
//!   encoding named with `--encoding` (`gbk`, `gb18030`, `big5`, `shift_jis`, `windows-1252`...,
//!   the WHATWG labels), and, detected, a file that is not UTF-8 but is valid GB18030 (which
//!   includes GBK: Excel on Chinese Windows and Chinese survey platforms save CSV so), with a
//!   note on standard error;
//! - a spreadsheet (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`): one sheet (`--sheet NAME` or
//!   `--sheet N`, 1-based; the first by default), written as CSV with the sheet's own row
//!   numbers, so messages name the row a spreadsheet shows.
//!
//! Messages name the input as the user did: [`name_of`] maps a temporary copy back to it.

use crate::error::DataError;
use crate::io::frame_out::push_text;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How to read the inputs (the `--encoding`, `--sheet` and `--delimiter` options).
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    /// An encoding label (WHATWG: "gbk", "gb18030", "utf-16le", "windows-1252"...); None: UTF-8,
    /// or GB18030 where a file is not UTF-8 but is valid GB18030.
    pub encoding: Option<String>,
    /// The sheet of a spreadsheet: a name, or a 1-based number.
    pub sheet: Option<String>,
    /// The delimiter of the temporary copy of standard input or a sheet (default comma).
    pub delimiter: Option<u8>,
    /// No notes on standard error.
    pub quiet: bool,
}

/// One input, ready to read.
#[derive(Debug)]
pub struct Input {
    /// The input as the user named it (`-` is "<stdin>").
    pub name: String,
    path: PathBuf,
    _copy: Option<tempfile::TempPath>,
}

impl Input {
    /// Where the UTF-8 text is: the file itself, or the temporary copy.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The delimiter: `--delimiter`, else tab for `.tsv`/`.tab` names, else comma.
    pub fn delimiter(&self, opts: &InputOptions) -> u8 {
        opts.delimiter
            .unwrap_or_else(|| crate::io::table::default_delimiter(&self.path))
    }
}

/// Temporary copies and the names the user gave them.
static NAMES: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());

/// The name to show for a path: the user's name of a temporary copy, else the path.
pub fn name_of(path: &Path) -> String {
    let names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    names
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, n)| n.clone())
        .unwrap_or_else(|| path.display().to_string())
}

fn register(path: &Path, name: &str) {
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    names.push((path.to_path_buf(), name.to_string()));
}

/// The name standard input gets in messages.
pub const STDIN_NAME: &str = "<stdin>";

const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// Several prepared inputs.
#[derive(Debug)]
pub struct Inputs {
    pub inputs: Vec<Input>,
}

impl Inputs {
    /// Where each input's UTF-8 text is, in order.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.inputs.iter().map(|i| i.path.clone()).collect()
    }
}

/// [`prepare_all`] for a list of paths.
pub fn prepare_paths(paths: &[PathBuf], opts: &InputOptions) -> Result<Inputs, DataError> {
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    prepare_all(&refs, opts).map(|inputs| Inputs { inputs })
}

/// Prepares every input; at most one may be standard input.
pub fn prepare_all(paths: &[&Path], opts: &InputOptions) -> Result<Vec<Input>, DataError> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(DataError::new(
            "standard input (-) can be only one of the inputs; save the others to files",
        ));
    }
    if opts.sheet.is_some()
        && !paths.iter().any(|p| {
            let book = split_sheet(p).map_or(p.to_path_buf(), |(book, _)| book);
            SPREADSHEET_EXTENSIONS.contains(&extension(&book).unwrap_or_default().as_str())
        })
    {
        return Err(DataError::new(
            "--sheet applies to spreadsheet inputs (.xlsx, .xlsm, .xlsb, .xls, .ods), and none is given",
        )
        .hint("leave out --sheet for CSV or TSV files"));
    }
    paths.iter().map(|p| prepare(p, opts)).collect()
}

/// Prepares one input (see the module documentation).
pub fn prepare(path: &Path, opts: &InputOptions) -> Result<Input, DataError> {
    let encoding = match &opts.encoding {
        None => None,
        Some(label) => Some(
            encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                DataError::new(format!("unknown encoding \"{label}\"")).hint(
                    "use a label such as utf-8, gbk, gb18030, big5, shift_jis, utf-16le or \
                     windows-1252",
                )
            })?,
        ),
    };
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
            DataError::new(format!("cannot read standard input: {e}")).file(STDIN_NAME)
        })?;
        // the checks of a file (`is_utf8_text`): a workbook or binary data is not read as text
        if bytes.starts_with(b"PK\x03\x04") {
            return Err(zip_archive(STDIN_NAME));
        }
        let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
        if !utf16 && encoding.is_none() && memchr::memchr(0, &bytes).is_some() {
            return Err(binary(STDIN_NAME));
        }
        let ext = if opts.delimiter == Some(b'\t') {
            "tsv"
        } else {
            "csv"
        };
        return match decode(&bytes, STDIN_NAME, encoding, opts)? {
            Some(text) => copy(STDIN_NAME, text.as_bytes(), ext),
            // UTF-8, or bytes the readers will locate as not UTF-8
            None => copy(STDIN_NAME, &bytes, ext),
        };
    }
    // "book.xlsx:Sheet" names a sheet (where no file has that whole name)
    let (path, sheet) = match split_sheet(path) {
        Some((book, sheet)) => (book, Some(sheet)),
        None => (path.to_path_buf(), opts.sheet.clone()),
    };
    let path = path.as_path();
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(
            DataError::new("is a directory, expected a CSV, TSV or spreadsheet file").file(&name),
        );
    }
    let ext = extension(path).unwrap_or_default();
    if SPREADSHEET_EXTENSIONS.contains(&ext.as_str()) {
        let (csv, shown) = sheet_as_csv(path, &name, sheet.as_deref(), opts)?;
        return copy(&shown, &csv, "csv");
    }
    // A text file: as it is if it is UTF-8 (the fast path: one read to check, no copy).
    let mut file = crate::io::structure::open(path)?;
    if encoding.is_none_or(|e| e == encoding_rs::UTF_8) && is_utf8_text(&mut file, &name)? {
        return Ok(Input {
            name,
            path: path.to_path_buf(),
            _copy: None,
        });
    }
    let mut bytes = Vec::new();
    crate::io::structure::open(path)?
        .read_to_end(&mut bytes)
        .map_err(|e| DataError::new(format!("cannot read the file: {e}")).file(&name))?;
    match decode(&bytes, &name, encoding, opts)? {
        Some(text) => copy(
            &name,
            text.as_bytes(),
            if ext.is_empty() { "csv" } else { &ext },
        ),
        // not UTF-8 and not GB18030: the readers report the first row that is not UTF-8
        None => Ok(Input {
            name,
            path: path.to_path_buf(),
            _copy: None,
        }),
    }
}

/// "book.xlsx:Sheet 2" → ("book.xlsx", "Sheet 2"), when no file is named the whole string.
fn split_sheet(path: &Path) -> Option<(PathBuf, String)> {
    if path.exists() {
        return None;
    }
    let text = path.to_str()?;
    let lower = text.to_ascii_lowercase();
    SPREADSHEET_EXTENSIONS.iter().find_map(|ext| {
        let at = lower.rfind(&format!(".{ext}:"))? + ext.len() + 1;
        Some((PathBuf::from(&text[..at]), text[at + 1..].to_string()))
    })
}

/// Whether the whole file is UTF-8 text (checked in blocks; a NUL byte means a binary file or
/// UTF-16, an error unless a byte-order mark says UTF-16).
fn is_utf8_text(file: &mut std::fs::File, name: &str) -> Result<bool, DataError> {
    let mut buf = vec![0u8; 1 << 20];
    let mut carry = 0usize; // bytes of a character cut at the end of the previous block
    let mut first = true;
    loop {
        let n = file
            .read(&mut buf[carry..])
            .map_err(|e| DataError::new(format!("cannot read the file: {e}")).file(name))?;
        if n == 0 {
            return Ok(carry == 0);
        }
        let block = &buf[..carry + n];
        if first && (block.starts_with(b"\xFF\xFE") || block.starts_with(b"\xFE\xFF")) {
            return Ok(false); // UTF-16 with a byte-order mark
        }
        if first && block.starts_with(b"PK\x03\x04") {
            return Err(zip_archive(name));
        }
        first = false;
        if memchr::memchr(0, block).is_some() {
            return Err(binary(name));
        }
        match std::str::from_utf8(block) {
            Ok(_) => carry = 0,
            Err(e) if e.error_len().is_none() => {
                // a character cut by the block's end: keep its bytes for the next block
                let valid = e.valid_up_to();
                let len = block.len();
                buf.copy_within(valid..len, 0);
                carry = len - valid;
            }
            Err(_) => return Ok(false),
        }
    }
}

fn zip_archive(name: &str) -> DataError {
    DataError::new("is not a text file: it is a ZIP archive, as an .xlsx or .ods workbook is")
        .file(name)
        .hint("if it is a workbook, give it its extension (.xlsx, .ods) so it is read as one")
}

fn binary(name: &str) -> DataError {
    DataError::new("is not a text file (it holds NUL bytes)")
        .file(name)
        .hint(
            "give a CSV or TSV file, or a spreadsheet (.xlsx, .xls, .ods); a text file saved as \
         UTF-16 without a byte-order mark needs --encoding utf-16le",
        )
}

/// The text of bytes that are not (only) UTF-8: by a UTF-16 byte-order mark, by `--encoding`,
/// or detected as GB18030. None: UTF-8 (or undecodable; the readers then locate the bad row).
fn decode(
    bytes: &[u8],
    name: &str,
    encoding: Option<&'static encoding_rs::Encoding>,
    opts: &InputOptions,
) -> Result<Option<String>, DataError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc != encoding_rs::UTF_8 {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
            if had_errors {
                return Err(DataError::new(format!("is not valid {} text", enc.name()))
                    .file(name)
                    .hint("save the file again as CSV UTF-8"));
            }
            return Ok(Some(text.into_owned()));
        }
    }
    if let Some(enc) = encoding {
        if enc == encoding_rs::UTF_8 {
            return Ok(None);
        }
        return match enc.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(text) => Ok(Some(text.into_owned())),
            None => Err(DataError::new(format!("is not valid {} text", enc.name()))
                .file(name)
                .row(first_bad_row(bytes, enc))
                .hint("check the encoding the file was saved in (--encoding)")),
        };
    }
    if std::str::from_utf8(bytes).is_ok() {
        if memchr::memchr(0, bytes).is_some() {
            return Err(binary(name));
        }
        return Ok(None);
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => {
            if !opts.quiet {
                eprintln!(
                    "prepost: note: {name} is not UTF-8; read it as GB18030 (GBK), the encoding \
                     of CSV files saved by Excel on Chinese Windows. If the text looks wrong, \
                     name the encoding with --encoding."
                );
            }
            Ok(Some(text.into_owned()))
        }
        None => Ok(None),
    }
}

/// The line of the first byte that does not decode (1-based).
fn first_bad_row(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> u64 {
    let mut row = 1u64;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if enc
            .decode_without_bom_handling_and_without_replacement(line)
            .is_none()
        {
            return row;
        }
        row += 1;
    }
    row
}

/// Writes a temporary UTF-8 copy named after the input.
fn copy(name: &str, contents: &[u8], ext: &str) -> Result<Input, DataError> {
    let fail = |e: std::io::Error| {
        DataError::new(format!("cannot make a temporary copy of the input: {e}"))
            .file(name)
            .hint("check that the temporary directory (TMPDIR) can be written")
    };
    let mut tmp = tempfile::Builder::new()
        .prefix("prepost-input-")
        .suffix(&format!(".{ext}"))
        .tempfile()
        .map_err(fail)?;
    tmp.write_all(contents).map_err(fail)?;
    tmp.flush().map_err(fail)?;
    let path = tmp.into_temp_path();
    register(&path, name);
    Ok(Input {
        name: name.to_string(),
        path: path.to_path_buf(),
        _copy: Some(path),
    })
}

/// One sheet of a workbook as CSV text, its rows where the sheet has them (empty rows become
/// blank lines, which every reader skips but counts), and the name messages give it
/// (`book.xlsx, sheet "pre"`).
fn sheet_as_csv(
    path: &Path,
    name: &str,
    wanted: Option<&str>,
    opts: &InputOptions,
) -> Result<(Vec<u8>, String), DataError> {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto(path).map_err(|e| {
        DataError::new(format!("cannot read the workbook: {e}"))
            .file(name)
            .hint("check that it is an Excel (.xlsx, .xls) or OpenDocument (.ods) workbook and is not password-protected")
    })?;
    let sheets = book.sheet_names();
    if sheets.is_empty() {
        return Err(DataError::new("has no sheets").file(name));
    }
    let sheet = match wanted {
        None => sheets[0].clone(),
        Some(s) => match sheets.iter().find(|n| n.as_str() == s) {
            Some(n) => n.clone(),
            None => match s.trim().parse::<usize>() {
                Ok(i) if i >= 1 && i <= sheets.len() => sheets[i - 1].clone(),
                _ => {
                    return Err(DataError::new(format!("has no sheet \"{s}\""))
                        .file(name)
                        .hint(format!(
                            "the sheets are {}; give --sheet a name or a number from 1 to {}",
                            sheets
                                .iter()
                                .map(|n| format!("\"{n}\""))
                                .collect::<Vec<_>>()
                                .join(", "),
                            sheets.len()
                        )))
                }
            },
        },
    };
    if wanted.is_none() && sheets.len() > 1 && !opts.quiet {
        eprintln!(
            "prepost: note: {name} has {} sheets; reading the first, \"{sheet}\" (choose with --sheet)",
            sheets.len()
        );
    }
    let shown = format!("{name}, sheet \"{sheet}\"");
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| DataError::new(format!("cannot read the sheet: {e}")).file(&shown))?;
    let mut out = Vec::with_capacity(range.get_size().0 * range.get_size().1 * 4);
    if let Some((first_row, _)) = range.start() {
        out.extend(std::iter::repeat_n(b'\n', first_row as usize));
    }
    let delimiter = opts.delimiter.unwrap_or(b',');
    for row in range.rows() {
        if row.iter().all(|c| {
            matches!(c, Data::Empty) || matches!(c, Data::String(t) if t.trim().is_empty())
        }) {
            // an empty row: a blank line, which the readers skip but count, so the rows
            // below keep the numbers the sheet shows
            out.push(b'\n');
            continue;
        }
        let mut first = true;
        for cell in row {
            if !first {
                out.push(delimiter);
            }
            first = false;
            let text = match cell {
                Data::Empty => continue,
                Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
                other => other.to_string(),
            };
            push_text(&mut out, &text, delimiter);
        }
        out.push(b'\n');
    }
    Ok((out, shown))
}

/// A copy of a delimited file without its blank lines, for polars, which reads a blank line as
/// a row of missing values (and a blank first line as the header). Fields are written back
/// quoted where needed, so a quoted field holding a blank line survives.
pub fn without_blank_lines(path: &Path, delimiter: u8) -> Result<Input, DataError> {
    let name = name_of(path);
    let mut out = Vec::new();
    let structure = crate::io::structure::walk_records(
        crate::io::structure::open(path)?,
        &name,
        delimiter,
        |_, record| {
            for (i, field) in record.iter().enumerate() {
                if i > 0 {
                    out.push(delimiter);
                }
                // walk_records has checked that the record is UTF-8
                push_text(&mut out, &String::from_utf8_lossy(field), delimiter);
            }
            out.push(b'\n');
            Ok(())
        },
    )?;
    let mut text = Vec::with_capacity(out.len() + 256);
    for (i, h) in structure.headers.iter().enumerate() {
        if i > 0 {
            text.push(delimiter);
        }
        push_text(&mut text, h, delimiter);
    }
    text.push(b'\n');
    text.extend_from_slice(&out);
    let ext = extension(path).unwrap_or_else(|| "csv".into());
    copy(&name, &text, &ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> InputOptions {
        InputOptions {
            quiet: true,
            ..Default::default()
        }
    }

    #[test]
    fn utf8_files_are_used_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        // a multi-byte character across the 1 MiB block boundary
        let mut text = "id,x\n".to_string();
        while text.len() < (1 << 20) - 2 {
            text.push_str("1,2\n");
        }
        text.push_str("题,3\n");
        std::fs::write(&p, &text).unwrap();
        let input = prepare(&p, &opts()).unwrap();
        assert_eq!(input.path(), p);
        assert_eq!(name_of(input.path()), p.display().to_string());
    }

    #[test]
    fn gbk_is_detected_and_decoded() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("gbk.csv");
        let (bytes, _, _) = encoding_rs::GBK.encode("编号,题1\nA01,3\n");
        std::fs::write(&p, &bytes).unwrap();
        let input = prepare(&p, &opts()).unwrap();
        assert_ne!(input.path(), p);
        assert_eq!(
            std::fs::read_to_string(input.path()).unwrap(),
            "编号,题1\nA01,3\n"
        );
        assert_eq!(name_of(input.path()), p.display().to_string());
        assert!(input.path().to_string_lossy().ends_with(".csv"));
        let copy = input.path().to_path_buf();
        drop(input);
        assert!(!copy.exists(), "the copy is removed");
    }

    #[test]
    fn utf16_with_bom_and_named_encodings() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("u16.txt");
        let mut bytes = vec![0xFF, 0xFE];
        for u in "id\tx\n1\t2\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        std::fs::write(&p, &bytes).unwrap();
        let input = prepare(&p, &opts()).unwrap();
        assert_eq!(
            std::fs::read_to_string(input.path()).unwrap(),
            "id\tx\n1\t2\n"
        );

        let p = dir.path().join("latin.csv");
        std::fs::write(&p, b"id,caf\xe9\n1,2\n").unwrap();
        let o = InputOptions {
            encoding: Some("windows-1252".into()),
            ..opts()
        };
        let input = prepare(&p, &o).unwrap();
        assert_eq!(
            std::fs::read_to_string(input.path()).unwrap(),
            "id,café\n1,2\n"
        );
        let e = prepare(
            &p,
            &InputOptions {
                encoding: Some("klingon".into()),
                ..opts()
            },
        )
        .unwrap_err();
        assert!(e.message.contains("unknown encoding"));
    }

    #[test]
    fn binary_files_and_undecodable_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.csv");
        std::fs::write(&p, b"id,x\n1,\x00\x01\n").unwrap();
        assert!(prepare(&p, &opts())
            .unwrap_err()
            .message
            .contains("not a text file"));
        // not UTF-8, not GB18030 (0xFF never starts a GB18030 character): left to the readers,
        // which name the row
        let p = dir.path().join("y.csv");
        std::fs::write(&p, b"id,x\n1,\xff\xff\n").unwrap();
        assert_eq!(prepare(&p, &opts()).unwrap().path(), p);
        let e = prepare(
            &p,
            &InputOptions {
                encoding: Some("gbk".into()),
                ..opts()
            },
        )
        .unwrap_err();
        assert_eq!(e.row, Some(2));
    }
}
