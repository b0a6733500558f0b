//! LaTeX: the results as APA sentences and every table as a booktabs table, a fragment to
//! `\input` into a thesis (needs `\usepackage{booktabs,graphicx}`; Chinese output needs ctex/xeCJK).

use super::apa::{self, Piece};
use super::human::{self, Align, Block};
use super::RenderOptions;
use crate::model::Report;
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

/// An APA sentence with its statistical symbols in italics (APA 7 §6.42).
pub fn sentence(s: &str) -> String {
    apa::typeset(s, |piece| match piece {
        // ties keep "M = 13.64" on one line
        Piece::Text(t) => escape(t)
            .replace(" = ", "~=~")
            .replace(" \\textless{} ", "~\\textless{}~"),
        Piece::Italic(x) => format!("\\textit{{{x}}}"),
        Piece::Sub(x, sub) => format!("${x}_{{{sub}}}$"),
        Piece::EtaP2 => "$\\eta_p^2$".to_string(),
        Piece::EtaG2 => "$\\eta_G^2$".to_string(),
        Piece::ChiSq => "$\\chi^2$".to_string(),
        Piece::Epsilon => "$\\varepsilon$".to_string(),
    })
}

fn table(out: &mut String, b: &Block) {
    let spec: String = b
        .align
        .iter()
        .map(|a| if *a == Align::Right { 'r' } else { 'l' })
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
    let head: Vec<String> = b.headers.iter().map(|h| escape(h)).collect();
    let _ = writeln!(out, "{} \\\\\n\\midrule", head.join(" & "));
    for row in &b.rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if b.align.get(i) == Some(&Align::Right) {
                    escape(&super::number::typeset_minus(c))
                } else {
                    escape(c)
                }
            })
            .collect();
        let _ = writeln!(out, "{} \\\\", cells.join(" & "));
    }
    out.push_str("\\bottomrule\n\\end{tabular}}\n\\end{table}\n\n");
}

/// Every table of a human report (the `reliability` report).
pub fn tables(h: &human::HumanReport) -> String {
    let mut out = String::from("% prepost -- needs \\usepackage{booktabs,graphicx}\n\n");
    for b in &h.blocks {
        table(&mut out, b);
    }
    out
}

pub fn render(report: &Report, opts: &RenderOptions) -> String {
    let h = human::build(report, opts);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "% prepost {} -- results of {}\n% Needs \\usepackage{{booktabs,graphicx}} (and ctex or xeCJK for Chinese).\n",
        report.prepost_version,
        report.options.inputs.join(", ")
    );
    let _ = writeln!(out, "\\subsection*{{{}}}\n", escape(&h.summary_title));
    // the ties in the sentences leave fewer break points: allow a little extra stretch
    out.push_str("{\\emergencystretch=2em\n");
    for (_, paragraph) in &h.summary {
        let _ = writeln!(out, "{}\n", sentence(paragraph));
    }
    out.push_str("}\n\n");
    for b in &h.blocks {
        table(&mut out, b);
    }
    if !h.notes.is_empty() {
        let _ = writeln!(out, "\\paragraph{{{}}}", escape(&h.notes_title));
        out.push_str("\\begin{itemize}\n");
        for n in &h.notes {
            let _ = writeln!(out, "\\item {}", escape(n));
        }
        out.push_str("\\end{itemize}\n");
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
            sentence("Total rose from M = 1.00 (SD = 0.50), t(10) = \u{2212}2.00, p = .002, d_z = 1.2."),
            "Total rose from \\textit{M}~=~1.00 (\\textit{SD}~=~0.50), \\textit{t}(10)~=~$-$2.00, \\textit{p}~=~.002, $d_{z}$~=~1.2."
        );
    }
}
