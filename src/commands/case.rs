//! `prepost case`: read the sessions of single cases, compute their effect sizes, write the
//! report.

use crate::analysis::case::analyze;
use crate::config::CaseConfig;
use crate::io::output::{write_out_dir, write_to, Target};
use crate::report;

/// Runs `case`.
pub fn run(config: &CaseConfig) -> anyhow::Result<()> {
    let data = crate::study::case::load(&config.input)?;
    let report = analyze(&data, &config.settings)?;
    let out = &config.output;
    if let Some(dir) = &out.out_dir {
        let mut inputs = vec![config.input.data.clone()];
        if let Some(items) = &config.input.items {
            inputs.push(items.spec.clone());
        }
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
    })
}
