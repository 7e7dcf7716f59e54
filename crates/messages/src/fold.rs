//! Case and spelling folding that remembers where every folded byte came from, so that cues
//! found in the folded text are reported as spans of the text the person wrote.

/// A message folded for matching: lower case, `ё` as `е`, Latin letters with diacritics as
/// their ASCII letters (`é` as `e`, `ł` as `l`, `ß` as `ss`), typographic quotes and dashes
/// as ASCII, zero-width characters dropped, runs of whitespace as one space.
///
/// The cue lists name English words without diacritics, so folding them loses nothing; and a
/// message that is ASCII once folded ("Hi Lucía, …") is read by the regex engine's fast
/// automaton, where one letter outside ASCII sends it to a simulation tens of times slower
/// (its Unicode word boundaries).
pub(crate) struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the byte offset in the original of the character it came
    /// from.
    origin: Vec<usize>,
    /// Length of the original text.
    original_len: usize,
}

impl Folded {
    /// Folds `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        let mut last_space = true;
        for (at, ch) in text.char_indices() {
            let mapped = match ch {
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {
                    continue
                }
                '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{b4}' => '\'',
                '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' => '"',
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                'ё' | 'Ё' => 'е',
                c if c.is_whitespace() => ' ',
                c => c,
            };
            if mapped == ' ' {
                if last_space {
                    continue;
                }
                last_space = true;
            } else {
                last_space = false;
            }
            for lower in mapped.to_lowercase() {
                let start = folded.len();
                match latin_base(lower) {
                    Some(base) => folded.push_str(base),
                    None => folded.push(lower),
                }
                origin.extend(std::iter::repeat_n(at, folded.len() - start));
            }
        }
        Folded {
            text: folded,
            origin,
            original_len: text.len(),
        }
    }

    /// The original byte range of the folded range `start..end`.
    pub(crate) fn original(&self, start: usize, end: usize) -> (usize, usize) {
        let from = self.origin.get(start).copied().unwrap_or(self.original_len);
        // The end is the start of the character after the last folded byte's character.
        let to = match end.checked_sub(1).and_then(|last| self.origin.get(last)) {
            Some(&last_char) => self
                .origin
                .get(end)
                .copied()
                .filter(|&next| next > last_char)
                .unwrap_or_else(|| self.next_char_after(last_char)),
            None => from,
        };
        (from, to.max(from))
    }

    /// Offset of the original character after the one at `at` (the text is not kept, so
    /// this is the next distinct origin, or the end).
    fn next_char_after(&self, at: usize) -> usize {
        self.origin
            .iter()
            .copied()
            .find(|&o| o > at)
            .unwrap_or(self.original_len)
    }
}

/// The ASCII letters of a lower-case Latin letter with a diacritic (Latin-1 and Latin
/// Extended-A, the letters of European names and words), or `None`.
fn latin_base(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_map_back_to_the_original_text() {
        let text = "Please SEND  the\u{200b} ДЕНЬГИ «now»";
        let folded = Folded::new(text);
        assert_eq!(folded.text, "please send the деньги \"now\"");
        let start = folded.text.find("деньги").expect("found");
        let (a, b) = folded.original(start, start + "деньги".len());
        assert_eq!(&text[a..b], "ДЕНЬГИ");
        let start = folded.text.find("send").expect("found");
        let (a, b) = folded.original(start, start + 4);
        assert_eq!(&text[a..b], "SEND");
        let end = folded.text.len();
        let (a, b) = folded.original(end - 4, end);
        assert_eq!(&text[a..b], "now»");
    }

    #[test]
    fn latin_diacritics_fold_to_ascii_and_spans_still_map_back() {
        let text = "Hi Łucja Müller-Straße, SEÑOR Ţară: résumé";
        let folded = Folded::new(text);
        assert_eq!(folded.text, "hi lucja muller-strasse, senor tara: resume");
        assert!(folded.text.is_ascii());
        let start = folded.text.find("strasse").expect("found");
        let (a, b) = folded.original(start, start + "strasse".len());
        assert_eq!(&text[a..b], "Straße");
        let start = folded.text.find("resume").expect("found");
        let (a, b) = folded.original(start, start + 6);
        assert_eq!(&text[a..b], "résumé");
        // Cyrillic and Hangul are left as they are.
        assert_eq!(Folded::new("Ёж 선불").text, "еж 선불");
    }

    #[test]
    fn yo_is_ye() {
        assert_eq!(Folded::new("Вперёд").text, "вперед");
    }
}
