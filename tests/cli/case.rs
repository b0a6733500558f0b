//! `prepost case` against SingleCaseES 0.7.4: every measure of every contrast of the cases in
//! tests/data/single_case (made by scripts/reference/single_case.R), and its inputs and errors.

use crate::common::*;
use serde_json::Value;

const CLOSED: f64 = 1e-10;

fn reference() -> Value {
    let path = repo().join("tests/data/single_case/reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn run(extra: &[&str]) -> Value {
    let dir = repo().join("tests/data/single_case");
    json_of(
        prepost(&dir)
            .args([
                "case",
                "--data",
                "sessions.csv",
                "--id",
                "case",
                "--improvement",
                "worry=decrease",
                "--format",
                "json",
            ])
            .args(extra),
    )
}

#[test]
fn every_measure_matches_single_case_es() {
    let r = reference();
    let v = run(&[]);
    let mut checked = 0;
    for case in v["cases"].as_array().unwrap() {
        let id = case["id"].as_str().unwrap();
        for s in case["scores"].as_array().unwrap() {
            let score = s["score"].as_str().unwrap();
            let want_all = &r["cases"][id][score];
            let contrasts = s["contrasts"].as_array().unwrap();
            assert_eq!(
                contrasts.len(),
                want_all.as_object().unwrap().len(),
                "{id} {score}: the contrasts"
            );
            for c in contrasts {
                let name = format!(
                    "{}-{}",
                    c["baseline"].as_str().unwrap(),
                    c["treatment"].as_str().unwrap()
                );
                let want = &want_all[&name];
                let at = format!("{id} {score} {name}");
                // the pooled A-B contrast has no baseline trend (prepost, unlike SingleCaseES)
                let pooled = name == "A-B";
                if pooled {
                    assert!(c["tau_bc"].is_null() && c["tau_u"].is_null(), "{at}");
                }
                for m in [
                    "nap", "tau", "tau_bc", "tau_u", "pnd", "pem", "pand", "ird", "smd", "lrr",
                ] {
                    if pooled && (m == "tau_bc" || m == "tau_u") {
                        continue;
                    }
                    check(
                        &at,
                        &format!("{m} value"),
                        &c[m]["value"],
                        &want[m]["value"],
                        CLOSED,
                    );
                    check(&at, &format!("{m} se"), &c[m]["se"], &want[m]["se"], CLOSED);
                    if !["nap", "tau", "tau_bc"].contains(&m) {
                        check(
                            &at,
                            &format!("{m} ci_low"),
                            &c[m]["ci_low"],
                            &want[m]["ci_low"],
                            CLOSED,
                        );
                        check(
                            &at,
                            &format!("{m} ci_high"),
                            &c[m]["ci_high"],
                            &want[m]["ci_high"],
                            CLOSED,
                        );
                    }
                    checked += 1;
                }
                // the NAP interval solved exactly (SingleCaseES: uniroot's default tolerance)
                let nap = &want["nap_ci_exact"];
                check(&at, "nap ci_low", &c["nap"]["ci_low"], &nap[0], 1e-12);
                check(&at, "nap ci_high", &c["nap"]["ci_high"], &nap[1], 1e-12);
                let tau_lo = 2.0 * nap[0].as_f64().unwrap() - 1.0;
                assert!(close(&c["tau"]["ci_low"], tau_lo, 1e-10), "{at} tau ci_low");
                if !pooled {
                    let bc = &want["tau_bc_ci_exact"];
                    check(&at, "tau_bc ci_low", &c["tau_bc"]["ci_low"], &bc[0], 1e-10);
                    check(
                        &at,
                        "tau_bc ci_high",
                        &c["tau_bc"]["ci_high"],
                        &bc[1],
                        1e-10,
                    );
                }
            }
        }
    }
    assert_eq!(checked, 10 * 2 * (1 + 3 + 1 + 1 + 1) + 8 * 2);
}

#[test]
fn phases_averages_and_directions() {
    let v = run(&[]);
    let c2 = &v["cases"][1];
    assert_eq!(c2["id"], "C2");
    let labels: Vec<&str> = c2["scores"][0]["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["A1", "B1", "A2", "B2"]);
    // A1: 3, 4, 3, 5 on sessions 1-4
    let a1 = &c2["scores"][0]["phases"][0];
    assert_eq!(a1["n"], 4);
    assert!(close(&a1["mean"], 3.75, 1e-12));
    assert!(close(&a1["slope"], 0.5, 1e-12));
    assert_eq!(c2["scores"][1]["improvement"], "decrease");
    // the averages: A1-B1 over all five cases; contrasts of one case are not averaged
    let avg = v["average"].as_array().unwrap();
    let nap_values: Vec<f64> = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c["scores"][0]["contrasts"][0]["nap"]["value"]
                .as_f64()
                .unwrap()
        })
        .collect();
    let first = &avg[0];
    assert_eq!(
        (first["baseline"].as_str(), first["n_cases"].as_u64()),
        (Some("A1"), Some(5))
    );
    assert!(close(
        &first["measures"]["nap"]["value"],
        nap_values.iter().sum::<f64>() / 5.0,
        1e-12
    ));
    assert!(avg.iter().all(|a| a["n_cases"].as_u64().unwrap() >= 2));
}

#[test]
fn reports_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let data = repo().join("tests/data/single_case/sessions.csv");
    let text = stdout_of(
        prepost(dir.path())
            .args(["case", "--id", "case", "--data"])
            .arg(&data),
    );
    assert!(text.contains("Non-overlap (95% CI)"), "{text}");
    assert!(text.contains("Tau-U is not bounded by ±1"));
    let zh = stdout_of(
        prepost(dir.path())
            .args(["case", "--id", "case", "--lang", "zh", "--data"])
            .arg(&data),
    );
    assert!(zh.contains("非重叠指标") && zh.contains("干预阶段"), "{zh}");
    prepost(dir.path())
        .args(["case", "--id", "case", "--out-dir", "out", "--data"])
        .arg(&data)
        .assert()
        .success();
    for f in [
        "contrasts.csv",
        "phases.csv",
        "sessions.csv",
        "average.csv",
        "results.json",
        "results.md",
        "results.html",
        "results.tex",
        "C2_resilience_phases.svg",
    ] {
        assert!(dir.path().join("out").join(f).exists(), "{f}");
    }
    let html = std::fs::read_to_string(dir.path().join("out/results.html")).unwrap();
    assert!(html.contains("<figure id=\"fig-C2_resilience_phases\">"));
    let csv = std::fs::read_to_string(dir.path().join("out/contrasts.csv")).unwrap();
    assert!(csv.starts_with(
        "case,score,improvement,baseline,treatment,measure,value,se,ci_low,ci_high,class\n"
    ));
}

#[test]
fn edge_cases_say_why() {
    let dir = dir_with(&[
        // one baseline session: no SD, no trend; all equal: no variation
        (
            "one.csv",
            "session,phase,score\n1,A,5\n2,B,7\n3,B,8\n4,B,9\n",
        ),
        (
            "flat.csv",
            "session,phase,score\n1,A,4\n2,A,4\n3,A,4\n4,B,4\n5,B,4\n",
        ),
        // rows out of order, ties across phases
        (
            "order.csv",
            "session,phase,score\n3,A,5\n1,A,4\n5,B,5\n2,A,6\n4,B,7\n6,B,5\n",
        ),
    ]);
    let v = json_of(prepost(dir.path()).args(["case", "--data", "one.csv", "--format", "json"]));
    let s = &v["cases"][0]["scores"][0];
    assert_eq!(v["cases"][0]["id"], "one");
    assert!(s["contrasts"][0]["smd"].is_null());
    assert!(s["notes"]["A1-B1.smd"].is_string());
    assert!(s["notes"]["A1-B1.tau_bc"].is_string());
    assert_eq!(s["contrasts"][0]["nap"]["value"], 1.0);
    assert!(s["contrasts"][0]["nap"]["se"].is_null());
    assert!(v["notes"][0].as_str().unwrap().contains("no case column"));
    let v = json_of(prepost(dir.path()).args(["case", "--data", "flat.csv", "--format", "json"]));
    let c = &v["cases"][0]["scores"][0]["contrasts"][0];
    assert_eq!(c["nap"]["value"], 0.5);
    assert!(c["smd"].is_null());
    let v = json_of(prepost(dir.path()).args(["case", "--data", "order.csv", "--format", "json"]));
    let p = &v["cases"][0]["scores"][0]["phases"][0];
    assert_eq!(p["scores"], serde_json::json!([4.0, 6.0, 5.0]));
    // NAP with ties: A 4, 6, 5 against B 7, 5, 5 -> (3 + 0 + 1 + 1 + 0 + .5 + .5 + ... )/9
    let nap = v["cases"][0]["scores"][0]["contrasts"][0]["nap"]["value"]
        .as_f64()
        .unwrap();
    let (a, b) = ([4.0, 6.0, 5.0], [7.0, 5.0, 5.0]);
    let by_hand: f64 = a
        .iter()
        .flat_map(|x| {
            b.iter().map(move |y| {
                if y > x {
                    1.0
                } else if y == x {
                    0.5
                } else {
                    0.0
                }
            })
        })
        .sum::<f64>()
        / 9.0;
    assert!((nap - by_hand).abs() < 1e-12);
}

#[test]
fn bad_input_names_the_row() {
    let dir = dir_with(&[
        (
            "twice.csv",
            "id,session,phase,score\nx,1,A,4\nx,2,A,5\nx,2,B,6\n",
        ),
        ("nophase.csv", "id,session,phase,score\nx,1,A,4\nx,2,,5\n"),
        ("text.csv", "id,session,phase,score\nx,1,A,4\nx,two,B,5\n"),
        ("onephase.csv", "id,session,phase,score\nx,1,A,4\nx,2,A,5\n"),
        ("ok.csv", "id,session,phase,score\nx,1,A,4\nx,2,B,5\n"),
    ]);
    for (file, extra, fragment) in [
        (
            "twice.csv",
            "",
            "session 2 of case \"x\" appears twice (rows 3 and 4)",
        ),
        (
            "nophase.csv",
            "",
            "row 3, id \"x\", column \"phase\": the phase is missing",
        ),
        (
            "text.csv",
            "",
            "row 3, id \"x\", column \"session\": expected a session number, found \"two\"",
        ),
        (
            "onephase.csv",
            "",
            "a single-case design needs a baseline and an intervention phase",
        ),
        (
            "ok.csv",
            "--baseline C",
            "no session has the phase \"C\" (--baseline)",
        ),
        (
            "ok.csv",
            "--improvement anxiety=decrease",
            "--improvement names \"anxiety\"",
        ),
    ] {
        let mut cmd = prepost(dir.path());
        cmd.args(["case", "--data", file])
            .args(extra.split_whitespace());
        cmd.assert()
            .code(1)
            .stderr(predicates::str::contains(fragment));
    }
    prepost(dir.path())
        .args(["case", "--data", "x.csv", "--session", "s", "--phase", "s"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("both name the column"));
}

#[test]
fn item_answers_are_scored_per_session() {
    let spec = "name = \"Two items\"\nid = \"child\"\nmin = 1\nmax = 5\n\
                [[subscale]]\nname = \"calm\"\nitems = [\"q1\", \"q2\"]\nreverse = [\"q2\"]\n";
    let items = "child,session,phase,q1,q2\nL1,1,A,2,4\nL1,2,A,2,5\nL1,3,A,3,4\n\
                 L1,4,B,4,2\nL1,5,B,5,1\nL1,6,B,4,2\n";
    // calm = q1 + (6 - q2): A 4, 3, 5; B 8, 10, 8
    let scores =
        "child,session,phase,calm\nL1,1,A,4\nL1,2,A,3\nL1,3,A,5\nL1,4,B,8\nL1,5,B,10\nL1,6,B,8\n";
    let dir = dir_with(&[
        ("spec.toml", spec),
        ("items.csv", items),
        ("scores.csv", scores),
    ]);
    let from_items = json_of(prepost(dir.path()).args([
        "case",
        "--data",
        "items.csv",
        "--scale",
        "spec.toml",
        "--format",
        "json",
    ]));
    let from_scores = json_of(prepost(dir.path()).args([
        "case",
        "--data",
        "scores.csv",
        "--id",
        "child",
        "--format",
        "json",
    ]));
    // (the spec adds the total, here the same two items)
    assert_eq!(
        from_items["cases"][0]["scores"][0],
        from_scores["cases"][0]["scores"][0]
    );
    assert_eq!(from_items["cases"][0]["scores"][1]["score"], "total");
    assert_eq!(from_items["options"]["scale"], "spec.toml");
}

/// One session per phase: the non-overlap measures say little, and the child is judged against
/// the norm group: S_diff = √2 · 10 · √0.2 = 6.3246, RCI = (55 − 40)/6.3246 = 2.3717.
#[test]
fn one_session_per_phase_is_judged_against_the_norms() {
    let dir = dir_with(&[("two.csv", "session,phase,score\n1,A,40\n2,B,55\n")]);
    let v = json_of(prepost(dir.path()).args([
        "case",
        "--data",
        "two.csv",
        "--reliability",
        "score=0.8",
        "--norm",
        "score=50,10",
        "--format",
        "json",
    ]));
    let c = &v["cases"][0]["scores"][0]["contrasts"][0];
    let s_diff = 2f64.sqrt() * 10.0 * 0.2f64.sqrt();
    assert!(close(&c["rci"]["value"], 15.0 / s_diff, 1e-12));
    assert_eq!(c["rci"]["class"], "reliably_improved");
    assert!(c["nap"]["se"].is_null() && c["smd"].is_null());
    let text = stdout_of(prepost(dir.path()).args([
        "case",
        "--data",
        "two.csv",
        "--reliability",
        "score=0.8",
        "--norm",
        "score=50,10",
    ]));
    assert!(
        text.contains("RCI = 2.37 (a reliable improvement)"),
        "{text}"
    );
    let csv = stdout_of(prepost(dir.path()).args([
        "case",
        "--data",
        "two.csv",
        "--reliability",
        "score=0.8",
        "--norm",
        "score=50,10",
        "--format",
        "csv",
    ]));
    assert!(csv.contains(",rci,2.37"), "{csv}");
    // both are needed, and they must name scores
    prepost(dir.path())
        .args(["case", "--data", "two.csv", "--reliability", "score=0.8"])
        .assert()
        .code(2);
    prepost(dir.path())
        .args([
            "case",
            "--data",
            "two.csv",
            "--reliability",
            "x=0.8",
            "--norm",
            "x=50,10",
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "--reliability names \"x\", which is not a score",
        ));
}

#[test]
fn review_edge_cases() {
    let spec = "name = \"One item\"\nid = \"child\"\nmin = 1\nmax = 5\n\
                [[subscale]]\nname = \"calm\"\nitems = [\"q1\"]\n";
    let dir = dir_with(&[
        // two baseline sessions: the SMD's J is 0
        ("two.csv", "session,phase,score\n1,A,4\n2,A,5\n3,B,7\n4,B,8\n"),
        // A2 has no value of y: B1 and B2 stay apart
        (
            "gap.csv",
            "session,phase,x,y\n1,A,1,1\n2,A,2,2\n3,B,5,5\n4,B,6,6\n5,A,2,\n6,A,3,\n7,B,7,7\n8,B,8,8\n",
        ),
        // numeric phase labels
        ("digits.csv", "session,phase,score\n1,1,4\n2,1,5\n3,2,7\n4,2,8\n"),
        // item answers without the spec's id column: one case
        ("spec.toml", spec),
        ("items.csv", "session,phase,q1\n1,A,2\n2,A,3\n3,A,2\n4,B,4\n5,B,5\n"),
    ]);
    let run = |args: &[&str]| {
        let mut all = vec!["case"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        json_of(prepost(dir.path()).args(all))
    };
    let v = run(&["--data", "two.csv"]);
    let s = &v["cases"][0]["scores"][0];
    assert!(s["contrasts"][0]["smd"].is_null());
    assert!(s["notes"]["A1-B1.smd"].as_str().unwrap().contains("3"));
    let v = run(&["--data", "gap.csv"]);
    let y = &v["cases"][0]["scores"][1];
    let labels: Vec<&str> = y["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["A1", "B1", "B2"], "A2 is empty, not merged");
    assert!(y["notes"]["A2"].is_string());
    let v = run(&["--data", "digits.csv"]);
    let names: Vec<&str> = v["cases"][0]["scores"][0]["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["1.1", "2.1"]);
    let v = run(&["--data", "items.csv", "--scale", "spec.toml"]);
    assert_eq!(v["cases"].as_array().unwrap().len(), 1);
    assert!(v["options"]["id"].is_null());
}

/// The outcome scales of the ratio measures, the SMD with the pooled SD and the
/// inverse-variance average (issue 27, from the audit on SingleCaseES's data): Schmidt (2007)'s
/// on-task percentages (six series, 20 intervals per session) and a series at 0% in its
/// baseline (truncated by the intervals), each as a case, against SingleCaseES 0.7.4
/// (tests/data/sced/case.csv, scripts/reference/sced.R).
#[test]
fn ratio_measures_on_a_percentage_scale_match_single_case_es() {
    let series: Vec<(String, String)> = [
        "On Task Behavior/Faith/1",
        "On Task Behavior/Faith/2",
        "On Task Behavior/Lilly/1",
        "On Task Behavior/Lilly/2",
        "On Task Behavior/Albert/1",
        "On Task Behavior/Albert/2",
    ]
    .iter()
    .map(|s| ("Schmidt2007".to_string(), s.to_string()))
    .chain(std::iter::once(("edge".into(), "pct_zero".into())))
    .collect();
    let sced = repo().join("tests/data/sced");
    let mut sessions = String::from("case,session,phase,on_task\n");
    let mut reader = csv::Reader::from_path(sced.join("series.csv")).unwrap();
    let mut counts = vec![0; series.len()];
    for row in reader.records() {
        let row = row.unwrap();
        if let Some(k) = series
            .iter()
            .position(|(d, s)| d == &row[0] && s == &row[1])
        {
            counts[k] += 1;
            sessions += &format!("S{k},{},{},{}\n", counts[k], &row[2], &row[3]);
        }
    }
    let dir = dir_with(&[("sessions.csv", &sessions)]);
    let v = json_of(prepost(dir.path()).args([
        "case",
        "--data",
        "sessions.csv",
        "--id",
        "case",
        "--outcome-scale",
        "percentage",
        "--intervals",
        "on_task=20",
        "--format",
        "json",
    ]));
    // the references: (series, es, std_dev) → (est, se), increase, 95%, bias corrected, with
    // the intervals for the ratios
    let mut want = std::collections::HashMap::new();
    let mut reader = csv::Reader::from_path(sced.join("case.csv")).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        let ratio = matches!(&row[2], "LRRi" | "LOR")
            && &row[4] == "percentage"
            && &row[5] == "20"
            && &row[7] == "NA";
        let smd = &row[2] == "SMD" && &row[9] == "pool";
        if (ratio || smd)
            && &row[3] == "increase"
            && row[10].starts_with("0.9499")
            && &row[8] == "TRUE"
        {
            let (Ok(est), Ok(se)) = (row[11].parse::<f64>(), row[12].parse::<f64>()) else {
                panic!("{row:?}: every one of these has an estimate and an SE");
            };
            want.insert(
                (row[0].to_string(), row[1].to_string(), row[2].to_string()),
                (est, se),
            );
        }
    }
    let mut estimates: std::collections::HashMap<&str, Vec<(f64, f64)>> = Default::default();
    for (k, (data, name)) in series.iter().enumerate() {
        let case = v["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == format!("S{k}").as_str())
            .unwrap();
        let contrast = &case["scores"][0]["contrasts"][0];
        for (measure, es) in [("lrr", "LRRi"), ("lor", "LOR"), ("smd_pool", "SMD")] {
            let (est, se) = want[&(data.clone(), name.clone(), es.to_string())];
            let got = &contrast[measure];
            assert!(
                close(&got["value"], est, CLOSED),
                "{name} {measure}: {got} vs {est}"
            );
            assert!(
                close(&got["se"], se, CLOSED),
                "{name} {measure} se: {got} vs {se}"
            );
            estimates.entry(measure).or_default().push((est, se));
        }
    }
    // the inverse-variance average of R's per-series values: Σ w y / Σ w, SE 1/√Σ w, w = 1/SE²
    // (metafor's fixed-effect model; tests/data/sced/average.csv for its Q and I² on Shogren)
    let average = &v["average"][0]["measures"];
    for (measure, cases) in estimates {
        let w: f64 = cases.iter().map(|(_, s)| 1.0 / (s * s)).sum();
        let mean = cases.iter().map(|(y, s)| y / (s * s)).sum::<f64>() / w;
        let q: f64 = cases.iter().map(|(y, s)| ((y - mean) / s).powi(2)).sum();
        let iv = &average[measure]["inverse_variance"];
        assert!(close(&iv["value"], mean, CLOSED), "{measure}: {iv}");
        assert!(close(&iv["se"], 1.0 / w.sqrt(), CLOSED), "{measure}: {iv}");
        assert!(close(&iv["q"], q, 1e-9), "{measure}: {iv}");
        assert_eq!(iv["q_df"], 6);
    }
    // measures without an inverse-variance average have none
    assert!(average["nap"].get("inverse_variance").is_none());
    // the readable report says how the ratios were taken
    let text = stdout_of(prepost(dir.path()).args([
        "case",
        "--data",
        "sessions.csv",
        "--id",
        "case",
        "--outcome-scale",
        "percentage",
        "--intervals",
        "20",
    ]));
    assert!(
        text.contains("on_task as percentages (20 intervals per session)") && text.contains("LOR"),
        "{text}"
    );
}

/// The options of the ratio measures: a score that is not one, an option twice, a scale that
/// does not exist, and scores outside a percentage scale.
#[test]
fn ratio_options_are_checked() {
    let dir = repo().join("tests/data/single_case");
    let base = ["case", "--data", "sessions.csv", "--id", "case"];
    let err = prepost(&dir)
        .args(base)
        .args(["--outcome-scale", "anxiety=rate"])
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&err.get_output().stderr).to_string();
    assert!(
        text.contains("--outcome-scale names \"anxiety\", which is not a score"),
        "{text}"
    );
    prepost(&dir)
        .args(base)
        .args(["--intervals", "10", "--intervals", "20"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--intervals without a score is given twice",
        ));
    prepost(&dir)
        .args(base)
        .args(["--outcome-scale", "ratio"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "expected count, rate, proportion",
        ));
    prepost(&dir)
        .args(base)
        .args(["--session-length", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("expected a number above 0"));
    // scores above 100 on a percentage scale: the ratios are null with the reason
    let v = json_of(prepost(&dir).args(base).args([
        "--outcome-scale",
        "proportion",
        "--format",
        "json",
    ]));
    let score = &v["cases"][0]["scores"][0];
    assert!(score["contrasts"][0]["lrr"].is_null());
    assert!(score["contrasts"][0]["lor"].is_null());
    let notes = score["notes"].to_string();
    assert!(
        notes.contains("a proportion must be between 0 and 1"),
        "{notes}"
    );
}
