//! One spelling of a domain to compare: whatever the input (an email address, a URL, a host,
//! punycode or Unicode, full-width characters), the host's Unicode and ASCII forms and its
//! split into subdomain, label and public suffix.

use unicode_normalization::UnicodeNormalization;

use crate::error::DomainError;
use crate::psl::SuffixList;
use crate::punycode;

/// A parsed domain name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainName {
    /// The whole host in Unicode, lowercase (`careers.kitrüm.com`).
    pub host: String,
    /// The whole host in ASCII, punycode for internationalised labels
    /// (`careers.xn--kitrm-nva.com`).
    pub host_ascii: String,
    /// Labels left of the registrable domain, Unicode (`["careers"]`).
    pub subdomain: Vec<String>,
    /// The registrable domain's own label, Unicode (`kitrüm`).
    pub label: String,
    /// The public suffix, Unicode (`com`, `co.uk`, `github.io`).
    pub suffix: String,
    /// Whether the suffix is a hosting platform's (the list's private section: `github.io`,
    /// `netlify.app`).
    pub hosted: bool,
}

impl DomainName {
    /// Parses an email address, URL or host. Unicode is normalised (NFKC, lowercase, the
    /// ideographic full stops read as dots) and `xn--` labels are decoded, so every spelling
    /// of one name gives the same value.
    pub fn parse(input: &str, suffixes: &SuffixList) -> Result<DomainName, DomainError> {
        let not_a_domain = || DomainError::NotADomain {
            input: input.to_string(),
        };
        let folded: String = input
            .nfkc()
            .map(|c| match c {
                '\u{3002}' | '\u{FF0E}' | '\u{FF61}' => '.',
                c => c,
            })
            .collect();
        let host = redflag_normalize::domain_of(&folded).ok_or_else(not_a_domain)?;
        let mut unicode_labels = Vec::new();
        let mut ascii_labels = Vec::new();
        for label in host.split('.') {
            let unicode: String = punycode::to_unicode_label(label)
                .nfkc()
                .flat_map(char::to_lowercase)
                .collect();
            let ascii = punycode::to_ascii_label(&unicode).ok_or_else(not_a_domain)?;
            if unicode.is_empty() || ascii.len() > 63 {
                return Err(not_a_domain());
            }
            unicode_labels.push(unicode);
            ascii_labels.push(ascii);
        }
        let host = unicode_labels.join(".");
        let split = suffixes.suffix_of(&host).ok_or_else(not_a_domain)?;
        let suffix_labels = split.suffix.split('.').count();
        let n = unicode_labels.len();
        // A host that is itself a suffix (`github.io`) is read as label + the rest.
        let suffix_labels = suffix_labels.min(n - 1);
        let label_index = n - suffix_labels - 1;
        Ok(DomainName {
            host_ascii: ascii_labels.join("."),
            subdomain: unicode_labels[..label_index].to_vec(),
            label: unicode_labels[label_index].clone(),
            suffix: unicode_labels[label_index + 1..].join("."),
            hosted: split.private && suffix_labels == split.suffix.split('.').count(),
            host,
        })
    }

    /// The registrable domain in Unicode (`kitrüm.com`).
    pub fn registrable(&self) -> String {
        format!("{}.{}", self.label, self.suffix)
    }

    /// The registrable domain in ASCII (`xn--kitrm-nva.com`).
    pub fn registrable_ascii(&self) -> String {
        let labels = self.host_ascii.split('.').collect::<Vec<_>>();
        let keep = 1 + self.suffix.split('.').count();
        labels[labels.len().saturating_sub(keep)..].join(".")
    }

    /// Whether any label is internationalised (not plain ASCII).
    pub fn is_idn(&self) -> bool {
        !self.host.is_ascii()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> DomainName {
        DomainName::parse(s, &SuffixList::builtin()).unwrap()
    }

    #[test]
    fn every_spelling_of_one_name_agrees() {
        let want = parse("kitrum.com");
        for s in [
            "Jane <jane@KITRUM.com>",
            "https://www.kitrum.com/about",
            "ｋｉｔｒｕｍ。com",
            "kitrum.com.",
        ] {
            assert_eq!(parse(s), want, "{s}");
        }
        assert_eq!(want.label, "kitrum");
        assert_eq!(want.suffix, "com");
        assert!(want.subdomain.is_empty());
    }

    #[test]
    fn punycode_and_unicode_are_one_name() {
        let a = parse("https://careers.xn--kitrm-nva.co.uk/");
        let b = parse("careers.kitrüm.co.uk");
        assert_eq!(a, b);
        assert_eq!(a.label, "kitrüm");
        assert_eq!(a.suffix, "co.uk");
        assert_eq!(a.subdomain, vec!["careers".to_string()]);
        assert_eq!(a.registrable_ascii(), "xn--kitrm-nva.co.uk");
        assert!(a.is_idn());
    }

    #[test]
    fn odd_input_is_an_error_or_a_name_never_a_panic() {
        let long = format!("{}.com", "a".repeat(300));
        let inputs = [
            "xn--",
            "a.xn--.com",
            "xn--zzzzzzzzzzzzzzzzzzzzzzzz.com",
            "xn--99999999999.com",
            "😀.com",
            "a\u{0301}\u{0301}\u{0301}.com",
            "مثال.إختبار",
            "..",
            "@",
            "http://",
            "mailto:@",
            "a@b@c.com",
            "ﬁ.com",
            "Ⓚitrum.com",
            long.as_str(),
            "-.com",
            "a.-",
            "\u{200b}kitrum.com",
            "kitrum\u{3002}com",
            "[::1]",
            "kitrum.com:99999999999",
        ];
        let checker = crate::DomainChecker::new(crate::DomainData::builtin());
        for input in inputs {
            if let Ok(name) = DomainName::parse(input, &SuffixList::builtin()) {
                assert!(!name.label.is_empty(), "{input}");
                let _ = checker.assess(input, &name).explain();
            }
        }
        assert_eq!(parse("ﬁ.com").label, "fi"); // NFKC
        assert_eq!(parse("Ⓚitrum.com").label, "kitrum");
    }

    #[test]
    fn hosting_suffixes_and_bare_suffixes() {
        let site = parse("kitrum.github.io");
        assert_eq!(
            (site.label.as_str(), site.suffix.as_str()),
            ("kitrum", "github.io")
        );
        let bare = parse("github.io");
        assert_eq!(
            (bare.label.as_str(), bare.suffix.as_str()),
            ("github", "io")
        );
        assert!(DomainName::parse("not a domain", &SuffixList::builtin()).is_err());
        assert!(DomainName::parse("10.0.0.1", &SuffixList::builtin()).is_err());
    }
}
