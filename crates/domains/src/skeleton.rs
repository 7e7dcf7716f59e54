//! Visual skeletons: two labels that look alike on screen get the same skeleton.
//!
//! First the UTS #39 confusable skeleton (`unicode-security`: NFD, then every character
//! mapped to its prototype, so Cyrillic `а` and Latin `a` agree), then what a domain reader
//! confuses and UTS #39 does not fold: combining marks (`ü` → `u`), letter pairs that render as
//! one letter (`rn` → `m`, `vv` → `w`, `cl` → `d`) and digits standing for letters (`0` → `o`,
//! `1` → `l`), with `i` and `l` (and `I`) as one letter. These are the "strong" glyphs of
//! dnstwist's homoglyph table; its weaker pairs (`c`/`e`, `m`/`n`, `u`/`v`, `g`/`q`) read as one
//! ordinary letter change and are checked as such (see [`weak_glyph_pair`]).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

/// The visual skeleton of a label (Unicode or ASCII).
///
/// ```
/// use redflag_domains::skeleton::skeleton;
/// assert_eq!(skeleton("раураl"), skeleton("paypal")); // Cyrillic р, а, у
/// assert_eq!(skeleton("rnicrosoft"), skeleton("microsoft"));
/// assert_eq!(skeleton("kitrüm"), skeleton("kitrum"));
/// assert_eq!(skeleton("g00gle"), skeleton("google"));
/// assert_ne!(skeleton("kitrum"), skeleton("kitrun"));
/// ```
pub fn skeleton(label: &str) -> String {
    let prototype: String = unicode_security::skeleton(label)
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut out = String::with_capacity(prototype.len());
    let chars: Vec<char> = prototype.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let pair = (chars[i], chars.get(i + 1).copied().unwrap_or('\0'));
        let (folded, used) = match pair {
            ('r', 'n') => ('m', 2),
            ('v', 'v') => ('w', 2),
            ('c', 'l') => ('d', 2),
            ('0', _) => ('o', 1),
            ('1' | 'i' | '|', _) => ('l', 1),
            (c, _) => (c, 1),
        };
        out.push(folded);
        i += used;
    }
    out
}

/// Whether two characters are a weak look-alike pair (dnstwist's homoglyph table: `c`/`e`,
/// `b`/`d`, `g`/`q`, `m`/`n`, `n`/`r`, `u`/`v`, `3`/`8`, `6`/`9`).
pub fn weak_glyph_pair(a: char, b: char) -> bool {
    const PAIRS: &[(char, char)] = &[
        ('c', 'e'),
        ('b', 'd'),
        ('g', 'q'),
        ('m', 'n'),
        ('n', 'r'),
        ('u', 'v'),
        ('3', '8'),
        ('6', '9'),
    ];
    PAIRS
        .iter()
        .any(|&(x, y)| (a, b) == (x, y) || (a, b) == (y, x))
}

/// The characters of `label` that are not ASCII, each with its code point and script, for
/// explanations (`а U+0430 Cyrillic`).
pub fn non_ascii_chars(label: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in label.chars().filter(|c| !c.is_ascii()) {
        let script = match c.script() {
            Script::Common | Script::Inherited | Script::Unknown => "mark or symbol".to_string(),
            s => s.full_name().to_string(),
        };
        let text = format!("{c} U+{:04X} {script}", u32::from(c));
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// Whether the label mixes scripts (Latin with Cyrillic, say), which no real company name
/// does; a single-script label in one non-Latin script is not mixed.
pub fn is_mixed_script(label: &str) -> bool {
    !unicode_security::MixedScript::is_single_script(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_confusables_and_ascii_lookalikes() {
        assert_eq!(skeleton("kitrum"), "kltrum");
        for lookalike in ["kitrurn", "kltrum", "k1trum", "kіtrum", "kitrüm", "KITRUM"] {
            assert_eq!(skeleton(lookalike), skeleton("kitrum"), "{lookalike}");
        }
        assert_eq!(skeleton("vvipro"), skeleton("wipro"));
        assert_eq!(skeleton("urolime"), skeleton("uro1ime"));
        assert_eq!(skeleton("itechart"), skeleton("itechart"));
        assert_ne!(skeleton("tatvasoft"), skeleton("tatvasofts"));
        assert_ne!(skeleton("epam"), skeleton("epan"));
    }

    #[test]
    fn explains_scripts() {
        assert!(is_mixed_script("kіtrum")); // Cyrillic і
        assert!(!is_mixed_script("kitrum"));
        assert!(!is_mixed_script("пример"));
        assert_eq!(
            non_ascii_chars("kіtrum"),
            vec!["і U+0456 Cyrillic".to_string()]
        );
        assert!(weak_glyph_pair('m', 'n') && !weak_glyph_pair('a', 'o'));
    }
}
