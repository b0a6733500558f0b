//! Which items moved, in a report (`compare --items`): a sentence per subscale, the table for
//! reading, `items.csv` for machines, and the diverging stacked bars of the answers.

use super::slug;
use crate::model::{ItemChange, Report, ScaleResult};
use crate::report::doc::number::{fmt_num, fmt_p, Style};
use crate::report::doc::plot::{Plot, INK};
use crate::report::doc::words::{Lang, Text, W};
use crate::report::doc::{col, Align, Cell, Column, Figure, Table};

/// The items of a report, if it has them.
fn items(report: &Report) -> &[ItemChange] {
    report.items.as_deref().unwrap_or_default()
}

/// The (group, items) of one family (subscale), in the report's order.
fn of_family<'a>(report: &'a Report, family: &str) -> Vec<(Option<&'a str>, Vec<&'a ItemChange>)> {
    let mut out: Vec<(Option<&str>, Vec<&ItemChange>)> = Vec::new();
    for it in items(report).iter().filter(|i| i.scale == family) {
        let g = it.group.as_deref();
        match out.iter_mut().find(|(k, _)| *k == g) {
            Some((_, v)) => v.push(it),
            None => out.push((g, vec![it])),
        }
    }
    out
}

/// An item's name as shown: with "(R)" when it is reverse-worded.
fn item_label(it: &ItemChange) -> String {
    if it.reversed {
        format!("{} (R)", it.item)
    } else {
        it.item.clone()
    }
}

// ---------------------------------------------------------------------------------------------
// Sentences

/// Whether an item's answers went up: more rose than fell (the sign test's counts), the means
/// deciding a tie.
fn rose(i: &ItemChange) -> bool {
    match &i.sign_test {
        Some(s) if s.n_positive != s.n_negative => s.n_positive > s.n_negative,
        _ => i.post_mean > i.pre_mean,
    }
}

/// "Of the 5 items of self perception, 3 rose significantly (Wilcoxon signed-rank test,
/// Holm-adjusted p < .05 across the 5): q1 (M = 2.27 to 3.36), q2 (…) and q5 (…)." per group
/// with a comparison group.
pub fn sentences(report: &Report, s: &ScaleResult, st: &Style) -> Vec<String> {
    let alpha = report.options.alpha;
    let a = crate::report::doc::number::alpha(alpha);
    let name = super::sentence_name(report, &s.scale, st.lang);
    let mut out = Vec::new();
    for (group, its) in of_family(report, &s.scale) {
        let k = its.len();
        let moved: Vec<&&ItemChange> = its
            .iter()
            .filter(|i| i.p_holm.is_some_and(|p| p < alpha))
            .collect();
        let up = moved.iter().filter(|i| rose(i)).count();
        let down = moved.len() - up;
        let list: Vec<String> = moved
            .iter()
            .map(|i| {
                let (m0, m1) = (
                    i.pre_mean.unwrap_or(f64::NAN),
                    i.post_mean.unwrap_or(f64::NAN),
                );
                match st.lang {
                    Lang::En => format!("{} (M = {} to {})", item_label(i), st.num(m0), st.num(m1)),
                    Lang::Zh => format!(
                        "{}（M 由 {} 变为 {}）",
                        item_label(i),
                        st.num(m0),
                        st.num(m1)
                    ),
                }
            })
            .collect();
        let joined = match (st.lang, list.len()) {
            (_, 0) => String::new(),
            (_, 1) => list[0].clone(),
            (Lang::En, n) => format!("{} and {}", list[..n - 1].join(", "), list[n - 1]),
            (Lang::Zh, n) => format!("{} 和 {}", list[..n - 1].join("、"), list[n - 1]),
        };
        out.push(match st.lang {
            Lang::En => {
                let items = if k == 1 {
                    format!("the one item of {name}")
                } else {
                    format!("the {k} items of {name}")
                };
                let test = if k == 1 {
                    "Wilcoxon signed-rank test".to_string()
                } else {
                    format!("Wilcoxon signed-rank test, Holm-adjusted p < {a} across the {k}")
                };
                let (open, of) = match group {
                    Some(g) => (format!("In the {g} group, "), "of"),
                    None => (String::new(), "Of"),
                };
                if moved.is_empty() {
                    let none = if k == 1 {
                        "it did not change"
                    } else {
                        "none changed"
                    };
                    format!("{open}{of} {items}, {none} significantly ({test}).")
                } else {
                    let how = match (up, down) {
                        (_, 0) => format!("{up} rose"),
                        (0, _) => format!("{down} fell"),
                        _ => format!("{up} rose and {down} fell"),
                    };
                    format!("{open}{of} {items}, {how} significantly ({test}): {joined}.")
                }
            }
            Lang::Zh => {
                let test = format!("Wilcoxon 符号秩检验，以 {k} 题间 Holm 校正后 p < {a} 为标准");
                let open = group.map_or(String::new(), |g| {
                    format!("{}中，", crate::report::doc::words::group_zh(g))
                });
                if moved.is_empty() {
                    format!("{open}{name} 的 {k} 个题目均未出现显著变化（{test}）。")
                } else {
                    let how = match (up, down) {
                        (_, 0) => format!("{up} 个显著上升"),
                        (0, _) => format!("{down} 个显著下降"),
                        _ => format!("{up} 个显著上升、{down} 个显著下降"),
                    };
                    format!("{open}{name} 的 {k} 个题目中有 {how}（{test}）：{joined}。")
                }
            }
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Tables

/// "1/7/1/2/0": the counts per answer.
fn counts(c: &[usize]) -> String {
    c.iter().map(usize::to_string).collect::<Vec<_>>().join("/")
}

/// The table of the human report.
pub fn blocks(report: &Report, dg: usize, zh: bool) -> Vec<Table> {
    let list = items(report);
    let Some(first) = list.first() else {
        return Vec::new();
    };
    let grouped = list.iter().any(|i| i.group.is_some());
    let range = match (first.categories.first(), first.categories.last()) {
        (Some(a), Some(b)) => format!("{a}\u{2013}{b}"),
        _ => String::new(),
    };
    let mut headers = vec![W::Scale.pick(zh).to_string()];
    if grouped {
        headers.push(W::Group.pick(zh).into());
    }
    headers.extend([
        W::Item.pick(zh).to_string(),
        "n".into(),
        if zh {
            format!("前测各选项人数（{range}）")
        } else {
            format!("Pre answers {range}")
        },
        if zh {
            format!("后测各选项人数（{range}）")
        } else {
            format!("Post answers {range}")
        },
        W::PreM.pick(zh).into(),
        W::PostM.pick(zh).into(),
        W::PSign.pick(zh).into(),
        "V".into(),
        "p (V)".into(),
        W::PVHolm.pick(zh).into(),
        "\u{03c7}\u{00b2} (df)".into(),
        W::PStuartMaxwell.pick(zh).into(),
    ]);
    let lead = if grouped { 3 } else { 2 };
    let mut align = vec![Align::Left; lead];
    align.extend(std::iter::repeat_n(Align::Right, headers.len() - lead));
    let rows = list
        .iter()
        .map(|i| {
            let mut row = vec![super::score_name(report, &i.scale, zh)];
            if grouped {
                row.push(i.group.clone().unwrap_or_default());
            }
            row.extend([
                item_label(i),
                i.n.to_string(),
                counts(&i.pre_counts),
                counts(&i.post_counts),
                fmt_num(i.pre_mean, dg),
                fmt_num(i.post_mean, dg),
                fmt_p(i.sign_test.as_ref().map(|s| s.p_value)),
                fmt_num(i.wilcoxon.as_ref().map(|w| w.v), 1).replace(".0", ""),
                fmt_p(i.wilcoxon.as_ref().map(|w| w.p_value)),
                fmt_p(i.p_holm),
                i.marginal_homogeneity
                    .as_ref()
                    .map_or_else(String::new, |m| {
                        format!("{} ({})", fmt_num(Some(m.chi_sq), dg), m.df)
                    }),
                fmt_p(i.marginal_homogeneity.as_ref().map(|m| m.p_value)),
            ]);
            row
        })
        .collect();
    vec![Table::text(
        W::ItemsBeforeAndAfterKeyedAnswers.pick(zh).into(),
        headers,
        align,
        rows,
    )]
}

/// `items.csv`: one row per item (and group), a column per answer and wave.
pub fn table(report: &Report) -> Option<Table> {
    let list = items(report);
    let first = list.first()?;
    let cats = &first.categories;
    let grouped = list.iter().any(|i| i.group.is_some());
    let mut columns = vec![col("scale", "Scale")];
    if grouped {
        columns.push(col("group", "Group"));
    }
    columns.extend([
        col("item", "Item"),
        col("reversed", "Reversed"),
        col("n", "n"),
    ]);
    let answer_column = |wave: &str, c: f64| Column {
        key: format!("{wave}_{c}").into(),
        label: "Count".into(),
        align: crate::report::doc::Align::Left,
    };
    columns.extend(cats.iter().map(|&c| answer_column("pre", c)));
    columns.extend(cats.iter().map(|&c| answer_column("post", c)));
    columns.extend([
        col("pre_mean", "Pre M"),
        col("post_mean", "Post M"),
        col("sign_n_positive", "n+"),
        col("sign_n_negative", "n-"),
        col("sign_n_zero", "n0"),
        col("sign_p", "p (sign)"),
        col("wilcoxon_v", "V"),
        col("wilcoxon_p", "p (V)"),
        col("wilcoxon_method", "Method"),
        col("wilcoxon_p_holm", "p Holm (V)"),
        col("stuart_maxwell_chi_sq", "Chi2"),
        col("stuart_maxwell_df", "df"),
        col("stuart_maxwell_p", "p (Stuart-Maxwell)"),
    ]);
    let rows = list
        .iter()
        .map(|i| {
            let mut row = vec![Cell::Text(i.scale.clone())];
            if grouped {
                row.push(Cell::Text(i.group.clone().unwrap_or_default()));
            }
            row.extend([
                Cell::Text(i.item.clone()),
                Cell::Text(i.reversed.to_string()),
                Cell::Count(i.n),
            ]);
            // every item has the scale's categories; the answers given when the range is long
            let at = |c: &[usize], v: f64| {
                i.categories
                    .iter()
                    .position(|&x| x == v)
                    .map_or(0, |k| c[k])
            };
            row.extend(cats.iter().map(|&v| Cell::Count(at(&i.pre_counts, v))));
            row.extend(cats.iter().map(|&v| Cell::Count(at(&i.post_counts, v))));
            let s = i.sign_test.as_ref();
            let w = i.wilcoxon.as_ref();
            let m = i.marginal_homogeneity.as_ref();
            let count = |x: Option<usize>| x.map_or(Cell::Text(String::new()), Cell::Count);
            row.extend([
                Cell::Num(i.pre_mean),
                Cell::Num(i.post_mean),
                count(s.map(|s| s.n_positive)),
                count(s.map(|s| s.n_negative)),
                count(s.map(|s| s.n_zero)),
                Cell::P(s.map(|s| s.p_value)),
                Cell::Num(w.map(|w| w.v)),
                Cell::P(w.map(|w| w.p_value)),
                Cell::Text(w.map_or(String::new(), |w| w.method.clone())),
                Cell::P(i.p_holm),
                Cell::Num(m.map(|m| m.chi_sq)),
                Cell::Num(m.map(|m| m.df)),
                Cell::P(m.map(|m| m.p_value)),
            ]);
            row
        })
        .collect();
    Some(Table::data("items", "Items", columns, rows))
}

// ---------------------------------------------------------------------------------------------
// Figure

/// `k` colours from red (the lowest answer) through grey to blue (the highest): ColorBrewer's
/// RdBu ends, interpolated.
fn diverging(k: usize) -> Vec<String> {
    let (red, grey, blue) = (
        (202.0, 0.0, 32.0),
        (190.0, 190.0, 190.0),
        (5.0, 113.0, 176.0),
    );
    let mix = |a: (f64, f64, f64), b: (f64, f64, f64), t: f64| {
        format!(
            "#{:02X}{:02X}{:02X}",
            (a.0 + (b.0 - a.0) * t).round() as u8,
            (a.1 + (b.1 - a.1) * t).round() as u8,
            (a.2 + (b.2 - a.2) * t).round() as u8
        )
    };
    (0..k)
        .map(|i| {
            if k == 1 {
                return mix(grey, grey, 0.0);
            }
            // position in [-1, 1]
            let x = 2.0 * i as f64 / (k - 1) as f64 - 1.0;
            if x < 0.0 {
                mix(grey, red, -x * 0.85 + 0.15)
            } else if x > 0.0 {
                mix(grey, blue, x * 0.85 + 0.15)
            } else {
                mix(grey, grey, 0.0)
            }
        })
        .collect()
}

/// The segments of one bar: (from %, to %, category) with the lower answers left of zero, the
/// higher right, the middle one (odd k) split across zero.
fn segments(c: &[usize]) -> Vec<(f64, f64, usize)> {
    let n: usize = c.iter().sum();
    if n == 0 {
        return Vec::new();
    }
    let share = |i: usize| 100.0 * c[i] as f64 / n as f64;
    let k = c.len();
    let half = k / 2;
    let middle = (k % 2 == 1).then_some(half);
    let mut out = Vec::new();
    let mut left = middle.map_or(0.0, |m| -share(m) / 2.0);
    let mut right = -left;
    if let Some(m) = middle {
        out.push((left, right, m));
    }
    for i in (0..half).rev() {
        out.push((left - share(i), left, i));
        left -= share(i);
    }
    for i in (k - half)..k {
        out.push((right, right + share(i), i));
        right += share(i);
    }
    out
}

/// Diverging stacked bars of each subscale's items (per group with a comparison group).
pub fn figures(report: &Report, lang: Lang) -> Vec<Figure> {
    let t = Text::of(lang);
    let mut out = Vec::new();
    let mut families: Vec<&str> = Vec::new();
    for it in items(report) {
        if !families.contains(&it.scale.as_str()) {
            families.push(&it.scale);
        }
    }
    for family in families {
        let name = report.score_name(family, lang);
        for (group, its) in of_family(report, family) {
            let Some(first) = its.first() else { continue };
            let colours = diverging(first.categories.len());
            let k = its.len() as f64;
            let title = match group {
                Some(g) => format!(
                    "{name}{}{g}{}{}{}",
                    t.open, t.close, t.colon, t.items_answers
                ),
                None => format!("{name}{}{}", t.colon, t.items_answers),
            };
            let legend: Vec<(&str, String)> = first
                .categories
                .iter()
                .zip(&colours)
                .map(|(c, colour)| (colour.as_str(), format!("{c}")))
                .collect();
            let legend_refs: Vec<(&str, &str)> =
                legend.iter().map(|(c, l)| (*c, l.as_str())).collect();
            let longest = its
                .iter()
                .map(|i| item_label(i).chars().count())
                .max()
                .unwrap_or(3) as f64;
            let mut p = Plot::new(
                &title,
                t.items_desc,
                560.0,
                90.0 + 46.0 * k,
                (-100.0, 100.0),
                (0.0, k),
            )
            .left_margin((longest * 7.0 + 40.0).clamp(70.0, 200.0))
            .with_legend(&legend_refs);
            let cats: Vec<(f64, String)> = its
                .iter()
                .enumerate()
                .map(|(r, i)| (k - r as f64 - 0.5, item_label(i)))
                .collect();
            p.axes(t.share_axis, "", None, Some(&cats));
            for (r, it) in its.iter().enumerate() {
                let y = k - r as f64 - 0.5;
                for (counts, (y0, y1)) in [
                    (&it.pre_counts, (y + 0.04, y + 0.36)),
                    (&it.post_counts, (y - 0.36, y - 0.04)),
                ] {
                    for (a, b, c) in segments(counts) {
                        p.rect((a, y0), (b, y1), &colours[c], 1.0);
                    }
                }
                p.text(
                    (-100.0, y + 0.2),
                    (-4.0, 4.0),
                    "end",
                    9.0,
                    &pre_post(lang).0,
                );
                p.text(
                    (-100.0, y - 0.2),
                    (-4.0, 4.0),
                    "end",
                    9.0,
                    &pre_post(lang).1,
                );
            }
            p.line(&[(0.0, 0.0), (0.0, k)], INK, 1.0, 0.8, false);
            out.push(Figure {
                name: match group {
                    Some(g) => format!("{}_{}_items", slug(family), slug(g)),
                    None => format!("{}_items", slug(family)),
                },
                scale: Some(name.clone()),
                caption: format!("{title}{}{}", t.colon, t.items_caption),
                svg: p.render(),
                png: Default::default(),
            });
        }
    }
    out
}

/// The bars' small labels.
fn pre_post(lang: Lang) -> (String, String) {
    match lang {
        Lang::En => ("pre".into(), "post".into()),
        Lang::Zh => ("前".into(), "后".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_diverge_from_the_middle_answer() {
        // 1/7/1/2/0 of 11: the middle (3) split across zero, 1 and 2 to the left
        let s = segments(&[1, 7, 1, 2, 0]);
        let pct = |k: usize| 100.0 * k as f64 / 11.0;
        assert_eq!(s[0].2, 2);
        assert!((s[0].0 + pct(1) / 2.0).abs() < 1e-12 && (s[0].1 - pct(1) / 2.0).abs() < 1e-12);
        let left_end = s.iter().map(|x| x.0).fold(f64::INFINITY, f64::min);
        let right_end = s.iter().map(|x| x.1).fold(f64::NEG_INFINITY, f64::max);
        assert!((left_end + pct(1) / 2.0 + pct(8)).abs() < 1e-9);
        assert!((right_end - pct(1) / 2.0 - pct(2)).abs() < 1e-9);
        // an even number of answers: nothing straddles zero
        let s = segments(&[1, 1, 1, 1]);
        assert!(s.iter().all(|(a, b, _)| *b <= 0.0 || *a >= 0.0));
        assert!(segments(&[0, 0, 0]).is_empty());
    }

    #[test]
    fn colours_run_from_red_through_grey_to_blue() {
        let c = diverging(5);
        assert_eq!(c.len(), 5);
        assert_eq!(c[2], "#BEBEBE");
        assert!(c[0].starts_with("#C") && c[4].starts_with("#0"));
    }
}
