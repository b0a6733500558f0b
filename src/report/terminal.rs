//! Plain aligned text for a terminal (no colours, so it pastes anywhere).

use super::human::{Align, Block, HumanReport};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Lays out one block: title, header, a rule, rows; columns padded to their widest cell (in
/// terminal columns: a Chinese character takes two).
pub fn block(b: &Block) -> String {
    let ncol = b.headers.len();
    let printable = |row: &Vec<String>| -> Vec<String> {
        row.iter()
            .map(|c| super::human::printable(c).into_owned())
            .collect()
    };
    let headers = printable(&b.headers);
    let rows: Vec<Vec<String>> = b.rows.iter().map(printable).collect();
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
            match b.align[i] {
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

pub fn render(r: &HumanReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", r.title);
    let _ = writeln!(out, "{}", "=".repeat(r.title.width()));
    for p in &r.preamble {
        let _ = writeln!(out, "{}", super::human::printable(p));
    }
    if !r.summary.is_empty() {
        let _ = writeln!(out, "\n{}", r.summary_title);
        for (_, paragraph) in &r.summary {
            let _ = writeln!(out, "- {}", super::human::printable(paragraph));
        }
    }
    for b in &r.blocks {
        out.push('\n');
        out.push_str(&block(b));
    }
    if !r.notes.is_empty() {
        let _ = writeln!(out, "\n{}", r.notes_title);
        for n in &r.notes {
            let _ = writeln!(out, "- {n}");
        }
    }
    out
}
