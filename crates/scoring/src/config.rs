//! The scoring configuration: level thresholds, category caps, independence rules.

use redflag_model::{Category, Level};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The defaults, documented line by line.
pub const DEFAULT_CONFIG: &str = include_str!("../default.toml");

/// Why a scoring config could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ScoringError {
    /// The file could not be read.
    #[error("{path}: cannot read scoring config: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown keys.
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong (with line and column from the TOML parser).
        message: String,
    },
}

/// Scoring parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoringConfig {
    /// Minimum score of each level above none.
    pub thresholds: BTreeMap<Level, u8>,
    /// Most points per category.
    pub caps: BTreeMap<Category, f64>,
    /// Categories needed for high.
    pub high_min_categories: usize,
    /// Categories needed for critical.
    pub critical_min_categories: usize,
    /// Categories that only corroborate.
    pub corroborating_only: BTreeSet<Category>,
    /// Indicators whose evidence sets a minimum level (exact sanctions-list hits).
    pub floors: BTreeMap<String, Level>,
    /// Groups of indicators that see one fact from different sides: a person's evidence from
    /// one group counts once, at the heaviest.
    pub same_fact: Vec<SameFact>,
}

/// Indicators that see one fact from different sides (`[same_fact]` in the config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameFact {
    /// The fact, in words ("VPN use").
    pub fact: String,
    /// Its indicators, in the config's order (which breaks ties between equal weights).
    pub indicators: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    levels: Levels,
    caps: BTreeMap<String, f64>,
    independence: Independence,
    #[serde(default)]
    floors: BTreeMap<String, String>,
    #[serde(default)]
    same_fact: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Levels {
    low: u8,
    medium: u8,
    high: u8,
    critical: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Independence {
    high_min_categories: usize,
    critical_min_categories: usize,
    corroborating_only: Vec<String>,
}

impl Default for ScoringConfig {
    fn default() -> Self {
        ScoringConfig::from_toml("default.toml", DEFAULT_CONFIG)
            .expect("the embedded default scoring config is valid (tested)")
    }
}

impl ScoringConfig {
    /// Reads a config file.
    pub fn from_file(path: &Path) -> Result<Self, ScoringError> {
        let text = std::fs::read_to_string(path).map_err(|source| ScoringError::Io {
            path: path.display().to_string(),
            source,
        })?;
        ScoringConfig::from_toml(&path.display().to_string(), &text)
    }

    /// Parses config text; `origin` names it in errors.
    pub fn from_toml(origin: &str, text: &str) -> Result<Self, ScoringError> {
        let invalid = |message: String| ScoringError::Invalid {
            path: origin.to_string(),
            message,
        };
        let file: File = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let l = &file.levels;
        if !(0 < l.low
            && l.low < l.medium
            && l.medium < l.high
            && l.high < l.critical
            && l.critical <= 100)
        {
            return Err(invalid(
                "[levels] must satisfy 0 < low < medium < high < critical <= 100".into(),
            ));
        }
        let mut caps = BTreeMap::new();
        for (name, cap) in &file.caps {
            let category = Category::from_name(name)
                .ok_or_else(|| invalid(format!("[caps] unknown category {name:?}")))?;
            if !(0.0..=100.0).contains(cap) {
                return Err(invalid(format!("[caps] {name} must be from 0 to 100")));
            }
            caps.insert(category, *cap);
        }
        let mut corroborating_only = BTreeSet::new();
        for name in &file.independence.corroborating_only {
            corroborating_only.insert(
                Category::from_name(name)
                    .ok_or_else(|| invalid(format!("[independence] unknown category {name:?}")))?,
            );
        }
        let mut floors = BTreeMap::new();
        for (indicator, level) in &file.floors {
            let level = Level::from_name(level)
                .filter(|l| *l > Level::None)
                .ok_or_else(|| {
                    invalid(format!(
                        "[floors] {indicator}: {level:?} is not low, medium, high or critical"
                    ))
                })?;
            floors.insert(indicator.clone(), level);
        }
        let mut same_fact = Vec::new();
        let mut grouped = BTreeSet::new();
        for (fact, indicators) in file.same_fact {
            if indicators.len() < 2 {
                return Err(invalid(format!(
                    "[same_fact] {fact:?} needs at least two indicators"
                )));
            }
            for indicator in &indicators {
                if !grouped.insert(indicator.clone()) {
                    return Err(invalid(format!(
                        "[same_fact] {indicator} is in more than one group"
                    )));
                }
            }
            same_fact.push(SameFact { fact, indicators });
        }
        Ok(ScoringConfig {
            floors,
            same_fact,
            thresholds: BTreeMap::from([
                (Level::Low, l.low),
                (Level::Medium, l.medium),
                (Level::High, l.high),
                (Level::Critical, l.critical),
            ]),
            caps,
            high_min_categories: file.independence.high_min_categories,
            critical_min_categories: file.independence.critical_min_categories,
            corroborating_only,
        })
    }

    /// The cap for `category` (100 when the config does not name it).
    pub fn cap(&self, category: Category) -> f64 {
        self.caps.get(&category).copied().unwrap_or(100.0)
    }

    /// Whether `category` only corroborates. The built-in fairness rule (locale) always
    /// applies, whatever the config says.
    pub fn corroborates_only(&self, category: Category) -> bool {
        category.corroborates_only() || self.corroborating_only.contains(&category)
    }

    /// The level a score reaches before independence rules.
    pub fn level_for(&self, points: u8) -> Level {
        Level::ALL
            .into_iter()
            .rev()
            .find(|level| self.thresholds.get(level).is_some_and(|t| points >= *t))
            .unwrap_or(Level::None)
    }

    /// The minimum score of `level` (0 for none).
    pub fn threshold(&self, level: Level) -> u8 {
        self.thresholds.get(&level).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_parses_and_names_every_category() {
        let config = ScoringConfig::default();
        for category in Category::ALL {
            assert!(config.caps.contains_key(&category), "no cap for {category}");
        }
        assert_eq!(config.level_for(9), Level::None);
        assert_eq!(config.level_for(10), Level::Low);
        assert_eq!(config.level_for(80), Level::Critical);
    }

    #[test]
    fn bad_configs_are_explained() {
        let bad_order = DEFAULT_CONFIG.replace("medium = 30", "medium = 5");
        let err = ScoringConfig::from_toml("x.toml", &bad_order)
            .unwrap_err()
            .to_string();
        assert!(err.contains("low < medium"), "{err}");
        let unknown = DEFAULT_CONFIG.replace("identity = 40", "identiti = 40");
        let err = ScoringConfig::from_toml("x.toml", &unknown)
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown category \"identiti\""), "{err}");
        let typo = DEFAULT_CONFIG.replace("high_min_categories", "high_min_categorys");
        let err = ScoringConfig::from_toml("x.toml", &typo)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.toml:"), "{err}");
        let twice = DEFAULT_CONFIG.replace(
            "[same_fact]\n",
            "[same_fact]\nother = [\"EP_VPN_CLIENT\", \"X\"]\n",
        );
        let err = ScoringConfig::from_toml("x.toml", &twice)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("EP_VPN_CLIENT is in more than one group"),
            "{err}"
        );
    }
}
