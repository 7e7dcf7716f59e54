//! `POST /v1/tables/{table}`: rows of one table, as CSV or JSON Lines, checked by the same
//! loader as `redflag screen` (errors name the body's line and column), stored in one
//! transaction (idempotent by id), then screened (and indexed for `POST /v1/screen`) in the
//! background.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::{Extension, Json};
use redflag_store::ingested::Row;
use redflag_store::{IngestSummary, Principal, Role};
use serde_json::Value;

use crate::auth::require;
use crate::error::ApiError;
use crate::{AppState, Pipeline};

/// The body's format.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    JsonLines,
}

impl Format {
    fn of(headers: &HeaderMap) -> Result<Format, ApiError> {
        let kind = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match kind.as_str() {
            "text/csv" => Ok(Format::Csv),
            "application/x-ndjson" | "application/jsonl" | "application/json" => {
                Ok(Format::JsonLines)
            }
            _ => Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send text/csv (with a header row) or application/x-ndjson (one object per line)",
            )),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::JsonLines => "jsonl",
        }
    }
}

/// The body's rows as column → value maps (CSV cells as text, empty cells left out).
fn rows(format: Format, table: &str, body: &str) -> Result<Vec<Row>, String> {
    match format {
        Format::JsonLines => body
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, line)| match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(row)) => Ok(row),
                Ok(_) => Err(format!("{table}.jsonl:{}: not a JSON object", i + 1)),
                Err(e) => Err(format!("{table}.jsonl:{}: not JSON ({e})", i + 1)),
            })
            .collect(),
        Format::Csv => {
            let mut reader = csv::ReaderBuilder::new().from_reader(body.as_bytes());
            let header = reader
                .headers()
                .map_err(|e| format!("{table}.csv:1: {e}"))?
                .clone();
            reader
                .records()
                .map(|record| {
                    let record = record.map_err(|e| {
                        let line = e.position().map_or(0, |p| p.line());
                        format!("{table}.csv:{line}: {e}")
                    })?;
                    Ok(header
                        .iter()
                        .zip(record.iter())
                        .filter(|(_, v)| !v.is_empty())
                        .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
                        .collect())
                })
                .collect()
        }
    }
}

/// Checks the batch with the loader: the body as the table's file (so that line numbers are
/// the body's), beside every other table already stored, for the references (people, and
/// the contacts that map sign-in accounts and devices to people).
fn check(
    state: &AppState,
    pipeline: &dyn Pipeline,
    table: &str,
    format: Format,
    body: &str,
) -> Result<(), ApiError> {
    let dir = tempfile::tempdir()
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "no temporary folder"))?;
    state.store.export_ingested(dir.path(), Some(table))?;
    let file = dir.path().join(format!("{table}.{}", format.extension()));
    std::fs::write(&file, body)
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "cannot stage the rows"))?;
    pipeline
        .check(dir.path())
        .map_err(|message| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message))
}

/// `POST /v1/tables/{table}` (admin): stores the rows after the loader accepts all of them.
pub async fn ingest(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    Path(table): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<IngestSummary>, ApiError> {
    require(&who, Role::Admin)?;
    let Some(pipeline) = state.pipeline.clone() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "this server was started without ingest",
        ));
    };
    if !pipeline.is_table(&table) {
        return Err(ApiError::not_found("table of the dataset contract"));
    }
    let format = Format::of(&headers)?;
    let body = String::from_utf8(body.to_vec())
        .map_err(|_| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "the body is not UTF-8"))?;
    let rows = rows(format, &table, &body)
        .map_err(|m| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, m))?;
    let worker = state.clone();
    let summary = tokio::task::spawn_blocking(move || {
        check(&worker, pipeline.as_ref(), &table, format, &body)?;
        Ok::<_, ApiError>(worker.store.ingest_rows(&table, &rows, &who.actor())?)
    })
    .await
    .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the ingest failed"))??;
    state.rescreen.notify_one();
    Ok(Json(summary))
}

/// How long no batch must arrive before the stored rows are screened again.
const QUIET: std::time::Duration = std::time::Duration::from_secs(2);

/// Screens the stored rows after ingests, once batches stop arriving for [`QUIET`]
/// (ingests arriving during a screening are screened together next), saving results and
/// cases, and re-indexing them for fast candidate screening
/// ([`Pipeline::screen_stored`]). A notification before any ingest (a restart over stored
/// rows) screens them too.
pub async fn screen_on_ingest(state: AppState) {
    let Some(pipeline) = state.pipeline.clone() else {
        return;
    };
    loop {
        state.rescreen.notified().await;
        // A bulk load sends batch after batch: wait for a quiet moment, then screen once.
        while tokio::time::timeout(QUIET, state.rescreen.notified())
            .await
            .is_ok()
        {}
        let store = Arc::clone(&state.store);
        let pipeline = Arc::clone(&pipeline);
        let threshold = state.threshold;
        let outcome = tokio::task::spawn_blocking(move || -> Result<(), String> {
            if !store
                .ingested_tables()
                .map_err(|e| e.to_string())?
                .iter()
                .any(|t| t == "people")
            {
                return Ok(());
            }
            let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
            store
                .export_ingested(dir.path(), None)
                .map_err(|e| e.to_string())?;
            let report = pipeline.screen_stored(dir.path())?;
            store
                .save_report(&report, threshold, "system")
                .map_err(|e| e.to_string())?;
            Ok(())
        })
        .await;
        if !matches!(outcome, Ok(Ok(()))) {
            // The message could quote data; the log says only that it failed.
            eprintln!("redflag serve: screening the ingested rows failed");
        }
    }
}
