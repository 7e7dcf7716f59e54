//! What is known about everyone already screened, indexed for one candidate's lookups:
//! names and vendors, normalised phones, emails, accounts and addresses (keyed as the rules'
//! `contact_keys` and `shipment_keys` key them), homes, the front-company domains each
//! vendor's staff use, and each person's levels and network from the report.

use std::collections::{HashMap, HashSet};

use redflag_ingest::Dataset;
use redflag_model::{Evidence, Level, Report};
use redflag_rules::rows::for_each_row;
use redflag_rules::udf::contact_key;
use redflag_rules::Rule;
use redflag_scoring::{score, ScoringConfig};

use super::applicant::Applicant;
use super::KnownPerson;

/// Hash maps keyed by identifiers (faster than the standard hasher for short keys).
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// People by key: each person once, in index order.
type Holders = Map<String, Vec<u32>>;

/// One known person.
struct Person {
    id: String,
    name: String,
    /// `rf_name_key(vendor)`, when not empty.
    vendor_key: Option<String>,
    /// Final score, level and network, as the report has them.
    shown: (u8, Level),
    network: Option<String>,
    /// On the evidence before network evidence (what `network_members` holds).
    own: (u8, Level),
    /// On phase-1 evidence only (what `prior_scores` holds).
    prior: (u8, Level),
}

/// Everyone known; see the module documentation.
pub(crate) struct Known {
    people: Vec<Person>,
    by_id: Map<String, u32>,
    /// `contacts` of kind `phone` / `email`, by key.
    phones: Holders,
    emails: Holders,
    /// (kind, key) of phones and emails the identifier engine classed as hubs.
    hubs: HashSet<(String, String), foldhash::fast::RandomState>,
    /// Bank, payout and crypto accounts (contacts and payouts), by key.
    accounts: Holders,
    /// Who receives equipment at an address (shipping contacts and shipments), by key.
    receivers: Holders,
    /// Home addresses, by key.
    homes: Holders,
    /// Network members, by network id.
    networks: Map<String, Vec<u32>>,
    /// Seized or front-company domains the staff of a vendor use: vendor key →
    /// (domain, the row that uses it).
    vendor_fronts: Map<String, Vec<(String, String)>>,
}

impl Known {
    pub fn build(
        dataset: &Dataset,
        report: &Report,
        rules: &[Rule],
        hubs: Vec<(String, String)>,
        scoring: &ScoringConfig,
    ) -> Known {
        let mut known = Known {
            people: Vec::new(),
            by_id: Map::default(),
            phones: Map::default(),
            emails: Map::default(),
            hubs: hubs.into_iter().collect(),
            accounts: Map::default(),
            receivers: Map::default(),
            homes: Map::default(),
            networks: Map::default(),
            vendor_fronts: Map::default(),
        };
        known.read_people(dataset, report, rules, scoring);
        known.read_identifiers(dataset);
        known.read_vendor_fronts(dataset);
        for holders in [
            &mut known.phones,
            &mut known.emails,
            &mut known.accounts,
            &mut known.receivers,
            &mut known.homes,
        ] {
            for people in holders.values_mut() {
                people.sort_unstable();
                people.dedup();
                people.shrink_to_fit();
            }
        }
        known
    }

    /// People, their scores from the report, and networks.
    fn read_people(
        &mut self,
        dataset: &Dataset,
        report: &Report,
        rules: &[Rule],
        scoring: &ScoringConfig,
    ) {
        for_each_row(dataset, "people", |row| {
            let (Some(id), Some(name)) = (row.text("person_id"), row.text("full_name")) else {
                return;
            };
            let index = self.people.len() as u32;
            self.by_id.insert(id.to_string(), index);
            self.people.push(Person {
                id: id.to_string(),
                name: name.to_string(),
                vendor_key: row
                    .text("vendor")
                    .map(redflag_normalize::name_key)
                    .filter(|k| !k.is_empty()),
                shown: (0, Level::None),
                network: None,
                own: (0, Level::None),
                prior: (0, Level::None),
            });
        });
        let phase: HashMap<&str, u8> = rules.iter().map(|r| (r.id.as_str(), r.phase)).collect();
        let phase_of = |e: &Evidence| phase.get(e.indicator.as_str()).copied().unwrap_or(1);
        for result in &report.people {
            let Some(&index) = self.by_id.get(&result.person.person_id) else {
                continue;
            };
            let up_to = |last: u8| -> Vec<Evidence> {
                result
                    .evidence
                    .iter()
                    .filter(|e| phase_of(e) <= last)
                    .cloned()
                    .collect()
            };
            let person = &mut self.people[index as usize];
            person.shown = (result.score, result.level);
            person.network = result.network.clone();
            person.own = score(&up_to(2), scoring);
            person.prior = score(&up_to(1), scoring);
            if let Some(network) = &result.network {
                self.networks
                    .entry(network.clone())
                    .or_default()
                    .push(index);
            }
        }
    }

    /// Phones, emails, accounts, shipping addresses and homes.
    fn read_identifiers(&mut self, dataset: &Dataset) {
        for_each_row(dataset, "contacts", |row| {
            let (Some(id), Some(kind), Some(value)) =
                (row.text("person_id"), row.text("kind"), row.text("value"))
            else {
                return;
            };
            let (Some(&person), Some(key)) = (self.by_id.get(id), contact_key(kind, value)) else {
                return;
            };
            let holders = match kind {
                "phone" => &mut self.phones,
                "email" => &mut self.emails,
                "bank_account" | "payout_account" | "crypto_address" => &mut self.accounts,
                "shipping_address" => &mut self.receivers,
                "address" => &mut self.homes,
                _ => return,
            };
            holders.entry(key).or_default().push(person);
        });
        for_each_row(dataset, "payments", |row| {
            let (Some(id), Some("payout"), Some(account)) = (
                row.text("person_id"),
                row.text("direction"),
                row.text("account"),
            ) else {
                return;
            };
            let (Some(&person), Some(key)) =
                (self.by_id.get(id), redflag_normalize::account_key(account))
            else {
                return;
            };
            self.accounts.entry(key).or_default().push(person);
        });
        for_each_row(dataset, "shipments", |row| {
            let (Some(id), Some(address)) = (row.text("person_id"), row.text("address")) else {
                return;
            };
            let (Some(&person), Some(key)) =
                (self.by_id.get(id), redflag_normalize::address_key(address))
            else {
                return;
            };
            self.receivers.entry(key).or_default().push(person);
        });
    }

    /// The front-company domains in the emails, websites and work history of each vendor's
    /// staff (`ONB_SHELL_STAFFING_CO`'s `front_vendors`).
    fn read_vendor_fronts(&mut self, dataset: &Dataset) {
        let mut fronts: Vec<(u32, String, String)> = Vec::new();
        for_each_row(dataset, "contacts", |row| {
            let (Some(id), Some("email" | "website"), Some(value)) =
                (row.text("person_id"), row.text("kind"), row.text("value"))
            else {
                return;
            };
            if let (Some(&person), Some(domain)) = (self.by_id.get(id), front_domain(value)) {
                fronts.push((person, domain, row.reference()));
            }
        });
        for_each_row(dataset, "work_history", |row| {
            let (Some(id), Some(value)) = (row.text("person_id"), row.text("employer_domain"))
            else {
                return;
            };
            if let (Some(&person), Some(domain)) = (self.by_id.get(id), front_domain(value)) {
                fronts.push((person, domain, row.reference()));
            }
        });
        for (person, domain, reference) in fronts {
            if let Some(vendor) = &self.people[person as usize].vendor_key {
                self.vendor_fronts
                    .entry(vendor.clone())
                    .or_default()
                    .push((domain, reference));
            }
        }
    }

    /// How many people are known.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// Whether `person_id` is known.
    pub fn contains(&self, person_id: &str) -> bool {
        self.by_id.contains_key(person_id)
    }

    /// The place of `person_id` in the index.
    pub fn index_of(&self, person_id: &str) -> Option<u32> {
        self.by_id.get(person_id).copied()
    }

    /// The id of the person at `index`.
    pub fn id(&self, index: u32) -> &str {
        &self.people[index as usize].id
    }

    /// The name of the person at `index`.
    pub fn name(&self, index: u32) -> &str {
        &self.people[index as usize].name
    }

    /// `rf_name_key` of the vendor of the person at `index`.
    pub fn vendor_key(&self, index: u32) -> Option<&str> {
        self.people[index as usize].vendor_key.as_deref()
    }

    /// Score and level before network evidence.
    pub fn own(&self, index: u32) -> (u8, Level) {
        self.people[index as usize].own
    }

    /// Score and level on phase-1 evidence.
    pub fn prior(&self, index: u32) -> (u8, Level) {
        self.people[index as usize].prior
    }

    /// The network of the person at `index`.
    pub fn network(&self, index: u32) -> Option<&str> {
        self.people[index as usize].network.as_deref()
    }

    /// Members of network `id`.
    pub fn members(&self, id: &str) -> &[u32] {
        self.networks.get(id).map_or(&[], Vec::as_slice)
    }

    /// People who gave phone (`kind` `phone`) or email (`email`) `key`.
    pub fn contact_holders(&self, kind: &str, key: &str) -> &[u32] {
        let holders = match kind {
            "phone" => &self.phones,
            "email" => &self.emails,
            _ => return &[],
        };
        holders.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether the identifier engine classed phone or email `key` as a hub.
    pub fn is_hub(&self, kind: &str, key: &str) -> bool {
        self.hubs.contains(&(kind.to_string(), key.to_string()))
    }

    /// People paid into account `key`.
    pub fn account_holders(&self, key: &str) -> &[u32] {
        self.accounts.get(key).map_or(&[], Vec::as_slice)
    }

    /// People who receive equipment at address `key`.
    pub fn receivers(&self, key: &str) -> &[u32] {
        self.receivers.get(key).map_or(&[], Vec::as_slice)
    }

    /// Front-company domains the staff of vendor `key` use, each with its row.
    pub fn vendor_fronts(&self, key: &str) -> &[(String, String)] {
        self.vendor_fronts.get(key).map_or(&[], Vec::as_slice)
    }

    /// The candidate's household (`households`): the people who share a home address with
    /// them where at most three people, the candidate included, live.
    pub fn households_of(&self, applicant: &Applicant) -> HashSet<u32> {
        let mut household = HashSet::new();
        for contact in applicant.contacts_of(&["address"]) {
            let Some(key) = &contact.key else {
                continue;
            };
            let residents: Vec<u32> = self
                .homes
                .get(key)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .copied()
                .filter(|&p| Some(p) != applicant.itself)
                .collect();
            if residents.len() < 3 {
                household.extend(residents);
            }
        }
        household
    }

    /// The known people `evidence` names, with their levels.
    pub fn related(&self, evidence: &[Evidence]) -> Vec<KnownPerson> {
        let mut ids: Vec<&str> = evidence
            .iter()
            .flat_map(|e| e.related.iter().map(String::as_str))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| {
                let person = &self.people[*self.by_id.get(id)? as usize];
                Some(KnownPerson {
                    person_id: person.id.clone(),
                    level: person.shown.1,
                    score: person.shown.0,
                    network: person.network.clone(),
                })
            })
            .collect()
    }
}

/// The registrable domain of an email, URL or host (`rf_domain`) when it is a seized or
/// front-company domain of the reference catalogue.
pub(crate) fn front_domain(value: &str) -> Option<String> {
    let domain = redflag_normalize::domain_of(value)
        .map(|host| redflag_normalize::registrable_domain(&host))?;
    redflag_reference::front_domains()
        .iter()
        .any(|f| f.domain == domain)
        .then_some(domain)
}
