//! The little linear algebra the statistics need: Cholesky factors of symmetric
//! positive-definite matrices (Golub & Van Loan 2013, §4.2), and solving with them.

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

/// x with A x = b, for a symmetric positive-definite A (None when singular): forward and back
/// substitution with A's Cholesky factor.
pub fn solve_spd(a: &[Vec<f64>], b: &[f64]) -> Option<Vec<f64>> {
    let l = cholesky(a)?;
    let p = b.len();
    let mut y = vec![0.0; p];
    for i in 0..p {
        y[i] = (b[i] - (0..i).map(|m| l[i][m] * y[m]).sum::<f64>()) / l[i][i];
    }
    let mut x = vec![0.0; p];
    for i in (0..p).rev() {
        x[i] = (y[i] - (i + 1..p).map(|m| l[m][i] * x[m]).sum::<f64>()) / l[i][i];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_a_known_system() {
        // A = [[4, 2], [2, 3]], b = A·(1, 2) = (8, 8)
        let a = vec![vec![4.0, 2.0], vec![2.0, 3.0]];
        let x = solve_spd(&a, &[8.0, 8.0]).unwrap();
        assert!(
            (x[0] - 1.0).abs() < 1e-14 && (x[1] - 2.0).abs() < 1e-14,
            "{x:?}"
        );
        assert!(solve_spd(&[vec![1.0, 1.0], vec![1.0, 1.0]], &[1.0, 1.0]).is_none());
    }
}
