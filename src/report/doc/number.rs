//! Numbers as the reports write them, in one place: fixed decimals without a negative zero,
//! p-values, intervals with open ends, confidence levels and true minus signs; in sentences
//! APA 7's forms ([`Style`]: "p = .002", no leading zero for r); in machine formats every
//! digit ([`full_precision`]).

use super::Lang;
use crate::stats::Alternative;

/// `x` with `digits` decimals and `minus` as its minus sign; a value that rounds to zero has
/// none ("0.00", never "-0.00").
pub fn fixed(x: f64, digits: usize, minus: &str) -> String {
    let s = format!("{x:.digits$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().any(|c| c != '0' && c != '.') => format!("{minus}{rest}"),
        Some(rest) => rest.to_string(),
        None => s,
    }
}

/// A number of a table: `digits` decimals, "" for a missing value.
pub fn fmt_num(x: Option<f64>, digits: usize) -> String {
    x.map_or_else(String::new, |v| fixed(v, digits, "-"))
}

/// A p-value of a table: three decimals, "<0.001" below that, "" when missing.
pub fn fmt_p(p: Option<f64>) -> String {
    match p {
        None => String::new(),
        Some(v) if v < 0.001 => "<0.001".to_string(),
        Some(v) => format!("{v:.3}"),
    }
}

/// An interval "[low, high]" of a table; the open end of a one-sided interval shows as
/// -Inf/Inf.
pub fn fmt_ci(lo: Option<f64>, hi: Option<f64>, digits: usize, alternative: Alternative) -> String {
    let lo = match (lo, alternative) {
        (None, Alternative::Less) => "-Inf".to_string(),
        (v, _) => fmt_num(v, digits),
    };
    let hi = match (hi, alternative) {
        (None, Alternative::Greater) => "Inf".to_string(),
        (v, _) => fmt_num(v, digits),
    };
    if lo.is_empty() && hi.is_empty() {
        String::new()
    } else {
        format!("[{lo}, {hi}]")
    }
}

/// A significance level as APA writes it: its own decimals, no leading zero (.05, .025).
pub fn alpha(a: f64) -> String {
    let s = format!("{a}");
    s.strip_prefix('0').map(String::from).unwrap_or(s)
}

/// A confidence level in percent: 0.95 → "95", 0.975 → "97.5" (the notes' rule).
pub use crate::note::fmt_level;

/// "-1.23" and "[-0.07, 4.81]" typeset with true minus signs (U+2212), a hyphen elsewhere
/// ("n+/n-/n0") left alone.
pub fn typeset_minus(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let number_follows = chars
            .peek()
            .is_some_and(|n| n.is_ascii_digit() || *n == '.');
        let starts = prev.is_none_or(|p| p == ' ' || p == '[' || p == '(');
        if c == '-' && number_follows && starts {
            out.push('\u{2212}');
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// A number as the shortest round-trip decimal ("" when missing): machine formats.
pub fn full_precision(x: Option<f64>) -> String {
    x.map(|v| {
        if v == 0.0 {
            "0".to_string()
        } else {
            format!("{v}")
        }
    })
    .unwrap_or_default()
}

/// How numbers are written.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub lang: Lang,
    pub digits: usize,
    /// The minus sign: "\u{2212}" (typeset) or "-" (plain text).
    pub minus: &'static str,
}

impl Style {
    /// A number with `digits` decimals and the style's minus sign ("−0.00" becomes "0.00").
    pub fn num(&self, x: f64) -> String {
        self.fixed(x, self.digits)
    }

    pub fn fixed(&self, x: f64, digits: usize) -> String {
        fixed(x, digits, self.minus)
    }

    /// A statistic bounded by 1 (r, η²): no leading zero (APA 7 §6.36).
    pub fn bounded(&self, x: f64) -> String {
        let s = self.num(x);
        if let Some(rest) = s.strip_prefix(self.minus) {
            format!("{}{}", self.minus, rest.strip_prefix('0').unwrap_or(rest))
        } else {
            s.strip_prefix('0').map(String::from).unwrap_or(s)
        }
    }

    /// "p = .002" or "p < .001".
    pub fn p(&self, p: f64) -> String {
        if p < 0.001 {
            "p < .001".to_string()
        } else {
            let s = format!("{p:.3}");
            format!("p = {}", s.strip_prefix('0').unwrap_or(&s))
        }
    }

    /// "95% CI [0.45, 2.07]" with open ends for one-sided intervals.
    pub fn ci(&self, level: f64, lo: Option<f64>, hi: Option<f64>, bounded: bool) -> String {
        let f = |v: Option<f64>, open: &str| match v {
            Some(x) if bounded => self.bounded(x),
            Some(x) => self.num(x),
            None => open.to_string(),
        };
        format!(
            "{}% CI [{}, {}]",
            fmt_level(level),
            f(lo, &format!("{}\u{221e}", self.minus)),
            f(hi, "\u{221e}")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minus_signs_are_typeset_in_numbers_only() {
        assert_eq!(typeset_minus("-1.23"), "\u{2212}1.23");
        assert_eq!(typeset_minus("[-0.07, 4.81]"), "[\u{2212}0.07, 4.81]");
        assert_eq!(typeset_minus("n+/n-/n0"), "n+/n-/n0");
        assert_eq!(typeset_minus("t(9) = -0.87"), "t(9) = \u{2212}0.87");
    }

    #[test]
    fn numbers_are_formatted_for_reading() {
        assert_eq!(fmt_num(Some(-0.0001), 2), "0.00");
        assert_eq!(fmt_num(Some(-1.236), 2), "-1.24");
        assert_eq!(fmt_num(None, 2), "");
        assert_eq!(fixed(-0.004, 2, "\u{2212}"), "0.00");
        assert_eq!(fixed(-0.006, 2, "\u{2212}"), "\u{2212}0.01");
        assert_eq!(fmt_p(Some(0.0004)), "<0.001");
        assert_eq!(fmt_p(Some(0.0283)), "0.028");
        assert_eq!(
            fmt_ci(Some(0.5), None, 2, Alternative::Greater),
            "[0.50, Inf]"
        );
        assert_eq!(alpha(0.05), ".05");
        assert_eq!(alpha(0.005), ".005");
        assert_eq!(fmt_level(0.95), "95");
        assert_eq!(fmt_level(0.975), "97.5");
    }

    #[test]
    fn apa_number_formats() {
        let st = Style {
            lang: Lang::En,
            digits: 2,
            minus: "\u{2212}",
        };
        assert_eq!(st.p(0.0021), "p = .002");
        assert_eq!(st.p(0.0004), "p < .001");
        assert_eq!(st.p(0.5), "p = .500");
        assert_eq!(st.bounded(0.957), ".96");
        assert_eq!(st.bounded(-0.4), "\u{2212}.40");
        assert_eq!(st.num(-1.234), "\u{2212}1.23");
        assert_eq!(st.num(-0.001), "0.00");
        assert_eq!(
            st.ci(0.95, Some(0.44), Some(1.91), false),
            "95% CI [0.44, 1.91]"
        );
        assert_eq!(
            st.ci(0.9, Some(0.44), None, false),
            "90% CI [0.44, \u{221e}]"
        );
    }
}
