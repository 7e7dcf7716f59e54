//! A JSON reader that picks a few fields out of a large record and skips the rest fast.
//!
//! An Okta `LogEvent` is about 2.6 KB, and a sign-in row needs a dozen short fields of it;
//! deserialising the whole record spends most of its time in strings nobody reads. The
//! picker walks the record once: the caller names the keys it wants at each level, and every
//! other value is skipped, with strings jumped over sixteen bytes at a time (SSE2 compares)
//! rather than byte by byte.
//!
//! A two-stage design in the manner of simdjson (a bit-mask index of every token, then a
//! walk over the index) was tried and measured slower on Okta records: they hold a token
//! every 4.2 bytes, so indexing them all costs more than walking the few that matter.
//!
//! Skipped values are still checked for structure (strings closed, brackets balanced,
//! separators and literals where JSON wants them, nesting at most [`MAX_DEPTH`] deep), so a
//! truncated or mangled record is an error, not a silently short row. Not checked inside
//! skipped values: control characters in strings and the exact grammar of numbers. The input
//! must already be valid UTF-8 (the reader checks each line once).

use std::borrow::Cow;

/// Bit `i` set when byte `i` of the sixteen is `"` or `\\`, compared all at once with
/// SSE2, which every x86-64 processor has. Keys and most values are short, so one or two of
/// these find a string's end; a byte loop or even `memchr` costs more per string.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn quote_or_backslash_16(sixteen: &[u8]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    assert!(sixteen.len() >= 16);
    // SAFETY: SSE2 is part of x86-64, so these instructions exist on every processor this
    // code runs on; the load reads the sixteen bytes just checked to be there, and has no
    // alignment requirement.
    unsafe {
        let v = _mm_loadu_si128(sixteen.as_ptr().cast::<__m128i>());
        let hits = _mm_or_si128(
            _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8)),
            _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8)),
        );
        _mm_movemask_epi8(hits) as u32
    }
}

/// [`quote_or_backslash_16`] byte by byte, on other processors (and as its test's reference).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn quote_or_backslash_16_bytes(sixteen: &[u8]) -> u32 {
    sixteen[..16].iter().enumerate().fold(0, |bits, (i, &b)| {
        bits | (u32::from(b == b'"' || b == b'\\') << i)
    })
}

#[cfg(not(target_arch = "x86_64"))]
use quote_or_backslash_16_bytes as quote_or_backslash_16;

/// How deeply skipped values may nest before the record is rejected.
pub(crate) const MAX_DEPTH: usize = 128;

/// What is wrong with a record, and where (byte offset in the record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PickError {
    /// Byte offset in the record.
    pub(crate) at: usize,
    /// What was expected or found.
    pub(crate) message: &'static str,
}

impl std::fmt::Display for PickError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.message, self.at)
    }
}

type Result<T> = std::result::Result<T, PickError>;

/// A cursor over one JSON record.
pub(crate) struct Picker<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Picker<'a> {
    /// A picker at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Picker {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    fn error<T>(&self, message: &'static str) -> Result<T> {
        Err(PickError {
            at: self.pos,
            message,
        })
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.bytes.get(self.pos).copied()
    }

    fn expect(&mut self, byte: u8, message: &'static str) -> Result<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            self.error(message)
        }
    }

    /// Checks that nothing but whitespace follows the value.
    pub(crate) fn end(&mut self) -> Result<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => self.error("unexpected text after the record"),
        }
    }

    /// Walks the members of the object at the cursor. `member` gets each key and this
    /// picker positioned at its value; it returns `true` when it consumed the value, `false`
    /// to have it skipped.
    pub(crate) fn object(
        &mut self,
        member: impl FnMut(&str, &mut Self) -> Result<bool>,
    ) -> Result<()> {
        self.object_at(0, member)
    }

    /// [`object`](Self::object) at nesting `depth`: values `member` leaves are skipped one
    /// level deeper.
    fn object_at(
        &mut self,
        depth: usize,
        mut member: impl FnMut(&str, &mut Self) -> Result<bool>,
    ) -> Result<()> {
        self.expect(b'{', "expected an object")?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            if self.peek() != Some(b'"') {
                return self.error("expected a key");
            }
            let key = self.string()?;
            self.expect(b':', "expected `:` after a key")?;
            if !member(&key, self)? {
                self.skip_at(depth + 1)?;
            }
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return self.error("expected `,` or `}` in an object"),
            }
        }
    }

    /// Walks the elements of the array at the cursor; `element` works as in
    /// [`object`](Self::object), with the element's index. `null` is an empty array.
    pub(crate) fn array(
        &mut self,
        element: impl FnMut(usize, &mut Self) -> Result<bool>,
    ) -> Result<()> {
        if self.null()? {
            return Ok(());
        }
        self.array_at(0, element)
    }

    /// [`array`](Self::array) at nesting `depth` (without the `null` shortcut).
    fn array_at(
        &mut self,
        depth: usize,
        mut element: impl FnMut(usize, &mut Self) -> Result<bool>,
    ) -> Result<()> {
        self.expect(b'[', "expected an array")?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        let mut index = 0;
        loop {
            if !element(index, self)? {
                self.skip_at(depth + 1)?;
            }
            index += 1;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return self.error("expected `,` or `]` in an array"),
            }
        }
    }

    /// Consumes a `null` at the cursor, if there is one.
    pub(crate) fn null(&mut self) -> Result<bool> {
        if self.peek() == Some(b'n') {
            self.literal(b"null")?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Any scalar as text (strings unescaped, numbers and booleans as written); `null`, an
    /// empty string and the string `"null"` are absent. Objects and arrays are an error.
    pub(crate) fn scalar(&mut self) -> Result<Option<Cow<'a, str>>> {
        match self.peek() {
            Some(b'"') => {
                let s = self.string()?;
                let t = crate::parse::trimmed(&s);
                Ok((!t.is_empty() && t != "null").then_some(s))
            }
            Some(b'n') => {
                self.literal(b"null")?;
                Ok(None)
            }
            Some(b't') => {
                self.literal(b"true")?;
                Ok(Some(Cow::Borrowed("true")))
            }
            Some(b'f') => {
                self.literal(b"false")?;
                Ok(Some(Cow::Borrowed("false")))
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                self.number()?;
                Ok(Some(Cow::Borrowed(&self.text[start..self.pos])))
            }
            Some(b'{' | b'[') => self.error("expected a string, number, boolean or null"),
            _ => self.error("expected a value"),
        }
    }

    /// Skips the value at the cursor (the walkers skip what callbacks leave by themselves).
    #[cfg(test)]
    pub(crate) fn skip(&mut self) -> Result<()> {
        self.skip_at(0)
    }

    fn skip_at(&mut self, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return self.error("nested too deeply");
        }
        match self.peek() {
            Some(b'"') => self.skip_string(),
            Some(b'{') => self.object_at(depth, |_, _| Ok(false)),
            Some(b'[') => self.array_at(depth, |_, _| Ok(false)),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => self.error("expected a value"),
        }
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<()> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            self.error("expected true, false or null")
        }
    }

    fn number(&mut self) -> Result<()> {
        let start = self.pos;
        while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
        let digits = &self.bytes[start..self.pos];
        if digits.iter().any(u8::is_ascii_digit) {
            Ok(())
        } else {
            self.pos = start;
            self.error("expected a number")
        }
    }

    /// Offset, from `from`, of the next `"` or `\\`: sixteen bytes at a time, then byte by
    /// byte for the record's last few.
    fn quote_or_backslash(&self, from: usize) -> Option<usize> {
        let rest = &self.bytes[from..];
        let mut i = 0;
        while let Some(sixteen) = rest.get(i..i + 16) {
            let hits = quote_or_backslash_16(sixteen);
            if hits != 0 {
                return Some(i + hits.trailing_zeros() as usize);
            }
            i += 16;
        }
        rest[i..]
            .iter()
            .position(|&b| b == b'"' || b == b'\\')
            .map(|j| i + j)
    }

    /// Skips a string (cursor on its opening quote) without decoding it.
    fn skip_string(&mut self) -> Result<()> {
        self.pos += 1;
        loop {
            match self.quote_or_backslash(self.pos) {
                Some(i) if self.bytes[self.pos + i] == b'"' => {
                    self.pos += i + 1;
                    return Ok(());
                }
                // A backslash: its escaped character cannot end the string.
                Some(i) => {
                    self.pos += i + 1;
                    match self.bytes.get(self.pos) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.pos += 1;
                        }
                        Some(b'u') => {
                            self.pos += 1;
                            self.hex4()?;
                        }
                        Some(_) => return self.error("invalid escape in a string"),
                        None => return self.error("unterminated string"),
                    }
                }
                None => {
                    self.pos = self.bytes.len();
                    return self.error("unterminated string");
                }
            }
        }
    }

    /// The string at the cursor (on its opening quote), unescaped; borrowed when it has no
    /// escapes.
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>> {
        if self.peek() != Some(b'"') {
            return self.error("expected a string");
        }
        let start = self.pos + 1;
        match self.quote_or_backslash(start) {
            Some(i) if self.bytes[start + i] == b'"' => {
                self.pos = start + i + 1;
                Ok(Cow::Borrowed(&self.text[start..start + i]))
            }
            Some(_) => self.escaped_string(start),
            None => {
                self.pos = self.bytes.len();
                self.error("unterminated string")
            }
        }
    }

    fn escaped_string(&mut self, start: usize) -> Result<Cow<'a, str>> {
        let mut out = String::new();
        self.pos = start;
        loop {
            let Some(i) = memchr::memchr2(b'"', b'\\', &self.bytes[self.pos..]) else {
                self.pos = self.bytes.len();
                return self.error("unterminated string");
            };
            out.push_str(&self.text[self.pos..self.pos + i]);
            self.pos += i;
            if self.bytes[self.pos] == b'"' {
                self.pos += 1;
                return Ok(Cow::Owned(out));
            }
            self.pos += 1;
            let Some(&escape) = self.bytes.get(self.pos) else {
                return self.error("unterminated string");
            };
            self.pos += 1;
            match escape {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'/' => out.push('/'),
                b'b' => out.push('\u{8}'),
                b'f' => out.push('\u{c}'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'u' => {
                    let c = self.unicode_escape()?;
                    out.push(c);
                }
                _ => {
                    self.pos -= 1;
                    return self.error("invalid escape in a string");
                }
            }
        }
    }

    /// After `\u`: four hex digits, and a second `\uXXXX` for a surrogate pair. Lone
    /// surrogates become U+FFFD, as serde_json does with lossy input.
    fn unicode_escape(&mut self) -> Result<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) {
            if self.bytes[self.pos..].starts_with(b"\\u") {
                let save = self.pos;
                self.pos += 2;
                let second = self.hex4()?;
                if (0xDC00..0xE000).contains(&second) {
                    let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    return Ok(char::from_u32(code).unwrap_or('\u{FFFD}'));
                }
                self.pos = save;
            }
            return Ok('\u{FFFD}');
        }
        Ok(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }

    fn hex4(&mut self) -> Result<u32> {
        let Some(digits) = self.bytes.get(self.pos..self.pos + 4) else {
            return self.error("expected four hex digits after \\u");
        };
        let mut value = 0;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return self.error("expected four hex digits after \\u"),
            };
            value = value * 16 + u32::from(v);
        }
        self.pos += 4;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Picks `a`, `b.c` and `list[1]` from a record.
    fn pick(json: &str) -> Result<Vec<Option<String>>> {
        let mut out = vec![None, None, None];
        let mut p = Picker::new(json);
        p.object(|key, p| {
            match key {
                "a" => out[0] = p.scalar()?.map(Cow::into_owned),
                "b" => p.object(|key, p| {
                    if key == "c" {
                        out[1] = p.scalar()?.map(Cow::into_owned);
                        return Ok(true);
                    }
                    Ok(false)
                })?,
                "list" => p.array(|i, p| {
                    if i == 1 {
                        out[2] = p.scalar()?.map(Cow::into_owned);
                        return Ok(true);
                    }
                    Ok(false)
                })?,
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        p.end()?;
        Ok(out)
    }

    #[test]
    fn picks_nested_fields_and_skips_the_rest() {
        let json = r#" {"skip": {"x": [1, 2.5e3, -3, {"y": "a \"q\" \\ }"}], "z": null},
            "a": "hello", "b": {"k": true, "c": 42}, "t": [], "o": {},
            "list": ["x", "caf\u00e9 \ud83d\ude00", {"deep": [[[]]]}]} "#;
        assert_eq!(
            pick(json).unwrap(),
            vec![
                Some("hello".to_string()),
                Some("42".to_string()),
                Some("café 😀".to_string())
            ]
        );
    }

    #[test]
    fn vector_and_byte_quote_search_agree() {
        let mut sixteen = [0u8; 16];
        for start in 0..=255u8 {
            for (i, b) in sixteen.iter_mut().enumerate() {
                *b = start.wrapping_add((i * 23) as u8);
            }
            assert_eq!(
                quote_or_backslash_16(&sixteen),
                quote_or_backslash_16_bytes(&sixteen),
                "from byte {start}"
            );
        }
        assert_eq!(quote_or_backslash_16(br#"abc"def\ghijklmn"#), 0b1000_1000);
    }

    #[test]
    fn strings_end_wherever_they_fall_against_sixteen_bytes() {
        for len in 0..40 {
            let text = "x".repeat(len);
            let json = format!(r#"{{"a": "{text}", "s": "{text}\\", "list": []}}"#);
            let got = pick(&json).unwrap();
            assert_eq!(
                got[0].as_deref(),
                (len > 0).then_some(text.as_str()),
                "{json}"
            );
        }
    }

    #[test]
    fn scalars_follow_the_vendor_rules() {
        let one = |v: &str| pick(&format!(r#"{{"a": {v}}}"#)).map(|o| o[0].clone());
        assert_eq!(one("\"null\"").unwrap(), None);
        assert_eq!(one("\"  \"").unwrap(), None);
        assert_eq!(one("null").unwrap(), None);
        assert_eq!(one("false").unwrap().as_deref(), Some("false"));
        assert_eq!(one("-12").unwrap().as_deref(), Some("-12"));
        assert!(one("{}").is_err());
        assert!(one("[1]").is_err());
    }

    #[test]
    fn broken_records_are_errors_with_a_position() {
        for bad in [
            r#"{"a": "x""#,
            r#"{"a": "x", "b": {"c": 1}"#,
            r#"{"skip": [1, 2}"#,
            r#"{"skip": {"x" 1}}"#,
            r#"{"skip": tru}"#,
            r#"{"skip": "unterminated}"#,
            r#"{"skip": "bad \q escape"}"#,
            r#"{"a": "\u12"}"#,
            r#"{"a": 1} trailing"#,
            r#"{"a": 1,}"#,
            r#"{"skip": [1,]}"#,
            r#"{"skip": -}"#,
            "",
            "[]",
        ] {
            let err = pick(bad).expect_err(bad);
            assert!(err.at <= bad.len(), "{bad}: {err}");
        }
        let deep = format!(r#"{{"skip": {}{}}}"#, "[".repeat(200), "]".repeat(200));
        assert_eq!(pick(&deep).unwrap_err().message, "nested too deeply");
    }

    /// Every file under `dir`, recursively.
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    /// Whether the picker accepts `text` as one JSON value.
    fn accepts(text: &str) -> bool {
        let mut p = Picker::new(text);
        p.skip().and_then(|()| p.end()).is_ok()
    }

    #[test]
    fn agrees_with_serde_on_real_vendor_samples() {
        let dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(
                || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
                std::path::PathBuf::from,
            )
            .join("../../../shared/data/formats");
        let mut paths = Vec::new();
        files(&dir, &mut paths);
        let (mut documents, mut lines, mut rejected) = (0, 0, 0);
        for path in paths {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let serde = serde_json::from_str::<serde_json::Value>(&text).is_ok();
            if text.trim_start().starts_with(['{', '[']) {
                assert_eq!(serde, accepts(&text), "{}", path.display());
                documents += 1;
                rejected += usize::from(!serde);
            }
            for line in text.lines().filter(|l| l.trim_start().starts_with('{')) {
                let serde = serde_json::from_str::<serde_json::Value>(line).is_ok();
                assert_eq!(serde, accepts(line), "{}: {line}", path.display());
                lines += 1;
            }
        }
        assert!(
            documents >= 5 && lines >= 5,
            "{documents} documents, {lines} lines"
        );
        // The published Entra example with its trailing comma is among them.
        assert!(rejected >= 1);
    }
}
