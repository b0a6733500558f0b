//! Answers as text (`[answers]` in the spec) and Wenjuanxing (问卷星) downloads: the number and
//! the text download of one study (tests/data/wenjuanxing, made by make.py), as .xlsx and .csv,
//! against the same answers as a plain numeric CSV.

use crate::common::*;
use predicates::prelude::*;
use std::path::PathBuf;

fn data() -> PathBuf {
    repo().join("tests/data/wenjuanxing")
}

/// The four downloads of the study.
const DOWNLOADS: [&str; 4] = ["number.xlsx", "number.csv", "text.xlsx", "text.csv"];

fn stdout_of(cmd: &mut Cmd) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

fn stderr_of(cmd: &mut Cmd) -> String {
    String::from_utf8(cmd.assert().success().get_output().stderr.clone()).unwrap()
}

/// Every number of a JSON value, in order (names of items and files left out: the downloads
/// name their items by their long headers, the plain file q1..q8).
fn numbers(v: &serde_json::Value, out: &mut Vec<f64>) {
    match v {
        serde_json::Value::Number(n) => out.push(n.as_f64().unwrap()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| numbers(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| numbers(x, out)),
        _ => {}
    }
}

fn numbers_of(cmd: &mut Cmd) -> Vec<f64> {
    let mut out = Vec::new();
    numbers(&json_of(cmd), &mut out);
    out
}

#[test]
fn both_downloads_score_as_the_plain_numeric_file() {
    let plain =
        stdout_of(prepost(&data()).args(["score", "-q", "--scale", "plain.toml", "plain.csv"]));
    assert!(
        plain.starts_with("id,peers,study,total,n_answered\n"),
        "{plain}"
    );
    // (5: study missing, 6 items answered of 8; 7: one item not shown)
    assert!(plain.contains("\n5,14,,22.4,5\n"), "{plain}");
    for file in DOWNLOADS {
        let scores =
            stdout_of(prepost(&data()).args(["score", "-q", "--scale", "scale.toml", file]));
        // 序号 is the id of a download whose spec names none
        assert_eq!(
            scores.replacen("序号,", "id,", 1),
            plain,
            "{file}: the same scores as plain.csv"
        );
    }
}

#[test]
fn a_download_saved_in_gbk_reads_the_same() {
    // Excel on Chinese Windows saves CSV in GBK
    let text = std::fs::read_to_string(data().join("text.csv")).unwrap();
    let (gbk, _, lossy) = encoding_rs::GBK.encode(text.trim_start_matches('\u{feff}'));
    assert!(!lossy);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gbk.csv"), &gbk).unwrap();
    std::fs::copy(data().join("scale.toml"), dir.path().join("scale.toml")).unwrap();
    let got =
        stdout_of(prepost(dir.path()).args(["score", "-q", "--scale", "scale.toml", "gbk.csv"]));
    let want =
        stdout_of(prepost(&data()).args(["score", "-q", "--scale", "scale.toml", "text.csv"]));
    assert_eq!(got, want);
}

#[test]
fn skipped_answers_are_missing_and_counted() {
    for file in DOWNLOADS {
        // number.xlsx has the older headers 第3题(…)
        let named = |s: &str| {
            if file == "number.xlsx" {
                s.replace("3、", "第3题").replace("4、", "第4题")
            } else {
                s.to_string()
            }
        };
        let err = stderr_of(prepost(&data()).args(["score", "--scale", "scale.toml", file]));
        assert!(
            err.contains(&named(
                "4 answers skipped or not shown in the Wenjuanxing download (-2, -3, (跳过) or empty) \
                 read as missing (3、(我经常感到孤独): 1, 4、(我会提前安排学习时间): 1, \
                 4、(我会按时完成作业): 1, 4、(我会复习当天所学): 1)"
            )),
            "{file}: {err}"
        );
        let json = json_of(prepost(&data()).args([
            "score",
            "-q",
            "--scale",
            "scale.toml",
            "--format",
            "json",
            file,
        ]));
        let skipped = &json["summary"]["skipped_by_item"];
        assert_eq!(skipped.as_array().unwrap().len(), 4, "{file}: {skipped}");
        assert_eq!(
            skipped[0],
            serde_json::json!([named("3、(我经常感到孤独)"), 1])
        );
        // the spec as read from this file: its items are the file's columns
        assert_eq!(
            json["scale"]["items"][0],
            named("3、(我能与同学友好相处)").as_str()
        );
        assert_eq!(json["scale"]["answers"]["完全符合"], 5.0);
    }
    // a plain file keeps -2 an invalid answer, not a skip
    let dir = dir_with(&[("d.csv", "id,q1,q2,q3,q4,q5,q6,q7,q8\n1,-2,1,1,1,1,1,1,1\n")]);
    std::fs::copy(data().join("plain.toml"), dir.path().join("plain.toml")).unwrap();
    prepost(dir.path())
        .args(["score", "--scale", "plain.toml", "d.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("found \"-2\""));
    // in a download on a scale from -3 to 3, -2 and -3 are answers; only (跳过) is a skip
    let download = "序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、(甲),1、(乙),1、(丙)\n\
                    1,2024/3/5 10:10:33,30秒,微信,N/A,1.2.3.4,-2,-3,2\n\
                    2,2024/3/5 10:11:33,31秒,微信,N/A,1.2.3.5,(跳过),-3,3\n";
    let spec = "name = \"t\"\nmin = -3\nmax = 3\nmin_answered = 2\n[total]\nitems = [\"Q1\"]\n";
    let dir = dir_with(&[("d.csv", download), ("s.toml", spec)]);
    prepost(dir.path())
        .args(["score", "--scale", "s.toml", "d.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\n1,-3,3\n2,0,2\n"))
        .stderr(predicate::str::contains("1 answer skipped"));
}

#[test]
fn metadata_columns_never_become_items() {
    // a range over the whole file leaves out the six metadata columns
    let dir = tempfile::tempdir().unwrap();
    for f in DOWNLOADS {
        std::fs::copy(data().join(f), dir.path().join(f)).unwrap();
    }
    let spec =
        "name = \"All\"\nmin = 1\nmax = 5\n[total]\nitems = [\"序号..4、(我会复习当天所学)\"]\n";
    std::fs::write(dir.path().join("all.toml"), spec).unwrap();
    let out = stdout_of(prepost(dir.path()).args(["scale", "check", "all.toml", "text.csv"]));
    assert!(
        out.contains("text.csv: all 10 items and the id column \"序号\" found (12 rows)"),
        "{out}"
    );
    assert!(
        out.contains("  total: 1、您的性别, 2、您的年级, 3、(我能与同学友好相处),"),
        "{out}"
    );
    for meta in ["提交答卷时间", "所用时间", "来源", "来自IP"] {
        assert!(!out.contains(&format!("{meta},")), "{meta}: {out}");
    }
    // named as an item: refused
    let spec = "name = \"T\"\nmin = 1\nmax = 5\n[total]\nitems = [\"所用时间\", \"Q3\"]\n";
    std::fs::write(dir.path().join("meta.toml"), spec).unwrap();
    prepost(dir.path())
        .args(["score", "--scale", "meta.toml", "number.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "所用时间 of the Wenjuanxing download is metadata, not answers, and cannot be items",
        ));
}

#[test]
fn ranges_and_matrix_numbers_select_the_items() {
    let dir = tempfile::tempdir().unwrap();
    for f in DOWNLOADS {
        std::fs::copy(data().join(f), dir.path().join(f)).unwrap();
    }
    let items = "3、(我能与同学友好相处), 3、(我经常感到孤独), 3、(遇到困难时我会向别人求助), \
                 3、(我喜欢参加集体活动), 3、(我觉得别人不理解我), 4、(我会提前安排学习时间), \
                 4、(我会按时完成作业), 4、(我会复习当天所学)";
    for (name, selector) in [
        ("questions", "\"Q3..Q4\""),
        ("rows", "\"Q3.1..Q4.3\""),
        (
            "headers",
            "\"3、(我能与同学友好相处)..4、(我会复习当天所学)\"",
        ),
        ("matrices", "\"Q3\", \"Q4\""),
    ] {
        let spec = format!("name = \"T\"\nmin = 1\nmax = 5\n[total]\nitems = [{selector}]\n");
        std::fs::write(dir.path().join("t.toml"), spec).unwrap();
        // (number.xlsx has the older headers 第3题(…))
        let files: &[&str] = if name == "headers" {
            &["text.csv"]
        } else {
            &["text.csv", "number.xlsx"]
        };
        for &file in files {
            let out = stdout_of(prepost(dir.path()).args(["scale", "check", "t.toml", file]));
            let want = if file == "number.xlsx" {
                items.replace("3、", "第3题").replace("4、", "第4题")
            } else {
                items.to_string()
            };
            assert!(
                out.contains(&format!("  total: {want}\n")),
                "{name}, {file}: {out}"
            );
        }
    }
    // a row a matrix does not have, and a range backwards
    for (selector, message) in [
        (
            "Q3.6",
            "item \"Q3.6\" of the spec: question 3 has 5 columns, so there is no \"Q3.6\"",
        ),
        (
            "Q4..Q3",
            "the range \"Q4..Q3\" runs backwards: \"Q3\" comes before \"Q4\" in the data",
        ),
        ("Q9", "1 item of the spec is not in the data: Q9"),
    ] {
        let spec = format!("name = \"T\"\nmin = 1\nmax = 5\n[total]\nitems = [\"{selector}\"]\n");
        std::fs::write(dir.path().join("t.toml"), spec).unwrap();
        prepost(dir.path())
            .args(["score", "--scale", "t.toml", "text.csv"])
            .assert()
            .code(1)
            .stderr(
                predicate::str::contains(message).and(predicate::str::contains("text.csv, row 1")),
            );
    }
    // exact names keep working, and reverse-keyed rows by number
    let spec = "name = \"T\"\nmin = 1\nmax = 5\n[answers]\n\"完全不符合\" = 1\n\"比较不符合\" = 2\n\
                \"不确定\" = 3\n\"比较符合\" = 4\n\"完全符合\" = 5\n[[subscale]]\nname = \"peers\"\n\
                items = [\"3、(我能与同学友好相处)\", \"3、(我经常感到孤独)\", \"Q3.3\", \"Q3.4..Q3.5\"]\n\
                reverse = [\"3、(我经常感到孤独)\", \"Q3.5\"]\n";
    std::fs::write(dir.path().join("exact.toml"), spec).unwrap();
    let out =
        stdout_of(prepost(dir.path()).args(["score", "-q", "--scale", "exact.toml", "text.csv"]));
    let plain =
        stdout_of(prepost(&data()).args(["score", "-q", "--scale", "plain.toml", "plain.csv"]));
    let peers = |s: &str| -> Vec<String> {
        s.lines()
            .skip(1)
            .map(|l| l.split(',').nth(1).unwrap().to_string())
            .collect()
    };
    assert_eq!(peers(&out), peers(&plain));
}

#[test]
fn a_spec_with_selectors_checks_without_data_and_counts_items_with_it() {
    // min_answered = 4 of "Q3" (one entry as written, five rows in a file)
    let spec = "name = \"T\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"peers\"\nitems = [\"Q3\"]\n\
                min_answered = 4\n";
    let dir = dir_with(&[("t.toml", spec)]);
    let out = stdout_of(prepost(dir.path()).args(["scale", "check", "t.toml"]));
    assert!(out.contains("t.toml: valid"), "{out}");
    std::fs::copy(data().join("number.csv"), dir.path().join("number.csv")).unwrap();
    let out = stdout_of(prepost(dir.path()).args(["scale", "check", "t.toml", "number.csv"]));
    assert!(out.contains("all 5 items"), "{out}");
    let three = spec.replace("min_answered = 4", "min_answered = 6");
    std::fs::write(dir.path().join("t.toml"), three).unwrap();
    prepost(dir.path())
        .args(["score", "--scale", "t.toml", "number.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "min_answered = 6 for \"peers\" but it has only 5 items",
        ));
}

#[test]
fn an_unknown_text_is_a_located_error_or_counted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data().join("scale.toml"), dir.path().join("scale.toml")).unwrap();
    let text = std::fs::read_to_string(data().join("text.csv")).unwrap();
    // row 4 (respondent 3) answers 3、(遇到困难时我会向别人求助) 不确定: write it wrong
    let lines: Vec<&str> = text.lines().collect();
    let wrong = lines[3].replacen("不确定", "不太确定", 1);
    let mut changed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    changed[3] = wrong;
    std::fs::write(dir.path().join("text.csv"), changed.join("\n") + "\n").unwrap();
    prepost(dir.path())
        .args(["score", "--scale", "scale.toml", "text.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "text.csv, row 4, id \"3\", column \"3、(遇到困难时我会向别人求助)\": expected a whole number \
             from 1 to 5 or one of the answers \"完全不符合\" = 1, \"比较不符合\" = 2, \"不确定\" = 3, \
             \"比较符合\" = 4, \"完全符合\" = 5, found \"不太确定\"",
        ));
    // the study's own words in its subscale: listed for its items
    let err = stderr_of(prepost(dir.path()).args([
        "score",
        "--scale",
        "scale.toml",
        "--invalid",
        "missing",
        "text.csv",
    ]));
    assert!(
        err.contains("1 invalid answer treated as missing (3、(遇到困难时我会向别人求助): 1)"),
        "{err}"
    );
    let json = json_of(prepost(dir.path()).args([
        "score",
        "-q",
        "--scale",
        "scale.toml",
        "--invalid",
        "missing",
        "--format",
        "json",
        "text.csv",
    ]));
    assert_eq!(
        json["summary"]["invalid_by_item"],
        serde_json::json!([["3、(遇到困难时我会向别人求助)", 1]])
    );
    // a subscale's own words are not the other's
    let swapped = text.replacen("很少", "比较符合", 1);
    std::fs::write(dir.path().join("swapped.csv"), swapped).unwrap();
    prepost(dir.path())
        .args(["score", "--scale", "scale.toml", "swapped.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "or one of the answers \"从不\" = 1, \"很少\" = 2, \"有时\" = 3, \"经常\" = 4, \"总是\" = 5, found \"比较符合\"",
        ));
}

#[test]
fn texts_are_trimmed_and_compared_in_nfc() {
    // "é" composed in the spec, decomposed (e + U+0301) and padded in the data
    let spec = "name = \"T\"\nid = \"id\"\nmin = 1\nmax = 3\n[answers]\n\"jamais\" = 1\n\
                \"parfois\" = 2\n\"r\u{e9}guli\u{e8}rement\" = 3\n[total]\nitems = [\"a\", \"b\"]\n";
    let data = "id,a,b\n1, jamais ,re\u{301}gulie\u{300}rement\n2,2,parfois\n";
    let dir = dir_with(&[("s.toml", spec), ("d.csv", data)]);
    let out = stdout_of(prepost(dir.path()).args(["score", "-q", "--scale", "s.toml", "d.csv"]));
    assert_eq!(out, "id,total,n_answered\n1,4,2\n2,4,2\n");
}

#[test]
fn a_bad_answer_map_is_refused_with_every_problem() {
    let spec = "name = \"T\"\nmin = 1\nmax = 5\nmissing = [\"不适用\"]\n[answers]\n\"低\" = 0\n\
                \"中\" = 2.5\n\" \" = 3\n\"4\" = 4\n\"不适用\" = 5\n\"Jose\u{301}\" = 1\n\"Jos\u{e9}\" = 1\n\
                [[subscale]]\nname = \"a\"\nitems = [\"q1\"]\n[subscale.answers]\n\"x\" = 9\n";
    let dir = dir_with(&[("s.toml", spec)]);
    let err = String::from_utf8(
        prepost(dir.path())
            .args(["scale", "check", "s.toml"])
            .assert()
            .code(1)
            .get_output()
            .stderr
            .clone(),
    )
    .unwrap();
    for message in [
        "[answers]: \"低\" = 0 is outside the range 1 to 5 (min, max)",
        "[answers]: \"中\" = 2.5 is not a whole number, and the answers are (integer = true)",
        "[answers] has an empty answer text",
        "[answers] maps \"4\", which is a number: numbers are read as themselves",
        "[answers] maps \"不适用\", which is also a missing code (`missing`)",
        "[answers] maps \"José\" twice (texts are compared trimmed and in Unicode normal form C)",
        "the answers of subscale \"a\": \"x\" = 9 is outside the range 1 to 5 (min, max)",
    ] {
        assert!(err.contains(message), "{message}: {err}");
    }
}

#[test]
fn every_command_reading_items_reads_the_texts() {
    let d = data();
    // reliability, factor and survey: every number of the downloads' reports (alphas, omegas,
    // item statistics, loadings, descriptives) = the plain file's
    for (command, data, files) in [
        ("reliability", None, &DOWNLOADS[..]),
        ("factor", Some("--data"), &["text.xlsx", "number.csv"][..]),
        ("survey", Some("--data"), &["text.csv", "number.xlsx"][..]),
    ] {
        let run = |spec: &str, file: &str| {
            let mut args = vec![command, "--format", "json", "--scale", spec];
            args.extend(data);
            args.push(file);
            numbers_of(prepost(&d).args(args))
        };
        let want = run("plain.toml", "plain.csv");
        assert!(want.len() > 20, "{command}: {want:?}");
        for file in files {
            assert_eq!(run("scale.toml", file), want, "{command} of {file}");
        }
    }
    // compare: the text download before, the number download after: no change at all, and
    // the skipped answers noted for each wave
    let json = json_of(prepost(&d).args([
        "compare",
        "--format",
        "json",
        "--scale",
        "scale.toml",
        "--pre",
        "text.xlsx",
        "--post",
        "number.csv",
    ]));
    let total = json["scales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scale"] == "total")
        .unwrap();
    assert_eq!(total["n_pairs"], 12, "{total}");
    assert_eq!(total["diff"]["mean"], 0.0, "{total}");
    let notes = json.to_string();
    assert!(
        notes.contains("pre: 4 answers skipped or not shown in the Wenjuanxing download"),
        "{notes}"
    );
    // case: text answers of sessions
    let spec =
        "name = \"T\"\nid = \"case\"\nmin = 1\nmax = 3\n[answers]\n\"从不\" = 1\n\"有时\" = 2\n\
                \"经常\" = 3\n[total]\nitems = [\"a\", \"b\"]\n";
    let words = ["", "从不", "有时", "经常"];
    let mut text = String::from("case,session,phase,a,b\n");
    let mut numeric = text.clone();
    for s in 1..=8 {
        let phase = if s <= 4 { "A" } else { "B" };
        let (a, b) = (1 + (s % 2), if s <= 4 { 1 } else { 3 });
        text.push_str(&format!("c1,{s},{phase},{},{}\n", words[a], words[b]));
        numeric.push_str(&format!("c1,{s},{phase},{a},{b}\n"));
    }
    let dir = dir_with(&[
        ("s.toml", spec),
        ("text.csv", &text),
        ("numeric.csv", &numeric),
    ]);
    let case = |file: &str| {
        numbers_of(prepost(dir.path()).args([
            "case", "--format", "json", "--scale", "s.toml", "--data", file,
        ]))
    };
    let (got, want) = (case("text.csv"), case("numeric.csv"));
    assert!(!want.is_empty());
    assert_eq!(got, want);
}

#[test]
fn waves_whose_selectors_choose_other_columns_are_not_compared() {
    // the post-test download renumbers a row of question 4 as question 5: Q4 would choose two
    // columns there and three in the pre-test, two different instruments
    let number = std::fs::read_to_string(data().join("number.csv")).unwrap();
    let post = number.replacen("4、(我会复习当天所学)", "5、(我会复习当天所学)", 1);
    let dir = dir_with(&[("post.csv", &post)]);
    for f in ["number.csv", "scale.toml"] {
        std::fs::copy(data().join(f), dir.path().join(f)).unwrap();
    }
    prepost(dir.path())
        .args([
            "compare",
            "--scale",
            "scale.toml",
            "--pre",
            "number.csv",
            "--post",
            "post.csv",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "post.csv: the spec selects other columns here than in number.csv",
        ));
    prepost(dir.path())
        .args(["score", "--scale", "scale.toml", "number.csv", "post.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the spec selects other columns here",
        ));
}
