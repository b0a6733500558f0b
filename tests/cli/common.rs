//! Helpers shared by the integration tests.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The binary, with the environment pinned (no backtraces, no colour) and run in `dir`.
pub fn prepost(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("prepost").expect("binary built");
    cmd.current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .env("NO_COLOR", "1");
    cmd
}

/// The repository root (where `data/` and `tests/data/` are).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh temporary directory holding the given files.
pub fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, contents) in files {
        std::fs::write(dir.path().join(name), contents).expect("write fixture");
    }
    dir
}

/// Runs the command and parses its standard output as JSON.
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

/// Relative closeness; both null counts as equal.
pub fn close(a: &serde_json::Value, b: f64, tol: f64) -> bool {
    match a.as_f64() {
        Some(x) if b == 0.0 => x == 0.0,
        Some(x) => ((x - b) / b).abs() <= tol,
        None => false,
    }
}

/// `compare` of the bundled example study at item level, run in `data/example`: the one-group
/// files, or with `groups` the files with the comparison group (`--group group --treatment
/// program`).
pub fn example_items_compare(groups: bool) -> Vec<&'static str> {
    let mut args = vec![
        "compare",
        "--scale",
        "../scales/children_self_confidence.toml",
    ];
    if groups {
        args.extend([
            "--pre",
            "groups_pre_items.csv",
            "--post",
            "groups_post_items.csv",
            "--group",
            "group",
            "--treatment",
            "program",
        ]);
    } else {
        args.extend(["--pre", "pre_items.csv", "--post", "post_items.csv"]);
    }
    args
}
