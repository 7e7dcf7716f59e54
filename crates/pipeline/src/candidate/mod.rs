//! One application screened against everyone already screened, without running the
//! pipeline again: a [`CandidateIndex`] holds what the single-application rules compare a
//! candidate with (everyone's normalised phones, emails, accounts and addresses, homes,
//! vendors, levels and networks), built once from a loaded [`Dataset`] and its [`Report`].
//!
//! A candidate's rows are checked by the loader exactly as the same rows in files would be
//! ([`redflag_ingest::load_rows`]), then read by the engines the rules use (the watchlist
//! table, the domain table, the contact keys and name comparison behind the SQL), and each
//! check mirrors its rule's SQL: the same indicator id, title, weight and guidance (from the
//! rule catalogue), the same detail sentence and the same exceptions (households, hubs,
//! staff of one vendor). The rules that need what an application cannot have (sign-ins,
//! endpoint telemetry, messages, résumés and photos, interviews) are not checked here; the
//! full pipeline checks them ([`Screening::checked`] lists what was).
//!
//! The index reflects the dataset it was built from: a candidate does not change what is
//! known about anyone else (their levels are the report's), and a group a candidate would
//! just push over the identifier engine's hub threshold is still counted.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::collections::BTreeMap;
//! let options = redflag_pipeline::ScreenOptions::default();
//! let (_report, index) = redflag_pipeline::screen_indexed("dataset/".as_ref(), &options).await?;
//! let person = serde_json::json!({"full_name": "Dee Vance"});
//! let rows = BTreeMap::new();
//! let screening = index.screen(&redflag_pipeline::Candidate {
//!     person: person.as_object().unwrap(),
//!     rows: &rows,
//! })?;
//! println!("{} {}", screening.result.score, screening.result.level.name());
//! # Ok(()) }
//! ```

mod applicant;
mod domains;
mod evidence;
mod identifiers;
mod known;
mod network;
mod payments;
mod phones;
mod watchlist;

use std::collections::BTreeMap;
use std::sync::Arc;

use redflag_domains::DomainChecker;
use redflag_ingest::{Dataset, LoadError};
use redflag_model::{Level, PersonResult, Report};
use redflag_rules::Rule;
use redflag_scoring::{note_repeated_facts, score, sort_evidence, ScoringConfig};
use redflag_watchlist::Screener;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::ScreenOptions;
use applicant::Applicant;
use evidence::{FastRules, Hit};
use known::Known;

/// One application: the `people` row and rows of other tables about the candidate (their
/// `person_id` is set to the candidate's), as JSON objects.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The `people` row (at least `full_name`); its `person_id`, when a string, is the id the
    /// result is shown under (else `candidate`).
    pub person: &'a Map<String, Value>,
    /// Rows of other tables by table name (`contacts`, `work_history`, `payments`, …).
    pub rows: &'a BTreeMap<String, Vec<Map<String, Value>>>,
}

/// A known person that the candidate's evidence names, with where they stand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnownPerson {
    /// Their id.
    pub person_id: String,
    /// Their level in the report the index was built from.
    pub level: Level,
    /// Their score in that report.
    pub score: u8,
    /// Their persona network there, if any.
    pub network: Option<String>,
}

/// A candidate's screening.
#[derive(Debug, Clone, PartialEq)]
pub struct Screening {
    /// Score, level and evidence, under the id the candidate was sent with.
    pub result: PersonResult,
    /// The known people the evidence names (its `related` ids), each with their level.
    pub related: Vec<KnownPerson>,
    /// The indicators that were checked.
    pub checked: Vec<String>,
}

/// Why a candidate could not be screened.
#[derive(Debug, thiserror::Error)]
pub enum CandidateError {
    /// A row the loader refuses (the message names the table, the row and the column).
    #[error(transparent)]
    Rows(#[from] LoadError),
    /// Rows under a name that is not a table of the contract other than `people`.
    #[error("rows: {0:?} is not a table of the contract other than people")]
    Table(String),
    /// Rows of a table the index's checks do not read (interviews, education, messages,
    /// sign-ins…): only the full pipeline would look at them.
    #[error("rows of {0:?} are screened only in full mode: the fast checks read {tables}", tables = INDEXED_TABLES.join(", "))]
    FullOnly(String),
}

/// The tables whose candidate rows the index's checks read, besides the `people` row. Rows
/// of any other table would be ignored by [`CandidateIndex::screen`], so it refuses them
/// ([`CandidateError::FullOnly`]) and the caller screens in full.
pub const INDEXED_TABLES: [&str; 6] = [
    "contacts",
    "work_history",
    "payments",
    "changes",
    "shipments",
    "referrals",
];

/// Everything a single application is compared with; see the module documentation.
pub struct CandidateIndex {
    known: Known,
    rules: FastRules,
    scoring: ScoringConfig,
    screener: Option<Arc<Screener>>,
    domains: Arc<DomainChecker>,
}

impl std::fmt::Debug for CandidateIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CandidateIndex")
            .field("people", &self.known.len())
            .field("checked", &self.rules.ids())
            .finish_non_exhaustive()
    }
}

impl CandidateIndex {
    /// Indexes `dataset`, as screened into `report` with `rules` and `options` (its lists,
    /// domain data and scoring); `hubs` are the (kind, key) phones and emails the identifier
    /// engine classed as hubs in that run.
    pub fn build(
        dataset: &Dataset,
        report: &Report,
        rules: &[Rule],
        hubs: Vec<(String, String)>,
        options: &ScreenOptions,
    ) -> CandidateIndex {
        let domains = options.domains.clone().unwrap_or_else(|| {
            Arc::new(DomainChecker::new(redflag_domains::DomainData::builtin()))
        });
        CandidateIndex {
            known: Known::build(dataset, report, rules, hubs, &options.scoring),
            rules: FastRules::new(rules),
            scoring: options.scoring.clone(),
            screener: options.screener.clone(),
            domains,
        }
    }

    /// How many known people the index holds.
    pub fn people(&self) -> usize {
        self.known.len()
    }

    /// Screens one candidate against everyone known. Rows of a table outside
    /// [`INDEXED_TABLES`] are refused ([`CandidateError::FullOnly`]) rather than ignored.
    pub fn screen(&self, candidate: &Candidate<'_>) -> Result<Screening, CandidateError> {
        let applicant = Applicant::load(candidate, &self.known)?;
        let households = self.known.households_of(&applicant);
        let mut hits: Vec<Hit> = Vec::new();
        if let Some(screener) = &self.screener {
            hits.extend(watchlist::hits(&applicant, screener));
        }
        hits.extend(domains::hits(&applicant, &self.domains));
        hits.extend(phones::hits(&applicant));
        hits.extend(identifiers::hits(&applicant, &self.known, &households));
        hits.extend(payments::hits(&applicant, &self.known));
        // Phase 2: referral links to people flagged on their own evidence.
        hits.extend(network::referrals(&applicant, &self.known));
        let mut evidence = self.rules.evidence(&applicant.id, hits, &self.known);
        // Phase 3: the persona network the candidate's links put them in.
        if let Some(hit) = network::flagged_network(&evidence, &self.known) {
            evidence.extend(self.rules.evidence(&applicant.id, vec![hit], &self.known));
        }
        note_repeated_facts(&mut evidence, &self.scoring);
        sort_evidence(&mut evidence);
        let (points, level) = score(&evidence, &self.scoring);
        let related = self.known.related(&evidence);
        Ok(Screening {
            result: PersonResult {
                person: applicant.summary,
                score: points,
                level,
                network: None,
                evidence,
            },
            related,
            checked: self.rules.ids(),
        })
    }
}
