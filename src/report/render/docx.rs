//! Word documents (`--format docx`, `results.docx` in `--out-dir`): Office Open XML
//! (ECMA-376, transitional) written directly, a ZIP of a few XML parts and the figures.
//!
//! What a thesis needs from it: the study paragraph; the sentences with their statistical
//! symbols in italics (APA 7 §6.42); every table as a Word table in the three-line style
//! (三线表: a heavy rule above and below the table, a light one under the header row, no
//! vertical rules; numbers right-aligned; the header row repeated on a new page); captions
//! numbered by Word `SEQ` fields, so that Word's list of tables and its cross-references know
//! them ("Table 1" above tables and figures in English, as APA 7 §7.2 and §7.22 place them;
//! "表 1" above tables and "图 1" below figures in Chinese, as GB/T 7713.1-2006 §5.6 does); the
//! figures as PNG at 300 dots per inch, rendered from the report's own SVGs ([`super::raster`]).
//!
//! Fonts: Times New Roman for Latin letters and numbers; Chinese text in SimSun (宋体) and
//! headings in SimHei (黑体), the body at 12 pt (小四) with 1.5 line spacing, tables at 10.5 pt
//! (五号). A4 with 2.54 cm margins. The document is deterministic (no dates in it).

use super::super::doc::number::typeset_minus;
use super::super::doc::words::Text;
use super::super::doc::{
    header_parts, subscripted, Align, Block, Doc, Figure, HeaderPart, Inline, Lang, Role, Table,
};
use std::fmt::Write as _;
use std::io::Write as _;
use unicode_width::UnicodeWidthStr;

/// The text width of an A4 page (21 cm) with 2.54 cm margins, in twentieths of a point.
const TEXT_WIDTH_TWIPS: u32 = 11_906 - 2 * 1_440;
/// English Metric Units per twip (914 400 per inch, 1 440 twips per inch).
const EMU_PER_TWIP: u64 = 635;
/// English Metric Units per CSS pixel (96 per inch).
const EMU_PER_PX: f64 = 9_525.0;

const NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#
);

/// Text for XML: markup characters escaped; control characters, which XML 1.0 cannot hold,
/// written as escapes (`\u{1}`), as the other readable formats show them.
fn xml(s: &str) -> String {
    super::super::doc::markup(s)
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, Default)]
struct Look {
    bold: bool,
    italic: bool,
    /// "subscript" or "superscript".
    raise: Option<&'static str>,
}

const PLAIN: Look = Look {
    bold: false,
    italic: false,
    raise: None,
};
const ITALIC: Look = Look {
    italic: true,
    ..PLAIN
};
const BOLD: Look = Look {
    bold: true,
    ..PLAIN
};
const SUB: Look = Look {
    raise: Some("subscript"),
    ..PLAIN
};
const SUP: Look = Look {
    raise: Some("superscript"),
    ..PLAIN
};

/// A run of text.
fn run(text: &str, look: Look) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut props = String::new();
    if look.bold {
        props.push_str("<w:b/><w:bCs/>");
    }
    if look.italic {
        props.push_str("<w:i/><w:iCs/>");
    }
    if let Some(r) = look.raise {
        let _ = write!(props, "<w:vertAlign w:val=\"{r}\"/>");
    }
    let props = if props.is_empty() {
        props
    } else {
        format!("<w:rPr>{props}</w:rPr>")
    };
    format!(
        "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        xml(text)
    )
}

/// A sentence of the results as runs: symbols in italics with their sub- and superscripts.
fn sentence_runs(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => run(t, PLAIN),
            Inline::Sym(s) => {
                let mut out = run(s.base, ITALIC);
                if let Some(sub) = s.sub {
                    out.push_str(&run(sub, SUB));
                }
                if let Some(sup) = s.sup {
                    out.push_str(&run(sup, SUP));
                }
                out
            }
        })
        .collect()
}

/// A header cell as runs: its statistical symbols in italics, subscripts lowered; a word's
/// brackets and punctuation stay upright ("(SD)").
fn header_runs(h: &str) -> String {
    header_parts(h)
        .into_iter()
        .map(|part| match part {
            HeaderPart::Text(t) => run(t, PLAIN),
            HeaderPart::Italic(x) => run(x, ITALIC),
            HeaderPart::Sub(x, sub) => run(x, ITALIC) + &run(sub, SUB),
        })
        .collect()
}

/// A body cell as runs: a number with true minus signs; an effect size's symbol ("d_z")
/// typeset; other text as it is.
fn cell_runs(text: &str, number: bool) -> String {
    if number {
        return run(&typeset_minus(text), PLAIN);
    }
    match subscripted(text) {
        Some((letter, sub)) => run(letter, ITALIC) + &run(sub, SUB),
        None => run(text, PLAIN),
    }
}

/// A paragraph of `style` (None: Normal) holding `runs`.
fn paragraph(style: Option<&str>, jc: Option<&str>, runs: &str) -> String {
    let mut props = String::new();
    if let Some(s) = style {
        let _ = write!(props, "<w:pStyle w:val=\"{s}\"/>");
    }
    if let Some(j) = jc {
        let _ = write!(props, "<w:jc w:val=\"{j}\"/>");
    }
    if props.is_empty() {
        format!("<w:p>{runs}</w:p>")
    } else {
        format!("<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>")
    }
}

/// A caption number as a Word `SEQ` field (its shown value written in, as Word would).
fn seq_field(sequence: &str, n: usize, look: Look) -> String {
    format!(
        "<w:fldSimple w:instr=\" SEQ {sequence} \\* ARABIC \">{}</w:fldSimple>",
        run(&n.to_string(), look)
    )
}

/// A document being written: its body and its pictures.
pub struct Docx {
    lang: Lang,
    body: String,
    /// The PNG pictures, `word/media/image{k+1}.png`.
    media: Vec<Vec<u8>>,
    tables: usize,
    figures: usize,
}

impl Docx {
    pub fn new(lang: Lang) -> Docx {
        Docx {
            lang,
            body: String::new(),
            media: Vec::new(),
            tables: 0,
            figures: 0,
        }
    }

    pub fn title(&mut self, text: &str) {
        self.body
            .push_str(&paragraph(Some("Title"), None, &run(text, PLAIN)));
    }

    /// A heading of level 1 or 2 (Word's "Heading 1", "Heading 2": in the navigation pane and
    /// a table of contents).
    pub fn heading(&mut self, level: u8, text: &str) {
        let style = format!("Heading{level}");
        self.body
            .push_str(&paragraph(Some(&style), None, &run(text, PLAIN)));
    }

    /// A paragraph of plain text.
    pub fn text(&mut self, text: &str) {
        self.body
            .push_str(&paragraph(None, None, &run(text, PLAIN)));
    }

    /// A line in the small grey "Meta" style (what made the document, from which files).
    pub fn meta(&mut self, text: &str) {
        self.body
            .push_str(&paragraph(Some("Meta"), None, &run(text, PLAIN)));
    }

    /// A note (the notes of a report, one paragraph each).
    pub fn note(&mut self, text: &str) {
        self.body
            .push_str(&paragraph(Some("Note"), None, &run(text, PLAIN)));
    }

    /// A paragraph of results sentences, symbols in italics.
    pub fn sentences(&mut self, text: &[Inline]) {
        self.body
            .push_str(&paragraph(None, None, &sentence_runs(text)));
    }

    /// The caption of the next table or figure: the word and its number (a SEQ field) in
    /// bold, then the title (English: on its own line in italics, APA 7).
    fn caption(&mut self, sequence: &str, n: usize, title: &str) {
        let xml = self.caption_xml(sequence, n, title);
        self.body.push_str(&xml);
    }

    /// The caption of a table or figure, as XML.
    fn caption_xml(&self, sequence: &str, n: usize, title: &str) -> String {
        let runs = match self.lang {
            Lang::En => format!(
                "{}{}<w:r><w:br/></w:r>{}",
                run(&format!("{sequence} "), BOLD),
                seq_field(sequence, n, BOLD),
                run(title, ITALIC)
            ),
            Lang::Zh => format!(
                "{}{}{}",
                run(&format!("{sequence} "), BOLD),
                seq_field(sequence, n, BOLD),
                run(&format!("\u{3000}{title}"), PLAIN)
            ),
        };
        paragraph(Some("Caption"), None, &runs)
    }

    /// A table in the three-line style, with its numbered caption above it.
    pub fn table(&mut self, b: &Table) {
        let t = Text::of(self.lang);
        self.tables += 1;
        self.caption(t.table_label, self.tables, &b.title);
        let (widths, size) = column_widths(b);
        let style = if size == TABLE_SIZES[0] {
            "TableText"
        } else {
            "TableTextSmall"
        };
        let total: u32 = widths.iter().sum();
        let rule = |side: &str, sz: u8| {
            format!("<w:{side} w:val=\"single\" w:sz=\"{sz}\" w:space=\"0\" w:color=\"000000\"/>")
        };
        let mut x = String::new();
        let _ = write!(
            x,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>\
             <w:tblBorders>{}<w:left w:val=\"nil\"/>{}<w:right w:val=\"nil\"/>\
             <w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>\
             <w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/>\
             <w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>\
             <w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" \
             w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
            rule("top", 12),
            rule("bottom", 12)
        );
        for w in &widths {
            let _ = write!(x, "<w:gridCol w:w=\"{w}\"/>");
        }
        x.push_str("</w:tblGrid>");
        let cell = |x: &mut String, w: u32, jc: &str, runs: &str, header: bool| {
            let border = if header {
                format!("<w:tcBorders>{}</w:tcBorders>", rule("bottom", 6))
            } else {
                String::new()
            };
            let _ = write!(
                x,
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{border}<w:vAlign w:val=\"bottom\"/></w:tcPr>\
                 <w:p><w:pPr><w:pStyle w:val=\"{style}\"/><w:jc w:val=\"{jc}\"/></w:pPr>{runs}</w:p></w:tc>"
            );
        };
        let jc = |i: usize| match b.align(i) {
            Align::Right => "right",
            Align::Left => "left",
        };
        x.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (i, c) in b.columns.iter().enumerate() {
            cell(&mut x, widths[i], jc(i), &header_runs(&c.label), true);
        }
        x.push_str("</w:tr>");
        for row in &b.rows {
            x.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (i, w) in widths.iter().enumerate() {
                let text = row.get(i).map(|c| c.text()).unwrap_or_default();
                cell(
                    &mut x,
                    *w,
                    jc(i),
                    &cell_runs(&text, jc(i) == "right"),
                    false,
                );
            }
            x.push_str("</w:tr>");
        }
        x.push_str("</w:tbl>");
        self.body.push_str(&x);
        // the space after a table (a table cannot carry one itself)
        self.body.push_str(&paragraph(Some("AfterTable"), None, ""));
    }

    /// A figure: its PNG (at most the text's width) with its numbered caption (English above,
    /// Chinese below). A figure that cannot be drawn is named in its place, with the reason.
    pub fn figure(&mut self, f: &Figure) {
        let xml = self.figure_xml(f, u64::from(TEXT_WIDTH_TWIPS) * EMU_PER_TWIP);
        self.body.push_str(&xml);
    }

    /// Two figures side by side, each at most half the text's width, in a table without rules
    /// (a thesis's figures of one scale, two to a row).
    pub fn figure_pair(&mut self, a: &Figure, b: &Figure) {
        let half = TEXT_WIDTH_TWIPS / 2;
        let width = u64::from(half - 2 * 85) * EMU_PER_TWIP;
        let cell = |x: String| {
            format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{half}\" w:type=\"dxa\"/><w:vAlign w:val=\"top\"/></w:tcPr>{x}</w:tc>"
            )
        };
        let (left, right) = (self.figure_xml(a, width), self.figure_xml(b, width));
        let _ = write!(
            self.body,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH_TWIPS}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>\
             <w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>\
             <w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>\
             <w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" \
             w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>\
             <w:tblGrid><w:gridCol w:w=\"{half}\"/><w:gridCol w:w=\"{half}\"/></w:tblGrid>\
             <w:tr><w:trPr><w:cantSplit/></w:trPr>{}{}</w:tr></w:tbl>",
            cell(left),
            cell(right)
        );
        self.body.push_str(&paragraph(Some("AfterTable"), None, ""));
    }

    /// A figure's caption and picture (at most `max` EMU wide) as XML.
    fn figure_xml(&mut self, f: &Figure, max: u64) -> String {
        let t = Text::of(self.lang);
        self.figures += 1;
        let n = self.figures;
        let mut out = String::new();
        if self.lang == Lang::En {
            out.push_str(&self.caption_xml(t.figure_label, n, &f.caption));
        }
        match super::raster::figure_png(f) {
            Ok((png, (w, h))) => {
                let mut cx = (f64::from(*w) * EMU_PER_PX).round() as u64;
                let mut cy = (f64::from(*h) * EMU_PER_PX).round() as u64;
                if cx > max {
                    cy = (cy as f64 * max as f64 / cx as f64).round() as u64;
                    cx = max;
                }
                self.media.push(png.clone());
                let k = self.media.len();
                let drawing = format!(
                    "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
                     <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{k}\" name=\"{name}\" descr=\"{descr}\"/>\
                     <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
                     <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
                     <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{k}\" name=\"image{k}.png\"/><pic:cNvPicPr/></pic:nvPicPr>\
                     <pic:blipFill><a:blip r:embed=\"rIdImage{k}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
                     <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
                     <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
                     </wp:inline></w:drawing></w:r>",
                    name = xml(&f.name),
                    descr = xml(&f.caption),
                );
                out.push_str(&paragraph(Some("Figure"), None, &drawing));
            }
            Err(why) => out.push_str(&paragraph(
                Some("Note"),
                None,
                &run(&format!("[{}.svg: {why}]", f.name), PLAIN),
            )),
        }
        if self.lang == Lang::Zh {
            out.push_str(&self.caption_xml(t.figure_label, n, &f.caption));
        }
        out
    }

    /// The finished `.docx` file.
    pub fn finish(self, title: &str) -> Vec<u8> {
        let mut parts: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), CONTENT_TYPES.as_bytes().to_vec()),
            ("_rels/.rels".into(), PACKAGE_RELS.as_bytes().to_vec()),
            (
                "docProps/core.xml".into(),
                format!(
                    "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
                     xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title>\
                     <dc:creator>prepost {}</dc:creator></cp:coreProperties>",
                    xml(title),
                    env!("CARGO_PKG_VERSION")
                )
                .into_bytes(),
            ),
            ("word/styles.xml".into(), styles(self.lang).into_bytes()),
            ("word/settings.xml".into(), SETTINGS.as_bytes().to_vec()),
            (
                "word/_rels/document.xml.rels".into(),
                document_rels(self.media.len()).into_bytes(),
            ),
            (
                "word/document.xml".into(),
                format!(
                    "{XML_DECL}<w:document {NS}><w:body>{}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
                     <w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" \
                     w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
                    self.body
                )
                .into_bytes(),
            ),
        ];
        for (k, png) in self.media.into_iter().enumerate() {
            parts.push((format!("word/media/image{}.png", k + 1), png));
        }
        zip(&parts)
    }
}

/// Table text sizes in half-points: 10.5 pt (五号), and 9 pt for a table too wide for it.
const TABLE_SIZES: [u32; 2] = [21, 18];

/// The widths of a table's columns in twips, from the widest cell of each (a header may wrap
/// at its spaces), and the text size that fits the page: 10.5 pt, else 9 pt, else 9 pt with
/// every column narrowed in proportion (their text wraps).
fn column_widths(b: &Table) -> (Vec<u32>, u32) {
    // a character of width 1 at 10.5 pt: half an em (digits in Times New Roman) and a little
    let chars: Vec<u32> = (0..b.columns.len())
        .map(|i| {
            let header = b.columns[i]
                .label
                .split(' ')
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(0);
            let cells = b
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| UnicodeWidthStr::width(c.text().as_ref()))
                .max()
                .unwrap_or(0);
            header.max(cells).max(1) as u32
        })
        .collect();
    for size in TABLE_SIZES {
        let per_char = size * 5 + 6; // 10.5 pt: 111 twips; 9 pt: 96
        let widths: Vec<u32> = chars.iter().map(|c| c * per_char + 2 * 85 + 40).collect();
        if widths.iter().sum::<u32>() <= TEXT_WIDTH_TWIPS {
            return (widths, size);
        }
    }
    let size = TABLE_SIZES[1];
    let widths: Vec<u32> = chars.iter().map(|c| c * (size * 5 + 6) + 210).collect();
    let total: u32 = widths.iter().sum();
    (
        widths
            .iter()
            .map(|w| (u64::from(*w) * u64::from(TEXT_WIDTH_TWIPS) / u64::from(total)) as u32)
            .collect(),
        size,
    )
}

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

const CONTENT_TYPES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Default Extension=\"png\" ContentType=\"image/png\"/>",
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    "</Types>"
);

/// The document's settings: a Word 2013+ document (not opened in compatibility mode), and
/// Chinese punctuation not at the start of a line.
const SETTINGS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/>",
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
    "</w:settings>"
);

const PACKAGE_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "</Relationships>"
);

/// The relationships of the document part: its styles and its pictures.
fn document_rels(pictures: usize) -> String {
    let mut out = format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
    );
    for k in 1..=pictures {
        let _ = write!(
            out,
            "<Relationship Id=\"rIdImage{k}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image{k}.png\"/>"
        );
    }
    out.push_str("</Relationships>");
    out
}

/// The styles: Normal, Title, Heading 1 and 2, Caption, the table text, figures, notes.
fn styles(lang: Lang) -> String {
    // (Chinese characters take SimSun and SimHei in either language: an id or a label may
    // be Chinese in an English report)
    let (body_ea, heading_ea) = ("SimSun", "SimHei");
    let (lang_tag, caption_jc, caption_sz) = match lang {
        Lang::En => ("en-US", "left", 24),
        Lang::Zh => ("zh-CN", "center", 21),
    };
    let style = |id: &str, name: &str, ppr: &str, rpr: &str| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>\
             <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
             <w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        )
    };
    let heading_font = format!(
        "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"{heading_ea}\" w:cs=\"Times New Roman\"/>"
    );
    let mut out = format!(
        "{XML_DECL}<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" \
         w:eastAsia=\"{body_ea}\" w:cs=\"Times New Roman\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>\
         <w:lang w:val=\"{lang_tag}\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"360\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\
         </w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
    );
    out.push_str(&style(
        "Title",
        "Title",
        "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"240\"/><w:jc w:val=\"center\"/>",
        &format!("{heading_font}<w:b/><w:bCs/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"),
    ));
    out.push_str(&style(
        "Heading1",
        "heading 1",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>",
        &format!("{heading_font}<w:b/><w:bCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"),
    ));
    out.push_str(&style(
        "Heading2",
        "heading 2",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"60\"/><w:outlineLvl w:val=\"1\"/>",
        &format!("{heading_font}<w:b/><w:bCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"),
    ));
    out.push_str(&style(
        "Heading3",
        "heading 3",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"200\" w:after=\"40\"/><w:outlineLvl w:val=\"2\"/>",
        &format!("{heading_font}<w:b/><w:bCs/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"),
    ));
    out.push_str(&style(
        "Caption",
        "caption",
        &format!(
            "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"{caption_jc}\"/>"
        ),
        &format!("<w:sz w:val=\"{caption_sz}\"/><w:szCs w:val=\"{caption_sz}\"/>"),
    ));
    out.push_str(&style(
        "TableText",
        "Table Text",
        "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/>",
        "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>",
    ));
    out.push_str(&style(
        "TableTextSmall",
        "Table Text Small",
        "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/>",
        "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>",
    ));
    out.push_str(&style(
        "AfterTable",
        "After Table",
        "<w:spacing w:after=\"240\" w:line=\"240\" w:lineRule=\"auto\"/>",
        "<w:sz w:val=\"12\"/><w:szCs w:val=\"12\"/>",
    ));
    out.push_str(&style(
        "Figure",
        "Figure",
        "<w:keepNext/><w:spacing w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
        "",
    ));
    out.push_str(&style(
        "Note",
        "Note",
        "<w:spacing w:after=\"60\" w:line=\"276\" w:lineRule=\"auto\"/>",
        "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>",
    ));
    out.push_str(&style(
        "Meta",
        "Meta",
        "<w:jc w:val=\"center\"/>",
        "<w:color w:val=\"666666\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>",
    ));
    out.push_str("</w:styles>");
    out
}

/// The package: every part deflated (tiny-skia's PNG halves again), with a fixed time stamp (the same report, the same bytes).
fn zip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        // (writing into memory fails only on a name given twice, which the parts above avoid)
        writer
            .start_file(name.as_str(), options)
            .and_then(|()| writer.write_all(bytes).map_err(Into::into))
            .expect("a new part of a ZIP in memory");
    }
    writer
        .finish()
        .expect("the end of a ZIP in memory")
        .into_inner()
}

/// Whether a figure is narrow enough to stand beside another (the plots of one scale, not the
/// forest plot or the wide bars of the items).
fn narrow(f: &Figure) -> bool {
    f.svg
        .split_once("width=\"")
        .and_then(|(_, rest)| rest.split('"').next()?.parse::<f64>().ok())
        .is_some_and(|w| w <= 480.0)
}

/// The document as a Word document: the study, the results in brief (a heading per score),
/// the parts of the results (paragraphs, then their tables), the figures (grouped by their
/// scale) and the notes, as the HTML page lays them out.
pub fn render(doc: &Doc) -> Vec<u8> {
    let mut d = Docx::new(doc.lang);
    d.title(&doc.title);
    d.meta(&match &doc.meta.inputs {
        Some(inputs) => format!("prepost {} \u{00b7} {inputs}", doc.meta.version),
        None => format!("prepost {}", doc.meta.version),
    });
    for section in &doc.sections {
        let shown = match section.role {
            Role::Heading => true,
            Role::Participants => false,
            _ => !section.blocks.is_empty(),
        };
        if !shown {
            continue;
        }
        d.heading(section.level, &section.heading);
        let mut current: Option<&Option<String>> = None;
        let mut pending: Option<&Figure> = None;
        for b in &section.blocks {
            if let Some(first) = pending {
                // (a figure left alone before another scale's, or before other blocks)
                if !matches!(b, Block::Figure(f) if f.scale == first.scale) {
                    d.figure(first);
                    pending = None;
                }
            }
            match b {
                Block::Para(p) => d.text(p),
                Block::Sentences { key, text } => {
                    if section.role == Role::Sentences && !key.is_empty() {
                        d.heading(section.level + 1, key);
                    }
                    d.sentences(text);
                }
                Block::Table(t) => d.table(t),
                Block::Figure(f) => {
                    if current != Some(&f.scale) {
                        if let Some(scale) = &f.scale {
                            d.heading(section.level + 1, scale);
                        }
                        current = Some(&f.scale);
                    }
                    // two narrow figures of one scale side by side
                    match pending.take() {
                        Some(first) if narrow(first) && narrow(f) && first.scale == f.scale => {
                            d.figure_pair(first, f)
                        }
                        Some(first) => {
                            d.figure(first);
                            pending = Some(f);
                        }
                        None => pending = Some(f),
                    }
                    continue;
                }
                Block::Legend(l) => d.note(l),
                Block::Note(n) => d.note(n),
            }
        }
        if let Some(last) = pending {
            d.figure(last);
        }
    }
    d.finish(&doc.title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn part(docx: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut s = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    }

    #[test]
    fn symbols_are_italic_runs_with_sub_and_superscripts() {
        let runs = sentence_runs(&super::super::super::doc::sentence(
            "t(9) = 2.10, p = .040, d_z = 0.66, \u{03b7}p\u{00b2} = .45 & <",
        ));
        assert!(runs.starts_with(
            "<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">t</w:t></w:r>"
        ));
        assert!(runs.contains(
            "<w:t xml:space=\"preserve\">d</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"subscript\"/></w:rPr><w:t xml:space=\"preserve\">z</w:t>"
        ));
        assert!(runs.contains(
            "<w:vertAlign w:val=\"superscript\"/></w:rPr><w:t xml:space=\"preserve\">2</w:t>"
        ));
        assert!(runs.ends_with("<w:t xml:space=\"preserve\"> = .45 &amp; &lt;</w:t></w:r>"));
    }

    #[test]
    fn header_symbols_are_italic() {
        assert_eq!(
            header_runs("(SD)"),
            format!(
                "{}{}{}",
                run("(", PLAIN),
                run("SD", ITALIC),
                run(")", PLAIN)
            )
        );
        assert_eq!(
            header_runs("d_z"),
            format!("{}{}", run("d", ITALIC), run("z", SUB))
        );
        assert_eq!(header_runs("Mean"), run("Mean", PLAIN));
        assert_eq!(
            cell_runs("g_av", false),
            format!("{}{}", run("g", ITALIC), run("av", SUB))
        );
        assert_eq!(
            cell_runs("rank_biserial", false),
            run("rank_biserial", PLAIN)
        );
        assert_eq!(cell_runs("-1.5", true), run("\u{2212}1.5", PLAIN));
        assert_eq!(
            header_runs("Pre M"),
            format!(
                "{}{}{}",
                run("Pre", PLAIN),
                run(" ", PLAIN),
                run("M", ITALIC)
            )
        );
    }

    #[test]
    fn control_characters_never_reach_the_xml() {
        assert_eq!(xml("a\u{1}b\n<c>"), "a\\u{1}b\\n&lt;c&gt;");
    }

    #[test]
    fn a_table_has_three_rules_and_fits_the_page() {
        let block = Table::text(
            "Paired t-test".into(),
            vec!["Scale".into(), "t".into(), "p".into()],
            vec![Align::Left, Align::Right, Align::Right],
            vec![vec!["total".into(), "-2.50".into(), ".031".into()]],
        );
        let mut d = Docx::new(Lang::En);
        d.table(&block);
        let docx = d.finish("x");
        let doc = part(&docx, "word/document.xml");
        // heavy rules above and below, a light one under the header; no vertical rules
        assert_eq!(doc.matches("w:sz=\"12\"").count(), 2);
        assert_eq!(
            doc.matches("<w:bottom w:val=\"single\" w:sz=\"6\"").count(),
            3
        );
        assert!(doc.contains("<w:insideV w:val=\"nil\"/>"));
        assert!(doc.contains("<w:tblHeader/>"));
        assert!(doc.contains(" SEQ Table \\* ARABIC "));
        // the minus sign typeset in a number
        assert!(doc.contains(">\u{2212}2.50<"));
        let (widths, size) = column_widths(&block);
        assert_eq!(size, 21);
        assert!(widths.iter().sum::<u32>() <= TEXT_WIDTH_TWIPS);
    }

    #[test]
    fn a_wide_table_is_narrowed_to_the_page() {
        let block = Table::text(
            String::new(),
            (0..30).map(|i| format!("column {i}")).collect(),
            vec![Align::Right; 30],
            vec![(0..30).map(|_| "123456.789".to_string()).collect()],
        );
        let (widths, size) = column_widths(&block);
        assert_eq!(size, 18);
        assert!(widths.iter().sum::<u32>() <= TEXT_WIDTH_TWIPS);
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        let make = || {
            let mut d = Docx::new(Lang::Zh);
            d.heading(1, "结果");
            d.sentences(&super::super::super::doc::sentence("M = 1.00"));
            d.finish("报告")
        };
        assert_eq!(make(), make());
        let styles = part(&make(), "word/styles.xml");
        assert!(styles.contains("w:eastAsia=\"SimSun\""));
        assert!(styles.contains("w:eastAsia=\"SimHei\""));
    }
}
