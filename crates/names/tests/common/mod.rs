//! Helpers shared by the accuracy tests: a minimal CSV reader and paths to the shared data.

#![allow(dead_code)]

use std::path::PathBuf;

/// `../../../shared/data/sanctions/<rel>` from the crate directory.
pub fn data(rel: &str) -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("../../../shared/data/sanctions")
        .join(rel)
}

/// Parses RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Reads a CSV with a header into (header, rows).
pub fn read_csv(rel: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let path = data(rel);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut rows = parse_csv(&text);
    let header = rows.remove(0);
    (header, rows)
}

/// Column index by name.
pub fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

/// Names from OFAC's legacy `sdn.csv` (column 2, Windows-1252, no header).
pub fn sdn_names(rel: &str) -> Vec<(u32, String, bool)> {
    let path = data(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let text: String = bytes.iter().map(|&b| cp1252(b)).collect();
    parse_csv(&text)
        .into_iter()
        .filter(|r| r.len() > 2)
        .filter_map(|r| {
            let id = r[0].trim().parse().ok()?;
            let individual = r[2].trim() == "individual";
            Some((id, r[1].clone(), individual))
        })
        .collect()
}

/// Windows-1252 byte to char.
pub fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    if (0x80..0xA0).contains(&b) {
        HIGH[(b - 0x80) as usize]
    } else {
        b as char
    }
}
