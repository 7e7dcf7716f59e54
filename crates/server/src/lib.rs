//! `redflag serve`: the analyst service's HTTP API over [`redflag_store`].
//!
//! Routes live under `/v1`, with `/openapi.json` describing them, `/metrics` for
//! Prometheus, and the analyst web UI under `/ui` ([`ui`], signed in with a key); everything but `/v1/health` and `/openapi.json` needs an API key
//! (`Authorization: Bearer <key>`), and each route a role: viewers read, analysts also change
//! cases, admins also read the audit log. Reading one person's record or one case, and
//! changing a case, are written to the audit log before the answer goes out. Bodies are
//! limited to [`MAX_BODY_BYTES`] and requests to [`REQUEST_TIMEOUT`]; errors are JSON
//! (`{"error": ...}`) and never echo the request. The server logs nothing about requests:
//! paths carry person ids.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use std::sync::Arc;
//! use redflag_store::Store;
//!
//! let store = Arc::new(Store::open_in_memory().expect("store"));
//! let state = redflag_server::AppState::new(store, Vec::new());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! redflag_server::serve(listener, state, std::future::pending()).await
//! # }
//! ```

#![warn(missing_docs)]

pub mod api;
pub mod auditor;
pub mod auth;
pub mod candidate;
pub mod error;
pub mod ingest;
pub mod metrics;
pub mod openapi;
pub mod ui;
pub mod webhooks;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use redflag_model::GuidanceSource;
use redflag_store::Store;
use serde::Serialize;

use crate::error::ApiError;

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Longest a request may take before the server answers 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// A detection rule as the API lists it: what it detects and the guidance behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleInfo {
    /// Indicator id.
    pub id: String,
    /// One-line title.
    pub title: String,
    /// Evidence category.
    pub category: String,
    /// Default weight.
    pub weight: f64,
    /// Phase it runs in.
    pub phase: u8,
    /// What it detects and why.
    pub description: String,
    /// The public guidance it comes from.
    pub sources: Vec<GuidanceSource>,
}

/// What the server needs of the screening pipeline. The binary provides it, so that this
/// crate does not depend on the loader and the rule engine.
pub trait Pipeline: Send + Sync + 'static {
    /// Whether `name` is a table of the dataset contract.
    fn is_table(&self, name: &str) -> bool;
    /// Loads the dataset directory `dir` strictly, as `redflag screen` would; the error names
    /// the file, line and column.
    fn check(&self, dir: &std::path::Path) -> Result<(), String>;
    /// Screens the dataset directory `dir`.
    fn screen(&self, dir: &std::path::Path) -> Result<redflag_model::Report, String>;
    /// Screens the stored data exported to `dir`, as [`Pipeline::screen`] does, and keeps an
    /// index of it for [`Pipeline::screen_candidate`], replacing the previous one once the
    /// new one is complete. The default only screens.
    fn screen_stored(&self, dir: &std::path::Path) -> Result<redflag_model::Report, String> {
        self.screen(dir)
    }
    /// Screens one candidate (their `people` row and rows of other tables) against the index
    /// of the stored data last screened, without running the pipeline. The default has no
    /// index.
    fn screen_candidate(
        &self,
        person: &redflag_store::ingested::Row,
        rows: &std::collections::BTreeMap<String, Vec<redflag_store::ingested::Row>>,
    ) -> Result<candidate::Indexed, candidate::IndexedError> {
        let _ = (person, rows);
        Err(candidate::IndexedError::NotIndexed)
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Arc<Store>,
    /// The rules screening runs, for `/v1/rules`.
    pub rules: Arc<Vec<RuleInfo>>,
    /// Request counts and durations, for `/metrics`.
    pub metrics: Arc<metrics::Metrics>,
    /// Loading and screening, for ingest; without it `/v1/tables` answers 503.
    pub pipeline: Option<Arc<dyn Pipeline>>,
    /// The level at which screening opens a case.
    pub threshold: redflag_model::Level,
    /// Wakes the screener after an ingest.
    pub rescreen: Arc<tokio::sync::Notify>,
    /// Whether the UI's session cookie is marked `Secure` (the service is reached over
    /// HTTPS, through a TLS proxy).
    pub secure_cookies: bool,
    /// Writes the audit entries of candidate screenings, many requests per transaction.
    pub auditor: Arc<auditor::Auditor>,
}

impl AppState {
    /// State over `store`, listing `rules`, without ingest.
    pub fn new(store: Arc<Store>, rules: Vec<RuleInfo>) -> Self {
        AppState {
            auditor: Arc::new(auditor::Auditor::start(Arc::clone(&store))),
            store,
            rules: Arc::new(rules),
            metrics: Arc::default(),
            pipeline: None,
            threshold: redflag_model::Level::High,
            rescreen: Arc::default(),
            secure_cookies: false,
        }
    }

    /// The same state with ingest through `pipeline`, cases opening at `threshold`.
    pub fn with_pipeline(
        mut self,
        pipeline: Arc<dyn Pipeline>,
        threshold: redflag_model::Level,
    ) -> Self {
        self.pipeline = Some(pipeline);
        self.threshold = threshold;
        self
    }
}

/// Largest ingest body accepted.
pub const MAX_INGEST_BYTES: usize = 64 * 1024 * 1024;

/// The routes, with authentication, metrics, limits and timeouts.
pub fn router(state: AppState) -> Router {
    let protected = Router::new()
        .route("/v1/people", get(api::people))
        .route("/v1/people/{person_id}", get(api::person))
        .route("/v1/people/{person_id}/ocsf", get(api::person_ocsf))
        .route("/v1/networks", get(api::networks))
        .route("/v1/cases", get(api::cases))
        .route(
            "/v1/cases/{case_id}",
            get(api::case).patch(api::change_case),
        )
        .route("/v1/rules", get(api::rules))
        .route("/v1/audit", get(api::audit))
        .route("/v1/webhooks", get(api::webhooks).post(api::add_webhook))
        .route(
            "/v1/webhooks/{webhook_id}",
            axum::routing::delete(api::disable_webhook),
        )
        .route(
            "/v1/webhooks/{webhook_id}/secret",
            axum::routing::post(api::rotate_webhook_secret),
        )
        .route("/v1/webhooks/{webhook_id}/deliveries", get(api::deliveries))
        .route("/v1/screen", axum::routing::post(candidate::screen))
        .route(
            "/v1/tables/{table}",
            axum::routing::post(ingest::ingest).layer(DefaultBodyLimit::max(MAX_INGEST_BYTES)),
        )
        .route("/metrics", get(api::metrics))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ));
    Router::new()
        .merge(protected)
        .merge(ui::routes())
        .route("/v1/health", get(health))
        .route("/openapi.json", get(openapi_json))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::count,
        ))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(timeout))
        .with_state(state)
}

/// Serves the API on `listener` until `shutdown` completes, sending queued webhooks
/// meanwhile.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let sender = tokio::spawn(webhooks::run(Arc::clone(&state.store)));
    let screener = tokio::spawn(ingest::screen_on_ingest(state.clone()));
    let served = axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await;
    sender.abort();
    screener.abort();
    served
}

/// `GET /openapi.json`: the API's description; no key needed.
async fn openapi_json() -> Json<serde_json::Value> {
    Json(openapi::document())
}

/// `GET /v1/health`: no key needed, no data.
async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
    }))
}

async fn not_found() -> ApiError {
    ApiError::not_found("route")
}

/// Longest an ingest may take (a batch of tens of megabytes is checked and stored whole).
pub const INGEST_TIMEOUT: Duration = Duration::from_secs(600);

/// Answers 503 when a request takes longer than [`REQUEST_TIMEOUT`] ([`INGEST_TIMEOUT`] for
/// an ingest). The ingest of a batch that times out may still complete; sending it again is
/// safe (rows are idempotent).
async fn timeout(request: Request, next: Next) -> Response {
    let limit = if request.uri().path().starts_with("/v1/tables/") {
        INGEST_TIMEOUT
    } else {
        REQUEST_TIMEOUT
    };
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the request took too long")
            .into_response(),
    }
}
