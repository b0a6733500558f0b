//! Rotation of a factor (or component) loading matrix: varimax, promax and oblimin, iterated
//! to convergence, with prepost's sign and order conventions.
//!
//! Conventions (the same as `psych::fa` and `psych::principal` apply after rotating):
//! - each factor's sign makes the sum of its loadings positive (if that sum is 0, its largest
//!   |loading| positive);
//! - factors are ordered by the variance they explain, decreasing: the sum of squared
//!   loadings for orthogonal factors, diag(Φ Λᵀ Λ) for oblique ones (psych's "SS loadings");
//!   ties keep the extraction order.

use super::correlation_matrix::{column_sign, eigen_sorted, inverse_general, matmul, transpose};
use super::{Inapplicable, NotComputable, Outcome};
use serde::{Deserialize, Serialize};

/// Largest number of iterations of a rotation before it is reported as not converged.
pub const MAX_ROTATION_ITERATIONS: usize = 10_000;

/// A rotation criterion.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "lowercase")]
pub enum Rotation {
    /// The unrotated solution.
    None,
    /// Varimax (Kaiser 1958). `kaiser`: rows normalized to unit length before rotating and
    /// scaled back after (Kaiser normalization; SPSS's default, `stats::varimax(normalize =
    /// TRUE)` as psych calls it).
    Varimax { kaiser: bool },
    /// Promax (Hendrickson & White 1964) with power `m` (4 in SPSS, psych and R) after a
    /// Kaiser-normalized varimax. `kaiser = false`: `stats::promax(x, m)` = `psych::Promax`
    /// (`psych::principal(rotate = "promax")`, `psych::fa(rotate = "Promax")`); `kaiser =
    /// true`: the rows normalized throughout, `psych::kaiser(x, "Promax")` =
    /// `psych::fa(rotate = "promax")`.
    Promax { m: f64, kaiser: bool },
    /// Direct oblimin (Jennrich 2002 gradient projection, `GPArotation::oblimin`) with
    /// parameter `gamma` (0 = quartimin, SPSS's δ = 0). `kaiser = true` is SPSS's default and
    /// `GPArotation::oblimin(normalize = TRUE)`; `false` is what `psych::fa(rotate =
    /// "oblimin")` and jamovi compute.
    Oblimin { gamma: f64, kaiser: bool },
}

/// A rotated loading matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rotated {
    pub rotation: Rotation,
    /// Pattern loadings, p × m (for orthogonal rotations also the structure).
    pub loadings: Vec<Vec<f64>>,
    /// Factor correlations Φ (oblique rotations).
    pub phi: Option<Vec<Vec<f64>>>,
    /// Structure loadings Λ Φ (oblique rotations).
    pub structure: Option<Vec<Vec<f64>>>,
    /// Variance explained by each factor: Σ_i λ²_ij (orthogonal), diag(Φ Λᵀ Λ) (oblique);
    /// they add up to the total communality.
    pub variance: Vec<f64>,
    /// Σ_i λ²_ij of the pattern (= `variance` for orthogonal rotations).
    pub ss_pattern: Vec<f64>,
    /// Σ_i s²_ij of the structure (= `variance` for orthogonal rotations).
    pub ss_structure: Vec<f64>,
    /// Extraction factor behind each rotated factor (after ordering), and the sign applied.
    pub order: Vec<usize>,
    pub signs: Vec<f64>,
    /// Iterations of the rotation's algorithm (varimax's within promax).
    pub iterations: usize,
}

/// Rotates `loadings` (p × m). One factor, or [`Rotation::None`], returns the loadings
/// oriented by the conventions above. Errors: non-finite loadings, an item whose loadings are
/// all 0 under Kaiser normalization, singular loadings (promax), no convergence within
/// [`MAX_ROTATION_ITERATIONS`].
pub fn rotate(loadings: &[Vec<f64>], rotation: Rotation) -> Outcome<Rotated> {
    let p = loadings.len();
    let m = loadings.first().map_or(0, Vec::len);
    if p == 0 || m == 0 || loadings.iter().any(|r| r.len() != m) {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::NoLoadings,
        });
    }
    if loadings.iter().flatten().any(|v| !v.is_finite()) {
        return Err(NotComputable::NonFinite);
    }
    if m == 1 || rotation == Rotation::None {
        return Ok(finish(rotation, loadings.to_vec(), None, 0));
    }
    match rotation {
        Rotation::None => unreachable!("handled above"),
        Rotation::Varimax { kaiser } => {
            let (l, _, it) = varimax(loadings, kaiser)?;
            Ok(finish(rotation, l, None, it))
        }
        Rotation::Promax { m: power, kaiser } => {
            let (l, phi, it) = promax(loadings, power, kaiser)?;
            Ok(finish(rotation, l, Some(phi), it))
        }
        Rotation::Oblimin { gamma, kaiser } => {
            let (l, phi, it) = oblimin(loadings, gamma, kaiser)?;
            Ok(finish(rotation, l, Some(phi), it))
        }
    }
}

/// Signs, order and the variance shares of a rotated solution.
fn finish(
    rotation: Rotation,
    l: Vec<Vec<f64>>,
    phi: Option<Vec<Vec<f64>>>,
    iterations: usize,
) -> Rotated {
    let (loadings, phi, order, signs) = orient(&l, phi.as_deref());
    let m = signs.len();
    let ss = |a: &[Vec<f64>]| -> Vec<f64> {
        (0..m)
            .map(|j| a.iter().map(|r| r[j] * r[j]).sum())
            .collect()
    };
    let ss_pattern = ss(&loadings);
    let (structure, variance, ss_structure) = match &phi {
        Some(phi) => {
            let s = matmul(&loadings, phi);
            let v = oblique_variance(&loadings, phi);
            let sss = ss(&s);
            (Some(s), v, sss)
        }
        None => (None, ss_pattern.clone(), ss_pattern.clone()),
    };
    Rotated {
        rotation,
        loadings,
        phi,
        structure,
        variance,
        ss_pattern,
        ss_structure,
        order,
        signs,
        iterations,
    }
}

/// diag(Φ Λᵀ Λ): psych's "SS loadings" of an oblique solution.
fn oblique_variance(l: &[Vec<f64>], phi: &[Vec<f64>]) -> Vec<f64> {
    let ltl = matmul(&transpose(l), l);
    let m = phi.len();
    (0..m)
        .map(|j| (0..m).map(|k| phi[j][k] * ltl[k][j]).sum())
        .collect()
}

/// prepost's sign and order conventions (module docs) applied to loadings and Φ: the oriented
/// loadings, Φ, the original column behind each new one, and the sign applied to it.
#[allow(clippy::type_complexity)]
pub fn orient(
    l: &[Vec<f64>],
    phi: Option<&[Vec<f64>]>,
) -> (Vec<Vec<f64>>, Option<Vec<Vec<f64>>>, Vec<usize>, Vec<f64>) {
    let m = l.first().map_or(0, Vec::len);
    let signs: Vec<f64> = (0..m)
        .map(|j| column_sign(&l.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .collect();
    let flipped: Vec<Vec<f64>> = l
        .iter()
        .map(|r| r.iter().zip(&signs).map(|(v, s)| v * s).collect())
        .collect();
    let phi_f: Option<Vec<Vec<f64>>> = phi.map(|p| {
        (0..m)
            .map(|i| (0..m).map(|j| signs[i] * signs[j] * p[i][j]).collect())
            .collect()
    });
    let var = match &phi_f {
        Some(p) => oblique_variance(&flipped, p),
        None => (0..m)
            .map(|j| flipped.iter().map(|r| r[j] * r[j]).sum())
            .collect(),
    };
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| var[b].total_cmp(&var[a]).then(a.cmp(&b)));
    let loadings = flipped
        .iter()
        .map(|r| order.iter().map(|&o| r[o]).collect())
        .collect();
    let phi_o = phi_f.map(|p| {
        order
            .iter()
            .map(|&a| order.iter().map(|&b| p[a][b]).collect())
            .collect()
    });
    let signs_o = order.iter().map(|&o| signs[o]).collect();
    (loadings, phi_o, order, signs_o)
}

/// Row lengths √(Σ_j λ²_ij) for Kaiser normalization; Err if a row is all zeros.
fn row_norms(l: &[Vec<f64>]) -> Outcome<Vec<f64>> {
    let w: Vec<f64> = l
        .iter()
        .map(|r| r.iter().map(|v| v * v).sum::<f64>().sqrt())
        .collect();
    if w.iter().any(|&v| v.is_nan() || v <= 0.0) {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::KaiserZeroRow,
        });
    }
    Ok(w)
}

/// The orthogonal polar factor U Vᵀ of a square B = U D Vᵀ, and Σ D, from the eigenpairs of
/// the symmetric [[0, B], [Bᵀ, 0]] (eigenvalues ±d_i, vectors (u_i, ±v_i)/√2), which keeps
/// the accuracy of B (through BᵀB it would square B's condition). None if B is singular.
fn polar(b: &[Vec<f64>]) -> Option<(Vec<Vec<f64>>, f64)> {
    let k = b.len();
    let mut aug = vec![vec![0.0; 2 * k]; 2 * k];
    for i in 0..k {
        for j in 0..k {
            aug[i][k + j] = b[i][j];
            aug[k + j][i] = b[i][j];
        }
    }
    let e = eigen_sorted(&aug);
    let top = e.values[0];
    if top.is_nan() || top <= 0.0 || e.values[k - 1] <= 1e-14 * top {
        return None;
    }
    let d: f64 = e.values[..k].iter().sum();
    let q = (0..k)
        .map(|i| {
            (0..k)
                .map(|j| {
                    2.0 * (0..k)
                        .map(|l| e.vectors[i][l] * e.vectors[k + j][l])
                        .sum::<f64>()
                })
                .collect()
        })
        .collect();
    Some((q, d))
}

/// The varimax criterion as GPArotation's `vgQ.varimax` minimises it,
/// f = −¼ Σ_j Σ_i (λ²_ij − mean_i λ²_ij)², and its gradient −L ∘ (L² − colMeans(L²)).
fn varimax_criterion(l: &[Vec<f64>]) -> (f64, Vec<Vec<f64>>) {
    let p = l.len() as f64;
    let k = l[0].len();
    let means: Vec<f64> = (0..k)
        .map(|j| l.iter().map(|r| r[j] * r[j]).sum::<f64>() / p)
        .collect();
    let mut f = 0.0;
    let g = l
        .iter()
        .map(|r| {
            r.iter()
                .zip(&means)
                .map(|(v, m)| {
                    let q = v * v - m;
                    f += q * q;
                    -v * q
                })
                .collect()
        })
        .collect();
    (-f / 4.0, g)
}

/// Varimax (Kaiser 1958) from T = I, as `stats::varimax` computes it and then to convergence:
/// first R's iteration (Neudecker 1981; Sherin 1966), z = xT, B = xᵀ(z³ − z·diag(Σ z²)/p),
/// T ← U Vᵀ of B, until T no longer changes (by 1e-15, or its change stays at rounding level,
/// below 1e-12, for 50 iterations; R stops when Σ D grows by less than a factor 1 + 1e-5, and
/// psych with it); then the gradient projection algorithm of `GPArotation::GPForth` from there
/// until the projected gradient is below 1e-13 (as a rule no step is left to take; it also
/// finishes the rare data where R's iteration cycles between two rotations, which R's rule
/// stops at one of). Returns the loadings (before [`orient`]), T and the iterations.
#[allow(clippy::type_complexity)]
pub fn varimax(l: &[Vec<f64>], kaiser: bool) -> Outcome<(Vec<Vec<f64>>, Vec<Vec<f64>>, usize)> {
    let p = l.len();
    let k = l[0].len();
    let w = if kaiser { row_norms(l)? } else { vec![1.0; p] };
    let x: Vec<Vec<f64>> = l
        .iter()
        .zip(&w)
        .map(|(r, wi)| r.iter().map(|v| v / wi).collect())
        .collect();
    let mut t: Vec<Vec<f64>> = (0..k)
        .map(|i| (0..k).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    let pf = p as f64;
    let undefined = NotComputable::NotApplicable {
        why: Inapplicable::VarimaxUndefined,
    };
    let mut iterations = 0;
    let (mut smallest, mut since_smallest) = (f64::INFINITY, 0usize);
    for it in 1..=MAX_ROTATION_ITERATIONS / 10 {
        iterations = it;
        let z = matmul(&x, &t);
        let col_ss: Vec<f64> = (0..k)
            .map(|j| z.iter().map(|r| r[j] * r[j]).sum())
            .collect();
        let y: Vec<Vec<f64>> = z
            .iter()
            .map(|r| {
                r.iter()
                    .zip(&col_ss)
                    .map(|(v, s)| v * v * v - v * s / pf)
                    .collect()
            })
            .collect();
        let b = matmul(&transpose(&x), &y);
        let (t_new, _) = polar(&b).ok_or(undefined.clone())?;
        let change = t_new
            .iter()
            .flatten()
            .zip(t.iter().flatten())
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        t = t_new;
        if change < smallest {
            smallest = change;
            since_smallest = 0;
        } else {
            since_smallest += 1;
        }
        if change <= 1e-15 || (smallest <= 1e-12 && since_smallest >= 50) {
            break;
        }
    }
    let (t, more) = gp_orthogonal(&x, t)?;
    iterations += more;
    let z = matmul(&x, &t);
    let out = z
        .iter()
        .zip(&w)
        .map(|(r, wi)| r.iter().map(|v| v * wi).collect())
        .collect();
    Ok((out, t, iterations))
}

/// `GPArotation::GPForth` with the varimax criterion from T, with prepost's acceptance rule at
/// rounding level (see [`oblimin`]), until the projected gradient is below 1e-13.
fn gp_orthogonal(a: &[Vec<f64>], mut t: Vec<Vec<f64>>) -> Outcome<(Vec<Vec<f64>>, usize)> {
    let k = t.len();
    let undefined = NotComputable::NotApplicable {
        why: Inapplicable::VarimaxUndefined,
    };
    let at = transpose(a);
    let (mut f, gq) = varimax_criterion(&matmul(a, &t));
    let mut g = matmul(&at, &gq);
    let projected = |g: &[Vec<f64>], t: &[Vec<f64>]| -> Vec<Vec<f64>> {
        let m = matmul(&transpose(t), g);
        let s: Vec<Vec<f64>> = (0..k)
            .map(|i| (0..k).map(|j| (m[i][j] + m[j][i]) / 2.0).collect())
            .collect();
        let ts = matmul(t, &s);
        (0..k)
            .map(|i| (0..k).map(|j| g[i][j] - ts[i][j]).collect())
            .collect()
    };
    let norm = |m: &[Vec<f64>]| m.iter().flatten().map(|v| v * v).sum::<f64>().sqrt();
    let mut al = 1.0f64;
    let (mut smallest, mut since_smallest) = (f64::INFINITY, 0usize);
    for it in 0..=MAX_ROTATION_ITERATIONS {
        let gp = projected(&g, &t);
        let s = norm(&gp);
        if s < smallest {
            smallest = s;
            since_smallest = 0;
        } else {
            since_smallest += 1;
        }
        if s < 1e-13 || (smallest < 1e-10 && since_smallest >= 100) || (al < 1e-30 && s < 1e-6) {
            return Ok((t, it));
        }
        if al < 1e-30 {
            break;
        }
        al *= 2.0;
        let mut accepted = None;
        for _ in 0..=10 {
            let x: Vec<Vec<f64>> = (0..k)
                .map(|i| (0..k).map(|j| t[i][j] - al * gp[i][j]).collect())
                .collect();
            let (tt, _) = polar(&x).ok_or(undefined.clone())?;
            let (ft, gqt) = varimax_criterion(&matmul(a, &tt));
            let gt = matmul(&at, &gqt);
            let improvement = f - ft;
            let noise = 64.0 * f64::EPSILON * f.abs();
            let done = if 0.5 * s * s * al > noise {
                improvement > 0.5 * s * s * al
            } else {
                improvement >= -noise && norm(&projected(&gt, &tt)) < s
            };
            accepted = Some((tt, ft, gt));
            if done {
                break;
            }
            al /= 2.0;
        }
        let (tt, ft, gt) = accepted.expect("at least one trial");
        t = tt;
        f = ft;
        g = gt;
    }
    Err(NotComputable::NotApplicable {
        why: Inapplicable::VarimaxNotConverged,
    })
}

/// Promax: `stats::promax(x, m)` with the factor correlations of `psych::Promax`, after a
/// varimax converged as in [`varimax`]: x = varimax(x), Q = x·|x|^(m−1), U = (xᵀx)⁻¹xᵀQ,
/// U ← U·diag(√diag((UᵀU)⁻¹)), Λ = xU, Φ = U⁻¹U⁻ᵀ. With `kaiser` the rows are normalized
/// before and scaled back after (`psych::kaiser(x, "Promax")`).
#[allow(clippy::type_complexity)]
pub fn promax(
    l: &[Vec<f64>],
    power: f64,
    kaiser: bool,
) -> Outcome<(Vec<Vec<f64>>, Vec<Vec<f64>>, usize)> {
    if power.is_nan() || power < 1.0 || !power.is_finite() {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::PromaxPower,
        });
    }
    let p = l.len();
    let w = if kaiser { row_norms(l)? } else { vec![1.0; p] };
    let a: Vec<Vec<f64>> = l
        .iter()
        .zip(&w)
        .map(|(r, wi)| r.iter().map(|v| v / wi).collect())
        .collect();
    let (x, _, iterations) = varimax(&a, true)?;
    let q: Vec<Vec<f64>> = x
        .iter()
        .map(|r| r.iter().map(|v| v * v.abs().powf(power - 1.0)).collect())
        .collect();
    let xt = transpose(&x);
    let singular = NotComputable::NotApplicable {
        why: Inapplicable::PromaxSingular,
    };
    let xtx_inv = inverse_general(&matmul(&xt, &x)).ok_or(singular.clone())?;
    let mut u = matmul(&xtx_inv, &matmul(&xt, &q));
    let utu_inv = inverse_general(&matmul(&transpose(&u), &u)).ok_or(singular.clone())?;
    for row in u.iter_mut() {
        for (j, v) in row.iter_mut().enumerate() {
            *v *= utu_inv[j][j].sqrt();
        }
    }
    let z = matmul(&x, &u);
    let ui = inverse_general(&u).ok_or(singular)?;
    // Φ = U⁻¹U⁻ᵀ; the orthogonal varimax matrix cancels
    let mut phi = matmul(&ui, &transpose(&ui));
    for (i, row) in phi.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    let out = z
        .iter()
        .zip(&w)
        .map(|(r, wi)| r.iter().map(|v| v * wi).collect())
        .collect();
    Ok((out, phi, iterations))
}

/// Oblimin criterion (`GPArotation::vgQ.oblimin`): f = ¼ Σ L² ∘ ((I − γ/p·11ᵀ) L² N), N = 11ᵀ − I,
/// and its gradient L ∘ ((I − γ/p·11ᵀ) L² N).
fn oblimin_criterion(l: &[Vec<f64>], gamma: f64) -> (f64, Vec<Vec<f64>>) {
    let p = l.len();
    let k = l[0].len();
    let l2: Vec<Vec<f64>> = l
        .iter()
        .map(|r| r.iter().map(|v| v * v).collect())
        .collect();
    // X = L² N: each entry the row's sum of squares minus its own
    let mut x: Vec<Vec<f64>> = l2
        .iter()
        .map(|r| {
            let s: f64 = r.iter().sum();
            r.iter().map(|v| s - v).collect()
        })
        .collect();
    if gamma != 0.0 {
        let col_mean: Vec<f64> = (0..k)
            .map(|j| x.iter().map(|r| r[j]).sum::<f64>() / p as f64)
            .collect();
        for r in x.iter_mut() {
            for (v, cm) in r.iter_mut().zip(&col_mean) {
                *v -= gamma * cm;
            }
        }
    }
    let mut f = 0.0;
    let g = l
        .iter()
        .zip(&x)
        .zip(&l2)
        .map(|((lr, xr), l2r)| {
            lr.iter()
                .zip(xr)
                .zip(l2r)
                .map(|((lv, xv), l2v)| {
                    f += l2v * xv;
                    lv * xv
                })
                .collect()
        })
        .collect();
    (f / 4.0, g)
}

/// The gradient projected on the oblique manifold, Gp = G − T diag(colSums(T ∘ G)).
fn projected_gradient(g: &[Vec<f64>], t: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let k = t.len();
    let d: Vec<f64> = (0..k)
        .map(|j| (0..k).map(|i| t[i][j] * g[i][j]).sum())
        .collect();
    (0..k)
        .map(|i| (0..k).map(|j| g[i][j] - t[i][j] * d[j]).collect())
        .collect()
}

fn projected_norm(g: &[Vec<f64>], t: &[Vec<f64>]) -> f64 {
    projected_gradient(g, t)
        .iter()
        .flatten()
        .map(|v| v * v)
        .sum::<f64>()
        .sqrt()
}

/// Direct oblimin by the gradient projection algorithm of `GPArotation::GPFoblq` (Jennrich
/// 2002; Bernaards & Jennrich 2005), from T = I, with its step-size rule, run until the
/// projected gradient's norm is below 1e-13 (GPArotation stops at 1e-5, and its Armijo test
/// cannot take it below about 1e-8: once the decrease it asks for, ½s²α, is below f's
/// rounding, prepost accepts a step when it lowers the projected gradient instead; when no
/// step can lower the criterion at all, a gradient below 1e-6 is accepted as the rounding
/// floor of a near-perfect simple structure). Returns the pattern Λ = A T⁻ᵀ, Φ = TᵀT and the
/// iterations.
#[allow(clippy::type_complexity)]
pub fn oblimin(
    l: &[Vec<f64>],
    gamma: f64,
    kaiser: bool,
) -> Outcome<(Vec<Vec<f64>>, Vec<Vec<f64>>, usize)> {
    if !gamma.is_finite() {
        return Err(NotComputable::NonFinite);
    }
    let p = l.len();
    let k = l[0].len();
    let w = if kaiser { row_norms(l)? } else { vec![1.0; p] };
    let a: Vec<Vec<f64>> = l
        .iter()
        .zip(&w)
        .map(|(r, wi)| r.iter().map(|v| v / wi).collect())
        .collect();
    let singular = NotComputable::NotApplicable {
        why: Inapplicable::ObliminSingular,
    };
    let mut t: Vec<Vec<f64>> = (0..k)
        .map(|i| (0..k).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    // L = A T⁻ᵀ; G = −(Lᵀ Gq T⁻¹)ᵀ
    let gradient = |l: &[Vec<f64>], gq: &[Vec<f64>], t_inv: &[Vec<f64>]| -> Vec<Vec<f64>> {
        let m = matmul(&matmul(&transpose(l), gq), t_inv);
        transpose(&m)
            .into_iter()
            .map(|r| r.into_iter().map(|v| -v).collect())
            .collect()
    };
    let t_inv = inverse_general(&t).ok_or(singular.clone())?;
    let mut lmat = matmul(&a, &transpose(&t_inv));
    let (mut f, gq) = oblimin_criterion(&lmat, gamma);
    let mut g = gradient(&lmat, &gq, &t_inv);
    let mut al = 1.0f64;
    let (mut smallest, mut since_smallest) = (f64::INFINITY, 0usize);
    let mut converged = false;
    let mut iterations = 0;
    for it in 0..=MAX_ROTATION_ITERATIONS {
        iterations = it;
        let gp = projected_gradient(&g, &t);
        let s = gp.iter().flatten().map(|v| v * v).sum::<f64>().sqrt();
        if s < smallest {
            smallest = s;
            since_smallest = 0;
        } else {
            since_smallest += 1;
        }
        // converged; or stalled at rounding level (below 1e-10, no progress in 100 steps);
        // or no step lowers the criterion any more (the step length has collapsed) with the
        // gradient below 1e-6: the floor of rounding of a near-perfect simple structure
        if s < 1e-13 || (smallest < 1e-10 && since_smallest >= 100) || (al < 1e-30 && s < 1e-6) {
            converged = true;
            break;
        }
        if al < 1e-30 {
            break;
        }
        al *= 2.0;
        let mut accepted = None;
        for _ in 0..=10 {
            let x: Vec<Vec<f64>> = (0..k)
                .map(|i| (0..k).map(|j| t[i][j] - al * gp[i][j]).collect())
                .collect();
            let v: Vec<f64> = (0..k)
                .map(|j| 1.0 / (0..k).map(|i| x[i][j] * x[i][j]).sum::<f64>().sqrt())
                .collect();
            let tt: Vec<Vec<f64>> = x
                .iter()
                .map(|r| r.iter().zip(&v).map(|(a, b)| a * b).collect())
                .collect();
            let tt_inv = inverse_general(&tt).ok_or(singular.clone())?;
            let lt = matmul(&a, &transpose(&tt_inv));
            let (ft, gqt) = oblimin_criterion(&lt, gamma);
            let gt = gradient(&lt, &gqt, &tt_inv);
            let improvement = f - ft;
            // GPArotation's Armijo test while the decrease it asks for is above f's rounding;
            // below that (where rounding noise could pass it) a step must lower the projected
            // gradient instead, without raising f beyond its rounding
            let noise = 64.0 * f64::EPSILON * f.abs();
            let done = if 0.5 * s * s * al > noise {
                improvement > 0.5 * s * s * al
            } else {
                improvement >= -noise && projected_norm(&gt, &tt) < s
            };
            accepted = Some((tt, lt, ft, gt));
            if done {
                break;
            }
            al /= 2.0;
        }
        let (tt, lt, ft, gt) = accepted.expect("at least one trial");
        g = gt;
        t = tt;
        lmat = lt;
        f = ft;
    }
    if !converged {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::ObliminNotConverged,
        });
    }
    let phi = matmul(&transpose(&t), &t);
    let out = lmat
        .iter()
        .zip(&w)
        .map(|(r, wi)| r.iter().map(|v| v * wi).collect())
        .collect();
    Ok((out, phi, iterations))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::correlation_matrix::tests::*;

    /// The reference's unrotated loadings and a rotation of them.
    fn check(file: &str, key: &str, rotation: Rotation, name: &str, tol: f64) {
        let want = &reference(file)[key];
        let unrotated = mat_of(&want[name]["unrotated"]);
        let got = rotate(&unrotated, rotation).unwrap();
        let ctx = format!("{file} {key} {name}");
        assert_mat(&got.loadings, &mat_of(&want[name]["converged"]), tol, &ctx);
        if let Some(phi) = &got.phi {
            assert_mat(phi, &mat_of(&want[name]["converged_phi"]), tol, &ctx);
        }
    }

    #[test]
    fn varimax_converges_to_the_tight_tolerance_values() {
        // R 4.2.2, GPArotation 2022.10.2: GPArotation::Varimax(L, normalize = TRUE,
        // eps = 1e-14, maxit = 1e6) of psych::principal(R, 5, rotate = "none")$loadings
        // (oriented as psych), equal to stats::varimax(L, eps = 1e-15)
        // (scripts/reference/factor.R)
        check(
            "bfi.json",
            "listwise",
            Rotation::Varimax { kaiser: true },
            "pc_varimax",
            1e-9,
        );
        check(
            "bfi.json",
            "pairwise",
            Rotation::Varimax { kaiser: true },
            "pc_varimax",
            1e-9,
        );
        check(
            "hs.json",
            "listwise",
            Rotation::Varimax { kaiser: true },
            "pc_varimax",
            1e-9,
        );
    }

    #[test]
    fn oblimin_converges_to_the_tight_tolerance_values() {
        // R: GPArotation::oblimin(L, normalize = FALSE/TRUE, eps = 1e-14, maxit = 1e6) of the
        // converged minres loadings (scripts/reference/factor.R)
        for (name, kaiser) in [("mr_oblimin", false), ("mr_oblimin_kaiser", true)] {
            let r = Rotation::Oblimin { gamma: 0.0, kaiser };
            check("bfi.json", "listwise", r, name, 1e-9);
            check("bfi.json", "pairwise", r, name, 1e-9);
            check("hs.json", "listwise", r, name, 1e-9);
            check("harman74.json", "listwise", r, name, 1e-9);
        }
    }

    #[test]
    fn promax_matches_stats_promax_on_a_converged_varimax() {
        // R: the body of stats::promax(L, m = 4) with varimax(x, eps = 1e-15), Φ as
        // psych::Promax; and psych::kaiser(L, "Promax") with the same varimax
        // (scripts/reference/factor.R)
        for (name, kaiser) in [("ml_promax", false), ("ml_promax_kaiser", true)] {
            let r = Rotation::Promax { m: 4.0, kaiser };
            check("bfi.json", "listwise", r, name, 1e-9);
            check("hs.json", "listwise", r, name, 1e-9);
            check("harman74.json", "listwise", r, name, 1e-9);
        }
    }

    #[test]
    fn one_factor_and_errors() {
        let l = vec![vec![-0.5], vec![-0.7], vec![0.1]];
        let r = rotate(&l, Rotation::Varimax { kaiser: true }).unwrap();
        assert_eq!(r.loadings, vec![vec![0.5], vec![0.7], vec![-0.1]]);
        assert_eq!(r.signs, vec![-1.0]);
        let zero_row = vec![vec![0.5, 0.1], vec![0.0, 0.0], vec![0.2, 0.6]];
        assert!(rotate(&zero_row, Rotation::Varimax { kaiser: true }).is_err());
        assert!(rotate(
            &zero_row,
            Rotation::Oblimin {
                gamma: 0.0,
                kaiser: true
            }
        )
        .is_err());
        let nan = vec![vec![f64::NAN, 0.1], vec![0.3, 0.2]];
        assert!(rotate(&nan, Rotation::Varimax { kaiser: false }).is_err());
        assert!(rotate(&[], Rotation::None).is_err());
    }

    #[test]
    fn orientation_is_by_sum_and_variance() {
        // column 0: sum −0.3 (flipped), SS 0.29; column 1: SS 1.3 → first
        let l = vec![vec![-0.5, 0.9], vec![0.2, 0.7]];
        let (o, _, order, signs) = orient(&l, None);
        assert_eq!(order, vec![1, 0]);
        assert_eq!(signs, vec![1.0, -1.0]);
        assert_eq!(o, vec![vec![0.9, 0.5], vec![0.7, -0.2]]);
    }
}
