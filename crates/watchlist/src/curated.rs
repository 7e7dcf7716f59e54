//! redflag's own curated list of DPRK IT-worker entities and persons, built into the binary so a
//! fresh install (and the demo) screens against something real before `redflag watchlist
//! update` has fetched the full lists.
//!
//! `data/curated_dprk_itw.csv` was written for redflag from public US Treasury (OFAC) and DOJ
//! actions: every entity and person those actions name in connection with DPRK IT-worker
//! revenue schemes, with names, aliases (native script where the source gives it), designation
//! or charging date, authority, location, programs and the public sources. Where the same
//! party is on the OFAC SDN list, its `ent_num` and programs were checked against the SDN copy
//! of 2024-05-03 and its OFAC search page is cited as a second source.
//!
//! Choices a reviewer should know:
//! - **Seized domains** are [`IdKind::Website`] identifiers of the front company they were
//!   seized from. The 17 domains seized on 2023-10-17 were tied to "Yanbian Silverstar /
//!   Volasys Silver Star IT workers", so both companies carry them. `upworksell.com` belongs to
//!   the identity-renting marketplace of the same name. A domain that was only *assessed* as a
//!   front by researchers and not seized (e.g. `huguotechltd.com`) is not here; it stays in the
//!   reference catalogue.
//! - **Facilitators who are individuals** (US and other non-DPRK persons charged with hosting
//!   laptops or lending identities) are not listed: they are not DPRK IT workers, several are
//!   charged but not convicted, and their common names would flag innocent namesakes. The shell
//!   companies named in those indictments (Taggcar Inc., Vali Tech Inc.) are listed.
//! - **Dates.** `listed_on` is the designation date, or for DOJ-only entries the date of the
//!   indictment or seizure. Dates the source gives only to the month, or not reliably, are left
//!   out of `listed_on` and stated in a `Designation date` [`Fact`] (e.g. "unverified …").
//! - A row naming several people in the source was split into one entity per person.

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::{At, WatchlistError};
use crate::model::{
    Address, Country, DateBasis, Entity, EntityKind, EntityName, Fact, IdKind, Identifier, ListId,
    ListInfo, NameKind, NameStrength, Published, SourceRef, WatchList,
};
use redflag_normalize::{country_name, known_code};

/// File name used in messages and evidence.
pub const CURATED_FILE: &str = "curated_dprk_itw.csv";
const CURATED_CSV: &str = include_str!("../data/curated_dprk_itw.csv");

#[derive(Debug, Deserialize)]
struct Row {
    id: String,
    kind: String,
    name: String,
    surname: String,
    given: String,
    aliases: String,
    weak_aliases: String,
    native_names: String,
    nationality: String,
    born: String,
    listed_on: String,
    date_note: String,
    authority: String,
    action: String,
    programs: String,
    ofac_ent_num: String,
    location: String,
    countries: String,
    websites: String,
    role: String,
    sources: String,
}

fn list(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// redflag's curated DPRK IT-worker list (parsed once).
pub fn curated() -> WatchList {
    static CELL: OnceLock<WatchList> = OnceLock::new();
    CELL.get_or_init(|| {
        parse_curated(CURATED_FILE, CURATED_CSV)
            .expect("embedded data/curated_dprk_itw.csv is invalid (the crate's tests catch this)")
    })
    .clone()
}

/// Parses a curated list in redflag's CSV layout (the embedded file's columns).
pub fn parse_curated(file: &str, text: &str) -> Result<WatchList, WatchlistError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let mut entities: Vec<Entity> = Vec::new();
    let mut newest: Option<NaiveDate> = None;
    let headers = reader
        .headers()
        .map_err(|e| WatchlistError::invalid(At::new(file, 1), format!("bad header: {e}")))?
        .clone();
    for result in reader.records() {
        let record = result.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            WatchlistError::invalid(At::new(file, line), format!("not valid CSV: {e}"))
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let row: Row = record.deserialize(Some(&headers)).map_err(|e| {
            WatchlistError::invalid(At::new(file, line), format!("not a valid curated row: {e}"))
        })?;
        let at = |field: &str| At::new(file, line).field(field.to_string());
        let bad = |field: &str, expected: &str, found: &str| {
            WatchlistError::invalid(at(field), format!("expected {expected}, found {found:?}"))
        };
        if row.id.is_empty()
            || !row
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(bad("id", "a lowercase slug", &row.id));
        }
        if entities.iter().any(|e| e.source_id == row.id) {
            return Err(bad("id", "an id used once", &row.id));
        }
        let kind = match row.kind.as_str() {
            "person" => EntityKind::Person,
            "organization" => EntityKind::Organization,
            other => return Err(bad("kind", "person or organization", other)),
        };
        if row.name.trim().is_empty() {
            return Err(bad("name", "a name", ""));
        }
        let sources: Vec<String> = list(&row.sources).map(str::to_string).collect();
        if sources.is_empty() || sources.iter().any(|s| !s.starts_with("https://")) {
            return Err(bad("sources", "one or more https:// URLs", &row.sources));
        }
        let mut e = Entity::new(
            ListId::RedflagCurated,
            &row.id,
            kind,
            SourceRef {
                file: file.to_string(),
                line: Some(line),
            },
        );
        let mut primary = EntityName::new(row.name.trim(), NameStrength::Strong, NameKind::Primary);
        if !row.surname.is_empty() {
            primary.surname = Some(row.surname.clone());
            primary.given = (!row.given.is_empty()).then(|| row.given.clone());
        }
        e.push_name(primary);
        for a in list(&row.aliases) {
            e.push_name(EntityName::new(a, NameStrength::Strong, NameKind::Aka));
        }
        for a in list(&row.weak_aliases) {
            e.push_name(EntityName::new(a, NameStrength::Weak, NameKind::Aka));
        }
        for a in list(&row.native_names) {
            e.push_name(EntityName::new(a, NameStrength::Strong, NameKind::Native));
        }
        for code in list(&row.nationality) {
            let c = country(code).ok_or_else(|| bad("nationality", "an ISO code", code))?;
            e.nationalities.push(c);
        }
        for born in list(&row.born) {
            let d = NaiveDate::parse_from_str(born, "%Y-%m-%d")
                .map_err(|_| bad("born", "YYYY-MM-DD dates separated by |", born))?;
            e.birth_dates.push(crate::model::PartialDate::point(
                crate::model::DatePoint::from_date(d),
            ));
        }
        if !row.listed_on.is_empty() {
            let d = NaiveDate::parse_from_str(&row.listed_on, "%Y-%m-%d")
                .map_err(|_| bad("listed_on", "YYYY-MM-DD or empty", &row.listed_on))?;
            e.listed_on = Some(d);
            if row.action.starts_with("designated") {
                newest = newest.max(Some(d));
            }
        }
        if !row.date_note.is_empty() {
            e.facts.push(Fact {
                label: "Designation date".into(),
                value: row.date_note.clone(),
            });
        }
        if row.listed_on.is_empty() && row.date_note.is_empty() {
            return Err(bad(
                "listed_on",
                "a date, or a date_note saying why there is none",
                "",
            ));
        }
        e.authority = Some(row.authority.clone()).filter(|a| !a.is_empty());
        if !row.action.is_empty() {
            e.facts.push(Fact {
                label: "Action".into(),
                value: row.action.clone(),
            });
        }
        for p in list(&row.programs) {
            e.push_program(p);
        }
        if !row.ofac_ent_num.is_empty() {
            if !row.ofac_ent_num.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("ofac_ent_num", "a number", &row.ofac_ent_num));
            }
            e.facts.push(Fact {
                label: "OFAC SDN ent_num".into(),
                value: row.ofac_ent_num.clone(),
            });
        }
        let countries: Vec<Country> = list(&row.countries)
            .map(|c| country(c).ok_or_else(|| bad("countries", "ISO codes", c)))
            .collect::<Result<_, _>>()?;
        if !row.location.is_empty() || !countries.is_empty() {
            if countries.len() == 1 {
                e.addresses.push(Address {
                    text: row.location.clone(),
                    city: None,
                    country: countries.into_iter().next(),
                });
            } else {
                if !row.location.is_empty() {
                    e.addresses.push(Address {
                        text: row.location.clone(),
                        city: None,
                        country: None,
                    });
                }
                for c in countries {
                    e.addresses.push(Address {
                        text: c.name.clone(),
                        city: None,
                        country: Some(c),
                    });
                }
            }
        }
        for w in list(&row.websites) {
            if w.contains(['/', ' ', ':']) || !w.contains('.') || w.to_ascii_lowercase() != w {
                return Err(bad("websites", "lowercase domain names", w));
            }
            e.identifiers.push(Identifier {
                kind: IdKind::Website,
                label: "Website".into(),
                value: w.to_string(),
                country: None,
                note: Some("seized domain".into()),
            });
        }
        e.remarks = Some(row.role.clone()).filter(|r| !r.is_empty());
        e.source_urls = sources;
        entities.push(e);
    }
    Ok(WatchList {
        info: ListInfo {
            list: ListId::RedflagCurated,
            source: format!("built-in {file}"),
            published: newest.map(Published::Date),
            published_basis: DateBasis::NewestEntry,
            entities: entities.len(),
            files: vec![file.to_string()],
            warnings: Vec::new(),
        },
        entities,
    })
}

fn country(code: &str) -> Option<Country> {
    let code = known_code(code)?;
    Some(Country {
        code: Some(code.to_string()),
        name: country_name(code).unwrap_or(code).to_string(),
    })
}
