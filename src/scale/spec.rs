//! Scale specifications: the TOML file that says which items make up which (sub)scale, which
//! are reverse-keyed, the response range, the scoring method and the missing-item rule
//! (documented in `docs/scale-spec.md`), and its validation.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
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
#[derive(Debug, Clone, Deserialize)]
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
    #[serde(default, rename = "subscale")]
    subscales: Vec<ScoreFile>,
    #[serde(default)]
    total: Option<TotalFile>,
}

#[derive(Debug, Clone, Deserialize)]
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
}

#[derive(Debug, Clone, Deserialize)]
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
}

impl Scale {
    pub fn is_reversed(&self, item: &str) -> bool {
        self.reverse.iter().any(|r| r == item)
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
            if !keys.iter().any(|(c, _)| c == r) {
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
        });
        score_keys.push(keys);
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
            Some(list) => list
                .iter()
                .map(|e| {
                    let (it, minus) = keyed_entry(e);
                    let listed = listed_reverse.iter().chain(&total.reverse).any(|r| r == it);
                    (it.to_string(), minus || listed)
                })
                .collect(),
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
        for r in &total.reverse {
            if !keys.iter().any(|(c, _)| c == r) {
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
            if c > s.items.len() {
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
        integer: f.integer.unwrap_or(true),
        missing: f.missing.unwrap_or_default(),
        impute: f.impute.unwrap_or_default(),
        items,
        columns,
        reverse,
        scores,
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
