//! Planning the next study (`prepost power`): of the sample size, the effect, the power and α,
//! the one left out is solved for from the others, for the paired t-test, two groups' change
//! scores, or the ANCOVA, and for the Wilcoxon tests by their asymptotic relative efficiency.

use crate::model::{PlanDesign, PlanTest, PowerPlan, Unknown};
use crate::note::Note;
use crate::stats::distributions::lgamma;
use crate::stats::power::{
    alpha_for, min_effect, power, sample_size_with_remark, Design, WILCOXON_ARE,
};
use crate::stats::{Alternative, NotComputable, Outcome};

/// A planning question: every quantity but `unknown` given.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanQuestion {
    pub design: PlanDesign,
    pub test: PlanTest,
    pub alternative: Alternative,
    pub unknown: Unknown,
    /// Pairs, or (per group) sizes: (n1, n2); equal groups give n1 = n2.
    pub n: Option<(f64, f64)>,
    pub d: Option<f64>,
    pub power: Option<f64>,
    pub alpha: Option<f64>,
    /// The pre–post correlation (ANCOVA).
    pub r: Option<f64>,
    /// The share expected to drop out, in [0, 1).
    pub dropout: f64,
}

impl PlanQuestion {
    /// The design at sizes (n1, n2), shrunk by the efficiency of the test.
    fn design_at(&self, (n1, n2): (f64, f64)) -> Design {
        let k = match self.test {
            PlanTest::T => 1.0,
            PlanTest::Wilcoxon => WILCOXON_ARE,
        };
        match self.design {
            PlanDesign::Paired => Design::Paired { n: n1 * k },
            PlanDesign::TwoGroup => Design::TwoGroup {
                n1: n1 * k,
                n2: n2 * k,
            },
            PlanDesign::Ancova => Design::Ancova {
                n1: n1 * k,
                n2: n2 * k,
                r: self.r.unwrap_or(0.0),
            },
        }
    }
}

/// Answers a planning question.
pub fn plan(q: &PlanQuestion) -> Outcome<PowerPlan> {
    let alt = q.alternative;
    let (mut n, mut d, mut pw, mut alpha) = (q.n, q.d, q.power, q.alpha);
    let want = |v: Option<f64>| v.expect("given: every quantity but the unknown");
    let mut remark = None;
    match q.unknown {
        Unknown::N => {
            // the t-test's sample size, divided by the efficiency of the test
            let t_design = PlanQuestion {
                test: PlanTest::T,
                ..q.clone()
            }
            .design_at((0.0, 0.0));
            let (n_t, below_smallest) =
                sample_size_with_remark(t_design, want(d), want(alpha), want(pw), alt)?;
            remark = below_smallest;
            let n_test = match q.test {
                PlanTest::T => n_t,
                PlanTest::Wilcoxon => n_t / WILCOXON_ARE,
            };
            n = Some((n_test, n_test));
        }
        Unknown::D => {
            d = Some(min_effect(
                q.design_at(want_n(n)),
                want(alpha),
                want(pw),
                alt,
            )?)
        }
        Unknown::Power => pw = Some(power(q.design_at(want_n(n)), want(d), want(alpha), alt)?),
        Unknown::Alpha => alpha = Some(alpha_for(q.design_at(want_n(n)), want(d), want(pw), alt)?),
    }
    let (n1, n2) = want_n(n);
    let (d, alpha, pw) = (want(d), want(alpha), want(pw));
    // whole participants: the real solution rounded up (a given n is whole already)
    let (mut r1, mut r2) = (n1.ceil(), n2.ceil());
    let mut notes: Vec<Note> = remark.map(Note::Remark).into_iter().collect();
    if q.test == PlanTest::Wilcoxon {
        // the exact rank test cannot reject at α below some n, whatever the effect
        let reachable = |a: f64, b: f64| smallest_exact_p(q.design, (a, b), alt) <= alpha;
        if !reachable(r1, r2) {
            if q.unknown != Unknown::N {
                return Err(NotComputable::NotApplicable {
                    why: crate::stats::Inapplicable::ExactRankNeverReachesAlpha,
                });
            }
            while !reachable(r1, r2) {
                r1 += 1.0;
                r2 += 1.0;
            }
            notes.push(Note::ExactRankRaisesN {
                alpha,
                least: r1 as u64,
                paired: q.design == PlanDesign::Paired,
            });
        }
        notes.push(Note::AsymptoticEfficiency);
    }
    let recruit = |k: f64| (k / (1.0 - q.dropout) - 1e-9).ceil();
    let two = q.design != PlanDesign::Paired;
    let achieved = power(q.design_at((r1, r2)), d, alpha, alt)?;
    Ok(PowerPlan {
        prepost_version: env!("CARGO_PKG_VERSION").to_string(),
        design: q.design,
        test: q.test,
        method: match q.test {
            PlanTest::T => "noncentral t".into(),
            PlanTest::Wilcoxon => {
                "noncentral t at n times the asymptotic relative efficiency 3/pi (normal data)"
                    .into()
            }
        },
        solved_for: q.unknown,
        alternative: alt,
        d,
        alpha,
        power: pw,
        n: (n1 == n2).then_some(n1),
        n1: two.then_some(n1),
        n2: two.then_some(n2),
        r: q.r.filter(|_| q.design == PlanDesign::Ancova),
        n_required: (r1 == r2).then_some(r1 as u64),
        power_at_n_required: achieved,
        dropout: q.dropout,
        n_recruit: (r1 == r2).then_some(recruit(r1) as u64),
        n_total_recruit: if two {
            (recruit(r1) + recruit(r2)) as u64
        } else {
            recruit(r1) as u64
        },
        notes,
    })
}

/// The smallest p-value the exact rank test can give with these sizes: 2⁻ⁿ one-sided for the
/// signed-rank test of n pairs (all differences of one sign), 1/C(n₁ + n₂, n₁) for the
/// Mann–Whitney test (the groups entirely apart); twice that two-sided.
fn smallest_exact_p(design: PlanDesign, (n1, n2): (f64, f64), alternative: Alternative) -> f64 {
    let one_sided = match design {
        PlanDesign::Paired => 0.5f64.powf(n1),
        _ => (lgamma(n1 + 1.0) + lgamma(n2 + 1.0) - lgamma(n1 + n2 + 1.0)).exp(),
    };
    match alternative {
        Alternative::TwoSided => (2.0 * one_sided).min(1.0),
        _ => one_sided,
    }
}

fn want_n(n: Option<(f64, f64)>) -> (f64, f64) {
    n.expect("given: every quantity but the unknown")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(unknown: Unknown) -> PlanQuestion {
        PlanQuestion {
            design: PlanDesign::Paired,
            test: PlanTest::T,
            alternative: Alternative::TwoSided,
            unknown,
            n: Some((11.0, 11.0)),
            d: Some(0.5),
            power: Some(0.8),
            alpha: Some(0.05),
            r: None,
            dropout: 0.0,
        }
    }

    /// pwr: the exact n for d = 0.5 is 33.367128953319209 (scripts/reference/power.R).
    #[test]
    fn sample_size_is_the_real_solution_rounded_up() {
        let p = plan(&PlanQuestion {
            n: None,
            ..question(Unknown::N)
        })
        .unwrap();
        assert!((p.n.unwrap() - 33.367128953319209).abs() < 1e-9);
        assert_eq!(p.n_required, Some(34));
        assert!(p.power_at_n_required > 0.8);
        // 20% dropout: 34 / 0.8 = 42.5, recruit 43
        let p = plan(&PlanQuestion {
            n: None,
            dropout: 0.2,
            ..question(Unknown::N)
        })
        .unwrap();
        assert_eq!(p.n_recruit, Some(43));
        // a round division is not rounded up again: 32 / 0.8 = 40
        let p = plan(&PlanQuestion {
            n: Some((32.0, 32.0)),
            power: None,
            dropout: 0.2,
            ..question(Unknown::Power)
        })
        .unwrap();
        assert_eq!(p.n_recruit, Some(40));
    }

    #[test]
    fn the_wilcoxon_test_needs_pi_over_three_times_the_pairs() {
        let t = plan(&PlanQuestion {
            n: None,
            ..question(Unknown::N)
        })
        .unwrap();
        let w = plan(&PlanQuestion {
            n: None,
            test: PlanTest::Wilcoxon,
            ..question(Unknown::N)
        })
        .unwrap();
        let ratio = w.n.unwrap() / t.n.unwrap();
        assert!((ratio - std::f64::consts::PI / 3.0).abs() < 1e-12);
        // and its power at n is the t-test's at n·3/π
        let p = plan(&PlanQuestion {
            power: None,
            test: PlanTest::Wilcoxon,
            ..question(Unknown::Power)
        })
        .unwrap();
        let want = power(
            Design::Paired {
                n: 11.0 * WILCOXON_ARE,
            },
            0.5,
            0.05,
            Alternative::TwoSided,
        )
        .unwrap();
        assert_eq!(p.power, want);
    }

    /// Two-sided at .05 the signed-rank test needs 6 pairs (its smallest p with 5 is
    /// 2/32 = .0625), one-sided 5; the Mann-Whitney test 4 per group (2/70 = .029; with 3,
    /// 2/20 = .1).
    #[test]
    fn the_exact_rank_test_needs_a_smallest_number() {
        let p = plan(&PlanQuestion {
            n: None,
            d: Some(2.0),
            test: PlanTest::Wilcoxon,
            ..question(Unknown::N)
        })
        .unwrap();
        assert!(p.n.unwrap() < 5.0);
        assert_eq!(p.n_required, Some(6));
        assert!(p.notes[0].to_string().contains("fewer than 6 pairs"));
        let greater = plan(&PlanQuestion {
            n: None,
            d: Some(2.0),
            test: PlanTest::Wilcoxon,
            alternative: Alternative::Greater,
            ..question(Unknown::N)
        })
        .unwrap();
        assert_eq!(greater.n_required, Some(5));
        assert!(plan(&PlanQuestion {
            n: Some((5.0, 5.0)),
            power: None,
            test: PlanTest::Wilcoxon,
            ..question(Unknown::Power)
        })
        .is_err());
        let groups = |n: f64| smallest_exact_p(PlanDesign::TwoGroup, (n, n), Alternative::TwoSided);
        assert!((groups(4.0) - 2.0 / 70.0).abs() < 1e-15 && groups(3.0) > 0.05);
    }

    #[test]
    fn unequal_groups_keep_both_sizes() {
        let p = plan(&PlanQuestion {
            design: PlanDesign::TwoGroup,
            n: Some((11.0, 10.0)),
            d: None,
            ..question(Unknown::D)
        })
        .unwrap();
        // pwr.t2n.test(n1 = 11, n2 = 10, power = .8), exact
        assert!((p.d - 1.2905141161835663).abs() < 1e-9);
        assert_eq!((p.n, p.n1, p.n2), (None, Some(11.0), Some(10.0)));
        assert_eq!(p.n_required, None);
        assert_eq!(p.n_total_recruit, 21);
    }
}
