//! Rendering a [`Report`] in each output format. Renderers return text; only `io` writes files.
//! Adding a format means one file here and one variant of [`Format`].

pub mod apa;
pub mod delimited;
pub mod html;
pub mod human;
pub mod json;
pub mod lang;
pub mod latex;
pub mod markdown;
pub mod plots;
pub mod reliability;
pub mod svg;
pub mod tables;
pub mod terminal;

use lang::Lang;

use crate::model::Report;

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned tables for reading in a terminal (the default).
    Terminal,
    /// The main results table, comma-separated, full precision.
    Csv,
    /// The main results table, tab-separated, full precision.
    Tsv,
    /// The whole result tree (see docs/json.md).
    Json,
    /// The readable report as Markdown tables.
    Markdown,
    /// One self-contained HTML file with tables and plots (inline CSS and SVG, no scripts).
    Html,
    /// LaTeX tables (booktabs) and the results as APA sentences, to \input into a thesis.
    Latex,
}

/// Options of the human formats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RenderOptions {
    /// Decimals shown for estimates (p-values always get three).
    pub digits: usize,
    /// Language of the human formats.
    pub lang: Lang,
    /// The minus sign of numbers in sentences: "-" in plain text, "\u{2212}" when typeset.
    pub minus: &'static str,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            digits: 2,
            lang: Lang::En,
            minus: "-",
        }
    }
}

/// The options with the typeset minus sign (Markdown, HTML, LaTeX).
fn typeset(opts: &RenderOptions) -> RenderOptions {
    RenderOptions {
        minus: "\u{2212}",
        ..*opts
    }
}

/// Renders the report in one format.
pub fn render(report: &Report, format: Format, opts: &RenderOptions) -> String {
    match format {
        Format::Terminal => terminal::render(&human::build(report, opts)),
        Format::Csv => delimited::render(&tables::results(report), b','),
        Format::Tsv => delimited::render(&tables::results(report), b'\t'),
        Format::Json => json::render(report),
        Format::Markdown => markdown::render(&human::build(report, &typeset(opts))),
        Format::Html => html::render(report, &typeset(opts)),
        Format::Latex => latex::render(report, &typeset(opts)),
    }
}

/// Every file `--out-dir` holds: each table as CSV (with `reliability.csv` for item-level
/// input), the JSON tree, and the Markdown report.
pub fn out_dir_files(report: &Report, opts: &RenderOptions) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = [
        tables::results(report),
        tables::descriptives(report),
        tables::tests(report),
        tables::effect_sizes(report),
        tables::attrition(report),
    ]
    .iter()
    .map(|t| (format!("{}.csv", t.name), delimited::render(t, b',')))
    .collect();
    files.push((
        "change.csv".into(),
        delimited::render(&tables::change(report), b','),
    ));
    if report.options.group.is_some() {
        files.push((
            "between_groups.csv".into(),
            delimited::render(&tables::between_groups(report), b','),
        ));
    }
    if report.scales.iter().any(|s| s.reliability.is_some()) {
        files.push((
            "reliability.csv".into(),
            delimited::render(&tables::reliability(report), b','),
        ));
    }
    files.push(("results.json".into(), json::render(report)));
    files.push((
        "results.md".into(),
        markdown::render(&human::build(report, &typeset(opts))),
    ));
    files.push(("results.html".into(), html::render(report, &typeset(opts))));
    files.push(("results.tex".into(), latex::render(report, &typeset(opts))));
    for fig in plots::figures(report, opts.lang) {
        files.push((format!("{}.svg", fig.name), fig.svg));
    }
    files
}
