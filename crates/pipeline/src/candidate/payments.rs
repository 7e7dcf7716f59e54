//! How the candidate asks to be paid and through whom: `ONB_PAY_PLATFORM_OR_CRYPTO` and
//! `ONB_SHELL_STAFFING_CO`.

use redflag_rules::rows::for_each_row;

use super::applicant::Applicant;
use super::evidence::{sorted, Hit};
use super::known::{front_domain, Known};

/// The payment rules' hits for the candidate.
pub(crate) fn hits(applicant: &Applicant, known: &Known) -> Vec<Hit> {
    let mut out = Vec::new();
    out.extend(platform_or_crypto(applicant));
    out.extend(shell_staffing(applicant, known));
    out
}

/// `ONB_PAY_PLATFORM_OR_CRYPTO`: crypto pay for anyone, platform pay for anyone but a
/// freelancer.
fn platform_or_crypto(applicant: &Applicant) -> Option<Hit> {
    let mut asks: Vec<(String, String)> = Vec::new();
    for_each_row(&applicant.dataset, "payments", |row| {
        if let (Some("payout"), Some(how @ ("crypto" | "payment_platform"))) =
            (row.text("direction"), row.text("method"))
        {
            asks.push((how.to_string(), row.reference()));
        }
    });
    for_each_row(&applicant.dataset, "changes", |row| {
        let (Some("payout_method"), Some(value)) = (row.text("field"), row.text("new_value"))
        else {
            return;
        };
        let how = value.trim().to_lowercase();
        if how == "crypto" || how == "payment_platform" {
            asks.push((how, row.reference()));
        }
    });
    for contact in applicant.contacts_of(&["crypto_address"]) {
        asks.push(("crypto".into(), contact.reference.clone()));
    }
    let freelancer = applicant.employment_type.as_deref() == Some("freelancer");
    asks.retain(|(how, _)| how == "crypto" || !freelancer);
    if asks.is_empty() {
        return None;
    }
    let crypto = asks.iter().any(|(how, _)| how == "crypto");
    let ways = sorted(asks.iter().map(|(how, _)| how.replace('_', " ")).collect());
    let detail = format!(
        "Asked for or received pay by {} as {}",
        ways.join(" and "),
        applicant.employment_type.as_deref().unwrap_or("worker")
    );
    Some(Hit {
        weight: Some(if crypto { 18.0 } else { 10.0 }),
        ..Hit::new(
            "ONB_PAY_PLATFORM_OR_CRYPTO",
            detail,
            asks.into_iter().map(|(_, r)| r).collect(),
        )
    })
}

/// `ONB_SHELL_STAFFING_CO`: the candidate's staffing vendor's staff (the candidate
/// included) use seized or front-company domains.
fn shell_staffing(applicant: &Applicant, known: &Known) -> Option<Hit> {
    let vendor = applicant.vendor.as_deref()?;
    let key = Some(redflag_normalize::name_key(vendor)).filter(|k| !k.is_empty())?;
    let mut fronts: Vec<(String, String)> = known.vendor_fronts(&key).to_vec();
    for contact in applicant.contacts_of(&["email", "website"]) {
        if let Some(domain) = front_domain(&contact.value) {
            fronts.push((domain, contact.reference.clone()));
        }
    }
    for_each_row(&applicant.dataset, "work_history", |row| {
        if let Some(domain) = row.text("employer_domain").and_then(front_domain) {
            fronts.push((domain, row.reference()));
        }
    });
    if fronts.is_empty() {
        return None;
    }
    let domains = sorted(fronts.iter().map(|(d, _)| d.clone()).collect());
    let detail = format!(
        "Supplied by vendor {vendor}, whose staff use {} (seized or front-company domains)",
        domains.join(", ")
    );
    let mut refs = vec![applicant.person_ref.clone()];
    refs.extend(fronts.into_iter().map(|(_, r)| r));
    Some(Hit::new("ONB_SHELL_STAFFING_CO", detail, refs))
}
