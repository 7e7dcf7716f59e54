//! Web UI sessions: a random token in an HttpOnly cookie, kept as a SHA-256 digest, tied to
//! the API key that signed in and carrying the CSRF token its forms must send back.

use crate::db::{params, Sql};
use crate::digest::{from_now, random_hex, sha256};
use crate::{now, Principal, Result, Role, Store};

/// How long a session lasts.
pub const SESSION_HOURS: i64 = 8;

/// A signed-in session: who, and the CSRF token its forms carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The key that signed in.
    pub principal: Principal,
    /// The token every form of this session must send back.
    pub csrf: String,
}

impl Store {
    /// Starts a session for a key; returns the cookie token (not kept) and the session.
    pub fn create_session(&self, principal: &Principal) -> Result<(String, Session)> {
        let token = random_hex()?;
        let csrf = random_hex()?;
        let expires = from_now(chrono::Duration::hours(SESSION_HOURS));
        self.conn()?.execute(
            "INSERT INTO sessions (digest, key_id, csrf, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![sha256(&token), principal.key_id, csrf, now(), expires],
        )?;
        Ok((
            token,
            Session {
                principal: principal.clone(),
                csrf,
            },
        ))
    }

    /// The live session of a cookie token: unexpired, and its key not revoked.
    pub fn session(&self, token: &str) -> Result<Option<Session>> {
        let found = self.conn()?.query_opt(
            "SELECT k.key_id, k.name, k.role, s.csrf FROM sessions s
             JOIN api_keys k ON k.key_id = s.key_id
             WHERE s.digest = ?1 AND s.expires_at > ?2 AND k.revoked_at IS NULL",
            params![sha256(token), now()],
            |row| {
                Ok((
                    row.get::<i64>(0)?,
                    row.get::<String>(1)?,
                    row.get::<String>(2)?,
                    row.get::<String>(3)?,
                ))
            },
        )?;
        Ok(found.and_then(|(key_id, name, role, csrf)| {
            Role::from_name(&role).map(|role| Session {
                principal: Principal { key_id, name, role },
                csrf,
            })
        }))
    }

    /// Ends a session (signing out); unknown tokens are ignored.
    pub fn end_session(&self, token: &str) -> Result<()> {
        self.conn()?.execute(
            "DELETE FROM sessions WHERE digest = ?1 OR expires_at <= ?2",
            params![sha256(token), now()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_follow_their_key_and_end() {
        crate::testing::each_backend("sessions::sessions_follow_their_key", |db| {
            let store = db.open();
            let (_, secret) = store.create_api_key("ana", Role::Analyst).unwrap();
            let who = store.authenticate(&secret).unwrap().unwrap();
            let (token, session) = store.create_session(&who).unwrap();
            assert_eq!(token.len(), 64);
            assert_ne!(token, session.csrf);
            assert_eq!(store.session(&token).unwrap(), Some(session));
            assert!(store.session("0".repeat(64).as_str()).unwrap().is_none());
            store.end_session(&token).unwrap();
            assert!(store.session(&token).unwrap().is_none());
            // Revoking the key ends its sessions.
            let (token, _) = store.create_session(&who).unwrap();
            store.revoke_api_key(who.key_id).unwrap();
            assert!(store.session(&token).unwrap().is_none());
        });
    }
}
