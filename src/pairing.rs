//! Matching pre and post measurements of the same participants, and accounting for everyone
//! who could not be matched (attrition).
//!
//! Three layouts arrive in practice: two files matched by an id column, one wide file with a
//! pre and a post column per scale, and one long file with a time column.

use crate::error::DataError;
use crate::io::table::{ColumnKind, Table};
use polars::prelude::{PlHashMap, PlHashSet};
use std::collections::HashMap;
use std::sync::Arc;

/// A participant id, shared (not copied) by every scale and table that mentions it.
pub type Id = Arc<str>;

/// Complete pairs for one scale.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedScale {
    pub name: String,
    /// Participant ids of the complete pairs, in the order of the pre data.
    pub ids: Vec<Id>,
    pub pre: Vec<f64>,
    pub post: Vec<f64>,
    /// Matched participants left out of this scale because a value is missing.
    pub missing: Vec<Id>,
}

/// Who was measured when.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attrition {
    pub n_pre: usize,
    pub n_post: usize,
    pub n_matched: usize,
    pub only_pre: Vec<Id>,
    pub only_post: Vec<Id>,
}

/// The matched data of a study.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pairing {
    pub attrition: Attrition,
    pub scales: Vec<PairedScale>,
    /// Things the reader should know (columns skipped, rows ignored).
    pub notes: Vec<String>,
}

/// A scale given as two columns of one wide table.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnPair {
    pub name: String,
    pub pre: String,
    pub post: String,
}

impl ColumnPair {
    /// Parses `PRE:POST` or `NAME=PRE:POST`. Without a name, it is the column name with a
    /// pre/post marker removed (`total_pre:total_post` → `total`), or `PRE:POST`.
    pub fn parse(spec: &str) -> Result<ColumnPair, String> {
        let (name, cols) = match spec.split_once('=') {
            Some((n, c)) => (Some(n.trim().to_string()), c),
            None => (None, spec),
        };
        let Some((pre, post)) = cols.split_once(':') else {
            return Err(format!("expected PRE_COLUMN:POST_COLUMN, found \"{spec}\""));
        };
        let (pre, post) = (pre.trim().to_string(), post.trim().to_string());
        if pre.is_empty() || post.is_empty() {
            return Err(format!("expected PRE_COLUMN:POST_COLUMN, found \"{spec}\""));
        }
        let name = name
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| derived_name(&pre, &post));
        Ok(ColumnPair { name, pre, post })
    }
}

/// `total_pre` + `total_post` → `total`; `pre.anx` + `post.anx` → `anx`; otherwise `pre:post`.
fn derived_name(pre: &str, post: &str) -> String {
    const MARKERS: [&str; 8] = [
        "pre", "post", "before", "after", "t1", "t2", "baseline", "follow",
    ];
    let strip = |s: &str| -> String {
        s.split(['_', '-', '.', ' '])
            .filter(|tok| !tok.is_empty() && !MARKERS.contains(&tok.to_ascii_lowercase().as_str()))
            .collect::<Vec<_>>()
            .join("_")
    };
    let (a, b) = (strip(pre), strip(post));
    if !a.is_empty() && a == b {
        a
    } else {
        format!("{pre}:{post}")
    }
}

/// One time point's measurements: an id and some scores per participant.
#[derive(Debug, Clone, PartialEq)]
pub struct Wave {
    /// The file (and, for a long file, which part of it), for messages.
    pub source: String,
    /// Spreadsheet row of each participant.
    pub rows: Vec<u64>,
    pub id_column: String,
    pub ids: Vec<Option<Id>>,
    /// Score name and values (None = missing), one value per participant.
    pub scores: Vec<(String, Vec<Option<f64>>)>,
}

impl Wave {
    /// The id column and the named score columns of a table (numbers parsed; a bad cell is an
    /// error naming it).
    pub fn from_table(table: &Table, id: &str, scales: &[String]) -> Result<Wave, DataError> {
        if !table.has_column(id) {
            return Err(DataError::new(format!(
                "has no id column \"{id}\"; its columns are: {}",
                table.columns().join(", ")
            ))
            .file(&table.source)
            .row(1)
            .hint("name the id column with --id COLUMN"));
        }
        let scores = scales
            .iter()
            .map(|name| Ok((name.clone(), table.numeric(name)?)))
            .collect::<Result<_, DataError>>()?;
        Ok(Wave {
            source: table.source.clone(),
            rows: table.rows.clone(),
            id_column: id.to_string(),
            ids: table
                .text(id)
                .into_iter()
                .map(|c| c.map(Id::from))
                .collect(),
            scores,
        })
    }

    /// The values of a score.
    pub fn score(&self, name: &str) -> Option<&[Option<f64>]> {
        self.scores
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }
}

/// The ids of a wave: every row must have an id, and no id may repeat.
pub fn participant_ids(wave: &Wave) -> Result<Vec<Id>, DataError> {
    indexed_ids(wave).map(|(ids, _)| ids)
}

/// [`participant_ids`], and the position of each id (one hash map serves the duplicate check
/// and the matching: a million ids per wave).
fn indexed_ids(wave: &Wave) -> Result<(Vec<Id>, PlHashMap<&str, usize>), DataError> {
    let id = wave.id_column.as_str();
    let mut ids: Vec<Id> = Vec::with_capacity(wave.ids.len());
    let mut position: PlHashMap<&str, usize> =
        PlHashMap::with_capacity_and_hasher(wave.ids.len(), Default::default());
    let mut dups: Vec<(&str, Vec<u64>)> = Vec::new();
    for (i, cell) in wave.ids.iter().enumerate() {
        let Some(v) = cell.as_deref().filter(|v| !v.is_empty()) else {
            return Err(DataError::new("the participant id is missing")
                .file(&wave.source)
                .row(wave.rows[i])
                .column(id)
                .hint("every row needs an id to be matched; fill it in or delete the row"));
        };
        let row = wave.rows[i];
        if let Some(&first) = position.get(v) {
            match dups.iter_mut().find(|(k, _)| *k == v) {
                Some((_, rows)) => rows.push(row),
                None => dups.push((v, vec![wave.rows[first], row])),
            }
        } else {
            position.insert(v, i);
        }
        ids.push(cell.clone().expect("checked above"));
    }
    if !dups.is_empty() {
        let list: Vec<String> = dups
            .iter()
            .map(|(k, rows)| {
                let rows: Vec<String> = rows.iter().map(u64::to_string).collect();
                format!("\"{k}\" (rows {})", rows.join(", "))
            })
            .collect();
        return Err(DataError::new(format!(
            "{} id{} appear{} more than once: {}",
            dups.len(),
            if dups.len() == 1 { "" } else { "s" },
            if dups.len() == 1 { "s" } else { "" },
            list.join("; ")
        ))
        .file(&wave.source)
        .column(id)
        .hint(
            "each participant must have one row per time point; remove or renumber the duplicates",
        ));
    }
    Ok((ids, position))
}

/// Each participant's group label from `column` of a table whose rows belong to `ids` (one id
/// per row, as returned by [`participant_ids`]). A row without a label is an error.
pub fn group_labels(
    table: &Table,
    ids: &[Id],
    column: &str,
) -> Result<HashMap<Id, String>, DataError> {
    if !table.has_column(column) {
        return Err(DataError::new(format!(
            "has no group column \"{column}\"; its columns are: {}",
            table.columns().join(", ")
        ))
        .file(&table.source)
        .row(1)
        .hint("name the group column with --group COLUMN"));
    }
    let mut out = HashMap::with_capacity(ids.len());
    for ((cell, id), row) in table.text(column).into_iter().zip(ids).zip(&table.rows) {
        let Some(label) = cell else {
            return Err(DataError::new("the group is missing")
                .file(&table.source)
                .row(*row)
                .id(&**id)
                .column(column)
                .hint("every participant needs a group label"));
        };
        out.insert(id.clone(), label.to_string());
    }
    Ok(out)
}

/// Checks that a second table agrees with the group labels found in the first.
pub fn check_group_labels(
    table: &Table,
    ids: &[Id],
    column: &str,
    labels: &HashMap<Id, String>,
) -> Result<(), DataError> {
    if !table.has_column(column) {
        return Ok(());
    }
    for ((cell, id), row) in table.text(column).into_iter().zip(ids).zip(&table.rows) {
        if let (Some(label), Some(first)) = (cell, labels.get(id)) {
            if label != first {
                return Err(DataError::new(format!(
                    "the group is \"{label}\" here but \"{first}\" in the other file"
                ))
                .file(&table.source)
                .row(*row)
                .id(&**id)
                .column(column)
                .hint("a participant must be in the same group at both time points"));
            }
        }
    }
    Ok(())
}

/// Chooses the score columns to compare: the ones named, or every column that holds numbers in
/// both tables (other than the id and `exclude`). A requested column must exist in both tables;
/// a column of numbers with a stray text cell is an error, not silently skipped.
pub fn select_scales(
    pre: &Table,
    post: &Table,
    exclude: &[&str],
    requested: &[String],
) -> Result<(Vec<String>, Vec<String>), DataError> {
    let mut notes = Vec::new();
    if !requested.is_empty() {
        for name in requested {
            if exclude.contains(&name.as_str()) {
                return Err(DataError::new(format!(
                    "--scores names \"{name}\", the id (or group) column; it cannot be compared as a score"
                ))
                .hint("name the score columns with --scores, and the id column with --id"));
            }
            for t in [pre, post] {
                if !t.has_column(name) {
                    return Err(DataError::new(format!(
                        "has no column \"{name}\" (named in --scores); its columns are: {}",
                        t.columns().join(", ")
                    ))
                    .file(&t.source)
                    .row(1));
                }
                t.numeric(name)?; // reports the first bad cell
            }
        }
        return Ok((requested.to_vec(), notes));
    }
    let post_cols: PlHashSet<String> = post.columns().into_iter().collect();
    let mut chosen = Vec::new();
    for name in pre.columns() {
        if exclude.contains(&name.as_str()) {
            continue;
        }
        if !post_cols.contains(&name) {
            if pre.kind(&name) == ColumnKind::Numeric {
                notes.push(format!(
                    "column \"{name}\" is only in {}; not compared",
                    pre.source
                ));
            }
            continue;
        }
        let kinds = [(pre, pre.kind(&name)), (post, post.kind(&name))];
        for (t, kind) in &kinds {
            if let ColumnKind::Mixed {
                row,
                value,
                numbers,
                filled,
            } = kind
            {
                let what = crate::io::table::parse_number(value)
                    .err()
                    .unwrap_or("expected a number");
                return Err(DataError::new(format!(
                    "{what}, found \"{value}\" ({numbers} of the {filled} filled cells of this column {})",
                    if *numbers == 1 { "is a number" } else { "are numbers" }
                ))
                .file(&t.source)
                .row(*row)
                .column(&name)
                .hint(if crate::io::table::number_hint(value).contains("decimal comma") {
                    crate::io::table::number_hint(value)
                } else {
                    "correct the cell, leave it empty if the value is missing, declare the code as \
                     missing with --na, or choose the columns to compare with --scores"
                        .to_string()
                }));
            }
        }
        match (&kinds[0].1, &kinds[1].1) {
            (ColumnKind::Numeric, ColumnKind::Numeric) => chosen.push(name),
            (ColumnKind::Text, ColumnKind::Text) => {}
            _ => notes.push(format!(
                "column \"{name}\" holds numbers in one file and only text or missing values in the \
                 other; not compared"
            )),
        }
    }
    for name in post.columns() {
        if !exclude.contains(&name.as_str())
            && !pre.has_column(&name)
            && post.kind(&name) == ColumnKind::Numeric
        {
            notes.push(format!(
                "column \"{name}\" is only in {}; not compared",
                post.source
            ));
        }
    }
    if chosen.is_empty() {
        return Err(DataError::new(format!(
            "no numeric columns are in both {} and {}",
            pre.source, post.source
        ))
        .hint("name the score columns with --scores, and check that both files use the same column names"));
    }
    Ok((chosen, notes))
}

/// The ids of a wave if every row has one and they increase strictly (so none repeats), as
/// in an export sorted by id; None otherwise (then [`indexed_ids`] checks them).
fn sorted_ids(wave: &Wave) -> Option<Vec<Id>> {
    let mut ids: Vec<Id> = Vec::with_capacity(wave.ids.len());
    for cell in &wave.ids {
        let id = cell.as_ref().filter(|v| !v.is_empty())?;
        if ids.last().is_some_and(|last| last >= id) {
            return None;
        }
        ids.push(id.clone());
    }
    Some(ids)
}

/// Matches two waves by id and builds the complete pairs of each score of the pre wave.
pub fn pair_by_id(pre: &Wave, post: &Wave) -> Result<Pairing, DataError> {
    let (pre_ids, post_ids, matched, only_pre, post_matched) =
        match (sorted_ids(pre), sorted_ids(post)) {
            // ids in increasing order (exports sorted by id): unique, matched by merging
            (Some(pre_ids), Some(post_ids)) => {
                let (mut i, mut j) = (0, 0);
                let mut matched = Vec::with_capacity(pre_ids.len().min(post_ids.len()));
                let mut only_pre = Vec::new();
                let mut post_matched = vec![false; post_ids.len()];
                while i < pre_ids.len() {
                    match post_ids.get(j).map(|b| pre_ids[i].cmp(b)) {
                        Some(std::cmp::Ordering::Equal) => {
                            matched.push((i, j));
                            post_matched[j] = true;
                            i += 1;
                            j += 1;
                        }
                        Some(std::cmp::Ordering::Greater) => j += 1,
                        _ => {
                            only_pre.push(pre_ids[i].clone());
                            i += 1;
                        }
                    }
                }
                (pre_ids, post_ids, matched, only_pre, post_matched)
            }
            _ => {
                let (pre_ids, _) = indexed_ids(pre)?;
                let (post_ids, post_index) = indexed_ids(post)?;
                let mut post_matched = vec![false; post_ids.len()];
                let mut only_pre = Vec::new();
                let mut matched: Vec<(usize, usize)> = Vec::with_capacity(pre_ids.len());
                for (i, s) in pre_ids.iter().enumerate() {
                    match post_index.get(&**s) {
                        Some(&j) => {
                            matched.push((i, j));
                            post_matched[j] = true;
                        }
                        None => only_pre.push(s.clone()),
                    }
                }
                (pre_ids, post_ids, matched, only_pre, post_matched)
            }
        };
    let attrition = Attrition {
        n_pre: pre_ids.len(),
        n_post: post_ids.len(),
        n_matched: matched.len(),
        only_pre,
        only_post: post_ids
            .iter()
            .zip(&post_matched)
            .filter(|(_, &m)| !m)
            .map(|(s, _)| s.clone())
            .collect(),
    };
    if matched.is_empty() {
        let sample = |ids: &[Id]| {
            ids.iter()
                .take(3)
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(DataError::new(format!(
            "no participant id appears in both {} and {} (ids such as {} vs {})",
            pre.source,
            post.source,
            sample(&pre_ids),
            sample(&post_ids)
        ))
        .column(pre.id_column.as_str())
        .hint("check that both files use the same ids, written the same way (e.g. \"007\" and \"7\" are different ids)"));
    }
    let mut out = Vec::with_capacity(pre.scores.len());
    for (name, a) in &pre.scores {
        let b = post
            .score(name)
            .ok_or_else(|| DataError::new(format!("has no score \"{name}\"")).file(&post.source))?;
        let mut s = PairedScale {
            name: name.clone(),
            ids: Vec::new(),
            pre: Vec::new(),
            post: Vec::new(),
            missing: Vec::new(),
        };
        for &(i, j) in &matched {
            match (a[i], b[j]) {
                (Some(x), Some(y)) => {
                    s.ids.push(pre_ids[i].clone());
                    s.pre.push(x);
                    s.post.push(y);
                }
                _ => s.missing.push(pre_ids[i].clone()),
            }
        }
        out.push(s);
    }
    Ok(Pairing {
        attrition,
        scales: out,
        notes: Vec::new(),
    })
}

/// Pairs columns of one wide table row by row. With an id column the ids are checked (present,
/// unique) and reported; without one, participants are named by their row number.
pub fn pair_columns(
    table: &Table,
    id: Option<&str>,
    pairs: &[ColumnPair],
) -> Result<Pairing, DataError> {
    let ids = match id {
        Some(col) => participant_ids(&Wave::from_table(table, col, &[])?)?,
        None => table
            .rows
            .iter()
            .map(|r| Id::from(format!("row {r}")))
            .collect(),
    };
    let mut out = Vec::with_capacity(pairs.len());
    for pair in pairs {
        for col in [&pair.pre, &pair.post] {
            if !table.has_column(col) {
                return Err(DataError::new(format!(
                    "has no column \"{col}\" (named in --pair); its columns are: {}",
                    table.columns().join(", ")
                ))
                .file(&table.source)
                .row(1));
            }
        }
        let a = table.numeric(&pair.pre)?;
        let b = table.numeric(&pair.post)?;
        let mut s = PairedScale {
            name: pair.name.clone(),
            ids: Vec::new(),
            pre: Vec::new(),
            post: Vec::new(),
            missing: Vec::new(),
        };
        for (k, (x, y)) in a.iter().zip(&b).enumerate() {
            match (x, y) {
                (Some(x), Some(y)) => {
                    s.ids.push(ids[k].clone());
                    s.pre.push(*x);
                    s.post.push(*y);
                }
                _ => s.missing.push(ids[k].clone()),
            }
        }
        out.push(s);
    }
    let n = table.height();
    Ok(Pairing {
        attrition: Attrition {
            n_pre: n,
            n_post: n,
            n_matched: n,
            only_pre: Vec::new(),
            only_post: Vec::new(),
        },
        scales: out,
        notes: Vec::new(),
    })
}

/// Splits a long table (one row per participant and time point) into its pre and post rows.
/// Rows with other time labels are left out with a note; a row without a label is an error.
pub fn split_long(
    table: &Table,
    time: &str,
    pre_label: &str,
    post_label: &str,
) -> Result<(Table, Table, Vec<String>), DataError> {
    if !table.has_column(time) {
        return Err(DataError::new(format!(
            "has no time column \"{time}\"; its columns are: {}",
            table.columns().join(", ")
        ))
        .file(&table.source)
        .row(1)
        .hint("name the column that says pre or post with --time COLUMN"));
    }
    let labels = table.text(time);
    let mut is_pre = Vec::with_capacity(labels.len());
    let mut is_post = Vec::with_capacity(labels.len());
    let mut other: Vec<String> = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        let Some(l) = l else {
            return Err(DataError::new("the time label is missing")
                .file(&table.source)
                .row(table.rows[i])
                .column(time)
                .hint(format!(
                    "write \"{pre_label}\" or \"{post_label}\" in every row"
                )));
        };
        is_pre.push(*l == pre_label);
        is_post.push(*l == post_label);
        if *l != pre_label && *l != post_label && !other.iter().any(|o| o == l) {
            other.push(l.to_string());
        }
    }
    let mut notes = Vec::new();
    for (label, mask) in [(pre_label, &is_pre), (post_label, &is_post)] {
        if !mask.iter().any(|&b| b) {
            let mut seen: Vec<&str> = labels.iter().flatten().copied().collect();
            seen.sort_unstable();
            seen.dedup();
            return Err(DataError::new(format!(
                "no row has the time label \"{label}\"; the labels are: {}",
                seen.join(", ")
            ))
            .file(&table.source)
            .column(time)
            .hint("set the labels with --pre-label and --post-label"));
        }
    }
    if !other.is_empty() {
        notes.push(format!(
            "rows with time label{} {} in {} were left out",
            if other.len() == 1 { "" } else { "s" },
            other
                .iter()
                .map(|o| format!("\"{o}\""))
                .collect::<Vec<_>>()
                .join(", "),
            table.source
        ));
    }
    let mut pre = table.filter(&is_pre);
    let mut post = table.filter(&is_post);
    pre.source = format!("{} ({time} = {pre_label})", table.source);
    post.source = format!("{} ({time} = {post_label})", table.source);
    Ok((pre, post, notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::table::{parse_table, ReadOptions};

    fn strs(ids: &[Id]) -> Vec<&str> {
        ids.iter().map(|s| &**s).collect()
    }

    fn table(name: &str, text: &str) -> Table {
        parse_table(text.as_bytes(), name, b',', &ReadOptions::default()).unwrap()
    }

    #[test]
    fn pairs_by_id_and_accounts_for_everyone() {
        let pre = table("pre.csv", "id,a,b,name\n1,10,5,x\n2,11,,y\n3,12,7,z\n");
        let post = table("post.csv", "id,b,a,name\n2,6,13,y\n1,8,14,x\n4,1,1,w\n");
        let (scales, notes) = select_scales(&pre, &post, &["id"], &[]).unwrap();
        assert_eq!(scales, vec!["a", "b"]);
        assert!(notes.is_empty());
        let p = pair_by_id(
            &Wave::from_table(&pre, "id", &scales).unwrap(),
            &Wave::from_table(&post, "id", &scales).unwrap(),
        )
        .unwrap();
        assert_eq!(strs(&p.attrition.only_pre), ["3"]);
        assert_eq!(strs(&p.attrition.only_post), ["4"]);
        assert_eq!(p.attrition.n_matched, 2);
        assert_eq!(p.scales[0].pre, vec![10.0, 11.0]);
        assert_eq!(p.scales[0].post, vec![14.0, 13.0]);
        assert_eq!(strs(&p.scales[1].ids), ["1"]);
        assert_eq!(strs(&p.scales[1].missing), ["2"]);
    }

    proptest::proptest! {
        /// Ids in increasing order are matched by merging; in any other order by hashing: the
        /// same pairs, attrition and values.
        #[test]
        fn merging_sorted_ids_equals_hashing(
            pre in proptest::collection::btree_set(0u32..60, 1..40),
            post in proptest::collection::btree_set(0u32..60, 1..40),
        ) {
            let wave = |ids: Vec<u32>| Wave {
                source: "w.csv".into(),
                rows: (2..2 + ids.len() as u64).collect(),
                id_column: "id".into(),
                ids: ids.iter().map(|i| Some(Id::from(format!("P{i:03}")))).collect(),
                scores: vec![("s".into(), ids.iter().map(|&i| (i % 7 != 0).then_some(f64::from(i))).collect())],
            };
            let pre: Vec<u32> = pre.into_iter().collect();
            let post: Vec<u32> = post.into_iter().collect();
            let reversed: Vec<u32> = post.iter().rev().copied().collect();
            let merged = pair_by_id(&wave(pre.clone()), &wave(post));
            let hashed = pair_by_id(&wave(pre), &wave(reversed));
            match (merged, hashed) {
                (Ok(m), Ok(h)) => {
                    proptest::prop_assert_eq!(m.attrition.n_matched, h.attrition.n_matched);
                    proptest::prop_assert_eq!(&m.attrition.only_pre, &h.attrition.only_pre);
                    let mut hp = h.attrition.only_post.clone();
                    hp.reverse();
                    proptest::prop_assert_eq!(&m.attrition.only_post, &hp);
                    proptest::prop_assert_eq!(&m.scales[0].ids, &h.scales[0].ids);
                    proptest::prop_assert_eq!(&m.scales[0].pre, &h.scales[0].pre);
                    proptest::prop_assert_eq!(&m.scales[0].post, &h.scales[0].post);
                    proptest::prop_assert_eq!(&m.scales[0].missing, &h.scales[0].missing);
                }
                // (the sample of ids in the message follows each file's order)
                (Err(m), Err(h)) => proptest::prop_assert_eq!(
                    m.message.split(" (ids").next(),
                    h.message.split(" (ids").next()
                ),
                (m, h) => proptest::prop_assert!(false, "{:?} / {:?}", m.map(|p| p.attrition), h.map(|p| p.attrition)),
            }
        }
    }

    #[test]
    fn id_problems_are_errors_with_rows() {
        let wave = |t: &Table| Wave::from_table(t, "id", &[]).unwrap();
        let t = table("pre.csv", "id,a\n1,2\n2,3\n1,4\n2,5\n3,1\n");
        let e = participant_ids(&wave(&t)).unwrap_err();
        assert!(e.message.contains("\"1\" (rows 2, 4)"), "{e}");
        assert!(e.message.contains("\"2\" (rows 3, 5)"), "{e}");
        let t = table("pre.csv", "id,a\n1,2\n,3\n");
        assert_eq!(participant_ids(&wave(&t)).unwrap_err().row, Some(3));
        let e = Wave::from_table(&t, "code", &[]).unwrap_err();
        assert!(e.message.contains("its columns are: id, a"));
        let a = ["a".to_string()];
        let pre = Wave::from_table(&table("pre.csv", "id,a\n1,2\n"), "id", &a).unwrap();
        let post = Wave::from_table(&table("post.csv", "id,a\n9,2\n"), "id", &a).unwrap();
        assert!(pair_by_id(&pre, &post)
            .unwrap_err()
            .message
            .contains("no participant id"));
    }

    #[test]
    fn a_stray_text_cell_is_an_error_not_a_skipped_column() {
        let pre = table("pre.csv", "id,a\n1,2\n2,x\n");
        let post = table("post.csv", "id,a\n1,2\n2,3\n");
        let e = select_scales(&pre, &post, &["id"], &[]).unwrap_err();
        assert_eq!(
            (e.file.as_deref(), e.row, e.column.as_deref()),
            (Some("pre.csv"), Some(3), Some("a"))
        );
    }

    #[test]
    fn wide_and_long_layouts() {
        assert_eq!(
            ColumnPair::parse("total_pre:total_post").unwrap().name,
            "total"
        );
        assert_eq!(ColumnPair::parse("T1.anx:T2.anx").unwrap().name, "anx");
        assert_eq!(ColumnPair::parse("x=a:b").unwrap().name, "x");
        assert_eq!(ColumnPair::parse("a:b").unwrap().name, "a:b");
        assert!(ColumnPair::parse("ab").is_err());
        let t = table("w.csv", "id,s_pre,s_post\n1,1,2\n2,3,\n");
        let p = pair_columns(
            &t,
            Some("id"),
            &[ColumnPair::parse("s_pre:s_post").unwrap()],
        )
        .unwrap();
        assert_eq!(
            (p.scales[0].pre.clone(), p.scales[0].missing.clone()),
            (vec![1.0], vec![Id::from("2")])
        );
        let t = table(
            "l.csv",
            "id,time,s\n1,pre,1\n1,post,2\n2,pre,3\n2,follow-up,4\n",
        );
        let (pre, post, notes) = split_long(&t, "time", "pre", "post").unwrap();
        assert_eq!((pre.height(), post.height()), (2, 1));
        assert!(notes[0].contains("follow-up"));
        assert!(split_long(&t, "time", "T1", "post").is_err());
    }
}
