//! Loaders for the shared ER benchmark files (read in place, never copied) and the models used
//! on them. Shared by the tests and `examples/er_bench.rs`.
#![allow(dead_code)]

use std::path::PathBuf;

use redflag_linking::{LinkModel, ModelConfig, Record};

/// `../shared/data/er` from the workspace root.
pub fn er_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("../../../shared/data/er")
}

/// A FEBRL CSV: records and entity labels (the number in `rec-<n>-…`).
pub fn febrl(file: &str) -> (Vec<Record>, Vec<String>) {
    let path = er_dir().join("febrl").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .expect("header")
        .split(',')
        .map(str::trim)
        .collect();
    let mut records = Vec::new();
    let mut labels = Vec::new();
    for (n, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        assert_eq!(cells.len(), header.len(), "{}:{}", path.display(), n + 2);
        let id = cells[0];
        labels.push(id.split('-').nth(1).expect("rec-<n>-").to_string());
        let mut r = Record::new(id);
        for (h, v) in header.iter().zip(&cells).skip(1) {
            r = r.with(*h, *v);
        }
        records.push(r);
    }
    (records, labels)
}

/// RLdata500 / RLdata10000: records and entity labels from the row-aligned identity file.
pub fn rldata(size: &str) -> (Vec<Record>, Vec<String>) {
    let dir = er_dir().join("rldata");
    let data = std::fs::read_to_string(dir.join(format!("RLdata{size}.tsv"))).expect("rldata");
    let ids =
        std::fs::read_to_string(dir.join(format!("identity.RLdata{size}.tsv"))).expect("identity");
    let mut lines = data.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let records: Vec<Record> = lines
        .enumerate()
        .map(|(i, line)| {
            let mut r = Record::new(format!("row{}", i + 1));
            for (h, v) in header.iter().zip(line.split('\t')) {
                r = r.with(*h, v);
            }
            r
        })
        .collect();
    let labels: Vec<String> = ids.lines().skip(1).map(|s| s.trim().to_string()).collect();
    assert_eq!(records.len(), labels.len());
    (records, labels)
}

/// The FEBRL model: every field compared, blocking on identifiers, names and places.
pub fn febrl_model() -> LinkModel {
    LinkModel::from_config(
        &ModelConfig::default()
            .compare("given_name", "name")
            .compare("surname", "name")
            .compare("street_number", "token")
            .compare("address_1", "name")
            .compare("address_2", "name")
            .compare("suburb", "name")
            .compare("postcode", "token")
            .compare("state", "exact")
            .compare("date_of_birth", "date")
            .compare("soc_sec_id", "token")
            .block("soc_sec_id")
            .block("date_of_birth")
            .block("soundex(given_name) & soundex(surname)")
            .block("soundex(surname) & postcode")
            .block("soundex(given_name) & postcode")
            .block("soundex(surname) & year(date_of_birth)")
            .block("soundex(given_name) & year(date_of_birth)")
            .block("postcode & street_number")
            .block("soundex(address_1) & soundex(suburb)"),
    )
    .expect("febrl model")
}

/// The RLdata model: names and date of birth (three fields).
pub fn rldata_model() -> LinkModel {
    LinkModel::from_config(
        &ModelConfig::default()
            .compare("fname_c1", "name_tf")
            .compare("fname_c2", "name")
            .compare("lname_c1", "name_tf")
            .compare("lname_c2", "name")
            .compare("by,bm,bd", "date")
            .block("soundex(fname_c1) & soundex(lname_c1)")
            .block("soundex(lname_c1) & by")
            .block("soundex(fname_c1) & by")
            .block("by & bm & bd")
            .block("fname_c1 & bm & bd")
            .block("lname_c1 & bm & bd"),
    )
    .expect("rldata model")
}
