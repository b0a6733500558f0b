//! `prepost completions SHELL` and `prepost man` (issue 17): generated from the command line's
//! definition, so every subcommand and option is in them.

use crate::common::*;

#[test]
fn completions_know_every_subcommand_in_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _prepost"),
        ("zsh", "#compdef prepost"),
        ("fish", "complete -c prepost"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = stdout_of(prepost(&repo()).args(["completions", shell]));
        assert!(out.contains(marker), "{shell}: {marker}");
        for sub in [
            "compare",
            "score",
            "screen",
            "reliability",
            "factor",
            "case",
            "power",
        ] {
            assert!(out.contains(sub), "{shell} lacks {sub}");
        }
    }
    assert!(stdout_of(prepost(&repo()).args(["completions", "bash"])).contains("--equivalence-dz"));
    prepost(&repo())
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

#[test]
fn the_manual_page_is_roff_and_a_page_per_command_can_be_written() {
    let out = stdout_of(prepost(&repo()).arg("man"));
    assert!(out.contains(".TH prepost 1"), "{out}");
    assert!(out.contains("compare"));
    let dir = tempfile::tempdir().unwrap();
    prepost(&repo())
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    for page in [
        "prepost.1",
        "prepost-compare.1",
        "prepost-power.1",
        "prepost-case.1",
        "prepost-factor.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        assert!(text.starts_with(".ie") || text.contains(".TH"), "{page}");
    }
    let compare = std::fs::read_to_string(dir.path().join("prepost-compare.1")).unwrap();
    assert!(compare.contains("equivalence"));
}
