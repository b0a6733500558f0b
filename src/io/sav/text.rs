//! A system file as prepost reads every input: CSV text (the one reader, [`crate::io::reader`],
//! then reads it as it reads a CSV file), with what the text cannot carry kept beside it: the
//! value labels, and how many user-missing values became missing.
//!
//! - a variable's name is its column (the long name);
//! - a number is written so that it reads back to the same `f64` (whole numbers without ".0",
//!   others as the shortest decimal that round-trips: ryu); the system-missing value and every
//!   user-missing value or range are an empty cell (as `haven::read_sav(user_na = FALSE)`);
//! - a date, date-time or time variable is ISO text ("2024-03-01", "2024-03-01 08:30:15",
//!   "27:30:00"), as haven gives `Date`, `POSIXct` and `hms`;
//! - a string is its text without trailing blanks, quoted as CSV needs.

use super::{Missing, SavFile, Value, VarKind};
use crate::io::frame_out::{csv_writer, push_number};
use crate::io::table::Labels;

/// The value labels of a file's variables (those that have some), by column name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValueLabels {
    columns: Vec<(String, Vec<(Value, String)>)>,
}

impl ValueLabels {
    /// The value labels of a column, in the file's order (empty: none).
    pub fn of(&self, column: &str) -> &[(Value, String)] {
        self.columns
            .iter()
            .find(|(c, _)| c == column)
            .map_or(&[], |(_, l)| l.as_slice())
    }

    /// Whether no column has value labels.
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// The label of a cell of a column (as the CSV text holds it), if its value has one: a
    /// number compared as a number ("1" and "1.0" are the same code), a string as text.
    pub fn label(&self, column: &str, cell: &str) -> Option<&str> {
        let labels = self.of(column);
        if labels.is_empty() {
            return None;
        }
        let number = cell.trim().parse::<f64>().ok();
        labels
            .iter()
            .find(|(v, _)| match v {
                Value::Number(x) => number == Some(*x),
                Value::Text(t) => t == cell.trim_end(),
            })
            .map(|(_, l)| l.as_str())
    }

    /// A column of cells with each labelled value replaced by its label (the level names of
    /// a grouping variable: gender 1 → "男"); None when the column has no value labels.
    pub fn relabel(&self, column: &str, cells: &Labels) -> Option<Labels> {
        if self.of(column).is_empty() {
            return None;
        }
        Some(Labels::from_strings(
            cells
                .iter()
                .map(|c| c.map(|c| self.label(column, c).unwrap_or(c))),
        ))
    }

    /// Sorts the levels of a grouping column that has value labels as haven's `as_factor`
    /// orders them: by their codes (numbers numerically, strings as text), a label standing for
    /// its code and an unlabelled code for itself (gender 1 = 男, 2 = 女: 男 before 女; grade
    /// 一年级, 二年级, 三年级 in the order of 1, 2, 3). Returns false (and leaves the levels as
    /// they are) when the column has no value labels.
    pub fn sort_levels(&self, column: &str, levels: &mut [String]) -> bool {
        let labels = self.of(column);
        if labels.is_empty() {
            return false;
        }
        let code = |level: &str| -> Value {
            match labels.iter().find(|(_, l)| l == level) {
                Some((v, _)) => v.clone(),
                None => match level.trim().parse::<f64>() {
                    Ok(x) => Value::Number(x),
                    Err(_) => Value::Text(level.to_string()),
                },
            }
        };
        levels.sort_by(|a, b| code(a).code_order(&code(b)));
        true
    }

    /// The level names of a grouping column: its cells with labelled values replaced by
    /// their labels (see [`ValueLabels::relabel`]), the cells themselves otherwise.
    pub fn levels(&self, column: &str, cells: Labels) -> Labels {
        self.relabel(column, &cells).unwrap_or(cells)
    }
}

impl Value {
    /// The order of codes: numbers numerically, texts as text (the codes of one variable are
    /// all numbers or all texts; numbers would come first).
    pub fn code_order(&self, other: &Value) -> std::cmp::Ordering {
        match (self, other) {
            (Value::Number(x), Value::Number(y)) => x.total_cmp(y),
            (Value::Text(x), Value::Text(y)) => x.cmp(y),
            (Value::Number(_), Value::Text(_)) => std::cmp::Ordering::Less,
            (Value::Text(_), Value::Number(_)) => std::cmp::Ordering::Greater,
        }
    }
}

/// User-missing values made missing in one variable.
#[derive(Debug, Clone, PartialEq)]
pub struct UserMissing {
    pub variable: String,
    /// How many cells.
    pub count: usize,
    /// The user-missing values as SPSS writes them ("9", "98 thru HI", "\"NA\"").
    pub codes: String,
}

/// A system file as CSV text, and what the text does not carry.
#[derive(Debug, Clone)]
pub struct AsCsv {
    pub text: Vec<u8>,
    pub value_labels: ValueLabels,
    /// Per variable where some were found: the user-missing values made missing.
    pub user_missing: Vec<UserMissing>,
}

/// The file as CSV text (see the module documentation).
pub fn as_csv(mut file: SavFile) -> AsCsv {
    let counts = file.apply_user_missing();
    let user_missing = file
        .variables
        .iter()
        .zip(&counts)
        .filter(|(_, &n)| n > 0)
        .map(|(v, &n)| UserMissing {
            variable: v.name.clone(),
            count: n,
            codes: describe(&v.missing),
        })
        .collect();
    let value_labels = ValueLabels {
        columns: file
            .variables
            .iter()
            .filter(|v| !v.value_labels.is_empty())
            .map(|v| (v.name.clone(), v.value_labels.clone()))
            .collect(),
    };
    // dates and times as ISO text; other numbers as numbers
    let iso: Vec<Option<Vec<Option<String>>>> = (0..file.variables.len())
        .map(|i| match file.variables[i].kind {
            VarKind::Numeric => file.iso_text(i),
            VarKind::Text { .. } => None,
        })
        .collect();
    let mut text = Vec::with_capacity(file.n_cases * (file.variables.len() * 4 + 1) + 64);
    {
        let mut w = csv_writer(&mut text, b',');
        w.write_record(file.variables.iter().map(|v| v.name.as_str()))
            .expect("writing to memory");
        // one buffer per field, reused from case to case
        let mut fields: Vec<Vec<u8>> = vec![Vec::new(); file.columns.len()];
        for case in 0..file.n_cases {
            for (var, (column, field)) in file.columns.iter().zip(&mut fields).enumerate() {
                field.clear();
                match (&iso[var], column) {
                    (Some(iso), _) => {
                        field.extend_from_slice(iso[case].as_deref().unwrap_or("").as_bytes())
                    }
                    (None, super::Column::Numbers(cells)) => {
                        if let Some(v) = cells[case] {
                            push_number(field, v);
                        }
                    }
                    (None, super::Column::Texts(cells)) => {
                        field.extend_from_slice(cells[case].as_deref().unwrap_or("").as_bytes())
                    }
                }
            }
            // (a record of one empty field is written as "", not as a blank line)
            w.write_record(&fields).expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    AsCsv {
        text,
        value_labels,
        user_missing,
    }
}

/// User-missing values as SPSS's MISSING VALUES writes them: `9, 99`, `98 thru HI`, `"NA"`.
fn describe(missing: &Missing) -> String {
    let number = |v: f64| {
        if v == f64::INFINITY {
            "HI".to_string()
        } else if v == f64::NEG_INFINITY {
            "LO".to_string()
        } else {
            let mut out = Vec::new();
            push_number(&mut out, v);
            String::from_utf8(out).unwrap_or_default()
        }
    };
    match missing {
        Missing::None => String::new(),
        Missing::Values(values) => values
            .iter()
            .map(|&v| number(v))
            .collect::<Vec<_>>()
            .join(", "),
        Missing::Range { low, high, value } => {
            let mut s = format!("{} thru {}", number(*low), number(*high));
            if let Some(v) = value {
                s.push_str(&format!(", {}", number(*v)));
            }
            s
        }
        Missing::Strings(values) => values
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HAVEN_BYTE: &[u8] = include_bytes!("../../../tests/data/sav/written/haven-byte.sav");

    #[test]
    fn numbers_read_back_to_the_bit_and_missing_values_are_empty() {
        let file = super::super::read(HAVEN_BYTE, &Default::default()).unwrap();
        let mut expected = file.clone();
        expected.apply_user_missing();
        let out = as_csv(file);
        let mut reader = csv::Reader::from_reader(&out.text[..]);
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        let names: Vec<&str> = expected.variables.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(header, names);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), expected.n_cases);
        let mut numbers = 0;
        for (var, column) in expected.columns.iter().enumerate() {
            if expected.variables[var].format.temporal().is_some() {
                continue;
            }
            for (case, row) in rows.iter().enumerate() {
                match column {
                    super::super::Column::Numbers(cells) => {
                        let read = (!row[var].is_empty()).then(|| row[var].parse::<f64>().unwrap());
                        assert_eq!(read.map(f64::to_bits), cells[case].map(f64::to_bits));
                        numbers += 1;
                    }
                    super::super::Column::Texts(cells) => {
                        assert_eq!(&row[var], cells[case].as_deref().unwrap_or(""));
                    }
                }
            }
        }
        assert!(numbers > 20);
        assert!(!out.user_missing.is_empty());
        assert!(!out.value_labels.is_empty());
    }

    #[test]
    fn a_file_of_one_variable_keeps_its_empty_cases() {
        let mut bytes = Vec::new();
        let values = [1.0, f64::NAN, 2.5];
        let var = super::super::WriteVariable {
            name: "x",
            label: None,
            column: super::super::WriteColumn::Numbers(&values),
            decimals: 1,
            value_labels: &[],
        };
        super::super::write(&mut bytes, &[var], None).unwrap();
        let file = super::super::read(&bytes, &Default::default()).unwrap();
        // a blank line would be skipped by the reader: the case would be lost
        assert_eq!(as_csv(file).text, b"x\n1\n\"\"\n2.5\n");
    }

    #[test]
    fn codes_are_described_and_labelled() {
        assert_eq!(describe(&Missing::Values(vec![9.0, 99.5])), "9, 99.5");
        assert_eq!(
            describe(&Missing::Range {
                low: 98.0,
                high: f64::INFINITY,
                value: Some(-1.0)
            }),
            "98 thru HI, -1"
        );
        assert_eq!(describe(&Missing::Strings(vec!["NA".into()])), "\"NA\"");
        let labels = ValueLabels {
            columns: vec![(
                "gender".into(),
                vec![
                    (Value::Number(1.0), "男".into()),
                    (Value::Number(2.0), "女".into()),
                ],
            )],
        };
        assert_eq!(labels.label("gender", "1"), Some("男"));
        assert_eq!(labels.label("gender", " 2.0"), Some("女"));
        assert_eq!(labels.label("gender", "3"), None);
        assert_eq!(labels.label("age", "1"), None);
        let cells = Labels::from_strings([Some("2"), None, Some("3")].into_iter());
        let relabelled = labels.relabel("gender", &cells).unwrap();
        assert_eq!(
            relabelled.iter().collect::<Vec<_>>(),
            vec![Some("女"), None, Some("3")]
        );
        assert!(labels.relabel("age", &cells).is_none());
        // levels in the order of their codes, an unlabelled code by its value
        let mut levels: Vec<String> = ["女", "3", "男"].map(String::from).to_vec();
        assert!(labels.sort_levels("gender", &mut levels));
        assert_eq!(levels, ["男", "女", "3"]);
        assert!(!labels.sort_levels("age", &mut levels));
    }
}
