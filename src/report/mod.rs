//! Reports: a result tree as bytes, in three rooms with one door between each pair.
//!
//! ```text
//! result tree ──sections/──► Doc (doc/) ──render/──► bytes
//! ```
//!
//! [`sections`] turn each kind of result (compare, case, power, reliability, factor) into one
//! [`doc::Doc`] and its machine tables, through [`Present`]; [`doc`] is the document, its words
//! in each language, its numbers and its plot canvas, and knows no statistic; [`mod@render`] writes
//! a document (or a table) in one format and knows no statistic either. This file holds the one
//! `match` over [`Format`] and the one listing of `--out-dir`: a new format is one renderer and
//! one variant here; a new report kind is one section file implementing [`Present`]. JSON is
//! the result tree itself ([`json`] streams compare's). Renderers return bytes; only `io`
//! writes files.

pub mod doc;
pub mod json;
pub mod render;
pub mod sections;

use doc::Stream;
use doc::{Doc, Table};
use std::io::Write;

/// Output formats of the reports.
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

/// Options of the readable formats.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Decimals shown for estimates (p-values always get three).
    pub digits: usize,
    /// Language of the readable formats.
    pub lang: doc::Lang,
    /// The minus sign of numbers in sentences: "-" in plain text, "\u{2212}" when typeset.
    pub minus: &'static str,
    /// Whether the document draws its figures (formats that show them).
    pub figures: bool,
    /// `--sections`: the parts of the document written (None: all).
    pub sections: Option<Vec<String>>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            digits: 2,
            lang: doc::Lang::En,
            minus: "-",
            figures: false,
            sections: None,
        }
    }
}

impl RenderOptions {
    /// The options of a document written in `format`: its typography and whether it shows
    /// figures.
    fn for_format(&self, format: Format) -> RenderOptions {
        let typeset = !matches!(format, Format::Terminal);
        RenderOptions {
            minus: if typeset { "\u{2212}" } else { "-" },
            figures: matches!(format, Format::Html | Format::Docx),
            ..self.clone()
        }
    }

    /// The options of the documents of `--out-dir` (typeset, with figures).
    fn for_out_dir(&self) -> RenderOptions {
        RenderOptions {
            minus: "\u{2212}",
            figures: true,
            ..self.clone()
        }
    }
}

/// A kind of result that can be reported: as one readable document, as machine tables and as
/// JSON. Each report kind implements it in its section file.
pub trait Present: Sync {
    /// The readable report, built once per run.
    fn document(&self, opts: &RenderOptions) -> Doc;
    /// The machine tables: the first is what `--format csv|tsv` writes; each is a CSV file of
    /// `--out-dir` (named by its [`Table::name`]).
    fn tables(&self) -> Vec<Table>;
    /// Machine tables too large to build at once, streamed as CSV files of `--out-dir`.
    fn streams(&self) -> Vec<(&'static str, Stream<'_>)> {
        Vec::new()
    }
    /// The result tree as JSON.
    fn write_json(&self, out: &mut dyn Write) -> std::io::Result<()>;
}

/// The sections of a report kind that `--sections` can name: (name, what it holds).
pub type SectionNames = &'static [(&'static str, &'static str)];

/// The readable document of a report, with only the sections asked for (`--sections`).
fn document(report: &dyn Present, opts: &RenderOptions) -> Doc {
    let mut doc = report.document(opts);
    if let Some(names) = &opts.sections {
        doc.select(names);
    }
    doc
}

/// Renders a report in one format.
pub fn render(report: &dyn Present, format: Format, opts: &RenderOptions) -> Vec<u8> {
    let doc = || document(report, &opts.for_format(format));
    match format {
        Format::Terminal => render::terminal::render(&doc()).into_bytes(),
        Format::Markdown => render::markdown::render(&doc()).into_bytes(),
        Format::Html => render::html::render(&doc()).into_bytes(),
        Format::Latex => render::latex::render(&doc()).into_bytes(),
        Format::Docx => render::docx::render(&doc()),
        Format::Csv => render::delimited::render(&report.tables()[0], b',').into_bytes(),
        Format::Tsv => render::delimited::render(&report.tables()[0], b'\t').into_bytes(),
        Format::Json => {
            let mut out = Vec::new();
            report.write_json(&mut out).expect("writing to memory");
            out
        }
    }
}

/// Writes a report in one format (JSON streamed).
pub fn write(
    report: &dyn Present,
    format: Format,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => report.write_json(out),
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
    /// A stream of [`Present::streams`], by its place.
    Stream(usize),
}

impl OutFile {
    fn bytes(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> OutFile {
        OutFile {
            name: name.into(),
            body: Body::Bytes(bytes.into()),
        }
    }

    /// Writes the file's contents.
    pub fn write(&self, report: &dyn Present, out: &mut dyn Write) -> std::io::Result<()> {
        match &self.body {
            Body::Bytes(b) => out.write_all(b),
            Body::Json => report.write_json(out),
            Body::Stream(k) => {
                let streams = report.streams();
                render::delimited::write_stream(&streams[*k].1, b',', out)
            }
        }
    }
}

/// Every file `--out-dir` holds: each machine table as CSV, the streamed ones, the JSON tree,
/// the Markdown, HTML, LaTeX and Word reports (one document, built once), and every figure (as
/// SVG, and as PNG for LaTeX).
pub fn out_dir_files(report: &dyn Present, opts: &RenderOptions) -> Vec<OutFile> {
    let mut files: Vec<OutFile> = report
        .tables()
        .iter()
        .map(|t| {
            OutFile::bytes(
                format!("{}.csv", t.name),
                render::delimited::render(t, b','),
            )
        })
        .collect();
    for (k, (name, _)) in report.streams().iter().enumerate() {
        files.push(OutFile {
            name: format!("{name}.csv"),
            body: Body::Stream(k),
        });
    }
    files.push(OutFile {
        name: "results.json".into(),
        body: Body::Json,
    });
    let doc = document(report, &opts.for_out_dir());
    files.push(OutFile::bytes("results.md", render::markdown::render(&doc)));
    files.push(OutFile::bytes("results.html", render::html::render(&doc)));
    files.push(OutFile::bytes("results.tex", render::latex::render(&doc)));
    files.push(OutFile::bytes("results.docx", render::docx::render(&doc)));
    for fig in doc.figures() {
        files.push(OutFile::bytes(format!("{}.svg", fig.name), fig.svg.clone()));
        // (the pictures LaTeX includes; Word drew them already)
        if let Ok((png, _)) = render::raster::figure_png(fig) {
            files.push(OutFile::bytes(format!("{}.png", fig.name), png.clone()));
        }
    }
    files
}
