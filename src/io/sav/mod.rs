//! SPSS system files (`.sav`, `.zsav`), read from the documented format (GNU PSPP manual,
//! appendix "System File Format"), checked against R's `haven::read_sav` (haven 2.5.1,
//! ReadStat).
//!
//! - [`read`] / [`read_file`] give a [`SavFile`]: the variables in file order (long names,
//!   labels, numeric or string of a width, print format, user-missing values, value labels),
//!   the cases as typed columns (a number, `None` for the system-missing value; text without
//!   its trailing blanks), the file label, the encoding and what the file said about it.
//! - Text is decoded with `encoding_rs` from the file's encoding: the character encoding record
//!   (7.20) if present, else the code page of the machine integer record (7.3: 936 = GBK,
//!   65001 = UTF-8...), else windows-1252; [`ReadOptions::encoding`] overrides both.
//! - Data may be uncompressed, bytecode-compressed (`.sav`) or ZLIB-compressed (`.zsav`).
//! - [`SavFile::apply_user_missing`] turns user-missing values and ranges into missing cells
//!   and counts them per variable; [`Format::temporal`] and [`SavFile::iso_text`] render date
//!   and time variables as ISO text (as haven gives `Date`, `POSIXct` and `hms`).
//! - A damaged file is an error ([`SavError`]) that says what is wrong and at which byte or
//!   case, never a panic; no allocation is sized by a field of the file beyond what the file's
//!   length can hold.
//! - [`write`] writes an uncompressed file of numeric and short string variables with labels
//!   and the UTF-8 encoding record (readable by SPSS, PSPP and haven).

mod data;
mod dates;
mod dict;
mod text;
mod write;

pub use dates::{iso_date, iso_datetime, iso_time, SPSS_EPOCH_OFFSET_DAYS};
pub use text::{as_csv, AsCsv, UserMissing, ValueLabels};
pub use write::{spss_name, write, write_at, WriteColumn, WriteVariable};

use crate::error::DataError;
use encoding_rs::Encoding;
use std::fmt;
use std::path::Path;

/// The first four bytes of an uncompressed or bytecode-compressed system file.
pub const MAGIC_SAV: &[u8; 4] = b"$FL2";
/// The first four bytes of a ZLIB-compressed system file (`.zsav`).
pub const MAGIC_ZSAV: &[u8; 4] = b"$FL3";

/// Whether bytes start as an SPSS system file does (`$FL2` or `$FL3`), or as an encrypted
/// one (which [`read`] refuses with a message that says so).
pub fn is_sav(head: &[u8]) -> bool {
    head.starts_with(MAGIC_SAV) || head.starts_with(MAGIC_ZSAV) || is_encrypted(head)
}

/// An encrypted system file (SPSS 21+ "Save as encrypted"): 36 bytes of header holding
/// "ENCRYPTEDSAV" before the encrypted data.
fn is_encrypted(head: &[u8]) -> bool {
    head.len() >= 20 && &head[8..20] == b"ENCRYPTEDSAV"
}

/// A problem with a system file: what is wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavError {
    /// What is wrong, and what was expected.
    pub message: String,
    /// The byte offset in the file where the problem is, when one is known.
    pub offset: Option<u64>,
    /// The case (1-based) being read, for a problem in the data.
    pub case: Option<u64>,
    /// The variable concerned, when one is.
    pub variable: Option<String>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl SavError {
    pub(crate) fn new(message: impl Into<String>) -> SavError {
        SavError {
            message: message.into(),
            offset: None,
            case: None,
            variable: None,
            hint: None,
        }
    }

    pub(crate) fn at(mut self, offset: u64) -> SavError {
        self.offset = Some(offset);
        self
    }

    pub(crate) fn case(mut self, case: u64) -> SavError {
        self.case = Some(case);
        self
    }

    pub(crate) fn variable(mut self, name: impl Into<String>) -> SavError {
        self.variable = Some(name.into());
        self
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> SavError {
        self.hint = Some(hint.into());
        self
    }
}

impl SavError {
    /// As prepost's error for the file `file`: the case and byte in the message, the variable
    /// as the column, a hint for a damaged file where the reader gave none.
    pub fn into_data_error(self, file: &str) -> DataError {
        let mut place = Vec::new();
        if let Some(case) = self.case {
            place.push(format!("case {case}"));
        }
        if let Some(at) = self.offset {
            place.push(format!("byte {at}"));
        }
        let message = if place.is_empty() && self.message.starts_with("is ") {
            // "is an encrypted SPSS file ...": said of the file
            self.message
        } else if place.is_empty() {
            format!("cannot be read as an SPSS file: {}", self.message)
        } else {
            format!(
                "cannot be read as an SPSS file: {}: {}",
                place.join(", "),
                self.message
            )
        };
        let mut error = DataError::new(message).hint(self.hint.unwrap_or_else(|| {
            "the file may be damaged or cut short: open it in SPSS or PSPP and save it again, or \
             export the data as CSV"
                .to_string()
        }));
        if !file.is_empty() {
            error = error.file(file);
        }
        if let Some(v) = self.variable {
            error = error.column(v);
        }
        error
    }
}

impl fmt::Display for SavError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.clone().into_data_error(""))
    }
}

impl std::error::Error for SavError {}

/// How to read a file.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// The encoding of the file's text, whatever the file says (for a file that declares its
    /// encoding wrongly); None: as the file says.
    pub encoding: Option<&'static Encoding>,
}

/// How the case data are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    /// SPSS's bytecode compression (most `.sav` files).
    Bytecode,
    /// ZLIB blocks of bytecode (`.zsav`).
    Zlib,
}

/// Where the encoding of a file's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodingSource {
    /// [`ReadOptions::encoding`].
    Given,
    /// The character encoding record (7.20), with the name it gives.
    Record(String),
    /// The code page of the machine integer info record (7.3).
    CodePage(i32),
    /// Neither record says (or what they say is not an encoding known here): windows-1252.
    Default,
}

/// What a variable holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarKind {
    Numeric,
    /// Text of at most `width` bytes (in the file's encoding).
    Text {
        width: usize,
    },
}

/// A print format (`F8.2`, `DATE11`, `A20`): its type code, width and decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub type_code: u8,
    /// The width: a byte in the file; a string over 255 bytes shows its whole width (as
    /// haven does).
    pub width: u16,
    pub decimals: u8,
}

/// What kind of date or time a format shows (haven's mapping to `Date`, `POSIXct`, `hms`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Temporal {
    /// A date (seconds since 1582-10-14 that are whole days).
    Date,
    /// A date and time (seconds since 1582-10-14 00:00:00).
    DateTime,
    /// A duration or time of day (seconds).
    Time,
}

const FORMAT_NAMES: [(u8, &str); 37] = [
    (1, "A"),
    (2, "AHEX"),
    (3, "COMMA"),
    (4, "DOLLAR"),
    (5, "F"),
    (6, "IB"),
    (7, "PIBHEX"),
    (8, "P"),
    (9, "PIB"),
    (10, "PK"),
    (11, "RB"),
    (12, "RBHEX"),
    (15, "Z"),
    (16, "N"),
    (17, "E"),
    (20, "DATE"),
    (21, "TIME"),
    (22, "DATETIME"),
    (23, "ADATE"),
    (24, "JDATE"),
    (25, "DTIME"),
    (26, "WKDAY"),
    (27, "MONTH"),
    (28, "MOYR"),
    (29, "QYR"),
    (30, "WKYR"),
    (31, "PCT"),
    (32, "DOT"),
    (33, "CCA"),
    (34, "CCB"),
    (35, "CCC"),
    (36, "CCD"),
    (37, "CCE"),
    (38, "EDATE"),
    (39, "SDATE"),
    (40, "MTIME"),
    (41, "YMDHMS"),
];

impl Format {
    /// From the packed form of a variable record: type << 16 | width << 8 | decimals.
    pub fn from_packed(packed: i32) -> Format {
        let p = packed as u32;
        Format {
            type_code: (p >> 16) as u8,
            width: u16::from((p >> 8) as u8),
            decimals: p as u8,
        }
    }

    /// The packed form of a variable record (a width over 255 is written as 255).
    pub fn packed(&self) -> i32 {
        (u32::from(self.type_code) << 16
            | u32::from(self.width.min(255)) << 8
            | u32::from(self.decimals)) as i32
    }

    /// The format's name (`F`, `DATE`, `A`...); None for a type code SPSS does not define.
    pub fn name(&self) -> Option<&'static str> {
        FORMAT_NAMES
            .iter()
            .find(|(c, _)| *c == self.type_code)
            .map(|(_, n)| *n)
    }

    /// Whether a variable of this format holds dates or times, as haven 2.5.1 reads them:
    /// DATETIME → `POSIXct`; DATE, ADATE, EDATE, JDATE, SDATE → `Date`; TIME, DTIME → `hms`.
    /// Further: YMDHMS → date and time, MOYR, QYR, WKYR → date, MTIME → time (formats of
    /// SPSS 25+ and month/quarter/week years, which haven leaves as numbers).
    pub fn temporal(&self) -> Option<Temporal> {
        match self.name()? {
            "DATETIME" | "YMDHMS" => Some(Temporal::DateTime),
            "DATE" | "ADATE" | "EDATE" | "JDATE" | "SDATE" | "MOYR" | "QYR" | "WKYR" => {
                Some(Temporal::Date)
            }
            "TIME" | "DTIME" | "MTIME" => Some(Temporal::Time),
            _ => None,
        }
    }
}

/// As haven's `format.spss` attribute: `F8.2` (F always with its decimals, others when they
/// have decimals), `DATE11`, `A20`; an unknown type code shows as `?{code}`.
impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.name() {
            Some(n) => n.to_string(),
            None => format!("?{}", self.type_code),
        };
        if self.decimals > 0 || self.type_code == 5 {
            write!(f, "{name}{}.{}", self.width, self.decimals)
        } else if self.width > 0 {
            write!(f, "{name}{}", self.width)
        } else {
            write!(f, "{name}")
        }
    }
}

/// The user-missing values of a variable.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Missing {
    #[default]
    None,
    /// Up to three numbers.
    Values(Vec<f64>),
    /// A range (LO and HI are the infinities), and perhaps one more number.
    Range {
        low: f64,
        high: f64,
        value: Option<f64>,
    },
    /// Up to three strings (without trailing blanks).
    Strings(Vec<String>),
}

impl Missing {
    /// Whether a number is user-missing (inclusive range, as SPSS and haven).
    pub fn is_missing_number(&self, v: f64) -> bool {
        match self {
            Missing::Values(values) => values.contains(&v),
            Missing::Range { low, high, value } => {
                (*low <= v && v <= *high) || value.is_some_and(|x| x == v)
            }
            Missing::None | Missing::Strings(_) => false,
        }
    }

    /// Whether a string (without trailing blanks) is user-missing.
    pub fn is_missing_text(&self, s: &str) -> bool {
        match self {
            Missing::Strings(values) => values.iter().any(|m| m == s),
            _ => false,
        }
    }
}

/// A value a label is attached to.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    /// Without trailing blanks.
    Text(String),
}

/// One variable of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    /// The name (the long name of record 7.13 when there is one).
    pub name: String,
    /// The short name of the variable record (at most 8 bytes).
    pub short_name: String,
    /// The variable label.
    pub label: Option<String>,
    pub kind: VarKind,
    /// The print format.
    pub format: Format,
    /// The user-missing values.
    pub missing: Missing,
    /// Value labels, in file order.
    pub value_labels: Vec<(Value, String)>,
}

impl Variable {
    /// The label of a value, if it has one.
    pub fn label_of(&self, value: &Value) -> Option<&str> {
        self.value_labels
            .iter()
            .find(|(v, _)| v == value)
            .map(|(_, l)| l.as_str())
    }
}

/// The cells of one variable, one per case.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// None: the system-missing value (or, after [`SavFile::apply_user_missing`], a
    /// user-missing one).
    Numbers(Vec<Option<f64>>),
    /// Text without its trailing blanks; None only after [`SavFile::apply_user_missing`].
    Texts(Vec<Option<String>>),
}

impl Column {
    pub fn len(&self) -> usize {
        match self {
            Column::Numbers(v) => v.len(),
            Column::Texts(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Number(Option<f64>),
    Text(Option<&'a str>),
}

/// A system file read.
#[derive(Debug, Clone, PartialEq)]
pub struct SavFile {
    /// The variables, in file order.
    pub variables: Vec<Variable>,
    /// The cells of each variable (same order), each `n_cases` long.
    pub columns: Vec<Column>,
    pub n_cases: usize,
    /// The file label (header), if not blank.
    pub file_label: Option<String>,
    /// The encoding the text was decoded from, and where it came from.
    pub encoding: &'static Encoding,
    pub encoding_source: EncodingSource,
    pub compression: Compression,
    /// The product that wrote the file (header, "@(#) IBM SPSS STATISTICS ...").
    pub product: String,
    /// The creation date and time of the header ("05 Jan 11 20:53:52").
    pub created: String,
    /// The lines of the document record (type 6), without trailing blanks.
    pub documents: Vec<String>,
    /// The weight variable (an index into `variables`).
    pub weight: Option<usize>,
    /// What was read in a way worth saying (an encoding the file did not name correctly,
    /// bytes that are not text in it...), for a note to the user.
    pub notes: Vec<String>,
}

impl SavFile {
    /// The position of a variable by name (exact, then ignoring ASCII case as SPSS does).
    pub fn position(&self, name: &str) -> Option<usize> {
        self.variables
            .iter()
            .position(|v| v.name == name)
            .or_else(|| {
                self.variables
                    .iter()
                    .position(|v| v.name.eq_ignore_ascii_case(name))
            })
    }

    /// The cell of a case (0-based) and a variable; None outside the table.
    pub fn cell(&self, case: usize, var: usize) -> Option<Cell<'_>> {
        match self.columns.get(var)? {
            Column::Numbers(v) => v.get(case).map(|x| Cell::Number(*x)),
            Column::Texts(v) => v.get(case).map(|x| Cell::Text(x.as_deref())),
        }
    }

    /// The cells of a case (0-based), in variable order.
    pub fn row(&self, case: usize) -> impl Iterator<Item = Cell<'_>> + '_ {
        (0..self.columns.len()).filter_map(move |var| self.cell(case, var))
    }

    /// Makes every user-missing value a missing cell (None), as `haven::read_sav(user_na =
    /// FALSE)`; returns how many cells became missing, per variable.
    pub fn apply_user_missing(&mut self) -> Vec<usize> {
        self.variables
            .iter()
            .zip(self.columns.iter_mut())
            .map(|(var, column)| {
                let mut n = 0;
                match column {
                    Column::Numbers(cells) => {
                        if matches!(var.missing, Missing::Values(_) | Missing::Range { .. }) {
                            for cell in cells.iter_mut() {
                                if cell.is_some_and(|v| var.missing.is_missing_number(v)) {
                                    *cell = None;
                                    n += 1;
                                }
                            }
                        }
                    }
                    Column::Texts(cells) => {
                        if matches!(var.missing, Missing::Strings(_)) {
                            for cell in cells.iter_mut() {
                                if cell
                                    .as_deref()
                                    .is_some_and(|s| var.missing.is_missing_text(s))
                                {
                                    *cell = None;
                                    n += 1;
                                }
                            }
                        }
                    }
                }
                n
            })
            .collect()
    }

    /// A date or time variable's cells as ISO text ("2024-03-01", "2024-03-01 08:30:15",
    /// "27:30:00"); None for a variable whose format is not a date or time (see
    /// [`Format::temporal`]); a missing cell is None (see [`iso_date`] for the range).
    pub fn iso_text(&self, var: usize) -> Option<Vec<Option<String>>> {
        let kind = self.variables.get(var)?.format.temporal()?;
        let Column::Numbers(cells) = self.columns.get(var)? else {
            return None;
        };
        let render = match kind {
            Temporal::Date => iso_date,
            Temporal::DateTime => iso_datetime,
            Temporal::Time => iso_time,
        };
        Some(cells.iter().map(|c| c.and_then(render)).collect())
    }
}

/// Reads a system file from its bytes.
pub fn read(bytes: &[u8], options: &ReadOptions) -> Result<SavFile, SavError> {
    if is_encrypted(bytes) {
        return Err(SavError::new(
            "is an encrypted SPSS file (saved with a password), which cannot be read without SPSS",
        )
        .hint("open it in SPSS and save it again without encryption (File > Save As, clear \"Encrypt file with password\")"));
    }
    let dict = dict::parse(bytes)?;
    let mut notes = Vec::new();
    let (encoding, encoding_source) = choose_encoding(&dict, options, &mut notes);
    let text = Decoder::new(encoding);
    let cooked = dict::cook(&dict, &text, &mut notes)?;
    let columns = data::read_cases(bytes, &dict, &cooked, &text)?;
    let n_cases = columns.first().map_or(0, Column::len);
    let bad = text.replaced.get();
    if bad > 0 {
        notes.push(format!(
            "{bad} piece{} of text held bytes that are not {} text; each bad sequence was replaced \
             by U+FFFD (give the encoding if the text looks wrong)",
            if bad == 1 { "" } else { "s" },
            encoding.name()
        ));
    }
    Ok(SavFile {
        variables: cooked.variables,
        columns,
        n_cases,
        file_label: cooked.file_label,
        encoding,
        encoding_source,
        compression: dict.header.compression,
        product: cooked.product,
        created: cooked.created,
        documents: cooked.documents,
        weight: cooked.weight,
        notes,
    })
}

/// Reads a system file.
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<SavFile, SavError> {
    let bytes =
        std::fs::read(path).map_err(|e| SavError::new(format!("cannot read the file: {e}")))?;
    read(&bytes, options)
}

/// The file's encoding: given, else from record 7.20, else from the code page of 7.3, else
/// windows-1252.
fn choose_encoding(
    dict: &dict::Dictionary,
    options: &ReadOptions,
    notes: &mut Vec<String>,
) -> (&'static Encoding, EncodingSource) {
    if let Some(e) = options.encoding {
        return (e, EncodingSource::Given);
    }
    if let Some(name) = &dict.encoding_name {
        match encoding_for_name(name) {
            Some(e) => return (e, EncodingSource::Record(name.clone())),
            None => notes.push(format!(
                "the file names its encoding \"{name}\", which is not an encoding known here"
            )),
        }
    }
    if let Some(code) = dict.character_code {
        match encoding_for_code_page(code) {
            Some(e) => return (e, EncodingSource::CodePage(code)),
            None => notes.push(format!(
                "the file gives its code page as {code}, which is not one known here"
            )),
        }
    }
    if !notes.is_empty() {
        notes
            .push("its text was read as windows-1252 (give the encoding if it looks wrong)".into());
    }
    (encoding_rs::WINDOWS_1252, EncodingSource::Default)
}

/// The encoding of a Windows code page number, as record 7.3 gives it (the table of
/// ReadStat/haven and PSPP, for the code pages `encoding_rs` decodes).
pub fn encoding_for_code_page(code: i32) -> Option<&'static Encoding> {
    use encoding_rs::*;
    Some(match code {
        // 2 and 3 are "ASCII" and "ISO 8859-1" in SPSS's documentation; files with them hold
        // windows-1252 text (ReadStat reads both as windows-1252)
        2 | 3 | 1252 | 20127 | 28591 => WINDOWS_1252,
        65001 => UTF_8,
        936 | 51936 => GBK,
        54936 => GB18030,
        950 => BIG5,
        932 => SHIFT_JIS,
        949 | 51949 => EUC_KR,
        20932 | 51932 => EUC_JP,
        50220..=50222 => ISO_2022_JP,
        866 => IBM866,
        874 => WINDOWS_874,
        1250 => WINDOWS_1250,
        1251 => WINDOWS_1251,
        1253 => WINDOWS_1253,
        1254 => WINDOWS_1254,
        1255 => WINDOWS_1255,
        1256 => WINDOWS_1256,
        1257 => WINDOWS_1257,
        1258 => WINDOWS_1258,
        10000 => MACINTOSH,
        10007 | 10017 => X_MAC_CYRILLIC,
        20866 => KOI8_R,
        21866 => KOI8_U,
        28592 => ISO_8859_2,
        28593 => ISO_8859_3,
        28594 => ISO_8859_4,
        28595 => ISO_8859_5,
        28596 => ISO_8859_6,
        28597 => ISO_8859_7,
        28598 => ISO_8859_8,
        28599 => WINDOWS_1254,
        28603 => ISO_8859_13,
        28605 => ISO_8859_15,
        // (1200 and 1201, UTF-16, are not read: SPSS writes no such files, and blanks padding
        // UTF-16 text would not be one byte each)
        _ => return None,
    })
}

/// The encoding of a name as record 7.20 gives it ("UTF-8", "GBK", "windows-1252", "CP936",
/// "ISO-8859-1"...): a WHATWG label, or a code page written `CPnnn`, `windows-nnn`, `MSnnn`
/// or `IBMnnn`.
pub fn encoding_for_name(name: &str) -> Option<&'static Encoding> {
    let name = name.trim_matches(|c: char| c.is_whitespace() || c == '\0');
    if let Some(e) = Encoding::for_label(name.as_bytes()) {
        // (UTF-16 is not read, as for code pages 1200 and 1201)
        return (e != encoding_rs::UTF_16LE && e != encoding_rs::UTF_16BE).then_some(e);
    }
    let lower = name.to_ascii_lowercase();
    if lower == "utf8" {
        return Some(encoding_rs::UTF_8);
    }
    let digits = ["cp", "windows-", "ms", "ibm", "ibm-", "x-windows-"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    encoding_for_code_page(digits.parse().ok()?)
}

/// Decodes the text of a file: trailing blanks and NUL bytes off, NUL bytes inside dropped
/// (as haven does for UTF-8 files), an incomplete character at the end dropped (a string cut
/// by its width: what iconv does in haven), other bytes that are not text in the encoding
/// replaced by U+FFFD and counted.
pub(crate) struct Decoder {
    encoding: &'static Encoding,
    replaced: std::cell::Cell<usize>,
}

impl Decoder {
    pub(crate) fn new(encoding: &'static Encoding) -> Decoder {
        Decoder {
            encoding,
            replaced: std::cell::Cell::new(0),
        }
    }

    pub(crate) fn text(&self, raw: &[u8]) -> String {
        let mut end = raw.len();
        while end > 0 && (raw[end - 1] == b' ' || raw[end - 1] == 0) {
            end -= 1;
        }
        let raw = &raw[..end];
        if raw.is_ascii() && !raw.contains(&0) && self.encoding.is_ascii_compatible() {
            return raw.iter().map(|&b| b as char).collect();
        }
        let owned;
        let raw = if raw.contains(&0) {
            owned = raw.iter().copied().filter(|&b| b != 0).collect::<Vec<u8>>();
            &owned[..]
        } else {
            raw
        };
        let mut decoder = self.encoding.new_decoder_without_bom_handling();
        let mut out = String::with_capacity(raw.len() * 3 / 2 + 4);
        let mut src = raw;
        loop {
            let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, false);
            src = &src[read..];
            match result {
                encoding_rs::DecoderResult::InputEmpty => break,
                encoding_rs::DecoderResult::OutputFull => {
                    out.reserve(src.len() * 3 + 16);
                }
                encoding_rs::DecoderResult::Malformed(_, _) => {
                    out.push('\u{fffd}');
                    self.replaced.set(self.replaced.get() + 1);
                }
            }
        }
        // the decoder may hold the start of a character the bytes end inside: left out
        out
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod haven;
