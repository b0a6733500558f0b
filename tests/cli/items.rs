//! Item-level input: `prepost reliability` and `prepost compare --scale`, against R.

use crate::common::*;
use predicates::prelude::*;
use serde_json::Value;

fn reference(case: &str) -> Value {
    let text = std::fs::read_to_string(
        repo()
            .join("tests/data/reference")
            .join(case)
            .join("reference.json"),
    )
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn reliability_matches_psych_alpha() {
    // R: psych::alpha(keyed items, check.keys = FALSE) (psych 2.2.9; reference.R,
    // cronbach_alpha.<wave>): pairwise = psych's default, listwise = on the complete cases.
    for case in ["likert_items_n12_k5", "likert_items_n15_k9"] {
        let r = reference(case);
        let dir = repo().join("tests/data/reference").join(case);
        let spec = repo().join("tests/data/specs").join(format!("{case}.toml"));
        for wave in ["pre", "post"] {
            let want = &r["cronbach_alpha"][wave];
            let args = |m: &str| {
                vec![
                    "reliability".to_string(),
                    "--scale".into(),
                    spec.display().to_string(),
                    format!("{wave}_items.csv"),
                    "--alpha-missing".into(),
                    m.into(),
                    "--format".into(),
                    "json".into(),
                ]
            };
            let v = json_of(prepost(&dir).args(args("pairwise")));
            let s = &v["scales"][0];
            let p = &want["psych_alpha"];
            assert!(
                close(&s["alpha"], p["raw_alpha"].as_f64().unwrap(), 1e-10),
                "{case} {wave}"
            );
            assert!(
                close(&s["alpha_std"], p["std_alpha"].as_f64().unwrap(), 1e-10),
                "{case} {wave}"
            );
            assert!(
                close(&s["ci_low"], p["feldt_ci"][0].as_f64().unwrap(), 1e-10),
                "{case} {wave}"
            );
            for (i, (_, drop)) in p["alpha_if_item_dropped"]
                .as_object()
                .unwrap()
                .iter()
                .enumerate()
            {
                assert!(
                    close(
                        &s["items"][i]["alpha_if_deleted"],
                        drop.as_f64().unwrap(),
                        1e-10
                    ),
                    "{case} {wave} item {i}"
                );
                assert!(s["items"][i]["r_drop"].is_number());
            }
            let v = json_of(prepost(&dir).args(args("listwise")));
            let s = &v["scales"][0];
            let l = &want["psych_alpha_listwise"];
            assert!(
                close(&s["alpha"], l["raw_alpha"].as_f64().unwrap(), 1e-10),
                "{case} {wave}"
            );
            assert!(
                close(&s["alpha_std"], l["std_alpha"].as_f64().unwrap(), 1e-10),
                "{case} {wave}"
            );
            assert_eq!(s["n"], want["n_complete_rows"], "{case} {wave}");
        }
    }
}

#[test]
fn reliability_terminal_and_csv_formats() {
    let ex = repo().join("data/example");
    prepost(&ex)
        .args([
            "reliability",
            "--scale",
            "../scales/children_self_confidence.toml",
            "pre_items.csv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Cronbach's alpha"))
        .stdout(predicate::str::contains("q3 (R)"));
    let out = prepost(&ex)
        .args([
            "reliability",
            "--scale",
            "../scales/children_self_confidence.toml",
            "pre_items.csv",
            "--format",
            "csv",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with(
        "scale,alpha,alpha_std,ci_low,ci_high,n,k,item,reversed,r_drop,alpha_if_deleted,omega,omega_if_deleted,cr_t,cr_df,cr_p,cr_mean_high,cr_mean_low,flags,note\n"
    ));
    assert_eq!(text.lines().count(), 1 + 20 + 20); // four subscales of 5 items, then the total's 20
}

#[test]
fn item_level_compare_scores_then_compares_like_r() {
    // The totals of the item files are the prorated sums R used for data.csv (reference.R,
    // totals_prorated), so compare --scale must give R's t-test and Wilcoxon V on them.
    for case in ["likert_items_n12_k5", "likert_items_n15_k9"] {
        let r = reference(case);
        let dir = repo().join("tests/data/reference").join(case);
        let spec = repo().join("tests/data/specs").join(format!("{case}.toml"));
        let v = json_of(prepost(&dir).args([
            "compare",
            "--scale",
            &spec.display().to_string(),
            "--pre",
            "pre_items.csv",
            "--post",
            "post_items.csv",
            "--format",
            "json",
        ]));
        let s = &v["scales"][0];
        assert_eq!(s["scale"], "total");
        let t = &r["t_test"]["two_sided"];
        assert!(
            close(&s["t_test"]["t"], t["t"].as_f64().unwrap(), 1e-10),
            "{case}"
        );
        assert!(
            close(
                &s["t_test"]["p_value"],
                t["p_value"].as_f64().unwrap(),
                1e-10
            ),
            "{case}"
        );
        assert!(close(
            &s["wilcoxon"]["v"],
            r["wilcoxon"]["default"]["two_sided"]["V"].as_f64().unwrap(),
            1e-12
        ));
        // reliability (listwise by default): psych::alpha on the complete cases
        let rel = &s["reliability"];
        let want = r["cronbach_alpha"]["pre"]["psych_alpha_listwise"]["raw_alpha"]
            .as_f64()
            .unwrap();
        assert!(close(&rel["pre"]["alpha"], want, 1e-10), "{case}");
        assert!(rel["post"]["alpha_std"].is_number());
        assert_eq!(v["options"]["scale"]["name"], case);
    }
}

#[test]
fn example_study_at_item_level() {
    let ex = repo().join("data/example");
    let v = json_of(prepost(&ex).args([
        "compare",
        "--scale",
        "../scales/children_self_confidence.toml",
        "--pre",
        "pre_items.csv",
        "--post",
        "post_items.csv",
        "--format",
        "json",
    ]));
    let names: Vec<&str> = v["scales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["scale"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "self_perception",
            "interpersonal",
            "emotion",
            "future",
            "total"
        ]
    );
    assert_eq!(
        v["attrition"]["missing_by_scale"]["emotion"],
        serde_json::json!(["C05"])
    );
    // The total is its own family: its adjusted p equals its p.
    let total = &v["scales"][4];
    assert_eq!(total["p_adjusted"]["t_test"], total["t_test"]["p_value"]);
    // Same numbers as the score-level compare on the scored files (t of the total: R gives
    // 4.7323533267166784, see compare.rs).
    assert!(close(&total["t_test"]["t"], 4.7323533267166784, 1e-10));
    assert!(v["notes"].as_array().unwrap().iter().any(|n| n
        .as_str()
        .unwrap()
        .contains("post: emotion missing for 1 respondent")));
    prepost(&ex)
        .args([
            "compare",
            "--scale",
            "../scales/children_self_confidence.toml",
            "--pre",
            "pre_items.csv",
            "--post",
            "post_items.csv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Reliability (Cronbach's alpha, 95% CI)",
        ))
        .stdout(predicate::str::contains(
            "p adjusted across the 4 subscales (holm); the total is tested on its own",
        ));
}

#[test]
fn item_level_compare_reports_bad_answers_by_file_row_id_and_item() {
    let dir = dir_with(&[
        (
            "spec.toml",
            "name = \"s\"\nmin = 1\nmax = 4\n[total]\nitems = [\"a\", \"b\"]\n",
        ),
        ("pre.csv", "id,a,b\n1,1,2\n2,3,4\n3,2,2\n"),
        ("post.csv", "id,a,b\n1,2,2\n2,5,4\n3,3,3\n"),
    ]);
    prepost(dir.path())
        .args(["compare", "--scale", "spec.toml", "--pre", "pre.csv", "--post", "post.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("post.csv, row 3, id \"2\", column \"a\": expected a whole number from 1 to 4, found \"5\""));
}
