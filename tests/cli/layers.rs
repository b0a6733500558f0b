//! The layer order of `src/`, made executable: stats/error < io < scale < study < model <
//! analysis < report < cli < config < commands < main. A file may name (`crate::x`, `super::x`,
//! `use …`) its own layer and the ones below it, never one above. Inside `report/`, the
//! document (`doc/`) knows neither the result tree nor the sections nor the renderers; the
//! renderers (`render/`) read only the document; the sections (`sections/`) never call a
//! renderer. `stats/` does not know clap.

use crate::common::repo;
use std::path::Path;

/// The floor of a top-level module (`main` and `lib` stand on top).
fn floor(top: &str) -> Option<u8> {
    Some(match top {
        "stats" | "error" | "note" => 0,
        "io" => 1,
        "scale" => 2,
        "study" => 3,
        "model" => 4,
        "analysis" => 5,
        "report" => 6,
        "cli" => 7,
        "config" => 8,
        "commands" => 9,
        "main" | "lib" => 10,
        _ => return None,
    })
}

/// The module path of a file under `src/`: `report/doc/mod.rs` → [report, doc].
fn module_of(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without its comments (line comments, doc comments and block comments)
/// and without the contents of string literals.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            '/' if b.get(i + 1) == Some(&'/') => {
                while i < b.len() && b[i] != '\n' {
                    i += 1;
                }
            }
            '/' if b.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            '"' => {
                i += 1;
                while i < b.len() && b[i] != '"' {
                    if b[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                out.push_str("\"\"");
            }
            // a char literal ('"', '\''), not a lifetime ('a)
            '\'' if b.get(i + 2) == Some(&'\'') => {
                out.push_str("' '");
                i += 3;
            }
            '\'' if b.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < b.len() && b[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push_str("' '");
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Every path the code names from `crate::`, `super::` or `self::`, resolved to a module path
/// from the crate's root (`use super::{a, b::c}` gives both).
fn paths_named(module: &[String], code: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = i == 0 || !ident(chars[i - 1]) && chars[i - 1] != ':';
        let rest: String = chars[i..chars.len().min(i + 6)].iter().collect();
        let head = ["crate", "super", "self"]
            .into_iter()
            .find(|h| rest.starts_with(h) && chars.get(i + h.len()) == Some(&':'));
        match head.filter(|_| starts) {
            Some(_) => {
                let (paths, end) = path_at(&chars, i);
                for p in paths {
                    if let Some(abs) = resolve(module, &p) {
                        out.push(abs);
                    }
                }
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The paths written at `chars[i..]` (`a::b::{c, d::e}` gives a::b::c and a::b::d::e) and where
/// they end.
fn path_at(chars: &[char], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut prefix = Vec::new();
    loop {
        let start = i;
        while i < chars.len() && ident(chars[i]) {
            i += 1;
        }
        if i > start {
            prefix.push(chars[start..i].iter().collect::<String>());
        }
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            i += 2;
            while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                i += 1;
            }
            if chars.get(i) == Some(&'{') {
                i += 1;
                let mut all = Vec::new();
                loop {
                    while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == ',') {
                        i += 1;
                    }
                    match chars.get(i) {
                        None => return (all, i),
                        Some('}') => return (all, i + 1),
                        _ => {}
                    }
                    let (inner, end) = path_at(chars, i);
                    for p in inner {
                        let mut full = prefix.clone();
                        full.extend(p);
                        all.push(full);
                    }
                    if end == i {
                        i += 1;
                    } else {
                        i = end;
                    }
                    // `as name`, `self`
                    while chars.get(i).is_some_and(|c| *c != ',' && *c != '}') {
                        i += 1;
                    }
                }
            }
        } else {
            return (vec![prefix], i);
        }
    }
}

/// A path written in `module` as a path from the crate's root.
fn resolve(module: &[String], path: &[String]) -> Option<Vec<String>> {
    let mut abs: Vec<String> = Vec::new();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => rest = &path[1..],
        Some("self") => {
            abs = module.to_vec();
            rest = &path[1..];
        }
        Some("super") => {
            abs = module.to_vec();
            while rest.first().is_some_and(|s| s == "super") {
                abs.pop()?;
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    abs.extend(rest.iter().filter(|s| *s != "self").cloned());
    Some(abs)
}

/// What is wrong with the imports of the files (path under `src/`, text).
fn violations(files: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (file, text) in files {
        let module = module_of(file);
        let Some(own) = module.first().and_then(|t| floor(t)) else {
            continue;
        };
        let code = code_of(text);
        if module[0] == "stats" && code.contains("clap") {
            out.push(format!("src/{file}: stats names clap"));
        }
        for target in paths_named(&module, &code) {
            let Some(top) = target.first() else { continue };
            if let Some(f) = floor(top) {
                if f > own {
                    out.push(format!(
                        "src/{file}: {} (floor {own}) names {} (floor {f})",
                        module[0],
                        target.join("::")
                    ));
                }
            }
            // the rooms of report/
            if module[0] == "report" && top == "report" && module.len() > 1 {
                let room = module[1].as_str();
                let to = target.get(1).map(String::as_str).unwrap_or("");
                let wrong = match room {
                    "doc" => {
                        matches!(to, "sections" | "render") || target.len() == 2 && to != "doc"
                    }
                    "render" => to == "sections",
                    "sections" => to == "render",
                    _ => false,
                };
                if wrong {
                    out.push(format!(
                        "src/{file}: report/{room} names {}",
                        target.join("::")
                    ));
                }
            }
            if module[0] == "report"
                && matches!(module.get(1).map(String::as_str), Some("doc" | "render"))
                && top == "model"
            {
                out.push(format!(
                    "src/{file}: the document and its renderers name the result tree ({})",
                    target.join("::")
                ));
            }
        }
    }
    out
}

fn sources(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            sources(&p, base, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let rel = p
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&p).unwrap()));
        }
    }
}

#[test]
fn no_import_runs_up_the_layer_order() {
    let src = repo().join("src");
    let mut files = Vec::new();
    sources(&src, &src, &mut files);
    assert!(files.len() > 50, "found the sources");
    let found = violations(&files);
    assert!(
        found.is_empty(),
        "imports up the layers:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_should() {
    let file = |path: &str, text: &str| vec![(path.to_string(), text.to_string())];
    // upward, in each way a path can be written
    for text in [
        "use crate::report::lang::Lang;",
        "fn f(l: crate::config::Layout) {}",
        "use crate::{io::x, report::Format};",
        "use crate::{\n    analysis::{a, b},\n    io,\n};",
    ] {
        assert!(
            !violations(&file("study/load.rs", text)).is_empty(),
            "{text}"
        );
    }
    assert_eq!(
        violations(&file(
            "stats/rci.rs",
            "#[derive(clap::ValueEnum)] enum A {}"
        ))
        .len(),
        1
    );
    assert_eq!(
        violations(&file(
            "report/render/html.rs",
            "use super::super::sections::x;"
        ))
        .len(),
        1
    );
    assert_eq!(
        violations(&file("report/render/html.rs", "use crate::model::Report;")).len(),
        1
    );
    assert_eq!(
        violations(&file(
            "report/sections/paired.rs",
            "use super::super::render::html;"
        ))
        .len(),
        1
    );
    assert_eq!(
        violations(&file("report/doc/mod.rs", "use super::sections::x;")).len(),
        1
    );
    // downward, in comments and strings, and within a layer: nothing
    for (path, text) in [
        (
            "study/load.rs",
            "use crate::scale::spec::Scale; use super::Wave;",
        ),
        (
            "study/load.rs",
            "// see crate::report::lang\n/// [`crate::config`]",
        ),
        ("study/load.rs", "let s = \"crate::report::x\";"),
        (
            "report/sections/paired.rs",
            "use super::super::doc::Doc; use crate::model::Report;",
        ),
        (
            "report/render/html.rs",
            "use super::super::doc::{Block, Inline};",
        ),
        (
            "commands/compare.rs",
            "use crate::{config::CompareConfig, report::Format};",
        ),
    ] {
        assert_eq!(
            violations(&file(path, text)),
            Vec::<String>::new(),
            "{text}"
        );
    }
}
