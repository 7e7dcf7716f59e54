//! Lowercasing with Latin accent folding, shared by the name and address normalisers.
//!
//! A small hand-written table instead of full Unicode decomposition keeps the crate free of
//! dependencies. It covers Latin-1, Latin Extended-A, the Romanian comma-below letters and the
//! Vietnamese block (whose names are common among the personas redflag compares). Combining
//! marks are dropped, so text that arrives already decomposed (NFD) folds the same way.

/// Lowercases `s` and folds Latin diacritics to ASCII: `"Zoë Ñúñez"` → `"zoe nunez"`.
///
/// Characters without a Latin base (Hangul, CJK, Cyrillic, …) are lowercased and kept.
pub(crate) fn fold_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        for l in c.to_lowercase() {
            push_folded(l, &mut out);
        }
    }
    out
}

fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
    } else if is_combining_mark(c) {
        // Dropped: the base letter before it already went out.
    } else if let Some(folded) = fold_char(c) {
        out.push_str(folded);
    } else {
        out.push(c);
    }
}

fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// The ASCII spelling of one lowercase accented Latin letter, if it has one.
fn fold_char(c: char) -> Option<&'static str> {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ȁ' | 'ȃ' | 'ȧ' => {
            "a"
        }
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ȅ' | 'ȇ' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ơ' | 'ǒ' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ'
        | 'ǜ' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return fold_vietnamese(c),
    };
    Some(folded)
}

/// Latin Extended Additional, U+1EA0–U+1EF9: the Vietnamese letters with stacked marks,
/// laid out in runs per base letter.
fn fold_vietnamese(c: char) -> Option<&'static str> {
    let folded = match u32::from(c) {
        0x1EA0..=0x1EB7 => "a",
        0x1EB8..=0x1EC7 => "e",
        0x1EC8..=0x1ECB => "i",
        0x1ECC..=0x1EE3 => "o",
        0x1EE4..=0x1EF1 => "u",
        0x1EF2..=0x1EF9 => "y",
        _ => return None,
    };
    Some(folded)
}

#[cfg(test)]
mod tests {
    use super::fold_lower;

    #[test]
    fn folds_common_latin_accents() {
        assert_eq!(fold_lower("Zoë Ñúñez"), "zoe nunez");
        assert_eq!(fold_lower("Søren Ærø"), "soren aero");
        assert_eq!(fold_lower("Straße"), "strasse");
        assert_eq!(fold_lower("Łukasz Wałęsa"), "lukasz walesa");
        assert_eq!(fold_lower("Ștefan Țurcanu"), "stefan turcanu");
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold_lower("Nguyễn Thị Phương"), "nguyen thi phuong");
        assert_eq!(fold_lower("Trần Đức Thắng"), "tran duc thang");
    }

    #[test]
    fn drops_combining_marks_of_decomposed_text() {
        // "José" written as e + COMBINING ACUTE ACCENT.
        assert_eq!(fold_lower("Jose\u{301}"), "jose");
        assert_eq!(fold_lower("İstanbul"), "istanbul");
    }

    #[test]
    fn keeps_non_latin_scripts() {
        assert_eq!(fold_lower("김철수"), "김철수");
        assert_eq!(fold_lower("Иван"), "иван");
    }
}
