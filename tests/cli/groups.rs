//! Reliable change per participant, and comparison-group designs.

use crate::common::*;
use predicates::prelude::*;

/// Five children, pre SD = √10, so with r_xx = 0.5: S_diff = √2·√10·√0.5 = √10 = 3.1623 and a
/// change is reliable beyond 1.96·√10 = 6.198 (hand-checked): a +7 (RCI 2.214), b +6 (1.897),
/// c −7 (−2.214), d 0, e +6.2 (1.9606, just above the critical value 1.95996).
const WIDE: &str = "id,pre,post\na,10,17\nb,12,18\nc,14,7\nd,16,16\ne,18,24.2\n";

#[test]
fn reliable_change_at_the_boundary_by_hand() {
    let dir = dir_with(&[("w.csv", WIDE)]);
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--data",
        "w.csv",
        "--pair",
        "score=pre:post",
        "--reliability",
        "score=0.5",
        "--cutoff",
        "score=20",
        "--format",
        "json",
    ]));
    let rci = &v["scales"][0]["rci"];
    assert!(close(&rci["s_diff"], 10f64.sqrt(), 1e-12));
    assert_eq!(rci["reliability_source"], "given");
    assert_eq!(rci["counts"]["reliably_improved"], 2);
    assert_eq!(rci["counts"]["no_reliable_change"], 2);
    assert_eq!(rci["counts"]["reliably_deteriorated"], 1);
    assert!(close(&rci["percent"]["reliably_improved"], 40.0, 1e-12));
    assert_eq!(rci["clinical_counts"]["recovered"], 1);
    assert_eq!(rci["clinical_counts"]["improved"], 1);
    let rows = v["change"].as_array().unwrap();
    let classes: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["rci_class"].as_str().unwrap(),
                r["clinical_class"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        classes,
        [
            ("a", "reliably_improved", "improved"),
            ("b", "no_reliable_change", "unchanged"),
            ("c", "reliably_deteriorated", "deteriorated"),
            ("d", "no_reliable_change", "unchanged"),
            ("e", "reliably_improved", "recovered"),
        ]
    );
    assert!(close(&rows[4]["rci"], 6.2 / 10f64.sqrt(), 1e-12));
    // A stricter confidence level raises the critical value (qnorm(0.995) = 2.5758): e is no
    // longer a reliable change.
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--data",
        "w.csv",
        "--pair",
        "score=pre:post",
        "--reliability",
        "score=0.5",
        "--conf-level",
        "0.99",
        "--format",
        "json",
    ]));
    assert_eq!(v["scales"][0]["rci"]["counts"]["reliably_improved"], 0);
}

#[test]
fn lower_is_better_flips_improvement_and_norms_give_the_cutoff() {
    let dir = dir_with(&[("w.csv", WIDE)]);
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--data",
        "w.csv",
        "--pair",
        "anxiety=pre:post",
        "--reliability",
        "anxiety=0.5",
        "--lower-is-better",
        "anxiety",
        "--norm",
        "anxiety=8,2",
        "--format",
        "json",
    ]));
    let rci = &v["scales"][0]["rci"];
    assert_eq!(rci["higher_is_better"], false);
    assert_eq!(rci["counts"]["reliably_improved"], 1); // c went down by 7
    assert_eq!(rci["counts"]["reliably_deteriorated"], 2);
    // criterion c: (SD_d*M_f + SD_f*M_d)/(SD_d + SD_f) = (sqrt(10)*8 + 2*14)/(sqrt(10) + 2)
    let want = (10f64.sqrt() * 8.0 + 2.0 * 14.0) / (10f64.sqrt() + 2.0);
    assert!(close(&rci["cutoff"], want, 1e-12));
    assert_eq!(rci["cutoff_source"], "c");
    // criterion a needs no norms: 2 SD beyond the pre-test mean, towards functioning (down here)
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--data",
        "w.csv",
        "--pair",
        "anxiety=pre:post",
        "--reliability",
        "anxiety=0.5",
        "--lower-is-better",
        "anxiety",
        "--criterion",
        "a",
        "--format",
        "json",
    ]));
    assert!(close(
        &v["scales"][0]["rci"]["cutoff"],
        14.0 - 2.0 * 10f64.sqrt(),
        1e-12
    ));
}

#[test]
fn without_a_reliability_the_rci_says_why() {
    let dir = dir_with(&[("w.csv", WIDE)]);
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--data",
        "w.csv",
        "--pair",
        "s=pre:post",
        "--format",
        "json",
    ]));
    let s = &v["scales"][0];
    assert!(s["rci"]["s_diff"].is_null());
    assert!(s["notes"]["rci"]
        .as_str()
        .unwrap()
        .contains("--reliability"));
    assert!(v["change"][0]["rci"].is_null());
    assert_eq!(v["change"][0]["change"], 7.0);
}

#[test]
fn item_level_rci_uses_the_pre_test_alpha_and_change_csv_is_written() {
    let ex = repo().join("data/example");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    prepost(&ex)
        .args([
            "compare",
            "--scale",
            "../scales/children_self_confidence.toml",
            "--pre",
            "pre_items.csv",
            "--post",
            "post_items.csv",
            "--out-dir",
        ])
        .arg(&out)
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    let total = &v["scales"][4];
    assert_eq!(total["rci"]["reliability_source"], "data");
    assert_eq!(
        total["rci"]["reliability"],
        total["reliability"]["pre"]["alpha"]
    );
    let change = std::fs::read_to_string(out.join("change.csv")).unwrap();
    assert!(change.starts_with("id,scale,pre,post,change,rci,rci_class,clinical_class\n"));
    // 11 matched children x 5 scales, minus C05's missing emotion score
    assert_eq!(change.lines().count(), 1 + 11 * 5 - 1);
}

#[test]
fn comparison_group_matches_r() {
    // R 4.2.2 on data/example/groups_{pre,post}.csv, total, program vs comparison (change = post - pre):
    //   t.test(ch[t], ch[!t]): t = 3.801279581688815, df = 18.890651832030983, p = 0.0012165805104286751,
    //     CI [5.5452548106077897, 19.145654280301304]
    //   effectsize::hedges_g(ch[t], ch[!t]): 1.58038319608322 [0.603542089, 2.526831213]
    //   coin::wilcox_test(ch ~ group, distribution = "exact"): p = 0.0010234863176039645 (W = 99)
    //   lm(post ~ pre + grp): 12.675829603731609, SE 3.2920414948469641, p = 0.0011719463427153579,
    //     confint [5.7595070698195681, 19.592152137643652]; pre:grp interaction p = 0.67423329253548103
    //   partial eta^2 = t^2/(t^2 + 18) (effectsize::eta_squared(fit, partial = TRUE) for grp: 0.45)
    let ex = repo().join("data/example");
    let v = json_of(prepost(&ex).args([
        "compare",
        "--pre",
        "groups_pre.csv",
        "--post",
        "groups_post.csv",
        "--group",
        "group",
        "--treatment",
        "program",
        "--scores",
        "total",
        "--format",
        "json",
    ]));
    assert_eq!(v["options"]["treatment"], "program");
    assert_eq!(v["options"]["comparison"], "comparison");
    let s = &v["scales"][0];
    let b = &s["between_groups"];
    assert_eq!(
        (b["n_treatment"].as_u64(), b["n_comparison"].as_u64()),
        (Some(11), Some(10))
    );
    assert!(close(&b["welch"]["t"], 3.801279581688815, 1e-10));
    assert!(close(&b["welch"]["df"], 18.890651832030983, 1e-10));
    assert!(close(&b["welch"]["p_value"], 0.0012165805104286751, 1e-10));
    assert!(close(&b["welch"]["ci_low"], 5.5452548106077897, 1e-10));
    assert!(close(&b["hedges_g"]["value"], 1.58038319608322, 1e-10));
    assert!(close(&b["hedges_g"]["ci_low"], 0.603542089, 1e-6));
    assert_eq!(b["mann_whitney"]["u"], 99.0);
    assert_eq!(b["mann_whitney"]["method"], "exact");
    assert!(close(
        &b["mann_whitney"]["p_value"],
        0.0010234863176039645,
        1e-10
    ));
    let a = &b["ancova"];
    assert!(close(&a["diff"], 12.675829603731609, 1e-10));
    assert!(close(&a["se"], 3.2920414948469641, 1e-10));
    assert!(close(&a["p_value"], 0.0011719463427153579, 1e-10));
    assert!(close(&a["ci_low"], 5.7595070698195681, 1e-10));
    assert!(close(&a["ci_high"], 19.592152137643652, 1e-10));
    assert!(close(&a["interaction_p"], 0.67423329253548103, 1e-10));
    let t = a["t"].as_f64().unwrap();
    assert!(close(&a["partial_eta_sq"], t * t / (t * t + 18.0), 1e-12));
    // within-group analyses
    assert_eq!(s["groups"]["program"]["n_pairs"], 11);
    assert_eq!(s["groups"]["comparison"]["n_pairs"], 10);
    assert!(s["groups"]["comparison"]["t_test"]["t"].is_number());
    assert_eq!(v["change"][0]["group"], "program");
}

#[test]
fn comparison_group_report_and_tables() {
    let ex = repo().join("data/example");
    let dir = tempfile::tempdir().unwrap();
    prepost(&ex)
        .args(example_items_compare(true))
        .arg("--out-dir")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Descriptives by group (program = treatment, comparison = comparison)",
        ))
        .stdout(predicate::str::contains("ANCOVA: post ~ pre + group"))
        .stdout(predicate::str::contains(
            "Reliable change (Jacobson & Truax; |RCI| > 1.96)",
        ));
    let between = std::fs::read_to_string(dir.path().join("between_groups.csv")).unwrap();
    assert!(between.starts_with("scale,test,statistic,df,p_value,estimate,ci_low,ci_high,method\n"));
    assert_eq!(
        between
            .lines()
            .filter(|l| l.contains("ancova group"))
            .count(),
        5
    );
}

#[test]
fn group_problems_are_clear_errors() {
    let dir = dir_with(&[
        ("pre.csv", "id,g,s\n1,a,1\n2,b,2\n3,c,3\n4,a,4\n"),
        ("post.csv", "id,g,s\n1,a,2\n2,b,2\n3,c,5\n4,a,4\n"),
        ("pre2.csv", "id,g,s\n1,a,1\n2,,2\n"),
        ("post2.csv", "id,g,s\n1,a,2\n2,b,2\n"),
        ("post3.csv", "id,g,s\n1,b,2\n2,b,2\n"),
        ("pre3.csv", "id,g,s\n1,a,1\n2,b,2\n"),
    ]);
    let run = |pre: &str, post: &str, extra: &[&str]| {
        let mut c = prepost(dir.path());
        c.args(["compare", "--pre", pre, "--post", post, "--group", "g"])
            .args(extra);
        c
    };
    // three labels are compared as they are (tests/cli/k_groups.rs); --treatment is the
    // reference
    let v = json_of(&mut run(
        "pre.csv",
        "post.csv",
        &["--treatment", "b", "--format", "json"],
    ));
    assert_eq!(
        v["options"]["group_levels"],
        serde_json::json!(["b", "a", "c"])
    );
    run("pre.csv", "post.csv", &["--treatment", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--treatment \"x\" is not a label of the group column \"g\"; its labels are: a, b, c",
        ));
    run("pre2.csv", "post2.csv", &["--treatment", "a"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "pre2.csv, row 3, id \"2\", column \"g\": the group is missing",
        ));
    run("pre3.csv", "post3.csv", &["--treatment", "a"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("post3.csv, row 2, id \"1\", column \"g\": the group is \"b\" here but \"a\" in the other file"));
    // a participant first measured at wave 2, in files without the group column: not counted
    // in the comparison group by default
    let waves = dir_with(&[
        ("w1.csv", "id,g,s\n1,a,1\n2,b,2\n3,a,2\n"),
        ("w2.csv", "id,s\n1,2\n2,2\n3,3\n4,1\n"),
        ("w3.csv", "id,s\n1,3\n2,2\n3,3\n4,2\n"),
    ]);
    let wave_run = || {
        let mut c = prepost(waves.path());
        c.args([
            "compare",
            "--wave",
            "w1=w1.csv",
            "--wave",
            "w2=w2.csv",
            "--wave",
            "w3=w3.csv",
            "--group",
            "g",
            "--treatment",
            "a",
        ]);
        c
    };
    wave_run()
        .args(["--pre-label", "w2", "--post-label", "w3"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "w2.csv, row 5, id \"4\", column \"g\": the group is missing",
        ));
    // waves 1 and 3: participant 4 is not compared, so its missing label does not matter
    wave_run()
        .args(["--pre-label", "w1", "--post-label", "w3"])
        .assert()
        .success();
    prepost(dir.path())
        .args([
            "compare",
            "--pre",
            "pre3.csv",
            "--post",
            "post2.csv",
            "--reliability",
            "total=0.8",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--reliability names the scale \"total\", which is not compared; the scales are: s",
        ));
}

/// One child, one pre- and one post-test: no test applies, and the child is judged against the
/// norm group (Jacobson & Truax 1991): S_diff = √2 · 10 · √(1 − .8) = 6.3246, RCI = 15/6.3246
/// = 2.3717 > 1.96; criterion b: 50 − 2 · 10 = 30, already passed at pre: improved.
#[test]
fn one_child_is_judged_against_the_norms() {
    let dir = dir_with(&[
        ("pre.csv", "id,total\nC1,40\n"),
        ("post.csv", "id,total\nC1,55\n"),
    ]);
    let run = |extra: &[&str]| {
        json_of(
            prepost(dir.path())
                .args([
                    "compare",
                    "--pre",
                    "pre.csv",
                    "--post",
                    "post.csv",
                    "--reliability",
                    "total=0.8",
                    "--norm",
                    "total=50,10",
                    "--format",
                    "json",
                ])
                .args(extra),
        )
    };
    let v = run(&["--criterion", "b"]);
    let s = &v["scales"][0];
    assert!(s["t_test"].is_null() && s["notes"]["t_test"].is_string());
    assert_eq!(s["rci"]["sd_source"], "norm");
    assert!(close(
        &s["rci"]["s_diff"],
        2f64.sqrt() * 10.0 * 0.2f64.sqrt(),
        1e-12
    ));
    let row = v["change"][0].clone();
    assert!(close(
        &row["rci"],
        15.0 / (2f64.sqrt() * 10.0 * 0.2f64.sqrt()),
        1e-12
    ));
    assert_eq!(row["rci_class"], "reliably_improved");
    assert_eq!(row["clinical_class"], "improved");
    assert_eq!(s["rci"]["cutoff"], 30.0);
    // criterion c needs the sample's own SD: said, not guessed
    let v = run(&[]);
    assert!(v["scales"][0]["rci"]["cutoff"].is_null());
    assert!(v["scales"][0]["notes"]["rci"]
        .as_str()
        .unwrap()
        .contains("criterion c needs the pre-test SD"));
    // the sentence speaks of the child
    let text = String::from_utf8(
        prepost(dir.path())
            .args([
                "compare",
                "--pre",
                "pre.csv",
                "--post",
                "post.csv",
                "--reliability",
                "total=0.8",
                "--norm",
                "total=50,10",
                "--criterion",
                "b",
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(
        text.contains("The change of 15.00 points is a reliable improvement: RCI = 2.37, S_diff = 6.32 (from the norm group's SD)"),
        "{text}"
    );
}
