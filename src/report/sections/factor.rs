//! Rendering the `factor` report: the thesis sentences (KMO, Bartlett, the factors and the
//! variance they explain, the structure check, Harman's test), the tables SPSS prints (KMO and
//! Bartlett, total variance explained, the sorted loadings, factor correlations), the items'
//! adequacy and placement, the parallel analysis, and the scree plot.

use super::Parts;
use crate::model::{FactorItem, FactorReport};
use crate::report::doc::number::{fmt_num, fmt_p, Style};
use crate::report::doc::plot::{padded, Plot, BLUE, GREY, ORANGE};
use crate::report::doc::words::{Lang, Text, W};
use crate::report::doc::{left_then_right, Align, Cell, Column, Doc, Figure, Meta, Table};
use crate::report::{Present, RenderOptions};
use crate::stats::factor::{Extraction, VarianceShare};
use crate::stats::reliability::AlphaMissing;
use crate::stats::rotation::Rotation;
use std::borrow::Cow;

/// The extraction method as a sentence names it.
fn extraction_words(e: Extraction, zh: bool) -> &'static str {
    match (e, zh) {
        (Extraction::PrincipalComponents, false) => "principal component analysis",
        (Extraction::MinRes, false) => "minimum residual (minres) factoring",
        (Extraction::MaximumLikelihood, false) => "maximum likelihood factoring",
        (Extraction::PrincipalAxis, false) => "principal axis factoring",
        (Extraction::PrincipalComponents, true) => "主成分分析法",
        (Extraction::MinRes, true) => "最小残差法（minres）",
        (Extraction::MaximumLikelihood, true) => "最大似然法",
        (Extraction::PrincipalAxis, true) => "主轴因子法",
    }
}

/// The rotation as a sentence names it.
fn rotation_words(r: Rotation, zh: bool) -> String {
    let kaiser = |k: bool| match (k, zh) {
        (true, false) => " with Kaiser normalization",
        (false, false) => " without Kaiser normalization",
        (true, true) => "Kaiser 标准化",
        (false, true) => "未经 Kaiser 标准化",
    };
    match (r, zh) {
        (Rotation::None, false) => "no rotation".into(),
        (Rotation::None, true) => "未旋转".into(),
        (Rotation::Varimax { kaiser: k }, false) => format!("varimax rotation{}", kaiser(k)),
        (Rotation::Varimax { kaiser: k }, true) => {
            format!("最大方差法（varimax）正交旋转（{}）", kaiser(k))
        }
        (Rotation::Promax { kaiser: k, .. }, false) => {
            format!("promax rotation (power 4){}", kaiser(k))
        }
        (Rotation::Promax { kaiser: k, .. }, true) => {
            format!("promax 斜交旋转（幂为 4，{}）", kaiser(k))
        }
        (Rotation::Oblimin { kaiser: k, .. }, false) => {
            format!("direct oblimin rotation (δ = 0){}", kaiser(k))
        }
        (Rotation::Oblimin { kaiser: k, .. }, true) => {
            format!("直接斜交旋转（oblimin，δ = 0，{}）", kaiser(k))
        }
    }
}

fn is_oblique(r: Rotation) -> bool {
    matches!(r, Rotation::Promax { .. } | Rotation::Oblimin { .. })
}

/// The name of factor `j` in the tables, as psych names them: PC (unrotated components), RC
/// (rotated components), MR (minres), ML, PA.
fn factor_short(r: &FactorReport, j: usize) -> String {
    let prefix = match r.options.extraction {
        Extraction::PrincipalComponents if r.options.rotation == Rotation::None => "PC",
        Extraction::PrincipalComponents => "RC",
        Extraction::MinRes => "MR",
        Extraction::MaximumLikelihood => "ML",
        Extraction::PrincipalAxis => "PA",
    };
    format!("{prefix}{j}")
}

fn percent(x: f64) -> String {
    format!("{:.2}", 100.0 * x)
}

/// The item with its reverse-keying mark.
fn item_label(it: &FactorItem) -> String {
    format!("{}{}", it.item, if it.reversed { " (R)" } else { "" })
}

/// The items in the order of the sorted loadings table (psych's `fa.sort`, SPSS's /FORMAT
/// SORT): grouped by the factor of their largest loading, in factor order, each group by that
/// loading's size, decreasing.
pub fn sorted_items(r: &FactorReport) -> Vec<&FactorItem> {
    let mut items: Vec<&FactorItem> = r.items.iter().collect();
    items.sort_by(|a, b| {
        a.factor.cmp(&b.factor).then(
            b.loadings[b.factor - 1]
                .abs()
                .total_cmp(&a.loadings[a.factor - 1].abs()),
        )
    });
    items
}

/// The sentences of the report.
fn sentences(r: &FactorReport, opts: &RenderOptions) -> Vec<(String, String)> {
    let zh = opts.lang == Lang::Zh;
    let st = Style {
        lang: opts.lang,
        digits: opts.digits,
        minus: opts.minus,
    };
    let b = &r.bartlett;
    let kmo = st.fixed(r.kmo, opts.digits.max(3));
    let chi = format!(
        "\u{03c7}\u{00b2}({}) = {}{}{}",
        b.df,
        st.fixed(b.chisq, opts.digits),
        if zh { "，" } else { ", " },
        st.p(b.p_value)
    );
    let suits = r.kmo >= 0.6 && b.p_value < 0.05;
    let mut out = vec![(
        "kmo".to_string(),
        match (zh, suits) {
            (false, true) => format!(
                "The Kaiser–Meyer–Olkin measure of sampling adequacy is {kmo} and Bartlett's test of sphericity is significant, {chi}: the correlations of the {} items suit a factor analysis.",
                r.items.len()
            ),
            (false, false) => format!(
                "The Kaiser–Meyer–Olkin measure of sampling adequacy is {kmo} and Bartlett's test of sphericity gives {chi}: the correlations of the {} items suit a factor analysis poorly (KMO below .60 or Bartlett's test not significant).",
                r.items.len()
            ),
            (true, true) => format!(
                "KMO 值为 {kmo}，Bartlett 球形检验 {chi}，{} 个题目的相关适合进行因子分析。",
                r.items.len()
            ),
            (true, false) => format!(
                "KMO 值为 {kmo}，Bartlett 球形检验 {chi}，{} 个题目的相关不太适合进行因子分析（KMO 低于 0.60 或 Bartlett 检验不显著）。",
                r.items.len()
            ),
        },
    )];
    let m = r.n_factors;
    let variance = if r.options.rotation == Rotation::None || is_oblique(r.options.rotation) {
        &r.extraction_variance
    } else {
        &r.rotation_variance
    };
    let cumulative = percent(variance.last().map_or(0.0, |v| v.cumulative));
    let rule = match (r.options.factor_count, zh) {
        ("eigenvalue-above-one", false) => "by eigenvalues above 1".to_string(),
        ("eigenvalue-above-one", true) => "按特征根大于 1 的标准".to_string(),
        ("parallel", false) => "by parallel analysis".to_string(),
        ("parallel", true) => "按平行分析的结果".to_string(),
        (_, false) => "as asked (--factors)".to_string(),
        (_, true) => "按指定的因子数".to_string(),
    };
    let unit = |n: usize| match (
        r.options.extraction == Extraction::PrincipalComponents,
        n == 1,
    ) {
        (true, true) => "component",
        (true, false) => "components",
        (false, true) => "factor",
        (false, false) => "factors",
    };
    out.push((
        "factors".to_string(),
        if zh {
            format!(
                "采用{}、{}，{rule}共提取 {m} 个{}，累计解释总方差的 {cumulative}%。",
                extraction_words(r.options.extraction, true),
                if m == 1 {
                    "单一因子无需旋转".to_string()
                } else {
                    rotation_words(r.options.rotation, true)
                },
                if r.options.extraction == Extraction::PrincipalComponents {
                    "成分"
                } else {
                    "因子"
                }
            )
        } else {
            format!(
                "{} extracted {m} {} {rule} ({}), which {} {cumulative}% of the variance.",
                capitalized(extraction_words(r.options.extraction, false)),
                unit(m),
                if m == 1 {
                    "needs no rotation".to_string()
                } else {
                    rotation_words(r.options.rotation, false)
                },
                if m == 1 {
                    "explains"
                } else {
                    "together explain"
                }
            )
        },
    ));
    if let Some(structure) = &r.structure {
        let off: Vec<&FactorItem> = r
            .items
            .iter()
            .filter(|it| it.as_expected == Some(false))
            .collect();
        let distinct = {
            let mut f: Vec<usize> = structure.iter().map(|s| s.factor).collect();
            f.sort_unstable();
            f.dedup();
            f.len() == structure.len()
        };
        let names = off
            .iter()
            .map(|it| it.item.as_str())
            .collect::<Vec<_>>()
            .join(if zh { "、" } else { ", " });
        let text = match (off.is_empty() && distinct, zh) {
            (true, false) => format!(
                "Every item loads at least {} highest on the factor of its subscale, and each of the {} subscales has a factor of its own: the structure of the spec is reproduced.",
                st.fixed(r.options.min_loading, 2),
                structure.len()
            ),
            (true, true) => format!(
                "每个题目均在其所属维度对应的因子上载荷最高（不低于 {}），{} 个维度各自对应一个因子：量表的结构得到重现。",
                st.fixed(r.options.min_loading, 2),
                structure.len()
            ),
            (false, false) => format!(
                "{} of {} items do not load at least {} highest on the factor most of their subscale's items load on{}{}.",
                off.len(),
                r.items.len(),
                st.fixed(r.options.min_loading, 2),
                if off.is_empty() { String::new() } else { format!(" ({names})") },
                if distinct { "" } else { ", and some subscales share a factor" }
            ),
            (false, true) => format!(
                "{} 个题目中有 {} 个未在其所属维度多数题目所在的因子上取得最高且不低于 {} 的载荷{}{}。",
                r.items.len(),
                off.len(),
                st.fixed(r.options.min_loading, 2),
                if off.is_empty() { String::new() } else { format!("（{names}）") },
                if distinct { "" } else { "，且有维度共用同一个因子" }
            ),
        };
        out.push(("structure".to_string(), text));
    }
    if let Some(h) = &r.harman {
        let share = percent(h.proportion);
        let limit = format!("{:.0}", 100.0 * h.threshold);
        out.push((
            "harman".to_string(),
            match (h.exceeds, zh) {
                (false, false) => format!(
                    "Harman's single-factor test: the first unrotated component explains {share}% of the variance, below {limit}%, so no single factor dominates (no sign of serious common-method bias)."
                ),
                (true, false) => format!(
                    "Harman's single-factor test: the first unrotated component explains {share}% of the variance, at or above {limit}%: a single factor dominates, a sign of common-method bias."
                ),
                (false, true) => format!(
                    "Harman 单因子检验：未旋转的第一个成分解释了 {share}% 的变异，低于 {limit}% 的临界标准，不存在严重的共同方法偏差。"
                ),
                (true, true) => format!(
                    "Harman 单因子检验：未旋转的第一个成分解释了 {share}% 的变异，达到或超过 {limit}% 的临界标准，提示存在共同方法偏差。"
                ),
            },
        ));
    }
    out
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The readable tables.
fn tables(r: &FactorReport, opts: &RenderOptions) -> Vec<Table> {
    let zh = opts.lang == Lang::Zh;
    let dg = opts.digits.max(2);
    let b = &r.bartlett;
    let mut out = vec![Table::text(
        W::KmoAndBartlett.pick(zh).into(),
        vec![W::Statistic.pick(zh).into(), W::Value.pick(zh).into()],
        left_then_right(2),
        vec![
            vec![
                W::KmoMeasure.pick(zh).into(),
                fmt_num(Some(r.kmo), dg.max(3)),
            ],
            vec![W::BartlettChi.pick(zh).into(), fmt_num(Some(b.chisq), dg)],
            vec![W::Df.pick(zh).into(), format!("{}", b.df)],
            vec!["p".into(), fmt_p(Some(b.p_value))],
            vec!["n".into(), b.n.to_string()],
        ],
    )];
    // total variance explained
    let m = r.n_factors;
    let rotated = r.options.rotation != Rotation::None;
    let mut headers: Vec<String> = vec![
        if r.options.extraction == Extraction::PrincipalComponents {
            W::Component.pick(zh)
        } else {
            W::FactorWord.pick(zh)
        }
        .into(),
        W::Eigenvalue.pick(zh).into(),
        W::PercentVariance.pick(zh).into(),
        W::CumulativePercent.pick(zh).into(),
        W::ExtractionSs.pick(zh).into(),
        W::PercentVariance.pick(zh).into(),
        W::CumulativePercent.pick(zh).into(),
    ];
    if rotated {
        headers.extend([
            W::RotationSs.pick(zh).into(),
            W::PercentVariance.pick(zh).into(),
            W::CumulativePercent.pick(zh).into(),
        ]);
    }
    let share = |v: Option<&VarianceShare>| -> [String; 3] {
        match v {
            Some(v) => [
                fmt_num(Some(v.total), dg),
                percent(v.proportion),
                percent(v.cumulative),
            ],
            None => [String::new(), String::new(), String::new()],
        }
    };
    let rows = r
        .eigenvalues
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let mut row = vec![(k + 1).to_string()];
            row.extend(share(Some(e)));
            row.extend(share(r.extraction_variance.get(k)));
            if rotated {
                row.extend(share(r.rotation_variance.get(k)));
            }
            row
        })
        .collect();
    let n_cols = headers.len();
    out.push(Table::text(
        W::TotalVarianceExplained.pick(zh).into(),
        headers,
        left_then_right(n_cols),
        rows,
    ));
    // the sorted loadings
    let title = match (r.options.rotation, zh) {
        (Rotation::None, _) => W::UnrotatedLoadings.pick(zh).to_string(),
        (rot, _) if is_oblique(rot) => W::PatternMatrix.pick(zh).to_string(),
        _ => W::RotatedLoadings.pick(zh).to_string(),
    };
    let mut headers = vec![W::Item.pick(zh).to_string()];
    headers.extend((1..=m).map(|j| factor_short(r, j)));
    headers.push("h\u{00b2}".into());
    let rows = sorted_items(r)
        .into_iter()
        .map(|it| {
            let mut row = vec![item_label(it)];
            row.extend(it.loadings.iter().map(|&l| {
                if l.abs() >= r.options.min_loading {
                    fmt_num(Some(l), dg)
                } else {
                    String::new()
                }
            }));
            row.push(fmt_num(Some(it.communality), dg));
            row
        })
        .collect();
    out.push(Table::text(title, headers, left_then_right(m + 2), rows));
    if let Some(phi) = &r.factor_correlations {
        let mut headers = vec![W::FactorWord.pick(zh).to_string()];
        headers.extend((1..=m).map(|j| factor_short(r, j)));
        let rows = phi
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut cells = vec![factor_short(r, i + 1)];
                cells.extend(row.iter().map(|&v| fmt_num(Some(v), dg)));
                cells
            })
            .collect();
        out.push(Table::text(
            W::FactorCorrelations.pick(zh).into(),
            headers,
            left_then_right(m + 1),
            rows,
        ));
    }
    // the items: adequacy and placement
    let spec = r.structure.is_some();
    let mut headers = vec![
        W::Item.pick(zh).to_string(),
        "MSA".into(),
        W::Communality.pick(zh).into(),
    ];
    if spec {
        headers.extend([
            W::Subscale.pick(zh).to_string(),
            W::LoadsOn.pick(zh).to_string(),
            W::SubscaleFactor.pick(zh).to_string(),
            W::AsExpected.pick(zh).to_string(),
        ]);
    } else {
        headers.push(W::LoadsOn.pick(zh).to_string());
    }
    let sub_name = |name: &str| -> (String, String) {
        let s = r
            .structure
            .as_ref()
            .and_then(|s| s.iter().find(|s| s.subscale == name));
        match s {
            Some(s) => (
                s.labels.get(opts.lang).unwrap_or(&s.subscale).to_string(),
                factor_short(r, s.factor),
            ),
            None => (name.to_string(), String::new()),
        }
    };
    let rows = r
        .items
        .iter()
        .map(|it| {
            let mut row = vec![
                item_label(it),
                fmt_num(Some(it.msa), dg),
                fmt_num(Some(it.communality), dg),
            ];
            let loads = format!(
                "{}{}",
                factor_short(r, it.factor),
                if it.cross_loading { "*" } else { "" }
            );
            if spec {
                let (sub, f) = it.subscale.as_deref().map(sub_name).unwrap_or_default();
                row.extend([
                    sub,
                    loads,
                    f,
                    match (it.as_expected, zh) {
                        (Some(true), false) => "yes".into(),
                        (Some(false), false) => "no".into(),
                        (Some(true), true) => "是".into(),
                        (Some(false), true) => "否".into(),
                        (None, _) => String::new(),
                    },
                ]);
            } else {
                row.push(loads);
            }
            row
        })
        .collect();
    let mut align = vec![Align::Left, Align::Right, Align::Right];
    if spec {
        align.extend([Align::Left, Align::Left, Align::Left, Align::Left]);
    } else {
        align.push(Align::Left);
    }
    out.push(Table::text(
        W::ItemsAdequacy.pick(zh).into(),
        headers,
        align,
        rows,
    ));
    if let Some(pa) = &r.parallel {
        let level = pa.options.quantile.map_or_else(
            || W::SimulatedMean.pick(zh).to_string(),
            |q| {
                if zh {
                    format!("模拟特征根（第 {} 百分位数）", 100.0 * q)
                } else {
                    format!("Simulated ({}th percentile)", 100.0 * q)
                }
            },
        );
        let rows = r
            .eigenvalues
            .iter()
            .zip(&pa.simulated)
            .zip(&pa.simulated_mean)
            .enumerate()
            .map(|(k, ((e, s), mean))| {
                vec![
                    (k + 1).to_string(),
                    fmt_num(Some(e.total), dg),
                    fmt_num(Some(*s), dg),
                    fmt_num(Some(*mean), dg),
                ]
            })
            .collect();
        out.push(Table::text(
            W::ParallelAnalysis.pick(zh).into(),
            vec![
                W::Component.pick(zh).into(),
                W::Eigenvalue.pick(zh).into(),
                level,
                W::SimulatedMean.pick(zh).into(),
            ],
            left_then_right(4),
            rows,
        ));
    }
    out
}

/// The scree plot: the eigenvalues by rank, the line at 1 (and the simulated eigenvalues of a
/// parallel analysis).
fn scree(r: &FactorReport, zh: bool) -> Figure {
    let p = r.eigenvalues.len();
    let pts: Vec<(f64, f64)> = r
        .eigenvalues
        .iter()
        .enumerate()
        .map(|(k, e)| ((k + 1) as f64, e.total))
        .collect();
    let sim: Vec<(f64, f64)> = r.parallel.as_ref().map_or_else(Vec::new, |pa| {
        pa.simulated
            .iter()
            .enumerate()
            .map(|(k, &v)| ((k + 1) as f64, v))
            .collect()
    });
    let (lo, hi) = padded(pts.iter().chain(&sim).map(|p| p.1).chain([0.0, 1.0]), 0.06);
    let title = if zh { "碎石图" } else { "Scree plot" };
    let desc = match (zh, sim.is_empty()) {
        (true, true) => "相关矩阵的特征根按大小排列；虚线为特征根 1。",
        (true, false) => "相关矩阵的特征根按大小排列；虚线为特征根 1；橙色为平行分析的模拟特征根。",
        (false, true) => "The eigenvalues of the correlation matrix in decreasing order; dashed: an eigenvalue of 1.",
        (false, false) => "The eigenvalues of the correlation matrix in decreasing order; dashed: an eigenvalue of 1; orange: the simulated eigenvalues of the parallel analysis.",
    };
    let width = (200.0 + 18.0 * p as f64).clamp(380.0, 900.0);
    let mut plot = Plot::new(
        title,
        desc,
        width,
        300.0,
        (0.5, p as f64 + 0.5),
        (lo.min(0.0), hi),
    );
    if !sim.is_empty() {
        plot = plot.with_legend(&[
            (BLUE, if zh { "实际特征根" } else { "Observed" }),
            (ORANGE, if zh { "模拟特征根" } else { "Simulated" }),
        ]);
    }
    let ticks: Vec<(f64, String)> = (1..=p)
        .filter(|k| p <= 30 || k % 5 == 0 || *k == 1)
        .map(|k| (k as f64, k.to_string()))
        .collect();
    plot.axes(
        if r.options.extraction == Extraction::PrincipalComponents {
            W::Component.pick(zh)
        } else {
            W::FactorWord.pick(zh)
        },
        W::Eigenvalue.pick(zh),
        Some(&ticks),
        None,
    );
    plot.line(&[(0.5, 1.0), (p as f64 + 0.5, 1.0)], GREY, 1.2, 0.9, true);
    if !sim.is_empty() {
        plot.line(&sim, ORANGE, 1.5, 0.9, true);
    }
    plot.line(&pts, BLUE, 1.8, 1.0, false);
    for &(x, y) in &pts {
        plot.point(x, y, 3.5, BLUE, 1.0);
    }
    Figure {
        name: "scree".into(),
        scale: None,
        caption: match (zh, r.parallel.is_some()) {
            (true, false) => "碎石图：相关矩阵的特征根；虚线：特征根 = 1".into(),
            (true, true) => "碎石图：相关矩阵的特征根；虚线：特征根 = 1；橙色：平行分析的模拟特征根".into(),
            (false, false) => {
                "Scree plot: the eigenvalues of the correlation matrix; dashed: eigenvalue = 1".into()
            }
            (false, true) => "Scree plot: the eigenvalues of the correlation matrix; dashed: eigenvalue = 1; orange: the simulated eigenvalues of the parallel analysis".into(),
        },
        svg: plot.render(),
        png: Default::default(),
    }
}

fn human(r: &FactorReport, opts: &RenderOptions) -> Parts {
    let zh = opts.lang == Lang::Zh;
    let t = Text::of(opts.lang);
    let scale = r
        .scale
        .as_deref()
        .map(|s| r.labels.get(opts.lang).unwrap_or(s).to_string());
    let rows_used = match (r.missing, zh) {
        (AlphaMissing::Listwise, false) => format!(
            "the {} respondents who answered every item (listwise)",
            r.n_complete
        ),
        (AlphaMissing::Pairwise, false) => format!(
            "the respondents who answered both items of each pair (pairwise; at least {} per correlation; n = {} for Bartlett's test)",
            r.n_pairwise_min, r.n_used
        ),
        (AlphaMissing::Listwise, true) => {
            format!("所有题目均已作答的 {} 名作答者（成列删除）", r.n_complete)
        }
        (AlphaMissing::Pairwise, true) => format!(
            "每对题目均已作答者（成对删除；每个相关至少 {} 人；Bartlett 检验的 n = {}）",
            r.n_pairwise_min, r.n_used
        ),
    };
    let mut preamble = vec![if zh {
        format!(
            "数据：{}（{} 名作答者）。{} 个题目。",
            r.files.join("、"),
            r.respondents,
            r.items.len()
        )
    } else {
        format!(
            "Data: {} ({} respondents). {} items.",
            r.files.join(", "),
            r.respondents,
            r.items.len()
        )
    }];
    preamble.push(if zh {
        format!("相关矩阵所用数据：{rows_used}。")
    } else {
        format!("Correlations from {rows_used}.")
    });
    if r.items.iter().any(|i| i.reversed) {
        preamble.push(if zh {
            "反向计分题先反向计分（标记为 (R)）。".into()
        } else {
            "Reverse-keyed items, marked (R), are keyed first.".into()
        });
    }
    let mut notes = vec![if zh {
        format!(
            "载荷表中绝对值低于 {:.2} 的载荷未显示（仅为显示；JSON 与 CSV 含全部载荷）；题目按载荷最高的因子分组、组内按载荷大小排序。每个因子的符号使其载荷之和为正；因子按解释的方差从大到小排列。",
            r.options.min_loading
        )
    } else {
        format!(
            "Loadings below {:.2} in absolute value are not shown (display only: the JSON and CSV hold every loading); items are grouped by the factor of their largest loading and sorted by it. Each factor's sign makes the sum of its loadings positive; factors are ordered by the variance they explain.",
            r.options.min_loading
        )
    }];
    notes.push(if zh {
        "MSA：各题目的取样适切性量数（psych::KMO）；*：在多个因子上的载荷达到显示标准（交叉载荷）。".into()
    } else {
        "MSA: each item's measure of sampling adequacy (psych::KMO); *: loads at or above the display threshold on more than one factor (a cross-loading).".into()
    });
    if is_oblique(r.options.rotation) {
        notes.push(if zh {
            "斜交旋转的因子相关，旋转载荷平方和为 diag(ΦΛᵀΛ)（psych 的做法，其和等于总共同度）。".into()
        } else {
            "With an oblique rotation the factors correlate; the rotation sums of squared loadings are diag(ΦΛᵀΛ) (as psych reports them: they add up to the total communality).".into()
        });
    }
    if let Some(pa) = &r.parallel {
        notes.push(if zh {
            format!(
                "平行分析：{} 个与数据同样大小（{} × {}）的标准正态随机数据集，种子 {}；在第一个不高于模拟值的实际特征根之前的特征根个数即建议的因子数（{}）。",
                pa.options.iterations, pa.n, pa.p, pa.options.seed, pa.suggested
            )
        } else {
            format!(
                "Parallel analysis: {} simulated data sets of standard normal values of the data's size ({} × {}), seed {}; the suggested number is the count of observed eigenvalues above the simulated ones before the first that is not ({}).",
                pa.options.iterations, pa.n, pa.p, pa.options.seed, pa.suggested
            )
        });
    }
    notes.extend(r.notes.iter().map(|n| t.note(n)));
    Parts {
        title: match (scale, zh) {
            (Some(s), false) => format!("Factor analysis: {s}"),
            (Some(s), true) => format!("因子分析：{s}"),
            (None, false) => "Factor analysis".into(),
            (None, true) => "因子分析".into(),
        },
        preamble,
        summary_title: W::ResultsInBrief.pick(zh).into(),
        summary: sentences(r, opts),
        blocks: tables(r, opts),
        notes_title: t.notes.into(),
        notes,
    }
}

/// A machine column with a key made from the data.
fn dyn_col(key: String) -> Column {
    Column {
        label: Cow::Owned(key.clone()),
        key: Cow::Owned(key),
        align: Align::Left,
    }
}

/// Per item: the spec's place, MSA, communality, the factor and every loading.
fn items_table(r: &FactorReport) -> Table {
    let m = r.n_factors;
    let mut columns: Vec<Column> = [
        "item",
        "reversed",
        "subscale",
        "msa",
        "communality",
        "uniqueness",
        "factor",
        "cross_loading",
        "as_expected",
    ]
    .iter()
    .map(|k| dyn_col(k.to_string()))
    .collect();
    columns.extend((1..=m).map(|j| dyn_col(format!("loading_{j}"))));
    columns.extend((1..=m).map(|j| dyn_col(format!("unrotated_{j}"))));
    let oblique = r.factor_correlations.is_some();
    if oblique {
        columns.extend((1..=m).map(|j| dyn_col(format!("structure_{j}"))));
    }
    let rows = r
        .items
        .iter()
        .map(|it| {
            let mut row = vec![
                Cell::Text(it.item.clone()),
                Cell::Text(it.reversed.to_string()),
                Cell::Text(it.subscale.clone().unwrap_or_default()),
                Cell::Num(Some(it.msa)),
                Cell::Num(Some(it.communality)),
                Cell::Num(Some(it.uniqueness)),
                Cell::Count(it.factor),
                Cell::Text(it.cross_loading.to_string()),
                Cell::Text(it.as_expected.map(|b| b.to_string()).unwrap_or_default()),
            ];
            row.extend(it.loadings.iter().map(|&v| Cell::Num(Some(v))));
            row.extend(it.unrotated.iter().map(|&v| Cell::Num(Some(v))));
            if let Some(s) = &it.structure {
                row.extend(s.iter().map(|&v| Cell::Num(Some(v))));
            }
            row
        })
        .collect();
    Table {
        name: "loadings",
        title: "Loadings".into(),
        columns,
        rows,
    }
}

/// Per component: the eigenvalue, the extraction's and the rotation's variance, the simulated
/// eigenvalue of a parallel analysis.
fn variance_table(r: &FactorReport) -> Table {
    let keys = [
        "component",
        "eigenvalue",
        "proportion",
        "cumulative",
        "extraction_ss",
        "extraction_proportion",
        "extraction_cumulative",
        "rotation_ss",
        "rotation_proportion",
        "rotation_cumulative",
        "simulated",
        "simulated_mean",
    ];
    let share = |v: Option<&VarianceShare>| {
        [
            Cell::Num(v.map(|v| v.total)),
            Cell::Num(v.map(|v| v.proportion)),
            Cell::Num(v.map(|v| v.cumulative)),
        ]
    };
    let rows = r
        .eigenvalues
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let mut row = vec![Cell::Count(k + 1)];
            row.extend(share(Some(e)));
            row.extend(share(r.extraction_variance.get(k)));
            row.extend(share(r.rotation_variance.get(k)));
            row.push(Cell::Num(
                r.parallel
                    .as_ref()
                    .and_then(|p| p.simulated.get(k).copied()),
            ));
            row.push(Cell::Num(
                r.parallel
                    .as_ref()
                    .and_then(|p| p.simulated_mean.get(k).copied()),
            ));
            row
        })
        .collect();
    Table::data(
        "variance",
        "Total variance explained",
        keys.iter().map(|k| crate::report::doc::col(k, k)).collect(),
        rows,
    )
}

/// The factor correlations (oblique rotations).
fn correlations_table(r: &FactorReport) -> Option<Table> {
    let phi = r.factor_correlations.as_ref()?;
    let mut columns = vec![dyn_col("factor".into())];
    columns.extend((1..=r.n_factors).map(|j| dyn_col(format!("factor_{j}"))));
    Some(Table {
        name: "factor_correlations",
        title: "Factor correlations".into(),
        columns,
        rows: phi
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut cells = vec![Cell::Count(i + 1)];
                cells.extend(row.iter().map(|&v| Cell::Num(Some(v))));
                cells
            })
            .collect(),
    })
}

impl Present for FactorReport {
    fn document(&self, opts: &RenderOptions) -> Doc {
        let parts = human(self, opts);
        let figures = if opts.figures {
            vec![scree(self, opts.lang == Lang::Zh)]
        } else {
            Vec::new()
        };
        parts.into_doc(
            opts.lang,
            Meta {
                version: self.prepost_version.clone(),
                inputs: Some(self.files.join(", ")),
            },
            figures,
            None,
        )
    }

    fn tables(&self) -> Vec<Table> {
        let mut t = vec![items_table(self), variance_table(self)];
        t.extend(correlations_table(self));
        t
    }

    fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut text = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        text.push(b'\n');
        out.write_all(&text)
    }
}
