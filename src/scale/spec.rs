//! Scale specifications: the TOML file that says which items make up which (sub)scale, which
//! are reverse-keyed, the response range, the scoring method and the missing-item rule
//! (documented in `docs/scale-spec.md`), and its validation.

use crate::io::wenjuanxing;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// How item answers are combined into a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Sum of the keyed answers; with missing items, prorated: mean × number of items.
    #[default]
    Sum,
    /// Mean of the answered keyed items.
    Mean,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Sum => "sum",
            Method::Mean => "mean",
        }
    }
}

/// What replaces a missing answer of a respondent who meets the missing-item rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Impute {
    /// Nothing: the score is over the answered items (prorated sum, or their mean); as psych
    /// `scoreItems(impute = "none")` for means.
    #[default]
    #[serde(rename = "none")]
    None,
    /// The item's mean keyed answer over the respondents of the same input who answered it;
    /// the score is then the sum (or mean) over all its items, as psych
    /// `scoreItems(impute = "mean")` (psych 2.2.9: `items[miss] <- colMeans(items, na.rm = TRUE)`).
    #[serde(rename = "item-mean")]
    ItemMean,
}

impl Impute {
    fn is_none(&self) -> bool {
        *self == Impute::None
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Impute::None => "none",
            Impute::ItemMean => "item-mean",
        }
    }
}

/// The file as written (unknown keys are errors, so typos do not pass silently).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecFile {
    name: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    label_zh: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    id: Option<String>,
    min: f64,
    max: f64,
    #[serde(default)]
    method: Option<Method>,
    #[serde(default)]
    min_answered: Option<f64>,
    #[serde(default)]
    impute: Option<Impute>,
    #[serde(default)]
    integer: Option<bool>,
    #[serde(default)]
    missing: Option<Vec<String>>,
    #[serde(default)]
    higher_is_better: Option<bool>,
    #[serde(default)]
    allow_shared_items: Option<bool>,
    #[serde(default)]
    answers: Option<BTreeMap<String, f64>>,
    #[serde(default, rename = "subscale")]
    subscales: Vec<ScoreFile>,
    #[serde(default)]
    total: Option<TotalFile>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreFile {
    name: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    label_zh: Option<String>,
    items: Vec<String>,
    #[serde(default)]
    reverse: Vec<String>,
    #[serde(default)]
    method: Option<Method>,
    #[serde(default)]
    min_answered: Option<f64>,
    #[serde(default)]
    higher_is_better: Option<bool>,
    /// The answer texts of this subscale's items, instead of the spec's `[answers]`.
    #[serde(default)]
    answers: Option<BTreeMap<String, f64>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct TotalFile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    label_zh: Option<String>,
    #[serde(default)]
    items: Option<Vec<String>>,
    /// Reverse-keyed items of the total that are in no subscale.
    #[serde(default)]
    reverse: Vec<String>,
    #[serde(default)]
    method: Option<Method>,
    #[serde(default)]
    min_answered: Option<f64>,
    #[serde(default)]
    higher_is_better: Option<bool>,
    /// `false` to report no total.
    #[serde(default)]
    enabled: Option<bool>,
}

/// The missing-item rule: below the required number of answered items a score is missing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum MinAnswered {
    /// A fraction of the score's items (0 < f ≤ 1).
    Fraction(f64),
    /// A number of items.
    Count(usize),
}

impl MinAnswered {
    fn from_value(v: f64) -> Result<MinAnswered, String> {
        if !v.is_finite() || v <= 0.0 {
            Err(format!("min_answered must be above 0, found {v}"))
        } else if v <= 1.0 {
            Ok(MinAnswered::Fraction(v))
        } else if v.fract() == 0.0 {
            Ok(MinAnswered::Count(v as usize))
        } else {
            Err(format!(
                "min_answered above 1 is a number of items and must be whole, found {v}"
            ))
        }
    }

    /// Items that must be answered for a score of `k` items (at least 1, at most k).
    pub fn required(self, k: usize) -> usize {
        let r = match self {
            // the small tolerance keeps 0.8 × 5 = 4.000000000000001 at 4
            MinAnswered::Fraction(f) => (f * k as f64 - 1e-9).ceil() as usize,
            MinAnswered::Count(c) => c,
        };
        r.clamp(1, k.max(1))
    }

    pub fn describe(self) -> String {
        match self {
            MinAnswered::Fraction(f) => format!("{}% of the items", fmt_number(f * 100.0)),
            MinAnswered::Count(c) => format!("{c} items"),
        }
    }
}

/// The language of the readable reports (`--lang en|zh`): the labels of the spec are given in
/// it, and the reports' words are chosen by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

/// How readable reports name a score or the scale (`label`, `label_zh` in the spec); the
/// name (a column of the data and of the machine-readable outputs) where none is given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Labels {
    #[serde(rename = "label", skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(rename = "label_zh", skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
}

impl Labels {
    /// The label in a language: Chinese falls back to the English label.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => self.en.as_deref(),
            Lang::Zh => self.zh.as_deref().or(self.en.as_deref()),
        }
    }

    /// Labels as written, trimmed; an empty one is none.
    fn of(en: &Option<String>, zh: &Option<String>) -> Labels {
        let clean = |l: &Option<String>| {
            l.as_deref()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
        };
        Labels {
            en: clean(en),
            zh: clean(zh),
        }
    }
}

/// One score: a subscale or the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreDef {
    pub name: String,
    #[serde(flatten)]
    pub labels: Labels,
    pub items: Vec<String>,
    pub method: Method,
    pub min_answered: MinAnswered,
    /// Whether higher scores are better (false for e.g. an anxiety scale).
    pub higher_is_better: bool,
    pub is_total: bool,
    /// The answer texts of a subscale's items, instead of the scale's (`[subscale.answers]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<AnswerMap>,
}

impl ScoreDef {
    /// Items that must be answered for this score.
    pub fn required(&self) -> usize {
        self.min_answered.required(self.items.len())
    }
}

/// A respondent's score by how many of its items they answered: the missing-item rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// Fewer than the required items: no score.
    Missing,
    /// Enough, but not all: the score is prorated (sum) or the mean of the answered.
    Prorated,
    Complete,
}

impl Coverage {
    /// `answered` of `k` items, of which `required` ([`ScoreDef::required`]) must be answered.
    pub fn of(answered: usize, required: usize, k: usize) -> Coverage {
        if answered < required {
            Coverage::Missing
        } else if answered < k {
            Coverage::Prorated
        } else {
            Coverage::Complete
        }
    }
}

/// A validated scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    pub name: String,
    /// `label` (in English reports, instead of `name`) and `label_zh`.
    #[serde(flatten)]
    pub labels: Labels,
    pub description: Option<String>,
    pub source: Option<String>,
    /// The id column, if the data have one.
    pub id: Option<String>,
    pub min: f64,
    pub max: f64,
    /// Whether answers must be whole numbers.
    pub integer: bool,
    /// Cell values meaning "not answered", besides an empty cell.
    pub missing: Vec<String>,
    /// What replaces a missing answer (`impute`; in JSON when it is not "none").
    #[serde(skip_serializing_if = "Impute::is_none")]
    pub impute: Impute,
    /// Every item, in the order of first mention. An item is a column keyed one way: a column
    /// keyed both ways (`"-x"` in one score's items, `"x"` in another's) is two items, `x` and
    /// its reversed copy `-x`.
    pub items: Vec<String>,
    /// Per item, the data column it reads (not in JSON: an item `-x` reads `x`).
    #[serde(skip)]
    pub columns: Vec<String>,
    /// Reverse-keyed items (scored as min + max − answer).
    pub reverse: Vec<String>,
    /// Subscales, then the total.
    pub scores: Vec<ScoreDef>,
    /// Answer texts and their numbers (`[answers]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<AnswerMap>,
    /// Whether the id is the default (the spec names none, nor does `--id`): a Wenjuanxing
    /// download then has its `序号` as the id ([`bind`]).
    #[serde(skip)]
    pub id_is_default: bool,
    /// The spec as written, for [`bind`].
    #[serde(skip)]
    file: SpecFile,
}

/// Answer texts and the numbers they stand for (`[answers]`): texts trimmed and in Unicode
/// normal form C, in the order of their numbers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AnswerMap {
    entries: Vec<(String, f64)>,
}

impl AnswerMap {
    /// The number a cell's text stands for: the cell trimmed, in NFC, as a text of the map.
    pub fn number(&self, cell: &str) -> Option<f64> {
        let cell = crate::io::cell::nfc(crate::io::cell::trimmed(cell));
        self.entries
            .iter()
            .find(|(text, _)| *text == cell)
            .map(|&(_, v)| v)
    }

    /// The map for a message: `"完全不符合" = 1, "比较不符合" = 2, ...`.
    pub fn describe(&self) -> String {
        self.entries
            .iter()
            .map(|(text, v)| format!("\"{text}\" = {}", fmt_number(*v)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The map as written (texts cleaned) with the problems of its entries against the
    /// scale's range; `place` names it in messages (`[answers]`).
    fn of(
        written: &BTreeMap<String, f64>,
        place: &str,
        scale: (f64, f64, bool),
        missing: &[String],
        problems: &mut Vec<String>,
    ) -> AnswerMap {
        let (min, max, integer) = scale;
        let mut entries: Vec<(String, f64)> = Vec::new();
        for (text, &v) in written {
            let clean = crate::io::cell::nfc(crate::io::cell::trimmed(text)).into_owned();
            if clean.is_empty() {
                problems.push(format!("{place} has an empty answer text"));
                continue;
            }
            if entries.iter().any(|(t, _)| *t == clean) {
                problems.push(format!(
                    "{place} maps \"{clean}\" twice (texts are compared trimmed and in Unicode normal form C)"
                ));
                continue;
            }
            if crate::io::cell::looks_like_a_number(&clean) {
                problems.push(format!(
                    "{place} maps \"{clean}\", which is a number: numbers are read as themselves"
                ));
            }
            if missing.iter().any(|m| m.trim() == clean) {
                problems.push(format!(
                    "{place} maps \"{clean}\", which is also a missing code (`missing`)"
                ));
            }
            if !(v >= min && v <= max) {
                problems.push(format!(
                    "{place}: \"{clean}\" = {} is outside the range {} to {} (min, max)",
                    fmt_number(v),
                    fmt_number(min),
                    fmt_number(max)
                ));
            } else if integer && v.fract() != 0.0 {
                problems.push(format!(
                    "{place}: \"{clean}\" = {} is not a whole number, and the answers are (integer = true)",
                    fmt_number(v)
                ));
            }
            entries.push((clean, v));
        }
        if written.is_empty() {
            problems.push(format!("{place} maps no answer text"));
        }
        entries.sort_by(|a, b| a.1.total_cmp(&b.1));
        AnswerMap { entries }
    }
}

impl Serialize for AnswerMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.entries.len()))?;
        for (text, v) in &self.entries {
            map.serialize_entry(text, v)?;
        }
        map.end()
    }
}

impl Scale {
    /// Whether a file with these columns may have its id from [`bind`] rather than from the
    /// spec: a Wenjuanxing download, where neither the spec nor `--id` names the id.
    pub fn id_by_download(&self, columns: &[String]) -> bool {
        self.id_is_default && wenjuanxing::is_download(columns)
    }

    /// The answer texts of an item: its subscale's `answers`, else the scale's.
    pub fn answers_of(&self, item: &str) -> Option<&AnswerMap> {
        self.scores
            .iter()
            .filter(|s| !s.is_total && s.items.iter().any(|q| q == item))
            .find_map(|s| s.answers.as_ref())
            .or(self.answers.as_ref())
    }

    pub fn is_reversed(&self, item: &str) -> bool {
        self.reverse.iter().any(|r| r == item)
    }

    /// Per column the spec reads, its first item (a position in [`Scale::items`]), in the
    /// spec's order: an item keyed both ways, `x` and `-x`, is one answer of the questionnaire.
    pub fn first_item_of_each_column(&self) -> Vec<usize> {
        let mut seen = HashSet::new();
        (0..self.items.len())
            .filter(|&k| seen.insert(self.columns[k].as_str()))
            .collect()
    }

    /// The positions in [`Scale::items`] of a score's items.
    pub fn positions(&self, score: &ScoreDef) -> Vec<usize> {
        score
            .items
            .iter()
            .map(|q| {
                self.items
                    .iter()
                    .position(|i| i == q)
                    .expect("a score's items are scale items")
            })
            .collect()
    }
}

/// A problem with a spec, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecProblem {
    pub message: String,
}

impl fmt::Display for SpecProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Default missing-item rule when a spec does not give one: 80% of the items.
pub const DEFAULT_MIN_ANSWERED: f64 = 0.8;

/// "5" for 5.0, "2.5" for 2.5.
pub fn fmt_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Reads and validates a spec file. Every problem found is returned, not only the first.
pub fn load(path: &Path) -> Result<Scale, Vec<SpecProblem>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![SpecProblem {
            message: format!("cannot read the scale spec: {e}"),
        }]
    })?;
    parse(&text)
}

/// Reads a spec for a command: every problem in one error naming the spec file.
pub fn load_for_use(path: &Path) -> Result<Scale, crate::error::DataError> {
    load(path).map_err(|problems| spec_error(path, &problems))
}

/// One error listing a spec's problems.
pub fn spec_error(path: &Path, problems: &[SpecProblem]) -> crate::error::DataError {
    let message = if problems.len() == 1 {
        problems[0].message.clone()
    } else {
        let list: Vec<String> = problems.iter().map(|p| format!("\n  - {p}")).collect();
        format!(
            "the scale spec has {} problems:{}",
            problems.len(),
            list.concat()
        )
    };
    crate::error::DataError::new(message)
        .file(path.display().to_string())
        .hint("see docs/scale-spec.md, or start from `prepost scale init`")
}

/// Parses and validates spec text.
pub fn parse(text: &str) -> Result<Scale, Vec<SpecProblem>> {
    let file: SpecFile = toml::from_str(text).map_err(|e| {
        vec![SpecProblem {
            message: format!("is not a valid scale spec: {}", e.to_string().trim_end()),
        }]
    })?;
    validate(file)
}

/// A name as the data's header gives it: trimmed, in Unicode normal form C.
fn clean_name(name: &mut String) {
    let cleaned = crate::io::cell::nfc(crate::io::cell::trimmed(name)).into_owned();
    *name = cleaned;
}

/// Every column name of the spec (the id, subscales, items, reverse-keyed items, the total)
/// cleaned as the header's names are, so that "q1 " in a spec is the header's "q1".
fn clean_names(f: &mut SpecFile) {
    let all = |v: &mut Vec<String>| v.iter_mut().for_each(clean_name);
    if let Some(id) = f.id.as_mut() {
        clean_name(id);
    }
    for s in &mut f.subscales {
        clean_name(&mut s.name);
        all(&mut s.items);
        all(&mut s.reverse);
    }
    if let Some(t) = f.total.as_mut() {
        if let Some(n) = t.name.as_mut() {
            clean_name(n);
        }
        if let Some(items) = t.items.as_mut() {
            all(items);
        }
        all(&mut t.reverse);
    }
}

fn validate(mut f: SpecFile) -> Result<Scale, Vec<SpecProblem>> {
    clean_names(&mut f);
    let written = f.clone();
    let mut problems: Vec<String> = Vec::new();
    if f.name.trim().is_empty() {
        problems.push("name must not be empty".into());
    }
    if !f.min.is_finite() || !f.max.is_finite() || f.min >= f.max {
        problems.push(format!(
            "min ({}) must be below max ({})",
            fmt_number(f.min),
            fmt_number(f.max)
        ));
    } else if f.min.abs().max(f.max.abs()) > crate::io::cell::MAX_MAGNITUDE {
        problems.push(format!(
            "min ({}) and max ({}) must be at most 10^15 in absolute value",
            fmt_number(f.min),
            fmt_number(f.max)
        ));
    }
    let default_rule = match MinAnswered::from_value(f.min_answered.unwrap_or(DEFAULT_MIN_ANSWERED))
    {
        Ok(r) => r,
        Err(e) => {
            problems.push(e);
            MinAnswered::Fraction(DEFAULT_MIN_ANSWERED)
        }
    };
    let method = f.method.unwrap_or_default();
    let higher = f.higher_is_better.unwrap_or(true);
    let allow_shared = f.allow_shared_items.unwrap_or(false);
    let integer = f.integer.unwrap_or(true);
    let missing = f.missing.clone().unwrap_or_default();
    let range = (f.min, f.max, integer);
    let answers = f
        .answers
        .as_ref()
        .map(|m| AnswerMap::of(m, "[answers]", range, &missing, &mut problems));
    if f.subscales.is_empty() && f.total.as_ref().and_then(|t| t.items.as_ref()).is_none() {
        problems.push("no [[subscale]] and no [total] items: the spec scores nothing".into());
    }

    // Each score's items as (column, reversed in this score); named at the end.
    let mut score_keys: Vec<Vec<(String, bool)>> = Vec::new();
    // columns in reverse lists (a keying that holds in every score, as before per-score keys)
    let mut listed_reverse: Vec<String> = Vec::new();
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut names: HashSet<String> = HashSet::new();
    let mut scores = Vec::new();
    for s in &f.subscales {
        let label = format!("subscale \"{}\"", s.name);
        if s.name.trim().is_empty() {
            problems.push("a subscale has an empty name".into());
        }
        if !names.insert(s.name.clone()) {
            problems.push(format!("{label} is defined twice"));
        }
        if s.items.is_empty() {
            problems.push(format!("{label} has no items"));
        }
        let mut seen = HashSet::new();
        let mut keys = Vec::new();
        for entry in &s.items {
            let (it, minus) = keyed_entry(entry);
            if it.is_empty() {
                problems.push(format!("{label} has an empty item name"));
                continue;
            }
            if !seen.insert(it) {
                problems.push(format!("{label} lists item \"{it}\" twice"));
                continue;
            }
            if minus && s.reverse.iter().any(|r| r == it) {
                problems.push(format!(
                    "item \"{it}\" of {label} is written \"-{it}\" and listed in its reverse; key it one way"
                ));
            }
            match owner.get(it) {
                Some(other) if !allow_shared => problems.push(format!(
                    "item \"{it}\" is in subscale \"{other}\" and in {label} (set allow_shared_items = true if that is intended)"
                )),
                Some(_) => {}
                None => {
                    owner.insert(it.to_string(), s.name.clone());
                }
            }
            keys.push((it.to_string(), minus || s.reverse.iter().any(|r| r == it)));
        }
        for r in &s.reverse {
            if !keys.iter().any(|(c, _)| c == r) && !selects_later(r, &s.items) {
                problems.push(format!(
                    "reverse-keyed item \"{r}\" of {label} is not one of its items"
                ));
            } else if !listed_reverse.contains(r) {
                listed_reverse.push(r.clone());
            }
        }
        let rule = match s.min_answered.map(MinAnswered::from_value) {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                problems.push(format!("{label}: {e}"));
                default_rule
            }
            None => default_rule,
        };
        scores.push(ScoreDef {
            name: s.name.clone(),
            labels: Labels::of(&s.label, &s.label_zh),
            items: Vec::new(),
            method: s.method.unwrap_or(method),
            min_answered: rule,
            higher_is_better: s.higher_is_better.unwrap_or(higher),
            is_total: false,
            answers: s.answers.as_ref().map(|m| {
                AnswerMap::of(
                    m,
                    &format!("the answers of {label}"),
                    range,
                    &missing,
                    &mut problems,
                )
            }),
        });
        score_keys.push(keys);
    }
    // Shared items must have their answers read the same way everywhere.
    for (k, a) in scores.iter().enumerate() {
        for (j, b) in scores[..k].iter().enumerate() {
            let shared = score_keys[k]
                .iter()
                .find(|(q, _)| score_keys[j].iter().any(|(c, _)| c == q));
            if let (Some((q, _)), true) = (shared, a.answers != b.answers) {
                problems.push(format!(
                    "item \"{q}\" is in subscales \"{}\" and \"{}\", whose answer texts differ; an item's answers are read one way",
                    b.name, a.name
                ));
            }
        }
    }
    // An item keyed by reverse lists is keyed so everywhere (a per-score keying is written
    // "-item").
    for s in &f.subscales {
        for it in s.items.iter().filter(|e| !keyed_entry(e).1) {
            if listed_reverse.contains(it) && !s.reverse.contains(it) {
                problems.push(format!(
                    "item \"{it}\" is reverse-keyed in one subscale but not in subscale \"{}\" (write \"-{it}\" in a score's items to reverse it in that score only)",
                    s.name
                ));
            }
        }
    }
    let subscale_keys: Vec<(String, bool)> = first_mentions(score_keys.iter().flatten());

    let total = f.total.clone().unwrap_or(TotalFile {
        name: None,
        label: None,
        label_zh: None,
        items: None,
        reverse: Vec::new(),
        method: None,
        min_answered: None,
        higher_is_better: None,
        enabled: None,
    });
    if total.enabled.unwrap_or(true) {
        let name = total.name.clone().unwrap_or_else(|| "total".to_string());
        if !names.insert(name.clone()) {
            problems.push(format!(
                "the total's name \"{name}\" is also a subscale's name"
            ));
        }
        let keys: Vec<(String, bool)> = match &total.items {
            Some(list) => {
                let mut seen = HashSet::new();
                let mut keys = Vec::new();
                for e in list {
                    let (it, minus) = keyed_entry(e);
                    if it.is_empty() {
                        problems.push("the total has an empty item name".into());
                    } else if !seen.insert(it) {
                        // (a column once: "x" and "-x" in one score would cancel out)
                        problems.push(format!("the total lists item \"{it}\" twice"));
                    } else {
                        let listed = listed_reverse.iter().chain(&total.reverse).any(|r| r == it);
                        keys.push((it.to_string(), minus || listed));
                    }
                }
                keys
            }
            None => {
                for c in keyed_both_ways(&subscale_keys) {
                    problems.push(format!(
                        "item \"{c}\" is keyed both ways in the subscales; list the total's items in [total] items (\"{c}\" or \"-{c}\"), or set enabled = false"
                    ));
                }
                subscale_keys.clone()
            }
        };
        if keys.is_empty() {
            problems.push("the total has no items".into());
        }
        let written: Vec<String> = keys.iter().map(|(c, _)| c.clone()).collect();
        for r in &total.reverse {
            if !keys.iter().any(|(c, _)| c == r) && !selects_later(r, &written) {
                problems.push(format!(
                    "reverse-keyed item \"{r}\" of the total is not one of its items"
                ));
            } else if owner.contains_key(r) {
                problems.push(format!(
                    "item \"{r}\" is in subscale \"{}\"; declare its reverse keying there, not in [total]",
                    owner[r]
                ));
            } else if !listed_reverse.contains(r) {
                listed_reverse.push(r.clone());
            }
        }
        let rule = match total.min_answered.map(MinAnswered::from_value) {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                problems.push(format!("[total]: {e}"));
                default_rule
            }
            None => default_rule,
        };
        scores.push(ScoreDef {
            name,
            labels: Labels::of(&total.label, &total.label_zh),
            items: Vec::new(),
            method: total.method.unwrap_or(method),
            min_answered: rule,
            higher_is_better: total.higher_is_better.unwrap_or(higher),
            is_total: true,
            answers: None,
        });
        score_keys.push(keys);
    }
    // Name the items: a column keyed both ways is two items, `x` and `-x`.
    let all_keys = first_mentions(score_keys.iter().flatten());
    let both_ways: HashSet<&str> = keyed_both_ways(&all_keys).into_iter().collect();
    let item_name = |(c, r): &(String, bool)| {
        if *r && both_ways.contains(c.as_str()) {
            format!("-{c}")
        } else {
            c.clone()
        }
    };
    let items: Vec<String> = all_keys.iter().map(item_name).collect();
    let columns: Vec<String> = all_keys.iter().map(|(c, _)| c.clone()).collect();
    let mut reverse: Vec<String> = listed_reverse
        .iter()
        .map(|c| item_name(&(c.clone(), true)))
        .collect();
    for key in all_keys.iter().filter(|(_, r)| *r) {
        let name = item_name(key);
        if !reverse.contains(&name) {
            reverse.push(name);
        }
    }
    for (score, keys) in scores.iter_mut().zip(&score_keys) {
        score.items = keys.iter().map(item_name).collect();
    }
    // two scores a report would name alike (by label or name) could not be told apart
    for lang in [Lang::En, Lang::Zh] {
        let shown: Vec<&str> = scores
            .iter()
            .map(|sc| sc.labels.get(lang).unwrap_or(&sc.name))
            .collect();
        for (k, a) in shown.iter().enumerate() {
            if let Some(b) = shown[..k].iter().position(|b| b == a) {
                problems.push(format!(
                    "scores \"{}\" and \"{}\" would both be called \"{a}\" in the reports; give them different labels",
                    scores[b].name, scores[k].name
                ));
            }
        }
    }
    for sc in &scores {
        if items.contains(&sc.name) {
            problems.push(format!(
                "the score name \"{}\" is also an item name",
                sc.name
            ));
        }
        if ["n_answered", "source"].contains(&sc.name.as_str()) || sc.name.starts_with("__") {
            problems.push(format!(
                "\"{}\" is reserved for prepost's output; rename the score",
                sc.name
            ));
        }
    }
    let id =
        f.id.clone()
            .or_else(|| Some("id".to_string()))
            .filter(|s| !s.is_empty());
    if let Some(id) = &id {
        if columns.contains(id) {
            problems.push(format!("the id column \"{id}\" is also listed as an item"));
        }
        if scores.iter().any(|s| &s.name == id) {
            problems.push(format!("the id column \"{id}\" is also a score name"));
        }
    }
    for s in &scores {
        if let MinAnswered::Count(c) = s.min_answered {
            // (selectors are counted once bound to a file's columns)
            if c > s.items.len() && !s.items.iter().any(|i| is_selector(i)) {
                problems.push(format!(
                    "min_answered = {c} for \"{}\" but it has only {} items",
                    s.name,
                    s.items.len()
                ));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|message| SpecProblem { message })
            .collect());
    }
    Ok(Scale {
        labels: Labels::of(&f.label, &f.label_zh),
        name: f.name,
        description: f.description,
        source: f.source,
        id,
        min: f.min,
        max: f.max,
        integer,
        missing,
        impute: f.impute.unwrap_or_default(),
        items,
        columns,
        reverse,
        scores,
        answers,
        id_is_default: f.id.is_none(),
        file: written,
    })
}

/// An entry of a score's `items`: the column, and whether it is written reversed (`"-x"`: the
/// column `x` reverse-keyed in this score only, as in a psych keys list).
fn keyed_entry(entry: &str) -> (&str, bool) {
    match entry.strip_prefix('-') {
        Some(column) => (column.trim_start(), true),
        None => (entry, false),
    }
}

/// Keyed items in the order of their first mention, each once.
fn first_mentions<'a>(keys: impl Iterator<Item = &'a (String, bool)>) -> Vec<(String, bool)> {
    let mut seen = HashSet::new();
    keys.filter(|key| seen.insert(*key)).cloned().collect()
}

/// The columns keyed both ways among `keys`, in the order of their reversed mention.
fn keyed_both_ways(keys: &[(String, bool)]) -> Vec<&str> {
    let forward: HashSet<&str> = keys
        .iter()
        .filter(|(_, r)| !r)
        .map(|(c, _)| c.as_str())
        .collect();
    keys.iter()
        .filter(|(c, r)| *r && forward.contains(c.as_str()))
        .map(|(c, _)| c.as_str())
        .collect()
}

/// Problems of a valid spec against the columns of a data file (items or id not found).
pub fn check_columns(scale: &Scale, columns: &[String]) -> Vec<SpecProblem> {
    let have: HashSet<&str> = columns.iter().map(String::as_str).collect();
    let mut problems = Vec::new();
    if let Some(id) = &scale.id {
        if !have.contains(id.as_str()) {
            problems.push(SpecProblem {
                message: format!("the id column \"{id}\" is not in the data"),
            });
        }
    }
    let mut seen = HashSet::new();
    let missing: Vec<&str> = scale
        .columns
        .iter()
        .map(String::as_str)
        .filter(|i| !have.contains(i) && seen.insert(*i))
        .collect();
    if !missing.is_empty() {
        problems.push(SpecProblem {
            message: format!(
                "{} item{} of the spec {} not in the data: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                if missing.len() == 1 { "is" } else { "are" },
                missing.join(", ")
            ),
        });
    }
    problems
}

/// The spec bound to one file's columns, where every command reads items ([`crate::scale::kernel`])
/// and `scale check` checks a file: an item entry that is no column's name but a selector is
/// replaced by the columns it selects ([`select`]) and the spec validated again as so written;
/// in a Wenjuanxing download ([`wenjuanxing::is_download`]) the default id is `序号` (when the
/// file has no column of the default id's name) and a metadata column may not be an item;
/// then the id and every item must be columns of the file ([`check_columns`]).
pub fn bind(scale: &Scale, columns: &[String]) -> Result<Scale, Vec<SpecProblem>> {
    let download = wenjuanxing::is_download(columns);
    let mut bound = {
        let mut file = scale.file.clone();
        let mut problems = Vec::new();
        let mut expand = |list: &mut Vec<String>| {
            let selected = list
                .iter()
                .flat_map(|e| {
                    // "-Q12" reverses every column "Q12" selects in this score
                    let (entry, minus) = keyed_entry(e);
                    match select(entry, columns, download) {
                        Ok(names) if minus => names.into_iter().map(|q| format!("-{q}")).collect(),
                        Ok(names) => names,
                        Err(message) => {
                            problems.push(SpecProblem { message });
                            vec![e.clone()]
                        }
                    }
                })
                .collect();
            *list = selected;
        };
        for s in &mut file.subscales {
            expand(&mut s.items);
            expand(&mut s.reverse);
        }
        if let Some(t) = file.total.as_mut() {
            if let Some(items) = t.items.as_mut() {
                expand(items);
            }
            expand(&mut t.reverse);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut bound = validate(file)?;
        bound.id.clone_from(&scale.id);
        bound.id_is_default = scale.id_is_default;
        bound
    };
    if bound.id_by_download(columns) {
        let has = |name: &str| columns.iter().any(|c| c == name);
        if !bound.id.as_deref().is_some_and(has) && has(wenjuanxing::SHEET_NUMBER) {
            bound.id = Some(wenjuanxing::SHEET_NUMBER.to_string());
        }
    }
    let mut problems = Vec::new();
    if download {
        let metadata: Vec<&str> = bound
            .items
            .iter()
            .map(String::as_str)
            .filter(|q| wenjuanxing::is_metadata(q))
            .collect();
        if !metadata.is_empty() {
            problems.push(SpecProblem {
                message: format!(
                    "{} of the Wenjuanxing download {} metadata, not answers, and cannot be items",
                    metadata.join(", "),
                    if metadata.len() == 1 { "is" } else { "are" }
                ),
            });
        }
    }
    problems.extend(check_columns(&bound, columns));
    if problems.is_empty() {
        Ok(bound)
    } else {
        Err(problems)
    }
}

/// Whether an entry is a selector ([`select`]): `Q12`, `Q12.3`, or a range `A..B`.
fn is_selector(entry: &str) -> bool {
    let entry = keyed_entry(entry).0;
    entry.contains("..")
        || entry.strip_prefix(['Q', 'q']).is_some_and(|rest| {
            let (n, m) = rest.split_once('.').unwrap_or((rest, "0"));
            [n, m]
                .iter()
                .all(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Whether a reverse-keyed entry not among a score's items as written may be among them once
/// the spec is bound to a file's columns ([`bind`] validates it again then): the items hold a
/// range; or the entry is a row of a question they hold (`Q12.3` of `Q12`); or the entry is a
/// column's name and they hold a question selector.
fn selects_later(entry: &str, items: &[String]) -> bool {
    if items.iter().any(|i| i.contains("..")) {
        return true;
    }
    match entry.split_once('.') {
        Some((question, _)) if is_selector(entry) => items
            .iter()
            .any(|i| keyed_entry(i).0.eq_ignore_ascii_case(question)),
        _ => !is_selector(entry) && items.iter().any(|i| is_selector(i)),
    }
}

/// The columns an item entry of a spec selects in a file with these columns: the entry itself
/// when it is a column's name (or no selector: [`check_columns`] then says it is not in the
/// data); else
/// - `Q12` (or `q12`): every column of question 12, in the file's order (the question numbers
///   of headers such as `12、(…)`, `第12题(…)`, `Q12_1`: [`wenjuanxing::question_number`]);
/// - `Q12.3`: the third of them;
/// - `A..B`: the columns from A to B in the file's order, both included, where A and B are
///   column names or `Q` selectors (from A's first column to B's last), leaving out the
///   metadata columns of a Wenjuanxing download and columns without a name.
fn select(entry: &str, columns: &[String], download: bool) -> Result<Vec<String>, String> {
    if columns.iter().any(|c| c == entry) {
        return Ok(vec![entry.to_string()]);
    }
    let named =
        |i: &usize| !(columns[*i].is_empty() || download && wenjuanxing::is_metadata(&columns[*i]));
    if let Some((from, to)) = entry.split_once("..") {
        let (from, to) = (from.trim(), to.trim());
        let span = |end: &str| -> Result<(usize, usize), String> {
            if let Some(p) = columns.iter().position(|c| c == end) {
                return Ok((p, p));
            }
            match question_positions(end, columns, download) {
                Some(Ok(p)) => Ok((p[0], p[p.len() - 1])),
                Some(Err(e)) => Err(format!("the range \"{entry}\": {e}")),
                None => Err(format!(
                    "the range \"{entry}\": \"{end}\" is neither a column of the data nor a question (Q12, Q12.3)"
                )),
            }
        };
        let ((first, _), (_, last)) = (span(from)?, span(to)?);
        if last < first {
            return Err(format!(
                "the range \"{entry}\" runs backwards: \"{to}\" comes before \"{from}\" in the data"
            ));
        }
        return Ok((first..=last)
            .filter(named)
            .map(|i| columns[i].clone())
            .collect());
    }
    match question_positions(entry, columns, download) {
        Some(Ok(p)) => Ok(p.into_iter().map(|i| columns[i].clone()).collect()),
        // a question the data lack is an item not in the data, said so by `check_columns`
        Some(Err(e)) if entry.contains('.') => Err(format!("item \"{entry}\" of the spec: {e}")),
        _ => Ok(vec![entry.to_string()]),
    }
}

/// The positions a question selector (`Q12`, `Q12.3`) selects; None when the text is no such
/// selector, an error when it selects nothing.
fn question_positions(
    selector: &str,
    columns: &[String],
    download: bool,
) -> Option<Result<Vec<usize>, String>> {
    let rest = selector.strip_prefix(['Q', 'q'])?;
    let (number, sub) = match rest.split_once('.') {
        Some((n, m)) => (n, Some(m)),
        None => (rest, None),
    };
    let digits = |t: &str| !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(number) || !sub.is_none_or(digits) {
        return None;
    }
    let n: u32 = number.parse().ok()?;
    let all: Vec<usize> = (0..columns.len())
        .filter(|&i| {
            !(download && wenjuanxing::is_metadata(&columns[i]))
                && wenjuanxing::question_number(&columns[i]) == Some(n)
        })
        .collect();
    Some(if all.is_empty() {
        Err(format!(
            "no column of question {n} in the data (a question's number is read from headers such as \"{n}、…\", \"{n}、(…)\", \"第{n}题(…)\" or \"Q{n}_1\")"
        ))
    } else {
        match sub.map(|m| m.parse::<usize>().unwrap_or(0)) {
            None => Ok(all),
            Some(m) if (1..=all.len()).contains(&m) => Ok(vec![all[m - 1]]),
            Some(m) => Err(format!(
                "question {n} has {} column{}, so there is no \"Q{n}.{m}\"",
                all.len(),
                if all.len() == 1 { "" } else { "s" }
            )),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
name = "Test scale"
min = 1
max = 5
min_answered = 0.8

[[subscale]]
name = "a"
items = ["q1", "q2", "q3", "q4", "q5"]
reverse = ["q3"]

[[subscale]]
name = "b"
items = ["q6", "q7"]
method = "mean"
min_answered = 2
"#;

    #[test]
    fn a_good_spec_resolves_items_total_and_rules() {
        let s = parse(GOOD).unwrap();
        assert_eq!(s.items.len(), 7);
        assert_eq!(s.reverse, vec!["q3"]);
        assert_eq!(s.scores.len(), 3);
        assert_eq!(s.scores[2].name, "total");
        assert_eq!(s.scores[2].items.len(), 7);
        assert_eq!(s.scores[0].required(), 4); // 0.8 × 5
        assert_eq!(s.scores[1].required(), 2);
        assert_eq!(s.scores[1].method, Method::Mean);
        assert_eq!(s.scores[2].required(), 6); // ceil(0.8 × 7 = 5.6)
        assert_eq!(s.id.as_deref(), Some("id"));
        assert!(s.integer);
    }

    #[test]
    fn every_problem_is_reported() {
        let bad = r#"
name = "Bad"
min = 5
max = 1
min_answered = 2.5
[[subscale]]
name = "a"
items = ["q1", "q2"]
reverse = ["q9"]
[[subscale]]
name = "b"
items = ["q2", "q3"]
"#;
        let problems: Vec<String> = parse(bad)
            .unwrap_err()
            .into_iter()
            .map(|p| p.message)
            .collect();
        let all = problems.join("\n");
        assert!(all.contains("min (5) must be below max (1)"), "{all}");
        assert!(all.contains("must be whole"), "{all}");
        assert!(
            all.contains("\"q9\" of subscale \"a\" is not one of its items"),
            "{all}"
        );
        assert!(
            all.contains("item \"q2\" is in subscale \"a\" and in subscale \"b\""),
            "{all}"
        );
    }

    #[test]
    fn syntax_errors_and_unknown_keys_are_errors() {
        assert!(parse("name = ").is_err());
        let e = parse("name = \"x\"\nmin = 1\nmax = 5\nmethdo = \"sum\"\n").unwrap_err();
        assert!(e[0].message.contains("methdo"), "{}", e[0].message);
    }

    #[test]
    fn columns_are_checked_against_data() {
        let s = parse(GOOD).unwrap();
        let cols: Vec<String> = ["id", "q1", "q2", "q3", "q4", "q5", "q6"]
            .map(String::from)
            .to_vec();
        let p = check_columns(&s, &cols);
        assert_eq!(p[0].message, "1 item of the spec is not in the data: q7");
    }

    fn columns(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn answer_maps_read_texts_by_subscale() {
        let s = parse(
            "name = \"t\"\nmin = 1\nmax = 3\n[answers]\n\"低\" = 1\n\" 中 \" = 2\n\"高\" = 3\n\
             [[subscale]]\nname = \"a\"\nitems = [\"q1\"]\n[[subscale]]\nname = \"b\"\nitems = [\"q2\"]\n\
             [subscale.answers]\n\"从不\" = 1\n\"总是\" = 3\n",
        )
        .unwrap();
        let a = s.answers_of("q1").unwrap();
        assert_eq!(a.number(" 中\u{3000}"), Some(2.0));
        assert_eq!(a.number("从不"), None);
        assert_eq!(a.describe(), "\"低\" = 1, \"中\" = 2, \"高\" = 3");
        let b = s.answers_of("q2").unwrap();
        assert_eq!(b.number("总是"), Some(3.0));
        assert_eq!(b.number("高"), None);
        assert!(
            s.answers_of("q3").is_some(),
            "the scale's map for any other item"
        );
    }

    #[test]
    fn answer_maps_are_checked() {
        let problems = |map: &str| -> String {
            let spec = format!(
                "name = \"t\"\nmin = 1\nmax = 5\nmissing = [\"NA9\"]\n[answers]\n{map}\n[total]\nitems = [\"q1\"]\n"
            );
            parse(&spec)
                .err()
                .map(|p| {
                    p.into_iter()
                        .map(|p| p.message)
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default()
        };
        assert_eq!(problems("\"a\" = 1\n\"b\" = 5"), "");
        assert!(problems("\"a\" = 6").contains("\"a\" = 6 is outside the range 1 to 5"));
        assert!(problems("\"a\" = 1.5").contains("is not a whole number"));
        assert!(problems("\"  \" = 1").contains("[answers] has an empty answer text"));
        assert!(problems("\"3\" = 1").contains("which is a number"));
        assert!(problems("\"NA9\" = 1").contains("also a missing code"));
        // the same text composed and decomposed, or with blanks
        assert!(
            problems("\"caf\u{e9}\" = 1\n\"cafe\u{301}\" = 2").contains("maps \"caf\u{e9}\" twice")
        );
        assert!(problems("\"a\" = 1\n\" a\" = 2").contains("maps \"a\" twice"));
        // decimals allowed on a scale of decimals
        let spec = "name = \"t\"\nmin = 1\nmax = 5\ninteger = false\n[answers]\n\"a\" = 1.5\n[total]\nitems = [\"q1\"]\n";
        assert!(parse(spec).is_ok());
        // an item of two subscales must read its answers one way
        let spec = "name = \"t\"\nmin = 1\nmax = 5\nallow_shared_items = true\n[[subscale]]\nname = \"a\"\n\
                    items = [\"q1\"]\n[subscale.answers]\n\"x\" = 1\n[[subscale]]\nname = \"b\"\nitems = [\"q1\"]\n";
        let e = parse(spec).unwrap_err();
        assert!(e[0].message.contains("whose answer texts differ"), "{e:?}");
    }

    #[test]
    fn selectors_bind_to_a_files_columns() {
        let spec = "name = \"t\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"a\"\nitems = [\"Q2\"]\n\
                    reverse = [\"Q2.2\"]\n[[subscale]]\nname = \"b\"\nitems = [\"Q3..Q4\"]\n";
        let s = parse(spec).unwrap();
        let download = columns(
            &[
                &wenjuanxing::OPENING[..],
                &[
                    "1、性别",
                    "2、(甲)",
                    "2、(乙)",
                    "第3题(丙)",
                    "4、丁",
                    "总分",
                ],
            ]
            .concat(),
        );
        let b = bind(&s, &download).unwrap();
        assert_eq!(b.items, ["2、(甲)", "2、(乙)", "第3题(丙)", "4、丁"]);
        assert_eq!(b.reverse, ["2、(乙)"]);
        assert_eq!(b.scores[1].items, ["第3题(丙)", "4、丁"]);
        assert_eq!(b.id.as_deref(), Some("序号"), "a download's id");
        // a range over everything leaves out the metadata, the total's 总分 too
        let all =
            parse("name = \"t\"\nmin = 1\nmax = 5\n[total]\nitems = [\"序号..总分\"]\n").unwrap();
        assert_eq!(bind(&all, &download).unwrap().items.len(), 5);
        // a plain file: Q selectors read q1, q2...; the id stays the spec's
        let plain = columns(&["id", "q1", "q2_1", "q2_2", "q3", "q4"]);
        let b = bind(&s, &plain).unwrap();
        assert_eq!(b.items, ["q2_1", "q2_2", "q3", "q4"]);
        assert_eq!(b.id.as_deref(), Some("id"));
        // a spec naming its id keeps it in a download
        let named = parse(&spec.replace("max = 5", "max = 5\nid = \"来源\"")).unwrap();
        assert_eq!(bind(&named, &download).unwrap().id.as_deref(), Some("来源"));
        // an exact name wins over a selector
        let exact = columns(&["id", "Q2", "2、(甲)", "Q3", "Q4", "Q2.2"]);
        let b = bind(&s, &exact).unwrap();
        assert_eq!(b.scores[0].items, ["Q2"]);
        // the problems
        let e = bind(&s, &columns(&["id", "2、(甲)", "q3", "q4"])).unwrap_err();
        assert_eq!(
            e[0].message,
            "item \"Q2.2\" of the spec: question 2 has 1 column, so there is no \"Q2.2\""
        );
        let e = bind(&s, &columns(&["id", "q2", "q4", "q3", "Q2.2"])).unwrap_err();
        assert!(e[0].message.contains("runs backwards"), "{e:?}");
        // a selector keyed in one score only: "-Q2" reverses each of its columns there
        let keyed = parse(
            "name = \"t\"\nmin = 1\nmax = 5\nallow_shared_items = true\n\
             [[subscale]]\nname = \"a\"\nitems = [\"-Q2\", \"Q3\"]\n\
             [[subscale]]\nname = \"b\"\nitems = [\"Q2\"]\n[total]\nenabled = false\n",
        )
        .unwrap();
        let b = bind(&keyed, &download).unwrap();
        assert_eq!(b.scores[0].items, ["-2、(甲)", "-2、(乙)", "第3题(丙)"]);
        assert_eq!(b.scores[1].items, ["2、(甲)", "2、(乙)"]);
        assert_eq!(b.columns[..2], ["2、(甲)", "2、(乙)"]);
    }

    #[test]
    fn an_item_keyed_both_ways_is_two_items_reading_one_column() {
        let s = parse(
            "name = \"t\"\nmin = 1\nmax = 4\nallow_shared_items = true\n\
             [[subscale]]\nname = \"anx\"\nitems = [\"tense\", \"-calm\", \"-rested\"]\n\
             [[subscale]]\nname = \"pos\"\nitems = [\"calm\", \"secure\"]\n\
             [total]\nitems = [\"tense\", \"-calm\"]\n",
        )
        .unwrap();
        // "rested" is reversed wherever it is used: one item, named as its column
        assert_eq!(s.items, ["tense", "-calm", "rested", "calm", "secure"]);
        assert_eq!(s.columns, ["tense", "calm", "rested", "calm", "secure"]);
        assert_eq!(s.reverse, ["-calm", "rested"]);
        assert_eq!(s.scores[0].items, ["tense", "-calm", "rested"]);
        assert_eq!(s.scores[1].items, ["calm", "secure"]);
        assert_eq!(s.scores[2].items, ["tense", "-calm"]);
        assert_eq!(s.impute, Impute::None);
        let cols: Vec<String> = ["id", "tense", "calm", "secure"].map(String::from).to_vec();
        assert_eq!(
            check_columns(&s, &cols)[0].message,
            "1 item of the spec is not in the data: rested"
        );
    }

    #[test]
    fn keyings_that_contradict_are_problems() {
        let problems = |text: &str| -> String {
            parse(text)
                .unwrap_err()
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
                .join("\n")
        };
        let head = "name = \"t\"\nmin = 1\nmax = 4\nallow_shared_items = true\n";
        // the default total cannot hold an item both ways
        let both = problems(&format!(
            "{head}[[subscale]]\nname = \"a\"\nitems = [\"-x\", \"y\"]\n\
             [[subscale]]\nname = \"b\"\nitems = [\"x\"]\n"
        ));
        assert!(
            both.contains("item \"x\" is keyed both ways in the subscales"),
            "{both}"
        );
        let twice = problems(&format!(
            "{head}[[subscale]]\nname = \"a\"\nitems = [\"-x\", \"y\"]\nreverse = [\"x\"]\n"
        ));
        assert!(
            twice.contains("is written \"-x\" and listed in its reverse"),
            "{twice}"
        );
        // a reverse list keys an item everywhere; the hint names the per-score form
        let listed = problems(&format!(
            "{head}[[subscale]]\nname = \"a\"\nitems = [\"x\"]\nreverse = [\"x\"]\n\
             [[subscale]]\nname = \"b\"\nitems = [\"x\", \"y\"]\n"
        ));
        assert!(
            listed.contains("write \"-x\" in a score's items"),
            "{listed}"
        );
        let dup = problems(&format!(
            "{head}[[subscale]]\nname = \"a\"\nitems = [\"x\", \"-x\"]\n"
        ));
        assert!(dup.contains("lists item \"x\" twice"), "{dup}");
        for items in ["\"x\", \"-x\"", "\"x\", \"y\", \"x\""] {
            let total = problems(&format!(
                "{head}[[subscale]]\nname = \"a\"\nitems = [\"x\", \"y\"]\n[total]\nitems = [{items}]\n"
            ));
            assert!(
                total.contains("the total lists item \"x\" twice"),
                "{total}"
            );
        }
        let empty = problems(&format!("{head}[total]\nitems = [\"-\", \"y\"]\n"));
        assert!(
            empty.contains("the total has an empty item name"),
            "{empty}"
        );
        let unknown = problems(&format!("{head}impute = \"mean\"\n"));
        assert!(unknown.contains("impute"), "{unknown}");
    }

    #[test]
    fn the_missing_rule_at_its_boundary() {
        assert_eq!(MinAnswered::Fraction(0.8).required(5), 4);
        assert_eq!(MinAnswered::Fraction(0.8).required(10), 8);
        assert_eq!(MinAnswered::Fraction(0.5).required(9), 5);
        assert_eq!(MinAnswered::Fraction(1.0).required(9), 9);
        assert_eq!(MinAnswered::Count(3).required(9), 3);
        assert_eq!(MinAnswered::Fraction(0.01).required(9), 1);
    }
}
