//! Who is asking: the API key in `Authorization: Bearer <key>`, checked against the store,
//! and the role each route needs.

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::Response;
use redflag_store::{Principal, Role};

use crate::error::ApiError;
use crate::AppState;

/// Middleware: finds the principal of the request's key and puts it in the request's
/// extensions, or answers 401.
pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let secret = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|s| s.trim().to_string())
        .ok_or_else(ApiError::unauthenticated)?;
    // A key checked within the last second is known without the database (and without a
    // blocking thread); others are looked up off the async threads.
    let principal = match state.store.authenticate_cached(&secret) {
        Some(principal) => principal,
        None => {
            let store = state.store.clone();
            tokio::task::spawn_blocking(move || store.authenticate(&secret))
                .await
                .map_err(|_| ApiError::unauthenticated())??
                .ok_or_else(ApiError::unauthenticated)?
        }
    };
    request.extensions_mut().insert(principal);
    Ok(next.run(request).await)
}

/// Checks that `principal` has at least `role`.
pub fn require(principal: &Principal, role: Role) -> Result<(), ApiError> {
    if principal.role >= role {
        Ok(())
    } else {
        Err(ApiError::forbidden(role.as_str()))
    }
}
