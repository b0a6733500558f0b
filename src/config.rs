//! The command line made into a validated configuration, before any file is read: the layout
//! of the data as an enum, `--pair` and `--series` parsed once, every option of an analysis
//! resolved. Commands read a configuration, never the clap structs. Everything refused here is
//! a usage error (exit 2): something the command line alone shows to be wrong.

use crate::analysis::case::CaseSettings;
use crate::analysis::compare::{CompareOptions, RciChoices};
use crate::analysis::factor::FactorSettings;
use crate::analysis::planning::PlanQuestion;
use crate::analysis::small_study::SmallStudyOptions;
use crate::analysis::survey::{RegressSpec, RegressTerm, SurveyOptions};
use crate::analysis::AnalysisOptions;
use crate::cli::{
    AlphaMissingArg, CaseArgs, Cli, Command, CompareArgs, CrTestArg, CriterionArg, ExtractionArg,
    FactorArgs, InvalidArg, OutputArgs, PowerArgs, ReliabilityArgs, RotationArg, ScaleCommand,
    ScoreArgs, ScoreFormat, ScreenArgs, ScreenRuleArgs, SurveyArgs,
};
use crate::io::output::same_file;
use crate::io::source::{is_spreadsheet, InputOptions, SAV_EXTENSIONS};
use crate::model::{CrTest, ItemAnalysisOptions, PlanDesign, PlanTest, ScreenRules, Unknown};
use crate::report::sections::{
    compare::SECTIONS as COMPARE_SECTIONS, survey::SECTIONS as SURVEY_SECTIONS, PARTS_SECTIONS,
};
use crate::report::{Format, RenderOptions, SectionNames};
use crate::scale::kernel::InvalidPolicy;
use crate::stats::factor::{Extraction, FactorCount};
use crate::stats::parallel::ParallelOptions;
use crate::stats::reliability::AlphaMissing;
use crate::stats::rotation::Rotation;
use crate::stats::wilcoxon::SignedRankOptions;
use crate::stats::Alternative;
use crate::study::case::{CaseInput, CaseItems};
use crate::study::layout::{Items, Layout, Series, StudyOptions};
use crate::study::survey::{SurveyInput, SurveyItems};
use std::path::{Path, PathBuf};

/// A command line that cannot be run as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageError {
    /// The subcommand, for the usage line of the message.
    pub command: &'static str,
    pub message: String,
}

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UsageError {}

fn usage(command: &'static str, message: impl Into<String>) -> UsageError {
    UsageError {
        command,
        message: message.into(),
    }
}

/// Where and how results are written.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub format: Format,
    /// `-o FILE`; None: standard output.
    pub file: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub render: RenderOptions,
}

/// `prepost compare`.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareConfig {
    pub study: StudyOptions,
    pub compare: CompareOptions,
    pub output: Output,
}

/// `prepost score`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreConfig {
    pub spec: PathBuf,
    pub files: Vec<PathBuf>,
    pub id: Option<String>,
    pub invalid: InvalidPolicy,
    pub na: Vec<String>,
    pub input: InputOptions,
    pub format: ScoreFormat,
    pub output: Option<PathBuf>,
    pub quiet: bool,
    /// Screening before scoring (`--screen` or any rule).
    pub screen: Option<ScreenOptions>,
}

/// The screening of respondents (`prepost screen`, and `score` with screening options).
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenOptions {
    pub rules: ScreenRules,
    /// `--duration`: the column of the time taken (None: 所用时间).
    pub duration: Option<String>,
    /// `--keep FILE`: where the valid rows go.
    pub keep: Option<PathBuf>,
}

/// `prepost screen`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenConfig {
    pub spec: PathBuf,
    pub data: PathBuf,
    pub id: Option<String>,
    pub invalid: InvalidPolicy,
    pub na: Vec<String>,
    pub input: InputOptions,
    pub screen: ScreenOptions,
    pub output: Output,
}

/// `prepost reliability`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReliabilityConfig {
    pub spec: PathBuf,
    pub files: Vec<PathBuf>,
    pub id: Option<String>,
    pub alpha_missing: AlphaMissing,
    pub conf_level: f64,
    pub item_analysis: ItemAnalysisOptions,
    pub invalid: InvalidPolicy,
    pub na: Vec<String>,
    pub input: InputOptions,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub render: RenderOptions,
}

/// `prepost factor`.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorConfig {
    /// `--scale`: the spec whose items are analysed.
    pub spec: Option<PathBuf>,
    /// `--items`: the columns analysed (without a spec).
    pub items: Option<Vec<String>>,
    pub files: Vec<PathBuf>,
    pub id: Option<String>,
    pub invalid: InvalidPolicy,
    pub na: Vec<String>,
    pub input: InputOptions,
    pub settings: FactorSettings,
    pub output: Output,
}

/// `prepost scale init|check`.
#[derive(Debug, Clone, PartialEq)]
pub enum ScaleConfig {
    Init {
        output: Option<PathBuf>,
    },
    Check {
        spec: PathBuf,
        data: Vec<PathBuf>,
        input: InputOptions,
    },
}

/// `prepost power`.
#[derive(Debug, Clone, PartialEq)]
pub struct PowerConfig {
    pub question: PlanQuestion,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub render: RenderOptions,
}

/// A subcommand and its configuration.
#[derive(Debug, Clone, PartialEq)]
pub enum Config {
    Compare(Box<CompareConfig>),
    Score(ScoreConfig),
    Screen(Box<ScreenConfig>),
    Reliability(ReliabilityConfig),
    Factor(Box<FactorConfig>),
    Scale(ScaleConfig),
    Case(Box<CaseConfig>),
    Power(PowerConfig),
    Survey(Box<SurveyConfig>),
    /// `prepost completions SHELL`.
    Completions(clap_complete::Shell),
    /// `prepost man [--out-dir DIR]`.
    Man(Option<PathBuf>),
}

/// `prepost case`.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseConfig {
    pub input: CaseInput,
    pub settings: CaseSettings,
    pub output: Output,
}

/// `prepost survey`.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyConfig {
    pub input: SurveyInput,
    pub options: SurveyOptions,
    pub output: Output,
}

/// Validates the command line.
pub fn from_cli(cli: &Cli) -> Result<Config, UsageError> {
    Ok(match &cli.command {
        Command::Compare(args) => Config::Compare(Box::new(compare(args)?)),
        Command::Score(args) => Config::Score(score(args)?),
        Command::Screen(args) => Config::Screen(Box::new(screen(args)?)),
        Command::Reliability(args) => Config::Reliability(reliability(args)?),
        Command::Factor(args) => Config::Factor(Box::new(factor(args)?)),
        Command::Case(args) => Config::Case(Box::new(case(args)?)),
        Command::Survey(args) => Config::Survey(Box::new(survey(args)?)),
        Command::Power(args) => Config::Power(power(args)?),
        Command::Completions { shell } => Config::Completions(*shell),
        Command::Man { out_dir } => Config::Man(out_dir.clone()),
        Command::Scale(ScaleCommand::Init { output }) => Config::Scale(ScaleConfig::Init {
            output: output.clone(),
        }),
        Command::Scale(ScaleCommand::Check { spec, data, input }) => {
            let input = input.options(false);
            check_inputs("scale", data, &input)?;
            Config::Scale(ScaleConfig::Check {
                spec: spec.clone(),
                data: data.clone(),
                input,
            })
        }
    })
}

impl From<InvalidArg> for InvalidPolicy {
    fn from(a: InvalidArg) -> Self {
        match a {
            InvalidArg::Error => InvalidPolicy::Error,
            InvalidArg::Missing => InvalidPolicy::Missing,
        }
    }
}

/// Inputs that cannot be read as given: standard input twice, `--sheet` without a workbook.
fn check_inputs(
    command: &'static str,
    paths: &[PathBuf],
    input: &InputOptions,
) -> Result<(), UsageError> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(usage(
            command,
            "standard input (-) can be only one of the inputs; save the others to files",
        ));
    }
    if input.sheet.is_some() && !paths.iter().any(|p| is_spreadsheet(p)) {
        return Err(usage(
            command,
            "--sheet applies to spreadsheet inputs (.xlsx, .xlsm, .xlsb, .xls, .ods), and none \
             is given; leave out --sheet for CSV or TSV files",
        ));
    }
    Ok(())
}

/// An output path that is one of the inputs.
fn check_output(
    command: &'static str,
    output: Option<&Path>,
    inputs: &[PathBuf],
) -> Result<(), UsageError> {
    if let Some(out) = output {
        if inputs
            .iter()
            .any(|i| i.as_os_str() != "-" && same_file(out, i))
        {
            return Err(usage(
                command,
                format!(
                    "the output {} is also an input; refusing to overwrite input data (choose \
                     another output path)",
                    out.display()
                ),
            ));
        }
    }
    Ok(())
}

/// Names given twice in one list (`--scores total,total`, two `--pair` of one scale).
fn check_unique(command: &'static str, what: &str, names: &[&str]) -> Result<(), UsageError> {
    for (i, n) in names.iter().enumerate() {
        if names[..i].contains(n) {
            return Err(usage(
                command,
                format!("{what} names \"{n}\" twice; each scale is compared once"),
            ));
        }
    }
    Ok(())
}

fn compare(args: &CompareArgs) -> Result<CompareConfig, UsageError> {
    const C: &str = "compare";
    let layout = if let (Some(pre), Some(post)) = (&args.pre, &args.post) {
        Layout::Files {
            waves: vec![("pre".into(), pre.clone()), ("post".into(), post.clone())],
            named: false,
        }
    } else if !args.wave.is_empty() {
        if args.wave.len() < 2 {
            return Err(usage(
                C,
                "--wave is needed once per wave, at least twice (e.g. --wave pre=t1.csv --wave post=t2.csv)",
            ));
        }
        let labels: Vec<&str> = args.wave.iter().map(|(l, _)| l.as_str()).collect();
        check_unique(C, "--wave", &labels).map_err(|_| {
            usage(
                C,
                "two --wave options have the same label; every wave needs its own",
            )
        })?;
        Layout::Files {
            waves: args.wave.clone(),
            named: true,
        }
    } else if let (Some(data), Some(time)) = (&args.data, &args.time) {
        if !args.waves.is_empty() {
            let labels: Vec<&str> = args.waves.iter().map(String::as_str).collect();
            check_unique(C, "--waves", &labels)?;
            if labels.len() < 2 {
                return Err(usage(
                    C,
                    "--waves needs at least two labels (the waves to compare)",
                ));
            }
        }
        Layout::Long {
            data: data.clone(),
            time: time.clone(),
            waves: (!args.waves.is_empty()).then(|| args.waves.clone()),
        }
    } else if let Some(data) = &args.data {
        // (each parsed once, by clap: a bad one is already a usage error)
        let series: Vec<Series> = args.pairs.iter().chain(&args.series).cloned().collect();
        let k = series[0].columns.len();
        if let Some(s) = series.iter().find(|s| s.columns.len() != k) {
            return Err(usage(
                C,
                format!(
                    "every scale needs the same waves: \"{}\" has {k} columns but \"{}\" has {}",
                    series[0].name,
                    s.name,
                    s.columns.len()
                ),
            ));
        }
        let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
        check_unique(C, "--pair/--series", &names)?;
        let id = args.id.as_deref().unwrap_or("id");
        if let Some(s) = series.iter().find(|s| s.columns.iter().any(|c| c == id)) {
            return Err(usage(
                C,
                format!(
                    "\"{}\" takes the id column \"{id}\" as a score; the id says who each row is (if \"{id}\" is a score, name the id column with --id)",
                    s.name
                ),
            ));
        }
        let waves = if !args.waves.is_empty() {
            if args.waves.len() != k {
                return Err(usage(
                    C,
                    format!(
                        "--waves gives {} labels for {k} columns per scale",
                        args.waves.len()
                    ),
                ));
            }
            let labels: Vec<&str> = args.waves.iter().map(String::as_str).collect();
            check_unique(C, "--waves", &labels)?;
            args.waves.clone()
        } else if k == 2 && args.series.is_empty() {
            vec!["pre".to_string(), "post".to_string()]
        } else {
            (1..=k).map(|i| format!("T{i}")).collect()
        };
        Layout::Wide {
            data: data.clone(),
            series,
            waves,
        }
    } else {
        return Err(usage(
            C,
            "give the data: --pre and --post, --wave, or --data",
        ));
    };
    if let (Some(a), Some(b)) = (&args.pre_label, &args.post_label) {
        if a == b {
            return Err(usage(
                C,
                format!(
                    "--pre-label and --post-label are both \"{a}\"; compare two different waves"
                ),
            ));
        }
    }
    let known: Option<Vec<&str>> = match &layout {
        Layout::Files { waves, .. } => Some(waves.iter().map(|(l, _)| l.as_str()).collect()),
        Layout::Wide { waves, .. } => Some(waves.iter().map(String::as_str).collect()),
        Layout::Long { waves, .. } => waves
            .as_ref()
            .map(|w| w.iter().map(String::as_str).collect()),
    };
    if let Some(known) = known {
        for (flag, label) in [
            ("--pre-label", &args.pre_label),
            ("--post-label", &args.post_label),
        ] {
            if let Some(l) = label.as_deref().filter(|l| !known.contains(l)) {
                return Err(usage(
                    C,
                    format!(
                        "{flag} \"{l}\" is not one of the waves: {}",
                        known.join(", ")
                    ),
                ));
            }
        }
    }
    let scores: Vec<&str> = args.scores.iter().map(String::as_str).collect();
    check_unique(C, "--scores", &scores)?;
    if let Some(c @ (CriterionArg::B | CriterionArg::C)) = args.criterion {
        if args.norm.is_empty() {
            return Err(usage(
                C,
                format!(
                    "--criterion {} needs the norms of the scale (--norm SCALE=MEAN,SD); criterion a needs none",
                    if c == CriterionArg::B { "b" } else { "c" }
                ),
            ));
        }
    }
    let input = args.input.options(false);
    let mut inputs = layout.inputs();
    check_inputs(C, &inputs, &input)?;
    if let Some(spec) = &args.scale {
        inputs.push(spec.clone());
    }
    check_output(C, args.out.output.as_deref(), &inputs)?;
    check_out_dir(C, &args.out)?;
    let alternative = args.alternative.into();
    if args.power <= args.alpha {
        return Err(usage(
            C,
            format!(
                "--power {} must be above --alpha {}: a test has power alpha against no effect",
                args.power, args.alpha
            ),
        ));
    }
    let equivalence: Vec<&str> = args
        .equivalence
        .iter()
        .map(|(n, _, _)| n.as_str())
        .collect();
    check_unique(C, "--equivalence", &equivalence)?;
    Ok(CompareConfig {
        study: StudyOptions {
            layout,
            id: args.id.clone(),
            scores: args.scores.clone(),
            na: args.na.clone(),
            input,
            items: args.scale.as_ref().map(|spec| Items {
                spec: spec.clone(),
                invalid: args.invalid.into(),
                alpha_missing: args.alpha_missing.into(),
                answers: args.items,
            }),
            group: args.group.clone(),
            conf_level: args.conf_level,
        },
        compare: CompareOptions {
            pre_label: args.pre_label.clone(),
            post_label: args.post_label.clone(),
            analysis: AnalysisOptions {
                alternative,
                conf_level: args.conf_level,
                wilcoxon: SignedRankOptions {
                    alternative,
                    zero_method: args.zero_method.into(),
                    method: args.wilcoxon_method.into(),
                    correct: !args.no_continuity,
                },
                p_adjust: args.p_adjust.into(),
            },
            treatment: args.treatment.clone(),
            contrasts: args.contrasts,
            rci: RciChoices {
                method: args.rci_method.into(),
                reliability: args.reliability.clone(),
                cutoff: args.cutoff.clone(),
                norm: args.norm.clone(),
                criterion: args.criterion.map(Into::into),
                lower_is_better: args.lower_is_better.clone(),
            },
            no_participants: args.no_participants,
            small_study: SmallStudyOptions {
                alpha: args.alpha,
                power: args.power,
                prior_scale: args.prior_scale,
                equivalence: args.equivalence.clone(),
                equivalence_dz: args.equivalence_dz,
            },
        },
        output: output_of(C, &args.out, COMPARE_SECTIONS)?,
    })
}

/// The format of `score`: the flag, else the output file's extension, else CSV.
fn score_format(args: &ScoreArgs) -> ScoreFormat {
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
        Some("sav") => ScoreFormat::Sav,
        _ => ScoreFormat::Csv,
    }
}

fn score(args: &ScoreArgs) -> Result<ScoreConfig, UsageError> {
    let input = args.input.options(args.quiet);
    check_inputs("score", &args.files, &input)?;
    let mut inputs = args.files.clone();
    inputs.push(args.scale.clone());
    check_output("score", args.output.as_deref(), &inputs)?;
    if let Some(out) = args.output.as_deref().filter(|o| is_spreadsheet(o)) {
        return Err(usage(
            "score",
            format!(
                "{} names a workbook, which score does not write: write CSV, TSV, JSON, Parquet or SPSS .sav (-o scores.csv) and open that in Excel",
                out.display()
            ),
        ));
    }
    let r = &args.rules;
    let screening = args.screen
        || r.min_seconds.is_some()
        || r.straight_line
        || r.longest_run.is_some()
        || r.keep.is_some();
    if r.keep.is_some() && args.files.len() > 1 {
        return Err(usage(
            "score",
            "--keep writes the valid rows of one input; score one file at a time with --keep, or leave --keep out",
        ));
    }
    let screen = match screening {
        true => Some(screen_options("score", r, &inputs, args.output.as_deref())?),
        false => None,
    };
    Ok(ScoreConfig {
        spec: args.scale.clone(),
        files: args.files.clone(),
        id: args.id.clone(),
        invalid: args.invalid.into(),
        na: args.na.clone(),
        input,
        format: score_format(args),
        output: args.output.clone(),
        quiet: args.quiet,
        screen,
    })
}

/// `-o FILE` inside `--out-dir DIR`: the directory's own files would overwrite it (or it them).
fn check_out_dir(command: &'static str, args: &OutputArgs) -> Result<(), UsageError> {
    if let (Some(file), Some(dir)) = (&args.output, &args.out_dir) {
        let parent = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if same_file(&parent, dir) {
            return Err(usage(
                command,
                format!(
                    "-o {} is inside --out-dir {}, which prepost fills with its own files: write -o elsewhere",
                    file.display(),
                    dir.display()
                ),
            ));
        }
    }
    Ok(())
}

/// The output of `compare` and `case`.
fn output_of(
    command: &'static str,
    args: &OutputArgs,
    sections: SectionNames,
) -> Result<Output, UsageError> {
    Ok(Output {
        format: report_format(
            command,
            args.format,
            args.output.as_deref(),
            stdout_is_terminal(),
        )?,
        file: args.output.clone(),
        out_dir: args.out_dir.clone(),
        render: render_of(command, args.digits, args.lang, &args.sections, sections)?,
    })
}

fn stdout_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}

/// The format of a report: the flag, else the extension of `-o` (`results.docx`, `.html`,
/// `.md`, `.tex`, `.json`, `.csv`, `.tsv`), else the terminal's. A Word document is not
/// written to a terminal.
fn report_format(
    command: &'static str,
    flag: Option<Format>,
    output: Option<&Path>,
    stdout_is_terminal: bool,
) -> Result<Format, UsageError> {
    let format = flag
        .or_else(|| output.and_then(Format::of_extension))
        .unwrap_or(Format::Terminal);
    if format.is_binary() && output.is_none() && stdout_is_terminal {
        return Err(usage(
            command,
            "--format docx writes a Word document, which a terminal cannot show: add -o results.docx (or redirect the output to a file)",
        ));
    }
    Ok(format)
}

/// The options of the readable formats (plain minus signs; typeset formats change them).
fn render_of(
    command: &'static str,
    digits: u8,
    lang: crate::scale::spec::Lang,
    sections: &Option<Vec<String>>,
    known: SectionNames,
) -> Result<RenderOptions, UsageError> {
    if let Some(names) = sections {
        for n in names {
            if !known.iter().any(|(k, _)| k == n) {
                let list: Vec<&str> = known.iter().map(|(k, _)| *k).collect();
                return Err(usage(
                    command,
                    format!(
                        "--sections: no section \"{n}\"; the sections are: {}",
                        list.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(RenderOptions {
        digits: usize::from(digits),
        lang,
        sections: sections.clone(),
        ..RenderOptions::default()
    })
}

/// A `[SCORE=]VALUE` option given at most once for every score and once per score.
fn once_per_score<'a>(
    option: &str,
    names: impl Iterator<Item = &'a Option<String>>,
) -> Result<(), UsageError> {
    let mut seen: Vec<&Option<String>> = Vec::new();
    for name in names {
        if seen.contains(&name) {
            return Err(usage(
                "case",
                match name {
                    Some(n) => format!("{option} names the score \"{n}\" twice"),
                    None => format!("{option} without a score is given twice"),
                },
            ));
        }
        seen.push(name);
    }
    Ok(())
}

fn case(args: &CaseArgs) -> Result<CaseConfig, UsageError> {
    const C: &str = "case";
    let input = args.input.options(false);
    let mut inputs = vec![args.data.clone()];
    check_inputs(C, &inputs, &input)?;
    if let Some(spec) = &args.scale {
        inputs.push(spec.clone());
        if !args.scores.is_empty() {
            return Err(usage(
                C,
                "--scores chooses score columns; with --scale the scores are the spec's",
            ));
        }
    }
    check_output(C, args.out.output.as_deref(), &inputs)?;
    check_out_dir(C, &args.out)?;
    let names = [
        ("--session", Some(&args.session)),
        ("--phase", Some(&args.phase)),
        ("--id", args.id.as_ref()),
    ];
    for (i, (a, x)) in names.iter().enumerate() {
        for (b, y) in &names[i + 1..] {
            if let (Some(x), Some(y)) = (x, y) {
                if x == y {
                    return Err(usage(
                        C,
                        format!("{a} and {b} both name the column \"{x}\""),
                    ));
                }
            }
        }
    }
    if let (Some(a), Some(b)) = (&args.baseline, &args.treatment) {
        if a == b {
            return Err(usage(
                C,
                format!("--baseline and --treatment are both \"{a}\""),
            ));
        }
    }
    once_per_score("--improvement", args.improvement.iter().map(|(n, _)| n))?;
    once_per_score("--outcome-scale", args.outcome_scale.iter().map(|(n, _)| n))?;
    once_per_score("--intervals", args.intervals.iter().map(|(n, _)| n))?;
    once_per_score(
        "--session-length",
        args.session_length.iter().map(|(n, _)| n),
    )?;
    Ok(CaseConfig {
        input: CaseInput {
            data: args.data.clone(),
            id: args.id.clone(),
            session: args.session.clone(),
            phase: args.phase.clone(),
            scores: args.scores.clone(),
            items: args.scale.as_ref().map(|spec| CaseItems {
                spec: spec.clone(),
                invalid: args.invalid.into(),
            }),
            na: args.na.clone(),
            input,
        },
        settings: CaseSettings {
            baseline: args.baseline.clone(),
            treatment: args.treatment.clone(),
            improvement: args.improvement.clone(),
            outcome_scale: args.outcome_scale.clone(),
            intervals: args.intervals.clone(),
            session_length: args.session_length.clone(),
            conf_level: args.conf_level,
            reliability: args.reliability.clone(),
            norm: args.norm.clone(),
        },
        output: output_of(C, &args.out, PARTS_SECTIONS)?,
    })
}

fn survey(args: &SurveyArgs) -> Result<SurveyConfig, UsageError> {
    use crate::cli::{CorMethodArg, PostHocArg};
    use crate::stats::correlation::CorMethod;
    use crate::stats::post_hoc::PostHocMethod;
    const C: &str = "survey";
    let input = args.input.options(false);
    let mut inputs = vec![args.data.clone()];
    check_inputs(C, &inputs, &input)?;
    inputs.extend(args.scale.clone());
    check_output(C, args.out.output.as_deref(), &inputs)?;
    check_out_dir(C, &args.out)?;
    let regress = args
        .regress
        .as_deref()
        .map(parse_formula)
        .transpose()
        .map_err(|m| usage(C, format!("--regress: {m}")))?;
    for (a, b) in &args.crosstab {
        if a == b {
            return Err(usage(
                C,
                format!("--crosstab names \"{a}\" twice: give two columns"),
            ));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for by in &args.by {
        if seen.contains(&by.as_str()) {
            return Err(usage(C, format!("--by names \"{by}\" twice")));
        }
        seen.push(by);
    }
    let mut named: Vec<&String> = args.by.iter().collect();
    named.extend(args.crosstab.iter().flat_map(|(a, b)| [a, b]));
    for column in named {
        if args.scores.contains(column) || args.id.as_ref() == Some(column) {
            return Err(usage(
                C,
                format!("\"{column}\" is named as a score (or the id) and as a factor: a factor is a column of levels"),
            ));
        }
    }
    let mut tested: Vec<&str> = Vec::new();
    for (name, _) in &args.test_value {
        if tested.contains(&name.as_str()) {
            return Err(usage(
                C,
                format!("--test-value names the score \"{name}\" twice"),
            ));
        }
        tested.push(name);
    }
    let post_hoc: Vec<PostHocMethod> = if args.post_hoc.contains(&PostHocArg::None) {
        if args.post_hoc.len() > 1 {
            return Err(usage(C, "--post-hoc none cannot be combined with a method"));
        }
        Vec::new()
    } else {
        let mut out = Vec::new();
        for m in &args.post_hoc {
            let m = match m {
                PostHocArg::Tukey => PostHocMethod::Tukey,
                PostHocArg::GamesHowell => PostHocMethod::GamesHowell,
                PostHocArg::Lsd => PostHocMethod::Lsd,
                PostHocArg::Bonferroni => PostHocMethod::Bonferroni,
                PostHocArg::None => unreachable!("handled above"),
            };
            if !out.contains(&m) {
                out.push(m);
            }
        }
        out
    };
    let options = SurveyOptions {
        by: args.by.clone(),
        test_values: args.test_value.clone(),
        midpoint: args.midpoint,
        post_hoc,
        crosstabs: args.crosstab.clone(),
        correlate: args.correlate.clone(),
        method: match args.method {
            CorMethodArg::Pearson => CorMethod::Pearson,
            CorMethodArg::Spearman => CorMethod::Spearman,
        },
        regress,
        conf_level: args.conf_level,
    };
    Ok(SurveyConfig {
        input: SurveyInput {
            data: args.data.clone(),
            scores: args.scores.clone(),
            items: args.scale.as_ref().map(|spec| SurveyItems {
                spec: spec.clone(),
                invalid: args.invalid.into(),
            }),
            columns: options.columns(),
            id: args.id.clone(),
            na: args.na.clone(),
            input,
        },
        output: output_of(C, &args.out, SURVEY_SECTIONS)?,
        options,
    })
}

/// `--regress "y ~ x1 + x2 | x3"`: the outcome, then blocks of terms separated by `|`, terms
/// by `+`; `factor(x)` makes x categorical. Column names with spaces may be quoted with
/// backticks, as R writes them.
pub fn parse_formula(s: &str) -> Result<RegressSpec, String> {
    let (outcome, rhs) = s
        .split_once('~')
        .ok_or_else(|| format!("expected \"OUTCOME ~ X1 + X2 | X3\", found \"{s}\" (no ~)"))?;
    let name = |t: &str| -> Result<String, String> {
        let t = t.trim();
        let t = t
            .strip_prefix('`')
            .and_then(|x| x.strip_suffix('`'))
            .unwrap_or(t);
        if t.is_empty() || t.contains(['~', '*', ':', '(', ')', '^']) {
            return Err(format!(
                "\"{t}\" is not a column name (terms are columns joined by + in blocks split by |; \
                 interactions and transformations are not supported)"
            ));
        }
        Ok(t.to_string())
    };
    let outcome = name(outcome)?;
    let mut blocks = Vec::new();
    let mut seen: Vec<String> = vec![outcome.clone()];
    for block in rhs.split('|') {
        let mut terms = Vec::new();
        for term in block.split('+') {
            let t = term.trim();
            let (t, factor) = match t.strip_prefix("factor(").and_then(|x| x.strip_suffix(')')) {
                Some(inner) => (inner, true),
                None => (t, false),
            };
            let n = name(t)?;
            if seen.contains(&n) {
                return Err(format!("\"{n}\" appears twice in the formula"));
            }
            seen.push(n.clone());
            terms.push(RegressTerm { name: n, factor });
        }
        blocks.push(terms);
    }
    Ok(RegressSpec { outcome, blocks })
}

/// The format a path's extension names when it is not delimited text (`kept.sav`: "an SPSS
/// file"), for `--keep`, which writes CSV or TSV text; None for .csv, .tsv, .txt, no extension
/// and extensions no format claims.
fn other_format_than_text(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let ext = ext.as_str();
    if SAV_EXTENSIONS.contains(&ext) {
        return Some("an SPSS file");
    }
    if is_spreadsheet(path) {
        return Some("a workbook");
    }
    if matches!(ext, "parquet" | "pq") {
        return Some("a Parquet file");
    }
    match Format::of_extension(path)? {
        Format::Csv | Format::Tsv | Format::Terminal => None,
        Format::Json => Some("a JSON file"),
        Format::Markdown => Some("a Markdown file"),
        Format::Html => Some("a web page (HTML)"),
        Format::Latex => Some("a LaTeX file"),
        Format::Docx => Some("a Word document"),
    }
}

/// The screening options, checked against the inputs and outputs: `--keep` is a file that is
/// neither an input nor `-o`.
fn screen_options(
    command: &'static str,
    args: &ScreenRuleArgs,
    inputs: &[PathBuf],
    output: Option<&Path>,
) -> Result<ScreenOptions, UsageError> {
    if let Some(keep) = &args.keep {
        if keep.as_os_str() == "-" {
            return Err(usage(
                command,
                "--keep writes a file; name one (e.g. --keep valid.csv)",
            ));
        }
        check_output(command, Some(keep), inputs)?;
        if let Some(format) = other_format_than_text(keep) {
            return Err(usage(
                command,
                format!(
                    "--keep {} names {format}, but --keep writes text: the valid rows of a CSV \
                     or TSV input as they are, of a spreadsheet or SPSS file as CSV; name it \
                     .csv (or .tsv, .txt)",
                    keep.display()
                ),
            ));
        }
        if output.is_some_and(|o| same_file(o, keep)) {
            return Err(usage(
                command,
                format!(
                    "--keep {} is also the -o output; write them to two files",
                    keep.display()
                ),
            ));
        }
    }
    Ok(ScreenOptions {
        rules: ScreenRules {
            min_seconds: args.min_seconds,
            straight_line: args.straight_line,
            longest_run: args.longest_run.map(|n| n as usize),
        },
        duration: args.duration.clone(),
        keep: args.keep.clone(),
    })
}

fn screen(args: &ScreenArgs) -> Result<ScreenConfig, UsageError> {
    const C: &str = "screen";
    let input = args.input.options(false);
    let files = vec![args.data.clone()];
    check_inputs(C, &files, &input)?;
    let inputs = vec![args.data.clone(), args.scale.clone()];
    check_output(C, args.out.output.as_deref(), &inputs)?;
    check_out_dir(C, &args.out)?;
    Ok(ScreenConfig {
        spec: args.scale.clone(),
        data: args.data.clone(),
        id: args.id.clone(),
        invalid: args.invalid.into(),
        na: args.na.clone(),
        input,
        screen: screen_options(C, &args.rules, &inputs, args.out.output.as_deref())?,
        output: output_of(C, &args.out, PARTS_SECTIONS)?,
    })
}

fn reliability(args: &ReliabilityArgs) -> Result<ReliabilityConfig, UsageError> {
    const C: &str = "reliability";
    let input = args.input.options(false);
    check_inputs("reliability", &args.files, &input)?;
    let mut inputs = args.files.clone();
    inputs.push(args.scale.clone());
    check_output("reliability", args.out.output.as_deref(), &inputs)?;
    Ok(ReliabilityConfig {
        spec: args.scale.clone(),
        files: args.files.clone(),
        id: args.id.clone(),
        alpha_missing: match args.alpha_missing {
            AlphaMissingArg::Listwise => AlphaMissing::Listwise,
            AlphaMissingArg::Pairwise => AlphaMissing::Pairwise,
        },
        conf_level: args.conf_level,
        item_analysis: ItemAnalysisOptions {
            fraction: 0.27,
            min_item_total_r: args.min_item_r,
            alpha: 0.05,
            test: match args.cr_test {
                CrTestArg::Welch => CrTest::Welch,
                CrTestArg::Spss => CrTest::Spss,
            },
        },
        invalid: args.invalid.into(),
        na: args.na.clone(),
        input,
        format: report_format(
            C,
            args.out.format,
            args.out.output.as_deref(),
            stdout_is_terminal(),
        )?,
        output: args.out.output.clone(),
        render: render_of(
            C,
            args.out.digits,
            args.out.lang,
            &args.out.sections,
            PARTS_SECTIONS,
        )?,
    })
}

fn factor(args: &FactorArgs) -> Result<FactorConfig, UsageError> {
    const C: &str = "factor";
    let input = args.input.options(false);
    check_inputs(C, &args.data, &input)?;
    let mut inputs = args.data.clone();
    inputs.extend(args.scale.clone());
    check_output(C, args.out.output.as_deref(), &inputs)?;
    check_out_dir(C, &args.out)?;
    if let Some(items) = &args.items {
        if items.iter().any(|i| i.trim().is_empty()) {
            return Err(usage(
                C,
                "--items has an empty name (two commas, or a comma at an end)",
            ));
        }
        if let Some(dup) = items
            .iter()
            .enumerate()
            .find(|(k, i)| items[..*k].contains(i))
        {
            return Err(usage(C, format!("--items names \"{}\" twice", dup.1)));
        }
        if items.len() < 3 {
            return Err(usage(
                C,
                "--items: a factor analysis needs at least 3 items",
            ));
        }
        if let Some(k) = args.factors {
            if usize::from(k) > items.len() {
                return Err(usage(
                    C,
                    format!("--factors {k}: there are only {} items", items.len()),
                ));
            }
        }
    }
    let kaiser = !args.no_kaiser;
    Ok(FactorConfig {
        spec: args.scale.clone(),
        items: args.items.clone(),
        files: args.data.clone(),
        id: args.id.clone(),
        invalid: args.invalid.into(),
        na: args.na.clone(),
        input,
        settings: FactorSettings {
            count: match (args.factors, args.parallel) {
                (Some(k), _) => FactorCount::Fixed(usize::from(k)),
                (None, true) => FactorCount::Parallel(ParallelOptions {
                    seed: args.seed.unwrap_or(ParallelOptions::default().seed),
                    ..ParallelOptions::default()
                }),
                (None, false) => FactorCount::EigenvalueAboveOne,
            },
            extraction: match args.extraction {
                ExtractionArg::Pc => Extraction::PrincipalComponents,
                ExtractionArg::Minres => Extraction::MinRes,
                ExtractionArg::Ml => Extraction::MaximumLikelihood,
                ExtractionArg::Pa => Extraction::PrincipalAxis,
            },
            rotation: match args.rotation {
                RotationArg::Varimax => Rotation::Varimax { kaiser },
                RotationArg::Promax => Rotation::Promax { m: 4.0, kaiser },
                RotationArg::Oblimin => Rotation::Oblimin { gamma: 0.0, kaiser },
                RotationArg::None => Rotation::None,
            },
            missing: if args.pairwise {
                AlphaMissing::Pairwise
            } else {
                AlphaMissing::Listwise
            },
            min_loading: args.min_loading,
            harman: args.harman,
        },
        output: output_of(C, &args.out, PARTS_SECTIONS)?,
    })
}

fn power(args: &PowerArgs) -> Result<PowerConfig, UsageError> {
    const C: &str = "power";
    let given = [
        ("--n", args.n.is_some()),
        ("--d", args.d.is_some()),
        ("--power", args.power.is_some()),
    ];
    let missing: Vec<&str> = given.iter().filter(|(_, g)| !g).map(|(f, _)| *f).collect();
    let unknown = match (missing.as_slice(), args.alpha) {
        (["--n"], _) => Unknown::N,
        (["--d"], _) => Unknown::D,
        (["--power"], _) => Unknown::Power,
        ([], None) => Unknown::Alpha,
        ([], Some(_)) => {
            return Err(usage(
                C,
                "--n, --d, --power and --alpha are all given: leave out the one to solve for",
            ))
        }
        (m, _) => {
            return Err(usage(
                C,
                format!(
                    "{} are missing: give all but one of --n, --d, --power (and --alpha, 0.05 unless solved for)",
                    m.join(" and ")
                ),
            ))
        }
    };
    let design = args.design;
    let n = match (args.n, design) {
        (Some((_, Some(_))), PlanDesign::Paired) => {
            return Err(usage(
                C,
                "--n N1,N2 is for two groups; the paired design has one n",
            ))
        }
        (Some((a, b)), _) => Some((a, b.unwrap_or(a))),
        (None, _) => None,
    };
    if design == PlanDesign::Ancova {
        match args.r {
            None => {
                return Err(usage(
                    C,
                    "--design ancova needs --r, the expected pre-post correlation",
                ))
            }
            Some(r) if r.abs() >= 1.0 => {
                return Err(usage(C, format!("--r must be between -1 and 1, found {r}")))
            }
            _ => {}
        }
        if args.test == PlanTest::Wilcoxon {
            return Err(usage(
                C,
                "--test wilcoxon has no ANCOVA: use --design two-group",
            ));
        }
    } else if args.r.is_some() {
        return Err(usage(C, "--r is for --design ancova"));
    }
    let alternative: Alternative = args.alternative.into();
    let alpha = match unknown {
        Unknown::Alpha => None,
        _ => Some(args.alpha.unwrap_or(0.05)),
    };
    if let (Some(p), Some(a)) = (args.power, alpha) {
        if p <= a {
            return Err(usage(
                C,
                format!(
                    "--power {p} must be above alpha {a}: a test has power alpha against no effect"
                ),
            ));
        }
    }
    if let (Unknown::N, Some(d)) = (unknown, args.d) {
        let wrong_side = match alternative {
            Alternative::TwoSided => d == 0.0,
            Alternative::Greater => d <= 0.0,
            Alternative::Less => d >= 0.0,
        };
        if wrong_side {
            return Err(usage(
                C,
                format!(
                    "no sample size detects d = {d} with --alternative {}",
                    alternative.as_str()
                ),
            ));
        }
    }
    check_output(C, args.out.output.as_deref(), &[])?;
    Ok(PowerConfig {
        question: PlanQuestion {
            design,
            test: args.test,
            alternative,
            unknown,
            n,
            d: args.d,
            power: args.power,
            alpha,
            r: args.r,
            dropout: args.dropout,
        },
        format: report_format(
            C,
            args.out.format,
            args.out.output.as_deref(),
            stdout_is_terminal(),
        )?,
        output: args.out.output.clone(),
        render: render_of(
            C,
            args.out.digits,
            args.out.lang,
            &args.out.sections,
            PARTS_SECTIONS,
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn config(args: &str) -> Result<Config, UsageError> {
        let cli = Cli::try_parse_from(std::iter::once("prepost").chain(args.split_whitespace()))
            .expect("clap accepts it");
        from_cli(&cli)
    }

    fn compare_of(args: &str) -> CompareConfig {
        match config(args).unwrap() {
            Config::Compare(c) => *c,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn layouts_become_an_enum() {
        let c = compare_of("compare --pre a.csv --post b.csv");
        assert_eq!(c.study.layout.name(), "two-files");
        let c = compare_of("compare --wave T1=a.csv --wave T2=b.csv --wave T3=c.csv");
        assert_eq!(c.study.layout.inputs().len(), 3);
        let c = compare_of("compare --data w.csv --pair total_pre:total_post --pair x=a:b");
        match c.study.layout {
            Layout::Wide { series, waves, .. } => {
                assert_eq!(series[0].name, "total");
                assert_eq!(series[1].columns, ["a", "b"]);
                assert_eq!(waves, ["pre", "post"]);
            }
            other => panic!("{other:?}"),
        }
        let c = compare_of("compare --data w.csv --series s=s_t1,s_t2,s_t3");
        match c.study.layout {
            Layout::Wide { series, waves, .. } => {
                assert_eq!(series[0].name, "s");
                assert_eq!(waves, ["T1", "T2", "T3"]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            Series::parse_series("a_t1,a_t2,a_t3").unwrap().name,
            "a",
            "a name from the columns"
        );
        assert_eq!(Series::parse_pair("T1.anx:T2.anx").unwrap().name, "anx");
        assert_eq!(Series::parse_pair("a:b").unwrap().name, "a:b");
    }

    #[test]
    fn usage_errors_are_found_before_reading() {
        for (args, fragment) in [
            (
                "compare --pre a.csv --post b.csv --criterion b",
                "needs the norms",
            ),
            (
                "compare --pre a.csv --post b.csv --scores total,total",
                "twice",
            ),
            ("compare --data w.csv --pair x:y --pair x:y", "twice"),
            (
                "compare --data w.csv --pair s=a:b --series s=c,d,e",
                "same waves",
            ),
            (
                "compare --data w.csv --series s=a,b,c --waves A,B",
                "2 labels for 3",
            ),
            (
                "compare --data l.csv --time t --pre-label x --post-label x",
                "both",
            ),
            (
                "compare --data l.csv --time t --waves A,B --pre-label C",
                "not one of the waves",
            ),
            ("compare --wave x=a.csv --wave x=b.csv", "same label"),
            ("compare --wave x=a.csv", "at least twice"),
            ("compare --pre - --post -", "standard input"),
            ("compare --pre a.csv --post b.csv --sheet 2", "--sheet"),
            ("compare --pre a.csv --post b.csv -o a.csv", "also an input"),
            ("score --scale s.toml a.csv -o s.toml", "also an input"),
        ] {
            let e = config(args).unwrap_err();
            assert!(e.message.contains(fragment), "{args}: {e}");
        }
        assert!(matches!(
            Series::parse_pair("x:x"),
            Err(e) if e.contains("twice")
        ));
    }

    #[test]
    fn the_format_comes_from_the_flag_else_the_output_file() {
        let f =
            |flag, out: Option<&str>, tty| report_format("compare", flag, out.map(Path::new), tty);
        assert_eq!(f(None, Some("r.docx"), true).unwrap(), Format::Docx);
        assert_eq!(f(None, Some("R.HTML"), true).unwrap(), Format::Html);
        assert_eq!(f(None, Some("r.txt"), true).unwrap(), Format::Terminal);
        assert_eq!(f(None, None, true).unwrap(), Format::Terminal);
        assert_eq!(
            f(Some(Format::Json), Some("r.docx"), true).unwrap(),
            Format::Json
        );
        // a Word document into a pipe or a file, never onto a terminal
        assert_eq!(f(Some(Format::Docx), None, false).unwrap(), Format::Docx);
        let e = f(Some(Format::Docx), None, true).unwrap_err();
        assert!(e.message.contains("-o results.docx"), "{e}");
        assert_eq!(
            compare_of("compare --pre a.csv --post b.csv -o r.md")
                .output
                .format,
            Format::Markdown
        );
    }
}
