//! What the server's tests share.

/// Serves `state` on a free loopback port from a thread of its own (its own runtime, two
/// workers); returns the base URL.
pub fn spawn(state: redflag_server::AppState) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            redflag_server::serve(listener, state, std::future::pending())
                .await
                .unwrap();
        });
    });
    base
}
