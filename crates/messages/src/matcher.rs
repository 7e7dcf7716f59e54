//! How a cue list is matched: one pattern written three ways, so that the regex engine's
//! fast automaton can read any message.
//!
//! The lists match English words whole and Russian stems at the start of a word, with
//! Unicode word boundaries (`\b`). On ASCII text the engine's lazy automaton handles those;
//! on a single letter outside ASCII it gives up and falls back to a backtracking search,
//! which made a Korean or Russian message cost about 285 µs against 6 µs for an English one.
//! So a list is compiled
//! - as written, for ASCII text ([`Part::any`]);
//! - for other text, as two patterns the automaton never gives up on: the English items and
//!   Korean stems with ASCII word boundaries, which decide the same wherever an English word
//!   meets a space, a digit or punctuation ([`Part::bounded`]); and the items outside ASCII
//!   (Russian stems, mixed phrases) with their boundaries matched as characters — a
//!   non-word character or the text's start before, a non-word character or its end after
//!   where the item asks for one — inside capture groups that give the item's own span
//!   ([`Part::consumed`]).
//!
//! The two readings agree on every message of the labelled sets (a test checks each span).

use regex::Regex;

/// One part of a cue list, written for each way of matching it.
pub(crate) struct Part {
    /// The pattern as written, with Unicode word boundaries.
    any: String,
    /// The alternatives that can match with ASCII word boundaries (English items, Korean
    /// stems, amounts and addresses), if any.
    bounded: Option<String>,
    /// Items outside ASCII, whose boundaries are matched as characters.
    consumed: Consumed,
}

/// Items outside ASCII, by the boundaries they need after them.
#[derive(Default)]
struct Consumed {
    /// A word's start before, nothing after (stems).
    open: Vec<String>,
    /// A word's start before and a word's end after (whole words; a stem ending in `\b`).
    closed: Vec<String>,
    /// Whole words that may also run straight into a Korean particle or Russian ending,
    /// which is then part of the match (as `words` does).
    tailed: Vec<String>,
}

/// Whether `item` names a letter outside ASCII other than in brackets (`[€$]` can still
/// match `$`).
fn needs_non_ascii(item: &str) -> bool {
    let mut in_class = false;
    let mut escaped = false;
    for c in item.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => in_class = true,
            ']' => in_class = false,
            c if !c.is_ascii() && !in_class => return true,
            _ => {}
        }
    }
    false
}

/// `pattern` with its word boundaries (outside brackets) made ASCII: `\b` as `(?-u:\b)`.
fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('b') if !in_class => out.push_str(r"(?-u:\b)"),
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => out.push('\\'),
            },
            '[' => {
                in_class = true;
                out.push(c);
            }
            ']' => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The items of `list` that can match with ASCII boundaries, joined with `|`.
fn ascii_items(list: &[&str]) -> Option<String> {
    let items: Vec<String> = list
        .iter()
        .filter(|item| !needs_non_ascii(item))
        .map(|item| ascii_boundaries(item))
        .collect();
    (!items.is_empty()).then(|| items.join("|"))
}

/// The items of `list` outside ASCII.
fn non_ascii_items<'a>(list: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
    list.iter().copied().filter(|item| needs_non_ascii(item))
}

/// Words matched whole: `\b(?:a|b)\b`. A word that ends in a Latin letter or digit may also
/// run straight into a Korean particle or Russian ending (`USDT로`, `USDTшник`), which is
/// then trimmed off the span; a Korean or Russian word (`не`) is only ever whole.
pub(crate) fn words(list: &[&str]) -> Part {
    let (tailed, whole): (Vec<&str>, Vec<&str>) = list
        .iter()
        .partition(|item| !item.ends_with(|c: char| c.is_alphabetic() && !c.is_ascii()));
    let mut any = Vec::new();
    if !tailed.is_empty() {
        any.push(format!(
            r"\b(?:{})(?:\b|[\p{{Hangul}}\p{{Cyrillic}}])",
            tailed.join("|")
        ));
    }
    if !whole.is_empty() {
        any.push(format!(r"\b(?:{})\b", whole.join("|")));
    }
    let tailed_non_ascii: Vec<String> = non_ascii_items(&tailed).map(str::to_string).collect();
    Part {
        any: any.join("|"),
        // An ASCII boundary after an English word is also there before a Korean or
        // Cyrillic letter, so the particle is never needed.
        bounded: ascii_items(list).map(|items| format!(r"(?-u:\b)(?:{items})(?-u:\b)")),
        consumed: Consumed {
            closed: non_ascii_items(list).map(str::to_string).collect(),
            tailed: tailed_non_ascii,
            ..Consumed::default()
        },
    }
}

/// Stems matched at the start of a word, any ending: `\b(?:a|b)` (Russian words take
/// case endings: `предоплат` finds `предоплату`, `предоплаты`).
pub(crate) fn stems(list: &[&str]) -> Part {
    let mut consumed = Consumed::default();
    for item in non_ascii_items(list) {
        match item.strip_suffix(r"\b") {
            Some(whole) => consumed.closed.push(whole.to_string()),
            None => consumed.open.push(item.to_string()),
        }
    }
    Part {
        any: format!(r"\b(?:{})", list.join("|")),
        bounded: ascii_items(list).map(|items| format!(r"(?-u:\b)(?:{items})")),
        consumed,
    }
}

/// Korean stems, matched anywhere (Korean writes particles and endings onto the word).
pub(crate) fn korean(list: &[&str]) -> Part {
    let pattern = format!("(?:{})", list.join("|"));
    Part {
        bounded: Some(ascii_boundaries(&pattern)),
        any: pattern,
        consumed: Consumed::default(),
    }
}

/// A pattern of its own (amounts, wallet addresses), matched as written.
pub(crate) fn raw(pattern: &str) -> Part {
    Part {
        any: pattern.to_string(),
        bounded: Some(ascii_boundaries(pattern)),
        consumed: Consumed::default(),
    }
}

/// A cue list compiled for each way of reading it (see the module's documentation).
pub(crate) struct Lists {
    any: Regex,
    bounded: Option<Regex>,
    consumed: Option<Regex>,
}

impl Lists {
    /// Compiles `parts`, in order; `what` names the list in a panic (the lists are
    /// constants: a pattern that does not compile is a bug, caught by the tests).
    pub(crate) fn new(what: &str, parts: &[Part]) -> Lists {
        let compile = |pattern: &str| {
            Regex::new(pattern).unwrap_or_else(|e| panic!("{what}: {e}\n{pattern}"))
        };
        let any: Vec<&str> = parts.iter().map(|p| p.any.as_str()).collect();
        let bounded: Vec<&str> = parts.iter().filter_map(|p| p.bounded.as_deref()).collect();
        // One capture group per part and kind of ending, in the parts' order (the first
        // that matches at a place wins, as in one pattern); the match's own text is the
        // group that took part, without the boundary characters around it.
        let mut consumed = Vec::new();
        for part in parts {
            let Consumed {
                open,
                closed,
                tailed,
            } = &part.consumed;
            if !open.is_empty() {
                consumed.push(format!("({})", open.join("|")));
            }
            if !closed.is_empty() {
                consumed.push(format!(r"({})(?:[^\w]|$)", closed.join("|")));
            }
            if !tailed.is_empty() {
                consumed.push(format!(
                    r"((?:{})[\p{{Hangul}}\p{{Cyrillic}}])",
                    tailed.join("|")
                ));
            }
        }
        Lists {
            any: compile(&any.join("|")),
            bounded: (!bounded.is_empty()).then(|| compile(&bounded.join("|"))),
            consumed: (!consumed.is_empty())
                .then(|| compile(&format!(r"(?:^|[^\w])(?:{})", consumed.join("|")))),
        }
    }

    /// Whether the list matches anywhere in `text`.
    pub(crate) fn is_found(&self, text: &str) -> bool {
        if text.is_ascii() {
            // `find`, not `is_match`: for these lists the regex engine answers `is_match`
            // with its slow simulation, `find` with its lazy automaton, twice as fast.
            return self.any.find(text).is_some();
        }
        self.bounded
            .as_ref()
            .is_some_and(|r| r.find(text).is_some())
            || self
                .consumed
                .as_ref()
                .is_some_and(|r| r.find(text).is_some())
    }

    /// The spans (start, end) of the list's matches in `text`, in order, not overlapping.
    pub(crate) fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        if text.is_ascii() {
            return self.spans_as_written(text);
        }
        let mut spans: Vec<(usize, usize)> = match &self.bounded {
            Some(bounded) => bounded
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect(),
            None => Vec::new(),
        };
        if let Some(consumed) = &self.consumed {
            let mut at = 0;
            while let Some(captures) = consumed.captures_at(text, at) {
                let Some(item) = captures.iter().skip(1).flatten().next() else {
                    break;
                };
                spans.push((item.start(), item.end()));
                // The character after the item may be the next one's boundary.
                at = item.end();
            }
        }
        // Two patterns may match the same words: keep the leftmost, then the longest, as
        // one pattern would have.
        spans.sort_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
        let mut kept: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for span in spans {
            if kept.last().is_none_or(|last| span.0 >= last.1) {
                kept.push(span);
            }
        }
        kept
    }

    /// The spans as the list written with Unicode word boundaries finds them (the reading
    /// for ASCII text, and what the other reading is tested against).
    pub(crate) fn spans_as_written(&self, text: &str) -> Vec<(usize, usize)> {
        self.any
            .find_iter(text)
            .map(|m| trim_particle(text, m.start(), m.end()))
            .collect()
    }
}

/// A Latin word's span without the Korean particle or Russian ending its match ran into
/// (`USDT로` as `USDT`); an item that ends in a Korean word of its own (`api 키`) keeps it.
fn trim_particle(text: &str, start: usize, end: usize) -> (usize, usize) {
    let matched = &text[start..end];
    let mut from_end = matched.chars().rev();
    let (Some(last), Some(before)) = (from_end.next(), from_end.next()) else {
        return (start, end);
    };
    if matched.starts_with(|c: char| c.is_ascii())
        && before.is_ascii_alphanumeric()
        && is_hangul_or_cyrillic(last)
    {
        return (start, end - last.len_utf8());
    }
    (start, end)
}

/// A Hangul syllable or jamo.
pub(crate) fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
}

/// A Hangul syllable or jamo, or a Cyrillic letter.
fn is_hangul_or_cyrillic(c: char) -> bool {
    is_hangul(c) || ('\u{400}'..='\u{4ff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_become_ascii_outside_brackets_only() {
        assert_eq!(
            ascii_boundaries(r"\bpay\w*\b|[\b]"),
            r"(?-u:\b)pay\w*(?-u:\b)|[\b]"
        );
        assert!(needs_non_ascii("предоплат"));
        assert!(needs_non_ascii("в usdt"));
        assert!(!needs_non_ascii(r"[$€£₩]\s?\d"));
    }

    #[test]
    fn a_list_reads_russian_korean_and_english_alike() {
        let lists = Lists::new(
            "test",
            &[
                words(&["usdt", "wallet", "в usdt"]),
                stems(&["предоплат", "бухгалтер(?:у|а)?\\b"]),
                korean(&["선불"]),
            ],
        );
        for text in [
            "оплата в usdt, предоплату бухгалтеру и бухгалтерии; 선불로 usdt로 wallet",
            "предоплата предоплата бухгалтер бухгалтер",
            "непредоплата usdtx",
        ] {
            assert_eq!(lists.spans(text), lists.spans_as_written(text), "{text}");
        }
        // The one difference: an English word written straight after a Korean or Russian
        // letter is a word of its own for the ASCII boundaries.
        assert_eq!(lists.spans("지갑usdt"), [(6, 10)]);
        assert_eq!(lists.spans_as_written("지갑usdt"), []);
        let text = "нужна предоплата, бухгалтеру";
        let found: Vec<&str> = lists
            .spans(text)
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect();
        assert_eq!(found, ["предоплат", "бухгалтеру"]);
        assert!(lists.is_found("оплата в usdt"));
        assert!(!lists.is_found("непредоплата бухгалтерия"));
    }
}
