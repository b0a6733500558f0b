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
    let v = json_of(prepost(&repo()).args(EXAMPLE_GROUP_SCORES).args([
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

/// Hsu-Linn-Lord reads the post-test's mean; at a later wave, that wave's: in change_waves.csv
/// the follow-up's RCI is [(f − M_f) − r(pre − M_pre)]/(SD_pre √(1 − r²)) (children3,
/// confidence, C01: pre 52, follow 59).
#[test]
fn later_waves_read_their_own_statistics() {
    let dir = tempfile::tempdir().unwrap();
    prepost(&repo())
        .args([
            "compare",
            "--data",
            "tests/data/waves/children3/long.csv",
            "--time",
            "time",
            "--waves",
            "pre,post,follow",
            "--scores",
            "confidence",
            "--reliability",
            "confidence=0.85",
            "--rci-method",
            "hll",
            "--out-dir",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("change_waves.csv")).unwrap();
    let c01: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("C01,"))
        .unwrap()
        .split(',')
        .collect();
    let pre = [52., 48., 55., 60., 45., 50., 58., 54., 49., 57., 51., 53.];
    let follow = [59., 56., 62., 64., 50., 57., 61., 53., 51., 57., 52., 55.];
    let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
    let sd = |x: &[f64]| {
        let m = mean(x);
        (x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (x.len() as f64 - 1.0)).sqrt()
    };
    let se = sd(&pre) * (1.0f64 - 0.85 * 0.85).sqrt();
    let want = ((59.0 - mean(&follow)) - 0.85 * (52.0 - mean(&pre))) / se;
    let got: f64 = c01[9].parse().unwrap();
    assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    let text = String::from_utf8(std::fs::read(dir.path().join("results.md")).unwrap()).unwrap();
    assert!(
        text.contains("Hsu-Linn-Lord") && text.contains("SE of the RCI"),
        "{text}"
    );
}
