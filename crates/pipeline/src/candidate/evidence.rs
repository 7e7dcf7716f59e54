//! From a check's hit to evidence, as the rule engine makes it from a rule's result row:
//! title, category, default weight and guidance from the rule catalogue; refs sorted,
//! deduplicated and capped; related ids sorted and deduplicated; a row's weight clamped.

use std::collections::HashMap;

use redflag_model::Evidence;
use redflag_rules::Rule;

use super::known::Known;

/// The indicators the index checks, each mirroring its rule's SQL.
pub(crate) const INDICATORS: [&str; 18] = [
    "WL_PERSON_LISTED",
    "WL_CONTACT_LISTED",
    "WL_CRYPTO_LISTED",
    "WL_DOCUMENT_LISTED",
    "WL_ORG_LISTED",
    "WL_PAYMENT_PARTY_LISTED",
    "FRONT_SEIZED_DOMAIN",
    "FRONT_LOOKALIKE_DOMAIN",
    "APP_EMPLOYER_WEBMAIL_DOMAIN",
    "PLT_VOIP_PHONE",
    "APP_PHONE_COUNTRY_MISMATCH",
    "PLT_CONTACT_REUSE",
    "PAY_ACCOUNT_SHARED_MANY",
    "ONB_SHARED_SHIP_ADDR",
    "ONB_PAY_PLATFORM_OR_CRYPTO",
    "ONB_SHELL_STAFFING_CO",
    "REF_REFERRAL_CHAIN",
    "NET_FLAGGED_NETWORK",
];

/// One check's finding, before the catalogue's metadata is added.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    /// The rule's id.
    pub indicator: &'static str,
    /// The sentence the rule's SQL writes.
    pub detail: String,
    /// The candidate's rows (and, where the rule names them, other people's).
    pub refs: Vec<String>,
    /// Known people involved, by their place in the index.
    pub related: Vec<u32>,
    /// The row's own weight, where the rule's SQL computes one.
    pub weight: Option<f64>,
}

impl Hit {
    /// A hit with the rule's default weight and nobody else involved.
    pub fn new(indicator: &'static str, detail: String, refs: Vec<String>) -> Hit {
        Hit {
            indicator,
            detail,
            refs,
            related: Vec::new(),
            weight: None,
        }
    }
}

/// The catalogue's rules for the indicators the index checks. A rule replaced by a user's
/// file is not checked: its SQL may no longer say what the check mirrors.
pub(crate) struct FastRules {
    rules: HashMap<&'static str, Rule>,
}

impl FastRules {
    pub fn new(catalogue: &[Rule]) -> FastRules {
        let rules = INDICATORS
            .iter()
            .filter_map(|id| {
                let rule = catalogue
                    .iter()
                    .find(|r| r.id == *id && r.origin.starts_with("builtin:"))?;
                Some((*id, rule.clone()))
            })
            .collect();
        FastRules { rules }
    }

    /// The indicators checked, in [`INDICATORS`] order.
    pub fn ids(&self) -> Vec<String> {
        INDICATORS
            .iter()
            .filter(|id| self.rules.contains_key(*id))
            .map(|id| id.to_string())
            .collect()
    }

    /// The hits of checked rules as evidence about `person_id`.
    pub fn evidence(&self, person_id: &str, hits: Vec<Hit>, known: &Known) -> Vec<Evidence> {
        hits.into_iter()
            .filter_map(|hit| {
                let rule = self.rules.get(hit.indicator)?;
                let related = hit
                    .related
                    .iter()
                    .map(|&i| known.id(i).to_string())
                    .collect();
                Some(rule.evidence(person_id, hit.detail, hit.refs, related, hit.weight))
            })
            .collect()
    }
}

/// `round(score, 2)` cast to text, as DataFusion writes it (`0.87`, `1.0`).
pub(crate) fn rounded(score: f64) -> String {
    let value = (score * 100.0).round() / 100.0;
    let text = format!("{value}");
    if text.contains(['.', 'e', 'E']) || !value.is_finite() {
        text
    } else {
        format!("{text}.0")
    }
}

/// `array_sort(array_agg(DISTINCT x))`: sorted, without repeats.
pub(crate) fn sorted(mut values: Vec<String>) -> Vec<String> {
    values.sort();
    values.dedup();
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_print_as_sql_casts_them() {
        assert_eq!(rounded(1.0), "1.0");
        assert_eq!(rounded(f64::from(0.87f32)), "0.87");
        assert_eq!(rounded(0.905), "0.91");
        assert_eq!(rounded(0.9), "0.9");
    }
}
