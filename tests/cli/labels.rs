//! Labels and language (issue 17): a spec's `label` and `label_zh` name the scale and its
//! scores in every readable report (headings, tables, sentences, figures) in the report's
//! language; CSV and JSON keep the names. `reliability --lang zh` is Chinese.

use crate::common::*;
use predicates::prelude::*;

/// The example's spec with English labels on two scores (the bundled spec has Chinese ones).
fn labelled_spec(dir: &std::path::Path) -> std::path::PathBuf {
    let spec = std::fs::read_to_string(repo().join("data/scales/children_self_confidence.toml"))
        .unwrap()
        .replace(
            "name = \"self_perception\"\n",
            "name = \"self_perception\"\nlabel = \"Self-perception\"\n",
        )
        .replace(
            "[total]\n",
            "[total]\nlabel = \"Self-confidence (total)\"\n",
        )
        .replace(
            "label_zh = \"儿童自信心量表\"",
            "label = \"CSCS\"\nlabel_zh = \"儿童自信心量表\"",
        );
    let path = dir.join("spec.toml");
    std::fs::write(&path, spec).unwrap();
    path
}

fn run(spec: &std::path::Path, extra: &[&str]) -> String {
    stdout_of(
        prepost(&repo().join("data/example"))
            .args(["compare", "--scale"])
            .arg(spec)
            .args(["--pre", "pre_items.csv", "--post", "post_items.csv"])
            .args(extra),
    )
}

#[test]
fn labels_name_the_scores_in_readable_reports_and_names_stay_in_data() {
    let dir = tempfile::tempdir().unwrap();
    let spec = labelled_spec(dir.path());
    let text = run(&spec, &["--format", "markdown"]);
    // sentences, tables, the list of scores and the participants' headings
    assert!(
        text.contains("Self-perception rose from M = 13.64"),
        "{text}"
    );
    assert!(
        text.contains("Self-confidence (total) rose from M = 55.45"),
        "{text}"
    );
    assert!(text.contains("| Self-perception | 11 |"), "{text}");
    assert!(text.contains("Scale: CSCS ("), "{text}");
    assert!(
        text.contains("Change per participant: Self-perception"),
        "{text}"
    );
    // a score without a label keeps its name
    assert!(text.contains("Interpersonal rose from"), "{text}");
    assert!(!text.contains("self_perception"), "{text}");

    // figures: titles and the grouping headings
    let html = run(&spec, &["--format", "html"]);
    assert!(
        html.contains("<title>Self-perception: before and after</title>"),
        "{html}"
    );

    // Chinese labels in Chinese reports; English ones where no Chinese is given
    let zh = run(&spec, &["--lang", "zh", "--format", "markdown"]);
    assert!(zh.contains("自我认知由前测 M = 13.64"), "{zh}");
    assert!(zh.contains("量表：儿童自信心量表（"), "{zh}");

    // CSV and JSON keep the names (the JSON has the labels beside them)
    let csv = run(&spec, &["--format", "csv"]);
    assert!(
        csv.lines().nth(1).unwrap().starts_with("self_perception,"),
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&spec, &["--format", "json"])).unwrap();
    assert_eq!(json["scales"][0]["scale"], "self_perception");
    let rule = &json["options"]["scale"]["scores"][0];
    assert_eq!(rule["label"], "Self-perception");
    assert_eq!(rule["label_zh"], "自我认知");
    assert!(json["options"]["scale"]["scores"][1].get("label").is_none());
}

#[test]
fn reliability_speaks_chinese_and_uses_the_labels() {
    let zh = stdout_of(prepost(&repo().join("data/example")).args([
        "reliability",
        "--scale",
        "../scales/children_self_confidence.toml",
        "pre_items.csv",
        "--lang",
        "zh",
    ]));
    for words in [
        "prepost 信度分析：儿童自信心量表",
        "数据：pre_items.csv（12 名作答者）。",
        "所用数据行：所有题目均已作答者（成列删除）",
        "题目分析（R = 反向计分题）",
        "校正的题总相关（CITC）",
        "自我认知",
    ] {
        assert!(zh.contains(words), "{words}: {zh}");
    }
    assert!(
        !zh.contains("Rows used") && !zh.contains("self_perception"),
        "{zh}"
    );
}

#[test]
fn a_label_that_is_not_text_is_a_spec_error() {
    let dir = dir_with(&[(
        "spec.toml",
        "name = \"s\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"a\"\nlabel = 3\nitems = [\"q1\", \"q2\"]\n",
    )]);
    prepost(dir.path())
        .args(["scale", "check", "spec.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("label"));
}

#[test]
fn single_case_reports_use_the_labels_too() {
    let dir = dir_with(&[
        (
            "spec.toml",
            "name = \"w\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"worry\"\nlabel = \"Worry (parent)\"\nlabel_zh = \"担忧\"\nitems = [\"q1\", \"q2\"]\nhigher_is_better = false\n[total]\nenabled = false\n",
        ),
        (
            "items.csv",
            "session,phase,q1,q2\n1,A,4,5\n2,A,5,4\n3,A,4,4\n4,B,2,3\n5,B,2,2\n6,B,1,2\n",
        ),
    ]);
    let run = |extra: &[&str]| {
        stdout_of(
            prepost(dir.path())
                .args(["case", "--data", "items.csv", "--scale", "spec.toml"])
                .args(extra),
        )
    };
    let en = run(&[]);
    assert!(en.contains("Worry (parent)"), "{en}");
    assert!(!en.contains("worry"), "{en}");
    let zh = run(&["--lang", "zh"]);
    assert!(zh.contains("担忧"), "{zh}");
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    assert_eq!(json["cases"][0]["scores"][0]["score"], "worry");
    assert_eq!(json["options"]["labels"]["worry"]["label_zh"], "担忧");
}

#[test]
fn two_scores_with_the_same_label_are_a_spec_error() {
    let dir = dir_with(&[(
        "spec.toml",
        "name = \"s\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"a\"\nlabel_zh = \"情绪\"\nitems = [\"q1\", \"q2\"]\n[[subscale]]\nname = \"b\"\nlabel_zh = \"情绪\"\nitems = [\"q3\", \"q4\"]\n",
    )]);
    prepost(dir.path())
        .args(["scale", "check", "spec.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "scores \"a\" and \"b\" would both be called \"情绪\"",
        ));
}
