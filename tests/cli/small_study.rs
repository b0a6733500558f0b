//! What a small study can say (`compare`): sensitivity, Bayes factors, equivalence, against R
//! (BayesFactor, pwr, t.test) on the bundled example (scripts/reference/small_study_example.R).

use crate::common::*;
use serde_json::Value;

fn example(extra: &[&str]) -> Value {
    json_of(
        prepost(&repo())
            .args(EXAMPLE_SCORES)
            .args(["--format", "json"])
            .args(extra),
    )
}

fn scale<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["scales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scale"] == name)
        .unwrap()
}

#[test]
fn every_scale_says_what_it_could_detect_and_how_strong_the_evidence_is() {
    let v = example(&[]);
    let total = scale(&v, "total");
    // uniroot(pwr.t.test(n = 11, type = "paired") - .8, tol = 1e-14)
    check(
        "total",
        "min_d_z",
        &total["sensitivity"]["min_d_z"],
        &0.937690663899771.into(),
        1e-10,
    );
    assert_eq!(total["sensitivity"]["power"], 0.8);
    assert_eq!(total["sensitivity"]["alpha"], 0.05);
    // exp(ttestBF(d)@bayesFactor$bf)
    check(
        "total",
        "bf10",
        &total["bayes"]["bf10"],
        &48.7898037875891.into(),
        1e-6,
    );
    assert!(close(&total["bayes"]["r_scale"], 0.5f64.sqrt(), 1e-15));
    assert_eq!(total["bayes"]["alternative"], "two-sided");
    // no equivalence unless asked: null, without a note
    assert!(total["equivalence"].is_null());
    assert!(total["notes"].get("equivalence").is_none());
    assert_eq!(v["options"]["power"], 0.8);
}

#[test]
fn the_prior_scale_and_a_one_sided_alternative_change_the_bayes_factor() {
    let v = example(&["--prior-scale", "wide"]);
    check(
        "wide",
        "bf10",
        &scale(&v, "total")["bayes"]["bf10"],
        &54.1669240148176.into(),
        1e-6,
    );
    let v = example(&["--prior-scale", "1"]);
    assert_eq!(scale(&v, "total")["bayes"]["r_scale"], 1.0);
    let v = example(&["--alternative", "greater"]);
    let b = &scale(&v, "total")["bayes"];
    assert_eq!(b["alternative"], "greater");
    // ttestBF(d, nullInterval = c(0, Inf))
    check(
        "greater",
        "bf10",
        &b["bf10"],
        &97.4892955750578.into(),
        1e-6,
    );
}

#[test]
fn equivalence_bounds_are_tested_with_two_one_sided_tests() {
    let v = example(&["--equivalence", "total=-2,2"]);
    let e = &scale(&v, "total")["equivalence"];
    for (key, want) in [
        ("p_value", 0.998549439931159),
        ("p_lower", 1.21688056070424e-04),
        ("p_upper", 0.998549439931159),
        ("ci_low", 7.12361913627473),
        ("ci_high", 15.9672899546344),
    ] {
        check("total ±2", key, &e[key], &want.into(), 1e-10);
    }
    assert_eq!(e["equivalent"], false);
    assert_eq!(e["bounds"], "given");
    // only the scale named
    assert!(scale(&v, "emotion")["equivalence"].is_null());

    // bounds that do not contain 0, around the change: equivalent
    let v = example(&["--equivalence", "total=5,18"]);
    let e = &scale(&v, "total")["equivalence"];
    check(
        "total 5..18",
        "p",
        &e["p_value"],
        &0.0122477113815903.into(),
        1e-10,
    );
    assert_eq!(e["equivalent"], true);

    // ±D·SD of the differences for every scale
    let v = example(&["--equivalence-dz", "0.3"]);
    for s in v["scales"].as_array().unwrap() {
        let e = &s["equivalence"];
        assert_eq!(e["bounds"], "d_z");
        assert_eq!(e["d_z_bound"], 0.3);
        let sd = s["diff"]["sd"].as_f64().unwrap();
        assert!(close(&e["high"], 0.3 * sd, 1e-12));
        assert!(close(&e["low"], -0.3 * sd, 1e-12));
    }
}

#[test]
fn a_comparison_group_gets_the_sensitivity_and_bayes_factor_of_the_difference_in_change() {
    let v = json_of(
        prepost(&repo())
            .args(EXAMPLE_GROUP_SCORES)
            .args(["--format", "json"]),
    );
    let b = &scale(&v, "total")["between_groups"];
    // ttestBF(d_treatment, d_comparison); pwr.t2n.test(n1 = 11, n2 = 10) solved exactly
    check(
        "between",
        "bf10",
        &b["bayes"]["bf10"],
        &24.4484696796025.into(),
        1e-6,
    );
    check(
        "between",
        "min_d",
        &b["sensitivity"]["min_d"],
        &1.29051411618357.into(),
        1e-10,
    );
    // the ANCOVA's, with the within-group r of R's cor(resid(lm(pre ~ group)),
    // resid(lm(post ~ group))) and uniroot (tol 1e-14) on its design-factor power
    // (scripts/reference/small_study_example.R)
    check(
        "between",
        "r_within",
        &b["sensitivity"]["r_within"],
        &0.87516529193414216.into(),
        1e-12,
    );
    check(
        "between",
        "min_d_ancova",
        &b["sensitivity"]["min_d_ancova"],
        &0.62630285974343414.into(),
        1e-10,
    );
    // and each group its own
    let program = &scale(&v, "total")["groups"]["program"];
    assert!(program["sensitivity"]["min_d_z"].as_f64().unwrap() > 0.9);
    assert!(program["bayes"]["bf10"].as_f64().unwrap() > 1.0);
}

#[test]
fn sentences_say_it_plainly_in_english_and_chinese() {
    let base = ["--scores", "total", "--equivalence", "total=-2,2"];
    let en = stdout_of(prepost(&repo()).args(EXAMPLE_SCORES).args(base));
    assert!(
        en.contains("With 11 participants, the study could detect only changes of d_z ≥ 0.94 with 80% power (α = .05, two-sided)."),
        "{en}"
    );
    assert!(en.contains(
        "The Bayes factor BF10 = 48.79 (JZS prior, r = 0.707) is very strong evidence for a change."
    ));
    assert!(en.contains("do not place the mean change within the equivalence bounds [-2.00, 2.00]"));
    assert!(en.contains("What the study can say"));
    let zh = stdout_of(
        prepost(&repo())
            .args(EXAMPLE_SCORES)
            .args(base)
            .args(["--lang", "zh"]),
    );
    assert!(
        zh.contains(
            "本研究共 11 名参与者，在 80% 的统计检验力下仅能检出 d_z ≥ 0.94 的变化（α = .05，双侧）。"
        ),
        "{zh}"
    );
    assert!(zh.contains("为支持存在变化的很强证据"));
    assert!(zh.contains("未能表明平均变化落在等效区间"));
}

#[test]
fn evidence_for_no_change_is_named_as_such() {
    // differences centred on 0: the data favour H0
    let pre = "id,s\n1,10\n2,12\n3,9\n4,14\n5,11\n6,13\n7,8\n8,12\n9,10\n10,15\n";
    let post =
        "id,s\n1,10.5\n2,11.7\n3,9.2\n4,14.1\n5,10.6\n6,13.6\n7,8\n8,11.8\n9,10.3\n10,15.1\n";
    let dir = dir_with(&[("pre.csv", pre), ("post.csv", post)]);
    let out =
        stdout_of(prepost(dir.path()).args(["compare", "--pre", "pre.csv", "--post", "post.csv"]));
    assert!(out.contains("evidence for no change"), "{out}");
    assert!(out.contains("BF01"), "{out}");
    assert!(out.contains("for H0"), "{out}");
}

#[test]
fn degenerate_data_say_why_nothing_was_computed() {
    // n = 2, and every difference the same
    let dir = dir_with(&[
        ("pre.csv", "id,a,b\n1,1,1\n2,3,2\n"),
        ("post.csv", "id,a,b\n1,2,2\n2,6,3\n"),
    ]);
    let v = json_of(prepost(dir.path()).args([
        "compare",
        "--pre",
        "pre.csv",
        "--post",
        "post.csv",
        "--equivalence-dz",
        "0.5",
        "--format",
        "json",
    ]));
    let a = scale(&v, "a");
    // two pairs: the sensitivity exists (a huge d_z), the Bayes factor too
    assert!(a["sensitivity"]["min_d_z"].as_f64().unwrap() > 3.0);
    assert!(a["bayes"]["bf10"].as_f64().is_some());
    assert!(a["equivalence"]["p_value"].as_f64().is_some());
    let b = scale(&v, "b");
    // (present and null, with a note each: asked for, not computable)
    assert!(b.get("bayes").is_some_and(Value::is_null));
    assert!(b.get("equivalence").is_some_and(Value::is_null));
    assert_eq!(
        b["notes"]["bayes"],
        "the paired t-test could not be computed"
    );
    assert_eq!(
        b["notes"]["equivalence"],
        "the paired t-test could not be computed"
    );
}

#[test]
fn bad_options_are_usage_errors() {
    let run = |extra: &[&str]| prepost(&repo()).args(EXAMPLE_SCORES).args(extra).assert();
    run(&["--power", "0.04"])
        .code(2)
        .stderr(predicates::str::contains("must be above --alpha"));
    run(&["--equivalence", "total=2,-2"])
        .code(2)
        .stderr(predicates::str::contains(
            "the lower bound must be below the upper",
        ));
    run(&["--equivalence", "total=a,2"])
        .code(2)
        .stderr(predicates::str::contains(
            "a finite number for the lower bound",
        ));
    run(&["--prior-scale", "huge"])
        .code(2)
        .stderr(predicates::str::contains("medium, wide, ultrawide"));
    run(&["--alpha", "0.6"]).code(2);
    run(&["--equivalence", "total=-1,1", "--equivalence", "total=-2,2"])
        .code(2)
        .stderr(predicates::str::contains("--equivalence"));
    run(&["--equivalence", "nosuch=-1,1"])
        .code(1)
        .stderr(predicates::str::contains(
            "--equivalence names the scale \"nosuch\"",
        ));
}

#[test]
fn out_dir_holds_the_table_and_the_robustness_figure() {
    let dir = tempfile::tempdir().unwrap();
    prepost(&repo())
        .args(EXAMPLE_SCORES)
        .args(["--equivalence", "total=-2,2", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    let csv = std::fs::read_to_string(dir.path().join("small_study.csv")).unwrap();
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("scale,n,alpha,power,min_d_z,bf10,r_scale"));
    assert_eq!(lines.count(), 5);
    let svg = std::fs::read_to_string(dir.path().join("bayes_factor_robustness.svg")).unwrap();
    assert!(svg.contains("<title>Bayes factor over the prior scale</title>"));
    // one line per scale: the legend names them all
    for name in [
        "self_perception",
        "interpersonal",
        "emotion",
        "future",
        "total",
    ] {
        assert!(svg.contains(name), "{name}");
    }
}

#[test]
fn a_one_sided_bayes_factor_names_its_direction() {
    // a clear increase tested against a decrease: the data favour "no decrease"
    let out = stdout_of(prepost(&repo()).args(EXAMPLE_SCORES).args([
        "--scores",
        "total",
        "--alternative",
        "less",
    ]));
    assert!(out.contains("evidence for no decrease"), "{out}");
    assert!(!out.contains("evidence for no change"), "{out}");
    let out = stdout_of(prepost(&repo()).args(EXAMPLE_SCORES).args([
        "--scores",
        "total",
        "--alternative",
        "greater",
    ]));
    assert!(out.contains("evidence for an increase"), "{out}");
}
