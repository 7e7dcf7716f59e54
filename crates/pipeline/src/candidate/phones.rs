//! `PLT_VOIP_PHONE` and `APP_PHONE_COUNTRY_MISMATCH`: the candidate's phone and MFA numbers
//! against the numbering plans, through the same functions as the rules' UDFs
//! (`rf_phone_voip`, `rf_phone_calling_code`, `rf_country_calling_code`).

use redflag_normalize::phone;

use super::applicant::Applicant;
use super::evidence::{sorted, Hit};

/// The phone rules' hits for the candidate.
pub(crate) fn hits(applicant: &Applicant) -> Vec<Hit> {
    let country = applicant
        .claimed_country
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let phones: Vec<_> = applicant.contacts_of(&["phone", "mfa_device"]).collect();
    let mut out = Vec::new();
    let voip: Vec<_> = phones
        .iter()
        .filter(|c| phone::is_voip(&c.value, country) == Some(true))
        .collect();
    if !voip.is_empty() {
        let numbers = sorted(voip.iter().map(|c| c.value.clone()).collect());
        out.push(Hit::new(
            "PLT_VOIP_PHONE",
            format!(
                "Phone {} is in a VoIP range of its numbering plan",
                numbers.join(", ")
            ),
            voip.iter().map(|c| c.reference.clone()).collect(),
        ));
    }
    let (Some(claimed), Some(raw_country)) = (country, applicant.claimed_country.as_deref()) else {
        return out;
    };
    let Some(claimed_code) = phone::country_calling_code(claimed) else {
        return out;
    };
    let foreign: Vec<(String, &str)> = phones
        .iter()
        .filter_map(|c| {
            let code = phone::calling_code(&c.value, Some(claimed))?;
            (code != claimed_code).then(|| (format!("{} (+{code})", c.value), c.reference.as_str()))
        })
        .collect();
    if !foreign.is_empty() {
        let numbers = sorted(foreign.iter().map(|(n, _)| n.clone()).collect());
        out.push(Hit::new(
            "APP_PHONE_COUNTRY_MISMATCH",
            format!(
                "Phone {} while claiming {raw_country} (+{claimed_code})",
                numbers.join(", ")
            ),
            foreign.iter().map(|(_, r)| r.to_string()).collect(),
        ));
    }
    out
}
