//! What a cell means: the one rule every reader applies to a score, an answer or a label.
//!
//! A cell is trimmed (Unicode blanks, as `str::trim`, and a byte-order mark, which files joined
//! end to end leave at the start of a row). Labels (ids, groups, time points) and names are
//! compared in Unicode normal form C, so that "José" typed on two machines (composed or with a
//! combining accent) is one participant. It is **missing** when it is empty, `NA`
//! in any case (as R's `read.csv`), or a declared code (`--na CODE`, a spec's `missing`); a
//! code that is a number also matches the same number written otherwise (`--na -99` matches
//! `-99.0`). Anything else that is not a number (`N/A`, `.`, `999` undeclared...) is not
//! missing: prepost never guesses what a code means. A score or an answer must be a finite
//! number of at most [`MAX_MAGNITUDE`] in absolute value.

/// The largest magnitude a score may have: beyond it doubles no longer hold whole numbers
/// exactly, and squares in the statistics head for overflow (1e308 - (-1e308) is infinite).
pub const MAX_MAGNITUDE: f64 = 1e15;

/// The codes that mean "missing", besides an empty cell and `NA`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MissingCodes {
    /// Trimmed codes, matched as text.
    text: Vec<String>,
    /// The codes that are numbers, matched by value.
    numbers: Vec<f64>,
}

impl MissingCodes {
    /// The given codes (trimmed; an empty code adds nothing: an empty cell is always missing).
    pub fn new<S: AsRef<str>>(codes: impl IntoIterator<Item = S>) -> MissingCodes {
        let mut out = MissingCodes::default();
        for code in codes {
            let code = code.as_ref().trim();
            if code.is_empty() || out.text.iter().any(|c| c == code) {
                continue;
            }
            if let Ok(v) = code.parse::<f64>() {
                if v.is_finite() {
                    out.numbers.push(v);
                }
            }
            out.text.push(code.to_string());
        }
        out
    }

    /// These codes and `more`.
    pub fn with<S: AsRef<str>>(&self, more: impl IntoIterator<Item = S>) -> MissingCodes {
        let mut all = self.text.clone();
        all.extend(more.into_iter().map(|s| s.as_ref().to_string()));
        MissingCodes::new(all)
    }

    /// Whether a trimmed cell is missing as text: empty, `NA` in any case, or a code.
    pub fn is_missing_text(&self, cell: &str) -> bool {
        cell.is_empty() || cell.eq_ignore_ascii_case("NA") || self.text.iter().any(|c| c == cell)
    }

    /// Whether a number read from a cell is a numeric missing code.
    #[inline]
    pub fn is_missing_number(&self, v: f64) -> bool {
        !self.numbers.is_empty() && self.numbers.contains(&v)
    }

    /// The codes as given (trimmed), for messages and reports.
    pub fn codes(&self) -> &[String] {
        &self.text
    }
}

/// A cell read as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Missing,
    Value(f64),
    /// Not a finite number of at most [`MAX_MAGNITUDE`] (the reason says which).
    Invalid(&'static str),
}

/// Reads a cell (raw bytes, untrimmed) as a number under the rule of this module.
#[inline]
pub fn read_number(raw: &[u8], missing: &MissingCodes) -> Number {
    // the common case first: a cell of digits only
    if !raw.is_empty() && raw.len() <= 15 && raw.iter().all(u8::is_ascii_digit) {
        let v = raw
            .iter()
            .fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0')) as f64;
        return if missing.is_missing_number(v) {
            Number::Missing
        } else {
            Number::Value(v)
        };
    }
    let Ok(text) = std::str::from_utf8(raw) else {
        return Number::Invalid("expected a number");
    };
    let cell = trimmed(text);
    if missing.is_missing_text(cell) {
        return Number::Missing;
    }
    match parse_number(cell) {
        Ok(v) if missing.is_missing_number(v) => Number::Missing,
        Ok(v) => Number::Value(v),
        Err(why) => Number::Invalid(why),
    }
}

/// Reads a cell as a label (an id, a group, a time point): trimmed, in normal form C; None when
/// empty. Missing codes are for values, not labels: `--na 99` must not make participant 99
/// anonymous.
pub fn read_label(raw: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    let cell = trimmed(std::str::from_utf8(raw).ok()?);
    (!cell.is_empty()).then(|| nfc(cell))
}

/// A cell without the blanks around it (Unicode White_Space, as `str::trim`) and without a
/// byte-order mark.
pub fn trimmed(s: &str) -> &str {
    if s.is_ascii() {
        return s.trim();
    }
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// A name or label in Unicode normal form C (composed): text that is ASCII, or already in
/// NFC, is returned as it is.
pub fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

/// Parses a trimmed, non-missing cell as a finite number of at most [`MAX_MAGNITUDE`].
pub fn parse_number(cell: &str) -> Result<f64, &'static str> {
    // (Rust reads "inf", "infinity" and "nan" in any case as numbers that are not finite)
    match cell.parse::<f64>() {
        Ok(v) if !v.is_finite() => Err("expected a finite number"),
        Ok(v) if v.abs() <= MAX_MAGNITUDE => Ok(v),
        Ok(_) => Err("expected a number of at most 10^15 in absolute value (this one is too large to analyse)"),
        Err(_) => Err("expected a number"),
    }
}

/// Whether a trimmed cell reads as a number of any size (a column holding "1e308" is a column
/// of numbers with a bad cell, not a text column).
pub fn looks_like_a_number(cell: &str) -> bool {
    cell.parse::<f64>().is_ok()
}

/// A hint for a cell that is not a number, from what it looks like.
pub fn number_hint(cell: &str) -> String {
    specific_number_hint(cell).unwrap_or_else(|| {
        "correct the cell, leave it empty if the answer is missing, or declare this code as missing \
         with --na"
            .to_string()
    })
}

/// What a cell that is not a number looks like it meant, when it looks like a number written
/// otherwise: a thousands separator, a decimal comma, full-width digits.
pub fn specific_number_hint(cell: &str) -> Option<String> {
    Some(
        if cell.chars().any(|c| ('\u{ff10}'..='\u{ff19}').contains(&c)) {
            let ascii: String = cell
                .chars()
                .map(|c| match c {
                    '\u{ff10}'..='\u{ff19}' => char::from(b'0' + (c as u32 - 0xff10) as u8),
                    '\u{ff0e}' => '.',
                    '\u{ff0d}' => '-',
                    c => c,
                })
                .collect();
            format!(
            "this is written with full-width digits (全角数字): write it with ASCII digits ({}), \
             e.g. by converting the column to half-width (半角) characters in Excel or WPS",
            shown(&ascii)
        )
        } else if looks_like_a_thousands_separator(cell) {
            "this looks like a thousands separator (1,000 for 1000): write the number without it, or \
         export the file without separators; if the comma is a decimal comma (1,000 for 1), write \
         decimals with a point"
            .to_string()
        } else if looks_like_a_decimal_comma(cell) {
            "this looks like a decimal comma; write decimals with a point (3.5), or export the file with \
         a point as the decimal separator"
            .to_string()
        } else {
            return None;
        },
    )
}

/// "3,5": digits, one comma, digits.
pub fn looks_like_a_decimal_comma(cell: &str) -> bool {
    let mut parts = cell.split(',');
    matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None)
        if !a.is_empty() && !b.is_empty()
        && a.trim_start_matches('-').chars().all(|c| c.is_ascii_digit())
        && b.chars().all(|c| c.is_ascii_digit()))
}

/// "1,000", "-12,500,000": digits in groups of three after the first, split by commas.
pub fn looks_like_a_thousands_separator(cell: &str) -> bool {
    let mut parts = cell.trim_start_matches('-').split(',');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// A cell as it may be shown in a message: at most 60 characters.
pub fn shown(cell: &str) -> String {
    const LIMIT: usize = 60;
    match cell.char_indices().nth(LIMIT) {
        Some((at, _)) => format!("{}...", &cell[..at]),
        None => cell.to_string(),
    }
}

/// A duration in seconds from a trimmed, non-empty cell: a plain number of seconds ("123",
/// "95.5"), Wenjuanxing's text for 所用时间 ("123秒", "2分3秒", "1小时2分3秒"; also 分钟, 秒钟,
/// 时), or a clock "m:ss" / "h:mm:ss". Negative or unreadable durations are errors saying what
/// was expected.
pub fn parse_duration(cell: &str) -> Result<f64, &'static str> {
    const EXPECTED: &str =
        "expected a duration in seconds (123, 123秒, 2分3秒, 1小时2分3秒 or 2:03)";
    let cell = trimmed(cell);
    if let Ok(v) = cell.parse::<f64>() {
        return if v.is_finite() && v >= 0.0 {
            Ok(v)
        } else {
            Err("expected a duration of 0 seconds or more")
        };
    }
    if cell.contains(':') {
        // m:ss or h:mm:ss (minutes and seconds below 60 after the first part)
        let parts: Vec<&str> = cell.split(':').collect();
        if parts.len() > 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        {
            return Err(EXPECTED);
        }
        let mut seconds = 0.0;
        for (k, part) in parts.iter().enumerate() {
            let v: f64 = part.parse().map_err(|_| EXPECTED)?;
            if k > 0 && v >= 60.0 {
                return Err(EXPECTED);
            }
            seconds = seconds * 60.0 + v;
        }
        return Ok(seconds);
    }
    // number-unit pairs, each unit at most once and in the order hours, minutes, seconds
    const UNITS: [(&str, f64, usize); 7] = [
        ("小时", 3600.0, 0),
        ("时", 3600.0, 0),
        ("分钟", 60.0, 1),
        ("分", 60.0, 1),
        ("秒钟", 1.0, 2),
        ("秒", 1.0, 2),
        ("s", 1.0, 2),
    ];
    let mut rest = cell;
    let mut seconds = 0.0;
    let mut next_rank = 0;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if digits == 0 {
            return Err(EXPECTED);
        }
        let v: f64 = rest[..digits].parse().map_err(|_| EXPECTED)?;
        rest = rest[digits..].trim_start();
        let (unit, factor, rank) = UNITS
            .iter()
            .find(|(u, _, _)| rest.starts_with(u))
            .ok_or(EXPECTED)?;
        if *rank < next_rank {
            return Err(EXPECTED);
        }
        next_rank = rank + 1;
        seconds += v * factor;
        rest = rest[unit.len()..].trim_start();
    }
    if next_rank == 0 {
        return Err(EXPECTED);
    }
    Ok(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_wenjuanxing_writes_them() {
        for (cell, want) in [
            ("123", 123.0),
            (" 95.5 ", 95.5),
            ("0", 0.0),
            ("123秒", 123.0),
            ("2分3秒", 123.0),
            ("2分钟3秒", 123.0),
            ("2分", 120.0),
            ("1小时2分3秒", 3723.0),
            ("1时0分5秒钟", 3605.0),
            ("2 分 3 秒", 123.0),
            ("45s", 45.0),
            ("2:03", 123.0),
            ("1:02:03", 3723.0),
        ] {
            assert_eq!(parse_duration(cell), Ok(want), "{cell:?}");
        }
        for cell in [
            "", "abc", "秒", "3秒2分", "2分2分", "-5", "-5秒", "inf", "2:75", "1:2:3:4", "3分x",
            "12 34", "3:", "NaN",
        ] {
            assert!(parse_duration(cell).is_err(), "{cell:?}");
        }
    }

    #[test]
    fn missing_cells_numbers_and_codes() {
        let none = MissingCodes::default();
        for cell in ["", "  ", "NA", "na", " nA "] {
            assert_eq!(
                read_number(cell.as_bytes(), &none),
                Number::Missing,
                "{cell:?}"
            );
        }
        assert_eq!(read_number(b" 3 ", &none), Number::Value(3.0));
        assert_eq!(read_number(b"-0", &none), Number::Value(0.0));
        assert_eq!(read_number(b"2.5", &none), Number::Value(2.5));
        assert!(matches!(read_number(b"N/A", &none), Number::Invalid(_)));
        assert!(matches!(read_number(b"inf", &none), Number::Invalid(_)));
        assert!(matches!(read_number(b"1e308", &none), Number::Invalid(_)));
        assert!(matches!(read_number(b"\xff", &none), Number::Invalid(_)));
        let codes = MissingCodes::new([" -99 ", "N/A", "9"]);
        for cell in ["-99", "-99.0", "-9.9e1", " N/A ", "9", "09", "9.0"] {
            assert_eq!(
                read_number(cell.as_bytes(), &codes),
                Number::Missing,
                "{cell:?}"
            );
        }
        assert_eq!(read_number(b"99", &codes), Number::Value(99.0));
        assert_eq!(read_label(b" A01 ").as_deref(), Some("A01"));
        assert_eq!(read_label(b"NA").as_deref(), Some("NA"));
        assert_eq!(read_label(b" "), None);
        // a byte-order mark of a joined file, and a decomposed accent
        assert_eq!(read_label("\u{feff}A02".as_bytes()).as_deref(), Some("A02"));
        assert_eq!(
            read_label("Jose\u{301}".as_bytes()).as_deref(),
            Some("Jos\u{e9}")
        );
        assert!(
            matches!(read_number("\u{feff}3".as_bytes(), &MissingCodes::default()), Number::Value(v) if v == 3.0)
        );
        assert_eq!(codes.codes(), ["-99", "N/A", "9"]);
    }

    #[test]
    fn hints_and_shown_cells() {
        assert!(number_hint("3,5").contains("decimal comma"));
        assert!(number_hint("\u{ff11}\u{ff12}").contains("full-width digits"));
        assert!(number_hint("\u{ff11}\u{ff12}").contains("(12)"));
        assert!(number_hint("x").contains("declare this code"));
        assert!(number_hint("1,000").contains("thousands separator"));
        assert!(number_hint("-12,500,000").contains("thousands separator"));
        assert!(!number_hint("3,5").contains("thousands"));
        assert!(!number_hint("12,50").contains("thousands"));
        assert_eq!(shown("abc"), "abc");
        assert_eq!(shown(&"x".repeat(100)).len(), 63);
    }
}
