//! What the user names as input, made ready for the one reader ([`super::reader`]): a
//! [`Source`] carries its name as the user gave it (for every message), its delimiter, and
//! where its UTF-8 text is.
//!
//! A UTF-8 CSV/TSV file (with or without a byte-order mark, LF or CRLF) is read as it is,
//! straight from the file. Anything else becomes UTF-8 text in memory (no temporary files):
//! - `-`: standard input, read once, so prepost sits in a pipe;
//! - a file in another encoding: UTF-16 with a byte-order mark (Excel's "Unicode Text"), any
//!   encoding named with `--encoding` (`gbk`, `gb18030`, `big5`, `shift_jis`, `windows-1252`...,
//!   the WHATWG labels), and a file that turns out not to be UTF-8 but is valid GB18030 (which
//!   includes GBK: Excel on Chinese Windows and Chinese survey platforms save CSV so; the reader
//!   asks for this text when it meets bytes that are not UTF-8, and a note says so);
//! - a spreadsheet (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`): one sheet (`--sheet NAME` or
//!   `--sheet N`, 1-based; the first by default), as CSV with the sheet's own row numbers, so
//!   messages name the row a spreadsheet shows;
//! - an SPSS system file (`.sav`, `.zsav`, or any file that starts as one: `$FL2`, `$FL3`):
//!   read by [`super::sav`] and written as CSV text ([`super::sav::as_csv`]: numbers that read
//!   back to the bit, user-missing values as empty cells, dates as ISO text; the header is row
//!   1, case k is row k + 1), its value labels kept beside the text
//!   ([`Source::value_labels`]), a note per variable on the user-missing values made missing.

use crate::error::DataError;
use crate::io::sav::{self, ValueLabels};
use crate::note::Note;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How to read the inputs (the `--encoding`, `--sheet` and `--delimiter` options).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InputOptions {
    /// An encoding label (WHATWG: "gbk", "gb18030", "utf-16le", "windows-1252"...); None: UTF-8,
    /// or GB18030 where a file is not UTF-8 but is valid GB18030.
    pub encoding: Option<String>,
    /// The sheet of a spreadsheet: a name, or a 1-based number.
    pub sheet: Option<String>,
    /// The field delimiter of CSV/TSV inputs [default: tab for `.tsv`/`.tab`, comma otherwise].
    pub delimiter: Option<u8>,
    /// No notes on standard error.
    pub quiet: bool,
}

/// The name standard input gets in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// The extensions read as spreadsheets.
pub const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// The extensions read as SPSS system files (a file is also recognised by its first bytes).
pub const SAV_EXTENSIONS: &[&str] = &["sav", "zsav"];

/// One input, ready to read.
#[derive(Debug, Clone)]
pub struct Source {
    /// The input as the user named it (`<stdin>`, `book.xlsx, sheet "pre"`).
    pub name: String,
    /// The field delimiter.
    pub delimiter: u8,
    text: Text,
    /// Whether the encoding was settled (named, or by a byte-order mark): then text that is
    /// not UTF-8 is an error, not a GB18030 file.
    settled: bool,
    quiet: bool,
    /// The value labels of an SPSS file's variables (empty for other inputs).
    value_labels: Arc<ValueLabels>,
    /// Whether the text is CSV that prepost wrote from another format (a spreadsheet's sheet,
    /// an SPSS file), not the input's own text.
    converted: bool,
    /// An SPSS file's user-missing values read as missing, per variable (for the reports'
    /// notes; empty for other inputs).
    user_missing: Arc<[sav::UserMissing]>,
}

/// Where the UTF-8 text of a source is.
#[derive(Debug, Clone)]
enum Text {
    File(PathBuf),
    Memory(Arc<[u8]>),
}

impl Source {
    /// A source of UTF-8 text held in memory (tests, and decoded inputs).
    pub fn from_text(name: &str, delimiter: u8, text: impl Into<Arc<[u8]>>) -> Source {
        Source {
            name: name.to_string(),
            delimiter,
            text: Text::Memory(text.into()),
            settled: true,
            quiet: true,
            value_labels: Arc::default(),
            converted: false,
            user_missing: Arc::from([]),
        }
    }

    /// The value labels of the input's columns: an SPSS file's (gender 1 = "男"); none for
    /// text and spreadsheets.
    pub fn value_labels(&self) -> &Arc<ValueLabels> {
        &self.value_labels
    }

    /// Whether the text is CSV that prepost wrote from a spreadsheet's sheet or an SPSS file
    /// (by its extension or its first bytes), rather than the input's own text (a CSV or TSV
    /// file, as it is or decoded).
    pub fn is_converted(&self) -> bool {
        self.converted
    }

    /// An SPSS file's user-missing values read as missing: a note per variable (for the
    /// reports; standard error has them when the file is opened).
    pub fn user_missing_notes(&self) -> Vec<Note> {
        user_missing_notes(&self.name, &self.user_missing)
    }

    /// Whether notes on standard error are left out (`--quiet`, tests).
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// A stream of the source's bytes.
    pub fn bytes(&self) -> Result<Box<dyn Read + Send + '_>, DataError> {
        Ok(match &self.text {
            Text::File(path) => Box::new(open(path, &self.name)?),
            Text::Memory(bytes) => Box::new(&bytes[..]),
        })
    }

    /// The size of the text, where it is known cheaply.
    pub fn len_hint(&self) -> Option<u64> {
        match &self.text {
            Text::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
            Text::Memory(bytes) => Some(bytes.len() as u64),
        }
    }

    /// The same input read as GB18030, when its bytes are not UTF-8 but are valid GB18030 and
    /// no encoding was named (the note says so); None otherwise, and an error for a binary
    /// file (NUL bytes).
    pub fn as_gb18030(&self) -> Result<Option<Source>, DataError> {
        let Text::File(path) = &self.text else {
            return Ok(None);
        };
        if self.settled {
            return Ok(None);
        }
        let bytes = read_all(path, &self.name)?;
        if let Some(at) = memchr::memchr(0, &bytes) {
            // a binary file, not text in another encoding
            let row = memchr::memchr_iter(b'\n', &bytes[..at]).count() as u64 + 1;
            return Err(binary(&self.name).row(row));
        }
        match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(&bytes) {
            Some(text) => {
                if !self.quiet {
                    eprintln!(
                        "prepost: note: {} is not UTF-8; read it as GB18030 (GBK), the encoding \
                         of CSV files saved by Excel on Chinese Windows. If the text looks wrong, \
                         name the encoding with --encoding.",
                        self.name
                    );
                }
                Ok(Some(Source {
                    text: Text::Memory(text.into_owned().into_bytes().into()),
                    settled: true,
                    ..self.clone()
                }))
            }
            None => Ok(None),
        }
    }

    /// Opens one input (see the module documentation).
    pub fn open(path: &Path, opts: &InputOptions) -> Result<Source, DataError> {
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
        let named = |name: String, delimiter: u8, text: Text, settled: bool| Source {
            name,
            delimiter,
            text,
            settled,
            quiet: opts.quiet,
            value_labels: Arc::default(),
            converted: false,
            user_missing: Arc::from([]),
        };
        // Standard input, and anything else that is not a regular file (a named pipe,
        // `<(zcat x)`, /dev/stdin), can be read only once: it is read into memory here.
        let is_stream = path.as_os_str() == "-"
            || std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if is_stream {
            let (name, bytes) = if path.as_os_str() == "-" {
                let mut bytes = Vec::new();
                std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
                    DataError::new(format!("cannot read standard input: {e}")).file(STDIN_NAME)
                })?;
                (STDIN_NAME.to_string(), bytes)
            } else {
                let name = path.display().to_string();
                let bytes = read_all(path, &name)?;
                (name, bytes)
            };
            if bytes.starts_with(b"PK\x03\x04") {
                return Err(zip_archive(&name));
            }
            if sav::is_sav(&bytes) {
                return sav_source(bytes, name, encoding, opts);
            }
            refuse_utf32(&bytes, &name)?;
            let delimiter = opts.delimiter.unwrap_or_else(|| default_delimiter(path));
            let (text, settled) = decode(bytes, &name, encoding, opts)?;
            return Ok(named(name, delimiter, Text::Memory(text.into()), settled));
        }
        // "book.xlsx:Sheet" names a sheet (where no file has that whole name)
        let (path, sheet) = match split_sheet(path) {
            Some((book, sheet)) => (book, Some(sheet)),
            None => (path.to_path_buf(), opts.sheet.clone()),
        };
        let name = path.display().to_string();
        if path.is_dir() {
            return Err(
                DataError::new("is a directory, expected a CSV, TSV or spreadsheet file")
                    .file(&name),
            );
        }
        if SAV_EXTENSIONS.contains(&extension(&path).unwrap_or_default().as_str()) {
            let bytes = read_all(&path, &name)?;
            return sav_source(bytes, name, encoding, opts);
        }
        if is_spreadsheet(&path) {
            check_workbook_bytes(&path, &name)?;
            let (csv, shown) = sheet_as_csv(&path, &name, sheet.as_deref(), opts)?;
            return Ok(Source {
                converted: true,
                ..named(shown, b',', Text::Memory(csv.into()), true)
            });
        }
        let delimiter = opts.delimiter.unwrap_or_else(|| default_delimiter(&path));
        // A text file: read from the file as it is, unless its start says otherwise.
        // (20 bytes: an encrypted SPSS file says so in its bytes 8 to 20)
        let mut head = [0u8; 20];
        let mut file = open(&path, &name)?;
        let n = read_up_to(&mut file, &mut head).map_err(|e| read_error(&e, &name))?;
        let head = &head[..n];
        if head.starts_with(b"PK\x03\x04") {
            return Err(zip_archive(&name));
        }
        if sav::is_sav(head) {
            // an SPSS file under another name
            let bytes = read_all(&path, &name)?;
            return sav_source(bytes, name, encoding, opts);
        }
        refuse_utf32(head, &name)?;
        let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
        // a UTF-8 byte-order mark settles the encoding, whatever --encoding says
        let utf8_bom = head.starts_with(b"\xEF\xBB\xBF");
        if !utf8_bom && (utf16 || encoding.is_some_and(|e| e != encoding_rs::UTF_8)) {
            let bytes = read_all(&path, &name)?;
            let (text, _) = decode(bytes, &name, encoding, opts)?;
            return Ok(named(name, delimiter, Text::Memory(text.into()), true));
        }
        Ok(named(
            name,
            delimiter,
            Text::File(path.clone()),
            encoding.is_some() || utf8_bom,
        ))
    }

    /// Opens every input; at most one may be standard input (a usage error otherwise, checked
    /// by the configuration).
    pub fn open_all(paths: &[PathBuf], opts: &InputOptions) -> Result<Vec<Source>, DataError> {
        paths.iter().map(|p| Source::open(p, opts)).collect()
    }
}

/// Whether a path names a spreadsheet (by its extension, or a `book.xlsx:Sheet` form).
pub fn is_spreadsheet(path: &Path) -> bool {
    let book = split_sheet(path).map_or(path.to_path_buf(), |(book, _)| book);
    SPREADSHEET_EXTENSIONS.contains(&extension(&book).unwrap_or_default().as_str())
}

/// The delimiter for a path: tab for `.tsv`/`.tab`, comma otherwise.
pub fn default_delimiter(path: &Path) -> u8 {
    match extension(path).as_deref() {
        Some("tsv") | Some("tab") => b'\t',
        _ => b',',
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// Opens a file for reading, with an error that names it and says what to check.
pub fn open(path: &Path, name: &str) -> Result<std::fs::File, DataError> {
    if path.is_dir() {
        return Err(DataError::new("is a directory, expected a CSV or TSV file").file(name));
    }
    std::fs::File::open(path).map_err(|e| open_error(&e, name))
}

/// Why a file cannot be opened, and what to check.
fn open_error(e: &std::io::Error, name: &str) -> DataError {
    let hint = match e.kind() {
        std::io::ErrorKind::NotFound => "check the path and the current directory",
        std::io::ErrorKind::PermissionDenied => "check the file's permissions",
        _ => "check that the file can be read",
    };
    DataError::new(format!("cannot read the file: {e}"))
        .file(name)
        .hint(hint)
}

/// An error while reading a file that opened.
pub fn read_error(e: &std::io::Error, name: &str) -> DataError {
    DataError::new(format!("cannot read the file: {e}")).file(name)
}

fn read_all(path: &Path, name: &str) -> Result<Vec<u8>, DataError> {
    let mut bytes = Vec::new();
    open(path, name)?
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(&e, name))?;
    Ok(bytes)
}

/// Reads until `buf` is full or the input ends.
fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
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

fn zip_archive(name: &str) -> DataError {
    DataError::new("is not a text file: it is a ZIP archive, as an .xlsx or .ods workbook is")
        .file(name)
        .hint("if it is a workbook, give it its extension (.xlsx, .ods) so it is read as one")
}

/// The error for text holding NUL bytes.
pub fn binary(name: &str) -> DataError {
    DataError::new("is not a text file (it holds NUL bytes)")
        .file(name)
        .hint(
            "give a CSV or TSV file, a spreadsheet (.xlsx, .xls, .ods) or an SPSS file (.sav, \
             .zsav); a text file saved as UTF-16 without a byte-order mark needs --encoding \
             utf-16le",
        )
}

/// The notes of an SPSS input's user-missing values read as missing, one per variable.
fn user_missing_notes(name: &str, user_missing: &[sav::UserMissing]) -> Vec<Note> {
    user_missing
        .iter()
        .map(|m| Note::UserMissing {
            file: name.to_string(),
            column: m.variable.clone(),
            n: m.count as u64,
            codes: m.codes.clone(),
        })
        .collect()
}

/// An SPSS system file as a source of CSV text, with its value labels; notes on standard error
/// (unless quiet) for the user-missing values made missing, a weight variable (not applied)
/// and what the reader noticed (text that does not decode in the file's encoding...).
fn sav_source(
    bytes: Vec<u8>,
    name: String,
    encoding: Option<&'static encoding_rs::Encoding>,
    opts: &InputOptions,
) -> Result<Source, DataError> {
    let file =
        sav::read(&bytes, &sav::ReadOptions { encoding }).map_err(|e| e.into_data_error(&name))?;
    // (the file's bytes are not needed beside its columns and their CSV text)
    drop(bytes);
    let weight = file
        .weight
        .and_then(|w| file.variables.get(w))
        .map(|v| v.name.clone());
    let mut notes: Vec<String> = file.notes.iter().map(|n| format!("{name}: {n}")).collect();
    let csv = sav::as_csv(file);
    if let Some(w) = weight {
        notes.push(format!(
            "{name} is weighted by \"{w}\" in SPSS; prepost counts every case once (the weight \
             is not applied)"
        ));
    }
    notes.extend(
        user_missing_notes(&name, &csv.user_missing)
            .iter()
            .map(ToString::to_string),
    );
    if !opts.quiet {
        for note in &notes {
            // (names and codes come from the file: escaped as all text from the data)
            eprintln!("prepost: note: {}", crate::error::printable(note));
        }
    }
    Ok(Source {
        name,
        delimiter: b',',
        text: Text::Memory(csv.text.into()),
        settled: true,
        quiet: opts.quiet,
        value_labels: Arc::new(csv.value_labels),
        converted: true,
        user_missing: csv.user_missing.into(),
    })
}

/// The UTF-8 text of bytes: decoded by a UTF-16 byte-order mark or by `--encoding`, else as
/// they are (UTF-8, or bytes the reader will locate as not UTF-8). Returns whether the
/// encoding is settled (a mark or a name).
fn decode(
    bytes: Vec<u8>,
    name: &str,
    encoding: Option<&'static encoding_rs::Encoding>,
    opts: &InputOptions,
) -> Result<(Vec<u8>, bool), DataError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        if enc == encoding_rs::UTF_8 {
            // a UTF-8 byte-order mark settles the encoding, whatever --encoding says
            return Ok((bytes, true));
        }
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(DataError::new(format!("is not valid {} text", enc.name()))
                .file(name)
                .hint("save the file again as CSV UTF-8"));
        }
        return Ok((text.into_owned().into_bytes(), true));
    }
    match encoding {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            match enc.decode_without_bom_handling_and_without_replacement(&bytes) {
                Some(text) => Ok((text.into_owned().into_bytes(), true)),
                None => Err(DataError::new(format!("is not valid {} text", enc.name()))
                    .file(name)
                    .row(first_bad_row(&bytes, enc))
                    .hint("check the encoding the file was saved in (--encoding)")),
            }
        }
        Some(_) => Ok((bytes, true)),
        None => {
            // standard input is not read twice: settle GB18030 here
            if std::str::from_utf8(&bytes).is_err() && memchr::memchr(0, &bytes).is_none() {
                if let Some(text) =
                    encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(&bytes)
                {
                    if !opts.quiet {
                        eprintln!(
                            "prepost: note: {name} is not UTF-8; read it as GB18030 (GBK), the \
                             encoding of CSV files saved by Excel on Chinese Windows. If the \
                             text looks wrong, name the encoding with --encoding."
                        );
                    }
                    return Ok((text.into_owned().into_bytes(), true));
                }
            }
            Ok((bytes, true))
        }
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

/// Text in UTF-32 (by its byte-order mark), which no reader here decodes.
fn refuse_utf32(head: &[u8], name: &str) -> Result<(), DataError> {
    if head.starts_with(b"\xFF\xFE\x00\x00") || head.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(DataError::new("is text in UTF-32, which prepost does not read")
            .file(name)
            .hint("save the file as UTF-8 (or UTF-16) text, e.g. with a text editor's \"Save as\""));
    }
    Ok(())
}

/// A file named as a workbook whose bytes are not one: an Excel 97–2003 workbook starts with
/// the OLE signature, .xlsx, .xlsb and .ods with a ZIP header. Survey sites and old tools save
/// web pages (HTML) or text as ".xls"; the workbook reader's message would not say so.
fn check_workbook_bytes(path: &Path, name: &str) -> Result<(), DataError> {
    let mut head = [0u8; 512];
    let mut file = open(path, name)?;
    let n = read_up_to(&mut file, &mut head).map_err(|e| read_error(&e, name))?;
    let head = &head[..n];
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") || head.starts_with(b"PK\x03\x04") {
        return Ok(());
    }
    let text = String::from_utf8_lossy(head)
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    let is_html = text.starts_with('<')
        && ["<!doctype", "<html", "<table", "<?xml", "<meta", "<head"]
            .iter()
            .any(|t| text.starts_with(t));
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("xls")
        .to_string();
    if is_html {
        return Err(DataError::new(format!(
            "is named .{ext} but holds a web page (HTML), not a workbook"
        ))
        .file(name)
        .hint("open it in Excel or LibreOffice and save it as .xlsx or CSV, then give that file"));
    }
    // (the head may end inside a character)
    let utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    if memchr::memchr(0, head).is_none() && utf8 && n > 0 {
        return Err(DataError::new(format!(
            "is named .{ext} but holds text (a CSV or TSV file?), not a workbook"
        ))
        .file(name)
        .hint("rename it to .csv (or .tsv) and give it again"));
    }
    if n == 0 {
        return Err(DataError::new(format!("is empty, not a .{ext} workbook")).file(name));
    }
    Ok(())
}

/// A spreadsheet column's letters: 0 → A, 25 → Z, 26 → AA.
fn column_letters(mut col: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// One sheet of a workbook as CSV text, its rows where the sheet has them (empty rows become
/// blank lines, which the reader skips but counts), and the name messages give it
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
    // an empty cell may be a formula never calculated (a generated workbook): its value is not
    // in the file, and reading it as missing would change the results in silence
    // (a formula's cached value may be absent, `<f>…</f>`, or empty, `<v></v>`, as openpyxl
    // writes it: calamine reads the second as an empty text)
    let blank = |d: Option<&Data>| {
        matches!(d, None | Some(Data::Empty)) || matches!(d, Some(Data::String(t)) if t.is_empty())
    };
    if range.used_cells().count() < range.get_size().0 * range.get_size().1
        || range
            .used_cells()
            .any(|(_, _, d)| matches!(d, Data::String(t) if t.is_empty()))
    {
        if let Ok(formulas) = book.worksheet_formula(&sheet) {
            let uncalculated: Vec<(u32, u32)> = formulas
                .used_cells()
                .filter(|(_, _, f)| !f.is_empty())
                .map(|(r, c, _)| {
                    let start = formulas.start().unwrap_or((0, 0));
                    (start.0 + r as u32, start.1 + c as u32)
                })
                .filter(|&at| blank(range.get_value(at)))
                .collect();
            if let Some(&(row, col)) = uncalculated.first() {
                return Err(DataError::new(format!(
                    "{} cell{} hold{} a formula whose value was never calculated (first: {}{}, ={})",
                    uncalculated.len(),
                    if uncalculated.len() == 1 { "" } else { "s" },
                    if uncalculated.len() == 1 { "s" } else { "" },
                    column_letters(col),
                    row + 1,
                    formulas
                        .get_value((row, col))
                        .cloned()
                        .unwrap_or_default()
                ))
                .file(&shown)
                .row(u64::from(row) + 1)
                .hint("open the workbook in Excel or LibreOffice and save it (that calculates the formulas), or export the sheet as CSV"));
            }
        }
    }
    let mut out = Vec::with_capacity(range.get_size().0 * range.get_size().1 * 4);
    if let Some((first_row, _)) = range.start() {
        out.extend(std::iter::repeat_n(b'\n', first_row as usize));
    }
    for row in range.rows() {
        if row.iter().all(|c| {
            matches!(c, Data::Empty)
                || matches!(c, Data::String(t) if t.bytes().all(|b| b.is_ascii_whitespace()))
        }) {
            // an empty row: a blank line, which the reader skips but counts, so the rows
            // below keep the numbers the sheet shows
            out.push(b'\n');
            continue;
        }
        let fields = row.iter().map(|cell| match cell {
            Data::Empty => String::new(),
            Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            other => other.to_string(),
        });
        crate::io::frame_out::write_record(&mut out, fields, b',');
    }
    Ok((out, shown))
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

    fn text(s: &Source) -> Vec<u8> {
        let mut v = Vec::new();
        s.bytes().unwrap().read_to_end(&mut v).unwrap();
        v
    }

    #[test]
    fn utf8_files_are_read_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.tsv");
        std::fs::write(&p, "id\tx\n题\t3\n").unwrap();
        let s = Source::open(&p, &opts()).unwrap();
        assert!(matches!(s.text, Text::File(_)));
        assert_eq!((s.name.as_str(), s.delimiter), (p.to_str().unwrap(), b'\t'));
        assert_eq!(text(&s), "id\tx\n题\t3\n".as_bytes());
    }

    #[test]
    fn gbk_is_read_as_gb18030_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("gbk.csv");
        let (bytes, _, _) = encoding_rs::GBK.encode("编号,题1\nA01,3\n");
        std::fs::write(&p, &bytes).unwrap();
        let s = Source::open(&p, &opts()).unwrap();
        let g = s.as_gb18030().unwrap().unwrap();
        assert_eq!(text(&g), "编号,题1\nA01,3\n".as_bytes());
        assert_eq!(g.name, s.name);
        // a named encoding is settled: no second guess
        let named = Source::open(
            &p,
            &InputOptions {
                encoding: Some("gbk".into()),
                ..opts()
            },
        )
        .unwrap();
        assert_eq!(text(&named), "编号,题1\nA01,3\n".as_bytes());
        assert!(named.as_gb18030().unwrap().is_none());
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
        assert_eq!(text(&Source::open(&p, &opts()).unwrap()), b"id\tx\n1\t2\n");
        let p = dir.path().join("latin.csv");
        std::fs::write(&p, b"id,caf\xe9\n1,2\n").unwrap();
        let o = InputOptions {
            encoding: Some("windows-1252".into()),
            ..opts()
        };
        assert_eq!(
            text(&Source::open(&p, &o).unwrap()),
            "id,café\n1,2\n".as_bytes()
        );
        let e = Source::open(
            &p,
            &InputOptions {
                encoding: Some("klingon".into()),
                ..opts()
            },
        )
        .unwrap_err();
        assert!(e.message.contains("unknown encoding"));
        let e = Source::open(&dir.path().join("none.csv"), &opts()).unwrap_err();
        assert_eq!(
            e.hint.as_deref(),
            Some("check the path and the current directory")
        );
    }

    #[test]
    fn undecodable_bytes_with_a_named_encoding_name_the_row() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("y.csv");
        std::fs::write(&p, b"id,x\n1,\xff\xff\n").unwrap();
        let e = Source::open(
            &p,
            &InputOptions {
                encoding: Some("gbk".into()),
                ..opts()
            },
        )
        .unwrap_err();
        assert_eq!(e.row, Some(2));
        // not GB18030 either (0xFF never starts a GB18030 character)
        assert!(Source::open(&p, &opts())
            .unwrap()
            .as_gb18030()
            .unwrap()
            .is_none());
    }
}
