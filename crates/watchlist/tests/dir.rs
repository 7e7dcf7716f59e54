//! `read_watchlists_dir`: whatever lists a folder holds, merged into one `Watchlists`.

mod common;

use std::path::{Path, PathBuf};

use common::sanctions;
use redflag_watchlist::{curated, read_watchlists_dir, ListId, WatchlistError};

/// A fresh empty directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "redflag-watchlist-{tag}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn copy(&self, from: &Path, name: &str) {
        std::fs::copy(from, self.0.join(name)).unwrap();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn reads_ofac_csv_set_and_un_xml_from_one_folder() {
    let dir = TempDir::new("both");
    let bench = sanctions("ofac/watchman_bench_2021-07");
    for f in ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"] {
        dir.copy(&bench.join(f), f);
    }
    dir.copy(
        &sanctions("un/UN_consolidated_2026-02-27.xml"),
        "consolidated.xml",
    );
    std::fs::write(dir.0.join("README.txt"), "not a list").unwrap();

    let mut lists = read_watchlists_dir(&dir.0).unwrap();
    let codes: Vec<&str> = lists.lists().iter().map(|l| l.list.code()).collect();
    assert_eq!(codes, ["ofac-sdn", "un"]);
    assert_eq!(lists.len(), 8_976 + 1_003);
    assert_eq!(
        lists.info(ListId::OfacSdn).unwrap().files,
        ["sdn.csv", "sdn_comments.csv", "add.csv", "alt.csv"]
    );
    lists.push(curated()).unwrap();
    assert!(lists.get("redflag:kim-sang-man").is_some());
    assert!(lists.get("un:KPi.066").is_some());
    let err = lists.push(curated()).unwrap_err();
    assert!(matches!(err, WatchlistError::DuplicateList { .. }), "{err}");
}

#[test]
fn advanced_xml_is_preferred_over_the_csv_of_the_same_list() {
    let dir = TempDir::new("adv");
    dir.copy(&sanctions("ofac/sdn_2024-05-03/sdn.csv"), "sdn.csv");
    dir.copy(
        &std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(
                || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
                std::path::PathBuf::from,
            )
            .join("tests/fixtures/sdn_advanced_sample.xml"),
        "sdn_advanced.xml",
    );
    let lists = read_watchlists_dir(&dir.0).unwrap();
    assert_eq!(lists.lists().len(), 1);
    let info = lists.info(ListId::OfacSdn).unwrap();
    assert!(info.source.ends_with("sdn_advanced.xml"), "{}", info.source);
    assert!(info.warnings[0].contains("sdn.csv in the same folder was not read"));
}

#[test]
fn unknown_xml_and_empty_folders_are_errors() {
    let dir = TempDir::new("bad");
    let err = read_watchlists_dir(&dir.0).unwrap_err();
    assert!(matches!(err, WatchlistError::NoLists(_)), "{err}");
    std::fs::write(
        dir.0.join("eu.xml"),
        "<?xml version=\"1.0\"?>\n<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\"></export>",
    )
    .unwrap();
    let err = read_watchlists_dir(&dir.0).unwrap_err();
    assert!(
        err.to_string().contains("root element is <export>"),
        "{err}"
    );
}
