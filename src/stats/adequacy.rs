//! Is a correlation matrix worth factoring? The Kaiser–Meyer–Olkin measure of sampling
//! adequacy and Bartlett's test of sphericity (as SPSS FACTOR /PRINT KMO prints both).

use super::correlation_matrix::{check_correlation, inverse_spd, log_det};
use super::distributions::pchisq_upper;
use super::summation::Accumulator;
use super::{Inapplicable, NotComputable, Outcome};
use serde::Serialize;

/// Kaiser–Meyer–Olkin measure of sampling adequacy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kmo {
    /// Overall MSA.
    pub overall: f64,
    /// MSA of each item (SPSS prints them on the diagonal of the anti-image correlation matrix).
    pub items: Vec<f64>,
}

/// KMO (Kaiser 1970; Kaiser & Rice 1974; `psych::KMO`, SPSS): with the partial correlations
/// q_ij = −(R⁻¹)_ij/√((R⁻¹)_ii (R⁻¹)_jj),
/// MSA = Σ_{i≠j} r²_ij / (Σ_{i≠j} r²_ij + Σ_{i≠j} q²_ij), and MSA_i the same over column i.
/// Err for a singular R (psych then silently uses R itself as the "image"; prepost refuses).
#[allow(clippy::needless_range_loop)]
pub fn kmo(r: &[Vec<f64>]) -> Outcome<Kmo> {
    check_correlation(r)?;
    let p = r.len();
    let inv = inverse_spd(r).ok_or(NotComputable::NotApplicable {
        why: Inapplicable::SingularCorrelation,
    })?;
    let mut col_r = vec![Accumulator::new(); p];
    let mut col_q = vec![Accumulator::new(); p];
    for i in 0..p {
        for j in 0..p {
            if i != j {
                let q = inv[i][j] / (inv[i][i] * inv[j][j]).sqrt();
                col_r[j].add(r[i][j] * r[i][j]);
                col_q[j].add(q * q);
            }
        }
    }
    let (mut sr, mut sq) = (Accumulator::new(), Accumulator::new());
    let items = (0..p)
        .map(|j| {
            let (a, b) = (col_r[j].value(), col_q[j].value());
            sr.add(a);
            sq.add(b);
            a / (a + b)
        })
        .collect();
    let (a, b) = (sr.value(), sq.value());
    Ok(Kmo {
        overall: a / (a + b),
        items,
    })
}

/// Bartlett's (1950, 1951) test that the population correlation matrix is the identity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bartlett {
    pub chisq: f64,
    pub df: f64,
    pub p_value: f64,
    /// The number of observations used.
    pub n: usize,
}

/// Bartlett's test of sphericity (`psych::cortest.bartlett(R, n)`, SPSS FACTOR):
/// χ² = −(n − 1 − (2p + 5)/6)·ln det R, df = p(p − 1)/2, p = P(χ²_df > χ²). ln det R from the
/// Cholesky factor. Errors: a singular R; n ≤ p (the factor would not be positive, and a
/// listwise R of n ≤ p rows is singular anyway).
pub fn bartlett_sphericity(r: &[Vec<f64>], n: usize) -> Outcome<Bartlett> {
    check_correlation(r)?;
    let p = r.len();
    if n <= p {
        return Err(NotComputable::TooFewObservations { n, needed: p + 1 });
    }
    let pf = p as f64;
    let ld = log_det(r)?;
    let chisq = -((n as f64) - 1.0 - (2.0 * pf + 5.0) / 6.0) * ld;
    let df = pf * (pf - 1.0) / 2.0;
    Ok(Bartlett {
        chisq,
        df,
        p_value: pchisq_upper(chisq, df),
        n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::correlation_matrix::correlation_matrix;
    use crate::stats::correlation_matrix::tests::*;
    use crate::stats::reliability::AlphaMissing;
    use crate::stats::testutil::*;

    #[test]
    fn kmo_and_bartlett_match_psych() {
        // R 4.2.2, psych 2.2.9: KMO(R)$MSA, KMO(R)$MSAi, cortest.bartlett(R, n)
        // (scripts/reference/factor.R), bfi listwise (n = 2436) and pairwise (n = 2800),
        // Holzinger–Swineford x1..x9 (n = 301), Harman74.cor (n = 145)
        let cases: Vec<(&str, &str, Vec<Vec<f64>>, usize)> = {
            let cols = bfi();
            let lw = correlation_matrix(&refs(&cols), AlphaMissing::Listwise).unwrap();
            let pw = correlation_matrix(&refs(&cols), AlphaMissing::Pairwise).unwrap();
            let hs = read_columns("hs.csv").1;
            let h = correlation_matrix(&refs(&hs), AlphaMissing::Listwise).unwrap();
            let harman = read_columns("harman74.csv").1;
            vec![
                ("bfi.json", "listwise", lw.r, lw.n_obs),
                ("bfi.json", "pairwise", pw.r, pw.n_obs),
                ("hs.json", "listwise", h.r, h.n_obs),
                ("harman74.json", "listwise", harman, 145),
            ]
        };
        for (file, key, r, n) in cases {
            let want = &reference(file)[key];
            let k = kmo(&r).unwrap();
            let ctx = format!("{file} {key}");
            assert_close(k.overall, num(&want["kmo"]).unwrap(), 1e-12, &ctx);
            for (a, b) in k.items.iter().zip(vec_of(&want["kmo_items"])) {
                assert_close(*a, b, 1e-12, &ctx);
            }
            let b = bartlett_sphericity(&r, n).unwrap();
            assert_close(b.chisq, num(&want["bartlett"][0]).unwrap(), 1e-11, &ctx);
            assert_eq!(b.df, num(&want["bartlett"][2]).unwrap());
            let p = num(&want["bartlett"][1]).unwrap();
            if p > 1e-300 {
                assert_close(b.p_value, p, 1e-9, &ctx);
            } else {
                assert!(b.p_value < 1e-300, "{ctx}: {}", b.p_value);
            }
        }
    }

    #[test]
    fn bartlett_of_a_small_matrix() {
        // R: psych::cortest.bartlett(matrix(c(1,.5,.3,.5,1,.4,.3,.4,1),3), n = 50)
        // chisq 22.547355277811491, p 5.0177607869902096e-05, df 3
        let r = vec![
            vec![1.0, 0.5, 0.3],
            vec![0.5, 1.0, 0.4],
            vec![0.3, 0.4, 1.0],
        ];
        let b = bartlett_sphericity(&r, 50).unwrap();
        assert_close(b.chisq, 22.547355277811491, 1e-13, "chisq");
        assert_close(b.p_value, 5.0177607869902096e-05, 1e-10, "p");
        // KMO of it: psych::KMO(...)$MSA = 0.6278611324060891
        assert_close(kmo(&r).unwrap().overall, 0.6278611324060891, 1e-13, "kmo");
        assert!(bartlett_sphericity(&r, 3).is_err());
        let singular = vec![vec![1.0, 1.0], vec![1.0, 1.0]];
        assert!(kmo(&singular).is_err());
        assert!(bartlett_sphericity(&singular, 100).is_err());
    }
}
