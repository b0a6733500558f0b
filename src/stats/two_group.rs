//! Comparing two independent groups (treatment vs comparison), here on change scores:
//! Welch's t-test, Hedges' g with a noncentral-t CI, and the Mann–Whitney U test.

use super::distributions::{pnorm, pnorm_upper, pt_tails, qt};
use super::effect_size::{hedges_j, ncp_interval, CiMethod, Estimate};
use super::summation::{ldexp, mean, scale_exponent, sum_sq_dev};
use super::wilcoxon::{midranks, MethodUsed, PValueMethod};
use super::{check_finite, Alternative, NotComputable, Outcome};
use serde::Serialize;

/// R's `t.test(x, y)` (Welch, `var.equal = FALSE`); x = treatment, y = comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Welch {
    pub t: f64,
    pub df: f64,
    pub p_value: f64,
    /// mean(x) − mean(y)
    pub diff: f64,
    pub se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// Welch's unequal-variances t-test (Welch 1947; R `stats:::t.test.default`):
/// se = √(s²x/nx + s²y/ny), t = (x̄ − ȳ)/se, Welch–Satterthwaite
/// df = se⁴ / ((s²x/nx)²/(nx − 1) + (s²y/ny)²/(ny − 1)); CI = (x̄ − ȳ) as R computes it, (t ± q)·se.
pub fn welch_t_test(
    x: &[f64],
    y: &[f64],
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<Welch> {
    let (nx, ny) = (x.len(), y.len());
    if nx < 2 || ny < 2 {
        return Err(NotComputable::TooFewObservations {
            n: nx.min(ny),
            needed: 2,
        });
    }
    check_finite(x)?;
    check_finite(y)?;
    let (xs, ys, k) = common_scale(x, y);
    let (x, y) = (&xs[..], &ys[..]);
    let (mx, my) = (mean(x), mean(y));
    let vx = sum_sq_dev(x, mx) / (nx as f64 - 1.0);
    let vy = sum_sq_dev(y, my) / (ny as f64 - 1.0);
    let sx = vx / nx as f64;
    let sy = vy / ny as f64;
    let se = (sx + sy).sqrt();
    if se == 0.0 || se < 10.0 * f64::EPSILON * mx.abs().max(my.abs()) {
        return Err(NotComputable::ConstantDifferences);
    }
    // (sx + sy)²/(sx²/(nx − 1) + sy²/(ny − 1)) in the shares of each group, whose squares
    // cannot underflow as sx² can
    let (wx, wy) = (sx / (sx + sy), sy / (sx + sy));
    let df = 1.0 / (wx * wx / (nx as f64 - 1.0) + wy * wy / (ny as f64 - 1.0));
    let t = (mx - my) / se;
    let (lower, upper) = pt_tails(t, df);
    let alpha = 1.0 - conf_level;
    let (p_value, ci_low, ci_high) = match alternative {
        Alternative::TwoSided => {
            let q = qt(1.0 - alpha / 2.0, df);
            (
                (2.0 * lower.min(upper)).min(1.0),
                (t - q) * se,
                (t + q) * se,
            )
        }
        Alternative::Greater => (upper, (t - qt(conf_level, df)) * se, f64::INFINITY),
        Alternative::Less => (lower, f64::NEG_INFINITY, (t + qt(conf_level, df)) * se),
    };
    Ok(Welch {
        t,
        df,
        p_value,
        diff: ldexp(mx - my, k),
        se: ldexp(se, k),
        ci_low: ldexp(ci_low, k),
        ci_high: ldexp(ci_high, k),
    })
}

/// The two samples in common units: both multiplied by the power of 2 2^−k that brings the
/// larger of their largest |values| to [½, 1) when that lies outside [2⁻⁴⁵⁰, 2⁴⁵⁰] (see
/// [`super::summation::Moments`]), so that squares neither underflow nor overflow (scores ×
/// 1e-200 keep their t); borrowed unchanged (k = 0) otherwise. Exact: only exponents change.
fn common_scale<'a>(
    x: &'a [f64],
    y: &'a [f64],
) -> (
    std::borrow::Cow<'a, [f64]>,
    std::borrow::Cow<'a, [f64]>,
    i32,
) {
    use std::borrow::Cow;
    let big = |v: &[f64]| v.iter().fold(0.0f64, |m, a| m.max(a.abs()));
    let k = scale_exponent(&[big(x), big(y)]);
    if k == 0 {
        return (Cow::Borrowed(x), Cow::Borrowed(y), 0);
    }
    let scale = |v: &[f64]| Cow::Owned(v.iter().map(|&a| ldexp(a, -k)).collect());
    (scale(x), scale(y), k)
}

/// Student's pooled-variance two-sample t (R `t.test(x, y, var.equal = TRUE)$statistic`):
/// s²_pooled = ((nx − 1)s²x + (ny − 1)s²y)/(nx + ny − 2), d = (x̄ − ȳ)/s_pooled,
/// t = d/√(1/nx + 1/ny), df = nx + ny − 2.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StudentT {
    pub t: f64,
    pub df: f64,
    /// Cohen's d with the pooled SD.
    pub d: f64,
    /// √(1/nx + 1/ny)
    pub f: f64,
}

/// [`StudentT`] of two samples of at least two finite values each.
pub fn student_t(x: &[f64], y: &[f64]) -> Outcome<StudentT> {
    let (nx, ny) = (x.len(), y.len());
    if nx < 2 || ny < 2 {
        return Err(NotComputable::TooFewObservations {
            n: nx.min(ny),
            needed: 2,
        });
    }
    check_finite(x)?;
    check_finite(y)?;
    // (t and d are free of the unit: computed in common units that keep the squares in range)
    let (xs, ys, _) = common_scale(x, y);
    let (x, y) = (&xs[..], &ys[..]);
    let df = (nx + ny - 2) as f64;
    let (mx, my) = (mean(x), mean(y));
    let pooled = ((sum_sq_dev(x, mx) + sum_sq_dev(y, my)) / df).sqrt();
    if pooled == 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: crate::stats::Subject::PooledChangeScores,
        });
    }
    let d = (mx - my) / pooled;
    let f = (1.0 / nx as f64 + 1.0 / ny as f64).sqrt();
    Ok(StudentT { t: d / f, df, d, f })
}

/// Hedges' g for two independent groups: d = (x̄ − ȳ)/s_pooled (see [`student_t`]),
/// g = d·J(nx + ny − 2); CI by inverting the noncentral t (t = d/√(1/nx + 1/ny),
/// df = nx + ny − 2) and multiplying by J, as `effectsize::hedges_g(x, y)` does.
pub fn hedges_g_independent(
    x: &[f64],
    y: &[f64],
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<Estimate> {
    let StudentT { t, df, d, f } = student_t(x, y)?;
    let (lo, hi) = ncp_interval(t, df, alternative, conf_level);
    let j = hedges_j(df)?;
    Ok(Estimate {
        value: d * j,
        ci_low: lo * f * j,
        ci_high: hi * f * j,
        ci_method: CiMethod::NoncentralT,
    })
}

/// R's `wilcox.test(x, y)`: the Mann–Whitney U test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MannWhitney {
    /// R's W: the sum of the ranks of x minus nx(nx + 1)/2 (the number of (x, y) pairs with
    /// x > y, ties counting ½).
    pub u: f64,
    pub p_value: f64,
    pub method: MethodUsed,
    /// Standardized statistic (normal method: R's z with the continuity correction).
    pub z: f64,
    pub ties: bool,
    /// Why the method differs from the one requested, if it does.
    pub note: Option<super::Remark>,
}

/// Largest N·k·ΣW (work of the exact rank-sum distribution) computed; beyond it the normal
/// approximation is used with a note. Auto's limit (both groups below 50) needs at most 5e7.
const EXACT_WORK_LIMIT: f64 = 2e9;

/// Mann–Whitney U test of x (treatment) vs y (comparison) (Mann & Whitney 1947; R
/// `stats:::wilcox.test.default`, unpaired).
///
/// - exact: the distribution of the rank sum of x over all C(nx + ny, nx) splits of the observed
///   (mid)ranks — R's `pwilcox` without ties, the exact conditional test of
///   `coin::wilcox_test(distribution = "exact")` with ties — by a dynamic programme over
///   (group size, doubled rank sum);
/// - normal: z = (U − nx·ny/2 − c)/σ, σ² = nx·ny/12·((N + 1) − Σ(t³ − t)/(N(N − 1))), with R's
///   continuity correction c when `correct`;
/// - auto: exact when both groups have fewer than 50 observations (R's threshold), else normal.
pub fn mann_whitney(
    x: &[f64],
    y: &[f64],
    alternative: Alternative,
    method: PValueMethod,
    correct: bool,
) -> Outcome<MannWhitney> {
    let (nx, ny) = (x.len(), y.len());
    if nx == 0 || ny == 0 {
        return Err(NotComputable::TooFewObservations { n: 0, needed: 1 });
    }
    check_finite(x)?;
    check_finite(y)?;
    let all: Vec<f64> = x.iter().chain(y).copied().collect();
    let (ranks, ties) = midranks(&all);
    let n = (nx + ny) as f64;
    let rank_sum_x: f64 = ranks[..nx].iter().sum();
    let u = rank_sum_x - (nx * (nx + 1)) as f64 / 2.0;
    let mean_u = (nx * ny) as f64 / 2.0;
    let work = n * nx as f64 * n * (n + 1.0);
    let (exact, note) = match method {
        PValueMethod::Exact if work > EXACT_WORK_LIMIT => {
            (false, Some(super::Remark::ExactRefusedGroups { nx, ny }))
        }
        PValueMethod::Exact => (true, None),
        PValueMethod::Normal => (false, None),
        PValueMethod::Auto => (nx < 50 && ny < 50, None),
    };
    if exact {
        let w2: Vec<usize> = ranks.iter().map(|r| (2.0 * r) as usize).collect();
        let observed: usize = w2[..nx].iter().sum();
        let (lower, upper, two_sided) = rank_sum_tails(&w2, nx, observed);
        let p = match alternative {
            Alternative::TwoSided => two_sided,
            Alternative::Greater => upper,
            Alternative::Less => lower,
        };
        let tie_sum: f64 = tie_correction(&ranks);
        let sigma = ((nx * ny) as f64 / 12.0 * ((n + 1.0) - tie_sum / (n * (n - 1.0)))).sqrt();
        return Ok(MannWhitney {
            u,
            p_value: p,
            method: MethodUsed::Exact,
            z: if sigma > 0.0 {
                (u - mean_u) / sigma
            } else {
                0.0
            },
            ties,
            note,
        });
    }
    let sigma =
        ((nx * ny) as f64 / 12.0 * ((n + 1.0) - tie_correction(&ranks) / (n * (n - 1.0)))).sqrt();
    if sigma == 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: crate::stats::Subject::PooledRanks,
        });
    }
    let dev = u - mean_u;
    let c = if correct {
        match alternative {
            Alternative::TwoSided => 0.5 * dev.signum() * f64::from(u8::from(dev != 0.0)),
            Alternative::Greater => 0.5,
            Alternative::Less => -0.5,
        }
    } else {
        0.0
    };
    let z = (dev - c) / sigma;
    let p = match alternative {
        Alternative::TwoSided => 2.0 * pnorm(z).min(pnorm_upper(z)),
        Alternative::Greater => pnorm_upper(z),
        Alternative::Less => pnorm(z),
    };
    Ok(MannWhitney {
        u,
        p_value: p.min(1.0),
        method: if correct {
            MethodUsed::NormalCorrected
        } else {
            MethodUsed::Normal
        },
        z,
        ties,
        note,
    })
}

/// Σ(t³ − t) over the tie groups of the ranks.
fn tie_correction(ranks: &[f64]) -> f64 {
    let mut sorted = ranks.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut total = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i + 1;
        while j < sorted.len() && sorted[j] == sorted[i] {
            j += 1;
        }
        let t = (j - i) as f64;
        total += t * t * t - t;
        i = j;
    }
    total
}

/// (P(S ≤ s), P(S ≥ s), P(|S − E S| ≥ |s − E S|)) for S the sum of the doubled ranks of a
/// random subset of size k (all subsets equally likely). With ties the distribution need not be
/// symmetric, so the two-sided p is coin's, by distance from the mean (it equals R's
/// 2·min(tails) when there are no ties). Dynamic programme over items: f[j][s] = probability
/// of j chosen with sum s so far (the hypergeometric recursion); O(N·k·ΣW) time.
fn rank_sum_tails(w2: &[usize], k: usize, observed: usize) -> (f64, f64, f64) {
    let total: usize = w2.iter().sum();
    let mut f = vec![vec![0.0f64; total + 1]; k + 1];
    f[0][0] = 1.0;
    let n = w2.len();
    let mut reach = 0usize; // the largest sum reachable so far
    for (i, &w) in w2.iter().enumerate() {
        reach = (reach + w).min(total);
        // scale so that the final distribution sums to 1: each item is chosen with
        // probability (k − j)/(n − i) given j chosen so far — the hypergeometric recursion.
        let remaining = (n - i) as f64;
        for j in (0..=k.min(i + 1)).rev() {
            let take = if j > 0 {
                (k - (j - 1)) as f64 / remaining
            } else {
                0.0
            };
            let skip = (remaining - (k - j) as f64) / remaining;
            for s in (0..=reach).rev() {
                let keep = f[j][s] * skip.max(0.0);
                let add = if j > 0 && s >= w {
                    f[j - 1][s - w] * take
                } else {
                    0.0
                };
                f[j][s] = keep + add;
            }
        }
    }
    let dist = &f[k];
    let lower: f64 = dist[..=observed.min(total)].iter().sum();
    let upper: f64 = dist[observed.min(total)..].iter().sum();
    // E S (doubled) = k/N · N(N + 1) = k(N + 1), an integer.
    let centre = (k * (n + 1)) as i64;
    let dev = (observed as i64 - centre).abs();
    let two_sided: f64 = dist
        .iter()
        .enumerate()
        .filter(|(s, _)| (*s as i64 - centre).abs() >= dev)
        .map(|(_, p)| p)
        .sum();
    (lower.min(1.0), upper.min(1.0), two_sided.min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::*;

    // Change scores of two made-up groups (unequal sizes, unequal variances, ties).
    const X: [f64; 8] = [3.0, 5.0, 2.0, 6.0, 4.0, 4.0, 7.0, 1.0];
    const Y: [f64; 6] = [1.0, 0.0, 2.0, -1.0, 2.0, 1.5];

    /// Issue 27 (scale invariance): the change scores × 1e-200, × 1e300 and × 2^±k give the same
    /// t, df, p, d and g, and the scaled difference, SE and CI (the squares underflowed).
    #[test]
    fn two_groups_at_extreme_scales() {
        let two = Alternative::TwoSided;
        let w0 = welch_t_test(&X, &Y, two, 0.95).unwrap();
        let s0 = student_t(&X, &Y).unwrap();
        let g0 = hedges_g_independent(&X, &Y, two, 0.95).unwrap();
        for f in [
            1e-200,
            1e-300,
            1e300,
            1e-140,
            2f64.powi(-700),
            2f64.powi(1000),
        ] {
            let (x, y): (Vec<f64>, Vec<f64>) = (
                X.iter().map(|v| v * f).collect(),
                Y.iter().map(|v| v * f).collect(),
            );
            let ctx = format!("× {f:e}");
            let w = welch_t_test(&x, &y, two, 0.95).unwrap_or_else(|e| panic!("{ctx}: {e}"));
            assert_close(w.t, w0.t, 1e-13, &ctx);
            assert_close(w.df, w0.df, 1e-13, &ctx);
            assert_close(w.p_value, w0.p_value, 1e-12, &ctx);
            assert_close(w.diff, w0.diff * f, 1e-13, &ctx);
            assert_close(w.se, w0.se * f, 1e-13, &ctx);
            assert_close(w.ci_low, w0.ci_low * f, 1e-13, &ctx);
            let s = student_t(&x, &y).unwrap();
            assert_close(s.t, s0.t, 1e-13, &ctx);
            assert_close(s.d, s0.d, 1e-13, &ctx);
            let g = hedges_g_independent(&x, &y, two, 0.95).unwrap();
            assert_close(g.value, g0.value, 1e-13, &ctx);
            assert_close(g.ci_high, g0.ci_high, 1e-12, &ctx);
        }
    }

    #[test]
    fn welch_matches_r_t_test() {
        // R: x <- c(3,5,2,6,4,4,7,1); y <- c(1,0,2,-1,2,1.5)
        //    tt <- t.test(x, y); print(c(tt$statistic, tt$parameter, tt$p.value, tt$conf.int), digits = 17)
        let w = welch_t_test(&X, &Y, Alternative::TwoSided, 0.95).unwrap();
        assert_close(w.t, 3.5836296545455263995, TOL_CLOSED, "t");
        assert_close(w.df, 11.5954288206571849429, TOL_CLOSED, "df");
        assert_close(w.p_value, 0.0039576887270332695, TOL_CLOSED, "p");
        assert_close(w.ci_low, 1.2014158997708392906, TOL_CLOSED, "lo");
        assert_close(w.ci_high, 4.9652507668958278941, TOL_CLOSED, "hi");
    }

    #[test]
    fn hedges_g_matches_effectsize() {
        // R: effectsize::hedges_g(x, y)$Hedges_g = 1.68475681474451311; its CI is effectsize's
        //    ncp inversion, here with uniroot(..., tol = 1e-14) on pt(t, 12, ncp), t = d/sqrt(1/8+1/6),
        //    times J = exp(lgamma(6) - log(sqrt(6)) - lgamma(5.5)) (effectsize: [0.466848802, 2.854912729])
        let g = hedges_g_independent(&X, &Y, Alternative::TwoSided, 0.95).unwrap();
        assert_close(g.value, 1.6847568147445131, TOL_CLOSED, "g");
        assert_close(g.ci_low, 0.4668484841438390, TOL_ITER, "g lo");
        assert_close(g.ci_high, 2.8549126036467674, TOL_ITER, "g hi");
    }

    #[test]
    fn mann_whitney_matches_r_wilcox_test() {
        // R: wilcox.test(x, y, exact = FALSE) (with ties R's default is this normal approximation):
        //    W = 43.5, p = 0.013540639773288111; the exact conditional p:
        //    coin::pvalue(coin::wilcox_test(c(x, y) ~ factor(rep(c("t", "c"), c(8, 6)),
        //      levels = c("t", "c")), distribution = "exact")) = 0.008658008658008658
        let m = mann_whitney(&X, &Y, Alternative::TwoSided, PValueMethod::Normal, true).unwrap();
        assert_eq!(m.u, 43.5);
        assert_close(m.p_value, 0.013540639773288111, TOL_CLOSED, "normal p");
        let m = mann_whitney(&X, &Y, Alternative::TwoSided, PValueMethod::Exact, true).unwrap();
        assert_close(
            m.p_value,
            0.008658008658008658,
            TOL_CLOSED,
            "exact conditional p",
        );
        // Without ties the exact p is R's pwilcox: wilcox.test(c(1.1, 2.2, 3.3, 9), c(0.5, 4, 5)):
        //    W = 6, p = 1
        let m = mann_whitney(
            &[1.1, 2.2, 3.3, 9.0],
            &[0.5, 4.0, 5.0],
            Alternative::TwoSided,
            PValueMethod::Auto,
            true,
        )
        .unwrap();
        assert_eq!((m.u, m.method), (6.0, MethodUsed::Exact));
        assert_close(m.p_value, 1.0, TOL_CLOSED, "pwilcox p");
    }
}
