//! Test data of the survey statistics: R data sets written by
//! `scripts/reference/survey_groups.R` to `tests/data/survey/*.csv`, split into groups in the
//! order of R's factor levels, and the reference values of that script
//! (`tests/data/survey/reference.json`).

use serde_json::Value;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/survey")
}

/// The rows of a CSV file written by R's `write.csv` (a header, quoted strings, NA as empty).
fn rows(file: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(dir().join(file)).expect("a survey data file");
    text.lines()
        .skip(1)
        .map(|l| {
            l.split(',')
                .map(|c| c.trim_matches('"').to_string())
                .collect()
        })
        .collect()
}

/// Values of column `value` split by column `group`, groups in the order of `levels`.
fn split(file: &str, levels: &[&str]) -> Vec<Vec<f64>> {
    let mut groups = vec![Vec::new(); levels.len()];
    for row in rows(file) {
        let g = levels
            .iter()
            .position(|l| *l == row[1])
            .expect("a known level");
        groups[g].push(row[0].parse::<f64>().expect("a number"));
    }
    groups
}

/// datasets::PlantGrowth: weight by group (ctrl, trt1, trt2), 10 each.
pub fn plant_growth() -> Vec<Vec<f64>> {
    split("plant_growth.csv", &["ctrl", "trt1", "trt2"])
}

/// datasets::InsectSprays: count by spray (A–F), 12 each, many ties.
pub fn insect_sprays() -> Vec<Vec<f64>> {
    split("insect_sprays.csv", &["A", "B", "C", "D", "E", "F"])
}

/// datasets::chickwts: weight by feed (R's alphabetical levels), 10 to 14 a group.
pub fn chickwts() -> Vec<Vec<f64>> {
    split(
        "chickwts.csv",
        &[
            "casein",
            "horsebean",
            "linseed",
            "meatmeal",
            "soybean",
            "sunflower",
        ],
    )
}

/// datasets::ToothGrowth: len by supp (OJ, VC), 30 each.
pub fn tooth_growth() -> Vec<Vec<f64>> {
    split("tooth_growth.csv", &["OJ", "VC"])
}

/// datasets::sleep: extra by group (1, 2), 10 each (here as independent groups).
pub fn sleep() -> Vec<Vec<f64>> {
    split("sleep.csv", &["1", "2"])
}

/// psych::bfi (2800 respondents): age, gender (1 male, 2 female), education (1–5, 223
/// missing) and item A2 (1–6, 27 missing).
pub struct Bfi {
    pub age: Vec<f64>,
    pub gender: Vec<u8>,
    pub education: Vec<Option<u8>>,
    pub a2: Vec<Option<f64>>,
}

pub fn bfi() -> Bfi {
    let mut b = Bfi {
        age: Vec::new(),
        gender: Vec::new(),
        education: Vec::new(),
        a2: Vec::new(),
    };
    for row in rows("bfi.csv") {
        b.age.push(row[0].parse().expect("age"));
        b.gender.push(row[1].parse().expect("gender"));
        b.education.push(row[2].parse().ok());
        b.a2.push(row[3].parse().ok());
    }
    b
}

impl Bfi {
    /// Age by gender (male, female).
    pub fn age_by_gender(&self) -> Vec<Vec<f64>> {
        let mut g = vec![Vec::new(), Vec::new()];
        for (a, s) in self.age.iter().zip(&self.gender) {
            g[usize::from(*s) - 1].push(*a);
        }
        g
    }

    /// Age by education (levels 1–5), respondents without an education dropped.
    pub fn age_by_education(&self) -> Vec<Vec<f64>> {
        let mut g = vec![Vec::new(); 5];
        for (a, e) in self.age.iter().zip(&self.education) {
            if let Some(e) = e {
                g[usize::from(*e) - 1].push(*a);
            }
        }
        g
    }

    /// The answers to A2, missing ones dropped.
    pub fn a2_answers(&self) -> Vec<f64> {
        self.a2.iter().flatten().copied().collect()
    }
}

/// The reference values (`tests/data/survey/reference.json`).
pub fn reference() -> Value {
    let text = std::fs::read_to_string(dir().join("reference.json")).expect("reference.json");
    serde_json::from_str(&text).expect("valid JSON")
}

/// A number of the reference.
#[track_caller]
pub fn f(v: &Value) -> f64 {
    crate::stats::testutil::num(v).unwrap_or_else(|| panic!("a number, got {v}"))
}

/// The k groups of a k-group reference case, by its name in reference.json.
pub fn k_group_case(name: &str) -> Vec<Vec<f64>> {
    match name {
        "plant" => plant_growth(),
        "insect" => insect_sprays(),
        "chick" => chickwts(),
        "bfi_edu" => bfi().age_by_education(),
        _ => panic!("unknown case {name}"),
    }
}

/// The two groups (x, y) of a two-group reference case.
pub fn two_group_case(name: &str) -> (Vec<f64>, Vec<f64>) {
    let mut g = match name {
        "bfi_gender" => bfi().age_by_gender(),
        "tooth" => tooth_growth(),
        "sleep" => sleep(),
        "plant" => plant_growth().into_iter().take(2).collect(),
        "exact" => vec![
            vec![1.1, 2.3, 0.4, 5.6, 3.2, 4.8, 2.9],
            vec![0.2, 1.5, -0.7, 2.2, 0.9],
        ],
        _ => panic!("unknown case {name}"),
    };
    let y = g.pop().expect("two groups");
    let x = g.pop().expect("two groups");
    (x, y)
}

/// The sample of a one-sample reference case.
pub fn one_sample_case(name: &str) -> Vec<f64> {
    match name {
        "bfi_a2" => bfi().a2_answers(),
        "sleep1" => sleep().swap_remove(0),
        // datasets::women$height: 58, 59, …, 72
        "women" => (58..=72).map(f64::from).collect(),
        "precip" => PRECIP.to_vec(),
        "exact" => vec![
            3.2, 4.1, 2.7, 5.5, 3.95, 4.4, 2.15, 6.3, 3.05, 4.75, 5.1, 1.85,
        ],
        "large_t" => vec![10.1, 10.3, 10.2, 10.4, 10.25, 10.15, 10.35, 10.05],
        _ => panic!("unknown case {name}"),
    }
}

/// datasets::precip (annual precipitation of 70 US cities, inches; R's order).
const PRECIP: [f64; 70] = [
    67.0, 54.7, 7.0, 48.5, 14.0, 17.2, 20.7, 13.0, 43.4, 40.2, 38.9, 54.5, 59.8, 48.3, 22.9, 11.5,
    34.4, 35.1, 38.7, 30.8, 30.6, 43.1, 56.8, 40.8, 41.8, 42.5, 31.0, 31.7, 30.2, 25.9, 49.2, 37.0,
    35.9, 15.0, 30.2, 7.2, 36.2, 45.5, 7.8, 33.4, 36.1, 40.2, 42.7, 42.5, 16.2, 39.0, 35.0, 37.0,
    31.4, 37.6, 39.9, 36.2, 42.8, 46.4, 24.7, 49.1, 46.0, 35.9, 7.8, 48.2, 15.2, 32.5, 44.7, 42.6,
    38.8, 17.4, 40.8, 29.1, 14.6, 59.2,
];
