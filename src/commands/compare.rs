//! `prepost compare`: load the study, compare two of its waves, write the report.

use crate::analysis::compare::compare;
use crate::config::CompareConfig;
use crate::io::trace;
use std::path::PathBuf;
use std::sync::Arc;

/// Runs `compare`.
pub fn run(config: &CompareConfig) -> anyhow::Result<()> {
    let study = Arc::new(crate::study::load(&config.study)?);
    let t = std::time::Instant::now();
    let report = compare(Arc::clone(&study), &config.study, &config.compare)?;
    trace::phase("all statistics", t);
    let t = std::time::Instant::now();
    let mut inputs: Vec<PathBuf> = config.study.layout.inputs();
    if let Some(items) = &config.study.items {
        inputs.push(items.spec.clone());
    }
    // (the large machine-readable files of --out-dir are streamed)
    super::write_report(&report, &config.output, &inputs)?;
    trace::phase("rendering and writing", t);
    Ok(())
}
