//! Crosstabulation of two categorical variables: expected counts and row percentages,
//! Pearson's chi-squared (with Yates' correction for 2 × 2), the likelihood-ratio chi-squared,
//! Fisher's exact test for r × c tables (the network algorithm with a bounded budget), φ and
//! Cramér's V with a two-sided noncentral-chi-squared interval.
//!
//! Rows or columns without any count (a level with no respondents in the table) are left out
//! of every statistic (as SPSS, whose tables have no such rows), and listed: R's
//! `chisq.test` gives NaN there (0/0 in the expected counts) and `fisher.test` ignores them.

use super::distributions::{lgamma, pchisq_upper};
use super::noncentral_chisq::chisq_ncp_interval;
use super::proportions::fisher_exact;
use super::{valid_conf_level, Inapplicable, NotComputable, Outcome};
use serde::Serialize;
use std::collections::HashMap;

/// A chi-squared test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChiSquare {
    pub statistic: f64,
    pub df: f64,
    pub p: f64,
}

/// An effect size with its two-sided interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interval {
    pub value: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// Cramér's V, as SPSS prints it (no bias correction), and Bergsma's (2013) bias-corrected V
/// that `effectsize::cramers_v` reports by default since 0.8.0 (`adjust = TRUE`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CramersV {
    /// √(χ²/(n (min(r, c) − 1))) with the ncp interval (effectsize `adjust = FALSE`).
    pub v: Interval,
    /// √(max(0, φ² − (r − 1)(c − 1)/(n − 1))) / √(min(r̃, c̃) − 1), r̃ = r − (r − 1)²/(n − 1),
    /// its ends transformed likewise (effectsize `adjust = TRUE`); None when n < 2 or
    /// min(r̃, c̃) ≤ 1.
    pub adjusted: Option<Interval>,
}

/// Everything about one r × c table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Crosstab {
    pub counts: Vec<Vec<u64>>,
    pub n: u64,
    pub row_totals: Vec<u64>,
    pub col_totals: Vec<u64>,
    /// rᵢ cⱼ / n (0 in empty rows and columns)
    pub expected: Vec<Vec<f64>>,
    /// 100 · count / row total; None for an empty row
    pub row_percent: Vec<Option<Vec<f64>>>,
    /// Rows and columns without counts, left out of the statistics.
    pub empty_rows: Vec<usize>,
    pub empty_cols: Vec<usize>,
    /// The smallest expected count and how many (of the analysed cells) are below 5 (SPSS's
    /// footnote; chisq.test warns when any is below 5).
    pub min_expected: f64,
    pub expected_below_5: usize,
    /// Pearson's χ² = Σ (O − E)²/E, df = (r − 1)(c − 1) (R `chisq.test(x, correct = FALSE)`).
    pub pearson: Outcome<ChiSquare>,
    /// For 2 × 2: Yates' continuity correction as R's `chisq.test(x)` (correct = TRUE):
    /// Σ (|O − E| − min(0.5, min |O − E|))²/E.
    pub yates: Option<ChiSquare>,
    /// The likelihood-ratio G² = 2 Σ O ln(O/E) (SPSS "Likelihood Ratio").
    pub likelihood_ratio: Outcome<ChiSquare>,
    /// Fisher's exact test, two-sided (R `fisher.test(x)$p.value`); an error when the table
    /// is beyond the budget or the test was not requested.
    pub fisher_p: Outcome<f64>,
    /// For 2 × 2: φ = (ad − bc)/√(r₁ r₂ c₁ c₂), signed as SPSS prints it.
    pub phi: Option<f64>,
    pub cramers_v: Outcome<CramersV>,
}

/// The analysed part of a table: the non-empty rows and columns.
struct Reduced {
    cells: Vec<Vec<u64>>,
    rows: Vec<u64>,
    cols: Vec<u64>,
    n: u64,
}

/// The crosstab statistics of `counts` (rows of equal length), with intervals at `conf_level`.
/// Fisher's exact test of a table larger than 2 × 2 gets `fisher_budget` steps of the network
/// algorithm ([`FISHER_BUDGET`] is about 0.3 s of a release build; 0 skips it, as SPSS does
/// without its Exact Tests option); a 2 × 2 table's is always computed (closed form).
/// Errs when the table is ragged or has no count; statistics that need two non-empty rows and
/// columns are errors inside the result.
pub fn crosstab(counts: &[Vec<u64>], conf_level: f64, fisher_budget: u64) -> Outcome<Crosstab> {
    let r = counts.len();
    let c = counts.first().map_or(0, |row| row.len());
    if r == 0 || c == 0 || counts.iter().any(|row| row.len() != c) {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::CrosstabNotRectangular,
        });
    }
    if !valid_conf_level(conf_level) {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::ConfLevelRange,
        });
    }
    let row_totals: Vec<u64> = counts.iter().map(|row| row.iter().sum()).collect();
    let col_totals: Vec<u64> = (0..c)
        .map(|j| counts.iter().map(|row| row[j]).sum())
        .collect();
    let n: u64 = row_totals.iter().sum();
    if n == 0 {
        return Err(NotComputable::TooFewObservations { n: 0, needed: 1 });
    }
    let nf = n as f64;
    let expected: Vec<Vec<f64>> = row_totals
        .iter()
        .map(|&ri| {
            col_totals
                .iter()
                .map(|&cj| ri as f64 * cj as f64 / nf)
                .collect()
        })
        .collect();
    let row_percent = counts
        .iter()
        .zip(&row_totals)
        .map(|(row, &t)| {
            (t > 0).then(|| row.iter().map(|&x| 100.0 * x as f64 / t as f64).collect())
        })
        .collect();
    let empty_rows: Vec<usize> = (0..r).filter(|&i| row_totals[i] == 0).collect();
    let empty_cols: Vec<usize> = (0..c).filter(|&j| col_totals[j] == 0).collect();
    let keep_r: Vec<usize> = (0..r).filter(|&i| row_totals[i] > 0).collect();
    let keep_c: Vec<usize> = (0..c).filter(|&j| col_totals[j] > 0).collect();
    let red = Reduced {
        cells: keep_r
            .iter()
            .map(|&i| keep_c.iter().map(|&j| counts[i][j]).collect())
            .collect(),
        rows: keep_r.iter().map(|&i| row_totals[i]).collect(),
        cols: keep_c.iter().map(|&j| col_totals[j]).collect(),
        n,
    };
    let kept_expected: Vec<f64> = keep_r
        .iter()
        .flat_map(|&i| keep_c.iter().map(move |&j| (i, j)))
        .map(|(i, j)| expected[i][j])
        .collect();
    let min_expected = kept_expected.iter().cloned().fold(f64::INFINITY, f64::min);
    let expected_below_5 = kept_expected.iter().filter(|&&e| e < 5.0).count();

    let (rr, cc) = (red.rows.len(), red.cols.len());
    let two_by_two = rr == 2 && cc == 2;
    let too_small = || NotComputable::NotApplicable {
        why: Inapplicable::TableTooSmall,
    };
    let pearson = if rr < 2 || cc < 2 {
        Err(too_small())
    } else {
        Ok(pearson_chi_square(&red, 0.0))
    };
    let yates = if two_by_two {
        // R: YATES <- min(0.5, abs(x - E))
        let mut shift: f64 = 0.5;
        for i in 0..2 {
            for j in 0..2 {
                let e = red.rows[i] as f64 * red.cols[j] as f64 / nf;
                shift = shift.min((red.cells[i][j] as f64 - e).abs());
            }
        }
        Some(pearson_chi_square(&red, shift))
    } else {
        None
    };
    let likelihood_ratio = if rr < 2 || cc < 2 {
        Err(too_small())
    } else {
        Ok(likelihood_ratio(&red))
    };
    let fisher_p = if rr < 2 || cc < 2 {
        Err(too_small())
    } else if two_by_two {
        let x = &red.cells;
        Ok(fisher_exact(x[0][0], x[0][1], x[1][0], x[1][1]))
    } else if fisher_budget == 0 {
        Err(NotComputable::NotApplicable {
            why: Inapplicable::FisherNotRequested,
        })
    } else {
        fisher_network(&red.cells, fisher_budget)
    };
    let phi = two_by_two.then(|| {
        let x = &red.cells;
        let (a, b, c, d) = (
            x[0][0] as f64,
            x[0][1] as f64,
            x[1][0] as f64,
            x[1][1] as f64,
        );
        let den =
            (red.rows[0] as f64 * red.rows[1] as f64 * red.cols[0] as f64 * red.cols[1] as f64)
                .sqrt();
        (a * d - b * c) / den
    });
    let cramers_v = match &pearson {
        Ok(chi) => cramers_v(chi.statistic, n, rr, cc, conf_level),
        Err(e) => Err(e.clone()),
    };
    Ok(Crosstab {
        counts: counts.to_vec(),
        n,
        row_totals,
        col_totals,
        expected,
        row_percent,
        empty_rows,
        empty_cols,
        min_expected,
        expected_below_5,
        pearson,
        yates,
        likelihood_ratio,
        fisher_p,
        phi,
        cramers_v,
    })
}

/// Σ (|O − E| − shift)²/E over the reduced table, df = (r − 1)(c − 1).
fn pearson_chi_square(red: &Reduced, shift: f64) -> ChiSquare {
    let nf = red.n as f64;
    let mut stat = 0.0;
    for (i, row) in red.cells.iter().enumerate() {
        for (j, &o) in row.iter().enumerate() {
            let e = red.rows[i] as f64 * red.cols[j] as f64 / nf;
            let d = (o as f64 - e).abs() - shift;
            stat += d * d / e;
        }
    }
    let df = ((red.rows.len() - 1) * (red.cols.len() - 1)) as f64;
    ChiSquare {
        statistic: stat,
        df,
        p: pchisq_upper(stat, df),
    }
}

/// G² = 2 Σ_{O > 0} O ln(O/E).
fn likelihood_ratio(red: &Reduced) -> ChiSquare {
    let nf = red.n as f64;
    let mut g = 0.0;
    for (i, row) in red.cells.iter().enumerate() {
        for (j, &o) in row.iter().enumerate() {
            if o > 0 {
                let e = red.rows[i] as f64 * red.cols[j] as f64 / nf;
                g += o as f64 * (o as f64 / e).ln();
            }
        }
    }
    let stat = (2.0 * g).max(0.0);
    let df = ((red.rows.len() - 1) * (red.cols.len() - 1)) as f64;
    ChiSquare {
        statistic: stat,
        df,
        p: pchisq_upper(stat, df),
    }
}

/// Cramér's V = √(χ²/(n (min(r, c) − 1))) with the interval from the noncentrality interval
/// of χ² (effectsize `chisq_to_cramers_v(chisq, n, r, c, adjust = FALSE, alternative =
/// "two.sided")`: V ends = √(λ/n)/√(min(r, c) − 1), capped at 1), and the bias-corrected V
/// (`adjust = TRUE`).
pub fn cramers_v(chisq: f64, n: u64, r: usize, c: usize, conf_level: f64) -> Outcome<CramersV> {
    if r < 2 || c < 2 || n == 0 {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::CramersVTableTooSmall,
        });
    }
    let df = ((r - 1) * (c - 1)) as f64;
    let nf = n as f64;
    let (lo, hi) = chisq_ncp_interval(chisq, df, conf_level)?;
    let phi = |x: f64| (x / nf).sqrt();
    let m = (r.min(c) - 1) as f64;
    let v = Interval {
        value: phi(chisq) / m.sqrt(),
        ci_low: (phi(lo) / m.sqrt()).min(1.0),
        ci_high: (phi(hi) / m.sqrt()).min(1.0),
    };
    let adjusted = if n >= 2 {
        let (rf, cf) = (r as f64, c as f64);
        let k = rf - (rf - 1.0).powi(2) / (nf - 1.0);
        let l = cf - (cf - 1.0).powi(2) / (nf - 1.0);
        let div = k.min(l) - 1.0;
        (div > 0.0).then(|| {
            let e = df / (nf - 1.0);
            let adj = |x: f64| (phi(x).powi(2) - e).max(0.0).sqrt() / div.sqrt();
            Interval {
                value: adj(chisq),
                ci_low: adj(lo).min(1.0),
                ci_high: adj(hi).min(1.0),
            }
        })
    } else {
        None
    };
    Ok(CramersV { v, adjusted })
}

/// The work [`fisher_network`] may do in one call: steps (a split of a column's total among
/// the rows, or an undecided path value carried into a node; each a few hash-table operations)
/// of the two passes together. About 0.3 s of a release build; tables beyond it return an
/// error that says so (R's FEXACT fails with its default workspace on the same tables or
/// sooner: HairEyeColor, UCBAdmissions Admit × Dept).
pub const FISHER_BUDGET: u64 = 10_000_000;

/// Rows (the smaller dimension) at most in [`fisher_network`].
pub const FISHER_MAX_ROWS: usize = 12;

/// Two-sided p of Fisher's exact test of an r × c table (R `fisher.test(x)` for r × c: FEXACT,
/// the network algorithm of Mehta & Patel 1983, 1986): the total hypergeometric probability of
/// the tables with the table's margins that are no more probable than it, with FEXACT's
/// tolerance (ln P ≤ ln P_obs + 3.45254e-7). Empty rows and columns are dropped.
///
/// The network has a stage per column (the larger dimension) and as nodes the multisets of the
/// row totals still to fill; an arc places one column. For each node the longest and shortest
/// remaining path (the most and least probable completions) are found exactly by dynamic
/// programming over the network, and its total completion mass is in closed form,
/// n'!/(Π r'ᵢ! Π c'ⱼ!). The second pass carries the distinct past path values into each node
/// (paths with equal values merged, to 1e-9 in ln P, their multiplicities added: FEXACT merges
/// to 3.45e-7 and keeps one value, so R's p can be off by ~1e-12 relative): a path whose every
/// completion is at or below the observed probability adds its whole mass, one whose every
/// completion is above adds nothing, and only the others are carried on. Errs when the work
/// exceeds `budget` steps or the smaller dimension has more than [`FISHER_MAX_ROWS`] levels.
pub fn fisher_network(table: &[Vec<u64>], budget: u64) -> Outcome<f64> {
    let r0 = table.len();
    let c0 = table.first().map_or(0, |row| row.len());
    // the smaller dimension as rows (the state), the larger as stages; empty lines dropped
    let oriented: Vec<Vec<u64>> = if r0 <= c0 {
        table.to_vec()
    } else {
        (0..c0)
            .map(|j| table.iter().map(|row| row[j]).collect())
            .collect()
    };
    let ncols0 = oriented.first().map_or(0, |row| row.len());
    let keep_cols: Vec<usize> = (0..ncols0)
        .filter(|&j| oriented.iter().any(|row| row[j] > 0))
        .collect();
    let cells: Vec<Vec<u64>> = oriented
        .iter()
        .filter(|row| row.iter().any(|&x| x > 0))
        .map(|row| keep_cols.iter().map(|&j| row[j]).collect())
        .collect();
    if cells.len() < 2 || keep_cols.len() < 2 {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::FisherTableTooSmall,
        });
    }
    let (cells, nrows) = if cells.len() <= keep_cols.len() {
        let k = cells.len();
        (cells, k)
    } else {
        let t: Vec<Vec<u64>> = (0..keep_cols.len())
            .map(|j| cells.iter().map(|row| row[j]).collect())
            .collect();
        let k = t.len();
        (t, k)
    };
    if nrows > FISHER_MAX_ROWS {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::FisherTooManyLevels,
        });
    }
    let rows: Vec<u64> = cells.iter().map(|row| row.iter().sum()).collect();
    let ncols = cells[0].len();
    let mut cols: Vec<u64> = (0..ncols)
        .map(|j| cells.iter().map(|row| row[j]).sum())
        .collect();
    let n: u64 = rows.iter().sum();
    // the mixed-radix key of a node must fit in 128 bits
    let bits: f64 = rows.iter().map(|&r| ((r + 1) as f64).log2()).sum();
    if bits > 126.0 || n > u32::MAX as u64 {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::FisherTableTooLarge,
        });
    }
    // ln k! for k ≤ n
    let lf: Vec<f64> = (0..=n).map(|k| lgamma(k as f64 + 1.0)).collect();
    let obs: f64 = -cells.iter().flatten().map(|&x| lf[x as usize]).sum::<f64>();
    let constant: f64 = rows.iter().map(|&x| lf[x as usize]).sum::<f64>()
        + cols.iter().map(|&x| lf[x as usize]).sum::<f64>()
        - lf[n as usize];
    // larger columns first
    cols.sort_unstable_by(|a, b| b.cmp(a));
    let mut net = Network {
        cols: &cols,
        lf: &lf,
        k: nrows,
        radix: {
            let mut sorted = rows.clone();
            sorted.sort_unstable();
            // digit i of a sorted node is at most the i-th smallest... use the largest total
            (sorted[nrows - 1] + 1) as u128
        },
        bounds: HashMap::new(),
        work: 0,
        budget,
    };
    if (net.radix as f64).log2() * nrows as f64 > 126.0 {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::FisherTableTooLarge,
        });
    }
    let mut root = [0u32; FISHER_MAX_ROWS];
    for (i, &r) in rows.iter().enumerate() {
        root[i] = r as u32;
    }
    root[..nrows].sort_unstable();
    let root_key = net.key(&root[..nrows]);
    net.bounds_of(0, &root[..nrows])?;

    // the second pass, stage by stage: node key -> merged past values (value, multiplicity)
    let threshold = obs + 3.452_54e-7;
    let mut p = 0.0;
    let mut level: HashMap<u128, HashMap<i64, (f64, f64)>> = HashMap::new();
    level.insert(root_key, HashMap::from([(0i64, (0.0, 1.0))]));
    // a decided path adds mult·e^{constant + past + mass(child)}
    for (stage, &total) in cols.iter().enumerate() {
        let mut next: HashMap<u128, HashMap<i64, (f64, f64)>> = HashMap::new();
        for (node_key, pasts) in level {
            let node = net.unkey(node_key);
            let pasts: Vec<(f64, f64)> = pasts.into_values().collect();
            let mut arcs: Vec<([u32; FISHER_MAX_ROWS], f64)> = Vec::new();
            net.splits(&node[..nrows], total as u32, &mut |child, value| {
                arcs.push((child, value))
            })?;
            for (child, value) in arcs {
                let child = &child[..nrows];
                let (longest, shortest, mass) = if stage + 1 == ncols {
                    (0.0, 0.0, 0.0)
                } else {
                    let b = net.bounds[&(stage + 1, net.key(child))];
                    (b.0, b.1, b.2)
                };
                let mut undecided: Vec<(f64, f64)> = Vec::new();
                for &(past, mult) in &pasts {
                    let v = past + value;
                    if v + longest <= threshold {
                        p += mult * (constant + v + mass).exp();
                    } else if v + shortest <= threshold {
                        undecided.push((v, mult));
                    }
                }
                if undecided.is_empty() {
                    continue;
                }
                net.charge(undecided.len() as u64)?;
                let entry = next.entry(net.key(child)).or_default();
                for (v, mult) in undecided {
                    let key = (v * 1e9).round() as i64;
                    entry.entry(key).or_insert((v, 0.0)).1 += mult;
                }
            }
        }
        level = next;
    }
    Ok(p.clamp(0.0, 1.0))
}

/// The network of [`fisher_network`]: per node (stage, key) the longest and shortest completion
/// and the log of the completions' total mass; the work done.
struct Network<'a> {
    cols: &'a [u64],
    lf: &'a [f64],
    k: usize,
    radix: u128,
    bounds: HashMap<(usize, u128), (f64, f64, f64)>,
    work: u64,
    budget: u64,
}

impl Network<'_> {
    fn charge(&mut self, steps: u64) -> Outcome<()> {
        self.work += steps;
        if self.work > self.budget {
            return Err(NotComputable::NotApplicable {
                why: Inapplicable::FisherBudgetExceeded,
            });
        }
        Ok(())
    }

    /// The mixed-radix key of a sorted node.
    fn key(&self, node: &[u32]) -> u128 {
        node.iter()
            .fold(0u128, |acc, &x| acc * self.radix + x as u128)
    }

    fn unkey(&self, mut key: u128) -> [u32; FISHER_MAX_ROWS] {
        let mut node = [0u32; FISHER_MAX_ROWS];
        for i in (0..self.k).rev() {
            node[i] = (key % self.radix) as u32;
            key /= self.radix;
        }
        node
    }

    /// Every way to fill a column of total `total` into rows with remaining totals `node`:
    /// calls `f(child node (sorted), −Σ ln x!)`.
    fn splits(
        &mut self,
        node: &[u32],
        total: u32,
        f: &mut dyn FnMut([u32; FISHER_MAX_ROWS], f64),
    ) -> Outcome<()> {
        let k = node.len();
        let mut cap_after = [0u32; FISHER_MAX_ROWS + 1];
        for i in (0..k).rev() {
            cap_after[i] = cap_after[i + 1] + node[i];
        }
        let mut x = [0u32; FISHER_MAX_ROWS];
        self.fill(node, &cap_after, 0, total, 0.0, &mut x, f)
    }

    #[allow(clippy::too_many_arguments)]
    fn fill(
        &mut self,
        node: &[u32],
        cap_after: &[u32],
        i: usize,
        left: u32,
        value: f64,
        x: &mut [u32; FISHER_MAX_ROWS],
        f: &mut dyn FnMut([u32; FISHER_MAX_ROWS], f64),
    ) -> Outcome<()> {
        let k = node.len();
        if i == k - 1 {
            if left > node[i] {
                return Ok(());
            }
            self.charge(1)?;
            x[i] = left;
            let mut child = [0u32; FISHER_MAX_ROWS];
            for r in 0..k {
                child[r] = node[r] - x[r];
            }
            child[..k].sort_unstable();
            f(child, value - self.lf[left as usize]);
            return Ok(());
        }
        let lo = left.saturating_sub(cap_after[i + 1]);
        let hi = left.min(node[i]);
        for v in lo..=hi {
            x[i] = v;
            self.fill(
                node,
                cap_after,
                i + 1,
                left - v,
                value - self.lf[v as usize],
                x,
                f,
            )?;
        }
        Ok(())
    }

    /// (longest, shortest, ln mass) of the completions of a node, memoized; the mass is
    /// ln n'! − Σ ln r'ᵢ! − Σ_{j ≥ stage} ln cⱼ!.
    fn bounds_of(&mut self, stage: usize, node: &[u32]) -> Outcome<(f64, f64, f64)> {
        if stage == self.cols.len() {
            return Ok((0.0, 0.0, 0.0));
        }
        let key = self.key(node);
        if let Some(&b) = self.bounds.get(&(stage, key)) {
            return Ok(b);
        }
        let mut arcs: Vec<([u32; FISHER_MAX_ROWS], f64)> = Vec::new();
        let total = self.cols[stage] as u32;
        self.splits(node, total, &mut |child, value| arcs.push((child, value)))?;
        let (mut longest, mut shortest) = (f64::NEG_INFINITY, f64::INFINITY);
        let k = node.len();
        for (child, value) in arcs {
            let (l, s, _) = self.bounds_of(stage + 1, &child[..k])?;
            longest = longest.max(value + l);
            shortest = shortest.min(value + s);
        }
        let rem: u32 = node.iter().sum();
        let mass = self.lf[rem as usize]
            - node.iter().map(|&x| self.lf[x as usize]).sum::<f64>()
            - self.cols[stage..]
                .iter()
                .map(|&x| self.lf[x as usize])
                .sum::<f64>();
        self.bounds.insert((stage, key), (longest, shortest, mass));
        Ok((longest, shortest, mass))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_abs, assert_close};

    struct Reference {
        name: String,
        counts: Vec<Vec<u64>>,
        values: HashMap<String, Vec<f64>>,
        fisher_fails: bool,
    }

    /// tests/data/crosstab/tables.txt from scripts/reference/crosstab.R (R 4.2.2, effectsize
    /// 0.8.3, MASS 7.3-58.2): datasets::HairEyeColor, UCBAdmissions, esoph, MASS::survey, the
    /// job-satisfaction table of `?fisher.test` (Agresti 2002, p. 57), small tables.
    fn references() -> Vec<Reference> {
        let text = include_str!("../../tests/data/crosstab/tables.txt");
        let mut out: Vec<Reference> = Vec::new();
        for line in text.lines() {
            let f: Vec<&str> = line.split_whitespace().collect();
            match f.first() {
                Some(&"==") => out.push(Reference {
                    name: f[1].to_string(),
                    counts: vec![],
                    values: HashMap::new(),
                    fisher_fails: false,
                }),
                Some(&"row") => out.last_mut().unwrap().counts.push(
                    f[1..]
                        .iter()
                        .map(|v| v.parse::<f64>().unwrap() as u64)
                        .collect(),
                ),
                Some(&"fisher_fails") => out.last_mut().unwrap().fisher_fails = true,
                Some(key) => {
                    let v = f[1..].iter().map(|v| v.parse().unwrap()).collect();
                    out.last_mut().unwrap().values.insert(key.to_string(), v);
                }
                None => {}
            }
        }
        out
    }

    #[test]
    fn chi_squared_tests_match_chisq_test() {
        for r in references() {
            let ct = crosstab(&r.counts, 0.95, 0).unwrap();
            let what = |s: &str| format!("{} {s}", r.name);
            let e = &r.values["expected"];
            let got: Vec<f64> = ct.expected.iter().flatten().cloned().collect();
            for (g, w) in got.iter().zip(e) {
                assert_close(*g, *w, 1e-14, &what("expected"));
            }
            let p = &r.values["pearson"];
            let pearson = ct.pearson.as_ref().unwrap();
            assert_close(pearson.statistic, p[0], 1e-12, &what("X²"));
            assert_eq!(pearson.df, p[1]);
            assert_close(pearson.p, p[2], 1e-10, &what("p"));
            let lr = ct.likelihood_ratio.as_ref().unwrap();
            assert_close(lr.statistic, r.values["lr"][0], 1e-12, &what("G²"));
            assert_close(lr.p, r.values["lr"][2], 1e-10, &what("G² p"));
            match (&ct.yates, r.values.get("yates")) {
                (Some(y), Some(w)) => {
                    assert_close(y.statistic, w[0], 1e-12, &what("Yates"));
                    assert_close(y.p, w[2], 1e-10, &what("Yates p"));
                    assert_close(ct.phi.unwrap(), r.values["phi"][0], 1e-12, &what("phi"));
                }
                (None, None) => assert!(ct.phi.is_none()),
                _ => panic!("{}: Yates only for 2 × 2", r.name),
            }
            for (i, row) in r.counts.iter().enumerate() {
                let total: u64 = row.iter().sum();
                assert_eq!(ct.row_percent[i].is_some(), total > 0);
            }
        }
    }

    /// R fisher.test(x, workspace = 2e8)$p.value (FEXACT merges path values to 3.45e-7 and
    /// agrees to ~1e-11). FEXACT fails for HairEyeColor (4 × 4, n = 592 and 313) and
    /// UCBAdmissions Admit × Dept (2 × 6, n = 4526) even with that workspace; those exceed
    /// this budget too (fisher_budget_is_bounded) and are not run here.
    #[test]
    fn fisher_matches_r_fisher_test() {
        for r in references() {
            if r.fisher_fails {
                continue;
            }
            let ct = crosstab(&r.counts, 0.95, FISHER_BUDGET).unwrap();
            let w = r.values["fisher"][0];
            assert_close(
                *ct.fisher_p.as_ref().unwrap(),
                w,
                1e-9,
                &format!("{} Fisher", r.name),
            );
        }
    }

    /// effectsize::chisq_to_cramers_v(X², n, r, c, adjust = FALSE / TRUE, alternative =
    /// "two.sided"): the point estimates exactly; the interval ends, solved exactly, equal
    /// those from the noncentralities that `uniroot(tol = 1e-13)` finds with R's own pchisq
    /// ("ncp_uniroot"), and effectsize's to ~1e-4 (its `.get_ncp_chi` stops Nelder–Mead at
    /// |p − target| ≈ 1e-9) — except for the job-satisfaction table, where effectsize's upper
    /// noncentrality is 11.63 instead of 8.259 (pchisq(5.9655, 9, 11.627) = 0.0088, not 0.025):
    /// when the lower end is out of reach (χ² below the central 97.5% point) its joint
    /// minimization of |p₁ − 0.975| + |p₂ − 0.025| does not converge for the upper end. Its V
    /// upper end there is 0.2009; the right one is 0.1693.
    #[test]
    fn cramers_v_matches_effectsize_and_the_exact_interval() {
        for r in references() {
            let ct = crosstab(&r.counts, 0.95, 0).unwrap();
            let v = ct.cramers_v.as_ref().unwrap();
            let n = ct.n as f64;
            let m = (ct.row_totals.iter().filter(|&&x| x > 0).count())
                .min(ct.col_totals.iter().filter(|&&x| x > 0).count()) as f64
                - 1.0;
            let lam = &r.values["ncp_uniroot"];
            let v_of = |l: f64| ((l / n).sqrt() / m.sqrt()).min(1.0);
            assert_close(
                v.v.ci_low,
                v_of(lam[0]),
                1e-9,
                &format!("{} V low (exact)", r.name),
            );
            assert_close(
                v.v.ci_high,
                v_of(lam[1]),
                1e-9,
                &format!("{} V high (exact)", r.name),
            );
            let w = &r.values["v"];
            assert_close(v.v.value, w[0], 1e-12, &format!("{} V", r.name));
            let a = v.adjusted.as_ref().unwrap();
            let wa = &r.values["vadj"];
            assert_close(a.value, wa[0], 1e-12, &format!("{} V adj", r.name));
            if r.name == "Job" {
                assert!((w[2] - 0.2009).abs() < 1e-4 && (v.v.ci_high - 0.1693).abs() < 1e-4);
                continue;
            }
            assert_abs(v.v.ci_low, w[1], 2e-4, &format!("{} V low", r.name));
            assert_abs(v.v.ci_high, w[2], 2e-4, &format!("{} V high", r.name));
            assert_abs(a.ci_low, wa[1], 2e-4, &format!("{} V adj low", r.name));
            assert_abs(a.ci_high, wa[2], 2e-4, &format!("{} V adj high", r.name));
        }
    }

    #[test]
    fn network_agrees_with_the_2x2_formula() {
        for (a, b, c, d) in [
            (3, 8, 0, 10),
            (7, 3, 2, 8),
            (1, 11, 9, 3),
            (12, 3, 5, 9),
            (40, 2, 17, 33),
        ] {
            let p = fisher_network(&[vec![a, b], vec![c, d]], FISHER_BUDGET).unwrap();
            // R's 2 × 2 tolerance is 1e-7 relative, FEXACT's 3.45e-7 in ln P: same tables
            assert_close(p, fisher_exact(a, b, c, d), 1e-12, "2 × 2");
        }
        // transposing does not matter
        let t = vec![vec![3, 0, 5, 2, 1], vec![1, 4, 0, 6, 2]];
        let tt: Vec<Vec<u64>> = (0..5).map(|j| vec![t[0][j], t[1][j]]).collect();
        assert_close(
            fisher_network(&t, FISHER_BUDGET).unwrap(),
            fisher_network(&tt, FISHER_BUDGET).unwrap(),
            1e-13,
            "transpose",
        );
    }

    #[test]
    fn degenerate_tables() {
        assert!(crosstab(&[], 0.95, FISHER_BUDGET).is_err());
        assert!(crosstab(&[vec![1, 2], vec![3]], 0.95, FISHER_BUDGET).is_err());
        assert!(crosstab(&[vec![0, 0], vec![0, 0]], 0.95, FISHER_BUDGET).is_err());
        assert!(crosstab(&[vec![1, 2], vec![3, 4]], 1.0, FISHER_BUDGET).is_err());
        // not requested: an error inside, the rest computed; a 2 × 2 always has its test
        let ct = crosstab(&[vec![1, 2, 3], vec![3, 4, 0]], 0.95, 0).unwrap();
        assert!(ct.fisher_p.is_err() && ct.pearson.is_ok());
        assert!(crosstab(&[vec![1, 2], vec![3, 4]], 0.95, 0)
            .unwrap()
            .fisher_p
            .is_ok());
        // a zero column is left out: the same statistics as without it
        let with = crosstab(&[vec![3, 0, 5], vec![1, 0, 6]], 0.95, FISHER_BUDGET).unwrap();
        let without = crosstab(&[vec![3, 5], vec![1, 6]], 0.95, FISHER_BUDGET).unwrap();
        assert_eq!(with.empty_cols, vec![1]);
        assert_eq!(with.pearson, without.pearson);
        assert_eq!(with.yates, without.yates);
        assert_eq!(with.fisher_p, without.fisher_p);
        assert_eq!(with.phi, without.phi);
        // one non-empty row: no test, but counts and percentages
        let ct = crosstab(&[vec![3, 4], vec![0, 0]], 0.95, FISHER_BUDGET).unwrap();
        assert!(ct.pearson.is_err() && ct.fisher_p.is_err() && ct.cramers_v.is_err());
        assert_eq!(ct.empty_rows, vec![1]);
        assert!(ct.row_percent[1].is_none());
        // a budget too small is an error, not a long run
        let job = vec![
            vec![1, 3, 10, 6],
            vec![2, 3, 10, 7],
            vec![1, 6, 14, 12],
            vec![0, 1, 9, 11],
        ];
        assert!(fisher_network(&job, 1000).is_err());
    }

    /// The exact test of a table R's FEXACT cannot do with a 2e8 workspace stops at its budget
    /// (here a tenth of it, to keep the debug test short): an error, in bounded time.
    #[test]
    fn fisher_budget_is_bounded() {
        let t = std::time::Instant::now();
        let hair_eye = vec![
            vec![68, 119, 26, 7],
            vec![20, 84, 17, 94],
            vec![15, 54, 14, 10],
            vec![5, 29, 14, 16],
        ];
        assert!(fisher_network(&hair_eye, FISHER_BUDGET / 10).is_err());
        assert!(t.elapsed().as_secs_f64() < 20.0, "{:?}", t.elapsed());
    }
}
