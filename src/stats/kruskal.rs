//! The Kruskal–Wallis test of k ≥ 2 independent groups with the rank ε², and Dunn's pairwise
//! tests (jamovi `anovaNP`, SPSS `NPTESTS /INDEPENDENT TEST (KRUSKAL_WALLIS)`).
//!
//! Both read the midranks of all values pooled, computed once ([`rank_groups`], one sort:
//! O(n log n)).

use super::anova::nonempty_groups;
use super::distributions::{pchisq_upper, pnorm_upper};
use super::p_adjust::{p_adjust, PAdjust};
use super::summation::Accumulator;
use super::wilcoxon::midranks;
use super::{NotComputable, Outcome, Subject};
use serde::Serialize;

/// The pooled midranks of k groups, summarised per group.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedGroups {
    /// Position of each group with data in the caller's list.
    pub index: Vec<usize>,
    pub sizes: Vec<usize>,
    /// Mean midrank of each group.
    pub mean_ranks: Vec<f64>,
    /// All values.
    pub n: usize,
    /// Σ(t³ − t) over the groups of tied values.
    pub tie_sum: f64,
}

/// Ranks all values of the groups together (midranks for ties). Empty groups are skipped;
/// needs two groups with data and finite values.
pub fn rank_groups(groups: &[&[f64]]) -> Outcome<RankedGroups> {
    let (index, data) = nonempty_groups(groups)?;
    let all: Vec<f64> = data.iter().flat_map(|g| g.iter().copied()).collect();
    let n = all.len();
    let (ranks, _) = midranks(&all);
    let mut sizes = Vec::with_capacity(data.len());
    let mut mean_ranks = Vec::with_capacity(data.len());
    let mut start = 0;
    for g in &data {
        let mut acc = Accumulator::new();
        for r in &ranks[start..start + g.len()] {
            acc.add(*r);
        }
        sizes.push(g.len());
        mean_ranks.push(acc.value() / g.len() as f64);
        start += g.len();
    }
    // tie groups: runs of equal values in sorted order
    let mut sorted = all;
    sorted.sort_unstable_by(f64::total_cmp);
    let mut tie_sum = 0.0;
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && sorted[j] == sorted[i] {
            j += 1;
        }
        let t = (j - i) as f64;
        tie_sum += t * t * t - t;
        i = j;
    }
    Ok(RankedGroups {
        index,
        sizes,
        mean_ranks,
        n,
        tie_sum,
    })
}

/// R's `kruskal.test(y, g)` and `effectsize::rank_epsilon_squared(y, g)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KruskalWallis {
    /// Groups with data.
    pub k: usize,
    pub n: usize,
    /// H with the tie correction.
    pub h: f64,
    /// k − 1
    pub df: f64,
    pub p_value: f64,
    /// ε²_R = H/(n − 1) (Tomczak & Tomczak 2014; effectsize's `rank_epsilon_squared`). Without
    /// an interval: effectsize bootstraps one, which is neither exact nor reproducible.
    pub epsilon_sq: f64,
}

/// Kruskal & Wallis (1952): H = [12/(n(n + 1))·Σ n_i (R̄_i − (n + 1)/2)²] / [1 − Σ(t³ − t)/(n³ − n)],
/// p = P(χ²_{k−1} > H) (R `kruskal.test`, which computes the same H as 12/(n(n + 1))·ΣR_i²/n_i −
/// 3(n + 1); the centred form used here does not cancel for large n).
///
/// Not computable when all values are equal (R gives NaN).
pub fn kruskal_wallis(groups: &[&[f64]]) -> Outcome<KruskalWallis> {
    kruskal_wallis_ranked(&rank_groups(groups)?)
}

/// [`kruskal_wallis`] of ranked groups.
pub fn kruskal_wallis_ranked(r: &RankedGroups) -> Outcome<KruskalWallis> {
    let n = r.n as f64;
    let correction = 1.0 - r.tie_sum / (n * n * n - n);
    if correction <= 0.0 || !correction.is_finite() {
        return Err(NotComputable::ZeroVariance {
            what: Subject::PooledRanks,
        });
    }
    let centre = (n + 1.0) / 2.0;
    let mut acc = Accumulator::new();
    for (&ni, &m) in r.sizes.iter().zip(&r.mean_ranks) {
        let d = m - centre;
        acc.add(ni as f64 * d * d);
    }
    let h = 12.0 / (n * (n + 1.0)) * acc.value() / correction;
    let df = (r.sizes.len() - 1) as f64;
    Ok(KruskalWallis {
        k: r.sizes.len(),
        n: r.n,
        h,
        df,
        p_value: pchisq_upper(h, df),
        epsilon_sq: h / (n - 1.0),
    })
}

/// One pair of Dunn's tests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DunnPair {
    /// Positions of the two groups in the caller's list, a before b.
    pub a: usize,
    pub b: usize,
    pub mean_rank_a: f64,
    pub mean_rank_b: f64,
    /// (R̄_b − R̄_a)/SE, positive when b ranks higher (rstatix's `statistic`).
    pub z: f64,
    /// Two-sided, unadjusted.
    pub p_value: f64,
    /// Adjusted over all k(k − 1)/2 pairs.
    pub p_adjusted: f64,
}

/// Dunn's (1964) pairwise tests after Kruskal–Wallis, for every pair of groups with data in
/// the order (1, 2), (1, 3), …, (2, 3), …: z = (R̄_b − R̄_a) / √((n(n + 1)/12 − Σ(t³ − t)/(12(n − 1)))·(1/n_a + 1/n_b)),
/// p = 2·P(Z > |z|), adjusted by `adjust` across the pairs (`rstatix::dunn_test(y ~ g,
/// p.adjust.method = "holm")`, with the tie correction of Dunn's eq. and of `dunn.test`).
///
/// Not computable when all values are equal.
pub fn dunn(groups: &[&[f64]], adjust: PAdjust) -> Outcome<Vec<DunnPair>> {
    dunn_ranked(&rank_groups(groups)?, adjust)
}

/// [`dunn`] of ranked groups.
pub fn dunn_ranked(r: &RankedGroups, adjust: PAdjust) -> Outcome<Vec<DunnPair>> {
    let n = r.n as f64;
    let v = n * (n + 1.0) / 12.0 - r.tie_sum / (12.0 * (n - 1.0));
    if v <= 0.0 || !v.is_finite() {
        return Err(NotComputable::ZeroVariance {
            what: Subject::PooledRanks,
        });
    }
    let k = r.sizes.len();
    let mut pairs = Vec::with_capacity(k * (k - 1) / 2);
    for i in 0..k {
        for j in i + 1..k {
            let se = (v * (1.0 / r.sizes[i] as f64 + 1.0 / r.sizes[j] as f64)).sqrt();
            let z = (r.mean_ranks[j] - r.mean_ranks[i]) / se;
            pairs.push(DunnPair {
                a: r.index[i],
                b: r.index[j],
                mean_rank_a: r.mean_ranks[i],
                mean_rank_b: r.mean_ranks[j],
                z,
                p_value: (2.0 * pnorm_upper(z.abs())).min(1.0),
                p_adjusted: f64::NAN,
            });
        }
    }
    let p: Vec<Option<f64>> = pairs.iter().map(|d| Some(d.p_value)).collect();
    for (d, q) in pairs.iter_mut().zip(p_adjust(&p, adjust)) {
        d.p_adjusted = q.expect("every p is present");
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::survey_data::{f, k_group_case, reference};
    use crate::stats::testutil::{assert_close, TOL_CLOSED};
    use crate::stats::two_group::mann_whitney;
    use crate::stats::wilcoxon::PValueMethod;
    use crate::stats::Alternative;
    use proptest::prelude::*;

    #[test]
    fn matches_kruskal_test_effectsize_and_rstatix() {
        // R 4.2.2: kruskal.test(y, g); effectsize 0.8.3: rank_epsilon_squared(y, g, ci = NULL);
        // rstatix 0.7.2: dunn_test(data, y ~ g, p.adjust.method = "holm", detailed = TRUE)
        // (scripts/reference/survey_groups.R, k_groups)
        let r = reference();
        for name in ["plant", "insect", "chick", "bfi_edu"] {
            let r = &r["k_groups"][name];
            let g = k_group_case(name);
            let s: Vec<&[f64]> = g.iter().map(|v| v.as_slice()).collect();
            let ranked = rank_groups(&s).unwrap();
            let kw = kruskal_wallis_ranked(&ranked).unwrap();
            let rk = &r["kruskal"];
            assert_close(kw.h, f(&rk["h"]), TOL_CLOSED, name);
            assert_eq!(kw.df, f(&rk["df"]));
            assert_close(kw.p_value, f(&rk["p"]), TOL_CLOSED, name);
            assert_close(kw.epsilon_sq, f(&rk["epsilon_sq"]), TOL_CLOSED, name);
            let d = dunn_ranked(&ranked, PAdjust::Holm).unwrap();
            let rd = r["dunn"].as_array().unwrap();
            assert_eq!(d.len(), rd.len());
            for (p, rp) in d.iter().zip(rd) {
                assert_close(p.mean_rank_a, f(&rp["mean_rank1"]), TOL_CLOSED, name);
                assert_close(p.mean_rank_b, f(&rp["mean_rank2"]), TOL_CLOSED, name);
                assert_close(p.z, f(&rp["z"]), TOL_CLOSED, name);
                assert_close(p.p_value, f(&rp["p"]), TOL_CLOSED, name);
                assert_close(p.p_adjusted, f(&rp["p_adj"]), TOL_CLOSED, name);
            }
        }
    }

    #[test]
    fn a_group_of_one_and_a_constant_group() {
        // R 4.2.2: kruskal.test(y, g) and rstatix::dunn_test on y = c(3, 5, 5, 5, 1, 2, 4, 7),
        // g = a, b, b, b, c, c, c, c
        let r = reference();
        let r = &r["edge"];
        let g: [&[f64]; 3] = [&[3.0], &[5.0, 5.0, 5.0], &[1.0, 2.0, 4.0, 7.0]];
        let kw = kruskal_wallis(&g).unwrap();
        assert_close(kw.h, f(&r["kruskal"]["h"]), TOL_CLOSED, "H");
        assert_close(kw.p_value, f(&r["kruskal"]["p"]), TOL_CLOSED, "p");
        let d = dunn(&g, PAdjust::Holm).unwrap();
        for (i, p) in d.iter().enumerate() {
            assert_close(p.z, f(&r["dunn_z"][i]), TOL_CLOSED, "z");
            assert_close(p.p_value, f(&r["dunn_p"][i]), TOL_CLOSED, "p");
            assert_close(p.p_adjusted, f(&r["dunn_p_adj"][i]), TOL_CLOSED, "p adj");
        }
    }

    #[test]
    fn degenerate_inputs_are_errors() {
        let g: [&[f64]; 2] = [&[2.0, 2.0], &[2.0, 2.0, 2.0]];
        assert!(kruskal_wallis(&g).is_err());
        assert!(dunn(&g, PAdjust::Holm).is_err());
        assert!(kruskal_wallis(&[&[1.0, 2.0]]).is_err());
        let g: [&[f64]; 2] = [&[1.0, f64::NAN], &[2.0]];
        assert_eq!(kruskal_wallis(&g), Err(NotComputable::NonFinite));
        // each group constant, different values: H is defined
        let g: [&[f64]; 2] = [&[1.0, 1.0], &[2.0, 2.0, 2.0]];
        let kw = kruskal_wallis(&g).unwrap();
        // R: kruskal.test(c(1, 1, 2, 2, 2), factor(c(1, 1, 2, 2, 2)))$statistic = 4
        assert_close(kw.h, 4.0, TOL_CLOSED, "H");
        // an empty group keeps the positions of the others
        let g: [&[f64]; 3] = [&[1.0, 3.0], &[], &[2.0, 5.0, 4.0]];
        let d = dunn(&g, PAdjust::Holm).unwrap();
        assert_eq!((d[0].a, d[0].b), (0, 2));
    }

    #[test]
    fn a_million_values() {
        let g: Vec<Vec<f64>> = (0..4)
            .map(|j| (0..250_000).map(|i| f64::from((i * 13 + j) % 7)).collect())
            .collect();
        let s: Vec<&[f64]> = g.iter().map(|v| v.as_slice()).collect();
        let r = rank_groups(&s).unwrap();
        let kw = kruskal_wallis_ranked(&r).unwrap();
        assert!(kw.h >= 0.0 && kw.p_value <= 1.0);
        assert_eq!(dunn_ranked(&r, PAdjust::Holm).unwrap().len(), 6);
    }

    proptest! {
        /// With two groups H is the square of the Mann–Whitney z without continuity correction.
        #[test]
        fn two_groups_agree_with_mann_whitney(
            x in prop::collection::vec(0u8..6, 2..25),
            y in prop::collection::vec(0u8..6, 2..25),
        ) {
            let x: Vec<f64> = x.into_iter().map(f64::from).collect();
            let y: Vec<f64> = y.into_iter().map(f64::from).collect();
            let kw = kruskal_wallis(&[&x, &y]);
            let mw = mann_whitney(&x, &y, Alternative::TwoSided, PValueMethod::Normal, false);
            if let (Ok(kw), Ok(mw)) = (kw, mw) {
                prop_assert!((kw.h - mw.z * mw.z).abs() <= 1e-9 * kw.h.max(1.0));
                prop_assert!((kw.p_value - mw.p_value).abs() <= 1e-9);
                // and Dunn's z of the pair is the same z
                let d = dunn(&[&x, &y], PAdjust::Holm).unwrap();
                prop_assert!((d[0].z.abs() - mw.z.abs()).abs() <= 1e-9 * mw.z.abs().max(1.0));
            }
        }
    }
}
