//! Okta System Log benchmark data for issue #5: N events in the full `LogEvent` shape (about
//! 2.6 KB each, as in `okta_bench.rs`), with planted behaviour that gives every sign-in rule
//! (`NET_*`) evidence, and look-alikes that must not fire.
//!
//! ```text
//! cargo run --release -p redflag-ingest --example okta_gen -- N DIR
//! ```
//!
//! Writes `DIR/people.csv` (person_id, full_name, org, claimed_country, claimed_timezone),
//! `DIR/contacts.csv` (an email account and a home address per person) and `DIR/okta.ndjson`
//! (events in time order). Deterministic: the same N gives the same bytes. Streaming: every
//! person keeps one day of pending events, merged in time order through a heap, so memory
//! stays flat whatever N is. People: N/100, between 10,000 and 100,000.
//!
//! Who is in it (shares of people):
//! - **employees** (most): sign in from home in office hours of their claimed zone, from
//!   their organisation's office (an address 5+ colleagues share; some offices also show
//!   private 10.x addresses), from their phone (US phones on IPv6), and 5% sometimes through a
//!   consumer VPN; 4% of organisations route everyone through a cloud proxy (`isProxy`).
//! - **travellers** (3%): one trip of 5-9 days abroad, from a hotel line.
//! - **households** (4%): two or three people at one address behind one home IP, half with a
//!   family laptop they all sign in from. Excused by the rules.
//! - **on-call staff** (0.5%): sign-ins round the clock (no clear working day).
//! - **VPN personas** (0.4%): DPRK-style workers claiming the US, run by operators with 2-4
//!   personas each on one device: sign-ins through hosting/VPN exits in many countries that
//!   change within minutes, some IOC addresses, a quarter straight from a line in China or
//!   Russia, at UTC+8/+9 working hours, in week-long sessions.
//! - **laptop-farm personas** (0.3%): 6-10 personas of different organisations behind one US
//!   residential address, kept signed in for days, at UTC+9 hours.
//! - **freelancers abroad** (0.3%): claim the US, sign in from Ukraine, Pakistan or Vietnam.
//!
//! Besides people's own events: password spraying (failed `user.session.start` against
//! random accounts, often from IOC addresses), Okta system principals expiring sessions,
//! service accounts not in contacts, events without an account and admin events that are
//! not sign-ins (some from IOC addresses). The rules must ignore all of these.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::Path;

const HOSTING_ASNS: &str = include_str!("../../intel/data/hosting_asns.csv");
const NETWORK_IOCS: &str = include_str!("../../reference/data/network_iocs.csv");

/// 2025-01-06T00:00:00Z, a Monday.
const START_MS: i64 = 1_736_121_600_000;
const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;
const MIN_MS: i64 = 60_000;
/// The span the event rates are calibrated to.
const SPAN_DAYS: i64 = 90;
/// Expected events per login burst (see [`Gen::burst`]).
const BURST_EVENTS: f64 = 4.7;
/// Share of events that are not people's own logins (spraying, system, services, admins).
const BACKGROUND_SHARE: f64 = 0.04;

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// A stable hash of a few numbers (splitmix64 finaliser), for per-person attributes.
fn mix(parts: &[u64]) -> u64 {
    let mut z: u64 = 0x9E37_79B9_7F4A_7C15;
    for &p in parts {
        z ^= p;
        z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
    }
    z
}

/// An internet service: AS number, organisation, first octet of the block it hands out
/// (0: IPv6 mobile block `2600::/16`).
type Isp = (u32, &'static str, u8);

/// A country: code, the name Okta writes, cities (city, state), claimed time zones with their
/// standard offset in minutes, and its home, business and mobile ISPs.
struct Country {
    code: &'static str,
    name: &'static str,
    cities: &'static [(&'static str, &'static str)],
    zones: &'static [(&'static str, i32)],
    home: Isp,
    business: Isp,
    mobile: Isp,
}

const US: u8 = 0;
const NL: u8 = 14;
const SG: u8 = 15;
const CN: u8 = 12;
const RU: u8 = 13;
const UA: u8 = 9;
const PK: u8 = 10;
const VN: u8 = 11;
/// Okta names no country for this address (a legacy MaxMind region name, not a country).
const REGION: u8 = 16;
/// No geography in the event at all (private addresses).
const NO_GEO: u8 = 255;

const COUNTRIES: &[Country] = &[
    Country {
        code: "US",
        name: "United States",
        cities: &[
            ("New York", "New York"),
            ("Chicago", "Illinois"),
            ("Austin", "Texas"),
            ("Seattle", "Washington"),
        ],
        zones: &[
            ("America/New_York", -300),
            ("America/Chicago", -360),
            ("America/Denver", -420),
            ("America/Los_Angeles", -480),
        ],
        home: (7922, "Comcast Cable Communications, LLC", 73),
        business: (7018, "AT&T Services, Inc.", 12),
        mobile: (21928, "T-Mobile USA, Inc.", 0),
    },
    Country {
        code: "GB",
        name: "United Kingdom",
        cities: &[("London", "England"), ("Manchester", "England")],
        zones: &[("Europe/London", 0)],
        home: (2856, "British Telecommunications PLC", 86),
        business: (5089, "Virgin Media Limited", 81),
        mobile: (25135, "Vodafone Limited", 31),
    },
    Country {
        code: "DE",
        name: "Germany",
        cities: &[("Berlin", "Land Berlin"), ("Munich", "Bavaria")],
        zones: &[("Europe/Berlin", 60)],
        home: (3320, "Deutsche Telekom AG", 79),
        business: (8560, "IONOS SE", 87),
        mobile: (3209, "Vodafone GmbH", 94),
    },
    Country {
        code: "PL",
        name: "Poland",
        cities: &[("Warsaw", "Mazovia"), ("Krakow", "Lesser Poland")],
        zones: &[("Europe/Warsaw", 60)],
        home: (5617, "Orange Polska Spolka Akcyjna", 83),
        business: (12741, "Netia SA", 89),
        mobile: (12912, "T-Mobile Polska S.A.", 46),
    },
    Country {
        code: "IN",
        name: "India",
        cities: &[("Bengaluru", "Karnataka"), ("Pune", "Maharashtra")],
        zones: &[("Asia/Kolkata", 330)],
        home: (24560, "Bharti Airtel Ltd.", 122),
        business: (
            4755,
            "TATA Communications formerly VSNL is Leading ISP",
            115,
        ),
        mobile: (55836, "Reliance Jio Infocomm Limited", 49),
    },
    Country {
        code: "PH",
        name: "Philippines",
        cities: &[("Manila", "Metro Manila"), ("Cebu City", "Central Visayas")],
        zones: &[("Asia/Manila", 480)],
        home: (9299, "Philippine Long Distance Telephone Company", 112),
        business: (4775, "Globe Telecoms", 110),
        mobile: (132199, "Globe Telecom Inc.", 136),
    },
    Country {
        code: "CA",
        name: "Canada",
        cities: &[("Toronto", "Ontario"), ("Vancouver", "British Columbia")],
        zones: &[("America/Toronto", -300), ("America/Vancouver", -480)],
        home: (812, "Rogers Communications Canada Inc.", 99),
        business: (577, "Bell Canada", 142),
        mobile: (852, "TELUS Communications Inc.", 216),
    },
    Country {
        code: "JP",
        name: "Japan",
        cities: &[("Tokyo", "Tokyo"), ("Osaka", "Osaka")],
        zones: &[("Asia/Tokyo", 540)],
        home: (2516, "KDDI CORPORATION", 106),
        business: (4713, "NTT Communications Corporation", 133),
        mobile: (17676, "SoftBank Corp.", 126),
    },
    Country {
        code: "BR",
        name: "Brazil",
        cities: &[("Sao Paulo", "Sao Paulo"), ("Curitiba", "Parana")],
        zones: &[("America/Sao_Paulo", -180)],
        home: (28573, "Claro NXT Telecomunicacoes Ltda", 177),
        business: (18881, "TELEFONICA BRASIL S.A", 189),
        mobile: (26599, "TELEFONICA BRASIL S.A", 179),
    },
    Country {
        code: "UA",
        name: "Ukraine",
        cities: &[("Kyiv", "Kyiv City"), ("Lviv", "Lviv Oblast")],
        zones: &[("Europe/Kyiv", 120)],
        home: (15895, "Kyivstar PJSC", 93),
        business: (6849, "JSC Ukrtelecom", 91),
        mobile: (21497, "PrJSC VF UKRAINE", 176),
    },
    Country {
        code: "PK",
        name: "Pakistan",
        cities: &[("Karachi", "Sindh"), ("Lahore", "Punjab")],
        zones: &[("Asia/Karachi", 300)],
        home: (17557, "Pakistan Telecommunication Company Limited", 39),
        business: (9541, "Cyber Internet Services (Pvt) Ltd.", 111),
        mobile: (59257, "China Mobile Pak Limited", 182),
    },
    Country {
        code: "VN",
        name: "Vietnam",
        cities: &[("Hanoi", "Hanoi"), ("Ho Chi Minh City", "Ho Chi Minh")],
        zones: &[("Asia/Ho_Chi_Minh", 420)],
        home: (7552, "Viettel Group", 14),
        business: (45899, "VNPT Corp", 27),
        mobile: (18403, "FPT Telecom Company", 171),
    },
    Country {
        code: "CN",
        name: "China",
        cities: &[("Shenyang", "Liaoning"), ("Dandong", "Liaoning")],
        zones: &[("Asia/Shanghai", 480)],
        home: (4837, "CHINA UNICOM China169 Backbone", 221),
        business: (4134, "Chinanet", 222),
        mobile: (9808, "China Mobile Communications Group Co., Ltd.", 223),
    },
    Country {
        code: "RU",
        name: "Russia",
        cities: &[("Vladivostok", "Primorye"), ("Moscow", "Moscow")],
        zones: &[("Asia/Vladivostok", 600)],
        home: (12389, "PJSC Rostelecom", 95),
        business: (8359, "MTS PJSC", 188),
        mobile: (31133, "PJSC MegaFon", 178),
    },
    Country {
        code: "NL",
        name: "Netherlands",
        cities: &[("Amsterdam", "North Holland")],
        zones: &[("Europe/Amsterdam", 60)],
        home: (1136, "KPN B.V.", 77),
        business: (33915, "Vodafone Libertel B.V.", 145),
        mobile: (31615, "Odido Netherlands B.V.", 62),
    },
    Country {
        code: "SG",
        name: "Singapore",
        cities: &[("Singapore", "Singapore")],
        zones: &[("Asia/Singapore", 480)],
        home: (9506, "Singtel Fibre Broadband", 116),
        business: (4773, "MobileOne Ltd.", 118),
        mobile: (10091, "StarHub Ltd", 101),
    },
    Country {
        code: "",
        name: "Asia/Pacific Region",
        cities: &[("", "")],
        zones: &[("Asia/Singapore", 480)],
        home: (9506, "Singtel Fibre Broadband", 116),
        business: (4773, "MobileOne Ltd.", 118),
        mobile: (10091, "StarHub Ltd", 101),
    },
];

/// Claimed countries of employees, weighted.
const CLAIMED: &[(u8, u32)] = &[
    (0, 55),
    (1, 8),
    (2, 6),
    (3, 5),
    (4, 8),
    (5, 5),
    (6, 5),
    (7, 3),
    (8, 5),
];
/// Countries VPN exits sit in.
const EXIT_COUNTRIES: &[u8] = &[US, NL, 1, 2, SG, 7, 6, REGION];

const FIRST: &[&str] = &[
    "James", "Mary", "Wei", "Priya", "Carlos", "Anna", "John", "Olga", "Kenji", "Fatima", "David",
    "Maria", "Ahmed", "Sofia", "Michael", "Elena", "Raj", "Laura", "Tom", "Mei",
];
const LAST: &[&str] = &[
    "Smith", "Garcia", "Chen", "Patel", "Kim", "Novak", "Brown", "Ivanova", "Tanaka", "Khan",
    "Miller", "Silva", "Lopez", "Nguyen", "Wilson", "Kowalski", "Singh", "Martin", "Lee", "Walker",
];
const STREETS: &[&str] = &[
    "Oak", "Maple", "Cedar", "Elm", "Pine", "Birch", "Lake", "Hill",
];
const APPS: &[&str] = &[
    "Slack",
    "GitHub Enterprise Cloud",
    "Atlassian Cloud",
    "Zoom",
    "Google Workspace",
    "AWS IAM Identity Center",
    "Okta Dashboard",
    "Salesforce",
];
const AGENTS: &[(&str, &str, &str)] = &[
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36", "Mac OS X", "CHROME"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36 Edg/127.0.0.0", "Windows 10", "EDGE"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", "Windows 10", "CHROME"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "iOS", "SAFARI"),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Linux", "FIREFOX"),
    ("OktaVerify/9.25.0 (macOS 14.6.0; Mac15,6)", "Mac OS X", "UNKNOWN"),
];

/// Event types: (eventType, legacyEventType, displayMessage).
const EVENT_TYPES: &[(&str, &str, &str)] = &[
    (
        "policy.evaluate_sign_on",
        "policy.evaluate_sign_on",
        "Evaluation of sign-on policy",
    ),
    (
        "user.session.start",
        "core.user_auth.login_success",
        "User login to Okta",
    ),
    (
        "user.authentication.auth_via_mfa",
        "core.user.factor.attempt_success",
        "Authentication of user via MFA",
    ),
    (
        "user.authentication.sso",
        "app.auth.sso",
        "User single sign on to app",
    ),
    (
        "user.session.end",
        "core.user_auth.logout_success",
        "User logout from Okta",
    ),
    (
        "user.session.expire",
        "core.user_auth.session_expired",
        "User session expired",
    ),
    (
        "app.user_membership.add",
        "app.generic.provision.assign_user_to_app",
        "Add user to application membership",
    ),
    (
        "user.account.update_profile",
        "core.user.config.profile_update.success",
        "Update user profile for Okta",
    ),
    (
        "user.mfa.factor.activate",
        "core.user.factor.activate",
        "Activate factor or authenticator",
    ),
    (
        "group.user_membership.add",
        "core.user_group_member.user_add",
        "Add user to group membership",
    ),
    (
        "user.account.lock",
        "core.user.account.locked",
        "Max sign in attempts exceeded",
    ),
    (
        "system.agent.ad.connect",
        "core.system.agent.ad.connect",
        "AD agent connected",
    ),
];
const E_POLICY: u8 = 0;
const E_START: u8 = 1;
const E_MFA: u8 = 2;
const E_SSO: u8 = 3;
const E_END: u8 = 4;
const E_EXPIRE: u8 = 5;
const E_LOCK: u8 = 10;
const E_AGENT: u8 = 11;
/// Non-sign-in events people cause now and then.
const OTHER_EVENTS: &[u8] = &[6, 7, 8, 9];

/// outcome.result values and their reasons.
const OUTCOMES: &[(&str, &str)] = &[
    ("SUCCESS", ""),
    ("FAILURE", "INVALID_CREDENTIALS"),
    ("ALLOW", "Sign-on policy evaluation resulted in ALLOW"),
    (
        "CHALLENGE",
        "Sign-on policy evaluation resulted in CHALLENGE",
    ),
    ("UNKNOWN", ""),
];
const O_SUCCESS: u8 = 0;
const O_FAILURE: u8 = 1;
const O_ALLOW: u8 = 2;
const O_CHALLENGE: u8 = 3;

/// An address, as the event writes it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ip {
    V4(u32),
    /// `2600:a:b:c::d`, groups all non-zero so the text is canonical.
    V6([u16; 4]),
}

impl Ip {
    fn write(self, out: &mut String) {
        match self {
            Ip::V4(v) => {
                let b = v.to_be_bytes();
                let _ = write!(out, "{}.{}.{}.{}", b[0], b[1], b[2], b[3]);
            }
            Ip::V6(g) => {
                let _ = write!(out, "2600:{:x}:{:x}:{:x}::{:x}", g[0], g[1], g[2], g[3]);
            }
        }
    }

    fn v4(text: &str) -> Ip {
        let mut v = 0u32;
        for part in text.split('.') {
            v = (v << 8) | part.trim().parse::<u32>().expect("dotted quad");
        }
        Ip::V4(v)
    }
}

/// Where one sign-in came from, with what Okta says about the address.
#[derive(Clone, Copy)]
struct Net {
    ip: Ip,
    /// `None` for private addresses (no enrichment).
    asn: Option<(u32, &'static str)>,
    country: u8,
    city: u8,
    is_proxy: Option<bool>,
}

/// An address in `isp`'s block: `offset` within the block's 16M addresses.
fn block_ip(isp: Isp, offset: u32) -> Ip {
    if isp.2 == 0 {
        // IPv6 for US phones: every group non-zero.
        Ip::V6([
            0x1000 + (offset >> 12) as u16,
            0x1000 + (offset & 0xFFF) as u16,
            1,
            1,
        ])
    } else {
        // Never .0 or .255 in the last octet, and never two offsets on one address.
        let host = (offset / 254) * 256 + offset % 254 + 1;
        assert!(host < 1 << 24, "offset {offset} fits the block");
        Ip::V4(u32::from(isp.2) << 24 | host)
    }
}

fn net(isp: Isp, offset: u32, country: u8, city: u8) -> Net {
    Net {
        ip: block_ip(isp, offset),
        asn: Some((isp.0, isp.1)),
        country,
        city,
        is_proxy: Some(false),
    }
}

/// Who a person is (see the module docs).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Employee,
    Traveller,
    OnCall,
    VpnPersona,
    FarmPersona,
    Freelancer,
}

struct Org {
    country: u8,
    office: bool,
    on_prem: bool,
    proxy: bool,
}

struct Person {
    kind: Kind,
    org: u32,
    claimed: u8,
    zone: u8,
    /// The UTC offset the person really lives by, in minutes.
    offset: i32,
    home: Net,
    /// The person's own device id (0: none registered with Okta).
    device: u64,
    /// A device shared with others: the household's laptop or the operator's machine.
    shared_device: u64,
    agent: u8,
    /// Logins per working day.
    rate: f64,
    office_worker: bool,
    vpn_user: bool,
    /// A line shared with others: an operator's line in China or Russia, or a farm.
    line: Option<Net>,
    trip: Option<(i64, i64, u8)>,
    email: String,
}

/// One event waiting to be written.
#[derive(Clone, Copy)]
struct Ev {
    at: i64,
    kind: u8,
    outcome: u8,
    actor: Actor,
    net: Net,
    /// 0: `client.ipAddress` as is; 1: JSON null; 2: the string `"null"` (the address is in
    /// `request.ipChain` only).
    ip_mode: u8,
    session: Session,
    device: u64,
    app: u8,
    agent: u8,
}

#[derive(Clone, Copy)]
enum Actor {
    /// A person's account; `true` writes it with an upper-case first letter.
    Person(u32, bool),
    /// A service account that contacts does not list.
    Service(u32),
    /// A user actor without an alternateId.
    Anonymous,
    /// Okta itself.
    System,
}

#[derive(Clone, Copy)]
enum Session {
    /// rootSessionId and externalSessionId.
    Id(u64),
    /// Only externalSessionId.
    External(u64),
    /// Okta's `unknown` (before a session exists).
    Unknown,
}

/// The whole generator: people, networks and the time-ordered merge.
struct Gen {
    people: Vec<Person>,
    orgs: Vec<Org>,
    exits: Vec<Net>,
    iocs: Vec<Net>,
    pending: Vec<VecDeque<Ev>>,
    next_day: Vec<i64>,
    rng: Rng,
}

/// Hosting ASNs of redflag's built-in table, and the IOC addresses each note names.
fn hosting_asns() -> Vec<(u32, &'static str, Vec<String>)> {
    let mut out = Vec::new();
    for line in HOSTING_ASNS
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .skip(1)
    {
        let fields = csv_fields(line);
        if fields.len() < 5 {
            continue;
        }
        let Ok(asn) = fields[0].parse::<u32>() else {
            continue;
        };
        let org: &'static str = Box::leak(fields[3].clone().into_boxed_str());
        let ips = fields[4]
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|t| t.split('.').count() == 4 && t.split('.').all(|o| !o.is_empty()))
            .map(str::to_string)
            .collect();
        out.push((asn, org, ips));
    }
    out
}

/// Fields of one CSV line (double quotes, no escaped quotes inside).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

impl Gen {
    fn new(n_people: u32, events: u64) -> Gen {
        let mut rng = Rng(0x5EED_0C7A_2025);
        let hosting = hosting_asns();
        // VPN and hosting exits: 240 addresses in the built-in hosting ASNs, 40% flagged as
        // proxies by Okta, and 20 residential proxies (a home ISP's AS, isProxy true).
        let mut exits = Vec::new();
        for e in 0..240u32 {
            let (asn, org, _) = &hosting[e as usize % hosting.len()];
            let country =
                EXIT_COUNTRIES[(mix(&[u64::from(e), 1]) % EXIT_COUNTRIES.len() as u64) as usize];
            let host = (e as usize / hosting.len()) as u32;
            exits.push(Net {
                ip: Ip::V4(
                    185 << 24 | (e % hosting.len() as u32) << 16 | host << 8 | (10 + e % 200),
                ),
                asn: Some((*asn, *org)),
                country,
                city: 0,
                is_proxy: Some(mix(&[u64::from(e), 2]) % 10 < 4),
            });
        }
        for e in 0..20u32 {
            exits.push(Net {
                ip: Ip::V4(24 << 24 | e << 8 | 77),
                asn: Some((11427, "Charter Communications Inc")),
                country: US,
                city: (e % 4) as u8,
                is_proxy: Some(true),
            });
        }
        // IOC addresses, in the AS the built-in table's notes put them in, else a home ISP.
        let mut iocs = Vec::new();
        for (i, line) in NETWORK_IOCS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .enumerate()
        {
            let ip = csv_fields(line)[0].clone();
            let known = hosting.iter().find(|(_, _, ips)| ips.contains(&ip));
            let (asn, country) = match known {
                Some((asn, org, _)) => ((*asn, *org), US),
                None => {
                    let c = [US, CN, RU, SG, NL][i % 5];
                    let isp = COUNTRIES[c as usize].home;
                    ((isp.0, isp.1), c)
                }
            };
            iocs.push(Net {
                ip: Ip::v4(&ip),
                asn: Some(asn),
                country,
                city: 0,
                is_proxy: Some(known.is_some() && i % 2 == 0),
            });
        }
        // Organisations of about 60 people.
        let n_orgs = (n_people / 60).max(20);
        let orgs: Vec<Org> = (0..n_orgs)
            .map(|o| {
                let h = mix(&[u64::from(o), 11]);
                let country = if h % 100 < 70 {
                    US
                } else {
                    pick_claimed(h >> 8)
                };
                Org {
                    country,
                    office: h % 10 < 8,
                    on_prem: (h >> 4).is_multiple_of(5),
                    proxy: (h >> 12).is_multiple_of(25),
                }
            })
            .collect();
        // Kinds, then groups: operators (2-4 personas), farms (6-10), households (2-3).
        let mut people = Vec::with_capacity(n_people as usize);
        let mut kinds = Vec::with_capacity(n_people as usize);
        let mut household = Vec::new();
        for p in 0..n_people {
            let r = mix(&[u64::from(p), 21]) % 1000;
            let kind = match r {
                0..=3 => Kind::VpnPersona,
                4..=6 => Kind::FarmPersona,
                7..=9 => Kind::Freelancer,
                10..=14 => Kind::OnCall,
                15..=44 => Kind::Traveller,
                _ => Kind::Employee,
            };
            if (45..85).contains(&r) {
                household.push(p);
            }
            kinds.push(kind);
        }
        let groups = |members: Vec<u32>, lo: usize, hi: usize, salt: u64| -> Vec<Vec<u32>> {
            let mut out: Vec<Vec<u32>> = Vec::new();
            let mut i = 0;
            while i < members.len() {
                let size = lo + (mix(&[i as u64, salt]) % (hi - lo + 1) as u64) as usize;
                out.push(members[i..(i + size).min(members.len())].to_vec());
                i += size;
            }
            if out.len() > 1 && out.last().is_some_and(|g| g.len() < lo) {
                let tail = out.pop().expect("tail");
                out.last_mut().expect("group").extend(tail);
            }
            out
        };
        let of_kind =
            |k: Kind| -> Vec<u32> { (0..n_people).filter(|&p| kinds[p as usize] == k).collect() };
        let operators = groups(of_kind(Kind::VpnPersona), 2, 4, 31);
        let farms = groups(of_kind(Kind::FarmPersona), 6, 10, 32);
        let households = groups(household, 2, 3, 33);
        let mut group_of = vec![u32::MAX; n_people as usize];
        for (g, members) in operators
            .iter()
            .chain(&farms)
            .chain(&households)
            .enumerate()
        {
            for &m in members {
                group_of[m as usize] = g as u32;
            }
        }
        let n_operators = operators.len() as u32;
        let n_farms = farms.len() as u32;
        let is_household = |g: u32| g != u32::MAX && g >= n_operators + n_farms;
        let household_head: Vec<u32> = {
            let mut head = vec![u32::MAX; n_people as usize];
            for members in &households {
                for &m in members {
                    head[m as usize] = members[0];
                }
            }
            head
        };
        // Weights: personas are busy accounts, on-call staff work every day.
        let weight = |k: Kind| match k {
            Kind::VpnPersona | Kind::FarmPersona => 2.5,
            Kind::Freelancer | Kind::OnCall => 1.5,
            _ => 1.0,
        };
        let total_weight: f64 = kinds.iter().map(|&k| weight(k)).sum();
        let person_events = events as f64 * (1.0 - BACKGROUND_SHARE);
        for p in 0..n_people {
            let h = mix(&[u64::from(p), 41]);
            let kind = kinds[p as usize];
            let org = (mix(&[u64::from(p), 42]) % u64::from(n_orgs)) as u32;
            let head = household_head[p as usize];
            let in_household = head != u32::MAX;
            // Household members claim the head's country and share its home line.
            let home_of = if in_household { head } else { p };
            let claimed = match kind {
                Kind::VpnPersona | Kind::FarmPersona | Kind::Freelancer => US,
                _ => {
                    let hh = mix(&[u64::from(home_of), 43]);
                    let org_country =
                        orgs[(mix(&[u64::from(home_of), 42]) % u64::from(n_orgs)) as usize].country;
                    if hh % 100 < 85 {
                        org_country
                    } else {
                        pick_claimed(hh >> 8)
                    }
                }
            };
            let country = &COUNTRIES[claimed as usize];
            let zone = (mix(&[u64::from(home_of), 44]) % country.zones.len() as u64) as u8;
            let claimed_offset = country.zones[zone as usize].1;
            let city = (mix(&[u64::from(home_of), 45]) % country.cities.len() as u64) as u8;
            let (offset, home) = match kind {
                Kind::Freelancer => {
                    let c = [UA, PK, VN][(h % 3) as usize];
                    let cc = &COUNTRIES[c as usize];
                    (cc.zones[0].1, net(cc.home, p * 3 + 1, c, (h % 2) as u8))
                }
                // Personas live by Pyongyang's or Shenyang's clock.
                Kind::VpnPersona | Kind::FarmPersona => (
                    if h.is_multiple_of(3) { 480 } else { 540 },
                    net(country.home, home_of * 3 + 1, claimed, city),
                ),
                _ => (
                    claimed_offset,
                    net(country.home, home_of * 3 + 1, claimed, city),
                ),
            };
            let group = group_of[p as usize];
            let line = match kind {
                Kind::VpnPersona => {
                    let c = if group % 4 == 3 { RU } else { CN };
                    Some(net(
                        COUNTRIES[c as usize].home,
                        group * 5 + 2,
                        c,
                        (group % 2) as u8,
                    ))
                }
                Kind::FarmPersona => Some(net(
                    COUNTRIES[US as usize].home,
                    0xF0_0000 + (group - n_operators) * 4 + 1,
                    US,
                    ((group - n_operators) % 4) as u8,
                )),
                _ => None,
            };
            let shared_device = match kind {
                Kind::VpnPersona => device_id(&[u64::from(group), 51]),
                _ if is_household(group) && mix(&[u64::from(group), 52]).is_multiple_of(2) => {
                    device_id(&[u64::from(group), 53])
                }
                _ => 0,
            };
            let device = match kind {
                Kind::VpnPersona => 0,
                Kind::FarmPersona => device_id(&[u64::from(p), 54]),
                _ if h % 10 < 7 => device_id(&[u64::from(p), 54]),
                _ => 0,
            };
            let trip = (kind == Kind::Traveller).then(|| {
                let mut c = [1u8, 2, 7, 6, 8, 5, 4, US][((h >> 20) % 8) as usize];
                if c == claimed {
                    c = if claimed == US { 1 } else { US };
                }
                (10 + ((h >> 24) % 60) as i64, 5 + ((h >> 32) % 5) as i64, c)
            });
            let working_days = match kind {
                Kind::OnCall => SPAN_DAYS as f64,
                _ => SPAN_DAYS as f64 * 5.0 / 7.0,
            };
            let rate = person_events * weight(kind) / total_weight / working_days / BURST_EVENTS;
            let first = FIRST[(h % FIRST.len() as u64) as usize];
            let last = LAST[((h >> 8) % LAST.len() as u64) as usize];
            people.push(Person {
                kind,
                org,
                claimed,
                zone,
                offset,
                home,
                device,
                shared_device,
                agent: ((h >> 40) % AGENTS.len() as u64) as u8,
                rate,
                // Only people who live where their organisation's office is go there.
                office_worker: orgs[org as usize].office
                    && orgs[org as usize].country == claimed
                    && (h >> 16) % 10 < 6,
                vpn_user: kind == Kind::Employee && (h >> 28).is_multiple_of(20),
                line,
                trip,
                email: format!(
                    "{}.{}{}@org{}.example.com",
                    first.to_lowercase(),
                    last.to_lowercase(),
                    p,
                    org
                ),
            });
        }
        let _ = rng.next();
        let n = people.len();
        Gen {
            people,
            orgs,
            exits,
            iocs,
            pending: vec![VecDeque::new(); n + BACKGROUND.len()],
            next_day: vec![0; n + BACKGROUND.len()],
            rng,
        }
    }

    /// Plans person `p`'s next day with at least one event; returns false never (people
    /// sign in forever, the writer stops at N).
    fn plan_person(&mut self, p: usize) {
        loop {
            let day = self.next_day[p];
            self.next_day[p] += 1;
            let mut events = self.person_day(p, day);
            if events.is_empty() {
                continue;
            }
            events.sort_by_key(|e| e.at);
            for i in 1..events.len() {
                if events[i].at <= events[i - 1].at {
                    events[i].at = events[i - 1].at + 1;
                }
            }
            self.pending[p].extend(events);
            return;
        }
    }

    /// One person's events on local day `day` (0 = Monday 2025-01-06 in their own zone).
    fn person_day(&mut self, p: usize, day: i64) -> Vec<Ev> {
        let person = &self.people[p];
        let kind = person.kind;
        let midnight = START_MS + day * DAY_MS - i64::from(person.offset) * MIN_MS;
        let weekday = day % 7;
        let rate = person.rate;
        let logins = match (kind, weekday) {
            (Kind::OnCall, _) => draw(&mut self.rng, rate),
            (Kind::VpnPersona | Kind::FarmPersona, 5) => draw(&mut self.rng, rate * 0.5),
            (_, 0..=4) => draw(&mut self.rng, rate),
            _ => u64::from(self.rng.chance((rate * 0.08).min(1.0))),
        };
        let mut out = Vec::new();
        for _ in 0..logins {
            let hour = match kind {
                Kind::OnCall => self.rng.unit() * 24.0,
                Kind::VpnPersona | Kind::FarmPersona => 9.0 + self.rng.unit() * 10.0,
                _ => 8.0 + self.rng.unit() * 10.5,
            };
            let at = midnight + (hour * HOUR_MS as f64) as i64;
            self.burst(p, day, at, midnight + DAY_MS - 1000, &mut out);
        }
        out
    }

    /// The network of one login of person `p` on `day`.
    fn login_net(&mut self, p: usize, day: i64) -> Net {
        let person = &self.people[p];
        let org = &self.orgs[person.org as usize];
        let weekday = day % 7 < 5;
        match person.kind {
            Kind::VpnPersona => {
                if self.rng.chance(0.25) {
                    person.line.expect("operators have a line")
                } else if self.rng.chance(0.06) {
                    self.iocs[self.rng.below(self.iocs.len() as u64) as usize]
                } else {
                    self.exits[self.rng.below(60) as usize]
                }
            }
            Kind::FarmPersona => {
                if self.rng.chance(0.85) {
                    person.line.expect("farms have a line")
                } else {
                    self.exits[self.rng.below(60) as usize]
                }
            }
            Kind::Freelancer => person.home,
            _ => {
                if let Some((start, len, c)) = person.trip {
                    if (start..start + len).contains(&day) {
                        let cc = &COUNTRIES[c as usize];
                        return net(
                            cc.business,
                            0x80_0000 + p as u32,
                            c,
                            (p % cc.cities.len()) as u8,
                        );
                    }
                }
                if org.proxy {
                    let o = person.org;
                    return Net {
                        ip: Ip::V4(
                            165 << 24
                                | 225 << 16
                                | (o / 60) << 8
                                | ((o % 60) * 4 + 1 + self.rng.below(4) as u32),
                        ),
                        asn: Some((62044, "Zscaler, Inc.")),
                        country: org.country,
                        city: 0,
                        is_proxy: Some(true),
                    };
                }
                if person.office_worker && weekday && self.rng.chance(0.6) {
                    if org.on_prem && self.rng.chance(0.2) {
                        return Net {
                            ip: Ip::V4(10 << 24 | (1 + self.rng.below(20) as u32)),
                            asn: None,
                            country: NO_GEO,
                            city: 0,
                            is_proxy: None,
                        };
                    }
                    let cc = &COUNTRIES[org.country as usize];
                    return net(
                        cc.business,
                        person.org * 8 + 1,
                        org.country,
                        (person.org % cc.cities.len() as u32) as u8,
                    );
                }
                if person.vpn_user && self.rng.chance(0.1) {
                    if self.rng.chance(0.02) {
                        return self.iocs[self.rng.below(self.iocs.len() as u64) as usize];
                    }
                    return self.exits[self.rng.below(self.exits.len() as u64) as usize];
                }
                if self.rng.chance(0.1) {
                    let cc = &COUNTRIES[person.claimed as usize];
                    let d = (day.rem_euclid(128)) as u32;
                    return net(
                        cc.mobile,
                        p as u32 * 128 + d,
                        person.claimed,
                        person.home.city,
                    );
                }
                person.home
            }
        }
    }

    /// One login: policy check, maybe a failed password, the session start, MFA, single
    /// sign-ons, now and then another event and a logout; events seconds apart.
    fn burst(&mut self, p: usize, day: i64, mut at: i64, day_end: i64, out: &mut Vec<Ev>) {
        let mut net = self.login_net(p, day);
        let person = &self.people[p];
        let kind = person.kind;
        let week = day.div_euclid(7);
        let session_seed = match kind {
            // Personas keep one session all week (a laptop never signed out).
            Kind::VpnPersona | Kind::FarmPersona => mix(&[p as u64, week as u64, 61]),
            _ => mix(&[p as u64, day as u64, 62]),
        };
        let on_phone = matches!(net.ip, Ip::V6(_))
            || (net.asn.map(|a| a.0) == Some(COUNTRIES[person.claimed as usize].mobile.0));
        let device = if on_phone {
            0
        } else if person.shared_device != 0 && (kind == Kind::VpnPersona || self.rng.chance(0.3)) {
            person.shared_device
        } else {
            person.device
        };
        let agent = if on_phone { 3 } else { person.agent };
        let upper = self.rng.chance(0.03);
        let actor = Actor::Person(p as u32, upper);
        let ip_mode = if self.rng.chance(0.01) {
            1 + self.rng.below(2) as u8
        } else {
            0
        };
        let hops = kind == Kind::VpnPersona && !self.people[p].line.is_some_and(|l| l.ip == net.ip);
        let mut ev = |kind_: u8, outcome: u8, session: Session, at: i64, app: u8, net: Net| {
            out.push(Ev {
                at,
                kind: kind_,
                outcome,
                actor,
                net,
                ip_mode,
                session,
                device,
                app,
                agent,
            });
        };
        if self.rng.chance(0.5) {
            ev(E_POLICY, O_ALLOW, Session::Unknown, at, 6, net);
            at += self.rng.range(1000, 3000);
        }
        if self.rng.chance(0.05) {
            ev(E_START, O_FAILURE, Session::Unknown, at, 6, net);
            at += self.rng.range(5000, 20_000);
        }
        ev(E_START, O_SUCCESS, Session::Id(session_seed), at, 6, net);
        if self.rng.chance(0.4) {
            at += self.rng.range(3000, 15_000);
            if self.rng.chance(0.05) {
                ev(E_MFA, O_CHALLENGE, Session::Id(session_seed), at, 6, net);
                at += self.rng.range(3000, 15_000);
            }
            ev(E_MFA, O_SUCCESS, Session::Id(session_seed), at, 6, net);
        }
        for _ in 0..self.rng.below(4) {
            at += self.rng.range(5000, 60_000);
            // A VPN persona's client hops to another exit mid-session.
            if hops && self.rng.chance(0.3) {
                net = self.exits[self.rng.below(60) as usize];
            }
            let session = if self.rng.chance(0.1) {
                Session::External(session_seed)
            } else {
                Session::Id(session_seed)
            };
            let app = self.rng.below(APPS.len() as u64) as u8;
            ev(E_SSO, O_SUCCESS, session, at, app, net);
        }
        if self.rng.chance(0.15) {
            at += self.rng.range(5000, 60_000);
            let k = OTHER_EVENTS[self.rng.below(OTHER_EVENTS.len() as u64) as usize];
            ev(k, O_SUCCESS, Session::Id(session_seed), at, 6, net);
        }
        if self.rng.chance(0.3) {
            let end = (at + self.rng.range(20 * MIN_MS, 240 * MIN_MS)).min(day_end);
            ev(
                E_END,
                O_SUCCESS,
                Session::Id(session_seed),
                end.max(at + 1000),
                6,
                net,
            );
        }
    }

    /// Background process `b`'s next burst, starting after `after`.
    fn plan_background(&mut self, b: usize, after: i64, per_ms: f64) {
        let (share, _) = BACKGROUND[b];
        let gap_mean = 1.0 / (per_ms * share);
        let slot = self.people.len() + b;
        let mut at = after + (gap_mean * -((1.0 - self.rng.unit()).ln())) as i64 + 1;
        let n_people = self.people.len() as u64;
        let mut out = Vec::new();
        let plain = |at, kind, outcome, actor, net, session| Ev {
            at,
            kind,
            outcome,
            actor,
            net,
            ip_mode: 0,
            session,
            device: 0,
            app: 6,
            agent: 4,
        };
        match b {
            // Password spraying: failed sign-ins against random accounts from one address.
            0 => {
                let net = match self.rng.below(3) {
                    0 => self.iocs[self.rng.below(self.iocs.len() as u64) as usize],
                    1 => self.exits[self.rng.below(self.exits.len() as u64) as usize],
                    _ => {
                        let c = [CN, RU, VN][self.rng.below(3) as usize];
                        net(
                            COUNTRIES[c as usize].business,
                            self.rng.below(0x10_0000) as u32,
                            c,
                            0,
                        )
                    }
                };
                for _ in 0..5 + self.rng.below(11) {
                    let victim = self.rng.below(n_people) as u32;
                    out.push(plain(
                        at,
                        E_START,
                        O_FAILURE,
                        Actor::Person(victim, false),
                        net,
                        Session::Unknown,
                    ));
                    if self.rng.chance(0.2) {
                        at += 500;
                        out.push(plain(
                            at,
                            E_LOCK,
                            O_FAILURE,
                            Actor::Person(victim, false),
                            net,
                            Session::Unknown,
                        ));
                    }
                    at += self.rng.range(1000, 8000);
                }
            }
            // Okta expiring sessions, and its AD agent reconnecting.
            1 => {
                let victim = self.rng.below(n_people) as u32;
                let okta = self.exits[(self.rng.below(4) * 40 % 240) as usize];
                let kind = if self.rng.chance(0.8) {
                    E_EXPIRE
                } else {
                    E_AGENT
                };
                let mut ev = plain(
                    at,
                    kind,
                    O_SUCCESS,
                    Actor::System,
                    okta,
                    Session::Id(mix(&[u64::from(victim), 71])),
                );
                ev.actor = Actor::System;
                let _ = victim;
                out.push(ev);
            }
            // Service accounts (not in contacts) and user actors without an account.
            2 => {
                let svc = self.rng.below(50) as u32;
                let net = self.exits[(self.rng.below(12) * 20) as usize];
                let actor = if self.rng.chance(0.05) {
                    Actor::Anonymous
                } else {
                    Actor::Service(svc)
                };
                for _ in 0..1 + self.rng.below(3) {
                    out.push(plain(
                        at,
                        E_SSO,
                        O_SUCCESS,
                        actor,
                        net,
                        Session::Id(mix(&[u64::from(svc), 72])),
                    ));
                    at += self.rng.range(1000, 5000);
                }
            }
            // Admin changes that are not sign-ins, some from IOC addresses.
            _ => {
                let admin = self.rng.below(n_people) as u32;
                let net = if self.rng.chance(0.3) {
                    self.iocs[self.rng.below(self.iocs.len() as u64) as usize]
                } else {
                    self.people[admin as usize].home
                };
                let kind = OTHER_EVENTS[self.rng.below(OTHER_EVENTS.len() as u64) as usize];
                out.push(plain(
                    at,
                    kind,
                    O_SUCCESS,
                    Actor::Person(admin, false),
                    net,
                    Session::Id(mix(&[u64::from(admin), 73])),
                ));
            }
        }
        self.pending[slot].extend(out);
    }

    fn write_event(&self, ev: &Ev, uuid: u64, out: &mut String) {
        let (etype, legacy, message) = EVENT_TYPES[ev.kind as usize];
        let (result, reason) = OUTCOMES[ev.outcome as usize];
        out.push_str(r#"{"actor":{"id":""#);
        match ev.actor {
            Actor::Person(p, upper) => {
                let email = &self.people[p as usize].email;
                let _ = write!(out, r#"00u{p:017}","type":"User","alternateId":""#);
                if upper {
                    let mut chars = email.chars();
                    if let Some(c) = chars.next() {
                        out.push(c.to_ascii_uppercase());
                        out.push_str(chars.as_str());
                    }
                } else {
                    out.push_str(email);
                }
                let _ = write!(
                    out,
                    r#"","displayName":"{}","detailEntry":null}}"#,
                    display_name(email)
                );
            }
            Actor::Service(s) => {
                let _ = write!(
                    out,
                    r#"00usvc{s:014}","type":"User","alternateId":"svc-deploy{s}@automation.example.com","displayName":"Deploy bot {s}","detailEntry":null}}"#
                );
            }
            Actor::Anonymous => {
                out.push_str(r#"00u00000000000000000","type":"User","alternateId":null,"displayName":"Unknown","detailEntry":null}"#);
            }
            Actor::System => {
                out.push_str(r#"0oa1gjh63g214q0Hq0g4","type":"SystemPrincipal","alternateId":"system@okta.com","displayName":"Okta System","detailEntry":null}"#);
            }
        }
        let (agent, os, browser) = AGENTS[ev.agent as usize];
        let _ = write!(
            out,
            r#","client":{{"userAgent":{{"rawUserAgent":"{agent}","os":"{os}","browser":"{browser}"}},"zone":"null","device":"Computer","id":null,"ipAddress":"#
        );
        let mut ip = String::with_capacity(40);
        ev.net.ip.write(&mut ip);
        match ev.ip_mode {
            1 => out.push_str("null"),
            2 => out.push_str("\"null\""),
            _ => {
                let _ = write!(out, "\"{ip}\"");
            }
        }
        let mut geo = String::with_capacity(200);
        if ev.net.country == NO_GEO {
            geo.push_str("null");
        } else {
            let c = &COUNTRIES[ev.net.country as usize];
            let (city, state) = c.cities[ev.net.city as usize % c.cities.len()];
            let _ = write!(
                geo,
                r#"{{"city":"{city}","state":"{state}","country":"{}","postalCode":"{}","geolocation":{{"lat":{}.{:04},"lon":-{}.{:04}}}}}"#,
                c.name,
                10000 + u32::from(ev.net.city) * 17,
                30 + ev.net.country % 30,
                uuid % 10000,
                70 + ev.net.city,
                (uuid >> 16) % 10000
            );
        }
        let _ = write!(out, r#","geographicalContext":{geo}}}"#);
        if ev.device == 0 {
            out.push_str(r#","device":null"#);
        } else {
            let _ = write!(
                out,
                r#","device":{{"id":"{}","name":"Mac15,6","os_platform":"OSX","os_version":"14.6.0","managed":false,"registered":true,"device_integrator":null,"disk_encryption_type":"ALL_INTERNAL_VOLUMES","screen_lock_type":"BIOMETRIC","jailbreak":null,"secure_hardware_present":true}}"#,
                DeviceId(ev.device)
            );
        }
        out.push_str(r#","authenticationContext":{"authenticationProvider":null,"credentialProvider":null,"credentialType":null,"issuer":null,"interface":null,"authenticationStep":0,"rootSessionId":"#);
        match ev.session {
            Session::Id(s) => {
                let _ = write!(out, r#""102{s:022x}","externalSessionId":"102{s:022x}"}}"#);
            }
            Session::External(s) => {
                let _ = write!(out, r#"null,"externalSessionId":"102{s:022x}"}}"#);
            }
            Session::Unknown => out.push_str(r#""unknown","externalSessionId":"unknown"}"#),
        }
        let reason = if reason.is_empty() {
            "null".to_string()
        } else {
            format!("\"{reason}\"")
        };
        let _ = write!(
            out,
            r#","displayMessage":"{message}","eventType":"{etype}","outcome":{{"result":"{result}","reason":{reason}}},"published":""#
        );
        write_time(ev.at, out);
        let (asn, as_org) = match ev.net.asn {
            Some((a, o)) => (a.to_string(), format!("\"{o}\"")),
            None => ("null".to_string(), "null".to_string()),
        };
        let proxy = match ev.net.is_proxy {
            Some(true) => "true",
            Some(false) => "false",
            None => "null",
        };
        let risk = if ev.outcome == O_FAILURE {
            "MEDIUM"
        } else {
            "LOW"
        };
        let _ = write!(
            out,
            r#"","securityContext":{{"asNumber":{asn},"asOrg":{as_org},"isp":{as_org},"domain":null,"isProxy":{proxy},"risk":{{"level":"{risk}","reasons":["Anomalous Device"],"detectionName":"Suspected Session Hijacking"}},"ipDetails":{{"asNumber":{asn},"asOrg":{as_org},"isp":{as_org}}},"userBehaviors":[{{"id":"bhv3pcdHYo3rVDL0w0g4","name":"New Device","result":"NEGATIVE"}},{{"id":"bhvexm4UkQc71MgEw0g4","name":"New Geo-Location","result":"POSITIVE"}}],"botProtection":{{"level":"LOW"}}}},"severity":"INFO","debugContext":{{"debugData":{{"requestId":"{:032x}","requestUri":"/idp/idx/authenticators/poll","url":"/idp/idx/authenticators/poll"}}}},"legacyEventType":"{legacy}","transaction":{{"type":"WEB","id":"{:032x}","detail":null}},"uuid":"{:08x}-{:04x}-11ef-{:04x}-{:012x}","version":"0","request":{{"ipChain":[{{"ip":"{ip}","geographicalContext":{geo},"version":"{}","source":null,"ipDetails":{{"asNumber":{asn},"asOrg":{as_org},"isp":{as_org}}}}}]}}"#,
            u128::from(uuid) * 31,
            u128::from(uuid) * 37,
            (uuid >> 32) as u32,
            (uuid >> 16) & 0xffff,
            uuid & 0xffff,
            mix(&[uuid]) & 0xffff_ffff_ffff,
            if matches!(ev.net.ip, Ip::V6(_)) {
                "V6"
            } else {
                "V4"
            }
        );
        let app = APPS[ev.app as usize % APPS.len()];
        let _ = write!(
            out,
            r#","target":[{{"id":"pfdfdhyjf0HMbkP2e1d7","type":"AuthenticatorEnrollment","alternateId":"unknown","displayName":"Okta Verify","detailEntry":null}},{{"id":"0oatxlef9sQvvqInq5d{}","type":"AppInstance","alternateId":"{app}","displayName":"{app}","detailEntry":null}}]}}"#,
            ev.app
        );
        out.push('\n');
    }
}

/// Background processes: (share of all events, name).
const BACKGROUND: &[(f64, &str)] = &[
    (0.015, "password spraying"),
    (0.010, "Okta system"),
    (0.010, "service accounts"),
    (0.005, "admin changes"),
];

fn pick_claimed(h: u64) -> u8 {
    let total: u32 = CLAIMED.iter().map(|c| c.1).sum();
    let mut r = (h % u64::from(total)) as u32;
    for &(c, w) in CLAIMED {
        if r < w {
            return c;
        }
        r -= w;
    }
    US
}

/// Whole logins for one day at `rate` per day: the integer part, plus one with the rest as
/// chance.
fn draw(rng: &mut Rng, rate: f64) -> u64 {
    let base = rate.floor();
    base as u64 + u64::from(rng.chance(rate - base))
}

/// A non-zero device seed.
fn device_id(parts: &[u64]) -> u64 {
    mix(parts) | 1
}

/// Okta device ids look like `guo1a2b3c4d5e6f7g8h9`.
struct DeviceId(u64);

impl std::fmt::Display for DeviceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let mut v = self.0;
        let mut s = [b'0'; 17];
        for (i, c) in s.iter_mut().enumerate() {
            if v == 0 {
                v = mix(&[self.0, i as u64]);
            }
            *c = DIGITS[(v % 62) as usize];
            v /= 62;
        }
        write!(f, "guo{}", std::str::from_utf8(&s).unwrap_or("0"))
    }
}

fn display_name(email: &str) -> String {
    let local = email.split('@').next().unwrap_or("");
    let name: String = local.chars().filter(|c| !c.is_ascii_digit()).collect();
    name.split('.')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_ascii_uppercase().to_string() + c.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `2025-01-06T09:30:00.123Z` from milliseconds since the epoch.
fn write_time(ms: i64, out: &mut String) {
    let days = ms.div_euclid(DAY_MS);
    let rem = ms.rem_euclid(DAY_MS);
    // Civil date from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let _ = write!(
        out,
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / HOUR_MS,
        rem % HOUR_MS / MIN_MS,
        rem % MIN_MS / 1000,
        rem % 1000
    );
}

fn gen(n: u64, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let n_people = (n / 100).clamp(10_000, 100_000) as u32;
    let mut g = Gen::new(n_people, n);
    {
        let mut people = BufWriter::new(std::fs::File::create(dir.join("people.csv"))?);
        let mut contacts = BufWriter::new(std::fs::File::create(dir.join("contacts.csv"))?);
        writeln!(
            people,
            "person_id,full_name,org,claimed_country,claimed_timezone"
        )?;
        writeln!(contacts, "person_id,kind,value")?;
        for (p, person) in g.people.iter().enumerate() {
            let c = &COUNTRIES[person.claimed as usize];
            writeln!(
                people,
                "P{p:06},{},Org {:04},{},{}",
                display_name(&person.email),
                person.org,
                c.code,
                c.zones[person.zone as usize].0
            )?;
            writeln!(contacts, "P{p:06},email,{}", person.email)?;
            // Household members give the head's address (the home line is the head's too).
            let home = match person.home.ip {
                Ip::V4(v) => v,
                Ip::V6(_) => p as u32,
            };
            let (city, _) = c.cities[person.home.city as usize % c.cities.len()];
            let number = 1 + (home & 0x00FF_FFFF);
            writeln!(
                contacts,
                "P{p:06},address,\"{number} {} Street, {city}\"",
                STREETS[(number % STREETS.len() as u32) as usize]
            )?;
        }
        people.flush()?;
        contacts.flush()?;
    }
    let kinds = [
        Kind::Employee,
        Kind::Traveller,
        Kind::OnCall,
        Kind::VpnPersona,
        Kind::FarmPersona,
        Kind::Freelancer,
    ];
    for k in kinds {
        let count = g.people.iter().filter(|p| p.kind == k).count();
        eprintln!("okta_gen: {count} {k:?}");
    }
    let per_ms = n as f64 / (SPAN_DAYS * DAY_MS) as f64;
    let mut heap: BinaryHeap<Reverse<(i64, u32)>> = BinaryHeap::new();
    for p in 0..g.people.len() {
        g.plan_person(p);
        heap.push(Reverse((g.pending[p][0].at, p as u32)));
    }
    for b in 0..BACKGROUND.len() {
        g.plan_background(b, START_MS, per_ms);
        let slot = g.people.len() + b;
        heap.push(Reverse((g.pending[slot][0].at, slot as u32)));
    }
    let mut out =
        BufWriter::with_capacity(1 << 22, std::fs::File::create(dir.join("okta.ndjson"))?);
    let mut line = String::with_capacity(4096);
    let mut uuid_rng = Rng(0x0C7A_5EED_1D5E);
    let mut last_at = i64::MIN;
    for _ in 0..n {
        let Reverse((_, slot)) = heap.pop().expect("people sign in forever");
        let slot = slot as usize;
        let ev = g.pending[slot].pop_front().expect("a pending event");
        debug_assert!(ev.at >= last_at);
        last_at = ev.at;
        line.clear();
        g.write_event(&ev, uuid_rng.next(), &mut line);
        out.write_all(line.as_bytes())?;
        if g.pending[slot].is_empty() {
            if slot < g.people.len() {
                g.plan_person(slot);
            } else {
                g.plan_background(slot - g.people.len(), ev.at, per_ms);
            }
        }
        heap.push(Reverse((g.pending[slot][0].at, slot as u32)));
    }
    out.flush()?;
    let days = (last_at - START_MS) as f64 / DAY_MS as f64;
    eprintln!("okta_gen: {n} events for {n_people} people, {days:.1} days from 2025-01-06");
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: Option<u64> = args.get(1).and_then(|s| s.replace('_', "").parse().ok());
    let (Some(n), Some(dir)) = (n, args.get(2)) else {
        eprintln!("usage: okta_gen N DIR");
        std::process::exit(2);
    };
    if let Err(e) = gen(n, Path::new(dir)) {
        eprintln!("okta_gen: {e}");
        std::process::exit(1);
    }
}
