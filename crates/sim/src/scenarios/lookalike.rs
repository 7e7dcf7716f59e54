//! Benign look-alikes: ordinary situations that resemble a single indicator.
//! redflag must keep these at `none` or `low`.

use rand::seq::SliceRandom;
use rand::Rng;

use super::{lookalike_count, Builder};
use crate::geo::{self, city_index, CITIES};
use crate::names::{self, Culture, Name};
use crate::person::{
    bank_account, okta_device_id, personal_email, work_email, Anchor, DeviceUse, EmpType, Method,
    Payee, Relocation, Scripted, SharedDevice, Spec, Status, Trip,
};
use crate::time::{utc, DAY, HOUR, WINDOW_END};
use crate::util::{derived_rng, pick, pick_str};
use crate::world::{
    role_index, Family, OrgKind, INFLIGHT_WIFI, RMM_ANYDESK, RMM_TEAMVIEWER, STAFFING_VENDORS,
};

/// Look-alike kinds, in creation order.
pub const KINDS: &[&str] = &[
    "household",
    "corporate_office",
    "traveller",
    "korean_speaking",
    "it_staff_remote_tools",
    "mover",
    "single_camera_glitch",
    "freelancer_platform_pay",
    "staffing_agency",
    "consumer_vpn",
    "long_flight",
    "moved_abroad",
];

const ENG: &[Family] = &[Family::Engineering, Family::Data];

/// Creates every look-alike for a population of `people`.
pub fn plan(b: &mut Builder, people: usize) {
    let n = lookalike_count(people);
    for _ in 0..n {
        household(b);
    }
    corporate_office(b, people);
    for _ in 0..n {
        traveller(b);
        korean_speaking(b);
        it_staff(b);
        mover(b);
        camera_glitch(b);
        freelancers(b);
        staffing_agency(b);
        consumer_vpn(b);
        long_flight(b);
        moved_abroad(b);
    }
}

/// Typical nonstop flight time from the US, in minutes.
fn flight_minutes(dest: &str) -> i64 {
    match dest {
        "Toronto" => 100,
        "Mexico City" => 290,
        "London" => 430,
        "Berlin" => 540,
        "Tokyo" => 810,
        "Bengaluru" => 1050,
        "Singapore" => 1110,
        _ => 600,
    }
}

/// A trip from `home` to `dest` (hotel network `ip` of `isp`): out the evening before
/// `start_day`, back the morning after `days` days there. The flight times are derived from
/// the hotel address, not drawn, so that the plan's other draws stay as they were.
fn trip(
    home: usize,
    dest: usize,
    (ip, isp): (u32, &'static geo::Isp),
    start_day: i64,
    days: i64,
    wifi: Option<u32>,
) -> Trip {
    let mut rng = derived_rng(&format!("trip {ip}"));
    let flight = flight_minutes(CITIES[dest].name) * 60;
    let depart = CITIES[home]
        .tz
        .local_to_utc(start_day - 1, rng.gen_range(17 * HOUR..22 * HOUR));
    let leave = CITIES[dest]
        .tz
        .local_to_utc(start_day + days, rng.gen_range(9 * HOUR..15 * HOUR));
    Trip {
        start_day,
        days,
        city: dest,
        ip,
        isp,
        out: (depart, depart + flight),
        back: (leave, leave + flight),
        wifi,
    }
}

/// An active US employee of `org`, hired in 2024, with a clean record: the travellers (and,
/// hired later, the mover).
fn settled_us_employee(org: usize) -> Spec {
    Spec {
        org: Some(org),
        emp: Some(EmpType::Employee),
        country: Some("US"),
        status: Some(Status::Active),
        hired_between: Some((utc(2024, 1, 10, 0, 0), utc(2024, 12, 1, 0, 0))),
        clean: true,
        ..Spec::default()
    }
}

fn long_flight(b: &mut Builder) {
    let org = *pick(b.rng, &b.companies());
    let idx = b.take(&settled_us_employee(org));
    let dest = city_index(pick_str(b.rng, &["Singapore", "Tokyo", "Bengaluru"]));
    let hired = b.p(idx).hired.unwrap_or(utc(2024, 3, 1, 14, 0));
    let start = b
        .rng
        .gen_range(hired + 30 * DAY..WINDOW_END - 30 * DAY)
        .div_euclid(DAY);
    let days = b.rng.gen_range(4..=7);
    let isp = pick(b.rng, geo::country(CITIES[dest].country).isps);
    let ip = b.reg.ip(b.rng, isp);
    let wifi = b.reg.ip(b.rng, &INFLIGHT_WIFI);
    let t = trip(b.p(idx).city, dest, (ip, isp), start, days, Some(wifi));
    let hours = (t.out.1 - t.out.0) / HOUR;
    b.p(idx).t.trip = Some(t);
    b.record(
        "long_flight",
        "benign",
        &[idx],
        None,
        format!(
            "A {hours}-hour flight to {} on in-flight Wi-Fi, then a {days}-day stay: the laptop stays signed in from the gate to the arrival airport (one session of under a day), the country changes once on landing, and nothing else is unusual.",
            CITIES[dest].name
        ),
        &["NET_MULTI_IP_SHORT_WINDOW", "NET_CONTINUOUS_LOGIN"],
    );
    b.planted(
        "NET_CONTINUOUS_LOGIN",
        &[idx],
        "One identity-provider session from the departure gate (the phone's hotspot) through 2-4 in-flight Wi-Fi sign-ins to the arrival airport: the flight plus two hours, under 24 hours.".to_string(),
    );
    b.planted(
        "NET_MULTI_IP_SHORT_WINDOW",
        &[idx],
        "The last in-flight sign-in (a US satellite provider) and the first at the destination are under an hour apart: a single change of country, not repeated.".to_string(),
    );
}

fn moved_abroad(b: &mut Builder) {
    // From a US city to the Canadian city in its time zone: working hours stay the same.
    let cities: Vec<usize> = (0..CITIES.len())
        .filter(|&i| {
            let c = &CITIES[i];
            c.country == "US" && c.weight > 0 && matches!(c.tz.std_min, -300 | -480)
        })
        .collect();
    let city = *pick(b.rng, &cities);
    let dest = city_index(if CITIES[city].tz.std_min == -480 {
        "Vancouver"
    } else {
        "Toronto"
    });
    let org = *pick(b.rng, &b.companies());
    let idx = b.take(&Spec {
        org: Some(org),
        emp: Some(EmpType::Employee),
        city: Some(city),
        status: Some(Status::Active),
        hired_between: Some((utc(2024, 1, 10, 0, 0), utc(2024, 6, 1, 0, 0))),
        clean: true,
        ..Spec::default()
    });
    let hired = b.p(idx).hired.unwrap_or(utc(2024, 3, 1, 14, 0));
    // Late in their time in the data, so most of their sign-ins come from the old home.
    let span = WINDOW_END - hired.max(crate::time::WINDOW_START);
    let moved = WINDOW_END - span * b.rng.gen_range(25..35) / 100;
    let updated = (moved + b.rng.gen_range(21..56) * DAY).min(WINDOW_END - DAY);
    let isps = geo::country("CA").isps;
    let k = b.rng.gen_range(0..isps.len());
    let (isp, mobile_isp) = (&isps[k], &isps[(k + 1) % isps.len()]);
    let home = b.reg.address(b.rng, dest);
    let ip = b.reg.ip(b.rng, isp);
    let mobile_ip = b.reg.ip(b.rng, mobile_isp);
    let p = b.p(idx);
    // Fully remote from then on.
    p.hybrid = false;
    p.t.relocation = Some(Relocation {
        city: dest,
        home,
        ip,
        isp,
        mobile_ip,
        mobile_isp,
        moved,
        updated,
    });
    b.record(
        "moved_abroad",
        "benign",
        &[idx],
        None,
        format!(
            "A remote employee who moved from {} to {} for good in the last months of the data and updated their home address weeks later; the people record (a snapshot) already claims Canada, so most sign-ins, from before the move, come from the US. The claimed-country comparison may fire, weakly; nothing else is unusual.",
            CITIES[city].name,
            CITIES[dest].name
        ),
        &["NET_GEO_VS_CLAIMED", "NET_MULTI_IP_SHORT_WINDOW"],
    );
    b.planted(
        "NET_GEO_VS_CLAIMED",
        &[idx],
        "Sign-ins come from the US home until the move and from the Canadian home after; the address change is recorded 3-8 weeks after the move.".to_string(),
    );
}

fn consumer_vpn(b: &mut Builder) {
    let org = *pick(b.rng, &b.companies());
    let members: Vec<usize> = (1..=2u8)
        .map(|kind| {
            let idx = b.take(&Spec {
                org: Some(org),
                emp: Some(EmpType::Employee),
                country: Some("US"),
                status: Some(Status::Active),
                clean: true,
                ..Spec::default()
            });
            b.p(idx).t.consumer_vpn = kind;
            idx
        })
        .collect();
    b.record(
        "consumer_vpn",
        "benign",
        &members,
        None,
        "Staff who sometimes sign in through a commercial privacy VPN (NordVPN-style exits, and Astrill, whose exits appear in published DPRK indicators and are shared by many innocent users). Nothing else unusual.".to_string(),
        &["NET_VPN_ASTRILL", "NET_IOC_IP_MATCH", "EP_VPN_CLIENT"],
    );
}

fn household(b: &mut Builder) {
    let city = geo::random_city_in(b.rng, "US");
    let culture = {
        let c = geo::country("US");
        let w: Vec<u32> = c.cultures.iter().map(|x| x.1).collect();
        c.cultures[crate::util::weighted(b.rng, &w)].0
    };
    let spec = Spec {
        emp: Some(EmpType::Employee),
        city: Some(city),
        culture: Some(culture),
        status: Some(Status::Active),
        hired_between: Some((utc(2024, 1, 10, 0, 0), utc(2025, 4, 1, 0, 0))),
        clean: true,
        ..Spec::default()
    };
    let companies = b.companies();
    let org_a = *pick(b.rng, &companies);
    let org_c = *pick(b.rng, &companies);
    let a = b.take(&Spec {
        org: Some(org_a),
        ..spec.clone()
    });
    let c = b.take(&Spec {
        org: Some(org_c),
        ..spec
    });
    let landline = b.reg.phone(b.rng, city);
    let first = names::given(b.rng, culture).to_string();
    let (last, home, ip, isp, ipv6, a_first, joint) = {
        let p = b.p(a);
        (
            p.name.last.clone(),
            p.home.clone(),
            p.home_ip,
            p.isp,
            p.ipv6.clone(),
            p.name.first.clone(),
            p.payee.clone(),
        )
    };
    let name = Name {
        full: format!("{first} {last}"),
        first,
        last,
    };
    let personal = personal_email(b.rng, b.reg, &name, culture);
    let org_c = b.p(c).org.unwrap_or(0);
    let work = work_email(b.rng, b.reg, &name, b.orgs[org_c].domain);
    let holder = format!("{a_first} and {} {}", name.first, name.last);
    {
        let p = b.p(c);
        p.name = name;
        p.personal_email = personal;
        p.work_email = Some(work);
        p.home = home;
        p.home_ip = ip;
        p.isp = isp;
        p.ipv6 = ipv6;
        p.t.shared_phone = Some(landline.clone());
        if let Some(j) = joint.clone() {
            p.payee = Some(Payee {
                holder: holder.clone(),
                ..j
            });
        }
    }
    {
        let p = b.p(a);
        p.t.shared_phone = Some(landline);
        if let Some(j) = joint {
            p.payee = Some(Payee { holder, ..j });
        }
    }
    // Derived, not drawn: the other look-alikes' draws stay as they were.
    let key = format!("tablet {}", b.p(a).home.render(0));
    let tablet = SharedDevice {
        id: okta_device_id(&mut derived_rng(&key)),
        kind: DeviceUse::HomeTablet,
    };
    b.p(a).t.signin_device = Some(tablet.clone());
    b.p(c).t.signin_device = Some(tablet);
    b.record(
        "household",
        "benign",
        &[a, c],
        None,
        "A couple at two employers: same surname, same home and shipping address, same home IP, a shared landline, a joint payroll account and a family iPad both sign in from. Shared identifiers with an obvious family explanation and nothing else odd.".to_string(),
        &["ONB_SHARED_SHIP_ADDR", "NET_MANY_ACCOUNTS_ONE_IP", "PLT_CONTACT_REUSE", "PAY_ACCOUNT_SHARED_MANY"],
    );
    b.planted(
        "NET_SHARED_MFA_DEVICE",
        &[a, c],
        "Both partners check work on the family iPad some evenings: 3-6 sign-ins each from one device id, from their shared home.".to_string(),
    );
}

fn corporate_office(b: &mut Builder, people: usize) {
    let companies = b.companies();
    let org = companies
        .iter()
        .copied()
        .max_by_key(|&i| (b.orgs[i].weight, std::cmp::Reverse(i)))
        .unwrap_or(0);
    let hq = b.orgs[org].hq;
    let m = (people / 40).clamp(6, 40);
    let mut members = Vec::new();
    for _ in 0..m {
        let idx = b.take(&Spec {
            org: Some(org),
            emp: Some(EmpType::Employee),
            city: Some(hq),
            status: Some(Status::Active),
            clean: true,
            ..Spec::default()
        });
        let p = b.p(idx);
        p.hybrid = true;
        p.t.office_heavy = true;
        members.push(idx);
    }
    members.truncate(20);
    b.record(
        "corporate_office",
        "benign",
        &members,
        None,
        format!(
            "Employees of {} working from the {} office sign in from the same few office egress IPs (a sample of {} is listed).",
            b.orgs[org].name,
            CITIES[hq].name,
            members.len()
        ),
        &["NET_MANY_ACCOUNTS_ONE_IP"],
    );
}

fn traveller(b: &mut Builder) {
    let org = *pick(b.rng, &b.companies());
    let idx = b.take(&settled_us_employee(org));
    let dest = city_index(pick_str(
        b.rng,
        &[
            "London",
            "Tokyo",
            "Toronto",
            "Berlin",
            "Mexico City",
            "Singapore",
        ],
    ));
    let isp = pick(b.rng, geo::country(CITIES[dest].country).isps);
    let ip = b.reg.ip(b.rng, isp);
    let hired = b.p(idx).hired.unwrap_or(utc(2024, 3, 1, 14, 0));
    let start = b
        .rng
        .gen_range(hired + 30 * DAY..WINDOW_END - 30 * DAY)
        .div_euclid(DAY);
    let days = b.rng.gen_range(4..=7);
    let t = trip(b.p(idx).city, dest, (ip, isp), start, days, None);
    b.p(idx).t.trip = Some(t);
    b.record(
        "traveller",
        "benign",
        &[idx],
        None,
        format!(
            "A {days}-day business trip to {}: sign-ins from a second country within a week, at local hours; the country changes once on the way out and once on the way back, days apart, and nothing else is unusual.",
            CITIES[dest].name
        ),
        &["NET_MULTI_IP_SHORT_WINDOW", "NET_GEO_VS_CLAIMED"],
    );
}

fn korean_speaking(b: &mut Builder) {
    let org = *pick(b.rng, &b.companies());
    let mut members = Vec::new();
    for _ in 0..2 {
        let city = city_index(pick_str(
            b.rng,
            &[
                "Los Angeles",
                "Irvine",
                "Fort Lee",
                "Annandale",
                "New York",
                "Seattle",
                "Atlanta",
            ],
        ));
        let idx = b.take(&Spec {
            org: Some(org),
            emp: Some(EmpType::Employee),
            families: Some(ENG),
            city: Some(city),
            culture: Some(Culture::Korean),
            status: Some(Status::Active),
            hired_between: Some((utc(2024, 1, 10, 0, 0), utc(2025, 4, 1, 0, 0))),
            clean: true,
            ..Spec::default()
        });
        let p = b.p(idx);
        p.t.korean_layout = true;
        p.t.edu_country = Some("KR");
        p.resume = true;
        if members.is_empty() {
            p.t.resume_name = Some(korean_order(&p.name));
        }
        members.push(idx);
    }
    let first_name = b.p(members[0]).t.resume_name.clone().unwrap_or_default();
    b.record(
        "korean_speaking",
        "benign",
        &members,
        None,
        "Korean-American engineers with a Korean keyboard layout and locale, Korean names and degrees from South Korean universities, who live and work where they say. Language and education alone must not raise risk.".to_string(),
        &["EP_KOREAN_LOCALE", "INT_KOREAN_LANGUAGE_PREF", "APP_US_ADDRESS_FOREIGN_EDU"],
    );
    b.planted(
        "APP_PROFILE_RESUME_MISMATCH",
        &members[..1],
        format!("The résumé is headed \"{first_name}\": the family name first and in another romanisation, the same name."),
    );
}

/// The name with the family name first, in another common romanisation where there is one
/// ("Kelly Kwon" → "Gwon Kelly"), as a Korean-American may head a résumé.
fn korean_order(name: &Name) -> String {
    const VARIANTS: &[(&str, &str)] = &[
        ("Kim", "Gim"),
        ("Lee", "Yi"),
        ("Park", "Pak"),
        ("Choi", "Choe"),
        ("Jung", "Jeong"),
        ("Kang", "Gang"),
        ("Cho", "Jo"),
        ("Yoon", "Yun"),
        ("Kwon", "Gwon"),
        ("Lim", "Im"),
        ("Shin", "Sin"),
        ("Han", "Hahn"),
        ("Seo", "Suh"),
    ];
    let family = VARIANTS
        .iter()
        .find(|(usual, _)| *usual == name.last)
        .map_or(name.last.as_str(), |(_, other)| other);
    let given = name
        .full
        .strip_suffix(name.last.as_str())
        .map_or(name.first.as_str(), str::trim);
    format!("{family} {given}")
}

fn it_staff(b: &mut Builder) {
    let org = *pick(b.rng, &b.companies());
    let mut members = Vec::new();
    for title in ["IT Support Specialist", "Systems Administrator"] {
        let role = if title == "IT Support Specialist" && b.rng.gen_bool(0.4) {
            role_index("Helpdesk Technician")
        } else {
            role_index(title)
        };
        let idx = b.take(&Spec {
            org: Some(org),
            emp: Some(EmpType::Employee),
            role: Some(role),
            status: Some(Status::Active),
            clean: true,
            ..Spec::default()
        });
        let tools = match b.rng.gen_range(0..3) {
            0 => vec![RMM_TEAMVIEWER],
            1 => vec![RMM_ANYDESK],
            _ => vec![RMM_TEAMVIEWER, RMM_ANYDESK],
        };
        let p = b.p(idx);
        if let Some(d) = p.device.as_mut() {
            d.mac = false;
        }
        p.t.rmm = tools;
        members.push(idx);
    }
    b.record(
        "it_staff_remote_tools",
        "benign",
        &members,
        None,
        "IT support staff with TeamViewer/AnyDesk installed for their day job.".to_string(),
        &["EP_RMM_INSTALLED"],
    );
}

fn mover(b: &mut Builder) {
    let org = *pick(b.rng, &b.companies());
    let idx = b.take(&Spec {
        hired_between: Some((utc(2024, 3, 1, 0, 0), utc(2025, 5, 1, 0, 0))),
        ..settled_us_employee(org)
    });
    b.p(idx).t.move_days_before_ship = Some(45);
    b.record(
        "mover",
        "benign",
        &[idx],
        None,
        "Moved house 45 days before the laptop shipped; the laptop went to the new home address on file.".to_string(),
        &["ONB_SHIP_ADDR_MISMATCH"],
    );
}

fn camera_glitch(b: &mut Builder) {
    let org = *pick(b.rng, &b.companies());
    let idx = b.take(&Spec {
        org: Some(org),
        emp: Some(EmpType::Employee),
        status: Some(Status::Active),
        hired_between: Some((utc(2024, 1, 15, 0, 0), utc(2025, 5, 1, 0, 0))),
        clean: true,
        ..Spec::default()
    });
    b.p(idx).t.single_glitch = true;
    b.record(
        "single_camera_glitch",
        "benign",
        &[idx],
        None,
        "One interview with a broken camera; every other interview on camera.".to_string(),
        &["INT_CAMERA_AVOIDANCE"],
    );
}

fn freelancers(b: &mut Builder) {
    let platform = b.platform();
    let members: Vec<usize> = (0..4)
        .map(|_| {
            b.take(&Spec {
                org: Some(platform),
                emp: Some(EmpType::Freelancer),
                status: Some(Status::Active),
                clean: true,
                ..Spec::default()
            })
        })
        .collect();
    // One asks, once and politely, for the first milestone to be funded, and takes no for
    // an answer: ordinary on a marketplace.
    for (day, direction, text) in [
        (
            20,
            "from_person",
            "Could you fund the first milestone in escrow before I start? That's how I usually work here.",
        ),
        (
            21,
            "to_person",
            "We'd rather fund milestones one at a time after the kickoff call, is that OK?",
        ),
        (
            21,
            "from_person",
            "Sure, no problem. I'll start today and send the first draft on Friday.",
        ),
    ] {
        b.p(members[0]).t.messages.push(Scripted {
            offset: day * DAY,
            anchor: Anchor::Hired,
            channel: "platform",
            direction,
            text: text.to_string(),
        });
    }
    b.record(
        "freelancer_platform_pay",
        "benign",
        &members,
        None,
        "Freelancers paid through payment platforms (Payoneer/Wise/PayPal), as is normal on a marketplace; one asks once for a milestone to be funded before starting and accepts the answer.".to_string(),
        &["ONB_PAY_PLATFORM_OR_CRYPTO"],
    );
    b.planted(
        "BEH_PREPAYMENT_AGGRESSION",
        &members[..1],
        "Asks once, politely, for the first milestone to be funded in escrow, and accepts being told no.".to_string(),
    );
}

fn staffing_agency(b: &mut Builder) {
    let companies = b.companies();
    let org = *pick(b.rng, &companies);
    debug_assert_eq!(b.orgs[org].kind, OrgKind::Company);
    let mut vendors = STAFFING_VENDORS.to_vec();
    vendors.shuffle(b.rng);
    let vendor = vendors[0];
    let acct = bank_account(b.rng, b.reg, "US");
    let members: Vec<usize> = (0..3)
        .map(|_| {
            let idx = b.take(&Spec {
                org: Some(org),
                emp: Some(EmpType::VendorStaff),
                status: Some(Status::Active),
                clean: true,
                ..Spec::default()
            });
            let p = b.p(idx);
            p.vendor = Some(vendor.to_string());
            p.payee = Some(Payee {
                method: Method::Bank,
                account: acct.clone(),
                holder: vendor.to_string(),
                country: "US",
                kind: "bank_account",
            });
            idx
        })
        .collect();
    b.record(
        "staffing_agency",
        "benign",
        &members,
        None,
        format!("Contractors supplied by {vendor}, a long-established staffing firm; the client pays their invoices into the agency's one account."),
        &["PAY_ACCOUNT_SHARED_MANY", "ONB_SHELL_STAFFING_CO"],
    );
}
