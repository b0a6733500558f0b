//! The little linear algebra the statistics need: Cholesky factors of symmetric
//! positive-definite matrices (Golub & Van Loan 2013, §4.2), and the eigenvalues of a small
//! symmetric matrix (cyclic Jacobi, §8.5) for quadratic forms in its Moore–Penrose inverse.

/// The lower-triangular L with L Lᵀ = A of a symmetric positive-definite A (rows of equal
/// length); None when a pivot falls to 1e-12 or below (singular to working precision, for
/// matrices scaled to about 1).
pub fn cholesky(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let p = a.len();
    let mut l = vec![vec![0.0; p]; p];
    for j in 0..p {
        let d = a[j][j] - (0..j).map(|m| l[j][m] * l[j][m]).sum::<f64>();
        if d <= 1e-12 {
            return None;
        }
        let d = d.sqrt();
        l[j][j] = d;
        for i in j + 1..p {
            l[i][j] = (a[i][j] - (0..j).map(|m| l[i][m] * l[j][m]).sum::<f64>()) / d;
        }
    }
    Some(l)
}

/// The eigenvalues and eigenvectors (as columns of the second value) of a small symmetric
/// matrix, by cyclic Jacobi rotations until the off-diagonal part is below 1e-30 of the
/// matrix's size.
pub fn symmetric_eigen(a: &[Vec<f64>]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let p = a.len();
    let mut m: Vec<Vec<f64>> = a.to_vec();
    let mut v: Vec<Vec<f64>> = (0..p)
        .map(|i| (0..p).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    let size: f64 = m.iter().flatten().map(|x| x * x).sum();
    for _sweep in 0..100 {
        let off: f64 = (0..p)
            .flat_map(|i| (0..p).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| m[i][j] * m[i][j])
            .sum();
        if off <= 1e-30 * size {
            break;
        }
        for i in 0..p {
            for j in i + 1..p {
                if m[i][j] == 0.0 {
                    continue;
                }
                // the rotation that zeroes m[i][j]
                let theta = (m[j][j] - m[i][i]) / (2.0 * m[i][j]);
                let sign = if theta >= 0.0 { 1.0 } else { -1.0 };
                let t = sign / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for row in m.iter_mut() {
                    let (mki, mkj) = (row[i], row[j]);
                    row[i] = c * mki - s * mkj;
                    row[j] = s * mki + c * mkj;
                }
                let (row_i, row_j) = (m[i].clone(), m[j].clone());
                for (k, (mik, mjk)) in row_i.iter().zip(&row_j).enumerate() {
                    m[i][k] = c * mik - s * mjk;
                    m[j][k] = s * mik + c * mjk;
                }
                for row in v.iter_mut() {
                    let (vi, vj) = (row[i], row[j]);
                    row[i] = c * vi - s * vj;
                    row[j] = s * vi + c * vj;
                }
            }
        }
    }
    ((0..p).map(|i| m[i][i]).collect(), v)
}

/// dᵀ A⁺ d with A⁺ the Moore–Penrose inverse of a symmetric positive semi-definite A, and the
/// rank of A: eigenvalues above 1.5e-8 (√ε) of the largest count, as `MASS::ginv`'s tolerance.
pub fn pinv_quadratic_form(a: &[Vec<f64>], d: &[f64]) -> (f64, usize) {
    let (values, vectors) = symmetric_eigen(a);
    let largest = values.iter().fold(0.0f64, |m, &x| m.max(x.abs()));
    let tol = f64::EPSILON.sqrt() * largest;
    let mut q = 0.0;
    let mut rank = 0;
    for (k, &lambda) in values.iter().enumerate() {
        if lambda > tol {
            rank += 1;
            let proj: f64 = (0..d.len()).map(|i| vectors[i][k] * d[i]).sum();
            q += proj * proj / lambda;
        }
    }
    (q, rank)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eigenvalues_and_the_generalized_inverse() {
        // [[2, 1], [1, 2]]: eigenvalues 1 and 3
        let (mut values, _) = symmetric_eigen(&[vec![2.0, 1.0], vec![1.0, 2.0]]);
        values.sort_by(f64::total_cmp);
        assert!((values[0] - 1.0).abs() < 1e-14 && (values[1] - 3.0).abs() < 1e-14);
        // a full-rank A: the form equals dᵀA⁻¹d; A = [[4, 2], [2, 3]], A⁻¹(8, 8) = (1, 2)
        let (q, rank) = pinv_quadratic_form(&[vec![4.0, 2.0], vec![2.0, 3.0]], &[8.0, 8.0]);
        assert!((q - 24.0).abs() < 1e-12 && rank == 2, "{q}");
        // rank 1: [[1, 1], [1, 1]] = 2·uuᵀ with u = (1, 1)/√2; d = (1, 1): (√2)²/2 = 1
        let (q, rank) = pinv_quadratic_form(&[vec![1.0, 1.0], vec![1.0, 1.0]], &[1.0, 1.0]);
        assert!((q - 1.0).abs() < 1e-12 && rank == 1, "{q}");
    }
}
