//! Latin text: accent stripping, spelling folds and the vocabulary of name parts that carry
//! little identity (legal forms, generic company words, titles, particles).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use unicode_normalization::char::decompose_compatible;

/// Whether `c` is a combining mark (dropped after compatibility decomposition).
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Whether `c` is one of the many apostrophes people type (kept inside words: `Qa'ida`,
/// `CHO'NG`).
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | '`' | '´' | 'ʼ' | 'ʻ' | '′' | 'ʹ' | 'ʾ' | 'ʿ' | '῾' | '᾿'
    )
}

/// Letters that compatibility decomposition leaves alone.
fn special_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ł' | 'Ł' => "l",
        'ı' => "i",
        'þ' | 'Þ' => "th",
        'ŋ' | 'Ŋ' => "ng",
        'ħ' | 'Ħ' => "h",
        'ĸ' => "k",
        'ſ' => "s",
        'ə' | 'Ə' => "e",
        'ɨ' => "i",
        _ => return None,
    })
}

/// Pushes the lowercase ASCII-ish form of one Latin (or other) character: accents stripped,
/// a breve on `o`/`u` kept as an apostrophe after it (`ŏ` → `o'`, McCune–Reischauer), any
/// apostrophe as `'`.
pub(crate) fn push_latin(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if is_apostrophe(c) {
        out.push('\'');
        return;
    }
    if let Some(s) = special_latin(c) {
        out.push_str(s);
        return;
    }
    let mut last_base: Option<char> = None;
    decompose_compatible(c, |d| {
        if d == '\u{0306}' && matches!(last_base, Some('o' | 'u')) {
            out.push('\'');
        } else if is_mark(d) {
        } else if let Some(s) = special_latin(d) {
            out.push_str(s);
        } else {
            for l in d.to_lowercase() {
                out.push(l);
                last_base = Some(l);
            }
        }
    });
}

/// Lowercases and strips accents, keeping apostrophes (for reading romanised Korean).
pub(crate) fn latin_lower_keep_apostrophes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_latin(c, &mut out);
    }
    out
}

/// Spelling fold for edit distance: common transliteration alternations made equal
/// (`ph`/`f`, `kh`/`h`, `c`/`k`/`s`, `z`/`s`, `w`/`v`, `y`/`i`, `zh`/`j`, doubled letters,
/// a final `h` after a vowel) and digits inside words read as the letters they imitate
/// (`Ig0r Sech1n`).
pub(crate) fn fold(t: &str) -> String {
    let has_alpha = t.bytes().any(|b| b.is_ascii_alphabetic());
    let has_digit = t.bytes().any(|b| b.is_ascii_digit());
    // Collapse doubled letters first (`Mahmoood`, `Sonng`, `Hassan`), reading digits inside
    // words as letters.
    let mut small = [0u8; 64];
    let mut large = Vec::new();
    let mut n = 0;
    for b in t.bytes() {
        if b == b'\'' {
            continue;
        }
        let b = if has_alpha && has_digit {
            match b {
                b'0' => b'o',
                b'1' => b'i',
                b'3' => b'e',
                b'4' => b'a',
                b'5' => b's',
                b'7' => b't',
                b'8' => b'b',
                b'9' => b'g',
                x => x,
            }
        } else {
            b
        };
        let last = if n == 0 {
            None
        } else if n <= small.len() {
            Some(small[n - 1])
        } else {
            large.last().copied()
        };
        if last == Some(b) {
            continue;
        }
        if n < small.len() {
            small[n] = b;
        } else {
            if n == small.len() {
                large.extend_from_slice(&small);
            }
            large.push(b);
        }
        n += 1;
    }
    let src: &[u8] = if n <= small.len() {
        &small[..n]
    } else {
        &large
    };
    let mut out: Vec<u8> = Vec::with_capacity(src.len() + 2);
    let at = |i: usize| -> u8 { src.get(i).copied().unwrap_or(0) };
    let mut i = 0;
    while i < n {
        let c = src[i];
        let c1 = at(i + 1);
        let c2 = at(i + 2);
        let (emit, adv): (&[u8], usize) = match c {
            b's' if c1 == b'c' && c2 == b'h' => (b"sh", 3),
            b't' if c1 == b's' && c2 == b'c' && at(i + 3) == b'h' => (b"ch", 4),
            b't' if c1 == b'c' && c2 == b'h' => (b"ch", 3),
            b'd' if c1 == b'z' && c2 == b'h' => (b"j", 3),
            b'z' if c1 == b'h' => (b"j", 2),
            b'd' if c1 == b'j' => (b"j", 2),
            b'p' if c1 == b'h' => (b"f", 2),
            b'k' if c1 == b'h' => (b"h", 2),
            b'g' if c1 == b'h' => (b"g", 2),
            b't' if c1 == b'h' => (b"t", 2),
            b'd' if c1 == b'h' => (b"d", 2),
            b'b' if c1 == b'h' => (b"b", 2),
            b'r' if c1 == b'h' => (b"r", 2),
            b'c' if c1 == b'k' => (b"k", 2),
            b'c' if c1 == b'h' => (b"ch", 2),
            b'c' if c1 == b'z' => (b"ch", 2),
            b'c' if matches!(c1, b'e' | b'i' | b'y') => (b"s", 1),
            b'c' => (b"k", 1),
            b'q' => (b"k", 1),
            b'x' => (b"ks", 1),
            b'z' => (b"s", 1),
            b'w' => (b"v", 1),
            b'y' => (b"i", 1),
            b'j' if i + 1 == n && out.last() == Some(&b'i') => (b"", 1),
            b'o' if c1 == b'u' => (b"u", 2),
            b'h' if i + 1 == n && i > 0 && is_vowel(src[i - 1]) => (b"", 1),
            _ => (std::slice::from_ref(&src[i]), 1),
        };
        for &e in emit {
            if out.last() != Some(&e) {
                out.push(e);
            }
        }
        i += adv;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The consonant skeleton of a folded token (vowels removed, doubles collapsed).
pub(crate) fn skeleton(folded: &str) -> String {
    let mut out: Vec<u8> = folded.bytes().filter(|b| !is_vowel(*b)).collect();
    out.dedup();
    String::from_utf8(out).unwrap_or_default()
}

/// What a token is, for weighting: identity-bearing name parts weigh most.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenClass {
    /// An ordinary name part.
    Name,
    /// A single letter, usually an initial.
    Initial,
    /// A patronymic (`Viktorovich`, `Ivanovna`): informative but often omitted.
    Patronymic,
    /// A connecting word or particle (`of`, `the`, `and`, `al`, `bin`, `van`, `de`).
    Particle,
    /// An honorific or title (`Mr`, `Dr`, `Sheikh`, `President`); ignored.
    Title,
    /// A legal form (`LLC`, `Ltd`, `GmbH`, `JSC`, `OOO`), normalised to its class.
    LegalForm,
    /// A word common to many organisation names (`Trading`, `Group`, `International`).
    Generic,
    /// A number (digits or a Roman numeral).
    Number,
}

impl TokenClass {
    /// The weight of a token of this class in a score.
    pub fn weight(self) -> f32 {
        match self {
            TokenClass::Name => 1.0,
            TokenClass::Number => 0.5,
            TokenClass::Patronymic => 0.5,
            TokenClass::Generic => 0.35,
            TokenClass::Initial => 0.3,
            TokenClass::Particle => 0.2,
            TokenClass::LegalForm => 0.15,
            TokenClass::Title => 0.0,
        }
    }

    /// Whether a match on this class alone may make a strong name match.
    pub(crate) fn informative(self) -> bool {
        matches!(
            self,
            TokenClass::Name | TokenClass::Patronymic | TokenClass::Number
        )
    }
}

const PARTICLES: &[&str] = &[
    "the", "of", "and", "for", "de", "del", "della", "der", "den", "des", "la", "le", "les", "du",
    "da", "das", "do", "dos", "di", "van", "von", "y", "et", "und", "al", "el", "bin", "ibn",
    "ben", "bint", "binti", "ould",
];

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mister",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "shaikh",
    "sheikh",
    "sheik",
    "shaykh",
    "haji",
    "hajji",
    "mullah",
    "mulla",
    "maulavi",
    "mawlawi",
    "maulvi",
    "qari",
    "president",
    "presidente",
    "prasident",
    "general",
    "gen",
    "colonel",
    "col",
    "captain",
    "capt",
    "major",
    "maj",
    "lt",
    "lieutenant",
    "admiral",
    "adm",
    "sgt",
    "sergeant",
    "monsieur",
    "madame",
    "mme",
    "mlle",
    "herr",
    "frau",
    "senor",
    "senora",
    "doctor",
    "eng",
    "engineer",
    "imam",
    "emir",
    "prince",
    "princess",
    "king",
    "queen",
    "minister",
    "hon",
    "honorable",
    "honourable",
    "rev",
    "reverend",
    "jr",
    "sr",
];

/// Legal forms by class; a token or phrase in one class matches any other in it.
const LEGAL_FORMS: &[(&str, &[&str])] = &[
    (
        "llc",
        &[
            "llc",
            "ooo",
            "gmbh",
            "mbh",
            "sarl",
            "srl",
            "bv",
            "kft",
            "sro",
            "doo",
            "ltda",
            "spzoo",
            "tov",
            "sp z o o",
            "sp z oo",
            "limited liability company",
            "limited liability co",
            "gesellschaft mit beschrankter haftung",
            "obshchestvo s ogranichennoy otvetstvennostyu",
            "obshchestvo s ogranichennoi otvetstvennostiu",
            "societatea cu raspundere limitata",
            "s de rl",
        ],
    ),
    (
        "ltd",
        &["ltd", "limited", "pte", "pty", "pvt", "private limited"],
    ),
    ("plc", &["plc", "public limited company"]),
    ("inc", &["inc", "incorporated"]),
    ("corp", &["corp", "corporation"]),
    ("co", &["co", "company", "cie", "compagnie"]),
    (
        "llp",
        &[
            "llp",
            "lp",
            "limited partnership",
            "limited liability partnership",
        ],
    ),
    (
        "jsc",
        &[
            "jsc",
            "ojsc",
            "cjsc",
            "pjsc",
            "oao",
            "zao",
            "pao",
            "ao",
            "ad",
            "jsco",
            "joint stock company",
            "open joint stock company",
            "closed joint stock company",
            "public joint stock company",
            "aktsionernoe obshchestvo",
            "otkrytoe aktsionernoe obshchestvo",
            "zakrytoe aktsionernoe obshchestvo",
            "publichnoe aktsionernoe obshchestvo",
        ],
    ),
    ("ag", &["ag", "aktiengesellschaft", "akg"]),
    (
        "sa",
        &[
            "sa",
            "sas",
            "spa",
            "sae",
            "sab",
            "nv",
            "se",
            "societe anonyme",
            "sociedad anonima",
            "societa per azioni",
            "sa de cv",
        ],
    ),
    ("ab", &["ab", "as", "asa", "oy", "oyj", "aps"]),
    ("kg", &["kg", "gmbh co kg"]),
    ("pt", &["pt", "tbk", "bhd", "sdn", "sdn bhd"]),
];

/// Short legal forms that are also common name parts (`Sa`, `Se`, `Ao`, `Co`…): only read as
/// legal forms in names that are not people's.
fn ambiguous_legal(t: &str) -> bool {
    t.len() <= 2 && !matches!(t, "ag" | "bv" | "nv")
}

const GENERIC: &[&str] = &[
    "trading",
    "trade",
    "traders",
    "group",
    "groups",
    "holding",
    "holdings",
    "international",
    "intl",
    "industries",
    "industry",
    "industrial",
    "enterprise",
    "enterprises",
    "services",
    "service",
    "solutions",
    "systems",
    "technology",
    "technologies",
    "tech",
    "global",
    "general",
    "national",
    "companies",
    "commercial",
    "import",
    "export",
    "cooperation",
    "partners",
    "management",
    "development",
    "consulting",
    "investment",
    "investments",
    "business",
    "worldwide",
    "world",
    "united",
    "new",
    // Countries and nationalities: `Korea Trading Company` names no particular company.
    "korea",
    "korean",
    "dprk",
    "china",
    "chinese",
    "russia",
    "russian",
    "asia",
    "asian",
    "pacific",
    "america",
    "american",
    "europe",
    "european",
    "japan",
    "japanese",
    "laos",
    "lao",
    "vietnam",
    "mongolia",
    "singapore",
    "malaysia",
    "thailand",
    "emirates",
];

/// A fast hash for short strings (FxHash); the word lists are fixed, so no DoS concern.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.0 =
                (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
}

pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// Word lists as hash sets, built once.
struct Vocab {
    legal: HashMap<&'static str, &'static str, FxBuild>,
    /// Every word that occurs in a legal form, for the quick "could a phrase start here" test.
    legal_words: HashSet<&'static str, FxBuild>,
    particles: HashSet<&'static str, FxBuild>,
    titles: HashSet<&'static str, FxBuild>,
    generic: HashSet<&'static str, FxBuild>,
}

fn vocab() -> &'static Vocab {
    static VOCAB: OnceLock<Vocab> = OnceLock::new();
    VOCAB.get_or_init(|| {
        let mut legal = HashMap::default();
        let mut legal_words = HashSet::default();
        for (class, forms) in LEGAL_FORMS {
            for f in *forms {
                legal.insert(*f, *class);
                legal_words.extend(f.split(' '));
            }
        }
        Vocab {
            legal,
            legal_words,
            particles: PARTICLES.iter().copied().collect(),
            titles: TITLES.iter().copied().collect(),
            generic: GENERIC.iter().copied().collect(),
        }
    })
}

/// Whether a token (already folded to the legal-form canonical spelling) is a legal form, and
/// its class.
pub(crate) fn legal_class(phrase: &str, person: bool) -> Option<&'static str> {
    if person && ambiguous_legal(phrase) {
        return None;
    }
    // In a person's name only forms that cannot be name parts (`Sae`, `Spa`, `Sas` can).
    const PERSON_SAFE: &[&str] = &[
        "llc",
        "ltd",
        "inc",
        "corp",
        "gmbh",
        "plc",
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "ooo",
        "oao",
        "zao",
        "llp",
        "limited",
        "incorporated",
        "corporation",
        "company",
        "aktiengesellschaft",
    ];
    if person && !phrase.contains(' ') && !PERSON_SAFE.contains(&phrase) {
        return None;
    }
    vocab().legal.get(phrase).copied()
}

/// The longest legal-form phrase (up to five tokens) starting at `tokens[i]`. A phrase of
/// eight letters or more may be one edit off (`Aktiengeselschaft`, `Joint Stock Compan`)
/// when all its other words are legal-form words.
pub(crate) fn legal_phrase_at(
    tokens: &[&str],
    i: usize,
    person: bool,
) -> Option<(usize, &'static str)> {
    let v = vocab();
    // Longest run of legal-form words from i, allowing one unknown word (a typo).
    let mut run = 0;
    let mut unknown = 0;
    while i + run < tokens.len() && run < 5 {
        if !v.legal_words.contains(tokens[i + run]) {
            unknown += 1;
            if unknown > 1 || tokens[i + run].len() < 4 {
                break;
            }
        }
        run += 1;
    }
    if run == 0 {
        return None;
    }
    let mut phrase = String::new();
    for len in (1..=run).rev() {
        phrase.clear();
        for (k, t) in tokens[i..i + len].iter().enumerate() {
            if k > 0 {
                phrase.push(' ');
            }
            phrase.push_str(t);
        }
        if len == 1 && person && ambiguous_legal(&phrase) {
            continue;
        }
        if let Some(class) = legal_class(&phrase, person) {
            return Some((len, class));
        }
        if phrase.len() >= 8 {
            if let Some(class) = legal_fuzzy(&phrase) {
                return Some((len, class));
            }
        }
    }
    None
}

/// A legal form one edit away from `phrase` (same first letter, length within one).
fn legal_fuzzy(phrase: &str) -> Option<&'static str> {
    let first = phrase.as_bytes()[0];
    for (class, forms) in LEGAL_FORMS {
        for form in *forms {
            if form.len() >= 8
                && form.as_bytes()[0] == first
                && form.len().abs_diff(phrase.len()) <= 1
                && crate::distance::osa_parts(&[form.as_bytes()], phrase.as_bytes()) <= 1
            {
                return Some(class);
            }
        }
    }
    None
}

/// Number words and ordinals as digits (`three` → 3, `first`/`1st` → 1, `forty` → 40).
pub(crate) fn number_word(t: &str) -> Option<u32> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    const ORDINALS: [&str; 11] = [
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if let Some(n) = UNITS.iter().position(|u| *u == t) {
        return Some(n as u32);
    }
    if let Some(n) = TENS.iter().position(|u| !u.is_empty() && *u == t) {
        return Some(n as u32 * 10);
    }
    if t == "fourty" {
        return Some(40);
    }
    if let Some(n) = ORDINALS.iter().position(|u| !u.is_empty() && *u == t) {
        return Some(n as u32);
    }
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(d) = t.strip_suffix(suffix) {
            if !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) {
                return d.parse().ok();
            }
        }
    }
    None
}

fn is_roman_numeral(t: &str) -> bool {
    matches!(
        t,
        "ii" | "iii"
            | "iv"
            | "vi"
            | "vii"
            | "viii"
            | "ix"
            | "xi"
            | "xii"
            | "xiii"
            | "xiv"
            | "xv"
            | "xvi"
            | "xx"
    )
}

/// The class of a single token (legal forms are found separately, as phrases).
pub(crate) fn classify(t: &str, organisation: bool) -> TokenClass {
    if t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty() {
        return TokenClass::Number;
    }
    if organisation && is_roman_numeral(t) {
        return TokenClass::Number;
    }
    if t.chars().count() == 1 {
        return TokenClass::Initial;
    }
    let v = vocab();
    if v.particles.contains(t) {
        return TokenClass::Particle;
    }
    if v.titles.contains(t) {
        return TokenClass::Title;
    }
    if organisation && v.generic.contains(t) {
        return TokenClass::Generic;
    }
    if t.len() > 6
        && [
            "ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna", "ovitch", "evitch",
        ]
        .iter()
        .any(|s| t.ends_with(s))
    {
        return TokenClass::Patronymic;
    }
    TokenClass::Name
}

/// Particles that are spelling variants of one another (`bin`, `ibn`, `ben`; `al`, `el`).
pub(crate) fn particle_group(t: &str) -> &str {
    match t {
        "ibn" | "ben" | "bin" => "bin",
        "el" | "al" => "al",
        "and" | "und" | "et" | "y" => "and",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_transliteration_variants_together() {
        assert_eq!(fold("mohammed"), "mohamed");
        assert_eq!(fold("zelenskyy"), fold("selenskyj"));
        assert_eq!(fold("ig0r"), "igor");
        assert_eq!(fold("sech1n"), "sechin");
        assert_eq!(fold("khaled"), "haled");
        assert_eq!(fold("sonng"), "song");
        assert_eq!(fold("allah"), "ala");
    }

    #[test]
    fn strips_accents_and_keeps_breves_as_apostrophes() {
        assert_eq!(latin_lower_keep_apostrophes("Chŏng-ch'ŏl"), "cho'ng-ch'o'l");
        assert_eq!(
            latin_lower_keep_apostrophes("Erdoğan Vučić"),
            "erdogan vucic"
        );
        assert_eq!(latin_lower_keep_apostrophes("MY’ONG"), "my'ong");
        assert_eq!(latin_lower_keep_apostrophes("Straße"), "strasse");
    }

    #[test]
    fn legal_phrases() {
        let t = ["limited", "liability", "company", "iskusstvo"];
        assert_eq!(legal_phrase_at(&t, 0, false), Some((3, "llc")));
        assert_eq!(legal_phrase_at(&["sa"], 0, true), None);
        assert_eq!(legal_phrase_at(&["sa"], 0, false), Some((1, "sa")));
    }
}
