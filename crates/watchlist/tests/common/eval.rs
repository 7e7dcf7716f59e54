//! The yente evaluation sets as screening queries, shared by the accuracy tests and the
//! `screen_eval` example.

use std::path::PathBuf;

use chrono::NaiveDate;
use redflag_watchlist::{read_ofac_dir, read_un_xml, Query, Watchlists};

/// `../shared/data/sanctions/<rel>`.
pub fn sanctions(rel: &str) -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("../../../shared/data/sanctions")
        .join(rel)
}

/// The full 2024 SDN list and the 2026 UN list.
pub fn sdn_and_un() -> Watchlists {
    let sdn = read_ofac_dir(&sanctions("ofac/sdn_2024-05-03"), None).expect("2024 SDN");
    let un = read_un_xml(&sanctions("un/UN_consolidated_2026-02-27.xml")).expect("UN list");
    Watchlists::new()
        .with(sdn)
        .and_then(|l| l.with(un))
        .expect("two different lists")
}

/// One row of a yente fixture (full_name, …, date_of_birth, …, nationality).
pub struct Row {
    pub full_name: String,
    pub date_of_birth: String,
    #[allow(dead_code)] // kept for reports; the values are country names in several languages
    pub nationality: String,
}

pub fn rows(rel: &str) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(sanctions(rel)).expect("fixture");
    let headers = reader.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let (name, dob, nat) = (col("full_name"), col("date_of_birth"), col("nationality"));
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            Row {
                full_name: r[name].to_string(),
                date_of_birth: r[dob].to_string(),
                nationality: r[nat].to_string(),
            }
        })
        .collect()
}

/// A person query with the row's date (full or year) of birth. Nationality is not passed:
/// the fixture's values are country names in several languages.
pub fn person_query(row: &Row) -> Query {
    let q = Query::person(row.full_name.clone());
    let dob = row.date_of_birth.trim();
    if let Ok(d) = NaiveDate::parse_from_str(dob, "%Y-%m-%d") {
        q.born(d)
    } else if let Ok(y) = dob.get(..4).unwrap_or("").parse::<i32>() {
        q.born_in(y)
    } else {
        q
    }
}

/// Normalised form for joining a fixture name to a list name.
pub fn plain(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
