//! Which child changed, in the readable reports: per scale every participant's pre, post,
//! change, RCI and class, ordered from the most improved, and the Jacobson–Truax plot (in
//! [`super::plots`]). Left out above [`AUTO_LIMIT`](crate::analysis::compare::AUTO_LIMIT) participants or with `--no-participants`
//! (change.csv has every row).

use super::human::{Align, Block};
use super::lang::Text;
use super::number::fmt_num;
use crate::model::{ChangeRow, Report, ScaleResult};

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
pub fn blocks(report: &Report, dg: usize, t: &Text) -> Vec<Block> {
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
        out.push(Block {
            title: format!(
                "{}{}{}",
                t.per_participant,
                t.colon,
                report.score_name(&s.scale, t.lang)
            ),
            headers,
            align,
            rows: body,
        });
    }
    out
}
