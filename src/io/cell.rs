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

#[cfg(test)]
mod tests {
    use super::*;

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
