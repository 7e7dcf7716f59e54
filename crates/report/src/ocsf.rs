//! OCSF Detection Findings (`redflag screen --format ocsf`) for SIEMs: one finding per person
//! at level `low` or above, as JSON Lines.
//!
//! Each line is an OCSF 1.3 *Detection Finding* (class 2004, category 2 Findings, activity 1
//! Create, so `type_uid` 200401). The mapping, field by field, is in `docs/ocsf.md`:
//!
//! - `severity_id` and `risk_level_id` from the level (low 2 / 1, medium 3 / 2, high 4 / 3,
//!   critical 5 / 4), `risk_score` the 0–100 score;
//! - `finding_info.uid` is `redflag:<person_id>`, `title` the level and the strongest
//!   indicator, `types` the indicator ids, `analytic` redflag's rules;
//! - `resources` the person (`uid` the person id, `name` the name, `type` `Person`);
//! - `evidences` one object per piece of evidence, its `data` the indicator, detail, weight,
//!   rows and guidance exactly as the JSON report has them;
//! - `time` the report's time in epoch milliseconds, `metadata.product` redflag and its
//!   version.
//!
//! The lines are JSON, so data cannot break out of a string; nothing is dropped or shortened.

use std::io::{BufWriter, Write};

use redflag_model::{Level, PersonResult, Report};
use serde_json::{json, Value};

use crate::ReportError;

/// OCSF schema version the findings follow.
pub const OCSF_VERSION: &str = "1.3.0";

/// `severity_id` and `risk_level_id` of a level; `None` for `none` (no finding).
fn severity(level: Level) -> Option<(u8, u8)> {
    match level {
        Level::None => None,
        Level::Low => Some((2, 1)),
        Level::Medium => Some((3, 2)),
        Level::High => Some((4, 3)),
        Level::Critical => Some((5, 4)),
    }
}

/// The finding for one person, or `None` below `low`.
pub fn finding(report: &Report, person: &PersonResult) -> Option<Value> {
    let (severity_id, risk_level_id) = severity(person.level)?;
    let time = chrono::DateTime::parse_from_rfc3339(&report.generated_at)
        .map(|t| t.timestamp_millis())
        .unwrap_or(0);
    let strongest = person.evidence.first();
    let title = match strongest {
        Some(e) => format!("{} risk: {}", person.level, e.title),
        None => format!("{} risk", person.level),
    };
    let types: Vec<&str> = person
        .evidence
        .iter()
        .map(|e| e.indicator.as_str())
        .collect();
    let evidences: Vec<Value> = person
        .evidence
        .iter()
        .map(|e| {
            json!({
                "data": {
                    "indicator": e.indicator,
                    "title": e.title,
                    "category": e.category,
                    "weight": e.weight,
                    "detail": e.detail,
                    "refs": e.refs,
                    "sources": e.sources,
                    "related": e.related,
                }
            })
        })
        .collect();
    Some(json!({
        "class_uid": 2004,
        "class_name": "Detection Finding",
        "category_uid": 2,
        "category_name": "Findings",
        "activity_id": 1,
        "activity_name": "Create",
        "type_uid": 200401,
        "type_name": "Detection Finding: Create",
        "status_id": 1,
        "status": "New",
        "time": time,
        "severity_id": severity_id,
        "severity": person.level.name(),
        "risk_level_id": risk_level_id,
        "risk_score": person.score,
        "message": format!(
            "{} at {} (score {}): {} piece(s) of evidence",
            person.person.person_id,
            person.level,
            person.score,
            person.evidence.len()
        ),
        "finding_info": {
            "uid": format!("redflag:{}", person.person.person_id),
            "title": title,
            "desc": person
                .evidence
                .iter()
                .map(|e| format!("{}: {}", e.indicator, e.detail))
                .collect::<Vec<_>>()
                .join("\n"),
            "types": types,
            "analytic": {"name": "redflag rules", "type_id": 1, "type": "Rule"},
        },
        "resources": [{
            "uid": person.person.person_id,
            "name": person.person.full_name,
            "type": "Person",
            "owner": {"org": {"name": person.person.org}},
        }],
        "evidences": evidences,
        "metadata": {
            "version": OCSF_VERSION,
            "product": {"name": "redflag", "vendor_name": "redflag", "version": report.redflag_version},
            "original_time": report.generated_at,
        },
        "unmapped": {"redflag": {"network": person.network, "dataset": report.dataset}},
    }))
}

/// Writes one finding per line for every person at `low` or above, in the report's order.
pub fn write_ocsf(report: &Report, out: &mut dyn Write) -> Result<(), ReportError> {
    let mut out = BufWriter::new(out);
    for person in &report.people {
        if let Some(finding) = finding(report, person) {
            serde_json::to_writer(&mut out, &finding).map_err(ReportError::of_json)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    fn lines(report: &Report) -> Vec<Value> {
        let mut buf = Vec::new();
        write_ocsf(report, &mut buf).unwrap();
        String::from_utf8(buf)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn one_detection_finding_per_flagged_person_with_every_piece_of_evidence() {
        let report = fixture::report();
        let flagged: Vec<&PersonResult> = report
            .people
            .iter()
            .filter(|p| p.level > Level::None)
            .collect();
        let findings = lines(&report);
        assert!(!findings.is_empty());
        assert_eq!(findings.len(), flagged.len());
        for (f, p) in findings.iter().zip(flagged) {
            // The fields OCSF requires of a Detection Finding.
            for field in [
                "activity_id",
                "category_uid",
                "class_uid",
                "finding_info",
                "metadata",
                "severity_id",
                "time",
                "type_uid",
            ] {
                assert!(f.get(field).is_some(), "{field} missing: {f}");
            }
            assert_eq!(f["class_uid"], 2004);
            assert_eq!(f["type_uid"], 200401);
            assert_eq!(
                f["finding_info"]["uid"],
                format!("redflag:{}", p.person.person_id)
            );
            assert!(f["finding_info"]["title"].as_str().is_some());
            assert_eq!(f["resources"][0]["uid"], p.person.person_id.as_str());
            assert_eq!(f["risk_score"], p.score);
            assert_eq!(f["evidences"].as_array().unwrap().len(), p.evidence.len());
            for (ev, e) in f["evidences"].as_array().unwrap().iter().zip(&p.evidence) {
                assert_eq!(ev["data"]["indicator"], e.indicator.as_str());
                assert_eq!(ev["data"]["refs"].as_array().unwrap().len(), e.refs.len());
            }
            let expected = severity(p.level).unwrap().0;
            assert_eq!(f["severity_id"], expected);
            assert!(f["time"].as_i64().unwrap() > 0);
        }
    }
}
