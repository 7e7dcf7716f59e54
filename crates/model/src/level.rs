use serde::{Deserialize, Serialize};
use std::fmt;

/// A person's (or network's) risk level, ordered from `None` to `Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// No evidence, or evidence too weak to mention.
    None,
    /// Something to know, not to act on alone.
    Low,
    /// Worth an analyst's look.
    Medium,
    /// Several independent kinds of evidence agree.
    High,
    /// Strong, independent, corroborated evidence: act now.
    Critical,
}

impl Level {
    /// All levels, lowest first.
    pub const ALL: [Level; 5] = [
        Level::None,
        Level::Low,
        Level::Medium,
        Level::High,
        Level::Critical,
    ];

    /// The lowercase name used in JSON, CSV and config files.
    pub fn name(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
            Level::Critical => "critical",
        }
    }

    /// Parses the lowercase name; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.name() == name)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_order_is_severity() {
        for level in Level::ALL {
            assert_eq!(Level::from_name(level.name()), Some(level));
        }
        assert_eq!(Level::from_name("severe"), None);
        assert!(Level::None < Level::Low && Level::High < Level::Critical);
        assert_eq!(serde_json::to_string(&Level::Medium).unwrap(), "\"medium\"");
    }
}
