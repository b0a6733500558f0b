//! Levene's test of equal variances across k ≥ 2 groups, centred at the group means (Levene
//! 1960; SPSS's "based on mean") or at the group medians (Brown & Forsythe 1974; `car`'s
//! default).

use super::anova::nonempty_groups;
use super::describe::median;
use super::distributions::pf_tails;
use super::summation::{mean, Accumulator};
use super::{NotComputable, Outcome, Subject};
use serde::{Deserialize, Serialize};

/// The centre the absolute deviations are taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LeveneCenter {
    /// Group means: Levene (1960), SPSS's Levene test (`T-TEST`, `ONEWAY /STATISTICS
    /// HOMOGENEITY`), `car::leveneTest(center = mean)`.
    #[default]
    Mean,
    /// Group medians: Brown & Forsythe (1974), `car::leveneTest`'s default, SPSS's "based on
    /// median".
    Median,
}

impl LeveneCenter {
    pub fn as_str(self) -> &'static str {
        match self {
            LeveneCenter::Mean => "mean",
            LeveneCenter::Median => "median",
        }
    }
}

/// Levene's test: the one-way ANOVA F of z_ij = |x_ij − c_i|, c_i the group's mean or median.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Levene {
    pub center: LeveneCenter,
    pub f: f64,
    /// k − 1
    pub df1: f64,
    /// n − k
    pub df2: f64,
    pub p_value: f64,
}

/// [`Levene`] of the groups (empty groups skipped): F = (Σ n_i (z̄_i − z̄)²/(k − 1)) /
/// (Σ_ij (z_ij − z̄_i)²/(n − k)) on z_ij = |x_ij − c_i| (R `car::leveneTest(y ~ g, center)`,
/// which is `anova(lm(z ~ g))`).
///
/// Not computable with fewer than two groups with data, n ≤ k, or when the deviations do not
/// vary within the groups (every group constant or, for example, every group of two values:
/// car gives a meaningless F of ~10³⁰ or NaN there).
pub fn levene(groups: &[&[f64]], center: LeveneCenter) -> Outcome<Levene> {
    let (_, data) = nonempty_groups(groups)?;
    let k = data.len();
    let n: usize = data.iter().map(|g| g.len()).sum();
    if n <= k {
        return Err(NotComputable::TooFewObservations { n, needed: k + 1 });
    }
    // per group: n_i, z̄_i and Σ(z − z̄_i)²
    let mut stats = Vec::with_capacity(k);
    let mut total = Accumulator::new();
    for g in &data {
        let c = match center {
            LeveneCenter::Mean => mean(g),
            LeveneCenter::Median => median(g),
        };
        let z: Vec<f64> = g.iter().map(|v| (v - c).abs()).collect();
        let zm = mean(&z);
        let mut ss = Accumulator::new();
        for v in &z {
            let d = v - zm;
            ss.add(d * d);
            total.add(*v);
        }
        stats.push((g.len() as f64, zm, ss.value()));
    }
    let zbar = total.value() / n as f64;
    let (mut ssb, mut ssw) = (Accumulator::new(), Accumulator::new());
    for &(ni, zm, ss) in &stats {
        ssb.add(ni * (zm - zbar) * (zm - zbar));
        ssw.add(ss);
    }
    let (df1, df2) = ((k - 1) as f64, (n - k) as f64);
    let largest = stats.iter().fold(0.0f64, |a, s| a.max(s.1.abs()));
    let msw = ssw.value() / df2;
    if msw == 0.0 || msw.sqrt() < 10.0 * f64::EPSILON * largest {
        return Err(NotComputable::ZeroVariance {
            what: Subject::AbsoluteDeviations,
        });
    }
    let f = (ssb.value() / df1) / msw;
    Ok(Levene {
        center,
        f,
        df1,
        df2,
        p_value: pf_tails(f, df1, df2).1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::survey_data::{f, k_group_case, reference};
    use crate::stats::testutil::{assert_close, TOL_CLOSED};

    #[test]
    fn matches_car_levene_test() {
        // R 4.2.2, car 3.1-1: leveneTest(y ~ g, center = mean) and leveneTest(y ~ g)
        // (scripts/reference/survey_groups.R, k_groups)
        let r = reference();
        for name in ["plant", "insect", "chick", "bfi_edu"] {
            let g = k_group_case(name);
            let s: Vec<&[f64]> = g.iter().map(|v| v.as_slice()).collect();
            for (center, key) in [
                (LeveneCenter::Mean, "levene_mean"),
                (LeveneCenter::Median, "levene_median"),
            ] {
                let rl = &r["k_groups"][name][key];
                let l = levene(&s, center).unwrap();
                assert_close(l.f, f(&rl["f"]), TOL_CLOSED, name);
                assert_eq!((l.df1, l.df2), (f(&rl["df1"]), f(&rl["df2"])));
                assert_close(l.p_value, f(&rl["p"]), TOL_CLOSED, name);
            }
        }
    }

    #[test]
    fn a_group_of_one_and_a_constant_group() {
        // R 4.2.2, car 3.1-1: y = c(3, 5, 5, 5, 1, 2, 4, 7), g = a, b, b, b, c, c, c, c
        let r = reference();
        let g: [&[f64]; 3] = [&[3.0], &[5.0, 5.0, 5.0], &[1.0, 2.0, 4.0, 7.0]];
        for (center, key) in [
            (LeveneCenter::Mean, "levene_mean"),
            (LeveneCenter::Median, "levene_median"),
        ] {
            let l = levene(&g, center).unwrap();
            assert_close(l.f, f(&r["edge"][key]["f"]), TOL_CLOSED, key);
            assert_close(l.p_value, f(&r["edge"][key]["p"]), TOL_CLOSED, key);
        }
    }

    #[test]
    fn degenerate_inputs_are_errors() {
        // every group constant: all deviations 0
        let g: [&[f64]; 2] = [&[1.0, 1.0], &[3.0, 3.0, 3.0]];
        assert!(levene(&g, LeveneCenter::Mean).is_err());
        // groups of two: |x − centre| equal within each group
        let g: [&[f64]; 2] = [&[1.0, 2.0], &[3.0, 7.0]];
        assert!(levene(&g, LeveneCenter::Median).is_err());
        assert!(levene(&[&[1.0, 2.0]], LeveneCenter::Mean).is_err());
        let g: [&[f64]; 2] = [&[1.0, f64::INFINITY], &[3.0, 7.0]];
        assert_eq!(
            levene(&g, LeveneCenter::Mean),
            Err(NotComputable::NonFinite)
        );
    }
}
