//! Internal consistency of a scale: Cronbach's alpha with item statistics (as `psych::alpha`).

use super::distributions::qf;
use super::summation::Accumulator;
use super::{NotComputable, Outcome};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Which rows enter the item covariance matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum AlphaMissing {
    /// Complete cases only (SPSS RELIABILITY, `psych::alpha(na.omit(x))`).
    #[default]
    Listwise,
    /// Each covariance from the rows where both items are answered (`psych::alpha`'s default,
    /// `use = "pairwise"`).
    Pairwise,
}

/// Statistics of one item within its scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemStat {
    /// Corrected item-total correlation: the item against the sum of the other items
    /// (psych's `r.drop`).
    pub r_drop: Option<f64>,
    /// Alpha of the scale without this item (psych's `alpha.drop`); none for two-item scales.
    pub alpha_if_deleted: Option<f64>,
}

/// Cronbach's alpha and friends.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alpha {
    /// Number of items.
    pub k: usize,
    /// Rows used: complete cases (listwise) or all rows (pairwise), as psych's `n.obs`.
    pub n: usize,
    /// Rows with every item answered.
    pub n_complete: usize,
    /// Raw alpha: k/(k − 1) · (1 − tr C / ΣC).
    pub alpha: f64,
    /// Standardized alpha: the same on the correlation matrix, k/(k − 1) · (1 − k / ΣR).
    pub alpha_std: Option<f64>,
    /// Mean inter-item correlation.
    pub average_r: Option<f64>,
    /// Feldt (1965) interval.
    pub ci_low: f64,
    pub ci_high: f64,
    pub items: Vec<ItemStat>,
}

/// Cronbach's alpha of a score at one time point.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AlphaSummary {
    pub alpha: f64,
    pub alpha_std: Option<f64>,
    /// Respondents used (complete cases when listwise).
    pub n: usize,
    /// Items.
    pub k: usize,
    pub ci_low: f64,
    pub ci_high: f64,
}

impl Alpha {
    /// The alpha as a report summarises it (without the item statistics).
    pub fn summary(&self) -> AlphaSummary {
        AlphaSummary {
            alpha: self.alpha,
            alpha_std: self.alpha_std,
            n: self.n,
            k: self.k,
            ci_low: self.ci_low,
            ci_high: self.ci_high,
        }
    }
}

/// The sums behind the listwise covariance matrix of k whole-number items, added row by row in
/// exact integer arithmetic: n, Σx_i and Σx_i·x_j (i ≤ j) over the rows with every item
/// answered. Then C_ij = (n·Σx_i·x_j − Σx_i·Σx_j) / (n(n − 1)) has an exact integer numerator
/// and denominator and only two roundings (each to f64) and one division, so it is at least as
/// accurate as the two-pass sum of centred products, and the rows need not be kept:
/// a million respondents' items are summed as they are scored.
///
/// Rows are collected in blocks of [`BLOCK_ROWS`] (16-bit integers, column by column), and a
/// full block adds its column sums and dot products (32-bit, vectorised: exact for whole
/// numbers of at most [`CROSS_PRODUCTS_MAX_VALUE`]) to i128 totals.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossProducts {
    k: usize,
    n: u64,
    sums: Vec<i128>,
    products: Vec<i128>,
    /// Rows not yet in the totals, column by column (`k` columns of [`BLOCK_ROWS`]).
    block: Vec<i16>,
    filled: usize,
}

/// Σ a_i·b_i of 16-bit integers in 32 bits (exact for a block: see [`BLOCK_ROWS`]), with the
/// 256-bit instructions where the processor has them (the same arithmetic, twice as wide).
fn dot(a: &[i16], b: &[i16]) -> i32 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2 (checked just above).
            return unsafe { dot_avx2(a, b) };
        }
    }
    dot_plain(a, b)
}

#[inline(always)]
fn dot_plain(a: &[i16], b: &[i16]) -> i32 {
    a.iter()
        .zip(b)
        .map(|(&x, &y)| i32::from(x) * i32::from(y))
        .sum()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn dot_avx2(a: &[i16], b: &[i16]) -> i32 {
    dot_plain(a, b)
}

/// Largest |answer| [`CrossProducts`] takes.
pub const CROSS_PRODUCTS_MAX_VALUE: f64 = 1000.0;

/// Rows of a block: 256 · 1000² < 2³¹, so a block's dot products fit 32 bits.
const BLOCK_ROWS: usize = 256;

impl CrossProducts {
    pub fn new(k: usize) -> CrossProducts {
        let pairs = k * (k + 1) / 2;
        CrossProducts {
            k,
            n: 0,
            sums: vec![0; k],
            products: vec![0; pairs],
            block: vec![0; k * BLOCK_ROWS],
            filled: 0,
        }
    }

    /// Rows added.
    pub fn n(&self) -> u64 {
        self.n + self.filled as u64
    }

    /// Adds one row: k whole numbers of at most [`CROSS_PRODUCTS_MAX_VALUE`] in absolute value.
    pub fn add_row(&mut self, row: &[f64]) {
        let whole: Vec<i16> = row.iter().map(|&x| x as i16).collect();
        self.add_whole_row(&whole);
    }

    /// Adds one row of whole numbers of at most [`CROSS_PRODUCTS_MAX_VALUE`] in absolute value.
    #[inline]
    pub fn add_whole_row(&mut self, row: &[i16]) {
        debug_assert_eq!(row.len(), self.k);
        for (i, &x) in row.iter().enumerate() {
            self.block[i * BLOCK_ROWS + self.filled] = x;
        }
        self.filled += 1;
        if self.filled == BLOCK_ROWS {
            self.flush();
        }
    }

    /// Adds one row gathered from `values` at `positions` (whole numbers of at most
    /// [`CROSS_PRODUCTS_MAX_VALUE`] in absolute value), without copying it first.
    #[inline]
    pub fn add_gathered(&mut self, positions: &[usize], values: &[i64]) {
        debug_assert_eq!(positions.len(), self.k);
        for (i, &p) in positions.iter().enumerate() {
            self.block[i * BLOCK_ROWS + self.filled] = values[p] as i16;
        }
        self.filled += 1;
        if self.filled == BLOCK_ROWS {
            self.flush();
        }
    }

    /// The sums of a subset of the items (`positions`, in the subset's order): the rows added
    /// here, as if they had been added to a [`CrossProducts`] of those items alone.
    pub fn subset(&self, positions: &[usize]) -> CrossProducts {
        let mut all = self.clone();
        all.flush();
        let k = all.k;
        // index of (i, j), i <= j, in the upper triangle stored row by row
        let at = |i: usize, j: usize| {
            let (i, j) = (i.min(j), i.max(j));
            i * k - i * (i + 1) / 2 + j
        };
        let mut sub = CrossProducts::new(positions.len());
        sub.n = all.n;
        let mut idx = 0;
        for (a, &p) in positions.iter().enumerate() {
            sub.sums[a] = all.sums[p];
            for &q in &positions[a..] {
                sub.products[idx] = all.products[at(p, q)];
                idx += 1;
            }
        }
        sub
    }

    /// Moves the rows of the block into the totals.
    fn flush(&mut self) {
        let (k, m) = (self.k, self.filled);
        if m == 0 {
            return;
        }
        let block = &self.block;
        let column = |i: usize| &block[i * BLOCK_ROWS..i * BLOCK_ROWS + m];
        let mut idx = 0;
        for i in 0..k {
            let a = column(i);
            self.sums[i] += a.iter().map(|&x| i64::from(x)).sum::<i64>() as i128;
            for j in i..k {
                self.products[idx] += dot(a, column(j)) as i128;
                idx += 1;
            }
        }
        self.n += m as u64;
        self.filled = 0;
    }

    /// Adds rows laid out one after the other.
    pub fn add_rows(&mut self, rows: &[f64]) {
        if self.k > 0 {
            rows.chunks_exact(self.k).for_each(|row| self.add_row(row));
        }
    }

    /// Adds the rows of other sums over the same items.
    pub fn merge(&mut self, mut other: CrossProducts) {
        assert_eq!(self.k, other.k, "the same items");
        self.flush();
        other.flush();
        self.n += other.n;
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            *a += b;
        }
        for (a, b) in self.products.iter_mut().zip(&other.products) {
            *a += b;
        }
    }

    /// Adds `more` to `totals` score by score (takes `more` as it is when `totals` is empty).
    pub fn merge_each(totals: &mut Vec<CrossProducts>, more: Vec<CrossProducts>) {
        if totals.is_empty() {
            *totals = more;
        } else {
            for (total, p) in totals.iter_mut().zip(more) {
                total.merge(p);
            }
        }
    }

    /// The covariance matrix (n − 1 denominator); needs n ≥ 2.
    #[allow(clippy::needless_range_loop)] // symmetric matrices read best with indices
    pub fn covariance(&self) -> Vec<Vec<f64>> {
        let mut all = self.clone();
        all.flush();
        let k = all.k;
        let n = all.n as i128;
        let denominator = (n * (n - 1)) as f64;
        let mut cov = vec![vec![0.0; k]; k];
        let mut idx = 0;
        for i in 0..k {
            for j in i..k {
                let exact = n * all.products[idx] - all.sums[i] * all.sums[j];
                let v = exact as f64 / denominator;
                cov[i][j] = v;
                cov[j][i] = v;
                idx += 1;
            }
        }
        cov
    }
}

/// Covariance matrix of the item columns (n − 1 denominator; NaN = not answered), and the rows
/// it used. Two-pass (means first, then cross-products of centred values) with plain double
/// sums, which keeps a relative error of a few ulp·√n.
#[allow(clippy::needless_range_loop)] // symmetric matrices read best with indices
pub(crate) fn covariance(
    items: &[&[f64]],
    missing: AlphaMissing,
) -> Outcome<(Vec<Vec<f64>>, usize, usize)> {
    let k = items.len();
    let rows = items[0].len();
    let complete: Vec<usize> = (0..rows)
        .filter(|&r| items.iter().all(|c| !c[r].is_nan()))
        .collect();
    let n_complete = complete.len();
    let mut cov = vec![vec![0.0; k]; k];
    match missing {
        AlphaMissing::Listwise => {
            if n_complete < 2 {
                return Err(NotComputable::TooFewObservations {
                    n: n_complete,
                    needed: 2,
                });
            }
            let means: Vec<f64> = items
                .iter()
                .map(|c| {
                    let mut a = Accumulator::new();
                    complete.iter().for_each(|&r| a.add(c[r]));
                    a.value() / n_complete as f64
                })
                .collect();
            // One pass over the rows, all cross-products of the centred row at once: the data
            // are read once (a column-by-column dot product would read them k/2 times). Long
            // columns in chunks, in parallel, their sums added in chunk order (deterministic;
            // up to 65 536 rows one chunk, so small samples are summed row by row).
            let chunk_sums: Vec<Vec<f64>> = complete
                .par_chunks(1 << 16)
                .map(|rows| {
                    let mut row = vec![0.0; k];
                    let mut acc = vec![0.0; k * (k + 1) / 2];
                    for &r in rows {
                        for (x, (c, m)) in row.iter_mut().zip(items.iter().zip(&means)) {
                            *x = c[r] - m;
                        }
                        let mut idx = 0;
                        for i in 0..k {
                            let xi = row[i];
                            for xj in &row[i..] {
                                acc[idx] += xi * xj;
                                idx += 1;
                            }
                        }
                    }
                    acc
                })
                .collect();
            let mut acc = vec![0.0; k * (k + 1) / 2];
            for chunk in &chunk_sums {
                for (a, c) in acc.iter_mut().zip(chunk) {
                    *a += c;
                }
            }
            let mut products = acc.iter();
            for i in 0..k {
                for j in i..k {
                    let v = products.next().expect("k(k+1)/2 products") / (n_complete as f64 - 1.0);
                    cov[i][j] = v;
                    cov[j][i] = v;
                }
            }
            Ok((cov, n_complete, n_complete))
        }
        AlphaMissing::Pairwise => {
            for i in 0..k {
                for j in i..k {
                    let both: Vec<(f64, f64)> = (0..rows)
                        .map(|r| (items[i][r], items[j][r]))
                        .filter(|(x, y)| !x.is_nan() && !y.is_nan())
                        .collect();
                    let m = both.len();
                    if m < 2 {
                        return Err(NotComputable::TooFewObservations { n: m, needed: 2 });
                    }
                    let (mut ax, mut ay) = (Accumulator::new(), Accumulator::new());
                    both.iter().for_each(|&(x, y)| {
                        ax.add(x);
                        ay.add(y);
                    });
                    let (mx, my) = (ax.value() / m as f64, ay.value() / m as f64);
                    let mut a = Accumulator::new();
                    both.iter().for_each(|&(x, y)| a.add((x - mx) * (y - my)));
                    cov[i][j] = a.value() / (m as f64 - 1.0);
                    cov[j][i] = cov[i][j];
                }
            }
            Ok((cov, rows, n_complete))
        }
    }
}

/// The sum of every entry of a matrix (compensated).
fn sum_all(m: &[Vec<f64>]) -> f64 {
    let mut a = Accumulator::new();
    m.iter().flatten().for_each(|&v| a.add(v));
    a.value()
}

fn trace(m: &[Vec<f64>]) -> f64 {
    (0..m.len()).map(|i| m[i][i]).sum()
}

/// Cronbach's alpha of the item columns (NaN = not answered), following
/// `psych::alpha` (Revelle; psych 2.2.9):
///
/// - raw alpha = k/(k − 1)·(1 − tr C/ΣC), C the item covariance matrix;
/// - standardized alpha = k/(k − 1)·(1 − k/ΣR), R = cov2cor(C); average r = (ΣR − k)/(k(k − 1));
/// - r.drop (corrected item-total r) = (ΣC[·,i] − C_ii)/√(C_ii · ΣC[−i,−i]);
/// - alpha if item deleted = raw alpha of C[−i,−i];
/// - Feldt CI (`psych::alpha.ci`): 1 − (1 − α)·F⁻¹(1 − p/2; n − 1, (n − 1)(k − 1)) and
///   1 − (1 − α)·F⁻¹(p/2; …), p = 1 − `conf_level`, n = rows used.
pub fn cronbach_alpha(items: &[&[f64]], missing: AlphaMissing, conf_level: f64) -> Outcome<Alpha> {
    let k = items.len();
    if k < 2 {
        return Err(NotComputable::TooFewObservations { n: k, needed: 2 });
    }
    if items.iter().flat_map(|c| c.iter()).any(|v| v.is_infinite()) {
        return Err(NotComputable::NonFinite);
    }
    let (c, n, n_complete) = covariance(items, missing)?;
    alpha_of_covariance(c, n, n_complete, conf_level)
}

/// [`cronbach_alpha`] (listwise) of whole-number items from their [`CrossProducts`].
pub fn cronbach_alpha_of(products: &CrossProducts, conf_level: f64) -> Outcome<Alpha> {
    let k = products.k;
    if k < 2 {
        return Err(NotComputable::TooFewObservations { n: k, needed: 2 });
    }
    let n = products.n() as usize;
    if n < 2 {
        return Err(NotComputable::TooFewObservations { n, needed: 2 });
    }
    alpha_of_covariance(products.covariance(), n, n, conf_level)
}

/// Alpha and the item statistics of a covariance matrix `c` from `n` rows.
fn alpha_of_covariance(
    c: Vec<Vec<f64>>,
    n: usize,
    n_complete: usize,
    conf_level: f64,
) -> Outcome<Alpha> {
    let k = c.len();
    let total = sum_all(&c);
    if total <= 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: crate::stats::Subject::TotalScore,
        });
    }
    let kf = k as f64;
    let tr = trace(&c);
    // raw alpha = k/(k − 1)·(1 − tr C/ΣC)
    let alpha = kf / (kf - 1.0) * (1.0 - tr / total);
    let sds: Vec<f64> = (0..k).map(|i| c[i][i].sqrt()).collect();
    let (alpha_std, average_r) = if sds.iter().all(|&s| s > 0.0) {
        let mut sum_r = Accumulator::new();
        for i in 0..k {
            for j in 0..k {
                sum_r.add(c[i][j] / (sds[i] * sds[j]));
            }
        }
        let sr = sum_r.value();
        let kf = k as f64;
        (
            Some(kf / (kf - 1.0) * (1.0 - kf / sr)),
            Some((sr - kf) / (kf * (kf - 1.0))),
        )
    } else {
        (None, None)
    };
    // Each item's statistics from the row sums s_i = Σ_j C_ij, computed once (O(k²) in all,
    // not O(k³)): without item i the total variance is ΣC − 2s_i + C_ii and the trace
    // tr C − C_ii.
    let row_sums: Vec<f64> = c
        .iter()
        .map(|row| {
            let mut a = Accumulator::new();
            row.iter().for_each(|&v| a.add(v));
            a.value()
        })
        .collect();
    let items_out = (0..k)
        .map(|i| {
            let v_drop = total - 2.0 * row_sums[i] + c[i][i];
            let c_drop = row_sums[i] - c[i][i];
            let denom = (c[i][i] * v_drop).sqrt();
            ItemStat {
                r_drop: (denom > 0.0).then(|| c_drop / denom),
                alpha_if_deleted: (k > 2)
                    .then(|| (kf - 1.0) / (kf - 2.0) * (1.0 - (tr - c[i][i]) / v_drop)),
            }
        })
        .collect();
    let p = 1.0 - conf_level;
    let nf = n as f64;
    let (d1, d2) = (nf - 1.0, (nf - 1.0) * (k as f64 - 1.0));
    Ok(Alpha {
        k,
        n,
        n_complete,
        alpha,
        alpha_std,
        average_r,
        ci_low: 1.0 - (1.0 - alpha) * qf(1.0 - p / 2.0, d1, d2),
        ci_high: 1.0 - (1.0 - alpha) * qf(p / 2.0, d1, d2),
        items: items_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::*;

    #[test]
    fn a_subset_of_the_items_is_summed_as_if_alone() {
        let rows: Vec<Vec<f64>> = (0..700)
            .map(|r| (0..6).map(|i| f64::from((r * 7 + i * 3) % 5 + 1)).collect())
            .collect();
        let mut all = CrossProducts::new(6);
        let positions = [4, 1, 2];
        let mut alone = CrossProducts::new(3);
        for row in &rows {
            all.add_row(row);
            alone.add_row(&positions.map(|p| row[p]));
        }
        let sub = all.subset(&positions);
        assert_eq!(sub.n(), alone.n());
        assert_eq!(sub.covariance(), alone.covariance());
    }

    #[test]
    fn cross_products_give_the_two_pass_covariance_and_alpha() {
        // whole-number answers with missing cells, in two batches of rows
        let k = 5;
        let rows = 3001;
        let mut columns: Vec<Vec<f64>> = (0..k).map(|_| Vec::with_capacity(rows)).collect();
        let mut state: u64 = 12345;
        for r in 0..rows {
            for (i, column) in columns.iter_mut().enumerate() {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let v = ((state >> 33) % 5 + 1) as f64 + (i % 2) as f64;
                column.push(if (r + i) % 97 == 0 { f64::NAN } else { v });
            }
        }
        let refs: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
        let want = cronbach_alpha(&refs, AlphaMissing::Listwise, 0.95).unwrap();
        let mut products = CrossProducts::new(k);
        let mut later = CrossProducts::new(k);
        let mut batch = Vec::new();
        for r in 0..rows {
            let row: Vec<f64> = columns.iter().map(|c| c[r]).collect();
            if row.iter().all(|v| !v.is_nan()) {
                batch.extend(row);
            }
            if r == 1000 {
                products.add_rows(&batch);
                batch.clear();
            }
        }
        later.add_rows(&batch);
        products.merge(later);
        assert_eq!(products.n() as usize, want.n_complete);
        let got = cronbach_alpha_of(&products, 0.95).unwrap();
        assert_close(got.alpha, want.alpha, 1e-12, "alpha");
        assert_close(
            got.alpha_std.unwrap(),
            want.alpha_std.unwrap(),
            1e-12,
            "alpha_std",
        );
        assert_close(got.ci_low, want.ci_low, 1e-12, "ci_low");
        for (a, b) in got.items.iter().zip(&want.items) {
            assert_close(a.r_drop.unwrap(), b.r_drop.unwrap(), 1e-12, "r_drop");
        }
        assert!(cronbach_alpha_of(&CrossProducts::new(k), 0.95).is_err());
    }

    /// Keyed item columns (reverse items as 6 − x) of a reference case.
    fn keyed_items(case: &str, wave: &str) -> Vec<Vec<f64>> {
        let dir = reference_dir().join(case);
        let spec: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("scale.json")).unwrap())
                .unwrap();
        let reverse: Vec<&str> = spec["reverse"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let mut rdr = csv::Reader::from_path(dir.join(format!("{wave}_items.csv"))).unwrap();
        let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
        let mut cols = vec![Vec::new(); headers.len() - 1];
        for rec in rdr.records() {
            let rec = rec.unwrap();
            for (j, col) in cols.iter_mut().enumerate() {
                let cell = &rec[j + 1];
                col.push(cell.parse::<f64>().map_or(f64::NAN, |v| {
                    if reverse.contains(&headers[j + 1].as_str()) {
                        6.0 - v
                    } else {
                        v
                    }
                }));
            }
        }
        cols
    }

    #[test]
    fn pairwise_alpha_matches_psych_alpha() {
        // R: psych::alpha(keyed, check.keys = FALSE) (psych 2.2.9, use = "pairwise" default):
        // raw_alpha, std.alpha, average_r, feldt CI, alpha.drop (reference.R, cronbach_alpha).
        for case in ["likert_items_n12_k5", "likert_items_n15_k9"] {
            for wave in ["pre", "post"] {
                let r = &reference_case(case).reference["cronbach_alpha"][wave];
                let cols = keyed_items(case, wave);
                let refs: Vec<&[f64]> = cols.iter().map(|c| c.as_slice()).collect();
                let a = cronbach_alpha(&refs, AlphaMissing::Pairwise, 0.95).unwrap();
                let ctx = format!("{case} {wave}");
                let p = &r["psych_alpha"];
                assert_close(a.alpha, num(&p["raw_alpha"]).unwrap(), TOL_CLOSED, &ctx);
                assert_close(
                    a.alpha_std.unwrap(),
                    num(&p["std_alpha"]).unwrap(),
                    TOL_CLOSED,
                    &ctx,
                );
                assert_close(
                    a.average_r.unwrap(),
                    num(&p["average_r"]).unwrap(),
                    TOL_CLOSED,
                    &ctx,
                );
                assert_close(a.ci_low, num(&p["feldt_ci"][0]).unwrap(), TOL_CLOSED, &ctx);
                assert_close(a.ci_high, num(&p["feldt_ci"][1]).unwrap(), TOL_CLOSED, &ctx);
                let drops = p["alpha_if_item_dropped"].as_object().unwrap();
                for (i, (_, v)) in drops.iter().enumerate() {
                    assert_close(
                        a.items[i].alpha_if_deleted.unwrap(),
                        num(v).unwrap(),
                        TOL_CLOSED,
                        &ctx,
                    );
                }
                assert_eq!(a.n, num(&r["n_rows"]).unwrap() as usize);
            }
        }
    }

    #[test]
    fn listwise_alpha_matches_psych_on_complete_cases() {
        // R: psych::alpha(keyed[complete.cases(keyed), ], check.keys = FALSE)
        // (reference.R, cronbach_alpha.<wave>.psych_alpha_listwise).
        for case in ["likert_items_n12_k5", "likert_items_n15_k9"] {
            for wave in ["pre", "post"] {
                let r = &reference_case(case).reference["cronbach_alpha"][wave];
                let cols = keyed_items(case, wave);
                let refs: Vec<&[f64]> = cols.iter().map(|c| c.as_slice()).collect();
                let a = cronbach_alpha(&refs, AlphaMissing::Listwise, 0.95).unwrap();
                let ctx = format!("{case} {wave}");
                assert_close(
                    a.alpha,
                    num(&r["psych_alpha_listwise"]["raw_alpha"]).unwrap(),
                    TOL_CLOSED,
                    &ctx,
                );
                assert_close(
                    a.alpha_std.unwrap(),
                    num(&r["psych_alpha_listwise"]["std_alpha"]).unwrap(),
                    TOL_CLOSED,
                    &ctx,
                );
                assert_eq!(a.n, num(&r["n_complete_rows"]).unwrap() as usize);
            }
        }
    }

    #[test]
    fn r_drop_matches_psych() {
        // R: a <- psych::alpha(data.frame(i1 = c(1,2,3,4,5,2), i2 = c(2,2,3,5,4,1),
        //                                 i3 = c(1,3,3,4,5,3)), check.keys = FALSE)
        //    print(a$item.stats$r.drop, digits = 17); print(a$total$raw_alpha, digits = 17)
        let i1 = [1.0, 2.0, 3.0, 4.0, 5.0, 2.0];
        let i2 = [2.0, 2.0, 3.0, 5.0, 4.0, 1.0];
        let i3 = [1.0, 3.0, 3.0, 4.0, 5.0, 3.0];
        let a = cronbach_alpha(&[&i1, &i2, &i3], AlphaMissing::Listwise, 0.95).unwrap();
        let want = [
            0.96675507995323440,
            0.73929608713521611,
            0.82260982268081539,
        ];
        for (got, w) in a.items.iter().zip(want) {
            assert_close(got.r_drop.unwrap(), w, TOL_CLOSED, "r.drop");
        }
        assert_close(a.alpha, 0.91966173361522208, TOL_CLOSED, "raw alpha");
    }

    #[test]
    fn degenerate_inputs_are_not_computable() {
        let i1 = [1.0, 2.0];
        assert!(cronbach_alpha(&[&i1], AlphaMissing::Listwise, 0.95).is_err());
        let c = [3.0, 3.0];
        assert!(cronbach_alpha(&[&c, &c], AlphaMissing::Listwise, 0.95).is_err());
        // only one complete row
        let a = [1.0, f64::NAN, 2.0];
        let b = [1.0, 2.0, f64::NAN];
        assert!(cronbach_alpha(&[&a, &b], AlphaMissing::Listwise, 0.95).is_err());
    }
}
