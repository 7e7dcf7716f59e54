//! `redflag watchlist ...` and list screening inside `redflag screen`, end to end on the real
//! list files in ../shared/data/sanctions.

mod common;

use common::{redflag_with_data as redflag, text};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;

fn shared(rel: &str) -> String {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("../../../shared/data/sanctions")
        .join(rel)
        .display()
        .to_string()
}

#[test]
fn search_explains_a_romanised_name_and_finds_a_listed_wallet() {
    let store = tempfile::tempdir().unwrap();
    let sdn = shared("ofac/sdn_2024-05-03");
    let out = redflag(
        store.path(),
        &[
            "watchlist",
            "search",
            "Gim Sang-man",
            "--dob",
            "1965-04-25",
            "--watchlists",
            &sdn,
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("ofac-sdn:43377"), "{stdout}");
    assert!(
        stdout.contains("date of birth 1965-04-25 as listed"),
        "{stdout}"
    );
    assert!(stdout.contains("DPRK4"), "{stdout}");

    let wallet = "1FCNgfZWpYMeYhy9t18AAkTBu8AsdoAc1Z";
    let out = redflag(
        store.path(),
        &[
            "watchlist",
            "search",
            wallet,
            "--crypto",
            "--json",
            "--watchlists",
            &sdn,
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["hit"]["key"], "ofac-sdn:43377");
    assert_eq!(hits[0]["hit"]["tier"], "exact");

    let out = redflag(
        store.path(),
        &["watchlist", "search", "Grace Hopper", "--watchlists", &sdn],
    );
    assert!(
        text(&out.stdout).contains("no match"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn batch_screens_a_csv_and_protects_its_cells() {
    let store = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("names.csv");
    std::fs::write(
        &input,
        "id,name,kind,date_of_birth,country\n\
         A1,Kim Sang Man,person,1965,\n\
         A2,=HYPERLINK(\"http://x\"),person,,\n\
         A3,Yanbian Silver Star Network Technology,organization,,CN\n\
         A4,Grace Hopper,person,1906-12-09,US\n",
    )
    .unwrap();
    let out_file = dir.path().join("hits.csv");
    let out = redflag(
        store.path(),
        &[
            "watchlist",
            "batch",
            input.to_str().unwrap(),
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = std::fs::read_to_string(&out_file).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("line,id,name,tier,score,entity_key"));
    assert!(
        rows.iter()
            .any(|r| r.starts_with("2,A1,") && r.contains("redflag:kim-sang-man")),
        "{csv}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("4,A3,") && r.contains("redflag:yanbian-silverstar")),
        "{csv}"
    );
    assert!(
        !rows.iter().any(|r| r.contains(",A4,")),
        "Grace Hopper matches nothing: {csv}"
    );
    assert!(
        !csv.lines()
            .flat_map(|l| l.split(','))
            .any(|c| c.starts_with('=')),
        "{csv}"
    );

    std::fs::write(&input, "name,kind\nKim Sang Man,person\nAcme,company-ish\n").unwrap();
    let out = redflag(
        store.path(),
        &["watchlist", "batch", input.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(err.contains("names.csv:3: column `kind`"), "{err}");
}

/// Serves `files` (URL path → file) on loopback until the test ends.
fn serve(files: Vec<(String, PathBuf)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let path = line.split_whitespace().nth(1).unwrap_or("");
            let body = files
                .iter()
                .find(|(p, _)| p == path)
                .and_then(|(_, f)| std::fs::read(f).ok());
            let (status, body) = match body {
                Some(b) => ("200 OK", b),
                None => ("404 Not Found", Vec::new()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    base
}

#[test]
fn update_fills_the_store_and_screen_uses_it() {
    let store = tempfile::tempdir().unwrap();
    let mut files: Vec<(String, PathBuf)> = ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"]
        .iter()
        .map(|f| {
            (
                format!("/ofac/{f}"),
                PathBuf::from(shared(&format!("ofac/watchman_bench_2021-07/{f}"))),
            )
        })
        .collect();
    files.push((
        "/un.xml".into(),
        PathBuf::from(shared("un/UN_consolidated_2026-02-27.xml")),
    ));
    let base = serve(files);
    let out = redflag(
        store.path(),
        &[
            "watchlist",
            "update",
            "--ofac-url",
            &format!("{base}/ofac/{{file}}"),
            "--un-url",
            &format!("{base}/un.xml"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("8976 entities"), "{stdout}");
    assert!(
        stdout.contains("1003 entities") && stdout.contains("2026-02-27"),
        "{stdout}"
    );

    let out = redflag(store.path(), &["watchlist", "status"]);
    let status = text(&out.stdout);
    for list in ["redflag curated", "OFAC", "UN"] {
        assert!(status.contains(list), "{status}");
    }

    // A person paid to a wallet on the 2021 SDN list is at least high from that alone.
    let sdn = std::fs::read_to_string(shared("ofac/watchman_bench_2021-07/sdn.csv")).unwrap();
    let wallet = sdn
        .split("Digital Currency Address - XBT ")
        .nth(1)
        .and_then(|rest| rest.split([';', ' ', '.', '"']).next())
        .expect("an XBT address in the 2021 list")
        .to_string();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("people.csv"),
        "person_id,full_name,org,status\nP1,Ryan Walsh,UpGig,active\nP2,Grace Hopper,UpGig,active\n",
    )
    .unwrap();
    std::fs::write(
        data.path().join("contacts.csv"),
        format!("person_id,kind,value\nP1,crypto_address,{wallet}\n"),
    )
    .unwrap();
    let out = redflag(
        store.path(),
        &["screen", data.path().to_str().unwrap(), "--format", "json"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p1 = &report["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["person_id"] == "P1")
        .unwrap();
    assert_eq!(p1["level"], "high", "{p1}");
    let used: Vec<(&str, &str)> = report["summary"]["watchlists"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["list"].as_str().unwrap(),
                l["published"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(used.contains(&("un", "2026-02-27")), "{used:?}");
    assert!(
        used.iter().any(|(l, _)| *l == "ofac-sdn") && used.iter().any(|(l, _)| *l == "redflag")
    );
    assert_eq!(p1["evidence"][0]["indicator"], "WL_CRYPTO_LISTED");
    assert!(p1["evidence"][0]["detail"]
        .as_str()
        .unwrap()
        .contains(&wallet));

    // --no-watchlists screens against nothing.
    let out = redflag(
        store.path(),
        &[
            "screen",
            data.path().to_str().unwrap(),
            "--format",
            "json",
            "--no-watchlists",
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let people = report["people"].as_array().unwrap();
    assert!(people
        .iter()
        .all(|p| p["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| !e["indicator"].as_str().unwrap().starts_with("WL_"))));
}
