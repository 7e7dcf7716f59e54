//! Step 4: scored pairs, with the per-comparison evidence behind each on demand.

use std::collections::HashMap;

use crate::em::{compare_prepared, ComparisonVectors, Params, Prepared};
use crate::model::{LinkModel, NULL_LEVEL};
use crate::table::{StrColumn, Table};

/// A scored pair: its match weight and probability. The evidence behind the weight (level
/// and partial weight per comparison) is recomputed on demand by [`PairScorer::evidence`]
/// and [`PairScorer::explain`], so millions of pairs stay small.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredPair {
    /// First record (lower index; table A in link mode).
    pub a: u32,
    /// Second record.
    pub b: u32,
    /// Match weight: log2 of the posterior odds (prior weight + partial weights).
    pub weight: f64,
    /// Match probability, `2^w / (1 + 2^w)`.
    pub probability: f64,
}

/// Why a pair scored what it did.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Level per comparison (best = 0, [`NULL_LEVEL`] = null).
    pub levels: Vec<u8>,
    /// log2(m/u) per comparison (0 for null; frequency-adjusted for exact term-frequency
    /// matches).
    pub partial_weights: Vec<f64>,
    /// The prior weight, log2 λ/(1−λ).
    pub prior: f64,
    /// The weight for how many fields fall short of exact at once
    /// ([`crate::Dependence`]); 0 without that correction.
    pub dependence: f64,
}

impl Evidence {
    /// The pair's match weight: prior, partial weights and the dependence term.
    pub fn weight(&self) -> f64 {
        self.prior + self.partial_weights.iter().sum::<f64>() + self.dependence
    }

    /// How many comparisons both records have and do not agree on exactly (the count the
    /// dependence term weighs).
    pub fn short_of_exact(&self) -> usize {
        self.levels
            .iter()
            .filter(|&&l| l != 0 && l != NULL_LEVEL)
            .count()
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

/// Scores any pair of records under trained parameters. Each comparison's values (and, for
/// term-frequency comparisons, each value's relative frequency) are prepared once, so pairs
/// outside the candidates (as clustering needs) cost one comparison vector each.
#[derive(Debug, Clone)]
pub struct PairScorer<'a> {
    model: &'a LinkModel,
    params: Params,
    prepared: Prepared,
    /// Per comparison with term frequencies: the relative frequency of each record's value.
    frequency: Vec<Option<Vec<f64>>>,
    prior: f64,
}

impl<'a> PairScorer<'a> {
    /// Prepares `table` for scoring under `model` and (a copy of) `params`.
    pub fn new(model: &'a LinkModel, params: &Params, table: &Table) -> PairScorer<'a> {
        PairScorer::with_prepared(model, params.clone(), Prepared::new(model, table))
    }

    /// The trained parameters it scores with.
    pub fn params(&self) -> &Params {
        &self.params
    }

    pub(crate) fn with_prepared(
        model: &'a LinkModel,
        params: Params,
        prepared: Prepared,
    ) -> PairScorer<'a> {
        let frequency = model
            .comparisons
            .iter()
            .zip(&prepared.0)
            .map(|(c, values)| c.term_frequency.then(|| value_frequencies(values)))
            .collect();
        PairScorer {
            model,
            prior: params.prior_weight(),
            params,
            prepared,
            frequency,
        }
    }

    /// Scores one pair.
    pub fn score(&self, a: u32, b: u32) -> ScoredPair {
        let mut levels = Vec::with_capacity(self.model.comparisons.len());
        self.prepared.levels_into(self.model, a, b, &mut levels);
        self.scored(a, b, &levels)
    }

    /// The match probability of one pair.
    pub fn probability(&self, a: u32, b: u32) -> f64 {
        self.score(a, b).probability
    }

    /// The evidence behind a pair's weight.
    pub fn evidence(&self, a: u32, b: u32) -> Evidence {
        let mut levels = Vec::with_capacity(self.model.comparisons.len());
        self.prepared.levels_into(self.model, a, b, &mut levels);
        let partial_weights = levels
            .iter()
            .enumerate()
            .map(|(k, &l)| self.partial_weight(a, k, l))
            .collect();
        Evidence {
            dependence: self.params.dependence_weight(&levels),
            levels,
            partial_weights,
            prior: self.prior,
        }
    }

    /// One line per comparison (partial weight and level), after the prior and the total.
    pub fn explain(&self, a: u32, b: u32, table: &Table) -> String {
        let e = self.evidence(a, b);
        let weight = e.weight();
        let mut s = format!(
            "{} ~ {}: weight {weight:+.2}, probability {:.4}\n",
            table.id(a),
            table.id(b),
            probability_of(weight)
        );
        s.push_str(&format!("  prior                      {:+7.2}\n", e.prior));
        for (k, c) in self.model.comparisons.iter().enumerate() {
            let level = match e.levels[k] {
                NULL_LEVEL => "null".to_string(),
                l => c.kind.level_labels()[l as usize].clone(),
            };
            s.push_str(&format!(
                "  {:<26} {:+7.2}  ({level})\n",
                c.name, e.partial_weights[k]
            ));
        }
        if e.dependence != 0.0 {
            let short = e.short_of_exact();
            s.push_str(&format!(
                "  {:<26} {:+7.2}  ({short} not exact)\n",
                "fields short of exact", e.dependence
            ));
        }
        s
    }

    fn partial_weight(&self, a: u32, k: usize, level: u8) -> f64 {
        match (&self.frequency[k], level) {
            // An exact match weighs m / (how common the value is) instead of m / u.
            (Some(freq), 0) => (self.params.m[k][0] / freq[a as usize]).log2(),
            _ => self.params.partial_weight(k, level),
        }
    }

    fn scored(&self, a: u32, b: u32, levels: &[u8]) -> ScoredPair {
        let weight = self.prior
            + levels
                .iter()
                .enumerate()
                .map(|(k, &l)| self.partial_weight(a, k, l))
                .sum::<f64>()
            + self.params.dependence_weight(levels);
        ScoredPair {
            a,
            b,
            weight,
            probability: probability_of(weight),
        }
    }

    /// Scores pairs whose comparison vectors are already computed (`vectors.pair(p)` belongs
    /// to `pairs[p]`), on every core.
    pub fn score_vectors(
        &self,
        pairs: &[(u32, u32)],
        vectors: &ComparisonVectors,
    ) -> Vec<ScoredPair> {
        crate::parallel::map_chunks(pairs, |offset, chunk| {
            chunk
                .iter()
                .enumerate()
                .map(|(p, &(a, b))| self.scored(a, b, vectors.pair(offset + p)))
                .collect()
        })
    }
}

/// Relative frequency of each record's value among the non-null values (0 for null).
fn value_frequencies(values: &StrColumn) -> Vec<f64> {
    let mut counts: HashMap<&str, f64> = HashMap::new();
    for v in values.iter().flatten() {
        *counts.entry(v).or_default() += 1.0;
    }
    let total: f64 = counts.values().sum();
    values
        .iter()
        .map(|v| v.map_or(0.0, |v| counts[v] / total))
        .collect()
}

/// Scores every pair under trained parameters.
pub fn score_pairs(
    model: &LinkModel,
    params: &Params,
    table: &Table,
    pairs: &[(u32, u32)],
) -> Vec<ScoredPair> {
    let scorer = PairScorer::new(model, params, table);
    let vectors = compare_prepared(model, &scorer.prepared, pairs);
    scorer.score_vectors(pairs, &vectors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probability_is_monotone_and_bounded() {
        assert_eq!(probability_of(0.0), 0.5);
        assert!(probability_of(2000.0) == 1.0);
        assert!(probability_of(-2000.0) == 0.0);
        assert!(probability_of(3.0) > probability_of(2.0));
    }
}
