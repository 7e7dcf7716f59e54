//! Embedded scenarios: DPRK-style persona networks (expected to be flagged) and
//! benign look-alikes (expected to stay low), each recorded in `truth.json`.
//!
//! Scenarios only shape [`Person`] records and their [`Traits`](crate::person::Traits);
//! the emitters turn those into rows, so every signal a scenario promises is produced
//! by the same code paths as ordinary data.

pub mod flagged;
pub mod lookalike;

use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::person::{self, Person, Registry, Spec};
use crate::truth::{FacilitatorTruth, PlantedTruth, ScenarioTruth};
use crate::world::{Org, OrgKind};

/// Places scenario members at random positions of the people table.
pub struct Builder<'a> {
    /// Plan random generator.
    pub rng: &'a mut ChaCha8Rng,
    /// Identifier registry.
    pub reg: &'a mut Registry,
    /// Organisations.
    pub orgs: &'a [Org],
    /// People slots (filled by scenarios first, then by the benign population).
    pub people: Vec<Option<Person>>,
    free: Vec<usize>,
    /// Scenario truth, in creation order.
    pub truth: Vec<ScenarioTruth>,
    /// Facilitator truth.
    pub facilitators: Vec<FacilitatorTruth>,
}

impl<'a> Builder<'a> {
    /// A builder for `n` people.
    pub fn new(rng: &'a mut ChaCha8Rng, reg: &'a mut Registry, orgs: &'a [Org], n: usize) -> Self {
        let mut free: Vec<usize> = (0..n).collect();
        free.shuffle(rng);
        Builder {
            rng,
            reg,
            orgs,
            people: vec![None; n],
            free,
            truth: Vec::new(),
            facilitators: Vec::new(),
        }
    }

    /// Builds a person from `spec` at a random free position; returns its index.
    pub fn take(&mut self, spec: &Spec) -> usize {
        let idx = self
            .free
            .pop()
            .expect("population too small for the scenarios (checked by SimConfig validation)");
        let p = person::build(self.rng, self.reg, self.orgs, idx, spec);
        self.people[idx] = Some(p);
        idx
    }

    /// The person at `idx` (must have been taken).
    pub fn p(&mut self, idx: usize) -> &mut Person {
        self.people[idx].as_mut().expect("slot filled by take()")
    }

    /// Company org indices.
    pub fn companies(&self) -> Vec<usize> {
        (0..self.orgs.len())
            .filter(|&i| self.orgs[i].kind == OrgKind::Company)
            .collect()
    }

    /// The platform org index.
    pub fn platform(&self) -> usize {
        self.orgs
            .iter()
            .position(|o| o.kind == OrgKind::Platform)
            .unwrap_or(0)
    }

    /// Number of free slots left.
    pub fn free(&self) -> usize {
        self.free.len()
    }

    /// Remaining free slots, in index order (for the benign fill).
    pub fn take_free(&mut self) -> Vec<usize> {
        let mut f = std::mem::take(&mut self.free);
        f.sort_unstable();
        f
    }

    /// Records a scenario in the truth.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        kind: &'static str,
        expect: &'static str,
        members: &[usize],
        case: Option<&'static str>,
        description: String,
        signals: &[&'static str],
    ) -> String {
        let n = self.truth.iter().filter(|s| s.kind == kind).count() + 1;
        let id = format!("{kind}-{n}");
        let person_ids = members.iter().map(|&i| person::person_id(i)).collect();
        self.truth.push(ScenarioTruth {
            id: id.clone(),
            kind,
            expect,
            person_ids,
            case,
            description,
            signals: signals.to_vec(),
            planted: Vec::new(),
        });
        id
    }

    /// Records a behaviour planted in the telemetry of `members` of the scenario just
    /// recorded (also listed among its signals).
    pub fn planted(&mut self, signal: &'static str, members: &[usize], description: String) {
        if members.is_empty() {
            return;
        }
        let Some(s) = self.truth.last_mut() else {
            return;
        };
        if !s.signals.contains(&signal) {
            s.signals.push(signal);
        }
        s.planted.push(PlantedTruth {
            signal,
            person_ids: members.iter().map(|&i| person::person_id(i)).collect(),
            description,
        });
    }
}

/// Number of persona networks for a population: at least one of each kind, then
/// roughly one per 1,500 people.
pub fn network_count(people: usize) -> usize {
    (people / 1500).max(flagged::KINDS.len())
}

/// Number of each benign look-alike kind.
pub fn lookalike_count(people: usize) -> usize {
    (people / 2500).max(1)
}

/// Worst-case number of people the scenarios need.
pub fn required_people(people: usize) -> usize {
    let nets = network_count(people);
    // Largest networks: farm 8 + host, pair 2, day-one 1, lender 6, renting 10, vendor 4, extortion 1.
    let per_cycle = 9 + 2 + 1 + 6 + 10 + 4 + 1;
    let cycles = nets.div_ceil(flagged::KINDS.len());
    // household 2, traveller 1, Korean-speaking 2, IT 2, mover 1, glitch 1, freelancers 4,
    // agency 3, VPN 2, long flight 1, moved abroad 1; plus the corporate-office group (at
    // most 40).
    let look = lookalike_count(people) * (2 + 1 + 2 + 2 + 1 + 1 + 4 + 3 + 2 + 1 + 1) + 40;
    cycles * per_cycle + look
}
