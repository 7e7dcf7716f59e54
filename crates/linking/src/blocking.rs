//! Steps 1 and 2: blocking keys per record, then candidate pairs per block.
//!
//! Each rule is an equi-join on its key; pairs are deduplicated across rules. A block with
//! more records than `max_block_size` is a hub (a shared office address, a very common name):
//! it is skipped and counted so it cannot explode the pair count, and the caller sees it in
//! the [`BlockingReport`].

use std::collections::HashMap;

use crate::model::BlockingRule;
use crate::table::{Mode, Table};
use crate::LinkError;

/// What blocking did, per rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockingReport {
    /// One entry per rule, in model order.
    pub rules: Vec<RuleReport>,
    /// Distinct candidate pairs after deduplication across rules.
    pub distinct_pairs: usize,
}

impl BlockingReport {
    /// Blocks skipped as over-large, over all rules.
    pub fn skipped_blocks(&self) -> usize {
        self.rules.iter().map(|r| r.skipped_blocks).sum()
    }
}

/// What one rule produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleReport {
    /// The rule as written.
    pub rule: String,
    /// Blocks (distinct keys) with at least two records.
    pub blocks: usize,
    /// Pairs generated (before deduplication across rules).
    pub pairs: usize,
    /// Blocks skipped because they held more than `max_block_size` records.
    pub skipped_blocks: usize,
    /// Pairs those skipped blocks would have generated.
    pub skipped_pairs: u64,
    /// Size of the largest skipped block (0 if none).
    pub largest_skipped: usize,
}

/// Candidate pairs `(a, b)` with `a < b`, sorted and distinct, and the blocking report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidates {
    /// The pairs.
    pub pairs: Vec<(u32, u32)>,
    /// Per-rule counts, including skipped hub blocks.
    pub report: BlockingReport,
}

/// Step 1: the key of every record under `rule` (records with a null key part are left out).
/// Fails when a rule names a field no record has.
pub fn blocking_keys(table: &Table, rule: &BlockingRule) -> Result<Vec<(String, u32)>, LinkError> {
    let cols = rule
        .keys
        .iter()
        .map(|k| {
            table
                .column(&k.field)
                .ok_or_else(|| LinkError::UnknownField {
                    field: k.field.clone(),
                    context: format!("blocking rule `{}`", rule.name),
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    'records: for i in 0..table.len() as u32 {
        let mut key = String::new();
        for (k, col) in rule.keys.iter().zip(&cols) {
            let Some(part) = table.value(*col, i).and_then(|v| k.apply(v)) else {
                continue 'records;
            };
            if !key.is_empty() {
                key.push('\u{1f}');
            }
            key.push_str(&part);
        }
        out.push((key, i));
    }
    Ok(out)
}

/// Step 2: candidate pairs from every rule, deduplicated, skipping blocks larger than
/// `max_block_size`.
///
/// ```
/// use redflag_linking::{candidate_pairs, BlockingRule, Record, Table};
/// let t = Table::dedupe(&[
///     Record::new("1").with("postcode", "2600").with("phone", "555 1234"),
///     Record::new("2").with("postcode", "2600").with("phone", "5551234"),
///     Record::new("3").with("postcode", "4000"),
/// ]);
/// let rules = [BlockingRule::parse("postcode").unwrap(), BlockingRule::parse("digits(phone)").unwrap()];
/// let c = candidate_pairs(&t, &rules, 100).unwrap();
/// assert_eq!(c.pairs, vec![(0, 1)]); // found by both rules, kept once
/// ```
pub fn candidate_pairs(
    table: &Table,
    rules: &[BlockingRule],
    max_block_size: usize,
) -> Result<Candidates, LinkError> {
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut report = BlockingReport::default();
    for rule in rules {
        let mut blocks: HashMap<String, Vec<u32>> = HashMap::new();
        for (key, i) in blocking_keys(table, rule)? {
            blocks.entry(key).or_default().push(i);
        }
        // Sorted keys keep the pass deterministic (the output is sorted anyway).
        let mut blocks: Vec<(String, Vec<u32>)> = blocks.into_iter().collect();
        blocks.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut r = RuleReport {
            rule: rule.name.clone(),
            ..RuleReport::default()
        };
        for (_, members) in blocks {
            let n_pairs = block_pairs(table, &members);
            if n_pairs == 0 {
                continue;
            }
            if members.len() > max_block_size {
                r.skipped_blocks += 1;
                r.skipped_pairs += n_pairs;
                r.largest_skipped = r.largest_skipped.max(members.len());
                continue;
            }
            r.blocks += 1;
            let before = pairs.len();
            emit_pairs(table, &members, &mut pairs);
            r.pairs += pairs.len() - before;
        }
        report.rules.push(r);
        // Keep memory bounded by deduplicating after every rule.
        pairs.sort_unstable();
        pairs.dedup();
    }
    report.distinct_pairs = pairs.len();
    Ok(Candidates { pairs, report })
}

/// Pairs a block would generate under the table's mode.
fn block_pairs(table: &Table, members: &[u32]) -> u64 {
    let n = members.len() as u64;
    match table.mode() {
        Mode::Dedupe => n * n.saturating_sub(1) / 2,
        Mode::Link => {
            let a = members.iter().filter(|&&i| table.source(i) == 0).count() as u64;
            a * (n - a)
        }
    }
}

fn emit_pairs(table: &Table, members: &[u32], out: &mut Vec<(u32, u32)>) {
    // Members arrive in record order, so `x < y` for every emitted pair.
    for (k, &x) in members.iter().enumerate() {
        for &y in &members[k + 1..] {
            if table.is_valid_pair(x, y) {
                out.push((x, y));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Record;

    fn rule(s: &str) -> BlockingRule {
        BlockingRule::parse(s).unwrap()
    }

    #[test]
    fn pairs_are_deduplicated_across_rules() {
        let recs: Vec<Record> = (0..4)
            .map(|i| {
                Record::new(i.to_string())
                    .with("surname", if i < 3 { "smith" } else { "smyth" })
                    .with("postcode", "2600")
            })
            .collect();
        let t = Table::dedupe(&recs);
        let c = candidate_pairs(
            &t,
            &[rule("surname"), rule("postcode"), rule("soundex(surname)")],
            100,
        )
        .unwrap();
        assert_eq!(c.pairs.len(), 6);
        assert_eq!(c.report.rules[0].pairs, 3);
        assert_eq!(c.report.rules[1].pairs, 6);
        assert_eq!(c.report.distinct_pairs, 6);
        let mut sorted = c.pairs.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, c.pairs);
    }

    #[test]
    fn hub_blocks_are_skipped_and_counted() {
        // 50 people at one office address, plus a real pair sharing a phone.
        let mut recs: Vec<Record> = (0..50)
            .map(|i| Record::new(format!("p{i}")).with("address", "1 corporate plaza"))
            .collect();
        recs[3].fields.push(("phone".into(), "555-201-3344".into()));
        recs[7]
            .fields
            .push(("phone".into(), "(555) 201 3344".into()));
        let t = Table::dedupe(&recs);
        let c = candidate_pairs(&t, &[rule("address"), rule("digits(phone)")], 10).unwrap();
        assert_eq!(c.report.rules[0].skipped_blocks, 1);
        assert_eq!(c.report.rules[0].skipped_pairs, 50 * 49 / 2);
        assert_eq!(c.report.rules[0].largest_skipped, 50);
        assert_eq!(c.report.skipped_blocks(), 1);
        assert_eq!(
            c.pairs,
            vec![(3, 7)],
            "the hub adds nothing; the shared phone still links"
        );
    }

    #[test]
    fn link_mode_only_crosses_tables() {
        let a = [
            Record::new("a0").with("k", "x"),
            Record::new("a1").with("k", "x"),
        ];
        let b = [Record::new("b0").with("k", "x")];
        let t = Table::link(&a, &b);
        let c = candidate_pairs(&t, &[rule("k")], 100).unwrap();
        assert_eq!(c.pairs, vec![(0, 2), (1, 2)]);
    }

    #[test]
    fn unknown_field_is_an_error() {
        let t = Table::dedupe(&[Record::new("1").with("a", "x")]);
        let e = candidate_pairs(&t, &[rule("soundex(b)")], 10).unwrap_err();
        assert!(e.to_string().contains("`b`"), "{e}");
    }
}
