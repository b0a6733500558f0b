//! `prepost compare` on good input: the example study, every layout and every format.

use crate::common::*;
use predicates::prelude::*;

fn example_args() -> Vec<String> {
    let ex = repo().join("data/example");
    vec![
        "compare".into(),
        "--pre".into(),
        ex.join("pre.csv").display().to_string(),
        "--post".into(),
        ex.join("post.csv").display().to_string(),
    ]
}

#[test]
fn example_study_prints_readable_tables() {
    let dir = tempfile::tempdir().unwrap();
    prepost(dir.path())
        .args(example_args())
        .assert()
        .success()
        .stdout(predicate::str::contains("Paired t-test"))
        .stdout(predicate::str::contains("Wilcoxon signed-rank test"))
        .stdout(predicate::str::contains("12 participants at pre, 11 at post, 11 matched; only at pre: C12; missing emotion: C05."))
        // R: t.test(post$total, pre$total, paired = TRUE) on the 11 matched children: t = 4.7323533
        .stdout(predicate::str::contains("4.73"));
}

#[test]
fn example_study_json_has_the_documented_shape_and_r_values() {
    let dir = tempfile::tempdir().unwrap();
    let v = json_of(
        prepost(dir.path())
            .args(example_args())
            .args(["--format", "json"]),
    );
    assert_eq!(v["prepost_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["options"]["difference"], "post - pre");
    assert_eq!(v["options"]["p_adjust"], "holm");
    assert_eq!(v["attrition"]["only_in_pre"], serde_json::json!(["C12"]));
    assert_eq!(
        v["attrition"]["missing_by_scale"]["emotion"],
        serde_json::json!(["C05"])
    );
    let scales = v["scales"].as_array().unwrap();
    let names: Vec<&str> = scales
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
    let total = &scales[4];
    assert_eq!(total["n_pairs"], 11);
    for key in ["pre", "post", "diff"] {
        for f in ["n", "mean", "sd", "median"] {
            assert!(total[key][f].is_number(), "{key}.{f}");
        }
    }
    // R 4.2.2 on data/example (pre/post merged by id), print(..., digits = 17):
    //   t.test(post, pre, paired = TRUE): t = 4.7323533267166784, p = 8.0131982054793016e-04,
    //     CI [6.1094961415589513, 16.981412949350137]
    //   coin::wilcoxsign_test(post ~ pre, distribution = "exact"): p = 0.001953125
    //   effectsize::cohens_d(post, pre, paired = TRUE)$CI_low = 0.55634176648808131
    //   shapiro.test(post - pre)$p.value = 0.78908410483671032
    assert!(close(&total["t_test"]["t"], 4.7323533267166784, 1e-10));
    assert!(close(
        &total["t_test"]["p_value"],
        8.0131982054793016e-04,
        1e-10
    ));
    assert!(close(&total["t_test"]["ci_low"], 6.1094961415589513, 1e-10));
    assert!(close(
        &total["t_test"]["ci_high"],
        16.981412949350137,
        1e-10
    ));
    assert!(close(&total["wilcoxon"]["p_value"], 0.001953125, 1e-12));
    assert_eq!(total["wilcoxon"]["method"], "exact");
    assert!(close(
        &total["shapiro_wilk"]["p_value"],
        0.78908410483671032,
        1e-6
    ));
    assert!(close(
        &total["effect_sizes"]["d_z"]["ci_low"],
        0.55634176648808131,
        1e-6
    ));
    for key in [
        "d_z",
        "d_av",
        "d_rm",
        "g_z",
        "g_av",
        "rank_biserial",
        "cles",
    ] {
        assert!(total["effect_sizes"][key]["value"].is_number(), "{key}");
    }
    for key in [
        "v",
        "p_value",
        "method",
        "z",
        "pseudomedian",
        "ci_low",
        "ci_high",
        "zero_method",
    ] {
        assert!(!total["wilcoxon"][key].is_null(), "wilcoxon.{key}");
    }
    assert!(
        total["p_adjusted"]["t_test"].as_f64().unwrap()
            >= total["t_test"]["p_value"].as_f64().unwrap()
    );
    // No NaN or Infinity can hide in the text.
    let text = serde_json::to_string(&v).unwrap();
    assert!(!text.contains("NaN") && !text.contains("Infinity"));
}

#[test]
fn csv_and_tsv_write_the_results_table_at_full_precision() {
    let dir = tempfile::tempdir().unwrap();
    let out = prepost(dir.path())
        .args(example_args())
        .args(["--format", "csv"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("scale,n_pairs,n_missing,pre_mean"));
    assert!(header.contains("wilcoxon_p_adjusted") && header.contains("shapiro_p"));
    assert!(header.ends_with("min_d_z,bf10,equivalence_low,equivalence_high,equivalence_p"));
    assert_eq!(lines.count(), 5);
    // Full precision: R's t for total is 4.7323533267166784, printed with more than 2 decimals.
    assert!(text.contains("4.73235332671"), "{text}");
    let out = prepost(dir.path())
        .args(example_args())
        .args(["--format", "tsv"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("scale\tn_pairs\t"));
}

#[test]
fn markdown_has_tables_and_digits_apply() {
    let dir = tempfile::tempdir().unwrap();
    prepost(dir.path())
        .args(example_args())
        .args(["--format", "markdown", "--digits", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("### Paired t-test"))
        .stdout(predicate::str::contains("| :--- |"))
        .stdout(predicate::str::contains("4.732"));
}

#[test]
fn output_file_and_out_dir_are_written_completely() {
    let dir = tempfile::tempdir().unwrap();
    prepost(dir.path())
        .args(example_args())
        .args(["--format", "json", "-o", "r.json", "--out-dir", "results"])
        .assert()
        .success()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("wrote"))
        .stderr(predicate::str::contains("files to results"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(v["scales"].as_array().unwrap().len(), 5);
    for f in [
        "results.csv",
        "descriptives.csv",
        "tests.csv",
        "effect_sizes.csv",
        "attrition.csv",
        "change.csv",
        "results.json",
        "results.md",
        "results.html",
        "results.tex",
        "effect_sizes_forest.svg",
    ] {
        let p = dir.path().join("results").join(f);
        assert!(p.metadata().unwrap().len() > 0, "{f}");
    }
    let attrition = std::fs::read_to_string(dir.path().join("results/attrition.csv")).unwrap();
    assert_eq!(
        attrition,
        "id,status,scale\nC12,only in pre,\nC05,missing value,emotion\n"
    );
    let desc = std::fs::read_to_string(dir.path().join("results/descriptives.csv")).unwrap();
    assert_eq!(desc.lines().count(), 1 + 5 * 3);
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("results"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".prepost-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn options_reach_the_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let v = json_of(prepost(dir.path()).args(example_args()).args([
        "--format",
        "json",
        "--scores",
        "total",
        "--alternative",
        "greater",
        "--conf-level",
        "0.9",
        "--wilcoxon-method",
        "normal",
        "--no-continuity",
        "--zero-method",
        "pratt",
        "--p-adjust",
        "bonferroni",
    ]));
    let o = &v["options"];
    assert_eq!(o["alternative"], "greater");
    assert_eq!(o["conf_level"], 0.9);
    assert_eq!(o["wilcoxon_method"], "normal");
    assert_eq!(o["continuity_correction"], false);
    assert_eq!(o["zero_method"], "pratt");
    assert_eq!(o["p_adjust"], "bonferroni");
    let s = &v["scales"][0];
    assert_eq!(v["scales"].as_array().unwrap().len(), 1);
    assert_eq!(s["wilcoxon"]["method"], "normal");
    assert!(
        s["t_test"]["ci_high"].is_null(),
        "one-sided interval is open above"
    );
    assert!(s["effect_sizes"]["d_z"]["ci_high"].is_null());
    // R: t.test(post, pre, paired = TRUE, alternative = "greater")$p.value = 0.00040065991027396508
    assert!(close(
        &s["t_test"]["p_value"],
        0.00040065991027396508,
        1e-10
    ));
}

#[test]
fn wide_layout_pairs_columns_of_one_file() {
    let dir = dir_with(&[(
        "wide.csv",
        "child,total_pre,total_post,anx1,anx2\na,10,12,5,4\nb,11,15,6,6\nc,9,9,7,5\nd,12,16,4,3\ne,8,11,,2\n",
    )]);
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--data",
        "wide.csv",
        "--id",
        "child",
        "--pair",
        "total_pre:total_post",
        "--pair",
        "anxiety=anx1:anx2",
        "--format",
        "json",
    ]));
    assert_eq!(v["options"]["layout"], "wide");
    assert_eq!(v["scales"][0]["scale"], "total");
    assert_eq!(v["scales"][1]["scale"], "anxiety");
    assert_eq!(v["scales"][1]["n_pairs"], 4);
    assert_eq!(
        v["attrition"]["missing_by_scale"]["anxiety"],
        serde_json::json!(["e"])
    );
    // R: t.test(c(12,15,9,16,11), c(10,11,9,12,8), paired = TRUE)$statistic = 3.4743961448615175
    assert!(close(
        &v["scales"][0]["t_test"]["t"],
        3.4743961448615175,
        1e-12
    ));
}

#[test]
fn long_layout_splits_by_time_label() {
    let dir = dir_with(&[(
        "long.csv",
        "id,wave,score\n1,T1,10\n1,T2,12\n2,T1,11\n2,T2,15\n3,T1,9\n3,T2,9\n4,T1,12\n4,T2,16\n5,T1,8\n5,T2,11\n5,T3,13\n6,T1,7\n",
    )]);
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--data",
        "long.csv",
        "--time",
        "wave",
        "--pre-label",
        "T1",
        "--post-label",
        "T2",
        "--format",
        "json",
    ]));
    assert_eq!(v["options"]["layout"], "long");
    assert_eq!(v["attrition"]["only_in_pre"], serde_json::json!(["6"]));
    assert_eq!(v["scales"][0]["n_pairs"], 5);
    assert!(v["notes"][0].as_str().unwrap().contains("\"T3\""));
    assert!(close(
        &v["scales"][0]["t_test"]["t"],
        3.4743961448615175,
        1e-12
    ));
}

#[test]
fn a_scale_with_fewer_than_two_pairs_is_reported_and_the_rest_kept() {
    let dir = dir_with(&[
        ("pre.csv", "id,a,b\n1,1,5\n2,2,\n3,3,\n"),
        ("post.csv", "id,a,b\n1,2,6\n2,4,\n3,5,7\n"),
    ]);
    let v = json_of(prepost(dir.path()).args([
        "compare", "--pre", "pre.csv", "--post", "post.csv", "--format", "json",
    ]));
    let b = &v["scales"][1];
    assert_eq!(b["scale"], "b");
    assert_eq!(b["n_pairs"], 1);
    assert!(b["t_test"].is_null());
    assert!(b["notes"]["t_test"]
        .as_str()
        .unwrap()
        .contains("at least 2"));
    assert!(v["scales"][0]["t_test"]["t"].is_number());
    prepost(dir.path())
        .args(["compare", "--pre", "pre.csv", "--post", "post.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "not computed: needs at least 2 observations, has 1",
        ));
}

#[test]
fn help_documents_exit_codes_and_examples() {
    let dir = tempfile::tempdir().unwrap();
    prepost(dir.path())
        .args(["compare", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes:"))
        .stdout(predicate::str::contains(
            "prepost compare --pre data/example/pre.csv",
        ));
    prepost(dir.path()).arg("--version").assert().success();
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = tempfile::tempdir().unwrap();
    prepost(dir.path())
        .args(["compare", "--pre", "a.csv"])
        .assert()
        .code(2);
    prepost(dir.path())
        .args([
            "compare",
            "--pre",
            "a.csv",
            "--post",
            "b.csv",
            "--conf-level",
            "95",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("between 0 and 1"));
    prepost(dir.path())
        .args([
            "compare", "--pre", "a.csv", "--post", "b.csv", "--format", "xml",
        ])
        .assert()
        .code(2);
}
