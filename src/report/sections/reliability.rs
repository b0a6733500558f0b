//! Rendering the `reliability` report: a table of alphas, one of item statistics, per format.

use super::Parts;
use crate::model::{CrTest, ItemRow, ReliabilityReport, ScaleAlpha};
use crate::report::doc::number::fmt_num;
use crate::report::doc::number::Style;
use crate::report::doc::words::{Lang, Text, W};
use crate::report::doc::{col, left_then_right, Align, Cell, Doc, Meta, Table};
use crate::report::{Present, RenderOptions};
use crate::stats::reliability::AlphaMissing;
use crate::stats::split_half::SplitMethod;
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
            W::Omega.pick(zh).into(),
        ],
        left_then_right(8),
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
                    // (why not: in the notes, so that the column stays narrow)
                    s.omega
                        .map_or_else(|| "\u{2014}".to_string(), |w| fmt_num(Some(w), dg)),
                ]
            })
            .collect(),
    );
    let mut item_rows = Vec::new();
    for s in &r.scales {
        for it in &s.items {
            let cr = it.critical_ratio.as_ref();
            item_rows.push(vec![
                name(s),
                format!("{}{}", it.item, if it.reversed { " (R)" } else { "" }),
                fmt_num(it.r_drop, dg),
                fmt_num(it.alpha_if_deleted, dg),
                fmt_num(it.omega_if_deleted, dg),
                fmt_num(cr.map(|c| c.t), dg),
                fmt_num(cr.map(|c| c.df), dg),
                crate::report::doc::number::fmt_p(cr.map(|c| c.p_value)),
                flag_words(it, zh),
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
            W::OmegaIfDeleted.pick(zh).into(),
            W::CriticalRatio.pick(zh).into(),
            W::Df.pick(zh).into(),
            "p".into(),
            W::Flag.pick(zh).into(),
        ],
        vec![
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Left,
        ],
        item_rows,
    );
    let mut split_rows = Vec::new();
    for s in &r.scales {
        for h in &s.split_half {
            split_rows.push(vec![
                name(s),
                split_words(h.split, zh).into(),
                format!("{} / {}", h.part1.len(), h.part2.len()),
                fmt_num(h.alpha1, dg),
                fmt_num(h.alpha2, dg),
                fmt_num(Some(h.r), dg),
                fmt_num(Some(h.spearman_brown_equal), dg),
                fmt_num(Some(h.spearman_brown_unequal), dg),
                fmt_num(Some(h.guttman), dg),
            ]);
        }
    }
    let split = Table::text(
        W::SplitHalf.pick(zh).into(),
        vec![
            t.scale.into(),
            W::Split.pick(zh).into(),
            W::Items.pick(zh).into(),
            W::AlphaPart1.pick(zh).into(),
            W::AlphaPart2.pick(zh).into(),
            W::CorrelationBetweenForms.pick(zh).into(),
            W::SpearmanBrownEqual.pick(zh).into(),
            W::SpearmanBrownUnequal.pick(zh).into(),
            W::GuttmanSplitHalf.pick(zh).into(),
        ],
        left_then_right(9),
        split_rows,
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
        summary_title: W::ResultsInBrief.pick(zh).into(),
        summary: r
            .scales
            .iter()
            .map(|s| (s.scale.clone(), scale_sentence(r, s, &name(s), opts)))
            .collect(),
        blocks: vec![alphas, split, items],
        notes_title: t.notes.into(),
        notes: method_notes(r, zh)
            .into_iter()
            .chain(r.scales.iter().filter_map(|s| {
                let why = s.omega_note.as_ref().or(s.split_half_note.as_ref())?;
                let what = match (s.omega_note.is_some(), zh) {
                    (true, false) => "McDonald's ω",
                    (false, false) => "the split-half coefficients",
                    (true, true) => "McDonald ω 系数",
                    (false, true) => "分半信度",
                };
                Some(if zh {
                    format!("{}：{what}无法计算：{}。", name(s), t.note(why))
                } else {
                    format!("{}: {what} not computed: {}.", name(s), t.note(why))
                })
            }))
            .collect(),
    }
}

/// How a split is named.
fn split_words(m: SplitMethod, zh: bool) -> &'static str {
    match (m, zh) {
        (SplitMethod::OddEven, false) => "odd-even",
        (SplitMethod::FirstLast, false) => "first-last",
        (SplitMethod::OddEven, true) => "奇偶分半",
        (SplitMethod::FirstLast, true) => "前后分半",
    }
}

/// The rules an item fails, in words.
fn flag_words(it: &ItemRow, zh: bool) -> String {
    it.flags
        .iter()
        .map(|f| match (*f, zh) {
            ("critical_ratio_not_significant", false) => "CR n.s.",
            ("critical_ratio_not_significant", true) => "CR 不显著",
            (_, false) => "low r",
            (_, true) => "r 偏低",
        })
        .collect::<Vec<_>>()
        .join(if zh { "；" } else { "; " })
}

/// One score's sentences: α, ω, split-half, and the item analysis.
fn scale_sentence(
    r: &ReliabilityReport,
    s: &ScaleAlpha,
    name: &str,
    opts: &RenderOptions,
) -> String {
    let zh = opts.lang == Lang::Zh;
    let st = Style {
        lang: opts.lang,
        digits: opts.digits,
        minus: opts.minus,
    };
    let sep = if zh { "，" } else { ", " };
    let mut parts = Vec::new();
    if let Some(a) = s.alpha {
        parts.push(format!("Cronbach's α = {}", st.bounded(a)));
    }
    if let Some(w) = s.omega {
        parts.push(format!("McDonald's ω = {}", st.bounded(w)));
    }
    if let Some(h) = s
        .split_half
        .iter()
        .find(|h| h.split == SplitMethod::OddEven)
    {
        parts.push(if zh {
            format!(
                "奇偶分半信度（Spearman–Brown 系数）= {}，Guttman 系数 = {}",
                st.bounded(h.spearman_brown_equal),
                st.bounded(h.guttman)
            )
        } else {
            format!(
                "the odd-even split-half reliability (Spearman–Brown) = {}, Guttman's = {}",
                st.bounded(h.spearman_brown_equal),
                st.bounded(h.guttman)
            )
        });
    }
    let mut text = if parts.is_empty() {
        if zh {
            format!("{name}：无法计算信度系数。")
        } else {
            format!("{name}: no reliability coefficient could be computed.")
        }
    } else if zh {
        format!("{name}：{}。", parts.join(sep))
    } else {
        format!("{name}: {}.", parts.join(sep))
    };
    if s.extreme_groups.is_some() && !s.items.is_empty() {
        let flagged: Vec<&str> = s
            .items
            .iter()
            .filter(|i| i.flagged)
            .map(|i| i.item.as_str())
            .collect();
        let rule = st.bounded(r.item_analysis.min_item_total_r);
        if !zh {
            text.push(' ');
        }
        text.push_str(&match (flagged.is_empty(), zh) {
            (true, false) => format!(
                "Item analysis: every item's critical ratio (high against low 27%) is significant and every corrected item-total r is at least {rule}."
            ),
            (true, true) => format!(
                "项目分析：各题目的决断值（高低分组各 27%）均显著，校正的题总相关均不低于 {rule}。"
            ),
            (false, false) => format!(
                "Item analysis: {} of {} items fail a rule (a critical ratio that is not significant, or a corrected item-total r below {rule}): {}.",
                flagged.len(),
                s.items.len(),
                flagged.join(", ")
            ),
            (false, true) => format!(
                "项目分析：{} 个题目中有 {} 个未达标准（决断值不显著，或校正的题总相关低于 {rule}）：{}。",
                s.items.len(),
                flagged.len(),
                flagged.join("、")
            ),
        });
    }
    text
}

/// What the coefficients are and which conventions they follow.
fn method_notes(r: &ReliabilityReport, zh: bool) -> Vec<String> {
    let test = match (r.item_analysis.test, zh) {
        (CrTest::Welch, false) => "Welch's t",
        (CrTest::Welch, true) => "Welch t 检验",
        (CrTest::Spss, false) => {
            "Student's t when Levene's test has p > .05, else Welch's t (as SPSS users read T-TEST)"
        }
        (CrTest::Spss, true) => {
            "Levene 检验 p > .05 时用 Student t 检验，否则用 Welch t 检验（SPSS 的读法）"
        }
    };
    let pct = format!("{:.0}", 100.0 * r.item_analysis.fraction);
    if zh {
        vec![
            "ω：McDonald 的 ω 总系数，由单因子最小残差（minres）模型迭代至收敛求得（= psych::omega(x, nfactors = 1) 与 jamovi 的 ω）；ω（删除该题后）同理。".into(),
            "分半信度按 SPSS RELIABILITY /MODEL = SPLIT 计算（完整作答者）：奇偶分半以第 1、3、5… 题为前半；前后分半题目数为奇数时多出的一题归前半（与 SPSS 相同）。".into(),
            format!(
                "项目分析：决断值（CR）为每个题目在总分最高与最低 {pct}% 的作答者之间的 {test}（完整作答者；与临界分数相同者均纳入）；标记：CR 不显著（p ≥ .05）或校正的题总相关低于 {:.2}。",
                r.item_analysis.min_item_total_r
            ),
        ]
    } else {
        vec![
            "ω: McDonald's omega total of a one-factor minimum residual (minres) model solved to convergence (= psych::omega(x, nfactors = 1) and jamovi's ω); ω if item deleted likewise.".into(),
            "Split-half as SPSS RELIABILITY /MODEL = SPLIT (complete cases): odd-even puts items 1, 3, 5, ... in the first part; first-last gives an odd item out to the first part (as SPSS).".into(),
            format!(
                "Item analysis: the critical ratio (CR) is each item's {test} between the respondents with the highest and the lowest {pct}% of totals (complete cases; those tied at a cut-off included); flagged: a CR that is not significant (p ≥ .05), or a corrected item-total r below {:.2}.",
                r.item_analysis.min_item_total_r
            ),
        ]
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
        "omega",
        "omega_if_deleted",
        "cr_t",
        "cr_df",
        "cr_p",
        "cr_mean_high",
        "cr_mean_low",
        "flags",
        "note",
    ];
    let mut rows = Vec::new();
    for s in &r.scales {
        let row = |item: [Cell; 12]| -> Vec<Cell> {
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
            rows.push(row([
                none(),
                none(),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Num(s.omega),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Num(None),
                Cell::P(None),
                Cell::Num(None),
                Cell::Num(None),
                none(),
            ]));
        }
        for it in &s.items {
            let cr = it.critical_ratio.as_ref();
            rows.push(row([
                Cell::Text(it.item.clone()),
                Cell::Text(it.reversed.to_string()),
                Cell::Num(it.r_drop),
                Cell::Num(it.alpha_if_deleted),
                Cell::Num(s.omega),
                Cell::Num(it.omega_if_deleted),
                Cell::Num(cr.map(|c| c.t)),
                Cell::Num(cr.map(|c| c.df)),
                Cell::P(cr.map(|c| c.p_value)),
                Cell::Num(cr.map(|c| c.mean_high)),
                Cell::Num(cr.map(|c| c.mean_low)),
                Cell::Text(it.flags.join(";")),
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
