//! Watchman's best-known false positives, and company names whose only shared words are legal
//! forms or generic company words.

use redflag_names::{compare, prepare, NameIndex, NameKind, ALERT_THRESHOLD};

fn score(a: &str, ka: NameKind, b: &str, kb: NameKind) -> (f32, String) {
    let m = compare(&prepare(a, ka), &prepare(b, kb));
    (m.score, m.explain())
}

#[track_caller]
fn low(a: &str, ka: NameKind, b: &str, kb: NameKind) {
    let (s, e) = score(a, ka, b, kb);
    assert!(s < ALERT_THRESHOLD, "{a} / {b}: {e}");
}

#[track_caller]
fn high(a: &str, ka: NameKind, b: &str, kb: NameKind) {
    let (s, e) = score(a, ka, b, kb);
    assert!(s >= ALERT_THRESHOLD, "{a} / {b}: {e}");
}

use NameKind::{Organization as Org, Person, Unknown};

#[test]
fn watchman_complaints_score_low() {
    // moov-io/watchman#483 "CORP matches too highly": `11420 CORP.` indexed as `corp`.
    low("CORP", Unknown, "11420 CORP.", Org);
    low("Acme Corp", Org, "11420 CORP.", Org);
    low("Global Trading Corporation", Org, "11420 CORP.", Org);
    // #338: "emma daniels" → `EMMA LLC` at 100%.
    low("emma daniels", Person, "EMMA LLC", Org);
    low("emma daniels", Unknown, "EMMA LLC", Org);
    // #115: "George Bush" ~ "George Habbash" at 89%.
    low("George Bush", Person, "George Habbash", Person);
    low("George Bush", Person, "HABBASH, George", Person);
}

#[test]
fn generic_company_words_alone_never_alert() {
    for (a, b) in [
        ("Trading Company", "Korea Kumsan Trading Company"),
        (
            "Technology Company Ltd",
            "Yanbian Silverstar Network Technology Co., Ltd.",
        ),
        (
            "International Trading Corporation",
            "Korea Ryonbong General Trading Corporation",
        ),
        (
            "Global Technology Group",
            "Volasys Silver Star Technology Group",
        ),
        (
            "Company",
            "Chinyong Information Technology Cooperation Company",
        ),
        (
            "Sparkles Business Corporation",
            "Sporks Business Corporation",
        ),
    ] {
        low(a, Org, b, Org);
    }
    // Nor does an index return them.
    let mut b = NameIndex::builder();
    b.add(1, "11420 CORP.", Org);
    b.add(2, "KOREA KUMSAN TRADING CORPORATION", Org);
    b.add(3, "EMMA LLC", Org);
    let index = b.build();
    for q in [
        "CORP",
        "Trading Corporation",
        "Acme Trading Corp",
        "Emma Daniels",
    ] {
        let hits = index.search(&prepare(q, Unknown), 5, ALERT_THRESHOLD);
        assert!(hits.is_empty(), "{q}: {hits:?}");
    }
}

#[test]
fn legal_forms_are_normalised() {
    for (a, b) in [
        ("Oboronnye Initsiativy OOO", "OOO Oboronnye Initsiativy"),
        ("Siemens AG", "Siemens Aktiengesellschaft"),
        (
            "Samsung Electronics Co., Ltd.",
            "SAMSUNG ELECTRONICS CO LTD",
        ),
        (
            "Bowne Global Solutions, L.L.C.",
            "Bowne Global Solutions LLC",
        ),
        (
            "Iskusstvo Krasoty",
            "LIMITED LIABILITY COMPANY ISKUSSTVO KRASOTY",
        ),
        ("OAO Gazprom", "Gazprom JSC"),
        (
            "Korea Kumsan Trading Corp",
            "KOREA KUMSAN TRADING CORPORATION",
        ),
        (
            "Chinyong IT Cooperation Company",
            "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY",
        ),
        ("PLA", "People's Liberation Army"),
        ("Lazarus Group", "LAZARUS GROUP"),
    ] {
        high(a, Org, b, Org);
    }
    // A legal form does not turn a person's name into a company's.
    high("Nicolás Maduro LLC", Person, "Nicolás Maduro", Person);
}
