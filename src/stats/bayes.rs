//! The JZS Bayes factor of a t-test (Rouder, Speckman, Sun, Morey & Iverson 2009), as the R
//! package BayesFactor's `ttestBF` computes it: the standardized effect δ has a Cauchy prior of
//! scale r under H1 and is 0 under H0. Written as a normal prior δ | g ~ N(0, g) with
//! g ~ InverseGamma(½, r²/2), δ integrates out in closed form (Rouder et al. 2009, eq. 1):
//!
//!   BF₁₀ = ∫₀^∞ (1 + Ng)^{−1/2} [(1 + t²/((1 + Ng)ν)) / (1 + t²/ν)]^{−(ν+1)/2} p(g) dg,
//!
//! with N the sample size (one sample: n; two samples: n₁n₂/(n₁ + n₂)) and ν the degrees of
//! freedom. A one-sided alternative restricts δ to one side and renormalizes the prior
//! (BayesFactor's `nullInterval`); given g the posterior probability of δ > 0 is a central t
//! probability (see [`jzs_ln_bf10`]), so that too is one integral over g of closed forms.
//!
//! The integral is taken over s = ln(Ng) in logarithms: every bend of the log-integrand is known
//! (the prior's mode, the likelihood's mode and its two knees), the range outside which it is
//! below e⁻⁶⁰ of its peak follows from bounds on its slopes, and adaptive Gauss–Kronrod
//! quadrature with at most [`super::quadrature::MAX_PANELS`] panels integrates it. The cost
//! is bounded whatever t, n and r, and the result is right to ~1e-12 (relative) against
//! 50-digit quadrature (scripts/reference/bayes_extremes.py).

use super::distributions::pt_ln_lower;
use super::quadrature::{integrate_many, integrate_points, log_add_exp, softplus, MAX_PANELS};
use super::{Alternative, Inapplicable, NotComputable, Outcome};

pub use super::quadrature::integrate;

/// BF₁₀ of an observed t with `df` degrees of freedom and effective sample size `n` (one
/// sample: the number of differences; two samples: n₁n₂/(n₁ + n₂)), Cauchy prior scale `r`
/// (R: `exp(ttestBF(...)@bayesFactor$bf)`; with `nullInterval = c(0, Inf)` for `greater`).
///
/// A value beyond the range of a double is a reason, not 0 or ∞: `BayesFactorBeyondDouble`
/// (t so large that BF₁₀ > 1.8e308), `BayesFactorBelowDouble` (a one-sided alternative whose
/// side t lies far away from: BF₁₀ < 2.2e-308). [`jzs_ln_bf10`] gives ln BF₁₀ in every case.
pub fn jzs_bf10(t: f64, df: f64, n: f64, r: f64, alternative: Alternative) -> Outcome<f64> {
    bf_of_ln(jzs_ln_bf10(t, df, n, r, alternative)?)
}

/// BF₁₀ from ln BF₁₀, or the reason it is not a double (see [`jzs_bf10`]).
pub fn bf_of_ln(ln_bf: f64) -> Outcome<f64> {
    if ln_bf > f64::MAX.ln() {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::BayesFactorBeyondDouble,
        });
    }
    if ln_bf < f64::MIN_POSITIVE.ln() {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::BayesFactorBelowDouble,
        });
    }
    Ok(ln_bf.exp())
}

/// ln BF₁₀ of [`jzs_bf10`], for any finite t, any df > 0, n > 0 and r > 0.
///
/// With G = Ng, s = ln G, T = t²/ν and ρ = Nr², the integrand over s is e^{F(s)},
///
///   F(s) = (ν/2) ln(1 + G) − ((ν + 1)/2) ln(1 + T + G) + ((ν + 1)/2) ln(1 + T)
///          + ½ ln(ρ/2π) − s/2 − ρe^{−s}/2,
///
/// (the likelihood ratio, then the prior of g times dg/ds). Given g, δ and the numerator of t
/// are jointly normal, and given t alone P(δ > 0 | t, g) = P_{ν+1}(t √(G(ν + 1)/((1 + G)ν + t²)))
/// (the numerator's scale has a χ_{ν+1} posterior), so the one-sided factor multiplies the
/// integrand by 2·P_{ν+1}(·) (`less`: the same at −t).
pub fn jzs_ln_bf10(t: f64, df: f64, n: f64, r: f64, alternative: Alternative) -> Outcome<f64> {
    Ok(Jzs::of(t, df, n, r, alternative)?.ln_integral())
}

/// ln BF₁₀ of [`jzs_ln_bf10`] at each prior scale of `scales` (a robustness curve), as one
/// integral of a vector: the likelihood ratio and the one-sided factor do not depend on r, so
/// every node computes them once, and each scale adds its prior, ρe^{−s} with ρ = Nr² from the
/// one e^{−s}. Each component is integrated to the same relative 1e-13 as [`jzs_ln_bf10`] (a
/// component whose peak the shared break points miss by far is taken alone by it).
pub fn jzs_ln_bf10_curve<const N: usize>(
    t: f64,
    df: f64,
    n: f64,
    scales: &[f64; N],
    alternative: Alternative,
) -> [Outcome<f64>; N] {
    let models = scales.map(|r| Jzs::of(t, df, n, r, alternative).ok());
    let Some(shared) = models.iter().flatten().next() else {
        return scales.map(|r| jzs_ln_bf10(t, df, n, r, alternative));
    };
    // each scale's break points and range; the curve's: their hull and the shared bends
    let ranges: Vec<(Vec<f64>, f64)> = models
        .iter()
        .flatten()
        .map(|m| {
            let points = m.break_points();
            let f_ref = m.peak_at(&points);
            (points, f_ref)
        })
        .collect();
    let lo = ranges
        .iter()
        .map(|(p, _)| p[0])
        .fold(f64::INFINITY, f64::min);
    let hi = ranges
        .iter()
        .map(|(p, _)| p[p.len() - 1])
        .fold(f64::NEG_INFINITY, f64::max);
    let mut points: Vec<f64> = ranges[0]
        .0
        .iter()
        .chain(&ranges[ranges.len() - 1].0)
        .copied()
        .chain([lo, hi])
        .collect();
    points.sort_by(f64::total_cmp);
    points.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    let mut f_ref = [0.0; N];
    let mut rho = [0.0; N];
    let mut c0 = [0.0; N];
    let mut k = 0;
    for (j, m) in models.iter().enumerate() {
        if let Some(m) = m {
            f_ref[j] = ranges[k].1;
            rho[j] = m.ln_rho.exp();
            c0[j] = m.c0;
            k += 1;
        }
    }
    let seen = std::cell::Cell::new([f64::NEG_INFINITY; N]);
    let (values, _) = integrate_many(
        |s| {
            let shared_part = shared.ln_likelihood(s) + shared.ln_side(s) - 0.5 * s;
            let e = (-s).exp();
            let mut out = [0.0; N];
            let mut peak = seen.get();
            for j in 0..N {
                if models[j].is_some() {
                    let v = shared_part + c0[j] - 0.5 * rho[j] * e;
                    peak[j] = peak[j].max(v);
                    out[j] = (v - f_ref[j]).exp();
                }
            }
            seen.set(peak);
            out
        },
        &points,
        1e-13,
        MAX_PANELS,
    );
    let peak = seen.get();
    std::array::from_fn(|j| match &models[j] {
        Some(_) if peak[j] - f_ref[j] < 600.0 && values[j] > 0.0 && values[j].is_finite() => {
            Ok(f_ref[j] + values[j].ln())
        }
        Some(m) => Ok(m.ln_integral()),
        None => jzs_ln_bf10(t, df, n, scales[j], alternative),
    })
}

/// The log-integrand of the JZS Bayes factor over s = ln(Ng).
struct Jzs {
    /// t (negated for `less`)
    t: f64,
    nu: f64,
    /// ln t², and ln T = ln(t²/ν) (−∞ at t = 0)
    ln_t2: f64,
    ln_tt: f64,
    /// ln(1 + T)
    ln_1tt: f64,
    /// T when it and t² are finite
    tt: Option<f64>,
    ln_rho: f64,
    /// ½ ln(ρ/2π)
    c0: f64,
    one_sided: bool,
}

impl Jzs {
    /// The model of [`jzs_ln_bf10`]'s arguments, or why there is none.
    fn of(t: f64, df: f64, n: f64, r: f64, alternative: Alternative) -> Outcome<Jzs> {
        if !(df > 0.0 && n > 0.0 && df.is_finite() && n.is_finite() && t.is_finite()) {
            return Err(NotComputable::TooFewObservations {
                n: if n.is_finite() {
                    n.max(0.0) as usize
                } else {
                    0
                },
                needed: 2,
            });
        }
        if !(r > 0.0 && r.is_finite()) {
            return Err(NotComputable::NotApplicable {
                why: Inapplicable::PriorScale,
            });
        }
        let side = match alternative {
            Alternative::TwoSided => 0.0,
            Alternative::Greater => 1.0,
            Alternative::Less => -1.0,
        };
        Ok(Jzs::new(
            t * if side < 0.0 { -1.0 } else { 1.0 },
            df,
            n,
            r,
            side != 0.0,
        ))
    }

    fn new(t: f64, nu: f64, n: f64, r: f64, one_sided: bool) -> Jzs {
        let ln_t2 = if t == 0.0 {
            f64::NEG_INFINITY
        } else {
            2.0 * t.abs().ln()
        };
        let ln_tt = ln_t2 - nu.ln();
        let tt = (t * t / nu).is_finite().then_some(t * t / nu);
        let ln_rho = n.ln() + 2.0 * r.ln();
        Jzs {
            t,
            nu,
            ln_t2,
            ln_tt,
            ln_1tt: tt.map_or_else(|| softplus(ln_tt), f64::ln_1p),
            tt,
            ln_rho,
            c0: 0.5 * (ln_rho - (2.0 * std::f64::consts::PI).ln()),
            one_sided,
        }
    }

    /// ln of the likelihood ratio at G = e^s: (ν/2)·ln(1 + GT/(1 + T + G)) − ½ ln(1 + G/(1 + T)),
    /// which is the form of F above without its cancellation for large ν.
    fn ln_likelihood(&self, s: f64) -> f64 {
        match self.tt {
            // (G·T below e^600: no overflow)
            Some(tt) if s < 300.0 && tt < 1e130 => {
                let g = s.exp();
                let x = g * tt / (1.0 + tt + g);
                0.5 * self.nu * x.ln_1p() - 0.5 * (g / (1.0 + tt)).ln_1p()
            }
            _ => {
                // in logarithms: ln x = s + ln T − ln(1 + T + G)
                let ln_all = log_add_exp(log_add_exp(0.0, self.ln_tt), s);
                let ln_x = s + self.ln_tt - ln_all;
                0.5 * self.nu * softplus(ln_x) - 0.5 * softplus(s - self.ln_1tt)
            }
        }
    }

    fn ln_prior(&self, s: f64) -> f64 {
        self.c0 - 0.5 * s - 0.5 * (self.ln_rho - s).exp()
    }

    /// ln 2·P_{ν+1}(t √(G(ν + 1)/((1 + G)ν + t²))), 0 for two-sided.
    fn ln_side(&self, s: f64) -> f64 {
        if !self.one_sided {
            return 0.0;
        }
        if self.t == 0.0 {
            return 0.0;
        }
        let ln_den = log_add_exp(self.nu.ln() + softplus(s), self.ln_t2);
        let size = (0.5 * ((self.nu + 1.0).ln() + s - ln_den) + self.t.abs().ln()).exp();
        std::f64::consts::LN_2 + pt_ln_lower(size.copysign(self.t), self.nu + 1.0)
    }

    fn f(&self, s: f64) -> f64 {
        self.ln_likelihood(s) + self.ln_prior(s) + self.ln_side(s)
    }

    /// The bends of F (sorted), from the lower to the upper end of the range outside which
    /// e^F is below e^{−60} of its peak.
    fn break_points(&self) -> Vec<f64> {
        // the prior's mode, the likelihood's knees (G = 1, G = 1 + T), its mode G = t² − 1,
        // and the stationary point of the likelihood times e^{−s/2}:
        // 2G² − (t² − T − 3)G + (1 + T) = 0
        let s_a = self.ln_rho;
        let mut points = vec![s_a, 0.0, self.ln_1tt];
        let s_mode = (self.ln_t2 > 0.0).then(|| self.ln_t2 + (-(-self.ln_t2).exp()).ln_1p());
        if let Some(m) = s_mode {
            points.push(m);
        }
        match self.tt {
            Some(tt) => {
                let t2 = tt * self.nu;
                let b = t2 - tt - 3.0;
                let disc = b * b - 8.0 * (1.0 + tt);
                if b > 0.0 && disc > 0.0 {
                    points.push(((b + disc.sqrt()) / 4.0).ln());
                }
            }
            None => points.push(self.ln_t2 + (-1.0 / self.nu).ln_1p() - std::f64::consts::LN_2),
        }
        points.retain(|p| p.is_finite());
        let f_ref = self.peak_at(&points);
        // Left of the prior's mode s_a the term −ρe^{−s}/2 falls as −(e^k − 1)/2 at s_a − k,
        // the likelihood rises by at most k/2 (its slope is at least −½) and the one-sided
        // factor (at most 0) by at most |its value at s_a|: below s_a − k with
        // (e^k − 1)/2 − k/2 > X + 60 the integrand is under e^{−60} of the peak.
        let x = (f_ref - self.f(s_a)).max(0.0) + self.ln_side(s_a).abs();
        let s_lo = s_a - ((2.0 * x + 300.0).ln() + 1.0);
        // Right of s_R0 = max(s_a + 4, the likelihood's mode) the prior falls with slope
        // below −0.49, the likelihood does not rise, and the one-sided factor rises by at most
        // ln 2 in all.
        let s_r0 = s_mode.map_or(s_a + 4.0, |m| m.max(s_a + 4.0));
        let excess = (self.f(s_r0) - f_ref).max(0.0);
        let s_hi = s_r0 + (excess + 61.0) / 0.49;
        points.push(s_lo);
        points.push(s_hi);
        points.retain(|p| (s_lo..=s_hi).contains(p));
        points.sort_by(f64::total_cmp);
        points.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
        points
    }

    /// The largest F at the points.
    fn peak_at(&self, points: &[f64]) -> f64 {
        points
            .iter()
            .map(|&s| self.f(s))
            .fold(f64::NEG_INFINITY, f64::max)
    }

    /// ln ∫ e^{F(s)} ds.
    fn ln_integral(&self) -> f64 {
        let points = self.break_points();
        let mut f_ref = self.peak_at(&points);
        // (once more from the true peak if the break points missed it by far)
        for _ in 0..2 {
            let seen = std::cell::Cell::new(f64::NEG_INFINITY);
            let (value, _) = integrate_points(
                |s| {
                    let v = self.f(s);
                    if v > seen.get() {
                        seen.set(v);
                    }
                    (v - f_ref).exp()
                },
                &points,
                1e-13,
                0.0,
            );
            if seen.get() - f_ref < 600.0 && value > 0.0 {
                return f_ref + value.ln();
            }
            f_ref = seen.get();
        }
        f64::NEG_INFINITY
    }
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

    /// Issue 27 against the 50-digit g-integral (scripts/reference/bayes_extremes.py): n = 8,
    /// t = 338,900 gave BF10 < 0.001 (exact 1.2e30); t = 3,385 never returned; n = 3 drifted
    /// (t = 173,205: 311,734 for 119,682).
    #[test]
    fn huge_t_with_few_pairs() {
        let h = std::f64::consts::FRAC_1_SQRT_2;
        let two = Alternative::TwoSided;
        for (t, n, want) in [
            (1732.0, 3.0, 1196.2917345181515745),
            (17321.0, 3.0, 11968.108325993502648),
            (173205.0, 3.0, 119682.12831836539837),
            (3385.0, 8.0, 1166481135697533744.4),
            (338900.0, 8.0, 1.1747733877413880518e+30),
            // the t of the n = 3 data, 1000√3 etc. (scripts/reference/bayes_check_g.py,
            // an independent quadrature over g): 1196.33, 11967.8, 119682
            (1732.0508075688772, 3.0, 1196.3268419536994937),
            (17320.508075688772, 3.0, 11967.768412050479094),
            (173205.08075688772, 3.0, 119682.18412042987192),
        ] {
            let got = jzs_bf10(t, n - 1.0, n, h, two).unwrap();
            assert_close(got, want, 1e-12, &format!("t = {t}, n = {n}"));
        }
        let g = |t: f64, alt| jzs_bf10(t, 7.0, 8.0, h, alt).unwrap();
        assert_close(
            g(3385.0, Alternative::Greater),
            2332962271395067488.8,
            1e-12,
            ">",
        );
        assert_close(
            g(3385.0, Alternative::Less),
            0.10457420993247877573,
            1e-12,
            "<",
        );
        assert_close(
            g(338900.0, Alternative::Greater),
            2.3495467754827761036e+30,
            1e-12,
            ">",
        );
        assert_close(
            g(338900.0, Alternative::Less),
            0.10457418584280349413,
            1e-12,
            "<",
        );
    }

    /// t from 0 to 1e300, n up to 1e9, r from 1e-6 to 10, both sides (the 50-digit g-integral,
    /// scripts/reference/bayes_extremes.py).
    #[test]
    fn every_t_n_and_prior_scale() {
        let h = std::f64::consts::FRAC_1_SQRT_2;
        let two = Alternative::TwoSided;
        for (t, n, r, want) in [
            (0.0, 2.0, h, 0.52315658373024674336),
            (0.0, 1e9, h, 0.000035682482251690458073),
            (1e-300, 5.0, h, 0.39736262448064099584),
            (1e300, 2.0, h, 551.51571822933670048),
            (1e150, 2.0, 10.0, 3868.0732325966251487),
            (3.0, 1e9, h, 0.0032120345815727915719),
            (5.0, 1e9, 10.0, 0.67705043698942137529),
            (2.0, 50.0, 1e-6, 1.0000106987466193968),
            (37.0, 1e6, h, 1.3268979927326949883e+294),
            (1e5, 3.0, 0.01, 978.20472351273705836),
            (1.5, 2.0, h, 0.89128769951962103735),
            (-2.5, 20.0, 0.5, 2.9372136608566713),
            (40.0, 2000.0, h, 2.2714017205908949487e+253),
            (4.0, 1e6, h, 3.3633481802237186744),
            (1e7, 2.0, h, 13.216969208346453242),
            (26.0, 1e3, 10.0, 4.204057093523592128e+109),
        ] {
            let got = jzs_bf10(t, n - 1.0, n, r, two).unwrap();
            assert_close(got, want, 1e-11, &format!("t = {t}, n = {n}, r = {r}"));
        }
        for (t, n, alt, want) in [
            (-3.0, 30.0, Alternative::Greater, 0.05557821778230630657),
            (3.0, 30.0, Alternative::Less, 0.05557821778230630657),
            (
                -40.0,
                2000.0,
                Alternative::Greater,
                0.0006746370545343875353508,
            ),
            (0.0, 10.0, Alternative::Greater, 0.30879355670828347885),
            (1e5, 3.0, Alternative::Greater, 138196.42475152316623),
            (-1e5, 3.0, Alternative::Greater, 0.23503701147547442476),
            (2.0, 1e9, Alternative::Greater, 0.00051532312755361825071),
            (-6.0, 1e6, Alternative::Greater, 0.00014619377518584247317),
        ] {
            let got = jzs_bf10(t, n - 1.0, n, h, alt).unwrap();
            assert_close(got, want, 1e-11, &format!("t = {t}, n = {n}, {alt}"));
        }
        // two samples, n1 = 7, n2 = 8: N = 56/15, df = 13
        let got = jzs_bf10(3.1, 13.0, 56.0 / 15.0, h, two).unwrap();
        assert_close(got, 5.876677548721253861, 1e-12, "two samples");
    }

    proptest::proptest! {
        /// Any input gives a finite, positive BF10 or a reason, never 0, ∞ or NaN.
        #[test]
        fn a_value_or_a_reason(
            lt in -300.0f64..300.0,
            sign in proptest::bool::ANY,
            ln in 0.7f64..20.7,
            lr in -13.8f64..2.3,
            side in 0usize..3,
        ) {
            let t = if sign { 10f64.powf(lt / 10.0) } else { -(10f64.powf(lt / 10.0)) };
            let n = ln.exp();
            let alt = [Alternative::TwoSided, Alternative::Greater, Alternative::Less][side];
            match jzs_bf10(t, n - 1.0, n, lr.exp(), alt) {
                Ok(bf) => proptest::prop_assert!(bf.is_finite() && bf > 0.0, "{t} {n} {bf}"),
                Err(NotComputable::NotApplicable { why }) => proptest::prop_assert!(
                    why == Inapplicable::BayesFactorBeyondDouble
                        || why == Inapplicable::BayesFactorBelowDouble
                ),
                Err(e) => proptest::prop_assert!(false, "{e}"),
            }
        }
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

    /// ln BF10 where BF10 is beyond a double, and at n = 8 (scripts/reference/bayes_check_g.py).
    #[test]
    fn ln_bf10_beyond_a_double() {
        let h = std::f64::consts::FRAC_1_SQRT_2;
        let two = Alternative::TwoSided;
        for (t, n, want) in [
            (50.0, 1e4, 1110.9279457696899659),
            (1e6, 1e6, 6907734.9833513571849),
            (338900.0, 8.0, 69.238628057320631789),
        ] {
            let got = jzs_ln_bf10(t, n - 1.0, n, h, two).unwrap();
            assert_close(got, want, 1e-13, &format!("ln BF10, t = {t}, n = {n}"));
        }
    }

    /// Issue 27: n = 8, t = 3,385 ran for minutes. Every t from 1e-3 to 1e300 at n = 8 and
    /// n = 1e6 (release: ≤ 0.4 ms a call at n = 8, ≤ 3 ms at 1e6, examples/bf_timing.rs);
    /// loosely timed here (debug build).
    #[test]
    fn the_curve_equals_each_scale_alone() {
        // the robustness curve's 21 scales (analysis::small_study) and a few outside them
        let scales: [f64; 21] = std::array::from_fn(|i| 0.5 + 0.05 * i as f64);
        let odd = [1e-3, 0.5, 1.0, 40.0];
        for (t, n) in [
            (0.0, 12.0),
            (2.43, 12.0),
            (-0.02, 1e6),
            (1.0, 1e6),
            (3385.0, 8.0),
            (-7.5, 30.0),
            (1e-8, 3.0),
            (1e3, 1e6),
            (25.0, 2.0),
        ] {
            // (t = 1000 at n = 1e6 on the far side: the one-sided factor, a t tail near
            // 1e-300, varies in its 11th digit between the two paths' nodes)
            let tol = if n == 1e6 && t == 1e3 { 1e-10 } else { 1e-13 };
            for alt in [
                Alternative::TwoSided,
                Alternative::Greater,
                Alternative::Less,
            ] {
                let curve = jzs_ln_bf10_curve(t, n - 1.0, n, &scales, alt);
                for (r, got) in scales.iter().zip(curve) {
                    let want = jzs_ln_bf10(t, n - 1.0, n, *r, alt).unwrap();
                    let got = got.unwrap();
                    assert!(
                        (got - want).abs() <= tol * want.abs().max(1.0),
                        "t = {t}, n = {n}, r = {r}, {alt:?}: {got} vs {want}"
                    );
                }
                let curve = jzs_ln_bf10_curve(t, n - 1.0, n, &odd, alt);
                for (r, got) in odd.iter().zip(curve) {
                    let want = jzs_ln_bf10(t, n - 1.0, n, *r, alt).unwrap();
                    let got = got.unwrap();
                    assert!(
                        (got - want).abs() <= tol * want.abs().max(1.0),
                        "t = {t}, n = {n}, r = {r}, {alt:?}: {got} vs {want}"
                    );
                }
            }
        }
        // invalid scales and inputs give the reasons of one scale
        let curve = jzs_ln_bf10_curve(1.0, 5.0, 6.0, &[0.7, -1.0, f64::NAN], Alternative::TwoSided);
        assert!(curve[0].is_ok());
        assert!(curve[1].is_err() && curve[2].is_err());
        let none = jzs_ln_bf10_curve(f64::NAN, 5.0, 6.0, &[0.7, 1.0], Alternative::TwoSided);
        assert!(none.iter().all(Result::is_err));
    }

    #[test]
    fn the_cost_is_bounded_for_every_t() {
        let h = std::f64::consts::FRAC_1_SQRT_2;
        let start = std::time::Instant::now();
        for n in [8.0, 1e6] {
            for k in (-3..=300).step_by(7) {
                let t = 10f64.powi(k);
                let _ = jzs_bf10(t, n - 1.0, n, h, Alternative::TwoSided);
                let _ = jzs_bf10(t, n - 1.0, n, h, Alternative::Less);
            }
        }
        assert!(start.elapsed().as_secs_f64() < 20.0);
    }

    #[test]
    fn quadrature_integrates_a_known_function() {
        let got = integrate(|x| (-x * x).exp(), -10.0, 10.0, 1e-12);
        assert_close(got, std::f64::consts::PI.sqrt(), 1e-12, "gaussian");
    }
}
