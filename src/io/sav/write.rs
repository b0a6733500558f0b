//! A small writer: an uncompressed system file of numeric variables (F format, with their
//! decimals) and string variables of up to 255 bytes, with variable labels, value labels of
//! numbers, long names (record 7.13) and the UTF-8 encoding (records 7.3 and 7.20), which
//! SPSS (14 and later), PSPP and haven read.

use super::dates::civil_from_days;
use super::dict::{HIGHEST_BITS, LOWEST_BITS, SYSMIS_BITS};
use super::SavError;
use std::io::Write;

/// The cells of a variable to write.
#[derive(Debug, Clone, Copy)]
pub enum WriteColumn<'a> {
    /// NaN (or an infinity) is written as the system-missing value.
    Numbers(&'a [f64]),
    /// At most 255 bytes each (UTF-8); None is written as an empty string.
    Texts(&'a [Option<&'a str>]),
}

/// A variable to write.
#[derive(Debug, Clone, Copy)]
pub struct WriteVariable<'a> {
    /// The name: made a valid SPSS name if it is not one (see [`spss_name`]).
    pub name: &'a str,
    /// The variable label (cut to 255 bytes).
    pub label: Option<&'a str>,
    pub column: WriteColumn<'a>,
    /// The decimals of the F format of a numeric variable (at most 16).
    pub decimals: u8,
    /// Labels of numeric values (each cut to 120 bytes, SPSS's limit).
    pub value_labels: &'a [(f64, &'a str)],
}

/// The words SPSS reserves, which cannot be variable names.
const RESERVED: [&str; 13] = [
    "ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH",
];

/// A valid SPSS variable name for `name`, not among `used` (compared ignoring case): letters
/// (any script), digits and `_ . @ # $`, starting with a letter or `@`, at most 64 bytes, not
/// ending with a period, not a reserved word; other characters become `_`, a name starting
/// otherwise gets a `v` in front, and a name taken gets `_2`, `_3`...
pub fn spss_name(name: &str, used: &[String]) -> String {
    let mut out: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "_.@#$".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_alphabetic() || c == '@') {
        out.insert(0, 'v');
    }
    let cut = |s: &str, max: usize| -> String {
        let mut end = s.len().min(max);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s[..end].to_string()
    };
    out = cut(&out, 64);
    if out.ends_with('.') {
        out.pop();
        out.push('_');
    }
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(&out)) {
        out.push('_');
    }
    let taken = |n: &str| used.iter().any(|u| u.to_lowercase() == n.to_lowercase());
    if !taken(&out) {
        return out;
    }
    (2..)
        .map(|k| {
            let suffix = format!("_{k}");
            format!("{}{suffix}", cut(&out, 64 - suffix.len()))
        })
        .find(|n| !taken(n))
        .unwrap_or(out)
}

fn cut_bytes(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Bytes padded with blanks to `len`.
fn padded(s: &[u8], len: usize) -> Vec<u8> {
    let mut v = s[..s.len().min(len)].to_vec();
    v.resize(len, b' ');
    v
}

fn i32s(out: &mut Vec<u8>, values: &[i32]) {
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

/// Writes a system file of the given variables (all of one length) and file label; returns
/// the names written (valid SPSS names, in order).
pub fn write(
    out: &mut impl Write,
    variables: &[WriteVariable],
    file_label: Option<&str>,
) -> Result<Vec<String>, SavError> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    write_at(out, variables, file_label, now)
}

/// [`write`] with the creation time given (seconds since 1970-01-01 UTC): the same
/// variables give the same bytes.
pub fn write_at(
    out: &mut impl Write,
    variables: &[WriteVariable],
    file_label: Option<&str>,
    unix_seconds: i64,
) -> Result<Vec<String>, SavError> {
    let n_cases = variables.first().map_or(0, |v| match v.column {
        WriteColumn::Numbers(x) => x.len(),
        WriteColumn::Texts(x) => x.len(),
    });
    if variables.is_empty() {
        return Err(SavError::new("there are no variables to write"));
    }
    if n_cases > i32::MAX as usize {
        return Err(SavError::new(format!(
            "{n_cases} cases are more than a system file holds"
        )));
    }
    // names, widths in bytes (0: numeric) and slots
    let mut names: Vec<String> = Vec::with_capacity(variables.len());
    let mut widths = Vec::with_capacity(variables.len());
    for v in variables {
        let name = spss_name(v.name, &names);
        let width = match v.column {
            WriteColumn::Numbers(x) if x.len() == n_cases => 0,
            WriteColumn::Texts(x) if x.len() == n_cases => {
                let longest = x.iter().flatten().map(|s| s.len()).max().unwrap_or(0);
                if longest > 255 {
                    return Err(SavError::new(format!(
                        "a text of {longest} bytes is longer than the 255 bytes written here"
                    ))
                    .variable(name));
                }
                longest.max(1)
            }
            _ => {
                return Err(SavError::new(format!(
                    "the variables have different numbers of cases ({n_cases} in the first)"
                ))
                .variable(name))
            }
        };
        names.push(name);
        widths.push(width);
    }
    let slots: Vec<usize> = widths.iter().map(|&w| w.div_ceil(8).max(1)).collect();
    let n_slots: usize = slots.iter().sum();
    // short names: the name in capitals if it is ASCII, fits and is free; else V1, V2...
    let mut shorts: Vec<String> = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let upper = name.to_ascii_uppercase();
        let short = if upper.is_ascii() && upper.len() <= 8 && !shorts.contains(&upper) {
            upper
        } else {
            let mut k = i + 1;
            loop {
                let s = format!("V{k}");
                if !shorts.contains(&s) && !names.iter().any(|n| n.eq_ignore_ascii_case(&s)) {
                    break s;
                }
                k += 1;
            }
        };
        shorts.push(short);
    }

    let mut b: Vec<u8> = Vec::with_capacity(
        n_cases
            .saturating_mul(n_slots * 8)
            .saturating_add(1024)
            .min(1 << 26),
    );
    // header
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let year = y.rem_euclid(100);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    b.extend_from_slice(b"$FL2");
    b.extend(padded(
        concat!("@(#) SPSS DATA FILE prepost ", env!("CARGO_PKG_VERSION")).as_bytes(),
        60,
    ));
    i32s(&mut b, &[2, n_slots as i32, 0, 0, n_cases as i32]);
    b.extend_from_slice(&100f64.to_le_bytes());
    b.extend(format!("{d:02} {} {year:02}", MONTHS[(m - 1) as usize % 12]).as_bytes());
    b.extend(format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60).as_bytes());
    b.extend(padded(
        cut_bytes(file_label.unwrap_or(""), 64).as_bytes(),
        64,
    ));
    b.extend_from_slice(&[0, 0, 0]);

    // variable records
    for (i, v) in variables.iter().enumerate() {
        let width = widths[i];
        let format = if width == 0 {
            5 << 16
                | 8u32.max(u32::from(v.decimals) + 2).min(40) << 8
                | u32::from(v.decimals.min(16))
        } else {
            1 << 16 | (width as u32) << 8
        } as i32;
        let label = v.label.map(|l| cut_bytes(l, 255)).filter(|l| !l.is_empty());
        i32s(
            &mut b,
            &[
                2,
                width as i32,
                i32::from(label.is_some()),
                0,
                format,
                format,
            ],
        );
        b.extend(padded(shorts[i].as_bytes(), 8));
        if let Some(l) = label {
            i32s(&mut b, &[l.len() as i32]);
            b.extend(padded(l.as_bytes(), l.len().div_ceil(4) * 4));
        }
        for _ in 1..slots[i] {
            i32s(&mut b, &[2, -1, 0, 0, 0, 0]);
            b.extend_from_slice(b"        ");
        }
    }
    // value labels, one set per variable that has them (numeric variables only)
    let mut slot = 0;
    for (i, v) in variables.iter().enumerate() {
        if widths[i] == 0 && !v.value_labels.is_empty() {
            i32s(&mut b, &[3, v.value_labels.len() as i32]);
            for (value, label) in v.value_labels {
                b.extend_from_slice(&value.to_le_bytes());
                let l = cut_bytes(label, 120);
                b.push(l.len() as u8);
                b.extend(padded(l.as_bytes(), (l.len() + 1).div_ceil(8) * 8 - 1));
            }
            i32s(&mut b, &[4, 1, slot as i32 + 1]);
        }
        slot += slots[i];
    }
    // 7.3: machine integer info (IEEE 754 doubles, little-endian, code page 65001 = UTF-8)
    i32s(&mut b, &[7, 3, 4, 8, 1, 0, 0, -1, 1, 1, 2, 65001]);
    // 7.4: machine floating-point info
    i32s(&mut b, &[7, 4, 8, 3]);
    for bits in [SYSMIS_BITS, HIGHEST_BITS, LOWEST_BITS] {
        b.extend_from_slice(&bits.to_le_bytes());
    }
    // 7.11: display: scale measure for numbers (3), nominal for text (1); width; alignment
    i32s(&mut b, &[7, 11, 4, 3 * variables.len() as i32]);
    for &w in &widths {
        if w == 0 {
            i32s(&mut b, &[3, 8, 1]);
        } else {
            i32s(&mut b, &[1, w.clamp(1, 40) as i32, 0]);
        }
    }
    // 7.13: long names
    let long: Vec<String> = shorts
        .iter()
        .zip(&names)
        .map(|(s, n)| format!("{s}={n}"))
        .collect();
    let long = long.join("\t");
    i32s(&mut b, &[7, 13, 1, long.len() as i32]);
    b.extend_from_slice(long.as_bytes());
    // 7.20: the encoding
    i32s(&mut b, &[7, 20, 1, 5]);
    b.extend_from_slice(b"UTF-8");
    // the end of the dictionary
    i32s(&mut b, &[999, 0]);

    // the cases, uncompressed
    for case in 0..n_cases {
        for (i, v) in variables.iter().enumerate() {
            match v.column {
                WriteColumn::Numbers(x) => {
                    let value = x[case];
                    let bits = if value.is_finite() {
                        value.to_bits()
                    } else {
                        SYSMIS_BITS
                    };
                    b.extend_from_slice(&bits.to_le_bytes());
                }
                WriteColumn::Texts(x) => {
                    b.extend(padded(x[case].unwrap_or("").as_bytes(), slots[i] * 8));
                }
            }
        }
    }
    out.write_all(&b)
        .and_then(|_| out.flush())
        .map_err(|e| SavError::new(format!("cannot write the file: {e}")))?;
    Ok(names)
}
