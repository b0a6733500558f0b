//! One self-contained HTML file: inline CSS and SVG, no scripts, no fonts or anything else
//! fetched from anywhere; readable offline and printable to PDF from a browser.

use super::apa::{self, Piece};
use super::human::{self, Align, Block};
use super::lang::{Lang, Text};
use super::plots::{self, Figure};
use super::svg::esc;
use super::RenderOptions;
use crate::model::Report;
use std::collections::HashMap;
use std::fmt::Write;

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC",
       "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; margin: 0; line-height: 1.5;
       background: #fff; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.6em; margin: 0.2em 0 0.1em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ddd; padding-bottom: 0.15em; margin-top: 1.8em; }
h3 { font-size: 1.02em; margin: 1em 0 0.2em; }
p.meta { color: #666; margin-top: 0; font-size: 0.9em; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.86em; margin: 0.4em 0 0.8em;
        font-variant-numeric: tabular-nums; }
th, td { padding: 0.22em 0.6em; border-bottom: 1px solid #e6e6e6; text-align: left;
         white-space: nowrap; vertical-align: top; }
thead th { border-top: 2px solid #222; border-bottom: 1px solid #222; font-weight: 600; }
tbody tr:last-child td { border-bottom: 2px solid #222; }
td.num, th.num { text-align: right; }
.apa p { margin: 0.25em 0 0.6em; max-width: 52em; }
.figures { display: flex; flex-wrap: wrap; gap: 18px 22px; align-items: flex-start; }
figure { margin: 0; max-width: 100%; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 0.82em; color: #555; max-width: 440px; margin-top: 4px; }
ul.notes li { margin: 0.15em 0; }
p.legend { font-size: 0.82em; color: #555; max-width: 52em; }
@media print {
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure, table, .apa p { break-inside: avoid; }
  .table-wrap { overflow: visible; }
}
"#;

fn table(out: &mut String, b: &Block) {
    out.push_str("<div class=\"table-wrap\"><table>\n<thead><tr>");
    for (h, a) in b.headers.iter().zip(&b.align) {
        let class = if *a == Align::Right {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th{class}>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &b.rows {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let right = b.align.get(i) == Some(&Align::Right);
            let class = if right { " class=\"num\"" } else { "" };
            let text = if right {
                super::number::typeset_minus(c)
            } else {
                c.clone()
            };
            let _ = write!(out, "<td{class}>{}</td>", esc(&text));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

/// An APA paragraph with its statistical symbols in italics (APA 7 §6.42).
fn sentence(s: &str) -> String {
    apa::typeset(s, |piece| match piece {
        Piece::Text(t) => esc(t),
        Piece::Italic(x) => format!("<i>{x}</i>"),
        Piece::Sub(x, sub) => format!("<i>{x}</i><sub>{sub}</sub>"),
        Piece::EtaP2 => "<i>\u{03b7}</i><sub>p</sub><sup>2</sup>".to_string(),
        Piece::EtaG2 => "<i>\u{03b7}</i><sub>G</sub><sup>2</sup>".to_string(),
        Piece::ChiSq => "<i>\u{03c7}</i><sup>2</sup>".to_string(),
        Piece::Epsilon => "<i>\u{03b5}</i>".to_string(),
    })
}

/// One row per participant, one column per scale: the change with a mark for reliable change
/// (and recovery with a cut-off); change.csv has every value.
fn participants(out: &mut String, report: &Report, opts: &RenderOptions, t: &Text) {
    let scales: Vec<&str> = report.scales.iter().map(|s| s.scale.as_str()).collect();
    let column: HashMap<&str, usize> = scales.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    // participants in order of appearance: id → row
    let mut row_of: HashMap<&str, usize> = HashMap::new();
    let mut table_rows: Vec<(&str, Option<&str>, Vec<String>)> = Vec::new();
    for r in report.change.rows() {
        let next = row_of.len();
        let row = *row_of.entry(r.id).or_insert(next);
        if row >= MAX_PARTICIPANT_ROWS {
            continue;
        }
        if row == table_rows.len() {
            table_rows.push((r.id, r.group, vec![String::new(); scales.len()]));
        }
        let mark = match (r.rci_class, r.clinical_class) {
            (_, Some("recovered")) => " \u{2191}R",
            (Some("reliably_improved"), _) => " \u{2191}",
            (Some("reliably_deteriorated"), _) => " \u{2193}",
            _ => "",
        };
        if let Some(&c) = column.get(r.scale) {
            table_rows[row].2[c] = format!(
                "{}{mark}",
                super::number::fmt_num(Some(r.change), opts.digits)
            );
        }
    }
    let grouped = report.options.group.is_some();
    let mut headers = vec![t.id.to_string()];
    let mut align = vec![Align::Left];
    if grouped {
        headers.push(t.group.to_string());
        align.push(Align::Left);
    }
    headers.extend(scales.iter().map(|s| report.score_name(s, opts.lang)));
    align.extend(scales.iter().map(|_| Align::Right));
    let rows: Vec<Vec<String>> = table_rows
        .into_iter()
        .map(|(id, group, cells)| {
            let mut row = vec![id.to_string()];
            if grouped {
                row.push(group.unwrap_or_default().to_string());
            }
            row.extend(cells);
            row
        })
        .collect();
    table(
        out,
        &Block {
            title: String::new(),
            headers,
            align,
            rows,
        },
    );
    let clinical = report.change.rows().any(|r| r.clinical_class.is_some());
    let _ = writeln!(
        out,
        "<p class=\"legend\">{}{}</p>",
        esc(t.change_legend),
        if clinical {
            esc(t.recovered_legend)
        } else {
            String::new()
        }
    );
    if row_of.len() > MAX_PARTICIPANT_ROWS {
        let _ = writeln!(
            out,
            "<p class=\"legend\">{} / {} (change.csv)</p>",
            MAX_PARTICIPANT_ROWS,
            row_of.len()
        );
    }
}

/// An SVG for inlining in HTML5 (the namespace attribute is implied there).
fn inline_svg(f: &Figure) -> String {
    f.svg
        .replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
}

/// A stable id for a section from its title.
fn section_id(title: &str) -> String {
    let s: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "section".into()
    } else {
        s
    }
}

/// The document up to `<main>`: language, title, the inline style sheet.
fn head(out: &mut String, lang: Lang, title: &str) {
    let lang = match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"prepost {}\">\n<title>{}</title>\n<style>{CSS}</style>\n\
         </head>\n<body>\n<main>\n<h1>{}</h1>\n",
        env!("CARGO_PKG_VERSION"),
        esc(title),
        esc(title)
    );
}

/// Every table of a human report, one section each.
fn sections(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        let _ = writeln!(
            out,
            "<section id=\"{}\">\n<h2>{}</h2>",
            section_id(&b.title),
            esc(&b.title)
        );
        table(out, b);
        out.push_str("</section>\n");
    }
}

/// A plain HTML document of a human report's preamble, sentences and tables (the `reliability`
/// and `power` reports).
pub fn document(h: &human::HumanReport, lang: Lang) -> String {
    let mut out = String::new();
    head(&mut out, lang, &h.title);
    for p in &h.preamble {
        let _ = writeln!(out, "<p>{}</p>", esc(p));
    }
    if !h.summary.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"summary\">\n<h2>{}</h2>",
            esc(&h.summary_title)
        );
        for (_, paragraph) in &h.summary {
            let _ = writeln!(out, "<p>{}</p>", sentence(paragraph));
        }
        out.push_str("</section>\n");
    }
    sections(&mut out, &h.blocks);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// At most this many participant rows are listed in the HTML (change.csv holds them all).
const MAX_PARTICIPANT_ROWS: usize = 500;

pub fn render(report: &Report, opts: &RenderOptions) -> String {
    let t = Text::of(opts.lang);
    let h = human::build(report, opts);
    let meta = format!(
        "prepost {} &middot; {}",
        esc(&report.prepost_version),
        esc(&report.options.inputs.join(", "))
    );
    let participants = report.change.rows().any(|r| r.rci.is_some()).then(|| {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "<section id=\"participants\">\n<h2>{}</h2>",
            esc(t.per_participant)
        );
        participants(&mut out, report, opts, &t);
        out.push_str("</section>\n");
        out
    });
    page(
        &h,
        opts.lang,
        t.title,
        &meta,
        &plots::figures(report, opts.lang),
        participants.as_deref(),
    )
}

/// A report as one HTML page: the study, the sentences (a heading per key), every table, the
/// figures (grouped by their scale), an `extra` section, and the notes. `meta` and `extra` are
/// HTML (escaped by the caller).
pub fn page(
    h: &human::HumanReport,
    lang: Lang,
    title: &str,
    meta: &str,
    figs: &[Figure],
    extra: Option<&str>,
) -> String {
    let t = Text::of(lang);
    let mut out = String::new();
    head(&mut out, lang, title);
    let _ = writeln!(out, "<p class=\"meta\">{meta}</p>");

    let _ = writeln!(out, "<section id=\"study\">\n<h2>{}</h2>", esc(t.study));
    for p in &h.preamble {
        let _ = writeln!(out, "<p>{}</p>", esc(p));
    }
    out.push_str("</section>\n");

    let _ = writeln!(
        out,
        "<section id=\"summary\" class=\"apa\">\n<h2>{}</h2>",
        esc(&h.summary_title)
    );
    for (scale, paragraph) in &h.summary {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<p>{}</p>",
            esc(scale),
            sentence(paragraph)
        );
    }
    out.push_str("</section>\n");

    sections(&mut out, &h.blocks);

    if !figs.is_empty() {
        let _ = writeln!(out, "<section id=\"figures\">\n<h2>{}</h2>", esc(t.figures));
        // the figures of all scales first, then each scale's under its name
        let mut current: Option<&Option<String>> = None;
        for f in figs {
            if current != Some(&f.scale) {
                if current.is_some() {
                    out.push_str("</div>\n");
                }
                if let Some(scale) = &f.scale {
                    let _ = writeln!(out, "<h3>{}</h3>", esc(scale));
                }
                out.push_str("<div class=\"figures\">\n");
                current = Some(&f.scale);
            }
            let _ = writeln!(
                out,
                "<figure id=\"fig-{}\">{}<figcaption>{}</figcaption></figure>",
                f.name,
                inline_svg(f),
                esc(&f.caption)
            );
        }
        out.push_str("</div>\n</section>\n");
    }

    if let Some(extra) = extra {
        out.push_str(extra);
    }

    if !h.notes.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"notes\">\n<h2>{}</h2>\n<ul class=\"notes\">",
            esc(&h.notes_title)
        );
        for n in &h.notes {
            let _ = writeln!(out, "<li>{}</li>", esc(n));
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_ids() {
        assert_eq!(section_id("Paired t-test"), "paired-t-test");
    }

    #[test]
    fn apa_symbols_are_italic() {
        assert_eq!(
            sentence("M = 1.00 (SD = 0.50), t(10) = 2.00, p < .001, d_z = 1.2, \u{03b7}p\u{00b2} = .45 & more"),
            "<i>M</i> = 1.00 (<i>SD</i> = 0.50), <i>t</i>(10) = 2.00, <i>p</i> &lt; .001, <i>d</i><sub>z</sub> = 1.2, \
             <i>\u{03b7}</i><sub>p</sub><sup>2</sup> = .45 &amp; more"
        );
    }
}
