//! One entity model for every list: what a screening hit needs to show (names and their
//! strength, programs, dates and places of birth, nationalities, identifiers, crypto addresses)
//! and where in the source it came from, so evidence can cite the exact list row.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Serialize, Serializer};

use redflag_normalize::country_code;

/// Which sanctions list an entity comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListId {
    /// OFAC Specially Designated Nationals (`sdn.csv` set or `sdn_advanced.xml`).
    OfacSdn,
    /// OFAC's non-SDN consolidated lists (`cons_*.csv` or `cons_advanced.xml`).
    OfacConsolidated,
    /// The UN Security Council consolidated list.
    UnConsolidated,
    /// redflag's own curated list of DPRK IT-worker entities and persons.
    RedflagCurated,
}

impl ListId {
    /// Every list, in a stable order.
    pub const ALL: [ListId; 4] = [
        ListId::OfacSdn,
        ListId::OfacConsolidated,
        ListId::UnConsolidated,
        ListId::RedflagCurated,
    ];

    /// Stable short code used in entity keys and JSON (`ofac-sdn`, `ofac-cons`, `un`, `redflag`).
    pub fn code(self) -> &'static str {
        match self {
            ListId::OfacSdn => "ofac-sdn",
            ListId::OfacConsolidated => "ofac-cons",
            ListId::UnConsolidated => "un",
            ListId::RedflagCurated => "redflag",
        }
    }

    /// Human name for reports.
    pub fn name(self) -> &'static str {
        match self {
            ListId::OfacSdn => "OFAC Specially Designated Nationals (SDN) List",
            ListId::OfacConsolidated => "OFAC Consolidated (non-SDN) Sanctions List",
            ListId::UnConsolidated => "UN Security Council Consolidated List",
            ListId::RedflagCurated => "redflag curated DPRK IT-worker list",
        }
    }

    /// The list with this [`code`](Self::code).
    pub fn from_code(code: &str) -> Option<ListId> {
        ListId::ALL.into_iter().find(|l| l.code() == code)
    }
}

impl fmt::Display for ListId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for ListId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// The date a list speaks for: a screening result must say how fresh the list was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// A calendar date (OFAC `DateOfIssue`, a download date, a file's modification day).
    Date(NaiveDate),
    /// An instant (UN `dateGenerated`).
    DateTime(DateTime<Utc>),
}

impl Published {
    /// The calendar day (UTC for instants).
    pub fn date(&self) -> NaiveDate {
        match self {
            Published::Date(d) => *d,
            Published::DateTime(t) => t.date_naive(),
        }
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Published::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Published::DateTime(t) => write!(f, "{}", t.to_rfc3339()),
        }
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Where [`ListInfo::published`] comes from, because a list's own date and a download date are
/// different kinds of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateBasis {
    /// The list states it (UN `dateGenerated`, OFAC advanced `DateOfIssue`).
    List,
    /// The caller recorded it when downloading (legacy OFAC CSV has no date of its own).
    Recorded,
    /// The file's modification time, the fallback for legacy CSV.
    FileModified,
    /// The newest designation date in redflag's curated list.
    NewestEntry,
    /// Not known.
    Unknown,
}

/// What was read and how fresh it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListInfo {
    /// Which list.
    pub list: ListId,
    /// Where it was read from: a directory, file path or URL.
    pub source: String,
    /// The list's date (see [`DateBasis`]).
    pub published: Option<Published>,
    /// How `published` is known.
    pub published_basis: DateBasis,
    /// Number of entities read.
    pub entities: usize,
    /// The files actually used, in reading order (e.g. `sdn.csv`, `alt.csv`).
    pub files: Vec<String>,
    /// Things a reviewer should know about this copy (e.g. remarks cut off with no
    /// `sdn_comments.csv` to complete them).
    pub warnings: Vec<String>,
}

/// What a listed party is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A natural person.
    Person,
    /// A company, group, government body or other organisation.
    Organization,
    /// A ship.
    Vessel,
    /// An aircraft.
    Aircraft,
    /// The list does not say.
    Unknown,
}

/// How much a name should be trusted on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NameStrength {
    /// A primary name or a strong alias: a good match alone is a reason to review.
    Strong,
    /// OFAC "weak" a.k.a. (usually in remarks) or UN `QUALITY` Low: too broad to act on alone.
    Weak,
}

/// The role of a name in the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    /// The entry's main name.
    Primary,
    /// Also known as.
    Aka,
    /// Formerly known as.
    Fka,
    /// Now known as.
    Nka,
    /// The name in its original script (Hangul, Han, Cyrillic, Arabic …).
    Native,
}

/// One name of an entity, with how far to trust it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityName {
    /// The name as the list writes it (OFAC individuals as `SURNAME, Given`).
    pub full: String,
    /// Strong or weak.
    pub strength: NameStrength,
    /// Primary, alias, former, original script.
    pub kind: NameKind,
    /// The family name, when the list marks it (OFAC `SURNAME, Given`, advanced XML
    /// `Last Name` parts, the curated list). `None` when the source does not say which part is
    /// the family name, as in the UN list, whose FIRST_NAME is often a Korean surname.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surname: Option<String>,
    /// The given names, when the list marks them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
}

impl EntityName {
    /// A name with no marked parts.
    pub fn new(full: impl Into<String>, strength: NameStrength, kind: NameKind) -> Self {
        EntityName {
            full: full.into(),
            strength,
            kind,
            surname: None,
            given: None,
        }
    }

    /// Splits OFAC's `SURNAME, Given names` into parts when the name has exactly one comma.
    pub(crate) fn with_comma_parts(mut self) -> Self {
        let mut pieces = self.full.split(',');
        if let (Some(s), Some(g), None) = (pieces.next(), pieces.next(), pieces.next()) {
            let (s, g) = (s.trim(), g.trim());
            if !s.is_empty() && !g.is_empty() {
                self.surname = Some(s.to_string());
                self.given = Some(g.to_string());
            }
        }
        self
    }
}

/// A country as the list names it, with its ISO code when redflag can map the name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2, uppercase (`KP`), when known.
    pub code: Option<String>,
    /// The text as published (`Korea, North`).
    pub name: String,
}

impl Country {
    /// A country from its published name; the code is looked up.
    pub fn from_name(name: &str) -> Country {
        let name = name.trim();
        Country {
            code: country_code(name).map(str::to_string),
            name: name.to_string(),
        }
    }

    /// A country whose ISO code the source gives (OFAC advanced `ISO2`), with a name fallback.
    pub fn with_code(code: Option<&str>, name: &str) -> Country {
        let code = code
            .and_then(redflag_normalize::known_code)
            .or_else(|| country_code(name));
        Country {
            code: code.map(str::to_string),
            name: name.trim().to_string(),
        }
    }
}

/// A postal address or place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Address {
    /// The whole address as one line, parts joined with `, `.
    pub text: String,
    /// City (with state/postal code for OFAC, whose CSV joins them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
}

impl Address {
    /// An address from its parts; empty parts are skipped in `text`.
    pub fn from_parts(
        parts: &[&str],
        city: Option<&str>,
        country: Option<&str>,
    ) -> Option<Address> {
        let country = country.map(str::trim).filter(|c| !c.is_empty());
        let city = city.map(str::trim).filter(|c| !c.is_empty());
        let mut text: Vec<&str> = parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        if let Some(c) = city {
            if !text.contains(&c) {
                text.push(c);
            }
        }
        if let Some(c) = country {
            text.push(c);
        }
        if text.is_empty() {
            return None;
        }
        Some(Address {
            text: text.join(", "),
            city: city.map(str::to_string),
            country: country.map(Country::from_name),
        })
    }
}

/// What an identifier is, for exact screening.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdKind {
    /// Passport number (including diplomatic and service passports).
    Passport,
    /// National identity number or card.
    NationalId,
    /// Tax number (TIN, RFC, NIT, VAT …).
    TaxId,
    /// Company or other registration number (including USCC, LEI, D-U-N-S).
    Registration,
    /// Email address.
    Email,
    /// Website or domain.
    Website,
    /// Telephone or fax number.
    Phone,
    /// SWIFT/BIC code.
    Swift,
    /// IMO ship or company number.
    Imo,
    /// MMSI of a vessel.
    Mmsi,
    /// Anything else, by its label.
    Other(String),
}

impl IdKind {
    /// Stable code for JSON and lookups (`passport`, `national-id`, …; `other` kinds keep their
    /// label).
    pub fn code(&self) -> &str {
        match self {
            IdKind::Passport => "passport",
            IdKind::NationalId => "national-id",
            IdKind::TaxId => "tax-id",
            IdKind::Registration => "registration",
            IdKind::Email => "email",
            IdKind::Website => "website",
            IdKind::Phone => "phone",
            IdKind::Swift => "swift",
            IdKind::Imo => "imo",
            IdKind::Mmsi => "mmsi",
            IdKind::Other(label) => label,
        }
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for IdKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// A document number, registration, email, website or phone of a listed party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identifier {
    /// What it is.
    pub kind: IdKind,
    /// The list's own label (`Cedula No.`, `Passport`, `National Identification Number`).
    pub label: String,
    /// The value as published.
    pub value: String,
    /// Issuing country, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    /// Anything else the list says about it (`issued 16 Oct 2019 expires 16 Oct 2024`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A digital-currency address from a `Digital Currency Address - XBT …` identifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct CryptoAddress {
    /// OFAC's currency code (`XBT`, `ETH`, `USDT`, `LTC`, …).
    pub currency: String,
    /// The address exactly as published.
    pub address: String,
}

/// One point of a possibly incomplete date: a year, a month of a year, or a full date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DatePoint {
    /// Year.
    pub year: i32,
    /// Month 1–12, when known.
    pub month: Option<u32>,
    /// Day of month, when known (only with a month).
    pub day: Option<u32>,
}

impl DatePoint {
    /// A point, checked: `None` if the month or day is out of range or the year implausible.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Option<DatePoint> {
        if !(1000..=2999).contains(&year) {
            return None;
        }
        match (month, day) {
            (None, None) => {}
            (Some(m), None) if (1..=12).contains(&m) => {}
            (Some(m), Some(d)) => {
                NaiveDate::from_ymd_opt(year, m, d)?;
            }
            _ => return None,
        }
        Some(DatePoint { year, month, day })
    }

    /// A full date.
    pub fn from_date(d: NaiveDate) -> DatePoint {
        DatePoint {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }

    /// The first day this point could mean.
    pub fn earliest(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The last day this point could mean.
    pub fn latest(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => NaiveDate::from_ymd_opt(self.year, m, 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                .and_then(|d| d.pred_opt()),
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
        .unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for DatePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for DatePoint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A date of birth as lists give them: `1985-06-15`, `1985-06`, `1985`, `circa 1965`,
/// `1962 to 1964`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct PartialDate {
    /// The date, or the start of the range.
    pub from: DatePoint,
    /// The end of a range (`1962 to 1964`), when one is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<DatePoint>,
    /// `circa` / UN `APPROXIMATELY`: the true date may lie outside the stated range.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub circa: bool,
}

impl PartialDate {
    /// A single point, exact as far as it goes.
    pub fn point(from: DatePoint) -> PartialDate {
        PartialDate {
            from,
            to: None,
            circa: false,
        }
    }

    /// The first day the date could mean (ignoring `circa`).
    pub fn earliest(&self) -> NaiveDate {
        self.from.earliest()
    }

    /// The last day the date could mean (ignoring `circa`).
    pub fn latest(&self) -> NaiveDate {
        self.to.unwrap_or(self.from).latest()
    }

    /// Whether `date` falls inside the stated date or range (`circa` widens by `circa_years`
    /// on each side).
    pub fn contains(&self, date: NaiveDate, circa_years: i32) -> bool {
        let (mut lo, mut hi) = (self.earliest(), self.latest());
        if self.circa {
            lo = lo
                .with_year(lo.year() - circa_years)
                .unwrap_or(NaiveDate::MIN);
            hi = hi
                .with_year(hi.year() + circa_years)
                .unwrap_or(NaiveDate::MAX);
        }
        lo <= date && date <= hi
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.circa {
            f.write_str("circa ")?;
        }
        write!(f, "{}", self.from)?;
        if let Some(to) = self.to {
            write!(f, " to {to}")?;
        }
        Ok(())
    }
}

/// A labelled statement from the list that has no typed field (OFAC `Organization Type:`,
/// `Secondary sanctions risk:`, `Target Type`, …). Label `Remark` for free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// The list's label, without its trailing colon.
    pub label: String,
    /// The value.
    pub value: String,
}

/// Where in its source an entity was read, for evidence to cite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    /// File name (or URL) the entity's main record is in.
    pub file: String,
    /// 1-based line of the record's start, when the source has lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// One listed party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// Stable key: list code, colon, the list's own id (`ofac-sdn:43379`, `un:KPi.066`).
    pub key: String,
    /// Which list.
    pub list: ListId,
    /// The list's own id (`43379`, `KPi.066`).
    pub source_id: String,
    /// Person, organisation, vessel, aircraft.
    pub kind: EntityKind,
    /// Primary name first, then aliases in list order.
    pub names: Vec<EntityName>,
    /// Sanctions programs (`DPRK3`, `CYBER2`; UN `DPRK`).
    pub programs: Vec<String>,
    /// Titles, positions and UN designations.
    pub titles: Vec<String>,
    /// `Male` / `Female` as published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Dates of birth (or of establishment is *not* here: that is a [`Fact`]).
    pub birth_dates: Vec<PartialDate>,
    /// Places of birth as published.
    pub birth_places: Vec<String>,
    /// Nationalities.
    pub nationalities: Vec<Country>,
    /// Citizenships (OFAC distinguishes them from nationality).
    pub citizenships: Vec<Country>,
    /// Addresses.
    pub addresses: Vec<Address>,
    /// Documents, registrations, emails, websites, phones.
    pub identifiers: Vec<Identifier>,
    /// Digital-currency addresses.
    pub crypto: Vec<CryptoAddress>,
    /// Names of parties the list says this one is linked to (OFAC `Linked To:`).
    pub linked_to: Vec<String>,
    /// Other labelled statements (see [`Fact`]).
    pub facts: Vec<Fact>,
    /// Date of listing, when the list gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listed_on: Option<NaiveDate>,
    /// Who designated or charged the party (curated list; `None` means the list's own
    /// publisher).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// Free-text remarks as published (OFAC remarks with their overflow; UN COMMENTS1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// Public sources for the entry (curated list).
    pub source_urls: Vec<String>,
    /// Where the entry was read.
    pub origin: SourceRef,
}

impl Entity {
    /// An empty entity of `list` with the list's own id; readers fill it in.
    pub fn new(list: ListId, source_id: &str, kind: EntityKind, origin: SourceRef) -> Entity {
        Entity {
            key: format!("{}:{}", list.code(), source_id),
            list,
            source_id: source_id.to_string(),
            kind,
            names: Vec::new(),
            programs: Vec::new(),
            titles: Vec::new(),
            gender: None,
            birth_dates: Vec::new(),
            birth_places: Vec::new(),
            nationalities: Vec::new(),
            citizenships: Vec::new(),
            addresses: Vec::new(),
            identifiers: Vec::new(),
            crypto: Vec::new(),
            linked_to: Vec::new(),
            facts: Vec::new(),
            listed_on: None,
            authority: None,
            remarks: None,
            source_urls: Vec::new(),
            origin,
        }
    }

    /// The primary name (the first name, which readers always put first).
    pub fn primary_name(&self) -> &str {
        self.names.first().map(|n| n.full.as_str()).unwrap_or("")
    }

    /// Whether any program is a North Korea program (OFAC `DPRK`, `DPRK2`…`DPRK4`,
    /// `DPRK-NKSPEA`; UN `DPRK`).
    pub fn is_dprk(&self) -> bool {
        self.programs.iter().any(|p| p.starts_with("DPRK"))
    }

    /// Adds a name unless the same text with the same kind is already there.
    pub(crate) fn push_name(&mut self, name: EntityName) {
        if name.full.trim().is_empty() {
            return;
        }
        if !self
            .names
            .iter()
            .any(|n| n.full == name.full && n.kind == name.kind)
        {
            self.names.push(name);
        }
    }

    /// Adds a program unless already there.
    pub(crate) fn push_program(&mut self, program: &str) {
        let p = program.trim();
        if !p.is_empty() && !self.programs.iter().any(|q| q == p) {
            self.programs.push(p.to_string());
        }
    }

    /// Adds a crypto address unless already there.
    pub(crate) fn push_crypto(&mut self, currency: &str, address: &str) {
        let c = CryptoAddress {
            currency: currency.trim().to_ascii_uppercase(),
            address: address.trim().to_string(),
        };
        if !c.address.is_empty() && !self.crypto.contains(&c) {
            self.crypto.push(c);
        }
    }
}

/// One list as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchList {
    /// What was read.
    pub info: ListInfo,
    /// The entities, in file order.
    pub entities: Vec<Entity>,
}

impl WatchList {
    /// The entity with this key.
    pub fn get(&self, key: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.key == key)
    }

    /// The entity with this list-own id (`43379`, `KPi.066`).
    pub fn by_source_id(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.source_id == id)
    }
}

/// Several lists screened together: entities of all of them in one vector (so indexes can
/// refer to them by position) plus what each list was.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Watchlists {
    infos: Vec<ListInfo>,
    entities: Vec<Entity>,
}

impl Watchlists {
    /// No lists.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a list. A list that is already present (same [`ListId`]) is an error, because
    /// two copies of one list would double every hit and hide which copy was used.
    pub fn push(&mut self, list: WatchList) -> Result<(), crate::WatchlistError> {
        if let Some(prev) = self.infos.iter().find(|i| i.list == list.info.list) {
            return Err(crate::WatchlistError::DuplicateList {
                list: list.info.list.code(),
                first: prev.source.clone(),
                second: list.info.source,
            });
        }
        self.infos.push(list.info);
        self.entities.extend(list.entities);
        Ok(())
    }

    /// Builder form of [`push`](Self::push).
    pub fn with(mut self, list: WatchList) -> Result<Self, crate::WatchlistError> {
        self.push(list)?;
        Ok(self)
    }

    /// Adds every list of `other`, with the same duplicate check as [`push`](Self::push).
    pub fn merge(&mut self, other: Watchlists) -> Result<(), crate::WatchlistError> {
        for info in &other.infos {
            if let Some(prev) = self.infos.iter().find(|i| i.list == info.list) {
                return Err(crate::WatchlistError::DuplicateList {
                    list: info.list.code(),
                    first: prev.source.clone(),
                    second: info.source.clone(),
                });
            }
        }
        self.infos.extend(other.infos);
        self.entities.extend(other.entities);
        Ok(())
    }

    /// What each list is, in the order added.
    pub fn lists(&self) -> &[ListInfo] {
        &self.infos
    }

    /// The info for one list, if loaded.
    pub fn info(&self, list: ListId) -> Option<&ListInfo> {
        self.infos.iter().find(|i| i.list == list)
    }

    /// Every entity of every list.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity at a position (as returned by the indexes).
    pub fn entity(&self, index: usize) -> Option<&Entity> {
        self.entities.get(index)
    }

    /// The entity with this key.
    pub fn get(&self, key: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.key == key)
    }

    /// Number of entities over all lists.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// No entities at all.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_codes_round_trip() {
        for l in ListId::ALL {
            assert_eq!(ListId::from_code(l.code()), Some(l));
        }
        assert_eq!(
            serde_json::to_string(&ListId::UnConsolidated).unwrap(),
            "\"un\""
        );
    }

    #[test]
    fn partial_dates_cover_their_range() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let ym = PartialDate::point(DatePoint::new(1985, Some(6), None).unwrap());
        assert_eq!(ym.earliest(), d(1985, 6, 1));
        assert_eq!(ym.latest(), d(1985, 6, 30));
        let range = PartialDate {
            from: DatePoint::new(1962, None, None).unwrap(),
            to: DatePoint::new(1964, None, None),
            circa: false,
        };
        assert!(range.contains(d(1963, 3, 3), 0));
        assert!(!range.contains(d(1965, 1, 1), 0));
        let circa = PartialDate {
            circa: true,
            ..PartialDate::point(DatePoint::new(1965, None, None).unwrap())
        };
        assert!(circa.contains(d(1967, 1, 1), 2));
        assert_eq!(circa.to_string(), "circa 1965");
        assert!(DatePoint::new(1985, Some(2), Some(30)).is_none());
        assert_eq!(
            serde_json::to_value(range).unwrap(),
            serde_json::json!({"from": "1962", "to": "1964"})
        );
    }

    #[test]
    fn comma_names_split_into_parts() {
        let n = EntityName::new("KIM, Sang Man", NameStrength::Strong, NameKind::Primary)
            .with_comma_parts();
        assert_eq!(n.surname.as_deref(), Some("KIM"));
        assert_eq!(n.given.as_deref(), Some("Sang Man"));
        let n =
            EntityName::new("A, B, C", NameStrength::Strong, NameKind::Primary).with_comma_parts();
        assert_eq!(n.surname, None);
    }
}
