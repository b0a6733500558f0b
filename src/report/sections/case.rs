//! The report of `prepost case`: sentences (English and Chinese), the tables for reading and
//! for machines, the phase plot of each case and score, in every output format.

use super::{slug, Parts};
use crate::analysis::case::{measure_of, MEASURES};
use crate::model::{CaseMeasure, CaseReport, CaseScore};
use crate::report::doc::number::{fmt_ci, fmt_level, fmt_num, fmt_p, Style};
use crate::report::doc::plot::{padded, Plot, BLUE, GREY, INK, ORANGE};
use crate::report::doc::words::Lang;
use crate::report::doc::words::W;
use crate::report::doc::{col, lead_left, left_then_right, Align, Cell, Doc, Figure, Meta, Table};
use crate::report::{Present, RenderOptions};
use crate::stats::single_case::{Improvement, OutcomeScale, RatioOptions};
use crate::stats::Alternative;

/// The measures' names as reports print them.
fn display_name(measure: &str) -> &'static str {
    match measure {
        "nap" => "NAP",
        "pnd" => "PND",
        "pem" => "PEM",
        "pand" => "PAND",
        "ird" => "IRD",
        "tau" => "Tau",
        "tau_bc" => "Tau-BC",
        "tau_u" => "Tau-U",
        "smd" => "SMD",
        "smd_pool" => "SMD (pooled SD)",
        "lrr" => "LRR",
        "lor" => "LOR",
        _ => "",
    }
}

/// A measure's name as a table of the report's language heads it.
fn display_name_in(measure: &str, zh: bool) -> String {
    match (measure, zh) {
        ("smd_pool", true) => "SMD（合并标准差）".to_string(),
        _ => display_name(measure).to_string(),
    }
}

/// Measures bounded by ±1 (written without a leading zero).
fn bounded(measure: &str) -> bool {
    matches!(
        measure,
        "nap" | "pnd" | "pem" | "pand" | "ird" | "tau" | "tau_bc"
    )
}

// ---------------------------------------------------------------------------------------------
// Sentences

/// "1 session", "6 sessions".
fn sessions(n: usize) -> String {
    format!("{n} session{}", if n == 1 { "" } else { "s" })
}

fn measure_text(st: &Style, level: f64, name: &str, m: &CaseMeasure) -> String {
    let v = |x: f64| {
        if bounded(name) {
            st.bounded(x)
        } else {
            st.num(x)
        }
    };
    let sep = if st.lang == Lang::Zh { "，" } else { ", " };
    match (m.ci_low, m.ci_high) {
        (Some(lo), Some(hi)) => format!(
            "{} = {}{sep}{}",
            display_name(name),
            v(m.value),
            st.ci(level, Some(lo), Some(hi), bounded(name))
        ),
        _ => format!("{} = {}", display_name(name), v(m.value)),
    }
}

/// The sentences of one score of one case: each contrast of a baseline and a treatment phase in
/// words, the others (a withdrawal) briefly.
fn score_sentences(report: &CaseReport, s: &CaseScore, st: &Style) -> Vec<String> {
    let level = report.options.conf_level;
    let zh = st.lang == Lang::Zh;
    let sep = if zh { "，" } else { ", " };
    let phase = |name: &str| s.phases.iter().find(|p| p.label == name);
    let mut out = Vec::new();
    for c in &s.contrasts {
        let mut listed: Vec<String> = ["nap", "tau_bc", "smd"]
            .iter()
            .filter_map(|m| {
                measure_of(c, m)
                    .as_ref()
                    .map(|x| measure_text(st, level, m, x))
            })
            .collect();
        if let Some(r) = &c.rci {
            let class = match (r.class, zh) {
                ("reliably_improved", false) => "a reliable improvement",
                ("reliably_deteriorated", false) => "a reliable deterioration",
                (_, false) => "no reliable change",
                ("reliably_improved", true) => "可靠改善",
                ("reliably_deteriorated", true) => "可靠恶化",
                (_, true) => "无可靠变化",
            };
            listed.push(if zh {
                format!("RCI = {}（{class}）", st.num(r.value))
            } else {
                format!("RCI = {} ({class})", st.num(r.value))
            });
        }
        let stats = listed.join(sep);
        let (a, b) = (phase(&c.baseline), phase(&c.treatment));
        // a baseline phase against a treatment phase (by their labels, not their names)
        let is_effect = a.is_some_and(|p| p.phase == report.options.baseline)
            && b.is_some_and(|p| p.phase == report.options.treatment);
        match (a, b, is_effect) {
            (Some(a), Some(b), true) => {
                let pnd = c.pnd.map(|p| {
                    let k = (p.value * b.n as f64).round() as usize;
                    match (zh, s.improvement) {
                        (false, Improvement::Increase) => format!(
                            "{k} of the {} intervention sessions were above every baseline session (PND = {:.0}%)",
                            b.n,
                            100.0 * p.value
                        ),
                        (false, Improvement::Decrease) => format!(
                            "{k} of the {} intervention sessions were below every baseline session (PND = {:.0}%)",
                            b.n,
                            100.0 * p.value
                        ),
                        (true, Improvement::Increase) => format!(
                            "干预阶段 {} 次测量中有 {k} 次高于基线阶段的最高值（PND = {:.0}%）",
                            b.n,
                            100.0 * p.value
                        ),
                        (true, Improvement::Decrease) => format!(
                            "干预阶段 {} 次测量中有 {k} 次低于基线阶段的最低值（PND = {:.0}%）",
                            b.n,
                            100.0 * p.value
                        ),
                    }
                });
                out.push(if zh {
                    format!(
                        "干预阶段 {}（{} 次）M = {}，基线阶段 {}（{} 次）M = {}；{}{}{stats}。",
                        b.label,
                        b.n,
                        st.num(b.mean),
                        a.label,
                        a.n,
                        st.num(a.mean),
                        pnd.unwrap_or_default(),
                        if listed.is_empty() { "" } else { "；" }
                    )
                } else {
                    format!(
                        "In the intervention phase {} ({}) the score averaged M = {} against M = {} in the baseline phase {} ({}); {}{}{stats}.",
                        b.label,
                        sessions(b.n),
                        st.num(b.mean),
                        st.num(a.mean),
                        a.label,
                        sessions(a.n),
                        pnd.unwrap_or_default(),
                        if listed.is_empty() { "" } else { "; " }
                    )
                });
            }
            _ if !listed.is_empty() => out.push(if zh {
                format!("{} 到 {}：{stats}。", c.baseline, c.treatment)
            } else {
                format!("From {} to {}: {stats}.", c.baseline, c.treatment)
            }),
            _ => {}
        }
    }
    out
}

/// The sentences of the report: per case and score, then the averages, then what the measures
/// are (Tau-U against Tau-BC).
pub fn sentences(report: &CaseReport, st: &Style) -> Vec<(String, Vec<String>)> {
    let zh = st.lang == Lang::Zh;
    let level = report.options.conf_level;
    let mut out = Vec::new();
    for case in &report.cases {
        for s in &case.scores {
            let mut lines = score_sentences(report, s, st);
            // (the paragraph says whose it is: the terminal and Markdown show no heading)
            let name = report.score_name(&s.score, st.lang);
            if let Some(first) = lines.first_mut() {
                *first = if zh {
                    format!("{} 的 {name}：{first}", case.id)
                } else {
                    format!("{}, {}: {first}", case.id, name.replace('_', " "))
                };
            }
            out.push((format!("{} \u{b7} {name}", case.id), lines));
        }
    }
    if !report.average.is_empty() {
        let mut lines = Vec::new();
        for a in &report.average {
            let listed: Vec<String> = ["nap", "tau_bc", "smd"]
                .iter()
                .filter_map(|m| {
                    a.measures.get(*m).map(|x| {
                        let text = measure_text(st, level, m, &x.measure());
                        if x.n_cases < a.n_cases {
                            if zh {
                                format!("{text}（{} 个个案）", x.n_cases)
                            } else {
                                format!("{text} (over {} cases)", x.n_cases)
                            }
                        } else {
                            text
                        }
                    })
                })
                .collect();
            if listed.is_empty() {
                continue;
            }
            lines.push(if zh {
                format!(
                    "{} 个个案的 {}（{} 到 {}）平均：{}。",
                    a.n_cases,
                    report.score_name(&a.score, st.lang),
                    a.baseline,
                    a.treatment,
                    listed.join("，")
                )
            } else {
                format!(
                    "Averaged over the {} cases, {} from {} to {}: {}.",
                    a.n_cases,
                    report.score_name(&a.score, st.lang).replace('_', " "),
                    a.baseline,
                    a.treatment,
                    listed.join(", ")
                )
            });
        }
        out.push((
            if zh {
                "个案平均"
            } else {
                "Average over the cases"
            }
            .to_string(),
            lines,
        ));
    }
    out.push((
        if zh { "关于这些指标" } else { "About the measures" }.to_string(),
        vec![if zh {
            "Tau-U 不以 ±1 为界，并随基线趋势而膨胀（Tarlow, 2017）；应报告经基线趋势校正的 Tau-BC。置信区间假定各次测量相互独立（SingleCaseES 的定义）。".to_string()
        } else {
            "Tau-U is not bounded by ±1 and is inflated by a baseline trend (Tarlow, 2017); Tau-BC, which removes the baseline trend, is the one to report. The intervals assume independent sessions (as SingleCaseES defines them).".to_string()
        }],
    ));
    out
}

// ---------------------------------------------------------------------------------------------
// Tables for reading

fn measure_cell(m: &Option<CaseMeasure>, dg: usize) -> String {
    match m {
        Some(m) => match (m.ci_low, m.ci_high) {
            (Some(lo), Some(hi)) => format!(
                "{} {}",
                fmt_num(Some(m.value), dg),
                fmt_ci(Some(lo), Some(hi), dg, Alternative::TwoSided)
            ),
            _ => fmt_num(Some(m.value), dg),
        },
        None => String::new(),
    }
}

/// The human report.
pub fn human(report: &CaseReport, opts: &RenderOptions) -> Parts {
    let zh = opts.lang == Lang::Zh;
    let dg = opts.digits;
    let o = &report.options;
    let level = format!("{}%", fmt_level(o.conf_level));
    let mut preamble = vec![if zh {
        format!(
            "数据：{}；{} 个个案；测量次序所在列：{}；阶段所在列：{}；基线阶段 {}，干预阶段 {}。",
            o.input,
            report.cases.len(),
            o.session,
            o.phase,
            o.baseline,
            o.treatment
        )
    } else {
        format!(
            "Data: {}; {} case{}; sessions in column {}, phases in column {}; baseline phase {}, intervention phase {}.",
            o.input,
            report.cases.len(),
            if report.cases.len() == 1 { "" } else { "s" },
            o.session,
            o.phase,
            o.baseline,
            o.treatment
        )
    }];
    preamble.push(if zh {
        format!(
            "每个阶段与其前一阶段比较；阶段多于两个时，另将所有基线测量与所有干预测量比较。指标按 SingleCaseES 0.7.4 的默认定义；置信水平 {level}。"
        )
    } else {
        format!(
            "Each phase is contrasted with the one before it; with more than two phases, every baseline session also with every intervention session. Measures as SingleCaseES 0.7.4 defines them with its defaults; confidence level {level}."
        )
    });

    // the outcome scale of the ratio measures, where it is not a count
    let scales: Vec<String> = report
        .cases
        .first()
        .map(|c| c.scores.as_slice())
        .unwrap_or_default()
        .iter()
        .filter(|s| s.ratio != RatioOptions::default())
        .map(|s| {
            let name = report.score_name(&s.score, opts.lang);
            let r = &s.ratio;
            let what = match (r.scale, zh) {
                (OutcomeScale::Count, false) => "counts",
                (OutcomeScale::Rate, false) => "rates per minute",
                (OutcomeScale::Proportion, false) => "proportions",
                (OutcomeScale::Percentage, false) => "percentages",
                (OutcomeScale::Other, false) => "on a scale without truncation",
                (OutcomeScale::Count, true) => "计数",
                (OutcomeScale::Rate, true) => "每分钟的速率",
                (OutcomeScale::Proportion, true) => "比例",
                (OutcomeScale::Percentage, true) => "百分比",
                (OutcomeScale::Other, true) => "不截断的量表",
            };
            let mut extra = Vec::new();
            if let Some(n) = r.intervals {
                extra.push(if zh {
                    format!("每次观察 {n} 个区间")
                } else {
                    format!("{n} intervals per session")
                });
            }
            if let Some(m) = r.observation_length {
                extra.push(if zh {
                    format!("每次观察 {m} 分钟")
                } else {
                    format!("sessions of {m} minutes")
                });
            }
            let extra = if extra.is_empty() {
                String::new()
            } else if zh {
                format!("（{}）", extra.join("，"))
            } else {
                format!(" ({})", extra.join(", "))
            };
            if zh {
                format!("{name} 按{what}{extra}")
            } else {
                format!("{name} as {what}{extra}")
            }
        })
        .collect();
    if !scales.is_empty() {
        preamble.push(if zh {
            crate::report::doc::words::cjk_spacing(&format!(
                "对数反应比与对数优势比：{}。",
                scales.join("；")
            ))
        } else {
            format!(
                "The log response and log odds ratios take {}.",
                scales.join("; ")
            )
        });
    }
    // the parametric and ratio measures shown: the log odds ratio where a score has it
    let any_lor = report
        .cases
        .iter()
        .flat_map(|c| &c.scores)
        .flat_map(|s| &s.contrasts)
        .any(|c| c.lor.is_some());
    let ratio_measures: Vec<&str> = ["smd", "smd_pool", "lrr", "lor"]
        .into_iter()
        .filter(|m| *m != "lor" || any_lor)
        .collect();
    let mut phase_rows = Vec::new();
    let mut overlap_rows = Vec::new();
    let mut param_rows = Vec::new();
    for case in &report.cases {
        for s in &case.scores {
            for p in &s.phases {
                phase_rows.push(vec![
                    case.id.clone(),
                    report.score_name(&s.score, opts.lang),
                    p.label.clone(),
                    p.n.to_string(),
                    match p.sd {
                        Some(sd) => {
                            format!("{} ({})", fmt_num(Some(p.mean), dg), fmt_num(Some(sd), dg))
                        }
                        None => fmt_num(Some(p.mean), dg),
                    },
                    fmt_num(Some(p.median), dg),
                    fmt_num(p.slope, dg),
                ]);
            }
            for c in &s.contrasts {
                let name = format!("{} \u{2192} {}", c.baseline, c.treatment);
                let score = report.score_name(&s.score, opts.lang);
                let mut row = vec![case.id.clone(), score.clone(), name.clone()];
                row.extend(
                    ["nap", "tau", "tau_bc", "tau_u", "pnd", "pem", "pand", "ird"]
                        .iter()
                        .map(|m| measure_cell(measure_of(c, m), dg)),
                );
                overlap_rows.push(row);
                let mut row = vec![case.id.clone(), score, name];
                row.extend(
                    ratio_measures
                        .iter()
                        .map(|m| measure_cell(measure_of(c, m), dg)),
                );
                row.push(c.rci.map_or(String::new(), |r| {
                    format!(
                        "{} ({})",
                        fmt_num(Some(r.value), dg),
                        match r.class {
                            "reliably_improved" => "\u{2191}",
                            "reliably_deteriorated" => "\u{2193}",
                            _ => "\u{2013}",
                        }
                    )
                }));
                param_rows.push(row);
            }
        }
    }
    let lead = |n: usize| lead_left(n, 3);
    let mut blocks = vec![
        Table::text(
            W::PhasesTitle.pick(zh).into(),
            [
                W::Case.pick(zh),
                W::Score.pick(zh),
                W::Phase.pick(zh),
                "n",
                "M (SD)",
                "Mdn",
                W::Slope.pick(zh),
            ]
            .map(String::from)
            .to_vec(),
            lead(7),
            phase_rows,
        ),
        Table::text(
            if zh {
                format!("非重叠指标（{level} CI）")
            } else {
                format!("Non-overlap ({level} CI)")
            },
            [
                W::Case.pick(zh),
                W::Score.pick(zh),
                W::PhasesColumn.pick(zh),
                "NAP",
                "Tau",
                "Tau-BC",
                "Tau-U",
                "PND",
                "PEM",
                "PAND",
                "IRD",
            ]
            .map(String::from)
            .to_vec(),
            lead(11),
            overlap_rows,
        ),
        Table::text(
            if zh {
                format!("标准化均值差与对数反应比（{level} CI）")
            } else {
                format!("Standardized mean difference and log response ratio ({level} CI)")
            },
            [
                W::Case.pick(zh),
                W::Score.pick(zh),
                W::PhasesColumn.pick(zh),
            ]
            .into_iter()
            .map(String::from)
            .chain(ratio_measures.iter().map(|m| display_name_in(m, zh)))
            .chain(std::iter::once("RCI".to_string()))
            .collect(),
            lead(ratio_measures.len() + 4),
            param_rows,
        ),
    ];
    if !report.average.is_empty() {
        let averaged: Vec<&str> = MEASURES
            .into_iter()
            .filter(|m| report.average.iter().any(|a| a.measures.contains_key(*m)))
            .collect();
        let rows = report
            .average
            .iter()
            .map(|a| {
                let mut row = vec![
                    report.score_name(&a.score, opts.lang),
                    format!("{} \u{2192} {}", a.baseline, a.treatment),
                    a.n_cases.to_string(),
                ];
                row.extend(
                    averaged
                        .iter()
                        .map(|m| measure_cell(&a.measures.get(*m).map(|x| x.measure()), dg)),
                );
                row
            })
            .collect();
        let mut align = left_then_right(averaged.len() + 3);
        align[1] = Align::Left;
        let mut headers: Vec<String> = [
            W::Score.pick(zh),
            W::PhasesColumn.pick(zh),
            W::Cases.pick(zh),
        ]
        .map(String::from)
        .to_vec();
        headers.extend(averaged.iter().map(|m| display_name_in(m, zh)));
        blocks.push(Table::text(
            W::AverageOverTheCases.pick(zh).into(),
            headers,
            align,
            rows,
        ));
        let weighted: Vec<Vec<String>> = report
            .average
            .iter()
            .flat_map(|a| {
                a.measures.iter().filter_map(move |(m, x)| {
                    let iv = x.inverse_variance.flatten()?;
                    Some(vec![
                        report.score_name(&a.score, opts.lang),
                        format!("{} \u{2192} {}", a.baseline, a.treatment),
                        display_name_in(m, zh),
                        x.n_cases.to_string(),
                        measure_cell(
                            &Some(CaseMeasure {
                                value: iv.value,
                                se: Some(iv.se),
                                ci_low: Some(iv.ci_low),
                                ci_high: Some(iv.ci_high),
                            }),
                            dg,
                        ),
                        format!("{} ({})", fmt_num(Some(iv.q), 2), iv.q_df),
                        fmt_p(Some(iv.q_p)),
                        fmt_num(Some(iv.i2), 1),
                    ])
                })
            })
            .collect();
        if !weighted.is_empty() {
            let mut align = left_then_right(8);
            align[1] = Align::Left;
            align[2] = Align::Left;
            blocks.push(Table::text(
                if zh {
                    format!("按逆方差加权的个案平均（固定效应，{level} CI）")
                } else {
                    format!("Average over the cases weighted by inverse variance (fixed effect, {level} CI)")
                },
                [
                    W::Score.pick(zh),
                    W::PhasesColumn.pick(zh),
                    if zh { "指标" } else { "Measure" },
                    W::Cases.pick(zh),
                    if zh { "估计值" } else { "Estimate" },
                    "Q (df)",
                    "p",
                    "I² (%)",
                ]
                .map(String::from)
                .to_vec(),
                align,
                weighted,
            ));
        }
    }
    let text = crate::report::doc::words::Text::of(opts.lang);
    let mut notes = text.notes_naming(&report.notes, &|s| report.score_name(s, opts.lang));
    for case in &report.cases {
        for s in &case.scores {
            let score = report.score_name(&s.score, opts.lang);
            for (key, why) in &s.notes {
                notes.push(match opts.lang {
                    Lang::En => format!("{} \u{b7} {score}: {key}: {}", case.id, text.note(why)),
                    // "A1-B1.smd" as "A1 → B1，SMD" (the contrast found by its phases, which
                    // may have hyphens); a phase ("A2") as it is
                    Lang::Zh => {
                        let what = match key.rsplit_once('.') {
                            Some((contrast, m)) if !display_name(m).is_empty() => {
                                let pair = s
                                    .contrasts
                                    .iter()
                                    .find(|c| format!("{}-{}", c.baseline, c.treatment) == contrast)
                                    .map_or_else(
                                        || contrast.to_string(),
                                        |c| format!("{} \u{2192} {}", c.baseline, c.treatment),
                                    );
                                format!("{pair}，{}", display_name(m))
                            }
                            _ if key == "contrasts" => "阶段对比".to_string(),
                            _ => key.clone(),
                        };
                        format!("{} \u{b7} {score}（{what}）：{}", case.id, text.note(why))
                    }
                });
            }
        }
    }
    let st = Style {
        lang: opts.lang,
        digits: dg,
        minus: opts.minus,
    };
    Parts {
        title: W::SingleCaseAnalysis.pick(zh).into(),
        preamble,
        summary_title: W::ResultsInBrief.pick(zh).into(),
        summary: sentences(report, &st)
            .into_iter()
            .filter(|(_, s)| !s.is_empty())
            .map(|(k, s)| (k, super::paragraph(opts.lang, &s)))
            .collect(),
        blocks,
        notes_title: W::Notes.pick(zh).into(),
        notes,
    }
}

// ---------------------------------------------------------------------------------------------
// Tables for machines

/// Every measure of every contrast, one row each (the CSV/TSV output and `contrasts.csv`).
pub fn contrasts_table(report: &CaseReport) -> Table {
    let columns = vec![
        col("case", "Case"),
        col("score", "Score"),
        col("improvement", "Improvement"),
        col("baseline", "Baseline phase"),
        col("treatment", "Treatment phase"),
        col("measure", "Measure"),
        col("value", "Value"),
        col("se", "SE"),
        col("ci_low", "CI low"),
        col("ci_high", "CI high"),
        col("class", "Class"),
    ];
    let mut rows = Vec::new();
    for case in &report.cases {
        for s in &case.scores {
            for c in &s.contrasts {
                let rci = c.rci.map(|r| CaseMeasure {
                    value: r.value,
                    se: None,
                    ci_low: None,
                    ci_high: None,
                });
                let listed = MEASURES
                    .iter()
                    .map(|m| (*m, measure_of(c, m)))
                    .chain(std::iter::once(("rci", &rci)));
                for (m, x) in listed {
                    let Some(x) = x else { continue };
                    rows.push(vec![
                        Cell::Text(case.id.clone()),
                        Cell::Text(s.score.clone()),
                        Cell::Text(improvement_name(s.improvement).into()),
                        Cell::Text(c.baseline.clone()),
                        Cell::Text(c.treatment.clone()),
                        Cell::Text(m.into()),
                        Cell::Num(Some(x.value)),
                        Cell::Num(x.se),
                        Cell::Num(x.ci_low),
                        Cell::Num(x.ci_high),
                        // (the reliable change's class)
                        Cell::Text(if m == "rci" {
                            c.rci.map_or(String::new(), |r| r.class.to_string())
                        } else {
                            String::new()
                        }),
                    ]);
                }
            }
        }
    }
    Table::data("contrasts", "Contrasts of phases", columns, rows)
}

fn improvement_name(i: Improvement) -> &'static str {
    match i {
        Improvement::Increase => "increase",
        Improvement::Decrease => "decrease",
    }
}

/// Every session: case, score, session, phase, score value (`sessions.csv`).
fn sessions_table(report: &CaseReport) -> Table {
    let mut rows = Vec::new();
    for case in &report.cases {
        for s in &case.scores {
            for p in &s.phases {
                for (x, y) in p.sessions.iter().zip(&p.scores) {
                    rows.push(vec![
                        Cell::Text(case.id.clone()),
                        Cell::Text(s.score.clone()),
                        Cell::Num(Some(*x)),
                        Cell::Text(p.label.clone()),
                        Cell::Num(Some(*y)),
                    ]);
                }
            }
        }
    }
    Table::data(
        "sessions",
        "Sessions",
        vec![
            col("case", "Case"),
            col("score", "Score"),
            col("session", "Session"),
            col("phase", "Phase"),
            col("value", "Value"),
        ],
        rows,
    )
}

/// The phases' descriptives (`phases.csv`).
fn phases_table(report: &CaseReport) -> Table {
    let mut rows = Vec::new();
    for case in &report.cases {
        for s in &case.scores {
            for p in &s.phases {
                rows.push(vec![
                    Cell::Text(case.id.clone()),
                    Cell::Text(s.score.clone()),
                    Cell::Text(p.label.clone()),
                    Cell::Text(p.phase.clone()),
                    Cell::Count(p.n),
                    Cell::Num(Some(p.mean)),
                    Cell::Num(p.sd),
                    Cell::Num(Some(p.median)),
                    Cell::Num(p.slope),
                ]);
            }
        }
    }
    Table::data(
        "phases",
        "Phases",
        vec![
            col("case", "Case"),
            col("score", "Score"),
            col("phase", "Phase"),
            col("label", "Label"),
            col("n", "n"),
            col("mean", "M"),
            col("sd", "SD"),
            col("median", "Mdn"),
            col("slope", "Slope"),
        ],
        rows,
    )
}

/// The averages over the cases (`average.csv`).
fn average_table(report: &CaseReport) -> Table {
    let mut rows = Vec::new();
    for a in &report.average {
        for (m, x) in &a.measures {
            let row = |weighting: &str, values: [Cell; 4], q: [Cell; 4]| {
                let mut row = vec![
                    Cell::Text(a.score.clone()),
                    Cell::Text(a.baseline.clone()),
                    Cell::Text(a.treatment.clone()),
                    Cell::Count(x.n_cases),
                    Cell::Text(m.clone()),
                    Cell::Text(weighting.into()),
                ];
                row.extend(values);
                row.extend(q);
                row
            };
            let none = || {
                [
                    Cell::Num(None),
                    Cell::Text(String::new()),
                    Cell::P(None),
                    Cell::Num(None),
                ]
            };
            rows.push(row(
                "equal",
                [
                    Cell::Num(Some(x.value)),
                    Cell::Num(x.se),
                    Cell::Num(x.ci_low),
                    Cell::Num(x.ci_high),
                ],
                none(),
            ));
            if let Some(Some(iv)) = x.inverse_variance {
                rows.push(row(
                    "inverse_variance",
                    [
                        Cell::Num(Some(iv.value)),
                        Cell::Num(Some(iv.se)),
                        Cell::Num(Some(iv.ci_low)),
                        Cell::Num(Some(iv.ci_high)),
                    ],
                    [
                        Cell::Num(Some(iv.q)),
                        Cell::Count(iv.q_df),
                        Cell::P(Some(iv.q_p)),
                        Cell::Num(Some(iv.i2)),
                    ],
                ));
            }
        }
    }
    Table::data(
        "average",
        "Average over the cases",
        vec![
            col("score", "Score"),
            col("baseline", "Baseline phase"),
            col("treatment", "Treatment phase"),
            col("n_cases", "Cases"),
            col("measure", "Measure"),
            col("weighting", "Weighting"),
            col("value", "Value"),
            col("se", "SE"),
            col("ci_low", "CI low"),
            col("ci_high", "CI high"),
            col("q", "Q"),
            col("q_df", "df of Q"),
            col("q_p", "p of Q"),
            col("i2", "I2 (%)"),
        ],
        rows,
    )
}

// ---------------------------------------------------------------------------------------------
// Figures

/// The phase plot of one case and score, as people draw it by hand: the sessions joined within
/// each phase, a dashed line at each change of phase, each phase's mean as a level.
fn phase_plot(case: &str, s: &CaseScore, name: &str, lang: Lang) -> Option<Figure> {
    let zh = lang == Lang::Zh;
    let all: Vec<(f64, f64)> = s
        .phases
        .iter()
        .flat_map(|p| p.sessions.iter().copied().zip(p.scores.iter().copied()))
        .collect();
    if all.is_empty() {
        return None;
    }
    let (x0, x1) = (all[0].0, all[all.len() - 1].0);
    let xlim = (x0 - 0.5, x1 + 0.5);
    let ylim = padded(all.iter().map(|p| p.1), 0.12);
    let title = format!("{case}: {name}");
    let desc = if zh {
        "每个点为一次测量的得分，同一阶段内相连；虚线为阶段变化，橙色横线为阶段平均数。"
    } else {
        "Each dot is one session's score, joined within a phase; dashed lines mark the changes of phase, orange levels the phase means."
    };
    let width = (140.0 + 22.0 * all.len() as f64).clamp(360.0, 900.0);
    let mut p = Plot::new(&title, desc, width, 300.0, xlim, ylim);
    p.axes(
        if zh { "测量次序" } else { "Session" },
        if zh { "得分" } else { "Score" },
        None,
        None,
    );
    for (k, ph) in s.phases.iter().enumerate() {
        let pts: Vec<(f64, f64)> = ph
            .sessions
            .iter()
            .copied()
            .zip(ph.scores.iter().copied())
            .collect();
        let colour = if ph.phase == s.phases[0].phase {
            GREY
        } else {
            BLUE
        };
        p.line(&pts, colour, 1.8, 1.0, false);
        for &(x, y) in &pts {
            p.point(x, y, 3.5, colour, 1.0);
        }
        let (first, last) = (pts[0].0, pts[pts.len() - 1].0);
        p.line(
            &[(first - 0.3, ph.mean), (last + 0.3, ph.mean)],
            ORANGE,
            1.5,
            0.9,
            false,
        );
        p.text(
            (0.5 * (first + last), ylim.1),
            (0.0, 12.0),
            "middle",
            11.0,
            &ph.label,
        );
        if let Some(next) = s.phases.get(k + 1) {
            p.vline(0.5 * (last + next.sessions[0]), INK, true);
        }
    }
    let caption = if zh {
        format!("{case} 的 {name} 各阶段得分；虚线：阶段变化；橙色：阶段平均数")
    } else {
        format!(
            "{case}, {name}: scores by session and phase; dashed: change of phase; orange: phase means"
        )
    };
    Some(Figure {
        name: format!("{}_{}_phases", slug(case), slug(&s.score)),
        scale: Some(format!("{case} \u{b7} {name}")),
        caption,
        svg: p.render(),
        png: Default::default(),
    })
}

/// Every figure of the report.
pub fn figures(report: &CaseReport, lang: Lang) -> Vec<Figure> {
    report
        .cases
        .iter()
        .flat_map(|c| {
            c.scores
                .iter()
                .filter_map(|s| phase_plot(&c.id, s, &report.score_name(&s.score, lang), lang))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Output

impl Present for CaseReport {
    fn document(&self, opts: &RenderOptions) -> Doc {
        let parts = human(self, opts);
        parts.into_doc(
            opts.lang,
            Meta {
                version: self.prepost_version.clone(),
                inputs: Some(self.options.input.clone()),
            },
            if opts.figures {
                figures(self, opts.lang)
            } else {
                Vec::new()
            },
            None,
        )
    }

    fn tables(&self) -> Vec<Table> {
        let mut tables = vec![
            contrasts_table(self),
            phases_table(self),
            sessions_table(self),
        ];
        if !self.average.is_empty() {
            tables.push(average_table(self));
        }
        tables
    }

    fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut text = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        text.push(b'\n');
        out.write_all(&text)
    }
}
