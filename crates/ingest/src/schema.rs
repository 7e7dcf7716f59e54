//! The dataset contract (shared/spec/dataset.md, version 1) as data: every table, its
//! columns, their types and which are required.
//!
//! Adding a table or a column is one edit here; the reader, validator and Arrow schema
//! all follow from it.

use datafusion::arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use std::sync::Arc;

/// How a column's text is checked and stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Free text, stored as UTF-8.
    Text,
    /// Free text that repeats from row to row (a user agent, a network's name, a city),
    /// stored dictionary-encoded: each distinct value once per batch, rows as 32-bit keys.
    Label,
    /// RFC 3339 timestamp, stored as microseconds since the epoch in UTC.
    Timestamp,
    /// `YYYY-MM-DD`, stored as days since the epoch.
    Date,
    /// Whole number.
    Int,
    /// Decimal number.
    Float,
    /// `true`/`false` (also `1`/`0`, `yes`/`no`).
    Bool,
    /// ISO 3166-1 alpha-2 country code (two ASCII letters; stored upper-case).
    Country,
    /// One of a fixed set of lower-case words.
    Enum(&'static [&'static str]),
    /// A `;`-separated list whose items each come from a fixed set; stored as the text.
    EnumList(&'static [&'static str]),
    /// A person_id that must exist in `people`.
    PersonRef,
}

impl ColumnType {
    /// The Arrow type this column is stored as.
    pub fn arrow_type(self) -> DataType {
        match self {
            ColumnType::Timestamp => DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            ColumnType::Date => DataType::Date32,
            ColumnType::Int => DataType::Int64,
            ColumnType::Float => DataType::Float64,
            ColumnType::Bool => DataType::Boolean,
            ColumnType::Label => {
                DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
            }
            _ => DataType::Utf8,
        }
    }
}

/// One column of a table in the contract.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// Column name as it appears in the header or JSON key.
    pub name: &'static str,
    /// How the value is checked and stored.
    pub ty: ColumnType,
    /// Whether a row without a value here is an error.
    pub required: bool,
}

/// One table of the contract.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    /// Table name, which is also the file stem (`people.csv`, `people.jsonl.gz`).
    pub name: &'static str,
    /// The contract's columns, in order.
    pub columns: &'static [ColumnSpec],
}

/// Name of the column every loaded table gets: the 1-based line (CSV: physical line of the
/// record's start; JSONL: line) the row came from, so evidence can point at it.
///
/// A table read from several files (a `signins.csv` and an Okta export) numbers rows of its
/// `k`-th file (k ≥ 1) as `k << 40 | line`; [`split_row_line`] undoes it and
/// [`crate::LoadedTable::row_ref`] names the file.
pub const LINE_COLUMN: &str = "_line";

/// Bits of a [`LINE_COLUMN`] value that hold the line; the file's index sits above them.
const LINE_BITS: u32 = 40;

/// The [`LINE_COLUMN`] value of `line` in a table's `file_index`-th file.
pub fn row_line(file_index: usize, line: u64) -> i64 {
    ((file_index as i64) << LINE_BITS) | (line as i64 & ((1i64 << LINE_BITS) - 1))
}

/// A [`LINE_COLUMN`] value as (index of the table's file, line in it).
pub fn split_row_line(value: i64) -> (usize, u64) {
    (
        (value >> LINE_BITS) as usize,
        (value & ((1i64 << LINE_BITS) - 1)) as u64,
    )
}

const fn col(name: &'static str, ty: ColumnType) -> ColumnSpec {
    ColumnSpec {
        name,
        ty,
        required: false,
    }
}

const fn req(name: &'static str, ty: ColumnType) -> ColumnSpec {
    ColumnSpec {
        name,
        ty,
        required: true,
    }
}

use ColumnType::*;

/// Allowed `people.status` values.
pub const PERSON_STATUS: &[&str] = &["applicant", "rejected", "hired", "active", "terminated"];
/// Allowed `people.employment_type` values.
pub const EMPLOYMENT_TYPES: &[&str] = &["employee", "contractor", "freelancer", "vendor_staff"];
/// Allowed `people.source` values.
pub const SOURCING_CHANNELS: &[&str] = &[
    "referral",
    "job_board",
    "agency",
    "direct",
    "platform",
    "outreach",
];
/// Allowed `contacts.kind` values.
pub const CONTACT_KINDS: &[&str] = &[
    "email",
    "phone",
    "address",
    "shipping_address",
    "bank_account",
    "payout_account",
    "crypto_address",
    "device_id",
    "mfa_device",
    "github",
    "linkedin",
    "website",
    "id_document",
    "tax_id",
];
/// Allowed `interviews.kind` values.
pub const INTERVIEW_KINDS: &[&str] = &[
    "video",
    "phone",
    "onsite",
    "coding_test",
    "reference_check",
    "background_check",
];
/// Allowed `interviews.camera` values.
pub const CAMERA_STATES: &[&str] = &["on", "off", "refused", "broken", "n/a"];
/// Allowed items of `interviews.signals`.
pub const INTERVIEW_SIGNALS: &[&str] = &[
    "camera_excuse",
    "reading_answers",
    "long_pauses",
    "stalling",
    "paste_burst",
    "ai_assisted",
    "voice_changer",
    "face_mismatch",
    "virtual_background",
    "different_person",
    "location_smalltalk_fail",
    "language_test_fail",
    "refused_in_person",
    "refused_drug_test",
    "refused_id_on_camera",
];
/// Allowed `signins.result` values.
pub const SIGNIN_RESULTS: &[&str] = &["success", "failure"];
/// Allowed `endpoint.kind` values.
pub const ENDPOINT_KINDS: &[&str] = &[
    "process",
    "software",
    "usb",
    "display",
    "locale",
    "keyboard_layout",
    "network_adapter",
    "edr_alert",
    // A user session on the device (osquery `logged_in_users`): `name` the user, `value`
    // the remote host, `product` the session type.
    "login",
];
/// Allowed `shipments.status` values.
pub const SHIPMENT_STATUS: &[&str] = &["requested", "shipped", "delivered", "returned"];
/// Allowed `changes.field` values.
pub const CHANGE_FIELDS: &[&str] = &[
    "address",
    "shipping_address",
    "bank_account",
    "payout_account",
    "payout_method",
    "phone",
    "email",
    "name",
];
/// Allowed `payments.direction` values.
pub const PAYMENT_DIRECTIONS: &[&str] = &["payout", "inbound"];
/// Allowed `payments.method` values.
pub const PAYMENT_METHODS: &[&str] = &["payroll", "bank", "payment_platform", "crypto", "check"];
/// Allowed `messages.channel` values.
pub const MESSAGE_CHANNELS: &[&str] = &["email", "chat", "platform", "ticket"];
/// Allowed `messages.direction` values.
pub const MESSAGE_DIRECTIONS: &[&str] = &["from_person", "to_person"];
/// Allowed `activity.kind` values.
pub const ACTIVITY_KINDS: &[&str] = &["commit", "chat", "ticket", "meeting", "build"];
/// Allowed `access.action` values.
pub const ACCESS_ACTIONS: &[&str] = &[
    "read",
    "clone",
    "download",
    "push_external",
    "share_external",
    "privilege_grant",
];
/// Allowed `access.sensitivity` values.
pub const SENSITIVITIES: &[&str] = &[
    "public",
    "internal",
    "source_code",
    "customer_data",
    "export_controlled",
];

/// Every table of the contract, in load order (`people` first: others refer to it).
pub const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "people",
        columns: &[
            req("person_id", Text),
            req("full_name", Text),
            col("org", Text),
            col("status", Enum(PERSON_STATUS)),
            col("employment_type", Enum(EMPLOYMENT_TYPES)),
            col("role", Text),
            col("claimed_country", Country),
            col("claimed_region", Text),
            col("claimed_city", Text),
            col("claimed_timezone", Text),
            col("date_of_birth", Date),
            col("applied_at", Timestamp),
            col("hired_at", Timestamp),
            col("terminated_at", Timestamp),
            col("source", Enum(SOURCING_CHANNELS)),
            col("vendor", Text),
        ],
    },
    TableSpec {
        name: "contacts",
        columns: &[
            req("person_id", PersonRef),
            req("kind", Enum(CONTACT_KINDS)),
            req("value", Text),
            col("observed_at", Timestamp),
            col("source", Text),
        ],
    },
    TableSpec {
        name: "education",
        columns: &[
            req("person_id", PersonRef),
            col("institution", Text),
            col("country", Country),
            col("degree", Text),
            col("field", Text),
            col("start_year", Int),
            col("end_year", Int),
        ],
    },
    TableSpec {
        name: "work_history",
        columns: &[
            req("person_id", PersonRef),
            col("employer", Text),
            col("employer_domain", Text),
            col("country", Country),
            col("title", Text),
            col("start", Date),
            col("end", Date),
        ],
    },
    TableSpec {
        name: "interviews",
        columns: &[
            col("interview_id", Text),
            req("person_id", PersonRef),
            col("at", Timestamp),
            col("kind", Enum(INTERVIEW_KINDS)),
            col("camera", Enum(CAMERA_STATES)),
            col("duration_min", Int),
            col("interviewer", Text),
            col("outcome", Text),
            col("signals", EnumList(INTERVIEW_SIGNALS)),
            col("notes", Text),
        ],
    },
    TableSpec {
        name: "signins",
        columns: &[
            req("at", Timestamp),
            // One of person_id or account is required; checked when references are resolved.
            col("person_id", PersonRef),
            // An account recurs across millions of sign-ins: each is stored once, in the
            // table's dictionary. (Not devices or sessions: rules group by them, and
            // DataFusion groups by a dictionary column at a cost that grows with the
            // dictionary, so millions of sessions would make that slow.)
            col("account", Label),
            col("ip", Text),
            col("country", Country),
            col("city", Label),
            col("asn", Int),
            col("as_org", Label),
            col("is_proxy", Bool),
            col("user_agent", Label),
            col("device_id", Text),
            col("session_id", Text),
            col("app", Label),
            col("result", Enum(SIGNIN_RESULTS)),
        ],
    },
    TableSpec {
        name: "endpoint",
        columns: &[
            col("at", Timestamp),
            req("device_id", Text),
            // May be omitted when contacts maps the device_id; resolved after loading.
            col("person_id", PersonRef),
            req("kind", Enum(ENDPOINT_KINDS)),
            col("name", Text),
            col("path", Text),
            col("vendor_id", Text),
            col("product_id", Text),
            col("manufacturer", Text),
            col("product", Text),
            col("serial", Text),
            col("value", Text),
        ],
    },
    TableSpec {
        name: "shipments",
        columns: &[
            col("asset_id", Text),
            req("person_id", PersonRef),
            col("at", Timestamp),
            col("address", Text),
            col("status", Enum(SHIPMENT_STATUS)),
        ],
    },
    TableSpec {
        name: "changes",
        columns: &[
            req("person_id", PersonRef),
            req("at", Timestamp),
            req("field", Enum(CHANGE_FIELDS)),
            col("old_value", Text),
            col("new_value", Text),
        ],
    },
    TableSpec {
        name: "payments",
        columns: &[
            col("payment_id", Text),
            req("person_id", PersonRef),
            col("at", Timestamp),
            col("direction", Enum(PAYMENT_DIRECTIONS)),
            col("method", Enum(PAYMENT_METHODS)),
            col("account", Text),
            col("account_holder", Text),
            col("bank_country", Country),
            col("counterparty_name", Text),
            col("counterparty_country", Country),
            col("amount", Float),
            col("currency", Text),
        ],
    },
    TableSpec {
        name: "messages",
        columns: &[
            col("message_id", Text),
            req("person_id", PersonRef),
            col("at", Timestamp),
            col("channel", Enum(MESSAGE_CHANNELS)),
            col("direction", Enum(MESSAGE_DIRECTIONS)),
            col("text", Text),
        ],
    },
    TableSpec {
        name: "referrals",
        columns: &[
            req("referrer_id", PersonRef),
            req("referee_id", PersonRef),
            col("at", Timestamp),
        ],
    },
    TableSpec {
        name: "activity",
        columns: &[
            req("person_id", PersonRef),
            req("at", Timestamp),
            col("kind", Enum(ACTIVITY_KINDS)),
            col("source", Text),
        ],
    },
    // redflag's own addition to the contract: the organisation's sanctioned remote-access
    // tools, so the people it expects to use them are not flagged for them.
    TableSpec {
        name: "allowed_tools",
        columns: &[
            col("org", Text),
            req("tool", Text),
            col("person_id", PersonRef),
            col("role", Text),
            col("reason", Text),
        ],
    },
    TableSpec {
        name: "access",
        columns: &[
            req("person_id", PersonRef),
            req("at", Timestamp),
            col("resource", Text),
            req("action", Enum(ACCESS_ACTIONS)),
            col("bytes", Int),
            col("sensitivity", Enum(SENSITIVITIES)),
        ],
    },
];

/// Tables redflag reads beyond the shared contract (`shared/spec/dataset.md`), documented in
/// the README's dataset section.
pub const EXTENSION_TABLES: &[&str] = &["allowed_tools"];

/// The spec of the table called `name`, if the contract has one.
pub fn table_spec(name: &str) -> Option<&'static TableSpec> {
    TABLES.iter().find(|t| t.name == name)
}

/// The contract's `resumes/` folder as a table: one row per résumé file.
pub const RESUMES_TABLE: &str = "resumes";
/// The contract's `photos/` folder as a table: one row per photo file.
pub const PHOTOS_TABLE: &str = "photos";

/// Arrow schema of a loaded table: the contract's columns, then the extra columns the file
/// had (as dictionary-encoded text: vendor extras such as Okta's event type repeat a few
/// values over millions of rows), then [`LINE_COLUMN`].
pub fn arrow_schema(spec: &TableSpec, extras: &[String]) -> Arc<Schema> {
    let mut fields: Vec<Field> = spec
        .columns
        .iter()
        .map(|c| Field::new(c.name, c.ty.arrow_type(), true))
        .collect();
    fields.extend(
        extras
            .iter()
            .map(|e| Field::new(e, ColumnType::Label.arrow_type(), true)),
    );
    fields.push(Field::new(LINE_COLUMN, DataType::Int64, false));
    Arc::new(Schema::new(fields))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_and_column_names_are_unique() {
        let mut tables = HashSet::new();
        for t in TABLES {
            assert!(tables.insert(t.name), "duplicate table {}", t.name);
            let mut cols = HashSet::new();
            for c in t.columns {
                assert!(
                    cols.insert(c.name),
                    "duplicate column {}.{}",
                    t.name,
                    c.name
                );
            }
        }
        assert_eq!(TABLES[0].name, "people");
    }

    #[test]
    fn spec_file_lists_every_table_and_column() {
        // The contract document is the source of truth; every column we declare must be in it.
        let path = std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(
                || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
                std::path::PathBuf::from,
            )
            .join("../../../shared/spec/dataset.md");
        let text = std::fs::read_to_string(path).expect("shared/spec/dataset.md is readable");
        let readme = std::fs::read_to_string(
            std::env::var_os("CARGO_MANIFEST_DIR")
                .map_or_else(
                    || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
                    std::path::PathBuf::from,
                )
                .join("../../README.md"),
        )
        .expect("README.md is readable");
        for t in TABLES {
            if EXTENSION_TABLES.contains(&t.name) {
                // Ours, not the contract's: the README documents every column.
                for c in t.columns {
                    assert!(
                        readme.contains(&format!("`{}`", c.name)),
                        "{}.{}",
                        t.name,
                        c.name
                    );
                }
                assert!(readme.contains(&format!("`{}`", t.name)));
                continue;
            }
            assert!(text.contains(&format!("## {}", t.name)) || text.contains(t.name));
            for c in t.columns {
                assert!(text.contains(c.name), "{}.{} not in spec", t.name, c.name);
            }
        }
    }
}
