//! Effect sizes of single-case designs: the scores of a baseline phase (A) against those of a
//! treatment phase (B) of one case, as the R package SingleCaseES 0.7.4 defines them with its
//! default options (Pustejovsky, Chen, Swan & Grekov; reviews: Parker, Vannest & Davis 2011;
//! Pustejovsky 2018, 2019; Tarlow 2017).
//!
//! `Improvement::Decrease` negates the scores first (a fall is an improvement), except where a
//! measure's definition says otherwise (the log response ratios). Every function takes the
//! phases in session order (A then B), with no missing values.

use super::describe::median;
use super::distributions::{find_root, qnorm};
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
pub fn smd(a: &[f64], b: &[f64], improvement: Improvement, confidence: f64) -> Outcome<Measure> {
    needs(a, b, 1)?;
    // (with two baseline sessions ν = 1 and J = 1 − 3/(4ν − 1) = 0: SingleCaseES prints 0
    // [0, 0], an effect of exactly nothing)
    if a.len() < 3 {
        return Err(NotComputable::TooFewObservations {
            n: a.len(),
            needed: 3,
        });
    }
    let (m, n) = (a.len() as f64, b.len() as f64);
    let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
    let var = |x: &[f64]| {
        let mu = mean(x);
        x.iter().map(|v| (v - mu).powi(2)).sum::<f64>() / (x.len() as f64 - 1.0)
    };
    let s2 = var(a);
    if s2 == 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: crate::stats::Subject::BaselinePhase,
        });
    }
    // (one treatment session: its variance is unknown; SingleCaseES gives NA)
    let vb = if b.len() > 1 { var(b) } else { f64::NAN };
    let df = m - 1.0;
    let j = 1.0 - 3.0 / (4.0 * df - 1.0);
    let mut d = j * (mean(b) - mean(a)) / s2.sqrt();
    if improvement == Improvement::Decrease {
        d = -d;
    }
    let se = j * (1.0 / m + vb / (n * s2) + d * d / (2.0 * df)).sqrt();
    if se.is_finite() {
        Ok(Measure::normal(d, se, z_of(confidence)))
    } else {
        Ok(Measure::point(d))
    }
}

/// The log response ratio (Pustejovsky 2015, 2018), bias corrected, for scores on a count scale
/// (SingleCaseES's default, truncation constant D = 1): with each phase's mean truncated at
/// 1/(2n) and variance at 1/n³,
///   LRR = [ln M_B + V_B/(2 n M_B²)] − [ln M_A + V_A/(2 m M_A²)],  SE = √(V_A/(m M_A²) + V_B/(n M_B²)).
/// For an increase this is LRRi, for a decrease LRRd (the same ratio: a fall is negative).
pub fn lrr(a: &[f64], b: &[f64], confidence: f64) -> Outcome<Measure> {
    needs(a, b, 1)?;
    if a.iter().chain(b).any(|&v| v < 0.0) {
        return Err(NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::LrrNeedsCounts,
        });
    }
    if a.len() < 2 || b.len() < 2 {
        return Err(NotComputable::TooFewObservations {
            n: a.len().min(b.len()),
            needed: 2,
        });
    }
    let part = |x: &[f64]| {
        let n = x.len() as f64;
        let mean = x.iter().sum::<f64>() / n;
        let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
        let mean = mean.max(1.0 / (2.0 * n));
        let var = var.max(1.0 / (n * n * n));
        (
            mean.ln() + var / (2.0 * n * mean * mean),
            var / (n * mean * mean),
        )
    };
    let ((la, va), (lb, vb)) = (part(a), part(b));
    Ok(Measure::normal(lb - la, (va + vb).sqrt(), z_of(confidence)))
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
}
