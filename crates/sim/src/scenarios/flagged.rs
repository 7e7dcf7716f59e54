//! DPRK-style persona networks, each modelled on a public case
//! (`shared/data/reference/court_cases_dprk_it_workers.csv`).

use rand::seq::SliceRandom;
use rand::Rng;

use super::{network_count, Builder};
use crate::geo::{self, city_index, CITIES};
use crate::names::{self, handle_part, Culture};
use crate::person::{
    bank_account, crypto_address, holder_variant, okta_device_id, personal_email, platform_account,
    tax_id, work_email, Anchor, DeviceUse, EmpType, Extortion, Method, Payee, Scripted,
    SharedDevice, SharedIp, Source, Spec, Status,
};
use crate::time::{utc, DAY, WINDOW_END};
use crate::util::{derived_rng, from_alphabet, hex, pick, weighted};
use crate::world::{
    role_index, Family, FRONT_VENDORS, KVMS, REPO_STEMS, RMM, RMM_ANYDESK, RMM_CRD, RMM_SPLASHTOP,
    RMM_TEAMVIEWER, SEIZED_EMPLOYERS,
};

/// Network kinds, in the order they are created.
pub const KINDS: &[&str] = &[
    "laptop_farm",
    "referral_pair",
    "day_one_compromise",
    "identity_lender",
    "account_renting",
    "vendor_front",
    "extortion",
];

const ENG: &[Family] = &[Family::Engineering, Family::Data];

/// An ETH address attributed to a DPRK IT-worker persona by researchers
/// (`researcher_persona_identifiers_excerpt.csv`), used once as a watchlist fixture.
const RESEARCHER_ETH: &str = "0x5c411cb174c2e163f6465252ae895f3e3e5a8792";

/// Borrowed identities are mostly Western-sounding, as in the public cases.
fn borrowed_culture<R: Rng>(rng: &mut R) -> Culture {
    const C: &[(Culture, u32)] = &[
        (Culture::Anglo, 62),
        (Culture::Hispanic, 12),
        (Culture::Germanic, 5),
        (Culture::Polish, 5),
        (Culture::Ukrainian, 4),
        (Culture::Vietnamese, 4),
        (Culture::Chinese, 4),
        (Culture::Filipino, 4),
    ];
    let w: Vec<u32> = C.iter().map(|c| c.1).collect();
    C[weighted(rng, &w)].0
}

/// US claimed-residence cities in `n` different states, avoiding `exclude`.
fn cities_in_distinct_states<R: Rng>(rng: &mut R, n: usize, exclude: &str) -> Vec<usize> {
    let mut all: Vec<usize> = (0..CITIES.len())
        .filter(|&i| {
            CITIES[i].country == "US" && CITIES[i].weight > 0 && CITIES[i].region != exclude
        })
        .collect();
    all.shuffle(rng);
    let mut out = Vec::new();
    let mut states: Vec<&str> = Vec::new();
    for i in all {
        if !states.contains(&CITIES[i].region) {
            states.push(CITIES[i].region);
            out.push(i);
            if out.len() == n {
                break;
            }
        }
    }
    out
}

fn msg(
    anchor: Anchor,
    offset: i64,
    channel: &'static str,
    direction: &'static str,
    text: String,
) -> Scripted {
    Scripted {
        offset,
        anchor,
        channel,
        direction,
        text,
    }
}

/// Each network exits through a few of the published Astrill addresses.
fn vpn_subset(b: &mut Builder) -> Vec<usize> {
    let mut all: Vec<usize> = (0..crate::world::ASTRILL_IOC_IPS.len()).collect();
    all.shuffle(b.rng);
    all.truncate(3);
    all
}

fn pick_signals<R: Rng>(rng: &mut R, pool: &[&'static str], n: usize) -> Vec<&'static str> {
    let mut v = pool.to_vec();
    v.shuffle(rng);
    v.truncate(n);
    v
}

fn shared_ip_in(b: &mut Builder, city: usize) -> SharedIp {
    let isp = pick(b.rng, geo::country(CITIES[city].country).isps);
    SharedIp {
        ip: b.reg.ip(b.rng, isp),
        city,
        asn: isp.asn,
        org: isp.org,
    }
}

/// Creates every persona network for a population of `people`.
pub fn plan(b: &mut Builder, people: usize) {
    for i in 0..network_count(people) {
        let k = i / KINDS.len();
        match i % KINDS.len() {
            0 => laptop_farm(b, k),
            1 => referral_pair(b),
            2 => day_one(b),
            3 => identity_lender(b, k),
            4 => account_renting(b, k),
            5 => vendor_front(b, k),
            _ => extortion(b),
        }
    }
}

fn laptop_farm(b: &mut Builder, k: usize) {
    const HOSTS: &[&str] = &[
        "Phoenix",
        "Nashville",
        "Minneapolis",
        "Las Vegas",
        "Columbus",
        "Charlotte",
    ];
    let host_city = city_index(HOSTS[(k + b.rng.gen_range(0..HOSTS.len())) % HOSTS.len()]);
    let host = b.take(&Spec {
        city: Some(host_city),
        culture: Some(Culture::Anglo),
        status: Some(Status::Active),
        emp: Some(EmpType::Employee),
        clean: true,
        ..Spec::default()
    });
    let host_bank = bank_account(b.rng, b.reg, "US");
    {
        let rng_senders: &[(&str, &str)] = if k == 0 {
            &[
                ("Li Wenjun", "CN"),
                ("Zhang Haoyu", "CN"),
                ("Md. Rafiqul Islam", "BD"),
                ("Shenyang Geumpungri Network Technology Co. Ltd", "CN"),
            ]
        } else {
            &[
                ("Wang Lei", "CN"),
                ("Chen Xiaoling", "CN"),
                ("Abdul Karim", "BD"),
                ("Liu Yang", "CN"),
            ]
        };
        let h = b.p(host);
        h.org = None;
        h.status = None;
        h.emp = None;
        h.hired = None;
        h.terminated = None;
        h.work_email = None;
        h.device = None;
        h.vendor = None;
        h.github = None;
        h.resume = false;
        h.applied = utc(2023, 6, 1, 15, 0);
        h.payee = Some(Payee {
            method: Method::Bank,
            account: host_bank.clone(),
            holder: h.name.full.clone(),
            country: "US",
            kind: "bank_account",
        });
        h.t.inbound = rng_senders.to_vec();
    }
    let (farm, host_name, farm_ip, host_state) = {
        let h = b.p(host);
        (
            h.home.clone(),
            h.name.clone(),
            SharedIp {
                ip: h.home_ip,
                city: h.city,
                asn: h.isp.asn,
                org: h.isp.org,
            },
            CITIES[h.city].region,
        )
    };
    let mut orgs = b.companies();
    orgs.shuffle(b.rng);
    let n = b.rng.gen_range(4..=8).min(orgs.len());
    let cities = cities_in_distinct_states(b.rng, n, host_state);
    let kvm = b.rng.gen_range(0..KVMS.len());
    let vpn = vpn_subset(b);
    let mfa = format!("Okta Verify (iPhone 12) {}", hex(b.rng, 8));
    // Derived, not drawn: the farm's other draws stay as they were.
    let mfa_phone = okta_device_id(&mut derived_rng(&mfa));
    let template = b.rng.gen_range(0..1000);
    let mut members = Vec::new();
    let mut first_name: Option<String> = None;
    for (j, &city) in cities.iter().enumerate() {
        let emp = if b.rng.gen_bool(0.7) {
            EmpType::Employee
        } else {
            EmpType::Contractor
        };
        let culture = borrowed_culture(b.rng);
        let idx = b.take(&Spec {
            org: Some(orgs[j]),
            emp: Some(emp),
            families: Some(ENG),
            city: Some(city),
            culture: Some(culture),
            status: Some(Status::Active),
            hired_between: Some((utc(2024, 2, 1, 0, 0), utc(2025, 3, 31, 0, 0))),
            source: Some(if j % 2 == 0 {
                Source::JobBoard
            } else {
                Source::Outreach
            }),
            clean: true,
            ..Spec::default()
        });
        let change_days = b.rng.gen_range(1..=7);
        let camera_problems = j % 2 == 0;
        let rmm_pool = [RMM_ANYDESK, RMM_TEAMVIEWER, RMM_CRD, RMM_SPLASHTOP];
        let n_rmm = b.rng.gen_range(1..=2);
        let rmm = pick_signals(b.rng, &rmm_pool.map(|i| RMM[i].0), n_rmm)
            .iter()
            .filter_map(|name| RMM.iter().position(|r| r.0 == *name))
            .collect();
        let n_signals = b.rng.gen_range(2..=3);
        let signals = pick_signals(
            b.rng,
            &[
                "camera_excuse",
                "reading_answers",
                "long_pauses",
                "refused_id_on_camera",
            ],
            n_signals,
        );
        let holder = holder_variant(b.rng, &host_name);
        let korean = b.rng.gen_bool(0.3);
        let churn = j == 1 || b.rng.gen_bool(0.3);
        let foreign = b.rng.gen_bool(0.3);
        let rmm_day = b.rng.gen_range(0..3);
        let kvm_on = j == 0 || b.rng.gen_bool(0.8);
        let farm_text = farm.render(b.rng.gen_range(0..4));
        let p = b.p(idx);
        if let Some(d) = p.device.as_mut() {
            d.mac = false;
        }
        p.resume = true;
        if j == 0 {
            first_name = Some(p.name.full.clone());
        }
        let t = &mut p.t;
        t.ship_to = Some(farm.clone());
        t.ship_change_days = Some(change_days);
        t.kvm = kvm_on.then_some(kvm);
        t.rmm = rmm;
        t.rmm_day = rmm_day;
        t.utc9 = true;
        t.vpn_share = 0.3;
        t.vpn_ips = vpn.clone();
        t.shared_ip = Some(farm_ip.clone());
        t.foreign_ips = foreign;
        t.korean_layout = korean;
        t.resume_template = Some(template);
        // The second persona's résumé is the first one's file, still headed with its name.
        if j == 1 {
            t.resume_name = first_name.clone();
        }
        if camera_problems {
            t.bad_camera = 2 + u8::from(j % 4 == 0);
            t.signal_interviews = 2;
            t.interview_signals = signals;
            t.interview_notes = vec![
                "Candidate said the webcam was broken; continued audio only",
                "Long pauses before answers, sounded like reading",
            ];
        }
        if j % 2 == 1 || n <= 4 && j == 0 {
            t.payout = Some(Payee {
                method: Method::Payroll,
                account: host_bank.clone(),
                holder,
                country: "US",
                kind: "bank_account",
            });
        }
        if churn {
            t.address_churn = 3;
        }
        if j < 2 {
            t.shared_mfa = Some(mfa.clone());
            t.signin_device = Some(SharedDevice {
                id: mfa_phone.clone(),
                kind: DeviceUse::MfaPhone,
            });
        }
        // The laptop sits at the farm, on and connected around the clock.
        t.held_sessions = 1 + u8::from(kvm_on);
        t.messages.push(msg(
            Anchor::Shipped,
            -change_days * DAY - 3 * 3600,
            "email",
            "from_person",
            format!(
                "Hi, I'm staying with a relative for a few weeks while my place is renovated. Could you ship the laptop to {farm_text} instead? Thanks!"
            ),
        ));
        members.push(idx);
    }
    let desc = format!(
        "{} remote hires at {} different companies claim homes in different states, but their laptops were re-routed days before shipping to one facilitator's residence in {}, {} (the facilitator is also in the data, receiving wages and transfers from CN/BD senders). Devices show an IP-KVM USB gadget and remote-access tools; sign-ins share the facilitator's home IP or Astrill exits and follow a UTC+9 working day.",
        members.len(),
        members.len(),
        CITIES[host_city].name,
        CITIES[host_city].region
    );
    let id = b.record(
        "laptop_farm",
        "flagged",
        &members,
        Some(if k.is_multiple_of(2) {
            "US v. Chapman"
        } else {
            "US v. Knoot"
        }),
        desc,
        &[
            "ONB_SHARED_SHIP_ADDR",
            "ONB_SHIP_ADDR_MISMATCH",
            "EP_IPKVM_DEVICE",
            "EP_RMM_INSTALLED",
            "NET_MANY_ACCOUNTS_ONE_IP",
            "NET_VPN_ASTRILL",
            "NET_TIMEZONE_UTC9",
            "INT_CAMERA_AVOIDANCE",
            "ONB_PAYEE_NAME_MISMATCH",
            "ONB_DIRECT_DEPOSIT_TO_FACILITATOR",
            "NET_SHARED_MFA_DEVICE",
            "APP_TEMPLATE_REUSE",
        ],
    );
    b.planted(
        "NET_CONTINUOUS_LOGIN",
        &members,
        "Each farm laptop stays on and connected at the facilitator's home: one or two identity-provider sessions per laptop carry 3-6 sign-ins spread over 26-72 hours (from the farm's IP or the VPN, as its other sign-ins).".to_string(),
    );
    if let (Some(name), Some(&second)) = (&first_name, members.get(1)) {
        b.planted(
            "APP_PROFILE_RESUME_MISMATCH",
            &[second],
            format!(
                "The second persona's résumé is the first one's file, still headed \"{name}\"."
            ),
        );
    }
    b.planted(
        "NET_SHARED_MFA_DEVICE",
        &members[..members.len().min(2)],
        format!(
            "One phone (Okta device {mfa_phone}) approves the MFA pushes of two personas: 3-6 Okta Verify sign-ins each from that device, over the network's usual connections."
        ),
    );
    b.facilitators.push(crate::truth::FacilitatorTruth {
        person_id: crate::person::person_id(host),
        scenario: id,
        role: "laptop farm host: receives the workers' laptops and wages, and transfers from overseas senders",
        expect: "flagged",
    });
}

fn referral_pair(b: &mut Builder) {
    let org = *pick(b.rng, &b.companies());
    let lv = city_index("Las Vegas");
    let pop = shared_ip_in(b, lv);
    let vpn = vpn_subset(b);
    let bc = borrowed_culture(b.rng);
    let a = b.take(&Spec {
        org: Some(org),
        emp: Some(EmpType::Employee),
        families: Some(ENG),
        country: Some("US"),
        culture: Some(bc),
        status: Some(Status::Active),
        hired_between: Some((utc(2024, 1, 15, 0, 0), utc(2024, 8, 1, 0, 0))),
        source: Some(Source::JobBoard),
        clean: true,
        ..Spec::default()
    });
    let a_hired = b.p(a).hired.unwrap_or(utc(2024, 3, 1, 14, 0));
    let a_email = b.p(a).personal_email.clone();
    let a_account = platform_account(b.rng, b.reg, &a_email);
    {
        let p = b.p(a);
        if let Some(d) = p.device.as_mut() {
            d.mac = false;
        }
        let name = p.name.full.clone();
        let t = &mut p.t;
        t.bad_camera = 2;
        t.signal_interviews = 2;
        t.interview_signals = vec!["camera_excuse", "long_pauses"];
        t.interview_notes = vec!["Camera 'not working' again; audio only"];
        t.payout = Some(Payee {
            method: Method::PaymentPlatform,
            account: a_account,
            holder: name,
            country: "US",
            kind: "payout_account",
        });
        t.utc9 = true;
        t.vpn_share = 0.35;
        t.vpn_ips = vpn.clone();
        t.shared_ip = Some(pop.clone());
        t.vpn_hops = 2;
        t.rmm = vec![RMM_ANYDESK];
        t.rmm_day = 1;
        t.messages.push(msg(
            Anchor::Hired,
            -2 * DAY,
            "email",
            "from_person",
            "Is it possible to receive my salary through Payoneer instead of direct deposit? My bank is being difficult.".to_string(),
        ));
    }
    let bc = borrowed_culture(b.rng);
    let b_idx = b.take(&Spec {
        org: Some(org),
        emp: Some(EmpType::Employee),
        families: Some(ENG),
        country: Some("US"),
        culture: Some(bc),
        status: Some(Status::Active),
        hired_between: Some((a_hired + 75 * DAY, a_hired + 160 * DAY)),
        source: Some(Source::Referral),
        clean: true,
        ..Spec::default()
    });
    let other = names::generate(b.rng, Culture::Anglo, false);
    let acct = bank_account(b.rng, b.reg, "US");
    {
        let p = b.p(b_idx);
        p.referred_by = Some(a);
        if let Some(d) = p.device.as_mut() {
            d.mac = false;
        }
        let t = &mut p.t;
        t.bad_camera = 2;
        t.signal_interviews = 2;
        t.interview_signals = vec!["different_person", "refused_id_on_camera"];
        t.interview_notes = vec![
            "Refused to turn camera on; person on the final call did not sound like the first-round candidate",
        ];
        t.payout = Some(Payee {
            method: Method::Payroll,
            account: acct,
            holder: other.full,
            country: "US",
            kind: "bank_account",
        });
        t.utc9 = true;
        t.vpn_share = 0.35;
        t.vpn_ips = vpn;
        t.shared_ip = Some(pop);
        t.rmm = vec![RMM_ANYDESK];
        t.rmm_day = 2;
    }
    b.record(
        "referral_pair",
        "flagged",
        &[a, b_idx],
        Some("Google/Mandiant GIR-2025 (Defender's Advantage: employee A referred employee B)"),
        "Employee A (camera avoidance, paid through a payment platform while on payroll) referred employee B, who refused the camera, looked like a different person across interviews and is paid into an account held by someone else. Both laptops sign in from the same Nevada residential IP and run AnyDesk, on a UTC+9 day.".to_string(),
        &[
            "REF_REFERRAL_CHAIN",
            "INT_CAMERA_AVOIDANCE",
            "INT_STAND_IN_INTERVIEWEE",
            "ONB_PAY_PLATFORM_OR_CRYPTO",
            "ONB_PAYEE_NAME_MISMATCH",
            "NET_MANY_ACCOUNTS_ONE_IP",
            "EP_RMM_INSTALLED",
            "NET_TIMEZONE_UTC9",
        ],
    );
    b.planted("NET_MULTI_IP_SHORT_WINDOW", &[a], VPN_HOPS.to_string());
}

/// What a VPN drop-and-reconnect episode looks like in the sign-in log.
const VPN_HOPS: &str = "Twice, the worker's VPN drops and reconnects within the hour: sign-ins go from a US exit to the worker's own line in China or Russia, to an exit in Tokyo or Singapore the client picked by itself, and back to a US exit.";

/// What sign-ins over the worker's own line look like.
const OWN_LINE: &str = "Claims the US, but besides the VPN often signs in over their own residential line in Liaoning or Vladivostok (half as many sign-ins as the usual ones, at least 12), so most sign-ins not through a VPN come from China or Russia.";

fn day_one(b: &mut Builder) {
    let org = *pick(b.rng, &b.companies());
    let role = if b.rng.gen_bool(0.6) {
        role_index("Principal Software Engineer")
    } else {
        role_index("Senior Software Engineer")
    };
    let bc = borrowed_culture(b.rng);
    let idx = b.take(&Spec {
        org: Some(org),
        emp: Some(EmpType::Employee),
        role: Some(role),
        country: Some("US"),
        culture: Some(bc),
        status: Some(Status::Active),
        hired_between: Some((utc(2024, 3, 1, 0, 0), utc(2025, 5, 1, 0, 0))),
        source: Some(Source::JobBoard),
        clean: true,
        ..Spec::default()
    });
    let claimed_state = CITIES[b.p(idx).city].region;
    let mule_city = cities_in_distinct_states(b.rng, 1, claimed_state)[0];
    let mule = b.reg.address(b.rng, mule_city);
    let vpn = vpn_subset(b);
    let p = b.p(idx);
    if let Some(d) = p.device.as_mut() {
        d.mac = false;
    }
    p.resume = true;
    let t = &mut p.t;
    t.ship_to = Some(mule);
    t.ship_change_days = Some(2);
    t.edr_day_one = true;
    t.rpi = true;
    t.signal_interviews = 2;
    t.interview_signals = vec!["stalling", "ai_assisted"];
    t.interview_notes =
        vec!["Answers arrived after noticeable delays; phrasing read like generated text"];
    t.utc9 = true;
    t.vpn_share = 0.5;
    t.vpn_ips = vpn;
    t.resume_anachronism = true;
    t.messages.push(msg(
        Anchor::FirstSeen,
        75 * 60,
        "chat",
        "from_person",
        "Sorry, I was troubleshooting my router and following a guide to fix a speed issue. Maybe that triggered something?".to_string(),
    ));
    t.messages.push(msg(
        Anchor::FirstSeen,
        50 * 60,
        "chat",
        "to_person",
        "Hi, SOC here. We saw malware activity on your new laptop a few minutes ago. Can you get on a call right now?".to_string(),
    ));
    b.record(
        "day_one_compromise",
        "flagged",
        &[idx],
        Some("KnowBe4 hire (July 2024 incident report)"),
        "New senior hire whose laptop shipping address changed two days before shipment; within half an hour of the laptop's first check-in the EDR blocks an infostealer and a Raspberry Pi is attached. Interviews showed stalling and AI-assisted answers; activity follows a UTC+9 day over VPN.".to_string(),
        &[
            "EP_DAY_ONE_MALWARE",
            "EP_RASPBERRY_PI_OR_SBC",
            "ONB_SHIP_ADDR_MISMATCH",
            "INT_CHEATING_SIGNS",
            "NET_VPN_ASTRILL",
            "NET_TIMEZONE_UTC9",
            "APP_TECH_ANACHRONISM",
        ],
    );
}

/// The same name as another clerk might type it: a common short form of the given name, or
/// two adjacent letters of the family name swapped.
fn spelling_variant<R: Rng>(rng: &mut R, name: &names::Name) -> names::Name {
    const SHORT: &[(&str, &str)] = &[
        ("Jonathan", "Jon"),
        ("William", "Will"),
        ("Robert", "Rob"),
        ("Christopher", "Chris"),
        ("Jennifer", "Jen"),
        ("Katherine", "Kate"),
        ("Matthew", "Matt"),
        ("Daniel", "Dan"),
        ("Joshua", "Josh"),
        ("Nicholas", "Nick"),
        ("Samantha", "Sam"),
        ("Benjamin", "Ben"),
    ];
    let short = SHORT.iter().find(|(long, _)| name.full.starts_with(long));
    let mut out = name.clone();
    match short {
        Some((long, short)) if rng.gen_bool(0.5) => {
            out.full = name.full.replacen(long, short, 1);
        }
        _ => {
            let last: Vec<char> = name.last.chars().collect();
            if last.len() >= 4 {
                let i = rng.gen_range(1..last.len() - 2);
                let mut swapped = last.clone();
                swapped.swap(i, i + 1);
                let swapped: String = swapped.into_iter().collect();
                out.full = name.full.replacen(&name.last, &swapped, 1);
            }
        }
    }
    out
}

fn identity_lender(b: &mut Builder, k: usize) {
    const HOME: &[&str] = &[
        "Baltimore",
        "Arlington",
        "Philadelphia",
        "Columbus",
        "Atlanta",
    ];
    let city = city_index(HOME[(k + b.rng.gen_range(0..HOME.len())) % HOME.len()]);
    let mut orgs = b.companies();
    orgs.shuffle(b.rng);
    let n = b.rng.gen_range(3..=6).min(orgs.len());
    let base = b
        .rng
        .gen_range(utc(2024, 2, 1, 0, 0)..utc(2024, 9, 1, 0, 0));
    let template = b.rng.gen_range(0..1000);
    let vpn = vpn_subset(b);
    let mut members = Vec::new();
    let mut identity = None;
    let mut holders: Vec<String> = Vec::new();
    for (j, &org) in orgs.iter().enumerate().take(n) {
        let start = base + j as i64 * b.rng.gen_range(20..55) * DAY;
        let idx = b.take(&Spec {
            org: Some(org),
            emp: Some(if j % 3 == 2 {
                EmpType::Contractor
            } else {
                EmpType::Employee
            }),
            families: Some(ENG),
            city: Some(city),
            culture: Some(Culture::Anglo),
            status: Some(if j + 1 == n && n > 3 {
                Status::Hired
            } else {
                Status::Active
            }),
            hired_between: Some((start, start + 10 * DAY)),
            source: Some(Source::JobBoard),
            clean: true,
            ..Spec::default()
        });
        if identity.is_none() {
            let p = b.p(idx);
            let tax = p.tax_id.clone();
            identity = Some((
                p.name.clone(),
                p.dob,
                tax,
                p.home.clone(),
                p.phone.clone(),
                p.home_ip,
                p.isp,
                p.linkedin.clone(),
            ));
        }
        let Some((name, dob, tax, home, phone, ip, isp, linkedin)) = identity.clone() else {
            continue;
        };
        let tax = match tax {
            Some(t) => t,
            None => {
                let t = tax_id(b.rng, b.reg);
                if let Some(id) = identity.as_mut() {
                    id.2 = Some(t.clone());
                }
                t
            }
        };
        let org = b.p(idx).org.unwrap_or(0);
        let domain = b.orgs[org].domain;
        let personal = personal_email(b.rng, b.reg, &name, Culture::Anglo);
        let work = work_email(b.rng, b.reg, &name, domain);
        // Each job's pay goes to someone else's account; sometimes two jobs share one.
        let holder = if !holders.is_empty() && b.rng.gen_bool(0.3) {
            pick(b.rng, &holders).clone()
        } else {
            let c = *pick(
                b.rng,
                &[
                    Culture::Anglo,
                    Culture::Chinese,
                    Culture::Hispanic,
                    Culture::Vietnamese,
                ],
            );
            let h = names::generate(b.rng, c, true).full;
            holders.push(h.clone());
            h
        };
        let acct = bank_account(b.rng, b.reg, "US");
        let rmm = if b.rng.gen_bool(0.5) {
            RMM_ANYDESK
        } else {
            RMM_CRD
        };
        let rmm_day = b.rng.gen_range(0..4);
        // Each employer's HR keys the identity in again: after the first job, half the
        // records carry a spelling variant of the name, and those often lack the tax id.
        let variant = j > 0 && b.rng.gen_bool(0.5);
        let name = if variant {
            spelling_variant(b.rng, &name)
        } else {
            name
        };
        let tax = (!variant || b.rng.gen_bool(0.5)).then_some(tax);
        let p = b.p(idx);
        let was_hired = p.work_email.is_some();
        p.name = name;
        p.dob = dob;
        p.tax_id = tax;
        p.home = home;
        p.phone = phone;
        p.home_ip = ip;
        p.isp = isp;
        p.linkedin = linkedin;
        p.personal_email = personal;
        p.work_email = was_hired.then_some(work);
        p.resume = true;
        if let Some(d) = p.device.as_mut() {
            d.mac = false;
        }
        let method = if p.emp == Some(EmpType::Contractor) {
            Method::Bank
        } else {
            Method::Payroll
        };
        let t = &mut p.t;
        t.payout = Some(Payee {
            method,
            account: acct,
            holder,
            country: "US",
            kind: "bank_account",
        });
        t.shared_ip = Some(SharedIp {
            ip,
            city,
            asn: isp.asn,
            org: isp.org,
        });
        t.vpn_share = 0.3;
        t.vpn_ips = vpn.clone();
        t.utc9 = true;
        t.rmm = vec![rmm];
        t.rmm_day = rmm_day;
        t.resume_template = Some(template);
        // Each persona's application form is filled in anew; from the second on, the
        // résumé's oldest job drifts three years from what the form says.
        if j > 0 {
            t.resume_years_shift = 3;
        }
        if j == 0 {
            t.address_churn = 0;
        }
        members.push(idx);
    }
    b.record(
        "identity_lender",
        "flagged",
        &members,
        Some("US v. Vong"),
        format!(
            "One real identity (same full name up to a clerk's spelling, date of birth, SSN-format tax id where recorded, home address and phone) holds {} overlapping remote jobs at different companies. Each job's pay goes to an account held by someone else; the laptops sit at the lender's home and are driven over remote-access tools on a UTC+9 day.",
            members.len()
        ),
        &[
            "BEH_MULTIPLE_JOBS",
            "ID_IDENTITY_SOLD_OR_CRIMINAL",
            "PLT_CONTACT_REUSE",
            "ONB_PAYEE_NAME_MISMATCH",
            "EP_RMM_INSTALLED",
            "NET_TIMEZONE_UTC9",
        ],
    );
    b.planted(
        "APP_PROFILE_RESUME_MISMATCH",
        &members[1.min(members.len())..],
        "From the second persona on, the résumé puts the oldest prior job three years earlier than the work history the application form gives.".to_string(),
    );
}

/// A rented account's messages with a client over prepayment: (days after the hand-over,
/// direction, text).
const PREPAYMENT_PRESSURE: &[(i64, &str, &str)] = &[
    (
        9,
        "from_person",
        "Before I start the next milestone I need 50% of it paid up front. Please send the deposit today so I can begin.",
    ),
    (
        10,
        "to_person",
        "Sorry, we don't pay in advance. Milestones are released from escrow once the work is delivered and reviewed.",
    ),
    (
        11,
        "from_person",
        "I told you, no deposit, no work. Pay the advance first, then I start.",
    ),
    (
        12,
        "from_person",
        "This is ridiculous, you are wasting my time. Stop playing games and pay me now or you will regret it.",
    ),
];

fn account_renting(b: &mut Builder, k: usize) {
    let platform = b.platform();
    let n = b
        .rng
        .gen_range(4..=10)
        .min(b.free().saturating_sub(1))
        .max(2);
    let renter_culture = *pick(
        b.rng,
        &[Culture::Ukrainian, Culture::Anglo, Culture::Hispanic],
    );
    let renter = names::generate(b.rng, renter_culture, false);
    let shared = b
        .reg
        .unique(b.rng, |r| format!("payoneer:{}", crate::util::digits(r, 8)));
    let vpn = vpn_subset(b);
    let renter_bank = bank_account(b.rng, b.reg, "US");
    let eth = if k == 0 {
        RESEARCHER_ETH.to_string()
    } else {
        crypto_address(b.rng, true)
    };
    let btc = crypto_address(b.rng, false);
    let sim = b.reg.phone(b.rng, city_index("New York"));
    let mail = b.reg.unique(b.rng, |r| {
        format!("hire.devteam{}@outlook.com", r.gen_range(10..9999))
    });
    let fp = format!("fp-{}", hex(b.rng, 16));
    let template = b.rng.gen_range(0..1000);
    let half = n.div_ceil(2);
    let mut members = Vec::new();
    for j in 0..n {
        let country = *pick(b.rng, &["US", "US", "UA", "GB", "PL", "CA", "RO", "BR"]);
        let idx = b.take(&Spec {
            org: Some(platform),
            emp: Some(EmpType::Freelancer),
            families: Some(ENG),
            country: Some(country),
            status: Some(Status::Active),
            hired_between: Some((utc(2024, 1, 10, 0, 0), utc(2024, 10, 1, 0, 0))),
            source: Some(Source::Platform),
            clean: true,
            ..Spec::default()
        });
        let rented = b.rng.gen_range(20..80);
        let crypto =
            (j % 2 == 0).then(|| (if j % 4 == 0 { eth.clone() } else { btc.clone() }, 0.35));
        let foreign = b.rng.gen_bool(0.3);
        let p = b.p(idx);
        p.resume = true;
        let t = &mut p.t;
        t.rented_after_days = Some(rented);
        t.payout_later = Some((
            rented + 5,
            Payee {
                method: Method::PaymentPlatform,
                account: shared.clone(),
                holder: renter.full.clone(),
                country: "US",
                kind: "payout_account",
            },
        ));
        t.crypto = crypto;
        t.payout_changes = 3;
        t.backup_bank = Some((renter_bank.clone(), renter.full.clone()));
        if j < half {
            t.shared_phone = Some(sim.clone());
        } else {
            t.extra_email = Some(mail.clone());
        }
        t.shared_device = Some(fp.clone());
        t.utc9 = true;
        t.vpn_share = 0.55;
        t.vpn_ips = vpn.clone();
        t.foreign_ips = foreign;
        if j == 0 {
            t.vpn_hops = 2;
        }
        t.resume_template = Some(template);
        t.messages.push(msg(
            Anchor::Hired,
            (rented + 3) * DAY,
            "platform",
            "from_person",
            "Please update my payout method, I'm now using a new Payoneer account. Also fine to receive USDT if easier.".to_string(),
        ));
        if j == 1 {
            // After the hand-over the renter presses a client for money up front and turns
            // on them when refused (PSA-2023).
            for (day, direction, text) in PREPAYMENT_PRESSURE {
                t.messages.push(msg(
                    Anchor::Hired,
                    (rented + day) * DAY,
                    "platform",
                    direction,
                    text.to_string(),
                ));
            }
        }
        members.push(idx);
    }
    b.record(
        "account_renting",
        "flagged",
        &members,
        Some("US v. Didenko (UpWorkSell)"),
        format!(
            "{} freelancer accounts verified under different real identities are handed over weeks after sign-up: from then on they log in from one device fingerprint over Astrill/M247 on a UTC+9 day, and all pay goes to one payout account held by {} (plus crypto withdrawals). The accounts share a bought SIM number or a recovery e-mail and change payout details three or more times within 120 days.",
            members.len(),
            renter.full
        ),
        &[
            "PAY_ACCOUNT_SHARED_MANY",
            "PLT_CONTACT_REUSE",
            "PLT_ACCOUNT_RENTAL",
            "PLT_CROSS_ACCOUNT_LOGIN_IP",
            "ONB_BANK_CHANGE_FREQ",
            "PAY_CRYPTO_REQUEST",
            "NET_VPN_ASTRILL",
            "NET_TIMEZONE_UTC9",
        ],
    );
    b.planted(
        "NET_MULTI_IP_SHORT_WINDOW",
        &members[..1],
        VPN_HOPS.to_string(),
    );
    b.planted(
        "BEH_PREPAYMENT_AGGRESSION",
        members.get(1..2).unwrap_or_default(),
        "After the hand-over the second account asks a client to be paid half of a milestone up front, is refused (escrow pays on delivery), asks again and turns abusive.".to_string(),
    );
}

fn vendor_front(b: &mut Builder, k: usize) {
    let org = *pick(b.rng, &b.companies());
    let (vendor, domain) = FRONT_VENDORS[k % FRONT_VENDORS.len()];
    let us_acct = bank_account(b.rng, b.reg, "US");
    let cn_acct = bank_account(b.rng, b.reg, "CN");
    let n = b.rng.gen_range(2..=4);
    let mut seized = SEIZED_EMPLOYERS.to_vec();
    seized.shuffle(b.rng);
    let template = b.rng.gen_range(0..1000);
    let vpn = vpn_subset(b);
    let mut members = Vec::new();
    for j in 0..n {
        let bc = borrowed_culture(b.rng);
        let idx = b.take(&Spec {
            org: Some(org),
            emp: Some(EmpType::VendorStaff),
            families: Some(ENG),
            country: Some("US"),
            culture: Some(bc),
            status: Some(Status::Active),
            hired_between: Some((utc(2024, 1, 15, 0, 0), utc(2025, 2, 1, 0, 0))),
            source: Some(Source::Agency),
            clean: true,
            ..Spec::default()
        });
        let later = b.rng.gen_range(60..120);
        let vendor_email = domain.map(|d| {
            let (f, l) = {
                let p = b.p(idx);
                (handle_part(&p.name.first), handle_part(&p.name.last))
            };
            b.reg.unique(b.rng, |r| {
                format!("{}.{l}{}@{d}", &f[..f.len().min(1)], r.gen_range(1..99))
            })
        });
        let dev_id = format!(
            "{}-LT-{}",
            b.orgs[org].slug.to_uppercase(),
            crate::util::digits(b.rng, 6)
        );
        let p = b.p(idx);
        p.vendor = Some(vendor.to_string());
        if let Some(e) = vendor_email {
            p.personal_email = e;
        }
        if p.device.is_none() {
            p.device = Some(crate::person::Device {
                id: dev_id,
                mac: false,
            });
        }
        if let Some(d) = p.device.as_mut() {
            d.mac = false;
        }
        p.resume = true;
        let t = &mut p.t;
        t.fake_employers = vec![seized[j % seized.len()]];
        if let Some(d) = domain {
            t.fake_employers.push((vendor, d));
        }
        t.payout = Some(Payee {
            method: Method::Bank,
            account: us_acct.clone(),
            holder: vendor.to_string(),
            country: "US",
            kind: "bank_account",
        });
        t.payout_later = Some((
            later,
            Payee {
                method: Method::Bank,
                account: cn_acct.clone(),
                holder: vendor.to_string(),
                country: "CN",
                kind: "bank_account",
            },
        ));
        t.utc9 = true;
        t.vpn_share = 0.45;
        t.vpn_ips = vpn.clone();
        if j == 0 {
            t.rmm = vec![RMM_TEAMVIEWER];
            t.own_line = true;
        }
        t.resume_template = Some(template);
        members.push(idx);
    }
    b.record(
        "vendor_front",
        "flagged",
        &members,
        Some("US v. Jin Sung-Il et al. (Taggcar Inc. / Vali Tech Inc.)"),
        format!(
            "{} vendor staff supplied by '{}' (a front company from public seizure/indictment records) with e-mail or prior-employer domains that US authorities seized; their invoices are paid into one vendor account that later moves to a Chinese bank. Work follows a UTC+9 day over VPN.",
            members.len(),
            vendor
        ),
        &[
            "FRONT_SEIZED_DOMAIN",
            "APP_FAKE_PRIOR_EMPLOYER",
            "ONB_SHELL_STAFFING_CO",
            "PAY_ACCOUNT_SHARED_MANY",
            "PAY_PRC_TRANSFERS",
            "NET_TIMEZONE_UTC9",
        ],
    );
    b.planted("NET_GEO_VS_CLAIMED", &members[..1], OWN_LINE.to_string());
}

fn extortion(b: &mut Builder) {
    let org = *pick(b.rng, &b.companies());
    let bc = borrowed_culture(b.rng);
    let idx = b.take(&Spec {
        org: Some(org),
        emp: Some(EmpType::Contractor),
        families: Some(&[Family::Engineering]),
        country: Some("US"),
        culture: Some(bc),
        status: Some(Status::Terminated),
        hired_between: Some((utc(2024, 1, 15, 0, 0), utc(2024, 9, 1, 0, 0))),
        source: Some(Source::Outreach),
        clean: true,
        ..Spec::default()
    });
    let hired = b.p(idx).hired.unwrap_or(utc(2024, 3, 1, 14, 0));
    let term = (hired + b.rng.gen_range(120..240) * DAY).min(WINDOW_END - 40 * DAY);
    let term = term.div_euclid(DAY) * DAY + 14 * 3600;
    let handle = format!(
        "{}-dev{}",
        handle_part(&b.p(idx).name.first),
        b.rng.gen_range(10..99)
    );
    let stem = *pick(b.rng, REPO_STEMS);
    let wallet = format!(
        "T{}",
        from_alphabet(
            b.rng,
            b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
            33
        )
    );
    let amount = *pick(b.rng, &[50_000u32, 100_000, 250_000, 500_000]);
    let share = format!(
        "https://mega.nz/folder/{}",
        from_alphabet(
            b.rng,
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            8
        )
    );
    let org_name = b.orgs[org].name;
    let vpn = vpn_subset(b);
    let p = b.p(idx);
    p.terminated = Some(term);
    if let Some(d) = p.device.as_mut() {
        d.mac = false;
    }
    let name = p.name.full.clone();
    let t = &mut p.t;
    t.extortion = Some(Extortion {
        personal_repo: format!("github.com/{handle}/{stem}-backup"),
        share: share.clone(),
    });
    t.crypto_method_change = true;
    t.payout_later = Some((
        (term - hired) / DAY - 40,
        Payee {
            method: Method::Crypto,
            account: wallet.clone(),
            holder: name,
            country: "",
            kind: "crypto_address",
        },
    ));
    t.utc9 = true;
    t.vpn_share = 0.45;
    t.vpn_ips = vpn;
    t.rmm = vec![RMM_CRD];
    t.rmm_day = 3;
    t.own_line = true;
    t.messages.push(msg(
        Anchor::Terminated,
        -41 * DAY,
        "email",
        "from_person",
        "Could you switch my contractor payments to USDT (TRC20)? Bank transfers take too long here.".to_string(),
    ));
    t.messages.push(msg(
        Anchor::Terminated,
        2 * DAY + 5 * 3600,
        "email",
        "from_person",
        format!(
            "We have copies of your source code repositories and customer data. Pay {amount} USDT to {wallet} within 72 hours or we publish your source code and customer database online."
        ),
    ));
    t.messages.push(msg(
        Anchor::Terminated,
        5 * DAY + 2 * 3600,
        "email",
        "from_person",
        format!(
            "Final warning to {org_name}: proof is at {share}. Pay or I publish your source code on GitHub and sell the customer data."
        ),
    ));
    b.record(
        "extortion",
        "flagged",
        &[idx],
        Some("FBI PSA I-012325-PSA (2025) / Secureworks NICKEL TAPESTRY"),
        "Contractor who bulk-cloned source code and downloaded customer data, pushed the code to a personal GitHub repository and a personal cloud share days before termination, asked to be paid in USDT, and after termination sent ransom demands threatening to publish the source code.".to_string(),
        &[
            "EXF_REPO_TO_PERSONAL",
            "EXF_POST_TERMINATION_EXTORTION",
            "PAY_CRYPTO_REQUEST",
            "NET_TIMEZONE_UTC9",
            "NET_VPN_ASTRILL",
        ],
    );
    b.planted("NET_GEO_VS_CLAIMED", &[idx], OWN_LINE.to_string());
}
