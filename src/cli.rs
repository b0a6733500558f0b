//! The command-line interface (clap derive). Only definitions and value parsing live here;
//! `commands/` turns the parsed arguments into work.

use crate::report::Format;
use crate::stats::p_adjust::PAdjust;
use crate::stats::wilcoxon::{PValueMethod, ZeroMethod};
use crate::stats::Alternative;
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
    Compare(CompareArgs),
}

const COMPARE_HELP: &str = concat!(
    "Examples:
  prepost compare --pre data/example/pre.csv --post data/example/post.csv
  prepost compare --pre pre.csv --post post.csv --id code --scores total,anxiety --format json
  prepost compare --data wide.csv --pair total_pre:total_post --pair anx=a1:a2
  prepost compare --data long.csv --time wave --pre-label T1 --post-label T2 --out-dir results/

The difference is always post - pre, so a positive difference means scores went up.
Statistics follow R (t.test, wilcox.test, shapiro.test, p.adjust, the effectsize package);
docs/statistics.md says where and why they differ.

",
    exit_codes!()
);

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("input").required(true).args(["pre", "data"])))]
#[command(group(ArgGroup::new("layout").args(["pairs", "time"]).requires("data")))]
pub struct CompareArgs {
    /// Pre-test scores (CSV or TSV), one row per participant.
    #[arg(long, value_name = "FILE", requires = "post", help_heading = "Input")]
    pub pre: Option<PathBuf>,

    /// Post-test scores, matched to the pre-test by the id column.
    #[arg(long, value_name = "FILE", requires = "pre", help_heading = "Input")]
    pub post: Option<PathBuf>,

    /// One file holding both time points: with --pair (wide) or --time (long).
    #[arg(long, value_name = "FILE", requires = "layout", conflicts_with_all = ["pre", "post"], help_heading = "Input")]
    pub data: Option<PathBuf>,

    /// Wide layout: a pre and a post column of one scale, as PRE:POST or NAME=PRE:POST.
    /// Repeat for several scales.
    #[arg(long = "pair", value_name = "PRE:POST", help_heading = "Input")]
    pub pairs: Vec<String>,

    /// Long layout: the column that says which time point a row belongs to.
    #[arg(long, value_name = "COLUMN", help_heading = "Input")]
    pub time: Option<String>,

    /// Long layout: the label of pre-test rows in the --time column.
    #[arg(
        long,
        value_name = "LABEL",
        default_value = "pre",
        help_heading = "Input"
    )]
    pub pre_label: String,

    /// Long layout: the label of post-test rows in the --time column.
    #[arg(
        long,
        value_name = "LABEL",
        default_value = "post",
        help_heading = "Input"
    )]
    pub post_label: String,

    /// The participant id column [default: id; optional in the wide layout].
    #[arg(long, value_name = "COLUMN", help_heading = "Input")]
    pub id: Option<String>,

    /// The score columns to compare (comma-separated). Default: every column holding numbers
    /// in both files, except the id.
    #[arg(
        long,
        value_name = "COLUMNS",
        value_delimiter = ',',
        help_heading = "Input"
    )]
    pub scores: Vec<String>,

    /// A cell value meaning "missing", in addition to empty, NA, N/A, NaN and "." (repeatable;
    /// e.g. --na -99).
    #[arg(
        long = "na",
        value_name = "CODE",
        allow_hyphen_values = true,
        help_heading = "Input"
    )]
    pub na: Vec<String>,

    /// Field delimiter [default: tab for .tsv/.tab files, comma otherwise].
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter, help_heading = "Input")]
    pub delimiter: Option<u8>,

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

    /// Adjustment of p-values across the scales.
    #[arg(long, value_enum, default_value_t = PAdjustArg::Holm, help_heading = "Statistics")]
    pub p_adjust: PAdjustArg,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Terminal, help_heading = "Output")]
    pub format: Format,

    /// Write the output to FILE instead of standard output (atomically).
    #[arg(short = 'o', long, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,

    /// Also write every table (results, descriptives, tests, effect sizes, attrition as CSV),
    /// results.json and results.md into DIR (created if needed).
    #[arg(long, value_name = "DIR", help_heading = "Output")]
    pub out_dir: Option<PathBuf>,

    /// Decimals shown in the terminal and Markdown formats (CSV and JSON keep full precision).
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=10), help_heading = "Output")]
    pub digits: u8,
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
    if v > 0.0 && v < 1.0 {
        Ok(v)
    } else {
        Err(format!(
            "expected a number between 0 and 1 (e.g. 0.95), found {v}"
        ))
    }
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "\\t" | "tab" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!(
            "expected one ASCII character (or \\t), found \"{s}\""
        )),
    }
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
        assert!(
            parse(&["compare", "--pre", "a", "--post", "b", "--data", "c", "--time", "t"]).is_err()
        );
        assert!(parse(&["compare", "--pre", "a", "--post", "b", "--conf-level", "95"]).is_err());
        assert!(parse(&["compare", "--pre", "a", "--post", "b", "--p-adjust", "fdr"]).is_ok());
        assert!(parse(&["compare", "--pre", "a", "--post", "b", "--na", "-99"]).is_ok());
    }
}
