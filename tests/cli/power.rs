//! `prepost power` against pwr (its own answers, to uniroot's default tolerance) and the exact
//! solutions (uniroot at tol = 1e-14 on pwr's power; scripts/reference/power.R and
//! scripts/reference/equivalence.R).

use crate::common::*;
use serde_json::Value;

fn plan(args: &[&str]) -> Value {
    json_of(
        prepost(&repo())
            .arg("power")
            .args(args)
            .args(["--format", "json"]),
    )
}

#[test]
fn each_unknown_is_solved_exactly() {
    let v = plan(&["--d", "0.5", "--power", "0.8"]);
    assert_eq!(v["solved_for"], "n");
    check("n", "n", &v["n"], &33.367128953319209.into(), 1e-8);
    // pwr.t.test(d = .5, power = .8, type = "paired")$n, to its tolerance
    check("n", "pwr", &v["n"], &33.36712913907664557.into(), 1e-7);
    assert_eq!(v["n_required"], 34);
    assert!(v["power_at_n_required"].as_f64().unwrap() > 0.8);

    let v = plan(&["--n", "11", "--power", "0.8"]);
    check("d", "d", &v["d"], &0.93769066389977096.into(), 1e-8);
    check("d", "pwr", &v["d"], &0.93769226677015238.into(), 1e-5);

    let v = plan(&["--n", "11", "--d", "0.8"]);
    check(
        "power",
        "power",
        &v["power"],
        &0.66771253163204081.into(),
        1e-10,
    );

    let v = plan(&["--n", "11", "--d", "0.8", "--power", "0.8"]);
    assert_eq!(v["solved_for"], "alpha");
    check(
        "alpha",
        "alpha",
        &v["alpha"],
        &0.10320815788277182.into(),
        1e-8,
    );
    check(
        "alpha",
        "pwr",
        &v["alpha"],
        &0.10318899232713324.into(),
        1e-3,
    );

    let v = plan(&["--d", "1", "--power", "0.8", "--alternative", "greater"]);
    check("greater", "n", &v["n"], &7.727617900353823.into(), 1e-8);
    assert_eq!(v["n_required"], 8);
}

#[test]
fn two_groups_and_the_ancova() {
    let v = plan(&["--design", "two-group", "--d", "0.5", "--power", "0.8"]);
    check("two-group", "n", &v["n"], &63.765610190941864.into(), 1e-8);
    assert_eq!(v["n_required"], 64);
    assert_eq!(v["n_total_recruit"], 128);
    let v = plan(&["--design", "two-group", "--n", "11,10", "--power", "0.8"]);
    check("two-group", "d", &v["d"], &1.2905141161835663.into(), 1e-8);
    assert!(v["n"].is_null() && v["n1"] == 11.0 && v["n2"] == 10.0);
    let v = plan(&[
        "--design", "ancova", "--r", "0.7", "--n", "11,10", "--d", "0.8",
    ]);
    check(
        "ancova",
        "power",
        &v["power"],
        &0.67918538560804387.into(),
        1e-10,
    );
    assert_eq!(v["r"], 0.7);
    let v = plan(&[
        "--design", "ancova", "--r", "0.7", "--n", "11,10", "--power", "0.8",
    ]);
    check("ancova", "d", &v["d"], &0.92444702641168619.into(), 1e-8);
}

#[test]
fn the_wilcoxon_test_and_dropout() {
    let v = plan(&["--test", "wilcoxon", "--d", "0.5", "--power", "0.8"]);
    let want = 33.367128953319209 * std::f64::consts::PI / 3.0;
    check("wilcoxon", "n", &v["n"], &want.into(), 1e-8);
    assert_eq!(v["n_required"], 35);
    assert!(v["method"].as_str().unwrap().contains("3/pi"));
    // 34 pairs needed, 20% dropout: 34 / 0.8 = 42.5, recruit 43
    let v = plan(&["--d", "0.5", "--power", "0.8", "--dropout", "0.2"]);
    assert_eq!(v["n_recruit"], 43);
}

#[test]
fn every_format_and_both_languages() {
    let en = stdout_of(prepost(&repo()).args(["power", "--d", "0.5", "--power", "0.8"]));
    assert!(
        en.contains("To detect d_z = 0.50 with 80% power (α = .05, two-sided), a paired t-test needs 33.37 pairs: recruit 34."),
        "{en}"
    );
    let zh =
        stdout_of(prepost(&repo()).args(["power", "--n", "11", "--power", "0.8", "--lang", "zh"]));
    assert!(
        zh.contains(
            "样本量为 11 对时，配对样本 t 检验在 80% 的统计检验力下能检出 d_z ≥ 0.94 的效应（α = .05，双侧）。"
        ),
        "{zh}"
    );
    let csv =
        stdout_of(prepost(&repo()).args(["power", "--n", "11", "--d", "0.8", "--format", "csv"]));
    assert!(csv.starts_with("design,test,alternative,solved_for,d,alpha,power,n,"));
    assert!(
        csv.contains("paired,t,two-sided,power,0.8,0.05,0.66771253163"),
        "{csv}"
    );
    let html =
        stdout_of(prepost(&repo()).args(["power", "--n", "11", "--d", "0.8", "--format", "html"]));
    assert!(
        html.contains("<section id=\"brief\" class=\"apa\">")
            && html.contains("<i>d</i><sub>z</sub>")
    );
    let tex =
        stdout_of(prepost(&repo()).args(["power", "--n", "11", "--d", "0.8", "--format", "latex"]));
    assert!(tex.contains("$d_{z}$") && tex.contains("\\toprule"));
    let md = stdout_of(
        prepost(&repo()).args(["power", "--n", "11", "--d", "0.8", "--format", "markdown"]),
    );
    assert!(md.contains("| Power (solved) | 0.6677 |"), "{md}");
}

#[test]
fn questions_without_an_answer_are_refused() {
    let run = |args: &[&str]| prepost(&repo()).arg("power").args(args).assert();
    run(&["--d", "0.5"])
        .code(2)
        .stderr(predicates::str::contains("--n and --power are missing"));
    run(&[
        "--n", "11", "--d", "0.5", "--power", "0.8", "--alpha", "0.05",
    ])
    .code(2)
    .stderr(predicates::str::contains("leave out the one to solve for"));
    run(&["--design", "ancova", "--d", "0.5", "--power", "0.8"])
        .code(2)
        .stderr(predicates::str::contains("needs --r"));
    run(&["--n", "11,10", "--power", "0.8"])
        .code(2)
        .stderr(predicates::str::contains("for two groups"));
    run(&["--d", "0", "--power", "0.8"])
        .code(2)
        .stderr(predicates::str::contains("no sample size detects d = 0"));
    run(&["--d", "-0.5", "--power", "0.8", "--alternative", "greater"]).code(2);
    run(&["--n", "1", "--power", "0.8"]).code(2);
    run(&["--n", "11", "--power", "0.04"])
        .code(2)
        .stderr(predicates::str::contains("must be above alpha"));
    run(&[
        "--design", "ancova", "--r", "1", "--n", "10", "--power", "0.8",
    ])
    .code(2);
    run(&[
        "--test", "wilcoxon", "--design", "ancova", "--r", "0.5", "--n", "10", "--power", "0.8",
    ])
    .code(2);
    run(&["--dropout", "1", "--d", "0.5", "--power", "0.8"]).code(2);
}
