//! The item correlation matrix behind scale validation (KMO, Bartlett, factor analysis, ω),
//! and the matrix helpers its analyses share: sorted eigen decomposition, inverse of a
//! positive-definite matrix, squared multiple correlations.

use super::linalg::{cholesky, symmetric_eigen};
use super::reliability::{covariance, AlphaMissing};
use super::summation::Accumulator;
use super::{Inapplicable, NotComputable, Outcome, Subject};
use serde::Serialize;

/// A correlation matrix of items and the rows behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorrelationMatrix {
    /// p × p, unit diagonal.
    pub r: Vec<Vec<f64>>,
    pub missing: AlphaMissing,
    /// Rows given.
    pub n_rows: usize,
    /// Rows with every item answered (the rows used listwise).
    pub n_complete: usize,
    /// The fewest rows behind one correlation (= `n_complete` listwise).
    pub n_pairwise_min: usize,
    /// The number of observations the tests use (Bartlett's χ², ML): the complete rows
    /// listwise; all rows pairwise, as `psych::cortest.bartlett(x)` and `psych::fa(x)` count
    /// `nrow(x)` when given raw data.
    pub n_obs: usize,
}

/// The correlation matrix of item columns (NaN = not answered), as R's
/// `cor(x[complete.cases(x), ])` (listwise, = SPSS FACTOR /MISSING LISTWISE) or
/// `cor(x, use = "pairwise.complete.obs")` (pairwise: each r from the rows answering both
/// items, with the means and SDs of those rows, = SPSS /MISSING PAIRWISE).
///
/// Listwise reuses the covariance of [`super::reliability`] (two-pass, one read of the data):
/// r_ij = C_ij/√(C_ii C_jj). Errors: fewer than two items or than three rows behind a
/// correlation, infinite values, an item without variance.
#[allow(clippy::needless_range_loop)] // symmetric matrices read best with indices
pub fn correlation_matrix(items: &[&[f64]], missing: AlphaMissing) -> Outcome<CorrelationMatrix> {
    let p = items.len();
    if p < 2 {
        return Err(NotComputable::TooFewObservations { n: p, needed: 2 });
    }
    let n_rows = items[0].len();
    if items.iter().any(|c| c.len() != n_rows) {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::ItemColumnsDiffer,
        });
    }
    if items.iter().flat_map(|c| c.iter()).any(|v| v.is_infinite()) {
        return Err(NotComputable::NonFinite);
    }
    let n_complete = (0..n_rows)
        .filter(|&i| items.iter().all(|c| !c[i].is_nan()))
        .count();
    match missing {
        AlphaMissing::Listwise => {
            if n_complete < 3 {
                return Err(NotComputable::TooFewObservations {
                    n: n_complete,
                    needed: 3,
                });
            }
            let (cov, _, _) = covariance(items, AlphaMissing::Listwise)?;
            let r = cov2cor(&cov)?;
            Ok(CorrelationMatrix {
                r,
                missing,
                n_rows,
                n_complete,
                n_pairwise_min: n_complete,
                n_obs: n_complete,
            })
        }
        AlphaMissing::Pairwise => {
            let mut r = vec![vec![1.0; p]; p];
            let mut n_min = usize::MAX;
            for i in 0..p {
                for j in i + 1..p {
                    let (rij, m) = pairwise_r(items[i], items[j])?;
                    r[i][j] = rij;
                    r[j][i] = rij;
                    n_min = n_min.min(m);
                }
            }
            Ok(CorrelationMatrix {
                r,
                missing,
                n_rows,
                n_complete,
                n_pairwise_min: n_min,
                n_obs: n_rows,
            })
        }
    }
}

/// The correlation matrix of a covariance matrix of `n` complete rows, e.g. from
/// [`super::reliability::CrossProducts::covariance`] (whole-number items summed exactly).
pub fn correlation_from_covariance(
    cov: &[Vec<f64>],
    n_rows: usize,
    n: usize,
) -> Outcome<CorrelationMatrix> {
    if cov.len() < 2 {
        return Err(NotComputable::TooFewObservations {
            n: cov.len(),
            needed: 2,
        });
    }
    if n < 3 {
        return Err(NotComputable::TooFewObservations { n, needed: 3 });
    }
    Ok(CorrelationMatrix {
        r: cov2cor(cov)?,
        missing: AlphaMissing::Listwise,
        n_rows,
        n_complete: n,
        n_pairwise_min: n,
        n_obs: n,
    })
}

/// R's `cov2cor`: r_ij = C_ij/√(C_ii C_jj), the diagonal set to exactly 1.
fn cov2cor(cov: &[Vec<f64>]) -> Outcome<Vec<Vec<f64>>> {
    let p = cov.len();
    if cov.iter().flatten().any(|v| !v.is_finite()) {
        return Err(NotComputable::NonFinite);
    }
    let sd: Vec<f64> = (0..p).map(|i| cov[i][i].sqrt()).collect();
    // an item whose SD is 0, or rounding noise of a constant column
    let scale = sd.iter().fold(0.0f64, |m, &s| m.max(s));
    if sd
        .iter()
        .any(|&s| s.is_nan() || s <= 1e-12 * scale || s == 0.0)
    {
        return Err(NotComputable::ZeroVariance {
            what: Subject::ConstantItem,
        });
    }
    Ok((0..p)
        .map(|i| {
            (0..p)
                .map(|j| {
                    if i == j {
                        1.0
                    } else {
                        (cov[i][j] / (sd[i] * sd[j])).clamp(-1.0, 1.0)
                    }
                })
                .collect()
        })
        .collect())
}

/// Pearson's r of the rows where both values are present (two-pass), and that count.
fn pairwise_r(x: &[f64], y: &[f64]) -> Outcome<(f64, usize)> {
    let (mut ax, mut ay, mut m) = (Accumulator::new(), Accumulator::new(), 0usize);
    for (&a, &b) in x.iter().zip(y) {
        if !a.is_nan() && !b.is_nan() {
            ax.add(a);
            ay.add(b);
            m += 1;
        }
    }
    if m < 3 {
        return Err(NotComputable::TooFewObservations { n: m, needed: 3 });
    }
    let (mx, my) = (ax.value() / m as f64, ay.value() / m as f64);
    let (mut sxx, mut syy, mut sxy) = (Accumulator::new(), Accumulator::new(), Accumulator::new());
    for (&a, &b) in x.iter().zip(y) {
        if !a.is_nan() && !b.is_nan() {
            let (da, db) = (a - mx, b - my);
            sxx.add(da * da);
            syy.add(db * db);
            sxy.add(da * db);
        }
    }
    let (sxx, syy) = (sxx.value(), syy.value());
    let tiny = |s: f64, mean: f64| {
        s.is_nan() || s <= 0.0 || s.sqrt() <= 1e-12 * mean.abs() * (m as f64).sqrt()
    };
    if tiny(sxx, mx) || tiny(syy, my) {
        return Err(NotComputable::ZeroVariance {
            what: Subject::ConstantItemPairwise,
        });
    }
    Ok((
        (sxy.value() / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0),
        m,
    ))
}

/// Eigenvalues in decreasing order and their eigenvectors (`vectors[i][k]` is element i of
/// vector k), each vector signed so that its sum is positive (its largest |element| positive
/// when the sum is 0). Cyclic Jacobi ([`symmetric_eigen`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Eigen {
    pub values: Vec<f64>,
    pub vectors: Vec<Vec<f64>>,
}

/// [`Eigen`] of a symmetric matrix.
pub fn eigen_sorted(a: &[Vec<f64>]) -> Eigen {
    let p = a.len();
    let (values, vectors) = symmetric_eigen(a);
    let mut order: Vec<usize> = (0..p).collect();
    order.sort_by(|&x, &y| values[y].total_cmp(&values[x]).then(x.cmp(&y)));
    let mut out = vec![vec![0.0; p]; p];
    for (k, &o) in order.iter().enumerate() {
        let col: Vec<f64> = (0..p).map(|i| vectors[i][o]).collect();
        let sign = column_sign(&col);
        for i in 0..p {
            out[i][k] = sign * col[i];
        }
    }
    Eigen {
        values: order.iter().map(|&o| values[o]).collect(),
        vectors: out,
    }
}

/// +1 or −1: the sign that makes the sum of `col` positive; when the sum is 0 (to rounding),
/// the sign that makes its largest |element| (the first of equals) positive.
pub(crate) fn column_sign(col: &[f64]) -> f64 {
    let mut acc = Accumulator::new();
    col.iter().for_each(|&v| acc.add(v));
    let sum = acc.value();
    let size: f64 = col.iter().map(|v| v.abs()).sum();
    if sum.abs() > 1e-12 * size {
        return sum.signum();
    }
    let mut best = 0.0f64;
    for &v in col {
        if v.abs() > best.abs() {
            best = v;
        }
    }
    if best < 0.0 {
        -1.0
    } else {
        1.0
    }
}

/// The inverse of a symmetric positive-definite matrix through its Cholesky factor; None when
/// it is singular to working precision (see [`cholesky`]).
#[allow(clippy::needless_range_loop)]
pub fn inverse_spd(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let p = a.len();
    let l = cholesky(a)?;
    // L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀ L⁻¹
    let mut li = vec![vec![0.0; p]; p];
    for j in 0..p {
        li[j][j] = 1.0 / l[j][j];
        for i in j + 1..p {
            let s: f64 = (j..i).map(|k| l[i][k] * li[k][j]).sum();
            li[i][j] = -s / l[i][i];
        }
    }
    let mut inv = vec![vec![0.0; p]; p];
    for i in 0..p {
        for j in 0..=i {
            let s: f64 = (i..p).map(|k| li[k][i] * li[k][j]).sum();
            inv[i][j] = s;
            inv[j][i] = s;
        }
    }
    Some(inv)
}

/// Fails with a clear reason unless `r` is a valid positive-definite correlation matrix.
pub fn check_correlation(r: &[Vec<f64>]) -> Outcome<()> {
    let p = r.len();
    if p < 2 {
        return Err(NotComputable::TooFewObservations { n: p, needed: 2 });
    }
    if r.iter().any(|row| row.len() != p) || r.iter().flatten().any(|v| !v.is_finite()) {
        return Err(NotComputable::NonFinite);
    }
    if cholesky(r).is_none() {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::SingularCorrelation,
        });
    }
    Ok(())
}

/// ln det R of a positive-definite matrix: 2 Σ ln L_ii of its Cholesky factor.
pub fn log_det(r: &[Vec<f64>]) -> Outcome<f64> {
    let l = cholesky(r).ok_or(NotComputable::NotApplicable {
        why: Inapplicable::SingularCorrelation,
    })?;
    Ok(2.0 * (0..r.len()).map(|i| l[i][i].ln()).sum::<f64>())
}

/// Squared multiple correlations, 1 − 1/(R⁻¹)_ii (`psych::smc` of a positive-definite R).
pub fn smc(r: &[Vec<f64>]) -> Outcome<Vec<f64>> {
    let inv = inverse_spd(r).ok_or(NotComputable::NotApplicable {
        why: Inapplicable::SingularCorrelation,
    })?;
    Ok((0..r.len()).map(|i| 1.0 - 1.0 / inv[i][i]).collect())
}

/// The items behind a (near-)singular correlation matrix: those with a weight above 0.1 in
/// the eigenvector of its smallest eigenvalue, for a message ("items 3 and 7 are collinear").
/// Empty when the smallest eigenvalue is above 1e-8 (not singular).
pub fn collinear_items(r: &[Vec<f64>]) -> Vec<usize> {
    let e = eigen_sorted(r);
    let p = r.len();
    if p == 0 || e.values[p - 1] > 1e-8 {
        return Vec::new();
    }
    (0..p)
        .filter(|&i| e.vectors[i][p - 1].abs() > 0.1)
        .collect()
}

/// Items (indices) whose answered values are all equal (zero variance).
pub fn constant_items(items: &[&[f64]]) -> Vec<usize> {
    items
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            let mut seen = c.iter().filter(|v| !v.is_nan());
            match seen.next() {
                None => true,
                Some(&first) => seen.all(|&v| v == first),
            }
        })
        .map(|(i, _)| i)
        .collect()
}

/// Matrix product A·B of row-major matrices.
pub(crate) fn matmul(a: &[Vec<f64>], b: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let m = b.first().map_or(0, Vec::len);
    a.iter()
        .map(|row| {
            (0..m)
                .map(|j| row.iter().zip(b).map(|(x, brow)| x * brow[j]).sum())
                .collect()
        })
        .collect()
}

/// Transpose.
pub(crate) fn transpose(a: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let m = a.first().map_or(0, Vec::len);
    (0..m)
        .map(|j| a.iter().map(|row| row[j]).collect())
        .collect()
}

/// Inverse of a small square matrix by Gauss–Jordan elimination with partial pivoting; None
/// when a pivot is below 1e-13 of the matrix's largest entry.
#[allow(clippy::needless_range_loop)]
pub(crate) fn inverse_general(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = a.len();
    let scale = a.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    if scale == 0.0 || !scale.is_finite() {
        return None;
    }
    let mut m: Vec<Vec<f64>> = a
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut r = row.clone();
            r.extend((0..n).map(|j| f64::from(u8::from(i == j))));
            r
        })
        .collect();
    for c in 0..n {
        let piv = (c..n).max_by(|&x, &y| m[x][c].abs().total_cmp(&m[y][c].abs()))?;
        if m[piv][c].abs() <= 1e-13 * scale {
            return None;
        }
        m.swap(c, piv);
        let d = m[c][c];
        for v in m[c].iter_mut() {
            *v /= d;
        }
        for r in 0..n {
            if r != c {
                let f = m[r][c];
                if f != 0.0 {
                    for k in 0..2 * n {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
    }
    Some(m.into_iter().map(|row| row[n..].to_vec()).collect())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::stats::testutil::*;

    /// The columns of a CSV of numbers under `tests/data/factor/` (empty cell = NaN), and the
    /// header.
    pub(crate) fn read_columns(name: &str) -> (Vec<String>, Vec<Vec<f64>>) {
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/factor")
            .join(name);
        let text = std::fs::read_to_string(path).expect("data file");
        let mut lines = text.lines();
        let header: Vec<String> = lines
            .next()
            .expect("header")
            .split(',')
            .map(String::from)
            .collect();
        let mut cols = vec![Vec::new(); header.len()];
        for line in lines {
            for (c, cell) in cols.iter_mut().zip(line.split(',')) {
                c.push(cell.trim().parse::<f64>().unwrap_or(f64::NAN));
            }
        }
        (header, cols)
    }

    /// A reference JSON file under `tests/data/factor/`.
    pub(crate) fn reference(name: &str) -> serde_json::Value {
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/factor")
            .join(name);
        serde_json::from_str(&std::fs::read_to_string(path).expect("reference")).expect("JSON")
    }

    pub(crate) fn vec_of(v: &serde_json::Value) -> Vec<f64> {
        v.as_array()
            .expect("array")
            .iter()
            .map(|x| num(x).expect("number"))
            .collect()
    }

    pub(crate) fn mat_of(v: &serde_json::Value) -> Vec<Vec<f64>> {
        v.as_array().expect("matrix").iter().map(vec_of).collect()
    }

    pub(crate) fn refs(cols: &[Vec<f64>]) -> Vec<&[f64]> {
        cols.iter().map(Vec::as_slice).collect()
    }

    pub(crate) fn assert_mat(got: &[Vec<f64>], want: &[Vec<f64>], tol: f64, what: &str) {
        assert_eq!(got.len(), want.len(), "{what}: rows");
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert_eq!(g.len(), w.len(), "{what}: columns");
            for (j, (a, b)) in g.iter().zip(w).enumerate() {
                assert_abs(*a, *b, tol, &format!("{what}[{i}][{j}]"));
            }
        }
    }

    pub(crate) fn bfi() -> Vec<Vec<f64>> {
        read_columns("bfi.csv").1
    }

    #[test]
    fn bfi_listwise_and_pairwise_correlations_match_r() {
        // R 4.2.2, psychTools 2.2.9: cor(na.omit(bfi[, 1:25])) and
        // cor(bfi[, 1:25], use = "pairwise") (scripts/reference/factor.R); equal to 1e-13
        // (R sums in long double, prepost two-pass in double-double: both ~1e-16 relative
        // to the sums of squares, the last digits of r can differ)
        let cols = bfi();
        let want = reference("bfi.json");
        let lw = correlation_matrix(&refs(&cols), AlphaMissing::Listwise).unwrap();
        assert_eq!(lw.n_complete, 2436);
        assert_eq!(lw.n_obs, 2436);
        assert_mat(&lw.r, &mat_of(&want["listwise"]["r"]), 1e-13, "listwise r");
        let pw = correlation_matrix(&refs(&cols), AlphaMissing::Pairwise).unwrap();
        assert_eq!(pw.n_obs, 2800);
        assert_eq!(
            pw.n_pairwise_min,
            num(&want["pairwise"]["n_min"]).unwrap() as usize
        );
        assert_mat(&pw.r, &mat_of(&want["pairwise"]["r"]), 1e-13, "pairwise r");
    }

    #[test]
    fn errors_for_constant_items_copies_and_too_few_rows() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0];
        let b = [2.0, 1.0, 4.0, 3.0, 5.0];
        let c = [3.0; 5];
        assert!(matches!(
            correlation_matrix(&[&a, &b, &c], AlphaMissing::Listwise),
            Err(NotComputable::ZeroVariance { .. })
        ));
        assert!(matches!(
            correlation_matrix(&[&a, &b, &c], AlphaMissing::Pairwise),
            Err(NotComputable::ZeroVariance { .. })
        ));
        assert_eq!(constant_items(&[&a, &b, &c]), vec![2]);
        // a copy: the matrix is singular
        let m = correlation_matrix(&[&a, &b, &a], AlphaMissing::Listwise).unwrap();
        assert!(check_correlation(&m.r).is_err());
        assert_eq!(collinear_items(&m.r), vec![0, 2]);
        let short = [1.0, 2.0];
        assert!(correlation_matrix(&[&short, &short], AlphaMissing::Listwise).is_err());
        assert!(correlation_matrix(&[&a], AlphaMissing::Listwise).is_err());
        let inf = [1.0, 2.0, f64::INFINITY, 4.0, 5.0];
        assert_eq!(
            correlation_matrix(&[&a, &inf], AlphaMissing::Listwise),
            Err(NotComputable::NonFinite)
        );
        let nan = [f64::NAN; 5];
        assert!(correlation_matrix(&[&a, &nan], AlphaMissing::Pairwise).is_err());
    }

    #[test]
    fn inverse_and_smc() {
        // R: solve(matrix(c(4,2,2,3),2)) = [[0.375, -0.25], [-0.25, 0.5]]
        let inv = inverse_spd(&[vec![4.0, 2.0], vec![2.0, 3.0]]).unwrap();
        assert_mat(
            &inv,
            &[vec![0.375, -0.25], vec![-0.25, 0.5]],
            1e-15,
            "inverse",
        );
        let g = inverse_general(&[vec![0.0, 2.0], vec![1.0, 1.0]]).unwrap();
        assert_mat(
            &g,
            &[vec![-0.5, 1.0], vec![0.5, 0.0]],
            1e-15,
            "gauss-jordan",
        );
        // two items correlating 0.5: smc = 0.25
        let s = smc(&[vec![1.0, 0.5], vec![0.5, 1.0]]).unwrap();
        assert_close(s[0], 0.25, 1e-14, "smc");
    }
}
