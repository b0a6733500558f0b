//! Which child changed: reliable change per scale (a table and a sentence), every
//! participant's pre, post, change, RCI and class ordered from the most improved, the overview
//! of every participant (HTML), the Jacobson–Truax plot, and every participant's change as a
//! machine table (`change.csv`, streamed). The lists are left out above
//! [`AUTO_LIMIT`](crate::analysis::compare::AUTO_LIMIT) participants or with
//! `--no-participants` (change.csv has every row).

use super::{lang_of, num, opt, rows_of, score_name, slug};
use crate::model::{ChangeRow, Report, ScaleResult};
use crate::report::doc::number::{fmt_num, Style};
use crate::report::doc::plot::{padded, Plot, BLUE, GREY, INK, ORANGE};
use crate::report::doc::words::Text;
use crate::report::doc::words::W;
use crate::report::doc::{
    col, left_then_right, Align, Block, Cell, Column, Figure, Lang, Role, Section, Stream, Table,
};
use crate::report::RenderOptions;
use crate::stats::rci::RciMethod;
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
        "overview",
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

/// Reliable change counts per scale, when any scale has an RCI.
pub fn rci_table(report: &Report, dg: usize, zh: bool) -> Option<Table> {
    let any = report
        .scales
        .iter()
        .any(|s| s.rci.as_ref().is_some_and(|r| r.s_diff.is_some()));
    if !any {
        return None;
    }
    let clinical = report
        .scales
        .iter()
        .any(|s| s.rci.as_ref().is_some_and(|r| r.clinical_counts.is_some()));
    let count = |m: &std::collections::BTreeMap<String, usize>,
                 p: &Option<std::collections::BTreeMap<String, f64>>,
                 k: &str| {
        let n = m.get(k).copied().unwrap_or(0);
        match p.as_ref().and_then(|p| p.get(k)) {
            Some(pc) => format!("{n} ({pc:.0}%)"),
            None => n.to_string(),
        }
    };
    let jt = report
        .scales
        .iter()
        .all(|s| s.rci.as_ref().is_none_or(|r| r.method == RciMethod::Jt));
    let mut headers: Vec<String> = [
        W::Scale.pick(zh),
        "r_xx",
        if jt { "S_diff" } else { W::SEOfTheRCI.pick(zh) },
        W::Improved.pick(zh),
        W::NoChange.pick(zh),
        W::Deteriorated.pick(zh),
    ]
    .map(String::from)
    .to_vec();
    if clinical {
        headers.extend(
            [
                W::CutOff.pick(zh),
                W::Recovered.pick(zh),
                W::ImprovedClinical.pick(zh),
                W::UnchangedClinical.pick(zh),
                W::DeterioratedClinical.pick(zh),
            ]
            .map(String::from),
        );
    }
    // every scale, and with a comparison group each group's own reliable change
    let parts: Vec<(String, &ScaleResult)> = report
        .scales
        .iter()
        .flat_map(|s| {
            let name = score_name(report, &s.scale, zh);
            let mut v = vec![(name.clone(), s)];
            if let (Some(g), Some(t), Some(c)) = (
                &s.groups,
                &report.options.treatment,
                &report.options.comparison,
            ) {
                // (the participants' classes follow their group's rows; this one is everyone's)
                v[0].0 = if zh {
                    format!("{name}（全体，统一 S_diff）")
                } else {
                    format!("{name} (all, one S_diff)")
                };
                for label in [t, c] {
                    if let Some(r) = g.get(label) {
                        v.push((
                            if zh {
                                format!("{name}（{label}）")
                            } else {
                                format!("{name} ({label})")
                            },
                            r,
                        ));
                    }
                }
            }
            v
        })
        .collect();
    let rows = parts
        .iter()
        .filter_map(|(name, s)| {
            let r = s.rci.as_ref()?;
            let Some(sd) = r.s_diff else {
                let mut row = vec![
                    name.clone(),
                    crate::report::doc::words::Text::of(lang_of(zh))
                        .not_computed_because(s.notes.get("rci")),
                ];
                row.resize(headers.len(), String::new());
                return Some(row);
            };
            let src = r
                .reliability_source
                .as_deref()
                .map(|x| crate::report::doc::words::Text::of(lang_of(zh)).reliability_source(x))
                .unwrap_or("");
            let pct = Some(r.percent.clone());
            let mut row = vec![
                name.clone(),
                format!("{}{src}", fmt_num(r.reliability, 2)),
                fmt_num(Some(sd), dg),
                count(&r.counts, &pct, "reliably_improved"),
                count(&r.counts, &pct, "no_reliable_change"),
                count(&r.counts, &pct, "reliably_deteriorated"),
            ];
            if clinical {
                match &r.clinical_counts {
                    Some(c) => {
                        row.push(format!(
                            "{} ({})",
                            fmt_num(r.cutoff, dg),
                            r.cutoff_source.clone().unwrap_or_default()
                        ));
                        for k in ["recovered", "improved", "unchanged", "deteriorated"] {
                            row.push(count(c, &r.clinical_percent, k));
                        }
                    }
                    None => row.extend(std::iter::repeat_n(String::new(), 5)),
                }
            }
            Some(row)
        })
        .collect();
    let n = headers.len();
    Some(Table::text(
        format!(
            "{}{}{}{}|RCI| > {}{}",
            W::ReliableChange.pick(zh),
            W::OpenParen.pick(zh),
            match report
                .scales
                .iter()
                .find_map(|s| s.rci.as_ref().map(|r| r.method))
                .unwrap_or_default()
            {
                RciMethod::Jt => "Jacobson & Truax",
                RciMethod::Gln => "Gulliksen-Lord-Novick",
                RciMethod::Hll => "Hsu-Linn-Lord",
                RciMethod::En => "Edwards-Nunnally",
                RciMethod::Ha => "Hageman-Arrindell",
            },
            W::Semicolon.pick(zh),
            fmt_num(
                report
                    .scales
                    .iter()
                    .find_map(|s| s.rci.as_ref().map(|r| r.critical_value)),
                2
            ),
            W::CloseParen.pick(zh)
        ),
        headers,
        left_then_right(n),
        rows,
    ))
}

/// The columns of the table of every participant's change (`change.csv`): id, scale, group
/// (with --group), pre, post, change, RCI and its classes.
pub fn change_columns(report: &Report) -> Vec<Column> {
    let mut columns = vec![col("id", "Id"), col("scale", "Scale")];
    if report.options.group.is_some() {
        columns.push(col("group", "Group"));
    }
    columns.extend([
        col("pre", "Pre"),
        col("post", "Post"),
        col("change", "Change"),
        col("rci", "RCI"),
        col("rci_class", "RCI class"),
        col("clinical_class", "Clinical class"),
    ]);
    columns
}

/// One row of the change table (see [`change_columns`]).
pub fn change_cells(r: &ChangeRow, grouped: bool) -> Vec<Cell> {
    let mut row = vec![
        Cell::Text(r.id.to_string()),
        Cell::Text(r.scale.to_string()),
    ];
    if grouped {
        row.push(Cell::Text(r.group.unwrap_or_default().to_string()));
    }
    row.extend([
        num(r.pre),
        num(r.post),
        num(r.change),
        opt(r.rci),
        Cell::Text(r.rci_class.unwrap_or_default().to_string()),
        Cell::Text(r.clinical_class.unwrap_or_default().to_string()),
    ]);
    row
}

/// A convex polygon clipped to the box xlim × ylim (Sutherland–Hodgman, one edge at a time).
fn clip_to_box(poly: &[(f64, f64)], xlim: (f64, f64), ylim: (f64, f64)) -> Vec<(f64, f64)> {
    // each edge of the box: inside(point), and where a segment crosses it
    type Inside = fn(&(f64, f64), f64) -> bool;
    let edges: [(Inside, f64, bool); 4] = [
        (|p, v| p.0 >= v, xlim.0, true),
        (|p, v| p.0 <= v, xlim.1, true),
        (|p, v| p.1 >= v, ylim.0, false),
        (|p, v| p.1 <= v, ylim.1, false),
    ];
    let mut out: Vec<(f64, f64)> = poly.to_vec();
    for (inside, v, vertical) in edges {
        let input = std::mem::take(&mut out);
        for (i, &cur) in input.iter().enumerate() {
            let prev = input[(i + input.len() - 1) % input.len()];
            let cross = |a: (f64, f64), b: (f64, f64)| {
                if vertical {
                    let t = (v - a.0) / (b.0 - a.0);
                    (v, a.1 + t * (b.1 - a.1))
                } else {
                    let t = (v - a.1) / (b.1 - a.1);
                    (a.0 + t * (b.0 - a.0), v)
                }
            };
            match (inside(&cur, v), inside(&prev, v)) {
                (true, true) => out.push(cur),
                (true, false) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, true) => out.push(cross(prev, cur)),
                (false, false) => {}
            }
        }
        if out.is_empty() {
            break;
        }
    }
    out
}

/// Who changed (Jacobson & Truax 1991, Figure 1): each participant's post-test against their
/// pre-test, the diagonal of no change, the band of no reliable change (|post − pre| below the
/// critical value times S_diff, for the Jacobson–Truax index of the whole sample; with a
/// comparison group each group has its own, so none is drawn), the cut-off lines, points
/// coloured by class and, up to 40 participants, labelled with their ids. Only with a reliable
/// change index.
pub fn jacobson_truax(report: &Report, s: &ScaleResult, t: &Text) -> Option<Figure> {
    let name = report.score_name(&s.scale, t.lang);
    let rci = s.rci.as_ref()?;
    let s_diff = rci.s_diff?;
    let rows = rows_of(report, &s.scale);
    if rows.is_empty() || !report.options.participants {
        return None;
    }
    let grouped = report.options.treatment.is_some();
    let values = rows.iter().flat_map(|r| [r.pre, r.post]).chain(rci.cutoff);
    let lim = padded(values, 0.06);
    let title = format!("{}{}{}", name, t.colon, t.jacobson_truax);
    let mut p = Plot::new(&title, t.jacobson_truax_desc, 420.0, 420.0, lim, lim);
    p.axes(t.pre, t.post, None, None);
    // the band of no reliable change, for the index whose denominator is S_diff of the change
    // (jt, en); hll, gln and ha judge the change against a regression line
    let band = rci.critical_value * s_diff;
    if !grouped
        && matches!(
            rci.method,
            crate::stats::rci::RciMethod::Jt | crate::stats::rci::RciMethod::En
        )
    {
        let strip = [
            (lim.0, lim.0 - band),
            (lim.1, lim.1 - band),
            (lim.1, lim.1 + band),
            (lim.0, lim.0 + band),
        ];
        p.polygon(&clip_to_box(&strip, lim, lim), GREY, 0.18);
    }
    p.line(&[(lim.0, lim.0), (lim.1, lim.1)], INK, 1.0, 0.7, false);
    if let Some(c) = rci.cutoff {
        p.line(&[(c, lim.0), (c, lim.1)], ORANGE, 1.0, 0.8, true);
        p.line(&[(lim.0, c), (lim.1, c)], ORANGE, 1.0, 0.8, true);
    }
    let label = rows.len() <= 40;
    for r in &rows {
        let colour = match r.rci_class {
            Some("reliably_improved") => BLUE,
            Some("reliably_deteriorated") => ORANGE,
            _ => GREY,
        };
        let second_group = grouped && r.group == report.options.comparison.as_deref();
        if second_group {
            p.square(r.pre, r.post, 3.5, colour);
        } else {
            p.point(r.pre, r.post, 3.5, colour, 0.85);
        }
        if label {
            p.text((r.pre, r.post), (5.0, -4.0), "start", 9.0, r.id);
        }
    }
    Some(Figure {
        name: format!("{}_jacobson_truax", slug(&s.scale)),
        scale: Some(name.clone()),
        caption: format!(
            "{name}{}{}{}{} = {}{}",
            t.caption_sep,
            if grouped {
                t.jacobson_truax_groups_caption
            } else {
                t.jacobson_truax_caption
            },
            t.open,
            t.n,
            rows.len(),
            t.close
        ),
        svg: p.render(),
        png: Default::default(),
    })
}

/// The source of a reliable change index.
pub fn method_citation(method: crate::stats::rci::RciMethod) -> &'static str {
    use crate::stats::rci::RciMethod;
    match method {
        RciMethod::Jt => "Jacobson & Truax, 1991",
        RciMethod::Gln => "Gulliksen, Lord & Novick; Hsu, 1989, 1995",
        RciMethod::Hll => "Hsu, Linn & Lord; Hsu, 1989",
        RciMethod::En => "Edwards & Nunnally; Speer, 1992",
        RciMethod::Ha => "Hageman & Arrindell, 1999",
    }
}

/// The reliable change of a scale in a sentence: the counts of the classes, or one
/// participant's change judged against the norm group (without a comparison group; with one,
/// each group's is said with the groups).
pub fn sentence(report: &Report, s: &ScaleResult, st: &Style) -> Option<String> {
    let mut out = None;
    // (with a comparison group each group is judged by its own pre-test: said below)
    let by_group = s.between_groups.is_some();
    if let Some(r) = s.rci.as_ref().filter(|r| r.s_diff.is_some() && !by_group) {
        let n: usize = r.counts.values().sum();
        let c = |k: &str| r.counts.get(k).copied().unwrap_or(0);
        let pc = |k: &str| r.percent.get(k).copied().unwrap_or(0.0);
        let rxx = r.reliability.map(|x| st.bounded(x)).unwrap_or_default();
        // one participant: the child's own change, judged against the norm group's SD
        let one = (n == 1)
            .then(|| report.change.rows_of(&s.scale).next())
            .flatten()
            .filter(|row| row.rci.is_some());
        if let Some(row) = one {
            let rci = row.rci.unwrap_or_default();
            let class = match (row.rci_class, st.lang) {
                (Some("reliably_improved"), Lang::En) => "a reliable improvement",
                (Some("reliably_deteriorated"), Lang::En) => "a reliable deterioration",
                (_, Lang::En) => "not a reliable change",
                (Some("reliably_improved"), Lang::Zh) => "可靠改善",
                (Some("reliably_deteriorated"), Lang::Zh) => "可靠恶化",
                (_, Lang::Zh) => "无可靠变化",
            };
            let sd_from = match (r.sd_source.as_str(), st.lang) {
                ("norm", Lang::En) => " (from the norm group's SD)",
                ("norm", Lang::Zh) => "（依据常模组的标准差）",
                _ => "",
            };
            let clinical = match (row.clinical_class, r.cutoff, st.lang) {
                (Some(c), Some(cut), Lang::En) => format!(
                    "; against the cut-off {}, the participant is {}",
                    st.num(cut),
                    crate::report::doc::words::Text::of(Lang::En).clinical(c)
                ),
                (Some(c), Some(cut), Lang::Zh) => format!(
                    "；以临床划界分 {} 判断，属于“{}”",
                    st.num(cut),
                    crate::report::doc::words::Text::of(Lang::Zh).clinical(c)
                ),
                _ => String::new(),
            };
            out = Some(match st.lang {
                Lang::En => format!(
                    "The change of {} points is {class}: RCI = {}, S_diff = {}{sd_from}, r_xx = {rxx} ({}){clinical}.",
                    st.num(row.change),
                    st.num(rci),
                    st.num(r.s_diff.unwrap_or_default()),
                    method_citation(r.method)
                ),
                Lang::Zh => format!(
                    "变化 {} 分，{class}：RCI = {}，S_diff = {}{sd_from}，r_xx = {rxx}（{}）{clinical}。",
                    st.num(row.change),
                    st.num(rci),
                    st.num(r.s_diff.unwrap_or_default()),
                    method_citation(r.method)
                ),
            });
        } else {
            out = Some(match st.lang {
            Lang::En => format!(
                "Of the {n} participants, {} ({:.0}%) improved reliably, {} ({:.0}%) showed no reliable change and {} ({:.0}%) deteriorated reliably (reliable change index, {}, with r_xx = {rxx}).",
                c("reliably_improved"),
                pc("reliably_improved"),
                c("no_reliable_change"),
                pc("no_reliable_change"),
                c("reliably_deteriorated"),
                pc("reliably_deteriorated"),
                method_citation(r.method)
            ),
            Lang::Zh => format!(
                "{n} 名参与者中，{} 名（{:.0}%）可靠改善，{} 名（{:.0}%）无可靠变化，{} 名（{:.0}%）可靠恶化（可靠变化指数，{}；r_xx = {rxx}）。",
                c("reliably_improved"),
                pc("reliably_improved"),
                c("no_reliable_change"),
                pc("no_reliable_change"),
                c("reliably_deteriorated"),
                pc("reliably_deteriorated"),
                method_citation(r.method)
            ),
        });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_band_is_clipped_to_the_panel() {
        let band = [(0.0, -2.0), (10.0, 8.0), (10.0, 12.0), (0.0, 2.0)];
        let clipped = super::clip_to_box(&band, (0.0, 10.0), (0.0, 10.0));
        assert!(clipped
            .iter()
            .all(|&(x, y)| (0.0..=10.0).contains(&x) && (0.0..=10.0).contains(&y)));
        // the corners (0, 0) and (10, 10) lie in the band and stay
        assert!(
            clipped.contains(&(10.0, 10.0)) || clipped.iter().any(|&(x, y)| x == 10.0 && y == 10.0)
        );
        assert!(clipped.len() >= 5, "{clipped:?}");
    }
}
