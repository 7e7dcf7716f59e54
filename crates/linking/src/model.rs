//! The model as data: comparisons with ordered levels, blocking rules, and the small config
//! they are built from.

use serde::{Deserialize, Serialize};

use crate::similarity::{jaro_winkler, osa_distance, soundex};
use crate::table::Table;
use crate::LinkError;

/// Level value for a pair where either side is null: it adds no evidence (weight 0).
pub const NULL_LEVEL: u8 = u8::MAX;

/// How two values of a comparison are graded. Levels are ordered best first; the last level
/// is always "else" (disagreement).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ComparisonKind {
    /// `exact`, `else`.
    Exact,
    /// `exact`, then Jaro–Winkler ≥ each threshold (descending), `else`.
    Name {
        /// Jaro–Winkler thresholds, highest first (e.g. `[0.95, 0.88, 0.7]`).
        thresholds: Vec<f64>,
    },
    /// Dates of birth: `exact`, `day/month transposed`, `one digit differs, by at most 2`,
    /// `one digit differs`, `only the year differs`, `only the month differs`, `only the day
    /// differs`, `same year`, `else`. Which part differs matters: strangers share a month and
    /// day (1 in 365) far more often than a year and month. One field (`YYYYMMDD`, `YYYY-MM-DD`, `DD/MM/YYYY`) or three fields
    /// (year, month, day).
    Date,
    /// Identifier-like tokens (tax ids, house numbers, postcodes, phones): `exact`, `1 edit`,
    /// `2 edits` (insert, delete, substitute or swap adjacent characters), `else`.
    Token,
}

impl ComparisonKind {
    /// Default name levels: exact, JW ≥ 0.95, ≥ 0.88, ≥ 0.7, else.
    pub fn name() -> ComparisonKind {
        ComparisonKind::Name {
            thresholds: vec![0.95, 0.88, 0.7],
        }
    }

    /// Human labels of the levels, best first.
    pub fn level_labels(&self) -> Vec<String> {
        let mut labels = vec!["exact".to_string()];
        match self {
            ComparisonKind::Exact => {}
            ComparisonKind::Name { thresholds } => {
                labels.extend(thresholds.iter().map(|t| format!("jaro-winkler ≥ {t}")));
            }
            ComparisonKind::Date => labels.extend(
                [
                    "day/month transposed",
                    "one digit differs, by at most 2",
                    "one digit differs",
                    "only the year differs",
                    "only the month differs",
                    "only the day differs",
                    "same year",
                ]
                .map(String::from),
            ),
            ComparisonKind::Token => labels.extend(["1 edit", "2 edits"].map(String::from)),
        }
        labels.push("else".to_string());
        labels
    }

    /// A prior for m (the level distribution among true matches), best level first, used
    /// when training asks for one ([`crate::TrainConfig::m_prior_strength`]): most matches
    /// agree exactly, the rest spread over the near levels, a few disagree (typos,
    /// outdated values).
    pub fn prior_m(&self) -> Vec<f64> {
        let raw: Vec<f64> = match self {
            ComparisonKind::Exact => vec![0.95, 0.05],
            ComparisonKind::Name { thresholds } => {
                let mut v = vec![0.75];
                let near = 0.2 / thresholds.len().max(1) as f64;
                v.extend(thresholds.iter().map(|_| near));
                v.push(0.05);
                v
            }
            ComparisonKind::Date => vec![0.85, 0.03, 0.03, 0.02, 0.01, 0.01, 0.01, 0.02, 0.02],
            ComparisonKind::Token => vec![0.9, 0.05, 0.02, 0.03],
        };
        let total: f64 = raw.iter().sum();
        raw.into_iter().map(|p| p / total).collect()
    }

    /// A prior for u (the level distribution among random pairs of different people), best
    /// level first, used when training asks for one
    /// ([`crate::TrainConfig::u_prior_strength`]): strangers almost never agree exactly on a
    /// name, date or identifier, sometimes come close, and mostly disagree.
    pub fn prior_u(&self) -> Vec<f64> {
        let raw: Vec<f64> = match self {
            ComparisonKind::Exact => vec![0.001, 0.999],
            ComparisonKind::Name { thresholds } => {
                let mut v = vec![0.001];
                // Looser similarity levels are reached by more strangers.
                v.extend((0..thresholds.len()).map(|i| 0.004 * 5f64.powi(i as i32)));
                v.push(1.0);
                v
            }
            ComparisonKind::Date => vec![
                0.0001, 0.0001, 0.0005, 0.0015, 0.002, 0.0003, 0.0007, 0.01, 1.0,
            ],
            ComparisonKind::Token => vec![0.0001, 0.0005, 0.002, 1.0],
        };
        let total: f64 = raw.iter().sum();
        raw.into_iter().map(|p| p / total).collect()
    }

    /// Number of non-null levels.
    pub fn n_levels(&self) -> usize {
        match self {
            ComparisonKind::Exact => 2,
            ComparisonKind::Name { thresholds } => thresholds.len() + 2,
            ComparisonKind::Date => 9,
            ComparisonKind::Token => 4,
        }
    }
}

/// One comparison: which fields, graded how. Several fields are joined with a space (or, for
/// [`ComparisonKind::Date`] with three fields, read as year, month, day).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Name shown in explanations.
    pub name: String,
    /// Source fields.
    pub fields: Vec<String>,
    /// Grading.
    pub kind: ComparisonKind,
    /// Term-frequency adjustment: an exact match on a value shared by many records (a common
    /// surname) weighs less than one on a rare value (Bayes factor m / frequency instead of
    /// m / u). Right for names; wrong for fraud hubs (a phone shared by 40 accounts is the
    /// signal), so off for identifiers.
    #[serde(default)]
    pub term_frequency: bool,
}

impl Comparison {
    /// A comparison on one field, named after it.
    pub fn new(field: &str, kind: ComparisonKind) -> Comparison {
        Comparison {
            name: field.to_string(),
            fields: vec![field.to_string()],
            kind,
            term_frequency: false,
        }
    }

    /// The level of two prepared values (best = 0), or [`NULL_LEVEL`] if either is null.
    pub fn level(&self, a: Option<&str>, b: Option<&str>) -> u8 {
        let (Some(a), Some(b)) = (a, b) else {
            return NULL_LEVEL;
        };
        if a == b {
            return 0;
        }
        let last = (self.kind.n_levels() - 1) as u8;
        match &self.kind {
            ComparisonKind::Exact => last,
            ComparisonKind::Name { thresholds } => {
                let s = jaro_winkler(a, b);
                thresholds
                    .iter()
                    .position(|t| s >= *t)
                    .map_or(last, |i| i as u8 + 1)
            }
            ComparisonKind::Token => match osa_distance(a, b) {
                1 => 1,
                2 => 2,
                _ => last,
            },
            ComparisonKind::Date => date_level(a, b),
        }
    }

    /// The value this comparison reads from record `i` (fields joined), or `None`.
    pub(crate) fn prepared(&self, table: &Table, cols: &[Option<usize>], i: u32) -> Option<String> {
        let parts: Vec<Option<&str>> = cols
            .iter()
            .map(|c| c.and_then(|c| table.value(c, i)))
            .collect();
        if self.kind == ComparisonKind::Date && parts.len() == 3 {
            // year, month, day → YYYYMMDD (all three needed).
            let y: u32 = parts[0]?.parse().ok()?;
            let m: u32 = parts[1]?.parse().ok()?;
            let d: u32 = parts[2]?.parse().ok()?;
            return Some(format!("{y:04}{m:02}{d:02}"));
        }
        let joined: Vec<&str> = parts.into_iter().flatten().collect();
        if joined.is_empty() {
            return None;
        }
        let v = joined.join(" ");
        if self.kind == ComparisonKind::Date {
            return Some(normalise_date(&v).unwrap_or(v));
        }
        Some(v)
    }
}

/// `YYYYMMDD` from `YYYYMMDD`, `YYYY-MM-DD` or `DD/MM/YYYY` (also `.` and space separators).
fn normalise_date(v: &str) -> Option<String> {
    let parts: Vec<&str> = v
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match (parts.len(), parts.first().map(|p| p.len())) {
        (1, Some(8)) => Some(parts[0].to_string()),
        (3, Some(4)) => Some(format!("{:04}{:02}{:02}", nums[0], nums[1], nums[2])),
        (3, _) if parts[2].len() == 4 => {
            Some(format!("{:04}{:02}{:02}", nums[2], nums[1], nums[0]))
        }
        _ => None,
    }
}

/// The [`KeyTransform::Date`] key: three numeric parts, one of four digits (the year); the
/// other two sorted, so day/month order does not matter.
fn date_key(v: &str) -> Option<String> {
    let parts: Vec<&str> = v
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let (year, rest): (Vec<&str>, Vec<&str>) = match parts.as_slice() {
        [one] if one.len() == 8 => (vec![&one[0..4]], vec![&one[4..6], &one[6..8]]),
        [_, _, _] => parts.iter().partition(|p| p.len() == 4),
        _ => return None,
    };
    let ([year], [x, y]) = (year.as_slice(), rest.as_slice()) else {
        return None;
    };
    let (x, y): (u32, u32) = (x.parse().ok()?, y.parse().ok()?);
    Some(format!("{year}{:02}{:02}", x.min(y), x.max(y)))
}

fn date_level(a: &str, b: &str) -> u8 {
    fn split(s: &str) -> Option<(&str, &str, &str)> {
        (s.len() == 8 && s.is_ascii()).then(|| (&s[0..4], &s[4..6], &s[6..8]))
    }
    let (Some((ya, ma, da)), Some((yb, mb, db))) = (split(a), split(b)) else {
        // Unparsed dates: a single typo is still close.
        return if osa_distance(a, b) <= 1 { 3 } else { 8 };
    };
    if ya == yb && ma == db && da == mb {
        return 1;
    }
    if osa_distance(a, b) <= 1 {
        let near = |x: &str, y: &str| match (x.parse::<i32>(), y.parse::<i32>()) {
            (Ok(x), Ok(y)) => (x - y).abs() <= 2,
            _ => false,
        };
        return if near(ya, yb) && near(ma, mb) && near(da, db) {
            2
        } else {
            3
        };
    }
    match (ya == yb, ma == mb, da == db) {
        (false, true, true) => 4,
        (true, false, true) => 5,
        (true, true, false) => 6,
        (true, _, _) => 7,
        _ => 8,
    }
}

/// How a field's value becomes part of a blocking key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyTransform {
    /// The cleaned value.
    Exact,
    /// Soundex of the value.
    Soundex,
    /// The first `n` characters.
    Prefix(usize),
    /// The first four digits (a year from `YYYYMMDD` or `YYYY-MM-DD`).
    Year,
    /// A date whatever its format or day/month order: the year, then the other two parts
    /// in ascending order (`1955-02-03`, `03-02-1955` and `1955/03/02` share a key).
    Date,
    /// The digits only.
    Digits,
    /// `redflag_normalize::email_key`.
    Email,
    /// `redflag_normalize::phone_key` (no default country).
    Phone,
    /// `redflag_normalize::address_key`.
    Address,
}

/// One part of a blocking key: a field and a transform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockKey {
    /// Source field.
    pub field: String,
    /// Transform applied to the cleaned value.
    pub transform: KeyTransform,
}

impl BlockKey {
    /// The key part for a cleaned value, or `None` when the transform yields nothing.
    pub fn apply(&self, value: &str) -> Option<String> {
        let out = match &self.transform {
            KeyTransform::Exact => Some(value.to_string()),
            KeyTransform::Soundex => soundex(value),
            KeyTransform::Prefix(n) => Some(value.chars().take(*n).collect()),
            KeyTransform::Year => {
                let d: String = value.chars().filter(char::is_ascii_digit).take(4).collect();
                (d.len() == 4).then_some(d)
            }
            KeyTransform::Date => date_key(value),
            KeyTransform::Digits => Some(value.chars().filter(char::is_ascii_digit).collect()),
            KeyTransform::Email => redflag_normalize::email_key(value),
            KeyTransform::Phone => redflag_normalize::phone_key(value, None),
            KeyTransform::Address => redflag_normalize::address_key(value),
        };
        out.filter(|s| !s.is_empty())
    }
}

/// Records sharing every key part of a rule become candidate pairs (an equi-join).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockingRule {
    /// The rule as written, e.g. `soundex(surname) & year(dob)`.
    pub name: String,
    /// Key parts; a record with a null part is not blocked by this rule.
    pub keys: Vec<BlockKey>,
}

impl BlockingRule {
    /// Parses `part & part & …` where a part is `field`, `soundex(field)`, `prefix(field, n)`,
    /// `year(field)`, `date(field)`, `digits(field)`, `email(field)`, `phone(field)` or `address(field)`.
    ///
    /// ```
    /// use redflag_linking::{BlockingRule, KeyTransform};
    /// let r = BlockingRule::parse("soundex(surname) & year(dob)").unwrap();
    /// assert_eq!(r.keys[0].transform, KeyTransform::Soundex);
    /// assert_eq!(r.keys[1].field, "dob");
    /// assert!(BlockingRule::parse("frobnicate(x)").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<BlockingRule, LinkError> {
        let bad = |why: &str| LinkError::BadRule {
            rule: text.to_string(),
            why: why.to_string(),
        };
        let mut keys = Vec::new();
        for part in text.split('&').map(str::trim) {
            if part.is_empty() {
                return Err(bad("empty key part"));
            }
            let (func, args) = match part.split_once('(') {
                None => ("exact", part),
                Some((f, rest)) => (
                    f.trim(),
                    rest.strip_suffix(')')
                        .ok_or_else(|| bad("expected `)` at the end of a key part"))?,
                ),
            };
            let args: Vec<&str> = args.split(',').map(str::trim).collect();
            let field = args[0].to_string();
            if field.is_empty() {
                return Err(bad("missing field name"));
            }
            let transform = match (func, args.len()) {
                ("exact", 1) => KeyTransform::Exact,
                ("soundex", 1) => KeyTransform::Soundex,
                ("year", 1) => KeyTransform::Year,
                ("date", 1) => KeyTransform::Date,
                ("digits", 1) => KeyTransform::Digits,
                ("email", 1) => KeyTransform::Email,
                ("phone", 1) => KeyTransform::Phone,
                ("address", 1) => KeyTransform::Address,
                ("prefix", 2) => KeyTransform::Prefix(
                    args[1]
                        .parse()
                        .map_err(|_| bad("prefix length must be a number"))?,
                ),
                _ => {
                    return Err(bad(
                        "expected field, soundex(f), prefix(f, n), year(f), date(f), digits(f), email(f), phone(f) or address(f)",
                    ))
                }
            };
            keys.push(BlockKey { field, transform });
        }
        Ok(BlockingRule {
            name: text.trim().to_string(),
            keys,
        })
    }
}

/// The small, human-written form of a model (serde-friendly, e.g. from TOML or JSON).
///
/// `kind` is `exact`, `name`, `name_tf` (name with term-frequency adjustment), `date` or
/// `token`; `blocking` rules use [`BlockingRule::parse`]
/// syntax.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelConfig {
    /// `(fields, kind)`: fields comma-separated (`"by,bm,bd"`), kind as above.
    pub comparisons: Vec<(String, String)>,
    /// Blocking rules, OR-ed together.
    pub blocking: Vec<String>,
    /// Blocks with more records than this are skipped (and counted); default 1,000.
    #[serde(default)]
    pub max_block_size: Option<usize>,
}

impl ModelConfig {
    /// Adds a comparison (builder style).
    pub fn compare(mut self, fields: &str, kind: &str) -> ModelConfig {
        self.comparisons
            .push((fields.to_string(), kind.to_string()));
        self
    }

    /// Adds a blocking rule (builder style).
    pub fn block(mut self, rule: &str) -> ModelConfig {
        self.blocking.push(rule.to_string());
        self
    }
}

/// Default largest block: bigger blocks are hubs (a shared office address, a common name).
pub const DEFAULT_MAX_BLOCK_SIZE: usize = 1_000;

/// A Fellegi–Sunter model definition: comparisons and blocking rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkModel {
    /// Comparisons, each adding its level's partial weight.
    pub comparisons: Vec<Comparison>,
    /// Blocking rules, OR-ed; pairs are deduplicated across rules.
    pub blocking: Vec<BlockingRule>,
    /// Blocks larger than this are skipped and reported.
    pub max_block_size: usize,
}

impl LinkModel {
    /// Builds a model from its config, checking kinds and rules.
    pub fn from_config(config: &ModelConfig) -> Result<LinkModel, LinkError> {
        let mut comparisons = Vec::new();
        for (fields, kind) in &config.comparisons {
            let fields: Vec<String> = fields
                .split(',')
                .map(|f| f.trim().to_string())
                .filter(|f| !f.is_empty())
                .collect();
            if fields.is_empty() {
                return Err(LinkError::BadComparison {
                    comparison: kind.clone(),
                    why: "no field named".into(),
                });
            }
            let tf = kind.trim().ends_with("_tf");
            let kind = match kind.trim() {
                "exact" => ComparisonKind::Exact,
                "name" | "name_tf" => ComparisonKind::name(),
                "date" => ComparisonKind::Date,
                "token" => ComparisonKind::Token,
                other => {
                    return Err(LinkError::BadComparison {
                        comparison: fields.join(","),
                        why: format!(
                            "unknown kind `{other}`; expected exact, name, name_tf, date or token"
                        ),
                    })
                }
            };
            if kind == ComparisonKind::Date && !(fields.len() == 1 || fields.len() == 3) {
                return Err(LinkError::BadComparison {
                    comparison: fields.join(","),
                    why: "a date reads one field or three (year, month, day)".into(),
                });
            }
            comparisons.push(Comparison {
                name: fields.join("+"),
                fields,
                kind,
                term_frequency: tf,
            });
        }
        let blocking = config
            .blocking
            .iter()
            .map(|r| BlockingRule::parse(r))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(LinkModel {
            comparisons,
            blocking,
            max_block_size: config.max_block_size.unwrap_or(DEFAULT_MAX_BLOCK_SIZE),
        })
    }

    /// Column positions of each comparison's fields in `table` (`None` = absent: all null).
    pub(crate) fn columns(&self, table: &Table) -> Vec<Vec<Option<usize>>> {
        self.comparisons
            .iter()
            .map(|c| c.fields.iter().map(|f| table.column(f)).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_levels() {
        let c = Comparison::new("dob", ComparisonKind::Date);
        let l = |a: &str, b: &str| {
            let t = Table::dedupe(&[
                crate::Record::new("a").with("dob", a),
                crate::Record::new("b").with("dob", b),
            ]);
            let cols = vec![t.column("dob")];
            c.level(
                c.prepared(&t, &cols, 0).as_deref(),
                c.prepared(&t, &cols, 1).as_deref(),
            )
        };
        assert_eq!(l("19900102", "1990-01-02"), 0);
        assert_eq!(l("19900102", "19900201"), 1);
        assert_eq!(l("19900102", "19900103"), 2);
        assert_eq!(l("19900102", "19910102"), 2);
        assert_eq!(l("19900102", "19900109"), 3);
        assert_eq!(l("19900102", "19800102"), 3);
        assert_eq!(l("19900102", "19850102"), 4);
        assert_eq!(l("19900102", "19901202"), 5);
        assert_eq!(l("19900102", "19900128"), 6);
        assert_eq!(l("19900102", "19900915"), 7);
        assert_eq!(l("19900102", "18731231"), 8);
        assert_eq!(l("1990-1-2", "1990-01-02"), 0);
        assert_eq!(l("unknown", "unknwn"), 3);
        assert_eq!(l("unknown", "never"), 8);
        assert_eq!(l("19900102", ""), NULL_LEVEL);
    }

    #[test]
    fn date_keys_ignore_format_and_day_month_order() {
        let key = |v: &str| BlockingRule::parse("date(d)").unwrap().keys[0].apply(v);
        let want = Some("19550203".to_string());
        for v in [
            "1955-02-03",
            "03-02-1955",
            "1955/03/02",
            "02-03-1955",
            "19550203",
            "3.2.1955",
        ] {
            assert_eq!(key(v), want, "{v}");
        }
        assert_eq!(key("1955-02"), None);
        assert_eq!(key("55-02-03"), None, "no four-digit year");
        assert_eq!(key("1955-1956-03"), None, "two years");
    }

    #[test]
    fn priors_cover_every_level() {
        for kind in [
            ComparisonKind::Exact,
            ComparisonKind::name(),
            ComparisonKind::Date,
            ComparisonKind::Token,
        ] {
            let prior = kind.prior_m();
            assert_eq!(prior.len(), kind.n_levels(), "{kind:?}");
            assert!((prior.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            assert!(
                prior[0] > *prior.last().unwrap(),
                "exact agreement is likeliest"
            );
            let u = kind.prior_u();
            assert_eq!(u.len(), kind.n_levels(), "{kind:?}");
            assert!((u.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            assert!(
                u[0] < 0.01 && *u.last().unwrap() > 0.8,
                "strangers disagree"
            );
        }
    }

    #[test]
    fn name_and_token_levels() {
        let n = Comparison::new("x", ComparisonKind::name());
        assert_eq!(n.level(Some("jones"), Some("jones")), 0);
        assert_eq!(n.level(Some("jones"), Some("johns")), 2);
        assert_eq!(n.level(Some("jones"), Some("zzzzz")), 4);
        assert_eq!(n.level(None, Some("zzzzz")), NULL_LEVEL);
        let t = Comparison::new("x", ComparisonKind::Token);
        assert_eq!(t.level(Some("1234"), Some("1243")), 1);
        assert_eq!(t.level(Some("1234"), Some("9934")), 2);
        assert_eq!(t.level(Some("1234"), Some("5678")), 3);
    }

    #[test]
    fn config_errors_name_the_problem() {
        let e = LinkModel::from_config(&ModelConfig::default().compare("a", "fuzzy")).unwrap_err();
        assert!(e.to_string().contains("fuzzy"), "{e}");
        let e = LinkModel::from_config(&ModelConfig::default().block("prefix(a)")).unwrap_err();
        assert!(e.to_string().contains("prefix(a)"), "{e}");
    }
}
