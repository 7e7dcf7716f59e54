//! People as the organisations know them, plus the hidden traits that drive the
//! signals each person leaves in the event tables.

use std::collections::HashSet;

use rand::Rng;

use crate::geo::{self, Address, Phone, CITIES};
use crate::names::{self, handle_part, Culture, Name};
use crate::time::{days_from_civil, DAY, WINDOW_END, WINDOW_START};
use crate::util::{digits, from_alphabet, hex, pick, weighted, SERIAL};
use crate::world::{Family, Org, OrgKind, ROLES};

/// `people.status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Applied, undecided.
    Applicant,
    /// Not hired.
    Rejected,
    /// Offer accepted, onboarding.
    Hired,
    /// Working.
    Active,
    /// Left or let go.
    Terminated,
}

impl Status {
    /// Spelling in the dataset.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Applicant => "applicant",
            Status::Rejected => "rejected",
            Status::Hired => "hired",
            Status::Active => "active",
            Status::Terminated => "terminated",
        }
    }
}

/// `people.employment_type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmpType {
    /// Employee on payroll.
    Employee,
    /// Individual contractor.
    Contractor,
    /// Freelancer account on the platform.
    Freelancer,
    /// Supplied by a staffing vendor.
    VendorStaff,
}

impl EmpType {
    /// Spelling in the dataset.
    pub fn as_str(self) -> &'static str {
        match self {
            EmpType::Employee => "employee",
            EmpType::Contractor => "contractor",
            EmpType::Freelancer => "freelancer",
            EmpType::VendorStaff => "vendor_staff",
        }
    }
}

/// `people.source`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Referred by a colleague.
    Referral,
    /// Job board.
    JobBoard,
    /// Staffing agency.
    Agency,
    /// Applied directly.
    Direct,
    /// Freelance platform sign-up.
    Platform,
    /// Recruiter outreach.
    Outreach,
}

impl Source {
    /// Spelling in the dataset.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Referral => "referral",
            Source::JobBoard => "job_board",
            Source::Agency => "agency",
            Source::Direct => "direct",
            Source::Platform => "platform",
            Source::Outreach => "outreach",
        }
    }
}

/// `payments.method`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Payroll direct deposit.
    Payroll,
    /// Bank transfer.
    Bank,
    /// Payoneer, Wise, PayPal and the like.
    PaymentPlatform,
    /// Cryptocurrency.
    Crypto,
    /// Paper check.
    Check,
}

impl Method {
    /// Spelling in the dataset.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Payroll => "payroll",
            Method::Bank => "bank",
            Method::PaymentPlatform => "payment_platform",
            Method::Crypto => "crypto",
            Method::Check => "check",
        }
    }
}

/// Where a person's pay goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payee {
    /// Payment method.
    pub method: Method,
    /// Destination as recorded.
    pub account: String,
    /// Account holder name as recorded.
    pub holder: String,
    /// Country of the bank or provider.
    pub country: &'static str,
    /// Contact kind under which the destination is recorded.
    pub kind: &'static str,
}

/// A company laptop.
#[derive(Clone, Debug)]
pub struct Device {
    /// Asset / device id.
    pub id: String,
    /// macOS (otherwise Windows).
    pub mac: bool,
}

/// A short business trip (benign look-alike).
#[derive(Clone, Debug)]
pub struct Trip {
    /// First day (day count).
    pub start_day: i64,
    /// Length in days.
    pub days: i64,
    /// Destination city index.
    pub city: usize,
    /// Hotel network egress.
    pub ip: u32,
    /// Hotel network provider.
    pub isp: &'static geo::Isp,
    /// Outbound flight: (departure, arrival), UTC seconds. Nothing signs in while in the
    /// air unless the plane has Wi-Fi.
    pub out: (i64, i64),
    /// Return flight: (departure, arrival), UTC seconds.
    pub back: (i64, i64),
    /// In-flight Wi-Fi on the outbound leg: the laptop stays signed in (one
    /// identity-provider session) from the gate to the arrival airport.
    pub wifi: Option<u32>,
}

/// A move abroad for good (benign look-alike): the HR record follows weeks later.
#[derive(Clone, Debug)]
pub struct Relocation {
    /// City moved to; the people row (a snapshot taken after the update) claims it.
    pub city: usize,
    /// New home address.
    pub home: Address,
    /// New home line.
    pub ip: u32,
    /// New home ISP.
    pub isp: &'static geo::Isp,
    /// New mobile address.
    pub mobile_ip: u32,
    /// New mobile carrier.
    pub mobile_isp: &'static geo::Isp,
    /// When the person moved (UTC seconds): sign-ins come from the new home from then on.
    pub moved: i64,
    /// When the HR record was updated (UTC seconds), some weeks after the move.
    pub updated: i64,
}

/// How a sign-in device shared by several accounts is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceUse {
    /// A phone the operators keep to approve the MFA pushes of several personas.
    MfaPhone,
    /// A family tablet both partners check work on at home.
    HomeTablet,
}

/// A sign-in device (identity-provider device id) behind more than one person's account.
#[derive(Clone, Debug)]
pub struct SharedDevice {
    /// Device id as the identity provider logs it (Okta `device.id` style).
    pub id: String,
    /// How it is used.
    pub kind: DeviceUse,
}

/// An IP address shared by a network (laptop-farm residence, identity lender's home).
#[derive(Clone, Debug)]
pub struct SharedIp {
    /// Address.
    pub ip: u32,
    /// City it geolocates to.
    pub city: usize,
    /// ASN and organisation.
    pub asn: u32,
    /// AS organisation.
    pub org: &'static str,
}

/// A scripted message: (seconds relative to the anchor, anchor, channel, direction, text).
#[derive(Clone, Debug)]
pub struct Scripted {
    /// Offset in seconds from the anchor.
    pub offset: i64,
    /// Anchor of the offset.
    pub anchor: Anchor,
    /// `messages.channel`.
    pub channel: &'static str,
    /// `messages.direction`.
    pub direction: &'static str,
    /// Text.
    pub text: String,
}

/// What a scripted event is timed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The hire date.
    Hired,
    /// The laptop shipment.
    Shipped,
    /// Termination.
    Terminated,
    /// The laptop's first check-in.
    FirstSeen,
}

/// Hidden behaviour. Defaults describe an ordinary person; scenarios switch knobs on.
#[derive(Clone, Debug, Default)]
pub struct Traits {
    /// Video interviews with camera off/refused/broken.
    pub bad_camera: u8,
    /// Interviews that carry `interview_signals`.
    pub signal_interviews: u8,
    /// Country of education to use instead of the usual mix.
    pub edu_country: Option<&'static str>,
    /// Interview signals to attach to those interviews.
    pub interview_signals: Vec<&'static str>,
    /// Notes for the problematic interviews.
    pub interview_notes: Vec<&'static str>,
    /// Laptop sent here instead of home.
    pub ship_to: Option<Address>,
    /// The shipping address was changed this many days before the shipment.
    pub ship_change_days: Option<i64>,
    /// Extra home-address changes within 180 days of hire.
    pub address_churn: u8,
    /// Home address changed this many days before shipment (benign mover).
    pub move_days_before_ship: Option<i64>,
    /// Landline shared with someone else.
    pub shared_phone: Option<Phone>,
    /// Extra e-mail (e.g. a recovery address shared across accounts).
    pub extra_email: Option<String>,
    /// MFA device shared across accounts.
    pub shared_mfa: Option<String>,
    /// Fake or seized prior employers to add to the work history: (name, domain).
    pub fake_employers: Vec<(&'static str, &'static str)>,
    /// Shared résumé template id.
    pub resume_template: Option<usize>,
    /// Claims a technology before it existed on the résumé.
    pub resume_anachronism: bool,
    /// Name the résumé is headed with instead of the person's own (another persona's file,
    /// reused and not renamed).
    pub resume_name: Option<String>,
    /// Years by which the résumé moves the oldest prior job earlier than the work history
    /// has it (résumé and application form filled in separately).
    pub resume_years_shift: i64,
    /// Pay destination override (from hire).
    pub payout: Option<Payee>,
    /// A later destination and when it starts (days after hire).
    pub payout_later: Option<(i64, Payee)>,
    /// Share of payouts in crypto to this address.
    pub crypto: Option<(String, f64)>,
    /// Number of payout / bank changes within 120 days.
    pub payout_changes: u8,
    /// A bank account (account, holder) added late as a backup destination.
    pub backup_bank: Option<(String, String)>,
    /// Asked to switch payout method to crypto (extortion).
    pub crypto_method_change: bool,
    /// Inbound money from unrelated senders (facilitator).
    pub inbound: Vec<(&'static str, &'static str)>,
    /// Activity and sign-ins follow a UTC+9 working day.
    pub utc9: bool,
    /// Share of sign-ins through Astrill / M247 VPN exits.
    pub vpn_share: f64,
    /// Which published Astrill exits this network uses (indices into `world::ASTRILL_IOC_IPS`).
    pub vpn_ips: Vec<usize>,
    /// Share of sign-ins from a shared residential IP.
    pub shared_ip: Option<SharedIp>,
    /// Occasional sign-ins geolocating to Liaoning or Vladivostok.
    pub foreign_ips: bool,
    /// VPN drop-and-reconnect episodes: within the hour, sign-ins hop from a US exit to the
    /// worker's own line abroad, an Asian exit and back to a US exit.
    pub vpn_hops: u8,
    /// Besides the VPN, the worker often signs in over their own line in China or Russia.
    pub own_line: bool,
    /// Identity-provider sessions the (farm) laptop keeps open for a day or more.
    pub held_sessions: u8,
    /// A sign-in device other people's accounts also sign in from.
    pub signin_device: Option<SharedDevice>,
    /// Moved abroad for good (benign look-alike).
    pub relocation: Option<Relocation>,
    /// Device fingerprint shared across accounts (platform).
    pub shared_device: Option<String>,
    /// Account handed to someone else this many days after hire (platform rental).
    pub rented_after_days: Option<i64>,
    /// Remote-access tools (indices into `world::RMM`).
    pub rmm: Vec<usize>,
    /// Days after first check-in the RMM tools appear.
    pub rmm_day: i64,
    /// IP-KVM (index into `world::KVMS`).
    pub kvm: Option<usize>,
    /// Raspberry Pi attached.
    pub rpi: bool,
    /// EDR alerts within minutes of first check-in.
    pub edr_day_one: bool,
    /// Korean keyboard layout and locale on the laptop.
    pub korean_layout: bool,
    /// Exfiltration followed by extortion.
    pub extortion: Option<Extortion>,
    /// Scripted messages.
    pub messages: Vec<Scripted>,
    /// Business trip.
    pub trip: Option<Trip>,
    /// Exactly one interview with a broken camera.
    pub single_glitch: bool,
    /// Always goes to the office (corporate office look-alike).
    pub office_heavy: bool,
    /// Uses a commercial VPN now and then for privacy: 0 none, 1 NordVPN-style
    /// (Datacamp exits), 2 Astrill (exits shared with the published indicators).
    pub consumer_vpn: u8,
}

/// Exfiltration details.
#[derive(Clone, Debug)]
pub struct Extortion {
    /// Personal repository the code is pushed to.
    pub personal_repo: String,
    /// Personal cloud share.
    pub share: String,
}

/// A device id in the style of Okta's `device.id` (`guo` and 17 letters or digits).
pub fn okta_device_id<R: Rng>(rng: &mut R) -> String {
    const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    format!("guo{}", from_alphabet(rng, ALNUM, 17))
}

/// One person as the organisation knows them.
#[derive(Clone, Debug)]
pub struct Person {
    /// `P000123`.
    pub id: String,
    /// Name.
    pub name: Name,
    /// Name culture.
    pub culture: Culture,
    /// Organisation index (`None` for facilitators known only from financial data).
    pub org: Option<usize>,
    /// Status.
    pub status: Option<Status>,
    /// Employment type.
    pub emp: Option<EmpType>,
    /// Role index into `world::ROLES`.
    pub role: usize,
    /// Claimed city index.
    pub city: usize,
    /// Claimed home address.
    pub home: Address,
    /// Date of birth (day count).
    pub dob: i64,
    /// Application time.
    pub applied: i64,
    /// Hire time.
    pub hired: Option<i64>,
    /// Termination time.
    pub terminated: Option<i64>,
    /// Sourcing channel.
    pub source: Source,
    /// Staffing vendor.
    pub vendor: Option<String>,
    /// Who referred this person (person index).
    pub referred_by: Option<usize>,
    /// Personal e-mail.
    pub personal_email: String,
    /// Work e-mail.
    pub work_email: Option<String>,
    /// Phone.
    pub phone: Phone,
    /// How the person writes their phone number.
    pub phone_style: u8,
    /// Default pay destination.
    pub payee: Option<Payee>,
    /// Tax id (SSN-style for US residents).
    pub tax_id: Option<String>,
    /// Company laptop.
    pub device: Option<Device>,
    /// Home IPv4.
    pub home_ip: u32,
    /// Home ISP.
    pub isp: &'static geo::Isp,
    /// Mobile IPv4.
    pub mobile_ip: u32,
    /// Mobile carrier.
    pub mobile_isp: &'static geo::Isp,
    /// Home IPv6 (Comcast-style), if any.
    pub ipv6: Option<String>,
    /// Works from the office part of the week.
    pub hybrid: bool,
    /// GitHub handle.
    pub github: Option<String>,
    /// LinkedIn slug.
    pub linkedin: Option<String>,
    /// Personal website.
    pub website: Option<String>,
    /// Has a résumé file.
    pub resume: bool,
    /// No random noise (scenario members and look-alikes).
    pub clean: bool,
    /// Hidden traits.
    pub t: Traits,
}

impl Person {
    /// Whether the person has (or had) an account that signs in and works.
    pub fn has_account(&self) -> bool {
        matches!(
            self.status,
            Some(Status::Hired | Status::Active | Status::Terminated)
        ) && self.hired.is_some()
    }

    /// The window in which the person signs in and works, clamped to the observation window.
    pub fn active_window(&self) -> Option<(i64, i64)> {
        if !self.has_account() {
            return None;
        }
        let start = self.hired?.max(WINDOW_START);
        let end = self.terminated.unwrap_or(WINDOW_END).min(WINDOW_END);
        (end > start + DAY).then_some((start, end))
    }

    /// Job family.
    pub fn family(&self) -> Family {
        ROLES[self.role].family
    }
}

/// Keeps identifiers unique across the dataset, so that shared values only ever
/// come from scenarios. Only membership is queried (never iterated), so output
/// order cannot depend on hashing.
#[derive(Default)]
pub struct Registry {
    strings: HashSet<String>,
    ips: HashSet<u32>,
}

impl Registry {
    /// Claims `s`; false when it was already taken.
    pub fn claim(&mut self, s: &str) -> bool {
        if self.strings.contains(s) {
            false
        } else {
            self.strings.insert(s.to_string());
            true
        }
    }

    /// Claims an IP; false when already taken.
    pub fn claim_ip(&mut self, ip: u32) -> bool {
        self.ips.insert(ip)
    }

    /// A fresh IP from `isp`.
    pub fn ip<R: Rng>(&mut self, rng: &mut R, isp: &geo::Isp) -> u32 {
        loop {
            let ip = isp.random_ip(rng);
            if self.claim_ip(ip) {
                return ip;
            }
        }
    }

    /// A fresh value from `make`.
    pub fn unique<R: Rng>(
        &mut self,
        rng: &mut R,
        mut make: impl FnMut(&mut R) -> String,
    ) -> String {
        loop {
            let v = make(rng);
            if self.claim(&v) {
                return v;
            }
        }
    }

    /// A fresh address in `city`.
    pub fn address<R: Rng>(&mut self, rng: &mut R, city: usize) -> Address {
        loop {
            let a = Address::random(rng, city);
            if self.claim(&format!("addr|{}", a.render(0))) {
                return a;
            }
        }
    }

    /// A fresh phone number in `city`.
    pub fn phone<R: Rng>(&mut self, rng: &mut R, city: usize) -> Phone {
        loop {
            let p = Phone::random(rng, city);
            if self.claim(&format!("tel|{}", p.e164_digits())) {
                return p;
            }
        }
    }
}

/// Constraints a scenario puts on a generated person.
#[derive(Clone, Debug, Default)]
pub struct Spec {
    /// Organisation.
    pub org: Option<usize>,
    /// Status.
    pub status: Option<Status>,
    /// Employment type.
    pub emp: Option<EmpType>,
    /// Role index.
    pub role: Option<usize>,
    /// Allowed role families.
    pub families: Option<&'static [Family]>,
    /// City index.
    pub city: Option<usize>,
    /// Country code.
    pub country: Option<&'static str>,
    /// Name culture.
    pub culture: Option<Culture>,
    /// Hire time range.
    pub hired_between: Option<(i64, i64)>,
    /// Source.
    pub source: Option<Source>,
    /// Scenario members are clean of random noise.
    pub clean: bool,
}

const PERSONAL_DOMAINS: &[(&str, u32)] = &[
    ("gmail.com", 55),
    ("outlook.com", 12),
    ("yahoo.com", 8),
    ("hotmail.com", 6),
    ("icloud.com", 8),
    ("proton.me", 4),
    ("aol.com", 1),
];

/// A personal e-mail for a name, unique in the registry.
pub fn personal_email<R: Rng>(
    rng: &mut R,
    reg: &mut Registry,
    name: &Name,
    culture: Culture,
) -> String {
    let f = handle_part(&name.first);
    let l = handle_part(&name.last);
    reg.unique(rng, |rng| {
        let domain = if culture == Culture::Korean && rng.gen_bool(0.2) {
            "naver.com"
        } else if culture == Culture::Chinese && rng.gen_bool(0.2) {
            "qq.com"
        } else {
            let w: Vec<u32> = PERSONAL_DOMAINS.iter().map(|d| d.1).collect();
            PERSONAL_DOMAINS[weighted(rng, &w)].0
        };
        let local = match rng.gen_range(0..5) {
            0 => format!("{f}.{l}"),
            1 => format!("{f}{l}{}", rng.gen_range(1..99)),
            2 => format!("{}{l}{}", &f[..f.len().min(1)], rng.gen_range(70..100)),
            3 => format!("{f}_{l}{}", rng.gen_range(1980..2004)),
            _ => format!("{l}.{f}{}", rng.gen_range(1..999)),
        };
        format!("{local}@{domain}")
    })
}

/// A work e-mail at `domain`, unique.
pub fn work_email<R: Rng>(rng: &mut R, reg: &mut Registry, name: &Name, domain: &str) -> String {
    let f = handle_part(&name.first);
    let l = handle_part(&name.last);
    let fi = f.chars().next().map(String::from).unwrap_or_default();
    let mut tries = 0;
    reg.unique(rng, |rng| {
        tries += 1;
        match (tries, rng.gen_range(0..3)) {
            (1, 0 | 1) => format!("{f}.{l}@{domain}"),
            (1, _) => format!("{fi}{l}@{domain}"),
            (_, 0) => format!("{f}.{l}{tries}@{domain}"),
            _ => format!("{fi}{l}{tries}@{domain}"),
        }
    })
}

/// A US bank destination `routing:account`.
pub fn bank_account<R: Rng>(rng: &mut R, reg: &mut Registry, country: &str) -> String {
    reg.unique(rng, |rng| match country {
        "US" => {
            const ROUTING: &[&str] = &[
                "021000021",
                "026009593",
                "121000248",
                "122105155",
                "111000025",
                "061000104",
                "071000013",
                "091000019",
                "322271627",
                "044000037",
            ];
            format!("{}:{}", pick(rng, ROUTING), digits(rng, 12))
        }
        "CA" => format!("{}-{}-{}", digits(rng, 3), digits(rng, 5), digits(rng, 7)),
        "GB" => format!(
            "GB{}{}{}",
            digits(rng, 2),
            from_alphabet(rng, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4),
            digits(rng, 14)
        ),
        "IN" => format!(
            "{}:{}",
            from_alphabet(rng, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + "0" + &digits(rng, 6),
            digits(rng, 14)
        ),
        "CN" => format!("6222{}", digits(rng, 15)),
        c if c.len() == 2 => format!("{c}{}{}", digits(rng, 2), digits(rng, 20)),
        _ => digits(rng, 12),
    })
}

/// A payment-platform destination (Payoneer, Wise or PayPal), unique.
pub fn platform_account<R: Rng>(rng: &mut R, reg: &mut Registry, email: &str) -> String {
    reg.unique(rng, |rng| match rng.gen_range(0..3) {
        0 => format!("payoneer:{}", digits(rng, 8)),
        1 => format!("wise:P{}", digits(rng, 8)),
        _ => format!("paypal:{email}"),
    })
}

/// How a name appears as an account holder (bank formatting noise).
pub fn holder_variant<R: Rng>(rng: &mut R, name: &Name) -> String {
    match rng.gen_range(0..10) {
        0 => format!("{} {}", name.last, name.first).to_uppercase(),
        1 => format!("{}, {}", name.last, name.first),
        2 => name.full.to_uppercase(),
        _ => name.full.clone(),
    }
}

/// An SSN-formatted tax id in the never-issued 900–999 area with group 01–49, so it
/// cannot be anyone's real SSN or ITIN.
pub fn tax_id<R: Rng>(rng: &mut R, reg: &mut Registry) -> String {
    reg.unique(rng, |rng| {
        format!(
            "{}-{:02}-{:04}",
            rng.gen_range(900..1000),
            rng.gen_range(1..50),
            rng.gen_range(1..10000)
        )
    })
}

/// A random ETH or BTC address.
pub fn crypto_address<R: Rng>(rng: &mut R, eth: bool) -> String {
    if eth {
        format!("0x{}", hex(rng, 40))
    } else {
        format!(
            "bc1q{}",
            from_alphabet(rng, b"023456789acdefghjklmnpqrstuvwxyz", 38)
        )
    }
}

fn random_hire<R: Rng>(rng: &mut R, status: Status) -> (i64, Option<i64>, Option<i64>) {
    let early = days_from_civil(2017, 1, 1) * DAY;
    match status {
        Status::Applicant => (
            rng.gen_range(WINDOW_END - 90 * DAY..WINDOW_END - DAY),
            None,
            None,
        ),
        Status::Rejected => (
            rng.gen_range(WINDOW_START - 60 * DAY..WINDOW_END - 20 * DAY),
            None,
            None,
        ),
        Status::Hired => {
            let h = rng.gen_range(WINDOW_END - 40 * DAY..WINDOW_END - 5 * DAY);
            (h - rng.gen_range(14..60) * DAY, Some(h), None)
        }
        Status::Active => {
            let h = if rng.gen_bool(0.45) {
                rng.gen_range(early..WINDOW_START)
            } else {
                rng.gen_range(WINDOW_START..WINDOW_END - 45 * DAY)
            };
            (h - rng.gen_range(14..75) * DAY, Some(h), None)
        }
        Status::Terminated => {
            let h = rng.gen_range(early..WINDOW_END - 120 * DAY);
            let lo = (h + 60 * DAY).max(WINDOW_START + 10 * DAY);
            let t = rng.gen_range(lo..WINDOW_END);
            (h - rng.gen_range(14..75) * DAY, Some(h), Some(t))
        }
    }
}

fn snap_to_morning(t: i64) -> i64 {
    // HR systems record hire/termination dates at the start of a business day (14:00 UTC).
    t.div_euclid(DAY) * DAY + 14 * 3600
}

/// Generates one person honouring `spec`.
pub fn build<R: Rng>(
    rng: &mut R,
    reg: &mut Registry,
    orgs: &[Org],
    idx: usize,
    spec: &Spec,
) -> Person {
    let companies: Vec<usize> = (0..orgs.len())
        .filter(|&i| orgs[i].kind == OrgKind::Company)
        .collect();
    let platform = orgs.iter().position(|o| o.kind == OrgKind::Platform);
    let org = spec.org.unwrap_or_else(|| {
        if let (true, Some(p)) = (rng.gen_bool(0.15), platform) {
            p
        } else {
            let w: Vec<u32> = companies.iter().map(|&i| orgs[i].weight).collect();
            companies[weighted(rng, &w)]
        }
    });
    let is_platform = orgs[org].kind == OrgKind::Platform;
    let emp = spec.emp.unwrap_or_else(|| {
        if is_platform {
            EmpType::Freelancer
        } else {
            [EmpType::Employee, EmpType::Contractor, EmpType::VendorStaff]
                [weighted(rng, &[80, 12, 8])]
        }
    });

    // Where they live.
    let city = spec.city.unwrap_or_else(|| {
        let country = spec.country.unwrap_or_else(|| {
            if is_platform {
                const C: &[(&str, u32)] = &[
                    ("US", 22),
                    ("IN", 14),
                    ("PK", 8),
                    ("UA", 8),
                    ("PL", 5),
                    ("BR", 6),
                    ("AR", 5),
                    ("PH", 7),
                    ("NG", 5),
                    ("GB", 4),
                    ("RO", 3),
                    ("MX", 3),
                    ("CO", 2),
                    ("VN", 3),
                    ("KE", 2),
                    ("CN", 2),
                    ("DE", 1),
                ];
                C[weighted(rng, &C.iter().map(|c| c.1).collect::<Vec<_>>())].0
            } else {
                const C: &[(&str, u32)] = &[
                    ("US", 70),
                    ("CA", 5),
                    ("GB", 5),
                    ("DE", 2),
                    ("NL", 1),
                    ("PL", 2),
                    ("UA", 1),
                    ("RO", 1),
                    ("PT", 1),
                    ("ES", 1),
                    ("IN", 4),
                    ("BR", 2),
                    ("MX", 2),
                    ("AR", 1),
                    ("PH", 1),
                    ("SG", 1),
                    ("JP", 1),
                    ("KR", 1),
                    ("CO", 1),
                ];
                C[weighted(rng, &C.iter().map(|c| c.1).collect::<Vec<_>>())].0
            }
        });
        if country == "US" && !is_platform && rng.gen_bool(0.25) {
            orgs[org].hq
        } else {
            geo::random_city_in(rng, country)
        }
    });
    let c = &CITIES[city];
    let country = geo::country(c.country);

    let culture = spec.culture.unwrap_or_else(|| {
        let w: Vec<u32> = country.cultures.iter().map(|x| x.1).collect();
        country.cultures[weighted(rng, &w)].0
    });
    let home_of_culture = country.cultures.first().map(|x| x.0) == Some(culture);
    let name = names::generate(rng, culture, !home_of_culture);

    let role = spec.role.unwrap_or_else(|| {
        let allowed: Vec<usize> = (0..ROLES.len())
            .filter(|&i| match spec.families {
                Some(f) => f.contains(&ROLES[i].family),
                None if is_platform => matches!(
                    ROLES[i].family,
                    Family::Engineering | Family::Data | Family::Product
                ),
                None => true,
            })
            .collect();
        let w: Vec<u32> = allowed.iter().map(|&i| ROLES[i].weight).collect();
        allowed[weighted(rng, &w)]
    });

    let status = spec.status.unwrap_or_else(|| {
        [
            Status::Applicant,
            Status::Rejected,
            Status::Hired,
            Status::Active,
            Status::Terminated,
        ][weighted(rng, &[8, 4, 5, 73, 10])]
    });
    let (mut applied, mut hired, mut terminated) = random_hire(rng, status);
    if let (Some((lo, hi)), Some(_), false) = (spec.hired_between, hired, status == Status::Hired) {
        let h = rng.gen_range(lo..hi);
        applied = h - rng.gen_range(14..60) * DAY;
        hired = Some(h);
        if let Some(t) = terminated {
            terminated = Some(t.max(h + 45 * DAY).min(WINDOW_END - DAY));
        }
    }
    let hired = hired.map(snap_to_morning);
    let terminated = terminated.map(snap_to_morning);

    let age_years = rng.gen_range(22..58);
    let dob = days_from_civil(
        2025 - age_years,
        rng.gen_range(1..=12),
        rng.gen_range(1..=28),
    );

    let source = spec.source.unwrap_or_else(|| match emp {
        EmpType::Freelancer => Source::Platform,
        EmpType::VendorStaff => Source::Agency,
        _ => [
            Source::JobBoard,
            Source::Direct,
            Source::Outreach,
            Source::Agency,
        ][weighted(rng, &[45, 25, 20, 10])],
    });
    let vendor = (emp == EmpType::VendorStaff)
        .then(|| pick(rng, crate::world::STAFFING_VENDORS).to_string());

    let personal = personal_email(rng, reg, &name, culture);
    let work_email = (!is_platform && !matches!(status, Status::Applicant | Status::Rejected))
        .then(|| work_email(rng, reg, &name, orgs[org].domain));

    let home = reg.address(rng, city);
    let phone = reg.phone(rng, city);
    let isp = pick(rng, country.isps);
    let home_ip = reg.ip(rng, isp);
    let mobile_isp: &'static geo::Isp = if c.country == "US" {
        pick(rng, crate::world::US_MOBILE)
    } else {
        pick(rng, country.isps)
    };
    let mobile_ip = reg.ip(rng, mobile_isp);
    let ipv6 = (isp.asn == 7922 && rng.gen_bool(0.35)).then(|| {
        format!(
            "2601:{:x}:{:x}:{:x}::{:x}",
            rng.gen_range(0x100..0xfff),
            rng.gen_range(0x1000..0xffff),
            rng.gen_range(0x100..0xfff),
            rng.gen_range(0x10..0xffff)
        )
    });

    let payee = hired.map(|_| {
        let pay_country = c.country;
        match emp {
            EmpType::Employee => Payee {
                method: Method::Payroll,
                account: bank_account(rng, reg, pay_country),
                holder: holder_variant(rng, &name),
                country: country.code,
                kind: "bank_account",
            },
            EmpType::Contractor if pay_country == "US" && rng.gen_bool(0.05) => Payee {
                method: Method::Check,
                account: format!("mailed to {}", home.render(0)),
                holder: name.full.clone(),
                country: "US",
                kind: "",
            },
            EmpType::Contractor if rng.gen_bool(0.7) => Payee {
                method: Method::Bank,
                account: bank_account(rng, reg, pay_country),
                holder: holder_variant(rng, &name),
                country: country.code,
                kind: "bank_account",
            },
            EmpType::VendorStaff => Payee {
                method: Method::Bank,
                account: String::new(),
                holder: String::new(),
                country: "US",
                kind: "",
            },
            _ => Payee {
                method: Method::PaymentPlatform,
                account: platform_account(rng, reg, &personal),
                holder: name.full.clone(),
                country: if rng.gen_bool(0.6) {
                    "US"
                } else {
                    country.code
                },
                kind: "payout_account",
            },
        }
    });

    let tax = (hired.is_some() && c.country == "US" && rng.gen_bool(0.6)).then(|| tax_id(rng, reg));
    let device =
        (hired.is_some() && !is_platform && (emp != EmpType::VendorStaff || rng.gen_bool(0.7)))
            .then(|| {
                let mac = if orgs[org].mac_shop {
                    rng.gen_bool(0.85)
                } else {
                    rng.gen_bool(0.1)
                };
                let id = reg.unique(rng, |rng| {
                    if mac {
                        format!("C02{}", from_alphabet(rng, SERIAL, 9))
                    } else {
                        format!("{}-LT-{}", orgs[org].slug.to_uppercase(), digits(rng, 6))
                    }
                });
                Device { id, mac }
            });
    let hybrid = !is_platform && city == orgs[org].hq && rng.gen_bool(0.6);
    let family = ROLES[role].family;
    let engineering = matches!(
        family,
        Family::Engineering | Family::Data | Family::Security
    );
    let github = (engineering && rng.gen_bool(0.65)).then(|| {
        let f = handle_part(&name.first);
        let l = handle_part(&name.last);
        reg.unique(rng, |rng| match rng.gen_range(0..3) {
            0 => format!("{f}{l}"),
            1 => format!("{}{l}{}", &f[..f.len().min(1)], rng.gen_range(1..100)),
            _ => format!("{f}-{}", hex(rng, 3)),
        })
    });
    let linkedin = rng.gen_bool(0.7).then(|| {
        let f = handle_part(&name.first);
        let l = handle_part(&name.last);
        reg.unique(rng, |rng| format!("{f}-{l}-{}", hex(rng, 6)))
    });
    let website = rng.gen_bool(0.08).then(|| {
        let h = handle_part(&name.full);
        reg.unique(rng, |rng| match rng.gen_range(0..3) {
            0 => format!("https://{h}.netlify.app"),
            1 => format!("https://{h}{}.dev", rng.gen_range(1..99)),
            _ => format!("https://{h}.github.io"),
        })
    });
    let resume = matches!(status, Status::Applicant) || rng.gen_bool(0.3);
    let mut traits = Traits::default();
    if !spec.clean && rng.gen_bool(0.03) {
        traits.consumer_vpn = if rng.gen_bool(0.25) { 2 } else { 1 };
    }

    Person {
        id: person_id(idx),
        name,
        culture,
        org: Some(org),
        status: Some(status),
        emp: Some(emp),
        role,
        city,
        home,
        dob,
        applied,
        hired,
        terminated,
        source,
        vendor,
        referred_by: None,
        personal_email: personal,
        work_email,
        phone,
        phone_style: rng.gen_range(0..5),
        payee,
        tax_id: tax,
        device,
        home_ip,
        isp,
        mobile_ip,
        mobile_isp,
        ipv6,
        hybrid,
        github,
        linkedin,
        website,
        resume,
        clean: spec.clean,
        t: traits,
    }
}

/// Zero-padded person id for an index.
pub fn person_id(idx: usize) -> String {
    format!("P{:06}", idx + 1)
}
