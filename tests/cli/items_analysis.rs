//! Which items moved (`compare --scale … --items`) on the bundled example, against R
//! (binom.test, coin's exact wilcoxsign_test, the Stuart–Maxwell formula; scripts/reference/items.R).

use crate::common::*;
use serde_json::Value;

fn items_of(extra: &[&str]) -> Value {
    let v = json_of(
        prepost(&repo().join("data/example"))
            .args(example_items_compare(false))
            .args(["--items", "--format", "json"])
            .args(extra),
    );
    v["items"].clone()
}

fn item<'a>(items: &'a Value, name: &str) -> &'a Value {
    items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == name)
        .unwrap()
}

#[test]
fn each_item_is_counted_and_tested_as_r_does() {
    let items = items_of(&[]);
    assert_eq!(items.as_array().unwrap().len(), 20);
    // q1: keyed answers 1/7/1/2/0 before, 0/2/4/3/2 after
    let q1 = item(&items, "q1");
    assert_eq!(q1["scale"], "self_perception");
    assert_eq!(q1["n"], 11);
    assert_eq!(
        q1["categories"],
        serde_json::json!([1.0, 2.0, 3.0, 4.0, 5.0])
    );
    assert_eq!(q1["pre_counts"], serde_json::json!([1, 7, 1, 2, 0]));
    assert_eq!(q1["post_counts"], serde_json::json!([0, 2, 4, 3, 2]));
    for (name, sign, wilcoxon, chi_sq, df, p) in [
        (
            "q1",
            0.0039062500000000035,
            0.00390625,
            8.4545454545454603590,
            4.0,
            0.0762770591562074163,
        ),
        (
            "q3",
            0.070312500000000028,
            0.0546875,
            5.285714285714286476,
            4.0,
            0.259217230829441259,
        ),
        // one child answered 4 at both waves and no one else chose 4: the test of the other
        // answers (R's solve() fails on the full table; MASS::ginv over the rank)
        (
            "q7",
            0.12500000000000003,
            0.109375,
            3.80000000000000115,
            3.0,
            0.28388613075982694,
        ),
        (
            "q12",
            0.17968750000000006,
            0.1484375,
            5.0,
            4.0,
            0.28729749518364578,
        ),
    ] {
        let it = item(&items, name);
        check(
            name,
            "sign",
            &it["sign_test"]["p_value"],
            &sign.into(),
            1e-12,
        );
        check(
            name,
            "wilcoxon",
            &it["wilcoxon"]["p_value"],
            &wilcoxon.into(),
            1e-12,
        );
        assert_eq!(it["wilcoxon"]["method"], "exact");
        let m = &it["marginal_homogeneity"];
        check(name, "chi_sq", &m["chi_sq"], &chi_sq.into(), 1e-12);
        check(name, "p", &m["p_value"], &p.into(), 1e-10);
        assert_eq!(m["df"], df, "{name}");
    }
    // reverse-worded items are keyed (6 - answer) and say so
    assert_eq!(item(&items, "q3")["reversed"], true);
}

#[test]
fn holm_runs_across_the_items_of_each_subscale() {
    let items = items_of(&[]);
    let family: Vec<&Value> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["scale"] == "self_perception")
        .collect();
    assert_eq!(family.len(), 5);
    // R: p.adjust(c(q1..q5 Wilcoxon p), "holm")
    let mut ps: Vec<(f64, f64)> = family
        .iter()
        .map(|i| {
            (
                i["wilcoxon"]["p_value"].as_f64().unwrap(),
                i["p_holm"].as_f64().unwrap(),
            )
        })
        .collect();
    ps.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut running: f64 = 0.0;
    for (rank, (p, holm)) in ps.iter().enumerate() {
        running = running.max(((5 - rank) as f64 * p).min(1.0));
        assert!(
            (holm - running).abs() < 1e-15,
            "{p} -> {holm}, want {running}"
        );
    }
}

#[test]
fn groups_are_analysed_apart_and_reported_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(
        prepost(&repo().join("data/example"))
            .args(example_items_compare(true))
            .arg("--items")
            .arg("--out-dir")
            .arg(dir.path()),
    );
    assert!(
        out.contains("In the program group, of the 5 items of self perception, 3 rose significantly (Wilcoxon signed-rank test, Holm-adjusted p < .05 across the 5): q1 (M = 2.36 to 3.45), q2 (M = 2.73 to 3.82) and q5 (M = 2.64 to 3.45)."),
        "{out}"
    );
    assert!(out.contains("Items before and after"));
    let csv = std::fs::read_to_string(dir.path().join("items.csv")).unwrap();
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("scale,group,item,reversed,n,pre_1,pre_2,pre_3,pre_4,pre_5,post_1"));
    // 20 items in each of the two groups
    assert_eq!(lines.count(), 40);
    let svg =
        std::fs::read_to_string(dir.path().join("self_perception_program_items.svg")).unwrap();
    assert!(svg.contains("<title>self_perception (program): answers before and after</title>"));
    assert!(dir.path().join("future_comparison_items.svg").exists());
    let zh = stdout_of(
        prepost(&repo().join("data/example"))
            .args(example_items_compare(true))
            .args(["--items", "--lang", "zh"]),
    );
    assert!(
        zh.contains("program 组中，自我认知的 5 个题目中有 3 个显著上升"),
        "{zh}"
    );
}

#[test]
fn items_need_item_level_input() {
    prepost(&repo())
        .args(EXAMPLE_SCORES)
        .arg("--items")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--scale"));
}

#[test]
fn a_long_file_gives_the_same_items_as_two_files() {
    // the example's two files stacked, with a time column
    let ex = repo().join("data/example");
    let read = |f: &str| std::fs::read_to_string(ex.join(f)).unwrap();
    let (pre, post) = (read("pre_items.csv"), read("post_items.csv"));
    let mut long = format!("time,{}\n", pre.lines().next().unwrap());
    for (label, text) in [("pre", &pre), ("post", &post)] {
        for line in text.lines().skip(1) {
            long.push_str(&format!("{label},{line}\n"));
        }
    }
    let dir = dir_with(&[("long.csv", &long)]);
    let spec = ex.join("../scales/children_self_confidence.toml");
    let v = json_of(
        prepost(dir.path())
            .args([
                "compare", "--data", "long.csv", "--time", "time", "--items", "--format", "json",
                "--scale",
            ])
            .arg(&spec),
    );
    let want = items_of(&[]);
    let got = v["items"].as_array().unwrap();
    assert_eq!(got.len(), want.as_array().unwrap().len());
    for (a, b) in got.iter().zip(want.as_array().unwrap()) {
        for key in [
            "item",
            "n",
            "pre_counts",
            "post_counts",
            "sign_test",
            "wilcoxon",
            "marginal_homogeneity",
            "p_holm",
        ] {
            assert_eq!(a[key], b[key], "{} {key}", b["item"]);
        }
    }
}
