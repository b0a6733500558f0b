//! ANCOVA with k ≥ 2 groups: `lm(post ~ pre + group)` (first level the reference), the group
//! F test of `car::Anova` (type II = type III for this additive model), partial η², the
//! adjusted means at the mean of pre and their pairwise differences as
//! `emmeans::emmeans(m, pairwise ~ group, adjust = …)`, and the homogeneity-of-slopes test
//! `anova(lm(post ~ pre + group), lm(post ~ pre * group))`.
//!
//! The fit is [`super::regression`]'s QR (the additive model is the prefix of the interaction
//! model, so one factorization gives both).

use super::distributions::{pt_tails, qt};
use super::p_adjust::{p_adjust, PAdjust};
use super::regression::{FTest, QrFit};
use super::summation::mean;
use super::{valid_conf_level, Inapplicable, NotComputable, Outcome, Subject};
use serde::Serialize;

/// The multiplicity adjustment of the pairwise comparisons (emmeans' `adjust`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PairwiseAdjust {
    /// Tukey's studentized range: p = P(Q_{k,df} > √2·|t|), CI t-multiplier q_{k,df}(1−α)/√2
    /// (emmeans' default for pairwise comparisons).
    #[default]
    Tukey,
    /// Holm's step-down p (`p.adjust`); the intervals are Bonferroni's, as emmeans says
    /// ("Conf-level adjustment: bonferroni method").
    Holm,
    /// Bonferroni: p·m, intervals with t_{1−α/(2m)}, m = k(k − 1)/2 comparisons.
    Bonferroni,
    /// No adjustment.
    None,
}

// ---------------------------------------------------------------------------------------------
// The studentized range distribution, from stats/tukey.rs (written for the post hoc tests).

/// P(Q_{k,df} > q) of the studentized range (R: `ptukey(q, k, df, lower.tail = FALSE)`).
/// For k = 2, Q = √2·|T| exactly, so P = 2·P(T_df > q/√2).
fn tukey_upper(q: f64, k: usize, df: f64) -> Option<f64> {
    if k == 2 {
        return Some((2.0 * pt_tails(q / 2f64.sqrt(), df).1).min(1.0));
    }
    super::tukey::ptukey_upper(q, k as f64, df, 1.0).ok()
}

/// The p-quantile of the studentized range (R: `qtukey(p, k, df)`); for k = 2,
/// √2·t_{(1+p)/2, df}.
fn tukey_quantile(p: f64, k: usize, df: f64) -> Option<f64> {
    if k == 2 {
        return Some(2f64.sqrt() * qt((1.0 + p) / 2.0, df));
    }
    super::tukey::qtukey(p, k as f64, df, 1.0).ok()
}

const TUKEY_MISSING: &str = "the studentized range distribution could not be evaluated";

/// One term's test in the ANCOVA table (car::Anova type II).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnovaRow {
    pub ss: f64,
    pub df: f64,
    pub f: f64,
    pub p_value: f64,
    /// SS/(SS + SS_error).
    pub partial_eta_sq: f64,
}

/// A group's mean adjusted to the mean of the covariate (emmeans' `emmean`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdjustedMean {
    pub level: String,
    pub n: usize,
    /// The unadjusted mean of post in the group.
    pub raw_mean: f64,
    pub emmean: f64,
    pub se: f64,
    pub df: f64,
    /// Unadjusted t interval (emmeans' table of means).
    pub ci_low: f64,
    pub ci_high: f64,
}

/// A pairwise difference of adjusted means, `a − b` for a before b in level order (emmeans'
/// `pairwise` contrasts).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairwiseDiff {
    pub a: String,
    pub b: String,
    pub estimate: f64,
    pub se: f64,
    pub df: f64,
    pub t: f64,
    /// Two-sided p without adjustment.
    pub p_unadjusted: f64,
    /// The adjusted p; None when the adjustment is not available (see the note).
    pub p_value: Option<f64>,
    /// The adjusted interval (emmeans' `confint` of the contrasts).
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

/// ANCOVA of post on pre and a k-level group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AncovaGroups {
    /// Complete cases used.
    pub n: usize,
    /// Levels with observations, in order; the first is the reference.
    pub levels: Vec<String>,
    /// Levels without complete observations (dropped as `lm` drops unused levels).
    pub dropped_levels: Vec<String>,
    pub df_residual: usize,
    /// Mean of pre over the complete cases: where the means are adjusted to.
    pub covariate_mean: f64,
    /// The common slope of pre.
    pub slope: f64,
    pub slope_se: f64,
    /// Tests of pre and of group (car::Anova type II; = type III here).
    pub covariate: AnovaRow,
    pub group: AnovaRow,
    pub ss_error: f64,
    pub adjusted_means: Vec<AdjustedMean>,
    pub adjust: PairwiseAdjust,
    pub pairwise: Vec<PairwiseDiff>,
    /// Why the adjusted p or intervals are None.
    pub adjust_note: Option<&'static str>,
    /// The pre × group interaction F (homogeneity of regression slopes).
    pub slopes: Option<FTest>,
    pub slopes_note: Option<&'static str>,
}

/// ANCOVA with k groups, the emmeans of each group at the mean of pre and all pairwise
/// differences of them.
///
/// - Model: `lm(post ~ pre + group)`, treatment coding against the first level observed;
///   listwise deletion of rows with a missing pre, post (NaN) or group (None).
/// - Group test: F = (SS_group/(k − 1))/(SS_error/(n − k − 1)), SS_group the drop in RSS when
///   the group is added after pre (`car::Anova(m, type = 2)`; type 3 gives the same here);
///   partial η² = SS_group/(SS_group + SS_error). Likewise for pre (F = t² of the slope).
/// - Adjusted means (Searle, Speed & Milliken 1980; `emmeans`): ȳ_adj,g = b₀ + b_pre·x̄ + b_g,
///   SE = σ√(Lᵀ(XᵀX)⁻¹L), CI with t_{1−α/2, n−k−1}; differences likewise with the adjustment.
/// - Slopes: F of `anova(lm(post ~ pre + group), lm(post ~ pre * group))`.
///
/// Not computable: fewer than two levels with observations, no residual df, a constant pre
/// (or pre confounded with the groups), a perfect fit, non-finite values.
pub fn ancova_groups(
    pre: &[f64],
    post: &[f64],
    levels: &[String],
    group: &[Option<usize>],
    adjust: PairwiseAdjust,
    conf_level: f64,
) -> Outcome<AncovaGroups> {
    assert!(
        pre.len() == post.len() && pre.len() == group.len(),
        "pre, post and group need one value per row"
    );
    if !valid_conf_level(conf_level) {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::ConfLevelRange,
        });
    }
    let rows: Vec<usize> = (0..pre.len())
        .filter(|&i| !pre[i].is_nan() && !post[i].is_nan() && group[i].is_some())
        .collect();
    let x: Vec<f64> = rows.iter().map(|&i| pre[i]).collect();
    let y: Vec<f64> = rows.iter().map(|&i| post[i]).collect();
    if x.iter().chain(&y).any(|v| !v.is_finite()) {
        return Err(NotComputable::NonFinite);
    }
    let mut count = vec![0usize; levels.len()];
    for &i in &rows {
        match group[i] {
            Some(g) if g < levels.len() => count[g] += 1,
            _ => {
                return Err(NotComputable::NotApplicable {
                    why: Inapplicable::GroupOutsideLevels,
                })
            }
        }
    }
    let observed: Vec<usize> = (0..levels.len()).filter(|&l| count[l] > 0).collect();
    let k = observed.len();
    if k < 2 {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::AncovaTwoGroups,
        });
    }
    let n = rows.len();
    if n < k + 2 {
        return Err(NotComputable::TooFewObservations { n, needed: k + 2 });
    }
    if y.iter().all(|&v| v == y[0]) {
        return Err(NotComputable::ZeroVariance {
            what: Subject::PostTest,
        });
    }
    // columns: pre, dummies of levels 2..k, pre × dummies
    let dummies: Vec<Vec<f64>> = observed[1..]
        .iter()
        .map(|&l| {
            rows.iter()
                .map(|&i| f64::from(u8::from(group[i] == Some(l))))
                .collect()
        })
        .collect();
    let mut cols = vec![x.clone()];
    cols.extend(dummies.iter().cloned());
    for d in &dummies {
        cols.push(d.iter().zip(&x).map(|(d, x)| d * x).collect());
    }
    let fit = QrFit::new(&cols, &y);
    if fit.total_ss() == 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: Subject::PostTest,
        });
    }
    let additive_rank = fit.rank_of_prefix(k);
    if fit.aliased[0] {
        return Err(NotComputable::ZeroVariance {
            what: Subject::PreTest,
        });
    }
    if additive_rank < k {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::PreTestFunctionOfGroup,
        });
    }
    let m = fit.model(k);
    let df = m.df_residual();
    if m.perfect_fit() {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::PerfectFit,
        });
    }
    let total = fit.total_ss();
    let ss_error = m.rss * total;
    let row = |ss_scaled: f64, df1: usize| {
        let f = FTest::of(ss_scaled, df1, m.rss, df);
        AnovaRow {
            ss: ss_scaled * total,
            df: df1 as f64,
            f: f.f,
            p_value: f.p_value,
            partial_eta_sq: ss_scaled / (ss_scaled + m.rss),
        }
    };
    // type II SS of pre: the drop in RSS when pre leaves the additive model = t²·σ²
    let slope = m.coef(0);
    let slope_se = m
        .se(0)
        .ok_or(NotComputable::TooFewObservations { n, needed: k + 2 })?;
    let t_pre = slope / slope_se;
    let ss_pre_scaled = t_pre * t_pre * m.rss / df as f64;
    let covariate = row(ss_pre_scaled, 1);
    let group_row = row(fit.ss_between(1, k), k - 1);

    let tq = qt(1.0 - (1.0 - conf_level) / 2.0, df as f64);
    let covariate_mean = mean(&x);
    // c over the kept columns (pre, dummies): deviation of the design row from the column means
    let dummy_means: Vec<f64> = (1..k).map(|j| fit.col_mean[j]).collect();
    let mut adjusted_means = Vec::with_capacity(k);
    for (gi, &l) in observed.iter().enumerate() {
        let mut c = vec![covariate_mean - fit.col_mean[0]];
        for (j, dm) in dummy_means.iter().enumerate() {
            c.push(f64::from(u8::from(j + 1 == gi)) - dm);
        }
        let (est, se) = m.combination(&c, true);
        let se = se.ok_or(NotComputable::TooFewObservations { n, needed: k + 2 })?;
        let ys: Vec<f64> = rows
            .iter()
            .zip(&y)
            .filter(|(&i, _)| group[i] == Some(l))
            .map(|(_, v)| *v)
            .collect();
        adjusted_means.push(AdjustedMean {
            level: levels[l].clone(),
            n: count[l],
            raw_mean: mean(&ys),
            emmean: est,
            se,
            df: df as f64,
            ci_low: est - tq * se,
            ci_high: est + tq * se,
        });
    }
    // pairwise a − b, a before b
    let n_pairs = k * (k - 1) / 2;
    let mut pairwise = Vec::with_capacity(n_pairs);
    for a in 0..k {
        for b in a + 1..k {
            let mut c = vec![0.0; k];
            if a > 0 {
                c[a] += 1.0;
            }
            if b > 0 {
                c[b] -= 1.0;
            }
            let (est, se) = m.combination(&c, false);
            let se = se.ok_or(NotComputable::TooFewObservations { n, needed: k + 2 })?;
            let t = est / se;
            let (lo, up) = pt_tails(t, df as f64);
            pairwise.push(PairwiseDiff {
                a: levels[observed[a]].clone(),
                b: levels[observed[b]].clone(),
                estimate: est,
                se,
                df: df as f64,
                t,
                p_unadjusted: (2.0 * lo.min(up)).min(1.0),
                p_value: None,
                ci_low: None,
                ci_high: None,
            });
        }
    }
    let alpha = 1.0 - conf_level;
    let dff = df as f64;
    let mut adjust_note = None;
    let multiplier: Option<f64> = match adjust {
        PairwiseAdjust::Tukey => tukey_quantile(conf_level, k, dff).map(|q| q / 2f64.sqrt()),
        PairwiseAdjust::Holm | PairwiseAdjust::Bonferroni => {
            Some(qt(1.0 - alpha / (2.0 * n_pairs as f64), dff))
        }
        PairwiseAdjust::None => Some(tq),
    };
    let p_adj: Vec<Option<f64>> = match adjust {
        PairwiseAdjust::Tukey => pairwise
            .iter()
            .map(|d| tukey_upper(2f64.sqrt() * d.t.abs(), k, dff).map(|p| p.min(1.0)))
            .collect(),
        PairwiseAdjust::Holm | PairwiseAdjust::Bonferroni | PairwiseAdjust::None => {
            let method = match adjust {
                PairwiseAdjust::Holm => PAdjust::Holm,
                PairwiseAdjust::Bonferroni => PAdjust::Bonferroni,
                _ => PAdjust::None,
            };
            let raw: Vec<Option<f64>> = pairwise.iter().map(|d| Some(d.p_unadjusted)).collect();
            p_adjust(&raw, method)
        }
    };
    if multiplier.is_none() || p_adj.iter().any(Option::is_none) {
        adjust_note = Some(TUKEY_MISSING);
    }
    for (d, p) in pairwise.iter_mut().zip(p_adj) {
        d.p_value = p;
        if let Some(q) = multiplier {
            d.ci_low = Some(d.estimate - q * d.se);
            d.ci_high = Some(d.estimate + q * d.se);
        }
    }

    // homogeneity of slopes: the interaction columns after the additive model
    let full_rank = fit.kept.len();
    let (slopes, slopes_note) = if full_rank == additive_rank {
        (
            None,
            Some("the pre × group interaction cannot be estimated (pre is constant within the groups)"),
        )
    } else {
        let full = fit.model(full_rank);
        if full.df_residual() == 0 {
            (
                None,
                Some("with the pre × group interaction no residual degrees of freedom are left"),
            )
        } else if full.perfect_fit() {
            (
                None,
                Some("with the pre × group interaction the fit is essentially perfect: no test of parallel slopes"),
            )
        } else {
            let ss = fit.ss_between(additive_rank, full_rank);
            (
                Some(FTest::of(
                    ss,
                    full_rank - additive_rank,
                    full.rss,
                    full.df_residual(),
                )),
                None,
            )
        }
    };
    Ok(AncovaGroups {
        n,
        levels: observed.iter().map(|&l| levels[l].clone()).collect(),
        dropped_levels: (0..levels.len())
            .filter(|&l| count[l] == 0)
            .map(|l| levels[l].clone())
            .collect(),
        df_residual: df,
        covariate_mean,
        slope,
        slope_se,
        covariate,
        group: group_row,
        ss_error,
        adjusted_means,
        adjust,
        pairwise,
        adjust_note,
        slopes,
        slopes_note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testdata::Table;
    use crate::stats::testutil::*;

    // R 4.2.2, car 3.1-1, emmeans 1.8.4-1 (scripts/reference/ancova_groups.R):
    // m <- lm(post ~ pre + grp); Anova(m, type = 2) and type = 3; emmeans(m, ~ grp);
    // pairs(emm, adjust = a) and confint(...) for a in tukey, holm, bonferroni, none;
    // anova(m, update(m, . ~ . + pre:grp)).
    const ANOREXIA_TYPE2_SS_PRE_GROUP_RESID: [f64; 3] =
        [353.79490855596805, 766.27281275567657, 3311.2626199196134];
    const ANOREXIA_TYPE2_F: [f64; 2] = [7.2655227154377382, 7.8680789246264897];
    const ANOREXIA_TYPE2_P: [f64; 2] = [0.0088500323139479951, 0.00084383982385750379];
    const ANOREXIA_TYPE3_F_PRE_GROUP: [f64; 2] = [7.2655227154377373, 7.8680789246264888];
    const ANOREXIA_TYPE3_P: [f64; 2] = [0.0088500323139480037, 0.00084383982385750379];
    const ANOREXIA_PARTIAL_ETA_SQ_PRE_GROUP: [f64; 2] = [0.096531884099271714, 0.18792548229382802];
    const ANOREXIA_SLOPE_SE: [f64; 2] = [0.43446115036090327, 0.16118236185182946];
    const ANOREXIA_EMMEAN: [f64; 3] = [85.574328314309383, 81.47726278623648, 90.137390967228171];
    const ANOREXIA_EMMEAN_SE: [f64; 3] =
        [1.2966091734494587, 1.3753853246583223, 1.6976244567716274];
    const ANOREXIA_EMMEAN_LO: [f64; 3] =
        [82.986984992484054, 78.732724102136245, 86.74983410650492];
    const ANOREXIA_EMMEAN_HI: [f64; 3] =
        [88.161671636134713, 84.221801470336715, 93.524947827951422];
    const ANOREXIA_COVARIATE_MEAN: [f64; 1] = [82.408333333333331];
    const ANOREXIA_TUKEY_ESTIMATE: [f64; 3] =
        [4.0970655280728989, -4.5630626529187897, -8.6601281809916877];
    const ANOREXIA_TUKEY_SE: [f64; 3] =
        [1.8934926069669258, 2.1333359226431114, 2.1931494116430521];
    const ANOREXIA_TUKEY_T: [f64; 3] =
        [2.163761037670882, -2.1389330224493439, -3.9487178278946979];
    const ANOREXIA_TUKEY_P: [f64; 3] = [
        0.084876713933997538,
        0.089578231047467427,
        0.0005484109334711329,
    ];
    const ANOREXIA_TUKEY_LO: [f64; 3] = [
        -0.43990364888812827,
        -9.674716793802677,
        -13.915100523890592,
    ];
    const ANOREXIA_TUKEY_HI: [f64; 3] =
        [8.6340347050339261, 0.54859148796509682, -3.4051558380927833];
    const ANOREXIA_HOLM_P: [f64; 3] = [
        0.067998629440525704,
        0.067998629440525704,
        0.0005670713941027404,
    ];
    const ANOREXIA_HOLM_LO: [f64; 3] = [
        -0.55078693534068002,
        -9.7996453503439511,
        -14.043531769700419,
    ];
    const ANOREXIA_HOLM_HI: [f64; 3] =
        [8.7449179914864779, 0.67352004450637182, -3.2767245922829558];
    const ANOREXIA_BONFERRONI_P: [f64; 3] = [
        0.10199794416078856,
        0.1081052539946529,
        0.0005670713941027404,
    ];
    const ANOREXIA_BONFERRONI_LO: [f64; 3] = [
        -0.55078693534068002,
        -9.7996453503439511,
        -14.043531769700419,
    ];
    const ANOREXIA_BONFERRONI_HI: [f64; 3] =
        [8.7449179914864779, 0.67352004450637182, -3.2767245922829558];
    const ANOREXIA_NONE_P: [f64; 3] = [
        0.033999314720262852,
        0.036035084664884302,
        0.00018902379803424681,
    ];
    const ANOREXIA_NONE_LO: [f64; 3] =
        [0.31865985897829896, -8.8200682068563374, -13.03648969390904];
    const ANOREXIA_NONE_HI: [f64; 3] =
        [7.8754711971674993, -0.306057098981241, -4.2837666680743363];
    const ANOREXIA_SLOPES_F_DF1_DF2_P: [f64; 4] =
        [5.4112308012254529, 2.0, 66.0, 0.0066655907348127522];
    const MTCARS_GEAR_TYPE2_SS_PRE_GROUP_RESID: [f64; 3] =
        [364.32583140605561, 169.1961449506573, 278.47816859394464];
    const MTCARS_GEAR_TYPE2_F: [f64; 2] = [36.631680432529869, 8.5060385209697529];
    const MTCARS_GEAR_TYPE2_P: [f64; 2] = [1.589568013914967e-06, 0.0012989896458747052];
    const MTCARS_GEAR_TYPE3_F_PRE_GROUP: [f64; 2] = [36.631680432529862, 8.5060385209697493];
    const MTCARS_GEAR_TYPE3_P: [f64; 2] = [1.589568013914967e-06, 0.0012989896458747052];
    const MTCARS_GEAR_PARTIAL_ETA_SQ_PRE_GROUP: [f64; 2] =
        [0.56677592455251591, 0.3779447241701086];
    const MTCARS_GEAR_SLOPE_SE: [f64; 2] = [-0.066854255591477618, 0.011045888027895773];
    const MTCARS_GEAR_EMMEAN: [f64; 3] =
        [18.075245934437383, 20.710105591695701, 24.650008776618147];
    const MTCARS_GEAR_EMMEAN_SE: [f64; 3] =
        [0.87683197900289289, 1.1080758942581805, 1.5103093766548648];
    const MTCARS_GEAR_EMMEAN_LO: [f64; 3] =
        [16.2791370464934, 18.440315016246092, 21.556280263157998];
    const MTCARS_GEAR_EMMEAN_HI: [f64; 3] =
        [19.871354822381367, 22.979896167145309, 27.743737290078297];
    const MTCARS_GEAR_COVARIATE_MEAN: [f64; 1] = [146.6875];
    const MTCARS_GEAR_TUKEY_ESTIMATE: [f64; 3] = [
        -2.6348596572583176,
        -6.5747628421807658,
        -3.9399031849224482,
    ];
    const MTCARS_GEAR_TUKEY_SE: [f64; 3] =
        [1.5516396210192995, 1.6426836218990932, 2.0473017679283592];
    const MTCARS_GEAR_TUKEY_T: [f64; 3] = [
        -1.6981131582135236,
        -4.0024523009365218,
        -1.9244369572880262,
    ];
    const MTCARS_GEAR_TUKEY_P: [f64; 3] = [
        0.22362787809694629,
        0.0011789419823483582,
        0.15053835089913192,
    ];
    const MTCARS_GEAR_TUKEY_LO: [f64; 3] = [
        -6.4741595589840486,
        -10.639337491273984,
        -9.0056448493733434,
    ];
    const MTCARS_GEAR_TUKEY_HI: [f64; 3] =
        [1.2044402444674129, -2.5101881930875463, 1.125838479528448];
    const MTCARS_GEAR_HOLM_P: [f64; 3] = [
        0.12903363803116114,
        0.0012523586185746356,
        0.12903363803116114,
    ];
    const MTCARS_GEAR_HOLM_LO: [f64; 3] = [
        -6.5860559904721621,
        -10.757799557377794,
        -9.1532859374888957,
    ];
    const MTCARS_GEAR_HOLM_HI: [f64; 3] =
        [1.3163366759555268, -2.3917261269837367, 1.2734795676439985];
    const MTCARS_GEAR_BONFERRONI_P: [f64; 3] = [
        0.30172411226896034,
        0.0012523586185746356,
        0.1935504570467417,
    ];
    const MTCARS_GEAR_BONFERRONI_LO: [f64; 3] = [
        -6.5860559904721621,
        -10.757799557377794,
        -9.1532859374888957,
    ];
    const MTCARS_GEAR_BONFERRONI_HI: [f64; 3] =
        [1.3163366759555268, -2.3917261269837367, 1.2734795676439985];
    const MTCARS_GEAR_NONE_P: [f64; 3] = [
        0.10057470408965345,
        0.00041745287285821188,
        0.064516819015580568,
    ];
    const MTCARS_GEAR_NONE_LO: [f64; 3] =
        [-5.8132493384467168, -9.939647704988948, -8.1336107477569293];
    const MTCARS_GEAR_NONE_HI: [f64; 3] =
        [0.54353002393008198, -3.209877979372584, 0.25380437791203292];
    const MTCARS_GEAR_SLOPES_F_DF1_DF2_P: [f64; 4] =
        [7.6281373209830443, 2.0, 26.0, 0.0024733376024632142];
    const TWO_GROUPS_TYPE2_SS_PRE_GROUP_RESID: [f64; 3] =
        [40.817385057471228, 25.764253066419812, 4.3909482758620726];
    const TWO_GROUPS_TYPE2_F: [f64; 2] = [83.662216550505406, 52.80824619876757];
    const TWO_GROUPS_TYPE2_P: [f64; 2] = [7.4787685747627583e-06, 4.7294140374225974e-05];
    const TWO_GROUPS_TYPE3_F_PRE_GROUP: [f64; 2] = [83.662216550505406, 52.80824619876757];
    const TWO_GROUPS_TYPE3_P: [f64; 2] = [7.4787685747627583e-06, 4.7294140374225974e-05];
    const TWO_GROUPS_PARTIAL_ETA_SQ_PRE_GROUP: [f64; 2] =
        [0.90287303352931814, 0.85438836152934794];
    const TWO_GROUPS_SLOPE_SE: [f64; 2] = [0.91896551724137909, 0.10046956736992063];
    const TWO_GROUPS_EMMEAN: [f64; 2] = [11.722988505747127, 14.693678160919539];
    const TWO_GROUPS_EMMEAN_SE: [f64; 2] = [0.28711570385689833, 0.28711570385689822];
    const TWO_GROUPS_EMMEAN_LO: [f64; 2] = [11.073487659715395, 14.04417731488781];
    const TWO_GROUPS_EMMEAN_HI: [f64; 2] = [12.372489351778858, 15.343179006951269];
    const TWO_GROUPS_COVARIATE_MEAN: [f64; 1] = [11.166666666666666];
    const TWO_GROUPS_TUKEY_ESTIMATE: [f64; 1] = [-2.9706896551724133];
    const TWO_GROUPS_TUKEY_SE: [f64; 1] = [0.40879578726321331];
    const TWO_GROUPS_TUKEY_T: [f64; 1] = [-7.266928250558661];
    const TWO_GROUPS_TUKEY_P: [f64; 1] = [4.7294140374225974e-05];
    const TWO_GROUPS_TUKEY_LO: [f64; 1] = [-3.8954499734516226];
    const TWO_GROUPS_TUKEY_HI: [f64; 1] = [-2.0459293368932041];
    const TWO_GROUPS_SLOPES_F_DF1_DF2_P: [f64; 4] =
        [0.64915374806178927, 1.0, 8.0, 0.44370235396692537];

    fn fit(
        pre: &[f64],
        post: &[f64],
        levels: &[String],
        codes: &[Option<usize>],
        adjust: PairwiseAdjust,
    ) -> AncovaGroups {
        ancova_groups(pre, post, levels, codes, adjust, 0.95).unwrap()
    }

    fn close_all(got: &[f64], want: &[f64], what: &str) {
        close_tol(got, want, TOL_CLOSED, what);
    }

    fn close_tol(got: &[f64], want: &[f64], tol: f64, what: &str) {
        assert_eq!(got.len(), want.len(), "{what}");
        for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
            assert_close(g, w, tol, &format!("{what}[{i}]"));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn check_table(
        a: &AncovaGroups,
        ss: &[f64; 3],
        f: &[f64; 2],
        p: &[f64; 2],
        f3: &[f64; 2],
        p3: &[f64; 2],
        eta: &[f64; 2],
        slope: &[f64; 2],
        cov_mean: f64,
        slopes: &[f64; 4],
    ) {
        close_all(&[a.covariate.ss, a.group.ss, a.ss_error], ss, "SS");
        close_all(&[a.covariate.f, a.group.f], f, "F type II");
        close_all(&[a.covariate.f, a.group.f], f3, "F type III");
        close_all(&[a.covariate.p_value, a.group.p_value], p, "p");
        close_all(&[a.covariate.p_value, a.group.p_value], p3, "p type III");
        close_all(
            &[a.covariate.partial_eta_sq, a.group.partial_eta_sq],
            eta,
            "partial eta sq",
        );
        close_all(&[a.slope, a.slope_se], slope, "slope");
        assert_close(a.covariate_mean, cov_mean, TOL_CLOSED, "covariate mean");
        let s = a.slopes.as_ref().unwrap();
        close_all(&[s.f, s.p_value], &[slopes[0], slopes[3]], "slopes F");
        assert_eq!((s.df1, s.df2), (slopes[1], slopes[2]));
    }

    fn check_means(a: &AncovaGroups, m: &[f64], se: &[f64], lo: &[f64], hi: &[f64]) {
        let get = |f: fn(&AdjustedMean) -> f64| a.adjusted_means.iter().map(f).collect::<Vec<_>>();
        close_all(&get(|m| m.emmean), m, "emmean");
        close_all(&get(|m| m.se), se, "emmean SE");
        close_all(&get(|m| m.ci_low), lo, "emmean lo");
        close_all(&get(|m| m.ci_high), hi, "emmean hi");
    }

    #[allow(clippy::too_many_arguments)]
    fn check_pairs(
        a: &AncovaGroups,
        est: &[f64],
        se: &[f64],
        t: &[f64],
        p: &[f64],
        lo: &[f64],
        hi: &[f64],
        tol_adjusted: f64,
    ) {
        let get = |f: fn(&PairwiseDiff) -> f64| a.pairwise.iter().map(f).collect::<Vec<_>>();
        close_all(&get(|d| d.estimate), est, "estimate");
        close_all(&get(|d| d.se), se, "SE");
        close_all(&get(|d| d.t), t, "t");
        close_tol(&get(|d| d.p_value.unwrap()), p, tol_adjusted, "adjusted p");
        close_tol(&get(|d| d.ci_low.unwrap()), lo, tol_adjusted, "lo");
        close_tol(&get(|d| d.ci_high.unwrap()), hi, tol_adjusted, "hi");
    }

    fn anorexia() -> (Vec<f64>, Vec<f64>, Vec<String>, Vec<Option<usize>>) {
        let d = Table::read("anorexia.csv");
        let (levels, codes) = d.factor("Treat");
        (d.num("Prewt"), d.num("Postwt"), levels, codes)
    }

    #[test]
    fn anorexia_matches_car_anova_and_emmeans() {
        // MASS::anorexia: Postwt ~ Prewt + Treat, levels CBT (reference), Cont, FT
        let (pre, post, levels, codes) = anorexia();
        assert_eq!(levels, ["CBT", "Cont", "FT"]);
        let a = fit(&pre, &post, &levels, &codes, PairwiseAdjust::Holm);
        assert_eq!((a.n, a.df_residual), (72, 68));
        check_table(
            &a,
            &ANOREXIA_TYPE2_SS_PRE_GROUP_RESID,
            &ANOREXIA_TYPE2_F,
            &ANOREXIA_TYPE2_P,
            &ANOREXIA_TYPE3_F_PRE_GROUP,
            &ANOREXIA_TYPE3_P,
            &ANOREXIA_PARTIAL_ETA_SQ_PRE_GROUP,
            &ANOREXIA_SLOPE_SE,
            ANOREXIA_COVARIATE_MEAN[0],
            &ANOREXIA_SLOPES_F_DF1_DF2_P,
        );
        check_means(
            &a,
            &ANOREXIA_EMMEAN,
            &ANOREXIA_EMMEAN_SE,
            &ANOREXIA_EMMEAN_LO,
            &ANOREXIA_EMMEAN_HI,
        );
        assert_eq!(
            (a.pairwise[2].a.as_str(), a.pairwise[2].b.as_str()),
            ("Cont", "FT")
        );
        let (e, s, t) = (
            &ANOREXIA_TUKEY_ESTIMATE,
            &ANOREXIA_TUKEY_SE,
            &ANOREXIA_TUKEY_T,
        );
        check_pairs(
            &a,
            e,
            s,
            t,
            &ANOREXIA_HOLM_P,
            &ANOREXIA_HOLM_LO,
            &ANOREXIA_HOLM_HI,
            TOL_CLOSED,
        );
        let a = fit(&pre, &post, &levels, &codes, PairwiseAdjust::Bonferroni);
        check_pairs(
            &a,
            e,
            s,
            t,
            &ANOREXIA_BONFERRONI_P,
            &ANOREXIA_BONFERRONI_LO,
            &ANOREXIA_BONFERRONI_HI,
            TOL_CLOSED,
        );
        let a = fit(&pre, &post, &levels, &codes, PairwiseAdjust::None);
        check_pairs(
            &a,
            e,
            s,
            t,
            &ANOREXIA_NONE_P,
            &ANOREXIA_NONE_LO,
            &ANOREXIA_NONE_HI,
            TOL_CLOSED,
        );
        close_all(
            &a.pairwise
                .iter()
                .map(|d| d.p_unadjusted)
                .collect::<Vec<_>>(),
            &ANOREXIA_NONE_P,
            "raw p",
        );
    }

    /// emmeans' Tukey p is R's `ptukey(√2|t|, k, df, lower.tail = FALSE)` = 1 − P, good to about
    /// 1e-11 absolute, and its intervals use R's `qtukey`, which stops its secant iteration
    /// early; stats/tukey.rs computes both tails directly. They agree to 1e-6 relative (largest
    /// seen: 6e-8 on p = 0.00055, 4e-11 absolute; 3.6e-10 on a bound). See
    /// scripts/reference/ptukey_check.py for a 20-digit evaluation.
    #[test]
    fn anorexia_matches_emmeans_tukey() {
        let (pre, post, levels, codes) = anorexia();
        let a = fit(&pre, &post, &levels, &codes, PairwiseAdjust::Tukey);
        check_pairs(
            &a,
            &ANOREXIA_TUKEY_ESTIMATE,
            &ANOREXIA_TUKEY_SE,
            &ANOREXIA_TUKEY_T,
            &ANOREXIA_TUKEY_P,
            &ANOREXIA_TUKEY_LO,
            &ANOREXIA_TUKEY_HI,
            TOL_ITER,
        );
    }

    #[test]
    fn mtcars_matches_emmeans_tukey() {
        let (pre, post, levels, codes) = mtcars();
        let a = fit(&pre, &post, &levels, &codes, PairwiseAdjust::Tukey);
        check_pairs(
            &a,
            &MTCARS_GEAR_TUKEY_ESTIMATE,
            &MTCARS_GEAR_TUKEY_SE,
            &MTCARS_GEAR_TUKEY_T,
            &MTCARS_GEAR_TUKEY_P,
            &MTCARS_GEAR_TUKEY_LO,
            &MTCARS_GEAR_TUKEY_HI,
            TOL_ITER,
        );
    }

    fn mtcars() -> (Vec<f64>, Vec<f64>, Vec<String>, Vec<Option<usize>>) {
        let d = Table::read("mtcars.csv");
        let (levels, codes) = d.factor("gear");
        (d.num("hp"), d.num("mpg"), levels, codes)
    }

    #[test]
    fn mtcars_gear_matches_car_anova_and_emmeans() {
        // mtcars: mpg ~ hp + factor(gear), levels 3 (reference), 4, 5
        let (pre, post, levels, codes) = mtcars();
        let a = fit(&pre, &post, &levels, &codes, PairwiseAdjust::Holm);
        check_table(
            &a,
            &MTCARS_GEAR_TYPE2_SS_PRE_GROUP_RESID,
            &MTCARS_GEAR_TYPE2_F,
            &MTCARS_GEAR_TYPE2_P,
            &MTCARS_GEAR_TYPE3_F_PRE_GROUP,
            &MTCARS_GEAR_TYPE3_P,
            &MTCARS_GEAR_PARTIAL_ETA_SQ_PRE_GROUP,
            &MTCARS_GEAR_SLOPE_SE,
            MTCARS_GEAR_COVARIATE_MEAN[0],
            &MTCARS_GEAR_SLOPES_F_DF1_DF2_P,
        );
        check_means(
            &a,
            &MTCARS_GEAR_EMMEAN,
            &MTCARS_GEAR_EMMEAN_SE,
            &MTCARS_GEAR_EMMEAN_LO,
            &MTCARS_GEAR_EMMEAN_HI,
        );
        let (e, s, t) = (
            &MTCARS_GEAR_TUKEY_ESTIMATE,
            &MTCARS_GEAR_TUKEY_SE,
            &MTCARS_GEAR_TUKEY_T,
        );
        check_pairs(
            &a,
            e,
            s,
            t,
            &MTCARS_GEAR_HOLM_P,
            &MTCARS_GEAR_HOLM_LO,
            &MTCARS_GEAR_HOLM_HI,
            TOL_CLOSED,
        );
        let a = fit(&pre, &post, &levels, &codes, PairwiseAdjust::Bonferroni);
        check_pairs(
            &a,
            e,
            s,
            t,
            &MTCARS_GEAR_BONFERRONI_P,
            &MTCARS_GEAR_BONFERRONI_LO,
            &MTCARS_GEAR_BONFERRONI_HI,
            TOL_CLOSED,
        );
        let a = fit(&pre, &post, &levels, &codes, PairwiseAdjust::None);
        check_pairs(
            &a,
            e,
            s,
            t,
            &MTCARS_GEAR_NONE_P,
            &MTCARS_GEAR_NONE_LO,
            &MTCARS_GEAR_NONE_HI,
            TOL_CLOSED,
        );
    }

    #[test]
    fn two_groups_equal_the_two_group_ancova_and_tukey_is_t() {
        // the data of ancova.rs' tests; levels comp (reference), treat
        let pre = [10., 12., 9., 14., 11., 13., 8., 12., 10., 15., 11., 9.];
        let post = [14., 15., 13., 18., 13., 17., 9., 12., 11., 15., 12., 9.5];
        let levels = vec!["comp".to_string(), "treat".to_string()];
        let codes: Vec<Option<usize>> = (0..12).map(|i| Some(usize::from(i < 6))).collect();
        let a = fit(&pre, &post, &levels, &codes, PairwiseAdjust::Tukey);
        check_table(
            &a,
            &TWO_GROUPS_TYPE2_SS_PRE_GROUP_RESID,
            &TWO_GROUPS_TYPE2_F,
            &TWO_GROUPS_TYPE2_P,
            &TWO_GROUPS_TYPE3_F_PRE_GROUP,
            &TWO_GROUPS_TYPE3_P,
            &TWO_GROUPS_PARTIAL_ETA_SQ_PRE_GROUP,
            &TWO_GROUPS_SLOPE_SE,
            TWO_GROUPS_COVARIATE_MEAN[0],
            &TWO_GROUPS_SLOPES_F_DF1_DF2_P,
        );
        check_means(
            &a,
            &TWO_GROUPS_EMMEAN,
            &TWO_GROUPS_EMMEAN_SE,
            &TWO_GROUPS_EMMEAN_LO,
            &TWO_GROUPS_EMMEAN_HI,
        );
        check_pairs(
            &a,
            &TWO_GROUPS_TUKEY_ESTIMATE,
            &TWO_GROUPS_TUKEY_SE,
            &TWO_GROUPS_TUKEY_T,
            &TWO_GROUPS_TUKEY_P,
            &TWO_GROUPS_TUKEY_LO,
            &TWO_GROUPS_TUKEY_HI,
            TOL_ITER,
        );
        assert!(a.adjust_note.is_none());
        // = ancova::ancova (treatment − comparison = −(comp − treat))
        let treat: Vec<bool> = (0..12).map(|i| i < 6).collect();
        let two = crate::stats::ancova::ancova(&pre, &post, &treat, 0.95).unwrap();
        assert_close(-a.pairwise[0].estimate, two.diff, TOL_CLOSED, "diff");
        assert_close(a.pairwise[0].se, two.se.unwrap(), TOL_CLOSED, "se");
        assert_close(
            a.group.partial_eta_sq,
            two.partial_eta_sq.unwrap(),
            TOL_CLOSED,
            "eta",
        );
        assert_close(
            a.slopes.as_ref().unwrap().p_value,
            two.interaction_p.unwrap(),
            TOL_CLOSED,
            "slopes",
        );
    }

    #[test]
    fn missing_rows_empty_levels_and_degenerate_designs() {
        let (mut pre, post, levels, mut codes) = anorexia();
        // a level without complete rows is dropped; the next one becomes the reference
        for i in 0..pre.len() {
            if codes[i] == Some(0) {
                pre[i] = f64::NAN;
            }
        }
        let a = fit(&pre, &post, &levels, &codes, PairwiseAdjust::Holm);
        assert_eq!(a.levels, ["Cont", "FT"]);
        assert_eq!(a.dropped_levels, ["CBT"]);
        assert_eq!(a.pairwise.len(), 1);
        // one level left: not computable
        for c in codes.iter_mut() {
            if *c == Some(2) {
                *c = None;
            }
        }
        assert!(ancova_groups(&pre, &post, &levels, &codes, PairwiseAdjust::Holm, 0.95).is_err());
        // constant pre; pre constant within each group; perfect fit; tiny n
        let lv = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        let g: Vec<Option<usize>> = (0..9).map(|i| Some(i % 3)).collect();
        let y: Vec<f64> = (0..9).map(|i| (i * i % 7) as f64).collect();
        assert!(matches!(
            ancova_groups(&[1.0; 9], &y, &lv, &g, PairwiseAdjust::Holm, 0.95),
            Err(NotComputable::ZeroVariance { .. })
        ));
        let within: Vec<f64> = (0..9).map(|i| (i % 3) as f64 * 2.0).collect();
        assert!(matches!(
            ancova_groups(&within, &y, &lv, &g, PairwiseAdjust::Holm, 0.95),
            Err(NotComputable::NotApplicable { .. })
        ));
        let x: Vec<f64> = (0..9).map(|i| (i * 5 % 9) as f64).collect();
        let exact: Vec<f64> = x
            .iter()
            .zip(&g)
            .map(|(x, g)| 1.0 + 0.5 * x + g.unwrap() as f64)
            .collect();
        assert!(matches!(
            ancova_groups(&x, &exact, &lv, &g, PairwiseAdjust::Holm, 0.95),
            Err(NotComputable::NotApplicable {
                why: Inapplicable::PerfectFit
            })
        ));
        assert!(ancova_groups(&x[..4], &y[..4], &lv, &g[..4], PairwiseAdjust::Holm, 0.95).is_err());
        // x constant within one group: the slopes test loses a df but is computed
        let mut x2 = x.clone();
        x2[0] = 4.0;
        x2[3] = 4.0;
        x2[6] = 4.0;
        let a = ancova_groups(&x2, &y, &lv, &g, PairwiseAdjust::Holm, 0.95).unwrap();
        assert_eq!(a.slopes.as_ref().unwrap().df1, 1.0);
    }
}
