//! The store's small cryptographic and clock helpers: SHA-256, hex, random secrets and
//! timestamps, each written once.

use ring::digest::{digest, SHA256};
use ring::rand::{SecureRandom, SystemRandom};

use crate::{Result, StoreError};

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of `text`.
pub(crate) fn sha256(text: &str) -> Vec<u8> {
    digest(&SHA256, text.as_bytes()).as_ref().to_vec()
}

/// 256 random bits from the system, as 64 hex digits.
pub(crate) fn random_hex() -> Result<String> {
    let mut bytes = [0u8; 32];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| StoreError::Invalid("no system randomness for a new secret".into()))?;
    Ok(hex(&bytes))
}

/// A time as the store writes it (RFC 3339, UTC, seconds).
pub(crate) fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Now, as the store writes times.
pub(crate) fn now() -> String {
    timestamp(chrono::Utc::now())
}

/// `duration` from now, as the store writes times.
pub(crate) fn from_now(duration: chrono::Duration) -> String {
    timestamp(chrono::Utc::now() + duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_digests_and_secrets() {
        assert_eq!(
            hex(&sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let (a, b) = (random_hex().unwrap(), random_hex().unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(now() < from_now(chrono::Duration::hours(1)));
    }
}
