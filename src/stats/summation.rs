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

/// Sum of the values, accurate to about one rounding.
pub fn sum(x: &[f64]) -> f64 {
    let mut acc = Accumulator::new();
    for &v in x {
        acc.add(v);
    }
    acc.value()
}

/// Arithmetic mean with a refining second pass, as R's `mean.default`:
/// m = Σx/n, then m + Σ(x − m)/n. NaN for an empty slice.
pub fn mean(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let m = sum(x) / n;
    if !m.is_finite() {
        return m;
    }
    let mut acc = Accumulator::new();
    for &v in x {
        acc.add(v - m);
    }
    m + acc.value() / n
}

/// Σ (x − m)² with an accurate accumulator (two-pass: the caller passes the mean).
pub fn sum_sq_dev(x: &[f64], m: f64) -> f64 {
    let mut acc = Accumulator::new();
    for &v in x {
        let d = v - m;
        acc.add(d * d);
    }
    acc.value()
}

/// A sample's size, mean ([`mean`]) and sum of squared deviations from it ([`sum_sq_dev`]):
/// computed once, read by every statistic of the sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moments {
    pub n: usize,
    pub mean: f64,
    /// Σ (x − mean)²
    pub ss: f64,
}

impl Moments {
    pub fn of(x: &[f64]) -> Moments {
        let m = mean(x);
        Moments {
            n: x.len(),
            mean: m,
            ss: sum_sq_dev(x, m),
        }
    }

    /// The sample SD (n − 1 denominator); None below two values.
    pub fn sd(&self) -> Option<f64> {
        (self.n >= 2).then(|| (self.ss / (self.n as f64 - 1.0)).sqrt())
    }
}

/// Σ (x − mx)(y − my) with an accurate accumulator.
pub fn sum_cross_dev(x: &[f64], mx: f64, y: &[f64], my: f64) -> f64 {
    let mut acc = Accumulator::new();
    for (&a, &b) in x.iter().zip(y) {
        acc.add((a - mx) * (b - my));
    }
    acc.value()
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
