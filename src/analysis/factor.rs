//! `prepost factor`: from item columns to a [`FactorReport`] — the correlation matrix, KMO,
//! Bartlett's test, the exploratory factor analysis and the check against the spec's
//! subscales. Pure (no I/O); a problem that makes the whole analysis impossible is a
//! [`DataError`] that says which items or respondents are the cause.

use crate::error::DataError;
use crate::model::{FactorItem, FactorOptions, FactorReport, SubscaleFactor};
use crate::note::Note;
use crate::scale::spec::Labels;
use crate::stats::adequacy::{bartlett_sphericity, kmo};
use crate::stats::correlation_matrix::{
    check_correlation, collinear_items, constant_items, correlation_matrix,
};
use crate::stats::factor::{efa, harman_single_factor, EfaOptions, Extraction, FactorCount};
use crate::stats::reliability::AlphaMissing;
use crate::stats::{Inapplicable, NotComputable};

/// Harman's threshold: a first unrotated factor explaining 40% or more of the variance
/// (Podsakoff et al. 2003; 周浩、龙立荣 2004).
pub const HARMAN_THRESHOLD: f64 = 0.40;

/// How a factor analysis is run (`prepost factor`'s options).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FactorSettings {
    pub count: FactorCount,
    pub extraction: Extraction,
    pub rotation: crate::stats::rotation::Rotation,
    pub missing: AlphaMissing,
    /// Loadings below this are blank in the readable tables (display only).
    pub min_loading: f64,
    pub harman: bool,
}

/// The items of a factor analysis: names, answers (keyed; NaN = not answered), and what the
/// spec says of each.
pub struct FactorItems<'a> {
    pub names: Vec<String>,
    pub columns: Vec<&'a [f64]>,
    pub reversed: Vec<bool>,
    /// Each item's subscale (None with `--items`).
    pub subscales: Vec<Option<String>>,
    /// The spec's subscales in its order, with their labels.
    pub subscale_labels: Vec<(String, Labels)>,
}

/// Where the data came from (for the report's header).
pub struct FactorSource {
    pub scale: Option<String>,
    pub labels: Labels,
    pub spec: Option<String>,
    pub files: Vec<String>,
}

/// Item names joined for a message.
fn named(names: &[String], which: &[usize]) -> String {
    which
        .iter()
        .map(|&i| format!("\"{}\"", names[i]))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The message of a statistic that made the whole analysis impossible.
fn refused(items: &FactorItems, why: NotComputable, settings: &FactorSettings) -> DataError {
    let p = items.names.len();
    match why {
        NotComputable::TooFewObservations { n, needed } if needed > 3 => DataError::new(format!(
            "too few respondents for a factor analysis of {p} items: {n} (with every item answered), and it needs more respondents than items"
        ))
        .hint("collect more answers (5 to 10 respondents per item is the usual advice), or analyse fewer items (--items, or a subscale)"),
        NotComputable::TooFewObservations { n, .. } => DataError::new(format!(
            "too few respondents: {n} answered every item (or both items of a pair), and a correlation needs at least 3"
        )),
        NotComputable::ZeroVariance { .. } => {
            let constant = constant_items(&items.columns);
            DataError::new(format!(
                "item {} has the same answer from every respondent, so it correlates with nothing and the correlation matrix is singular",
                named(&items.names, &constant)
            ))
            .hint("leave it out (--items lists the items to analyse)")
        }
        NotComputable::NotApplicable {
            why: Inapplicable::TooManyFactors | Inapplicable::ComponentCount,
        } => DataError::new(format!(
            "too many factors: {p} items allow at most {} with {}",
            if settings.extraction == Extraction::PrincipalComponents { p } else { p - 1 },
            extraction_name(settings.extraction)
        ))
        .hint("ask for fewer with --factors K"),
        NotComputable::NotApplicable {
            why: Inapplicable::TooManyFactorsMl,
        } => DataError::new(format!(
            "too many factors for maximum likelihood with {p} items: the model would have negative degrees of freedom ((p − m)² < p + m)"
        ))
        .hint("ask for fewer with --factors K, or use --extraction minres"),
        NotComputable::NotApplicable {
            why: Inapplicable::NoFactorToExtract,
        } => DataError::new(
            "no factor to extract: no eigenvalue is above the criterion (1, or the simulated eigenvalues of the parallel analysis)",
        )
        .hint("fix the number with --factors K"),
        other => DataError::new(format!("the factor analysis cannot be done: {other}")),
    }
}

/// The name of an extraction method in messages.
fn extraction_name(e: Extraction) -> &'static str {
    match e {
        Extraction::PrincipalComponents => "principal components",
        Extraction::MinRes => "minres",
        Extraction::MaximumLikelihood => "maximum likelihood",
        Extraction::PrincipalAxis => "principal axis factoring",
    }
}

/// Runs the factor analysis of `items` (see the module docs).
pub fn analyze(
    source: FactorSource,
    items: &FactorItems,
    settings: &FactorSettings,
) -> Result<FactorReport, DataError> {
    let p = items.names.len();
    if p < 3 {
        return Err(DataError::new(format!(
            "a factor analysis needs at least 3 items, got {p}"
        )));
    }
    let respondents = items.columns.first().map_or(0, |c| c.len());
    let corr = correlation_matrix(&items.columns, settings.missing)
        .map_err(|e| refused(items, e, settings))?;
    if check_correlation(&corr.r).is_err() {
        let which = collinear_items(&corr.r);
        let e = if which.is_empty() {
            DataError::new(
                "the correlation matrix of the items is not positive definite (pairwise deletion can make it so), so KMO, Bartlett's test and the factors cannot be computed",
            )
            .hint("use listwise deletion (leave out --pairwise)")
        } else {
            DataError::new(format!(
                "the correlation matrix of the items is singular: items {} are linearly dependent (one is a copy, or a sum, of the others)",
                named(&items.names, &which)
            ))
        }
        .hint("leave one of them out (--items lists the items to analyse)");
        return Err(if corr.n_obs <= p {
            refused(
                items,
                NotComputable::TooFewObservations {
                    n: corr.n_obs,
                    needed: p + 1,
                },
                settings,
            )
        } else {
            e
        });
    }
    let k = kmo(&corr.r).map_err(|e| refused(items, e, settings))?;
    let bartlett =
        bartlett_sphericity(&corr.r, corr.n_obs).map_err(|e| refused(items, e, settings))?;
    let options = EfaOptions {
        count: settings.count,
        extraction: settings.extraction,
        rotation: settings.rotation,
    };
    if let FactorCount::Fixed(m) = settings.count {
        let most = if settings.extraction == Extraction::PrincipalComponents {
            p
        } else {
            p - 1
        };
        if m > most {
            return Err(refused(
                items,
                NotComputable::NotApplicable {
                    why: Inapplicable::TooManyFactors,
                },
                settings,
            ));
        }
    }
    let fa = efa(&corr, options).map_err(|e| refused(items, e, settings))?;
    let harman = if settings.harman {
        Some(
            harman_single_factor(&corr.r, HARMAN_THRESHOLD)
                .map_err(|e| refused(items, e, settings))?,
        )
    } else {
        None
    };
    let mut notes = Vec::new();
    if !fa.extracted.heywood.is_empty() {
        notes.push(Note::HeywoodCase {
            items: fa
                .extracted
                .heywood
                .iter()
                .map(|&i| items.names[i].clone())
                .collect(),
        });
    }
    let m = fa.n_factors;
    let loadings = &fa.rotated.loadings;
    let primary: Vec<usize> = loadings
        .iter()
        .map(|row| {
            (0..m).fold(0, |best, j| {
                if row[j].abs() > row[best].abs() {
                    j
                } else {
                    best
                }
            })
        })
        .collect();
    let strong = |i: usize| loadings[i][primary[i]].abs() >= settings.min_loading;
    // each subscale's factor: the one most of its items load highest on (the first of ties)
    let structure: Option<Vec<SubscaleFactor>> = (!items.subscale_labels.is_empty()).then(|| {
        items
            .subscale_labels
            .iter()
            .map(|(name, labels)| {
                let members: Vec<usize> = (0..p)
                    .filter(|&i| items.subscales[i].as_deref() == Some(name.as_str()))
                    .collect();
                let mut count = vec![0usize; m];
                for &i in &members {
                    count[primary[i]] += 1;
                }
                let factor = (0..m).fold(0, |b, j| if count[j] > count[b] { j } else { b });
                SubscaleFactor {
                    subscale: name.clone(),
                    labels: labels.clone(),
                    factor: factor + 1,
                    items: members.len(),
                    as_expected: members
                        .iter()
                        .filter(|&&i| primary[i] == factor && strong(i))
                        .count(),
                }
            })
            .collect()
    });
    let expected = |i: usize| -> Option<bool> {
        let sub = items.subscales[i].as_deref()?;
        let s = structure.as_ref()?.iter().find(|s| s.subscale == sub)?;
        Some(primary[i] + 1 == s.factor && strong(i))
    };
    let out_items = (0..p)
        .map(|i| FactorItem {
            item: items.names[i].clone(),
            reversed: items.reversed[i],
            subscale: items.subscales[i].clone(),
            msa: k.items[i],
            communality: fa.extracted.communalities[i],
            uniqueness: fa.extracted.uniquenesses[i],
            unrotated: fa.extracted.loadings[i].clone(),
            loadings: loadings[i].clone(),
            structure: fa.rotated.structure.as_ref().map(|s| s[i].clone()),
            factor: primary[i] + 1,
            cross_loading: loadings[i]
                .iter()
                .filter(|v| v.abs() >= settings.min_loading)
                .count()
                > 1,
            as_expected: expected(i),
        })
        .collect();
    Ok(FactorReport {
        prepost_version: env!("CARGO_PKG_VERSION").to_string(),
        scale: source.scale,
        labels: source.labels,
        spec: source.spec,
        files: source.files,
        respondents,
        missing: settings.missing,
        n_complete: corr.n_complete,
        n_used: corr.n_obs,
        n_pairwise_min: corr.n_pairwise_min,
        options: FactorOptions {
            factor_count: match settings.count {
                FactorCount::EigenvalueAboveOne => "eigenvalue-above-one",
                FactorCount::Parallel(_) => "parallel",
                FactorCount::Fixed(_) => "fixed",
            },
            extraction: settings.extraction,
            rotation: settings.rotation,
            min_loading: settings.min_loading,
        },
        kmo: k.overall,
        bartlett,
        eigenvalues: fa.eigenvalues,
        kaiser_count: fa.kaiser_count,
        parallel: fa.parallel,
        n_factors: m,
        extraction_variance: fa.extracted.variance,
        rotation_variance: fa.rotated_variance,
        factor_correlations: fa.rotated.phi,
        extraction_iterations: fa.extracted.iterations,
        rotation_iterations: fa.rotated.iterations,
        items: out_items,
        structure,
        harman,
        notes,
    })
}
