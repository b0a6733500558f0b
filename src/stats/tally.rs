//! A sample sorted once for every order statistic: its distinct values in increasing order,
//! each with its count. Medians and quartiles, midranks, and the Walsh averages of the
//! Hodges–Lehmann estimate all read it, so a scale's statistics sort each sample once.
//!
//! Whole-number samples whose range is small against their size (sums of Likert answers: a
//! million scores between 10 and 50) are counted in one pass, without sorting; only the other
//! values of such a sample (sums prorated for a missing item) are sorted.

use super::summation::{sum_cross_dev_scaled, Moments};

/// A tallied sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// Distinct values, increasing (−0 is counted as 0).
    values: Vec<f64>,
    /// How often each occurs.
    counts: Vec<u64>,
    /// `ends[i]` = counts[0] + … + counts[i].
    ends: Vec<u64>,
}

/// The widest range (max − min) counted rather than sorted, against the sample size.
fn counting_pays(range: f64, n: usize) -> bool {
    range <= (4 * n).max(1024) as f64 && range <= (1u64 << 24) as f64
}

/// Whether a value is a whole number of at most 2^31 in absolute value (a round trip through
/// i32, which vectorises; `fract` is a library call on baseline x86-64).
#[inline]
fn is_whole(v: f64) -> bool {
    (v as i32) as f64 == v
}

/// How many values are whole ([`is_whole`]), and the smallest and largest of those, in one
/// pass that vectorises: four lanes of plain comparisons (the values are finite).
fn whole_count_and_range(x: &[f64]) -> (usize, f64, f64) {
    let mut lo = [f64::INFINITY; 4];
    let mut hi = [f64::NEG_INFINITY; 4];
    let mut whole = [0usize; 4];
    let chunks = x.chunks_exact(4);
    let tail = chunks.remainder();
    let mut take = |j: usize, v: f64| {
        let w = is_whole(v);
        whole[j] += usize::from(w);
        lo[j] = if w && v < lo[j] { v } else { lo[j] };
        hi[j] = if w && v > hi[j] { v } else { hi[j] };
    };
    for c in chunks {
        for (j, &v) in c.iter().enumerate() {
            take(j, v);
        }
    }
    for (j, &v) in tail.iter().enumerate() {
        take(j, v);
    }
    let low = lo
        .iter()
        .copied()
        .fold(f64::INFINITY, |a, b| if b < a { b } else { a });
    let high = hi
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, |a, b| if b > a { b } else { a });
    (whole.iter().sum(), low, high)
}

/// The distinct values of `x` with their counts, in increasing order.
fn distinct_counts(mut x: Vec<f64>) -> Vec<(f64, u64)> {
    x.sort_unstable_by(f64::total_cmp);
    let mut out: Vec<(f64, u64)> = Vec::new();
    for &v in &x {
        match out.last_mut() {
            Some((last, c)) if *last == v => *c += 1,
            _ => out.push((v, 1)),
        }
    }
    out
}

/// A paired sample's three tallies and moments (pre, post and the differences post − pre) and
/// Σ (pre − mean)(post − mean) (in the units of the two [`Moments`], as [`pearson_r_from`]
/// takes it), for the statistics of a scale.
///
/// [`pearson_r_from`]: super::describe::pearson_r_from
///
/// When every score is a whole number of at most 2^31 in absolute value and the ranges are small
/// against n (sums of Likert answers), all of it comes from two passes in exact integer
/// arithmetic: n, Σx, Σx² and Σxy in i128, then Σ(x − x̄)² = (nΣx² − (Σx)²)/n and
/// Σ(x − x̄)(y − ȳ) = (nΣxy − ΣxΣy)/n with an exact numerator, one rounding to f64 and one
/// division (as accurate as the compensated two-pass sums, and the order of the data does not
/// matter), and each sample counted into bins. Otherwise each is tallied and summed on its own
/// ([`Tally::of`], [`Moments::of`], [`sum_cross_dev`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PairedSummary {
    pub pre: (Tally, Moments),
    pub post: (Tally, Moments),
    pub diff: (Tally, Moments),
    /// Σ (pre − mean)(post − mean), divided by 2^(pre's + post's `scale_exp`)
    pub cross_dev: f64,
}

impl PairedSummary {
    /// The summaries of finite `pre` and `post` of one length, and `diff` = post − pre.
    pub fn of(pre: &[f64], post: &[f64], diff: &[f64]) -> PairedSummary {
        debug_assert!(pre.len() == post.len() && post.len() == diff.len());
        whole_summary(pre, post).unwrap_or_else(|| {
            let (m_pre, m_post) = (Moments::of(pre), Moments::of(post));
            PairedSummary {
                cross_dev: sum_cross_dev_scaled(
                    pre,
                    m_pre.mean,
                    m_pre.scale_exp,
                    post,
                    m_post.mean,
                    m_post.scale_exp,
                ),
                pre: (Tally::of(pre), m_pre),
                post: (Tally::of(post), m_post),
                diff: (Tally::of(diff), Moments::of(diff)),
            }
        })
    }
}

/// [`PairedSummary`] in integers, or None when a score is not whole, too large, or the ranges
/// too wide to count.
fn whole_summary(pre: &[f64], post: &[f64]) -> Option<PairedSummary> {
    let n = pre.len();
    if n == 0 {
        return None;
    }
    // pass 1: whole numbers? their ranges and sums (|x| ≤ 2^31: the sums of a block of 1024
    // fit i64, the squares and products are added in i128)
    let (mut lo_x, mut hi_x, mut lo_y, mut hi_y) = (i64::MAX, i64::MIN, i64::MAX, i64::MIN);
    let (mut sx, mut sy) = (0i128, 0i128);
    let (mut sxx, mut syy, mut sxy) = (0i128, 0i128, 0i128);
    for (xs, ys) in pre.chunks(1024).zip(post.chunks(1024)) {
        let mut whole = true;
        let (mut bx, mut by, mut bxx, mut byy, mut bxy) = (0i64, 0i64, 0i128, 0i128, 0i128);
        for (&x, &y) in xs.iter().zip(ys) {
            whole &= is_whole(x) & is_whole(y);
            let (a, b) = (x as i32 as i64, y as i32 as i64);
            lo_x = lo_x.min(a);
            hi_x = hi_x.max(a);
            lo_y = lo_y.min(b);
            hi_y = hi_y.max(b);
            bx += a;
            by += b;
            bxx += i128::from(a * a);
            byy += i128::from(b * b);
            bxy += i128::from(a * b);
        }
        if !whole {
            return None;
        }
        sx += i128::from(bx);
        sy += i128::from(by);
        sxx += bxx;
        syy += byy;
        sxy += bxy;
    }
    let (lo_d, hi_d) = (lo_y - hi_x, hi_y - lo_x);
    if ![(lo_x, hi_x), (lo_y, hi_y), (lo_d, hi_d)]
        .iter()
        .all(|&(lo, hi)| counting_pays((hi - lo) as f64, n))
    {
        return None;
    }
    // pass 2: the counts
    let mut bins_x = vec![0u64; (hi_x - lo_x) as usize + 1];
    let mut bins_y = vec![0u64; (hi_y - lo_y) as usize + 1];
    let mut bins_d = vec![0u64; (hi_d - lo_d) as usize + 1];
    for (&x, &y) in pre.iter().zip(post) {
        let (a, b) = (x as i64, y as i64);
        bins_x[(a - lo_x) as usize] += 1;
        bins_y[(b - lo_y) as usize] += 1;
        bins_d[(b - a - lo_d) as usize] += 1;
    }
    let nn = n as i128;
    let (sd, sdd) = (sy - sx, syy - 2 * sxy + sxx);
    let moments = |s: i128, ss: i128| Moments {
        n,
        // (|Σx| < 2^31 · 2^64: exact in i128; the quotient rounded once)
        mean: exact_ratio(s, nn),
        ss_unit: exact_ratio(nn * ss - s * s, nn),
        scale_exp: 0,
    };
    Some(PairedSummary {
        pre: (Tally::from_bins(lo_x, &bins_x), moments(sx, sxx)),
        post: (Tally::from_bins(lo_y, &bins_y), moments(sy, syy)),
        diff: (Tally::from_bins(lo_d, &bins_d), moments(sd, sdd)),
        cross_dev: exact_ratio(nn * sxy - sx * sy, nn),
    })
}

/// How often each (pre, post) pair of whole numbers occurs, when both are whole numbers whose
/// ranges span fewer cells than there are pairs (sums of Likert answers): the distinct pairs
/// with their counts, in one pass after the ranges. None otherwise (then each pair is its own).
pub fn pair_counts(pre: &[f64], post: &[f64]) -> Option<Vec<((f64, f64), u64)>> {
    let n = pre.len();
    let range = |x: &[f64]| -> Option<(i64, i64)> {
        let (whole, lo, hi) = whole_count_and_range(x);
        (whole == x.len() && whole > 0).then_some((lo as i64, hi as i64))
    };
    let ((lo_x, hi_x), (lo_y, hi_y)) = (range(pre)?, range(post)?);
    let (w, h) = ((hi_x - lo_x + 1) as usize, (hi_y - lo_y + 1) as usize);
    if w.checked_mul(h)? > n.max(1024) {
        return None;
    }
    let mut cells = vec![0u64; w * h];
    for (&x, &y) in pre.iter().zip(post) {
        cells[(x as i64 - lo_x) as usize * h + (y as i64 - lo_y) as usize] += 1;
    }
    Some(
        cells
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(i, &c)| {
                let (a, b) = (i / h, i % h);
                (((lo_x + a as i64) as f64, (lo_y + b as i64) as f64), c)
            })
            .collect(),
    )
}

/// a/b for integers, rounded once where both are exact in f64 (below 2^53), else a close
/// quotient of their f64 values.
fn exact_ratio(a: i128, b: i128) -> f64 {
    const EXACT: i128 = 1 << 53;
    if a.abs() < EXACT && b.abs() < EXACT {
        a as f64 / b as f64
    } else {
        // (the quotient to within a few units in the last place: the ratio's integer part
        // and remainder, each exact or rounded once)
        let (q, r) = (a / b, a % b);
        q as f64 + r as f64 / b as f64
    }
}

impl Tally {
    /// Counts `bins[i]` of the value `lo + i`.
    fn from_bins(lo: i64, bins: &[u64]) -> Tally {
        let mut t = Tally::empty();
        for (i, &c) in bins.iter().enumerate() {
            if c > 0 {
                t.push((lo + i as i64) as f64, c);
            }
        }
        t
    }

    fn empty() -> Tally {
        Tally {
            values: Vec::new(),
            counts: Vec::new(),
            ends: Vec::new(),
        }
    }

    /// Tallies finite values: the whole ones counted when their range is small against their
    /// number (sums of Likert answers), the others sorted, the two merged.
    pub fn of(x: &[f64]) -> Tally {
        let (n_whole, lo, hi) = whole_count_and_range(x);
        if n_whole == 0 || !counting_pays(hi - lo, n_whole) {
            let mut sorted = x.to_vec();
            sorted.sort_unstable_by(f64::total_cmp);
            return Tally::from_sorted(&sorted);
        }
        let mut bins = vec![0u64; (hi - lo) as usize + 1];
        let mut rest: Vec<f64> = Vec::with_capacity(x.len() - n_whole);
        for &v in x {
            if is_whole(v) {
                bins[(v - lo) as usize] += 1;
            } else {
                rest.push(v);
            }
        }
        let mut t = Tally::empty();
        let mut rest = distinct_counts(rest).into_iter().peekable();
        for (i, &c) in bins.iter().enumerate() {
            let v = lo + i as f64;
            while let Some((r, k)) = rest.next_if(|&(r, _)| r < v) {
                t.add(r, k);
            }
            if c > 0 {
                t.add(v, c);
            }
        }
        for (r, k) in rest {
            t.add(r, k);
        }
        t
    }

    /// Adds `c` occurrences of `v`, at least the largest value so far.
    fn add(&mut self, v: f64, c: u64) {
        match self.values.last() {
            Some(&last) if last == v => {
                *self.counts.last_mut().expect("a count per value") += c;
                *self.ends.last_mut().expect("an end per value") += c;
            }
            _ => self.push(v, c),
        }
    }

    /// Tallies values already sorted.
    pub fn from_sorted(sorted: &[f64]) -> Tally {
        let mut t = Tally::empty();
        for &v in sorted {
            t.add(v, 1);
        }
        t
    }

    fn push(&mut self, v: f64, c: u64) {
        // (0.0 + -0.0 is 0.0: a sample's zeros are one value, written 0)
        self.values.push(v + 0.0);
        self.counts.push(c);
        self.ends.push(self.n() + c);
    }

    /// The sample size.
    pub fn n(&self) -> u64 {
        self.ends.last().copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The distinct values, increasing.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// How often each distinct value occurs.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// The `i`-th smallest value (0-based), as `sorted[i]`.
    pub fn nth(&self, i: u64) -> f64 {
        let k = self.ends.partition_point(|&e| e <= i);
        self.values[k]
    }

    pub fn min(&self) -> f64 {
        self.values[0]
    }

    pub fn max(&self) -> f64 {
        self.values[self.values.len() - 1]
    }

    /// The sample without the values for which `drop` holds.
    pub fn without(&self, drop: impl Fn(f64) -> bool) -> Tally {
        let mut t = Tally::empty();
        for (&v, &c) in self.values.iter().zip(&self.counts) {
            if !drop(v) {
                t.push(v, c);
            }
        }
        t
    }

    /// How many values are below, equal to and above 0.
    pub fn signs(&self) -> (u64, u64, u64) {
        let (mut neg, mut zero, mut pos) = (0, 0, 0);
        for (&v, &c) in self.values.iter().zip(&self.counts) {
            if v < 0.0 {
                neg += c;
            } else if v == 0.0 {
                zero += c;
            } else {
                pos += c;
            }
        }
        (neg, zero, pos)
    }

    /// The absolute values, each with how many of its values were negative, zero, positive:
    /// (|v|, count below 0, count at 0, count above 0), |v| increasing.
    pub fn by_magnitude(&self) -> Vec<(f64, u64, u64, u64)> {
        let mut out: Vec<(f64, u64, u64, u64)> = Vec::with_capacity(self.values.len());
        // negatives from the middle outwards, merged with the positives
        let split = self.values.partition_point(|&v| v < 0.0);
        let (mut i, mut j) = (split, split); // negatives: i - 1 down to 0; others: j up
        loop {
            let neg = (i > 0).then(|| (-self.values[i - 1], self.counts[i - 1]));
            let other = (j < self.values.len()).then(|| (self.values[j], self.counts[j]));
            let (a, below, at, above) = match (neg, other) {
                (None, None) => break,
                (Some((a, c)), Some((b, d))) if a == b => {
                    i -= 1;
                    j += 1;
                    if b == 0.0 {
                        (a, c, d, 0)
                    } else {
                        (a, c, 0, d)
                    }
                }
                (Some((a, c)), Some((b, _))) if a < b => {
                    i -= 1;
                    (a, c, 0, 0)
                }
                (Some((a, c)), None) => {
                    i -= 1;
                    (a, c, 0, 0)
                }
                (_, Some((b, d))) => {
                    j += 1;
                    if b == 0.0 {
                        (b, 0, d, 0)
                    } else {
                        (b, 0, 0, d)
                    }
                }
            };
            out.push((a, below, at, above));
        }
        out
    }

    /// Sample quantile, R's default type 7 (Hyndman & Fan 1996): h = (n − 1)p,
    /// Q = (1 − g)·x[⌊h⌋] + g·x[⌈h⌉] with g = h − ⌊h⌋ (0-based indices of the sorted sample).
    /// The median (p = 0.5) is the mean of the two middle values for even n, as R's `median`.
    pub fn quantile(&self, p: f64) -> f64 {
        let n = self.n();
        assert!(n > 0, "quantile of an empty sample");
        let h = (n - 1) as f64 * p;
        let lo = h.floor() as u64;
        let hi = h.ceil() as u64;
        let g = h - lo as f64;
        let (x_lo, x_hi) = (self.nth(lo), self.nth(hi));
        if g > 0.0 && x_hi != x_lo {
            if p == 0.5 {
                // R's median(): mean(c(x[lo], x[hi])), identical to (1-g)x_lo + g x_hi at g = 1/2
                // up to rounding; use the mean so the median agrees with R bit for bit.
                super::summation::mean(&[x_lo, x_hi])
            } else {
                (1.0 - g) * x_lo + g * x_hi
            }
        } else {
            x_lo
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::differences;

    fn sorted(x: &[f64]) -> Vec<f64> {
        let mut s = x.to_vec();
        s.sort_by(f64::total_cmp);
        s
    }

    /// The integer path of [`PairedSummary`] against the general one (each sample tallied by
    /// sorting, compensated two-pass sums): the same tallies, and moments equal to a few units
    /// in the last place, for Likert sums, scores far from 0 and a single pair.
    #[test]
    fn paired_summary_in_integers_agrees_with_the_general_path() {
        let general = |pre: &[f64], post: &[f64], d: &[f64]| {
            let (m_pre, m_post) = (Moments::of(pre), Moments::of(post));
            let tally = |x: &[f64]| Tally::from_sorted(&sorted(x));
            PairedSummary {
                cross_dev: crate::stats::summation::sum_cross_dev(
                    pre,
                    m_pre.mean,
                    post,
                    m_post.mean,
                ),
                pre: (tally(pre), m_pre),
                post: (tally(post), m_post),
                diff: (tally(d), Moments::of(d)),
            }
        };
        // (to a few units in the last place of the data's magnitude: the compensated mean of
        // the differences is within 2e-16 of 24/5000, the integer path's quotient is exact)
        let close = |a: f64, b: f64, scale: f64| {
            (a - b).abs() <= 8.0 * f64::EPSILON * a.abs().max(b.abs()).max(scale)
        };
        for (n, offset) in [(5000usize, 0.0), (3000, 1e6), (1, 7.0), (2, -3.0)] {
            let pre: Vec<f64> = (0..n)
                .map(|i| offset + f64::from(((i * 7919) % 41) as i32) + 10.0)
                .collect();
            let post: Vec<f64> = (0..n)
                .map(|i| offset + f64::from(((i * 104_729) % 37) as i32) + 12.0)
                .collect();
            let d = differences(&pre, &post);
            let fast = whole_summary(&pre, &post).expect("whole numbers in a small range");
            let slow = general(&pre, &post, &d);
            for ((tf, mf), (ts, ms)) in [
                (&fast.pre, &slow.pre),
                (&fast.post, &slow.post),
                (&fast.diff, &slow.diff),
            ] {
                assert_eq!(tf, ts);
                assert_eq!(mf.n, ms.n);
                let scale = tf.min().abs().max(tf.max().abs());
                assert!(close(mf.mean, ms.mean, scale), "{n}: {mf:?} {ms:?}");
                assert!(
                    close(mf.ss_unit, ms.ss_unit, 0.0) || ms.ss_unit < 1e-9,
                    "{n}: {mf:?} {ms:?}"
                );
            }
            assert!(
                // (the general path's means are rounded: its cross products far from 0 lose a
                // few digits, ~1e-14 of √(SSx·SSy) at an offset of 1e6)
                (fast.cross_dev - slow.cross_dev).abs()
                    <= 1e-13 * (fast.pre.1.ss_unit * fast.post.1.ss_unit).sqrt(),
                "{n}: {} {}",
                fast.cross_dev,
                slow.cross_dev
            );
            assert_eq!(PairedSummary::of(&pre, &post, &d), fast);
        }
        // a prorated score (not whole) or a wide range: the general path
        let pre = [10.0, 11.5, 12.0];
        let post = [12.0, 13.0, 15.0];
        assert!(whole_summary(&pre, &post).is_none());
        let wide = [0.0, 1e9, 3.0];
        assert!(whole_summary(&wide, &post).is_none());
        let d = differences(&pre, &post);
        assert_eq!(PairedSummary::of(&pre, &post, &d), general(&pre, &post, &d));
    }

    #[test]
    fn pair_counts_count_each_distinct_pair() {
        let pre: Vec<f64> = (0..5000).map(|i| f64::from((i * 7919) % 9)).collect();
        let post: Vec<f64> = (0..5000)
            .map(|i| f64::from((i * 104_729) % 7) - 3.0)
            .collect();
        let pairs = pair_counts(&pre, &post).expect("small ranges");
        let mut brute = std::collections::BTreeMap::new();
        for (&a, &b) in pre.iter().zip(&post) {
            *brute.entry((a as i64, b as i64)).or_insert(0u64) += 1;
        }
        let got: std::collections::BTreeMap<(i64, i64), u64> = pairs
            .iter()
            .map(|&((a, b), c)| ((a as i64, b as i64), c))
            .collect();
        assert_eq!(got, brute);
        // not whole, or ranges wider than the pairs are many: none
        assert!(pair_counts(&[1.5, 2.0], &[1.0, 2.0]).is_none());
        assert!(pair_counts(&[0.0, 5000.0], &[0.0, 5000.0]).is_none());
    }

    #[test]
    fn counting_and_sorting_tally_alike() {
        let whole: Vec<f64> = (0..5000)
            .map(|i| f64::from((i * 7919) % 41) - 20.0)
            .collect();
        let spread: Vec<f64> = (0..500).map(|i| f64::from(i * i) * 1e6).collect();
        let decimals: Vec<f64> = (0..3000).map(|i| f64::from(i % 17) / 4.0 - 1.0).collect();
        // mostly whole, some prorated (k·sum/answered), as sums with a missing item are
        let mixed: Vec<f64> = (0..4000)
            .map(|i| {
                let s = f64::from(i % 31 + 10);
                if i % 9 == 0 {
                    s * 10.0 / 9.0
                } else {
                    s
                }
            })
            .chain([-0.0, 0.0, 1e12, -2.5])
            .collect();
        for x in [&whole, &spread, &decimals, &mixed] {
            let t = Tally::of(x);
            let s = sorted(x);
            assert_eq!(t, Tally::from_sorted(&s));
            assert_eq!(t.n(), x.len() as u64);
            for i in [0, 1, x.len() / 3, x.len() - 1] {
                assert_eq!(t.nth(i as u64), s[i]);
            }
        }
    }

    #[test]
    fn quantiles_follow_r_type_7() {
        // R: quantile(c(1, 2, 3, 4, 10), c(.25, .5, .75)) -> 2 3 4
        let t = Tally::of(&[10.0, 2.0, 1.0, 4.0, 3.0]);
        assert_eq!(
            (t.quantile(0.25), t.quantile(0.5), t.quantile(0.75)),
            (2.0, 3.0, 4.0)
        );
        // R: quantile(c(1, 2, 3, 4), c(.25, .5, .75)) -> 1.75 2.50 3.25
        let t = Tally::of(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(
            (t.quantile(0.25), t.quantile(0.5), t.quantile(0.75)),
            (1.75, 2.5, 3.25)
        );
    }

    #[test]
    fn magnitudes_keep_their_signs() {
        let t = Tally::of(&[-3.0, -1.0, -1.0, 0.0, -0.0, 1.0, 2.0, 3.0, 3.0, 3.0]);
        assert_eq!(t.signs(), (3, 2, 5));
        assert_eq!(
            t.by_magnitude(),
            vec![
                (0.0, 0, 2, 0),
                (1.0, 2, 0, 1),
                (2.0, 0, 0, 1),
                (3.0, 1, 0, 3)
            ]
        );
        assert_eq!(t.without(|v| v == 0.0).n(), 8);
    }
}
