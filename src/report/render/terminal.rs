//! Plain aligned text for a terminal (no colours, so it pastes anywhere).

use super::super::doc::{plain, printable, Align, Block, Doc, Role, Table};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Lays out one table: title, header, a rule, rows; columns padded to their widest cell (in
/// terminal columns: a Chinese character takes two).
pub fn table(b: &Table) -> String {
    let ncol = b.columns.len();
    let headers: Vec<String> = b
        .columns
        .iter()
        .map(|c| printable(&c.label).into_owned())
        .collect();
    let rows: Vec<Vec<String>> = b
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| printable(&c.text()).into_owned())
                .collect()
        })
        .collect();
    let mut width = vec![0usize; ncol];
    for row in std::iter::once(&headers).chain(&rows) {
        for (i, c) in row.iter().enumerate().take(ncol) {
            width[i] = width[i].max(c.width());
        }
    }
    let line = |cells: &[String]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate().take(ncol) {
            let pad = width[i] - c.width();
            if i > 0 {
                s.push_str("  ");
            }
            match b.align(i) {
                Align::Left => {
                    s.push_str(c);
                    s.push_str(&" ".repeat(pad));
                }
                Align::Right => {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(c);
                }
            }
        }
        s.trim_end().to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", b.title);
    let _ = writeln!(out, "{}", line(&headers));
    let total: usize = width.iter().sum::<usize>() + 2 * ncol.saturating_sub(1);
    let _ = writeln!(out, "{}", "-".repeat(total));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row));
    }
    out
}

pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", doc.title);
    let _ = writeln!(out, "{}", "=".repeat(doc.title.width()));
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
                let _ = writeln!(out, "\n{}", section.heading);
                for b in &section.blocks {
                    if let Block::Sentences { text, .. } = b {
                        let _ = writeln!(out, "- {}", printable(&plain(text)));
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
                let _ = writeln!(out, "\n{}", section.heading);
                for b in &section.blocks {
                    if let Block::Note(n) = b {
                        let _ = writeln!(out, "- {n}");
                    }
                }
            }
            _ => {}
        }
    }
    out
}
