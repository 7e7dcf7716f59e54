//! Audit entries of busy routes written together. Each request hands its entries to one
//! writer thread and waits until they are committed, so an entry is in the log before the
//! answer goes out (the service's invariant), while the requests that arrive meanwhile share
//! one transaction instead of queueing for a commit each.

use std::sync::mpsc;
use std::sync::Arc;

use axum::http::StatusCode;
use redflag_store::Store;
use tokio::sync::oneshot;

use crate::error::ApiError;

/// One audit entry: actor, action, subject.
pub type Entry = (String, String, String);

/// Most entries written in one transaction.
const MAX_BATCH: usize = 1024;

/// A request's entries and where to say they are written.
struct Pending {
    entries: Vec<Entry>,
    done: oneshot::Sender<bool>,
}

/// Hands entries to the writer thread; see the module documentation.
pub struct Auditor {
    /// `None` when the writer thread could not start: entries are then written by the
    /// caller, one transaction each.
    queue: Option<mpsc::Sender<Pending>>,
    store: Arc<Store>,
}

impl Auditor {
    /// Starts the writer for `store`; it stops when the auditor is dropped.
    pub fn start(store: Arc<Store>) -> Auditor {
        let (queue, requests) = mpsc::channel::<Pending>();
        let writer_store = Arc::clone(&store);
        let started = std::thread::Builder::new()
            .name("redflag-audit".into())
            .spawn(move || write(&writer_store, &requests))
            .is_ok();
        Auditor {
            queue: started.then_some(queue),
            store,
        }
    }

    /// Writes `entries` to the audit log; returns once they are committed.
    pub async fn record(&self, entries: Vec<Entry>) -> Result<(), ApiError> {
        let failed = || {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the audit log could not be written",
            )
        };
        let Some(queue) = &self.queue else {
            let store = Arc::clone(&self.store);
            return tokio::task::spawn_blocking(move || store.audit_all(&entries))
                .await
                .map_err(|_| failed())?
                .map_err(|_| failed());
        };
        let (done, written) = oneshot::channel();
        queue
            .send(Pending { entries, done })
            .map_err(|_| failed())?;
        match written.await {
            Ok(true) => Ok(()),
            _ => Err(failed()),
        }
    }
}

/// The writer: takes whatever is queued (at least one request), writes it in one
/// transaction and answers each request.
fn write(store: &Store, requests: &mpsc::Receiver<Pending>) {
    while let Ok(first) = requests.recv() {
        let mut batch = vec![first];
        let mut entries = batch[0].entries.len();
        while entries < MAX_BATCH {
            match requests.try_recv() {
                Ok(next) => {
                    entries += next.entries.len();
                    batch.push(next);
                }
                Err(_) => break,
            }
        }
        let all: Vec<Entry> = batch
            .iter()
            .flat_map(|p| p.entries.iter().cloned())
            .collect();
        let written = store.audit_all(&all).is_ok();
        for pending in batch {
            let _ = pending.done.send(written);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_requests_are_all_written_before_they_return() {
        let store = Arc::new(Store::open_in_memory().unwrap());
        let auditor = Arc::new(Auditor::start(Arc::clone(&store)));
        let tasks: Vec<_> = (0..200)
            .map(|i| {
                let auditor = Arc::clone(&auditor);
                let store = Arc::clone(&store);
                tokio::spawn(async move {
                    let entry = ("key:1 (a)".to_string(), "read".to_string(), format!("P{i}"));
                    auditor.record(vec![entry]).await.unwrap();
                    // Already in the log when the call returns.
                    let log = store.audit_log(1000, None).unwrap();
                    assert!(log.iter().any(|e| e.subject == format!("P{i}")));
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(store.audit_log(1000, None).unwrap().len(), 200);
    }
}
