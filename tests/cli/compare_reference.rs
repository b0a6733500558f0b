//! End to end against R: `prepost compare --data data.csv --pair pre:post --format json` on each
//! reference case in tests/data/reference (R 4.2.2 values made by the team's reference.R; see
//! the README there), compared field by field.

use crate::common::*;
use serde_json::Value;

const CLOSED: f64 = 1e-10;
const ITER: f64 = 1e-6;

fn cases() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(repo().join("tests/data/reference"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("reference.json").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn run(case: &str, extra: &[&str]) -> Value {
    let dir = repo().join("tests/data/reference").join(case);
    let v = json_of(
        prepost(&dir)
            .args([
                "compare", "--data", "data.csv", "--pair", "pre:post", "--format", "json",
            ])
            .args(extra),
    );
    v["scales"][0].clone()
}

#[test]
fn every_reference_case_matches_r_end_to_end() {
    for case in cases() {
        let text = std::fs::read_to_string(
            repo()
                .join("tests/data/reference")
                .join(&case)
                .join("reference.json"),
        )
        .unwrap();
        let r: Value = serde_json::from_str(&text).unwrap();
        let s = run(&case, &[]);
        let d = &r["descriptives"];
        check(&case, "pre.mean", &s["pre"]["mean"], &d["mean_pre"], CLOSED);
        check(&case, "post.sd", &s["post"]["sd"], &d["sd_post"], CLOSED);
        check(
            &case,
            "diff.mean",
            &s["diff"]["mean"],
            &d["mean_diff"],
            CLOSED,
        );
        check(&case, "diff.sd", &s["diff"]["sd"], &d["sd_diff"], CLOSED);
        check(
            &case,
            "diff.median",
            &s["diff"]["median"],
            &d["median_diff"],
            CLOSED,
        );
        check(
            &case,
            "r_pre_post",
            &s["r_pre_post"],
            &d["r_pre_post"],
            CLOSED,
        );

        let t = &r["t_test"]["two_sided"];
        if num(&t["t"]).is_some() {
            check(&case, "t", &s["t_test"]["t"], &t["t"], CLOSED);
            check(&case, "t p", &s["t_test"]["p_value"], &t["p_value"], CLOSED);
            check(
                &case,
                "t ci_low",
                &s["t_test"]["ci_low"],
                &t["conf_int"][0],
                CLOSED,
            );
            check(
                &case,
                "t ci_high",
                &s["t_test"]["ci_high"],
                &t["conf_int"][1],
                CLOSED,
            );
        } else {
            assert!(s["t_test"].is_null(), "{case}: R has no t-test");
            assert!(s["notes"]["t_test"].is_string(), "{case}: a note says why");
        }

        let w = &s["wilcoxon"];
        let n_nonzero = r["input"]["n_nonzero_diff"].as_u64().unwrap();
        if n_nonzero == 0 {
            assert!(w.is_null() && s["notes"]["wilcoxon"].is_string(), "{case}");
        } else {
            check(
                &case,
                "V",
                &w["v"],
                &r["wilcoxon"]["default"]["two_sided"]["V"],
                CLOSED,
            );
            if n_nonzero < 50 {
                // auto → exact on the observed midranks = coin's exact conditional test
                // (= R's psignrank when there are no ties and zeros).
                assert_eq!(w["method"], "exact", "{case}");
                check(
                    &case,
                    "exact p",
                    &w["p_value"],
                    &r["coin"]["wilcoxon_exact"]["two_sided"]["p_value"],
                    CLOSED,
                );
            } else {
                assert_eq!(w["method"], "normal-cc", "{case}");
                check(
                    &case,
                    "normal p",
                    &w["p_value"],
                    &r["wilcoxon"]["default"]["two_sided"]["p_value"],
                    CLOSED,
                );
                check(
                    &case,
                    "z",
                    &w["z"],
                    &r["wilcoxon"]["default"]["two_sided"]["z"],
                    CLOSED,
                );
            }
            let hl = &r["hodges_lehmann"]["nonzero_diffs"];
            check(
                &case,
                "pseudomedian",
                &w["pseudomedian"],
                &hl["estimate"],
                CLOSED,
            );
            check(
                &case,
                "pseudomedian ci_low",
                &w["ci_low"],
                &hl["conf_int"][0],
                CLOSED,
            );
            check(
                &case,
                "pseudomedian ci_high",
                &w["ci_high"],
                &hl["conf_int"][1],
                CLOSED,
            );
        }

        let es = &r["effect_sizes"];
        let e = &s["effect_sizes"];
        check(&case, "d_z", &e["d_z"]["value"], &es["d_z"], CLOSED);
        check(&case, "d_av", &e["d_av"]["value"], &es["d_av"], CLOSED);
        check(&case, "g_z", &e["g_z"]["value"], &es["g_z"], CLOSED);
        check(&case, "g_av", &e["g_av"]["value"], &es["g_av"], CLOSED);
        if num(&es["d_rm"]).is_some_and(|v| v != 0.0) {
            check(&case, "d_rm", &e["d_rm"]["value"], &es["d_rm"], CLOSED);
        }
        if case == "constant_diff_frac_n9" {
            // differences equal up to rounding noise (t = 2.5e14, n = 9): R's pt switches to a
            // normal approximation beyond ncp 37.62 and its interval is 9% off; the exact ends
            // by a 50-digit quadrature (scripts/reference/noncentral_t_extremes.py; issue 27)
            for (end, exact) in [
                ("ci_low", 44076880645973.473008),
                ("ci_high", 125013435721129.40285),
            ] {
                let got = num(&e["d_z"][end]).unwrap();
                assert!(
                    (got - exact).abs() <= 1e-11 * exact,
                    "{case} d_z {end}: {got}"
                );
            }
        } else if es["d_z_ci_nct"].is_array() {
            check(
                &case,
                "d_z ci_low",
                &e["d_z"]["ci_low"],
                &es["d_z_ci_nct"][0],
                ITER,
            );
            check(
                &case,
                "d_z ci_high",
                &e["d_z"]["ci_high"],
                &es["d_z_ci_nct"][1],
                ITER,
            );
            check(
                &case,
                "g_z ci_low",
                &e["g_z"]["ci_low"],
                &es["g_z_ci_nct"][0],
                ITER,
            );
        }
        if n_nonzero > 0 {
            let rb = &es["effectsize_rank_biserial_paired"];
            check(
                &case,
                "rank_biserial",
                &e["rank_biserial"]["value"],
                &rb["value"],
                CLOSED,
            );
            // effectsize 0.8.3's SE counts nonzero post scores, not nonzero differences (see
            // src/stats/effect_size.rs); the two agree when no difference is zero.
            let value = num(&rb["value"]).unwrap();
            if r["input"]["n_zero_diff"] == 0 && value.abs() == 1.0 && n_nonzero > 1 {
                // r = ±1: effectsize's interval is the point [1, 1]; the end towards 0 is the
                // score interval's, (1 − q)/(1 + q), q = (z·SE)² (docs/statistics.md; R values
                // in scripts/reference/rank_biserial.R, tested in src/stats/effect_size.rs)
                let k = n_nonzero as f64;
                let se = ((2.0 * k.powi(3) + 3.0 * k * k + k) / 6.0).sqrt() / (k * (k + 1.0) / 2.0);
                let q = (1.959963984540054 * se).powi(2);
                let end = value * (1.0 - q) / (1.0 + q);
                let (towards_zero, at_one) = if value > 0.0 {
                    ("ci_low", "ci_high")
                } else {
                    ("ci_high", "ci_low")
                };
                let got = num(&e["rank_biserial"][towards_zero]).unwrap();
                assert!(
                    (got - end).abs() < 1e-12,
                    "{case} rank-biserial: {got} vs {end}"
                );
                assert_eq!(num(&e["rank_biserial"][at_one]), Some(value));
            } else if r["input"]["n_zero_diff"] == 0 {
                check(
                    &case,
                    "rank_biserial ci_low",
                    &e["rank_biserial"]["ci_low"],
                    &rb["conf_int"][0],
                    CLOSED,
                );
            }
        }

        let sw = &r["shapiro"];
        let tol = if case == "constant_diff_frac_n9" {
            1e-4
        } else {
            ITER
        };
        if num(&sw["W"]).is_some() {
            check(&case, "shapiro W", &s["shapiro_wilk"]["w"], &sw["W"], tol);
            check(
                &case,
                "shapiro p",
                &s["shapiro_wilk"]["p_value"],
                &sw["p_value"],
                tol,
            );
        } else {
            assert!(s["shapiro_wilk"].is_null(), "{case}");
        }
    }
}

#[test]
fn normal_approximation_and_one_sided_tests_match_r() {
    // wilcox.test(post, pre, paired = TRUE, exact = FALSE, correct = TRUE/FALSE, alternative)
    for case in [
        "likert_n8",
        "sleep",
        "anorexia_cbt",
        "n51",
        "negative_effect_n20",
    ] {
        let r: Value = serde_json::from_str(
            &std::fs::read_to_string(
                repo()
                    .join("tests/data/reference")
                    .join(case)
                    .join("reference.json"),
            )
            .unwrap(),
        )
        .unwrap();
        for (alt, key) in [
            ("two-sided", "two_sided"),
            ("greater", "greater"),
            ("less", "less"),
        ] {
            let s = run(case, &["--wilcoxon-method", "normal", "--alternative", alt]);
            check(
                case,
                "normal cc p",
                &s["wilcoxon"]["p_value"],
                &r["wilcoxon"]["normal_correct"][key]["p_value"],
                CLOSED,
            );
            check(
                case,
                "t p",
                &s["t_test"]["p_value"],
                &r["t_test"][key]["p_value"],
                CLOSED,
            );
            let s = run(
                case,
                &[
                    "--wilcoxon-method",
                    "normal",
                    "--no-continuity",
                    "--alternative",
                    alt,
                ],
            );
            check(
                case,
                "normal p",
                &s["wilcoxon"]["p_value"],
                &r["wilcoxon"]["normal_nocorrect"][key]["p_value"],
                CLOSED,
            );
            let s = run(
                case,
                &[
                    "--wilcoxon-method",
                    "exact",
                    "--zero-method",
                    "pratt",
                    "--alternative",
                    alt,
                ],
            );
            check(
                case,
                "pratt exact p",
                &s["wilcoxon"]["p_value"],
                &r["coin"]["pratt_exact"][key]["p_value"],
                CLOSED,
            );
        }
    }
}
