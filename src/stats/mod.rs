//! Pure statistics over slices of `f64`: no I/O, no polars, no printing.
//!
//! Conventions (see `docs/statistics.md`):
//! - the paired difference is `d = post - pre`, so positive means "went up";
//! - definitions follow R (`t.test`, `wilcox.test`, `shapiro.test`, `p.adjust`, the
//!   `effectsize` package) unless a function's documentation says otherwise;
//! - a value that cannot be computed is a [`NotComputable`] reason, never NaN.

pub mod ancova;
pub mod bayes;
pub mod describe;
pub mod distributions;
pub mod effect_size;
pub mod equivalence;
pub mod friedman;
pub mod hodges_lehmann;
pub mod linalg;
pub mod marginal;
pub mod p_adjust;
pub mod paired_t;
pub mod power;
pub mod proportions;
pub mod rci;
pub mod reliability;
pub mod rm_anova;
pub mod shapiro_wilk;
pub mod single_case;
pub mod summation;
pub mod tally;
pub mod two_group;
pub mod wilcoxon;

#[cfg(test)]
pub(crate) mod testutil;

use serde::{Deserialize, Serialize};
use std::fmt;

/// The alternative hypothesis about the location of `d = post - pre`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Alternative {
    /// H1: the location of d is not 0.
    #[default]
    TwoSided,
    /// H1: the location of d is above 0 (post > pre).
    Greater,
    /// H1: the location of d is below 0 (post < pre).
    Less,
}

impl Alternative {
    /// The name R uses (`"two.sided"`, `"greater"`, `"less"`) without the dot: `two-sided`.
    pub fn as_str(self) -> &'static str {
        match self {
            Alternative::TwoSided => "two-sided",
            Alternative::Greater => "greater",
            Alternative::Less => "less",
        }
    }

    /// The alternative after swapping pre and post (d -> -d).
    pub fn flipped(self) -> Alternative {
        match self {
            Alternative::TwoSided => Alternative::TwoSided,
            Alternative::Greater => Alternative::Less,
            Alternative::Less => Alternative::Greater,
        }
    }
}

impl fmt::Display for Alternative {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a statistic has no value. Reports print the `Display` text next to the empty cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum NotComputable {
    /// Fewer observations than the statistic needs.
    TooFewObservations { n: usize, needed: usize },
    /// All differences are (essentially) equal, so their SD is 0. R: "data are essentially constant".
    ConstantDifferences,
    /// Every difference is exactly 0.
    AllDifferencesZero,
    /// A sample has no spread (SD = 0), so a ratio with it as the denominator is undefined.
    ZeroVariance { what: &'static str },
    /// More observations than the method accepts (Shapiro–Wilk: 5000).
    TooManyObservations { n: usize, limit: usize },
    /// A value is NaN or infinite.
    NonFinite,
    /// A computation that depends on another one that could not be done.
    Depends { on: &'static str },
    /// The statistic does not apply to these data (the text says why).
    NotApplicable { why: &'static str },
}

impl fmt::Display for NotComputable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotComputable::TooFewObservations { n, needed } => {
                write!(f, "needs at least {needed} observations, has {n}")
            }
            NotComputable::ConstantDifferences => {
                f.write_str("the differences are essentially constant (their SD is 0)")
            }
            NotComputable::AllDifferencesZero => f.write_str("all differences are zero"),
            NotComputable::ZeroVariance { what } => write!(f, "{what} has zero variance"),
            NotComputable::TooManyObservations { n, limit } => {
                write!(f, "accepts at most {limit} observations, has {n}")
            }
            NotComputable::NonFinite => f.write_str("the data contain NaN or infinite values"),
            NotComputable::Depends { on } => write!(f, "{on} could not be computed"),
            NotComputable::NotApplicable { why } => f.write_str(why),
        }
    }
}

impl std::error::Error for NotComputable {}

/// The result of a statistic that may not be computable.
pub type Outcome<T> = Result<T, NotComputable>;

/// Fails with [`NotComputable::NonFinite`] if any value is NaN or infinite.
pub fn check_finite(x: &[f64]) -> Outcome<()> {
    if x.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(NotComputable::NonFinite)
    }
}

/// `post - pre`, element by element. Panics if the lengths differ (a programming error).
pub fn differences(pre: &[f64], post: &[f64]) -> Vec<f64> {
    assert_eq!(pre.len(), post.len(), "pre and post must be paired");
    pre.iter().zip(post).map(|(a, b)| b - a).collect()
}

/// Checks that a confidence level is in (0, 1).
pub fn valid_conf_level(level: f64) -> bool {
    level > 0.0 && level < 1.0
}
