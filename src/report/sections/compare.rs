//! The report of `compare` as a person reads it: a paragraph on the study and the options, the
//! results in sentences, compact tables (descriptives, t-test, Wilcoxon, effect sizes,
//! normality, and those of each analysis family), the figures and the notes; and its machine
//! tables and JSON ([`Present`] for [`Report`]).

use super::Parts;
use crate::model::{Report, ScaleResult};
use crate::report::doc::number::{fmt_ci, fmt_level, fmt_num, fmt_p};
use crate::report::doc::words::Lang;
use crate::report::doc::Stream;
use crate::report::doc::{left_then_right, Align, Doc, Kind, Meta, Table};
use crate::report::{Present, RenderOptions};
use crate::stats::rci::RciMethod;
use crate::stats::wilcoxon::{PValueMethod, AUTO_EXACT_BELOW};
use crate::stats::Alternative;

fn mean_sd(s: &Option<crate::model::Summary>, digits: usize) -> String {
    match s {
        Some(s) => match s.sd {
            Some(sd) => format!(
                "{} ({})",
                fmt_num(Some(s.mean), digits),
                fmt_num(Some(sd), digits)
            ),
            None => fmt_num(Some(s.mean), digits),
        },
        None => String::new(),
    }
}

fn value_ci(e: &Option<crate::model::Effect>, digits: usize, alt: Alternative) -> (String, String) {
    match e {
        Some(e) => (
            fmt_num(Some(e.value), digits),
            fmt_ci(e.ci_low, e.ci_high, digits, alt),
        ),
        None => (String::new(), String::new()),
    }
}

/// Builds the human report.
pub fn build(report: &Report, opts: &RenderOptions) -> Parts {
    let dg = opts.digits;
    let o = &report.options;
    let alt = o.alternative;
    let level = format!("{}%", fmt_level(o.conf_level));
    let a = &report.attrition;

    let zh = opts.lang == Lang::Zh;
    let tr = |en: &'static str, zh_text: &'static str| if zh { zh_text } else { en };
    let text = crate::report::doc::words::Text::of(opts.lang);
    let mut preamble = Vec::new();
    preamble.push(if zh {
        format!(
            "数据：{}（{}）。",
            o.inputs.join("、"),
            text.layout(&o.layout)
        )
    } else {
        format!("Data: {} ({}).", o.inputs.join(", "), o.layout)
    });
    let mut who = if zh {
        format!(
            "前测 {} 人，后测 {} 人，匹配 {} 人",
            a.n_pre, a.n_post, a.n_matched
        )
    } else {
        format!(
            "{} participant{} at pre, {} at post, {} matched",
            a.n_pre,
            if a.n_pre == 1 { "" } else { "s" },
            a.n_post,
            a.n_matched
        )
    };
    if !a.only_in_pre.is_empty() {
        who.push_str(&format!(
            "{}{}",
            tr("; only at pre: ", "；仅有前测："),
            a.only_in_pre.join(", ")
        ));
    }
    if !a.only_in_post.is_empty() {
        who.push_str(&format!(
            "{}{}",
            tr("; only at post: ", "；仅有后测："),
            a.only_in_post.join(", ")
        ));
    }
    for (scale, ids) in &a.missing_by_scale {
        if !ids.is_empty() {
            let scale = score_name(report, scale, zh);
            who.push_str(&if zh {
                crate::report::doc::words::cjk_spacing(&format!(
                    "；{scale} 缺失：{}",
                    ids.join(", ")
                ))
            } else {
                format!("; missing {scale}: {}", ids.join(", "))
            });
        }
    }
    preamble.push(format!("{who}{}", tr(".", "。")));
    preamble.extend(super::waves::preamble(report, zh));
    let method = match (o.wilcoxon_method, zh) {
        (PValueMethod::Auto, false) => {
            format!("auto (exact below {AUTO_EXACT_BELOW} ranked differences)")
        }
        (PValueMethod::Auto, true) => {
            format!("自动（参与排秩的差值少于 {AUTO_EXACT_BELOW} 个时用精确检验）")
        }
        (m, _) => m.as_str().to_string(),
    };
    if let Some(sc) = &o.scale {
        let rules: Vec<String> = sc
            .scores
            .iter()
            .map(|r| {
                if zh {
                    format!(
                        "{}（{} 题{}，至少答 {} 题）",
                        score_name(report, &r.scale, zh),
                        r.items,
                        if r.method == "sum" {
                            "求和"
                        } else {
                            "平均"
                        },
                        r.min_answered
                    )
                } else {
                    format!(
                        "{} ({} of {} items, needs {})",
                        score_name(report, &r.scale, zh),
                        r.method,
                        r.items,
                        r.min_answered
                    )
                }
            })
            .collect();
        let reverse = if sc.reverse.is_empty() {
            tr("none", "无").to_string()
        } else {
            sc.reverse.join(tr(", ", "、"))
        };
        let (lo, hi) = (
            crate::scale::spec::fmt_number(sc.min),
            crate::scale::spec::fmt_number(sc.max),
        );
        preamble.push(if zh {
            format!(
                "量表：{}（{}），作答范围 {lo}–{hi}，反向计分题：{reverse}；得分：{}。无效作答：{}。",
                report.scale_name(opts.lang).unwrap_or(&sc.name),
                sc.spec,
                rules.join("，"),
                if sc.invalid == "error" { "报错" } else { "按缺失处理" }
            )
        } else {
            format!(
                "Scale: {} ({}), answers {lo} to {hi}, reverse-keyed: {reverse}; scores: {}. Invalid answers: {}.",
                report.scale_name(opts.lang).unwrap_or(&sc.name),
                sc.spec,
                rules.join(", "),
                if sc.invalid == "error" { "an error" } else { "treated as missing" }
            )
        });
    }
    let has_total = o
        .scale
        .as_ref()
        .is_some_and(|sc| sc.scores.iter().any(|r| r.is_total));
    let k = report.scales.len();
    // the family of the (sub)scales: how many of its scales, and of its tests, were adjusted
    let members = if has_total { k - 1 } else { k };
    let sizes = report
        .scales
        .iter()
        .find(|s| !(has_total && s.scale == "total"))
        .map(|s| {
            (
                s.p_adjusted.t_test_family_size,
                s.p_adjusted.wilcoxon_family_size,
            )
        })
        .unwrap_or((members, members));
    let method_name = if zh {
        super::sentences::adjust_name(o.p_adjust.as_str())
    } else {
        o.p_adjust.as_str()
    };
    let across = match (sizes == (members, members), zh, has_total) {
        (true, false, true) => format!("the {members} subscales"),
        (true, false, false) => format!("{members} scales"),
        (true, true, true) => format!("{members} 个分量表"),
        (true, true, false) => format!("{members} 个量表"),
        (false, false, _) => format!(
            "{} t-test{} and {} Wilcoxon test{} (a scale whose test is not computed is not counted)",
            sizes.0,
            if sizes.0 == 1 { "" } else { "s" },
            sizes.1,
            if sizes.1 == 1 { "" } else { "s" }
        ),
        (false, true, _) => format!(
            "{} 个 t 检验与 {} 个 Wilcoxon 检验（无法计算的检验不计入）",
            sizes.0, sizes.1
        ),
    };
    let family = match (has_total && k > 1, zh) {
        (true, false) => {
            format!("p adjusted across {across} ({method_name}); the total is tested on its own")
        }
        (_, true) if k > 1 && o.p_adjust.as_str() == "none" => "p 值未作多重比较校正".to_string(),
        (true, true) => format!("p 值在 {across}间进行 {method_name} 校正，总分单独检验"),
        (false, false) if k > 1 => format!("p adjusted across {across}: {method_name}"),
        (false, true) if k > 1 => format!("p 值在 {across}间进行 {method_name} 校正"),
        // one scale: nothing to adjust
        (false, false) => "One scale: p not adjusted".to_string(),
        (false, true) => "仅一个量表：p 值未校正".to_string(),
    };
    preamble.push(if zh {
        format!(
            "差值 = 后测 − 前测。备择假设：{}。置信水平：{level}。Wilcoxon p：{method}，零差值：{}，连续性校正：{}。{family}。",
            text.alternative(alt, "差值"),
            text.zero_method(o.zero_method.as_str()),
            if o.continuity_correction { "是" } else { "否" },
        )
    } else {
        format!(
            "Difference = post - pre. Alternative: {alt}. Confidence level: {level}. Wilcoxon p: {method}, \
             zeros: {}, continuity correction: {}. {family}.",
            o.zero_method.as_str(),
            if o.continuity_correction { "yes" } else { "no" },
        )
    });

    let mut blocks = Vec::new();
    blocks.push(Table::text(
        tr("Descriptives", "描述统计").into(),
        [
            tr("Scale", "量表"),
            "n",
            tr("Pre M (SD)", "前测 M (SD)"),
            tr("Post M (SD)", "后测 M (SD)"),
            tr("Diff M (SD)", "差值 M (SD)"),
            tr("Diff Mdn", "差值 Mdn"),
            "r",
        ]
        .map(String::from)
        .to_vec(),
        left_then_right(7),
        report
            .scales
            .iter()
            .map(|s| {
                vec![
                    score_name(report, &s.scale, zh),
                    s.n_pairs.to_string(),
                    mean_sd(&s.pre, dg),
                    mean_sd(&s.post, dg),
                    mean_sd(&s.diff, dg),
                    fmt_num(s.diff.as_ref().map(|d| d.median), dg),
                    fmt_num(s.r_pre_post, dg),
                ]
            })
            .collect(),
    ));
    blocks.push(Table::text(
        tr("Paired t-test", "配对样本 t 检验").into(),
        vec![
            tr("Scale", "量表").into(),
            tr("Mean diff", "平均差值").into(),
            format!("{level} CI"),
            "t".into(),
            "df".into(),
            "p".into(),
            adjusted_p_header(o.p_adjust.as_str(), zh),
        ],
        left_then_right(7),
        report
            .scales
            .iter()
            .map(|s| match &s.t_test {
                Some(t) => vec![
                    score_name(report, &s.scale, zh),
                    fmt_num(Some(t.mean_diff), dg),
                    fmt_ci(t.ci_low, t.ci_high, dg, alt),
                    fmt_num(Some(t.t), dg),
                    fmt_num(Some(t.df), 0),
                    fmt_p(Some(t.p_value)),
                    fmt_p(s.p_adjusted.t_test),
                ],
                None => not_computed(report, s, "t_test", 7, zh),
            })
            .collect(),
    ));
    blocks.push(Table::text(
        tr("Wilcoxon signed-rank test", "Wilcoxon 符号秩检验").into(),
        vec![
            tr("Scale", "量表").into(),
            "V".into(),
            "n+/n-/n0".into(),
            "z".into(),
            "p".into(),
            adjusted_p_header(o.p_adjust.as_str(), zh),
            tr("Method", "方法").into(),
            tr("Pseudomedian", "伪中位数").into(),
            format!("{level} CI"),
        ],
        left_then_right(9),
        report
            .scales
            .iter()
            .map(|s| match &s.wilcoxon {
                Some(w) => vec![
                    score_name(report, &s.scale, zh),
                    fmt_num(Some(w.v), if w.v.fract() == 0.0 { 0 } else { 1 }),
                    format!("{}/{}/{}", w.n_positive, w.n_negative, w.n_zero),
                    fmt_num(Some(w.z), dg),
                    fmt_p(Some(w.p_value)),
                    fmt_p(s.p_adjusted.wilcoxon),
                    text.p_method(&w.method),
                    fmt_num(w.pseudomedian, dg),
                    // an exact interval that cannot reach the level says what it reaches
                    match w.ci_achieved_level {
                        Some(a) if a < o.conf_level - 1e-9 => format!(
                            "{} ({}%)",
                            fmt_ci(w.ci_low, w.ci_high, dg, alt),
                            fmt_level(a)
                        ),
                        _ => fmt_ci(w.ci_low, w.ci_high, dg, alt),
                    },
                ],
                None => not_computed(report, s, "wilcoxon", 9, zh),
            })
            .collect(),
    ));
    let mut es_rows = Vec::new();
    for s in &report.scales {
        for (name, e) in super::tables::effect_list(s) {
            let (v, ci) = value_ci(e, dg, alt);
            let why = if e.is_none() {
                s.notes
                    .get(&format!("effect_sizes.{name}"))
                    .map(|n| text.not_computed_because(n))
                    .unwrap_or_default()
            } else {
                // (a value without an interval says why)
                s.notes
                    .get(&format!("effect_sizes.{name}.ci"))
                    .cloned()
                    .unwrap_or_default()
            };
            es_rows.push(vec![
                score_name(report, &s.scale, zh),
                text.effect(name),
                v,
                if why.is_empty() { ci } else { why },
            ]);
        }
    }
    blocks.push(Table::text(
        tr("Effect sizes", "效应量").into(),
        vec![
            tr("Scale", "量表").into(),
            tr("Measure", "指标").into(),
            tr("Value", "值").into(),
            format!("{level} CI"),
        ],
        vec![Align::Left, Align::Left, Align::Right, Align::Right],
        es_rows,
    ));
    blocks.push(Table::text(
        tr(
            "Normality of the differences (Shapiro-Wilk)",
            "差值的正态性检验（Shapiro-Wilk）",
        )
        .into(),
        [tr("Scale", "量表"), "W", "p"].map(String::from).to_vec(),
        left_then_right(3),
        report
            .scales
            .iter()
            .map(|s| match &s.shapiro_wilk {
                Some(sw) => vec![
                    score_name(report, &s.scale, zh),
                    fmt_num(Some(sw.w), 3),
                    fmt_p(Some(sw.p_value)),
                ],
                None => not_computed(report, s, "shapiro_wilk", 3, zh),
            })
            .collect(),
    ));

    if report.scales.iter().any(|s| s.reliability.is_some()) {
        let cell = |a: &Option<crate::stats::reliability::AlphaSummary>| match a {
            Some(a) => format!(
                "{} {} (n = {})",
                fmt_num(Some(a.alpha), dg),
                fmt_ci(Some(a.ci_low), Some(a.ci_high), dg, Alternative::TwoSided),
                a.n
            ),
            None => String::new(),
        };
        // measurement quality right after the descriptives, before the tests
        blocks.insert(
            1,
            Table::text(
                if zh {
                    format!("信度（Cronbach's α，{level} CI）")
                } else {
                    format!("Reliability (Cronbach's alpha, {level} CI)")
                },
                [
                    tr("Scale", "量表"),
                    tr("Items", "题目数"),
                    tr("Pre", "前测"),
                    tr("Post", "后测"),
                ]
                .map(String::from)
                .to_vec(),
                left_then_right(4),
                report
                    .scales
                    .iter()
                    .filter_map(|s| {
                        let r = s.reliability.as_ref()?;
                        let k = r
                            .pre
                            .as_ref()
                            .or(r.post.as_ref())
                            .map_or(String::new(), |a| a.k.to_string());
                        Some(vec![
                            score_name(report, &s.scale, zh),
                            k,
                            cell(&r.pre),
                            cell(&r.post),
                        ])
                    })
                    .collect(),
            ),
        );
    }

    if let (Some(t), Some(c)) = (&o.treatment, &o.comparison) {
        blocks.extend(group_blocks(report, t, c, dg, alt, &level, zh));
    }
    if let Some(b) = rci_block(report, dg, zh) {
        blocks.push(b);
    }
    blocks.extend(super::waves::blocks(report, dg, &level, zh));
    blocks.extend(super::small_study::blocks(report, dg, zh));
    blocks.extend(super::items::blocks(report, dg, zh));
    blocks.extend(super::change::blocks(
        report,
        dg,
        &crate::report::doc::words::Text::of(opts.lang),
    ));

    let mut notes = text.notes_naming(&report.notes, &|s| report.score_name(s, opts.lang));
    for s in &report.scales {
        for (key, why) in &s.notes {
            // shown in their tables (the RCI's reason where the table has no S_diff)
            let in_rci_table = key == "rci" && s.rci.as_ref().is_some_and(|r| r.s_diff.is_none());
            if key.starts_with("effect_sizes.") || in_rci_table {
                continue;
            }
            notes.push(format!(
                "{}: {key}: {}",
                score_name(report, &s.scale, zh),
                text.note(why)
            ));
        }
    }
    let style = crate::report::doc::number::Style {
        lang: opts.lang,
        digits: dg,
        minus: opts.minus,
    };
    Parts {
        title: tr("prepost compare", "prepost 前后测比较").into(),
        preamble,
        summary_title: tr("Results in brief", "结果摘要").into(),
        summary: super::sentences::sentences(report, &style)
            .into_iter()
            .map(|(scale, sentences)| (scale, super::sentences::paragraph(opts.lang, &sentences)))
            .collect(),
        blocks,
        notes_title: tr("Notes", "注").into(),
        notes,
    }
}

/// With a comparison group: change within each group, and treatment vs comparison.
fn group_blocks(
    report: &Report,
    treatment: &str,
    comparison: &str,
    dg: usize,
    alt: Alternative,
    level: &str,
    zh: bool,
) -> Vec<Table> {
    let tr = |en: &'static str, zh_text: &'static str| if zh { zh_text } else { en };
    let mut within = Vec::new();
    for s in &report.scales {
        let Some(groups) = &s.groups else { continue };
        for label in [treatment, comparison] {
            let Some(g) = groups.get(label) else { continue };
            let (t, p) = match &g.t_test {
                Some(t) => (
                    format!("t({}) = {}", fmt_num(Some(t.df), 0), fmt_num(Some(t.t), dg)),
                    fmt_p(Some(t.p_value)),
                ),
                None => (String::new(), String::new()),
            };
            within.push(vec![
                score_name(report, &s.scale, zh),
                label.to_string(),
                g.n_pairs.to_string(),
                mean_sd(&g.pre, dg),
                mean_sd(&g.post, dg),
                mean_sd(&g.diff, dg),
                t,
                p,
                fmt_num(g.effect_sizes.d_z.as_ref().map(|e| e.value), dg),
            ]);
        }
    }
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
                fmt_ci(Some(a.ci_low), Some(a.ci_high), dg, Alternative::TwoSided),
                format!("t({}) = {}", fmt_num(Some(a.df), 0), fmt_num(Some(a.t), dg)),
                fmt_p(Some(a.p_value)),
                fmt_num(Some(a.partial_eta_sq), 3),
                fmt_p(a.interaction_p),
            ]);
        } else {
            adjusted.push(
                vec![
                    score_name(report, &s.scale, zh),
                    crate::report::doc::words::Text::of(lang_of(zh)).not_computed_because(
                        s.notes
                            .get("between_groups.ancova")
                            .map_or("", String::as_str),
                    ),
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
                format!("各组内的变化（{treatment} = 干预组，{comparison} = 对照组）")
            } else {
                format!(
                    "Change within each group ({treatment} = treatment, {comparison} = comparison)"
                )
            },
            [
                tr("Scale", "量表"),
                tr("Group", "组别"),
                "n",
                tr("Pre M (SD)", "前测 M (SD)"),
                tr("Post M (SD)", "后测 M (SD)"),
                tr("Change M (SD)", "变化 M (SD)"),
                tr("Paired t", "配对 t"),
                "p",
                "d_z",
            ]
            .map(String::from)
            .to_vec(),
            vec![
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
            ],
            within,
        ),
        Table::text(
            if zh {
                format!("变化分数：{treatment} 减 {comparison}")
            } else {
                format!("Change scores, {treatment} minus {comparison}")
            },
            vec![
                tr("Scale", "量表").into(),
                tr("Diff", "差值").into(),
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
                tr("Scale", "量表").into(),
                tr("Adj. diff", "调整后差值").into(),
                format!("{level} CI"),
                "t".into(),
                "p".into(),
                tr("Partial \u{03b7}\u{00b2}", "偏 \u{03b7}\u{00b2}").into(),
                tr("p (pre x group)", "p（前测 × 组别）").into(),
            ],
            left_then_right(7),
            adjusted,
        ),
    ]
}

/// Reliable change counts per scale, when any scale has an RCI.
fn rci_block(report: &Report, dg: usize, zh: bool) -> Option<Table> {
    let tr = |en: &'static str, zh_text: &'static str| if zh { zh_text } else { en };
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
        tr("Scale", "量表"),
        "r_xx",
        if jt {
            "S_diff"
        } else {
            tr("SE of the RCI", "RCI 的标准误")
        },
        tr("Improved", "可靠改善"),
        tr("No change", "无可靠变化"),
        tr("Deteriorated", "可靠恶化"),
    ]
    .map(String::from)
    .to_vec();
    if clinical {
        headers.extend(
            [
                tr("Cut-off", "临床划界分"),
                tr("Recovered", "康复"),
                tr("Improved*", "改善*"),
                tr("Unchanged", "未变化*"),
                tr("Deteriorated*", "恶化*"),
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
                        .not_computed_because(s.notes.get("rci").map_or("", String::as_str)),
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
            tr("Reliable change", "可靠变化"),
            tr(" (", "（"),
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
            tr("; ", "；"),
            fmt_num(
                report
                    .scales
                    .iter()
                    .find_map(|s| s.rci.as_ref().map(|r| r.critical_value)),
                2
            ),
            tr(")", "）")
        ),
        headers,
        left_then_right(n),
        rows,
    ))
}

/// The header of adjusted p-values: "p (holm)", "p（Holm 校正）".
fn adjusted_p_header(method: &str, zh: bool) -> String {
    match (zh, super::sentences::adjust_name(method)) {
        (true, "") => "p（未校正）".to_string(),
        (true, name) => format!("p（{name} 校正）"),
        (false, _) => format!("p ({method})"),
    }
}

/// How a score is named in a readable report: its label in the spec, else its name.
pub fn score_name(report: &Report, scale: &str, zh: bool) -> String {
    report.score_name(scale, lang_of(zh))
}

/// The language of a `zh` flag.
pub fn lang_of(zh: bool) -> Lang {
    if zh {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// A row saying why a whole test is missing.
fn not_computed(
    report: &Report,
    s: &ScaleResult,
    key: &str,
    width: usize,
    zh: bool,
) -> Vec<String> {
    let mut row = vec![score_name(report, &s.scale, zh)];
    let text = crate::report::doc::words::Text::of(lang_of(zh));
    row.push(match s.notes.get(key) {
        Some(why) => text.not_computed_because(why),
        None => text.not_computed_because(if zh { "见注" } else { "see notes" }),
    });
    row.extend(std::iter::repeat_n(String::new(), width - 2));
    row
}

impl Present for Report {
    fn document(&self, opts: &RenderOptions) -> Doc {
        let t = crate::report::doc::words::Text::of(opts.lang);
        let figures = if opts.figures {
            super::figures::figures(self, opts.lang)
        } else {
            Vec::new()
        };
        build(self, opts).into_doc(
            opts.lang,
            (Kind::Compare, t.title.to_string()),
            Meta {
                version: self.prepost_version.clone(),
                inputs: Some(self.options.inputs.join(", ")),
            },
            figures,
            super::change::overview(self, opts),
        )
    }

    fn tables(&self) -> Vec<Table> {
        let mut tables = vec![
            super::tables::results(self),
            super::tables::descriptives(self),
            super::tables::tests(self),
            super::tables::effect_sizes(self),
            super::tables::attrition(self),
        ];
        if self.options.group.is_some() {
            tables.push(super::tables::between_groups(self));
        }
        tables.extend(super::waves::tables(self));
        tables.extend(super::items::table(self));
        tables.push(super::small_study::table(self));
        if self.scales.iter().any(|s| s.reliability.is_some()) {
            tables.push(super::tables::reliability(self));
        }
        tables
    }

    fn streams(&self) -> Vec<(&'static str, Stream<'_>)> {
        let mut streams = vec![("change", super::change::stream(self))];
        if super::waves::present(self) {
            streams.push(("change_waves", super::waves::stream(self)));
        }
        streams
    }

    fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        crate::report::json::write(self, out)
    }
}
