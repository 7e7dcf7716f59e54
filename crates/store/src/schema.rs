//! The tables, created by numbered migrations applied in order, the same on SQLite and
//! PostgreSQL.
//!
//! A migration is one body of DDL for both databases, written for SQLite and translated word
//! for word for PostgreSQL ([`crate::db::ddl`]), plus what each database writes its own way
//! (the append-only triggers). SQLite keeps the version in `PRAGMA user_version`, so files
//! written by an older redflag open unchanged; PostgreSQL in the one-row table
//! `redflag_schema`, in the schema the connection works in (its `search_path`).

use crate::db::{self, Conn, Lock, Sql};
use crate::{Result, StoreError};

/// One step of the schema.
struct Migration {
    /// DDL for both databases, as SQLite takes it.
    common: &'static str,
    /// Statements for SQLite only.
    sqlite: &'static str,
    /// Statements for PostgreSQL only.
    postgres: &'static str,
}

/// Migrations, oldest first; `MIGRATIONS[i]` brings the schema from version `i` to `i + 1`.
/// Never edit one that has shipped: add the next.
const MIGRATIONS: &[Migration] = &[
    // 1: results, networks, cases with their events, the audit log, API keys.
    Migration {
        common: "
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
        CREATE TABLE audit_log (
            entry_id INTEGER PRIMARY KEY,
            at       TEXT NOT NULL,
            actor    TEXT NOT NULL,
            action   TEXT NOT NULL,
            subject  TEXT NOT NULL
        );
        CREATE TABLE api_keys (
            key_id     INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            role       TEXT NOT NULL,
            digest     BLOB NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        );
        ",
        sqlite: "
        CREATE TRIGGER case_events_append_only_u BEFORE UPDATE ON case_events
            BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;
        CREATE TRIGGER case_events_append_only_d BEFORE DELETE ON case_events
            BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;
        CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        ",
        postgres: "
        CREATE FUNCTION redflag_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END
        $$;
        CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
            FOR EACH ROW EXECUTE FUNCTION redflag_append_only('case events are append-only');
        CREATE TRIGGER case_events_append_only_t BEFORE TRUNCATE ON case_events
            FOR EACH STATEMENT EXECUTE FUNCTION redflag_append_only('case events are append-only');
        CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION redflag_append_only('the audit log is append-only');
        CREATE TRIGGER audit_append_only_t BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION redflag_append_only('the audit log is append-only');
        ",
    },
    // 2: web UI sessions.
    Migration {
        common: "
        CREATE TABLE sessions (
            digest     BLOB PRIMARY KEY,
            key_id     INTEGER NOT NULL REFERENCES api_keys (key_id),
            csrf       TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        ",
        sqlite: "",
        postgres: "",
    },
    // 3: outgoing webhooks, their outbox and every delivery attempt.
    Migration {
        common: "
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
        sqlite: "",
        postgres: "",
    },
    // 4: rows ingested over the API, by table, idempotent by id or content.
    Migration {
        common: "
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
        sqlite: "",
        postgres: "",
    },
];

/// The newest schema version this build knows.
pub(crate) const VERSION: i64 = MIGRATIONS.len() as i64;

/// The tables every version of the schema has, for [`crate::Store::integrity_ok`] on
/// PostgreSQL.
pub(crate) const TABLES: &[&str] = &[
    "results",
    "networks",
    "cases",
    "case_events",
    "audit_log",
    "api_keys",
    "sessions",
    "webhooks",
    "outbox",
    "delivery_attempts",
    "ingested",
];

/// Brings the schema of `conn` up to the newest version, each migration in a transaction of
/// its own.
pub(crate) fn migrate(conn: &mut Conn) -> Result<()> {
    match conn {
        Conn::Sqlite(sqlite) => migrate_sqlite(sqlite),
        Conn::Postgres(_) => migrate_postgres(conn),
    }
}

fn migrate_sqlite(conn: &rusqlite::Connection) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > VERSION {
        return Err(StoreError::TooNew {
            found,
            known: VERSION,
        });
    }
    for (version, migration) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let next = version as i64 + 1;
        let Migration { common, sqlite, .. } = migration;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {common} {sqlite}; PRAGMA user_version = {next}; COMMIT;"
        ))
        .inspect_err(|_| {
            let _ = conn.execute_batch("ROLLBACK");
        })?;
    }
    Ok(())
}

/// On PostgreSQL every migration takes an advisory lock first, so that servers starting
/// together on one database apply each migration once, in order.
fn migrate_postgres(conn: &mut Conn) -> Result<()> {
    loop {
        let mut tx = conn.writer(Lock::Schema)?;
        tx.batch("CREATE TABLE IF NOT EXISTS redflag_schema (version BIGINT NOT NULL)")?;
        let found: Option<i64> =
            tx.query_opt("SELECT version FROM redflag_schema", db::params![], |r| {
                r.get(0)
            })?;
        let found = match found {
            Some(found) => found,
            None => {
                tx.execute(
                    "INSERT INTO redflag_schema (version) VALUES (0)",
                    db::params![],
                )?;
                0
            }
        };
        if found > VERSION {
            return Err(StoreError::TooNew {
                found,
                known: VERSION,
            });
        }
        let Some(migration) = MIGRATIONS.get(found as usize) else {
            // Up to date.
            return tx.commit();
        };
        tx.batch(&db::ddl(migration.common))?;
        tx.batch(migration.postgres)?;
        tx.execute(
            "UPDATE redflag_schema SET version = ?1",
            db::params![found + 1],
        )?;
        tx.commit()?;
    }
}

/// The version PostgreSQL's schema is at, if it has been created.
pub(crate) fn postgres_version(conn: &mut Conn) -> Result<i64> {
    conn.query_one(
        "SELECT coalesce(max(version), -1) FROM redflag_schema",
        db::params![],
        |r| r.get(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn migrations_apply_once_and_refuse_a_newer_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("redflag.db");
        {
            let mut conn = Conn::sqlite(rusqlite::Connection::open(&path).unwrap());
            migrate(&mut conn).unwrap();
            migrate(&mut conn).unwrap();
            let Conn::Sqlite(sqlite) = &conn else {
                unreachable!()
            };
            let version: i64 = sqlite
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            assert_eq!(version, VERSION);
            sqlite.pragma_update(None, "user_version", 99).unwrap();
        }
        let mut conn = Conn::sqlite(rusqlite::Connection::open(&path).unwrap());
        assert!(matches!(
            migrate(&mut conn),
            Err(StoreError::TooNew { found: 99, .. })
        ));
    }

    #[test]
    fn postgres_migrations_apply_once_and_refuse_a_newer_schema() {
        let Some(db) = testing::postgres("schema::postgres_migrations") else {
            return;
        };
        let store = db.open();
        assert!(store.integrity_ok().unwrap());
        let mut conn = store.conn().unwrap();
        assert_eq!(postgres_version(&mut conn).unwrap(), VERSION);
        migrate(&mut conn).unwrap();
        assert_eq!(postgres_version(&mut conn).unwrap(), VERSION);
        conn.execute("UPDATE redflag_schema SET version = 99", db::params![])
            .unwrap();
        drop(conn);
        drop(store);
        assert!(matches!(
            crate::Store::connect(db.location()),
            Err(StoreError::TooNew { found: 99, .. })
        ));
        // This build has no TLS: a URL that requires it is refused, not sent in the clear.
        assert!(matches!(
            crate::Store::connect(&format!("{}&sslmode=require", db.location())),
            Err(StoreError::Postgres(_))
        ));
        assert!(matches!(
            crate::Store::connect("/var/lib/redflag.db"),
            Err(StoreError::Invalid(_))
        ));
    }
}
