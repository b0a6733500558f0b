//! What a study of three or more waves adds to a report: its sentences, its tables for reading
//! (terminal, Markdown, HTML, LaTeX), its tables for machines (`--out-dir` CSV files, and
//! `change_waves.csv` streamed) and the figure across the waves.

use super::{drawn_note, lead_cells, lead_columns, mean_marker, parts, slug, thin, MAX_DRAWN};
use crate::model::{Effect, FollowUp, MixedTerm, Pairwise, Report, ScaleResult, WaveSummary};
use crate::report::doc::number::{fmt_ci, fmt_num, fmt_p, Style};
use crate::report::doc::plot::{padded, Plot, BLUE, GREEN, GREY};
use crate::report::doc::words::{Lang, Text, W};
use crate::report::doc::{col, lead_left, Cell, Column, Figure, Table};
use crate::stats::Alternative;

/// Whether the report has analyses across the waves.
pub fn present(report: &Report) -> bool {
    report.scales.iter().any(|s| s.waves.is_some())
}

fn grouped(report: &Report) -> bool {
    report.options.treatment.is_some()
}

// ---------------------------------------------------------------------------------------------
// Sentences

/// "F(1.36, 14.95) = 17.13, p < .001, ηG² = .16 (Greenhouse–Geisser corrected, ε = .68)": the
/// corrected degrees of freedom where ε is known (afex's default), else the uncorrected ones.
fn f_test(
    st: &Style,
    f: f64,
    df: (f64, f64),
    p: f64,
    gg: Option<(f64, f64)>,
    eta_g: f64,
) -> String {
    let sep = if st.lang == Lang::En { ", " } else { "，" };
    let (df1, df2, p, how) = match gg {
        Some((eps, p_gg)) => (
            df.0 * eps,
            df.1 * eps,
            p_gg,
            match st.lang {
                Lang::En => format!(
                    " (Greenhouse\u{2013}Geisser corrected, \u{03b5} = {})",
                    st.bounded(eps)
                ),
                Lang::Zh => format!(
                    "（Greenhouse\u{2013}Geisser 校正，\u{03b5} = {}）",
                    st.bounded(eps)
                ),
            },
        ),
        None => (df.0, df.1, p, String::new()),
    };
    let dfs = |x: f64| {
        if x.fract() == 0.0 {
            st.fixed(x, 0)
        } else {
            st.num(x)
        }
    };
    format!(
        "F({}, {}) = {}{sep}{}{sep}\u{03b7}G\u{00b2} = {}{how}",
        dfs(df1),
        dfs(df2),
        st.num(f),
        st.p(p),
        st.bounded(eta_g)
    )
}

/// The sentences of a scale across the waves: the means per wave, the repeated-measures ANOVA
/// and the Friedman test (per group, with the mixed ANOVA, in a comparison-group design), the
/// pairwise comparisons, and whether the change lasted after the post-test.
pub fn sentences(report: &Report, s: &ScaleResult, st: &Style) -> Vec<String> {
    // (no participant with every wave: the notes say so)
    let Some(waves) = s.waves.as_ref().filter(|w| !w.is_empty()) else {
        return Vec::new();
    };
    let level = report.options.conf_level;
    let one_sided = report.options.alternative != Alternative::TwoSided;
    let zh = st.lang == Lang::Zh;
    let sep = if zh { "，" } else { ", " };
    let mut out = Vec::new();
    let n = waves.first().map_or(0, |w| w.n);
    let at: Vec<String> = waves
        .iter()
        .map(|w| {
            let m = match w.sd {
                Some(sd) if zh => format!("M = {}（SD = {}）", st.num(w.mean), st.num(sd)),
                Some(sd) => format!("M = {} (SD = {})", st.num(w.mean), st.num(sd)),
                None => format!("M = {}", st.num(w.mean)),
            };
            if zh {
                format!("{} {m}", w.label)
            } else {
                format!("{m} at {}", w.label)
            }
        })
        .collect();
    out.push(if zh {
        format!(
            "{} 在 {} 个时点（{n} 名参与者每个时点均有数据）：{}。",
            super::sentence_name(report, &s.scale, st.lang),
            waves.len(),
            at.join("，")
        )
    } else {
        let (last, first) = at.split_last().expect("waves is not empty");
        format!(
            "Across the {} waves ({n} participants with a score at every wave), {} was {} and {last}.",
            waves.len(),
            super::sentence_name(report, &s.scale, st.lang),
            first.join(", ")
        )
    });
    let omnibus = |r: &ScaleResult| -> Option<String> {
        let a = r.rm_anova.as_ref().and_then(Option::as_ref)?;
        let gg = a.gg_epsilon.zip(a.p_gg);
        let mut text = f_test(st, a.f, (a.df1, a.df2), a.p_value, gg, a.eta_sq_g);
        if let (Some(w), Some(p)) = (a.mauchly_w, a.mauchly_p) {
            text.push_str(&if zh {
                format!("；Mauchly W = {}，{}", st.bounded(w), st.p(p))
            } else {
                format!("; Mauchly's W = {}, {}", st.bounded(w), st.p(p))
            });
        }
        if let Some(Some(f)) = &r.friedman {
            text.push_str(&if zh {
                format!(
                    "；Friedman 检验：\u{03c7}\u{00b2}({}) = {}，{}，Kendall W = {}",
                    st.fixed(f.df, 0),
                    st.num(f.chi_sq),
                    st.p(f.p_value),
                    st.bounded(f.kendall_w)
                )
            } else {
                format!(
                    "; Friedman test: \u{03c7}\u{00b2}({}) = {}, {}, Kendall's W = {}",
                    st.fixed(f.df, 0),
                    st.num(f.chi_sq),
                    st.p(f.p_value),
                    st.bounded(f.kendall_w)
                )
            });
        }
        Some(text)
    };
    match &s.mixed {
        Some(m) => {
            let term = |t: &Option<MixedTerm>, en: &str, zh_name: &str| -> Option<String> {
                let t = t.as_ref()?;
                let name = if zh { zh_name } else { en };
                Some(format!(
                    "{name} {}",
                    f_test(
                        st,
                        t.f,
                        (t.df1, t.df2),
                        t.p_value,
                        t.gg_epsilon.zip(t.p_gg),
                        t.eta_sq_g
                    )
                ))
            };
            let terms: Vec<String> = [
                term(&m.group, "group", "组别"),
                term(&m.time, "time", "时间"),
                term(&m.interaction, "group \u{00d7} time", "组别 \u{00d7} 时间"),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !terms.is_empty() {
                out.push(if zh {
                    format!(
                        "混合设计方差分析（组别 \u{00d7} 时间）：{}。",
                        terms.join("；")
                    )
                } else {
                    format!("Mixed ANOVA (group \u{00d7} time): {}.", terms.join("; "))
                });
            }
            for (label, r) in parts(report, s).into_iter().skip(1) {
                if let (Some(label), Some(text)) = (label, omnibus(r)) {
                    out.push(if zh {
                        format!(
                            "{}内，重复测量方差分析：{text}。",
                            crate::report::doc::words::group_zh(label)
                        )
                    } else {
                        format!("Within the {label} group, a repeated-measures ANOVA gave {text}.")
                    });
                }
            }
        }
        None => {
            if let Some(text) = omnibus(s) {
                out.push(if zh {
                    format!("重复测量方差分析：{text}。")
                } else {
                    format!("A repeated-measures ANOVA gave {text}.")
                });
            }
        }
    }
    if let Some(pairs) = s.pairwise.as_ref().filter(|p| !p.is_empty()) {
        let each: Vec<String> = pairs
            .iter()
            .filter_map(|c| {
                let t = c.t_test.as_ref()?;
                let dz = c
                    .d_z
                    .as_ref()
                    .map(|d| format!("{sep}d_z = {}", st.num(d.value)))
                    .unwrap_or_default();
                let p = t.p_holm.map(|p| st.p(p)).unwrap_or_default();
                Some(if zh {
                    format!(
                        "{} 至 {} 变化 {}，{}，{p}{dz}",
                        c.from,
                        c.to,
                        st.num(t.mean_diff),
                        st.ci(level, t.ci_low, t.ci_high, false)
                    )
                } else {
                    format!(
                        "{} to {}: {}, {}, {p}{dz}",
                        c.from,
                        c.to,
                        st.num(t.mean_diff),
                        st.ci(level, t.ci_low, t.ci_high, false)
                    )
                })
            })
            .collect();
        if !each.is_empty() {
            out.push(if zh {
                format!(
                    "两两比较（{}配对 t 检验，Holm 校正）：{}。",
                    if one_sided { "单侧" } else { "" },
                    each.join("；")
                )
            } else {
                format!(
                    "Pairwise ({}paired t-tests, Holm-adjusted p): {}.",
                    if one_sided { "one-sided " } else { "" },
                    each.join("; ")
                )
            });
        }
    }
    let later = s.follow_up.as_deref().unwrap_or_default();
    for f in later {
        out.extend(follow_up_sentence(f, later.len(), st, level));
    }
    out
}

/// "From post to follow, the mean changed by −0.50, 95% CI [...], t(11) = −1.11, p = .293,
/// d_z = −0.32; at follow, 10 of 12 (83%) had improved reliably since the pre-test."
///
/// With several waves after the post-test their p-values are Holm-adjusted across them.
fn follow_up_sentence(f: &FollowUp, waves: usize, st: &Style, level: f64) -> Option<String> {
    let zh = st.lang == Lang::Zh;
    let sep = if zh { "，" } else { ", " };
    let c = &f.from_post;
    let t = c.t_test.as_ref()?;
    let dz = c
        .d_z
        .as_ref()
        .map(|d| format!("{sep}d_z = {}", st.num(d.value)))
        .unwrap_or_default();
    let p = match (waves > 1, t.p_holm, st.lang) {
        (true, Some(p), Lang::En) => format!("Holm-adjusted {}", st.p(p)),
        (true, Some(p), Lang::Zh) => format!("Holm 校正后 {}", st.p(p)),
        _ => st.p(t.p_value),
    };
    let test = format!(
        "{}{sep}t({}) = {}{sep}{p}{dz}",
        st.ci(level, t.ci_low, t.ci_high, false),
        st.fixed(t.df, 0),
        st.num(t.t),
    );
    let r = &f.rci;
    let reliable = r.s_diff.map(|_| {
        let n: usize = r.counts.values().sum();
        let count = |k: &str| r.counts.get(k).copied().unwrap_or(0);
        let pc = |k: &str| r.percent.get(k).copied().unwrap_or(0.0);
        if zh {
            format!(
                "；与前测相比，{n} 名中 {} 名（{:.0}%）在 {} 时可靠改善，{} 名（{:.0}%）可靠恶化",
                count("reliably_improved"),
                pc("reliably_improved"),
                f.wave,
                count("reliably_deteriorated"),
                pc("reliably_deteriorated")
            )
        } else {
            format!(
                "; against the pre-test, {} of {n} ({:.0}%) were reliably improved at {} and {} ({:.0}%) reliably deteriorated",
                count("reliably_improved"),
                pc("reliably_improved"),
                f.wave,
                count("reliably_deteriorated"),
                pc("reliably_deteriorated")
            )
        }
    });
    Some(if zh {
        format!(
            "从 {} 到 {}，平均变化 {}，{test}{}。",
            c.from,
            c.to,
            st.num(t.mean_diff),
            reliable.unwrap_or_default()
        )
    } else {
        format!(
            "From {} to {}, the mean changed by {}, {test}{}.",
            c.from,
            c.to,
            st.num(t.mean_diff),
            reliable.unwrap_or_default()
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Tables for reading

/// "17.13 (2, 22)"
fn f_df(f: f64, df1: f64, df2: f64, dg: usize) -> String {
    let d = |x: f64| fmt_num(Some(x), if x.fract() == 0.0 { 0 } else { dg });
    format!("{} ({}, {})", fmt_num(Some(f), dg), d(df1), d(df2))
}

fn effect_ci(e: &Option<Effect>, dg: usize, alt: Alternative) -> String {
    match e {
        Some(e) => format!(
            "{} {}",
            fmt_num(Some(e.value), dg),
            fmt_ci(e.ci_low, e.ci_high, dg, alt)
        ),
        None => String::new(),
    }
}

/// The cells of a comparison of two waves: n, mean difference, CI, t (df), p (Holm), V,
/// p (Holm), d_z [CI].
fn pairwise_cells(c: &Pairwise, dg: usize, alt: Alternative) -> Vec<String> {
    let mut row = vec![c.n.to_string()];
    match &c.t_test {
        Some(t) => row.extend([
            fmt_num(Some(t.mean_diff), dg),
            fmt_ci(t.ci_low, t.ci_high, dg, alt),
            format!("{} ({})", fmt_num(Some(t.t), dg), fmt_num(Some(t.df), 0)),
            fmt_p(t.p_holm.or(Some(t.p_value))),
        ]),
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    match &c.wilcoxon {
        Some(w) => row.extend([
            fmt_num(Some(w.v), if w.v.fract() == 0.0 { 0 } else { 1 }),
            fmt_p(w.p_holm.or(Some(w.p_value))),
        ]),
        None => row.extend([String::new(), String::new()]),
    }
    row.push(effect_ci(&c.d_z, dg, alt));
    row
}

/// The tables of the analyses across the waves, for the human formats.
pub fn blocks(report: &Report, dg: usize, level: &str, zh: bool) -> Vec<Table> {
    if !present(report) {
        return Vec::new();
    }
    let alt = report.options.alternative;
    let by_group = grouped(report);
    let all = W::All.pick(zh);
    let lead = |s: &ScaleResult, g: Option<&str>| -> Vec<String> {
        let mut v = vec![super::score_name(report, &s.scale, zh)];
        if by_group {
            v.push(g.unwrap_or(all).to_string());
        }
        v
    };
    let head = |rest: &[&str]| -> Vec<String> {
        let mut v = vec![W::Scale.pick(zh).to_string()];
        if by_group {
            v.push(W::Group.pick(zh).into());
        }
        v.extend(rest.iter().map(|s| s.to_string()));
        v
    };
    let width = |rest: usize| rest + 1 + usize::from(by_group);
    let mut out = Vec::new();

    let mut rows = Vec::new();
    for s in &report.scales {
        for (g, r) in parts(report, s) {
            for w in r.waves.iter().flatten() {
                let mut row = lead(s, g);
                row.extend([
                    w.label.clone(),
                    w.n.to_string(),
                    match w.sd {
                        Some(sd) => {
                            format!("{} ({})", fmt_num(Some(w.mean), dg), fmt_num(Some(sd), dg))
                        }
                        None => fmt_num(Some(w.mean), dg),
                    },
                    fmt_num(Some(w.median), dg),
                ]);
                rows.push(row);
            }
        }
    }
    let align = lead_left(width(4), 2 + usize::from(by_group));
    out.push(Table::text(
        W::AcrossTheWavesDescriptivesParticipantsWith
            .pick(zh)
            .into(),
        head(&[W::Wave.pick(zh), "n", "M (SD)", "Mdn"]),
        align,
        rows,
    ));

    let mut rows = Vec::new();
    for s in &report.scales {
        for (g, r) in parts(report, s) {
            let mut row = lead(s, g);
            match r.friedman.as_ref().and_then(Option::as_ref) {
                Some(f) => row.extend([
                    format!(
                        "{} ({})",
                        fmt_num(Some(f.chi_sq), dg),
                        fmt_num(Some(f.df), 0)
                    ),
                    fmt_p(Some(f.p_value)),
                    fmt_num(Some(f.kendall_w), dg),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 3)),
            }
            match r.rm_anova.as_ref().and_then(Option::as_ref) {
                Some(a) => row.extend([
                    f_df(a.f, a.df1, a.df2, dg),
                    fmt_p(Some(a.p_value)),
                    fmt_num(a.gg_epsilon, dg),
                    fmt_p(a.p_gg),
                    fmt_num(Some(a.eta_sq_g), dg),
                    match (a.mauchly_w, a.mauchly_p) {
                        (Some(w), Some(p)) => {
                            format!("{} ({})", fmt_num(Some(w), dg), fmt_p(Some(p)))
                        }
                        _ => String::new(),
                    },
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 6)),
            }
            rows.push(row);
        }
    }
    out.push(Table::text(
        W::AcrossTheWavesFriedmanTestAnd.pick(zh).into(),
        head(&[
            "\u{03c7}\u{00b2} (df)",
            "p",
            "Kendall W",
            "F (df)",
            "p",
            "\u{03b5} (GG)",
            "p (GG)",
            "\u{03b7}G\u{00b2}",
            W::MauchlyWP.pick(zh),
        ]),
        lead_left(width(9), 1 + usize::from(by_group)),
        rows,
    ));

    let mut rows = Vec::new();
    for s in &report.scales {
        for (g, r) in parts(report, s) {
            for c in r.pairwise.iter().flatten() {
                let mut row = lead(s, g);
                row.push(format!("{} \u{2192} {}", c.from, c.to));
                row.extend(pairwise_cells(c, dg, alt));
                rows.push(row);
            }
        }
    }
    let align = lead_left(width(9), 2 + usize::from(by_group));
    out.push(Table::text(
        W::PairwiseComparisonsOfTheWavesP.pick(zh).into(),
        head(&[
            W::Waves.pick(zh),
            "n",
            W::MeanDiff.pick(zh),
            &format!("{level} CI"),
            "t (df)",
            "p (t, Holm)",
            "V",
            "p (V, Holm)",
            &format!("d_z [{level} CI]"),
        ]),
        align,
        rows,
    ));

    if report.scales.iter().any(|s| s.mixed.is_some()) {
        let mut rows = Vec::new();
        for s in &report.scales {
            let Some(m) = &s.mixed else { continue };
            for (term, name) in [
                (&m.group, W::GroupTerm.pick(zh)),
                (&m.time, W::TimeTerm.pick(zh)),
                (&m.interaction, W::GroupByTime.pick(zh)),
            ] {
                let mut row = vec![super::score_name(report, &s.scale, zh), name.to_string()];
                match term {
                    Some(t) => row.extend([
                        f_df(t.f, t.df1, t.df2, dg),
                        fmt_p(Some(t.p_value)),
                        fmt_num(t.gg_epsilon, dg),
                        fmt_p(t.p_gg),
                        fmt_num(Some(t.eta_sq_g), dg),
                        fmt_num(Some(t.eta_sq_p), dg),
                    ]),
                    None => row.extend(std::iter::repeat_n(String::new(), 6)),
                }
                rows.push(row);
            }
        }
        let align = lead_left(8, 2);
        out.push(Table::text(
            W::MixedAnovaTitle.pick(zh).into(),
            [
                W::Scale.pick(zh),
                W::Term.pick(zh),
                "F (df)",
                "p",
                "\u{03b5} (GG)",
                "p (GG)",
                "\u{03b7}G\u{00b2}",
                "\u{03b7}p\u{00b2}",
            ]
            .map(String::from)
            .to_vec(),
            align,
            rows,
        ));
        let mut rows = Vec::new();
        for s in &report.scales {
            for a in s.mixed.iter().flat_map(|m| &m.ancova) {
                let mut row = vec![super::score_name(report, &s.scale, zh), a.wave.clone()];
                match &a.ancova {
                    Some(x) => row.extend([
                        fmt_num(Some(x.diff), dg),
                        fmt_ci(x.ci_low, x.ci_high, dg, Alternative::TwoSided),
                        format!("{} ({})", fmt_num(x.t, dg), fmt_num(Some(x.df), 0)),
                        fmt_p(x.p_value),
                        fmt_num(x.partial_eta_sq, dg),
                    ]),
                    None => row.extend(std::iter::repeat_n(String::new(), 5)),
                }
                rows.push(row);
            }
        }
        let align = lead_left(7, 2);
        // (three or more groups have no ANCOVA of two: theirs is the k-group ANCOVA)
        if !rows.is_empty() {
            out.push(Table::text(
                W::WaveAncovaTitle.pick(zh).into(),
                vec![
                    W::Scale.pick(zh).into(),
                    W::Wave.pick(zh).into(),
                    W::AdjustedDiff.pick(zh).into(),
                    format!("{level} CI"),
                    "t (df)".into(),
                    "p".into(),
                    "\u{03b7}p\u{00b2}".into(),
                ],
                align,
                rows,
            ));
        }
    }

    if report.scales.iter().any(|s| s.follow_up.is_some()) {
        // several waves after the post-test: their p-values are Holm-adjusted across them
        let several = report
            .scales
            .iter()
            .any(|s| s.follow_up.as_ref().is_some_and(|f| f.len() > 1));
        let (p_t, p_v) = if several {
            ("p (t, Holm)", "p (V, Holm)")
        } else {
            ("p (t)", "p (V)")
        };
        let mut rows = Vec::new();
        for s in &report.scales {
            for f in s.follow_up.iter().flatten() {
                let c = &f.from_post;
                let mut row = vec![super::score_name(report, &s.scale, zh), f.wave.clone()];
                row.extend(pairwise_cells(c, dg, alt));
                let r = &f.rci;
                row.push(match r.s_diff {
                    Some(_) => {
                        let k = |c: &str| r.counts.get(c).copied().unwrap_or(0).to_string();
                        format!(
                            "{}/{}/{}",
                            k("reliably_improved"),
                            k("no_reliable_change"),
                            k("reliably_deteriorated")
                        )
                    }
                    None => String::new(),
                });
                rows.push(row);
            }
        }
        let align = lead_left(11, 2);
        out.push(Table::text(
            W::DidTheChangeLastEachWave.pick(zh).into(),
            vec![
                W::Scale.pick(zh).into(),
                W::Wave.pick(zh).into(),
                "n".into(),
                W::ChangeSincePost.pick(zh).into(),
                format!("{level} CI"),
                "t (df)".into(),
                p_t.into(),
                "V".into(),
                p_v.into(),
                format!("d_z [{level} CI]"),
                W::VsPreImprovedNoChangeDeteriorated.pick(zh).into(),
            ],
            align,
            rows,
        ));
    }
    out
}

/// "Waves: pre, post, follow. ..." for the preamble.
pub fn preamble(report: &Report, zh: bool) -> Option<String> {
    let waves = report.attrition.waves.as_ref()?;
    let labels: Vec<String> = waves
        .iter()
        .map(|w| format!("{} ({})", w.label, w.n))
        .collect();
    let [pre, post] = report.options.compared_waves.as_ref()?;
    Some(if zh {
        format!(
            "测量时点（人数）：{}。前后测比较使用 {pre} 与 {post}；各时点间的分析使用每个时点均有数据的参与者。",
            labels.join("、"),
        )
    } else {
        format!(
            "Waves (participants): {}. The pre/post comparison is of {pre} and {post}; the analyses across the waves use the participants with a score at every wave.",
            labels.join(", "),
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Tables for machines

fn num(x: f64) -> Cell {
    Cell::Num(Some(x))
}

const PAIRWISE_COLUMNS: [Column; 14] = [
    col("n", "n"),
    col("mean_diff", "Mean diff"),
    col("ci_low", "CI low"),
    col("ci_high", "CI high"),
    col("t", "t"),
    col("df", "df"),
    col("t_p", "p (t)"),
    col("t_p_holm", "p Holm (t)"),
    col("wilcoxon_v", "V"),
    col("wilcoxon_p", "p (V)"),
    col("wilcoxon_p_holm", "p Holm (V)"),
    col("d_z", "d_z"),
    col("d_z_ci_low", "CI low"),
    col("d_z_ci_high", "CI high"),
];

fn pairwise_row(c: &Pairwise) -> Vec<Cell> {
    let mut row = vec![Cell::Count(c.n)];
    match &c.t_test {
        Some(t) => row.extend([
            num(t.mean_diff),
            Cell::Num(t.ci_low),
            Cell::Num(t.ci_high),
            num(t.t),
            num(t.df),
            Cell::P(Some(t.p_value)),
            Cell::P(t.p_holm),
        ]),
        None => row.extend(std::iter::repeat_n(Cell::Num(None), 7)),
    }
    match &c.wilcoxon {
        Some(w) => row.extend([num(w.v), Cell::P(Some(w.p_value)), Cell::P(w.p_holm)]),
        None => row.extend(std::iter::repeat_n(Cell::Num(None), 3)),
    }
    match &c.d_z {
        Some(d) => row.extend([num(d.value), Cell::Num(d.ci_low), Cell::Num(d.ci_high)]),
        None => row.extend(std::iter::repeat_n(Cell::Num(None), 3)),
    }
    row
}

/// The tables of the analyses across the waves (`--out-dir`): the descriptives per wave, the
/// tests across the waves, the pairwise comparisons, the mixed ANOVA and the ANCOVA per wave
/// (with a group), the follow-up.
pub fn tables(report: &Report) -> Vec<Table> {
    if !present(report) {
        return Vec::new();
    }
    let mut out = Vec::new();

    let mut columns = lead_columns(report);
    columns.extend([
        col("wave", "Wave"),
        col("n", "n"),
        col("mean", "M"),
        col("sd", "SD"),
        col("se", "SE"),
        col("median", "Mdn"),
    ]);
    let mut rows = Vec::new();
    for s in &report.scales {
        for (g, r) in parts(report, s) {
            for w in r.waves.iter().flatten() {
                let mut row = lead_cells(report, s, g);
                row.extend([
                    Cell::Text(w.label.clone()),
                    Cell::Count(w.n),
                    num(w.mean),
                    Cell::Num(w.sd),
                    Cell::Num(w.se),
                    num(w.median),
                ]);
                rows.push(row);
            }
        }
    }
    out.push(Table::data("waves", "Descriptives per wave", columns, rows));

    let mut columns = lead_columns(report);
    columns.extend([
        col("n", "n"),
        col("friedman_chi_sq", "Friedman chi2"),
        col("friedman_df", "df"),
        col("friedman_p", "p"),
        col("kendall_w", "Kendall W"),
        col("iman_davenport_f", "Iman-Davenport F"),
        col("iman_davenport_df1", "df1"),
        col("iman_davenport_df2", "df2"),
        col("iman_davenport_p", "p"),
        col("rm_f", "F"),
        col("rm_df1", "df1"),
        col("rm_df2", "df2"),
        col("rm_p", "p"),
        col("eta_sq_g", "eta2 G"),
        col("eta_sq_p", "eta2 p"),
        col("mauchly_w", "Mauchly W"),
        col("mauchly_p", "p"),
        col("gg_epsilon", "GG epsilon"),
        col("p_gg", "p (GG)"),
        col("hf_epsilon", "HF epsilon"),
        col("p_hf", "p (HF)"),
    ]);
    let mut rows = Vec::new();
    for s in &report.scales {
        for (g, r) in parts(report, s) {
            let mut row = lead_cells(report, s, g);
            row.push(Cell::Count(
                r.waves.as_ref().and_then(|w| w.first()).map_or(0, |w| w.n),
            ));
            match r.friedman.as_ref().and_then(Option::as_ref) {
                Some(f) => row.extend([
                    num(f.chi_sq),
                    num(f.df),
                    Cell::P(Some(f.p_value)),
                    num(f.kendall_w),
                    Cell::Num(f.iman_davenport_f),
                    num(f.iman_davenport_df1),
                    num(f.iman_davenport_df2),
                    Cell::P(f.iman_davenport_p),
                ]),
                None => row.extend(std::iter::repeat_n(Cell::Num(None), 8)),
            }
            match r.rm_anova.as_ref().and_then(Option::as_ref) {
                Some(a) => row.extend([
                    num(a.f),
                    num(a.df1),
                    num(a.df2),
                    Cell::P(Some(a.p_value)),
                    num(a.eta_sq_g),
                    num(a.eta_sq_p),
                    Cell::Num(a.mauchly_w),
                    Cell::P(a.mauchly_p),
                    Cell::Num(a.gg_epsilon),
                    Cell::P(a.p_gg),
                    Cell::Num(a.hf_epsilon),
                    Cell::P(a.p_hf),
                ]),
                None => row.extend(std::iter::repeat_n(Cell::Num(None), 12)),
            }
            rows.push(row);
        }
    }
    out.push(Table::data(
        "across_waves",
        "Friedman test and repeated-measures ANOVA across the waves",
        columns,
        rows,
    ));

    let mut columns = lead_columns(report);
    columns.extend([col("from", "From"), col("to", "To")]);
    columns.extend(PAIRWISE_COLUMNS);
    let mut rows = Vec::new();
    for s in &report.scales {
        for (g, r) in parts(report, s) {
            for c in r.pairwise.iter().flatten() {
                let mut row = lead_cells(report, s, g);
                row.extend([Cell::Text(c.from.clone()), Cell::Text(c.to.clone())]);
                row.extend(pairwise_row(c));
                rows.push(row);
            }
        }
    }
    out.push(Table::data(
        "pairwise",
        "Pairwise comparisons of the waves",
        columns,
        rows,
    ));

    if report.scales.iter().any(|s| s.mixed.is_some()) {
        let columns = vec![
            col("scale", "Scale"),
            col("term", "Term"),
            col("f", "F"),
            col("df1", "df1"),
            col("df2", "df2"),
            col("p", "p"),
            col("gg_epsilon", "GG epsilon"),
            col("p_gg", "p (GG)"),
            col("eta_sq_g", "eta2 G"),
            col("eta_sq_p", "eta2 p"),
        ];
        let mut rows = Vec::new();
        for s in &report.scales {
            let Some(m) = &s.mixed else { continue };
            for (term, name) in [
                (&m.group, "group"),
                (&m.time, "time"),
                (&m.interaction, "group:time"),
            ] {
                let mut row = vec![Cell::Text(s.scale.clone()), Cell::Text(name.into())];
                match term {
                    Some(t) => row.extend([
                        num(t.f),
                        num(t.df1),
                        num(t.df2),
                        Cell::P(Some(t.p_value)),
                        Cell::Num(t.gg_epsilon),
                        Cell::P(t.p_gg),
                        num(t.eta_sq_g),
                        num(t.eta_sq_p),
                    ]),
                    None => row.extend(std::iter::repeat_n(Cell::Num(None), 8)),
                }
                rows.push(row);
            }
        }
        out.push(Table::data(
            "mixed_anova",
            "Mixed ANOVA (group x time, type III)",
            columns,
            rows,
        ));
        let columns = vec![
            col("scale", "Scale"),
            col("wave", "Wave"),
            col("diff", "Adjusted diff"),
            col("se", "SE"),
            col("t", "t"),
            col("df", "df"),
            col("p", "p"),
            col("ci_low", "CI low"),
            col("ci_high", "CI high"),
            col("partial_eta_sq", "eta2 p"),
            col("slope", "Slope"),
            col("interaction_p", "p (slopes)"),
        ];
        let mut rows = Vec::new();
        for s in &report.scales {
            for a in s.mixed.iter().flat_map(|m| &m.ancova) {
                let mut row = vec![Cell::Text(s.scale.clone()), Cell::Text(a.wave.clone())];
                match &a.ancova {
                    Some(x) => row.extend([
                        num(x.diff),
                        Cell::Num(x.se),
                        Cell::Num(x.t),
                        num(x.df),
                        Cell::P(x.p_value),
                        Cell::Num(x.ci_low),
                        Cell::Num(x.ci_high),
                        Cell::Num(x.partial_eta_sq),
                        num(x.slope),
                        Cell::P(x.interaction_p),
                    ]),
                    None => row.extend(std::iter::repeat_n(Cell::Num(None), 10)),
                }
                rows.push(row);
            }
        }
        out.push(Table::data(
            "ancova_waves",
            "ANCOVA of each wave after the pre-test on the pre-test",
            columns,
            rows,
        ));
    }

    if report.scales.iter().any(|s| s.follow_up.is_some()) {
        let mut columns = vec![col("scale", "Scale"), col("wave", "Wave")];
        columns.extend(PAIRWISE_COLUMNS);
        columns.extend([
            col("reliably_improved", "Improved (vs pre)"),
            col("no_reliable_change", "No change (vs pre)"),
            col("reliably_deteriorated", "Deteriorated (vs pre)"),
        ]);
        let mut rows = Vec::new();
        for s in &report.scales {
            for f in s.follow_up.iter().flatten() {
                let mut row = vec![Cell::Text(s.scale.clone()), Cell::Text(f.wave.clone())];
                row.extend(pairwise_row(&f.from_post));
                for k in [
                    "reliably_improved",
                    "no_reliable_change",
                    "reliably_deteriorated",
                ] {
                    row.push(match f.rci.s_diff {
                        Some(_) => Cell::Count(f.rci.counts.get(k).copied().unwrap_or(0)),
                        None => Cell::Num(None),
                    });
                }
                rows.push(row);
            }
        }
        out.push(Table::data("follow_up", "Each wave after the post-test: change since the post-test, reliable change since the pre-test", columns, rows));
    }
    out
}

/// Every participant's score at every wave and reliable change at each other wave against the
/// pre-test (`change_waves.csv`, a study of three or more waves), a block per scale: id, scale,
/// group (with `--group`), `score_<wave>` per wave, then per wave other than the pre-test
/// `change_<wave>` (against the pre-test), `rci_<wave>` and `class_<wave>` (by the pre/post
/// comparison's S_diff). Participants without a score at every wave are not in it
/// (`attrition.incomplete_by_scale`).
pub fn stream(report: &Report) -> crate::report::doc::Stream<'_> {
    let grouped = report.options.group.is_some();
    let scales: Vec<&ScaleResult> = report
        .scales
        .iter()
        .filter(|s| report.change.across_waves(&s.scale).is_some())
        .collect();
    let keys = scales.first().and_then(|s| {
        let aw = report.change.across_waves(&s.scale)?;
        let mut head: Vec<String> = vec!["id".into(), "scale".into()];
        if grouped {
            head.push("group".into());
        }
        head.extend(aw.labels.iter().map(|l| format!("score_{l}")));
        for l in (0..aw.labels.len()).filter(|&w| w != aw.pre) {
            for what in ["change", "rci", "class"] {
                head.push(format!("{what}_{}", aw.labels[l]));
            }
        }
        Some(head)
    });
    crate::report::doc::Stream {
        keys,
        blocks: scales.len(),
        rows: Box::new(move |k, rows| {
            let s = scales[k];
            let Some(aw) = report.change.across_waves(&s.scale) else {
                return;
            };
            let later: Vec<usize> = (0..aw.labels.len()).filter(|&w| w != aw.pre).collect();
            let values = &aw.series.values;
            let rules: Vec<Vec<crate::model::ChangeRule>> =
                later.iter().map(|&l| aw.rules_at(l)).collect();
            for (i, id) in aw.ids.iter().enumerate() {
                let mut row = vec![Cell::Text(id.to_string()), Cell::Text(s.scale.clone())];
                if grouped {
                    row.push(Cell::Text(aw.groups[i].unwrap_or_default().to_string()));
                }
                row.extend(values.iter().map(|v| Cell::Num(Some(v[i]))));
                let pre = values[aw.pre][i];
                for (j, &l) in later.iter().enumerate() {
                    let (rci, class, _) = rules[j][i].classify(pre, values[l][i]);
                    row.push(Cell::Num(Some(values[l][i] - pre)));
                    row.push(Cell::Num(rci));
                    row.push(Cell::Text(
                        class.map(|c| c.as_str()).unwrap_or_default().to_string(),
                    ));
                }
                rows.push(row);
            }
        }),
    }
}

/// A study of three or more waves: one line per participant across the waves (those with a
/// score at every wave), with the means and their CIs on top; with a comparison group, lines
/// and means are coloured by group.
pub fn across_waves(report: &Report, s: &ScaleResult, t: &Text) -> Option<Figure> {
    let name = report.score_name(&s.scale, t.lang);
    let waves = s.waves.as_ref()?;
    let aw = report.change.across_waves(&s.scale)?;
    let k = aw.labels.len();
    let n = aw.series.participants.len();
    if n == 0 || waves.len() != k {
        return None;
    }
    let conf = report.options.conf_level;
    let x = |w: usize| (w as f64 + 0.5) / k as f64;
    let ylim = padded(aw.series.values.iter().flatten().copied(), 0.08);
    let title = format!("{}{}{}", name, t.colon, t.across_waves);
    // (label, colour, means per wave, x offset of the means); one "group" without groups
    let groups: Vec<(&str, &str, &[WaveSummary], f64)> = match (
        &s.groups,
        &report.options.treatment,
        &report.options.comparison,
    ) {
        (Some(g), Some(tr), Some(co)) => [(tr, BLUE, -0.02), (co, GREEN, 0.02)]
            .into_iter()
            .filter_map(|(label, colour, dx)| {
                let w = g.get(label)?.waves.as_deref()?;
                Some((label.as_str(), colour, w, dx))
            })
            .collect(),
        _ => vec![("", BLUE, &waves[..], 0.0)],
    };
    let grouped = groups.len() > 1;
    let (desc, caption) = if grouped {
        (t.across_waves_groups_desc, t.across_waves_groups_caption)
    } else {
        (t.across_waves_desc, t.across_waves_caption)
    };
    let width = (120.0 + 110.0 * k as f64).max(360.0);
    let mut p = Plot::new(&title, desc, width, 320.0, (0.0, 1.0), ylim);
    if grouped {
        let legend: Vec<(&str, &str)> = groups.iter().map(|g| (g.1, g.0)).collect();
        p = p.with_legend(&legend);
    }
    let ticks: Vec<(f64, String)> = aw
        .labels
        .iter()
        .enumerate()
        .map(|(w, l)| (x(w), l.to_string()))
        .collect();
    p.axes("", t.score, Some(&ticks), None);
    let order: Vec<usize> = (0..n).collect();
    let drawn = thin(&order, MAX_DRAWN);
    let alpha = (6.0 / drawn.len() as f64).clamp(0.08, 0.6);
    for &i in &drawn {
        let colour = match groups.iter().find(|g| grouped && aw.groups[i] == Some(g.0)) {
            Some(g) => g.1,
            None => GREY,
        };
        let points: Vec<(f64, f64)> = (0..k).map(|w| (x(w), aw.series.values[w][i])).collect();
        p.line(&points, colour, 1.0, alpha, false);
        for &(px, py) in &points {
            p.point(px, py, 2.0, colour, alpha);
        }
    }
    for (_, colour, means, dx) in &groups {
        let line: Vec<(f64, f64)> = means
            .iter()
            .enumerate()
            .map(|(w, m)| (x(w) + dx, m.mean))
            .collect();
        p.line(&line, colour, 3.0, 1.0, false);
        for (w, m) in means.iter().enumerate() {
            mean_marker(&mut p, (x(w) + dx, 0.02), (m.mean, m.se, m.n), colour, conf);
        }
    }
    Some(Figure {
        name: format!("{}_across_waves", slug(&s.scale)),
        scale: Some(name.clone()),
        caption: format!(
            "{name}{}{caption}{}{} = {n}{}{}",
            t.caption_sep,
            t.open,
            t.n,
            drawn_note(t, drawn.len(), n),
            t.close
        ),
        svg: p.render(),
        png: Default::default(),
    })
}
