//! `prepost case`: read the sessions of single cases, compute their effect sizes, write the
//! report.

use crate::analysis::case::analyze;
use crate::config::CaseConfig;

/// Runs `case`.
pub fn run(config: &CaseConfig) -> anyhow::Result<()> {
    let data = crate::study::case::load(&config.input)?;
    let report = analyze(&data, &config.settings)?;
    let mut inputs = vec![config.input.data.clone()];
    if let Some(items) = &config.input.items {
        inputs.push(items.spec.clone());
    }
    super::write_report(&report, &config.output, &inputs)
}
