//! `prepost score`: item-level answers → one row of scores per respondent.

use crate::cli::ScoreFormat;
use crate::config::ScoreConfig;
use crate::io::frame_out;
use crate::io::output::{write_parts, Target};
use crate::io::progress::Progress;
use crate::io::source::Source;
use crate::model::ScreenReport;
use crate::scale::kernel::{score_sources, InvalidPolicy, ScoreSummary, Scoring};
use crate::scale::spec::Scale;

use super::screen;

/// The lines of the summary printed to standard error.
pub fn summary_lines(scale: &Scale, s: &ScoreSummary, invalid: InvalidPolicy) -> Vec<String> {
    let mut lines = vec![format!(
        "scored {} respondent{} from {} with \"{}\"",
        s.respondents,
        if s.respondents == 1 { "" } else { "s" },
        s.files.join(", "),
        scale.name
    )];
    for sc in &scale.scores {
        let missing = s
            .missing_by_score
            .iter()
            .find(|(n, _)| *n == sc.name)
            .map_or(0, |x| x.1);
        let prorated = s
            .prorated_by_score
            .iter()
            .find(|(n, _)| *n == sc.name)
            .map_or(0, |x| x.1);
        let rule = format!(
            "{} of {} items, needs {} answered",
            sc.method.as_str(),
            sc.items.len(),
            sc.required()
        );
        let mut line = format!("  {}: {rule}", sc.name);
        if missing > 0 {
            line.push_str(&format!("; missing for {missing} (too few items answered)"));
        }
        if prorated > 0 {
            use crate::scale::spec::{Impute, Method};
            let how = match (scale.impute, sc.method) {
                (Impute::ItemMean, _) => "each missing answer replaced by the item's mean",
                (Impute::None, Method::Sum) => "prorated as mean x number of items",
                (Impute::None, Method::Mean) => "mean of the answered items",
            };
            line.push_str(&format!("; {prorated} with missing items ({how})"));
        }
        lines.push(line);
    }
    if !s.skipped_by_item.is_empty() {
        let total: u64 = s.skipped_by_item.iter().map(|x| x.1).sum();
        lines.push(format!(
            "  {}",
            crate::note::skipped_answers(total, &s.skipped_by_item)
        ));
    }
    if invalid == InvalidPolicy::Missing && !s.invalid_by_item.is_empty() {
        let total: u64 = s.invalid_by_item.iter().map(|x| x.1).sum();
        lines.push(format!(
            "  {total} invalid answer{} treated as missing ({})",
            if total == 1 { "" } else { "s" },
            crate::note::counts_by_item(&s.invalid_by_item)
        ));
    }
    lines
}

/// The lines of standard error after screening: the counts, then every excluded respondent
/// with its row and reasons.
pub fn screening_lines(report: &ScreenReport) -> Vec<String> {
    use crate::report::sections::screen::{reason_text, sentences};
    use crate::scale::spec::Lang;
    let mut lines = vec![format!(
        "screened: {} The scores of the {} valid are written.",
        sentences(report, Lang::En).join(" "),
        report.valid
    )];
    for e in &report.excluded {
        let reasons: Vec<String> = e.reasons.iter().map(|r| reason_text(r, Lang::En)).collect();
        lines.push(format!(
            "  excluded row {}{}{}: {}",
            e.row,
            e.file
                .as_ref()
                .map_or(String::new(), |f| format!(" of {f}")),
            e.id.as_ref()
                .map_or(String::new(), |id| format!(" (id {id})")),
            reasons.join("; ")
        ));
    }
    lines
}

pub fn run(config: &ScoreConfig) -> anyhow::Result<()> {
    let mut scoring = Scoring::of_spec_file(
        &config.spec,
        config.id.as_deref(),
        &config.na,
        config.invalid,
    )?;
    if let Some(options) = &config.screen {
        screen::prepare(&mut scoring, options);
    }
    let sources = Source::open_all(&config.files, &config.input)?;
    let mut scored = {
        let _progress = Progress::start(format!("prepost: scoring {} file(s)", config.files.len()));
        score_sources(&sources, &scoring)?
    };
    let mut screening = None;
    if let Some(options) = &config.screen {
        // (the spec as bound to the file: a selector's items are known there)
        screen::check_rules("score", &scored.scale, options)?;
        let mut screened = screen::screen_scored(&scoring, &scored, options, &config.spec)?;
        let mut inputs = config.files.clone();
        inputs.push(config.spec.clone());
        // (one input with --keep: the configuration refuses several)
        screened.write_kept(
            options,
            (&config.files[0], &sources[0], &config.input),
            &scored,
            &inputs,
        )?;
        let valid = &screened.valid;
        let mask: polars::prelude::BooleanChunked = valid.iter().copied().collect();
        scored.frame = scored
            .frame
            .filter(&mask)
            .map_err(|e| anyhow::anyhow!("cannot leave out the excluded respondents: {e}"))?;
        screening = Some(screened.report);
    }
    let t = std::time::Instant::now();
    let parts = match config.format {
        ScoreFormat::Csv => frame_out::delimited(&scored.frame, b',')?,
        ScoreFormat::Tsv => frame_out::delimited(&scored.frame, b'\t')?,
        ScoreFormat::Parquet => vec![frame_out::parquet(&scored.frame)?],
        ScoreFormat::Sav => {
            // the spec's labels (Chinese where given) as variable labels, its name as the file's
            let labels: Vec<(String, String)> = scored
                .scale
                .scores
                .iter()
                .filter_map(|s| {
                    let label = s.labels.get(crate::scale::spec::Lang::Zh)?;
                    Some((s.name.clone(), label.to_string()))
                })
                .collect();
            let (bytes, names) = frame_out::sav(&scored.frame, &labels, Some(&scored.scale.name))?;
            if !config.quiet {
                for (old, new) in scored.frame.get_column_names().iter().zip(&names) {
                    if old.as_str() != new {
                        eprintln!(
                            "prepost: note: the column \"{}\" is named \"{new}\" in the SPSS file (not a valid SPSS name)",
                            crate::error::printable(old.as_str())
                        );
                    }
                }
            }
            vec![bytes]
        }
        ScoreFormat::Json => vec![frame_out::json(&scored.frame, {
            let mut meta = serde_json::json!({
                "prepost_version": env!("CARGO_PKG_VERSION"),
                "scale": &scored.scale,
                "summary": &scored.summary,
            });
            if let Some(report) = &screening {
                meta["screening"] = serde_json::json!(report);
            }
            meta
        })?],
    };
    crate::io::trace::phase("formatting the output", t);
    let t = std::time::Instant::now();
    match &config.output {
        Some(path) => write_parts(Target::File(path), &parts)?,
        None => write_parts(Target::Stdout, &parts)?,
    }
    crate::io::trace::phase("writing the output", t);
    if !config.quiet {
        let lines = summary_lines(&scored.scale, &scored.summary, config.invalid);
        eprintln!("prepost: {}", crate::error::printable(&lines[0]));
        for line in &lines[1..] {
            eprintln!("{}", crate::error::printable(line));
        }
    }
    // (even with --quiet: no respondent is left out silently)
    if let Some(report) = &screening {
        let lines = screening_lines(report);
        eprintln!("prepost: {}", crate::error::printable(&lines[0]));
        for line in &lines[1..] {
            eprintln!("{}", crate::error::printable(line));
        }
    }
    Ok(())
}
