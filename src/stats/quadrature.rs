//! Adaptive Gauss–Kronrod quadrature with a bounded number of evaluations.
//!
//! The 7-point Gauss and 15-point Kronrod rules (Kronrod 1965; the nodes and weights of QUADPACK's
//! `qk15`, Piessens et al. 1983) on panels; the panel whose Kronrod − Gauss difference is the
//! largest is halved until the differences sum to below the relative tolerance of the total
//! (QUADPACK's `qag` strategy), or until [`MAX_PANELS`] panels. Callers integrate functions that
//! are smooth between the break points they pass (the statistics place one at every bend of a
//! log-integrand they know of), so the difference is a safe bound of the error.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The most panels one integral is split into: at most 15 · (2 · 300) = 9,000 evaluations.
pub const MAX_PANELS: usize = 300;

const XK: [f64; 8] = [
    0.991_455_371_120_812_6,
    0.949_107_912_342_758_5,
    0.864_864_423_359_769_1,
    0.741_531_185_599_394_4,
    0.586_087_235_467_691_1,
    0.405_845_151_377_397_2,
    0.207_784_955_007_898_5,
    0.0,
];
const WK: [f64; 8] = [
    0.022_935_322_010_529_22,
    0.063_092_092_629_978_55,
    0.104_790_010_322_250_2,
    0.140_653_259_715_525_9,
    0.169_004_726_639_267_9,
    0.190_350_578_064_785_4,
    0.204_432_940_075_298_9,
    0.209_482_141_084_727_8,
];
const WG: [f64; 4] = [
    0.129_484_966_168_869_7,
    0.279_705_391_489_276_7,
    0.381_830_050_505_118_9,
    0.417_959_183_673_469_4,
];

/// One panel: the Kronrod estimate and its error estimate, QUADPACK's (`qk15`): with
/// E = |Kronrod − Gauss| and A = ∫|f − mean f| by the Kronrod rule, A·min(1, (200E/A)^{3/2})
/// (the Gauss rule's error overstates the Kronrod rule's by far on smooth panels).
fn gk15(f: &impl Fn(f64) -> f64, a: f64, b: f64) -> (f64, f64) {
    let (c, h) = (0.5 * (a + b), 0.5 * (b - a));
    let fc = f(c);
    let mut fv = [(0.0, 0.0); 7];
    let (mut k, mut g) = (WK[7] * fc, WG[3] * fc);
    for j in 0..7 {
        let x = h * XK[j];
        let (f1, f2) = (f(c - x), f(c + x));
        fv[j] = (f1, f2);
        k += WK[j] * (f1 + f2);
        if j % 2 == 1 {
            g += WG[j / 2] * (f1 + f2);
        }
    }
    let mean = 0.5 * k;
    let mut asc = WK[7] * (fc - mean).abs();
    for j in 0..7 {
        asc += WK[j] * ((fv[j].0 - mean).abs() + (fv[j].1 - mean).abs());
    }
    let (asc, diff) = (asc * h.abs(), ((k - g) * h).abs());
    let err = if asc > 0.0 && diff > 0.0 {
        asc * (200.0 * diff / asc).powf(1.5).min(1.0)
    } else {
        diff
    };
    (k * h, err)
}

struct Panel {
    a: f64,
    b: f64,
    value: f64,
    error: f64,
}

impl PartialEq for Panel {
    fn eq(&self, other: &Self) -> bool {
        self.error.total_cmp(&other.error) == Ordering::Equal
    }
}
impl Eq for Panel {}
impl PartialOrd for Panel {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Panel {
    fn cmp(&self, other: &Self) -> Ordering {
        self.error.total_cmp(&other.error)
    }
}

/// ∫ f over [points[0], points[last]], the points being break points in increasing order, to
/// the relative tolerance `rel_tol` (or an absolute `abs_tol`, whichever is looser): returns
/// (the integral, the estimated error). At most [`MAX_PANELS`] panels.
pub fn integrate_points(
    f: impl Fn(f64) -> f64,
    points: &[f64],
    rel_tol: f64,
    abs_tol: f64,
) -> (f64, f64) {
    let mut heap = BinaryHeap::new();
    for w in points.windows(2) {
        if w[1] > w[0] {
            let (value, error) = gk15(&f, w[0], w[1]);
            heap.push(Panel {
                a: w[0],
                b: w[1],
                value,
                error,
            });
        }
    }
    let sums = |heap: &BinaryHeap<Panel>| {
        heap.iter()
            .fold((0.0, 0.0), |(v, e), p| (v + p.value, e + p.error))
    };
    let (mut total, mut error) = sums(&heap);
    while heap.len() < MAX_PANELS && error > (rel_tol * total.abs()).max(abs_tol) {
        let Some(worst) = heap.pop() else { break };
        let mid = 0.5 * (worst.a + worst.b);
        if !(mid > worst.a && mid < worst.b) {
            // the panel cannot be halved in floating point
            heap.push(Panel {
                error: 0.0,
                ..worst
            });
            continue;
        }
        for (a, b) in [(worst.a, mid), (mid, worst.b)] {
            let (value, error) = gk15(&f, a, b);
            heap.push(Panel { a, b, value, error });
        }
        // (re-summed rather than updated, so that rounding does not accumulate)
        (total, error) = sums(&heap);
    }
    (total, error)
}

/// ∫ₐᵇ f to the relative tolerance `tol` ([`integrate_points`] on one panel).
pub fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64, tol: f64) -> f64 {
    integrate_points(f, &[a, b], tol, 0.0).0
}

/// ln(1 + eˣ) without overflow or loss of precision.
pub fn softplus(x: f64) -> f64 {
    if x > 0.0 {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

/// ln(eᵃ + eᵇ) without overflow (−∞ stands for 0).
pub fn log_add_exp(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    if hi == f64::NEG_INFINITY {
        return hi;
    }
    hi + (lo - hi).exp().ln_1p()
}

/// For integrands that return several values at once (they share the nodes): one
/// application of the 15-point rule on [a, b]: the Kronrod estimate and QUADPACK's error
/// estimate, per component.
fn gk15_many<const N: usize, F: FnMut(f64) -> [f64; N]>(
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
        kronrod[c] = WK[7] * fc[c];
        gauss[c] = WG[3] * fc[c];
    }
    for j in 0..7 {
        let dx = half * XK[j];
        let (f1, f2) = (f(centre - dx), f(centre + dx));
        values[j] = f1;
        values[14 - j] = f2;
        for c in 0..N {
            kronrod[c] += WK[j] * (f1[c] + f2[c]);
            if j % 2 == 1 {
                gauss[c] += WG[j / 2] * (f1[c] + f2[c]);
            }
        }
    }
    let mut err = [0.0; N];
    for c in 0..N {
        // resasc: the integral of |f − mean f| (QUADPACK's scale of the error)
        let mean = 0.5 * kronrod[c];
        abs_dev[c] = WK[7] * (fc[c] - mean).abs();
        for j in 0..7 {
            abs_dev[c] += WK[j] * ((values[j][c] - mean).abs() + (values[14 - j][c] - mean).abs());
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
pub(crate) fn integrate_many<const N: usize, F: FnMut(f64) -> [f64; N]>(
    mut f: F,
    breaks: &[f64],
    rel_tol: f64,
    max_intervals: usize,
) -> ([f64; N], [f64; N]) {
    let mut parts: Vec<(f64, f64, [f64; N], [f64; N])> = Vec::with_capacity(max_intervals + 1);
    for w in breaks.windows(2) {
        if w[1] > w[0] {
            let (v, e) = gk15_many(&mut f, w[0], w[1]);
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
        let (v1, e1) = gk15_many(&mut f, a, mid);
        let (v2, e2) = gk15_many(&mut f, mid, b);
        parts.push((a, mid, v1, e1));
        parts.push((mid, b, v2, e2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::assert_close;

    #[test]
    fn integrates_known_functions() {
        let got = integrate(|x| (-x * x).exp(), -10.0, 10.0, 1e-14);
        assert_close(got, std::f64::consts::PI.sqrt(), 1e-14, "gaussian");
        // a sharp peak found by halving: ∫ 1/(1e-6 + x²) over [-1, 1] = 2·atan(1e3)/1e-3
        let (got, _) = integrate_points(|x| 1.0 / (1e-6 + x * x), &[-1.0, 1.0], 1e-13, 0.0);
        assert_close(got, 2.0 * 1000f64.atan() * 1000.0, 1e-12, "peak");
        // an exponential over a wide range
        let (got, _) = integrate_points(|x| (-x).exp(), &[0.0, 200.0], 1e-14, 0.0);
        assert_close(got, 1.0, 1e-13, "exp");
    }

    #[test]
    fn the_cost_is_bounded() {
        use std::cell::Cell;
        let calls = Cell::new(0usize);
        // a function no rule integrates: the panel budget stops it
        let (v, _) = integrate_points(
            |x| {
                calls.set(calls.get() + 1);
                (1.0 / x).sin()
            },
            &[1e-12, 1.0],
            1e-15,
            0.0,
        );
        assert!(v.is_finite());
        assert!(calls.get() <= 15 * (2 * MAX_PANELS + 1), "{}", calls.get());
    }

    #[test]
    fn softplus_and_log_add_exp_are_exact_at_the_extremes() {
        assert_eq!(softplus(1000.0), 1000.0);
        assert_close(softplus(-800.0), (-800f64).exp(), 1e-15, "tiny");
        assert_close(softplus(0.0), 2f64.ln(), 1e-16, "ln 2");
        assert_eq!(log_add_exp(f64::NEG_INFINITY, 3.0), 3.0);
        assert_close(
            log_add_exp(1000.0, 1000.0),
            1000.0 + 2f64.ln(),
            1e-16,
            "2e^1000",
        );
    }
}

#[cfg(test)]
mod tests_many {
    use super::*;

    #[test]
    fn integrates_smooth_and_peaked_functions() {
        // ∫_0^π sin = 2; ∫ e^{−x²/(2·0.01²)} over [−1, 1] = 0.01 √(2π)
        let (v, _) = integrate_many(
            |x| [x.sin(), x.cos()],
            &[0.0, std::f64::consts::PI],
            1e-14,
            50,
        );
        assert!((v[0] - 2.0).abs() < 1e-14 && v[1].abs() < 1e-14, "{v:?}");
        let (v, _) = integrate_many(
            |x: f64| [(-0.5 * (x / 0.01).powi(2)).exp()],
            &[-1.0, 0.3, 1.0],
            1e-13,
            200,
        );
        let want = 0.01 * (2.0 * std::f64::consts::PI).sqrt();
        assert!(((v[0] - want) / want).abs() < 1e-13, "{}", v[0]);
        // a bounded number of evaluations even when the tolerance cannot be met
        let mut calls = 0;
        let _ = integrate_many(
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
