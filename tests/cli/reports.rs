//! The readable reports: HTML (parsed), LaTeX, APA sentences in English and Chinese.

use crate::common::*;
use predicates::prelude::*;
use std::path::Path;

/// An HTML document to query with CSS selectors (tl, a parser without dependencies: scraper
/// changes the features of crates polars shares, and `cargo test` would compile polars again).
struct Doc<'a> {
    dom: tl::VDom<'a>,
}

impl<'a> Doc<'a> {
    fn parse(html: &'a str) -> Doc<'a> {
        Doc {
            dom: tl::parse(html, tl::ParserOptions::default()).expect("the HTML parses"),
        }
    }

    /// The elements matching a selector; its descendant combinators (spaces) are taken here,
    /// one compound selector at a time (tl parses them but does not match them).
    fn select(&self, selector: &str) -> Vec<&tl::HTMLTag<'a>> {
        let parser = self.dom.parser();
        let mut parts = selector.split_whitespace();
        let mut found: Vec<tl::NodeHandle> = self
            .dom
            .query_selector(parts.next().expect("a selector"))
            .expect("a valid selector")
            .collect();
        for part in parts {
            let mut next: Vec<tl::NodeHandle> = Vec::new();
            for h in &found {
                let Some(tag) = h.get(parser).and_then(|n| n.as_tag()) else {
                    continue;
                };
                for inner in tag.query_selector(parser, part).expect("a valid selector") {
                    if !next.iter().any(|x| x.get_inner() == inner.get_inner()) {
                        next.push(inner);
                    }
                }
            }
            found = next;
        }
        found
            .iter()
            .filter_map(|h| h.get(parser).and_then(|n| n.as_tag()))
            .collect()
    }

    fn count(&self, selector: &str) -> usize {
        self.select(selector).len()
    }

    /// The text of every element matching a selector.
    fn texts(&self, selector: &str) -> Vec<String> {
        let parser = self.dom.parser();
        self.select(selector)
            .iter()
            .map(|t| t.inner_text(parser).into_owned())
            .collect()
    }

    /// For every element matching `outer`, the texts of its elements matching `inner` (one
    /// compound selector).
    fn nested(&self, outer: &str, inner: &str) -> Vec<Vec<String>> {
        let parser = self.dom.parser();
        self.select(outer)
            .iter()
            .map(|t| {
                t.query_selector(parser, inner)
                    .expect("a valid selector")
                    .filter_map(|h| h.get(parser))
                    .map(|n| n.inner_text(parser).into_owned())
                    .collect()
            })
            .collect()
    }
}

/// Compares `got` with the golden file tests/data/snapshots/NAME, or rewrites the file when
/// UPDATE_SNAPSHOTS is set. Every number in a snapshot is also checked against a reference
/// elsewhere (the JSON values against R in groups.rs, items.rs and compare_reference.rs).
fn snapshot(name: &str, got: &str) {
    let path = repo().join("tests/data/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {name}; run with UPDATE_SNAPSHOTS=1"));
    if got != want {
        for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
            assert_eq!(g, w, "{name}: first difference at line {}", i + 1);
        }
        assert_eq!(
            got.lines().count(),
            want.lines().count(),
            "{name}: line count"
        );
    }
}

fn html_of(dir: &Path) -> (String, serde_json::Value) {
    let ex = repo().join("data/example");
    prepost(&ex)
        .args(example_items_compare(true))
        .arg("--out-dir")
        .arg(dir)
        .assert()
        .success();
    let html = std::fs::read_to_string(dir.join("results.html")).unwrap();
    let json =
        serde_json::from_str(&std::fs::read_to_string(dir.join("results.json")).unwrap()).unwrap();
    (html, json)
}

#[test]
fn html_report_is_self_contained_and_complete() {
    let dir = tempfile::tempdir().unwrap();
    let (html, json) = html_of(dir.path());
    // nothing is fetched: no URL, script, stylesheet link, or external image
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "an URL in the HTML"
    );
    let doc = Doc::parse(&html);
    for bad in ["script", "link", "img", "iframe", "object"] {
        assert_eq!(doc.count(bad), 0, "<{bad}> in the HTML");
    }
    assert_eq!(doc.count("style"), 1);
    // APA: statistical symbols in italics
    assert!(doc.texts("section#brief p i").iter().any(|t| t == "t"));
    assert!(doc.texts("section#paired p i").iter().any(|t| t == "SD"));
    for id in [
        "study",
        "brief",
        "detail",
        "descriptives",
        "reliability",
        "paired",
        "groups",
        "change",
        "table-paired-t-test-by-group",
        "table-paired-t-test-both-groups-pooled",
        "table-wilcoxon-signed-rank-test-by-group",
        "table-effect-sizes-both-groups-pooled",
        "figures",
        "participants",
        "overview",
        "notes",
    ] {
        assert_eq!(doc.count(&format!("section#{id}")), 1, "section {id}");
    }
    assert!(doc.count("section[id^=table-reliability]") > 0);
    assert!(doc.count("section[id^=table-ancova]") > 0);
    assert!(doc.count("section[id^=table-reliable-change]") > 0);
    // plots: the forest plot, per scale before/after, differences, Q-Q, change by group and
    // who changed (Jacobson-Truax), and the Bayes factors over the prior scale
    let titles = doc.nested("figure svg", "title");
    assert_eq!(titles.len(), 1 + 5 * 5 + 1);
    for t in &titles {
        assert!(!t.is_empty(), "every plot has a title");
    }
    for id in [
        "total_before_after",
        "effect_sizes_forest",
        "total_change_by_group",
    ] {
        assert_eq!(doc.count(&format!("figure#fig-{id}")), 1, "figure {id}");
    }

    // The tables hold the JSON's numbers, rounded to two decimals.
    let row_of = |section: &str, scale: &str| -> Vec<String> {
        doc.nested(&format!("section#{section} tbody tr"), "td")
            .into_iter()
            .find(|cells| cells.first().map(String::as_str) == Some(scale))
            .unwrap_or_else(|| panic!("row {scale} in {section}"))
    };
    let total = json["scales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scale"] == "total")
        .unwrap();
    let t = total["t_test"]["t"].as_f64().unwrap();
    let row = row_of("table-paired-t-test-both-groups-pooled", "total");
    assert!(row.contains(&format!("{t:.2}")), "{row:?} has t = {t:.2}");
    // with groups, the sentences give each group's change
    let text = doc.texts("html").concat();
    for group in ["program", "comparison"] {
        let dz = total["groups"][group]["effect_sizes"]["d_z"]["value"]
            .as_f64()
            .unwrap();
        let dz = format!("{dz:.2}").replace('-', "\u{2212}");
        // <i>d</i><sub>z</sub>: the text is "dz"
        assert!(
            text.contains(&format!("dz = {dz}")),
            "the APA sentence has d_z = {dz}"
        );
    }
    let anc = total["between_groups"]["ancova"]["diff"].as_f64().unwrap();
    assert!(text.contains(&format!("{anc:.2}")));
    // negative numbers carry a true minus sign
    assert!(text.contains('\u{2212}'));
    // the SVG files are written too, standalone (with their namespace)
    let svg = std::fs::read_to_string(dir.path().join("total_before_after.svg")).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
}

#[test]
fn html_to_stdout_and_chinese() {
    let ex = repo().join("data/example");
    let out = prepost(&ex)
        .args(example_items_compare(true))
        .args(["--format", "html", "--lang", "zh"])
        .assert()
        .success();
    let html = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let doc = Doc::parse(&html);
    assert_eq!(doc.count("html[lang=zh-CN]"), 1);
    let text = doc.texts("html").concat();
    assert!(text.contains("结果摘要"));
    assert!(text.contains("描述统计"));
    assert!(text.contains("配对样本 t 检验"));
    assert!(text.contains("前后测得分"));
}

#[test]
fn apa_sentences_in_english_and_chinese() {
    let ex = repo().join("data/example");
    let mut base = example_items_compare(false);
    base.extend(["--format", "markdown"]);
    let stdout = |args: &[&str]| -> String {
        let out = prepost(&ex).args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let md = stdout(&base);
    // R (t.test on the scored example, see compare.rs): t(10) = 4.7323533, p = .0008013 -> "p < .001"
    assert!(md.contains(
        "Total rose from M = 55.45 (SD = 16.86) to M = 67.00 (SD = 17.44), t(10) = 4.73, p < .001"
    ));
    // the results in brief, and the change from pre to post in detail
    let summary = |md: &str| -> String {
        let part = |from: &str, to: &str| {
            let start = md.find(from).unwrap();
            let end = md[start..].find(to).unwrap();
            md[start..start + end].to_string()
        };
        let brief = md.find("## Results in brief").map_or_else(
            || part("## 结果摘要", "## 结果详述"),
            |_| part("## Results in brief", "## Results in detail"),
        );
        let paired = md.find("### Change from pre to post").map_or_else(
            || part("### 前后测的变化", "#### "),
            |_| part("### Change from pre to post", "#### "),
        );
        brief + &paired
    };
    snapshot("example_apa_en.md", &summary(&md));
    base.extend(["--lang", "zh"]);
    let zh = stdout(&base);
    // (the spec's label_zh names the total)
    assert!(zh.contains("总分由前测 M = 55.45（SD = 16.86）上升至后测 M = 67.00（SD = 17.44），t(10) = 4.73，p < .001"));
    snapshot("example_apa_zh.md", &summary(&zh));
}

#[test]
fn latex_tables_are_booktabs() {
    let ex = repo().join("data/example");
    let out = prepost(&ex)
        .args(example_items_compare(false))
        .args(["--format", "latex"])
        .assert()
        .success();
    let tex = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"));
    assert_eq!(
        tex.matches("\\begin{table}").count(),
        tex.matches("\\end{table}").count()
    );
    assert!(tex.contains("self\\_perception"), "underscores escaped");
    assert!(tex.contains("\\textit{t}(10)~=~4.73"));
    assert!(!tex.contains('\u{2212}'), "minus signs as $-$ for pdflatex");
    snapshot("example.tex", &tex);
}

#[test]
fn digits_apply_to_human_formats_only() {
    let ex = repo().join("data/example");
    prepost(&ex)
        .args([
            "compare", "--pre", "pre.csv", "--post", "post.csv", "--scores", "total", "--digits",
            "3",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("t(10) = 4.732"));
}

#[test]
fn plots_of_a_large_study_stay_small() {
    // 2000 participants: the plots draw a sample of lines and dots, bars instead of 2000 dots,
    // and a thinned Q-Q plot, and say so in the captions.
    let dir = tempfile::tempdir().unwrap();
    let n = 2000;
    let mut pre = String::from("id,score\n");
    let mut post = String::from("id,score\n");
    for i in 0..n {
        let a = 10 + (i * 7) % 13;
        let _ = std::fmt::Write::write_fmt(&mut pre, format_args!("P{i},{a}\n"));
        let _ =
            std::fmt::Write::write_fmt(&mut post, format_args!("P{i},{}\n", a + (i * 5) % 7 - 2));
    }
    std::fs::write(dir.path().join("pre.csv"), pre).unwrap();
    std::fs::write(dir.path().join("post.csv"), post).unwrap();
    prepost(dir.path())
        .args([
            "compare",
            "--pre",
            "pre.csv",
            "--post",
            "post.csv",
            "--out-dir",
            "out",
        ])
        .assert()
        .success();
    let html = std::fs::read_to_string(dir.path().join("out/results.html")).unwrap();
    assert!(html.len() < 400_000, "HTML of {} bytes", html.len());
    let doc = Doc::parse(&html);
    let caption = |id: &str| -> String {
        doc.texts(&format!("figure#fig-{id} figcaption"))
            .pop()
            .unwrap_or_else(|| panic!("figure {id}"))
    };
    assert!(caption("score_before_after").contains("300 of 2000 participants drawn"));
    assert!(caption("score_differences").contains("bars"));
    let svg = std::fs::read_to_string(dir.path().join("out/score_before_after.svg")).unwrap();
    assert_eq!(
        svg.matches("<polyline").count(),
        300 + 1 + 2 * 3,
        "participant lines, means, CIs"
    );
    let bars = std::fs::read_to_string(dir.path().join("out/score_differences.svg")).unwrap();
    assert_eq!(bars.matches("<circle").count(), 0);
    assert!(
        bars.matches("<rect").count() >= 7,
        "a bar per difference (and the background)"
    );
    let qq = std::fs::read_to_string(dir.path().join("out/score_qq.svg")).unwrap();
    assert_eq!(qq.matches("<circle").count(), 500);
}

/// The bundled example with its follow-up, in two groups.
fn follow_up_args() -> Vec<&'static str> {
    vec![
        "compare",
        "--scale",
        "data/scales/children_self_confidence.toml",
        "--wave",
        "pre=data/example/groups_pre_items.csv",
        "--wave",
        "post=data/example/groups_post_items.csv",
        "--wave",
        "follow=data/example/groups_follow_items.csv",
        "--group",
        "group",
        "--treatment",
        "program",
    ]
}

#[test]
fn reports_of_three_waves_have_their_tables_sentences_and_figures() {
    let dir = tempfile::tempdir().unwrap();
    prepost(&repo())
        .args(follow_up_args())
        .arg("--out-dir")
        .arg(dir.path())
        .assert()
        .success();
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    let json: serde_json::Value = serde_json::from_str(&read("results.json")).unwrap();
    let total = json["scales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scale"] == "total")
        .unwrap();
    let html = read("results.html");
    let doc = Doc::parse(&html);
    for id in [
        "waves",
        "table-across-the-waves-descriptives-participants-with-every-wave",
        "table-across-the-waves-friedman-test-and-repeated-measures-anova",
        "table-mixed-anova-group-time-type-iii",
    ] {
        assert_eq!(
            doc.count(&format!("section#{id}")),
            1,
            "section {id}: {:?}",
            doc.texts("h4")
        );
    }
    assert_eq!(doc.count("figure#fig-total_across_waves"), 1);
    // the sentence reports the GG-corrected interaction with its generalized eta squared
    let inter = &total["mixed"]["interaction"];
    let eps = inter["gg_epsilon"].as_f64().unwrap();
    let text = doc.texts("section#waves").concat();
    let df = format!(
        "F({:.2}, {:.2})",
        inter["df1"].as_f64().unwrap() * eps,
        inter["df2"].as_f64().unwrap() * eps
    );
    assert!(text.contains(&df), "{df} in the sentences across the waves");
    assert!(html.contains("<i>\u{03b7}</i><sub>G</sub><sup>2</sup>"));
    assert!(html.contains("<i>\u{03c7}</i><sup>2</sup>"));
    // the CSV tables: one row per scale and group, one per comparison
    let across = read("across_waves.csv");
    assert_eq!(across.lines().count(), 1 + 5 * 3);
    assert!(across.starts_with("scale,group,n,friedman_chi_sq,"));
    assert_eq!(read("pairwise.csv").lines().count(), 1 + 5 * 3 * 3);
    assert_eq!(read("mixed_anova.csv").lines().count(), 1 + 5 * 3);
    assert_eq!(read("follow_up.csv").lines().count(), 1 + 5);
    // LaTeX: the symbols in math mode, nothing left raw
    let tex = read("results.tex");
    assert!(tex.contains("$\\eta_G^2$") && tex.contains("$\\chi^2$"));
    assert!(!tex.contains('\u{03c7}') && !tex.contains('\u{03b5}') && !tex.contains('\u{00d7}'));
}

#[test]
fn three_waves_in_chinese() {
    let out = prepost(&repo())
        .args(follow_up_args())
        .args(["--lang", "zh"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for fragment in [
        "各时点描述统计",
        "混合设计方差分析（组别 × 时间）",
        "重复测量方差分析",
        "干预效果是否维持",
        "Friedman 检验",
    ] {
        assert!(text.contains(fragment), "{fragment}");
    }
}

/// `--sections` keeps only the parts named, in every readable format (Word too), and names
/// the sections there are when one is unknown.
#[test]
fn sections_choose_the_parts_in_every_readable_format() {
    let ex = repo().join("data/example");
    let dir = tempfile::tempdir().unwrap();
    let run = |format: &str, file: &str| -> String {
        let out = dir.path().join(file);
        prepost(&ex)
            .args(example_items_compare(true))
            .args([
                "--sections",
                "brief,paired,groups",
                "--format",
                format,
                "-o",
            ])
            .arg(&out)
            .assert()
            .success();
        if file.ends_with(".docx") {
            use std::io::Read;
            let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
            let mut xml = String::new();
            zip.by_name("word/document.xml")
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            xml
        } else {
            std::fs::read_to_string(&out).unwrap()
        }
    };
    for (format, file) in [
        ("terminal", "r.txt"),
        ("markdown", "r.md"),
        ("html", "r.html"),
        ("latex", "r.tex"),
        ("docx", "r.docx"),
    ] {
        let text = run(format, file);
        for kept in [
            "Results in brief",
            "Results in detail",
            "Change from pre to post",
            "Comparison group",
            "Paired t-test by group",
            "ANCOVA",
        ] {
            assert!(text.contains(kept), "{format}: {kept} kept");
        }
        for left in [
            "Study",
            "Scores before and after",
            "Reliable change",
            "Every participant",
            "Figures",
            "Notes",
        ] {
            assert!(!text.contains(left), "{format}: {left} left out");
        }
    }
    // the HTML keeps its sections by their ids
    let page = run("html", "r.html");
    let html = Doc::parse(&page);
    for id in ["brief", "detail", "paired", "groups"] {
        assert_eq!(html.count(&format!("section#{id}")), 1, "{id}");
    }
    for id in [
        "study",
        "descriptives",
        "change",
        "figures",
        "overview",
        "notes",
    ] {
        assert_eq!(html.count(&format!("section#{id}")), 0, "{id}");
    }
    // an unknown name is a usage error that lists the names
    let out = prepost(&ex)
        .args(example_items_compare(true))
        .args(["--sections", "brief,tables"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no section \"tables\"") && err.contains("brief, detail, descriptives"),
        "{err}"
    );
    // and `--sections help` lists them without needing the other arguments
    let help = stdout_of(prepost(&ex).args(["case", "--sections", "help"]));
    assert!(
        help.starts_with("study ") && help.contains("\ntables "),
        "{help}"
    );
}

/// The results in brief: per scale at most about 60 words in English, and no longer in Chinese
/// (counted in characters, against the English sentence's).
#[test]
fn the_brief_is_brief() {
    let brief = |args: &[&str]| -> Vec<String> {
        let out = stdout_of(prepost(&repo()).args(args).args(["--sections", "brief"]));
        out.lines()
            .filter_map(|l| l.strip_prefix("- "))
            .map(String::from)
            .collect()
    };
    for design in [
        &[
            "compare",
            "--pre",
            "data/example/pre.csv",
            "--post",
            "data/example/post.csv",
        ][..],
        &follow_up_args()[..],
    ] {
        let en = brief(design);
        let zh = brief(&[design, &["--lang", "zh"]].concat());
        assert_eq!(en.len(), 5, "a sentence per scale: {en:?}");
        assert_eq!(zh.len(), 5);
        for (e, z) in en.iter().zip(&zh) {
            let words = e.split_whitespace().count();
            assert!(words <= 60, "{words} words: {e}");
            assert!(
                z.chars().count() <= e.chars().count(),
                "the Chinese is longer: {z}"
            );
        }
    }
}
