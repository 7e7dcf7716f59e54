//! redflag's output sinks: they render a [`Report`] for people and for other programs.
//!
//! One module per output format, each with the same shape (a `write_*` function taking the
//! report and a writer):
//!
//! | format | module | for |
//! |---|---|---|
//! | ranked table | [`terminal`] | a quick look in a shell |
//! | JSON | [`json`] | the stable output contract other tools consume |
//! | HTML | [`html`] | one self-contained page an analyst can open offline, print or attach to a case |
//! | CSV | [`csv`] | spreadsheets: one row per person, or one row per evidence item |
//! | OCSF | [`ocsf`] | SIEMs: one OCSF Detection Finding per flagged person, as JSON Lines |
//!
//! **Architecture invariant:** this crate never decides a score, a level or a ranking. It shows
//! what the [`Report`] says, in the order it says it, and treats every string in it as
//! untrusted: data is stripped of control characters on the terminal, HTML-escaped in HTML,
//! and protected against formula injection in CSV.
//!
//! ```
//! use redflag_model::{Report, Summary, REDFLAG_VERSION};
//! use redflag_report::{write_json, write_terminal, TerminalOptions};
//!
//! let report = Report {
//!     redflag_version: REDFLAG_VERSION.to_string(),
//!     dataset: "examples/small".to_string(),
//!     generated_at: "2025-01-05T14:03:00Z".to_string(),
//!     people: Vec::new(),
//!     networks: Vec::new(),
//!     summary: Summary::default(),
//! };
//!
//! let mut json = Vec::new();
//! write_json(&report, &mut json)?;
//! assert!(json.ends_with(b"}\n"));
//!
//! let mut table = Vec::new();
//! write_terminal(&report, &mut table, &TerminalOptions::default())?;
//! assert!(String::from_utf8_lossy(&table).contains("No one was flagged."));
//! # Ok::<(), redflag_report::ReportError>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod csv;
pub mod html;
pub mod json;
pub mod links;
pub mod ocsf;
pub mod terminal;

mod text;

#[cfg(test)]
mod fixture;

pub use csv::{safe_cell, write_csv, write_evidence_csv};
pub use html::write_html;
pub use json::write_json;
pub use links::{network_views, write_links_json, write_links_terminal};
pub use ocsf::write_ocsf;
pub use terminal::{write_terminal, TerminalOptions};

#[doc(no_inline)]
pub use redflag_model::Report;

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The writer failed (closed pipe, full disk, ...).
    #[error("cannot write report: {0}")]
    Io(#[from] std::io::Error),
    /// The report could not be turned into JSON.
    #[error("cannot serialise report: {0}")]
    Json(#[from] serde_json::Error),
}

impl ReportError {
    /// A serde_json error as what it is: a failed write ([`ReportError::Io`]) or a value that
    /// cannot be JSON ([`ReportError::Json`]).
    pub(crate) fn of_json(error: serde_json::Error) -> Self {
        if error.is_io() {
            ReportError::Io(error.into())
        } else {
            ReportError::Json(error)
        }
    }
}
