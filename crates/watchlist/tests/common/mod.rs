//! Helpers shared by the integration tests: where the real list files are, and a tiny
//! quote-aware CSV splitter that counts things in the raw files without going through the
//! reader under test.
#![allow(dead_code)]

use std::path::PathBuf;

/// `shared/` beside the repository (`../../../shared` from this crate). Its absence is a broken
/// setup, not a reason to pass.
pub fn shared() -> PathBuf {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("../../../shared");
    assert!(
        dir.is_dir(),
        "shared data not found at {} (the repository expects shared/ beside it)",
        dir.display()
    );
    dir
}

pub fn sanctions(rel: &str) -> PathBuf {
    shared().join("data/sanctions").join(rel)
}

/// Splits one raw CSV line into fields (double quotes, `""` escapes), independent of the
/// `csv` crate.
pub fn split_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// The records of a raw OFAC CSV (one per line in these files), Latin-1 decoded.
pub fn raw_records(path: &std::path::Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let text: String = bytes.iter().map(|&b| b as char).collect();
    text.split("\r\n")
        .map(|l| l.trim_end_matches('\u{1a}'))
        .filter(|l| !l.trim().is_empty())
        .map(split_line)
        .collect()
}

/// `(currency, address)` of every complete `Digital Currency Address - CUR ADDR` in `text`:
/// the address must be followed by `;`, `.` or the end.
pub fn crypto_mentions(text: &str) -> Vec<(String, String)> {
    let marker = "Digital Currency Address - ";
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(marker) {
        rest = &rest[i + marker.len()..];
        let mut words = rest.splitn(3, ' ');
        let (Some(cur), Some(tail)) = (words.next(), words.next()) else {
            continue;
        };
        let addr: String = tail
            .chars()
            .take_while(|c| *c != ';' && *c != '.' && !c.is_whitespace())
            .collect();
        let after = tail[addr.len()..].chars().next();
        if !addr.is_empty() && matches!(after, Some(';') | Some('.') | None) {
            out.push((cur.to_string(), addr));
        }
    }
    out
}
