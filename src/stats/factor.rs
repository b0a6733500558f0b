//! Exploratory factor analysis of a correlation matrix: extraction by principal components,
//! minimum residual (minres), maximum likelihood or principal axis factoring, the number of
//! factors (eigenvalue > 1, parallel analysis, fixed), the variance tables SPSS prints, and
//! Harman's single-factor test.
//!
//! The iterative methods are solved to convergence by Newton's method with the analytic
//! gradient and Hessian of the concentrated criterion (bounded, projected), to a gradient
//! below 1e-12: psych and `factanal` stop `optim`'s L-BFGS-B at its default tolerance, so
//! their printed loadings differ from the converged ones by about 1e-6 (see
//! `docs/statistics.md`).

use super::correlation_matrix::{check_correlation, eigen_sorted, smc, CorrelationMatrix, Eigen};
use super::linalg::cholesky;
use super::parallel::{parallel_analysis, ParallelAnalysis, ParallelOptions};
use super::rotation::{orient, rotate, Rotated, Rotation};
use super::{Inapplicable, NotComputable, Outcome};
use serde::{Deserialize, Serialize};

/// How factors are extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Extraction {
    /// Principal components (SPSS /EXTRACTION PC, `psych::principal`).
    PrincipalComponents,
    /// Minimum residual = unweighted least squares (`psych::fa(fm = "minres")`, SPSS ULS,
    /// jamovi's default).
    MinRes,
    /// Maximum likelihood (`psych::fa(fm = "ml")`, `factanal`, SPSS ML).
    MaximumLikelihood,
    /// Principal axis factoring iterated to convergence (`psych::fa(fm = "pa")`, SPSS PAF).
    PrincipalAxis,
}

/// Sum of squared loadings of a factor (or an eigenvalue), its share of the total variance
/// p (the trace of R) and the cumulative share, as proportions (SPSS prints them × 100).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VarianceShare {
    pub total: f64,
    pub proportion: f64,
    pub cumulative: f64,
}

/// [`VarianceShare`]s of values out of a total variance `p`.
pub fn variance_shares(values: &[f64], p: usize) -> Vec<VarianceShare> {
    let mut cum = 0.0;
    values
        .iter()
        .map(|&v| {
            let proportion = v / p as f64;
            cum += proportion;
            VarianceShare {
                total: v,
                proportion,
                cumulative: cum,
            }
        })
        .collect()
}

/// Unrotated factors (or components).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extracted {
    pub method: Extraction,
    /// p × m loadings, oriented (each column's sum positive) and ordered by SS loadings.
    pub loadings: Vec<Vec<f64>>,
    /// h²_i = Σ_j λ²_ij (psych's `communality`, SPSS's "Extraction" communalities).
    pub communalities: Vec<f64>,
    /// 1 − h²_i.
    pub uniquenesses: Vec<f64>,
    /// SS loadings of each factor and its share of p (SPSS "Extraction Sums of Squared
    /// Loadings", psych's `Vaccounted`).
    pub variance: Vec<VarianceShare>,
    /// Newton (minres, ML, PA) or fixed-point (PA as psych) iterations; 0 for components.
    pub iterations: usize,
    /// Items at the lower bound 0.005 of the uniqueness (minres, ML: a Heywood case, as psych
    /// and factanal bound it), or with a communality of 1 or more (PA).
    pub heywood: Vec<usize>,
    /// The minimised criterion: ½Σ(discarded eigenvalues of R − Ψ)² (minres, PA) or
    /// Σ(θ − ln θ − 1) over the discarded eigenvalues θ of Ψ^(−½)RΨ^(−½) (ML, = factanal's
    /// `objective`).
    pub objective: Option<f64>,
}

/// Stopping rule of principal axis factoring.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum PaStop {
    /// To convergence (the fixed point, solved by Newton's method).
    Converged,
    /// As `psych::fa(fm = "pa", min.err, max.iter)`: iterate from the SMCs until the sum of
    /// the communalities changes by less than `min_err` (0.001) or `max_iter` (50) passes.
    Psych { min_err: f64, max_iter: usize },
}

/// Lower bound of the uniquenesses of minres and ML (psych and factanal: 0.005).
pub const UNIQUENESS_LOWER: f64 = 0.005;
/// Newton iterations before an extraction is reported as not converged.
pub const MAX_NEWTON_ITERATIONS: usize = 500;
fn too_many(why: Inapplicable) -> NotComputable {
    NotComputable::NotApplicable { why }
}

/// Degrees of freedom of an m-factor model of p variables: ((p − m)² − (p + m))/2.
pub fn factor_dof(p: usize, m: usize) -> i64 {
    let (p, m) = (p as i64, m as i64);
    ((p - m) * (p - m) - (p + m)) / 2
}

/// Extracts `m` factors of the correlation matrix `r` (see [`Extraction`]); principal axis is
/// iterated to convergence ([`principal_axis`] offers psych's stopping rule).
///
/// Errors: r not a positive-definite correlation matrix (except for components, which need
/// only symmetry), m = 0, m > p (components), m ≥ p (minres, PA), negative degrees of freedom
/// (ML: "too many factors"), no convergence.
pub fn extract(r: &[Vec<f64>], m: usize, method: Extraction) -> Outcome<Extracted> {
    match method {
        Extraction::PrincipalComponents => principal_components(r, m),
        Extraction::MinRes => minres(r, m),
        Extraction::MaximumLikelihood => maximum_likelihood(r, m),
        Extraction::PrincipalAxis => principal_axis(r, m, PaStop::Converged),
    }
}

fn check_square(r: &[Vec<f64>]) -> Outcome<usize> {
    let p = r.len();
    if p < 2 {
        return Err(NotComputable::TooFewObservations { n: p, needed: 2 });
    }
    if r.iter().any(|row| row.len() != p) || r.iter().flatten().any(|v| !v.is_finite()) {
        return Err(NotComputable::NonFinite);
    }
    Ok(p)
}

/// The result of loadings `l` (p × m) before orientation.
fn finish(
    method: Extraction,
    l: Vec<Vec<f64>>,
    iterations: usize,
    heywood: Vec<usize>,
    objective: Option<f64>,
) -> Extracted {
    let (loadings, _, _, _) = orient(&l, None);
    let p = loadings.len();
    let m = loadings.first().map_or(0, Vec::len);
    let communalities: Vec<f64> = loadings
        .iter()
        .map(|row| row.iter().map(|v| v * v).sum())
        .collect();
    let uniquenesses = communalities.iter().map(|h| 1.0 - h).collect();
    let ss: Vec<f64> = (0..m)
        .map(|j| loadings.iter().map(|row| row[j] * row[j]).sum())
        .collect();
    Extracted {
        method,
        variance: variance_shares(&ss, p),
        loadings,
        communalities,
        uniquenesses,
        iterations,
        heywood,
        objective,
    }
}

/// Principal components (`psych::principal(r, m, rotate = "none")`, SPSS /EXTRACTION PC):
/// λ_ij = v_ij √e_j for the m largest eigenvalues e_j of R (eigenvalues below machine
/// epsilon set to it, as psych).
pub fn principal_components(r: &[Vec<f64>], m: usize) -> Outcome<Extracted> {
    let p = check_square(r)?;
    if m == 0 || m > p {
        return Err(too_many(Inapplicable::ComponentCount));
    }
    let e = eigen_sorted(r);
    let l = (0..p)
        .map(|i| {
            (0..m)
                .map(|k| e.vectors[i][k] * e.values[k].max(f64::EPSILON).sqrt())
                .collect()
        })
        .collect();
    Ok(finish(
        Extraction::PrincipalComponents,
        l,
        0,
        Vec::new(),
        None,
    ))
}

/// The value, gradient and Hessian of a concentrated criterion at Ψ.
struct Eval {
    f: f64,
    g: Vec<f64>,
    h: Vec<Vec<f64>>,
    eigen: Eigen,
}

/// The unweighted least squares criterion F(Ψ) = ½ Σ_{k>m} λ_k², λ the eigenvalues of
/// A = R − diag(Ψ) (Jöreskog 1977; the minres fit of psych, whose gradient `FAgr.minres` this
/// is): g_i = −Σ_{k>m} λ_k v²_ik, and
/// H_ij = (Σ_{k>m} v_ik v_jk)² + 2 Σ_{k>m} Σ_{l≤m} λ_k/(λ_k − λ_l) v_ik v_il v_jk v_jl.
#[allow(clippy::needless_range_loop)]
fn uls_eval(r: &[Vec<f64>], m: usize, psi: &[f64]) -> Eval {
    let p = r.len();
    let mut a = r.to_vec();
    for i in 0..p {
        a[i][i] -= psi[i];
    }
    let e = eigen_sorted(&a);
    let (lam, v) = (&e.values, &e.vectors);
    let f = 0.5 * (m..p).map(|k| lam[k] * lam[k]).sum::<f64>();
    let g: Vec<f64> = (0..p)
        .map(|i| -(m..p).map(|k| lam[k] * v[i][k] * v[i][k]).sum::<f64>())
        .collect();
    let mut h = vec![vec![0.0; p]; p];
    for i in 0..p {
        for j in i..p {
            let pij: f64 = (m..p).map(|k| v[i][k] * v[j][k]).sum();
            h[i][j] = pij * pij;
        }
    }
    let mut w = vec![0.0; p];
    for k in m..p {
        for l in 0..m {
            let gap = lam[k] - lam[l];
            if gap.abs() < 1e-300 {
                continue;
            }
            let c = 2.0 * lam[k] / gap;
            for i in 0..p {
                w[i] = v[i][k] * v[i][l];
            }
            for i in 0..p {
                let cwi = c * w[i];
                for j in i..p {
                    h[i][j] += cwi * w[j];
                }
            }
        }
    }
    symmetrize(&mut h);
    Eval { f, g, h, eigen: e }
}

/// The maximum likelihood criterion (factanal's `FAfn`) F(Ψ) = Σ_{k>m} (θ_k − ln θ_k − 1), θ
/// the eigenvalues of A = Ψ^(−½) R Ψ^(−½); gradient (factanal's `FAgr`)
/// g_i = −h_i/ψ_i, h_i = Σ_{k>m} (θ_k − 1) v²_ik; Hessian
/// H_ij = δ_ij h_i/ψ²_i + (P_ij Q_ij + X_ij)/(ψ_i ψ_j) with P_ij = Σ_{k>m} v_ik v_jk,
/// Q_ij = Σ_{k>m} θ_k v_ik v_jk and
/// X_ij = Σ_{k>m} Σ_{l≤m} (θ_k − 1)(θ_k + θ_l)/(θ_k − θ_l) v_ik v_il v_jk v_jl
/// (first-order perturbation of the eigenvalues and vectors).
#[allow(clippy::needless_range_loop)]
fn ml_eval(r: &[Vec<f64>], m: usize, psi: &[f64]) -> Eval {
    let p = r.len();
    let d: Vec<f64> = psi.iter().map(|v| 1.0 / v.sqrt()).collect();
    let a: Vec<Vec<f64>> = (0..p)
        .map(|i| (0..p).map(|j| d[i] * r[i][j] * d[j]).collect())
        .collect();
    let e = eigen_sorted(&a);
    let (th, v) = (&e.values, &e.vectors);
    let f = (m..p)
        .map(|k| th[k] - th[k].max(f64::MIN_POSITIVE).ln() - 1.0)
        .sum::<f64>();
    let hv: Vec<f64> = (0..p)
        .map(|i| {
            (m..p)
                .map(|k| (th[k] - 1.0) * v[i][k] * v[i][k])
                .sum::<f64>()
        })
        .collect();
    let g: Vec<f64> = (0..p).map(|i| -hv[i] / psi[i]).collect();
    let mut h = vec![vec![0.0; p]; p];
    for i in 0..p {
        for j in i..p {
            let (mut pij, mut qij) = (0.0, 0.0);
            for k in m..p {
                let t = v[i][k] * v[j][k];
                pij += t;
                qij += th[k] * t;
            }
            h[i][j] = pij * qij;
        }
    }
    let mut w = vec![0.0; p];
    for k in m..p {
        for l in 0..m {
            let gap = th[k] - th[l];
            if gap.abs() < 1e-300 {
                continue;
            }
            let c = (th[k] - 1.0) * (th[k] + th[l]) / gap;
            for i in 0..p {
                w[i] = v[i][k] * v[i][l];
            }
            for i in 0..p {
                let cwi = c * w[i];
                for j in i..p {
                    h[i][j] += cwi * w[j];
                }
            }
        }
    }
    for i in 0..p {
        for j in i..p {
            h[i][j] /= psi[i] * psi[j];
        }
        h[i][i] += hv[i] / (psi[i] * psi[i]);
    }
    symmetrize(&mut h);
    Eval { f, g, h, eigen: e }
}

/// Copies the upper triangle to the lower.
fn symmetrize(h: &mut [Vec<f64>]) {
    for i in 1..h.len() {
        let (upper, lower) = h.split_at_mut(i);
        for (j, row) in upper.iter().enumerate() {
            lower[0][j] = row[i];
        }
    }
}

/// Minimises a criterion over lo ≤ x ≤ hi by projected Newton steps (Bertsekas 1982): the
/// variables at a bound whose gradient points outward are held, the others take the Newton
/// step (Levenberg-damped when the Hessian is not positive definite), with a backtracking
/// line search (Armijo, 1e-4; once the predicted decrease is below the rounding of F, a
/// step is accepted when it lowers the gradient). Converged when every free gradient is
/// below 1e-12 in absolute value (or below 1e-9 when no step lowers it further). At most
/// [`MAX_NEWTON_ITERATIONS`] steps.
fn newton_bounded<F: Fn(&[f64]) -> Eval>(
    x0: &[f64],
    lo: f64,
    hi: f64,
    eval: F,
) -> Outcome<(Vec<f64>, Eval, usize)> {
    let n = x0.len();
    let mut x: Vec<f64> = x0.iter().map(|v| v.clamp(lo, hi)).collect();
    let mut e = eval(&x);
    for it in 0..=MAX_NEWTON_ITERATIONS {
        if !e.f.is_finite() || e.g.iter().any(|v| !v.is_finite()) {
            return Err(NotComputable::NotApplicable {
                why: Inapplicable::ExtractionNonFinite,
            });
        }
        let free: Vec<usize> = (0..n)
            .filter(|&i| !((x[i] <= lo && e.g[i] > 0.0) || (x[i] >= hi && e.g[i] < 0.0)))
            .collect();
        let pg = free.iter().fold(0.0f64, |m, &i| m.max(e.g[i].abs()));
        if pg <= 1e-12 {
            return Ok((x, e, it));
        }
        if it == MAX_NEWTON_ITERATIONS {
            break;
        }
        let d_free = damped_newton_step(&e, &free);
        let mut d = vec![0.0; n];
        for (k, &i) in free.iter().enumerate() {
            d[i] = d_free[k];
        }
        let mut t = 1.0;
        let mut accepted = false;
        for _ in 0..60 {
            let xn: Vec<f64> = x
                .iter()
                .zip(&d)
                .map(|(a, b)| (a + t * b).clamp(lo, hi))
                .collect();
            if xn == x {
                break; // the step has vanished
            }
            let en = eval(&xn);
            let decrease: f64 =
                e.g.iter()
                    .zip(xn.iter().zip(&x))
                    .map(|(g, (a, b))| g * (a - b))
                    .sum();
            // Armijo; or, once the predicted decrease is lost in f's rounding (a sum of n
            // terms of order 1), a step that lowers the largest free gradient
            let noise = 64.0 * f64::EPSILON * (e.f.abs() + n as f64);
            let armijo = en.f.is_finite() && en.f <= e.f + 1e-4 * decrease;
            let unresolvable = decrease.abs() <= noise
                && en.f.is_finite()
                && en.f <= e.f + noise
                && free.iter().fold(0.0f64, |m, &i| m.max(en.g[i].abs())) < pg;
            if armijo || unresolvable {
                x = xn;
                e = en;
                accepted = true;
                break;
            }
            t *= 0.5;
        }
        if !accepted {
            if pg <= 1e-9 {
                return Ok((x, e, it));
            }
            break;
        }
    }
    Err(NotComputable::NotApplicable {
        why: Inapplicable::ExtractionNotConverged,
    })
}

/// The Newton step −(H_FF + μI)⁻¹ g_F on the free variables, μ the smallest of 0, 1e-10,
/// 1e-9, … that makes the matrix positive definite.
fn damped_newton_step(e: &Eval, free: &[usize]) -> Vec<f64> {
    let k = free.len();
    let scale = free
        .iter()
        .fold(0.0f64, |m, &i| m.max(e.h[i][i].abs()))
        .max(1e-300);
    let mut mu = 0.0;
    for _ in 0..40 {
        let hf: Vec<Vec<f64>> = free
            .iter()
            .enumerate()
            .map(|(a, &i)| {
                free.iter()
                    .enumerate()
                    .map(|(b, &j)| e.h[i][j] + if a == b { mu } else { 0.0 })
                    .collect()
            })
            .collect();
        // cholesky() works on matrices scaled to about 1
        let scaled: Vec<Vec<f64>> = hf
            .iter()
            .map(|row| row.iter().map(|v| v / scale).collect())
            .collect();
        if let Some(l) = cholesky(&scaled) {
            let rhs: Vec<f64> = free.iter().map(|&i| -e.g[i] / scale).collect();
            // L y = rhs, Lᵀ d = y
            let mut y = vec![0.0; k];
            for i in 0..k {
                y[i] = (rhs[i] - (0..i).map(|j| l[i][j] * y[j]).sum::<f64>()) / l[i][i];
            }
            let mut d = vec![0.0; k];
            for i in (0..k).rev() {
                d[i] = (y[i] - (i + 1..k).map(|j| l[j][i] * d[j]).sum::<f64>()) / l[i][i];
            }
            return d;
        }
        mu = if mu == 0.0 { 1e-10 * scale } else { mu * 10.0 };
    }
    // steepest descent as the last resort
    free.iter().map(|&i| -e.g[i] / scale).collect()
}

/// Starting uniquenesses 1 − SMC (psych).
fn start_psi(r: &[Vec<f64>]) -> Outcome<Vec<f64>> {
    Ok(smc(r)?.into_iter().map(|s| 1.0 - s).collect())
}

fn check_factors(r: &[Vec<f64>], m: usize) -> Outcome<usize> {
    let p = check_square(r)?;
    check_correlation(r)?;
    if m == 0 {
        return Err(too_many(Inapplicable::NoFactorAsked));
    }
    if m >= p {
        return Err(too_many(Inapplicable::TooManyFactors));
    }
    Ok(p)
}

/// Minimum residual factoring (`psych::fa(r, m, fm = "minres", rotate = "none")`), converged:
/// Ψ minimises the unweighted least squares criterion ([`uls_eval`]) with
/// 0.005 ≤ ψ_i ≤ 1 (psych's bounds), from ψ = 1 − SMC; loadings λ_ij = v_ij √max(λ_j, 0) of
/// the m largest eigenpairs of R − Ψ (psych's `FAout.wls`).
pub fn minres(r: &[Vec<f64>], m: usize) -> Outcome<Extracted> {
    let p = check_factors(r, m)?;
    let start = start_psi(r)?;
    let (psi, e, it) = newton_bounded(&start, UNIQUENESS_LOWER, 1.0, |x| uls_eval(r, m, x))?;
    let l = uls_loadings(&e.eigen, p, m);
    let heywood = (0..p).filter(|&i| psi[i] <= UNIQUENESS_LOWER).collect();
    Ok(finish(Extraction::MinRes, l, it, heywood, Some(e.f)))
}

fn uls_loadings(e: &Eigen, p: usize, m: usize) -> Vec<Vec<f64>> {
    (0..p)
        .map(|i| {
            (0..m)
                .map(|k| e.vectors[i][k] * e.values[k].max(0.0).sqrt())
                .collect()
        })
        .collect()
}

/// Maximum likelihood factoring (`psych::fa(r, m, fm = "ml", rotate = "none")` =
/// `factanal(covmat = r, m, rotation = "none")`), converged: Ψ minimises [`ml_eval`]'s
/// criterion with 0.005 ≤ ψ_i ≤ 1, from ψ = 1 − SMC; loadings
/// λ_ij = √ψ_i v_ij √max(θ_j − 1, 0) (factanal's `FAout`). Needs
/// ((p − m)² − (p + m))/2 ≥ 0 degrees of freedom.
pub fn maximum_likelihood(r: &[Vec<f64>], m: usize) -> Outcome<Extracted> {
    let p = check_factors(r, m)?;
    if factor_dof(p, m) < 0 {
        return Err(too_many(Inapplicable::TooManyFactorsMl));
    }
    let start = start_psi(r)?;
    let (psi, e, it) = newton_bounded(&start, UNIQUENESS_LOWER, 1.0, |x| ml_eval(r, m, x))?;
    let l = (0..p)
        .map(|i| {
            (0..m)
                .map(|k| {
                    psi[i].sqrt()
                        * e.eigen.vectors[i][k]
                        * (e.eigen.values[k] - 1.0).max(0.0).sqrt()
                })
                .collect()
        })
        .collect();
    let heywood = (0..p).filter(|&i| psi[i] <= UNIQUENESS_LOWER).collect();
    Ok(finish(
        Extraction::MaximumLikelihood,
        l,
        it,
        heywood,
        Some(e.f),
    ))
}

/// Principal axis factoring. [`PaStop::Converged`]: the fixed point h² = diag(ΛΛᵀ), Λ from
/// the m largest eigenpairs of R with h² on its diagonal, which is the stationary point of
/// the ULS criterion without psych's bound (solved by Newton's method from 1 − SMC, ψ kept
/// in [−1, 1]); = `psych::fa(fm = "pa", min.err = 1e-14, max.iter = 1e5)`.
/// [`PaStop::Psych`]: psych's iteration as it is, from the SMCs
/// (`psych::fa(fm = "pa")` with its `min.err` and `max.iter`). Errors as [`extract`], and a
/// negative eigenvalue among the m largest (psych: "imaginary eigen value").
pub fn principal_axis(r: &[Vec<f64>], m: usize, stop: PaStop) -> Outcome<Extracted> {
    let p = check_factors(r, m)?;
    match stop {
        PaStop::Converged => {
            let start = start_psi(r)?;
            let (psi, e, it) = newton_bounded(&start, -1.0, 1.0, |x| uls_eval(r, m, x))?;
            if psi.iter().any(|&v| v <= -1.0) {
                return Err(NotComputable::NotApplicable {
                    why: Inapplicable::PrincipalAxisDiverged,
                });
            }
            if e.eigen.values[m - 1] < 0.0 {
                return Err(NotComputable::NotApplicable {
                    why: Inapplicable::PrincipalAxisNegativeEigenvalue,
                });
            }
            let l = uls_loadings(&e.eigen, p, m);
            let heywood = (0..p).filter(|&i| psi[i] <= 0.0).collect();
            Ok(finish(Extraction::PrincipalAxis, l, it, heywood, Some(e.f)))
        }
        PaStop::Psych { min_err, max_iter } => {
            if min_err.is_nan() || min_err < 0.0 || max_iter == 0 || max_iter > 1_000_000 {
                return Err(NotComputable::NotApplicable {
                    why: Inapplicable::PrincipalAxisSettings,
                });
            }
            let mut h = smc(r)?;
            let mut comm: f64 = h.iter().sum();
            let mut err = comm;
            let mut i = 1;
            let mut l = Vec::new();
            while err > min_err {
                let mut a = r.to_vec();
                for (k, row) in a.iter_mut().enumerate() {
                    row[k] = h[k];
                }
                let e = eigen_sorted(&a);
                if e.values[m - 1] < 0.0 {
                    return Err(NotComputable::NotApplicable {
                        why: Inapplicable::PrincipalAxisNegativeEigenvalue,
                    });
                }
                l = uls_loadings(&e, p, m);
                let new: Vec<f64> = l
                    .iter()
                    .map(|row| row.iter().map(|v| v * v).sum())
                    .collect();
                let comm1: f64 = new.iter().sum();
                h = new;
                err = (comm - comm1).abs();
                comm = comm1;
                i += 1;
                if i > max_iter {
                    break;
                }
            }
            let heywood = (0..p).filter(|&k| h[k] >= 1.0).collect();
            Ok(finish(Extraction::PrincipalAxis, l, i - 1, heywood, None))
        }
    }
}

/// How the number of factors is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactorCount {
    /// Eigenvalues of R above 1 (Kaiser 1960; SPSS's MINEIGEN(1) default).
    EigenvalueAboveOne,
    /// Parallel analysis (see [`super::parallel`]).
    Parallel(ParallelOptions),
    /// A given number.
    Fixed(usize),
}

/// The number of eigenvalues above 1.
pub fn kaiser_count(eigenvalues: &[f64]) -> usize {
    eigenvalues.iter().filter(|&&v| v > 1.0).count()
}

/// Harman's single-factor test for common-method variance (Podsakoff et al. 2003): the share
/// of the total variance of the first unrotated principal component,
/// e₁/p = `psych::principal(r, 1)$Vaccounted["Proportion Var", 1]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Harman {
    pub eigenvalue: f64,
    pub proportion: f64,
    /// The threshold compared with (conventionally 0.40).
    pub threshold: f64,
    /// `proportion` ≥ `threshold`: a single factor dominates (a sign of common-method bias).
    pub exceeds: bool,
}

/// [`Harman`] of a correlation matrix.
pub fn harman_single_factor(r: &[Vec<f64>], threshold: f64) -> Outcome<Harman> {
    let p = check_square(r)?;
    let e = eigen_sorted(r);
    let proportion = e.values[0] / p as f64;
    Ok(Harman {
        eigenvalue: e.values[0],
        proportion,
        threshold,
        exceeds: proportion >= threshold,
    })
}

/// Settings of an exploratory factor analysis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EfaOptions {
    pub count: FactorCount,
    pub extraction: Extraction,
    pub rotation: Rotation,
}

impl Default for EfaOptions {
    /// SPSS's defaults as Chinese theses use them: eigenvalues above 1, principal components,
    /// varimax with Kaiser normalization.
    fn default() -> Self {
        EfaOptions {
            count: FactorCount::EigenvalueAboveOne,
            extraction: Extraction::PrincipalComponents,
            rotation: Rotation::Varimax { kaiser: true },
        }
    }
}

/// An exploratory factor analysis (SPSS FACTOR's tables).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Efa {
    pub options: EfaOptions,
    /// Items and the observations behind R.
    pub p: usize,
    pub n_obs: usize,
    /// Eigenvalues of R with their shares (SPSS "Initial Eigenvalues"; the scree plot).
    pub eigenvalues: Vec<VarianceShare>,
    /// Eigenvalues above 1.
    pub kaiser_count: usize,
    pub parallel: Option<ParallelAnalysis>,
    /// Factors extracted.
    pub n_factors: usize,
    pub extracted: Extracted,
    pub rotated: Rotated,
    /// Shares of the rotated factors' variance (SPSS "Rotation Sums of Squared Loadings";
    /// for oblique rotations psych's diag(ΦΛᵀΛ), which add up to the total communality).
    pub rotated_variance: Vec<VarianceShare>,
}

/// An exploratory factor analysis of a correlation matrix: the number of factors, the
/// extraction and the rotation of `options`. Errors: as [`extract`] and [`rotate`]; no
/// factor to extract (no eigenvalue above 1, or parallel analysis suggesting none).
pub fn efa(corr: &CorrelationMatrix, options: EfaOptions) -> Outcome<Efa> {
    let r = &corr.r;
    let p = check_square(r)?;
    let n = corr.n_obs;
    if n <= p {
        return Err(NotComputable::TooFewObservations { n, needed: p + 1 });
    }
    let values = eigen_sorted(r).values;
    let kaiser = kaiser_count(&values);
    let parallel = match options.count {
        FactorCount::Parallel(opt) => Some(parallel_analysis(&values, n, opt)?),
        _ => None,
    };
    let n_factors = match options.count {
        FactorCount::EigenvalueAboveOne => kaiser,
        FactorCount::Parallel(_) => parallel.as_ref().map_or(0, |a| a.suggested),
        FactorCount::Fixed(k) => k,
    };
    if n_factors == 0 {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::NoFactorToExtract,
        });
    }
    let extracted = extract(r, n_factors, options.extraction)?;
    let rotated = rotate(&extracted.loadings, options.rotation)?;
    let rotated_variance = variance_shares(&rotated.variance, p);
    Ok(Efa {
        options,
        p,
        n_obs: n,
        eigenvalues: variance_shares(&values, p),
        kaiser_count: kaiser,
        parallel,
        n_factors,
        extracted,
        rotated,
        rotated_variance,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::correlation_matrix::correlation_matrix;
    use crate::stats::correlation_matrix::tests::*;
    use crate::stats::reliability::AlphaMissing;
    use crate::stats::testutil::*;

    #[test]
    fn gradients_and_hessians_match_finite_differences() {
        let cols = read_columns("hs.csv").1;
        let r = correlation_matrix(&refs(&cols), AlphaMissing::Listwise)
            .unwrap()
            .r;
        let psi: Vec<f64> = (0..9).map(|i| 0.3 + 0.05 * i as f64).collect();
        for ml in [false, true] {
            let ev = |x: &[f64]| {
                if ml {
                    ml_eval(&r, 3, x)
                } else {
                    uls_eval(&r, 3, x)
                }
            };
            let e = ev(&psi);
            for i in 0..9 {
                let h = 1e-6;
                let mut up = psi.clone();
                let mut dn = psi.clone();
                up[i] += h;
                dn[i] -= h;
                let (eu, ed) = (ev(&up), ev(&dn));
                let fd = (eu.f - ed.f) / (2.0 * h);
                assert_abs(e.g[i], fd, 1e-7, &format!("gradient {i} ml={ml}"));
                for j in 0..9 {
                    let fd = (eu.g[j] - ed.g[j]) / (2.0 * h);
                    assert_abs(
                        e.h[i][j],
                        fd,
                        1e-5 * (1.0 + fd.abs()),
                        &format!("hessian {i},{j} ml={ml}"),
                    );
                }
            }
        }
    }

    /// (file, key, correlation matrix, n, factors) of a reference data set.
    type Case = (&'static str, &'static str, Vec<Vec<f64>>, usize, usize);

    fn cases() -> Vec<Case> {
        let cols = bfi();
        let lw = correlation_matrix(&refs(&cols), AlphaMissing::Listwise).unwrap();
        let pw = correlation_matrix(&refs(&cols), AlphaMissing::Pairwise).unwrap();
        let hs = read_columns("hs.csv").1;
        let h = correlation_matrix(&refs(&hs), AlphaMissing::Listwise).unwrap();
        vec![
            ("bfi.json", "listwise", lw.r, lw.n_obs, 5),
            ("bfi.json", "pairwise", pw.r, pw.n_obs, 5),
            ("hs.json", "listwise", h.r, h.n_obs, 3),
            (
                "harman74.json",
                "listwise",
                read_columns("harman74.csv").1,
                145,
                4,
            ),
        ]
    }

    #[test]
    fn eigenvalues_components_and_harman_match_psych() {
        // R 4.2.2, psych 2.2.9 (scripts/reference/factor.R): eigen(R)$values,
        // principal(R, m, rotate = "none") loadings, communality and SS loadings,
        // principal(R, 1)$Vaccounted[2, 1]
        for (file, key, r, _, m) in cases() {
            let w = &reference(file)[key];
            let ctx = format!("{file} {key}");
            let values = eigen_sorted(&r).values;
            for (a, b) in values.iter().zip(vec_of(&w["eigen"])) {
                assert_close(*a, b, 1e-11, &ctx);
            }
            let pc = principal_components(&r, m).unwrap();
            assert_mat(&pc.loadings, &mat_of(&w["pc_loadings"]), 1e-10, &ctx);
            for (a, b) in pc.communalities.iter().zip(vec_of(&w["pc_communality"])) {
                assert_close(*a, b, 1e-11, &ctx);
            }
            for (a, b) in pc.variance.iter().zip(vec_of(&w["pc_ss"])) {
                assert_close(a.total, b, 1e-11, &ctx);
            }
            let h = harman_single_factor(&r, 0.4).unwrap();
            assert_close(h.proportion, num(&w["harman"]).unwrap(), 1e-11, &ctx);
            assert_eq!(h.exceeds, h.proportion >= 0.4);
        }
    }

    #[test]
    fn minres_ml_and_principal_axis_converge_to_the_tight_references() {
        // R (scripts/reference/factor.R): minres converged = fa(R, m, fm = "pa",
        // min.err = 1e-14, max.iter = 1e5) (the same fixed point; no Heywood case), psych's
        // fa(fm = "minres") within 1e-5; ML converged = factanal(covmat = R, m,
        // control = list(nstart = 1, lower = 0.005, opt = list(factr = 1, pgtol = 0)))
        // polished by Newton's method to a gradient below 1e-13 (ml_newton, tight.R),
        // psych's fa(fm = "ml") within 1e-4; fa(fm = "pa") (min.err .001, 50 iterations)
        for (file, key, r, _, m) in cases() {
            let w = &reference(file)[key];
            let ctx = format!("{file} {key}");
            let mr = minres(&r, m).unwrap();
            assert!(mr.heywood.is_empty(), "{ctx}");
            assert_mat(&mr.loadings, &mat_of(&w["minres"]["converged"]), 1e-9, &ctx);
            assert_mat(&mr.loadings, &mat_of(&w["minres"]["psych"]), 1e-5, &ctx);
            for (a, b) in mr
                .communalities
                .iter()
                .zip(vec_of(&w["minres"]["communality"]))
            {
                assert_close(*a, b, 1e-9, &ctx);
            }
            let pa = principal_axis(&r, m, PaStop::Converged).unwrap();
            assert_mat(&pa.loadings, &mr.loadings, 1e-10, &ctx);
            let pa_psych = principal_axis(
                &r,
                m,
                PaStop::Psych {
                    min_err: 0.001,
                    max_iter: 50,
                },
            )
            .unwrap();
            assert_mat(
                &pa_psych.loadings,
                &mat_of(&w["pa_psych"]["loadings"]),
                1e-10,
                &ctx,
            );
            let ml = maximum_likelihood(&r, m).unwrap();
            assert_mat(&ml.loadings, &mat_of(&w["ml"]["converged"]), 1e-8, &ctx);
            assert_mat(&ml.loadings, &mat_of(&w["ml"]["psych"]), 1e-4, &ctx);
            assert_close(
                ml.objective.unwrap(),
                num(&w["ml"]["objective"]).unwrap(),
                1e-10,
                &ctx,
            );
            for (a, b) in ml.uniquenesses.iter().zip(vec_of(&w["ml"]["uniquenesses"])) {
                assert_abs(*a, b, 1e-8, &ctx);
            }
        }
    }

    #[test]
    fn efa_with_spss_defaults_equals_converged_varimax_of_components() {
        // SPSS FACTOR /CRITERIA MINEIGEN(1) /EXTRACTION PC /ROTATION VARIMAX: on bfi the
        // eigenvalues above 1 are 6 (listwise); with 5 fixed factors the rotated loadings are
        // the converged varimax of principal(R, 5) (scripts/reference/factor.R)
        let cols = bfi();
        let corr = correlation_matrix(&refs(&cols), AlphaMissing::Listwise).unwrap();
        let e = efa(&corr, EfaOptions::default()).unwrap();
        assert_eq!(e.kaiser_count, 6);
        assert_eq!(e.n_factors, 6);
        let five = efa(
            &corr,
            EfaOptions {
                count: FactorCount::Fixed(5),
                ..EfaOptions::default()
            },
        )
        .unwrap();
        let w = &reference("bfi.json")["listwise"]["pc_varimax"];
        assert_mat(
            &five.rotated.loadings,
            &mat_of(&w["converged"]),
            1e-9,
            "efa",
        );
        assert_mat(
            &five.rotated.loadings,
            &mat_of(&w["psych"]),
            2e-3,
            "psych's early stop",
        );
        let total: f64 = five.extracted.communalities.iter().sum();
        let rotated: f64 = five.rotated.variance.iter().sum();
        assert_close(rotated, total, 1e-12, "rotation keeps the communality");
        assert_close(
            five.rotated_variance.last().unwrap().cumulative,
            five.extracted.variance.last().unwrap().cumulative,
            1e-12,
            "cumulative",
        );
        // parallel analysis: deterministic, psych suggests 5 components here
        let par = efa(
            &corr,
            EfaOptions {
                count: FactorCount::Parallel(ParallelOptions {
                    iterations: 20,
                    ..ParallelOptions::default()
                }),
                extraction: Extraction::MinRes,
                rotation: Rotation::Oblimin {
                    gamma: 0.0,
                    kaiser: false,
                },
            },
        )
        .unwrap();
        assert_eq!(par.n_factors, 5);
        let w = &reference("bfi.json")["listwise"]["mr_oblimin"];
        assert_mat(
            &par.rotated.loadings,
            &mat_of(&w["converged"]),
            1e-8,
            "minres oblimin",
        );
        assert_mat(
            par.rotated.phi.as_ref().unwrap(),
            &mat_of(&w["converged_phi"]),
            1e-8,
            "phi",
        );
        assert_mat(
            &par.rotated.loadings,
            &mat_of(&w["psych"]),
            1e-4,
            "psych minres oblimin",
        );
    }

    #[test]
    fn too_many_factors_too_few_rows_and_singular_matrices_are_errors() {
        let cols = read_columns("hs.csv").1;
        let corr = correlation_matrix(&refs(&cols), AlphaMissing::Listwise).unwrap();
        let r = &corr.r;
        // 9 items: ML allows at most 5 factors ((9 − 5)² − 14 = 2 ≥ 0; 6 gives −6)
        assert!(maximum_likelihood(r, 5).is_ok());
        assert!(matches!(
            maximum_likelihood(r, 6),
            Err(NotComputable::NotApplicable { .. })
        ));
        assert!(minres(r, 9).is_err());
        assert!(minres(r, 0).is_err());
        assert!(principal_components(r, 10).is_err());
        assert!(principal_components(r, 9).is_ok());
        // a copy of an item: components work, factor methods refuse
        let mut copy = cols.clone();
        copy.push(cols[0].clone());
        let c = correlation_matrix(&refs(&copy), AlphaMissing::Listwise).unwrap();
        assert!(principal_components(&c.r, 2).is_ok());
        for method in [
            Extraction::MinRes,
            Extraction::MaximumLikelihood,
            Extraction::PrincipalAxis,
        ] {
            assert!(matches!(
                extract(&c.r, 2, method),
                Err(NotComputable::NotApplicable { .. })
            ));
        }
        // too few rows for the items
        let few = CorrelationMatrix {
            n_obs: 9,
            ..corr.clone()
        };
        assert!(matches!(
            efa(&few, EfaOptions::default()),
            Err(NotComputable::TooFewObservations { .. })
        ));
        // the identity: no eigenvalue above 1
        let identity: Vec<Vec<f64>> = (0..4)
            .map(|i| (0..4).map(|j| f64::from(u8::from(i == j))).collect())
            .collect();
        let id = CorrelationMatrix {
            r: identity,
            ..corr.clone()
        };
        assert!(efa(&id, EfaOptions::default()).is_err());
        assert!(extract(
            &[vec![1.0, f64::NAN], vec![f64::NAN, 1.0]],
            1,
            Extraction::MinRes
        )
        .is_err());
    }

    #[test]
    fn a_heywood_case_stops_at_the_bound() {
        // three items with r12 r13 / r23 > 1: the one-factor loading of item 1 would exceed 1
        let r = vec![
            vec![1.0, 0.8, 0.75],
            vec![0.8, 1.0, 0.5],
            vec![0.75, 0.5, 1.0],
        ];
        // R (scripts/reference/heywood.R): the ULS criterion ½Σ(discarded eigenvalues of
        // R − Ψ)² minimised by optim(L-BFGS-B with its gradient, lower = 0.005, factr = 1,
        // pgtol = 0): ψ₁ at the bound, loadings 1.0174323266901921, 0.75986159808413656,
        // 0.70881475957083251 (h²₁ = 1.035:
        // psych's "ultra-Heywood case"). psych::fa(r, 1, fm = "minres") stops at
        // 1.018575776, the off-diagonal criterion's bounded minimum is at 1.019993762
        let mr = minres(&r, 1).unwrap();
        assert_eq!(mr.heywood, vec![0]);
        let want = [1.0174323266901921, 0.75986159808413656, 0.70881475957083251];
        for (row, w) in mr.loadings.iter().zip(want) {
            assert_abs(row[0], w, 1e-9, "minres heywood");
        }
        assert_abs(mr.loadings[0][0], 1.01857577611392092, 2e-3, "psych");
        let ml = maximum_likelihood(&r, 1).unwrap();
        assert_eq!(ml.heywood, vec![0]);
        let want = [
            0.99750669684076021,
            0.80112280471540487,
            0.75073472039109979,
        ];
        for (row, w) in ml.loadings.iter().zip(want) {
            assert_abs(row[0], w, 1e-9, "ml heywood");
        }
    }

    fn all_finite(e: &Extracted) -> bool {
        e.loadings
            .iter()
            .flatten()
            .chain(&e.communalities)
            .all(|v| v.is_finite())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(16))]
        /// Any small item set (answers 1–5, missing cells, a constant or a copied item): every
        /// analysis returns a finite result or an error, never a panic or NaN.
        #[test]
        fn any_item_set_gives_finite_results_or_errors(
            n in 3usize..40,
            p in 2usize..7,
            seed in 0u64..u64::MAX,
            copy in proptest::bool::ANY,
            constant in proptest::bool::ANY,
        ) {
            let mut state = seed;
            let mut next = || {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                state >> 33
            };
            let mut cols: Vec<Vec<f64>> = (0..p)
                .map(|_| (0..n).map(|_| if next() % 13 == 0 { f64::NAN } else { (next() % 5 + 1) as f64 }).collect())
                .collect();
            if copy { let c = cols[0].clone(); cols[p - 1] = c; }
            if constant { cols[0] = vec![3.0; n]; }
            let items = refs(&cols);
            for missing in [AlphaMissing::Listwise, AlphaMissing::Pairwise] {
                let Ok(corr) = correlation_matrix(&items, missing) else { continue };
                if let Ok(k) = crate::stats::adequacy::kmo(&corr.r) {
                    proptest::prop_assert!(k.overall.is_finite());
                }
                if let Ok(b) = crate::stats::adequacy::bartlett_sphericity(&corr.r, corr.n_obs) {
                    proptest::prop_assert!(b.chisq.is_finite() && b.p_value.is_finite());
                }
                for m in 1..=p {
                    for method in [Extraction::PrincipalComponents, Extraction::MinRes,
                                   Extraction::MaximumLikelihood, Extraction::PrincipalAxis] {
                        let Ok(e) = extract(&corr.r, m, method) else { continue };
                        proptest::prop_assert!(all_finite(&e));
                        if m == p {
                            continue; // rotating every component is pointless and slow to fail
                        }
                        for rot in [Rotation::Varimax { kaiser: true },
                                    Rotation::Promax { m: 4.0, kaiser: false },
                                    Rotation::Oblimin { gamma: 0.0, kaiser: true }] {
                            if let Ok(r) = rotate(&e.loadings, rot) {
                                proptest::prop_assert!(r.loadings.iter().flatten().all(|v| v.is_finite()));
                                proptest::prop_assert!(r.variance.iter().all(|v| v.is_finite()));
                            }
                        }
                    }
                }
                if let Ok(o) = crate::stats::omega::mcdonald_omega(&corr.r) {
                    proptest::prop_assert!(o.omega_total.is_finite());
                }
            }
            for method in [crate::stats::split_half::SplitMethod::FirstLast, crate::stats::split_half::SplitMethod::OddEven] {
                if let Ok(sh) = crate::stats::split_half::split_half(&items, method, false) {
                    proptest::prop_assert!(sh.r.is_finite() && sh.guttman.is_finite() && sh.spearman_brown_unequal.is_finite());
                }
            }
            if let Ok(a) = crate::stats::item_analysis::item_analysis(&items, 0.27) {
                for row in &a.items {
                    if let Some(cr) = &row.critical_ratio {
                        proptest::prop_assert!(cr.welch.t.is_finite());
                    }
                }
            }
        }
    }
}
