//! Sanctions lists for screening: one entity model for every list, readers for the lists'
//! own files, redflag's built-in curated DPRK IT-worker list, and exact lookups of crypto
//! addresses and identifiers.
//!
//! - [`model`]: [`Entity`] (names with strength, programs, dates and places of birth,
//!   nationalities, addresses, identifiers, crypto addresses, where it was read), [`WatchList`]
//!   (one list with its [`ListInfo`]: source, date, files used, warnings) and [`Watchlists`]
//!   (several lists screened together).
//! - [`sources`]: one module per format, like Watchman's `pkg/sources/<list>`:
//!   [`sources::ofac_csv`] (legacy `sdn.csv` set and the `cons_*` set),
//!   [`sources::un`] (UN consolidated XML), [`sources::ofac_advanced`] (OFAC advanced XML).
//! - [`curated()`]: redflag's own catalogue of DPRK IT-worker entities and persons from
//!   Treasury and DOJ actions, embedded in the binary.
//! - [`read_watchlists_dir`]: whatever lists a folder holds (`--watchlists DIR`).
//! - [`CryptoIndex`] and [`IdentifierIndex`]: exact screening by normalised value.
//! - [`Screener`]: names (through `redflag-names`), identifiers and crypto addresses against
//!   the loaded lists, with dates of birth, kind and country moving name scores.
//! - `update` (feature `fetch`, on by default): `redflag watchlist update`, fetching the
//!   official lists into a local store atomically.
//!
//! Name similarity itself is the name engine's (`redflag-names`); the [`Screener`] adds what
//! the lists know beyond names (a weak alias alone never makes a strong match).
//!
//! ```
//! use redflag_watchlist::{curated, IdKind, Watchlists};
//!
//! let lists = Watchlists::new().with(curated()).unwrap();
//! let ids = lists.identifier_index();
//! let hits = ids.lookup_identifier(Some(&IdKind::Website), "https://www.silverstarchina.com/");
//! let entity = lists.entity(hits[0].entity).unwrap();
//! assert!(entity.primary_name().starts_with("Yanbian Silverstar"));
//! assert!(!entity.source_urls.is_empty());
//! ```
//!
//! Every reader reports problems as [`WatchlistError`]s naming file, line and the column or
//! element at fault, and none panics on any input (byte-mutation tests check this).

mod curated;
mod dates;
mod dir;
mod error;
mod index;
pub mod model;
mod screen;
pub mod sources;
mod text;
#[cfg(feature = "fetch")]
pub mod update;
mod xml;

pub use curated::{curated, parse_curated, CURATED_FILE};
pub use dir::{read_watchlists_dir, read_watchlists_dir_with};
pub use error::{At, WatchlistError};
pub use index::{crypto_key, identifier_key, CryptoHit, CryptoIndex, IdHit, IdentifierIndex};
pub use model::{
    Address, Country, CryptoAddress, DateBasis, DatePoint, Entity, EntityKind, EntityName, Fact,
    IdKind, Identifier, ListId, ListInfo, NameKind, NameStrength, PartialDate, Published,
    SourceRef, WatchList, Watchlists,
};
pub use redflag_normalize::country_code;
pub use screen::{Hit, Query, QueryKind, Screener, Tier};
pub use sources::ofac_advanced::{parse_ofac_advanced_xml, read_ofac_advanced_xml};
pub use sources::ofac_csv::{
    parse_ofac_csv, read_ofac_dir, read_ofac_set, CsvFile, OfacCsvInput, OfacSet,
};
pub use sources::un::{parse_un_xml, read_un_xml};
pub use text::decode_windows_1252;
