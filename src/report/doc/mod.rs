//! The document every readable format is written from: a title, what made it, and sections of
//! blocks (paragraphs, a scale's sentences, tables, figures, legends, notes). It knows no
//! statistic (the sections under [`super::sections`] build it from the result tree) and no
//! format (the renderers under [`mod@super::render`] write it). Modelled on pandoc's `Block` and
//! `Inline`, cut down to what a results report needs.
//!
//! A document is built once per run, in the language and the typography of the run (plain
//! text for a terminal, typeset for the others: the minus sign of the numbers in its
//! sentences); the renderers never parse numbers or symbols back out of text. Table cells keep
//! their type, so that a machine format writes every digit and a readable one rounds.

pub mod number;
pub mod plot;
pub mod words;

pub use crate::scale::spec::Lang;
use std::borrow::Cow;

/// A readable report.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub lang: Lang,
    /// The report's title.
    pub title: String,
    /// What made the document, from which inputs.
    pub meta: Meta,
    pub sections: Vec<Section>,
}

/// The program and the inputs a document was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub version: String,
    /// The input files, as the report names them (None: a report of no file).
    pub inputs: Option<String>,
}

/// A part of the document: its role (which tells a renderer how the part is laid out), its
/// level (1: a part of the report; 2: a part of a part), a stable id (for HTML anchors and
/// `--sections`), its heading and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub role: Role,
    pub level: u8,
    pub id: Cow<'static, str>,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// What a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The data, the design and the options: plain paragraphs.
    Study,
    /// The results in brief: a paragraph per score, each under the score's name.
    Sentences,
    /// A part of the results: its paragraphs (a score's sentences, which name it), then its
    /// tables.
    Part,
    /// A heading over the parts that follow it.
    Heading,
    /// The figures (formats that show pictures).
    Figures,
    /// Every participant's change in one overview table (HTML).
    Participants,
    /// The notes.
    Notes,
}

/// A block of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of plain text.
    Para(String),
    /// The results of one score in sentences (`key` names the score; empty: the report's
    /// only paragraph).
    Sentences {
        key: String,
        text: Vec<Inline>,
    },
    Table(Table),
    Figure(Figure),
    /// A line explaining the marks of the table before it.
    Legend(String),
    /// A note.
    Note(String),
}

/// A piece of text in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    /// A statistical symbol, typeset where the format can (APA 7 §6.42).
    Sym(Sym),
}

/// A statistical symbol: a letter (or letters) in italics, with a subscript and a superscript,
/// and how plain text writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sym {
    pub base: &'static str,
    pub sub: Option<&'static str>,
    pub sup: Option<&'static str>,
    /// The symbol as plain text ("d_z", "BF10", "ηp²").
    pub plain: &'static str,
}

impl Sym {
    const fn italic(base: &'static str) -> Sym {
        Sym {
            base,
            sub: None,
            sup: None,
            plain: base,
        }
    }

    const fn sub(base: &'static str, sub: &'static str, plain: &'static str) -> Sym {
        Sym {
            base,
            sub: Some(sub),
            sup: None,
            plain,
        }
    }
}

/// The symbols of the sentences: (how a sentence writes it, the symbol, bytes it covers).
const SENTENCE_SYMBOLS: [(&str, Sym, usize); 21] = [
    ("d_z", Sym::sub("d", "z", "d_z"), 3),
    ("BF10", Sym::sub("BF", "10", "BF10"), 4),
    ("BF01", Sym::sub("BF", "01", "BF01"), 4),
    ("r_xx", Sym::sub("r", "xx", "r_xx"), 4),
    (
        "\u{03b7}p\u{00b2}",
        Sym {
            base: "\u{03b7}",
            sub: Some("p"),
            sup: Some("2"),
            plain: "\u{03b7}p\u{00b2}",
        },
        "\u{03b7}p\u{00b2}".len(),
    ),
    (
        "\u{03b7}G\u{00b2}",
        Sym {
            base: "\u{03b7}",
            sub: Some("G"),
            sup: Some("2"),
            plain: "\u{03b7}G\u{00b2}",
        },
        "\u{03b7}G\u{00b2}".len(),
    ),
    (
        "\u{03c7}\u{00b2}(",
        Sym {
            base: "\u{03c7}",
            sub: None,
            sup: Some("2"),
            plain: "\u{03c7}\u{00b2}",
        },
        "\u{03c7}\u{00b2}".len(),
    ),
    ("\u{03b5} = ", Sym::italic("\u{03b5}"), "\u{03b5}".len()),
    ("F(", Sym::italic("F"), 1),
    ("W = ", Sym::italic("W"), 1),
    ("SD = ", Sym::italic("SD"), 2),
    ("M = ", Sym::italic("M"), 1),
    ("t(", Sym::italic("t"), 1),
    ("p = ", Sym::italic("p"), 1),
    ("p < ", Sym::italic("p"), 1),
    ("V = ", Sym::italic("V"), 1),
    ("z = ", Sym::italic("z"), 1),
    ("r = ", Sym::italic("r"), 1),
    ("g = ", Sym::italic("g"), 1),
    ("d \u{2265} ", Sym::italic("d"), 1),
    ("d \u{2264} ", Sym::italic("d"), 1),
];

/// A sentence of results as text and symbols (a symbol counts only at the start of a word:
/// "t(" in "Welch's t(18.9)", not in "post(").
pub fn sentence(s: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let (mut plain, mut i) = (0, 0);
    let text = |out: &mut Vec<Inline>, t: &str| {
        if !t.is_empty() {
            out.push(Inline::Text(t.to_string()));
        }
    };
    while i < s.len() {
        let word_start = s[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '\'');
        let hit = SENTENCE_SYMBOLS
            .iter()
            .find(|(pat, _, _)| word_start && s[i..].starts_with(pat));
        match hit {
            Some((_, sym, len)) => {
                text(&mut out, &s[plain..i]);
                out.push(Inline::Sym(*sym));
                i += len;
                plain = i;
            }
            None => i += s[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    text(&mut out, &s[plain..]);
    out
}

/// Inlines as plain text.
pub fn plain(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => t.as_str(),
            Inline::Sym(s) => s.plain,
        })
        .collect()
}

/// The symbols APA italicizes (§6.44) when they stand as a word of a table header ("Pre M",
/// "(SD)", "p").
const HEADER_SYMBOLS: [&str; 17] = [
    "M", "SD", "SE", "Mdn", "t", "p", "z", "r", "d", "g", "n", "N", "df", "W", "F", "V", "U",
];

/// A symbol with a subscript as tables write it ("d_z", "r_xx", "S_diff", "BF10").
pub fn subscripted(word: &str) -> Option<(&str, &str)> {
    let (letter, sub) = match word.split_once('_') {
        Some((l, s)) if ["d", "g", "r", "S"].contains(&l) && !s.is_empty() => (l, s),
        _ => match word.strip_prefix("BF") {
            Some(s @ ("10" | "01")) => ("BF", s),
            _ => return None,
        },
    };
    sub.chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        .then_some((letter, sub))
}

/// A part of a table header: upright text, an italic symbol, or a symbol with a subscript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderPart<'a> {
    Text(&'a str),
    Italic(&'a str),
    Sub(&'a str, &'a str),
}

/// A table header in parts: its statistical symbols apart, a word's brackets and punctuation
/// upright ("(SD)").
pub fn header_parts(h: &str) -> Vec<HeaderPart<'_>> {
    let mut out = Vec::new();
    for (i, word) in h.split(' ').enumerate() {
        if i > 0 {
            out.push(HeaderPart::Text(" "));
        }
        let core = word.trim_matches(|c: char| "()[],:".contains(c));
        let (start, end) = match word.find(core) {
            Some(s) if !core.is_empty() => (s, s + core.len()),
            _ => (0, 0),
        };
        let symbol = if HEADER_SYMBOLS.contains(&core) {
            Some(HeaderPart::Italic(core))
        } else {
            subscripted(core).map(|(l, s)| HeaderPart::Sub(l, s))
        };
        match symbol {
            Some(part) => {
                out.push(HeaderPart::Text(&word[..start]));
                out.push(part);
                out.push(HeaderPart::Text(&word[end..]));
            }
            None => out.push(HeaderPart::Text(word)),
        }
    }
    out
}

/// How a column's cells are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// The first column left-aligned, the other `n - 1` right-aligned (a label, then numbers).
pub fn left_then_right(n: usize) -> Vec<Align> {
    let mut a = vec![Align::Left];
    a.extend(std::iter::repeat_n(Align::Right, n - 1));
    a
}

/// `n` columns, the first `lead` (labels: scale, group, wave) left-aligned, the rest
/// right-aligned (numbers).
pub fn lead_left(n: usize, lead: usize) -> Vec<Align> {
    let mut a = left_then_right(n);
    for x in a.iter_mut().take(lead) {
        *x = Align::Left;
    }
    a
}

/// A column: its machine key (CSV headers), its label (readable headers) and alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Fixed for most tables; made from the data where the columns are (one per answer).
    pub key: Cow<'static, str>,
    pub label: Cow<'static, str>,
    pub align: Align,
}

/// A column of a machine table (`key` as its CSV header, `label` for people).
pub const fn col(key: &'static str, label: &'static str) -> Column {
    Column {
        key: Cow::Borrowed(key),
        label: Cow::Borrowed(label),
        align: Align::Left,
    }
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text as it is shown (a readable table's numbers are formatted already).
    Text(String),
    Count(usize),
    /// A number (None = not computed).
    Num(Option<f64>),
    /// A p-value.
    P(Option<f64>),
}

impl Cell {
    /// The cell as text, numbers with every digit.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Count(n) => Cow::Owned(n.to_string()),
            Cell::Num(x) | Cell::P(x) => Cow::Owned(number::full_precision(*x)),
        }
    }
}

/// A titled table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File stem in `--out-dir` and the machine name of a machine table ("" for a readable
    /// table).
    pub name: &'static str,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A readable table: its title, the headers, their alignment and the rows as text.
    pub fn text(
        title: String,
        headers: Vec<String>,
        align: Vec<Align>,
        rows: Vec<Vec<String>>,
    ) -> Table {
        Table {
            name: "",
            title,
            columns: headers
                .into_iter()
                .zip(align.into_iter().chain(std::iter::repeat(Align::Left)))
                .map(|(label, align)| Column {
                    key: Cow::Borrowed(""),
                    label: Cow::Owned(label),
                    align,
                })
                .collect(),
            rows: rows
                .into_iter()
                .map(|r| r.into_iter().map(Cell::Text).collect())
                .collect(),
        }
    }

    /// A machine table (CSV/TSV, a file of `--out-dir`): its name, title, columns and cells.
    pub fn data(
        name: &'static str,
        title: &str,
        columns: Vec<Column>,
        rows: Vec<Vec<Cell>>,
    ) -> Table {
        Table {
            name,
            title: title.to_string(),
            columns,
            rows,
        }
    }

    /// The alignment of column `i` (Left beyond the columns).
    pub fn align(&self, i: usize) -> Align {
        self.columns.get(i).map_or(Align::Left, |c| c.align)
    }
}

/// A machine table too large to build at once (a row per participant and scale of a million
/// participants): its keys (None: the table has no column, and no file is written) and its rows
/// in blocks, each block made by `rows` when it is written.
pub struct Stream<'a> {
    pub keys: Option<Vec<String>>,
    pub blocks: usize,
    /// The rows of block `k`, pushed to the vector.
    #[allow(clippy::type_complexity)]
    pub rows: Box<dyn Fn(usize, &mut Vec<Vec<Cell>>) + Sync + 'a>,
}

/// A drawing as PNG bytes and its size in CSS pixels, or why it could not be drawn.
pub type Pixels = Result<(Vec<u8>, (f32, f32)), String>;

/// A figure: an SVG drawing with its caption.
#[derive(Debug, Clone)]
pub struct Figure {
    /// File stem in `--out-dir` (e.g. `total_before_after`).
    pub name: String,
    /// The scale it shows (None: all scales, the forest plot).
    pub scale: Option<String>,
    pub caption: String,
    pub svg: String,
    /// The drawing as pixels, made once by the first renderer that needs them (Word, and the
    /// PNG files of `--out-dir` that LaTeX includes): PNG bytes and the size in CSS pixels, or
    /// why it could not be drawn.
    pub png: std::sync::OnceLock<Pixels>,
}

impl PartialEq for Figure {
    fn eq(&self, other: &Figure) -> bool {
        (&self.name, &self.scale, &self.caption, &self.svg)
            == (&other.name, &other.scale, &other.caption, &other.svg)
    }
}

impl Doc {
    /// Keeps the sections named (`--sections`): a heading stays when a part under it does (and
    /// naming the heading keeps every part under it).
    pub fn select(&mut self, names: &[String]) {
        let named = |id: &str| names.iter().any(|n| n == id);
        let mut keep = vec![false; self.sections.len()];
        let mut heading: Option<usize> = None;
        for (i, s) in self.sections.iter().enumerate() {
            if s.level <= 1 {
                heading = (s.role == Role::Heading).then_some(i);
                keep[i] = named(&s.id);
            } else {
                let under = heading.is_some_and(|h| named(&self.sections[h].id));
                keep[i] = named(&s.id) || under;
                if keep[i] {
                    if let Some(h) = heading {
                        keep[h] = true;
                    }
                }
            }
        }
        let mut k = keep.into_iter();
        self.sections.retain(|_| k.next().unwrap_or(false));
    }

    /// The section of a role, if the document has one.
    pub fn section(&self, role: Role) -> Option<&Section> {
        self.sections.iter().find(|s| s.role == role)
    }

    /// Every figure of the document, in order.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.sections.iter().flat_map(|s| {
            s.blocks.iter().filter_map(|b| match b {
                Block::Figure(f) => Some(f),
                _ => None,
            })
        })
    }
}

impl Section {
    /// A section of a role with its blocks (at level 1).
    pub fn new(
        role: Role,
        id: impl Into<Cow<'static, str>>,
        heading: impl Into<String>,
        blocks: Vec<Block>,
    ) -> Section {
        Section {
            role,
            level: 1,
            id: id.into(),
            heading: heading.into(),
            blocks,
        }
    }

    /// The section at level 2 (a part of a part).
    pub fn sub(self) -> Section {
        Section { level: 2, ..self }
    }

    /// The tables of the section, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}

/// Text for HTML, SVG and Word's XML, the one escaping of the markup formats: markup characters
/// as entities; control characters, which XML 1.0 cannot hold (and which a terminal would obey),
/// written as escapes ([`printable`]); U+FFFE and U+FFFF, not characters, replaced.
pub fn markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in printable(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

pub use crate::error::printable;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_keeps_the_parts_named_and_their_heading() {
        let section = |id: &'static str, role: Role, level: u8| Section {
            role,
            level,
            id: id.into(),
            heading: id.to_string(),
            blocks: vec![Block::Para(id.to_string())],
        };
        let doc = Doc {
            lang: Lang::En,
            title: "t".into(),
            meta: Meta {
                version: "0".into(),
                inputs: None,
            },
            sections: vec![
                section("study", Role::Study, 1),
                section("brief", Role::Sentences, 1),
                section("detail", Role::Heading, 1),
                section("descriptives", Role::Part, 2),
                section("paired", Role::Part, 2),
                section("notes", Role::Notes, 1),
            ],
        };
        let ids = |names: &[&str]| -> Vec<String> {
            let mut d = doc.clone();
            d.select(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>());
            d.sections.iter().map(|s| s.id.to_string()).collect()
        };
        assert_eq!(ids(&["brief", "paired"]), ["brief", "detail", "paired"]);
        assert_eq!(ids(&["detail"]), ["detail", "descriptives", "paired"]);
        assert_eq!(ids(&["notes", "study"]), ["study", "notes"]);
        assert!(ids(&[]).is_empty());
    }

    fn marked(s: &str) -> String {
        sentence(s)
            .iter()
            .map(|i| match i {
                Inline::Text(t) => t.clone(),
                Inline::Sym(s) => format!("<{}>", s.plain),
            })
            .collect()
    }

    #[test]
    fn symbols_are_found_at_word_starts_only() {
        assert_eq!(
            marked("Welch's t(18.9) = 3.80, p = .001"),
            "Welch's <t>(18.9) = 3.80, <p> = .001"
        );
        assert_eq!(
            marked("post(1) = 2, gap = 3, top < 1"),
            "post(1) = 2, gap = 3, top < 1"
        );
        assert_eq!(
            marked("M = 1（SD = 2），d_z = 3，r_xx = .9"),
            "<M> = 1（<SD> = 2），<d_z> = 3，<r_xx> = .9"
        );
        assert_eq!(
            marked("\u{03b7}p\u{00b2} = .45."),
            "<\u{03b7}p\u{00b2}> = .45."
        );
        assert_eq!(
            marked("F(1.36, 14.95) = 17.13, \u{03b7}G\u{00b2} = .16 (\u{03b5} = .68); \u{03c7}\u{00b2}(2) = 11.79, Kendall's W = .49"),
            "<F>(1.36, 14.95) = 17.13, <\u{03b7}G\u{00b2}> = .16 (<\u{03b5}> = .68); <\u{03c7}\u{00b2}>(2) = 11.79, Kendall's <W> = .49"
        );
        assert_eq!(
            marked("d_z \u{2265} 0.94, d \u{2265} 1.29, BF10 = 3.2, BF01 = 2"),
            "<d_z> \u{2265} 0.94, <d> \u{2265} 1.29, <BF10> = 3.2, <BF01> = 2"
        );
        assert_eq!(
            marked("Mauchly's W = .53, PDF(1)"),
            "Mauchly's <W> = .53, PDF(1)"
        );
        // the plain text is the sentence
        let s = "t(9) = 2.10, p = .040, d_z = 0.66, \u{03b7}p\u{00b2} = .45";
        assert_eq!(plain(&sentence(s)), s);
    }

    #[test]
    fn header_symbols() {
        assert_eq!(
            header_parts("(SD)"),
            vec![
                HeaderPart::Text("("),
                HeaderPart::Italic("SD"),
                HeaderPart::Text(")")
            ]
        );
        assert_eq!(
            header_parts("d_z"),
            vec![
                HeaderPart::Text(""),
                HeaderPart::Sub("d", "z"),
                HeaderPart::Text("")
            ]
        );
        assert_eq!(header_parts("Mean"), vec![HeaderPart::Text("Mean")]);
        assert_eq!(subscripted("g_av"), Some(("g", "av")));
        assert_eq!(subscripted("rank_biserial"), None);
    }
}
