//! `prepost survey` end to end: the real binary on the bundled example survey and on R's data
//! sets (PlantGrowth, ToothGrowth, mtcars), every number against R 4.2.2
//! (scripts/reference/survey_cli.R → tests/data/survey_cli/reference.txt: base R's t.test,
//! wilcox.test, aov, TukeyHSD, oneway.test, kruskal.test, chisq.test, fisher.test, cor.test, lm,
//! anova; car::leveneTest and vif; effectsize; rstatix::games_howell_test and dunn_test); then
//! bad input, notes for what cannot be computed, and every format.

use crate::common::*;
use predicates::str::contains;
use serde_json::Value;
use std::collections::HashMap;

const CLOSED: f64 = 1e-10;
const ITER: f64 = 1e-6;

fn reference() -> HashMap<String, f64> {
    let text = std::fs::read_to_string(repo().join("tests/data/survey_cli/reference.txt")).unwrap();
    text.lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            Some((w.next()?.to_string(), w.next()?.parse().ok()?))
        })
        .collect()
}

fn close(what: &str, got: &Value, want: f64, tol: f64) {
    let got = got
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: not a number: {got}"));
    let scale = want.abs().max(1.0);
    assert!(
        (got - want).abs() <= tol * scale,
        "{what}: got {got}, R {want}"
    );
}

fn example(args: &[&str]) -> Value {
    json_of(
        prepost(&repo())
            .args([
                "survey",
                "--data",
                "data/example/survey.csv",
                "--scale",
                "data/scales/children_self_confidence.toml",
                "--format",
                "json",
            ])
            .args(args),
    )
}

fn find(list: &Value, pred: impl Fn(&Value) -> bool) -> &Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|v| pred(v))
        .expect("an entry")
}

#[test]
fn the_example_survey_equals_r() {
    let r = reference();
    let v = example(&[
        "--by",
        "gender",
        "--by",
        "grade",
        "--midpoint",
        "--post-hoc",
        "tukey,games-howell,lsd,bonferroni",
        "--crosstab",
        "left_behind,gender",
        "--crosstab",
        "caregiver,gender",
        "--correlate",
        "family_warmth,parent_contact",
        "--regress",
        "total ~ gender + left_behind | family_warmth + parent_contact",
    ]);
    let k = |key: &str| r[key];
    // descriptives as SPSS
    let d = find(&v["descriptives"], |d| {
        d["score"] == "total" && d["factor"].is_null()
    });
    close("n", &d["n"], k("desc.n"), CLOSED);
    close("mean", &d["mean"], k("desc.mean"), CLOSED);
    close("sd", &d["sd"], k("desc.sd"), CLOSED);
    close("skew", &d["skewness"]["value"], k("desc.skew"), CLOSED);
    close("skew se", &d["skewness"]["se"], k("desc.skew_se"), CLOSED);
    close("kurt", &d["kurtosis"]["value"], k("desc.kurt"), CLOSED);
    close("kurt se", &d["kurtosis"]["se"], k("desc.kurt_se"), CLOSED);
    // against the midpoint 3 × 20
    let o = find(&v["one_sample"], |o| o["score"] == "total");
    assert_eq!(o["test_value"], 60.0);
    assert_eq!(o["source"], "midpoint");
    close("t", &o["t"], k("one.t"), CLOSED);
    close("df", &o["df"], k("one.df"), CLOSED);
    close("p", &o["p"], k("one.p"), CLOSED);
    close("ci low", &o["ci_low"], k("one.ci_low"), CLOSED);
    close("ci high", &o["ci_high"], k("one.ci_high"), CLOSED);
    close("d", &o["d"]["value"], k("one.d"), CLOSED);
    close("d low", &o["d"]["ci_low"], k("one.d_low"), ITER);
    close("d high", &o["d"]["ci_high"], k("one.d_high"), ITER);
    close("V", &o["wilcoxon"]["statistic"], k("one.v"), CLOSED);
    close("V p", &o["wilcoxon"]["p"], k("one.v_p"), CLOSED);
    // by gender
    let g = find(&v["group_differences"], |g| {
        g["score"] == "total" && g["factor"] == "gender"
    });
    assert_eq!(g["levels"][0]["level"], "boy");
    close(
        "student t",
        &g["student"]["t"],
        k("gender.student_t"),
        CLOSED,
    );
    close(
        "student p",
        &g["student"]["p"],
        k("gender.student_p"),
        CLOSED,
    );
    close("welch t", &g["welch"]["t"], k("gender.welch_t"), CLOSED);
    close("welch df", &g["welch"]["df"], k("gender.welch_df"), CLOSED);
    close("welch p", &g["welch"]["p"], k("gender.welch_p"), CLOSED);
    assert_eq!(g["levene"]["center"], "mean");
    close("levene", &g["levene"]["f"], k("gender.levene_f"), CLOSED);
    close("levene p", &g["levene"]["p"], k("gender.levene_p"), CLOSED);
    close(
        "bf",
        &g["levene_median"]["f"],
        k("gender.levene_median_f"),
        CLOSED,
    );
    close(
        "bf p",
        &g["levene_median"]["p"],
        k("gender.levene_median_p"),
        CLOSED,
    );
    close("g", &g["hedges_g"]["value"], k("gender.g"), CLOSED);
    close("g low", &g["hedges_g"]["ci_low"], k("gender.g_low"), ITER);
    close(
        "g high",
        &g["hedges_g"]["ci_high"],
        k("gender.g_high"),
        ITER,
    );
    close("W", &g["mann_whitney"]["w"], k("gender.w"), CLOSED);
    close("W p", &g["mann_whitney"]["p"], k("gender.w_p"), CLOSED);
    // by grade
    let g = find(&v["group_differences"], |g| {
        g["score"] == "total" && g["factor"] == "grade"
    });
    close("F", &g["anova"]["f"], k("grade.f"), CLOSED);
    close("F p", &g["anova"]["p"], k("grade.p"), CLOSED);
    close("eta", &g["anova"]["eta_sq"], k("grade.eta"), CLOSED);
    close(
        "eta low",
        &g["anova"]["eta_sq_ci_low"],
        k("grade.eta_low"),
        ITER,
    );
    close(
        "eta high",
        &g["anova"]["eta_sq_ci_high"],
        k("grade.eta_high"),
        ITER,
    );
    close("omega", &g["anova"]["omega_sq"], k("grade.omega"), CLOSED);
    close(
        "welch F",
        &g["welch_anova"]["f"],
        k("grade.welch_f"),
        CLOSED,
    );
    close(
        "welch df2",
        &g["welch_anova"]["df2"],
        k("grade.welch_df2"),
        CLOSED,
    );
    close(
        "welch p",
        &g["welch_anova"]["p"],
        k("grade.welch_p"),
        CLOSED,
    );
    close("H", &g["kruskal"]["h"], k("grade.h"), CLOSED);
    close("H p", &g["kruskal"]["p"], k("grade.h_p"), CLOSED);
    close(
        "eps",
        &g["kruskal"]["epsilon_sq"],
        k("grade.epsilon"),
        CLOSED,
    );
    let pair = |method: &str, a: &str, b: &str| {
        find(&g["post_hoc"], |p| {
            p["method"] == method && p["a"] == a && p["b"] == b
        })
        .clone()
    };
    for (a, b) in [("3", "4"), ("3", "6"), ("5", "6")] {
        let t = pair("tukey", a, b);
        let key = format!("grade.tukey.{b}-{a}");
        close("tukey diff", &t["diff"], k(&format!("{key}.diff")), CLOSED);
        close("tukey low", &t["ci_low"], k(&format!("{key}.low")), ITER);
        close("tukey p", &t["p"], k(&format!("{key}.p")), ITER);
        let gh = pair("games_howell", a, b);
        let key = format!("grade.gh.{b}-{a}");
        close("gh low", &gh["ci_low"], k(&format!("{key}.low")), ITER);
        close("gh p", &gh["p"], k(&format!("{key}.p")), ITER);
    }
    close(
        "lsd",
        &pair("lsd", "3", "6")["p"],
        k("grade.lsd.6-3.p"),
        CLOSED,
    );
    close(
        "bonferroni",
        &pair("bonferroni", "3", "6")["p"],
        k("grade.bonferroni.6-3.p"),
        CLOSED,
    );
    for (a, b) in [("3", "4"), ("3", "6"), ("4", "5")] {
        let d = find(&g["dunn"], |d| d["a"] == a && d["b"] == b);
        let key = format!("grade.dunn.{a}-{b}");
        close("dunn z", &d["z"], k(&format!("{key}.z")), CLOSED);
        close("dunn p", &d["p_adj"], k(&format!("{key}.p_adj")), CLOSED);
    }
    assert!(g["levels"][0]["letters"].is_string());
    // crosstabs
    let x = &v["crosstabs"][0];
    close("chi", &x["chi_sq"], k("ct.chi"), CLOSED);
    close("chi p", &x["p"], k("ct.p"), CLOSED);
    close("yates", &x["yates"]["chi_sq"], k("ct.yates"), CLOSED);
    close("yates p", &x["yates"]["p"], k("ct.yates_p"), CLOSED);
    close("fisher", &x["fisher_p"], k("ct.fisher_p"), CLOSED);
    close("V", &x["cramers_v"]["value"], k("ct.v"), CLOSED);
    let x = &v["crosstabs"][1];
    close("chi r×c", &x["chi_sq"], k("ct2.chi"), CLOSED);
    close("fisher r×c", &x["fisher_p"], k("ct2.fisher_p"), ITER);
    // correlations (variables: the five scores, then the columns)
    let c = &v["correlations"];
    assert_eq!(c["variables"][4], "total");
    assert_eq!(c["variables"][5], "family_warmth");
    close("r warmth", &c["r"][5][4], k("cor.family_warmth.r"), CLOSED);
    close("p warmth", &c["p"][5][4], k("cor.family_warmth.p"), CLOSED);
    close(
        "ci warmth",
        &c["ci_low"][5][4],
        k("cor.family_warmth.low"),
        CLOSED,
    );
    close(
        "r contact",
        &c["r"][6][4],
        k("cor.parent_contact.r"),
        CLOSED,
    );
    // regression
    let reg = &v["regression"];
    close("n", &reg["n"], k("reg.n"), CLOSED);
    close("r2 1", &reg["blocks"][0]["r2"], k("reg.r2_1"), CLOSED);
    close("r2 2", &reg["blocks"][1]["r2"], k("reg.r2_2"), CLOSED);
    close("adj", &reg["blocks"][1]["adj_r2"], k("reg.adj_2"), CLOSED);
    close(
        "F change",
        &reg["blocks"][1]["f_change"],
        k("reg.f_change"),
        CLOSED,
    );
    close(
        "p change",
        &reg["blocks"][1]["p_change"],
        k("reg.p_change"),
        CLOSED,
    );
    assert_eq!(reg["reference_levels"]["gender"], "boy");
    let coef = |term: &str| {
        find(&reg["coefficients"], |c| {
            c["block"] == 2 && c["term"] == term
        })
        .clone()
    };
    for term in [
        "(Intercept)",
        "gendergirl",
        "left_behindyes",
        "family_warmth",
    ] {
        let c = coef(term);
        close(term, &c["b"], k(&format!("reg.b.{term}")), CLOSED);
        close(term, &c["se"], k(&format!("reg.se.{term}")), CLOSED);
        close(term, &c["p"], k(&format!("reg.p.{term}")), CLOSED);
    }
    let w = coef("family_warmth");
    close("beta", &w["beta"], k("reg.beta.family_warmth"), CLOSED);
    close("vif", &w["vif"], k("reg.vif.family_warmth"), CLOSED);
    close("ci", &w["ci_low"], k("reg.ci_low.family_warmth"), CLOSED);
    // the composition counts every respondent once per factor
    let n: u64 = v["composition"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["factor"] == "gender")
        .map(|c| c["n"].as_u64().unwrap())
        .sum();
    assert_eq!(n, 300);
}

#[test]
fn r_data_sets_equal_r() {
    let r = reference();
    let dir = repo().join("tests/data/survey_cli");
    // PlantGrowth: three groups
    let v = json_of(prepost(&dir).args([
        "survey",
        "--data",
        "plantgrowth.csv",
        "--scores",
        "weight",
        "--by",
        "group",
        "--format",
        "json",
    ]));
    let g = &v["group_differences"][0];
    close("F", &g["anova"]["f"], r["plant.f"], CLOSED);
    close("p", &g["anova"]["p"], r["plant.p"], CLOSED);
    close("welch", &g["welch_anova"]["f"], r["plant.welch_f"], CLOSED);
    close(
        "welch p",
        &g["welch_anova"]["p"],
        r["plant.welch_p"],
        CLOSED,
    );
    close("H", &g["kruskal"]["h"], r["plant.h"], CLOSED);
    close("H p", &g["kruskal"]["p"], r["plant.h_p"], CLOSED);
    let t = find(&g["post_hoc"], |p| {
        p["method"] == "tukey" && p["a"] == "trt1" && p["b"] == "trt2"
    });
    close("tukey p", &t["p"], r["plant.tukey.trt2-trt1.p"], ITER);
    close(
        "tukey low",
        &t["ci_low"],
        r["plant.tukey.trt2-trt1.low"],
        ITER,
    );
    let gh = find(&g["post_hoc"], |p| {
        p["method"] == "games_howell" && p["a"] == "trt1" && p["b"] == "trt2"
    });
    close("gh p", &gh["p"], r["plant.gh.trt2-trt1.p"], ITER);
    // ToothGrowth: two groups (OJ, VC)
    let v = json_of(prepost(&dir).args([
        "survey",
        "--data",
        "toothgrowth.csv",
        "--scores",
        "len",
        "--by",
        "supp",
        "--format",
        "json",
    ]));
    let g = &v["group_differences"][0];
    close("t", &g["student"]["t"], r["tooth.student_t"], CLOSED);
    close("p", &g["student"]["p"], r["tooth.student_p"], CLOSED);
    close("welch df", &g["welch"]["df"], r["tooth.welch_df"], CLOSED);
    close("welch p", &g["welch"]["p"], r["tooth.welch_p"], CLOSED);
    close("W", &g["mann_whitney"]["w"], r["tooth.w"], CLOSED);
    close("W p", &g["mann_whitney"]["p"], r["tooth.w_p"], CLOSED);
    // mtcars: a regression with a categorical term written factor(cyl)
    let v = json_of(prepost(&dir).args([
        "survey",
        "--data",
        "mtcars.csv",
        "--scores",
        "mpg",
        "--regress",
        "mpg ~ wt | hp + factor(cyl)",
        "--format",
        "json",
    ]));
    let reg = &v["regression"];
    close("r2", &reg["blocks"][1]["r2"], r["mt.r2_2"], CLOSED);
    close(
        "F change",
        &reg["blocks"][1]["f_change"],
        r["mt.f_change"],
        CLOSED,
    );
    let c = find(&reg["coefficients"], |c| {
        c["block"] == 2 && c["term"] == "cyl8"
    });
    close("b cyl8", &c["b"], r["mt.b.factor(cyl)8"], CLOSED);
}

#[test]
fn bad_arguments_are_usage_errors_naming_the_column() {
    let run = |args: &[&str]| {
        prepost(&repo())
            .args([
                "survey",
                "--data",
                "data/example/survey.csv",
                "--scale",
                "data/scales/children_self_confidence.toml",
            ])
            .args(args)
            .assert()
    };
    run(&["--by", "class"])
        .code(2)
        .stderr(contains("no column \"class\""));
    run(&["--regress", "total ~ warmth"])
        .code(2)
        .stderr(contains("no column \"warmth\""));
    run(&["--regress", "total = gender"])
        .code(2)
        .stderr(contains("--regress"));
    run(&["--regress", "total ~ gender + gender"])
        .code(2)
        .stderr(contains("twice"));
    run(&["--crosstab", "gender"]).code(2);
    run(&["--crosstab", "gender,gender"]).code(2);
    run(&["--test-value", "happiness=3"])
        .code(2)
        .stderr(contains("happiness"));
    run(&["--by", "q3"]).code(1).stderr(contains("item"));
    run(&["--post-hoc", "none,tukey"]).code(2);
    // a column of text where numbers are needed: file, row and column
    run(&["--correlate", "gender"])
        .code(1)
        .stderr(contains("row 2"))
        .stderr(contains("gender"));
}

#[test]
fn a_level_of_one_and_a_constant_score_are_notes_not_panics() {
    let dir = dir_with(&[(
        "s.csv",
        "id,g,k,x,c\n1,a,u,1,5\n2,a,u,2,5\n3,a,v,3,5\n4,b,v,4,5\n5,c,w,,5\n",
    )]);
    let v = json_of(prepost(dir.path()).args([
        "survey",
        "--data",
        "s.csv",
        "--scores",
        "x,c",
        "--by",
        "g",
        "--by",
        "k",
        "--test-value",
        "c=3",
        "--regress",
        "x ~ c",
        "--format",
        "json",
    ]));
    let text = v.to_string();
    assert!(!text.contains("NaN"), "{text}");
    // g: a (3), b (1), c (none with x): two levels with x; Welch needs two in each
    let g = find(&v["group_differences"], |g| {
        g["score"] == "x" && g["factor"] == "g"
    });
    assert!(g["welch"].is_null());
    assert!(g["notes"]["welch"].is_string());
    let c = find(&v["one_sample"], |o| o["score"] == "c");
    assert!(c["t"].is_null() && c["notes"]["t"].is_string());
    let coef = find(&v["regression"]["coefficients"], |c| c["term"] == "c");
    assert!(coef["b"].is_null() && coef["note"].is_string());
    // every format writes it
    for f in ["terminal", "markdown", "html", "latex", "csv", "tsv"] {
        prepost(dir.path())
            .args([
                "survey", "--data", "s.csv", "--scores", "x,c", "--by", "g", "--format", f,
            ])
            .assert()
            .success();
    }
}

#[test]
fn chinese_tables_have_mean_sd_cells_and_stars() {
    let out = stdout_of(prepost(&repo()).args([
        "survey",
        "--data",
        "data/example/survey.csv",
        "--scale",
        "data/scales/children_self_confidence.toml",
        "--by",
        "left_behind",
        "--correlate",
        "family_warmth",
        "--lang",
        "zh",
        "--format",
        "markdown",
    ]));
    assert!(out.contains(" ± "), "{out}");
    assert!(
        out.contains("注：*p < .05，**p < .01，***p < .001"),
        "{out}"
    );
    assert!(out.contains("***"), "{out}");
    assert!(
        out.contains("显著低于") || out.contains("差异显著"),
        "{out}"
    );
}

#[test]
fn sections_select_parts_and_out_dir_writes_every_file() {
    let out = stdout_of(prepost(&repo()).args([
        "survey",
        "--data",
        "data/example/survey.csv",
        "--scale",
        "data/scales/children_self_confidence.toml",
        "--by",
        "grade",
        "--sections",
        "composition",
    ]));
    assert!(out.contains("Composition"), "{out}");
    assert!(!out.contains("Differences by grade"), "{out}");
    let dir = tempfile::tempdir().unwrap();
    prepost(&repo())
        .args([
            "survey",
            "--data",
            "data/example/survey.csv",
            "--scale",
            "data/scales/children_self_confidence.toml",
            "--by",
            "grade",
            "--out-dir",
        ])
        .arg(dir.path())
        .args(["--format", "json"])
        .assert()
        .success();
    for f in [
        "descriptives.csv",
        "composition.csv",
        "group_differences.csv",
        "post_hoc.csv",
        "dunn.csv",
        "results.json",
        "results.md",
        "results.html",
        "results.tex",
        "results.docx",
    ] {
        assert!(dir.path().join(f).exists(), "{f}");
    }
}
