//! Where outputs go (issue 19): a symbolic link is followed, a pipe or device written through,
//! the standard output by path is the standard output, a directory refused; an `--out-dir` is
//! written all or nothing, by one run at a time.

use crate::common::*;
use std::path::Path;

fn compare_csv(dir: &Path, out: &str) -> crate::common::Assert {
    prepost(dir)
        .args(EXAMPLE_SCORES.iter().map(|a| {
            a.replace(
                "data/example/",
                &format!("{}/data/example/", repo().display()),
            )
        }))
        .args(["--format", "csv", "-o", out])
        .assert()
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_followed_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("target.csv"), "old").unwrap();
    std::os::unix::fs::symlink("target.csv", dir.path().join("link.csv")).unwrap();
    compare_csv(dir.path(), "link.csv").success();
    let link = std::fs::symlink_metadata(dir.path().join("link.csv")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    let written = std::fs::read_to_string(dir.path().join("target.csv")).unwrap();
    assert!(written.starts_with("scale,n_pairs"));
    // a link to a file not made yet makes it
    std::os::unix::fs::symlink("new.csv", dir.path().join("dangling.csv")).unwrap();
    compare_csv(dir.path(), "dangling.csv").success();
    assert!(dir.path().join("new.csv").is_file());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo on this system
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    compare_csv(dir.path(), "fifo").success();
    let text = reader.join().unwrap();
    assert!(text.starts_with("scale,n_pairs"), "{text}");
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    use std::os::unix::fs::FileTypeExt;
    assert!(kind.is_fifo(), "the pipe was replaced by a file");
}

#[cfg(unix)]
#[test]
fn dev_stdout_is_the_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = compare_csv(dir.path(), "/dev/stdout").success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("scale,n_pairs"), "{text}");
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    compare_csv(dir.path(), "sub")
        .code(1)
        .stderr(predicates::str::contains("sub: it is a directory"));
}

fn out_dir_run(dir: &Path) -> crate::common::Assert {
    prepost(&repo())
        .args(EXAMPLE_SCORES)
        .arg("--out-dir")
        .arg(dir)
        .assert()
}

#[test]
fn an_out_dir_is_written_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("res");
    std::fs::create_dir(&out).unwrap();
    // one of the files cannot be replaced: nothing is written
    std::fs::create_dir(out.join("results.html")).unwrap();
    out_dir_run(&out).code(1).stderr(predicates::str::contains(
        "results.html: it is a directory; nothing was written",
    ));
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec!["results.html".to_string()], "{left:?}");
    // and when it can, every file is there, with no temporary or lock file left
    std::fs::remove_dir(out.join("results.html")).unwrap();
    out_dir_run(&out).success();
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&"results.html".to_string()) && names.len() > 20);
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
}

#[test]
fn two_runs_into_one_out_dir_do_not_mix() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("res");
    std::fs::create_dir(&out).unwrap();
    // another run holds the directory's lock
    let lock = std::fs::File::create(out.join(".prepost.lock")).unwrap();
    lock.lock().unwrap();
    out_dir_run(&out)
        .code(1)
        .stderr(predicates::str::contains("another prepost is writing into"));
    lock.unlock().unwrap();
    assert!(!out.join("results.csv").exists());
}
