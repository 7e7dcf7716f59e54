//! The Public Suffix List: which part of a name anyone can register under (`com`, `co.uk`,
//! `github.io`), so that the registrable domain (`kitrum.co.uk`) and its label (`kitrum`) can
//! be compared.
//!
//! The list itself is data: `redflag domain install` fetches it with pip (the PyPI package
//! `publicsuffixlist`, which republishes Mozilla's list) into the data directory. Without it,
//! [`SuffixList::builtin`] is a last resort: the default rule (every top-level label is a
//! suffix) plus the short list of common multi-label suffixes that `redflag-normalize` keeps.
//! With the built-in list an unlisted multi-label suffix (say `gov.pk`) is treated as one
//! registrant, which can hide a lookalike under it but never invents one.

use std::collections::HashSet;

use crate::error::{At, DomainError};

/// Parsed rules of a public suffix list.
#[derive(Debug, Clone, Default)]
pub struct SuffixList {
    /// Normal rules (`co.uk`).
    rules: HashSet<String>,
    /// Wildcard rules, stored without `*.` (`*.ck` → `ck`).
    wildcards: HashSet<String>,
    /// Exception rules, stored without `!` (`!www.ck` → `www.ck`).
    exceptions: HashSet<String>,
    /// Rules from the list's private section (hosting platforms: `github.io`).
    private: HashSet<String>,
    /// `// VERSION:` of the list, when it has one.
    version: Option<String>,
}

/// How a host splits under the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The public suffix (`co.uk`), in the form given.
    pub suffix: String,
    /// Whether the suffix comes from the list's private section (a hosting platform that gives
    /// every customer a name of its own, such as `github.io`).
    pub private: bool,
}

impl SuffixList {
    /// Reads the list's text (`public_suffix_list.dat`); `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<SuffixList, DomainError> {
        let mut list = SuffixList::default();
        let mut in_private = false;
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if let Some(comment) = line.strip_prefix("//") {
                let comment = comment.trim();
                if comment.starts_with("===BEGIN PRIVATE DOMAINS===") {
                    in_private = true;
                } else if comment.starts_with("===END PRIVATE DOMAINS===") {
                    in_private = false;
                } else if let Some(v) = comment.strip_prefix("VERSION:") {
                    list.version = Some(v.trim().to_string());
                }
                continue;
            }
            // A rule is the first whitespace-separated token of its line.
            let Some(rule) = line.split_whitespace().next() else {
                continue;
            };
            let rule = rule.to_lowercase();
            let bad = rule.starts_with('.')
                || rule.ends_with('.')
                || rule.contains("..")
                || rule.split('.').skip(1).any(|l| l.contains('*'));
            if bad {
                return Err(DomainError::Data {
                    at: At::new(file, index as u64 + 1),
                    message: format!("expected a suffix rule such as `co.uk`, `*.ck` or `!www.ck`, found {rule:?}"),
                });
            }
            if let Some(rest) = rule.strip_prefix('!') {
                list.exceptions.insert(rest.to_string());
            } else if let Some(rest) = rule.strip_prefix("*.") {
                list.wildcards.insert(rest.to_string());
            } else {
                if in_private {
                    list.private.insert(rule.clone());
                }
                list.rules.insert(rule);
            }
        }
        if list.rules.is_empty() {
            return Err(DomainError::Data {
                at: At::new(file, 0),
                message: "no suffix rules in the file: not a public suffix list".into(),
            });
        }
        Ok(list)
    }

    /// The last-resort list: every top-level label, plus the multi-label suffixes built into
    /// `redflag-normalize` (`co.uk`, `com.au`, `github.io`, …).
    pub fn builtin() -> SuffixList {
        let mut list = SuffixList::default();
        for suffix in redflag_normalize::domain::builtin_multi_label_suffixes() {
            list.rules.insert(suffix.to_string());
        }
        list.version = Some("built-in fallback".into());
        list
    }

    /// The list's `VERSION` line (`2026-10-22_08-36-41_UTC`), or `built-in fallback`.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len() + self.wildcards.len() + self.exceptions.len()
    }

    /// Whether the list has no rules.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The public suffix of `host` (lowercase labels joined by dots), by the list's algorithm:
    /// the longest matching rule, exceptions first, the top-level label when nothing matches.
    /// `None` for an empty host.
    pub fn suffix_of(&self, host: &str) -> Option<Split> {
        let labels: Vec<&str> = host.split('.').collect();
        if labels.iter().any(|l| l.is_empty()) {
            return None;
        }
        let n = labels.len();
        let mut best: Option<(usize, bool)> = None; // (labels in suffix, private)
        for start in 0..n {
            let candidate = labels[start..].join(".");
            let count = n - start;
            if self.exceptions.contains(&candidate) {
                // An exception's suffix is the rule minus its first label.
                best = Some((count - 1, false));
                break;
            }
            let wildcard = start + 1 < n && self.wildcards.contains(&labels[start + 1..].join("."));
            if self.rules.contains(&candidate) || wildcard {
                let private = self.private.contains(&candidate);
                if best.is_none_or(|(c, _)| count > c) {
                    best = Some((count, private));
                }
            }
        }
        let (count, private) = best.unwrap_or((1, false));
        let count = count.max(1);
        Some(Split {
            suffix: labels[n - count..].join("."),
            private,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "// VERSION: 2026-10-22_08-36-41_UTC\n\
        // ===BEGIN ICANN DOMAINS===\ncom\nuk\nco.uk\n*.ck\n!www.ck\njp\n*.kawasaki.jp\n!city.kawasaki.jp\n\
        公司.cn\ncn\n// ===END ICANN DOMAINS===\n// ===BEGIN PRIVATE DOMAINS===\ngithub.io\n\
        // ===END PRIVATE DOMAINS===\n";

    fn suffix(list: &SuffixList, host: &str) -> String {
        list.suffix_of(host).unwrap().suffix
    }

    #[test]
    fn follows_the_list_algorithm() {
        let list = SuffixList::parse(SAMPLE, "sample.dat").unwrap();
        assert_eq!(list.version(), Some("2026-10-22_08-36-41_UTC"));
        assert_eq!(suffix(&list, "a.b.example.co.uk"), "co.uk");
        assert_eq!(suffix(&list, "example.com"), "com");
        assert_eq!(suffix(&list, "www.example.test"), "test"); // default rule
        assert_eq!(suffix(&list, "a.b.ck"), "b.ck"); // wildcard
        assert_eq!(suffix(&list, "www.ck"), "ck"); // exception
        assert_eq!(suffix(&list, "a.city.kawasaki.jp"), "kawasaki.jp");
        assert_eq!(suffix(&list, "x.公司.cn"), "公司.cn");
        let split = list.suffix_of("kitrum.github.io").unwrap();
        assert_eq!((split.suffix.as_str(), split.private), ("github.io", true));
        assert_eq!(list.suffix_of("a..com"), None);
    }

    #[test]
    fn a_broken_list_names_its_line() {
        let e = SuffixList::parse("com\n.bad\n", "psl.dat").unwrap_err();
        assert!(e.to_string().contains("psl.dat:2"), "{e}");
        assert!(SuffixList::parse("// nothing\n", "x").is_err());
    }

    #[test]
    fn builtin_knows_common_multi_label_suffixes() {
        let list = SuffixList::builtin();
        assert_eq!(suffix(&list, "mail.example.co.uk"), "co.uk");
        assert_eq!(suffix(&list, "jane.github.io"), "github.io");
        assert_eq!(suffix(&list, "example.gov.pk"), "pk");
    }
}
