//! Studies of three or more waves against R: `prepost compare` on each case in
//! tests/data/waves (made by scripts/reference/waves.R with R 4.2.2, afex 1.2-1, car 3.1-1,
//! effectsize 0.8.3, coin 1.4-2), field by field: descriptives per wave, the Friedman test,
//! the repeated-measures ANOVA with sphericity, the pairwise comparisons with Holm, and with a
//! group the mixed ANOVA and the ANCOVA of each later wave.

use crate::common::*;
use serde_json::Value;

const CLOSED: f64 = 1e-10;
/// The noncentral-t interval of d_z, relative to max(1, |R|): effectsize finds its ends with
/// R's approximate noncentral t (docs/statistics.md), off by ~1e-7 here.
const ITER: f64 = 1e-6;

fn close_abs(got: &Value, want: f64, tol: f64) -> bool {
    got.as_f64()
        .is_some_and(|g| (g - want).abs() <= tol * want.abs().max(1.0))
}

fn reference(case: &str) -> Value {
    let path = repo()
        .join("tests/data/waves")
        .join(case)
        .join("reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `compare` on a case's long file, every wave in the reference's order.
fn run(case: &str, extra: &[&str]) -> Value {
    let r = reference(case);
    let waves: Vec<&str> = r["waves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    let dir = repo().join("tests/data/waves").join(case);
    let mut cmd = prepost(&dir);
    cmd.args([
        "compare", "--data", "long.csv", "--time", "time", "--format", "json",
    ])
    .arg("--waves")
    .arg(waves.join(","))
    .args(extra);
    if let (Some(g), Some(t)) = (r["group"].as_str(), r["treatment"].as_str()) {
        cmd.args(["--group", g, "--treatment", t]);
    }
    json_of(&mut cmd)
}

fn scale<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["scales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scale"] == name)
        .unwrap_or_else(|| panic!("no scale {name}"))
}

/// Every field of `want` (an object of numbers) in `got`.
fn check_fields(case: &str, what: &str, got: &Value, want: &Value, tol: f64) {
    for (k, w) in want.as_object().unwrap() {
        if w.is_number() || w.is_null() {
            check(case, &format!("{what}.{k}"), &got[k], w, tol);
        }
    }
}

fn check_case(case: &str) {
    let r = reference(case);
    let v = run(case, &[]);
    for (name, want) in r["scales"].as_object().unwrap() {
        let got = scale(&v, name);
        let at = format!("{case} {name}");
        check_scale(&at, got, want);
        if let Some(groups) = want.get("groups") {
            for (label, w) in groups.as_object().unwrap() {
                check_scale(&format!("{at} ({label})"), &got["groups"][label], w);
            }
        }
    }
}

/// One scale (or one group's analyses of it) across the waves.
fn check_scale(at: &str, got: &Value, want: &Value) {
    for (g, w) in got["waves"]
        .as_array()
        .unwrap()
        .iter()
        .zip(want["waves"].as_array().unwrap())
    {
        assert_eq!(g["label"], w["label"], "{at}");
        check_fields(at, "waves", g, w, CLOSED);
    }
    check_fields(at, "friedman", &got["friedman"], &want["friedman"], CLOSED);
    check_fields(at, "rm_anova", &got["rm_anova"], &want["rm_anova"], CLOSED);
    let pairs = got["pairwise"].as_array().unwrap();
    let want_pairs = want["pairwise"].as_array().unwrap();
    assert_eq!(pairs.len(), want_pairs.len(), "{at}: all pairs by default");
    for (g, w) in pairs.iter().zip(want_pairs) {
        let what = format!("{}-{}", w["from"], w["to"]);
        assert_eq!((&g["from"], &g["to"]), (&w["from"], &w["to"]), "{at}");
        check_fields(at, &what, &g["t_test"], &w["t_test"], CLOSED);
        check(at, &what, &g["wilcoxon"]["v"], &w["wilcoxon"]["v"], CLOSED);
        // exact with ties, as coin's exact signed-rank test
        check(
            at,
            &what,
            &g["wilcoxon"]["p_value"],
            &w["wilcoxon"]["p_value_exact"],
            CLOSED,
        );
        check(
            at,
            &what,
            &g["wilcoxon"]["p_holm"],
            &w["wilcoxon"]["p_holm"],
            CLOSED,
        );
        check(at, &what, &g["d_z"]["value"], &w["d_z"]["value"], CLOSED);
        for end in ["ci_low", "ci_high"] {
            let (g, w) = (&g["d_z"][end], w["d_z"][end].as_f64().unwrap());
            assert!(close_abs(g, w, ITER), "{at} {what} d_z {end}: {g} vs R {w}");
        }
    }
    if want.get("mixed").is_some() {
        for term in ["group", "time", "interaction"] {
            check_fields(at, term, &got["mixed"][term], &want["mixed"][term], CLOSED);
        }
        for (g, w) in got["mixed"]["ancova"]
            .as_array()
            .unwrap()
            .iter()
            .zip(want["ancova"].as_array().unwrap())
        {
            assert_eq!(g["wave"], w["wave"]);
            check_fields(at, "ancova", g, w, CLOSED);
        }
    }
}

#[test]
fn three_waves_with_a_comparison_group_match_r() {
    check_case("children3");
}

#[test]
fn four_waves_with_a_missing_wave_match_r() {
    check_case("four_waves");
    let v = run("four_waves", &[]);
    // P07 misses T3: left out of the analyses across the waves, and said so
    assert_eq!(
        v["attrition"]["incomplete_by_scale"]["wellbeing"],
        serde_json::json!(["P07"])
    );
    assert_eq!(scale(&v, "wellbeing")["waves"][0]["n"], 9);
    // T1 and T2 are compared as pre and post, with all ten
    assert_eq!(scale(&v, "wellbeing")["n_pairs"], 10);
}

#[test]
fn fewer_participants_than_waves_match_r_and_say_why() {
    check_case("two_children");
    let v = run("two_children", &[]);
    let s = scale(&v, "score");
    assert!(s["rm_anova"]["gg_epsilon"].is_null());
    let why = s["notes"]["rm_anova.sphericity"].as_str().unwrap();
    assert!(why.contains("fewer participants than waves"), "{why}");
    assert!(s["friedman"]["iman_davenport_f"].is_null());
    assert!(s["notes"]["friedman.iman_davenport_f"]
        .as_str()
        .unwrap()
        .contains("ranks the waves alike"));
}

#[test]
fn contrasts_choose_the_pairs_and_holm_adjusts_within_them() {
    let pairs = |v: &Value| -> Vec<(String, String)> {
        scale(v, "wellbeing")["pairwise"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["from"].as_str().unwrap().to_string(),
                    p["to"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let base = run("four_waves", &["--contrasts", "baseline"]);
    assert_eq!(
        pairs(&base),
        [("T1", "T2"), ("T1", "T3"), ("T1", "T4")].map(|(a, b)| (a.into(), b.into()))
    );
    let next = run("four_waves", &["--contrasts", "consecutive"]);
    assert_eq!(
        pairs(&next),
        [("T1", "T2"), ("T2", "T3"), ("T3", "T4")].map(|(a, b)| (a.into(), b.into()))
    );
    // Holm over the three baseline comparisons: R's p.adjust(p, "holm")
    let p: Vec<f64> = scale(&base, "wellbeing")["pairwise"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["t_test"]["p_value"].as_f64().unwrap())
        .collect();
    let mut order: Vec<usize> = (0..3).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let mut holm = [0.0; 3];
    let mut running = 0.0f64;
    for (rank, &i) in order.iter().enumerate() {
        running = running.max(((3 - rank) as f64 * p[i]).min(1.0));
        holm[i] = running;
    }
    for (c, h) in scale(&base, "wellbeing")["pairwise"]
        .as_array()
        .unwrap()
        .iter()
        .zip(holm)
    {
        assert!(close(&c["t_test"]["p_holm"], h, 1e-12));
    }
}

#[test]
fn the_follow_up_says_whether_the_change_lasted() {
    let v = run("children3", &["--reliability", "confidence=0.8"]);
    let s = scale(&v, "confidence");
    let f = &s["follow_up"][0];
    assert_eq!(f["wave"], "follow");
    // post → follow-up is the pairwise comparison of the same waves
    let same = s["pairwise"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["from"] == "post" && p["to"] == "follow")
        .unwrap();
    assert_eq!(f["from_post"]["t_test"]["t"], same["t_test"]["t"]);
    // reliable change at the follow-up against pre, with the pre/post S_diff
    assert_eq!(f["rci"]["s_diff"], s["rci"]["s_diff"]);
    let counts = &f["rci"]["counts"];
    let n: u64 = [
        "reliably_improved",
        "no_reliable_change",
        "reliably_deteriorated",
    ]
    .iter()
    .map(|k| counts[k].as_u64().unwrap())
    .sum();
    assert_eq!(n, 12);
    // S_diff = √2 · 4.39696865275764 · √0.2 = 2.7808836…: gains of 3 or more are reliable;
    // 11 of the 12 children are still at least 3 above their pre-test at the follow-up
    // (C01 +7, C02 +8, C03 +7, C04 +4, C05 +5, C06 +7, C07 +3, C10 0, C11 +1, ... by hand)
    let gains: Vec<f64> = [
        (52., 59.),
        (48., 56.),
        (55., 62.),
        (60., 64.),
        (45., 50.),
        (50., 57.),
        (58., 61.),
        (54., 53.),
        (49., 51.),
        (57., 57.),
        (51., 52.),
        (53., 55.),
    ]
    .iter()
    .map(|(a, b)| b - a)
    .collect();
    let s_diff = s["rci"]["s_diff"].as_f64().unwrap();
    let improved = gains
        .iter()
        .filter(|g| *g / s_diff > 1.959963984540054)
        .count();
    assert_eq!(
        counts["reliably_improved"].as_u64().unwrap() as usize,
        improved
    );
}

#[test]
fn two_waves_stay_as_they_were() {
    let dir = repo().join("tests/data/waves/children3");
    let v = json_of(prepost(&dir).args([
        "compare", "--data", "long.csv", "--time", "time", "--waves", "pre,post", "--format",
        "json",
    ]));
    let s = &v["scales"][0];
    for key in ACROSS_WAVES {
        assert!(s.get(key).is_none(), "{key} with two waves");
    }
    assert!(v["attrition"].get("incomplete_by_scale").is_none());
}

#[test]
fn change_waves_csv_says_which_child_kept_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let case = repo().join("tests/data/waves/children3");
    prepost(&case)
        .args([
            "compare",
            "--data",
            "long.csv",
            "--time",
            "time",
            "--waves",
            "pre,post,follow",
            "--group",
            "group",
            "--treatment",
            "program",
            "--reliability",
            "confidence=0.8",
        ])
        .arg("--out-dir")
        .arg(dir.path())
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("change_waves.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,scale,group,score_pre,score_post,score_follow,change_post,rci_post,class_post,change_follow,rci_follow,class_follow"
    );
    // C01: 52, 61, 59 on confidence; S_diff = √2 · SD_pre · √(1 − .8) with the SD of its own
    // group's pre-test (the program group, seven children)
    let pre = [52.0, 48.0, 55.0, 60.0, 45.0, 50.0, 58.0];
    let mean = pre.iter().sum::<f64>() / 7.0;
    let sd_pre = (pre.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 6.0).sqrt();
    let s_diff = 2f64.sqrt() * sd_pre * 0.2f64.sqrt();
    let c01: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("C01,confidence,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(
        &c01[..7],
        ["C01", "confidence", "program", "52", "61", "59", "9"]
    );
    let rci: f64 = c01[7].parse().unwrap();
    assert!((rci - 9.0 / s_diff).abs() < 1e-12);
    assert_eq!(c01[8], "reliably_improved");
    assert_eq!(c01[9], "7");
    assert_eq!(c01[11], "reliably_improved");
    // 12 children × 2 scales
    assert_eq!(text.lines().count(), 1 + 24);
    // the classes agree with change.csv at the post-test
    let change = std::fs::read_to_string(dir.path().join("change.csv")).unwrap();
    let c01_change = change
        .lines()
        .find(|l| l.starts_with("C01,confidence,"))
        .unwrap();
    assert!(c01_change.contains(",reliably_improved"), "{c01_change}");
}

#[test]
fn constant_waves_say_why_nothing_is_computed() {
    let dir = dir_with(&[
        ("a.csv", "id,s\n1,3\n2,4\n3,5\n"),
        ("b.csv", "id,s\n1,3\n2,4\n3,5\n"),
        ("c.csv", "id,s\n1,3\n2,4\n3,5\n"),
    ]);
    let v = json_of(prepost(dir.path()).args([
        "compare", "--wave", "a=a.csv", "--wave", "b=b.csv", "--wave", "c=c.csv", "--format",
        "json",
    ]));
    let s = scale(&v, "s");
    for key in ["friedman", "rm_anova"] {
        assert!(s[key].is_null(), "{key}");
        assert!(s["notes"][key].is_string(), "a note says why {key} is null");
    }
    assert!(s["pairwise"][0]["t_test"].is_null());
    assert!(s["notes"]["pairwise.a-b.t_test"].is_string());
    // the means per wave are still there
    assert_eq!(s["waves"][2]["mean"], 4.0);
}

#[test]
fn no_participant_at_every_wave_is_said_not_a_panic() {
    // the follow-up reached other children than the pre- and post-test
    let dir = dir_with(&[
        ("a.csv", "id,s\n1,3\n2,4\n3,5\n"),
        ("b.csv", "id,s\n1,4\n2,6\n3,5\n"),
        ("c.csv", "id,s\n7,3\n8,4\n9,5\n"),
    ]);
    for format in ["terminal", "markdown", "html", "latex", "json"] {
        let out = prepost(dir.path())
            .args([
                "compare", "--wave", "a=a.csv", "--wave", "b=b.csv", "--wave", "c=c.csv",
                "--format", format,
            ])
            .assert()
            .success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            text.contains("no participant has a score of this scale at every wave"),
            "{format}"
        );
    }
}

#[test]
fn the_compared_waves_anchor_the_follow_up_and_the_ancova() {
    // post and follow compared: nothing follows; the ANCOVA is of follow on post, as the
    // pre/post ANCOVA of the same waves
    let v = run(
        "children3",
        &["--pre-label", "post", "--post-label", "follow"],
    );
    let s = scale(&v, "confidence");
    assert!(s.get("follow_up").is_none());
    let ancova = s["mixed"]["ancova"].as_array().unwrap();
    assert_eq!(ancova.len(), 1);
    assert_eq!(ancova[0]["wave"], "follow");
    assert!(close(
        &ancova[0]["diff"],
        s["between_groups"]["ancova"]["diff"].as_f64().unwrap(),
        1e-12
    ));
    // the pre-test after the post-test in the order of time given: refused (post − pre would
    // run backwards in time)
    let dir = repo().join("tests/data/waves/four_waves");
    prepost(&dir)
        .args(["compare", "--data", "long.csv", "--time", "time"])
        .args([
            "--waves",
            "T1,T2,T3,T4",
            "--pre-label",
            "T3",
            "--post-label",
            "T1",
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("comes after the post-test"));
}
