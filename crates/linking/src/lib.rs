//! Identity matching: the same real person behind different records.
//!
//! A Fellegi–Sunter record-linkage model in the manner of Splink, written as partitioned
//! steps so each can later run as a cluster stage:
//!
//! 1. **blocking keys** per record and rule ([`blocking_keys`]);
//! 2. **candidate pairs**: an equi-join per rule, deduplicated across rules, with over-large
//!    (hub) blocks skipped and reported ([`candidate_pairs`]);
//! 3. **comparison vectors**: one level per comparison, best first, null apart
//!    ([`compare_pairs`]);
//! 4. **training** without labels: u from random pairs, m and the prior λ by EM
//!    ([`train_em`]), plus one term for how many fields disagree at once, since duplicates
//!    rarely err in two fields together ([`Dependence`]); **scored pairs** with a weight (log2 Bayes factor plus prior), a
//!    probability, with per-comparison partial weights on demand ([`score_pairs`],
//!    [`PairScorer::explain`]);
//! 5. **clusters**: connected components over pairs above a threshold ([`cluster`]).
//!
//! The model is data ([`LinkModel`], built from a [`ModelConfig`]): comparisons
//! ([`ComparisonKind`]: exact, name similarity, date, identifier token) and blocking rules
//! (`soundex(surname) & year(dob)`). Both one table (dedupe, [`Table::dedupe`]) and two
//! tables (link, [`Table::link`]) are supported.
//!
//! ```
//! use redflag_linking::{candidate_pairs, cluster, score_pairs, train_em, LinkModel, ModelConfig, PairScorer, Record, Table};
//!
//! let people = [
//!     ("1", "jonathan", "smith", "19800412", "2600"),
//!     ("2", "jonathon", "smith", "19800412", "2600"),
//!     ("3", "mary", "jones", "19751130", "2600"),
//!     ("4", "mary", "jonse", "19751130", "4000"),
//!     ("5", "peter", "brown", "19620101", "4000"),
//! ];
//! let records: Vec<Record> = people
//!     .iter()
//!     .map(|(id, g, s, d, p)| {
//!         Record::new(*id).with("given_name", *g).with("surname", *s).with("dob", *d).with("postcode", *p)
//!     })
//!     .collect();
//! let table = Table::dedupe(&records);
//! let model = LinkModel::from_config(
//!     &ModelConfig::default()
//!         .compare("given_name", "name")
//!         .compare("surname", "name")
//!         .compare("dob", "date")
//!         .compare("postcode", "token")
//!         .block("postcode")
//!         .block("dob"),
//! )
//! .unwrap();
//! let candidates = candidate_pairs(&table, &model.blocking, model.max_block_size).unwrap();
//! let params = train_em(&model, &table, &candidates.pairs);
//! let scored = score_pairs(&model, &params, &table, &candidates.pairs);
//! let scorer = PairScorer::new(&model, &params, &table);
//! for pair in &scored {
//!     println!("{}", scorer.explain(pair.a, pair.b, &table));
//! }
//! let clusters = cluster(&scored, 0.9);
//! assert!(clusters.contains(&vec![0, 1]));
//! ```
//!
//! *Invariant:* no I/O and no hidden state: the same records, model and settings give the
//! same pairs, parameters, scores and clusters.

mod blocking;
mod clustering;
mod dependence;
mod em;
mod eval;
mod identifiers;
mod model;
mod parallel;
mod score;
pub mod similarity;
mod table;

pub use blocking::{blocking_keys, candidate_pairs, BlockingReport, Candidates, RuleReport};
pub use clustering::{cluster, cluster_average_linkage, cluster_edges, DENSE_COMPONENT_LIMIT};
pub use dependence::Dependence;
pub use em::{
    all_pairs, compare_pairs, em_on_vectors, estimate_u, random_pairs, train_em, train_em_with,
    ComparisonVectors, Params, TrainConfig,
};
pub use eval::{pairwise_metrics, Metrics};
pub use identifiers::{
    link_identifiers, IdentifierConfig, IdentifierKind, IdentifierLinks, IdentifierRow,
    SharedIdentifier, Sharing,
};
pub use model::{
    BlockKey, BlockingRule, Comparison, ComparisonKind, KeyTransform, LinkModel, ModelConfig,
    DEFAULT_MAX_BLOCK_SIZE, NULL_LEVEL,
};
pub use score::{probability_of, score_pairs, Evidence, PairScorer, ScoredPair};
pub use table::{clean, Mode, Record, Table, TableBuilder, NULL_TOKENS};

/// Problems with a model definition or with the data it is applied to.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LinkError {
    /// A blocking rule that does not parse.
    #[error("blocking rule `{rule}`: {why}")]
    BadRule {
        /// The rule as written.
        rule: String,
        /// What was expected.
        why: String,
    },
    /// A comparison that cannot be built.
    #[error("comparison `{comparison}`: {why}")]
    BadComparison {
        /// The comparison's fields or kind.
        comparison: String,
        /// What was expected.
        why: String,
    },
    /// A field no record has.
    #[error("{context} names field `{field}`, which no record has")]
    UnknownField {
        /// The missing field.
        field: String,
        /// Where it was named.
        context: String,
    },
}

/// Every step's output from one end-to-end run ([`link`]).
#[derive(Debug, Clone)]
pub struct Linkage<'m> {
    /// Candidate pairs and the blocking report.
    pub candidates: Candidates,
    /// Every candidate pair, scored.
    pub scored: Vec<ScoredPair>,
    /// Clusters at the threshold, by average linkage ([`cluster_average_linkage`]).
    pub clusters: Vec<Vec<u32>>,
    /// The scorer the run used, with its prepared values: explains any pair
    /// ([`PairScorer::explain`]) without preparing the table again.
    pub scorer: PairScorer<'m>,
}

impl Linkage<'_> {
    /// Trained parameters.
    pub fn params(&self) -> &Params {
        self.scorer.params()
    }
}

/// Runs every step with [`TrainConfig::default`]: blocking, EM training, scoring and
/// average-linkage clustering at `threshold`. Values are prepared and candidate pairs
/// compared once.
pub fn link<'m>(
    model: &'m LinkModel,
    table: &Table,
    threshold: f64,
) -> Result<Linkage<'m>, LinkError> {
    link_with(model, table, threshold, &TrainConfig::default())
}

/// [`link`] with explicit training settings.
pub fn link_with<'m>(
    model: &'m LinkModel,
    table: &Table,
    threshold: f64,
    config: &TrainConfig,
) -> Result<Linkage<'m>, LinkError> {
    let candidates = candidate_pairs(table, &model.blocking, model.max_block_size)?;
    let prepared = em::Prepared::new(model, table);
    let (params, vectors) = em::train_prepared(model, table, &prepared, &candidates.pairs, config);
    let scorer = PairScorer::with_prepared(model, params, prepared);
    let scored = scorer.score_vectors(&candidates.pairs, &vectors);
    drop(vectors);
    let clusters = cluster_average_linkage(&scorer, &scored, threshold);
    Ok(Linkage {
        candidates,
        scored,
        clusters,
        scorer,
    })
}
