//! McDonald's ω (total) of a scale from a one-factor model, as jamovi and JASP report it.
//!
//! - [`mcdonald_omega`] (prepost's ω): jamovi's `reliability(omegaScale = TRUE)`, which is
//!   `psych::omega(x, nfactors = 1, flip = FALSE)$omega.tot` on the complete cases
//!   (`jmv/R/reliability.b.R`): a one-factor minres fit of the correlation matrix R,
//!   ω_t = (1ᵀR1 − Σ u²_i)/1ᵀR1 with u²_i = 1 − λ²_i, i.e. one minus the unique variance
//!   over the variance of the standardized sum. ω if item deleted is the same of R without
//!   the item (jamovi's `omegaItems`).
//! - [`omega_cfa`]: JASP's default ("CFA", `jaspReliability`'s `.omegaFreqData`): a
//!   one-factor confirmatory model fitted by maximum likelihood (lavaan) to the item
//!   covariances, ω = (Σλ_i)²/((Σλ_i)² + Σθ_i) in raw units (`standardized = false`, JASP's
//!   default "unstandardized") or on the correlations. ML is scale invariant, so this is the
//!   one-factor ML fit of R with λ_i = s_i λ*_i and θ_i = s²_i ψ*_i (s_i the item SDs); the
//!   uniquenesses are bounded below by 0.005 as in `factanal` (lavaan lets them go negative:
//!   the two differ only in a Heywood case).

use super::factor::{maximum_likelihood, minres, Extracted};
use super::{NotComputable, Outcome, Subject};
use serde::Serialize;

/// ω total with the one-factor model behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Omega {
    /// Number of items.
    pub k: usize,
    /// ω_t = 1 − Σu²/1ᵀR1.
    pub omega_total: f64,
    /// One-factor minres loadings (their sum positive) and uniquenesses 1 − λ².
    pub loadings: Vec<f64>,
    pub uniquenesses: Vec<f64>,
    /// ω_t of the scale without each item (None when fewer than three items would remain or
    /// the fit fails; the caller records why).
    pub if_deleted: Vec<Option<f64>>,
}

/// The one-factor minres loadings of R and ω_t (see the module docs). Needs three items.
pub fn omega_total(r: &[Vec<f64>]) -> Outcome<(f64, Extracted)> {
    let k = r.len();
    if k < 3 {
        return Err(NotComputable::TooFewObservations { n: k, needed: 3 });
    }
    let fit = minres(r, 1)?;
    let vt: f64 = r.iter().flatten().sum();
    if vt.is_nan() || vt <= 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: Subject::StandardizedTotal,
        });
    }
    let unique: f64 = fit.uniquenesses.iter().sum();
    Ok(((vt - unique) / vt, fit))
}

/// McDonald's ω_t as jamovi reports it (module docs), with ω if item deleted.
pub fn mcdonald_omega(r: &[Vec<f64>]) -> Outcome<Omega> {
    let (omega, fit) = omega_total(r)?;
    let k = r.len();
    let if_deleted = (0..k)
        .map(|d| {
            let sub: Vec<Vec<f64>> = (0..k)
                .filter(|&i| i != d)
                .map(|i| (0..k).filter(|&j| j != d).map(|j| r[i][j]).collect())
                .collect();
            omega_total(&sub).ok().map(|(w, _)| w)
        })
        .collect();
    Ok(Omega {
        k,
        omega_total: omega,
        loadings: fit.loadings.iter().map(|row| row[0]).collect(),
        uniquenesses: fit.uniquenesses,
        if_deleted,
    })
}

/// ω of a one-factor CFA fitted by maximum likelihood (JASP's default).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OmegaCfa {
    pub omega: f64,
    /// Loadings λ_i and error variances θ_i (raw units, or standardized).
    pub loadings: Vec<f64>,
    pub error_variances: Vec<f64>,
    /// Items whose uniqueness is at the bound 0.005 (a Heywood case).
    pub heywood: Vec<usize>,
}

/// ω = (Σλ)²/((Σλ)² + Σθ) of the one-factor ML model of the covariance matrix `cov` (JASP,
/// `lavaan::cfa("f =~ x1 + … + xk", std.lv = TRUE)`; see the module docs). `standardized`:
/// on the correlation matrix (JASP's "standardized" coefficient).
pub fn omega_cfa(cov: &[Vec<f64>], standardized: bool) -> Outcome<OmegaCfa> {
    let k = cov.len();
    if k < 3 {
        return Err(NotComputable::TooFewObservations { n: k, needed: 3 });
    }
    if cov.iter().any(|r| r.len() != k) || cov.iter().flatten().any(|v| !v.is_finite()) {
        return Err(NotComputable::NonFinite);
    }
    let sd: Vec<f64> = (0..k).map(|i| cov[i][i].sqrt()).collect();
    if sd.iter().any(|&s| s.is_nan() || s <= 0.0) {
        return Err(NotComputable::ZeroVariance {
            what: Subject::ConstantItem,
        });
    }
    let r: Vec<Vec<f64>> = (0..k)
        .map(|i| {
            (0..k)
                .map(|j| {
                    if i == j {
                        1.0
                    } else {
                        cov[i][j] / (sd[i] * sd[j])
                    }
                })
                .collect()
        })
        .collect();
    let fit = maximum_likelihood(&r, 1)?;
    let scale = |i: usize| if standardized { 1.0 } else { sd[i] };
    let loadings: Vec<f64> = (0..k).map(|i| fit.loadings[i][0] * scale(i)).collect();
    let error_variances: Vec<f64> = (0..k)
        .map(|i| fit.uniquenesses[i] * scale(i) * scale(i))
        .collect();
    let s: f64 = loadings.iter().sum();
    let e: f64 = error_variances.iter().sum();
    Ok(OmegaCfa {
        omega: s * s / (s * s + e),
        loadings,
        error_variances,
        heywood: fit.heywood,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::correlation_matrix::correlation_matrix;
    use crate::stats::correlation_matrix::tests::*;
    use crate::stats::reliability::{covariance, AlphaMissing};
    use crate::stats::testutil::*;

    /// The bfi items of a scale, keyed (reverse items 7 − x) or raw.
    fn bfi_scale(names: &[&str], reverse: &[&str]) -> Vec<Vec<f64>> {
        let (header, cols) = read_columns("bfi.csv");
        names
            .iter()
            .map(|n| {
                let i = header.iter().position(|h| h == n).unwrap();
                cols[i]
                    .iter()
                    .map(|&v| if reverse.contains(n) { 7.0 - v } else { v })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn omega_matches_psych_omega_and_jamovi() {
        // R 4.2.2, psych 2.2.9, lavaan 0.6.14 (scripts/reference/omega.R):
        // psych::omega(na.omit(x), 1, flip = FALSE)$omega.tot (= jamovi) and the same from the
        // converged one-factor fit (fa(fm = "pa", min.err = 1e-14)); ω if item deleted
        // likewise; JASP's ω from lavaan::cfa(std.lv = TRUE) and from factanal (tight)
        let want = reference("omega.json");
        for (key, names, reverse) in [
            (
                "conscientiousness",
                vec!["C1", "C2", "C3", "C4", "C5"],
                vec!["C4", "C5"],
            ),
            (
                "conscientiousness_raw",
                vec!["C1", "C2", "C3", "C4", "C5"],
                vec![],
            ),
            (
                "agreeableness",
                vec!["A1", "A2", "A3", "A4", "A5"],
                vec!["A1"],
            ),
            ("neuroticism", vec!["N1", "N2", "N3", "N4", "N5"], vec![]),
        ] {
            let w = &want[key];
            let cols = bfi_scale(&names, &reverse);
            let r = correlation_matrix(&refs(&cols), AlphaMissing::Listwise)
                .unwrap()
                .r;
            let o = mcdonald_omega(&r).unwrap();
            assert_close(o.omega_total, num(&w["converged"]).unwrap(), 1e-10, key);
            assert_abs(o.omega_total, num(&w["psych"]).unwrap(), 1e-6, key);
            for (a, b) in o.if_deleted.iter().zip(vec_of(&w["if_deleted"])) {
                assert_close(a.unwrap(), b, 1e-10, key);
            }
            for (a, b) in o.if_deleted.iter().zip(vec_of(&w["if_deleted_psych"])) {
                assert_abs(a.unwrap(), b, 1e-6, key);
            }
            // JASP: lavaan one-factor ML (its default nlminb tolerance leaves ω about 1e-7
            // off), and the same model by factanal with a tight L-BFGS-B
            let (c, _, _) = covariance(&refs(&cols), AlphaMissing::Listwise).unwrap();
            let cfa = omega_cfa(&c, false).unwrap();
            assert_abs(cfa.omega, num(&w["lavaan"]).unwrap(), 1e-6, key);
            assert_abs(cfa.omega, num(&w["ml_tight"]).unwrap(), 1e-9, key);
            let cfa_std = omega_cfa(&c, true).unwrap();
            assert_abs(cfa_std.omega, num(&w["lavaan_std"]).unwrap(), 1e-6, key);
            assert_abs(cfa_std.omega, num(&w["ml_tight_std"]).unwrap(), 1e-9, key);
        }
    }

    #[test]
    fn too_few_items() {
        let r = vec![vec![1.0, 0.5], vec![0.5, 1.0]];
        assert!(mcdonald_omega(&r).is_err());
        assert!(omega_cfa(&r, false).is_err());
        // three items: ω if deleted leaves two, which one factor cannot fit
        let r3 = vec![
            vec![1.0, 0.5, 0.4],
            vec![0.5, 1.0, 0.3],
            vec![0.4, 0.3, 1.0],
        ];
        let o = mcdonald_omega(&r3).unwrap();
        assert!(o.if_deleted.iter().all(Option::is_none));
        // one factor fits three items exactly: ω = (Σλ)²/1ᵀR1 with λ² = r12 r13/r23 etc.
        let l1 = (0.5f64 * 0.4 / 0.3).sqrt();
        let l2 = (0.5f64 * 0.3 / 0.4).sqrt();
        let l3 = (0.4f64 * 0.3 / 0.5).sqrt();
        let s = l1 + l2 + l3;
        assert_close(o.omega_total, s * s / (3.0 + 2.0 * 1.2), 1e-10, "exact fit");
    }
}
