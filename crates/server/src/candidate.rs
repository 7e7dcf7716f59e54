//! `POST /v1/screen`: one candidate screened against everyone known, with every rule that
//! applies, without storing anything of the candidate.
//!
//! The candidate's rows are added, under a fresh person id, to a copy of the stored data, and
//! the copy is screened by the same pipeline as everything else: watchlists, identifiers
//! shared with anyone already known, lookalike and seized domains, résumé checks, and any
//! rule the given rows reach. The answer is the candidate's result under the id they were
//! sent with. Screening the whole copy takes seconds at tens of thousands of people; an
//! indexed path for single applications is the next step.

use std::collections::BTreeMap;
use std::time::Instant;

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use redflag_model::PersonResult;
use redflag_store::ingested::{write_csv, Row};
use redflag_store::{Principal, Role};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::auth::require;
use crate::error::ApiError;
use crate::AppState;

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

/// The candidate's result.
#[derive(Debug, Serialize)]
pub struct Screened {
    /// Score, level and evidence, under the id the candidate was sent with (or
    /// `candidate`).
    #[serde(flatten)]
    pub result: PersonResult,
    /// How long the screening took.
    pub took_ms: u64,
}

/// `POST /v1/screen` (analyst; audited).
pub async fn screen(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    body: Result<Json<Candidate>, JsonRejection>,
) -> Result<Json<Screened>, ApiError> {
    require(&who, Role::Analyst)?;
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
    let start = Instant::now();
    let store = state.store.clone();
    let result = tokio::task::spawn_blocking(move || -> Result<PersonResult, ApiError> {
        let shown_as = candidate
            .person
            .get("person_id")
            .and_then(Value::as_str)
            .unwrap_or("candidate")
            .to_string();
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
        let mut result = report
            .people
            .into_iter()
            .find(|p| p.person.person_id == id)
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the candidate was not screened",
                )
            })?;
        result.person.person_id = shown_as;
        store.audit(&who.actor(), "screen_candidate", &result.person.person_id)?;
        Ok(result)
    })
    .await
    .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the screening failed"))??;
    Ok(Json(Screened {
        result,
        took_ms: start.elapsed().as_millis() as u64,
    }))
}
