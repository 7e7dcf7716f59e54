//! Screening against loaded lists: names (fuzzy, through the name engine), crypto addresses
//! and identifiers (exact).
//!
//! A name hit starts from the name engine's calibrated score for the best-matching name of an
//! entity (at or above the alert threshold: other facts confirm or refute a name match, they
//! never make one), then other facts move it:
//!
//! | fact | effect |
//! |---|---|
//! | date of birth equals a listed one (to the day) | +0.05, and a weak alias may then be strong |
//! | only the listed year (or range) contains it | +0.02 |
//! | listed dates exist and none is within a year | −0.30 (an exact name then stays below the alert threshold) |
//! | person queried, non-person listed (or the reverse) | −0.10 |
//! | country given and none of the listed countries is it | −0.05 |
//! | the best name is a weak alias and no date of birth matches | capped below strong |
//!
//! A country never *raises* a score: where someone says they live can separate two namesakes,
//! but it must never make anyone a match (redflag never scores nationality). Identifiers and
//! crypto addresses match exactly and give score 1.0.

use chrono::{Datelike, NaiveDate};
pub use redflag_names::NameKind as QueryKind;
use redflag_names::{prepare, NameIndex, ALERT_THRESHOLD, STRONG_THRESHOLD};
use serde::Serialize;

use crate::index::{CryptoIndex, IdentifierIndex};
use crate::model::{Entity, EntityKind, IdKind, NameStrength, Watchlists};

/// Fewer names than this are screened on the calling thread.
const SEQUENTIAL_BELOW: usize = 32;

/// What to screen by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The name as given.
    pub name: String,
    /// Person, organisation or unknown.
    pub kind: QueryKind,
    /// Date of birth, when known.
    pub birth_date: Option<NaiveDate>,
    /// Year of birth, when only the year is known (ignored when `birth_date` is given).
    pub birth_year: Option<i32>,
    /// ISO 3166 alpha-2 country the party is associated with, when known. Only lowers scores.
    pub country: Option<String>,
}

impl Query {
    /// A person's name.
    pub fn person(name: impl Into<String>) -> Query {
        Query {
            name: name.into(),
            kind: QueryKind::Person,
            birth_date: None,
            birth_year: None,
            country: None,
        }
    }

    /// An organisation's name.
    pub fn organization(name: impl Into<String>) -> Query {
        Query {
            kind: QueryKind::Organization,
            ..Query::person(name)
        }
    }

    /// A name of unknown kind (a payee, a counterparty).
    pub fn unknown(name: impl Into<String>) -> Query {
        Query {
            kind: QueryKind::Unknown,
            ..Query::person(name)
        }
    }

    /// With a date of birth.
    pub fn born(mut self, date: NaiveDate) -> Query {
        self.birth_date = Some(date);
        self
    }

    /// With a year of birth only.
    pub fn born_in(mut self, year: i32) -> Query {
        self.birth_year = Some(year);
        self
    }

    /// With a country (ISO alpha-2, any case).
    pub fn in_country(mut self, country: impl Into<String>) -> Query {
        self.country = Some(country.into().to_ascii_uppercase());
        self
    }
}

/// How a hit was made, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// An identifier or crypto address equal to a listed one.
    Exact,
    /// The same name up to spelling, romanisation or order (score ≥ 0.90), not a weak alias
    /// alone.
    Strong,
    /// A likely match to review (score ≥ the alert threshold).
    Alert,
}

/// One listed entity that matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Position of the entity in [`Screener::lists`]'s entities.
    pub entity: usize,
    /// The entity's key (`ofac-sdn:43379`).
    pub key: String,
    /// Final score, 0..=1.
    pub score: f32,
    /// Strength of the hit.
    pub tier: Tier,
    /// The listed name, identifier or address that matched.
    pub matched: String,
    /// For name hits: whether that name is a strong or weak alias.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strength: Option<NameStrength>,
    /// For name hits: the name engine's score before other facts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_score: Option<f32>,
    /// How the name matched, token by token, then each fact that moved the score.
    pub explanation: String,
    /// Whether a date of birth given with the query equals a listed one, to the day.
    pub birth_date_matches: bool,
}

/// The lists, indexed once for screening.
pub struct Screener {
    lists: Watchlists,
    names: NameIndex,
    crypto: CryptoIndex,
    identifiers: IdentifierIndex,
}

impl std::fmt::Debug for Screener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Screener")
            .field("lists", &self.lists.lists())
            .field("entities", &self.lists.len())
            .finish_non_exhaustive()
    }
}

impl Screener {
    /// Indexes every name, identifier and crypto address of `lists`.
    pub fn new(lists: Watchlists) -> Screener {
        let mut builder = NameIndex::builder();
        for (i, entity) in lists.entities().iter().enumerate() {
            let kind = query_kind(entity.kind);
            for name in &entity.names {
                builder.add(i as u32, &name.full, kind);
            }
        }
        Screener {
            names: builder.build(),
            crypto: lists.crypto_index(),
            identifiers: lists.identifier_index(),
            lists,
        }
    }

    /// The lists screened against.
    pub fn lists(&self) -> &Watchlists {
        &self.lists
    }

    /// The entity of a hit.
    pub fn entity(&self, hit: &Hit) -> &Entity {
        &self.lists.entities()[hit.entity]
    }

    /// Entities whose names match `query` at or above the alert threshold, best first, at
    /// most `limit` (one hit per entity: its best name).
    pub fn screen_name(&self, query: &Query, limit: usize) -> Vec<Hit> {
        let prepared = prepare(&query.name, query.kind);
        if prepared.is_empty() {
            return Vec::new();
        }
        // Several names of one entity can match; ask for enough to keep `limit` entities.
        let raw = self
            .names
            .search(&prepared, limit.saturating_mul(4).max(16), ALERT_THRESHOLD);
        let mut hits: Vec<Hit> = Vec::new();
        for found in raw {
            let entity_index = found.id as usize;
            let Some(entity) = self.lists.entity(entity_index) else {
                continue;
            };
            let Some(name) = entity.names.get(found.name_pos as usize) else {
                continue;
            };
            let (score, notes, birth_date_matches) =
                adjust(query, entity, name.strength, found.score);
            if score < ALERT_THRESHOLD {
                continue;
            }
            let mut explanation = found.name_match.explain();
            for note in notes {
                explanation.push_str("; ");
                explanation.push_str(&note);
            }
            let hit = Hit {
                entity: entity_index,
                key: entity.key.clone(),
                score,
                tier: if score >= STRONG_THRESHOLD {
                    Tier::Strong
                } else {
                    Tier::Alert
                },
                matched: name.full.clone(),
                strength: Some(name.strength),
                name_score: Some(found.score),
                explanation,
                birth_date_matches,
            };
            match hits.iter_mut().find(|h| h.entity == entity_index) {
                Some(prev) if prev.score >= hit.score => {}
                Some(prev) => *prev = hit,
                None => hits.push(hit),
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.key.cmp(&b.key)));
        hits.truncate(limit);
        hits
    }

    /// Entities listing this crypto address.
    pub fn screen_crypto(&self, address: &str) -> Vec<Hit> {
        self.crypto
            .lookup_crypto(address)
            .iter()
            .filter_map(|h| {
                let entity = self.lists.entity(h.entity)?;
                let listed = entity.crypto.get(h.address)?;
                Some(Hit {
                    entity: h.entity,
                    key: entity.key.clone(),
                    score: 1.0,
                    tier: Tier::Exact,
                    matched: format!("{} {}", listed.currency, listed.address),
                    strength: None,
                    name_score: None,
                    explanation: format!(
                        "digital currency address {} is listed ({})",
                        listed.address, listed.currency
                    ),
                    birth_date_matches: false,
                })
            })
            .collect()
    }

    /// Entities listing this identifier (of `kind`, or of any kind when `None`).
    pub fn screen_identifier(&self, kind: Option<&IdKind>, value: &str) -> Vec<Hit> {
        self.identifiers
            .lookup_identifier(kind, value)
            .iter()
            .filter_map(|h| {
                let entity = self.lists.entity(h.entity)?;
                let listed = entity.identifiers.get(h.identifier)?;
                Some(Hit {
                    entity: h.entity,
                    key: entity.key.clone(),
                    score: 1.0,
                    tier: Tier::Exact,
                    matched: format!("{} {}", listed.label, listed.value),
                    strength: None,
                    name_score: None,
                    explanation: format!("{} {} is listed", listed.label, listed.value),
                    birth_date_matches: false,
                })
            })
            .collect()
    }

    /// [`screen_name`](Self::screen_name) for many queries, spread over the machine's cores;
    /// results are in query order.
    pub fn screen_names(&self, queries: &[Query], limit: usize) -> Vec<Vec<Hit>> {
        // A few names (one application's) are not worth threads, nor asking the system for
        // its cores.
        if queries.len() < SEQUENTIAL_BELOW {
            return queries.iter().map(|q| self.screen_name(q, limit)).collect();
        }
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(queries.len().max(1));
        if threads <= 1 {
            return queries.iter().map(|q| self.screen_name(q, limit)).collect();
        }
        let chunk = queries.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = queries
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|q| self.screen_name(q, limit))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }
}

/// The name engine's reading of an entity kind.
fn query_kind(kind: EntityKind) -> QueryKind {
    match kind {
        EntityKind::Person => QueryKind::Person,
        EntityKind::Organization | EntityKind::Vessel | EntityKind::Aircraft => {
            QueryKind::Organization
        }
        EntityKind::Unknown => QueryKind::Unknown,
    }
}

/// Moves a name score by the other facts (see the module table); returns the score, one note
/// per fact that counted, and whether the date of birth matched to the day.
fn adjust(
    query: &Query,
    entity: &Entity,
    strength: NameStrength,
    name_score: f32,
) -> (f32, Vec<String>, bool) {
    let mut score = name_score;
    let mut notes = Vec::new();
    let mut birth_confirmed = false;

    if !entity.birth_dates.is_empty() {
        let listed = || {
            entity
                .birth_dates
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        if let Some(born) = query.birth_date {
            let exact = entity
                .birth_dates
                .iter()
                .any(|d| d.to.is_none() && !d.circa && d.earliest() == born && d.latest() == born);
            if exact {
                score += 0.05;
                birth_confirmed = true;
                notes.push(format!("date of birth {born} as listed (+0.05)"));
            } else if entity.birth_dates.iter().any(|d| d.contains(born, 0)) {
                score += 0.02;
                notes.push(format!(
                    "date of birth {born} within listed {} (+0.02)",
                    listed()
                ));
            } else if !entity.birth_dates.iter().any(|d| near(d, born)) {
                score -= 0.30;
                notes.push(format!(
                    "date of birth {born} differs from listed {} (−0.30)",
                    listed()
                ));
            }
        } else if let Some(year) = query.birth_year {
            let years = |d: &crate::model::PartialDate, slack: i32| {
                let (from, to) = (d.earliest().year(), d.latest().year());
                let slack = if d.circa { slack.max(1) } else { slack };
                year >= from - slack && year <= to + slack
            };
            if entity.birth_dates.iter().any(|d| years(d, 0)) {
                score += 0.02;
                notes.push(format!("born {year}, as listed {} (+0.02)", listed()));
            } else if !entity.birth_dates.iter().any(|d| years(d, 1)) {
                score -= 0.30;
                notes.push(format!("born {year}, listed {} (−0.30)", listed()));
            }
        }
    }

    let person_query = query.kind == QueryKind::Person;
    let org_query = query.kind == QueryKind::Organization;
    let listed_person = entity.kind == EntityKind::Person;
    let listed_org = matches!(
        entity.kind,
        EntityKind::Organization | EntityKind::Vessel | EntityKind::Aircraft
    );
    if (person_query && listed_org) || (org_query && listed_person) {
        score -= 0.10;
        notes.push(
            format!(
                "a {} was screened but the listed party is a {:?} (−0.10)",
                if person_query {
                    "person"
                } else {
                    "organisation"
                },
                entity.kind
            )
            .to_lowercase(),
        );
    }

    if let Some(country) = &query.country {
        let listed: Vec<&str> = entity
            .nationalities
            .iter()
            .chain(&entity.citizenships)
            .chain(entity.addresses.iter().filter_map(|a| a.country.as_ref()))
            .filter_map(|c| c.code.as_deref())
            .collect();
        if !listed.is_empty() && !listed.iter().any(|c| c.eq_ignore_ascii_case(country)) {
            score -= 0.05;
            notes.push(format!(
                "country {country} not among the listed countries (−0.05)"
            ));
        }
    }

    if strength == NameStrength::Weak && !birth_confirmed && score >= STRONG_THRESHOLD {
        score = STRONG_THRESHOLD - 0.01;
        notes.push("weak alias: not a strong match without a matching date of birth".into());
    }
    (score.clamp(0.0, 1.0), notes, birth_confirmed)
}

/// Whether `born` is within a year of a listed date or range (its `circa` widening it by
/// two): typos in a day, month or year of birth must not refute a match.
fn near(listed: &crate::model::PartialDate, born: NaiveDate) -> bool {
    let years = if listed.circa { 2 } else { 1 };
    let (lo, hi) = (listed.earliest(), listed.latest());
    let lo = lo.with_year(lo.year() - years).unwrap_or(NaiveDate::MIN);
    let hi = hi.with_year(hi.year() + years).unwrap_or(NaiveDate::MAX);
    lo <= born && born <= hi
}
