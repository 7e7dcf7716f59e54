//! The UN Security Council consolidated list (`consolidated.xml`, schema
//! `sc-sanctions.xsd`).
//!
//! `CONSOLIDATED_LIST@dateGenerated` → `INDIVIDUALS/INDIVIDUAL` and `ENTITIES/ENTITY`, each with
//! `DATAID`, `FIRST_NAME` … `FOURTH_NAME`, `NAME_ORIGINAL_SCRIPT`, `UN_LIST_TYPE`,
//! `REFERENCE_NUMBER` (the key, e.g. `KPi.066`), `LISTED_ON`, `COMMENTS1`, `DESIGNATION`,
//! `TITLE`, `NATIONALITY` (`VALUE`s) and repeated `*_ALIAS` (`QUALITY` Good/Low/a.k.a./f.k.a.,
//! `ALIAS_NAME`), `*_ADDRESS`, `INDIVIDUAL_DATE_OF_BIRTH` (`TYPE_OF_DATE`
//! EXACT/APPROXIMATELY/BETWEEN with `DATE`, `YEAR` or `FROM_YEAR`/`TO_YEAR`),
//! `INDIVIDUAL_PLACE_OF_BIRTH`, `INDIVIDUAL_DOCUMENT`.
//!
//! The file is read as a stream, one record at a time. `FIRST_NAME` is not a given name (for
//! Korean entries it is usually the surname), so the primary name is the name fields joined in
//! list order, with no parts marked.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use crate::dates;
use crate::error::{At, WatchlistError};
use crate::model::{
    Address, Country, DateBasis, DatePoint, Entity, EntityKind, EntityName, Identifier, ListId,
    ListInfo, NameKind, NameStrength, PartialDate, Published, SourceRef, WatchList,
};
use crate::sources::ofac_csv::remarks::id_kind_for_label;
use crate::text::{squash, utf8};
use crate::xml::{Ev, Node, XmlPull};

const EXPECTED: &str =
    "the UN Security Council consolidated list (root element <CONSOLIDATED_LIST>)";

/// Reads the UN consolidated list from a file.
pub fn read_un_xml(path: &Path) -> Result<WatchList, WatchlistError> {
    let bytes = std::fs::read(path).map_err(|source| WatchlistError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let mut list = parse_un_xml(&name, &bytes)?;
    list.info.source = path.display().to_string();
    Ok(list)
}

/// Parses the UN consolidated list from bytes; `file` names it in messages and evidence.
pub fn parse_un_xml(file: &str, bytes: &[u8]) -> Result<WatchList, WatchlistError> {
    let text = utf8(file, bytes)?;
    let mut xml = XmlPull::new(file, text);
    // Root element.
    let (published, basis) = loop {
        match xml.next()? {
            Ev::Start { name, attrs, line } => {
                if name != "CONSOLIDATED_LIST" {
                    return Err(WatchlistError::NotAList {
                        file: file.to_string(),
                        expected: EXPECTED,
                        found: format!("root element is <{name}> (line {line})"),
                    });
                }
                match attrs.iter().find(|(k, _)| k == "dateGenerated") {
                    Some((_, v)) => {
                        let p = parse_generated(v).ok_or_else(|| {
                            WatchlistError::invalid(
                                At::new(file, line).field("dateGenerated"),
                                format!("expected an ISO 8601 date-time, found {v:?}"),
                            )
                        })?;
                        break (Some(p), DateBasis::List);
                    }
                    None => break (None, DateBasis::Unknown),
                }
            }
            Ev::Text(t) if t.trim().is_empty() => {}
            Ev::Text(_) => {
                return Err(WatchlistError::NotAList {
                    file: file.to_string(),
                    expected: EXPECTED,
                    found: "text before the first element".into(),
                })
            }
            Ev::End => return Err(xml.error("unexpected end tag")),
            Ev::Eof => {
                return Err(WatchlistError::NotAList {
                    file: file.to_string(),
                    expected: EXPECTED,
                    found: "no XML element at all".into(),
                })
            }
        }
    };

    let mut entities = Vec::new();
    let mut depth = 1usize; // inside CONSOLIDATED_LIST
    loop {
        match xml.next()? {
            Ev::Start { name, attrs, line } => {
                if depth == 2 && (name == "INDIVIDUAL" || name == "ENTITY") {
                    let node = xml.subtree(name, attrs, line)?;
                    entities.push(record(file, &node)?);
                } else if depth >= 2 {
                    xml.skip()?;
                } else {
                    depth += 1;
                }
            }
            Ev::End => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Ev::Text(_) => {}
            Ev::Eof => return Err(xml.error("file ends before </CONSOLIDATED_LIST>")),
        }
    }
    // Anything after the root must be whitespace.
    loop {
        match xml.next()? {
            Ev::Eof => break,
            Ev::Text(t) if t.trim().is_empty() => {}
            _ => return Err(xml.error("content after the root element")),
        }
    }

    let mut seen = std::collections::HashMap::new();
    for e in &entities {
        if let Some(prev) = seen.insert(e.key.clone(), e.origin.clone()) {
            return Err(WatchlistError::invalid(
                At::new(file, e.origin.line.unwrap_or(0)).field("REFERENCE_NUMBER"),
                format!("{} appears twice (first at {prev})", e.source_id),
            ));
        }
    }

    Ok(WatchList {
        info: ListInfo {
            list: ListId::UnConsolidated,
            source: file.to_string(),
            published,
            published_basis: basis,
            entities: entities.len(),
            files: vec![file.to_string()],
            warnings: Vec::new(),
        },
        entities,
    })
}

fn parse_generated(v: &str) -> Option<Published> {
    let v = v.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(Published::DateTime(t.with_timezone(&Utc)));
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(Published::DateTime(t.and_utc()));
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .map(Published::Date)
}

/// One INDIVIDUAL or ENTITY record.
fn record(file: &str, n: &Node) -> Result<Entity, WatchlistError> {
    let person = n.name == "INDIVIDUAL";
    let id = n
        .text_of("REFERENCE_NUMBER")
        .map(str::to_string)
        .or_else(|| n.text_of("DATAID").map(|d| format!("DATAID-{d}")))
        .ok_or_else(|| {
            WatchlistError::invalid(
                At::new(file, n.line).field(format!("<{}>", n.name)),
                "record has neither REFERENCE_NUMBER nor DATAID",
            )
        })?;
    let kind = if person {
        EntityKind::Person
    } else {
        EntityKind::Organization
    };
    let mut e = Entity::new(
        ListId::UnConsolidated,
        &id,
        kind,
        SourceRef {
            file: file.to_string(),
            line: Some(n.line),
        },
    );

    let parts: Vec<&str> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
        .iter()
        .filter_map(|f| n.text_of(f))
        .collect();
    if parts.is_empty() {
        return Err(WatchlistError::invalid(
            At::new(file, n.line).field("FIRST_NAME"),
            format!("record {id} has no name"),
        ));
    }
    e.push_name(EntityName::new(
        squash(&parts.join(" ")),
        NameStrength::Strong,
        NameKind::Primary,
    ));
    if let Some(native) = n.text_of("NAME_ORIGINAL_SCRIPT") {
        e.push_name(EntityName::new(
            squash(native),
            NameStrength::Strong,
            NameKind::Native,
        ));
    }
    let alias_tag = if person {
        "INDIVIDUAL_ALIAS"
    } else {
        "ENTITY_ALIAS"
    };
    for a in n.children(alias_tag) {
        let Some(name) = a.text_of("ALIAS_NAME") else {
            continue;
        };
        let name = squash(name.trim_matches(|c| c == '"' || c == '“' || c == '”'));
        let (strength, kind) = match a
            .text_of("QUALITY")
            .unwrap_or("")
            .to_ascii_lowercase()
            .as_str()
        {
            "low" => (NameStrength::Weak, NameKind::Aka),
            "f.k.a." | "fka" => (NameStrength::Strong, NameKind::Fka),
            "n.k.a." | "nka" => (NameStrength::Strong, NameKind::Nka),
            _ => (NameStrength::Strong, NameKind::Aka),
        };
        e.push_name(EntityName::new(name, strength, kind));
        if let Some(d) = a.text_of("DATE_OF_BIRTH").and_then(dates::point) {
            push_unique(&mut e.birth_dates, PartialDate::point(d));
        }
        let place = join(&[a.text_of("CITY_OF_BIRTH"), a.text_of("COUNTRY_OF_BIRTH")]);
        if !place.is_empty() && !e.birth_places.contains(&place) {
            e.birth_places.push(place);
        }
    }

    if let Some(p) = n.text_of("UN_LIST_TYPE") {
        e.push_program(p);
    }
    e.listed_on = n.text_of("LISTED_ON").and_then(dates::full_date);
    e.remarks = n.text_of("COMMENTS1").map(squash);
    e.gender = n.text_of("GENDER").map(str::to_string);
    for tag in ["TITLE", "DESIGNATION"] {
        if let Some(t) = n.child(tag) {
            for v in t.children("VALUE").filter_map(Node::value) {
                e.titles.push(squash(v));
            }
        }
    }
    if let Some(nat) = n.child("NATIONALITY") {
        for v in nat.children("VALUE").filter_map(Node::value) {
            e.nationalities.push(Country::from_name(v));
        }
    }

    let address_tag = if person {
        "INDIVIDUAL_ADDRESS"
    } else {
        "ENTITY_ADDRESS"
    };
    for a in n.children(address_tag) {
        let street = a.text_of("STREET").unwrap_or("");
        let state = a.text_of("STATE_PROVINCE").unwrap_or("");
        let zip = a.text_of("ZIP_CODE").unwrap_or("");
        let city = a.text_of("CITY");
        let country = a.text_of("COUNTRY");
        let mut parts: Vec<&str> = vec![street];
        if let Some(c) = city {
            parts.push(c);
        }
        parts.push(state);
        parts.push(zip);
        if let Some(mut addr) = Address::from_parts(&parts, city, country) {
            if let Some(note) = a.text_of("NOTE") {
                addr.text = format!("{} ({})", addr.text, squash(note));
            }
            if !e.addresses.contains(&addr) {
                e.addresses.push(addr);
            }
        }
    }

    for d in n.children("INDIVIDUAL_DATE_OF_BIRTH") {
        if let Some(date) = birth_date(d) {
            push_unique(&mut e.birth_dates, date);
        }
    }
    for p in n.children("INDIVIDUAL_PLACE_OF_BIRTH") {
        let place = join(&[
            p.text_of("STREET"),
            p.text_of("CITY"),
            p.text_of("STATE_PROVINCE"),
            p.text_of("COUNTRY"),
        ]);
        if !place.is_empty() && !e.birth_places.contains(&place) {
            e.birth_places.push(place);
        }
    }
    for d in n.children("INDIVIDUAL_DOCUMENT") {
        let Some(number) = d.text_of("NUMBER") else {
            continue;
        };
        let label = d.text_of("TYPE_OF_DOCUMENT").unwrap_or("Document");
        let country = d
            .text_of("ISSUING_COUNTRY")
            .or_else(|| d.text_of("COUNTRY_OF_ISSUE"))
            .map(Country::from_name);
        let mut notes: Vec<String> = Vec::new();
        if let Some(t2) = d.text_of("TYPE_OF_DOCUMENT2") {
            notes.push(squash(t2));
        }
        if let Some(issued) = d.text_of("DATE_OF_ISSUE") {
            notes.push(format!("issued {}", issued.get(..10).unwrap_or(issued)));
        }
        if let Some(city) = d.text_of("CITY_OF_ISSUE") {
            notes.push(format!("issued in {}", squash(city)));
        }
        if let Some(note) = d.text_of("NOTE") {
            notes.push(squash(note));
        }
        e.identifiers.push(Identifier {
            kind: id_kind_for_label(label),
            label: squash(label),
            value: squash(number),
            country,
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        });
    }
    Ok(e)
}

fn birth_date(d: &Node) -> Option<PartialDate> {
    let kind = d
        .text_of("TYPE_OF_DATE")
        .unwrap_or("EXACT")
        .to_ascii_uppercase();
    let circa = kind == "APPROXIMATELY";
    let year = |tag: &str| {
        d.text_of(tag)
            .and_then(|y| y.parse::<i32>().ok())
            .and_then(|y| DatePoint::new(y, None, None))
    };
    if let (Some(from), Some(to)) = (year("FROM_YEAR"), year("TO_YEAR")) {
        return (from <= to).then_some(PartialDate {
            from,
            to: Some(to),
            circa,
        });
    }
    let from = d
        .text_of("DATE")
        .and_then(dates::point)
        .or_else(|| year("YEAR"))?;
    Some(PartialDate {
        from,
        to: None,
        circa,
    })
}

fn join(parts: &[Option<&str>]) -> String {
    squash(
        &parts
            .iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
    )
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}
