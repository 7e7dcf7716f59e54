//! Ground truth written to `truth.json`.

use serde::Serialize;

/// The whole `truth.json` document.
#[derive(Debug, Serialize)]
pub struct Truth {
    /// Seed the dataset was generated from.
    pub seed: u64,
    /// Number of people rows.
    pub people: usize,
    /// Embedded scenarios, flagged networks first.
    pub scenarios: Vec<ScenarioTruth>,
    /// Facilitators that appear as people rows (laptop-farm hosts).
    pub facilitators: Vec<FacilitatorTruth>,
}

/// One embedded scenario.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioTruth {
    /// `laptop_farm-1`, `household-2`, …
    pub id: String,
    /// Scenario kind.
    pub kind: &'static str,
    /// `flagged` for DPRK-style networks, `benign` for look-alikes.
    pub expect: &'static str,
    /// Members (for `corporate_office` a sample of at most 20).
    pub person_ids: Vec<String>,
    /// Public case the scenario is modelled on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<&'static str>,
    /// What was embedded.
    pub description: String,
    /// Indicator ids (from the research catalogue) the data is meant to trigger
    /// (for look-alikes: the indicators they resemble but should not be convicted on).
    pub signals: Vec<&'static str>,
    /// Behaviours planted in the sign-in log of particular members, each named by the
    /// indicator it is meant to trigger (for look-alikes: to resemble).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub planted: Vec<PlantedTruth>,
}

/// A behaviour planted in the telemetry of some members of a scenario.
#[derive(Clone, Debug, Serialize)]
pub struct PlantedTruth {
    /// Indicator id (from the research catalogue), as in [`ScenarioTruth::signals`].
    pub signal: &'static str,
    /// Members who show it.
    pub person_ids: Vec<String>,
    /// What was planted.
    pub description: String,
}

/// A facilitator present as a people row.
#[derive(Clone, Debug, Serialize)]
pub struct FacilitatorTruth {
    /// Person id.
    pub person_id: String,
    /// Scenario id the facilitator serves.
    pub scenario: String,
    /// What they did.
    pub role: &'static str,
    /// Expected verdict.
    pub expect: &'static str,
}
