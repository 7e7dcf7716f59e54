//! Databases for tests, on each backend: the store's own tests, the server's and the CLI's
//! run one test body on SQLite and on PostgreSQL.
//!
//! PostgreSQL is used when `REDFLAG_TEST_POSTGRES` holds a URL (`.ci/run` starts a
//! throwaway server on loopback and sets it). Each test gets a schema of its own in that
//! database, created for it and dropped (with everything in it) when it ends. Without the
//! variable, PostgreSQL tests print that they were skipped and pass, unless
//! `REDFLAG_REQUIRE_POSTGRES=1`, when they fail.
//!
//! ```
//! redflag_store::testing::each_backend("doc", |db| {
//!     let store = db.open();
//!     assert!(store.integrity_ok().unwrap());
//! });
//! ```

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::Store;

/// The variable with the URL of the PostgreSQL database tests may create schemas in.
pub const POSTGRES_VAR: &str = "REDFLAG_TEST_POSTGRES";

/// The variable that makes a missing [`POSTGRES_VAR`] a failure (`1`) instead of a skip.
pub const REQUIRE_VAR: &str = "REDFLAG_REQUIRE_POSTGRES";

/// A database for one test: a SQLite file in a temporary folder, or a PostgreSQL schema of
/// its own. Everything in it goes when it is dropped.
pub struct TestDb {
    kind: Kind,
}

enum Kind {
    Sqlite {
        _dir: tempfile::TempDir,
        path: PathBuf,
    },
    Postgres {
        /// The database as configured, to drop the schema.
        admin: String,
        schema: String,
        /// The database with the schema as its `search_path`.
        url: String,
    },
}

impl TestDb {
    /// `"sqlite"` or `"postgres"`.
    pub fn backend(&self) -> &'static str {
        match self.kind {
            Kind::Sqlite { .. } => "sqlite",
            Kind::Postgres { .. } => "postgres",
        }
    }

    /// Where the database is, as `redflag serve --db` takes it: the SQLite file's path, or
    /// the PostgreSQL URL.
    pub fn location(&self) -> &str {
        match &self.kind {
            Kind::Sqlite { path, .. } => path.to_str().unwrap_or_default(),
            Kind::Postgres { url, .. } => url,
        }
    }

    /// Opens a store on the database; every store opened from one `TestDb` sees the same
    /// data (as several processes would). Panics if it cannot, naming the backend.
    pub fn open(&self) -> Store {
        let opened = match &self.kind {
            Kind::Sqlite { path, .. } => Store::open(path),
            Kind::Postgres { url, .. } => Store::connect(url),
        };
        opened.unwrap_or_else(|e| panic!("cannot open the {} test store: {e}", self.backend()))
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Kind::Postgres { admin, schema, .. } = &self.kind {
            // Connections still open on the schema (a test's server) are ended first, so
            // that nothing holds a lock the drop needs.
            let dropped = crate::db::blocking(|| {
                let mut client = postgres::Client::connect(admin, postgres::NoTls)?;
                client.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                     WHERE application_name = $1 AND pid <> pg_backend_pid()",
                    &[schema],
                )?;
                client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
            });
            if let Err(e) = dropped {
                eprintln!(
                    "test schema {schema} was not dropped: {}",
                    crate::db::describe(&e)
                );
            }
        }
    }
}

/// A SQLite database in a temporary folder.
pub fn sqlite() -> TestDb {
    let dir = tempfile::tempdir()
        .unwrap_or_else(|e| panic!("no temporary folder for a test database: {e}"));
    let path = dir.path().join("redflag.db");
    TestDb {
        kind: Kind::Sqlite { _dir: dir, path },
    }
}

/// A fresh PostgreSQL schema for the test `name`, when [`POSTGRES_VAR`] is set; `None`
/// (saying so on stderr) when it is not and [`REQUIRE_VAR`] is not `1`. Panics when
/// PostgreSQL is required but not configured, or configured but unreachable.
pub fn postgres(name: &str) -> Option<TestDb> {
    let admin = match std::env::var(POSTGRES_VAR) {
        Ok(url) if !url.trim().is_empty() => url.trim().to_string(),
        _ => {
            if std::env::var(REQUIRE_VAR).is_ok_and(|v| v == "1") {
                panic!("{name}: {REQUIRE_VAR}=1 but {POSTGRES_VAR} is not set");
            }
            eprintln!("{name}: skipped on PostgreSQL ({POSTGRES_VAR} is not set)");
            return None;
        }
    };
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let schema = format!(
        "rf_test_{}_{}_{:x}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed),
        nanos
    );
    let created = crate::db::blocking(|| {
        let mut client = postgres::Client::connect(&admin, postgres::NoTls)?;
        client.batch_execute(&format!("CREATE SCHEMA {schema}"))
    });
    if let Err(e) = created {
        panic!(
            "{name}: cannot create a schema in the PostgreSQL database {}: {}",
            crate::redact_url(&admin),
            crate::db::describe(&e)
        );
    }
    let separator = if admin.contains('?') { '&' } else { '?' };
    let url =
        format!("{admin}{separator}options=-c%20search_path%3D{schema}&application_name={schema}");
    Some(TestDb {
        kind: Kind::Postgres { admin, schema, url },
    })
}

/// Runs `test` on a fresh SQLite database, then on a fresh PostgreSQL schema when one is
/// configured (see [`postgres()`]). `name` names the test in messages.
pub fn each_backend(name: &str, mut test: impl FnMut(&TestDb)) {
    let db = sqlite();
    test(&db);
    drop(db);
    if let Some(db) = postgres(name) {
        eprintln!("{name}: on PostgreSQL");
        test(&db);
    }
}
