//! The reliable change methods (`--rci-method`) against the R package clinicalsignificance
//! (tests/data/rci, made by scripts/reference/rci_methods.R), and reliable change per group.

use crate::common::*;
use serde_json::Value;

fn reference() -> Value {
    let path = repo().join("tests/data/rci/reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Each participant's RCI and class by `method` for one data set (its change rows).
fn change_rows(data_set: &str, method: &str) -> Vec<Value> {
    let args: Vec<String> = match data_set {
        "example_total" => "compare --pre data/example/pre.csv --post data/example/post.csv --scores total --reliability total=0.85",
        _ => "compare --data tests/data/waves/children3/long.csv --time time --waves pre,post --scores confidence --reliability confidence=0.85",
    }
    .split_whitespace()
    .map(String::from)
    .collect();
    let v =
        json_of(
            prepost(&repo())
                .args(&args)
                .args(["--rci-method", method, "--format", "json"]),
        );
    assert_eq!(v["scales"][0]["rci"]["method"], method);
    v["change"].as_array().unwrap().clone()
}

#[test]
fn every_method_matches_clinicalsignificance() {
    let r = reference();
    for (data_set, methods) in r["data_sets"].as_object().unwrap() {
        for (method, want) in methods.as_object().unwrap() {
            let rows = change_rows(data_set, method);
            for w in want["participants"].as_array().unwrap() {
                let at = format!("{data_set} {method} {}", w["id"]);
                let got = rows
                    .iter()
                    .find(|row| row["id"] == w["id"])
                    .unwrap_or_else(|| panic!("{at}: no row"));
                if w["rci"].is_string() {
                    // R: NaN (Hageman-Arrindell's r_dd below 0): no RCI, with a note
                    assert!(got["rci"].is_null(), "{at}");
                    continue;
                }
                check(&at, "rci", &got["rci"], &w["rci"], 1e-10);
                assert_eq!(got["rci_class"], w["class"], "{at}");
            }
        }
    }
}

/// With a comparison group each group is judged by its own pre-test SD, and the shares
/// reliably improved are compared: R (scripts/reference/rci_methods.R) counts 3 of 11 and 0
/// of 10, fisher.test p = 0.2142857142857144.
#[test]
fn each_group_is_judged_by_its_own_pre_test_and_the_groups_compared() {
    let r = reference();
    let v = json_of(prepost(&repo()).args([
        "compare",
        "--pre",
        "data/example/groups_pre.csv",
        "--post",
        "data/example/groups_post.csv",
        "--group",
        "group",
        "--treatment",
        "program",
        "--scores",
        "total",
        "--reliability",
        "total=0.85",
        "--format",
        "json",
    ]));
    let s = &v["scales"][0];
    let g = &r["groups"];
    for label in ["program", "comparison"] {
        assert_eq!(
            s["groups"][label]["rci"]["counts"]["reliably_improved"], g[label]["improved"],
            "{label}"
        );
    }
    let ri = &s["between_groups"]["reliable_change"];
    assert_eq!(ri["treatment_improved"], 3);
    assert_eq!(ri["treatment_n"], 11);
    assert!(close(&ri["difference"], 3.0 / 11.0, 1e-12));
    check("groups", "fisher", &ri["fisher_p"], &g["fisher_p"], 1e-10);
    // each change row by its group's rule: the program group's S_diff
    let sd = s["groups"]["program"]["rci"]["s_diff"].as_f64().unwrap();
    let c03 = v["change"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["id"] == "C03")
        .unwrap();
    assert!(close(
        &c03["rci"],
        c03["change"].as_f64().unwrap() / sd,
        1e-12
    ));
}
