//! Malformed input gives clear errors naming file, line and field or element, and no input
//! makes a reader panic (byte-mutation fuzzing of real file excerpts).

mod common;

use common::sanctions;
use redflag_watchlist::{
    parse_curated, parse_ofac_advanced_xml, parse_ofac_csv, parse_un_xml, read_ofac_dir,
    read_watchlists_dir, CsvFile, ListId, OfacCsvInput, WatchlistError,
};

fn sdn(bytes: &[u8]) -> Result<redflag_watchlist::WatchList, WatchlistError> {
    parse_ofac_csv(
        ListId::OfacSdn,
        "test",
        OfacCsvInput {
            primary: CsvFile {
                name: "sdn.csv",
                bytes,
            },
            addresses: None,
            aliases: None,
            comments: None,
        },
    )
}

fn sdn_with(
    primary: &[u8],
    add: Option<&[u8]>,
    alt: Option<&[u8]>,
    comments: Option<&[u8]>,
) -> Result<redflag_watchlist::WatchList, WatchlistError> {
    parse_ofac_csv(
        ListId::OfacSdn,
        "test",
        OfacCsvInput {
            primary: CsvFile {
                name: "sdn.csv",
                bytes: primary,
            },
            addresses: add.map(|b| CsvFile {
                name: "add.csv",
                bytes: b,
            }),
            aliases: alt.map(|b| CsvFile {
                name: "alt.csv",
                bytes: b,
            }),
            comments: comments.map(|b| CsvFile {
                name: "sdn_comments.csv",
                bytes: b,
            }),
        },
    )
}

const GOOD_ROW: &str =
    "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";

#[test]
fn ofac_csv_errors_name_file_line_and_column() {
    let err = sdn(format!("{GOOD_ROW}37,\"X\",-0- \r\n").as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sdn.csv:2: expected 12 columns (ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, \
         Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks), found 3"
    );

    let row = GOOD_ROW.replace("-0- ,\"CUBA\"", "\"submarine\",\"CUBA\"");
    let err = sdn(row.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sdn.csv:1: SDN_Type: unknown SDN_Type \"submarine\": expected individual, vessel, \
         aircraft or -0- (an entity)"
    );

    let err = sdn(GOOD_ROW.replace("36,", "3x6,").as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sdn.csv:1: ent_num: expected a whole number, found \"3x6\""
    );

    let err = sdn(format!("{GOOD_ROW}{GOOD_ROW}").as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sdn.csv:2: ent_num: ent_num 36 appears twice (first at sdn.csv:1)"
    );

    let err = sdn(format!("{GOOD_ROW}\0\0").as_bytes()).unwrap_err();
    assert!(err.to_string().starts_with("sdn.csv:2: NUL byte"), "{err}");

    let err = sdn_with(
        GOOD_ROW.as_bytes(),
        None,
        Some(b"36,12,\"alias\",\"AERO-CARIBBEAN\",-0- \r\n"),
        None,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "alt.csv:1: alt_type: unknown alt_type \"alias\": expected aka, fka or nka"
    );

    let err = sdn_with(
        GOOD_ROW.as_bytes(),
        Some(b"36,25,-0- ,\"Havana\"\r\n"),
        None,
        None,
    )
    .unwrap_err();
    assert!(
        err.to_string().starts_with("add.csv:1: expected 6 columns"),
        "{err}"
    );

    // Windows-1252 text decodes (0xE9 is é); the row is fine.
    let list =
        sdn(b"36,\"CAF\xC9 S.A.\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a")
            .unwrap();
    assert_eq!(list.entities[0].primary_name(), "CAFÉ S.A.");
}

#[test]
fn missing_sdn_csv_is_named() {
    let err = read_ofac_dir(&sanctions("ofac/watchman_2025-02_partial"), None).unwrap_err();
    assert!(matches!(err, WatchlistError::Missing { .. }));
    assert!(err.to_string().contains("no sdn.csv"), "{err}");
    let err = read_watchlists_dir(&sanctions("ofac/watchman_2025-02_partial")).unwrap_err();
    assert!(
        err.to_string()
            .contains("add.csv is there, but it only adds to sdn.csv"),
        "{err}"
    );
}

fn un_excerpt() -> Vec<u8> {
    // The real file's first records plus the closing tags: a small valid UN list.
    let text = std::fs::read_to_string(sanctions("un/UN_consolidated_2026-02-27.xml")).unwrap();
    let cut = text[..60_000].rfind("</INDIVIDUAL>").unwrap() + "</INDIVIDUAL>".len();
    format!("{}\n  </INDIVIDUALS>\n</CONSOLIDATED_LIST>\n", &text[..cut]).into_bytes()
}

#[test]
fn un_xml_errors_name_file_line_and_element() {
    let good = un_excerpt();
    let list = parse_un_xml("un.xml", &good).unwrap();
    assert!(list.entities.len() > 20);

    // Not the UN list.
    let err = parse_un_xml(
        "eu.xml",
        b"<?xml version=\"1.0\"?>\n<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\"/>",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "eu.xml: not the UN Security Council consolidated list (root element <CONSOLIDATED_LIST>): \
         root element is <export> (line 2)"
    );
    let err = parse_un_xml(
        "page.html",
        b"<!DOCTYPE html><html><body>Error</body></html>",
    )
    .unwrap_err();
    assert!(matches!(err, WatchlistError::NotAList { .. }), "{err}");

    // Truncated mid-record.
    let text = String::from_utf8(good.clone()).unwrap();
    let cut = text.find("<INDIVIDUAL_ALIAS>").unwrap() + 30;
    let err = parse_un_xml("un.xml", &good[..cut]).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("un.xml:"), "{msg}");
    assert!(msg.contains("truncated"), "{msg}");
    assert!(msg.contains("opened at line"), "{msg}");

    // Mismatched tag: the line of the problem and the element it is in.
    let bad = text.replacen("</FIRST_NAME>", "</SECOND_NAME>", 1);
    let err = parse_un_xml("un.xml", bad.as_bytes()).unwrap_err();
    let at = err.at().expect("located");
    assert_eq!(at.file, "un.xml");
    assert_eq!(at.line, 7);
    assert!(err.to_string().contains("malformed XML"), "{err}");

    // Invalid UTF-8.
    let mut bad = good.clone();
    let pos = text.find("BADEGE").unwrap();
    bad[pos] = 0xFF;
    let err = parse_un_xml("un.xml", &bad).unwrap_err();
    assert!(
        err.to_string().starts_with("un.xml:8: invalid UTF-8"),
        "{err}"
    );

    // A bad dateGenerated is a located error, not a silent missing date.
    let bad = text.replacen("2026-02-27T00:00:09.554Z", "yesterday", 1);
    let err = parse_un_xml("un.xml", bad.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "un.xml:2: dateGenerated: expected an ISO 8601 date-time, found \"yesterday\""
    );

    // A record without any name.
    let bad = text
        .replacen("<FIRST_NAME>ERIC</FIRST_NAME>", "", 1)
        .replacen("<SECOND_NAME>BADEGE</SECOND_NAME>", "", 1);
    let err = parse_un_xml("un.xml", bad.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "un.xml:4: FIRST_NAME: record CDi.001 has no name"
    );
}

#[test]
fn curated_errors_name_the_row_and_column() {
    let header = "id,kind,name,surname,given,aliases,weak_aliases,native_names,nationality,born,listed_on,date_note,authority,action,programs,ofac_ent_num,location,countries,websites,role,sources\n";
    let row = "x,robot,X,,,,,,,,2025-01-01,,A,designated,,,,,,,https://example.org\n";
    let err = parse_curated("c.csv", &format!("{header}{row}")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "c.csv:2: kind: expected person or organization, found \"robot\""
    );
    let row = "x,person,X,,,,,,,,2025-01-01,,A,designated,,,,,,,ftp://example.org\n";
    let err = parse_curated("c.csv", &format!("{header}{row}")).unwrap_err();
    assert!(err.to_string().starts_with("c.csv:2: sources:"), "{err}");
    let row = "x,person,X,,,,,,,1965-13-01,2025-01-01,,A,designated,,,,,,,https://example.org\n";
    let err = parse_curated("c.csv", &format!("{header}{row}")).unwrap_err();
    assert!(err.to_string().starts_with("c.csv:2: born:"), "{err}");
}

/// A cheap fuzzer: xorshift-chosen byte replacements, insertions, deletions and truncations.
fn mutate(base: &[u8], seed: &mut u64, alphabet: &[u8]) -> Vec<u8> {
    let mut next = || {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    };
    let mut b = base.to_vec();
    let edits = 1 + next() % 8;
    for _ in 0..edits {
        if b.is_empty() {
            break;
        }
        let pos = (next() % b.len() as u64) as usize;
        let byte = alphabet[(next() % alphabet.len() as u64) as usize];
        match next() % 5 {
            0 => b[pos] = byte,
            1 => b.insert(pos, byte),
            2 => {
                b.remove(pos);
            }
            3 => b.truncate(pos),
            _ => b[pos] = (next() & 0xFF) as u8,
        }
    }
    b
}

#[test]
fn ofac_csv_reader_never_panics_on_mutated_bytes() {
    let dir = sanctions("ofac/watchman_bench_2021-07");
    let excerpt = |name: &str, lines: usize| -> Vec<u8> {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let mut out = Vec::new();
        for line in bytes.split_inclusive(|&b| b == b'\n').take(lines) {
            out.extend_from_slice(line);
        }
        out
    };
    // Rows with long remarks and crypto addresses, plus their comments.
    let sdn_all = std::fs::read(dir.join("sdn.csv")).unwrap();
    let mut primary = excerpt("sdn.csv", 30);
    for line in sdn_all.split_inclusive(|&b| b == b'\n') {
        if line.starts_with(b"29703,") || line.starts_with(b"28263,") || line.starts_with(b"30518,")
        {
            primary.extend_from_slice(line);
        }
    }
    let add = excerpt("add.csv", 40);
    let alt = excerpt("alt.csv", 40);
    let comments = std::fs::read(dir.join("sdn_comments.csv")).unwrap();
    assert!(sdn_with(&primary, Some(&add), Some(&alt), Some(&comments)).is_ok());

    let alphabet = b",\"\r\n;'()-0.:aZ \x1a\x80\x9d\xe9\xff\x00";
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for round in 0..1500 {
        let which = round % 4;
        let p = if which == 0 {
            mutate(&primary, &mut seed, alphabet)
        } else {
            primary.clone()
        };
        let a = if which == 1 {
            mutate(&add, &mut seed, alphabet)
        } else {
            add.clone()
        };
        let l = if which == 2 {
            mutate(&alt, &mut seed, alphabet)
        } else {
            alt.clone()
        };
        let c = if which == 3 {
            mutate(&comments, &mut seed, alphabet)
        } else {
            comments.clone()
        };
        let _ = sdn_with(&p, Some(&a), Some(&l), Some(&c));
    }
    // Remarks made of random clause pieces.
    let pieces: [&str; 12] = [
        "DOB ",
        "circa ",
        " to ",
        "Passport ",
        "a.k.a. '",
        "'",
        "(",
        ")",
        "; ",
        "alt. ",
        "Digital Currency Address - ",
        "Linked To:",
    ];
    for _ in 0..1500 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut remarks = String::new();
        let mut s = seed;
        for _ in 0..(s % 12) {
            remarks.push_str(pieces[(s % 12) as usize]);
            remarks.push(['x', 'é', '1', ' ', 'Ж'][(s % 5) as usize]);
            s /= 7;
        }
        let row = format!(
            "1,\"A, B\",\"individual\",\"P\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"{}\"\r\n",
            remarks.replace('"', "")
        );
        let _ = sdn(row.as_bytes());
    }
}

#[test]
fn xml_readers_never_panic_on_mutated_bytes() {
    let un = un_excerpt();
    let adv = std::fs::read(
        std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(
                || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
                std::path::PathBuf::from,
            )
            .join("tests/fixtures/sdn_advanced_sample.xml"),
    )
    .unwrap();
    assert!(parse_ofac_advanced_xml("a.xml", &adv, ListId::OfacSdn).is_ok());
    let alphabet = b"<>/=\"'&;#x \n!?-:ABCZ019\xc3\xa9\xff\x00";
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..700 {
        let _ = parse_un_xml("un.xml", &mutate(&un, &mut seed, alphabet));
        let _ =
            parse_ofac_advanced_xml("a.xml", &mutate(&adv, &mut seed, alphabet), ListId::OfacSdn);
    }
    // Deep nesting and entity edge cases.
    let deep = format!(
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>{}{}</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
        "<a>".repeat(200),
        "</a>".repeat(200)
    );
    assert!(parse_un_xml("deep.xml", deep.as_bytes()).is_err());
    for s in [
        "&bogus;",
        "&#xFFFFFFFF;",
        "&#0;",
        "<![CDATA[x",
        "<a b='1' b='2'/>",
    ] {
        let doc = format!("<CONSOLIDATED_LIST>{s}</CONSOLIDATED_LIST>");
        let _ = parse_un_xml("e.xml", doc.as_bytes());
    }
}
