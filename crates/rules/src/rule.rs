//! A rule: one indicator, its metadata and its SQL, read from one `.sql` file.
//!
//! A rule file starts with a header of `-- key: value` comment lines, then the query:
//!
//! ```sql
//! -- id: ONB_SHARED_SHIP_ADDR
//! -- title: Laptop shipping address shared by unrelated people
//! -- category: address
//! -- weight: 30
//! -- sources: PSA-2024, DOJ-CHAPMAN
//! -- description: Company laptops of several people who claim different homes go to one
//! --   address: the pattern of the laptop farms in US v. Chapman and US v. Knoot.
//! SELECT person_id, detail, refs, related FROM ...
//! ```
//!
//! Continuation lines (`--` followed by more indentation) extend the previous key. The query
//! must return `person_id` and `detail` (text); it may return `refs` and `related` (lists of
//! text, or `;`-separated text) and `weight` (a number replacing the default for that row).
//! `phase: 2` rules run after a first scoring pass and may read the `prior_scores` table;
//! `phase: 3` rules run once persona networks are formed and may read `network_members`.

use redflag_model::{Category, Evidence, GuidanceSource};

/// Most refs kept per evidence item; the detail sentence says how many rows there were.
pub const MAX_REFS: usize = 50;

/// A detection rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Stable indicator id (upper snake case).
    pub id: String,
    /// One-line title.
    pub title: String,
    /// What it detects and why, for analysts.
    pub description: String,
    /// Kind of evidence.
    pub category: Category,
    /// Default weight of one hit.
    pub weight: f64,
    /// Public guidance it comes from.
    pub sources: Vec<GuidanceSource>,
    /// 1 (default) or 2 (runs after a first scoring pass).
    pub phase: u8,
    /// The SQL query.
    pub sql: String,
    /// Where the rule came from: `builtin:NAME.sql` or a file path.
    pub origin: String,
}

/// Why a rule file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}:{line}: {message}")]
pub struct RuleError {
    /// File the rule came from.
    pub origin: String,
    /// 1-based line of the problem (0 when it concerns the whole file).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Rule {
    /// One of this rule's findings about `person_id` as evidence: refs sorted, without
    /// repeats and at most [`MAX_REFS`] (the detail then says how many rows there were);
    /// related people sorted, without repeats and without the person; the row's own weight
    /// (clamped to 0–100) when it has a finite one, else the rule's; the rule's title,
    /// category and guidance.
    pub fn evidence(
        &self,
        person_id: &str,
        detail: String,
        mut refs: Vec<String>,
        mut related: Vec<String>,
        weight: Option<f64>,
    ) -> Evidence {
        refs.sort();
        refs.dedup();
        let total = refs.len();
        refs.truncate(MAX_REFS);
        let mut detail = detail;
        if total > MAX_REFS {
            detail.push_str(&format!(" ({total} rows; first {MAX_REFS} listed)"));
        }
        related.retain(|r| r != person_id);
        related.sort();
        related.dedup();
        Evidence {
            indicator: self.id.clone(),
            title: self.title.clone(),
            category: self.category,
            weight: weight
                .filter(|w| w.is_finite())
                .map_or(self.weight, |w| w.clamp(0.0, 100.0)),
            detail,
            refs,
            sources: self.sources.clone(),
            related,
        }
    }

    /// Parses a rule file. `resolve_source` turns a source id into its guidance entry.
    pub fn parse(
        origin: &str,
        text: &str,
        resolve_source: impl Fn(&str) -> Option<GuidanceSource>,
    ) -> Result<Rule, RuleError> {
        let err = |line: usize, message: String| RuleError {
            origin: origin.to_string(),
            line,
            message,
        };
        let mut fields: Vec<(String, String, usize)> = Vec::new();
        let mut body_start = None;
        for (index, line) in text.lines().enumerate() {
            let Some(comment) = line.trim_start().strip_prefix("--") else {
                if line.trim().is_empty() {
                    continue;
                }
                body_start = Some(index);
                break;
            };
            let continuation = comment.starts_with("   ") || comment.starts_with('\t');
            if continuation {
                if let Some(last) = fields.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(comment.trim());
                }
                continue;
            }
            if let Some((key, value)) = comment.split_once(':') {
                let key = key.trim();
                if !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    fields.push((key.to_string(), value.trim().to_string(), index + 1));
                }
            }
        }
        let sql = match body_start {
            Some(start) => text.lines().skip(start).collect::<Vec<_>>().join("\n"),
            None => String::new(),
        };
        if sql.trim().is_empty() {
            return Err(err(0, "no SQL query after the header".into()));
        }
        let get = |key: &str| fields.iter().find(|f| f.0 == key);
        let required = |key: &str| {
            get(key)
                .filter(|f| !f.1.is_empty())
                .ok_or_else(|| err(1, format!("header needs `-- {key}: …`")))
        };
        let id = required("id")?.1.clone();
        if !id
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(err(
                required("id")?.2,
                format!("id {id:?} must be UPPER_SNAKE_CASE"),
            ));
        }
        let title = required("title")?.1.clone();
        let category_field = required("category")?;
        let category = Category::from_name(&category_field.1).ok_or_else(|| {
            let names: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
            err(
                category_field.2,
                format!(
                    "unknown category {:?}; expected one of {}",
                    category_field.1,
                    names.join(", ")
                ),
            )
        })?;
        let weight_field = required("weight")?;
        let weight: f64 = match weight_field.1.parse() {
            Ok(w) if (0.0..=100.0).contains(&w) => w,
            _ => {
                return Err(err(
                    weight_field.2,
                    format!(
                        "weight must be a number from 0 to 100, found {:?}",
                        weight_field.1
                    ),
                ))
            }
        };
        let sources_field = required("sources")?;
        let mut sources = Vec::new();
        for id in sources_field
            .1
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match resolve_source(id) {
                Some(source) => sources.push(source),
                None => {
                    return Err(err(
                        sources_field.2,
                        format!("unknown guidance source {id:?} (see `redflag rules --sources`)"),
                    ))
                }
            }
        }
        let phase = match get("phase").map(|f| f.1.as_str()) {
            None | Some("1") => 1,
            Some("2") => 2,
            Some("3") => 3,
            Some(other) => {
                return Err(err(
                    get("phase").map_or(0, |f| f.2),
                    format!("phase must be 1, 2 or 3, found {other:?}"),
                ))
            }
        };
        Ok(Rule {
            id,
            title,
            description: get("description").map(|f| f.1.clone()).unwrap_or_default(),
            category,
            weight,
            sources,
            phase,
            sql,
            origin: origin.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: &str) -> Option<GuidanceSource> {
        (id == "ADV-2022").then(|| GuidanceSource {
            id: id.into(),
            title: "Advisory".into(),
            url: "https://example.org".into(),
        })
    }

    const GOOD: &str = "-- id: TEST_RULE\n-- title: A test\n-- category: payment\n-- weight: 12.5\n\
-- sources: ADV-2022\n-- description: first line\n--   second line\nSELECT 'P1' AS person_id, 'x' AS detail\n";

    /// Refs are capped and counted in the detail, the person is not related to themselves,
    /// and a row's weight is clamped, or the rule's when the row has none that is finite.
    #[test]
    fn evidence_from_a_finding() {
        let rule = Rule::parse("t.sql", GOOD, source).unwrap();
        let refs: Vec<String> = (0..60).rev().map(|i| format!("x.csv:{i:02}")).collect();
        let related = vec!["P2".into(), "P1".into(), "P2".into()];
        let e = rule.evidence("P1", "Shared".into(), refs, related, Some(250.0));
        assert_eq!(
            e.detail,
            format!("Shared (60 rows; first {MAX_REFS} listed)")
        );
        assert_eq!(e.refs.len(), MAX_REFS);
        assert_eq!(e.refs[0], "x.csv:00");
        assert_eq!(e.related, ["P2"]);
        assert_eq!(e.weight, 100.0);
        assert_eq!(e.indicator, "TEST_RULE");
        assert_eq!(e.sources.len(), 1);
        let one = vec!["x.csv:2".to_string()];
        let plain = rule.evidence("P1", "One".into(), one, vec![], Some(f64::NAN));
        assert_eq!((plain.detail.as_str(), plain.weight), ("One", 12.5));
    }

    #[test]
    fn parses_header_and_query() {
        let rule = Rule::parse("t.sql", GOOD, source).unwrap();
        assert_eq!(rule.id, "TEST_RULE");
        assert_eq!(rule.category, Category::Payment);
        assert_eq!(rule.weight, 12.5);
        assert_eq!(rule.description, "first line second line");
        assert_eq!(rule.sources[0].id, "ADV-2022");
        assert_eq!(rule.phase, 1);
        assert!(rule.sql.starts_with("SELECT"));
    }

    #[test]
    fn bad_headers_say_what_and_where() {
        let cases = [
            (
                GOOD.replace("-- id: TEST_RULE\n", ""),
                "t.sql:1: header needs `-- id: …`",
            ),
            (
                GOOD.replace("payment", "vibes"),
                "t.sql:3: unknown category \"vibes\"; expected one of identity",
            ),
            (
                GOOD.replace("12.5", "lots"),
                "t.sql:4: weight must be a number from 0 to 100",
            ),
            (
                GOOD.replace("ADV-2022", "ADV-1999"),
                "t.sql:5: unknown guidance source \"ADV-1999\"",
            ),
            (
                GOOD.replace("TEST_RULE", "test-rule"),
                "t.sql:1: id \"test-rule\" must be UPPER_SNAKE_CASE",
            ),
            (
                GOOD.lines().take(7).collect::<Vec<_>>().join("\n"),
                "t.sql:0: no SQL query after the header",
            ),
        ];
        for (text, expected) in cases {
            let err = Rule::parse("t.sql", &text, source).unwrap_err().to_string();
            assert!(
                err.starts_with(expected),
                "{err:?} should start with {expected:?}"
            );
        }
    }
}
