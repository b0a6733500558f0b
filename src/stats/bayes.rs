//! The JZS Bayes factor of a t-test (Rouder, Speckman, Sun, Morey & Iverson 2009), as the R
//! package BayesFactor's `ttestBF` computes it: the standardized effect δ has a Cauchy prior of
//! scale r under H1 and is 0 under H0, so
//!
//!   BF₁₀ = ∫ t_ν(t; δ√N) · Cauchy(δ; 0, r) dδ / t_ν(t; 0),
//!
//! with t_ν(·; λ) the density of the noncentral t, N the sample size (one sample: n; two
//! samples: n₁n₂/(n₁ + n₂)) and ν its degrees of freedom. A one-sided alternative restricts δ to
//! one side and renormalizes the prior (BayesFactor's `nullInterval`). The integral is taken in
//! θ = atan(δ/r), where the Cauchy prior is uniform, by adaptive Gauss–Kronrod quadrature.

use super::distributions::{dnt, dt};
use super::{Alternative, NotComputable, Outcome};

/// BF₁₀ of an observed t with `df` degrees of freedom and effective sample size `n` (one
/// sample: the number of differences; two samples: n₁n₂/(n₁ + n₂)), Cauchy prior scale `r`.
pub fn jzs_bf10(t: f64, df: f64, n: f64, r: f64, alternative: Alternative) -> Outcome<f64> {
    if !(df > 0.0 && n > 0.0 && t.is_finite()) {
        return Err(NotComputable::TooFewObservations {
            n: n as usize,
            needed: 2,
        });
    }
    if !(r > 0.0 && r.is_finite()) {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::PriorScale,
        });
    }
    // δ√N where the likelihood is not negligible; beyond it the integrand is left out
    let (lo, hi) = likelihood_window(t, df);
    let scale = n.sqrt() * r;
    let f = |theta: f64| dnt(t, df, scale * theta.tan()) / std::f64::consts::PI;
    let theta = |ncp: f64| (ncp / scale).atan();
    let marginal = match alternative {
        Alternative::TwoSided => integrate(f, theta(lo), theta(hi), 1e-11),
        // the prior on one side, renormalized: twice the integral over it (where the window
        // lies on the other side, the likelihood falls from δ = 0 on: the near end counts)
        Alternative::Greater => {
            let (a, b) = if hi > 0.0 {
                (lo.max(0.0), hi)
            } else {
                (0.0, hi - lo)
            };
            2.0 * integrate(f, theta(a), theta(b), 1e-11)
        }
        Alternative::Less => {
            let (a, b) = if lo < 0.0 {
                (lo, hi.min(0.0))
            } else {
                (lo - hi, 0.0)
            };
            2.0 * integrate(f, theta(a), theta(b), 1e-11)
        }
    };
    let bf = marginal / dt(t, df);
    if !bf.is_finite() {
        // both densities underflow (t beyond about 38 with many df)
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::BayesFactorBeyondDouble,
        });
    }
    Ok(bf)
}

/// The noncentralities (δ√N) where the likelihood of t is above 1e-25 of its value at δ√N = t:
/// t ± k·√(1 + t²/(2ν)) (the large-sample SD of the noncentral t), k widened until both ends
/// fall below. The likelihood falls monotonically away from its mode, so the part left out
/// weighs less than 1e-20 of the integral; evaluating it would cost most of the time (the
/// noncentral t of a large noncentrality sums many Poisson terms).
fn likelihood_window(t: f64, df: f64) -> (f64, f64) {
    let peak = dnt(t, df, t);
    let s = (1.0 + t * t / (2.0 * df)).sqrt();
    let mut k = 8.0;
    loop {
        let (lo, hi) = (t - k * s, t + k * s);
        let small = |ncp: f64| dnt(t, df, ncp) <= 1e-25 * peak;
        if (small(lo) && small(hi)) || k > 1e4 {
            return (lo, hi);
        }
        k *= 1.5;
    }
}

/// ∫ₐᵇ f by adaptive Gauss–Kronrod (7–15 points) to a relative tolerance `tol`.
pub fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64, tol: f64) -> f64 {
    const XK: [f64; 8] = [
        0.991_455_371_120_812_6,
        0.949_107_912_342_758_5,
        0.864_864_423_359_769_1,
        0.741_531_185_599_394_4,
        0.586_087_235_467_691_1,
        0.405_845_151_377_397_2,
        0.207_784_955_007_898_5,
        0.0,
    ];
    const WK: [f64; 8] = [
        0.022_935_322_010_529_22,
        0.063_092_092_629_978_55,
        0.104_790_010_322_250_2,
        0.140_653_259_715_525_9,
        0.169_004_726_639_267_9,
        0.190_350_578_064_785_4,
        0.204_432_940_075_298_9,
        0.209_482_141_084_727_8,
    ];
    const WG: [f64; 4] = [
        0.129_484_966_168_869_7,
        0.279_705_391_489_276_7,
        0.381_830_050_505_118_9,
        0.417_959_183_673_469_4,
    ];
    let rule = |a: f64, b: f64| -> (f64, f64) {
        let (c, h) = ((a + b) / 2.0, (b - a) / 2.0);
        let fc = f(c);
        let (mut k, mut g) = (WK[7] * fc, WG[3] * fc);
        for j in 0..7 {
            let x = h * XK[j];
            let s = f(c - x) + f(c + x);
            k += WK[j] * s;
            if j % 2 == 1 {
                g += WG[j / 2] * s;
            }
        }
        (k * h, ((k - g) * h).abs())
    };
    // a stack of intervals, split where the Kronrod and Gauss estimates disagree
    let mut total = 0.0;
    let mut stack = vec![(a, b, 0u32)];
    let (whole, _) = rule(a, b);
    while let Some((lo, hi, depth)) = stack.pop() {
        let (value, err) = rule(lo, hi);
        if err <= tol * whole.abs().max(value.abs()).max(1e-300) || depth > 40 {
            total += value;
        } else {
            let mid = (lo + hi) / 2.0;
            stack.push((lo, mid, depth + 1));
            stack.push((mid, hi, depth + 1));
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::assert_close;

    /// R 4.2.2, BayesFactor 0.9.12-4.4, d <- c(3, 1, 4, -1, 5, 2, 6, 0, 2, 3, 1) (t = 3.6556…,
    /// n = 11): exp(ttestBF(d, rscale = r)@bayesFactor$bf) for r = √2/2, 1, 1/2; with
    /// nullInterval = c(0, Inf); and ttestBF(x, y) for two samples (scripts/reference/bayes.R).
    #[test]
    fn matches_bayes_factor() {
        let d = [3., 1., 4., -1., 5., 2., 6., 0., 2., 3., 1.];
        let n = d.len() as f64;
        let mean = d.iter().sum::<f64>() / n;
        let sd = (d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
        let t = mean / (sd / n.sqrt());
        for (r, want) in [
            (std::f64::consts::FRAC_1_SQRT_2, 12.74014176507444418),
            (1.0, 13.082319548009229),
            (0.5, 11.481914301615099),
        ] {
            let got = jzs_bf10(t, n - 1.0, n, r, Alternative::TwoSided).unwrap();
            assert_close(got, want, 1e-6, &format!("BF r = {r}"));
        }
        let got = jzs_bf10(
            t,
            n - 1.0,
            n,
            std::f64::consts::FRAC_1_SQRT_2,
            Alternative::Greater,
        )
        .unwrap();
        assert_close(got, 25.383749971513498878, 1e-6, "one-sided");
        // two samples: x <- c(5, 7, 3, 8, 6, 9, 4); y <- c(2, 3, 1, 4, 2, 5, 3, 1)
        let (x, y) = (
            [5., 7., 3., 8., 6., 9., 4.],
            [2., 3., 1., 4., 2., 5., 3., 1.],
        );
        let (n1, n2) = (7.0, 8.0);
        let m = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let ss = |v: &[f64]| v.iter().map(|a| (a - m(v)).powi(2)).sum::<f64>();
        let pooled = ((ss(&x) + ss(&y)) / (n1 + n2 - 2.0)).sqrt();
        let t = (m(&x) - m(&y)) / (pooled * (1.0 / n1 + 1.0 / n2).sqrt());
        let got = jzs_bf10(
            t,
            n1 + n2 - 2.0,
            n1 * n2 / (n1 + n2),
            std::f64::consts::FRAC_1_SQRT_2,
            Alternative::TwoSided,
        )
        .unwrap();
        assert_close(got, 12.431326747145123, 1e-6, "two samples");
    }

    fn t_of(d: &[f64]) -> (f64, f64) {
        let n = d.len() as f64;
        let mean = d.iter().sum::<f64>() / n;
        let sd = (d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
        (mean / (sd / n.sqrt()), n)
    }

    /// One-sided priors on the side away from the data and a t near 0 (BayesFactor, as above),
    /// and a very large t, where BayesFactor approximates ("t is large; approximation
    /// invoked": 4294830.31) and the reference is the 40-digit g-integral of Rouder et al.
    /// (2009, eq. 1; scripts/reference/bayes_exact.py).
    #[test]
    fn every_side_and_size_of_t() {
        let half = std::f64::consts::FRAC_1_SQRT_2;
        let d = [3., 1., 4., -1., 5., 2., 6., 0., 2., 3., 1.];
        let (t, n) = t_of(&d);
        let got = jzs_bf10(-t, n - 1.0, n, half, Alternative::Greater).unwrap();
        assert_close(got, 0.096533558748390189, 1e-6, "prior on the other side");
        let got = jzs_bf10(t, n - 1.0, n, half, Alternative::Less).unwrap();
        assert_close(got, 0.096533558748390189, 1e-6, "less");
        let d4 = [0.5, -0.3, 0.2, 0.1, -0.4, 0.6, 0.0, -0.2, 0.3, 0.1];
        let (t, n) = t_of(&d4);
        let got = jzs_bf10(t, n - 1.0, n, half, Alternative::TwoSided).unwrap();
        assert_close(got, 0.42178304832968178, 1e-6, "t near 0");
        let got = jzs_bf10(t, n - 1.0, n, half, Alternative::Less).unwrap();
        assert_close(got, 0.18715063228859566, 1e-6, "t near 0, less");
        let d3 = [10.1, 10.3, 9.8, 10.0, 10.2, 9.9];
        let (t, n) = t_of(&d3);
        let got = jzs_bf10(t, n - 1.0, n, half, Alternative::TwoSided).unwrap();
        assert_close(got, 4146742.3359889224592, 1e-9, "large t");
        let got = jzs_bf10(t_of(&d).0, 10.0, 11.0, half, Alternative::TwoSided).unwrap();
        assert_close(got, 12.740141765096338204, 1e-10, "exact g-integral");
    }

    #[test]
    fn a_bayes_factor_beyond_a_double_says_so() {
        // n = 10 000 pairs with d_z = 0.5: t = 50
        let r = jzs_bf10(
            50.0,
            9999.0,
            10000.0,
            std::f64::consts::FRAC_1_SQRT_2,
            Alternative::TwoSided,
        );
        assert!(
            matches!(r, Err(NotComputable::NotApplicable { why }) if why == crate::stats::Inapplicable::BayesFactorBeyondDouble)
        );
    }

    #[test]
    fn quadrature_integrates_a_known_function() {
        let got = integrate(|x| (-x * x).exp(), -10.0, 10.0, 1e-12);
        assert_close(got, std::f64::consts::PI.sqrt(), 1e-12, "gaussian");
    }
}
