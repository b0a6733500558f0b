//! Accurate sums, means and sums of squares.
//!
//! R accumulates `mean()` and `var()` in 80-bit long doubles and refines the mean with a second
//! pass (`src/main/summary.c`, `src/library/stats/src/cov.c`). We get the same (or better)
//! accuracy in portable Rust with a double-double accumulator (Dekker/Knuth TwoSum), so a sample
//! offset by 1e9 gives the same SD as the unshifted one, and near-constant data give the same
//! rounding noise R reports.

/// A double-double accumulator: `hi + lo` holds the running sum with ~106 bits of precision.
#[derive(Debug, Clone, Copy, Default)]
pub struct Accumulator {
    hi: f64,
    lo: f64,
}

impl Accumulator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `x` exactly (TwoSum; Knuth, TAOCP vol. 2, 4.2.2).
    #[inline]
    pub fn add(&mut self, x: f64) {
        let s = self.hi + x;
        let bp = s - self.hi;
        let err = (self.hi - (s - bp)) + (x - bp);
        self.hi = s;
        self.lo += err;
    }

    /// The sum rounded to the nearest double.
    #[inline]
    pub fn value(&self) -> f64 {
        self.hi + self.lo
    }
}

/// How many [`Accumulator`]s a long sum keeps: independent chains of additions, which the
/// processor overlaps (one chain waits for each addition before the next: ~4 cycles a value).
const LANES: usize = 4;

/// Σ f(x) with [`LANES`] accumulators, value i into lane i mod [`LANES`], the lanes' high and
/// low parts added into one at the end: several times faster than one accumulator and, each
/// lane a double-double, as accurate (the two may differ in the last bit only for values that
/// span more than ~2^100, where each can lose a low part: [2^100, −2^100, 1, −1, 2^−60]).
#[inline]
fn sum_map(x: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    let mut lanes = [Accumulator::new(); LANES];
    let mut chunks = x.chunks_exact(LANES);
    for c in &mut chunks {
        for (lane, &v) in lanes.iter_mut().zip(c) {
            lane.add(f(v));
        }
    }
    for (lane, &v) in lanes.iter_mut().zip(chunks.remainder()) {
        lane.add(f(v));
    }
    joined(&lanes)
}

/// Σ f(x, y) over pairs, as [`sum_map`].
#[inline]
fn sum_map2(x: &[f64], y: &[f64], f: impl Fn(f64, f64) -> f64) -> f64 {
    debug_assert_eq!(x.len(), y.len());
    let mut lanes = [Accumulator::new(); LANES];
    let (mut xs, mut ys) = (x.chunks_exact(LANES), y.chunks_exact(LANES));
    for (a, b) in (&mut xs).zip(&mut ys) {
        for ((lane, &u), &v) in lanes.iter_mut().zip(a).zip(b) {
            lane.add(f(u, v));
        }
    }
    for ((lane, &u), &v) in lanes.iter_mut().zip(xs.remainder()).zip(ys.remainder()) {
        lane.add(f(u, v));
    }
    joined(&lanes)
}

/// [`sum`] and the largest |x| (NaN passed over, as `f64::max` does) in one pass.
fn sum_and_largest(x: &[f64]) -> (f64, f64) {
    let mut lanes = [Accumulator::new(); LANES];
    let mut big = [0.0f64; LANES];
    let mut take = |j: usize, v: f64| {
        lanes[j].add(v);
        big[j] = if v.abs() > big[j] { v.abs() } else { big[j] };
    };
    let mut chunks = x.chunks_exact(LANES);
    for c in &mut chunks {
        for (j, &v) in c.iter().enumerate() {
            take(j, v);
        }
    }
    for (j, &v) in chunks.remainder().iter().enumerate() {
        take(j, v);
    }
    (joined(&lanes), big.iter().fold(0.0f64, |m, &v| m.max(v)))
}

/// The sum of the lanes' sums.
fn joined(lanes: &[Accumulator]) -> f64 {
    let mut acc = Accumulator::new();
    for lane in lanes {
        acc.add(lane.hi);
    }
    for lane in lanes {
        acc.add(lane.lo);
    }
    acc.value()
}

/// Sum of the values, accurate to about one rounding.
pub fn sum(x: &[f64]) -> f64 {
    sum_map(x, |v| v)
}

/// Arithmetic mean with a refining second pass, as R's `mean.default`:
/// m = Σx/n, then m + Σ(x − m)/n. NaN for an empty slice.
pub fn mean(x: &[f64]) -> f64 {
    mean_from_sum(x, sum(x))
}

/// [`mean`] of `x` whose [`sum`] is `total`.
fn mean_from_sum(x: &[f64], total: f64) -> f64 {
    let n = x.len() as f64;
    let m = total / n;
    if !m.is_finite() {
        return m;
    }
    m + sum_map(x, |v| v - m) / n
}

/// Σ (x − m)² with an accurate accumulator (two-pass: the caller passes the mean).
pub fn sum_sq_dev(x: &[f64], m: f64) -> f64 {
    sum_map(x, |v| (v - m) * (v - m))
}

/// A sample's size, mean ([`mean`]) and sum of squared deviations from it ([`sum_sq_dev`]):
/// computed once, read by every statistic of the sample.
///
/// Scale-invariant: a sample whose largest |x| lies outside [2⁻⁴⁵⁰, 2⁴⁵⁰] is first multiplied by
/// the power of 2 that brings it to [½, 1) (exactly: a power of 2 only changes the exponent), so
/// that the squares neither underflow (scores × 1e-200 kept their spread) nor overflow; the sum
/// of squares is kept in those units, `ss_unit`·4^`scale_exp`. Within the range (every sample
/// of real scores) nothing is scaled and every value is what it was.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moments {
    pub n: usize,
    pub mean: f64,
    /// Σ (x − mean)² divided by 4^`scale_exp` (the sum itself for real scores).
    pub ss_unit: f64,
    /// The power of 2 the sample was divided by (0 within [2⁻⁴⁵⁰, 2⁴⁵⁰]).
    pub scale_exp: i32,
}

/// The largest |x| outside which [`Moments`] scales a sample: the squares of the deviations of
/// smaller (larger) samples may underflow (overflow).
const SAFE_EXP: i32 = 450;

/// x·2^k, exactly (in steps that neither overflow nor underflow on the way).
pub fn ldexp(x: f64, k: i32) -> f64 {
    let mut x = x;
    let mut k = k;
    while k > 1000 {
        x *= 2f64.powi(1000);
        k -= 1000;
    }
    while k < -1000 {
        x *= 2f64.powi(-1000);
        k += 1000;
    }
    x * 2f64.powi(k)
}

/// The exponent e with |x|·2^−e in [½, 1) for the largest |x| of the sample, when that lies
/// outside [2^−SAFE_EXP, 2^SAFE_EXP]; else 0 (also for an empty or all-zero sample).
pub fn scale_exponent(x: &[f64]) -> i32 {
    exponent_of_largest(x.iter().fold(0.0f64, |m, v| m.max(v.abs())))
}

/// [`scale_exponent`] of a sample whose largest |x| is `big`.
fn exponent_of_largest(big: f64) -> i32 {
    let lim = 2f64.powi(SAFE_EXP);
    if big == 0.0 || !big.is_finite() || (big >= 1.0 / lim && big <= lim) {
        return 0;
    }
    // the binary exponent of `big` (subnormals are normalized first)
    let (b, extra) = if big < f64::MIN_POSITIVE {
        (big * 2f64.powi(64), -64)
    } else {
        (big, 0)
    };
    ((b.to_bits() >> 52) as i32 - 1022) + extra
}

impl Moments {
    pub fn of(x: &[f64]) -> Moments {
        // (the sum and the largest |x| in one pass; the sum serves when nothing is scaled)
        let (total, big) = sum_and_largest(x);
        let k = exponent_of_largest(big);
        if k == 0 {
            let m = mean_from_sum(x, total);
            return Moments {
                n: x.len(),
                mean: m,
                ss_unit: sum_sq_dev(x, m),
                scale_exp: 0,
            };
        }
        let scaled: Vec<f64> = x.iter().map(|&v| ldexp(v, -k)).collect();
        let m = mean(&scaled);
        Moments {
            n: x.len(),
            mean: ldexp(m, k),
            ss_unit: sum_sq_dev(&scaled, m),
            scale_exp: k,
        }
    }

    /// The sample SD (n − 1 denominator); None below two values.
    pub fn sd(&self) -> Option<f64> {
        (self.n >= 2).then(|| {
            ldexp(
                (self.ss_unit / (self.n as f64 - 1.0)).sqrt(),
                self.scale_exp,
            )
        })
    }

    /// The standard error of the mean, SD/√n, as √(SS/(n − 1)/n); None below two values.
    pub fn se(&self) -> Option<f64> {
        (self.n >= 2).then(|| {
            let n = self.n as f64;
            ldexp((self.ss_unit / (n - 1.0) / n).sqrt(), self.scale_exp)
        })
    }

    /// Whether every value equals the mean (no spread at all).
    pub fn is_constant(&self) -> bool {
        self.ss_unit == 0.0
    }

    /// Σ (x − mean)², which may overflow or underflow for a scaled sample ([`Moments::sd`] and
    /// [`Moments::se`] do not).
    pub fn ss(&self) -> f64 {
        ldexp(self.ss_unit, 2 * self.scale_exp)
    }
}

/// Σ (x − mx)(y − my)/2^(ex + ey) with an accurate accumulator: the cross products of two
/// samples in the units of their [`Moments`] (`ex`, `ey` their `scale_exp`).
pub fn sum_cross_dev_scaled(x: &[f64], mx: f64, ex: i32, y: &[f64], my: f64, ey: i32) -> f64 {
    if ex == 0 && ey == 0 {
        return sum_cross_dev(x, mx, y, my);
    }
    let (mx, my) = (ldexp(mx, -ex), ldexp(my, -ey));
    sum_map2(x, y, |a, b| (ldexp(a, -ex) - mx) * (ldexp(b, -ey) - my))
}

/// Σ (x − mx)(y − my) with an accurate accumulator.
pub fn sum_cross_dev(x: &[f64], mx: f64, y: &[f64], my: f64) -> f64 {
    sum_map2(x, y, |a, b| (a - mx) * (b - my))
}

/// Sample variance with the n − 1 denominator (R's `var`). NaN for n < 2.
pub fn variance(x: &[f64]) -> f64 {
    if x.len() < 2 {
        return f64::NAN;
    }
    sum_sq_dev(x, mean(x)) / (x.len() as f64 - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sum_is_exact_where_naive_summation_loses_everything() {
        // 1e16 + 1 - 1e16 in naive f64 arithmetic is 0; exactly it is 1.
        assert_eq!(sum(&[1e16, 1.0, -1e16]), 1.0);
    }

    /// Scores × 1e-200 and × 1e300: the SD is the unscaled one scaled back (issue 27: the
    /// squares underflowed and the SD came out 0); × a power of 2, to the last bit.
    #[test]
    fn moments_are_scale_invariant() {
        let x = [12.0, 15.0, 11.0, 19.0, 14.0, 13.0, 17.0, 16.0];
        let base = Moments::of(&x);
        let sd = base.sd().unwrap();
        for k in [-700, -1040, 1000, 600, -460] {
            let y: Vec<f64> = x.iter().map(|&v| ldexp(v, k)).collect();
            let m = Moments::of(&y);
            assert_eq!(m.sd().unwrap(), ldexp(sd, k), "2^{k}");
            assert_eq!(m.mean, ldexp(base.mean, k), "2^{k}");
            assert_eq!(m.se().unwrap(), ldexp(base.se().unwrap(), k), "2^{k}");
        }
        for f in [1e-200, 1e-300, 1e300, 1e-160, 1e150] {
            let y: Vec<f64> = x.iter().map(|v| v * f).collect();
            let m = Moments::of(&y);
            let rel = |a: f64, b: f64| ((a - b) / b).abs();
            assert!(rel(m.sd().unwrap(), sd * f) < 1e-14, "{f}: {:?}", m.sd());
            assert!(rel(m.mean, base.mean * f) < 1e-14, "{f}");
            assert!(!m.is_constant());
        }
        // within [2^-450, 2^450] nothing is scaled
        assert_eq!(base.scale_exp, 0);
        assert_eq!(base.ss(), base.ss_unit);
        assert_eq!(ldexp(1.0, -1076), 0.0);
        assert_eq!(ldexp(3.0, -1076), 5e-324);
        assert_eq!(ldexp(f64::MIN_POSITIVE, 1022), 1.0);
    }

    #[test]
    fn mean_and_variance_of_a_shifted_sample_agree_with_the_unshifted_one() {
        let x = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        let shifted: Vec<f64> = x.iter().map(|v| v + 1e9).collect();
        // var(c(2,4,4,4,5,5,7,9)) = 4.571428571428571 in R.
        assert_eq!(variance(&x), 32.0 / 7.0);
        assert_eq!(variance(&shifted), 32.0 / 7.0);
        assert_eq!(mean(&shifted) - 1e9, 5.0);
    }
}
