//! Résumé text normalisation: what a persona operator swaps between copies of one template
//! (names, contact details, employers' dates, counts) must not hide the shared text.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Top-level domains that mark a word as a web address (`github.com/x`, `site.io`).
const TLDS: &[&str] = &[
    "com", "org", "net", "io", "dev", "ai", "co", "me", "app", "info", "biz", "edu", "gov", "us",
    "uk", "de", "fr", "in", "cn", "ru", "kp", "kr", "jp", "ca", "au", "xyz", "tech", "site",
];

/// Abbreviations whose trailing full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "inc", "ltd", "llc", "jr", "sr", "dr", "mr", "mrs", "ms", "co", "corp", "st", "vs", "no",
];

const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];

/// Normalises a résumé into sentences of tokens: one sentence per line of the result,
/// tokens separated by single spaces.
///
/// * Unicode is folded (NFKD, accents dropped, a few letters such as `ß`, `ø`, `ł`
///   spelled out) and lowercased.
/// * Email addresses, web addresses and handles are removed.
/// * Tokens starting with a digit (years, dates, phone numbers, `8+`, `1st`, `100%`) are
///   removed, and so is a month name followed by one; `web3`, `ec2` and `k8s` stay.
/// * Tokens of `own_names` (the person's own names, in any script) are removed, so that a
///   template with the name swapped still reads the same.
/// * Sentences end at line breaks, at `. ! ? ; :` before a space (not after `B.S.`,
///   `Inc.`…) and at `·`, `•`, `|`, so that shingles never span two sentences: a template
///   is copied sentence by sentence, while ordinary résumés often juxtapose common
///   sentences in chance orders.
pub fn normalize(text: &str, own_names: &[&str]) -> String {
    let names = NameTokens::new(own_names);
    let mut out = String::with_capacity(text.len());
    let mut scratch = Scratch::default();
    for_each_sentence(text, &names, &mut scratch, |tokens| {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&tokens.join(" "));
    });
    out
}

/// The person's own name tokens, folded like the text.
pub(crate) struct NameTokens(Vec<String>);

impl NameTokens {
    pub(crate) fn new(own_names: &[&str]) -> Self {
        let mut v = Vec::new();
        for name in own_names {
            for word in name.split_whitespace() {
                for tok in fold_word(word).split(|c: char| !c.is_alphanumeric()) {
                    // A one-letter initial would delete every "a" or "c" in the text.
                    if tok.chars().count() >= 2 && !v.iter().any(|t: &String| t == tok) {
                        v.push(tok.to_string());
                    }
                }
            }
        }
        NameTokens(v)
    }

    fn contains(&self, tok: &str) -> bool {
        self.0.iter().any(|t| t == tok)
    }
}

/// Reusable buffers so that indexing many documents does not allocate per token.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    folded: String,
    raw: Vec<(usize, usize)>,
}

/// Calls `f` with the kept tokens of each non-empty sentence of `text`.
pub(crate) fn for_each_sentence(
    text: &str,
    names: &NameTokens,
    scratch: &mut Scratch,
    mut f: impl FnMut(&[&str]),
) {
    for line in text.lines() {
        scratch.folded.clear();
        scratch.raw.clear();
        let mut words = line.split_whitespace().peekable();
        while let Some(word) = words.next() {
            let ends = ends_sentence(word);
            if !is_address(word) {
                let mut start = None;
                let base = scratch.folded.len();
                fold_into(word, &mut scratch.folded);
                let bytes_end = scratch.folded.len();
                for (i, c) in scratch.folded[base..].char_indices() {
                    let i = base + i;
                    if c.is_alphanumeric() {
                        start.get_or_insert(i);
                    } else if let Some(s) = start.take() {
                        scratch.raw.push((s, i));
                    }
                }
                if let Some(s) = start {
                    scratch.raw.push((s, bytes_end));
                }
            }
            if ends || words.peek().is_none() {
                flush(&scratch.folded, &scratch.raw, names, &mut f);
                // Keep `folded` (earlier spans point into it) but start a new sentence.
                scratch.raw.clear();
            }
        }
    }
}

fn flush(folded: &str, raw: &[(usize, usize)], names: &NameTokens, f: &mut impl FnMut(&[&str])) {
    let mut kept: Vec<&str> = Vec::with_capacity(raw.len());
    for (i, &(s, e)) in raw.iter().enumerate() {
        let tok = &folded[s..e];
        if tok.starts_with(|c: char| c.is_ascii_digit() || c.is_numeric()) {
            continue;
        }
        let next_is_number = raw
            .get(i + 1)
            .is_some_and(|&(s2, _)| folded[s2..].starts_with(|c: char| c.is_numeric()));
        if next_is_number && MONTHS.contains(&tok) {
            continue;
        }
        if names.contains(tok) {
            continue;
        }
        kept.push(tok);
    }
    if !kept.is_empty() {
        f(&kept);
    }
}

/// Lowercases, decomposes and strips accents, spelling out letters NFKD keeps whole.
fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold_word`] appending to `out`.
fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in word.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            'ı' => out.push('i'),
            // Typographic apostrophes join contractions like ASCII ones do (both split).
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// Whether a whitespace-separated word ends its sentence.
fn ends_sentence(word: &str) -> bool {
    if matches!(word, "·" | "•" | "|" | "‣" | "▪") {
        return true;
    }
    let core = word.trim_end_matches(['"', '\'', ')', ']', '”', '’']);
    let Some(last) = core.chars().last() else {
        return false;
    };
    match last {
        '!' | '?' | ';' | ':' | '·' | '•' => true,
        '.' => {
            let stem = core.trim_end_matches('.');
            // `B.S.`, `Ph.D.`, `e.g.` and `Inc.` do not end a sentence; `node.js.` does.
            !stem.is_empty()
                && !stem.contains('.')
                && !ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(stem))
        }
        _ => false,
    }
}

/// Email addresses, handles and web addresses carry no template text.
fn is_address(word: &str) -> bool {
    if word.contains('@') {
        return true;
    }
    if !word.contains(['.', ':']) {
        return false;
    }
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '/')
        .to_ascii_lowercase();
    if w.contains("://") || w.starts_with("www.") {
        return true;
    }
    // `host.tld` or `host.tld/path`, with a non-empty host.
    let host = w.split('/').next().unwrap_or("");
    match host.rsplit_once('.') {
        Some((name, tld)) => !name.is_empty() && TLDS.contains(&tld),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_contact_details_numbers_and_names() {
        let text = "Samantha Bailey\nChicago, IL · samantha_bailey1994@gmail.com · 312-780-8950\n\
                    github.com/samanthabailey · https://x.io/a\n\
                    Engineer with 8+ years of experience since Jan 2019. Led 30+ projects.";
        let n = normalize(text, &["Samantha Bailey"]);
        assert_eq!(
            n,
            "chicago il\nengineer with years of experience since\nled projects"
        );
    }

    #[test]
    fn folds_unicode_and_keeps_tech_tokens() {
        let n = normalize(
            "José Müller-Straße ØRSTED; Node.js, web3 and EC2 at Łódź",
            &[],
        );
        assert_eq!(
            n,
            "jose muller strasse orsted\nnode js web3 and ec2 at lodz"
        );
        // Full-width and ligature forms fold by NFKD.
        assert_eq!(normalize("ＲＥＡＣＴ ﬁnance", &[]), "react finance");
    }

    #[test]
    fn abbreviations_do_not_split_sentences() {
        let n = normalize("B.S. Computer Science, Acme Inc. in Boston. Next one", &[]);
        assert_eq!(n, "b s computer science acme inc in boston\nnext one");
    }

    #[test]
    fn own_names_in_any_case_or_accent_are_removed() {
        let n = normalize(
            "JOSÉ Núñez built it; jose nunez again",
            &["José Núñez", "J"],
        );
        assert_eq!(n, "built it\nagain");
    }

    #[test]
    fn month_words_go_only_before_numbers() {
        assert_eq!(normalize("May 2020 – March 2021", &[]), "");
        assert_eq!(normalize("you may march on", &[]), "you may march on");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            "\n\n",
            "....",
            "@",
            "a.b",
            ".com",
            "http://",
            "·",
            "\u{301}",
            "日本語 テキスト",
            "١٢٣ abc",
        ] {
            let _ = normalize(s, &["", " ", "a"]);
        }
        assert_eq!(normalize("日本語テキスト", &[]), "日本語テキスト");
    }
}
