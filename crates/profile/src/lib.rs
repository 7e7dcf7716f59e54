//! Profile consistency: what a résumé claims, checked against what was possible and against
//! the organisation's own records.
//!
//! Guidance on DPRK IT workers (DTEX-2024, ADV-2022) notes résumés that claim experience with
//! technologies before those technologies existed: invented histories written backwards from
//! today's job ads. This crate reads a résumé's experience entries with their years
//! ([`experiences`]) and finds technologies claimed where they could not have been used
//! ([`anachronisms`]):
//!
//! - at a job that ended before the technology first became public ("Lead Developer,
//!   2012–2015: SwiftUI apps", SwiftUI appeared in June 2019);
//! - as more years of experience than the technology has existed ("10 years of Kubernetes"
//!   in a 2020 résumé; Kubernetes appeared in June 2014).
//!
//! The release dates are `redflag-reference`'s table, each with its source. Dates are the
//! earliest public release, preview or open-sourcing, and a job counts by its end year only,
//! so that every finding is a claim that cannot be true, not a quibble about a 1.0.
//!
//! [`conflicts`] holds a résumé against the organisation's records of the same person
//! (ADV-2022: "inconsistency in name spelling, … educational history, work history"): a
//! heading name that shares no part with the recorded one, and years of a job or school the
//! records also list that differ by two or more.
//!
//! ```
//! use redflag_profile::anachronisms;
//!
//! let resume = "EXPERIENCE\nLead Developer — Freelance (2012–2015)\n  - Built SwiftUI apps.\n";
//! let found = anachronisms(resume, Some(2024));
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].technology, "SwiftUI");
//! assert_eq!(found[0].line, 3);
//! ```

#![warn(missing_docs)]

mod anachronism;
mod conflicts;
mod experience;
mod technology;

pub use anachronism::{anachronisms, Anachronism, Claim};
pub use conflicts::{conflicts, Conflict, ConflictKind, RecordedJob, RecordedSchool, Records};
pub use experience::{experiences, Experience};
pub use technology::{mentions, Mention};
