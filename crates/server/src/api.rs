//! The `/v1` routes: people, networks, cases and the audit log. Every read of one person's
//! record or one case, and every case change, is written to the audit log before the answer
//! goes out.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::{Extension, Json};
use redflag_model::{Level, Network, PersonResult};
use redflag_store::{
    AuditEntry, Case, CaseChange, CaseEvent, CaseStatus, PersonRow, Principal, Role, Store,
};
use serde::{Deserialize, Serialize};

use crate::auth::require;
use crate::error::ApiError;
use crate::AppState;

/// Most rows one page may hold.
const MAX_PAGE: usize = 1000;

/// Runs a store call off the async threads (SQLite blocks).
async fn blocking<T: Send + 'static>(
    state: &AppState,
    call: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || call(&store))
        .await
        .map_err(|_| {
            ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "the request failed",
            )
        })?
}

/// `limit` and `offset` of a list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleQuery {
    /// Lowest level listed (default `low`).
    pub min_level: Option<String>,
    /// Rows per page (default 100, at most 1000).
    pub limit: Option<usize>,
    /// Rows skipped.
    pub offset: Option<usize>,
}

fn page(limit: Option<usize>) -> Result<usize, ApiError> {
    match limit.unwrap_or(100) {
        0 => Err(ApiError::bad_request("limit must be at least 1")),
        n if n > MAX_PAGE => Err(ApiError::bad_request(format!(
            "limit must be at most {MAX_PAGE}"
        ))),
        n => Ok(n),
    }
}

/// `GET /v1/people`: people at a level or above, highest score first.
pub async fn people(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    query: Result<Query<PeopleQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<PersonRow>>, ApiError> {
    require(&who, Role::Viewer)?;
    let Query(query) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let min_level = match query.min_level.as_deref() {
        None => Level::Low,
        Some(name) => Level::from_name(name).ok_or_else(|| {
            ApiError::bad_request("min_level is one of none, low, medium, high, critical")
        })?,
    };
    let limit = page(query.limit)?;
    let offset = query.offset.unwrap_or(0);
    let rows = blocking(&state, move |s| Ok(s.people(min_level, limit, offset)?)).await?;
    Ok(Json(rows))
}

/// One person's record and their case, if any.
#[derive(Debug, Serialize)]
pub struct PersonPage {
    /// The latest screening result, evidence and all.
    #[serde(flatten)]
    pub result: PersonResult,
    /// The person's case.
    pub case_id: Option<i64>,
}

/// `GET /v1/people/{person_id}`: audited.
pub async fn person(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    Path(person_id): Path<String>,
) -> Result<Json<PersonPage>, ApiError> {
    require(&who, Role::Viewer)?;
    let page = blocking(&state, move |s| {
        let Some(result) = s.person(&person_id)? else {
            return Err(ApiError::not_found("person"));
        };
        s.audit(&who.actor(), "read_person", &person_id)?;
        let case_id = s.case_of_person(&person_id)?;
        Ok(PersonPage { result, case_id })
    })
    .await?;
    Ok(Json(page))
}

/// `GET /v1/networks`.
pub async fn networks(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
) -> Result<Json<Vec<Network>>, ApiError> {
    require(&who, Role::Viewer)?;
    Ok(Json(blocking(&state, |s| Ok(s.networks()?)).await?))
}

/// Filter and page of `GET /v1/cases`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CasesQuery {
    /// Only cases in this status.
    pub status: Option<String>,
    /// Rows per page (default 100, at most 1000).
    pub limit: Option<usize>,
    /// Rows skipped.
    pub offset: Option<usize>,
}

/// `GET /v1/cases`: most recently changed first.
pub async fn cases(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    query: Result<Query<CasesQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<Case>>, ApiError> {
    require(&who, Role::Viewer)?;
    let Query(query) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let status = match query.status.as_deref() {
        None => None,
        Some(name) => Some(CaseStatus::from_name(name).ok_or_else(|| {
            ApiError::bad_request(
                "status is one of open, investigating, escalated, cleared, confirmed",
            )
        })?),
    };
    let limit = page(query.limit)?;
    let offset = query.offset.unwrap_or(0);
    Ok(Json(
        blocking(&state, move |s| Ok(s.cases(status, limit, offset)?)).await?,
    ))
}

/// A case with its history.
#[derive(Debug, Serialize)]
pub struct CasePage {
    /// The case.
    #[serde(flatten)]
    pub case: Case,
    /// Every change, oldest first.
    pub history: Vec<CaseEvent>,
}

/// `GET /v1/cases/{case_id}`: audited.
pub async fn case(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    Path(case_id): Path<i64>,
) -> Result<Json<CasePage>, ApiError> {
    require(&who, Role::Viewer)?;
    let page = blocking(&state, move |s| {
        let Some((case, history)) = s.case(case_id)? else {
            return Err(ApiError::not_found("case"));
        };
        s.audit(&who.actor(), "read_case", &case_id.to_string())?;
        Ok(CasePage { case, history })
    })
    .await?;
    Ok(Json(page))
}

/// `PATCH /v1/cases/{case_id}`: status (with a reason), assignee, comment. Analysts and
/// admins; audited.
pub async fn change_case(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    Path(case_id): Path<i64>,
    body: Result<Json<CaseChange>, JsonRejection>,
) -> Result<Json<Case>, ApiError> {
    require(&who, Role::Analyst)?;
    let Json(change) = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    let case = blocking(&state, move |s| {
        Ok(s.change_case(case_id, &who.actor(), &change)?)
    })
    .await?;
    Ok(Json(case))
}

/// Page of `GET /v1/audit`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Entries per page (default 100, at most 1000).
    pub limit: Option<usize>,
    /// Only entries before this one (the previous page's last `entry_id`).
    pub before: Option<i64>,
}

/// `GET /v1/audit`: newest first. Admins only.
pub async fn audit(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    query: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    require(&who, Role::Admin)?;
    let Query(query) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let limit = page(query.limit)?;
    Ok(Json(
        blocking(&state, move |s| Ok(s.audit_log(limit, query.before)?)).await?,
    ))
}

/// `GET /v1/rules`: the rules screening runs, with their guidance.
pub async fn rules(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
) -> Result<Json<Vec<crate::RuleInfo>>, ApiError> {
    require(&who, Role::Viewer)?;
    Ok(Json(state.rules.as_ref().clone()))
}

/// `GET /metrics`: requests and durations, people per level and cases per status, in the
/// Prometheus text format. Viewers and up (Prometheus sends the key as a bearer token).
pub async fn metrics(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
) -> Result<String, ApiError> {
    require(&who, Role::Viewer)?;
    let totals = blocking(&state, |s| Ok(s.totals()?)).await?;
    let mut extra = String::new();
    extra.push_str("# HELP redflag_people People by level in the latest results.\n");
    extra.push_str("# TYPE redflag_people gauge\n");
    for (level, n) in &totals.people_by_level {
        let level = level.name();
        extra.push_str(&format!("redflag_people{{level=\"{level}\"}} {n}\n"));
    }
    extra.push_str("# HELP redflag_cases Cases by status.\n");
    extra.push_str("# TYPE redflag_cases gauge\n");
    for (status, n) in &totals.cases_by_status {
        let status = status.as_str();
        extra.push_str(&format!("redflag_cases{{status=\"{status}\"}} {n}\n"));
    }
    Ok(state.metrics.render(&extra))
}

/// `GET /v1/people/{person_id}/ocsf`: the person's OCSF Detection Finding, for a SIEM
/// (viewer; audited as a read of the person). 404 below `low`: no finding.
pub async fn person_ocsf(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    Path(person_id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    require(&who, Role::Viewer)?;
    let finding = blocking(&state, move |s| {
        let Some(result) = s.person(&person_id)? else {
            return Err(ApiError::not_found("person"));
        };
        let screened_at = s
            .people_screened_at(&person_id)?
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
        let shell = redflag_model::Report {
            redflag_version: redflag_model::REDFLAG_VERSION.to_string(),
            dataset: "redflag store".to_string(),
            generated_at: screened_at,
            people: Vec::new(),
            networks: Vec::new(),
            summary: redflag_model::Summary::default(),
        };
        let finding = redflag_report::ocsf::finding(&shell, &result)
            .ok_or_else(|| ApiError::not_found("finding: the person is at level none"))?;
        s.audit(&who.actor(), "read_person", &person_id)?;
        Ok(finding)
    })
    .await?;
    Ok(Json(finding))
}

/// `GET /v1/webhooks`: registered endpoints, without their secrets (admin).
pub async fn webhooks(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
) -> Result<Json<Vec<redflag_store::Webhook>>, ApiError> {
    require(&who, Role::Admin)?;
    Ok(Json(blocking(&state, |s| Ok(s.webhooks()?)).await?))
}

/// Body of `POST /v1/webhooks`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewWebhook {
    /// Where case messages go (`https://` or `http://`).
    pub url: String,
}

/// A registered endpoint and its signing secret (shown once).
#[derive(Debug, Serialize)]
pub struct WebhookCreated {
    /// The endpoint.
    #[serde(flatten)]
    pub webhook: redflag_store::Webhook,
    /// HMAC-SHA256 key for `X-Redflag-Signature` (over `<X-Redflag-Timestamp>.<body>`).
    pub secret: String,
}

/// `POST /v1/webhooks`: registers an endpoint for case messages (admin; audited).
pub async fn add_webhook(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    body: Result<Json<NewWebhook>, JsonRejection>,
) -> Result<Json<WebhookCreated>, ApiError> {
    require(&who, Role::Admin)?;
    let Json(new) = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    let created = blocking(&state, move |s| {
        let (webhook, secret) = s.add_webhook(&new.url)?;
        s.audit(&who.actor(), "add_webhook", &webhook.webhook_id.to_string())?;
        Ok(WebhookCreated { webhook, secret })
    })
    .await?;
    Ok(Json(created))
}

/// A new signing secret (shown once).
#[derive(Debug, Serialize)]
pub struct WebhookSecret {
    /// The endpoint.
    pub webhook_id: i64,
    /// HMAC-SHA256 key for `X-Redflag-Signature` from now on.
    pub secret: String,
}

/// `POST /v1/webhooks/{webhook_id}/secret`: replaces an endpoint's signing secret (admin;
/// audited).
pub async fn rotate_webhook_secret(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    Path(webhook_id): Path<i64>,
) -> Result<Json<WebhookSecret>, ApiError> {
    require(&who, Role::Admin)?;
    let secret = blocking(&state, move |s| {
        let secret = s.rotate_webhook_secret(webhook_id)?;
        s.audit(
            &who.actor(),
            "rotate_webhook_secret",
            &webhook_id.to_string(),
        )?;
        Ok(secret)
    })
    .await?;
    Ok(Json(WebhookSecret { webhook_id, secret }))
}

/// What `DELETE /v1/webhooks/{webhook_id}` did.
#[derive(Debug, Serialize)]
pub struct WebhookDisabled {
    /// The endpoint.
    pub webhook_id: i64,
    /// Always true: it gets no more messages.
    pub disabled: bool,
}

/// `DELETE /v1/webhooks/{webhook_id}`: disables an endpoint; its delivery log stays (admin;
/// audited).
pub async fn disable_webhook(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    Path(webhook_id): Path<i64>,
) -> Result<Json<WebhookDisabled>, ApiError> {
    require(&who, Role::Admin)?;
    blocking(&state, move |s| {
        s.disable_webhook(webhook_id)?;
        s.audit(&who.actor(), "disable_webhook", &webhook_id.to_string())?;
        Ok(())
    })
    .await?;
    Ok(Json(WebhookDisabled {
        webhook_id,
        disabled: true,
    }))
}

/// `GET /v1/webhooks/{webhook_id}/deliveries`: the delivery log, newest first (admin).
pub async fn deliveries(
    State(state): State<AppState>,
    Extension(who): Extension<Principal>,
    Path(webhook_id): Path<i64>,
) -> Result<Json<Vec<redflag_store::DeliveryLog>>, ApiError> {
    require(&who, Role::Admin)?;
    Ok(Json(
        blocking(&state, move |s| Ok(s.deliveries(webhook_id, 200)?)).await?,
    ))
}
