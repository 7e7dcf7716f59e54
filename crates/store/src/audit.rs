//! The audit log: who read which person's record and who did what to a case, append-only
//! (triggers refuse updates and deletes).

use serde::Serialize;

use crate::db::{params, Sql};
use crate::{now, Result, Store};

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Position in the log.
    pub entry_id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who (`key:3 (alice)`, `system`).
    pub actor: String,
    /// What: `read_person`, `read_case`, `change_case`, `ingest`, …
    pub action: String,
    /// On what: a person id, a case id.
    pub subject: String,
}

/// Appends an entry within the caller's transaction.
pub(crate) fn append(conn: &mut impl Sql, actor: &str, action: &str, subject: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, subject) VALUES (?1, ?2, ?3, ?4)",
        params![now(), actor, action, subject],
    )?;
    Ok(())
}

impl Store {
    /// Appends an entry to the audit log.
    pub fn audit(&self, actor: &str, action: &str, subject: &str) -> Result<()> {
        append(&mut *self.conn()?, actor, action, subject)
    }

    /// Appends several entries, `(actor, action, subject)`, in one transaction: a busy
    /// service writes the reads of many requests at once instead of one commit each.
    pub fn audit_all(&self, entries: &[(String, String, String)]) -> Result<()> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        for (actor, action, subject) in entries {
            append(&mut tx, actor, action, subject)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The newest `limit` entries, newest first, from before entry `before` when given.
    pub fn audit_log(&self, limit: usize, before: Option<i64>) -> Result<Vec<AuditEntry>> {
        self.conn()?.query(
            "SELECT entry_id, at, actor, action, subject FROM audit_log
             WHERE entry_id < ?1 ORDER BY entry_id DESC LIMIT ?2",
            params![before.unwrap_or(i64::MAX), limit as i64],
            |row| {
                Ok(AuditEntry {
                    entry_id: row.get(0)?,
                    at: row.get(1)?,
                    actor: row.get(2)?,
                    action: row.get(3)?,
                    subject: row.get(4)?,
                })
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing;

    #[test]
    fn the_log_is_append_only() {
        testing::each_backend("audit::the_log_is_append_only", |db| {
            let store = db.open();
            store.audit("key:1 (a)", "read_person", "P1").unwrap();
            store.audit("key:1 (a)", "read_person", "P2").unwrap();
            let log = store.audit_log(10, None).unwrap();
            assert_eq!(
                log.iter().map(|e| e.subject.as_str()).collect::<Vec<_>>(),
                ["P2", "P1"]
            );
            assert_eq!(store.audit_log(10, Some(log[0].entry_id)).unwrap().len(), 1);
            let many: Vec<(String, String, String)> = (3..6)
                .map(|i| {
                    (
                        "key:2 (b)".into(),
                        "screen_candidate".into(),
                        format!("C{i}"),
                    )
                })
                .collect();
            store.audit_all(&many).unwrap();
            let log = store.audit_log(10, None).unwrap();
            assert_eq!(
                log.iter().map(|e| e.subject.as_str()).collect::<Vec<_>>(),
                ["C5", "C4", "C3", "P2", "P1"]
            );
            let mut conn = store.conn().unwrap();
            assert!(conn.execute("DELETE FROM audit_log", params![]).is_err());
            assert!(conn
                .execute("UPDATE audit_log SET actor = 'someone else'", params![])
                .is_err());
            if conn.is_postgres() {
                assert!(conn.batch("TRUNCATE audit_log").is_err());
            }
            assert_eq!(
                conn.query_one("SELECT count(*) FROM audit_log", params![], |r| r
                    .get::<i64>(0))
                    .unwrap(),
                5
            );
        });
    }
}
