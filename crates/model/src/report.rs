use crate::{Evidence, Level};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the dataset says about a person, as much as outputs need to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    /// Opaque id from the `people` table.
    pub person_id: String,
    /// Name as the person gave it.
    pub full_name: String,
    /// Employer, client or tenant, if known.
    pub org: Option<String>,
    /// applicant, rejected, hired, active, terminated.
    pub status: Option<String>,
    /// Job title.
    pub role: Option<String>,
    /// Where the person says they live and work (ISO 3166-1 alpha-2).
    pub claimed_country: Option<String>,
}

/// One person's screening result: score, level, evidence, and network membership.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonResult {
    /// Who this is.
    #[serde(flatten)]
    pub person: PersonSummary,
    /// 0–100.
    pub score: u8,
    /// Level derived from the score and the independence of the evidence.
    pub level: Level,
    /// Id of the persona network the person belongs to, if any.
    pub network: Option<String>,
    /// Every piece of evidence, strongest first.
    pub evidence: Vec<Evidence>,
}

/// A set of people linked by shared identifiers or identity, with the evidence that links them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// Stable id within one report, e.g. `N1`.
    pub network: String,
    /// person_ids of the members, sorted.
    pub members: Vec<String>,
    /// Highest member level, for ranking networks.
    pub level: Level,
    /// Evidence that concerns several members at once (the links).
    pub evidence: Vec<Evidence>,
}

/// Rows read from one table, for the run summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableCount {
    /// Table name, e.g. `contacts`.
    pub table: String,
    /// File it came from, relative to the dataset directory.
    pub file: String,
    /// Rows loaded.
    pub rows: u64,
    /// Rows skipped under `--lenient`.
    pub skipped: u64,
}

/// What the run did, so that nothing is dropped silently.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of people screened.
    pub people: usize,
    /// People per level.
    pub by_level: BTreeMap<Level, usize>,
    /// Rules that ran.
    pub rules_run: usize,
    /// Evidence items produced.
    pub evidence: usize,
    /// Networks found.
    pub networks: usize,
    /// Per-table load counts.
    pub tables: Vec<TableCount>,
    /// Files in the dataset directory that were not recognised and were left alone.
    pub unrecognised_files: Vec<String>,
    /// Problems that did not stop the run (e.g. rows skipped under `--lenient`), one line each.
    pub warnings: Vec<String>,
    /// The sanctions and watchlists screened against, with their dates (empty when none).
    #[serde(default)]
    pub watchlists: Vec<ListUsed>,
    /// The IP data sign-in addresses were classified with, one line per source with its
    /// date and any attribution its licence requires (empty: the sign-in logs' own fields and
    /// redflag's built-in hosting table only).
    #[serde(default)]
    pub ip_data: Vec<String>,
    /// Identifiers shared by so many otherwise unrelated people that they were not used to
    /// link anyone (a head office, a switchboard), largest first; at most 50.
    #[serde(default)]
    pub hubs: Vec<HubIdentifier>,
    /// Wall time of each stage (`load`, `derive:<table>`, `phase1`, `rule:<ID>`, ...), in run
    /// order, so a slow rule or table can be found without a profiler.
    #[serde(default)]
    pub timings: Vec<StageTime>,
}

/// A watchlist a run screened against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListUsed {
    /// Stable code (`ofac-sdn`, `un`, `redflag`).
    pub list: String,
    /// Display name.
    pub name: String,
    /// The list's date (`YYYY-MM-DD`), when known.
    pub published: Option<String>,
    /// How that date is known (`list`, `recorded`, `file-modified`, `newest-entry`).
    pub basis: String,
    /// Entries read.
    pub entities: usize,
}

/// An identifier recognised as a hub: shared by more people than the dataset makes normal
/// for its kind, and by people not otherwise linked to each other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HubIdentifier {
    /// Identifier kind (`phone`, `email`, `address`, `account`, `device`, …).
    pub kind: String,
    /// The normalised identifier.
    pub key: String,
    /// How many people gave it.
    pub people: usize,
    /// The size above which an identifier of this kind may be a hub in this dataset.
    pub threshold: usize,
    /// Share of those people linked to each other by other identifiers (below one half, or
    /// it would not be a hub).
    pub corroborated: f64,
}

/// How long one stage of a run took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageTime {
    /// Stage name: `load`, `derive:<table>`, `phase1`, `rule:<ID>`, `score`, `networks`.
    pub stage: String,
    /// Wall-clock seconds. Rules of one phase run concurrently, so theirs overlap.
    pub seconds: f64,
}

impl StageTime {
    /// The time elapsed since `start`, as a stage.
    pub fn since(stage: impl Into<String>, start: std::time::Instant) -> StageTime {
        StageTime {
            stage: stage.into(),
            seconds: start.elapsed().as_secs_f64(),
        }
    }
}

/// The whole screening result: the JSON output contract of `redflag screen --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// redflag's version.
    pub redflag_version: String,
    /// Dataset path or name as given.
    pub dataset: String,
    /// RFC 3339 time the report was made.
    pub generated_at: String,
    /// Every person in the dataset, highest score first.
    pub people: Vec<PersonResult>,
    /// Persona networks, most severe first.
    pub networks: Vec<Network>,
    /// Run summary.
    pub summary: Summary,
}
