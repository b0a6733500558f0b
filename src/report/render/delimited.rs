//! CSV and TSV: machine keys as headers, numbers at full precision (the shortest decimal that
//! reads back as the same double), empty cells for values not computed.

use super::super::doc::{Cell, Stream, Table};
use crate::io::frame_out::spreadsheet_safe;
use rayon::prelude::*;
use std::io::Write;

/// A cell as its field: numbers with every digit, text safe for a spreadsheet
/// ([`spreadsheet_safe`]).
fn field(c: &Cell) -> String {
    match c {
        Cell::Text(s) => spreadsheet_safe(s).into_owned(),
        other => other.text().into_owned(),
    }
}

/// Renders a table with the given delimiter.
pub fn render(table: &Table, delimiter: u8) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    w.write_record(
        table
            .columns
            .iter()
            .map(|c| spreadsheet_safe(&c.key).into_owned()),
    )
    .expect("writing to memory");
    for row in &table.rows {
        w.write_record(row.iter().map(field))
            .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("valid UTF-8")
}

/// Writes a stream with the given delimiter: its blocks made and formatted in parallel, a few
/// per worker at a time (so that memory stays bounded), and written in order.
pub fn write_stream(stream: &Stream, delimiter: u8, out: &mut dyn Write) -> std::io::Result<()> {
    let Some(keys) = &stream.keys else {
        return Ok(());
    };
    let mut head = Vec::new();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(&mut head);
        w.write_record(keys.iter().map(|k| spreadsheet_safe(k).into_owned()))?;
        w.flush()?;
    }
    out.write_all(&head)?;
    let blocks: Vec<usize> = (0..stream.blocks).collect();
    for batch in blocks.chunks(8 * rayon::current_num_threads().max(1)) {
        let texts: Vec<Vec<u8>> = batch
            .par_iter()
            .map(|&k| {
                let mut rows = Vec::new();
                (stream.rows)(k, &mut rows);
                let mut text = Vec::with_capacity(rows.len() * 64);
                {
                    let mut w = csv::WriterBuilder::new()
                        .delimiter(delimiter)
                        .from_writer(&mut text);
                    for row in &rows {
                        w.write_record(row.iter().map(field))
                            .expect("writing to memory");
                    }
                    w.flush().expect("writing to memory");
                }
                text
            })
            .collect();
        for t in texts {
            out.write_all(&t)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::super::doc::col;
    use super::*;

    #[test]
    fn writes_full_precision_and_quotes_when_needed() {
        let t = Table::data(
            "t",
            "T",
            vec![col("scale", "Scale"), col("x", "X")],
            vec![
                vec![Cell::Text("a,b".into()), Cell::Num(Some(0.1 + 0.2))],
                vec![Cell::Text("c".into()), Cell::Num(None)],
            ],
        );
        assert_eq!(
            render(&t, b','),
            "scale,x\n\"a,b\",0.30000000000000004\nc,\n"
        );
        assert_eq!(
            render(&t, b'\t'),
            "scale\tx\na,b\t0.30000000000000004\nc\t\n"
        );
    }

    #[test]
    fn streams_blocks_in_order() {
        let stream = Stream {
            keys: Some(vec!["k".into()]),
            blocks: 100,
            rows: Box::new(|k, rows| rows.push(vec![Cell::Count(k)])),
        };
        let mut out = Vec::new();
        write_stream(&stream, b',', &mut out).unwrap();
        let expected: String = std::iter::once("k\n".to_string())
            .chain((0..100).map(|k| format!("{k}\n")))
            .collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        let none = Stream {
            keys: None,
            blocks: 0,
            rows: Box::new(|_, _| {}),
        };
        let mut out = Vec::new();
        write_stream(&none, b',', &mut out).unwrap();
        assert!(out.is_empty());
    }
}
