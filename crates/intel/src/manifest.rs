//! `manifest.json` in the data directory: what `install` fetched, how fresh it is, under
//! which licence, and the attribution and warnings a caller must show.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{At, IntelError};

/// The manifest's file name in the data directory.
pub const MANIFEST_FILE: &str = "manifest.json";

/// The upstream warning carried by every `@ip-location-db` npm package's README.
pub const IP_LOCATION_DB_WARNING: &str = "@ip-location-db upstream warns that the data published to npm \
contains bugs resulting in incorrect data and that npm updates are deprecated and will stop: this \
copy is frozen at its 2026-06-17 build and partly wrong. Supply your own MMDB files for production use.";

/// What an installation holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Index format version ([`crate::store::INDEX_VERSION`]).
    pub format: u32,
    /// When `install` finished.
    pub installed_at: DateTime<Utc>,
    /// The index file's name and size.
    pub index_file: String,
    /// Size of the index file in bytes.
    pub index_bytes: u64,
    /// One entry per package.
    pub sources: Vec<SourceRecord>,
    /// Warnings to show with any answer from this data.
    pub warnings: Vec<String>,
}

/// One installed package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// Short id (`ip-location-db-asn`, `ip-location-db-country`, `iporigin`).
    pub id: String,
    /// Package name in its registry.
    pub package: String,
    /// `npm` or `PyPI`.
    pub registry: String,
    /// Package version.
    pub version: String,
    /// Date of the data (`YYYY-MM-DD`), when known.
    pub data_date: Option<String>,
    /// Where the date comes from (`MMDB build_epoch`, `iporigin built_at`, `package version`).
    pub data_date_basis: String,
    /// Licence of the data (SPDX id where there is one).
    pub licence: String,
    /// Attribution the licence requires, to show wherever answers are shown.
    pub attribution: Option<String>,
    /// Files used from the package.
    pub files: Vec<String>,
    /// IPv4 ranges in the index after merging.
    pub ranges_v4: usize,
    /// IPv6 ranges in the index after merging.
    pub ranges_v6: usize,
}

impl Manifest {
    /// Reads `manifest.json` from `dir`.
    pub fn read(dir: &Path) -> Result<Manifest, IntelError> {
        let path = dir.join(MANIFEST_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| IntelError::io(&path, e))?;
        serde_json::from_str(&text).map_err(|e| {
            IntelError::invalid(
                At::new(path.display().to_string(), e.line() as u64),
                format!("not a redflag intel manifest: {e}"),
            )
        })
    }

    /// Every attribution text, once each.
    pub fn attributions(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for a in self.sources.iter().filter_map(|s| s.attribution.as_deref()) {
            if !out.contains(&a) {
                out.push(a);
            }
        }
        out
    }
}

/// `YYYY-MM-DD` (UTC) of a Unix time.
pub fn date_of_epoch(seconds: u64) -> Option<String> {
    let secs = i64::try_from(seconds).ok()?;
    DateTime::<Utc>::from_timestamp(secs, 0).map(|t| t.format("%Y-%m-%d").to_string())
}

/// The date in an `@ip-location-db` version (`2.3.2026061719` → `2026-06-17`).
pub fn date_of_ip_location_db_version(version: &str) -> Option<String> {
    let stamp = version.rsplit('.').next()?;
    if stamp.len() < 8 || !stamp.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = chrono::NaiveDate::parse_from_str(&stamp[..8], "%Y%m%d").ok()?;
    Some(date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_versions_and_epochs() {
        assert_eq!(
            date_of_ip_location_db_version("2.3.2026061719").as_deref(),
            Some("2026-06-17")
        );
        assert_eq!(date_of_ip_location_db_version("1.0.0"), None);
        assert_eq!(date_of_ip_location_db_version("2.3.2026139919"), None);
        assert_eq!(date_of_epoch(1_781_725_900).as_deref(), Some("2026-06-17"));
    }
}
