//! The paired comparison of two waves: the descriptives, the paired t-test, the Wilcoxon
//! signed-rank test, the effect sizes, the normality of the differences and the reliability,
//! as tables for reading and for machines, as sentences, and as figures (before and after,
//! the differences, their Q-Q plot, the forest plot of the effect sizes).

use super::{
    adjust_name, adjusted_p_header, capitalized, drawn_note, effect_cells, mean_marker, mean_sd,
    mean_sd_cells, num, opt, rows_of, score_name, slug, thin, value_ci, MAX_DRAWN, MAX_QQ,
    MAX_STACK,
};
use crate::model::{Effect, Report, ScaleResult, Summary};
use crate::report::doc::number::{fmt_ci, fmt_level, fmt_num, fmt_p, Style};
use crate::report::doc::plot::{padded, Plot, BLUE, GREEN, GREY, INK, ORANGE};
use crate::report::doc::words::{Lang, Text, W};
use crate::report::doc::{col, left_then_right, Align, Cell, Figure, Table};
use crate::report::RenderOptions;
use crate::stats::describe::quantile_sorted;
use crate::stats::distributions::qnorm;
use crate::stats::Alternative;

/// The tables for reading of the paired comparison.
pub struct PairedTables {
    /// Each group's (with a comparison group), then everyone's.
    pub descriptives: Vec<Table>,
    /// Cronbach's alpha at pre and post (item-level input).
    pub reliability: Option<Table>,
    /// The t-test, the Wilcoxon test, the effect sizes and the normality of the differences.
    pub tests: Vec<Table>,
}

/// The rows of a table of the paired comparison: the cells that lead each row (the scale, and
/// the group) and the results they are of.
type Rows<'a> = Vec<(Vec<String>, &'a ScaleResult)>;

/// A row saying why a test is missing, after its leading cells.
fn why_row(lead: &[String], s: &ScaleResult, key: &str, width: usize, zh: bool) -> Vec<String> {
    let text = crate::report::doc::words::Text::of(super::lang_of(zh));
    let mut row = lead.to_vec();
    row.push(text.not_computed_because(s.notes.get(key)));
    row.resize(width, String::new());
    row
}

/// The tables for reading: descriptives, the reliability, the t-test, the Wilcoxon test, the
/// effect sizes and the normality of the differences. With a comparison group, each group's
/// descriptives, t-test (with d_z) and Wilcoxon test come first, then the same of both groups
/// pooled, so labelled.
pub fn tables(report: &Report, opts: &RenderOptions) -> PairedTables {
    let dg = opts.digits;
    let o = &report.options;
    let alt = o.alternative;
    let level = format!("{}%", fmt_level(o.conf_level));
    let zh = opts.lang == Lang::Zh;
    let text = crate::report::doc::words::Text::of(opts.lang);
    let pooled: Rows = report
        .scales
        .iter()
        .map(|s| (vec![score_name(report, &s.scale, zh)], s))
        .collect();
    let by_group: Option<(Rows, String)> = match (&o.treatment, &o.comparison) {
        (Some(t), Some(c)) => {
            let rows: Rows = report
                .scales
                .iter()
                .flat_map(|s| {
                    [t, c].into_iter().filter_map(move |label| {
                        let g = s.groups.as_ref()?.get(label)?;
                        Some((vec![score_name(report, &s.scale, zh), label.clone()], g))
                    })
                })
                .collect();
            let roles = if zh {
                format!("（{t} = 干预组，{c} = 对照组）")
            } else {
                format!(" ({t} = treatment, {c} = comparison)")
            };
            Some((rows, roles))
        }
        _ => None,
    };
    let lead = |grouped: bool| -> Vec<String> {
        let mut h = vec![W::Scale.pick(zh).to_string()];
        if grouped {
            h.push(W::Group.pick(zh).to_string());
        }
        h
    };
    let aligned = |lead: usize, n: usize| -> Vec<Align> {
        let mut a = vec![Align::Left; lead];
        a.extend(std::iter::repeat_n(Align::Right, n));
        a
    };
    // the title of a table of both groups pooled, or of each group
    // ("Normality of the differences (Shapiro-Wilk; both groups pooled)")
    let pooled_title = |title: &str| -> String {
        let close = text.close.trim();
        match (&by_group, title.strip_suffix(close)) {
            (None, _) => title.to_string(),
            (Some(_), Some(open)) => {
                format!(
                    "{open}{}{}{close}",
                    if zh { "；" } else { "; " },
                    text.pooled
                )
            }
            (Some(_), None) => format!("{title}{}{}{}", text.open, text.pooled, text.close),
        }
    };
    let group_title = |en: &str, zh_title: &str, roles: &str| -> String {
        if zh {
            format!("{zh_title}{roles}")
        } else {
            format!("{en}{roles}")
        }
    };

    let descriptives = |rows: &Rows, title: String, grouped: bool| -> Table {
        let mut headers = lead(grouped);
        headers.extend(
            [
                "n",
                W::PreMSD.pick(zh),
                W::PostMSD.pick(zh),
                W::DiffMSD.pick(zh),
                W::DiffMdn.pick(zh),
                "r",
            ]
            .map(String::from),
        );
        let n_lead = lead(grouped).len();
        Table::text(
            title,
            headers,
            aligned(n_lead, 6),
            rows.iter()
                .map(|(lead, s)| {
                    let mut row = lead.clone();
                    row.extend([
                        s.n_pairs.to_string(),
                        mean_sd(&s.pre, dg),
                        mean_sd(&s.post, dg),
                        mean_sd(&s.diff, dg),
                        fmt_num(s.diff.as_ref().map(|d| d.median), dg),
                        fmt_num(s.r_pre_post, dg),
                    ]);
                    row
                })
                .collect(),
        )
    };
    // (per group: d_z beside the test, as the sentences give it)
    let t_test = |rows: &Rows, title: String, grouped: bool| -> Table {
        let mut headers = lead(grouped);
        headers.extend([
            W::MeanDiff.pick(zh).into(),
            format!("{level} CI"),
            "t".into(),
            "df".into(),
            "p".into(),
            adjusted_p_header(o.p_adjust.as_str(), zh),
        ]);
        if grouped {
            headers.push(format!("d_z [{level} CI]"));
        }
        let width = headers.len();
        let n_lead = lead(grouped).len();
        Table::text(
            title,
            headers,
            aligned(n_lead, width - n_lead),
            rows.iter()
                .map(|(lead, s)| match &s.t_test {
                    Some(t) => {
                        let mut row = lead.clone();
                        row.extend([
                            fmt_num(Some(t.mean_diff), dg),
                            fmt_ci(t.ci_low, t.ci_high, dg, alt),
                            fmt_num(Some(t.t), dg),
                            fmt_num(Some(t.df), 0),
                            fmt_p(Some(t.p_value)),
                            fmt_p(s.p_adjusted.t_test),
                        ]);
                        if grouped {
                            let (v, ci) = value_ci(&s.effect_sizes.d_z, dg, alt);
                            row.push(format!("{v} {ci}").trim().to_string());
                        }
                        row
                    }
                    None => why_row(lead, s, "t_test", width, zh),
                })
                .collect(),
        )
    };
    let wilcoxon = |rows: &Rows, title: String, grouped: bool| -> Table {
        let mut headers = lead(grouped);
        headers.extend([
            "V".into(),
            "n+/n-/n0".into(),
            "z".into(),
            "p".into(),
            adjusted_p_header(o.p_adjust.as_str(), zh),
            W::Method.pick(zh).into(),
            W::Pseudomedian.pick(zh).into(),
            format!("{level} CI"),
        ]);
        let width = headers.len();
        let n_lead = lead(grouped).len();
        Table::text(
            title,
            headers,
            aligned(n_lead, width - n_lead),
            rows.iter()
                .map(|(lead, s)| match &s.wilcoxon {
                    Some(w) => {
                        let mut row = lead.clone();
                        row.extend([
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
                        ]);
                        row
                    }
                    None => why_row(lead, s, "wilcoxon", width, zh),
                })
                .collect(),
        )
    };

    let mut descriptive_tables = Vec::new();
    let mut blocks = Vec::new();
    if let Some((rows, roles)) = &by_group {
        descriptive_tables.push(descriptives(
            rows,
            group_title("Descriptives by group", "各组描述统计", roles),
            true,
        ));
        blocks.push(t_test(
            rows,
            group_title("Paired t-test by group", "各组配对样本 t 检验", ""),
            true,
        ));
        blocks.push(wilcoxon(
            rows,
            group_title(
                "Wilcoxon signed-rank test by group",
                "各组 Wilcoxon 符号秩检验",
                "",
            ),
            true,
        ));
    }
    descriptive_tables.push(descriptives(
        &pooled,
        pooled_title(W::Descriptives.pick(zh)),
        false,
    ));
    blocks.push(t_test(
        &pooled,
        pooled_title(W::PairedTTest.pick(zh)),
        false,
    ));
    blocks.push(wilcoxon(
        &pooled,
        pooled_title(W::WilcoxonSignedRankTest.pick(zh)),
        false,
    ));
    let mut es_rows = Vec::new();
    for s in &report.scales {
        for (name, e) in effect_list(s) {
            let (v, ci) = value_ci(e, dg, alt);
            let why = if e.is_none() {
                s.notes
                    .get(&format!("effect_sizes.{name}"))
                    .map(|n| text.not_computed_because(Some(n)))
                    .unwrap_or_default()
            } else {
                // (a value without an interval says why)
                s.notes
                    .get(&format!("effect_sizes.{name}.ci"))
                    .map(|n| text.note(n))
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
        pooled_title(W::EffectSizes.pick(zh)),
        vec![
            W::Scale.pick(zh).into(),
            W::Measure.pick(zh).into(),
            W::Value.pick(zh).into(),
            format!("{level} CI"),
        ],
        vec![Align::Left, Align::Left, Align::Right, Align::Right],
        es_rows,
    ));
    blocks.push(Table::text(
        pooled_title(W::NormalityOfTheDifferencesShapiroWilk.pick(zh)),
        [W::Scale.pick(zh), "W", "p"].map(String::from).to_vec(),
        left_then_right(3),
        pooled
            .iter()
            .map(|(lead, s)| match &s.shapiro_wilk {
                Some(sw) => vec![
                    lead[0].clone(),
                    fmt_num(Some(sw.w), 3),
                    fmt_p(Some(sw.p_value)),
                ],
                None => why_row(lead, s, "shapiro_wilk", 3, zh),
            })
            .collect(),
    ));

    let mut reliability = None;
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
        reliability = Some(Table::text(
            if zh {
                format!("信度（Cronbach's α，{level} CI）")
            } else {
                format!("Reliability (Cronbach's alpha, {level} CI)")
            },
            [
                W::Scale.pick(zh),
                W::Items.pick(zh),
                W::Pre.pick(zh),
                W::Post.pick(zh),
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
        ));
    }
    PairedTables {
        descriptives: descriptive_tables,
        reliability,
        tests: blocks,
    }
}

/// "M = 13.64 (SD = 4.06)"
fn msd(st: &Style, m: f64, sd: Option<f64>) -> String {
    match (sd, st.lang) {
        (Some(sd), Lang::En) => format!("M = {} (SD = {})", st.num(m), st.num(sd)),
        (Some(sd), Lang::Zh) => format!("M = {}（SD = {}）", st.num(m), st.num(sd)),
        (None, _) => format!("M = {}", st.num(m)),
    }
}

/// The change of one (sub)group on a scale: means, the paired t-test with d_z, and the
/// Wilcoxon counterpart. `name` is the score as a sentence names it ([`super::sentence_name`]);
/// `who` names the group ("" for everyone).
pub fn sentences(
    report: &Report,
    s: &ScaleResult,
    name: &str,
    who: &str,
    st: &Style,
) -> Vec<String> {
    let o = &report.options;
    let level = o.conf_level;
    let t = Text::of(st.lang);
    let (Some(pre), Some(post)) = (&s.pre, &s.post) else {
        return Vec::new();
    };
    let adjusting = o.p_adjust.as_str() != "none";
    // (the adjusted p only where it was adjusted with others of its test)
    let adjusted = |p: Option<f64>, family: usize| -> String {
        match (p, adjusting && family > 1, st.lang) {
            (Some(p), true, Lang::En) => format!(
                "; {}-adjusted {}",
                adjust_name(o.p_adjust.as_str()),
                st.p(p)
            ),
            (Some(p), true, Lang::Zh) => {
                format!("；{} 校正后 {}", adjust_name(o.p_adjust.as_str()), st.p(p))
            }
            _ => String::new(),
        }
    };
    let side = match (o.alternative, st.lang) {
        (Alternative::TwoSided, _) => "",
        (_, Lang::En) => "one-sided",
        (_, Lang::Zh) => "单侧",
    };
    let sep = if st.lang == Lang::En { ", " } else { "，" };
    let rose = s.diff.as_ref().map_or(0.0, |d| d.mean);
    let test = match &s.t_test {
        Some(tt) => {
            let es = match &s.effect_sizes.d_z {
                Some(d) => format!(
                    "{sep}d_z = {}{sep}{}",
                    st.num(d.value),
                    st.ci(level, d.ci_low, d.ci_high, false)
                ),
                None => String::new(),
            };
            let extra = format!(
                "{side}{}",
                adjusted(s.p_adjusted.t_test, s.p_adjusted.t_test_family_size)
            );
            let extra = extra.trim_start_matches([';', ' ', '；']).to_string();
            let extra = match (extra.is_empty(), st.lang) {
                (true, _) => String::new(),
                (false, Lang::En) => format!(" ({extra})"),
                (false, Lang::Zh) => format!("（{extra}）"),
            };
            format!(
                "t({}) = {}{sep}{}{extra}{es}",
                st.fixed(tt.df, 0),
                st.num(tt.t),
                st.p(tt.p_value)
            )
        }
        None => match st.lang {
            Lang::En => format!(
                "the t-test {} ({})",
                t.not_computed,
                s.notes.get("t_test").map(|n| t.note(n)).unwrap_or_default()
            ),
            Lang::Zh => format!(
                "t 检验{}（{}）",
                t.not_computed,
                s.notes.get("t_test").map(|n| t.note(n)).unwrap_or_default()
            ),
        },
    };
    let mut out = vec![match st.lang {
        Lang::En => {
            let subject = if who.is_empty() {
                capitalized(name)
            } else {
                format!("In the {who} group, {name}")
            };
            let verb = if rose > 0.0 {
                "rose"
            } else if rose < 0.0 {
                "fell"
            } else {
                "stayed the same"
            };
            format!(
                "{subject} {verb} from {} to {}, {test}.",
                msd(st, pre.mean, pre.sd),
                msd(st, post.mean, post.sd)
            )
        }
        Lang::Zh => {
            let subject = if who.is_empty() {
                name.to_string()
            } else {
                format!("{}的 {name}", crate::report::doc::words::group_zh(who))
            };
            let verb = if rose > 0.0 {
                "上升至"
            } else if rose < 0.0 {
                "下降至"
            } else {
                "持平于"
            };
            format!(
                "{subject} 由前测 {}{verb}后测 {}，{test}。",
                msd(st, pre.mean, pre.sd),
                msd(st, post.mean, post.sd)
            )
        }
    }];
    if let Some(w) = &s.wilcoxon {
        let how = match (w.method.as_str(), st.lang) {
            ("exact", Lang::En) => "exact",
            ("exact", Lang::Zh) => "精确检验",
            (_, Lang::En) => "normal approximation",
            (_, Lang::Zh) => "正态近似",
        };
        let how = [how, side]
            .iter()
            .filter(|x| !x.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(if st.lang == Lang::En { ", " } else { "，" });
        let v = if w.v.fract() == 0.0 {
            st.fixed(w.v, 0)
        } else {
            st.fixed(w.v, 1)
        };
        let rb = s
            .effect_sizes
            .rank_biserial
            .as_ref()
            .map(|r| {
                // (an interval that has no ends is not printed: the notes say why)
                let ci = if r.ci_low.is_none() && r.ci_high.is_none() {
                    String::new()
                } else {
                    let sep = if st.lang == Lang::Zh { "，" } else { ", " };
                    format!("{sep}{}", st.ci(level, r.ci_low, r.ci_high, true))
                };
                match st.lang {
                    Lang::En => format!("; rank-biserial r = {}{ci}", st.bounded(r.value)),
                    Lang::Zh => format!("；秩二列相关 r = {}{ci}", st.bounded(r.value)),
                }
            })
            .unwrap_or_default();
        out.push(match st.lang {
            Lang::En => format!(
                "A Wilcoxon signed-rank test gave V = {v}, z = {}, {} ({how}{}){rb}.",
                st.num(w.z),
                st.p(w.p_value),
                adjusted(s.p_adjusted.wilcoxon, s.p_adjusted.wilcoxon_family_size)
            ),
            Lang::Zh => format!(
                "Wilcoxon 符号秩检验：V = {v}，z = {}，{}（{how}{}）{rb}。",
                st.num(w.z),
                st.p(w.p_value),
                adjusted(s.p_adjusted.wilcoxon, s.p_adjusted.wilcoxon_family_size)
            ),
        });
    }
    out
}

/// The main results table: one row per scale, every statistic in its own column.
/// This is what `--format csv|tsv` writes and `results.csv` holds.
pub fn results(report: &Report) -> Table {
    let mut columns = vec![
        col("scale", "Scale"),
        col("n_pairs", "n"),
        col("n_missing", "Missing"),
        col("pre_mean", "Pre M"),
        col("pre_sd", "Pre SD"),
        col("post_mean", "Post M"),
        col("post_sd", "Post SD"),
        col("diff_mean", "Diff M"),
        col("diff_sd", "Diff SD"),
        col("diff_median", "Diff Mdn"),
        col("r_pre_post", "r"),
        col("t", "t"),
        col("df", "df"),
        col("t_p", "p (t)"),
        col("t_p_adjusted", "p adj (t)"),
        col("mean_diff", "Mean diff"),
        col("mean_diff_ci_low", "CI low"),
        col("mean_diff_ci_high", "CI high"),
        col("wilcoxon_v", "V"),
        col("wilcoxon_z", "z"),
        col("wilcoxon_p", "p (V)"),
        col("wilcoxon_p_adjusted", "p adj (V)"),
        col("wilcoxon_method", "Method"),
        col("n_positive", "n+"),
        col("n_negative", "n-"),
        col("n_zero", "n0"),
        col("pseudomedian", "Pseudomedian"),
        col("pseudomedian_ci_low", "CI low"),
        col("pseudomedian_ci_high", "CI high"),
        col("pseudomedian_ci_level", "CI level"),
    ];
    for (k, lo, hi) in [
        ("d_z", "d_z_ci_low", "d_z_ci_high"),
        ("g_z", "g_z_ci_low", "g_z_ci_high"),
        ("d_av", "d_av_ci_low", "d_av_ci_high"),
        ("g_av", "g_av_ci_low", "g_av_ci_high"),
        ("d_rm", "d_rm_ci_low", "d_rm_ci_high"),
        (
            "rank_biserial",
            "rank_biserial_ci_low",
            "rank_biserial_ci_high",
        ),
        ("cles", "cles_ci_low", "cles_ci_high"),
    ] {
        columns.push(col(k, k));
        columns.push(col(lo, "CI low"));
        columns.push(col(hi, "CI high"));
    }
    columns.push(col("shapiro_w", "Shapiro W"));
    columns.push(col("shapiro_p", "Shapiro p"));
    columns.extend([
        col("min_d_z", "Smallest d_z"),
        col("bf10", "BF10"),
        col("equivalence_low", "Lower bound"),
        col("equivalence_high", "Upper bound"),
        col("equivalence_p", "p (TOST)"),
    ]);

    let rows = report
        .scales
        .iter()
        .map(|s| {
            let missing = report
                .attrition
                .missing_by_scale
                .get(&s.scale)
                .map_or(0, Vec::len);
            let mut row = vec![
                Cell::Text(s.scale.clone()),
                Cell::Count(s.n_pairs),
                Cell::Count(missing),
            ];
            row.extend(mean_sd_cells(&s.pre));
            row.extend(mean_sd_cells(&s.post));
            row.extend(mean_sd_cells(&s.diff));
            row.push(opt(s.diff.as_ref().map(|d| d.median)));
            row.push(opt(s.r_pre_post));
            match &s.t_test {
                Some(t) => row.extend([
                    num(t.t),
                    num(t.df),
                    Cell::P(Some(t.p_value)),
                    Cell::P(s.p_adjusted.t_test),
                    num(t.mean_diff),
                    opt(t.ci_low),
                    opt(t.ci_high),
                ]),
                None => {
                    row.extend([
                        Cell::Num(None),
                        Cell::Num(None),
                        Cell::P(None),
                        Cell::P(None),
                    ]);
                    row.push(opt(s.diff.as_ref().map(|d| d.mean)));
                    row.extend([Cell::Num(None), Cell::Num(None)]);
                }
            }
            match &s.wilcoxon {
                Some(w) => row.extend([
                    num(w.v),
                    num(w.z),
                    Cell::P(Some(w.p_value)),
                    Cell::P(s.p_adjusted.wilcoxon),
                    Cell::Text(w.method.clone()),
                    Cell::Count(w.n_positive),
                    Cell::Count(w.n_negative),
                    Cell::Count(w.n_zero),
                    opt(w.pseudomedian),
                    opt(w.ci_low),
                    opt(w.ci_high),
                    opt(w.ci_achieved_level),
                ]),
                None => {
                    row.extend([
                        Cell::Num(None),
                        Cell::Num(None),
                        Cell::P(None),
                        Cell::P(None),
                    ]);
                    row.push(Cell::Text(String::new()));
                    row.extend([
                        Cell::Text(String::new()),
                        Cell::Text(String::new()),
                        Cell::Text(String::new()),
                    ]);
                    row.extend([
                        Cell::Num(None),
                        Cell::Num(None),
                        Cell::Num(None),
                        Cell::Num(None),
                    ]);
                }
            }
            let e = &s.effect_sizes;
            for x in [
                &e.d_z,
                &e.g_z,
                &e.d_av,
                &e.g_av,
                &e.d_rm,
                &e.rank_biserial,
                &e.cles,
            ] {
                row.extend(effect_cells(x));
            }
            match &s.shapiro_wilk {
                Some(sw) => row.extend([num(sw.w), Cell::P(Some(sw.p_value))]),
                None => row.extend([Cell::Num(None), Cell::P(None)]),
            }
            let e = s.equivalence.as_ref();
            row.extend([
                Cell::Num(s.sensitivity.as_ref().map(|x| x.min_d_z)),
                Cell::Num(s.bayes.as_ref().map(|b| b.bf10)),
                Cell::Num(e.map(|e| e.low)),
                Cell::Num(e.map(|e| e.high)),
                Cell::P(e.map(|e| e.p_value)),
            ]);
            row
        })
        .collect();
    Table::data("results", "Results", columns, rows)
}

fn summary_row(scale: &str, time: &str, s: &Option<Summary>) -> Vec<Cell> {
    let mut row = vec![Cell::Text(scale.to_string()), Cell::Text(time.to_string())];
    match s {
        Some(s) => row.extend([
            Cell::Count(s.n),
            num(s.mean),
            opt(s.sd),
            opt(s.se),
            num(s.median),
            num(s.q1),
            num(s.q3),
            num(s.min),
            num(s.max),
        ]),
        None => {
            row.push(Cell::Count(0));
            row.extend(std::iter::repeat_n(Cell::Num(None), 8));
        }
    }
    row
}

/// Descriptives of pre, post and the differences, one row per scale and time.
pub fn descriptives(report: &Report) -> Table {
    let columns = vec![
        col("scale", "Scale"),
        col("time", "Time"),
        col("n", "n"),
        col("mean", "M"),
        col("sd", "SD"),
        col("se", "SE"),
        col("median", "Mdn"),
        col("q1", "Q1"),
        col("q3", "Q3"),
        col("min", "Min"),
        col("max", "Max"),
    ];
    let mut rows = Vec::new();
    for s in &report.scales {
        rows.push(summary_row(&s.scale, "pre", &s.pre));
        rows.push(summary_row(&s.scale, "post", &s.post));
        rows.push(summary_row(&s.scale, "post - pre", &s.diff));
    }
    Table::data("descriptives", "Descriptives", columns, rows)
}

/// One row per scale and test.
pub fn tests(report: &Report) -> Table {
    let columns = vec![
        col("scale", "Scale"),
        col("test", "Test"),
        col("statistic", "Statistic"),
        col("df", "df"),
        col("z", "z"),
        col("p_value", "p"),
        col("p_adjusted", "p adj"),
        col("method", "Method"),
        col("estimate", "Estimate"),
        col("ci_low", "CI low"),
        col("ci_high", "CI high"),
        col("ci_level", "CI level"),
    ];
    let mut rows = Vec::new();
    for s in &report.scales {
        let name = Cell::Text(s.scale.clone());
        if let Some(t) = &s.t_test {
            rows.push(vec![
                name.clone(),
                Cell::Text("paired t".into()),
                num(t.t),
                num(t.df),
                Cell::Num(None),
                Cell::P(Some(t.p_value)),
                Cell::P(s.p_adjusted.t_test),
                Cell::Text("student".into()),
                num(t.mean_diff),
                opt(t.ci_low),
                opt(t.ci_high),
                num(report.options.conf_level),
            ]);
        }
        if let Some(w) = &s.wilcoxon {
            rows.push(vec![
                name.clone(),
                Cell::Text("wilcoxon signed-rank".into()),
                num(w.v),
                Cell::Num(None),
                num(w.z),
                Cell::P(Some(w.p_value)),
                Cell::P(s.p_adjusted.wilcoxon),
                Cell::Text(w.method.clone()),
                opt(w.pseudomedian),
                opt(w.ci_low),
                opt(w.ci_high),
                opt(w.ci_achieved_level),
            ]);
        }
        if let Some(sw) = &s.shapiro_wilk {
            rows.push(vec![
                name,
                Cell::Text("shapiro-wilk (differences)".into()),
                num(sw.w),
                Cell::Num(None),
                Cell::Num(None),
                Cell::P(Some(sw.p_value)),
                Cell::P(None),
                Cell::Text("royston".into()),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Num(None),
            ]);
        }
    }
    Table::data("tests", "Tests", columns, rows)
}

/// One row per scale and effect size.
pub fn effect_sizes(report: &Report) -> Table {
    let columns = vec![
        col("scale", "Scale"),
        col("measure", "Measure"),
        col("value", "Value"),
        col("ci_low", "CI low"),
        col("ci_high", "CI high"),
        col("ci_method", "CI method"),
    ];
    let mut rows = Vec::new();
    for s in &report.scales {
        for (name, e) in effect_list(s) {
            if let Some(e) = e {
                rows.push(vec![
                    Cell::Text(s.scale.clone()),
                    Cell::Text(name.to_string()),
                    num(e.value),
                    opt(e.ci_low),
                    opt(e.ci_high),
                    Cell::Text(e.ci_method.clone()),
                ]);
            }
        }
    }
    Table::data("effect_sizes", "Effect sizes", columns, rows)
}

/// The effect sizes of a scale with their names, in report order.
pub fn effect_list(s: &ScaleResult) -> [(&'static str, &Option<Effect>); 7] {
    let e = &s.effect_sizes;
    [
        ("d_z", &e.d_z),
        ("g_z", &e.g_z),
        ("d_av", &e.d_av),
        ("g_av", &e.g_av),
        ("d_rm", &e.d_rm),
        ("rank_biserial", &e.rank_biserial),
        ("cles", &e.cles),
    ]
}

/// Cronbach's alpha per scale and time point (item-level input only; empty otherwise).
pub fn reliability(report: &Report) -> Table {
    let columns = vec![
        col("scale", "Scale"),
        col("time", "Time"),
        col("alpha", "Alpha"),
        col("alpha_std", "Std. alpha"),
        col("ci_low", "CI low"),
        col("ci_high", "CI high"),
        col("n", "n"),
        col("k", "Items"),
    ];
    let mut rows = Vec::new();
    for s in &report.scales {
        let Some(r) = &s.reliability else { continue };
        for (time, a) in [("pre", &r.pre), ("post", &r.post)] {
            if let Some(a) = a {
                rows.push(vec![
                    Cell::Text(s.scale.clone()),
                    Cell::Text(time.into()),
                    num(a.alpha),
                    opt(a.alpha_std),
                    num(a.ci_low),
                    num(a.ci_high),
                    Cell::Count(a.n),
                    Cell::Count(a.k),
                ]);
            }
        }
    }
    Table::data("reliability", "Reliability", columns, rows)
}

/// One line per participant from pre to post, with the means and their CIs on top; with a
/// comparison group, lines and means are coloured by group.
pub fn before_after(report: &Report, s: &ScaleResult, t: &Text) -> Option<Figure> {
    let name = report.score_name(&s.scale, t.lang);
    let rows = rows_of(report, &s.scale);
    let (pre, post) = (s.pre.as_ref()?, s.post.as_ref()?);
    if rows.is_empty() {
        return None;
    }
    let conf = report.options.conf_level;
    let ylim = padded(rows.iter().flat_map(|r| [r.pre, r.post]), 0.08);
    let title = format!("{}{}{}", name, t.colon, t.before_after);
    // (label, colour, means, x offset of the means) of each group; one "group" without groups
    let groups: Vec<(&str, &str, [&Summary; 2], f64)> = match (
        &s.groups,
        &report.options.treatment,
        &report.options.comparison,
    ) {
        (Some(g), Some(tr), Some(co)) => [(tr, BLUE, -0.025), (co, GREEN, 0.025)]
            .into_iter()
            .filter_map(|(label, colour, dx)| {
                let r = g.get(label)?;
                Some((
                    label.as_str(),
                    colour,
                    [r.pre.as_ref()?, r.post.as_ref()?],
                    dx,
                ))
            })
            .collect(),
        _ => vec![("", BLUE, [pre, post], 0.0)],
    };
    let grouped = groups.len() > 1;
    let (desc, caption) = if grouped {
        (t.before_after_groups_desc, t.before_after_groups_caption)
    } else {
        (t.before_after_desc, t.before_after_caption)
    };
    let mut p = Plot::new(&title, desc, 360.0, 320.0, (0.0, 1.0), ylim);
    if grouped {
        let legend: Vec<(&str, &str)> = groups.iter().map(|g| (g.1, g.0)).collect();
        p = p.with_legend(&legend);
    }
    p.axes(
        "",
        t.score,
        Some(&[(0.25, t.pre.to_string()), (0.75, t.post.to_string())]),
        None,
    );
    let drawn = thin(&rows, MAX_DRAWN);
    let alpha = (6.0 / drawn.len() as f64).clamp(0.08, 0.6);
    for r in &drawn {
        let colour = match groups.iter().find(|g| grouped && r.group == Some(g.0)) {
            Some(g) => g.1,
            None => GREY,
        };
        p.line(&[(0.25, r.pre), (0.75, r.post)], colour, 1.0, alpha, false);
        p.point(0.25, r.pre, 2.0, colour, alpha);
        p.point(0.75, r.post, 2.0, colour, alpha);
    }
    for (_, colour, [pre, post], dx) in &groups {
        let means = [(0.25 + dx, *pre), (0.75 + dx, *post)];
        p.line(
            &[(means[0].0, pre.mean), (means[1].0, post.mean)],
            colour,
            3.0,
            1.0,
            false,
        );
        for (x, d) in means {
            mean_marker(&mut p, (x, 0.03), (d.mean, d.se, d.n), colour, conf);
        }
    }
    Some(Figure {
        name: format!("{}_before_after", slug(&s.scale)),
        scale: Some(name.clone()),
        caption: format!(
            "{name}{}{caption}{}{} = {}{}{}",
            t.caption_sep,
            t.open,
            t.n,
            rows.len(),
            drawn_note(t, drawn.len(), rows.len()),
            t.close
        ),
        svg: p.render(),
        png: Default::default(),
    })
}

/// The differences as stacked dots, with zero and the mean marked.
pub fn differences(report: &Report, s: &ScaleResult, t: &Text) -> Option<Figure> {
    let name = report.score_name(&s.scale, t.lang);
    let mut d: Vec<f64> = rows_of(report, &s.scale).iter().map(|r| r.change).collect();
    if d.is_empty() {
        return None;
    }
    d.sort_by(f64::total_cmp);
    let mut distinct = d.clone();
    distinct.dedup();
    // Few distinct values (Likert sums): one stack per value; else bins of a nice width.
    let (lo, hi) = (d[0], d[d.len() - 1]);
    let width = if distinct.len() <= 40 {
        0.0
    } else {
        let ticks = crate::report::doc::plot::nice_ticks(lo, hi, 30);
        (ticks[1] - ticks[0]).abs()
    };
    let mut stacks: Vec<(f64, usize)> = Vec::new();
    for &v in &d {
        let key = if width > 0.0 {
            ((v / width).floor() + 0.5) * width
        } else {
            v
        };
        match stacks.last_mut() {
            Some((k, n)) if *k == key => *n += 1,
            _ => stacks.push((key, 1)),
        }
    }
    let tallest = stacks.iter().map(|s| s.1).max().unwrap_or(1) as f64;
    let xlim = padded(d.iter().copied().chain([0.0]), 0.08);
    let title = format!("{}{}{}", name, t.colon, t.differences);
    let mut p = Plot::new(
        &title,
        t.differences_desc,
        420.0,
        260.0,
        xlim,
        (0.0, tallest + 1.0),
    );
    p.axes(t.difference_axis, t.count, None, None);
    // up to MAX_STACK participants a value: a dot each; more: a bar of the count
    let dots = tallest <= MAX_STACK as f64;
    if dots {
        let r = (110.0 / tallest).clamp(1.5, 5.0);
        for (x, n) in &stacks {
            for k in 0..*n {
                p.point(*x, k as f64 + 0.5, r, BLUE, 0.85);
            }
        }
    } else {
        let gap = if width > 0.0 {
            width
        } else {
            distinct
                .windows(2)
                .map(|w| w[1] - w[0])
                .fold(f64::INFINITY, f64::min)
        };
        let half = if gap.is_finite() {
            gap * 0.4
        } else {
            (xlim.1 - xlim.0) * 0.02
        };
        for (x, n) in &stacks {
            p.rect((x - half, 0.0), (x + half, *n as f64), BLUE, 0.85);
        }
    }
    p.vline(0.0, ORANGE, true);
    if let Some(diff) = &s.diff {
        p.line(
            &[(diff.mean, 0.0), (diff.mean, tallest + 1.0)],
            INK,
            1.5,
            0.8,
            false,
        );
        p.text(
            (diff.mean, tallest + 1.0),
            (4.0, 12.0),
            "start",
            11.0,
            t.mean,
        );
    }
    Some(Figure {
        name: format!("{}_differences", slug(&s.scale)),
        scale: Some(name.clone()),
        caption: format!(
            "{name}{}{}",
            t.caption_sep,
            if dots {
                t.differences_caption
            } else {
                t.differences_bars_caption
            }
        ),
        svg: p.render(),
        png: Default::default(),
    })
}

/// Normal Q–Q plot of the differences (R's `qqnorm` plotting positions and `qqline`).
pub fn qq(report: &Report, s: &ScaleResult, t: &Text) -> Option<Figure> {
    let name = report.score_name(&s.scale, t.lang);
    let mut d: Vec<f64> = rows_of(report, &s.scale).iter().map(|r| r.change).collect();
    let n = d.len();
    if n < 3 {
        return None;
    }
    d.sort_by(f64::total_cmp);
    // ppoints: (i − a)/(n + 1 − 2a), a = 3/8 for n ≤ 10, else 1/2
    let a = if n <= 10 { 0.375 } else { 0.5 };
    let z: Vec<f64> = (1..=n)
        .map(|i| qnorm((i as f64 - a) / (n as f64 + 1.0 - 2.0 * a)))
        .collect();
    let (q1, q3) = (quantile_sorted(&d, 0.25), quantile_sorted(&d, 0.75));
    let (z1, z3) = (qnorm(0.25), qnorm(0.75));
    let slope = (q3 - q1) / (z3 - z1);
    let intercept = q1 - slope * z1;
    let xlim = padded(z.iter().copied(), 0.06);
    let ylim = padded(
        d.iter()
            .copied()
            .chain([intercept + slope * xlim.0, intercept + slope * xlim.1]),
        0.06,
    );
    let title = format!("{}{}{}", name, t.colon, t.qq);
    let mut p = Plot::new(&title, t.qq_desc, 360.0, 300.0, xlim, ylim);
    p.axes(t.theoretical_quantiles, t.difference_axis, None, None);
    p.line(
        &[
            (xlim.0, intercept + slope * xlim.0),
            (xlim.1, intercept + slope * xlim.1),
        ],
        ORANGE,
        1.5,
        0.9,
        true,
    );
    let points: Vec<(f64, f64)> = z.iter().copied().zip(d.iter().copied()).collect();
    for (x, y) in thin(&points, MAX_QQ) {
        p.point(x, y, 3.0, BLUE, 0.8);
    }
    let caption = match &s.shapiro_wilk {
        // (p as APA writes it, in either language)
        Some(sw) => format!(
            "{name}{}{}{}Shapiro-Wilk W = {:.3}{}{}{}",
            t.caption_sep,
            t.qq_caption,
            t.open,
            sw.w,
            if t.lang == Lang::Zh { "，" } else { ", " },
            crate::report::doc::number::Style {
                lang: t.lang,
                digits: 3,
                minus: "\u{2212}",
            }
            .p(sw.p_value),
            t.close
        ),
        None => format!("{name}{}{}", t.caption_sep, t.qq_caption),
    };
    Some(Figure {
        name: format!("{}_qq", slug(&s.scale)),
        scale: Some(name.clone()),
        caption,
        svg: p.render(),
        png: Default::default(),
    })
}

/// d_z with its CI for every scale; with a comparison group, each group's d_z (the pooled
/// d_z would mix the two groups' changes).
pub fn forest(report: &Report, t: &Text) -> Option<Figure> {
    let series: Vec<(&str, &str, f64)> =
        match (&report.options.treatment, &report.options.comparison) {
            (Some(tr), Some(co)) => vec![(tr.as_str(), BLUE, -0.17), (co.as_str(), GREEN, 0.17)],
            _ => vec![("", BLUE, 0.0)],
        };
    let grouped = series.len() > 1;
    let k = report.scales.len() as f64;
    // (y, colour, d_z, CI) of every drawn estimate
    struct Mark<'a> {
        y: f64,
        colour: &'a str,
        value: f64,
        lo: Option<f64>,
        hi: Option<f64>,
    }
    let mut marks: Vec<Mark> = Vec::new();
    for (i, s) in report.scales.iter().enumerate() {
        let y = k - i as f64 - 0.5;
        for (label, colour, dy) in &series {
            let result = if grouped {
                s.groups.as_ref().and_then(|g| g.get(*label))
            } else {
                Some(s)
            };
            if let Some(e) = result.and_then(|r| r.effect_sizes.d_z.as_ref()) {
                marks.push(Mark {
                    y: y - dy,
                    colour,
                    value: e.value,
                    lo: e.ci_low,
                    hi: e.ci_high,
                });
            }
        }
    }
    if marks.is_empty() {
        return None;
    }
    let xlim = padded(
        marks
            .iter()
            .flat_map(|m| [Some(m.value), m.lo, m.hi])
            .flatten()
            .chain([0.0]),
        0.08,
    );
    // (Chinese labels are twice as wide as Latin ones)
    let longest = report
        .scales
        .iter()
        .map(|s| {
            crate::report::doc::plot::text_width(&report.score_name(&s.scale, t.lang), 7.0 / 0.6)
        })
        .fold(0.0, f64::max);
    let level = crate::report::doc::number::fmt_level(report.options.conf_level);
    let row_height = if grouped { 44.0 } else { 32.0 };
    let mut p = Plot::new(
        t.forest,
        t.forest_desc,
        480.0,
        70.0 + row_height * k,
        xlim,
        (0.0, k),
    )
    .left_margin((longest + 16.0).round().clamp(70.0, 220.0));
    if grouped {
        let legend: Vec<(&str, &str)> = series.iter().map(|(l, c, _)| (*c, *l)).collect();
        p = p.with_legend(&legend);
    }
    let cats: Vec<(f64, String)> = report
        .scales
        .iter()
        .enumerate()
        .map(|(i, s)| (k - i as f64 - 0.5, report.score_name(&s.scale, t.lang)))
        .collect();
    p.axes(&format!("d_z ({level}% CI)"), "", None, Some(&cats));
    p.vline(0.0, ORANGE, true);
    for m in marks {
        let (lo, hi) = (m.lo.unwrap_or(xlim.0), m.hi.unwrap_or(xlim.1));
        p.line(&[(lo, m.y), (hi, m.y)], m.colour, 2.0, 1.0, false);
        p.point(m.value, m.y, 5.0, m.colour, 1.0);
    }
    Some(Figure {
        name: "effect_sizes_forest".into(),
        scale: None,
        caption: if grouped {
            t.forest_groups_caption
        } else {
            t.forest_caption
        }
        .to_string(),
        svg: p.render(),
        png: Default::default(),
    })
}
