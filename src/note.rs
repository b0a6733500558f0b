//! What the analyses say beside their numbers: remarks on the study and the reasons a statistic
//! was not computed. Every note is made as a value of [`Note`] where it arises, with its
//! arguments (a typed message, as Fluent's are); the JSON carries it as its English text
//! ([`std::fmt::Display`]), and the readable reports word it in their language from the same
//! value (`report::doc::words`), never by reading the English back. On the ground floor with
//! `error`: every layer that reads or analyses data may make one.

use crate::stats::{NotComputable, Remark};
use serde::{Serialize, Serializer};
use std::fmt;

/// A confidence level in percent, as every note and report writes it: 0.95 → "95", 0.975 →
/// "97.5".
pub fn fmt_level(level: f64) -> String {
    let pct = level * 100.0;
    let s = format!("{pct:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// "s" for a count other than one.
fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Labels in double quotes, separated by commas: `"a", "b"`.
pub fn quoted(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| format!("\"{l}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Counts by item, as the notes list them: `q1: 2, q4: 1`.
pub fn counts_by_item(by_item: &[(String, u64)]) -> String {
    by_item
        .iter()
        .map(|(i, c)| format!("{i}: {c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The answers skipped or not shown in a Wenjuanxing download, as the notes and `score`'s
/// summary say it.
pub fn skipped_answers(total: u64, by_item: &[(String, u64)]) -> String {
    format!(
        "{total} answer{} skipped or not shown in the Wenjuanxing download (-2, -3, (跳过) or empty) read as missing ({})",
        plural(total),
        counts_by_item(by_item)
    )
}

/// A note.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// A statistic could not be computed.
    Stat(NotComputable),
    /// A statistic's remark on how it was computed.
    Remark(Remark),

    // scoring (scale::kernel)
    /// A score missing by the missing-item rule.
    ScoreMissing {
        wave: String,
        score: String,
        n: u64,
        needed: usize,
        items: usize,
    },
    /// A score made from fewer items than it has (prorated sum, or the mean of the answered).
    ScoreProrated {
        wave: String,
        score: String,
        n: u64,
        items: usize,
        mean: bool,
    },
    /// A score with missing answers replaced by the items' means (`impute = "item-mean"`).
    ScoreImputed {
        wave: String,
        score: String,
        n: u64,
        items: usize,
    },
    /// Invalid answers treated as missing, per item.
    InvalidAnswers {
        wave: String,
        total: u64,
        by_item: Vec<(String, u64)>,
    },
    /// Answers skipped or not shown in a Wenjuanxing download, read as missing.
    SkippedAnswers {
        wave: String,
        total: u64,
        by_item: Vec<(String, u64)>,
    },

    // the study (study::load, study::case, analysis::compare)
    /// A column of numbers in some files only.
    /// An SPSS file's user-missing values of a variable, read as missing.
    UserMissing {
        file: String,
        column: String,
        n: u64,
        /// The values as SPSS writes them ("9", "98 thru HI").
        codes: String,
    },
    ColumnOnlyIn {
        column: String,
        files: String,
    },
    /// A column of numbers in some files and of text in the others (of `files` files).
    ColumnMixed {
        column: String,
        files: usize,
    },
    /// A column of numbers in some files without a value in the others (`files`).
    ColumnEmptyIn {
        column: String,
        files: String,
    },
    /// A column without a value in any file.
    ColumnEmpty {
        column: String,
    },
    /// Rows of a long file whose time label is not a wave analysed.
    RowsLeftOut {
        labels: Vec<String>,
        file: String,
    },
    /// A single-case file without its case column.
    NoCaseColumn {
        column: String,
        case: String,
    },
    /// Waves analysed across the waves only.
    WavesNotCompared {
        waves: Vec<String>,
    },
    /// The two waves compared, chosen by prepost.
    WavesChosen {
        pre: String,
        post: String,
    },
    /// The two waves compared are one file.
    SameFile {
        pre: String,
        post: String,
        file: String,
    },
    /// The readable reports leave out every participant's tables.
    ParticipantsLeftOut {
        n: usize,
        limit: usize,
    },
    /// Sessions of a case without a value of a score.
    CaseSessionsLeftOut {
        case: String,
        n: usize,
        score: String,
    },
    /// A phase of a case without a value of a score.
    PhaseWithoutScore {
        phase: String,
        score: String,
    },
    /// An inverse-variance average over cases that could not be formed.
    CaseAverageWithheld {
        score: String,
        contrast: String,
        measure: String,
        why: NotComputable,
    },
    /// A case with one phase.
    OnePhase,

    // the analyses
    /// The exact pseudomedian interval cannot reach the level asked for.
    PseudomedianCoverage {
        level: f64,
        n: usize,
        achieved: f64,
    },
    /// d_av's interval with every difference the same.
    ConstantDifferencesNoInterval,
    /// The rank-biserial interval with one difference ranked.
    OneRankedNoInterval,
    /// One participant and a reliable change index of the sample's means.
    OneParticipantRciMethod {
        method: String,
    },
    /// No reliability for the reliable change index.
    NoReliability,
    /// One participant and no norms for the reliable change index.
    OneParticipantNeedsNorms,
    /// A Jacobson-Truax criterion that needs the sample's SD, with one participant.
    CriterionNeedsSample {
        criterion: char,
    },
    /// No participant measured at every wave.
    NoCompleteCaseAcrossWaves,
    /// The Iman-Davenport F at W = 1.
    ImanDavenportInfinite,
    /// The ANCOVA's sensitivity with pre- and post-test perfectly correlated.
    PerfectlyCorrelatedWithinGroups,
    /// The exact rank test's least n raised the number required.
    ExactRankRaisesN {
        alpha: f64,
        least: u64,
        paired: bool,
    },
    /// The rank tests' power by their asymptotic relative efficiency.
    AsymptoticEfficiency,

    // scale validation (analysis::factor, the reliability's omega)
    /// Items whose uniqueness reached its lower bound (a Heywood case).
    HeywoodCase {
        items: Vec<String>,
    },
}

impl From<NotComputable> for Note {
    fn from(why: NotComputable) -> Note {
        Note::Stat(why)
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Stat(why) => write!(f, "{why}"),
            Note::Remark(r) => write!(f, "{r}"),
            Note::ScoreMissing {
                wave,
                score,
                n,
                needed,
                items,
            } => write!(
                f,
                "{wave}: {score} missing for {n} respondent{} (fewer than {needed} of {items} items answered)",
                plural(*n)
            ),
            Note::ScoreProrated {
                wave,
                score,
                n,
                items,
                mean,
            } => {
                write!(
                    f,
                    "{wave}: {score} for {n} respondent{} scored from fewer than {items} items (",
                    plural(*n)
                )?;
                if *mean {
                    f.write_str("the mean of the answered items)")
                } else {
                    write!(f, "prorated as mean x {items} items)")
                }
            }
            Note::ScoreImputed {
                wave,
                score,
                n,
                items,
            } => write!(
                f,
                "{wave}: {score} for {n} respondent{} scored over all {items} items with each missing answer replaced by the item's mean",
                plural(*n)
            ),
            Note::InvalidAnswers {
                wave,
                total,
                by_item,
            } => write!(
                f,
                "{wave}: {total} invalid answer{} treated as missing ({})",
                plural(*total),
                counts_by_item(by_item)
            ),
            Note::SkippedAnswers {
                wave,
                total,
                by_item,
            } => write!(f, "{wave}: {}", skipped_answers(*total, by_item)),
            Note::UserMissing {
                file,
                column,
                n,
                codes,
            } => write!(
                f,
                "{file}, column \"{column}\": {n} user-missing value{} ({codes}) read as missing",
                plural(*n)
            ),
            Note::ColumnOnlyIn { column, files } => {
                write!(f, "column \"{column}\" is only in {files}; not compared")
            }
            Note::ColumnMixed { column, files } => write!(
                f,
                "column \"{column}\" holds numbers in {} and only text or missing values in the other{}; not compared",
                if *files == 2 { "one file" } else { "some files" },
                if *files == 2 { "" } else { "s" }
            ),
            Note::ColumnEmptyIn { column, files } => write!(
                f,
                "column \"{column}\" has no value in {files}; not compared"
            ),
            Note::ColumnEmpty { column } => write!(
                f,
                "column \"{column}\" has no value in any file; not compared"
            ),
            Note::RowsLeftOut { labels, file } => write!(
                f,
                "rows with time label{} {} in {file} were left out",
                plural(labels.len() as u64),
                quoted(labels)
            ),
            Note::NoCaseColumn { column, case } => write!(
                f,
                "no case column \"{column}\": every row is one case, named \"{case}\""
            ),
            Note::WavesNotCompared { waves } => write!(
                f,
                "wave{} {} {} not in the pre/post comparison, only in the analyses across the waves",
                plural(waves.len() as u64),
                quoted(waves),
                if waves.len() == 1 { "is" } else { "are" }
            ),
            Note::WavesChosen { pre, post } => write!(
                f,
                "compared wave \"{pre}\" with wave \"{post}\" (choose with --pre-label and --post-label)"
            ),
            Note::SameFile { pre, post, file } => {
                let wave = |label: &str, own: &str, name: &str| {
                    if label == own {
                        name.to_string()
                    } else {
                        format!("wave \"{label}\"")
                    }
                };
                write!(
                    f,
                    "the {} and the {} are the same file ({file}): every difference is 0",
                    wave(pre, "pre", "pre-test"),
                    wave(post, "post", "post-test")
                )
            }
            Note::ParticipantsLeftOut { n, limit } => write!(
                f,
                "{n} participants: the readable reports leave out the tables and plots of every participant (more than {limit}); change.csv (--out-dir) has every one"
            ),
            Note::CaseSessionsLeftOut { case, n, score } => write!(
                f,
                "case {case}: {n} session{} without a value of {score} left out",
                plural(*n as u64)
            ),
            Note::PhaseWithoutScore { phase, score } => {
                write!(f, "phase {phase} has no value of {score}")
            }
            Note::CaseAverageWithheld {
                score,
                contrast,
                measure,
                why,
            } => write!(
                f,
                "{score}, {contrast}: no inverse-variance average of {measure}: {why}"
            ),
            Note::OnePhase => f.write_str("one phase only: nothing to contrast"),
            Note::PseudomedianCoverage { level, n, achieved } => write!(
                f,
                "a {}% interval of the pseudomedian is not achievable with {n} difference{}; the interval shown has {}% coverage",
                fmt_level(*level),
                plural(*n as u64),
                fmt_level(*achieved)
            ),
            Note::ConstantDifferencesNoInterval => f.write_str(
                "every difference is the same, so the SE of the normal approximation is 0: no interval",
            ),
            Note::OneRankedNoInterval => {
                f.write_str("one difference is ranked, so r is ±1 whatever it is: no interval")
            }
            Note::OneParticipantRciMethod { method } => write!(
                f,
                "with one participant only --rci-method jt applies ({method} reads the sample's means)"
            ),
            Note::NoReliability => f.write_str(
                "no reliability for this scale: give --reliability SCALE=VALUE, or item-level data (--scale)",
            ),
            Note::OneParticipantNeedsNorms => f.write_str(
                "fewer than 2 pairs: give the norms (--norm SCALE=MEAN,SD) to judge one participant against the norm group's SD",
            ),
            Note::CriterionNeedsSample { criterion } => write!(
                f,
                "criterion {criterion} needs the pre-test SD of two participants or more; with one, use --criterion b (the norms only)"
            ),
            Note::NoCompleteCaseAcrossWaves => {
                f.write_str("no participant has a score of this scale at every wave")
            }
            Note::ImanDavenportInfinite => f.write_str(
                "every participant ranks the waves alike (W = 1): the F is infinite and has no p (read the Friedman test's)",
            ),
            Note::PerfectlyCorrelatedWithinGroups => {
                f.write_str("the pre- and post-test are perfectly correlated within the groups")
            }
            Note::ExactRankRaisesN {
                alpha,
                least,
                paired,
            } => write!(
                f,
                "the exact rank test cannot reach alpha = {alpha} with fewer than {least} {}: the number required is raised to it",
                if *paired { "pairs" } else { "per group" }
            ),
            Note::AsymptoticEfficiency => f.write_str(
                "the asymptotic relative efficiency holds for large samples; below about 20 per group the exact test's power can be lower than shown",
            ),
            Note::HeywoodCase { items } => write!(
                f,
                "a Heywood case: the uniqueness of {} reached its lower bound (0.005, as psych and factanal bound it), a communality of about 1; the solution may have too many factors or too few respondents",
                items.join(", ")
            ),
        }
    }
}

/// A note is written in JSON as its English text (the interface of docs/json.md).
impl Serialize for Note {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Subject;

    #[test]
    fn notes_read_as_the_json_has_them() {
        assert_eq!(
            Note::ScoreMissing {
                wave: "post".into(),
                score: "emotion".into(),
                n: 1,
                needed: 4,
                items: 5
            }
            .to_string(),
            "post: emotion missing for 1 respondent (fewer than 4 of 5 items answered)"
        );
        assert_eq!(
            Note::WavesNotCompared {
                waves: vec!["follow".into()]
            }
            .to_string(),
            "wave \"follow\" is not in the pre/post comparison, only in the analyses across the waves"
        );
        assert_eq!(
            Note::SameFile {
                pre: "pre".into(),
                post: "T2".into(),
                file: "a.csv".into()
            }
            .to_string(),
            "the pre-test and the wave \"T2\" are the same file (a.csv): every difference is 0"
        );
        assert_eq!(
            Note::from(NotComputable::ZeroVariance {
                what: Subject::Sample
            })
            .to_string(),
            "the sample has zero variance"
        );
        assert_eq!(
            serde_json::to_string(&Note::OnePhase).unwrap(),
            "\"one phase only: nothing to contrast\""
        );
    }
}
