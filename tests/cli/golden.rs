//! The README's examples on the bundled data, byte for byte: every case of
//! `tests/data/golden/cases.txt` is run from the repository root and its standard output,
//! standard error and written files are compared with `tests/data/golden/<case>/` (a Word
//! document by its XML parts).
//!
//! The expected files were written by the engine before the k-wave rewrite (issue 13), so this
//! test holds the new engine to the old one's outputs. Where a change is meant (a fixed bug, a
//! new field), `PREPOST_BLESS=1 cargo test golden` writes them anew; the commit says why.

use crate::common::repo;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One case: its name and the arguments (`{OUT}` stands for a fresh directory).
fn cases() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(repo().join("tests/data/golden/cases.txt")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut words = l.split_whitespace().map(String::from);
            let name = words.next().unwrap();
            (name, words.collect())
        })
        .collect()
}

/// Every file under `dir`, by its path relative to `dir`, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(
                    files_under(&p)
                        .into_iter()
                        .map(|f| p.strip_prefix(dir).unwrap().join(f)),
                );
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// What a case produced: (file name, bytes), with `stdout`, `stderr`, `exit` and the files of
/// `{OUT}` under `out/`.
fn run(args: &[String]) -> Vec<(String, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    let out_path = out.path().join("out");
    // (a case writing one file into {OUT} with -o needs the directory; --out-dir makes its own)
    if args.iter().any(|a| a.starts_with("{OUT}/")) {
        std::fs::create_dir(&out_path).unwrap();
    }
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace("{OUT}", &out_path.display().to_string()))
        .collect();
    let output = Command::new(env!("CARGO_BIN_EXE_prepost"))
        .args(&args)
        .current_dir(repo())
        .env("RUST_BACKTRACE", "0")
        .env("NO_COLOR", "1")
        .env_remove("PREPOST_TRACE")
        .output()
        .unwrap();
    let stderr =
        String::from_utf8_lossy(&output.stderr).replace(&out_path.display().to_string(), "{OUT}");
    let mut produced = vec![
        (
            "exit".to_string(),
            format!("{:?}\n", output.status.code()).into_bytes(),
        ),
        ("stdout".to_string(), output.stdout),
        ("stderr".to_string(), stderr.into_bytes()),
    ];
    for f in files_under(&out_path) {
        let bytes = std::fs::read(out_path.join(&f)).unwrap();
        let name = format!("out/{}", f.display());
        if name.ends_with(".docx") {
            produced.extend(docx_parts(&name, &bytes));
        } else if name.ends_with(".png") {
            // (its pixels depend on the fonts installed: the picture's presence is what is kept)
            assert!(bytes.starts_with(b"\x89PNG"), "{name} is a PNG");
            produced.push((name, b"a PNG picture\n".to_vec()));
        } else {
            produced.push((name, bytes));
        }
    }
    produced
}

/// A Word document as its XML parts (`out/results.docx/word/document.xml`, ...) and the list
/// of its pictures, whose pixels depend on the fonts installed.
fn docx_parts(name: &str, bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let (mut parts, mut pictures) = (Vec::new(), String::new());
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        if f.name().ends_with(".png") {
            pictures.push_str(&format!("{}\n", f.name()));
        } else {
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            parts.push((format!("{name}/{}", f.name()), data));
        }
    }
    parts.push((format!("{name}/pictures"), pictures.into_bytes()));
    parts
}

#[test]
fn readme_examples_reproduce_their_outputs_byte_for_byte() {
    let bless = std::env::var_os("PREPOST_BLESS").is_some();
    let mut failures = Vec::new();
    for (name, args) in cases() {
        let dir = repo().join("tests/data/golden").join(&name);
        let produced = run(&args);
        if bless {
            let _ = std::fs::remove_dir_all(&dir);
            for (file, bytes) in &produced {
                let p = dir.join(file);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, bytes).unwrap();
            }
            continue;
        }
        let expected: Vec<PathBuf> = files_under(&dir);
        let got: Vec<PathBuf> = produced.iter().map(|(f, _)| PathBuf::from(f)).collect();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        if got_sorted != expected {
            failures.push(format!(
                "{name}: files {got_sorted:?}, expected {expected:?}"
            ));
            continue;
        }
        for (file, bytes) in &produced {
            let want = std::fs::read(dir.join(file)).unwrap();
            if &want != bytes {
                let (w, g) = (
                    String::from_utf8_lossy(&want),
                    String::from_utf8_lossy(bytes),
                );
                let line = w
                    .lines()
                    .zip(g.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(w.lines().count().min(g.lines().count()));
                failures.push(format!(
                    "{name}/{file} differs at line {}:\n  expected: {}\n  got:      {}",
                    line + 1,
                    w.lines().nth(line).unwrap_or("<end>"),
                    g.lines().nth(line).unwrap_or("<end>")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
