//! Builds the whole population in memory (people only; events are streamed later).

use rand::Rng;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::person::{self, Person, Registry, Source, Spec};
use crate::scenarios::{flagged, lookalike, Builder};
use crate::time::DAY;
use crate::truth::{FacilitatorTruth, ScenarioTruth};
use crate::world::{self, Family, Org, OrgKind, RMM_ANYDESK, RMM_TEAMVIEWER};

/// The planned dataset: organisations, people and ground truth.
pub struct Plan {
    /// Organisations.
    pub orgs: Vec<Org>,
    /// People, indexed by position (person id = index + 1).
    pub people: Vec<Person>,
    /// Scenarios.
    pub scenarios: Vec<ScenarioTruth>,
    /// Facilitators present as people.
    pub facilitators: Vec<FacilitatorTruth>,
    /// Identifier registry, reused while emitting events.
    pub reg: Registry,
}

/// Plans `people` people from `seed`.
pub fn plan(seed: u64, people: usize) -> Plan {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let orgs = world::orgs(&mut rng, people);
    let mut reg = Registry::default();
    let (mut slots, scenarios, facilitators) = {
        let mut b = Builder::new(&mut rng, &mut reg, &orgs, people);
        flagged::plan(&mut b, people);
        lookalike::plan(&mut b, people);
        for idx in b.take_free() {
            let p = person::build(b.rng, b.reg, &orgs, idx, &Spec::default());
            b.people[idx] = Some(p);
        }
        (
            std::mem::take(&mut b.people),
            std::mem::take(&mut b.truth),
            std::mem::take(&mut b.facilitators),
        )
    };
    let mut people: Vec<Person> = slots
        .iter_mut()
        .map(|s| s.take().expect("every slot is filled"))
        .collect();
    benign_referrals(&mut rng, &orgs, &mut people);
    it_tools(&mut rng, &mut people);
    Plan {
        orgs,
        people,
        scenarios,
        facilitators,
        reg,
    }
}

/// About 6% of ordinary company hires were referred by an earlier colleague.
fn benign_referrals(rng: &mut ChaCha8Rng, orgs: &[Org], people: &mut [Person]) {
    for (org, o) in orgs.iter().enumerate() {
        if o.kind != OrgKind::Company {
            continue;
        }
        let staff: Vec<usize> = (0..people.len())
            .filter(|&i| {
                people[i].org == Some(org) && !people[i].clean && people[i].hired.is_some()
            })
            .collect();
        for &i in &staff {
            if !rng.gen_bool(0.06) {
                continue;
            }
            let applied = people[i].applied;
            let earlier: Vec<usize> = staff
                .iter()
                .copied()
                .filter(|&j| j != i && people[j].hired.is_some_and(|h| h + 60 * DAY < applied))
                .filter(|&j| people[j].terminated.is_none_or(|t| t > applied))
                .collect();
            if earlier.is_empty() {
                continue;
            }
            let r = earlier[rng.gen_range(0..earlier.len())];
            people[i].referred_by = Some(r);
            people[i].source = Source::Referral;
        }
    }
}

/// Ordinary IT staff keep remote-support tools on their laptops.
fn it_tools(rng: &mut ChaCha8Rng, people: &mut [Person]) {
    for p in people.iter_mut() {
        if p.clean || p.family() != Family::It || p.device.is_none() || !rng.gen_bool(0.6) {
            continue;
        }
        p.t.rmm = vec![if rng.gen_bool(0.5) {
            RMM_TEAMVIEWER
        } else {
            RMM_ANYDESK
        }];
        if let Some(d) = p.device.as_mut() {
            d.mac = false;
        }
    }
}
