//! Markdown: the readable report as headings and pipe tables (GitHub/Pandoc flavour).

use super::super::doc::{plain, printable, Align, Block, Doc, Role, Table};

use std::fmt::Write;

/// Text as Markdown shows it and never obeys: control characters as escapes ([`printable`]);
/// no raw HTML (a `<` that could open a tag, a comment or an autolink is escaped, `\<`); no link
/// (`](` is broken, `]\(`), no reference definition at a line's start; a heading's, list's or
/// quote's mark at the start escaped. A `<` before a space or a digit ("p < .001") stays.
pub fn text(s: &str) -> String {
    escaped(s, true)
}

/// [`text`]; `line` when it starts a line (its first character may mark a heading, a list, a
/// quote or a reference), else inline (a table's cell, after a list's mark).
fn escaped(s: &str, line: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    let mut first = line;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            c if c.is_control() => out.push_str(&printable(c.encode_utf8(&mut [0; 4]))),
            '<' if next.is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(n)) => {
                out.push_str("\\<")
            }
            ']' if next == Some('(') => out.push_str("]\\"),
            '[' if first => out.push_str("\\["),
            '#' | '>' | '-' | '+' | '*' if first => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
        first = false;
    }
    out
}

/// Text of a pipe table's cell: [`text`] inline, and the bar that would end the cell escaped.
fn cell(s: &str) -> String {
    escaped(s, false).replace('|', "\\|")
}

/// A table under a heading of `level`, as a pipe table.
pub fn table(b: &Table, level: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}\n", "#".repeat(level), text(&b.title));
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
    let _ = writeln!(out, "# {}", text(&doc.title));
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
        let _ = writeln!(out, "\n{} {}\n", "#".repeat(level), text(&section.heading));
        for b in &section.blocks {
            match b {
                Block::Para(p) | Block::Legend(p) => {
                    let _ = writeln!(out, "{}\n", text(p));
                }
                Block::Sentences { text: t, .. } => {
                    let _ = writeln!(out, "{}\n", text(&plain(t)));
                }
                Block::Table(t) => {
                    out.push_str(&table(t, level + 1));
                    out.push('\n');
                }
                Block::Note(n) => {
                    let _ = writeln!(out, "- {}", escaped(n, false));
                }
                Block::Figure(_) => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_the_data_is_never_markup() {
        assert_eq!(
            text("<script>alert(1)</script>"),
            "\\<script>alert(1)\\</script>"
        );
        assert_eq!(text("p < .001, x <3"), "p < .001, x <3");
        assert_eq!(text("[a](javascript:x)"), "\\[a]\\(javascript:x)");
        assert_eq!(text("# not a heading"), "\\# not a heading");
        assert_eq!(text("a\nb\u{1b}[31m"), "a\\nb\\u{1b}[31m");
        // a backslash of the data cannot escape the escaping
        assert_eq!(text("\\<b>"), "\\\\\\<b>");
        assert_eq!(text("<!-- x -->"), "\\<!-- x -->");
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("[-0.04, 2.99]"), "[-0.04, 2.99]");
    }
}
