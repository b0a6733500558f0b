//! Rendering the `reliability` report: a table of alphas, one of item statistics, per format.

use super::Parts;
use crate::model::{ReliabilityReport, ScaleAlpha};
use crate::report::doc::number::fmt_num;
use crate::report::doc::words::{Lang, Text, W};
use crate::report::doc::{col, left_then_right, Align, Cell, Doc, Meta, Table};
use crate::report::{Present, RenderOptions};
use crate::stats::reliability::AlphaMissing;
use crate::stats::Alternative;

fn human(r: &ReliabilityReport, opts: &RenderOptions) -> Parts {
    let zh = opts.lang == Lang::Zh;
    let t = Text::of(opts.lang);
    let dg = opts.digits.max(2);
    let level = crate::report::doc::number::fmt_level(r.conf_level);
    let name = |s: &ScaleAlpha| s.labels.get(opts.lang).unwrap_or(&s.scale).to_string();
    let alphas = Table::text(
        W::CronbachsAlpha.pick(zh).into(),
        vec![
            t.scale.into(),
            t.items.into(),
            "n".into(),
            W::Alpha.pick(zh).into(),
            if zh {
                format!("{level}% CI（Feldt 法）")
            } else {
                format!("{level}% CI (Feldt)")
            },
            W::StdAlpha.pick(zh).into(),
            W::MeanR.pick(zh).into(),
        ],
        left_then_right(7),
        r.scales
            .iter()
            .map(|s| {
                vec![
                    name(s),
                    s.k.to_string(),
                    s.n.to_string(),
                    s.alpha.map_or_else(
                        || t.not_computed_because(s.note.as_ref()),
                        |a| fmt_num(Some(a), dg),
                    ),
                    crate::report::doc::number::fmt_ci(
                        s.ci_low,
                        s.ci_high,
                        dg,
                        Alternative::TwoSided,
                    ),
                    fmt_num(s.alpha_std, dg),
                    fmt_num(s.average_r, dg),
                ]
            })
            .collect(),
    );
    let mut item_rows = Vec::new();
    for s in &r.scales {
        for it in &s.items {
            item_rows.push(vec![
                name(s),
                format!("{}{}", it.item, if it.reversed { " (R)" } else { "" }),
                fmt_num(it.r_drop, dg),
                fmt_num(it.alpha_if_deleted, dg),
            ]);
        }
    }
    let items = Table::text(
        W::ItemsRReverseKeyed.pick(zh).into(),
        vec![
            t.scale.into(),
            W::Item.pick(zh).into(),
            W::CorrectedItemTotalR.pick(zh).into(),
            W::AlphaIfDeleted.pick(zh).into(),
        ],
        vec![Align::Left, Align::Left, Align::Right, Align::Right],
        item_rows,
    );
    let scale = r.labels.get(opts.lang).unwrap_or(&r.scale);
    let rows_used = match (r.missing, zh) {
        (AlphaMissing::Listwise, false) => "complete cases (listwise)",
        (AlphaMissing::Pairwise, false) => "pairwise complete for each pair of items (pairwise)",
        (AlphaMissing::Listwise, true) => "所有题目均已作答者（成列删除）",
        (AlphaMissing::Pairwise, true) => "每对题目均已作答者（成对删除）",
    };
    Parts {
        title: if zh {
            format!("信度分析：{scale}")
        } else {
            format!("Reliability: {scale}")
        },
        preamble: vec![
            if zh {
                format!(
                    "数据：{}（{} 名作答者）。",
                    r.files.join("、"),
                    r.respondents
                )
            } else {
                format!(
                    "Data: {} ({} respondents).",
                    r.files.join(", "),
                    r.respondents
                )
            },
            if zh {
                format!("所用数据行：{rows_used}。反向计分题先反向计分，再计算 α。")
            } else {
                format!(
                    "Rows used: {rows_used}. Reverse-keyed items are keyed before alpha is computed."
                )
            },
        ],
        summary_title: String::new(),
        summary: Vec::new(),
        blocks: vec![alphas, items],
        notes_title: t.notes.into(),
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
            row.push(Cell::Text(
                s.note.as_ref().map(|n| n.to_string()).unwrap_or_default(),
            ));
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
    Table::data(
        "reliability",
        "Reliability",
        keys.iter().map(|k| col(k, k)).collect(),
        rows,
    )
}

impl Present for ReliabilityReport {
    fn document(&self, opts: &RenderOptions) -> Doc {
        let parts = human(self, opts);
        parts.into_doc(
            opts.lang,
            Meta {
                version: self.prepost_version.clone(),
                inputs: Some(self.files.join(", ")),
            },
            Vec::new(),
            None,
        )
    }

    fn tables(&self) -> Vec<Table> {
        vec![items_table(self)]
    }

    fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut text = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        text.push(b'\n');
        out.write_all(&text)
    }
}
