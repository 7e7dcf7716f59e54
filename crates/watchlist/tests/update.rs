//! `watchlist update` against a loopback HTTP server serving the real list files from
//! ../shared/data/sanctions: a full update, then failures that must leave the previous copy
//! untouched (404, an HTML error page, a truncated XML file).
#![cfg(feature = "fetch")]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use redflag_watchlist::update::{ListSource, Store};
use redflag_watchlist::{DateBasis, ListId, WatchlistError};

fn shared(rel: &str) -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("../../../shared/data/sanctions")
        .join(rel)
}

type Routes = Arc<Mutex<HashMap<String, (u16, Vec<u8>)>>>;

/// A minimal HTTP/1.1 server on 127.0.0.1: one route table, one response per connection.
fn serve(routes: Routes) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            // Drain the headers.
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if line == "\r\n" || line == "\n" => break,
                    Ok(_) => {}
                }
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("/");
            let (status, body) = routes
                .lock()
                .expect("routes")
                .get(path)
                .cloned()
                .unwrap_or((404, b"not found".to_vec()));
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{addr}")
}

fn real_routes() -> Routes {
    let mut routes = HashMap::new();
    for f in ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"] {
        let bytes = std::fs::read(shared(&format!("ofac/watchman_bench_2021-07/{f}")))
            .expect("shared OFAC file (../shared must sit next to the repository)");
        routes.insert(format!("/ofac/{f}"), (200, bytes));
    }
    let un = std::fs::read(shared("un/UN_consolidated_2026-02-27.xml")).expect("shared UN file");
    routes.insert("/un/consolidated.xml".to_string(), (200, un));
    Arc::new(Mutex::new(routes))
}

fn sources(base: &str) -> (ListSource, ListSource) {
    (
        ListSource::ofac_sdn(&format!("{base}/ofac/{{file}}")),
        ListSource::un(&format!("{base}/un/consolidated.xml")),
    )
}

const TIMEOUT: Duration = Duration::from_secs(30);

/// Names in the store folder, to prove no staging or backup folder is left behind.
fn store_entries(store: &Store) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(store.root())
        .expect("store exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn update_fetches_both_lists_and_load_reads_them_back() {
    let routes = real_routes();
    let base = serve(routes);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path().join("watchlists"));
    let (ofac, un) = sources(&base);

    let ofac_done = store.update(&ofac, TIMEOUT).expect("OFAC update");
    assert_eq!(ofac_done.info.entities, 8_976);
    assert_eq!(ofac_done.info.published_basis, DateBasis::Recorded);
    assert_eq!(ofac_done.record.files.len(), 4);
    assert_eq!(
        ofac_done.record.files[0].bytes,
        std::fs::metadata(shared("ofac/watchman_bench_2021-07/sdn.csv"))
            .expect("size")
            .len()
    );
    let un_done = store.update(&un, TIMEOUT).expect("UN update");
    assert_eq!(un_done.info.entities, 730 + 273);
    assert_eq!(un_done.info.published_basis, DateBasis::List);
    assert_eq!(
        un_done.info.published.map(|p| p.date().to_string()),
        Some("2026-02-27".to_string())
    );

    assert_eq!(store_entries(&store), vec!["ofac-sdn", "un"]);
    let lists = store.load().expect("load").expect("lists stored");
    assert_eq!(lists.len(), 8_976 + 1_003);
    assert!(lists.info(ListId::OfacSdn).is_some() && lists.info(ListId::UnConsolidated).is_some());
    let records = store.records().expect("records");
    assert_eq!(records.len(), 2);
    assert!(records[0].files[0].url.ends_with("/ofac/sdn.csv"));
}

#[test]
fn a_failed_update_keeps_the_previous_copy_and_leaves_nothing_behind() {
    let routes = real_routes();
    let base = serve(routes.clone());
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path().join("watchlists"));
    let (ofac, un) = sources(&base);
    store.update(&ofac, TIMEOUT).expect("first OFAC update");
    store.update(&un, TIMEOUT).expect("first UN update");
    let before = std::fs::read(store.root().join("un/fetched.json")).expect("manifest");

    // 1. A missing file: HTTP 404 on the comments file.
    routes
        .lock()
        .expect("routes")
        .remove("/ofac/sdn_comments.csv");
    match store.update(&ofac, TIMEOUT) {
        Err(WatchlistError::Fetch { url, message }) => {
            assert!(url.ends_with("/ofac/sdn_comments.csv"), "{url}");
            assert!(message.contains("404"), "{message}");
        }
        other => panic!("expected a fetch error, got {other:?}"),
    }

    // 2. An HTML error page where the UN XML should be.
    routes.lock().expect("routes").insert(
        "/un/consolidated.xml".into(),
        (
            200,
            b"<html><body>Service unavailable</body></html>".to_vec(),
        ),
    );
    let err = store.update(&un, TIMEOUT).expect_err("HTML is not a list");
    assert!(
        matches!(err, WatchlistError::NotAList { .. }),
        "expected NotAList, got {err}"
    );

    // 3. A download cut off half-way through.
    let full = std::fs::read(shared("un/UN_consolidated_2026-02-27.xml")).expect("UN file");
    routes.lock().expect("routes").insert(
        "/un/consolidated.xml".into(),
        (200, full[..full.len() / 2].to_vec()),
    );
    let err = store.update(&un, TIMEOUT).expect_err("truncated XML");
    assert!(err.at().is_some(), "a truncated file names where: {err}");

    // The previous copies are intact and still load; nothing partial is left.
    assert_eq!(store_entries(&store), vec!["ofac-sdn", "un"]);
    assert_eq!(
        std::fs::read(store.root().join("un/fetched.json")).expect("manifest"),
        before
    );
    let lists = store.load().expect("load").expect("lists");
    assert_eq!(lists.len(), 8_976 + 1_003);
}

#[test]
fn an_unreachable_server_is_a_fetch_error() {
    // A port that was just free: nothing listens there any more.
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path().join("watchlists"));
    let err = store
        .update(
            &ListSource::un(&format!("http://127.0.0.1:{port}/consolidated.xml")),
            Duration::from_secs(5),
        )
        .expect_err("nothing listens");
    assert!(matches!(err, WatchlistError::Fetch { .. }), "{err}");
    assert!(store.load().expect("load").is_none());
}
