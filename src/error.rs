//! Errors a user sees about their data, and the exit codes.
//!
//! A [`DataError`] names where the problem is (file, spreadsheet row, column, participant id),
//! what was expected, and what to do about it. Row numbers count the header as row 1, so they
//! are the row numbers a spreadsheet program shows for the same file.

use std::borrow::Cow;
use std::fmt;

/// Text from the data as a line of a terminal or a readable report shows it: a control
/// character (a line break, a tab, an escape that a terminal would obey) written as an escape
/// (`\n`, `\t`, `\u{1b}`), so that it can neither break a table row nor drive the terminal.
/// The one home of this rule: errors, notes, tables and every readable format use it.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(escaped_char).collect())
}

/// A message of several lines for a terminal: [`printable`] within each line.
pub fn printable_lines(s: &str) -> String {
    s.split('\n').map(printable).collect::<Vec<_>>().join("\n")
}

fn escaped_char(c: char) -> String {
    match c {
        '\n' => "\\n".to_string(),
        '\r' => "\\r".to_string(),
        '\t' => "\\t".to_string(),
        c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
        c => c.to_string(),
    }
}

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code for a problem with the data or the files (including I/O errors).
pub const EXIT_DATA: i32 = 1;
/// Exit code for a usage error (unknown flag, bad option value); clap's convention.
pub const EXIT_USAGE: i32 = 2;

/// A problem with the user's data, located as precisely as we can. The details are boxed so
/// that `Result<T, DataError>` stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError(Box<DataErrorDetail>);

/// What kind of problem a [`DataError`] is, for the program (users read the message).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Data,
    /// Text that is not UTF-8 (it may be in another encoding).
    NotUtf8,
}

/// Where a [`DataError`] is and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DataErrorDetail {
    pub kind: Kind,
    pub file: Option<String>,
    /// Spreadsheet row number (header = 1, first data row = 2).
    pub row: Option<u64>,
    pub column: Option<String>,
    pub id: Option<String>,
    /// What is wrong, and what was expected.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl DataError {
    pub fn new(message: impl Into<String>) -> Self {
        DataError(Box::new(DataErrorDetail {
            message: message.into(),
            ..Default::default()
        }))
    }

    pub fn file(mut self, file: impl Into<String>) -> Self {
        self.0.file = Some(file.into());
        self
    }

    pub fn row(mut self, row: u64) -> Self {
        self.0.row = Some(row);
        self
    }

    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.0.column = Some(column.into());
        self
    }

    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.0.id = Some(id.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.0.hint = Some(hint.into());
        self
    }

    pub fn kind(mut self, kind: Kind) -> Self {
        self.0.kind = kind;
        self
    }
}

impl std::ops::Deref for DataError {
    type Target = DataErrorDetail;

    fn deref(&self) -> &DataErrorDetail {
        &self.0
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = Vec::new();
        if let Some(file) = &self.file {
            place.push(file.clone());
        }
        if let Some(row) = self.row {
            place.push(format!("row {row}"));
        }
        if let Some(id) = &self.id {
            place.push(format!("id \"{id}\""));
        }
        if let Some(col) = &self.column {
            place.push(format!("column \"{col}\""));
        }
        if place.is_empty() {
            write!(f, "{}", self.message)?;
        } else {
            write!(f, "{}: {}", place.join(", "), self.message)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DataError {}

/// The first `max` of `items` joined by ", ", then how many more there are: a message about
/// a column of a million labels stays readable.
pub fn list_some<'a>(items: impl IntoIterator<Item = &'a str>, max: usize) -> String {
    let mut items = items.into_iter();
    let shown: Vec<&str> = items.by_ref().take(max).collect();
    let more = items.count();
    let mut out = shown.join(", ");
    if more > 0 {
        out.push_str(&format!(" and {more} more"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_some_counts_what_it_leaves_out() {
        assert_eq!(list_some(["a", "b"], 10), "a, b");
        assert_eq!(list_some(["a", "b", "c"], 2), "a, b and 1 more");
        assert_eq!(list_some([], 2), "");
    }

    #[test]
    fn message_names_the_place_and_the_fix() {
        let e = DataError::new("expected a number, found \"3分\"")
            .file("pre.csv")
            .row(7)
            .column("total")
            .hint("correct the cell or leave it empty");
        assert_eq!(
            e.to_string(),
            "pre.csv, row 7, column \"total\": expected a number, found \"3分\"\n  hint: correct the cell or leave it empty"
        );
    }
}
