//! redflag's shared vocabulary.
//!
//! Every stage of the pipeline (sources → tables → detections → evidence → scores → outputs)
//! speaks in these types, so that the crates around them never need to know each other:
//! the rules produce [`Evidence`], scoring turns evidence into a [`PersonResult`], and the
//! report sinks render a [`Report`].
//!
//! This crate knows nothing about files, SQL or Arrow.
//!
//! ```
//! use redflag_model::Level;
//! assert!(Level::High > Level::Medium);
//! assert_eq!(Level::from_name("critical"), Some(Level::Critical));
//! ```

mod evidence;
mod level;
mod report;

pub use evidence::{Category, Evidence, GuidanceSource};
pub use level::Level;
pub use report::{
    HubIdentifier, ListUsed, Network, PersonResult, PersonSummary, Report, StageTime, Summary,
    TableCount,
};

/// The version string written into every report, so an output can be traced to a build.
pub const REDFLAG_VERSION: &str = env!("CARGO_PKG_VERSION");
