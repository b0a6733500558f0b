//! Effect sizes for paired data, each with a confidence interval.
//!
//! Names say what the standardizer is (Lakens 2013, Frontiers in Psychology 4:863):
//! d_z (SD of the differences), d_av (average of the two SDs), d_rm (d_z corrected for the
//! pre–post correlation); g_* apply Hedges' exact small-sample correction J.

use super::describe::pearson_r;
use super::distributions::{find_root, lgamma, pnt, qnorm};
use super::summation::Moments;
use super::{check_finite, Alternative, NotComputable, Outcome};
use serde::Serialize;

/// How an interval was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CiMethod {
    /// Inverting the noncentral t distribution (Steiger & Fouladi 1997; effectsize's default).
    NoncentralT,
    /// Normal approximation, estimate ± z·SE.
    Normal,
    /// Fisher's z transform of a correlation.
    FisherZ,
    /// Wilson score interval of a proportion.
    Wilson,
}

/// A point estimate with its interval. Ends are ±∞ on the open side of a one-sided interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    pub value: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub ci_method: CiMethod,
}

impl Estimate {
    /// Multiplies the estimate and both ends by a positive factor (e.g. Hedges' J).
    pub fn scaled(&self, factor: f64) -> Estimate {
        Estimate {
            value: self.value * factor,
            ci_low: self.ci_low * factor,
            ci_high: self.ci_high * factor,
            ci_method: self.ci_method,
        }
    }
}

/// The two-sided level whose ends give a one-sided interval at `conf_level`
/// (effectsize's `.adjust_ci`: 2·level − 1).
fn two_sided_level(conf_level: f64, alternative: Alternative) -> f64 {
    match alternative {
        Alternative::TwoSided => conf_level,
        _ => 2.0 * conf_level - 1.0,
    }
}

/// Keeps the end the alternative asks for and opens the other one to `(low, high)` bounds.
fn limit(est: Estimate, alternative: Alternative, low: f64, high: f64) -> Estimate {
    match alternative {
        Alternative::TwoSided => est,
        Alternative::Greater => Estimate {
            ci_high: high,
            ..est
        },
        Alternative::Less => Estimate { ci_low: low, ..est },
    }
}

/// Normal-approximation interval value ± z·se at the given level and alternative.
fn normal_interval(value: f64, se: f64, alternative: Alternative, conf_level: f64) -> Estimate {
    let level = two_sided_level(conf_level, alternative);
    let z = qnorm(1.0 - (1.0 - level) / 2.0);
    let est = Estimate {
        value,
        ci_low: value - z * se,
        ci_high: value + z * se,
        ci_method: CiMethod::Normal,
    };
    limit(est, alternative, f64::NEG_INFINITY, f64::INFINITY)
}

/// Hedges' exact small-sample correction J(ν) = Γ(ν/2) / (√(ν/2) Γ((ν − 1)/2))
/// (Hedges 1981, eq. 6e; effectsize's `.J`), computed in logs. Undefined for ν ≤ 1.
pub fn hedges_j(df: f64) -> Outcome<f64> {
    if df <= 1.0 {
        return Err(NotComputable::TooFewObservations {
            n: (df + 1.0).max(0.0) as usize,
            needed: 3,
        });
    }
    Ok((lgamma(df / 2.0) - 0.5 * (df / 2.0).ln() - lgamma((df - 1.0) / 2.0)).exp())
}

/// Confidence interval for the noncentrality parameter δ of a noncentral t with `df` degrees of
/// freedom, given an observed t: δ_lo solves P(T ≤ t; δ) = 1 − α/2 and δ_hi solves
/// P(T ≤ t; δ) = α/2 (Steiger & Fouladi 1997). One-sided alternatives use level 2·conf − 1 and
/// an infinite end, as effectsize does.
pub fn ncp_interval(t: f64, df: f64, alternative: Alternative, conf_level: f64) -> (f64, f64) {
    let level = two_sided_level(conf_level, alternative);
    let alpha = 1.0 - level;
    let lo = solve_ncp(t, df, 1.0 - alpha / 2.0);
    let hi = solve_ncp(t, df, alpha / 2.0);
    match alternative {
        Alternative::TwoSided => (lo, hi),
        Alternative::Greater => (lo, f64::INFINITY),
        Alternative::Less => (f64::NEG_INFINITY, hi),
    }
}

/// The δ with P(T ≤ t; df, δ) = target: P decreases in δ, so the root is bracketed by stepping
/// out from δ = t (doubling the step) and then found by Brent's method. [`pnt`] is exact for
/// every δ, so the interval is too beyond |δ| = 37.62, where R's `pt` (and with it effectsize)
/// switches to an approximation (docs/statistics.md).
///
/// The search starts from the normal approximation δ ≈ t − z_target·√(1 + t²/(2ν)) (Johnson &
/// Welch 1940) within a quarter of that SD, which holds the root for all but small ν; otherwise
/// the bracket widens by doubling (at most 200 times), so the cost stays bounded.
fn solve_ncp(t: f64, df: f64, target: f64) -> f64 {
    let f = |ncp: f64| pnt(t, df, ncp) - target;
    let sd = (1.0 + t * t / (2.0 * df)).sqrt();
    let sd = if sd.is_finite() {
        sd
    } else {
        t.abs() / (2.0 * df).sqrt()
    };
    let centre = t - qnorm(target) * sd;
    let (mut step_lo, mut step_hi) = (0.25 * sd, 0.25 * sd);
    let (mut lo, mut hi) = (centre - step_lo, centre + step_hi);
    let (mut f_lo, mut f_hi) = (f(lo), f(hi));
    for _ in 0..200 {
        if f_lo >= 0.0 && f_hi <= 0.0 {
            return find_root(f, lo, hi, 1e-14);
        }
        // P falls in δ: a negative f at lo means the root lies below it
        if f_lo < 0.0 {
            hi = lo;
            f_hi = f_lo;
            step_lo *= 2.0;
            lo = centre - step_lo;
            f_lo = f(lo);
        } else {
            lo = hi;
            f_lo = f_hi;
            step_hi *= 2.0;
            hi = centre + step_hi;
            f_hi = f(hi);
        }
        if !lo.is_finite() || !hi.is_finite() {
            break;
        }
    }
    f64::NAN
}

/// Cohen's d_z = mean(d)/sd(d) with the noncentral-t CI: t = d_z·√n, df = n − 1,
/// CI = δ-interval/√n (effectsize `cohens_d(post, pre, paired = TRUE)`).
pub fn cohens_dz(d: &[f64], alternative: Alternative, conf_level: f64) -> Outcome<Estimate> {
    let n = d.len();
    if n < 2 {
        return Err(NotComputable::TooFewObservations { n, needed: 2 });
    }
    check_finite(d)?;
    cohens_dz_of(&Moments::of(d), alternative, conf_level)
}

/// [`cohens_dz`] of finite differences (n ≥ 2) from their moments.
pub fn cohens_dz_of(d: &Moments, alternative: Alternative, conf_level: f64) -> Outcome<Estimate> {
    let n = d.n;
    let sd = d.sd().expect("n ≥ 2");
    if sd == 0.0 {
        return Err(NotComputable::ConstantDifferences);
    }
    let dz = d.mean / sd;
    let sqrt_n = (n as f64).sqrt();
    let (lo, hi) = ncp_interval(dz * sqrt_n, n as f64 - 1.0, alternative, conf_level);
    Ok(Estimate {
        value: dz,
        ci_low: lo / sqrt_n,
        ci_high: hi / sqrt_n,
        ci_method: CiMethod::NoncentralT,
    })
}

/// Cohen's d_av = mean(d) / ((sd(pre) + sd(post))/2) (Lakens 2013, eq. 10; Cumming 2012).
///
/// CI: normal approximation with SE = (sd(d)/√n)/s_av, Algina & Keselman (2003, eq. 4) as
/// `effectsize::repeated_measures_d(method = "av")` computes it (effectsize's standardizer is the
/// root mean square of the SDs; ours is their arithmetic mean, as Lakens defines d_av).
pub fn cohens_dav(
    pre: &[f64],
    post: &[f64],
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<Estimate> {
    let n = pre.len();
    if n < 2 {
        return Err(NotComputable::TooFewObservations { n, needed: 2 });
    }
    check_finite(pre)?;
    check_finite(post)?;
    let d = super::differences(pre, post);
    cohens_dav_of(
        &Moments::of(pre),
        &Moments::of(post),
        &Moments::of(&d),
        alternative,
        conf_level,
    )
}

/// [`cohens_dav`] of finite paired samples (n ≥ 2) from the moments of pre, post and d.
pub fn cohens_dav_of(
    pre: &Moments,
    post: &Moments,
    d: &Moments,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<Estimate> {
    let n = d.n;
    let (sd_pre, sd_post) = (pre.sd().expect("n ≥ 2"), post.sd().expect("n ≥ 2"));
    // (halves first: the sum of two SDs near the largest double would overflow)
    let s_av = sd_pre / 2.0 + sd_post / 2.0;
    if s_av == 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: crate::stats::Subject::PreAndPost,
        });
    }
    let sd_d = d.sd().expect("n ≥ 2");
    let value = d.mean / s_av;
    if sd_d == 0.0 {
        // every difference the same: SE 0, and an interval [d_av, d_av] would claim certainty
        return Ok(Estimate {
            value,
            ci_low: f64::NAN,
            ci_high: f64::NAN,
            ci_method: CiMethod::Normal,
        });
    }
    let se = sd_d / (n as f64).sqrt() / s_av;
    Ok(normal_interval(value, se, alternative, conf_level))
}

/// Cohen's d_rm = d_z·√(2(1 − r)), r = cor(pre, post) (Lakens 2013, eq. 9; Morris & DeShon 2002).
///
/// CI: normal approximation with SE = √((1/n + d_rm²/(2n))·2(1 − r)) (Cooper, Hedges & Valentine
/// 2009, eq. 12.21; `effectsize::repeated_measures_d(method = "rm")`).
pub fn cohens_drm(
    pre: &[f64],
    post: &[f64],
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<Estimate> {
    let n = pre.len();
    let d = super::differences(pre, post);
    let dz = cohens_dz(&d, alternative, conf_level)?.value;
    let r = pearson_r(pre, post)?;
    Ok(cohens_drm_of(n, dz, r, alternative, conf_level))
}

/// [`cohens_drm`] of n pairs from d_z and r.
pub fn cohens_drm_of(
    n: usize,
    dz: f64,
    r: f64,
    alternative: Alternative,
    conf_level: f64,
) -> Estimate {
    let f = 2.0 * (1.0 - r);
    let value = dz * f.sqrt();
    let nf = n as f64;
    let se = ((1.0 / nf + value * value / (2.0 * nf)) * f).sqrt();
    normal_interval(value, se, alternative, conf_level)
}

/// Matched-pairs rank-biserial correlation r = (W+ − W−)/(W+ + W−) (Kerby 2014; King & Minium
/// 2008), with the Fisher-z CI of `effectsize::rank_biserial(paired = TRUE)`:
/// SE(atanh r) = √((2n³ + 3n² + n)/6) / (n(n + 1)/2).
///
/// `n_pairs` is the number of differences ranked (zeros dropped under the `wilcox` zero method),
/// as effectsize ≥ 1.0 counts them; effectsize 0.8.3 (the version the R references were made
/// with) counts the nonzero post scores instead, which differs only when a difference is zero
/// (docs/statistics.md). With one ranked difference r is ±1 whatever it is: no interval (NaN).
///
/// At r = ±1 (every ranked difference of one sign) the Fisher-z interval is the point [1, 1]
/// (atanh(±1) is infinite), as effectsize reports it. The end towards 0 is then the other end
/// of the score (Wilson) interval of the proportion (1 + r)/2 with the effective size 1/SE²,
/// the interval of the test whose SE of r at the hypothesized ρ is SE·√(1 − ρ²):
/// (1 − z²SE²)/(1 + z²SE²) (−that at r = −1), the rule prepost applies to NAP = 1
/// (single_case.rs); the end at ±1 stays.
pub fn rank_biserial(
    w_plus: f64,
    w_minus: f64,
    n_pairs: usize,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<Estimate> {
    let total = w_plus + w_minus;
    if n_pairs == 0 || total == 0.0 {
        return Err(NotComputable::AllDifferencesZero);
    }
    let r = (w_plus - w_minus) / total;
    if n_pairs == 1 {
        return Ok(Estimate {
            value: r,
            ci_low: f64::NAN,
            ci_high: f64::NAN,
            ci_method: CiMethod::FisherZ,
        });
    }
    let n = n_pairs as f64;
    let se = ((2.0 * n.powi(3) + 3.0 * n * n + n) / 6.0).sqrt() / (n * (n + 1.0) / 2.0);
    let level = two_sided_level(conf_level, alternative);
    let z = qnorm(1.0 - (1.0 - level) / 2.0);
    let (ci_low, ci_high) = if r.abs() >= 1.0 {
        let q = (z * se).powi(2);
        let end = (1.0 - q) / (1.0 + q);
        if r > 0.0 {
            (end, 1.0)
        } else {
            (-1.0, -end)
        }
    } else {
        let zr = r.atanh();
        ((zr - z * se).tanh(), (zr + z * se).tanh())
    };
    let est = Estimate {
        value: r,
        ci_low,
        ci_high,
        ci_method: CiMethod::FisherZ,
    };
    Ok(limit(est, alternative, -1.0, 1.0))
}

/// Common-language effect size for paired data: the share of positive differences, zeros
/// counting half (McGraw & Wong 1992, adapted to differences; Grissom & Kim 2012, "probability
/// of superiority" of the dependent-samples case). CI: Wilson score interval with the
/// half-counted number of successes.
pub fn cles(d: &[f64], alternative: Alternative, conf_level: f64) -> Outcome<Estimate> {
    let n = d.len();
    if n == 0 {
        return Err(NotComputable::TooFewObservations { n: 0, needed: 1 });
    }
    check_finite(d)?;
    let pos = d.iter().filter(|&&v| v > 0.0).count() as u64;
    let zero = d.iter().filter(|&&v| v == 0.0).count() as u64;
    cles_of(n, pos, zero, alternative, conf_level)
}

/// [`cles`] of `n` differences, `pos` of them positive and `zero` zero.
pub fn cles_of(
    n: usize,
    pos: u64,
    zero: u64,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<Estimate> {
    if n == 0 {
        return Err(NotComputable::TooFewObservations { n: 0, needed: 1 });
    }
    let (pos, zero) = (pos as f64, zero as f64);
    let nf = n as f64;
    let p = (pos + 0.5 * zero) / nf;
    let level = two_sided_level(conf_level, alternative);
    let z = qnorm(1.0 - (1.0 - level) / 2.0);
    let z2 = z * z;
    let denom = 1.0 + z2 / nf;
    let center = (p + z2 / (2.0 * nf)) / denom;
    let half = z / denom * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    let est = Estimate {
        value: p,
        ci_low: (center - half).max(0.0),
        ci_high: (center + half).min(1.0),
        ci_method: CiMethod::Wilson,
    };
    Ok(limit(est, alternative, 0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::*;
    use crate::stats::wilcoxon::{signed_rank_test, PValueMethod, SignedRankOptions, ZeroMethod};

    fn es(case: &Case, key: &str) -> Option<f64> {
        case.reference["effect_sizes"].get(key).and_then(num)
    }

    #[test]
    fn d_family_point_estimates_match_r() {
        // reference.R effect_sizes: d_z = mean(d)/sd(d); d_av = mean(d)/((sd(pre)+sd(post))/2);
        // d_rm = d_z*sqrt(2*(1-cor(pre, post))); hedges_J_exact = exp(lgamma(df/2) -
        // log(sqrt(df/2)) - lgamma((df-1)/2)); g_z, g_av = d * J (R 4.2.2).
        for name in case_names() {
            let case = reference_case(&name);
            let ctx = |k: &str| format!("{name} {k}");
            let dz = cohens_dz(&case.diff, Alternative::TwoSided, 0.95);
            match es(&case, "d_z") {
                Some(v) => assert_close(dz.as_ref().unwrap().value, v, TOL_CLOSED, &ctx("d_z")),
                None => assert!(dz.is_err(), "{}", ctx("d_z")),
            }
            if let Some(v) = es(&case, "d_av") {
                let got = cohens_dav(&case.pre, &case.post, Alternative::TwoSided, 0.95).unwrap();
                assert_close(got.value, v, TOL_CLOSED, &ctx("d_av"));
            }
            if let Some(v) = es(&case, "d_rm") {
                let got = cohens_drm(&case.pre, &case.post, Alternative::TwoSided, 0.95).unwrap();
                // d_rm is 0 when r = 1 (n = 2), where a relative check is meaningless.
                assert_abs(got.value, v, 1e-10 * v.abs().max(1.0), &ctx("d_rm"));
            }
            let df = case.diff.len() as f64 - 1.0;
            match es(&case, "hedges_J_exact") {
                Some(v) => assert_close(hedges_j(df).unwrap(), v, TOL_CLOSED, &ctx("J")),
                None => assert!(hedges_j(df).is_err(), "{}", ctx("J")),
            }
        }
    }

    #[test]
    fn d_z_interval_matches_noncentral_t_inversion_in_r() {
        // reference.R: d_z_ci_nct, uniroot(function(ncp) pt(t, df, ncp) - 0.975 / 0.025,
        // tol = 1e-12)$root / sqrt(n); g_z_ci_nct = that * J. effectsize::cohens_d(paired = TRUE)
        // gives the same to ~1e-7 (its uniroot tolerance is looser).
        let mut checked = 0;
        for name in case_names() {
            let case = reference_case(&name);
            let Some(ci) = case.reference["effect_sizes"]
                .get("d_z_ci_nct")
                .filter(|v| v.is_array())
            else {
                continue;
            };
            let (Some(lo), Some(hi)) = (num(&ci[0]), num(&ci[1])) else {
                continue;
            };
            // Differences equal up to rounding noise (t = 2.5e14, n = 9): R's pt switches to its
            // normal approximation beyond ncp 37.62, 9% off here (R: [4.0427e13, 1.2318e14]);
            // the exact ends at R's t by a 50-digit quadrature
            // (scripts/reference/noncentral_t_extremes.py), and J times them for g_z.
            let (lo, hi, exact) = if name == "constant_diff_frac_n9" {
                (44076880645973.473008, 125013435721129.40285, true)
            } else {
                (lo, hi, false)
            };
            let got = cohens_dz(&case.diff, Alternative::TwoSided, 0.95).unwrap();
            if exact {
                assert_close(got.ci_low, lo, 1e-11, &format!("{name} d_z low"));
                assert_close(got.ci_high, hi, 1e-11, &format!("{name} d_z high"));
                checked += 1;
                continue;
            }
            assert_close(got.ci_low, lo, TOL_ITER, &format!("{name} d_z low"));
            assert_close(got.ci_high, hi, TOL_ITER, &format!("{name} d_z high"));
            if let Some(g) = case.reference["effect_sizes"]
                .get("g_z_ci_nct")
                .filter(|v| v.is_array())
            {
                if let (Some(glo), Some(ghi)) = (num(&g[0]), num(&g[1])) {
                    let j = hedges_j(case.diff.len() as f64 - 1.0).unwrap();
                    let gz = got.scaled(j);
                    assert_close(gz.ci_low, glo, TOL_ITER, &format!("{name} g_z low"));
                    assert_close(gz.ci_high, ghi, TOL_ITER, &format!("{name} g_z high"));
                }
            }
            checked += 1;
        }
        assert!(checked >= 20);
    }

    #[test]
    fn rank_biserial_matches_effectsize() {
        // Without zero differences: effectsize 0.8.3, rank_biserial(post, pre, paired = TRUE)
        // value and 95% CI (reference.R, effect_sizes.effectsize_rank_biserial_paired).
        // With zeros, effectsize 0.8.3 put the count of nonzero *post scores* into the SE (a bug;
        // effectsize >= 1.0 and the formula use the nonzero differences), so those cases are
        // checked against the formula evaluated in R 4.2.2:
        //   se <- function(n) sqrt((2*n^3+3*n^2+n)/6)/(n*(n+1)/2)
        //   tanh(atanh(r) + c(-1, 1) * qnorm(0.975) * se(n_nonzero))
        // sleep (r = 1): effectsize's interval is [1, 1]; the lower end is that of the score
        // interval (scripts/reference/rank_biserial.R; see `an_interval_at_r_of_one`)
        let with_zeros: [(&str, f64, f64, f64); 3] = [
            ("sleep", 1.0, 0.2981535790882805, 1.0),
            (
                "likert_n8",
                0.52380952380952384,
                -0.29930085463844575,
                0.89993971663760186,
            ),
            (
                "missing_pairs_n14",
                0.83333333333333337,
                0.48610166857402176,
                0.9533170087888545,
            ),
        ];
        let mut checked = 0;
        for name in case_names() {
            let case = reference_case(&name);
            let Ok(sr) = signed_rank_test(
                &case.diff,
                SignedRankOptions {
                    method: PValueMethod::Normal,
                    zero_method: ZeroMethod::Wilcox,
                    ..Default::default()
                },
            ) else {
                continue; // all d = 0: effectsize says 1, which is wrong (DISAGREEMENTS §4)
            };
            let got =
                rank_biserial(sr.v, sr.w_minus, sr.n_ranked, Alternative::TwoSided, 0.95).unwrap();
            // At r = ±1 effectsize's interval is [1, 1] (or [−1, −1]); the end towards 0 is the
            // score interval's, R 4.2.2 for 2..15 ranked differences
            // (scripts/reference/rank_biserial.R)
            const SCORE_END: [f64; 14] = [
                -0.361867184637703787,
                -0.198043435290256253,
                -0.070820934802349814,
                0.031447138230953693,
                0.115646848448210632,
                0.186257358391633654,
                0.246359016369277678,
                0.298153579088280496,
                0.343261882662135143,
                0.382905837985285713,
                0.418025102699651152,
                0.449354658035087562,
                0.477477939097506132,
                0.502864135169659998,
            ];
            let (value, lo, hi) = if sr.n_zero == 0 {
                let r = &case.reference["effect_sizes"]["effectsize_rank_biserial_paired"];
                let (v, l, h) = (
                    num(&r["value"]).unwrap(),
                    num(&r["conf_int"][0]).unwrap(),
                    num(&r["conf_int"][1]).unwrap(),
                );
                if v.abs() == 1.0 && sr.n_ranked >= 2 {
                    let end = SCORE_END[sr.n_ranked - 2];
                    if v > 0.0 {
                        (v, end, h)
                    } else {
                        (v, l, -end)
                    }
                } else {
                    (v, l, h)
                }
            } else if let Some(&(_, v, l, h)) = with_zeros.iter().find(|c| c.0 == name) {
                (v, l, h)
            } else {
                continue;
            };
            assert_close(got.value, value, TOL_CLOSED, &name);
            assert_close(got.ci_low, lo, TOL_CLOSED, &name);
            assert_close(got.ci_high, hi, TOL_CLOSED, &name);
            checked += 1;
        }
        assert!(checked >= 18, "{checked}");
    }

    /// Issue 27: r = ±1 gave the interval [1, 1] (sleep, nine pairs; effectsize 0.8.3 prints
    /// [1.00, 1.00]). The other end is the score interval's: R 4.2.2,
    /// scripts/reference/rank_biserial.R.
    #[test]
    fn an_interval_at_r_of_one() {
        let two = Alternative::TwoSided;
        let got = rank_biserial(45.0, 0.0, 9, two, 0.95).unwrap();
        assert_eq!((got.value, got.ci_high), (1.0, 1.0));
        assert_close(got.ci_low, 0.2981535790882805, TOL_CLOSED, "sleep");
        let got = rank_biserial(45.0, 0.0, 9, Alternative::Greater, 0.9).unwrap();
        assert_close(got.ci_low, 0.62449875147760592, TOL_CLOSED, "greater");
        assert_eq!(got.ci_high, 1.0);
        // `less` at r = 1: the interval is [−1, 1], nothing to change
        let got = rank_biserial(45.0, 0.0, 9, Alternative::Less, 0.9).unwrap();
        assert_eq!((got.ci_low, got.ci_high), (-1.0, 1.0));
        let got = rank_biserial(3.0, 0.0, 2, two, 0.95).unwrap();
        assert_close(got.ci_low, -0.36186718463770379, TOL_CLOSED, "n = 2");
        let got = rank_biserial(1275.0, 0.0, 50, two, 0.99).unwrap();
        assert_close(got.ci_low, 0.70184383180045573, TOL_CLOSED, "n = 50");
        let got = rank_biserial(0.0, 15.0, 5, two, 0.95).unwrap();
        assert_eq!((got.value, got.ci_low), (-1.0, -1.0));
        assert_close(got.ci_high, -0.031447138230953693, TOL_CLOSED, "r = -1");
    }

    /// The δ interval at n = 10⁶ (df above 3·10⁴: the χ² mixture of pnt), against 50 digits
    /// (scripts/reference/ncp_interval_large_df.py); its cost is bounded (≤ 3 ms in release,
    /// examples/ncp_timing.rs).
    #[test]
    fn noncentral_interval_at_a_million_pairs() {
        let (lo, hi) = ncp_interval(1000.0, 999_999.0, Alternative::TwoSided, 0.95);
        assert_close(lo, 997.59937279443249359, 1e-13, "t = 1000 low");
        assert_close(hi, 1002.4002850642762647, 1e-13, "t = 1000 high");
    }

    #[test]
    fn noncentral_interval_of_a_tiny_sample() {
        // n = 2, d = (1, 1.0202): t = 100.0099, df = 1. The lower root is 3.13403
        // (R: uniroot(function(n) pt(t, 1, n) - 0.975, c(-10, t + 10))$root = 3.1340...,
        // / sqrt(2) = 2.2161); R's normal approximation beyond |ncp| = 37.62 is not monotone
        // for df = 1, which misled a naive bracket to a false root near -45.
        let got = cohens_dz(&[1.0, 1.0202], Alternative::TwoSided, 0.95).unwrap();
        assert!((got.ci_low - 2.2161).abs() < 1e-3, "{got:?}");
        assert!(got.ci_low > 0.0);
    }

    /// n = 8, d_z = 22.9 (issue 18): the upper ends lie beyond R's switch to its approximation,
    /// where R and effectsize give 34.109 (95%); the exact ends, by a 40-digit quadrature
    /// (scripts/reference/noncentral_t.py): 95% [11.22765397224028, 34.653410206582364],
    /// 99% [8.5724548007929668, 38.99878989539572].
    #[test]
    fn d_z_interval_is_exact_beyond_rs_switch() {
        let n = 8.0_f64;
        let t = 22.9 * n.sqrt();
        for (level, lo, hi) in [
            (0.95, 11.22765397224028, 34.653410206582364),
            (0.99, 8.5724548007929668, 38.99878989539572),
        ] {
            let (a, b) = ncp_interval(t, n - 1.0, Alternative::TwoSided, level);
            assert_close(a / n.sqrt(), lo, 1e-12, "lower end");
            assert_close(b / n.sqrt(), hi, 1e-12, "upper end");
        }
    }

    #[test]
    fn one_sided_and_other_level_intervals_match_r() {
        // R 4.2.2, sleep data as paired (d <- sleep$extra[11:20] - sleep$extra[1:10]),
        // t <- mean(d)/sd(d)*sqrt(10):
        //   uniroot(function(ncp) pt(t, 9, ncp) - 0.9, c(-10, 20), tol = 1e-14)$root/sqrt(10)
        //   = 0.69607923191160248 (effectsize::cohens_d(d, ci = .9, alternative = "greater")
        //   prints 0.6960792061); 99%: the roots at 0.995 and 0.005.
        let case = reference_case("sleep");
        let got = cohens_dz(&case.diff, Alternative::Greater, 0.9).unwrap();
        assert_eq!(got.ci_high, f64::INFINITY);
        assert_close(got.ci_low, 0.69607923191160248, TOL_ITER, "d_z greater 90%");
        let got = cohens_dz(&case.diff, Alternative::TwoSided, 0.99).unwrap();
        assert_close(got.ci_low, 0.16406705588620207, TOL_ITER, "d_z 99% low");
        assert_close(got.ci_high, 2.4010723893245167, TOL_ITER, "d_z 99% high");
    }

    #[test]
    fn cles_counts_zeros_half() {
        // sleep: 9 positive, 1 zero of 10 -> 0.95.
        let case = reference_case("sleep");
        let got = cles(&case.diff, Alternative::TwoSided, 0.95).unwrap();
        assert_close(got.value, 0.95, 1e-15, "cles");
        // Wilson interval for 9.5/10 at 95%: R: print(prop.test(9.5, 10, correct = FALSE)$conf.int, digits = 17)
        assert_close(got.ci_low, 0.65546278169307748, TOL_CLOSED, "cles low");
        assert_close(got.ci_high, 0.99475769843032225, TOL_CLOSED, "cles high");
    }

    #[test]
    fn intervals_contain_their_estimates_and_flip_with_the_sign() {
        let case = reference_case("likert_n10");
        let neg: Vec<f64> = case.diff.iter().map(|v| -v).collect();
        let a = cohens_dz(&case.diff, Alternative::TwoSided, 0.95).unwrap();
        let b = cohens_dz(&neg, Alternative::TwoSided, 0.95).unwrap();
        assert!(a.ci_low < a.value && a.value < a.ci_high);
        assert_close(a.ci_low, -b.ci_high, 1e-9, "mirror");
        let c = cohens_dav(&case.pre, &case.post, Alternative::TwoSided, 0.95).unwrap();
        assert!(c.ci_low < c.value && c.value < c.ci_high);
    }
}
