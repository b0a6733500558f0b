//! Descriptives as SPSS prints them (`DESCRIPTIVES /STATISTICS = MEAN STDDEV MIN MAX SKEWNESS
//! KURTOSIS`, `FREQUENCIES`, `EXAMINE`): n, mean, SD, minimum, maximum, and the skewness and
//! kurtosis with their standard errors.

use super::describe::{describe_of, Descriptives};
use super::summation::{Accumulator, Moments};
use super::tally::Quartiles;
use super::{check_finite, NotComputable, Outcome, Subject};
use serde::Serialize;

/// A shape statistic with its standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ShapeStatistic {
    pub value: f64,
    pub se: f64,
}

/// Skewness and kurtosis as SPSS defines them. Each is `None` when it is not defined: too few
/// values (skewness needs 3, kurtosis 4) or no spread (SD = 0); [`shape_reason`] says why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shape {
    pub skewness: Option<ShapeStatistic>,
    pub kurtosis: Option<ShapeStatistic>,
}

/// [`Descriptives`] (n, mean, SD, quartiles, min, max) with SPSS's skewness and kurtosis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpssDescriptives {
    #[serde(flatten)]
    pub descriptives: Descriptives,
    #[serde(flatten)]
    pub shape: Shape,
}

/// SPSS's standard error of the skewness, SES = √(6n(n − 1) / ((n − 2)(n + 1)(n + 3)))
/// (IBM SPSS Statistics Algorithms, DESCRIPTIVES; the exact SE of G1 for a normal sample,
/// Fisher 1930). Defined for n ≥ 3.
pub fn se_skewness(n: usize) -> Option<f64> {
    (n >= 3).then(|| {
        let n = n as f64;
        (6.0 * n * (n - 1.0) / ((n - 2.0) * (n + 1.0) * (n + 3.0))).sqrt()
    })
}

/// SPSS's standard error of the kurtosis, SEK = 2·SES·√((n² − 1) / ((n − 3)(n + 5)))
/// (IBM SPSS Statistics Algorithms, DESCRIPTIVES). Defined for n ≥ 4.
pub fn se_kurtosis(n: usize) -> Option<f64> {
    let ses = se_skewness(n)?;
    (n >= 4).then(|| {
        let n = n as f64;
        2.0 * ses * ((n * n - 1.0) / ((n - 3.0) * (n + 5.0))).sqrt()
    })
}

/// Skewness G1 and kurtosis G2 of a sample as SPSS, SAS (VARDEF = DF), Excel (`SKEW`,
/// `KURT`), `psych::describe(type = 2)` and `e1071::skewness(type = 2)` compute them
/// (Joanes & Gill 1998, "type 2"): with m_r = Σ(x − x̄)^r / n, g1 = m3 / m2^{3/2} and
/// g2 = m4 / m2² − 3,
///
///   G1 = g1·√(n(n − 1)) / (n − 2),   G2 = ((n + 1)·g2 + 6)·(n − 1) / ((n − 2)(n − 3)),
///
/// with SPSS's standard errors [`se_skewness`] and [`se_kurtosis`]. The central moments are
/// two-pass sums with an exact accumulator, so an offset of 1e9 changes nothing.
///
/// Needs at least one value, all finite; G1 and G2 are `None` below 3 and 4 values or when
/// all values are equal (R gives NaN; SPSS leaves the cell empty).
pub fn shape(x: &[f64]) -> Outcome<Shape> {
    if x.is_empty() {
        return Err(NotComputable::TooFewObservations { n: 0, needed: 1 });
    }
    check_finite(x)?;
    Ok(shape_of(x, &Moments::of(x)))
}

/// [`shape`] of finite values (at least one) with their moments.
pub fn shape_of(x: &[f64], moments: &Moments) -> Shape {
    let none = Shape {
        skewness: None,
        kurtosis: None,
    };
    let n = moments.n;
    if n < 3 {
        return none;
    }
    // deviations scaled by the largest one (G1 and G2 do not change), so that their cubes and
    // fourth powers neither overflow nor underflow whatever the unit
    let scale = x
        .iter()
        .fold(0.0f64, |a, &v| a.max((v - moments.mean).abs()));
    if !(scale > 0.0 && scale.is_finite()) {
        return none;
    }
    let (mut s2, mut s3, mut s4) = (Accumulator::new(), Accumulator::new(), Accumulator::new());
    for &v in x {
        let d = (v - moments.mean) / scale;
        let d2 = d * d;
        s2.add(d2);
        s3.add(d2 * d);
        s4.add(d2 * d2);
    }
    let nf = n as f64;
    let (m2, m3, m4) = (s2.value() / nf, s3.value() / nf, s4.value() / nf);
    let g1 = m3 / m2.powf(1.5);
    let g2 = m4 / (m2 * m2) - 3.0;
    let skew = g1 * (nf * (nf - 1.0)).sqrt() / (nf - 2.0);
    let kurt = ((nf + 1.0) * g2 + 6.0) * (nf - 1.0) / ((nf - 2.0) * (nf - 3.0));
    if !(skew.is_finite() && (n < 4 || kurt.is_finite())) {
        return none;
    }
    Shape {
        skewness: se_skewness(n).map(|se| ShapeStatistic { value: skew, se }),
        kurtosis: se_kurtosis(n).map(|se| ShapeStatistic { value: kurt, se }),
    }
}

/// Why a statistic of [`Shape`] is `None` for `n` values with sum of squares `ss`
/// (`kurtosis`: the kurtosis, else the skewness); `None` if it is defined.
pub fn shape_reason(n: usize, ss: f64, kurtosis: bool) -> Option<NotComputable> {
    let needed = if kurtosis { 4 } else { 3 };
    if n < needed {
        Some(NotComputable::TooFewObservations { n, needed })
    } else if ss == 0.0 {
        Some(NotComputable::ZeroVariance {
            what: Subject::Sample,
        })
    } else {
        None
    }
}

/// SPSS's descriptives of a sample: [`super::describe::describe`] and [`shape`] from its
/// quartiles (counted or selected) and one pass of moments. Needs at least one value, all finite.
pub fn describe_spss(x: &[f64]) -> Outcome<SpssDescriptives> {
    if x.is_empty() {
        return Err(NotComputable::TooFewObservations { n: 0, needed: 1 });
    }
    check_finite(x)?;
    let moments = Moments::of(x);
    Ok(SpssDescriptives {
        descriptives: describe_of(&moments, &Quartiles::of(x)),
        shape: shape_of(x, &moments),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::survey_data;
    use crate::stats::testutil::{assert_close, TOL_CLOSED};

    #[test]
    fn matches_psych_describe_type_2_on_real_data() {
        // R 4.2.2, psych 2.2.9, e1071 1.7-13 (scripts/reference/survey_groups.R, `shape`):
        //   psych::describe(x, type = 2)$skew and $kurtosis (= e1071 type 2), SPSS's SEs
        //   ses <- sqrt(6*n*(n-1)/((n-2)*(n+1)*(n+3))); sek <- 2*ses*sqrt((n^2-1)/((n-3)*(n+5)))
        //   on PlantGrowth$weight, InsectSprays$count, chickwts$weight, bfi$age, bfi$A2
        let r = survey_data::reference();
        let cases: [(&str, Vec<f64>); 5] = [
            ("plant", survey_data::plant_growth().concat()),
            ("insect", survey_data::insect_sprays().concat()),
            ("chick", survey_data::chickwts().concat()),
            ("bfi_age", survey_data::bfi().age),
            ("bfi_a2", survey_data::bfi().a2_answers()),
        ];
        for (name, x) in cases {
            let r = &r["shape"][name];
            let d = describe_spss(&x).unwrap();
            let (sk, ku) = (d.shape.skewness.unwrap(), d.shape.kurtosis.unwrap());
            let close = |a: f64, key: &str| {
                assert_close(
                    a,
                    survey_data::f(&r[key]),
                    TOL_CLOSED,
                    &format!("{name} {key}"),
                )
            };
            assert_eq!(d.descriptives.n as f64, survey_data::f(&r["n"]));
            close(d.descriptives.mean, "mean");
            close(d.descriptives.sd.unwrap(), "sd");
            close(d.descriptives.min, "min");
            close(d.descriptives.max, "max");
            close(sk.value, "skewness");
            close(sk.se, "se_skewness");
            close(ku.value, "kurtosis");
            close(ku.se, "se_kurtosis");
            // datawizard 0.6.5's skewness(type = "2")$SE is the type-1 SE √(6(n − 2)/((n + 1)(n + 3)))
            let n = d.descriptives.n as f64;
            assert_close(
                (6.0 * (n - 2.0) / ((n + 1.0) * (n + 3.0))).sqrt(),
                survey_data::f(&r["datawizard_se_skewness"]),
                TOL_CLOSED,
                "datawizard's SE",
            );
        }
    }

    #[test]
    fn spss_standard_errors_for_300_respondents() {
        // SPSS prints "Std. Error of Skewness .141" and "of Kurtosis .281" for n = 300;
        // R 4.2.2: n <- 300; ses <- sqrt(6*n*(n-1)/((n-2)*(n+1)*(n+3))) = 0.14072107775165657;
        //    2*ses*sqrt((n^2-1)/((n-3)*(n+5))) = 0.28053034506529412
        assert_close(
            se_skewness(300).unwrap(),
            0.14072107775165657,
            TOL_CLOSED,
            "SES",
        );
        assert_close(
            se_kurtosis(300).unwrap(),
            0.28053034506529412,
            TOL_CLOSED,
            "SEK",
        );
        assert_eq!(se_skewness(2), None);
        assert_eq!(se_kurtosis(3), None);
    }

    #[test]
    fn small_and_degenerate_samples() {
        // three values: skewness only. R 4.2.2, psych 2.2.9:
        //   psych::describe(c(1, 2, 7), type = 2)$skew = 1.5453925256950205; kurtosis NA (n < 4)
        let s = shape(&[1.0, 2.0, 7.0]).unwrap();
        assert_close(
            s.skewness.unwrap().value,
            1.5453925256950205,
            TOL_CLOSED,
            "skew",
        );
        assert!(s.kurtosis.is_none());
        assert_eq!(
            shape_reason(3, 1.0, true),
            Some(NotComputable::TooFewObservations { n: 3, needed: 4 })
        );
        // constant: neither (R: NaN)
        let s = shape(&[4.0; 10]).unwrap();
        assert!(s.skewness.is_none() && s.kurtosis.is_none());
        assert!(shape_reason(10, 0.0, false).is_some());
        assert!(shape(&[]).is_err());
        assert_eq!(shape(&[1.0, f64::NAN, 3.0]), Err(NotComputable::NonFinite));
        assert_eq!(shape(&[1.0, 2.0]).unwrap().skewness, None);
    }

    #[test]
    fn an_offset_of_1e9_or_another_unit_changes_nothing() {
        // values that 1e9 + x stores exactly
        let x = [2.25, 3.75, 4.5, 1.875, 5.25, 2.75, 3.25, 9.5];
        let shifted: Vec<f64> = x.iter().map(|v| v + 1e9).collect();
        let (a, b) = (shape(&x).unwrap(), shape(&shifted).unwrap());
        let (sa, sb) = (a.skewness.unwrap().value, b.skewness.unwrap().value);
        let (ka, kb) = (a.kurtosis.unwrap().value, b.kurtosis.unwrap().value);
        assert_close(sb, sa, 1e-9, "skewness");
        assert_close(kb, ka, 1e-9, "kurtosis");
        // and neither does the unit: 1e-200 or 1e150 times the values
        for unit in [1e-200, 1e150] {
            let scaled: Vec<f64> = x.iter().map(|v| v * unit).collect();
            let c = shape(&scaled).unwrap();
            assert_close(
                c.skewness.unwrap().value,
                sa,
                1e-12,
                "skewness in another unit",
            );
            assert_close(
                c.kurtosis.unwrap().value,
                ka,
                1e-12,
                "kurtosis in another unit",
            );
        }
    }

    #[test]
    fn a_million_values_in_one_pass() {
        // Uniform(0, 1) on a grid: G1 → 0, G2 → −1.2
        let n = 1_000_000;
        let x: Vec<f64> = (0..n).map(|i| (i as f64 + 0.5) / n as f64).collect();
        let d = describe_spss(&x).unwrap();
        assert!(d.shape.skewness.unwrap().value.abs() < 1e-9);
        assert_close(d.shape.kurtosis.unwrap().value, -1.2, 1e-5, "kurtosis");
        assert_eq!(d.descriptives.n, n);
    }
}
