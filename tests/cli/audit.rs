//! The findings of the audit against R (issue 18): each case fails without its fix.

use crate::common::*;
use serde_json::Value;

fn json(dir: &std::path::Path, args: &[&str]) -> Value {
    json_of(prepost(dir).args(args).args(["--format", "json"]))
}

fn scale<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["scales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scale"] == name)
        .unwrap()
}

/// a and d vary; b does not change at all; c changes by the same 2 points for everyone: the
/// t-tests of b and c and the Wilcoxon test of b cannot be computed.
const PRE: &str = "id,a,b,c,d\n1,10,5,3,7\n2,12,6,4,9\n3,9,7,5,8\n4,14,8,6,6\n5,11,9,7,10\n";
const POST: &str = "id,a,b,c,d\n1,12,5,5,9\n2,15,6,6,9\n3,9,7,7,11\n4,18,8,8,8\n5,12,9,9,13\n";

#[test]
fn each_test_reports_the_family_it_was_adjusted_in() {
    let dir = dir_with(&[("pre.csv", PRE), ("post.csv", POST)]);
    let v = json(
        dir.path(),
        &[
            "compare",
            "--pre",
            "pre.csv",
            "--post",
            "post.csv",
            "--p-adjust",
            "BH",
        ],
    );
    let adj = &scale(&v, "a")["p_adjusted"];
    assert_eq!(adj["family_size"], 4);
    assert_eq!(adj["t_test_family_size"], 2);
    assert_eq!(adj["wilcoxon_family_size"], 3);
    // BH over the two t-tests: R p.adjust(c(p_a, p_d), "BH")
    let p = |s: &str| scale(&v, s)["t_test"]["p_value"].as_f64().unwrap();
    let (pa, pd) = (p("a"), p("d"));
    let bh_a = (pa * 2.0).min(pa.max(pd)).min(1.0);
    assert!(close(&adj["t_test"], bh_a, 1e-12));
    let text =
        stdout_of(prepost(dir.path()).args(["compare", "--pre", "pre.csv", "--post", "post.csv"]));
    assert!(
        text.contains("p adjusted across 2 t-tests and 3 Wilcoxon tests"),
        "{text}"
    );
}

/// treatment: 1-4, comparison: 5-8; post = 2 + pre/2 + 3·treatment exactly.
#[test]
fn a_perfect_ancova_fit_and_an_inestimable_interaction_are_said() {
    let pre = "id,g,s\n1,t,10\n2,t,12\n3,t,9\n4,t,14\n5,c,11\n6,c,13\n7,c,8\n8,c,12\n";
    let post = "id,g,s\n1,t,10\n2,t,11\n3,t,9.5\n4,t,12\n5,c,7.5\n6,c,8.5\n7,c,6\n8,c,8\n";
    // pre constant within the comparison group: the interaction is aliased
    let pre2 = "id,g,s\n1,t,10\n2,t,12\n3,t,9\n4,t,14\n5,c,11\n6,c,11\n7,c,11\n8,c,11\n";
    let post2 = "id,g,s\n1,t,14\n2,t,15\n3,t,13\n4,t,18\n5,c,12\n6,c,13\n7,c,11\n8,c,12\n";
    let dir = dir_with(&[
        ("pre.csv", pre),
        ("post.csv", post),
        ("pre2.csv", pre2),
        ("post2.csv", post2),
    ]);
    let run = |a: &str, b: &str| {
        json(
            dir.path(),
            &[
                "compare",
                "--pre",
                a,
                "--post",
                b,
                "--group",
                "g",
                "--treatment",
                "t",
            ],
        )
    };
    let v = run("pre.csv", "post.csv");
    let s = scale(&v, "s");
    // (issue 27, from the audit: R's lm gives the adjusted difference, 3, exactly; only its SE,
    // t and p are undefined)
    let a = &s["between_groups"]["ancova"];
    assert!(close(&a["diff"], 3.0, 1e-12), "{a}");
    for inferential in ["se", "t", "p_value", "ci_low", "ci_high", "partial_eta_sq"] {
        assert!(a[inferential].is_null(), "{inferential}: {a}");
    }
    let why = s["notes"]["between_groups.ancova.t"].as_str().unwrap();
    assert!(why.contains("essentially perfect fit"), "{why}");
    let text = stdout_of(prepost(dir.path()).args([
        "compare",
        "--pre",
        "pre.csv",
        "--post",
        "post.csv",
        "--group",
        "g",
        "--treatment",
        "t",
    ]));
    assert!(
        text.contains("the difference was 3.00 (the post-test is an exact linear function"),
        "{text}"
    );
    let v = run("pre2.csv", "post2.csv");
    let s = scale(&v, "s");
    assert!(s["between_groups"]["ancova"]["diff"].is_number());
    assert!(s["between_groups"]["ancova"]["interaction_p"].is_null());
    assert!(s["notes"]["between_groups.ancova.interaction_p"]
        .as_str()
        .unwrap()
        .contains("cannot be estimated"));
}

#[test]
fn degenerate_effect_sizes_are_null_with_a_reason() {
    let dir = dir_with(&[
        ("pre2.csv", "id,s\n1,10\n2,12\n"),
        ("post2.csv", "id,s\n1,13\n2,14\n"),
        ("pre.csv", "id,s\n1,10\n2,12\n3,9\n4,14\n"),
        ("post.csv", "id,s\n1,13\n2,15\n3,12\n4,17\n"),
    ]);
    // two pairs: r is ±1, d_rm says nothing
    let v = json(
        dir.path(),
        &["compare", "--pre", "pre2.csv", "--post", "post2.csv"],
    );
    let s = scale(&v, "s");
    assert!(s["effect_sizes"]["d_rm"].is_null());
    assert!(s["notes"]["effect_sizes.d_rm"]
        .as_str()
        .unwrap()
        .contains("two pairs"));
    // every difference 3: d_av has a value but no interval
    let v = json(
        dir.path(),
        &["compare", "--pre", "pre.csv", "--post", "post.csv"],
    );
    let s = scale(&v, "s");
    for es in ["d_av", "g_av"] {
        assert!(s["effect_sizes"][es]["value"].is_number(), "{es}");
        assert!(s["effect_sizes"][es]["ci_low"].is_null(), "{es}");
        assert!(
            s["notes"][format!("effect_sizes.{es}.ci")].is_string(),
            "{es}"
        );
    }
    let text =
        stdout_of(prepost(dir.path()).args(["compare", "--pre", "pre.csv", "--post", "post.csv"]));
    assert!(text.contains("every difference is the same"), "{text}");
}

#[test]
fn an_interval_that_cannot_reach_its_level_says_what_it_reaches() {
    // three nonzero differences: the exact Hodges-Lehmann interval covers at most 75%
    let dir = dir_with(&[
        ("pre.csv", "id,s\n1,10\n2,12\n3,9\n"),
        ("post.csv", "id,s\n1,13\n2,14\n3,10\n"),
        ("pre1.csv", "id,s\n1,10\n2,12\n3,9\n"),
        ("post1.csv", "id,s\n1,13\n2,12\n3,9\n"),
    ]);
    let v = json(
        dir.path(),
        &["compare", "--pre", "pre.csv", "--post", "post.csv"],
    );
    let s = scale(&v, "s");
    assert_eq!(s["wilcoxon"]["ci_achieved_level"], 0.75);
    assert!(s["notes"]["wilcoxon.ci"].as_str().unwrap().contains("75%"));
    let text =
        stdout_of(prepost(dir.path()).args(["compare", "--pre", "pre.csv", "--post", "post.csv"]));
    assert!(text.contains("(75%)"), "{text}");
    let csv = stdout_of(prepost(dir.path()).args([
        "compare", "--pre", "pre.csv", "--post", "post.csv", "--format", "csv",
    ]));
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .contains("pseudomedian_ci_level"));
    assert!(csv.lines().nth(1).unwrap().contains(",0.75,"));
    // one ranked difference: the rank-biserial r is 1 whatever it is, with no interval
    let v = json(
        dir.path(),
        &["compare", "--pre", "pre1.csv", "--post", "post1.csv"],
    );
    let s = scale(&v, "s");
    assert_eq!(s["effect_sizes"]["rank_biserial"]["value"], 1.0);
    assert!(s["effect_sizes"]["rank_biserial"]["ci_low"].is_null());
    assert!(s["notes"]["effect_sizes.rank_biserial.ci"].is_string());
}

#[test]
fn one_sided_tests_beside_the_two_sided_ancova_say_which_is_which() {
    let ex = repo().join("data/example");
    let text = stdout_of(prepost(&ex).args([
        "compare",
        "--pre",
        "groups_pre.csv",
        "--post",
        "groups_post.csv",
        "--group",
        "group",
        "--treatment",
        "program",
        "--alternative",
        "greater",
        "--scores",
        "total",
    ]));
    assert!(text.contains(" (one-sided), g = "), "{text}");
    assert!(text.contains(" (two-sided), \u{03b7}p\u{00b2}"), "{text}");
    // the open end of the bounded rank-biserial r is its bound, as effectsize prints it
    let v = json_of(prepost(&ex).args([
        "compare",
        "--pre",
        "pre.csv",
        "--post",
        "post.csv",
        "--alternative",
        "greater",
        "--format",
        "json",
    ]));
    assert_eq!(
        scale(&v, "total")["effect_sizes"]["rank_biserial"]["ci_high"],
        1.0
    );
    assert!(scale(&v, "total")["effect_sizes"]["d_z"]["ci_high"].is_null());
}

// Issue 27: the third adversarial round.

/// Finding 15: a wave whose score column is empty in every row: the message names the column and the
/// file, not "no numeric columns".
#[test]
fn an_empty_score_column_is_named() {
    let dir = dir_with(&[
        ("pre.csv", "id,total\n1,3\n2,4\n3,5\n"),
        ("post.csv", "id,total\n1,\n2,NA\n3,\n"),
    ]);
    let out = prepost(dir.path())
        .args(["compare", "--pre", "pre.csv", "--post", "post.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("post.csv") && err.contains("\"total\"") && err.contains("no value"),
        "{err}"
    );
}

/// Finding 16: Time runs forward: the pre-test is the earlier wave.
#[test]
fn waves_compared_backwards_in_time_are_refused() {
    for labels in [
        &["--pre-label", "post", "--post-label", "pre"][..],
        &["--pre-label", "follow"][..],
    ] {
        let out = prepost(&repo())
            .args(["compare"])
            .args(["--wave", "pre=data/example/pre.csv"])
            .args(["--wave", "post=data/example/post.csv"])
            .args(["--wave", "follow=data/example/follow.csv"])
            .args(labels)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{labels:?}: {err}");
        assert!(err.contains("comes after the post-test"), "{err}");
    }
}

/// Finding 17: one participant measured at every wave: the tests across the waves are null with a
/// note, as docs/json.md says, not absent.
#[test]
fn tests_across_the_waves_without_enough_participants_are_null() {
    let dir = dir_with(&[
        ("a.csv", "id,total\n1,3\n2,4\n3,5\n"),
        ("b.csv", "id,total\n1,4\n2,6\n3,6\n"),
        ("c.csv", "id,total\n1,5\n"),
    ]);
    let json = json_of(prepost(dir.path()).args([
        "compare",
        "--wave",
        "pre=a.csv",
        "--wave",
        "post=b.csv",
        "--wave",
        "c=c.csv",
        "--format",
        "json",
    ]));
    let s = &json["scales"][0];
    for key in ["friedman", "rm_anova"] {
        assert!(s.get(key).is_some_and(|v| v.is_null()), "{key}: {s}");
        assert!(s["notes"][key].as_str().is_some(), "{key} has its note");
    }
}

/// Finding 19: Full-width digits are said to be full-width, with the number they stand for.
#[test]
fn full_width_digits_are_named() {
    let dir = dir_with(&[
        ("pre.csv", "id,total\n1,3\n2,4\n3,5\n"),
        ("post.csv", "id,total\n1,\u{ff11}\u{ff12}\n2,4\n3,5\n"),
    ]);
    let out = prepost(dir.path())
        .args(["compare", "--pre", "pre.csv", "--post", "post.csv"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("full-width digits") && err.contains("(12)"),
        "{err}"
    );
}

/// Finding 20: A column without a value in any file is left out with a note.
#[test]
fn a_column_empty_everywhere_is_noted() {
    let dir = dir_with(&[
        ("pre.csv", "id,total,x\n1,3,\n2,4,NA\n3,5,\n"),
        ("post.csv", "id,total,x\n1,4,\n2,6,\n3,6,NA\n"),
    ]);
    let json = json_of(prepost(dir.path()).args([
        "compare", "--pre", "pre.csv", "--post", "post.csv", "--format", "json",
    ]));
    let notes = json["notes"].to_string();
    assert!(
        notes.contains("column \\\"x\\\" has no value in any file"),
        "{notes}"
    );
}

/// Findings 1, 2 and 12: the Bayes factor of an overwhelming change. pre = 100..107, post =
/// pre + 1 ± 0.001 (t ≈ 2,646) never returned; ± 1e-5 (t ≈ 264,575) gave "BF10 < 0.001". Both
/// return at once with the exact value (a 40-digit integral over g,
/// scripts/reference/bayes_audit.py; to 1e-6, as the CSV's decimals move t by ~1e-9).
#[test]
fn the_bayes_factor_of_an_overwhelming_change_is_exact_and_quick() {
    for (noise, exact) in [
        ("0.001", 265962517624353381.96),
        ("0.00001", 2.659615203673573554e29),
    ] {
        let eps: f64 = noise.parse().unwrap();
        let mut pre = String::from("id,s\n");
        let mut post = String::from("id,s\n");
        for i in 0..8 {
            let x = 100.0 + f64::from(i);
            let sign = if i % 2 == 0 { 1.0 } else { -1.0 };
            pre += &format!("{i},{x}\n");
            post += &format!("{i},{}\n", x + 1.0 + sign * eps);
        }
        let dir = dir_with(&[("pre.csv", &pre), ("post.csv", &post)]);
        let start = std::time::Instant::now();
        let v = json(
            dir.path(),
            &["compare", "--pre", "pre.csv", "--post", "post.csv"],
        );
        // (a bound no hang meets: the run takes milliseconds)
        assert!(start.elapsed().as_secs() < 60, "{noise}");
        let s = scale(&v, "s");
        assert!(
            close(&s["bayes"]["bf10"], exact, 1e-6),
            "{noise}: {}",
            s["bayes"]
        );
    }
}

/// Findings 3 and 14: power at the extremes. n = 1e16 gave d = 2.66e-8 (the normal limit is
/// 2.80e-8); d = 0.0001 said no n reaches the power (7.85e8 does); d = 100 gave n = 2 without
/// saying that the real solution lies below 2.
#[test]
fn power_at_the_extremes_is_right_and_says_so() {
    let dir = dir_with(&[]);
    let plan = |args: &[&str]| {
        json_of(
            prepost(dir.path())
                .arg("power")
                .args(args)
                .args(["--format", "json"]),
        )
    };
    let v = plan(&["--n", "10000000000000000", "--power", "0.8"]);
    // at 10^16 − 1 df the t is the normal: Φ(δ − z_.975) + Φ(−δ − z_.975) = .8 at
    // δ = 2.80158178701357890e-8·√n (mpmath, 30 digits)
    assert!(close(&v["d"], 2.8015817870135789e-8, 1e-12), "{v}");
    let v = plan(&["--d", "0.0001", "--power", "0.8"]);
    let n = num(&v["n"]).unwrap();
    assert!((n / 7.85e8 - 1.0).abs() < 1e-3, "{v}");
    let v = plan(&["--d", "100", "--power", "0.8"]);
    assert_eq!(num(&v["n"]), Some(2.0));
    assert!(
        v["notes"]
            .to_string()
            .contains("the exact sample size lies below it"),
        "{v}"
    );
}

/// Finding 18: scores × 1e-200 are the same study: the same t, d_z and p, not "the
/// differences are essentially constant".
#[test]
fn tiny_scores_are_the_same_study() {
    let pre = [10.0, 12.0, 9.0, 14.0, 11.0, 13.0];
    let post = [13.0, 15.0, 11.0, 15.0, 14.0, 13.5];
    let files = |unit: f64| {
        let col = |x: &[f64]| {
            let mut s = String::from("id,s\n");
            for (i, v) in x.iter().enumerate() {
                s += &format!("{i},{:e}\n", v * unit);
            }
            s
        };
        dir_with(&[("pre.csv", &col(&pre)), ("post.csv", &col(&post))])
    };
    let run = |unit: f64| {
        let dir = files(unit);
        json(
            dir.path(),
            &["compare", "--pre", "pre.csv", "--post", "post.csv"],
        )
    };
    let (a, b) = (run(1.0), run(1e-200));
    let (a, b) = (scale(&a, "s"), scale(&b, "s"));
    for (part, field) in [
        ("t_test", "t"),
        ("t_test", "p_value"),
        ("effect_sizes", "d_z"),
    ] {
        let x = if part == "effect_sizes" {
            num(&a[part][field]["value"]).unwrap()
        } else {
            num(&a[part][field]).unwrap()
        };
        let y = if part == "effect_sizes" {
            &b[part][field]["value"]
        } else {
            &b[part][field]
        };
        assert!(close(y, x, 1e-12), "{part}.{field}: {y} vs {x}");
    }
}
