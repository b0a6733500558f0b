//! One sample against a test value μ (SPSS `T-TEST /TESTVAL`, jamovi `ttestOneS`): "is the
//! mean score below the scale's midpoint?". The t-test, Cohen's d and Hedges' g with their
//! noncentral-t intervals, and the Wilcoxon signed-rank test of x − μ with the matched-pairs
//! rank-biserial correlation. Each reuses the paired-data routine on x − μ.

use super::effect_size::{cohens_dz_of, hedges_j, rank_biserial, Estimate};
use super::paired_t::{paired_t_test_of, PairedT};
use super::summation::Moments;
use super::tally::Tally;
use super::wilcoxon::{
    signed_rank_tallied, PValueMethod, SignedRank, SignedRankOptions, ZeroMethod, AUTO_EXACT_BELOW,
};
use super::{check_finite, Alternative, NotComputable, Outcome, Subject};
use serde::Serialize;

/// R's `t.test(x, mu = test_value)`. The embedded [`PairedT`] is the test of x − μ: its
/// `mean_diff` is x̄ − μ and its interval the interval of x̄ − μ (SPSS's "95% Confidence Interval
/// of the Difference"; R's `conf.int` is that interval plus μ).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OneSampleT {
    pub test_value: f64,
    /// x̄
    pub mean: f64,
    #[serde(flatten)]
    pub test: PairedT,
}

/// Checks a sample and a test value; the sample's moments.
fn moments_of(x: &[f64], test_value: f64) -> Outcome<Moments> {
    let n = x.len();
    if n < 2 {
        return Err(NotComputable::TooFewObservations { n, needed: 2 });
    }
    check_finite(x)?;
    if !test_value.is_finite() {
        return Err(NotComputable::NonFinite);
    }
    Ok(Moments::of(x))
}

/// One-sample t-test of H0: mean = μ (Student 1908; R `stats:::t.test.default` with `mu`):
/// t = (x̄ − μ)/(s/√n), df = n − 1, CI of x̄ − μ = (t ± q)·s/√n.
///
/// Not computable for n < 2 or when the data are essentially constant: s/√n < 10·ε·|x̄|, R's
/// test ("data are essentially constant", on x̄ itself, not on x̄ − μ), or s = 0.
pub fn one_sample_t(
    x: &[f64],
    test_value: f64,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<OneSampleT> {
    let m = moments_of(x, test_value)?;
    let se = (m.ss() / (m.n as f64 - 1.0) / m.n as f64).sqrt();
    if se == 0.0 || se < 10.0 * f64::EPSILON * m.mean.abs() {
        return Err(NotComputable::ZeroVariance {
            what: Subject::Sample,
        });
    }
    let shifted = Moments {
        mean: m.mean - test_value,
        ..m
    };
    Ok(OneSampleT {
        test_value,
        mean: m.mean,
        test: paired_t_test_of(&shifted, alternative, conf_level)?,
    })
}

/// Cohen's d of one sample, (x̄ − μ)/s, with the noncentral-t interval (t = d·√n, df = n − 1,
/// the δ-interval divided by √n): `effectsize::cohens_d(x, mu = μ)`, whose interval comes from
/// `optim` and agrees to about 1e-7; this one is solved to 1e-14 ([`super::effect_size::ncp_interval`]).
pub fn cohens_d_one_sample(
    x: &[f64],
    test_value: f64,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<Estimate> {
    let m = moments_of(x, test_value)?;
    if m.ss() == 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: Subject::Sample,
        });
    }
    let shifted = Moments {
        mean: m.mean - test_value,
        ..m
    };
    cohens_dz_of(&shifted, alternative, conf_level)
}

/// Hedges' g of one sample: Cohen's d and its interval times J(n − 1) (Hedges 1981;
/// `effectsize::hedges_g(x, mu = μ)`). Needs n ≥ 3.
pub fn hedges_g_one_sample(
    x: &[f64],
    test_value: f64,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<Estimate> {
    let d = cohens_d_one_sample(x, test_value, alternative, conf_level)?;
    Ok(d.scaled(hedges_j(x.len() as f64 - 1.0)?))
}

/// Wilcoxon's signed-rank test of H0: the distribution of x is symmetric about μ, with the
/// p-value R's `wilcox.test(x, mu = μ)` gives by default: the exact distribution
/// (`psignrank`) when fewer than 50 differences x − μ are nonzero and none are zero or tied in
/// absolute value; else the normal approximation with the tie-corrected variance and, when
/// `correct` (R's default), the continuity correction. Zeros are dropped (R's rule).
///
/// The differences are x − μ in floating point, as R computes them, so "x equals μ" and the
/// ties of |x − μ| are R's. (The exact conditional p with ties and zeros, which R does not give,
/// is [`super::wilcoxon::signed_rank_test`] with [`PValueMethod::Exact`].)
pub fn wilcoxon_one_sample(
    x: &[f64],
    test_value: f64,
    alternative: Alternative,
    correct: bool,
) -> Outcome<SignedRank> {
    if x.is_empty() {
        return Err(NotComputable::TooFewObservations { n: 0, needed: 1 });
    }
    check_finite(x)?;
    if !test_value.is_finite() {
        return Err(NotComputable::NonFinite);
    }
    let d: Vec<f64> = x.iter().map(|v| v - test_value).collect();
    let tally = Tally::of(&d);
    let opts = |method| SignedRankOptions {
        alternative,
        zero_method: ZeroMethod::Wilcox,
        method,
        correct,
    };
    let normal = signed_rank_tallied(&tally, opts(PValueMethod::Normal))?;
    if normal.n_ranked < AUTO_EXACT_BELOW && !normal.ties && normal.n_zero == 0 {
        signed_rank_tallied(&tally, opts(PValueMethod::Exact))
    } else {
        Ok(normal)
    }
}

/// The matched-pairs rank-biserial correlation of a signed-rank test against μ,
/// (W+ − W−)/(W+ + W−), with effectsize's Fisher-z interval
/// (`effectsize::rank_biserial(x, mu = μ)`; see [`rank_biserial`]).
pub fn rank_biserial_one_sample(
    test: &SignedRank,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<Estimate> {
    rank_biserial(test.v, test.w_minus, test.n_ranked, alternative, conf_level)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::survey_data::{f, one_sample_case, reference};
    use crate::stats::testutil::{assert_abs, assert_close, TOL_CLOSED};
    use crate::stats::wilcoxon::MethodUsed;

    const CASES: [&str; 5] = ["bfi_a2", "sleep1", "women", "precip", "exact"];

    /// relative, or absolute for reference values near 0
    #[track_caller]
    fn near(a: f64, r: f64, tol: f64, what: &str) {
        if r.abs() < 1e-8 {
            assert_abs(a, r, tol, what);
        } else {
            assert_close(a, r, tol, what);
        }
    }

    #[test]
    fn t_test_matches_r() {
        // R 4.2.2: t.test(x, mu = mu) (scripts/reference/survey_groups.R, one_sample): bfi$A2
        // against 3.5 (n = 2773), sleep group 1 against 0, women$height against 65 (t = 0),
        // precip against 35, and a small sample
        let r = reference();
        for name in CASES {
            let r = &r["one_sample"][name];
            let x = one_sample_case(name);
            let mu = f(&r["mu"]);
            let t = one_sample_t(&x, mu, Alternative::TwoSided, 0.95).unwrap();
            near(t.test.t, f(&r["t"]), TOL_CLOSED, name);
            assert_eq!(t.test.df, f(&r["df"]));
            near(t.test.p_value, f(&r["p"]), TOL_CLOSED, name);
            near(t.mean, f(&r["mean"]), TOL_CLOSED, name);
            near(t.test.ci_low, f(&r["diff_ci"][0]), TOL_CLOSED, name);
            near(t.test.ci_high, f(&r["diff_ci"][1]), TOL_CLOSED, name);
        }
    }

    /// The exact d intervals where R's pt approximates (scripts/reference/noncentral_t_survey.py,
    /// mpmath 1.3.0 at 40 digits).
    fn exact_d_ci(name: &str) -> Option<(f64, f64)> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/survey/noncentral_t.json");
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let ci = v.get(name)?.get("d_ci")?;
        Some((f(&ci[0]), f(&ci[1])))
    }

    #[test]
    fn cohens_d_and_hedges_g_match_effectsize() {
        // R 4.2.2, effectsize 0.8.3: cohens_d(x, mu = mu), hedges_g(x, mu = mu); the intervals
        // with the noncentrality solved by uniroot(tol = 1e-14) on pt (effectsize's optim
        // agrees to ~1e-7 and is checked at 1e-6 absolute). For bfi$A2 (t = 58.5) the ends' noncentrality
        // is beyond 37.62, where R's pt (and effectsize) approximate: there the reference is the
        // 40-digit mpmath value, and R's is off by 3.5e-5
        let r = reference();
        for name in CASES {
            let r = &r["one_sample"][name];
            let x = one_sample_case(name);
            let mu = f(&r["mu"]);
            let d = cohens_d_one_sample(&x, mu, Alternative::TwoSided, 0.95).unwrap();
            near(d.value, f(&r["d"]), TOL_CLOSED, name);
            let (lo, hi) = exact_d_ci(name).unwrap_or((f(&r["d_ci"][0]), f(&r["d_ci"][1])));
            near(d.ci_low, lo, 1e-9, name);
            near(d.ci_high, hi, 1e-9, name);
            if exact_d_ci(name).is_none() {
                assert_abs(d.ci_low, f(&r["d_ci_effectsize"][0]), 1e-6, name);
                assert_abs(d.ci_high, f(&r["d_ci_effectsize"][1]), 1e-6, name);
            } else {
                assert!(((d.ci_low - f(&r["d_ci_effectsize"][0])) / d.ci_low).abs() > 3e-5);
            }
            let g = hedges_g_one_sample(&x, mu, Alternative::TwoSided, 0.95).unwrap();
            near(g.value, f(&r["g"]), TOL_CLOSED, name);
            let j = f(&r["g"]) / f(&r["d"]);
            let (glo, ghi) = match exact_d_ci(name) {
                Some((lo, hi)) => (lo * j, hi * j),
                None => (f(&r["g_ci"][0]), f(&r["g_ci"][1])),
            };
            near(g.ci_low, glo, 1e-9, name);
            near(g.ci_high, ghi, 1e-9, name);
        }
    }

    #[test]
    fn d_interval_is_exact_beyond_rs_noncentral_t_switch() {
        // d = 59 with n = 8: the interval's ends (δ = d·√8 ≈ 82 to 252) lie beyond
        // |δ| = 37.62, where R's pt approximates ("full precision may not have been achieved
        // in 'pnt{final}'"): R's uniroot gives [25.976, 87.794], the exact interval (mpmath) is
        // [28.975, 89.230]
        let x = one_sample_case("large_t");
        let d = cohens_d_one_sample(&x, 3.0, Alternative::TwoSided, 0.95).unwrap();
        let (lo, hi) = exact_d_ci("large_t").unwrap();
        assert_close(d.ci_low, lo, 1e-9, "lower end");
        assert_close(d.ci_high, hi, 1e-9, "upper end");
        let r = reference();
        assert!((d.ci_low - f(&r["one_sample"]["large_t"]["d_ci"][0])).abs() > 1.0);
    }

    #[test]
    fn wilcoxon_matches_r_default() {
        // R 4.2.2: wilcox.test(x, mu = mu) (exact only without ties and zeros, n < 50; else
        // the normal approximation with continuity correction); effectsize 0.8.3:
        // rank_biserial(x, mu = mu)
        let r = reference();
        for name in CASES {
            let r = &r["one_sample"][name];
            let x = one_sample_case(name);
            let mu = f(&r["mu"]);
            let w = wilcoxon_one_sample(&x, mu, Alternative::TwoSided, true).unwrap();
            let exact = r["wilcoxon_exact"].as_bool().unwrap();
            assert_eq!(
                w.method == MethodUsed::Exact,
                exact,
                "{name}: {}",
                r["wilcoxon_method"]
            );
            assert_close(w.v, f(&r["wilcoxon_v"]), TOL_CLOSED, name);
            near(w.p_value, f(&r["wilcoxon_p"]), TOL_CLOSED, name);
            let less = wilcoxon_one_sample(&x, mu, Alternative::Less, true).unwrap();
            near(less.p_value, f(&r["wilcoxon_p_less"]), TOL_CLOSED, name);
            let rb = rank_biserial_one_sample(&w, Alternative::TwoSided, 0.95).unwrap();
            near(rb.value, f(&r["rank_biserial"]), TOL_CLOSED, name);
            near(rb.ci_low, f(&r["rank_biserial_ci"][0]), TOL_CLOSED, name);
            near(rb.ci_high, f(&r["rank_biserial_ci"][1]), TOL_CLOSED, name);
        }
    }

    #[test]
    fn edge_cases_are_errors_not_nan() {
        let a = Alternative::TwoSided;
        assert!(one_sample_t(&[3.0], 2.0, a, 0.95).is_err());
        assert!(one_sample_t(&[3.0, 3.0, 3.0], 2.0, a, 0.95).is_err());
        assert!(one_sample_t(&[1.0, f64::NAN], 2.0, a, 0.95).is_err());
        assert!(one_sample_t(&[1.0, 2.0], f64::NAN, a, 0.95).is_err());
        assert!(cohens_d_one_sample(&[3.0, 3.0], 2.0, a, 0.95).is_err());
        assert!(hedges_g_one_sample(&[1.0, 3.0], 2.0, a, 0.95).is_err());
        // every value equal to μ: no signed rank
        assert_eq!(
            wilcoxon_one_sample(&[3.0, 3.0, 3.0], 3.0, a, true),
            Err(NotComputable::AllDifferencesZero)
        );
        assert!(wilcoxon_one_sample(&[], 3.0, a, true).is_err());
        // one value: R's exact p = 1 (psignrank)
        let w = wilcoxon_one_sample(&[5.0], 3.0, a, true).unwrap();
        assert_eq!((w.v, w.p_value), (1.0, 1.0));
    }

    #[test]
    fn a_million_answers() {
        // 1e6 answers on a 1–5 scale: O(n) moments and an O(n) tally (counting, not sorting)
        let x: Vec<f64> = (0..1_000_000).map(|i| f64::from(1 + (i * 7 % 5))).collect();
        let t = one_sample_t(&x, 3.0, Alternative::TwoSided, 0.95).unwrap();
        assert_abs(t.test.t, 0.0, 1e-9, "t");
        let w = wilcoxon_one_sample(&x, 2.9, Alternative::TwoSided, true).unwrap();
        assert_eq!(w.method, MethodUsed::NormalCorrected);
        let d = cohens_d_one_sample(&x, 2.9, Alternative::TwoSided, 0.95).unwrap();
        assert!(d.ci_low < d.value && d.value < d.ci_high);
    }
}
