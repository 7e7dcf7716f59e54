//! Scripts other than Latin: Hangul (computed), Han (table from Unihan), Cyrillic, Greek,
//! Armenian and Georgian (letter tables). Arabic, Hebrew, Thai and the rest pass through
//! unchanged; they are not matched across scripts.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::korean;

/// The script a character is handled as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Hangul,
    Han,
    Cyrillic,
    Greek,
    Armenian,
    Georgian,
    Other,
}

pub(crate) fn script_of(c: char) -> Script {
    match c as u32 {
        0xAC00..=0xD7A3 => Script::Hangul,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => Script::Han,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0xA640..=0xA69F => Script::Cyrillic,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0531..=0x058F => Script::Armenian,
        0x10A0..=0x10FF | 0x1C90..=0x1CBF => Script::Georgian,
        0x0000..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xFF00..=0xFFEF => {
            Script::Latin
        }
        _ => Script::Other,
    }
}

/// One Han character's readings.
#[derive(Clone, Copy)]
pub(crate) struct HanReading {
    /// Korean reading (a Hangul syllable), if Unihan has one.
    pub korean: Option<char>,
    /// Whether the character is a common Korean name or education character (kHangul N/E).
    pub common_korean: bool,
    /// Toneless pinyin, if Unihan has a Mandarin reading.
    pub mandarin: Option<&'static str>,
}

static HANJA_TSV: &str = include_str!("../data/hanja.tsv");

fn han_table() -> &'static HashMap<char, HanReading, crate::text::FxBuild> {
    static TABLE: OnceLock<HashMap<char, HanReading, crate::text::FxBuild>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::with_capacity_and_hasher(12_600, Default::default());
        for line in HANJA_TSV.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(ch), Some(ko), Some(common), Some(man)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let Some(ch) = ch.chars().next() else {
                continue;
            };
            map.insert(
                ch,
                HanReading {
                    korean: ko.chars().next().filter(|c| *c != '-'),
                    common_korean: common == "1",
                    mandarin: (man != "-").then_some(man),
                },
            );
        }
        map
    })
}

/// The readings of one Han character, if the table has it.
pub(crate) fn han_reading(c: char) -> Option<HanReading> {
    han_table().get(&c).copied()
}

/// Korean (Hangul) readings of a run of Han characters, when every one is a common Korean name
/// character.
pub(crate) fn han_to_hangul(run: &[char]) -> Option<Vec<char>> {
    run.iter()
        .map(|c| {
            han_reading(*c)
                .filter(|r| r.common_korean)
                .and_then(|r| r.korean)
        })
        .collect()
}

/// Mandarin pinyin of each character of a run (the character itself when unknown).
pub(crate) fn han_to_pinyin(run: &[char]) -> Vec<String> {
    run.iter()
        .map(|c| match han_reading(*c).and_then(|r| r.mandarin) {
            Some(p) => p.to_string(),
            None => c.to_string(),
        })
        .collect()
}

/// Lowercase Latin for one lowercase Cyrillic letter.
pub(crate) fn cyrillic_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'і' => "i",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        'ў' => "u",
        'ђ' => "dj",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ћ' => "c",
        'џ' => "dz",
        'ѓ' => "gj",
        'ќ' => "kj",
        'ѕ' => "dz",
        'ә' => "a",
        'ғ' => "g",
        'қ' => "k",
        'ң' => "ng",
        'ө' => "o",
        'ұ' | 'ү' | 'ӯ' => "u",
        'һ' | 'ҳ' => "h",
        'ҷ' => "j",
        'ӣ' => "i",
        _ => return None,
    })
}

/// Lowercase Latin for one lowercase Greek letter (accents already removed).
fn greek_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' => "i",
        'θ' => "th",
        'ι' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' => "o",
        _ => return None,
    })
}

fn armenian_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ա' => "a",
        'բ' => "b",
        'գ' => "g",
        'դ' => "d",
        'ե' => "e",
        'զ' => "z",
        'է' => "e",
        'ը' => "y",
        'թ' => "t",
        'ժ' => "zh",
        'ի' => "i",
        'լ' => "l",
        'խ' => "kh",
        'ծ' => "ts",
        'կ' => "k",
        'հ' => "h",
        'ձ' => "dz",
        'ղ' => "gh",
        'ճ' => "ch",
        'մ' => "m",
        'յ' => "y",
        'ն' => "n",
        'շ' => "sh",
        'ո' => "o",
        'չ' => "ch",
        'պ' => "p",
        'ջ' => "j",
        'ռ' => "r",
        'ս' => "s",
        'վ' => "v",
        'տ' => "t",
        'ր' => "r",
        'ց' => "ts",
        'ւ' => "v",
        'փ' => "p",
        'ք' => "k",
        'օ' => "o",
        'ֆ' => "f",
        'և' => "ev",
        _ => return None,
    })
}

fn georgian_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ა' => "a",
        'ბ' => "b",
        'გ' => "g",
        'დ' => "d",
        'ე' => "e",
        'ვ' => "v",
        'ზ' => "z",
        'თ' => "t",
        'ი' => "i",
        'კ' => "k",
        'ლ' => "l",
        'მ' => "m",
        'ნ' => "n",
        'ო' => "o",
        'პ' => "p",
        'ჟ' => "zh",
        'რ' => "r",
        'ს' => "s",
        'ტ' => "t",
        'უ' => "u",
        'ფ' => "p",
        'ქ' => "k",
        'ღ' => "gh",
        'ყ' => "q",
        'შ' => "sh",
        'ჩ' => "ch",
        'ც' => "ts",
        'ძ' => "dz",
        'წ' => "ts",
        'ჭ' => "ch",
        'ხ' => "kh",
        'ჯ' => "j",
        'ჰ' => "h",
        _ => return None,
    })
}

/// Appends the lowercase Latin spelling of a word in Cyrillic, Greek, Armenian or Georgian.
pub(crate) fn letters_to_latin(word: &[char], script: Script, out: &mut String) {
    let lower: Vec<char> = word
        .iter()
        .flat_map(|c| c.to_lowercase())
        .flat_map(|c| {
            // Greek accents: decompose and drop the marks.
            let mut v = Vec::new();
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !crate::text::is_mark(d) {
                    v.push(d);
                }
            });
            v
        })
        .collect();
    let mut i = 0;
    while i < lower.len() {
        let c = lower[i];
        let next = lower.get(i + 1).copied();
        match script {
            Script::Greek => {
                // Digraphs whose letters read differently together.
                let pair = match (c, next) {
                    ('ο', Some('υ')) => Some("ou"),
                    ('α', Some('υ')) => Some("av"),
                    ('ε', Some('υ')) => Some("ev"),
                    ('γ', Some('γ')) => Some("ng"),
                    ('γ', Some('κ')) => Some("g"),
                    _ => None,
                };
                if let Some(p) = pair {
                    out.push_str(p);
                    i += 2;
                    continue;
                }
                match greek_letter(c) {
                    Some(s) => out.push_str(s),
                    None => out.push(c),
                }
            }
            Script::Cyrillic => match cyrillic_letter(c) {
                Some(s) => out.push_str(s),
                None => out.push(c),
            },
            Script::Armenian => {
                if c == 'ո' && next == Some('ւ') {
                    out.push('u');
                    i += 2;
                    continue;
                }
                match armenian_letter(c) {
                    Some(s) => out.push_str(s),
                    None => out.push(c),
                }
            }
            Script::Georgian => match georgian_letter(c) {
                Some(s) => out.push_str(s),
                None => out.push(c),
            },
            _ => out.push(c),
        }
        i += 1;
    }
}

/// Revised Romanisation of a Hangul word (syllable by syllable), lowercase.
pub(crate) fn hangul_rr(word: &[char]) -> String {
    let mut out = String::new();
    for &c in word {
        match korean::decompose(c) {
            Some((l, v, t)) => out.push_str(&korean::rr(korean::Syllable { l, v, t })),
            None => out.push(c),
        }
    }
    out
}

fn capitalise_into(s: &str, out: &mut String) {
    let mut chars = s.chars();
    if let Some(f) = chars.next() {
        out.extend(f.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// See [`crate::transliterate`].
pub(crate) fn transliterate(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let script = script_of(chars[i]);
        let mut j = i + 1;
        while j < chars.len() && script_of(chars[j]) == script && script != Script::Latin {
            j += 1;
        }
        let run = &chars[i..j];
        match script {
            Script::Latin | Script::Other => out.extend(run.iter()),
            Script::Hangul => capitalise_into(&hangul_rr(run), &mut out),
            Script::Han => {
                if let Some(hangul) = han_to_hangul(run) {
                    capitalise_into(&hangul_rr(&hangul), &mut out);
                } else {
                    let py = han_to_pinyin(run);
                    if (2..=4).contains(&py.len()) {
                        capitalise_into(&py[0], &mut out);
                        out.push(' ');
                        capitalise_into(&py[1..].concat(), &mut out);
                    } else {
                        for (k, p) in py.iter().enumerate() {
                            if k > 0 {
                                out.push(' ');
                            }
                            capitalise_into(p, &mut out);
                        }
                    }
                }
            }
            _ => {
                for (k, c) in run.iter().enumerate() {
                    let mut piece = String::new();
                    letters_to_latin(std::slice::from_ref(c), script, &mut piece);
                    if c.is_uppercase() && k + 1 < run.len() && run[k + 1].is_uppercase() {
                        out.push_str(&piece.to_uppercase());
                    } else if c.is_uppercase() {
                        capitalise_into(&piece, &mut out);
                    } else {
                        out.push_str(&piece);
                    }
                }
            }
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(transliterate("Владимир Путин"), "Vladimir Putin");
        assert_eq!(transliterate("Андреев"), "Andreev");
        assert_eq!(transliterate("김정은"), "Gimjeongeun");
        assert_eq!(transliterate("金正恩"), "Gimjeongeun");
        assert_eq!(transliterate("习近平"), "Xi Jinping");
        assert_eq!(transliterate("Νικόλαος"), "Nikolaos");
        assert_eq!(transliterate("Բարակ Օբամա"), "Barak Obama");
        assert_eq!(transliterate("Kim Jong Un"), "Kim Jong Un");
    }

    #[test]
    fn han_table_loads() {
        let r = han_reading('金').unwrap();
        assert_eq!(r.korean, Some('김'));
        assert!(r.common_korean);
        assert_eq!(r.mandarin, Some("jin"));
        assert!(han_reading('伟').unwrap().korean.is_none());
    }
}
