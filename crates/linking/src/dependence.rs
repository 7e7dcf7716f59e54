//! A correction for how many fields disagree at once.
//!
//! Fellegi–Sunter multiplies one likelihood ratio per field, as if fields erred
//! independently. Real duplicates do not: a clerk's typo or a changed surname usually hits
//! *one* field of a record, so two records that differ in two fields are rarer among true
//! matches than independence predicts, and two strangers who happen to share common names
//! and a near date (`SCHMITT`/`SCHMIDT`, one digit of the birth date) look like a match only
//! because the two near-agreements are multiplied as if each were a separate chance event.
//!
//! The correction keeps the per-field weights and adds one term for the number of fields
//! that fall short of exact agreement (K, counted over the fields both records have, capped
//! at [`CAP`]). Among matches,
//!
//! `P(γ | M) = P(K | M, n) · Πₖ mₖ(γₖ) / P₀(K)`
//!
//! where `P₀(K)` is the distribution of K that the per-field m alone implies (a
//! Poisson–binomial over the pair's non-null fields) and `P(K | M, n)` is counted from the
//! match posteriors of the converged independence model, grouped by the number `n` of
//! non-null fields and shrunk towards `P₀` by [`PRIOR_PAIRS`] pseudo-pairs, so a table with
//! little evidence gets no correction. The weight added to a pair is
//! `log2 [P(K | M, n) / P₀(K)]`.
//!
//! Non-matches keep the independence model. Their K distribution would have to come from
//! random pairs, and random pairs that agree on most fields are mostly the true duplicates
//! among them: exactly where the correction would matter, the sample is contaminated.

use serde::{Deserialize, Serialize};

use crate::model::NULL_LEVEL;

/// K is counted 0, 1, 2, … up to `CAP` ("`CAP` or more").
pub const CAP: usize = 3;

/// Pseudo-pairs of the independence distribution added to each group's counts.
pub const PRIOR_PAIRS: f64 = 20.0;

/// The learned distribution of K among matches, one row per number of non-null fields `n`.
/// Empty means no correction (a model trained before the correction existed, or asked to
/// go without).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dependence {
    /// `P(K = k | match, n)` at `[n][k]`; an empty row when no pair had `n` non-null fields.
    pub matches: Vec<Vec<f64>>,
}

/// K and n of a comparison vector.
pub(crate) fn shape(levels: &[u8]) -> (usize, usize) {
    let mut n = 0;
    let mut k = 0;
    for &l in levels {
        if l != NULL_LEVEL {
            n += 1;
            if l != 0 {
                k += 1;
            }
        }
    }
    (n, k.min(CAP))
}

/// `P₀(K)`: the distribution of K implied by independent fields, each short of exact with
/// probability `1 − dist[k][0]`, over the non-null fields of `levels`.
pub(crate) fn independent_k(levels: &[u8], dist: &[Vec<f64>]) -> [f64; CAP + 1] {
    let mut p = [0.0; CAP + 1];
    p[0] = 1.0;
    for (k, &l) in levels.iter().enumerate() {
        if l == NULL_LEVEL {
            continue;
        }
        let miss = (1.0 - dist[k][0]).clamp(0.0, 1.0);
        for j in (0..=CAP).rev() {
            let stay = if j == CAP { p[j] } else { p[j] * (1.0 - miss) };
            let from_below = if j == 0 { 0.0 } else { p[j - 1] * miss };
            p[j] = stay + from_below;
        }
    }
    p
}

/// Accumulates weighted observations of (n, K) and the independence distribution they are
/// shrunk towards.
#[derive(Debug, Clone)]
pub(crate) struct KCounts {
    observed: Vec<[f64; CAP + 1]>,
    expected: Vec<[f64; CAP + 1]>,
    weight: Vec<f64>,
}

impl KCounts {
    pub(crate) fn new(width: usize) -> KCounts {
        KCounts {
            observed: vec![[0.0; CAP + 1]; width + 1],
            expected: vec![[0.0; CAP + 1]; width + 1],
            weight: vec![0.0; width + 1],
        }
    }

    /// Adds a pair (or `w` pairs) with these levels, under per-field parameters `dist`.
    pub(crate) fn add(&mut self, levels: &[u8], dist: &[Vec<f64>], w: f64) {
        if w <= 0.0 {
            return;
        }
        let (n, k) = shape(levels);
        self.observed[n][k] += w;
        let p0 = independent_k(levels, dist);
        for (e, p) in self.expected[n].iter_mut().zip(p0) {
            *e += w * p;
        }
        self.weight[n] += w;
    }

    /// `P(K | n)` per n, each group shrunk towards its average independence distribution.
    pub(crate) fn distribution(&self) -> Vec<Vec<f64>> {
        self.observed
            .iter()
            .zip(&self.expected)
            .zip(&self.weight)
            .map(|((obs, exp), &w)| {
                if w == 0.0 {
                    // Nothing seen: the correction cancels (filled in by `weight`).
                    return Vec::new();
                }
                let total = w + PRIOR_PAIRS;
                obs.iter()
                    .zip(exp)
                    .map(|(o, e)| (o + PRIOR_PAIRS * e / w) / total)
                    .collect()
            })
            .collect()
    }
}

impl Dependence {
    /// The log2 weight this correction adds to a pair with `levels`, given the per-field m.
    pub fn weight(&self, levels: &[u8], m: &[Vec<f64>]) -> f64 {
        let (n, k) = shape(levels);
        match self.matches.get(n).and_then(|row| row.get(k)) {
            Some(&p) if p > 0.0 => {
                let p0 = independent_k(levels, m)[k];
                if p0 > 0.0 {
                    (p / p0).log2()
                } else {
                    0.0
                }
            }
            _ => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn independence_distribution_is_poisson_binomial() {
        // Two fields short of exact with probabilities 0.1 and 0.2; one null.
        let dist = vec![vec![0.9, 0.1], vec![0.8, 0.2], vec![0.5, 0.5]];
        let p = independent_k(&[0, 1, NULL_LEVEL], &dist);
        assert!((p[0] - 0.72).abs() < 1e-12);
        assert!((p[1] - 0.26).abs() < 1e-12);
        assert!((p[2] - 0.02).abs() < 1e-12);
        assert_eq!(p[3], 0.0);
        assert_eq!(shape(&[0, 1, NULL_LEVEL]), (2, 1));
    }

    #[test]
    fn cap_collects_the_tail() {
        let dist = vec![vec![0.5, 0.5]; 5];
        let p = independent_k(&[1; 5], &dist);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        // P(K ≥ 3) of five fair coins is 16/32.
        assert!((p[3] - 0.5).abs() < 1e-12);
        assert_eq!(shape(&[1, 2, 3, 1, 0]), (5, 3));
    }

    #[test]
    fn a_learned_excess_of_single_errors_rewards_them_and_penalises_double_ones() {
        let m = vec![vec![0.8, 0.2]; 3];
        let mut counts = KCounts::new(3);
        // Matches err in exactly one field, never in two.
        counts.add(&[1, 0, 0], &m, 500.0);
        counts.add(&[0, 0, 0], &m, 500.0);
        let dep = Dependence {
            matches: counts.distribution(),
        };
        assert!(dep.weight(&[1, 0, 0], &m) > 0.0);
        assert!(dep.weight(&[1, 1, 0], &m) < -3.0);
        // Where matches agree with independence, nothing changes.
        let mut fair = KCounts::new(3);
        for bits in 0..8u8 {
            let levels = [bits & 1, (bits >> 1) & 1, (bits >> 2) & 1];
            let p: f64 = levels
                .iter()
                .map(|&l| if l == 0 { 0.8 } else { 0.2 })
                .product();
            fair.add(&levels, &m, 1e6 * p);
        }
        let fair = Dependence {
            matches: fair.distribution(),
        };
        assert!(fair.weight(&[1, 1, 0], &m).abs() < 1e-3);
    }

    #[test]
    fn no_evidence_means_no_correction() {
        let m = vec![vec![0.8, 0.2]; 2];
        let dep = Dependence {
            matches: KCounts::new(2).distribution(),
        };
        assert_eq!(dep.weight(&[1, 0], &m), 0.0);
        assert_eq!(Dependence::default().weight(&[1, 1], &m), 0.0);
    }
}
