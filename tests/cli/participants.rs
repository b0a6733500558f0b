//! Which child changed, in every readable format (issue 17): per scale every participant's
//! pre, post, change, RCI and class, the most improved first, and the Jacobson–Truax plot;
//! left out with --no-participants or above 200 participants.

use crate::common::*;

fn run(extra: &[&str]) -> String {
    stdout_of(
        prepost(&repo())
            .args(EXAMPLE_SCORES)
            .args(["--scores", "total", "--reliability", "total=0.85"])
            .args(extra),
    )
}

/// The ids of the per-participant table of total, in order.
fn ids_in_order(text: &str) -> Vec<String> {
    let start = text
        .find("Change per participant: total")
        .expect("the section");
    text[start..]
        .lines()
        .skip(3)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

#[test]
fn every_participant_is_listed_the_most_improved_first() {
    let text = run(&[]);
    let ids = ids_in_order(&text);
    // changes 24 (C05), 20 (C09), 19 (C07) ... -5 (C02)
    assert_eq!(ids.len(), 11);
    assert_eq!(&ids[..3], ["C05", "C09", "C07"]);
    assert_eq!(ids.last().unwrap(), "C02");
    assert!(
        text.contains("C05  36.00  60.00   24.00   2.60  reliably improved"),
        "{text}"
    );
    // where lower is better the largest fall comes first
    let ids = ids_in_order(&run(&["--lower-is-better", "total"]));
    assert_eq!(ids.first().unwrap(), "C02");
}

#[test]
fn every_readable_format_has_the_section_and_the_plot_is_drawn() {
    let md = run(&["--format", "markdown"]);
    assert!(md.contains("### Change per participant: total"), "{md}");
    let tex = run(&["--format", "latex"]);
    assert!(tex.contains("Change per participant: total"));
    let zh = run(&["--lang", "zh"]);
    assert!(
        zh.contains("个体变化：total") || zh.contains("个体变化: total"),
        "{zh}"
    );
    let html = run(&["--format", "html"]);
    assert!(html.contains("total: who changed (Jacobson-Truax)"));
    let dir = tempfile::tempdir().unwrap();
    prepost(&repo())
        .args(EXAMPLE_SCORES)
        .args([
            "--scores",
            "total",
            "--reliability",
            "total=0.85",
            "--out-dir",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let svg = std::fs::read_to_string(dir.path().join("total_jacobson_truax.svg")).unwrap();
    // eleven participants: each labelled
    assert!(svg.contains(">C05<") && svg.contains(">C02<"));
}

#[test]
fn the_lists_can_be_left_out_and_are_above_200_participants() {
    let text = run(&["--no-participants"]);
    assert!(!text.contains("Change per participant"));
    let html = run(&["--no-participants", "--format", "html"]);
    assert!(!html.contains("who changed (Jacobson-Truax)"));
    // 201 participants
    let mut pre = String::from("id,s\n");
    let mut post = String::from("id,s\n");
    for i in 0..201 {
        pre.push_str(&format!("{i},{}\n", i % 7));
        post.push_str(&format!("{i},{}\n", i % 5 + 1));
    }
    let dir = dir_with(&[("pre.csv", &pre), ("post.csv", &post)]);
    let text =
        stdout_of(prepost(dir.path()).args(["compare", "--pre", "pre.csv", "--post", "post.csv"]));
    assert!(!text.contains("Change per participant"));
    assert!(
        text.contains("201 participants: the readable reports leave out"),
        "{text}"
    );
}
