//! Errors as HTTP responses: a status and a JSON body `{"error": "..."}` that never echoes
//! the request back.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use redflag_store::StoreError;

/// An error answered to the client.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    /// An error with a status and a message for the client.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// 401: no key, or a key the store does not know.
    pub fn unauthenticated() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "an API key is needed: Authorization: Bearer <key>",
        )
    }

    /// 403: the key's role may not do this.
    pub fn forbidden(needed: &str) -> Self {
        ApiError::new(
            StatusCode::FORBIDDEN,
            format!("this needs the {needed} role"),
        )
    }

    /// 404.
    pub fn not_found(what: &str) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, format!("no such {what}"))
    }

    /// 400.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Invalid(message) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
            }
            StoreError::NotFound(what) => {
                ApiError::new(StatusCode::NOT_FOUND, format!("not found: {what}"))
            }
            // Store internals are not the client's business. The log gets SQLite's or
            // PostgreSQL's message (tables and constraints, never values) but not serde's,
            // which can quote the stored record.
            StoreError::Json(_) => internal("a stored record could not be read"),
            other @ (StoreError::Sqlite(_)
            | StoreError::Postgres(_)
            | StoreError::TooNew { .. }) => internal(&other.to_string()),
        }
    }
}

/// A 500, with what went wrong in the server's log only.
fn internal(log: &str) -> ApiError {
    eprintln!("redflag serve: {log}");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the store failed; see the server log",
    )
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message });
        (self.status, Json(body)).into_response()
    }
}
