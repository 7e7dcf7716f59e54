//! Name matching for watchlist screening, built for North Korean names.
//!
//! Sanctions lists write one person many ways: `MUN CHO'NG-CH'O'L` (UN, McCune–Reischauer with
//! ASCII breves), `Mun Jong Chol` (DPRK practice), `Moon Jeong-cheol` (Revised Romanisation),
//! `문정철`; companies as `OOO Oboronnye Initsiativy` or `Oboronnye Initsiativy LLC`. This
//! crate prepares each name once ([`prepare`]), compares two prepared names into a calibrated,
//! explained score ([`compare`]), and finds the best list names for a query among tens of
//! thousands in microseconds ([`NameIndex`]).
//!
//! ```
//! use redflag_names::{compare, prepare, NameIndex, NameKind, ALERT_THRESHOLD};
//!
//! let listed = prepare("MUN CHO'NG-CH'O'L", NameKind::Person);
//! let query = prepare("Moon Jeongcheol", NameKind::Person);
//! let m = compare(&query, &listed);
//! assert!(m.score >= ALERT_THRESHOLD, "{}", m.explain());
//!
//! // Different people who share a surname and a syllable stay apart.
//! let m = compare(
//!     &prepare("Kim Jong Nam", NameKind::Person),
//!     &prepare("Kim Jong Un", NameKind::Person),
//! );
//! assert!(m.score < ALERT_THRESHOLD);
//!
//! let mut builder = NameIndex::builder();
//! builder.add(7, "KIM JONG UN", NameKind::Person);
//! builder.add(7, "김정은", NameKind::Person);
//! builder.add(9, "KOREA KWANGSON BANKING CORP", NameKind::Organization);
//! let index = builder.build();
//! let hits = index.search(&prepare("金正恩", NameKind::Person), 5, ALERT_THRESHOLD);
//! assert_eq!(hits[0].id, 7);
//! ```
//!
//! # How names are read
//!
//! * **Normalisation**: case, accents (compatibility decomposition, marks stripped), punctuation
//!   and token order are ignored; `A.B.C.` is one token; `&` is `and`.
//! * **Low-information words** weigh less: legal forms (`LLC`, `Ltd`, `GmbH`, `JSC`, `OOO`,
//!   `Limited Liability Company`… each normalised to a class, so `Ltd` = `Limited`), generic
//!   company words (`Trading`, `Group`, `International`…), particles (`al`, `bin`, `de`, `of`),
//!   patronymics; titles (`Mr`, `Dr`, `Sheikh`) are ignored. A match made only of such words
//!   is capped at 0.5, so `CORP` or `Trading Company` never alert on their own.
//! * **Korean**: every romanised token is parsed into Korean phoneme sets (see the `korean`
//!   module docs in the source), so McCune–Reischauer (`Chŏng`, `CHO'NG`), Revised
//!   Romanisation (`Jeong`), DPRK practice (`Jong`) and South Korean habit (`Jung`, `Lee`,
//!   `Park`, `Choi`) of one syllable are *romanisation variants* of each other and of the
//!   Hangul. A three-part Korean name is read as surname and given name however the given
//!   name is spaced (`Kim Jong Un`, `Kim Jong-un`, `Kim Jongun` are `kim` + `jongun`), so half
//!   a given name (`Kim Jong`) is not the whole.
//! * **Other scripts**: Hangul is decomposed algorithmically; Han characters get their Korean
//!   reading (when every character is a common Korean name character in Unihan) and their
//!   Mandarin pinyin, and the better reading wins; Cyrillic (with a Korean reading of Russian
//!   spellings such as `Ким Чен Ын`), Greek, Armenian and Georgian are transliterated letter
//!   by letter ([`transliterate`]). Two names both in Hangul or both in Han are compared
//!   character by character. Arabic, Hebrew, Thai and other scripts are compared only with
//!   themselves.
//! * **Typos and variants**: per-token optimal-string-alignment distance (bit-parallel) on a
//!   spelling fold (`ph`/`f`, `kh`/`h`, `w`/`v`, `y`/`i`, doubled letters, digits for letters),
//!   where vowel edits cost 0.65 of a consonant edit. The consonant skeleton carries a name:
//!   words of four letters or fewer are never typo-matched, and a skeleton of three consonants
//!   allows one edit in all, of four to seven one consonant edit, of eight or more two.
//!   Initials match full tokens; one token matches two or three written apart, and two match
//!   two split elsewhere (`Myongc-hin` / `Myong-chin`); organisation acronyms match their
//!   first words (`PLA`).
//!
//! # Scores and thresholds
//!
//! Tokens are aligned best pair first. Each matched pair adds its similarity times its weight
//! (the mean of the two tokens' weights) to the numerator and its weight to the denominator;
//! unmatched tokens only add to the denominator: an extra query token 0.6 of its weight, an
//! extra candidate token 0.4 (list names are often fuller than queries), and unmatched tokens
//! on both sides, a contradiction, twice the smaller side's weight. Names that differ in one
//! given name therefore score low however long they are (`Kim Jong Un` / `Kim Jong Nam` 0.33).
//! A person's name against an organisation's is scaled by 0.9. One threshold is used
//! everywhere:
//!
//! | score | meaning |
//! |---|---|
//! | ≥ [`STRONG_THRESHOLD`] (0.90) | strong: the same name up to spelling, romanisation, order or a legal form |
//! | ≥ [`ALERT_THRESHOLD`] (0.75) | alert: a likely match to review (one typo, a missing middle name) |
//! | below | no match |
//!
//! The weights were chosen by F1 on nomenklatura's 826 labelled name pairs under the
//! constraint that at most 0.5% of yente's 50,000 synthetic global negatives alert against
//! the 2024 SDN list, and [`ALERT_THRESHOLD`] is the threshold with the best F1 for them
//! (`examples/tune.rs` reruns the search; `tests/name_bench.rs` prints precision, recall and
//! F1 by threshold).

#![warn(missing_docs)]

mod compare;
mod distance;
mod index;
mod korean;
mod prepare;
mod text;
mod translit;

pub use compare::{compare_with, MatchHow, NameMatch, Params, TokenMatch};
pub use distance::osa_distance;
pub use index::{search_stats, IndexHit, NameIndex, NameIndexBuilder, SearchStats};
pub use prepare::{PreparedName, Token};
pub use text::TokenClass;

/// The one alert threshold: a score at or above it is a likely match to review. It has the
/// best F1 (0.847) on nomenklatura's name_bench with the default weights.
pub const ALERT_THRESHOLD: f32 = 0.75;

/// Scores at or above this are strong matches (same name up to spelling and order).
pub const STRONG_THRESHOLD: f32 = 0.90;

/// What kind of party a name belongs to; it changes how legal forms and Hangul names are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// A person: Hangul names split into surname and given name; short words such as `Sa` or
    /// `Co` are name parts, not legal forms.
    Person,
    /// A company, organisation, vessel or other non-person.
    Organization,
    /// Not known; read like a person's name but generic company words weigh less.
    Unknown,
}

/// Prepares a name once for any number of comparisons.
pub fn prepare(name: &str, kind: NameKind) -> PreparedName {
    prepare::prepare(name, kind)
}

/// Calibrated similarity in 0..=1 of a query name to a candidate (list) name, with an
/// explanation of which tokens matched how (see the crate documentation for the formula).
pub fn compare(query: &PreparedName, candidate: &PreparedName) -> NameMatch {
    compare::compare_with(query, candidate, &Params::default())
}

/// Romanisation variants of a Korean name given in Hangul or in any romanisation: McCune–
/// Reischauer with breves, the UN list's ASCII form (`O'`, `U'`), Revised Romanisation, DPRK
/// practice (spaced and joined given name), South Korean habit (`Moon Jung-chul`), given name
/// first, and Hangul. The input's own spelling is left out. Empty when the name does not read
/// as Korean (for example when a token cannot be a romanised Korean syllable).
///
/// One Hangul reading is chosen where a romanisation is ambiguous (`o` may be ㅗ or ㅓ), so the
/// variants are plausible spellings, not all spellings.
///
/// ```
/// let v = redflag_names::korean_romanisations("KIM JONG UN");
/// assert!(v.contains(&"Gim Jeongeun".to_string())); // Revised Romanisation
/// assert!(v.contains(&"Kim Chŏng-ŭn".to_string())); // McCune–Reischauer
/// assert!(v.contains(&"김정은".to_string()));
/// ```
pub fn korean_romanisations(name: &str) -> Vec<String> {
    korean::romanisations(name)
}

/// Transliterates non-Latin scripts to Latin: Hangul to Revised Romanisation, Han characters
/// to their Korean reading when every character is a common Korean name character, else to
/// Mandarin pinyin; Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Kazakh…), Greek,
/// Armenian and Georgian letter by letter. Latin and other scripts are returned unchanged.
///
/// ```
/// use redflag_names::transliterate;
/// assert_eq!(transliterate("Ким Чен Ын"), "Kim Chen Yn");
/// assert_eq!(transliterate("김정은"), "Gimjeongeun");
/// assert_eq!(transliterate("习近平"), "Xi Jinping");
/// ```
pub fn transliterate(s: &str) -> String {
    translit::transliterate(s)
}
