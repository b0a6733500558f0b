//! `prepost compare`: load the study, compare two of its waves, write the report.

use crate::analysis::compare::compare;
use crate::config::CompareConfig;
use crate::io::output::{write_out_dir, write_to, Target};
use crate::io::trace;
use crate::report;
use std::path::PathBuf;
use std::sync::Arc;

/// Runs `compare`.
pub fn run(config: &CompareConfig) -> anyhow::Result<()> {
    let study = Arc::new(crate::study::load(&config.study)?);
    let t = std::time::Instant::now();
    let report = compare(Arc::clone(&study), &config.study, &config.compare)?;
    trace::phase("all statistics", t);
    let t = std::time::Instant::now();
    let out = &config.output;
    let mut inputs: Vec<PathBuf> = config.study.layout.inputs();
    if let Some(items) = &config.study.items {
        inputs.push(items.spec.clone());
    }
    // The readable files of --out-dir are rendered before anything is written, so that a
    // failure leaves no partial output; the large machine-readable ones are streamed.
    if let Some(dir) = &out.out_dir {
        let files = report::out_dir_files(&report, &out.render);
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        write_out_dir(dir, &names, &inputs, |k, w| files[k].write(&report, w))?;
    }
    let target = match &out.file {
        Some(path) => Target::File(path),
        None => Target::Stdout,
    };
    write_to(target, |w| {
        report::write(&report, out.format, &out.render, w)
    })?;
    trace::phase("rendering and writing", t);
    Ok(())
}
