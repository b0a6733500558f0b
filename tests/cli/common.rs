//! Helpers shared by the integration tests.

use predicates::Predicate;
use serde_json::Value;
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The fields of a scale's results that only a study of three or more waves has.
pub const ACROSS_WAVES: [&str; 6] = [
    "waves",
    "friedman",
    "rm_anova",
    "pairwise",
    "mixed",
    "follow_up",
];

/// The binary, with the environment pinned (no backtraces, no colour) and run in `dir`.
pub fn prepost(dir: &Path) -> Cmd {
    let mut inner = Command::new(env!("CARGO_BIN_EXE_prepost"));
    inner
        .current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .env("NO_COLOR", "1")
        .env_remove("PREPOST_TRACE");
    Cmd { inner, stdin: None }
}

/// `prepost compare --pre pre.csv --post post.csv`, run in `dir`.
pub fn compare_pre_post(dir: &Path) -> Cmd {
    let mut cmd = prepost(dir);
    cmd.args(["compare", "--pre", "pre.csv", "--post", "post.csv"]);
    cmd
}

/// A run of the binary being set up (what the tests need of `assert_cmd`, which changes the
/// features of crates polars shares and so would make `cargo test` compile polars again).
pub struct Cmd {
    inner: Command,
    stdin: Option<Vec<u8>>,
}

impl Cmd {
    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut Cmd {
        self.inner.arg(arg);
        self
    }

    pub fn args<I, S>(&mut self, args: I) -> &mut Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.inner.args(args);
        self
    }

    /// What the program reads on standard input (else nothing).
    pub fn write_stdin(&mut self, input: impl Into<Vec<u8>>) -> &mut Cmd {
        self.stdin = Some(input.into());
        self
    }

    /// Runs it to the end.
    pub fn output(&mut self) -> std::io::Result<Output> {
        self.inner
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.inner.spawn()?;
        if let Some(input) = self.stdin.clone() {
            let mut pipe = child.stdin.take().expect("stdin is piped");
            // written from another thread, so that a large output cannot block the child
            std::thread::spawn(move || {
                let _ = pipe.write_all(&input);
            });
        }
        child.wait_with_output()
    }

    /// Runs it, for checks on the outcome.
    pub fn assert(&mut self) -> Assert {
        let output = self.output().expect("the binary runs");
        Assert {
            command: format!("{:?}", self.inner),
            output,
        }
    }
}

/// The outcome of a run, checked piece by piece; a failed check shows the whole run.
pub struct Assert {
    command: String,
    output: Output,
}

impl Assert {
    fn fail(&self, what: &str) -> ! {
        panic!(
            "{what}\ncommand: {}\nexit: {:?}\nstdout:\n{}\nstderr:\n{}",
            self.command,
            self.output.status.code(),
            String::from_utf8_lossy(&self.output.stdout),
            String::from_utf8_lossy(&self.output.stderr)
        )
    }

    pub fn success(self) -> Assert {
        if !self.output.status.success() {
            self.fail("expected success");
        }
        self
    }

    pub fn code(self, code: i32) -> Assert {
        if self.output.status.code() != Some(code) {
            self.fail(&format!("expected exit code {code}"));
        }
        self
    }

    pub fn stdout(self, check: impl Predicate<str>) -> Assert {
        if !check.eval(&String::from_utf8_lossy(&self.output.stdout)) {
            self.fail(&format!("stdout fails: {check}"));
        }
        self
    }

    pub fn stderr(self, check: impl Predicate<str>) -> Assert {
        if !check.eval(&String::from_utf8_lossy(&self.output.stderr)) {
            self.fail(&format!("stderr fails: {check}"));
        }
        self
    }

    pub fn get_output(&self) -> &Output {
        &self.output
    }
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
pub fn json_of(cmd: &mut Cmd) -> serde_json::Value {
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

/// `compare` of the bundled example's scores (one group).
pub const EXAMPLE_SCORES: [&str; 5] = [
    "compare",
    "--pre",
    "data/example/pre.csv",
    "--post",
    "data/example/post.csv",
];

/// `compare` of the bundled example's scores with its comparison group.
pub const EXAMPLE_GROUP_SCORES: [&str; 9] = [
    "compare",
    "--pre",
    "data/example/groups_pre.csv",
    "--post",
    "data/example/groups_post.csv",
    "--group",
    "group",
    "--treatment",
    "program",
];

/// A JSON number's value (None for null or anything else).
pub fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// Asserts that `got` agrees with R's `want` to relative `tol`; where R has no value (null),
/// neither may we.
#[track_caller]
pub fn check(case: &str, what: &str, got: &Value, want: &Value, tol: f64) {
    match num(want) {
        None => assert!(
            got.is_null() || !want.is_null(),
            "{case} {what}: R has no value ({want}), we gave {got}"
        ),
        Some(w) => {
            let g = got
                .as_f64()
                .unwrap_or_else(|| panic!("{case} {what}: R gives {w}, we gave {got}"));
            let ok = if w == 0.0 {
                g.abs() < 1e-12
            } else {
                ((g - w) / w).abs() <= tol
            };
            assert!(ok, "{case} {what}: got {g:e}, R gives {w:e}");
        }
    }
}

/// Standard output of a run that must succeed.
pub fn stdout_of(cmd: &mut Cmd) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}
