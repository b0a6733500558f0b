//! `prepost compare`: read → pair → analyse → report → write.

use crate::analysis::{adjust_across_scales, alpha_summary, analyze_scale, AnalysisOptions};
use crate::cli::{CompareArgs, InvalidArg};
use crate::commands::reliability::keyed_items;
use crate::commands::score::scoring_notes;
use crate::error::DataError;
use crate::io::output::{ensure_not_an_input, write_atomic, write_stdout};
use crate::io::table::{read_table, ReadOptions};
use crate::model::{Attrition, Options, Reliability, Report, ScaleInfo, ScoreRule};
use crate::pairing::{
    pair_by_id, pair_columns, select_scales, split_long, ColumnPair, Pairing, Wave,
};
use crate::report::{self, RenderOptions};
use crate::scale::score::{score_files, ScoreOptions, Scored};
use crate::scale::spec::{load_for_use, Scale};
use crate::stats::reliability::AlphaMissing;
use crate::stats::wilcoxon::SignedRankOptions;
use anyhow::Context;
use std::path::{Path, PathBuf};

/// The data of a study, whatever its layout.
struct Loaded {
    layout: &'static str,
    inputs: Vec<PathBuf>,
    id: Option<String>,
    pairing: Pairing,
}

/// Item-level input: score both files with the scale, pair the scores, and keep each score's
/// keyed items for its reliability.
fn load_items(args: &CompareArgs, spec: &Path) -> Result<(Loaded, ItemLevel), DataError> {
    let scale = load_for_use(spec)?;
    let (Some(pre_path), Some(post_path)) = (&args.pre, &args.post) else {
        return Err(DataError::new("--scale needs --pre and --post item files"));
    };
    let opts = ScoreOptions {
        invalid: args.invalid.into(),
        keep_items: true,
        delimiter: args.delimiter,
        id: args.id.clone(),
        missing: args.na.clone(),
    };
    if scale.id.is_none() && args.id.is_none() {
        return Err(DataError::new(
            "the scale spec has no id column, which compare needs to match participants",
        )
        .file(spec.display().to_string())
        .hint("set `id = \"...\"` in the spec or pass --id COLUMN"));
    }
    let pre = score_files(std::slice::from_ref(pre_path), &scale, &opts)?;
    let post = score_files(std::slice::from_ref(post_path), &scale, &opts)?;
    let names: Vec<String> = scale.scores.iter().map(|s| s.name.clone()).collect();
    let mut pairing = pair_by_id(&pre.wave(&names)?, &post.wave(&names)?)?;
    for (label, scored) in [("pre", &pre), ("post", &post)] {
        pairing
            .notes
            .extend(scoring_notes(&scale, &scored.summary, label));
    }
    let id = pre.id.clone();
    Ok((
        Loaded {
            layout: "two-files",
            inputs: vec![pre_path.clone(), post_path.clone(), spec.to_path_buf()],
            id,
            pairing,
        },
        ItemLevel { scale, pre, post },
    ))
}

/// The scored waves of item-level input.
struct ItemLevel {
    scale: Scale,
    pre: Scored,
    post: Scored,
}

fn load(args: &CompareArgs) -> Result<Loaded, DataError> {
    let read = ReadOptions {
        delimiter: args.delimiter,
        missing: args.na.clone(),
    };
    if let (Some(pre_path), Some(post_path)) = (&args.pre, &args.post) {
        let id = args.id.clone().unwrap_or_else(|| "id".to_string());
        let pre = read_table(pre_path, &read)?;
        let post = read_table(post_path, &read)?;
        let (scales, notes) = select_scales(&pre, &post, &[id.as_str()], &args.scores)?;
        let mut pairing = pair_by_id(
            &Wave::from_table(&pre, &id, &scales)?,
            &Wave::from_table(&post, &id, &scales)?,
        )?;
        pairing.notes.extend(notes);
        return Ok(Loaded {
            layout: "two-files",
            inputs: vec![pre_path.clone(), post_path.clone()],
            id: Some(id),
            pairing,
        });
    }
    let data_path = args
        .data
        .as_ref()
        .expect("clap requires --pre/--post or --data");
    let table = read_table(data_path, &read)?;
    if let Some(time) = &args.time {
        let id = args.id.clone().unwrap_or_else(|| "id".to_string());
        let (pre, post, mut notes) = split_long(&table, time, &args.pre_label, &args.post_label)?;
        let (scales, more) =
            select_scales(&pre, &post, &[id.as_str(), time.as_str()], &args.scores)?;
        notes.extend(more);
        let mut pairing = pair_by_id(
            &Wave::from_table(&pre, &id, &scales)?,
            &Wave::from_table(&post, &id, &scales)?,
        )?;
        pairing.notes.extend(notes);
        return Ok(Loaded {
            layout: "long",
            inputs: vec![data_path.clone()],
            id: Some(id),
            pairing,
        });
    }
    let pairs: Vec<ColumnPair> = args
        .pairs
        .iter()
        .map(|p| ColumnPair::parse(p).map_err(|e| DataError::new(format!("--pair: {e}"))))
        .collect::<Result<_, _>>()?;
    let id = match &args.id {
        Some(id) => Some(id.clone()),
        None if table.has_column("id") => Some("id".to_string()),
        None => None,
    };
    let pairing = pair_columns(&table, id.as_deref(), &pairs)?;
    Ok(Loaded {
        layout: "wide",
        inputs: vec![data_path.clone()],
        id,
        pairing,
    })
}

/// Builds the report from loaded data (pure).
fn build_report(loaded: &Loaded, items: Option<&ItemLevel>, args: &CompareArgs) -> Report {
    let opts = AnalysisOptions {
        alternative: args.alternative.into(),
        conf_level: args.conf_level,
        wilcoxon: SignedRankOptions {
            alternative: args.alternative.into(),
            zero_method: args.zero_method.into(),
            method: args.wilcoxon_method.into(),
            correct: !args.no_continuity,
        },
        p_adjust: args.p_adjust.into(),
    };
    let mut scales: Vec<_> = loaded
        .pairing
        .scales
        .iter()
        .map(|s| analyze_scale(s, &opts))
        .collect();
    // Item-level input: the subscales are one family of tests and the total its own.
    let family: Vec<usize> = match items {
        Some(it) => it
            .scale
            .scores
            .iter()
            .map(|s| usize::from(s.is_total))
            .collect(),
        None => vec![0; scales.len()],
    };
    adjust_across_scales(&mut scales, opts.p_adjust, &family);
    let alpha_missing: AlphaMissing = args.alpha_missing.into();
    if let Some(it) = items {
        for (result, def) in scales.iter_mut().zip(&it.scale.scores) {
            let mut rel = Reliability::default();
            for (label, scored, slot) in [
                ("pre", &it.pre, &mut rel.pre),
                ("post", &it.post, &mut rel.post),
            ] {
                let cols = keyed_items(scored, def).unwrap_or_default();
                let refs: Vec<&[Option<f64>]> = cols.iter().map(Vec::as_slice).collect();
                match alpha_summary(&refs, alpha_missing, opts.conf_level) {
                    Ok(a) => *slot = Some(a),
                    Err(why) => {
                        result
                            .notes
                            .insert(format!("reliability.{label}"), why.to_string());
                    }
                }
            }
            result.reliability = Some(rel);
        }
    }
    let a = &loaded.pairing.attrition;
    Report {
        prepost_version: env!("CARGO_PKG_VERSION").to_string(),
        options: Options {
            layout: loaded.layout.to_string(),
            inputs: loaded
                .inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
            id: loaded.id.clone(),
            difference: "post - pre".to_string(),
            alternative: opts.alternative,
            conf_level: opts.conf_level,
            wilcoxon_method: opts.wilcoxon.method,
            continuity_correction: opts.wilcoxon.correct,
            zero_method: opts.wilcoxon.zero_method,
            p_adjust: opts.p_adjust,
            scale: items.map(|it| ScaleInfo {
                name: it.scale.name.clone(),
                spec: args
                    .scale
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                min: it.scale.min,
                max: it.scale.max,
                items: it.scale.items.len(),
                reverse: it.scale.reverse.clone(),
                invalid: match args.invalid {
                    InvalidArg::Error => "error",
                    InvalidArg::Missing => "missing",
                }
                .to_string(),
                alpha_missing,
                scores: it
                    .scale
                    .scores
                    .iter()
                    .map(|s| ScoreRule {
                        scale: s.name.clone(),
                        items: s.items.len(),
                        method: s.method.as_str().to_string(),
                        min_answered: s.required(),
                        is_total: s.is_total,
                    })
                    .collect(),
            }),
        },
        attrition: Attrition {
            n_pre: a.n_pre,
            n_post: a.n_post,
            n_matched: a.n_matched,
            only_in_pre: a.only_pre.clone(),
            only_in_post: a.only_post.clone(),
            missing_by_scale: loaded
                .pairing
                .scales
                .iter()
                .filter(|s| !s.missing.is_empty())
                .map(|s| (s.name.clone(), s.missing.clone()))
                .collect(),
        },
        scales,
        notes: loaded.pairing.notes.clone(),
    }
}

/// Runs `compare`.
pub fn run(args: &CompareArgs) -> anyhow::Result<()> {
    let (loaded, items) = match &args.scale {
        Some(spec) => {
            let (l, i) = load_items(args, spec)?;
            (l, Some(i))
        }
        None => (load(args)?, None),
    };
    let report = build_report(&loaded, items.as_ref(), args);
    let render_opts = RenderOptions {
        digits: usize::from(args.digits),
    };
    // Everything is rendered before anything is written, so a failure leaves no partial output.
    let main_output = report::render(&report, args.format, &render_opts);
    let dir_files = args
        .out_dir
        .as_ref()
        .map(|dir| (dir, report::out_dir_files(&report, &render_opts)));

    if let Some(path) = &args.output {
        ensure_not_an_input(path, &loaded.inputs)?;
    }
    if let Some((dir, files)) = &dir_files {
        for (name, _) in files {
            ensure_not_an_input(&dir.join(name), &loaded.inputs)?;
        }
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the directory {}", dir.display()))?;
        for (name, contents) in files {
            write_atomic(&dir.join(name), contents.as_bytes())?;
        }
        eprintln!("prepost: wrote {} files to {}", files.len(), dir.display());
    }
    match &args.output {
        Some(path) => write_atomic(path, main_output.as_bytes())?,
        None => write_stdout(main_output.as_bytes())?,
    }
    Ok(())
}
