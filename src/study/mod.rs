//! A study: participants × waves × scores. Each wave holds its scores in a polars frame (one
//! row per participant measured then); participants are matched across waves by id, and the
//! study knows who is missing where (attrition per wave). A pre/post comparison is the case of
//! two waves ([`Study::pair`]).
//!
//! [`load`] builds a study from any layout: a file per wave, one long file (a row per
//! participant and wave), one wide file (a column per scale and wave), at score level or item
//! level (scored by [`crate::scale::kernel`]).

pub mod case;
pub mod layout;
pub mod load;
pub mod survey;

pub use load::load;

use crate::error::DataError;
use crate::io::sav::ValueLabels;
use crate::io::table::{Labels, Lines};
use crate::scale::kernel::score_values;
use crate::scale::spec::Scale;
use crate::stats::reliability::AlphaSummary;
use crate::stats::Outcome;
use polars::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// A participant id, shared (not copied) by every list that mentions it.
pub type Id = Arc<str>;

/// Marks a participant absent from a wave.
const ABSENT: u32 = u32::MAX;

/// One wave (time point) of a study.
#[derive(Debug, Clone)]
pub struct Wave {
    pub label: String,
    /// The input, and which part of it, for messages (`long.csv (wave = T1)`).
    pub source: String,
    /// The input file as the user named it.
    pub input: String,
    /// The id column (text), then one column per score of the study (null = missing).
    pub frame: DataFrame,
    /// The line of each row in its file.
    pub rows: Lines,
    /// How item answers were scored at this wave (item-level input).
    pub notes: Vec<crate::note::Note>,
    /// Per score, Cronbach's alpha at this wave (item-level input).
    pub reliability: Vec<Outcome<AlphaSummary>>,
    /// Per item of the scale, each row's keyed answer (NaN: missing); kept only for the item
    /// analysis (`compare --items`), else empty.
    pub answers: Vec<Vec<f64>>,
}

impl Wave {
    /// Participants measured at this wave.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The id column.
    pub fn ids(&self) -> &StringChunked {
        self.frame.columns()[0]
            .str()
            .expect("the id column is text")
    }

    /// The values of score `k` (NaN = missing).
    pub fn values(&self, k: usize) -> &[f64] {
        score_values(&self.frame.columns()[k + 1])
    }
}

/// Each participant's group (`--group`).
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    pub column: String,
    /// The label of each participant ("" where unknown).
    pub of: Vec<Arc<str>>,
    /// The value labels of the input (an SPSS file's): labelled groups are ordered by their
    /// codes ([`ValueLabels::sort_levels`]).
    pub value_labels: Arc<ValueLabels>,
}

/// A study: its waves and who was measured when.
#[derive(Debug, Clone)]
pub struct Study {
    /// `two-files`, `waves`, `long` or `wide`.
    pub layout: &'static str,
    /// The inputs as named (the scale spec last, for item-level input).
    pub inputs: Vec<String>,
    /// The id column (None: a wide file without one; participants are its rows).
    pub id_column: Option<String>,
    /// The scores, in every wave.
    pub scores: Vec<String>,
    /// In order of time (see [`Study::by_appearance`]).
    pub waves: Vec<Wave>,
    /// The waves of a long file without `--waves`, in order of first appearance: their order in
    /// time is not known (labels other than pre, post, follow).
    pub by_appearance: bool,
    /// Per wave, the participant of each row.
    participant_of: Vec<Vec<u32>>,
    /// Per wave, the row of each participant ([`ABSENT`] if not measured).
    row_of: Vec<Vec<u32>>,
    /// Per participant: the wave and row of its first appearance.
    home: Vec<(u32, u32)>,
    pub groups: Option<Groups>,
    /// Item-level input: the scale.
    pub scale: Option<Scale>,
    /// Things the reader should know (columns skipped, rows left out).
    pub notes: Vec<crate::note::Note>,
}

/// Who was measured at two waves.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attrition {
    pub n_pre: usize,
    pub n_post: usize,
    pub n_matched: usize,
    pub only_pre: Vec<Id>,
    pub only_post: Vec<Id>,
}

/// Rows of a wave: all of them in order (the common case, held as a number), or a list.
#[derive(Debug, Clone, PartialEq)]
pub enum Rows {
    All(usize),
    List(Vec<u32>),
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::All(n) => *n,
            Rows::List(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th row.
    #[inline]
    pub fn get(&self, i: usize) -> u32 {
        match self {
            Rows::All(_) => i as u32,
            Rows::List(v) => v[i],
        }
    }

    /// The values of these rows of a column: borrowed when they are all of them.
    pub fn of<'a, T: Copy>(&self, column: &'a [T]) -> Cow<'a, [T]> {
        match self {
            Rows::All(n) if *n == column.len() => Cow::Borrowed(column),
            _ => Cow::Owned(
                (0..self.len())
                    .map(|i| column[self.get(i) as usize])
                    .collect(),
            ),
        }
    }
}

/// The complete pairs of one score at two waves: rows in the pre wave and in the post wave,
/// in the order of the pre wave.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedRows {
    pub name: String,
    /// The score's index in the study.
    pub score: usize,
    pub pre_rows: Rows,
    pub post_rows: Rows,
    /// Participants measured at both waves but missing a value of this score.
    pub missing: Vec<Id>,
}

/// Two waves matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairing {
    pub pre: usize,
    pub post: usize,
    pub attrition: Attrition,
    pub scales: Vec<PairedRows>,
}

/// A score at several waves, for the participants with a value at each.
#[derive(Debug, Clone, PartialEq)]
pub struct WaveSeries {
    pub name: String,
    /// One column per wave (in the order asked for), a value per participant.
    pub values: Vec<Vec<f64>>,
    pub participants: Vec<u32>,
    /// Participants measured at one of the waves but without a value at every one.
    pub incomplete: Vec<Id>,
}

/// A score's complete pairs as values (borrowed from the waves where they are all of them).
#[derive(Debug, Clone, PartialEq)]
pub struct PairedScale<'a> {
    pub name: String,
    pub pre: Cow<'a, [f64]>,
    pub post: Cow<'a, [f64]>,
    /// The participant of each pair.
    pub participants: Cow<'a, [u32]>,
}

impl Study {
    /// Participants (measured at any wave).
    pub fn n_participants(&self) -> usize {
        self.home.len()
    }

    /// A participant's id.
    pub fn id(&self, p: u32) -> &str {
        let (w, r) = self.home[p as usize];
        self.waves[w as usize]
            .ids()
            .get(r as usize)
            .expect("every row has an id")
    }

    /// A participant's id, shared.
    pub fn shared_id(&self, p: u32) -> Id {
        Id::from(self.id(p))
    }

    /// The participant at row `row` of wave `w`.
    pub fn participant(&self, w: usize, row: u32) -> u32 {
        self.participant_of[w][row as usize]
    }

    /// The row of participant `p` in wave `w`, if measured then.
    pub fn row(&self, w: usize, p: u32) -> Option<u32> {
        let r = self.row_of[w][p as usize];
        (r != ABSENT).then_some(r)
    }

    /// The participants measured at both waves, as (row at `pre`, row at `post`), in the order
    /// of `pre`.
    pub fn matched(&self, pre: usize, post: usize) -> Vec<(u32, u32)> {
        self.participant_of[pre]
            .iter()
            .enumerate()
            .filter_map(|(i, &p)| self.row(post, p).map(|j| (i as u32, j)))
            .collect()
    }

    /// The wave with this label.
    pub fn wave_index(&self, label: &str) -> Option<usize> {
        self.waves.iter().position(|w| w.label == label)
    }

    /// A participant's group label, where groups are known.
    pub fn group(&self, p: u32) -> Option<&str> {
        self.groups.as_ref().map(|g| &*g.of[p as usize])
    }

    /// Per wave, the participants not measured then (in order of first appearance).
    pub fn absent(&self) -> Vec<Vec<Id>> {
        self.row_of
            .iter()
            .map(|rows| {
                rows.iter()
                    .enumerate()
                    .filter(|(_, &r)| r == ABSENT)
                    .map(|(p, _)| self.shared_id(p as u32))
                    .collect()
            })
            .collect()
    }

    /// Matches waves `pre` and `post`, and the complete pairs of every score.
    pub fn pair(&self, pre: usize, post: usize) -> Result<Pairing, DataError> {
        let (a, b) = (&self.waves[pre], &self.waves[post]);
        let matched = self.matched(pre, post);
        let only_pre: Vec<Id> = self.participant_of[pre]
            .iter()
            .filter(|&&p| self.row(post, p).is_none())
            .map(|&p| self.shared_id(p))
            .collect();
        let only_post: Vec<Id> = self.participant_of[post]
            .iter()
            .filter(|&&p| self.row(pre, p).is_none())
            .map(|&p| self.shared_id(p))
            .collect();
        if matched.is_empty() {
            let sample = |w: &Wave| {
                w.ids()
                    .iter()
                    .take(3)
                    .map(|s| s.unwrap_or_default().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(DataError::new(format!(
                "no participant id appears in both {} and {} (ids such as {} vs {})",
                a.source,
                b.source,
                sample(a),
                sample(b)
            ))
            .column(self.id_column.clone().unwrap_or_default())
            .hint("check that both files use the same ids, written the same way (e.g. \"007\" and \"7\" are different ids)"));
        }
        // every row of both waves, the same participants in the same order
        let aligned = matched.len() == a.len()
            && matched.len() == b.len()
            && matched
                .iter()
                .enumerate()
                .all(|(i, &(r, q))| r as usize == i && q as usize == i);
        let scales = self
            .scores
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let (x, y) = (a.values(k), b.values(k));
                let complete =
                    |&(i, j): &(u32, u32)| !(x[i as usize].is_nan() || y[j as usize].is_nan());
                if aligned && matched.iter().all(complete) {
                    return PairedRows {
                        name: name.clone(),
                        score: k,
                        pre_rows: Rows::All(matched.len()),
                        post_rows: Rows::All(matched.len()),
                        missing: Vec::new(),
                    };
                }
                let (mut pre_rows, mut post_rows) = (Vec::new(), Vec::new());
                let mut missing = Vec::new();
                for pair in &matched {
                    if complete(pair) {
                        pre_rows.push(pair.0);
                        post_rows.push(pair.1);
                    } else {
                        missing.push(self.shared_id(self.participant(pre, pair.0)));
                    }
                }
                PairedRows {
                    name: name.clone(),
                    score: k,
                    pre_rows: Rows::List(pre_rows),
                    post_rows: Rows::List(post_rows),
                    missing,
                }
            })
            .collect();
        Ok(Pairing {
            pre,
            post,
            attrition: Attrition {
                n_pre: a.len(),
                n_post: b.len(),
                n_matched: matched.len(),
                only_pre,
                only_post,
            },
            scales,
        })
    }

    /// A score at `waves` (indices, in order of time) for the participants measured with a
    /// value at every one of them (in the order of the first of them); the others of those
    /// waves are `incomplete`.
    pub fn series(&self, score: usize, waves: &[usize]) -> WaveSeries {
        let first = waves[0];
        let n = self.waves[first].len();
        let columns: Vec<&[f64]> = waves.iter().map(|&w| self.waves[w].values(score)).collect();
        let rows: Vec<&[u32]> = waves.iter().map(|&w| &self.row_of[w][..]).collect();
        let mut participants = Vec::with_capacity(n);
        let mut values: Vec<Vec<f64>> = vec![Vec::with_capacity(n); waves.len()];
        for &p in &self.participant_of[first] {
            let complete = rows.iter().zip(&columns).all(|(rows, column)| {
                let r = rows[p as usize];
                r != ABSENT && !column[r as usize].is_nan()
            });
            if complete {
                participants.push(p);
                for ((column, rows), out) in columns.iter().zip(&rows).zip(values.iter_mut()) {
                    out.push(column[rows[p as usize] as usize]);
                }
            }
        }
        // everyone measured at one of these waves and not complete, in order of appearance
        let mut complete = vec![false; self.n_participants()];
        for &p in &participants {
            complete[p as usize] = true;
        }
        let mut incomplete = Vec::new();
        for &w in waves {
            for &p in &self.participant_of[w] {
                if !complete[p as usize] {
                    complete[p as usize] = true; // (listed once)
                    incomplete.push(self.shared_id(p));
                }
            }
        }
        WaveSeries {
            name: self.scores[score].clone(),
            values,
            participants,
            incomplete,
        }
    }

    /// The values of a score's complete pairs.
    pub fn paired<'a>(&'a self, pairing: &Pairing, rows: &PairedRows) -> PairedScale<'a> {
        let (a, b) = (&self.waves[pairing.pre], &self.waves[pairing.post]);
        PairedScale {
            name: rows.name.clone(),
            pre: rows.pre_rows.of(a.values(rows.score)),
            post: rows.post_rows.of(b.values(rows.score)),
            participants: rows.pre_rows.of(&self.participant_of[pairing.pre]),
        }
    }

    /// Matches the waves by id (see [`match_ids`]) and makes the study.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        layout: &'static str,
        inputs: Vec<String>,
        id_column: Option<String>,
        scores: Vec<String>,
        waves: Vec<Wave>,
        scale: Option<Scale>,
        notes: Vec<crate::note::Note>,
    ) -> Result<Study, DataError> {
        let matching = match_ids(&waves, id_column.as_deref().unwrap_or("id"))?;
        Ok(Study {
            layout,
            inputs,
            id_column,
            scores,
            waves,
            participant_of: matching.participant_of,
            row_of: matching.row_of,
            home: matching.home,
            groups: None,
            scale,
            notes,
            by_appearance: false,
        })
    }
}

/// How the rows of the waves are participants.
struct Matching {
    participant_of: Vec<Vec<u32>>,
    row_of: Vec<Vec<u32>>,
    home: Vec<(u32, u32)>,
}

/// Ids compared as exports sort them: numbers written without leading zeros ("7", "12") in
/// numeric order and before everything else, which is in byte order. A total order in which
/// two ids are equal only when they are the same text.
fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let number = |s: &str| {
        !s.is_empty()
            && s.bytes().all(|c| c.is_ascii_digit())
            && (s.len() == 1 || !s.starts_with('0'))
    };
    match (number(a), number(b)) {
        (true, true) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
        (true, false) => std::cmp::Ordering::Less,
        (false, true) => std::cmp::Ordering::Greater,
        (false, false) => a.cmp(b),
    }
}

/// The ids of a wave, every row required to have one.
fn wave_ids<'a>(wave: &'a Wave, id_column: &str) -> Result<Vec<&'a str>, DataError> {
    let mut out = Vec::with_capacity(wave.len());
    for (i, id) in wave.ids().iter().enumerate() {
        match id.filter(|v| !v.is_empty()) {
            Some(v) => out.push(v),
            None => {
                return Err(DataError::new("the participant id is missing")
                    .file(&wave.source)
                    .row(wave.rows.get(i))
                    .column(id_column)
                    .hint("every row needs an id to be matched; fill it in or delete the row"))
            }
        }
    }
    Ok(out)
}

/// The error for ids that appear more than once in a wave.
fn duplicates(wave: &Wave, ids: &[&str], id_column: &str) -> Option<DataError> {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
    let mut dups: Vec<(&str, Vec<u64>)> = Vec::new();
    for (i, &id) in ids.iter().enumerate() {
        if let Some(&f) = first.get(id) {
            match dups.iter_mut().find(|(k, _)| *k == id) {
                Some((_, rows)) => rows.push(wave.rows.get(i)),
                None => dups.push((id, vec![wave.rows.get(f), wave.rows.get(i)])),
            }
        } else {
            first.insert(id, i);
        }
    }
    if dups.is_empty() {
        return None;
    }
    let list: Vec<String> = dups
        .iter()
        .map(|(k, rows)| {
            let rows: Vec<String> = rows.iter().map(u64::to_string).collect();
            format!("\"{k}\" (rows {})", rows.join(", "))
        })
        .collect();
    Some(
        DataError::new(format!(
            "{} id{} appear{} more than once: {}",
            dups.len(),
            if dups.len() == 1 { "" } else { "s" },
            if dups.len() == 1 { "s" } else { "" },
            list.join("; ")
        ))
        .file(&wave.source)
        .column(id_column)
        .hint(
            "each participant must have one row per time point; remove or renumber the duplicates",
        ),
    )
}

/// Matches the rows of every wave to participants by id. Participants are numbered in order of
/// first appearance (the first wave's rows, then those new in the second, ...). Every row
/// needs an id and no id may repeat within a wave (errors naming the rows).
///
/// Fast paths for what exports usually are: waves listing the same ids in the same order are
/// matched row by row, and waves each sorted by id ([`natural_cmp`]) are merged; otherwise ids
/// are looked up in a hash map.
fn match_ids(waves: &[Wave], id_column: &str) -> Result<Matching, DataError> {
    let ids: Vec<Vec<&str>> = waves
        .iter()
        .map(|w| wave_ids(w, id_column))
        .collect::<Result<_, _>>()?;
    let sorted: Vec<bool> = ids
        .iter()
        .map(|v| v.windows(2).all(|p| natural_cmp(p[0], p[1]).is_lt()))
        .collect();
    // waves that are not sorted must have no id twice
    for (w, v) in ids.iter().enumerate() {
        if !sorted[w] {
            if let Some(e) = duplicates(&waves[w], v, id_column) {
                return Err(e);
            }
        }
    }
    let k = waves.len();
    let same = ids.iter().all(|v| *v == ids[0]);
    if same {
        let n = ids[0].len() as u32;
        let identity: Vec<u32> = (0..n).collect();
        return Ok(Matching {
            participant_of: vec![identity.clone(); k],
            row_of: vec![identity; k],
            home: (0..n).map(|r| (0, r)).collect(),
        });
    }
    let mut participant_of: Vec<Vec<u32>> = ids.iter().map(|v| vec![0; v.len()]).collect();
    let mut home: Vec<(u32, u32)> = Vec::new();
    if sorted.iter().all(|&s| s) {
        // a k-way merge of the sorted waves
        let mut at = vec![0usize; k];
        loop {
            let next = (0..k)
                .filter(|&w| at[w] < ids[w].len())
                .min_by(|&x, &y| natural_cmp(ids[x][at[x]], ids[y][at[y]]).then(x.cmp(&y)));
            let Some(w0) = next else { break };
            let id = ids[w0][at[w0]];
            let p = home.len() as u32;
            home.push((w0 as u32, at[w0] as u32));
            for w in 0..k {
                if at[w] < ids[w].len() && ids[w][at[w]] == id {
                    participant_of[w][at[w]] = p;
                    at[w] += 1;
                }
            }
        }
        // numbered by first appearance, as the general path numbers them
        let mut order: Vec<u32> = (0..home.len() as u32).collect();
        order.sort_by_key(|&p| home[p as usize]);
        let mut renumber = vec![0u32; home.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old as usize] = new as u32;
        }
        for v in &mut participant_of {
            for p in v.iter_mut() {
                *p = renumber[*p as usize];
            }
        }
        home = order.iter().map(|&p| home[p as usize]).collect();
    } else {
        let mut index: HashMap<&str, u32> = HashMap::with_capacity(ids[0].len());
        for (w, v) in ids.iter().enumerate() {
            for (r, &id) in v.iter().enumerate() {
                let p = *index.entry(id).or_insert_with(|| {
                    home.push((w as u32, r as u32));
                    home.len() as u32 - 1
                });
                participant_of[w][r] = p;
            }
        }
    }
    let mut row_of = vec![vec![ABSENT; home.len()]; k];
    for (w, v) in participant_of.iter().enumerate() {
        for (r, &p) in v.iter().enumerate() {
            row_of[w][p as usize] = r as u32;
        }
    }
    Ok(Matching {
        participant_of,
        row_of,
        home,
    })
}

/// A wave's frame: the ids, then the scores (NaN = missing), in that order.
pub fn wave_frame(
    id_column: &str,
    ids: &Labels,
    scores: Vec<(String, Vec<f64>)>,
) -> Result<DataFrame, DataError> {
    let mut columns = vec![crate::scale::kernel::label_column(id_column, ids)];
    for (name, values) in scores {
        columns.push(crate::scale::kernel::score_column(&name, values));
    }
    DataFrame::new(ids.len(), columns)
        .map_err(|e| DataError::new(format!("cannot build the scores: {}", e.remove_context())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wave(label: &str, ids: &[&str], values: &[f64]) -> Wave {
        let mut labels = Labels::default();
        for id in ids {
            labels.push(Some(id));
        }
        Wave {
            label: label.into(),
            source: format!("{label}.csv"),
            input: format!("{label}.csv"),
            frame: wave_frame("id", &labels, vec![("s".into(), values.to_vec())]).unwrap(),
            rows: {
                let mut l = Lines::default();
                (2..2 + ids.len() as u64).for_each(|r| l.push(r));
                l
            },
            notes: Vec::new(),
            reliability: Vec::new(),
            answers: Vec::new(),
        }
    }

    fn study(waves: Vec<Wave>) -> Result<Study, DataError> {
        Study::new(
            "waves",
            vec![],
            Some("id".into()),
            vec!["s".into()],
            waves,
            None,
            vec![],
        )
    }

    fn strs(ids: &[Id]) -> Vec<&str> {
        ids.iter().map(|s| &**s).collect()
    }

    #[test]
    fn pairs_by_id_and_accounts_for_everyone() {
        let s = study(vec![
            wave("pre", &["1", "2", "3"], &[10.0, f64::NAN, 12.0]),
            wave("post", &["2", "1", "4"], &[13.0, 14.0, 1.0]),
            wave("follow", &["4", "5"], &[1.0, 2.0]),
        ])
        .unwrap();
        assert_eq!(s.n_participants(), 5);
        let p = s.pair(0, 1).unwrap();
        assert_eq!(strs(&p.attrition.only_pre), ["3"]);
        assert_eq!(strs(&p.attrition.only_post), ["4"]);
        assert_eq!(p.attrition.n_matched, 2);
        let v = s.paired(&p, &p.scales[0]);
        assert_eq!((&v.pre[..], &v.post[..]), (&[10.0][..], &[14.0][..]));
        assert_eq!(strs(&p.scales[0].missing), ["2"]);
        let absent = s.absent();
        assert_eq!(strs(&absent[2]), ["1", "2", "3"]);
        assert_eq!(strs(&absent[0]), ["4", "5"]);
        assert!(s
            .pair(0, 2)
            .unwrap_err()
            .message
            .contains("no participant id"));
    }

    proptest::proptest! {
        /// Sorted ids are merged, identical ones matched row by row, others hashed: the same
        /// participants, in the same order, either way.
        #[test]
        fn every_path_matches_alike(
            a in proptest::collection::btree_set(0u32..60, 1..30),
            b in proptest::collection::btree_set(0u32..60, 1..30),
            c in proptest::collection::btree_set(0u32..60, 1..30),
        ) {
            let ids = |set: &std::collections::BTreeSet<u32>, rev: bool| {
                let mut v: Vec<String> = set.iter().map(|i| i.to_string()).collect();
                v.sort_by(|x, y| natural_cmp(x, y));
                if rev { v.reverse(); }
                v
            };
            let make = |rev: bool| {
                let w: Vec<Wave> = [&a, &b, &c].iter().enumerate().map(|(i, set)| {
                    let v = ids(set, rev && i == 1);
                    let r: Vec<&str> = v.iter().map(String::as_str).collect();
                    let vals: Vec<f64> = (0..r.len()).map(|x| x as f64).collect();
                    wave(&format!("w{i}"), &r, &vals)
                }).collect();
                study(w).unwrap()
            };
            // each id with the waves it is in
            let seen = |s: &Study| {
                let mut v: Vec<(String, Vec<bool>)> = (0..s.n_participants() as u32)
                    .map(|p| {
                        let at = (0..3).map(|w| s.row(w, p).is_some()).collect();
                        (s.id(p).to_string(), at)
                    })
                    .collect();
                v.sort();
                v
            };
            let (merged, hashed) = (make(false), make(true));
            proptest::prop_assert_eq!(seen(&merged), seen(&hashed));
            proptest::prop_assert_eq!(merged.n_participants(), hashed.n_participants());
        }
    }

    #[test]
    fn id_problems_are_errors_with_rows() {
        let e = study(vec![
            wave("pre", &["1", "2", "1", "2", "3"], &[1.0; 5]),
            wave("post", &["1"], &[1.0]),
        ])
        .unwrap_err();
        assert!(e.message.contains("\"1\" (rows 2, 4)"), "{e}");
        assert!(e.message.contains("\"2\" (rows 3, 5)"), "{e}");
        let e = study(vec![
            wave("pre", &["1", ""], &[1.0; 2]),
            wave("post", &["1"], &[1.0]),
        ])
        .unwrap_err();
        assert_eq!(e.row, Some(3));
        assert!(natural_cmp("9", "10").is_lt() && natural_cmp("10", "09").is_lt());
        assert!(natural_cmp("a", "b").is_lt() && natural_cmp("1", "a").is_lt());
    }
}
