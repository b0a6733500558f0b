//! What a small study can say, in a report: the sentences on sensitivity, Bayes factors and
//! equivalence, their tables for reading and for machines (`small_study.csv`). The Bayes
//! factor's robustness figure.

use super::{lead_cells, lead_columns, parts};
use crate::model::{BayesFactor, Equivalence, Report, ScaleResult};
use crate::report::doc::number::{fmt_ci, fmt_num, fmt_p, Style};
use crate::report::doc::plot::{padded, Plot, GREY, INK, PALETTE};
use crate::report::doc::words::{Lang, Text, W};
use crate::report::doc::{col, Align, Cell, Figure, Table};
use crate::stats::Alternative;

/// Jeffreys' (1961) categories of a Bayes factor as Lee & Wagenmakers (2013) name them (and
/// JASP): the strength of the evidence, and whether it favours a change (BF10 ≥ 1).
pub fn evidence(bf10: f64, lang: Lang) -> (&'static str, bool) {
    let for_change = bf10 >= 1.0;
    let k = if for_change { bf10 } else { 1.0 / bf10 };
    let i = [3.0, 10.0, 30.0, 100.0]
        .iter()
        .take_while(|&&edge| k >= edge)
        .count();
    let words = match lang {
        Lang::En => ["anecdotal", "moderate", "strong", "very strong", "extreme"],
        Lang::Zh => ["微弱", "中等", "强", "很强", "极强"],
    };
    (words[i], for_change)
}

/// A Bayes factor as a sentence writes it: two decimals, or beyond 1000 (and below 1/1000)
/// only its side of that.
pub fn fmt_bf(bf: f64, st: &Style) -> String {
    if bf > 1000.0 {
        "> 1000".into()
    } else if bf < 0.001 {
        "< 0.001".into()
    } else {
        format!("= {}", st.num(bf))
    }
}

/// A Bayes factor in a table: four significant digits.
fn bf_cell(bf: f64) -> String {
    if !(0.01..1e5).contains(&bf) {
        format!("{bf:.3e}")
    } else {
        format!("{:.*}", (3 - bf.log10().floor() as i64).max(0) as usize, bf)
    }
}

/// "α = .05, two-sided": α with as many decimals as it has (.05, .025, .005).
fn alpha_side(alpha: f64, alternative: Alternative, st: &Style) -> String {
    let a = crate::report::doc::number::alpha(alpha);
    match (alternative, st.lang) {
        (Alternative::TwoSided, Lang::En) => format!("\u{03b1} = {a}, two-sided"),
        (_, Lang::En) => format!("\u{03b1} = {a}, one-sided"),
        (Alternative::TwoSided, Lang::Zh) => format!("\u{03b1} = {a}，双侧"),
        (_, Lang::Zh) => format!("\u{03b1} = {a}，单侧"),
    }
}

/// "BF10 = 12.74 (JZS prior, r = 0.707): strong evidence for a change" and its Chinese.
fn bayes_sentence(b: &BayesFactor, about: Lang, st: &Style, what: [String; 2]) -> String {
    let (strength, for_change) = evidence(b.bf10, about);
    let prior = match (b.alternative, st.lang) {
        (Alternative::TwoSided, _) => String::new(),
        (_, Lang::En) => ", one-sided".into(),
        (_, Lang::Zh) => "，单侧".into(),
    };
    let r = st.fixed(b.r_scale, 3);
    let bf = fmt_bf(b.bf10, st);
    match st.lang {
        Lang::En => {
            let side = if for_change { &what[0] } else { &what[1] };
            let bf01 = if for_change {
                String::new()
            } else {
                format!(", BF01 {}", fmt_bf(1.0 / b.bf10, st))
            };
            format!(
                "The Bayes factor BF10 {bf}{bf01} (JZS prior, r = {r}{prior}) is {strength} evidence for {side}."
            )
        }
        Lang::Zh => {
            let side = if for_change { &what[0] } else { &what[1] };
            let bf01 = if for_change {
                String::new()
            } else {
                format!("，BF01 {}", fmt_bf(1.0 / b.bf10, st))
            };
            format!("贝叶斯因子 BF10 {bf}{bf01}（JZS 先验，r = {r}{prior}），为支持{side}的{strength}证据。")
        }
    }
}

/// The sentences of a paired result: sensitivity, Bayes factor, equivalence.
fn paired_sentences(s: &ScaleResult, alt: Alternative, st: &Style, out: &mut Vec<String>) {
    if let Some(sens) = &s.sensitivity {
        let side = if sens.min_d_z < 0.0 {
            "\u{2264}"
        } else {
            "\u{2265}"
        };
        let pct = format!("{:.0}", 100.0 * sens.power);
        let a = alpha_side(sens.alpha, alt, st);
        out.push(match st.lang {
            Lang::En => format!(
                "With {} participant{}, the study could detect only changes of d_z {side} {} with {pct}% power ({a}).",
                s.n_pairs,
                if s.n_pairs == 1 { "" } else { "s" },
                st.num(sens.min_d_z),
            ),
            Lang::Zh => format!(
                "本研究共 {} 名参与者，在 {pct}% 的统计检验力下仅能检出 d_z {side} {} 的变化（{a}）。",
                s.n_pairs,
                st.num(sens.min_d_z),
            ),
        });
    }
    if let Some(b) = &s.bayes {
        // a one-sided prior asks about one direction: say which
        let what = match (st.lang, b.alternative) {
            (Lang::En, Alternative::TwoSided) => ["a change", "no change"],
            (Lang::En, Alternative::Greater) => ["an increase", "no increase"],
            (Lang::En, Alternative::Less) => ["a decrease", "no decrease"],
            (Lang::Zh, Alternative::TwoSided) => ["存在变化", "无变化"],
            (Lang::Zh, Alternative::Greater) => ["上升", "未上升"],
            (Lang::Zh, Alternative::Less) => ["下降", "未下降"],
        };
        out.push(bayes_sentence(b, st.lang, st, what.map(String::from)));
    }
    if let Some(e) = &s.equivalence {
        out.push(equivalence_sentence(e, st));
    }
}

/// "Within the equivalence bounds [−2.00, 2.00] (TOST): the change lies within them, p = .003;
/// 90% CI [−0.41, 1.23]."
fn equivalence_sentence(e: &Equivalence, st: &Style) -> String {
    let level = 1.0 - 2.0 * e.alpha;
    let ci = st.ci(level, Some(e.ci_low), Some(e.ci_high), false);
    let bounds = format!("[{}, {}]", st.num(e.low), st.num(e.high));
    let dz = match (e.d_z_bound, st.lang) {
        (Some(d), Lang::En) => format!(" (d_z = \u{00b1}{})", st.num(d)),
        (Some(d), Lang::Zh) => format!("（d_z = \u{00b1}{}）", st.num(d)),
        (None, _) => String::new(),
    };
    match (st.lang, e.equivalent) {
        (Lang::En, true) => format!(
            "Two one-sided tests (TOST) place the mean change within the equivalence bounds {bounds}{dz}, {}; {ci}.",
            st.p(e.p_value)
        ),
        (Lang::En, false) => format!(
            "Two one-sided tests (TOST) do not place the mean change within the equivalence bounds {bounds}{dz}, {}; {ci}.",
            st.p(e.p_value)
        ),
        (Lang::Zh, true) => format!(
            "双单侧检验（TOST）表明平均变化落在等效区间 {bounds}{dz} 之内，{}；{ci}。",
            st.p(e.p_value)
        ),
        (Lang::Zh, false) => format!(
            "双单侧检验（TOST）未能表明平均变化落在等效区间 {bounds}{dz} 之内，{}；{ci}。",
            st.p(e.p_value)
        ),
    }
}

/// The sentences of a scale: its paired result (without a comparison group), or the
/// comparison of the groups.
pub fn sentences(report: &Report, s: &ScaleResult, st: &Style) -> Vec<String> {
    let mut out = Vec::new();
    let Some(b) = &s.between_groups else {
        paired_sentences(s, report.options.alternative, st, &mut out);
        return out;
    };
    if let Some(sens) = &b.sensitivity {
        let pct = format!("{:.0}", 100.0 * sens.power);
        let a = alpha_side(sens.alpha, report.options.alternative, st);
        let side = if sens.min_d < 0.0 {
            "\u{2264}"
        } else {
            "\u{2265}"
        };
        let ancova = match (sens.min_d_ancova, sens.r_within, st.lang) {
            (Some(d), Some(r), Lang::En) => format!(
                ", or d {side} {} in post-test SDs adjusted for the pre-test (ANCOVA, within-group r = {})",
                st.num(d),
                st.bounded(r)
            ),
            (Some(d), Some(r), Lang::Zh) => format!(
                "；控制前测（协方差分析，组内 r = {}）时为 d {side} {}（以后测的组内标准差为单位；",
                st.bounded(r),
                st.num(d)
            ),
            _ => String::new(),
        };
        out.push(match st.lang {
            Lang::En => format!(
                "With {} and {} participants in the {} and {} groups, the study could detect only differences in change of d {side} {} in change-score SDs{ancova} with {pct}% power ({a}).",
                b.n_treatment,
                b.n_comparison,
                b.treatment,
                b.comparison,
                st.num(sens.min_d),
            ),
            Lang::Zh => format!(
                "本研究 {} {} 名、{} {} 名参与者，在 {pct}% 的统计检验力下仅能检出两组变化之差 d {side} {}（以变化分数的标准差为单位{}。",
                crate::report::doc::words::group_zh(&b.treatment),
                b.n_treatment,
                crate::report::doc::words::group_zh(&b.comparison),
                b.n_comparison,
                st.num(sens.min_d),
                // (α shares the last bracket: the change scores' unit, or the ANCOVA's)
                if ancova.is_empty() {
                    format!("；{a}）")
                } else {
                    format!("）{ancova}{a}）")
                },
            ),
        });
    }
    if let Some(bf) = &b.bayes {
        let t = &b.treatment;
        let what = match (st.lang, bf.alternative) {
            (Lang::En, Alternative::TwoSided) => [
                "a difference in change between the groups".to_string(),
                "no difference in change between the groups".to_string(),
            ],
            (Lang::En, Alternative::Greater) => [
                format!("a larger change in the {t} group"),
                format!("no larger change in the {t} group"),
            ],
            (Lang::En, Alternative::Less) => [
                format!("a smaller change in the {t} group"),
                format!("no smaller change in the {t} group"),
            ],
            (Lang::Zh, Alternative::TwoSided) => {
                ["两组变化存在差异".to_string(), "两组变化无差异".to_string()]
            }
            (Lang::Zh, Alternative::Greater) => {
                let t = crate::report::doc::words::group_zh(t);
                [format!("{t}变化更大"), format!("{t}变化并不更大")]
            }
            (Lang::Zh, Alternative::Less) => {
                let t = crate::report::doc::words::group_zh(t);
                [format!("{t}变化更小"), format!("{t}变化并不更小")]
            }
        };
        out.push(bayes_sentence(bf, st.lang, st, what));
    }
    // each group's equivalence test, named
    for (label, g) in parts(report, s).into_iter().skip(1) {
        if let (Some(label), Some(e)) = (label, &g.equivalence) {
            let sentence = equivalence_sentence(e, st);
            out.push(match st.lang {
                Lang::En => format!("In the {label} group: {}", lower_first(&sentence)),
                Lang::Zh => format!("{}：{sentence}", crate::report::doc::words::group_zh(label)),
            });
        }
    }
    out
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Tables for reading

/// Whether any scale tested equivalence.
fn any_equivalence(report: &Report) -> bool {
    report
        .scales
        .iter()
        .flat_map(|s| parts(report, s))
        .any(|(_, r)| r.equivalence.is_some() || r.notes.contains_key("equivalence"))
}

/// The tables of the human report.
pub fn blocks(report: &Report, dg: usize, zh: bool) -> Vec<Table> {
    let lang = if zh { Lang::Zh } else { Lang::En };
    let o = &report.options;
    let grouped = o.treatment.is_some();
    let equivalence = any_equivalence(report);
    let pct = format!("{:.0}%", 100.0 * o.power);
    let mut headers = vec![W::Scale.pick(zh).to_string()];
    if grouped {
        headers.push(W::Group.pick(zh).into());
    }
    headers.extend([
        "n".to_string(),
        if zh {
            format!("最小可检出 d_z（检验力 {pct}）")
        } else {
            format!("Smallest d_z ({pct} power)")
        },
        "BF10".into(),
        W::Evidence.pick(zh).into(),
    ]);
    let level = format!(
        "{}%",
        crate::report::doc::number::fmt_level(1.0 - 2.0 * o.alpha)
    );
    if equivalence {
        headers.extend([
            W::EquivalenceBounds.pick(zh).to_string(),
            "p (TOST)".into(),
            format!("{level} CI"),
        ]);
    }
    let mut rows = Vec::new();
    for s in &report.scales {
        for (g, r) in parts(report, s) {
            let mut row = vec![super::score_name(report, &s.scale, zh)];
            if grouped {
                row.push(g.unwrap_or(W::All.pick(zh)).to_string());
            }
            row.push(r.n_pairs.to_string());
            row.push(r.sensitivity.as_ref().map_or_else(
                || why(r, "sensitivity", zh),
                |x| fmt_num(Some(x.min_d_z), dg),
            ));
            match &r.bayes {
                Some(b) => {
                    row.push(bf_cell(b.bf10));
                    row.push(evidence_words(b.bf10, lang));
                }
                None => row.extend([why(r, "bayes", zh), String::new()]),
            }
            if equivalence {
                match &r.equivalence {
                    Some(e) => row.extend([
                        fmt_ci(Some(e.low), Some(e.high), dg, Alternative::TwoSided),
                        fmt_p(Some(e.p_value)),
                        fmt_ci(Some(e.ci_low), Some(e.ci_high), dg, Alternative::TwoSided),
                    ]),
                    None => row.extend([why(r, "equivalence", zh), String::new(), String::new()]),
                }
            }
            rows.push(row);
        }
    }
    let lead = if grouped { 2 } else { 1 };
    let mut align = vec![Align::Left; lead];
    align.extend(std::iter::repeat_n(Align::Right, headers.len() - lead));
    // the words of the evidence read better left-aligned
    align[lead + 3] = Align::Left;
    // (one child, say: nothing to show but the reasons, which the notes give)
    let computed = report
        .scales
        .iter()
        .flat_map(|s| parts(report, s))
        .any(|(_, r)| r.sensitivity.is_some() || r.bayes.is_some() || r.equivalence.is_some());
    let mut out = Vec::new();
    if !computed {
        return out;
    }
    out.push(Table::text(
        W::WhatTheStudyCanSaySensitivity.pick(zh).into(),
        headers,
        align,
        rows,
    ));

    if grouped {
        let rows = report
            .scales
            .iter()
            .filter_map(|s| {
                let b = s.between_groups.as_ref()?;
                let mut row = vec![
                    super::score_name(report, &s.scale, zh),
                    format!("{} / {}", b.n_treatment, b.n_comparison),
                ];
                match &b.sensitivity {
                    Some(x) => row.extend([
                        fmt_num(Some(x.min_d), dg),
                        fmt_num(x.min_d_ancova, dg),
                        fmt_num(x.r_within, dg),
                    ]),
                    None => row.extend([
                        why(s, "between_groups.sensitivity", zh),
                        String::new(),
                        String::new(),
                    ]),
                }
                match &b.bayes {
                    Some(bf) => row.extend([bf_cell(bf.bf10), evidence_words(bf.bf10, lang)]),
                    None => row.extend([why(s, "between_groups.bayes", zh), String::new()]),
                }
                Some(row)
            })
            .collect();
        let mut align = vec![Align::Left];
        align.extend(std::iter::repeat_n(Align::Right, 5));
        align.push(Align::Left);
        out.push(Table::text(
            if zh {
                format!(
                    "组间比较的敏感性分析与贝叶斯因子（{} − {}）",
                    crate::report::doc::words::group_zh(o.treatment.as_deref().unwrap_or_default()),
                    crate::report::doc::words::group_zh(
                        o.comparison.as_deref().unwrap_or_default()
                    )
                )
            } else {
                format!(
                    "What the comparison of the groups can say ({} − {})",
                    o.treatment.as_deref().unwrap_or_default(),
                    o.comparison.as_deref().unwrap_or_default()
                )
            },
            vec![
                W::Scale.pick(zh).into(),
                "n".into(),
                if zh {
                    format!("最小可检出 d：变化分数（{pct}）")
                } else {
                    format!("Smallest d: change ({pct} power)")
                },
                W::SmallestDANCOVA.pick(zh).into(),
                W::RWithinGroups.pick(zh).into(),
                "BF10".into(),
                W::Evidence.pick(zh).into(),
            ],
            align,
            rows,
        ));
    }
    out
}

/// "strong, for a change" / "较强，支持存在变化"
fn evidence_words(bf10: f64, lang: Lang) -> String {
    let (strength, for_change) = evidence(bf10, lang);
    match (lang, for_change) {
        (Lang::En, true) => format!("{strength}, for H1"),
        (Lang::En, false) => format!("{strength}, for H0"),
        (Lang::Zh, true) => format!("{strength}，支持 H1"),
        (Lang::Zh, false) => format!("{strength}，支持 H0"),
    }
}

/// "not computed: …" from a result's notes.
fn why(s: &ScaleResult, key: &str, zh: bool) -> String {
    s.notes
        .get(key)
        .map(|n| {
            crate::report::doc::words::Text::of(super::lang_of(zh)).not_computed_because(Some(n))
        })
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Tables for machines

/// `small_study.csv`: per scale (and group) the sensitivity, the Bayes factor and the
/// equivalence test.
pub fn table(report: &Report) -> Table {
    let mut columns = lead_columns(report);
    columns.extend([
        col("n", "n"),
        col("alpha", "alpha"),
        col("power", "Power"),
        col("min_d_z", "Smallest d_z"),
        col("bf10", "BF10"),
        col("r_scale", "Prior r"),
        col("bf_alternative", "Alternative"),
        col("equivalence_low", "Lower bound"),
        col("equivalence_high", "Upper bound"),
        col("equivalence_p", "p (TOST)"),
        col("equivalence_p_lower", "p lower"),
        col("equivalence_p_upper", "p upper"),
        col("equivalence_ci_low", "CI low"),
        col("equivalence_ci_high", "CI high"),
        col("equivalent", "Equivalent"),
    ]);
    let mut rows = Vec::new();
    for s in &report.scales {
        for (g, r) in parts(report, s) {
            let mut row = lead_cells(report, s, g);
            row.push(Cell::Count(r.n_pairs));
            row.push(Cell::Num(Some(report.options.alpha)));
            row.push(Cell::Num(Some(report.options.power)));
            row.push(Cell::Num(r.sensitivity.as_ref().map(|x| x.min_d_z)));
            row.push(Cell::Num(r.bayes.as_ref().map(|b| b.bf10)));
            row.push(Cell::Num(r.bayes.as_ref().map(|b| b.r_scale)));
            row.push(Cell::Text(
                r.bayes
                    .as_ref()
                    .map_or(String::new(), |b| b.alternative.as_str().to_string()),
            ));
            let e = r.equivalence.as_ref();
            row.extend([
                Cell::Num(e.map(|e| e.low)),
                Cell::Num(e.map(|e| e.high)),
                Cell::P(e.map(|e| e.p_value)),
                Cell::P(e.map(|e| e.p_lower)),
                Cell::P(e.map(|e| e.p_upper)),
                Cell::Num(e.map(|e| e.ci_low)),
                Cell::Num(e.map(|e| e.ci_high)),
                Cell::Text(e.map_or(String::new(), |e| e.equivalent.to_string())),
            ]);
            rows.push(row);
        }
    }
    Table::data("small_study", "What the study can say", columns, rows)
}

/// The label of a Bayes factor tick at log10 BF = `v`: 1, 3, 10, 30 …, 1/3, 1/10 …; 1e4 and
/// 3e4 beyond 1000.
fn bf_tick(v: f64) -> String {
    if v < 0.0 {
        return format!("1/{}", bf_tick(-v));
    }
    let decade = (v + 1e-9).floor();
    let m: i64 = if v - decade > 0.1 { 3 } else { 1 };
    match decade as u32 {
        d if d >= 4 => format!("{m}e{d}"),
        d => (m * 10i64.pow(d)).to_string(),
    }
}

/// BF10 over the prior scale (JASP's robustness check): one line per scale (with a comparison
/// group, of the difference in change), the log Bayes factor up, the r used marked.
pub fn bayes_robustness(report: &Report, t: &Text) -> Option<Figure> {
    let grouped = report.options.treatment.is_some();
    let curves: Vec<(String, &crate::model::BayesFactor)> = report
        .scales
        .iter()
        .filter_map(|s| {
            let b = if grouped {
                s.between_groups.as_ref()?.bayes.as_ref()?
            } else {
                s.bayes.as_ref()?
            };
            (b.robustness.len() > 1).then(|| (report.score_name(&s.scale, t.lang), b))
        })
        .collect();
    if curves.is_empty() {
        return None;
    }
    let logs = curves
        .iter()
        .flat_map(|(_, b)| {
            b.robustness
                .iter()
                .map(|(_, bf)| bf.log10())
                .chain([b.bf10.log10()])
        })
        .filter(|v| v.is_finite());
    // always show BF10 = 1/3 to 3, the anecdotal band
    let ylim = padded(logs.chain([-0.5, 0.5]), 0.08);
    let legend: Vec<(&str, &str)> = curves
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (PALETTE[i % PALETTE.len()], name.as_str()))
        .collect();
    let mut p = Plot::new(
        t.bayes_robustness,
        t.bayes_robustness_desc,
        520.0,
        340.0,
        (0.5, 1.5),
        ylim,
    )
    .with_legend(&legend);
    // ticks at 1, 3, 10, 30 … and 1/3, 1/10 … (every decade alone when the range is wide)
    let third = 3f64.log10();
    let wide = ylim.1 - ylim.0 > 4.0;
    let mut ticks = Vec::new();
    for d in 0..=(ylim.0.abs().max(ylim.1.abs()).ceil() as i32) {
        let d = d as f64;
        ticks.extend([d, -d]);
        if !wide {
            ticks.extend([d + third, -(d + third)]);
        }
    }
    ticks.sort_by(f64::total_cmp);
    ticks.dedup();
    let cats: Vec<(f64, String)> = ticks
        .into_iter()
        .filter(|v| *v >= ylim.0 && *v <= ylim.1)
        .map(|v| (v, bf_tick(v)))
        .collect();
    p.axes(t.prior_scale_axis, "BF10", None, Some(&cats));
    for edge in [-1.0, -third, third, 1.0] {
        if edge > ylim.0 && edge < ylim.1 {
            p.line(&[(0.5, edge), (1.5, edge)], GREY, 1.0, 1.0, true);
        }
    }
    p.line(&[(0.5, 0.0), (1.5, 0.0)], INK, 1.0, 0.6, false);
    for (i, (_, b)) in curves.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let pts: Vec<(f64, f64)> = b
            .robustness
            .iter()
            .map(|(r, bf)| (*r, bf.log10()))
            .filter(|(_, y)| y.is_finite())
            .collect();
        p.line(&pts, colour, 2.0, 1.0, false);
        if (0.5..=1.5).contains(&b.r_scale) && b.bf10 > 0.0 {
            p.point(b.r_scale, b.bf10.log10(), 4.5, colour, 1.0);
        }
    }
    Some(Figure {
        name: "bayes_factor_robustness".into(),
        scale: None,
        caption: if grouped {
            t.bayes_robustness_groups_caption
        } else {
            t.bayes_robustness_caption
        }
        .to_string(),
        svg: p.render(),
        png: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jeffreys_categories() {
        let en = |bf| evidence(bf, Lang::En);
        assert_eq!(en(1.0), ("anecdotal", true));
        assert_eq!(en(2.99), ("anecdotal", true));
        assert_eq!(en(3.0), ("moderate", true));
        assert_eq!(en(12.7), ("strong", true));
        assert_eq!(en(30.0), ("very strong", true));
        assert_eq!(en(150.0), ("extreme", true));
        assert_eq!(en(0.5), ("anecdotal", false));
        assert_eq!(en(0.2), ("moderate", false));
        assert_eq!(en(0.001), ("extreme", false));
        assert_eq!(evidence(12.7, Lang::Zh), ("强", true));
    }

    #[test]
    fn bayes_factors_are_written_with_four_digits() {
        assert_eq!(bf_cell(12.74014), "12.74");
        assert_eq!(bf_cell(1.2595), "1.260");
        assert_eq!(bf_cell(0.42178), "0.4218");
        assert_eq!(bf_cell(4146742.3), "4.147e6");
        assert_eq!(bf_cell(0.0012), "1.200e-3");
    }

    #[test]
    fn bayes_factor_ticks_read_as_ratios() {
        let third = 3f64.log10();
        assert_eq!(bf_tick(0.0), "1");
        assert_eq!(bf_tick(third), "3");
        assert_eq!(bf_tick(1.0), "10");
        assert_eq!(bf_tick(1.0 + third), "30");
        assert_eq!(bf_tick(-third), "1/3");
        assert_eq!(bf_tick(-1.0 - third), "1/30");
        assert_eq!(bf_tick(5.0), "1e5");
    }
}
