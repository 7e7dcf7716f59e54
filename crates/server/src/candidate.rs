//! `POST /v1/screen`: one candidate screened against everyone known, without storing
//! anything of the candidate. Two ways:
//!
//! - **fast** (the default once the stored data has been screened): the pipeline's index of
//!   the last screening answers in microseconds with the rules that apply to an application:
//!   watchlists, identifiers shared with anyone known (households, hubs and one vendor's staff
//!   excepted, as the rules do), lookalike and seized domains, phone numbers, pay, referrals
//!   and the persona network the candidate's links lead to. The answer lists the rules
//!   checked and the known people the evidence names, with their levels.
//! - **full** (`?mode=full`, and the default when the body has a résumé, rows of a table
//!   the fast checks do not read, such as interviews, education or messages, or when no
//!   index exists yet): the candidate's rows are added, under a fresh person id, to a copy of the stored
//!   data, and the copy is screened by the whole pipeline, every rule included. It takes
//!   seconds at tens of thousands of people.
//!
//! Either way the answer is the candidate's result under the id they were sent with, and
//! the screening is audited before the answer goes out.

use std::collections::BTreeMap;
use std::time::Instant;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use redflag_model::{Level, PersonResult};
use redflag_store::ingested::{write_csv, Row};
use redflag_store::{Principal, Role};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::auth::require;
use crate::error::ApiError;
use crate::{AppState, Pipeline};

/// A candidate: their `people` row and rows of other tables about them (without
/// `person_id`: it is set), and optionally the résumé text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// The `people` row (at least `full_name`).
    pub person: Row,
    /// Rows of other tables by table name: `contacts`, `education`, `work_history`,
    /// `interviews`, `messages`, ...
    #[serde(default)]
    pub rows: BTreeMap<String, Vec<Row>>,
    /// The résumé's text.
    #[serde(default)]
    pub resume: Option<String>,
}

/// `?mode=`: how to screen.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreenQuery {
    /// `fast` or `full`; by default fast when the stored data is indexed and the body has
    /// no résumé.
    pub mode: Option<String>,
}

/// A known person the candidate's evidence names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedPerson {
    /// Their id.
    pub person_id: String,
    /// Their level in the last screening of the stored data.
    pub level: Level,
    /// Their score there.
    pub score: u8,
    /// Their persona network there.
    pub network: Option<String>,
}

/// A candidate screened from the pipeline's index.
#[derive(Debug, Clone)]
pub struct Indexed {
    /// Score, level and evidence.
    pub result: PersonResult,
    /// The known people the evidence names.
    pub related: Vec<RelatedPerson>,
    /// The indicators checked.
    pub checked: Vec<String>,
}

/// Why the index did not screen a candidate.
#[derive(Debug, Clone)]
pub enum IndexedError {
    /// No screening of the stored data has finished yet.
    NotIndexed,
    /// A row the loader refuses (the message names the table, the row and the column).
    Refused(String),
    /// Rows the index's checks do not read (interviews, education, messages…): only the
    /// full pipeline screens them. The message names the table.
    FullOnly(String),
}

/// The candidate's result.
#[derive(Debug, Serialize)]
pub struct Screened {
    /// Score, level and evidence, under the id the candidate was sent with (or
    /// `candidate`).
    #[serde(flatten)]
    pub result: PersonResult,
    /// `fast` or `full`.
    pub mode: &'static str,
    /// Fast mode: the known people the evidence names, with their levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Vec<RelatedPerson>>,
    /// Fast mode: the indicators checked (full mode checks every rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<Vec<String>>,
    /// How long the screening took, in milliseconds.
    pub took_ms: f64,
}

/// How a request asks to be screened.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Auto,
    Fast,
    Full,
}

/// `POST /v1/screen` (analyst; audited).
pub async fn screen(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    query: Result<Query<ScreenQuery>, QueryRejection>,
    body: Result<Json<Candidate>, JsonRejection>,
) -> Result<Json<Screened>, ApiError> {
    require(&who, Role::Analyst)?;
    let Query(query) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let mode = match query.mode.as_deref() {
        None => Mode::Auto,
        Some("fast") => Mode::Fast,
        Some("full") => Mode::Full,
        Some(_) => return Err(ApiError::bad_request("mode is fast or full")),
    };
    let Json(candidate) = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    let Some(pipeline) = state.pipeline.clone() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "this server was started without screening",
        ));
    };
    for table in candidate.rows.keys() {
        if table == "people" || !pipeline.is_table(table) {
            return Err(ApiError::bad_request(format!(
                "rows: {table:?} is not a table of the contract other than people"
            )));
        }
    }
    if mode == Mode::Fast && candidate.resume.is_some() {
        return Err(ApiError::bad_request(
            "a résumé is screened only in full mode (?mode=full)",
        ));
    }
    let start = Instant::now();
    let shown_as = candidate
        .person
        .get("person_id")
        .and_then(Value::as_str)
        .unwrap_or("candidate")
        .to_string();
    if mode == Mode::Fast || (mode == Mode::Auto && candidate.resume.is_none()) {
        match pipeline.screen_candidate(&candidate.person, &candidate.rows) {
            Ok(indexed) => {
                let mut result = indexed.result;
                result.person.person_id = shown_as;
                let actor = who.actor();
                let mut entries = vec![(
                    actor.clone(),
                    "screen_candidate".to_string(),
                    result.person.person_id.clone(),
                )];
                // The levels of the known people named are reads of their records.
                entries.extend(indexed.related.iter().map(|p| {
                    (
                        actor.clone(),
                        "read_person_level".to_string(),
                        p.person_id.clone(),
                    )
                }));
                state.auditor.record(entries).await?;
                return Ok(Json(Screened {
                    result,
                    mode: "fast",
                    related: Some(indexed.related),
                    checked: Some(indexed.checked),
                    took_ms: millis(start),
                }));
            }
            Err(IndexedError::Refused(message)) => {
                return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message));
            }
            Err(IndexedError::NotIndexed) if mode == Mode::Fast => {
                return Err(ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the stored data is being screened and indexed; try again shortly, or ask for ?mode=full",
                ));
            }
            Err(IndexedError::FullOnly(message)) if mode == Mode::Fast => {
                return Err(ApiError::bad_request(format!("{message} (?mode=full)")));
            }
            Err(IndexedError::NotIndexed | IndexedError::FullOnly(_)) => {}
        }
    }
    let store = state.store.clone();
    let result = tokio::task::spawn_blocking(move || {
        let mut result = screen_full(&store, pipeline.as_ref(), &candidate)?;
        result.person.person_id = shown_as;
        store.audit(&who.actor(), "screen_candidate", &result.person.person_id)?;
        Ok::<_, ApiError>(result)
    })
    .await
    .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the screening failed"))??;
    Ok(Json(Screened {
        result,
        mode: "full",
        related: None,
        checked: None,
        took_ms: millis(start),
    }))
}

/// Milliseconds since `start`, to the microsecond.
fn millis(start: Instant) -> f64 {
    start.elapsed().as_micros() as f64 / 1000.0
}

/// Full mode: the candidate added to a copy of the stored data, screened whole.
fn screen_full(
    store: &redflag_store::Store,
    pipeline: &dyn Pipeline,
    candidate: &Candidate,
) -> Result<PersonResult, ApiError> {
    let mut tables: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for table in store.ingested_tables()? {
        let rows = store.ingested_rows(&table)?;
        tables.insert(table, rows);
    }
    // An id no stored person has.
    let taken = |id: &str| {
        tables.get("people").is_some_and(|people| {
            people
                .iter()
                .any(|p| p.get("person_id").and_then(Value::as_str) == Some(id))
        })
    };
    let mut id = "rf-candidate".to_string();
    while taken(&id) {
        id.push('-');
    }
    let dir = tempfile::tempdir()
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "no temporary folder"))?;
    let mut person = candidate.person.clone();
    person.insert("person_id".into(), Value::String(id.clone()));
    tables.entry("people".into()).or_default().push(person);
    for (table, rows) in &candidate.rows {
        let stored = tables.entry(table.clone()).or_default();
        for row in rows {
            let mut row = row.clone();
            row.insert("person_id".into(), Value::String(id.clone()));
            stored.push(row);
        }
    }
    for (table, rows) in &tables {
        write_csv(&dir.path().join(format!("{table}.csv")), rows)?;
    }
    if let Some(text) = &candidate.resume {
        let resumes = dir.path().join("resumes");
        std::fs::create_dir_all(&resumes)
            .and_then(|()| std::fs::write(resumes.join(format!("{id}.txt")), text))
            .map_err(|_| {
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "cannot stage the résumé")
            })?;
    }
    let report = pipeline
        .screen(dir.path())
        .map_err(|message| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message))?;
    report
        .people
        .into_iter()
        .find(|p| p.person.person_id == id)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the candidate was not screened",
            )
        })
}
