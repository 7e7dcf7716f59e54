//! Turning a name into tokens once, so that comparing it many times costs only comparisons.

use crate::korean;
use crate::text::{self, TokenClass};
use crate::translit::{self, Script};
use crate::NameKind;

/// One normalised name part with the keys it is compared by.
#[derive(Clone, Debug)]
pub struct Token {
    pub(crate) text: String,
    pub(crate) fold: String,
    pub(crate) skel: String,
    pub(crate) kor: Vec<u32>,
    pub(crate) class: TokenClass,
    pub(crate) weight: f32,
    pub(crate) legal: Option<&'static str>,
    pub(crate) hyphen_before: bool,
    /// Whether the next token is joined to this one by a hyphen (`al-Assad`).
    pub(crate) hyphen_after: bool,
    /// The Hangul or Han characters the token was read from (empty for other scripts):
    /// two such tokens are compared character by character, not through a reading.
    pub(crate) orig: String,
}

impl Token {
    /// The normalised spelling: lowercase Latin, accents and apostrophes removed, other
    /// scripts transliterated (Hangul and Han names in Revised Romanisation or pinyin).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What kind of name part this is.
    pub fn class(&self) -> TokenClass {
        self.class
    }

    /// The token's weight in a score (see [`TokenClass::weight`]).
    pub fn weight(&self) -> f32 {
        self.weight
    }

    /// Whether the token reads as romanised (or Hangul, or Cyrillic) Korean, so that its
    /// romanisation variants match it.
    pub fn is_korean(&self) -> bool {
        !self.kor.is_empty()
    }
}

/// A name prepared once for matching: normalised tokens plus their keys.
///
/// Names written in Han characters get two readings (Korean and Mandarin); a comparison
/// takes the better one. Build with [`prepare`](crate::prepare).
#[derive(Clone, Debug)]
pub struct PreparedName {
    pub(crate) original: String,
    pub(crate) kind: NameKind,
    pub(crate) tokens: Vec<Token>,
    /// Token ranges of the readings; the first is the primary one.
    pub(crate) variants: Vec<(usize, usize)>,
}

impl PreparedName {
    /// The name as given.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The kind the name was prepared as.
    pub fn kind(&self) -> NameKind {
        self.kind
    }

    /// The tokens of the primary reading.
    pub fn tokens(&self) -> &[Token] {
        let (a, b) = self.variants.first().copied().unwrap_or((0, 0));
        &self.tokens[a..b]
    }

    /// Every reading's tokens (more than one only for names in Han characters).
    pub fn readings(&self) -> impl Iterator<Item = &[Token]> {
        self.variants.iter().map(|&(a, b)| &self.tokens[a..b])
    }

    /// Whether the name has no tokens at all (empty or punctuation only).
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// A word as split from the input, before it becomes one or more tokens.
struct Word {
    script: Script,
    /// Latin words: lowercase, accents stripped, apostrophes kept. Others: the characters.
    latin: String,
    chars: Vec<char>,
    hyphen_before: bool,
    dot_after: bool,
    only_dot_before: bool,
    /// A single letter, or letters merged from `A.B.C.`.
    chain: bool,
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '_')
}

fn split_words(input: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    // Separator run since the last word: did it contain a hyphen, only dots?
    let mut sep_hyphen = false;
    let mut sep_only_dot = true;
    let mut sep_len = 0usize;

    fn flush(cur: &mut Option<Word>, words: &mut Vec<Word>) {
        if let Some(mut w) = cur.take() {
            let trimmed = w.latin.trim_matches('\'').to_string();
            w.latin = trimmed;
            if !w.latin.is_empty() || !w.chars.is_empty() {
                words.push(w);
            }
        }
    }

    for c in input.chars() {
        if text::is_mark(c) {
            // Input already decomposed: a breve after o/u marks McCune–Reischauer ŏ/ŭ.
            if let Some(w) = cur.as_mut() {
                if c == '\u{0306}' && (w.latin.ends_with('o') || w.latin.ends_with('u')) {
                    w.latin.push('\'');
                }
            }
            continue;
        }
        let apostrophe = text::is_apostrophe(c);
        if c == '&' || (!c.is_alphanumeric() && !apostrophe) {
            if let Some(w) = cur.as_mut() {
                if c == '.' && sep_len == 0 {
                    w.dot_after = true;
                }
            }
            flush(&mut cur, &mut words);
            if c == '&' {
                words.push(Word {
                    script: Script::Latin,
                    latin: "and".into(),
                    chars: Vec::new(),
                    hyphen_before: false,
                    dot_after: false,
                    only_dot_before: false,
                    chain: false,
                });
                sep_len = 0;
                sep_hyphen = false;
                sep_only_dot = true;
                continue;
            }
            sep_len += 1;
            sep_hyphen |= is_hyphen(c);
            sep_only_dot &= c == '.';
            continue;
        }
        let script = if apostrophe {
            cur.as_ref().map_or(Script::Latin, |w| w.script)
        } else {
            translit::script_of(c)
        };
        let continues = cur.as_ref().is_some_and(|w| w.script == script);
        if !continues {
            flush(&mut cur, &mut words);
            cur = Some(Word {
                script,
                latin: String::new(),
                chars: Vec::new(),
                hyphen_before: sep_hyphen,
                dot_after: false,
                only_dot_before: sep_len > 0 && sep_only_dot,
                chain: false,
            });
            sep_len = 0;
            sep_hyphen = false;
            sep_only_dot = true;
        }
        let w = cur.as_mut().expect("a word is open");
        match script {
            Script::Latin => text::push_latin(c, &mut w.latin),
            Script::Other => w.latin.extend(c.to_lowercase()),
            _ => {
                if apostrophe {
                    continue;
                }
                w.chars.push(c)
            }
        }
    }
    flush(&mut cur, &mut words);

    // "A.B.C." and "L.L.C." become one token; "J. C." (with spaces) stays two initials.
    let mut merged: Vec<Word> = Vec::with_capacity(words.len());
    for w in words {
        let single = |w: &Word| w.script == Script::Latin && w.latin.chars().count() == 1;
        if let Some(prev) = merged.last_mut() {
            let prev_is_dotted_letters = prev.script == Script::Latin
                && prev.dot_after
                && (prev.chain || single(prev))
                && prev.latin.chars().all(|c| c.is_ascii_alphabetic());
            if prev_is_dotted_letters && single(&w) && w.only_dot_before {
                prev.latin.push_str(&w.latin);
                prev.dot_after = w.dot_after;
                prev.chain = true;
                continue;
            }
        }
        merged.push(w);
    }
    merged
}

/// A token before its keys are computed.
#[derive(Clone)]
struct RawToken {
    text: String,
    kor: Vec<u32>,
    hyphen_before: bool,
    orig: String,
}

fn latin_raw(word: &Word) -> RawToken {
    let mut kor = Vec::new();
    if !korean::parse_latin(&word.latin, &mut kor) {
        kor.clear();
    }
    RawToken {
        text: word.latin.replace('\'', ""),
        kor,
        hyphen_before: word.hyphen_before,
        orig: String::new(),
    }
}

/// Tokens for a Hangul word: a person's name splits into surname and given name. `orig`
/// holds the characters as written (Hangul, or the Han characters it was read from).
fn hangul_raw(
    chars: &[char],
    orig: &[char],
    person_like: bool,
    hyphen_before: bool,
    out: &mut Vec<RawToken>,
) {
    let split = if person_like && (2..=5).contains(&chars.len()) {
        korean::surname_len(chars)
    } else {
        chars.len()
    };
    let mut push = |range: std::ops::Range<usize>, hyphen: bool, surname: bool| {
        let part = &chars[range.clone()];
        let mut kor = Vec::new();
        for &c in part {
            korean::hangul_phonemes(c, &mut kor);
        }
        let text = match (surname && part.len() == 1)
            .then(|| korean::surname_spelling(part[0]))
            .flatten()
        {
            Some(s) => s.to_ascii_lowercase(),
            None => translit::hangul_rr(part),
        };
        out.push(RawToken {
            text,
            kor,
            hyphen_before: hyphen,
            orig: orig[range].iter().collect(),
        });
    };
    push(0..split, hyphen_before, split < chars.len());
    if split < chars.len() {
        push(split..chars.len(), false, false);
    }
}

/// Reading of Han words: as Korean (Hanja) or as Mandarin.
#[derive(Clone, Copy, PartialEq)]
enum HanMode {
    Korean,
    Mandarin,
}

fn raw_tokens(words: &[Word], kind: NameKind, mode: HanMode) -> Vec<RawToken> {
    let person_like = kind != NameKind::Organization;
    let mut out = Vec::new();
    for w in words {
        match w.script {
            Script::Latin | Script::Other => out.push(latin_raw(w)),
            Script::Hangul => {
                hangul_raw(&w.chars, &w.chars, person_like, w.hyphen_before, &mut out)
            }
            Script::Han => {
                let hangul = if mode == HanMode::Korean {
                    translit::han_to_hangul(&w.chars)
                } else {
                    None
                };
                match hangul {
                    Some(h) => hangul_raw(&h, &w.chars, person_like, w.hyphen_before, &mut out),
                    None => {
                        let py = translit::han_to_pinyin(&w.chars);
                        if person_like && (2..=4).contains(&py.len()) {
                            out.push(RawToken {
                                text: py[0].clone(),
                                kor: Vec::new(),
                                hyphen_before: w.hyphen_before,
                                orig: w.chars[..1].iter().collect(),
                            });
                            out.push(RawToken {
                                text: py[1..].concat(),
                                kor: Vec::new(),
                                hyphen_before: false,
                                orig: w.chars[1..].iter().collect(),
                            });
                        } else {
                            for (k, p) in py.into_iter().enumerate() {
                                out.push(RawToken {
                                    text: p,
                                    kor: Vec::new(),
                                    hyphen_before: k == 0 && w.hyphen_before,
                                    orig: w.chars[k].to_string(),
                                });
                            }
                        }
                    }
                }
            }
            script => {
                let mut latin = String::new();
                translit::letters_to_latin(&w.chars, script, &mut latin);
                let mut kor = Vec::new();
                if script == Script::Cyrillic {
                    let lower: String = w.chars.iter().flat_map(|c| c.to_lowercase()).collect();
                    if !korean::parse_cyrillic(&lower, &mut kor) {
                        kor.clear();
                    }
                }
                out.push(RawToken {
                    text: latin,
                    kor,
                    hyphen_before: w.hyphen_before,
                    orig: String::new(),
                });
            }
        }
    }
    out.retain(|t| !t.text.is_empty());
    out
}

/// In organisation names, number words become digits (`Forty-Four` → `44`, `1st` → `1`).
fn numbers(raw: Vec<RawToken>) -> Vec<RawToken> {
    let mut out: Vec<RawToken> = Vec::with_capacity(raw.len());
    let mut last_tens = false;
    for mut t in raw {
        let word = text::number_word(&t.text);
        let value = word.or_else(|| {
            (!t.text.is_empty() && t.text.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.text.parse().ok())
                .flatten()
        });
        if let (Some(v), true) = (value, last_tens) {
            if v < 10 {
                if let Some(prev) = out.last_mut() {
                    let tens: u32 = prev.text.parse().unwrap_or(0);
                    prev.text = (tens + v).to_string();
                    last_tens = false;
                    continue;
                }
            }
        }
        if let Some(v) = word {
            t.text = v.to_string();
        }
        last_tens = value.is_some_and(|v| (20..=90).contains(&v) && v % 10 == 0);
        out.push(t);
    }
    out
}

/// A person's name whose every part reads as romanised Korean and that starts or ends with
/// a Korean surname: its short parts (`Do`, `Du`, `Se`) are syllables, not particles.
fn looks_korean(raw: &[RawToken]) -> bool {
    raw.len() >= 2
        && raw.iter().all(|t| {
            !t.kor.is_empty() && t.kor.iter().filter(|p| **p & korean::VOWEL != 0).count() <= 3
        })
        && [raw.first(), raw.last()]
            .iter()
            .flatten()
            .any(|t| korean::is_surname_spelling(&t.text))
}

/// A Korean name of three parts is a surname and a two-syllable given name, however the
/// given name was spaced: `KIM Jong Un`, `Kim Jong-un` and `Kim Jongun` all become `kim`
/// `jongun`, so that `Kim Jong` (half a given name) is not `Kim Jong Un`. With a surname
/// spelling at both ends (`Song Nam Kang`), both readings are kept.
fn korean_readings(raw: Vec<RawToken>, kind: NameKind) -> Vec<Vec<RawToken>> {
    if kind == NameKind::Organization || raw.len() != 3 || !looks_korean(&raw) {
        return vec![raw];
    }
    let merge = |parts: &[RawToken]| RawToken {
        text: parts.iter().map(|t| t.text.as_str()).collect(),
        kor: parts.iter().flat_map(|t| t.kor.iter().copied()).collect(),
        hyphen_before: parts[0].hyphen_before,
        orig: parts.iter().map(|t| t.orig.as_str()).collect(),
    };
    let mut out = Vec::new();
    if korean::is_surname_spelling(&raw[0].text) {
        out.push(vec![raw[0].clone(), merge(&raw[1..])]);
    }
    if korean::is_surname_spelling(&raw[2].text) {
        out.push(vec![merge(&raw[..2]), raw[2].clone()]);
    }
    out
}

fn finish(raw: Vec<RawToken>, kind: NameKind, out: &mut Vec<Token>) {
    let person = kind == NameKind::Person;
    let organisation = kind != NameKind::Person;
    let raw = if organisation { numbers(raw) } else { raw };
    if kind != NameKind::Organization && looks_korean(&raw) {
        for t in raw {
            let class = if t.text.chars().count() == 1 && t.kor.is_empty() {
                TokenClass::Initial
            } else {
                TokenClass::Name
            };
            out.push(make_token(
                t.text,
                t.kor,
                class,
                None,
                t.hyphen_before,
                t.orig,
            ));
        }
        return;
    }
    // Legal-form phrases first (they may span several tokens), then every token by value.
    let mut spans: Vec<(usize, usize, &'static str)> = Vec::new();
    {
        let texts: Vec<&str> = raw.iter().map(|t| t.text.as_str()).collect();
        let mut i = 0;
        while i < texts.len() {
            match text::legal_phrase_at(&texts, i, person) {
                Some((len, class)) => {
                    spans.push((i, len, class));
                    i += len;
                }
                None => i += 1,
            }
        }
    }
    let start = out.len();
    let mut spans = spans.into_iter().peekable();
    let mut phrase = String::new();
    let mut in_span: Option<(usize, &'static str, bool)> = None;
    for (i, t) in raw.into_iter().enumerate() {
        if in_span.is_none() {
            if let Some(&(s0, len, class)) = spans.peek() {
                if s0 == i {
                    spans.next();
                    phrase.clear();
                    in_span = Some((i + len, class, t.hyphen_before));
                }
            }
        }
        if let Some((end, class, hyphen)) = in_span {
            if !phrase.is_empty() {
                phrase.push(' ');
            }
            phrase.push_str(&t.text);
            if i + 1 == end {
                out.push(make_token(
                    std::mem::take(&mut phrase),
                    Vec::new(),
                    TokenClass::LegalForm,
                    Some(class),
                    hyphen,
                    String::new(),
                ));
                in_span = None;
            }
            continue;
        }
        let class = text::classify(&t.text, organisation);
        out.push(make_token(
            t.text,
            t.kor,
            class,
            None,
            t.hyphen_before,
            t.orig,
        ));
    }
    // A name made only of titles, particles or legal forms is matched on those words.
    if out[start..].iter().all(|t| t.weight < 0.3) {
        for t in &mut out[start..] {
            if t.class != TokenClass::Initial {
                t.class = TokenClass::Name;
                t.weight = TokenClass::Name.weight();
                t.legal = None;
            }
        }
    }
}

fn make_token(
    text: String,
    kor: Vec<u32>,
    class: TokenClass,
    legal: Option<&'static str>,
    hyphen_before: bool,
    orig: String,
) -> Token {
    let fold = text::fold(&text);
    let skel = text::skeleton(&fold);
    let kor = if class == TokenClass::Name || class == TokenClass::Initial {
        kor
    } else {
        Vec::new()
    };
    Token {
        weight: class.weight(),
        text,
        fold,
        skel,
        kor,
        class,
        legal,
        hyphen_before,
        hyphen_after: false,
        orig,
    }
}

/// `Al-Qa'ida/Islamic Army`: names joined by a slash are alternatives, each a reading of
/// its own (besides the whole). `A/S` and other single letters around a slash are not split.
fn alternatives(name: &str) -> Vec<&str> {
    let mut out = vec![name];
    if !name.contains('/') {
        return out;
    }
    let parts: Vec<&str> = name.split('/').collect();
    let substantial = |p: &str| {
        p.split(|c: char| !c.is_alphanumeric())
            .any(|w| w.chars().count() >= 2)
    };
    if parts.iter().all(|p| substantial(p)) {
        out.extend(parts);
    }
    out
}

/// See [`crate::prepare`].
pub(crate) fn prepare(name: &str, kind: NameKind) -> PreparedName {
    let mut tokens = Vec::new();
    let mut variants: Vec<(usize, usize)> = Vec::new();
    for alt in alternatives(name) {
        let words = split_words(alt);
        let has_han = words.iter().any(|w| w.script == Script::Han);
        let modes: &[HanMode] = if has_han {
            &[HanMode::Korean, HanMode::Mandarin]
        } else {
            &[HanMode::Mandarin]
        };
        for &mode in modes {
            for raw in korean_readings(raw_tokens(&words, kind, mode), kind) {
                let start = tokens.len();
                finish(raw, kind, &mut tokens);
                let range = (start, tokens.len());
                for k in range.0..range.1.saturating_sub(1) {
                    tokens[k].hyphen_after = tokens[k + 1].hyphen_before;
                }
                // Skip an empty reading or one identical to an earlier one.
                let dup = range.0 == range.1
                    || variants.iter().any(|&(a, b)| {
                        b - a == range.1 - range.0
                            && tokens[a..b]
                                .iter()
                                .zip(&tokens[range.0..range.1])
                                .all(|(x, y)| x.text == y.text)
                    });
                if dup {
                    tokens.truncate(start);
                } else {
                    variants.push(range);
                }
            }
        }
    }
    PreparedName {
        original: name.to_string(),
        kind,
        tokens,
        variants,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(name: &str, kind: NameKind) -> Vec<String> {
        prepare(name, kind)
            .tokens()
            .iter()
            .map(|t| t.text.clone())
            .collect()
    }

    #[test]
    fn splits_and_normalises() {
        assert_eq!(
            texts("MUN CHO'NG-CH'O'L", NameKind::Person),
            ["mun", "chongchol"]
        );
        assert_eq!(texts("Kim Jong-un", NameKind::Person), ["kim", "jongun"]);
        // `Jong` is also a surname: both readings are kept.
        let p = prepare("Jong Un Kim", NameKind::Person);
        let readings: Vec<Vec<&str>> = p
            .readings()
            .map(|r| r.iter().map(|t| t.text()).collect())
            .collect();
        assert_eq!(readings, vec![vec!["jong", "unkim"], vec!["jongun", "kim"]]);
        assert_eq!(
            texts("A.B.C. Company", NameKind::Organization),
            ["abc", "company"]
        );
        assert_eq!(
            texts("J.-C. Juncker", NameKind::Person),
            ["j", "c", "juncker"]
        );
        assert_eq!(
            texts("AT&T Inc.", NameKind::Organization),
            ["at", "and", "t", "inc"]
        );
        assert_eq!(texts("김정은", NameKind::Person), ["kim", "jeongeun"]);
        assert_eq!(texts("Ким Чен Ын", NameKind::Person), ["kim", "chenyn"]);
        assert_eq!(
            texts(
                "LIMITED LIABILITY COMPANY ISKUSSTVO KRASOTY",
                NameKind::Organization
            ),
            ["limited liability company", "iskusstvo", "krasoty"]
        );
        assert_eq!(texts("Chŏng-ch'ŏl", NameKind::Person), ["chong", "chol"]);
        assert_eq!(
            texts("Vladimir Vladimirovich Putin", NameKind::Person).len(),
            3
        );
    }

    #[test]
    fn han_names_have_two_readings() {
        let p = prepare("金正恩", NameKind::Person);
        let readings: Vec<Vec<&str>> = p
            .readings()
            .map(|r| r.iter().map(|t| t.text()).collect())
            .collect();
        assert_eq!(
            readings,
            vec![vec!["kim", "jeongeun"], vec!["jin", "zhengen"]]
        );
        let p = prepare("习近平", NameKind::Person);
        assert_eq!(p.readings().count(), 1);
        assert_eq!(p.tokens()[0].text(), "xi");
    }

    #[test]
    fn classes() {
        let p = prepare("Mr. Sergey Viktorovich Lavrov", NameKind::Person);
        let classes: Vec<TokenClass> = p.tokens().iter().map(|t| t.class()).collect();
        assert_eq!(
            classes,
            [
                TokenClass::Title,
                TokenClass::Name,
                TokenClass::Patronymic,
                TokenClass::Name
            ]
        );
        let p = prepare("Nicolás Maduro SA", NameKind::Person);
        assert_eq!(p.tokens()[2].class(), TokenClass::Name);
        let p = prepare("Siemens SA", NameKind::Organization);
        assert_eq!(p.tokens()[1].class(), TokenClass::LegalForm);
    }
}
