//! A table of scores read from one input (score-level `compare`): each column as numbers, and
//! the label columns (id, group, time) as text. Cells follow [`super::cell`]; a column is
//! classified by its cells so that the columns to compare can be chosen, and a cell that is
//! not a number is reported by file, row and column. Rows are numbered as a spreadsheet shows
//! them: the header is row 1.

use crate::error::DataError;
use crate::io::cell::{
    looks_like_a_number, number_hint, parse_number, read_label, shown, MissingCodes,
};
use crate::io::reader::{self, Consumer, Piece};
use crate::io::sav::ValueLabels;
use crate::io::source::Source;
use std::sync::Arc;

/// A column of labels: text, "" where the cell is empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels {
    text: String,
    ends: Vec<usize>,
}

impl Labels {
    /// The label of row `i`; None for an empty cell.
    pub fn get(&self, i: usize) -> Option<&str> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        let s = &self.text[start..self.ends[i]];
        (!s.is_empty()).then_some(s)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn push(&mut self, label: Option<&str>) {
        self.text.push_str(label.unwrap_or(""));
        self.ends.push(self.text.len());
    }

    /// Appends the labels of `other`.
    pub fn extend_from(&mut self, other: Labels) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.into_iter().map(|e| e + base));
    }

    /// Labels from text (None or "" where missing).
    pub fn from_strings<'a>(labels: impl Iterator<Item = Option<&'a str>>) -> Labels {
        let mut out = Labels::default();
        for l in labels {
            out.push(l);
        }
        out
    }

    /// The labels of the given rows.
    pub fn take(&self, rows: &[usize]) -> Labels {
        let mut out = Labels::default();
        for &r in rows {
            out.push(self.get(r));
        }
        out
    }

    pub fn iter(&self) -> impl Iterator<Item = Option<&str>> {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// The line each row of an input starts on, kept as runs of consecutive lines: a file with a
/// row on every line is one run, however long.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lines {
    /// (first row, its line) of each run.
    runs: Vec<(usize, u64)>,
    len: usize,
}

impl Lines {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The line of row `i`.
    pub fn get(&self, i: usize) -> u64 {
        let run = self.runs.partition_point(|&(first, _)| first <= i) - 1;
        let (first, line) = self.runs[run];
        line + (i - first) as u64
    }

    /// Adds a row on `line`.
    #[inline]
    pub fn push(&mut self, line: u64) {
        let continues = self
            .runs
            .last()
            .is_some_and(|&(first, start)| start + (self.len - first) as u64 == line);
        if !continues {
            self.runs.push((self.len, line));
        }
        self.len += 1;
    }

    /// Appends the rows of `other`.
    pub fn extend_from(&mut self, other: &Lines) {
        for (k, &(first, line)) in other.runs.iter().enumerate() {
            let end = other.runs.get(k + 1).map_or(other.len, |r| r.0);
            self.push(line);
            let rest = end - first - 1;
            if rest > 0 {
                // the run goes on: its remaining rows follow the one just pushed
                self.len += rest;
            }
        }
    }

    /// The lines of the given rows.
    pub fn take(&self, rows: &[usize]) -> Lines {
        let mut out = Lines::default();
        for &r in rows {
            out.push(self.get(r));
        }
        out
    }

    /// Every row's line.
    pub fn to_vec(&self) -> Vec<u64> {
        (0..self.len).map(|i| self.get(i)).collect()
    }
}

/// What the cells of a column look like.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnKind {
    /// Every non-missing cell is a number (and there is at least one).
    Numeric,
    /// No cell is a number (names, dates, labels).
    Text,
    /// Every cell is missing (empty, or a missing code).
    Empty,
    /// Some numbers (`numbers` of the `filled` non-missing cells), but this cell is not one.
    Mixed {
        row: u64,
        value: String,
        numbers: usize,
        filled: usize,
    },
}

/// One column of numbers.
#[derive(Debug, Clone, Default)]
struct Numbers {
    /// NaN where the cell is missing or not a number.
    values: Vec<f64>,
    /// Cells that read as numbers of any size.
    numbers: usize,
    /// Cells that are not missing.
    filled: usize,
    /// The first cell that is not a usable number: (row, text, why).
    first_bad: Option<(u64, String, &'static str)>,
}

impl Numbers {
    fn extend(&mut self, other: Numbers) {
        self.values.extend(other.values);
        self.numbers += other.numbers;
        self.filled += other.filled;
        if self.first_bad.is_none() {
            self.first_bad = other.first_bad;
        }
    }
}

/// A column of the table.
#[derive(Debug, Clone)]
enum Column {
    Numbers(Numbers),
    Labels(Labels),
    /// A column without a name (empty throughout).
    Unnamed,
}

/// A table read from one input.
#[derive(Debug, Clone)]
pub struct Table {
    /// The input as the user named it (used in messages).
    pub source: String,
    /// Column names, in file order (unnamed columns left out).
    names: Vec<String>,
    columns: Vec<Column>,
    /// Spreadsheet row number of each data row (the header is row 1).
    pub rows: Lines,
    /// The value labels of the input's columns (an SPSS file's).
    pub value_labels: Arc<ValueLabels>,
}

/// Reads a table; `labels` names the columns read as labels (id, group, time), the others are
/// read as numbers with `missing` as the missing codes.
pub fn read_table(
    source: &Source,
    labels: &[&str],
    missing: &MissingCodes,
) -> Result<Table, DataError> {
    struct Builder<'a> {
        /// Per column of the file: a label column, a number column, or unnamed.
        plan: Vec<Column>,
        missing: &'a MissingCodes,
        table: Table,
    }
    impl Consumer for Builder<'_> {
        type Part = (Vec<Column>, Lines);
        fn process(&self, piece: &Piece) -> Result<Self::Part, DataError> {
            let n = piece.size_hint();
            let mut columns: Vec<Column> = self
                .plan
                .iter()
                .map(|c| match c {
                    Column::Numbers(_) => Column::Numbers(Numbers {
                        values: Vec::with_capacity(n),
                        ..Numbers::default()
                    }),
                    Column::Labels(_) => Column::Labels(Labels::default()),
                    Column::Unnamed => Column::Unnamed,
                })
                .collect();
            let mut rows = Lines::default();
            piece.for_each(|record| {
                for (i, column) in columns.iter_mut().enumerate() {
                    let raw = record.field(i);
                    match column {
                        Column::Numbers(col) => {
                            let v = number(col, raw, record.line, self.missing);
                            col.values.push(v);
                        }
                        Column::Labels(col) => col.push(read_label(raw).as_deref()),
                        Column::Unnamed => {}
                    }
                }
                rows.push(record.line);
                Ok(())
            })?;
            Ok((columns, rows))
        }
        fn merge(&mut self, (columns, rows): Self::Part) -> Result<(), DataError> {
            for (mine, theirs) in self.table.columns.iter_mut().zip(columns) {
                match (mine, theirs) {
                    (Column::Numbers(a), Column::Numbers(b)) => a.extend(b),
                    (Column::Labels(a), Column::Labels(b)) => a.extend_from(b),
                    _ => {}
                }
            }
            self.table.rows.extend_from(&rows);
            Ok(())
        }
    }
    let (_, builder) = reader::read(source, |header| {
        let plan: Vec<Column> = header
            .names
            .iter()
            .map(|name| {
                if name.is_empty() {
                    Column::Unnamed
                } else if labels.contains(&name.as_str()) {
                    Column::Labels(Labels::default())
                } else {
                    Column::Numbers(Numbers::default())
                }
            })
            .collect();
        Ok(Builder {
            table: Table {
                source: source.name.clone(),
                names: header.names.clone(),
                columns: plan.clone(),
                rows: Lines::default(),
                value_labels: source.value_labels().clone(),
            },
            plan,
            missing,
        })
    })?;
    let mut table = builder.table;
    // unnamed columns are empty throughout (the reader checks): drop them
    let keep: Vec<bool> = table.names.iter().map(|n| !n.is_empty()).collect();
    let mut k = keep.iter();
    table.names.retain(|_| *k.next().unwrap_or(&true));
    let mut k = keep.iter();
    table.columns.retain(|_| *k.next().unwrap_or(&true));
    Ok(table)
}

/// Reads one cell of a number column, counting what it is.
#[inline]
fn number(col: &mut Numbers, raw: &[u8], row: u64, missing: &MissingCodes) -> f64 {
    use crate::io::cell::{read_number, Number};
    match read_number(raw, missing) {
        Number::Missing => f64::NAN,
        Number::Value(v) => {
            col.numbers += 1;
            col.filled += 1;
            v
        }
        Number::Invalid(_) => {
            col.filled += 1;
            let cell = String::from_utf8_lossy(raw);
            let cell = cell.trim();
            // a number out of range ("1e308", "inf") still makes the column numeric: its cell
            // is then reported, rather than the column skipped as text
            if looks_like_a_number(cell) {
                col.numbers += 1;
            }
            if col.first_bad.is_none() {
                let why = parse_number(cell).err().unwrap_or("expected a number");
                col.first_bad = Some((row, cell.to_string(), why));
            }
            f64::NAN
        }
    }
}

impl Table {
    /// Column names in file order.
    pub fn columns(&self) -> &[String] {
        &self.names
    }

    pub fn has_column(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    pub fn height(&self) -> usize {
        self.rows.len()
    }

    fn column(&self, name: &str) -> Option<&Column> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| &self.columns[i])
    }

    /// The cells of a label column (read as such: see [`read_table`]).
    pub fn labels(&self, name: &str) -> Option<&Labels> {
        match self.column(name) {
            Some(Column::Labels(l)) => Some(l),
            _ => None,
        }
    }

    /// The cells of a label column as the levels of a grouping variable: labelled values named
    /// by their value labels (an SPSS file's gender 1 → "男").
    pub fn levels(&self, name: &str) -> Option<Labels> {
        self.labels(name)
            .map(|l| self.value_labels.levels(name, l.clone()))
    }

    /// Classifies a number column by its cells (a label column is text).
    pub fn kind(&self, name: &str) -> ColumnKind {
        match self.column(name) {
            Some(Column::Numbers(c)) => match (&c.first_bad, c.numbers) {
                (_, 0) if c.filled == 0 => ColumnKind::Empty,
                (_, 0) => ColumnKind::Text,
                (None, _) => ColumnKind::Numeric,
                (Some((row, value, _)), numbers) => ColumnKind::Mixed {
                    row: *row,
                    value: value.clone(),
                    numbers,
                    filled: c.filled,
                },
            },
            _ => ColumnKind::Text,
        }
    }

    /// The column as numbers (NaN = missing); a cell that is not a finite number is an error
    /// naming it.
    pub fn numeric(&self, name: &str) -> Result<&[f64], DataError> {
        match self.column(name) {
            Some(Column::Numbers(c)) => match &c.first_bad {
                None => Ok(&c.values),
                Some((row, value, why)) => {
                    Err(DataError::new(format!("{why}, found \"{}\"", shown(value)))
                        .file(&self.source)
                        .row(*row)
                        .column(name)
                        .hint(number_hint(value)))
                }
            },
            _ => Err(
                DataError::new(format!("has no column of numbers \"{name}\"")).file(&self.source),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn parse(text: &str, labels: &[&str], missing: &[&str]) -> Result<Table, DataError> {
        let source = Source::from_text("t.csv", b',', text.as_bytes().to_vec());
        read_table(&source, labels, &MissingCodes::new(missing))
    }

    #[test]
    fn lines_are_kept_as_runs() {
        let mut a = Lines::default();
        for l in [2, 3, 4, 7, 8, 20] {
            a.push(l);
        }
        assert_eq!(a.runs.len(), 3);
        let mut b = Lines::default();
        for l in [21, 22, 30] {
            b.push(l);
        }
        a.extend_from(&b);
        assert_eq!(a.to_vec(), vec![2, 3, 4, 7, 8, 20, 21, 22, 30]);
        assert_eq!(a.runs.len(), 4, "20 runs on into 21, 22");
        assert_eq!(a.take(&[8, 0]).to_vec(), vec![30, 2]);
    }

    #[test]
    fn labels_numbers_and_missing_codes() {
        let t = parse(
            "\u{feff}id, score,x,\n007, 3,-99.0,\n8,NA,2,\n9,,-99,\n",
            &["id"],
            &["-99"],
        )
        .unwrap();
        assert_eq!(t.columns(), ["id", "score", "x"]);
        let ids: Vec<Option<&str>> = t.labels("id").unwrap().iter().collect();
        assert_eq!(ids, vec![Some("007"), Some("8"), Some("9")]);
        let s = t.numeric("score").unwrap();
        assert_eq!(s[0], 3.0);
        assert!(s[1].is_nan() && s[2].is_nan());
        assert!(t.numeric("x").unwrap()[0].is_nan(), "-99.0 is the code -99");
        assert_eq!(t.rows.to_vec(), vec![2, 3, 4]);
        assert_eq!(t.kind("score"), ColumnKind::Numeric);
    }

    #[test]
    fn bad_numbers_name_row_column_and_value() {
        let e = parse("id,total\n1,3\n2,3分\n3,3,5\n", &["id"], &[]).unwrap_err();
        assert_eq!(e.row, Some(4)); // "3,5" unquoted is a ragged row
        let t = parse("id,total\n1,3\n2,3分\n", &["id"], &[]).unwrap();
        assert_eq!(
            t.kind("total"),
            ColumnKind::Mixed {
                row: 3,
                value: "3分".into(),
                numbers: 1,
                filled: 2
            }
        );
        let e = t.numeric("total").unwrap_err();
        assert_eq!((e.row, e.column.as_deref()), (Some(3), Some("total")));
        assert!(e.to_string().contains("found \"3分\""), "{e}");
        let t = parse("id,total\n1,\"3,5\"\n", &["id"], &[]).unwrap();
        let e = t.numeric("total").unwrap_err();
        assert!(e.hint.as_deref().unwrap().contains("decimal comma"));
        let t = parse("id,total\n1,inf\n2,1e308\n", &["id"], &[]).unwrap();
        assert!(t.numeric("total").unwrap_err().message.contains("finite"));
        assert!(matches!(
            t.kind("total"),
            ColumnKind::Mixed { numbers: 2, .. }
        ));
        let t = parse("id,name\n1,Ann\n", &["id"], &[]).unwrap();
        assert_eq!(t.kind("name"), ColumnKind::Text);
    }
}
