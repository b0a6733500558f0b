//! `prepost factor` and the scale-validation parts of `prepost reliability`, run as the real
//! binary, against psych 2.2.9 and GPArotation 2022.10.2 (R 4.2.2): psych::bfi (2,800 × 25,
//! with missing answers; psychTools 2.2.9) from scripts/reference/factor.R, and the bundled
//! example from scripts/reference/factor_example.R (tests/data/factor/*.json).

use crate::common::*;
use serde_json::Value;

fn reference(name: &str) -> Value {
    let path = repo().join("tests/data/factor").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const BFI: &str = "tests/data/factor/bfi.csv";

fn bfi_items() -> String {
    let text = std::fs::read_to_string(repo().join(BFI)).unwrap();
    text.lines().next().unwrap().to_string()
}

fn factor(args: &[&str]) -> Value {
    json_of(
        prepost(&repo())
            .arg("factor")
            .args(args)
            .args(["--format", "json"]),
    )
}

fn vec_of(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| num(x).unwrap())
        .collect()
}

/// The loadings of the report's items as rows (`key`: `loadings` or `unrotated`).
fn loadings(v: &Value, key: &str) -> Vec<Vec<f64>> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|it| vec_of(&it[key]))
        .collect()
}

fn assert_matrix(case: &str, got: &[Vec<f64>], want: &Value, tol: f64) {
    let want: Vec<Vec<f64>> = want.as_array().unwrap().iter().map(vec_of).collect();
    assert_eq!(got.len(), want.len(), "{case}: rows");
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g.len(), w.len(), "{case}: columns");
        for (j, (a, b)) in g.iter().zip(w).enumerate() {
            assert!((a - b).abs() <= tol, "{case}[{i}][{j}]: {a} vs {b}");
        }
    }
}

fn assert_vec(case: &str, got: &[f64], want: &Value, tol: f64) {
    let want = vec_of(want);
    assert_eq!(got.len(), want.len(), "{case}: length");
    for (i, (a, b)) in got.iter().zip(&want).enumerate() {
        assert!((a - b).abs() <= tol, "{case}[{i}]: {a} vs {b}");
    }
}

#[test]
fn bfi_kmo_bartlett_eigenvalues_and_pc_varimax_equal_psych_listwise_and_pairwise() {
    let items = bfi_items();
    let want = reference("bfi.json");
    for (missing, extra) in [("listwise", None), ("pairwise", Some("--pairwise"))] {
        let w = &want[missing];
        let mut args = vec![
            "--data",
            BFI,
            "--items",
            &items,
            "--factors",
            "5",
            "--harman",
        ];
        args.extend(extra);
        let v = factor(&args);
        assert_eq!(v["missing"], missing);
        // psych::KMO(R), psych::cortest.bartlett(R, n), eigen(R)$values
        check(missing, "kmo", &v["kmo"], &w["kmo"], 1e-10);
        let msa: Vec<f64> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|it| it["msa"].as_f64().unwrap())
            .collect();
        assert_vec(missing, &msa, &w["kmo_items"], 1e-10);
        check(
            missing,
            "chisq",
            &v["bartlett"]["chisq"],
            &w["bartlett"][0],
            1e-7,
        );
        // (stored as chisq, p, df)
        check(missing, "df", &v["bartlett"]["df"], &w["bartlett"][2], 0.0);
        check(
            missing,
            "p",
            &v["bartlett"]["p_value"],
            &w["bartlett"][1],
            1e-10,
        );
        let eigen: Vec<f64> = v["eigenvalues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["total"].as_f64().unwrap())
            .collect();
        assert_vec(missing, &eigen, &w["eigen"], 1e-10);
        // Harman: psych::principal(R, 1)$Vaccounted["Proportion Var", 1]
        check(
            missing,
            "harman",
            &v["harman"]["proportion"],
            &w["harman"],
            1e-10,
        );
        assert_eq!(v["harman"]["exceeds"], false);
        // psych::principal(R, 5, rotate = "none") and the converged varimax
        assert_matrix(missing, &loadings(&v, "unrotated"), &w["pc_loadings"], 1e-9);
        if missing == "listwise" {
            assert_eq!(v["n_used"], 2436);
            assert_matrix(
                "pc varimax",
                &loadings(&v, "loadings"),
                &w["pc_varimax"]["converged"],
                1e-8,
            );
            // psych's printed varimax stops early: within its documented distance
            assert_matrix(
                "pc varimax, psych",
                &loadings(&v, "loadings"),
                &w["pc_varimax"]["psych"],
                2e-3,
            );
        } else {
            assert_eq!(v["n_used"], 2800);
        }
    }
}

#[test]
fn bfi_minres_ml_and_oblimin_equal_the_converged_solutions() {
    let items = bfi_items();
    let w = &reference("bfi.json")["listwise"];
    let base = ["--data", BFI, "--items", &items, "--factors", "5"];
    // psych::fa(R, 5, fm = "minres", rotate = "none") solved to convergence
    let v = factor(&[&base[..], &["--extraction", "minres", "--rotation", "none"]].concat());
    assert_matrix(
        "minres",
        &loadings(&v, "loadings"),
        &w["minres"]["converged"],
        1e-7,
    );
    assert_matrix(
        "minres, psych",
        &loadings(&v, "loadings"),
        &w["minres"]["psych"],
        1e-5,
    );
    // maximum likelihood (factanal with a tight tolerance)
    let v = factor(&[&base[..], &["--extraction", "ml", "--rotation", "none"]].concat());
    assert_matrix("ml", &loadings(&v, "loadings"), &w["ml"]["converged"], 1e-7);
    let u: Vec<f64> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|it| it["uniqueness"].as_f64().unwrap())
        .collect();
    assert_vec("ml uniquenesses", &u, &w["ml"]["uniquenesses"], 1e-7);
    // minres + oblimin as psych::fa(rotate = "oblimin") (no Kaiser normalization) and as
    // GPArotation::oblimin(normalize = TRUE), converged
    for (name, extra) in [
        ("mr_oblimin", &["--no-kaiser"][..]),
        ("mr_oblimin_kaiser", &[][..]),
    ] {
        let v = factor(
            &[
                &base[..],
                &["--extraction", "minres", "--rotation", "oblimin"],
                extra,
            ]
            .concat(),
        );
        assert_matrix(name, &loadings(&v, "loadings"), &w[name]["converged"], 1e-7);
        assert_matrix(
            name,
            v["factor_correlations"]
                .as_array()
                .unwrap()
                .iter()
                .map(vec_of)
                .collect::<Vec<_>>()
                .as_slice(),
            &w[name]["converged_phi"],
            1e-7,
        );
    }
    // ML + promax (psych::Promax = stats::promax with --no-kaiser) from the converged varimax
    let v = factor(
        &[
            &base[..],
            &["--extraction", "ml", "--rotation", "promax", "--no-kaiser"],
        ]
        .concat(),
    );
    assert_matrix(
        "ml promax",
        &loadings(&v, "loadings"),
        &w["ml_promax"]["converged"],
        1e-7,
    );
}

#[test]
fn bfi_efa_is_fast() {
    // 2,800 × 25 with a parallel analysis: well under a second even in a debug build's
    // release-sized work (the budget is generous for a loaded machine)
    let items = bfi_items();
    let start = std::time::Instant::now();
    let v = factor(&["--data", BFI, "--items", &items, "--extraction", "minres"]);
    assert!(start.elapsed().as_secs_f64() < 5.0);
    assert_eq!(v["n_factors"], 6);
    assert_eq!(v["kaiser_count"], 6);
}

#[test]
fn parallel_analysis_is_deterministic_by_seed() {
    let items = bfi_items();
    let args = [
        "--data",
        BFI,
        "--items",
        &items,
        "--parallel",
        "--seed",
        "7",
    ];
    let a = factor(&args);
    let b = factor(&args);
    assert_eq!(a["parallel"], b["parallel"]);
    assert_eq!(a["options"]["factor_count"], "parallel");
    assert_eq!(a["parallel"]["options"]["seed"], 7);
    let n = a["n_factors"].as_u64().unwrap();
    assert!((4..=7).contains(&n), "{n}");
}

const SPEC: &str = "data/scales/children_self_confidence.toml";
const EXAMPLE: &str = "data/example/groups_pre_items.csv";

#[test]
fn the_bundled_example_equals_psych() {
    // scripts/reference/factor_example.R: the 20 keyed items, 22 respondents
    let w = reference("example.json");
    let v = factor(&["--scale", SPEC, "--data", EXAMPLE, "--harman"]);
    check("example", "kmo", &v["kmo"], &w["kmo"], 1e-10);
    check(
        "example",
        "chisq",
        &v["bartlett"]["chisq"],
        &w["bartlett"][0],
        1e-8,
    );
    check(
        "example",
        "p",
        &v["bartlett"]["p_value"],
        &w["bartlett"][2],
        1e-10,
    );
    check(
        "example",
        "harman",
        &v["harman"]["proportion"],
        &w["harman"],
        1e-10,
    );
    assert_eq!(v["n_factors"], 4);
    // stats::varimax(eps = 1e-15) stops on the criterion, which is flat at the optimum: its
    // loadings are right to about √eps (here 2e-8); prepost rotates to convergence
    assert_matrix(
        "example varimax",
        &loadings(&v, "loadings"),
        &w["pc_varimax"],
        1e-7,
    );
    assert_matrix(
        "example varimax, psych",
        &loadings(&v, "loadings"),
        &w["pc_varimax_psych"],
        5e-3,
    );
    let h: Vec<f64> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|it| it["communality"].as_f64().unwrap())
        .collect();
    assert_vec("communalities", &h, &w["pc_communality"], 1e-10);
    // the structure check: each subscale has its factor
    let s = v["structure"].as_array().unwrap();
    assert_eq!(s.len(), 4);
    assert_eq!(v["items"][2]["item"], "q3");
    assert_eq!(v["items"][2]["reversed"], true);
    assert_eq!(v["items"][2]["subscale"], "self_perception");
}

#[test]
fn the_example_reliability_has_omega_split_half_and_critical_ratios() {
    let w = reference("example.json");
    let v = json_of(prepost(&repo()).args([
        "reliability",
        "--scale",
        SPEC,
        EXAMPLE,
        "--format",
        "json",
    ]));
    assert_eq!(v["item_analysis"]["test"], "welch");
    for (k, name) in [(0, "self_perception"), (3, "future")] {
        let s = &v["scales"][k];
        let r = &w[name];
        assert_eq!(s["scale"], name);
        // converged one-factor fit (= psych::omega(x, 1)$omega.tot to its tolerance)
        check(name, "omega", &s["omega"], &r["omega"], 1e-9);
        let del: Vec<f64> = s["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|it| it["omega_if_deleted"].as_f64().unwrap())
            .collect();
        assert_vec(name, &del, &r["omega_if_deleted"], 1e-9);
        check(name, "alpha", &s["alpha"], &r["alpha"], 1e-10);
        let odd = &s["split_half"][0];
        assert_eq!(odd["split"], "odd-even");
        check(name, "split r", &odd["r"], &r["split_r"], 1e-10);
        check(
            name,
            "sb",
            &odd["spearman_brown_equal"],
            &r["split_sb"],
            1e-10,
        );
        check(name, "guttman", &odd["guttman"], &r["split_guttman"], 1e-10);
        // the first-last split of 5 items: the extra item in the first part (SPSS)
        assert_eq!(s["split_half"][1]["part1"].as_array().unwrap().len(), 3);
        // t.test(high, low) of the 27% groups
        for (i, it) in s["items"].as_array().unwrap().iter().enumerate() {
            let cr = &it["critical_ratio"];
            check(name, "cr t", &cr["t"], &r["cr_t"][i], 1e-10);
            check(name, "cr df", &cr["df"], &r["cr_df"][i], 1e-10);
            check(name, "cr p", &cr["p_value"], &r["cr_p"][i], 1e-10);
        }
    }
    // the flags follow the rule asked for
    let strict = json_of(prepost(&repo()).args([
        "reliability",
        "--scale",
        SPEC,
        EXAMPLE,
        "--min-item-r",
        "0.8",
        "--format",
        "json",
    ]));
    let q1 = &strict["scales"][0]["items"][0];
    assert_eq!(q1["flagged"], true);
    assert!(q1["flags"]
        .as_array()
        .unwrap()
        .contains(&Value::from("low_item_total_r")));
}

#[test]
fn reports_in_every_format_and_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for (format, needle) in [
        ("terminal", "Total variance explained"),
        ("markdown", "| q18"),
        ("html", "<svg"),
        ("latex", "\\begin{tabular}"),
        ("csv", "item,reversed,subscale,msa"),
        ("tsv", "item\treversed\tsubscale"),
    ] {
        let out = stdout_of(prepost(&repo()).args([
            "factor", "--scale", SPEC, "--data", EXAMPLE, "--format", format,
        ]));
        assert!(out.contains(needle), "{format}: {out}");
    }
    let zh = stdout_of(
        prepost(&repo()).args(["factor", "--scale", SPEC, "--data", EXAMPLE, "--lang", "zh"]),
    );
    assert!(zh.contains("KMO 值为 0.427，Bartlett 球形检验"), "{zh}");
    assert!(zh.contains("累计解释总方差的 76.49%"), "{zh}");
    let docx = dir.path().join("f.docx");
    prepost(&repo())
        .args(["factor", "--scale", SPEC, "--data", EXAMPLE, "-o"])
        .arg(&docx)
        .assert()
        .success();
    assert!(std::fs::metadata(&docx).unwrap().len() > 1000);
    let out_dir = dir.path().join("out");
    prepost(&repo())
        .args([
            "factor",
            "--scale",
            SPEC,
            "--data",
            EXAMPLE,
            "--rotation",
            "promax",
            "--out-dir",
        ])
        .arg(&out_dir)
        .assert()
        .success();
    for f in [
        "loadings.csv",
        "variance.csv",
        "factor_correlations.csv",
        "results.json",
        "results.md",
        "results.html",
        "results.tex",
        "results.docx",
        "scree.svg",
    ] {
        assert!(out_dir.join(f).exists(), "{f}");
    }
    let sections = stdout_of(prepost(&repo()).args([
        "factor",
        "--scale",
        SPEC,
        "--data",
        EXAMPLE,
        "--sections",
        "brief",
    ]));
    assert!(!sections.contains("Total variance explained"));
    assert!(sections.contains("Kaiser–Meyer–Olkin"));
}

#[test]
fn bad_data_is_a_clear_message_never_a_panic() {
    // a constant item, a copy of another, fewer respondents than items, too many factors
    let mut rows = String::from("a,b,c,d,e\n");
    for i in 0..30 {
        let x = (i * 7 % 5) as f64;
        let y = (i * 3 % 4) as f64;
        let z = (i * 11 % 6) as f64;
        rows.push_str(&format!("{x},{y},{z},{},3\n", x + y));
    }
    let dir = dir_with(&[("d.csv", &rows)]);
    let run = |items: &str, extra: &[&str]| {
        prepost(dir.path())
            .args(["factor", "--data", "d.csv", "--items", items])
            .args(extra)
            .assert()
    };
    run("a,b,c,e", &[])
        .code(1)
        .stderr(predicates::str::contains("item \"e\" has the same answer"));
    run("a,b,c,d", &[])
        .code(1)
        .stderr(predicates::str::contains("singular"))
        .stderr(predicates::str::contains("\"d\""));
    run("a,b,c", &["--factors", "3", "--extraction", "minres"])
        .code(1)
        .stderr(predicates::str::contains("too many factors"));
    run("a,b,c", &["--factors", "4"])
        .code(2)
        .stderr(predicates::str::contains("only 3 items"));
    run("a,b,zz", &[])
        .code(1)
        .stderr(predicates::str::contains("has no column \"zz\""));
    let few = dir_with(&[("f.csv", "a,b,c,d\n1,2,3,4\n2,1,4,3\n3,3,1,2\n4,4,2,1\n")]);
    prepost(few.path())
        .args(["factor", "--data", "f.csv", "--items", "a,b,c,d"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("too few respondents"));
    // usage
    prepost(&repo())
        .args(["factor", "--data", EXAMPLE])
        .assert()
        .code(2);
    prepost(&repo())
        .args(["factor", "--data", EXAMPLE, "--items", "q1,q1,q2"])
        .assert()
        .code(2);
    prepost(&repo())
        .args(["factor", "--scale", SPEC, "--data", EXAMPLE, "--seed", "3"])
        .assert()
        .code(2);
}
