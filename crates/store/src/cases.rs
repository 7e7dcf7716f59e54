//! Cases: opened when a person reaches the organisation's threshold, worked by analysts, with
//! every change kept as an event.

use redflag_model::{Level, PersonResult};
use serde::{Deserialize, Serialize};

use crate::db::{params, Row, Sql, Tx};
use crate::digest::{hex, sha256};
use crate::results::parse_level;
use crate::{now, Result, Store, StoreError};

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseStatus {
    /// Opened, nobody on it yet.
    Open,
    /// An analyst is looking.
    Investigating,
    /// Handed to security, legal or law enforcement.
    Escalated,
    /// Looked at and found benign.
    Cleared,
    /// Looked at and found to be what the evidence says.
    Confirmed,
}

impl CaseStatus {
    /// Every status, in the order a case usually moves.
    pub const ALL: [CaseStatus; 5] = [
        CaseStatus::Open,
        CaseStatus::Investigating,
        CaseStatus::Escalated,
        CaseStatus::Cleared,
        CaseStatus::Confirmed,
    ];

    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
            CaseStatus::Investigating => "investigating",
            CaseStatus::Escalated => "escalated",
            CaseStatus::Cleared => "cleared",
            CaseStatus::Confirmed => "confirmed",
        }
    }

    /// The status of a lowercase name.
    pub fn from_name(name: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether an analyst has closed the case (cleared or confirmed).
    pub fn is_closed(self) -> bool {
        matches!(self, CaseStatus::Cleared | CaseStatus::Confirmed)
    }
}

/// A case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    /// Id.
    pub case_id: i64,
    /// The person it is about.
    pub person_id: String,
    /// Where it stands.
    pub status: CaseStatus,
    /// Who works it.
    pub assignee: Option<String>,
    /// The person's level when the evidence last changed.
    pub level: Level,
    /// Their score then.
    pub score: u8,
    /// When it was opened.
    pub opened_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// One change to a case, as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseEvent {
    /// Position in the history.
    pub event_id: i64,
    /// When.
    pub at: String,
    /// Who (`system` for changes the evidence made).
    pub actor: String,
    /// `opened`, `reopened`, `evidence_updated`, `status_changed`, `assigned`, `commented`.
    pub action: String,
    /// The status after the change, when it set one.
    pub status: Option<CaseStatus>,
    /// The assignee after the change, when it set one.
    pub assignee: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// An analyst's note.
    pub comment: Option<String>,
}

/// What an analyst changes: any of status (with a reason), assignee, and a comment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseChange {
    /// New status; needs a reason.
    pub status: Option<CaseStatus>,
    /// New assignee (an empty string unassigns).
    pub assignee: Option<String>,
    /// Why the status changes.
    pub reason: Option<String>,
    /// A note for the history.
    pub comment: Option<String>,
}

/// What a new result did to the person's case.
pub(crate) enum CaseOutcome {
    Opened,
    Reopened,
    Updated,
    Unchanged,
}

/// A fingerprint of the evidence (indicators and details), to tell new evidence from a
/// re-run that found the same.
fn evidence_key(person: &PersonResult) -> String {
    let mut parts: Vec<String> = person
        .evidence
        .iter()
        .map(|e| format!("{}\u{1f}{}", e.indicator, e.detail))
        .collect();
    parts.sort();
    hex(&sha256(&parts.join("\u{1e}")))
}

/// Opens, re-opens or updates the case of `person` after a new result, in `tx`.
pub(crate) fn on_result(
    tx: &mut Tx<'_>,
    person: &PersonResult,
    threshold: Level,
    actor: &str,
) -> Result<CaseOutcome> {
    let key = evidence_key(person);
    let existing: Option<(i64, String, String)> = tx.query_opt(
        "SELECT case_id, status, evidence_key FROM cases WHERE person_id = ?1",
        params![person.person.person_id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    let at = now();
    let summary = format!("{} (score {})", person.level, person.score);
    match existing {
        None if person.level >= threshold => {
            let case_id: i64 = tx.query_one(
                "INSERT INTO cases (person_id, status, level, score, evidence_key, opened_at, updated_at)
                 VALUES (?1, 'open', ?2, ?3, ?4, ?5, ?5) RETURNING case_id",
                params![person.person.person_id, person.level.name(), person.score, key, at],
                |row| row.get(0),
            )?;
            event(
                tx,
                case_id,
                actor,
                "opened",
                Some(CaseStatus::Open),
                None,
                Some(&format!("reached {summary}")),
                None,
            )?;
            Ok(CaseOutcome::Opened)
        }
        None => Ok(CaseOutcome::Unchanged),
        Some((_, _, old)) if old == key => Ok(CaseOutcome::Unchanged),
        Some((case_id, status, _)) => {
            let status = parse_status(&status)?;
            let reopen = status.is_closed() && person.level >= threshold;
            tx.execute(
                "UPDATE cases SET level = ?2, score = ?3, evidence_key = ?4, updated_at = ?5,
                   status = CASE WHEN ?6 THEN 'open' ELSE status END
                 WHERE case_id = ?1",
                params![case_id, person.level.name(), person.score, key, at, reopen],
            )?;
            let reason = format!("new evidence: now {summary}");
            if reopen {
                event(
                    tx,
                    case_id,
                    actor,
                    "reopened",
                    Some(CaseStatus::Open),
                    None,
                    Some(&reason),
                    None,
                )?;
                Ok(CaseOutcome::Reopened)
            } else {
                event(
                    tx,
                    case_id,
                    actor,
                    "evidence_updated",
                    None,
                    None,
                    Some(&reason),
                    None,
                )?;
                Ok(CaseOutcome::Updated)
            }
        }
    }
}

/// Appends an event to a case's history.
#[allow(clippy::too_many_arguments)]
fn event(
    tx: &mut Tx<'_>,
    case_id: i64,
    actor: &str,
    action: &str,
    status: Option<CaseStatus>,
    assignee: Option<&str>,
    reason: Option<&str>,
    comment: Option<&str>,
) -> Result<()> {
    let at = now();
    tx.execute(
        "INSERT INTO case_events (case_id, at, actor, action, status, assignee, reason, comment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            case_id,
            at,
            actor,
            action,
            status.map(CaseStatus::as_str),
            assignee,
            reason,
            comment
        ],
    )?;
    // The case as it now stands, for the webhooks (queued in this same transaction).
    let case: (String, String, Option<String>, String, i64) = tx.query_one(
        "SELECT person_id, status, assignee, level, score FROM cases WHERE case_id = ?1",
        params![case_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let kind = format!("case.{action}");
    let payload = serde_json::json!({
        "type": kind,
        "case": {
            "case_id": case_id, "person_id": case.0, "status": case.1,
            "assignee": case.2, "level": case.3, "score": case.4,
        },
        "event": {
            "at": at, "actor": actor, "action": action,
            "status": status.map(CaseStatus::as_str), "assignee": assignee,
            "reason": reason, "comment": comment,
        },
    });
    crate::webhooks::enqueue(tx, &kind, &payload)
}

fn case_of(row: &Row<'_>) -> Result<(Case, String, String)> {
    Ok((
        Case {
            case_id: row.get(0)?,
            person_id: row.get(1)?,
            status: CaseStatus::Open,
            assignee: row.get(3)?,
            level: Level::None,
            score: row.get(5)?,
            opened_at: row.get(6)?,
            updated_at: row.get(7)?,
        },
        row.get(2)?,
        row.get(4)?,
    ))
}

/// A status stored by this crate.
fn parse_status(name: &str) -> Result<CaseStatus> {
    CaseStatus::from_name(name)
        .ok_or_else(|| StoreError::Invalid(format!("stored case status {name:?}")))
}

fn finish((mut case, status, level): (Case, String, String)) -> Result<Case> {
    case.status = parse_status(&status)?;
    case.level = parse_level(&level)?;
    Ok(case)
}

const CASE_COLUMNS: &str =
    "case_id, person_id, status, assignee, level, score, opened_at, updated_at";

impl Store {
    /// Cases, most recently changed first, optionally only those in `status`.
    pub fn cases(
        &self,
        status: Option<CaseStatus>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<Case>> {
        let rows = self.conn()?.query(
            &format!(
                "SELECT {CASE_COLUMNS} FROM cases WHERE CAST(?1 AS TEXT) IS NULL OR status = ?1
                 ORDER BY updated_at DESC, case_id DESC LIMIT ?2 OFFSET ?3"
            ),
            params![status.map(CaseStatus::as_str), limit as i64, offset as i64],
            case_of,
        )?;
        rows.into_iter().map(finish).collect()
    }

    /// One case and its history, oldest event first.
    pub fn case(&self, case_id: i64) -> Result<Option<(Case, Vec<CaseEvent>)>> {
        let mut conn = self.conn()?;
        let case = conn.query_opt(
            &format!("SELECT {CASE_COLUMNS} FROM cases WHERE case_id = ?1"),
            params![case_id],
            case_of,
        )?;
        let Some(case) = case else {
            return Ok(None);
        };
        let case = finish(case)?;
        let events = conn.query(
            "SELECT event_id, at, actor, action, status, assignee, reason, comment
             FROM case_events WHERE case_id = ?1 ORDER BY event_id",
            params![case_id],
            |row| {
                Ok(CaseEvent {
                    event_id: row.get(0)?,
                    at: row.get(1)?,
                    actor: row.get(2)?,
                    action: row.get(3)?,
                    status: row
                        .get::<Option<String>>(4)?
                        .and_then(|s| CaseStatus::from_name(&s)),
                    assignee: row.get(5)?,
                    reason: row.get(6)?,
                    comment: row.get(7)?,
                })
            },
        )?;
        Ok(Some((case, events)))
    }

    /// Applies an analyst's change to a case, in one transaction with its history and the
    /// audit log. A status change needs a reason; a change must change something.
    pub fn change_case(&self, case_id: i64, actor: &str, change: &CaseChange) -> Result<Case> {
        let reason = change
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        let comment = change
            .comment
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        if change.status.is_some() && reason.is_none() {
            return Err(StoreError::Invalid("a status change needs a reason".into()));
        }
        if change.status.is_none() && change.assignee.is_none() && comment.is_none() {
            return Err(StoreError::Invalid(
                "nothing to change: give a status (with a reason), an assignee or a comment".into(),
            ));
        }
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        let exists: Option<i64> = tx.query_opt(
            "SELECT case_id FROM cases WHERE case_id = ?1",
            params![case_id],
            |r| r.get(0),
        )?;
        if exists.is_none() {
            return Err(StoreError::NotFound(format!("case {case_id}")));
        }
        let at = now();
        if let Some(status) = change.status {
            tx.execute(
                "UPDATE cases SET status = ?2, updated_at = ?3 WHERE case_id = ?1",
                params![case_id, status.as_str(), at],
            )?;
            event(
                &mut tx,
                case_id,
                actor,
                "status_changed",
                Some(status),
                None,
                reason,
                None,
            )?;
        }
        if let Some(assignee) = &change.assignee {
            let assignee = Some(assignee.trim()).filter(|a| !a.is_empty());
            tx.execute(
                "UPDATE cases SET assignee = ?2, updated_at = ?3 WHERE case_id = ?1",
                params![case_id, assignee, at],
            )?;
            event(
                &mut tx,
                case_id,
                actor,
                "assigned",
                None,
                Some(assignee.unwrap_or("")),
                None,
                None,
            )?;
        }
        if let Some(comment) = comment {
            tx.execute(
                "UPDATE cases SET updated_at = ?2 WHERE case_id = ?1",
                params![case_id, at],
            )?;
            event(
                &mut tx,
                case_id,
                actor,
                "commented",
                None,
                None,
                None,
                Some(comment),
            )?;
        }
        crate::audit::append(&mut tx, actor, "change_case", &case_id.to_string())?;
        tx.commit()?;
        drop(conn);
        self.case(case_id)?
            .map(|(case, _)| case)
            .ok_or_else(|| StoreError::NotFound(format!("case {case_id}")))
    }

    /// The case of a person, if there is one.
    pub fn case_of_person(&self, person_id: &str) -> Result<Option<i64>> {
        self.conn()?.query_opt(
            "SELECT case_id FROM cases WHERE person_id = ?1",
            params![person_id],
            |r| r.get(0),
        )
    }
}
