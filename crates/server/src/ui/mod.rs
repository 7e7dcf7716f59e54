//! The analyst web UI, server-rendered and embedded: sign in with an API key, the case queue,
//! people, a person's page with evidence, sources and case history, and the case form.
//!
//! Sessions are a random token in an `HttpOnly`, `SameSite=Strict` cookie (kept as a digest);
//! every form carries the session's CSRF token, checked before anything changes. Pages send
//! a strict Content-Security-Policy (no scripts at all, styles from `/ui/style.css` only),
//! `X-Frame-Options: DENY` and `Referrer-Policy: no-referrer`; every value from data is
//! escaped. Opening a person's page is audited like the API's read.

mod html;
mod pages;

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, COOKIE, REFERRER_POLICY, SET_COOKIE,
    X_FRAME_OPTIONS,
};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use redflag_store::{CaseChange, CaseStatus, Role, Session, Store};
use serde::Deserialize;

use crate::AppState;

/// Name of the session cookie.
const COOKIE_NAME: &str = "rf_session";

/// The UI's routes, under `/ui`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/ui", get(|| async { Redirect::to("/ui/cases") }))
        .route("/ui/style.css", get(style))
        .route("/ui/login", get(login_form).post(login))
        .route("/ui/logout", post(logout))
        .route("/ui/cases", get(cases))
        .route("/ui/people", get(people))
        .route("/ui/people/{person_id}", get(person))
        .route("/ui/cases/{case_id}", post(change_case))
        .route("/ui/networks", get(networks))
        .route("/ui/networks/{network}", get(network))
        .route("/ui/search", get(search))
}

/// An HTML answer with the UI's security headers.
fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn style() -> Response {
    ([(CONTENT_TYPE, "text/css; charset=utf-8")], html::STYLE).into_response()
}

/// The session token of the request's cookie.
fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.to_string())
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Runs a store call off the async threads.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    call: impl FnOnce(&Store) -> Result<T, redflag_store::StoreError> + Send + 'static,
) -> Result<T, Response> {
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || call(&store)).await {
        Ok(Ok(value)) => Ok(value),
        _ => Err(html(
            StatusCode::INTERNAL_SERVER_ERROR,
            html::page(
                "Error",
                "<p class=\"error\">The store failed; see the server log.</p>",
                None,
            ),
        )),
    }
}

/// The signed-in session of a request; without one, the answer is the sign-in page.
pub struct SignedIn(Session);

impl SignedIn {
    async fn from_headers(state: &AppState, headers: &HeaderMap) -> Result<SignedIn, Response> {
        session(state, headers).await.map(SignedIn)
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        SignedIn::from_headers(state, &parts.headers).await
    }
}

/// The request's session, or a redirect to the sign-in page.
async fn session(state: &AppState, headers: &HeaderMap) -> Result<Session, Response> {
    let Some(token) = cookie_token(headers) else {
        return Err(Redirect::to("/ui/login").into_response());
    };
    blocking(state, move |s| s.session(&token))
        .await?
        .ok_or_else(|| Redirect::to("/ui/login").into_response())
}

/// A page of `session`'s, or the error answer `body` already is.
fn render(session: &Session, title: &str, body: Result<String, Response>) -> Response {
    match body {
        Ok(body) => html(
            StatusCode::OK,
            html::page(title, &body, Some(signed_in(session))),
        ),
        Err(response) => response,
    }
}

/// Whether a form's CSRF token is the session's, compared without stopping at the first
/// difference (the tokens are of fixed length, so only a length mismatch returns early).
fn csrf_ok(session: &Session, sent: &str) -> bool {
    let (ours, theirs) = (session.csrf.as_bytes(), sent.as_bytes());
    ours.len() == theirs.len()
        && ours
            .iter()
            .zip(theirs)
            .fold(0u8, |differs, (a, b)| differs | (a ^ b))
            == 0
}

fn signed_in(session: &Session) -> (&str, &str, &str) {
    (
        session.principal.name.as_str(),
        session.principal.role.as_str(),
        session.csrf.as_str(),
    )
}

async fn login_form() -> Response {
    html(
        StatusCode::OK,
        html::page("Sign in", &pages::login(None), None),
    )
}

/// The sign-in form.
#[derive(Deserialize)]
struct LoginForm {
    key: String,
}

async fn login(State(state): State<AppState>, Form(form): Form<LoginForm>) -> Response {
    let key = form.key.trim().to_string();
    let started = blocking(&state, move |s| {
        let Some(principal) = s.authenticate(&key)? else {
            return Ok(None);
        };
        s.audit(&principal.actor(), "sign_in", "ui")?;
        s.create_session(&principal).map(Some)
    })
    .await;
    match started {
        Err(response) => response,
        Ok(None) => html(
            StatusCode::UNAUTHORIZED,
            html::page(
                "Sign in",
                &pages::login(Some("That key is not valid.")),
                None,
            ),
        ),
        Ok(Some((token, _))) => {
            let mut response = Redirect::to("/ui/cases").into_response();
            let cookie = format!(
                "{COOKIE_NAME}={token}; Path=/ui; HttpOnly; SameSite=Strict; Max-Age={}{}",
                redflag_store::SESSION_HOURS * 3600,
                if state.secure_cookies { "; Secure" } else { "" }
            );
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(SET_COOKIE, value);
            }
            response
        }
    }
}

/// A form that only carries the CSRF token.
#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    let SignedIn(session) = match SignedIn::from_headers(&state, &headers).await {
        Ok(s) => s,
        Err(response) => return response,
    };
    if !csrf_ok(&session, &form.csrf) {
        return forbidden("The form is out of date; reload the page and try again.");
    }
    if let Some(token) = cookie_token(&headers) {
        let _ = blocking(&state, move |s| s.end_session(&token)).await;
    }
    let mut response = Redirect::to("/ui/login").into_response();
    response.headers_mut().insert(
        SET_COOKIE,
        HeaderValue::from_static("rf_session=; Path=/ui; HttpOnly; SameSite=Strict; Max-Age=0"),
    );
    response
}

fn forbidden(message: &str) -> Response {
    html(
        StatusCode::FORBIDDEN,
        html::page(
            "Not allowed",
            &format!("<p class=\"error\">{}</p>", html::escape(message)),
            None,
        ),
    )
}

/// `?status=` of the case queue.
#[derive(Deserialize)]
struct QueueQuery {
    status: Option<String>,
}

async fn cases(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Query(query): Query<QueueQuery>,
) -> Response {
    let status = query.status.as_deref().and_then(CaseStatus::from_name);
    let listed = blocking(&state, move |s| {
        let cases = s.cases(status, 500, 0)?;
        let names = cases
            .iter()
            .map(|c| s.full_name(&c.person_id))
            .collect::<Result<Vec<_>, redflag_store::StoreError>>()?;
        Ok(cases.into_iter().zip(names).collect::<Vec<_>>())
    })
    .await;
    render(
        &session,
        "Cases",
        listed.map(|rows| pages::queue(&rows, status)),
    )
}

async fn people(State(state): State<AppState>, SignedIn(session): SignedIn) -> Response {
    render(
        &session,
        "People",
        blocking(&state, |s| s.people(redflag_model::Level::Medium, 500, 0))
            .await
            .map(|rows| pages::people(&rows)),
    )
}

async fn person(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(person_id): Path<String>,
) -> Response {
    let actor = session.principal.actor();
    let found = blocking(&state, move |s| {
        let Some(result) = s.person(&person_id)? else {
            return Ok(None);
        };
        s.audit(&actor, "read_person", &person_id)?;
        let case = match s.case_of_person(&person_id)? {
            Some(id) => s.case(id)?,
            None => None,
        };
        Ok(Some((result, case)))
    })
    .await;
    match found {
        Err(response) => response,
        Ok(None) => html(
            StatusCode::NOT_FOUND,
            html::page(
                "Not found",
                "<p>No such person.</p>",
                Some(signed_in(&session)),
            ),
        ),
        Ok(Some((result, case))) => {
            let can_change = session.principal.role >= Role::Analyst;
            let body = pages::person(
                &result,
                case.as_ref(),
                can_change.then_some(session.csrf.as_str()),
            );
            html(
                StatusCode::OK,
                html::page(&result.person.full_name, &body, Some(signed_in(&session))),
            )
        }
    }
}

/// The case form.
#[derive(Deserialize)]
struct CaseForm {
    csrf: String,
    person_id: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    assignee: String,
    #[serde(default)]
    comment: String,
}

async fn change_case(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(case_id): Path<i64>,
    Form(form): Form<CaseForm>,
) -> Response {
    if !csrf_ok(&session, &form.csrf) {
        return forbidden("The form is out of date; reload the page and try again.");
    }
    if session.principal.role < Role::Analyst {
        return forbidden("Changing a case needs the analyst role.");
    }
    let change = CaseChange {
        status: CaseStatus::from_name(form.status.trim()),
        reason: Some(form.reason),
        assignee: Some(form.assignee).filter(|a| !a.trim().is_empty()),
        comment: Some(form.comment),
    };
    let actor = session.principal.actor();
    let store = state.store.clone();
    let outcome =
        tokio::task::spawn_blocking(move || store.change_case(case_id, &actor, &change)).await;
    let back = format!("/ui/people/{}", html::segment(&form.person_id));
    match outcome {
        Ok(Ok(_)) => Redirect::to(&back).into_response(),
        Ok(Err(redflag_store::StoreError::Invalid(message))) => html(
            StatusCode::UNPROCESSABLE_ENTITY,
            html::page(
                "Case not changed",
                &format!(
                    "<p class=\"error\">{}</p><p><a href=\"{}\">Back</a></p>",
                    html::escape(&message),
                    html::escape(&back)
                ),
                Some(signed_in(&session)),
            ),
        ),
        _ => html(
            StatusCode::NOT_FOUND,
            html::page(
                "Not found",
                "<p>No such case.</p>",
                Some(signed_in(&session)),
            ),
        ),
    }
}

async fn networks(State(state): State<AppState>, SignedIn(session): SignedIn) -> Response {
    let list = blocking(&state, |s| s.networks()).await;
    render(
        &session,
        "Networks",
        list.map(|list| pages::networks(&list)),
    )
}

async fn network(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
) -> Response {
    let found = blocking(&state, move |s| {
        Ok(s.networks()?.into_iter().find(|n| n.network == id))
    })
    .await;
    match found {
        Ok(Some(n)) => html(
            StatusCode::OK,
            html::page(
                &format!("Network {}", n.network),
                &pages::network(&n),
                Some(signed_in(&session)),
            ),
        ),
        Ok(None) => html(
            StatusCode::NOT_FOUND,
            html::page(
                "Not found",
                "<p>No such network.</p>",
                Some(signed_in(&session)),
            ),
        ),
        Err(response) => response,
    }
}

/// `?q=` of the search page.
#[derive(Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

async fn search(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Query(query): Query<SearchQuery>,
) -> Response {
    let q = query.q.chars().take(200).collect::<String>();
    let rows = if q.trim().is_empty() {
        Ok(Vec::new())
    } else {
        let needle = q.clone();
        blocking(&state, move |s| s.search_people(&needle, 100)).await
    };
    render(
        &session,
        "Search",
        rows.map(|rows| pages::search(&q, &rows)),
    )
}
