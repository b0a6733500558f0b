//! `prepost score`, `prepost scale init|check`: scoring item-level answers.

use crate::common::*;
use predicates::prelude::*;

const SPEC: &str = r#"
name = "Five items"
min = 1
max = 5
min_answered = 0.8
[[subscale]]
name = "a"
items = ["q1", "q2", "q3", "q4", "q5"]
reverse = ["q2"]
[[subscale]]
name = "b"
items = ["q6", "q7", "q8"]
method = "mean"
min_answered = 2
"#;

#[test]
fn example_items_score_to_the_example_scores() {
    // data/example/{pre,post}.csv were made from the item files by generate.py, an
    // independent implementation of the same rules.
    let ex = repo().join("data/example");
    for wave in ["pre", "post"] {
        let out = stdout_of(prepost(&ex).args([
            "score",
            "-q",
            "--scale",
            "../scales/children_self_confidence.toml",
            &format!("{wave}_items.csv"),
        ]));
        let expected = std::fs::read_to_string(ex.join(format!("{wave}.csv"))).unwrap();
        let got: Vec<String> = out
            .lines()
            .map(|l| l.rsplit_once(',').unwrap().0.to_string()) // drop n_answered
            .collect();
        let want: Vec<&str> = expected.lines().collect();
        assert_eq!(got, want, "{wave}");
    }
}

#[test]
fn reverse_keying_proration_and_the_missing_rule_by_hand() {
    // Hand-checked (1..5, q2 reverse-keyed as 6 - x; "a" = sum of q1-q5 needing 4 answered,
    // "b" = mean of q6-q8 needing 2, total = sum of all 8 needing ceil(0.8 * 8) = 7):
    //   r1: keyed 1,1,3,4,5 | 2,3,4  -> a = 14, b = 3, total = 23
    //   r2: keyed 1,2,3,4,- | 3,4,-  -> a = 10 * 5/4 = 12.5 (prorated), b = 3.5, total: 6 < 7 -> missing
    //   r3: keyed 1,-,-,4,5 | 2,-,-  -> a: 3 < 4 -> missing, b: 1 < 2 -> missing, total missing
    let dir = dir_with(&[
        ("spec.toml", SPEC),
        (
            "d.csv",
            "id,q1,q2,q3,q4,q5,q6,q7,q8\nr1,1,5,3,4,5,2,3,4\nr2,1,4,3,4,,3,4,\nr3,1,,,4,5,2,,\n",
        ),
    ]);
    prepost(dir.path())
        .args(["score", "--scale", "spec.toml", "d.csv"])
        .assert()
        .success()
        .stdout(predicate::eq("id,a,b,total,n_answered\nr1,14,3,23,8\nr2,12.5,3.5,,6\nr3,,,,4\n"))
        .stderr(predicate::str::contains("a: sum of 5 items, needs 4 answered; missing for 1 (too few items answered); 1 with missing items (prorated as mean x number of items)"));
}

#[test]
fn invalid_answers_are_errors_naming_file_row_id_and_item() {
    let cases = [
        ("r2,1,6,3,4,5,2,3,4", "d.csv, row 3, id \"r2\", column \"q2\": expected a whole number from 1 to 5, found \"6\""),
        ("r2,1,2,3分,4,5,2,3,4", "column \"q3\": expected a whole number from 1 to 5, found \"3分\""),
        ("r2,1,2,N/A,4,5,2,3,4", "found \"N/A\""),
        ("r2,1,2,3,4.5,5,2,3,4", "column \"q4\": expected a whole number from 1 to 5, found \"4.5\""),
        ("r2,0,2,3,4,5,2,3,4", "column \"q1\""),
    ];
    for (row, message) in cases {
        let data = format!("id,q1,q2,q3,q4,q5,q6,q7,q8\nr1,1,5,3,4,5,2,3,4\n{row}\n");
        let dir = dir_with(&[("spec.toml", SPEC), ("d.csv", &data)]);
        prepost(dir.path())
            .args(["score", "--scale", "spec.toml", "d.csv", "-o", "out.csv"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains("--invalid missing"));
        assert!(!dir.path().join("out.csv").exists());
    }
}

#[test]
fn invalid_answers_as_missing_are_counted_and_codes_can_be_declared() {
    let dir = dir_with(&[
        ("spec.toml", SPEC),
        ("d.csv", "id,q1,q2,q3,q4,q5,q6,q7,q8\nr1,1,5,3,4,5,2,3,4\nr2,1,9,N/A,4,5,2,3,4\nr3,1,2,-99,4,5,2,3,4\n"),
    ]);
    prepost(dir.path())
        .args([
            "score",
            "--scale",
            "spec.toml",
            "d.csv",
            "--invalid",
            "missing",
            "--na",
            "-99",
        ])
        .assert()
        .success()
        // r2: q2 = 9 and q3 = N/A invalid -> a from 3 items: missing; r3: q3 = -99 declared
        // missing -> a = (1 + 4 + 4 + 5) * 5/4 = 17.5 (prorated)
        .stdout(predicate::str::contains("r2,,3,"))
        .stdout(predicate::str::contains("r3,17.5,3,"))
        .stderr(predicate::str::contains(
            "2 invalid answers treated as missing (q2: 1, q3: 1)",
        ));
}

#[test]
fn several_files_get_a_source_column_and_formats_follow_the_extension() {
    let dir = dir_with(&[
        ("spec.toml", SPEC),
        ("w1.csv", "id,q1,q2,q3,q4,q5,q6,q7,q8\nr1,1,5,3,4,5,2,3,4\n"),
        (
            "w2.tsv",
            "id\tq1\tq2\tq3\tq4\tq5\tq6\tq7\tq8\nr9\t2\t2\t2\t2\t2\t2\t2\t2\n",
        ),
    ]);
    let out = stdout_of(prepost(dir.path()).args([
        "score",
        "-q",
        "--scale",
        "spec.toml",
        "w1.csv",
        "w2.tsv",
    ]));
    assert_eq!(
        out,
        "source,id,a,b,total,n_answered\nw1.csv,r1,14,3,23,8\nw2.tsv,r9,12,2,18,8\n"
    );
    prepost(dir.path())
        .args([
            "score",
            "-q",
            "--scale",
            "spec.toml",
            "w1.csv",
            "-o",
            "s.parquet",
        ])
        .assert()
        .success();
    assert!(std::fs::read(dir.path().join("s.parquet"))
        .unwrap()
        .starts_with(b"PAR1"));
    prepost(dir.path())
        .args([
            "score",
            "-q",
            "--scale",
            "spec.toml",
            "w1.csv",
            "-o",
            "s.json",
        ])
        .assert()
        .success();
    let j: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("s.json")).unwrap()).unwrap();
    assert_eq!(j["respondents"][0]["a"], 14.0);
    assert_eq!(j["scale"]["name"], "Five items");
    let out = stdout_of(prepost(dir.path()).args([
        "score",
        "-q",
        "--scale",
        "spec.toml",
        "w1.csv",
        "--format",
        "tsv",
    ]));
    assert!(out.starts_with("id\ta\tb\ttotal\tn_answered\n"));
}

#[test]
fn missing_items_and_bad_files_are_named() {
    let dir = dir_with(&[
        ("spec.toml", SPEC),
        ("d.csv", "id,q1,q2,q3,q4,q5,q6\nr1,1,5,3,4,5,2\n"),
        (
            "ragged.csv",
            "id,q1,q2,q3,q4,q5,q6,q7,q8\nr1,1,5,3,4,5,2,3\n",
        ),
    ]);
    prepost(dir.path())
        .args(["score", "--scale", "spec.toml", "d.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "d.csv, row 1: 2 items of the spec are not in the data: q7, q8",
        ));
    prepost(dir.path())
        .args(["score", "--scale", "spec.toml", "ragged.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "ragged.csv, row 2: has 8 fields but the header has 9",
        ));
    prepost(dir.path())
        .args(["score", "--scale", "spec.toml", "d.csv", "-o", "spec.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is also an input"));
}

#[test]
fn scale_init_writes_a_valid_template_and_check_reports_problems() {
    let dir = tempfile::tempdir().unwrap();
    prepost(dir.path())
        .args(["scale", "init", "-o", "my.toml"])
        .assert()
        .success();
    prepost(dir.path())
        .args(["scale", "init", "-o", "my.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    prepost(dir.path())
        .args(["scale", "check", "my.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("my.toml: valid"));
    std::fs::write(
        dir.path().join("bad.toml"),
        "name = \"Bad\"\nmin = 5\nmax = 1\n[[subscale]]\nname = \"a\"\nitems = [\"q1\", \"q2\"]\nreverse = [\"q3\"]\n[[subscale]]\nname = \"b\"\nitems = [\"q2\"]\n",
    )
    .unwrap();
    prepost(dir.path())
        .args(["scale", "check", "bad.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.toml: the scale spec has 3 problems:",
        ))
        .stderr(predicate::str::contains("min (5) must be below max (1)"))
        .stderr(predicate::str::contains(
            "reverse-keyed item \"q3\" of subscale \"a\" is not one of its items",
        ))
        .stderr(predicate::str::contains(
            "item \"q2\" is in subscale \"a\" and in subscale \"b\"",
        ));
    std::fs::write(
        dir.path().join("syntax.toml"),
        "name = \"x\"\nmin = 1\nmax = \n",
    )
    .unwrap();
    prepost(dir.path())
        .args(["scale", "check", "syntax.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "syntax.toml: is not a valid scale spec",
        ));
    std::fs::write(dir.path().join("d.csv"), "id,q1,q2,q3,q4\n1,1,2,3,4\n").unwrap();
    prepost(dir.path())
        .args(["scale", "check", "my.toml", "d.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "d.csv, row 1: 6 items of the spec are not in the data: q5, q6, q7, q8, q9, q10",
        ));
}

#[test]
fn shipped_specs_are_valid() {
    for spec in [
        "children_self_confidence.toml",
        "rosenberg_self_esteem.toml",
    ] {
        prepost(&repo().join("data/scales"))
            .args(["scale", "check", spec])
            .assert()
            .success();
    }
    prepost(&repo())
        .args(["scale", "check", "data/scales/rosenberg_self_esteem.toml"])
        .assert()
        .stdout(predicate::str::contains(
            "5 reverse-keyed (rse2, rse5, rse6, rse8, rse9)",
        ));
}

/// A CSV of numbers (empty = missing) by column name, as strings are read by prepost and R.
fn numeric_columns(text: &str) -> Vec<(String, Vec<Option<f64>>)> {
    let mut lines = text.lines();
    let names: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|n| n.trim_matches('"').to_string())
        .collect();
    let mut columns: Vec<(String, Vec<Option<f64>>)> =
        names.into_iter().map(|n| (n, Vec::new())).collect();
    for line in lines {
        for (cell, (_, column)) in line.split(',').zip(columns.iter_mut()) {
            let cell = cell.trim_matches('"');
            column.push((!cell.is_empty()).then(|| cell.parse().unwrap()));
        }
    }
    columns
}

/// Scores `data` with `spec` (its text changed by `edit`) and checks each score against the
/// column `want_suffix` appended to its name in psych's scores (tests/data/psych/*_psych.csv,
/// made by scripts/reference/impute_keys.R with R 4.2.2, psych 2.2.9), to 1e-10.
fn scores_equal_psych(data: &str, spec: &str, edit: (&str, &str), psych: &str, suffix: &str) {
    let dir = repo().join("tests/data/psych");
    let spec_text = std::fs::read_to_string(dir.join(spec))
        .unwrap()
        .replace(edit.0, edit.1);
    let tmp = dir_with(&[("spec.toml", &spec_text)]);
    let out = stdout_of(prepost(tmp.path()).args([
        "score",
        "-q",
        "--scale",
        "spec.toml",
        dir.join(data).to_str().unwrap(),
    ]));
    let got = numeric_columns(&out);
    let want = numeric_columns(&std::fs::read_to_string(dir.join(psych)).unwrap());
    let mut compared = 0;
    for (name, values) in got.iter().filter(|(n, _)| n != "id" && n != "n_answered") {
        let (_, expected) = want
            .iter()
            .find(|(n, _)| *n == format!("{name}{suffix}"))
            .unwrap_or_else(|| panic!("psych has no {name}{suffix}"));
        assert_eq!(values.len(), expected.len());
        for (row, (g, w)) in values.iter().zip(expected).enumerate() {
            match (g, w) {
                (Some(g), Some(w)) => assert!(
                    (g - w).abs() <= 1e-10 * w.abs().max(1.0),
                    "{spec} {name} row {row}: {g} vs psych {w}"
                ),
                (None, None) => {}
                _ => panic!("{spec} {name} row {row}: {g:?} vs psych {w:?}"),
            }
            compared += 1;
        }
    }
    assert!(compared >= 3 * 395, "{compared} scores compared");
}

#[test]
fn item_mean_imputation_and_reversed_entries_equal_psych_on_bfi() {
    // 600 respondents of psych::bfi, 69 with missing answers; bfi.keys as "-A1" entries
    scores_equal_psych("bfi.csv", "bfi.toml", ("", ""), "bfi_psych.csv", "");
    let sum = ("method = \"mean\"", "method = \"sum\"");
    scores_equal_psych("bfi.csv", "bfi.toml", sum, "bfi_psych.csv", "_sum");
}

#[test]
fn items_keyed_both_ways_equal_psych_on_sai() {
    // psychTools::sai (AGES, CITY, FLAT at time 1: 395 respondents, 9 with missing answers)
    // with the keys of ?sai: "calm" reversed in the total and forward in sai.p
    scores_equal_psych("sai.csv", "sai.toml", ("", ""), "sai_psych.csv", "");
    // without imputation the mean of the answered items (psych impute = "none")
    let none = ("impute = \"item-mean\"", "impute = \"none\"");
    scores_equal_psych("sai.csv", "sai.toml", none, "sai_psych.csv", "_none");
}

#[test]
fn imputation_is_noted_and_an_item_nobody_answered_is_an_error() {
    let spec = "name = \"t\"\nmin = 1\nmax = 5\nimpute = \"item-mean\"\nmin_answered = 0.5\n\
                [[subscale]]\nname = \"a\"\nitems = [\"q1\", \"-q2\", \"q3\"]\n";
    let data = "id,q1,q2,q3\n1,1,5,3\n2,3,,5\n3,5,3,\n";
    let dir = dir_with(&[
        ("s.toml", spec),
        ("d.csv", data),
        ("e.csv", "id,q1,q2,q3\n1,1,,3\n2,2,,4\n"),
    ]);
    // q2 keyed: 1, (missing), 3 → mean 2; q3: 3, 5, (missing) → mean 4
    // 1: 1 + 1 + 3 = 5; 2: 3 + 2 + 5 = 10; 3: 5 + 3 + 4 = 12
    prepost(dir.path())
        .args(["score", "--scale", "s.toml", "d.csv"])
        .assert()
        .success()
        .stdout(predicate::eq("id,a,total,n_answered\n1,5,5,3\n2,10,10,2\n3,12,12,2\n"))
        .stderr(predicate::str::contains(
            "a: sum of 3 items, needs 2 answered; 2 with missing items (each missing answer replaced by the item's mean)",
        ));
    prepost(dir.path())
        .args(["score", "--scale", "s.toml", "e.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "item \"q2\" has no answer at all, so its mean cannot replace its missing answers",
        ))
        .stderr(predicate::str::contains("e.csv"));
}

#[test]
fn an_item_keyed_both_ways_is_one_answer_in_n_answered() {
    let spec = "name = \"t\"\nmin = 1\nmax = 5\nmin_answered = 0.5\nallow_shared_items = true\n\
                [[subscale]]\nname = \"a\"\nitems = [\"q1\", \"-q2\"]\n\
                [[subscale]]\nname = \"b\"\nitems = [\"q2\", \"q3\"]\n[total]\nenabled = false\n";
    let dir = dir_with(&[
        ("s.toml", spec),
        ("d.csv", "id,q1,q2,q3\n1,1,2,3\n2,1,,3\n"),
    ]);
    // a = 1 + (6 - 2); b = 2 + 3; the second: a prorated 1 x 2, b 3 x 2; three columns
    prepost(dir.path())
        .args(["score", "-q", "--scale", "s.toml", "d.csv"])
        .assert()
        .success()
        .stdout(predicate::eq("id,a,b,n_answered\n1,5,5,3\n2,2,6,2\n"));
}
