//! `compare --group` with three or more groups (MASS::anorexia, carData::OBrienKaiser), and
//! the groups at the pre-test with any group: = R (scripts/reference/compare_k_groups.R, its
//! output tests/data/compare_k_groups/reference.json). Closed forms to 1e-10, the studentized
//! range (Tukey, Games-Howell, emmeans' Tukey adjustment) to 1e-6.

use crate::common::*;
use predicates::prelude::*;
use serde_json::Value;

fn data() -> std::path::PathBuf {
    repo().join("tests/data/compare_k_groups")
}

fn reference() -> Value {
    serde_json::from_str(&std::fs::read_to_string(data().join("reference.json")).unwrap()).unwrap()
}

fn run(file: &str, group: &str, extra: &[&str]) -> Value {
    json_of(
        prepost(&data())
            .args([
                "compare",
                "--data",
                file,
                "--pair",
                "score=pre:post",
                "--id",
                "id",
                "--group",
                group,
                "--format",
                "json",
            ])
            .args(extra),
    )
}

const CLOSED: f64 = 1e-10;
const ITERATIVE: f64 = 1e-6;

/// The levels' n, M and SD, as R gives them in its level order.
fn check_levels(case: &str, got: &Value, want: &Value) {
    let want = want.as_array().unwrap();
    assert_eq!(got.as_array().unwrap().len(), want.len(), "{case}: levels");
    for (g, w) in got.as_array().unwrap().iter().zip(want) {
        assert_eq!(g["level"], w["level"], "{case}: level order");
        assert_eq!(g["n"], w["n"], "{case}: n");
        check(case, "mean", &g["mean"], &w["mean"], CLOSED);
        check(case, "sd", &g["sd"], &w["sd"], CLOSED);
    }
}

/// Fisher's and Welch's ANOVA, Levene (mean), Kruskal-Wallis; with `post_hoc`, Tukey HSD,
/// Games-Howell and Dunn (Holm) by pair.
fn check_k(case: &str, got: &Value, want: &Value, post_hoc: bool) {
    check_levels(case, &got["levels"], &want["levels"]);
    for (part, fields) in [
        ("anova", &["f", "df1", "df2", "p", "eta_sq"][..]),
        ("welch_anova", &["f", "df1", "df2", "p"][..]),
        ("kruskal", &["h", "df", "p"][..]),
        ("levene", &["f", "p"][..]),
    ] {
        for f in fields {
            check(
                case,
                &format!("{part}.{f}"),
                &got[part][f],
                &want[part][f],
                CLOSED,
            );
        }
    }
    if !post_hoc {
        return;
    }
    let rows = got["post_hoc"].as_array().unwrap();
    let find = |method: &str, a: &str, b: &str| {
        rows.iter()
            .find(|r| r["method"] == method && r["a"] == a && r["b"] == b)
            .unwrap_or_else(|| panic!("{case}: no {method} row {a}, {b}"))
    };
    // R's TukeyHSD names the pair "b-a" with diff = mean(b) − mean(a)
    let t = &want["tukey"];
    for (k, pair) in t["pair"].as_array().unwrap().iter().enumerate() {
        let (b, a) = pair.as_str().unwrap().split_once('-').unwrap();
        let r = find("tukey", a, b);
        check(case, "tukey diff", &r["diff"], &t["diff"][k], CLOSED);
        check(case, "tukey lwr", &r["ci_low"], &t["lwr"][k], ITERATIVE);
        check(case, "tukey upr", &r["ci_high"], &t["upr"][k], ITERATIVE);
        check(case, "tukey p", &r["p"], &t["p"][k], ITERATIVE);
    }
    let gh = &want["games_howell"];
    for k in 0..gh["a"].as_array().unwrap().len() {
        let r = find(
            "games_howell",
            gh["a"][k].as_str().unwrap(),
            gh["b"][k].as_str().unwrap(),
        );
        check(
            case,
            "games-howell diff",
            &r["diff"],
            &gh["diff"][k],
            CLOSED,
        );
        check(
            case,
            "games-howell low",
            &r["ci_low"],
            &gh["lwr"][k],
            ITERATIVE,
        );
        check(
            case,
            "games-howell high",
            &r["ci_high"],
            &gh["upr"][k],
            ITERATIVE,
        );
    }
    let dn = &want["dunn"];
    let dunn = got["dunn"].as_array().unwrap();
    for k in 0..dn["a"].as_array().unwrap().len() {
        let r = dunn
            .iter()
            .find(|r| r["a"] == dn["a"][k] && r["b"] == dn["b"][k])
            .unwrap();
        check(case, "dunn z", &r["z"], &dn["z"][k], CLOSED);
        check(case, "dunn p", &r["p"], &dn["p"][k], CLOSED);
        check(case, "dunn p (Holm)", &r["p_adj"], &dn["p_adj"][k], CLOSED);
    }
}

/// `car::Anova(lm(post ~ pre + group), type = 2)` and emmeans' adjusted means and Tukey pairs.
fn check_ancova(case: &str, got: &Value, want: &Value) {
    check(case, "F group", &got["group"]["f"], &want["f"], CLOSED);
    check(case, "df1", &got["group"]["df"], &want["df1"], CLOSED);
    check(case, "df2", &got["df_residual"], &want["df2"], CLOSED);
    check(
        case,
        "p group",
        &got["group"]["p_value"],
        &want["p_group"],
        CLOSED,
    );
    check(
        case,
        "partial eta²",
        &got["group"]["partial_eta_sq"],
        &want["partial_eta_sq"],
        CLOSED,
    );
    check(case, "slope", &got["slope"], &want["slope"], CLOSED);
    for (k, m) in got["adjusted_means"].as_array().unwrap().iter().enumerate() {
        check(case, "emmean", &m["emmean"], &want["emmean"][k], CLOSED);
        check(case, "emmean SE", &m["se"], &want["emmean_se"][k], CLOSED);
        check(
            case,
            "emmean low",
            &m["ci_low"],
            &want["emmean_low"][k],
            CLOSED,
        );
        check(
            case,
            "emmean high",
            &m["ci_high"],
            &want["emmean_high"][k],
            CLOSED,
        );
    }
    for (k, p) in got["pairwise"].as_array().unwrap().iter().enumerate() {
        let name = format!(
            "{} - {}",
            p["a"].as_str().unwrap(),
            p["b"].as_str().unwrap()
        );
        assert_eq!(want["contrast"][k], name.as_str(), "{case}: contrast order");
        check(
            case,
            "estimate",
            &p["estimate"],
            &want["estimate"][k],
            CLOSED,
        );
        check(case, "SE", &p["se"], &want["se"][k], CLOSED);
        check(case, "t", &p["t"], &want["t"][k], CLOSED);
        check(
            case,
            "p (Tukey)",
            &p["p_value"],
            &want["pair_p"][k],
            ITERATIVE,
        );
        check(
            case,
            "low (Tukey)",
            &p["ci_low"],
            &want["low"][k],
            ITERATIVE,
        );
        check(
            case,
            "high (Tukey)",
            &p["ci_high"],
            &want["high"][k],
            ITERATIVE,
        );
    }
}

#[test]
fn three_groups_match_r_on_anorexia_and_obrien_kaiser() {
    let r = reference();
    for (case, file, group) in [
        ("anorexia", "anorexia.csv", "group"),
        ("obrien_kaiser", "obrien_kaiser.csv", "treatment"),
    ] {
        let v = run(file, group, &[]);
        let want = &r[case];
        let s = &v["scales"][0];
        assert!(v["options"]["treatment"].is_null() && s["between_groups"].is_null());
        assert_eq!(
            v["options"]["group_levels"],
            want["baseline"]["levels"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["level"].clone())
                .collect::<Value>()
        );
        check_k(
            &format!("{case} baseline"),
            &s["baseline"],
            &want["baseline"],
            false,
        );
        let k = &s["k_groups"];
        check_k(
            &format!("{case} change"),
            &k["change"],
            &want["change"],
            true,
        );
        check_ancova(&format!("{case} ancova"), &k["ancova"], &want["ancova"]);
        // each group's own change
        for l in want["change"]["levels"].as_array().unwrap() {
            let g = &s["groups"][l["level"].as_str().unwrap()];
            assert_eq!(g["n_pairs"], l["n"], "{case}");
            check(
                case,
                "group's mean change",
                &g["diff"]["mean"],
                &l["mean"],
                CLOSED,
            );
        }
    }
}

#[test]
fn the_groups_at_the_pre_test_match_r_with_two_groups() {
    let r = &reference()["anorexia2"]["baseline"];
    let v = run("anorexia2.csv", "group", &["--treatment", "CBT"]);
    let b = &v["scales"][0]["baseline"];
    check_levels("anorexia2", &b["levels"], &r["levels"]);
    for part in ["student", "welch"] {
        for f in ["t", "df", "p"] {
            check("anorexia2", part, &b[part][f], &r[part][f], CLOSED);
        }
    }
    check(
        "anorexia2",
        "W",
        &b["mann_whitney"]["w"],
        &r["mann_whitney"]["w"],
        CLOSED,
    );
    check(
        "anorexia2",
        "W p",
        &b["mann_whitney"]["p"],
        &r["mann_whitney"]["p"],
        CLOSED,
    );
    check(
        "anorexia2",
        "levene",
        &b["levene"]["f"],
        &r["levene"]["f"],
        CLOSED,
    );
    assert!(b.get("anova").is_none());
    // the two-group analyses are as before
    assert_eq!(v["scales"][0]["between_groups"]["treatment"], "CBT");
    assert!(v["scales"][0].get("k_groups").is_none());
}

#[test]
fn three_groups_in_the_readable_report() {
    for (lang, words) in [
        (
            "en",
            [
                "The groups at the pre-test",
                "One-way ANOVA of the change scores",
                "ANCOVA: post ~ pre + group, adjusted means",
            ],
        ),
        (
            "zh",
            [
                "前测时的组间比较",
                "变化分数的单因素方差分析",
                "协方差分析：后测 ~ 前测 + 组别，调整后均值",
            ],
        ),
    ] {
        let out = stdout_of(prepost(&data()).args([
            "compare",
            "--data",
            "anorexia.csv",
            "--pair",
            "score=pre:post",
            "--id",
            "id",
            "--group",
            "group",
            "--format",
            "markdown",
            "--lang",
            lang,
        ]));
        for w in words {
            assert!(out.contains(w), "{lang}: no {w:?} in\n{out}");
        }
    }
}

#[test]
fn two_labels_need_a_treatment_and_one_label_is_too_few() {
    let dir = dir_with(&[
        (
            "two.csv",
            "id,g,pre,post\n1,a,1,2\n2,b,2,4\n3,a,3,3\n4,b,4,7\n",
        ),
        ("one.csv", "id,g,pre,post\n1,a,1,2\n2,a,2,4\n"),
    ]);
    let run = |file: &str| {
        let mut c = prepost(dir.path());
        c.args([
            "compare",
            "--data",
            file,
            "--pair",
            "s=pre:post",
            "--id",
            "id",
            "--group",
            "g",
        ]);
        c
    };
    run("two.csv")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the group column \"g\" has two labels (a, b); say which is the treatment",
        ));
    run("one.csv")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "has 1 label (a); a comparison of groups needs at least two",
        ));
}

/// Three groups over three waves: the mixed ANOVA (treatment × time) = afex::aov_ez on
/// carData::OBrienKaiser (scripts/reference/compare_k_groups_mixed.R), F, df, p, the
/// Greenhouse–Geisser ε and p, η²_G and η²_p; no per-wave ANCOVA of two groups.
#[test]
fn the_mixed_anova_of_three_groups_matches_afex() {
    let dir = repo().join("tests/data/compare_k_groups");
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("mixed.json")).expect("the afex reference"),
    )
    .unwrap();
    let v = json_of(prepost(&dir).args([
        "compare",
        "--data",
        "obrien_kaiser.csv",
        "--series",
        "s=pre,post,fup",
        "--id",
        "id",
        "--group",
        "treatment",
        "--format",
        "json",
    ]));
    let mixed = &v["scales"][0]["mixed"];
    for term in ["group", "time", "interaction"] {
        let (got, r) = (&mixed[term], &want[term]);
        for (field, reference) in [
            ("f", "f"),
            ("df1", "df1"),
            ("df2", "df2"),
            ("p_value", "p"),
            ("eta_sq_g", "eta_sq_g"),
            ("eta_sq_p", "eta_sq_p"),
            ("gg_epsilon", "gg_epsilon"),
            ("p_gg", "p_gg"),
        ] {
            match num(&r[reference]) {
                Some(x) => assert!(close(&got[field], x, 1e-10), "{term}.{field}: {got}"),
                None => assert!(got[field].is_null(), "{term}.{field}: {got}"),
            }
        }
    }
    assert_eq!(mixed["ancova"], serde_json::json!([]));
}

/// `--out-dir` writes the groups at the pre-test and the k groups' change as CSV tables too,
/// with the numbers of the JSON.
#[test]
fn the_group_comparisons_are_csv_tables_too() {
    let data = repo().join("tests/data/compare_k_groups/anorexia.csv");
    let dir = dir_with(&[]);
    let out = dir.path().join("out");
    prepost(dir.path())
        .args(["compare", "--data"])
        .arg(&data)
        .args([
            "--pair",
            "weight=pre:post",
            "--id",
            "id",
            "--group",
            "group",
        ])
        .args(["--out-dir"])
        .arg(&out)
        .assert()
        .success();
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    for (file, json) in [
        ("baseline.csv", &v["scales"][0]["baseline"]),
        ("k_groups.csv", &v["scales"][0]["k_groups"]["change"]),
    ] {
        let mut reader = csv::Reader::from_path(out.join(file)).unwrap();
        let headers = reader.headers().unwrap().clone();
        let row = reader.records().next().unwrap().unwrap();
        let at = |name: &str| row[headers.iter().position(|h| h == name).unwrap()].to_string();
        assert_eq!(at("score"), "weight");
        let f: f64 = at("anova_f").parse().unwrap();
        assert!(
            close(&json["anova"]["f"], f, 1e-15),
            "{file}: {f} vs {}",
            json["anova"]
        );
    }
}
