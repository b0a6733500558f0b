//! The tables of a report, built once from the [`Report`] and rendered by every format.
//!
//! Machine formats (CSV, TSV) write [`Table::key`] headers and numbers at full precision
//! (shortest round-trip decimal); human formats (terminal, Markdown) write the labels and
//! round. An empty cell means "not computed" (the JSON notes say why).

use crate::model::{ChangeRow, Effect, Report, ScaleResult, Summary};
use crate::report::doc::{col, Cell, Column, Table};

fn num(x: f64) -> Cell {
    Cell::Num(Some(x))
}

fn opt(x: Option<f64>) -> Cell {
    Cell::Num(x)
}

fn effect_cells(e: &Option<Effect>) -> [Cell; 3] {
    match e {
        Some(e) => [num(e.value), opt(e.ci_low), opt(e.ci_high)],
        None => [Cell::Num(None), Cell::Num(None), Cell::Num(None)],
    }
}

fn mean_sd(s: &Option<Summary>) -> [Cell; 2] {
    match s {
        Some(s) => [num(s.mean), opt(s.sd)],
        None => [Cell::Num(None), Cell::Num(None)],
    }
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
            row.extend(mean_sd(&s.pre));
            row.extend(mean_sd(&s.post));
            row.extend(mean_sd(&s.diff));
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

/// The columns of the table of every participant's change (`change.csv`): id, scale, group
/// (with --group), pre, post, change, RCI and its classes.
pub fn change_columns(report: &Report) -> Vec<Column> {
    let mut columns = vec![col("id", "Id"), col("scale", "Scale")];
    if report.options.group.is_some() {
        columns.push(col("group", "Group"));
    }
    columns.extend([
        col("pre", "Pre"),
        col("post", "Post"),
        col("change", "Change"),
        col("rci", "RCI"),
        col("rci_class", "RCI class"),
        col("clinical_class", "Clinical class"),
    ]);
    columns
}

/// One row of the change table (see [`change_columns`]).
pub fn change_cells(r: &ChangeRow, grouped: bool) -> Vec<Cell> {
    let mut row = vec![
        Cell::Text(r.id.to_string()),
        Cell::Text(r.scale.to_string()),
    ];
    if grouped {
        row.push(Cell::Text(r.group.unwrap_or_default().to_string()));
    }
    row.extend([
        num(r.pre),
        num(r.post),
        num(r.change),
        opt(r.rci),
        Cell::Text(r.rci_class.unwrap_or_default().to_string()),
        Cell::Text(r.clinical_class.unwrap_or_default().to_string()),
    ]);
    row
}

/// Treatment vs comparison per scale and test (empty without --group).
pub fn between_groups(report: &Report) -> Table {
    let columns = vec![
        col("scale", "Scale"),
        col("test", "Test"),
        col("statistic", "Statistic"),
        col("df", "df"),
        col("p_value", "p"),
        col("estimate", "Estimate"),
        col("ci_low", "CI low"),
        col("ci_high", "CI high"),
        col("method", "Method"),
    ];
    let mut rows = Vec::new();
    for s in &report.scales {
        let Some(b) = &s.between_groups else { continue };
        let name = Cell::Text(s.scale.clone());
        if let Some(w) = &b.welch {
            rows.push(vec![
                name.clone(),
                Cell::Text("welch t (change)".into()),
                num(w.t),
                num(w.df),
                Cell::P(Some(w.p_value)),
                num(w.diff),
                opt(w.ci_low),
                opt(w.ci_high),
                Cell::Text("welch".into()),
            ]);
        }
        if let Some(g) = &b.hedges_g {
            rows.push(vec![
                name.clone(),
                Cell::Text("hedges g (change)".into()),
                Cell::Num(None),
                Cell::Num(None),
                Cell::P(None),
                num(g.value),
                opt(g.ci_low),
                opt(g.ci_high),
                Cell::Text(g.ci_method.clone()),
            ]);
        }
        if let Some(m) = &b.mann_whitney {
            rows.push(vec![
                name.clone(),
                Cell::Text("mann-whitney u (change)".into()),
                num(m.u),
                Cell::Num(None),
                Cell::P(Some(m.p_value)),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Text(m.method.clone()),
            ]);
        }
        if let Some(a) = &b.ancova {
            rows.push(vec![
                name.clone(),
                Cell::Text("ancova group (post ~ pre + group)".into()),
                num(a.t),
                num(a.df),
                Cell::P(Some(a.p_value)),
                num(a.diff),
                num(a.ci_low),
                num(a.ci_high),
                Cell::Text("ols".into()),
            ]);
            rows.push(vec![
                name,
                Cell::Text("ancova pre x group interaction".into()),
                Cell::Num(None),
                Cell::Num(None),
                Cell::P(a.interaction_p),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Text("ols".into()),
            ]);
        }
        if let Some(x) = &b.sensitivity {
            let method = Cell::Text(format!("power {}, alpha {}", x.power, x.alpha));
            rows.push(vec![
                Cell::Text(s.scale.clone()),
                Cell::Text("smallest detectable d (change)".into()),
                Cell::Num(None),
                Cell::Num(None),
                Cell::P(None),
                num(x.min_d),
                Cell::Num(None),
                Cell::Num(None),
                method.clone(),
            ]);
            rows.push(vec![
                Cell::Text(s.scale.clone()),
                Cell::Text("smallest detectable d (ancova)".into()),
                opt(x.r_within),
                Cell::Num(None),
                Cell::P(None),
                opt(x.min_d_ancova),
                Cell::Num(None),
                Cell::Num(None),
                method,
            ]);
        }
        if let Some(bf) = &b.bayes {
            rows.push(vec![
                Cell::Text(s.scale.clone()),
                Cell::Text("bayes factor bf10 (change)".into()),
                Cell::Num(None),
                Cell::Num(None),
                Cell::P(None),
                num(bf.bf10),
                Cell::Num(None),
                Cell::Num(None),
                Cell::Text(format!("jzs, r = {}", bf.r_scale)),
            ]);
        }
        if let Some(r) = &b.reliable_change {
            rows.push(vec![
                Cell::Text(s.scale.clone()),
                Cell::Text("reliably improved (treatment - comparison)".into()),
                Cell::Num(None),
                Cell::Num(None),
                Cell::P(Some(r.fisher_p)),
                num(r.difference),
                num(r.ci_low),
                num(r.ci_high),
                Cell::Text("newcombe; fisher exact".into()),
            ]);
        }
    }
    Table::data("between_groups", "Between groups", columns, rows)
}

/// The analyses of a scale: everyone's, then (with a comparison group) each group's.
pub fn parts<'a>(
    report: &'a Report,
    s: &'a ScaleResult,
) -> Vec<(Option<&'a str>, &'a ScaleResult)> {
    let mut out = vec![(None, s)];
    if let (Some(groups), Some(t), Some(c)) = (
        &s.groups,
        &report.options.treatment,
        &report.options.comparison,
    ) {
        for label in [t, c] {
            if let Some(g) = groups.get(label) {
                out.push((Some(label.as_str()), g));
            }
        }
    }
    out
}

/// The first columns of a table: the scale, and the group with a comparison group.
pub fn lead_columns(report: &Report) -> Vec<Column> {
    let mut c = vec![col("scale", "Scale")];
    if report.options.treatment.is_some() {
        c.push(col("group", "Group"));
    }
    c
}

/// The cells of [`lead_columns`]: the scale, and the group ("all" for everyone).
pub fn lead_cells(report: &Report, s: &ScaleResult, g: Option<&str>) -> Vec<Cell> {
    let mut c = vec![Cell::Text(s.scale.clone())];
    if report.options.treatment.is_some() {
        c.push(Cell::Text(g.unwrap_or("all").to_string()));
    }
    c
}
