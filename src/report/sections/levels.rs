//! The levels of a factor compared, as a person reads it: a score's M (SD) per level with the
//! test reported (Student/Welch t or Fisher/Welch F, stars in Chinese), the rank test, every
//! test (Levene, t, ANOVA, Kruskal–Wallis with effect sizes), the post hoc comparisons and
//! Dunn's tests, and the sentence. `survey`'s groups, and `compare`'s groups at the pre-test
//! and (three or more) of their change.

use crate::model::GroupDifference;
use crate::report::doc::number::{fmt_level, fmt_num, fmt_p, Style};
use crate::report::doc::words::{Lang, W};
use crate::report::doc::{left_then_right, Block, Cell, Column, Table};
use crate::stats::post_hoc::PostHocMethod;
use std::borrow::Cow;

/// How the levels are written: the language, the digits, α of "differ", the confidence level
/// and the scores' names.
pub struct Levels<'a> {
    pub zh: bool,
    pub lang: Lang,
    pub dg: usize,
    pub st: Style,
    pub alpha: f64,
    pub conf_level: f64,
    /// A score's name in the report's language.
    pub names: &'a dyn Fn(&str) -> String,
}

/// Stars of a p-value: * < .05, ** < .01, *** < .001.
pub fn stars(p: Option<f64>) -> &'static str {
    match p {
        Some(p) if p < 0.001 => "***",
        Some(p) if p < 0.01 => "**",
        Some(p) if p < 0.05 => "*",
        _ => "",
    }
}

/// The note under a table with stars.
pub fn stars_legend(zh: bool) -> String {
    if zh {
        "注：*p < .05，**p < .01，***p < .001".to_string()
    } else {
        "Note. *p < .05, **p < .01, ***p < .001.".to_string()
    }
}

impl Levels<'_> {
    pub fn score(&self, name: &str) -> String {
        (self.names)(name)
    }

    pub fn num(&self, x: Option<f64>) -> String {
        fmt_num(x, self.dg)
    }

    /// "M ± SD" (Chinese theses) or "M (SD)".
    pub fn m_sd(&self, m: Option<f64>, sd: Option<f64>) -> String {
        match (m, sd) {
            (Some(m), Some(sd)) if self.zh => {
                format!("{} ± {}", self.num(Some(m)), self.num(Some(sd)))
            }
            (Some(m), Some(sd)) => format!("{} ({})", self.num(Some(m)), self.num(Some(sd))),
            (Some(m), None) => self.num(Some(m)),
            _ => String::new(),
        }
    }

    /// A statistic with its stars (Chinese tables) or as it is.
    pub fn starred(&self, x: Option<f64>, p: Option<f64>) -> String {
        match x {
            Some(_) if self.zh => format!("{}{}", self.num(x), stars(p)),
            Some(_) => self.num(x),
            None => String::new(),
        }
    }

    pub fn ci(&self, lo: Option<f64>, hi: Option<f64>) -> String {
        match (lo, hi) {
            (Some(l), Some(h)) => format!("[{}, {}]", self.num(Some(l)), self.num(Some(h))),
            _ => String::new(),
        }
    }

    /// "g = 0.52 [0.29, 0.75]" (empty without the estimate).
    pub fn effect(&self, symbol: &str, e: Option<&crate::model::Interval>) -> String {
        e.map_or(String::new(), |e| {
            format!(
                "{symbol} = {} {}",
                self.num(Some(e.value)),
                self.ci(Some(e.ci_low), Some(e.ci_high))
            )
        })
    }

    pub fn sep(&self) -> &'static str {
        W::ListSep.pick(self.zh)
    }
}

pub fn df_text(st: &Style, df: f64) -> String {
    if (df - df.round()).abs() < 1e-9 {
        st.fixed(df, 0)
    } else {
        st.fixed(df, 2)
    }
}

pub fn group_sentence(c: &Levels, g: &GroupDifference) -> Option<String> {
    let st = &c.st;
    let name = c.score(&g.score);
    let levels: Vec<String> = g
        .levels
        .iter()
        .map(|l| {
            let m = match (l.mean, l.sd) {
                (Some(m), Some(sd)) => format!(
                    "M = {}{}SD = {}{}n = {}",
                    st.num(m),
                    if c.zh { "，" } else { ", " },
                    st.num(sd),
                    if c.zh { "，" } else { ", " },
                    l.n
                ),
                _ => format!("n = {}", l.n),
            };
            if c.zh {
                format!("{}（{m}）", l.level)
            } else {
                format!("{} ({m})", l.level)
            }
        })
        .collect();
    let welch = g.reported == "welch";
    let (test, p) = if g.levels.len() == 2 {
        let (s, label) = if welch {
            (
                g.welch.as_ref()?,
                if c.zh { "Welch t" } else { "Welch's t" },
            )
        } else {
            (g.student.as_ref()?, "t")
        };
        let es = g
            .hedges_g
            .as_ref()
            .map(|e| {
                format!(
                    "{}g = {}{}{}",
                    if c.zh { "，" } else { ", " },
                    st.num(e.value),
                    if c.zh { "，" } else { ", " },
                    st.ci(c.conf_level, Some(e.ci_low), Some(e.ci_high), false)
                )
            })
            .unwrap_or_default();
        let label = label.strip_suffix('t').unwrap_or(label);
        (
            format!(
                "{label}t({}) = {}{}{}{es}",
                df_text(st, s.df),
                st.num(s.t),
                if c.zh { "，" } else { ", " },
                st.p(s.p)
            ),
            s.p,
        )
    } else {
        let (f, df1, df2, p, label) = if welch {
            let w = g.welch_anova.as_ref()?;
            (
                w.f,
                w.df1,
                w.df2,
                w.p,
                if c.zh { "Welch " } else { "Welch's " },
            )
        } else {
            let a = g.anova.as_ref()?;
            (a.f, a.df1, a.df2, a.p, "")
        };
        let eta = g
            .anova
            .as_ref()
            .map(|a| {
                format!(
                    "{}η² = {}",
                    if c.zh { "，" } else { ", " },
                    st.bounded(a.eta_sq)
                )
            })
            .unwrap_or_default();
        (
            format!(
                "{label}F({}, {}) = {}{}{}{eta}",
                df_text(st, df1),
                df_text(st, df2),
                st.num(f),
                if c.zh { "，" } else { ", " },
                st.p(p)
            ),
            p,
        )
    };
    let significant = p < c.alpha;
    let pairs = post_hoc_summary(c, g);
    Some(if c.zh {
        format!(
            "{name}在{}上：{}，差异{}，{test}{pairs}。",
            g.factor,
            levels.join("、"),
            if significant { "显著" } else { "不显著" }
        )
    } else {
        format!(
            "{name} by {}: {}; {}, {test}{pairs}.",
            g.factor,
            levels.join(", "),
            if significant {
                "the levels differ"
            } else {
                "no significant difference"
            }
        )
    })
}

pub fn method_name(m: PostHocMethod, zh: bool) -> &'static str {
    match (m, zh) {
        (PostHocMethod::Tukey, _) => "Tukey HSD",
        (PostHocMethod::GamesHowell, _) => "Games-Howell",
        (PostHocMethod::Lsd, _) => "LSD",
        (PostHocMethod::Bonferroni, _) => "Bonferroni",
    }
}

/// The pairs that differ by the first post hoc method: "; Tukey HSD: 1 < 3 (p = .031)".
pub fn post_hoc_summary(c: &Levels, g: &GroupDifference) -> String {
    let Some(first) = g.post_hoc.first().map(|p| p.method) else {
        return String::new();
    };
    let mut pairs = Vec::new();
    for p in g.post_hoc.iter().filter(|p| p.method == first) {
        if let Some(pv) = p.p.filter(|pv| *pv < c.alpha) {
            let rel = if p.diff > 0.0 { "<" } else { ">" };
            pairs.push(format!("{} {rel} {} ({})", p.a, p.b, c.st.p(pv)));
        }
    }
    let list = if pairs.is_empty() {
        if c.zh {
            "无两两差异显著".to_string()
        } else {
            "no pair differs".to_string()
        }
    } else {
        pairs.join(c.sep())
    };
    if c.zh {
        format!("；事后比较（{}）：{list}", method_name(first, true))
    } else {
        format!("; post hoc ({}): {list}", method_name(first, false))
    }
}

/// The tables of the scores by one factor: M (SD) per level with the test reported and the
/// rank test (`title`), its legend, every test, the post hoc comparisons and Dunn's tests
/// (`suffix` after their titles).
pub fn factor_blocks(
    c: &Levels,
    factor: &str,
    title: String,
    suffix: &str,
    gs: &[&GroupDifference],
) -> Vec<Block> {
    let mut blocks = Vec::new();
    // the levels of the factor (across the scores, in order)
    let mut levels: Vec<String> = Vec::new();
    for g in gs {
        for l in &g.levels {
            if !levels.contains(&l.level) {
                levels.push(l.level.clone());
            }
        }
    }
    let two = levels.len() == 2;
    let mut headers: Vec<String> = vec![W::Score.pick(c.zh).into()];
    for l in &levels {
        headers.push(format!("{l} (n)"));
    }
    headers.push(if two { "t".into() } else { "F".into() });
    headers.push("p".into());
    headers.push(if two { "g".into() } else { "η²".into() });
    headers.push(if two { "W".into() } else { "H".into() });
    headers.push("p (W/H)".into());
    let has_letters = gs
        .iter()
        .any(|g| g.levels.iter().any(|l| l.letters.is_some()));
    let rows: Vec<Vec<String>> = gs
        .iter()
        .map(|g| {
            let mut row = vec![c.score(&g.score)];
            for l in &levels {
                row.push(match g.levels.iter().find(|x| &x.level == l) {
                    Some(x) => {
                        let letter = if has_letters {
                            x.letters
                                .clone()
                                .map(|s| format!(" {s}"))
                                .unwrap_or_default()
                        } else {
                            String::new()
                        };
                        format!("{}{letter} ({})", c.m_sd(x.mean, x.sd), x.n)
                    }
                    None => String::new(),
                });
            }
            let welch = g.reported == "welch";
            let (stat, p) = if g.levels.len() == 2 {
                let s = if welch { &g.welch } else { &g.student };
                (s.as_ref().map(|s| s.t), s.as_ref().map(|s| s.p))
            } else if welch {
                let s = &g.welch_anova;
                (s.as_ref().map(|s| s.f), s.as_ref().map(|s| s.p))
            } else {
                let s = &g.anova;
                (s.as_ref().map(|s| s.f), s.as_ref().map(|s| s.p))
            };
            let mark = if welch { "\u{2020}" } else { "" };
            let stat_text = c.starred(stat, p);
            row.push(if stat_text.is_empty() {
                stat_text
            } else {
                format!("{stat_text}{mark}")
            });
            row.push(fmt_p(p));
            row.push(if g.levels.len() == 2 {
                c.num(g.hedges_g.as_ref().map(|e| e.value))
            } else {
                c.num(g.anova.as_ref().map(|a| a.eta_sq))
            });
            let (rank, rank_p) = if g.levels.len() == 2 {
                let m = g.mann_whitney.as_ref();
                (m.map(|m| fmt_num(Some(m.w), 1)), m.map(|m| m.p))
            } else {
                let k = g.kruskal.as_ref();
                (k.map(|k| c.num(Some(k.h))), k.map(|k| k.p))
            };
            row.push(rank.unwrap_or_default());
            row.push(fmt_p(rank_p));
            row
        })
        .collect();
    let n = headers.len();
    blocks.push(Block::Table(Table::text(
        title,
        headers,
        left_then_right(n),
        rows,
    )));
    let mut legend = Vec::new();
    if c.zh {
        legend.push(stars_legend(true));
    }
    if gs.iter().any(|g| g.reported == "welch") {
        legend.push(if c.zh {
            "† Levene 检验 p < .05，报告 Welch 检验。".to_string()
        } else {
            "† Levene's test p < .05: Welch's test reported.".to_string()
        });
    }
    if has_letters {
        legend.push(if c.zh {
            "同一行中不含相同字母的类别差异显著（第一种事后比较方法）。".to_string()
        } else {
            "Levels sharing no letter differ (the first post hoc method).".to_string()
        });
    }
    if !legend.is_empty() {
        blocks.push(Block::Legend(legend.join(if c.zh { "" } else { " " })));
    }
    blocks.push(Block::Table(tests_table(c, factor, suffix, gs)));
    if gs.iter().any(|g| !g.post_hoc.is_empty()) {
        blocks.push(Block::Table(post_hoc_table(c, factor, suffix, gs)));
    }
    if gs.iter().any(|g| !g.dunn.is_empty()) {
        blocks.push(Block::Table(dunn_table(c, factor, suffix, gs)));
    }
    blocks
}

/// Every test of each score by a factor, one row per test.
pub fn tests_table(c: &Levels, factor: &str, suffix: &str, gs: &[&GroupDifference]) -> Table {
    let mut rows = Vec::new();
    let st = &c.st;
    for g in gs {
        let name = c.score(&g.score);
        let mut push = |test: &str, stat: String, df: String, p: Option<f64>, es: String| {
            rows.push(vec![name.clone(), test.to_string(), stat, df, fmt_p(p), es]);
        };
        for l in [&g.levene, &g.levene_median].into_iter().flatten() {
            let label = if l.center == "mean" {
                "Levene (mean)"
            } else {
                "Levene (median)"
            };
            push(
                label,
                format!("F = {}", c.num(Some(l.f))),
                format!("{}, {}", df_text(st, l.df1), df_text(st, l.df2)),
                Some(l.p),
                String::new(),
            );
        }
        if let Some(s) = &g.student {
            let d = c.effect("d", g.cohens_d.as_ref());
            push(
                "Student t",
                format!("t = {}", c.num(Some(s.t))),
                df_text(st, s.df),
                Some(s.p),
                d,
            );
        }
        if let Some(s) = &g.welch {
            let e = c.effect("g", g.hedges_g.as_ref());
            push(
                "Welch t",
                format!("t = {}", c.num(Some(s.t))),
                df_text(st, s.df),
                Some(s.p),
                e,
            );
        }
        if let Some(m) = &g.mann_whitney {
            let e = c.effect("r", g.rank_biserial.as_ref());
            push(
                "Mann-Whitney",
                format!("W = {}", fmt_num(Some(m.w), 1)),
                String::new(),
                Some(m.p),
                e,
            );
        }
        if let Some(a) = &g.anova {
            push(
                "ANOVA",
                format!("F = {}", c.num(Some(a.f))),
                format!("{}, {}", df_text(st, a.df1), df_text(st, a.df2)),
                Some(a.p),
                format!(
                    "η² = {} {}; ω² = {} {}",
                    c.num(Some(a.eta_sq)),
                    c.ci(a.eta_sq_ci_low, a.eta_sq_ci_high),
                    c.num(Some(a.omega_sq)),
                    c.ci(a.omega_sq_ci_low, a.omega_sq_ci_high)
                ),
            );
        }
        if let Some(w) = &g.welch_anova {
            push(
                "Welch ANOVA",
                format!("F = {}", c.num(Some(w.f))),
                format!("{}, {}", df_text(st, w.df1), df_text(st, w.df2)),
                Some(w.p),
                String::new(),
            );
        }
        if let Some(k) = &g.kruskal {
            push(
                "Kruskal-Wallis",
                format!("H = {}", c.num(Some(k.h))),
                df_text(st, k.df),
                Some(k.p),
                format!("ε² = {}", c.num(Some(k.epsilon_sq))),
            );
        }
    }
    let level = fmt_level(c.conf_level);
    Table::text(
        if c.zh {
            format!("不同{factor}的检验{suffix}")
        } else {
            format!("Tests by {factor}{suffix}")
        },
        vec![
            W::Score.pick(c.zh).into(),
            W::Test.pick(c.zh).into(),
            W::Statistic.pick(c.zh).into(),
            "df".into(),
            "p".into(),
            format!("{} [{level}% CI]", W::EffectSize.pick(c.zh)),
        ],
        vec![
            crate::report::doc::Align::Left,
            crate::report::doc::Align::Left,
            crate::report::doc::Align::Right,
            crate::report::doc::Align::Right,
            crate::report::doc::Align::Right,
            crate::report::doc::Align::Left,
        ],
        rows,
    )
}

pub fn post_hoc_table(c: &Levels, factor: &str, suffix: &str, gs: &[&GroupDifference]) -> Table {
    let mut rows = Vec::new();
    for g in gs {
        for p in &g.post_hoc {
            rows.push(vec![
                c.score(&g.score),
                method_name(p.method, c.zh).to_string(),
                format!("{} − {}", p.b, p.a),
                c.num(Some(p.diff)),
                c.ci(p.ci_low, p.ci_high),
                fmt_p(p.p),
            ]);
        }
    }
    let level = fmt_level(c.conf_level);
    Table::text(
        if c.zh {
            format!("{factor}的事后比较{suffix}")
        } else {
            format!("Post hoc comparisons by {factor}{suffix}")
        },
        vec![
            W::Score.pick(c.zh).into(),
            W::Method.pick(c.zh).into(),
            W::Pair.pick(c.zh).into(),
            W::Diff.pick(c.zh).into(),
            format!("{level}% CI"),
            "p".into(),
        ],
        crate::report::doc::lead_left(6, 3),
        rows,
    )
}

pub fn dunn_table(c: &Levels, factor: &str, suffix: &str, gs: &[&GroupDifference]) -> Table {
    let mut rows = Vec::new();
    for g in gs {
        for d in &g.dunn {
            rows.push(vec![
                c.score(&g.score),
                format!("{} − {}", d.b, d.a),
                c.num(Some(d.z)),
                fmt_p(Some(d.p)),
                fmt_p(Some(d.p_adj)),
            ]);
        }
    }
    Table::text(
        if c.zh {
            format!("{factor}的 Dunn 两两比较（Holm 校正）{suffix}")
        } else {
            format!("Dunn's pairwise tests by {factor} (Holm){suffix}")
        },
        vec![
            W::Score.pick(c.zh).into(),
            W::Pair.pick(c.zh).into(),
            "z".into(),
            "p".into(),
            "p (Holm)".into(),
        ],
        crate::report::doc::lead_left(5, 2),
        rows,
    )
}

/// One row per score and factor: every test flattened (the machine-readable table of survey's
/// group differences and of compare's groups at the pre-test and their change).
pub fn group_differences_table(
    id: &'static str,
    title: &'static str,
    groups: &[&GroupDifference],
) -> Table {
    let names = [
        "score",
        "factor",
        "levels",
        "reported",
        "student_t",
        "student_df",
        "student_p",
        "welch_t",
        "welch_df",
        "welch_p",
        "levene_f",
        "levene_df1",
        "levene_df2",
        "levene_p",
        "levene_median_f",
        "levene_median_p",
        "cohens_d",
        "hedges_g",
        "hedges_g_ci_low",
        "hedges_g_ci_high",
        "mann_whitney_w",
        "mann_whitney_p",
        "rank_biserial",
        "anova_f",
        "anova_df1",
        "anova_df2",
        "anova_p",
        "eta_sq",
        "omega_sq",
        "welch_anova_f",
        "welch_anova_df2",
        "welch_anova_p",
        "kruskal_h",
        "kruskal_p",
        "epsilon_sq",
        "note",
    ];
    let text = |s: &str| Cell::Text(s.to_string());
    let rows = groups
        .iter()
        .map(|g| {
            let levels: Vec<String> = g
                .levels
                .iter()
                .map(|l| format!("{} (n = {})", l.level, l.n))
                .collect();
            vec![
                text(&g.score),
                text(&g.factor),
                text(&levels.join("; ")),
                text(g.reported),
                Cell::Num(g.student.as_ref().map(|s| s.t)),
                Cell::Num(g.student.as_ref().map(|s| s.df)),
                Cell::P(g.student.as_ref().map(|s| s.p)),
                Cell::Num(g.welch.as_ref().map(|s| s.t)),
                Cell::Num(g.welch.as_ref().map(|s| s.df)),
                Cell::P(g.welch.as_ref().map(|s| s.p)),
                Cell::Num(g.levene.as_ref().map(|s| s.f)),
                Cell::Num(g.levene.as_ref().map(|s| s.df1)),
                Cell::Num(g.levene.as_ref().map(|s| s.df2)),
                Cell::P(g.levene.as_ref().map(|s| s.p)),
                Cell::Num(g.levene_median.as_ref().map(|s| s.f)),
                Cell::P(g.levene_median.as_ref().map(|s| s.p)),
                Cell::Num(g.cohens_d.as_ref().map(|s| s.value)),
                Cell::Num(g.hedges_g.as_ref().map(|s| s.value)),
                Cell::Num(g.hedges_g.as_ref().map(|s| s.ci_low)),
                Cell::Num(g.hedges_g.as_ref().map(|s| s.ci_high)),
                Cell::Num(g.mann_whitney.as_ref().map(|s| s.w)),
                Cell::P(g.mann_whitney.as_ref().map(|s| s.p)),
                Cell::Num(g.rank_biserial.as_ref().map(|s| s.value)),
                Cell::Num(g.anova.as_ref().map(|s| s.f)),
                Cell::Num(g.anova.as_ref().map(|s| s.df1)),
                Cell::Num(g.anova.as_ref().map(|s| s.df2)),
                Cell::P(g.anova.as_ref().map(|s| s.p)),
                Cell::Num(g.anova.as_ref().map(|s| s.eta_sq)),
                Cell::Num(g.anova.as_ref().map(|s| s.omega_sq)),
                Cell::Num(g.welch_anova.as_ref().map(|s| s.f)),
                Cell::Num(g.welch_anova.as_ref().map(|s| s.df2)),
                Cell::P(g.welch_anova.as_ref().map(|s| s.p)),
                Cell::Num(g.kruskal.as_ref().map(|s| s.h)),
                Cell::P(g.kruskal.as_ref().map(|s| s.p)),
                Cell::Num(g.kruskal.as_ref().map(|s| s.epsilon_sq)),
                Cell::Text(
                    g.notes
                        .iter()
                        .map(|(k, n)| format!("{k}: {n}"))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            ]
        })
        .collect();
    Table::data(
        id,
        title,
        names
            .iter()
            .map(|k| Column {
                key: Cow::Borrowed(k),
                label: Cow::Borrowed(k),
                align: crate::report::doc::Align::Left,
            })
            .collect(),
        rows,
    )
}
