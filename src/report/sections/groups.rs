//! A comparison group: each group's change, the groups' change scores compared (Welch's t,
//! Hedges' g, Mann-Whitney) and the ANCOVA on the post-test, as tables for reading and for
//! machines, in sentences (with the shares reliably improved in each group), and the figure
//! of the change by group.

use super::levels::{factor_blocks, group_sentence, Levels};
use super::{
    drawn_note, lang_of, mean_ci, num, opt, rows_of, score_name, slug, thin, value_ci, MAX_DRAWN,
};
use crate::model::{GroupDifference, Report, ScaleResult};
use crate::report::doc::number::{fmt_ci, fmt_num, fmt_p, Style};
use crate::report::doc::plot::{padded, Plot, BLUE, GREEN, ORANGE};
use crate::report::doc::words::Text;
use crate::report::doc::words::W;
use crate::report::doc::{col, left_then_right, Block, Cell, Figure, Lang, Table};
use crate::stats::ancova_groups::AncovaGroups;
use crate::stats::Alternative;
/// With a comparison group: treatment vs comparison on the change scores, and the ANCOVA
/// (each group's own change is in the tables of the paired comparison, by group).
pub fn tables(
    report: &Report,
    treatment: &str,
    comparison: &str,
    dg: usize,
    alt: Alternative,
    level: &str,
    zh: bool,
) -> Vec<Table> {
    let mut between = Vec::new();
    let mut adjusted = Vec::new();
    for s in &report.scales {
        let Some(b) = &s.between_groups else { continue };
        let (diff, ci, welch, wp) = match &b.welch {
            Some(w) => (
                fmt_num(Some(w.diff), dg),
                fmt_ci(w.ci_low, w.ci_high, dg, alt),
                format!("t({}) = {}", fmt_num(Some(w.df), 1), fmt_num(Some(w.t), dg)),
                fmt_p(Some(w.p_value)),
            ),
            None => Default::default(),
        };
        let (g, gci) = value_ci(&b.hedges_g, dg, alt);
        let (u, up) = match &b.mann_whitney {
            Some(m) => (
                fmt_num(Some(m.u), if m.u.fract() == 0.0 { 0 } else { 1 }),
                fmt_p(Some(m.p_value)),
            ),
            None => Default::default(),
        };
        between.push(vec![
            score_name(report, &s.scale, zh),
            diff,
            ci,
            welch,
            wp,
            format!("{g} {gci}").trim().to_string(),
            u,
            up,
        ]);
        if let Some(a) = &b.ancova {
            adjusted.push(vec![
                score_name(report, &s.scale, zh),
                fmt_num(Some(a.diff), dg),
                fmt_ci(a.ci_low, a.ci_high, dg, Alternative::TwoSided),
                a.t.map_or(String::new(), |t| {
                    format!("t({}) = {}", fmt_num(Some(a.df), 0), fmt_num(Some(t), dg))
                }),
                fmt_p(a.p_value),
                fmt_num(a.partial_eta_sq, 3),
                fmt_p(a.interaction_p),
            ]);
        } else {
            adjusted.push(
                vec![
                    score_name(report, &s.scale, zh),
                    crate::report::doc::words::Text::of(lang_of(zh))
                        .not_computed_because(s.notes.get("between_groups.ancova")),
                ]
                .into_iter()
                .chain(std::iter::repeat_n(String::new(), 5))
                .collect(),
            );
        }
    }
    vec![
        Table::text(
            if zh {
                format!("变化分数：{treatment} 减 {comparison}")
            } else {
                format!("Change scores, {treatment} minus {comparison}")
            },
            vec![
                W::Scale.pick(zh).into(),
                W::Diff.pick(zh).into(),
                format!("{level} CI"),
                "Welch t".into(),
                "p".into(),
                format!("Hedges' g [{level} CI]"),
                "U".into(),
                "p (U)".into(),
            ],
            left_then_right(8),
            between,
        ),
        Table::text(
            if zh {
                format!("协方差分析：后测 ~ 前测 + 组别（{treatment} 减 {comparison}，控制前测）")
            } else {
                format!(
                    "ANCOVA: post ~ pre + group ({treatment} minus {comparison}, adjusted for pre)"
                )
            },
            vec![
                W::Scale.pick(zh).into(),
                W::AdjDiff.pick(zh).into(),
                format!("{level} CI"),
                "t".into(),
                "p".into(),
                W::PartialEtaSq.pick(zh).into(),
                W::PPreXGroup.pick(zh).into(),
            ],
            left_then_right(7),
            adjusted,
        ),
    ]
}

/// Treatment vs comparison per scale and test (empty without --group).
pub fn between_groups(report: &Report) -> Table {
    let columns = vec![
        col("scale", "Scale"),
        col("test", "Test"),
        col("statistic", "Statistic"),
        col("df", "df"),
        col("p_value", "p"),
        col("estimate", "Estimate"),
        col("ci_low", "CI low"),
        col("ci_high", "CI high"),
        col("method", "Method"),
    ];
    let mut rows = Vec::new();
    for s in &report.scales {
        let Some(b) = &s.between_groups else { continue };
        let name = Cell::Text(s.scale.clone());
        if let Some(w) = &b.welch {
            rows.push(vec![
                name.clone(),
                Cell::Text("welch t (change)".into()),
                num(w.t),
                num(w.df),
                Cell::P(Some(w.p_value)),
                num(w.diff),
                opt(w.ci_low),
                opt(w.ci_high),
                Cell::Text("welch".into()),
            ]);
        }
        if let Some(g) = &b.hedges_g {
            rows.push(vec![
                name.clone(),
                Cell::Text("hedges g (change)".into()),
                Cell::Num(None),
                Cell::Num(None),
                Cell::P(None),
                num(g.value),
                opt(g.ci_low),
                opt(g.ci_high),
                Cell::Text(g.ci_method.clone()),
            ]);
        }
        if let Some(m) = &b.mann_whitney {
            rows.push(vec![
                name.clone(),
                Cell::Text("mann-whitney u (change)".into()),
                num(m.u),
                Cell::Num(None),
                Cell::P(Some(m.p_value)),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Text(m.method.clone()),
            ]);
        }
        if let Some(a) = &b.ancova {
            rows.push(vec![
                name.clone(),
                Cell::Text("ancova group (post ~ pre + group)".into()),
                Cell::Num(a.t),
                num(a.df),
                Cell::P(a.p_value),
                num(a.diff),
                Cell::Num(a.ci_low),
                Cell::Num(a.ci_high),
                Cell::Text("ols".into()),
            ]);
            rows.push(vec![
                name,
                Cell::Text("ancova pre x group interaction".into()),
                Cell::Num(None),
                Cell::Num(None),
                Cell::P(a.interaction_p),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Text("ols".into()),
            ]);
        }
        if let Some(x) = &b.sensitivity {
            let method = Cell::Text(format!("power {}, alpha {}", x.power, x.alpha));
            rows.push(vec![
                Cell::Text(s.scale.clone()),
                Cell::Text("smallest detectable d (change)".into()),
                Cell::Num(None),
                Cell::Num(None),
                Cell::P(None),
                num(x.min_d),
                Cell::Num(None),
                Cell::Num(None),
                method.clone(),
            ]);
            rows.push(vec![
                Cell::Text(s.scale.clone()),
                Cell::Text("smallest detectable d (ancova)".into()),
                opt(x.r_within),
                Cell::Num(None),
                Cell::P(None),
                opt(x.min_d_ancova),
                Cell::Num(None),
                Cell::Num(None),
                method,
            ]);
        }
        if let Some(bf) = &b.bayes {
            rows.push(vec![
                Cell::Text(s.scale.clone()),
                Cell::Text("bayes factor bf10 (change)".into()),
                Cell::Num(None),
                Cell::Num(None),
                Cell::P(None),
                num(bf.bf10),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Text(format!("jzs, r = {}", bf.r_scale)),
            ]);
        }
        if let Some(r) = &b.reliable_change {
            rows.push(vec![
                Cell::Text(s.scale.clone()),
                Cell::Text("reliably improved (treatment - comparison)".into()),
                Cell::Num(None),
                Cell::Num(None),
                Cell::P(Some(r.fisher_p)),
                num(r.difference),
                num(r.ci_low),
                num(r.ci_high),
                Cell::Text("newcombe; fisher exact".into()),
            ]);
        }
    }
    Table::data("between_groups", "Between groups", columns, rows)
}

/// Change scores by group: the individual changes and each group's mean with its CI.
pub fn change_by_group(report: &Report, s: &ScaleResult, t: &Text) -> Option<Figure> {
    let name = report.score_name(&s.scale, t.lang);
    let (treatment, comparison) = (
        report.options.treatment.as_ref()?,
        report.options.comparison.as_ref()?,
    );
    let groups = s.groups.as_ref()?;
    let rows = rows_of(report, &s.scale);
    let ylim = padded(rows.iter().map(|r| r.change).chain([0.0]), 0.08);
    let title = format!("{}{}{}", name, t.colon, t.change_by_group);
    let mut p = Plot::new(
        &title,
        t.change_by_group_desc,
        360.0,
        320.0,
        (0.0, 1.0),
        ylim,
    );
    let cats = [
        (0.3, treatment.clone(), BLUE),
        (0.7, comparison.clone(), GREEN),
    ];
    let labels: Vec<(f64, String)> = cats.iter().map(|(x, l, _)| (*x, l.clone())).collect();
    p.axes("", t.change_axis, Some(&labels), None);
    p.line(&[(0.0, 0.0), (1.0, 0.0)], ORANGE, 1.2, 0.9, true);
    let mut note = String::new();
    for (x, label, colour) in &cats {
        let changes: Vec<f64> = rows
            .iter()
            .filter(|r| r.group == Some(label))
            .map(|r| r.change)
            .collect();
        let drawn = thin(&changes, MAX_DRAWN);
        note += &drawn_note(t, drawn.len(), changes.len());
        for (k, &c) in drawn.iter().enumerate() {
            // deterministic jitter
            let dx = ((k * 7919) % 17) as f64 - 8.0;
            p.point_offset(*x, c, dx * 2.0, 2.5, colour, 0.45);
        }
        if let Some(d) = groups.get(label).and_then(|g| g.diff.as_ref()) {
            if let Some((lo, hi)) = mean_ci(d.mean, d.se, d.n, report.options.conf_level) {
                p.line(&[(x + 0.12, lo), (x + 0.12, hi)], colour, 2.5, 1.0, false);
            }
            p.point(x + 0.12, d.mean, 5.0, colour, 1.0);
        }
    }
    Some(Figure {
        name: format!("{}_change_by_group", slug(&s.scale)),
        scale: Some(name.clone()),
        caption: format!("{name}{}{}{note}", t.caption_sep, t.change_by_group_caption),
        svg: p.render(),
        png: Default::default(),
    })
}

/// The comparison of the groups' change in a sentence: Welch's t of the change scores with
/// Hedges' g, and the ANCOVA's adjusted difference.
pub fn sentence(report: &Report, s: &ScaleResult, st: &Style) -> Option<String> {
    let o = &report.options;
    let level = o.conf_level;
    let mut out = None;
    if let Some(b) = &s.between_groups {
        if let (Some(w), Some(a)) = (&b.welch, &b.ancova) {
            let g = b
                .hedges_g
                .as_ref()
                .map(|g| {
                    // (with its separator: no ", )" when there is no g)
                    let sep = if st.lang == Lang::Zh { "，" } else { ", " };
                    format!(
                        "{sep}g = {}{sep}{}",
                        st.num(g.value),
                        st.ci(level, g.ci_low, g.ci_high, false)
                    )
                })
                .unwrap_or_default();
            // one-sided tests beside the (always two-sided) ANCOVA say which is which
            let one_sided = o.alternative != Alternative::TwoSided;
            let (w_side, a_side) = match (one_sided, st.lang) {
                (false, _) => ("", ""),
                (true, Lang::En) => (" (one-sided)", " (two-sided)"),
                (true, Lang::Zh) => ("（单侧）", "（双侧）"),
            };
            // the ANCOVA's part: its test, or at an exact fit the estimate alone
            let adjusted = match (a.t, a.p_value, a.partial_eta_sq, st.lang) {
                (Some(t), Some(p), Some(eta), Lang::En) => format!(
                    "adjusted for the pre-test (ANCOVA), the difference was {}, {}, t({}) = {}, {}{a_side}, \u{03b7}p\u{00b2} = {}",
                    st.num(a.diff),
                    st.ci(level, a.ci_low, a.ci_high, false),
                    st.fixed(a.df, 0),
                    st.num(t),
                    st.p(p),
                    st.bounded(eta)
                ),
                (Some(t), Some(p), Some(eta), Lang::Zh) => format!(
                    "经协方差分析控制前测后，调整后的组间差异为 {}，{}，t({}) = {}，{}{a_side}，\u{03b7}p\u{00b2} = {}",
                    st.num(a.diff),
                    st.ci(level, a.ci_low, a.ci_high, false),
                    st.fixed(a.df, 0),
                    st.num(t),
                    st.p(p)
                    ,
                    st.bounded(eta)
                ),
                (_, _, _, Lang::En) => format!(
                    "adjusted for the pre-test (ANCOVA), the difference was {} (the post-test is an exact linear function of the pre-test and the group: no error to test it against)",
                    st.num(a.diff)
                ),
                (_, _, _, Lang::Zh) => format!(
                    "经协方差分析控制前测后，调整后的组间差异为 {}（后测恰为前测与组别的线性函数，没有可供检验的误差）",
                    st.num(a.diff)
                ),
            };
            out = Some(match st.lang {
                Lang::En => format!(
                    "Compared with the {} group, the {} group's change was {} points {} (Welch's t({}) = {}, {}{w_side}{g}); {adjusted}.",
                    b.comparison,
                    b.treatment,
                    st.num(w.diff.abs()),
                    if w.diff >= 0.0 { "larger" } else { "smaller" },
                    st.fixed(w.df, 1),
                    st.num(w.t),
                    st.p(w.p_value),
                ),
                Lang::Zh => format!(
                    "与 {} 相比，{}的变化{} {} 分（Welch t({}) = {}，{}{w_side}{g}）；{adjusted}。",
                    crate::report::doc::words::group_zh(&b.comparison),
                    crate::report::doc::words::group_zh(&b.treatment),
                    if w.diff >= 0.0 { "高出" } else { "低" },
                    st.num(w.diff.abs()),
                    st.fixed(w.df, 1),
                    st.num(w.t),
                    st.p(w.p_value),
                ),
            });
        }
    }
    out
}

/// The share reliably improved in each group, each judged by its own pre-test, compared.
pub fn improvement_sentence(report: &Report, s: &ScaleResult, st: &Style) -> Option<String> {
    let mut out = None;
    if let (Some(b), Some(r)) = (
        &s.between_groups,
        s.between_groups
            .as_ref()
            .and_then(|b| b.reliable_change.as_ref()),
    ) {
        let pct = |k: usize, n: usize| 100.0 * k as f64 / n.max(1) as f64;
        let points = |x: f64| st.fixed(100.0 * x, 0);
        out = Some(match st.lang {
            Lang::En => format!(
                "Judged by each group's own pre-test, {} of {} ({:.0}%) in the {} group and {} of {} ({:.0}%) in the {} group improved reliably: a difference of {} percentage points, {}% CI [{}, {}], Fisher's exact {}.",
                r.treatment_improved,
                r.treatment_n,
                pct(r.treatment_improved, r.treatment_n),
                b.treatment,
                r.comparison_improved,
                r.comparison_n,
                pct(r.comparison_improved, r.comparison_n),
                b.comparison,
                points(r.difference),
                crate::report::doc::number::fmt_level(report.options.conf_level),
                points(r.ci_low),
                points(r.ci_high),
                st.p(r.fisher_p)
            ),
            Lang::Zh => format!(
                "以各组自身的前测判断，{} {} 名中 {} 名（{:.0}%）可靠改善，{} {} 名中 {} 名（{:.0}%）可靠改善；相差 {} 个百分点，{}% CI [{}, {}]，Fisher 精确检验 {}。",
                crate::report::doc::words::group_zh(&b.treatment),
                r.treatment_n,
                r.treatment_improved,
                pct(r.treatment_improved, r.treatment_n),
                crate::report::doc::words::group_zh(&b.comparison),
                r.comparison_n,
                r.comparison_improved,
                pct(r.comparison_improved, r.comparison_n),
                points(r.difference),
                crate::report::doc::number::fmt_level(report.options.conf_level),
                points(r.ci_low),
                points(r.ci_high),
                st.p(r.fisher_p)
            ),
        });
    }
    out
}

/// A scale's results in brief with a comparison group: each group's change with its paired
/// t-test and d_z, and the difference in change (Welch's t, Hedges' g with its CI).
pub fn headline(report: &Report, s: &ScaleResult, st: &Style) -> Option<String> {
    let o = &report.options;
    let (groups, t, c) = (
        s.groups.as_ref()?,
        o.treatment.as_ref()?,
        o.comparison.as_ref()?,
    );
    let (gt, gc) = (groups.get(t)?, groups.get(c)?);
    let zh = st.lang == Lang::Zh;
    let sep = if zh { "，" } else { ", " };
    let name = super::sentence_name(report, &s.scale, st.lang);
    // "rose by 3.90 points (t(5) = 4.20, p = .008, d_z = 1.71)"
    let change = |g: &ScaleResult| -> String {
        let d = g.diff.as_ref().map_or(0.0, |d| d.mean);
        let test = match &g.t_test {
            Some(tt) => {
                let dz = g
                    .effect_sizes
                    .d_z
                    .as_ref()
                    .map(|e| format!("{sep}d_z = {}", st.num(e.value)))
                    .unwrap_or_default();
                format!(
                    "t({}) = {}{sep}{}{dz}",
                    st.fixed(tt.df, 0),
                    st.num(tt.t),
                    st.p(tt.p_value)
                )
            }
            None if zh => "t 检验无法计算".to_string(),
            None => "no t-test".to_string(),
        };
        match (zh, d.partial_cmp(&0.0)) {
            (false, Some(std::cmp::Ordering::Greater)) => {
                format!("rose by {} points ({test})", st.num(d))
            }
            (false, Some(std::cmp::Ordering::Less)) => {
                format!("fell by {} points ({test})", st.num(-d))
            }
            (false, _) => format!("stayed the same ({test})"),
            (true, Some(std::cmp::Ordering::Greater)) => {
                format!("上升 {} 分（{test}）", st.num(d))
            }
            (true, Some(std::cmp::Ordering::Less)) => format!("下降 {} 分（{test}）", st.num(-d)),
            (true, _) => format!("保持不变（{test}）"),
        }
    };
    let difference = s.between_groups.as_ref().and_then(|b| {
        let w = b.welch.as_ref()?;
        let g = b
            .hedges_g
            .as_ref()
            .map(|g| {
                format!(
                    "{sep}g = {}{sep}{}",
                    st.num(g.value),
                    st.ci(o.conf_level, g.ci_low, g.ci_high, false)
                )
            })
            .unwrap_or_default();
        let test = format!(
            "t({}) = {}{sep}{}{g}",
            st.fixed(w.df, 1),
            st.num(w.t),
            st.p(w.p_value)
        );
        Some(if zh {
            format!(
                "；{} 的变化比 {} {} {} 分（Welch {test}）",
                super::super::doc::words::group_zh(t),
                super::super::doc::words::group_zh(c),
                if w.diff >= 0.0 { "高" } else { "低" },
                st.num(w.diff.abs())
            )
        } else {
            format!(
                "; the {t} group's change was {} points {} (Welch's {test})",
                st.num(w.diff.abs()),
                if w.diff >= 0.0 { "larger" } else { "smaller" }
            )
        })
    });
    Some(if zh {
        format!(
            "{name} 在 {} {}，在 {} {}{}。",
            super::super::doc::words::group_zh(t),
            change(gt),
            super::super::doc::words::group_zh(c),
            change(gc),
            difference.unwrap_or_default()
        )
    } else {
        format!(
            "{} {} in the {t} group and {} in the {c} group{}.",
            super::capitalized(&name),
            change(gt),
            change(gc),
            difference.unwrap_or_default()
        )
    })
}

/// How the groups' levels are written in this report (the names of its scores).
fn with_levels<T>(report: &Report, st: &Style, f: impl FnOnce(&Levels) -> T) -> T {
    let zh = st.lang == Lang::Zh;
    let names = |n: &str| score_name(report, n, zh);
    let c = Levels {
        zh,
        lang: st.lang,
        dg: st.digits,
        st: *st,
        alpha: 1.0 - report.options.conf_level,
        conf_level: report.options.conf_level,
        names: &names,
    };
    f(&c)
}

/// The groups at the pre-test and, with three or more groups, their change and the ANCOVA, in
/// sentences (each group's change by the paired sentences).
pub fn level_sentences(report: &Report, s: &ScaleResult, st: &Style) -> Vec<String> {
    let zh = st.lang == Lang::Zh;
    with_levels(report, st, |c| {
        let mut out = Vec::new();
        if let Some(b) = &s.baseline {
            out.extend(
                group_sentence(c, b)
                    .map(|x| format!("{}{x}", if zh { "前测：" } else { "Pre-test: " })),
            );
        }
        if let Some(k) = &s.k_groups {
            out.extend(group_sentence(c, &k.change).map(|x| {
                format!(
                    "{}{x}",
                    if zh {
                        "变化分数（后测 − 前测）："
                    } else {
                        "Change (post − pre): "
                    }
                )
            }));
            out.extend(k.ancova.as_ref().map(|a| ancova_sentence(a, st)));
        }
        out
    })
}

/// "Adjusted for the pre-test (ANCOVA), the groups differed, F(2, 68) = 8.65, p < .001,
/// ηp² = 0.20; adjusted means: CBT 85.70, Cont 81.60, FT 90.20; Tukey: Cont < FT (p < .001)."
fn ancova_sentence(a: &AncovaGroups, st: &Style) -> String {
    let zh = st.lang == Lang::Zh;
    let sep = if zh { "，" } else { ", " };
    let test = format!(
        "F({}, {}){}{}{sep}{}{sep}\u{03b7}p\u{00b2} = {}",
        st.fixed(a.group.df, 0),
        a.df_residual,
        " = ",
        st.num(a.group.f),
        st.p(a.group.p_value),
        st.bounded(a.group.partial_eta_sq)
    );
    let means: Vec<String> = a
        .adjusted_means
        .iter()
        .map(|m| format!("{} {}", m.level, st.num(m.emmean)))
        .collect();
    let alpha = 0.05;
    let pairs: Vec<String> = a
        .pairwise
        .iter()
        .filter_map(|p| {
            let pv = p.p_value.filter(|pv| *pv < alpha)?;
            let rel = if p.estimate < 0.0 { "<" } else { ">" };
            Some(format!("{} {rel} {} ({})", p.a, p.b, st.p(pv)))
        })
        .collect();
    let differ = a.group.p_value < alpha;
    if zh {
        format!(
            "经协方差分析控制前测后，各组后测差异{}，{test}；调整后均值：{}；Tukey 两两比较：{}。",
            if differ { "显著" } else { "不显著" },
            means.join("，"),
            if pairs.is_empty() {
                "无两两差异显著".to_string()
            } else {
                pairs.join("，")
            }
        )
    } else {
        format!(
            "Adjusted for the pre-test (ANCOVA), {}, {test}; adjusted means: {}; Tukey: {}.",
            if differ {
                "the groups differed"
            } else {
                "the groups did not differ significantly"
            },
            means.join(", "),
            if pairs.is_empty() {
                "no pair differs".to_string()
            } else {
                pairs.join(", ")
            }
        )
    }
}

/// The tables of the groups at the pre-test (first, as theses give them) and, with three or
/// more groups, of their change and the ANCOVA.
pub fn level_blocks(report: &Report, st: &Style, level: &str) -> Vec<Block> {
    let zh = st.lang == Lang::Zh;
    let Some(column) = report.options.group.as_deref() else {
        return Vec::new();
    };
    with_levels(report, st, |c| {
        let mut blocks = Vec::new();
        let baseline: Vec<&GroupDifference> = report
            .scales
            .iter()
            .filter_map(|s| s.baseline.as_ref())
            .collect();
        if !baseline.is_empty() {
            let (title, suffix) = if zh {
                ("前测时的组间比较".to_string(), "（前测）")
            } else {
                ("The groups at the pre-test".to_string(), " (pre-test)")
            };
            blocks.extend(factor_blocks(c, column, title, suffix, &baseline));
        }
        let change: Vec<&GroupDifference> = report
            .scales
            .iter()
            .filter_map(|s| s.k_groups.as_ref().map(|k| &k.change))
            .collect();
        if !change.is_empty() {
            let (title, suffix) = if zh {
                ("变化分数的单因素方差分析".to_string(), "（变化分数）")
            } else {
                (
                    "One-way ANOVA of the change scores".to_string(),
                    " (change)",
                )
            };
            blocks.extend(factor_blocks(c, column, title, suffix, &change));
            blocks.extend(
                ancova_tables(report, c, level)
                    .into_iter()
                    .map(Block::Table),
            );
        }
        blocks
    })
}

/// The ANCOVA with k groups: the adjusted means, then the group's F and the pairwise
/// differences of the adjusted means (Tukey).
fn ancova_tables(report: &Report, c: &Levels, level: &str) -> Vec<Table> {
    let zh = c.zh;
    let mut means = Vec::new();
    let mut tests = Vec::new();
    for s in &report.scales {
        let Some(k) = &s.k_groups else { continue };
        let name = score_name(report, &s.scale, zh);
        let Some(a) = &k.ancova else {
            tests.push(
                vec![
                    name,
                    Text::of(lang_of(zh)).not_computed_because(s.notes.get("k_groups.ancova")),
                ]
                .into_iter()
                .chain(std::iter::repeat_n(String::new(), 5))
                .collect(),
            );
            continue;
        };
        for m in &a.adjusted_means {
            means.push(vec![
                name.clone(),
                m.level.clone(),
                m.n.to_string(),
                c.num(Some(m.raw_mean)),
                c.num(Some(m.emmean)),
                c.num(Some(m.se)),
                fmt_ci(Some(m.ci_low), Some(m.ci_high), c.dg, Alternative::TwoSided),
            ]);
        }
        tests.push(vec![
            name.clone(),
            W::Group.pick(zh).into(),
            String::new(),
            String::new(),
            format!(
                "F({}, {}) = {}",
                fmt_num(Some(a.group.df), 0),
                a.df_residual,
                c.num(Some(a.group.f))
            ),
            fmt_p(Some(a.group.p_value)),
            fmt_num(Some(a.group.partial_eta_sq), 3),
        ]);
        for p in &a.pairwise {
            tests.push(vec![
                name.clone(),
                format!("{} − {}", p.a, p.b),
                c.num(Some(p.estimate)),
                fmt_ci(p.ci_low, p.ci_high, c.dg, Alternative::TwoSided),
                format!("t({}) = {}", fmt_num(Some(p.df), 0), c.num(Some(p.t))),
                fmt_p(p.p_value),
                String::new(),
            ]);
        }
    }
    let mut out = Vec::new();
    if !means.is_empty() {
        out.push(Table::text(
            if zh {
                "协方差分析：后测 ~ 前测 + 组别，调整后均值".to_string()
            } else {
                "ANCOVA: post ~ pre + group, adjusted means".to_string()
            },
            vec![
                W::Scale.pick(zh).into(),
                W::Group.pick(zh).into(),
                "n".into(),
                W::PostM.pick(zh).into(),
                W::AdjustedM.pick(zh).into(),
                "SE".into(),
                format!("{level} CI"),
            ],
            left_then_right(7),
            means,
        ));
    }
    out.push(Table::text(
        if zh {
            "协方差分析：组别的检验与调整后均值的两两比较（Tukey 校正）".to_string()
        } else {
            "ANCOVA: the group, and the adjusted means compared in pairs (Tukey)".to_string()
        },
        vec![
            W::Scale.pick(zh).into(),
            W::Pair.pick(zh).into(),
            W::AdjDiff.pick(zh).into(),
            format!("{level} CI"),
            W::Statistic.pick(zh).into(),
            "p".into(),
            W::PartialEtaSq.pick(zh).into(),
        ],
        left_then_right(7),
        tests,
    ));
    out
}
