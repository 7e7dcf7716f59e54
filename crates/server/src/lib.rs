//! `redflag serve`: the analyst service's HTTP API over [`redflag_store`].
//!
//! Routes live under `/v1`; everything but `/v1/health` needs an API key
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
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! redflag_server::serve(listener, store, std::future::pending()).await
//! # }
//! ```

#![warn(missing_docs)]

pub mod api;
pub mod auth;
pub mod error;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use redflag_store::Store;

use crate::error::ApiError;

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Longest a request may take before the server answers 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Arc<Store>,
}

/// The routes, with authentication, limits and timeouts.
pub fn router(store: Arc<Store>) -> Router {
    let state = AppState { store };
    let v1 = Router::new()
        .route("/people", get(api::people))
        .route("/people/{person_id}", get(api::person))
        .route("/networks", get(api::networks))
        .route("/cases", get(api::cases))
        .route("/cases/{case_id}", get(api::case).patch(api::change_case))
        .route("/audit", get(api::audit))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .route("/health", get(health));
    Router::new()
        .nest("/v1", v1)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(timeout))
        .with_state(state)
}

/// Serves the API on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Arc<Store>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(store))
        .with_graceful_shutdown(shutdown)
        .await
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
