//! CSV and TSV: machine keys as headers, numbers at full precision (the shortest decimal that
//! reads back as the same double), empty cells for values not computed.

use super::tables::{change_cells, change_columns, Cell, Table};
use crate::model::Report;
use rayon::prelude::*;
use std::io::Write;

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
    w.write_record(table.columns.iter().map(|c| c.key.as_ref()))
        .expect("writing to memory");
    for row in &table.rows {
        let fields: Vec<String> = row.iter().map(cell_text).collect();
        w.write_record(&fields).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("valid UTF-8")
}

/// Rows of the change table formatted at a time by one worker.
const CHANGE_BLOCK: usize = 8192;

/// Writes the table of every participant's change (`change.csv`) with the given delimiter:
/// the rows made and formatted block by block, in parallel, as they are written.
pub fn write_change(report: &Report, delimiter: u8, out: &mut dyn Write) -> std::io::Result<()> {
    let grouped = report.options.group.is_some();
    let mut head = Vec::new();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(&mut head);
        w.write_record(change_columns(report).iter().map(|c| c.key.as_ref()))?;
        w.flush()?;
    }
    out.write_all(&head)?;
    let table = &report.change;
    let blocks: Vec<(usize, usize)> = (0..table.scales())
        .flat_map(|k| {
            (0..table.scale_len(k))
                .step_by(CHANGE_BLOCK)
                .map(move |s| (k, s))
        })
        .collect();
    // a few blocks per worker at a time, so that memory stays bounded
    for batch in blocks.chunks(8 * rayon::current_num_threads().max(1)) {
        let texts: Vec<Vec<u8>> = batch
            .par_iter()
            .map(|&(k, start)| {
                let mut text = Vec::with_capacity(CHANGE_BLOCK * 64);
                {
                    let mut w = csv::WriterBuilder::new()
                        .delimiter(delimiter)
                        .from_writer(&mut text);
                    for r in table.rows_of_scale(k, start).take(CHANGE_BLOCK) {
                        let cells = change_cells(&r, grouped);
                        w.write_record(cells.iter().map(cell_text))
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

/// Writes every participant's score at every wave and reliable change at each other wave against
/// the pre-test (`change_waves.csv`, a study of three or more waves): id, scale, group (with
/// `--group`), `score_<wave>` per wave, then per wave other than the pre-test `change_<wave>`
/// (against the pre-test), `rci_<wave>` and `class_<wave>` (by the pre/post comparison's S_diff).
/// Participants without a score at every wave are not in it (`attrition.incomplete_by_scale`).
pub fn write_change_waves(
    report: &Report,
    delimiter: u8,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let grouped = report.options.group.is_some();
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out);
    let mut header_written = false;
    for s in &report.scales {
        let Some(aw) = report.change.across_waves(&s.scale) else {
            continue;
        };
        let later: Vec<usize> = (0..aw.labels.len()).filter(|&w| w != aw.pre).collect();
        if !header_written {
            let mut head: Vec<String> = vec!["id".into(), "scale".into()];
            if grouped {
                head.push("group".into());
            }
            head.extend(aw.labels.iter().map(|l| format!("score_{l}")));
            for &l in &later {
                for what in ["change", "rci", "class"] {
                    head.push(format!("{what}_{}", aw.labels[l]));
                }
            }
            w.write_record(&head)?;
            header_written = true;
        }
        let values = &aw.series.values;
        let rules: Vec<Vec<crate::model::ChangeRule>> =
            later.iter().map(|&l| aw.rules_at(l)).collect();
        let mut record: Vec<String> = Vec::new();
        for (i, id) in aw.ids.iter().enumerate() {
            record.clear();
            record.push(id.to_string());
            record.push(s.scale.clone());
            if grouped {
                record.push(aw.groups[i].unwrap_or_default().to_string());
            }
            record.extend(values.iter().map(|v| full_precision(Some(v[i]))));
            let pre = values[aw.pre][i];
            for (k, &l) in later.iter().enumerate() {
                let (rci, class, _) = rules[k][i].classify(pre, values[l][i]);
                record.push(full_precision(Some(values[l][i] - pre)));
                record.push(full_precision(rci));
                record.push(class.map(|c| c.as_str()).unwrap_or_default().to_string());
            }
            w.write_record(&record)?;
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tables::col;

    #[test]
    fn writes_full_precision_and_quotes_when_needed() {
        let t = Table {
            name: "t",
            title: "T",
            columns: vec![col("scale", "Scale"), col("x", "X")],
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
