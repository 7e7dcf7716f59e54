//! What the server's tests share.

use std::thread::JoinHandle;
use std::time::Duration;

pub use redflag_store::testing::each_backend;

/// A server running for a test; it stops when dropped (so that nothing uses the test's
/// database after the test).
pub struct Served {
    /// `http://127.0.0.1:port`.
    pub base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves `state` on a free loopback port from a thread of its own (its own runtime, two
/// workers) until the returned [`Served`] is dropped.
pub fn spawn(state: redflag_server::AppState) -> Served {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            tokio::select! {
                served = redflag_server::serve(listener, state, std::future::pending()) => {
                    served.unwrap();
                }
                _ = stopped => {}
            }
        });
        // Tasks still running (the webhook sender, a screening) are dropped; blocking calls
        // on the store get this long to finish.
        runtime.shutdown_timeout(Duration::from_secs(10));
    });
    Served {
        base,
        stop: Some(stop),
        thread: Some(thread),
    }
}
