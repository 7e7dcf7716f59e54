//! The real domains lookalike detection protects: redflag's built-in list
//! (`data/real_domains.csv`: IT services firms, freelance platforms, firms whose sites DPRK
//! front companies copied) and the user's own (the organisation's domains, its clients').

use crate::error::{At, DomainError};
use crate::name::DomainName;
use crate::psl::SuffixList;

const BUILTIN_CSV: &str = include_str!("../data/real_domains.csv");

/// A real company's domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RealDomain {
    /// The domain, parsed.
    pub domain: DomainName,
    /// The company's name, when known.
    pub name: String,
    /// `own`, `client`, `it-services`, `platform`, `impersonated`, or `listed` (a user file
    /// without a kind column).
    pub kind: String,
    /// Front-company domains whose website copied this firm's.
    pub copied_by: Vec<String>,
    /// Where the row comes from: a guidance id (`S1-2024`), `redflag`, or the user's
    /// `file:line`.
    pub source: String,
}

impl RealDomain {
    /// `kitrum.com (Kitrum, impersonated)`.
    pub fn describe(&self) -> String {
        let domain = self.domain.registrable();
        match (self.name.is_empty(), self.kind.as_str()) {
            (true, kind) => format!("{domain} ({kind})"),
            (false, kind) => format!("{domain} ({}, {kind})", self.name),
        }
    }
}

/// redflag's built-in list, parsed with `suffixes`.
pub fn builtin_real_domains(suffixes: &SuffixList) -> Vec<RealDomain> {
    // The embedded file is checked by the tests; a row that does not parse is skipped.
    read_real_domains(BUILTIN_CSV, "real_domains.csv", suffixes, "listed").unwrap_or_default()
}

/// Reads a list of real domains: one per line, or CSV rows `domain[,name[,kind[,copied_by[,
/// source]]]]`; `#` starts a comment line, and a header row starting with `domain` is skipped.
/// Rows without a kind get `default_kind`; rows without a source get `file:line`.
pub fn read_real_domains(
    text: &str,
    file: &str,
    suffixes: &SuffixList,
    default_kind: &str,
) -> Result<Vec<RealDomain>, DomainError> {
    let mut out = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index as u64 + 1;
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(raw.as_bytes());
        let Some(record) = reader.records().next() else {
            continue;
        };
        let record = record.map_err(|e| DomainError::Data {
            at: At::new(file, line),
            message: format!("expected `domain[,name[,kind[,copied_by[,source]]]]`: {e}"),
        })?;
        let field = |i: usize| record.get(i).unwrap_or("").to_string();
        let domain = field(0);
        if domain.is_empty() || domain.eq_ignore_ascii_case("domain") {
            continue;
        }
        let parsed = DomainName::parse(&domain, suffixes).map_err(|_| DomainError::Data {
            at: At::new(file, line),
            message: format!("expected a domain such as `example.com`, found {domain:?}"),
        })?;
        let kind = Some(field(2))
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| default_kind.to_string());
        let source = Some(field(4))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("{file}:{line}"));
        out.push(RealDomain {
            domain: parsed,
            name: field(1),
            kind,
            copied_by: field(3)
                .split(';')
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
                .collect(),
            source,
        });
    }
    Ok(out)
}

/// Reads a list of real domains from a file (see [`read_real_domains`]).
pub fn read_real_domains_file(
    path: &std::path::Path,
    suffixes: &SuffixList,
) -> Result<Vec<RealDomain>, DomainError> {
    let text = std::fs::read_to_string(path).map_err(|e| DomainError::io(path, e))?;
    read_real_domains(&text, &path.display().to_string(), suffixes, "listed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_list_parses_whole() {
        let suffixes = SuffixList::builtin();
        let strict =
            read_real_domains(BUILTIN_CSV, "real_domains.csv", &suffixes, "listed").unwrap();
        assert_eq!(builtin_real_domains(&suffixes), strict);
        assert!(strict.len() >= 30);
        let kitrum = strict.iter().find(|r| r.name == "Kitrum").unwrap();
        assert_eq!(kitrum.copied_by, vec!["inditechlab.com".to_string()]);
        assert_eq!(kitrum.source, "S1-2024");
        // Every front company that copied a firm is a catalogued front domain.
        for real in &strict {
            for front in &real.copied_by {
                assert!(
                    redflag_reference::front_domains()
                        .iter()
                        .any(|f| &f.domain == front),
                    "{front}"
                );
            }
        }
    }

    #[test]
    fn user_lists_one_per_line_or_csv() {
        let suffixes = SuffixList::builtin();
        let text = "# our domains\nacme-corp.com\nhttps://www.clientco.co.uk/\nbigclient.com,Big Client,client\n";
        let list = read_real_domains(text, "mine.txt", &suffixes, "listed").unwrap();
        let got: Vec<(String, &str, &str)> = list
            .iter()
            .map(|r| (r.domain.registrable(), r.kind.as_str(), r.source.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("acme-corp.com".to_string(), "listed", "mine.txt:2"),
                ("clientco.co.uk".to_string(), "listed", "mine.txt:3"),
                ("bigclient.com".to_string(), "client", "mine.txt:4"),
            ]
        );
        let e = read_real_domains("good.com\nnot a domain\n", "bad.txt", &suffixes, "listed")
            .unwrap_err();
        assert!(e.to_string().starts_with("bad.txt:2:"), "{e}");
    }
}
