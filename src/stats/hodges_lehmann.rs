//! Hodges–Lehmann estimate of the pseudomedian of the differences, with the distribution-free
//! confidence interval from the signed-rank distribution (Tukey's Walsh-average interval).

use super::distributions::{pnorm, qnorm};
use super::tally::Tally;
use super::wilcoxon::signed_rank_cdf;
use super::{check_finite, Alternative, NotComputable, Outcome};
use serde::Serialize;

/// Up to this n the CI ranks come from the exact signed-rank distribution (R's `qsignrank`);
/// above it from its normal approximation with continuity correction.
pub const HL_EXACT_MAX_N: usize = 1000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HodgesLehmann {
    /// Differences used.
    pub n: usize,
    /// Median of the n(n+1)/2 Walsh averages (d_i + d_j)/2, i ≤ j.
    pub estimate: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// Requested confidence level.
    pub conf_level: f64,
    /// Coverage the order-statistic interval actually has under the untied signed-rank
    /// distribution (≥ the requested level; R reports it only when it falls short).
    pub achieved_conf_level: f64,
}

/// Hodges–Lehmann estimator and CI (Hollander & Wolfe 1999, §3.2–3.3; R's
/// `wilcox.test(..., conf.int = TRUE)` exact branch, `stats:::wilcox.test.default`).
///
/// With W₍₁₎ ≤ … ≤ W₍M₎ the sorted Walsh averages, M = n(n+1)/2, and k = `qsignrank(α/2, n)`
/// (k = 1 if that is 0): CI = [W₍k₎, W₍M−k+1₎], achieved level 1 − 2·P(V ≤ k − 1). One-sided:
/// k = `qsignrank(α, n)` and an infinite end. R uses this interval only without ties and zeros;
/// here it is used always (as `reference.R`'s `hodges_lehmann`), and the achieved level is
/// reported so a reader can see what the interval covers.
///
/// The k-th Walsh average is found without forming all M of them (randomized selection over
/// the implicit sorted matrix, Monahan 1984, ACM TOMS Algorithm 616), so n = 10⁶ is fine.
pub fn hodges_lehmann(
    d: &[f64],
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<HodgesLehmann> {
    check_finite(d)?;
    hodges_lehmann_tallied(&Tally::of(d), alternative, conf_level)
}

/// [`hodges_lehmann`] of the differences tallied (finite).
pub fn hodges_lehmann_tallied(
    d: &Tally,
    alternative: Alternative,
    conf_level: f64,
) -> Outcome<HodgesLehmann> {
    let n = d.n() as usize;
    if n == 0 {
        return Err(NotComputable::TooFewObservations { n: 0, needed: 1 });
    }
    let walsh = |k: u64| walsh_kth_weighted(d.values(), d.counts(), k);
    let m = n as u64 * (n as u64 + 1) / 2;
    let estimate = if m % 2 == 1 {
        walsh(m.div_ceil(2)) / 2.0
    } else {
        let below = walsh(m / 2);
        let a = below / 2.0;
        let b = walsh_next(d.values(), d.counts(), below, m / 2) / 2.0;
        super::summation::mean(&[a, b])
    };
    let alpha = 1.0 - conf_level;
    let tail = match alternative {
        Alternative::TwoSided => alpha / 2.0,
        _ => alpha,
    };
    let (k, below) = signrank_quantile(tail, n);
    let k = k.max(1);
    let below = if k == 1 { signrank_cdf_at(0, n) } else { below };
    let (ci_low, ci_high, achieved) = match alternative {
        Alternative::TwoSided => (walsh(k) / 2.0, walsh(m - k + 1) / 2.0, 1.0 - 2.0 * below),
        Alternative::Greater => (walsh(k) / 2.0, f64::INFINITY, 1.0 - below),
        Alternative::Less => (f64::NEG_INFINITY, walsh(m - k + 1) / 2.0, 1.0 - below),
    };
    Ok(HodgesLehmann {
        n,
        estimate,
        ci_low,
        ci_high,
        conf_level,
        achieved_conf_level: achieved,
    })
}

/// R's `qsignrank(p, n)` for p ≤ ½ (smallest q with P(V ≤ q) ≥ p, with R's 10ε fuzz), and
/// P(V ≤ q − 1), for the untied signed-rank statistic V of n observations.
fn signrank_quantile(p: f64, n: usize) -> (u64, f64) {
    let m = n as u64 * (n as u64 + 1) / 2;
    if n > HL_EXACT_MAX_N {
        let (mean, sd) = signrank_moments(n);
        let q = (mean + sd * qnorm(p) - 0.5).ceil().max(0.0) as u64;
        let below = pnorm((q as f64 - 0.5 - mean) / sd);
        return (q, if q == 0 { 0.0 } else { below });
    }
    let weights: Vec<u64> = (1..=n as u64).collect();
    let cdf = signed_rank_cdf(&weights, (m / 2) as usize);
    if p <= 0.5 {
        let target = p - 10.0 * f64::EPSILON;
        let q = cdf.iter().position(|&c| c >= target).unwrap_or(cdf.len()) as u64;
        let below = if q == 0 { 0.0 } else { cdf[q as usize - 1] };
        (q, below)
    } else {
        // R's upper branch: q' = the first index with P(V ≤ q') > 1 − p (+ 10ε), q = M − q'.
        // By symmetry P(V ≤ q − 1) = P(V ≥ M − q + 1) = 1 − P(V ≤ q').
        let target = 1.0 - p + 10.0 * f64::EPSILON;
        let q1 = cdf
            .iter()
            .position(|&c| c > target)
            .unwrap_or(cdf.len() - 1);
        (m - q1 as u64, 1.0 - cdf[q1])
    }
}

/// P(V ≤ q) for the untied signed-rank statistic (R's `psignrank`), small q only.
fn signrank_cdf_at(q: u64, n: usize) -> f64 {
    if n > HL_EXACT_MAX_N {
        let (mean, sd) = signrank_moments(n);
        return pnorm((q as f64 + 0.5 - mean) / sd);
    }
    let weights: Vec<u64> = (1..=n as u64).collect();
    signed_rank_cdf(&weights, q as usize)[q as usize]
}

/// Mean n(n+1)/4 and SD √(n(n+1)(2n+1)/24) of the untied signed-rank statistic.
fn signrank_moments(n: usize) -> (f64, f64) {
    let nf = n as f64;
    (
        nf * (nf + 1.0) / 4.0,
        (nf * (nf + 1.0) * (2.0 * nf + 1.0) / 24.0).sqrt(),
    )
}

/// The k-th smallest (1-based) of the pairwise sums x_i + x_j, i ≤ j, of sorted `x`.
///
/// Tied values are taken together: with the distinct values u_a (sorted) and their counts
/// c_a, the sum u_a + u_b (a < b) stands for c_a·c_b pairs and u_a + u_a for c_a(c_a + 1)/2.
/// Row a holds the increasing sums u_a + u_b, b ≥ a. Each round keeps, per row, the column
/// range still in play, takes a random cell as pivot, counts the pairs below and equal to it
/// with one monotone sweep (the boundary column falls as a grows) and prefix sums of the
/// counts, and keeps the side that holds rank k. Expected O(m log m) time for m distinct
/// values (Monahan 1984, ACM TOMS Algorithm 616, with weights): the differences of Likert
/// scores have a few hundred, so a million of them take milliseconds.
pub fn walsh_kth(x: &[f64], k: u64) -> f64 {
    let n = x.len();
    let m = n as u64 * (n as u64 + 1) / 2;
    assert!(k >= 1 && k <= m, "rank {k} outside 1..={m}");
    let t = Tally::from_sorted(x);
    walsh_kth_weighted(t.values(), t.counts(), k)
}

/// [`walsh_kth`] over distinct sorted values `u` with counts `c`.
///
/// Each round narrows, per row, the columns still in play. Its pivots come from a sample of the
/// cells in play (Floyd & Rivest 1975, "Expected time bounds for selection", CACM 18: two
/// sample quantiles that bracket the sought rank with high probability), so a round keeps about
/// a tenth of the cells, not three quarters as one random pivot does: a dozen rounds of O(m)
/// sweeps for a million distinct differences instead of ~90. A round whose bracket misses falls
/// back to one pivot, which always makes progress; the answer never depends on the pivots.
fn walsh_kth_weighted(u: &[f64], c: &[u64], k: u64) -> f64 {
    let n = u.len();
    // prefix[b] = c_0 + … + c_{b−1}
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0u64);
    for &ci in c {
        prefix.push(prefix.last().expect("starts with 0") + ci);
    }
    // pairs in row a, columns lo..hi (lo ≥ a)
    let pairs = |a: usize, lo: usize, hi: usize| -> u64 {
        if hi <= lo {
            return 0;
        }
        let all = c[a] * (prefix[hi] - prefix[lo]);
        if lo == a {
            all - c[a] * c[a] + c[a] * (c[a] + 1) / 2
        } else {
            all
        }
    };
    // pairs of the cells in play below `bound` (first column of each row outside it), and that
    // bound clamped into the rows' ranges
    let count_below = |lo: &[usize], hi: &[usize], bound: &[usize]| -> u64 {
        (0..n)
            .map(|a| pairs(a, lo[a], bound[a].clamp(lo[a], hi[a])))
            .sum()
    };
    let mut lo: Vec<usize> = (0..n).collect();
    let mut hi: Vec<usize> = vec![n; n];
    let mut below: u64 = 0; // pairs known to rank before every candidate
    let mut rng: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |m: u64| -> u64 {
        // xorshift64*
        rng ^= rng >> 12;
        rng ^= rng << 25;
        rng ^= rng >> 27;
        rng.wrapping_mul(0x2545_F491_4F6C_DD1D) % m
    };
    let mut single_pivot = false;
    loop {
        // cells in play per row, as prefix sums, to find the r-th cell
        let mut starts: Vec<u64> = Vec::with_capacity(n + 1);
        starts.push(0);
        for a in 0..n {
            starts.push(starts[a] + (hi[a] - lo[a]) as u64);
        }
        let cells = starts[n];
        let kk = k - below; // rank among the candidates, 1-based
        if cells <= 1 << 14 {
            let mut cand: Vec<(f64, u64)> = Vec::with_capacity(cells as usize);
            for a in 0..n {
                cand.extend((lo[a]..hi[a]).map(|b| (u[a] + u[b], pairs(a, b, b + 1))));
            }
            cand.sort_unstable_by(|p, q| p.0.total_cmp(&q.0));
            let mut seen = 0u64;
            for (sum, count) in cand {
                seen += count;
                if seen >= kk {
                    return sum;
                }
            }
            unreachable!("rank {kk} is among the candidates");
        }
        let cell = |r: u64| -> f64 {
            let a = starts.partition_point(|&s| s <= r) - 1;
            u[a] + u[lo[a] + (r - starts[a]) as usize]
        };
        let in_play: u64 = (0..n).map(|a| pairs(a, lo[a], hi[a])).sum();
        if single_pivot {
            // one random cell as pivot
            single_pivot = false;
            let pivot = cell(next(cells));
            let lt = boundaries(u, |s| s >= pivot);
            let le = boundaries(u, |s| s > pivot);
            let (count_lt, count_le) = (count_below(&lo, &hi, &lt), count_below(&lo, &hi, &le));
            if kk <= count_lt {
                for a in 0..n {
                    hi[a] = lt[a].clamp(lo[a], hi[a]);
                }
            } else if kk <= count_le {
                return pivot;
            } else {
                below += count_le;
                for a in 0..n {
                    lo[a] = le[a].clamp(lo[a], hi[a]);
                }
            }
            continue;
        }
        // two pivots from a sample: its quantiles at the sought fraction ± 3 sampling SDs
        const SAMPLE: usize = 1024;
        let mut sample: Vec<f64> = (0..SAMPLE).map(|_| cell(next(cells))).collect();
        sample.sort_unstable_by(f64::total_cmp);
        let f = kk as f64 / in_play as f64;
        let spread = 3.0 * (f * (1.0 - f) / SAMPLE as f64).sqrt() + 2.0 / SAMPLE as f64;
        let at = |q: f64| sample[((q.clamp(0.0, 1.0) * (SAMPLE - 1) as f64).round()) as usize];
        let (p_low, p_high) = (at(f - spread), at(f + spread));
        // pairs below p_low, and at most p_high
        let lt = boundaries(u, |s| s >= p_low);
        let le = boundaries(u, |s| s > p_high);
        let (count_lt, count_le) = (count_below(&lo, &hi, &lt), count_below(&lo, &hi, &le));
        if kk <= count_lt {
            for a in 0..n {
                hi[a] = lt[a].clamp(lo[a], hi[a]);
            }
        } else if kk > count_le {
            below += count_le;
            for a in 0..n {
                lo[a] = le[a].clamp(lo[a], hi[a]);
            }
        } else if p_low == p_high {
            return p_low; // every pair from rank count_lt + 1 to count_le has this sum
        } else {
            // the rank is bracketed: keep the cells from p_low to p_high
            let kept: u64 = (0..n)
                .map(|a| (le[a].clamp(lo[a], hi[a]) - lt[a].clamp(lo[a], hi[a])) as u64)
                .sum();
            below += count_lt;
            for a in 0..n {
                let (l, h) = (lt[a].clamp(lo[a], hi[a]), le[a].clamp(lo[a], hi[a]));
                lo[a] = l;
                hi[a] = h;
            }
            // (a bracket that keeps most cells: many equal sums; one pivot next)
            single_pivot = kept > cells / 2;
        }
    }
}

/// The (k+1)-th smallest pairwise sum of [`walsh_kth_weighted`], given that `v` is the k-th:
/// `v` again when more than k pairs sum to at most `v`, else the smallest sum above `v`, the
/// least of each row's first sum above it (one sweep instead of a second selection).
fn walsh_next(u: &[f64], c: &[u64], v: f64, k: u64) -> f64 {
    let n = u.len();
    let above = boundaries(u, |s| s > v);
    // prefix[b] = c_0 + … + c_{b−1}
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0u64);
    for &ci in c {
        prefix.push(prefix[prefix.len() - 1] + ci);
    }
    let (mut at_most, mut next) = (0u64, f64::INFINITY);
    for a in 0..n {
        let h = above[a];
        if h > a {
            // row a's pairs at most v, columns a..h: c_a(c_a + 1)/2 with itself, c_a·c_b else
            at_most += c[a] * (c[a] + 1) / 2 + c[a] * (prefix[h] - prefix[a + 1]);
        }
        if h < n {
            next = next.min(u[a] + u[h]);
        }
    }
    if at_most > k {
        v
    } else {
        next
    }
}

/// For each row i, the first column j ≥ i where `pred(x_i + x_j)` holds (n if none), for a
/// predicate monotone in the sum. The boundary does not increase with i, so one sweep suffices.
fn boundaries(x: &[f64], pred: impl Fn(f64) -> bool) -> Vec<usize> {
    let n = x.len();
    let mut out = vec![n; n];
    let mut j = n; // candidate boundary for the current row, scanning down
    for i in 0..n {
        // move j down while the sum just below still satisfies pred
        while j > i && pred(x[i] + x[j - 1]) {
            j -= 1;
        }
        out[i] = j.max(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::*;
    use proptest::prelude::*;

    fn brute_walsh(x: &[f64]) -> Vec<f64> {
        let mut w = Vec::new();
        for i in 0..x.len() {
            for j in i..x.len() {
                w.push(x[i] + x[j]);
            }
        }
        w.sort_by(f64::total_cmp);
        w
    }

    #[test]
    fn estimate_and_interval_match_r_on_every_case() {
        // reference.R: hodges_lehmann.{all_diffs, nonzero_diffs}: median of the Walsh averages
        // and [W_(k), W_(M-k+1)] with k = qsignrank(0.025, n) — R's wilcox.test exact-branch
        // interval — and achieved level 1 - 2 psignrank(k - 1, n).
        for name in case_names() {
            let case = reference_case(&name);
            let nonzero: Vec<f64> = case.diff.iter().copied().filter(|&v| v != 0.0).collect();
            for (key, d) in [("all_diffs", &case.diff), ("nonzero_diffs", &nonzero)] {
                let r = &case.reference["hodges_lehmann"][key];
                let ctx = format!("{name} {key}");
                let Some(est) = r.get("estimate").and_then(num) else {
                    assert!(d.is_empty(), "{ctx}");
                    continue;
                };
                let got = hodges_lehmann(d, Alternative::TwoSided, 0.95).unwrap();
                assert_close(got.estimate, est, TOL_CLOSED, &ctx);
                assert_close(
                    got.ci_low,
                    num(&r["conf_int"][0]).unwrap(),
                    TOL_CLOSED,
                    &ctx,
                );
                assert_close(
                    got.ci_high,
                    num(&r["conf_int"][1]).unwrap(),
                    TOL_CLOSED,
                    &ctx,
                );
                assert_close(
                    got.achieved_conf_level,
                    num(&r["achieved_conf_level"]).unwrap(),
                    TOL_CLOSED,
                    &ctx,
                );
            }
        }
    }

    #[test]
    fn r_wilcox_test_exact_branch_interval() {
        // R: wilcox.test(y, x, paired = TRUE, conf.int = TRUE) on Hollander & Wolfe
        // (x, y from ?wilcox.test): (pseudo)median -0.46, 95% CI [-0.786, 0.010]; both exact.
        let case = reference_case("hollander_wolfe");
        let r = &case.reference["wilcoxon"]["conf_int"]["default"];
        let got = hodges_lehmann(&case.diff, Alternative::TwoSided, 0.95).unwrap();
        assert_close(
            got.estimate,
            num(&r["estimate"]).unwrap(),
            TOL_CLOSED,
            "HW estimate",
        );
        assert_close(
            got.ci_low,
            num(&r["conf_int"][0]).unwrap(),
            TOL_CLOSED,
            "HW low",
        );
        assert_close(
            got.ci_high,
            num(&r["conf_int"][1]).unwrap(),
            TOL_CLOSED,
            "HW high",
        );
    }

    #[test]
    fn one_sided_intervals_match_r() {
        // R: x <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
        //    y <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)
        //    print(wilcox.test(y, x, paired = TRUE, conf.int = TRUE, alternative = "less")$conf.int,
        //          digits = 17) -> -Inf -0.17500000000000004; "greater" -> -0.7260000000000002 Inf
        let case = reference_case("hollander_wolfe");
        let less = hodges_lehmann(&case.diff, Alternative::Less, 0.95).unwrap();
        assert_close(less.ci_high, -0.17500000000000004, TOL_CLOSED, "less high");
        assert_eq!(less.ci_low, f64::NEG_INFINITY);
        let greater = hodges_lehmann(&case.diff, Alternative::Greater, 0.95).unwrap();
        assert_close(
            greater.ci_low,
            -0.7260000000000002,
            TOL_CLOSED,
            "greater low",
        );
    }

    #[test]
    #[allow(clippy::approx_constant)] // 3.14 is a data value here
    fn confidence_levels_below_one_half_use_the_upper_branch_of_qsignrank() {
        // R: x <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30, 2.2)
        //    y <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29, 1.1)
        //    qsignrank(0.6, 10) = 30; wilcox.test(y, x, paired = TRUE, conf.int = TRUE,
        //      alternative = "greater", conf.level = 0.4)$conf.int[1] = -0.481
        assert_eq!(signrank_quantile(0.6, 10).0, 30);
        let x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30, 2.2];
        let y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29, 1.1];
        let d: Vec<f64> = x.iter().zip(&y).map(|(a, b)| b - a).collect();
        let got = hodges_lehmann(&d, Alternative::Greater, 0.4).unwrap();
        assert_close(got.ci_low, -0.481, 1e-12, "conf 0.4 greater");
    }

    #[test]
    fn large_samples_use_the_implicit_selection() {
        // 3001 values with heavy ties: compare every order statistic we need with brute force.
        let x: Vec<f64> = (0..3001).map(|i| f64::from(i * 7919 % 13 - 6)).collect();
        let mut s = x.clone();
        s.sort_by(f64::total_cmp);
        let w = brute_walsh(&s);
        for k in [
            1u64,
            2,
            1000,
            w.len() as u64 / 2,
            w.len() as u64 - 5,
            w.len() as u64,
        ] {
            assert_eq!(walsh_kth(&s, k), w[k as usize - 1], "k = {k}");
        }
    }

    proptest! {
        #[test]
        fn walsh_selection_equals_sorting(v in prop::collection::vec(-50i32..50, 1..120), frac in 0.0f64..1.0) {
            let mut x: Vec<f64> = v.into_iter().map(|a| f64::from(a) / 4.0).collect();
            x.sort_by(f64::total_cmp);
            let w = brute_walsh(&x);
            let k = 1 + ((w.len() - 1) as f64 * frac) as u64;
            prop_assert_eq!(walsh_kth(&x, k), w[k as usize - 1]);
        }

        #[test]
        fn selection_rounds_with_ties_equal_sorting(v in prop::collection::vec(-900i32..900, 100..500), frac in 0.0f64..1.0) {
            // enough distinct values for the pivot rounds (> 2^14 cells), and ties
            let mut x: Vec<f64> = v.into_iter().map(|a| f64::from(a / 3) / 2.0).collect();
            x.sort_by(f64::total_cmp);
            let w = brute_walsh(&x);
            let k = 1 + ((w.len() - 1) as f64 * frac) as u64;
            prop_assert_eq!(walsh_kth(&x, k), w[k as usize - 1]);
        }

        #[test]
        fn sampled_pivots_on_distinct_values_equal_sorting(v in prop::collection::vec(-1_000_000i32..1_000_000, 200..700), frac in 0.0f64..1.0) {
            // (almost) every value distinct, as continuous differences: the sampled brackets
            let mut x: Vec<f64> = v.into_iter().map(|a| f64::from(a) / 7.0).collect();
            x.sort_by(f64::total_cmp);
            let w = brute_walsh(&x);
            for k in [1 + ((w.len() - 1) as f64 * frac) as u64, 1, w.len() as u64] {
                prop_assert_eq!(walsh_kth(&x, k), w[k as usize - 1]);
            }
        }

        #[test]
        fn the_next_walsh_sum_equals_sorting(v in prop::collection::vec(-60i32..60, 2..150), frac in 0.0f64..1.0) {
            // the (k+1)-th sum from the k-th, with ties, as the estimate of an even count reads it
            let mut x: Vec<f64> = v.into_iter().map(|a| f64::from(a) / 4.0).collect();
            x.sort_by(f64::total_cmp);
            let w = brute_walsh(&x);
            let k = 1 + ((w.len() - 2) as f64 * frac) as usize;
            let t = Tally::from_sorted(&x);
            prop_assert_eq!(walsh_next(t.values(), t.counts(), w[k - 1], k as u64), w[k]);
        }

        #[test]
        fn shifting_the_differences_shifts_the_estimate(v in prop::collection::vec(-20i32..20, 2..60), c in -5i32..5) {
            let d: Vec<f64> = v.iter().map(|&a| f64::from(a)).collect();
            let shifted: Vec<f64> = d.iter().map(|a| a + f64::from(c)).collect();
            let a = hodges_lehmann(&d, Alternative::TwoSided, 0.95).unwrap();
            let b = hodges_lehmann(&shifted, Alternative::TwoSided, 0.95).unwrap();
            prop_assert!((a.estimate + f64::from(c) - b.estimate).abs() < 1e-9);
            prop_assert!((a.ci_low + f64::from(c) - b.ci_low).abs() < 1e-9);
        }
    }
}
