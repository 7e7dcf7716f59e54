//! Places: countries, cities, time zones, ISPs, postal addresses and phone numbers.
//!
//! ISP address blocks are plausible `/16`s for each provider; the simulator only needs
//! them to look real and to be stable per person, not to be authoritative.

use rand::Rng;

use crate::names::Culture;
use crate::time::{Dst, Tz};
use crate::util::{digits, pick, pick_str, weighted};

/// An Internet provider with some of its address blocks (`a.b_lo..=b_hi.x.y`).
#[derive(Debug)]
pub struct Isp {
    /// Autonomous system number.
    pub asn: u32,
    /// AS organisation as IP enrichment reports it.
    pub org: &'static str,
    /// `(first octet, second octet low, second octet high)`.
    pub blocks: &'static [(u8, u8, u8)],
}

impl Isp {
    /// A random IPv4 address inside this ISP's blocks, as a `u32`.
    pub fn random_ip<R: Rng>(&self, rng: &mut R) -> u32 {
        let (a, lo, hi) = *pick(rng, self.blocks);
        let b = rng.gen_range(lo..=hi);
        let c = rng.gen_range(0..=255u8);
        let d = rng.gen_range(1..=254u8);
        u32::from_be_bytes([a, b, c, d])
    }
}

/// Dotted-quad form of an IPv4 address.
pub fn ip_string(ip: u32) -> String {
    let [a, b, c, d] = ip.to_be_bytes();
    format!("{a}.{b}.{c}.{d}")
}

/// How postal addresses are written in a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddrStyle {
    /// "4821 Maple Ave., Apt 4B, Austin, TX 78704" (US, Canada).
    Us,
    /// "Flat 3, 27 Baker Road, London NW1 6XE".
    Gb,
    /// "Hauptstraße 12, 10115 Berlin" (continental Europe).
    Eu,
    /// "Rua Augusta 1200, São Paulo, 01304-001" (Latin America).
    Latam,
    /// "Flat 302, 14 MG Road, Bengaluru 560038" (South and East Asia, Africa).
    Asia,
}

/// A country and its conventions.
#[derive(Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: &'static str,
    /// Telephone country code.
    pub dial: &'static str,
    /// Payroll currency.
    pub currency: &'static str,
    /// Cultures of residents' names, with weights.
    pub cultures: &'static [(Culture, u32)],
    /// Residential ISPs.
    pub isps: &'static [Isp],
    /// POSIX locale of a typical workstation.
    pub locale: &'static str,
    /// Keyboard layout / language tag of a typical workstation.
    pub keyboard: &'static str,
    /// Street names.
    pub streets: &'static [&'static str],
    /// Address format.
    pub style: AddrStyle,
    /// Typical annual salary of a software engineer in cents of `currency` (rough).
    pub salary: i64,
}

/// A city people can live in (or, for `claimable == false`, only connect from).
#[derive(Debug)]
pub struct City {
    /// City name.
    pub name: &'static str,
    /// Region code (US state code, province…).
    pub region: &'static str,
    /// Region written out ("Texas").
    pub region_name: &'static str,
    /// ISO country code.
    pub country: &'static str,
    /// Time zone.
    pub tz: Tz,
    /// Telephone area codes.
    pub areas: &'static [&'static str],
    /// Postcode pattern: `#` digit, `@` letter.
    pub postcode: &'static str,
    /// Relative population weight for people claiming to live here (0 = never claimed).
    pub weight: u32,
}

const fn tz(name: &'static str, std_min: i32, dst: Dst) -> Tz {
    Tz { name, std_min, dst }
}

const NY: Tz = tz("America/New_York", -300, Dst::Us);
const CHI: Tz = tz("America/Chicago", -360, Dst::Us);
const DEN: Tz = tz("America/Denver", -420, Dst::Us);
const LA: Tz = tz("America/Los_Angeles", -480, Dst::Us);
const PHX: Tz = tz("America/Phoenix", -420, Dst::None);
const DET: Tz = tz("America/Detroit", -300, Dst::Us);
const IND: Tz = tz("America/Indiana/Indianapolis", -300, Dst::Us);
const BOI: Tz = tz("America/Boise", -420, Dst::Us);

macro_rules! isp {
    ($asn:expr, $org:expr, [$(($a:expr, $l:expr, $h:expr)),* $(,)?]) => {
        Isp { asn: $asn, org: $org, blocks: &[$(($a, $l, $h)),*] }
    };
}

const US_STREETS: &[&str] = &[
    "Oak",
    "Maple",
    "Cedar",
    "Pine",
    "Elm",
    "Washington",
    "Lake",
    "Hill",
    "Park",
    "Main",
    "Sunset",
    "Highland",
    "Ridge",
    "Willow",
    "Magnolia",
    "Juniper",
    "Canyon",
    "Lincoln",
    "Jefferson",
    "Franklin",
    "Madison",
    "Riverside",
    "Meadow",
    "Spring",
    "Chestnut",
    "Walnut",
    "Sycamore",
    "Aspen",
    "Birch",
    "Dogwood",
    "Laurel",
    "Prairie",
    "Briarwood",
    "Stonebridge",
    "Heritage",
    "Cypress",
    "Live Oak",
    "Dorchester",
    "Fairview",
    "Greenwood",
    "Hawthorne",
    "Kingston",
    "Lakeview",
    "Mill Creek",
    "Orchard",
    "Pinecrest",
    "Quail Run",
    "Redbud",
    "Shadow Creek",
    "Timberline",
    "Valley View",
    "Westwood",
    "Windsor",
    "Bluebonnet",
];

/// Countries people live in.
pub static COUNTRIES: &[Country] = &[
    Country {
        code: "US",
        dial: "1",
        currency: "USD",
        cultures: &[
            (Culture::Anglo, 52),
            (Culture::Hispanic, 13),
            (Culture::Indian, 8),
            (Culture::Chinese, 6),
            (Culture::Korean, 4),
            (Culture::Vietnamese, 3),
            (Culture::Filipino, 3),
            (Culture::Arabic, 3),
            (Culture::Nigerian, 2),
            (Culture::Polish, 2),
            (Culture::Ukrainian, 1),
            (Culture::Germanic, 2),
            (Culture::Japanese, 1),
        ],
        isps: &[
            isp!(
                7922,
                "Comcast Cable Communications, LLC",
                [(73, 0, 255), (98, 192, 255), (24, 0, 63)]
            ),
            isp!(
                20115,
                "Charter Communications Inc",
                [(71, 80, 95), (97, 64, 127), (174, 96, 111)]
            ),
            isp!(
                7018,
                "AT&T Services, Inc.",
                [(99, 0, 191), (107, 64, 127), (76, 192, 255)]
            ),
            isp!(
                701,
                "Verizon Business",
                [(108, 0, 63), (173, 48, 79), (96, 224, 255)]
            ),
            isp!(
                22773,
                "Cox Communications Inc.",
                [(68, 96, 111), (70, 160, 191)]
            ),
        ],
        locale: "en_US.UTF-8",
        keyboard: "en-US",
        streets: US_STREETS,
        style: AddrStyle::Us,
        salary: 14_500_000,
    },
    Country {
        code: "CA",
        dial: "1",
        currency: "CAD",
        cultures: &[
            (Culture::Anglo, 55),
            (Culture::Chinese, 10),
            (Culture::Indian, 12),
            (Culture::Filipino, 5),
            (Culture::Korean, 3),
            (Culture::Arabic, 5),
            (Culture::Ukrainian, 4),
        ],
        isps: &[
            isp!(
                812,
                "Rogers Communications Canada Inc.",
                [(99, 224, 255), (174, 112, 119)]
            ),
            isp!(577, "Bell Canada", [(70, 48, 55), (142, 112, 127)]),
        ],
        locale: "en_CA.UTF-8",
        keyboard: "en-CA",
        streets: US_STREETS,
        style: AddrStyle::Us,
        salary: 12_000_000,
    },
    Country {
        code: "GB",
        dial: "44",
        currency: "GBP",
        cultures: &[
            (Culture::Anglo, 70),
            (Culture::Indian, 10),
            (Culture::Arabic, 6),
            (Culture::Polish, 5),
            (Culture::Nigerian, 4),
            (Culture::Chinese, 3),
            (Culture::Romanian, 2),
        ],
        isps: &[
            isp!(
                2856,
                "British Telecommunications PLC",
                [(86, 128, 191), (81, 128, 159)]
            ),
            isp!(5089, "Virgin Media Limited", [(82, 0, 47), (86, 0, 31)]),
            isp!(5607, "Sky UK Limited", [(2, 96, 127)]),
        ],
        locale: "en_GB.UTF-8",
        keyboard: "en-GB",
        streets: &[
            "Baker",
            "Station",
            "Church",
            "Victoria",
            "Albert",
            "Queens",
            "Kings",
            "Mill",
            "Manor",
            "Park",
            "Windsor",
            "Grove",
            "Chapel",
            "Cavendish",
            "Ashford",
        ],
        style: AddrStyle::Gb,
        salary: 7_500_000,
    },
    Country {
        code: "DE",
        dial: "49",
        currency: "EUR",
        cultures: &[
            (Culture::Germanic, 80),
            (Culture::Polish, 5),
            (Culture::Arabic, 5),
            (Culture::Romanian, 3),
            (Culture::Ukrainian, 4),
        ],
        isps: &[
            isp!(
                3320,
                "Deutsche Telekom AG",
                [(79, 192, 255), (87, 128, 191), (91, 0, 63)]
            ),
            isp!(3209, "Vodafone GmbH", [(88, 64, 79), (94, 216, 223)]),
        ],
        locale: "de_DE.UTF-8",
        keyboard: "de-DE",
        streets: &[
            "Hauptstraße",
            "Schillerstraße",
            "Goethestraße",
            "Bahnhofstraße",
            "Gartenstraße",
            "Lindenallee",
            "Bergstraße",
            "Kastanienallee",
            "Friedrichstraße",
            "Torstraße",
        ],
        style: AddrStyle::Eu,
        salary: 7_000_000,
    },
    Country {
        code: "NL",
        dial: "31",
        currency: "EUR",
        cultures: &[
            (Culture::Germanic, 85),
            (Culture::Arabic, 8),
            (Culture::Indian, 4),
        ],
        isps: &[
            isp!(1136, "KPN B.V.", [(84, 24, 31), (77, 160, 175)]),
            isp!(33915, "Vodafone Libertel B.V.", [(84, 80, 111)]),
        ],
        locale: "nl_NL.UTF-8",
        keyboard: "en-US",
        streets: &[
            "Keizersgracht",
            "Prinsengracht",
            "Damrak",
            "Overtoom",
            "Ferdinand Bolstraat",
            "Kinkerstraat",
            "Van Baerlestraat",
        ],
        style: AddrStyle::Eu,
        salary: 6_800_000,
    },
    Country {
        code: "PL",
        dial: "48",
        currency: "PLN",
        cultures: &[(Culture::Polish, 92), (Culture::Ukrainian, 8)],
        isps: &[
            isp!(
                5617,
                "Orange Polska Spolka Akcyjna",
                [(83, 0, 31), (89, 64, 79)]
            ),
            isp!(12741, "Netia SA", [(83, 238, 239)]),
        ],
        locale: "pl_PL.UTF-8",
        keyboard: "pl-PL",
        streets: &[
            "ul. Marszałkowska",
            "ul. Puławska",
            "ul. Grójecka",
            "ul. Floriańska",
            "ul. Długa",
            "ul. Mickiewicza",
            "ul. Słowackiego",
            "ul. Piłsudskiego",
        ],
        style: AddrStyle::Eu,
        salary: 26_000_000,
    },
    Country {
        code: "UA",
        dial: "380",
        currency: "UAH",
        cultures: &[(Culture::Ukrainian, 100)],
        isps: &[
            isp!(15895, "Kyivstar PJSC", [(46, 211, 211), (94, 153, 153)]),
            isp!(6849, "JSC UKRTELECOM", [(31, 131, 131), (92, 112, 113)]),
        ],
        locale: "uk_UA.UTF-8",
        keyboard: "uk-UA",
        streets: &[
            "vul. Khreshchatyk",
            "vul. Sahaidachnoho",
            "vul. Shevchenka",
            "vul. Franka",
            "vul. Lesi Ukrainky",
            "prosp. Peremohy",
        ],
        style: AddrStyle::Eu,
        salary: 180_000_000,
    },
    Country {
        code: "RO",
        dial: "40",
        currency: "RON",
        cultures: &[(Culture::Romanian, 100)],
        isps: &[isp!(
            8708,
            "RCS & RDS SA",
            [(79, 112, 119), (86, 120, 127), (5, 12, 15)]
        )],
        locale: "ro_RO.UTF-8",
        keyboard: "ro-RO",
        streets: &[
            "Strada Lipscani",
            "Bulevardul Unirii",
            "Strada Victoriei",
            "Strada Mihai Eminescu",
            "Calea Dorobanților",
        ],
        style: AddrStyle::Eu,
        salary: 22_000_000,
    },
    Country {
        code: "PT",
        dial: "351",
        currency: "EUR",
        cultures: &[(Culture::Lusophone, 95), (Culture::Ukrainian, 5)],
        isps: &[isp!(
            3243,
            "MEO - SERVICOS DE COMUNICACOES E MULTIMEDIA S.A.",
            [(85, 240, 247), (188, 80, 83)]
        )],
        locale: "pt_PT.UTF-8",
        keyboard: "pt-PT",
        streets: &[
            "Rua Augusta",
            "Avenida da Liberdade",
            "Rua do Ouro",
            "Rua Garrett",
            "Avenida de Roma",
        ],
        style: AddrStyle::Eu,
        salary: 4_200_000,
    },
    Country {
        code: "ES",
        dial: "34",
        currency: "EUR",
        cultures: &[
            (Culture::Hispanic, 92),
            (Culture::Romanian, 4),
            (Culture::Arabic, 4),
        ],
        isps: &[isp!(
            3352,
            "TELEFONICA DE ESPANA S.A.U.",
            [(80, 24, 39), (83, 32, 63)]
        )],
        locale: "es_ES.UTF-8",
        keyboard: "es-ES",
        streets: &[
            "Calle de Alcalá",
            "Gran Vía",
            "Calle Mayor",
            "Calle de Serrano",
            "Paseo de la Castellana",
        ],
        style: AddrStyle::Eu,
        salary: 4_800_000,
    },
    Country {
        code: "IN",
        dial: "91",
        currency: "INR",
        cultures: &[(Culture::Indian, 100)],
        isps: &[
            isp!(
                55836,
                "Reliance Jio Infocomm Limited",
                [(49, 32, 47), (152, 56, 59)]
            ),
            isp!(
                24560,
                "Bharti Airtel Ltd., Telemedia Services",
                [(122, 160, 191), (182, 64, 79)]
            ),
            isp!(
                24309,
                "Atria Convergence Technologies Ltd.",
                [(106, 51, 51)]
            ),
        ],
        locale: "en_IN.UTF-8",
        keyboard: "en-IN",
        streets: &[
            "MG Road",
            "Residency Road",
            "Brigade Road",
            "Church Street",
            "FC Road",
            "Jubilee Hills Road",
            "Linking Road",
            "Park Street",
        ],
        style: AddrStyle::Asia,
        salary: 250_000_000,
    },
    Country {
        code: "PK",
        dial: "92",
        currency: "PKR",
        cultures: &[(Culture::Arabic, 100)],
        isps: &[
            isp!(
                17557,
                "Pakistan Telecommunication Company Limited",
                [(39, 32, 63), (119, 152, 159)]
            ),
            isp!(23674, "Nayatel (Pvt) Ltd", [(58, 65, 65)]),
        ],
        locale: "en_US.UTF-8",
        keyboard: "en-US",
        streets: &[
            "Shahrah-e-Faisal",
            "Mall Road",
            "Jinnah Avenue",
            "Tariq Road",
            "Gulberg Main Boulevard",
        ],
        style: AddrStyle::Asia,
        salary: 600_000_000,
    },
    Country {
        code: "BR",
        dial: "55",
        currency: "BRL",
        cultures: &[
            (Culture::Lusophone, 90),
            (Culture::Japanese, 4),
            (Culture::Hispanic, 6),
        ],
        isps: &[
            isp!(
                28573,
                "Claro NXT Telecomunicacoes Ltda",
                [(177, 0, 31), (189, 0, 31)]
            ),
            isp!(
                26599,
                "TELEFONICA BRASIL S.A",
                [(177, 128, 191), (187, 0, 31)]
            ),
        ],
        locale: "pt_BR.UTF-8",
        keyboard: "pt-BR",
        streets: &[
            "Rua Augusta",
            "Avenida Paulista",
            "Rua Oscar Freire",
            "Rua da Consolação",
            "Avenida Faria Lima",
        ],
        style: AddrStyle::Latam,
        salary: 18_000_000,
    },
    Country {
        code: "MX",
        dial: "52",
        currency: "MXN",
        cultures: &[(Culture::Hispanic, 100)],
        isps: &[
            isp!(8151, "UNINET", [(187, 128, 187), (189, 128, 191)]),
            isp!(
                22884,
                "TOTAL PLAY TELECOMUNICACIONES SA DE CV",
                [(187, 188, 191)]
            ),
        ],
        locale: "es_MX.UTF-8",
        keyboard: "es-MX",
        streets: &[
            "Avenida Insurgentes Sur",
            "Calle Durango",
            "Avenida Reforma",
            "Calle Orizaba",
            "Avenida Chapultepec",
        ],
        style: AddrStyle::Latam,
        salary: 72_000_000,
    },
    Country {
        code: "AR",
        dial: "54",
        currency: "ARS",
        cultures: &[
            (Culture::Hispanic, 92),
            (Culture::Germanic, 4),
            (Culture::Ukrainian, 4),
        ],
        isps: &[isp!(
            7303,
            "Telecom Argentina S.A.",
            [(181, 0, 31), (190, 16, 31)]
        )],
        locale: "es_AR.UTF-8",
        keyboard: "es-AR",
        streets: &[
            "Avenida Corrientes",
            "Calle Florida",
            "Avenida Santa Fe",
            "Calle Thames",
            "Avenida Cabildo",
        ],
        style: AddrStyle::Latam,
        salary: 3_600_000_000,
    },
    Country {
        code: "CO",
        dial: "57",
        currency: "COP",
        cultures: &[(Culture::Hispanic, 100)],
        isps: &[isp!(
            10620,
            "Telmex Colombia S.A.",
            [(181, 48, 63), (186, 80, 95)]
        )],
        locale: "es_CO.UTF-8",
        keyboard: "es-CO",
        streets: &[
            "Carrera 7",
            "Calle 93",
            "Carrera 11",
            "Calle 85",
            "Avenida Chile",
        ],
        style: AddrStyle::Latam,
        salary: 12_000_000_000,
    },
    Country {
        code: "PH",
        dial: "63",
        currency: "PHP",
        cultures: &[(Culture::Filipino, 100)],
        isps: &[
            isp!(
                9299,
                "Philippine Long Distance Telephone Company",
                [(112, 198, 199), (120, 28, 29)]
            ),
            isp!(4775, "Globe Telecoms", [(49, 144, 151)]),
        ],
        locale: "en_PH.UTF-8",
        keyboard: "en-US",
        streets: &[
            "Ayala Avenue",
            "Roxas Boulevard",
            "Katipunan Avenue",
            "Shaw Boulevard",
            "Ortigas Avenue",
        ],
        style: AddrStyle::Asia,
        salary: 150_000_000,
    },
    Country {
        code: "SG",
        dial: "65",
        currency: "SGD",
        cultures: &[
            (Culture::Chinese, 70),
            (Culture::Indian, 15),
            (Culture::Filipino, 5),
            (Culture::Anglo, 10),
        ],
        isps: &[
            isp!(
                9506,
                "Singtel Fibre Broadband",
                [(116, 14, 15), (118, 200, 201)]
            ),
            isp!(4657, "StarHub Ltd", [(101, 127, 127)]),
        ],
        locale: "en_SG.UTF-8",
        keyboard: "en-US",
        streets: &[
            "Orchard Road",
            "Tanjong Pagar Road",
            "Holland Avenue",
            "Bukit Timah Road",
            "Tampines Street 81",
        ],
        style: AddrStyle::Asia,
        salary: 12_000_000,
    },
    Country {
        code: "JP",
        dial: "81",
        currency: "JPY",
        cultures: &[(Culture::Japanese, 100)],
        isps: &[
            isp!(
                4713,
                "NTT Communications Corporation",
                [(153, 128, 255), (114, 144, 191)]
            ),
            isp!(17676, "SoftBank Corp.", [(126, 0, 255)]),
        ],
        locale: "ja_JP.UTF-8",
        keyboard: "ja-JP",
        streets: &["Shibuya", "Minato", "Setagaya", "Meguro", "Shinjuku"],
        style: AddrStyle::Asia,
        salary: 900_000_000,
    },
    Country {
        code: "KR",
        dial: "82",
        currency: "KRW",
        cultures: &[(Culture::Korean, 100)],
        isps: &[
            isp!(4766, "Korea Telecom", [(175, 192, 223), (211, 36, 63)]),
            isp!(9318, "SK Broadband Co Ltd", [(1, 224, 255), (58, 120, 127)]),
        ],
        locale: "ko_KR.UTF-8",
        keyboard: "ko-KR",
        streets: &[
            "Teheran-ro",
            "Gangnam-daero",
            "Sejong-daero",
            "Olympic-ro",
            "Dosan-daero",
        ],
        style: AddrStyle::Asia,
        salary: 7_000_000_000,
    },
    Country {
        code: "CN",
        dial: "86",
        currency: "CNY",
        cultures: &[(Culture::Chinese, 100)],
        isps: &[
            isp!(4134, "CHINANET-BACKBONE", [(114, 80, 95), (180, 96, 127)]),
            isp!(
                4837,
                "CHINA UNICOM China169 Backbone",
                [(123, 184, 191), (113, 224, 231), (175, 160, 175)]
            ),
        ],
        locale: "zh_CN.UTF-8",
        keyboard: "zh-CN",
        streets: &[
            "Nanjing Road",
            "Huaihai Road",
            "Shennan Avenue",
            "Century Avenue",
            "Zhongshan Road",
        ],
        style: AddrStyle::Asia,
        salary: 40_000_000,
    },
    Country {
        code: "VN",
        dial: "84",
        currency: "VND",
        cultures: &[(Culture::Vietnamese, 100)],
        isps: &[
            isp!(7552, "Viettel Group", [(27, 64, 79), (171, 224, 255)]),
            isp!(18403, "FPT Telecom Company", [(42, 112, 119)]),
        ],
        locale: "vi_VN.UTF-8",
        keyboard: "vi-VN",
        streets: &[
            "Nguyen Hue",
            "Le Loi",
            "Dong Khoi",
            "Hai Ba Trung",
            "Dien Bien Phu",
        ],
        style: AddrStyle::Asia,
        salary: 60_000_000_000,
    },
    Country {
        code: "NG",
        dial: "234",
        currency: "NGN",
        cultures: &[(Culture::Nigerian, 100)],
        isps: &[
            isp!(
                29465,
                "MTN NIGERIA Communication limited",
                [(102, 88, 91), (105, 112, 127)]
            ),
            isp!(36873, "Airtel Networks Limited", [(197, 210, 211)]),
        ],
        locale: "en_NG.UTF-8",
        keyboard: "en-US",
        streets: &[
            "Adeola Odeku Street",
            "Admiralty Way",
            "Awolowo Road",
            "Allen Avenue",
            "Ozumba Mbadiwe Avenue",
        ],
        style: AddrStyle::Asia,
        salary: 2_000_000_000,
    },
    Country {
        code: "KE",
        dial: "254",
        currency: "KES",
        cultures: &[(Culture::Kenyan, 100)],
        isps: &[isp!(
            33771,
            "Safaricom Limited",
            [(105, 160, 167), (197, 232, 239)]
        )],
        locale: "en_KE.UTF-8",
        keyboard: "en-US",
        streets: &[
            "Moi Avenue",
            "Kenyatta Avenue",
            "Ngong Road",
            "Waiyaki Way",
            "Argwings Kodhek Road",
        ],
        style: AddrStyle::Asia,
        salary: 360_000_000,
    },
    Country {
        code: "RU",
        dial: "7",
        currency: "RUB",
        cultures: &[(Culture::Ukrainian, 100)],
        isps: &[isp!(
            12389,
            "PJSC Rostelecom",
            [(95, 24, 31), (188, 162, 163)]
        )],
        locale: "ru_RU.UTF-8",
        keyboard: "ru-RU",
        streets: &["ul. Svetlanskaya", "ul. Aleutskaya"],
        style: AddrStyle::Eu,
        salary: 300_000_000,
    },
];

macro_rules! city {
    ($name:expr, $reg:expr, $regname:expr, $cc:expr, $tz:expr, [$($area:expr),*], $pc:expr, $w:expr) => {
        City { name: $name, region: $reg, region_name: $regname, country: $cc, tz: $tz, areas: &[$($area),*], postcode: $pc, weight: $w }
    };
}

/// All cities. Cities with weight 0 are only ever connection origins.
pub static CITIES: &[City] = &[
    city!(
        "Austin",
        "TX",
        "Texas",
        "US",
        CHI,
        ["512", "737"],
        "787##",
        30
    ),
    city!(
        "Dallas",
        "TX",
        "Texas",
        "US",
        CHI,
        ["214", "469", "972"],
        "752##",
        25
    ),
    city!(
        "Houston",
        "TX",
        "Texas",
        "US",
        CHI,
        ["713", "832"],
        "770##",
        20
    ),
    city!(
        "Seattle",
        "WA",
        "Washington",
        "US",
        LA,
        ["206"],
        "981##",
        25
    ),
    city!(
        "San Francisco",
        "CA",
        "California",
        "US",
        LA,
        ["415", "628"],
        "941##",
        25
    ),
    city!(
        "Los Angeles",
        "CA",
        "California",
        "US",
        LA,
        ["213", "323", "310"],
        "900##",
        25
    ),
    city!(
        "San Diego",
        "CA",
        "California",
        "US",
        LA,
        ["619", "858"],
        "921##",
        12
    ),
    city!("Irvine", "CA", "California", "US", LA, ["949"], "926##", 8),
    city!(
        "Portland",
        "OR",
        "Oregon",
        "US",
        LA,
        ["503", "971"],
        "972##",
        10
    ),
    city!(
        "Denver",
        "CO",
        "Colorado",
        "US",
        DEN,
        ["303", "720"],
        "802##",
        15
    ),
    city!(
        "Salt Lake City",
        "UT",
        "Utah",
        "US",
        DEN,
        ["801", "385"],
        "841##",
        8
    ),
    city!("Boise", "ID", "Idaho", "US", BOI, ["208"], "837##", 4),
    city!(
        "Phoenix",
        "AZ",
        "Arizona",
        "US",
        PHX,
        ["602", "480"],
        "850##",
        12
    ),
    city!("Las Vegas", "NV", "Nevada", "US", LA, ["702"], "891##", 8),
    city!(
        "Chicago",
        "IL",
        "Illinois",
        "US",
        CHI,
        ["312", "773"],
        "606##",
        25
    ),
    city!(
        "Minneapolis",
        "MN",
        "Minnesota",
        "US",
        CHI,
        ["612"],
        "554##",
        10
    ),
    city!(
        "Kansas City",
        "MO",
        "Missouri",
        "US",
        CHI,
        ["816"],
        "641##",
        6
    ),
    city!(
        "Nashville",
        "TN",
        "Tennessee",
        "US",
        CHI,
        ["615", "629"],
        "372##",
        8
    ),
    city!(
        "Indianapolis",
        "IN",
        "Indiana",
        "US",
        IND,
        ["317"],
        "462##",
        6
    ),
    city!("Detroit", "MI", "Michigan", "US", DET, ["313"], "482##", 6),
    city!("Columbus", "OH", "Ohio", "US", NY, ["614"], "432##", 8),
    city!(
        "Atlanta",
        "GA",
        "Georgia",
        "US",
        NY,
        ["404", "678"],
        "303##",
        18
    ),
    city!(
        "Miami",
        "FL",
        "Florida",
        "US",
        NY,
        ["305", "786"],
        "331##",
        12
    ),
    city!("Orlando", "FL", "Florida", "US", NY, ["407"], "328##", 6),
    city!(
        "Charlotte",
        "NC",
        "North Carolina",
        "US",
        NY,
        ["704", "980"],
        "282##",
        8
    ),
    city!(
        "Raleigh",
        "NC",
        "North Carolina",
        "US",
        NY,
        ["919", "984"],
        "276##",
        10
    ),
    city!(
        "New York",
        "NY",
        "New York",
        "US",
        NY,
        ["212", "646", "718"],
        "100##",
        30
    ),
    city!(
        "Fort Lee",
        "NJ",
        "New Jersey",
        "US",
        NY,
        ["201", "551"],
        "070##",
        5
    ),
    city!(
        "Boston",
        "MA",
        "Massachusetts",
        "US",
        NY,
        ["617", "857"],
        "021##",
        18
    ),
    city!(
        "Philadelphia",
        "PA",
        "Pennsylvania",
        "US",
        NY,
        ["215", "267"],
        "191##",
        12
    ),
    city!(
        "Pittsburgh",
        "PA",
        "Pennsylvania",
        "US",
        NY,
        ["412"],
        "152##",
        6
    ),
    city!(
        "Baltimore",
        "MD",
        "Maryland",
        "US",
        NY,
        ["410", "443"],
        "212##",
        8
    ),
    city!(
        "Arlington",
        "VA",
        "Virginia",
        "US",
        NY,
        ["703", "571"],
        "222##",
        10
    ),
    city!("Annandale", "VA", "Virginia", "US", NY, ["703"], "220##", 4),
    city!(
        "Toronto",
        "ON",
        "Ontario",
        "CA",
        tz("America/Toronto", -300, Dst::Us),
        ["416", "647"],
        "M#@ #@#",
        10
    ),
    city!(
        "Vancouver",
        "BC",
        "British Columbia",
        "CA",
        tz("America/Vancouver", -480, Dst::Us),
        ["604", "778"],
        "V#@ #@#",
        6
    ),
    city!(
        "London",
        "ENG",
        "England",
        "GB",
        tz("Europe/London", 0, Dst::Eu),
        ["20"],
        "@@# #@@",
        12
    ),
    city!(
        "Manchester",
        "ENG",
        "England",
        "GB",
        tz("Europe/London", 0, Dst::Eu),
        ["161"],
        "M## #@@",
        4
    ),
    city!(
        "Berlin",
        "BE",
        "Berlin",
        "DE",
        tz("Europe/Berlin", 60, Dst::Eu),
        ["30"],
        "10###",
        6
    ),
    city!(
        "Munich",
        "BY",
        "Bavaria",
        "DE",
        tz("Europe/Berlin", 60, Dst::Eu),
        ["89"],
        "80###",
        4
    ),
    city!(
        "Amsterdam",
        "NH",
        "North Holland",
        "NL",
        tz("Europe/Amsterdam", 60, Dst::Eu),
        ["20"],
        "10## @@",
        4
    ),
    city!(
        "Warsaw",
        "MZ",
        "Masovian",
        "PL",
        tz("Europe/Warsaw", 60, Dst::Eu),
        ["22"],
        "0#-###",
        7
    ),
    city!(
        "Kraków",
        "MA",
        "Lesser Poland",
        "PL",
        tz("Europe/Warsaw", 60, Dst::Eu),
        ["12"],
        "3#-###",
        5
    ),
    city!(
        "Kyiv",
        "30",
        "Kyiv City",
        "UA",
        tz("Europe/Kyiv", 120, Dst::Eu),
        ["44"],
        "0####",
        7
    ),
    city!(
        "Lviv",
        "46",
        "Lviv Oblast",
        "UA",
        tz("Europe/Kyiv", 120, Dst::Eu),
        ["32"],
        "79###",
        4
    ),
    city!(
        "Bucharest",
        "B",
        "Bucharest",
        "RO",
        tz("Europe/Bucharest", 120, Dst::Eu),
        ["21"],
        "0#####",
        5
    ),
    city!(
        "Lisbon",
        "11",
        "Lisbon",
        "PT",
        tz("Europe/Lisbon", 0, Dst::Eu),
        ["21"],
        "1###-###",
        4
    ),
    city!(
        "Madrid",
        "MD",
        "Community of Madrid",
        "ES",
        tz("Europe/Madrid", 60, Dst::Eu),
        ["91"],
        "28###",
        4
    ),
    city!(
        "Bengaluru",
        "KA",
        "Karnataka",
        "IN",
        tz("Asia/Kolkata", 330, Dst::None),
        ["80"],
        "560###",
        10
    ),
    city!(
        "Pune",
        "MH",
        "Maharashtra",
        "IN",
        tz("Asia/Kolkata", 330, Dst::None),
        ["20"],
        "411###",
        5
    ),
    city!(
        "Hyderabad",
        "TG",
        "Telangana",
        "IN",
        tz("Asia/Kolkata", 330, Dst::None),
        ["40"],
        "500###",
        6
    ),
    city!(
        "Karachi",
        "SD",
        "Sindh",
        "PK",
        tz("Asia/Karachi", 300, Dst::None),
        ["21"],
        "75###",
        4
    ),
    city!(
        "Lahore",
        "PB",
        "Punjab",
        "PK",
        tz("Asia/Karachi", 300, Dst::None),
        ["42"],
        "54###",
        4
    ),
    city!(
        "São Paulo",
        "SP",
        "São Paulo",
        "BR",
        tz("America/Sao_Paulo", -180, Dst::None),
        ["11"],
        "0####-###",
        7
    ),
    city!(
        "Mexico City",
        "CMX",
        "Ciudad de México",
        "MX",
        tz("America/Mexico_City", -360, Dst::None),
        ["55"],
        "0####",
        6
    ),
    city!(
        "Guadalajara",
        "JAL",
        "Jalisco",
        "MX",
        tz("America/Mexico_City", -360, Dst::None),
        ["33"],
        "44###",
        4
    ),
    city!(
        "Buenos Aires",
        "C",
        "Ciudad Autónoma de Buenos Aires",
        "AR",
        tz("America/Argentina/Buenos_Aires", -180, Dst::None),
        ["11"],
        "C1###@@@",
        5
    ),
    city!(
        "Bogotá",
        "DC",
        "Bogotá D.C.",
        "CO",
        tz("America/Bogota", -300, Dst::None),
        ["601"],
        "11####",
        4
    ),
    city!(
        "Manila",
        "00",
        "Metro Manila",
        "PH",
        tz("Asia/Manila", 480, Dst::None),
        ["2"],
        "1###",
        5
    ),
    city!(
        "Singapore",
        "01",
        "Central Singapore",
        "SG",
        tz("Asia/Singapore", 480, Dst::None),
        ["6"],
        "######",
        3
    ),
    city!(
        "Tokyo",
        "13",
        "Tokyo",
        "JP",
        tz("Asia/Tokyo", 540, Dst::None),
        ["3"],
        "1##-####",
        3
    ),
    city!(
        "Seoul",
        "11",
        "Seoul",
        "KR",
        tz("Asia/Seoul", 540, Dst::None),
        ["2"],
        "0####",
        3
    ),
    city!(
        "Shanghai",
        "SH",
        "Shanghai",
        "CN",
        tz("Asia/Shanghai", 480, Dst::None),
        ["21"],
        "200###",
        2
    ),
    city!(
        "Shenzhen",
        "GD",
        "Guangdong",
        "CN",
        tz("Asia/Shanghai", 480, Dst::None),
        ["755"],
        "518###",
        2
    ),
    city!(
        "Ho Chi Minh City",
        "SG",
        "Ho Chi Minh City",
        "VN",
        tz("Asia/Ho_Chi_Minh", 420, Dst::None),
        ["28"],
        "700###",
        3
    ),
    city!(
        "Lagos",
        "LA",
        "Lagos",
        "NG",
        tz("Africa/Lagos", 60, Dst::None),
        ["1"],
        "1#####",
        4
    ),
    city!(
        "Nairobi",
        "30",
        "Nairobi",
        "KE",
        tz("Africa/Nairobi", 180, Dst::None),
        ["20"],
        "00###",
        3
    ),
    // Connection origins only.
    city!(
        "Shenyang",
        "LN",
        "Liaoning",
        "CN",
        tz("Asia/Shanghai", 480, Dst::None),
        ["24"],
        "110###",
        0
    ),
    city!(
        "Dandong",
        "LN",
        "Liaoning",
        "CN",
        tz("Asia/Shanghai", 480, Dst::None),
        ["415"],
        "118###",
        0
    ),
    city!(
        "Vladivostok",
        "PRI",
        "Primorsky Krai",
        "RU",
        tz("Asia/Vladivostok", 600, Dst::None),
        ["423"],
        "690###",
        0
    ),
];

/// The index of the city called `name`.
pub fn city_index(name: &str) -> usize {
    CITIES
        .iter()
        .position(|c| c.name == name)
        .unwrap_or_else(|| panic!("unknown city {name}"))
}

/// The country with ISO code `code` (the built-in tables only use known codes).
pub fn country(code: &str) -> &'static Country {
    COUNTRIES
        .iter()
        .find(|c| c.code == code)
        .unwrap_or(&COUNTRIES[0])
}

/// Fills a postcode pattern.
pub fn postcode<R: Rng>(rng: &mut R, pattern: &str) -> String {
    pattern
        .chars()
        .map(|c| match c {
            '#' => char::from(b'0' + rng.gen_range(0..10u8)),
            '@' => char::from(b'A' + rng.gen_range(0..26u8)),
            other => other,
        })
        .collect()
}

const US_TYPES: &[(&str, &str)] = &[
    ("Street", "St"),
    ("Avenue", "Ave"),
    ("Road", "Rd"),
    ("Drive", "Dr"),
    ("Lane", "Ln"),
    ("Boulevard", "Blvd"),
    ("Court", "Ct"),
    ("Place", "Pl"),
    ("Circle", "Cir"),
    ("Terrace", "Ter"),
    ("Trail", "Trl"),
];
const DIRS: &[(&str, &str)] = &[("North", "N"), ("South", "S"), ("East", "E"), ("West", "W")];

/// A postal address, renderable in several equivalent ways.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// House number.
    pub number: u32,
    /// Directional prefix index into the compass table (US style only).
    pub dir: Option<u8>,
    /// Street name from the country's pool.
    pub street: &'static str,
    /// Street type index (US style only).
    pub stype: u8,
    /// Apartment / flat number.
    pub unit: Option<String>,
    /// City index into [`CITIES`].
    pub city: usize,
    /// Postcode.
    pub postcode: String,
}

impl Address {
    /// A random address in `city`.
    pub fn random<R: Rng>(rng: &mut R, city: usize) -> Address {
        let c = &CITIES[city];
        let ctry = country(c.country);
        let unit = if rng.gen_bool(0.4) {
            Some(match rng.gen_range(0..3) {
                0 => format!(
                    "{}{}",
                    rng.gen_range(1..30),
                    char::from(b'A' + rng.gen_range(0..6u8))
                ),
                1 => format!("{}", rng.gen_range(100..1200)),
                _ => format!("{}", rng.gen_range(1..40)),
            })
        } else {
            None
        };
        Address {
            number: if ctry.style == AddrStyle::Us {
                rng.gen_range(100..9900)
            } else {
                rng.gen_range(1..240)
            },
            dir: if rng.gen_bool(0.15) {
                Some(rng.gen_range(0..4))
            } else {
                None
            },
            street: pick_str(rng, ctry.streets),
            stype: rng.gen_range(0..US_TYPES.len() as u8),
            unit,
            city,
            postcode: postcode(rng, c.postcode),
        }
    }

    /// Renders the address. Styles 0–3 are equivalent spellings of the same place
    /// (abbreviations, case, unit designators); style 0 is the canonical form.
    pub fn render(&self, style: u8) -> String {
        let c = &CITIES[self.city];
        let ctry = country(c.country);
        let s = match ctry.style {
            AddrStyle::Us => self.render_us(style),
            AddrStyle::Gb => {
                let road = if style == 2 { "Road" } else { "Rd" };
                match &self.unit {
                    Some(u) if style.is_multiple_of(2) => format!(
                        "Flat {u}, {} {} {road}, {} {}",
                        self.number, self.street, c.name, self.postcode
                    ),
                    Some(u) => format!(
                        "{} {} {road}, Flat {u}, {}, {}",
                        self.number, self.street, c.name, self.postcode
                    ),
                    None => format!(
                        "{} {} {road}, {}, {}",
                        self.number, self.street, c.name, self.postcode
                    ),
                }
            }
            AddrStyle::Eu => {
                let unit = self
                    .unit
                    .as_ref()
                    .map(|u| format!("/{u}"))
                    .unwrap_or_default();
                format!(
                    "{} {}{unit}, {} {}",
                    self.street, self.number, self.postcode, c.name
                )
            }
            AddrStyle::Latam => {
                let unit = self
                    .unit
                    .as_ref()
                    .map(|u| format!(", apto {u}"))
                    .unwrap_or_default();
                format!(
                    "{} {}{unit}, {}, {}",
                    self.street, self.number, c.name, self.postcode
                )
            }
            AddrStyle::Asia => {
                let unit = self
                    .unit
                    .as_ref()
                    .map(|u| format!("Unit {u}, "))
                    .unwrap_or_default();
                format!(
                    "{unit}{} {}, {} {}",
                    self.number, self.street, c.name, self.postcode
                )
            }
        };
        if style == 1 {
            s.to_uppercase()
        } else {
            s
        }
    }

    fn render_us(&self, style: u8) -> String {
        let c = &CITIES[self.city];
        let (long, short) = US_TYPES[self.stype as usize % US_TYPES.len()];
        let dir = self.dir.map(|d| DIRS[d as usize % 4]);
        match style {
            1 => {
                let dir = dir.map(|d| format!("{} ", d.1)).unwrap_or_default();
                let unit = self
                    .unit
                    .as_ref()
                    .map(|u| format!(" #{u}"))
                    .unwrap_or_default();
                format!(
                    "{} {dir}{} {long}{unit}, {} {} {}",
                    self.number, self.street, c.name, c.region, self.postcode
                )
                .to_uppercase()
            }
            2 => {
                let dir = dir.map(|d| format!("{} ", d.0)).unwrap_or_default();
                let unit = self
                    .unit
                    .as_ref()
                    .map(|u| format!(" Apartment {}", u.to_lowercase()))
                    .unwrap_or_default();
                format!(
                    "{} {dir}{} {long}{unit}, {}, {} {}",
                    self.number, self.street, c.name, c.region_name, self.postcode
                )
            }
            3 => {
                let dir = dir.map(|d| format!("{} ", d.1)).unwrap_or_default();
                let unit = self
                    .unit
                    .as_ref()
                    .map(|u| format!(", Unit {u}"))
                    .unwrap_or_default();
                format!(
                    "{} {dir}{} {short}{unit}, {}, {} {}",
                    self.number, self.street, c.name, c.region, self.postcode
                )
            }
            _ => {
                let dir = dir.map(|d| format!("{}. ", d.1)).unwrap_or_default();
                let unit = self
                    .unit
                    .as_ref()
                    .map(|u| format!(", Apt {u}"))
                    .unwrap_or_default();
                format!(
                    "{} {dir}{} {short}.{unit}, {}, {} {}",
                    self.number, self.street, c.name, c.region, self.postcode
                )
            }
        }
    }
}

/// A phone number: country, area code and subscriber digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phone {
    /// Telephone country code.
    pub dial: &'static str,
    /// Area / mobile prefix.
    pub area: String,
    /// Subscriber number digits.
    pub local: String,
}

impl Phone {
    /// A random number in `city` (a landline or mobile-looking number).
    pub fn random<R: Rng>(rng: &mut R, city: usize) -> Phone {
        let c = &CITIES[city];
        let ctry = country(c.country);
        let (area, n) = match ctry.dial {
            "1" => (pick(rng, c.areas).to_string(), 7),
            "44" => {
                if rng.gen_bool(0.6) {
                    (format!("7{}", digits(rng, 3)), 6)
                } else {
                    (pick(rng, c.areas).to_string(), 8)
                }
            }
            "91" => (format!("9{}", digits(rng, 4)), 5),
            "82" => ("10".to_string(), 8),
            "86" => (format!("1{}", rng.gen_range(30..90)), 8),
            "63" => (format!("9{}", digits(rng, 2)), 7),
            "234" => (format!("80{}", rng.gen_range(2..10)), 7),
            "55" => (pick(rng, c.areas).to_string(), 9),
            _ => (pick(rng, c.areas).to_string(), 7),
        };
        let mut local = digits(rng, n);
        if ctry.dial == "1" {
            // Exchange codes never start with 0 or 1.
            let first = char::from(b'2' + rng.gen_range(0..8u8));
            local.replace_range(0..1, &first.to_string());
        }
        Phone {
            dial: ctry.dial,
            area,
            local,
        }
    }

    /// All digits including the country code ("15122013344").
    pub fn e164_digits(&self) -> String {
        format!("{}{}{}", self.dial, self.area, self.local)
    }

    /// Renders the number; styles are equivalent spellings.
    pub fn render(&self, style: u8) -> String {
        let l = &self.local;
        if self.dial == "1" {
            let (a, b) = l.split_at(3);
            return match style % 5 {
                0 => format!("+1 ({}) {a}-{b}", self.area),
                1 => format!("{}.{a}.{b}", self.area),
                2 => format!("({}) {a}-{b}", self.area),
                3 => format!("{}-{a}-{b}", self.area),
                _ => format!("+1{}{l}", self.area),
            };
        }
        let mid = l.len() / 2;
        let (a, b) = l.split_at(mid);
        match style % 3 {
            0 => format!("+{} {} {a} {b}", self.dial, self.area),
            1 => format!("+{}{}{l}", self.dial, self.area),
            _ => format!("0{} {a}{b}", self.area),
        }
    }
}

/// A random city index weighted by claimed-residence popularity within `country_code`.
pub fn random_city_in<R: Rng>(rng: &mut R, country_code: &str) -> usize {
    let idx: Vec<usize> = (0..CITIES.len())
        .filter(|&i| CITIES[i].country == country_code && CITIES[i].weight > 0)
        .collect();
    let w: Vec<u32> = idx.iter().map(|&i| CITIES[i].weight).collect();
    idx[weighted(rng, &w)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn us_address_styles() {
        let a = Address {
            number: 4821,
            dir: None,
            street: "Maple",
            stype: 1,
            unit: Some("4B".into()),
            city: city_index("Austin"),
            postcode: "78704".into(),
        };
        assert_eq!(a.render(0), "4821 Maple Ave., Apt 4B, Austin, TX 78704");
        assert_eq!(a.render(1), "4821 MAPLE AVENUE #4B, AUSTIN TX 78704");
        assert_eq!(
            a.render(2),
            "4821 Maple Avenue Apartment 4b, Austin, Texas 78704"
        );
        assert_eq!(a.render(3), "4821 Maple Ave, Unit 4B, Austin, TX 78704");
    }

    #[test]
    fn phones() {
        let p = Phone {
            dial: "1",
            area: "512".into(),
            local: "2013344".into(),
        };
        assert_eq!(p.render(0), "+1 (512) 201-3344");
        assert_eq!(p.render(1), "512.201.3344");
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let uk = Phone::random(&mut rng, city_index("London"));
        assert!(uk.render(0).starts_with("+44 "));
    }

    #[test]
    fn every_city_has_a_country() {
        for c in CITIES {
            assert!(COUNTRIES.iter().any(|k| k.code == c.country), "{}", c.name);
        }
    }
}
