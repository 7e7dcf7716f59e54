//! `FRONT_SEIZED_DOMAIN`, `FRONT_LOOKALIKE_DOMAIN` and `APP_EMPLOYER_WEBMAIL_DOMAIN` over the
//! candidate's `domain_findings` (the domain engine's table, built from the candidate's rows
//! by the same code as for a whole dataset).

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::Float64Type;
use redflag_domains::DomainChecker;

use super::applicant::Applicant;
use super::evidence::{sorted, Hit};

/// One row of `domain_findings`.
struct Finding {
    subject: String,
    reference: String,
    employer: Option<String>,
    domain: String,
    finding: String,
    weight: f64,
    explanation: String,
}

/// The domain rules' hits for the candidate.
pub(crate) fn hits(applicant: &Applicant, checker: &DomainChecker) -> Vec<Hit> {
    let findings = read(&redflag_rules::domain_findings(
        &applicant.dataset,
        Some(checker),
    ));
    let mut out = Vec::new();
    let fronts: Vec<&Finding> = findings.iter().filter(|f| f.finding == "front").collect();
    if !fronts.is_empty() {
        out.push(Hit::new(
            "FRONT_SEIZED_DOMAIN",
            joined(&fronts),
            refs(&fronts),
        ));
    }
    let lookalikes: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.finding == "lookalike")
        .collect();
    if !lookalikes.is_empty() {
        let weight = lookalikes.iter().map(|f| f.weight).fold(f64::MIN, f64::max);
        out.push(Hit {
            weight: Some(weight),
            ..Hit::new(
                "FRONT_LOOKALIKE_DOMAIN",
                joined(&lookalikes),
                refs(&lookalikes),
            )
        });
    }
    // A prior employer at a mail provider's domain, unless the employer is the provider.
    let webmail: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.subject == "employer_domain")
        .filter(|f| matches!(f.finding.as_str(), "free-mail" | "disposable"))
        .filter(|f| {
            let employer = f
                .employer
                .as_deref()
                .unwrap_or("")
                .replace(' ', "")
                .to_lowercase();
            let label = f.domain.split('.').next().unwrap_or("");
            !employer.contains(label)
        })
        .collect();
    if !webmail.is_empty() {
        out.push(Hit::new(
            "APP_EMPLOYER_WEBMAIL_DOMAIN",
            joined(&webmail),
            refs(&webmail),
        ));
    }
    out
}

/// `array_to_string(array_sort(array_agg(DISTINCT explanation)), '; ')`.
fn joined(findings: &[&Finding]) -> String {
    sorted(findings.iter().map(|f| f.explanation.clone()).collect()).join("; ")
}

fn refs(findings: &[&Finding]) -> Vec<String> {
    findings.iter().map(|f| f.reference.clone()).collect()
}

/// The rows of the engine's table.
fn read(batch: &RecordBatch) -> Vec<Finding> {
    let text = |name: &str| {
        batch
            .column_by_name(name)
            .and_then(|c| c.as_string_opt::<i32>())
    };
    let (Some(subject), Some(reference), Some(employer), Some(domain)) = (
        text("subject"),
        text("ref"),
        text("employer"),
        text("domain"),
    ) else {
        return Vec::new();
    };
    let (Some(finding), Some(explanation)) = (text("finding"), text("explanation")) else {
        return Vec::new();
    };
    let Some(weight) = batch
        .column_by_name("weight")
        .and_then(|c| c.as_primitive_opt::<Float64Type>())
    else {
        return Vec::new();
    };
    (0..batch.num_rows())
        .map(|row| Finding {
            subject: subject.value(row).to_string(),
            reference: reference.value(row).to_string(),
            employer: (!employer.is_null(row)).then(|| employer.value(row).to_string()),
            domain: domain.value(row).to_string(),
            finding: finding.value(row).to_string(),
            weight: weight.value(row),
            explanation: explanation.value(row).to_string(),
        })
        .collect()
}
