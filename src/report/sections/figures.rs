//! The report's figures, drawn from the result tree: before/after per scale, the distribution
//! of the differences and their normal Q–Q plot, a forest plot of the effect sizes, and change
//! by group. Each is a standalone SVG (written to `--out-dir`) and is inlined in the HTML.

use crate::model::{ChangeRow, Report, ScaleResult, Summary, WaveSummary};
use crate::report::doc::plot::{padded, Plot, BLUE, GREEN, GREY, INK, ORANGE, PALETTE};
use crate::report::doc::words::{Lang, Text};
pub use crate::report::doc::Figure;
use crate::stats::describe::quantile_sorted;
use crate::stats::distributions::{qnorm, qt};

/// A file-name-safe version of a scale name.
pub fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() {
        "scale".into()
    } else {
        s
    }
}

fn rows_of<'a>(report: &'a Report, scale: &str) -> Vec<ChangeRow<'a>> {
    report.change.rows_of(scale).collect()
}

/// Mean ± t·SE interval, if there are at least two values.
fn mean_ci(mean: f64, se: Option<f64>, n: usize, conf: f64) -> Option<(f64, f64)> {
    let se = se?;
    if n < 2 {
        return None;
    }
    let q = qt(1.0 - (1.0 - conf) / 2.0, n as f64 - 1.0);
    Some((mean - q * se, mean + q * se))
}

/// A mean as a dot at x with its CI as a capped bar (caps `half` wide): (x, half) and
/// (mean, SE, n).
fn mean_marker(
    p: &mut Plot,
    (x, half): (f64, f64),
    (mean, se, n): (f64, Option<f64>, usize),
    colour: &str,
    conf: f64,
) {
    if let Some((lo, hi)) = mean_ci(mean, se, n, conf) {
        p.line(&[(x, lo), (x, hi)], colour, 2.5, 1.0, false);
        p.line(&[(x - half, lo), (x + half, lo)], colour, 2.5, 1.0, false);
        p.line(&[(x - half, hi), (x + half, hi)], colour, 2.5, 1.0, false);
    }
    p.point(x, mean, 5.0, colour, 1.0);
}

/// Most dots stacked on one value of the differences plot; above it, bars.
const MAX_STACK: usize = 40;
/// Most participants drawn individually in a plot (lines, jittered dots); above it, an evenly
/// spaced sample of the sorted participants (every k-th), said in the caption.
const MAX_DRAWN: usize = 300;
/// Most points of a Q–Q plot; above it, evenly spaced order statistics (both extremes kept).
const MAX_QQ: usize = 500;

/// At most `max` elements evenly spaced over `v`, the first and the last included.
fn thin<T: Copy>(v: &[T], max: usize) -> Vec<T> {
    if v.len() <= max || max < 2 {
        return v.to_vec();
    }
    (0..max).map(|i| v[i * (v.len() - 1) / (max - 1)]).collect()
}

/// "; 300 of 1000000 participants drawn, …" when a plot shows a sample, else "".
fn drawn_note(t: &Text, shown: usize, n: usize) -> String {
    if shown == n {
        return String::new();
    }
    let sep = if t.sample_drawn.is_ascii() {
        "; "
    } else {
        "；"
    };
    let note = t
        .sample_drawn
        .replace("{shown}", &shown.to_string())
        .replace("{n}", &n.to_string());
    format!("{sep}{note}")
}

/// Every figure of the report, in reading order.
pub fn figures(report: &Report, lang: Lang) -> Vec<Figure> {
    let t = Text::of(lang);
    let mut out = Vec::new();
    if let Some(f) = forest(report, &t) {
        out.push(f);
    }
    for s in &report.scales {
        out.extend(before_after(report, s, &t));
        out.extend(differences(report, s, &t));
        out.extend(qq(report, s, &t));
        out.extend(change_by_group(report, s, &t));
        out.extend(across_waves(report, s, &t));
        out.extend(jacobson_truax(report, s, &t));
    }
    out.extend(bayes_robustness(report, &t));
    out.extend(super::items::figures(report, lang));
    out
}

/// A study of three or more waves: one line per participant across the waves (those with a
/// score at every wave), with the means and their CIs on top; with a comparison group, lines
/// and means are coloured by group.
fn across_waves(report: &Report, s: &ScaleResult, t: &Text) -> Option<Figure> {
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
    })
}

/// One line per participant from pre to post, with the means and their CIs on top; with a
/// comparison group, lines and means are coloured by group.
fn before_after(report: &Report, s: &ScaleResult, t: &Text) -> Option<Figure> {
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
    })
}

/// The differences as stacked dots, with zero and the mean marked.
fn differences(report: &Report, s: &ScaleResult, t: &Text) -> Option<Figure> {
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
    })
}

/// Normal Q–Q plot of the differences (R's `qqnorm` plotting positions and `qqline`).
fn qq(report: &Report, s: &ScaleResult, t: &Text) -> Option<Figure> {
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
    })
}

/// d_z with its CI for every scale; with a comparison group, each group's d_z (the pooled
/// d_z would mix the two groups' changes).
fn forest(report: &Report, t: &Text) -> Option<Figure> {
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
    })
}

/// Change scores by group: the individual changes and each group's mean with its CI.
fn change_by_group(report: &Report, s: &ScaleResult, t: &Text) -> Option<Figure> {
    let name = report.score_name(&s.scale, t.lang);
    let (treatment, comparison) = (
        report.options.treatment.as_ref()?,
        report.options.comparison.as_ref()?,
    );
    let groups = s.groups.as_ref()?;
    let rows = rows_of(report, &s.scale);
    let ylim = padded(rows.iter().map(|r| r.change).chain([0.0]), 0.08);
    let title = format!("{}{}{}", name, t.colon, t.change_by_group);
    let mut p = Plot::new(
        &title,
        t.change_by_group_desc,
        360.0,
        320.0,
        (0.0, 1.0),
        ylim,
    );
    let cats = [
        (0.3, treatment.clone(), BLUE),
        (0.7, comparison.clone(), GREEN),
    ];
    let labels: Vec<(f64, String)> = cats.iter().map(|(x, l, _)| (*x, l.clone())).collect();
    p.axes("", t.change_axis, Some(&labels), None);
    p.line(&[(0.0, 0.0), (1.0, 0.0)], ORANGE, 1.2, 0.9, true);
    let mut note = String::new();
    for (x, label, colour) in &cats {
        let changes: Vec<f64> = rows
            .iter()
            .filter(|r| r.group == Some(label))
            .map(|r| r.change)
            .collect();
        let drawn = thin(&changes, MAX_DRAWN);
        note += &drawn_note(t, drawn.len(), changes.len());
        for (k, &c) in drawn.iter().enumerate() {
            // deterministic jitter
            let dx = ((k * 7919) % 17) as f64 - 8.0;
            p.point_offset(*x, c, dx * 2.0, 2.5, colour, 0.45);
        }
        if let Some(d) = groups.get(label).and_then(|g| g.diff.as_ref()) {
            if let Some((lo, hi)) = mean_ci(d.mean, d.se, d.n, report.options.conf_level) {
                p.line(&[(x + 0.12, lo), (x + 0.12, hi)], colour, 2.5, 1.0, false);
            }
            p.point(x + 0.12, d.mean, 5.0, colour, 1.0);
        }
    }
    Some(Figure {
        name: format!("{}_change_by_group", slug(&s.scale)),
        scale: Some(name.clone()),
        caption: format!("{name}{}{}{note}", t.caption_sep, t.change_by_group_caption),
        svg: p.render(),
    })
}

/// A convex polygon clipped to the box xlim × ylim (Sutherland–Hodgman, one edge at a time).
fn clip_to_box(poly: &[(f64, f64)], xlim: (f64, f64), ylim: (f64, f64)) -> Vec<(f64, f64)> {
    // each edge of the box: inside(point), and where a segment crosses it
    type Inside = fn(&(f64, f64), f64) -> bool;
    let edges: [(Inside, f64, bool); 4] = [
        (|p, v| p.0 >= v, xlim.0, true),
        (|p, v| p.0 <= v, xlim.1, true),
        (|p, v| p.1 >= v, ylim.0, false),
        (|p, v| p.1 <= v, ylim.1, false),
    ];
    let mut out: Vec<(f64, f64)> = poly.to_vec();
    for (inside, v, vertical) in edges {
        let input = std::mem::take(&mut out);
        for (i, &cur) in input.iter().enumerate() {
            let prev = input[(i + input.len() - 1) % input.len()];
            let cross = |a: (f64, f64), b: (f64, f64)| {
                if vertical {
                    let t = (v - a.0) / (b.0 - a.0);
                    (v, a.1 + t * (b.1 - a.1))
                } else {
                    let t = (v - a.1) / (b.1 - a.1);
                    (a.0 + t * (b.0 - a.0), v)
                }
            };
            match (inside(&cur, v), inside(&prev, v)) {
                (true, true) => out.push(cur),
                (true, false) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, true) => out.push(cross(prev, cur)),
                (false, false) => {}
            }
        }
        if out.is_empty() {
            break;
        }
    }
    out
}

/// Who changed (Jacobson & Truax 1991, Figure 1): each participant's post-test against their
/// pre-test, the diagonal of no change, the band of no reliable change (|post − pre| below the
/// critical value times S_diff, for the Jacobson–Truax index of the whole sample; with a
/// comparison group each group has its own, so none is drawn), the cut-off lines, points
/// coloured by class and, up to 40 participants, labelled with their ids. Only with a reliable
/// change index.
fn jacobson_truax(report: &Report, s: &ScaleResult, t: &Text) -> Option<Figure> {
    let name = report.score_name(&s.scale, t.lang);
    let rci = s.rci.as_ref()?;
    let s_diff = rci.s_diff?;
    let rows = rows_of(report, &s.scale);
    if rows.is_empty() || !report.options.participants {
        return None;
    }
    let grouped = report.options.treatment.is_some();
    let values = rows.iter().flat_map(|r| [r.pre, r.post]).chain(rci.cutoff);
    let lim = padded(values, 0.06);
    let title = format!("{}{}{}", name, t.colon, t.jacobson_truax);
    let mut p = Plot::new(&title, t.jacobson_truax_desc, 420.0, 420.0, lim, lim);
    p.axes(t.pre, t.post, None, None);
    // the band of no reliable change, for the index whose denominator is S_diff of the change
    // (jt, en); hll, gln and ha judge the change against a regression line
    let band = rci.critical_value * s_diff;
    if !grouped
        && matches!(
            rci.method,
            crate::stats::rci::RciMethod::Jt | crate::stats::rci::RciMethod::En
        )
    {
        let strip = [
            (lim.0, lim.0 - band),
            (lim.1, lim.1 - band),
            (lim.1, lim.1 + band),
            (lim.0, lim.0 + band),
        ];
        p.polygon(&clip_to_box(&strip, lim, lim), GREY, 0.18);
    }
    p.line(&[(lim.0, lim.0), (lim.1, lim.1)], INK, 1.0, 0.7, false);
    if let Some(c) = rci.cutoff {
        p.line(&[(c, lim.0), (c, lim.1)], ORANGE, 1.0, 0.8, true);
        p.line(&[(lim.0, c), (lim.1, c)], ORANGE, 1.0, 0.8, true);
    }
    let label = rows.len() <= 40;
    for r in &rows {
        let colour = match r.rci_class {
            Some("reliably_improved") => BLUE,
            Some("reliably_deteriorated") => ORANGE,
            _ => GREY,
        };
        let second_group = grouped && r.group == report.options.comparison.as_deref();
        if second_group {
            p.square(r.pre, r.post, 3.5, colour);
        } else {
            p.point(r.pre, r.post, 3.5, colour, 0.85);
        }
        if label {
            p.text((r.pre, r.post), (5.0, -4.0), "start", 9.0, r.id);
        }
    }
    Some(Figure {
        name: format!("{}_jacobson_truax", slug(&s.scale)),
        scale: Some(name.clone()),
        caption: format!(
            "{name}{}{}{}{} = {}{}",
            t.caption_sep,
            if grouped {
                t.jacobson_truax_groups_caption
            } else {
                t.jacobson_truax_caption
            },
            t.open,
            t.n,
            rows.len(),
            t.close
        ),
        svg: p.render(),
    })
}

/// The label of a Bayes factor tick at log10 BF = `v`: 1, 3, 10, 30 …, 1/3, 1/10 …; 1e4 and
/// 3e4 beyond 1000.
fn bf_tick(v: f64) -> String {
    if v < 0.0 {
        return format!("1/{}", bf_tick(-v));
    }
    let decade = (v + 1e-9).floor();
    let m: i64 = if v - decade > 0.1 { 3 } else { 1 };
    match decade as u32 {
        d if d >= 4 => format!("{m}e{d}"),
        d => (m * 10i64.pow(d)).to_string(),
    }
}

/// BF10 over the prior scale (JASP's robustness check): one line per scale (with a comparison
/// group, of the difference in change), the log Bayes factor up, the r used marked.
fn bayes_robustness(report: &Report, t: &Text) -> Option<Figure> {
    let grouped = report.options.treatment.is_some();
    let curves: Vec<(String, &crate::model::BayesFactor)> = report
        .scales
        .iter()
        .filter_map(|s| {
            let b = if grouped {
                s.between_groups.as_ref()?.bayes.as_ref()?
            } else {
                s.bayes.as_ref()?
            };
            (b.robustness.len() > 1).then(|| (report.score_name(&s.scale, t.lang), b))
        })
        .collect();
    if curves.is_empty() {
        return None;
    }
    let logs = curves
        .iter()
        .flat_map(|(_, b)| {
            b.robustness
                .iter()
                .map(|(_, bf)| bf.log10())
                .chain([b.bf10.log10()])
        })
        .filter(|v| v.is_finite());
    // always show BF10 = 1/3 to 3, the anecdotal band
    let ylim = padded(logs.chain([-0.5, 0.5]), 0.08);
    let legend: Vec<(&str, &str)> = curves
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (PALETTE[i % PALETTE.len()], name.as_str()))
        .collect();
    let mut p = Plot::new(
        t.bayes_robustness,
        t.bayes_robustness_desc,
        520.0,
        340.0,
        (0.5, 1.5),
        ylim,
    )
    .with_legend(&legend);
    // ticks at 1, 3, 10, 30 … and 1/3, 1/10 … (every decade alone when the range is wide)
    let third = 3f64.log10();
    let wide = ylim.1 - ylim.0 > 4.0;
    let mut ticks = Vec::new();
    for d in 0..=(ylim.0.abs().max(ylim.1.abs()).ceil() as i32) {
        let d = d as f64;
        ticks.extend([d, -d]);
        if !wide {
            ticks.extend([d + third, -(d + third)]);
        }
    }
    ticks.sort_by(f64::total_cmp);
    ticks.dedup();
    let cats: Vec<(f64, String)> = ticks
        .into_iter()
        .filter(|v| *v >= ylim.0 && *v <= ylim.1)
        .map(|v| (v, bf_tick(v)))
        .collect();
    p.axes(t.prior_scale_axis, "BF10", None, Some(&cats));
    for edge in [-1.0, -third, third, 1.0] {
        if edge > ylim.0 && edge < ylim.1 {
            p.line(&[(0.5, edge), (1.5, edge)], GREY, 1.0, 1.0, true);
        }
    }
    p.line(&[(0.5, 0.0), (1.5, 0.0)], INK, 1.0, 0.6, false);
    for (i, (_, b)) in curves.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let pts: Vec<(f64, f64)> = b
            .robustness
            .iter()
            .map(|(r, bf)| (*r, bf.log10()))
            .filter(|(_, y)| y.is_finite())
            .collect();
        p.line(&pts, colour, 2.0, 1.0, false);
        if (0.5..=1.5).contains(&b.r_scale) && b.bf10 > 0.0 {
            p.point(b.r_scale, b.bf10.log10(), 4.5, colour, 1.0);
        }
    }
    Some(Figure {
        name: "bayes_factor_robustness".into(),
        scale: None,
        caption: if grouped {
            t.bayes_robustness_groups_caption
        } else {
            t.bayes_robustness_caption
        }
        .to_string(),
        svg: p.render(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_both_ends_and_spreads_evenly() {
        let v: Vec<usize> = (0..1000).collect();
        let t = thin(&v, 5);
        assert_eq!(t, vec![0, 249, 499, 749, 999]);
        assert_eq!(thin(&v[..3], 5), vec![0, 1, 2]);
        assert_eq!(slug("a b/c"), "a_b_c");
    }

    #[test]
    fn a_band_is_clipped_to_the_panel() {
        let band = [(0.0, -2.0), (10.0, 8.0), (10.0, 12.0), (0.0, 2.0)];
        let clipped = super::clip_to_box(&band, (0.0, 10.0), (0.0, 10.0));
        assert!(clipped
            .iter()
            .all(|&(x, y)| (0.0..=10.0).contains(&x) && (0.0..=10.0).contains(&y)));
        // the corners (0, 0) and (10, 10) lie in the band and stay
        assert!(
            clipped.contains(&(10.0, 10.0)) || clipped.iter().any(|&(x, y)| x == 10.0 && y == 10.0)
        );
        assert!(clipped.len() >= 5, "{clipped:?}");
    }

    #[test]
    fn bayes_factor_ticks_read_as_ratios() {
        let third = 3f64.log10();
        assert_eq!(bf_tick(0.0), "1");
        assert_eq!(bf_tick(third), "3");
        assert_eq!(bf_tick(1.0), "10");
        assert_eq!(bf_tick(1.0 + third), "30");
        assert_eq!(bf_tick(-third), "1/3");
        assert_eq!(bf_tick(-1.0 - third), "1/30");
        assert_eq!(bf_tick(5.0), "1e5");
    }
}
