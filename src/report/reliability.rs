//! Rendering the `reliability` report: a table of alphas, one of item statistics, per format.

use super::human::{fmt_num, Align, Block, HumanReport};
use super::tables::{col, Cell, Table};
use super::{delimited, markdown, terminal, Format, RenderOptions};
use crate::model::ReliabilityReport;
use crate::stats::Alternative;

fn human(r: &ReliabilityReport, opts: &RenderOptions) -> HumanReport {
    let dg = opts.digits.max(2);
    let level = super::human::fmt_level(r.conf_level);
    let alphas = Block {
        title: "Cronbach's alpha".into(),
        headers: vec![
            "Scale".into(),
            "Items".into(),
            "n".into(),
            "Alpha".into(),
            format!("{level}% CI (Feldt)"),
            "Std. alpha".into(),
            "Mean r".into(),
        ],
        align: vec![
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
        ],
        rows: r
            .scales
            .iter()
            .map(|s| {
                vec![
                    s.scale.clone(),
                    s.k.to_string(),
                    s.n.to_string(),
                    s.alpha.map_or_else(
                        || format!("not computed: {}", s.note.clone().unwrap_or_default()),
                        |a| fmt_num(Some(a), dg),
                    ),
                    super::human::fmt_ci(s.ci_low, s.ci_high, dg, Alternative::TwoSided),
                    fmt_num(s.alpha_std, dg),
                    fmt_num(s.average_r, dg),
                ]
            })
            .collect(),
    };
    let mut item_rows = Vec::new();
    for s in &r.scales {
        for it in &s.items {
            item_rows.push(vec![
                s.scale.clone(),
                format!("{}{}", it.item, if it.reversed { " (R)" } else { "" }),
                fmt_num(it.r_drop, dg),
                fmt_num(it.alpha_if_deleted, dg),
            ]);
        }
    }
    let items = Block {
        title: "Items (R = reverse-keyed)".into(),
        headers: [
            "Scale",
            "Item",
            "Corrected item-total r",
            "Alpha if deleted",
        ]
        .map(String::from)
        .to_vec(),
        align: vec![Align::Left, Align::Left, Align::Right, Align::Right],
        rows: item_rows,
    };
    HumanReport {
        title: format!("prepost reliability: {}", r.scale),
        preamble: vec![
            format!(
                "Data: {} ({} respondents).",
                r.files.join(", "),
                r.respondents
            ),
            format!(
                "Rows used: {} ({}). Reverse-keyed items are keyed before alpha is computed.",
                match r.missing {
                    crate::stats::reliability::AlphaMissing::Listwise => "complete cases",
                    crate::stats::reliability::AlphaMissing::Pairwise =>
                        "pairwise complete for each pair of items",
                },
                serde_json::to_value(r.missing)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            ),
        ],
        summary_title: String::new(),
        summary: Vec::new(),
        blocks: vec![alphas, items],
        notes_title: "Notes".into(),
        notes: Vec::new(),
    }
}

fn items_table(r: &ReliabilityReport) -> Table {
    let keys = [
        "scale",
        "alpha",
        "alpha_std",
        "ci_low",
        "ci_high",
        "n",
        "k",
        "item",
        "reversed",
        "r_drop",
        "alpha_if_deleted",
        "note",
    ];
    let mut rows = Vec::new();
    for s in &r.scales {
        let row = |item: [Cell; 4]| -> Vec<Cell> {
            let mut row = vec![
                Cell::Text(s.scale.clone()),
                Cell::Num(s.alpha),
                Cell::Num(s.alpha_std),
                Cell::Num(s.ci_low),
                Cell::Num(s.ci_high),
                Cell::Count(s.n),
                Cell::Count(s.k),
            ];
            row.extend(item);
            row.push(Cell::Text(s.note.clone().unwrap_or_default()));
            row
        };
        if s.items.is_empty() {
            // no alpha: one row that says why, not a header alone
            let none = || Cell::Text(String::new());
            rows.push(row([none(), none(), Cell::Num(None), Cell::Num(None)]));
        }
        for it in &s.items {
            rows.push(row([
                Cell::Text(it.item.clone()),
                Cell::Text(it.reversed.to_string()),
                Cell::Num(it.r_drop),
                Cell::Num(it.alpha_if_deleted),
            ]));
        }
    }
    Table {
        name: "reliability",
        title: "Reliability",
        columns: keys.iter().map(|k| col(k, k)).collect(),
        rows,
    }
}

pub fn render(r: &ReliabilityReport, format: Format, opts: &RenderOptions) -> Vec<u8> {
    let text = match format {
        Format::Terminal => terminal::render(&human(r, opts)),
        Format::Markdown => markdown::render(&human(r, opts)),
        Format::Html => super::html::document(&human(r, opts), opts.lang),
        Format::Latex => super::latex::tables(&human(r, opts)),
        Format::Csv => delimited::render(&items_table(r), b','),
        Format::Tsv => delimited::render(&items_table(r), b'\t'),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(r).expect("the report serializes");
            s.push('\n');
            s
        }
        Format::Docx => {
            let typeset = RenderOptions {
                minus: "\u{2212}",
                ..*opts
            };
            let h = human(r, &typeset);
            let meta = super::docx::meta(&r.prepost_version, &r.files.join(", "));
            return super::docx::page(&h, opts.lang, &h.title, &meta, &[]);
        }
    };
    text.into_bytes()
}
