//! `prepost compare`: read → (score) → pair → analyse → report → write.

use crate::analysis::{
    adjust_across_scales, alpha_summary, alpha_summary_of, analyze_scale, between_groups,
    reliable_change_of, subset, AnalysisOptions, CutoffRule, RciOptions,
};
use crate::cli::{CompareArgs, InvalidArg};
use crate::commands::score::scoring_notes;
use crate::error::DataError;
use crate::io::input::{prepare_paths, Inputs};
use crate::io::output::{ensure_not_an_input, write_atomic, write_stdout};
use crate::io::table::{read_table, ReadOptions, Table};
use crate::io::trace;
use crate::model::{
    AlphaSummary, Attrition, ChangeRow, Options, Reliability, Report, ScaleInfo, ScaleResult,
    ScoreRule,
};
use crate::pairing::{
    check_group_labels, group_labels, pair_by_id, pair_columns, participant_ids, select_scales,
    split_long, ColumnPair, Id, PairedScale, Pairing, Wave,
};
use crate::report::{self, RenderOptions};
use crate::scale::score::{cross_products_apply, keyed_column};
use crate::scale::score::{score_files, ScoreOptions, Scored};
use crate::scale::spec::{load_for_use, Scale};
use crate::stats::distributions::qnorm;
use crate::stats::reliability::AlphaMissing;
use crate::stats::wilcoxon::SignedRankOptions;
use crate::stats::Outcome;
use anyhow::Context;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The data of a study, whatever its layout.
struct Loaded {
    layout: &'static str,
    inputs: Vec<PathBuf>,
    id: Option<String>,
    pairing: Pairing,
    /// With `--group`: each participant's group label.
    groups: Option<HashMap<Id, String>>,
}

/// Item-level input: the scale, and each score's reliability at pre and post (computed right
/// after scoring, so the keyed items need not be kept).
struct ItemLevel {
    scale: Scale,
    alpha_pre: Vec<Outcome<AlphaSummary>>,
    alpha_post: Vec<Outcome<AlphaSummary>>,
}

/// Cronbach's alpha of every score of a scored wave: from the cross-products the scoring
/// summed (listwise, whole-number answers), or from the keyed item columns.
fn alphas(
    scale: &Scale,
    scored: &Scored,
    missing: AlphaMissing,
    conf_level: f64,
) -> Result<Vec<Outcome<AlphaSummary>>, DataError> {
    if !scored.cross_products.is_empty() {
        return Ok(scored
            .cross_products
            .iter()
            .map(|p| alpha_summary_of(p, conf_level))
            .collect());
    }
    // each keyed item once (the total shares its items with the subscales)
    let columns: HashMap<&str, Vec<f64>> = scale
        .items
        .par_iter()
        .map(|q| Ok((q.as_str(), scored.values_nan(&keyed_column(q))?)))
        .collect::<Result<_, DataError>>()?;
    Ok(scale
        .scores
        .par_iter()
        .map(|def| {
            let refs: Vec<&[f64]> = def
                .items
                .iter()
                .map(|q| columns[q.as_str()].as_slice())
                .collect();
            alpha_summary(&refs, missing, conf_level)
        })
        .collect())
}

/// Where the text of each input is (the file, or its UTF-8 copy; see `io::input`).
struct Sources {
    pre: Option<PathBuf>,
    post: Option<PathBuf>,
    data: Option<PathBuf>,
}

impl Sources {
    fn prepare(args: &CompareArgs) -> Result<(Inputs, Sources), DataError> {
        let given = [&args.pre, &args.post, &args.data];
        let paths: Vec<PathBuf> = given.iter().filter_map(|p| (*p).clone()).collect();
        let inputs = prepare_paths(&paths, &args.input.options(false))?;
        let mut prepared = inputs.paths().into_iter();
        let mut next = |p: &Option<PathBuf>| p.as_ref().and_then(|_| prepared.next());
        let src = Sources {
            pre: next(&args.pre),
            post: next(&args.post),
            data: next(&args.data),
        };
        Ok((inputs, src))
    }
}

fn read_options(args: &CompareArgs) -> ReadOptions {
    ReadOptions {
        delimiter: args.input.delimiter,
        missing: args.na.clone(),
    }
}

/// Group labels from the pre-test table, checked against the post-test table when it has them.
fn groups_of(
    args: &CompareArgs,
    pre: &Table,
    id: &str,
    post: Option<&Table>,
) -> Result<Option<HashMap<Id, String>>, DataError> {
    let Some(col) = &args.group else {
        return Ok(None);
    };
    let ids = participant_ids(&Wave::from_table(pre, id, &[])?)?;
    let labels = group_labels(pre, &ids, col)?;
    if let Some(post) = post {
        let post_ids = participant_ids(&Wave::from_table(post, id, &[])?)?;
        check_group_labels(post, &post_ids, col, &labels)?;
    }
    Ok(Some(labels))
}

/// Item-level input: score both files with the scale, pair the scores, and keep each score's
/// keyed items for its reliability.
fn load_items(
    args: &CompareArgs,
    spec: &Path,
    src: &Sources,
) -> Result<(Loaded, ItemLevel), DataError> {
    let scale = load_for_use(spec)?;
    let (Some(pre_path), Some(post_path)) = (&args.pre, &args.post) else {
        return Err(DataError::new("--scale needs --pre and --post item files"));
    };
    let id = args
        .id
        .clone()
        .or_else(|| scale.id.clone())
        .ok_or_else(|| {
            DataError::new(
                "the scale spec has no id column, which compare needs to match participants",
            )
            .file(spec.display().to_string())
            .hint("set `id = \"...\"` in the spec or pass --id COLUMN")
        })?;
    let missing: AlphaMissing = args.alpha_missing.into();
    // Listwise alpha of whole-number answers comes from cross-products summed while scoring
    // (a million respondents' items need not be kept); pairwise needs the item columns.
    let summed = missing == AlphaMissing::Listwise && cross_products_apply(&scale);
    let opts = ScoreOptions {
        invalid: args.invalid.into(),
        keep_items: !summed,
        cross_products: summed,
        delimiter: args.input.delimiter,
        id: Some(id.clone()),
        missing: args.na.clone(),
        ..ScoreOptions::default()
    };
    let (Some(pre_read), Some(post_read)) = (&src.pre, &src.post) else {
        return Err(DataError::new("--scale needs --pre and --post item files"));
    };
    let mut pre = score_files(std::slice::from_ref(pre_read), &scale, &opts)?;
    let t = std::time::Instant::now();
    let alpha_pre = alphas(&scale, &pre, missing, args.conf_level)?;
    trace::phase("reliability at pre", t);
    pre.drop_items();
    let mut post = score_files(std::slice::from_ref(post_read), &scale, &opts)?;
    let alpha_post = alphas(&scale, &post, missing, args.conf_level)?;
    post.drop_items();
    let names: Vec<String> = scale.scores.iter().map(|s| s.name.clone()).collect();
    let t = std::time::Instant::now();
    let mut pairing = pair_by_id(&pre.wave(&names)?, &post.wave(&names)?)?;
    trace::phase("pairing", t);
    for (label, scored) in [("pre", &pre), ("post", &post)] {
        pairing
            .notes
            .extend(scoring_notes(&scale, &scored.summary, label));
    }
    let groups = match &args.group {
        Some(_) => {
            let read = read_options(args);
            let pre_table = read_table(pre_read, &read)?;
            let post_table = read_table(post_read, &read)?;
            groups_of(args, &pre_table, &id, Some(&post_table))?
        }
        None => None,
    };
    Ok((
        Loaded {
            layout: "two-files",
            inputs: vec![pre_path.clone(), post_path.clone(), spec.to_path_buf()],
            id: Some(id),
            pairing,
            groups,
        },
        ItemLevel {
            scale,
            alpha_pre,
            alpha_post,
        },
    ))
}

fn load(args: &CompareArgs, src: &Sources) -> Result<Loaded, DataError> {
    let read = read_options(args);
    let group = args.group.as_deref();
    if let (Some(pre_path), Some(post_path), Some(pre_read), Some(post_read)) =
        (&args.pre, &args.post, &src.pre, &src.post)
    {
        let id = args.id.clone().unwrap_or_else(|| "id".to_string());
        let t = std::time::Instant::now();
        let pre = read_table(pre_read, &read)?;
        let post = read_table(post_read, &read)?;
        trace::phase("reading the tables", t);
        let t = std::time::Instant::now();
        let exclude: Vec<&str> = [Some(id.as_str()), group].into_iter().flatten().collect();
        let (scales, notes) = select_scales(&pre, &post, &exclude, &args.scores)?;
        trace::phase("choosing the score columns", t);
        let t = std::time::Instant::now();
        let mut pairing = pair_by_id(
            &Wave::from_table(&pre, &id, &scales)?,
            &Wave::from_table(&post, &id, &scales)?,
        )?;
        trace::phase("pairing", t);
        pairing.notes.extend(notes);
        let groups = groups_of(args, &pre, &id, Some(&post))?;
        return Ok(Loaded {
            layout: "two-files",
            inputs: vec![pre_path.clone(), post_path.clone()],
            id: Some(id),
            pairing,
            groups,
        });
    }
    let data_path = args
        .data
        .as_ref()
        .expect("clap requires --pre/--post or --data");
    let data_read = src.data.as_ref().expect("prepared with --data");
    let table = read_table(data_read, &read)?;
    if let Some(time) = &args.time {
        let id = args.id.clone().unwrap_or_else(|| "id".to_string());
        let (pre, post, mut notes) = split_long(&table, time, &args.pre_label, &args.post_label)?;
        let exclude: Vec<&str> = [Some(id.as_str()), Some(time.as_str()), group]
            .into_iter()
            .flatten()
            .collect();
        let (scales, more) = select_scales(&pre, &post, &exclude, &args.scores)?;
        notes.extend(more);
        let mut pairing = pair_by_id(
            &Wave::from_table(&pre, &id, &scales)?,
            &Wave::from_table(&post, &id, &scales)?,
        )?;
        pairing.notes.extend(notes);
        let groups = groups_of(args, &pre, &id, Some(&post))?;
        return Ok(Loaded {
            layout: "long",
            inputs: vec![data_path.clone()],
            id: Some(id),
            pairing,
            groups,
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
    let groups = match (&args.group, &id) {
        (Some(col), Some(id)) => {
            let ids = participant_ids(&Wave::from_table(&table, id, &[])?)?;
            Some(group_labels(&table, &ids, col)?)
        }
        (Some(col), None) => {
            let ids: Vec<Id> = table
                .rows
                .iter()
                .map(|r| Id::from(format!("row {r}")))
                .collect();
            Some(group_labels(&table, &ids, col)?)
        }
        _ => None,
    };
    Ok(Loaded {
        layout: "wide",
        inputs: vec![data_path.clone()],
        id,
        pairing,
        groups,
    })
}

/// Checks that every scale named in a per-scale option exists.
fn check_scale_names(args: &CompareArgs, names: &[String]) -> Result<(), DataError> {
    let named = args
        .reliability
        .iter()
        .map(|(n, _)| ("--reliability", n))
        .chain(args.cutoff.iter().map(|(n, _)| ("--cutoff", n)))
        .chain(args.norm.iter().map(|(n, _, _)| ("--norm", n)))
        .chain(
            args.lower_is_better
                .iter()
                .map(|n| ("--lower-is-better", n)),
        );
    for (flag, name) in named {
        if !names.contains(name) {
            return Err(DataError::new(format!(
                "{flag} names the scale \"{name}\", which is not compared; the scales are: {}",
                names.join(", ")
            )));
        }
    }
    Ok(())
}

/// The two group labels (treatment first), checking that there are exactly two.
fn group_pair(
    groups: &HashMap<Id, String>,
    treatment: &str,
    column: &str,
) -> Result<(String, String), DataError> {
    let mut levels: Vec<&String> = groups.values().collect();
    levels.sort();
    levels.dedup();
    if !levels.iter().any(|l| l.as_str() == treatment) {
        return Err(DataError::new(format!(
            "--treatment \"{treatment}\" is not a label of the group column \"{column}\"; its labels are: {}",
            levels.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ")
        )));
    }
    if levels.len() != 2 {
        return Err(DataError::new(format!(
            "the group column \"{column}\" has {} label{} ({}); a treatment-comparison analysis needs exactly two",
            levels.len(),
            if levels.len() == 1 { "" } else { "s" },
            levels.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ")
        ))
        .hint("keep two groups in the data, or run compare once per pair of groups"));
    }
    let comparison = levels
        .into_iter()
        .find(|l| l.as_str() != treatment)
        .cloned()
        .unwrap_or_default();
    Ok((treatment.to_string(), comparison))
}

/// Builds the report from loaded data (pure apart from its inputs).
fn build_report(
    loaded: &Loaded,
    items: Option<&ItemLevel>,
    args: &CompareArgs,
) -> Result<Report, DataError> {
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
    let names: Vec<String> = loaded
        .pairing
        .scales
        .iter()
        .map(|s| s.name.clone())
        .collect();
    check_scale_names(args, &names)?;
    let labels = match (&loaded.groups, &args.treatment, &args.group) {
        (Some(g), Some(t), Some(col)) => Some(group_pair(g, t, col)?),
        _ => None,
    };
    let alpha_missing: AlphaMissing = args.alpha_missing.into();
    let critical = qnorm(1.0 - (1.0 - opts.conf_level) / 2.0);

    // Every scale on its own (in parallel: a million pairs take about a second per scale).
    let per_scale = |k: usize, paired: &PairedScale| -> (ScaleResult, Vec<ChangeRow>) {
        let t = std::time::Instant::now();
        let mut result = analyze_scale(paired, &opts);
        trace::phase(&format!("statistics of {}", paired.name), t);
        let def = items.map(|it| &it.scale.scores[k]);

        // Reliability of item-level scores, at pre and post.
        if let Some(it) = items {
            let mut rel = Reliability::default();
            for (label, alpha, slot) in [
                ("pre", &it.alpha_pre[k], &mut rel.pre),
                ("post", &it.alpha_post[k], &mut rel.post),
            ] {
                match alpha {
                    Ok(a) => *slot = Some(a.clone()),
                    Err(why) => {
                        result
                            .notes
                            .insert(format!("reliability.{label}"), why.to_string());
                    }
                }
            }
            result.reliability = Some(rel);
        }

        // Reliable change: a given reliability, else the pre-test alpha from the data.
        let reliability = args
            .reliability
            .iter()
            .find(|(n, _)| *n == paired.name)
            .map(|(_, v)| (*v, "given".to_string()))
            .or_else(|| {
                result
                    .reliability
                    .as_ref()
                    .and_then(|r| r.pre.as_ref())
                    .map(|a| (a.alpha, "data".to_string()))
            });
        let cutoff = if let Some((_, v)) = args.cutoff.iter().find(|(n, _)| *n == paired.name) {
            Some(CutoffRule::Given(*v))
        } else if let Some((_, m, sd)) = args.norm.iter().find(|(n, _, _)| *n == paired.name) {
            Some(CutoffRule::Criterion {
                criterion: args.criterion.map(Into::into).unwrap_or_default(),
                norm: Some((*m, *sd)),
            })
        } else {
            args.criterion
                .filter(|c| *c == crate::cli::CriterionArg::A)
                .map(|c| CutoffRule::Criterion {
                    criterion: c.into(),
                    norm: None,
                })
        };
        let higher_is_better =
            def.is_none_or(|d| d.higher_is_better) && !args.lower_is_better.contains(&paired.name);
        let rci_opts = RciOptions {
            reliability,
            critical,
            higher_is_better,
            cutoff,
        };
        let group_of_pair: Option<Vec<String>> = loaded.groups.as_ref().map(|g| {
            paired
                .ids
                .iter()
                .map(|id| g.get(id).cloned().unwrap_or_default())
                .collect()
        });
        let t = std::time::Instant::now();
        let (summary, rows, note) = reliable_change_of(paired, group_of_pair.as_deref(), &rci_opts);
        trace::phase(&format!("reliable change of {}", paired.name), t);
        if let Some(note) = note {
            result.notes.insert("rci".into(), note);
        }
        result.rci = Some(summary);

        // Comparison group: within each group, and between them.
        if let (Some((treatment, comparison)), Some(of_pair)) = (&labels, &group_of_pair) {
            let is_treatment: Vec<bool> = of_pair.iter().map(|g| g == treatment).collect();
            let mut groups = BTreeMap::new();
            for (label, keep) in [(treatment, true), (comparison, false)] {
                groups.insert(
                    label.clone(),
                    analyze_scale(&subset(paired, &is_treatment, keep), &opts),
                );
            }
            result.groups = Some(groups);
            result.between_groups = Some(between_groups(
                paired,
                &is_treatment,
                (treatment, comparison),
                &opts,
                &mut result.notes,
            ));
        }
        (result, rows)
    };
    let done: Vec<(ScaleResult, Vec<ChangeRow>)> = loaded
        .pairing
        .scales
        .par_iter()
        .enumerate()
        .map(|(k, paired)| per_scale(k, paired))
        .collect();
    let mut scales = Vec::with_capacity(done.len());
    let mut change = Vec::with_capacity(done.iter().map(|d| d.1.len()).sum());
    for (result, rows) in done {
        scales.push(result);
        change.extend(rows);
    }

    let t_end = std::time::Instant::now();
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
    if let Some((treatment, comparison)) = &labels {
        for label in [treatment, comparison] {
            let mut within: Vec<ScaleResult> = scales
                .iter()
                .map(|s| {
                    s.groups
                        .as_ref()
                        .and_then(|g| g.get(label))
                        .cloned()
                        .expect("every scale has both groups")
                })
                .collect();
            adjust_across_scales(&mut within, opts.p_adjust, &family);
            for (s, w) in scales.iter_mut().zip(within) {
                if let Some(g) = s.groups.as_mut() {
                    g.insert(label.clone(), w);
                }
            }
        }
    }

    trace::phase("p-value adjustment", t_end);
    let a = &loaded.pairing.attrition;
    Ok(Report {
        prepost_version: env!("CARGO_PKG_VERSION").to_string(),
        options: Options {
            layout: loaded.layout.to_string(),
            inputs: loaded
                .inputs
                .iter()
                .map(|p| {
                    if p.as_os_str() == "-" {
                        crate::io::input::STDIN_NAME.to_string()
                    } else {
                        p.display().to_string()
                    }
                })
                .collect(),
            id: loaded.id.clone(),
            difference: "post - pre".to_string(),
            alternative: opts.alternative,
            conf_level: opts.conf_level,
            wilcoxon_method: opts.wilcoxon.method,
            continuity_correction: opts.wilcoxon.correct,
            zero_method: opts.wilcoxon.zero_method,
            p_adjust: opts.p_adjust,
            group: args.group.clone(),
            treatment: labels.as_ref().map(|l| l.0.clone()),
            comparison: labels.as_ref().map(|l| l.1.clone()),
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
        change,
        notes: loaded.pairing.notes.clone(),
    })
}

/// Runs `compare`.
pub fn run(args: &CompareArgs) -> anyhow::Result<()> {
    if let Some(c @ (crate::cli::CriterionArg::B | crate::cli::CriterionArg::C)) = args.criterion {
        if args.norm.is_empty() {
            anyhow::bail!(
                "--criterion {} needs the norms of the scale (--norm SCALE=MEAN,SD); criterion a needs none",
                if c == crate::cli::CriterionArg::B { "b" } else { "c" }
            );
        }
    }
    let t = std::time::Instant::now();
    // standard input, spreadsheets and other encodings become UTF-8 copies (kept until the end)
    let (_inputs, src) = Sources::prepare(args)?;
    let (mut loaded, items) = match &args.scale {
        Some(spec) => {
            let (l, i) = load_items(args, spec, &src)?;
            (l, Some(i))
        }
        None => (load(args, &src)?, None),
    };
    if let (Some(pre), Some(post)) = (&args.pre, &args.post) {
        let same = pre == post
            || matches!((pre.canonicalize(), post.canonicalize()), (Ok(a), Ok(b)) if a == b);
        if same {
            loaded.pairing.notes.push(format!(
                "the pre-test and the post-test are the same file ({}): every difference is 0",
                pre.display()
            ));
        }
    }
    trace::phase("reading, scoring and pairing", t);
    let t = std::time::Instant::now();
    let report = build_report(&loaded, items.as_ref(), args)?;
    trace::phase("all statistics", t);
    let t = std::time::Instant::now();
    let render_opts = RenderOptions {
        digits: usize::from(args.digits),
        lang: args.lang,
        minus: "-",
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
    trace::phase("rendering and writing", t);
    Ok(())
}
