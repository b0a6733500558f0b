//! The shell example of examples/ (issue 17) runs as a user would run it, against this build
//! (the Rust example's own test runs in `cargo test`; Python and R: scripts/run-examples.sh).

use crate::common::repo;

#[test]
fn the_shell_loop_scores_and_compares_each_class() {
    if std::process::Command::new("bash")
        .arg("-c")
        .arg("true")
        .status()
        .is_err()
    {
        return; // no bash on this system
    }
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("bash")
        .arg(repo().join("examples/compare_each_class.sh"))
        .env("PREPOST", env!("CARGO_BIN_EXE_prepost"))
        .env("OUT", dir.path())
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "class,n,mean_change,d_z,p");
    // class a is the bundled one-group example: R's d_z of the total is 1.42685821455539874
    let a: Vec<&str> = lines[1].split(',').collect();
    assert_eq!((a[0], a[1]), ("class_a", "11"));
    let d_z: f64 = a[3].parse().unwrap();
    assert!((d_z - 1.42685821455539874).abs() < 1e-12, "{d_z}");
    assert!(lines[2].starts_with("class_b,21,"), "{text}");
    assert!(dir.path().join("class_a/results.html").is_file());
}
