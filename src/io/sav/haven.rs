//! Every .sav/.zsav under tests/data is read and compared with what R's haven::read_sav
//! (haven 2.5.1, R 4.2.2) read from it: FILE.json, written by scripts/reference/sav.R.
//! Compared: the number of cases, the file label and documents; per variable the name, the
//! label, the format (haven's `format.spss`), numeric or string, the value labels, the
//! user-missing values and range, every value (read with user_na = TRUE, to the bit), every
//! value after the user-missing values are made missing (user_na = FALSE), and dates and
//! date-times as ISO text. Files whose differences are known and explained are listed in
//! `KNOWN` with the reason.

use super::{self as sav, Cell, Column, Missing, Value, VarKind};
use serde_json::Value as J;
use std::path::{Path, PathBuf};

fn data_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            data_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "sav" || e == "zsav") {
            out.push(p);
        }
    }
}

fn num(j: &J) -> Option<f64> {
    match j {
        J::Null => None,
        J::String(s) => Some(match s.as_str() {
            "Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            "NaN" => f64::NAN,
            s => s.parse().expect("a number written by sprintf(\"%.17g\")"),
        }),
        other => panic!("unexpected {other}"),
    }
}

fn strs(j: &J) -> Vec<Option<String>> {
    match j {
        J::Array(a) => a.iter().map(|x| x.as_str().map(str::to_string)).collect(),
        J::String(s) => vec![Some(s.clone())],
        J::Null => vec![],
        other => panic!("unexpected {other}"),
    }
}

fn nums(j: &J) -> Vec<Option<f64>> {
    match j {
        J::Array(a) => a.iter().map(num).collect(),
        J::Null => vec![],
        other => vec![num(other)],
    }
}

/// How haven stores a number of a variable of this R class.
fn as_haven(v: f64, class: &[String]) -> f64 {
    if class.iter().any(|c| c == "Date") {
        v / 86400.0 - 141428.0
    } else if class.iter().any(|c| c == "POSIXct") {
        v - 141428.0 * 86400.0
    } else {
        v
    }
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => x == y || (x.is_nan() && y.is_nan()),
        _ => false,
    }
}

/// Compares one file; returns the differences found.
fn compare(path: &Path) -> Result<(usize, usize, Vec<String>), String> {
    let json: J = serde_json::from_str(
        &std::fs::read_to_string(path.with_extension(format!(
            "{}.json",
            path.extension().unwrap().to_str().unwrap()
        )))
        .map_err(|e| format!("no haven dump: {e}"))?,
    )
    .unwrap();
    let bytes = std::fs::read(path).unwrap();
    let read = sav::read(&bytes, &sav::ReadOptions::default());
    if let Some(err) = json.get("error") {
        return match read {
            Err(e) => Ok((0, 0, vec![format!("both fail: haven: {err}; here: {e}")])),
            Ok(f) => Ok((
                f.variables.len(),
                f.n_cases,
                vec![format!("haven fails ({err}), read here")],
            )),
        };
    }
    let mut file = read.map_err(|e| format!("cannot read: {e}"))?;
    let mut diffs = Vec::new();
    let n = json["n_cases"].as_u64().unwrap() as usize;
    if file.n_cases != n {
        diffs.push(format!("n_cases {} vs haven {n}", file.n_cases));
    }
    let label = json["file_label"].as_str().map(str::to_string);
    if file.file_label != label {
        diffs.push(format!(
            "file label {:?} vs haven {label:?}",
            file.file_label
        ));
    }
    let notes = strs(&json["notes"]);
    let docs: Vec<Option<String>> = file.documents.iter().map(|d| Some(d.clone())).collect();
    if notes != docs {
        diffs.push(format!("documents {docs:?} vs haven {notes:?}"));
    }
    let vars = json["variables"].as_array().unwrap();
    if vars.len() != file.variables.len() {
        diffs.push(format!(
            "{} variables vs haven {}",
            file.variables.len(),
            vars.len()
        ));
        return Ok((file.variables.len(), file.n_cases, diffs));
    }
    let iso: Vec<Option<Vec<Option<String>>>> = (0..file.variables.len())
        .map(|i| file.iso_text(i))
        .collect();
    let raw = file.clone();
    let counts = file.apply_user_missing();
    for (i, (v, h)) in raw.variables.iter().zip(vars).enumerate() {
        let name = h["name"].as_str().unwrap();
        let mut d = |what: String| diffs.push(format!("{name}: {what}"));
        if v.name != name {
            d(format!("name {:?}", v.name));
        }
        let hl = h["label"].as_str().map(str::to_string);
        if v.label != hl {
            d(format!("label {:?} vs haven {hl:?}", v.label));
        }
        let hf = h["format"].as_str().map(str::to_string);
        if Some(v.format.to_string()) != hf {
            d(format!("format {} vs haven {hf:?}", v.format));
        }
        let class: Vec<String> = strs(&h["class"]).into_iter().flatten().collect();
        let text = h["type"] == "character";
        if text != matches!(v.kind, VarKind::Text { .. }) {
            d(format!("kind {:?} vs haven {}", v.kind, h["type"]));
            continue;
        }
        // value labels (haven keeps one label per value: the last given)
        if let Some(l) = h.get("labels") {
            let names = strs(&l["names"]);
            let mut ours: Vec<(String, String)> = Vec::new();
            for (value, label) in &v.value_labels {
                let key = match value {
                    Value::Number(x) => format!("{:?}", Some(as_haven(*x, &class))),
                    Value::Text(s) => s.clone(),
                };
                ours.retain(|(k, _)| *k != key);
                ours.push((key, label.clone()));
            }
            let theirs: Vec<(String, String)> = if text {
                strs(&l["values"])
                    .into_iter()
                    .zip(names)
                    .map(|(a, b)| (a.unwrap_or_default(), b.unwrap_or_default()))
                    .collect()
            } else {
                nums(&l["values"])
                    .into_iter()
                    .zip(names)
                    .map(|(a, b)| (format!("{a:?}"), b.unwrap_or_default()))
                    .collect()
            };
            let (mut a, mut b) = (ours.clone(), theirs.clone());
            a.sort();
            b.sort();
            if a != b {
                d(format!("value labels {ours:?} vs haven {theirs:?}"));
            }
        } else if !v.value_labels.is_empty() {
            d(format!("value labels {:?}, haven none", v.value_labels));
        }
        // user-missing values
        let na_values = h.get("na_values");
        let na_range = h.get("na_range");
        match &v.missing {
            Missing::None => {
                if na_values.is_some() || na_range.is_some() {
                    d(format!(
                        "no missing values, haven {na_values:?} {na_range:?}"
                    ));
                }
            }
            Missing::Values(x) => {
                let hv = na_values.map(nums).unwrap_or_default();
                let ours: Vec<Option<f64>> = x.iter().map(|&x| Some(as_haven(x, &class))).collect();
                if ours.len() != hv.len()
                    || !ours.iter().zip(&hv).all(|(a, b)| same(*a, *b))
                    || na_range.is_some()
                {
                    d(format!("missing {x:?} vs haven {hv:?} {na_range:?}"));
                }
            }
            Missing::Range { low, high, value } => {
                let hr = na_range.map(nums).unwrap_or_default();
                let hv = na_values.map(nums).unwrap_or_default();
                let ok = hr.len() == 2
                    && same(Some(as_haven(*low, &class)), hr[0])
                    && same(Some(as_haven(*high, &class)), hr[1])
                    && match value {
                        Some(x) => hv.len() == 1 && same(Some(as_haven(*x, &class)), hv[0]),
                        None => hv.is_empty(),
                    };
                if !ok {
                    d(format!("missing {:?} vs haven {hv:?} {hr:?}", v.missing));
                }
            }
            Missing::Strings(x) => {
                let hv = na_values.map(strs).unwrap_or_default();
                let ours: Vec<Option<String>> = x.iter().map(|s| Some(s.clone())).collect();
                if ours != hv {
                    d(format!("missing {x:?} vs haven {hv:?}"));
                }
            }
        }
        // values, with and without the user-missing ones
        for (key, column) in [("values", &raw.columns[i]), ("values_na", &file.columns[i])] {
            let mut bad = Vec::new();
            match column {
                Column::Numbers(cells) => {
                    let hv = nums(&h[key]);
                    for (k, (a, b)) in cells.iter().zip(&hv).enumerate() {
                        if !same(a.map(|x| as_haven(x, &class)), *b) {
                            bad.push(format!("case {}: {a:?} vs haven {b:?}", k + 1));
                        }
                    }
                }
                Column::Texts(cells) => {
                    let hv = strs(&h[key]);
                    for (k, (a, b)) in cells.iter().zip(&hv).enumerate() {
                        if a != b {
                            bad.push(format!("case {}: {a:?} vs haven {b:?}", k + 1));
                        }
                    }
                }
            }
            if !bad.is_empty() {
                d(format!(
                    "{} of {} {key} differ, first: {}",
                    bad.len(),
                    n,
                    bad[0]
                ));
            }
        }
        let _ = counts[i];
        // dates and date-times as text
        if let Some(hiso) = h.get("iso") {
            let hiso = strs(hiso);
            match &iso[i] {
                None => d("not read as a date or date-time".to_string()),
                Some(ours) => {
                    let norm = |s: &Option<String>| {
                        s.as_ref().map(|s| {
                            if s.contains('.') {
                                s.trim_end_matches('0').trim_end_matches('.').to_string()
                            } else {
                                s.clone()
                            }
                        })
                    };
                    let bad = ours
                        .iter()
                        .zip(&hiso)
                        .filter(|(a, b)| norm(a) != norm(b))
                        .count();
                    if bad > 0 {
                        let first = ours
                            .iter()
                            .zip(&hiso)
                            .find(|(a, b)| norm(a) != norm(b))
                            .unwrap();
                        d(format!("{bad} ISO texts differ, first: {first:?}"));
                    }
                }
            }
        }
    }
    // the cells API agrees with the columns
    if file.n_cases > 0 {
        let row: Vec<Cell> = file.row(0).collect();
        assert_eq!(row.len(), file.variables.len());
    }
    Ok((file.variables.len(), file.n_cases, diffs))
}

/// Files where this reader and haven 2.5.1 differ, and why (see docs/sav.md).
const KNOWN: &[(&str, &str)] = &[];

#[test]
fn every_file_reads_as_haven_reads_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sav");
    let mut files = Vec::new();
    data_files(&root, &mut files);
    assert!(files.len() >= 20, "test files missing: {files:?}");
    // more files (with their haven dumps) from elsewhere: SAV_EXTRA=dir1:dir2
    if let Ok(extra) = std::env::var("SAV_EXTRA") {
        for dir in extra.split(':').filter(|d| !d.is_empty()) {
            data_files(Path::new(dir), &mut files);
        }
    }
    let mut failures = Vec::new();
    for f in &files {
        let shown = f.strip_prefix(&root).unwrap_or(f).display().to_string();
        match compare(f) {
            Ok((vars, cases, diffs)) => {
                let known = KNOWN.iter().find(|(k, _)| *k == shown);
                println!(
                    "{shown:<40} {vars:>3} variables {cases:>6} cases  {}",
                    if diffs.is_empty() {
                        "= haven".to_string()
                    } else {
                        diffs.join("; ")
                    }
                );
                // (a file both refuse is agreement)
                let agree = diffs.iter().all(|d| d.starts_with("both fail"));
                if !agree && known.is_none() {
                    failures.push(format!("{shown}: {}", diffs.join("; ")));
                }
            }
            Err(e) => {
                println!("{shown:<40} {e}");
                failures.push(format!("{shown}: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
