//! JSON: the whole result tree, pretty-printed (schema in `docs/json.md`).

use crate::model::Report;

pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("the report serializes");
    s.push('\n');
    s
}
