//! Test helpers: tolerances in one place, and the R reference cases copied from
//! `../shared/reference/cases` into `tests/data/reference/` (made by `reference.R` with R 4.2.2,
//! effectsize 0.8.3, coin 1.4-2, exactRankTests 0.8-35; see `tests/data/reference/README.md`).

use serde_json::Value;
use std::path::PathBuf;

/// Closed-form values (t, p of t, V, exact p, normal p, adjusted p): relative 1e-10.
pub const TOL_CLOSED: f64 = 1e-10;
/// Values from iterative or series methods (noncentral-t CIs, Shapiro–Wilk p): relative 1e-6.
pub const TOL_ITER: f64 = 1e-6;

/// Asserts |actual − expected| ≤ tol·|expected| (exact equality when expected is 0).
#[track_caller]
pub fn assert_close(actual: f64, expected: f64, tol: f64, what: &str) {
    let ok = if expected == 0.0 {
        actual == 0.0
    } else if expected.is_infinite() {
        actual == expected
    } else {
        ((actual - expected) / expected).abs() <= tol
    };
    assert!(
        ok,
        "{what}: got {actual:e}, R gives {expected:e} (rel. error {:e}, tolerance {tol:e})",
        ((actual - expected) / expected).abs()
    );
}

/// Asserts |actual − expected| ≤ tol.
#[track_caller]
pub fn assert_abs(actual: f64, expected: f64, tol: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: got {actual:e}, expected {expected:e} (abs. tolerance {tol:e})"
    );
}

/// One reference case: complete pairs in file order, and R's values.
pub struct Case {
    pub pre: Vec<f64>,
    pub post: Vec<f64>,
    /// post − pre
    pub diff: Vec<f64>,
    pub reference: Value,
}

pub fn reference_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference")
}

/// All case names.
pub fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(reference_dir())
        .expect("tests/data/reference")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("reference.json").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Loads `tests/data/reference/<name>/{data.csv, reference.json}`; rows with an empty cell are
/// dropped, as R's `complete.cases` did when the references were made.
pub fn reference_case(name: &str) -> Case {
    let dir = reference_dir().join(name);
    let mut rdr = csv::Reader::from_path(dir.join("data.csv")).expect("data.csv");
    let (mut pre, mut post) = (Vec::new(), Vec::new());
    for rec in rdr.records() {
        let rec = rec.expect("csv record");
        let (a, b) = (rec[1].trim(), rec[2].trim());
        if a.is_empty() || b.is_empty() {
            continue;
        }
        pre.push(a.parse::<f64>().expect("pre value"));
        post.push(b.parse::<f64>().expect("post value"));
    }
    let diff = pre.iter().zip(&post).map(|(a, b)| b - a).collect();
    let text = std::fs::read_to_string(dir.join("reference.json")).expect("reference.json");
    Case {
        pre,
        post,
        diff,
        reference: serde_json::from_str(&text).expect("reference.json is JSON"),
    }
}

/// A JSON number, or "Inf"/"-Inf" strings as the reference files write infinities.
pub fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) if s == "Inf" => Some(f64::INFINITY),
        Value::String(s) if s == "-Inf" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

/// The reference key for an alternative.
pub fn alt_key(alt: crate::stats::Alternative) -> &'static str {
    match alt {
        crate::stats::Alternative::TwoSided => "two_sided",
        crate::stats::Alternative::Greater => "greater",
        crate::stats::Alternative::Less => "less",
    }
}

pub const ALTERNATIVES: [crate::stats::Alternative; 3] = [
    crate::stats::Alternative::TwoSided,
    crate::stats::Alternative::Greater,
    crate::stats::Alternative::Less,
];

/// The reference cases of studies of three or more waves (`scripts/reference/waves.R`).
pub fn waves_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/waves")
}

/// The reference of a waves case.
pub fn waves_reference(dir: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(dir.join("reference.json")).expect("reference.json");
    serde_json::from_str(&text).expect("valid JSON")
}

/// The scores of `scale` in a waves case's `long.csv`, one column per wave (in the order of
/// the reference's `waves`), for the participants measured at every wave (in order of first
/// appearance), with their ids.
pub fn complete_waves(dir: &std::path::Path, scale: &str) -> (Vec<Vec<f64>>, Vec<String>) {
    let reference = waves_reference(dir);
    let waves: Vec<&str> = reference["waves"]
        .as_array()
        .expect("waves")
        .iter()
        .map(|w| w.as_str().expect("a label"))
        .collect();
    let text = std::fs::read_to_string(dir.join("long.csv")).expect("long.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect("a column");
    let (id, time, score) = (col("id"), col("time"), col(scale));
    let mut ids: Vec<String> = Vec::new();
    let mut values: std::collections::HashMap<(String, String), f64> = Default::default();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        if !ids.iter().any(|i| i == cells[id]) {
            ids.push(cells[id].to_string());
        }
        if let Ok(v) = cells[score].parse::<f64>() {
            values.insert((cells[id].to_string(), cells[time].to_string()), v);
        }
    }
    ids.retain(|i| {
        waves
            .iter()
            .all(|w| values.contains_key(&(i.clone(), w.to_string())))
    });
    let columns = waves
        .iter()
        .map(|w| {
            ids.iter()
                .map(|i| values[&(i.clone(), w.to_string())])
                .collect()
        })
        .collect();
    (columns, ids)
}
