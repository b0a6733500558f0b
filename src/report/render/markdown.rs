//! Markdown: the readable report as headings and pipe tables (GitHub/Pandoc flavour).

use super::super::doc::{plain, printable, Align, Block, Doc, Role, Table};
use std::fmt::Write;

/// Escapes the characters that would break a pipe table cell.
fn cell(s: &str) -> String {
    printable(s).replace('|', "\\|")
}

pub fn table(b: &Table) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### {}\n", b.title);
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
    let _ = writeln!(out, "## {}\n", doc.title);
    for section in &doc.sections {
        match section.role {
            Role::Study => {
                for b in &section.blocks {
                    if let Block::Para(p) = b {
                        let _ = writeln!(out, "{}", printable(p));
                    }
                }
            }
            Role::Sentences if !section.blocks.is_empty() => {
                let _ = writeln!(out, "\n### {}\n", section.heading);
                for b in &section.blocks {
                    if let Block::Sentences { text, .. } = b {
                        let _ = writeln!(out, "{}\n", printable(&plain(text)));
                    }
                }
            }
            Role::Tables => {
                for t in section.tables() {
                    out.push('\n');
                    out.push_str(&table(t));
                }
            }
            Role::Notes if !section.blocks.is_empty() => {
                let _ = writeln!(out, "\n### {}\n", section.heading);
                for b in &section.blocks {
                    if let Block::Note(n) = b {
                        let _ = writeln!(out, "- {}", n);
                    }
                }
            }
            _ => {}
        }
    }
    out
}
