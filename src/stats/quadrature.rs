//! Adaptive Gauss–Kronrod quadrature (the 7/15-point pair of QUADPACK's `qk15`, Piessens et
//! al. 1983), for integrands that return several values at once (they share the nodes), with
//! a bounded number of subintervals.

/// Nodes of the 15-point Kronrod rule on [−1, 1] (the non-negative half, largest first).
const XGK: [f64; 8] = [
    0.991_455_371_120_812_6,
    0.949_107_912_342_758_5,
    0.864_864_423_359_769_1,
    0.741_531_185_599_394_5,
    0.586_087_235_467_691_1,
    0.405_845_151_377_397_2,
    0.207_784_955_007_898_48,
    0.0,
];
/// Weights of the 15-point Kronrod rule.
const WGK: [f64; 8] = [
    0.022_935_322_010_529_224,
    0.063_092_092_629_978_56,
    0.104_790_010_322_250_19,
    0.140_653_259_715_525_92,
    0.169_004_726_639_267_9,
    0.190_350_578_064_785_42,
    0.204_432_940_075_298_89,
    0.209_482_141_084_727_82,
];
/// Weights of the embedded 7-point Gauss rule (at XGK[1], XGK[3], XGK[5], XGK[7]).
const WG: [f64; 4] = [
    0.129_484_966_168_869_7,
    0.279_705_391_489_276_64,
    0.381_830_050_505_118_9,
    0.417_959_183_673_469_4,
];

/// One application of the 15-point rule on [a, b]: the Kronrod estimate and QUADPACK's error
/// estimate, per component.
fn gk15<const N: usize, F: FnMut(f64) -> [f64; N]>(
    f: &mut F,
    a: f64,
    b: f64,
) -> ([f64; N], [f64; N]) {
    let centre = 0.5 * (a + b);
    let half = 0.5 * (b - a);
    let fc = f(centre);
    let mut kronrod = [0.0; N];
    let mut gauss = [0.0; N];
    let mut abs_dev = [0.0; N];
    let mut values = [[0.0; N]; 15];
    values[7] = fc;
    for c in 0..N {
        kronrod[c] = WGK[7] * fc[c];
        gauss[c] = WG[3] * fc[c];
    }
    for j in 0..7 {
        let dx = half * XGK[j];
        let (f1, f2) = (f(centre - dx), f(centre + dx));
        values[j] = f1;
        values[14 - j] = f2;
        for c in 0..N {
            kronrod[c] += WGK[j] * (f1[c] + f2[c]);
            if j % 2 == 1 {
                gauss[c] += WG[j / 2] * (f1[c] + f2[c]);
            }
        }
    }
    let mut err = [0.0; N];
    for c in 0..N {
        // resasc: the integral of |f − mean f| (QUADPACK's scale of the error)
        let mean = 0.5 * kronrod[c];
        abs_dev[c] = WGK[7] * (fc[c] - mean).abs();
        for j in 0..7 {
            abs_dev[c] += WGK[j] * ((values[j][c] - mean).abs() + (values[14 - j][c] - mean).abs());
        }
        let resasc = abs_dev[c] * half.abs();
        let mut e = ((kronrod[c] - gauss[c]) * half).abs();
        if resasc != 0.0 && e != 0.0 {
            e = resasc * (200.0 * e / resasc).powf(1.5).min(1.0);
        }
        err[c] = e;
        kronrod[c] *= half;
    }
    (kronrod, err)
}

/// ∫ f over [breaks[0], breaks[last]], each component to a relative error `rel_tol` (by
/// QUADPACK's estimate), starting from the subintervals between consecutive `breaks` and
/// bisecting the one with the largest relative error, up to `max_intervals` subintervals (the
/// cost is at most 30·max_intervals evaluations of f). Returns the integrals and their
/// estimated absolute errors. Components that are exactly 0 everywhere count as converged.
pub(crate) fn integrate<const N: usize, F: FnMut(f64) -> [f64; N]>(
    mut f: F,
    breaks: &[f64],
    rel_tol: f64,
    max_intervals: usize,
) -> ([f64; N], [f64; N]) {
    let mut parts: Vec<(f64, f64, [f64; N], [f64; N])> = Vec::with_capacity(max_intervals + 1);
    for w in breaks.windows(2) {
        if w[1] > w[0] {
            let (v, e) = gk15(&mut f, w[0], w[1]);
            parts.push((w[0], w[1], v, e));
        }
    }
    loop {
        let mut total = [0.0; N];
        let mut total_err = [0.0; N];
        for p in &parts {
            for c in 0..N {
                total[c] += p.2[c];
                total_err[c] += p.3[c];
            }
        }
        let converged = (0..N).all(|c| total_err[c] <= rel_tol * total[c].abs());
        if converged || parts.len() >= max_intervals || parts.is_empty() {
            return (total, total_err);
        }
        // the subinterval whose error is the largest share of its component's tolerance
        let badness = |p: &(f64, f64, [f64; N], [f64; N])| {
            (0..N)
                .map(|c| p.3[c] / (rel_tol * total[c].abs()).max(f64::MIN_POSITIVE))
                .fold(0.0, f64::max)
        };
        let (worst, _) = parts.iter().enumerate().map(|(i, p)| (i, badness(p))).fold(
            (0, f64::NEG_INFINITY),
            |acc, x| if x.1 > acc.1 { x } else { acc },
        );
        let (a, b, _, _) = parts.swap_remove(worst);
        let mid = 0.5 * (a + b);
        if !(mid > a && mid < b) {
            // the interval cannot be split further in floating point
            return (total, total_err);
        }
        let (v1, e1) = gk15(&mut f, a, mid);
        let (v2, e2) = gk15(&mut f, mid, b);
        parts.push((a, mid, v1, e1));
        parts.push((mid, b, v2, e2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrates_smooth_and_peaked_functions() {
        // ∫_0^π sin = 2; ∫ e^{−x²/(2·0.01²)} over [−1, 1] = 0.01 √(2π)
        let (v, _) = integrate(
            |x| [x.sin(), x.cos()],
            &[0.0, std::f64::consts::PI],
            1e-14,
            50,
        );
        assert!((v[0] - 2.0).abs() < 1e-14 && v[1].abs() < 1e-14, "{v:?}");
        let (v, _) = integrate(
            |x: f64| [(-0.5 * (x / 0.01).powi(2)).exp()],
            &[-1.0, 0.3, 1.0],
            1e-13,
            200,
        );
        let want = 0.01 * (2.0 * std::f64::consts::PI).sqrt();
        assert!(((v[0] - want) / want).abs() < 1e-13, "{}", v[0]);
        // a bounded number of evaluations even when the tolerance cannot be met
        let mut calls = 0;
        let _ = integrate(
            |x: f64| {
                calls += 1;
                [if x < 0.123_456 { 0.0 } else { 1.0 }]
            },
            &[0.0, 1.0],
            1e-300,
            20,
        );
        assert!(calls <= 30 * 20, "{calls}");
    }
}
