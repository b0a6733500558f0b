//! `prepost score`: item-level answers → one row of scores per respondent.

use crate::cli::{InvalidArg, ScoreArgs, ScoreFormat};
use crate::io::frame_out;
use crate::io::input::prepare_paths;
use crate::io::output::{ensure_not_an_input, write_atomic_parts, write_stdout_parts};
use crate::io::progress::Progress;
use crate::scale::score::{score_files, InvalidPolicy, ScoreOptions, ScoreSummary};
use crate::scale::spec::{load_for_use, Scale};

impl From<InvalidArg> for InvalidPolicy {
    fn from(a: InvalidArg) -> Self {
        match a {
            InvalidArg::Error => InvalidPolicy::Error,
            InvalidArg::Missing => InvalidPolicy::Missing,
        }
    }
}

/// The format: the flag, else the output file's extension, else CSV.
fn format_of(args: &ScoreArgs) -> ScoreFormat {
    if let Some(f) = args.format {
        return f;
    }
    let ext = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("tsv") | Some("tab") => ScoreFormat::Tsv,
        Some("json") => ScoreFormat::Json,
        Some("parquet") | Some("pq") => ScoreFormat::Parquet,
        _ => ScoreFormat::Csv,
    }
}

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
            let how = match sc.method {
                crate::scale::spec::Method::Sum => "prorated as mean x number of items",
                crate::scale::spec::Method::Mean => "mean of the answered items",
            };
            line.push_str(&format!("; {prorated} with missing items ({how})"));
        }
        lines.push(line);
    }
    if invalid == InvalidPolicy::Missing && !s.invalid_by_item.is_empty() {
        let total: u64 = s.invalid_by_item.iter().map(|x| x.1).sum();
        let by: Vec<String> = s
            .invalid_by_item
            .iter()
            .map(|(i, c)| format!("{i}: {c}"))
            .collect();
        lines.push(format!(
            "  {total} invalid answer{} treated as missing ({})",
            if total == 1 { "" } else { "s" },
            by.join(", ")
        ));
    }
    lines
}

/// Report notes on how item-level answers were scored at one time point (`label`): scores
/// missing by the missing-item rule, scores with missing items, invalid answers counted.
pub fn scoring_notes(scale: &Scale, s: &ScoreSummary, label: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    for sc in &scale.scores {
        let k = sc.items.len();
        if let Some(&(_, m)) = s
            .missing_by_score
            .iter()
            .find(|(n, _)| *n == sc.name)
            .filter(|x| x.1 > 0)
        {
            notes.push(format!(
                "{label}: {} missing for {m} respondent{} (fewer than {} of {k} items answered)",
                sc.name,
                plural(m),
                sc.required()
            ));
        }
        if let Some(&(_, p)) = s
            .prorated_by_score
            .iter()
            .find(|(n, _)| *n == sc.name)
            .filter(|x| x.1 > 0)
        {
            let how = match sc.method {
                crate::scale::spec::Method::Sum => format!("prorated as mean x {k} items"),
                crate::scale::spec::Method::Mean => "the mean of the answered items".to_string(),
            };
            notes.push(format!(
                "{label}: {} for {p} respondent{} scored from fewer than {k} items ({how})",
                sc.name,
                plural(p)
            ));
        }
    }
    if !s.invalid_by_item.is_empty() {
        let total: u64 = s.invalid_by_item.iter().map(|x| x.1).sum();
        let by: Vec<String> = s
            .invalid_by_item
            .iter()
            .map(|(i, c)| format!("{i}: {c}"))
            .collect();
        notes.push(format!(
            "{label}: {total} invalid answer{} treated as missing ({})",
            plural(total),
            by.join(", ")
        ));
    }
    notes
}

pub fn run(args: &ScoreArgs) -> anyhow::Result<()> {
    let scale = load_for_use(&args.scale)?;
    if let Some(out) = &args.output {
        let mut inputs = args.files.clone();
        inputs.push(args.scale.clone());
        ensure_not_an_input(out, &inputs)?;
    }
    let opts = ScoreOptions {
        invalid: args.invalid.into(),
        keep_items: false,
        delimiter: args.input.delimiter,
        id: args.id.clone(),
        missing: args.na.clone(),
        ..ScoreOptions::default()
    };
    let inputs = prepare_paths(&args.files, &args.input.options(args.quiet))?;
    let scored = {
        let _progress = Progress::start(format!("prepost: scoring {} file(s)", args.files.len()));
        score_files(&inputs.paths(), &scale, &opts)?
    };
    let t = std::time::Instant::now();
    let parts = match format_of(args) {
        ScoreFormat::Csv => frame_out::delimited(&scored.frame, b',')?,
        ScoreFormat::Tsv => frame_out::delimited(&scored.frame, b'\t')?,
        ScoreFormat::Parquet => vec![frame_out::parquet(&scored.frame)?],
        ScoreFormat::Json => vec![frame_out::json(
            &scored.frame,
            serde_json::json!({
                "prepost_version": env!("CARGO_PKG_VERSION"),
                "scale": &scale,
                "summary": &scored.summary,
            }),
        )?],
    };
    crate::io::trace::phase("formatting the output", t);
    let t = std::time::Instant::now();
    match &args.output {
        Some(path) => write_atomic_parts(path, &parts)?,
        None => write_stdout_parts(&parts)?,
    }
    crate::io::trace::phase("writing the output", t);
    if !args.quiet {
        let lines = summary_lines(&scale, &scored.summary, opts.invalid);
        eprintln!("prepost: {}", lines[0]);
        for line in &lines[1..] {
            eprintln!("{line}");
        }
    }
    Ok(())
}
