//! Which items moved (`compare --scale … --items`): each item's keyed answers at the two
//! compared waves, for the participants who answered it at both, counted per response and
//! tested three ways (the sign test, the Wilcoxon signed-rank test, the Stuart–Maxwell test of
//! marginal homogeneity), the Wilcoxon p Holm-adjusted across the items of each subscale.

use super::{noted, AnalysisOptions};
use crate::model::{ItemChange, ItemWilcoxon};
use crate::scale::spec::Scale;
use crate::stats::marginal::{sign_test, stuart_maxwell};
use crate::stats::p_adjust::{p_adjust, PAdjust};
use crate::stats::summation::mean;
use crate::stats::wilcoxon::{signed_rank_test, SignedRankOptions};
use crate::stats::{differences, NotComputable};
use crate::study::Study;
use std::collections::BTreeMap;

/// The most response categories counted one by one; beyond (a 0–100 slider, say) the answers
/// actually given are the categories.
const MAX_RANGE_CATEGORIES: f64 = 20.0;

/// Each item's family: the subscales' items under their subscale, in the order of the spec,
/// then the items in no subscale under the total.
fn families(scale: &Scale) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    let mut placed = vec![false; scale.items.len()];
    for s in scale.scores.iter().filter(|s| !s.is_total) {
        let positions = scale.positions(s);
        for &k in &positions {
            placed[k] = true;
        }
        out.push((s.name.clone(), positions));
    }
    let rest: Vec<usize> = (0..scale.items.len()).filter(|&k| !placed[k]).collect();
    if !rest.is_empty() {
        let total = scale
            .scores
            .iter()
            .find(|s| s.is_total)
            .map_or_else(|| "items".to_string(), |s| s.name.clone());
        out.push((total, rest));
    }
    out
}

/// The answers counted, the same for every item (the columns of `items.csv`, the colours of
/// the bars): the scale's range step 1 for whole answers over a short range, else every answer
/// given to any item at either wave.
fn categories<'a>(scale: &Scale, answers: impl Iterator<Item = &'a [f64]>) -> Vec<f64> {
    if scale.integer && scale.max - scale.min <= MAX_RANGE_CATEGORIES {
        let (lo, hi) = (scale.min.ceil() as i64, scale.max.floor() as i64);
        (lo..=hi).map(|v| v as f64).collect()
    } else {
        let mut v: Vec<f64> = answers.flatten().copied().filter(|x| !x.is_nan()).collect();
        v.sort_by(f64::total_cmp);
        v.dedup();
        v
    }
}

/// The analysis of one item from its paired answers.
fn item_change(
    (family, item, reversed): (&str, &str, bool),
    group: Option<&str>,
    cats: &[f64],
    (pre, post): (&[f64], &[f64]),
    opts: &AnalysisOptions,
) -> ItemChange {
    let mut notes = BTreeMap::new();
    let index = |v: f64| cats.iter().position(|&c| c == v);
    let count = |xs: &[f64]| {
        let mut c = vec![0usize; cats.len()];
        for &x in xs {
            if let Some(i) = index(x) {
                c[i] += 1;
            }
        }
        c
    };
    let n = pre.len();
    let d = differences(pre, post);
    let enough = if n == 0 {
        Err(NotComputable::TooFewObservations { n, needed: 1 })
    } else {
        Ok(())
    };
    let sign = noted(
        &mut notes,
        "sign_test",
        enough.clone().and_then(|_| sign_test(&d, opts.alternative)),
    );
    let w_opts = SignedRankOptions {
        alternative: opts.alternative,
        ..opts.wilcoxon
    };
    let wilcoxon = noted(
        &mut notes,
        "wilcoxon",
        enough.clone().and_then(|_| signed_rank_test(&d, w_opts)),
    )
    .map(|w| ItemWilcoxon {
        v: w.v,
        p_value: w.p_value,
        method: w.method.as_str().to_string(),
    });
    let table: Vec<Vec<u64>> = {
        let mut t = vec![vec![0u64; cats.len()]; cats.len()];
        for (&a, &b) in pre.iter().zip(post) {
            if let (Some(i), Some(j)) = (index(a), index(b)) {
                t[i][j] += 1;
            }
        }
        t
    };
    let marginal = noted(
        &mut notes,
        "marginal_homogeneity",
        enough.and_then(|_| stuart_maxwell(&table)),
    );
    ItemChange {
        scale: family.to_string(),
        item: item.to_string(),
        reversed,
        group: group.map(String::from),
        n,
        pre_counts: count(pre),
        post_counts: count(post),
        categories: cats.to_vec(),
        pre_mean: (n > 0).then(|| mean(pre)),
        post_mean: (n > 0).then(|| mean(post)),
        sign_test: sign,
        wilcoxon,
        marginal_homogeneity: marginal,
        p_holm: None,
        notes,
    }
}

/// Every item of the study's scale at waves `pre` and `post`, for everyone or (with a
/// comparison group, `groups` = (treatment, comparison)) for each group.
pub fn item_changes(
    study: &Study,
    (pre, post): (usize, usize),
    groups: Option<(&str, &str)>,
    opts: &AnalysisOptions,
) -> Vec<ItemChange> {
    let Some(scale) = study.scale.as_ref() else {
        return Vec::new();
    };
    let (a, b) = (&study.waves[pre], &study.waves[post]);
    if a.answers.is_empty() || b.answers.is_empty() {
        return Vec::new();
    }
    let matched = study.matched(pre, post);
    let cats = categories(scale, a.answers.iter().chain(&b.answers).map(Vec::as_slice));
    let parts: Vec<Option<&str>> = match groups {
        Some((t, c)) => vec![Some(t), Some(c)],
        None => vec![None],
    };
    let mut out = Vec::new();
    for group in parts {
        let rows: Vec<(u32, u32)> = matched
            .iter()
            .copied()
            .filter(|&(i, _)| group.is_none() || study.group(study.participant(pre, i)) == group)
            .collect();
        for (family, positions) in families(scale) {
            let start = out.len();
            for k in positions {
                let (x, y): (Vec<f64>, Vec<f64>) = rows
                    .iter()
                    .map(|&(i, j)| (a.answers[k][i as usize], b.answers[k][j as usize]))
                    .filter(|(x, y)| !x.is_nan() && !y.is_nan())
                    .unzip();
                let item = &scale.items[k];
                out.push(item_change(
                    (&family, item, scale.is_reversed(item)),
                    group,
                    &cats,
                    (&x, &y),
                    opts,
                ));
            }
            // Holm across this family's Wilcoxon p-values
            let ps: Vec<Option<f64>> = out[start..]
                .iter()
                .map(|c| c.wilcoxon.as_ref().map(|w| w.p_value))
                .collect();
            for (c, p) in out[start..].iter_mut().zip(p_adjust(&ps, PAdjust::Holm)) {
                c.p_holm = p;
            }
        }
    }
    out
}
