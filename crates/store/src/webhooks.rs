//! Outgoing webhooks: when a case opens or changes, every registered endpoint gets a signed
//! JSON message, retried with backoff, with every attempt kept.
//!
//! Messages are written to an outbox in the same transaction as the case event (a crash
//! between the two cannot lose or invent one); a sender ([`Store::claim_due_deliveries`],
//! [`Store::record_attempt`]) posts them. Each message is signed with HMAC-SHA256 over
//! `<timestamp>.<body>` with the endpoint's secret.

use ring::hmac;
use serde::Serialize;

use crate::db::{params, Lock, Sql, Tx};
use crate::digest::{from_now, hex, random_hex};
use crate::{now, Result, Store, StoreError};

/// Attempts before a message is given up.
pub const MAX_ATTEMPTS: i64 = 8;

/// A registered endpoint (its secret is shown once, at registration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Webhook {
    /// Id.
    pub webhook_id: i64,
    /// Where messages go.
    pub url: String,
    /// When it was registered.
    pub created_at: String,
}

/// A message due to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Id (sent as `X-Redflag-Delivery`, so receivers can drop repeats).
    pub delivery_id: i64,
    /// Endpoint.
    pub url: String,
    /// Endpoint's signing secret.
    pub secret: String,
    /// `case.opened`, `case.status_changed`, …
    pub kind: String,
    /// JSON body.
    pub payload: String,
    /// Attempts so far.
    pub attempts: i64,
}

/// A message's state, for the delivery log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeliveryLog {
    /// Id.
    pub delivery_id: i64,
    /// Event kind.
    pub kind: String,
    /// When it was queued.
    pub created_at: String,
    /// Attempts made.
    pub attempts: i64,
    /// When it was accepted (2xx), if it was.
    pub delivered_at: Option<String>,
    /// When it was given up, if it was.
    pub failed_at: Option<String>,
    /// HTTP status of the last attempt.
    pub last_status: Option<i64>,
    /// Transport error of the last attempt.
    pub last_error: Option<String>,
}

/// `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>`.
pub fn signature(secret: &str, timestamp: &str, body: &str) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    let tag = hmac::sign(&key, format!("{timestamp}.{body}").as_bytes());
    format!("sha256={}", hex(tag.as_ref()))
}

/// Queues `payload` for every endpoint, in the caller's transaction.
pub(crate) fn enqueue(tx: &mut Tx<'_>, kind: &str, payload: &serde_json::Value) -> Result<()> {
    let body = serde_json::to_string(payload)?;
    let at = now();
    tx.execute(
        "INSERT INTO outbox (webhook_id, kind, payload, created_at, next_at)
         SELECT webhook_id, CAST(?1 AS TEXT), CAST(?2 AS TEXT), CAST(?3 AS TEXT),
                CAST(?3 AS TEXT)
         FROM webhooks WHERE disabled_at IS NULL",
        params![kind, body, at],
    )?;
    Ok(())
}

impl Store {
    /// Registers an endpoint (`http://` or `https://`); returns it and its signing secret.
    pub fn add_webhook(&self, url: &str) -> Result<(Webhook, String)> {
        let url = url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 2048 {
            return Err(StoreError::Invalid(
                "a webhook URL starts with https:// or http:// and is at most 2048 characters"
                    .into(),
            ));
        }
        let secret = random_hex()?;
        let at = now();
        let webhook_id = self.conn()?.query_one(
            "INSERT INTO webhooks (url, secret, created_at) VALUES (?1, ?2, ?3)
             RETURNING webhook_id",
            params![url, secret, at],
            |row| row.get(0),
        )?;
        Ok((
            Webhook {
                webhook_id,
                url: url.to_string(),
                created_at: at,
            },
            secret,
        ))
    }

    /// Registered endpoints.
    pub fn webhooks(&self) -> Result<Vec<Webhook>> {
        self.conn()?.query(
            "SELECT webhook_id, url, created_at FROM webhooks WHERE disabled_at IS NULL ORDER BY webhook_id",
            params![],
            |row| {
                Ok(Webhook {
                    webhook_id: row.get(0)?,
                    url: row.get(1)?,
                    created_at: row.get(2)?,
                })
            },
        )
    }

    /// Replaces an endpoint's signing secret and returns the new one (shown once). Messages
    /// not yet delivered are signed with it from their next attempt on.
    pub fn rotate_webhook_secret(&self, webhook_id: i64) -> Result<String> {
        let secret = random_hex()?;
        let changed = self.conn()?.execute(
            "UPDATE webhooks SET secret = ?2 WHERE webhook_id = ?1 AND disabled_at IS NULL",
            params![webhook_id, secret],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("webhook {webhook_id}")));
        }
        Ok(secret)
    }

    /// Disables an endpoint: no new messages are queued for it and those not yet delivered
    /// are no longer sent (they stay in its delivery log). Its secret is erased.
    pub fn disable_webhook(&self, webhook_id: i64) -> Result<()> {
        let changed = self.conn()?.execute(
            "UPDATE webhooks SET disabled_at = ?2, secret = '' \
             WHERE webhook_id = ?1 AND disabled_at IS NULL",
            params![webhook_id, now()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("webhook {webhook_id}")));
        }
        Ok(())
    }

    /// Claims up to `limit` messages whose next attempt is due, oldest first, for `lease`:
    /// their next attempt moves `lease` ahead, in the same transaction as they are read and
    /// under the outbox's writer lock, so another server sharing the database (or another
    /// sender on this one) does not claim them too. [`Store::record_attempt`] then sets when
    /// the next attempt is due; a sender that stops before recording leaves the message to be
    /// claimed again once the lease ends. The lease should cover sending the whole batch.
    pub fn claim_due_deliveries(
        &self,
        limit: usize,
        lease: std::time::Duration,
    ) -> Result<Vec<Delivery>> {
        let mut conn = self.conn()?;
        let mut tx = conn.writer(Lock::Outbox)?;
        let due = tx.query(
            "SELECT o.delivery_id, w.url, w.secret, o.kind, o.payload, o.attempts
             FROM outbox o JOIN webhooks w ON w.webhook_id = o.webhook_id
             WHERE o.delivered_at IS NULL AND o.failed_at IS NULL AND o.next_at <= ?1
               AND w.disabled_at IS NULL
             ORDER BY o.delivery_id LIMIT ?2",
            params![now(), limit as i64],
            |row| {
                Ok(Delivery {
                    delivery_id: row.get(0)?,
                    url: row.get(1)?,
                    secret: row.get(2)?,
                    kind: row.get(3)?,
                    payload: row.get(4)?,
                    attempts: row.get(5)?,
                })
            },
        )?;
        let lease = chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::hours(1));
        let until = from_now(lease);
        for delivery in &due {
            tx.execute(
                "UPDATE outbox SET next_at = ?2 WHERE delivery_id = ?1",
                params![delivery.delivery_id, until],
            )?;
        }
        tx.commit()?;
        Ok(due)
    }

    /// Records an attempt: delivered on a 2xx status, else retried after 2^attempts seconds
    /// (at most an hour), and given up after [`MAX_ATTEMPTS`].
    pub fn record_attempt(
        &self,
        delivery_id: i64,
        status: Option<u16>,
        error: Option<&str>,
    ) -> Result<()> {
        let mut conn = self.conn()?;
        let mut tx = conn.writer(Lock::Outbox)?;
        let attempts: i64 = tx
            .query_opt(
                "SELECT attempts FROM outbox WHERE delivery_id = ?1",
                params![delivery_id],
                |r| r.get::<i64>(0),
            )?
            .ok_or_else(|| StoreError::NotFound(format!("delivery {delivery_id}")))?
            + 1;
        let at = now();
        let delivered = status.is_some_and(|s| (200..300).contains(&s));
        let given_up = !delivered && attempts >= MAX_ATTEMPTS;
        let wait = 1i64 << attempts.min(12);
        let next = from_now(chrono::Duration::seconds(wait.min(3600)));
        tx.execute(
            "UPDATE outbox SET attempts = ?2, last_status = ?3, last_error = ?4, next_at = ?5,
               delivered_at = CASE WHEN ?6 THEN CAST(?7 AS TEXT) END,
               failed_at = CASE WHEN ?8 THEN CAST(?7 AS TEXT) END
             WHERE delivery_id = ?1",
            params![
                delivery_id,
                attempts,
                status,
                error,
                next,
                delivered,
                at,
                given_up
            ],
        )?;
        tx.execute(
            "INSERT INTO delivery_attempts (delivery_id, at, status, error) VALUES (?1, ?2, ?3, ?4)",
            params![delivery_id, at, status, error],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The delivery log of an endpoint, newest first.
    pub fn deliveries(&self, webhook_id: i64, limit: usize) -> Result<Vec<DeliveryLog>> {
        self.conn()?.query(
            "SELECT delivery_id, kind, created_at, attempts, delivered_at, failed_at, last_status, last_error
             FROM outbox WHERE webhook_id = ?1 ORDER BY delivery_id DESC LIMIT ?2",
            params![webhook_id, limit as i64],
            |row| {
                Ok(DeliveryLog {
                    delivery_id: row.get(0)?,
                    kind: row.get(1)?,
                    created_at: row.get(2)?,
                    attempts: row.get(3)?,
                    delivered_at: row.get(4)?,
                    failed_at: row.get(5)?,
                    last_status: row.get(6)?,
                    last_error: row.get(7)?,
                })
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    use crate::testing;

    /// Rotating gives a new secret for the messages still to send; disabling stops
    /// queueing and sending, and both refuse an unknown or disabled endpoint.
    #[test]
    fn rotate_and_disable() {
        testing::each_backend("webhooks::rotate_and_disable", |db| {
            let store = db.open();
            let (hook, first) = store.add_webhook("https://siem.example/hook").unwrap();
            let id = hook.webhook_id;
            let payload = serde_json::json!({"type": "case.opened"});
            let queue = |store: &Store| {
                let mut conn = store.conn().unwrap();
                let mut tx = conn.transaction().unwrap();
                enqueue(&mut tx, "case.opened", &payload).unwrap();
                tx.commit().unwrap();
            };
            queue(&store);
            // Claimed without a lease, the message stays due.
            let due = |store: &Store| store.claim_due_deliveries(10, Duration::ZERO).unwrap();
            assert_eq!(due(&store)[0].secret, first);
            let second = store.rotate_webhook_secret(id).unwrap();
            assert_ne!(second, first);
            assert_eq!(second.len(), first.len());
            assert_eq!(due(&store)[0].secret, second);

            store.disable_webhook(id).unwrap();
            assert!(due(&store).is_empty());
            assert!(store.webhooks().unwrap().is_empty());
            queue(&store);
            assert_eq!(
                store.deliveries(id, 10).unwrap().len(),
                1,
                "nothing new queued"
            );
            assert!(matches!(
                store.disable_webhook(id),
                Err(StoreError::NotFound(_))
            ));
            assert!(matches!(
                store.rotate_webhook_secret(id),
                Err(StoreError::NotFound(_))
            ));
            assert!(matches!(
                store.rotate_webhook_secret(999),
                Err(StoreError::NotFound(_))
            ));
        });
    }

    /// A lease longer than any test.
    const LEASE: Duration = Duration::from_secs(600);

    #[test]
    fn a_claimed_message_goes_to_one_sender() {
        testing::each_backend("webhooks::a_claimed_message_goes_to_one_sender", |db| {
            // Two servers on one database.
            let (one, other) = (db.open(), db.open());
            let (hook, _) = one.add_webhook("https://siem.example/hook").unwrap();
            {
                let mut conn = one.conn().unwrap();
                let mut tx = conn.transaction().unwrap();
                for case in 1..=3 {
                    enqueue(
                        &mut tx,
                        "case.opened",
                        &serde_json::json!({"case_id": case}),
                    )
                    .unwrap();
                }
                tx.commit().unwrap();
            }
            let first = one.claim_due_deliveries(2, LEASE).unwrap();
            let second = other.claim_due_deliveries(10, LEASE).unwrap();
            assert_eq!(first.len(), 2);
            assert_eq!(second.len(), 1);
            assert!(!ids_of(&first).contains(&second[0].delivery_id));
            assert!(one.claim_due_deliveries(10, LEASE).unwrap().is_empty());
            assert!(other.claim_due_deliveries(10, LEASE).unwrap().is_empty());
            // Recorded attempts are the sender's; a failure is due again after its backoff,
            // not after the lease, and nothing was attempted twice.
            for delivery in first.iter().chain(&second) {
                other
                    .record_attempt(delivery.delivery_id, Some(204), None)
                    .unwrap();
            }
            let log = one.deliveries(hook.webhook_id, 10).unwrap();
            assert_eq!(log.len(), 3);
            assert!(log
                .iter()
                .all(|d| d.attempts == 1 && d.delivered_at.is_some()));
        });
    }

    #[test]
    fn a_sender_that_stops_leaves_its_claim_to_others() {
        testing::each_backend("webhooks::a_sender_that_stops", |db| {
            let (one, other) = (db.open(), db.open());
            one.add_webhook("https://siem.example/hook").unwrap();
            {
                let mut conn = one.conn().unwrap();
                let mut tx = conn.transaction().unwrap();
                enqueue(&mut tx, "case.opened", &serde_json::json!({"case_id": 1})).unwrap();
                tx.commit().unwrap();
            }
            // The first sender's lease has already ended (it stopped without recording).
            let claimed = one.claim_due_deliveries(10, Duration::ZERO).unwrap();
            assert_eq!(claimed.len(), 1);
            let again = other.claim_due_deliveries(10, LEASE).unwrap();
            assert_eq!(ids_of(&again), ids_of(&claimed));
        });
    }

    fn ids_of(claimed: &[Delivery]) -> Vec<i64> {
        claimed.iter().map(|d| d.delivery_id).collect()
    }

    #[test]
    fn signatures_cover_timestamp_and_body() {
        let a = signature("s3cret", "1700000000", "{\"x\":1}");
        assert!(a.starts_with("sha256=") && a.len() == 7 + 64);
        assert_ne!(a, signature("s3cret", "1700000001", "{\"x\":1}"));
        assert_ne!(a, signature("s3cret", "1700000000", "{\"x\":2}"));
        assert_ne!(a, signature("other", "1700000000", "{\"x\":1}"));
    }

    #[test]
    fn attempts_back_off_and_give_up() {
        testing::each_backend("webhooks::attempts_back_off", |db| {
            let store = db.open();
            assert!(store.add_webhook("ftp://x").is_err());
            let (hook, _) = store.add_webhook("https://siem.example/hook").unwrap();
            {
                let mut conn = store.conn().unwrap();
                let mut tx = conn.transaction().unwrap();
                enqueue(&mut tx, "case.opened", &serde_json::json!({"case_id": 1})).unwrap();
                tx.commit().unwrap();
            }
            let due = store.claim_due_deliveries(10, LEASE).unwrap();
            assert_eq!(due.len(), 1);
            store
                .record_attempt(due[0].delivery_id, Some(500), None)
                .unwrap();
            // Not due again for two seconds.
            assert!(store.claim_due_deliveries(10, LEASE).unwrap().is_empty());
            for _ in 1..MAX_ATTEMPTS {
                store
                    .record_attempt(due[0].delivery_id, None, Some("connection refused"))
                    .unwrap();
            }
            let log = store.deliveries(hook.webhook_id, 10).unwrap();
            assert_eq!(log[0].attempts, MAX_ATTEMPTS);
            assert!(log[0].failed_at.is_some() && log[0].delivered_at.is_none());
            assert_eq!(log[0].last_error.as_deref(), Some("connection refused"));
            assert!(matches!(
                store.record_attempt(999, Some(200), None),
                Err(StoreError::NotFound(_))
            ));
        });
    }
}
