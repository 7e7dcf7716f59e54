//! Step 4: scored pairs with per-comparison evidence, and step 5: clusters.

use std::collections::HashMap;

use crate::em::{compare_prepared, Params, Prepared};
use crate::model::{LinkModel, NULL_LEVEL};
use crate::table::Table;

/// A candidate pair with its match weight and the evidence behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredPair {
    /// First record (lower index; table A in link mode).
    pub a: u32,
    /// Second record.
    pub b: u32,
    /// Match weight: log2 of the posterior odds (prior weight + partial weights).
    pub weight: f64,
    /// Match probability, `2^w / (1 + 2^w)`.
    pub probability: f64,
    /// Level per comparison (best = 0, [`NULL_LEVEL`] = null).
    pub levels: Vec<u8>,
    /// log2(m/u) per comparison (0 for null).
    pub partial_weights: Vec<f64>,
}

impl ScoredPair {
    /// One line per comparison: level, partial weight; then the prior and the total.
    pub fn explain(&self, model: &LinkModel, params: &Params, table: &Table) -> String {
        let mut s = format!(
            "{} ~ {}: weight {:+.2}, probability {:.4}\n",
            table.id(self.a),
            table.id(self.b),
            self.weight,
            self.probability
        );
        s.push_str(&format!(
            "  prior                      {:+7.2}\n",
            params.prior_weight()
        ));
        for (k, c) in model.comparisons.iter().enumerate() {
            let level = if self.levels[k] == NULL_LEVEL {
                "null".to_string()
            } else {
                c.kind.level_labels()[self.levels[k] as usize].clone()
            };
            s.push_str(&format!(
                "  {:<26} {:+7.2}  ({level})\n",
                c.name, self.partial_weights[k]
            ));
        }
        s
    }
}

/// Log2 weight to probability.
pub fn probability_of(weight: f64) -> f64 {
    let odds = weight.exp2();
    if odds.is_infinite() {
        1.0
    } else {
        odds / (1.0 + odds)
    }
}

/// Scores every pair under trained parameters.
pub fn score_pairs(
    model: &LinkModel,
    params: &Params,
    table: &Table,
    pairs: &[(u32, u32)],
) -> Vec<ScoredPair> {
    let prepared = Prepared::new(model, table);
    let vectors = compare_prepared(model, &prepared, pairs);
    let prior = params.prior_weight();
    // Relative frequency of each value, for term-frequency comparisons.
    let tf: Vec<Option<HashMap<&str, f64>>> = model
        .comparisons
        .iter()
        .zip(&prepared.0)
        .map(|(c, values)| {
            c.term_frequency.then(|| {
                let mut counts: HashMap<&str, f64> = HashMap::new();
                for v in values.iter().flatten() {
                    *counts.entry(v.as_str()).or_default() += 1.0;
                }
                let total: f64 = counts.values().sum();
                counts.values_mut().for_each(|c| *c /= total);
                counts
            })
        })
        .collect();
    pairs
        .iter()
        .enumerate()
        .map(|(p, &(a, b))| {
            let levels = vectors.pair(p).to_vec();
            let partial_weights: Vec<f64> = levels
                .iter()
                .enumerate()
                .map(|(k, &l)| match (&tf[k], l) {
                    (Some(freq), 0) => {
                        let value = prepared.0[k][a as usize].as_deref().unwrap_or_default();
                        let f = freq.get(value).copied().unwrap_or(params.u[k][0]);
                        (params.m[k][0] / f).log2()
                    }
                    _ => params.partial_weight(k, l),
                })
                .collect();
            let weight = prior + partial_weights.iter().sum::<f64>();
            ScoredPair {
                a,
                b,
                weight,
                probability: probability_of(weight),
                levels,
                partial_weights,
            }
        })
        .collect()
}

/// Step 5: connected components (union–find) over pairs with probability ≥ `threshold`.
/// Returns clusters of two or more records, each sorted, ordered by first member.
///
/// ```
/// use redflag_linking::{cluster, ScoredPair};
/// let p = |a, b, probability| ScoredPair { a, b, weight: 0.0, probability, levels: vec![], partial_weights: vec![] };
/// let c = cluster(&[p(0, 1, 0.9), p(1, 2, 0.8), p(3, 4, 0.1)], 0.5);
/// assert_eq!(c, vec![vec![0, 1, 2]]);
/// ```
pub fn cluster(scored: &[ScoredPair], threshold: f64) -> Vec<Vec<u32>> {
    cluster_edges(
        scored
            .iter()
            .filter(|p| p.probability >= threshold)
            .map(|p| (p.a, p.b)),
    )
}

/// Connected components of an edge list (records with no edge are left out).
pub fn cluster_edges(edges: impl IntoIterator<Item = (u32, u32)>) -> Vec<Vec<u32>> {
    let edges: Vec<(u32, u32)> = edges.into_iter().collect();
    let n = edges
        .iter()
        .map(|&(a, b)| a.max(b) as usize + 1)
        .max()
        .unwrap_or(0);
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up; // path halving
            x = up;
        }
        x
    }
    let mut touched = vec![false; n];
    for &(a, b) in &edges {
        touched[a as usize] = true;
        touched[b as usize] = true;
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            // The smaller root wins: deterministic, whatever the edge order.
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            parent[hi as usize] = lo;
        }
    }
    let mut groups: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for x in 0..n as u32 {
        if touched[x as usize] {
            let r = find(&mut parent, x);
            groups.entry(r).or_default().push(x);
        }
    }
    let mut out: Vec<Vec<u32>> = groups.into_values().filter(|g| g.len() > 1).collect();
    out.sort_unstable_by_key(|g| g[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_are_transitive_and_order_free() {
        let edges = [(5, 6), (1, 2), (2, 5), (8, 9)];
        let c = cluster_edges(edges);
        assert_eq!(c, vec![vec![1, 2, 5, 6], vec![8, 9]]);
        let mut rev = edges;
        rev.reverse();
        assert_eq!(cluster_edges(rev), c);
        assert!(cluster_edges([]).is_empty());
    }

    #[test]
    fn probability_is_monotone_and_bounded() {
        assert_eq!(probability_of(0.0), 0.5);
        assert!(probability_of(2000.0) == 1.0);
        assert!(probability_of(-2000.0) == 0.0);
        assert!(probability_of(3.0) > probability_of(2.0));
    }
}
