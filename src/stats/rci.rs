//! Reliable change and clinical significance per participant (Jacobson & Truax 1991).

use super::{NotComputable, Outcome};
use serde::{Deserialize, Serialize};

/// Reliable-change class of one participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum RciClass {
    ReliablyImproved,
    NoReliableChange,
    ReliablyDeteriorated,
}

impl RciClass {
    pub const ALL: [RciClass; 3] = [
        RciClass::ReliablyImproved,
        RciClass::NoReliableChange,
        RciClass::ReliablyDeteriorated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RciClass::ReliablyImproved => "reliably_improved",
            RciClass::NoReliableChange => "no_reliable_change",
            RciClass::ReliablyDeteriorated => "reliably_deteriorated",
        }
    }
}

/// Jacobson–Truax clinical-significance class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ClinicalClass {
    /// Reliably improved, and moved from the dysfunctional to the functional side of the cut-off.
    Recovered,
    /// Reliably improved, without crossing into the functional range.
    Improved,
    /// No reliable change.
    Unchanged,
    /// Reliably deteriorated.
    Deteriorated,
}

impl ClinicalClass {
    pub const ALL: [ClinicalClass; 4] = [
        ClinicalClass::Recovered,
        ClinicalClass::Improved,
        ClinicalClass::Unchanged,
        ClinicalClass::Deteriorated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClinicalClass::Recovered => "recovered",
            ClinicalClass::Improved => "improved",
            ClinicalClass::Unchanged => "unchanged",
            ClinicalClass::Deteriorated => "deteriorated",
        }
    }
}

/// Jacobson & Truax's cut-off criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Criterion {
    /// Two SDs beyond the dysfunctional (sample pre-test) mean, towards functioning.
    A,
    /// Within two SDs of the functional (norm) mean.
    B,
    /// Where the two distributions meet: (SD_d·M_f + SD_f·M_d)/(SD_d + SD_f).
    #[default]
    C,
}

/// S_diff = √2 · SD_pre · √(1 − r_xx), the standard error of a difference between two scores
/// (Jacobson & Truax 1991, eq. 2). Needs 0 ≤ r_xx < 1 and SD_pre > 0.
pub fn s_diff(sd_pre: f64, reliability: f64) -> Outcome<f64> {
    if !(0.0..1.0).contains(&reliability) {
        return Err(NotComputable::Depends {
            on: crate::stats::Prerequisite::Reliability,
        });
    }
    if sd_pre.is_nan() || sd_pre <= 0.0 || !sd_pre.is_finite() {
        return Err(NotComputable::ZeroVariance {
            what: crate::stats::Subject::PreTest,
        });
    }
    Ok(std::f64::consts::SQRT_2 * sd_pre * (1.0 - reliability).sqrt())
}

/// How the reliable change index is computed: the methods of the R package clinicalsignificance
/// (`cs_distribution(rci_method = …)`, Claus et al.; reviews: Bauer, Lambert & Nielsen 2004;
/// Wise 2004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RciMethod {
    /// Jacobson & Truax (1991): (post − pre)/S_diff, S_diff = √2·SD_pre·√(1 − r).
    #[default]
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

impl RciMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            RciMethod::Jt => "jt",
            RciMethod::Gln => "gln",
            RciMethod::Hll => "hll",
            RciMethod::En => "en",
            RciMethod::Ha => "ha",
        }
    }

    /// The critical |RCI| at confidence `level`: z_{1−α/2}, for Hageman–Arrindell z_{1−α}
    /// (clinicalsignificance: `qnorm(1 - significance_level / 2)`, HA `qnorm(1 - significance_level)`).
    pub fn critical(self, level: f64) -> f64 {
        match self {
            RciMethod::Ha => super::distributions::qnorm(level),
            _ => super::distributions::qnorm(1.0 - (1.0 - level) / 2.0),
        }
    }
}

/// What the methods read from the sample (the complete pairs): pre and post means and SDs, and
/// the pre–post correlation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub m_pre: f64,
    pub sd_pre: f64,
    pub m_post: f64,
    pub sd_post: f64,
    pub r_pre_post: f64,
}

/// A reliable change index ready to apply: the method, r_xx, the sample, and the denominator
/// (S_diff for JT; the SE of prediction for GLN and HLL; the SE of measurement for EN;
/// √r_dd·√2·SE for HA, with r_dd the reliability of the difference).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RciIndex {
    pub method: RciMethod,
    pub reliability: f64,
    pub sample: Sample,
    pub denominator: f64,
    pub r_dd: Option<f64>,
}

impl RciIndex {
    /// The index of `method` for a sample (as clinicalsignificance's `calc_rci`). JT needs only
    /// the pre-test SD; the others the sample's means (and HA its post-test SD and correlation).
    pub fn new(method: RciMethod, reliability: f64, sample: Sample) -> Outcome<RciIndex> {
        let s_diff = s_diff(sample.sd_pre, reliability)?;
        let se_measurement = sample.sd_pre * (1.0 - reliability).sqrt();
        let se_prediction = sample.sd_pre * (1.0 - reliability * reliability).sqrt();
        let (denominator, r_dd) = match method {
            RciMethod::Jt => (s_diff, None),
            RciMethod::Gln | RciMethod::Hll => (se_prediction, None),
            RciMethod::En => (se_measurement, None),
            RciMethod::Ha => {
                let (s1, s2, rho) = (sample.sd_pre, sample.sd_post, sample.r_pre_post);
                if !(s2 > 0.0 && rho.is_finite()) {
                    return Err(NotComputable::Depends {
                        on: crate::stats::Prerequisite::PostSdAndR,
                    });
                }
                let se2 = se_measurement * se_measurement;
                let (r1, r2) = ((s1 * s1 - se2) / (s1 * s1), (s2 * s2 - se2) / (s2 * s2));
                let r_dd = (s1 * s1 * r1 + s2 * s2 * r2 - 2.0 * s1 * s2 * rho)
                    / (s1 * s1 + s2 * s2 - 2.0 * s1 * s2 * rho);
                if !(r_dd > 0.0 && r_dd.is_finite()) {
                    return Err(NotComputable::NotApplicable {
                        why: crate::stats::Inapplicable::DifferenceUnreliable,
                    });
                }
                (
                    r_dd.sqrt() * std::f64::consts::SQRT_2 * se_measurement,
                    Some(r_dd),
                )
            }
        };
        if method != RciMethod::Jt && !(sample.m_pre.is_finite() && sample.m_post.is_finite()) {
            return Err(NotComputable::Depends {
                on: crate::stats::Prerequisite::SampleMeans,
            });
        }
        Ok(RciIndex {
            method,
            reliability,
            sample,
            denominator,
            r_dd,
        })
    }

    /// The RCI of one participant.
    pub fn of(&self, pre: f64, post: f64) -> f64 {
        let (r, s) = (self.reliability, &self.sample);
        let numerator = match self.method {
            RciMethod::Jt => post - pre,
            RciMethod::Gln => (post - s.m_pre) - r * (pre - s.m_pre),
            RciMethod::Hll => (post - s.m_post) - r * (pre - s.m_pre),
            RciMethod::En => post - (r * (pre - s.m_pre) + s.m_pre),
            RciMethod::Ha => {
                let r_dd = self.r_dd.expect("HA has r_dd");
                (post - pre) * r_dd + (s.m_post - s.m_pre) * (1.0 - r_dd)
            }
        };
        numerator / self.denominator
    }
}

/// The class of an RCI: beyond `critical` in the direction of improvement is a reliable
/// improvement, beyond it the other way a reliable deterioration.
pub fn classify(rci: f64, critical: f64, higher_is_better: bool) -> RciClass {
    if rci.abs() > critical {
        if (rci > 0.0) == higher_is_better {
            RciClass::ReliablyImproved
        } else {
            RciClass::ReliablyDeteriorated
        }
    } else {
        RciClass::NoReliableChange
    }
}

/// RCI = (post − pre)/S_diff and its class: |RCI| > `critical` is a reliable change, an
/// improvement when its sign agrees with `higher_is_better`.
pub fn reliable_change(
    pre: f64,
    post: f64,
    s_diff: f64,
    critical: f64,
    higher_is_better: bool,
) -> (f64, RciClass) {
    let rci = (post - pre) / s_diff;
    (rci, classify(rci, critical, higher_is_better))
}

/// The Jacobson–Truax cut-off. `dysfunctional` = (mean, SD) of the sample at pre-test,
/// `functional` = (mean, SD) of the norm group (needed for criteria b and c).
pub fn cutoff(
    criterion: Criterion,
    dysfunctional: (f64, f64),
    functional: Option<(f64, f64)>,
    higher_is_better: bool,
) -> Outcome<f64> {
    let towards = if higher_is_better { 1.0 } else { -1.0 };
    let (md, sd) = dysfunctional;
    match (criterion, functional) {
        (Criterion::A, _) => Ok(md + towards * 2.0 * sd),
        (Criterion::B, Some((mf, sf))) => Ok(mf - towards * 2.0 * sf),
        (Criterion::C, Some((mf, sf))) => Ok((sd * mf + sf * md) / (sd + sf)),
        _ => Err(NotComputable::Depends {
            on: crate::stats::Prerequisite::Norms,
        }),
    }
}

/// Whether a score is on the functional side of the cut-off (strictly beyond it).
pub fn functional(score: f64, cutoff: f64, higher_is_better: bool) -> bool {
    if higher_is_better {
        score > cutoff
    } else {
        score < cutoff
    }
}

/// The clinical class from the reliable-change class and the cut-off (Jacobson & Truax 1991):
/// recovered = reliably improved and moved from the dysfunctional side (pre) to the functional
/// side (post); improved = other reliable improvement; unchanged; deteriorated.
pub fn clinical_class(
    pre: f64,
    post: f64,
    rci: RciClass,
    cutoff: f64,
    higher_is_better: bool,
) -> ClinicalClass {
    match rci {
        RciClass::ReliablyImproved => {
            if !functional(pre, cutoff, higher_is_better)
                && functional(post, cutoff, higher_is_better)
            {
                ClinicalClass::Recovered
            } else {
                ClinicalClass::Improved
            }
        }
        RciClass::NoReliableChange => ClinicalClass::Unchanged,
        RciClass::ReliablyDeteriorated => ClinicalClass::Deteriorated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::*;

    #[test]
    fn the_worked_example_of_the_reference_notes() {
        // The team's anchors (appendix A): pre = 12 15 11 18 14 16 13 17 12 15,
        // post = 14 17 11 21 15 19 13 20 15 16, alpha = .80 -> RCI = 1.368 1.368 0 2.052 0.684
        // 2.052 0 2.052 2.052 0.684 -> 4 reliable improvers at 1.96. R:
        //   print(sqrt(2) * sd(pre) * sqrt(1 - 0.8), digits = 17) = 1.4621141466307537
        let pre = [12.0, 15.0, 11.0, 18.0, 14.0, 16.0, 13.0, 17.0, 12.0, 15.0];
        let post = [14.0, 17.0, 11.0, 21.0, 15.0, 19.0, 13.0, 20.0, 15.0, 16.0];
        let sd = crate::stats::describe::describe(&pre).unwrap().sd.unwrap();
        let s = s_diff(sd, 0.8).unwrap();
        assert_close(s, 1.4621141466307537, TOL_CLOSED, "S_diff");
        let want = [
            1.368, 1.368, 0.0, 2.052, 0.684, 2.052, 0.0, 2.052, 2.052, 0.684,
        ];
        let mut improved = 0;
        for ((a, b), w) in pre.iter().zip(&post).zip(want) {
            let (rci, class) = reliable_change(*a, *b, s, 1.959963984540054, true);
            assert_abs(rci, w, 5e-4, "rci");
            improved += usize::from(class == RciClass::ReliablyImproved);
        }
        assert_eq!(improved, 4);
    }

    #[test]
    fn classification_at_the_boundary_and_direction() {
        // |RCI| must exceed the critical value: exactly 1.96 is no reliable change.
        assert_eq!(
            reliable_change(0.0, 1.96, 1.0, 1.96, true).1,
            RciClass::NoReliableChange
        );
        assert_eq!(
            reliable_change(0.0, -1.96, 1.0, 1.96, true).1,
            RciClass::NoReliableChange
        );
        assert_eq!(
            reliable_change(0.0, 1.97, 1.0, 1.96, true).1,
            RciClass::ReliablyImproved
        );
        // Lower is better (an anxiety scale): going down is improving.
        assert_eq!(
            reliable_change(20.0, 15.0, 1.0, 1.96, false).1,
            RciClass::ReliablyImproved
        );
        assert_eq!(
            reliable_change(15.0, 20.0, 1.0, 1.96, false).1,
            RciClass::ReliablyDeteriorated
        );
        assert!(s_diff(2.0, 1.0).is_err());
        assert!(s_diff(0.0, 0.8).is_err());
    }

    #[test]
    fn cutoffs_follow_jacobson_and_truax() {
        // Jacobson & Truax (1991) criteria with M_d = 20, SD_d = 5 (sample) and M_f = 35, SD_f = 6:
        // a = 20 + 2*5 = 30; b = 35 - 2*6 = 23; c = (5*35 + 6*20)/11 = 26.818...
        let d = (20.0, 5.0);
        let f = Some((35.0, 6.0));
        assert_eq!(cutoff(Criterion::A, d, None, true).unwrap(), 30.0);
        assert_eq!(cutoff(Criterion::B, d, f, true).unwrap(), 23.0);
        assert_close(
            cutoff(Criterion::C, d, f, true).unwrap(),
            295.0 / 11.0,
            1e-15,
            "c",
        );
        assert!(cutoff(Criterion::C, d, None, true).is_err());
        // lower is better: a lies two SDs below the dysfunctional mean
        assert_eq!(cutoff(Criterion::A, d, None, false).unwrap(), 10.0);
        assert_eq!(
            clinical_class(22.0, 31.0, RciClass::ReliablyImproved, 30.0, true),
            ClinicalClass::Recovered
        );
        assert_eq!(
            clinical_class(31.0, 36.0, RciClass::ReliablyImproved, 30.0, true),
            ClinicalClass::Improved
        );
        assert_eq!(
            clinical_class(22.0, 29.0, RciClass::ReliablyImproved, 30.0, true),
            ClinicalClass::Improved
        );
        assert_eq!(
            clinical_class(22.0, 30.0, RciClass::ReliablyImproved, 30.0, true),
            ClinicalClass::Improved
        );
    }
}
