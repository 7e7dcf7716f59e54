//! Helpers shared by the pipeline's end-to-end tests.

use redflag_model::{Evidence, Report};

/// The evidence of `indicator` on person `id` in `report`, if any (panics when the person
/// was not screened at all: every person must appear in a report).
pub fn evidence_of<'r>(report: &'r Report, id: &str, indicator: &str) -> Option<&'r Evidence> {
    report
        .people
        .iter()
        .find(|p| p.person.person_id == id)
        .unwrap_or_else(|| panic!("{id} is not in the report"))
        .evidence
        .iter()
        .find(|e| e.indicator == indicator)
}
