//! The report of `compare` as a person reads it: a paragraph on the study and the options, the
//! results in sentences, compact tables (descriptives, t-test, Wilcoxon, effect sizes,
//! normality, and those of each analysis family), the figures and the notes; and its machine
//! tables and JSON ([`Present`] for [`Report`]).

use super::{score_name, sentence_name};
use crate::model::{Report, ScaleResult};
use crate::report::doc::number::{fmt_level, Style};
use crate::report::doc::words::{Lang, Text, W};
use crate::report::doc::{
    col, sentence, Block, Cell, Doc, Figure, Meta, Role, Section, Stream, Table,
};
use crate::report::{Present, RenderOptions};
use crate::stats::wilcoxon::{PValueMethod, AUTO_EXACT_BELOW};

/// The document of a comparison: the study, the results in brief, the results in detail (a part per
/// analysis family, its sentences before its tables), the figures and the notes.
pub fn document(report: &Report, opts: &RenderOptions) -> Doc {
    let dg = opts.digits;
    let o = &report.options;
    let alt = o.alternative;
    let level = format!("{}%", fmt_level(o.conf_level));
    let a = &report.attrition;

    let zh = opts.lang == Lang::Zh;
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
            W::OnlyAtPre.pick(zh),
            a.only_in_pre.join(", ")
        ));
    }
    if !a.only_in_post.is_empty() {
        who.push_str(&format!(
            "{}{}",
            W::OnlyAtPost.pick(zh),
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
    preamble.push(format!("{who}{}", W::FullStop.pick(zh)));
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
            W::NoneWord.pick(zh).to_string()
        } else {
            sc.reverse.join(W::ListSep.pick(zh))
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
        super::adjust_name(o.p_adjust.as_str())
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
    let st = crate::report::doc::number::Style {
        lang: opts.lang,
        digits: dg,
        minus: opts.minus,
    };

    // a part of the results: each scale's sentences of it, then its tables
    let part = |id: &'static str,
                heading: &str,
                said: &dyn Fn(&ScaleResult) -> Vec<String>,
                tables: Vec<Block>| {
        let mut blocks: Vec<Block> = report
            .scales
            .iter()
            .filter_map(|s| {
                let sentences = said(s);
                (!sentences.is_empty()).then(|| Block::Sentences {
                    key: report.score_name(&s.scale, opts.lang),
                    text: sentence(&super::paragraph(opts.lang, &sentences)),
                })
            })
            .collect();
        blocks.extend(tables);
        Section::new(Role::Part, id, heading, blocks).sub()
    };
    let paired = super::paired::tables(report, opts);
    let tables = |v: Vec<Table>| -> Vec<Block> { v.into_iter().map(Block::Table).collect() };
    let none = |_: &ScaleResult| Vec::new();
    // the groups at the pre-test first (as theses give them), then their change
    let mut groups = super::groups::level_blocks(report, &st, &level);
    if let (Some(t), Some(c)) = (&o.treatment, &o.comparison) {
        groups.extend(
            super::groups::tables(report, t, c, dg, alt, &level, zh)
                .into_iter()
                .map(Block::Table),
        );
    }
    let parts = [
        part(
            "descriptives",
            text.descriptives_part,
            &none,
            tables(paired.descriptives),
        ),
        part(
            "reliability",
            text.reliability_part,
            &none,
            tables(paired.reliability.into_iter().collect()),
        ),
        part(
            "paired",
            text.paired_part,
            &|s| paired_sentences(report, s, &st),
            tables(paired.tests),
        ),
        part(
            "groups",
            text.groups,
            &|s| {
                let mut out = super::groups::level_sentences(report, s, &st);
                out.extend(super::groups::sentence(report, s, &st));
                out.extend(super::groups::improvement_sentence(report, s, &st));
                out
            },
            groups,
        ),
        part(
            "change",
            text.reliable_change,
            &|s| {
                super::change::sentence(report, s, &st)
                    .into_iter()
                    .collect()
            },
            tables(
                super::change::rci_table(report, dg, zh)
                    .into_iter()
                    .collect(),
            ),
        ),
        part(
            "waves",
            text.waves_part,
            &|s| super::waves::sentences(report, s, &st),
            tables(super::waves::blocks(report, dg, &level, zh)),
        ),
        part(
            "small-study",
            text.small_study_part,
            &|s| super::small_study::sentences(report, s, &st),
            tables(super::small_study::blocks(report, dg, zh)),
        ),
        part(
            "items",
            text.items_part,
            &|s| super::items::sentences(report, s, &st),
            tables(super::items::blocks(report, dg, zh)),
        ),
        part(
            "participants",
            text.participants_part,
            &none,
            tables(super::change::blocks(report, dg, &text)),
        ),
    ];
    let brief: Vec<Block> = report
        .scales
        .iter()
        .map(|s| Block::Sentences {
            key: report.score_name(&s.scale, opts.lang),
            text: sentence(&super::paragraph(opts.lang, &brief(report, s, &st))),
        })
        .collect();
    let mut sections = vec![
        Section::new(
            Role::Study,
            "study",
            text.study,
            preamble.into_iter().map(Block::Para).collect(),
        ),
        Section::new(Role::Sentences, "brief", text.results_in_brief, brief),
        Section::new(Role::Heading, "detail", text.results_in_detail, Vec::new()),
    ];
    sections.extend(parts.into_iter().filter(|p| !p.blocks.is_empty()));
    let figures = if opts.figures {
        figures(report, opts.lang)
    } else {
        Vec::new()
    };
    sections.push(Section::new(
        Role::Figures,
        "figures",
        text.figures,
        figures.into_iter().map(Block::Figure).collect(),
    ));
    sections.extend(super::change::overview(report, opts));
    sections.push(Section::new(
        Role::Notes,
        "notes",
        text.notes,
        notes.into_iter().map(Block::Note).collect(),
    ));
    Doc {
        lang: opts.lang,
        title: text.title.into(),
        meta: Meta {
            version: report.prepost_version.clone(),
            inputs: Some(report.options.inputs.join(", ")),
        },
        sections,
    }
}

/// A scale's change from pre to post in sentences: the paired t-test and the Wilcoxon test,
/// in each group where there is a comparison group.
fn paired_sentences(report: &Report, s: &ScaleResult, st: &Style) -> Vec<String> {
    let o = &report.options;
    let name = sentence_name(report, &s.scale, st.lang);
    let mut out = Vec::new();
    match (&s.groups, &o.treatment, &o.comparison) {
        (Some(groups), Some(t), Some(c)) => {
            for label in [t, c] {
                if let Some(g) = groups.get(label) {
                    out.extend(super::paired::sentences(report, g, &name, label, st));
                }
            }
        }
        _ => out.extend(super::paired::sentences(report, s, &name, "", st)),
    }
    out
}

/// A scale's results in brief: with a comparison group, each group's change and the difference
/// in change; with one participant, the reliable change; else the change and the t-test.
fn brief(report: &Report, s: &ScaleResult, st: &Style) -> Vec<String> {
    if let Some(headline) = super::groups::headline(report, s, st) {
        return vec![headline];
    }
    let name = sentence_name(report, &s.scale, st.lang);
    if s.t_test.is_none() {
        if let Some(one) = super::change::sentence(report, s, st) {
            return vec![one];
        }
    }
    super::paired::sentences(report, s, &name, "", st)
        .into_iter()
        .take(1)
        .collect()
}

/// The sections of a comparison that `--sections` can name.
pub const SECTIONS: crate::report::SectionNames = &[
    ("study", "the data, the design and the options"),
    ("brief", "the results in brief: one sentence per scale"),
    ("detail", "the results in detail: every part below"),
    (
        "descriptives",
        "the scores before and after (per group first)",
    ),
    (
        "reliability",
        "Cronbach's alpha at each wave (item-level input)",
    ),
    (
        "paired",
        "the change from pre to post: sentences, t-tests, Wilcoxon tests, effect sizes, normality",
    ),
    (
        "groups",
        "the groups: at the pre-test, their change compared (two: Welch, ANCOVA; three or more: ANOVA, post hoc, Kruskal-Wallis, ANCOVA)",
    ),
    ("change", "reliable change"),
    ("waves", "the analyses across three or more waves"),
    ("small-study", "sensitivity, Bayes factors, equivalence"),
    ("items", "which items moved (--items)"),
    ("participants", "every participant's change, per scale"),
    ("figures", "the figures (HTML, Word, LaTeX)"),
    ("overview", "every participant's change in one table (HTML)"),
    ("notes", "the notes"),
];

impl Present for Report {
    fn document(&self, opts: &RenderOptions) -> Doc {
        document(self, opts)
    }

    fn tables(&self) -> Vec<Table> {
        let mut tables = vec![
            super::paired::results(self),
            super::paired::descriptives(self),
            super::paired::tests(self),
            super::paired::effect_sizes(self),
            attrition(self),
        ];
        if self.options.group.is_some() {
            if self.scales.iter().any(|s| s.between_groups.is_some()) {
                tables.push(super::groups::between_groups(self));
            }
            let baseline: Vec<_> = self
                .scales
                .iter()
                .filter_map(|s| s.baseline.as_ref())
                .collect();
            if !baseline.is_empty() {
                tables.push(super::levels::group_differences_table(
                    "baseline",
                    "The groups at the pre-test",
                    &baseline,
                ));
            }
            let change: Vec<_> = self
                .scales
                .iter()
                .filter_map(|s| s.k_groups.as_ref().map(|k| &k.change))
                .collect();
            if !change.is_empty() {
                tables.push(super::levels::group_differences_table(
                    "k_groups",
                    "The groups' change compared",
                    &change,
                ));
            }
        }
        tables.extend(super::waves::tables(self));
        tables.extend(super::items::table(self));
        tables.push(super::small_study::table(self));
        if self.scales.iter().any(|s| s.reliability.is_some()) {
            tables.push(super::paired::reliability(self));
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

/// Everyone left out of some analysis, and why.
pub fn attrition(report: &Report) -> Table {
    let columns = vec![
        col("id", "Id"),
        col("status", "Status"),
        col("scale", "Scale"),
    ];
    let mut rows = Vec::new();
    let a = &report.attrition;
    for id in &a.only_in_pre {
        rows.push(vec![
            Cell::Text(id.to_string()),
            Cell::Text("only in pre".into()),
            Cell::Text(String::new()),
        ]);
    }
    for id in &a.only_in_post {
        rows.push(vec![
            Cell::Text(id.to_string()),
            Cell::Text("only in post".into()),
            Cell::Text(String::new()),
        ]);
    }
    for (scale, ids) in &a.missing_by_scale {
        for id in ids {
            rows.push(vec![
                Cell::Text(id.to_string()),
                Cell::Text("missing value".into()),
                Cell::Text(scale.clone()),
            ]);
        }
    }
    Table::data("attrition", "Attrition", columns, rows)
}

/// Every figure of the report, in reading order.
pub fn figures(report: &Report, lang: Lang) -> Vec<Figure> {
    let t = Text::of(lang);
    let mut out = Vec::new();
    if let Some(f) = super::paired::forest(report, &t) {
        out.push(f);
    }
    for s in &report.scales {
        out.extend(super::paired::before_after(report, s, &t));
        out.extend(super::paired::differences(report, s, &t));
        out.extend(super::paired::qq(report, s, &t));
        out.extend(super::groups::change_by_group(report, s, &t));
        out.extend(super::waves::across_waves(report, s, &t));
        out.extend(super::change::jacobson_truax(report, s, &t));
    }
    out.extend(super::small_study::bayes_robustness(report, &t));
    out.extend(super::items::figures(report, lang));
    out
}
