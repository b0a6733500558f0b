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
        "信度分析：儿童自信心量表",
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

/// Chinese sentences whose brackets depend on what was computed: the sensitivity of the
/// group comparison without its ANCOVA part (within-group r = 1), the reliable change of each
/// group, the power answer when the exact rank test raises n.
#[test]
fn chinese_sentences_keep_their_brackets() {
    // post = 2 pre - c in both groups: within-group r = 1, no ANCOVA sensitivity
    let dir = dir_with(&[
        (
            "pre.csv",
            "id,group,total\n1,a,10\n2,a,12\n3,a,15\n4,a,11\n5,b,4.5\n6,b,9.5\n7,b,8.5\n8,b,5.5\n",
        ),
        (
            "post.csv",
            "id,group,total\n1,a,20\n2,a,24\n3,a,30\n4,a,22\n5,b,4\n6,b,14\n7,b,12\n8,b,6\n",
        ),
    ]);
    let zh = stdout_of(prepost(dir.path()).args([
        "compare",
        "--pre",
        "pre.csv",
        "--post",
        "post.csv",
        "--group",
        "group",
        "--treatment",
        "a",
        "--reliability",
        "total=0.9",
        "--lang",
        "zh",
    ]));
    assert!(
        zh.contains("d ≥ 2.38（以变化分数的标准差为单位；α = .05，双侧）。"),
        "{zh}"
    );
    assert!(
        zh.contains("total（a）") && zh.contains("total（全体，统一 S_diff）"),
        "{zh}"
    );
    for doubled in ["）（", "（（", "）)", "，）", "；；"] {
        assert!(!zh.contains(doubled), "{doubled}: {zh}");
    }

    let power = stdout_of(prepost(dir.path()).args([
        "power",
        "--design",
        "two-group",
        "--test",
        "wilcoxon",
        "--d",
        "5",
        "--power",
        "0.8",
        "--lang",
        "zh",
    ]));
    assert!(
        power.contains("计算得每组需 2.22 人；因人数更少时精确检验达不到 α = .05，提高至每组 4 人（共 8 人）。"),
        "{power}"
    );
}

/// A single case's notes in Chinese: the contrast by its phases (labels with hyphens), the
/// measure by its name, the file read as one case.
#[test]
fn chinese_case_notes_name_the_contrast() {
    let dir = dir_with(&[(
        "s.csv",
        "session,phase,score\n1,base-line,3\n2,base-line,3\n3,base-line,3\n4,treat-ment,5\n5,treat-ment,6\n6,treat-ment,7\n",
    )]);
    let zh = stdout_of(prepost(dir.path()).args(["case", "--data", "s.csv", "--lang", "zh"]));
    assert!(
        zh.contains("s · score（base-line1 → treat-ment1，SMD）：基线阶段的方差为 0"),
        "{zh}"
    );
    assert!(
        zh.contains("没有个案列“id”：所有行视为一个个案，命名为“s”"),
        "{zh}"
    );
}
