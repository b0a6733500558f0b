//! Repeated-measures ANOVA of k waves, alone or with a between-subjects group (a split-plot or
//! mixed design), as R's `afex::aov_ez` computes it: the multivariate linear model of car's
//! `Anova` (type 3, sum-to-zero contrasts for the group) and the univariate tests of its
//! `summary.Anova.mlm`, with Mauchly's test and the Greenhouse–Geisser and Huynh–Feldt
//! corrections.
//!
//! With n participants in g groups (sizes n_j) and scores y_i (a vector of k waves), let C be a
//! k × (k − 1) orthonormal contrast matrix orthogonal to 1 (Helmert's here; every such C gives
//! the same tests), W = Σ_i (y_i − ȳ_{g(i)})(y_i − ȳ_{g(i)})ᵀ the within-group SSP, and
//! E = CᵀWC the error SSP of the within-subjects terms, on ν = n − g df (Maxwell & Delaney 2004,
//! ch. 13–14; O'Brien & Kaiser 1985):
//!
//! - time (type 3: the unweighted mean of the group means, m_t = Σ_j ȳ_jt / g):
//!   SS = Σ_t (m_t − m̄)² / (Σ_j 1/n_j / g²), df = k − 1, error SS tr E on (k − 1)ν df;
//! - group × time: SS = Σ_j n_j ‖Cᵀ(ȳ_j − ȳ)‖², df = (g − 1)(k − 1), the same error;
//! - group: on s_i = Σ_t y_it / √k, SS = Σ_j n_j (s̄_j − s̄)², df = g − 1, error SS
//!   E₀ = Σ_i (s_i − s̄_{g(i)})² on ν df.
//!
//! F = (SS/df)/(error SS/error df). Generalized eta squared (Olejnik & Algina 2003; Bakeman
//! 2005) with every factor manipulated, as afex: η²_G = SS/(SS + E₀ + tr E); partial
//! η²_p = SS/(SS + its error SS).
//!
//! Sphericity, with p = k − 1 (car 3.1): Greenhouse–Geisser ε = (tr E)²/(p tr E²); Huynh–Feldt
//! in Lecoutre's (1991) correction ε̃ = ((ν + 1) p ε − 2)/(p (ν − p ε)), reported as it is (it
//! can exceed 1) and capped at 1 for its p-value; Mauchly's W = det E/(tr E/p)^p, and its p by
//! the second-order chi-squared approximation (Anderson 2003, §10.7.4) as R computes it
//! (`stats:::mauchly.test.SSD`, car's `mauchly`): see [`mauchly_p`].

use super::distributions::{pchisq_upper, pf_tails};
use super::linalg::cholesky;
use super::{NotComputable, Outcome};

/// One term of the ANOVA table.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub ss: f64,
    pub df1: f64,
    pub error_ss: f64,
    pub df2: f64,
    pub f: f64,
    pub p_value: f64,
    pub eta_sq_g: f64,
    pub eta_sq_p: f64,
    /// Greenhouse–Geisser and Huynh–Feldt corrected p-values (within-subjects terms only, where
    /// the sphericity statistics are defined).
    pub p_gg: Option<f64>,
    pub p_hf: Option<f64>,
}

/// Mauchly's test and the epsilons of the within-subjects error.
#[derive(Debug, Clone, PartialEq)]
pub struct Sphericity {
    pub mauchly_w: f64,
    pub mauchly_p: f64,
    pub gg_epsilon: f64,
    /// Lecoutre's Huynh–Feldt ε, uncapped.
    pub hf_epsilon: f64,
}

/// The ANOVA of a repeated-measures (g = 1) or mixed design.
#[derive(Debug, Clone, PartialEq)]
pub struct RmAnova {
    pub n: usize,
    pub k: usize,
    /// The group term (mixed designs only).
    pub group: Option<Outcome<Term>>,
    pub time: Outcome<Term>,
    /// The group × time term (mixed designs only).
    pub interaction: Option<Outcome<Term>>,
    pub sphericity: Outcome<Sphericity>,
}

/// One-way repeated-measures ANOVA of `waves` (k columns of n scores, participant i in row i).
pub fn rm_anova(waves: &[&[f64]]) -> Outcome<RmAnova> {
    let n = waves.first().map_or(0, |w| w.len());
    split_plot(waves, &vec![0; n], 1)
}

/// Mixed ANOVA: `group[i]` (< `n_groups`, each group non-empty) is participant i's group.
pub fn mixed_anova(waves: &[&[f64]], group: &[usize], n_groups: usize) -> Outcome<RmAnova> {
    split_plot(waves, group, n_groups)
}

/// Helmert's orthonormal contrasts: column j (0-based) weighs the first j + 1 waves against
/// wave j + 2.
fn helmert(k: usize) -> Vec<Vec<f64>> {
    (1..k)
        .map(|j| {
            let norm = ((j * (j + 1)) as f64).sqrt();
            (0..k)
                .map(|t| match t.cmp(&j) {
                    std::cmp::Ordering::Less => 1.0 / norm,
                    std::cmp::Ordering::Equal => -(j as f64) / norm,
                    std::cmp::Ordering::Greater => 0.0,
                })
                .collect()
        })
        .collect()
}

fn split_plot(waves: &[&[f64]], group: &[usize], g: usize) -> Outcome<RmAnova> {
    let k = waves.len();
    let n = group.len();
    assert!(
        waves.iter().all(|w| w.len() == n),
        "every wave has a score per participant"
    );
    if k < 2 {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::TwoWavesNeeded,
        });
    }
    waves.iter().try_for_each(|w| super::check_finite(w))?;
    let mut sizes = vec![0usize; g];
    for &j in group {
        sizes[j] += 1;
    }
    if sizes.contains(&0) {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::GroupWithoutCompleteCase,
        });
    }
    if n <= g {
        return Err(NotComputable::TooFewObservations { n, needed: g + 1 });
    }
    let (kf, p) = (k as f64, k - 1);
    let nu = (n - g) as f64;
    // group means per wave, and the weighted grand mean
    let mut means = vec![vec![0.0; k]; g];
    for (t, w) in waves.iter().enumerate() {
        for (i, &y) in w.iter().enumerate() {
            means[group[i]][t] += y;
        }
    }
    for (m, &s) in means.iter_mut().zip(&sizes) {
        for v in m.iter_mut() {
            *v /= s as f64;
        }
    }
    let grand: Vec<f64> = (0..k)
        .map(|t| (0..g).map(|j| sizes[j] as f64 * means[j][t]).sum::<f64>() / n as f64)
        .collect();
    // within-group SSP W (k × k)
    let mut ssp = vec![vec![0.0; k]; k];
    let mut row = vec![0.0; k];
    for i in 0..n {
        for t in 0..k {
            row[t] = waves[t][i] - means[group[i]][t];
        }
        for a in 0..k {
            for b in a..k {
                ssp[a][b] += row[a] * row[b];
            }
        }
    }
    for a in 1..k {
        let (upper, lower) = ssp.split_at_mut(a);
        for (b, above) in upper.iter().enumerate() {
            lower[0][b] = above[a];
        }
    }
    let c = helmert(k);
    // E = CᵀWC (p × p)
    let wc: Vec<Vec<f64>> = c
        .iter()
        .map(|cj| {
            (0..k)
                .map(|a| (0..k).map(|b| ssp[a][b] * cj[b]).sum())
                .collect()
        })
        .collect(); // wc[j][a] = (W c_j)_a
    let e: Vec<Vec<f64>> = c
        .iter()
        .map(|ci| {
            wc.iter()
                .map(|wcj| ci.iter().zip(wcj).map(|(x, y)| x * y).sum())
                .collect()
        })
        .collect();
    let tr_e: f64 = (0..p).map(|j| e[j][j]).sum();
    // between subjects: s_i = Σ_t y_it / √k; E₀ = 1ᵀW1 / k
    let e0 = ssp.iter().flatten().sum::<f64>() / kf;
    let centred = |v: &[f64]| -> f64 {
        let m = v.iter().sum::<f64>() / kf;
        v.iter().map(|x| (x - m).powi(2)).sum()
    };
    let unweighted: Vec<f64> = (0..k)
        .map(|t| means.iter().map(|m| m[t]).sum::<f64>() / g as f64)
        .collect();
    let harmonic = sizes.iter().map(|&s| 1.0 / s as f64).sum::<f64>() / (g * g) as f64;
    let ss_time = centred(&unweighted) / harmonic;
    let ss_inter: f64 = (0..g)
        .map(|j| {
            let dev: Vec<f64> = (0..k).map(|t| means[j][t] - grand[t]).collect();
            sizes[j] as f64 * centred(&dev)
        })
        .sum();
    let s_grand = grand.iter().sum::<f64>() / kf.sqrt();
    let ss_group: f64 = (0..g)
        .map(|j| sizes[j] as f64 * (means[j].iter().sum::<f64>() / kf.sqrt() - s_grand).powi(2))
        .sum();

    // An error SS at the level of rounding (every participant changes by the same amount, in
    // decimals) is zero: as R's t.test finds data "essentially constant", rather than an F of
    // 1e15. The rounding in these sums is of the order ε·Σy².
    let raw_ss: f64 = waves.iter().flat_map(|w| w.iter()).map(|y| y * y).sum();
    let negligible = 100.0 * f64::EPSILON * raw_ss;
    let sphericity = if tr_e <= negligible {
        Err(NotComputable::ZeroVariance {
            what: crate::stats::Subject::ErrorTerm,
        })
    } else {
        sphericity(&e, tr_e, nu, k)
    };
    let errors = e0 + tr_e;
    let term = |ss: f64, df1: f64, error_ss: f64, df2: f64, within: bool| -> Outcome<Term> {
        if error_ss <= negligible {
            return Err(NotComputable::ZeroVariance {
                what: crate::stats::Subject::ErrorTerm,
            });
        }
        let f = (ss / df1) / (error_ss / df2);
        let corrected = |eps: f64| pf_tails(f, eps * df1, eps * df2).1;
        let (p_gg, p_hf) = match (&sphericity, within) {
            (Ok(s), true) => (
                Some(corrected(s.gg_epsilon)),
                Some(corrected(s.hf_epsilon.min(1.0))),
            ),
            _ => (None, None),
        };
        Ok(Term {
            ss,
            df1,
            error_ss,
            df2,
            f,
            p_value: pf_tails(f, df1, df2).1,
            eta_sq_g: ss / (ss + errors),
            eta_sq_p: ss / (ss + error_ss),
            p_gg,
            p_hf,
        })
    };
    let pf = p as f64;
    let mixed = g > 1;
    let gf = (g - 1) as f64;
    Ok(RmAnova {
        n,
        k,
        group: mixed.then(|| term(ss_group, gf, e0, nu, false)),
        time: term(ss_time, pf, tr_e, pf * nu, true),
        interaction: mixed.then(|| term(ss_inter, gf * pf, tr_e, pf * nu, true)),
        sphericity,
    })
}

/// Mauchly's test and the epsilons of the error SSP `e` (p × p, trace `tr_e`) on `nu` df.
fn sphericity(e: &[Vec<f64>], tr_e: f64, nu: f64, k: usize) -> Outcome<Sphericity> {
    let p = e.len();
    if p < 2 {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::SphericityTrivial,
        });
    }
    if nu < p as f64 {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::FewerParticipantsThanWaves,
        });
    }
    if tr_e <= 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: crate::stats::Subject::ErrorTerm,
        });
    }
    let pf = p as f64;
    let tr_e2: f64 = (0..p)
        .flat_map(|a| (0..p).map(move |b| (a, b)))
        .map(|(a, b)| e[a][b] * e[b][a])
        .sum();
    let gg = tr_e * tr_e / (pf * tr_e2);
    let hf = ((nu + 1.0) * pf * gg - 2.0) / (pf * (nu - pf * gg));
    // W = det(E / (tr E / p)), by Cholesky (E is positive semi-definite)
    let scale = tr_e / pf;
    let Some(log_det) = log_det_spd(e, scale) else {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::SingularErrorMatrix,
        });
    };
    let w = log_det.exp();
    Ok(Sphericity {
        mauchly_w: w,
        mauchly_p: mauchly_p(log_det, p, nu, k),
        gg_epsilon: gg,
        hf_epsilon: hf,
    })
}

/// ln det(A / scale) of a symmetric positive-definite A by Cholesky; None if A is singular to
/// working precision.
fn log_det_spd(a: &[Vec<f64>], scale: f64) -> Option<f64> {
    let scaled: Vec<Vec<f64>> = a
        .iter()
        .map(|row| row.iter().map(|x| x / scale).collect())
        .collect();
    let l = cholesky(&scaled)?;
    Some((0..l.len()).map(|j| 2.0 * l[j][j].ln()).sum())
}

/// The p-value of Mauchly's W (ln W given) for p = k − 1 contrasts on ν df, by the
/// second-order approximation (Anderson 2003, §10.7.4):
///
///   ρ = 1 − (2p² + p + 2)/(6pν), z = −νρ ln W, f = p(p + 1)/2 − 1,
///   P = P(χ²_f > z) + ω₂ (P(χ²_{f+4} > z) − P(χ²_f > z)),
///   ω₂ = (p + 2)(p − 1)(p − 2)(2p³ + 6p² + 3k + 2)/(288 (νpρ)²).
///
/// R (`stats:::mauchly.test.SSD`, and car 3.1's `mauchly`, hence afex) writes 3k where Anderson
/// has 3p in ω₂; we follow R, so that the values agree with afex and JASP. The term vanishes
/// for k = 3 (p − 2 = 0); for k ≥ 4 the two differ by at most 3(p + 2)(p − 1)(p − 2)/(288(νpρ)²)
/// (docs/statistics.md).
fn mauchly_p(log_w: f64, p: usize, nu: f64, k: usize) -> f64 {
    let (pf, kf) = (p as f64, k as f64);
    let rho = 1.0 - (2.0 * pf * pf + pf + 2.0) / (6.0 * pf * nu);
    let w2 =
        (pf + 2.0) * (pf - 1.0) * (pf - 2.0) * (2.0 * pf.powi(3) + 6.0 * pf * pf + 3.0 * kf + 2.0)
            / (288.0 * (nu * pf * rho).powi(2));
    let z = -nu * rho * log_w;
    let f = pf * (pf + 1.0) / 2.0 - 1.0;
    let pr1 = pchisq_upper(z, f);
    let pr2 = pchisq_upper(z, f + 4.0);
    pr1 + w2 * (pr2 - pr1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_close, TOL_CLOSED};

    const PRE: [f64; 12] = [52., 48., 55., 60., 45., 50., 58., 54., 49., 57., 51., 53.];
    const POST: [f64; 12] = [61., 55., 60., 66., 52., 58., 63., 55., 50., 56., 53., 54.];
    const FOLLOW: [f64; 12] = [59., 56., 62., 64., 50., 57., 61., 53., 51., 57., 52., 55.];

    /// afex::aov_ez("id", "confidence", d, within = "time") and summary() of it, on
    /// tests/data/waves/children3 (scripts/reference/waves.R).
    #[test]
    fn one_way_matches_afex() {
        let a = rm_anova(&[&PRE, &POST, &FOLLOW]).unwrap();
        let t = a.time.unwrap();
        assert_close(t.f, 17.128256513026095, TOL_CLOSED, "F");
        assert_eq!((t.df1, t.df2), (2.0, 22.0));
        assert_close(t.p_value, 3.2715124970137646e-05, TOL_CLOSED, "p");
        assert_close(t.eta_sq_g, 0.15909090909090942, TOL_CLOSED, "ges");
        assert_close(t.eta_sq_p, 0.6089341692789975, TOL_CLOSED, "pes");
        assert_close(t.p_gg.unwrap(), 0.00039891705868313847, TOL_CLOSED, "p GG");
        assert_close(t.p_hf.unwrap(), 0.00024420098183972457, TOL_CLOSED, "p HF");
        let s = a.sphericity.unwrap();
        assert_close(s.mauchly_w, 0.528287034991825, TOL_CLOSED, "Mauchly W");
        assert_close(s.mauchly_p, 0.04114809773354768, TOL_CLOSED, "Mauchly p");
        assert_close(s.gg_epsilon, 0.6794803224380412, TOL_CLOSED, "GG");
        assert_close(s.hf_epsilon, 0.7420116862664281, TOL_CLOSED, "HF");
        assert!(a.group.is_none() && a.interaction.is_none());
    }

    /// afex::aov_ez(..., between = "group", within = "time", type = 3) on the same data, the
    /// first seven children in the program, the last five the comparison group.
    #[test]
    fn mixed_matches_afex_type_3() {
        let group: Vec<usize> = (0..12).map(|i| usize::from(i >= 7)).collect();
        let a = mixed_anova(&[&PRE, &POST, &FOLLOW], &group, 2).unwrap();
        let g = a.group.unwrap().unwrap();
        assert_close(g.f, 2.0634314100114706, TOL_CLOSED, "F group");
        assert_eq!((g.df1, g.df2), (1.0, 10.0));
        assert_close(g.p_value, 0.18140821076257946, TOL_CLOSED, "p group");
        assert_close(g.eta_sq_g, 0.16459400146305828, TOL_CLOSED, "ges group");
        assert_close(g.eta_sq_p, 0.17104846373139104, TOL_CLOSED, "pes group");
        assert_eq!(g.p_gg, None);
        let t = a.time.unwrap();
        assert_close(t.f, 41.85446957458279, TOL_CLOSED, "F time");
        assert_eq!((t.df1, t.df2), (2.0, 20.0));
        assert_close(t.p_value, 7.11439605162089e-08, TOL_CLOSED, "p time");
        assert_close(
            t.p_gg.unwrap(),
            1.4775748501295945e-07,
            TOL_CLOSED,
            "p GG time",
        );
        assert_close(t.eta_sq_g, 0.15899507767052418, TOL_CLOSED, "ges time");
        assert_close(t.eta_sq_p, 0.8071525929772185, TOL_CLOSED, "pes time");
        let i = a.interaction.unwrap().unwrap();
        assert_close(i.f, 25.268578352180892, TOL_CLOSED, "F interaction");
        assert_close(
            i.p_value,
            3.358307507965643e-06,
            TOL_CLOSED,
            "p interaction",
        );
        assert_close(
            i.p_gg.unwrap(),
            5.712920811966091e-06,
            TOL_CLOSED,
            "p GG inter.",
        );
        assert_close(
            i.eta_sq_g,
            0.10244381677514429,
            TOL_CLOSED,
            "ges interaction",
        );
        assert_close(
            i.eta_sq_p,
            0.7164614944174058,
            TOL_CLOSED,
            "pes interaction",
        );
        let s = a.sphericity.unwrap();
        assert_close(s.gg_epsilon, 0.946773181254355, TOL_CLOSED, "GG");
    }

    /// Four waves, nine complete cases (tests/data/waves/four_waves): the second-order term of
    /// Mauchly's p is active, and the Huynh–Feldt ε exceeds 1 (capped for its p only).
    #[test]
    fn four_waves_match_afex() {
        let dir = crate::stats::testutil::waves_dir().join("four_waves");
        let (waves, _) = crate::stats::testutil::complete_waves(&dir, "wellbeing");
        let cols: Vec<&[f64]> = waves.iter().map(|w| &w[..]).collect();
        let a = rm_anova(&cols).unwrap();
        let t = a.time.unwrap();
        assert_close(t.f, 5.389370779446796, TOL_CLOSED, "F");
        assert_close(t.p_value, 0.005579793749084397, TOL_CLOSED, "p");
        assert_close(t.eta_sq_g, 0.24985512736390442, TOL_CLOSED, "ges");
        assert_close(t.p_gg.unwrap(), 0.010348948753925943, TOL_CLOSED, "p GG");
        assert_close(
            t.p_hf.unwrap(),
            0.005579793749084397,
            TOL_CLOSED,
            "p HF (capped)",
        );
        let s = a.sphericity.unwrap();
        assert_close(s.mauchly_w, 0.7032699807220638, TOL_CLOSED, "W");
        assert_close(s.mauchly_p, 0.7984350429108125, TOL_CLOSED, "Mauchly p");
        assert_close(s.gg_epsilon, 0.8061938963593643, TOL_CLOSED, "GG");
        assert_close(
            s.hf_epsilon,
            1.1805383566528034,
            TOL_CLOSED,
            "HF (uncapped)",
        );
    }

    /// Two children, three waves (afex: F = 7 on (2, 2), p = .125; no sphericity test).
    #[test]
    fn fewer_participants_than_waves() {
        let a = rm_anova(&[&[10., 12.], &[14., 13.], &[15., 18.]]).unwrap();
        let t = a.time.unwrap();
        assert_close(t.f, 7.000000000000012, 1e-12, "F");
        assert_close(t.p_value, 0.1249999999999998, 1e-12, "p");
        assert_close(t.eta_sq_g, 0.8125, TOL_CLOSED, "ges");
        assert_eq!(t.p_gg, None);
        assert!(a.sphericity.is_err());
    }

    /// Everyone changes by the same decimal amount: the error SS is rounding, not variation.
    #[test]
    fn an_error_term_of_rounding_is_zero() {
        let a = [2.3, 3.1, 2.7, 3.9, 2.2];
        let b: Vec<f64> = a.iter().map(|x| x + 0.8).collect();
        let c: Vec<f64> = a.iter().map(|x| x + 0.4).collect();
        let r = rm_anova(&[&a, &b, &c]).unwrap();
        assert!(
            matches!(r.time, Err(NotComputable::ZeroVariance { .. })),
            "{r:?}"
        );
        assert!(r.sphericity.is_err());
    }

    #[test]
    fn constant_waves_and_two_waves() {
        let same = [3.0, 4.0, 5.0];
        let a = rm_anova(&[&same, &same, &same]).unwrap();
        assert!(a.time.is_err() && a.sphericity.is_err());
        // k = 2: F = t² of the paired t-test; no sphericity
        let a = rm_anova(&[&PRE, &POST]).unwrap();
        let t = a.time.unwrap();
        assert_close(t.f, 4.4528016829231_f64.powi(2), 1e-12, "F = t²");
        assert!(a.sphericity.is_err());
    }
}
