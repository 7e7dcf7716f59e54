//! A person's timeline: addresses, laptop shipment, pay destinations and record
//! changes. Computed once per person, then rendered into several tables.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::geo::{self, Address, CITIES};
use crate::names;
use crate::person::{
    bank_account, personal_email, platform_account, Method, Payee, Person, Registry,
};
use crate::time::{DAY, HOUR, WINDOW_END, WINDOW_START};
use crate::util::between;

/// A home address valid from `at`.
#[derive(Clone, Debug)]
pub struct AddrEvent {
    /// When it was given.
    pub at: i64,
    /// The address.
    pub addr: Address,
    /// Rendering style used when it was recorded.
    pub style: u8,
    /// Recording system.
    pub source: &'static str,
}

/// The laptop shipment.
#[derive(Clone, Debug)]
pub struct Ship {
    /// Asset id (the device id).
    pub asset: String,
    /// Request time.
    pub requested: i64,
    /// Hand-over to the carrier.
    pub shipped: i64,
    /// Delivery.
    pub delivered: i64,
    /// Destination as written on the label.
    pub address: String,
    /// Return after termination.
    pub returned: Option<i64>,
}

/// One `changes` row.
#[derive(Clone, Debug)]
pub struct Change {
    /// When.
    pub at: i64,
    /// Field.
    pub field: &'static str,
    /// Old value.
    pub old: String,
    /// New value.
    pub new: String,
}

/// Random everyday noise for ordinary people.
#[derive(Clone, Copy, Debug, Default)]
pub struct Noise {
    /// Works late.
    pub night_owl: bool,
    /// One interview with camera off.
    pub camera_off_once: bool,
    /// One interview note of long pauses.
    pub pauses_once: bool,
}

/// Everything derived about a person before rendering rows.
#[derive(Debug, Default)]
pub struct Life {
    /// Home addresses over time.
    pub addresses: Vec<AddrEvent>,
    /// Laptop shipment.
    pub ship: Option<Ship>,
    /// Explicit shipping-address contact (time, text).
    pub ship_contact: Option<(i64, String)>,
    /// Pay destinations over time.
    pub payees: Vec<(i64, Payee)>,
    /// Record changes.
    pub changes: Vec<Change>,
    /// Extra contacts: (time, kind, value, source).
    pub contacts: Vec<(i64, &'static str, String, &'static str)>,
    /// First laptop check-in.
    pub first_seen: Option<i64>,
    /// Account handed over (platform rental).
    pub rental: Option<i64>,
    /// Crypto payouts start.
    pub crypto_from: Option<i64>,
    /// Noise.
    pub noise: Noise,
    /// Browser fingerprint (platform accounts).
    pub fingerprint: String,
}

fn us_other_city(rng: &mut ChaCha8Rng, not: usize) -> usize {
    loop {
        let c = geo::random_city_in(rng, "US");
        if c != not {
            return c;
        }
    }
}

impl Life {
    /// Derives the timeline of `p`.
    pub fn build(p: &Person, rng: &mut ChaCha8Rng, reg: &mut Registry) -> Life {
        let mut life = Life::default();
        if !p.clean {
            life.noise = Noise {
                night_owl: rng.gen_bool(0.03),
                camera_off_once: rng.gen_bool(0.01),
                pauses_once: rng.gen_bool(0.02),
            };
        }
        life.fingerprint = format!("fp-{}", crate::util::hex(rng, 16));
        let t = &p.t;

        // Addresses.
        life.addresses.push(AddrEvent {
            at: p.applied,
            addr: p.home.clone(),
            style: rng.gen_range(0..4),
            source: if p.org.is_none() { "bank" } else { "ats" },
        });
        if let Some(h) = p.hired {
            if rng.gen_bool(0.5) {
                life.addresses.push(AddrEvent {
                    at: h - 3 * DAY,
                    addr: p.home.clone(),
                    style: rng.gen_range(0..4),
                    source: "hris",
                });
            }
        }

        life.rental = match (t.rented_after_days, p.hired) {
            (Some(d), Some(h)) => Some(h + d * DAY),
            _ => None,
        };

        // Laptop shipment.
        if let (Some(h), Some(dev)) = (p.hired, p.device.as_ref()) {
            let requested = h - rng.gen_range(5..12) * DAY + rng.gen_range(14..22) * HOUR;
            let shipped = requested + rng.gen_range(18..40) * HOUR;
            let delivered = shipped + rng.gen_range(1..4) * DAY + rng.gen_range(0..6) * HOUR;
            if let Some(days) = t.move_days_before_ship {
                let at = shipped - days * DAY;
                let new = reg.address(rng, p.city);
                let old_style = life.addresses[0].style;
                life.changes.push(Change {
                    at,
                    field: "address",
                    old: p.home.render(old_style),
                    new: new.render(old_style),
                });
                life.addresses.push(AddrEvent {
                    at,
                    addr: new,
                    style: rng.gen_range(0..4),
                    source: "hris",
                });
            }
            let address = if let Some(dest) = &t.ship_to {
                let days = t.ship_change_days.unwrap_or(3);
                let at = shipped - days * DAY - rng.gen_range(1..6) * HOUR;
                let new_style = rng.gen_range(0..4);
                let new = dest.render(new_style);
                life.changes.push(Change {
                    at,
                    field: "shipping_address",
                    old: p.home.render(life.addresses[0].style),
                    new: new.clone(),
                });
                life.ship_contact = Some((at, new));
                dest.render(rng.gen_range(0..4))
            } else {
                let current = life
                    .addresses
                    .iter()
                    .rev()
                    .find(|a| a.at <= shipped)
                    .map_or(&p.home, |a| &a.addr);
                if rng.gen_bool(0.3) {
                    life.ship_contact = Some((requested, current.render(rng.gen_range(0..4))));
                }
                current.render(rng.gen_range(0..4))
            };
            let returned = p.terminated.map(|t| t + rng.gen_range(3..20) * DAY);
            life.ship = Some(Ship {
                asset: dev.id.clone(),
                requested,
                shipped,
                delivered,
                address,
                returned,
            });
            if let Some((start, end)) = p.active_window() {
                let first = if delivered >= start {
                    delivered + rng.gen_range(30 * 60..20 * HOUR)
                } else {
                    start + rng.gen_range(0..10 * DAY)
                };
                if first < end {
                    life.first_seen = Some(first);
                }
            }
        }

        // Flagged address churn: three or more moves within 180 days of hire.
        if let (Some(h), n @ 1..) = (p.hired, t.address_churn) {
            let mut times: Vec<i64> = (0..n)
                .map(|_| h + rng.gen_range(10..180) * DAY + rng.gen_range(0..DAY))
                .collect();
            times.sort_unstable();
            let mut prev = p.home.clone();
            for at in times {
                let city = us_other_city(rng, prev.city);
                let new = reg.address(rng, city);
                life.changes.push(Change {
                    at,
                    field: "address",
                    old: prev.render(0),
                    new: new.render(0),
                });
                life.addresses.push(AddrEvent {
                    at,
                    addr: new.clone(),
                    style: rng.gen_range(0..4),
                    source: "self_service",
                });
                prev = new;
            }
        }

        // A move abroad, recorded weeks late.
        if let Some(r) = &t.relocation {
            let style = life.addresses[0].style;
            life.changes.push(Change {
                at: r.updated,
                field: "address",
                old: p.home.render(style),
                new: r.home.render(style),
            });
            life.addresses.push(AddrEvent {
                at: r.updated,
                addr: r.home.clone(),
                style,
                source: "self_service",
            });
        }

        // Pay destinations.
        if let Some(h) = p.hired {
            if let Some(base) = t.payout.clone().or_else(|| p.payee.clone()) {
                life.payees.push((h - 2 * DAY, base));
            }
            if let Some((days, later)) = &t.payout_later {
                let at = h + days * DAY + rng.gen_range(0..DAY);
                let prev = life.payees.last().map(|x| x.1.clone());
                if let Some(prev) = prev {
                    let (field, old, new) = if prev.method != later.method {
                        (
                            "payout_method",
                            prev.method.as_str().to_string(),
                            later.method.as_str().to_string(),
                        )
                    } else if later.kind == "payout_account" {
                        (
                            "payout_account",
                            prev.account.clone(),
                            later.account.clone(),
                        )
                    } else {
                        ("bank_account", prev.account.clone(), later.account.clone())
                    };
                    life.changes.push(Change {
                        at,
                        field,
                        old,
                        new,
                    });
                }
                life.payees.push((at, later.clone()));
                if later.method == Method::Crypto {
                    life.crypto_from = Some(at);
                }
            }
            if t.payout_changes >= 3 {
                let r = life.rental.unwrap_or(h);
                let at = r + 35 * DAY + rng.gen_range(0..DAY);
                life.changes.push(Change {
                    at,
                    field: "payout_method",
                    old: "payment_platform".into(),
                    new: "crypto".into(),
                });
                life.crypto_from = Some(at);
                if let Some((addr, _)) = &t.crypto {
                    life.contacts
                        .push((at, "crypto_address", addr.clone(), "platform"));
                }
                let at = r + rng.gen_range(60..75) * DAY;
                life.changes.push(Change {
                    at,
                    field: "payout_method",
                    old: "crypto".into(),
                    new: "payment_platform".into(),
                });
                if let Some((acct, holder)) = &t.backup_bank {
                    let at = r + rng.gen_range(85..110) * DAY;
                    life.changes.push(Change {
                        at,
                        field: "bank_account",
                        old: String::new(),
                        new: acct.clone(),
                    });
                    life.contacts
                        .push((at, "bank_account", acct.clone(), "platform"));
                    let _ = holder;
                }
            }
            if t.crypto_method_change {
                if let Some((at, payee)) = life.payees.last() {
                    life.contacts
                        .push((*at, "crypto_address", payee.account.clone(), "payroll"));
                }
            }
        }

        // Ordinary noise.
        if !p.clean {
            if let Some((start, end)) = p.active_window() {
                let lo = start + 30 * DAY;
                let hi = end - 5 * DAY;
                if hi > lo {
                    if rng.gen_bool(0.08) {
                        let at = rng.gen_range(lo..hi);
                        let city = if rng.gen_bool(0.7) {
                            p.city
                        } else {
                            geo::random_city_in(rng, CITIES[p.city].country)
                        };
                        let new = reg.address(rng, city);
                        let s = rng.gen_range(0..4);
                        life.changes.push(Change {
                            at,
                            field: "address",
                            old: p.home.render(s),
                            new: new.render(s),
                        });
                        life.addresses.push(AddrEvent {
                            at,
                            addr: new,
                            style: rng.gen_range(0..4),
                            source: "self_service",
                        });
                    }
                    if rng.gen_bool(0.06) {
                        if let Some((_, prev)) = life.payees.last().cloned() {
                            if !prev.account.is_empty() && p.t.payout.is_none() {
                                let at = rng.gen_range(lo..hi);
                                let account = if prev.kind == "payout_account" {
                                    platform_account(rng, reg, &p.personal_email)
                                } else {
                                    bank_account(rng, reg, prev.country)
                                };
                                life.changes.push(Change {
                                    at,
                                    field: if prev.kind == "payout_account" {
                                        "payout_account"
                                    } else {
                                        "bank_account"
                                    },
                                    old: prev.account.clone(),
                                    new: account.clone(),
                                });
                                life.payees.push((at, Payee { account, ..prev }));
                            }
                        }
                    }
                    if rng.gen_bool(0.03) {
                        let at = rng.gen_range(lo..hi);
                        let new = reg.phone(rng, p.city);
                        let s = p.phone_style;
                        life.changes.push(Change {
                            at,
                            field: "phone",
                            old: p.phone.render(s),
                            new: new.render(s),
                        });
                        life.contacts
                            .push((at, "phone", new.render(s), "self_service"));
                    }
                    if rng.gen_bool(0.02) {
                        let at = rng.gen_range(lo..hi);
                        let new = personal_email(rng, reg, &p.name, p.culture);
                        life.changes.push(Change {
                            at,
                            field: "email",
                            old: p.personal_email.clone(),
                            new: new.clone(),
                        });
                        life.contacts.push((at, "email", new, "self_service"));
                    }
                    if rng.gen_bool(0.01) {
                        let at = between(rng, p.applied, start);
                        let maiden = names::surname(rng, p.culture);
                        if maiden != p.name.last {
                            life.changes.push(Change {
                                at,
                                field: "name",
                                old: format!("{} {maiden}", p.name.first),
                                new: p.name.full.clone(),
                            });
                        }
                    }
                }
            }
        }
        life.changes
            .retain(|c| c.at > WINDOW_START - 400 * DAY && c.at < WINDOW_END);
        life.changes.sort_by_key(|c| c.at);
        life
    }

    /// Pay destination in force at `t`.
    pub fn payee_at(&self, t: i64) -> Option<&Payee> {
        self.payees
            .iter()
            .rev()
            .find(|(at, _)| *at <= t)
            .or(self.payees.first())
            .map(|(_, p)| p)
    }
}
