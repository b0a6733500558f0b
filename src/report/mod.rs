//! Rendering a [`Report`] in each output format. Renderers return text (Word: bytes); only
//! `io` writes files. Adding a format means one file here and one variant of [`Format`].

pub mod across_waves;
pub mod apa;
pub mod case;
pub mod delimited;
pub mod docx;
pub mod html;
pub mod human;
pub mod items;
pub mod json;
pub mod lang;
pub mod latex;
pub mod markdown;
pub mod number;
pub mod participants;
pub mod plots;
pub mod power;
pub mod raster;
pub mod reliability;
pub mod small_study;
pub mod svg;
pub mod tables;
pub mod terminal;

use lang::Lang;

use crate::model::Report;
use std::io::Write;

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
    /// A Word document: the sentences, three-line tables and the figures (binary: needs -o
    /// FILE or a redirection).
    Docx,
}

impl Format {
    /// The format a file's extension names (`-o results.docx`), if any.
    pub fn of_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "json" => Format::Json,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "tex" => Format::Latex,
            "docx" => Format::Docx,
            _ => return None,
        })
    }

    /// Whether the format is bytes that a terminal cannot show.
    pub fn is_binary(self) -> bool {
        self == Format::Docx
    }
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

impl RenderOptions {
    /// The options with the typeset minus sign (Markdown, HTML, LaTeX, Word).
    pub fn typeset(&self) -> RenderOptions {
        RenderOptions {
            minus: "\u{2212}",
            ..*self
        }
    }
}

/// Renders the report in one format.
pub fn render(report: &Report, format: Format, opts: &RenderOptions) -> Vec<u8> {
    let text = match format {
        Format::Terminal => terminal::render(&human::build(report, opts)),
        Format::Csv => delimited::render(&tables::results(report), b','),
        Format::Tsv => delimited::render(&tables::results(report), b'\t'),
        Format::Json => {
            let mut out = Vec::new();
            json::write(report, &mut out).expect("writing to memory");
            String::from_utf8(out).expect("serde_json writes UTF-8")
        }
        Format::Markdown => markdown::render(&human::build(report, &opts.typeset())),
        Format::Html => html::render(report, &opts.typeset()),
        Format::Latex => latex::render(report, &opts.typeset()),
        Format::Docx => return word(report, &opts.typeset()),
    };
    text.into_bytes()
}

/// The report as a Word document.
fn word(report: &Report, opts: &RenderOptions) -> Vec<u8> {
    let t = lang::Text::of(opts.lang);
    docx::page(
        &human::build(report, opts),
        opts.lang,
        t.title,
        &docx::meta(&report.prepost_version, &report.options.inputs.join(", ")),
        &plots::figures(report, opts.lang),
    )
}

/// Writes the report in one format (JSON, with every participant's rows, is streamed).
pub fn write(
    report: &Report,
    format: Format,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(report, out),
        _ => out.write_all(&render(report, format, opts)),
    }
}

/// A file of `--out-dir`.
pub struct OutFile {
    pub name: String,
    body: Body,
}

enum Body {
    Bytes(Vec<u8>),
    /// `results.json`, streamed.
    Json,
    /// `change.csv`, streamed.
    ChangeCsv,
    /// `change_waves.csv` (three or more waves).
    ChangeWavesCsv,
}

impl OutFile {
    fn text(name: impl Into<String>, text: String) -> OutFile {
        OutFile {
            name: name.into(),
            body: Body::Bytes(text.into_bytes()),
        }
    }

    /// Writes the file's contents.
    pub fn write(&self, report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
        match &self.body {
            Body::Bytes(b) => out.write_all(b),
            Body::Json => json::write(report, out),
            Body::ChangeCsv => delimited::write_change(report, b',', out),
            Body::ChangeWavesCsv => delimited::write_change_waves(report, b',', out),
        }
    }
}

/// Every file `--out-dir` holds: each table as CSV (with `reliability.csv` for item-level
/// input), the JSON tree, the Markdown, HTML, LaTeX and Word reports, and every figure.
pub fn out_dir_files(report: &Report, opts: &RenderOptions) -> Vec<OutFile> {
    let mut files: Vec<OutFile> = [
        tables::results(report),
        tables::descriptives(report),
        tables::tests(report),
        tables::effect_sizes(report),
        tables::attrition(report),
    ]
    .iter()
    .map(|t| OutFile::text(format!("{}.csv", t.name), delimited::render(t, b',')))
    .collect();
    files.push(OutFile {
        name: "change.csv".into(),
        body: Body::ChangeCsv,
    });
    if report.options.group.is_some() {
        files.push(OutFile::text(
            "between_groups.csv",
            delimited::render(&tables::between_groups(report), b','),
        ));
    }
    if across_waves::present(report) {
        files.push(OutFile {
            name: "change_waves.csv".into(),
            body: Body::ChangeWavesCsv,
        });
    }
    for t in across_waves::tables(report) {
        files.push(OutFile::text(
            format!("{}.csv", t.name),
            delimited::render(&t, b','),
        ));
    }
    if let Some(t) = items::table(report) {
        files.push(OutFile::text("items.csv", delimited::render(&t, b',')));
    }
    files.push(OutFile::text(
        "small_study.csv",
        delimited::render(&small_study::table(report), b','),
    ));
    if report.scales.iter().any(|s| s.reliability.is_some()) {
        files.push(OutFile::text(
            "reliability.csv",
            delimited::render(&tables::reliability(report), b','),
        ));
    }
    files.push(OutFile {
        name: "results.json".into(),
        body: Body::Json,
    });
    files.push(OutFile::text(
        "results.md",
        markdown::render(&human::build(report, &opts.typeset())),
    ));
    files.push(OutFile::text(
        "results.html",
        html::render(report, &opts.typeset()),
    ));
    files.push(OutFile::text(
        "results.tex",
        latex::render(report, &opts.typeset()),
    ));
    files.push(OutFile {
        name: "results.docx".into(),
        body: Body::Bytes(word(report, &opts.typeset())),
    });
    for fig in plots::figures(report, opts.lang) {
        files.push(OutFile::text(format!("{}.svg", fig.name), fig.svg));
    }
    files
}
