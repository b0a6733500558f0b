//! Rendering a [`Report`] in each output format. Renderers return text; only `io` writes files.
//! Adding a format means one file here and one variant of [`Format`].

pub mod delimited;
pub mod human;
pub mod json;
pub mod markdown;
pub mod reliability;
pub mod tables;
pub mod terminal;

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
}

/// Options of the human formats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RenderOptions {
    /// Decimals shown for estimates (p-values always get three).
    pub digits: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { digits: 2 }
    }
}

/// Renders the report in one format.
pub fn render(report: &Report, format: Format, opts: &RenderOptions) -> String {
    match format {
        Format::Terminal => terminal::render(&human::build(report, opts)),
        Format::Csv => delimited::render(&tables::results(report), b','),
        Format::Tsv => delimited::render(&tables::results(report), b'\t'),
        Format::Json => json::render(report),
        Format::Markdown => markdown::render(&human::build(report, opts)),
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
        markdown::render(&human::build(report, opts)),
    ));
    files
}
