//! Shapiro–Wilk test of normality (Royston 1995, Applied Statistics algorithm AS R94).

use super::distributions::{pnorm_upper, qnorm};
use super::{check_finite, NotComputable, Outcome};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShapiroWilk {
    pub n: usize,
    pub w: f64,
    pub p_value: f64,
}

/// Horner evaluation of c[0] + c[1]x + … (AS R94's `poly`).
fn poly(c: &[f64], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &ci| acc * x + ci)
}

/// The test is defined for 3 to 5000 values (R's `shapiro.test`).
fn sample_size_allowed(n: usize) -> Outcome<()> {
    if n < 3 {
        return Err(NotComputable::TooFewObservations { n, needed: 3 });
    }
    if n > 5000 {
        return Err(NotComputable::TooManyObservations { n, limit: 5000 });
    }
    Ok(())
}

/// [`shapiro_wilk`] of the differences post − pre, which are formed only where the test is
/// defined (a million pairs are not copied to be refused).
pub fn shapiro_wilk_of_differences(pre: &[f64], post: &[f64]) -> Outcome<ShapiroWilk> {
    sample_size_allowed(pre.len())?;
    shapiro_wilk(&super::differences(pre, post))
}

/// Shapiro–Wilk W and its p-value for 3 ≤ n ≤ 5000 (R's `shapiro.test`).
///
/// Royston, P. (1995). Remark AS R94: A remark on algorithm AS 181: The W-test for normality.
/// Applied Statistics 44(4), 547–551. The coefficients a_i come from the expected normal order
/// statistics m_i = Φ⁻¹((i − 3/8)/(n + 1/4)) with Royston's polynomial corrections of the two
/// extreme ones; W is the squared correlation of the sorted data with a; for n ≥ 4 the p-value
/// comes from Royston's normalizing transformation of log(1 − W) (n ≤ 11: through
/// −log(γ − log(1 − W))), for n = 3 it is exact: p = (6/π)(asin √W − π/3).
///
/// As R, data whose range is below 1e-10 (but not 0) are rescaled by the range first; a zero
/// range ("all values identical") and n outside 3..=5000 are not computable.
pub fn shapiro_wilk(x: &[f64]) -> Outcome<ShapiroWilk> {
    let n = x.len();
    sample_size_allowed(n)?;
    check_finite(x)?;
    let mut xs = x.to_vec();
    xs.sort_by(f64::total_cmp);
    let range = xs[n - 1] - xs[0];
    if range == 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: crate::stats::Subject::Sample,
        });
    }
    if range < 1e-10 {
        for v in &mut xs {
            *v /= range;
        }
    }
    let (w, p_value) = swilk(&xs);
    Ok(ShapiroWilk { n, w, p_value })
}

/// W and p for sorted data (n ≥ 3, nonzero range).
fn swilk(x: &[f64]) -> (f64, f64) {
    const C1: [f64; 6] = [0.0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
    const C2: [f64; 6] = [0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
    const C3: [f64; 4] = [0.544, -0.39978, 0.025054, -6.714e-4];
    const C4: [f64; 4] = [1.3822, -0.77857, 0.062767, -0.0020322];
    const C5: [f64; 4] = [-1.5861, -0.31082, -0.083751, 0.0038915];
    const C6: [f64; 3] = [-0.4803, -0.082676, 0.0030302];
    const G: [f64; 2] = [-2.273, 0.459];

    let n = x.len();
    let an = n as f64;
    let nn2 = n / 2;
    // a[i] for i = 0..nn2: coefficient of the (i+1)-th largest value (positive).
    let mut a = vec![0.0; nn2];
    if n == 3 {
        a[0] = std::f64::consts::FRAC_1_SQRT_2;
    } else {
        let an25 = an + 0.25;
        let m: Vec<f64> = (1..=nn2)
            .map(|i| qnorm((i as f64 - 0.375) / an25))
            .collect();
        let summ2 = 2.0 * m.iter().map(|v| v * v).sum::<f64>();
        let ssumm2 = summ2.sqrt();
        let rsn = 1.0 / an.sqrt();
        let a1 = poly(&C1, rsn) - m[0] / ssumm2;
        let (i1, fac) = if n > 5 {
            let a2 = -m[1] / ssumm2 + poly(&C2, rsn);
            a[1] = a2;
            let fac = ((summ2 - 2.0 * m[0] * m[0] - 2.0 * m[1] * m[1])
                / (1.0 - 2.0 * a1 * a1 - 2.0 * a2 * a2))
                .sqrt();
            (2, fac)
        } else {
            (
                1,
                ((summ2 - 2.0 * m[0] * m[0]) / (1.0 - 2.0 * a1 * a1)).sqrt(),
            )
        };
        a[0] = a1;
        for i in i1..nn2 {
            a[i] = -m[i] / fac;
        }
    }

    // Coefficient of sorted position i (0-based): −a for the lower half, +a for the upper half,
    // 0 for the middle of odd n.
    let coef = |i: usize| -> f64 {
        let j = n - 1 - i;
        if i < j {
            -a[i]
        } else if i > j {
            a[j]
        } else {
            0.0
        }
    };
    let range = x[n - 1] - x[0];
    let sa = (0..n).map(coef).sum::<f64>() / an;
    let sx = x.iter().map(|v| v / range).sum::<f64>() / an;
    let (mut ssa, mut ssx, mut sax) = (0.0, 0.0, 0.0);
    for (i, &xi) in x.iter().enumerate() {
        let asa = coef(i) - sa;
        let xsx = xi / range - sx;
        ssa += asa * asa;
        ssx += xsx * xsx;
        sax += asa * xsx;
    }
    // W = 1 − w1, w1 computed without cancellation (AS R94).
    let ssassx = (ssa * ssx).sqrt();
    let w1 = (ssassx - sax) * (ssassx + sax) / (ssa * ssx);
    let w = 1.0 - w1;

    if n == 3 {
        const PI6: f64 = 6.0 / std::f64::consts::PI;
        const STQR: f64 = std::f64::consts::FRAC_PI_3;
        let p = (PI6 * (w.sqrt().asin() - STQR)).max(0.0);
        return (w, p.min(1.0));
    }
    let y = w1.ln();
    let lxx = an.ln();
    let (y, m, s) = if n <= 11 {
        let gamma = poly(&G, an);
        if y >= gamma {
            return (w, 1e-99); // as AS R94: W is so small that p is effectively 0
        }
        (-(gamma - y).ln(), poly(&C3, an), poly(&C4, an).exp())
    } else {
        (y, poly(&C5, lxx), poly(&C6, lxx).exp())
    };
    (w, pnorm_upper((y - m) / s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::*;

    #[test]
    fn matches_r_shapiro_test_on_every_case() {
        // R 4.2.2: shapiro.test(post - pre) (reference.R, "shapiro"); R errors for n < 3 and
        // for identical values, where we return a reason.
        let mut checked = 0;
        for name in case_names() {
            let case = reference_case(&name);
            let r = &case.reference["shapiro"];
            let got = shapiro_wilk(&case.diff);
            let Some(w) = r.get("W").and_then(num) else {
                assert!(got.is_err(), "{name}: R errors, we gave {got:?}");
                continue;
            };
            let got = got.unwrap_or_else(|e| panic!("{name}: {e}"));
            // constant_diff_frac_n9 is pure rounding noise (range 1e-15): W only to 1e-4 there.
            let tol = if name == "constant_diff_frac_n9" {
                1e-4
            } else {
                TOL_ITER
            };
            assert_close(got.w, w, tol, &format!("{name} W"));
            assert_close(
                got.p_value,
                num(&r["p_value"]).unwrap(),
                tol,
                &format!("{name} p"),
            );
            checked += 1;
        }
        assert!(checked >= 20);
    }

    #[test]
    fn small_samples_match_r() {
        // R: print(unlist(shapiro.test(c(1, 2, 4))[1:2]), digits = 17)
        //    print(unlist(shapiro.test(c(2.1, 3.3, 1.2, 8.8, 4.1))[1:2]), digits = 17)
        let got = shapiro_wilk(&[1.0, 2.0, 4.0]).unwrap();
        assert_close(got.w, 0.96428571428571419, 1e-10, "n=3 W");
        assert_close(got.p_value, 0.63688684502896320, 1e-8, "n=3 p");
        let got = shapiro_wilk(&[2.1, 3.3, 1.2, 8.8, 4.1]).unwrap();
        assert_close(got.w, 0.87650019691479941, 1e-9, "n=5 W");
        assert_close(got.p_value, 0.29375137741996110, TOL_ITER, "n=5 p");
    }

    #[test]
    fn refuses_out_of_range_sizes() {
        assert!(matches!(
            shapiro_wilk(&[1.0, 2.0]),
            Err(NotComputable::TooFewObservations { .. })
        ));
        let big: Vec<f64> = (0..5001).map(f64::from).collect();
        assert!(matches!(
            shapiro_wilk(&big),
            Err(NotComputable::TooManyObservations { .. })
        ));
        assert!(shapiro_wilk(&[3.0; 10]).is_err());
    }
}
