//! Combines evidence into a 0–100 score and a level per person, and groups linked people
//! into networks.
//!
//! Independent kinds of evidence add up; any single kind is capped; indicators that see one
//! fact from different sides count once; `high` and `critical` need several independent
//! kinds; language, locale and education country alone never lift anyone above `low`.
//! Every number is in a documented config file (`default.toml`, embedded) that users can
//! replace.
//!
//! ```
//! use redflag_model::{Category, Evidence, Level};
//! use redflag_scoring::{score, ScoringConfig};
//! let config = ScoringConfig::default();
//! let locale = Evidence {
//!     indicator: "EP_KOREAN_LOCALE".into(), title: "Korean locale".into(),
//!     category: Category::Locale, weight: 50.0, detail: "ko-KR keyboard".into(),
//!     refs: vec!["endpoint.csv:2".into()], sources: vec![], related: vec![],
//! };
//! let (points, level) = score(&[locale], &config);
//! assert!(level <= Level::Low);
//! ```
//!
//! This crate decides scores; it never reads files other than a config the caller names.

mod config;
mod networks;

pub use config::{SameFact, ScoringConfig, ScoringError};
pub use networks::build_networks;

use redflag_model::{Category, Evidence, Level};
use std::collections::BTreeMap;

/// Whether a piece of evidence adds points at all.
fn weighs(e: &Evidence) -> bool {
    e.weight.is_finite() && e.weight > 0.0
}

/// For each piece of evidence that repeats a fact heavier evidence already counts (a
/// [`SameFact`] group of the config), its index, the index of the evidence that counts, and
/// the group.
fn repeated_facts<'c>(
    evidence: &[Evidence],
    config: &'c ScoringConfig,
) -> Vec<(usize, usize, &'c SameFact)> {
    let mut repeats = Vec::new();
    for group in &config.same_fact {
        let rank = |e: &Evidence| group.indicators.iter().position(|i| *i == e.indicator);
        let members: Vec<(usize, usize)> = evidence
            .iter()
            .enumerate()
            .filter(|(_, e)| weighs(e))
            .filter_map(|(i, e)| rank(e).map(|r| (i, r)))
            .collect();
        // The heaviest counts; between equal weights, the one the config lists first.
        let Some(&(kept, _)) = members.iter().min_by(|(a, ra), (b, rb)| {
            evidence[*b]
                .weight
                .total_cmp(&evidence[*a].weight)
                .then(ra.cmp(rb))
        }) else {
            continue;
        };
        repeats.extend(
            members
                .iter()
                .filter(|(i, _)| *i != kept)
                .map(|(i, _)| (*i, kept, group)),
        );
    }
    repeats
}

/// Marks evidence that repeats a fact other evidence already counts (see [`SameFact`]): its
/// weight becomes 0 and its detail says which evidence counts instead, so that the report
/// shows what the score is made of. [`score`] gives the same result before or after.
pub fn note_repeated_facts(evidence: &mut [Evidence], config: &ScoringConfig) {
    for (repeat, kept, group) in repeated_facts(evidence, config) {
        let note = format!(
            " Not counted: {} already counts the same fact ({}).",
            evidence[kept].indicator, group.fact
        );
        let e = &mut evidence[repeat];
        e.weight = 0.0;
        e.detail.push_str(&note);
    }
}

/// Score (0–100) and level for one person's evidence.
pub fn score(evidence: &[Evidence], config: &ScoringConfig) -> (u8, Level) {
    let repeats: Vec<usize> = repeated_facts(evidence, config)
        .into_iter()
        .map(|(repeat, _, _)| repeat)
        .collect();
    let counted = |i: usize, e: &Evidence| weighs(e) && !repeats.contains(&i);
    let mut per_category: BTreeMap<Category, f64> = BTreeMap::new();
    for (i, e) in evidence.iter().enumerate() {
        if counted(i, e) {
            *per_category.entry(e.category).or_default() += e.weight;
        }
    }
    let total: f64 = per_category
        .iter()
        .map(|(category, points)| points.min(config.cap(*category)))
        .sum();
    let points = total.clamp(0.0, 100.0).round() as u8;
    let mut level = config.level_for(points);
    let independent = per_category
        .keys()
        .filter(|c| !config.corroborates_only(**c))
        .count();
    if independent == 0 {
        level = level.min(Level::Low);
    }
    if independent < config.high_min_categories {
        level = level.min(Level::Medium);
    }
    if independent < config.critical_min_categories {
        level = level.min(Level::High);
    }
    // An exact sanctions hit is a legal stop whatever else is known. Floors never apply to
    // corroborating-only evidence (the fairness rule holds whatever the config says).
    let mut points = points;
    for (i, e) in evidence.iter().enumerate() {
        if config.corroborates_only(e.category) || !counted(i, e) {
            continue;
        }
        if let Some(floor) = config.floors.get(&e.indicator) {
            if *floor > level {
                level = *floor;
                points = points.max(config.threshold(level));
            }
        }
    }
    (points, level)
}

/// Orders evidence for display: heaviest first, then by indicator id.
pub fn sort_evidence(evidence: &mut [Evidence]) {
    evidence.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.indicator.cmp(&b.indicator))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(indicator: &str, category: Category, weight: f64) -> Evidence {
        Evidence {
            indicator: indicator.into(),
            title: indicator.into(),
            category,
            weight,
            detail: String::new(),
            refs: vec!["x.csv:2".into()],
            sources: vec![],
            related: vec![],
        }
    }

    #[test]
    fn one_fact_seen_from_three_sides_counts_once() {
        let config = ScoringConfig::default();
        let mut vpn = vec![
            hit("EP_VPN_CLIENT", Category::Device, 15.0),
            hit("NET_VPN_ASTRILL", Category::Network, 15.0),
            hit("NET_IOC_IP_MATCH", Category::Network, 8.0),
        ];
        // Alone, VPN use is worth a look (low), not a case (it was 38, medium, counted three
        // times over two categories).
        assert_eq!(score(&vpn, &config), (15, Level::Low));
        // Between equal weights the config's first counts; the rest are marked, and the
        // score is the same before and after.
        note_repeated_facts(&mut vpn, &config);
        let weights: Vec<f64> = vpn.iter().map(|e| e.weight).collect();
        assert_eq!(weights, [0.0, 15.0, 0.0]);
        assert!(vpn[0]
            .detail
            .ends_with("Not counted: NET_VPN_ASTRILL already counts the same fact (VPN use)."));
        assert_eq!(score(&vpn, &config), (15, Level::Low));
        // With independent evidence, the fact still adds up.
        let mut with_geo = vpn.clone();
        with_geo.push(hit("NET_GEO_VS_CLAIMED", Category::Network, 15.0));
        with_geo.push(hit("ID_SSN_MISMATCH", Category::Identity, 25.0));
        assert_eq!(score(&with_geo, &config), (55, Level::High));
        // Tor through a VPN client: the heavier sign-in evidence is the one that counts.
        let tor = vec![
            hit("EP_VPN_CLIENT", Category::Device, 15.0),
            hit("NET_VPN_ASTRILL", Category::Network, 20.0),
        ];
        assert_eq!(score(&tor, &config), (20, Level::Low));
    }

    #[test]
    fn no_evidence_is_none() {
        assert_eq!(score(&[], &ScoringConfig::default()), (0, Level::None));
    }

    #[test]
    fn locale_language_and_education_alone_never_exceed_low() {
        let config = ScoringConfig::default();
        let many = vec![
            hit("EP_KOREAN_LOCALE", Category::Locale, 100.0),
            hit("INT_LANGUAGE_TEST_FAIL", Category::Locale, 100.0),
            hit("APP_EDU_COUNTRY", Category::Locale, 100.0),
        ];
        let (points, level) = score(&many, &config);
        assert_eq!(points, 8, "capped at the locale cap");
        assert_eq!(level, Level::None);
        // Even with a config that removes the cap, the fairness rule holds.
        let mut loose = ScoringConfig::default();
        loose.caps.insert(Category::Locale, 100.0);
        assert_eq!(score(&many, &loose).1, Level::Low);
    }

    #[test]
    fn one_category_is_capped_and_never_reaches_high() {
        let config = ScoringConfig::default();
        let interviews: Vec<Evidence> = (0..10)
            .map(|i| hit(&format!("INT_{i}"), Category::Interview, 25.0))
            .collect();
        let (points, level) = score(&interviews, &config);
        assert_eq!(points, 30);
        assert_eq!(level, Level::Medium);
        let strongest_single = vec![hit("FRONT", Category::Hiring, 100.0)];
        assert!(score(&strongest_single, &config).1 <= Level::Medium);
    }

    #[test]
    fn a_single_weak_signal_is_low_at_most() {
        let config = ScoringConfig::default();
        let (_, level) = score(
            &[hit("INT_VIRTUAL_BACKGROUND", Category::Interview, 4.0)],
            &config,
        );
        assert_eq!(level, Level::None);
        let (_, level) = score(
            &[hit("ONB_ADDR_CHANGE_FREQ", Category::Address, 10.0)],
            &config,
        );
        assert_eq!(level, Level::Low);
    }

    #[test]
    fn independent_kinds_add_up_to_high_and_critical() {
        let config = ScoringConfig::default();
        let two = vec![
            hit("ONB_SHARED_SHIP_ADDR", Category::Address, 30.0),
            hit("EP_IPKVM_DEVICE", Category::Device, 30.0),
        ];
        assert_eq!(score(&two, &config), (60, Level::High));
        let three = vec![
            hit("ONB_SHARED_SHIP_ADDR", Category::Address, 35.0),
            hit("EP_IPKVM_DEVICE", Category::Device, 30.0),
            hit("PAY_ACCOUNT_SHARED_MANY", Category::Payment, 30.0),
        ];
        assert_eq!(score(&three, &config), (95, Level::Critical));
        // Two categories with a critical score stop at high.
        let strong_two = vec![
            hit("A", Category::Identity, 40.0),
            hit("B", Category::Payment, 40.0),
        ];
        assert_eq!(score(&strong_two, &config), (80, Level::High));
    }

    #[test]
    fn locale_corroborates_but_does_not_count_as_independent() {
        let config = ScoringConfig::default();
        let with_locale = vec![
            hit("ONB_SHARED_SHIP_ADDR", Category::Address, 35.0),
            hit("EP_KOREAN_LOCALE", Category::Locale, 5.0),
            hit("EP_IPKVM_DEVICE", Category::Device, 15.0),
        ];
        // 55 points from address, device and locale: address and device are the two
        // independent kinds. Without the device hit, locale does not stand in for it.
        assert_eq!(score(&with_locale, &config), (55, Level::High));
        let without_device = &with_locale[..2];
        assert_eq!(score(without_device, &config).1, Level::Medium);
    }

    #[test]
    fn non_finite_weights_are_ignored() {
        let config = ScoringConfig::default();
        let bad = vec![
            hit("X", Category::Device, f64::NAN),
            hit("Y", Category::Device, f64::INFINITY),
        ];
        assert_eq!(score(&bad, &config), (0, Level::None));
    }

    #[test]
    fn an_exact_sanctions_hit_sets_its_floor_and_locale_never_does() {
        let config = ScoringConfig::default();
        let wallet = hit("WL_CRYPTO_LISTED", Category::Watchlist, 60.0);
        let (points, level) = score(std::slice::from_ref(&wallet), &config);
        assert_eq!(level, Level::High, "one category, but a listed wallet");
        assert!(points >= config.threshold(Level::High));
        // A name match alone has no floor: one category stays at most medium.
        let name = hit("WL_PERSON_LISTED", Category::Watchlist, 50.0);
        assert!(score(&[name], &config).1 <= Level::Medium);
        // A floor naming a locale indicator is ignored: locale alone stays at most low.
        let mut lax = config.clone();
        lax.floors
            .insert("EP_KOREAN_LOCALE".into(), Level::Critical);
        let locale = hit("EP_KOREAN_LOCALE", Category::Locale, 5.0);
        assert!(score(&[locale], &lax).1 <= Level::Low);
    }

    #[test]
    fn a_floor_with_a_bad_level_is_explained() {
        let text = format!("{}\nWL_X = \"severe\"\n", crate::config::DEFAULT_CONFIG);
        let err = ScoringConfig::from_toml("x.toml", &text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("[floors] WL_X"), "{err}");
    }
}
