//! The Friedman test of k related samples (R: `friedman.test`), Kendall's W, and the
//! Iman–Davenport F.
//!
//! Each participant's k scores are ranked (ties get midranks); with R_j the rank sum of wave j,
//!
//!   χ²_F = 12 Σ_j (R_j − n(k + 1)/2)² / (n k (k + 1) − Σ (t³ − t)/(k − 1)),  df = k − 1,
//!
//! the sum running over the groups of t tied scores within a participant (Hollander, Wolfe &
//! Chicken 2014, §7.1; R's `friedman.test` source). Kendall's coefficient of concordance is
//! W = χ²_F / (n (k − 1)) (Kendall & Babington Smith 1939, with the same tie correction), and
//! Iman & Davenport's (1980) F = (n − 1) χ²_F / (n (k − 1) − χ²_F) on (k − 1, (k − 1)(n − 1)) df,
//! which holds its level better than χ²_F in small samples (Conover 1999, §5.8).

use super::distributions::{pchisq_upper, pf_tails};
use super::{NotComputable, Outcome};

#[derive(Debug, Clone, PartialEq)]
pub struct Friedman {
    pub n: usize,
    pub k: usize,
    pub chi_sq: f64,
    pub df: f64,
    pub p_value: f64,
    pub kendall_w: f64,
    /// Infinite when every participant ranks the waves alike (W = 1); its p is then NaN: the
    /// F distribution says p = 0, which misleads (with n = 2 and k = 3 the chance of equal
    /// rankings is 1/6; the Friedman test's p is the one to read).
    pub iman_davenport_f: f64,
    pub iman_davenport_df: (f64, f64),
    pub iman_davenport_p: f64,
}

/// The Friedman test of the `waves` (k columns of n scores each, participant i in row i).
pub fn friedman(waves: &[&[f64]]) -> Outcome<Friedman> {
    let k = waves.len();
    let n = waves.first().map_or(0, |w| w.len());
    assert!(
        waves.iter().all(|w| w.len() == n),
        "every wave has a score per participant"
    );
    if k < 2 {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::TwoWavesNeeded,
        });
    }
    if n < 1 {
        return Err(NotComputable::TooFewObservations { n, needed: 1 });
    }
    waves.iter().try_for_each(|w| super::check_finite(w))?;
    // Within a participant, the midrank of score j is 1 + (below) + (tied − 1)/2, with `below`
    // the scores under it and `tied` those equal to it (itself included); a group of t tied
    // scores adds t(t² − 1) = t³ − t to the tie sum, t² − 1 from each member. O(k²) per
    // participant, without allocating (k is the number of waves, small).
    let mut rank_sums = vec![0.0; k];
    let mut ties = 0.0; // Σ (t³ − t) over the tied groups within participants
    let mut row = vec![0.0; k];
    for i in 0..n {
        for (j, w) in waves.iter().enumerate() {
            row[j] = w[i];
        }
        for (j, &x) in row.iter().enumerate() {
            let (mut below, mut tied) = (0usize, 0usize);
            for &y in &row {
                below += usize::from(y < x);
                tied += usize::from(y == x);
            }
            rank_sums[j] += 1.0 + below as f64 + (tied as f64 - 1.0) / 2.0;
            ties += (tied * tied - 1) as f64;
        }
    }
    let (nf, kf) = (n as f64, k as f64);
    let denominator = nf * kf * (kf + 1.0) - ties / (kf - 1.0);
    if denominator <= 0.0 {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::AllRanksTied,
        });
    }
    let centre = nf * (kf + 1.0) / 2.0;
    let spread: f64 = rank_sums.iter().map(|r| (r - centre).powi(2)).sum();
    let chi_sq = 12.0 * spread / denominator;
    let df = kf - 1.0;
    let kendall_w = chi_sq / (nf * df);
    let id_df = (df, df * (nf - 1.0));
    let rest = nf * df - chi_sq;
    let (iman_davenport_f, iman_davenport_p) = if rest <= 1e-12 * nf * df {
        (f64::INFINITY, f64::NAN)
    } else {
        let f = (nf - 1.0) * chi_sq / rest;
        (f, pf_tails(f, id_df.0, id_df.1).1)
    };
    Ok(Friedman {
        n,
        k,
        chi_sq,
        df,
        p_value: pchisq_upper(chi_sq, df),
        kendall_w,
        iman_davenport_f,
        iman_davenport_df: id_df,
        iman_davenport_p,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_close, TOL_CLOSED};

    /// R: friedman.test(y) on tests/data/waves/children3 (confidence), made by
    /// scripts/reference/waves.R; W and the Iman–Davenport F by their formulas.
    #[test]
    fn matches_r_with_ties() {
        let pre = [52., 48., 55., 60., 45., 50., 58., 54., 49., 57., 51., 53.];
        let post = [61., 55., 60., 66., 52., 58., 63., 55., 50., 56., 53., 54.];
        let follow = [59., 56., 62., 64., 50., 57., 61., 53., 51., 57., 52., 55.];
        let f = friedman(&[&pre, &post, &follow]).unwrap();
        assert_close(f.chi_sq, 11.787234042553191, TOL_CLOSED, "chi2");
        assert_eq!(f.df, 2.0);
        assert_close(f.p_value, 0.0027569865614880742, TOL_CLOSED, "p");
        assert_close(f.kendall_w, 0.4911347517730496, TOL_CLOSED, "W");
        assert_close(f.iman_davenport_f, 10.616724738675957, TOL_CLOSED, "F");
        assert_close(
            f.iman_davenport_p,
            0.0005924213756277254,
            TOL_CLOSED,
            "p of F",
        );
        assert_eq!(f.iman_davenport_df, (2.0, 22.0));
    }

    /// R: friedman.test(cbind(c(10, 12), c(14, 13), c(15, 18))): 4, df 2, p 0.1353352832366127;
    /// both children rank the waves alike, so W = 1 and the F is infinite (no p).
    #[test]
    fn perfect_agreement() {
        let f = friedman(&[&[10., 12.], &[14., 13.], &[15., 18.]]).unwrap();
        assert_close(f.chi_sq, 4.0, TOL_CLOSED, "chi2");
        assert_close(f.p_value, 0.1353352832366127, TOL_CLOSED, "p");
        assert_eq!(f.kendall_w, 1.0);
        assert!(f.iman_davenport_f.is_infinite());
        assert!(f.iman_davenport_p.is_nan());
    }

    #[test]
    fn all_tied_is_not_computable() {
        let same = [3.0, 4.0, 5.0];
        assert!(matches!(
            friedman(&[&same, &same, &same]),
            Err(NotComputable::NotApplicable { .. })
        ));
        assert!(friedman(&[&same]).is_err());
    }
}
