//! Studies of more than two waves, in every layout: the same comparison whatever the layout,
//! attrition per wave, the choice of the two waves compared, and item-level long files.

use crate::common::*;
use predicates::prelude::*;
use serde_json::Value;

const T1: &str = "id,anx,dep\nA,10,5\nB,12,6\nC,9,4\nD,14,8\nE,11,5\nF,13,7\n";
const T2: &str = "id,anx,dep\nB,9,5\nA,8,4\nC,9,3\nD,10,6\nE,7,5\nG,6,6\n";
const T3: &str = "id,anx,dep\nA,9,5\nC,8,4\nD,11,7\nE,8,4\nH,5,5\n";

/// The scales of a JSON report without what says where the data came from.
/// The results of the pre/post comparison (without the analyses across three or more waves,
/// which a comparison of two files does not have).
fn scales(v: &Value) -> Value {
    let across = ACROSS_WAVES;
    let mut scales = v["scales"].clone();
    for s in scales.as_array_mut().unwrap() {
        let s = s.as_object_mut().unwrap();
        s.retain(|k, _| !across.contains(&k.as_str()));
        s["notes"]
            .as_object_mut()
            .unwrap()
            .retain(|k, _| !across.iter().any(|a| k.starts_with(a)));
    }
    scales
}

fn files() -> tempfile::TempDir {
    dir_with(&[("t1.csv", T1), ("t2.csv", T2), ("t3.csv", T3)])
}

/// The long file of the three waves (rows in any order).
fn long(labels: [&str; 3]) -> String {
    let mut text = String::from("id,time,anx,dep\n");
    for (label, wave) in labels.iter().zip([T1, T2, T3]) {
        for line in wave.lines().skip(1) {
            let (id, rest) = line.split_once(',').unwrap();
            text.push_str(&format!("{id},{label},{rest}\n"));
        }
    }
    text
}

#[test]
fn any_two_waves_compare_as_two_files_do() {
    let dir = files();
    for (a, b) in [
        ("t1.csv", "t2.csv"),
        ("t2.csv", "t3.csv"),
        ("t1.csv", "t3.csv"),
    ] {
        let two = json_of(
            prepost(dir.path()).args(["compare", "--pre", a, "--post", b, "--format", "json"]),
        );
        let labels = |f: &str| f.trim_end_matches(".csv").to_uppercase();
        let waves = json_of(prepost(dir.path()).args([
            "compare",
            "--wave",
            "T1=t1.csv",
            "--wave",
            "T2=t2.csv",
            "--wave",
            "T3=t3.csv",
            "--pre-label",
            &labels(a),
            "--post-label",
            &labels(b),
            "--format",
            "json",
        ]));
        assert_eq!(scales(&two), scales(&waves), "{a} vs {b}");
        assert_eq!(waves["options"]["layout"], "waves");
        for key in [
            "n_pre",
            "n_post",
            "n_matched",
            "only_in_pre",
            "only_in_post",
        ] {
            assert_eq!(two["attrition"][key], waves["attrition"][key], "{key}");
        }
    }
}

#[test]
fn three_waves_report_who_is_missing_at_each() {
    let dir = files();
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--wave",
        "pre=t1.csv",
        "--wave",
        "post=t2.csv",
        "--wave",
        "follow=t3.csv",
        "--format",
        "json",
    ]));
    let waves = v["attrition"]["waves"].as_array().unwrap();
    let absent = |w: usize| -> Vec<&str> {
        waves[w]["absent"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect()
    };
    assert_eq!(waves[0]["label"], "pre");
    assert_eq!(waves[2]["n"], 5);
    assert_eq!(absent(0), ["G", "H"]);
    assert_eq!(absent(1), ["F", "H"]);
    assert_eq!(absent(2), ["B", "F", "G"]);
    // "pre" and "post" are compared; the follow-up is in the analyses across the waves only
    assert_eq!(v["attrition"]["n_matched"], 5);
    let notes = v["notes"].to_string();
    assert!(
        notes.contains(
            "wave \\\"follow\\\" is not in the pre/post comparison, only in the analyses across the waves"
        ),
        "{notes}"
    );
    // two waves: no per-wave list
    let v = json_of(prepost(dir.path()).args([
        "compare", "--pre", "t1.csv", "--post", "t2.csv", "--format", "json",
    ]));
    assert!(v["attrition"].get("waves").is_none());
}

#[test]
fn long_files_of_three_waves_in_any_row_order() {
    let dir = files();
    let two = json_of(prepost(dir.path()).args([
        "compare", "--pre", "t2.csv", "--post", "t3.csv", "--format", "json",
    ]));
    // labels in order of first appearance; the two compared chosen by label
    std::fs::write(dir.path().join("long.csv"), long(["T1", "T2", "T3"])).unwrap();
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--data",
        "long.csv",
        "--time",
        "time",
        "--pre-label",
        "T2",
        "--post-label",
        "T3",
        "--format",
        "json",
    ]));
    assert_eq!(scales(&two), scales(&v));
    assert!(
        v["notes"][0].as_str().unwrap().contains("\"T1\""),
        "{}",
        v["notes"]
    );
    // rows shuffled (follow-up first): --waves gives the order, pre and post the pair
    let text = long(["pre", "post", "follow"]);
    let mut lines: Vec<&str> = text.lines().skip(1).collect();
    lines.reverse();
    std::fs::write(
        dir.path().join("shuffled.csv"),
        format!("id,time,anx,dep\n{}\n", lines.join("\n")),
    )
    .unwrap();
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--data",
        "shuffled.csv",
        "--time",
        "time",
        "--waves",
        "pre,post,follow",
        "--format",
        "json",
    ]));
    let two = json_of(prepost(dir.path()).args([
        "compare", "--pre", "t1.csv", "--post", "t2.csv", "--format", "json",
    ]));
    // (the order of pairs differs; every statistic is the same)
    for k in ["t_test", "wilcoxon", "effect_sizes", "pre", "post", "diff"] {
        assert_eq!(v["scales"][0][k], two["scales"][0][k], "{k}");
    }
    let labels: Vec<&str> = v["attrition"]["waves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["pre", "post", "follow"]);
    // without --waves, waves called pre and post are compared
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--data",
        "shuffled.csv",
        "--time",
        "time",
        "--format",
        "json",
    ]));
    assert_eq!(scales(&v)[0]["t_test"], two["scales"][0]["t_test"]);
    // other labels: the first two in order of appearance (here T3, then T2), with a note
    let text = long(["T1", "T2", "T3"]);
    let mut lines: Vec<&str> = text.lines().skip(1).collect();
    lines.reverse();
    std::fs::write(
        dir.path().join("reversed.csv"),
        format!("id,time,anx,dep\n{}\n", lines.join("\n")),
    )
    .unwrap();
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--data",
        "reversed.csv",
        "--time",
        "time",
        "--format",
        "json",
    ]));
    let note = v["notes"].to_string();
    assert!(
        note.contains("compared wave \\\"T3\\\" with wave \\\"T2\\\""),
        "{note}"
    );
    let later = json_of(prepost(dir.path()).args([
        "compare", "--pre", "t3.csv", "--post", "t2.csv", "--format", "json",
    ]));
    assert_eq!(scales(&v)[0]["t_test"], later["scales"][0]["t_test"]);
}

#[test]
fn wide_series_of_three_columns() {
    let dir = dir_with(&[(
        "wide.csv",
        "id,a1,a2,a3,b1,b2,b3\nP1,3,4,5,1,1,2\nP2,2,4,4,2,3,3\nP3,4,4,6,1,2,1\nP4,1,3,3,3,3,4\nP5,2,2,5,2,4,4\n",
    )]);
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--data",
        "wide.csv",
        "--series",
        "a=a1,a2,a3",
        "--series",
        "b=b1,b2,b3",
        "--waves",
        "pre,post,follow",
        "--post-label",
        "follow",
        "--format",
        "json",
    ]));
    // pre (a1) against follow (a3): differences 2, 2, 2, 2, 3
    assert_eq!(v["scales"][0]["scale"], "a");
    assert_eq!(v["scales"][0]["diff"]["mean"], 2.2);
    assert_eq!(v["attrition"]["waves"][2]["n"], 5);
    // a pair and a series of other lengths cannot go together (a usage error)
    prepost(dir.path())
        .args([
            "compare",
            "--data",
            "wide.csv",
            "--pair",
            "a1:a2",
            "--series",
            "b=b1,b2,b3",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("every scale needs the same waves"));
}

#[test]
fn item_answers_in_a_long_file() {
    let spec = "name = \"two items\"\nid = \"id\"\nmin = 1\nmax = 5\n\
                [[subscale]]\nname = \"a\"\nitems = [\"q1\", \"q2\"]\n\
                [[subscale]]\nname = \"b\"\nitems = [\"q3\", \"q4\"]\n";
    let pre = "id,q1,q2,q3,q4\nP1,1,2,3,4\nP2,2,2,3,3\nP3,5,4,4,5\nP4,3,3,2,2\nP5,2,1,1,2\n";
    let post = "id,q1,q2,q3,q4\nP1,2,2,4,4\nP2,3,3,3,4\nP3,5,5,5,5\nP4,4,3,3,2\nP5,2,2,2,3\n";
    let mut long = String::from("id,session,q1,q2,q3,q4\n");
    for (label, wave) in [("s1", pre), ("s2", post)] {
        for line in wave.lines().skip(1) {
            let (id, rest) = line.split_once(',').unwrap();
            long.push_str(&format!("{id},{label},{rest}\n"));
        }
    }
    let dir = dir_with(&[
        ("spec.toml", spec),
        ("pre.csv", pre),
        ("post.csv", post),
        ("long.csv", &long),
    ]);
    let files = json_of(prepost(dir.path()).args([
        "compare",
        "--scale",
        "spec.toml",
        "--pre",
        "pre.csv",
        "--post",
        "post.csv",
        "--format",
        "json",
    ]));
    let long = json_of(prepost(dir.path()).args([
        "compare",
        "--scale",
        "spec.toml",
        "--data",
        "long.csv",
        "--time",
        "session",
        "--format",
        "json",
    ]));
    // the same scores, tests and reliability at each wave
    for s in 0..3 {
        for k in ["t_test", "wilcoxon", "reliability", "pre", "post"] {
            assert_eq!(
                files["scales"][s][k], long["scales"][s][k],
                "scale {s}, {k}"
            );
        }
    }
}

#[test]
fn ids_in_numeric_order_and_shuffled_match_alike() {
    // ids sorted as numbers (as exports are), and the same rows shuffled
    let mut pre = String::from("id,s\n");
    let mut post = String::from("id,s\n");
    for i in 1..=120 {
        pre.push_str(&format!("{i},{}\n", i % 7 + 10));
        if i % 11 != 0 {
            post.push_str(&format!("{i},{}\n", i % 5 + 11));
        }
    }
    let mut rows: Vec<&str> = post.lines().skip(1).collect();
    rows.sort_by_key(|r| r.len() * 7 % 5);
    let shuffled = format!("id,s\n{}\n", rows.join("\n"));
    let dir = dir_with(&[
        ("pre.csv", &pre),
        ("post.csv", &post),
        ("shuffled.csv", &shuffled),
    ]);
    let sorted = json_of(prepost(dir.path()).args([
        "compare", "--pre", "pre.csv", "--post", "post.csv", "--format", "json",
    ]));
    let mixed = json_of(prepost(dir.path()).args([
        "compare",
        "--pre",
        "pre.csv",
        "--post",
        "shuffled.csv",
        "--format",
        "json",
    ]));
    assert_eq!(scales(&sorted), scales(&mixed));
    assert_eq!(sorted["attrition"]["n_matched"], 110);
    assert_eq!(sorted["attrition"]["only_in_pre"][0], "11");
}

#[test]
fn usage_errors_are_found_before_any_file_is_read() {
    // (none of these files exists: the command line alone is wrong)
    let dir = tempfile::tempdir().unwrap();
    for (args, fragment) in [
        (
            "compare --pre a.csv --post b.csv --criterion c",
            "needs the norms",
        ),
        (
            "compare --data l.csv --time t --pre-label T1 --post-label T1",
            "both \"T1\"",
        ),
        (
            "compare --pre a.csv --post b.csv --scores total,total",
            "names \"total\" twice",
        ),
        (
            "compare --data w.csv --pair x:x",
            "names the column \"x\" twice",
        ),
        ("compare --wave a=a.csv --wave a=b.csv", "same label"),
        (
            "compare --data l.csv --time t --waves A,B --post-label C",
            "not one of the waves",
        ),
    ] {
        prepost(dir.path())
            .args(args.split_whitespace())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(fragment))
            .stderr(predicate::str::starts_with("error: "));
    }
}

#[test]
fn a_post_label_naming_the_default_pre_test_is_an_error() {
    let dir = files();
    prepost(dir.path())
        .args([
            "compare",
            "--wave",
            "pre=t1.csv",
            "--wave",
            "post=t2.csv",
            "--post-label",
            "pre",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--post-label names wave \"pre\", which is also the wave it would be compared with",
        ))
        .stderr(predicate::str::contains("give --pre-label too"));
}
