//! Detection rules: each indicator is a rule with a stable id, title, category, weight, the
//! public guidance it comes from, and a SQL query over the dataset's tables that returns
//! one row per hit. Engines that SQL does badly (address, email, phone, name matching) are
//! exposed to the queries as UDFs (see [`udf`]); reference catalogues as `ref_*` tables.
//!
//! This crate never reads dataset files (it receives loaded tables) and never decides a
//! score: it produces [`Detection`]s.
//!
//! ```no_run
//! # async fn run(dataset: redflag_ingest::Dataset) -> Result<(), Box<dyn std::error::Error>> {
//! let rules = redflag_rules::catalogue(&[])?;
//! let engine = redflag_rules::RuleEngine::new(&dataset, rules).await?;
//! for hit in engine.run_phase(1).await? {
//!     println!("{} {} {}", hit.person_id, hit.evidence.indicator, hit.evidence.detail);
//! }
//! # Ok(()) }
//! ```

mod catalog;
mod domain_table;
mod engine;
mod hours_table;
mod identifier_table;
mod identity_table;
mod ip_table;
mod message_table;
mod moves_table;
mod photo_table;
mod profile_table;
mod resume_table;
pub mod rows;
mod rule;
mod tables;
pub mod udf;
mod watchlist_table;

pub use catalog::{builtin_rules, catalogue, rules_from_dir};
pub use domain_table::{domain_findings, domain_findings_schema, DOMAIN_FINDINGS_TABLE};
pub use engine::{
    watchlist_hits_schema, EngineInputs, NetworkMember, RuleEngine, NETWORK_MEMBERS_TABLE,
    PRIOR_SCORES_TABLE, WATCHLIST_HITS_TABLE,
};
pub use ip_table::{
    signin_ips, signin_ips_schema, signins_located, signins_located_schema, SIGNINS_LOCATED_TABLE,
    SIGNIN_IPS_TABLE,
};
pub use moves_table::{signin_moves, signin_moves_schema, SIGNIN_MOVES_TABLE};
pub use resume_table::{resume_near_dups, resume_near_dups_schema, RESUME_NEAR_DUPS_TABLE};
pub use rule::{Rule, RuleError, MAX_REFS};
pub use tables::{new_session, register_all, register_batches};
pub use watchlist_table::watchlist_hits;

use redflag_model::Evidence;

/// One rule hit for one person.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// Who the evidence is about.
    pub person_id: String,
    /// What was found.
    pub evidence: Evidence,
}

/// Why rules could not run.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// A rule file is malformed.
    #[error(transparent)]
    Rule(#[from] RuleError),
    /// A rule's query failed to plan or run.
    #[error("rule {rule} ({origin}): {message}")]
    Query {
        /// Rule id.
        rule: String,
        /// Rule file.
        origin: String,
        /// DataFusion's message.
        message: String,
    },
    /// A rule's query returned columns that cannot be read as evidence.
    #[error("rule {rule} ({origin}): {message}")]
    Output {
        /// Rule id.
        rule: String,
        /// Rule file.
        origin: String,
        /// What is wrong.
        message: String,
    },
    /// A table could not be registered.
    #[error("table {table}: {message}")]
    Table {
        /// Table name.
        table: String,
        /// What went wrong.
        message: String,
    },
    /// A rule task failed unexpectedly.
    #[error("rule execution failed: {0}")]
    Runtime(String),
}

impl RulesError {
    fn query(rule: &Rule, e: impl std::fmt::Display) -> Self {
        RulesError::Query {
            rule: rule.id.clone(),
            origin: rule.origin.clone(),
            message: e.to_string(),
        }
    }
}
