//! OFAC's legacy CSV files: `sdn.csv` with `add.csv`, `alt.csv` and `sdn_comments.csv`, and the
//! non-SDN consolidated set `cons_prim.csv`, `cons_add.csv`, `cons_alt.csv`, `cons_comments.csv`
//! in the same layout.
//!
//! Format (OFAC's data specification): no header row; `-0-` (often padded to `-0- `) means
//! empty; Windows-1252; records end with CRLF and the file with a DOS end-of-file byte.
//!
//! | file | columns |
//! |---|---|
//! | `sdn.csv` | ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks |
//! | `add.csv` | ent_num, add_num, Address, City/State/Postal, Country, Add_remarks |
//! | `alt.csv` | ent_num, alt_num, alt_type (aka/fka/nka), alt_name, alt_remarks |
//! | `sdn_comments.csv` | ent_num, remarks continued |
//!
//! Multi-program entries read `DPRK3] [DPRK4`. The Remarks field is cut at 1,000 characters and
//! continues, mid-word, in `sdn_comments.csv`: the reader appends the continuation before parsing
//! the remarks (see [`remarks`]). When remarks are exactly at the limit and no comments file
//! completes them, the last clause is not parsed (it may be half a crypto address) and the list
//! info carries a warning.
//!
//! `alt.csv` holds OFAC's strong aliases; the weak ones are only in remarks as `a.k.a. 'NAME'`
//! and are read as [`NameStrength::Weak`]. An `alt_remarks` containing "weak" also makes an
//! `alt.csv` alias weak.

pub(crate) mod remarks;

use std::collections::HashMap;
use std::path::Path;

use crate::error::{At, WatchlistError};
use crate::model::{
    Address, DateBasis, Entity, EntityKind, EntityName, Fact, ListId, ListInfo, NameKind,
    NameStrength, Published, SourceRef, WatchList,
};
use crate::text::{decode_ofac_csv, squash, LineCounter};

/// OFAC cuts the legacy Remarks field at this many characters.
pub const REMARKS_LIMIT: usize = 1000;

/// One input file: its name (for messages and evidence) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct CsvFile<'a> {
    /// File name, e.g. `sdn.csv`.
    pub name: &'a str,
    /// Raw bytes as downloaded.
    pub bytes: &'a [u8],
}

/// The files of one OFAC CSV set; only the primary file is required.
#[derive(Debug, Clone, Copy)]
pub struct OfacCsvInput<'a> {
    /// `sdn.csv` or `cons_prim.csv`.
    pub primary: CsvFile<'a>,
    /// `add.csv` / `cons_add.csv`.
    pub addresses: Option<CsvFile<'a>>,
    /// `alt.csv` / `cons_alt.csv`.
    pub aliases: Option<CsvFile<'a>>,
    /// `sdn_comments.csv` / `cons_comments.csv`.
    pub comments: Option<CsvFile<'a>>,
}

/// Which OFAC CSV set: the file names differ, the layout does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfacSet {
    /// `sdn.csv`, `add.csv`, `alt.csv`, `sdn_comments.csv`.
    Sdn,
    /// `cons_prim.csv`, `cons_add.csv`, `cons_alt.csv`, `cons_comments.csv`.
    Consolidated,
}

impl OfacSet {
    /// The list this set is.
    pub fn list(self) -> ListId {
        match self {
            OfacSet::Sdn => ListId::OfacSdn,
            OfacSet::Consolidated => ListId::OfacConsolidated,
        }
    }

    /// File names: primary, addresses, aliases, comments.
    pub fn file_names(self) -> [&'static str; 4] {
        match self {
            OfacSet::Sdn => ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"],
            OfacSet::Consolidated => [
                "cons_prim.csv",
                "cons_add.csv",
                "cons_alt.csv",
                "cons_comments.csv",
            ],
        }
    }
}

/// Reads the OFAC SDN CSV set in `dir`: `sdn.csv` is required; `add.csv`, `alt.csv` and
/// `sdn_comments.csv` are used when present (see [`ListInfo::files`]).
///
/// The legacy CSV carries no date. Pass the date recorded when the files were downloaded as
/// `published`; without one, the modification time of `sdn.csv` is used and marked
/// [`DateBasis::FileModified`].
pub fn read_ofac_dir(
    dir: &Path,
    published: Option<Published>,
) -> Result<WatchList, WatchlistError> {
    read_ofac_set(dir, OfacSet::Sdn, published)
}

/// Reads one OFAC CSV set (SDN or consolidated non-SDN) from `dir`; see [`read_ofac_dir`].
pub fn read_ofac_set(
    dir: &Path,
    set: OfacSet,
    published: Option<Published>,
) -> Result<WatchList, WatchlistError> {
    let [prim, add, alt, comments] = set.file_names();
    let prim_path = dir.join(prim);
    if !prim_path.is_file() {
        return Err(WatchlistError::Missing {
            dir: dir.to_path_buf(),
            file: prim.to_string(),
            why: format!(
                "it is the main file of the OFAC {} CSV set ({add}, {alt} and {comments} are optional)",
                if set == OfacSet::Sdn { "SDN" } else { "consolidated" }
            ),
        });
    }
    let read = |name: &str| -> Result<Option<Vec<u8>>, WatchlistError> {
        let path = dir.join(name);
        if !path.is_file() {
            return Ok(None);
        }
        std::fs::read(&path)
            .map(Some)
            .map_err(|source| WatchlistError::Io { path, source })
    };
    let prim_bytes = read(prim)?.unwrap_or_default();
    let add_bytes = read(add)?;
    let alt_bytes = read(alt)?;
    let com_bytes = read(comments)?;
    let (published, basis) = match published {
        Some(p) => (Some(p), DateBasis::Recorded),
        None => match file_date(&prim_path) {
            Some(d) => (Some(Published::Date(d)), DateBasis::FileModified),
            None => (None, DateBasis::Unknown),
        },
    };
    let input = OfacCsvInput {
        primary: CsvFile {
            name: prim,
            bytes: &prim_bytes,
        },
        addresses: add_bytes.as_deref().map(|b| CsvFile {
            name: add,
            bytes: b,
        }),
        aliases: alt_bytes.as_deref().map(|b| CsvFile {
            name: alt,
            bytes: b,
        }),
        comments: com_bytes.as_deref().map(|b| CsvFile {
            name: comments,
            bytes: b,
        }),
    };
    let mut list = parse_ofac_csv(set.list(), &dir.display().to_string(), input)?;
    list.info.published = published;
    list.info.published_basis = basis;
    Ok(list)
}

/// The modification day of a file (UTC).
pub(crate) fn file_date(path: &Path) -> Option<chrono::NaiveDate> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let t: chrono::DateTime<chrono::Utc> = modified.into();
    Some(t.date_naive())
}

/// A CSV record with its line.
struct Row {
    line: u64,
    fields: Vec<String>,
    /// The last field untrimmed (`-0-` still becomes empty): remarks are cut mid-text at the
    /// field limit, so a space at either side of the cut matters when joining.
    last_raw: String,
}

/// Reads a headerless OFAC CSV, checking the column count of every row.
fn rows(file: CsvFile<'_>, columns: &[&str]) -> Result<Vec<Row>, WatchlistError> {
    let text = decode_ofac_csv(file.name, file.bytes)?;
    let bytes = text.as_bytes();
    // The csv crate counts a CRLF's line feed towards the next record, so lines are counted
    // here from each record's byte offset instead.
    let mut lines = LineCounter::new(bytes);
    let mut line_at = |byte: u64| {
        let mut b = (byte as usize).min(bytes.len());
        while b < bytes.len() && (bytes[b] == b'\r' || bytes[b] == b'\n') {
            b += 1;
        }
        lines.line_at(b)
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = line_at(e.position().map(|p| p.byte()).unwrap_or(start));
                return Err(WatchlistError::invalid(
                    At::new(file.name, line),
                    format!("not valid CSV: {e}"),
                ));
            }
        }
        let line = line_at(record.position().map(|p| p.byte()).unwrap_or(start));
        // A blank line (some mirrors end with one) is not a record.
        if record.len() == 1 && record[0].trim().is_empty() {
            continue;
        }
        if record.len() != columns.len() {
            return Err(WatchlistError::invalid(
                At::new(file.name, line),
                format!(
                    "expected {} columns ({}), found {}",
                    columns.len(),
                    columns.join(", "),
                    record.len()
                ),
            ));
        }
        let last = record.iter().next_back().unwrap_or("");
        out.push(Row {
            line,
            fields: record.iter().map(clean).collect(),
            last_raw: if last.trim() == "-0-" {
                String::new()
            } else {
                last.to_string()
            },
        });
    }
    Ok(out)
}

/// Trims a field and turns OFAC's `-0-` into empty.
fn clean(field: &str) -> String {
    let t = field.trim();
    if t == "-0-" {
        String::new()
    } else {
        t.to_string()
    }
}

fn ent_num(file: &str, row: &Row) -> Result<u64, WatchlistError> {
    let v = &row.fields[0];
    v.parse().map_err(|_| {
        WatchlistError::invalid(
            At::new(file, row.line).field("ent_num"),
            format!("expected a whole number, found {v:?}"),
        )
    })
}

const SDN_COLUMNS: [&str; 12] = [
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
];
const ADD_COLUMNS: [&str; 6] = [
    "ent_num",
    "add_num",
    "Address",
    "City/State/Postal",
    "Country",
    "Add_remarks",
];
const ALT_COLUMNS: [&str; 5] = ["ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"];
const COMMENT_COLUMNS: [&str; 2] = ["ent_num", "Remarks_continued"];

/// Parses an OFAC CSV set from bytes. `source` is what [`ListInfo::source`] will say. The
/// result has no publication date; [`read_ofac_set`] sets it.
pub fn parse_ofac_csv(
    list: ListId,
    source: &str,
    input: OfacCsvInput<'_>,
) -> Result<WatchList, WatchlistError> {
    let prim = input.primary;
    let primary_rows = rows(prim, &SDN_COLUMNS)?;
    let mut files = vec![prim.name.to_string()];
    let mut warnings = Vec::new();

    // Comments first: they complete remarks before those are parsed.
    let mut continuation: HashMap<u64, String> = HashMap::new();
    if let Some(f) = input.comments {
        files.push(f.name.to_string());
        for row in rows(f, &COMMENT_COLUMNS)? {
            let id = ent_num(f.name, &row)?;
            // The continuation is raw text: keep its leading space if the cut fell on one.
            continuation.entry(id).or_default().push_str(&row.last_raw);
        }
    }

    let mut entities = Vec::with_capacity(primary_rows.len());
    let mut by_id: HashMap<u64, usize> = HashMap::with_capacity(primary_rows.len());
    let mut truncated = 0usize;
    let mut orphan_comments = continuation.len();
    for row in &primary_rows {
        let id = ent_num(prim.name, row)?;
        if let Some(&prev) = by_id.get(&id) {
            let first: &Entity = &entities[prev];
            return Err(WatchlistError::invalid(
                At::new(prim.name, row.line).field("ent_num"),
                format!("ent_num {id} appears twice (first at {})", first.origin),
            ));
        }
        let f = &row.fields;
        let kind = match f[2].to_ascii_lowercase().as_str() {
            "individual" => EntityKind::Person,
            "vessel" => EntityKind::Vessel,
            "aircraft" => EntityKind::Aircraft,
            "" => EntityKind::Organization,
            other => {
                return Err(WatchlistError::invalid(
                    At::new(prim.name, row.line).field("SDN_Type"),
                    format!(
                        "unknown SDN_Type {other:?}: expected individual, vessel, aircraft or -0- (an entity)"
                    ),
                ))
            }
        };
        if f[1].is_empty() {
            return Err(WatchlistError::invalid(
                At::new(prim.name, row.line).field("SDN_Name"),
                "empty name",
            ));
        }
        let mut e = Entity::new(
            list,
            &id.to_string(),
            kind,
            SourceRef {
                file: prim.name.to_string(),
                line: Some(row.line),
            },
        );
        let individual = kind == EntityKind::Person;
        let primary = EntityName::new(squash(&f[1]), NameStrength::Strong, NameKind::Primary);
        e.push_name(if individual {
            primary.with_comma_parts()
        } else {
            primary
        });
        for p in f[3].split("] [") {
            e.push_program(p.trim_matches(|c| c == '[' || c == ']' || c == ' '));
        }
        if !f[4].is_empty() {
            e.titles.push(squash(&f[4]));
        }
        for (i, label) in [
            (5, "Call Sign"),
            (6, "Vessel Type"),
            (7, "Tonnage"),
            (8, "Gross Registered Tonnage"),
            (9, "Vessel Flag"),
            (10, "Vessel Owner"),
        ] {
            if !f[i].is_empty() {
                e.facts.push(Fact {
                    label: label.to_string(),
                    value: squash(&f[i]),
                });
            }
        }
        let mut text = row.last_raw.clone();
        let cut = text.chars().count() >= REMARKS_LIMIT;
        let completed = match continuation.get(&id) {
            Some(more) => {
                orphan_comments -= 1;
                text.push_str(more);
                true
            }
            None => false,
        };
        let is_truncated = cut && !completed;
        if is_truncated {
            truncated += 1;
        }
        if !text.trim().is_empty() {
            apply_remarks(&mut e, &text, is_truncated, individual);
            e.remarks = Some(squash(&text));
        }
        by_id.insert(id, entities.len());
        entities.push(e);
    }
    if truncated > 0 {
        warnings.push(format!(
            "{}: {truncated} remarks are cut at {REMARKS_LIMIT} characters and no comments file completes them; their last clause was not parsed",
            prim.name
        ));
    }
    if orphan_comments > 0 {
        warnings.push(format!(
            "{orphan_comments} comment rows name an ent_num not in {} (ignored)",
            prim.name
        ));
    }

    if let Some(f) = input.addresses {
        files.push(f.name.to_string());
        let mut orphans = 0usize;
        for row in rows(f, &ADD_COLUMNS)? {
            let id = ent_num(f.name, &row)?;
            let Some(&i) = by_id.get(&id) else {
                orphans += 1;
                continue;
            };
            let r = &row.fields;
            if let Some(a) = Address::from_parts(&[&r[2]], Some(&r[3]), Some(&r[4])) {
                if !entities[i].addresses.contains(&a) {
                    entities[i].addresses.push(a);
                }
            }
        }
        if orphans > 0 {
            warnings.push(format!(
                "{}: {orphans} rows name an ent_num not in {} (ignored)",
                f.name, prim.name
            ));
        }
    }

    if let Some(f) = input.aliases {
        files.push(f.name.to_string());
        let mut orphans = 0usize;
        for row in rows(f, &ALT_COLUMNS)? {
            let id = ent_num(f.name, &row)?;
            let Some(&i) = by_id.get(&id) else {
                orphans += 1;
                continue;
            };
            let r = &row.fields;
            let kind = match r[2].to_ascii_lowercase().as_str() {
                "aka" | "" => NameKind::Aka,
                "fka" => NameKind::Fka,
                "nka" => NameKind::Nka,
                other => {
                    return Err(WatchlistError::invalid(
                        At::new(f.name, row.line).field("alt_type"),
                        format!("unknown alt_type {other:?}: expected aka, fka or nka"),
                    ))
                }
            };
            if r[3].is_empty() {
                continue;
            }
            let strength = if r[4].to_ascii_lowercase().contains("weak") {
                NameStrength::Weak
            } else {
                NameStrength::Strong
            };
            let e = &mut entities[i];
            let name = EntityName::new(squash(&r[3]), strength, kind);
            let name = if e.kind == EntityKind::Person {
                name.with_comma_parts()
            } else {
                name
            };
            e.push_name(name);
        }
        if orphans > 0 {
            warnings.push(format!(
                "{}: {orphans} rows name an ent_num not in {} (ignored)",
                f.name, prim.name
            ));
        }
    }

    Ok(WatchList {
        info: ListInfo {
            list,
            source: source.to_string(),
            published: None,
            published_basis: DateBasis::Unknown,
            entities: entities.len(),
            files,
            warnings,
        },
        entities,
    })
}

/// Puts parsed remarks on the entity.
fn apply_remarks(e: &mut Entity, text: &str, truncated: bool, individual: bool) {
    let r = remarks::parse(text, truncated, individual);
    e.birth_dates.extend(r.birth_dates);
    e.birth_places.extend(r.birth_places);
    e.nationalities.extend(r.nationalities);
    e.citizenships.extend(r.citizenships);
    if r.gender.is_some() {
        e.gender = r.gender;
    }
    for n in r.names {
        e.push_name(n);
    }
    e.identifiers.extend(r.identifiers);
    for (cur, addr) in r.crypto {
        e.push_crypto(&cur, &addr);
    }
    e.linked_to.extend(r.linked_to);
    e.facts.extend(r.facts);
}
