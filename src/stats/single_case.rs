//! Effect sizes of single-case designs: the scores of a baseline phase (A) against those of a
//! treatment phase (B) of one case, as the R package SingleCaseES 0.7.4 defines them with its
//! default options (Pustejovsky, Chen, Swan & Grekov; reviews: Parker, Vannest & Davis 2011;
//! Pustejovsky 2018, 2019; Tarlow 2017).
//!
//! `Improvement::Decrease` negates the scores first (a fall is an improvement), except where a
//! measure's definition says otherwise (the log response ratios). Every function takes the
//! phases in session order (A then B), with no missing values.

use super::describe::median;
use super::distributions::{find_root, pchisq_upper, qnorm};
use super::summation::{sum, Accumulator, Moments};
use super::{NotComputable, Outcome};

/// Which direction is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Improvement {
    #[default]
    Increase,
    Decrease,
}

/// A measure with its standard error and interval where it has them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    pub value: f64,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

impl Measure {
    fn point(value: f64) -> Measure {
        Measure {
            value,
            se: None,
            ci_low: None,
            ci_high: None,
        }
    }

    /// value ± z·se.
    fn normal(value: f64, se: f64, z: f64) -> Measure {
        Measure {
            value,
            se: Some(se),
            ci_low: Some(value - z * se),
            ci_high: Some(value + z * se),
        }
    }
}

fn oriented(x: &[f64], improvement: Improvement) -> Vec<f64> {
    match improvement {
        Improvement::Increase => x.to_vec(),
        Improvement::Decrease => x.iter().map(|v| -v).collect(),
    }
}

fn needs(a: &[f64], b: &[f64], each: usize) -> Outcome<()> {
    let n = a.len().min(b.len());
    if n < each {
        return Err(NotComputable::TooFewObservations { n, needed: each });
    }
    super::check_finite(a)?;
    super::check_finite(b)
}

fn z_of(confidence: f64) -> f64 {
    qnorm(1.0 - (1.0 - confidence) / 2.0)
}

/// Nonoverlap of all pairs (Parker & Vannest 2009): the share of (A, B) pairs where B is the
/// better, ties counting ½. SE: SingleCaseES's "unbiased" variance of the Mann–Whitney
/// statistic (Sen 1967); CI: the score-type interval of Newcombe (2006, method 5), the root of
///   m n (NAP − x)² (2 − x)(1 + x) = z² x (1 − x)(2 + h + (1 + 2h) x (1 − x)),  h = (m + n)/2 − 1,
/// found here to full precision (SingleCaseES stops `uniroot` at its default tolerance, ~1e-4);
/// at NAP = 1 (or 0) the other root, where SingleCaseES returns the degenerate [1, 1].
pub fn nap(a: &[f64], b: &[f64], improvement: Improvement, confidence: f64) -> Outcome<Measure> {
    needs(a, b, 1)?;
    let (a, b) = (oriented(a, improvement), oriented(b, improvement));
    let (m, n) = (a.len(), b.len());
    let (mf, nf) = (m as f64, n as f64);
    // q[i][j]: B_j against A_i
    let q: Vec<Vec<f64>> = a
        .iter()
        .map(|&x| {
            b.iter()
                .map(|&y| {
                    if y > x {
                        1.0
                    } else if y == x {
                        0.5
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect();
    let nap = q.iter().flatten().sum::<f64>() / (mf * nf);
    let q1 = q
        .iter()
        .map(|row| row.iter().map(|v| v - nap).sum::<f64>().powi(2))
        .sum::<f64>()
        / (mf * nf * nf);
    let q2 = (0..n)
        .map(|j| q.iter().map(|row| row[j] - nap).sum::<f64>().powi(2))
        .sum::<f64>()
        / (mf * mf * nf);
    let x = q.iter().flatten().map(|v| (v - nap).powi(2)).sum::<f64>() / (mf * nf);
    let trunc = 0.5 / (mf * nf);
    let nap_t = nap.clamp(trunc, 1.0 - trunc);
    let v = (nap_t * (1.0 - nap_t) + nf * q1 + mf * q2 - 2.0 * x) / ((mf - 1.0) * (nf - 1.0));
    let se = (m > 1 && n > 1 && v >= 0.0).then(|| v.sqrt());
    let z = z_of(confidence);
    let h = (mf + nf) / 2.0 - 1.0;
    let f = |x: f64| {
        mf * nf * (nap - x).powi(2) * (2.0 - x) * (1.0 + x)
            - z * z * x * (1.0 - x) * (2.0 + h + (1.0 + 2.0 * h) * x * (1.0 - x))
    };
    // At NAP = 1 (0), x = 1 (0) is a root of the equation too; the interval's other end is the
    // root of the equation divided by (1 − x) (by x). SingleCaseES's uniroot returns the
    // trivial root, an interval [1, 1] (docs/statistics.md).
    let lo = if nap >= 1.0 {
        let g = |x: f64| {
            mf * nf * (1.0 - x) * (2.0 - x) * (1.0 + x)
                - z * z * x * (2.0 + h + (1.0 + 2.0 * h) * x * (1.0 - x))
        };
        find_root(g, 0.0, 1.0, 1e-15)
    } else if nap > 0.0 {
        find_root(f, 0.0, nap, 1e-15)
    } else {
        0.0
    };
    let hi = if nap <= 0.0 {
        let g = |x: f64| {
            mf * nf * x * (2.0 - x) * (1.0 + x)
                - z * z * (1.0 - x) * (2.0 + h + (1.0 + 2.0 * h) * x * (1.0 - x))
        };
        find_root(g, 0.0, 1.0, 1e-15)
    } else if nap < 1.0 {
        find_root(f, nap, 1.0, 1e-15)
    } else {
        1.0
    };
    Ok(Measure {
        value: nap,
        se,
        ci_low: Some(lo),
        ci_high: Some(hi),
    })
}

/// Tau = 2·NAP − 1 (the non-overlap Tau of Parker, Vannest, Davis & Sauber 2011), its SE and
/// interval those of NAP doubled.
pub fn tau(a: &[f64], b: &[f64], improvement: Improvement, confidence: f64) -> Outcome<Measure> {
    let m = nap(a, b, improvement, confidence)?;
    Ok(Measure {
        value: 2.0 * m.value - 1.0,
        se: m.se.map(|s| 2.0 * s),
        ci_low: m.ci_low.map(|c| 2.0 * c - 1.0),
        ci_high: m.ci_high.map(|c| 2.0 * c - 1.0),
    })
}

/// Tau-BC (Tarlow 2017, as SingleCaseES with its defaults: always corrected, Tau not Kendall's
/// tau-b): the scores less the baseline trend, a Theil–Sen line through the baseline
/// (the median of the pairwise slopes, sessions numbered 1…m, and the median of A_i − slope·i)
/// extended over the treatment phase (sessions m + 1…m + n), then [`tau`].
pub fn tau_bc(a: &[f64], b: &[f64], improvement: Improvement, confidence: f64) -> Outcome<Measure> {
    needs(a, b, 1)?;
    if a.len() < 2 {
        return Err(NotComputable::TooFewObservations {
            n: a.len(),
            needed: 2,
        });
    }
    let (slope, intercept) = theil_sen(a);
    let m = a.len();
    let a2: Vec<f64> = a
        .iter()
        .enumerate()
        .map(|(i, y)| y - intercept - slope * (i + 1) as f64)
        .collect();
    let b2: Vec<f64> = b
        .iter()
        .enumerate()
        .map(|(j, y)| y - intercept - slope * (m + j + 1) as f64)
        .collect();
    tau(&a2, &b2, improvement, confidence)
}

/// The Theil–Sen line of `y` on sessions 1, 2, …: (slope, intercept).
pub fn theil_sen(y: &[f64]) -> (f64, f64) {
    let mut slopes = Vec::with_capacity(y.len() * (y.len() - 1) / 2);
    for i in 0..y.len() {
        for j in i + 1..y.len() {
            slopes.push((y[j] - y[i]) / (j - i) as f64);
        }
    }
    let slope = median(&slopes);
    let residuals: Vec<f64> = y
        .iter()
        .enumerate()
        .map(|(i, v)| v - slope * (i + 1) as f64)
        .collect();
    (slope, median(&residuals))
}

/// Tau-U, "A vs B minus trend A" (Parker, Vannest, Davis & Sauber 2011): the A–B pairs won
/// less lost, minus the baseline's own pairs rising less falling, over m·n. Not bounded by ±1
/// and inflated by trend (Tarlow 2017); no SE.
pub fn tau_u(a: &[f64], b: &[f64], improvement: Improvement) -> Outcome<Measure> {
    needs(a, b, 1)?;
    let (a, b) = (oriented(a, improvement), oriented(b, improvement));
    let sign = |d: f64| (d > 0.0) as i64 - (d < 0.0) as i64;
    let between: i64 = a
        .iter()
        .flat_map(|&x| b.iter().map(move |&y| sign(y - x)))
        .sum();
    let trend: i64 = (0..a.len())
        .flat_map(|i| (i + 1..a.len()).map(move |j| (i, j)))
        .map(|(i, j)| sign(a[j] - a[i]))
        .sum();
    Ok(Measure::point(
        (between - trend) as f64 / (a.len() * b.len()) as f64,
    ))
}

/// Percentage of non-overlapping data (Scruggs, Mastropieri & Casto 1987), as a proportion:
/// the share of B above the best A.
pub fn pnd(a: &[f64], b: &[f64], improvement: Improvement) -> Outcome<Measure> {
    needs(a, b, 1)?;
    let (a, b) = (oriented(a, improvement), oriented(b, improvement));
    let best = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Ok(Measure::point(
        b.iter().filter(|&&y| y > best).count() as f64 / b.len() as f64,
    ))
}

/// Percentage exceeding the median (Ma 2006), as a proportion: the share of B above the median
/// of A, ties counting ½.
pub fn pem(a: &[f64], b: &[f64], improvement: Improvement) -> Outcome<Measure> {
    needs(a, b, 1)?;
    let (a, b) = (oriented(a, improvement), oriented(b, improvement));
    let med = median(&a);
    let above: f64 = b
        .iter()
        .map(|&y| {
            if y > med {
                1.0
            } else if y == med {
                0.5
            } else {
                0.0
            }
        })
        .sum();
    Ok(Measure::point(above / b.len() as f64))
}

/// Percentage of all non-overlapping data (Parker, Hagan-Burke & Vannest 2007), as a
/// proportion: the most sessions that can be kept, the lowest of A and the highest of B, with
/// every kept A below every kept B, over m + n.
pub fn pand(a: &[f64], b: &[f64], improvement: Improvement) -> Outcome<Measure> {
    needs(a, b, 1)?;
    Ok(Measure::point(
        pand_kept(a, b, improvement) as f64 / (a.len() + b.len()) as f64,
    ))
}

fn pand_kept(a: &[f64], b: &[f64], improvement: Improvement) -> usize {
    let (mut a, mut b) = (oriented(a, improvement), oriented(b, improvement));
    a.sort_by(f64::total_cmp);
    b.sort_by(f64::total_cmp);
    let (m, n) = (a.len(), b.len());
    // keep the i lowest of A (i = 0..m) and the B from the j-th lowest on (j = 0..n)
    let mut best = 0;
    for i in 0..=m {
        let top_a = if i == 0 { f64::NEG_INFINITY } else { a[i - 1] };
        // the B values above the kept A: all from the first one above top_a
        let j = b.partition_point(|&y| y <= top_a);
        best = best.max(i + (n - j));
    }
    best
}

/// Improvement rate difference (Parker, Vannest & Brown 2009), from PAND as SingleCaseES
/// computes it: ((m + n)² PAND − m² − n²)/(2 m n).
pub fn ird(a: &[f64], b: &[f64], improvement: Improvement) -> Outcome<Measure> {
    let p = pand(a, b, improvement)?.value;
    let (m, n) = (a.len() as f64, b.len() as f64);
    Ok(Measure::point(
        ((m + n).powi(2) * p - m * m - n * n) / (2.0 * m * n),
    ))
}

/// The within-case standardized mean difference (Busk & Serlin 1992; Gingerich 1984) with the
/// baseline SD: d = J (M_B − M_A)/S_A, J = 1 − 3/(4ν − 1), ν = m − 1;
/// SE = J √(1/m + S_B²/(n S_A²) + d²/(2ν)), CI d ± z·SE (SingleCaseES `SMD`, std_dev =
/// "baseline", bias corrected). Needs three baseline sessions: with two, J = 0.
/// [`smd_with`] has the pooled SD and the uncorrected d.
pub fn smd(a: &[f64], b: &[f64], improvement: Improvement, confidence: f64) -> Outcome<Measure> {
    smd_with(a, b, improvement, SmdSd::Baseline, true, confidence)
}

/// The SD that standardizes the SMD (SingleCaseES `std_dev`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SmdSd {
    /// The baseline phase's SD, ν = m − 1 (`"baseline"`).
    #[default]
    Baseline,
    /// The SD pooled over both phases, S_p² = [(m − 1) S_A² + (n − 1) S_B²]/ν, ν = m + n − 2
    /// (`"pool"`).
    Pool,
}

/// The within-case SMD as SingleCaseES 0.7.4 `SMD(std_dev, bias_correct)` defines it:
/// d = J (M_B − M_A)/S with S the baseline SD (ν = m − 1) or the pooled SD (ν = m + n − 2),
/// J = 1 − 3/(4ν − 1) (Hedges 1981) when `bias_correct`, else 1;
/// SE = J √(V₁ + d²/(2ν)) with V₁ = 1/m + S_B²/(n S_A²) (baseline) or 1/m + 1/n (pool);
/// CI d ± z·SE. A decrease negates d. Needs ν ≥ 2 with the correction (at ν = 1, J = 0 and
/// SingleCaseES gives 0 [0, 0]), ν ≥ 1 without; with the baseline SD and one treatment session
/// S_B is unknown and there is no SE (SingleCaseES: NA).
pub fn smd_with(
    a: &[f64],
    b: &[f64],
    improvement: Improvement,
    sd: SmdSd,
    bias_correct: bool,
    confidence: f64,
) -> Outcome<Measure> {
    needs(a, b, 1)?;
    let (m, n) = (a.len(), b.len());
    let (df_n, count) = match sd {
        SmdSd::Baseline => (m - 1, m),
        SmdSd::Pool => (m + n - 2, m + n),
    };
    let needed_df = if bias_correct { 2 } else { 1 };
    if df_n < needed_df {
        return Err(NotComputable::TooFewObservations {
            n: count,
            needed: count - df_n + needed_df,
        });
    }
    // (in units that keep the squares finite: d is scale-free)
    let unit = unit_of(a.iter().chain(b).copied());
    let (pa, pb) = (phase_stats(a, unit), phase_stats(b, unit));
    let df = df_n as f64;
    let (mf, nf) = (m as f64, n as f64);
    let (s2, v1) = match sd {
        SmdSd::Baseline => (
            pa.ss / df,
            pb.var().map(|vb| 1.0 / mf + vb / (nf * pa.ss / df)),
        ),
        SmdSd::Pool => ((pa.ss + pb.ss) / df, Some(1.0 / mf + 1.0 / nf)),
    };
    if s2 <= 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: match sd {
                SmdSd::Baseline => crate::stats::Subject::BaselinePhase,
                SmdSd::Pool => crate::stats::Subject::EachPhase,
            },
        });
    }
    let j = if bias_correct {
        1.0 - 3.0 / (4.0 * df - 1.0)
    } else {
        1.0
    };
    let mut d = j * (pb.mean - pa.mean) / s2.sqrt();
    if improvement == Improvement::Decrease {
        d = -d;
    }
    if !d.is_finite() {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::BeyondDoubleRange,
        });
    }
    match v1.map(|v1| j * (v1 + d * d / (2.0 * df)).sqrt()) {
        Some(se) if se.is_finite() => Ok(Measure::normal(d, se, z_of(confidence))),
        _ => Ok(Measure::point(d)),
    }
}

/// The log response ratio (Pustejovsky 2015, 2018), bias corrected, for scores on a count scale
/// (SingleCaseES's default, truncation constant D = 1): with each phase's mean truncated at
/// 1/(2n) and variance at 1/n³,
///   LRR = [ln M_B + V_B/(2 n M_B²)] − [ln M_A + V_A/(2 m M_A²)],  SE = √(V_A/(m M_A²) + V_B/(n M_B²)).
/// For an increase this is LRRi, for a decrease LRRd (the same ratio: a fall is negative).
/// [`lrr_scaled`] has the other scales and options.
pub fn lrr(a: &[f64], b: &[f64], confidence: f64) -> Outcome<Measure> {
    lrr_scaled(
        a,
        b,
        LrrKind::Increasing,
        Improvement::Increase,
        &RatioOptions::default(),
        confidence,
    )
}

/// The scale of a series' scores (SingleCaseES `scale`): it sets the truncation constant of the
/// log response and log odds ratios, and on a proportion or percentage scale a direction of
/// improvement against the ratio's turns the scores around (p → 1 − p).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeScale {
    /// Frequency counts (0, 1, 2, …): D = 1.
    #[default]
    Count,
    /// A rate per minute: D = the session length in minutes.
    Rate,
    /// A proportion in [0, 1]: D = the number of intervals (items) per session.
    Proportion,
    /// A percentage in [0, 100]: D = intervals/100.
    Percentage,
    /// Anything else: no truncation.
    Other,
}

impl OutcomeScale {
    /// The top of a bounded scale: 1 for proportions, 100 for percentages.
    pub fn ceiling(self) -> Option<f64> {
        match self {
            OutcomeScale::Proportion => Some(1.0),
            OutcomeScale::Percentage => Some(100.0),
            _ => None,
        }
    }
}

/// Which log response ratio (Pustejovsky 2018): LRRi, where an improvement is positive, or
/// LRRd, where an improvement is negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LrrKind {
    /// LRRi (SingleCaseES `LRRi`)
    #[default]
    Increasing,
    /// LRRd (SingleCaseES `LRRd`)
    Decreasing,
}

/// The options of the log response ratio and the log odds ratio (SingleCaseES `LRRi`, `LRRd`,
/// `LOR`: `scale`, `observation_length`, `intervals`, `D_const`, `bias_correct`).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct RatioOptions {
    pub scale: OutcomeScale,
    /// The session length in minutes (the truncation constant of a rate).
    pub observation_length: Option<f64>,
    /// The intervals (or items) per session (the truncation constant of a proportion or
    /// percentage; for continuous recording 60 × the session length in minutes).
    pub intervals: Option<f64>,
    /// A truncation constant D that replaces the scale's.
    pub d_const: Option<f64>,
    /// The delta-method bias correction (SingleCaseES's default: on).
    pub bias_correct: bool,
}

impl Default for RatioOptions {
    fn default() -> Self {
        RatioOptions {
            scale: OutcomeScale::Count,
            observation_length: None,
            intervals: None,
            d_const: None,
            bias_correct: true,
        }
    }
}

impl RatioOptions {
    /// The truncation constant in force: `d_const`, else the scale's
    /// ([`truncation_constant`]); None (no truncation) unless it is above 0 and finite, as
    /// SingleCaseES truncates only `if (D_const > 0)` and its D = Inf changes nothing.
    pub fn truncation(&self) -> Option<f64> {
        self.d_const
            .or_else(|| truncation_constant(self.scale, self.observation_length, self.intervals))
            .filter(|d| *d > 0.0 && d.is_finite())
    }
}

/// SingleCaseES 0.7.4 `trunc_constant`: D = 1 for counts, the session length (minutes) for a
/// rate, the intervals for a proportion, intervals/100 for a percentage; None (SingleCaseES:
/// Inf, no truncation) for `other` and where the length or intervals are not given.
pub fn truncation_constant(
    scale: OutcomeScale,
    observation_length: Option<f64>,
    intervals: Option<f64>,
) -> Option<f64> {
    match scale {
        OutcomeScale::Count => Some(1.0),
        OutcomeScale::Rate => observation_length,
        OutcomeScale::Proportion => intervals,
        OutcomeScale::Percentage => intervals.map(|i| i / 100.0),
        OutcomeScale::Other => None,
    }
}

/// The log response ratio LRRi or LRRd of SingleCaseES 0.7.4 (`LRRi`, `LRRd`; Pustejovsky
/// 2015, 2018) with every option of [`RatioOptions`]. Per phase (n sessions, mean M, variance
/// V), with the truncation constant D ([`RatioOptions::truncation`]):
///   M ← max(M, 1/(2Dn)),  V ← max(V, 1/(D²n³)),
///   LRR = [ln M_B + V_B/(2 n_B M_B²)] − [ln M_A + V_A/(2 n_A M_A²)]  (without the bias
///   correction ln M_B − ln M_A),  SE = √(V_A/(n_A M_A²) + V_B/(n_B M_B²)),  CI LRR ± z·SE.
/// When the improvement runs against the ratio (LRRi with a decrease, LRRd with an increase),
/// a proportion or percentage is turned around first (M → 1 − M or 100 − M, before the
/// truncation), and any other scale's LRR is negated. Scores below 0 (and above the top of a
/// bounded scale) are refused, where SingleCaseES computes on; a phase mean that stays at 0 is
/// refused (SingleCaseES: NaN or ±Inf). With one session in a phase V is unknown: the bias
/// corrected LRR is refused, the uncorrected has no SE (SingleCaseES: NA).
pub fn lrr_scaled(
    a: &[f64],
    b: &[f64],
    kind: LrrKind,
    improvement: Improvement,
    options: &RatioOptions,
    confidence: f64,
) -> Outcome<Measure> {
    needs(a, b, 1)?;
    check_scale_range(a, b, options.scale)?;
    let against = matches!(
        (kind, improvement),
        (LrrKind::Increasing, Improvement::Decrease) | (LrrKind::Decreasing, Improvement::Increase)
    );
    let ceiling = options.scale.ceiling().filter(|_| against);
    let d = options.truncation();
    let unit = unit_of(a.iter().chain(b).copied());
    // ln M and V/(n M²) of a phase
    let part = |x: &[f64]| -> Outcome<(f64, Option<f64>)> {
        let p = phase_stats(x, unit);
        let n = p.n as f64;
        let mut m = match ceiling {
            Some(c) => c / unit - p.mean,
            None => p.mean,
        };
        let mut v = p.var();
        if let Some(d) = d {
            m = m.max(1.0 / (2.0 * d * n) / unit);
            v = v.map(|v| v.max(1.0 / (d * d * n * n * n) / (unit * unit)));
        }
        if m.is_nan() || m <= 0.0 {
            return Err(NotComputable::NotApplicable {
                why: crate::stats::Inapplicable::RatioMeanAtBound,
            });
        }
        Ok((m.ln(), v.map(|v| v / (n * m * m))))
    };
    let ((la, va), (lb, vb)) = (part(a)?, part(b)?);
    let mut est = if options.bias_correct {
        match (va, vb) {
            (Some(va), Some(vb)) => (lb + vb / 2.0) - (la + va / 2.0),
            _ => return Err(one_session(a, b)),
        }
    } else {
        lb - la
    };
    if against && ceiling.is_none() {
        est = -est;
    }
    ratio_measure(est, va.zip(vb).map(|(va, vb)| (va + vb).sqrt()), confidence)
}

/// The log odds ratio of SingleCaseES 0.7.4 `LOR` (Pustejovsky 2015) for a proportion or
/// percentage scale, as proportions p (M, V of p per phase): with the truncation constant D of
/// [`RatioOptions::truncation`] (intervals, or `d_const`; on proportions 100·D for a
/// percentage), M ← min(max(M, 1/(2Dn)), 1 − 1/(2Dn)), V ← max(V, 1/(D²n³)),
///   LOR = Σ± [logit M − (2M − 1) V/(2 n M² (1 − M)²)]  (B minus A; without the bias correction
///   logit M_B − logit M_A),  SE = √Σ V/(n M² (1 − M)²),  CI LOR ± z·SE;
/// a decrease negates it (the LOR is symmetric: only its sign depends on the direction).
/// Scores outside the scale are refused (SingleCaseES stops: "Proportions must be between 0
/// and 1!"); other scales are not applicable (SingleCaseES: NA).
pub fn lor(
    a: &[f64],
    b: &[f64],
    improvement: Improvement,
    options: &RatioOptions,
    confidence: f64,
) -> Outcome<Measure> {
    needs(a, b, 1)?;
    let Some(c) = options.scale.ceiling() else {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::LorNeedsProportions,
        });
    };
    check_scale_range(a, b, options.scale)?;
    // (on the scores' own scale: with p = M/c the proportion, the truncation 1/(2Dn) and the
    // variance floor 1/(D²n³) are those of the LRR, the bias term (2M − c)·c·V/(2n M²(c − M)²)
    // and the variance c²V/(n M²(c − M)²))
    let d = options.truncation();
    let unit = unit_of(a.iter().chain(b).copied());
    let c = c / unit;
    let part = |x: &[f64]| -> Outcome<(f64, f64, Option<f64>)> {
        let p = phase_stats(x, unit);
        let n = p.n as f64;
        let mut m = p.mean;
        let mut v = p.var();
        if let Some(d) = d {
            let low = 1.0 / (2.0 * d * n) / unit;
            m = m.max(low).min(c - low);
            v = v.map(|v| v.max(1.0 / (d * d * n * n * n) / (unit * unit)));
        }
        let rest = c - m;
        if !(m > 0.0 && rest > 0.0) {
            return Err(NotComputable::NotApplicable {
                why: crate::stats::Inapplicable::RatioMeanAtBound,
            });
        }
        let logit = m.ln() - rest.ln();
        // V/(n M² (c − M)²)·c², in two divisions that cannot overflow where the product would
        let w = v.map(|v| v / (n * m * m) * (c / rest) * (c / rest));
        Ok((logit, (2.0 * m - c) / (2.0 * c), w))
    };
    let ((la, ka, va), (lb, kb, vb)) = (part(a)?, part(b)?);
    let mut est = if options.bias_correct {
        match (va, vb) {
            // (2M − 1)V/(2n M²(1 − M)²) on proportions = (2M − c)/(2c) · c²V/(n M²(c − M)²)
            (Some(va), Some(vb)) => (lb - kb * vb) - (la - ka * va),
            _ => return Err(one_session(a, b)),
        }
    } else {
        lb - la
    };
    if improvement == Improvement::Decrease {
        est = -est;
    }
    ratio_measure(est, va.zip(vb).map(|(va, vb)| (va + vb).sqrt()), confidence)
}

/// A log response ratio (or its interval) as a percentage change, 100·(e^LRR − 1)
/// (SingleCaseES `pct_change = TRUE`: `Pct_Change_i`, `Pct_Change_d`); no SE. Computed with
/// exp_m1, exact where SingleCaseES's `exp(x) − 1` loses digits for |x| below ~1e-6.
pub fn percent_change(m: &Measure) -> Measure {
    let pct = |x: f64| 100.0 * x.exp_m1();
    Measure {
        value: pct(m.value),
        se: None,
        ci_low: m.ci_low.map(pct),
        ci_high: m.ci_high.map(pct),
    }
}

/// Scores a ratio can take: 0 or more, and on a bounded scale at most its top.
fn check_scale_range(a: &[f64], b: &[f64], scale: OutcomeScale) -> Outcome<()> {
    use crate::stats::Inapplicable;
    let why = if a.iter().chain(b).any(|&v| v < 0.0) {
        Some(match scale {
            OutcomeScale::Count => Inapplicable::LrrNeedsCounts,
            OutcomeScale::Proportion => Inapplicable::ProportionRange,
            OutcomeScale::Percentage => Inapplicable::PercentageRange,
            OutcomeScale::Rate | OutcomeScale::Other => Inapplicable::LrrNeedsNonNegative,
        })
    } else {
        match scale.ceiling() {
            Some(c) if a.iter().chain(b).any(|&v| v > c) => Some(match scale {
                OutcomeScale::Proportion => Inapplicable::ProportionRange,
                _ => Inapplicable::PercentageRange,
            }),
            _ => None,
        }
    };
    match why {
        Some(why) => Err(NotComputable::NotApplicable { why }),
        None => Ok(()),
    }
}

fn one_session(a: &[f64], b: &[f64]) -> NotComputable {
    NotComputable::TooFewObservations {
        n: a.len().min(b.len()),
        needed: 2,
    }
}

fn ratio_measure(est: f64, se: Option<f64>, confidence: f64) -> Outcome<Measure> {
    if !est.is_finite() || se.is_some_and(|s| !s.is_finite()) {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::BeyondDoubleRange,
        });
    }
    Ok(match se {
        Some(se) => Measure::normal(est, se, z_of(confidence)),
        None => Measure::point(est),
    })
}

/// A phase's size, mean and sum of squared deviations (R's `mean` and `var`, accurately
/// summed), in units of `unit`.
struct PhaseStats {
    n: usize,
    mean: f64,
    ss: f64,
}

impl PhaseStats {
    /// The variance (n − 1 denominator); None for one session (R: NA).
    fn var(&self) -> Option<f64> {
        (self.n > 1).then(|| self.ss / (self.n as f64 - 1.0))
    }
}

fn phase_stats(x: &[f64], unit: f64) -> PhaseStats {
    let m = if unit == 1.0 {
        Moments::of(x)
    } else {
        Moments::of(&x.iter().map(|v| v / unit).collect::<Vec<f64>>())
    };
    PhaseStats {
        n: x.len(),
        mean: m.mean,
        ss: m.ss(),
    }
}

/// A power of two that brings the largest |value| into [2^-300, 2^300] (1 if it is there
/// already, or every value is 0), so that squares and ratios of squares stay finite.
fn unit_of(values: impl Iterator<Item = f64>) -> f64 {
    let big = values.fold(0.0_f64, |acc, v| acc.max(v.abs()));
    let (lo, hi) = (2f64.powi(-300), 2f64.powi(300));
    if big == 0.0 || (lo..=hi).contains(&big) {
        1.0
    } else {
        2f64.powi((big.log2().floor() as i32).clamp(-1000, 1000))
    }
}

/// How the cases are weighted in an average (SingleCaseES 0.7.4 `batch_calc_ES(aggregate,
/// weighting)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    /// w = 1 (`"equal"`): the simple mean.
    #[default]
    Equal,
    /// w = 1/SE² (`"1/V"`): the fixed-effect (common-effect) meta-analytic mean.
    InverseVariance,
    /// w = n_A (`"nA"`)
    BaselineSessions,
    /// w = n_B (`"nB"`)
    TreatmentSessions,
    /// w = n_A·n_B (`"nA*nB"`)
    SessionProduct,
    /// w = 1/n_A + 1/n_B (`"1/nA+1/nB"`)
    InverseSessionSum,
}

/// One case's estimate of a measure, for [`average_cases`].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct CaseEstimate {
    pub value: f64,
    pub se: Option<f64>,
    /// sessions in the baseline and the treatment phase
    pub n_a: usize,
    pub n_b: usize,
}

/// Cochran's Q of an inverse-variance average and what follows from it.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Heterogeneity {
    /// Q = Σ w (y − ȳ_w)²
    pub q: f64,
    /// k − 1
    pub df: usize,
    /// P(χ²_{k−1} ≥ Q)
    pub p: f64,
    /// I² = max(0, (Q − df)/Q), in percent (Higgins & Thompson 2002; metafor's `I2`)
    pub i2: f64,
}

/// A measure averaged over cases.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct WeightedAverage {
    pub value: f64,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub k: usize,
    pub weighting: Weighting,
    /// for the inverse-variance average of two cases or more
    pub heterogeneity: Option<Heterogeneity>,
}

/// A measure averaged over k cases as SingleCaseES 0.7.4 `batch_calc_ES(aggregate = <case>,
/// weighting)` aggregates: ȳ_w = Σ w·y / Σ w, SE = √(Σ w² SE²)/Σ w (None unless every case has
/// an SE), CI ȳ_w ± z·SE, on the measure's own scale (no transformation, as SingleCaseES).
/// With w = 1 this is prepost's simple mean with SE √(Σ SE²)/k. With w = 1/SE² it is the
/// fixed-effect (common-effect) meta-analytic mean (Hedges & Olkin 1985; Borenstein, Hedges,
/// Higgins & Rothstein 2009, ch. 11: M = Σ W_i Y_i / Σ W_i, SE_M = 1/√Σ W_i, W_i = 1/V_i), equal
/// to metafor `rma(yi, sei, method = "FE")`, with Cochran's Q, its p on k − 1 df and I² (ch. 16).
/// Its inference is conditional on these cases (a random-effects mean would add the
/// between-case variance). The weights are taken relative to the largest, so no SE overflows.
pub fn average_cases(
    cases: &[CaseEstimate],
    weighting: Weighting,
    confidence: f64,
) -> Outcome<WeightedAverage> {
    use crate::stats::Inapplicable;
    let k = cases.len();
    if k == 0 {
        return Err(NotComputable::TooFewObservations { n: 0, needed: 1 });
    }
    if cases
        .iter()
        .any(|c| !c.value.is_finite() || c.se.is_some_and(|s| !s.is_finite() || s < 0.0))
    {
        return Err(NotComputable::NonFinite);
    }
    let ses: Option<Vec<f64>> = cases.iter().map(|c| c.se).collect();
    let weights: Vec<f64> = match weighting {
        Weighting::InverseVariance => {
            let Some(ses) = &ses else {
                return Err(NotComputable::NotApplicable {
                    why: Inapplicable::InverseVarianceNeedsSe,
                });
            };
            let smallest = ses.iter().copied().fold(f64::INFINITY, f64::min);
            if smallest <= 0.0 {
                return Err(NotComputable::NotApplicable {
                    why: Inapplicable::ZeroStandardError,
                });
            }
            // w_i/w_max = (SE_min/SE_i)²
            ses.iter().map(|s| (smallest / s).powi(2)).collect()
        }
        Weighting::Equal => vec![1.0; k],
        Weighting::BaselineSessions => cases.iter().map(|c| c.n_a as f64).collect(),
        Weighting::TreatmentSessions => cases.iter().map(|c| c.n_b as f64).collect(),
        Weighting::SessionProduct => cases.iter().map(|c| (c.n_a * c.n_b) as f64).collect(),
        Weighting::InverseSessionSum => cases
            .iter()
            .map(|c| 1.0 / c.n_a as f64 + 1.0 / c.n_b as f64)
            .collect(),
    };
    let total = sum(&weights);
    if !(total > 0.0 && total.is_finite()) {
        return Err(NotComputable::TooFewObservations { n: 0, needed: 1 });
    }
    let value = weights
        .iter()
        .zip(cases)
        .map(|(w, c)| w * c.value)
        .fold(Accumulator::new(), |mut acc, x| {
            acc.add(x);
            acc
        })
        .value()
        / total;
    let se = ses.as_ref().map(|ses| {
        // √(Σ w² SE²)/Σ w, the terms w·SE scaled by the largest against overflow and
        // underflow (for w = 1/SE² this is 1/√Σ w)
        let t: Vec<f64> = weights.iter().zip(ses).map(|(w, s)| w * s).collect();
        let big = t.iter().copied().fold(0.0, f64::max);
        if big == 0.0 {
            return 0.0;
        }
        let s: f64 = t.iter().map(|x| (x / big).powi(2)).sum();
        big * s.sqrt() / total
    });
    let heterogeneity = match (weighting, &ses) {
        (Weighting::InverseVariance, Some(ses)) if k > 1 => {
            let q: f64 = cases
                .iter()
                .zip(ses)
                .map(|(c, s)| ((c.value - value) / s).powi(2))
                .sum();
            let df = k - 1;
            Some(Heterogeneity {
                q,
                df,
                p: pchisq_upper(q, df as f64),
                i2: if q > df as f64 {
                    100.0 * (q - df as f64) / q
                } else {
                    0.0
                },
            })
        }
        _ => None,
    };
    if !value.is_finite() || se.is_some_and(|s| !s.is_finite()) {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::BeyondDoubleRange,
        });
    }
    let z = z_of(confidence);
    Ok(WeightedAverage {
        value,
        se,
        ci_low: se.map(|s| value - z * s),
        ci_high: se.map(|s| value + z * s),
        k,
        weighting,
        heterogeneity,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_close, TOL_CLOSED};

    // SingleCaseES's own example: A <- c(20, 20, 26, 25, 22, 23); B <- c(28, 25, 24, 27, 30, 30, 29)
    const A: [f64; 6] = [20., 20., 26., 25., 22., 23.];
    const B: [f64; 7] = [28., 25., 24., 27., 30., 30., 29.];

    #[test]
    fn pand_keeps_the_most_sessions() {
        // the lowest five A (20, 20, 22, 23, 25) and the highest six B (25 ties: 24 dropped,
        // 25 kept would tie with A's 25: overlap) -> by hand 11 of 13
        assert_eq!(pand_kept(&A, &B, Improvement::Increase), 11);
        assert_eq!(pand_kept(&[1., 2.], &[3., 4.], Improvement::Increase), 4);
        assert_eq!(pand_kept(&[3., 4.], &[1., 2.], Improvement::Increase), 2);
    }

    #[test]
    fn theil_sen_of_a_line_is_the_line() {
        let (s, i) = theil_sen(&[3.0, 5.0, 7.0, 9.0]);
        assert_close(s, 2.0, TOL_CLOSED, "slope");
        assert_close(i, 1.0, TOL_CLOSED, "intercept");
    }

    // ---- the log response ratio on every scale, the log odds ratio, the SMD with the pooled
    // SD and the averages over cases: SingleCaseES 0.7.4 and metafor 3.8-1 (R 4.2.2), made by
    // scripts/reference/sced.R into tests/data/sced/ (Shogren, Schmidt2007, McKissick and
    // small cases at the edges).

    use std::collections::HashMap;

    struct Series {
        a: Vec<f64>,
        b: Vec<f64>,
        scale: OutcomeScale,
        intervals: Option<f64>,
        observation_length: Option<f64>,
        direction: Improvement,
    }

    fn data_dir() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/sced")
    }

    fn rows(file: &str) -> Vec<HashMap<String, String>> {
        let mut rdr = csv::Reader::from_path(data_dir().join(file)).expect(file);
        let head: Vec<String> = rdr
            .headers()
            .expect("header")
            .iter()
            .map(String::from)
            .collect();
        rdr.records()
            .map(|r| {
                let r = r.expect("record");
                head.iter()
                    .cloned()
                    .zip(r.iter().map(String::from))
                    .collect()
            })
            .collect()
    }

    /// R's number ("NA", "NaN", "Inf" included).
    fn num(s: &str) -> f64 {
        match s {
            "NA" | "NaN" | "" => f64::NAN,
            "Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            _ => s.parse().expect("number"),
        }
    }

    fn opt(s: &str) -> Option<f64> {
        let x = num(s);
        (!x.is_nan()).then_some(x)
    }

    fn scale_of(s: &str) -> OutcomeScale {
        match s {
            "count" => OutcomeScale::Count,
            "rate" => OutcomeScale::Rate,
            "proportion" => OutcomeScale::Proportion,
            "percentage" => OutcomeScale::Percentage,
            "other" => OutcomeScale::Other,
            _ => panic!("scale {s}"),
        }
    }

    fn improvement_of(s: &str) -> Improvement {
        match s {
            "increase" => Improvement::Increase,
            "decrease" => Improvement::Decrease,
            _ => panic!("improvement {s}"),
        }
    }

    /// (data set, series) -> the series, in file order.
    fn series() -> Vec<((String, String), Series)> {
        let mut out: Vec<((String, String), Series)> = Vec::new();
        for r in rows("series.csv") {
            let key = (r["data"].clone(), r["series"].clone());
            if out.last().map(|(k, _)| k != &key).unwrap_or(true) {
                out.push((
                    key.clone(),
                    Series {
                        a: Vec::new(),
                        b: Vec::new(),
                        scale: scale_of(&r["scale"]),
                        intervals: opt(&r["intervals"]),
                        observation_length: opt(&r["observation_length"]),
                        direction: improvement_of(&r["direction"]),
                    },
                ));
            }
            let s = &mut out.last_mut().expect("series").1;
            let x = num(&r["score"]);
            if r["phase"] == "A" {
                s.a.push(x)
            } else {
                s.b.push(x)
            }
        }
        out
    }

    /// |got − R| within 1e-10 relative (absolute below 1e-6, where R's own rounding of a
    /// difference of logs is the larger term).
    fn agrees(got: f64, want: f64) -> bool {
        (got - want).abs() <= 1e-10 * want.abs().max(1e-6)
    }

    #[test]
    fn lrr_lor_and_smd_equal_singlecasees_on_every_reference() {
        let all: HashMap<(String, String), Series> = series().into_iter().collect();
        let (mut compared, mut refused, mut worst) = (0, 0, 0.0_f64);
        for r in rows("case.csv") {
            let s = &all[&(r["data"].clone(), r["series"].clone())];
            let improvement = improvement_of(&r["improvement"]);
            let conf = num(&r["confidence"]);
            let bias_correct = r["bias_correct"] == "TRUE";
            let es = r["es"].as_str();
            let ours = if es == "SMD" {
                let sd = if r["std_dev"] == "pool" {
                    SmdSd::Pool
                } else {
                    SmdSd::Baseline
                };
                smd_with(&s.a, &s.b, improvement, sd, bias_correct, conf)
            } else {
                let options = RatioOptions {
                    scale: scale_of(&r["scale"]),
                    observation_length: opt(&r["observation_length"]),
                    intervals: opt(&r["intervals"]),
                    d_const: opt(&r["d_const"]),
                    bias_correct,
                };
                let kind = if es.ends_with('i') {
                    LrrKind::Increasing
                } else {
                    LrrKind::Decreasing
                };
                match es {
                    "LOR" => lor(&s.a, &s.b, improvement, &options, conf),
                    "LRRi" | "LRRd" => lrr_scaled(&s.a, &s.b, kind, improvement, &options, conf),
                    _ => lrr_scaled(&s.a, &s.b, kind, improvement, &options, conf)
                        .map(|m| percent_change(&m)),
                }
            };
            let what = format!("{r:?}");
            let est = num(&r["est"]);
            let Ok(m) = ours else {
                refused += 1;
                // refused only where SingleCaseES has no finite value, or where the corrected
                // SMD has ν = 1 (J = 0: SingleCaseES gives 0 [0, 0])
                let nu_one = es == "SMD"
                    && bias_correct
                    && if r["std_dev"] == "pool" {
                        s.a.len() + s.b.len() == 3
                    } else {
                        s.a.len() == 2
                    };
                // (a percent change of −100 is SingleCaseES's for an LRR of −Inf)
                let pct_of_infinite = es.starts_with("Pct") && est == -100.0;
                assert!(
                    !est.is_finite() || nu_one || pct_of_infinite,
                    "{what}: {ours:?}"
                );
                continue;
            };
            assert!(est.is_finite(), "{what}: R has no value, we have {m:?}");
            let pairs = [
                (Some(m.value), est),
                (m.se, num(&r["se"])),
                (m.ci_low, num(&r["ci_lower"])),
                (m.ci_high, num(&r["ci_upper"])),
            ];
            for (got, want) in pairs {
                match got {
                    Some(got) => {
                        assert!(agrees(got, want), "{what}: got {got:e}, R {want:e}");
                        worst = worst.max((got - want).abs() / want.abs().max(1e-6));
                        compared += 1;
                    }
                    // (no SE: a phase of one session, or the percent change)
                    None => assert!(want.is_nan() || es.starts_with("Pct"), "{what}"),
                }
            }
        }
        assert!(compared > 18_000 && refused > 100, "{compared} {refused}");
        assert!(worst < 1e-10, "{worst:e}");
    }

    /// One series' estimate with the options `batch_calc_ES` was given in sced.R: the
    /// series' own scale and intervals, its direction.
    fn estimate(s: &Series, es: &str, sd: SmdSd) -> CaseEstimate {
        let options = RatioOptions {
            scale: s.scale,
            intervals: s.intervals,
            observation_length: s.observation_length,
            ..RatioOptions::default()
        };
        let (a, b, dir) = (&s.a[..], &s.b[..], s.direction);
        let m = match es {
            "LRRi" => lrr_scaled(a, b, LrrKind::Increasing, dir, &options, 0.95),
            "LRRd" => lrr_scaled(a, b, LrrKind::Decreasing, dir, &options, 0.95),
            "LOR" => lor(a, b, dir, &options, 0.95),
            "NAP" => nap(a, b, dir, 0.95),
            "Tau" => tau(a, b, dir, 0.95),
            "SMD" => smd_with(a, b, dir, sd, true, 0.95),
            _ => panic!("{es}"),
        }
        .expect("every series has the measure");
        CaseEstimate {
            value: m.value,
            se: m.se,
            n_a: a.len(),
            n_b: b.len(),
        }
    }

    #[test]
    fn averages_equal_batch_calc_es_and_metafor() {
        let all = series();
        let mut checked = 0;
        for r in rows("average.csv") {
            let label = r["label"].as_str();
            let (data, sd) = match label {
                "Shogren/SMD" => ("Shogren", SmdSd::Baseline),
                "Shogren/SMD-pool" => ("Shogren", SmdSd::Pool),
                l => (l.split('/').next().expect("data"), SmdSd::Baseline),
            };
            let cases: Vec<CaseEstimate> = all
                .iter()
                .filter(|((d, _), s)| {
                    d == data
                        && (label != "Shogren/proportion" || s.scale == OutcomeScale::Proportion)
                })
                .map(|(_, s)| estimate(s, &r["es"], sd))
                .collect();
            assert_eq!(cases.len(), r["k"].parse::<usize>().expect("k"));
            let weighting = match r["weighting"].as_str() {
                "1/V" => Weighting::InverseVariance,
                "equal" => Weighting::Equal,
                "nA" => Weighting::BaselineSessions,
                "nB" => Weighting::TreatmentSessions,
                "nA*nB" => Weighting::SessionProduct,
                "1/nA+1/nB" => Weighting::InverseSessionSum,
                w => panic!("{w}"),
            };
            let got = average_cases(&cases, weighting, 0.95).expect("average");
            let what = format!("{r:?}");
            let se = got.se.expect("se");
            for (g, w) in [
                (got.value, num(&r["est"])),
                (se, num(&r["se"])),
                (got.ci_low.expect("ci"), num(&r["ci_lower"])),
                (got.ci_high.expect("ci"), num(&r["ci_upper"])),
            ] {
                assert!(agrees(g, w), "{what}: got {g:e}, R {w:e}");
            }
            match got.heterogeneity {
                Some(h) => {
                    // metafor 3.8-1: rma(yi, sei, method = "FE")$QE, $QEp, $I2
                    assert!(agrees(h.q, num(&r["q"])), "{what}: Q {}", h.q);
                    assert!(agrees(h.i2, num(&r["i2"])), "{what}: I2 {}", h.i2);
                    let p = num(&r["q_p"]);
                    assert!((h.p - p).abs() <= 1e-9 * p, "{what}: p {:e}", h.p);
                    assert_eq!(h.df, cases.len() - 1);
                }
                None => assert!(weighting != Weighting::InverseVariance, "{what}"),
            }
            checked += 1;
        }
        assert_eq!(checked, 60);
    }

    #[test]
    fn shogren_lrr_depends_on_the_scale() {
        // prepost's LRR so far: the count scale (D = 1) for every series. SingleCaseES's
        // tests (test-Pustejovsky-2015.R) read Shogren's PIR/MTS/CDR series as proportions
        // with Session_length*60/interval_length intervals: 14 of the 24 proportion series
        // keep their LRRd, 10 change (9 by more than 0.01, the audit's count), by up to 1.3126
        // (a phase mean below the count scale's truncation 1/(2n))
        let (mut changed, mut visibly, mut biggest) = (0, 0, 0.0_f64);
        for ((data, _), s) in series() {
            if data != "Shogren" || s.scale != OutcomeScale::Proportion {
                continue;
            }
            let options = RatioOptions {
                scale: OutcomeScale::Proportion,
                intervals: s.intervals,
                ..RatioOptions::default()
            };
            let scaled = lrr_scaled(&s.a, &s.b, LrrKind::Decreasing, s.direction, &options, 0.95);
            let count = lrr_scaled(
                &s.a,
                &s.b,
                LrrKind::Decreasing,
                s.direction,
                &RatioOptions::default(),
                0.95,
            );
            let diff = (scaled.expect("scaled").value - count.expect("count").value).abs();
            if diff > 1e-10 {
                changed += 1;
                visibly += (diff > 0.01) as usize;
                biggest = biggest.max(diff);
            }
        }
        assert_eq!((changed, visibly), (10, 9));
        assert!((1.30..1.32).contains(&biggest), "{biggest}");
    }

    fn ratio(scale: OutcomeScale, intervals: Option<f64>) -> RatioOptions {
        RatioOptions {
            scale,
            intervals,
            ..RatioOptions::default()
        }
    }

    #[test]
    fn the_vignettes_examples() {
        // R 4.2.2, SingleCaseES 0.7.4 (vignette "Using SingleCaseES"):
        // print(LRRi(A, B, scale = "percentage")$Est, digits = 17) with the package's A, B;
        // the same with improvement = "decrease"; LRRd(c(0,0,0,0), B, scale = "rate",
        // observation_length = 30); LOR(c(20,20,25,25,20,25), c(30,25,25,25,35,30,25),
        // scale = "percentage", intervals = 20, bias_correct = FALSE)
        let pct = ratio(OutcomeScale::Percentage, None);
        let up = lrr_scaled(
            &A,
            &B,
            LrrKind::Increasing,
            Improvement::Increase,
            &pct,
            0.95,
        );
        assert_close(
            up.unwrap().value,
            0.19539616573514884,
            TOL_CLOSED,
            "LRRi pct increase",
        );
        let down = lrr_scaled(
            &A,
            &B,
            LrrKind::Increasing,
            Improvement::Decrease,
            &pct,
            0.95,
        );
        let down = down.unwrap();
        assert_close(
            down.value,
            -0.065535040695818836,
            TOL_CLOSED,
            "LRRi pct decrease",
        );
        assert_close(down.se.unwrap(), 0.01810143907643114, TOL_CLOSED, "its SE");
        let rate = RatioOptions {
            scale: OutcomeScale::Rate,
            observation_length: Some(30.0),
            ..RatioOptions::default()
        };
        let zeros = [0.0; 4];
        let m = lrr_scaled(
            &zeros,
            &B,
            LrrKind::Decreasing,
            Improvement::Decrease,
            &rate,
            0.95,
        );
        let m = m.unwrap();
        assert_close(m.value, 8.672946941571297, TOL_CLOSED, "LRRd rate");
        assert_close(m.se.unwrap(), 0.50105484406346734, TOL_CLOSED, "its SE");
        // without the session length nothing truncates the zero mean (SingleCaseES: NaN)
        let bare = ratio(OutcomeScale::Rate, None);
        assert_eq!(
            lrr_scaled(
                &zeros,
                &B,
                LrrKind::Decreasing,
                Improvement::Decrease,
                &bare,
                0.95
            ),
            Err(NotComputable::NotApplicable {
                why: crate::stats::Inapplicable::RatioMeanAtBound
            })
        );
        let (a, b) = (
            [20., 20., 25., 25., 20., 25.],
            [30., 25., 25., 25., 35., 30., 25.],
        );
        let o = RatioOptions {
            bias_correct: false,
            ..ratio(OutcomeScale::Percentage, Some(20.0))
        };
        let m = lor(&a, &b, Improvement::Increase, &o, 0.95).unwrap();
        assert_close(m.value, 0.28520375643731399, TOL_CLOSED, "LOR");
        assert_close(m.se.unwrap(), 0.097902818803928884, TOL_CLOSED, "LOR SE");
    }

    #[test]
    fn the_old_count_lrr_is_the_default_options() {
        // R 4.2.2, SingleCaseES 0.7.4: LRRi(A, B) (count scale, D = 1, bias corrected; no
        // truncation bites, so it equals the percentage scale's LRRi above)
        let m = lrr(&A, &B, 0.95).unwrap();
        assert_close(m.value, 0.19539616573514884, TOL_CLOSED, "LRRi");
        assert_close(m.se.unwrap(), 0.055577232134966181, TOL_CLOSED, "SE");
    }

    #[test]
    fn ratios_refuse_scores_off_their_scale() {
        use crate::stats::Inapplicable::*;
        let na = |why| Err(NotComputable::NotApplicable { why });
        let (inc, i) = (Improvement::Increase, LrrKind::Increasing);
        let count = RatioOptions::default();
        assert_eq!(
            lrr_scaled(&[1., -1.], &[2., 3.], i, inc, &count, 0.95),
            na(LrrNeedsCounts)
        );
        let other = ratio(OutcomeScale::Other, None);
        assert_eq!(
            lrr_scaled(&[1., -1.], &[2., 3.], i, inc, &other, 0.95),
            na(LrrNeedsNonNegative)
        );
        let prop = ratio(OutcomeScale::Proportion, Some(10.0));
        assert_eq!(
            lrr_scaled(&[0.5, 1.5], &[0.2, 0.3], i, inc, &prop, 0.95),
            na(ProportionRange)
        );
        assert_eq!(
            lor(&[0.5, 1.5], &[0.2, 0.3], inc, &prop, 0.95),
            na(ProportionRange)
        );
        let pct = ratio(OutcomeScale::Percentage, Some(10.0));
        assert_eq!(
            lor(&[50., 101.], &[20., 30.], inc, &pct, 0.95),
            na(PercentageRange)
        );
        assert_eq!(
            lor(&[5., 1.], &[2., 3.], inc, &count, 0.95),
            na(LorNeedsProportions)
        );
        // a proportion at 0 and at 1 without intervals: nothing truncates (SingleCaseES: NaN)
        let bare = ratio(OutcomeScale::Proportion, None);
        assert_eq!(
            lor(&[0., 0.], &[0.5, 0.6], inc, &bare, 0.95),
            na(RatioMeanAtBound)
        );
        assert_eq!(
            lor(&[0.2, 0.3], &[1., 1.], inc, &bare, 0.95),
            na(RatioMeanAtBound)
        );
        // with them the means are truncated at 1/(2Dn) and 1 − 1/(2Dn)
        assert!(lor(&[0., 0.], &[1., 1.], inc, &prop, 0.95).is_ok());
        for bad in [f64::NAN, f64::INFINITY] {
            assert_eq!(
                lrr_scaled(&[1., bad], &[2., 3.], i, inc, &count, 0.95),
                Err(NotComputable::NonFinite)
            );
            assert_eq!(
                lor(&[0.1, bad], &[0.2, 0.3], inc, &prop, 0.95),
                Err(NotComputable::NonFinite)
            );
        }
        assert!(lrr_scaled(&[], &[2., 3.], i, inc, &count, 0.95).is_err());
        // one session: the bias correction needs V (SingleCaseES: NA); without it, no SE
        assert_eq!(
            lrr_scaled(&[4.], &[2., 3.], i, inc, &count, 0.95),
            Err(NotComputable::TooFewObservations { n: 1, needed: 2 })
        );
        let raw = RatioOptions {
            bias_correct: false,
            ..count
        };
        let m = lrr_scaled(&[4.], &[2., 3.], i, inc, &raw, 0.95).unwrap();
        assert_close(m.value, (2.5f64 / 4.0).ln(), TOL_CLOSED, "ln ratio");
        assert_eq!(m.se, None);
    }

    #[test]
    fn an_explicit_truncation_constant_of_zero_turns_truncation_off() {
        // SingleCaseES truncates only `if (D_const > 0)`: D = 0 (or below) is no truncation
        let z = RatioOptions {
            d_const: Some(0.0),
            ..RatioOptions::default()
        };
        let other = ratio(OutcomeScale::Other, None);
        let (i, inc) = (LrrKind::Increasing, Improvement::Increase);
        let (a, b) = ([0.01, 0.02, 0.03], [0.5, 0.6]);
        assert_eq!(
            lrr_scaled(&a, &b, i, inc, &z, 0.95),
            lrr_scaled(&a, &b, i, inc, &other, 0.95)
        );
        assert_eq!(z.truncation(), None);
        assert_eq!(RatioOptions::default().truncation(), Some(1.0));
        assert_eq!(
            ratio(OutcomeScale::Percentage, Some(20.0)).truncation(),
            Some(0.2)
        );
        assert_eq!(ratio(OutcomeScale::Rate, Some(20.0)).truncation(), None);
    }

    #[test]
    fn ratios_and_smd_at_the_extremes_of_the_doubles() {
        // with no truncation the LRR, and always the SMD, are scale-free: ×1e300 and ×1e-300
        // give the same values (the squares are taken in units of a power of two)
        let other = ratio(OutcomeScale::Other, None);
        let (i, inc) = (LrrKind::Increasing, Improvement::Increase);
        let base = lrr_scaled(&A, &B, i, inc, &other, 0.95).unwrap();
        let sd = smd_with(&A, &B, inc, SmdSd::Pool, true, 0.95).unwrap();
        for f in [1e300, 1e-300, 1e-310] {
            let (a, b): (Vec<f64>, Vec<f64>) = (
                A.iter().map(|v| v * f).collect(),
                B.iter().map(|v| v * f).collect(),
            );
            let m = lrr_scaled(&a, &b, i, inc, &other, 0.95).unwrap();
            let tol = if f < 1e-305 { 1e-9 } else { 1e-13 }; // (subnormal inputs keep fewer digits)
            assert_close(m.value, base.value, tol, "LRR scaled");
            assert_close(m.se.unwrap(), base.se.unwrap(), tol, "LRR SE scaled");
            let s = smd_with(&a, &b, inc, SmdSd::Pool, true, 0.95).unwrap();
            assert_close(s.value, sd.value, tol, "SMD scaled");
            assert_close(s.se.unwrap(), sd.se.unwrap(), tol, "SMD SE scaled");
        }
        // tiny proportions, no truncation: LOR = ln(5/2) + (cv_B² − cv_A²)/(2n) to first order
        // in p (p ~ 1e-200): cv_A² = 1/4, cv_B² = 1/25, n = 3; SE² = (1/4 + 1/25)/3
        let bare = ratio(OutcomeScale::Proportion, None);
        let m = lor(
            &[1e-200, 2e-200, 3e-200],
            &[4e-200, 5e-200, 6e-200],
            inc,
            &bare,
            0.95,
        )
        .unwrap();
        assert_close(
            m.value,
            2.5f64.ln() + (1.0 / 25.0 - 0.25) / 6.0,
            1e-13,
            "tiny LOR",
        );
        assert_close(
            m.se.unwrap(),
            ((0.25 + 0.04) / 3.0f64).sqrt(),
            1e-13,
            "tiny LOR SE",
        );
        // a long series (a million sessions) is linear in cost and exact
        let a: Vec<f64> = (0..1_000_000).map(|k| (k % 7) as f64).collect();
        let b: Vec<f64> = (0..1_000_000).map(|k| (k % 5) as f64 + 1.0).collect();
        let m = lrr(&a, &b, 0.95).unwrap();
        assert!(m.value.is_finite() && m.se.unwrap() > 0.0);
    }

    #[test]
    fn smd_with_the_pooled_sd() {
        // R 4.2.2, SingleCaseES 0.7.4: SMD(A, B, std_dev = "pool") (the help page's example),
        // and by hand: S_p² = (5 S_A² + 6 S_B²)/11, J = 1 − 3/43, SE = J √(1/6 + 1/7 + d²/22)
        let (ma, mb) = (136.0 / 6.0, 193.0 / 7.0);
        let ssa: f64 = A.iter().map(|v| (v - ma).powi(2)).sum();
        let ssb: f64 = B.iter().map(|v| (v - mb).powi(2)).sum();
        let j = 1.0 - 3.0 / 43.0;
        let d = j * (mb - ma) / ((ssa + ssb) / 11.0).sqrt();
        let m = smd_with(&A, &B, Improvement::Increase, SmdSd::Pool, true, 0.95).unwrap();
        assert_close(m.value, d, TOL_CLOSED, "d");
        assert_close(
            m.se.unwrap(),
            j * (1.0 / 6.0 + 1.0 / 7.0 + d * d / 22.0).sqrt(),
            TOL_CLOSED,
            "SE",
        );
        assert_close(m.value, 1.8762474110705716, TOL_CLOSED, "R's d");
        assert_close(m.se.unwrap(), 0.63742155249855514, TOL_CLOSED, "R's SE");
        // constant phases: no SD to standardize by
        assert_eq!(
            smd_with(
                &[2., 2.],
                &[3., 3.],
                Improvement::Increase,
                SmdSd::Pool,
                true,
                0.95
            ),
            Err(NotComputable::ZeroVariance {
                what: crate::stats::Subject::EachPhase
            })
        );
        // ν = m + n − 2 = 1: J = 0 (SingleCaseES: 0 [0, 0]) is refused, the uncorrected d is not
        assert_eq!(
            smd_with(
                &[1., 2.],
                &[3.],
                Improvement::Increase,
                SmdSd::Pool,
                true,
                0.95
            ),
            Err(NotComputable::TooFewObservations { n: 3, needed: 4 })
        );
        assert!(smd_with(
            &[1., 2.],
            &[3.],
            Improvement::Increase,
            SmdSd::Pool,
            false,
            0.95
        )
        .is_ok());
        assert_eq!(
            smd_with(
                &[1.],
                &[3.],
                Improvement::Increase,
                SmdSd::Pool,
                false,
                0.95
            ),
            Err(NotComputable::TooFewObservations { n: 2, needed: 3 })
        );
        assert_eq!(
            smd_with(
                &[1., 2.],
                &[3., 5.],
                Improvement::Increase,
                SmdSd::Baseline,
                true,
                0.95
            ),
            Err(NotComputable::TooFewObservations { n: 2, needed: 3 })
        );
    }

    #[test]
    fn percent_change_is_exact_near_zero() {
        let m = Measure::normal(1e-12, 1e-13, 1.96);
        let p = percent_change(&m);
        assert_close(p.value, 100.0 * (1e-12 + 5e-25), 1e-15, "pct");
        assert_eq!(p.se, None);
        assert_eq!(percent_change(&Measure::point(-800.0)).value, -100.0);
    }

    fn case(value: f64, se: Option<f64>) -> CaseEstimate {
        CaseEstimate {
            value,
            se,
            n_a: 3,
            n_b: 4,
        }
    }

    #[test]
    fn averages_at_the_edges() {
        use crate::stats::Inapplicable::*;
        let iv = Weighting::InverseVariance;
        assert_eq!(
            average_cases(&[], Weighting::Equal, 0.95),
            Err(NotComputable::TooFewObservations { n: 0, needed: 1 })
        );
        assert_eq!(
            average_cases(&[case(1.0, Some(0.1)), case(2.0, None)], iv, 0.95),
            Err(NotComputable::NotApplicable {
                why: InverseVarianceNeedsSe
            })
        );
        assert_eq!(
            average_cases(&[case(1.0, Some(0.1)), case(2.0, Some(0.0))], iv, 0.95),
            Err(NotComputable::NotApplicable {
                why: ZeroStandardError
            })
        );
        assert_eq!(
            average_cases(&[case(f64::NAN, Some(0.1))], iv, 0.95),
            Err(NotComputable::NonFinite)
        );
        // equal weights without every SE: the mean without an SE
        let m = average_cases(
            &[case(1.0, Some(0.1)), case(2.0, None)],
            Weighting::Equal,
            0.95,
        )
        .unwrap();
        assert_eq!((m.value, m.se, m.heterogeneity), (1.5, None, None));
        // one case: itself, no heterogeneity
        let m = average_cases(&[case(0.7, Some(0.2))], iv, 0.95).unwrap();
        assert_eq!((m.value, m.se, m.heterogeneity), (0.7, Some(0.2), None));
        // equal estimates: Q = 0, p = 1, I² = 0
        let m = average_cases(&[case(0.7, Some(0.2)), case(0.7, Some(0.4))], iv, 0.95).unwrap();
        let h = m.heterogeneity.unwrap();
        assert_eq!((h.q, h.df, h.p, h.i2), (0.0, 1, 1.0, 0.0));
        // SEs of 1e-200 and 1e200: the weights are relative, nothing overflows
        let m =
            average_cases(&[case(1.0, Some(1e-200)), case(5.0, Some(1e200))], iv, 0.95).unwrap();
        assert_eq!(m.value, 1.0);
        assert_close(m.se.unwrap(), 1e-200, 1e-15, "SE");
        let m = average_cases(&[case(1.0, Some(1e200)), case(3.0, Some(1e200))], iv, 0.95).unwrap();
        assert_close(m.se.unwrap(), 1e200 / 2f64.sqrt(), 1e-15, "SE");
        let m = average_cases(
            &[case(1.0, Some(1e200)), case(3.0, Some(1e200))],
            Weighting::Equal,
            0.95,
        )
        .unwrap();
        assert_close(m.se.unwrap(), 1e200 / 2f64.sqrt(), 1e-15, "SE");
    }

    use proptest::prelude::*;

    fn phase(max: u32) -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec(0..=max, 2..12).prop_map(|v| v.into_iter().map(f64::from).collect())
    }

    proptest! {
        #[test]
        fn count_lrr_changes_only_its_sign_with_the_direction(a in phase(40), b in phase(40)) {
            let o = RatioOptions::default();
            let (i, d) = (LrrKind::Increasing, LrrKind::Decreasing);
            let (inc, dec) = (Improvement::Increase, Improvement::Decrease);
            let ii = lrr_scaled(&a, &b, i, inc, &o, 0.95).unwrap();
            for (kind, imp, sign) in [(i, dec, -1.0), (d, dec, 1.0), (d, inc, -1.0)] {
                let m = lrr_scaled(&a, &b, kind, imp, &o, 0.95).unwrap();
                prop_assert_eq!(m.value, sign * ii.value);
                prop_assert_eq!(m.se, ii.se);
            }
        }

        #[test]
        fn percentages_and_proportions_give_the_same_ratios(a in phase(20), b in phase(20), intervals in 1u32..200) {
            // x out of 20 as a proportion and as a percentage, with the same intervals
            let p = |x: &[f64]| x.iter().map(|v| v / 20.0).collect::<Vec<f64>>();
            let pc = |x: &[f64]| x.iter().map(|v| v * 5.0).collect::<Vec<f64>>();
            let po = ratio(OutcomeScale::Proportion, Some(f64::from(intervals)));
            let pco = ratio(OutcomeScale::Percentage, Some(f64::from(intervals)));
            for imp in [Improvement::Increase, Improvement::Decrease] {
                for kind in [LrrKind::Increasing, LrrKind::Decreasing] {
                    let x = lrr_scaled(&p(&a), &p(&b), kind, imp, &po, 0.95).unwrap();
                    let y = lrr_scaled(&pc(&a), &pc(&b), kind, imp, &pco, 0.95).unwrap();
                    prop_assert!((x.value - y.value).abs() < 1e-12 * x.value.abs().max(1.0));
                    prop_assert!((x.se.unwrap() - y.se.unwrap()).abs() < 1e-12 * x.se.unwrap());
                }
                let x = lor(&p(&a), &p(&b), imp, &po, 0.95).unwrap();
                let y = lor(&pc(&a), &pc(&b), imp, &pco, 0.95).unwrap();
                prop_assert!((x.value - y.value).abs() < 1e-12 * x.value.abs().max(1.0));
                prop_assert!((x.se.unwrap() - y.se.unwrap()).abs() < 1e-12 * x.se.unwrap());
            }
        }

        #[test]
        fn lor_is_symmetric_in_the_direction(a in phase(20), b in phase(20)) {
            let p = |x: &[f64]| x.iter().map(|v| v / 20.0).collect::<Vec<f64>>();
            let (a, b) = (p(&a), p(&b));
            let o = ratio(OutcomeScale::Proportion, Some(20.0));
            let up = lor(&a, &b, Improvement::Increase, &o, 0.95).unwrap();
            let down = lor(&a, &b, Improvement::Decrease, &o, 0.95).unwrap();
            prop_assert_eq!(up.value, -down.value);
            // and reversing the scale (1 − p) reverses it too
            let ra: Vec<f64> = a.iter().map(|v| 1.0 - v).collect();
            let rb: Vec<f64> = b.iter().map(|v| 1.0 - v).collect();
            let rev = lor(&ra, &rb, Improvement::Increase, &o, 0.95).unwrap();
            prop_assert!((rev.value + up.value).abs() < 1e-10 * up.value.abs().max(1.0));
        }

        #[test]
        fn pooled_smd_is_free_of_location_and_scale(a in phase(30), b in phase(30), shift in -1e3f64..1e3, f in 0.01f64..100.0) {
            let Ok(m) = smd_with(&a, &b, Improvement::Increase, SmdSd::Pool, true, 0.95) else {
                return Ok(());
            };
            let t = |x: &[f64]| x.iter().map(|v| v * f + shift).collect::<Vec<f64>>();
            let n = smd_with(&t(&a), &t(&b), Improvement::Increase, SmdSd::Pool, true, 0.95).unwrap();
            prop_assert!((m.value - n.value).abs() < 1e-9 * m.value.abs().max(1.0));
        }

        #[test]
        fn the_weighted_mean_lies_within_the_cases(v in prop::collection::vec((-5.0f64..5.0, 0.01f64..3.0), 1..30)) {
            let cases: Vec<CaseEstimate> = v.iter().map(|&(x, s)| case(x, Some(s))).collect();
            let (lo, hi) = v.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &(x, _)| (l.min(x), h.max(x)));
            for w in [Weighting::Equal, Weighting::InverseVariance, Weighting::SessionProduct] {
                let m = average_cases(&cases, w, 0.95).unwrap();
                prop_assert!(m.value >= lo - 1e-12 && m.value <= hi + 1e-12);
                prop_assert!(m.se.unwrap() > 0.0);
            }
        }
    }
}
