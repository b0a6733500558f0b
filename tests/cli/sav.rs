//! SPSS system files (.sav, .zsav) as input: the bundled example study written by
//! `haven::write_sav` (scripts/reference/sav_examples.R: value labels, the user-missing code 9,
//! Chinese labels) gives what the same data as CSV give; value labels name the levels of a
//! grouping variable; a damaged, truncated or encrypted file is an error that says where.

use crate::common::*;
use predicates::prelude::*;
use serde_json::Value;

const SPEC: &str = "data/scales/children_self_confidence.toml";
const EXAMPLES: &str = "tests/data/sav/examples";

fn example(name: &str) -> String {
    format!("{EXAMPLES}/{name}")
}

/// The JSON without the input names (which differ between the .sav and the .csv runs) and
/// the value labels (which only a .sav has).
/// The notes of user-missing values (only an SPSS file has them), left out of every array.
fn without_user_missing_notes(json: &mut Value) {
    match json {
        Value::Array(items) => {
            items.retain(|v| !v.as_str().is_some_and(|t| t.contains("user-missing value")));
            items.iter_mut().for_each(without_user_missing_notes);
        }
        Value::Object(o) => o.values_mut().for_each(without_user_missing_notes),
        _ => {}
    }
}

fn without_inputs(mut json: Value, sav: &str, csv: &str) -> String {
    without_user_missing_notes(&mut json);
    if let Some(o) = json.get_mut("options").and_then(Value::as_object_mut) {
        o.remove("inputs");
        o.remove("group_value_labels");
    }
    if let Some(o) = json.as_object_mut() {
        o.remove("data");
        o.remove("value_labels");
    }
    json.to_string().replace(sav, csv)
}

#[test]
fn a_sav_file_scores_as_its_csv_and_its_user_missing_codes_are_noted() {
    let repo = repo();
    let run = |file: &str| {
        prepost(&repo)
            .args(["score", "--scale", SPEC, &example(file)])
            .assert()
            .success()
            .get_output()
            .clone()
    };
    let sav = run("groups_pre_items.sav");
    let csv = run("groups_pre_items.csv");
    assert_eq!(
        String::from_utf8_lossy(&sav.stdout),
        String::from_utf8_lossy(&csv.stdout)
    );
    // three cells hold the user-missing code 9: missing, prorated, and said so per variable
    let stderr = String::from_utf8_lossy(&sav.stderr);
    for q in ["q3", "q7", "q20"] {
        assert!(
            stderr.contains(&format!(
                "groups_pre_items.sav, column \"{q}\": 1 user-missing value (9) read as missing"
            )),
            "{stderr}"
        );
    }
    assert!(String::from_utf8_lossy(&sav.stdout).contains("C02,16.25,"));
    // --quiet leaves the notes out
    prepost(&repo)
        .args([
            "score",
            "--quiet",
            "--scale",
            SPEC,
            &example("groups_pre_items.sav"),
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains("user-missing").not());
}

#[test]
fn compare_of_sav_files_equals_compare_of_the_csv_and_names_the_groups_by_label() {
    let repo = repo();
    // the group column holds 1 and 2, labelled program and comparison; the post-test is a .zsav
    let args = |pre: &str, post: &str| {
        vec![
            "compare".to_string(),
            "--scale".into(),
            SPEC.into(),
            "--pre".into(),
            pre.into(),
            "--post".into(),
            post.into(),
            "--group".into(),
            "group".into(),
            "--treatment".into(),
            "program".into(),
            "--format".into(),
            "json".into(),
        ]
    };
    let sav = json_of(prepost(&repo).args(args(
        &example("groups_pre_items.sav"),
        &example("groups_post_items.zsav"),
    )));
    let csv = json_of(prepost(&repo).args(args(
        &example("groups_pre_items.csv"),
        "data/example/groups_post_items.csv",
    )));
    assert_eq!(
        without_inputs(sav.clone(), "groups_pre_items.sav", "groups_pre_items.csv"),
        without_inputs(csv, "groups_pre_items.sav", "groups_pre_items.csv")
    );
    let text = sav.to_string();
    assert!(text.contains("\"comparison\"") && !text.contains("\"1\""));
    // the user-missing codes read as missing are notes of the report, not only on stderr
    for q in ["q3", "q7", "q20"] {
        assert!(
            text.contains(&format!(
                "groups_pre_items.sav, column \\\"{q}\\\": 1 user-missing value (9) read as missing"
            )),
            "{q}: {text}"
        );
    }
    // the codes and labels of the group column
    assert_eq!(
        sav["options"]["group_value_labels"],
        serde_json::json!([{ "code": 1, "label": "program" }, { "code": 2, "label": "comparison" }])
    );
    // the readable report too
    let report = stdout_of(prepost(&repo).args(
        &args(
            &example("groups_pre_items.sav"),
            &example("groups_post_items.zsav"),
        )[..11],
    ));
    assert!(report.contains("program") && report.contains("comparison"));
}

#[test]
fn survey_factors_are_named_by_their_value_labels_in_the_order_of_their_codes() {
    let repo = repo();
    // gender 1 = 男, 2 = 女; left_behind a string, "yes" = 留守, "no" = 非留守; grade 9
    // user-missing (and labelled 未填); caregiver a plain string
    let args = |data: &str, by: &[&str]| {
        let mut a: Vec<String> = vec!["survey".into(), "--data".into(), data.into()];
        a.extend(["--scale", SPEC, "--format", "json"].map(String::from));
        a.extend(by.iter().map(|s| s.to_string()));
        a
    };
    // what does not depend on the labels' order: equal to the CSV
    let unlabelled = [
        "--by",
        "grade",
        "--crosstab",
        "grade,caregiver",
        "--correlate",
        "grade,total",
        "--regress",
        "total ~ grade + factor(caregiver)",
    ];
    let sav = json_of(prepost(&repo).args(args(&example("survey.sav"), &unlabelled)));
    let csv = json_of(prepost(&repo).args(args(&example("survey.csv"), &unlabelled)));
    assert_eq!(
        without_inputs(sav.clone(), "survey.sav", "survey.csv"),
        without_inputs(csv, "survey.sav", "survey.csv")
    );
    // the grade's levels stay numbers (its one value label, 9 = 未填, is a user-missing code)
    assert_eq!(
        sav["value_labels"],
        serde_json::json!({ "grade": [{ "code": 9, "label": "未填" }] })
    );
    assert!(!sav["composition"].to_string().contains("未填"));
    // labelled factors: the CSV holds the labels as text, sorted as text (女 before 男, 留守
    // before 非留守); the .sav gives the same groups in the order of their codes (1 = 男 first;
    // "no" = 非留守 before "yes" = 留守), as haven's as_factor
    let labelled = [
        "--by",
        "gender",
        "--by",
        "left_behind",
        "--crosstab",
        "gender,left_behind",
    ];
    let sav = json_of(prepost(&repo).args(args(&example("survey.sav"), &labelled)));
    let csv = json_of(prepost(&repo).args(args(&example("survey.csv"), &labelled)));
    let levels = |j: &Value| -> Vec<(String, u64)> {
        j["composition"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["level"].as_str().unwrap_or("").to_string(),
                    r["n"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let (s, mut c) = (levels(&sav), levels(&csv));
    assert_eq!(
        s.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
        ["男", "女", "非留守", "留守"]
    );
    c.swap(0, 1);
    c.swap(2, 3);
    assert_eq!(s, c);
    assert_eq!(
        sav["value_labels"]["left_behind"],
        serde_json::json!([{ "code": "no", "label": "非留守" }, { "code": "yes", "label": "留守" }])
    );
    assert!(csv.get("value_labels").is_none());
    // the tests by group are the same, the groups in the other order
    let by_gender = |j: &Value| j["group_differences"][0]["levels"].clone();
    let (sg, cg) = (by_gender(&sav), by_gender(&csv));
    assert_eq!(sg.as_array().map(Vec::len), Some(2));
    assert_eq!(sg[0], cg[1]);
    assert_eq!(sg[1], cg[0]);
    let zh = stdout_of(
        prepost(&repo)
            .args(["survey", "--lang", "zh", "--data"])
            .args([
                example("survey.sav").as_str(),
                "--scale",
                SPEC,
                "--by",
                "gender",
            ]),
    );
    assert!(zh.find("男") < zh.find("女"), "{zh}");
}

#[test]
fn a_sav_file_is_recognised_by_its_content_under_any_name_and_on_standard_input() {
    let repo = repo();
    let expected = stdout_of(prepost(&repo).args([
        "score",
        "--scale",
        SPEC,
        &example("groups_pre_items.csv"),
    ]));
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(repo.join(example("groups_pre_items.sav"))).unwrap();
    for name in ["export.csv", "export.dat", "export"] {
        std::fs::write(dir.path().join(name), &bytes).unwrap();
        let got = stdout_of(prepost(dir.path()).args([
            "score",
            "--scale",
            repo.join(SPEC).to_str().unwrap(),
            name,
        ]));
        assert_eq!(got, expected, "{name}");
    }
    let got = stdout_of(
        prepost(&repo)
            .args(["score", "--scale", SPEC, "-"])
            .write_stdin(bytes),
    );
    assert_eq!(got, expected);
    // reliability and factor read it too
    let rel = stdout_of(prepost(&repo).args([
        "reliability",
        "--scale",
        SPEC,
        &example("groups_pre_items.sav"),
    ]));
    let rel_csv = stdout_of(prepost(&repo).args([
        "reliability",
        "--scale",
        SPEC,
        &example("groups_pre_items.csv"),
    ]));
    assert_eq!(
        rel.replace("groups_pre_items.sav", "groups_pre_items.csv"),
        rel_csv
    );
}

#[test]
fn the_encoding_of_an_old_chinese_file_is_read_and_can_be_overridden() {
    let repo = repo();
    // written by PSPP in GBK, the code page (936) its only mention of the encoding, as in
    // files of SPSS 15 and earlier; gender 1 = 男, 2 = 女, 9 = 未答 (user-missing)
    let file = "tests/data/sav/pspp/gbk-uncompressed-codepage-only.sav";
    let run = |extra: &[&str]| {
        prepost(&repo)
            .args(["survey", "--data", file, "--scores", "q1", "--by", "gender"])
            .args(extra)
            .assert()
            .success()
            .get_output()
            .clone()
    };
    let out = run(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("男") && stdout.contains("女"), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("column \"q1\": 2 user-missing values (-2, -3) read as missing"),
        "{stderr}"
    );
    // --encoding overrides what the file says
    let out = run(&["--encoding", "windows-1252"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("男") && stdout.contains("gender"),
        "{stdout}"
    );
}

#[test]
fn damaged_truncated_and_encrypted_files_are_errors_that_say_where() {
    let repo = repo();
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(repo.join(example("groups_pre_items.sav"))).unwrap();
    let spec = repo.join(SPEC);
    let run = |name: &str, contents: &[u8]| {
        std::fs::write(dir.path().join(name), contents).unwrap();
        let out = prepost(dir.path())
            .args(["score", "--scale", spec.to_str().unwrap(), name])
            .assert()
            .code(1)
            .get_output()
            .clone();
        assert!(out.stdout.is_empty());
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    // cut in the dictionary, and in the data (the case and variable named)
    let e = run("cut.sav", &bytes[..3000]);
    assert!(
        e.contains("cut.sav: cannot be read as an SPSS file: byte 2972:")
            && e.contains("truncated"),
        "{e}"
    );
    let e = run("short.sav", &bytes[..bytes.len() - 200]);
    assert!(
        e.contains("short.sav, column \"") && e.contains("case ") && e.contains("hint: "),
        "{e}"
    );
    // a damaged header (layout code)
    let mut damaged = bytes.clone();
    damaged[64..68].copy_from_slice(&77i32.to_le_bytes());
    let e = run("damaged.sav", &damaged);
    assert!(
        e.contains("damaged.sav: cannot be read as an SPSS file: byte 64"),
        "{e}"
    );
    // encrypted (SPSS "Save as encrypted"): its header says so
    let mut encrypted = b"\x1c\0\0\0\0\0\0\0ENCRYPTEDSAV\x15\0\0\0\0\0\0\0\0\0\0\0".to_vec();
    encrypted.extend((0..400u32).map(|i| (i * 7919 % 251) as u8));
    let e = run("locked.sav", &encrypted);
    assert!(
        e.contains("locked.sav: is an encrypted SPSS file") && e.contains("without encryption"),
        "{e}"
    );
    // named .sav but not one
    let e = run("notes.sav", b"id,q1\n1,2\n");
    assert!(
        e.contains("notes.sav: cannot be read as an SPSS file: byte 0: is not an SPSS system file"),
        "{e}"
    );
    // nothing of it panics, whatever the cut
    for cut in (0..bytes.len()).step_by(331) {
        let e = run("any.sav", &bytes[..cut]);
        assert!(e.starts_with("prepost: error: any.sav"), "{cut}: {e}");
    }
}

/// A system file's bytes without what changes from run to run and version to version: the
/// product name (bytes 4 to 64) and the creation date and time (92 to 109) of the header.
fn without_header_stamps(mut bytes: Vec<u8>) -> Vec<u8> {
    for b in bytes.iter_mut().take(109).skip(4) {
        *b = 0;
    }
    bytes
}

#[test]
fn score_writes_an_spss_file_that_haven_reads_as_the_csv_output() {
    let repo = repo();
    let dir = tempfile::tempdir().unwrap();
    let spec = repo.join(SPEC);
    let data = repo.join(example("groups_pre_items.sav"));
    let csv = stdout_of(prepost(dir.path()).args([
        "score".as_ref(),
        "--quiet".as_ref(),
        "--scale".as_ref(),
        spec.as_os_str(),
        data.as_os_str(),
    ]));
    prepost(dir.path())
        .args(["score".as_ref(), "--scale".as_ref(), spec.as_os_str()])
        .args([data.as_os_str()])
        .args(["-o", "scores.sav"])
        .assert()
        .success()
        .stdout(predicates::str::is_empty());
    let written = std::fs::read(dir.path().join("scores.sav")).unwrap();
    // the file haven read (scripts/reference/sav.R dumped it to scores.sav.json): the same
    // bytes but for the header's stamps
    let stored = std::fs::read(repo.join(example("scores.sav"))).unwrap();
    assert_eq!(
        without_header_stamps(written.clone()),
        without_header_stamps(stored)
    );
    // what haven read from it equals the CSV output, value by value
    let haven: Value = serde_json::from_str(
        &std::fs::read_to_string(repo.join(example("scores.sav.json"))).unwrap(),
    )
    .unwrap();
    let mut rows = csv.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = rows.map(|r| r.split(',').collect()).collect();
    let variables = haven["variables"].as_array().unwrap();
    assert_eq!(
        variables
            .iter()
            .map(|v| v["name"].as_str().unwrap())
            .collect::<Vec<_>>(),
        header
    );
    assert_eq!(haven["n_cases"], rows.len());
    for (c, v) in variables.iter().enumerate() {
        let values = v["values_na"].as_array().unwrap();
        for (r, row) in rows.iter().enumerate() {
            match (v["type"].as_str().unwrap(), values[r].as_str()) {
                ("character", Some(text)) => assert_eq!(text, row[c]),
                ("double", Some(number)) => assert_eq!(
                    number.parse::<f64>().unwrap(),
                    row[c].parse::<f64>().unwrap(),
                    "{} row {r}",
                    header[c]
                ),
                (_, None) => assert_eq!(row[c], "", "{} row {r}", header[c]),
                other => panic!("{other:?}"),
            }
        }
    }
    // the spec's labels are the variable labels; its name the file label
    assert_eq!(variables[1]["label"], "自我认知");
    assert_eq!(haven["file_label"], "Children's self-confidence scale");
    // --format sav to standard output, and the file read back as input
    let piped = prepost(dir.path())
        .args(["score", "-q", "--format", "sav", "--scale"])
        .args([spec.as_os_str(), data.as_os_str()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(without_header_stamps(piped), without_header_stamps(written));
}

#[test]
fn case_and_factor_read_sav_files_as_their_csv() {
    let repo = repo();
    let case = |data: &str| {
        let out = stdout_of(prepost(&repo).args([
            "case",
            "--data",
            data,
            "--id",
            "child",
            "--session",
            "session",
            "--phase",
            "phase",
            "--format",
            "json",
        ]));
        out.replace(data, "DATA")
    };
    assert_eq!(
        case(&example("case_sessions.sav")),
        case("data/example/case_sessions.csv")
    );
    let factor = |data: &str| {
        stdout_of(prepost(&repo).args(["factor", "--scale", SPEC, "--data", data]))
            .replace(data, "DATA")
    };
    assert_eq!(
        factor(&example("survey.sav")),
        factor(&example("survey.csv"))
    );
}

#[test]
fn a_weighted_file_is_read_unweighted_with_a_note() {
    let repo = repo();
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(repo.join(example("groups_pre_items.sav"))).unwrap();
    // the header's weight index (bytes 76-80): the second slot, the variable "group"
    bytes[76..80].copy_from_slice(&2i32.to_le_bytes());
    std::fs::write(dir.path().join("weighted.sav"), &bytes).unwrap();
    let spec = repo.join(SPEC);
    let out = prepost(dir.path())
        .args(["score", "--scale", spec.to_str().unwrap(), "weighted.sav"])
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "note: weighted.sav is weighted by \"group\" in SPSS; prepost counts every case once"
        ),
        "{stderr}"
    );
    let unweighted = stdout_of(prepost(&repo).args([
        "score",
        "--scale",
        SPEC,
        &example("groups_pre_items.sav"),
    ]));
    assert_eq!(String::from_utf8_lossy(&out.stdout), unweighted);
}

#[test]
fn labelled_groups_of_compare_are_ordered_by_their_codes() {
    // MASS::anorexia with the group coded 1 = Cont, 2 = CBT, 3 = FT: the k groups are compared
    // in that order (the CSV's text labels sort as CBT, Cont, FT); the statistics are the same
    let repo = repo();
    let run = |data: &str| {
        json_of(prepost(&repo).args([
            "compare",
            "--data",
            data,
            "--pair",
            "weight=pre:post",
            "--id",
            "id",
            "--group",
            "group",
            "--format",
            "json",
        ]))
    };
    let sav = run(&example("anorexia.sav"));
    let csv = run("tests/data/compare_k_groups/anorexia.csv");
    assert_eq!(
        sav["options"]["group_levels"],
        serde_json::json!(["Cont", "CBT", "FT"])
    );
    assert_eq!(
        csv["options"]["group_levels"],
        serde_json::json!(["CBT", "Cont", "FT"])
    );
    let change = |j: &Value| j["scales"][0]["k_groups"]["change"].clone();
    let (s, c) = (change(&sav), change(&csv));
    for test in ["anova", "welch_anova", "kruskal", "levene"] {
        assert_eq!(s[test], c[test], "{test}");
    }
    let levels = |v: &Value| {
        let mut l: Vec<String> = v["levels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| format!("{} {} {}", x["level"], x["n"], x["mean"]))
            .collect();
        l.sort();
        l
    };
    assert_eq!(levels(&s), levels(&c));
    assert_eq!(s["levels"][0]["level"], "Cont");
}
