use serde::{Deserialize, Serialize};
use std::fmt;

/// A kind of evidence. Scoring adds up independent categories and caps each one, so
/// that many hits of one kind never look like corroboration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// One identity or identifier behind several people, or several identities behind one.
    Identity,
    /// Shipping and home addresses: laptop farms, last-minute redirections.
    Address,
    /// Where the pay goes: shared accounts, third-party holders, crypto, churn.
    Payment,
    /// What interviewers saw: camera avoidance, stand-ins, reading answers.
    Interview,
    /// How the person came in: referrals, front-company domains, recycled applications.
    Hiring,
    /// What sits on the person's devices: remote-access tools, IP-KVMs, day-one alerts.
    Device,
    /// What the person did with access: sensitive data pushed or shared outside.
    Access,
    /// Where and when the person connects from.
    Network,
    /// Matches against sanctions and watch lists.
    Watchlist,
    /// Language, locale and country of education. Corroborates other evidence; on its own it
    /// never lifts anyone above `low`.
    Locale,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 10] = [
        Category::Identity,
        Category::Address,
        Category::Payment,
        Category::Interview,
        Category::Hiring,
        Category::Device,
        Category::Access,
        Category::Network,
        Category::Watchlist,
        Category::Locale,
    ];

    /// The snake_case name used in rule files, config and outputs.
    pub fn name(self) -> &'static str {
        match self {
            Category::Identity => "identity",
            Category::Address => "address",
            Category::Payment => "payment",
            Category::Interview => "interview",
            Category::Hiring => "hiring",
            Category::Device => "device",
            Category::Access => "access",
            Category::Network => "network",
            Category::Watchlist => "watchlist",
            Category::Locale => "locale",
        }
    }

    /// Parses a category name; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether this category may only corroborate other evidence (the fairness rule).
    pub fn corroborates_only(self) -> bool {
        matches!(self, Category::Locale)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A piece of public guidance an indicator comes from, so an analyst can check why it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidanceSource {
    /// Short stable id, e.g. `ADV-2022` or `PSA-2023`.
    pub id: String,
    /// Human title of the publication.
    pub title: String,
    /// Where to read it.
    pub url: String,
}

/// One indicator hit for one person: what was seen, where in the data, and why it matters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Stable indicator id, e.g. `ONB_SHARED_SHIP_ADDR`.
    pub indicator: String,
    /// The indicator's title.
    pub title: String,
    /// The kind of evidence, for independent-evidence scoring.
    pub category: Category,
    /// Points this hit contributes before category caps.
    pub weight: f64,
    /// A sentence an analyst can read, naming the values involved.
    pub detail: String,
    /// The data rows behind the hit, as `file:line` (or an event id for native logs).
    pub refs: Vec<String>,
    /// The public guidance the indicator comes from.
    pub sources: Vec<GuidanceSource>,
    /// Other people involved in the same hit (e.g. who else shares the address), by person_id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
}
