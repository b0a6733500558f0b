//! The command-line interface (clap derive). Only definitions and value parsing live here;
//! `commands/` turns the parsed arguments into work.

use crate::model::Contrasts;
use crate::report::Format;
use crate::scale::spec::Lang;
use crate::stats::p_adjust::PAdjust;
use crate::stats::rci::Criterion;
use crate::stats::reliability::AlphaMissing;
use crate::stats::wilcoxon::{PValueMethod, ZeroMethod};
use crate::stats::Alternative;
use crate::study::layout::Series;
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The exit-code table shown under every `--help`.
macro_rules! exit_codes {
    () => {
        "Exit codes:
  0  success
  1  a problem with the data or the files (the message names file, row and column)
  2  a usage error (unknown option, bad option value)"
    };
}

#[derive(Debug, Parser)]
#[command(
    name = "prepost",
    version,
    about = "Score pre/post questionnaires and compare them with statistics that agree with R",
    after_help = exit_codes!(),
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare pre and post scores: descriptives, paired t-test, Wilcoxon signed-rank test,
    /// effect sizes with confidence intervals, normality of the differences.
    #[command(after_help = COMPARE_HELP)]
    Compare(Box<CompareArgs>),
    /// Score item-level answers with a scale spec: reverse keying, subscales and total,
    /// the missing-item rule. One row per respondent.
    #[command(after_help = SCORE_HELP)]
    Score(ScoreArgs),
    /// Screen the questionnaires: exclude those answered too fast, straight-lined, with too
    /// many items missing, or duplicated; report received, valid and the rate, and every
    /// excluded respondent with row, id and reasons.
    #[command(after_help = SCREEN_HELP)]
    Screen(Box<ScreenArgs>),
    /// Write a scale spec template, or check a spec (and data against it).
    #[command(subcommand)]
    Scale(ScaleCommand),
    /// Cronbach's alpha (raw and standardized, Feldt CI), corrected item-total correlations and
    /// alpha if item deleted, per subscale and total.
    #[command(after_help = RELIABILITY_HELP)]
    Reliability(ReliabilityArgs),
    /// Is the questionnaire valid? KMO and Bartlett's test, the eigenvalues and scree plot,
    /// an exploratory factor analysis (principal components or minres, ML, principal axis;
    /// varimax, promax, oblimin), and whether each item loads where the spec puts it.
    #[command(after_help = FACTOR_HELP)]
    Factor(Box<FactorArgs>),
    /// Single-case designs (A-B, A-B-A-B, multiple baseline): per case and phase, the
    /// non-overlap measures (NAP, PND, PEM, PAND, IRD, Tau, Tau-BC, Tau-U) and the SMD and log
    /// response ratio, as SingleCaseES defines them.
    #[command(after_help = CASE_HELP)]
    Case(Box<CaseArgs>),
    /// Plan the next study: of the sample size, the effect, the power and alpha, give all but
    /// one and the one left out is solved for (paired, two groups, ANCOVA; t or Wilcoxon).
    #[command(after_help = POWER_HELP)]
    Power(PowerArgs),
    /// One wave of questionnaires (a needs assessment): the sample's composition, descriptives
    /// (with skewness and kurtosis as SPSS), one-sample tests against a value or the scale's
    /// midpoint, t-tests or ANOVA with post hoc tests by factors, crosstabs, a correlation
    /// matrix and a regression in blocks.
    #[command(after_help = SURVEY_HELP)]
    Survey(Box<SurveyArgs>),
    /// Print a shell completion script (e.g. prepost completions bash >
    /// ~/.local/share/bash-completion/completions/prepost).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; e.g. prepost man > prepost.1 && man ./prepost.1), or
    /// write a page per command into a directory.
    Man {
        /// Write prepost.1, prepost-compare.1, ... into DIR (e.g. ~/.local/share/man/man1).
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

const POWER_HELP: &str = concat!(
    "Examples:
  prepost power --d 0.5 --power 0.8                   # pairs needed for d_z = 0.5
  prepost power --n 11 --power 0.8                    # the smallest d_z 11 pairs detect
  prepost power --n 11 --d 0.8                        # the power of 11 pairs for d_z = 0.8
  prepost power --n 11 --d 0.8 --power 0.8            # the alpha that gives it
  prepost power --design two-group --d 0.8 --power 0.8 --dropout 0.2
  prepost power --design ancova --r 0.6 --n 12,10 --power 0.8
  prepost power --test wilcoxon --d 0.5 --power 0.8 --format json

The effect is d_z (the mean difference over the SD of the differences) for the paired design,
Cohen's d of the change scores for two groups, and d in post-test SDs for the ANCOVA. Power
comes from the noncentral t (pwr::pwr.t.test, pwr.t2n.test), solved exactly.

",
    exit_codes!()
);

/// `--n N` or, for two groups, `--n N1,N2`.
fn parse_sizes(s: &str) -> Result<(f64, Option<f64>), String> {
    let whole = |v: &str| -> Result<f64, String> {
        match v.trim().parse::<u64>() {
            Ok(k) if k >= 2 => Ok(k as f64),
            _ => Err(format!(
                "expected a whole number of 2 or more, found \"{v}\""
            )),
        }
    };
    match s.split_once(',') {
        Some((a, b)) => Ok((whole(a)?, Some(whole(b)?))),
        None => Ok((whole(s)?, None)),
    }
}

/// A number in [0, 1).
fn parse_share(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if (0.0..1.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "expected a share from 0 up to (not including) 1, found \"{s}\""
        )),
    }
}

/// A finite number.
fn parse_finite(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!("expected a number, found \"{s}\"")),
    }
}

/// A `--outcome-scale` value: a scale for every score, or `SCORE=SCALE`.
pub type OutcomeScaleArg = (Option<String>, crate::stats::single_case::OutcomeScale);

fn parse_outcome_scale(s: &str) -> Result<OutcomeScaleArg, String> {
    use crate::stats::single_case::OutcomeScale;
    let (name, value) = score_and_value(s)?;
    let scale = match value {
        "count" => OutcomeScale::Count,
        "rate" => OutcomeScale::Rate,
        "proportion" => OutcomeScale::Proportion,
        "percentage" => OutcomeScale::Percentage,
        "other" => OutcomeScale::Other,
        _ => {
            return Err(format!(
            "expected count, rate, proportion, percentage or other (or SCORE=SCALE), found \"{s}\""
        ))
        }
    };
    Ok((name, scale))
}

/// A `--intervals` or `--session-length` value: a number above 0 for every score, or
/// `SCORE=NUMBER`.
fn parse_score_positive(s: &str) -> Result<(Option<String>, f64), String> {
    let (name, value) = score_and_value(s)?;
    match value.parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() => Ok((name, v)),
        _ => Err(format!(
            "expected a number above 0 (or SCORE=NUMBER), found \"{s}\""
        )),
    }
}

/// `SCORE=VALUE` or `VALUE`: the score's name (trimmed, not empty) and the value.
fn score_and_value(s: &str) -> Result<(Option<String>, &str), String> {
    let (name, value) = match s.split_once('=') {
        Some((n, v)) => (Some(n.trim().to_string()), v.trim()),
        None => (None, s.trim()),
    };
    if name.as_deref() == Some("") {
        return Err(format!("the score name is empty in \"{s}\""));
    }
    Ok((name, value))
}

#[derive(Debug, Args)]
pub struct PowerArgs {
    /// The design of the planned study.
    #[arg(long, value_enum, default_value_t = crate::model::PlanDesign::Paired)]
    pub design: crate::model::PlanDesign,

    /// The test.
    #[arg(long, value_enum, default_value_t = crate::model::PlanTest::T)]
    pub test: crate::model::PlanTest,

    /// Pairs (paired), or participants per group (two-group, ancova; N1,N2 for unequal groups).
    #[arg(long, value_name = "N", value_parser = parse_sizes)]
    pub n: Option<(f64, Option<f64>)>,

    /// The effect size (d_z for the paired design; see below).
    #[arg(long, value_name = "D", allow_hyphen_values = true, value_parser = parse_finite)]
    pub d: Option<f64>,

    /// The power, in (0, 1).
    #[arg(long, value_name = "POWER", value_parser = parse_probability)]
    pub power: Option<f64>,

    /// The significance level [default: 0.05, unless it is the one solved for].
    #[arg(long, value_name = "ALPHA", value_parser = parse_probability)]
    pub alpha: Option<f64>,

    /// ANCOVA: the expected correlation of pre- and post-test within the groups.
    #[arg(long, value_name = "R", allow_hyphen_values = true, value_parser = parse_finite)]
    pub r: Option<f64>,

    /// The alternative hypothesis.
    #[arg(long, value_enum, default_value_t = AlternativeArg::TwoSided)]
    pub alternative: AlternativeArg,

    /// The share expected to drop out (e.g. 0.2): the number to recruit is the number needed
    /// divided by 1 - dropout, rounded up.
    #[arg(long, value_name = "SHARE", default_value_t = 0.0, value_parser = parse_share)]
    pub dropout: f64,

    #[command(flatten)]
    pub out: ReportArgs,
}

/// Where and how a report of one or two tables (`reliability`, `power`) is written.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format (reliability: csv writes one row per item) [default: from the -o
    /// extension, else terminal].
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output (atomically).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Decimals shown in the readable formats.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=10))]
    pub digits: u8,

    /// Language of the readable reports.
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,

    /// Only these parts of the readable reports (study, brief, tables, notes);
    /// `--sections help` lists them.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub sections: Option<Vec<String>>,
}

const SURVEY_HELP: &str = concat!(
    "Examples:
  prepost survey --data data/example/survey.csv --scale data/scales/children_self_confidence.toml \\
                 --by gender --by grade --midpoint
  prepost survey --data survey.csv --scores total --by left_behind --test-value total=60
  prepost survey --data survey.csv --scale spec.toml --by grade --post-hoc tukey,games-howell,lsd
  prepost survey --data survey.csv --scale spec.toml --crosstab left_behind,gender
  prepost survey --data survey.csv --scale spec.toml --correlate warmth,contact --lang zh -o t.docx
  prepost survey --data survey.csv --scale spec.toml --regress \"total ~ gender + grade | warmth\"

Levels of a factor are sorted as R's factor() sorts them (numbers numerically, text
alphabetically); the first is the reference of a regression's dummies. Two levels: Student's
and Welch's t (the sentence gives Welch's where Levene's test has p < .05), Mann-Whitney;
three or more: Fisher's and Welch's ANOVA, post hoc tests, Kruskal-Wallis with Dunn (Holm).

",
    exit_codes!()
);

/// `survey`'s post hoc methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PostHocArg {
    /// Tukey's HSD (Tukey-Kramer for unequal n): TukeyHSD(aov()).
    Tukey,
    /// Games-Howell (unequal variances): rstatix::games_howell_test.
    GamesHowell,
    /// Fisher's LSD: pairwise.t.test(pool.sd = TRUE, p.adjust = "none").
    Lsd,
    /// Bonferroni: pairwise.t.test(p.adjust = "bonferroni").
    Bonferroni,
    /// No post hoc tests.
    None,
}

/// `survey`'s correlation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CorMethodArg {
    Pearson,
    Spearman,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("what").args(["scale", "scores"])))]
pub struct SurveyArgs {
    /// The survey: one row per respondent (CSV, TSV, a spreadsheet or an SPSS .sav).
    #[arg(long, value_name = "FILE", help_heading = "Input")]
    pub data: PathBuf,

    /// Item answers, scored with this scale spec (TOML): the spec's subscales and total.
    #[arg(long, value_name = "SPEC", help_heading = "Input")]
    pub scale: Option<PathBuf>,

    /// The score columns [default: every column of numbers not named elsewhere].
    #[arg(
        long,
        value_name = "COL,...",
        value_delimiter = ',',
        help_heading = "Input"
    )]
    pub scores: Vec<String>,

    /// The id column, left out of the scores [default: id, or the spec's].
    #[arg(long, value_name = "COLUMN", help_heading = "Input")]
    pub id: Option<String>,

    /// An answer out of range, not a number, or not whole (with --scale).
    #[arg(long, value_enum, default_value_t = InvalidArg::Error, requires = "scale", help_heading = "Input")]
    pub invalid: InvalidArg,

    /// A cell value meaning "missing" (repeatable).
    #[arg(
        long = "na",
        value_name = "CODE",
        allow_hyphen_values = true,
        help_heading = "Input"
    )]
    pub na: Vec<String>,

    #[command(flatten)]
    pub input: InputArgs,

    /// A factor (gender, grade, left-behind, ...): its composition, the scores per level and
    /// their comparison across its levels (repeatable).
    #[arg(long, value_name = "COLUMN", help_heading = "Analyses")]
    pub by: Vec<String>,

    /// A score against a value, as SCORE=VALUE (repeatable): one-sample t, Cohen's d and
    /// Wilcoxon's signed-rank test.
    #[arg(long, value_name = "SCORE=VALUE", value_parser = parse_test_value, help_heading = "Analyses")]
    pub test_value: Vec<(String, f64)>,

    /// Every score (without --test-value) against its scale's theoretical midpoint: (min +
    /// max)/2 for a mean score, times the items for a sum (needs --scale).
    #[arg(long, requires = "scale", help_heading = "Analyses")]
    pub midpoint: bool,

    /// Post hoc tests for a factor of three or more levels.
    #[arg(long, value_enum, value_name = "METHOD,...", value_delimiter = ',', default_values_t = [PostHocArg::Tukey, PostHocArg::GamesHowell], help_heading = "Analyses")]
    pub post_hoc: Vec<PostHocArg>,

    /// Two categorical columns, as A,B: counts, row %, expected counts, chi-squared (with
    /// Yates for 2 x 2), Fisher's exact test, Cramer's V (repeatable).
    #[arg(long, value_name = "A,B", value_parser = parse_crosstab, help_heading = "Analyses")]
    pub crosstab: Vec<(String, String)>,

    /// The correlation matrix of the scores and these columns (none: the scores only), with M
    /// and SD.
    #[arg(long, value_name = "COL,...", value_delimiter = ',', num_args = 0.., help_heading = "Analyses")]
    pub correlate: Option<Vec<String>>,

    /// The correlation of --correlate.
    #[arg(long, value_enum, default_value_t = CorMethodArg::Pearson, help_heading = "Analyses")]
    pub method: CorMethodArg,

    /// A linear regression in blocks: "y ~ x1 + x2 | x3" (| starts a block; factor(x) makes
    /// a numeric code categorical; a column of text is categorical).
    #[arg(long, value_name = "FORMULA", help_heading = "Analyses")]
    pub regress: Option<String>,

    /// Confidence level of every interval, in (0, 1).
    #[arg(long, value_name = "LEVEL", default_value_t = 0.95, value_parser = parse_conf_level, help_heading = "Statistics")]
    pub conf_level: f64,

    #[command(flatten)]
    pub out: OutputArgs,
}

/// `--test-value SCORE=VALUE`.
fn parse_test_value(s: &str) -> Result<(String, f64), String> {
    let (name, v) = s
        .split_once('=')
        .ok_or_else(|| format!("expected SCORE=VALUE (e.g. total=3), found \"{s}\""))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(format!(
            "expected SCORE=VALUE with a score's name, found \"{s}\""
        ));
    }
    Ok((name.to_string(), parse_finite(v)?))
}

/// `--crosstab A,B`.
fn parse_crosstab(s: &str) -> Result<(String, String), String> {
    match s.split_once(',') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() && !b.contains(',') => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(format!(
            "expected two columns as A,B (e.g. left_behind,gender), found \"{s}\""
        )),
    }
}

const CASE_HELP: &str = concat!(
    "Examples:
  prepost case --data sessions.csv --session session --phase phase
  prepost case --data sessions.csv --id child --improvement worry=decrease --out-dir case/
  prepost case --data answers.csv --scale spec.toml --baseline A --treatment B --lang zh

The data: one row per case and session, with the case (--id, default \"id\"; without the
column the file is one case), the session number (--session), the phase label (--phase), and
the scores (every other column of numbers, or --scores), or item answers with --scale.
Phases are the runs of one label in session order (A1, B1, A2, B2, ...); each phase is
contrasted with the one before it, and with more than two phases every baseline session with
every treatment session (A-B).

",
    exit_codes!()
);

/// One `--improvement` value: `decrease` for every score, or `SCORE=decrease`.
pub type ImprovementArg = (Option<String>, crate::stats::single_case::Improvement);

fn parse_improvement(s: &str) -> Result<ImprovementArg, String> {
    use crate::stats::single_case::Improvement;
    let (name, dir) = score_and_value(s)?;
    let dir = match dir {
        "increase" => Improvement::Increase,
        "decrease" => Improvement::Decrease,
        _ => {
            return Err(format!(
                "expected increase or decrease (or SCORE=increase|decrease), found \"{s}\""
            ))
        }
    };
    Ok((name, dir))
}

#[derive(Debug, Args)]
pub struct CaseArgs {
    /// The sessions: one row per case and session (CSV, TSV, a spreadsheet or an SPSS .sav).
    #[arg(long, value_name = "FILE", help_heading = "Input")]
    pub data: PathBuf,

    /// The case column [default: id; without it the file is one case].
    #[arg(long, value_name = "COLUMN", help_heading = "Input")]
    pub id: Option<String>,

    /// The session column: numbers that order the sessions.
    #[arg(
        long,
        value_name = "COLUMN",
        default_value = "session",
        help_heading = "Input"
    )]
    pub session: String,

    /// The phase column (A = baseline, B = intervention, or any labels).
    #[arg(
        long,
        value_name = "COLUMN",
        default_value = "phase",
        help_heading = "Input"
    )]
    pub phase: String,

    /// The score columns [default: every other column of numbers].
    #[arg(
        long,
        value_name = "COL,...",
        value_delimiter = ',',
        help_heading = "Input"
    )]
    pub scores: Vec<String>,

    /// Item answers per session, scored with this scale spec (TOML).
    #[arg(long, value_name = "SPEC", help_heading = "Input")]
    pub scale: Option<PathBuf>,

    /// An answer out of range, not a number, or not whole (with --scale).
    #[arg(long, value_enum, default_value_t = InvalidArg::Error, requires = "scale", help_heading = "Input")]
    pub invalid: InvalidArg,

    /// A cell value meaning "missing" (repeatable).
    #[arg(
        long = "na",
        value_name = "CODE",
        allow_hyphen_values = true,
        help_heading = "Input"
    )]
    pub na: Vec<String>,

    #[command(flatten)]
    pub input: InputArgs,

    /// The baseline phase label [default: the first label in session order].
    #[arg(long, value_name = "LABEL", help_heading = "Design")]
    pub baseline: Option<String>,

    /// The intervention phase label [default: the second label in session order].
    #[arg(long, value_name = "LABEL", help_heading = "Design")]
    pub treatment: Option<String>,

    /// Which direction is an improvement: increase or decrease for every score, or
    /// SCORE=decrease for one (repeatable) [default: increase; with --scale the spec's
    /// direction].
    #[arg(long, value_name = "DIR|SCORE=DIR", value_parser = parse_improvement, help_heading = "Design")]
    pub improvement: Vec<ImprovementArg>,

    /// What the scores count, for the log response ratio (LRR) and the log odds ratio (LOR):
    /// count, rate (per minute), proportion (0..1), percentage (0..100) or other, for every
    /// score or SCORE=SCALE for one (repeatable) [default: count].
    #[arg(long, value_name = "SCALE|SCORE=SCALE", value_parser = parse_outcome_scale, help_heading = "Ratio measures")]
    pub outcome_scale: Vec<OutcomeScaleArg>,

    /// Intervals (or items) observed per session, which truncate a proportion or percentage
    /// of 0 (or at the top) in the LRR and LOR: N, or SCORE=N (repeatable).
    #[arg(long, value_name = "N|SCORE=N", value_parser = parse_score_positive, help_heading = "Ratio measures")]
    pub intervals: Vec<(Option<String>, f64)>,

    /// The session length in minutes, which truncates a rate of 0 in the LRR: MIN, or
    /// SCORE=MIN (repeatable).
    #[arg(long, value_name = "MIN|SCORE=MIN", value_parser = parse_score_positive, help_heading = "Ratio measures")]
    pub session_length: Vec<(Option<String>, f64)>,

    /// Confidence level of every interval, in (0, 1).
    #[arg(long, value_name = "LEVEL", default_value_t = 0.95, value_parser = parse_conf_level, help_heading = "Statistics")]
    pub conf_level: f64,

    /// A published reliability of a score, as SCORE=VALUE (repeatable): with --norm, the
    /// reliable change index of each contrast of phases (their means).
    #[arg(long = "reliability", value_name = "SCORE=VALUE", value_parser = parse_reliability, requires = "norm", help_heading = "Reliable change")]
    pub reliability: Vec<(String, f64)>,

    /// The norm group of a score, as SCORE=MEAN,SD (repeatable): its SD gives S_diff.
    #[arg(long = "norm", value_name = "SCORE=MEAN,SD", value_parser = parse_norm, requires = "reliability", help_heading = "Reliable change")]
    pub norm: Vec<(String, f64, f64)>,

    #[command(flatten)]
    pub out: OutputArgs,
}

const SCORE_HELP: &str = concat!(
    "Examples:
  prepost score --scale data/scales/children_self_confidence.toml data/example/pre_items.csv
  prepost score --scale spec.toml wave1.csv wave2.csv -o scores.parquet
  prepost score --scale spec.toml survey.csv --invalid missing --na 99 -o scores.csv
  prepost score --scale spec.toml wjx.xlsx --min-seconds 60 --straight-line -o scores.csv

Output columns: source (several files only), the id, one column per subscale and the total
(named as in the spec), n_answered. A summary (missing and prorated scores, invalid answers)
goes to standard error. With screening (--screen, or any option under Screening) only the
valid respondents are scored; the summary lists every excluded one with row and reasons, and
the JSON holds them under \"screening\" (as prepost screen's JSON).

",
    exit_codes!()
);

const RELIABILITY_HELP: &str = concat!(
    "Examples:
  prepost reliability --scale data/scales/children_self_confidence.toml data/example/pre_items.csv
  prepost reliability --scale spec.toml items.csv --alpha-missing pairwise --format json

Reverse-keyed items are keyed before alpha is computed. Agrees with R's psych::alpha
(listwise: on the complete cases; pairwise: psych's default).

",
    exit_codes!()
);

const FACTOR_HELP: &str = concat!(
    "Examples:
  prepost factor --scale spec.toml --data items.csv
  prepost factor --scale spec.toml --data items.csv --parallel --seed 7 --lang zh -o factor.docx
  prepost factor --data items.csv --items q1,q2,q3,q4,q5,q6 --extraction minres --rotation oblimin
  prepost factor --scale spec.toml --data items.csv --factors 4 --harman --out-dir factor/

The defaults are SPSS's as theses use them: principal components, as many factors as
eigenvalues above 1, varimax with Kaiser normalization, listwise deletion. KMO and Bartlett's
test = psych::KMO and psych::cortest.bartlett; the factors = psych::principal or psych::fa,
iterated to convergence (see docs/statistics.md). Loadings below --min-loading are blank in
the readable tables only.

",
    exit_codes!()
);

/// How factors are extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractionArg {
    /// Principal components (SPSS's default; psych::principal).
    Pc,
    /// Minimum residual (unweighted least squares; psych::fa's and jamovi's default).
    Minres,
    /// Maximum likelihood (psych::fa(fm = "ml"), factanal).
    Ml,
    /// Principal axis factoring (psych::fa(fm = "pa"), SPSS PAF).
    Pa,
}

/// How factors are rotated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RotationArg {
    /// Orthogonal varimax (SPSS's default).
    Varimax,
    /// Oblique promax, power 4.
    Promax,
    /// Oblique direct oblimin, delta 0 (GPArotation::oblimin).
    Oblimin,
    /// The unrotated solution.
    None,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("which_items").required(true).args(["scale", "items"])))]
pub struct FactorArgs {
    /// The scale spec (TOML): its items, reverse-keyed ones keyed, and its subscales for the
    /// structure check.
    #[arg(long, value_name = "SPEC")]
    pub scale: Option<PathBuf>,

    /// The item columns to analyse, comma-separated (instead of --scale; answers as they are).
    #[arg(long, value_name = "COLS", value_delimiter = ',')]
    pub items: Option<Vec<String>>,

    /// Item-level data file (repeatable: the respondents are pooled).
    #[arg(long = "data", value_name = "FILE", required = true)]
    pub data: Vec<PathBuf>,

    /// The id column [default: the spec's `id`].
    #[arg(long, value_name = "COLUMN")]
    pub id: Option<String>,

    /// Extract K factors [default: as many as eigenvalues above 1].
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u16).range(1..), help_heading = "Factors")]
    pub factors: Option<u16>,

    /// The number of factors by Horn's parallel analysis (100 simulated data sets, their 95th
    /// percentile eigenvalues).
    #[arg(long, conflicts_with = "factors", help_heading = "Factors")]
    pub parallel: bool,

    /// The seed of the parallel analysis's random numbers (the same seed, the same result on
    /// every machine) [default: 20240601].
    #[arg(
        long,
        value_name = "N",
        requires = "parallel",
        help_heading = "Factors"
    )]
    pub seed: Option<u64>,

    /// How factors are extracted.
    #[arg(long, value_enum, default_value_t = ExtractionArg::Pc, help_heading = "Factors")]
    pub extraction: ExtractionArg,

    /// How factors are rotated.
    #[arg(long, value_enum, default_value_t = RotationArg::Varimax, help_heading = "Factors")]
    pub rotation: RotationArg,

    /// Rotate without Kaiser normalization (the rows of the loadings are normalized by
    /// default, as SPSS does; psych::fa's oblimin does not).
    #[arg(long, help_heading = "Factors")]
    pub no_kaiser: bool,

    /// Loadings below this (absolute value) are left blank in the readable tables (display
    /// only; also the threshold of the structure check and of cross-loadings).
    #[arg(long, value_name = "X", default_value_t = 0.4, value_parser = parse_share, help_heading = "Factors")]
    pub min_loading: f64,

    /// Harman's single-factor test for common-method bias: the share of the variance of the
    /// first unrotated component, against 40%.
    #[arg(long, help_heading = "Factors")]
    pub harman: bool,

    /// Each correlation from the respondents answering both items (pairwise deletion)
    /// [default: only respondents answering every item (listwise)].
    #[arg(long)]
    pub pairwise: bool,

    /// An answer out of range, not a number, or not whole (with --scale).
    #[arg(long, value_enum, default_value_t = InvalidArg::Error)]
    pub invalid: InvalidArg,

    /// An answer meaning "not answered" (repeatable).
    #[arg(long = "na", value_name = "CODE", allow_hyphen_values = true)]
    pub na: Vec<String>,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum ScaleCommand {
    /// Write a commented scale spec template to start from.
    Init {
        /// Write the template to FILE instead of standard output (refuses to overwrite).
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check a spec (unknown items, an item in two subscales, reverse items outside their
    /// subscale, min > max...) and, given data files, that their columns hold every item.
    Check {
        /// The scale spec (TOML).
        #[arg(value_name = "SPEC")]
        spec: PathBuf,
        /// Data files to check against the spec.
        #[arg(value_name = "DATA")]
        data: Vec<PathBuf>,
        #[command(flatten)]
        input: InputArgs,
    },
}

/// What to do with an answer that is out of range, not a number, or not whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InvalidArg {
    /// Stop with an error naming file, row, id and item.
    Error,
    /// Treat it as not answered; the count per item is reported.
    Missing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlphaMissingArg {
    /// Complete cases only (SPSS; psych::alpha on na.omit(x)).
    Listwise,
    /// Each covariance from the rows answering both items (psych::alpha's default).
    Pairwise,
}

impl From<AlphaMissingArg> for AlphaMissing {
    fn from(a: AlphaMissingArg) -> Self {
        match a {
            AlphaMissingArg::Listwise => AlphaMissing::Listwise,
            AlphaMissingArg::Pairwise => AlphaMissing::Pairwise,
        }
    }
}

/// How the reliable change index is computed (the methods of the R package
/// clinicalsignificance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RciMethodArg {
    /// Jacobson & Truax (1991): (post − pre)/S_diff, S_diff = √2·SD_pre·√(1 − r).
    Jt,
    /// Gulliksen, Lord & Novick: [(post − M_pre) − r(pre − M_pre)]/(SD_pre·√(1 − r²)).
    Gln,
    /// Hsu, Linn & Lord (Hsu 1989): [(post − M_post) − r(pre − M_pre)]/(SD_pre·√(1 − r²)).
    Hll,
    /// Edwards & Nunnally: [post − (r(pre − M_pre) + M_pre)]/(SD_pre·√(1 − r)).
    En,
    /// Hageman & Arrindell (1999): [(post − pre)·r_dd + (M_post − M_pre)(1 − r_dd)]
    /// /(√r_dd·√2·SE), one-sided critical value.
    Ha,
}

impl From<RciMethodArg> for crate::stats::rci::RciMethod {
    fn from(a: RciMethodArg) -> Self {
        use crate::stats::rci::RciMethod;
        match a {
            RciMethodArg::Jt => RciMethod::Jt,
            RciMethodArg::Gln => RciMethod::Gln,
            RciMethodArg::Hll => RciMethod::Hll,
            RciMethodArg::En => RciMethod::En,
            RciMethodArg::Ha => RciMethod::Ha,
        }
    }
}

/// Output formats of `score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Csv,
    Tsv,
    Json,
    Parquet,
    /// An SPSS system file (.sav): scores as numeric variables labelled by the spec.
    Sav,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The scale spec (TOML; see docs/scale-spec.md, or `prepost scale init`).
    #[arg(long, value_name = "SPEC")]
    pub scale: PathBuf,

    /// Item-level data files (CSV, TSV, a spreadsheet or an SPSS .sav), one row per respondent.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// The id column [default: the spec's `id`].
    #[arg(long, value_name = "COLUMN")]
    pub id: Option<String>,

    /// An answer out of range, not a number, or not whole (on an integer scale).
    #[arg(long, value_enum, default_value_t = InvalidArg::Error)]
    pub invalid: InvalidArg,

    /// An answer meaning "not answered", besides an empty cell, NA and the spec's `missing`
    /// (repeatable).
    #[arg(long = "na", value_name = "CODE", allow_hyphen_values = true)]
    pub na: Vec<String>,

    #[command(flatten)]
    pub input: InputArgs,

    /// Output format [default: from the -o extension, else csv].
    #[arg(long, value_enum)]
    pub format: Option<ScoreFormat>,

    /// Write to FILE instead of standard output (atomically).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// No summary on standard error (the respondents screening excludes are still listed).
    #[arg(short = 'q', long)]
    pub quiet: bool,

    /// Screen the respondents first and score only the valid ones (as `prepost screen`: the
    /// missing-item rule and duplicates, and the rules below); implied by any of them.
    #[arg(long, help_heading = "Screening")]
    pub screen: bool,

    #[command(flatten)]
    pub rules: ScreenRuleArgs,
}

/// The rules of screening, shared by `screen` and `score`.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Screening")]
pub struct ScreenRuleArgs {
    /// Exclude respondents who took less than N seconds (from the column 所用时间 of a
    /// Wenjuanxing download, or --duration).
    #[arg(long, value_name = "N", value_parser = parse_positive, allow_hyphen_values = true)]
    pub min_seconds: Option<f64>,

    /// The column of the time taken: seconds, or text such as 123秒, 2分3秒, 2:03 [default:
    /// 所用时间].
    #[arg(long, value_name = "COLUMN", requires = "min_seconds", value_parser = parse_column_name)]
    pub duration: Option<String>,

    /// Exclude respondents who gave one answer to every item of the spec (straight-lining).
    #[arg(long)]
    pub straight_line: bool,

    /// Exclude respondents who gave one answer to N or more consecutive items, in the order of
    /// the file's columns (the longest run, as R careless::longstring).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..))]
    pub longest_run: Option<u32>,

    /// Write the valid rows to FILE as text: of a CSV or TSV input (or standard input) its own
    /// header and lines, unchanged; of a spreadsheet or an SPSS .sav/.zsav file, CSV (a cell
    /// that would start a formula gets a '). Name it .csv, .tsv or .txt.
    #[arg(long, value_name = "FILE")]
    pub keep: Option<PathBuf>,
}

const SCREEN_HELP: &str = concat!(
    "Examples:
  prepost screen --scale spec.toml --data wjx.xlsx --min-seconds 60 --straight-line
  prepost screen --scale spec.toml --data survey.csv --duration seconds --min-seconds 90 \\
                 --longest-run 10 --keep valid.csv
  prepost screen --scale spec.toml --data survey.csv --lang zh -o screening.docx
  prepost score --scale spec.toml survey.csv --screen --straight-line -o scores.csv

Always applied: the spec's missing-item rule (a score left missing excludes the respondent)
and duplicates (the same id, or the same answers to every item, as an earlier row: the first
is kept). A respondent is counted once however many reasons; every excluded one is listed.

",
    exit_codes!()
);

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The scale spec (TOML): its items, and the missing-item rule of its scores.
    #[arg(long, value_name = "SPEC", help_heading = "Input")]
    pub scale: PathBuf,

    /// The questionnaires: one row per respondent (CSV, TSV, a spreadsheet or an SPSS .sav).
    #[arg(long, value_name = "FILE", help_heading = "Input")]
    pub data: PathBuf,

    /// The id column [default: the spec's `id`].
    #[arg(long, value_name = "COLUMN", help_heading = "Input")]
    pub id: Option<String>,

    /// An answer out of range, not a number, or not whole.
    #[arg(long, value_enum, default_value_t = InvalidArg::Error, help_heading = "Input")]
    pub invalid: InvalidArg,

    /// An answer meaning "not answered" (repeatable).
    #[arg(
        long = "na",
        value_name = "CODE",
        allow_hyphen_values = true,
        help_heading = "Input"
    )]
    pub na: Vec<String>,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub rules: ScreenRuleArgs,

    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ReliabilityArgs {
    /// The scale spec (TOML).
    #[arg(long, value_name = "SPEC")]
    pub scale: PathBuf,

    /// Item-level data files (all respondents are pooled).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// The id column [default: the spec's `id`].
    #[arg(long, value_name = "COLUMN")]
    pub id: Option<String>,

    /// Rows entering the item covariances.
    #[arg(long, value_enum, default_value_t = AlphaMissingArg::Listwise)]
    pub alpha_missing: AlphaMissingArg,

    /// Confidence level of the Feldt interval, in (0, 1).
    #[arg(long, value_name = "LEVEL", default_value_t = 0.95, value_parser = parse_conf_level)]
    pub conf_level: f64,

    /// Item analysis: flag an item whose corrected item-total r is below R (.30; some use
    /// .40).
    #[arg(long, value_name = "R", default_value_t = 0.3, value_parser = parse_share, help_heading = "Item analysis")]
    pub min_item_r: f64,

    /// Item analysis: the t of the critical ratio (top against bottom 27% on the score's
    /// total).
    #[arg(long, value_enum, default_value_t = CrTestArg::Welch, help_heading = "Item analysis")]
    pub cr_test: CrTestArg,

    /// An answer out of range, not a number, or not whole.
    #[arg(long, value_enum, default_value_t = InvalidArg::Error)]
    pub invalid: InvalidArg,

    /// An answer meaning "not answered" (repeatable).
    #[arg(long = "na", value_name = "CODE", allow_hyphen_values = true)]
    pub na: Vec<String>,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub out: ReportArgs,
}

/// The t test of the critical ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CrTestArg {
    /// Welch's t (R's t.test default), whatever the variances.
    Welch,
    /// As SPSS users read T-TEST: Student's t when Levene's test has p > .05, else Welch's.
    Spss,
}

const COMPARE_HELP: &str = concat!(
    "Examples:
  prepost compare --pre data/example/pre.csv --post data/example/post.csv
  prepost compare --pre pre.csv --post post.csv --id code --scores total,anxiety --format json
  prepost compare --data wide.csv --pair total_pre:total_post --pair anx=a1:a2
  prepost compare --data long.csv --time wave --pre-label T1 --post-label T2 --out-dir results/
  prepost compare --scale data/scales/children_self_confidence.toml \\
                  --pre data/example/pre_items.csv --post data/example/post_items.csv

The difference is always post - pre, so a positive difference means scores went up.
Statistics follow R (t.test, wilcox.test, shapiro.test, p.adjust, the effectsize package);
docs/statistics.md says where and why they differ.

",
    exit_codes!()
);

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("input").required(true).args(["pre", "data", "wave"])))]
#[command(group(ArgGroup::new("layout").args(["pairs", "series", "time"]).multiple(true).requires("data")))]
pub struct CompareArgs {
    /// Pre-test scores (CSV, TSV, a spreadsheet or an SPSS .sav), one row per participant.
    #[arg(long, value_name = "FILE", requires = "post", help_heading = "Input")]
    pub pre: Option<PathBuf>,

    /// Post-test scores, matched to the pre-test by the id column.
    #[arg(long, value_name = "FILE", requires = "pre", help_heading = "Input")]
    pub post: Option<PathBuf>,

    /// One file per wave, as LABEL=FILE, repeated in the order of time (e.g. --wave pre=t1.csv
    /// --wave post=t2.csv --wave follow=t3.csv); matched by the id column.
    #[arg(long = "wave", value_name = "LABEL=FILE", value_parser = parse_wave, conflicts_with_all = ["pre", "post", "data"], help_heading = "Input")]
    pub wave: Vec<(String, PathBuf)>,

    /// One file holding every wave: with --pair or --series (wide) or --time (long).
    #[arg(long, value_name = "FILE", requires = "layout", conflicts_with_all = ["pre", "post"], help_heading = "Input")]
    pub data: Option<PathBuf>,

    /// Wide layout: a pre and a post column of one scale, as PRE:POST or NAME=PRE:POST.
    /// Repeat for several scales.
    #[arg(long = "pair", value_name = "PRE:POST", value_parser = Series::parse_pair, conflicts_with_all = ["time", "pre", "post"], help_heading = "Input")]
    pub pairs: Vec<Series>,

    /// Wide layout with any number of waves: the columns of one scale in the order of time, as
    /// NAME=COL1,COL2,COL3 (repeat for several scales; every scale has the same waves).
    #[arg(long = "series", value_name = "NAME=COLUMNS", value_parser = Series::parse_series, conflicts_with_all = ["time", "pre", "post"], help_heading = "Input")]
    pub series: Vec<Series>,

    /// Long layout: the column that says which wave (time point) a row belongs to.
    #[arg(long, value_name = "COLUMN", conflicts_with_all = ["pre", "post"], help_heading = "Input")]
    pub time: Option<String>,

    /// The waves in the order of time (comma-separated): the labels of the --time column
    /// (rows with other labels are left out) [default: in order of first appearance], or names
    /// for the columns of --series [default: T1, T2, ...].
    #[arg(long, value_name = "LABELS", value_delimiter = ',', value_parser = parse_column_name, conflicts_with_all = ["pre", "post", "wave", "pairs"], help_heading = "Input")]
    pub waves: Vec<String>,

    /// The wave compared as the pre-test [default: the wave labelled "pre", else the first].
    #[arg(long, value_name = "LABEL", conflicts_with_all = ["pre", "post"], help_heading = "Input")]
    pub pre_label: Option<String>,

    /// The wave compared as the post-test [default: the wave labelled "post", else the one
    /// after the pre-test].
    #[arg(long, value_name = "LABEL", conflicts_with_all = ["pre", "post"], help_heading = "Input")]
    pub post_label: Option<String>,

    /// Item-level input: score every wave with this scale spec, then compare every subscale
    /// and the total, with their reliability at pre and post.
    #[arg(long, value_name = "SPEC", conflicts_with_all = ["pairs", "series", "scores"], help_heading = "Input")]
    pub scale: Option<PathBuf>,

    /// Item-level input: an answer out of range, not a number, or not whole.
    #[arg(long, value_enum, default_value_t = InvalidArg::Error, requires = "scale", help_heading = "Input")]
    pub invalid: InvalidArg,

    /// Item-level input: rows entering Cronbach's alpha.
    #[arg(long, value_enum, default_value_t = AlphaMissingArg::Listwise, requires = "scale", help_heading = "Statistics")]
    pub alpha_missing: AlphaMissingArg,

    /// Item-level input: which items moved. Per item the answers before and after, the sign
    /// test, the Wilcoxon signed-rank test and the Stuart-Maxwell test of marginal homogeneity
    /// (Holm across the items of each subscale), and the answers as diverging stacked bars.
    #[arg(long, requires = "scale", help_heading = "Statistics")]
    pub items: bool,

    /// The participant id column [default: id, or the scale spec's; optional in the wide layout].
    #[arg(long, value_name = "COLUMN", help_heading = "Input")]
    pub id: Option<String>,

    /// The score columns to compare (comma-separated). Default: every column holding numbers
    /// in both files, except the id.
    #[arg(
        long,
        value_name = "COLUMNS",
        value_delimiter = ',',
        value_parser = parse_column_name,
        help_heading = "Input"
    )]
    pub scores: Vec<String>,

    /// A cell value meaning "missing", in addition to an empty cell and NA (repeatable;
    /// e.g. --na -99 --na N/A).
    #[arg(
        long = "na",
        value_name = "CODE",
        allow_hyphen_values = true,
        help_heading = "Input"
    )]
    pub na: Vec<String>,

    #[command(flatten)]
    pub input: InputArgs,

    /// The alternative hypothesis about post - pre.
    #[arg(long, value_enum, default_value_t = AlternativeArg::TwoSided, help_heading = "Statistics")]
    pub alternative: AlternativeArg,

    /// Confidence level of every interval, in (0, 1).
    #[arg(long, value_name = "LEVEL", default_value_t = 0.95, value_parser = parse_conf_level, help_heading = "Statistics")]
    pub conf_level: f64,

    /// How the Wilcoxon p-value is computed. auto: exact when fewer than 50 differences are
    /// ranked (R's threshold; exact also with ties and zeros), normal otherwise.
    #[arg(long, value_enum, default_value_t = WilcoxonMethodArg::Auto, help_heading = "Statistics")]
    pub wilcoxon_method: WilcoxonMethodArg,

    /// No continuity correction in the normal approximation of the Wilcoxon test
    /// (R: correct = FALSE).
    #[arg(long, help_heading = "Statistics")]
    pub no_continuity: bool,

    /// Zero differences in the Wilcoxon test: wilcox drops them (R <= 4.5), pratt ranks them
    /// and then drops them (R >= 4.6 exact, coin), zsplit splits their ranks.
    #[arg(long, value_enum, default_value_t = ZeroMethodArg::Wilcox, help_heading = "Statistics")]
    pub zero_method: ZeroMethodArg,

    /// Adjustment of p-values across the scales. (With three or more waves, the comparisons of
    /// two waves are Holm-adjusted within each scale, whatever this says.)
    #[arg(long, value_enum, default_value_t = PAdjustArg::Holm, help_heading = "Statistics")]
    pub p_adjust: PAdjustArg,

    /// With three or more waves: which pairs of waves are compared (each with a paired t-test,
    /// a Wilcoxon test and d_z, Holm-adjusted within the scale). all: every pair; baseline:
    /// each later wave with the first; consecutive: each wave with the one before.
    #[arg(long, value_enum, default_value_t = Contrasts::All, help_heading = "Statistics")]
    pub contrasts: Contrasts,

    /// Comparison-group design: the column holding each participant's group. Two labels need
    /// --treatment; with three or more the groups are compared as they are (one-way ANOVA and
    /// Kruskal-Wallis of the change scores with post hoc tests, the ANCOVA with adjusted
    /// means). With any group, the groups at the pre-test are compared too.
    #[arg(long, value_name = "COLUMN", help_heading = "Groups")]
    pub group: Option<String>,

    /// The label of the treatment group in --group; the other label is the comparison group.
    /// Between-group differences are treatment minus comparison. (Three or more labels: the
    /// reference group, compared first.)
    #[arg(
        long,
        value_name = "LABEL",
        requires = "group",
        help_heading = "Groups"
    )]
    pub treatment: Option<String>,

    /// A published reliability of a scale for the reliable change index, as SCALE=VALUE
    /// (repeatable). Default: the scale's pre-test Cronbach's alpha (item-level input).
    #[arg(long = "reliability", value_name = "SCALE=VALUE", value_parser = parse_reliability, help_heading = "Reliable change")]
    pub reliability: Vec<(String, f64)>,

    /// A clinical cut-off of a scale, as SCALE=VALUE (repeatable).
    #[arg(long = "cutoff", value_name = "SCALE=VALUE", value_parser = parse_scale_value, help_heading = "Reliable change")]
    pub cutoff: Vec<(String, f64)>,

    /// How the reliable change index is computed (as the R package clinicalsignificance):
    /// jt Jacobson-Truax, gln Gulliksen-Lord-Novick, hll Hsu-Linn-Lord, en Edwards-Nunnally,
    /// ha Hageman-Arrindell (one-sided critical value).
    #[arg(long, value_enum, default_value_t = RciMethodArg::Jt, help_heading = "Reliable change")]
    pub rci_method: RciMethodArg,

    /// Norms (functional population) of a scale, as SCALE=MEAN,SD (repeatable); with
    /// --criterion they give the Jacobson-Truax cut-off.
    #[arg(long = "norm", value_name = "SCALE=MEAN,SD", value_parser = parse_norm, help_heading = "Reliable change")]
    pub norm: Vec<(String, f64, f64)>,

    /// Jacobson-Truax cut-off criterion: a (2 SD beyond the sample's pre-test mean; needs no
    /// norms, applies to every scale), b (2 SD within the norm mean), c (between the two
    /// distributions) [default: c for scales with --norm].
    #[arg(long, value_enum, help_heading = "Reliable change")]
    pub criterion: Option<CriterionArg>,

    /// A scale on which lower scores are better (e.g. anxiety); repeatable. Item-level input
    /// takes this from the spec (higher_is_better = false).
    #[arg(
        long = "lower-is-better",
        value_name = "SCALE",
        help_heading = "Reliable change"
    )]
    pub lower_is_better: Vec<String>,

    /// The significance level of the sensitivity analysis, of the equivalence test and of the
    /// items' summary (--items) (not Cronbach's alpha).
    #[arg(long, value_name = "ALPHA", default_value_t = 0.05, value_parser = parse_alpha, help_heading = "What a small study can say")]
    pub alpha: f64,

    /// The power of the sensitivity analysis: it reports the smallest effect the test detects
    /// with this probability.
    #[arg(long, value_name = "POWER", default_value_t = 0.8, value_parser = parse_probability, help_heading = "What a small study can say")]
    pub power: f64,

    /// The scale r of the Cauchy prior on the standardized effect in the Bayes factors: a
    /// number, or medium (sqrt(2)/2), wide (1), ultrawide (sqrt(2)) as in BayesFactor.
    #[arg(long, value_name = "R", default_value = "medium", value_parser = parse_prior_scale, help_heading = "What a small study can say")]
    pub prior_scale: f64,

    /// Equivalence bounds of a scale's mean change in its own units, as SCALE=LOW,HIGH
    /// (repeatable; e.g. --equivalence total=-2,2): two one-sided t-tests (TOST) at --alpha.
    #[arg(long = "equivalence", value_name = "SCALE=LOW,HIGH", value_parser = parse_equivalence, help_heading = "What a small study can say")]
    pub equivalence: Vec<(String, f64, f64)>,

    /// Equivalence bounds of plus and minus D standard deviations of the differences (d_z), for
    /// every scale without --equivalence.
    #[arg(long, value_name = "D", value_parser = parse_positive, help_heading = "What a small study can say")]
    pub equivalence_dz: Option<f64>,

    /// Leave the per-participant tables and plots out of the readable reports (they are left
    /// out by themselves above 200 participants; change.csv always has every row).
    #[arg(long, help_heading = "Output")]
    pub no_participants: bool,

    #[command(flatten)]
    pub out: OutputArgs,
}

/// Where and how the report of `compare` and `case` is written.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: from the -o extension (results.docx, .html, .md, .tex, .json,
    /// .csv, .tsv), else terminal].
    #[arg(long, value_enum, help_heading = "Output")]
    pub format: Option<Format>,

    /// Write the output to FILE instead of standard output (atomically).
    #[arg(short = 'o', long, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,

    /// Also write every table as CSV, the JSON, the Markdown, HTML, LaTeX and Word reports and every
    /// figure (SVG) into DIR (created if needed).
    #[arg(long, value_name = "DIR", help_heading = "Output")]
    pub out_dir: Option<PathBuf>,

    /// Decimals shown in the terminal, Markdown, HTML and LaTeX formats (CSV and JSON keep full
    /// precision; p-values always get three).
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=10), help_heading = "Output")]
    pub digits: u8,

    /// Language of the readable reports (sentences, headings, table headers).
    #[arg(long, value_enum, default_value_t = Lang::En, help_heading = "Output")]
    pub lang: Lang,

    /// Only these parts of the readable reports (terminal, Markdown, HTML, LaTeX, Word), in the
    /// report's order, e.g. brief,descriptives,paired,groups; `--sections help` lists them.
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        help_heading = "Output"
    )]
    pub sections: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CriterionArg {
    A,
    B,
    C,
}

impl From<CriterionArg> for Criterion {
    fn from(a: CriterionArg) -> Self {
        match a {
            CriterionArg::A => Criterion::A,
            CriterionArg::B => Criterion::B,
            CriterionArg::C => Criterion::C,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlternativeArg {
    TwoSided,
    Greater,
    Less,
}

impl From<AlternativeArg> for Alternative {
    fn from(a: AlternativeArg) -> Self {
        match a {
            AlternativeArg::TwoSided => Alternative::TwoSided,
            AlternativeArg::Greater => Alternative::Greater,
            AlternativeArg::Less => Alternative::Less,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WilcoxonMethodArg {
    Auto,
    Exact,
    Normal,
}

impl From<WilcoxonMethodArg> for PValueMethod {
    fn from(a: WilcoxonMethodArg) -> Self {
        match a {
            WilcoxonMethodArg::Auto => PValueMethod::Auto,
            WilcoxonMethodArg::Exact => PValueMethod::Exact,
            WilcoxonMethodArg::Normal => PValueMethod::Normal,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ZeroMethodArg {
    Wilcox,
    Pratt,
    Zsplit,
}

impl From<ZeroMethodArg> for ZeroMethod {
    fn from(a: ZeroMethodArg) -> Self {
        match a {
            ZeroMethodArg::Wilcox => ZeroMethod::Wilcox,
            ZeroMethodArg::Pratt => ZeroMethod::Pratt,
            ZeroMethodArg::Zsplit => ZeroMethod::Zsplit,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PAdjustArg {
    Holm,
    Bonferroni,
    Hochberg,
    /// Benjamini-Hochberg false discovery rate.
    #[value(name = "BH", alias = "bh", alias = "fdr")]
    Bh,
    None,
}

impl From<PAdjustArg> for PAdjust {
    fn from(a: PAdjustArg) -> Self {
        match a {
            PAdjustArg::Holm => PAdjust::Holm,
            PAdjustArg::Bonferroni => PAdjust::Bonferroni,
            PAdjustArg::Hochberg => PAdjust::Hochberg,
            PAdjustArg::Bh => PAdjust::BenjaminiHochberg,
            PAdjustArg::None => PAdjust::None,
        }
    }
}

fn parse_conf_level(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .parse()
        .map_err(|_| format!("expected a number between 0 and 1, found \"{s}\""))?;
    if crate::stats::valid_conf_level(v) {
        Ok(v)
    } else {
        Err(format!(
            "expected a number between 0 and 1 (e.g. 0.95), found {v}"
        ))
    }
}

fn parse_scale_value(s: &str) -> Result<(String, f64), String> {
    let (name, value) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("expected SCALE=VALUE, found \"{s}\""))?;
    let v: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("expected a number after \"=\", found \"{value}\""))?;
    if name.trim().is_empty() || !v.is_finite() {
        return Err(format!("expected SCALE=VALUE, found \"{s}\""));
    }
    Ok((name.trim().to_string(), v))
}

/// A column name as given, without the blanks around it ("total, anxiety"), in Unicode normal
/// form C as the header's names are.
fn parse_column_name(s: &str) -> Result<String, String> {
    match s.trim() {
        "" => Err("expected a column name, found an empty one".to_string()),
        name => Ok(crate::io::cell::nfc(name).into_owned()),
    }
}

/// A `--wave LABEL=FILE`.
fn parse_wave(s: &str) -> Result<(String, PathBuf), String> {
    match s.split_once('=') {
        Some((label, file)) if !label.trim().is_empty() && !file.is_empty() => {
            Ok((label.trim().to_string(), PathBuf::from(file)))
        }
        _ => Err(format!(
            "expected LABEL=FILE (e.g. post=t2.csv), found \"{s}\""
        )),
    }
}

fn parse_reliability(s: &str) -> Result<(String, f64), String> {
    let (name, r) = parse_scale_value(s)?;
    if (0.0..1.0).contains(&r) {
        Ok((name, r))
    } else {
        Err(format!(
            "a reliability is at least 0 and below 1 (e.g. {name}=0.85), found {r}"
        ))
    }
}

/// An encoding label the WHATWG decoders know (checked here, so a typo is a usage error).
fn parse_encoding(s: &str) -> Result<String, String> {
    match encoding_rs::Encoding::for_label(s.trim().as_bytes()) {
        Some(_) => Ok(s.trim().to_string()),
        None => Err(format!(
            "unknown encoding \"{s}\"; use a label such as utf-8, gbk, gb18030, big5, shift_jis, \
             utf-16le or windows-1252"
        )),
    }
}

fn parse_norm(s: &str) -> Result<(String, f64, f64), String> {
    let (name, m, sd) = parse_scale_two(s, "SCALE=MEAN,SD", ["the mean", "the SD"])?;
    if sd <= 0.0 {
        return Err(format!("the SD must be above 0, found \"{s}\""));
    }
    Ok((name, m, sd))
}

/// `--equivalence SCALE=LOW,HIGH`.
fn parse_equivalence(s: &str) -> Result<(String, f64, f64), String> {
    let (name, low, high) =
        parse_scale_two(s, "SCALE=LOW,HIGH", ["the lower bound", "the upper bound"])?;
    if low >= high {
        return Err(format!(
            "the lower bound must be below the upper, found \"{s}\""
        ));
    }
    Ok((name, low, high))
}

/// SCALE=A,B with two finite numbers; `form` and `names` say what they are in messages.
fn parse_scale_two(s: &str, form: &str, names: [&str; 2]) -> Result<(String, f64, f64), String> {
    let expected = || format!("expected {form}, found \"{s}\"");
    let (name, rest) = s.rsplit_once('=').ok_or_else(expected)?;
    let (a, b) = rest.split_once(',').ok_or_else(expected)?;
    if name.trim().is_empty() {
        return Err(expected());
    }
    let number = |v: &str, what: &str| -> Result<f64, String> {
        match v.trim().parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            _ => Err(format!(
                "expected a finite number for {what}, found \"{v}\""
            )),
        }
    };
    Ok((
        name.trim().to_string(),
        number(a, names[0])?,
        number(b, names[1])?,
    ))
}

/// A significance level in (0, 0.5).
fn parse_alpha(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v > 0.0 && v < 0.5 => Ok(v),
        _ => Err(format!(
            "expected a significance level between 0 and 0.5, found \"{s}\""
        )),
    }
}

/// A probability in (0, 1).
fn parse_probability(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v > 0.0 && v < 1.0 => Ok(v),
        _ => Err(format!("expected a number between 0 and 1, found \"{s}\"")),
    }
}

/// A finite number above 0.
fn parse_positive(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() => Ok(v),
        _ => Err(format!("expected a number above 0, found \"{s}\"")),
    }
}

/// A prior scale: a number above 0, or BayesFactor's names medium, wide, ultrawide.
fn parse_prior_scale(s: &str) -> Result<f64, String> {
    match s.trim() {
        "medium" => Ok(std::f64::consts::FRAC_1_SQRT_2),
        "wide" => Ok(1.0),
        "ultrawide" => Ok(std::f64::consts::SQRT_2),
        other => parse_positive(other).map_err(|_| {
            format!("expected a number above 0 or medium, wide, ultrawide; found \"{s}\"")
        }),
    }
}

/// How the input files are read: delimiter, encoding, spreadsheet sheet.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Input")]
pub struct InputArgs {
    /// Field delimiter [default: tab for .tsv/.tab files, comma otherwise].
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,

    /// Text encoding of CSV/TSV input (gbk, gb18030, big5, shift_jis, utf-16le,
    /// windows-1252...) [default: UTF-8; a file that is not UTF-8 but is valid GB18030/GBK is
    /// read as that, with a note]; for an SPSS .sav, instead of the encoding the file gives.
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<String>,

    /// The sheet of a spreadsheet input (.xlsx, .xlsm, .xlsb, .xls, .ods): its name or its
    /// number, from 1 [default: the first].
    #[arg(long, value_name = "NAME|N")]
    pub sheet: Option<String>,
}

impl InputArgs {
    pub fn options(&self, quiet: bool) -> crate::io::source::InputOptions {
        crate::io::source::InputOptions {
            encoding: self.encoding.clone(),
            sheet: self.sheet.clone(),
            delimiter: self.delimiter,
            quiet,
        }
    }
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "\\t" | "tab" => Ok(b'\t'),
        "\"" | "\n" | "\r" => Err(format!(
            "a quote or a line break cannot be the delimiter, found {s:?}"
        )),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!(
            "expected one ASCII character (or \\t), found \"{s}\""
        )),
    }
}

/// The subcommand whose sections `--sections help` asks for, if the command line asks (seen
/// before the command line is parsed, so that the other arguments need not be complete).
pub fn sections_help(args: &[std::ffi::OsString]) -> Option<String> {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let asked = args
        .windows(2)
        .any(|w| w[0] == "--sections" && w[1] == "help")
        || args.contains(&"--sections=help");
    if !asked {
        return None;
    }
    args.iter()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(|s| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn layouts_are_exclusive() {
        let parse = |args: &[&str]| {
            Cli::try_parse_from(std::iter::once("prepost").chain(args.iter().copied()))
        };
        assert!(parse(&["compare", "--pre", "a", "--post", "b"]).is_ok());
        assert!(parse(&["compare", "--pre", "a"]).is_err());
        assert!(parse(&["compare", "--data", "a"]).is_err());
        assert!(parse(&["compare", "--data", "a", "--pair", "x:y"]).is_ok());
        assert!(parse(&["compare", "--data", "a", "--pair", "x:y", "--time", "t"]).is_err());
        // options of the one-file layouts are refused with two files, not ignored
        for extra in [
            &["--time", "t"][..],
            &["--pair", "x:y"],
            &["--pre-label", "T1"],
        ] {
            let mut args = vec!["compare", "--pre", "a", "--post", "b"];
            args.extend(extra);
            assert!(parse(&args).is_err(), "{extra:?}");
        }
        assert!(parse(&["compare", "--data", "a", "--pair", "ab"]).is_err());
        assert!(
            parse(&["compare", "--pre", "a", "--post", "b", "--data", "c", "--time", "t"]).is_err()
        );
        assert!(parse(&["compare", "--pre", "a", "--post", "b", "--conf-level", "95"]).is_err());
        assert!(parse(&["compare", "--pre", "a", "--post", "b", "--p-adjust", "fdr"]).is_ok());
        assert!(parse(&["compare", "--pre", "a", "--post", "b", "--na", "-99"]).is_ok());
        assert!(parse(&[
            "compare",
            "--pre",
            "a",
            "--post",
            "b",
            "--reliability",
            "total=0.8",
            "--norm",
            "total=30,5"
        ])
        .is_ok());
        assert!(parse(&[
            "compare",
            "--pre",
            "a",
            "--post",
            "b",
            "--reliability",
            "total"
        ])
        .is_err());
        assert!(parse(&[
            "compare",
            "--pre",
            "a",
            "--post",
            "b",
            "--norm",
            "total=30,-1"
        ])
        .is_err());
        // (two labels need --treatment: the data say how many there are)
        assert!(parse(&["compare", "--pre", "a", "--post", "b", "--group", "g"]).is_ok());
        // k waves
        assert!(parse(&["compare", "--wave", "pre=a", "--wave", "post=b"]).is_ok());
        assert!(parse(&["compare", "--wave", "a"]).is_err());
        assert!(parse(&["compare", "--wave", "pre=a", "--pre", "b", "--post", "c"]).is_err());
        assert!(parse(&["compare", "--data", "a", "--series", "s=x,y,z"]).is_ok());
        assert!(parse(&["compare", "--data", "a", "--series", "s=x"]).is_err());
        assert!(parse(&["compare", "--data", "a", "--time", "t", "--waves", "T1,T2,T3"]).is_ok());
        assert!(parse(&["compare", "--data", "a", "--time", "t", "--scale", "s.toml"]).is_ok());
    }
}
