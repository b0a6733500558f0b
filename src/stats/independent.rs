//! Two independent groups of a survey (SPSS `T-TEST GROUPS`, jamovi `ttestIS`): what
//! [`super::two_group`] lacks for them — Student's t-test with its interval, Cohen's d with the
//! pooled SD, the Mann–Whitney test with R's default choice of p-value, and Glass's
//! rank-biserial correlation. Welch's test and Hedges' g are [`super::two_group`]'s; Levene's
//! test is [`super::levene`]'s.

use super::distributions::{pt_tails, qnorm, qt};
use super::effect_size::{ncp_interval, CiMethod, Estimate};
use super::summation::Moments;
use super::two_group::{mann_whitney, student_t, MannWhitney};
use super::wilcoxon::PValueMethod;
use super::{check_finite, valid_conf_level, Alternative, NotComputable, Outcome, Subject};
use serde::Serialize;

/// R's `t.test(x, y, var.equal = TRUE)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudentTTest {
    pub t: f64,
    pub df: f64,
    pub p_value: f64,
    /// x̄ − ȳ
    pub diff: f64,
    /// s_pooled·√(1/nx + 1/ny)
    pub se: f64,
    /// Interval of x̄ − ȳ (−∞ / +∞ on the open side of a one-sided test).
    pub ci_low: f64,
    pub ci_high: f64,
}

/// Student's two-sample t-test with the pooled variance (R `stats:::t.test.default`,
/// `var.equal = TRUE`): s²_p = ((nx − 1)s²x + (ny − 1)s²y)/(nx + ny − 2),
/// se = s_p·√(1/nx + 1/ny), t = (x̄ − ȳ)/se, df = nx + ny − 2, CI = (t ± q)·se.
///
/// As in R a group may have a single value (it adds nothing to s²_p) as long as nx + ny ≥ 3.
/// Not computable when the data are essentially constant: se < 10·ε·max(|x̄|, |ȳ|) (R's test)
/// or se = 0.
pub fn student_t_test(
    x: &[f64],
    y: &[f64],
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<StudentTTest> {
    let (nx, ny) = (x.len(), y.len());
    if nx == 0 || ny == 0 || nx + ny < 3 {
        return Err(NotComputable::TooFewObservations {
            n: nx + ny,
            needed: 3,
        });
    }
    check_finite(x)?;
    check_finite(y)?;
    let (mx, my) = (Moments::of(x), Moments::of(y));
    let df = (nx + ny - 2) as f64;
    let v = (mx.ss() + my.ss()) / df;
    let se = (v * (1.0 / nx as f64 + 1.0 / ny as f64)).sqrt();
    if se == 0.0 || se < 10.0 * f64::EPSILON * mx.mean.abs().max(my.mean.abs()) {
        return Err(NotComputable::ZeroVariance {
            what: Subject::ScoresWithinGroups,
        });
    }
    let diff = mx.mean - my.mean;
    let t = diff / se;
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
    Ok(StudentTTest {
        t,
        df,
        p_value,
        diff,
        se,
        ci_low,
        ci_high,
    })
}

/// Cohen's d of two independent groups with the pooled SD, (x̄ − ȳ)/s_p, and its noncentral-t
/// interval (t = d/√(1/nx + 1/ny), df = nx + ny − 2; the δ-interval times √(1/nx + 1/ny)):
/// `effectsize::cohens_d(x, y)`, whose `optim` agrees to about 1e-7; this interval is solved to
/// 1e-14. Hedges' g is [`super::two_group::hedges_g_independent`]. Needs two values in each
/// group (effectsize's pooled SD is NA otherwise).
pub fn cohens_d_independent(
    x: &[f64],
    y: &[f64],
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<Estimate> {
    let s = student_t(x, y)?;
    let (lo, hi) = ncp_interval(s.t, s.df, alternative, conf_level);
    Ok(Estimate {
        value: s.d,
        ci_low: lo * s.f,
        ci_high: hi * s.f,
        ci_method: CiMethod::NoncentralT,
    })
}

/// The Mann–Whitney test with the p-value R's `wilcox.test(x, y)` gives by default: exact
/// (`pwilcox`) when both groups have fewer than 50 values and there are no ties, else the normal
/// approximation with the tie-corrected variance and, when `correct` (R's default), the
/// continuity correction. (With ties, the exact conditional p that R does not give is
/// [`mann_whitney`] with [`PValueMethod::Exact`].)
pub fn mann_whitney_r(
    x: &[f64],
    y: &[f64],
    alternative: Alternative,
    correct: bool,
) -> Outcome<MannWhitney> {
    let normal = mann_whitney(x, y, alternative, PValueMethod::Normal, correct);
    let ties = match &normal {
        Ok(m) => m.ties,
        // all values equal: ties, and no normal approximation
        Err(e) => return Err(e.clone()),
    };
    if x.len() < 50 && y.len() < 50 && !ties {
        mann_whitney(x, y, alternative, PValueMethod::Exact, correct)
    } else {
        normal
    }
}

/// Glass's rank-biserial correlation of two independent groups, r = 2U/(nx·ny) − 1 with U
/// R's W for x (the pairs with x > y, ties counting ½): +1 when every x exceeds every y
/// (Glass 1965; Kerby 2014; = Cliff's δ). Interval by Fisher's z with
/// SE(atanh r) = √((nx + ny + 1)/(3·nx·ny)), the null SD of r (effectsize's
/// `rank_biserial(x, y)`, both ends to 1e-10); one-sided: level 2·conf − 1 and an end at ±1.
/// Not computable with a single pair (nx·ny = 1: r is −1, 0 or 1 whatever the data).
pub fn rank_biserial_independent(
    u: f64,
    nx: usize,
    ny: usize,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<Estimate> {
    if nx * ny < 2 {
        return Err(NotComputable::TooFewObservations {
            n: nx + ny,
            needed: 3,
        });
    }
    if !u.is_finite() || !valid_conf_level(conf_level) {
        return Err(NotComputable::NonFinite);
    }
    let (a, b) = (nx as f64, ny as f64);
    let r = 2.0 * u / (a * b) - 1.0;
    let se = ((a + b + 1.0) / (3.0 * a * b)).sqrt();
    let level = match alternative {
        Alternative::TwoSided => conf_level,
        _ => 2.0 * conf_level - 1.0,
    };
    let z = qnorm(1.0 - (1.0 - level) / 2.0);
    let zr = r.atanh();
    let (mut lo, mut hi) = ((zr - z * se).tanh(), (zr + z * se).tanh());
    match alternative {
        Alternative::TwoSided => {}
        Alternative::Greater => hi = 1.0,
        Alternative::Less => lo = -1.0,
    }
    Ok(Estimate {
        value: r,
        ci_low: lo,
        ci_high: hi,
        ci_method: CiMethod::FisherZ,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::levene::{levene, LeveneCenter};
    use crate::stats::survey_data::{f, reference, two_group_case};
    use crate::stats::testutil::{assert_abs, assert_close, TOL_CLOSED};
    use crate::stats::two_group::{hedges_g_independent, welch_t_test};
    use crate::stats::wilcoxon::MethodUsed;

    const CASES: [&str; 5] = ["bfi_gender", "tooth", "sleep", "plant", "exact"];

    #[test]
    fn t_tests_match_r() {
        // R 4.2.2: t.test(x, y, var.equal = TRUE) and t.test(x, y)
        // (scripts/reference/survey_groups.R, two_groups): bfi$age by gender (919 and 1881),
        // ToothGrowth$len by supp, sleep$extra by group, PlantGrowth ctrl vs trt1, a small case
        let r = reference();
        for name in CASES {
            let r = &r["two_groups"][name];
            let (x, y) = two_group_case(name);
            let s = student_t_test(&x, &y, Alternative::TwoSided, 0.95).unwrap();
            let rs = &r["student"];
            assert_close(s.t, f(&rs["t"]), TOL_CLOSED, name);
            assert_eq!(s.df, f(&rs["df"]));
            assert_close(s.p_value, f(&rs["p"]), TOL_CLOSED, name);
            assert_close(s.diff, f(&rs["diff"]), TOL_CLOSED, name);
            assert_close(s.ci_low, f(&rs["ci"][0]), TOL_CLOSED, name);
            assert_close(s.ci_high, f(&rs["ci"][1]), TOL_CLOSED, name);
            let w = welch_t_test(&x, &y, Alternative::TwoSided, 0.95).unwrap();
            let rw = &r["welch"];
            assert_close(w.t, f(&rw["t"]), TOL_CLOSED, name);
            assert_close(w.df, f(&rw["df"]), TOL_CLOSED, name);
            assert_close(w.p_value, f(&rw["p"]), TOL_CLOSED, name);
            assert_close(w.ci_low, f(&rw["ci"][0]), TOL_CLOSED, name);
            assert_close(w.ci_high, f(&rw["ci"][1]), TOL_CLOSED, name);
        }
    }

    #[test]
    fn levene_of_two_groups_matches_car() {
        // R 4.2.2, car 3.1-1: leveneTest(y ~ g, center = mean) (SPSS) and leveneTest(y ~ g)
        // (center = median, car's default: Brown–Forsythe)
        let r = reference();
        for name in CASES {
            let r = &r["two_groups"][name];
            let (x, y) = two_group_case(name);
            for (center, key) in [
                (LeveneCenter::Mean, "levene_mean"),
                (LeveneCenter::Median, "levene_median"),
            ] {
                let l = levene(&[&x, &y], center).unwrap();
                let rl = &r[key];
                assert_close(l.f, f(&rl["f"]), TOL_CLOSED, name);
                assert_eq!((l.df1, l.df2), (f(&rl["df1"]), f(&rl["df2"])));
                assert_close(l.p_value, f(&rl["p"]), TOL_CLOSED, name);
            }
        }
    }

    #[test]
    fn cohens_d_and_hedges_g_match_effectsize() {
        // R 4.2.2, effectsize 0.8.3: cohens_d(x, y), hedges_g(x, y); the intervals with the
        // noncentrality solved by uniroot(tol = 1e-14) on pt; effectsize's own (optim) at 1e-6 absolute
        let r = reference();
        for name in CASES {
            let r = &r["two_groups"][name];
            let (x, y) = two_group_case(name);
            let d = cohens_d_independent(&x, &y, Alternative::TwoSided, 0.95).unwrap();
            assert_close(d.value, f(&r["d"]), TOL_CLOSED, name);
            assert_close(d.ci_low, f(&r["d_ci"][0]), 1e-9, name);
            assert_close(d.ci_high, f(&r["d_ci"][1]), 1e-9, name);
            // effectsize's optim stops early: agreement to 1e-6 absolute (ToothGrowth 3e-8,
            // the small case 2.6e-10 on a lower end of −0.0099)
            assert_abs(d.ci_low, f(&r["d_ci_effectsize"][0]), 1e-6, name);
            assert_abs(d.ci_high, f(&r["d_ci_effectsize"][1]), 1e-6, name);
            let g = hedges_g_independent(&x, &y, Alternative::TwoSided, 0.95).unwrap();
            assert_close(g.value, f(&r["g"]), TOL_CLOSED, name);
            assert_close(g.ci_low, f(&r["g_ci"][0]), 1e-9, name);
            assert_close(g.ci_high, f(&r["g_ci"][1]), 1e-9, name);
        }
    }

    #[test]
    fn mann_whitney_and_rank_biserial_match_r() {
        // R 4.2.2: wilcox.test(x, y) (exact only without ties and both n < 50, else normal with
        // continuity correction); effectsize 0.8.3: rank_biserial(x, y) and with
        // alternative = "greater"
        let r = reference();
        for name in CASES {
            let r = &r["two_groups"][name];
            let (x, y) = two_group_case(name);
            let m = mann_whitney_r(&x, &y, Alternative::TwoSided, true).unwrap();
            let exact = r["mw_method"].as_str().unwrap().contains("exact");
            assert_eq!(m.method == MethodUsed::Exact, exact, "{name}");
            assert_close(m.u, f(&r["mw_w"]), TOL_CLOSED, name);
            assert_close(m.p_value, f(&r["mw_p"]), TOL_CLOSED, name);
            let rb = rank_biserial_independent(m.u, x.len(), y.len(), Alternative::TwoSided, 0.95)
                .unwrap();
            assert_close(rb.value, f(&r["rank_biserial"]), TOL_CLOSED, name);
            assert_close(rb.ci_low, f(&r["rank_biserial_ci"][0]), TOL_CLOSED, name);
            assert_close(rb.ci_high, f(&r["rank_biserial_ci"][1]), TOL_CLOSED, name);
            let rb = rank_biserial_independent(m.u, x.len(), y.len(), Alternative::Greater, 0.95)
                .unwrap();
            assert_close(
                rb.ci_low,
                f(&r["rank_biserial_ci_greater"][0]),
                TOL_CLOSED,
                name,
            );
            assert_eq!(rb.ci_high, 1.0);
        }
    }

    #[test]
    fn a_group_of_one_and_constant_groups() {
        let a = Alternative::TwoSided;
        // R 4.2.2: t.test(5, c(1, 2, 4), var.equal = TRUE): t = 1.51185789203690879,
        //    df = 2, p = 0.26970325665977846 (a group of one is allowed)
        let s = student_t_test(&[5.0], &[1.0, 2.0, 4.0], a, 0.95).unwrap();
        assert_close(s.t, 1.51185789203690879, TOL_CLOSED, "t");
        assert_close(s.p_value, 0.26970325665977846, TOL_CLOSED, "p");
        assert!(welch_t_test(&[5.0], &[1.0, 2.0, 4.0], a, 0.95).is_err());
        assert!(cohens_d_independent(&[5.0], &[1.0, 2.0, 4.0], a, 0.95).is_err());
        assert!(student_t_test(&[5.0], &[1.0], a, 0.95).is_err());
        // both groups constant (R: "data are essentially constant")
        assert!(student_t_test(&[2.0, 2.0], &[3.0, 3.0, 3.0], a, 0.95).is_err());
        // one group constant: fine
        assert!(student_t_test(&[2.0, 2.0], &[3.0, 4.0, 3.0], a, 0.95).is_ok());
        // all values equal: no rank test
        assert!(mann_whitney_r(&[2.0, 2.0], &[2.0, 2.0], a, true).is_err());
        assert!(rank_biserial_independent(1.0, 1, 1, a, 0.95).is_err());
        // complete separation: r = −1 (R: [−1, −1])
        let m = mann_whitney_r(&[1.0, 2.0], &[3.0, 4.0, 5.0], a, true).unwrap();
        let rb = rank_biserial_independent(m.u, 2, 3, a, 0.95).unwrap();
        assert_eq!(rb.value, -1.0);
        assert!(student_t_test(&[1.0, f64::NAN], &[1.0, 2.0], a, 0.95).is_err());
    }

    #[test]
    fn a_million_respondents() {
        let x: Vec<f64> = (0..600_000).map(|i| f64::from(1 + (i * 7 % 5))).collect();
        let y: Vec<f64> = (0..400_000).map(|i| f64::from(1 + (i * 3 % 4))).collect();
        let s = student_t_test(&x, &y, Alternative::TwoSided, 0.95).unwrap();
        assert!(s.p_value < 1e-10);
        let m = mann_whitney_r(&x, &y, Alternative::TwoSided, true).unwrap();
        assert_eq!(m.method, MethodUsed::NormalCorrected);
        let rb =
            rank_biserial_independent(m.u, x.len(), y.len(), Alternative::TwoSided, 0.95).unwrap();
        assert!(rb.ci_low < rb.value && rb.value < rb.ci_high);
        assert_abs(rb.value, 0.05, 0.2, "r");
    }
}
