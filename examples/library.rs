//! prepost as a library: the statistics of a pre/post study from Rust, without the command
//! line (the functions the CLI uses, with the same definitions and references).
//!
//!     cargo run --example library
//!
//! Eleven children's self-confidence before and after a group program (the bundled example's
//! total scores): the paired t-test, d_z with its interval, the exact Wilcoxon test, the
//! smallest effect this many children could detect, and the JZS Bayes factor.

use prepost::stats::bayes::jzs_bf10;
use prepost::stats::effect_size::cohens_dz;
use prepost::stats::paired_t::paired_t_test;
use prepost::stats::power::{min_effect, Design};
use prepost::stats::wilcoxon::{signed_rank_test, SignedRankOptions};
use prepost::stats::{differences, Alternative};

/// What the example prints, as numbers (the test below checks them against R).
struct Summary {
    t: f64,
    p: f64,
    d_z: f64,
    d_z_ci: (f64, f64),
    wilcoxon_p: f64,
    min_d_z: f64,
    bf10: f64,
}

fn analyse(pre: &[f64], post: &[f64]) -> Summary {
    let d = differences(pre, post); // post − pre
    let two = Alternative::TwoSided;
    let t = paired_t_test(&d, two, 0.95).expect("a t-test of 11 pairs");
    let dz = cohens_dz(&d, two, 0.95).expect("d_z of 11 pairs");
    let w = signed_rank_test(&d, SignedRankOptions::default()).expect("a Wilcoxon test");
    let n = d.len() as f64;
    let min_d_z = min_effect(Design::Paired { n }, 0.05, 0.8, two).expect("a sensitivity");
    let bf10 = jzs_bf10(t.t, t.df, n, std::f64::consts::FRAC_1_SQRT_2, two).expect("a BF");
    Summary {
        t: t.t,
        p: t.p_value,
        d_z: dz.value,
        d_z_ci: (dz.ci_low, dz.ci_high),
        wilcoxon_p: w.p_value,
        min_d_z,
        bf10,
    }
}

const PRE: [f64; 11] = [53., 62., 67., 39., 36., 55., 27., 52., 77., 82., 60.];
const POST: [f64; 11] = [64., 57., 83., 47., 60., 61., 46., 59., 97., 95., 68.];

fn main() {
    let s = analyse(&PRE, &POST);
    println!("paired t = {:.3}, p = {:.4}", s.t, s.p);
    println!(
        "d_z = {:.3}, 95% CI [{:.3}, {:.3}]",
        s.d_z, s.d_z_ci.0, s.d_z_ci.1
    );
    println!("Wilcoxon signed-rank p (exact) = {:.5}", s.wilcoxon_p);
    println!(
        "with {} children, the smallest d_z detected with 80% power: {:.3}",
        PRE.len(),
        s.min_d_z
    );
    println!("JZS Bayes factor BF10 = {:.2}", s.bf10);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R 4.2.2 on the differences 11, -5, 16, 8, 24, 6, 19, 7, 20, 13, 8: t.test (t, p);
    /// effectsize::cohens_d (d_z and its CI); coin::wilcoxsign_test(distribution = exact())
    /// (ties: the exact conditional p); pwr.t.test(n = 11, power = .8, type = "paired") solved
    /// exactly; BayesFactor::ttestBF (scripts/reference/small_study_example.R).
    #[test]
    #[allow(clippy::excessive_precision)] // R's values as printed with digits = 17
    fn the_example_agrees_with_r() {
        let s = analyse(&PRE, &POST);
        let close = |got: f64, want: f64, tol: f64| ((got - want) / want).abs() < tol;
        assert!(close(s.t, 4.73235332671667840998, 1e-12), "{}", s.t);
        assert!(close(s.p, 0.00080131982054793016, 1e-10), "{}", s.p);
        assert!(close(s.d_z, 1.42685821455539874, 1e-12), "{}", s.d_z);
        // (effectsize inverts R's noncentral t with uniroot, to about 1e-7; prepost's interval
        // is exact: docs/statistics.md)
        assert!(
            close(s.d_z_ci.0, 0.55634176648808131, 1e-6),
            "{:?}",
            s.d_z_ci
        );
        assert!(
            close(s.d_z_ci.1, 2.26425135897767227, 1e-6),
            "{:?}",
            s.d_z_ci
        );
        assert!(close(s.wilcoxon_p, 0.001953125, 1e-12), "{}", s.wilcoxon_p);
        assert!(close(s.min_d_z, 0.937690663899771, 1e-9), "{}", s.min_d_z);
        assert!(close(s.bf10, 48.7898037875891, 1e-6), "{}", s.bf10);
    }
}
