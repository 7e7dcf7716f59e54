//! The fixed world the workforce lives in: organisations, roles, prior employers,
//! schools, software and hardware catalogues, and network infrastructure.
//!
//! Company names are fictional. Prior employers and schools are real institutions
//! (as on any real résumé). Indicator values (seized domains, IP-KVM USB identities,
//! remote-access tools, published VPN egress IPs) are copied from the public
//! reference files under `shared/data/reference/`.

use rand::seq::SliceRandom;
use rand::Rng;

use crate::geo::{city_index, Isp};

/// What kind of organisation an org is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgKind {
    /// An employer with staff, contractors and vendor staff.
    Company,
    /// A freelance marketplace whose accounts are freelancers.
    Platform,
}

/// An organisation in the dataset.
#[derive(Debug)]
pub struct Org {
    /// Display name.
    pub name: &'static str,
    /// E-mail / web domain.
    pub domain: &'static str,
    /// Short slug used in repository and asset names.
    pub slug: &'static str,
    /// Company or platform.
    pub kind: OrgKind,
    /// Head-office city index.
    pub hq: usize,
    /// Office egress IPs shared by everyone in the office.
    pub office_ips: Vec<u32>,
    /// ISP of the office line.
    pub office_isp: &'static Isp,
    /// Relative headcount weight.
    pub weight: u32,
    /// EDR product on company laptops.
    pub edr: (&'static str, &'static str),
    /// Whether laptops are Macs (otherwise Windows) for most staff.
    pub mac_shop: bool,
}

const COMPANY_POOL: &[(&str, &str, &str, &str)] = &[
    (
        "Northwind Analytics",
        "northwindanalytics.com",
        "northwind",
        "Seattle",
    ),
    ("Bluefin Payments", "bluefinpay.com", "bluefin", "New York"),
    (
        "Cedar Ridge Health",
        "cedarridgehealth.com",
        "cedarridge",
        "Nashville",
    ),
    ("Helix Robotics", "helixrobotics.io", "helix", "Boston"),
    (
        "Kestrel Logistics",
        "kestrel-logistics.com",
        "kestrel",
        "Chicago",
    ),
    ("Lumen Retail Group", "lumenretail.com", "lumen", "Dallas"),
    ("Orbital Media", "orbitalmedia.tv", "orbital", "Los Angeles"),
    ("Quarry Security", "quarrysec.com", "quarry", "Austin"),
    (
        "Tidewater Mutual",
        "tidewatermutual.com",
        "tidewater",
        "Charlotte",
    ),
    ("Vantage Biotech", "vantagebio.com", "vantage", "San Diego"),
    (
        "Meridian Games",
        "meridiangames.gg",
        "meridian",
        "San Francisco",
    ),
    ("Atlas Ledger", "atlasledger.xyz", "atlas", "Denver"),
];

/// The freelance platform org.
pub const PLATFORM: (&str, &str, &str, &str) =
    ("GigBridge", "gigbridge.work", "gigbridge", "San Francisco");

const EDRS: &[(&str, &str)] = &[
    ("CrowdStrike Falcon Sensor", "CSFalconService.exe"),
    ("SentinelOne Agent", "SentinelAgent.exe"),
    ("Microsoft Defender for Endpoint", "MsSense.exe"),
];

/// Business ISPs for office lines.
pub static OFFICE_ISPS: &[Isp] = &[
    Isp {
        asn: 174,
        org: "Cogent Communications",
        blocks: &[(38, 100, 127)],
    },
    Isp {
        asn: 3356,
        org: "Level 3 Parent, LLC",
        blocks: &[(4, 0, 63), (8, 0, 31)],
    },
    Isp {
        asn: 6461,
        org: "Zayo Bandwidth",
        blocks: &[(64, 125, 125), (208, 185, 185)],
    },
    Isp {
        asn: 7922,
        org: "Comcast Cable Communications, LLC",
        blocks: &[(50, 192, 255)],
    },
];

/// US mobile carriers.
pub static US_MOBILE: &[Isp] = &[
    Isp {
        asn: 21928,
        org: "T-Mobile USA, Inc.",
        blocks: &[(172, 32, 63)],
    },
    Isp {
        asn: 6167,
        org: "Cellco Partnership DBA Verizon Wireless",
        blocks: &[(174, 192, 255)],
    },
];

/// A consumer VPN some ordinary staff use for privacy.
pub static CONSUMER_VPN: Isp = Isp {
    asn: 60068,
    org: "Datacamp Limited",
    blocks: &[(84, 17, 17)],
};

/// One of 48 fixed consumer-VPN exit addresses (many users share each exit).
pub fn consumer_vpn_exit(k: usize) -> u32 {
    let k = k % 48;
    u32::from_be_bytes([84, 17, 32 + (k % 16) as u8, 10 + (k * 37 % 200) as u8])
}

/// M247, a hosting network behind many commercial VPN exits.
pub static M247: Isp = Isp {
    asn: 9009,
    org: "M247 Ltd",
    blocks: &[(37, 120, 120), (146, 70, 70)],
};

/// Exits a VPN client picks by itself when it reconnects "to the fastest server" from
/// north-east China: nearby Asian locations, not the US exits the workers choose by hand.
pub const NEARBY_VPN_EXIT_CITIES: &[&str] = &["Tokyo", "Singapore"];

/// In-flight Wi-Fi: a satellite provider whose exits geolocate to its home country
/// wherever the plane is (the address block is illustrative).
pub static INFLIGHT_WIFI: Isp = Isp {
    asn: 7155,
    org: "ViaSat, Inc.",
    blocks: &[(8, 37, 37)],
};

/// Safari on an iPad: the family tablet of the household look-alike.
pub const IPAD_UA: &str = "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

/// Egress IPs published as DPRK IT-worker network indicators (Mandiant UNC5267, Sept 2024;
/// mostly Astrill VPN / VPS exits). From `mandiant_unc5267_network_iocs.txt`.
pub const ASTRILL_IOC_IPS: &[&str] = &[
    "104.223.97.2",
    "104.223.98.2",
    "155.94.255.2",
    "192.119.10.67",
    "192.119.11.250",
    "198.23.148.18",
    "104.129.55.3",
    "199.115.99.34",
    "204.188.232.195",
    "174.128.251.99",
    "104.243.33.74",
    "198.2.228.20",
];

/// US cities Astrill exits are geolocated to.
pub const VPN_EXIT_CITIES: &[&str] = &[
    "Los Angeles",
    "New York",
    "Dallas",
    "Chicago",
    "Seattle",
    "Miami",
];

/// Broad job families, which drive access, activity and software.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Software and infrastructure engineering.
    Engineering,
    /// Data and ML.
    Data,
    /// IT support and systems administration.
    It,
    /// Security.
    Security,
    /// Product and design.
    Product,
    /// Sales, success and marketing.
    Business,
    /// Finance, HR, recruiting.
    Office,
}

/// A job title.
#[derive(Debug)]
pub struct Role {
    /// Title as written in HR data.
    pub title: &'static str,
    /// Family.
    pub family: Family,
    /// Relative frequency.
    pub weight: u32,
    /// Seniority multiplier on the country salary (percent).
    pub pay: i64,
}

macro_rules! role {
    ($t:expr, $f:ident, $w:expr, $p:expr) => {
        Role {
            title: $t,
            family: Family::$f,
            weight: $w,
            pay: $p,
        }
    };
}

/// All roles.
pub static ROLES: &[Role] = &[
    role!("Software Engineer", Engineering, 14, 90),
    role!("Senior Software Engineer", Engineering, 12, 115),
    role!("Staff Software Engineer", Engineering, 3, 145),
    role!("Principal Software Engineer", Engineering, 1, 170),
    role!("Frontend Developer", Engineering, 6, 90),
    role!("Backend Developer", Engineering, 6, 95),
    role!("Full Stack Developer", Engineering, 8, 95),
    role!("Mobile Developer (iOS)", Engineering, 2, 100),
    role!("Android Developer", Engineering, 2, 100),
    role!("DevOps Engineer", Engineering, 4, 105),
    role!("Site Reliability Engineer", Engineering, 3, 115),
    role!("QA Engineer", Engineering, 3, 75),
    role!("Blockchain Developer", Engineering, 1, 120),
    role!("Engineering Manager", Engineering, 2, 150),
    role!("Data Engineer", Data, 4, 105),
    role!("Data Scientist", Data, 3, 110),
    role!("Machine Learning Engineer", Data, 3, 130),
    role!("IT Support Specialist", It, 3, 55),
    role!("Helpdesk Technician", It, 2, 45),
    role!("Systems Administrator", It, 2, 75),
    role!("Security Engineer", Security, 2, 125),
    role!("Product Manager", Product, 4, 120),
    role!("Product Designer", Product, 3, 95),
    role!("Technical Writer", Product, 1, 70),
    role!("Account Executive", Business, 4, 85),
    role!("Customer Success Manager", Business, 4, 70),
    role!("Marketing Manager", Business, 2, 85),
    role!("Financial Analyst", Office, 2, 75),
    role!("Recruiter", Office, 2, 65),
    role!("HR Business Partner", Office, 1, 80),
];

/// Index of the role titled `title`.
pub fn role_index(title: &str) -> usize {
    ROLES
        .iter()
        .position(|r| r.title == title)
        .unwrap_or_else(|| panic!("unknown role {title}"))
}

/// Legitimate staffing companies (benign vendor staff).
pub const STAFFING_VENDORS: &[&str] = &[
    "TEKsystems",
    "Insight Global",
    "Randstad Digital",
    "Apex Systems",
];

/// Front companies from public cases: (name, web/e-mail domain if known).
/// Domains are from `seized_and_front_company_domains.csv`; Taggcar Inc. and Vali Tech Inc.
/// are the invoicing shells named in US v. Jin Sung-Il et al.
pub const FRONT_VENDORS: &[(&str, Option<&str>)] = &[
    ("Independent Lab LLC", Some("inditechlab.com")),
    ("Tony WKJ LLC", Some("wkjllc.com")),
    ("HopanaTech", Some("hopanatech.com")),
    ("Taggcar Inc.", None),
    ("Vali Tech Inc.", None),
    ("Shenyang Tonywang Technology LTD", Some("tonywangtech.com")),
];

/// Fake prior employers on domains seized on 2023-10-17 (E.D. Mo.), from
/// `seized_and_front_company_domains.csv`.
pub const SEIZED_EMPLOYERS: &[(&str, &str)] = &[
    ("Silverstar China", "silverstarchina.com"),
    ("Foxysun Studio", "foxysunstudio.com"),
    ("Cloud Blue Fox", "cloudbluefox.com"),
    ("Eden Program", "edenprogram.com"),
    ("Xinlu Soft", "xinlusoft.com"),
    ("KT Solution", "ktsolution.tech"),
    ("Babybox Tech", "babyboxtech.com"),
    ("Jinyang Services", "jinyang.services"),
    ("The Foxes Group", "thefoxesgroup.com"),
    ("CloudFox Hub", "cloudfoxhub.com"),
];

/// Real employers for work histories: (name, domain, country).
pub const EMPLOYERS: &[(&str, &str, &str)] = &[
    ("Accenture", "accenture.com", "US"),
    ("Deloitte", "deloitte.com", "US"),
    ("IBM", "ibm.com", "US"),
    ("Oracle", "oracle.com", "US"),
    ("Salesforce", "salesforce.com", "US"),
    ("Capital One", "capitalone.com", "US"),
    ("Target", "target.com", "US"),
    ("State Farm", "statefarm.com", "US"),
    ("Twilio", "twilio.com", "US"),
    ("Stripe", "stripe.com", "US"),
    ("Cognizant", "cognizant.com", "US"),
    ("Epic Systems", "epic.com", "US"),
    ("Thoughtworks", "thoughtworks.com", "US"),
    ("Shopify", "shopify.com", "CA"),
    ("RBC", "rbc.com", "CA"),
    ("Monzo", "monzo.com", "GB"),
    ("Revolut", "revolut.com", "GB"),
    ("BT Group", "bt.com", "GB"),
    ("SAP", "sap.com", "DE"),
    ("Zalando", "zalando.com", "DE"),
    ("Booking.com", "booking.com", "NL"),
    ("Allegro", "allegro.pl", "PL"),
    ("EPAM Systems", "epam.com", "PL"),
    ("SoftServe", "softserveinc.com", "UA"),
    ("Grammarly", "grammarly.com", "UA"),
    ("Bitdefender", "bitdefender.com", "RO"),
    ("Farfetch", "farfetch.com", "PT"),
    ("Telefónica", "telefonica.com", "ES"),
    ("Infosys", "infosys.com", "IN"),
    ("Tata Consultancy Services", "tcs.com", "IN"),
    ("Wipro", "wipro.com", "IN"),
    ("Flipkart", "flipkart.com", "IN"),
    ("Systems Limited", "systemsltd.com", "PK"),
    ("Nubank", "nubank.com.br", "BR"),
    ("Mercado Libre", "mercadolibre.com", "AR"),
    ("Globant", "globant.com", "AR"),
    ("Rappi", "rappi.com", "CO"),
    ("Kavak", "kavak.com", "MX"),
    ("Accenture Philippines", "accenture.com", "PH"),
    ("Grab", "grab.com", "SG"),
    ("Rakuten", "rakuten.com", "JP"),
    ("Samsung SDS", "samsungsds.com", "KR"),
    ("Naver", "navercorp.com", "KR"),
    ("Kakao", "kakaocorp.com", "KR"),
    ("Coupang", "coupang.com", "KR"),
    ("Alibaba Group", "alibaba.com", "CN"),
    ("Tencent", "tencent.com", "CN"),
    ("VNG Corporation", "vng.com.vn", "VN"),
    ("FPT Software", "fptsoftware.com", "VN"),
    ("Andela", "andela.com", "NG"),
    ("Flutterwave", "flutterwave.com", "NG"),
    ("Safaricom", "safaricom.co.ke", "KE"),
];

/// Universities by country: (name, country).
pub const SCHOOLS: &[(&str, &str)] = &[
    ("University of Texas at Austin", "US"),
    ("University of Washington", "US"),
    ("Georgia Institute of Technology", "US"),
    ("Arizona State University", "US"),
    ("Rutgers University", "US"),
    ("Ohio State University", "US"),
    ("University of Michigan", "US"),
    ("Purdue University", "US"),
    ("San Jose State University", "US"),
    ("Pennsylvania State University", "US"),
    ("University of Florida", "US"),
    ("University of California, San Diego", "US"),
    ("New York University", "US"),
    ("Boston University", "US"),
    ("Western Governors University", "US"),
    ("University of Minnesota", "US"),
    ("University of Toronto", "CA"),
    ("University of Waterloo", "CA"),
    ("University of Manchester", "GB"),
    ("Imperial College London", "GB"),
    ("Technical University of Munich", "DE"),
    ("Humboldt University of Berlin", "DE"),
    ("Delft University of Technology", "NL"),
    ("Warsaw University of Technology", "PL"),
    ("AGH University of Krakow", "PL"),
    ("Taras Shevchenko National University of Kyiv", "UA"),
    ("Lviv Polytechnic National University", "UA"),
    ("Politehnica University of Bucharest", "RO"),
    ("University of Lisbon", "PT"),
    ("Complutense University of Madrid", "ES"),
    ("Indian Institute of Technology Bombay", "IN"),
    ("Indian Institute of Technology Madras", "IN"),
    ("Anna University", "IN"),
    ("Vellore Institute of Technology", "IN"),
    ("National University of Sciences and Technology", "PK"),
    ("Lahore University of Management Sciences", "PK"),
    ("University of São Paulo", "BR"),
    ("National Autonomous University of Mexico", "MX"),
    ("Monterrey Institute of Technology", "MX"),
    ("University of Buenos Aires", "AR"),
    ("University of the Andes", "CO"),
    ("University of the Philippines Diliman", "PH"),
    ("Ateneo de Manila University", "PH"),
    ("National University of Singapore", "SG"),
    ("University of Tokyo", "JP"),
    ("Seoul National University", "KR"),
    ("KAIST", "KR"),
    ("Yonsei University", "KR"),
    ("Korea University", "KR"),
    ("Tsinghua University", "CN"),
    ("Fudan University", "CN"),
    ("Shenzhen University", "CN"),
    ("Vietnam National University, Ho Chi Minh City", "VN"),
    ("University of Lagos", "NG"),
    ("University of Nairobi", "KE"),
];

/// Degrees.
pub const DEGREES: &[&str] = &[
    "B.S.", "B.Sc.", "B.Tech", "B.A.", "M.S.", "M.Sc.", "MBA", "Ph.D.",
];
/// Fields of study.
pub const FIELDS: &[&str] = &[
    "Computer Science",
    "Software Engineering",
    "Electrical Engineering",
    "Mathematics",
    "Information Systems",
    "Economics",
    "Business Administration",
    "Design",
    "Physics",
    "Data Science",
    "Computer Engineering",
];

/// A software package seen on a workstation: (display name, process, Windows path, macOS path).
pub type Software = (&'static str, &'static str, &'static str, &'static str);

/// Ordinary workstation software.
pub const SOFTWARE: &[Software] = &[
    (
        "Google Chrome",
        "chrome.exe",
        r"C:\Program Files\Google\Chrome\Application\chrome.exe",
        "/Applications/Google Chrome.app",
    ),
    (
        "Slack",
        "slack.exe",
        r"C:\Users\{user}\AppData\Local\slack\slack.exe",
        "/Applications/Slack.app",
    ),
    (
        "Zoom Workplace",
        "Zoom.exe",
        r"C:\Users\{user}\AppData\Roaming\Zoom\bin\Zoom.exe",
        "/Applications/zoom.us.app",
    ),
    (
        "Microsoft Visual Studio Code",
        "Code.exe",
        r"C:\Users\{user}\AppData\Local\Programs\Microsoft VS Code\Code.exe",
        "/Applications/Visual Studio Code.app",
    ),
    (
        "Microsoft Teams",
        "ms-teams.exe",
        r"C:\Program Files\WindowsApps\MSTeams\ms-teams.exe",
        "/Applications/Microsoft Teams.app",
    ),
    (
        "1Password",
        "1Password.exe",
        r"C:\Users\{user}\AppData\Local\1Password\app\8\1Password.exe",
        "/Applications/1Password.app",
    ),
    (
        "Docker Desktop",
        "Docker Desktop.exe",
        r"C:\Program Files\Docker\Docker\Docker Desktop.exe",
        "/Applications/Docker.app",
    ),
    (
        "Git",
        "git.exe",
        r"C:\Program Files\Git\cmd\git.exe",
        "/usr/bin/git",
    ),
    (
        "Microsoft 365 Apps for enterprise",
        "OUTLOOK.EXE",
        r"C:\Program Files\Microsoft Office\root\Office16\OUTLOOK.EXE",
        "/Applications/Microsoft Outlook.app",
    ),
    (
        "Postman",
        "Postman.exe",
        r"C:\Users\{user}\AppData\Local\Postman\Postman.exe",
        "/Applications/Postman.app",
    ),
    (
        "IntelliJ IDEA",
        "idea64.exe",
        r"C:\Program Files\JetBrains\IntelliJ IDEA 2024.1\bin\idea64.exe",
        "/Applications/IntelliJ IDEA.app",
    ),
    (
        "Notepad++",
        "notepad++.exe",
        r"C:\Program Files\Notepad++\notepad++.exe",
        "/Applications/TextEdit.app",
    ),
    (
        "Figma",
        "Figma.exe",
        r"C:\Users\{user}\AppData\Local\Figma\Figma.exe",
        "/Applications/Figma.app",
    ),
    (
        "Python 3.12",
        "python.exe",
        r"C:\Program Files\Python312\python.exe",
        "/usr/local/bin/python3",
    ),
];

/// Remote-access tools named in DPRK IT-worker reporting
/// (`rmm_tools_named_in_dprk_itw_reporting.csv`): (display name, process, path).
pub const RMM: &[(&str, &str, &str)] = &[
    (
        "AnyDesk",
        "AnyDesk.exe",
        r"C:\Program Files (x86)\AnyDesk\AnyDesk.exe",
    ),
    (
        "TeamViewer",
        "TeamViewer.exe",
        r"C:\Program Files\TeamViewer\TeamViewer.exe",
    ),
    (
        "Chrome Remote Desktop Host",
        "remoting_host.exe",
        r"C:\Program Files (x86)\Google\Chrome Remote Desktop\CurrentVersion\remoting_host.exe",
    ),
    (
        "Splashtop Streamer",
        "SRService.exe",
        r"C:\Program Files (x86)\Splashtop\Splashtop Remote\Server\SRService.exe",
    ),
    (
        "RustDesk",
        "rustdesk.exe",
        r"C:\Program Files\RustDesk\rustdesk.exe",
    ),
];
/// Index of AnyDesk in [`RMM`].
pub const RMM_ANYDESK: usize = 0;
/// Index of TeamViewer in [`RMM`].
pub const RMM_TEAMVIEWER: usize = 1;
/// Index of Chrome Remote Desktop in [`RMM`].
pub const RMM_CRD: usize = 2;
/// Index of Splashtop in [`RMM`].
pub const RMM_SPLASHTOP: usize = 3;

/// An IP-KVM's USB gadget identity (`ipkvm_usb_fingerprints.csv`).
#[derive(Clone, Copy, Debug)]
pub struct Kvm {
    /// Vendor id, 4 hex digits.
    pub vid: &'static str,
    /// Product id, 4 hex digits.
    pub pid: &'static str,
    /// USB manufacturer string.
    pub manufacturer: &'static str,
    /// USB product string.
    pub product: &'static str,
    /// Default serial.
    pub serial: &'static str,
    /// HDMI capture "monitor" the laptop sees: (name, EDID manufacturer, product id).
    pub edid: Option<(&'static str, &'static str, &'static str)>,
}

/// IP-KVM devices seen in laptop farms.
pub const KVMS: &[Kvm] = &[
    Kvm {
        vid: "1d6b",
        pid: "0104",
        manufacturer: "PiKVM",
        product: "PiKVM Composite Device",
        serial: "CAFEBABE",
        edid: Some(("PiKVM V4 Plus", "LNX", "7773")),
    },
    Kvm {
        vid: "1d6b",
        pid: "0104",
        manufacturer: "tinypilot",
        product: "Multifunction USB Device",
        serial: "6b65796d696d6570690",
        edid: None,
    },
    Kvm {
        vid: "1d6b",
        pid: "0104",
        manufacturer: "JetKVM",
        product: "USB Emulation Device",
        serial: "",
        edid: None,
    },
];

/// Ordinary USB peripherals: (vendor id, product id, manufacturer, product).
pub const USB: &[(&str, &str, &str, &str)] = &[
    ("046d", "c52b", "Logitech", "USB Receiver"),
    ("046d", "c548", "Logitech", "USB Receiver"),
    ("046d", "085e", "Logitech", "Logitech BRIO"),
    ("046d", "c31c", "Logitech", "USB Keyboard"),
    ("05ac", "0267", "Apple Inc.", "Magic Keyboard"),
    ("413c", "2113", "Dell", "Dell KB216 Wired Keyboard"),
    (
        "045e",
        "07a5",
        "Microsoft",
        "Microsoft Wireless Receiver 1461C",
    ),
    ("1050", "0407", "Yubico", "YubiKey OTP+FIDO+CCID"),
    ("0b0e", "245e", "GN Audio A/S", "Jabra Link 370"),
    (
        "17ef",
        "6047",
        "Lenovo",
        "ThinkPad Compact USB Keyboard with TrackPoint",
    ),
    ("0bda", "8153", "Realtek", "USB 10/100/1000 LAN"),
    ("2109", "2817", "VIA Labs, Inc.", "USB2.0 Hub"),
    ("0781", "5581", "SanDisk", "Ultra"),
    ("1532", "0084", "Razer", "DeathAdder V2"),
];

/// Monitors: (name, EDID manufacturer, product id).
pub const DISPLAYS: &[(&str, &str, &str)] = &[
    ("DELL U2720Q", "DEL", "41a9"),
    ("DELL P2419H", "DEL", "a0c1"),
    ("LG HDR 4K", "GSM", "7750"),
    ("LG ULTRAFINE", "GSM", "5b71"),
    ("HP E24 G5", "HPN", "3741"),
    ("ASUS VG279Q", "AUS", "27a3"),
];

/// Browser and client user agents: (platform tag, string).
pub const USER_AGENTS: &[(&str, &str)] = &[
    ("win", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"),
    ("win", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0"),
    ("mac", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"),
    ("mac", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15"),
    ("ios", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"),
    ("android", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36"),
    ("linux", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"),
];

/// Applications behind sign-ins at companies.
pub const COMPANY_APPS: &[&str] = &[
    "Okta Dashboard",
    "Google Workspace",
    "Microsoft 365",
    "Slack",
    "GitHub",
    "Jira",
    "Confluence",
    "AWS IAM Identity Center",
    "Zoom",
    "Workday",
    "GlobalProtect VPN",
];
/// Applications behind sign-ins at the platform.
pub const PLATFORM_APPS: &[&str] = &[
    "GigBridge Web",
    "GigBridge Messages",
    "GigBridge Payments",
    "GigBridge Mobile",
];

/// Repository / service name stems.
pub const REPO_STEMS: &[&str] = &[
    "payments-api",
    "web-frontend",
    "mobile-app",
    "auth-service",
    "data-pipeline",
    "infra-terraform",
    "ml-models",
    "billing",
    "search-service",
    "admin-portal",
    "design-system",
    "notifications",
    "warehouse-etl",
    "customer-portal",
    "internal-tools",
    "docs-site",
];

/// Builds the organisations for a dataset of `people` people.
pub fn orgs<R: Rng>(rng: &mut R, people: usize) -> Vec<Org> {
    let n = (6 + people / 15_000).min(COMPANY_POOL.len());
    let mut pool: Vec<usize> = (0..COMPANY_POOL.len()).collect();
    pool.shuffle(rng);
    pool.truncate(n);
    pool.sort_unstable();
    let mut out = Vec::with_capacity(n + 1);
    for (rank, &i) in pool.iter().enumerate() {
        let (name, domain, slug, hq) = COMPANY_POOL[i];
        let isp = &OFFICE_ISPS[rng.gen_range(0..OFFICE_ISPS.len())];
        let ips = (0..rng.gen_range(2..=3))
            .map(|_| isp.random_ip(rng))
            .collect();
        out.push(Org {
            name,
            domain,
            slug,
            kind: OrgKind::Company,
            hq: city_index(hq),
            office_ips: ips,
            office_isp: isp,
            // Zipf-like sizes, shuffled so the largest company differs by seed.
            weight: 1000 / (rank as u32 % 5 + 1),
            edr: EDRS[rng.gen_range(0..EDRS.len())],
            mac_shop: rng.gen_bool(0.4),
        });
    }
    let (name, domain, slug, hq) = PLATFORM;
    let isp = &OFFICE_ISPS[0];
    out.push(Org {
        name,
        domain,
        slug,
        kind: OrgKind::Platform,
        hq: city_index(hq),
        office_ips: vec![isp.random_ip(rng)],
        office_isp: isp,
        weight: 0,
        edr: EDRS[0],
        mac_shop: false,
    });
    out
}
