//! The report of `survey` as a person reads it — the study, the results in sentences (English
//! and Chinese as theses word them), the composition of the sample, descriptives, one-sample
//! tests, group differences (M ± SD cells and stars in Chinese, as Chinese theses print them),
//! crosstabs, the correlation table (lower triangle with M and SD) and the regression per
//! block, then the notes — and its machine tables and JSON ([`Present`] for [`SurveyReport`]).

use super::levels::{
    df_text, factor_blocks, group_sentence, method_name, stars, stars_legend, Levels,
};
use crate::model::{
    CrosstabResult, FieldNotes, GroupDifference, OneSampleResult, RegressionResult, SurveyReport,
};
use crate::note::Note;
use crate::report::doc::number::{fmt_level, fmt_num, fmt_p, Style};
use crate::report::doc::words::{Lang, Text, W};
use crate::report::doc::{
    col, left_then_right, sentence, Block, Cell, Column, Doc, Meta, Role, Section, Table,
};
use crate::report::{Present, RenderOptions};

/// The sections of a survey report that `--sections` can name.
pub const SECTIONS: crate::report::SectionNames = &[
    ("study", "the data and the options"),
    ("brief", "the results in sentences"),
    ("detail", "the results in detail: every part below"),
    (
        "composition",
        "who answered: n and % per level of each factor",
    ),
    (
        "descriptives",
        "the scores overall and per level (skewness, kurtosis)",
    ),
    (
        "one-sample",
        "the scores against a test value or the midpoint",
    ),
    (
        "groups",
        "the scores compared across the levels of each factor",
    ),
    (
        "crosstabs",
        "two categorical variables: counts, chi-squared, Fisher, V",
    ),
    ("correlations", "the correlation table with M and SD"),
    ("regression", "the regression per block"),
    ("notes", "the notes"),
];

struct Ctx<'a> {
    r: &'a SurveyReport,
    l: Levels<'a>,
}

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = Levels<'a>;
    fn deref(&self) -> &Levels<'a> {
        &self.l
    }
}

/// A score's name in the language (its label where the scale gives one).
fn score_of(r: &SurveyReport, lang: Lang, name: &str) -> String {
    r.scores
        .iter()
        .find(|s| s.name == name)
        .and_then(|s| s.labels.get(lang))
        .unwrap_or(name)
        .to_string()
}

fn pairs_in(notes: &FieldNotes) -> impl Iterator<Item = (&String, &Note)> {
    notes.iter()
}

/// The readable document.
pub fn document(r: &SurveyReport, opts: &RenderOptions) -> Doc {
    let zh = opts.lang == Lang::Zh;
    let names = |name: &str| score_of(r, opts.lang, name);
    let c = Ctx {
        r,
        l: Levels {
            zh,
            lang: opts.lang,
            dg: opts.digits,
            st: Style {
                lang: opts.lang,
                digits: opts.digits,
                minus: opts.minus,
            },
            alpha: 1.0 - r.conf_level,
            conf_level: r.conf_level,
            names: &names,
        },
    };
    let t = Text::of(opts.lang);
    let mut sections = vec![Section::new(
        Role::Study,
        "study",
        t.study,
        study(&c).into_iter().map(Block::Para).collect(),
    )];
    let mut brief: Vec<(String, String)> = Vec::new();
    for o in &r.one_sample {
        if let Some(s) = one_sample_sentence(&c, o) {
            brief.push((o.score.clone(), s));
        }
    }
    for g in &r.group_differences {
        if let Some(s) = group_sentence(&c, g) {
            brief.push((g.score.clone(), s));
        }
    }
    for x in &r.crosstabs {
        if let Some(s) = crosstab_sentence(&c, x) {
            brief.push((String::new(), s));
        }
    }
    if let Some(reg) = &r.regression {
        if let Some(s) = regression_sentence(&c, reg) {
            brief.push((reg.outcome.clone(), s));
        }
    }
    sections.push(Section::new(
        Role::Sentences,
        "brief",
        W::ResultsInBrief.pick(zh),
        brief
            .into_iter()
            .map(|(key, text)| Block::Sentences {
                key,
                text: sentence(&text),
            })
            .collect(),
    ));
    sections.push(Section::new(
        Role::Heading,
        "detail",
        W::ResultsInDetail.pick(zh),
        Vec::new(),
    ));
    let part = |id: &'static str, heading: W, blocks: Vec<Block>| {
        Section::new(Role::Part, id, heading.pick(zh), blocks).sub()
    };
    if !r.composition.is_empty() {
        sections.push(part(
            "composition",
            W::Composition,
            vec![composition_table(&c)],
        ));
    }
    sections.push(part(
        "descriptives",
        W::Descriptives,
        vec![descriptives_table(&c)],
    ));
    if !r.one_sample.is_empty() {
        sections.push(part(
            "one-sample",
            W::AgainstATestValue,
            one_sample_blocks(&c),
        ));
    }
    if !r.group_differences.is_empty() {
        sections.push(part("groups", W::GroupDifferences, group_blocks(&c)));
    }
    if !r.crosstabs.is_empty() {
        sections.push(part("crosstabs", W::Crosstabs, crosstab_blocks(&c)));
    }
    if r.correlations.is_some() {
        sections.push(part(
            "correlations",
            W::Correlations,
            correlation_blocks(&c),
        ));
    }
    if let Some(reg) = &r.regression {
        sections.push(part(
            "regression",
            W::Regression,
            regression_blocks(&c, reg),
        ));
    }
    sections.push(Section::new(
        Role::Notes,
        "notes",
        W::Notes.pick(zh),
        notes(&c, &t).into_iter().map(Block::Note).collect(),
    ));
    Doc {
        lang: opts.lang,
        title: match (r.scale_labels.get(opts.lang).or(r.scale.as_deref()), zh) {
            (Some(s), false) => format!("Survey: {s}"),
            (Some(s), true) => format!("问卷调查：{s}"),
            (None, false) => "Survey".to_string(),
            (None, true) => "问卷调查".to_string(),
        },
        meta: Meta {
            version: r.prepost_version.clone(),
            inputs: Some(r.data.clone()),
        },
        sections,
    }
}

fn study(c: &Ctx) -> Vec<String> {
    let r = c.r;
    let scores: Vec<String> = r.scores.iter().map(|s| c.score(&s.name)).collect();
    let level = fmt_level(r.conf_level);
    // a factor named by an SPSS file's value labels, whose levels follow the codes
    let labelled = r.by.iter().any(|b| r.value_labels.contains_key(b));
    let mut out = Vec::new();
    if c.zh {
        out.push(format!(
            "数据：{}（{} 名作答者）{}。",
            r.data,
            r.respondents,
            r.spec
                .as_ref()
                .map(|s| format!("，量表定义：{s}"))
                .unwrap_or_default()
        ));
        out.push(format!(
            "分析的得分：{}。置信区间均为 {level}%。",
            scores.join("、")
        ));
        if !r.by.is_empty() {
            out.push(format!(
                "分组变量：{}。各类别按 R 的 factor() 排序（数字按数值，文字按字母{}）。两组比较报告 Student t 检验；Levene 检验（以平均数为中心，同 SPSS）p < .05 时报告 Welch t 检验。三组及以上报告单因素方差分析（方差不齐时报告 Welch 方差分析）。",
                r.by.join("、"),
                if labelled { "；SPSS 文件的值标签按其代码" } else { "" }
            ));
        }
    } else {
        out.push(format!(
            "Data: {} ({} respondents){}.",
            r.data,
            r.respondents,
            r.spec
                .as_ref()
                .map(|s| format!(", scored with {s}"))
                .unwrap_or_default()
        ));
        out.push(format!(
            "Scores: {}. Every interval is {level}%.",
            scores.join(", ")
        ));
        if !r.by.is_empty() {
            out.push(format!(
                "Factors: {}. Levels are sorted as R's factor() sorts them (numbers numerically, text alphabetically{}). Two levels: Student's t, or Welch's where Levene's test (centred on the means, as SPSS) has p < .05; three or more: one-way ANOVA (Welch's where Levene's test has p < .05).",
                r.by.join(", "),
                if labelled { "; the value labels of an SPSS file in the order of their codes" } else { "" }
            ));
        }
    }
    out
}

fn one_sample_sentence(c: &Ctx, o: &OneSampleResult) -> Option<String> {
    let (t, df, p) = (o.t?, o.df?, o.p?);
    let st = &c.st;
    let name = c.score(&o.score);
    let v = st.num(o.test_value);
    let significant = p < c.alpha;
    let below = o.mean_diff.is_some_and(|d| d < 0.0);
    let against = match (o.source, c.zh) {
        ("midpoint", false) => format!("the midpoint of {v}"),
        ("midpoint", true) => format!("理论中值 {v}"),
        (_, false) => format!("the test value of {v}"),
        (_, true) => format!("检验值 {v}"),
    };
    let d =
        o.d.as_ref()
            .map(|d| {
                format!(
                    "{}d = {}, {}",
                    if c.zh { "，" } else { ", " },
                    st.num(d.value),
                    st.ci(c.r.conf_level, Some(d.ci_low), Some(d.ci_high), false)
                )
            })
            .unwrap_or_default();
    let w = o
        .wilcoxon
        .as_ref()
        .map(|w| {
            if c.zh {
                format!(
                    "；Wilcoxon 符号秩检验 V = {}，{}",
                    st.fixed(w.statistic, 1),
                    st.p(w.p)
                )
            } else {
                format!(
                    "; Wilcoxon signed-rank V = {}, {}",
                    st.fixed(w.statistic, 1),
                    st.p(w.p)
                )
            }
        })
        .unwrap_or_default();
    let m = format!(
        "M = {}{}SD = {}{}",
        st.num(o.mean?),
        if c.zh { "，" } else { ", " },
        st.num(o.sd?),
        ""
    );
    Some(if c.zh {
        let how = match (significant, below) {
            (true, true) => format!("显著低于{against}"),
            (true, false) => format!("显著高于{against}"),
            (false, _) => format!("与{against}无显著差异"),
        };
        format!(
            "{name}：{m}，{how}，t({}) = {}，{}{d}{w}。",
            st.fixed(df, 0),
            st.num(t),
            st.p(p)
        )
    } else {
        let how = match (significant, below) {
            (true, true) => format!("below {against}"),
            (true, false) => format!("above {against}"),
            (false, _) => format!("not different from {against}"),
        };
        format!(
            "{name}: {m}, {how}, t({}) = {}, {}{d}{w}.",
            st.fixed(df, 0),
            st.num(t),
            st.p(p)
        )
    })
}

fn crosstab_sentence(c: &Ctx, x: &CrosstabResult) -> Option<String> {
    let st = &c.st;
    let (chi, df, p) = (x.chi_sq?, x.df?, x.p?);
    let mut s = format!(
        "{} × {}{}χ²({}) = {}{}{}",
        x.a,
        x.b,
        if c.zh { "：" } else { ": " },
        df_text(st, df),
        st.num(chi),
        if c.zh { "，" } else { ", " },
        st.p(p)
    );
    if let Some(f) = x.fisher_p {
        s.push_str(&if c.zh {
            format!("，Fisher 精确检验 {}", st.p(f))
        } else {
            format!(", Fisher's exact test {}", st.p(f))
        });
    }
    if let Some(v) = &x.cramers_v {
        s.push_str(&format!(
            "{}Cramér's V = {}{}{}",
            if c.zh { "，" } else { ", " },
            st.bounded(v.value),
            if c.zh { "，" } else { ", " },
            st.ci(c.r.conf_level, Some(v.ci_low), Some(v.ci_high), true)
        ));
    }
    s.push_str(if c.zh { "。" } else { "." });
    Some(s)
}

fn regression_sentence(c: &Ctx, reg: &RegressionResult) -> Option<String> {
    let st = &c.st;
    let outcome = c.score(&reg.outcome);
    let mut parts = Vec::new();
    for b in &reg.blocks {
        let change = match (b.f_change, b.df1, b.df2, b.p_change) {
            (Some(f), Some(d1), Some(d2), Some(p)) => format!(
                "{}F({}, {}) = {}{}{}",
                if c.zh { "，" } else { ", " },
                df_text(st, d1),
                df_text(st, d2),
                st.num(f),
                if c.zh { "，" } else { ", " },
                st.p(p)
            ),
            _ => String::new(),
        };
        parts.push(if c.zh {
            format!(
                "第 {} 层加入 {}，ΔR² = {}{change}",
                b.block,
                b.predictors.join("、"),
                st.bounded(b.delta_r2)
            )
        } else {
            format!(
                "block {} ({}) ΔR² = {}{change}",
                b.block,
                b.predictors.join(", "),
                st.bounded(b.delta_r2)
            )
        });
    }
    let last = reg.blocks.last()?;
    Some(if c.zh {
        format!(
            "以{outcome}为因变量的分层回归（n = {}）：{}；最终模型 R² = {}。",
            reg.n,
            parts.join("；"),
            st.bounded(last.r2)
        )
    } else {
        format!(
            "Regression of {outcome} in blocks (n = {}): {}; the final model's R² = {}.",
            reg.n,
            parts.join("; "),
            st.bounded(last.r2)
        )
    })
}

fn composition_table(c: &Ctx) -> Block {
    let rows =
        c.r.composition
            .iter()
            .map(|row| {
                vec![
                    row.factor.clone(),
                    row.level
                        .clone()
                        .unwrap_or_else(|| W::MissingWord.pick(c.zh).to_string()),
                    row.n.to_string(),
                    fmt_num(Some(row.percent), 1),
                    fmt_num(row.valid_percent, 1),
                ]
            })
            .collect();
    Block::Table(Table::text(
        W::Composition.pick(c.zh).into(),
        vec![
            W::Variable.pick(c.zh).into(),
            W::Level.pick(c.zh).into(),
            "n".into(),
            W::Percent.pick(c.zh).into(),
            W::ValidPercent.pick(c.zh).into(),
        ],
        left_then_right(5),
        rows,
    ))
}

fn descriptives_table(c: &Ctx) -> Block {
    let shape = |s: &Option<crate::model::ShapeValue>| match s {
        Some(s) => format!("{} ({})", c.num(Some(s.value)), c.num(Some(s.se))),
        None => String::new(),
    };
    let rows =
        c.r.descriptives
            .iter()
            .map(|d| {
                let group = match (&d.factor, &d.level) {
                    (Some(f), Some(l)) => format!("{f} = {l}"),
                    _ => W::All.pick(c.zh).to_string(),
                };
                vec![
                    c.score(&d.score),
                    group,
                    d.n.to_string(),
                    c.num(d.mean),
                    c.num(d.sd),
                    c.num(d.min),
                    c.num(d.max),
                    shape(&d.skewness),
                    shape(&d.kurtosis),
                ]
            })
            .collect();
    Block::Table(Table::text(
        W::Descriptives.pick(c.zh).into(),
        vec![
            W::Score.pick(c.zh).into(),
            W::Group.pick(c.zh).into(),
            "n".into(),
            "M".into(),
            "SD".into(),
            W::Min.pick(c.zh).into(),
            W::Max.pick(c.zh).into(),
            W::SkewnessSE.pick(c.zh).into(),
            W::KurtosisSE.pick(c.zh).into(),
        ],
        vec![
            crate::report::doc::Align::Left,
            crate::report::doc::Align::Left,
        ]
        .into_iter()
        .chain(std::iter::repeat_n(crate::report::doc::Align::Right, 7))
        .collect(),
        rows,
    ))
}

fn one_sample_blocks(c: &Ctx) -> Vec<Block> {
    let rows =
        c.r.one_sample
            .iter()
            .map(|o| {
                vec![
                    c.score(&o.score),
                    c.num(Some(o.test_value)),
                    o.n.to_string(),
                    c.m_sd(o.mean, o.sd),
                    c.starred(o.t, o.p),
                    o.df.map_or(String::new(), |d| df_text(&c.st, d)),
                    fmt_p(o.p),
                    c.num(o.mean_diff),
                    c.ci(o.ci_low, o.ci_high),
                    c.num(o.d.as_ref().map(|d| d.value)),
                    c.ci(
                        o.d.as_ref().map(|d| d.ci_low),
                        o.d.as_ref().map(|d| d.ci_high),
                    ),
                    o.wilcoxon
                        .as_ref()
                        .map_or(String::new(), |w| fmt_num(Some(w.statistic), 1)),
                    fmt_p(o.wilcoxon.as_ref().map(|w| w.p)),
                ]
            })
            .collect();
    let level = fmt_level(c.r.conf_level);
    let mut blocks = vec![Block::Table(Table::text(
        W::AgainstATestValue.pick(c.zh).into(),
        vec![
            W::Score.pick(c.zh).into(),
            W::TestValue.pick(c.zh).into(),
            "n".into(),
            if c.zh {
                "M ± SD".into()
            } else {
                "M (SD)".into()
            },
            "t".into(),
            "df".into(),
            "p".into(),
            W::MeanDiff.pick(c.zh).into(),
            format!("{level}% CI"),
            "d".into(),
            format!("{level}% CI (d)"),
            "V".into(),
            "p (V)".into(),
        ],
        left_then_right(13),
        rows,
    ))];
    if c.zh {
        blocks.push(Block::Legend(stars_legend(true)));
    }
    blocks
}

fn group_blocks(c: &Ctx) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut factors: Vec<&str> = Vec::new();
    for g in &c.r.group_differences {
        if !factors.contains(&g.factor.as_str()) {
            factors.push(&g.factor);
        }
    }
    for factor in factors {
        let gs: Vec<&GroupDifference> =
            c.r.group_differences
                .iter()
                .filter(|g| g.factor == factor)
                .collect();
        let title = if c.zh {
            format!("不同{factor}的差异比较")
        } else {
            format!("Differences by {factor}")
        };
        blocks.extend(factor_blocks(c, factor, title, "", &gs));
    }
    blocks
}

fn crosstab_blocks(c: &Ctx) -> Vec<Block> {
    let mut blocks = Vec::new();
    for x in &c.r.crosstabs {
        let mut headers = vec![format!("{} \\ {}", x.a, x.b)];
        headers.extend(x.b_levels.iter().cloned());
        headers.push(W::Total.pick(c.zh).into());
        let mut rows = Vec::new();
        for (i, level) in x.a_levels.iter().enumerate() {
            let mut row = vec![level.clone()];
            let pct = x.row_percent.get(i).and_then(|p| p.as_ref());
            for j in 0..x.b_levels.len() {
                let n = x.counts[i][j];
                row.push(match pct {
                    Some(p) => format!("{n} ({}%)", fmt_num(Some(p[j]), 1)),
                    None => n.to_string(),
                });
            }
            row.push(x.counts[i].iter().sum::<u64>().to_string());
            rows.push(row);
        }
        let mut total = vec![W::Total.pick(c.zh).to_string()];
        for j in 0..x.b_levels.len() {
            total.push(x.counts.iter().map(|r| r[j]).sum::<u64>().to_string());
        }
        total.push(x.n.to_string());
        rows.push(total);
        let n = headers.len();
        blocks.push(Block::Table(Table::text(
            if c.zh {
                format!("{} × {}：人数（行百分比）", x.a, x.b)
            } else {
                format!("{} × {}: n (row %)", x.a, x.b)
            },
            headers,
            left_then_right(n),
            rows,
        )));
        let st = &c.st;
        let mut tests = Vec::new();
        if let (Some(chi), Some(df), Some(p)) = (x.chi_sq, x.df, x.p) {
            tests.push(vec![
                "Pearson χ²".to_string(),
                c.num(Some(chi)),
                df_text(st, df),
                fmt_p(Some(p)),
            ]);
        }
        if let Some(y) = &x.yates {
            tests.push(vec![
                if c.zh {
                    "连续性校正 χ²（Yates）"
                } else {
                    "Yates χ²"
                }
                .to_string(),
                c.num(Some(y.chi_sq)),
                df_text(st, y.df),
                fmt_p(Some(y.p)),
            ]);
        }
        if let Some(f) = x.fisher_p {
            tests.push(vec![
                if c.zh {
                    "Fisher 精确检验"
                } else {
                    "Fisher's exact test"
                }
                .to_string(),
                String::new(),
                String::new(),
                fmt_p(Some(f)),
            ]);
        }
        if let Some(v) = &x.cramers_v {
            tests.push(vec![
                format!("Cramér's V {}", c.ci(Some(v.ci_low), Some(v.ci_high))),
                c.num(Some(v.value)),
                String::new(),
                String::new(),
            ]);
        }
        tests.push(vec![
            if c.zh {
                format!(
                    "期望频数 < 5 的单元格：{}；最小期望频数",
                    x.expected_below_5
                )
            } else {
                format!(
                    "Cells expected below 5: {}; the least expected",
                    x.expected_below_5
                )
            },
            c.num(Some(x.min_expected)),
            String::new(),
            String::new(),
        ]);
        blocks.push(Block::Table(Table::text(
            if c.zh {
                format!("{} × {}：检验", x.a, x.b)
            } else {
                format!("{} × {}: tests", x.a, x.b)
            },
            vec![
                W::Test.pick(c.zh).into(),
                W::Value.pick(c.zh).into(),
                "df".into(),
                "p".into(),
            ],
            left_then_right(4),
            tests,
        )));
    }
    blocks
}

fn correlation_blocks(c: &Ctx) -> Vec<Block> {
    let Some(m) = &c.r.correlations else {
        return Vec::new();
    };
    let names: Vec<String> = m.variables.iter().map(|v| c.score(v)).collect();
    let p = names.len();
    let mut headers: Vec<String> = vec![W::Variable.pick(c.zh).into(), "M".into(), "SD".into()];
    headers.extend((1..=p).map(|k| k.to_string()));
    let rows = (0..p)
        .map(|i| {
            let mut row = vec![
                format!("{}. {}", i + 1, names[i]),
                c.num(m.mean[i]),
                c.num(m.sd[i]),
            ];
            for j in 0..p {
                row.push(if j < i {
                    match m.r[i][j] {
                        Some(r) => format!("{}{}", c.st.bounded(r), stars(m.p[i][j])),
                        None => "—".to_string(),
                    }
                } else if j == i {
                    "1".to_string()
                } else {
                    String::new()
                });
            }
            row
        })
        .collect();
    let method = match m.method {
        crate::stats::correlation::CorMethod::Pearson => {
            if c.zh {
                "Pearson 相关"
            } else {
                "Pearson correlations"
            }
        }
        crate::stats::correlation::CorMethod::Spearman => {
            if c.zh {
                "Spearman 等级相关"
            } else {
                "Spearman correlations"
            }
        }
    };
    let n = headers.len();
    let title = if c.zh {
        format!("各变量的平均数、标准差与{method}")
    } else {
        format!("Means, standard deviations and {method}")
    };
    let mut legend = stars_legend(c.zh);
    legend.push_str(if c.zh {
        "两两删除缺失值；精确的 p 值与 n 见机器表（correlations.csv）。"
    } else {
        " Pairwise deletion; the exact p and n of each pair are in correlations.csv."
    });
    vec![
        Block::Table(Table::text(title, headers, left_then_right(n), rows)),
        Block::Legend(legend),
    ]
}

fn regression_blocks(c: &Ctx, reg: &RegressionResult) -> Vec<Block> {
    let st = &c.st;
    let level = fmt_level(c.r.conf_level);
    let mut rows = Vec::new();
    for b in &reg.blocks {
        for co in reg.coefficients.iter().filter(|x| x.block == b.block) {
            rows.push(vec![
                b.block.to_string(),
                co.term.clone(),
                c.num(co.b),
                c.num(co.se),
                c.starred(co.beta, co.p),
                c.num(co.t),
                fmt_p(co.p),
                c.ci(co.ci_low, co.ci_high),
                c.num(co.vif),
            ]);
        }
    }
    let coefs = Table::text(
        if c.zh {
            format!("{}的分层回归：系数", c.score(&reg.outcome))
        } else {
            format!("Regression of {}: coefficients", c.score(&reg.outcome))
        },
        vec![
            W::Block.pick(c.zh).into(),
            W::Term.pick(c.zh).into(),
            "B".into(),
            "SE".into(),
            "β".into(),
            "t".into(),
            "p".into(),
            format!("{level}% CI"),
            "VIF".into(),
        ],
        left_then_right(9),
        rows,
    );
    let models = reg
        .blocks
        .iter()
        .map(|b| {
            vec![
                b.block.to_string(),
                b.predictors.join(c.sep()),
                st.bounded(b.r2),
                b.adj_r2.map_or(String::new(), |x| st.bounded(x)),
                st.bounded(b.delta_r2),
                c.starred(b.f_change, b.p_change),
                match (b.df1, b.df2) {
                    (Some(a), Some(d)) => format!("{}, {}", df_text(st, a), df_text(st, d)),
                    _ => String::new(),
                },
                fmt_p(b.p_change),
            ]
        })
        .collect();
    let models = Table::text(
        if c.zh {
            format!("{}的分层回归：各层模型", c.score(&reg.outcome))
        } else {
            format!("Regression of {}: models", c.score(&reg.outcome))
        },
        vec![
            W::Block.pick(c.zh).into(),
            W::Added.pick(c.zh).into(),
            "R²".into(),
            W::AdjR2.pick(c.zh).into(),
            "ΔR²".into(),
            W::FChange.pick(c.zh).into(),
            "df".into(),
            "p".into(),
        ],
        left_then_right(8),
        models,
    );
    let mut legend = if c.zh {
        stars_legend(true)
    } else {
        String::new()
    };
    if !reg.reference_levels.is_empty() {
        let refs: Vec<String> = reg
            .reference_levels
            .iter()
            .map(|(t, l)| format!("{t} = {l}"))
            .collect();
        legend.push_str(&if c.zh {
            format!("分类变量以第一个类别为参照（{}）。", refs.join("、"))
        } else {
            format!(
                "Categorical predictors are coded against their first level ({}).",
                refs.join(", ")
            )
        });
    }
    let mut blocks = vec![Block::Table(models), Block::Table(coefs)];
    if !legend.is_empty() {
        blocks.push(Block::Legend(legend.trim().to_string()));
    }
    blocks
}

/// Every note: the data's, then each null statistic's reason with where it is.
fn notes(c: &Ctx, t: &Text) -> Vec<String> {
    let r = c.r;
    let mut out: Vec<String> = r.notes.iter().map(|n| t.note(n)).collect();
    let mut push = |place: String, field: &str, note: &Note| {
        out.push(format!("{place} ({field}): {}", t.note(note)));
    };
    for d in &r.descriptives {
        let place = match (&d.factor, &d.level) {
            (Some(f), Some(l)) => format!("{}, {f} = {l}", c.score(&d.score)),
            _ => c.score(&d.score),
        };
        for (field, n) in pairs_in(&d.notes) {
            push(place.clone(), field, n);
        }
    }
    for o in &r.one_sample {
        for (field, n) in pairs_in(&o.notes) {
            push(c.score(&o.score), field, n);
        }
    }
    for g in &r.group_differences {
        let place = format!("{} × {}", c.score(&g.score), g.factor);
        for (field, n) in pairs_in(&g.notes) {
            push(place.clone(), field, n);
        }
        for p in &g.post_hoc {
            if let Some(n) = &p.note {
                push(
                    place.clone(),
                    &format!("{} {} − {}", method_name(p.method, c.zh), p.b, p.a),
                    n,
                );
            }
        }
    }
    for x in &r.crosstabs {
        for (field, n) in pairs_in(&x.notes) {
            push(format!("{} × {}", x.a, x.b), field, n);
        }
    }
    if let Some(m) = &r.correlations {
        for (field, n) in pairs_in(&m.notes) {
            push(W::Correlations.pick(c.zh).to_string(), field, n);
        }
    }
    if let Some(reg) = &r.regression {
        for (field, n) in pairs_in(&reg.notes) {
            push(W::Regression.pick(c.zh).to_string(), field, n);
        }
        for co in &reg.coefficients {
            if let Some(n) = &co.note {
                push(
                    W::Regression.pick(c.zh).to_string(),
                    &format!("{} {}", co.block, co.term),
                    n,
                );
            }
        }
    }
    if c.zh {
        out.iter()
            .map(|s| s.replace(" (", "（").replace("): ", "）："))
            .collect()
    } else {
        out
    }
}

fn keys(names: &[&'static str]) -> Vec<Column> {
    names.iter().map(|k| col(k, k)).collect()
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_text(s: &Option<String>) -> Cell {
    Cell::Text(s.clone().unwrap_or_default())
}

/// The notes of a result as one cell: "field: reason; …".
fn notes_cell(notes: &FieldNotes) -> Cell {
    Cell::Text(
        notes
            .iter()
            .map(|(k, n)| format!("{k}: {n}"))
            .collect::<Vec<_>>()
            .join("; "),
    )
}

fn machine_tables(r: &SurveyReport) -> Vec<Table> {
    let mut out = Vec::new();
    out.push(Table::data(
        "descriptives",
        "Descriptives",
        keys(&[
            "score",
            "factor",
            "level",
            "n",
            "missing",
            "mean",
            "sd",
            "min",
            "max",
            "skewness",
            "skewness_se",
            "kurtosis",
            "kurtosis_se",
            "note",
        ]),
        r.descriptives
            .iter()
            .map(|d| {
                vec![
                    text(&d.score),
                    opt_text(&d.factor),
                    opt_text(&d.level),
                    Cell::Count(d.n),
                    Cell::Count(d.missing),
                    Cell::Num(d.mean),
                    Cell::Num(d.sd),
                    Cell::Num(d.min),
                    Cell::Num(d.max),
                    Cell::Num(d.skewness.as_ref().map(|s| s.value)),
                    Cell::Num(d.skewness.as_ref().map(|s| s.se)),
                    Cell::Num(d.kurtosis.as_ref().map(|s| s.value)),
                    Cell::Num(d.kurtosis.as_ref().map(|s| s.se)),
                    notes_cell(&d.notes),
                ]
            })
            .collect(),
    ));
    if !r.composition.is_empty() {
        out.push(Table::data(
            "composition",
            "Composition",
            keys(&["factor", "level", "n", "percent", "valid_percent"]),
            r.composition
                .iter()
                .map(|c| {
                    vec![
                        text(&c.factor),
                        opt_text(&c.level),
                        Cell::Count(c.n),
                        Cell::Num(Some(c.percent)),
                        Cell::Num(c.valid_percent),
                    ]
                })
                .collect(),
        ));
    }
    if !r.one_sample.is_empty() {
        out.push(Table::data(
            "one_sample",
            "One-sample tests",
            keys(&[
                "score",
                "test_value",
                "source",
                "n",
                "mean",
                "sd",
                "mean_diff",
                "t",
                "df",
                "p",
                "ci_low",
                "ci_high",
                "d",
                "d_ci_low",
                "d_ci_high",
                "wilcoxon_v",
                "wilcoxon_p",
                "note",
            ]),
            r.one_sample
                .iter()
                .map(|o| {
                    vec![
                        text(&o.score),
                        Cell::Num(Some(o.test_value)),
                        text(o.source),
                        Cell::Count(o.n),
                        Cell::Num(o.mean),
                        Cell::Num(o.sd),
                        Cell::Num(o.mean_diff),
                        Cell::Num(o.t),
                        Cell::Num(o.df),
                        Cell::P(o.p),
                        Cell::Num(o.ci_low),
                        Cell::Num(o.ci_high),
                        Cell::Num(o.d.as_ref().map(|d| d.value)),
                        Cell::Num(o.d.as_ref().map(|d| d.ci_low)),
                        Cell::Num(o.d.as_ref().map(|d| d.ci_high)),
                        Cell::Num(o.wilcoxon.as_ref().map(|w| w.statistic)),
                        Cell::P(o.wilcoxon.as_ref().map(|w| w.p)),
                        notes_cell(&o.notes),
                    ]
                })
                .collect(),
        ));
    }
    if !r.group_differences.is_empty() {
        out.push(super::levels::group_differences_table(
            "group_differences",
            "Group differences",
            &r.group_differences.iter().collect::<Vec<_>>(),
        ));
        let post: Vec<Vec<Cell>> = r
            .group_differences
            .iter()
            .flat_map(|g| {
                g.post_hoc.iter().map(move |p| {
                    vec![
                        text(&g.score),
                        text(&g.factor),
                        text(crate::analysis::survey::method_key(p.method)),
                        text(&p.a),
                        text(&p.b),
                        Cell::Num(Some(p.diff)),
                        Cell::Num(p.se),
                        Cell::Num(p.ci_low),
                        Cell::Num(p.ci_high),
                        Cell::P(p.p),
                    ]
                })
            })
            .collect();
        if !post.is_empty() {
            out.push(Table::data(
                "post_hoc",
                "Post hoc comparisons",
                keys(&[
                    "score", "factor", "method", "a", "b", "diff", "se", "ci_low", "ci_high", "p",
                ]),
                post,
            ));
        }
        let dunn: Vec<Vec<Cell>> = r
            .group_differences
            .iter()
            .flat_map(|g| {
                g.dunn.iter().map(move |d| {
                    vec![
                        text(&g.score),
                        text(&g.factor),
                        text(&d.a),
                        text(&d.b),
                        Cell::Num(Some(d.z)),
                        Cell::P(Some(d.p)),
                        Cell::P(Some(d.p_adj)),
                    ]
                })
            })
            .collect();
        if !dunn.is_empty() {
            out.push(Table::data(
                "dunn",
                "Dunn's tests",
                keys(&["score", "factor", "a", "b", "z", "p", "p_adj"]),
                dunn,
            ));
        }
    }
    if !r.crosstabs.is_empty() {
        let mut rows = Vec::new();
        for x in &r.crosstabs {
            for (i, la) in x.a_levels.iter().enumerate() {
                for (j, lb) in x.b_levels.iter().enumerate() {
                    rows.push(vec![
                        text(&x.a),
                        text(&x.b),
                        text(la),
                        text(lb),
                        Cell::Count(x.counts[i][j] as usize),
                        Cell::Num(x.row_percent.get(i).and_then(|p| p.as_ref()).map(|p| p[j])),
                        Cell::Num(x.expected.get(i).map(|e| e[j])),
                        Cell::Num(x.chi_sq),
                        Cell::Num(x.df),
                        Cell::P(x.p),
                        Cell::Num(x.yates.as_ref().map(|y| y.chi_sq)),
                        Cell::P(x.yates.as_ref().map(|y| y.p)),
                        Cell::P(x.fisher_p),
                        Cell::Num(x.cramers_v.as_ref().map(|v| v.value)),
                        Cell::Num(x.cramers_v.as_ref().map(|v| v.ci_low)),
                        Cell::Num(x.cramers_v.as_ref().map(|v| v.ci_high)),
                    ]);
                }
            }
        }
        out.push(Table::data(
            "crosstabs",
            "Crosstabs",
            keys(&[
                "a",
                "b",
                "a_level",
                "b_level",
                "count",
                "row_percent",
                "expected",
                "chi_sq",
                "df",
                "p",
                "yates_chi_sq",
                "yates_p",
                "fisher_p",
                "cramers_v",
                "cramers_v_ci_low",
                "cramers_v_ci_high",
            ]),
            rows,
        ));
    }
    if let Some(m) = &r.correlations {
        let mut rows = Vec::new();
        let p = m.variables.len();
        for i in 0..p {
            for j in 0..i {
                rows.push(vec![
                    text(&m.variables[i]),
                    text(&m.variables[j]),
                    Cell::Count(m.n[i][j]),
                    Cell::Num(m.r[i][j]),
                    Cell::P(m.p[i][j]),
                    Cell::Num(m.ci_low[i][j]),
                    Cell::Num(m.ci_high[i][j]),
                ]);
            }
        }
        out.push(Table::data(
            "correlations",
            "Correlations",
            keys(&["a", "b", "n", "r", "p", "ci_low", "ci_high"]),
            rows,
        ));
    }
    if let Some(reg) = &r.regression {
        out.push(Table::data(
            "regression_blocks",
            "Regression: blocks",
            keys(&[
                "block",
                "predictors",
                "r2",
                "adj_r2",
                "delta_r2",
                "f_change",
                "df1",
                "df2",
                "p_change",
                "f",
                "p",
            ]),
            reg.blocks
                .iter()
                .map(|b| {
                    vec![
                        Cell::Count(b.block),
                        text(b.predictors.join(" + ")),
                        Cell::Num(Some(b.r2)),
                        Cell::Num(b.adj_r2),
                        Cell::Num(Some(b.delta_r2)),
                        Cell::Num(b.f_change),
                        Cell::Num(b.df1),
                        Cell::Num(b.df2),
                        Cell::P(b.p_change),
                        Cell::Num(b.f),
                        Cell::P(b.p),
                    ]
                })
                .collect(),
        ));
        out.push(Table::data(
            "regression_coefficients",
            "Regression: coefficients",
            keys(&[
                "block", "term", "b", "se", "beta", "t", "p", "ci_low", "ci_high", "vif", "note",
            ]),
            reg.coefficients
                .iter()
                .map(|co| {
                    vec![
                        Cell::Count(co.block),
                        text(&co.term),
                        Cell::Num(co.b),
                        Cell::Num(co.se),
                        Cell::Num(co.beta),
                        Cell::Num(co.t),
                        Cell::P(co.p),
                        Cell::Num(co.ci_low),
                        Cell::Num(co.ci_high),
                        Cell::Num(co.vif),
                        Cell::Text(co.note.as_ref().map(|n| n.to_string()).unwrap_or_default()),
                    ]
                })
                .collect(),
        ));
    }
    out
}

impl Present for SurveyReport {
    fn document(&self, opts: &RenderOptions) -> Doc {
        document(self, opts)
    }

    fn tables(&self) -> Vec<Table> {
        machine_tables(self)
    }

    fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut text = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        text.push(b'\n');
        out.write_all(&text)
    }
}
