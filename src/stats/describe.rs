//! Descriptive statistics of one sample, and Pearson's r between two.

use super::summation::{sum_cross_dev_scaled, Moments};
use super::tally::{Quartiles, Tally};
use super::{check_finite, NotComputable, Outcome};
use serde::Serialize;

/// Descriptives of one sample (R: `length`, `mean`, `sd`, `quantile(type = 7)`, `range`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Descriptives {
    pub n: usize,
    pub mean: f64,
    /// Sample SD with the n − 1 denominator; `None` for n < 2.
    pub sd: Option<f64>,
    /// Standard error of the mean, sd/√n; `None` for n < 2.
    pub se: Option<f64>,
    pub median: f64,
    /// First quartile, R's default `quantile(x, 0.25, type = 7)`.
    pub q1: f64,
    /// Third quartile, `quantile(x, 0.75, type = 7)`.
    pub q3: f64,
    pub min: f64,
    pub max: f64,
}

/// Describes a sample. Needs at least one value, all finite.
///
/// Mean and SD are two-pass with an exact accumulator (see [`super::summation`]), so adding a
/// constant such as 1e9 to every value does not change the SD.
pub fn describe(x: &[f64]) -> Outcome<Descriptives> {
    if x.is_empty() {
        return Err(NotComputable::TooFewObservations { n: 0, needed: 1 });
    }
    check_finite(x)?;
    Ok(describe_of(&Moments::of(x), &Quartiles::of(x)))
}

/// [`describe`] of finite values, at least one, from their moments and order statistics.
pub fn describe_of(moments: &Moments, order: &Quartiles) -> Descriptives {
    let n = moments.n;
    let sd = moments.sd();
    let se = sd.map(|sd| sd / (n as f64).sqrt());
    Descriptives {
        n,
        mean: moments.mean,
        sd,
        se,
        median: order.median,
        q1: order.q1,
        q3: order.q3,
        min: order.min,
        max: order.max,
    }
}

/// The sample SD (n − 1 denominator) of finite values, as in [`describe`] (which also orders);
/// None below two values.
pub fn sd(x: &[f64]) -> Option<f64> {
    Moments::of(x).sd()
}

/// Sample quantile of sorted data, R's default type 7 (see [`Tally::quantile`]).
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    Tally::from_sorted(sorted).quantile(p)
}

/// Median of unsorted data (R's `median`).
pub fn median(x: &[f64]) -> f64 {
    Tally::of(x).quantile(0.5)
}

/// Pearson's product-moment correlation r = Sxy / √(Sxx·Syy) (R's `cor(x, y)`).
///
/// Not computable when a sample is constant (R returns NA with a warning) or n < 2.
pub fn pearson_r(x: &[f64], y: &[f64]) -> Outcome<f64> {
    assert_eq!(x.len(), y.len(), "pearson_r needs paired samples");
    let n = x.len();
    if n < 2 {
        return Err(NotComputable::TooFewObservations { n, needed: 2 });
    }
    check_finite(x)?;
    check_finite(y)?;
    pearson_r_of(x, y, &Moments::of(x), &Moments::of(y))
}

/// [`pearson_r`] of finite paired samples (n ≥ 2) with their moments.
pub fn pearson_r_of(x: &[f64], y: &[f64], mx: &Moments, my: &Moments) -> Outcome<f64> {
    pearson_r_from(
        sum_cross_dev_scaled(x, mx.mean, mx.scale_exp, y, my.mean, my.scale_exp),
        mx,
        my,
    )
}

/// Pearson's r from Σ (x − x̄)(y − ȳ) in the units of the two samples' moments (divided by
/// 2^(`mx.scale_exp` + `my.scale_exp`): the scale cancels) and those moments.
pub fn pearson_r_from(cross_dev: f64, mx: &Moments, my: &Moments) -> Outcome<f64> {
    let n = mx.n;
    let (sxx, syy) = (mx.ss_unit, my.ss_unit);
    if sxx == 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: crate::stats::Subject::FirstSample,
        });
    }
    if syy == 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: crate::stats::Subject::SecondSample,
        });
    }
    // Same operation order as R's cov.c (covariance and SDs each divided by n − 1), so that
    // near-degenerate data (r within an ulp of 1) round as R does.
    let n1 = n as f64 - 1.0;
    let r = (cross_dev / n1) / ((sxx / n1).sqrt() * (syy / n1).sqrt());
    Ok(r.clamp(-1.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_close, reference_case, TOL_CLOSED};

    #[test]
    fn quartiles_follow_r_type_7() {
        // R: quantile(c(1, 2, 3, 4, 10), c(.25, .5, .75)) -> 2 3 4
        let d = describe(&[10.0, 2.0, 1.0, 4.0, 3.0]).unwrap();
        assert_eq!((d.q1, d.median, d.q3), (2.0, 3.0, 4.0));
        // R: quantile(c(1, 2, 3, 4), c(.25, .5, .75)) -> 1.75 2.50 3.25
        let d = describe(&[1.0, 2.0, 3.0, 4.0]).unwrap();
        assert_eq!((d.q1, d.median, d.q3), (1.75, 2.5, 3.25));
        assert_eq!((d.min, d.max, d.n), (1.0, 4.0, 4));
    }

    #[test]
    fn one_value_has_no_sd() {
        let d = describe(&[3.0]).unwrap();
        assert_eq!((d.mean, d.sd, d.median), (3.0, None, 3.0));
        assert!(describe(&[]).is_err());
        assert_eq!(describe(&[1.0, f64::NAN]), Err(NotComputable::NonFinite));
    }

    #[test]
    fn sd_is_unchanged_by_a_1e9_offset() {
        // Values that 1e9 + x stores exactly (multiples of 1/8), so the two samples really are
        // the same up to the shift. R: sd(c(2.25, 3.75, 4.5, 1.875, 5.25, 2.75, 3.25))
        //   = 1.2140668570277888 (print(..., digits = 17)).
        let x = [2.25, 3.75, 4.5, 1.875, 5.25, 2.75, 3.25];
        let shifted: Vec<f64> = x.iter().map(|v| v + 1e9).collect();
        let a = describe(&x).unwrap().sd.unwrap();
        let b = describe(&shifted).unwrap().sd.unwrap();
        assert_close(a, 1.2140668570277888, TOL_CLOSED, "sd");
        assert_close(b, a, 1e-9, "shifted sd");
    }

    #[test]
    fn descriptives_match_r_on_the_reference_cases() {
        // R 4.2.2: mean(), sd(), median(), cor() on ../shared/reference/cases/*/data.csv.
        for name in [
            "sleep",
            "hollander_wolfe",
            "huge_offset_int_n12",
            "huge_offset_cont_n15",
            "n200",
        ] {
            let case = reference_case(name);
            let r = &case.reference["descriptives"];
            let pre = describe(&case.pre).unwrap();
            let post = describe(&case.post).unwrap();
            let d = describe(&case.diff).unwrap();
            assert_close(pre.mean, r["mean_pre"].as_f64().unwrap(), TOL_CLOSED, name);
            assert_close(
                post.mean,
                r["mean_post"].as_f64().unwrap(),
                TOL_CLOSED,
                name,
            );
            assert_close(
                pre.sd.unwrap(),
                r["sd_pre"].as_f64().unwrap(),
                TOL_CLOSED,
                name,
            );
            assert_close(
                post.sd.unwrap(),
                r["sd_post"].as_f64().unwrap(),
                TOL_CLOSED,
                name,
            );
            assert_close(d.mean, r["mean_diff"].as_f64().unwrap(), TOL_CLOSED, name);
            assert_close(
                d.sd.unwrap(),
                r["sd_diff"].as_f64().unwrap(),
                TOL_CLOSED,
                name,
            );
            assert_close(
                d.median,
                r["median_diff"].as_f64().unwrap(),
                TOL_CLOSED,
                name,
            );
            assert_close(d.min, r["min_diff"].as_f64().unwrap(), TOL_CLOSED, name);
            assert_close(d.max, r["max_diff"].as_f64().unwrap(), TOL_CLOSED, name);
            let rr = pearson_r(&case.pre, &case.post).unwrap();
            assert_close(rr, r["r_pre_post"].as_f64().unwrap(), TOL_CLOSED, name);
        }
    }

    #[test]
    fn r_of_a_constant_sample_is_not_computable() {
        assert!(pearson_r(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]).is_err());
        assert!(pearson_r(&[1.0], &[1.0]).is_err());
        // R: print(cor(c(1,2,3,4), c(2,4,5,9)), digits = 17) = 0.96476382123773219
        let r = pearson_r(&[1.0, 2.0, 3.0, 4.0], &[2.0, 4.0, 5.0, 9.0]).unwrap();
        assert_close(r, 0.96476382123773219, 1e-14, "cor");
    }
}
