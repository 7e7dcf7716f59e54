//! The webhook sender: posts queued case messages to their endpoints, signed, with retries
//! (the store keeps the outbox, the backoff and every attempt).

use std::sync::Arc;
use std::time::Duration;

use redflag_store::webhooks::signature;
use redflag_store::{Delivery, Store};

/// How often the outbox is read.
pub const POLL: Duration = Duration::from_secs(1);

/// How long one attempt may take.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends due messages every [`POLL`], forever (until the runtime stops).
pub async fn run(store: Arc<Store>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(ATTEMPT_TIMEOUT))
        .max_redirects(0)
        .build()
        .into();
    loop {
        tokio::time::sleep(POLL).await;
        let store = Arc::clone(&store);
        let agent = agent.clone();
        // One batch at a time, off the async threads: ureq and SQLite block.
        let sent = tokio::task::spawn_blocking(move || send_due(&store, &agent)).await;
        if let Ok(Err(error)) = sent {
            eprintln!("redflag serve: webhooks: {error}");
        }
    }
}

/// Messages claimed at a time.
const BATCH: usize = 50;

/// How long a claim keeps other senders (other servers on a shared PostgreSQL database)
/// off a message: long enough to attempt the whole batch, each attempt within its timeout.
const LEASE: Duration = Duration::from_secs(BATCH as u64 * ATTEMPT_TIMEOUT.as_secs() + 60);

/// Claims the due messages, sends each once and records each attempt.
fn send_due(store: &Store, agent: &ureq::Agent) -> Result<(), redflag_store::StoreError> {
    for delivery in store.claim_due_deliveries(BATCH, LEASE)? {
        let (status, error) = send(agent, &delivery);
        store.record_attempt(delivery.delivery_id, status, error.as_deref())?;
    }
    Ok(())
}

/// One attempt: the HTTP status, or what went wrong on the way.
fn send(agent: &ureq::Agent, delivery: &Delivery) -> (Option<u16>, Option<String>) {
    let timestamp = chrono::Utc::now().timestamp().to_string();
    let result = agent
        .post(&delivery.url)
        .header("Content-Type", "application/json")
        .header("User-Agent", concat!("redflag/", env!("CARGO_PKG_VERSION")))
        .header("X-Redflag-Event", &delivery.kind)
        .header("X-Redflag-Delivery", delivery.delivery_id.to_string())
        .header("X-Redflag-Timestamp", &timestamp)
        .header(
            "X-Redflag-Signature",
            signature(&delivery.secret, &timestamp, &delivery.payload),
        )
        .send(delivery.payload.as_bytes());
    match result {
        Ok(response) => (Some(response.status().as_u16()), None),
        Err(error) => (None, Some(error.to_string())),
    }
}
