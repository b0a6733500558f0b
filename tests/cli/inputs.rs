//! Inputs as they arrive: spreadsheets (a sheet by name or number, `book.xlsx:sheet`), standard
//! input, and CSV in GBK or UTF-16 give the same results as the UTF-8 CSV of the same data.

use crate::common::*;
use predicates::prelude::*;

const SPEC: &str = "tests/data/inputs/four_items.toml";
const BOOK: &str = "tests/data/inputs/study.xlsx";

/// The sheets of tests/data/inputs/study.xlsx as CSV (see make_fixtures.py).
const PRE: &str = "id,q1,q2,q3,q4\nP01,2,3,2,4\nP02,3,3,4,2\nP03,1,2,2,1\nP04,4,4,5,3\n";
const POST: &str = "id,q1,q2,q3,q4\nP01,3,4,3,4\nP02,4,4,4,3\nP03,3,3,2,2\nP04,5,4,5,4\n";

#[test]
fn a_workbook_gives_what_its_csv_gives() {
    let dir = dir_with(&[("pre.csv", PRE), ("post.csv", POST)]);
    let spec = repo().join(SPEC);
    let book = repo().join(BOOK);
    let from_csv = stdout_of(
        prepost(dir.path())
            .args(["compare", "--format", "csv", "--scale"])
            .arg(&spec)
            .args(["--pre", "pre.csv", "--post", "post.csv"]),
    );
    // sheets by name in the path, and by number with --sheet
    let from_book = stdout_of(
        prepost(dir.path())
            .args(["compare", "--format", "csv", "--scale"])
            .arg(&spec)
            .arg("--pre")
            .arg(format!("{}:pre", book.display()))
            .arg("--post")
            .arg(format!("{}:post", book.display())),
    );
    assert_eq!(from_book, from_csv);
    let by_number = stdout_of(
        prepost(dir.path())
            .args(["score", "--sheet", "2", "--scale"])
            .arg(&spec)
            .arg(&book),
    );
    let csv_scores = stdout_of(
        prepost(dir.path())
            .args(["score", "--scale"])
            .arg(&spec)
            .arg("pre.csv"),
    );
    assert_eq!(by_number, csv_scores);
    // the OpenDocument version of the same sheets
    let ods = repo().join("tests/data/inputs/study.ods");
    let from_ods = stdout_of(
        prepost(dir.path())
            .args(["score", "--sheet", "pre", "--scale"])
            .arg(&spec)
            .arg(&ods),
    );
    assert_eq!(from_ods, csv_scores);
}

#[test]
fn the_default_sheet_is_the_first_with_a_note() {
    prepost(&repo())
        .args(["score", "--scale", SPEC, BOOK])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "has 4 sheets; reading the first, \"说明\"",
        ))
        .stderr(predicate::str::contains(
            "sheet \"说明\": has a header row but no data rows",
        ));
}

#[test]
fn standard_input_in_a_pipe() {
    let dir = dir_with(&[("pre.csv", PRE), ("post.csv", POST)]);
    let spec = repo().join(SPEC);
    let from_file = stdout_of(
        prepost(dir.path())
            .args(["score", "--scale"])
            .arg(&spec)
            .arg("pre.csv"),
    );
    // "-", and a path that can be read only once (a pipe, /dev/stdin, `<(zcat x)`)
    let paths: &[&str] = if cfg!(target_os = "linux") {
        &["-", "/dev/stdin"]
    } else {
        &["-"]
    };
    for path in paths {
        let from_stdin = stdout_of(
            prepost(dir.path())
                .args(["score", "--scale"])
                .arg(&spec)
                .arg(path)
                .write_stdin(PRE),
        );
        assert_eq!(from_stdin, from_file, "{path}");
    }
    // messages name standard input
    prepost(dir.path())
        .args(["score", "--scale"])
        .arg(&spec)
        .arg("-")
        .write_stdin("id,q1,q2,q3,q4\nP01,2,3,9,4\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "<stdin>, row 2, id \"P01\", column \"q3\"",
        ));
}

#[test]
fn gbk_and_utf16_read_like_utf8() {
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pre.csv"), PRE).unwrap();
    std::fs::write(dir.path().join("gbk.csv"), gbk(&PRE.replace("id", "编号"))).unwrap();
    let mut u16 = vec![0xFF, 0xFE];
    for u in PRE.replace(',', "\t").encode_utf16() {
        u16.extend(u.to_le_bytes());
    }
    std::fs::write(dir.path().join("u16.txt"), u16).unwrap();
    let spec = repo().join(SPEC);
    let utf8 = stdout_of(
        prepost(dir.path())
            .args(["score", "--scale"])
            .arg(&spec)
            .arg("pre.csv"),
    );
    let from_gbk = stdout_of(
        prepost(dir.path())
            .args(["score", "--id", "编号", "--scale"])
            .arg(&spec)
            .arg("gbk.csv"),
    );
    assert_eq!(from_gbk.replace("编号", "id"), utf8);
    let from_u16 = stdout_of(
        prepost(dir.path())
            .args(["score", "--delimiter", "\\t", "--scale"])
            .arg(&spec)
            .arg("u16.txt"),
    );
    assert_eq!(from_u16, utf8);
    // a UTF-8 byte-order mark settles the encoding, whatever --encoding says
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(PRE.replace("id", "编号").bytes());
    std::fs::write(dir.path().join("bom.csv"), bom).unwrap();
    let from_bom = stdout_of(
        prepost(dir.path())
            .args(["score", "--encoding", "gbk", "--id", "编号", "--scale"])
            .arg(&spec)
            .arg("bom.csv"),
    );
    assert_eq!(from_bom.replace("编号", "id"), utf8);
}
