//! Pure statistics over slices of `f64`: no I/O, no polars, no printing.
//!
//! Conventions (see `docs/statistics.md`):
//! - the paired difference is `d = post - pre`, so positive means "went up";
//! - definitions follow R (`t.test`, `wilcox.test`, `shapiro.test`, `p.adjust`, the
//!   `effectsize` package) unless a function's documentation says otherwise;
//! - a value that cannot be computed is a [`NotComputable`] reason, never NaN.

pub mod adequacy;
pub mod ancova;
pub mod ancova_groups;
pub mod anova;
pub mod bayes;
pub mod correlation;
pub mod correlation_matrix;
pub mod crosstab;
pub mod describe;
pub mod distributions;
pub mod effect_size;
pub mod equivalence;
pub mod factor;
pub mod friedman;
pub mod hodges_lehmann;
pub mod independent;
pub mod item_analysis;
pub mod kruskal;
pub mod levene;
pub mod linalg;
pub mod marginal;
pub mod noncentral_chisq;
pub mod noncentral_f;
pub mod omega;
pub mod one_sample;
pub mod p_adjust;
pub mod paired_t;
pub mod parallel;
pub mod post_hoc;
pub mod power;
pub mod proportions;
pub mod quadrature;
pub mod rci;
pub mod regression;
pub mod reliability;
pub mod rm_anova;
pub mod rotation;
pub mod shape;
pub mod shapiro_wilk;
pub mod single_case;
pub mod split_half;
pub mod summation;
pub mod tally;
pub mod tukey;
pub mod two_group;
pub mod wilcoxon;

#[cfg(test)]
pub(crate) mod survey_data;
#[cfg(test)]
pub(crate) mod testdata;
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

/// Why a statistic has no value. Reports print the `Display` text next to the empty cell (in
/// English; the readable reports word each reason in their language).
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
    ZeroVariance { what: Subject },
    /// More observations than the method accepts (Shapiro–Wilk: 5000).
    TooManyObservations { n: usize, limit: usize },
    /// A value is NaN or infinite.
    NonFinite,
    /// A computation that depends on another one that could not be done.
    Depends { on: Prerequisite },
    /// The statistic does not apply to these data.
    NotApplicable { why: Inapplicable },
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
            NotComputable::ZeroVariance { what } => {
                let verb = if what.is_plural() { "have" } else { "has" };
                write!(f, "{what} {verb} zero variance")
            }
            NotComputable::TooManyObservations { n, limit } => {
                write!(f, "accepts at most {limit} observations, has {n}")
            }
            NotComputable::NonFinite => f.write_str("the data contain NaN or infinite values"),
            NotComputable::Depends { on } => write!(f, "{on} could not be computed"),
            NotComputable::NotApplicable { why } => write!(f, "{why}"),
        }
    }
}

/// How a statistic was computed when it was not computed as asked: a remark beside a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remark {
    /// The exact signed-rank p was asked for `n` ranked differences, above `limit`.
    ExactRefused { n: usize, limit: usize },
    /// The exact rank-sum p was asked for groups too large for it.
    ExactRefusedGroups { nx: usize, ny: usize },
    /// The ANCOVA's test of parallel slopes fits perfectly.
    InteractionPerfectFit,
    /// The ANCOVA's pre × group interaction is collinear.
    InteractionCollinear,
    /// The planned power is reached already with the smallest sample the t-test allows (one
    /// degree of freedom): the real solution of the sample size lies below it
    /// ([`power::sample_size_with_remark`]).
    PowerReachedAtSmallestSample,
}

impl Serialize for Remark {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Remark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Remark::ExactRefused { n, limit } => write!(
                f,
                "exact p requested, but {n} ranked differences exceed the limit of {limit}; normal approximation used"
            ),
            Remark::ExactRefusedGroups { nx, ny } => write!(
                f,
                "exact p requested, but groups of {nx} and {ny} are too large; normal approximation used"
            ),
            Remark::InteractionPerfectFit => f.write_str(
                "with the pre × group interaction the fit is essentially perfect: no test of parallel slopes",
            ),
            Remark::InteractionCollinear => f.write_str(
                "the pre × group interaction cannot be estimated (it is collinear with the pre-test and the group, e.g. the pre-test is constant within a group)",
            ),
            Remark::PowerReachedAtSmallestSample => f.write_str(
                "the smallest sample the t-test allows (1 degree of freedom) already has the planned power: the exact sample size lies below it",
            ),
        }
    }
}

/// Declares a closed list of phrases: the enum, its English text (`Display`) and its
/// serialisation as that text.
macro_rules! phrases {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:expr,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every phrase of the list.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The phrase in English.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

phrases! {
    /// What has no spread ([`NotComputable::ZeroVariance`]).
    Subject {
        PreAndPost => "pre and post",
        PreTest => "the pre-test",
        EachPhase => "each phase",
        BaselinePhase => "the baseline phase",
        FirstSample => "the first sample",
        SecondSample => "the second sample",
        PooledChangeScores => "the pooled change scores",
        PooledRanks => "the pooled ranks",
        Sample => "the sample",
        ErrorTerm => "the error term",
        ModelTerm => "a model term",
        ModelTermCollinear => "a model term (collinear)",
        ScoresWithinGroups => "the scores within the groups",
        TotalScore => "the total score",
        Group => "a group",
        AbsoluteDeviations => "the absolute deviations within groups",
        PooledWithinGroupVariance => "the pooled within-group variance",
        BothGroupsOfPair => "both groups of the pair",
        Outcome => "the outcome",
        PostTest => "the post-test",
        ConstantItem => "an item (it is constant)",
        ConstantItemPairwise => "an item (it is constant where both items are answered)",
        StandardizedTotal => "the standardized total score",
        HalfScore => "a half's score",
    }
}

impl Subject {
    /// Whether the phrase is plural ("pre and post have zero variance").
    pub fn is_plural(self) -> bool {
        matches!(
            self,
            Subject::PreAndPost
                | Subject::PooledChangeScores
                | Subject::PooledRanks
                | Subject::ScoresWithinGroups
                | Subject::AbsoluteDeviations
                | Subject::BothGroupsOfPair
        )
    }
}

phrases! {
    /// What a statistic needed that could not be had ([`NotComputable::Depends`]).
    Prerequisite {
        Reliability => "a reliability in [0, 1) (the reliable change index)",
        PostSdAndR => "the post-test SD and the pre-post correlation (Hageman-Arrindell)",
        SampleMeans => "the sample's means (one participant: use --rci-method jt)",
        Norms => "norms (--norm SCALE=MEAN,SD)",
        DZ => "d_z",
        DAv => "d_av",
        Wilcoxon => "Wilcoxon signed-rank test",
        PairedT => "the paired t-test",
    }
}

phrases! {
    /// Why a statistic does not apply to these data ([`NotComputable::NotApplicable`]).
    Inapplicable {
        NoAnswerChanged => "no answer changed",
        EquivalenceBounds => "the lower equivalence bound must be below the upper",
        EquivalenceAlpha => "alpha must be between 0 and 0.5",
        CorrelationRange => "the pre-post correlation must be above -1 and below 1",
        AlphaRange => "alpha must be between 0 and 1",
        NoEffectReachesPower => "no effect size reaches this power",
        NoSampleReachesPower => "no sample size reaches this power for this effect",
        NoAlphaGivesPower => "no alpha in (0, 1) gives this power",
        PowerRange => "the power must be above alpha and below 1",
        PriorScale => "the prior scale must be above 0",
        BayesFactorBeyondDouble => "t is so large that BF10 is beyond the range of a double: overwhelming evidence for an effect",
        BayesFactorBelowDouble => "t lies so far on the other side of the one-sided alternative that BF10 is below the range of a double: overwhelming evidence against an effect in that direction",
        LrrNeedsCounts => "the log response ratio needs scores of 0 or more (a count scale)",
        TwoWavesNeeded => "needs at least two waves",
        AllRanksTied => "every participant has the same score at every wave (all ranks tied)",
        GroupWithoutCompleteCase => "a group has no participant measured at every wave",
        SphericityTrivial => "two waves: sphericity holds trivially",
        FewerParticipantsThanWaves => "fewer participants than waves (per group): the error matrix is singular",
        SingularErrorMatrix => "the error matrix is singular (a contrast of the waves has no residual spread)",
        DifferenceUnreliable => "the reliability of the difference (Hageman-Arrindell r_dd) is not above 0",
        PerfectFit => "essentially perfect fit: the scores are an exact linear function of the pre-test and the group, so there is no error to test against (R: \"essentially perfect fit: summary may be unreliable\")",
        PooledPhasesNotASeries => "the pooled phases are not one series of sessions: no baseline trend",
        PairedTNotComputed => "the paired t-test could not be computed",
        TwoPairsDrm => "with two pairs r is always ±1, so d_rm carries no information",
        ExactRankNeverReachesAlpha => "with so few participants the exact rank test can never reach alpha (its smallest p is above it), whatever the effect",
        LrrNeedsNonNegative => "the log response ratio needs scores of 0 or more (0 the absence of the behaviour)",
        ProportionRange => "a proportion must be between 0 and 1",
        PercentageRange => "a percentage must be between 0 and 100",
        LorNeedsProportions => "the log odds ratio needs scores on a proportion or percentage scale",
        RatioMeanAtBound => "a phase mean is 0 (or at the top of the proportion or percentage scale) and nothing truncates it: give the number of intervals (proportion, percentage) or the session length (rate)",
        InverseVarianceNeedsSe => "an inverse-variance average needs the standard error of every case",
        ZeroStandardError => "a case's standard error is 0, so its inverse-variance weight is infinite",
        BeyondDoubleRange => "the value is beyond the range of a double",
        TwoGroupsWithData => "needs at least two groups with data",
        OmegaSqZero => "omega squared is 0 (F ≤ 1), so its interval is not defined",
        ConfLevelRange => "the confidence level must be between 0 and 1",
        NoncentralFIntervalNotFound => "the interval of the noncentrality of the F statistic was not found",
        CrosstabNotRectangular => "a crosstab needs a rectangular table",
        TableTooSmall => "the table needs at least two non-empty rows and two non-empty columns",
        FisherNotRequested => "Fisher's exact test of an r × c table was not requested",
        CramersVTableTooSmall => "Cramér's V needs at least two rows and two columns",
        FisherTableTooSmall => "Fisher's test needs at least two non-empty rows and two non-empty columns",
        FisherTooManyLevels => "Fisher's exact test is computed for tables with at most 12 levels in the smaller dimension",
        FisherTableTooLarge => "the table is too large for Fisher's exact test (use the chi-squared test)",
        FisherBudgetExceeded => "the table is too large for Fisher's exact test within its budget (use the chi-squared test)",
        NoncentralChisqArguments => "the noncentral chi-squared needs df > 0 and a finite ncp >= 0",
        ChisqIntervalArguments => "the interval needs a finite chi-squared and a level between 0 and 1",
        NoncentralityNotBracketed => "the noncentrality interval could not be bracketed",
        PostHocTwoGroups => "post hoc comparisons need at least two groups",
        StudentizedRangeMeans => "the studentized range is computed for 2 to 10000 means",
        ProbabilityRange => "a probability must be between 0 and 1",
        StudentizedRangeNotBracketed => "the quantile of the studentized range could not be bracketed",
        RangesCount => "the number of ranges must be between 1 and 10^6",
        StudentizedRangeDf => "the studentized range needs positive degrees of freedom",
        CorrelationColumnsLength => "the columns of a correlation matrix must have the same length",
        CategoryOutsideLevels => "a category code is outside the list of levels",
        PredictorOneLevel => "a categorical predictor has fewer than two levels with observations after listwise deletion (R: contrasts can be applied only to factors with 2 or more levels)",
        RegressionPerfectFit => "essentially perfect fit: the outcome is an exact linear function of the predictors, so there is no error to test against (R: \"essentially perfect fit: summary may be unreliable\")",
        AliasedCoefficients => "the model has aliased coefficients (car::vif: \"there are aliased coefficients in the model\")",
        TooCollinearForVif => "the predictors are too close to collinear for a VIF",
        AliasedColumn => "aliased: the column is constant or an exact linear combination of the columns before it (R: NA)",
        NoEstimablePredictor => "the model has no estimable predictor",
        BlockNotEstimable => "the block adds no estimable column (all its columns are aliased)",
        GroupOutsideLevels => "a group code is outside the list of levels",
        AncovaTwoGroups => "the ANCOVA needs at least two groups with observations",
        PreTestFunctionOfGroup => "the pre-test is an exact function of the group (constant within each group), so the group effect cannot be separated from it",
        SingularCorrelation => "the correlation matrix is singular or not positive definite (an item is constant, a copy or a linear combination of other items, or pairwise deletion made the matrix indefinite)",
        ItemColumnsDiffer => "the item columns differ in length",
        ExtractionNonFinite => "the factor extraction reached a non-finite value",
        ExtractionNotConverged => "the factor extraction did not converge within 500 Newton iterations",
        PrincipalAxisDiverged => "principal axis factoring diverged (a communality above 2)",
        PrincipalAxisNegativeEigenvalue => "principal axis factoring met a negative eigenvalue among the factors",
        PrincipalAxisSettings => "principal axis needs min_err ≥ 0 and 1 to 1e6 iterations",
        ComponentCount => "the number of components must be between 1 and the number of items",
        NoFactorAsked => "at least one factor is needed",
        TooManyFactors => "too many factors: a factor model needs fewer factors than items",
        TooManyFactorsMl => "too many factors for maximum likelihood: the model has negative degrees of freedom",
        NoFactorToExtract => "no factor to extract (no eigenvalue above the criterion)",
        NoLoadings => "no loadings to rotate",
        KaiserZeroRow => "an item has no loadings (communality 0), so Kaiser normalization is undefined",
        VarimaxUndefined => "the varimax rotation is undefined (a factor has no loadings)",
        VarimaxNotConverged => "the varimax rotation did not converge (10000 iterations, or no step left to take)",
        ObliminNotConverged => "the oblimin rotation did not converge (10000 iterations, or no step left to take)",
        PromaxPower => "the promax power must be at least 1",
        PromaxSingular => "the promax rotation is undefined (singular loadings)",
        ObliminSingular => "the oblimin rotation reached a singular transformation",
        ParallelIterations => "parallel analysis needs at least one simulated data set",
        ParallelQuantile => "the quantile of a parallel analysis must be between 0 and 1",
        EmptyHalf => "each half needs at least one item",
        ExtremeFraction => "the extreme-group fraction must be in (0, 0.5]",
        ExtremeGroupsOverlap => "the high and low groups overlap (too few distinct total scores)",
    }
}

impl std::error::Error for NotComputable {}

/// The result of a statistic that may not be computable.
pub type Outcome<T> = Result<T, NotComputable>;

/// Fails with [`NotComputable::NonFinite`] if any value is NaN or infinite.
pub fn check_finite(x: &[f64]) -> Outcome<()> {
    // (blocks of plain ANDs, which vectorise, rather than a test and a branch per value)
    if x.chunks(256)
        .all(|c| c.iter().fold(true, |ok, v| ok & v.is_finite()))
    {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 27: "the scores within the groups has zero variance".
    #[test]
    fn a_plural_subject_takes_a_plural_verb() {
        let text = |what| NotComputable::ZeroVariance { what }.to_string();
        assert_eq!(
            text(Subject::ScoresWithinGroups),
            "the scores within the groups have zero variance"
        );
        assert_eq!(
            text(Subject::PooledChangeScores),
            "the pooled change scores have zero variance"
        );
        assert_eq!(text(Subject::PreAndPost), "pre and post have zero variance");
        assert_eq!(
            text(Subject::PooledRanks),
            "the pooled ranks have zero variance"
        );
        assert_eq!(text(Subject::Sample), "the sample has zero variance");
        assert_eq!(
            text(Subject::BaselinePhase),
            "the baseline phase has zero variance"
        );
        for &what in Subject::ALL {
            let t = text(what);
            assert!(t.ends_with(" has zero variance") || t.ends_with(" have zero variance"));
        }
    }
}
