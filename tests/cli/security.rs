//! Text from the data in every output (issue 27): never live markup in HTML, SVG, Word or
//! Markdown, never a LaTeX command, never a terminal escape, never a spreadsheet formula; output
//! names from the data that collide are refused before anything is written; a file-size limit
//! is an error. docs/security.md says how each format treats text from the data.

use crate::common::*;

const HOSTILE: &str = "to\u{1b}[31mtal<script>alert(1)</script>\u{7}";
const FORMULA: &str = "=HYPERLINK(\"http://x\",\"y\")";

/// Pre- and post-test files whose score columns and ids are hostile text.
fn hostile_study() -> tempfile::TempDir {
    let header = format!("id,\"{HOSTILE}\",\"{}\"\n", FORMULA.replace('"', "\"\""));
    let pre = format!("{header}@SUM(1+1),10,1\nC02,12,2\nC03,11,3\nC04,13,2\n");
    let post = format!("{header}@SUM(1+1),14,2\nC02,15,2\nC03,13,5\nC04,14,4\n");
    dir_with(&[("pre.csv", &pre), ("post.csv", &post)])
}

fn run(dir: &std::path::Path, extra: &[&str]) -> String {
    let out = compare_pre_post(dir)
        .args(["--reliability", &format!("{HOSTILE}=0.8")])
        .args(extra)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn the_terminal_never_receives_a_control_character_from_the_data() {
    let dir = hostile_study();
    let text = run(dir.path(), &[]);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text}"
    );
    assert!(text.contains("to\\u{1b}[31mtal"));
    // nor in an error message
    let bad = dir_with(&[("pre.csv", "id,\"x\u{1b}]0;owned\u{7}\"\nC01,1\nC02,oops\n")]);
    let out = prepost(bad.path())
        .args(["compare", "--pre", "pre.csv", "--post", "pre.csv"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err}");
}

#[test]
fn html_svg_and_word_escape_the_data() {
    let dir = hostile_study();
    let out = dir.path().join("out");
    prepost(dir.path())
        .args(["compare", "--pre", "pre.csv", "--post", "post.csv"])
        .args(["--reliability", &format!("{HOSTILE}=0.8")])
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("results.html")).unwrap();
    assert!(!html.contains("<script"), "a live script in the HTML");
    assert!(!html.contains('\u{1b}') && !html.contains('\u{7}'));
    assert!(html.contains("&lt;script&gt;"));
    // every SVG is well-formed XML (no control character, no markup from the data)
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "svg") {
            let svg = std::fs::read_to_string(&path).unwrap();
            assert!(
                !svg.chars().any(|c| c.is_control() && c != '\n') && !svg.contains("<script"),
                "{}",
                path.display()
            );
            let mut reader = quick_xml::Reader::from_str(&svg);
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{}: {e}", path.display()),
                }
            }
        }
    }
    // Word: the text is in the document, escaped
    use std::io::Read;
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(out.join("results.docx")).unwrap()).unwrap();
    let mut doc = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut doc)
        .unwrap();
    assert!(!doc.contains("<script") && doc.contains("&lt;script&gt;"));
    assert!(!doc.contains('\u{1b}'));
}

#[test]
fn markdown_passes_no_html_and_no_link() {
    let dir = hostile_study();
    let md = run(dir.path(), &["--format", "markdown"]);
    // every '<' from the data is escaped: no raw HTML tag opens
    let unescaped = md
        .match_indices('<')
        .filter(|(i, _)| !md[..*i].ends_with('\\'))
        .count();
    assert_eq!(unescaped, 0, "raw HTML in the Markdown:\n{md}");
    assert!(md.contains("\\<script>"));
    assert!(!md.contains('\u{1b}'));
}

#[test]
fn latex_runs_no_command_from_a_file_name() {
    let name = "a\n\\immediate\\write18{touch pwned}\\input{x}.csv";
    let pre = "id,total\nC01,1\nC02,2\nC03,3\n";
    let post = "id,total\nC01,2\nC02,2\nC03,5\n";
    let dir = dir_with(&[(name, pre), ("post.csv", post)]);
    let tex = stdout_of(prepost(dir.path()).args([
        "compare", "--pre", name, "--post", "post.csv", "--format", "latex",
    ]));
    // the file name stays inside its comment line, and never reaches the text unescaped
    for line in tex.lines() {
        if line.contains("write18") {
            assert!(
                line.starts_with('%') || line.contains("\\textbackslash{}"),
                "{line}"
            );
        }
    }
}

#[test]
fn csv_cells_are_never_formulas() {
    let dir = hostile_study();
    let csv = run(dir.path(), &["--format", "csv"]);
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(!csv.lines().any(|l| l.starts_with('=')));
    let out = dir.path().join("out");
    compare_pre_post(dir.path())
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .success();
    let change = std::fs::read_to_string(out.join("change.csv")).unwrap();
    assert!(
        change.contains("'@SUM(1+1)") && !change.contains("\n@SUM"),
        "{change}"
    );
    // numbers stay numbers
    assert!(change
        .lines()
        .any(|l| l.contains(",-2,") || l.contains(",4,")));
    // score's CSV too
    let spec = "name = \"s\"\nid = \"id\"\nmin = 1\nmax = 5\n\n[[subscale]]\nname = \"=cmd\"\nitems = [\"q1\", \"q2\"]\n";
    let dir = dir_with(&[
        ("s.toml", spec),
        ("a.csv", "id,q1,q2\n+1 555,1,2\n-x,3,4\n"),
    ]);
    let scores = stdout_of(prepost(dir.path()).args(["score", "--scale", "s.toml", "a.csv"]));
    assert!(
        scores.contains("'=cmd") && scores.contains("'-x"),
        "{scores}"
    );
    assert!(!scores
        .lines()
        .any(|l| l.starts_with('=') || l.starts_with("-x")));
}

#[test]
fn out_dir_names_that_collide_are_refused_before_anything_is_written() {
    let pre = "id,a b,a_b\nC01,10,1\nC02,12,2\nC03,11,3\n";
    let post = "id,a b,a_b\nC01,14,2\nC02,15,2\nC03,13,5\n";
    let dir = dir_with(&[("pre.csv", pre), ("post.csv", post)]);
    let out = dir.path().join("out");
    let run = compare_pre_post(dir.path())
        .arg("--out-dir")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("a_b_before_after.svg") && err.contains("same file name"),
        "{err}"
    );
    assert!(!out.exists(), "nothing written");
}

#[cfg(unix)]
#[test]
fn a_file_size_limit_is_an_error_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let ex = repo().join("data/example");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 20; exec '{}' compare --pre '{}' --post '{}' --format docx -o r.docx",
            env!("CARGO_BIN_EXE_prepost"),
            ex.join("pre.csv").display(),
            ex.join("post.csv").display()
        ))
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("ulimit -f"), "{err}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}
