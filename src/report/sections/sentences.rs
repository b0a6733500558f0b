//! Results written as APA 7 sentences (in English or Chinese): means and SDs, the test with
//! its degrees of freedom and p, the effect size with its CI; the Wilcoxon counterpart; the
//! comparison group; reliable change.
//!
//! Formatting (APA 7, §6.36–6.44): p to three decimals without a leading zero, "p < .001" below
//! that; statistics that cannot exceed 1 (r, η²) without a leading zero; a true minus sign
//! (U+2212) except in plain-text output.

use crate::model::{Report, ScaleResult};
use crate::report::doc::number::Style;
use crate::report::doc::words::{Lang, Text};
use crate::stats::Alternative;

/// "self_perception" → "Self perception" (English sentences start with the scale's name).
pub fn pretty(name: &str) -> String {
    capitalized(&name.replace('_', " "))
}

/// The first letter in upper case.
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A score in a sentence: its label in the spec, else (English) its name with spaces for
/// underscores ("self perception"), or (Chinese) its name.
pub fn sentence_name(report: &Report, scale: &str, lang: Lang) -> String {
    match (report.score_label(scale, lang), lang) {
        (Some(label), _) => label.to_string(),
        (None, Lang::En) => scale.replace('_', " "),
        (None, Lang::Zh) => scale.to_string(),
    }
}

pub fn adjust_name(method: &str) -> &'static str {
    match method {
        "holm" => "Holm",
        "bonferroni" => "Bonferroni",
        "hochberg" => "Hochberg",
        "BH" => "Benjamini-Hochberg",
        _ => "",
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
/// Wilcoxon counterpart. `name` is the score as a sentence names it ([`sentence_name`]);
/// `who` names the group ("" for everyone).
fn change_sentences(
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
                s.notes.get("t_test").cloned().unwrap_or_default()
            ),
            Lang::Zh => format!(
                "t 检验{}（{}）",
                t.not_computed,
                t.note(s.notes.get("t_test").map_or("", String::as_str))
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

/// The sentences of one scale: its change (per group in a comparison-group design), the
/// comparison of the groups, and reliable change.
pub fn scale_sentences(report: &Report, s: &ScaleResult, st: &Style) -> Vec<String> {
    let o = &report.options;
    let level = o.conf_level;
    let name = sentence_name(report, &s.scale, st.lang);
    let mut out = Vec::new();
    match (&s.groups, &o.treatment, &o.comparison) {
        (Some(groups), Some(t), Some(c)) => {
            for label in [t, c] {
                if let Some(g) = groups.get(label) {
                    out.extend(change_sentences(report, g, &name, label, st));
                }
            }
        }
        _ => out.extend(change_sentences(report, s, &name, "", st)),
    }
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
            out.push(match st.lang {
                Lang::En => format!(
                    "Compared with the {} group, the {} group's change was {} points {} (Welch's t({}) = {}, {}{w_side}{g}); adjusted for the pre-test (ANCOVA), the difference was {}, {}, t({}) = {}, {}{a_side}, \u{03b7}p\u{00b2} = {}.",
                    b.comparison,
                    b.treatment,
                    st.num(w.diff.abs()),
                    if w.diff >= 0.0 { "larger" } else { "smaller" },
                    st.fixed(w.df, 1),
                    st.num(w.t),
                    st.p(w.p_value),
                    st.num(a.diff),
                    st.ci(level, Some(a.ci_low), Some(a.ci_high), false),
                    st.fixed(a.df, 0),
                    st.num(a.t),
                    st.p(a.p_value),
                    st.bounded(a.partial_eta_sq)
                ),
                Lang::Zh => format!(
                    "与 {} 相比，{}的变化{} {} 分（Welch t({}) = {}，{}{w_side}{g}）；经协方差分析控制前测后，调整后的组间差异为 {}，{}，t({}) = {}，{}{a_side}，\u{03b7}p\u{00b2} = {}。",
                    crate::report::doc::words::group_zh(&b.comparison),
                    crate::report::doc::words::group_zh(&b.treatment),
                    if w.diff >= 0.0 { "高出" } else { "低" },
                    st.num(w.diff.abs()),
                    st.fixed(w.df, 1),
                    st.num(w.t),
                    st.p(w.p_value),
                    st.num(a.diff),
                    st.ci(level, Some(a.ci_low), Some(a.ci_high), false),
                    st.fixed(a.df, 0),
                    st.num(a.t),
                    st.p(a.p_value),
                    st.bounded(a.partial_eta_sq)
                ),
            });
        }
    }
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
            out.push(match st.lang {
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
            out.push(match st.lang {
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
    if let (Some(b), Some(r)) = (
        &s.between_groups,
        s.between_groups
            .as_ref()
            .and_then(|b| b.reliable_change.as_ref()),
    ) {
        let pct = |k: usize, n: usize| 100.0 * k as f64 / n.max(1) as f64;
        let points = |x: f64| st.fixed(100.0 * x, 0);
        out.push(match st.lang {
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
    out.extend(super::waves::sentences(report, s, st));
    out.extend(super::small_study::sentences(report, s, st));
    out.extend(super::items::sentences(report, s, st));
    out
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

/// A scale's sentences as one paragraph (a space between English sentences, none in Chinese).
pub fn paragraph(lang: Lang, sentences: &[String]) -> String {
    match lang {
        Lang::En => sentences.join(" "),
        Lang::Zh => crate::report::doc::words::cjk_spacing(&sentences.join("")),
    }
}

/// The sentences of every scale, scale by scale.
pub fn sentences(report: &Report, st: &Style) -> Vec<(String, Vec<String>)> {
    report
        .scales
        .iter()
        .map(|s| {
            (
                report.score_name(&s.scale, st.lang),
                scale_sentences(report, s, st),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apa_number_formats() {
        let st = Style {
            lang: Lang::En,
            digits: 2,
            minus: "\u{2212}",
        };
        assert_eq!(st.p(0.0021), "p = .002");
        assert_eq!(st.p(0.0004), "p < .001");
        assert_eq!(st.p(0.5), "p = .500");
        assert_eq!(st.bounded(0.957), ".96");
        assert_eq!(st.bounded(-0.4), "\u{2212}.40");
        assert_eq!(st.num(-1.234), "\u{2212}1.23");
        assert_eq!(st.num(-0.001), "0.00");
        assert_eq!(
            st.ci(0.95, Some(0.44), Some(1.91), false),
            "95% CI [0.44, 1.91]"
        );
        assert_eq!(
            st.ci(0.9, Some(0.44), None, false),
            "90% CI [0.44, \u{221e}]"
        );
        assert_eq!(pretty("self_perception"), "Self perception");
    }
}
