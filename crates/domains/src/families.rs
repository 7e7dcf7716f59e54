//! The dnstwist families, checked in reverse: instead of generating every variant of a real
//! domain and looking the candidate up, [`compare`] takes the candidate apart and says which
//! single change turns the real domain into it.
//!
//! Thresholds (the reference label's length in characters; justified by the false-positive
//! measurement in `docs/benchmarks.md`):
//! - one-letter typos (addition, bitsquatting, insertion, omission, repetition, replacement,
//!   transposition, vowel swap, and the weak glyph pairs such as `m`/`n`) need a label of at
//!   least [`MIN_TYPO_LABEL`] characters, the same public suffix (dnstwist varies one thing at
//!   a time), and a letter changed, not a digit (`cdn20`/`cdn30`, `awsdns-24`/`awsdns-25` are
//!   numbered siblings). Every short name is registered, mostly by unrelated firms: `ibn.com`
//!   is not a typo of `ibm.com` in any useful sense, nor `acast.com` of `avast.com`.
//! - the TLD swap and homoglyphs made of letters only (`rn` for `m`, `l` for `i`) need
//!   [`MIN_NAME_LABEL`]; with a digit for a letter or a character from another script,
//!   [`MIN_LABEL`] is enough: nobody writes `1bm` or `іbm` (Cyrillic і) by accident.
//! - hyphenation and dictionary words need [`MIN_NAME_LABEL`]; the real name alone as a
//!   subdomain of someone else's domain needs [`MIN_TYPO_LABEL`] and a name that is not a
//!   common word (`cloud.tenable.com` is not about `cloud.microsoft`), while the whole real
//!   domain as a subdomain (`kitrum.com.jobs.net`) needs nothing more.

use serde::Serialize;

use crate::keyboard::adjacent;
use crate::name::DomainName;
use crate::skeleton::{is_mixed_script, non_ascii_chars, skeleton, weak_glyph_pair};

/// Shortest reference label checked at all.
pub const MIN_LABEL: usize = 3;
/// Shortest reference label for the one-letter typo families.
pub const MIN_TYPO_LABEL: usize = 6;
/// Shortest name (the shorter of the two) for a letter added or dropped at the end: one
/// letter more or less at the end often makes another real name (`tiktok`/`tiktokv`,
/// `china`/`chinaz`, `googl`/`google`).
pub const MIN_END_CHANGE_LABEL: usize = 7;
/// Shortest reference label for the TLD swap, letter-only homoglyphs, hyphenation, dictionary
/// words and a dot inside the name.
pub const MIN_NAME_LABEL: usize = 5;

/// A way of making a lookalike from a real domain (dnstwist's fuzzers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// A character that looks like another: `rn` for `m`, `0` for `o`, Cyrillic `а` for `a`,
    /// `ü` for `u`.
    Homoglyph,
    /// The real domain as a subdomain of another (`kitrum.com.jobs-portal.net`), or a dot
    /// inside the name (`kit.rum.com`).
    Subdomain,
    /// The real name with a word before or after it (`kitrumjobs.com`, `my-kitrum.com`).
    Dictionary,
    /// A hyphen inside the name (`kit-rum.com`).
    Hyphenation,
    /// The same name under another public suffix (`kitrum.co`, `kitrum.github.io`).
    TldSwap,
    /// Two neighbouring letters swapped (`ktirum.com`).
    Transposition,
    /// A letter left out (`kitum.com`).
    Omission,
    /// A letter typed twice (`kittrum.com`).
    Repetition,
    /// A neighbouring key pressed as well (`kitrjum.com`).
    Insertion,
    /// A neighbouring key pressed instead (`kitrym.com`).
    Replacement,
    /// One vowel for another (`kitrom.com`).
    VowelSwap,
    /// A character appended (`kitrums.com`).
    Addition,
    /// One bit of one character flipped (`kitrue.com`: `m` 0x6d → `e` 0x65).
    Bitsquatting,
}

impl Family {
    /// Every family, strongest first.
    pub const ALL: [Family; 13] = [
        Family::Homoglyph,
        Family::Subdomain,
        Family::Dictionary,
        Family::Hyphenation,
        Family::TldSwap,
        Family::Transposition,
        Family::Omission,
        Family::Repetition,
        Family::Insertion,
        Family::Replacement,
        Family::VowelSwap,
        Family::Addition,
        Family::Bitsquatting,
    ];

    /// Stable name (`homoglyph`, `tld-swap`, …), as dnstwist spells its fuzzers.
    pub fn name(self) -> &'static str {
        match self {
            Family::Homoglyph => "homoglyph",
            Family::Subdomain => "subdomain",
            Family::Dictionary => "dictionary",
            Family::Hyphenation => "hyphenation",
            Family::TldSwap => "tld-swap",
            Family::Transposition => "transposition",
            Family::Omission => "omission",
            Family::Repetition => "repetition",
            Family::Insertion => "insertion",
            Family::Replacement => "replacement",
            Family::VowelSwap => "vowel-swap",
            Family::Addition => "addition",
            Family::Bitsquatting => "bitsquatting",
        }
    }

    /// Whether the change is deliberate on its face (a character from another script, a real
    /// domain used as a subdomain) rather than one a typo could make.
    pub fn is_strong(self) -> bool {
        matches!(self, Family::Homoglyph | Family::Subdomain)
    }
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Words put before or after a real name to make a plausible company or service domain.
/// Chosen for hiring and IT-services impersonation; words that big platforms use for their
/// own infrastructure domains (`online`, `apis`, `cdn`, `static`, `content`, `video`) and
/// mail services' (`mail`, `email`: `protonmail`, `googlemail`) are left out because they make
/// real domains look like lookalikes of each other, as do two-letter regions (`us`, `uk`,
/// `eu`: `tiktokcdn-us.com`).
pub const DICTIONARY: &[&str] = &[
    "account",
    "accounts",
    "agency",
    "app",
    "apps",
    "asia",
    "career",
    "careers",
    "co",
    "company",
    "consult",
    "consulting",
    "corp",
    "dev",
    "devs",
    "digital",
    "get",
    "global",
    "go",
    "group",
    "help",
    "hire",
    "hiring",
    "hq",
    "hr",
    "hub",
    "inc",
    "india",
    "international",
    "intl",
    "it",
    "job",
    "jobs",
    "join",
    "lab",
    "labs",
    "llc",
    "login",
    "ltd",
    "my",
    "new",
    "official",
    "partners",
    "pay",
    "payroll",
    "people",
    "portal",
    "pro",
    "recruit",
    "recruiting",
    "recruitment",
    "remote",
    "secure",
    "sell",
    "service",
    "services",
    "shop",
    "signin",
    "soft",
    "software",
    "solution",
    "solutions",
    "staff",
    "staffing",
    "studio",
    "studios",
    "support",
    "systems",
    "talent",
    "team",
    "tech",
    "the",
    "usa",
    "verify",
    "web",
    "works",
];

/// How a candidate resembles one real domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resemblance {
    /// The family of the change.
    pub family: Family,
    /// The change in words: "`rn` in place of `m`", "adds the word `jobs`".
    pub change: String,
    /// The candidate's skeleton and the real domain's, when they were compared.
    pub skeletons: Option<(String, String)>,
}

fn res(family: Family, change: String) -> Option<Resemblance> {
    Some(Resemblance {
        family,
        change,
        skeletons: None,
    })
}

/// Which single change turns `real` into `candidate`, if any. `None` for the same
/// registrable domain, and for pairs below the family thresholds (see the module docs).
pub fn compare(candidate: &DomainName, real: &DomainName) -> Option<Resemblance> {
    if candidate.registrable() == real.registrable() {
        return None;
    }
    let (c, r) = (candidate.label.as_str(), real.label.as_str());
    let r_len = r.chars().count();
    if r_len < MIN_LABEL || is_numeric(r) || is_numeric(c) {
        return None;
    }
    let same_suffix = candidate.suffix == real.suffix;
    let suffix_note = if same_suffix {
        String::new()
    } else {
        format!(", under .{} instead of .{}", candidate.suffix, real.suffix)
    };
    if let Some(found) = subdomain(candidate, real, r_len) {
        return Some(found);
    }
    if c == r {
        let change = if candidate.hosted {
            format!(
                "the same name as a site on the hosting platform {} instead of .{}",
                candidate.suffix, real.suffix
            )
        } else {
            format!(
                "the same name under .{} instead of .{}",
                candidate.suffix, real.suffix
            )
        };
        return (r_len >= MIN_NAME_LABEL).then_some(Resemblance {
            family: Family::TldSwap,
            change,
            skeletons: None,
        });
    }
    let (sc, sr) = (skeleton(c), skeleton(r));
    if sc == sr {
        let deliberate = !c.is_ascii() || c.chars().any(|ch| ch.is_ascii_digit());
        if deliberate || r_len >= MIN_NAME_LABEL {
            let mut change = if c.is_ascii() {
                format!("`{c}` reads as `{r}` ({})", ascii_glyph_change(c, r))
            } else {
                let chars = non_ascii_chars(c).join(", ");
                let mixed = if is_mixed_script(c) {
                    "; mixes scripts"
                } else {
                    ""
                };
                format!("`{c}` reads as `{r}` ({chars}{mixed})")
            };
            change.push_str(&suffix_note);
            return Some(Resemblance {
                family: Family::Homoglyph,
                change,
                skeletons: Some((sc, sr)),
            });
        }
        return None;
    }
    if r_len >= MIN_NAME_LABEL {
        if let Some(word) = dictionary_word(c, r) {
            return res(
                Family::Dictionary,
                format!("the name with the word `{word}`{suffix_note}"),
            );
        }
    }
    if !c.is_ascii() || !r.is_ascii() || !same_suffix || r_len < MIN_TYPO_LABEL {
        return None;
    }
    one_edit(c.as_bytes(), r.as_bytes())
}

fn is_numeric(label: &str) -> bool {
    label.bytes().all(|b| b.is_ascii_digit() || b == b'-')
}

/// `kit.rum.com` (a dot inside the name) or `kitrum.com.jobs.net` / `kitrum.jobs.net` (the
/// real domain or name as a subdomain of another registrable domain).
fn subdomain(candidate: &DomainName, real: &DomainName, r_len: usize) -> Option<Resemblance> {
    if candidate.subdomain.is_empty() {
        return None;
    }
    let mut joined: String = candidate.subdomain.concat();
    joined.push_str(&candidate.label);
    if joined == real.label && candidate.suffix == real.suffix && r_len >= MIN_NAME_LABEL {
        return res(
            Family::Subdomain,
            format!("a dot inside the name: {}", candidate.host),
        );
    }
    let real_registrable = real.registrable();
    let n = candidate.subdomain.len();
    // The whole real domain first (`kitrum.com.jobs.net`), then the name alone.
    let parts = (0..n)
        .flat_map(|start| (start + 2..=n).map(move |end| (start, end)))
        .chain((0..n).map(|start| (start, start + 1)));
    for (start, end) in parts {
        {
            let part = candidate.subdomain[start..end].join(".");
            let name_alone = end == start + 1
                && part == real.label
                && r_len >= MIN_TYPO_LABEL
                && !DICTIONARY.contains(&part.as_str());
            if part == real_registrable || name_alone {
                return res(
                    Family::Subdomain,
                    format!(
                        "`{part}` used as a subdomain of {}",
                        candidate.registrable()
                    ),
                );
            }
        }
    }
    None
}

/// The dictionary word that, before or after the real name (with or without a hyphen),
/// makes the candidate.
fn dictionary_word<'a>(c: &'a str, r: &str) -> Option<&'a str> {
    let word = if let Some(rest) = c.strip_prefix(r) {
        rest.strip_prefix('-').unwrap_or(rest)
    } else if let Some(rest) = c.strip_suffix(r) {
        rest.strip_suffix('-').unwrap_or(rest)
    } else {
        return None;
    };
    DICTIONARY.contains(&word).then_some(word)
}

/// What the ASCII homoglyph fold changed, for the explanation: the differing characters
/// when the lengths agree, else the letter pair that renders as one letter.
fn ascii_glyph_change(c: &str, r: &str) -> String {
    if c.len() == r.len() {
        let diffs: Vec<String> = c
            .chars()
            .zip(r.chars())
            .filter(|(a, b)| a != b)
            .map(|(a, b)| format!("`{a}` in place of `{b}`"))
            .collect();
        if !diffs.is_empty() {
            return diffs.join(", ");
        }
    }
    for (pair, one) in [("rn", "m"), ("vv", "w"), ("cl", "d")] {
        if c.contains(pair) && r.contains(one) {
            return format!("`{pair}` in place of `{one}`");
        }
        if r.contains(pair) && c.contains(one) {
            return format!("`{one}` in place of `{pair}`");
        }
    }
    "look-alike letters".to_string()
}

/// The one-letter typo families, on ASCII labels of one suffix.
fn one_edit(c: &[u8], r: &[u8]) -> Option<Resemblance> {
    let ch = |b: u8| char::from(b);
    if c.len() == r.len() {
        let diffs: Vec<usize> = (0..c.len()).filter(|&i| c[i] != r[i]).collect();
        return match diffs.as_slice() {
            [i] if r[*i].is_ascii_digit() || c[*i].is_ascii_digit() => None,
            [i] => {
                let (a, b) = (r[*i], c[*i]);
                let what = format!("`{}` in place of `{}` at position {}", ch(b), ch(a), i + 1);
                if weak_glyph_pair(ch(a), ch(b)) {
                    res(Family::Homoglyph, what)
                } else if is_vowel(a) && is_vowel(b) {
                    res(Family::VowelSwap, what)
                } else if adjacent(ch(a), ch(b)) {
                    res(Family::Replacement, format!("{what} (a neighbouring key)"))
                } else if (a ^ b).is_power_of_two() {
                    res(
                        Family::Bitsquatting,
                        format!("{what} (0x{a:02x} → 0x{b:02x}, one bit)"),
                    )
                } else {
                    None
                }
            }
            [i, j] if *j == i + 1 && c[*i] == r[*j] && c[*j] == r[*i] => res(
                Family::Transposition,
                format!("`{}{}` swapped at position {}", ch(r[*i]), ch(r[*j]), i + 1),
            ),
            _ => None,
        };
    }
    if c.len() + 1 == r.len() {
        let i = (0..r.len()).find(|&i| r[..i] == c[..i] && r[i + 1..] == c[i..])?;
        if r[i].is_ascii_digit() || (i + 1 == r.len() && c.len() < MIN_END_CHANGE_LABEL) {
            return None;
        }
        return res(
            Family::Omission,
            format!("`{}` left out at position {}", ch(r[i]), i + 1),
        );
    }
    if c.len() == r.len() + 1 {
        let mut best: Option<Resemblance> = None;
        for i in (0..c.len()).filter(|&i| c[..i] == r[..i] && c[i + 1..] == r[i..]) {
            let added = c[i];
            if added.is_ascii_digit() || (i + 1 == c.len() && r.len() < MIN_END_CHANGE_LABEL) {
                continue;
            }
            let before = i.checked_sub(1).map(|k| c[k]);
            let after = c.get(i + 1).copied();
            let found = if before == Some(added) || after == Some(added) {
                res(
                    Family::Repetition,
                    format!("`{}` doubled at position {}", ch(added), i + 1),
                )
            } else if added == b'-' && i > 0 && i + 1 < c.len() {
                res(
                    Family::Hyphenation,
                    format!("a hyphen at position {}", i + 1),
                )
            } else if i + 1 == c.len() || after == Some(b'-') {
                res(
                    Family::Addition,
                    format!("`{}` added at the end", ch(added)),
                )
            } else if before.is_some_and(|b| adjacent(ch(b), ch(added)))
                || after.is_some_and(|a| adjacent(ch(a), ch(added)))
            {
                res(
                    Family::Insertion,
                    format!(
                        "`{}` inserted at position {} (a neighbouring key)",
                        ch(added),
                        i + 1
                    ),
                )
            } else {
                None
            };
            if let Some(f) = found {
                if best.as_ref().is_none_or(|b| f.family < b.family) {
                    best = Some(f);
                }
            }
        }
        return best;
    }
    None
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::psl::SuffixList;

    fn name(s: &str) -> DomainName {
        DomainName::parse(s, &SuffixList::builtin()).unwrap()
    }

    fn family(candidate: &str, real: &str) -> Option<Family> {
        compare(&name(candidate), &name(real)).map(|r| r.family)
    }

    #[test]
    fn each_family_in_reverse() {
        use Family::*;
        let real = "kitrum.com";
        for (candidate, want) in [
            ("kitrurn.com", Homoglyph),
            ("k1trum.com", Homoglyph),
            ("kіtrum.com", Homoglyph), // Cyrillic і
            ("xn--ktrum-n2e.com", Homoglyph),
            ("kitrüm.com", Homoglyph),
            ("kitrun.com", Homoglyph), // m/n: a weak glyph pair
            ("kit.rum.com", Subdomain),
            ("kitrum.com.jobs-portal.net", Subdomain),
            ("careers.kitrum.hr-portal.net", Subdomain),
            ("kitrumjobs.com", Dictionary),
            ("my-kitrum.com", Dictionary),
            ("kitrum-careers.net", Dictionary),
            ("kit-rum.com", Hyphenation),
            ("kitrum.co", TldSwap),
            ("kitrum.github.io", TldSwap),
            ("ktirum.com", Transposition),
            ("kitum.com", Omission),
            ("kittrum.com", Repetition),
            ("kitrjum.com", Insertion),
            ("kitrym.com", Replacement),
            ("kitrom.com", VowelSwap),
            ("kitrue.com", Bitsquatting),
        ] {
            assert_eq!(family(candidate, real), Some(want), "{candidate}");
        }
        assert_eq!(family("tatvasofts.com", "tatvasoft.com"), Some(Addition));
        assert_eq!(family("tatvasof.com", "tatvasoft.com"), Some(Omission));
        // One letter more or less at the end of a short name is often another real name.
        assert_eq!(family("kitrums.com", real), None);
        assert_eq!(family("tiktokv.com", "tiktok.com"), None);
    }

    #[test]
    fn short_and_unrelated_names_are_not_lookalikes() {
        assert_eq!(family("ibn.com", "ibm.com"), None); // three letters: a different firm
        assert_eq!(family("ibm.co", "ibm.com"), None);
        assert_eq!(family("epan.com", "epam.com"), None);
        assert_eq!(family("wiprio.com", "wipro.com"), None); // five letters: no typo families
        assert_eq!(family("cdn30.com", "cdn20.com"), None); // numbered siblings
        assert_eq!(family("kitrum2.com", "kitrum.com"), None);
        assert_eq!(family("cloud.tenable.com", "cloud.microsoft"), None);
        assert_eq!(family("apple.map.fastly.net", "apple.com"), None);
        assert_eq!(family("1bm.com", "ibm.com"), Some(Family::Homoglyph)); // a digit is deliberate
        assert_eq!(family("kitrum.com", "kitrum.com"), None);
        assert_eq!(family("jobs.kitrum.com", "kitrum.com"), None); // the real domain
        assert_eq!(family("kitrun.io", "kitrum.com"), None); // two changes at once
        assert_eq!(family("quantum.com", "kitrum.com"), None);
        assert_eq!(family("163.com", "126.com"), None);
        assert_eq!(family("kitrumfoods.com", "kitrum.com"), None); // not a listed word
    }
}
