//! The analyst service's store: what screening found, the cases analysts work, who read what,
//! and the API keys that may ask, in one SQLite file ([`Store::open`]) or a PostgreSQL
//! database that several servers share ([`Store::connect`]).
//!
//! - **Ingested rows** ([`ingested`]): the dataset as sent over the API, a batch per
//!   transaction, idempotent by id or content; the server screens from it.
//! - **Results** ([`Store::save_report`]): each person's latest score, level and evidence, and
//!   the persona networks, replaced run by run inside one transaction.
//! - **Cases** ([`cases`]): a person who reaches the organisation's threshold gets a case
//!   automatically; analysts assign, comment and move it between `open`, `investigating`,
//!   `escalated`, `cleared` and `confirmed` with a reason; new evidence re-opens a closed
//!   case or is noted on an open one. Every change is an event, and events are never
//!   rewritten.
//! - **Audit** ([`audit`]): an append-only log of every read of a person's record and every
//!   case action, with who did it.
//! - **Webhooks** ([`webhooks`]): every case event is queued, in its own transaction, for
//!   each registered endpoint, signed with HMAC-SHA256 and retried with backoff.
//! - **API keys** ([`keys`]): random secrets shown once, stored as SHA-256 digests, each with
//!   a role (`viewer`, `analyst`, `admin`); web UI sessions signed in with a key, each with
//!   its CSRF token ([`Store::create_session`]).
//!
//! ```
//! use redflag_store::{Role, Store};
//!
//! let store = Store::open_in_memory().unwrap();
//! let (key, secret) = store.create_api_key("ci", Role::Analyst).unwrap();
//! let who = store.authenticate(&secret).unwrap().unwrap();
//! assert_eq!((who.key_id, who.role), (key, Role::Analyst));
//! assert!(store.authenticate("not-a-key").unwrap().is_none());
//! ```
//!
//! A SQLite database runs in WAL mode with a busy timeout, and migrations are applied in order
//! on open (the version is kept in `PRAGMA user_version`), so a file written by an older
//! redflag opens in a newer one.
//!
//! On PostgreSQL the same migrations and the same queries run (the store's SQL is written
//! once, in what both accept; `db.rs` describes the few words of DDL translated), the schema
//! version is kept in the one-row table `redflag_schema`, and the tables live in the schema
//! of the connection's `search_path` (`?options=-c%20search_path%3Dredflag` in the URL picks
//! one). Several servers may share the database: a report is saved, a batch ingested and a
//! delivery attempt recorded under an advisory lock of its kind, so writers of one kind take
//! turns as they do on SQLite, and everything else is a transaction of its own or a single
//! statement. The client speaks plain TCP (no TLS): connect over loopback or a Unix socket
//! (`postgresql://redflag@%2Fvar%2Frun%2Fpostgresql/redflag`), or through a TLS tunnel.

#![warn(missing_docs)]

pub mod audit;
pub mod cases;
mod db;
mod digest;
pub mod ingested;
pub mod keys;
mod results;
mod schema;
mod sessions;
pub mod testing;
pub mod webhooks;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

use db::{Conn, Sql};

pub use audit::AuditEntry;
pub use cases::{Case, CaseChange, CaseEvent, CaseStatus};
pub use ingested::IngestSummary;
pub use keys::{Principal, Role};
pub use results::{PersonRow, SaveSummary, Totals};
pub use sessions::{Session, SESSION_HOURS};
pub use webhooks::{Delivery, DeliveryLog, Webhook};

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused (a locked, corrupt or read-only file, a constraint).
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL refused, or could not be reached (the message has the server's SQLSTATE
    /// and message, never the values of a row).
    #[error("store: PostgreSQL: {}", db::describe(.0))]
    Postgres(#[from] postgres::Error),
    /// A stored JSON document could not be read back or written.
    #[error("store: stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The database was written by a newer redflag.
    #[error("store: the database is at schema version {found}, newer than this redflag's {known}")]
    TooNew {
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        known: i64,
    },
    /// A request the store cannot carry out (an unknown case, a status change without a
    /// reason).
    #[error("{0}")]
    Invalid(String),
    /// No such record.
    #[error("not found: {0}")]
    NotFound(String),
}

/// Result with [`StoreError`].
pub type Result<T> = std::result::Result<T, StoreError>;

/// The store: one connection (to a SQLite file or a PostgreSQL database), used by one caller
/// at a time.
pub struct Store {
    conn: Mutex<Conn>,
    /// Keys checked in the last [`keys::KEY_CACHE_TTL`], by secret digest.
    checked_keys: Mutex<keys::CheckedKeys>,
}

/// Whether `location` names a PostgreSQL database (`postgres://…` or `postgresql://…`)
/// rather than a SQLite file.
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// A PostgreSQL URL with its password replaced by `***`, for messages.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{path}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

impl Store {
    /// Opens (creating if needed) the database file at `path` and brings its schema up to
    /// date.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        // WAL: readers do not block the writer; NORMAL sync is durable at each commit in
        // WAL mode except for the last transactions before a power cut, never corrupting.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Store::with_sqlite(conn)
    }

    /// A store in memory, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store> {
        Store::with_sqlite(Connection::open_in_memory()?)
    }

    fn with_sqlite(conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Store::with(Conn::sqlite(conn))
    }

    /// Connects to the PostgreSQL database at `url` (`postgres://user:password@host:port/db`,
    /// or `postgresql://`; `?options=-c%20search_path%3Dschema` for a schema of its own) and
    /// brings its schema up to date. The connection is plain TCP, without TLS. A connection
    /// the server closes later is opened again on the next call.
    ///
    /// Its calls block, like SQLite's. The client runs a tokio runtime of its own, so from
    /// async code call the store from `spawn_blocking` or from a task of a multi-threaded
    /// runtime (the store steps off the worker with `block_in_place`), not from a task of a
    /// current-thread runtime, where tokio panics.
    pub fn connect(url: &str) -> Result<Store> {
        if !is_postgres_url(url) {
            return Err(StoreError::Invalid(
                "a PostgreSQL URL starts with postgres:// or postgresql://".into(),
            ));
        }
        let config: postgres::Config = url.parse()?;
        Store::with(Conn::Postgres(Box::new(db::Pg::connect(config)?)))
    }

    fn with(mut conn: Conn) -> Result<Store> {
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
            checked_keys: Mutex::default(),
        })
    }

    /// Whether the store is a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .is_postgres()
    }

    /// Whether the database is sound. SQLite checks the whole file (`PRAGMA
    /// integrity_check`). PostgreSQL guards its own files (WAL, page checks), so there it
    /// checks that the server answers, that the schema is at the version this redflag
    /// knows, and that every table of the store is in it.
    pub fn integrity_ok(&self) -> Result<bool> {
        let mut conn = self.conn()?;
        if conn.is_postgres() {
            if schema::postgres_version(&mut conn)? != schema::VERSION {
                return Ok(false);
            }
            let tables: Vec<String> = conn.query(
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = current_schema()",
                db::params![],
                |row| row.get(0),
            )?;
            return Ok(schema::TABLES
                .iter()
                .all(|t| tables.iter().any(|found| found == t)));
        }
        let verdict: String =
            conn.query_one("PRAGMA integrity_check", db::params![], |row| row.get(0))?;
        Ok(verdict == "ok")
    }

    /// The connection, for one operation; a PostgreSQL connection the server closed is
    /// opened again. A panic while it was held does not poison the store: every operation
    /// is a transaction, rolled back if it did not finish.
    fn conn(&self) -> Result<MutexGuard<'_, Conn>> {
        let mut conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        conn.ready()?;
        Ok(conn)
    }
}

pub(crate) use digest::now;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_files_and_redacted() {
        assert!(is_postgres_url("postgres://u@h/db") && is_postgres_url("postgresql://h/db"));
        assert!(!is_postgres_url("/var/lib/redflag/redflag.db") && !is_postgres_url("pg.db"));
        assert_eq!(
            redact_url("postgresql://redflag:s3cret@127.0.0.1:5432/redflag?options=x"),
            "postgresql://redflag:***@127.0.0.1:5432/redflag?options=x"
        );
        assert_eq!(
            redact_url("postgres://redflag@h/db"),
            "postgres://redflag@h/db"
        );
        assert_eq!(redact_url("postgres://h:5432/db"), "postgres://h:5432/db");
    }

    /// A connection PostgreSQL ends (a restart, an administrator) fails the call that finds
    /// out, and the store connects again for the next one.
    #[test]
    fn a_closed_postgres_connection_is_opened_again() {
        let Some(db) = testing::postgres("lib::a_closed_postgres_connection") else {
            return;
        };
        let store = db.open();
        store.audit("system", "test", "before").unwrap();
        // Several times, as the client learns of the end at different moments: another
        // connection with the same application name (the test's schema) ends the store's;
        // the call that finds out may fail (with the server's FATAL or a reset), the next
        // one works.
        for _ in 0..5 {
            let ended = db::blocking(|| -> std::result::Result<(), postgres::Error> {
                let mut admin = postgres::Client::connect(db.location(), postgres::NoTls)?;
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                     WHERE application_name = current_setting('application_name')
                       AND pid <> pg_backend_pid()",
                    &[],
                )?;
                Ok(())
            });
            ended.unwrap();
            let first = store.audit_log(10, None);
            let next = store.audit_log(10, None).unwrap();
            assert!(first.is_err() || first.as_ref().is_ok_and(|l| l.len() == 1));
            assert_eq!(next.len(), 1);
        }
    }
}
