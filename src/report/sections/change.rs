//! Which child changed, in the readable reports: per scale every participant's pre, post,
//! change, RCI and class, ordered from the most improved, and the Jacobson–Truax plot (in
//! [`super::figures`]). Left out above [`AUTO_LIMIT`](crate::analysis::compare::AUTO_LIMIT) participants or with `--no-participants`
//! (change.csv has every row).

use super::tables::{change_cells, change_columns};
use crate::model::{ChangeRow, Report, ScaleResult};
use crate::report::doc::number::fmt_num;
use crate::report::doc::words::Text;
use crate::report::doc::Stream;
use crate::report::doc::{Align, Block, Role, Section, Table};
use crate::report::RenderOptions;
use std::collections::HashMap;

/// The rows of a scale, the most improved first (by the scale's direction; ties by id).
pub fn ordered<'a>(report: &'a Report, s: &ScaleResult) -> Vec<ChangeRow<'a>> {
    let higher = s.rci.as_ref().is_none_or(|r| r.higher_is_better);
    let mut rows: Vec<ChangeRow> = report.change.rows_of(&s.scale).collect();
    rows.sort_by(|a, b| {
        let (x, y) = if higher {
            (b.change, a.change)
        } else {
            (a.change, b.change)
        };
        x.total_cmp(&y).then_with(|| a.id.cmp(b.id))
    });
    rows
}

/// The words of an RCI or clinical class.
fn class_words(t: &Text, rci: Option<&str>, clinical: Option<&str>) -> (String, String) {
    let rci = match rci {
        Some("reliably_improved") => t.improved,
        Some("reliably_deteriorated") => t.deteriorated,
        Some("no_reliable_change") => t.no_change,
        _ => "",
    };
    let clinical = clinical.map_or("", |c| t.clinical(c));
    (rci.to_string(), clinical.to_string())
}

/// One table per scale.
pub fn blocks(report: &Report, dg: usize, t: &Text) -> Vec<Table> {
    if !report.options.participants {
        return Vec::new();
    }
    let grouped = report.options.group.is_some();
    let clinical = report.change.rows().any(|r| r.clinical_class.is_some());
    let mut out = Vec::new();
    for s in &report.scales {
        let rows = ordered(report, s);
        if rows.is_empty() {
            continue;
        }
        let mut headers = vec![t.id.to_string()];
        if grouped {
            headers.push(t.group.to_string());
        }
        headers.extend([
            t.pre.to_string(),
            t.post.to_string(),
            t.change.to_string(),
            "RCI".to_string(),
            t.class.to_string(),
        ]);
        if clinical {
            headers.push(t.clinical_class.to_string());
        }
        let lead = if grouped { 2 } else { 1 };
        let mut align = vec![Align::Left; lead];
        align.extend([Align::Right; 4]);
        align.push(Align::Left);
        if clinical {
            align.push(Align::Left);
        }
        let body = rows
            .iter()
            .map(|r| {
                let mut row = vec![r.id.to_string()];
                if grouped {
                    row.push(r.group.unwrap_or_default().to_string());
                }
                let (rci, clin) = class_words(t, r.rci_class, r.clinical_class);
                row.extend([
                    fmt_num(Some(r.pre), dg),
                    fmt_num(Some(r.post), dg),
                    fmt_num(Some(r.change), dg),
                    fmt_num(r.rci, dg),
                    rci,
                ]);
                if clinical {
                    row.push(clin);
                }
                row
            })
            .collect();
        out.push(Table::text(
            format!(
                "{}{}{}",
                t.per_participant,
                t.colon,
                report.score_name(&s.scale, t.lang)
            ),
            headers,
            align,
            body,
        ));
    }
    out
}

/// At most this many participant rows are listed in the overview (change.csv holds them all).
const MAX_OVERVIEW_ROWS: usize = 500;

/// One row per participant, one column per scale: the change with a mark for reliable change
/// (and recovery with a cut-off), when any participant has a reliable change index (the HTML
/// report's overview; change.csv has every value).
pub fn overview(report: &Report, opts: &RenderOptions) -> Option<Section> {
    if !report.change.rows().any(|r| r.rci.is_some()) {
        return None;
    }
    let t = Text::of(opts.lang);
    let scales: Vec<&str> = report.scales.iter().map(|s| s.scale.as_str()).collect();
    let column: HashMap<&str, usize> = scales.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    // participants in order of appearance: id → row
    let mut row_of: HashMap<&str, usize> = HashMap::new();
    let mut table_rows: Vec<(&str, Option<&str>, Vec<String>)> = Vec::new();
    for r in report.change.rows() {
        let next = row_of.len();
        let row = *row_of.entry(r.id).or_insert(next);
        if row >= MAX_OVERVIEW_ROWS {
            continue;
        }
        if row == table_rows.len() {
            table_rows.push((r.id, r.group, vec![String::new(); scales.len()]));
        }
        let mark = match (r.rci_class, r.clinical_class) {
            (_, Some("recovered")) => " \u{2191}R",
            (Some("reliably_improved"), _) => " \u{2191}",
            (Some("reliably_deteriorated"), _) => " \u{2193}",
            _ => "",
        };
        if let Some(&c) = column.get(r.scale) {
            table_rows[row].2[c] = format!("{}{mark}", fmt_num(Some(r.change), opts.digits));
        }
    }
    let grouped = report.options.group.is_some();
    let mut headers = vec![t.id.to_string()];
    let mut align = vec![Align::Left];
    if grouped {
        headers.push(t.group.to_string());
        align.push(Align::Left);
    }
    headers.extend(scales.iter().map(|s| report.score_name(s, opts.lang)));
    align.extend(scales.iter().map(|_| Align::Right));
    let rows: Vec<Vec<String>> = table_rows
        .into_iter()
        .map(|(id, group, cells)| {
            let mut row = vec![id.to_string()];
            if grouped {
                row.push(group.unwrap_or_default().to_string());
            }
            row.extend(cells);
            row
        })
        .collect();
    let clinical = report.change.rows().any(|r| r.clinical_class.is_some());
    let mut blocks = vec![
        Block::Table(Table::text(String::new(), headers, align, rows)),
        Block::Legend(format!(
            "{}{}",
            t.change_legend,
            if clinical { t.recovered_legend } else { "" }
        )),
    ];
    if row_of.len() > MAX_OVERVIEW_ROWS {
        blocks.push(Block::Legend(format!(
            "{} / {} (change.csv)",
            MAX_OVERVIEW_ROWS,
            row_of.len()
        )));
    }
    Some(Section::new(
        Role::Participants,
        "participants",
        t.per_participant,
        blocks,
    ))
}

/// Rows of the change table made at a time by one worker.
const CHANGE_BLOCK: usize = 8192;

/// Every participant's change on every scale (`change.csv`), made block by block as it is
/// written.
pub fn stream(report: &Report) -> Stream<'_> {
    let grouped = report.options.group.is_some();
    let table = &report.change;
    let blocks: Vec<(usize, usize)> = (0..table.scales())
        .flat_map(|k| {
            (0..table.scale_len(k))
                .step_by(CHANGE_BLOCK)
                .map(move |s| (k, s))
        })
        .collect();
    Stream {
        keys: Some(
            change_columns(report)
                .into_iter()
                .map(|c| c.key.into_owned())
                .collect(),
        ),
        blocks: blocks.len(),
        rows: Box::new(move |b, rows| {
            let (k, start) = blocks[b];
            rows.extend(
                table
                    .rows_of_scale(k, start)
                    .take(CHANGE_BLOCK)
                    .map(|r| change_cells(&r, grouped)),
            );
        }),
    }
}
