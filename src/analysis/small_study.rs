//! What a small study can say beyond its p-value: the smallest effect it could have detected
//! (sensitivity), how strongly the data favour a change or none (the JZS Bayes factor), and
//! whether the change lies within bounds that matter (equivalence, TOST). Added to a scale's
//! paired result and to the comparison of two groups after the main analysis.

use super::{noted, subset};
use crate::model::{
    BayesFactor, BetweenGroups, BetweenSensitivity, Equivalence, ScaleResult, Sensitivity,
};
use crate::note::Note;
use crate::stats::ancova::within_group_r;
use crate::stats::bayes::{bf_of_ln, jzs_bf10, jzs_ln_bf10_curve};
use crate::stats::equivalence::tost_of;
use crate::stats::power::{min_effect, Design};
use crate::stats::two_group::student_t;
use crate::stats::{differences, Alternative, NotComputable, Outcome};
use crate::study::PairedScale;
use std::collections::BTreeMap;

/// The default scale of the Cauchy prior: √2/2, BayesFactor's "medium" (and JASP's).
pub const DEFAULT_PRIOR_SCALE: f64 = std::f64::consts::FRAC_1_SQRT_2;

/// The prior scales of the robustness curve: 0.5 to 1.5 in steps of 0.05.
fn robustness_scales() -> [f64; 21] {
    std::array::from_fn(|i| 0.5 + 0.05 * i as f64)
}

/// Equivalence bounds of a scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bounds {
    /// (low, high) in raw units.
    Given(f64, f64),
    /// ±D times the SD of the differences.
    DZ(f64),
}

/// Options of the small-study statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct SmallStudyOptions {
    /// α of the sensitivity analysis and of the equivalence test.
    pub alpha: f64,
    /// The power the sensitivity analysis asks for.
    pub power: f64,
    pub prior_scale: f64,
    /// `--equivalence SCALE=LOW,HIGH`.
    pub equivalence: Vec<(String, f64, f64)>,
    /// `--equivalence-dz D`: the bounds of every scale without given ones.
    pub equivalence_dz: Option<f64>,
}

impl Default for SmallStudyOptions {
    fn default() -> Self {
        SmallStudyOptions {
            alpha: 0.05,
            power: 0.8,
            prior_scale: DEFAULT_PRIOR_SCALE,
            equivalence: Vec::new(),
            equivalence_dz: None,
        }
    }
}

impl SmallStudyOptions {
    /// The equivalence bounds of `scale`, if any were asked for.
    pub fn bounds_of(&self, scale: &str) -> Option<Bounds> {
        self.equivalence
            .iter()
            .find(|(name, _, _)| name == scale)
            .map(|(_, lo, hi)| Bounds::Given(*lo, *hi))
            .or(self.equivalence_dz.map(Bounds::DZ))
    }
}

/// BF10 at the chosen prior scale and over the robustness scales.
fn bayes_factor(t: f64, df: f64, n: f64, r: f64, alternative: Alternative) -> Outcome<BayesFactor> {
    let bf10 = jzs_bf10(t, df, n, r, alternative)?;
    // (one integral for the curve: its nodes share the likelihood; a value beyond a double is
    // left out of the curve, as jzs_bf10 refuses it)
    let scales = robustness_scales();
    let robustness = scales
        .iter()
        .zip(jzs_ln_bf10_curve(t, df, n, &scales, alternative))
        .filter_map(|(&r, ln_bf)| Some((r, bf_of_ln(ln_bf.ok()?).ok()?)))
        .collect();
    Ok(BayesFactor {
        bf10,
        r_scale: r,
        alternative,
        robustness,
    })
}

/// Sensitivity, Bayes factor and (when asked) equivalence of a paired result, from its t-test;
/// the reasons for missing values go into its notes.
pub fn paired(result: &mut ScaleResult, opts: &SmallStudyOptions, alternative: Alternative) {
    let n = result.n_pairs as f64;
    let sensitivity =
        min_effect(Design::Paired { n }, opts.alpha, opts.power, alternative).map(|d| {
            Sensitivity {
                alpha: opts.alpha,
                power: opts.power,
                min_d_z: d,
            }
        });
    result.sensitivity = noted(&mut result.notes, "sensitivity", sensitivity);

    // both read the t-test: without it (too few pairs, constant differences) neither exists
    let why_no_t = || -> NotComputable {
        NotComputable::NotApplicable {
            why: crate::stats::Inapplicable::PairedTNotComputed,
        }
    };
    let t_test = result.t_test.clone();
    let bayes = t_test
        .as_ref()
        .ok_or_else(why_no_t)
        .and_then(|t| bayes_factor(t.t, t.df, n, opts.prior_scale, alternative));
    result.bayes = noted(&mut result.notes, "bayes", bayes);

    if let Some(bounds) = opts.bounds_of(&result.scale) {
        let sd = result.diff.as_ref().and_then(|d| d.sd);
        let equivalence = t_test.as_ref().ok_or_else(why_no_t).and_then(|t| {
            let (low, high, d_z_bound) = match bounds {
                Bounds::Given(lo, hi) => (lo, hi, None),
                Bounds::DZ(d) => {
                    let sd = sd.unwrap_or(f64::NAN);
                    (-d * sd, d * sd, Some(d))
                }
            };
            let e = tost_of(t.mean_diff, t.se, t.df, low, high, opts.alpha)?;
            Ok(Equivalence {
                low,
                high,
                bounds: if d_z_bound.is_some() { "d_z" } else { "given" }.to_string(),
                d_z_bound,
                alpha: e.alpha,
                p_value: e.p_value,
                p_lower: e.p_lower,
                p_upper: e.p_upper,
                ci_low: e.ci_low,
                ci_high: e.ci_high,
                equivalent: e.equivalent,
            })
        });
        result.equivalence = noted(&mut result.notes, "equivalence", equivalence);
    }
}

/// Sensitivity and Bayes factor of the difference in change between two groups.
pub fn between(
    between: &mut BetweenGroups,
    scale: &PairedScale,
    is_treatment: &[bool],
    opts: &SmallStudyOptions,
    alternative: Alternative,
    notes: &mut BTreeMap<String, Note>,
) {
    let (n1, n2) = (between.n_treatment as f64, between.n_comparison as f64);
    let r = within_group_r(&scale.pre, &scale.post, is_treatment);
    let sensitivity = min_effect(
        Design::TwoGroup { n1, n2 },
        opts.alpha,
        opts.power,
        alternative,
    )
    .map(|min_d| {
        let r = r.as_ref().ok().copied().filter(|r| r.abs() < 1.0);
        BetweenSensitivity {
            alpha: opts.alpha,
            power: opts.power,
            min_d,
            min_d_ancova: r.and_then(|r| {
                let design = Design::Ancova { n1, n2, r };
                min_effect(design, opts.alpha, opts.power, alternative).ok()
            }),
            r_within: r,
        }
    });
    between.sensitivity = noted(notes, "between_groups.sensitivity", sensitivity);
    if let Some(s) = &between.sensitivity {
        if s.min_d_ancova.is_none() {
            let why = match &r {
                Err(e) => e.clone().into(),
                Ok(_) => Note::PerfectlyCorrelatedWithinGroups,
            };
            notes.insert("between_groups.sensitivity.min_d_ancova".into(), why);
        }
    }
    let t = subset(scale, is_treatment, true);
    let c = subset(scale, is_treatment, false);
    let bayes =
        student_t(&differences(&t.pre, &t.post), &differences(&c.pre, &c.post)).and_then(|s| {
            bayes_factor(
                s.t,
                s.df,
                n1 * n2 / (n1 + n2),
                opts.prior_scale,
                alternative,
            )
        });
    between.bayes = noted(notes, "between_groups.bayes", bayes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze_scale, paired_scale as scale, AnalysisOptions};

    #[test]
    fn a_paired_result_gains_all_three() {
        // the differences 3, 1, 4, -1, 5, 2, 6, 0, 2, 3, 1 of src/stats/bayes.rs
        let pre = [10., 12., 9., 14., 11., 13., 8., 12., 10., 15., 11.];
        let d = [3., 1., 4., -1., 5., 2., 6., 0., 2., 3., 1.];
        let post: Vec<f64> = pre.iter().zip(d).map(|(p, d)| p + d).collect();
        let mut r = analyze_scale(&scale(&pre, &post), &AnalysisOptions::default());
        let opts = SmallStudyOptions {
            equivalence: vec![("s".into(), -1.0, 1.0)],
            ..SmallStudyOptions::default()
        };
        paired(&mut r, &opts, Alternative::TwoSided);
        // pwr.t.test(n = 11, power = .8, type = "paired"), solved exactly
        assert!((r.sensitivity.unwrap().min_d_z - 0.93769066389977096).abs() < 1e-9);
        let b = r.bayes.unwrap();
        assert!((b.bf10 - 12.74014176507444418).abs() < 1e-5);
        assert_eq!(b.robustness.len(), 21);
        let e = r.equivalence.unwrap();
        assert!(!e.equivalent && e.p_value > 0.9);
    }

    #[test]
    fn constant_differences_say_why() {
        let mut r = analyze_scale(
            &scale(&[1., 2., 3.], &[2., 3., 4.]),
            &AnalysisOptions::default(),
        );
        let opts = SmallStudyOptions {
            equivalence_dz: Some(0.5),
            ..SmallStudyOptions::default()
        };
        paired(&mut r, &opts, Alternative::TwoSided);
        assert!(r.sensitivity.is_some());
        assert!(r.bayes.is_none() && r.notes.contains_key("bayes"));
        assert!(r.equivalence.is_none() && r.notes.contains_key("equivalence"));
    }
}
