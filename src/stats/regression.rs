//! Linear regression with an intercept, in hierarchical blocks: R's `lm`, `summary.lm`,
//! `confint`, `anova(m1, m2)` of nested fits and `car::vif`, with SPSS's standardized β.
//!
//! The fit is a Householder QR (Golub & Van Loan 2013, §5.2) of the centered predictors with
//! the limited column pivoting of R's `lm` (LINPACK `dqrdc2`, tolerance 1e-7): a column whose
//! part not explained by the columns before it is below 1e-7 of its own size is *aliased* (R
//! reports its coefficient as NA) and moved to the end. Two deliberate differences from R, both
//! more accurate and both identical to R on ordinary data:
//! - columns are centered (with an accurate mean) and scaled to unit length before the QR, so
//!   the aliasing test compares a column's unexplained part with its *centered* length. R
//!   compares it with the uncentered length, and so calls a predictor such as 1e9 + x (a
//!   variation below 1e-7 of its level) aliased, and loses digits on 1e9 + 1000·x;
//! - the sums of squares of nested models come from one QR of the full model (the blocks in
//!   order): the squared components of Qᵀy, so ΔR² and the F change have no cancellation.

use super::distributions::{pf_tails, pt_tails, qt};
use super::summation::{mean, Accumulator};
use super::{valid_conf_level, Inapplicable, NotComputable, Outcome, Subject};
use serde::Serialize;

/// R's `lm` tolerance for aliased columns (`lm.fit(tol = 1e-7)`).
pub const ALIAS_TOL: f64 = 1e-7;

// ---------------------------------------------------------------------------------------------
// The QR fit shared by the regression and the k-group ANCOVA

/// A least-squares fit of y on an intercept and columns X by Householder QR with `lm`'s
/// limited pivoting. Columns are centered and scaled to unit length (an exact power-of-two
/// prescale first, so that huge values do not overflow); y likewise. Every model whose columns
/// are a prefix of X (the blocks of a hierarchical regression, the additive part of an
/// interaction model) is read from this one factorization.
#[derive(Debug, Clone)]
pub(crate) struct QrFit {
    pub n: usize,
    /// Original indices of the estimable columns, in order (a column's fate depends only on
    /// the columns before it, so the kept columns of a prefix of X are a prefix of this).
    pub kept: Vec<usize>,
    /// Which columns are aliased.
    pub aliased: Vec<bool>,
    /// The upper triangle R of the kept columns, `r[i][j]` for i ≤ j.
    r: Vec<Vec<f64>>,
    /// R⁻¹ (upper triangular).
    rinv: Vec<Vec<f64>>,
    /// Qᵀy of the scaled, centered y (length n).
    qty: Vec<f64>,
    /// Column means and the scale that maps the centered column to unit length.
    pub col_mean: Vec<f64>,
    col_scale: Vec<f64>,
    pub y_mean: f64,
    y_scale: f64,
}

/// An exact power of two near max |x| (1 if all are 0), so that x / s is at most 2 in size.
fn pow2_scale(x: &[f64]) -> f64 {
    let m = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if m == 0.0 || !m.is_finite() {
        return 1.0;
    }
    2f64.powi(m.log2().floor() as i32)
}

/// A column whose variation about its mean is below this share of its length is constant
/// to rounding (64 ulps; R's `lm` uses 1e-7, see the module documentation).
pub const CONSTANT_TOL: f64 = 64.0 * f64::EPSILON;

/// Centers x (accurate mean) and scales it to unit Euclidean length. Returns the scaled
/// column, the mean, and the scale (length of x − mean); scale 0 for a column that is
/// constant, or constant to rounding (‖x − x̄‖ ≤ [`CONSTANT_TOL`]·‖x‖).
fn center_scale(x: &[f64]) -> (Vec<f64>, f64, f64) {
    let s0 = pow2_scale(x);
    let xs: Vec<f64> = x.iter().map(|v| v / s0).collect();
    let m = mean(&xs);
    let mut c: Vec<f64> = xs.iter().map(|v| v - m).collect();
    let norm = sum_sq(&c).sqrt();
    let raw_norm = sum_sq(&xs).sqrt();
    if norm == 0.0 || norm <= CONSTANT_TOL * raw_norm {
        return (vec![0.0; c.len()], m * s0, 0.0);
    }
    for v in c.iter_mut() {
        *v /= norm;
    }
    (c, m * s0, norm * s0)
}

fn sum_sq(x: &[f64]) -> f64 {
    let mut acc = Accumulator::new();
    for v in x {
        acc.add(v * v);
    }
    acc.value()
}

impl QrFit {
    /// Fits y on an intercept and `columns` (all of length n = y.len(), finite, n ≥ 2).
    pub fn new(columns: &[Vec<f64>], y: &[f64]) -> QrFit {
        let n = y.len();
        let p = columns.len();
        let mut a: Vec<Vec<f64>> = Vec::with_capacity(p);
        let mut col_mean = Vec::with_capacity(p);
        let mut col_scale = Vec::with_capacity(p);
        for c in columns {
            let (v, m, s) = center_scale(c);
            a.push(v);
            col_mean.push(m);
            col_scale.push(s);
        }
        let (mut qty, y_mean, y_scale) = center_scale(y);
        // order[i]: original index of the column now at position i
        let mut order: Vec<usize> = (0..p).collect();
        let mut active = p; // columns before `active` have not been moved to the end
        let mut l = 0;
        while l < active && l < n {
            // dqrdc2: cycle negligible columns to the end (original length 1, or 0 if constant)
            loop {
                let orig = if col_scale[order[l]] > 0.0 { 1.0 } else { 0.0 };
                let norm = sum_sq(&a[l][l..]).sqrt();
                if orig > 0.0 && norm >= ALIAS_TOL * orig {
                    break;
                }
                let col = a.remove(l);
                a.push(col);
                let o = order.remove(l);
                order.push(o);
                active -= 1;
                if l >= active {
                    break;
                }
            }
            if l >= active {
                break;
            }
            // Householder reflection H = I − v vᵀ/(vᵀv/… ) zeroing a[l][l+1..]
            let norm = sum_sq(&a[l][l..]).sqrt();
            let alpha = if a[l][l] > 0.0 { -norm } else { norm };
            let mut v: Vec<f64> = a[l][l..].to_vec();
            v[0] -= alpha;
            let vnorm2 = sum_sq(&v);
            if vnorm2 > 0.0 {
                let reflect = |col: &mut [f64]| {
                    let dot: f64 = v.iter().zip(col.iter()).map(|(a, b)| a * b).sum();
                    let f = 2.0 * dot / vnorm2;
                    for (c, vi) in col.iter_mut().zip(&v) {
                        *c -= f * vi;
                    }
                };
                for col in a.iter_mut().skip(l + 1) {
                    reflect(&mut col[l..]);
                }
                reflect(&mut qty[l..]);
            }
            a[l][l] = alpha;
            for x in a[l][l + 1..].iter_mut() {
                *x = 0.0;
            }
            l += 1;
        }
        let rank = l;
        let kept: Vec<usize> = order[..rank].to_vec();
        let mut aliased = vec![true; p];
        for &k in &kept {
            aliased[k] = false;
        }
        let r: Vec<Vec<f64>> = (0..rank)
            .map(|i| {
                (0..rank)
                    .map(|j| if j >= i { a[j][i] } else { 0.0 })
                    .collect()
            })
            .collect();
        let mut rinv = vec![vec![0.0; rank]; rank];
        #[allow(clippy::needless_range_loop)] // row i reads rows below it: indices are clearer
        for i in (0..rank).rev() {
            rinv[i][i] = 1.0 / r[i][i];
            for j in i + 1..rank {
                let s: f64 = (i + 1..=j).map(|k| r[i][k] * rinv[k][j]).sum();
                rinv[i][j] = -s / r[i][i];
            }
        }
        QrFit {
            n,
            kept,
            aliased,
            r,
            rinv,
            qty,
            col_mean,
            col_scale,
            y_mean,
            y_scale,
        }
    }

    /// The number of kept columns among the first `cols` original columns.
    pub fn rank_of_prefix(&self, cols: usize) -> usize {
        self.kept.iter().take_while(|&&k| k < cols).count()
    }

    /// The sub-model of the first `m` kept columns.
    pub fn model(&self, m: usize) -> SubModel<'_> {
        let rss = sum_sq(&self.qty[m..]);
        let mss = sum_sq(&self.qty[..m]);
        // back-substitution R_m b = (Qᵀy)[..m]
        let mut b = vec![0.0; m];
        for i in (0..m).rev() {
            let s: f64 = (i + 1..m).map(|j| self.r[i][j] * b[j]).sum();
            b[i] = (self.qty[i] - s) / self.r[i][i];
        }
        SubModel {
            fit: self,
            m,
            rss,
            mss,
            b,
        }
    }

    /// Sum of squares (scaled: the total is 1) that kept columns from..to add.
    pub fn ss_between(&self, from: usize, to: usize) -> f64 {
        sum_sq(&self.qty[from..to])
    }

    /// The total sum of squares of y about its mean (the unit of the scaled sums of squares).
    pub fn total_ss(&self) -> f64 {
        self.y_scale * self.y_scale
    }

    /// The original-unit factor of column j's coefficient: b_j = b'_j · y_scale / col_scale_j.
    fn unit(&self, j: usize) -> f64 {
        self.y_scale / self.col_scale[j]
    }
}

/// A model of the intercept and the first `m` kept columns of a [`QrFit`], in scaled units
/// (total sum of squares 1).
pub(crate) struct SubModel<'a> {
    fit: &'a QrFit,
    pub m: usize,
    /// Residual and model sums of squares, as shares of the total.
    pub rss: f64,
    pub mss: f64,
    /// Coefficients of the scaled columns = standardized β (SPSS).
    pub b: Vec<f64>,
}

impl SubModel<'_> {
    pub fn df_residual(&self) -> usize {
        self.fit.n - 1 - self.m
    }

    /// R²  = mss/(mss + rss) as `summary.lm`.
    pub fn r2(&self) -> f64 {
        self.mss / (self.mss + self.rss)
    }

    /// The coefficient of kept column i in original units.
    pub fn coef(&self, i: usize) -> f64 {
        self.b[i] * self.fit.unit(self.fit.kept[i])
    }

    /// The intercept: ȳ − Σ b_j x̄_j.
    pub fn intercept(&self) -> f64 {
        let mut acc = Accumulator::new();
        acc.add(self.fit.y_mean);
        for i in 0..self.m {
            acc.add(-self.coef(i) * self.fit.col_mean[self.fit.kept[i]]);
        }
        acc.value()
    }

    /// σ² / y_scale² (residual variance in scaled units); None without residual df.
    fn sigma2_scaled(&self) -> Option<f64> {
        let df = self.df_residual();
        (df > 0).then(|| self.rss / df as f64)
    }

    /// The residual SD in original units.
    pub fn sigma(&self) -> Option<f64> {
        self.sigma2_scaled().map(|s| s.sqrt() * self.fit.y_scale)
    }

    /// R's `summary.lm` check: residual variance below 1e-30 of the fitted values' mean square
    /// plus variance ("essentially perfect fit: summary may be unreliable").
    pub fn perfect_fit(&self) -> bool {
        let n = self.fit.n as f64;
        match self.sigma2_scaled() {
            Some(s2) => {
                let ybar = self.fit.y_mean / self.fit.y_scale;
                s2 < (ybar * ybar + self.mss / (n - 1.0)) * 1e-30
            }
            None => false,
        }
    }

    /// SE of kept column i's coefficient (original units).
    pub fn se(&self, i: usize) -> Option<f64> {
        let s2 = self.sigma2_scaled()?;
        let d: f64 = (i..self.m).map(|k| self.fit.rinv[i][k].powi(2)).sum();
        Some((s2 * d).sqrt() * self.fit.unit(self.fit.kept[i]).abs())
    }

    /// [(RᵀR)⁻¹]_ii of the scaled columns = the VIF of kept column i.
    pub fn vif_diag(&self, i: usize) -> f64 {
        (i..self.m).map(|k| self.fit.rinv[i][k].powi(2)).sum()
    }

    /// ‖R_m⁻ᵀ c̃‖² with c̃_j = c_j / col_scale_j (c over the kept columns, original units):
    /// Var(cᵀb) = σ²_scaled · y_scale² · ‖R_m⁻ᵀ c̃‖² for b in original units.
    fn quad(&self, c: &[f64]) -> f64 {
        let mut w = vec![0.0; self.m];
        for i in 0..self.m {
            let ct = c[i] / self.fit.col_scale[self.fit.kept[i]];
            let s: f64 = (0..i).map(|k| self.fit.r[k][i] * w[k]).sum();
            w[i] = (ct - s) / self.fit.r[i][i];
        }
        sum_sq(&w)
    }

    /// SE of the intercept: σ √(1/n + x̄ᵀ(X_cᵀX_c)⁻¹x̄).
    pub fn intercept_se(&self) -> Option<f64> {
        let s2 = self.sigma2_scaled()?;
        let xbar: Vec<f64> = (0..self.m)
            .map(|i| self.fit.col_mean[self.fit.kept[i]])
            .collect();
        let q = self.quad(&xbar) * self.fit.y_scale * self.fit.y_scale;
        Some((s2 * (self.fit.y_scale * self.fit.y_scale / self.fit.n as f64 + q)).sqrt())
    }

    /// Estimate and SE of  a·(intercept + Σ x̄_j b_j) + Σ c_j b_j  with c over kept columns:
    /// with `level = true` the fitted value at x = x̄ + c (ȳ + cᵀb), else the contrast cᵀb.
    pub fn combination(&self, c: &[f64], level: bool) -> (f64, Option<f64>) {
        let mut acc = Accumulator::new();
        if level {
            acc.add(self.fit.y_mean);
        }
        for (i, ci) in c.iter().enumerate() {
            acc.add(ci * self.coef(i));
        }
        let se = self.sigma2_scaled().map(|s2| {
            let q = self.quad(c) * self.fit.y_scale * self.fit.y_scale;
            let base = if level {
                self.fit.y_scale * self.fit.y_scale / self.fit.n as f64
            } else {
                0.0
            };
            (s2 * (base + q)).sqrt()
        });
        (acc.value(), se)
    }

    /// det of the correlation matrix of the kept columns listed (indices into kept), by
    /// Cholesky of RᵀR restricted to them.
    fn det_corr(&self, idx: &[usize]) -> Option<f64> {
        let k = idx.len();
        if k == 0 {
            return Some(1.0);
        }
        // C = RᵀR, C[a][b] = Σ_k r[k][a] r[k][b]
        let c = |a: usize, b: usize| -> f64 {
            (0..=a.min(b))
                .map(|t| self.fit.r[t][a] * self.fit.r[t][b])
                .sum()
        };
        let mut l = vec![vec![0.0; k]; k];
        let mut det = 1.0;
        for j in 0..k {
            let d = c(idx[j], idx[j]) - (0..j).map(|m| l[j][m] * l[j][m]).sum::<f64>();
            if d <= 0.0 {
                return None;
            }
            det *= d;
            let d = d.sqrt();
            l[j][j] = d;
            for i in j + 1..k {
                l[i][j] = (c(idx[i], idx[j]) - (0..j).map(|m| l[i][m] * l[j][m]).sum::<f64>()) / d;
            }
        }
        Some(det)
    }

    /// Fox & Monette's (1992) generalized VIF of the kept columns `idx` (a term):
    /// det(C_SS)·det(C_-S,-S)/det(C), C the predictors' correlation matrix (car::vif).
    pub fn gvif(&self, idx: &[usize]) -> Option<f64> {
        if idx.len() == 1 {
            return Some(self.vif_diag(idx[0]));
        }
        let all: Vec<usize> = (0..self.m).collect();
        let rest: Vec<usize> = all.iter().copied().filter(|i| !idx.contains(i)).collect();
        let det_all: f64 = (0..self.m).map(|i| self.fit.r[i][i].powi(2)).product();
        Some(self.det_corr(idx)? * self.det_corr(&rest)? / det_all)
    }
}

// ---------------------------------------------------------------------------------------------
// Public API

/// A test statistic F with its degrees of freedom and upper-tail p.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FTest {
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p_value: f64,
}

impl FTest {
    /// F = (ss1/df1)/(ss2/df2), p = P(F_{df1,df2} > F).
    pub(crate) fn of(ss1: f64, df1: usize, ss2: f64, df2: usize) -> FTest {
        let (d1, d2) = (df1 as f64, df2 as f64);
        let f = (ss1 / d1) / (ss2 / d2);
        FTest {
            f,
            df1: d1,
            df2: d2,
            p_value: pf_tails(f, d1, d2).1,
        }
    }
}

/// The data of one predictor: numeric (NaN = missing), or categorical codes into `levels`
/// (None = missing), turned into dummies against the first level observed.
#[derive(Debug, Clone, Copy)]
pub enum Predictor<'a> {
    Numeric(&'a [f64]),
    Categorical {
        levels: &'a [String],
        codes: &'a [Option<usize>],
    },
}

/// A named predictor (a model term).
#[derive(Debug, Clone, Copy)]
pub struct Term<'a> {
    pub name: &'a str,
    pub predictor: Predictor<'a>,
}

/// How a term entered the models after listwise deletion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermInfo {
    pub name: String,
    /// 1-based block that adds the term.
    pub block: usize,
    /// Categorical: the reference level (the first level observed in the complete cases).
    pub reference: Option<String>,
    /// Categorical: levels without observations in the complete cases, dropped as `lm` does
    /// (`model.frame(drop.unused.levels = TRUE)`).
    pub dropped_levels: Vec<String>,
}

/// One coefficient of a block's model (R: a row of `coef(summary(m))` and `confint(m)`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coefficient {
    /// The term's name ("(Intercept)" for the intercept).
    pub term: String,
    /// The column's name as R prints it: the term, or term + level for a dummy ("typeprof").
    pub name: String,
    /// The dummy's level.
    pub level: Option<String>,
    /// B; None when the column is aliased (R: NA).
    pub estimate: Option<f64>,
    pub se: Option<f64>,
    pub t: Option<f64>,
    /// Two-sided p of t with the residual df.
    pub p_value: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Standardized β = B·sd(x)/sd(y) as SPSS (for dummies too); None for the intercept.
    pub beta: Option<f64>,
    /// The term's VIF (GVIF for a term of several columns, the same value on each of its rows;
    /// see [`TermVif`]); None for the intercept and when not computable.
    pub vif: Option<f64>,
    /// Why se/t/p/CI (or the estimate) are missing.
    pub note: Option<NotComputable>,
}

/// car::vif for one term: GVIF, its df (columns) and GVIF^(1/(2·df)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermVif {
    pub term: String,
    pub gvif: f64,
    pub df: usize,
    /// GVIF^(1/(2·df)), comparable across terms of different df (= √VIF for df = 1).
    pub gvif_adj: f64,
}

/// The cumulative model of blocks 1..=k.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockModel {
    /// 1-based block number.
    pub block: usize,
    /// Names of the terms this block adds.
    pub added: Vec<String>,
    /// Estimated (non-aliased) slopes in the model.
    pub rank: usize,
    pub df_residual: usize,
    pub r2: f64,
    /// 1 − (1 − R²)(n − 1)/df_residual; None without residual df.
    pub adj_r2: Option<f64>,
    /// R² − R² of the previous block's model (of the intercept-only model for block 1).
    pub delta_r2: f64,
    /// The F test of the change (`anova(m_prev, m)`); None when the block adds no estimable
    /// column, without residual df, or at a perfect fit (see `change_note`).
    pub change: Option<FTest>,
    pub change_note: Option<NotComputable>,
    /// The model's F test against the intercept-only model (`summary.lm`'s F).
    pub overall: Option<FTest>,
    pub overall_note: Option<NotComputable>,
    /// Residual standard error.
    pub sigma: Option<f64>,
    /// R's "essentially perfect fit" (then SE, t, p, CI and F are None).
    pub perfect_fit: bool,
    /// Intercept first, then every column of the model in order (aliased ones included).
    pub coefficients: Vec<Coefficient>,
    /// car::vif per term; empty when `vif_note` says why not.
    pub vif: Vec<TermVif>,
    pub vif_note: Option<NotComputable>,
}

/// A hierarchical (blockwise) linear regression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hierarchical {
    /// Complete cases used (listwise over the outcome and every predictor of every block).
    pub n: usize,
    /// Rows dropped for a missing value.
    pub n_dropped: usize,
    pub terms: Vec<TermInfo>,
    pub blocks: Vec<BlockModel>,
}

/// The rows with no missing value in y and in every term (listwise deletion).
pub fn complete_rows(y: &[f64], terms: &[Term<'_>]) -> Vec<bool> {
    (0..y.len())
        .map(|i| {
            !y[i].is_nan()
                && terms.iter().all(|t| match t.predictor {
                    Predictor::Numeric(x) => !x[i].is_nan(),
                    Predictor::Categorical { codes, .. } => codes[i].is_some(),
                })
        })
        .collect()
}

struct Column {
    term: usize,
    name: String,
    level: Option<String>,
    values: Vec<f64>,
}

/// Builds the design columns of the complete rows: numeric columns as they are, categorical
/// terms as 0/1 dummies for every observed level after the first observed one.
fn design(
    terms: &[Term<'_>],
    rows: &[usize],
    term_block: &[usize],
) -> Outcome<(Vec<Column>, Vec<TermInfo>)> {
    let mut cols = Vec::new();
    let mut info = Vec::new();
    for (ti, t) in terms.iter().enumerate() {
        match t.predictor {
            Predictor::Numeric(x) => {
                let v: Vec<f64> = rows.iter().map(|&i| x[i]).collect();
                if v.iter().any(|x| !x.is_finite()) {
                    return Err(NotComputable::NonFinite);
                }
                cols.push(Column {
                    term: ti,
                    name: t.name.to_string(),
                    level: None,
                    values: v,
                });
                info.push(TermInfo {
                    name: t.name.to_string(),
                    block: term_block[ti],
                    reference: None,
                    dropped_levels: vec![],
                });
            }
            Predictor::Categorical { levels, codes } => {
                let mut count = vec![0usize; levels.len()];
                for &i in rows {
                    match codes[i] {
                        Some(c) if c < levels.len() => count[c] += 1,
                        _ => {
                            return Err(NotComputable::NotApplicable {
                                why: Inapplicable::CategoryOutsideLevels,
                            })
                        }
                    }
                }
                let observed: Vec<usize> = (0..levels.len()).filter(|&l| count[l] > 0).collect();
                if observed.len() < 2 {
                    return Err(NotComputable::NotApplicable {
                        why: Inapplicable::PredictorOneLevel,
                    });
                }
                for &l in &observed[1..] {
                    cols.push(Column {
                        term: ti,
                        name: format!("{}{}", t.name, levels[l]),
                        level: Some(levels[l].clone()),
                        values: rows
                            .iter()
                            .map(|&i| f64::from(u8::from(codes[i] == Some(l))))
                            .collect(),
                    });
                }
                info.push(TermInfo {
                    name: t.name.to_string(),
                    block: term_block[ti],
                    reference: Some(levels[observed[0]].clone()),
                    dropped_levels: (0..levels.len())
                        .filter(|&l| count[l] == 0)
                        .map(|l| levels[l].clone())
                        .collect(),
                });
            }
        }
    }
    Ok((cols, info))
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// A hierarchical linear regression of y on blocks of terms (SPSS `REGRESSION /METHOD=ENTER`
/// per block): listwise deletion over y and all terms of all blocks, then for each cumulative
/// model (blocks 1..=k) R's `lm(y ~ …)` with `summary.lm` (B, SE, t, two-sided p, R²,
/// adjusted R², overall F), `confint` (B ± t_{1−α/2, df}·SE), standardized β = B·sd(x)/sd(y),
/// `car::vif` (GVIF for categorical terms), ΔR² and the F change of `anova(m_{k−1}, m_k)`:
/// F = ((RSS_{k−1} − RSS_k)/Δrank)/(RSS_k/df_k).
///
/// Aliased columns (collinear with earlier ones, constant, or beyond n − 1 columns) get no
/// estimate, as R's NA. Not computable: fewer than 2 complete cases, a constant outcome, a
/// non-finite value, a categorical term with fewer than two observed levels.
pub fn hierarchical_regression(
    y: &[f64],
    blocks: &[Vec<Term<'_>>],
    conf_level: f64,
) -> Outcome<Hierarchical> {
    if !valid_conf_level(conf_level) {
        return Err(NotComputable::NotApplicable {
            why: Inapplicable::ConfLevelRange,
        });
    }
    let terms: Vec<Term<'_>> = blocks.iter().flatten().copied().collect();
    let term_block: Vec<usize> = blocks
        .iter()
        .enumerate()
        .flat_map(|(b, ts)| std::iter::repeat_n(b + 1, ts.len()))
        .collect();
    for t in &terms {
        let len = match t.predictor {
            Predictor::Numeric(x) => x.len(),
            Predictor::Categorical { codes, .. } => codes.len(),
        };
        assert_eq!(len, y.len(), "every predictor needs one value per row of y");
    }
    let complete = complete_rows(y, &terms);
    let rows: Vec<usize> = (0..y.len()).filter(|&i| complete[i]).collect();
    let n = rows.len();
    if n < 2 {
        return Err(NotComputable::TooFewObservations { n, needed: 2 });
    }
    let yy: Vec<f64> = rows.iter().map(|&i| y[i]).collect();
    if yy.iter().any(|v| !v.is_finite()) {
        return Err(NotComputable::NonFinite);
    }
    if yy.iter().all(|&v| v == yy[0]) {
        return Err(NotComputable::ZeroVariance {
            what: Subject::Outcome,
        });
    }
    let (cols, info) = design(&terms, &rows, &term_block)?;
    let values: Vec<Vec<f64>> = cols.iter().map(|c| c.values.clone()).collect();
    let fit = QrFit::new(&values, &yy);
    if fit.total_ss() == 0.0 {
        return Err(NotComputable::ZeroVariance {
            what: Subject::Outcome,
        });
    }

    let mut out = Vec::with_capacity(blocks.len());
    let mut prev_rank = 0usize;
    let mut n_terms = 0usize;
    for (bi, block) in blocks.iter().enumerate() {
        n_terms += block.len();
        let n_cols = cols.iter().filter(|c| c.term < n_terms).count();
        let rank = fit.rank_of_prefix(n_cols);
        let model = fit.model(rank);
        let df = model.df_residual();
        let perfect = model.perfect_fit();
        let r2 = model.r2();
        let sigma = model.sigma();
        let no_df = NotComputable::TooFewObservations {
            n,
            needed: rank + 2,
        };
        let perfect_note = NotComputable::NotApplicable {
            why: Inapplicable::RegressionPerfectFit,
        };
        let inference_note = if df == 0 {
            Some(no_df.clone())
        } else if perfect {
            Some(perfect_note.clone())
        } else {
            None
        };
        let tq = (df > 0).then(|| qt(1.0 - (1.0 - conf_level) / 2.0, df as f64));
        let t_row = |est: f64, se: Option<f64>| {
            let se = se.filter(|_| inference_note.is_none()).and_then(finite);
            let t = se.map(|s| est / s);
            let p = t.map(|t| {
                let (lo, up) = pt_tails(t, df as f64);
                (2.0 * lo.min(up)).min(1.0)
            });
            let ci = se.zip(tq).map(|(s, q)| (est - q * s, est + q * s));
            (se, t, p, ci)
        };
        // coefficients
        let mut coefficients = Vec::new();
        let b0 = model.intercept();
        let (se, t, p, ci) = t_row(b0, model.intercept_se());
        coefficients.push(Coefficient {
            term: "(Intercept)".into(),
            name: "(Intercept)".into(),
            level: None,
            estimate: finite(b0),
            se,
            t,
            p_value: p,
            ci_low: ci.map(|c| c.0),
            ci_high: ci.map(|c| c.1),
            beta: None,
            vif: None,
            note: inference_note.clone(),
        });
        // VIF per term
        let any_aliased = (0..n_cols).any(|j| fit.aliased[j]);
        let terms_in_model = n_terms;
        let mut vif = Vec::new();
        let vif_note = if any_aliased {
            Some(NotComputable::NotApplicable {
                why: Inapplicable::AliasedCoefficients,
            })
        } else {
            let mut note = None;
            for (ti, term) in terms.iter().enumerate().take(terms_in_model) {
                let idx: Vec<usize> = (0..rank)
                    .filter(|&i| cols[fit.kept[i]].term == ti)
                    .collect();
                if terms_in_model == 1 {
                    // the GVIF with no other term is det(C)·1/det(C) = 1 (car::vif stops)
                    vif.push(TermVif {
                        term: term.name.to_string(),
                        gvif: 1.0,
                        df: idx.len(),
                        gvif_adj: 1.0,
                    });
                    continue;
                }
                match model.gvif(&idx).and_then(finite) {
                    Some(g) => vif.push(TermVif {
                        term: term.name.to_string(),
                        gvif: g,
                        df: idx.len(),
                        gvif_adj: g.powf(1.0 / (2.0 * idx.len() as f64)),
                    }),
                    None => {
                        note = Some(NotComputable::NotApplicable {
                            why: Inapplicable::TooCollinearForVif,
                        });
                        vif.clear();
                        break;
                    }
                }
            }
            note
        };
        let mut kept_pos = 0usize;
        for (j, c) in cols.iter().enumerate().take(n_cols) {
            let term_vif = vif
                .iter()
                .find(|v| v.term == terms[c.term].name)
                .map(|v| v.gvif);
            if fit.aliased[j] {
                coefficients.push(Coefficient {
                    term: terms[c.term].name.to_string(),
                    name: c.name.clone(),
                    level: c.level.clone(),
                    estimate: None,
                    se: None,
                    t: None,
                    p_value: None,
                    ci_low: None,
                    ci_high: None,
                    beta: None,
                    vif: None,
                    note: Some(NotComputable::NotApplicable {
                        why: Inapplicable::AliasedColumn,
                    }),
                });
                continue;
            }
            let i = kept_pos;
            kept_pos += 1;
            let est = model.coef(i);
            let (se, t, p, ci) = t_row(est, model.se(i));
            coefficients.push(Coefficient {
                term: terms[c.term].name.to_string(),
                name: c.name.clone(),
                level: c.level.clone(),
                estimate: finite(est),
                se,
                t,
                p_value: p,
                ci_low: ci.map(|c| c.0),
                ci_high: ci.map(|c| c.1),
                beta: finite(model.b[i]),
                vif: term_vif,
                note: inference_note.clone(),
            });
        }
        let adj_r2 = (df > 0).then(|| {
            let one_minus = model.rss / (model.mss + model.rss);
            1.0 - one_minus * ((n - 1) as f64 / df as f64)
        });
        let (overall, overall_note) = if let Some(note) = inference_note.clone() {
            (None, Some(note))
        } else if rank == 0 {
            (
                None,
                Some(NotComputable::NotApplicable {
                    why: Inapplicable::NoEstimablePredictor,
                }),
            )
        } else {
            (Some(FTest::of(model.mss, rank, model.rss, df)), None)
        };
        let d_rank = rank - prev_rank;
        let (change, change_note) = if let Some(note) = inference_note.clone() {
            (None, Some(note))
        } else if d_rank == 0 {
            (
                None,
                Some(NotComputable::NotApplicable {
                    why: Inapplicable::BlockNotEstimable,
                }),
            )
        } else {
            let ss = fit.ss_between(prev_rank, rank);
            (Some(FTest::of(ss, d_rank, model.rss, df)), None)
        };
        out.push(BlockModel {
            block: bi + 1,
            added: block.iter().map(|t| t.name.to_string()).collect(),
            rank,
            df_residual: df,
            r2,
            adj_r2,
            delta_r2: fit.ss_between(prev_rank, rank) / (model.mss + model.rss),
            change,
            change_note,
            overall,
            overall_note,
            sigma,
            perfect_fit: perfect,
            coefficients,
            vif,
            vif_note,
        });
        prev_rank = rank;
    }
    Ok(Hierarchical {
        n,
        n_dropped: y.len() - n,
        terms: info,
        blocks: out,
    })
}

/// A single-block regression (R: `lm(y ~ terms)`); see [`hierarchical_regression`].
pub fn linear_regression(y: &[f64], terms: &[Term<'_>], conf_level: f64) -> Outcome<BlockModel> {
    let h = hierarchical_regression(y, &[terms.to_vec()], conf_level)?;
    Ok(h.blocks.into_iter().next().expect("one block"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testdata::Table;
    use crate::stats::testutil::*;

    /// R's values for one model, as printed by scripts/reference/regression.R (NaN = NA).
    struct Ref<'a> {
        b: &'a [f64],
        se: &'a [f64],
        t: &'a [f64],
        p: &'a [f64],
        lo: &'a [f64],
        hi: &'a [f64],
        beta: &'a [f64],
        r2_adj_sigma: [f64; 3],
        f: Option<[f64; 4]>,
    }

    fn opt_close(got: Option<f64>, want: f64, tol: f64, what: &str) {
        if want.is_nan() {
            assert!(got.is_none(), "{what}: got {got:?}, R gives NA");
        } else {
            assert_close(got.unwrap_or(f64::NAN), want, tol, what);
        }
    }

    fn check(m: &BlockModel, r: &Ref<'_>, tol: f64) {
        assert_eq!(m.coefficients.len(), r.b.len());
        for (i, c) in m.coefficients.iter().enumerate() {
            let w = |s: &str| format!("{} {s}", c.name);
            opt_close(c.estimate, r.b[i], tol, &w("b"));
            opt_close(c.se, r.se[i], tol, &w("se"));
            opt_close(c.t, r.t[i], tol, &w("t"));
            // p near 0 is compared relatively too: the t tails are accurate
            opt_close(c.p_value, r.p[i], tol, &w("p"));
            opt_close(c.ci_low, r.lo[i], tol, &w("lo"));
            opt_close(c.ci_high, r.hi[i], tol, &w("hi"));
            if i > 0 {
                opt_close(c.beta, r.beta[i - 1], tol, &w("beta"));
            }
        }
        assert_close(m.r2, r.r2_adj_sigma[0], tol, "r2");
        opt_close(m.adj_r2, r.r2_adj_sigma[1], tol, "adj r2");
        opt_close(m.sigma, r.r2_adj_sigma[2], tol, "sigma");
        match r.f {
            Some(f) => {
                let o = m.overall.as_ref().expect("overall F");
                assert_close(o.f, f[0], tol, "F");
                assert_eq!((o.df1, o.df2), (f[1], f[2]));
                assert_close(o.p_value, f[3], tol, "p of F");
            }
            None => assert!(m.overall.is_none()),
        }
    }

    fn check_vif(m: &BlockModel, gvif: &[f64], gvif_adj: &[f64]) {
        assert_eq!(m.vif.len(), gvif.len(), "{:?}", m.vif_note);
        for (v, (&g, &a)) in m.vif.iter().zip(gvif.iter().zip(gvif_adj)) {
            assert_close(v.gvif, g, TOL_CLOSED, &format!("GVIF {}", v.term));
            assert_close(
                v.gvif_adj,
                a,
                TOL_CLOSED,
                &format!("GVIF^(1/2df) {}", v.term),
            );
        }
    }

    fn check_change(m: &BlockModel, ch: [f64; 4], delta_r2: f64) {
        let c = m.change.as_ref().expect("F change");
        assert_close(c.f, ch[0], TOL_CLOSED, "F change");
        assert_eq!((c.df1, c.df2), (ch[1], ch[2]));
        assert_close(c.p_value, ch[3], TOL_CLOSED, "p change");
        assert_close(m.delta_r2, delta_r2, TOL_CLOSED, "delta R2");
    }

    fn num<'a>(name: &'a str, x: &'a [f64]) -> Term<'a> {
        Term {
            name,
            predictor: Predictor::Numeric(x),
        }
    }

    #[test]
    fn prestige_in_two_blocks_matches_lm_anova_and_car_vif() {
        // R 4.2.2, carData 3.0-5, car 3.1-1 (scripts/reference/regression.R):
        // m1 <- lm(prestige ~ education + log2(income)); m2 <- update(m1, . ~ . + type)
        // on the 98 complete rows; summary, confint, anova(m1, m2), vif.
        let d = Table::read("prestige.csv");
        let y = d.num("prestige");
        let edu = d.num("education");
        let linc: Vec<f64> = d.num("income").iter().map(|v| v.log2()).collect();
        let (levels, codes) = d.factor("type");
        let type_term = Term {
            name: "type",
            predictor: Predictor::Categorical {
                levels: &levels,
                codes: &codes,
            },
        };
        let blocks = vec![
            vec![num("education", &edu), num("log2(income)", &linc)],
            vec![type_term],
        ];
        let h = hierarchical_regression(&y, &blocks, 0.95).unwrap();
        assert_eq!((h.n, h.n_dropped), (98, 4));
        assert_eq!(h.terms[2].reference.as_deref(), Some("bc"));
        let b1 = &h.blocks[0];
        check(
            b1,
            &Ref {
                b: &[-101.18815115560386, 4.0375245679418841, 8.3568593288744033],
                se: &[12.848996950629397, 0.31725996203873075, 1.1588600645185583],
                t: &[-7.8751790154831696, 12.726234164552373, 7.2112756188092586],
                p: &[
                    5.5112836826015112e-12,
                    3.0414032574400267e-22,
                    1.3295358298704912e-10,
                ],
                lo: &[-126.69663524587995, 3.4076839099323779, 6.0562312228664901],
                hi: &[-75.679667065327777, 4.6673652259513903, 10.657487434882317],
                beta: &[0.64925179474732075, 0.36789623524063053],
                r2_adj_sigma: [0.83894683658432789, 0.83555624367031367, 6.9322693104537567],
                f: Some([247.43366657694466, 2.0, 95.0, 2.1430871618563788e-38]),
            },
            TOL_CLOSED,
        );
        check_vif(
            b1,
            &[1.5352561408120351; 2],
            &[1.5352561408120351f64.sqrt(); 2],
        );
        // block 1's change is its overall F (anova(lm(y ~ 1), m1))
        assert_eq!(b1.change, b1.overall);
        assert_close(b1.delta_r2, b1.r2, 1e-14, "delta R2 of block 1");
        let b2 = &h.blocks[1];
        check(
            b2,
            &Ref {
                b: &[
                    -81.201866763675454,
                    3.2844857908366105,
                    7.2693612253769162,
                    6.7508872629242349,
                    -1.4394028590407169,
                ],
                se: &[
                    13.743060880358934,
                    0.60809700387024379,
                    1.1899551133542086,
                    3.6184957744556687,
                    2.3779973138163353,
                ],
                t: &[
                    -5.9085721492892542,
                    5.4012530401111079,
                    6.1089373404062837,
                    1.8656612260214047,
                    -0.60530045626110796,
                ],
                p: &[
                    5.6268944138262863e-08,
                    5.0583542449571847e-07,
                    2.3115758864341727e-08,
                    0.065241045005408643,
                    0.54645364079581737,
                ],
                lo: &[
                    -108.49286199455733,
                    2.0769256572528212,
                    4.9063462022880397,
                    -0.43472821119252636,
                    -6.1616342393266894,
                ],
                hi: &[
                    -53.910871532793578,
                    4.4920459244203998,
                    9.6323762484657927,
                    13.936502737040996,
                    3.2828285212452553,
                ],
                beta: &[
                    0.52815983126258892,
                    0.32002101772611735,
                    0.18459225147067018,
                    -0.035868339669814939,
                ],
                r2_adj_sigma: [0.8554942801295935, 0.8492789803502212, 6.6367222658982881],
                f: Some([137.64328519902685, 4.0, 93.0, 3.5083800631749728e-38]),
            },
            TOL_CLOSED,
        );
        assert_eq!(b2.coefficients[3].name, "typeprof");
        assert_eq!(b2.coefficients[4].level.as_deref(), Some("wc"));
        check_vif(
            b2,
            &[6.1537464704916802, 1.7661336842605559, 6.2277491648353509],
            &[2.4806745998803792, 1.3289596247668911, 1.579729681022527],
        );
        assert_eq!(b2.vif[2].df, 2);
        assert_eq!(b2.coefficients[3].vif, Some(b2.vif[2].gvif));
        check_change(
            b2,
            [5.3247451072863958, 2.0, 93.0, 0.0064652255905650281],
            0.016547443545265605,
        );
    }

    #[test]
    fn mtcars_in_three_blocks_with_a_factor() {
        // R 4.2.2: lm(mpg ~ wt + hp), + qsec + factor(cyl), + am; anova of each pair; car 3.1-1 vif
        let d = Table::read("mtcars.csv");
        let (mpg, wt, hp, qsec, am) = (
            d.num("mpg"),
            d.num("wt"),
            d.num("hp"),
            d.num("qsec"),
            d.num("am"),
        );
        let (levels, codes) = d.factor("cyl"); // "4" < "6" < "8"
        let blocks = vec![
            vec![num("wt", &wt), num("hp", &hp)],
            vec![
                num("qsec", &qsec),
                Term {
                    name: "factor(cyl)",
                    predictor: Predictor::Categorical {
                        levels: &levels,
                        codes: &codes,
                    },
                },
            ],
            vec![num("am", &am)],
        ];
        let h = hierarchical_regression(&mpg, &blocks, 0.95).unwrap();
        check(
            &h.blocks[0],
            &Ref {
                b: &[
                    37.227270116447201,
                    -3.8778307424046821,
                    -0.031772946982161002,
                ],
                se: &[
                    1.5987875379993941,
                    0.63273349437739534,
                    0.0090297096758557224,
                ],
                t: &[23.284688697930861, -6.1286952198104139, -3.5187119102087809],
                p: &[
                    2.5654585119837577e-20,
                    1.1196471362000422e-06,
                    0.0014512285315694238,
                ],
                lo: &[
                    33.957382452258472,
                    -5.1719160406755371,
                    -0.05024077687107361,
                ],
                hi: &[
                    40.497157780635931,
                    -2.583745444133827,
                    -0.013305117093248393,
                ],
                beta: &[-0.62955451412011387, -0.36145066568160517],
                r2_adj_sigma: [0.82678545188279118, 0.8148396209781561, 2.5934117772265668],
                f: Some([69.211213391777648, 2.0, 29.0, 9.1090543852220887e-12]),
            },
            TOL_CLOSED,
        );
        // anova(lm(mpg ~ 1), m1)
        let c1 = h.blocks[0].change.as_ref().unwrap();
        assert_close(c1.f, 69.211213391777619, TOL_CLOSED, "F change block 1");
        check(
            &h.blocks[1],
            &Ref {
                b: &[
                    34.205044116520625,
                    -3.3095781411555727,
                    -0.021258691877170575,
                    0.093018805936514848,
                    -3.2183371525461211,
                    -2.981834599989277,
                ],
                se: &[
                    8.7634537244949691,
                    0.98953179502842947,
                    0.015536073143098919,
                    0.48259090677396854,
                    1.603149550066298,
                    2.4506882897531312,
                ],
                t: &[
                    3.9031465438007817,
                    -3.344589994766654,
                    -1.3683439619112265,
                    0.19274877464709905,
                    -2.0075090015232999,
                    -1.2167335243967932,
                ],
                p: &[
                    0.00060154811098971073,
                    0.0025116584064770976,
                    0.18291365603033133,
                    0.84865343069385846,
                    0.055194269369840371,
                    0.23463572138286137,
                ],
                lo: &[
                    16.19150700163669,
                    -5.3435898763096343,
                    -0.05319354758371931,
                    -0.8989610097587355,
                    -6.5136582472544724,
                    -8.0192965245141927,
                ],
                hi: &[
                    52.218581231404556,
                    -1.2755664060015106,
                    0.010676163829378159,
                    1.0849986216317653,
                    0.076983942162230701,
                    2.0556273245356387,
                ],
                beta: &[
                    -0.53730036120805769,
                    -0.24183996325042245,
                    0.027579352710771072,
                    -0.22428347629916509,
                    -0.24936215124843716,
                ],
                r2_adj_sigma: [0.85742318425868147, 0.83000456584688942, 2.4849409710387147],
                f: Some([31.271567785848962, 5.0, 26.0, 3.2889631111150634e-10]),
            },
            TOL_CLOSED,
        );
        check_vif(
            &h.blocks[1],
            &[
                4.70622763203066,
                5.6962627407188338,
                3.7334412648032833,
                6.6331066721930902,
            ],
            &[
                2.1693841596247219,
                2.3866844660991182,
                1.9322114958780479,
                1.6048307801807458,
            ],
        );
        check_change(
            &h.blocks[1],
            [1.862343555253295, 3.0, 26.0, 0.16078453426567682],
            0.030637732375890292,
        );
        check(
            &h.blocks[2],
            &Ref {
                b: &[
                    21.57616508315575,
                    -2.9627412942087998,
                    -0.024806543909366603,
                    0.61917235535988424,
                    -1.9094963970240262,
                    -0.22716239838140292,
                    2.8326955415479458,
                ],
                se: &[
                    11.272710903446024,
                    0.9772824252433111,
                    0.015149184871919149,
                    0.55987339759051136,
                    1.7299201138059535,
                    2.8704707377336822,
                    1.6701993615705577,
                ],
                t: &[
                    1.914017423844339,
                    -3.0316121703213632,
                    -1.6374837404848455,
                    1.10591494081443,
                    -1.1038061132331662,
                    -0.079137681285249423,
                    1.6960224071000989,
                ],
                p: &[
                    0.067132106147098081,
                    0.0055958269769804591,
                    0.11405691637062404,
                    0.27929253124144071,
                    0.28018888657576785,
                    0.93755317147555428,
                    0.10230145602258012,
                ],
                lo: &[
                    -1.6404176165337923,
                    -4.9754921259256424,
                    -0.056006874195871123,
                    -0.53390849163874909,
                    -5.4723335645907598,
                    -6.1390075472941223,
                    -0.60714443439056254,
                ],
                hi: &[
                    44.792747782845296,
                    -0.94999046249195773,
                    0.0063937863771379166,
                    1.7722532023585176,
                    1.6533407705427072,
                    5.6846827505313158,
                    6.2725355174864541,
                ],
                beta: &[
                    -0.4809924104069031,
                    -0.2822005089529373,
                    0.18357978911150211,
                    -0.13307135629542838,
                    -0.018996930394242807,
                    0.23452821134520108,
                ],
                r2_adj_sigma: [0.87213526031739075, 0.8414477227935645, 2.3998477493376256],
                f: Some([28.419851532246728, 6.0, 25.0, 5.195768071446924e-10]),
            },
            TOL_CLOSED,
        );
        check_vif(
            &h.blocks[2],
            &[
                4.921736667653688,
                5.8069863152098788,
                5.3876018373902834,
                9.7574994757284106,
                3.7386621505547053,
            ],
            &[
                2.2184987418643463,
                2.4097689339872153,
                2.321120814906084,
                1.767399118922798,
                1.933562036903576,
            ],
        );
        check_change(
            &h.blocks[2],
            [2.8764920053856127, 1.0, 25.0, 0.10230145602258006],
            0.014712076058709278,
        );
    }

    #[test]
    fn bfi_with_missing_values_and_two_factors() {
        // R 4.2.2, psych 2.2.9 bfi: listwise over A2, A1, C1, gender, education (2518 rows);
        // lm(A2 ~ A1 + C1), lm(A2 ~ A1 + C1 + factor(gender) + factor(education)), anova
        let d = Table::read("bfi.csv");
        let (a2, a1, c1) = (d.num("A2"), d.num("A1"), d.num("C1"));
        let (gl, gc) = d.factor("gender");
        let (el, ec) = d.factor("education");
        let cat = |name, levels, codes| Term {
            name,
            predictor: Predictor::Categorical { levels, codes },
        };
        let blocks = vec![
            vec![num("A1", &a1), num("C1", &c1)],
            vec![
                cat("factor(gender)", &gl[..], &gc[..]),
                cat("factor(education)", &el[..], &ec[..]),
            ],
        ];
        let h = hierarchical_regression(&a2, &blocks, 0.95).unwrap();
        assert_eq!((h.n, h.n_dropped), (2518, 2800 - 2518));
        check(
            &h.blocks[0],
            &Ref {
                b: &[
                    5.1128884354677391,
                    -0.27405525190982394,
                    0.08298743050436333,
                ],
                se: &[
                    0.089787008506306693,
                    0.015408008138998336,
                    0.017636519516754583,
                ],
                t: &[56.944635092821997, -17.786546413885791, 4.7054312743240407],
                p: &[0.0, 9.3031088081613756e-67, 2.6705336434046415e-06],
                lo: &[
                    4.9368244009299742,
                    -0.30426893340197669,
                    0.048403843936761753,
                ],
                hi: &[
                    5.2889524700055039,
                    -0.24384157041767118,
                    0.11757101707196491,
                ],
                beta: &[-0.33337952907202451, 0.088195562298157407],
                r2_adj_sigma: [0.11720173031816489, 0.11649970386116149, 1.0796122294164523],
                f: Some([166.94773985931039, 2.0, 2515.0, 8.333023764617138e-69]),
            },
            TOL_CLOSED,
        );
        let b2 = &h.blocks[1];
        check(
            b2,
            &Ref {
                b: &[
                    4.8510721695464767,
                    -0.2593652150088892,
                    0.081436470648755505,
                    0.35418228289717835,
                    -0.0068449913241905892,
                    0.069585721090352493,
                    -0.15870645767106947,
                    -0.081919196237318068,
                ],
                se: &[
                    0.11605494059658257,
                    0.015594730552368992,
                    0.017396493704255712,
                    0.04613561711772074,
                    0.095808947664784497,
                    0.078259993061214325,
                    0.090177519365946993,
                    0.089406081134297835,
                ],
                t: &[
                    41.799790208063961,
                    -16.631593225539191,
                    4.6812002483485315,
                    7.6769815822217877,
                    -0.071444176050652231,
                    0.88916083899883702,
                    -1.7599337261321972,
                    -0.9162597800731962,
                ],
                p: &[
                    2.7049464212351144e-290,
                    5.2726696125523515e-59,
                    3.0037086574802436e-06,
                    2.3163797405367744e-14,
                    0.9430499438683706,
                    0.37400185166036704,
                    0.078540839009192273,
                    0.35961867944660797,
                ],
                lo: &[
                    4.623498926965274,
                    -0.28994507124542118,
                    0.047323519821589062,
                    0.26371451020268522,
                    -0.19471767279975857,
                    -0.083875047522951884,
                    -0.33553641755510416,
                    -0.25723643551742981,
                ],
                hi: &[
                    5.0786454121276794,
                    -0.2287853587723572,
                    0.11554942147592195,
                    0.44465005559167148,
                    0.1810276901513774,
                    0.22304648970365687,
                    0.018123502212965215,
                    0.093398043042793658,
                ],
                beta: &[
                    -0.31550956471280933,
                    0.0865472671800189,
                    0.1445790664647125,
                    -0.001879747168891552,
                    0.030282564017227512,
                    -0.049843426375295305,
                    -0.026337769816499646,
                ],
                r2_adj_sigma: [0.14463668697447571, 0.14225121159950427, 1.0637620736842122],
                f: Some([60.632228063221483, 7.0, 2510.0, 9.5804788381210584e-81]),
            },
            TOL_CLOSED,
        );
        check_vif(
            b2,
            &[
                1.0560402037050687,
                1.0030333697508933,
                1.0407656193687718,
                1.0358950929247279,
            ],
            &[
                1.0276381676957453,
                1.001515536450081,
                1.0201792094376221,
                1.0044179651910159,
            ],
        );
        check_change(
            b2,
            [16.1011678099146, 5.0, 2510.0, 1.1819205882179811e-15],
            0.027434956656310822,
        );
    }

    fn swiss() -> (Table, Vec<f64>) {
        let d = Table::read("swiss.csv");
        let y = d.num("Fertility");
        (d, y)
    }

    #[test]
    fn swiss_in_two_blocks() {
        // R 4.2.2: lm(Fertility ~ Agriculture + Examination, swiss); lm(Fertility ~ ., swiss)
        let (d, y) = swiss();
        let cols: Vec<Vec<f64>> = [
            "Agriculture",
            "Examination",
            "Education",
            "Catholic",
            "Infant.Mortality",
        ]
        .iter()
        .map(|c| d.num(c))
        .collect();
        let blocks = vec![
            vec![num("Agriculture", &cols[0]), num("Examination", &cols[1])],
            vec![
                num("Education", &cols[2]),
                num("Catholic", &cols[3]),
                num("Infant.Mortality", &cols[4]),
            ],
        ];
        let h = hierarchical_regression(&y, &blocks, 0.95).unwrap();
        check(
            &h.blocks[0],
            &Ref {
                b: &[
                    94.60968827384481,
                    -0.093997508429691443,
                    -1.1950287500640129,
                ],
                se: &[7.8271070850043785, 0.085903231780776829, 0.2445469450659378],
                t: &[12.087440129074443, -1.0942255195889607, -4.8867048809045412],
                p: &[
                    1.4130260285821708e-15,
                    0.27981026090692718,
                    1.4004709237711549e-05,
                ],
                lo: &[
                    78.835190453027934,
                    -0.26712409630059608,
                    -1.6878807335791843,
                ],
                hi: &[
                    110.38418609466169,
                    0.079129079441213182,
                    -0.70217676654884154,
                ],
                beta: &[-0.1708973462684284, -0.76321094801122169],
                r2_adj_sigma: [0.43260445719604318, 0.40681375070495429, 9.620928434084524],
                f: Some([16.773656717993134, 2.0, 44.0, 3.8502615901741288e-06]),
            },
            TOL_CLOSED,
        );
        let b2 = &h.blocks[1];
        check(
            b2,
            &Ref {
                b: &[
                    66.915181678968693,
                    -0.17211397094145539,
                    -0.25800823983472415,
                    -0.87094006293942372,
                    0.10411533074376744,
                    1.077048140690988,
                ],
                se: &[
                    10.70603758533044,
                    0.070303923178648128,
                    0.25387820089209856,
                    0.18302860157125891,
                    0.035257852536168949,
                    0.3817196508580713,
                ],
                t: &[
                    6.2502285411977994,
                    -2.4481417701839971,
                    -1.0162677966367852,
                    -4.7584915989227987,
                    2.9529685801754848,
                    2.8215684947575559,
                ],
                p: &[
                    1.9060512879269924e-07,
                    0.018727154385175502,
                    0.31546172314372584,
                    2.4306045907379241e-05,
                    0.0051900785451659557,
                    0.0073357153206014721,
                ],
                lo: &[
                    45.293900144308616,
                    -0.31409562418349835,
                    -0.77072566803826326,
                    -1.2405738225751719,
                    0.032910653017193897,
                    0.30614966656053566,
                ],
                hi: &[
                    88.536463213628764,
                    -0.030132317699412436,
                    0.25470918836881501,
                    -0.50130630330367565,
                    0.17532000847034099,
                    1.8479466148214403,
                ],
                beta: &[
                    -0.31292128249992041,
                    -0.16477822253934776,
                    -0.67040078010607418,
                    0.34760002814421853,
                    0.25113597629871098,
                ],
                r2_adj_sigma: [0.70673500159272551, 0.67097097739671641, 7.1653688320027333],
                f: Some([19.76105926221776, 5.0, 41.0, 5.5937985411351463e-10]),
            },
            TOL_CLOSED,
        );
        let vif = [
            2.2841293775972979,
            3.6754195755443404,
            2.7749427811269523,
            1.9371603802631261,
            1.107542225556954,
        ];
        check_vif(b2, &vif, &vif.map(f64::sqrt));
        check_change(
            b2,
            [12.774967329099411, 3.0, 41.0, 4.9294234110435096e-06],
            0.27413054439668233,
        );
    }

    #[test]
    fn constant_and_copied_predictors_are_aliased_as_lm_says_na() {
        // R 4.2.2: swiss$const <- 5; swiss$copy <- swiss$Education
        // lm(Fertility ~ Agriculture + const + Education + copy + Catholic): const, copy NA;
        // car::vif stops: "there are aliased coefficients in the model"
        let (d, y) = swiss();
        let (agri, edu, cath) = (d.num("Agriculture"), d.num("Education"), d.num("Catholic"));
        let konst = vec![5.0; y.len()];
        let terms = [
            num("Agriculture", &agri),
            num("const", &konst),
            num("Education", &edu),
            num("copy", &edu),
            num("Catholic", &cath),
        ];
        let m = linear_regression(&y, &terms, 0.95).unwrap();
        const NA: f64 = f64::NAN;
        check(
            &m,
            &Ref {
                b: &[
                    86.225019811233949,
                    -0.20303767792489177,
                    NA,
                    -1.07214683405335,
                    NA,
                    0.14520134162600395,
                ],
                se: &[
                    4.7347179177630601,
                    0.071151629006154654,
                    NA,
                    0.15580184121357021,
                    NA,
                    0.030146626567354229,
                ],
                t: &[
                    18.211226372694103,
                    -2.853591418227809,
                    NA,
                    -6.8814773028495306,
                    NA,
                    4.8165038068717925,
                ],
                p: &[
                    7.8444121271197301e-22,
                    0.0066234938336129237,
                    NA,
                    1.9108415156429318e-08,
                    NA,
                    1.8419635502055305e-05,
                ],
                lo: &[
                    76.676551120936978,
                    -0.346528613103956,
                    NA,
                    -1.3863511918540892,
                    NA,
                    0.084404874994586404,
                ],
                hi: &[
                    95.77348850153092,
                    -0.059546742745827524,
                    NA,
                    -0.7579424762526108,
                    NA,
                    0.20599780825742151,
                ],
                beta: &[
                    -0.36914383082634411,
                    NA,
                    -0.82527846004899619,
                    NA,
                    0.48477001489810495,
                ],
                r2_adj_sigma: [0.6422540825480626, 0.61729506505141585, 7.7277573672212903],
                f: Some([25.732346340730295, 3.0, 43.0, 1.0892431117262598e-09]),
            },
            TOL_CLOSED,
        );
        assert_eq!(m.rank, 3);
        assert!(m.vif.is_empty());
        assert!(m.vif_note.as_ref().unwrap().to_string().contains("aliased"));
        assert!(m.coefficients[2]
            .note
            .as_ref()
            .unwrap()
            .to_string()
            .contains("aliased"));
        // constant to rounding: 0.1 + 0.2 and 0.3 differ in the last bit only; R aliases it too
        let nearly: Vec<f64> = (0..y.len())
            .map(|i| if i % 2 == 0 { 0.1 + 0.2 } else { 0.3 })
            .collect();
        let m2 = linear_regression(
            &y,
            &[num("Agriculture", &agri), num("nearly", &nearly)],
            0.95,
        )
        .unwrap();
        assert!(m2.coefficients[2].estimate.is_none());
        let y_nearly: Vec<f64> = nearly.iter().map(|v| v * 10.0).collect();
        assert!(matches!(
            linear_regression(&y_nearly, &[num("Agriculture", &agri)], 0.95),
            Err(NotComputable::ZeroVariance { .. })
        ));
    }

    #[test]
    fn a_block_of_only_aliased_columns_has_no_f_change() {
        let (d, y) = swiss();
        let agri = d.num("Agriculture");
        let twice: Vec<f64> = agri.iter().map(|v| 2.0 * v + 1.0).collect();
        let h = hierarchical_regression(
            &y,
            &[vec![num("Agriculture", &agri)], vec![num("twice", &twice)]],
            0.95,
        )
        .unwrap();
        let b2 = &h.blocks[1];
        assert!(b2.change.is_none() && b2.change_note.is_some());
        assert_eq!(b2.delta_r2, 0.0);
        assert_eq!(b2.r2, h.blocks[0].r2);
    }

    #[test]
    fn n_at_most_p_leaves_no_residual_df() {
        // R 4.2.2: S6 <- swiss[1:6, ]
        // lm(Fertility ~ Agriculture + Examination + Education + Catholic + Infant.Mortality, S6):
        // estimates, SE NaN ("ALL 6 residuals are 0: no residual degrees of freedom!"), R² = 1;
        // car::vif gives NaN (through vcov); the VIF of the predictors themselves,
        // diag(solve(cor(S6[, predictors]))), is finite and is what prepost reports.
        let (d, y) = swiss();
        let names = [
            "Agriculture",
            "Examination",
            "Education",
            "Catholic",
            "Infant.Mortality",
        ];
        let cols: Vec<Vec<f64>> = names.iter().map(|c| d.num(c)[..6].to_vec()).collect();
        let terms: Vec<Term<'_>> = names.iter().zip(&cols).map(|(n, c)| num(n, c)).collect();
        let m = linear_regression(&y[..6], &terms, 0.95).unwrap();
        let b = [
            143.92123455697703,
            -0.22307859518911613,
            0.24789517998812471,
            -0.49980671704561791,
            0.13221347480729681,
            -2.6561482767169879,
        ];
        for (c, &want) in m.coefficients.iter().zip(&b) {
            // an exact fit: the solution of a square system, to conditioning
            assert_close(c.estimate.unwrap(), want, 1e-9, &c.name);
            assert!(c.se.is_none() && c.p_value.is_none());
        }
        assert_eq!(m.df_residual, 0);
        assert_close(m.r2, 1.0, 1e-12, "R2");
        assert!(m.adj_r2.is_none() && m.overall.is_none());
        let vif = [
            3.6793327129549191,
            58.925884339507732,
            4.7312966264766558,
            94.486541283765476,
            9.351302134928817,
        ];
        for (v, &want) in m.vif.iter().zip(&vif) {
            assert_close(v.gvif, want, 1e-9, &v.term);
        }
        // one predictor more than n − 1: the last is aliased, as lm
        let extra: Vec<f64> = (0..6).map(|i| (i * i) as f64).collect();
        let mut terms2 = terms.clone();
        terms2.push(num("extra", &extra));
        let m = linear_regression(&y[..6], &terms2, 0.95).unwrap();
        assert_eq!(m.rank, 5);
        assert!(m.coefficients[6].estimate.is_none());
        // R 4.2.2: lm(Fertility ~ Agriculture + Examination + Education + Catholic, S6)
        let m = linear_regression(&y[..6], &terms[..4], 0.95).unwrap();
        check(
            &m,
            &Ref {
                b: &[
                    135.47761451768972,
                    0.090648217971027484,
                    -2.7056091818885459,
                    -1.0809711263288309,
                    -0.33154868000848481,
                ],
                se: &[
                    24.99968649209022,
                    0.24469572326531452,
                    1.5456807817787603,
                    1.0877270680056561,
                    0.17007844229624242,
                ],
                t: &[
                    5.4191725388458041,
                    0.37045280874296677,
                    -1.7504320515487983,
                    -0.99378893669602963,
                    -1.9493868566305055,
                ],
                p: &[
                    0.116168655788966,
                    0.77414121864814123,
                    0.3304309884307694,
                    0.50198319533387648,
                    0.30174442854760614,
                ],
                lo: &[
                    -182.17352039098958,
                    -3.0185057399044046,
                    -22.345345651940036,
                    -14.901853949487712,
                    -2.4926001890342144,
                ],
                hi: &[
                    453.12874942636904,
                    3.1998021758464592,
                    16.934127288162941,
                    12.739911696830049,
                    1.8295028290172448,
                ],
                beta: &[
                    0.14959713536792796,
                    -2.1327327537479399,
                    -0.65264071629280196,
                    -2.2333470105371984,
                ],
                r2_adj_sigma: [0.88282329919213332, 0.41411649596066658, 4.7039203865023227],
                f: Some([1.8835299447449214, 4.0, 1.0, 0.49341081071821635]),
            },
            TOL_CLOSED,
        );
        let vif = [
            1.3916803807874669,
            12.668963870444411,
            3.6806010689828512,
            11.201471600414557,
        ];
        check_vif(&m, &vif, &vif.map(f64::sqrt));
    }

    #[test]
    fn a_level_without_observations_is_dropped_and_the_next_is_the_reference() {
        // R 4.2.2: P2$education[P2$type %in% "bc"] <- NA; lm(prestige ~ education + type, P2):
        // model.frame drops the unused level bc, prof becomes the reference
        let d = Table::read("prestige.csv");
        let y = d.num("prestige");
        let (levels, codes) = d.factor("type");
        let edu: Vec<f64> = d
            .num("education")
            .iter()
            .zip(&codes)
            .map(|(&e, c)| if *c == Some(0) { f64::NAN } else { e })
            .collect();
        let terms = [
            num("education", &edu),
            Term {
                name: "type",
                predictor: Predictor::Categorical {
                    levels: &levels,
                    codes: &codes,
                },
            },
        ];
        let h = hierarchical_regression(&y, &[terms.to_vec()], 0.95).unwrap();
        assert_eq!(h.terms[1].reference.as_deref(), Some("prof"));
        assert_eq!(h.terms[1].dropped_levels, vec!["bc".to_string()]);
        check(
            &h.blocks[0],
            &Ref {
                b: &[5.4796517062926933, 4.4282787776389112, -12.043506929399857],
                se: &[11.83363346269295, 0.83499151365931223, 3.256940066787537],
                t: &[0.463057413732477, 5.3033817771778082, -3.6977981425611239],
                p: &[
                    0.64529316085849953,
                    2.4703155395077747e-06,
                    0.00053253119328380686,
                ],
                lo: &[-18.27735877727606, 2.7519633664650223, -18.582086948373892],
                hi: &[29.236662189861445, 6.1045941888128006, -5.5049269104258238],
                beta: &[0.55244828515993016, -0.38519615003326541],
                r2_adj_sigma: [0.78772827931289202, 0.77940389810947597, 7.3295936166546234],
                f: Some([94.62904930274442, 2.0, 51.0, 6.8509307655741807e-18]),
            },
            TOL_CLOSED,
        );
        assert_eq!(h.blocks[0].coefficients[2].name, "typewc");
        // only one level left: not computable (R: contrasts need 2 or more levels)
        let only_prof: Vec<f64> = edu
            .iter()
            .zip(&codes)
            .map(|(&e, c)| if *c == Some(1) { e } else { f64::NAN })
            .collect();
        let terms = [num("education", &only_prof), terms[1]];
        assert!(matches!(
            linear_regression(&y, &terms, 0.95),
            Err(NotComputable::NotApplicable {
                why: Inapplicable::PredictorOneLevel
            })
        ));
    }

    #[test]
    fn huge_and_offset_values_are_fitted_where_lm_loses_them() {
        // R 4.2.2: lm(I(Fertility*1e150) ~ I(Agriculture*1e-150) + Education, swiss) gives the
        // right estimates but SE = Inf for the tiny predictor (overflow in R); the exact answer
        // is the fit of the unscaled data rescaled: t, p, β, R² unchanged.
        // lm(Fertility ~ I(1e9 + Agriculture/1000) + Education) calls the shifted predictor
        // aliased (NA: its variation is below 1e-7 of its size); its slope is that of
        // Agriculture/1000, R's lm(Fertility ~ I(Agriculture/1000) + Education):
        let (d, y) = swiss();
        let (agri, edu) = (d.num("Agriculture"), d.num("Education"));
        let r = Ref {
            b: &[
                84.080053969945467,
                -66.475019917224174,
                -0.96276262434985604,
            ],
            se: &[5.7817979919238303, 80.045108392460477, 0.1890634294745627],
            t: &[
                14.542198480021392,
                -0.83046948467228909,
                -5.0922731435980308,
            ],
            p: &[
                2.0470154477739022e-18,
                0.41075703923619733,
                7.104841730804205e-06,
            ],
            lo: &[72.427605775038117, -227.79533586422536, -1.343794929626025],
            hi: &[95.732502164852818, 94.845296029777032, -0.58173031907368711],
            beta: &[-0.12085857047468365, -0.74108063446153194],
            r2_adj_sigma: [0.44924842192336545, 0.42421425928351841, 9.4787681221848246],
            f: Some([17.945414367816486, 2.0, 44.0, 1.9999839237179135e-06]),
        };
        let a1000: Vec<f64> = agri.iter().map(|v| v / 1000.0).collect();
        let m = linear_regression(&y, &[num("a", &a1000), num("e", &edu)], 0.95).unwrap();
        check(&m, &r, TOL_CLOSED);
        // offset by 1e9: the slope, its SE, t, p, β the same (the data carry ~1e-7 rounding)
        let shifted: Vec<f64> = a1000.iter().map(|v| 1e9 + v).collect();
        let m = linear_regression(&y, &[num("a", &shifted), num("e", &edu)], 0.95).unwrap();
        let c = &m.coefficients[1];
        assert_close(c.estimate.unwrap(), r.b[1], 1e-6, "slope of 1e9 + x");
        assert_close(c.t.unwrap(), r.t[1], 1e-6, "t of 1e9 + x");
        assert_close(m.r2, r.r2_adj_sigma[0], 1e-6, "R2 of 1e9 + x");
        // and to 1e-10 the fit of the values the doubles 1e9 + x hold (1e9 + x − 1e9 is exact)
        let held: Vec<f64> = shifted.iter().map(|v| v - 1e9).collect();
        let exact = linear_regression(&y, &[num("a", &held), num("e", &edu)], 0.95).unwrap();
        for (c, e) in m.coefficients.iter().zip(&exact.coefficients).skip(1) {
            assert_close(c.estimate.unwrap(), e.estimate.unwrap(), TOL_CLOSED, "b");
            assert_close(c.se.unwrap(), e.se.unwrap(), TOL_CLOSED, "se");
            assert_close(c.p_value.unwrap(), e.p_value.unwrap(), TOL_CLOSED, "p");
        }
        assert_close(m.r2, exact.r2, TOL_CLOSED, "R2");
        // scaled by 1e150 / 1e-150
        let ybig: Vec<f64> = y.iter().map(|v| v * 1e150).collect();
        let atiny: Vec<f64> = agri.iter().map(|v| v * 1e-150).collect();
        let m = linear_regression(&ybig, &[num("a", &atiny), num("e", &edu)], 0.95).unwrap();
        let c = &m.coefficients[1];
        assert_close(c.estimate.unwrap(), r.b[1] / 1000.0 * 1e300, 1e-12, "b");
        assert_close(c.se.unwrap(), r.se[1] / 1000.0 * 1e300, 1e-12, "se");
        assert_close(c.t.unwrap(), r.t[1], 1e-12, "t");
        assert_close(c.p_value.unwrap(), r.p[1], 1e-12, "p");
        assert_close(c.beta.unwrap(), r.beta[0], 1e-12, "beta");
        assert_close(
            m.coefficients[0].estimate.unwrap(),
            r.b[0] * 1e150,
            1e-12,
            "intercept",
        );
        assert_close(m.overall.as_ref().unwrap().f, r.f.unwrap()[0], 1e-12, "F");
        // values near the largest double do not overflow
        let yhuge: Vec<f64> = y.iter().map(|v| v * 1e306).collect();
        let m = linear_regression(&yhuge, &[num("a", &agri), num("e", &edu)], 0.95).unwrap();
        assert_close(m.coefficients[2].t.unwrap(), r.t[2], 1e-12, "t at 1e306");
    }

    #[test]
    fn a_perfect_fit_keeps_estimates_and_withholds_inference() {
        // R 4.2.2: swiss$exact <- 3 + 2*Agriculture - 0.5*Education;
        // summary(lm(exact ~ Agriculture + Education + Catholic)) warns "essentially perfect fit"
        let (d, _) = swiss();
        let (agri, edu, cath) = (d.num("Agriculture"), d.num("Education"), d.num("Catholic"));
        let y: Vec<f64> = agri
            .iter()
            .zip(&edu)
            .map(|(a, e)| 3.0 + 2.0 * a - 0.5 * e)
            .collect();
        let m = linear_regression(
            &y,
            &[num("a", &agri), num("e", &edu), num("c", &cath)],
            0.95,
        )
        .unwrap();
        assert!(m.perfect_fit);
        let b = [3.0, 2.0, -0.5];
        for (c, &want) in m.coefficients.iter().zip(&b) {
            assert_abs(c.estimate.unwrap(), want, 1e-12, &c.name);
            assert!(c.se.is_none() && c.t.is_none() && c.p_value.is_none());
            assert!(c.note.as_ref().unwrap().to_string().contains("perfect fit"));
        }
        assert_abs(m.coefficients[3].estimate.unwrap(), 0.0, 1e-14, "Catholic");
        assert_abs(m.r2, 1.0, 1e-14, "R2");
        assert!(m.overall.is_none() && m.change.is_none());
        // VIF is a property of the predictors: car::vif 3.1-1 gives these
        let vif = [2.0114137674594152, 1.7287469456799216, 1.2175910622708321];
        check_vif(&m, &vif, &vif.map(f64::sqrt));
    }

    #[test]
    fn degenerate_inputs_are_not_computable() {
        let x = [1.0, 2.0, 3.0];
        assert!(linear_regression(&[1.0], &[num("x", &x[..1])], 0.95).is_err());
        assert!(matches!(
            linear_regression(&[2.0, 2.0, 2.0], &[num("x", &x)], 0.95),
            Err(NotComputable::ZeroVariance { .. })
        ));
        assert!(matches!(
            linear_regression(&[1.0, 2.0, f64::INFINITY], &[num("x", &x)], 0.95),
            Err(NotComputable::NonFinite)
        ));
        assert!(matches!(
            linear_regression(
                &[1.0, 2.0, 4.0],
                &[num("x", &[1.0, f64::INFINITY, 2.0])],
                0.95
            ),
            Err(NotComputable::NonFinite)
        ));
        // missing values are deleted listwise; two rows left: a line through two points
        let m = linear_regression(
            &[1.0, f64::NAN, 4.0, 7.0],
            &[num("x", &[1.0, 2.0, f64::NAN, 3.0])],
            0.95,
        )
        .unwrap();
        assert_eq!(m.df_residual, 0);
        assert_abs(m.coefficients[1].estimate.unwrap(), 3.0, 1e-14, "slope");
        // no predictors at all: the intercept-only model
        let m = linear_regression(&[1.0, 2.0, 4.0], &[], 0.95).unwrap();
        assert_abs(
            m.coefficients[0].estimate.unwrap(),
            7.0 / 3.0,
            1e-15,
            "mean",
        );
        assert_eq!(m.r2, 0.0);
        assert!(m.overall.is_none());
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any finite data: no panic; every reported number is finite; R² in [0, 1]; p in [0, 1];
        /// ΔR² of the blocks add up to the last R².
        #[test]
        fn never_panics_and_stays_in_range(
            rows in proptest::collection::vec((-1e6f64..1e6, -1e3f64..1e3, 0u8..3, -5f64..5.0), 0..30),
        ) {
            let y: Vec<f64> = rows.iter().map(|r| r.0).collect();
            let x: Vec<f64> = rows.iter().map(|r| r.1).collect();
            let z: Vec<f64> = rows.iter().map(|r| r.3.round()).collect();
            let levels = vec!["a".to_string(), "b".to_string(), "c".to_string()];
            let codes: Vec<Option<usize>> = rows.iter().map(|r| Some(r.2 as usize)).collect();
            let g = Term { name: "g", predictor: Predictor::Categorical { levels: &levels, codes: &codes } };
            let blocks = vec![vec![num("x", &x)], vec![g, num("z", &z)]];
            if let Ok(h) = hierarchical_regression(&y, &blocks, 0.95) {
                let mut total = 0.0;
                for b in &h.blocks {
                    prop_assert!((0.0..=1.0 + 1e-12).contains(&b.r2));
                    total += b.delta_r2;
                    for c in &b.coefficients {
                        for v in [c.estimate, c.se, c.t, c.p_value, c.beta, c.vif].into_iter().flatten() {
                            prop_assert!(v.is_finite());
                        }
                        if let Some(p) = c.p_value { prop_assert!((0.0..=1.0).contains(&p)); }
                    }
                    if let Some(f) = &b.change { prop_assert!(f.f >= 0.0 && (0.0..=1.0).contains(&f.p_value)); }
                }
                prop_assert!((total - h.blocks.last().unwrap().r2).abs() < 1e-9);
            }
        }
    }
}
