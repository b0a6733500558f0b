//! LaTeX: the results as APA sentences and every table as a booktabs table, a fragment to
//! `\input` into a thesis (needs `\usepackage{booktabs,graphicx}`; Chinese output needs ctex/xeCJK).

use super::super::doc::number::typeset_minus;
use super::super::doc::{printable, Align, Block, Doc, Figure, Inline, Role, Table};
use std::fmt::Write;

/// Escapes LaTeX's special characters.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            // in text mode with pdflatex's default OT1 encoding "<" would print as "¡"
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '|' => out.push_str("\\textbar{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\u{2212}' => out.push_str("$-$"),
            '\u{221e}' => out.push_str("$\\infty$"),
            '\u{03b7}' => out.push_str("$\\eta$"),
            '\u{03c7}' => out.push_str("$\\chi$"),
            '\u{03b5}' => out.push_str("$\\varepsilon$"),
            '\u{03b1}' => out.push_str("$\\alpha$"),
            '\u{2265}' => out.push_str("$\\geq$"),
            '\u{2264}' => out.push_str("$\\leq$"),
            '\u{00b1}' => out.push_str("$\\pm$"),
            '\u{00d7}' => out.push_str("$\\times$"),
            '\u{2192}' => out.push_str("$\\rightarrow$"),
            '\u{00b2}' => out.push_str("\\textsuperscript{2}"),
            // a line break inside an id or name would end a table row or a paragraph
            c if c.is_control() => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A paragraph of results with its statistical symbols in italics (APA 7 §6.42).
pub fn sentence(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            // ties keep "M = 13.64" on one line
            Inline::Text(t) => escape(t)
                .replace(" = ", "~=~")
                .replace(" \\textless{} ", "~\\textless{}~"),
            Inline::Sym(s) => match (s.sub, s.sup) {
                (None, None) if s.base.is_ascii() => format!("\\textit{{{}}}", s.base),
                _ => {
                    let base = match s.base {
                        "\u{03b7}" => "\\eta",
                        "\u{03c7}" => "\\chi",
                        "\u{03b5}" => "\\varepsilon",
                        b => b,
                    };
                    let mut out = format!("${base}");
                    if let Some(sub) = s.sub {
                        if s.sup.is_some() {
                            let _ = write!(out, "_{sub}");
                        } else {
                            let _ = write!(out, "_{{{sub}}}");
                        }
                    }
                    if let Some(sup) = s.sup {
                        let _ = write!(out, "^{sup}");
                    }
                    out.push('$');
                    out
                }
            },
        })
        .collect()
}

fn table(out: &mut String, b: &Table) {
    let spec: String = b
        .columns
        .iter()
        .map(|c| if c.align == Align::Right { 'r' } else { 'l' })
        .collect();
    // \resizebox shrinks a table wider than the text to fit (never enlarges a narrow one)
    let _ = writeln!(
        out,
        "\\begin{{table}}[htbp]\n\\centering\n\\small\n\\setlength{{\\tabcolsep}}{{4pt}}\n\\caption{{{}}}",
        escape(&b.title)
    );
    let _ = writeln!(
        out,
        "\\resizebox{{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}}{{!}}{{%\n\\begin{{tabular}}{{{spec}}}\n\\toprule"
    );
    let head: Vec<String> = b.columns.iter().map(|c| escape(&c.label)).collect();
    let _ = writeln!(out, "{} \\\\\n\\midrule", head.join(" & "));
    for row in &b.rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if b.align(i) == Align::Right {
                    escape(&typeset_minus(&c.text()))
                } else {
                    escape(&c.text())
                }
            })
            .collect();
        let _ = writeln!(out, "{} \\\\", cells.join(" & "));
    }
    out.push_str("\\bottomrule\n\\end{tabular}}\n\\end{table}\n\n");
}

/// A figure as a float: the picture `--out-dir` writes beside the `.tex` file (`NAME.png`).
fn figure(out: &mut String, f: &Figure) {
    let _ = writeln!(
        out,
        "\\begin{{figure}}[htbp]\n\\centering\n\\includegraphics[width=\\linewidth,height=0.45\\textheight,keepaspectratio]{{{}}}\n\\caption{{{}}}\n\\end{{figure}}\n",
        escape(&f.name),
        escape(&f.caption)
    );
}

/// The document as a LaTeX fragment: the title, the study, the results in brief (a paragraph
/// per score), the parts of the results (paragraphs, then their tables), the figures and the
/// notes.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    // (a comment ends at a line break: one inside a file name is written as an escape)
    let _ = writeln!(
        out,
        "% prepost {} -- {}{}\n% Needs \\usepackage{{booktabs,graphicx}} (and ctex or xeCJK for Chinese); the figures are the\n% PNG files that --out-dir writes beside this file.\n",
        printable(&doc.meta.version),
        printable(&doc.title),
        doc.meta
            .inputs
            .as_deref()
            .map(|i| format!(" -- {}", printable(i)))
            .unwrap_or_default()
    );
    let _ = writeln!(out, "\\section*{{{}}}\n", escape(&doc.title));
    for section in &doc.sections {
        let shown = match section.role {
            Role::Heading => true,
            Role::Participants => false,
            _ => !section.blocks.is_empty(),
        };
        if !shown {
            continue;
        }
        let command = if section.level <= 1 {
            "subsection"
        } else {
            "subsubsection"
        };
        let _ = writeln!(out, "\\{command}*{{{}}}\n", escape(&section.heading));
        let mut notes = false;
        for b in &section.blocks {
            if notes && !matches!(b, Block::Note(_)) {
                out.push_str("\\end{itemize}\n\n");
                notes = false;
            }
            match b {
                Block::Para(p) | Block::Legend(p) => {
                    let _ = writeln!(out, "{}\n", escape(p));
                }
                Block::Sentences { key, text } => {
                    // the ties in the sentences leave fewer break points: a little extra stretch
                    out.push_str("{\\emergencystretch=2em\n");
                    if section.role == Role::Sentences && !key.is_empty() {
                        let _ = write!(out, "\\paragraph{{{}}} ", escape(key));
                    }
                    let _ = writeln!(out, "{}\\par}}\n", sentence(text));
                }
                Block::Table(t) => table(&mut out, t),
                Block::Figure(f) => figure(&mut out, f),
                Block::Note(n) => {
                    if !notes {
                        out.push_str("\\begin{itemize}\n");
                        notes = true;
                    }
                    let _ = writeln!(out, "\\item {}", escape(n));
                }
            }
        }
        if notes {
            out.push_str("\\end{itemize}\n\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_italicizes() {
        assert_eq!(escape("a_b & 50% #1"), "a\\_b \\& 50\\% \\#1");
        assert_eq!(escape("p < .001"), "p \\textless{} .001");
        assert_eq!(
            sentence(&super::super::super::doc::sentence("Total rose from M = 1.00 (SD = 0.50), t(10) = \u{2212}2.00, p = .002, d_z = 1.2, \u{03b7}p\u{00b2} = .4, \u{03c7}\u{00b2}(2) = 1, \u{03b5} = .5.")),
            "Total rose from \\textit{M}~=~1.00 (\\textit{SD}~=~0.50), \\textit{t}(10)~=~$-$2.00, \\textit{p}~=~.002, $d_{z}$~=~1.2, $\\eta_p^2$~=~.4, $\\chi^2$(2)~=~1, $\\varepsilon$~=~.5."
        );
    }
}
