//! JSON: the whole result tree, pretty-printed (schema in `docs/json.md`), with the
//! per-participant `change` table last and one row per line: for a million participants and
//! five scales, 5 million lines instead of 50 million, and a third of the bytes.

use crate::model::Report;
use std::io::Write;

pub fn render(report: &Report) -> String {
    let mut out = serde_json::to_vec_pretty(report).expect("the report serializes");
    // reopen the object (it ends with "}") and append "change"
    debug_assert_eq!(out.last(), Some(&b'}'));
    out.pop();
    while out.last().is_some_and(|b| b.is_ascii_whitespace()) {
        out.pop();
    }
    out.reserve(report.change.len() * 120);
    out.extend_from_slice(b",\n  \"change\": [");
    for (i, row) in report.change.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        serde_json::to_writer(&mut out, row).expect("a change row serializes");
    }
    if !report.change.is_empty() {
        out.extend_from_slice(b"\n  ");
    }
    out.extend_from_slice(b"]\n}\n");
    let _ = out.flush();
    String::from_utf8(out).expect("serde_json writes UTF-8")
}
