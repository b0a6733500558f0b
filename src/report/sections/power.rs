//! Rendering `prepost power`: the answer as a sentence and a table of the planned study, in
//! every format.

use super::Parts;
use crate::model::{PlanDesign, PlanTest, PowerPlan, Unknown};
use crate::report::doc::number::{fmt_num, Style};
use crate::report::doc::words::Lang;
use crate::report::doc::words::W;
use crate::report::doc::{col, Align, Cell, Doc, Meta, Table};
use crate::report::{Present, RenderOptions};
use crate::stats::Alternative;

/// "pairs" / "participants per group", singular for one.
fn unit(p: &PowerPlan, lang: Lang) -> &'static str {
    match (p.design, lang) {
        (PlanDesign::Paired, Lang::En) => "pairs",
        (_, Lang::En) => "participants per group",
        (PlanDesign::Paired, Lang::Zh) => "对",
        (_, Lang::Zh) => "人/组",
    }
}

/// "a paired t-test", "a Wilcoxon signed-rank test", …
fn test_name(p: &PowerPlan, lang: Lang) -> &'static str {
    match (p.design, p.test, lang) {
        (PlanDesign::Paired, PlanTest::T, Lang::En) => "a paired t-test",
        (PlanDesign::Paired, PlanTest::Wilcoxon, Lang::En) => "a Wilcoxon signed-rank test",
        (PlanDesign::TwoGroup, PlanTest::T, Lang::En) => "a two-sample t-test of the change scores",
        (PlanDesign::TwoGroup, PlanTest::Wilcoxon, Lang::En) => {
            "a Mann-Whitney test of the change scores"
        }
        (PlanDesign::Ancova, _, Lang::En) => "an ANCOVA of the post-test adjusted for the pre-test",
        (PlanDesign::Paired, PlanTest::T, Lang::Zh) => "配对样本 t 检验",
        (PlanDesign::Paired, PlanTest::Wilcoxon, Lang::Zh) => "Wilcoxon 符号秩检验",
        (PlanDesign::TwoGroup, PlanTest::T, Lang::Zh) => "变化分数的独立样本 t 检验",
        (PlanDesign::TwoGroup, PlanTest::Wilcoxon, Lang::Zh) => "变化分数的 Mann-Whitney 检验",
        (PlanDesign::Ancova, _, Lang::Zh) => "控制前测的协方差分析",
    }
}

/// The effect's symbol: d_z for the paired design, d otherwise.
fn effect_symbol(p: &PowerPlan) -> &'static str {
    if p.design == PlanDesign::Paired {
        "d_z"
    } else {
        "d"
    }
}

/// The sizes as given: "11 pairs", "11 and 10 participants".
fn sizes(p: &PowerPlan, st: &Style) -> String {
    match (p.n, p.n1, p.n2) {
        (Some(n), _, _) => format!("{} {}", trim(n, st), unit(p, st.lang)),
        (None, Some(a), Some(b)) => format!("{} and {} participants", trim(a, st), trim(b, st)),
        _ => String::new(),
    }
}

/// The sizes as a Chinese clause opens with them: "样本量为 11 对", "每组 12 人",
/// "两组分别为 11 人和 10 人".
fn sizes_zh(p: &PowerPlan, st: &Style) -> String {
    match (p.design, p.n, p.n1, p.n2) {
        (PlanDesign::Paired, Some(n), _, _) => format!("样本量为 {} 对", trim(n, st)),
        (_, Some(n), _, _) => format!("每组 {} 人", trim(n, st)),
        (_, None, Some(a), Some(b)) => {
            format!("两组分别为 {} 人和 {} 人", trim(a, st), trim(b, st))
        }
        _ => String::new(),
    }
}

/// A number without decimals when it is whole.
fn trim(x: f64, st: &Style) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        st.num(x)
    }
}

/// The answer in one or two sentences.
pub fn sentences(p: &PowerPlan, st: &Style) -> Vec<String> {
    let zh = st.lang == Lang::Zh;
    let side = match (p.alternative, zh) {
        (Alternative::TwoSided, false) => "two-sided",
        (_, false) => "one-sided",
        (Alternative::TwoSided, true) => "双侧",
        (_, true) => "单侧",
    };
    let alpha = crate::report::doc::number::alpha(p.alpha);
    let pct = |x: f64| format!("{:.1}", 100.0 * x).replace(".0", "");
    let es = format!("{} = {}", effect_symbol(p), st.num(p.d));
    let test = test_name(p, st.lang);
    let mut out = Vec::new();
    out.push(match (p.solved_for, zh) {
        (Unknown::N, false) => {
            let mut s = format!(
                "To detect {es} with {}% power (\u{03b1} = {alpha}, {side}), {test} needs {} {}: recruit {}",
                pct(p.power),
                st.num(p.n.unwrap_or(f64::NAN)),
                unit(p, st.lang),
                p.n_required.unwrap_or_default(),
            );
            let raised = p
                .n_required
                .zip(p.n)
                .is_some_and(|(k, n)| k as f64 > n.ceil());
            if raised {
                s.push_str(&format!(
                    " (the exact test cannot reach \u{03b1} = {alpha} with fewer)"
                ));
            }
            if p.design != PlanDesign::Paired {
                s.push_str(&format!(" per group, {} in all", 2 * p.n_required.unwrap_or_default()));
            }
            if p.dropout > 0.0 {
                s.push_str(&format!(
                    "; allowing for {}% dropout, {}{}",
                    pct(p.dropout),
                    p.n_recruit.unwrap_or_default(),
                    if p.design == PlanDesign::Paired {
                        " pairs".to_string()
                    } else {
                        format!(" per group ({} in all)", p.n_total_recruit)
                    }
                ));
            }
            s.push('.');
            s
        }
        (Unknown::N, true) => {
            let paired = p.design == PlanDesign::Paired;
            let n = st.num(p.n.unwrap_or(f64::NAN));
            let k = p.n_required.unwrap_or_default();
            let mut s = format!(
                "要在 {}% 的统计检验力下检出 {es}（\u{03b1} = {alpha}，{side}），{test}",
                pct(p.power)
            );
            // rounded up, or raised to the least n at which the exact rank test can reach α
            let raised = p.n_required.zip(p.n).is_some_and(|(k, n)| k as f64 > n.ceil());
            let step = if raised {
                format!("；因人数更少时精确检验达不到 \u{03b1} = {alpha}，提高至")
            } else {
                "，取整为".to_string()
            };
            s.push_str(&if paired {
                format!("计算得需 {n} 对{step} {k} 对")
            } else {
                format!("计算得每组需 {n} 人{step}每组 {k} 人（共 {} 人）", 2 * k)
            });
            if p.dropout > 0.0 {
                let r = p.n_recruit.unwrap_or_default();
                s.push_str(&if paired {
                    format!("；考虑 {}% 的流失率，应招募 {r} 对", pct(p.dropout))
                } else {
                    format!(
                        "；考虑 {}% 的流失率，应招募每组 {r} 人，共 {} 人",
                        pct(p.dropout),
                        p.n_total_recruit
                    )
                });
            }
            s.push('。');
            s
        }
        (Unknown::D, false) => format!(
            "With {}, {test} detects effects of {} {} {} with {}% power (\u{03b1} = {alpha}, {side}).",
            sizes(p, st),
            effect_symbol(p),
            if p.d < 0.0 { "\u{2264}" } else { "\u{2265}" },
            st.num(p.d),
            pct(p.power)
        ),
        (Unknown::D, true) => format!(
            "{}时，{test}在 {}% 的统计检验力下能检出 {} {} {} 的效应（\u{03b1} = {alpha}，{side}）。",
            sizes_zh(p, st),
            pct(p.power),
            effect_symbol(p),
            if p.d < 0.0 { "\u{2264}" } else { "\u{2265}" },
            st.num(p.d),
        ),
        (Unknown::Power, false) => format!(
            "With {}, {test} detects {es} with a power of {}% (\u{03b1} = {alpha}, {side}).",
            sizes(p, st),
            pct(p.power)
        ),
        (Unknown::Power, true) => format!(
            "{}时，{test}检出 {es} 的统计检验力为 {}%（\u{03b1} = {alpha}，{side}）。",
            sizes_zh(p, st),
            pct(p.power)
        ),
        (Unknown::Alpha, false) => format!(
            "With {}, {test} reaches {}% power for {es} only at \u{03b1} = {} ({side}).",
            sizes(p, st),
            pct(p.power),
            st.fixed(p.alpha, 3).trim_start_matches('0')
        ),
        (Unknown::Alpha, true) => format!(
            "{}时，{test}只有在 \u{03b1} = {}（{side}）时才能以 {}% 的统计检验力检出 {es}。",
            sizes_zh(p, st),
            st.fixed(p.alpha, 3).trim_start_matches('0'),
            pct(p.power)
        ),
    });
    if p.test == PlanTest::Wilcoxon {
        out.push(if zh {
            "秩检验的检验力按参与者人数乘以 3/π（≈0.955）后的 t 检验计算，即正态数据下的渐近相对效率（Lehmann, 1975）；数据厚尾时所需人数通常更少，且最多为 t 检验的 1/0.864 = 1.16 倍（Hodges & Lehmann, 1956）。".into()
        } else {
            "The rank test's power is taken as the t-test's with 3/\u{03c0} (0.955) times as many participants, its asymptotic relative efficiency for normal data (Lehmann, 1975); for heavy-tailed data it usually needs fewer, and never more than 1/0.864 = 1.16 times the t-test's number (Hodges & Lehmann, 1956).".into()
        });
    }
    if p.design == PlanDesign::Ancova {
        out.push(if zh {
            format!(
                "d 以后测的组内标准差为单位；前后测相关 r = {} 使误差方差缩小为 1 − r²（Borm et al., 2007）。",
                st.bounded(p.r.unwrap_or(f64::NAN))
            )
        } else {
            format!(
                "d is in units of the post-test's within-group SD; a pre-post correlation of r = {} shrinks the error variance to 1 - r\u{00b2} of it (Borm et al., 2007).",
                st.bounded(p.r.unwrap_or(f64::NAN))
            )
        });
    }
    out
}

fn human(p: &PowerPlan, opts: &RenderOptions) -> Parts {
    let zh = opts.lang == Lang::Zh;
    let st = Style {
        lang: opts.lang,
        digits: opts.digits,
        minus: opts.minus,
    };
    let dg = opts.digits.max(2);
    let solved = |u: Unknown| {
        if p.solved_for == u {
            W::Solved.pick(zh)
        } else {
            ""
        }
    };
    let mut rows = vec![
        vec![
            W::Design.pick(zh).into(),
            match p.design {
                PlanDesign::Paired => W::DesignPaired.pick(zh),
                PlanDesign::TwoGroup => W::DesignTwoGroup.pick(zh),
                PlanDesign::Ancova => W::DesignAncova.pick(zh),
            }
            .into(),
        ],
        vec![W::Test.pick(zh).into(), test_name(p, opts.lang).into()],
        vec![
            W::Alternative.pick(zh).into(),
            crate::report::doc::words::Text::of(opts.lang).alternative(p.alternative, "d"),
        ],
        vec![
            format!("{}{}", effect_symbol(p), solved(Unknown::D)),
            fmt_num(Some(p.d), dg),
        ],
        vec![
            format!("{}{}", W::AlphaSymbol.pick(zh), solved(Unknown::Alpha)),
            fmt_num(Some(p.alpha), 4),
        ],
        vec![
            format!("{}{}", W::Power.pick(zh), solved(Unknown::Power)),
            fmt_num(Some(p.power), 4),
        ],
    ];
    if let Some(r) = p.r {
        rows.push(vec![W::PrePostR.pick(zh).into(), fmt_num(Some(r), dg)]);
    }
    match (p.n, p.n1, p.n2) {
        (Some(n), _, _) => rows.push(vec![
            match opts.lang {
                Lang::En => format!("n ({}){}", unit(p, opts.lang), solved(Unknown::N)),
                Lang::Zh if p.design == PlanDesign::Paired => {
                    format!("对数 n{}", solved(Unknown::N))
                }
                Lang::Zh => format!("每组人数 n{}", solved(Unknown::N)),
            },
            fmt_num(Some(n), dg),
        ]),
        (None, Some(a), Some(b)) => {
            rows.push(vec![W::NPerGroup.pick(zh).into(), format!("{a} / {b}")])
        }
        _ => {}
    }
    if let Some(k) = p.n_required {
        let label = match (zh, p.design == PlanDesign::Paired) {
            (false, _) => "n required",
            (true, true) => "所需对数",
            (true, false) => "每组所需人数",
        };
        rows.push(vec![label.into(), k.to_string()]);
    }
    rows.push(vec![
        W::PowerWithNRequired.pick(zh).into(),
        fmt_num(Some(p.power_at_n_required), 4),
    ]);
    if p.dropout > 0.0 {
        rows.push(vec![
            W::Dropout.pick(zh).into(),
            fmt_num(Some(p.dropout), 2),
        ]);
        if let Some(k) = p.n_recruit {
            let label = match (zh, p.design == PlanDesign::Paired) {
                (false, _) => "n to recruit",
                (true, true) => "应招募对数",
                (true, false) => "每组应招募人数",
            };
            rows.push(vec![label.into(), k.to_string()]);
        }
    }
    if p.design != PlanDesign::Paired || p.dropout > 0.0 {
        rows.push(vec![
            W::TotalToRecruit.pick(zh).into(),
            p.n_total_recruit.to_string(),
        ]);
    }
    Parts {
        title: W::PowerAnalysis.pick(zh).into(),
        preamble: vec![match opts.lang {
            Lang::En => format!("Power from the {}.", p.method),
            Lang::Zh => "检验力按非中心 t 分布计算。".into(),
        }],
        summary_title: W::Answer.pick(zh).into(),
        summary: vec![(
            String::new(),
            super::paragraph(opts.lang, &sentences(p, &st)),
        )],
        blocks: vec![Table::text(
            W::ThePlannedStudy.pick(zh).into(),
            vec![
                W::Quantity.pick(zh).into(),
                W::QuantityValue.pick(zh).into(),
            ],
            vec![Align::Left, Align::Right],
            rows,
        )],
        notes_title: W::Notes.pick(zh).into(),
        notes: p
            .notes
            .iter()
            .map(|n| crate::report::doc::words::Text::of(opts.lang).note(n))
            .collect(),
    }
}

/// One row of every quantity (CSV/TSV).
fn table(p: &PowerPlan) -> Table {
    let opt = |x: Option<f64>| Cell::Num(x);
    let count = |x: Option<u64>| match x {
        Some(k) => Cell::Count(k as usize),
        None => Cell::Text(String::new()),
    };
    Table::data(
        "power",
        "Power",
        vec![
            col("design", "Design"),
            col("test", "Test"),
            col("alternative", "Alternative"),
            col("solved_for", "Solved for"),
            col("d", "d"),
            col("alpha", "alpha"),
            col("power", "Power"),
            col("n", "n"),
            col("n1", "n1"),
            col("n2", "n2"),
            col("r", "r"),
            col("n_required", "n required"),
            col("power_at_n_required", "Power at n required"),
            col("dropout", "Dropout"),
            col("n_recruit", "n to recruit"),
            col("n_total_recruit", "Total to recruit"),
        ],
        vec![vec![
            Cell::Text(p.design.as_str().into()),
            Cell::Text(p.test.as_str().into()),
            Cell::Text(p.alternative.as_str().into()),
            Cell::Text(p.solved_for.as_str().into()),
            Cell::Num(Some(p.d)),
            Cell::Num(Some(p.alpha)),
            Cell::Num(Some(p.power)),
            opt(p.n),
            opt(p.n1),
            opt(p.n2),
            opt(p.r),
            count(p.n_required),
            Cell::Num(Some(p.power_at_n_required)),
            Cell::Num(Some(p.dropout)),
            count(p.n_recruit),
            Cell::Count(p.n_total_recruit as usize),
        ]],
    )
}

impl Present for PowerPlan {
    fn document(&self, opts: &RenderOptions) -> Doc {
        let parts = human(self, opts);
        parts.into_doc(
            opts.lang,
            Meta {
                version: self.prepost_version.clone(),
                inputs: None,
            },
            Vec::new(),
            None,
        )
    }

    fn tables(&self) -> Vec<Table> {
        vec![table(self)]
    }

    fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut text = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        text.push(b'\n');
        out.write_all(&text)
    }
}
