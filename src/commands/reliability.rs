//! `prepost reliability`: Cronbach's alpha and item statistics per subscale and total.

use crate::cli::ReliabilityArgs;
use crate::io::input::prepare_paths;
use crate::io::output::{ensure_not_an_input, write_atomic, write_stdout};
use crate::model::{ItemRow, ReliabilityReport, ScaleAlpha};
use crate::report::{reliability, RenderOptions};
use crate::scale::score::{keyed_column, score_files, ScoreOptions, Scored};
use crate::scale::spec::{load_for_use, Scale, ScoreDef};
use crate::stats::reliability::{cronbach_alpha, AlphaMissing};

/// The keyed item columns of one score.
pub fn keyed_items(
    scored: &Scored,
    score: &ScoreDef,
) -> Result<Vec<Vec<f64>>, crate::error::DataError> {
    score
        .items
        .iter()
        .map(|q| scored.values_nan(&keyed_column(q)))
        .collect()
}

/// Alpha and item statistics of every score of a scored file.
pub fn scale_alphas(
    scale: &Scale,
    scored: &Scored,
    missing: AlphaMissing,
    conf_level: f64,
) -> Result<Vec<ScaleAlpha>, crate::error::DataError> {
    let mut out = Vec::new();
    for s in &scale.scores {
        let cols = keyed_items(scored, s)?;
        let refs: Vec<&[f64]> = cols.iter().map(Vec::as_slice).collect();
        let n_complete = (0..scored.frame.height())
            .filter(|&r| cols.iter().all(|c| !c[r].is_nan()))
            .count();
        let row = match cronbach_alpha(&refs, missing, conf_level) {
            Ok(a) => ScaleAlpha {
                scale: s.name.clone(),
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
                alpha: None,
                alpha_std: None,
                average_r: None,
                ci_low: None,
                ci_high: None,
                n: n_complete,
                n_complete,
                k: s.items.len(),
                items: Vec::new(),
                note: Some(why.to_string()),
            },
        };
        out.push(row);
    }
    Ok(out)
}

pub fn run(args: &ReliabilityArgs) -> anyhow::Result<()> {
    let scale = load_for_use(&args.scale)?;
    if let Some(out) = &args.output {
        let mut inputs = args.files.clone();
        inputs.push(args.scale.clone());
        ensure_not_an_input(out, &inputs)?;
    }
    let opts = ScoreOptions {
        invalid: args.invalid.into(),
        keep_items: true,
        delimiter: args.input.delimiter,
        id: args.id.clone(),
        missing: args.na.clone(),
        ..ScoreOptions::default()
    };
    let inputs = prepare_paths(&args.files, &args.input.options(false))?;
    let scored = score_files(&inputs.paths(), &scale, &opts)?;
    let missing: AlphaMissing = args.alpha_missing.into();
    let report = ReliabilityReport {
        prepost_version: env!("CARGO_PKG_VERSION").to_string(),
        scale: scale.name.clone(),
        spec: args.scale.display().to_string(),
        files: scored.summary.files.clone(),
        missing,
        conf_level: args.conf_level,
        respondents: scored.summary.respondents,
        scales: scale_alphas(&scale, &scored, missing, args.conf_level)?,
    };
    let text = reliability::render(
        &report,
        args.format,
        &RenderOptions {
            digits: usize::from(args.digits),
            lang: args.lang,
            minus: "-",
        },
    );
    match &args.output {
        Some(path) => write_atomic(path, text.as_bytes())?,
        None => write_stdout(text.as_bytes())?,
    }
    Ok(())
}
