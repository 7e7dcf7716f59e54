//! Text helpers shared by the sinks: scrubbing untrusted strings, display width, truncation,
//! number formatting.

use redflag_model::{Level, Report};
use std::borrow::Cow;

/// What replaces a character that must not reach a terminal or a page raw: visible, harmless,
/// and one column wide.
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

/// The ellipsis that marks truncated text.
pub(crate) const ELLIPSIS: char = '…';

/// Bidirectional embedding, override and isolate controls: they reorder how the text around
/// them is displayed ("Trojan Source"), so a name could make a row read as something else.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Makes untrusted text safe for a terminal: tabs and line breaks become spaces (a table row
/// stays one line), other control characters and bidi controls become U+FFFD, so an escape
/// sequence in a name shows up as text instead of acting on the terminal.
pub(crate) fn scrub(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c if c.is_control() || is_bidi_control(c) => REPLACEMENT,
            c => c,
        })
        .collect()
}

/// Columns a character takes on a terminal: 0 for combining marks and zero-width characters,
/// 2 for East Asian wide and fullwidth characters (Hangul, CJK, fullwidth forms, most emoji),
/// 1 otherwise. An approximation of Unicode's East Asian Width that covers the scripts names
/// are written in, without a dependency.
pub(crate) fn char_width(c: char) -> usize {
    let cp = u32::from(c);
    let zero = matches!(cp,
        0x0300..=0x036F       // combining diacritical marks
        | 0x0483..=0x0489     // Cyrillic combining marks
        | 0x0591..=0x05BD     // Hebrew points
        | 0x0610..=0x061A     // Arabic marks
        | 0x064B..=0x065F
        | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E // Thai vowels and tone marks
        | 0x1160..=0x11FF     // Hangul medial vowels and final consonants (conjoining jamo)
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200B..=0x200F     // zero-width space, joiners, directional marks
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F     // variation selectors
        | 0xFE20..=0xFE2F);
    if zero {
        return 0;
    }
    let wide = matches!(cp,
        0x1100..=0x115F       // Hangul initial consonants
        | 0x2E80..=0x303E     // CJK radicals, punctuation
        | 0x3041..=0x33FF     // kana, compatibility jamo, CJK symbols
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xA000..=0xA4CF     // Yi
        | 0xA960..=0xA97F     // Hangul jamo extended A
        | 0xAC00..=0xD7A3     // Hangul syllables
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60     // fullwidth forms
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F   // pictographs, emoticons
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x2FFFD
        | 0x30000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// Columns `s` takes on a terminal (see [`char_width`]); never its length in bytes.
pub(crate) fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Shortens `s` to at most `max` columns, cutting on a character boundary and ending with an
/// ellipsis when anything was cut.
pub(crate) fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    let budget = max.saturating_sub(1);
    let mut used = 0;
    let mut out = String::with_capacity(max + 3);
    for c in s.chars() {
        let w = char_width(c);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    if max > 0 {
        out.push(ELLIPSIS);
    }
    Cow::Owned(out)
}

/// `s` followed by spaces up to `columns` columns.
pub(crate) fn pad_right(s: &str, columns: usize) -> String {
    let fill = columns.saturating_sub(width(s));
    format!("{s}{:fill$}", "")
}

/// Spaces up to `columns` columns followed by `s`.
pub(crate) fn pad_left(s: &str, columns: usize) -> String {
    let fill = columns.saturating_sub(width(s));
    format!("{:fill$}{s}", "")
}

/// An evidence weight for people: at most two decimals, no trailing zeros (`25`, `7.5`, `-5`).
pub(crate) fn format_weight(weight: f64) -> String {
    if !weight.is_finite() {
        return weight.to_string();
    }
    let rounded = (weight * 100.0).round() / 100.0;
    let mut s = format!("{rounded:.2}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

/// People per level, counted from `report.people` so that counts always agree with the rows
/// shown; indexed like [`Level::ALL`] (none first).
pub(crate) fn level_counts(report: &Report) -> [usize; 5] {
    let mut counts = [0; 5];
    for person in &report.people {
        counts[level_index(person.level)] += 1;
    }
    counts
}

/// Position of `level` in [`Level::ALL`].
pub(crate) fn level_index(level: Level) -> usize {
    match level {
        Level::None => 0,
        Level::Low => 1,
        Level::Medium => 2,
        Level::High => 3,
        Level::Critical => 4,
    }
}

/// `n` followed by the singular or plural noun.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_replaces_controls_and_keeps_text() {
        assert_eq!(scrub("Ana Gómez"), "Ana Gómez");
        assert!(matches!(scrub("plain"), Cow::Borrowed(_)));
        assert_eq!(scrub("a\x1b[2Jb"), "a\u{FFFD}[2Jb");
        assert_eq!(scrub("line\nbreak\ttab"), "line break tab");
        assert_eq!(scrub("evil\u{202E}txt.exe"), "evil\u{FFFD}txt.exe");
        assert_eq!(scrub("c1\u{9b}31m"), "c1\u{FFFD}31m");
    }

    #[test]
    fn width_counts_columns_not_bytes() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("Gómez"), 5);
        assert_eq!(width("김철수"), 6);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("ＡＢ"), 4);
    }

    #[test]
    fn truncate_cuts_on_char_boundaries() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("exactly", 7), "exactly");
        assert_eq!(truncate("a longer text", 6), "a lon…");
        assert_eq!(truncate("Ångström", 4), "Ång…");
        // Wide characters never overflow: 3 columns leaves room for one Hangul syllable.
        assert_eq!(truncate("김철수", 4), "김…");
        assert!(width(&truncate("김철수", 4)) <= 4);
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 1), "…");
    }

    #[test]
    fn padding_uses_display_width() {
        assert_eq!(pad_right("김", 4), "김  ");
        assert_eq!(pad_left("7", 3), "  7");
        assert_eq!(pad_right("toolong", 3), "toolong");
    }

    #[test]
    fn weights_are_short() {
        assert_eq!(format_weight(25.0), "25");
        assert_eq!(format_weight(7.5), "7.5");
        assert_eq!(format_weight(0.1 + 0.2), "0.3");
        assert_eq!(format_weight(-5.0), "-5");
        assert_eq!(format_weight(-0.001), "0");
        assert_eq!(format_weight(f64::NAN), "NaN");
    }
}
