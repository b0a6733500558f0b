//! Correlation tests and matrices: Pearson's r and Spearman's ρ with R's `cor.test`
//! (t test, Fisher-z interval; for ρ the exact, AS 89 Edgeworth or t p-value as R chooses
//! them), over columns with missing values (NaN), pairwise or listwise.

use super::describe::pearson_r_of;
use super::distributions::{pnorm_tails, pt_tails, qnorm};
use super::summation::Moments;
use super::{valid_conf_level, Alternative, Inapplicable, NotComputable, Outcome};
use serde::Serialize;
use std::sync::OnceLock;

/// Which correlation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CorMethod {
    /// Pearson's product-moment r.
    #[default]
    Pearson,
    /// Spearman's ρ: Pearson's r of the midranks.
    Spearman,
}

/// How missing values (NaN) are handled across the columns of a matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Missing {
    /// Each pair uses the rows where both are present (R: `use = "pairwise.complete.obs"`,
    /// and each `cor.test`; SPSS `CORRELATIONS /MISSING=PAIRWISE`); ranks are recomputed per
    /// pair.
    #[default]
    Pairwise,
    /// Only rows where every column is present (R: `use = "complete.obs"`).
    Listwise,
}

/// How the p-value of a correlation was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PMethod {
    /// t = r√(n − 2)/√(1 − r²) with n − 2 df (Pearson; Spearman with ties or n > 1290).
    T,
    /// Spearman, n ≤ 9 without ties: the exact permutation distribution of S.
    Exact,
    /// Spearman, 10 ≤ n ≤ 1290 without ties: the Edgeworth series of AS 89 (Best & Roberts 1975).
    Edgeworth,
}

/// One correlation test (R: `cor.test(x, y, method, alternative, conf.level)`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorTest {
    pub r: f64,
    /// Complete pairs used.
    pub n: usize,
    /// Pearson: t; Spearman: S = (n³ − n)(1 − ρ)/6.
    pub statistic: f64,
    /// n − 2 for Pearson (and for the t p-value of Spearman).
    pub df: Option<f64>,
    pub p_value: f64,
    pub p_method: PMethod,
    /// Fisher-z interval of Pearson's r, for n > 3 (None for Spearman, as `cor.test`).
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// True when there are ties (Spearman then uses the t approximation, as R does after its
    /// warning "Cannot compute exact p-value with ties").
    pub ties: bool,
}

fn check_alt_conf(conf_level: f64) -> Outcome<()> {
    if valid_conf_level(conf_level) {
        Ok(())
    } else {
        Err(NotComputable::NotApplicable {
            why: Inapplicable::ConfLevelRange,
        })
    }
}

/// p from the t statistic with df, for the alternative (R's `cor.test` Pearson branch).
fn t_p(t: f64, df: f64, alternative: Alternative) -> f64 {
    let (lo, up) = pt_tails(t, df);
    match alternative {
        Alternative::Less => lo,
        Alternative::Greater => up,
        Alternative::TwoSided => (2.0 * lo.min(up)).min(1.0),
    }
}

/// Pearson's r test of finite paired values (n ≥ 3), R's `cor.test(method = "pearson")`:
/// t = √(n − 2)·r/√(1 − r²) with n − 2 df; for n > 3 the interval tanh(atanh(r) ± z_{1−α/2}/√(n − 3))
/// (one-sided: tanh(atanh r + z_{1−α}/√(n−3)) above, and −1 or 1 at the open end).
fn pearson_test(
    x: &[f64],
    y: &[f64],
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<CorTest> {
    let n = x.len();
    if n < 3 {
        return Err(NotComputable::TooFewObservations { n, needed: 3 });
    }
    let r = pearson_r_of(x, y, &Moments::of(x), &Moments::of(y))?;
    let df = (n - 2) as f64;
    let t = df.sqrt() * r / (1.0 - r * r).sqrt();
    let p = t_p(t, df, alternative);
    let (ci_low, ci_high) = if n > 3 {
        let z = r.atanh();
        let sigma = 1.0 / ((n - 3) as f64).sqrt();
        let (lo, hi) = match alternative {
            Alternative::Less => (f64::NEG_INFINITY, z + sigma * qnorm(conf_level)),
            Alternative::Greater => (z - sigma * qnorm(conf_level), f64::INFINITY),
            Alternative::TwoSided => {
                let q = qnorm((1.0 + conf_level) / 2.0);
                (z - sigma * q, z + sigma * q)
            }
        };
        (Some(lo.tanh()), Some(hi.tanh()))
    } else {
        (None, None)
    };
    Ok(CorTest {
        r,
        n,
        statistic: t,
        df: Some(df),
        p_value: p,
        p_method: PMethod::T,
        ci_low,
        ci_high,
        ties: false,
    })
}

// ---------------------------------------------------------------------------------------------
// Spearman's S: the exact distribution (n ≤ 9) and AS 89

/// Largest n for which R's `prho` enumerates the permutations (`n_small` in prho.c).
const N_EXACT: usize = 9;

/// Counts of S = Σ (i − π(i))² over the n! permutations, by S, for n ≤ 9: a dynamic programme
/// over the set of values already placed (2ⁿ·(n³ − n)/3 states), computed once per n.
fn s_counts(n: usize) -> &'static [u64] {
    static TABLES: OnceLock<Vec<Vec<u64>>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        (0..=N_EXACT)
            .map(|n| {
                if n == 0 {
                    return vec![1];
                }
                let smax = (n * n * n - n) / 3;
                // dp[mask][s]: ways to place values `mask` at positions 0..popcount(mask)
                let mut dp = vec![vec![0u64; smax + 1]; 1 << n];
                dp[0][0] = 1;
                for mask in 0usize..(1 << n) {
                    let pos = mask.count_ones() as usize;
                    if pos == n {
                        continue;
                    }
                    let row = std::mem::take(&mut dp[mask]);
                    for v in (0..n).filter(|v| mask & (1 << v) == 0) {
                        let d = (pos as i64 - v as i64).unsigned_abs() as usize;
                        let add = d * d;
                        let next = &mut dp[mask | (1 << v)];
                        for (s, &c) in row.iter().enumerate() {
                            if c > 0 {
                                next[s + add] += c;
                            }
                        }
                    }
                    dp[mask] = row;
                }
                dp[(1 << n) - 1].clone()
            })
            .collect()
    });
    &tables[n]
}

/// R's `prho` (AS 89, `src/library/stats/src/prho.c`): P(S ≥ is), or P(S < is) when
/// `lower`, for Spearman's S with n pairs: exact for n ≤ 9, else the Edgeworth series
/// x = (6(is − 1)/(n(n² − 1)) − 1)√(n − 1), p = Φ̄(x) ± u(x)·e^{−x²/2}, clamped to [0, 1].
pub fn prho(n: usize, is: f64, lower: bool) -> f64 {
    let base = if lower { 0.0 } else { 1.0 };
    if n <= 1 || is <= 0.0 {
        return base;
    }
    let nf = n as f64;
    let n3 = nf * (nf * nf - 1.0) / 3.0;
    if is > n3 {
        return 1.0 - base;
    }
    if n <= N_EXACT {
        let counts = s_counts(n);
        let total: u64 = counts.iter().sum();
        let at_least: u64 = counts
            .iter()
            .enumerate()
            .filter(|&(s, _)| s as f64 >= is)
            .map(|(_, &c)| c)
            .sum();
        let k = if lower { total - at_least } else { at_least };
        return k as f64 / total as f64;
    }
    const C: [f64; 12] = [
        0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932, 0.0879, 0.0151, 0.0072, 0.0831, 0.0131,
        4.6e-4,
    ];
    let y = nf;
    let b = 1.0 / y;
    let x = (6.0 * (is - 1.0) * b / (y * y - 1.0) - 1.0) * (y - 1.0).sqrt();
    let y = x * x;
    let u = x
        * b
        * (C[0]
            + b * (C[1] + C[2] * b)
            + y * (-C[3] + b * (C[4] + C[5] * b)
                - y * b * (C[6] + C[7] * b - y * (C[8] - C[9] * b + y * b * (C[10] - C[11] * y)))));
    let y = u / (y / 2.0).exp();
    let (plo, pup) = pnorm_tails(x);
    let pv = if lower { -y + plo } else { y + pup };
    pv.clamp(0.0, 1.0)
}

/// Spearman's ρ test of finite paired values (n ≥ 2), R's `cor.test(method = "spearman")`
/// with `exact = NULL`: ρ = Pearson's r of the midranks, S = (n³ − n)(1 − ρ)/6; without ties
/// and n ≤ 1290 the p of [`prho`] at round(S) (+2 for the lower tail), else the t
/// approximation with ρ' = 1 − S/((n³ − n)/6) and n − 2 df; two-sided p = min(1, 2·the tail
/// on the side of S).
fn spearman_from_ranks(
    rx: &[f64],
    ry: &[f64],
    ties: bool,
    alternative: Alternative,
) -> Outcome<CorTest> {
    let n = rx.len();
    if n < 2 {
        return Err(NotComputable::TooFewObservations { n, needed: 2 });
    }
    let r = pearson_r_of(rx, ry, &Moments::of(rx), &Moments::of(ry))?;
    let nf = n as f64;
    let q = (nf.powi(3) - nf) * (1.0 - r) / 6.0;
    let exact = !ties && n <= 1290;
    let pspearman = |lower: bool| -> f64 {
        if exact {
            prho(
                n,
                q.round_ties_even() + if lower { 2.0 } else { 0.0 },
                lower,
            )
        } else {
            let den = (nf * (nf * nf - 1.0)) / 6.0;
            // |ρ'| can exceed 1 by a rounding at ρ = ±1 (R then gives NaN); it is ±1
            let rr = (1.0 - q / den).clamp(-1.0, 1.0);
            let t = rr / ((1.0 - rr * rr) / (nf - 2.0)).sqrt();
            let (lo, up) = pt_tails(t, nf - 2.0);
            // pt(t, lower.tail = !lower)
            if lower {
                up
            } else {
                lo
            }
        }
    };
    if !exact && n < 3 {
        return Err(NotComputable::TooFewObservations { n, needed: 3 });
    }
    let p = match alternative {
        Alternative::TwoSided => {
            let side = if q > (nf.powi(3) - nf) / 6.0 {
                pspearman(false)
            } else {
                pspearman(true)
            };
            (2.0 * side).min(1.0)
        }
        Alternative::Greater => pspearman(true),
        Alternative::Less => pspearman(false),
    };
    let p_method = if !exact {
        PMethod::T
    } else if n <= N_EXACT {
        PMethod::Exact
    } else {
        PMethod::Edgeworth
    };
    Ok(CorTest {
        r,
        n,
        statistic: q,
        df: (!exact).then_some(nf - 2.0),
        p_value: p,
        p_method,
        ci_low: None,
        ci_high: None,
        ties,
    })
}

/// The midranks of `x` (no NaN) and whether any value is tied.
fn ranks_of(x: &[f64]) -> (Vec<f64>, bool) {
    super::wilcoxon::midranks(x)
}

/// A correlation test of x and y over the rows where both are present (NaN = missing), as
/// R's `cor.test(x, y, method, alternative, conf.level)`.
///
/// Not computable: fewer than 3 pairs (Pearson; Spearman needs 2 without ties), a constant
/// sample (R: NA), an infinite value.
pub fn cor_test(
    x: &[f64],
    y: &[f64],
    method: CorMethod,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<CorTest> {
    assert_eq!(x.len(), y.len(), "cor_test needs paired samples");
    check_alt_conf(conf_level)?;
    let (xs, ys): (Vec<f64>, Vec<f64>) = x
        .iter()
        .zip(y)
        .filter(|(a, b)| !a.is_nan() && !b.is_nan())
        .map(|(a, b)| (*a, *b))
        .unzip();
    if xs.iter().chain(&ys).any(|v| v.is_infinite()) {
        return Err(NotComputable::NonFinite);
    }
    match method {
        CorMethod::Pearson => pearson_test(&xs, &ys, alternative, conf_level),
        CorMethod::Spearman => {
            let (rx, tx) = ranks_of(&xs);
            let (ry, ty) = ranks_of(&ys);
            spearman_from_ranks(&rx, &ry, tx || ty, alternative)
        }
    }
}

/// One cell of a correlation matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorCell {
    /// Pairs used (on the diagonal: the variable's present values).
    pub n: usize,
    /// The test; None on the diagonal and when not computable.
    pub test: Option<CorTest>,
    /// Why `test` is None off the diagonal.
    pub note: Option<NotComputable>,
}

/// A p × p correlation matrix with a test per pair (R: `cor.test` on each pair;
/// `psych::corr.test` gives the same r, n and unadjusted p).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorrelationMatrix {
    pub method: CorMethod,
    pub missing: Missing,
    /// Listwise: the complete rows used by every pair.
    pub n_complete: Option<usize>,
    /// `cells[i][j]`, symmetric.
    pub cells: Vec<Vec<CorCell>>,
}

impl CorrelationMatrix {
    /// r per cell (1 on the diagonal of a variable with spread; None where not computable).
    pub fn r(&self) -> Vec<Vec<Option<f64>>> {
        self.map(|i, j, c| {
            if i == j {
                (c.n >= 2).then_some(1.0)
            } else {
                c.test.as_ref().map(|t| t.r)
            }
        })
    }

    /// p per cell (None on the diagonal).
    pub fn p(&self) -> Vec<Vec<Option<f64>>> {
        self.map(|_, _, c| c.test.as_ref().map(|t| t.p_value))
    }

    /// n per cell.
    pub fn n(&self) -> Vec<Vec<usize>> {
        self.cells
            .iter()
            .map(|row| row.iter().map(|c| c.n).collect())
            .collect()
    }

    fn map<T>(&self, f: impl Fn(usize, usize, &CorCell) -> T) -> Vec<Vec<T>> {
        self.cells
            .iter()
            .enumerate()
            .map(|(i, row)| row.iter().enumerate().map(|(j, c)| f(i, j, c)).collect())
            .collect()
    }
}

/// The present rows of a column sorted by value, with tie-group boundaries, computed once per
/// column so that each pair's ranks take O(n) (O(p² n) in all after O(p n log n)).
struct Sorted {
    order: Vec<usize>,
}

impl Sorted {
    fn of(x: &[f64], rows: &[bool]) -> Sorted {
        let mut order: Vec<usize> = (0..x.len())
            .filter(|&i| rows[i] && !x[i].is_nan())
            .collect();
        order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
        Sorted { order }
    }

    /// Midranks of x among the rows where `other` is present too, written into `rank`
    /// (indexed by row); returns whether a value is tied.
    fn ranks_given(&self, x: &[f64], present: impl Fn(usize) -> bool, rank: &mut [f64]) -> bool {
        let rows: Vec<usize> = self.order.iter().copied().filter(|&i| present(i)).collect();
        let mut ties = false;
        let mut i = 0;
        while i < rows.len() {
            let mut j = i + 1;
            while j < rows.len() && x[rows[j]] == x[rows[i]] {
                j += 1;
            }
            ties |= j - i > 1;
            let r = (i + 1 + j) as f64 / 2.0;
            for &k in &rows[i..j] {
                rank[k] = r;
            }
            i = j;
        }
        ties
    }
}

/// The correlation matrix of the columns (each of the same length; NaN = missing) with
/// `cor.test` per pair: r (or ρ), n, t or S, p, and for Pearson the Fisher-z CI.
/// Cost O(p² n) after sorting each column once (Spearman).
///
/// Not computable (the whole matrix): columns of different lengths, an infinite value,
/// a confidence level outside (0, 1). A pair that cannot be tested (too few pairs, a constant
/// variable) has `test = None` and a note.
pub fn correlation_matrix(
    columns: &[&[f64]],
    method: CorMethod,
    missing: Missing,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<CorrelationMatrix> {
    check_alt_conf(conf_level)?;
    let p = columns.len();
    let n_rows = columns.first().map_or(0, |c| c.len());
    if columns.iter().any(|c| c.len() != n_rows) {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::CorrelationColumnsLength,
        });
    }
    if columns.iter().any(|c| c.iter().any(|v| v.is_infinite())) {
        return Err(NotComputable::NonFinite);
    }
    let rows: Vec<bool> = match missing {
        Missing::Pairwise => vec![true; n_rows],
        Missing::Listwise => (0..n_rows)
            .map(|i| columns.iter().all(|c| !c[i].is_nan()))
            .collect(),
    };
    let n_complete = (missing == Missing::Listwise).then(|| rows.iter().filter(|&&r| r).count());
    let present = |c: usize, i: usize| rows[i] && !columns[c][i].is_nan();
    let sorted: Vec<Sorted> = if method == CorMethod::Spearman {
        columns.iter().map(|c| Sorted::of(c, &rows)).collect()
    } else {
        Vec::new()
    };
    let mut cells: Vec<Vec<CorCell>> = (0..p)
        .map(|_| {
            (0..p)
                .map(|_| CorCell {
                    n: 0,
                    test: None,
                    note: None,
                })
                .collect()
        })
        .collect();
    let mut rank_a = vec![0.0; n_rows];
    let mut rank_b = vec![0.0; n_rows];
    for a in 0..p {
        cells[a][a].n = (0..n_rows).filter(|&i| present(a, i)).count();
        for b in a + 1..p {
            let both: Vec<usize> = (0..n_rows)
                .filter(|&i| present(a, i) && present(b, i))
                .collect();
            let result = match method {
                CorMethod::Pearson => {
                    let x: Vec<f64> = both.iter().map(|&i| columns[a][i]).collect();
                    let y: Vec<f64> = both.iter().map(|&i| columns[b][i]).collect();
                    pearson_test(&x, &y, alternative, conf_level)
                }
                CorMethod::Spearman => {
                    let ta = sorted[a].ranks_given(columns[a], |i| present(b, i), &mut rank_a);
                    let tb = sorted[b].ranks_given(columns[b], |i| present(a, i), &mut rank_b);
                    let rx: Vec<f64> = both.iter().map(|&i| rank_a[i]).collect();
                    let ry: Vec<f64> = both.iter().map(|&i| rank_b[i]).collect();
                    spearman_from_ranks(&rx, &ry, ta || tb, alternative)
                }
            };
            let cell = match result {
                Ok(t) => CorCell {
                    n: both.len(),
                    test: Some(t),
                    note: None,
                },
                Err(e) => CorCell {
                    n: both.len(),
                    test: None,
                    note: Some(e),
                },
            };
            cells[b][a] = cell.clone();
            cells[a][b] = cell;
        }
    }
    Ok(CorrelationMatrix {
        method,
        missing,
        n_complete,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testdata::Table;
    use crate::stats::testutil::*;

    // R 4.2.2 (scripts/reference/correlation.R): for every pair i < j (row-major) of the
    // columns, cor.test(X[, i], X[, j], method): estimate, complete pairs, statistic, p.value,
    // conf.int. swiss: datasets::swiss; bfi: psych 2.2.9 bfi[, c(A1..A5, C1..C5)].
    const SWISS_PEARSON_R: [f64; 15] = [
        0.3530791836199747,
        -0.64588270645728751,
        -0.66378885703506907,
        0.4636847006517939,
        0.41655603143498271,
        -0.68654220861713655,
        -0.63952251894832013,
        0.40109505304873982,
        -0.060858608416581604,
        0.69841529628848298,
        -0.57274180606416658,
        -0.11402159648203355,
        -0.15385891709091479,
        -0.099321845821345664,
        0.17549590759662292,
    ];
    const SWISS_PEARSON_N: [usize; 15] =
        [47, 47, 47, 47, 47, 47, 47, 47, 47, 47, 47, 47, 47, 47, 47];
    const SWISS_PEARSON_STAT: [f64; 15] = [
        2.5315773495716751,
        -5.6752749173636285,
        -5.953619256259981,
        3.5107116760179045,
        3.0737123912020614,
        -6.3341064498923974,
        -5.5803872212810228,
        2.9372493235658519,
        -0.40901009866527027,
        6.5462622237263002,
        -4.686959769588336,
        -0.76990120872342971,
        -1.0445546866422921,
        -0.66958203835472729,
        1.1958212920005125,
    ];
    const SWISS_PEARSON_P: [f64; 15] = [
        0.014917200614726343,
        9.4504373406904313e-07,
        3.6586169659623552e-07,
        0.0010285231901181443,
        0.0035852380539505737,
        9.951515271339743e-08,
        1.3045901056944708e-06,
        0.0052044335391915721,
        0.68447241242437784,
        4.8113972335404408e-08,
        2.5883079253809058e-05,
        0.44538144520851797,
        0.30180775613268296,
        0.50654555478877028,
        0.23802970151937217,
    ];
    const SWISS_PEARSON_LO: [f64; 15] = [
        0.073349466872850377,
        -0.78706735276289186,
        -0.79870753263539007,
        0.20363255245188069,
        0.14696991832254253,
        -0.81335445184322608,
        -0.78290846980188777,
        0.12875883720531048,
        -0.34204760033668558,
        0.51442179026311996,
        -0.7384533883151545,
        -0.38846869288057645,
        -0.42236433167339837,
        -0.37577094200960071,
        -0.11759741387851208,
    ];
    const SWISS_PEARSON_HI: [f64; 15] = [
        0.58130586825360853,
        -0.44039945902910876,
        -0.46532058502771673,
        0.66262038906481446,
        0.62853662148682721,
        -0.49744841513405336,
        -0.43162314340799302,
        0.61717492400128515,
        0.23033364587261099,
        0.82093416188436041,
        -0.34179003487783421,
        0.17900646282966257,
        0.13947012753276822,
        0.19335996673984909,
        0.44046479121447007,
    ];
    const SWISS_SPEARMAN_R: [f64; 15] = [
        0.24266427693641762,
        -0.66090299635235406,
        -0.44325769036098822,
        0.41364556230124316,
        0.43713670057422294,
        -0.59885993874896293,
        -0.650463814145816,
        0.28868780908828523,
        -0.15212866043437015,
        0.6746038314061471,
        -0.47505752571717447,
        -0.059154357161938287,
        -0.14441630883022444,
        -0.018981368070256018,
        0.066117142881611329,
    ];
    const SWISS_SPEARMAN_N: [usize; 15] =
        [47, 47, 47, 47, 47, 47, 47, 47, 47, 47, 47, 47, 47, 47, 47];
    const SWISS_SPEARMAN_STAT: [f64; 15] = [
        13098.878666107723,
        28726.978224910315,
        24962.585012483654,
        10141.586354437697,
        9735.2836268682404,
        27653.881500602063,
        28546.422129466035,
        12302.855654009019,
        19927.217310872864,
        5628.0521319992795,
        25512.594964804248,
        18319.133761472884,
        19793.82447752756,
        17624.301742143147,
        16152.437896719652,
    ];
    const SWISS_SPEARMAN_P: [f64; 15] = [
        0.10028086125683507,
        4.2815272405998408e-07,
        0.0018059749419463854,
        0.0038508988583287897,
        0.0021237367232087734,
        8.7147032016570535e-06,
        7.4572692759552861e-07,
        0.049071040600932529,
        0.30734235128017146,
        1.998543337497415e-07,
        0.0007403204153267007,
        0.69286668611650748,
        0.33279588287604123,
        0.8992277564598502,
        0.65881172165997293,
    ];
    const BFI_PEARSON_PAIRWISE_R: [f64; 45] = [
        -0.34019324792375116,
        -0.26524705244210406,
        -0.146424511345907,
        -0.18143826846791217,
        0.027802834977217722,
        0.016359515758817427,
        -0.019337479210799407,
        0.12966955763766597,
        0.050088036791545297,
        0.48509803851903638,
        0.33508720783239132,
        0.39008358430078133,
        0.092374323514751,
        0.13627802616019041,
        0.19248602259703074,
        -0.1458895060532005,
        -0.12203243916703779,
        0.36042829857329456,
        0.50414114414624234,
        0.096781772408283243,
        0.14148050836520107,
        0.13153918729628575,
        -0.12134214788607606,
        -0.15637143426418348,
        0.30753726452587504,
        0.08947378399900166,
        0.23207942937695106,
        0.13222125241710478,
        -0.15183974248083132,
        -0.242205052126235,
        0.12067663242458784,
        0.11387940088274186,
        0.1342674013308241,
        -0.12526625105596451,
        -0.16958902957701677,
        0.42782308297481669,
        0.30773141186477987,
        -0.34016516746714115,
        -0.24974415904812269,
        0.3557020959404158,
        -0.37935492349175576,
        -0.2977416103345964,
        -0.33672109941745237,
        -0.34011284776431328,
        0.47637080800747644,
    ];
    const BFI_PEARSON_PAIRWISE_N: [usize; 45] = [
        2757, 2759, 2767, 2769, 2764, 2761, 2764, 2759, 2768, 2751, 2758, 2757, 2752, 2752, 2758,
        2752, 2757, 2759, 2758, 2753, 2754, 2758, 2753, 2758, 2765, 2760, 2763, 2766, 2762, 2765,
        2764, 2760, 2764, 2758, 2769, 2755, 2760, 2753, 2763, 2762, 2756, 2761, 2758, 2764, 2758,
    ];
    const BFI_PEARSON_PAIRWISE_STAT: [f64; 45] = [
        -18.988663597721189,
        -14.44476942998431,
        -7.7833695679243533,
        -9.7051496516253319,
        1.4617356475836518,
        0.85941794634841073,
        -1.0164661295241499,
        6.866550403207504,
        2.6375795302486438,
        29.085534765566738,
        18.670686800881963,
        22.236317042299724,
        4.864951213205285,
        7.2137799961932689,
        10.297626422482983,
        -7.733249118992795,
        -6.4534827289470238,
        20.288727837388866,
        30.645620329125062,
        5.100143639569902,
        7.4974140644624034,
        6.9660221020259412,
        -6.4117710013558602,
        -8.3113718002068602,
        16.988809578858714,
        4.7177868580708271,
        12.53696308968963,
        7.0129401041225483,
        -8.0705849020224143,
        -13.122033491235229,
        6.3888185528416637,
        6.0197270834070231,
        7.1208659418681508,
        -6.6283906877954761,
        -9.0518876016995975,
        24.835045080515087,
        16.985266663219743,
        -18.973102522667428,
        -13.552308921457785,
        19.994726696922804,
        -21.516321302242631,
        -16.382221742470723,
        -18.773335633281203,
        -19.007690552106276,
        28.442980064184923,
    ];
    const BFI_PEARSON_PAIRWISE_P: [f64; 45] = [
        1.1711924833292423e-75,
        1.203669859153988e-45,
        9.8998280844253441e-15,
        6.3827091867086092e-22,
        0.14392742420273186,
        0.39018463621111921,
        0.30949649801227624,
        8.0957572028555517e-12,
        0.0083967604019914762,
        2.1816224745980665e-162,
        2.3844283357347751e-73,
        6.8950594235807282e-101,
        1.2094004318848809e-06,
        7.0045215433460204e-13,
        1.989627202534365e-24,
        1.4599365174174435e-14,
        1.2869274645868351e-10,
        2.0607521697545274e-85,
        9.6794901390878306e-178,
        3.6245660033435512e-07,
        8.7267219990940771e-14,
        4.0616405183796716e-12,
        1.6869799529258317e-10,
        1.4660469100596871e-16,
        1.2043775934953264e-61,
        2.5030216058255089e-06,
        4.1581578935105348e-35,
        2.9223122256053936e-12,
        1.0332495538576362e-15,
        3.3362248626616328e-38,
        1.9551045582154257e-10,
        1.9786491820228438e-09,
        1.3619779706865349e-12,
        4.0674043332759336e-11,
        2.5845144614521191e-19,
        5.0100978781559076e-123,
        1.2874713052173753e-61,
        1.5442423293272011e-75,
        1.4779067915452364e-40,
        3.594526314037932e-83,
        4.7981865709699069e-95,
        1.2352925824987659e-57,
        4.3135412960100375e-74,
        8.2856053652022272e-76,
        2.9476502422816451e-156,
    ];
    const BFI_PEARSON_PAIRWISE_LO: [f64; 45] = [
        -0.37278951031900381,
        -0.29959856236909821,
        -0.18269072151990062,
        -0.21721973907082431,
        -0.0094902330525086995,
        -0.020956757107223497,
        -0.056579917792666121,
        0.092801609431821613,
        0.012855748935799565,
        0.45599337822764885,
        0.30153464686602133,
        0.35796575344852305,
        0.05520040728396676,
        0.099419825908069706,
        0.15628505222592398,
        -0.18226043114778212,
        -0.15864028657917623,
        0.327516424629401,
        0.47576966968205225,
        0.059639748865846984,
        0.10468282708395395,
        0.094680253939015205,
        -0.15798365227665412,
        -0.19257128640919458,
        0.27339495236071226,
        0.052338262230731798,
        0.19648992170712676,
        0.095421729678137251,
        -0.18807139948330762,
        -0.27698080311004669,
        0.083770302353477072,
        0.076895879335231787,
        0.097472108502552071,
        -0.16183338353914067,
        -0.20554015762551894,
        0.39681883499730225,
        0.27356208207025634,
        -0.37278554700291433,
        -0.28438566634787565,
        0.32268629261955861,
        -0.41087259785188207,
        -0.33136469284854991,
        -0.36940233115075549,
        -0.37267042889653562,
        0.44699458155856608,
    ];
    const BFI_PEARSON_PAIRWISE_HI: [f64; 45] = [
        -0.30675841723497188,
        -0.23020870608283708,
        -0.10976037730644919,
        -0.1451698491421132,
        0.065018668606236105,
        0.053630270628526037,
        0.017958699007848217,
        0.16618242492695889,
        0.087181625588379136,
        0.51316622868594652,
        0.36781087077136304,
        0.42127943932927608,
        0.12929250974360768,
        0.17276276765112061,
        0.22817054573128784,
        -0.10911988600458263,
        -0.08508952857473108,
        0.39246658607403184,
        0.53146463715353687,
        0.13365618656603803,
        0.17789132519653561,
        0.1680379681436992,
        -0.084366934651523687,
        -0.11974654990992198,
        0.34090564031886655,
        0.12636219252961198,
        0.26705822226235892,
        0.16865986840225727,
        -0.11519537941443035,
        -0.20679563055918435,
        0.15725235098081589,
        0.15054997589597571,
        0.17069614033118052,
        -0.088355579809625065,
        -0.13318079915143508,
        0.45785222109681667,
        0.34112501557863473,
        -0.3067050520388509,
        -0.21445135672638824,
        0.38785335877045024,
        -0.34693158263382001,
        -0.26336324943702905,
        -0.30320795659233768,
        -0.30671896876265886,
        0.50472066728864784,
    ];
    const BFI_SPEARMAN_PAIRWISE_R: [f64; 45] = [
        -0.3706850501214079,
        -0.29634258211767983,
        -0.16101062473756167,
        -0.22123230497248755,
        -0.022392487376767484,
        -0.0093682765431719484,
        -0.036705286336347079,
        0.14528792723328388,
        0.063604644770812152,
        0.50065082644303482,
        0.33922092116130026,
        0.40489052643183926,
        0.11087249302179079,
        0.14163988572885006,
        0.20704110892403629,
        -0.17593366794134654,
        -0.14753375039477271,
        0.3606204162617499,
        0.53042132834390643,
        0.11747961637827875,
        0.14675432940160826,
        0.15568638348292232,
        -0.15520954984872909,
        -0.17534124430291634,
        0.3142913788202405,
        0.10020855401583309,
        0.2524575519051564,
        0.15291448812204875,
        -0.17946215418500988,
        -0.25621707319907983,
        0.1450246881598499,
        0.13159394730265106,
        0.14310314091126367,
        -0.15561745436922078,
        -0.18573704773329144,
        0.44629363421562146,
        0.31705449562134047,
        -0.3819894437523324,
        -0.26227742406465787,
        0.36727010511064062,
        -0.39920013859498965,
        -0.30132767083860262,
        -0.35132885209464093,
        -0.34790614757254895,
        0.48918576199868213,
    ];
    const BFI_SPEARMAN_PAIRWISE_N: [usize; 45] = [
        2757, 2759, 2767, 2769, 2764, 2761, 2764, 2759, 2768, 2751, 2758, 2757, 2752, 2752, 2758,
        2752, 2757, 2759, 2758, 2753, 2754, 2758, 2753, 2758, 2765, 2760, 2763, 2766, 2762, 2765,
        2764, 2760, 2764, 2758, 2769, 2755, 2760, 2753, 2763, 2762, 2756, 2761, 2758, 2764, 2758,
    ];
    const BFI_SPEARMAN_PAIRWISE_STAT: [f64; 45] = [
        4787366393.6439772,
        4537572539.6366396,
        4099325125.4630466,
        4321314195.4815531,
        3598159893.8201661,
        3540768750.872335,
        3648531683.3437829,
        2991738514.325912,
        3309833910.0622716,
        1732705679.1021731,
        2310403119.2127709,
        2078527882.1323845,
        3088574113.9597383,
        2981697010.3685818,
        2772567646.3140898,
        4084856511.6165981,
        4007969964.8913302,
        2238012761.1295419,
        1641874058.1447232,
        3068965961.3551927,
        2970397655.5883994,
        2952128594.3604317,
        4017242947.0341187,
        4109561219.3856244,
        2415870826.8588953,
        3152955192.8032703,
        2628011164.8261089,
        2987668952.8122134,
        4141939256.7947583,
        4425871406.0241194,
        3008959783.3047643,
        3042977776.1657853,
        3015722386.0520554,
        4040597314.1336675,
        4195714701.957294,
        1929714314.5801442,
        2393106295.9563112,
        4805870369.1608591,
        4437579661.2007055,
        2221969379.2555318,
        4881644751.6136217,
        4564934780.1290112,
        4724898979.0183697,
        4743757315.0338478,
        1786053533.7932971,
    ];
    const BFI_SPEARMAN_PAIRWISE_P: [f64; 45] = [
        1.5284016574420086e-90,
        4.7863637955704962e-57,
        1.5770116958325494e-17,
        4.8011549019640061e-32,
        0.23924650255146751,
        0.62268680600019433,
        0.053667317887534691,
        1.7376973529815865e-14,
        0.00081328628128504298,
        1.719681230132003e-174,
        3.0903075841218668e-75,
        2.8734534184486431e-109,
        5.4878324494604619e-09,
        8.3524928469532298e-14,
        4.392228039244467e-28,
        1.4336625403366229e-20,
        6.9326957379299564e-15,
        1.6537646569918549e-85,
        5.5009035566421327e-200,
        6.30292748928906e-10,
        9.9495078813773967e-15,
        1.9912670380919954e-16,
        2.6193831263288838e-16,
        1.7577479339878466e-20,
        1.9136141684989746e-64,
        1.3244878431777985e-07,
        1.9635678133587034e-41,
        6.1575590587518282e-16,
        2.0086098728121685e-21,
        1.0744804850006662e-42,
        1.8365936125606041e-14,
        3.9085376137091212e-12,
        4.0617718538136406e-14,
        2.0534160118104378e-16,
        6.5099718902752795e-23,
        5.6109597619046165e-135,
        1.7021627030243331e-65,
        2.3893894269277997e-96,
        1.0742736389132518e-44,
        5.9668610028335771e-89,
        5.8533842443734228e-106,
        4.7063220265976485e-59,
        6.2163503060038997e-81,
        1.8236091172142485e-79,
        6.3349605393613646e-166,
    ];
    const BFI_PEARSON_LISTWISE_R: [f64; 6] = [
        -0.3429790864252919,
        -0.26578021028131493,
        -0.14626398542370703,
        0.48963248758000932,
        0.34148997877996373,
        0.36459960813215042,
    ];
    const BFI_PEARSON_LISTWISE_N: [usize; 6] = [2632, 2632, 2632, 2632, 2632, 2632];
    const BFI_PEARSON_LISTWISE_STAT: [f64; 6] = [
        -18.72497694873713,
        -14.13866228868288,
        -7.5824778843324383,
        28.7983112882036,
        18.632920338635209,
        20.080185084839517,
    ];
    const BFI_PEARSON_LISTWISE_P: [f64; 6] = [
        1.5244998088379418e-73,
        8.4668797146642702e-44,
        4.6707507870071855e-14,
        9.2632877066892399e-159,
        6.987418048610679e-73,
        1.4735421476743116e-83,
    ];
    const BFI_PEARSON_LISTWISE_LO: [f64; 6] = [
        -0.37625543685156032,
        -0.3009312254165139,
        -0.18344569764643029,
        0.46003158598927602,
        0.30729244354935709,
        0.33100369831042492,
    ];
    const BFI_PEARSON_LISTWISE_HI: [f64; 6] = [
        -0.30881903907236968,
        -0.22990798057504983,
        -0.1086643736595191,
        0.51814622013207479,
        0.37480663877538234,
        0.39727238154424194,
    ];
    const BFI_SPEARMAN_LISTWISE_R: [f64; 6] = [
        -0.37280502132260041,
        -0.29670032081952941,
        -0.16004505283848969,
        0.50688385118623902,
        0.34445650518167054,
        0.36660910886071912,
    ];
    const BFI_SPEARMAN_LISTWISE_N: [usize; 6] = [2632, 2632, 2632, 2632, 2632, 2632];
    const BFI_SPEARMAN_LISTWISE_STAT: [f64; 6] = [
        4171720473.4203281,
        3940451260.1810679,
        3525179192.8571849,
        1498495927.5561512,
        1992084947.2974722,
        1924766960.4952252,
    ];
    const BFI_SPEARMAN_LISTWISE_P: [f64; 6] = [
        1.4436291134546691e-87,
        1.2349785790100778e-54,
        1.454385969222405e-16,
        7.7566955803652665e-172,
        3.3384354658341173e-74,
        1.5753068288458587e-84,
    ];

    fn check_matrix(
        m: &CorrelationMatrix,
        r: &[f64],
        n: &[usize],
        stat: &[f64],
        p: &[f64],
        ci: Option<(&[f64], &[f64])>,
    ) {
        let k = m.cells.len();
        let mut idx = 0;
        for i in 0..k {
            for j in i + 1..k {
                let c = &m.cells[i][j];
                let t = c.test.as_ref().expect("test");
                let w = |s: &str| format!("pair ({i}, {j}) {s}");
                assert_eq!(c.n, n[idx], "{}", w("n"));
                assert_close(t.r, r[idx], TOL_CLOSED, &w("r"));
                assert_close(t.statistic, stat[idx], TOL_CLOSED, &w("statistic"));
                assert_close(t.p_value, p[idx], TOL_CLOSED, &w("p"));
                if let Some((lo, hi)) = ci {
                    assert_close(t.ci_low.unwrap(), lo[idx], TOL_CLOSED, &w("lo"));
                    assert_close(t.ci_high.unwrap(), hi[idx], TOL_CLOSED, &w("hi"));
                }
                assert_eq!(m.cells[j][i], *c);
                idx += 1;
            }
        }
        assert_eq!(idx, r.len());
    }

    fn table_columns(file: &str, names: &[&str]) -> Vec<Vec<f64>> {
        let d = Table::read(file);
        names.iter().map(|c| d.num(c)).collect()
    }

    const SWISS: [&str; 6] = [
        "Fertility",
        "Agriculture",
        "Examination",
        "Education",
        "Catholic",
        "Infant.Mortality",
    ];
    const BFI: [&str; 10] = ["A1", "A2", "A3", "A4", "A5", "C1", "C2", "C3", "C4", "C5"];

    fn matrix(cols: &[Vec<f64>], method: CorMethod, missing: Missing) -> CorrelationMatrix {
        let refs: Vec<&[f64]> = cols.iter().map(|c| c.as_slice()).collect();
        correlation_matrix(&refs, method, missing, Alternative::TwoSided, 0.95).unwrap()
    }

    #[test]
    fn swiss_pearson_and_spearman_match_cor_test() {
        let cols = table_columns("swiss.csv", &SWISS);
        let m = matrix(&cols, CorMethod::Pearson, Missing::Pairwise);
        check_matrix(
            &m,
            &SWISS_PEARSON_R,
            &SWISS_PEARSON_N,
            &SWISS_PEARSON_STAT,
            &SWISS_PEARSON_P,
            Some((&SWISS_PEARSON_LO, &SWISS_PEARSON_HI)),
        );
        // every swiss pair has a tied column: the t approximation, as R after its warning
        let m = matrix(&cols, CorMethod::Spearman, Missing::Pairwise);
        check_matrix(
            &m,
            &SWISS_SPEARMAN_R,
            &SWISS_SPEARMAN_N,
            &SWISS_SPEARMAN_STAT,
            &SWISS_SPEARMAN_P,
            None,
        );
        assert!(m.cells[0][1].test.as_ref().unwrap().ties);
        assert_eq!(m.cells[0][1].test.as_ref().unwrap().p_method, PMethod::T);
        assert_eq!(m.r()[2][2], Some(1.0));
        assert_eq!(m.n()[0][0], 47);
    }

    #[test]
    fn bfi_pairwise_and_listwise_match_cor_test() {
        let cols = table_columns("bfi.csv", &BFI);
        let m = matrix(&cols, CorMethod::Pearson, Missing::Pairwise);
        check_matrix(
            &m,
            &BFI_PEARSON_PAIRWISE_R,
            &BFI_PEARSON_PAIRWISE_N,
            &BFI_PEARSON_PAIRWISE_STAT,
            &BFI_PEARSON_PAIRWISE_P,
            Some((&BFI_PEARSON_PAIRWISE_LO, &BFI_PEARSON_PAIRWISE_HI)),
        );
        // psych::corr.test(B)$n[1, ] (the diagonal is the variable's own n)
        let n_row: Vec<usize> = m.n()[0].clone();
        assert_eq!(
            n_row,
            vec![2784, 2757, 2759, 2767, 2769, 2764, 2761, 2764, 2759, 2768]
        );
        let m = matrix(&cols, CorMethod::Spearman, Missing::Pairwise);
        check_matrix(
            &m,
            &BFI_SPEARMAN_PAIRWISE_R,
            &BFI_SPEARMAN_PAIRWISE_N,
            &BFI_SPEARMAN_PAIRWISE_STAT,
            &BFI_SPEARMAN_PAIRWISE_P,
            None,
        );
        // listwise: the 2632 rows complete in all ten columns; R's reference is the first four
        let m = matrix(&cols, CorMethod::Pearson, Missing::Listwise);
        assert_eq!(m.n_complete, Some(2632));
        let four = |m: &CorrelationMatrix| CorrelationMatrix {
            cells: m.cells[..4].iter().map(|row| row[..4].to_vec()).collect(),
            ..m.clone()
        };
        check_matrix(
            &four(&m),
            &BFI_PEARSON_LISTWISE_R,
            &BFI_PEARSON_LISTWISE_N,
            &BFI_PEARSON_LISTWISE_STAT,
            &BFI_PEARSON_LISTWISE_P,
            Some((&BFI_PEARSON_LISTWISE_LO, &BFI_PEARSON_LISTWISE_HI)),
        );
        let m = matrix(&cols, CorMethod::Spearman, Missing::Listwise);
        check_matrix(
            &four(&m),
            &BFI_SPEARMAN_LISTWISE_R,
            &BFI_SPEARMAN_LISTWISE_N,
            &BFI_SPEARMAN_LISTWISE_STAT,
            &BFI_SPEARMAN_LISTWISE_P,
            None,
        );
    }

    const X9: [f64; 9] = [3.1, 1.2, 5.5, 4.4, 9.0, 7.7, 2.5, 6.6, 8.1];
    const Y9: [f64; 9] = [2.0, 1.0, 4.5, 6.0, 8.8, 9.9, 3.3, 5.1, 7.2];

    fn spearman(x: &[f64], y: &[f64], alt: Alternative) -> CorTest {
        cor_test(x, y, CorMethod::Spearman, alt, 0.95).unwrap()
    }

    #[test]
    fn spearman_p_is_exact_edgeworth_or_t_as_r_chooses() {
        // R 4.2.2: cor.test(x9, y9, method = "spearman", alternative = alt): exact (n ≤ 9)
        let cases = [
            (Alternative::TwoSided, 0.0030753968253968253),
            (Alternative::Less, 0.99898589065255727),
            (Alternative::Greater, 0.0015376984126984127),
        ];
        for (alt, p) in cases {
            let t = spearman(&X9, &Y9, alt);
            assert_eq!(t.p_method, PMethod::Exact);
            assert_close(t.r, 0.8833333333333333, TOL_CLOSED, "rho");
            assert_close(t.statistic, 14.000000000000005, TOL_CLOSED, "S");
            assert_close(t.p_value, p, TOL_CLOSED, alt.as_str());
        }
        let t = spearman(&X9[..4], &Y9[..4], Alternative::TwoSided);
        assert_close(t.p_value, 0.33333333333333331, TOL_CLOSED, "n = 4");
        let t = spearman(&[1.0, 2.0], &[2.0, 1.0], Alternative::TwoSided);
        assert_close(t.r, -1.0, 1e-15, "n = 2");
        assert_eq!(t.p_value, 1.0);
        // swiss Agriculture and Catholic of the first 20 provinces (no ties): AS 89 Edgeworth
        let cols = table_columns("swiss.csv", &["Agriculture", "Catholic"]);
        let cases = [
            (Alternative::TwoSided, 0.70958442735993998),
            (Alternative::Less, 0.64758130569802985),
            (Alternative::Greater, 0.35479221367996999),
        ];
        for (alt, p) in cases {
            let t = spearman(&cols[0][..20], &cols[1][..20], alt);
            assert_eq!(t.p_method, PMethod::Edgeworth);
            assert_close(t.r, 0.088721804511278188, TOL_CLOSED, "rho");
            assert_eq!(t.statistic, 1212.0);
            assert_close(t.p_value, p, TOL_CLOSED, alt.as_str());
        }
    }

    #[test]
    fn spearman_beyond_1290_pairs_uses_t() {
        // R 4.2.2: i <- 1:1300; xb <- (i*7919) %% 1301; yb <- xb + 3*((i*104729) %% 1301) + i/4096
        // (no ties); cor.test(xb, yb, method = "spearman") uses t (n > 1290), and on the
        // first 1290 AS 89, whose Edgeworth series is below 0 that far in the tail and is
        // clamped to p = 0 (two-sided; "less": 1).
        let x: Vec<f64> = (1..=1300u64).map(|i| ((i * 7919) % 1301) as f64).collect();
        let y: Vec<f64> = (1..=1300u64)
            .zip(&x)
            .map(|(i, xi)| xi + 3.0 * ((i * 104729) % 1301) as f64 + i as f64 / 4096.0)
            .collect();
        let t = spearman(&x, &y, Alternative::TwoSided);
        assert_eq!(t.p_method, PMethod::T);
        assert_close(t.r, 0.32668683873140203, TOL_CLOSED, "rho");
        assert_close(t.statistic, 246544690.0, TOL_CLOSED, "S");
        assert_close(t.p_value, 1.0421739804232743e-33, TOL_CLOSED, "p");
        let t = spearman(&x[..1290], &y[..1290], Alternative::TwoSided);
        assert_eq!(t.p_method, PMethod::Edgeworth);
        assert_close(t.r, 0.32751259474066674, TOL_CLOSED, "rho");
        assert_eq!((t.statistic, t.p_value), (240603408.0, 0.0));
        assert_eq!(
            spearman(&x[..1290], &y[..1290], Alternative::Less).p_value,
            1.0
        );
    }

    #[test]
    fn pearson_small_samples_and_one_sided_intervals() {
        // R 4.2.2: cor.test(x9[1:3], y9[1:3]) has no interval (n = 3); n = 4 has one
        let t = cor_test(
            &X9[..3],
            &Y9[..3],
            CorMethod::Pearson,
            Alternative::TwoSided,
            0.95,
        )
        .unwrap();
        assert_close(t.r, 0.98463400001039769, TOL_CLOSED, "r");
        assert_close(t.statistic, 5.6383781608093297, TOL_CLOSED, "t");
        assert_close(t.p_value, 0.11174631806827323, TOL_CLOSED, "p");
        assert!(t.ci_low.is_none());
        let t = cor_test(
            &X9[..4],
            &Y9[..4],
            CorMethod::Pearson,
            Alternative::TwoSided,
            0.95,
        )
        .unwrap();
        assert_close(t.p_value, 0.16210396247405418, TOL_CLOSED, "p");
        assert_close(t.ci_low.unwrap(), -0.63269331080879765, TOL_CLOSED, "lo");
        assert_close(t.ci_high.unwrap(), 0.99650586088059967, TOL_CLOSED, "hi");
        // cor.test(x9, y9, alternative = "less"/"greater", conf.level = 0.9)
        let t = cor_test(&X9, &Y9, CorMethod::Pearson, Alternative::Less, 0.9).unwrap();
        assert_close(t.p_value, 0.99955566174590338, TOL_CLOSED, "p less");
        assert_eq!(t.ci_low, Some(-1.0));
        assert_close(
            t.ci_high.unwrap(),
            0.96435122099813864,
            TOL_CLOSED,
            "hi less",
        );
        let t = cor_test(&X9, &Y9, CorMethod::Pearson, Alternative::Greater, 0.9).unwrap();
        assert_close(t.p_value, 0.00044433825409658412, TOL_CLOSED, "p greater");
        assert_close(
            t.ci_low.unwrap(),
            0.74348127506879402,
            TOL_CLOSED,
            "lo greater",
        );
        assert_eq!(t.ci_high, Some(1.0));
    }

    #[test]
    fn exact_distribution_of_s_is_a_distribution() {
        for n in 2..=N_EXACT {
            let counts = s_counts(n);
            let total: u64 = counts.iter().sum();
            assert_eq!(total, (1..=n as u64).product::<u64>());
            // symmetric about (n³ − n)/6, only even values
            let smax = counts.len() - 1;
            for s in 0..=smax {
                assert_eq!(counts[s], counts[smax - s]);
                if s % 2 == 1 {
                    assert_eq!(counts[s], 0);
                }
            }
        }
    }

    #[test]
    fn degenerate_pairs_are_notes_not_panics() {
        let nan = f64::NAN;
        let a = [1.0, 2.0, nan, 4.0, 5.0];
        let b = [nan, nan, 3.0, 1.0, 2.0];
        let c = [7.0, 7.0, 7.0, 7.0, 7.0];
        let m = correlation_matrix(
            &[&a, &b, &c],
            CorMethod::Pearson,
            Missing::Pairwise,
            Alternative::TwoSided,
            0.95,
        )
        .unwrap();
        assert_eq!(m.cells[0][1].n, 2);
        assert!(matches!(
            m.cells[0][1].note,
            Some(NotComputable::TooFewObservations { .. })
        ));
        assert!(matches!(
            m.cells[0][2].note,
            Some(NotComputable::ZeroVariance { .. })
        ));
        let m = correlation_matrix(
            &[&a, &b, &c],
            CorMethod::Spearman,
            Missing::Listwise,
            Alternative::TwoSided,
            0.95,
        )
        .unwrap();
        assert_eq!(m.n_complete, Some(2));
        assert_eq!(
            m.cells[0][1].test.as_ref().unwrap().p_method,
            PMethod::Exact
        );
        assert!(m.cells[0][2].test.is_none());
        assert!(correlation_matrix(
            &[&a, &[1.0, f64::INFINITY, 2.0, 3.0, 4.0]],
            CorMethod::Pearson,
            Missing::Pairwise,
            Alternative::TwoSided,
            0.95
        )
        .is_err());
        assert!(correlation_matrix(
            &[],
            CorMethod::Pearson,
            Missing::Pairwise,
            Alternative::TwoSided,
            0.95
        )
        .unwrap()
        .cells
        .is_empty());
        // R 4.2.2: cor.test(c(1,1,2,3,4), c(5,5,4,3,2) or c(1,1,2,3,4), method = "spearman"):
        // ρ = ∓1 with ties, S = 40 or 0, p = 0
        let x = [1.0, 1.0, 2.0, 3.0, 4.0];
        for (y, rho, s) in [([5.0, 5.0, 4.0, 3.0, 2.0], -1.0, 40.0), (x, 1.0, 0.0)] {
            let t = spearman(&x, &y, Alternative::TwoSided);
            assert_eq!(
                (t.r, t.statistic, t.p_value, t.p_method),
                (rho, s, 0.0, PMethod::T)
            );
        }
        // a perfect line: R 4.2.2 cor.test(1:5, c(2,4,6,8,10)) rounds r to 1 − 2⁻⁵² as we do
        // (cov.c's order of operations): r = 0.99999999999999978, t = 82191237.008915603,
        // p = 3.9718624100817132e-24, interval (0.99999999999999645, 1)
        let t = cor_test(
            &[1.0, 2.0, 3.0, 4.0, 5.0],
            &[2.0, 4.0, 6.0, 8.0, 10.0],
            CorMethod::Pearson,
            Alternative::TwoSided,
            0.95,
        )
        .unwrap();
        assert_eq!(t.r, 0.99999999999999978);
        assert_close(t.statistic, 82191237.008915603, TOL_CLOSED, "t");
        assert_close(t.p_value, 3.9718624100817132e-24, TOL_CLOSED, "p");
        assert_close(t.ci_low.unwrap(), 0.99999999999999645, TOL_CLOSED, "lo");
        assert_eq!(t.ci_high, Some(1.0));
        // exactly ±1: t infinite, p 0
        let t = pearson_test(
            &[0.0, 1.0, 2.0],
            &[0.0, 1.0, 2.0],
            Alternative::TwoSided,
            0.95,
        )
        .unwrap();
        assert_eq!((t.r, t.p_value), (1.0, 0.0));
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The pairwise matrix equals cor_test of each pair (the O(n) reranking is right),
        /// and every p is a probability.
        #[test]
        fn matrix_cells_equal_single_tests(
            rows in proptest::collection::vec((0u8..6, 0u8..6, -3i8..4), 0..40),
        ) {
            let to = |v: i8| if v < 0 { f64::NAN } else { f64::from(v) };
            let a: Vec<f64> = rows.iter().map(|r| f64::from(r.0)).collect();
            let b: Vec<f64> = rows.iter().map(|r| to(r.2)).collect();
            let c: Vec<f64> = rows.iter().map(|r| if r.1 == 0 { f64::NAN } else { f64::from(r.1) * 1.5 }).collect();
            for method in [CorMethod::Pearson, CorMethod::Spearman] {
                let m = correlation_matrix(&[&a, &b, &c], method, Missing::Pairwise, Alternative::TwoSided, 0.95).unwrap();
                let cols = [&a, &b, &c];
                for i in 0..3 {
                    for j in i + 1..3 {
                        let single = cor_test(cols[i], cols[j], method, Alternative::TwoSided, 0.95).ok();
                        prop_assert_eq!(&m.cells[i][j].test, &single);
                        if let Some(t) = single {
                            prop_assert!((0.0..=1.0).contains(&t.p_value));
                        }
                    }
                }
            }
        }
    }
}
