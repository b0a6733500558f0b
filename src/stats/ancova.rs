//! ANCOVA for a pre/post design with a comparison group: ordinary least squares of
//! post ~ pre + group (R's `lm(post ~ pre + group)`), by Householder QR as R's `lm` does.

use super::distributions::{pt_tails, qt};
use super::summation::{mean, sum_cross_dev, sum_sq_dev};
use super::{check_finite, NotComputable, Outcome};
use serde::Serialize;

/// Least-squares fit of y on the columns of X (X has full column rank).
#[derive(Debug, Clone, PartialEq)]
pub struct Ols {
    pub coef: Vec<f64>,
    /// Standard errors of the coefficients.
    pub se: Vec<f64>,
    /// Residual degrees of freedom n − p.
    pub df: f64,
    /// Residual sum of squares.
    pub rss: f64,
}

/// Ordinary least squares by Householder QR (Golub & Van Loan, §5.3): X = QR, β = R⁻¹Qᵀy,
/// σ² = RSS/(n − p), Var β = σ²(RᵀR)⁻¹. `columns` are the columns of X.
pub fn ols(columns: &[Vec<f64>], y: &[f64]) -> Outcome<Ols> {
    let n = y.len();
    let p = columns.len();
    if n <= p {
        return Err(NotComputable::TooFewObservations { n, needed: p + 1 });
    }
    let mut a: Vec<Vec<f64>> = columns.to_vec(); // column-major working copy
    let mut qty = y.to_vec();
    for k in 0..p {
        // Householder vector for column k, rows k..n
        let norm = a[k][k..].iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm == 0.0 {
            return Err(NotComputable::ZeroVariance {
                what: crate::stats::Subject::ModelTerm,
            });
        }
        let alpha = if a[k][k] > 0.0 { -norm } else { norm };
        let mut v: Vec<f64> = a[k][k..].to_vec();
        v[0] -= alpha;
        let vnorm2: f64 = v.iter().map(|x| x * x).sum();
        if vnorm2 == 0.0 {
            continue;
        }
        let reflect = |col: &mut [f64]| {
            let dot: f64 = v.iter().zip(col.iter()).map(|(a, b)| a * b).sum();
            let f = 2.0 * dot / vnorm2;
            for (c, vi) in col.iter_mut().zip(&v) {
                *c -= f * vi;
            }
        };
        for col in a.iter_mut().skip(k) {
            reflect(&mut col[k..]);
        }
        reflect(&mut qty[k..]);
    }
    // R is the upper triangle: r[i][j] = a[j][i] for i <= j. Back-substitute β.
    let r = |i: usize, j: usize| a[j][i];
    for k in 0..p {
        // rank check relative to the largest diagonal (as lm's tolerance 1e-7)
        let dmax = (0..p).map(|i| r(i, i).abs()).fold(0.0, f64::max);
        if r(k, k).abs() <= 1e-7 * dmax {
            return Err(NotComputable::ZeroVariance {
                what: crate::stats::Subject::ModelTermCollinear,
            });
        }
    }
    let mut coef = vec![0.0; p];
    for i in (0..p).rev() {
        let s: f64 = (i + 1..p).map(|j| r(i, j) * coef[j]).sum();
        coef[i] = (qty[i] - s) / r(i, i);
    }
    let rss: f64 = qty[p..].iter().map(|v| v * v).sum();
    let df = (n - p) as f64;
    let sigma2 = rss / df;
    // (RᵀR)⁻¹ = R⁻¹R⁻ᵀ: invert the triangle.
    let mut rinv = vec![vec![0.0; p]; p];
    #[allow(clippy::needless_range_loop)] // row i reads rows below it: indices are clearer
    for i in (0..p).rev() {
        rinv[i][i] = 1.0 / r(i, i);
        for j in i + 1..p {
            let s: f64 = (i + 1..=j).map(|k| r(i, k) * rinv[k][j]).sum();
            rinv[i][j] = -s / r(i, i);
        }
    }
    let se = (0..p)
        .map(|i| (sigma2 * (i..p).map(|j| rinv[i][j] * rinv[i][j]).sum::<f64>()).sqrt())
        .collect();
    Ok(Ols { coef, se, df, rss })
}

/// The group effect of an ANCOVA of post on pre and group.
///
/// At an essentially perfect fit (post an exact linear function of pre and the group) the
/// estimates stand (R's `lm` gives them) but every inferential part would be rounding: `se`,
/// `t`, `p_value`, `ci_low`, `ci_high` and `partial_eta_sq` are None and `inference_note` says
/// why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ancova {
    /// Adjusted mean difference, treatment − comparison (the group coefficient).
    pub diff: f64,
    pub se: Option<f64>,
    pub t: Option<f64>,
    pub df: f64,
    /// Two-sided p of the group coefficient.
    pub p_value: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Partial η² of group: t²/(t² + df) (= SS_group/(SS_group + SS_error) for a 1-df term).
    pub partial_eta_sq: Option<f64>,
    /// Slope of pre.
    pub slope: f64,
    /// p of the pre × group interaction in post ~ pre + group + pre:group (parallel slopes check).
    pub interaction_p: Option<f64>,
    /// Why `interaction_p` is None.
    #[serde(skip)]
    pub interaction_note: Option<super::Remark>,
    /// Why the inferential parts are None (`PerfectFit`).
    #[serde(skip)]
    pub inference_note: Option<NotComputable>,
}

/// ANCOVA: `lm(post ~ pre + group)` with group coded 1 for treatment, 0 for comparison, and the
/// interaction check `lm(post ~ pre * group)` (Van Breukelen 2006; Vickers & Altman 2001).
pub fn ancova(pre: &[f64], post: &[f64], treatment: &[bool], conf_level: f64) -> Outcome<Ancova> {
    let n = pre.len();
    check_finite(pre)?;
    check_finite(post)?;
    let n_t = treatment.iter().filter(|&&t| t).count();
    if n_t == 0 || n_t == n {
        return Err(NotComputable::TooFewObservations {
            n: n_t.min(n - n_t),
            needed: 1,
        });
    }
    let one = vec![1.0; n];
    let g: Vec<f64> = treatment.iter().map(|&t| f64::from(u8::from(t))).collect();
    let columns = [one.clone(), pre.to_vec(), g.clone()];
    let fit = ols(&columns, post)?;
    let (b, df) = (fit.coef[2], fit.df);
    let inter: Vec<f64> = pre.iter().zip(&g).map(|(p, g)| p * g).collect();
    let with_interaction = [one, pre.to_vec(), g, inter];
    let (interaction_p, interaction_note) = match ols(&with_interaction, post) {
        Ok(f) if perfect_fit(&with_interaction, &f) => {
            (None, Some(super::Remark::InteractionPerfectFit))
        }
        Ok(f) => {
            let ti = f.coef[3] / f.se[3];
            let (l, u) = pt_tails(ti, f.df);
            (Some((2.0 * l.min(u)).min(1.0)), None)
        }
        Err(_) => (None, Some(super::Remark::InteractionCollinear)),
    };
    let mut a = Ancova {
        diff: b,
        se: None,
        t: None,
        df,
        p_value: None,
        ci_low: None,
        ci_high: None,
        partial_eta_sq: None,
        slope: fit.coef[1],
        interaction_p,
        interaction_note,
        inference_note: None,
    };
    if perfect_fit(&columns, &fit) {
        a.inference_note = Some(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::PerfectFit,
        });
        return Ok(a);
    }
    let se = fit.se[2];
    let t = b / se;
    let (lo, up) = pt_tails(t, df);
    let q = qt(1.0 - (1.0 - conf_level) / 2.0, df);
    a.se = Some(se);
    a.t = Some(t);
    a.p_value = Some((2.0 * lo.min(up)).min(1.0));
    a.ci_low = Some(b - q * se);
    a.ci_high = Some(b + q * se);
    a.partial_eta_sq = Some(t * t / (t * t + df));
    Ok(a)
}

/// R's `summary.lm` check: the residual variance is below 1e-30 of the fitted values' mean
/// square plus variance, so every statistic would be rounding ("essentially perfect fit").
fn perfect_fit(columns: &[Vec<f64>], fit: &Ols) -> bool {
    let n = columns[0].len();
    let fitted: Vec<f64> = (0..n)
        .map(|i| columns.iter().zip(&fit.coef).map(|(c, b)| c[i] * b).sum())
        .collect();
    let mean = fitted.iter().sum::<f64>() / n as f64;
    let var = fitted.iter().map(|f| (f - mean).powi(2)).sum::<f64>() / (n as f64 - 1.0);
    fit.rss / fit.df < (mean * mean + var) * 1e-30
}

/// The pooled within-group correlation of pre and post (the partial correlation given group):
/// Σ_g S_xy,g / √(Σ_g S_xx,g · Σ_g S_yy,g) with S the sums of cross-products about each group's
/// means. 1 − r² is the share of the post-test's within-group variance the ANCOVA leaves as
/// error (Borm, Fransen & Lemmens 2007).
pub fn within_group_r(pre: &[f64], post: &[f64], treatment: &[bool]) -> Outcome<f64> {
    check_finite(pre)?;
    check_finite(post)?;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for side in [true, false] {
        let pick = |v: &[f64]| -> Vec<f64> {
            v.iter()
                .zip(treatment)
                .filter(|(_, &t)| t == side)
                .map(|(x, _)| *x)
                .collect()
        };
        let (x, y) = (pick(pre), pick(post));
        if x.len() < 2 {
            return Err(NotComputable::TooFewObservations {
                n: x.len(),
                needed: 2,
            });
        }
        let (mx, my) = (mean(&x), mean(&y));
        sxy += sum_cross_dev(&x, mx, &y, my);
        sxx += sum_sq_dev(&x, mx);
        syy += sum_sq_dev(&y, my);
    }
    if sxx == 0.0 || syy == 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: crate::stats::Subject::ScoresWithinGroups,
        });
    }
    Ok(sxy / (sxx * syy).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::*;

    const PRE: [f64; 12] = [
        10.0, 12.0, 9.0, 14.0, 11.0, 13.0, 8.0, 12.0, 10.0, 15.0, 11.0, 9.0,
    ];
    const POST: [f64; 12] = [
        14.0, 15.0, 13.0, 18.0, 13.0, 17.0, 9.0, 12.0, 11.0, 15.0, 12.0, 9.5,
    ];
    const TREAT: [bool; 12] = [
        true, true, true, true, true, true, false, false, false, false, false, false,
    ];

    #[test]
    fn matches_r_lm() {
        // R: pre <- c(10,12,9,14,11,13,8,12,10,15,11,9); post <- c(14,15,13,18,13,17,9,12,11,15,12,9.5)
        //    group <- c(rep(1, 6), rep(0, 6))
        //    m <- summary(lm(post ~ pre + group)); print(coef(m)["group", ], digits = 17)
        //    print(confint(lm(post ~ pre + group), level = 0.95)["group", ], digits = 17)
        //    print(coef(summary(lm(post ~ pre * group)))["pre:group", 4], digits = 17)
        let a = ancova(&PRE, &POST, &TREAT, 0.95).unwrap();
        assert_close(a.diff, 2.9706896551724133, TOL_CLOSED, "diff");
        assert_close(a.se.unwrap(), 0.40879578726321331, TOL_CLOSED, "se");
        assert_close(a.p_value.unwrap(), 4.7294140374225974e-05, TOL_CLOSED, "p");
        assert_close(a.ci_low.unwrap(), 2.0459293368932041, TOL_CLOSED, "lo");
        assert_close(a.ci_high.unwrap(), 3.8954499734516226, TOL_CLOSED, "hi");
        assert_eq!(a.inference_note, None);
        assert_close(
            a.interaction_p.unwrap(),
            0.4437023539669247,
            TOL_CLOSED,
            "interaction",
        );
        assert_eq!(a.df, 9.0);
    }

    /// R: cor(resid(lm(pre ~ group)), resid(lm(post ~ group))) on the data above
    /// (scripts/reference/equivalence.R).
    #[test]
    fn within_group_r_is_the_partial_correlation() {
        let r = within_group_r(&PRE, &POST, &TREAT).unwrap();
        assert_close(r, 0.95019631315287589, TOL_CLOSED, "r within");
    }

    #[test]
    fn a_perfect_fit_is_said_not_tested() {
        let pre = [10., 12., 9., 14., 11., 13., 8., 12.];
        let g = [true, true, true, true, false, false, false, false];
        let post: Vec<f64> = pre
            .iter()
            .zip(&g)
            .map(|(p, &t)| 2.0 + 0.5 * p + if t { 3.0 } else { 0.0 })
            .collect();
        // R: pre <- c(10,12,9,14,11,13,8,12); g <- c(1,1,1,1,0,0,0,0); post <- 2 + 0.5*pre + 3*g;
        // summary(lm(post ~ pre + g)) warns "essentially perfect fit" and gives t = 5.7e15;
        // coef(lm(post ~ pre + g)) gives the difference 3 (to rounding) and the slope 0.5
        // (issue 27: the estimate was withheld with the rest; scripts/reference/ancova_perfect_fit.R)
        let a = ancova(&pre, &post, &g, 0.95).unwrap();
        assert_close(a.diff, 3.0, 1e-12, "diff");
        assert_close(a.slope, 0.5, 1e-12, "slope");
        assert_eq!(
            (a.se, a.t, a.p_value, a.ci_low, a.ci_high, a.partial_eta_sq),
            (None, None, None, None, None, None)
        );
        assert!(
            matches!(a.inference_note, Some(NotComputable::NotApplicable { why }) if why == crate::stats::Inapplicable::PerfectFit)
        );
        // The audit case of issue 27 (R 4.2.2, scripts/reference/ancova_perfect_fit.R):
        // pre <- c(1,2,3,4,2,3,5,6); group <- c(0,0,0,0,1,1,1,1); post <- 3 + 0.5*pre + 2*group;
        // coef(lm(post ~ pre + group)): 3.0000000000000013 0.4999999999999995 2.0000000000000009
        // post2 <- -1 + 2.5*pre - 3.25*group: -0.9999999999999980 2.5 -3.2500000000000018
        let pre = [1., 2., 3., 4., 2., 3., 5., 6.];
        let g = [false, false, false, false, true, true, true, true];
        for (b0, b1, b2) in [(3.0, 0.5, 2.0), (-1.0, 2.5, -3.25)] {
            let post: Vec<f64> = pre
                .iter()
                .zip(&g)
                .map(|(p, &t)| b0 + b1 * p + if t { b2 } else { 0.0 })
                .collect();
            let a = ancova(&pre, &post, &g, 0.95).unwrap();
            assert_close(a.diff, b2, 1e-12, "audit diff");
            assert_close(a.slope, b1, 1e-12, "audit slope");
            assert_eq!(a.df, 5.0);
            assert_eq!((a.se, a.t, a.p_value), (None, None, None));
            assert_eq!(
                a.inference_note.map(|e| e.to_string()),
                Some(crate::stats::Inapplicable::PerfectFit.to_string())
            );
        }
        // the interaction: pre constant within the comparison group is collinear
        let pre = [10., 12., 9., 14., 11., 11., 11., 11.];
        let post = [14., 15., 13., 18., 12., 13., 11., 12.];
        let a = ancova(&pre, &post, &g, 0.95).unwrap();
        assert_eq!(a.interaction_p, None);
        assert!(a
            .interaction_note
            .unwrap()
            .to_string()
            .contains("cannot be estimated"));
    }

    #[test]
    fn collinear_and_tiny_designs_are_not_computable() {
        assert!(ancova(&[1.0, 2.0], &[1.0, 2.0], &[true, false], 0.95).is_err());
        assert!(ancova(&PRE, &POST, &[true; 12], 0.95).is_err());
    }
}
