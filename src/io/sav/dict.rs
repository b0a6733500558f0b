//! The dictionary of a system file: the header and the records before the data, read as
//! bytes ([`parse`]), then decoded into variables ([`cook`]) once the encoding is known (the
//! records that say it come after the variable records).
//!
//! Every read is checked against the bytes left, so a count or a length in the file can never
//! make an allocation larger than the file.

use super::{
    Compression, Decoder, Format, Missing, SavError, Value, VarKind, Variable, MAGIC_SAV,
    MAGIC_ZSAV,
};

/// The system-missing value, and HIGHEST and LOWEST, as SPSS writes them (record 7.4 may say
/// otherwise).
pub(crate) const SYSMIS_BITS: u64 = 0xFFEF_FFFF_FFFF_FFFF;
pub(crate) const HIGHEST_BITS: u64 = 0x7FEF_FFFF_FFFF_FFFF;
pub(crate) const LOWEST_BITS: u64 = 0xFFEF_FFFF_FFFF_FFFE;

/// The length of the file header.
const HEADER_LEN: usize = 176;

/// Reads numbers in the file's byte order, checking that the bytes are there.
pub(crate) struct Cursor<'a> {
    pub(crate) buf: &'a [u8],
    pub(crate) pos: usize,
    pub(crate) big: bool,
}

impl<'a> Cursor<'a> {
    pub(crate) fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// The next `n` bytes, or an error naming `what` was being read.
    pub(crate) fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], SavError> {
        if n > self.remaining() {
            return Err(SavError::new(format!(
                "the file ends inside {what}, which needs {n} bytes where {} are left (the file \
                 is truncated or damaged)",
                self.remaining()
            ))
            .at(self.pos as u64)
            .hint(TRUNCATED_HINT));
        }
        let out = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }

    pub(crate) fn i32(&mut self, what: &str) -> Result<i32, SavError> {
        let b = self.take(4, what)?;
        Ok(i32_of(b, self.big))
    }

    pub(crate) fn bytes8(&mut self, what: &str) -> Result<[u8; 8], SavError> {
        let b = self.take(8, what)?;
        let mut out = [0u8; 8];
        out.copy_from_slice(b);
        Ok(out)
    }

    /// A count that must be at least 0, and at most what the bytes left can hold at `each`
    /// bytes per item.
    fn count(&mut self, what: &str, each: usize) -> Result<usize, SavError> {
        let at = self.pos as u64;
        let n = self.i32(what)?;
        if n < 0 {
            return Err(SavError::new(format!("{what} is {n}, a negative count")).at(at));
        }
        let n = n as usize;
        if n.saturating_mul(each) > self.remaining() {
            return Err(SavError::new(format!(
                "{what} is {n}, more than the {} bytes left in the file can hold (the file is \
                 truncated or damaged)",
                self.remaining()
            ))
            .at(at)
            .hint(TRUNCATED_HINT));
        }
        Ok(n)
    }
}

pub(crate) const TRUNCATED_HINT: &str =
    "the file may have been cut short (an incomplete download or copy): get the whole file again, \
     or save it again from SPSS";

pub(crate) fn i32_of(b: &[u8], big: bool) -> i32 {
    let a = [b[0], b[1], b[2], b[3]];
    if big {
        i32::from_be_bytes(a)
    } else {
        i32::from_le_bytes(a)
    }
}

pub(crate) fn u64_of(b: &[u8], big: bool) -> u64 {
    let a = [b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]];
    if big {
        u64::from_be_bytes(a)
    } else {
        u64::from_le_bytes(a)
    }
}

/// The file header.
pub(crate) struct Header<'a> {
    pub(crate) big: bool,
    pub(crate) compression: Compression,
    /// None: not given (-1).
    pub(crate) n_cases: Option<u64>,
    pub(crate) bias: f64,
    /// 1-based slot of the weight variable.
    pub(crate) weight_slot: Option<usize>,
    product: &'a [u8],
    date: &'a [u8],
    time: &'a [u8],
    label: &'a [u8],
}

/// A variable record (type 2) and the continuation records after it.
pub(crate) struct RawVar<'a> {
    /// Where the record starts.
    at: u64,
    /// 0: numeric; 1..=255: string.
    width: usize,
    /// 0-based index of its first 8-byte slot in a case.
    first_slot: usize,
    n_slots: usize,
    name: &'a [u8],
    label: Option<&'a [u8]>,
    n_missing: i32,
    missing: Vec<[u8; 8]>,
    print: i32,
}

/// A value labels record (type 3) and its variables record (type 4).
pub(crate) struct RawLabels<'a> {
    at: u64,
    entries: Vec<([u8; 8], &'a [u8])>,
    /// 1-based slot indexes.
    slots: Vec<i32>,
}

/// The dictionary as bytes.
pub(crate) struct Dictionary<'a> {
    pub(crate) header: Header<'a>,
    vars: Vec<RawVar<'a>>,
    pub(crate) n_slots: usize,
    labels: Vec<RawLabels<'a>>,
    documents: Vec<&'a [u8]>,
    pub(crate) character_code: Option<i32>,
    pub(crate) encoding_name: Option<String>,
    pub(crate) sysmis: u64,
    highest: u64,
    lowest: u64,
    long_names: Option<(u64, &'a [u8])>,
    very_long: Option<(u64, &'a [u8])>,
    long_labels: Vec<(u64, &'a [u8])>,
    long_missing: Vec<(u64, &'a [u8])>,
    /// The case count of record 7.16, used when the header gives none.
    n_cases_64: Option<u64>,
    /// Where the data start.
    pub(crate) data_start: usize,
}

impl Dictionary<'_> {
    /// The number of cases the file declares, if it does.
    pub(crate) fn declared_cases(&self) -> Option<u64> {
        self.header.n_cases.or(self.n_cases_64)
    }

    /// The bit patterns a number is missing with in the data: the system-missing value, and
    /// LOWEST and HIGHEST (which haven reads as missing too).
    pub(crate) fn missing_bits(&self) -> [u64; 3] {
        [self.sysmis, self.lowest, self.highest]
    }
}

/// How the cells of a variable lie in a case.
#[derive(Debug, Clone)]
pub(crate) enum VarLayout {
    Numeric,
    /// The slots of each segment (one segment, or several for a string over 255 bytes).
    Text {
        segments: Vec<usize>,
    },
}

/// The dictionary decoded.
pub(crate) struct Cooked {
    pub(crate) variables: Vec<Variable>,
    pub(crate) layout: Vec<VarLayout>,
    pub(crate) file_label: Option<String>,
    pub(crate) product: String,
    pub(crate) created: String,
    pub(crate) documents: Vec<String>,
    pub(crate) weight: Option<usize>,
}

fn header(buf: &[u8]) -> Result<Header<'_>, SavError> {
    let magic = buf.get(..4).unwrap_or(buf);
    if magic != MAGIC_SAV && magic != MAGIC_ZSAV {
        let shown: String = magic
            .iter()
            .map(|&b| {
                if b.is_ascii_graphic() {
                    (b as char).to_string()
                } else {
                    format!("\\x{b:02X}")
                }
            })
            .collect();
        return Err(SavError::new(format!(
            "is not an SPSS system file: it starts with \"{shown}\", not \"$FL2\" or \"$FL3\""
        ))
        .at(0)
        .hint(
            "an SPSS data file (.sav, .zsav) starts with $FL2 or $FL3; a portable file (.por) \
             must be saved as .sav in SPSS or PSPP first",
        ));
    }
    if buf.len() < HEADER_LEN {
        return Err(SavError::new(format!(
            "the file ends at byte {} inside its {HEADER_LEN}-byte header",
            buf.len()
        ))
        .at(buf.len() as u64)
        .hint(TRUNCATED_HINT));
    }
    let big = match (
        i32::from_le_bytes([buf[64], buf[65], buf[66], buf[67]]),
        i32::from_be_bytes([buf[64], buf[65], buf[66], buf[67]]),
    ) {
        (2 | 3, _) => false,
        (_, 2 | 3) => true,
        (le, _) => {
            return Err(SavError::new(format!(
                "the header is damaged: its layout code is {le}, where a system file has 2 or 3"
            ))
            .at(64))
        }
    };
    let int = |at: usize| i32_of(&buf[at..at + 4], big);
    let compression = match int(72) {
        0 => Compression::None,
        1 => Compression::Bytecode,
        2 => Compression::Zlib,
        c => {
            return Err(SavError::new(format!(
                "the header is damaged: its compression code is {c}, where a system file has 0, \
                 1 or 2"
            ))
            .at(72))
        }
    };
    let weight = int(76);
    if weight < 0 {
        return Err(SavError::new(format!(
            "the header is damaged: its weight variable index is {weight}"
        ))
        .at(76));
    }
    let n_cases = match int(80) {
        -1 => None,
        n if n >= 0 => Some(n as u64),
        n => {
            return Err(SavError::new(format!(
                "the header is damaged: its number of cases is {n} (a count, or -1 when unknown)"
            ))
            .at(80))
        }
    };
    let bias = f64::from_bits(u64_of(&buf[84..92], big));
    Ok(Header {
        big,
        compression,
        n_cases,
        bias,
        weight_slot: (weight > 0).then_some(weight as usize),
        product: &buf[4..64],
        date: &buf[92..101],
        time: &buf[101..109],
        label: &buf[109..173],
    })
}

/// Reads the header and the dictionary records, up to the start of the data.
pub(crate) fn parse(buf: &[u8]) -> Result<Dictionary<'_>, SavError> {
    let header = header(buf)?;
    let mut cur = Cursor {
        buf,
        pos: HEADER_LEN,
        big: header.big,
    };
    let mut dict = Dictionary {
        header,
        vars: Vec::new(),
        n_slots: 0,
        labels: Vec::new(),
        documents: Vec::new(),
        character_code: None,
        encoding_name: None,
        sysmis: SYSMIS_BITS,
        highest: HIGHEST_BITS,
        lowest: LOWEST_BITS,
        long_names: None,
        very_long: None,
        long_labels: Vec::new(),
        long_missing: Vec::new(),
        n_cases_64: None,
        data_start: 0,
    };
    loop {
        let at = cur.pos as u64;
        if cur.remaining() == 0 {
            return Err(SavError::new(
                "the file ends before the end of its dictionary (record 999) and its data",
            )
            .at(at)
            .hint(TRUNCATED_HINT));
        }
        match cur.i32("a record type")? {
            2 => variable_record(&mut cur, &mut dict, at)?,
            3 => value_labels(&mut cur, &mut dict, at)?,
            4 => {
                return Err(SavError::new(
                    "the dictionary is damaged: a value label variables record (type 4) without \
                     value labels (type 3) before it",
                )
                .at(at))
            }
            6 => {
                let n = cur.count("the number of document lines", 80)?;
                for _ in 0..n {
                    dict.documents.push(cur.take(80, "a document line")?);
                }
            }
            7 => extension(&mut cur, &mut dict, at)?,
            999 => {
                cur.i32("the dictionary termination record")?;
                break;
            }
            t => {
                return Err(SavError::new(format!(
                    "the dictionary is damaged: a record of type {t}, where a system file has \
                     types 2, 3, 4, 6, 7 and 999"
                ))
                .at(at))
            }
        }
    }
    check_continuations(&dict, cur.pos as u64)?;
    if dict.vars.is_empty() {
        return Err(SavError::new("the file has no variables").at(HEADER_LEN as u64));
    }
    dict.data_start = cur.pos;
    Ok(dict)
}

fn variable_record<'a>(
    cur: &mut Cursor<'a>,
    dict: &mut Dictionary<'a>,
    at: u64,
) -> Result<(), SavError> {
    let width = cur.i32("a variable record")?;
    let has_label = cur.i32("a variable record")?;
    let n_missing = cur.i32("a variable record")?;
    let print = cur.i32("a variable record")?;
    let _write = cur.i32("a variable record")?;
    let name = cur.take(8, "a variable record")?;
    let shown = String::from_utf8_lossy(name).trim_end().to_string();
    let label = match has_label {
        0 => None,
        1 => {
            let len_at = cur.pos as u64;
            let len = cur.i32("the length of a variable label")?;
            if len < 0 {
                return Err(SavError::new(format!(
                    "the variable label's length is {len}, a negative length"
                ))
                .at(len_at)
                .variable(shown));
            }
            let len = len as usize;
            let padded = len.div_ceil(4) * 4;
            Some(&cur.take(padded, "a variable label")?[..len])
        }
        other => {
            return Err(SavError::new(format!(
                "the variable record is damaged: its label flag is {other}, where 0 or 1 is \
                 expected"
            ))
            .at(at + 8)
            .variable(shown))
        }
    };
    let valid_missing = match width {
        0 => matches!(n_missing, -3 | -2 | 0..=3),
        _ => (0..=3).contains(&n_missing),
    };
    if !valid_missing {
        return Err(SavError::new(format!(
            "the variable record is damaged: it gives {n_missing} as its number of missing values"
        ))
        .at(at + 12)
        .variable(shown));
    }
    let mut missing = Vec::new();
    for _ in 0..n_missing.unsigned_abs() {
        missing.push(cur.bytes8("the missing values of a variable")?);
    }
    match width {
        -1 => {
            // a continuation of the string before: one more slot of it
            let needed = dict.vars.last().map_or(0, |v| v.width.div_ceil(8).max(1));
            match dict.vars.last_mut() {
                Some(v) if v.width > 0 && v.n_slots < needed => {
                    v.n_slots += 1;
                    dict.n_slots += 1;
                }
                _ => {
                    return Err(SavError::new(
                        "the dictionary is damaged: a continuation record (a string's further \
                         8 bytes) that continues no string",
                    )
                    .at(at))
                }
            }
        }
        0..=255 => {
            check_continuations(dict, at)?;
            dict.vars.push(RawVar {
                at,
                width: width as usize,
                first_slot: dict.n_slots,
                n_slots: 1,
                name,
                label,
                n_missing,
                missing,
                print,
            });
            dict.n_slots += 1;
        }
        w => {
            return Err(SavError::new(format!(
                "the variable record is damaged: it gives the width {w}, where 0 (numeric), 1 to \
                 255 (string) or -1 (continuation) is expected"
            ))
            .at(at + 4)
            .variable(shown))
        }
    }
    Ok(())
}

/// The last string variable has all its continuation records.
fn check_continuations(dict: &Dictionary, at: u64) -> Result<(), SavError> {
    if let Some(v) = dict.vars.last() {
        let needed = v.width.div_ceil(8).max(1);
        if v.n_slots != needed {
            return Err(SavError::new(format!(
                "the dictionary is damaged: a string variable of width {} needs {} continuation \
                 records after its record (at byte {}), and has {}",
                v.width,
                needed - 1,
                v.at,
                v.n_slots - 1
            ))
            .at(at)
            .variable(String::from_utf8_lossy(v.name).trim_end()));
        }
    }
    Ok(())
}

fn value_labels<'a>(
    cur: &mut Cursor<'a>,
    dict: &mut Dictionary<'a>,
    at: u64,
) -> Result<(), SavError> {
    // each label takes at least 16 bytes: the value, the length, the label padded to 8
    let n = cur.count("the number of value labels", 16)?;
    let mut entries = Vec::with_capacity(n);
    for _ in 0..n {
        let value = cur.bytes8("a value label")?;
        let len = cur.take(1, "a value label")?[0] as usize;
        let padded = (len + 1).div_ceil(8) * 8 - 1;
        let label = &cur.take(padded, "a value label")?[..len];
        entries.push((value, label));
    }
    let vars_at = cur.pos as u64;
    let rec = cur.i32("the variables of value labels (record type 4)")?;
    if rec != 4 {
        return Err(SavError::new(format!(
            "the dictionary is damaged: the value labels at byte {at} are followed by a record \
             of type {rec}, not by the record of their variables (type 4)"
        ))
        .at(vars_at));
    }
    let count = cur.count("the number of variables with value labels", 4)?;
    let mut slots = Vec::with_capacity(count);
    for _ in 0..count {
        slots.push(cur.i32("the variables of value labels")?);
    }
    dict.labels.push(RawLabels { at, entries, slots });
    Ok(())
}

fn extension<'a>(cur: &mut Cursor<'a>, dict: &mut Dictionary<'a>, at: u64) -> Result<(), SavError> {
    let subtype = cur.i32("an extension record")?;
    let size = cur.i32("an extension record")?;
    let count = cur.i32("an extension record")?;
    if size < 0 || count < 0 {
        return Err(SavError::new(format!(
            "the extension record (subtype {subtype}) is damaged: it gives {count} items of {size} \
             bytes"
        ))
        .at(at));
    }
    let len = (size as usize).saturating_mul(count as usize);
    if len > cur.remaining() {
        return Err(SavError::new(format!(
            "the extension record (subtype {subtype}) declares {len} bytes, more than the {} \
             left in the file (the file is truncated or damaged)",
            cur.remaining()
        ))
        .at(at)
        .hint(TRUNCATED_HINT));
    }
    let data_at = cur.pos as u64;
    let data = cur.take(len, "an extension record")?;
    let big = cur.big;
    match subtype {
        3 if size == 4 && count == 8 => dict.character_code = Some(i32_of(&data[28..32], big)),
        4 if size == 8 && count == 3 => {
            dict.sysmis = u64_of(&data[0..8], big);
            dict.highest = u64_of(&data[8..16], big);
            dict.lowest = u64_of(&data[16..24], big);
        }
        13 => dict.long_names = Some((data_at, data)),
        14 => dict.very_long = Some((data_at, data)),
        16 if size == 8 && count == 2 => {
            let n = u64_of(&data[8..16], big) as i64;
            if n >= 0 {
                dict.n_cases_64 = Some(n as u64);
            }
        }
        20 => {
            let name = String::from_utf8_lossy(data)
                .trim_matches(|c: char| c.is_whitespace() || c == '\0')
                .to_string();
            if !name.is_empty() {
                dict.encoding_name = Some(name);
            }
        }
        21 => dict.long_labels.push((data_at, data)),
        22 => dict.long_missing.push((data_at, data)),
        _ => {}
    }
    Ok(())
}

/// A number of the file (in its byte order) as read: LOWEST and HIGHEST are the infinities,
/// the system-missing value is NaN.
fn number(raw: &[u8; 8], dict: &Dictionary) -> f64 {
    let bits = u64_of(raw, dict.header.big);
    if bits == dict.sysmis {
        f64::NAN
    } else if bits == dict.lowest {
        f64::NEG_INFINITY
    } else if bits == dict.highest {
        f64::INFINITY
    } else {
        f64::from_bits(bits)
    }
}

/// Splits `KEY=VALUE` pairs of records 7.13 and 7.14 (separated by tabs; 7.14 ends each
/// pair with a NUL too).
fn pairs(data: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    data.split(|&b| b == b'\t').filter_map(|pair| {
        let pair = trim_bytes(pair);
        let eq = pair.iter().position(|&b| b == b'=')?;
        Some((trim_bytes(&pair[..eq]), trim_bytes(&pair[eq + 1..])))
    })
}

fn trim_bytes(mut b: &[u8]) -> &[u8] {
    while let [rest @ .., last] = b {
        if *last == 0 || last.is_ascii_whitespace() {
            b = rest;
        } else {
            break;
        }
    }
    while let [first, rest @ ..] = b {
        if *first == 0 || first.is_ascii_whitespace() {
            b = rest;
        } else {
            break;
        }
    }
    b
}

/// A variable being built: its raw records, and its segments.
struct Building<'a> {
    raw: &'a RawVar<'a>,
    var: Variable,
    segments: Vec<usize>,
}

/// Decodes the dictionary into variables.
pub(crate) fn cook(
    dict: &Dictionary,
    text: &Decoder,
    notes: &mut Vec<String>,
) -> Result<Cooked, SavError> {
    let mut vars: Vec<Building> = dict
        .vars
        .iter()
        .map(|raw| {
            let short_name = text.text(raw.name);
            let kind = if raw.width == 0 {
                VarKind::Numeric
            } else {
                VarKind::Text { width: raw.width }
            };
            let missing = match (kind, raw.n_missing) {
                (_, 0) => Missing::None,
                (VarKind::Numeric, n) if n > 0 => {
                    Missing::Values(raw.missing.iter().map(|m| number(m, dict)).collect())
                }
                (VarKind::Numeric, n) => Missing::Range {
                    low: number(&raw.missing[0], dict),
                    high: number(&raw.missing[1], dict),
                    value: (n == -3).then(|| number(&raw.missing[2], dict)),
                },
                (VarKind::Text { .. }, _) => {
                    Missing::Strings(raw.missing.iter().map(|m| text.text(m)).collect())
                }
            };
            Building {
                raw,
                var: Variable {
                    name: short_name.clone(),
                    short_name,
                    label: raw.label.map(|l| text.text(l)).filter(|l| !l.is_empty()),
                    kind,
                    format: Format::from_packed(raw.print),
                    missing,
                    value_labels: Vec::new(),
                },
                segments: vec![raw.n_slots],
            }
        })
        .collect();

    // value labels (records 3 and 4), by the slot of each variable's first segment
    for set in &dict.labels {
        for &slot in &set.slots {
            let Some(v) = vars
                .iter_mut()
                .find(|v| slot >= 1 && v.raw.first_slot == (slot - 1) as usize)
            else {
                notes.push(format!(
                    "value labels (at byte {}) name variable position {slot}, where no variable \
                     starts; they were left out",
                    set.at
                ));
                continue;
            };
            for (value, label) in &set.entries {
                let value = match v.var.kind {
                    VarKind::Numeric => {
                        Value::Number(f64::from_bits(u64_of(value, dict.header.big)))
                    }
                    VarKind::Text { .. } => Value::Text(text.text(value)),
                };
                v.var.value_labels.push((value, text.text(label)));
            }
        }
    }

    // very long strings (7.14): a string over 255 bytes is stored as one variable per 252
    // bytes, the first named in the record; the others are merged into it
    if let Some((at, data)) = dict.very_long {
        for (name, width) in pairs(data) {
            let width: usize = match std::str::from_utf8(width).ok().and_then(|w| w.parse().ok()) {
                Some(w) => w,
                None => {
                    return Err(SavError::new(format!(
                        "the very long string record is damaged: \"{}\" is not a width",
                        String::from_utf8_lossy(width)
                    ))
                    .at(at))
                }
            };
            if width <= 255 {
                continue;
            }
            let Some(i) = vars.iter().position(|v| trim_bytes(v.raw.name) == name) else {
                notes.push(format!(
                    "the very long string record names a variable \"{}\" the file does not have",
                    String::from_utf8_lossy(name)
                ));
                continue;
            };
            let n_segments = width.div_ceil(252);
            let segments_ok = i
                .checked_add(n_segments)
                .is_some_and(|end| end <= vars.len())
                && vars[i..i + n_segments].iter().all(|v| v.raw.width > 0);
            if !segments_ok || vars[i].segments.len() > 1 {
                return Err(SavError::new(format!(
                    "the very long string record is damaged: it gives a width of {width} bytes, \
                     stored as {n_segments} string variables from this one on, which the file \
                     does not have"
                ))
                .at(at)
                .variable(vars[i].var.name.clone()));
            }
            let absorbed: Vec<usize> = vars
                .drain(i + 1..i + n_segments)
                .map(|v| v.raw.n_slots)
                .collect();
            let v = &mut vars[i];
            v.segments.extend(absorbed);
            v.var.kind = VarKind::Text { width };
            // (SPSS's formats hold at most 32767 bytes)
            v.var.format.width = width.min(usize::from(u16::MAX)) as u16;
        }
    }

    // long names (7.13): SHORT=Long
    if let Some((_, data)) = dict.long_names {
        for (short, long) in pairs(data) {
            let long = text.text(long);
            if long.is_empty() {
                continue;
            }
            let i = vars
                .iter()
                .position(|v| trim_bytes(v.raw.name) == short)
                .or_else(|| {
                    vars.iter()
                        .position(|v| trim_bytes(v.raw.name).eq_ignore_ascii_case(short))
                });
            if let Some(i) = i {
                vars[i].var.name = long;
            }
        }
    }

    let mut variables: Vec<Variable> = Vec::with_capacity(vars.len());
    let mut layout = Vec::with_capacity(vars.len());
    let mut weight = None;
    for (i, b) in vars.into_iter().enumerate() {
        if dict.header.weight_slot == Some(b.raw.first_slot + 1) {
            weight = Some(i);
        }
        layout.push(match b.var.kind {
            VarKind::Numeric => VarLayout::Numeric,
            VarKind::Text { .. } => VarLayout::Text {
                segments: b.segments,
            },
        });
        variables.push(b.var);
    }

    let big = dict.header.big;
    for &record in &dict.long_labels {
        long_string_record(record, true, big, text, &mut variables, notes)?;
    }
    for &record in &dict.long_missing {
        long_string_record(record, false, big, text, &mut variables, notes)?;
    }

    let h = &dict.header;
    let created = format!("{} {}", text.text(h.date), text.text(h.time));
    Ok(Cooked {
        variables,
        layout,
        file_label: Some(text.text(h.label)).filter(|l| !l.is_empty()),
        product: text.text(h.product).trim().to_string(),
        created: created.trim().to_string(),
        documents: dict.documents.iter().map(|d| text.text(d)).collect(),
        weight,
    })
}

/// The variable a name in records 7.21 and 7.22 means (its long name; its short name in
/// files written so).
fn named<'v>(variables: &'v mut [Variable], name: &str) -> Option<&'v mut Variable> {
    let i = variables
        .iter()
        .position(|v| v.name == name)
        .or_else(|| variables.iter().position(|v| v.short_name == name))
        .or_else(|| {
            variables
                .iter()
                .position(|v| v.name.eq_ignore_ascii_case(name))
        })?;
    variables.get_mut(i)
}

/// What a record 7.21 or 7.22 gives a long string variable.
enum LongString {
    /// 7.21: value labels.
    Labels(Vec<(Value, String)>),
    /// 7.22: missing values.
    Missing(Vec<String>),
}

/// Records 7.21 (value labels) and 7.22 (missing values) of strings over 8 bytes (`labels`:
/// which): a run of entries, each a variable's name and what it gives the variable. Errors are
/// located in the file (`at`: where the record's data start).
fn long_string_record(
    (at, data): (u64, &[u8]),
    labels: bool,
    big: bool,
    text: &Decoder,
    variables: &mut [Variable],
    notes: &mut Vec<String>,
) -> Result<(), SavError> {
    let mut cur = Cursor {
        buf: data,
        pos: 0,
        big,
    };
    let located = |e: SavError| SavError {
        offset: e.offset.map(|o| at + o),
        ..e
    };
    while cur.remaining() > 0 {
        let len = cur
            .count("the length of a variable name", 1)
            .map_err(located)?;
        let name = text.text(cur.take(len, "a variable name").map_err(located)?);
        let entry = if labels {
            long_string_labels(&mut cur, text)
        } else {
            long_string_missing(&mut cur, text, &name)
        }
        .map_err(located)?;
        match (named(variables, &name), entry) {
            (Some(v), LongString::Labels(l)) if matches!(v.kind, VarKind::Text { .. }) => {
                v.value_labels.extend(l)
            }
            (Some(v), LongString::Missing(m)) if matches!(v.kind, VarKind::Text { .. }) => {
                v.missing = Missing::Strings(m)
            }
            _ => {
                notes.push(format!(
                "{} (at byte {at}) are for a string variable \"{name}\" the file does not have; \
                 they were left out",
                if labels { "value labels" } else { "missing values" }
            ))
            }
        }
    }
    Ok(())
}

/// An entry of record 7.21 after the name: the width, then the value labels.
fn long_string_labels(cur: &mut Cursor, text: &Decoder) -> Result<LongString, SavError> {
    let _width = cur.i32("a string width")?;
    // each label takes at least 8 bytes: two lengths
    let n = cur.count("the number of value labels", 8)?;
    let mut labels = Vec::with_capacity(n);
    for _ in 0..n {
        let len = cur.count("the length of a value", 1)?;
        let value = text.text(cur.take(len, "a value")?);
        let len = cur.count("the length of a value label", 1)?;
        let label = text.text(cur.take(len, "a value label")?);
        labels.push((Value::Text(value), label));
    }
    Ok(LongString::Labels(labels))
}

/// An entry of record 7.22 after the name: 1 to 3 missing values of one length.
fn long_string_missing(
    cur: &mut Cursor,
    text: &Decoder,
    name: &str,
) -> Result<LongString, SavError> {
    let n_at = cur.pos as u64;
    let n = cur.take(1, "a number of missing values")?[0] as usize;
    if !(1..=3).contains(&n) {
        return Err(SavError::new(format!(
            "the long string missing values record is damaged: it gives {n} missing values, \
             where 1 to 3 are allowed"
        ))
        .at(n_at)
        .variable(name));
    }
    let len = cur.count("the length of a missing value", n)?;
    let mut values = Vec::with_capacity(n);
    for _ in 0..n {
        values.push(text.text(cur.take(len, "a missing value")?));
    }
    Ok(LongString::Missing(values))
}
