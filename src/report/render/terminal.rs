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
    let _ = writeln!(out, "{}", printable(&b.title));
    let _ = writeln!(out, "{}", line(&headers));
    let total: usize = width.iter().sum::<usize>() + 2 * ncol.saturating_sub(1);
    let _ = writeln!(out, "{}", "-".repeat(total));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row));
    }
    out
}

/// A heading underlined: the title and level-1 headings with `=`, level-2 ones with `-`.
fn heading(out: &mut String, text: &str, level: u8) {
    let text = printable(text);
    let rule = if level <= 1 { "=" } else { "-" };
    let _ = writeln!(out, "{text}\n{}", rule.repeat(text.width()));
}

pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    heading(&mut out, &doc.title, 0);
    for section in &doc.sections {
        let shown = match section.role {
            Role::Heading => true,
            Role::Figures | Role::Participants => false,
            _ => !section.blocks.is_empty(),
        };
        if !shown {
            continue;
        }
        out.push('\n');
        heading(&mut out, &section.heading, section.level);
        for b in &section.blocks {
            match b {
                Block::Para(p) => {
                    let _ = writeln!(out, "{}", printable(p));
                }
                Block::Sentences { text, .. } => {
                    let _ = writeln!(out, "- {}", printable(&plain(text)));
                }
                Block::Table(t) => {
                    out.push('\n');
                    out.push_str(&table(t));
                }
                Block::Legend(l) => {
                    let _ = writeln!(out, "{}", printable(l));
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
