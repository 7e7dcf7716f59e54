//! Person names as a key, and a deliberately simple "could be the same person" test.
//!
//! Used where redflag compares two names it already has side by side, above all the payee
//! check: is the holder of the account that receives someone's salary that person? The
//! comparison has to survive case, accents, punctuation, "Surname, Given" order, middle names
//! and initials, and must not equate two different given names.
//!
//! This is **not** the sanctions / watchlist matcher. That one has to find transliteration
//! variants, phonetic neighbours and aliases, and ranks candidates with a score; here a yes/no
//! on two names is enough, and anything fuzzier would produce noise in payment evidence.

use crate::fold::fold_lower;

/// A comparison key for a person name: lowercased, common Latin accents folded, apostrophes
/// removed, other punctuation turned into spaces, tokens sorted and joined by one space.
///
/// Sorting makes `"Smith, John"` and `"john smith"` equal; it also means the key says
/// nothing about which token is the surname. An empty or punctuation-only name gives `""`.
///
/// ```
/// use redflag_normalize::name_key;
/// assert_eq!(name_key("Smith, John"), name_key("john  SMITH"));
/// assert_eq!(name_key("José Núñez-O'Brien"), "jose nunez obrien");
/// ```
pub fn name_key(raw: &str) -> String {
    let mut tokens = name_tokens(raw);
    tokens.sort_unstable();
    tokens.join(" ")
}

/// Whether `a` and `b` plausibly name the same person.
///
/// True when the keys are equal, or when every token of the shorter name (which needs at
/// least two tokens) can be paired with a different token of the longer one, either equal or
/// as an initial of it, and at least one pair is a full equal token of two letters or more.
/// That accepts middle names (`John Michael Smith` / `John Smith`) and initials
/// (`J. Smith` / `John Smith`, also `J. Smith` / `Jane Smith`), and rejects a different given
/// name (`Peter Smith`), a lone surname (`Smith`) and names that share only initials.
/// There is no spelling tolerance: `Jon` is not `John`.
///
/// ```
/// use redflag_normalize::names_match;
/// assert!(names_match("John Michael Smith", "Smith, John"));
/// assert!(names_match("J. Smith", "John Smith"));
/// assert!(!names_match("John Smith", "Peter Smith"));
/// ```
pub fn names_match(a: &str, b: &str) -> bool {
    let mut ta = name_tokens(a);
    let mut tb = name_tokens(b);
    if ta.is_empty() || tb.is_empty() {
        return false;
    }
    ta.sort_unstable();
    tb.sort_unstable();
    if ta == tb {
        return true;
    }
    let (short, long) = if ta.len() <= tb.len() {
        (ta, tb)
    } else {
        (tb, ta)
    };
    if short.len() < 2 {
        return false;
    }
    let mut free: Vec<Option<&str>> = long.iter().map(|t| Some(t.as_str())).collect();
    let mut pending = Vec::new();
    let mut full_matches = 0;
    // Equal tokens first, so that an initial never takes the token an exact match needs.
    for token in &short {
        match free.iter_mut().find(|slot| **slot == Some(token.as_str())) {
            Some(slot) => {
                *slot = None;
                if token.chars().count() >= 2 {
                    full_matches += 1;
                }
            }
            None => pending.push(token.as_str()),
        }
    }
    for token in pending {
        let slot = free.iter_mut().find(|slot| {
            slot.is_some_and(|other| is_initial_of(token, other) || is_initial_of(other, token))
        });
        match slot {
            Some(slot) => *slot = None,
            None => return false,
        }
    }
    full_matches > 0
}

/// Whether `initial` is a one-letter token that starts `word`.
fn is_initial_of(initial: &str, word: &str) -> bool {
    let mut chars = initial.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => word.starts_with(c),
        _ => false,
    }
}

fn name_tokens(raw: &str) -> Vec<String> {
    let cleaned: String = fold_lower(raw)
        .chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{2bc}'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    cleaned.split_whitespace().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ignores_order_case_accents_and_punctuation() {
        let want = "john smith";
        for raw in [
            "John Smith",
            "Smith, John",
            "  JOHN   smith ",
            "Smith John.",
            "smith;john",
        ] {
            assert_eq!(name_key(raw), want, "{raw}");
        }
        assert_eq!(name_key("Zoë Ñúñez"), name_key("ZOE NUNEZ"));
        assert_eq!(name_key("Nguyễn Văn An"), "an nguyen van");
        assert_eq!(name_key("Mary-Jane O’Neil"), "jane mary oneil");
        assert_eq!(name_key("Dana O'Neil"), name_key("Dana ONeil"));
    }

    #[test]
    fn key_of_empty_and_non_latin_names() {
        assert_eq!(name_key(""), "");
        assert_eq!(name_key(" ,. "), "");
        assert_eq!(name_key("김철수"), "김철수");
        assert_eq!(name_key("Kim Chul-su"), "chul kim su");
    }

    #[test]
    fn matches_plausible_variants() {
        let pairs = [
            ("John Smith", "john smith"),
            ("Smith, John", "John Smith"),
            ("John Michael Smith", "John Smith"),
            ("J. Smith", "John Smith"),
            ("J. M. Smith", "John Michael Smith"),
            ("Smith J", "John Smith"),
            ("Jöhn Smíth", "John Smith"),
            ("Benjamin Nguyen", "NGUYEN, Benjamin Van"),
            ("Christina Marie Chapman", "Christina Chapman"),
        ];
        for (a, b) in pairs {
            assert!(names_match(a, b), "{a} / {b}");
            assert!(names_match(b, a), "{b} / {a}");
        }
    }

    #[test]
    fn rejects_different_people() {
        let pairs = [
            ("John Smith", "Jane Doe"),
            ("John Smith", "Peter Smith"),
            ("John Smith", "Smith"),
            ("John Smith", "John Smithson"),
            ("Jon Smith", "John Smith"),
            ("J. S.", "John Smith"),
            ("John Smith", "John Michael Doe"),
            ("Tingting Sun", "Andrew Miller"),
            ("", "John Smith"),
            ("", ""),
        ];
        for (a, b) in pairs {
            assert!(!names_match(a, b), "{a} / {b}");
            assert!(!names_match(b, a), "{b} / {a}");
        }
    }

    #[test]
    fn one_token_names_only_match_exactly() {
        assert!(names_match("Madonna", "MADONNA"));
        assert!(!names_match("Madonna", "Madonna Ciccone"));
    }
}
