//! `prepost reliability`: Cronbach's alpha and item statistics per subscale and total.

use crate::config::ReliabilityConfig;
use crate::io::output::{write_to, Target};
use crate::io::source::Source;
use crate::model::{ItemRow, ReliabilityReport, ScaleAlpha};
use crate::report;
use crate::scale::kernel::{score_sources, Scored, Scoring};
use crate::scale::spec::{load_for_use, Scale};
use crate::stats::reliability::{cronbach_alpha, AlphaMissing};

/// Alpha and item statistics of every score of a scored file.
pub fn scale_alphas(
    scale: &Scale,
    scored: &Scored,
    missing: AlphaMissing,
    conf_level: f64,
) -> Result<Vec<ScaleAlpha>, crate::error::DataError> {
    let mut out = Vec::new();
    for s in &scale.scores {
        let refs: Vec<&[f64]> = scale
            .positions(s)
            .into_iter()
            .map(|k| scored.items[k].as_slice())
            .collect();
        let n_complete = (0..scored.frame.height())
            .filter(|&r| refs.iter().all(|c| !c[r].is_nan()))
            .count();
        let row = match cronbach_alpha(&refs, missing, conf_level) {
            Ok(a) => ScaleAlpha {
                scale: s.name.clone(),
                labels: s.labels.clone(),
                alpha: Some(a.alpha),
                alpha_std: a.alpha_std,
                average_r: a.average_r,
                ci_low: Some(a.ci_low),
                ci_high: Some(a.ci_high),
                n: a.n,
                n_complete: a.n_complete,
                k: a.k,
                items: s
                    .items
                    .iter()
                    .zip(&a.items)
                    .map(|(q, st)| ItemRow {
                        item: q.clone(),
                        reversed: scale.is_reversed(q),
                        r_drop: st.r_drop,
                        alpha_if_deleted: st.alpha_if_deleted,
                    })
                    .collect(),
                note: None,
            },
            Err(why) => ScaleAlpha {
                scale: s.name.clone(),
                labels: s.labels.clone(),
                alpha: None,
                alpha_std: None,
                average_r: None,
                ci_low: None,
                ci_high: None,
                n: n_complete,
                n_complete,
                k: s.items.len(),
                items: Vec::new(),
                note: Some(why.into()),
            },
        };
        out.push(row);
    }
    Ok(out)
}

pub fn run(config: &ReliabilityConfig) -> anyhow::Result<()> {
    let scale = load_for_use(&config.spec)?;
    let mut scoring = Scoring::of_data(
        scale.clone(),
        config.id.as_deref(),
        &config.na,
        config.invalid,
    );
    scoring.keep_items = true;
    let sources = Source::open_all(&config.files, &config.input)?;
    let scored = score_sources(&sources, &scoring)?;
    let report = ReliabilityReport {
        prepost_version: env!("CARGO_PKG_VERSION").to_string(),
        scale: scale.name.clone(),
        labels: scale.labels.clone(),
        spec: config.spec.display().to_string(),
        files: scored.summary.files.clone(),
        missing: config.alpha_missing,
        conf_level: config.conf_level,
        respondents: scored.summary.respondents,
        scales: scale_alphas(&scale, &scored, config.alpha_missing, config.conf_level)?,
    };
    let bytes = report::render(&report, config.format, &config.render);
    let target = match &config.output {
        Some(path) => Target::File(path),
        None => Target::Stdout,
    };
    write_to(target, |w| w.write_all(&bytes))
}
