//! `prepost compare` on bad input: each case exits with 1, names the file (and row and column
//! where there is one), writes no output file, and leaves the inputs as they were.

use crate::common::*;
use predicates::prelude::*;

const GOOD_POST: &str = "id,total\n1,12\n2,15\n3,9\n";

/// Runs compare with `-o out.json` on the files, expects exit 1 and every fragment on stderr,
/// and checks that no output appeared and the inputs are unchanged.
fn fails_with(pre: &str, post: &str, fragments: &[&str]) {
    let dir = dir_with(&[("pre.csv", pre), ("post.csv", post)]);
    let mut assert = prepost(dir.path())
        .args([
            "compare", "--pre", "pre.csv", "--post", "post.csv", "-o", "out.json", "--format",
            "json",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty());
    for f in fragments {
        assert = assert.stderr(predicate::str::contains(*f));
    }
    assert!(!dir.path().join("out.json").exists(), "no output on error");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pre.csv")).unwrap(),
        pre
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("post.csv")).unwrap(),
        post
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no stray files: {names:?}");
}

#[test]
fn missing_id_column() {
    fails_with(
        "code,total\n1,10\n",
        GOOD_POST,
        &[
            "pre.csv, row 1: has no id column \"id\"; its columns are: code, total",
            "--id",
        ],
    );
}

#[test]
fn duplicate_ids_are_listed_with_their_rows() {
    fails_with(
        "id,total\n1,10\n2,11\n1,12\n3,9\n3,8\n",
        GOOD_POST,
        &[
            "pre.csv",
            "column \"id\"",
            "2 ids appear more than once: \"1\" (rows 2, 4); \"3\" (rows 5, 6)",
        ],
    );
}

#[test]
fn missing_id_value() {
    fails_with(
        "id,total\n1,10\n,11\n",
        GOOD_POST,
        &["pre.csv, row 3, column \"id\": the participant id is missing"],
    );
}

#[test]
fn non_numeric_value_in_a_score_column() {
    fails_with(
        "id,total\n1,10\n2,11\n3,12\n",
        "id,total\n1,12\n2,3分\n3,9\n",
        &[
            "post.csv, row 3, column \"total\": expected a number, found \"3分\"",
            "hint:",
        ],
    );
}

#[test]
fn non_numeric_value_in_a_named_score_column() {
    let dir = dir_with(&[
        ("pre.csv", "id,total\n1,10\n2,x\n"),
        ("post.csv", GOOD_POST),
    ]);
    prepost(dir.path())
        .args([
            "compare", "--pre", "pre.csv", "--post", "post.csv", "--scores", "total",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "pre.csv, row 3, column \"total\": expected a number, found \"x\"",
        ));
}

#[test]
fn empty_file() {
    fails_with(
        "",
        GOOD_POST,
        &["pre.csv: is empty; expected a header row and at least one data row"],
    );
}

#[test]
fn header_only() {
    fails_with(
        "id,total\n",
        GOOD_POST,
        &["pre.csv: has a header row but no data rows"],
    );
}

#[test]
fn ragged_rows() {
    fails_with(
        "id,total\n1,10\n2,11,5\n",
        GOOD_POST,
        &["pre.csv, row 3: has 3 fields but the header has 2 (more than the header)"],
    );
    fails_with(
        "id,total\n1,10\n2\n",
        GOOD_POST,
        &["pre.csv, row 3: has 1 fields but the header has 2 (fewer"],
    );
}

#[test]
fn no_ids_in_common() {
    fails_with(
        "id,total\n001,10\n002,11\n",
        "id,total\n1,12\n2,15\n",
        &[
            "no participant id appears in both pre.csv and post.csv",
            "\"007\" and \"7\" are different ids",
        ],
    );
}

#[test]
fn no_numeric_columns_in_common() {
    fails_with(
        "id,name\n1,a\n",
        "id,name\n1,a\n",
        &["no numeric columns are in both pre.csv and post.csv"],
    );
}

#[test]
fn file_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    prepost(dir.path())
        .args(["compare", "--pre", "nope.csv", "--post", "post.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nope.csv: cannot read the file"));
}

#[test]
fn invalid_utf8_is_located() {
    let dir = tempfile::tempdir().unwrap();
    // 0xFF is neither UTF-8 nor GB18030 (GBK bytes are read as GB18030: see inputs.rs)
    std::fs::write(dir.path().join("pre.csv"), b"id,total\n1,10\n2,\xff\xe2\n").unwrap();
    std::fs::write(dir.path().join("post.csv"), GOOD_POST).unwrap();
    prepost(dir.path())
        .args(["compare", "--pre", "pre.csv", "--post", "post.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "pre.csv, row 3: is not valid UTF-8",
        ));
}

#[test]
fn output_path_equal_to_an_input_is_refused() {
    let dir = dir_with(&[
        ("pre.csv", "id,total\n1,10\n2,11\n3,12\n"),
        ("post.csv", GOOD_POST),
    ]);
    prepost(dir.path())
        .args([
            "compare",
            "--pre",
            "pre.csv",
            "--post",
            "post.csv",
            "-o",
            "./pre.csv",
        ])
        .assert()
        .code(2) // a usage error: the command line alone shows it
        .stderr(predicate::str::contains("is also an input"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pre.csv")).unwrap(),
        "id,total\n1,10\n2,11\n3,12\n"
    );
    prepost(dir.path())
        .args([
            "compare",
            "--pre",
            "pre.csv",
            "--post",
            "post.csv",
            "--out-dir",
            ".",
        ])
        .assert()
        .success(); // results.csv etc. are not inputs here
    let dir = dir_with(&[
        ("results.csv", "id,total\n1,10\n2,11\n3,12\n"),
        ("post.csv", GOOD_POST),
    ]);
    prepost(dir.path())
        .args([
            "compare",
            "--pre",
            "results.csv",
            "--post",
            "post.csv",
            "--out-dir",
            ".",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is also an input"));
    assert!(
        !dir.path().join("results.json").exists(),
        "nothing written when refused"
    );
}

#[test]
fn unknown_scores_and_pairs_are_named() {
    let dir = dir_with(&[
        ("pre.csv", "id,total\n1,10\n"),
        ("post.csv", GOOD_POST),
        ("w.csv", "a,b\n1,2\n"),
    ]);
    prepost(dir.path())
        .args([
            "compare", "--pre", "pre.csv", "--post", "post.csv", "--scores", "anxiety",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "pre.csv, row 1: has no column \"anxiety\" (named in --scores)",
        ));
    prepost(dir.path())
        .args(["compare", "--data", "w.csv", "--pair", "a:c"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "w.csv, row 1: has no column \"c\" (named in --pair)",
        ));
    prepost(dir.path())
        .args(["compare", "--data", "w.csv", "--pair", "ab"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected PRE_COLUMN:POST_COLUMN"));
}
