//! The tables, created by numbered migrations applied in order.

use rusqlite::Connection;

use crate::{Result, StoreError};

/// Migrations, oldest first; `MIGRATIONS[i]` brings the schema from version `i` to `i + 1`.
/// Never edit one that has shipped: add the next.
const MIGRATIONS: &[&str] = &[
    // 1: results, networks, cases with their events, the audit log, API keys.
    "
    CREATE TABLE results (
        person_id   TEXT PRIMARY KEY,
        full_name   TEXT NOT NULL,
        org         TEXT,
        level       TEXT NOT NULL,
        score       INTEGER NOT NULL,
        network     TEXT,
        evidence    INTEGER NOT NULL,
        result_json TEXT NOT NULL,
        screened_at TEXT NOT NULL
    );
    CREATE INDEX results_by_score ON results (score DESC, person_id);
    CREATE TABLE networks (
        network      TEXT PRIMARY KEY,
        level        TEXT NOT NULL,
        network_json TEXT NOT NULL
    );
    CREATE TABLE cases (
        case_id    INTEGER PRIMARY KEY,
        person_id  TEXT NOT NULL UNIQUE,
        status     TEXT NOT NULL,
        assignee   TEXT,
        level      TEXT NOT NULL,
        score      INTEGER NOT NULL,
        evidence_key TEXT NOT NULL,
        opened_at  TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX cases_by_status ON cases (status, updated_at);
    CREATE TABLE case_events (
        event_id  INTEGER PRIMARY KEY,
        case_id   INTEGER NOT NULL REFERENCES cases (case_id),
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        status    TEXT,
        assignee  TEXT,
        reason    TEXT,
        comment   TEXT
    );
    CREATE INDEX case_events_by_case ON case_events (case_id, event_id);
    CREATE TRIGGER case_events_append_only_u BEFORE UPDATE ON case_events
        BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;
    CREATE TRIGGER case_events_append_only_d BEFORE DELETE ON case_events
        BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;
    CREATE TABLE audit_log (
        entry_id INTEGER PRIMARY KEY,
        at       TEXT NOT NULL,
        actor    TEXT NOT NULL,
        action   TEXT NOT NULL,
        subject  TEXT NOT NULL
    );
    CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TABLE api_keys (
        key_id     INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        role       TEXT NOT NULL,
        digest     BLOB NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
    );
    ",
    // 2: web UI sessions.
    "
    CREATE TABLE sessions (
        digest     BLOB PRIMARY KEY,
        key_id     INTEGER NOT NULL REFERENCES api_keys (key_id),
        csrf       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
    );
    ",
    // 3: outgoing webhooks, their outbox and every delivery attempt.
    "
    CREATE TABLE webhooks (
        webhook_id  INTEGER PRIMARY KEY,
        url         TEXT NOT NULL,
        secret      TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        disabled_at TEXT
    );
    CREATE TABLE outbox (
        delivery_id  INTEGER PRIMARY KEY,
        webhook_id   INTEGER NOT NULL REFERENCES webhooks (webhook_id),
        kind         TEXT NOT NULL,
        payload      TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        attempts     INTEGER NOT NULL DEFAULT 0,
        next_at      TEXT NOT NULL,
        delivered_at TEXT,
        failed_at    TEXT,
        last_status  INTEGER,
        last_error   TEXT
    );
    CREATE INDEX outbox_due ON outbox (next_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
    CREATE TABLE delivery_attempts (
        attempt_id  INTEGER PRIMARY KEY,
        delivery_id INTEGER NOT NULL REFERENCES outbox (delivery_id),
        at          TEXT NOT NULL,
        status      INTEGER,
        error       TEXT
    );
    ",
    // 4: rows ingested over the API, by table, idempotent by id or content.
    "
    CREATE TABLE ingested (
        table_name  TEXT NOT NULL,
        row_key     TEXT NOT NULL,
        row_json    TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        ingested_at TEXT NOT NULL,
        PRIMARY KEY (table_name, row_key)
    );
    CREATE INDEX ingested_in_order ON ingested (table_name, seq);
    ",
];

/// Brings the schema of `conn` up to the newest version, each migration in a transaction of
/// its own.
pub(crate) fn migrate(conn: &Connection) -> Result<()> {
    let known = MIGRATIONS.len() as i64;
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    for (version, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let next = version as i64 + 1;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {sql}; PRAGMA user_version = {next}; COMMIT;"
        ))
        .inspect_err(|_| {
            let _ = conn.execute_batch("ROLLBACK");
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once_and_refuse_a_newer_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("redflag.db");
        {
            let conn = Connection::open(&path).unwrap();
            migrate(&conn).unwrap();
            migrate(&conn).unwrap();
            let version: i64 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            assert_eq!(version, MIGRATIONS.len() as i64);
            conn.pragma_update(None, "user_version", 99).unwrap();
        }
        let conn = Connection::open(&path).unwrap();
        assert!(matches!(
            migrate(&conn),
            Err(StoreError::TooNew { found: 99, .. })
        ));
    }
}
