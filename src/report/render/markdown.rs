//! Markdown: the readable report as headings and pipe tables (GitHub/Pandoc flavour).

use super::super::doc::{plain, printable, Align, Block, Doc, Role, Table};
use std::fmt::Write;

/// Escapes the characters that would break a pipe table cell.
fn cell(s: &str) -> String {
    printable(s).replace('|', "\\|")
}

/// A table under a heading of `level`, as a pipe table.
pub fn table(b: &Table, level: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}\n", "#".repeat(level), cell(&b.title));
    let head: Vec<String> = b.columns.iter().map(|c| cell(&c.label)).collect();
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let rule: Vec<&str> = b
        .columns
        .iter()
        .map(|c| match c.align {
            Align::Left => ":---",
            Align::Right => "---:",
        })
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for row in &b.rows {
        let cells: Vec<String> = row.iter().map(|c| cell(&c.text())).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}", printable(&doc.title));
    for section in &doc.sections {
        let shown = match section.role {
            Role::Heading => true,
            Role::Figures | Role::Participants => false,
            _ => !section.blocks.is_empty(),
        };
        if !shown {
            continue;
        }
        let level = usize::from(section.level) + 1;
        let _ = writeln!(
            out,
            "\n{} {}\n",
            "#".repeat(level),
            printable(&section.heading)
        );
        for b in &section.blocks {
            match b {
                Block::Para(p) | Block::Legend(p) => {
                    let _ = writeln!(out, "{}\n", printable(p));
                }
                Block::Sentences { text, .. } => {
                    let _ = writeln!(out, "{}\n", printable(&plain(text)));
                }
                Block::Table(t) => {
                    out.push_str(&table(t, level + 1));
                    out.push('\n');
                }
                Block::Note(n) => {
                    let _ = writeln!(out, "- {}", printable(n));
                }
                Block::Figure(_) => {}
            }
        }
    }
    out
}
