//! Loading tests: good data in both encodings, and each class of bad input.

use redflag_ingest::{load_dataset, LoadError, LoadOptions};
use std::io::Write;
use std::path::Path;

const PEOPLE: &str = "person_id,full_name,org,status,claimed_country,date_of_birth,hired_at\n\
P1,Ana Lima,Acme,active,BR,1990-04-02,2024-03-01T09:00:00-03:00\n\
P2,\"Smith, John\",Acme,hired,us,,2024-05-01T09:00:00Z\n";

fn write(dir: &Path, name: &str, text: &str) {
    if let Some(parent) = dir.join(name).parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(dir.join(name), text).unwrap();
}

fn dataset(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    dir
}

fn strict(dir: &Path) -> Result<redflag_ingest::Dataset, LoadError> {
    load_dataset(dir, LoadOptions::default())
}

fn error_text(files: &[(&str, &str)]) -> String {
    let dir = dataset(files);
    match strict(dir.path()) {
        Ok(_) => panic!("expected an error for {files:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn loads_csv_with_quoting_extras_and_canonical_values() {
    let dir = dataset(&[
        ("people.csv", PEOPLE),
        (
            "contacts.csv",
            "person_id,kind,value,badge_colour\nP1,email,ana@example.com,blue\nP2,Phone,\"+1 (555) 201-3344\",\n",
        ),
        ("notes.txt", "hello"),
        ("resumes/P1.txt", "Ana Lima\nSenior engineer"),
    ]);
    let ds = strict(dir.path()).unwrap();
    let people = ds.table("people").unwrap();
    assert_eq!(people.rows, 2);
    assert_eq!(people.file.as_deref(), Some("people.csv"));
    let contacts = ds.table("contacts").unwrap();
    assert_eq!(contacts.rows, 2);
    assert!(
        contacts.schema.field_with_name("badge_colour").is_ok(),
        "extra columns are kept"
    );
    assert_eq!(ds.unrecognised, vec!["notes.txt".to_string()]);
    assert_eq!(ds.table("resumes").unwrap().rows, 1);
    // Every table is present, absent ones empty with the contract's schema.
    assert_eq!(ds.table("signins").unwrap().rows, 0);
    assert!(ds
        .table("signins")
        .unwrap()
        .schema
        .field_with_name("ip")
        .is_ok());
}

#[test]
fn loads_gzipped_jsonl_and_resolves_accounts_and_devices() {
    let dir = dataset(&[
        ("people.csv", PEOPLE),
        (
            "contacts.jsonl",
            "{\"person_id\":\"P1\",\"kind\":\"email\",\"value\":\"Ana@Example.com\"}\n\
             {\"person_id\":\"P2\",\"kind\":\"device_id\",\"value\":\"LT-0042\"}\n",
        ),
        (
            "endpoint.csv",
            "at,device_id,kind,name\n2024-05-02T10:00:00Z,lt-0042,process,AnyDesk.exe\n",
        ),
    ]);
    let gz = std::fs::File::create(dir.path().join("signins.jsonl.gz")).unwrap();
    let mut enc = flate2::write::GzEncoder::new(gz, flate2::Compression::default());
    writeln!(
        enc,
        "{{\"at\":\"2024-05-02T10:00:00Z\",\"account\":\"ana@example.com\",\"ip\":\"203.0.113.9\",\"asn\":64500,\"is_proxy\":false}}"
    )
    .unwrap();
    enc.finish().unwrap();
    let ds = strict(dir.path()).unwrap();
    let signins = ds.table("signins").unwrap();
    assert_eq!(signins.rows, 1);
    let batch = &signins.batches[0];
    let person = batch
        .column_by_name("person_id")
        .unwrap()
        .as_any()
        .downcast_ref::<datafusion::arrow::array::StringArray>()
        .unwrap();
    assert_eq!(person.value(0), "P1", "account resolved through contacts");
    assert_eq!(
        ds.table("endpoint").unwrap().rows,
        1,
        "device resolved through contacts"
    );
}

#[test]
fn missing_people_is_an_error() {
    let dir = dataset(&[("contacts.csv", "person_id,kind,value\n")]);
    let err = strict(dir.path()).unwrap_err().to_string();
    assert!(err.contains("no people table"), "{err}");
}

#[test]
fn bad_timestamp_names_file_line_and_column() {
    let err = error_text(&[(
        "people.csv",
        "person_id,full_name,hired_at\nP1,Ana,2024-03-01T09:00:00Z\nP2,Bo,03/01/2024\n",
    )]);
    assert_eq!(
        err,
        "people.csv:3: column `hired_at`: expected an RFC 3339 timestamp like 2024-07-15T21:55:00-04:00; found \"03/01/2024\""
    );
}

#[test]
fn unknown_enum_value_is_an_error() {
    let err = error_text(&[
        ("people.csv", PEOPLE),
        ("contacts.csv", "person_id,kind,value\nP1,fax,555\n"),
    ]);
    assert!(
        err.starts_with("contacts.csv:2: column `kind`: expected one of email, phone"),
        "{err}"
    );
}

#[test]
fn missing_required_column_is_an_error() {
    let err = error_text(&[("people.csv", "person_id,name\nP1,Ana\n")]);
    assert_eq!(err, "people.csv:1: missing required column `full_name`");
}

#[test]
fn empty_required_value_is_an_error() {
    let err = error_text(&[("people.csv", "person_id,full_name\nP1,\n")]);
    assert_eq!(
        err,
        "people.csv:2: column `full_name`: required value is empty"
    );
}

#[test]
fn unknown_person_reference_is_an_error() {
    let err = error_text(&[
        ("people.csv", PEOPLE),
        (
            "referrals.csv",
            "referrer_id,referee_id,at\nP1,P9,2024-01-01T00:00:00Z\n",
        ),
    ]);
    assert_eq!(
        err,
        "referrals.csv:2: column `referee_id`: unknown person_id \"P9\""
    );
}

#[test]
fn duplicate_person_is_an_error() {
    let err = error_text(&[("people.csv", "person_id,full_name\nP1,Ana\nP1,Bo\n")]);
    assert_eq!(
        err,
        "people.csv:3: column `person_id`: duplicate person_id \"P1\""
    );
}

#[test]
fn wrong_field_count_and_bad_json_and_bad_utf8() {
    let err = error_text(&[("people.csv", "person_id,full_name\nP1,Ana,extra\n")]);
    assert_eq!(
        err,
        "people.csv:2: expected 2 fields (as in the header), found 3"
    );
    let err = error_text(&[
        ("people.csv", PEOPLE),
        (
            "activity.jsonl",
            "{\"person_id\":\"P1\",\"at\":\"2024-01-01T00:00:00Z\"}\n{not json\n",
        ),
    ]);
    assert!(err.starts_with("activity.jsonl:2: invalid JSON"), "{err}");
    let dir = dataset(&[("people.csv", PEOPLE)]);
    std::fs::write(
        dir.path().join("education.csv"),
        b"person_id,institution\nP1,Univ\xff\n",
    )
    .unwrap();
    let err = strict(dir.path()).unwrap_err().to_string();
    assert_eq!(err, "education.csv:2: not valid UTF-8");
}

#[test]
fn ambiguous_or_unknown_accounts_are_errors() {
    let contacts =
        "person_id,kind,value\nP1,email,shared@example.com\nP2,email,shared@example.com\n";
    let err = error_text(&[
        ("people.csv", PEOPLE),
        ("contacts.csv", contacts),
        (
            "signins.csv",
            "at,account,ip\n2024-01-01T00:00:00Z,shared@example.com,192.0.2.1\n",
        ),
    ]);
    assert!(
        err.contains("belongs to several people in contacts (P1, P2)"),
        "{err}"
    );
    let err = error_text(&[
        ("people.csv", PEOPLE),
        (
            "signins.csv",
            "at,account,ip\n2024-01-01T00:00:00Z,nobody@example.com,192.0.2.1\n",
        ),
    ]);
    assert!(err.contains("is not in contacts"), "{err}");
}

#[test]
fn two_files_for_one_table_is_an_error() {
    let err = error_text(&[("people.csv", PEOPLE), ("people.jsonl", "")]);
    assert!(err.contains("table `people` is given twice"), "{err}");
}

#[test]
fn resume_for_unknown_person_is_an_error() {
    let err = error_text(&[("people.csv", PEOPLE), ("resumes/P7.txt", "cv")]);
    assert_eq!(
        err,
        "resumes/P7.txt:1: column `person_id`: file name names unknown person_id \"P7\""
    );
}

#[test]
fn lenient_skips_and_counts_every_bad_row() {
    let dir = dataset(&[
        (
            "people.csv",
            "person_id,full_name,hired_at\nP1,Ana,2024-03-01T09:00:00Z\nP2,Bo,yesterday\nP3,Cy,\nP3,Dup,\n",
        ),
        (
            "contacts.csv",
            "person_id,kind,value\nP1,email,a@x.com\nP2,email,b@x.com\nP3,pager,1\n",
        ),
    ]);
    let ds = load_dataset(
        dir.path(),
        LoadOptions {
            lenient: true,
            ..LoadOptions::default()
        },
    )
    .unwrap();
    let people = ds.table("people").unwrap();
    assert_eq!((people.rows, people.skipped), (2, 2));
    let contacts = ds.table("contacts").unwrap();
    // P2 was skipped from people, so its contact is an unknown reference; P3's kind is bad.
    assert_eq!((contacts.rows, contacts.skipped), (1, 2));
    let warnings = ds.warnings();
    assert_eq!(warnings.len(), 4);
    assert!(warnings
        .iter()
        .any(|w| w.contains("people.csv:3: column `hired_at`")));
}

#[test]
fn unterminated_quote_does_not_panic() {
    let dir = dataset(&[("people.csv", "person_id,full_name\nP1,\"Ana\nP2,Bo\n")]);
    // RFC 4180 lets a quoted field run to the end of the file: one row whose name holds the
    // rest of the file. It loads (nothing is lost: the text is all there) and nothing panics.
    let ds = strict(dir.path()).unwrap();
    assert_eq!(ds.table("people").unwrap().rows, 1);
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A cheap fuzz: every table file filled with pseudo-random bytes must give an error or
    // a dataset, never a panic.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for round in 0..200 {
        let mut bytes = b"person_id,full_name,hired_at,date_of_birth\n".to_vec();
        for _ in 0..(round % 97 + 5) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let alphabet = b"P1,\"\n\r;:-TZ0123456789abc\xff\xc3";
            bytes.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("people.csv"), &bytes).unwrap();
        std::fs::write(dir.path().join("signins.jsonl"), &bytes).unwrap();
        let _ = load_dataset(
            dir.path(),
            LoadOptions {
                lenient: round % 2 == 0,
                ..LoadOptions::default()
            },
        );
    }
}
