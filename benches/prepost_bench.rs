//! Benchmark tools (not tests), built only with `--features bench-tools` so that they share the
//! release build's dependencies (a `cargo bench` target would pull in the dev-dependencies and
//! rebuild polars). Run by scripts/bench.sh:
//!
//!   prepost-bench polars-read FILE [eager|lazy-string|lazy-int]
//!       the time polars alone needs to read a CSV file into a frame:
//!       eager        polars' eager CSV reader with its default type inference (the baseline)
//!       lazy-string  a lazy scan with every column as text, collected with the streaming engine
//!       lazy-int     a lazy scan with the schema given (first column text, the rest Int64),
//!                    streamed: the read `prepost score` does before any computation
//!   prepost-bench stats
//!       exact Wilcoxon p on Likert-like differences (-4..4, heavy ties) for n = 1000 and 5000;
//!       the Hodges-Lehmann estimate and CI for n = 10^6; every statistic of one scale for 10^6 pairs.

use polars::prelude::*;
use prepost::analysis::{analyze_scale, AnalysisOptions};
use prepost::stats::hodges_lehmann::hodges_lehmann;
use prepost::stats::wilcoxon::{signed_rank_test, PValueMethod, SignedRankOptions};
use prepost::stats::Alternative;
use prepost::study::PairedScale;
use std::time::Instant;

fn main() -> PolarsResult<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("polars-read") => {
            let path = args
                .get(2)
                .expect("usage: prepost-bench polars-read FILE [eager|lazy-string]");
            polars_read(path, args.get(3).map(String::as_str).unwrap_or("eager"))
        }
        Some("stats") => {
            // `stats scales`: the statistics of a scale only (for a profile)
            stats(args.get(2).map(String::as_str) != Some("scales"));
            Ok(())
        }
        _ => {
            eprintln!(
                "usage: prepost-bench polars-read FILE [eager|lazy-string] | prepost-bench stats [scales]"
            );
            std::process::exit(2);
        }
    }
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

fn polars_read(path: &str, mode: &str) -> PolarsResult<()> {
    let start = Instant::now();
    let df = match mode {
        "lazy-int" => {
            // every column but the first as Int64, streamed: the read `prepost score` does
            let header = std::fs::read_to_string(path)?
                .lines()
                .next()
                .unwrap_or_default()
                .to_string();
            let schema: Schema = header
                .split(',')
                .enumerate()
                .map(|(i, h)| {
                    Field::new(
                        h.into(),
                        if i == 0 {
                            DataType::String
                        } else {
                            DataType::Int64
                        },
                    )
                })
                .collect();
            LazyCsvReader::new(PlRefPath::try_from_path(std::path::Path::new(path))?)
                .with_has_header(true)
                .with_schema(Some(std::sync::Arc::new(schema)))
                .finish()?
                .collect_with_engine(Engine::Streaming)?
                .unwrap_single()
        }
        "lazy-string" => LazyCsvReader::new(PlRefPath::try_from_path(std::path::Path::new(path))?)
            .with_has_header(true)
            .with_infer_schema_length(Some(0))
            .finish()?
            .collect_with_engine(Engine::Streaming)?
            .unwrap_single(),
        _ => CsvReadOptions::default()
            .with_has_header(true)
            .try_into_reader_with_file_path(Some(path.into()))?
            .finish()?,
    };
    let secs = start.elapsed().as_secs_f64();
    println!(
        "polars_read mode={mode} rows={} cols={} seconds={secs:.3} peak_rss_mib={:.0}",
        df.height(),
        df.width(),
        peak_rss_mib()
    );
    Ok(())
}

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

/// The first call (as the real tool makes it, on fresh memory) and the median of 9 more (the
/// machine's noise smoothed).
fn time_repeated<T>(label: &str, f: impl Fn() -> T) {
    let start = Instant::now();
    drop(f());
    let first = start.elapsed().as_secs_f64();
    let mut again: Vec<f64> = (0..9)
        .map(|_| {
            let start = Instant::now();
            drop(f());
            start.elapsed().as_secs_f64()
        })
        .collect();
    again.sort_by(f64::total_cmp);
    println!(
        "{label}: {first:.3} s (first call), {:.3} s (median of 9 more)",
        again[4]
    );
}

fn stats(wilcoxon: bool) {
    let mut rng = Rng(20261125);
    for n in [1000usize, 5000].into_iter().filter(|_| wilcoxon) {
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
    let scale = |pre: Vec<f64>, post: Vec<f64>| PairedScale {
        name: "s".into(),
        participants: (0..pre.len() as u32).collect::<Vec<_>>().into(),
        pre: pre.into(),
        post: post.into(),
    };
    let likert = scale(pre.clone(), post);
    time_repeated("every statistic of one scale, 1,000,000 pairs", || {
        analyze_scale(&likert, &AnalysisOptions::default())
    });
    // a large t: everyone gains 1 point, a few 0 or 2 (sums of items), and the same with
    // noise of SD ~0.006 in 20,001 steps (39,980 distinct differences: hashed, not binned)
    let gain: Vec<f64> = pre
        .iter()
        .map(|p| p + 1.0 + [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, -1.0][(rng.next() % 8) as usize])
        .collect();
    let gain = scale(pre.clone(), gain);
    time_repeated(
        "every statistic of one scale, 1,000,000 pairs, t ~ 2000",
        || analyze_scale(&gain, &AnalysisOptions::default()),
    );
    let noisy: Vec<f64> = pre
        .iter()
        .map(|p| p + 1.0 + ((rng.next() % 20_001) as f64 / 10_000.0 - 1.0) * 0.01)
        .collect();
    let noisy = scale(pre, noisy);
    time_repeated(
        "every statistic of one scale, 1,000,000 pairs, t ~ 170,000, distinct differences",
        || analyze_scale(&noisy, &AnalysisOptions::default()),
    );
}
