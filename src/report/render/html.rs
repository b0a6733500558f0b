//! One self-contained HTML file: inline CSS and SVG, no scripts, no fonts or anything else
//! fetched from anywhere; readable offline and printable to PDF from a browser.

use super::super::doc::number::typeset_minus;
use super::super::doc::plot::esc;
use super::super::doc::{Align, Block, Doc, Figure, Inline, Lang, Role, Section, Table};
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
p.note { margin: 0.15em 0; font-size: 0.92em; }
p.legend { font-size: 0.82em; color: #555; max-width: 52em; }
@media print {
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure, table, .apa p { break-inside: avoid; }
  .table-wrap { overflow: visible; }
}
"#;

fn table(out: &mut String, b: &Table) {
    out.push_str("<div class=\"table-wrap\"><table>\n<thead><tr>");
    for c in &b.columns {
        let class = if c.align == Align::Right {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th{class}>{}</th>", esc(&c.label));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &b.rows {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let right = b.align(i) == Align::Right;
            let class = if right { " class=\"num\"" } else { "" };
            let text = if right {
                typeset_minus(&c.text())
            } else {
                c.text().into_owned()
            };
            let _ = write!(out, "<td{class}>{}</td>", esc(&text));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

/// A paragraph of results with its statistical symbols in italics (APA 7 §6.42).
fn sentence(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => esc(t),
            Inline::Sym(s) => {
                let mut out = format!("<i>{}</i>", s.base);
                if let Some(sub) = s.sub {
                    let _ = write!(out, "<sub>{sub}</sub>");
                }
                if let Some(sup) = s.sup {
                    let _ = write!(out, "<sup>{sup}</sup>");
                }
                out
            }
        })
        .collect()
}

/// An SVG for inlining in HTML5 (the namespace attribute is implied there).
fn inline_svg(f: &Figure) -> String {
    f.svg
        .replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
}

/// A stable id for a table from its title ("Paired t-test" → "paired-t-test").
fn table_id(title: &str) -> String {
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
        "table".into()
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

/// The figures, those of all scales first, then each scale's under its name.
fn figures(out: &mut String, section: &Section) {
    let mut current: Option<&Option<String>> = None;
    for b in &section.blocks {
        let Block::Figure(f) = b else { continue };
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
            esc(&f.name),
            inline_svg(f),
            esc(&f.caption)
        );
    }
    if current.is_some() {
        out.push_str("</div>\n");
    }
}

/// The document as one HTML page: the study, the results in brief (a heading per score), the
/// parts of the results (paragraphs, then tables), the figures (grouped by their scale), the
/// participants, and the notes.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    head(&mut out, doc.lang, &doc.title);
    let _ = writeln!(
        out,
        "<p class=\"meta\">prepost {}{}</p>",
        esc(&doc.meta.version),
        doc.meta
            .inputs
            .as_deref()
            .map(|i| format!(" &middot; {}", esc(i)))
            .unwrap_or_default()
    );
    let mut open = 0u8;
    for section in &doc.sections {
        let shown = match section.role {
            Role::Heading => true,
            _ => !section.blocks.is_empty(),
        };
        if !shown {
            continue;
        }
        // a section holds the level-2 sections after it
        while open >= section.level {
            out.push_str("</section>\n");
            open -= 1;
        }
        let h = section.level + 1;
        let class = if section.role == Role::Sentences {
            " class=\"apa\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<section id=\"{}\"{class}>\n<h{h}>{}</h{h}>",
            esc(&section.id),
            esc(&section.heading)
        );
        open = section.level;
        if section.role == Role::Figures {
            figures(&mut out, section);
            continue;
        }
        for b in &section.blocks {
            match b {
                Block::Para(p) => {
                    let _ = writeln!(out, "<p>{}</p>", esc(p));
                }
                Block::Sentences { key, text } => {
                    if section.role == Role::Sentences && !key.is_empty() {
                        let _ = writeln!(out, "<h{}>{}</h{}>", h + 1, esc(key), h + 1);
                    }
                    let _ = writeln!(out, "<p>{}</p>", sentence(text));
                }
                Block::Table(t) => {
                    // (each table in a section of its own, to link to)
                    let _ = writeln!(out, "<section id=\"table-{}\">", table_id(&t.title));
                    if !t.title.is_empty() {
                        let _ = writeln!(out, "<h{}>{}</h{}>", h + 1, esc(&t.title), h + 1);
                    }
                    table(&mut out, t);
                    out.push_str("</section>\n");
                }
                Block::Legend(l) => {
                    let _ = writeln!(out, "<p class=\"legend\">{}</p>", esc(l));
                }
                Block::Note(n) => {
                    let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(n));
                }
                Block::Figure(_) => {}
            }
        }
    }
    while open > 0 {
        out.push_str("</section>\n");
        open -= 1;
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_ids() {
        assert_eq!(table_id("Paired t-test"), "paired-t-test");
        assert_eq!(table_id("描述统计"), "table");
    }

    #[test]
    fn apa_symbols_are_italic() {
        assert_eq!(
            sentence(&super::super::super::doc::sentence("M = 1.00 (SD = 0.50), t(10) = 2.00, p < .001, d_z = 1.2, \u{03b7}p\u{00b2} = .45 & more")),
            "<i>M</i> = 1.00 (<i>SD</i> = 0.50), <i>t</i>(10) = 2.00, <i>p</i> &lt; .001, <i>d</i><sub>z</sub> = 1.2, \
             <i>\u{03b7}</i><sub>p</sub><sup>2</sup> = .45 &amp; more"
        );
    }
}
