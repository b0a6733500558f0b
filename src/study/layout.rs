//! Where the waves of a study are and what is read of them: the layouts (a file per wave, one
//! long file, one wide file with a series of columns per scale), item-level input, and the
//! options of loading a study. The configuration stage builds them from the command line.

use crate::io::source::InputOptions;
use crate::scale::kernel::InvalidPolicy;
use crate::stats::reliability::AlphaMissing;
use std::path::PathBuf;

/// One scale given as columns of a wide file, one column per wave.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub columns: Vec<String>,
}

impl Series {
    /// Parses `PRE:POST` or `NAME=PRE:POST`. Without a name, it is the column name with a
    /// pre/post marker removed (`total_pre:total_post` → `total`), or `PRE:POST`.
    pub fn parse_pair(spec: &str) -> Result<Series, String> {
        let (name, cols) = split_name(spec);
        let Some((pre, post)) = cols.split_once(':') else {
            return Err(format!("expected PRE_COLUMN:POST_COLUMN, found \"{spec}\""));
        };
        let (pre, post) = (pre.trim().to_string(), post.trim().to_string());
        if pre.is_empty() || post.is_empty() {
            return Err(format!("expected PRE_COLUMN:POST_COLUMN, found \"{spec}\""));
        }
        if pre == post {
            return Err(format!(
                "\"{spec}\" names the column \"{pre}\" twice; a pair is a pre and a post column"
            ));
        }
        let name = name.unwrap_or_else(|| derived_name(&[&pre, &post], ":"));
        Ok(Series {
            name,
            columns: vec![pre, post],
        })
    }

    /// Parses `NAME=COL1,COL2,...` (two or more columns; without a name, as for a pair).
    pub fn parse_series(spec: &str) -> Result<Series, String> {
        let (name, cols) = split_name(spec);
        let columns: Vec<String> = cols.split(',').map(|c| c.trim().to_string()).collect();
        if columns.len() < 2 || columns.iter().any(String::is_empty) {
            return Err(format!(
                "expected NAME=COLUMN1,COLUMN2,... (two or more columns), found \"{spec}\""
            ));
        }
        for (i, c) in columns.iter().enumerate() {
            if columns[..i].contains(c) {
                return Err(format!("\"{spec}\" names the column \"{c}\" twice"));
            }
        }
        let refs: Vec<&str> = columns.iter().map(String::as_str).collect();
        let name = name.unwrap_or_else(|| derived_name(&refs, ","));
        Ok(Series { name, columns })
    }
}

fn split_name(spec: &str) -> (Option<String>, &str) {
    match spec.split_once('=') {
        Some((n, c)) if !n.trim().is_empty() => (Some(n.trim().to_string()), c),
        Some((_, c)) => (None, c),
        None => (None, spec),
    }
}

/// `total_pre` + `total_post` → `total`; `pre.anx` + `post.anx` → `anx`; otherwise the
/// columns joined.
fn derived_name(columns: &[&str], joint: &str) -> String {
    const MARKERS: [&str; 8] = [
        "pre", "post", "before", "after", "t1", "t2", "baseline", "follow",
    ];
    let marker = |tok: &str| {
        let t = tok.to_ascii_lowercase();
        MARKERS.contains(&t.as_str())
            || (t.len() >= 2 && t.starts_with('t') && t[1..].bytes().all(|b| b.is_ascii_digit()))
    };
    let strip = |s: &str| -> String {
        s.split(['_', '-', '.', ' '])
            .filter(|tok| !tok.is_empty() && !marker(tok))
            .collect::<Vec<_>>()
            .join("_")
    };
    let first = strip(columns[0]);
    if !first.is_empty() && columns[1..].iter().all(|c| strip(c) == first) {
        first
    } else {
        columns.join(joint)
    }
}

/// Where the waves of a study are.
#[derive(Debug, Clone, PartialEq)]
pub enum Layout {
    /// One file per wave, matched by id: `--pre`/`--post` (waves "pre" and "post"), or
    /// `--wave LABEL=FILE` repeated.
    Files {
        waves: Vec<(String, PathBuf)>,
        /// Given with `--wave` (else `--pre`/`--post`).
        named: bool,
    },
    /// One file with a row per participant and wave.
    Long {
        data: PathBuf,
        time: String,
        /// The waves in order (`--waves`); None: every label, in order of first appearance.
        waves: Option<Vec<String>>,
    },
    /// One file with a row per participant and a column per scale and wave.
    Wide {
        data: PathBuf,
        series: Vec<Series>,
        /// The waves' labels: pre, post for `--pair`; `--waves`, else T1, T2, ... for `--series`.
        waves: Vec<String>,
    },
}

impl Layout {
    /// The layout's name in reports: `two-files`, `waves`, `long` or `wide`.
    pub fn name(&self) -> &'static str {
        match self {
            Layout::Files { named: false, .. } => "two-files",
            Layout::Files { named: true, .. } => "waves",
            Layout::Long { .. } => "long",
            Layout::Wide { .. } => "wide",
        }
    }

    /// The input files, in order.
    pub fn inputs(&self) -> Vec<PathBuf> {
        match self {
            Layout::Files { waves, .. } => waves.iter().map(|(_, p)| p.clone()).collect(),
            Layout::Long { data, .. } | Layout::Wide { data, .. } => vec![data.clone()],
        }
    }
}

/// Item-level input (`--scale`).
#[derive(Debug, Clone, PartialEq)]
pub struct Items {
    pub spec: PathBuf,
    pub invalid: InvalidPolicy,
    pub alpha_missing: AlphaMissing,
    /// Keep each item's answers for the item analysis (`--items`).
    pub answers: bool,
}

/// What is needed to load a study.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyOptions {
    pub layout: Layout,
    /// `--id` (default: `id`, or the spec's id).
    pub id: Option<String>,
    /// `--scores`: the score columns (default: every column of numbers in every wave).
    pub scores: Vec<String>,
    /// `--na`.
    pub na: Vec<String>,
    pub input: InputOptions,
    pub items: Option<Items>,
    /// `--group`.
    pub group: Option<String>,
    /// The level of alpha's confidence interval.
    pub conf_level: f64,
}
