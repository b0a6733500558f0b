//! Adjusting a family of p-values for multiple comparisons (R's `p.adjust`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum PAdjust {
    /// Holm (1979) step-down; controls the family-wise error rate.
    #[default]
    #[serde(rename = "holm")]
    Holm,
    /// Bonferroni: n·p.
    #[serde(rename = "bonferroni")]
    Bonferroni,
    /// Hochberg (1988) step-up; FWER under independence or positive dependence.
    #[serde(rename = "hochberg")]
    Hochberg,
    /// Benjamini & Hochberg (1995); controls the false discovery rate (R's "BH" / "fdr").
    #[serde(rename = "BH")]
    BenjaminiHochberg,
    /// No adjustment.
    #[serde(rename = "none")]
    None,
}

impl PAdjust {
    /// R's method name.
    pub fn as_str(self) -> &'static str {
        match self {
            PAdjust::Holm => "holm",
            PAdjust::Bonferroni => "bonferroni",
            PAdjust::Hochberg => "hochberg",
            PAdjust::BenjaminiHochberg => "BH",
            PAdjust::None => "none",
        }
    }
}

/// Adjusted p-values in the input order, as R's `p.adjust(p, method)`. Missing values stay
/// missing and do not count towards the family size n.
///
/// With p₍₁₎ ≤ … ≤ p₍ₙ₎ (i = rank):
/// - bonferroni: min(1, n·p)
/// - holm: min(1, cummax over increasing p of (n − i + 1)·p₍ᵢ₎)
/// - hochberg: min(1, cummin over decreasing p of (n − i + 1)·p₍ᵢ₎)
/// - BH: min(1, cummin over decreasing p of n/i·p₍ᵢ₎)
pub fn p_adjust(p: &[Option<f64>], method: PAdjust) -> Vec<Option<f64>> {
    let present: Vec<(usize, f64)> = p
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|x| !x.is_nan()).map(|x| (i, x)))
        .collect();
    let n = present.len();
    let mut out: Vec<Option<f64>> = vec![None; p.len()];
    if n == 0 {
        return out;
    }
    let nf = n as f64;
    // Stable sort by p, ties by position (R's order() is stable too).
    let mut asc = present.clone();
    asc.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    match method {
        PAdjust::None => {
            for (i, v) in present {
                out[i] = Some(v);
            }
        }
        PAdjust::Bonferroni => {
            for (i, v) in present {
                out[i] = Some((nf * v).min(1.0));
            }
        }
        PAdjust::Holm => {
            let mut running = 0.0f64;
            for (rank0, &(i, v)) in asc.iter().enumerate() {
                running = running.max((nf - rank0 as f64) * v);
                out[i] = Some(running.min(1.0));
            }
        }
        PAdjust::Hochberg | PAdjust::BenjaminiHochberg => {
            // decreasing order: R uses order(p, decreasing = TRUE), stable among ties
            let mut desc = present.clone();
            desc.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut running = f64::INFINITY;
            for (k, &(i, v)) in desc.iter().enumerate() {
                let rank = nf - k as f64; // i in R's i <- lp:1
                let factor = match method {
                    PAdjust::Hochberg => nf - rank + 1.0,
                    _ => nf / rank,
                };
                running = running.min(factor * v);
                out[i] = Some(running.min(1.0));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testutil::{assert_close, TOL_CLOSED};

    const P: [f64; 6] = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04];

    fn adj(method: PAdjust) -> Vec<f64> {
        let p: Vec<Option<f64>> = P.iter().map(|&v| Some(v)).collect();
        p_adjust(&p, method)
            .into_iter()
            .map(Option::unwrap)
            .collect()
    }

    #[test]
    fn matches_r_p_adjust() {
        // R 4.2.2: p <- c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04)
        //          print(p.adjust(p, m), digits = 17) for m in holm, bonferroni, hochberg, BH
        let cases = [
            (PAdjust::Holm, [0.05, 0.12, 0.12, 0.03, 0.2, 0.12]),
            (PAdjust::Bonferroni, [0.06, 0.24, 0.18, 0.03, 1.0, 0.24]),
            (PAdjust::Hochberg, [0.05, 0.08, 0.08, 0.03, 0.2, 0.08]),
            (
                PAdjust::BenjaminiHochberg,
                [0.03, 0.048, 0.048, 0.03, 0.2, 0.048],
            ),
        ];
        for (m, want) in cases {
            for (g, w) in adj(m).iter().zip(want) {
                assert_close(*g, w, TOL_CLOSED, m.as_str());
            }
        }
        assert_eq!(adj(PAdjust::None), P.to_vec());
    }

    #[test]
    fn missing_values_stay_missing_and_do_not_count() {
        // R: p.adjust(c(0.01, NA, 0.02), "bonferroni") -> 0.02 NA 0.04
        let got = p_adjust(&[Some(0.01), None, Some(0.02)], PAdjust::Bonferroni);
        assert_eq!(got, vec![Some(0.02), None, Some(0.04)]);
        assert_eq!(p_adjust(&[], PAdjust::Holm), vec![]);
    }
}
