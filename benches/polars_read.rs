//! Benchmark helper (not a test): the time polars alone needs to read a CSV file into a frame,
//! for comparison with `prepost score` on the same file (scripts/bench.sh).
//!
//! usage: cargo bench --bench polars_read -- FILE [eager|lazy-string]
//!   eager        polars' eager CSV reader with its default type inference (the baseline)
//!   lazy-string  a lazy scan with every column as text, collected with the streaming engine
//!                (how prepost reads item files)

use polars::prelude::*;
use std::time::Instant;

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

fn main() -> PolarsResult<()> {
    let args: Vec<String> = std::env::args().filter(|a| a != "--bench").collect();
    let path = args
        .get(1)
        .expect("usage: polars_read FILE [eager|lazy-string]");
    let mode = args.get(2).map(String::as_str).unwrap_or("eager");
    let start = Instant::now();
    let df = match mode {
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
