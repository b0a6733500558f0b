//! Wilcoxon signed-rank test for paired data, with an exact p-value that stays exact with ties
//! and zeros.

use super::distributions::{pnorm, pnorm_upper};
use super::tally::Tally;
use super::{check_finite, Alternative, NotComputable, Outcome};
use serde::{Deserialize, Serialize};

/// How zero differences are handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ZeroMethod {
    /// Drop zeros, then rank (Wilcoxon 1945; R ≤ 4.5's `wilcox.test`, scipy's default).
    #[default]
    Wilcox,
    /// Rank |d| with the zeros, then drop the zeros from the statistic (Pratt 1959; coin's
    /// default, R ≥ 4.6's exact branch).
    Pratt,
    /// Rank with the zeros and split each zero's rank half to the positive and half to the
    /// negative sum (scipy's `zsplit`).
    Zsplit,
}

impl ZeroMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            ZeroMethod::Wilcox => "wilcox",
            ZeroMethod::Pratt => "pratt",
            ZeroMethod::Zsplit => "zsplit",
        }
    }
}

/// Which p-value the caller asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PValueMethod {
    /// Exact when fewer than [`AUTO_EXACT_BELOW`] differences are ranked, normal otherwise.
    #[default]
    Auto,
    /// The exact permutation distribution on the actual (mid)ranks.
    Exact,
    /// Normal approximation with tie-corrected variance (and continuity correction if asked).
    Normal,
}

impl PValueMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            PValueMethod::Auto => "auto",
            PValueMethod::Exact => "exact",
            PValueMethod::Normal => "normal",
        }
    }
}

/// `auto` uses the exact distribution when fewer than this many differences are ranked: R's
/// threshold (`n < 50`), so without ties and zeros `auto` gives R's default p-value exactly.
pub const AUTO_EXACT_BELOW: usize = 50;

/// Largest number of ranked differences for which the exact distribution is computed (about
/// 100 MB and tens of seconds at this size; the normal approximation is excellent long before).
pub const EXACT_MAX_N: usize = 5000;

/// Options of the signed-rank test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignedRankOptions {
    pub alternative: Alternative,
    pub zero_method: ZeroMethod,
    pub method: PValueMethod,
    /// Continuity correction of the normal approximation (R's `correct = TRUE`).
    pub correct: bool,
}

impl Default for SignedRankOptions {
    fn default() -> Self {
        SignedRankOptions {
            alternative: Alternative::TwoSided,
            zero_method: ZeroMethod::Wilcox,
            method: PValueMethod::Auto,
            correct: true,
        }
    }
}

/// The method that produced the p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodUsed {
    /// Exact distribution of the statistic over all 2^n sign assignments of the (mid)ranks.
    Exact,
    /// Normal approximation with continuity correction.
    NormalCorrected,
    /// Normal approximation without continuity correction.
    Normal,
}

impl MethodUsed {
    pub fn as_str(self) -> &'static str {
        match self {
            MethodUsed::Exact => "exact",
            MethodUsed::NormalCorrected => "normal-cc",
            MethodUsed::Normal => "normal",
        }
    }

    /// A phrase for reports.
    pub fn describe(self) -> &'static str {
        match self {
            MethodUsed::Exact => "exact distribution on the observed ranks",
            MethodUsed::NormalCorrected => "normal approximation with continuity correction",
            MethodUsed::Normal => "normal approximation",
        }
    }
}

/// Result of the signed-rank test. `v` is R's V: the sum of the ranks of the positive
/// differences (with `zsplit`, plus half the ranks of the zeros).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignedRank {
    /// All pairs given.
    pub n: usize,
    pub n_positive: usize,
    pub n_negative: usize,
    pub n_zero: usize,
    /// Differences that were ranked (n − zeros for `wilcox`, n otherwise).
    pub n_ranked: usize,
    /// W+ = V.
    pub v: f64,
    /// W− (V + W− = the sum of the ranks that carry a sign, plus the zeros' ranks for `zsplit`).
    pub w_minus: f64,
    /// Whether nonzero |d| are tied (midranks were used).
    pub ties: bool,
    /// Mean and SD of V under H0, given the observed ranks.
    pub null_mean: f64,
    pub null_sd: f64,
    /// Standardized statistic. With a normal method it is R's z, including the continuity
    /// correction when used; with the exact method it is (V − E V)/SD(V).
    pub z: f64,
    pub p_value: f64,
    pub method: MethodUsed,
    pub zero_method: ZeroMethod,
    pub alternative: Alternative,
    /// Why the method differs from the one requested, if it does.
    pub note: Option<super::Remark>,
}

/// Midranks (1-based) of the values; tied values share the mean of their ranks.
/// Returns the ranks and whether there were ties.
pub fn midranks(values: &[f64]) -> (Vec<f64>, bool) {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; n];
    let mut ties = false;
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && values[order[j]] == values[order[i]] {
            j += 1;
        }
        if j - i > 1 {
            ties = true;
        }
        // ranks i+1 ..= j share (i + 1 + j) / 2
        let r = (i + 1 + j) as f64 / 2.0;
        for &k in &order[i..j] {
            ranks[k] = r;
        }
        i = j;
    }
    (ranks, ties)
}

/// Wilcoxon signed-rank test of H0: the distribution of d is symmetric about 0.
///
/// Statistic (R's V): V = Σ_{d_i > 0} R_i, R_i the midrank of |d_i| among the ranked |d|.
/// Under H0, given the ranks, each signed rank is + or − with probability ½, so
/// E V = ΣR_i/2 and Var V = ΣR_i²/4 (the sums over the differences that carry a sign); with
/// midranks Var V equals R's n(n+1)(2n+1)/24 − Σ(t³ − t)/48.
///
/// - exact: the distribution of V over the 2^n sign assignments of the actual midranks,
///   computed by a dynamic programme over doubled ranks (integers). It equals R's `psignrank`
///   without ties and zeros, and `coin::wilcoxsign_test(distribution = "exact")` with them
///   (Hothorn & Hornik's shift algorithm computes the same distribution).
///   Two-sided p = min(1, 2·min(P(V ≤ v), P(V ≥ v))).
/// - normal: z = (V − E V − c)/SD V with c = sign(V − E V)/2 (two-sided), +½ (greater), −½
///   (less) when `correct`, else 0; p from Φ (R's `wilcox.test(exact = FALSE)`).
pub fn signed_rank_test(d: &[f64], opts: SignedRankOptions) -> Outcome<SignedRank> {
    check_finite(d)?;
    signed_rank_tallied(&Tally::of(d), opts)
}

/// [`signed_rank_test`] of the differences tallied (finite).
pub fn signed_rank_tallied(d: &Tally, opts: SignedRankOptions) -> Outcome<SignedRank> {
    let n = d.n() as usize;
    if n == 0 {
        return Err(NotComputable::TooFewObservations { n: 0, needed: 1 });
    }
    let (n_negative, n_zero, n_positive) = d.signs();
    let (n_negative, n_zero, n_positive) =
        (n_negative as usize, n_zero as usize, n_positive as usize);
    if n_zero == n {
        return Err(NotComputable::AllDifferencesZero);
    }
    // Zeros are ranked (and then dropped or split) except under `wilcox`.
    let rank_zeros = opts.zero_method != ZeroMethod::Wilcox;
    let n_ranked = if rank_zeros { n } else { n - n_zero };
    let (want_exact, mut note) = match opts.method {
        PValueMethod::Auto => (n_ranked < AUTO_EXACT_BELOW, None),
        PValueMethod::Exact => (true, None),
        PValueMethod::Normal => (false, None),
    };
    let exact = want_exact && n_ranked <= EXACT_MAX_N;
    if want_exact && !exact {
        note = Some(super::Remark::ExactRefused {
            n: n_ranked,
            limit: EXACT_MAX_N,
        });
    }
    // Midranks of |d| over the magnitudes in increasing order: a magnitude held by c
    // differences after `ranked` smaller ones has the doubled midrank 2·ranked + c + 1.
    let mut ranked = 0u64;
    let mut ties = false;
    let (mut v, mut w_minus, mut zero_rank_sum) = (0.0, 0.0, 0.0);
    // doubled ranks of the differences that carry a sign (for the exact distribution), their
    // sum and sum of squares, and the doubled observed W+
    let mut signed_w2: Vec<u64> = Vec::new();
    let (mut s2, mut v2, mut sq2) = (0u64, 0u64, 0u128);
    for (_, below, at, above) in d.by_magnitude() {
        let zeros = if rank_zeros { at } else { 0 };
        let c = below + above + zeros;
        if c == 0 {
            continue;
        }
        ties |= below + above > 1;
        let r2 = 2 * ranked + c + 1;
        let r = r2 as f64 / 2.0;
        v += above as f64 * r;
        w_minus += below as f64 * r;
        zero_rank_sum += zeros as f64 * r;
        v2 += above * r2;
        s2 += (above + below) * r2;
        sq2 += u128::from(above + below) * u128::from(r2) * u128::from(r2);
        if exact {
            signed_w2.extend(std::iter::repeat_n(r2, (above + below) as usize));
        }
        ranked += c;
    }
    let shift = if opts.zero_method == ZeroMethod::Zsplit {
        v += zero_rank_sum / 2.0;
        w_minus += zero_rank_sum / 2.0;
        zero_rank_sum / 2.0
    } else {
        0.0
    };
    let null_mean = s2 as f64 / 4.0 + shift;
    let null_var = sq2 as f64 / 16.0;
    let null_sd = null_var.sqrt();

    let (p_value, z, method) = if exact {
        let (lower, upper) = exact_tails(&signed_w2, v2);
        let p = match opts.alternative {
            Alternative::TwoSided => (2.0 * lower.min(upper)).min(1.0),
            Alternative::Greater => upper,
            Alternative::Less => lower,
        };
        let z = if null_sd > 0.0 {
            (v - null_mean) / null_sd
        } else {
            0.0
        };
        (p, z, MethodUsed::Exact)
    } else {
        let dev = v - null_mean;
        let c = if opts.correct {
            match opts.alternative {
                Alternative::TwoSided => 0.5 * sign(dev),
                Alternative::Greater => 0.5,
                Alternative::Less => -0.5,
            }
        } else {
            0.0
        };
        let z = (dev - c) / null_sd;
        let p = match opts.alternative {
            Alternative::TwoSided => 2.0 * pnorm(z).min(pnorm_upper(z)),
            Alternative::Greater => pnorm_upper(z),
            Alternative::Less => pnorm(z),
        };
        let method = if opts.correct {
            MethodUsed::NormalCorrected
        } else {
            MethodUsed::Normal
        };
        (p.min(1.0), z, method)
    };
    Ok(SignedRank {
        n,
        n_positive,
        n_negative,
        n_zero,
        n_ranked,
        v,
        w_minus,
        ties,
        null_mean,
        null_sd,
        z,
        p_value,
        method,
        zero_method: opts.zero_method,
        alternative: opts.alternative,
        note,
    })
}

/// R's `sign`: −1, 0 or 1.
fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// (P(V₂ ≤ v₂), P(V₂ ≥ v₂)) where V₂ = Σ wᵢBᵢ, Bᵢ independent fair coins, wᵢ the doubled ranks.
///
/// V₂ is symmetric about S/2 (S = Σwᵢ), so both tails come from one CDF up to
/// m = min(v₂, S − v₂): the dynamic programme f ← ½(f + f shifted by wᵢ), truncated at m,
/// over the weights in increasing order. Cost O(n·m) time and O(m) memory.
pub fn exact_tails(weights: &[u64], v2: u64) -> (f64, f64) {
    let s: u64 = weights.iter().sum();
    debug_assert!(v2 <= s);
    let m = v2.min(s - v2) as usize;
    let cdf = signed_rank_cdf(weights, m);
    let at_m = cdf[m];
    let below_m = if m == 0 { 0.0 } else { cdf[m - 1] };
    // By symmetry P(V₂ ≥ x) = P(V₂ ≤ S − x). The tail on m's side is P(V₂ ≤ m); the other
    // tail, at the observed value, is 1 − P(V₂ ≤ m − 1).
    let small = at_m.min(1.0);
    let large = (1.0 - below_m).clamp(0.0, 1.0);
    if 2 * v2 <= s {
        (small, large)
    } else {
        (large, small)
    }
}

/// CDF of V₂ = Σ wᵢBᵢ at 0..=m (values above m are not computed).
pub(crate) fn signed_rank_cdf(weights: &[u64], m: usize) -> Vec<f64> {
    let mut w: Vec<usize> = weights.iter().map(|&x| x as usize).collect();
    w.sort_unstable();
    let mut f = vec![0.0f64; m + 1];
    let mut g = vec![0.0f64; m + 1];
    f[0] = 1.0;
    let mut top = 0usize; // highest index that can be nonzero
    for &wi in &w {
        let new_top = (top + wi).min(m);
        let split = wi.min(new_top + 1);
        for (gs, fs) in g[..split].iter_mut().zip(&f[..split]) {
            *gs = 0.5 * fs;
        }
        if wi <= new_top {
            let hi = &f[wi..=new_top];
            let lo = &f[..=new_top - wi];
            for ((gs, a), b) in g[wi..=new_top].iter_mut().zip(hi).zip(lo) {
                *gs = 0.5 * (a + b);
            }
        }
        std::mem::swap(&mut f, &mut g);
        top = new_top;
    }
    // cumulative sum
    let mut acc = 0.0;
    for x in f.iter_mut().take(top + 1) {
        acc += *x;
        *x = acc;
    }
    for x in f.iter_mut().skip(top + 1) {
        *x = acc;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::*;
    use proptest::prelude::*;

    fn opts(
        alt: Alternative,
        zm: ZeroMethod,
        method: PValueMethod,
        correct: bool,
    ) -> SignedRankOptions {
        SignedRankOptions {
            alternative: alt,
            zero_method: zm,
            method,
            correct,
        }
    }

    #[test]
    fn v_and_normal_p_match_r_wilcox_test_on_every_case() {
        // R 4.2.2: wilcox.test(post, pre, paired = TRUE, exact = FALSE, correct = TRUE/FALSE,
        // alternative = alt) -> V, p.value; z reconstructed with R's formula (reference.R,
        // wilcoxon.normal_correct / normal_nocorrect).
        for name in case_names() {
            let case = reference_case(&name);
            for (key, correct) in [("normal_correct", true), ("normal_nocorrect", false)] {
                for alt in ALTERNATIVES {
                    let r = &case.reference["wilcoxon"][key][alt_key(alt)];
                    let got = signed_rank_test(
                        &case.diff,
                        opts(alt, ZeroMethod::Wilcox, PValueMethod::Normal, correct),
                    );
                    let ctx = format!("{name} {key} {alt}");
                    if case.diff.iter().all(|&v| v == 0.0) {
                        // R: NaN two-sided, p = 1 one-sided (z = ∓0.5/0); there is no test to do.
                        assert_eq!(got, Err(NotComputable::AllDifferencesZero), "{ctx}");
                        continue;
                    }
                    let p = num(&r["p_value"]).unwrap();
                    let got = got.unwrap_or_else(|e| panic!("{ctx}: {e}"));
                    assert_close(got.v, num(&r["V"]).unwrap(), TOL_CLOSED, &ctx);
                    assert_close(got.p_value, p, TOL_CLOSED, &ctx);
                    assert_close(got.z, num(&r["z"]).unwrap(), TOL_CLOSED, &ctx);
                    if let Some(sigma) = r.get("sigma").and_then(num) {
                        assert_close(got.null_sd, sigma, TOL_CLOSED, &ctx);
                    }
                }
            }
        }
    }

    #[test]
    fn auto_equals_r_default_exact_p_without_ties_and_zeros() {
        // R 4.2.2 default wilcox.test(post, pre, paired = TRUE): exact (psignrank) when n < 50
        // and there are no ties or zeros; e.g. Hollander & Wolfe (V = 5, two-sided p = 0.0390625,
        // "less" p = 0.01953125, R's ?wilcox.test example with x and y swapped).
        let mut checked = 0;
        for name in case_names() {
            let case = reference_case(&name);
            for alt in ALTERNATIVES {
                let r = &case.reference["wilcoxon"]["default"][alt_key(alt)];
                if r.get("exact_used").and_then(|v| v.as_bool()) != Some(true) {
                    continue;
                }
                let got = signed_rank_test(
                    &case.diff,
                    opts(alt, ZeroMethod::Wilcox, PValueMethod::Auto, true),
                )
                .unwrap();
                let ctx = format!("{name} {alt}");
                assert_eq!(got.method, MethodUsed::Exact, "{ctx}");
                assert_close(got.v, num(&r["V"]).unwrap(), TOL_CLOSED, &ctx);
                assert_close(got.p_value, num(&r["p_value"]).unwrap(), TOL_CLOSED, &ctx);
                checked += 1;
            }
        }
        assert!(checked >= 18, "only {checked} exact cases");
    }

    #[test]
    fn exact_with_ties_and_zeros_matches_coin() {
        // R: coin::wilcoxsign_test(post ~ pre, zero.method = "Wilcoxon" / "Pratt",
        //                          distribution = "exact", alternative = alt)  (coin 1.4-2)
        let mut checked = 0;
        for name in case_names() {
            let case = reference_case(&name);
            for (key, zm) in [
                ("wilcoxon_exact", ZeroMethod::Wilcox),
                ("pratt_exact", ZeroMethod::Pratt),
            ] {
                for alt in ALTERNATIVES {
                    let r = &case.reference["coin"][key][alt_key(alt)];
                    let Some(p) = r.get("p_value").and_then(num) else {
                        continue;
                    };
                    let got =
                        signed_rank_test(&case.diff, opts(alt, zm, PValueMethod::Exact, true))
                            .unwrap();
                    let ctx = format!("{name} {key} {alt}");
                    assert_eq!(got.method, MethodUsed::Exact, "{ctx}");
                    assert_close(got.p_value, p, TOL_CLOSED, &ctx);
                    // coin's Z is the standardized statistic (V − E V)/SD(V).
                    assert_close(got.z, num(&r["Z"]).unwrap(), TOL_CLOSED, &ctx);
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "only {checked} coin comparisons");
    }

    #[test]
    fn pratt_normal_matches_coin_asymptotic() {
        // R: coin::wilcoxsign_test(post ~ pre, zero.method = "Pratt", distribution = "asymptotic")
        // (no continuity correction).
        for name in case_names() {
            let case = reference_case(&name);
            for alt in ALTERNATIVES {
                let r = &case.reference["coin"]["pratt_asymptotic"][alt_key(alt)];
                let Some(p) = r.get("p_value").and_then(num) else {
                    continue;
                };
                let got = signed_rank_test(
                    &case.diff,
                    opts(alt, ZeroMethod::Pratt, PValueMethod::Normal, false),
                )
                .unwrap();
                let ctx = format!("{name} pratt asymptotic {alt}");
                assert_close(got.p_value, p, TOL_CLOSED, &ctx);
                assert_close(got.z, num(&r["Z"]).unwrap(), TOL_CLOSED, &ctx);
            }
        }
    }

    #[test]
    fn zsplit_statistic_matches_scipy_and_its_p_value_is_pratts() {
        // scipy 1.17.1: wilcoxon(post, pre, zero_method="zsplit", alternative="greater").statistic
        // on the sleep data = 54.5 (reference_py.json, zsplit_auto.greater.statistic).
        // Given the ranks, the split zero ranks are a constant, so the permutation distribution
        // is Pratt's shifted by that constant: z equals coin's Pratt Z (2.7574717744160924).
        // scipy's asymptotic zsplit counts the zero ranks in the variance and gives 2.7539.
        let case = reference_case("sleep");
        let got = signed_rank_test(
            &case.diff,
            opts(
                Alternative::Greater,
                ZeroMethod::Zsplit,
                PValueMethod::Normal,
                false,
            ),
        )
        .unwrap();
        assert_eq!(got.v, 54.5);
        let coin = num(&case.reference["coin"]["pratt_asymptotic"]["greater"]["Z"]).unwrap();
        assert_close(got.z, coin, TOL_CLOSED, "zsplit z");
    }

    #[test]
    fn degenerate_samples() {
        // All zero: R gives NaN (two-sided); coin refuses. We report a reason.
        assert_eq!(
            signed_rank_test(&[0.0; 8], SignedRankOptions::default()),
            Err(NotComputable::AllDifferencesZero)
        );
        // One nonzero difference (+2): exact two-sided p = 1, greater p = 1/2.
        let mut d = vec![0.0; 7];
        d.push(2.0);
        let r = signed_rank_test(&d, SignedRankOptions::default()).unwrap();
        assert_eq!((r.v, r.p_value, r.method), (1.0, 1.0, MethodUsed::Exact));
        let r = signed_rank_test(
            &d,
            opts(
                Alternative::Greater,
                ZeroMethod::Wilcox,
                PValueMethod::Exact,
                true,
            ),
        )
        .unwrap();
        assert_eq!(r.p_value, 0.5);
    }

    #[test]
    fn exact_is_refused_beyond_the_limit_with_a_note() {
        let d: Vec<f64> = (1..=EXACT_MAX_N + 1)
            .map(|i| if i % 3 == 0 { -(i as f64) } else { i as f64 })
            .collect();
        let r = signed_rank_test(
            &d,
            opts(
                Alternative::TwoSided,
                ZeroMethod::Wilcox,
                PValueMethod::Exact,
                true,
            ),
        )
        .unwrap();
        assert_eq!(r.method, MethodUsed::NormalCorrected);
        assert!(r.note.unwrap().to_string().contains("exceed"));
    }

    #[test]
    fn exact_distribution_of_small_n_by_enumeration() {
        // Brute force over all 2^n signs on ranks with ties: 1, 2.5, 2.5, 4, 5.5, 5.5 (doubled).
        let w2 = [2u64, 5, 5, 8, 11, 11];
        let s: u64 = w2.iter().sum();
        for v2 in 0..=s {
            let (mut le, mut ge) = (0u32, 0u32);
            for mask in 0u32..64 {
                let tot: u64 = (0..6).filter(|i| mask >> i & 1 == 1).map(|i| w2[i]).sum();
                le += u32::from(tot <= v2);
                ge += u32::from(tot >= v2);
            }
            let (lo, hi) = exact_tails(&w2, v2);
            assert_close(lo, f64::from(le) / 64.0, 1e-15, "lower");
            assert_close(hi, f64::from(ge) / 64.0, 1e-15, "upper");
        }
    }

    fn small_sample() -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec(-6i32..=6, 1..40).prop_map(|v| v.into_iter().map(f64::from).collect())
    }

    proptest! {
        #[test]
        fn rank_sums_add_up_and_p_is_a_probability(d in small_sample(), exact in any::<bool>(), alt in 0usize..3) {
            prop_assume!(d.iter().any(|&x| x != 0.0));
            let method = if exact { PValueMethod::Exact } else { PValueMethod::Normal };
            let r = signed_rank_test(&d, opts(ALTERNATIVES[alt], ZeroMethod::Wilcox, method, true)).unwrap();
            let k = r.n_ranked as f64;
            prop_assert!((r.v + r.w_minus - k * (k + 1.0) / 2.0).abs() < 1e-9);
            prop_assert!((0.0..=1.0).contains(&r.p_value));
        }

        #[test]
        fn swapping_pre_and_post_mirrors_the_test(d in small_sample(), zm in 0usize..3) {
            prop_assume!(d.iter().any(|&x| x != 0.0));
            let zm = [ZeroMethod::Wilcox, ZeroMethod::Pratt, ZeroMethod::Zsplit][zm];
            let neg: Vec<f64> = d.iter().map(|x| -x).collect();
            for alt in ALTERNATIVES {
                let a = signed_rank_test(&d, opts(alt, zm, PValueMethod::Exact, true)).unwrap();
                let b = signed_rank_test(&neg, opts(alt.flipped(), zm, PValueMethod::Exact, true)).unwrap();
                prop_assert_eq!(a.v, b.w_minus);
                prop_assert!((a.p_value - b.p_value).abs() < 1e-12);
                prop_assert!((a.z + b.z).abs() < 1e-12);
            }
        }
    }
}
