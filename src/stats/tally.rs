//! A sample tallied once for every order statistic: its distinct values in increasing order,
//! each with its count. Medians and quartiles, midranks, and the Walsh averages of the
//! Hodges–Lehmann estimate all read it, so a scale's statistics order each sample once.
//!
//! Whole-number samples whose range is small against their size (sums of Likert answers: a
//! million scores between 10 and 50) are counted in one pass, without sorting. Other samples
//! with few distinct values against their size (mean scores, k·sum/answered, differences of
//! such scores) are counted in a hash table and only their distinct values sorted; the rest
//! are sorted. A description needs only five order statistics ([`Quartiles`]): where a sample
//! has too many distinct values to count, they are selected in O(n) rather than sorted.

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

/// Whether a value is a whole number of at most 2^31 − 1 in absolute value (so an i32): it is
/// its own nearest integer, v + 1.5·2^52 − 1.5·2^52 (exact for |v| < 2^51). Plain additions and
/// comparisons, which vectorise: `fract` and `round` are library calls on baseline x86-64, and
/// a round trip through i32 saturates with branches.
#[inline]
fn is_whole(v: f64) -> bool {
    const LIMIT: f64 = i32::MAX as f64;
    const ROUND: f64 = 6_755_399_441_055_744.0; // 1.5·2^52
    (v.abs() <= LIMIT) & ((v + ROUND) - ROUND == v)
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
        // (selections, not branches: a value not whole is ±∞ to the running extremes)
        let w = is_whole(v);
        whole[j] += usize::from(w);
        let (low, high) = if w {
            (v, v)
        } else {
            (f64::INFINITY, f64::NEG_INFINITY)
        };
        lo[j] = if low < lo[j] { low } else { lo[j] };
        hi[j] = if high > hi[j] { high } else { hi[j] };
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

/// The smallest and largest value when every one is whole ([`is_whole`]), else None (also for
/// no values): one pass of plain comparisons and an AND in four lanes, which vectorises better
/// than counting the whole ones ([`whole_count_and_range`], for samples that mix both).
fn whole_range(x: &[f64]) -> Option<(f64, f64)> {
    let mut lo = [f64::INFINITY; 4];
    let mut hi = [f64::NEG_INFINITY; 4];
    let mut whole = [true; 4];
    let mut take = |j: usize, v: f64| {
        whole[j] &= is_whole(v);
        lo[j] = if v < lo[j] { v } else { lo[j] };
        hi[j] = if v > hi[j] { v } else { hi[j] };
    };
    let mut chunks = x.chunks_exact(4);
    for c in &mut chunks {
        for (j, &v) in c.iter().enumerate() {
            take(j, v);
        }
    }
    for (j, &v) in chunks.remainder().iter().enumerate() {
        take(j, v);
    }
    let low = lo.iter().fold(f64::INFINITY, |a, &b| a.min(b));
    let high = hi.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
    (!x.is_empty() && whole.iter().all(|&w| w)).then_some((low, high))
}

/// Whether a hash table of `distinct` values is worth keeping for a sample of `n`: a few
/// values per distinct one, and a table (12 bytes a slot, at most half full) of at most
/// 1.5 MiB. Beyond, sorting is as fast, and the attempt to count a sample whose values are
/// nearly all distinct gives up after 2^16 of them (`prepost-bench stats`).
fn hashing_pays(distinct: usize, n: usize) -> bool {
    distinct <= (n / 4).max(256) && distinct <= 1 << 16
}

/// Counts of distinct values in a hash table: open addressing with linear probing, the bits of
/// each value as its key (−0 as 0), Fibonacci hashing; a slot with count 0 is free. Keys and
/// counts are apart, so the counts (u32: the table is used below 2^32 values) take less cache.
struct CountTable {
    bits: u32,
    keys: Vec<u64>,
    counts: Vec<u32>,
    distinct: usize,
}

impl CountTable {
    fn new(bits: u32) -> CountTable {
        CountTable {
            bits,
            keys: vec![0; 1 << bits],
            counts: vec![0; 1 << bits],
            distinct: 0,
        }
    }

    /// The first slot of a key (its bits folded once, so that values differing in their low
    /// mantissa bits alone spread too, then multiplied by 2^64/φ and the top bits taken).
    #[inline]
    fn slot_of(&self, key: u64) -> usize {
        ((key ^ (key >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits)) as usize
    }

    /// Adds `count` occurrences of `key`.
    #[inline]
    fn add(&mut self, key: u64, count: u32) {
        let mask = self.keys.len() - 1;
        let mut i = self.slot_of(key);
        loop {
            if self.counts[i] == 0 {
                self.keys[i] = key;
                self.counts[i] = count;
                self.distinct += 1;
                return;
            }
            if self.keys[i] == key {
                self.counts[i] += count;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// The occupied slots: (key, count).
    fn entries(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.keys
            .iter()
            .zip(&self.counts)
            .filter(|(_, &c)| c > 0)
            .map(|(&k, &c)| (k, c))
    }

    /// Twice as many slots, the entries moved.
    fn grow(&mut self) {
        let mut wider = CountTable::new(self.bits + 1);
        for (key, count) in self.entries() {
            wider.add(key, count);
        }
        *self = wider;
    }
}

/// The distinct values of the finite values `x` yields (−0 counted as 0) with their counts,
/// increasing, counted in a hash table ([`CountTable`]) in one pass, then the distinct values
/// sorted: O(n + k log k) for k distinct values, against O(n log k) for sorting the sample.
/// None once the table would grow past what pays ([`hashing_pays`]) or when the
/// sample is too large for the table's counts.
fn hashed_counts(x: impl Iterator<Item = f64>, n: usize) -> Option<Vec<(f64, u64)>> {
    if n >= u32::MAX as usize {
        return None;
    }
    let mut table = CountTable::new(8);
    for v in x {
        table.add((v + 0.0).to_bits(), 1);
        if 2 * table.distinct > table.keys.len() {
            if !hashing_pays(table.distinct, n) {
                return None;
            }
            table.grow();
        }
    }
    let mut out: Vec<(f64, u64)> = table
        .entries()
        .map(|(key, count)| (f64::from_bits(key), u64::from(count)))
        .collect();
    out.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    Some(out)
}

/// A paired sample's order statistics and moments (the quartiles of pre and post, the tally of
/// the differences post − pre, which the signed-rank test and the pseudomedian read) and
/// Σ (pre − mean)(post − mean) (in the units of the two [`Moments`], as [`pearson_r_from`]
/// takes it), for the statistics of a scale.
///
/// [`pearson_r_from`]: super::describe::pearson_r_from
///
/// When every score is a whole number of at most 2^31 − 1 in absolute value and the ranges are
/// small against n (sums of Likert answers), all of it comes from two passes in exact integer
/// arithmetic: n, Σx, Σx² and Σxy in i128, then Σ(x − x̄)² = (nΣx² − (Σx)²)/n and
/// Σ(x − x̄)(y − ȳ) = (nΣxy − ΣxΣy)/n with an exact numerator, one rounding to f64 and one
/// division (as accurate as the compensated two-pass sums, and the order of the data does not
/// matter), and each sample counted into bins. Otherwise each is summed on its own
/// ([`Moments::of`], [`sum_cross_dev`]) and ordered ([`Quartiles::of`], [`Tally::of`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PairedSummary {
    pub pre: (Quartiles, Moments),
    pub post: (Quartiles, Moments),
    pub diff: (Tally, Moments),
    /// Σ (pre − mean)(post − mean), divided by 2^(pre's + post's `scale_exp`)
    pub cross_dev: f64,
}

impl PairedSummary {
    /// The summaries of finite `pre` and `post` of one length, and of post − pre (formed only
    /// when the scores are not counted in integers).
    pub fn of(pre: &[f64], post: &[f64]) -> PairedSummary {
        debug_assert!(pre.len() == post.len());
        whole_summary(pre, post).unwrap_or_else(|| {
            let (m_pre, m_post) = (Moments::of(pre), Moments::of(post));
            let cross_dev = sum_cross_dev_scaled(
                pre,
                m_pre.mean,
                m_pre.scale_exp,
                post,
                m_post.mean,
                m_post.scale_exp,
            );
            let mut room = super::differences(pre, post);
            let diff = (Tally::of(&room), Moments::of(&room));
            // (the differences' room is the copy a selection of quartiles may need)
            PairedSummary {
                pre: (Quartiles::of_in(pre, &mut room), m_pre),
                post: (Quartiles::of_in(post, &mut room), m_post),
                diff,
                cross_dev,
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
    // pass 1, a block of pairs at a time: whole numbers? their ranges and sums. A block whose
    // scores all lie within ±2^20 (every real score) is summed in f64, exactly (its sums of
    // squares and products stay below 2^50, whole numbers all) and in four lanes, which
    // vectorise; another in i64 and i128 (|x| < 2^31: the sums of a block fit i64, the
    // squares and products are added in i128).
    const BLOCK: usize = 1024;
    const SMALL: f64 = (1u64 << 20) as f64;
    let (mut lo_x, mut hi_x, mut lo_y, mut hi_y) = (i64::MAX, i64::MIN, i64::MAX, i64::MIN);
    let (mut sx, mut sy) = (0i128, 0i128);
    let (mut sxx, mut syy, mut sxy) = (0i128, 0i128, 0i128);
    for (xs, ys) in pre.chunks(BLOCK).zip(post.chunks(BLOCK)) {
        let ((lx, hx), (ly, hy)) = (whole_range(xs)?, whole_range(ys)?);
        (lo_x, hi_x) = (lo_x.min(lx as i64), hi_x.max(hx as i64));
        (lo_y, hi_y) = (lo_y.min(ly as i64), hi_y.max(hy as i64));
        let [bx, by, bxx, byy, bxy] =
            if [lx, ly].iter().all(|&v| v >= -SMALL) && [hx, hy].iter().all(|&v| v <= SMALL) {
                small_block_sums(xs, ys)
            } else {
                let (mut bx, mut by, mut bxx, mut byy, mut bxy) = (0i64, 0i64, 0i128, 0i128, 0i128);
                for (&x, &y) in xs.iter().zip(ys) {
                    let (a, b) = (x as i64, y as i64);
                    bx += a;
                    by += b;
                    bxx += i128::from(a * a);
                    byy += i128::from(b * b);
                    bxy += i128::from(a * b);
                }
                [i128::from(bx), i128::from(by), bxx, byy, bxy]
            };
        sx += bx;
        sy += by;
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
    // pass 2: the counts, four pairs at a time into four sets of bins (so that a run of equal
    // scores does not wait on one counter; one set when the ranges are wide), added up after
    let sets = if hi_d - lo_d < 1 << 12 { 4 } else { 1 };
    let mut bins_x = vec![0u64; ((hi_x - lo_x) as usize + 1) * sets];
    let mut bins_y = vec![0u64; ((hi_y - lo_y) as usize + 1) * sets];
    let mut bins_d = vec![0u64; ((hi_d - lo_d) as usize + 1) * sets];
    let mut count = |j: usize, x: f64, y: f64| {
        let (a, b) = (x as i64, y as i64);
        let set = j % sets;
        bins_x[(a - lo_x) as usize * sets + set] += 1;
        bins_y[(b - lo_y) as usize * sets + set] += 1;
        bins_d[(b - a - lo_d) as usize * sets + set] += 1;
    };
    let (mut xs, mut ys) = (pre.chunks_exact(4), post.chunks_exact(4));
    for (cx, cy) in (&mut xs).zip(&mut ys) {
        for j in 0..4 {
            count(j, cx[j], cy[j]);
        }
    }
    for (&x, &y) in xs.remainder().iter().zip(ys.remainder()) {
        count(0, x, y);
    }
    let added =
        |bins: Vec<u64>| -> Vec<u64> { bins.chunks(sets).map(|b| b.iter().sum()).collect() };
    let (bins_x, bins_y, bins_d) = (added(bins_x), added(bins_y), added(bins_d));
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
        pre: (
            Quartiles::of_tally(&Tally::from_bins(lo_x, &bins_x)),
            moments(sx, sxx),
        ),
        post: (
            Quartiles::of_tally(&Tally::from_bins(lo_y, &bins_y)),
            moments(sy, syy),
        ),
        diff: (Tally::from_bins(lo_d, &bins_d), moments(sd, sdd)),
        cross_dev: exact_ratio(nn * sxy - sx * sy, nn),
    })
}

/// Σx, Σy, Σx², Σy², Σxy of a block of whole numbers within ±2^20, at most 2^10 pairs: in
/// f64, exactly (every partial sum a whole number below 2^50), four pairs at a time.
fn small_block_sums(xs: &[f64], ys: &[f64]) -> [i128; 5] {
    let mut acc = [[0.0f64; 4]; 5];
    let mut add = |j: usize, a: f64, b: f64| {
        acc[0][j] += a;
        acc[1][j] += b;
        acc[2][j] += a * a;
        acc[3][j] += b * b;
        acc[4][j] += a * b;
    };
    let (mut cx, mut cy) = (xs.chunks_exact(4), ys.chunks_exact(4));
    for (a, b) in (&mut cx).zip(&mut cy) {
        for j in 0..4 {
            add(j, a[j], b[j]);
        }
    }
    for (&a, &b) in cx.remainder().iter().zip(cy.remainder()) {
        add(0, a, b);
    }
    acc.map(|lanes| lanes.iter().map(|&s| s as i128).sum())
}

/// How often each (pre, post) pair of whole numbers occurs, when both are whole numbers whose
/// ranges span fewer cells than there are pairs (sums of Likert answers): the distinct pairs
/// with their counts, in one pass after the ranges. None otherwise (then each pair is its own).
pub fn pair_counts(pre: &[f64], post: &[f64]) -> Option<Vec<((f64, f64), u64)>> {
    let n = pre.len();
    let range =
        |x: &[f64]| -> Option<(i64, i64)> { whole_range(x).map(|(lo, hi)| (lo as i64, hi as i64)) };
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

    /// Tallies finite values: counted without sorting where that pays ([`Tally::counted`]),
    /// else sorted.
    pub fn of(x: &[f64]) -> Tally {
        Tally::counted(x).unwrap_or_else(|| {
            let mut sorted = x.to_vec();
            sorted.sort_unstable_by(f64::total_cmp);
            Tally::from_sorted(&sorted)
        })
    }

    /// Tallies finite values without sorting them: the whole ones counted into bins when their
    /// range is small against their number (sums of Likert answers), the others (or all, when
    /// none is whole) counted in a hash table ([`hashed_counts`]), the two merged. None when
    /// the values not binned have too many distinct ones to hash.
    fn counted(x: &[f64]) -> Option<Tally> {
        Tally::counted_seen(x, &Glimpse::of(x))
    }

    /// [`Tally::counted`], the sample glimpsed: the pass that finds the whole values and their
    /// range is made only when those glimpsed are all whole.
    fn counted_seen(x: &[f64], glimpse: &Glimpse) -> Option<Tally> {
        if x.is_empty() {
            return Some(Tally::empty());
        }
        // (all whole, as the glimpse promises, or how many)
        let (n_whole, lo, hi) = match glimpse.all_whole.then(|| whole_range(x)).flatten() {
            Some((lo, hi)) => (x.len(), lo, hi),
            None if glimpse.all_whole => whole_count_and_range(x),
            None => (0, 0.0, 0.0),
        };
        if n_whole == 0 || !counting_pays(hi - lo, n_whole) {
            return hashed_counts(x.iter().copied(), x.len()).map(|counts| {
                let mut t = Tally::empty();
                for (v, c) in counts {
                    t.push(v, c);
                }
                t
            });
        }
        let mut bins = vec![0u64; (hi - lo) as usize + 1];
        let rest = if n_whole == x.len() {
            for &v in x {
                bins[(v - lo) as usize] += 1;
            }
            Vec::new()
        } else {
            // the values not whole first (they may be too many to count), then the whole ones
            let not_whole = x.iter().copied().filter(|&v| !is_whole(v));
            let rest = hashed_counts(not_whole, x.len() - n_whole)?;
            for &v in x {
                if is_whole(v) {
                    bins[(v - lo) as usize] += 1;
                }
            }
            rest
        };
        let mut t = Tally::empty();
        let mut rest = rest.into_iter().peekable();
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
        Some(t)
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

    /// Sample quantile, R's default type 7 ([`quantile_type7`]).
    pub fn quantile(&self, p: f64) -> f64 {
        quantile_type7(self.n(), p, |i| self.nth(i))
    }
}

/// Sample quantile, R's default type 7 (Hyndman & Fan 1996), of a sample of `n` values whose
/// `i`-th smallest (0-based) is `nth(i)`: h = (n − 1)p, Q = (1 − g)·x[⌊h⌋] + g·x[⌈h⌉] with
/// g = h − ⌊h⌋. The median (p = 0.5) is the mean of the two middle values for even n, as R's
/// `median`.
fn quantile_type7(n: u64, p: f64, mut nth: impl FnMut(u64) -> f64) -> f64 {
    assert!(n > 0, "quantile of an empty sample");
    let (lo, hi, g) = type7_ranks(n, p);
    let (x_lo, x_hi) = (nth(lo), nth(hi));
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

/// The two ranks (0-based) a type-7 quantile reads, and the weight of the upper one.
fn type7_ranks(n: u64, p: f64) -> (u64, u64, f64) {
    let h = (n - 1) as f64 * p;
    (h.floor() as u64, h.ceil() as u64, h - h.floor())
}

/// The five order statistics a description reads: the smallest and largest value and the
/// quartiles of R's default type 7 ([`quantile_type7`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quartiles {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

/// The quartiles' probabilities.
const QUARTILES: [f64; 3] = [0.25, 0.5, 0.75];

impl Quartiles {
    /// Those of no values (NaN).
    pub const NONE: Quartiles = Quartiles {
        min: f64::NAN,
        q1: f64::NAN,
        median: f64::NAN,
        q3: f64::NAN,
        max: f64::NAN,
    };

    /// The quartiles of a tallied sample (at least one value).
    pub fn of_tally(t: &Tally) -> Quartiles {
        let [q1, median, q3] = QUARTILES.map(|p| t.quantile(p));
        Quartiles {
            min: t.min(),
            q1,
            median,
            q3,
            max: t.max(),
        }
    }

    /// The quartiles of finite values ([`Quartiles::NONE`] of none), by whichever is cheaper:
    /// counting whole numbers of a small range into bins, counting values that repeat much in a
    /// hash table ([`Tally::counted`]), or selecting the eight ranks they read from a copy.
    pub fn of(x: &[f64]) -> Quartiles {
        Quartiles::of_in(x, &mut Vec::new())
    }

    /// [`Quartiles::of`] with `scratch` as the room for the copy a selection needs.
    pub fn of_in(x: &[f64], scratch: &mut Vec<f64>) -> Quartiles {
        if x.is_empty() {
            return Quartiles::NONE;
        }
        let glimpse = Glimpse::of(x);
        if glimpse.repeats_much() {
            if let Some(t) = Tally::counted_seen(x, &glimpse) {
                return Quartiles::of_tally(&t);
            }
        }
        Quartiles::selected(x, scratch)
    }

    /// The quartiles by selecting the ranks they read (`select_nth_unstable`, O(n) each within
    /// what the ranks before left) from a copy of `x` in `scratch`.
    fn selected(x: &[f64], scratch: &mut Vec<f64>) -> Quartiles {
        let n = x.len() as u64;
        let mut ranks: Vec<usize> = QUARTILES
            .iter()
            .flat_map(|&p| {
                let (lo, hi, _) = type7_ranks(n, p);
                [lo as usize, hi as usize]
            })
            .chain([0, x.len() - 1])
            .collect();
        ranks.sort_unstable();
        ranks.dedup();
        // (−0 as 0, as a tally counts it)
        scratch.clear();
        scratch.extend(x.iter().map(|&v| v + 0.0));
        let mut picked: Vec<(usize, f64)> = Vec::with_capacity(ranks.len());
        select_ranks(scratch, &ranks, 0, &mut picked);
        let nth = |i: u64| {
            picked
                .iter()
                .find(|&&(r, _)| r as u64 == i)
                .expect("a selected rank")
                .1
        };
        let [q1, median, q3] = QUARTILES.map(|p| quantile_type7(n, p, nth));
        Quartiles {
            min: nth(0),
            q1,
            median,
            q3,
            max: nth(n - 1),
        }
    }
}

/// What 4,096 values spread evenly over a sample (all of it, when smaller) say of it, to choose
/// how to order it without a pass over all of it.
struct Glimpse {
    /// Every value glimpsed is whole ([`is_whole`]).
    all_whole: bool,
    /// How many distinct values were glimpsed, of how many.
    distinct: usize,
    glimpsed: usize,
}

impl Glimpse {
    const SIZE: usize = 4096;

    fn of(x: &[f64]) -> Glimpse {
        // (value ⌊i·n/SIZE⌋ for i < SIZE: from the first to near the last)
        let size = Glimpse::SIZE.min(x.len());
        let mut seen: Vec<u64> = (0..size)
            .map(|i| (x[i * x.len() / size] + 0.0).to_bits())
            .collect();
        let all_whole = seen.iter().all(|&bits| is_whole(f64::from_bits(bits)));
        let glimpsed = seen.len();
        seen.sort_unstable();
        seen.dedup();
        Glimpse {
            all_whole,
            distinct: seen.len(),
            glimpsed,
        }
    }

    /// Whether the values repeat much (at most a quarter of those glimpsed distinct: sums or
    /// means of answers, sums prorated for a missing answer), so that counting them is cheaper
    /// than selecting from a copy; a continuous measure shows nearly all distinct.
    fn repeats_much(&self) -> bool {
        self.glimpsed < Glimpse::SIZE || self.distinct <= self.glimpsed / 4
    }
}

/// The values of the given ranks (increasing, each in `offset..offset + v.len()`) of the
/// sample whose part `v` is, into `out`: the middle rank selected, the ranks below it within
/// the values below, those above within the values above.
fn select_ranks(v: &mut [f64], ranks: &[usize], offset: usize, out: &mut Vec<(usize, f64)>) {
    if ranks.is_empty() {
        return;
    }
    let mid = ranks.len() / 2;
    let k = ranks[mid] - offset;
    let (below, at, above) = v.select_nth_unstable_by(k, f64::total_cmp);
    out.push((ranks[mid], *at));
    select_ranks(below, &ranks[..mid], offset, out);
    select_ranks(above, &ranks[mid + 1..], offset + k + 1, out);
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
                pre: (Quartiles::of_tally(&tally(pre)), m_pre),
                post: (Quartiles::of_tally(&tally(post)), m_post),
                diff: (tally(d), Moments::of(d)),
            }
        };
        // (to a few units in the last place of the data's magnitude: the compensated mean of
        // the differences is within 2e-16 of 24/5000, the integer path's quotient is exact)
        let close = |a: f64, b: f64, scale: f64| {
            (a - b).abs() <= 8.0 * f64::EPSILON * a.abs().max(b.abs()).max(scale)
        };
        // (within ±2^20 a block is summed in f64, beyond in i128: 3e6 and −2e9 take that path;
        // ranges of thousands are counted in one set of bins, not four)
        for (n, offset, spread) in [
            (5000usize, 0.0, 41),
            (3000, 1e6, 41),
            (1, 7.0, 41),
            (2, -3.0, 41),
            (2500, 3e6, 41),
            (1500, -2e9, 41),
            (5000, 0.0, 9001),
        ] {
            let pre: Vec<f64> = (0..n)
                .map(|i| offset + f64::from(((i * 7919) % spread) as i32) + 10.0)
                .collect();
            let post: Vec<f64> = (0..n)
                .map(|i| offset + f64::from(((i * 104_729) % (spread - 4)) as i32) + 12.0)
                .collect();
            let d = differences(&pre, &post);
            let fast = whole_summary(&pre, &post).expect("whole numbers in a small range");
            let slow = general(&pre, &post, &d);
            assert_eq!(fast.diff.0, slow.diff.0);
            let of_diff = |s: &PairedSummary| (Quartiles::of_tally(&s.diff.0), s.diff.1);
            for ((qf, mf), (qs, ms)) in [
                (fast.pre, slow.pre),
                (fast.post, slow.post),
                (of_diff(&fast), of_diff(&slow)),
            ] {
                assert_eq!(qf, qs);
                assert_eq!(mf.n, ms.n);
                let scale = qf.min.abs().max(qf.max.abs());
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
            assert_eq!(PairedSummary::of(&pre, &post), fast);
        }
        // a prorated score (not whole) or a wide range: the general path
        let pre = [10.0, 11.5, 12.0];
        let post = [12.0, 13.0, 15.0];
        assert!(whole_summary(&pre, &post).is_none());
        let wide = [0.0, 1e9, 3.0];
        assert!(whole_summary(&wide, &post).is_none());
        let d = differences(&pre, &post);
        assert_eq!(PairedSummary::of(&pre, &post), general(&pre, &post, &d));
    }

    #[test]
    fn whole_ranges_only_of_whole_numbers() {
        assert_eq!(
            whole_range(&[3.0, -7.0, 12.0, 0.0, -0.0]),
            Some((-7.0, 12.0))
        );
        assert_eq!(
            whole_range(&[2147483647.0, -2147483647.0]),
            Some((-2147483647.0, 2147483647.0))
        );
        for x in [
            &[1.0, 2.5][..],
            &[f64::NAN],
            &[4.0, f64::INFINITY],
            &[2147483648.0],
            &[],
        ] {
            assert_eq!(whole_range(x), None, "{x:?}");
            assert!(!x.iter().all(|&v| is_whole(v)) || x.is_empty());
        }
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

    /// Samples too varied to bin: counted in a hash table when their values repeat (mean
    /// scores; 30,011 distinct values in 200,000, −0 among them), sorted when nearly all are
    /// distinct; the same tally either way, and the quartiles from the tally, by selection and
    /// from the sorted sample alike.
    #[test]
    fn hashing_selecting_and_sorting_agree() {
        let means: Vec<f64> = (0..50_000)
            .map(|i| f64::from((i * 7919) % 33) / 8.0 - 2.0)
            .collect();
        let repeating: Vec<f64> = (0..200_000)
            .map(|i| match i % 1000 {
                0 => -0.0,
                1 => 0.0,
                _ => f64::from((i * 7919) % 30_011) / 7.0 - 100.0,
            })
            .collect();
        let distinct: Vec<f64> = (0..100_000)
            .map(|i| f64::from((i * 7919) % 100_003) / 3.0)
            .collect();
        for (x, hashed, repeats) in [
            (&means, true, true),
            (&repeating, true, false),
            (&distinct, false, false),
        ] {
            assert_eq!(hashed_counts(x.iter().copied(), x.len()).is_some(), hashed);
            assert_eq!(Glimpse::of(x).repeats_much(), repeats);
            let s = sorted(x);
            let by_sorting = Tally::from_sorted(&s);
            assert_eq!(Tally::of(x), by_sorting);
            let q = Quartiles::of_tally(&by_sorting);
            assert_eq!(Quartiles::of(x), q);
            assert_eq!(Quartiles::selected(x, &mut Vec::new()), q);
            assert_eq!((q.min, q.max), (s[0] + 0.0, s[s.len() - 1]));
        }
        // the glimpse reaches the end: whole numbers first, halves after the 4,096th value
        let tail: Vec<f64> = (0..6000)
            .map(|i| if i < 4096 { f64::from(i % 7) } else { 0.5 })
            .collect();
        assert!(!Glimpse::of(&tail).all_whole);
        assert_eq!(Tally::of(&tail), Tally::from_sorted(&sorted(&tail)));
        // a short sample: every value glimpsed; none: NaN
        let short = [3.5, -1.25, 7.0, 0.5, 0.5];
        let q = Quartiles::of(&short);
        assert_eq!(q, Quartiles::selected(&short, &mut Vec::new()));
        assert_eq!(
            (q.min, q.q1, q.median, q.q3, q.max),
            (-1.25, 0.5, 0.5, 3.5, 7.0)
        );
        assert!(Quartiles::of(&[]).median.is_nan());
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
