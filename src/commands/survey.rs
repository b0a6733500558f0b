//! `prepost survey`: read one wave of questionnaires, run the analyses asked for, write the
//! report.

use crate::analysis::survey::analyze;
use crate::config::{SurveyConfig, UsageError};
use crate::io::source::Source;

/// Runs `survey`.
pub fn run(config: &SurveyConfig) -> anyhow::Result<()> {
    check_columns(config)?;
    let data = crate::study::survey::load(&config.input)?;
    for (score, _) in &config.options.test_values {
        if data.score(score).is_none() {
            let names: Vec<&str> = data.scores.iter().map(|(n, _)| n.as_str()).collect();
            return Err(UsageError {
                command: "survey",
                message: format!(
                    "--test-value names \"{score}\", which is not a score analysed; the scores are: {}",
                    names.join(", ")
                ),
            }
            .into());
        }
    }
    let report = analyze(&data, &config.options)?;
    let mut inputs = vec![config.input.data.clone()];
    if let Some(items) = &config.input.items {
        inputs.push(items.spec.clone());
    }
    super::write_report(&report, &config.output, &inputs)
}

/// A column named by `--by`, `--crosstab`, `--correlate` or `--regress` that the data do not
/// have is a usage error (exit 2) naming it and the columns there are; the scores of a spec
/// count as columns.
fn check_columns(config: &SurveyConfig) -> anyhow::Result<()> {
    // (quiet: the data are read, with their notes, by the analysis; here only the header)
    let input = crate::io::source::InputOptions {
        quiet: true,
        ..config.input.input.clone()
    };
    let source = Source::open(&config.input.data, &input)?;
    let mut header = crate::io::reader::header(&source)?.named();
    if let Some(items) = &config.input.items {
        let scale = crate::scale::spec::load_for_use(&items.spec)?;
        header.extend(scale.scores.iter().map(|s| s.name.clone()));
    }
    for column in config.options.columns() {
        if !header.contains(&column) {
            return Err(UsageError {
                command: "survey",
                message: format!(
                    "no column \"{column}\" in {}; its columns are: {}",
                    config.input.data.display(),
                    header.join(", ")
                ),
            }
            .into());
        }
    }
    Ok(())
}
