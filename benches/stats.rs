//! Benchmark helper (not a test): timings of the statistics that scale badly, run by
//! scripts/bench.sh. `cargo bench --bench stats`
//!
//! - exact Wilcoxon p on Likert-like differences (-4..4, heavy ties) for n = 1000 and 5000;
//! - Hodges–Lehmann estimate and CI for n = 10⁶ (implicit Walsh-average selection);
//! - the whole per-scale analysis of one million pairs.

use prepost::analysis::{analyze_scale, AnalysisOptions};
use prepost::pairing::PairedScale;
use prepost::stats::hodges_lehmann::hodges_lehmann;
use prepost::stats::wilcoxon::{signed_rank_test, PValueMethod, SignedRankOptions};
use prepost::stats::Alternative;
use std::time::Instant;

/// Deterministic pseudo-random numbers (xorshift64*), so every run measures the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A Likert-like difference in -4..=4 leaning positive.
    fn likert_diff(&mut self) -> f64 {
        let pre = (self.next() % 5) as f64 + 1.0;
        let post = ((self.next() % 5) as f64 + 1.0 + (self.next() % 2) as f64).min(5.0);
        post - pre
    }
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!("{label}: {:.3} s", start.elapsed().as_secs_f64());
    out
}

fn main() {
    let mut rng = Rng(20261125);
    for n in [1000usize, 5000] {
        let d: Vec<f64> = (0..n).map(|_| rng.likert_diff()).collect();
        let opts = SignedRankOptions {
            method: PValueMethod::Exact,
            ..Default::default()
        };
        let r = time(&format!("exact Wilcoxon, n = {n} with ties"), || {
            signed_rank_test(&d, opts).unwrap()
        });
        println!(
            "  n ranked = {}, V = {}, p = {:e}, method = {}",
            r.n_ranked,
            r.v,
            r.p_value,
            r.method.as_str()
        );
    }
    let n = 1_000_000;
    let pre: Vec<f64> = (0..n).map(|_| (rng.next() % 41) as f64 + 10.0).collect();
    let post: Vec<f64> = pre.iter().map(|p| p + rng.likert_diff() * 2.0).collect();
    let d: Vec<f64> = pre.iter().zip(&post).map(|(a, b)| b - a).collect();
    let hl = time("Hodges-Lehmann estimate and 95% CI, n = 1,000,000", || {
        hodges_lehmann(&d, Alternative::TwoSided, 0.95).unwrap()
    });
    println!(
        "  estimate = {}, CI [{}, {}]",
        hl.estimate, hl.ci_low, hl.ci_high
    );
    let scale = PairedScale {
        name: "s".into(),
        ids: Vec::new(),
        pre,
        post,
        missing: Vec::new(),
    };
    time("every statistic of one scale, 1,000,000 pairs", || {
        analyze_scale(&scale, &AnalysisOptions::default())
    });
}
