//! The data lookalike detection reads: the Public Suffix List and the free-mail and
//! disposable-mail provider lists, as `redflag domain install` left them in the data directory
//! (with `manifest.json` saying which package, version and date each came from), or the small
//! built-in fallbacks.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{At, DomainError};
use crate::psl::SuffixList;

/// File names in the data directory.
pub const PSL_FILE: &str = "public_suffix_list.dat";
/// One free-mail provider domain per line.
pub const FREE_MAIL_FILE: &str = "free_mail_domains.txt";
/// One disposable-mail provider domain per line.
pub const DISPOSABLE_FILE: &str = "disposable_mail_domains.txt";
/// What is installed.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Free-mail providers known without any installed list: the large international and
/// regional webmail services. A last resort, far from complete.
pub const BUILTIN_FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "ymail.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.com",
    "yandex.com",
    "yandex.ru",
    "mail.ru",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "daum.net",
    "hanmail.net",
    "zoho.com",
    "tutanota.com",
    "fastmail.com",
];

/// Disposable-mail providers known without any installed list. A last resort.
pub const BUILTIN_DISPOSABLE: &[&str] = &[
    "mailinator.com",
    "guerrillamail.com",
    "sharklasers.com",
    "10minutemail.com",
    "temp-mail.org",
    "yopmail.com",
    "trashmail.com",
    "getnada.com",
    "dispostable.com",
    "maildrop.cc",
    "throwawaymail.com",
    "tempmail.plus",
    "emailondeck.com",
    "mohmal.com",
];

/// What `install` fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// When install finished (RFC 3339).
    pub installed_at: String,
    /// One entry per package.
    pub sources: Vec<SourceRecord>,
}

/// One installed package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// File in the data directory it became.
    pub file: String,
    /// Package name in its registry.
    pub package: String,
    /// `PyPI`.
    pub registry: String,
    /// Package version.
    pub version: String,
    /// Date of the data (`YYYY-MM-DD`), when known.
    pub data_date: Option<String>,
    /// Where the date comes from.
    pub data_date_basis: String,
    /// Licence (SPDX id where there is one).
    pub licence: String,
    /// Entries in the file.
    pub entries: usize,
}

/// Provider kinds of mail domains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MailKind {
    /// A free webmail service anyone can sign up to (gmail.com).
    FreeMail,
    /// A throwaway-address service (mailinator.com).
    Disposable,
}

impl MailKind {
    /// `free-mail` or `disposable`.
    pub fn name(self) -> &'static str {
        match self {
            MailKind::FreeMail => "free-mail",
            MailKind::Disposable => "disposable",
        }
    }
}

/// Suffix list and provider lists.
#[derive(Debug, Clone)]
pub struct DomainData {
    /// The Public Suffix List (or the built-in fallback).
    pub suffixes: SuffixList,
    free_mail: HashSet<String>,
    disposable: HashSet<String>,
    manifest: Option<Manifest>,
    dir: Option<PathBuf>,
}

impl DomainData {
    /// The built-in fallbacks only.
    pub fn builtin() -> DomainData {
        DomainData {
            suffixes: SuffixList::builtin(),
            free_mail: BUILTIN_FREE_MAIL.iter().map(|s| s.to_string()).collect(),
            disposable: BUILTIN_DISPOSABLE.iter().map(|s| s.to_string()).collect(),
            manifest: None,
            dir: None,
        }
    }

    /// `suffixes` with the built-in provider lists (for callers that read the suffix list
    /// themselves, such as the false-positive measurement).
    pub fn with_suffixes(suffixes: SuffixList) -> DomainData {
        DomainData {
            suffixes,
            ..DomainData::builtin()
        }
    }

    /// What `install` put in `dir`; [`DomainError::NotInstalled`] when there is no manifest.
    pub fn open_installed(dir: &Path) -> Result<DomainData, DomainError> {
        let manifest_path = dir.join(MANIFEST_FILE);
        if !manifest_path.exists() {
            return Err(DomainError::NotInstalled(dir.to_path_buf()));
        }
        let text = std::fs::read_to_string(&manifest_path)
            .map_err(|e| DomainError::io(&manifest_path, e))?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| DomainError::Data {
            at: At::new(manifest_path.display().to_string(), e.line() as u64),
            message: format!("not a redflag domain-data manifest: {e}"),
        })?;
        let read = |name: &str| -> Result<(String, String), DomainError> {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path).map_err(|e| DomainError::io(&path, e))?;
            Ok((text, path.display().to_string()))
        };
        let (psl, psl_name) = read(PSL_FILE)?;
        let (free, free_name) = read(FREE_MAIL_FILE)?;
        let (disposable, disposable_name) = read(DISPOSABLE_FILE)?;
        Ok(DomainData {
            suffixes: SuffixList::parse(&psl, &psl_name)?,
            free_mail: domain_lines(&free, &free_name)?,
            disposable: domain_lines(&disposable, &disposable_name)?,
            manifest: Some(manifest),
            dir: Some(dir.to_path_buf()),
        })
    }

    /// The installed data in `dir`, or the built-in fallbacks when nothing is installed there.
    pub fn open_or_builtin(dir: &Path) -> Result<DomainData, DomainError> {
        match DomainData::open_installed(dir) {
            Err(DomainError::NotInstalled(_)) => Ok(DomainData::builtin()),
            other => other,
        }
    }

    /// The manifest, when the data was installed.
    pub fn manifest(&self) -> Option<&Manifest> {
        self.manifest.as_ref()
    }

    /// One line saying where the data comes from, for explanations and run summaries.
    pub fn describe(&self) -> String {
        match (&self.manifest, &self.dir) {
            (Some(m), Some(dir)) => {
                let parts: Vec<String> = m
                    .sources
                    .iter()
                    .map(|s| {
                        format!(
                            "{} {} ({} entries, data of {})",
                            s.package,
                            s.version,
                            s.entries,
                            s.data_date.as_deref().unwrap_or("unknown date")
                        )
                    })
                    .collect();
                format!("installed in {}: {}", dir.display(), parts.join("; "))
            }
            _ => format!(
                "built-in fallback lists only ({} multi-label suffixes, {} free-mail and {} disposable-mail providers; `redflag domain install` fetches the full lists)",
                self.suffixes.len(),
                self.free_mail.len(),
                self.disposable.len()
            ),
        }
    }

    /// Whether `host` or a parent domain of it is a free-mail or disposable-mail provider
    /// (disposable first: some providers are on both lists).
    pub fn mail_kind(&self, host: &str) -> Option<MailKind> {
        let mut rest = host;
        loop {
            if self.disposable.contains(rest) {
                return Some(MailKind::Disposable);
            }
            if self.free_mail.contains(rest) {
                return Some(MailKind::FreeMail);
            }
            match rest.split_once('.') {
                Some((_, parent)) if parent.contains('.') => rest = parent,
                _ => return None,
            }
        }
    }
}

/// One lowercase domain per line (`#` comments, blank lines skipped).
pub(crate) fn domain_lines(text: &str, file: &str) -> Result<HashSet<String>, DomainError> {
    let mut out = HashSet::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let ok = line.contains('.')
            && line
                .chars()
                .all(|c| c == '.' || c == '-' || c == '_' || c.is_alphanumeric());
        if !ok {
            return Err(DomainError::Data {
                at: At::new(file, i as u64 + 1),
                message: format!("expected one domain per line, found {line:?}"),
            });
        }
        out.insert(line.to_lowercase());
    }
    Ok(out)
}

/// The default data directory: `$REDFLAG_DATA_DIR/domains`, else
/// `$XDG_DATA_HOME/redflag/domains`, else `~/.local/share/redflag/domains` (as the watchlist
/// store and the IP data do).
pub fn default_dir() -> PathBuf {
    redflag_datadir::default_dir("domains")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers_match_the_host_or_a_parent() {
        let data = DomainData::builtin();
        assert_eq!(data.mail_kind("gmail.com"), Some(MailKind::FreeMail));
        assert_eq!(
            data.mail_kind("eu.mailinator.com"),
            Some(MailKind::Disposable)
        );
        assert_eq!(data.mail_kind("kitrum.com"), None);
        assert_eq!(data.mail_kind("com"), None);
        assert!(data.describe().starts_with("built-in fallback"));
    }

    #[test]
    fn nothing_installed_falls_back() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(matches!(
            DomainData::open_installed(tmp.path()),
            Err(DomainError::NotInstalled(_))
        ));
        assert!(DomainData::open_or_builtin(tmp.path()).is_ok());
        let e = domain_lines("a.com\nnot a domain\n", "x.txt").unwrap_err();
        assert!(e.to_string().starts_with("x.txt:2:"), "{e}");
    }
}
