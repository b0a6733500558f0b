//! Word documents (issue 17): `--format docx`, `-o results.docx`, `results.docx` in
//! `--out-dir`, for compare, case, reliability and power. The package is opened and its XML
//! parsed (well-formed, every part Word needs present); its text is compared with the
//! Markdown report of the same run. scripts/render-word.sh converts it with LibreOffice for
//! a person to look at.

use crate::common::*;
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::Read;

/// A `.docx` opened: its parts by name.
struct Docx {
    parts: BTreeMap<String, Vec<u8>>,
}

impl Docx {
    fn open(bytes: &[u8]) -> Docx {
        assert!(bytes.starts_with(b"PK\x03\x04"), "not a ZIP");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
        let mut parts = BTreeMap::new();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            parts.insert(f.name().to_string(), data);
        }
        for needed in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/_rels/document.xml.rels",
        ] {
            assert!(parts.contains_key(needed), "{needed} missing");
        }
        let d = Docx { parts };
        for (name, _) in d.parts.iter().filter(|(n, _)| !n.ends_with(".png")) {
            paragraphs(&d.xml(name)); // parses, so well-formed
            in_schema_order(&d.xml(name), name);
        }
        d
    }

    fn xml(&self, name: &str) -> String {
        String::from_utf8(self.parts[name].clone()).expect("UTF-8")
    }

    fn document(&self) -> String {
        self.xml("word/document.xml")
    }

    fn pictures(&self) -> usize {
        self.parts
            .keys()
            .filter(|n| n.starts_with("word/media/"))
            .count()
    }
}

/// The order ECMA-376 (Part 1, §17) gives the children of the elements prepost writes: Word
/// rejects a document whose properties come in another order.
const SEQUENCES: [(&str, &str); 10] = [
    ("pPr", "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"),
    ("rPr", "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"),
    ("tblPr", "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"),
    ("tcPr", "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark"),
    ("tblBorders", "top left start bottom right end insideH insideV"),
    ("tcBorders", "top left start bottom right end insideH insideV tl2br tr2bl"),
    ("style", "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"),
    ("sectPr", "headerReference footerReference footnotePr endnotePr type pgSz pgMar"),
    ("docDefaults", "rPrDefault pPrDefault"),
    ("settings", "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat"),
];

/// Panics when a child of an element in [`SEQUENCES`] is unknown to it or out of its order.
fn in_schema_order(xml: &str, part: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    // per open element: its name and the place in its sequence of the last child seen
    let mut stack: Vec<(String, Option<usize>)> = Vec::new();
    let local = |name: &[u8]| {
        let name = String::from_utf8_lossy(name).to_string();
        name.rsplit(':').next().unwrap().to_string()
    };
    let visit = |stack: &mut Vec<(String, Option<usize>)>, child: &str| {
        if let Some((parent, last)) = stack.last_mut() {
            if let Some((_, seq)) = SEQUENCES.iter().find(|(p, _)| p == parent) {
                let at = seq
                    .split(' ')
                    .position(|c| c == child)
                    .unwrap_or_else(|| panic!("{part}: <{child}> is not a child of <{parent}>"));
                assert!(
                    last.is_none_or(|l| at > l),
                    "{part}: <{child}> after a later child of <{parent}>"
                );
                *last = Some(at);
            }
        }
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = local(e.name().as_ref());
                visit(&mut stack, &name);
                stack.push((name, None));
            }
            Event::Empty(e) => visit(&mut stack, &local(e.name().as_ref())),
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
}

/// The text of each paragraph (`w:p`, runs joined) of an XML part, parsed strictly: tags
/// balanced and named alike, entities known; panics on anything else.
fn paragraphs(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let (mut out, mut current, mut in_text) = (Vec::new(), None::<String>, false);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"w:p" => current = Some(String::new()),
            Event::End(e) if e.name().as_ref() == b"w:p" => out.push(current.take().unwrap()),
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Text(t) if in_text => {
                if let Some(p) = current.as_mut() {
                    p.push_str(&t.decode().unwrap());
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.decode().unwrap().as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => r
                        .resolve_char_ref()
                        .unwrap()
                        .unwrap_or_else(|| panic!("unknown entity &{other};")),
                };
                if let (true, Some(p)) = (in_text, current.as_mut()) {
                    p.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn example(extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = example_items_compare(true)
        .into_iter()
        .map(String::from)
        .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

#[test]
fn a_compare_report_as_a_word_document() {
    let ex = repo().join("data/example");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("results.docx");
    // the format from the file's extension
    prepost(&ex)
        .args(example(&[]))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let docx = Docx::open(&std::fs::read(&out).unwrap());
    let doc = docx.document();
    let text = paragraphs(&doc);
    let markdown = stdout_of(prepost(&ex).args(example(&["--format", "markdown"])));

    // every sentence of the Markdown report is a paragraph of the document
    let sentences: Vec<&str> = markdown
        .lines()
        .filter(|l| l.contains("M = ") && !l.starts_with('|'))
        .collect();
    assert!(sentences.len() >= 5, "{markdown}");
    for s in &sentences {
        // (d_z is d with a lowered z, η²'s square a raised 2)
        let s = s
            .replace("d_z", "dz")
            .replace("r_xx", "rxx")
            .replace('\u{b2}', "2");
        assert!(text.contains(&s), "missing: {s}");
    }
    // statistical symbols in italics, subscripts lowered
    assert!(doc.contains("<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">t</w:t>"));
    assert!(doc
        .contains("<w:vertAlign w:val=\"subscript\"/></w:rPr><w:t xml:space=\"preserve\">z</w:t>"));

    // every table of the Markdown report is a Word table with a numbered caption above it
    let tables = markdown.lines().filter(|l| l.starts_with("| :---")).count();
    assert!(tables >= 10);
    // (the other Word tables hold two figures side by side, without rules)
    let figure_rows = doc.matches("<w:top w:val=\"nil\"/>").count();
    assert!(figure_rows >= 5, "the figures of a scale two to a row");
    assert_eq!(doc.matches("<w:tbl>").count(), tables + figure_rows);
    assert_eq!(doc.matches(" SEQ Table \\* ARABIC ").count(), tables);
    // (the caption's word, number and title: the line break between them is no text)
    assert!(
        text.iter()
            .any(|p| p.starts_with("Table 1Descriptives by group")),
        "{text:?}"
    );
    // three-line style: two heavy rules per table, a light one under each header cell, no
    // vertical rules, the header repeated on a new page
    assert_eq!(doc.matches("w:sz=\"12\" w:space=\"0\"").count(), 2 * tables);
    assert_eq!(
        doc.matches("<w:tblHeader/>").count(),
        tables,
        "one header row per table"
    );
    assert_eq!(
        doc.matches("<w:insideV w:val=\"nil\"/>").count(),
        tables + figure_rows
    );
    // the children, per scale
    assert!(text
        .iter()
        .any(|p| p.starts_with("Table ") && p.ends_with("Change per participant: interpersonal")));
    assert!(doc.contains(">C07<"));

    // every figure embedded as a PNG, with a caption
    let svgs = {
        let d = tempfile::tempdir().unwrap();
        prepost(&ex)
            .args(example(&[]))
            .arg("--out-dir")
            .arg(d.path())
            .assert()
            .success();
        let n = std::fs::read_dir(d.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "svg")
            })
            .count();
        // results.docx of --out-dir is the same document
        assert_eq!(
            std::fs::read(d.path().join("results.docx")).unwrap(),
            std::fs::read(&out).unwrap()
        );
        n
    };
    assert!(svgs >= 10);
    assert_eq!(docx.pictures(), svgs);
    assert_eq!(doc.matches("<w:drawing>").count(), svgs);
    assert_eq!(doc.matches(" SEQ Figure \\* ARABIC ").count(), svgs);
    for k in 1..=svgs {
        let png = &docx.parts[&format!("word/media/image{k}.png")];
        assert!(png.starts_with(b"\x89PNG"));
        assert!(docx
            .xml("word/_rels/document.xml.rels")
            .contains(&format!("Target=\"media/image{k}.png\"")));
    }
    // Latin in Times New Roman; A4
    assert!(docx
        .xml("word/styles.xml")
        .contains("w:ascii=\"Times New Roman\""));
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
}

#[test]
fn in_chinese_the_document_uses_a_chinese_thesis_font() {
    let ex = repo().join("data/example");
    let bytes = prepost(&ex)
        .args(example(&["--lang", "zh", "--format", "docx"]))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let docx = Docx::open(&bytes);
    let styles = docx.xml("word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"SimSun\""), "body in SimSun");
    assert!(
        styles.contains("w:eastAsia=\"SimHei\""),
        "headings in SimHei"
    );
    assert!(
        styles.contains("<w:lang w:val=\"zh-CN\""),
        "Chinese proofing language"
    );
    // captions centred at 10.5 pt (五号)
    assert!(styles.contains("<w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"21\"/>"));
    let doc = docx.document();
    let text = paragraphs(&doc);
    assert!(text.iter().any(|p| p == "结果摘要"), "{text:?}");
    assert!(doc.contains(" SEQ 表 \\* ARABIC "));
    assert!(doc.contains(" SEQ 图 \\* ARABIC "));
    // Chinese figure captions below the figure: the paragraph after a picture is its caption
    let picture = doc.find("<w:drawing>").unwrap();
    let next = &doc[picture..];
    let after = next.find("</w:p>").unwrap();
    assert!(next[after..].starts_with("</w:p><w:p><w:pPr><w:pStyle w:val=\"Caption\"/>"));
}

#[test]
fn case_reliability_and_power_write_word_too() {
    let dir = tempfile::tempdir().unwrap();
    let data = repo().join("tests/data/single_case/sessions.csv");
    prepost(dir.path())
        .args(["case", "--id", "case", "--out-dir", "out", "--data"])
        .arg(&data)
        .assert()
        .success();
    let case = Docx::open(&std::fs::read(dir.path().join("out/results.docx")).unwrap());
    assert!(case.pictures() >= 1);
    assert!(paragraphs(&case.document())
        .iter()
        .any(|p| p.contains("Non-overlap")));

    let ex = repo().join("data/example");
    let out = dir.path().join("alpha.docx");
    prepost(&ex)
        .args([
            "reliability",
            "--scale",
            "../scales/children_self_confidence.toml",
            "pre_items.csv",
            "--lang",
            "zh",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let alpha = Docx::open(&std::fs::read(&out).unwrap());
    assert!(alpha.document().contains("<w:tbl>"));
    assert_eq!(alpha.pictures(), 0);

    let bytes = prepost(dir.path())
        .args(["power", "--d", "0.5", "--power", "0.8", "--format", "docx"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let power = Docx::open(&bytes);
    assert!(
        paragraphs(&power.document())
            .iter()
            .any(|p| p.contains("34")),
        "n = 34 for d = 0.5 at 80% power"
    );
}

#[test]
fn the_output_file_names_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let ex = repo().join("data/example");
    for (file, start) in [
        ("r.html", "<!DOCTYPE html>"),
        ("r.md", "# "),
        ("r.json", "{"),
        ("r.csv", "scale,"),
    ] {
        let out = dir.path().join(file);
        prepost(&ex)
            .args(
                EXAMPLE_SCORES
                    .iter()
                    .map(|a| a.replace("data/example/", "")),
            )
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(start), "{file}: {}", &text[..40]);
    }
}

#[test]
#[should_panic(expected = "<i> after a later child of <rPr>")]
fn the_order_check_finds_properties_out_of_order() {
    in_schema_order(
        "<w:r><w:rPr><w:sz w:val=\"18\"/><w:i/></w:rPr></w:r>",
        "a run",
    );
}
