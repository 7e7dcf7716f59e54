//! The analyst service's store: what screening found, the cases analysts work, who read what,
//! and the API keys that may ask, in one SQLite file.
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
//! The database runs in WAL mode with a busy timeout, and migrations are applied in order
//! on open (the version is kept in `PRAGMA user_version`), so a file written by an older
//! redflag opens in a newer one.

#![warn(missing_docs)]

pub mod audit;
pub mod cases;
mod digest;
pub mod ingested;
pub mod keys;
mod results;
mod schema;
mod sessions;
pub mod webhooks;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

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
    /// A stored JSON document could not be read back or written.
    #[error("store: stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The file was written by a newer redflag.
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

/// The store: one SQLite connection, used by one caller at a time.
pub struct Store {
    conn: Mutex<Connection>,
    /// Keys checked in the last [`keys::KEY_CACHE_TTL`], by secret digest.
    checked_keys: Mutex<keys::CheckedKeys>,
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
        Store::with(conn)
    }

    /// A store in memory, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store> {
        Store::with(Connection::open_in_memory()?)
    }

    fn with(conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        schema::migrate(&conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
            checked_keys: Mutex::default(),
        })
    }

    /// Whether SQLite finds the database file sound (`PRAGMA integrity_check`).
    pub fn integrity_ok(&self) -> Result<bool> {
        let verdict: String = self
            .conn()
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        Ok(verdict == "ok")
    }

    /// The connection, for one operation. A panic while it was held does not poison the
    /// store: every operation is a transaction, rolled back if it did not finish.
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub(crate) use digest::now;
