//! `prepost reliability`: Cronbach's alpha, McDonald's omega, split-half and the item analysis
//! per subscale and total.

use crate::analysis::reliability::scale_alphas;
use crate::config::ReliabilityConfig;
use crate::io::output::{write_to, Target};
use crate::io::source::Source;
use crate::model::ReliabilityReport;
use crate::report;
use crate::scale::kernel::{score_sources, Scoring};

pub fn run(config: &ReliabilityConfig) -> anyhow::Result<()> {
    let mut scoring = Scoring::of_spec_file(
        &config.spec,
        config.id.as_deref(),
        &config.na,
        config.invalid,
    )?;
    scoring.keep_items = true;
    let sources = Source::open_all(&config.files, &config.input)?;
    let scored = score_sources(&sources, &scoring)?;
    let scale = &scored.scale;
    let report = ReliabilityReport {
        prepost_version: env!("CARGO_PKG_VERSION").to_string(),
        scale: scale.name.clone(),
        labels: scale.labels.clone(),
        spec: config.spec.display().to_string(),
        files: scored.summary.files.clone(),
        missing: config.alpha_missing,
        conf_level: config.conf_level,
        respondents: scored.summary.respondents,
        item_analysis: config.item_analysis,
        scales: scale_alphas(
            scale,
            &scored,
            config.alpha_missing,
            config.conf_level,
            &config.item_analysis,
        ),
    };
    let bytes = report::render(&report, config.format, &config.render);
    let target = match &config.output {
        Some(path) => Target::File(path),
        None => Target::Stdout,
    };
    write_to(target, |w| w.write_all(&bytes))
}
