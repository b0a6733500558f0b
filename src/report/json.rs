//! JSON: the whole result tree, pretty-printed (schema in `docs/json.md`), with the
//! per-participant `change` table last and one row per line: for a million participants and
//! five scales, 5 million lines instead of 50 million, and a third of the bytes.
//!
//! The rows are made and formatted block by block, in parallel, as they are written (never
//! held all at once), by [`push_row`]: the bytes `serde_json` writes for a [`ChangeRow`]
//! (a test holds the two to each other), its values written by serde_json one by one.

use crate::model::{ChangeRow, Report};
use rayon::prelude::*;
use std::io::Write;

/// Rows formatted at a time by one worker.
const BLOCK: usize = 8192;

/// Writes the report.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut head = serde_json::to_vec_pretty(report).map_err(std::io::Error::other)?;
    // reopen the object (it ends with "}") and append "change"
    debug_assert_eq!(head.last(), Some(&b'}'));
    head.pop();
    while head.last().is_some_and(|b| b.is_ascii_whitespace()) {
        head.pop();
    }
    head.extend_from_slice(b",\n  \"change\": [");
    out.write_all(&head)?;
    let table = &report.change;
    let blocks: Vec<(usize, usize)> = (0..table.scales())
        .flat_map(|k| (0..table.scale_len(k)).step_by(BLOCK).map(move |s| (k, s)))
        .collect();
    // a few blocks per worker at a time, so that memory stays bounded
    for (b, batch) in blocks
        .chunks(8 * rayon::current_num_threads().max(1))
        .enumerate()
    {
        let texts: Vec<Vec<u8>> = batch
            .par_iter()
            .enumerate()
            .map(|(i, &(k, start))| {
                let mut text = Vec::with_capacity(BLOCK * 128);
                for (j, row) in table.rows_of_scale(k, start).take(BLOCK).enumerate() {
                    let first = b == 0 && i == 0 && j == 0;
                    text.extend_from_slice(if first { b"\n    " } else { b",\n    " });
                    push_row(&mut text, &row);
                }
                text
            })
            .collect();
        for t in texts {
            out.write_all(&t)?;
        }
    }
    if !table.is_empty() {
        out.write_all(b"\n  ")?;
    }
    out.write_all(b"]\n}\n")
}

/// Appends a row as `serde_json::to_writer` writes it.
pub fn push_row(out: &mut Vec<u8>, r: &ChangeRow) {
    out.extend_from_slice(b"{\"id\":");
    push_str(out, r.id);
    out.extend_from_slice(b",\"scale\":");
    push_str(out, r.scale);
    if let Some(g) = r.group {
        out.extend_from_slice(b",\"group\":");
        push_str(out, g);
    }
    out.extend_from_slice(b",\"pre\":");
    push_f64(out, Some(r.pre));
    out.extend_from_slice(b",\"post\":");
    push_f64(out, Some(r.post));
    out.extend_from_slice(b",\"change\":");
    push_f64(out, Some(r.change));
    out.extend_from_slice(b",\"rci\":");
    push_f64(out, r.rci);
    out.extend_from_slice(b",\"rci_class\":");
    match r.rci_class {
        Some(c) => push_str(out, c),
        None => out.extend_from_slice(b"null"),
    }
    if let Some(c) = r.clinical_class {
        out.extend_from_slice(b",\"clinical_class\":");
        push_str(out, c);
    }
    out.push(b'}');
}

/// A number as serde_json writes an f64 (null when not finite); whole numbers, most scores,
/// directly as "37.0".
fn push_f64(out: &mut Vec<u8>, v: Option<f64>) {
    match v {
        Some(x) if x.abs() < 1e15 && x != 0.0 && (x as i64) as f64 == x => {
            out.extend_from_slice(itoa::Buffer::new().format(x as i64).as_bytes());
            out.extend_from_slice(b".0");
        }
        _ => serde_json::to_writer(out, &v.filter(|x| x.is_finite())).expect("writing to memory"),
    }
}

/// A string as serde_json writes it.
fn push_str(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(out, s).expect("writing to memory");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_written_as_serde_json_writes_them() {
        let texts = [
            "P1",
            "a\"b\\c",
            "tab\there\nnew\rline",
            "\u{1}\u{8}\u{c}\u{1f}",
            "题",
            "",
        ];
        let numbers = [
            0.0,
            -0.0,
            14.0,
            -3.0,
            2.5,
            1e16,
            999999999999999.0,
            -123456789.0,
            1.0 / 3.0,
            -1e-7,
            123456789.125,
        ];
        for (i, &id) in texts.iter().enumerate() {
            for (j, &x) in numbers.iter().enumerate() {
                let row = ChangeRow {
                    id,
                    scale: texts[(i + 1) % texts.len()],
                    group: (j % 2 == 0).then_some(texts[(i + j) % texts.len()]),
                    pre: x,
                    post: numbers[(j + 3) % numbers.len()],
                    change: numbers[(j + 5) % numbers.len()] - x,
                    rci: (j % 3 != 0).then_some(x * 0.7),
                    rci_class: (j % 3 != 0).then_some("no_reliable_change"),
                    clinical_class: (j % 4 == 1).then_some("recovered"),
                };
                let mut ours = Vec::new();
                push_row(&mut ours, &row);
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    serde_json::to_string(&row).unwrap()
                );
            }
        }
    }
}
