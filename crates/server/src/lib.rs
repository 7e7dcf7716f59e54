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
pub mod auth;
pub mod error;
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

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Arc<Store>,
    /// The rules screening runs, for `/v1/rules`.
    pub rules: Arc<Vec<RuleInfo>>,
    /// Request counts and durations, for `/metrics`.
    pub metrics: Arc<metrics::Metrics>,
}

impl AppState {
    /// State over `store`, listing `rules`.
    pub fn new(store: Arc<Store>, rules: Vec<RuleInfo>) -> Self {
        AppState {
            store,
            rules: Arc::new(rules),
            metrics: Arc::default(),
        }
    }
}

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
        .route("/v1/webhooks/{webhook_id}/deliveries", get(api::deliveries))
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
    let served = axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await;
    sender.abort();
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

/// Answers 503 when a request takes longer than [`REQUEST_TIMEOUT`].
async fn timeout(request: Request, next: Next) -> Response {
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the request took too long")
            .into_response(),
    }
}
