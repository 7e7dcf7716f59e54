//! Steps 3 and training: comparison vectors for pairs, u from random pairs, m and λ by EM.

use crate::dependence::{Dependence, KCounts};
use crate::model::{LinkModel, NULL_LEVEL};
use crate::table::{StrColumn, Table};

/// Comparison levels of many pairs, flat: pair `p`, comparison `k` at `p * width + k`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComparisonVectors {
    /// Number of comparisons per pair.
    pub width: usize,
    /// Levels (best = 0, [`NULL_LEVEL`] = null).
    pub levels: Vec<u8>,
}

impl ComparisonVectors {
    /// The levels of pair `p`.
    pub fn pair(&self, p: usize) -> &[u8] {
        &self.levels[p * self.width..(p + 1) * self.width]
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.levels.len().checked_div(self.width).unwrap_or(0)
    }

    /// True when there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }
}

/// Each comparison's prepared value for every record (computed once per table).
#[derive(Debug, Clone)]
pub(crate) struct Prepared(pub(crate) Vec<StrColumn>);

impl Prepared {
    pub(crate) fn new(model: &LinkModel, table: &Table) -> Prepared {
        let cols = model.columns(table);
        Prepared(
            model
                .comparisons
                .iter()
                .zip(&cols)
                .map(|(c, cols)| {
                    let mut column = StrColumn::with_capacity(table.len());
                    for i in 0..table.len() as u32 {
                        column.push(c.prepared(table, cols, i).as_deref());
                    }
                    column
                })
                .collect(),
        )
    }

    pub(crate) fn levels_into(&self, model: &LinkModel, a: u32, b: u32, out: &mut Vec<u8>) {
        for (c, values) in model.comparisons.iter().zip(&self.0) {
            out.push(c.level(values.get(a as usize), values.get(b as usize)));
        }
    }
}

/// Step 3: the comparison vector of every pair.
pub fn compare_pairs(model: &LinkModel, table: &Table, pairs: &[(u32, u32)]) -> ComparisonVectors {
    let prepared = Prepared::new(model, table);
    compare_prepared(model, &prepared, pairs)
}

pub(crate) fn compare_prepared(
    model: &LinkModel,
    prepared: &Prepared,
    pairs: &[(u32, u32)],
) -> ComparisonVectors {
    let width = model.comparisons.len();
    let levels = crate::parallel::map_chunks(pairs, |_, chunk| {
        let mut levels = Vec::with_capacity(chunk.len() * width);
        for &(a, b) in chunk {
            prepared.levels_into(model, a, b, &mut levels);
        }
        levels
    });
    ComparisonVectors { width, levels }
}

/// Trained parameters: the prior and, per comparison and level, m = P(level | match) and
/// u = P(level | non-match).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Params {
    /// Prior probability that two records drawn at random (from all pairs the mode allows, not
    /// only candidates) are a match (λ); expected matches = λ × all pairs.
    pub lambda: f64,
    /// m per comparison, per level (best first).
    pub m: Vec<Vec<f64>>,
    /// u per comparison, per level (best first).
    pub u: Vec<Vec<f64>>,
    /// How many fields disagree at once, among matches and non-matches
    /// ([`Dependence`]); empty when [`TrainConfig::dependence`] is off.
    #[serde(default)]
    pub dependence: Dependence,
    /// EM iterations run.
    pub iterations: usize,
    /// Whether the largest parameter change fell below the tolerance.
    pub converged: bool,
}

impl Params {
    /// log2(m/u) of `level` for comparison `k` (0 for null).
    pub fn partial_weight(&self, k: usize, level: u8) -> f64 {
        if level == NULL_LEVEL {
            return 0.0;
        }
        let l = level as usize;
        (self.m[k][l] / self.u[k][l]).log2()
    }

    /// log2 of the prior odds λ/(1−λ).
    pub fn prior_weight(&self) -> f64 {
        (self.lambda / (1.0 - self.lambda)).log2()
    }

    /// The weight [`Dependence`] adds to a pair with these levels.
    pub fn dependence_weight(&self, levels: &[u8]) -> f64 {
        self.dependence.weight(levels, &self.m)
    }
}

/// Training settings. The defaults are deterministic and suit tables up to millions of rows.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Random pairs sampled to estimate u (all pairs when the table has fewer).
    pub u_sample_pairs: usize,
    /// Seed of the pair sampler.
    pub seed: u64,
    /// EM stops after this many iterations …
    pub max_iterations: usize,
    /// … or when no parameter moves more than this.
    pub tolerance: f64,
    /// Weight, in pseudo-pairs, of a prior on m ([`ComparisonKind::prior_m`]): 0 lets the
    /// data alone decide (large tables); a few dozen keeps a small table's m near the prior
    /// where it has little evidence, while large tables still override it.
    ///
    /// [`ComparisonKind::prior_m`]: crate::ComparisonKind::prior_m
    pub m_prior_strength: f64,
    /// Weight, in pseudo-pairs, of a prior on u ([`ComparisonKind::prior_u`]) added to the
    /// random-pair counts: 0 for large tables; small tables, whose few random pairs say little
    /// about how often strangers agree, need a few thousand.
    ///
    /// [`ComparisonKind::prior_u`]: crate::ComparisonKind::prior_u
    pub u_prior_strength: f64,
    /// Learn how many fields disagree at once ([`Dependence`]) instead of assuming fields
    /// err independently. On by default.
    pub dependence: bool,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            u_sample_pairs: 300_000,
            seed: 0x5EED_11AC,
            max_iterations: 200,
            tolerance: 1e-7,
            m_prior_strength: 0.0,
            u_prior_strength: 0.0,
            dependence: true,
        }
    }
}

/// A small deterministic generator (SplitMix64) for sampling pairs.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }
}

/// Random pairs valid for the table's mode (every pair when there are few), for u estimation.
pub fn random_pairs(table: &Table, n: usize, seed: u64) -> Vec<(u32, u32)> {
    let len = table.len() as u64;
    let n_a = table.len_a() as u64;
    let linking = table.mode() == crate::Mode::Link;
    let total = if linking {
        n_a * (len - n_a)
    } else {
        len * len.saturating_sub(1) / 2
    };
    let mut out = Vec::new();
    if total <= n as u64 {
        for a in 0..len as u32 {
            for b in a + 1..len as u32 {
                if table.is_valid_pair(a, b) {
                    out.push((a, b));
                }
            }
        }
        return out;
    }
    let mut rng = SplitMix(seed);
    while out.len() < n {
        let (a, b) = if linking {
            (rng.below(n_a), n_a + rng.below(len - n_a))
        } else {
            (rng.below(len), rng.below(len))
        };
        if a != b {
            out.push((a.min(b) as u32, a.max(b) as u32));
        }
    }
    out
}

/// u per comparison and level from random pairs (almost all non-matches), with add-one
/// smoothing so no level has u = 0.
pub fn estimate_u(model: &LinkModel, table: &Table, config: &TrainConfig) -> Vec<Vec<f64>> {
    estimate_u_prepared(model, table, &Prepared::new(model, table), config)
}

fn estimate_u_prepared(
    model: &LinkModel,
    table: &Table,
    prepared: &Prepared,
    config: &TrainConfig,
) -> Vec<Vec<f64>> {
    let pairs = random_pairs(table, config.u_sample_pairs, config.seed);
    let vectors = compare_prepared(model, prepared, &pairs);
    // Add-one smoothing so no level has u = 0, plus the prior's pseudo-pairs if asked for.
    let mut counts: Vec<Vec<f64>> = model
        .comparisons
        .iter()
        .map(|c| {
            c.kind
                .prior_u()
                .into_iter()
                .map(|p| 1.0 + config.u_prior_strength * p)
                .collect()
        })
        .collect();
    for p in 0..vectors.len() {
        for (k, &l) in vectors.pair(p).iter().enumerate() {
            if l != NULL_LEVEL {
                counts[k][l as usize] += 1.0;
            }
        }
    }
    for c in &mut counts {
        let total: f64 = c.iter().sum();
        c.iter_mut().for_each(|x| *x /= total);
    }
    counts
}

/// Trains the model without labels, with [`TrainConfig::default`]: u from random pairs, then
/// m and λ by expectation–maximisation over the candidate pairs. Deterministic.
pub fn train_em(model: &LinkModel, table: &Table, pairs: &[(u32, u32)]) -> Params {
    train_em_with(model, table, pairs, &TrainConfig::default())
}

/// [`train_em`] with explicit settings.
pub fn train_em_with(
    model: &LinkModel,
    table: &Table,
    pairs: &[(u32, u32)],
    config: &TrainConfig,
) -> Params {
    train_prepared(model, table, &Prepared::new(model, table), pairs, config).0
}

/// Training on already prepared values; also returns the candidates' comparison vectors so
/// scoring need not compute them again.
pub(crate) fn train_prepared(
    model: &LinkModel,
    table: &Table,
    prepared: &Prepared,
    pairs: &[(u32, u32)],
    config: &TrainConfig,
) -> (Params, ComparisonVectors) {
    let u = estimate_u_prepared(model, table, prepared, config);
    let vectors = compare_prepared(model, prepared, pairs);
    let params = em_on_vectors(model, &vectors, u, all_pairs(table), config);
    (params, vectors)
}

/// Number of pairs the table's mode allows (n(n−1)/2, or |A|·|B| in link mode).
pub fn all_pairs(table: &Table) -> f64 {
    let n = table.len() as f64;
    let a = table.len_a() as f64;
    match table.mode() {
        crate::Mode::Dedupe => n * (n - 1.0) / 2.0,
        crate::Mode::Link => a * (n - a),
    }
}

/// EM over the whole pair space, seen through the candidates: u stays at its random-pair
/// (population) estimate; m and λ are re-estimated from the candidates' match posteriors, and
/// pairs outside the candidates count as non-matches (blocking is assumed to keep nearly
/// every match). λ is therefore the prior of a *random* pair, so Bayes factors computed with
/// population u stay calibrated on candidates however strongly blocking selected them.
/// Exposed so a cluster stage can train on vectors gathered from partitions.
pub fn em_on_vectors(
    model: &LinkModel,
    vectors: &ComparisonVectors,
    u: Vec<Vec<f64>>,
    all_pairs: f64,
    config: &TrainConfig,
) -> Params {
    // Pairs collapse to distinct patterns: EM cost is per pattern, not per pair.
    let mut patterns: Vec<(&[u8], f64)> = Vec::new();
    {
        let mut all: Vec<&[u8]> = (0..vectors.len()).map(|p| vectors.pair(p)).collect();
        all.sort_unstable();
        for v in all {
            match patterns.last_mut() {
                Some((last, n)) if *last == v => *n += 1.0,
                _ => patterns.push((v, 1.0)),
            }
        }
    }
    // m starts favouring the best levels; λ starts small.
    let mut m: Vec<Vec<f64>> = model
        .comparisons
        .iter()
        .map(|c| {
            let n = c.kind.n_levels();
            let mut v: Vec<f64> = (0..n).map(|l| 0.5f64.powi(l as i32 * 2)).collect();
            let s: f64 = v.iter().sum();
            v.iter_mut().for_each(|x| *x /= s);
            v
        })
        .collect();
    let total: f64 = patterns.iter().map(|p| p.1).sum();
    let space = all_pairs.max(total).max(1.0);
    // Start by guessing one candidate in ten is a match.
    let mut lambda = (0.1 * total / space).clamp(1e-12, 0.5);
    let mut iterations = 0;
    let mut converged = false;
    if total == 0.0 {
        return Params {
            lambda,
            m,
            u,
            dependence: Dependence::default(),
            iterations,
            converged: true,
        };
    }
    let mut post = vec![0.0; patterns.len()];
    while iterations < config.max_iterations {
        iterations += 1;
        // E step: posterior match probability of each pattern.
        for (i, (levels, _)) in patterns.iter().enumerate() {
            let mut lm = lambda.ln();
            let mut lu = (1.0 - lambda).ln();
            for (k, &l) in levels.iter().enumerate() {
                if l != NULL_LEVEL {
                    lm += m[k][l as usize].ln();
                    lu += u[k][l as usize].ln();
                }
            }
            post[i] = 1.0 / (1.0 + (lu - lm).exp());
        }
        // M step.
        let n_match: f64 = patterns.iter().zip(&post).map(|(p, q)| p.1 * q).sum();
        let new_lambda = (n_match / space).clamp(1e-15, 1.0 - 1e-9);
        let mut new_m: Vec<Vec<f64>> = model
            .comparisons
            .iter()
            .map(|c| {
                c.kind
                    .prior_m()
                    .into_iter()
                    .map(|p| 1e-9 + config.m_prior_strength * p)
                    .collect()
            })
            .collect();
        for ((levels, n), q) in patterns.iter().zip(&post) {
            for (k, &l) in levels.iter().enumerate() {
                if l != NULL_LEVEL {
                    new_m[k][l as usize] += n * q;
                }
            }
        }
        normalise(&mut new_m);
        // λ is tiny: compare it on a relative scale.
        let mut delta = (new_lambda / lambda - 1.0).abs();
        for (old, new) in m.iter().flatten().zip(new_m.iter().flatten()) {
            delta = delta.max((old - new).abs());
        }
        m = new_m;
        lambda = new_lambda;
        if delta < config.tolerance {
            converged = true;
            break;
        }
    }
    // One refinement after convergence: how many fields matches get wrong at once, counted
    // with the independence model's posteriors. Not iterated: letting the correction feed
    // back into the posteriors makes EM drift towards whatever it already believes.
    let mut dependence = Dependence::default();
    if config.dependence {
        let mut k = KCounts::new(model.comparisons.len());
        for ((levels, n), q) in patterns.iter().zip(&post) {
            k.add(levels, &m, n * q);
        }
        dependence = Dependence {
            matches: k.distribution(),
        };
    }
    Params {
        lambda,
        m,
        u,
        dependence,
        iterations,
        converged,
    }
}

fn normalise(v: &mut [Vec<f64>]) {
    for row in v {
        let s: f64 = row.iter().sum();
        row.iter_mut().for_each(|x| *x /= s);
    }
}
