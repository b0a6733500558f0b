//! Markdown: the readable report as headings and pipe tables (GitHub/Pandoc flavour).

use super::human::{Align, Block, HumanReport};
use std::fmt::Write;

/// Escapes the characters that would break a pipe table cell.
fn cell(s: &str) -> String {
    super::human::printable(s).replace('|', "\\|")
}

pub fn block(b: &Block) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### {}\n", b.title);
    let head: Vec<String> = b.headers.iter().map(|h| cell(h)).collect();
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let rule: Vec<&str> = b
        .align
        .iter()
        .map(|a| match a {
            Align::Left => ":---",
            Align::Right => "---:",
        })
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for row in &b.rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

pub fn render(r: &HumanReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", r.title);
    for p in &r.preamble {
        let _ = writeln!(out, "{}", super::human::printable(p));
    }
    if !r.summary.is_empty() {
        let _ = writeln!(out, "\n### {}\n", r.summary_title);
        for (_, paragraph) in &r.summary {
            let _ = writeln!(out, "{}\n", super::human::printable(paragraph));
        }
    }
    for b in &r.blocks {
        out.push('\n');
        out.push_str(&block(b));
    }
    if !r.notes.is_empty() {
        let _ = writeln!(out, "\n### {}\n", r.notes_title);
        for n in &r.notes {
            let _ = writeln!(out, "- {}", n);
        }
    }
    out
}
