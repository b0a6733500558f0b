//! From result trees to documents: one file per analysis family (paired, groups, change,
//! waves, items, small_study), each turning its part of a result into blocks of the
//! [`super::doc::Doc`] (sentences in English and Chinese side by side, tables for reading,
//! machine tables, figures), and one per report kind (compare, case, power, reliability, factor)
//! assembling them and implementing [`Present`](super::Present). Sections know statistics but
//! no format; only `compare.rs` calls another section's builders. This file holds what they
//! share: how a score is named, why a cell is empty, the cells of machine tables, the helpers
//! of the figures.

pub mod case;
pub mod change;
pub mod compare;
pub mod factor;
pub mod groups;
pub mod items;
pub mod levels;
pub mod paired;
pub mod power;
pub mod reliability;
pub mod screen;
pub mod small_study;
pub mod survey;
pub mod waves;

use super::doc::words::Text;
use super::doc::{sentence, Block, Doc, Figure, Lang, Meta, Role, Section, Table};
use crate::model::{ChangeRow, Effect, Report, ScaleResult, Summary};
use crate::report::doc::number::{fmt_ci, fmt_num};
use crate::report::doc::plot::Plot;
use crate::report::doc::{col, Cell, Column};
use crate::stats::distributions::qt;
use crate::stats::Alternative;

/// The sections of a report of [`Parts`] (case, power, reliability, factor) that `--sections` can name.
pub const PARTS_SECTIONS: crate::report::SectionNames = &[
    ("study", "the data, the design and the options"),
    ("brief", "the results in sentences"),
    ("tables", "the tables"),
    ("figures", "the figures (HTML, Word, LaTeX)"),
    ("notes", "the notes"),
];

/// The parts of a readable report every kind has, in reading order: the study, the results in
/// sentences, the tables, the notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Parts {
    pub title: String,
    pub preamble: Vec<String>,
    /// Heading of the sentences ("Results in brief").
    pub summary_title: String,
    /// Per score, its results as a paragraph (the key names the score).
    pub summary: Vec<(String, String)>,
    pub blocks: Vec<Table>,
    pub notes_title: String,
    pub notes: Vec<String>,
}

impl Parts {
    /// The document of these parts, with the report's figures and (HTML) its overview of every
    /// participant.
    pub fn into_doc(
        self,
        lang: Lang,
        meta: Meta,
        figures: Vec<Figure>,
        participants: Option<Section>,
    ) -> Doc {
        let t = Text::of(lang);
        let mut sections = vec![
            Section::new(
                Role::Study,
                "study",
                t.study,
                self.preamble.into_iter().map(Block::Para).collect(),
            ),
            Section::new(
                Role::Sentences,
                "brief",
                self.summary_title,
                self.summary
                    .into_iter()
                    .map(|(key, text)| Block::Sentences {
                        key,
                        text: sentence(&text),
                    })
                    .collect(),
            ),
            Section::new(
                Role::Part,
                "tables",
                t.tables,
                self.blocks.into_iter().map(Block::Table).collect(),
            ),
            Section::new(
                Role::Figures,
                "figures",
                t.figures,
                figures.into_iter().map(Block::Figure).collect(),
            ),
        ];
        sections.extend(participants);
        sections.push(Section::new(
            Role::Notes,
            "notes",
            self.notes_title,
            self.notes.into_iter().map(Block::Note).collect(),
        ));
        Doc {
            lang,
            title: self.title,
            meta,
            sections,
        }
    }
}

fn mean_sd(s: &Option<crate::model::Summary>, digits: usize) -> String {
    match s {
        Some(s) => match s.sd {
            Some(sd) => format!(
                "{} ({})",
                fmt_num(Some(s.mean), digits),
                fmt_num(Some(sd), digits)
            ),
            None => fmt_num(Some(s.mean), digits),
        },
        None => String::new(),
    }
}

fn value_ci(e: &Option<crate::model::Effect>, digits: usize, alt: Alternative) -> (String, String) {
    match e {
        Some(e) => (
            fmt_num(Some(e.value), digits),
            fmt_ci(e.ci_low, e.ci_high, digits, alt),
        ),
        None => (String::new(), String::new()),
    }
}

/// The header of adjusted p-values: "p (holm)", "p（Holm 校正）".
fn adjusted_p_header(method: &str, zh: bool) -> String {
    match (zh, adjust_name(method)) {
        (true, "") => "p（未校正）".to_string(),
        (true, name) => format!("p（{name} 校正）"),
        (false, _) => format!("p ({method})"),
    }
}

/// How a score is named in a readable report: its label in the spec, else its name.
pub fn score_name(report: &Report, scale: &str, zh: bool) -> String {
    report.score_name(scale, lang_of(zh))
}

/// The language of a `zh` flag.
pub fn lang_of(zh: bool) -> Lang {
    if zh {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// "self_perception" → "Self perception" (English sentences start with the scale's name).
pub fn pretty(name: &str) -> String {
    capitalized(&name.replace('_', " "))
}

/// The first letter in upper case.
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A score in a sentence: its label in the spec, else (English) its name with spaces for
/// underscores ("self perception"), or (Chinese) its name.
pub fn sentence_name(report: &Report, scale: &str, lang: Lang) -> String {
    match (report.score_label(scale, lang), lang) {
        (Some(label), _) => label.to_string(),
        (None, Lang::En) => scale.replace('_', " "),
        (None, Lang::Zh) => scale.to_string(),
    }
}

pub fn adjust_name(method: &str) -> &'static str {
    match method {
        "holm" => "Holm",
        "bonferroni" => "Bonferroni",
        "hochberg" => "Hochberg",
        "BH" => "Benjamini-Hochberg",
        _ => "",
    }
}

/// A scale's sentences as one paragraph (a space between English sentences, none in Chinese).
pub fn paragraph(lang: Lang, sentences: &[String]) -> String {
    match lang {
        Lang::En => sentences.join(" "),
        Lang::Zh => crate::report::doc::words::cjk_spacing(&sentences.join("")),
    }
}

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

fn mean_sd_cells(s: &Option<Summary>) -> [Cell; 2] {
    match s {
        Some(s) => [num(s.mean), opt(s.sd)],
        None => [Cell::Num(None), Cell::Num(None)],
    }
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
    fn pretty_names() {
        assert_eq!(pretty("self_perception"), "Self perception");
    }
}
