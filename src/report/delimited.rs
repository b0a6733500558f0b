//! CSV and TSV: machine keys as headers, numbers at full precision (the shortest decimal that
//! reads back as the same double), empty cells for values not computed.

use super::tables::{Cell, Table};

/// A number as the shortest round-trip decimal ("" when missing).
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

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Num(x) | Cell::P(x) => full_precision(*x),
    }
}

/// Renders a table with the given delimiter.
pub fn render(table: &Table, delimiter: u8) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    w.write_record(table.columns.iter().map(|c| c.key))
        .expect("writing to memory");
    for row in &table.rows {
        let fields: Vec<String> = row.iter().map(cell_text).collect();
        w.write_record(&fields).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("valid UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tables::Column;

    #[test]
    fn writes_full_precision_and_quotes_when_needed() {
        let t = Table {
            name: "t",
            title: "T",
            columns: vec![
                Column {
                    key: "scale",
                    label: "Scale",
                },
                Column {
                    key: "x",
                    label: "X",
                },
            ],
            rows: vec![
                vec![Cell::Text("a,b".into()), Cell::Num(Some(0.1 + 0.2))],
                vec![Cell::Text("c".into()), Cell::Num(None)],
            ],
        };
        assert_eq!(
            render(&t, b','),
            "scale,x\n\"a,b\",0.30000000000000004\nc,\n"
        );
        assert_eq!(
            render(&t, b'\t'),
            "scale\tx\na,b\t0.30000000000000004\nc\t\n"
        );
    }
}
