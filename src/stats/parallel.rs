//! Horn's (1965) parallel analysis for the number of components, with a random number
//! generator of its own so that the output is the same on every platform and run.
//!
//! Definition (prepost): simulate `iterations` data sets of n × p independent standard normal
//! values, take the eigenvalues of each one's correlation matrix (principal components, as
//! `psych::fa.parallel(fa = "pc")`'s simulated data), and summarise each rank's eigenvalue over
//! the data sets by the `quantile` (R's type 7; 0.95 is psych's `quant` default) or, when
//! `quantile` is None, by the mean. The suggested number of components is the number of
//! leading observed eigenvalues above the simulated ones, counted until the first that is not
//! (psych: `which(!(observed > simulated))[1] - 1`).
//!
//! Random numbers: data set i uses xoshiro256** (Blackman & Vigna 2018) seeded by SplitMix64
//! from `seed` and i; uniforms are the top 53 bits / 2⁵³; normals come from Marsaglia's polar
//! method with a logarithm computed by a fixed series in plain arithmetic. Only IEEE-754
//! operations that are correctly rounded everywhere (+, −, ×, ÷, √) are used, so the
//! simulated eigenvalues are bit-for-bit the same on every platform. R's random numbers are
//! different, so the simulated values differ from psych's by sampling error (both are
//! estimates of the same quantity).

use super::correlation_matrix::eigen_sorted;
use super::{Inapplicable, NotComputable, Outcome};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Settings of a parallel analysis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ParallelOptions {
    /// Simulated data sets (psych: 20; prepost's default 100).
    pub iterations: usize,
    pub seed: u64,
    /// Quantile of the simulated eigenvalues compared with (0.95), or None for their mean.
    pub quantile: Option<f64>,
}

impl Default for ParallelOptions {
    fn default() -> Self {
        ParallelOptions {
            iterations: 100,
            seed: 20_240_601,
            quantile: Some(0.95),
        }
    }
}

/// The result of a parallel analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParallelAnalysis {
    pub options: ParallelOptions,
    /// n and p of the simulated data sets.
    pub n: usize,
    pub p: usize,
    /// Mean simulated eigenvalue of each rank.
    pub simulated_mean: Vec<f64>,
    /// The simulated eigenvalues compared with (the quantile, or the mean).
    pub simulated: Vec<f64>,
    /// Suggested number of components.
    pub suggested: usize,
}

/// Most simulated values a parallel analysis may draw (n·p·iterations): bounds its cost.
pub const MAX_PARALLEL_DRAWS: usize = 2_000_000_000;

/// Parallel analysis of the observed eigenvalues (decreasing) of a p × p correlation matrix
/// from n observations (see the module docs). Errors: n < 3, p < 2, no iterations, a quantile
/// outside (0, 1), more than [`MAX_PARALLEL_DRAWS`] values to draw.
pub fn parallel_analysis(
    observed: &[f64],
    n: usize,
    options: ParallelOptions,
) -> Outcome<ParallelAnalysis> {
    let p = observed.len();
    if p < 2 {
        return Err(NotComputable::TooFewObservations { n: p, needed: 2 });
    }
    if n < 3 {
        return Err(NotComputable::TooFewObservations { n, needed: 3 });
    }
    if options.iterations == 0 {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::ParallelIterations,
        });
    }
    if let Some(q) = options.quantile {
        if q.is_nan() || q <= 0.0 || q >= 1.0 {
            return Err(NotComputable::NotApplicable {
                why: Inapplicable::ParallelQuantile,
            });
        }
    }
    if observed.iter().any(|v| !v.is_finite()) {
        return Err(NotComputable::NonFinite);
    }
    let draws = n
        .checked_mul(p)
        .and_then(|v| v.checked_mul(options.iterations));
    if draws.is_none_or(|d| d > MAX_PARALLEL_DRAWS) {
        return Err(NotComputable::TooManyObservations {
            n: n.saturating_mul(options.iterations),
            limit: MAX_PARALLEL_DRAWS / p,
        });
    }
    let sims: Vec<Vec<f64>> = (0..options.iterations)
        .into_par_iter()
        .map(|i| simulated_eigenvalues(n, p, options.seed, i as u64))
        .collect();
    let iters = options.iterations as f64;
    let simulated_mean: Vec<f64> = (0..p)
        .map(|k| sims.iter().map(|s| s[k]).sum::<f64>() / iters)
        .collect();
    let simulated = match options.quantile {
        None => simulated_mean.clone(),
        Some(q) => (0..p)
            .map(|k| {
                let mut v: Vec<f64> = sims.iter().map(|s| s[k]).collect();
                v.sort_by(f64::total_cmp);
                quantile_type7(&v, q)
            })
            .collect(),
    };
    let suggested = observed
        .iter()
        .zip(&simulated)
        .take_while(|(o, s)| o > s)
        .count();
    Ok(ParallelAnalysis {
        options,
        n,
        p,
        simulated_mean,
        simulated,
        suggested,
    })
}

/// R's `quantile(x, q, type = 7)` of sorted values.
fn quantile_type7(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Eigenvalues (decreasing) of the correlation matrix of n × p simulated standard normals,
/// drawn column by column.
#[allow(clippy::needless_range_loop)]
fn simulated_eigenvalues(n: usize, p: usize, seed: u64, stream: u64) -> Vec<f64> {
    let mut rng = Rng::new(seed, stream);
    let mut cols: Vec<Vec<f64>> = (0..p)
        .map(|_| (0..n).map(|_| rng.normal()).collect())
        .collect();
    for c in cols.iter_mut() {
        let m = c.iter().sum::<f64>() / n as f64;
        for v in c.iter_mut() {
            *v -= m;
        }
    }
    let ss: Vec<f64> = cols.iter().map(|c| dot4(c, c)).collect();
    let r: Vec<Vec<f64>> = (0..p)
        .map(|i| {
            (0..p)
                .map(|j| {
                    if i == j {
                        1.0
                    } else {
                        let (a, b) = (i.min(j), i.max(j));
                        dot4(&cols[a], &cols[b]) / (ss[a].sqrt() * ss[b].sqrt())
                    }
                })
                .collect()
        })
        .collect();
    eigen_sorted(&r).values
}

/// Σ a_i b_i in four interleaved partial sums (a fixed order, so the same bits everywhere).
fn dot4(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let mut acc = [0.0f64; 4];
    let chunks = n / 4;
    for c in 0..chunks {
        let i = 4 * c;
        acc[0] += a[i] * b[i];
        acc[1] += a[i + 1] * b[i + 1];
        acc[2] += a[i + 2] * b[i + 2];
        acc[3] += a[i + 3] * b[i + 3];
    }
    let mut tail = 0.0;
    for i in 4 * chunks..n {
        tail += a[i] * b[i];
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// xoshiro256** with SplitMix64 seeding.
struct Rng {
    s: [u64; 4],
    spare: Option<f64>,
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut state = seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let s = [
            splitmix64(&mut state),
            splitmix64(&mut state),
            splitmix64(&mut state),
            splitmix64(&mut state),
        ];
        Rng { s, spare: None }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform on [0, 1) with 53 random bits.
    fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Standard normal, Marsaglia's polar method (pairs; the second value is kept).
    fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let f = (-2.0 * portable_ln(s) / s).sqrt();
                self.spare = Some(v * f);
                return u * f;
            }
        }
    }
}

/// ln x for 0 < x < ∞ in plain arithmetic: x = m·2^e with m in [√½, √2), and
/// ln m = 2 atanh(z), z = (m − 1)/(m + 1), |z| ≤ 0.172, by 12 terms of its series in Horner
/// form (truncation below 1e-18 relative). The same bits on every platform, unlike a system
/// `ln`.
fn portable_ln(x: f64) -> f64 {
    debug_assert!(x > 0.0 && x.is_finite());
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64;
    let mut m = if e == 0 {
        // subnormal: scale up by 2⁶⁴ first
        let y = x * 18_446_744_073_709_551_616.0;
        let b = y.to_bits();
        e = ((b >> 52) & 0x7ff) as i64 - 64;
        f64::from_bits((b & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000)
    } else {
        f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000)
    };
    e -= 1023;
    if m > std::f64::consts::SQRT_2 {
        m /= 2.0;
        e += 1;
    }
    let z = (m - 1.0) / (m + 1.0);
    let z2 = z * z;
    // Σ_{k<12} z^(2k+1)/(2k+1) = z·(1 + z²(1/3 + z²(1/5 + …)))
    const C: [f64; 12] = [
        1.0,
        1.0 / 3.0,
        1.0 / 5.0,
        1.0 / 7.0,
        1.0 / 9.0,
        1.0 / 11.0,
        1.0 / 13.0,
        1.0 / 15.0,
        1.0 / 17.0,
        1.0 / 19.0,
        1.0 / 21.0,
        1.0 / 23.0,
    ];
    let mut sum = C[11];
    for c in C[..11].iter().rev() {
        sum = sum * z2 + c;
    }
    2.0 * z * sum + e as f64 * std::f64::consts::LN_2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portable_ln_is_accurate() {
        for &x in &[
            1e-300, 1e-10, 0.001, 0.3, 0.5, 0.7072, 0.99999, 1.0, 2.0, 1e10, 5e-320,
        ] {
            let (a, b) = (portable_ln(x), x.ln());
            assert!((a - b).abs() <= 4e-16 * b.abs().max(1.0), "{x}: {a} vs {b}");
        }
    }

    #[test]
    fn normals_have_mean_0_and_variance_1() {
        let mut rng = Rng::new(7, 0);
        let n = 200_000;
        let v: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let m = v.iter().sum::<f64>() / n as f64;
        let var = v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n as f64 - 1.0);
        assert!(m.abs() < 0.01 && (var - 1.0).abs() < 0.01, "{m} {var}");
    }

    #[test]
    fn the_sequence_is_fixed() {
        // xoshiro256** seeded by SplitMix64(seed 1, stream 0): these bits must never change
        let mut rng = Rng::new(1, 0);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        let again: Vec<u64> = {
            let mut r = Rng::new(1, 0);
            (0..3).map(|_| r.next_u64()).collect()
        };
        assert_eq!(first, again);
        assert_ne!(Rng::new(1, 1).next_u64(), first[0]);
    }

    #[test]
    fn parallel_analysis_is_deterministic_and_sensible() {
        // bfi's listwise eigenvalues (R: eigen(cor(na.omit(bfi[, 1:25])))$values)
        let observed = crate::stats::correlation_matrix::tests::vec_of(
            &crate::stats::correlation_matrix::tests::reference("bfi.json")["listwise"]["eigen"],
        );
        let opt = ParallelOptions {
            iterations: 20,
            seed: 42,
            quantile: Some(0.95),
        };
        let a = parallel_analysis(&observed, 2436, opt).unwrap();
        let b = parallel_analysis(&observed, 2436, opt).unwrap();
        assert_eq!(a, b);
        // R: set.seed(1); psych::fa.parallel(na.omit(bfi[1:25]), fa = "pc")$ncomp = 5 (its
        // 6th simulated eigenvalue 1.089 is above the observed 1.0736); the simulated first
        // eigenvalue of 2436 × 25 normal data is about (1 + √(25/2436))² ≈ 1.2
        assert_eq!(a.suggested, 5);
        assert!(
            a.simulated[0] > 1.1 && a.simulated[0] < 1.3,
            "{:?}",
            a.simulated
        );
        let mean = parallel_analysis(
            &observed,
            2436,
            ParallelOptions {
                quantile: None,
                ..opt
            },
        )
        .unwrap();
        assert!(mean.simulated[0] < a.simulated[0]);
        assert!(parallel_analysis(&observed, 2, opt).is_err());
        assert!(parallel_analysis(
            &observed,
            100,
            ParallelOptions {
                iterations: 0,
                ..opt
            }
        )
        .is_err());
        assert!(parallel_analysis(&observed, usize::MAX / 4, opt).is_err());
    }
}
