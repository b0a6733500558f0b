//! `prepost screen`, and `score` with the screening options: a file with known too-fast,
//! straight-lined, incomplete and duplicate respondents (tests/data/screen/survey.csv, the
//! same rows in survey.xlsx):
//!
//! | row | id  | 所用时间 | answers q1-q6  | with --min-seconds 60 --straight-line   |
//! |-----|-----|---------|----------------|-----------------------------------------|
//! | 2   | s01 | 300秒   | 1 2 3 4 5 4    | valid                                   |
//! | 3   | s02 | 45秒    | 3 4 2 5 4 3    | too fast                                |
//! | 4   | s03 | 2分3秒  | 4 4 4 4 4 4    | straight-lined (q3 is reverse-keyed)    |
//! | 5   | s04 | 200     | 5 - - - 2 3    | incomplete: a (1 of 3) and total (3/6)  |
//! | 6   | s05 | 180秒   | 2 3 4 3 2 3    | valid                                   |
//! | 7   | s02 | 150秒   | 1 1 2 2 3 3    | duplicate id of row 3                   |
//! | 8   | s07 | 1分40秒 | 2 3 4 3 2 3    | the answers of row 6                    |
//! | 9   | s08 | 30秒    | 5 5 5 5 5 5    | too fast and straight-lined             |
//! | 10  | s09 | (empty) | 3 2 4 1 5 2    | valid (no time: not judged)             |
//! | 11  | s10 | 400秒   | 2 2 2 2 2 1    | valid (a run of 5)                      |
//! | 12  | s11 | 95秒    | 3 1 4 2 4 5    | valid (a comment over two lines)        |
//! | 14  | s12 | 88秒    | 4 3 2 5 1 2    | valid                                   |

use crate::common::*;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn data() -> PathBuf {
    repo().join("tests/data/screen")
}

const RULES: [&str; 3] = ["--min-seconds", "60", "--straight-line"];

fn screen_json(dir: &Path, file: &str, extra: &[&str]) -> Value {
    let mut cmd = prepost(dir);
    cmd.args([
        "screen",
        "--scale",
        "spec.toml",
        "--data",
        file,
        "--format",
        "json",
    ])
    .args(extra);
    json_of(&mut cmd)
}

/// (row, id, the rules of its reasons) of every excluded respondent.
fn excluded(json: &Value) -> Vec<(u64, String, Vec<String>)> {
    json["excluded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["id"].as_str().unwrap().to_string(),
                e["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["rule"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

/// The pairs (`a`, `b`) of the objects of a JSON array (a text and a count).
fn pairs(array: &Value, a: &str, b: &str) -> Vec<(String, u64)> {
    array
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x[a].as_str().unwrap().to_string(), x[b].as_u64().unwrap()))
        .collect()
}

fn expected() -> Vec<(u64, String, Vec<String>)> {
    [
        (3, "s02", vec!["too_fast"]),
        (4, "s03", vec!["straight_line"]),
        (5, "s04", vec!["incomplete"]),
        (7, "s02", vec!["duplicate_id"]),
        (8, "s07", vec!["duplicate_answers"]),
        (9, "s08", vec!["too_fast", "straight_line"]),
    ]
    .into_iter()
    .map(|(row, id, rules)| {
        (
            row,
            id.to_string(),
            rules.into_iter().map(String::from).collect(),
        )
    })
    .collect()
}

#[test]
fn screen_lists_exactly_the_invalid_respondents_with_rows_and_reasons() {
    for file in ["survey.csv", "survey.xlsx"] {
        let json = screen_json(&data(), file, &RULES);
        assert_eq!(json["received"], 12, "{file}");
        assert_eq!(json["valid"], 6);
        assert_eq!(json["n_excluded"], 6);
        assert_eq!(json["rate"], 0.5);
        assert_eq!(excluded(&json), expected(), "{file}");
        assert_eq!(json["duration_column"], "所用时间");
        assert_eq!(json["duration_missing"], 1, "row 10 has no time");
        let by_rule = pairs(&json["by_rule"], "rule", "n");
        let counts = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
            v.iter().map(|(r, n)| (r.to_string(), *n)).collect()
        };
        assert_eq!(
            by_rule,
            counts(&[
                ("too_fast", 2),
                ("straight_line", 2),
                ("incomplete", 1),
                ("duplicate_id", 1),
                ("duplicate_answers", 1)
            ])
        );
        // the numbers behind each reason
        let e = &json["excluded"];
        assert_eq!(e[0]["reasons"][0]["seconds"], 45.0);
        assert_eq!(e[0]["reasons"][0]["min_seconds"], 60.0);
        assert_eq!(e[1]["reasons"][0]["answer"], 4.0);
        assert_eq!(e[1]["reasons"][0]["items"], 6);
        let scores = &e[2]["reasons"][0]["scores"];
        assert_eq!(scores[0]["score"], "a");
        assert_eq!(scores[0]["answered"], 1);
        assert_eq!(scores[0]["required"], 2);
        assert_eq!(scores[1]["score"], "total");
        assert_eq!(scores[1]["answered"], 3);
        assert_eq!(e[3]["reasons"][0]["first_row"], 3);
        assert_eq!(e[4]["reasons"][0]["first_row"], 6);
        assert_eq!(e[5]["reasons"][0]["seconds"], 30.0, "2分3秒 etc. are read");
    }
}

#[test]
fn without_the_optional_rules_only_incomplete_and_duplicates_exclude() {
    let json = screen_json(&data(), "survey.csv", &[]);
    assert_eq!(
        (json["received"].as_u64(), json["valid"].as_u64()),
        (Some(12), Some(9))
    );
    let rows: Vec<u64> = excluded(&json).iter().map(|e| e.0).collect();
    assert_eq!(rows, vec![5, 7, 8]);
    assert!(json["duration_column"].is_null());
    // the longest run: s10's 2 2 2 2 2 1 is a run of 5; the straight-liners' runs are 6
    let json = screen_json(&data(), "survey.csv", &["--longest-run", "5"]);
    let got: Vec<(u64, Vec<String>)> = excluded(&json).into_iter().map(|e| (e.0, e.2)).collect();
    let run = |row: u64| (row, vec!["longest_run".to_string()]);
    assert!(got.contains(&run(4)) && got.contains(&run(11)), "{got:?}");
    assert!(got.contains(&(9, vec!["longest_run".to_string()])));
    let s10 = json["excluded"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["row"] == 11)
        .unwrap();
    assert_eq!(s10["reasons"][0]["run"], 5);
    assert_eq!(s10["reasons"][0]["limit"], 5);
}

#[test]
fn a_duration_column_of_plain_seconds_and_no_id() {
    let dir = dir_with(&[
        ("spec.toml", "name = \"t\"\nid = \"\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"s\"\nitems = [\"a\", \"b\", \"c\"]\n"),
        (
            "d.csv",
            "secs,a,b,c\n120,1,2,3\n59.5,2,3,4\n61,1,2,3\n,3,3,1\n",
        ),
    ]);
    let json = screen_json(
        dir.path(),
        "d.csv",
        &["--min-seconds", "60", "--duration", "secs"],
    );
    let e = &json["excluded"];
    assert_eq!(e.as_array().unwrap().len(), 2);
    assert_eq!(e[0]["row"], 3);
    assert!(e[0]["id"].is_null());
    assert_eq!(e[0]["reasons"][0]["seconds"], 59.5);
    assert_eq!(e[1]["row"], 4);
    assert_eq!(e[1]["reasons"][0]["rule"], "duplicate_answers");
    assert_eq!(e[1]["reasons"][0]["first_row"], 2);
    let rules: Vec<&str> = json["by_rule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"duplicate_id"), "no id column: {rules:?}");
}

#[test]
fn counts_and_rate_in_every_format_and_language() {
    let out = tempfile::tempdir().unwrap();
    for (lang, sentence) in [
        (
            "en",
            "Of the 12 questionnaires received, 6 were excluded as invalid, leaving 6 valid questionnaires (a valid rate of 50.0%).",
        ),
        (
            "zh",
            "共回收问卷 12 份，剔除无效问卷 6 份，有效问卷 6 份，有效率为 50.0%。",
        ),
    ] {
        for format in ["terminal", "markdown", "html", "latex"] {
            let text = stdout_of(prepost(&data()).args([
                "screen", "--scale", "spec.toml", "--data", "survey.csv", "--min-seconds", "60",
                "--straight-line", "--lang", lang, "--format", format,
            ]));
            // (LaTeX escapes the per cent sign)
            let text = text.replace("\\%", "%");
            assert!(text.contains(sentence), "{lang} {format}: {text}");
            assert!(text.contains("16.7%"), "{lang} {format}: too fast, 2 of 12");
            // every excluded row is listed, with its reasons
            let reason = if lang == "zh" {
                "答案完全重复（与第 6 行相同）"
            } else {
                "duplicate answers (as row 6)"
            };
            assert!(text.contains(reason), "{lang} {format}");
            assert!(text.contains("s08"), "{lang} {format}");
        }
        let docx = out.path().join(format!("s_{lang}.docx"));
        prepost(&data())
            .args(["screen", "--scale", "spec.toml", "--data", "survey.csv"])
            .args(RULES)
            .args(["--lang", lang, "-o"])
            .arg(&docx)
            .assert()
            .success();
        let bytes = std::fs::read(&docx).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("word/document.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        let first_words = if lang == "zh" { "共回收问卷 12 份" } else { "Of the 12 questionnaires received" };
        assert!(xml.contains(first_words), "{lang} docx");
        assert!(xml.contains("50.0%"), "{lang} docx");
    }
    // --sections keeps the parts named
    let brief = stdout_of(prepost(&data()).args([
        "screen",
        "--scale",
        "spec.toml",
        "--data",
        "survey.csv",
        "--sections",
        "brief",
    ]));
    assert!(brief.contains("Of the 12 questionnaires received, 3 were excluded"));
    assert!(!brief.contains("Excluded respondents"), "{brief}");
    assert!(stdout_of(prepost(&data()).args(["screen", "--sections", "help"])).contains("brief"));
    for (format, sep) in [("csv", ","), ("tsv", "\t")] {
        let text = stdout_of(prepost(&data()).args([
            "screen",
            "--scale",
            "spec.toml",
            "--data",
            "survey.csv",
            "--min-seconds",
            "60",
            "--straight-line",
            "--format",
            format,
        ]));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], ["count", "n", "share"].join(sep));
        assert_eq!(lines[1], ["received", "12", "1"].join(sep));
        assert_eq!(lines[2], ["valid", "6", "0.5"].join(sep));
        assert_eq!(lines[3], ["excluded", "6", "0.5"].join(sep));
        assert!(lines.contains(
            &["incomplete", "1", "0.08333333333333333"]
                .join(sep)
                .as_str()
        ));
    }
    // --out-dir: the counts and every excluded respondent as CSV, and every report
    let dir = out.path().join("all");
    prepost(&data())
        .args(["screen", "--scale", "spec.toml", "--data", "survey.csv"])
        .args(RULES)
        .arg("--out-dir")
        .arg(&dir)
        .assert()
        .success();
    let list = std::fs::read_to_string(dir.join("excluded.csv")).unwrap();
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines[0], "row,file,id,rules,reasons");
    assert_eq!(lines.len(), 7);
    assert!(lines[6] == "9,survey.csv,s08,too_fast;straight_line,\"too fast (30 s, below 60 s); straight-lining (5 to all 6 items)\"", "{}", lines[6]);
    assert!(std::fs::read_to_string(dir.join("screening.csv"))
        .unwrap()
        .contains("valid,6,0.5"));
}

/// The lines of `text` whose numbers (1-based) are given, as they are.
fn lines_of(text: &[u8], numbers: &[usize]) -> Vec<u8> {
    let lines: Vec<&[u8]> = text.split_inclusive(|&b| b == b'\n').collect();
    numbers
        .iter()
        .flat_map(|&n| lines[n - 1].to_vec())
        .collect()
}

#[test]
fn keep_writes_exactly_the_valid_rows_unchanged() {
    let original = std::fs::read(data().join("survey.csv")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let kept = out.path().join("valid.csv");
    let assert = prepost(&data())
        .args(["screen", "--scale", "spec.toml", "--data", "survey.csv"])
        .args(RULES)
        .arg("--keep")
        .arg(&kept)
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&assert.get_output().stdout)
        .contains("The 6 valid rows were written to"));
    // the header (with its byte-order mark), rows 2, 6, 10, 11, 12 (two lines) and 14, with
    // their CRLF line ends
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        lines_of(&original, &[1, 2, 6, 10, 11, 12, 13, 14])
    );
    assert_eq!(
        std::fs::read(data().join("survey.csv")).unwrap(),
        original,
        "the input is untouched"
    );
    // screened again: nothing more to exclude
    std::fs::copy(data().join("spec.toml"), out.path().join("spec.toml")).unwrap();
    let json = screen_json(out.path(), "valid.csv", &RULES);
    assert_eq!(
        (json["received"].as_u64(), json["valid"].as_u64()),
        (Some(6), Some(6))
    );

    // a GBK file (as Excel on Chinese Windows saves CSV) is kept in GBK, byte for byte
    let text = String::from_utf8(original[3..].to_vec()).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(out.path().join("gbk.csv"), &gbk).unwrap();
    prepost(out.path())
        .args([
            "screen",
            "--scale",
            "spec.toml",
            "--data",
            "gbk.csv",
            "--keep",
            "gbk_valid.csv",
        ])
        .args(RULES)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(out.path().join("gbk_valid.csv")).unwrap(),
        lines_of(&gbk, &[1, 2, 6, 10, 11, 12, 13, 14])
    );

    // standard input, and UTF-16 (Excel's "Unicode Text"): its own two-byte lines
    prepost(out.path())
        .args([
            "screen",
            "--scale",
            "spec.toml",
            "--data",
            "-",
            "--keep",
            "stdin_valid.csv",
        ])
        .args(RULES)
        .write_stdin(original.clone())
        .assert()
        .success();
    assert_eq!(
        std::fs::read(out.path().join("stdin_valid.csv")).unwrap(),
        lines_of(&original, &[1, 2, 6, 10, 11, 12, 13, 14])
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(out.path().join("u16.txt"), &utf16).unwrap();
    prepost(out.path())
        .args([
            "screen",
            "--scale",
            "spec.toml",
            "--data",
            "u16.txt",
            "--keep",
            "u16_valid.txt",
        ])
        .args(RULES)
        .assert()
        .success();
    let kept16 = std::fs::read(out.path().join("u16_valid.txt")).unwrap();
    let want16: String = {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        [1, 2, 6, 10, 11, 12, 13, 14]
            .iter()
            .map(|&n| lines[n - 1])
            .collect()
    };
    let want16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(want16.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(kept16, want16);

    // a spreadsheet: its valid rows as CSV
    prepost(&data())
        .args([
            "screen",
            "--scale",
            "spec.toml",
            "--data",
            "survey.xlsx",
            "--keep",
        ])
        .arg(out.path().join("x.csv"))
        .args(RULES)
        .assert()
        .success();
    let x = std::fs::read_to_string(out.path().join("x.csv")).unwrap();
    let ids: Vec<&str> = x
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(3))
        .collect();
    assert_eq!(ids, vec!["s01", "s05", "s09", "s10", "s11", "s12"], "{x}");
    let json = screen_json(out.path(), "x.csv", &RULES);
    assert_eq!(json["valid"], 6);
}

#[test]
fn keep_never_overwrites_an_input_or_the_report() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["spec.toml", "survey.csv"] {
        std::fs::copy(data().join(f), dir.path().join(f)).unwrap();
    }
    let before = std::fs::read(dir.path().join("survey.csv")).unwrap();
    for (keep, out) in [
        ("survey.csv", None),
        ("spec.toml", None),
        ("r.csv", Some("r.csv")),
        ("-", None),
    ] {
        let mut cmd = prepost(dir.path());
        cmd.args([
            "screen",
            "--scale",
            "spec.toml",
            "--data",
            "survey.csv",
            "--keep",
            keep,
        ]);
        if let Some(o) = out {
            cmd.args(["-o", o]);
        }
        cmd.assert().code(2).stderr(
            predicate::str::contains("--keep").or(predicate::str::contains("also an input")),
        );
    }
    assert_eq!(
        std::fs::read(dir.path().join("survey.csv")).unwrap(),
        before
    );
    // score: --keep with two inputs
    prepost(dir.path())
        .args([
            "score",
            "--scale",
            "spec.toml",
            "survey.csv",
            "survey.csv",
            "--keep",
            "k.csv",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("one input"));
}

#[test]
fn score_with_the_screening_options_scores_only_the_valid() {
    let out = tempfile::tempdir().unwrap();
    let kept = out.path().join("k.csv");
    let assert = prepost(&data())
        .args(["score", "--scale", "spec.toml", "survey.csv"])
        .args(RULES)
        .arg("--keep")
        .arg(&kept)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "screened: Of the 12 questionnaires received, 6 were excluded as invalid",
        ))
        .stderr(predicate::str::contains(
            "excluded row 9 (id s08): too fast (30 s, below 60 s); straight-lining (5 to all 6 items)",
        ))
        .stderr(predicate::str::contains(
            "excluded row 7 (id s02): duplicate id (as row 3)",
        ));
    let csv = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let ids: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, vec!["s01", "s05", "s09", "s10", "s11", "s12"]);
    assert!(csv.contains("s01,6,13,19,6"), "{csv}");
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        lines_of(
            &std::fs::read(data().join("survey.csv")).unwrap(),
            &[1, 2, 6, 10, 11, 12, 13, 14]
        )
    );
    // the JSON holds the screening as screen's JSON does
    let json = json_of(prepost(&data()).args([
        "score",
        "-q",
        "--scale",
        "spec.toml",
        "survey.csv",
        "--screen",
        "--format",
        "json",
    ]));
    assert_eq!(json["screening"]["received"], 12);
    assert_eq!(json["screening"]["valid"], 9);
    assert_eq!(json["screening"]["excluded"][0]["row"], 5);
    // two inputs (two waves of the same people): duplicates within each file only, and each
    // excluded respondent names its file
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data().join("survey.csv"), dir.path().join("pre.csv")).unwrap();
    std::fs::write(
        dir.path().join("post.csv"),
        "id,q1,q2,q3,q4,q5,q6\ns01,1,2,3,4,5,4\ns02,2,2,2,2,2,2\ns05,3,3,3,3,3,1\ns05,1,2,3,4,5,4\n",
    )
    .unwrap();
    std::fs::copy(data().join("spec.toml"), dir.path().join("spec.toml")).unwrap();
    let json = json_of(prepost(dir.path()).args([
        "score",
        "-q",
        "--scale",
        "spec.toml",
        "pre.csv",
        "post.csv",
        "--straight-line",
        "--format",
        "json",
    ]));
    let s = &json["screening"];
    assert_eq!(
        (s["received"].as_u64(), s["valid"].as_u64()),
        (Some(16), Some(9))
    );
    let got = pairs(&s["excluded"], "file", "row");
    let want: Vec<(String, u64)> = [
        ("pre.csv", 4),
        ("pre.csv", 5),
        ("pre.csv", 7),
        ("pre.csv", 8),
        ("pre.csv", 9),
        ("post.csv", 3),
        ("post.csv", 5),
    ]
    .iter()
    .map(|(f, r)| (f.to_string(), *r))
    .collect();
    assert_eq!(got[..5], want[..5]);
    assert_eq!(got[5..], want[5..]);
    assert_eq!(s["excluded"][6]["reasons"][0]["rule"], "duplicate_id");
    assert_eq!(s["excluded"][6]["reasons"][0]["first_row"], 4);
    // (the same answers as post.csv's row 2, not as pre.csv's row 2)
    assert_eq!(s["excluded"][6]["reasons"][1]["rule"], "duplicate_answers");
    assert_eq!(s["excluded"][6]["reasons"][1]["first_row"], 2);
    assert_eq!(json["respondents"].as_array().unwrap().len(), 9);
    // without screening options nothing is excluded, and the JSON has no screening
    let json = json_of(prepost(&data()).args([
        "score",
        "-q",
        "--scale",
        "spec.toml",
        "survey.csv",
        "--format",
        "json",
    ]));
    assert!(json.get("screening").is_none());
}

#[test]
fn bad_options_and_bad_durations_give_located_errors() {
    let run = |dir: &Path, args: &[&str]| {
        let mut cmd = prepost(dir);
        cmd.args(["screen", "--scale", "spec.toml", "--data", "survey.csv"])
            .args(args);
        cmd.assert()
    };
    // usage errors (exit 2)
    for (args, says) in [
        (&["--duration", "x"][..], "--min-seconds"),
        (&["--min-seconds", "-5"], "above 0"),
        (&["--min-seconds", "abc"], "above 0"),
        (&["--longest-run", "1"], "--longest-run"),
        (&["--longest-run", "7"], "more than the 6 items"),
    ] {
        run(&data(), args)
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    // the duration column missing from the data (exit 1)
    run(&data(), &["--min-seconds", "60", "--duration", "time"])
        .code(1)
        .stderr(predicate::str::contains(
            "survey.csv, row 1: has no column \"time\" (the time taken, for --min-seconds)",
        ))
        .stderr(predicate::str::contains("所用时间"));
    let dir = dir_with(&[
        ("spec.toml", "name = \"t\"\nid = \"id\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"s\"\nitems = [\"a\", \"b\"]\n"),
        ("survey.csv", "id,a,b\n1,1,2\n"),
        ("bad.csv", "id,所用时间,a,b\n1,100秒,1,2\n2,3分钟x,2,3\n"),
    ]);
    run(dir.path(), &["--min-seconds", "60"])
        .code(1)
        .stderr(predicate::str::contains("has no column \"所用时间\""))
        .stderr(predicate::str::contains("--duration COLUMN"));
    prepost(dir.path())
        .args([
            "screen",
            "--scale",
            "spec.toml",
            "--data",
            "bad.csv",
            "--min-seconds",
            "60",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.csv, row 3, id \"2\", column \"所用时间\"",
        ))
        .stderr(predicate::str::contains("expected a duration in seconds"))
        .stderr(predicate::str::contains("found \"3分钟x\""));
    // with several inputs, the one without the column is named
    std::fs::write(
        dir.path().join("timed.csv"),
        "id,所用时间,a,b\n1,100秒,1,2\n",
    )
    .unwrap();
    for files in [["timed.csv", "survey.csv"], ["survey.csv", "timed.csv"]] {
        prepost(dir.path())
            .args(["score", "--scale", "spec.toml", "--min-seconds", "60"])
            .args(files)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "prepost: error: survey.csv, row 1: has no column \"所用时间\"",
            ));
    }
    // --invalid missing: the invalid answers are counted in a note, and may make a score
    // incomplete
    std::fs::write(dir.path().join("invalid.csv"), "id,a,b\n1,1,2\n2,9,3\n").unwrap();
    let json = json_of(prepost(dir.path()).args([
        "screen",
        "--scale",
        "spec.toml",
        "--data",
        "invalid.csv",
        "--invalid",
        "missing",
        "--format",
        "json",
    ]));
    assert_eq!(json["excluded"][0]["row"], 3);
    assert_eq!(json["excluded"][0]["reasons"][0]["rule"], "incomplete");
    let text = stdout_of(prepost(dir.path()).args([
        "screen",
        "--scale",
        "spec.toml",
        "--data",
        "invalid.csv",
        "--invalid",
        "missing",
        "--lang",
        "zh",
    ]));
    assert!(
        text.contains("invalid.csv：1 个无效作答按缺失处理（a: 1）"),
        "{text}"
    );
    // the same rules are options of score
    prepost(dir.path())
        .args([
            "score",
            "--scale",
            "spec.toml",
            "bad.csv",
            "--min-seconds",
            "60",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("row 3"));
}

#[test]
fn the_longest_run_follows_the_columns_of_the_file_not_the_spec() {
    // subscales interleaved over the questionnaire: a = q1, q3, q5 and b = q2, q4, q6
    let dir = dir_with(&[
        (
            "spec.toml",
            "name = \"t\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"a\"\nitems = [\"q1\", \"q3\", \"q5\"]\n[[subscale]]\nname = \"b\"\nitems = [\"q2\", \"q4\", \"q6\"]\n",
        ),
        (
            "d.csv",
            "id,q1,q2,q3,q4,q5,q6\nr1,1,1,1,2,2,2\nr2,1,2,1,2,1,2\n",
        ),
    ]);
    // r1 answers 1 1 1 2 2 2 down the questionnaire (a run of 3; in the spec's order, 1 1 2 1 2 2)
    // r2 answers 1 2 1 2 1 2 (in the spec's order 1 1 1 2 2 2)
    let json = screen_json(dir.path(), "d.csv", &["--longest-run", "3"]);
    let rows: Vec<u64> = excluded(&json).iter().map(|e| e.0).collect();
    assert_eq!(rows, vec![2]);
    assert_eq!(json["excluded"][0]["reasons"][0]["run"], 3);
}

#[test]
fn an_item_keyed_both_ways_is_one_answer_of_the_questionnaire() {
    // "-q1" in b reverses q1 there only (issue 24, per-score keys): still one answer per column
    let dir = dir_with(&[
        (
            "spec.toml",
            "name = \"t\"\nmin = 1\nmax = 5\nallow_shared_items = true\n[[subscale]]\nname = \"a\"\nitems = [\"q1\", \"q2\"]\n[[subscale]]\nname = \"b\"\nitems = [\"-q1\", \"q3\"]\n[total]\nitems = [\"q1\", \"q2\", \"q3\"]\n",
        ),
        ("d.csv", "id,q1,q2,q3\nr1,4,4,4\nr2,4,2,4\n"),
    ]);
    let json = screen_json(
        dir.path(),
        "d.csv",
        &["--straight-line", "--longest-run", "3"],
    );
    let e = &json["excluded"];
    assert_eq!(e.as_array().unwrap().len(), 1);
    assert_eq!(e[0]["row"], 2);
    assert_eq!(e[0]["reasons"][0]["rule"], "straight_line");
    assert_eq!(e[0]["reasons"][0]["items"], 3);
    assert_eq!(e[0]["reasons"][0]["answer"], 4.0);
    assert_eq!(e[0]["reasons"][1]["run"], 3);
    prepost(dir.path())
        .args([
            "screen",
            "--scale",
            "spec.toml",
            "--data",
            "d.csv",
            "--longest-run",
            "4",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("more than the 3 items"));
}

#[test]
fn wenjuanxing_downloads_are_screened_alike_with_items_chosen_by_question() {
    // tests/data/wenjuanxing: the number and the text download of one study, its spec choosing
    // items by question number (Q3, Q4); 所用时间 as "330秒"; 序号 the id
    let dir = repo().join("tests/data/wenjuanxing");
    let screened = |file: &str| {
        let json = json_of(prepost(&dir).args([
            "screen",
            "--scale",
            "scale.toml",
            "--data",
            file,
            "--min-seconds",
            "100",
            "--longest-run",
            "4",
            "--format",
            "json",
        ]));
        assert_eq!(
            (json["received"].as_u64(), json["valid"].as_u64()),
            (Some(12), Some(9))
        );
        excluded(&json)
    };
    let number = screened("number.csv");
    let want: Vec<(u64, String, Vec<String>)> = [
        (2, "1", "longest_run"),
        (4, "3", "too_fast"),
        (6, "5", "incomplete"),
    ]
    .map(|(row, id, rule)| (row, id.to_string(), vec![rule.to_string()]))
    .to_vec();
    assert_eq!(number, want);
    assert_eq!(screened("text.csv"), number);
}

#[test]
fn keep_of_an_spss_file_writes_its_valid_cases_as_csv() {
    // tests/data/sav/examples/groups_pre_items.sav: the cases of groups_pre_items.csv (group
    // coded 1/2 with value labels; the 9s user-missing, empty in the CSV)
    let examples = repo().join("tests/data/sav/examples");
    let spec = repo().join("data/scales/children_self_confidence.toml");
    let out = tempfile::tempdir().unwrap();
    let screened = |data: &str, stdin: Option<Vec<u8>>, keep: &Path| {
        let mut cmd = prepost(&examples);
        cmd.args(["screen", "--scale"])
            .arg(&spec)
            .args(["--data", data, "--longest-run", "4", "--format", "json"])
            .arg("--keep")
            .arg(keep);
        if let Some(bytes) = stdin {
            cmd.write_stdin(bytes);
        }
        json_of(&mut cmd)
    };
    let kept = out.path().join("kept.csv");
    let json = screened("groups_pre_items.sav", None, &kept);
    let excluded: Vec<String> = excluded(&json).into_iter().map(|e| e.1).collect();
    assert_eq!(json["valid"], 11);
    let csv = std::fs::read_to_string(examples.join("groups_pre_items.csv")).unwrap();
    let want: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter(|l| !excluded.iter().any(|id| l.starts_with(&format!("{id},"))))
        .collect();
    let text = std::fs::read_to_string(&kept).unwrap();
    let got: Vec<&str> = text.lines().collect();
    assert_eq!(got[0], csv.lines().next().unwrap(), "the header");
    assert_eq!(got.len(), 12, "{text}");
    // every kept case as in the CSV but for its group's code
    for (g, w) in got[1..].iter().zip(&want) {
        let g: Vec<&str> = g.split(',').collect();
        let w: Vec<&str> = w.split(',').collect();
        assert_eq!((g[0], &g[2..]), (w[0], &w[2..]), "{text}");
    }
    // screened again: all valid
    let again = json_of(
        prepost(out.path())
            .args(["screen", "--scale"])
            .arg(&spec)
            .args([
                "--data",
                "kept.csv",
                "--longest-run",
                "4",
                "--format",
                "json",
            ]),
    );
    assert_eq!(
        (again["received"].as_u64(), again["valid"].as_u64()),
        (Some(11), Some(11))
    );
    // an SPSS file on standard input, and one recognised by its bytes under another name
    let sav = std::fs::read(examples.join("groups_pre_items.sav")).unwrap();
    let from_stdin = out.path().join("stdin.csv");
    screened("-", Some(sav.clone()), &from_stdin);
    assert_eq!(std::fs::read_to_string(&from_stdin).unwrap(), text);
    std::fs::write(out.path().join("disguised.csv"), &sav).unwrap();
    let disguised = out.path().join("disguised_kept.txt");
    screened(
        out.path().join("disguised.csv").to_str().unwrap(),
        None,
        &disguised,
    );
    assert_eq!(std::fs::read_to_string(&disguised).unwrap(), text);
}

#[test]
fn keep_refuses_a_name_that_says_another_format_than_text() {
    let out = tempfile::tempdir().unwrap();
    for (data, keep) in [
        ("tests/data/sav/examples/groups_pre_items.sav", "kept.sav"),
        ("tests/data/sav/examples/groups_pre_items.sav", "kept.ZSAV"),
        ("tests/data/screen/survey.xlsx", "kept.xlsx"),
        ("tests/data/screen/survey.csv", "kept.ods"),
        ("tests/data/screen/survey.csv", "kept.json"),
        ("tests/data/screen/survey.csv", "kept.parquet"),
    ] {
        let spec = match data.contains("sav") {
            true => "data/scales/children_self_confidence.toml",
            false => "tests/data/screen/spec.toml",
        };
        let keep = out.path().join(keep);
        prepost(&repo())
            .args(["screen", "--scale", spec, "--data", data, "--keep"])
            .arg(&keep)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("but --keep writes text")
                    .and(predicate::str::contains("name it .csv")),
            );
        assert!(!keep.exists(), "{}", keep.display());
    }
    prepost(&repo())
        .args([
            "score",
            "--scale",
            "tests/data/screen/spec.toml",
            "tests/data/screen/survey.csv",
            "--keep",
        ])
        .arg(out.path().join("k.xls"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("names a workbook"));
    // text by any other name, or none, is written
    for keep in ["kept.tsv", "kept.txt", "kept"] {
        prepost(&data())
            .args([
                "screen",
                "--scale",
                "spec.toml",
                "--data",
                "survey.csv",
                "--keep",
            ])
            .arg(out.path().join(keep))
            .assert()
            .success();
        assert!(out.path().join(keep).exists());
    }
}

#[test]
fn keep_guards_formulas_in_the_csv_it_writes_and_copies_csv_unchanged() {
    // tests/data/screen/formulas.xlsx and formulas.sav (formulas.R): text a spreadsheet would
    // run; r02 straight-lined
    let out = tempfile::tempdir().unwrap();
    let want = "id,q1,q2,q3,q4,q5,q6,note\n\
                r01,1,2,3,4,5,4,'=1+2\n\
                '-r03,2,3,4,5,1,2,'@SUM(A1)\n\
                r04,4,4,2,1,2,3,-1\n\
                r05,5,1,2,3,4,5,'+ok then\n";
    for file in ["formulas.xlsx", "formulas.sav"] {
        let kept = out.path().join(format!("{file}.csv"));
        prepost(&data())
            .args(["screen", "--scale", "spec.toml", "--data", file])
            .args(["--straight-line", "--keep"])
            .arg(&kept)
            .assert()
            .success();
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), want, "{file}");
    }
    // a CSV input is copied byte for byte, its formulas as they are (--keep's promise)
    let csv = "id,q1,q2,q3,q4,q5,q6,note\r\n\
               r01,1,2,3,4,5,4,=1+2\r\n\
               r02,3,3,3,3,3,3,@x\r\n\
               -r03,2,3,4,5,1,2,+y\r\n";
    std::fs::write(out.path().join("f.csv"), csv).unwrap();
    std::fs::copy(data().join("spec.toml"), out.path().join("spec.toml")).unwrap();
    prepost(out.path())
        .args(["screen", "--scale", "spec.toml", "--data", "f.csv"])
        .args(["--straight-line", "--keep", "f_kept.csv"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(out.path().join("f_kept.csv")).unwrap(),
        "id,q1,q2,q3,q4,q5,q6,note\r\nr01,1,2,3,4,5,4,=1+2\r\n-r03,2,3,4,5,1,2,+y\r\n"
    );
}

#[test]
fn an_input_given_twice_is_screened_as_two_inputs() {
    // duplicates are judged within each input: the second copy of a file duplicates nothing of
    // the first, and its rows are named as its own
    let dir = repo().join("tests/data/wenjuanxing");
    let single = json_of(prepost(&dir).args([
        "screen",
        "--scale",
        "scale.toml",
        "--data",
        "number.csv",
        "--format",
        "json",
    ]));
    assert_eq!(single["valid"], 11);
    let assert = prepost(&dir)
        .args([
            "score",
            "--scale",
            "scale.toml",
            "number.csv",
            "number.csv",
            "--screen",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("Of the 24 questionnaires received, 2 were excluded"),
        "{stderr}"
    );
    assert!(!stderr.contains("duplicate"), "{stderr}");
    // the scores of the 22 valid: each copy's 11
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert_eq!(stdout.lines().count(), 23, "{stdout}");
}

#[test]
fn screen_reports_the_answers_skipped_in_a_wenjuanxing_download() {
    // number.csv: -2 (skipped by jump logic) and -3 (not shown) in four cells
    let dir = repo().join("tests/data/wenjuanxing");
    let json = json_of(prepost(&dir).args([
        "screen",
        "--scale",
        "scale.toml",
        "--data",
        "number.csv",
        "--format",
        "json",
    ]));
    let notes: Vec<&str> = json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("4 answers skipped or not shown in the Wenjuanxing download")
            && notes[0].contains("4、(我会按时完成作业): 1"),
        "{notes:?}"
    );
    // and the readable report, in Chinese too
    let text = stdout_of(prepost(&dir).args([
        "screen",
        "--scale",
        "scale.toml",
        "--data",
        "number.csv",
        "--lang",
        "zh",
    ]));
    assert!(text.contains("跳过"), "{text}");
}
