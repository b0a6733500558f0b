//! Two independent proportions: the difference with Newcombe's hybrid score interval, and
//! Fisher's exact test of the 2 × 2 table.

use super::distributions::{lgamma, qnorm};
use super::{NotComputable, Outcome};

/// The Wilson score interval of x successes in n (Wilson 1927), without continuity correction.
fn wilson(x: f64, n: f64, z: f64) -> (f64, f64) {
    let p = x / n;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// p₁ − p₂ of x₁/n₁ and x₂/n₂ with Newcombe's (1998) method 10, the hybrid score interval
/// from the two Wilson intervals (l₁, u₁), (l₂, u₂):
///   [d − √((p₁ − l₁)² + (u₂ − p₂)²),  d + √((u₁ − p₁)² + (p₂ − l₂)²)].
pub fn difference(x1: u64, n1: u64, x2: u64, n2: u64, conf_level: f64) -> Outcome<(f64, f64, f64)> {
    if n1 == 0 || n2 == 0 {
        return Err(NotComputable::TooFewObservations {
            n: n1.min(n2) as usize,
            needed: 1,
        });
    }
    let z = qnorm(1.0 - (1.0 - conf_level) / 2.0);
    let (x1, n1, x2, n2) = (x1 as f64, n1 as f64, x2 as f64, n2 as f64);
    let (p1, p2) = (x1 / n1, x2 / n2);
    let ((l1, u1), (l2, u2)) = (wilson(x1, n1, z), wilson(x2, n2, z));
    let d = p1 - p2;
    Ok((
        d,
        d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt(),
        d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt(),
    ))
}

/// Two-sided p of Fisher's exact test of the table [[a, b], [c, d]] (R `fisher.test`): the
/// hypergeometric probabilities of the tables with the same margins that are no more likely
/// than the one observed (up to R's relative tolerance 1e-7), summed.
pub fn fisher_exact(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let (row1, col1, n) = (a + b, a + c, a + b + c + d);
    let lo = col1.saturating_sub(n - row1);
    let hi = row1.min(col1);
    let ln_choose = |n: u64, k: u64| {
        lgamma(n as f64 + 1.0) - lgamma(k as f64 + 1.0) - lgamma((n - k) as f64 + 1.0)
    };
    let ln_total = ln_choose(n, col1);
    let prob = |x: u64| (ln_choose(row1, x) + ln_choose(n - row1, col1 - x) - ln_total).exp();
    let observed = prob(a);
    let p: f64 = (lo..=hi)
        .map(prob)
        .filter(|&q| q <= observed * (1.0 + 1e-7))
        .sum();
    p.min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_close, TOL_CLOSED};

    /// Newcombe (1998), Statistics in Medicine 17, 873–890, Table II, example (a): 56/70 − 48/80,
    /// method 10: 0.0524 to 0.3339.
    #[test]
    fn newcombes_worked_example() {
        let (d, lo, hi) = difference(56, 70, 48, 80, 0.95).unwrap();
        assert_close(d, 0.2, TOL_CLOSED, "difference");
        assert!((lo - 0.0524).abs() < 5e-5, "{lo}");
        assert!((hi - 0.3339).abs() < 5e-5, "{hi}");
        // at the edges the interval stays within [−1, 1]
        let (d, lo, hi) = difference(10, 10, 0, 10, 0.95).unwrap();
        assert!(d == 1.0 && lo > 0.5 && lo < 1.0 && hi == 1.0, "{lo} {hi}");
    }

    /// R: fisher.test(matrix(c(a, c, b, d), 2))$p.value for each table, print(digits = 17).
    #[test]
    fn fisher_matches_r() {
        for ((a, b, c, d), want) in [
            ((3, 8, 0, 10), 0.2142857142857144126),
            ((7, 3, 2, 8), 0.0697785186949273356),
            ((1, 11, 9, 3), 0.0027594561852200862),
            ((0, 5, 0, 6), 1.0),
            ((12, 3, 5, 9), 0.0253276870336761224),
        ] {
            assert_close(
                fisher_exact(a, b, c, d),
                want,
                TOL_CLOSED,
                &format!("fisher {a} {b} {c} {d}"),
            );
        }
    }
}
