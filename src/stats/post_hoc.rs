//! Post hoc comparisons of all pairs of k groups after a one-way design: Tukey's HSD
//! (Tukey–Kramer for unequal n), Games–Howell, Fisher's LSD and Bonferroni, and the
//! compact-letter display of their results.
//!
//! Every pair (a, b) with a < b (in the order of the groups) reports, as R does,
//! diff = mean[b] − mean[a]; `se` is the standard error of that difference (SPSS's
//! "Std. Error"), `statistic` the t = diff/se, and the CI and p of the method. The pairs come
//! in R's order: (0, 1), (0, 2), …, (0, k − 1), (1, 2), … (`TukeyHSD`, `pairwise.t.test`).

use super::distributions::{pt_tails, qt};
use super::p_adjust::{p_adjust, PAdjust};
use super::summation::Moments;
use super::tukey::StudentizedRange;
use super::{check_finite, valid_conf_level, Inapplicable, NotComputable, Outcome, Subject};
use serde::Serialize;

/// Which post hoc procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PostHocMethod {
    /// Tukey's honestly significant difference with the pooled variance (Tukey–Kramer for
    /// unequal n; R `TukeyHSD(aov(y ~ g))`).
    Tukey,
    /// Games–Howell: Welch's standard error and df per pair, the studentized range for p and CI
    /// (`rstatix::games_howell_test`).
    GamesHowell,
    /// Fisher's least significant difference: t-tests with the pooled SD, no adjustment
    /// (`pairwise.t.test(pool.sd = TRUE, p.adjust = "none")`).
    Lsd,
    /// The same t-tests with Bonferroni's adjustment of p and of the CIs' level
    /// (`pairwise.t.test(p.adjust = "bonferroni")`; SPSS ONEWAY /POSTHOC = BONFERRONI).
    Bonferroni,
}

/// The test of one pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairTest {
    /// Standard error of diff: √(MSE (1/n_a + 1/n_b)) (pooled methods) or √(s²_a/n_a + s²_b/n_b)
    /// (Games–Howell; rstatix reports this times √½ as its `se`).
    pub se: f64,
    /// t = diff/se (Tukey's q = √2·|t|).
    pub statistic: f64,
    /// Degrees of freedom: N − k (pooled methods) or Welch's (Games–Howell).
    pub df: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// The p-value of the method (adjusted for the family where the method does).
    pub p: f64,
}

/// One pair of groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairComparison {
    pub a: usize,
    pub b: usize,
    /// mean[b] − mean[a]
    pub diff: f64,
    /// The test, or why it has none (Games–Howell: both groups without spread).
    pub test: Outcome<PairTest>,
}

/// All pairs under one method.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostHoc {
    pub method: PostHocMethod,
    pub conf_level: f64,
    pub pairs: Vec<PairComparison>,
}

/// The moments of each group after the checks every method shares: k ≥ 2 groups, each with
/// at least `min_n` values, all finite.
fn group_moments(groups: &[&[f64]], min_n: usize, conf_level: f64) -> Outcome<Vec<Moments>> {
    if groups.len() < 2 {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::PostHocTwoGroups,
        });
    }
    if !valid_conf_level(conf_level) {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::ConfLevelRange,
        });
    }
    for g in groups {
        if g.len() < min_n {
            return Err(NotComputable::TooFewObservations {
                n: g.len(),
                needed: min_n,
            });
        }
        check_finite(g)?;
    }
    Ok(groups.iter().map(|g| Moments::of(g)).collect())
}

/// The pooled within-group variance (the one-way ANOVA's mean square error) and its df:
/// MSE = Σ_g Σ_i (y − ȳ_g)² / (N − k). Errs when N − k < 1 or MSE = 0.
fn pooled_variance(moments: &[Moments]) -> Outcome<(f64, f64)> {
    let n: usize = moments.iter().map(|m| m.n).sum();
    let k = moments.len();
    if n <= k {
        return Err(NotComputable::TooFewObservations { n, needed: k + 1 });
    }
    let df = (n - k) as f64;
    let ss: f64 = moments.iter().map(|m| m.ss()).sum();
    let scale = moments.iter().map(|m| m.mean.abs()).fold(0.0, f64::max);
    let mse = ss / df;
    if mse == 0.0 || mse.sqrt() < 1e-14 * scale {
        return Err(NotComputable::ZeroVariance {
            what: Subject::PooledWithinGroupVariance,
        });
    }
    Ok((mse, df))
}

/// All pairs (a, b), a < b, in R's order.
fn pairs(k: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..k).flat_map(move |a| (a + 1..k).map(move |b| (a, b)))
}

/// Tukey's HSD (Tukey 1953; Kramer 1956 for unequal n), as R's `TukeyHSD(aov(y ~ g))`:
/// se = √(MSE (1/n_a + 1/n_b)), p = P(Q_{k, N−k} > √2·|diff|/se) (studentized range),
/// CI = diff ± q_{conf; k, N−k}/√2 · se. Groups need at least one value each.
pub fn tukey_hsd(groups: &[&[f64]], conf_level: f64) -> Outcome<PostHoc> {
    let moments = group_moments(groups, 1, conf_level)?;
    let (mse, df) = pooled_variance(&moments)?;
    let k = moments.len();
    let range = StudentizedRange::new(k as f64)?;
    let crit = range.quantile(conf_level, df, 1.0)? / std::f64::consts::SQRT_2;
    let pairs = pairs(k)
        .map(|(a, b)| {
            let (ma, mb) = (&moments[a], &moments[b]);
            let diff = mb.mean - ma.mean;
            let se = (mse * (1.0 / ma.n as f64 + 1.0 / mb.n as f64)).sqrt();
            let t = diff / se;
            let test = range
                .cdf_tails(std::f64::consts::SQRT_2 * t.abs(), df, 1.0)
                .map(|(_, p)| PairTest {
                    se,
                    statistic: t,
                    df,
                    ci_low: diff - crit * se,
                    ci_high: diff + crit * se,
                    p,
                });
            PairComparison { a, b, diff, test }
        })
        .collect();
    Ok(PostHoc {
        method: PostHocMethod::Tukey,
        conf_level,
        pairs,
    })
}

/// The Games–Howell procedure (Games & Howell 1976), as `rstatix::games_howell_test`: per
/// pair se = √(s²_a/n_a + s²_b/n_b), Welch's df = se⁴ / ((s²_a/n_a)²/(n_a − 1) +
/// (s²_b/n_b)²/(n_b − 1)), p = P(Q_{k, df} > √2·|t|), CI = diff ± q_{conf; k, df}/√2 · se.
/// Groups need at least two values each. rstatix rounds its p to 3 digits (`p_round`); this p
/// is the unrounded `ptukey(√2|t|, k, df, lower.tail = FALSE)`. A pair whose two groups are
/// both constant has no test. R's `ptukey` gives NaN for df < 2 (two groups of 2 with very
/// different variances); the distribution is defined there and this computes it.
pub fn games_howell(groups: &[&[f64]], conf_level: f64) -> Outcome<PostHoc> {
    let moments = group_moments(groups, 2, conf_level)?;
    let k = moments.len();
    let range = StudentizedRange::new(k as f64)?;
    let pairs = pairs(k)
        .map(|(a, b)| {
            let (ma, mb) = (&moments[a], &moments[b]);
            let diff = mb.mean - ma.mean;
            let (na, nb) = (ma.n as f64, mb.n as f64);
            let va = ma.ss() / (na - 1.0) / na;
            let vb = mb.ss() / (nb - 1.0) / nb;
            let se = (va + vb).sqrt();
            let scale = ma.mean.abs().max(mb.mean.abs());
            let test = if se == 0.0 || se < 1e-14 * scale {
                Err(NotComputable::ZeroVariance {
                    what: Subject::BothGroupsOfPair,
                })
            } else {
                let df = (va + vb).powi(2) / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
                let t = diff / se;
                range.quantile(conf_level, df, 1.0).and_then(|q| {
                    let crit = q / std::f64::consts::SQRT_2;
                    range
                        .cdf_tails(std::f64::consts::SQRT_2 * t.abs(), df, 1.0)
                        .map(|(_, p)| PairTest {
                            se,
                            statistic: t,
                            df,
                            ci_low: diff - crit * se,
                            ci_high: diff + crit * se,
                            p,
                        })
                })
            };
            PairComparison { a, b, diff, test }
        })
        .collect();
    Ok(PostHoc {
        method: PostHocMethod::GamesHowell,
        conf_level,
        pairs,
    })
}

/// Pairwise t-tests with the pooled SD (the one-way ANOVA's MSE, df = N − k): Fisher's LSD
/// (`adjust = false`: R `pairwise.t.test(y, g, pool.sd = TRUE, p.adjust.method = "none")`) or
/// Bonferroni (`adjust = true`: `p.adjust.method = "bonferroni"`, p·m capped at 1, m = k(k − 1)/2).
/// se = √(MSE (1/n_a + 1/n_b)), t = diff/se, p = 2·P(T_{N−k} > |t|); the CI is the one SPSS
/// ONEWAY prints for LSD and Bonferroni (IBM SPSS Statistics Algorithms, ONEWAY, "Post Hoc
/// Tests": the mean difference ± t_{α/2} or t_{α/(2m)} with N − k df × se), which equals
/// `confint(emmeans::emmeans(aov(y ~ g), pairwise ~ g, adjust = "none" / "bonferroni"))`.
/// Groups need at least one value each (R's `pairwise.t.test` returns NA when a group has a
/// single value, as its pooled SD sums sd² = NA; the MSE of `aov` used here counts it as 0).
pub fn pairwise_t_pooled(groups: &[&[f64]], adjust: bool, conf_level: f64) -> Outcome<PostHoc> {
    let moments = group_moments(groups, 1, conf_level)?;
    let (mse, df) = pooled_variance(&moments)?;
    let k = moments.len();
    let m = (k * (k - 1) / 2) as f64;
    let alpha = 1.0 - conf_level;
    let crit = if adjust {
        qt(1.0 - alpha / (2.0 * m), df)
    } else {
        qt(1.0 - alpha / 2.0, df)
    };
    let mut raw = Vec::new();
    let mut pairs: Vec<PairComparison> = pairs(k)
        .map(|(a, b)| {
            let (ma, mb) = (&moments[a], &moments[b]);
            let diff = mb.mean - ma.mean;
            let se = (mse * (1.0 / ma.n as f64 + 1.0 / mb.n as f64)).sqrt();
            let t = diff / se;
            let (lower, upper) = pt_tails(t, df);
            let p = (2.0 * lower.min(upper)).min(1.0);
            raw.push(Some(p));
            PairComparison {
                a,
                b,
                diff,
                test: Ok(PairTest {
                    se,
                    statistic: t,
                    df,
                    ci_low: diff - crit * se,
                    ci_high: diff + crit * se,
                    p,
                }),
            }
        })
        .collect();
    if adjust {
        let adjusted = p_adjust(&raw, PAdjust::Bonferroni);
        for (pair, p) in pairs.iter_mut().zip(adjusted) {
            if let (Ok(test), Some(p)) = (&mut pair.test, p) {
                test.p = p;
            }
        }
    }
    Ok(PostHoc {
        method: if adjust {
            PostHocMethod::Bonferroni
        } else {
            PostHocMethod::Lsd
        },
        conf_level,
        pairs,
    })
}

/// The post hoc comparisons of a method (see the functions above).
pub fn post_hoc(groups: &[&[f64]], method: PostHocMethod, conf_level: f64) -> Outcome<PostHoc> {
    match method {
        PostHocMethod::Tukey => tukey_hsd(groups, conf_level),
        PostHocMethod::GamesHowell => games_howell(groups, conf_level),
        PostHocMethod::Lsd => pairwise_t_pooled(groups, false, conf_level),
        PostHocMethod::Bonferroni => pairwise_t_pooled(groups, true, conf_level),
    }
}

/// Compact letter display (Piepho 2004, "An algorithm for a letter-based representation of
/// all-pairwise comparisons", J. Comput. Graph. Stat. 13, 456–466: insert-and-absorb), exactly
/// as `multcompView::multcompLetters` given the symmetric matrix of p-values with the groups in
/// their order: two groups share a letter iff they do not differ. `differs` lists the pairs
/// (a, b) that differ (p < α); they are processed in R's pair order whatever their order here.
///
/// Start with one letter (column) shared by all groups; for each differing pair (a, b), every
/// column holding both is split into a copy without a and the original without b, and then
/// any column whose groups are a subset of another's is removed (absorbed). The columns are
/// ordered by their first group (ties by the next rows, multcompView's `sortCols`) and
/// named a…z, A…Z, then ".a", ".b", … Returns each group's letters.
pub fn compact_letters(k: usize, differs: &[(usize, usize)]) -> Vec<String> {
    if k == 0 {
        return Vec::new();
    }
    let mut order: Vec<(usize, usize)> = differs
        .iter()
        .filter(|(a, b)| a != b && *a < k && *b < k)
        .map(|&(a, b)| (a.min(b), a.max(b)))
        .collect();
    order.sort_unstable();
    order.dedup();
    // columns of the letter matrix: column[g] = group g has this letter
    let mut cols: Vec<Vec<bool>> = vec![vec![true; k]];
    for &(a, b) in &order {
        let holding: Vec<usize> = (0..cols.len())
            .filter(|&c| cols[c][a] && cols[c][b])
            .collect();
        if holding.is_empty() {
            continue;
        }
        let mut copies: Vec<Vec<bool>> = holding.iter().map(|&c| cols[c].clone()).collect();
        for copy in &mut copies {
            copy[a] = false;
        }
        for &c in &holding {
            cols[c][b] = false;
        }
        cols.extend(copies);
        absorb(&mut cols);
    }
    let n_cols = cols.len();
    let sorted = if n_cols > 1 { sort_columns(cols) } else { cols };
    let names = letter_names(n_cols);
    (0..k)
        .map(|g| {
            sorted
                .iter()
                .zip(&names)
                .filter(|(col, _)| col[g])
                .map(|(_, name)| name.as_str())
                .collect()
        })
        .collect()
}

/// multcompView's `absorb`: while some column j > i is a subset of column i, remove j (or i
/// when i is a subset of j), scanning pairs (i, j) in order and restarting after each removal.
/// At most (columns)³ steps, columns ≤ 2^k in theory but ≤ k(k−1)/2 + 1 in practice.
fn absorb(cols: &mut Vec<Vec<bool>>) {
    let subset = |x: &[bool], y: &[bool]| x.iter().zip(y).all(|(&p, &q)| !p || q);
    'restart: loop {
        let n = cols.len();
        for i in 0..n.saturating_sub(1) {
            for j in i + 1..n {
                if subset(&cols[j], &cols[i]) {
                    cols.remove(j);
                    continue 'restart;
                }
                if subset(&cols[i], &cols[j]) {
                    cols.remove(i);
                    continue 'restart;
                }
            }
        }
        return;
    }
}

/// multcompView's `sortCols`: order the columns by their first TRUE row (stably), then for
/// each pair of neighbouring columns with the same first row, sort that pair by the rows below
/// it, recursively.
fn sort_columns(cols: Vec<Vec<bool>>) -> Vec<Vec<bool>> {
    let first = |c: &Vec<bool>| c.iter().position(|&v| v).unwrap_or(usize::MAX);
    let mut cols = cols;
    cols.sort_by_key(first);
    let rows = cols.first().map_or(0, |c| c.len());
    let firsts: Vec<usize> = cols.iter().map(first).collect();
    for i in 0..cols.len().saturating_sub(1) {
        if firsts[i] == firsts[i + 1] && firsts[i] != usize::MAX && firsts[i] + 1 < rows {
            let start = firsts[i] + 1;
            let block: Vec<Vec<bool>> =
                vec![cols[i][start..].to_vec(), cols[i + 1][start..].to_vec()];
            let sorted = sort_columns(block);
            cols[i][start..].copy_from_slice(&sorted[0]);
            cols[i + 1][start..].copy_from_slice(&sorted[1]);
        }
    }
    cols
}

/// multcompView's `makeLtrs` with its default letters c(letters, LETTERS, "."): the first 52
/// columns are a…z, A…Z; beyond, "." followed by them, recursively.
fn letter_names(n: usize) -> Vec<String> {
    let mut alphabet: Vec<String> = ('a'..='z')
        .chain('A'..='Z')
        .map(String::from)
        .chain(std::iter::once(".".to_string()))
        .collect();
    let mut out = Vec::with_capacity(n);
    let mut need = n;
    loop {
        let len = alphabet.len();
        if need < len {
            out.extend(alphabet.into_iter().take(need));
            return out;
        }
        // all but the last symbol, then recurse with the last symbol prefixed to the others
        let last = alphabet[len - 1].clone();
        out.extend(alphabet[..len - 1].iter().cloned());
        need -= len - 1;
        let mut next: Vec<String> = alphabet[..len - 1]
            .iter()
            .map(|s| format!("{last}{s}"))
            .collect();
        next.push(last);
        alphabet = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_abs, assert_close};

    /// One data set of tests/data/post_hoc/reference.txt (scripts/reference/post_hoc.R: R 4.2.2,
    /// rstatix 0.7.2, emmeans 1.8.4-1, multcompView 0.1-8; datasets PlantGrowth, InsectSprays,
    /// warpbreaks (breaks ~ tension), chickwts).
    struct Reference {
        name: String,
        groups: Vec<Vec<f64>>,
        /// method -> rows (a, b, values…)
        rows: Vec<(String, usize, usize, Vec<f64>)>,
        letters: Vec<String>,
    }

    fn references() -> Vec<Reference> {
        let text = include_str!("../../tests/data/post_hoc/reference.txt");
        let mut out: Vec<Reference> = Vec::new();
        for line in text.lines() {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.is_empty() {
                continue;
            }
            if f[0] == "==" {
                out.push(Reference {
                    name: f[1].to_string(),
                    groups: vec![],
                    rows: vec![],
                    letters: vec![],
                });
                continue;
            }
            let r = out.last_mut().expect("a data set");
            match f[0] {
                "data" => r
                    .groups
                    .push(f[2..].iter().map(|v| v.parse().unwrap()).collect()),
                "letters" => r.letters = f[1..].iter().map(|s| s.to_string()).collect(),
                m => r.rows.push((
                    m.to_string(),
                    f[1].parse().unwrap(),
                    f[2].parse().unwrap(),
                    f[3..].iter().map(|v| v.parse().unwrap()).collect(),
                )),
            }
        }
        out
    }

    fn slices(groups: &[Vec<f64>]) -> Vec<&[f64]> {
        groups.iter().map(|g| g.as_slice()).collect()
    }

    fn find(result: &PostHoc, a: usize, b: usize) -> (&PairComparison, &PairTest) {
        let pair = result
            .pairs
            .iter()
            .find(|p| p.a == a && p.b == b)
            .expect("the pair");
        (pair, pair.test.as_ref().expect("a test"))
    }

    /// R: TukeyHSD(aov(y ~ g))$g (diff, lwr, upr, p adj). R's p is 1 − ptukey, off by up to
    /// ~1.6e-7 absolute (and 0 for InsectSprays C–F, whose p is below 1e-15); see
    /// p_values_where_r_differs_match_mpmath.
    #[test]
    fn tukey_matches_r_tukeyhsd() {
        for r in references() {
            let res = tukey_hsd(&slices(&r.groups), 0.95).unwrap();
            assert_eq!(res.pairs.len(), r.groups.len() * (r.groups.len() - 1) / 2);
            for (m, a, b, v) in r.rows.iter().filter(|x| x.0 == "tukey") {
                let (pair, test) = find(&res, *a, *b);
                let what = format!("{} {m} {a}-{b}", r.name);
                assert_close(pair.diff, v[0], 1e-12, &what);
                // the CI carries R's qtukey, which stops at ~1e-8 relative
                let half = 0.5 * (v[2] - v[1]);
                assert_close(0.5 * (test.ci_high - test.ci_low), half, 5e-8, &what);
                // R's ptukey: off by up to 1.6e-7 absolute (see the mpmath checks below)
                assert_abs(test.p, v[3], 2e-7, &what);
            }
        }
    }

    /// rstatix::games_howell_test(detailed = TRUE): estimate, conf.low, conf.high, df, se; the p
    /// is R's ptukey(√2·statistic, k, df, lower.tail = FALSE) unrounded (rstatix rounds it).
    #[test]
    fn games_howell_matches_rstatix() {
        for r in references() {
            let res = games_howell(&slices(&r.groups), 0.95).unwrap();
            for (m, a, b, v) in r.rows.iter().filter(|x| x.0 == "gh") {
                let (pair, test) = find(&res, *a, *b);
                let what = format!("{} {m} {a}-{b}", r.name);
                assert_close(pair.diff, v[0], 1e-12, &what);
                let half = 0.5 * (v[2] - v[1]);
                assert_close(0.5 * (test.ci_high - test.ci_low), half, 5e-8, &what);
                // R's ptukey: off by up to 1.6e-7 absolute (see the mpmath checks below)
                assert_abs(test.p, v[3], 2e-7, &what);
                assert_close(test.df, v[4], 1e-12, &what);
                // rstatix's se is ours times √½
                assert_close(
                    test.se * std::f64::consts::FRAC_1_SQRT_2,
                    v[5],
                    1e-12,
                    &what,
                );
            }
        }
    }

    /// pairwise.t.test(pool.sd = TRUE, p.adjust.method = "none" / "bonferroni") for p;
    /// confint(pairs(emmeans(aov(y ~ g), ~ g), adjust = ..., reverse = TRUE)) for the CI.
    #[test]
    fn lsd_and_bonferroni_match_pairwise_t_test_and_emmeans() {
        for r in references() {
            for (adjust, key) in [(false, "lsd"), (true, "bonf")] {
                let res = pairwise_t_pooled(&slices(&r.groups), adjust, 0.95).unwrap();
                for (m, a, b, v) in r.rows.iter().filter(|x| x.0 == key) {
                    let (pair, test) = find(&res, *a, *b);
                    let what = format!("{} {m} {a}-{b}", r.name);
                    assert_close(pair.diff, v[0], 1e-12, &what);
                    assert_close(test.ci_low, v[1], 1e-10, &what);
                    assert_close(test.ci_high, v[2], 1e-10, &what);
                    assert_close(test.p, v[3], 1e-10, &what);
                    assert_close(test.p, v[4], 1e-10, &what);
                }
            }
        }
    }

    /// Where R's ptukey and ours differ by more than 1e-12, a 24-digit mpmath integral of the
    /// definition (scripts/reference/tukey_mpmath.py) decides, for ours.
    #[test]
    fn p_values_where_r_differs_match_mpmath() {
        let refs = references();
        let get = |name: &str| refs.iter().find(|r| r.name == name).unwrap();
        // InsectSprays, Tukey C vs D (q = 2.50260084708605, k = 6, df = 66):
        // R 0.4920707445799338, mpmath 0.492070744598081773
        let t = tukey_hsd(&slices(&get("InsectSprays").groups), 0.95).unwrap();
        assert_close(find(&t, 2, 3).1.p, 0.492070744598081772991312, 1e-13, "C-D");
        // warpbreaks, Tukey L vs H (q = 5.25741220578605, k = 3, df = 51):
        // R 1.4315033079779216e-3, mpmath 1.43150331361557534e-3
        let t = tukey_hsd(&slices(&get("warpbreaks").groups), 0.95).unwrap();
        assert_close(
            find(&t, 0, 2).1.p,
            0.001431503313615575342419999,
            1e-12,
            "L-H",
        );
        // InsectSprays, Games–Howell A vs E (q = 10.719443773822588, k = 6, df = 13.9105):
        // R 3.208739776150438e-5 (2.7e-6 off), mpmath 3.20873110886436569e-5
        let g = games_howell(&slices(&get("InsectSprays").groups), 0.95).unwrap();
        assert_close(
            find(&g, 0, 4).1.p,
            0.00003208731108864365692445073,
            1e-12,
            "A-E",
        );
    }

    /// Hand-worked letters: a chain of overlaps, no differences, everything different, and
    /// more than 52 letters (multcompView continues with ".a").
    #[test]
    fn letters_by_hand() {
        // 0 < 1 < 2 < 3 with neighbours alike: a, ab, bc, c
        assert_eq!(
            compact_letters(4, &[(0, 2), (0, 3), (1, 3)]),
            ["a", "ab", "bc", "c"]
        );
        assert_eq!(compact_letters(3, &[]), ["a", "a", "a"]);
        assert_eq!(
            compact_letters(3, &[(0, 1), (0, 2), (1, 2)]),
            ["a", "b", "c"]
        );
        // input order and orientation do not matter
        assert_eq!(
            compact_letters(4, &[(3, 1), (2, 0), (0, 3)]),
            ["a", "ab", "bc", "c"]
        );
        let all: Vec<(usize, usize)> = (0..60)
            .flat_map(|a| (a + 1..60).map(move |b| (a, b)))
            .collect();
        let letters = compact_letters(60, &all);
        assert_eq!(letters[0], "a");
        assert_eq!(letters[51], "Z");
        assert_eq!(letters[52], ".a");
        assert_eq!(letters[59], ".h");
        assert!(compact_letters(0, &[]).is_empty());
    }

    #[test]
    fn degenerate_inputs_are_errors() {
        let a = [1.0, 2.0, 3.0];
        let b = [2.0, 3.0, 4.0];
        assert!(tukey_hsd(&[&a], 0.95).is_err());
        assert!(tukey_hsd(&[&a, &[]], 0.95).is_err());
        assert!(tukey_hsd(&[&a, &b], 1.5).is_err());
        assert!(tukey_hsd(&[&[1.0], &[2.0]], 0.95).is_err()); // N − k = 0
        assert!(tukey_hsd(&[&[1.0, 1.0], &[2.0, 2.0]], 0.95).is_err()); // MSE = 0
        assert!(tukey_hsd(&[&[1.0, f64::NAN], &b], 0.95).is_err());
        assert!(games_howell(&[&[1.0], &b], 0.95).is_err());
        // one constant pair in Games–Howell: that pair has no test, the others do
        let c = [5.0, 5.0, 5.0];
        let d = [7.0, 7.0];
        let gh = games_howell(&[&a, &c, &d], 0.95).unwrap();
        assert!(gh
            .pairs
            .iter()
            .find(|p| p.a == 1 && p.b == 2)
            .unwrap()
            .test
            .is_err());
        assert!(gh
            .pairs
            .iter()
            .find(|p| p.a == 0 && p.b == 1)
            .unwrap()
            .test
            .is_ok());
        // a group of one value is fine for the pooled methods (R's pairwise.t.test gives NA)
        let lsd = pairwise_t_pooled(&[&a, &[9.0], &b], false, 0.95).unwrap();
        assert!(lsd.pairs.iter().all(|p| p.test.is_ok()));
        // Games–Howell with Welch df below 2 (R's ptukey: NaN) has a p in (0, 1)
        let gh = games_howell(&[&[0.0, 10.0], &[3.0, 3.1], &[1.0, 2.0, 3.0]], 0.95).unwrap();
        let t = gh.pairs[0].test.as_ref().unwrap();
        assert!(t.df < 2.0 && t.p > 0.0 && t.p < 1.0, "{t:?}");
    }

    /// multcompView::multcompLetters(p matrix of TukeyHSD)$Letters at α = 0.05.
    #[test]
    fn letters_match_multcompview() {
        for r in references() {
            let res = tukey_hsd(&slices(&r.groups), 0.95).unwrap();
            let differs: Vec<(usize, usize)> = res
                .pairs
                .iter()
                .filter(|p| p.test.as_ref().unwrap().p < 0.05)
                .map(|p| (p.a, p.b))
                .collect();
            assert_eq!(
                compact_letters(r.groups.len(), &differs),
                r.letters,
                "{}",
                r.name
            );
        }
    }
}
