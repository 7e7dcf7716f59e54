//! Bytes to text: Windows-1252 (OFAC's legacy files) and checked UTF-8 (XML), with errors that
//! give the line of the bad byte.

use crate::error::{At, WatchlistError};

/// Windows-1252 code points for bytes 0x80–0x9F. The five bytes Windows-1252 leaves undefined
/// (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 controls of the same value, as the WHATWG
/// Encoding Standard does; every other byte is its Latin-1 code point.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Decodes Windows-1252. Never fails: every byte has a character.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 16);
    for &b in bytes {
        match b {
            0x00..=0x7F => out.push(b as char),
            0x80..=0x9F => out.push(CP1252_HIGH[(b - 0x80) as usize]),
            _ => out.push(char::from(b)),
        }
    }
    out
}

/// Text of an OFAC legacy CSV file. OFAC publishes Windows-1252; a mirror may have re-encoded
/// to UTF-8, so a UTF-8 byte-order mark, or bytes that are valid UTF-8 and contain multi-byte
/// sequences, are read as UTF-8 (Windows-1252 text almost never happens to be valid UTF-8 with
/// multi-byte sequences). The DOS end-of-file marker (0x1A) OFAC appends is dropped. A NUL byte
/// is an error: that is a binary file, not a list.
pub(crate) fn decode_ofac_csv(file: &str, bytes: &[u8]) -> Result<String, WatchlistError> {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(WatchlistError::invalid(
            At::new(file, line_of(bytes, pos)),
            "NUL byte: this is a binary file, not an OFAC CSV list (expected Windows-1252 text)",
        ));
    }
    let mut bytes = bytes;
    while let Some((&last, rest)) = bytes.split_last() {
        if last == 0x1A {
            bytes = rest;
        } else {
            break;
        }
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(str::to_string)
            .map_err(|e| bad_utf8(file, rest, e));
    }
    if !bytes.is_ascii() {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return Ok(s.to_string());
        }
    }
    Ok(decode_windows_1252(bytes))
}

/// Checked UTF-8 for XML lists (both the UN and the OFAC advanced files declare UTF-8). A UTF-8
/// byte-order mark is skipped.
pub(crate) fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, WatchlistError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| bad_utf8(file, bytes, e))
}

fn bad_utf8(file: &str, bytes: &[u8], e: std::str::Utf8Error) -> WatchlistError {
    let pos = e.valid_up_to();
    let byte = bytes.get(pos).copied().unwrap_or(0);
    WatchlistError::invalid(
        At::new(file, line_of(bytes, pos)),
        format!(
            "invalid UTF-8 (byte 0x{byte:02X} at offset {pos}); the file declares UTF-8: was it re-saved in another encoding?"
        ),
    )
}

/// 1-based line of a byte offset.
pub(crate) fn line_of(bytes: &[u8], pos: usize) -> u64 {
    let end = pos.min(bytes.len());
    bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// Counts lines incrementally over a text read front to back, so that a streaming reader can
/// tell the line of every record in one pass.
pub(crate) struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            pos: 0,
            line: 1,
        }
    }

    /// Line of `pos`; positions must not go backwards (an earlier one gives the current line).
    pub(crate) fn line_at(&mut self, pos: usize) -> u64 {
        let pos = pos.min(self.bytes.len());
        if pos > self.pos {
            self.line += self.bytes[self.pos..pos]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.pos = pos;
        }
        self.line
    }
}

/// Collapses runs of whitespace to one space and trims.
pub(crate) fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_maps_the_high_block() {
        assert_eq!(
            decode_windows_1252(b"caf\xE9 \x80 \x93x\x94 \x9F"),
            "café € “x” Ÿ"
        );
        assert_eq!(decode_windows_1252(b"\x81\x8D"), "\u{81}\u{8D}");
    }

    #[test]
    fn ofac_csv_decoding_guesses_utf8_mirrors_and_drops_eof_marker() {
        assert_eq!(decode_ofac_csv("f", b"a,b\r\n\x1a").unwrap(), "a,b\r\n");
        assert_eq!(
            decode_ofac_csv("f", "Jos\u{e9}".as_bytes()).unwrap(),
            "José"
        );
        assert_eq!(decode_ofac_csv("f", b"Jos\xE9").unwrap(), "José");
        let err = decode_ofac_csv("sdn.csv", b"1,a\n2,\0").unwrap_err();
        assert!(err.to_string().starts_with("sdn.csv:2: NUL byte"), "{err}");
    }

    #[test]
    fn utf8_errors_name_the_line() {
        let err = utf8("un.xml", b"<a>\n<b>\xFF</b>").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("un.xml:2: invalid UTF-8 (byte 0xFF"),
            "{err}"
        );
    }

    #[test]
    fn line_counter_counts_forward() {
        let text = b"a\nb\nc\n";
        let mut lc = LineCounter::new(text);
        assert_eq!(lc.line_at(0), 1);
        assert_eq!(lc.line_at(2), 2);
        assert_eq!(lc.line_at(5), 3);
        assert_eq!(lc.line_at(1), 3);
    }
}
