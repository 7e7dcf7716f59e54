//! API keys: 256-bit random secrets shown once, kept only as SHA-256 digests, each with a role.
//!
//! A secret is looked up by its digest. A salted slow hash is for low-entropy passwords; a
//! 256-bit random secret cannot be guessed from its digest, and timing the index look-up
//! reveals at most how much of a digest matched, which says nothing about any secret.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::db::{params, Sql};
use crate::digest::{random_hex, sha256};
use crate::{now, Result, Store, StoreError};

/// What a key may do. Each role may do everything the ones before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads people, networks, cases and rules.
    Viewer,
    /// Also changes cases and screens candidates.
    Analyst,
    /// Also ingests data, reads the audit log and manages keys.
    Admin,
}

impl Role {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }

    /// The role of a lowercase name.
    pub fn from_name(name: &str) -> Option<Role> {
        match name {
            "viewer" => Some(Role::Viewer),
            "analyst" => Some(Role::Analyst),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// Who is asking: the key and its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    /// The key's id.
    pub key_id: i64,
    /// The name it was given.
    pub name: String,
    /// Its role.
    pub role: Role,
}

impl Principal {
    /// How the audit log and case history name this principal: `key:3 (ci)`.
    pub fn actor(&self) -> String {
        format!("key:{} ({})", self.key_id, self.name)
    }
}

/// Prefix of every secret, so that leaked keys are easy to find in code and logs.
const PREFIX: &str = "rfk_";

/// How long a key found valid is trusted without asking the database again. A key revoked
/// through the same store stops working at once; one revoked by another process (`redflag
/// keys revoke` beside a running server) within this time.
pub const KEY_CACHE_TTL: Duration = Duration::from_secs(1);

/// Valid keys checked lately: secret digest → principal and when it was checked. Only keys
/// the database knows are kept, so unknown secrets cannot fill it.
pub(crate) type CheckedKeys = HashMap<Vec<u8>, (Principal, Instant)>;

impl Store {
    /// Creates a key; returns its id and the secret, which is not kept and cannot be shown
    /// again.
    pub fn create_api_key(&self, name: &str, role: Role) -> Result<(i64, String)> {
        let secret = format!("{PREFIX}{}", random_hex()?);
        let key_id = self.conn()?.query_one(
            "INSERT INTO api_keys (name, role, digest, created_at) VALUES (?1, ?2, ?3, ?4)
             RETURNING key_id",
            params![name, role.as_str(), sha256(&secret), now()],
            |row| row.get(0),
        )?;
        Ok((key_id, secret))
    }

    /// The principal of a key found valid less than [`KEY_CACHE_TTL`] ago, without the
    /// database (so without waiting for a long transaction): for a server's request threads.
    /// `None` means "ask [`Store::authenticate`]", not "unknown".
    pub fn authenticate_cached(&self, secret: &str) -> Option<Principal> {
        if !secret.starts_with(PREFIX) {
            return None;
        }
        let checked = self
            .checked_keys
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        checked
            .get(&sha256(secret))
            .filter(|(_, at)| at.elapsed() < KEY_CACHE_TTL)
            .map(|(principal, _)| principal.clone())
    }

    /// The principal a secret belongs to; `None` for an unknown or revoked key.
    pub fn authenticate(&self, secret: &str) -> Result<Option<Principal>> {
        if !secret.starts_with(PREFIX) {
            return Ok(None);
        }
        if let Some(principal) = self.authenticate_cached(secret) {
            return Ok(Some(principal));
        }
        let digest = sha256(secret);
        let found = self.conn()?.query_opt(
            "SELECT key_id, name, role FROM api_keys WHERE digest = ?1 AND revoked_at IS NULL",
            params![digest],
            |row| {
                Ok((
                    row.get::<i64>(0)?,
                    row.get::<String>(1)?,
                    row.get::<String>(2)?,
                ))
            },
        )?;
        let principal = found.and_then(|(key_id, name, role)| {
            Role::from_name(&role).map(|role| Principal { key_id, name, role })
        });
        if let Some(principal) = &principal {
            let mut checked = self
                .checked_keys
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            checked.retain(|_, (_, at)| at.elapsed() < KEY_CACHE_TTL);
            checked.insert(digest, (principal.clone(), Instant::now()));
        }
        Ok(principal)
    }

    /// Revokes a key: it no longer authenticates. Revoking twice is not an error.
    pub fn revoke_api_key(&self, key_id: i64) -> Result<()> {
        let changed = self.conn()?.execute(
            "UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?2) WHERE key_id = ?1",
            params![key_id, now()],
        )?;
        self.checked_keys
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
        if changed == 0 {
            return Err(StoreError::NotFound(format!("API key {key_id}")));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing;

    #[test]
    fn a_checked_key_is_trusted_for_a_second_unless_revoked_here() {
        testing::each_backend("keys::a_checked_key_is_trusted", |db| {
            let server = db.open();
            let (id, secret) = server.create_api_key("ana", Role::Analyst).unwrap();
            assert!(server.authenticate_cached(&secret).is_none());
            assert!(server.authenticate(&secret).unwrap().is_some());
            assert_eq!(server.authenticate_cached(&secret).unwrap().key_id, id);
            // Revoked by another process: trusted for at most KEY_CACHE_TTL.
            db.open().revoke_api_key(id).unwrap();
            std::thread::sleep(KEY_CACHE_TTL + Duration::from_millis(50));
            assert!(server.authenticate_cached(&secret).is_none());
            assert!(server.authenticate(&secret).unwrap().is_none());
            // Revoked through this store: at once.
            let (other, secret) = server.create_api_key("bo", Role::Viewer).unwrap();
            assert!(server.authenticate(&secret).unwrap().is_some());
            server.revoke_api_key(other).unwrap();
            assert!(server.authenticate_cached(&secret).is_none());
            assert!(server.authenticate(&secret).unwrap().is_none());
        });
    }

    #[test]
    fn secrets_are_stored_only_as_digests_and_revocation_holds() {
        testing::each_backend("keys::secrets_are_stored_only_as_digests", |db| {
            let store = db.open();
            let (id, secret) = store.create_api_key("alice", Role::Viewer).unwrap();
            assert!(secret.starts_with(PREFIX) && secret.len() == PREFIX.len() + 64);
            let (_, other) = store.create_api_key("bob", Role::Admin).unwrap();
            assert_ne!(secret, other);
            let stored: Vec<u8> = store
                .conn()
                .unwrap()
                .query_one(
                    "SELECT digest FROM api_keys WHERE key_id = ?1",
                    params![id],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(stored.len(), 32);
            assert!(!String::from_utf8_lossy(&stored).contains(&secret[PREFIX.len()..]));
            let who = store.authenticate(&secret).unwrap().unwrap();
            assert_eq!(who.actor(), format!("key:{id} (alice)"));
            // One character off is another key.
            let mut wrong = secret.clone();
            wrong.pop();
            wrong.push('x');
            assert!(store.authenticate(&wrong).unwrap().is_none());
            store.revoke_api_key(id).unwrap();
            store.revoke_api_key(id).unwrap();
            assert!(store.authenticate(&secret).unwrap().is_none());
            assert!(store.authenticate(&other).unwrap().is_some());
            assert!(matches!(
                store.revoke_api_key(999),
                Err(StoreError::NotFound(_))
            ));
        });
    }

    #[test]
    fn roles_are_ordered() {
        assert!(Role::Viewer < Role::Analyst && Role::Analyst < Role::Admin);
        for role in [Role::Viewer, Role::Analyst, Role::Admin] {
            assert_eq!(Role::from_name(role.as_str()), Some(role));
        }
        assert_eq!(Role::from_name("root"), None);
    }
}
