//! IP intelligence as a table: every distinct address people sign in from, with its country,
//! network (AS number and organisation), class (residential or unknown, hosting, VPN, proxy,
//! Tor…) and the source of each answer, from `redflag-intel`. The sign-in log's own
//! enrichment (Okta's `securityContext`, a CSV's `country`/`asn`/`as_org`/`is_proxy` columns)
//! comes first; then the MMDB files and open data the user installed; then redflag's built-in
//! table of hosting providers; last, an address still unclassed that a public report lists as
//! DPRK IT-worker infrastructure (all of them servers) is a hosting exit. Each address is
//! looked up once.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, BooleanBuilder, Int64Array, RecordBatch, StringArray,
    StringDictionaryBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field, Int32Type, Schema, SchemaRef};
use redflag_ingest::Dataset;
use redflag_intel::{IpIntel, LogFields, NetClass};

use crate::rows::{for_each_batch, FastHash};

/// Name of the table.
pub const SIGNIN_IPS_TABLE: &str = "signin_ips";

/// Name of the per-sign-in table: `signins` with where each sign-in came from.
pub const SIGNINS_LOCATED_TABLE: &str = "signins_located";

/// Schema of [`SIGNIN_IPS_TABLE`]: `ip` as the sign-in wrote it (join on `signins.ip`);
/// `country` (ISO alpha-2), `asn`, `as_org`, `class` (`unknown`, `hosting`, `cdn`, `bot`,
/// `vpn`, `proxy`, `tor`, `private`, …), `provider` (a named hosting or VPN provider), each
/// with the source that said it (`log`, `mmdb`, `ip-location-db/...`, `iporigin`,
/// `built-in`, `address-range`, or [`INDICATOR_LIST`] for a listed address no source
/// classes); `anonymizer` (VPN, proxy or Tor) and `datacenter` (a server,
/// not a person's own line).
pub fn signin_ips_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("ip", DataType::Utf8, false),
        Field::new("country", DataType::Utf8, true),
        Field::new("country_source", DataType::Utf8, true),
        Field::new("asn", DataType::Int64, true),
        Field::new("as_org", DataType::Utf8, true),
        Field::new("class", DataType::Utf8, false),
        Field::new("class_source", DataType::Utf8, false),
        Field::new("provider", DataType::Utf8, true),
        Field::new("anonymizer", DataType::Boolean, false),
        Field::new("datacenter", DataType::Boolean, false),
    ]))
}

/// `class_source` of an address classed from the published indicator list alone.
pub const INDICATOR_LIST: &str = "indicator-list";

/// Addresses the reference catalogue lists as DPRK IT-worker infrastructure. Every one is
/// published as a server: VPN and VPS exits (Mandiant's UNC5267 indicators), or the web
/// hosting of front companies' sites. An address no other source classes is therefore a
/// hosting exit, like those the built-in table names: strangers behind it are not linked,
/// and its country says nothing about the person (`NET_IOC_IP_MATCH` weighs its use).
fn listed_infrastructure() -> HashSet<IpAddr, FastHash> {
    redflag_reference::network_iocs()
        .iter()
        .filter_map(|ioc| ioc.ip.trim().parse().ok())
        .collect()
}

/// What the log said about one address (the first row that said anything wins).
#[derive(Default)]
struct Seen<'a> {
    country: Option<&'a str>,
    asn: Option<u32>,
    as_org: Option<&'a str>,
    is_proxy: Option<bool>,
}

/// Marks a sign-in with no address in [`signin_ips`]'s table (none given, or unparseable).
const NO_ADDRESS: u32 = u32::MAX;

/// One row per distinct sign-in address; unparseable addresses are left out (rules see them
/// as unknown networks). Also each sign-in's row in that table (per `signins` batch, row by
/// row; [`NO_ADDRESS`] for none), so that [`signins_located`] need not look every address up
/// again among hundreds of thousands.
pub fn signin_ips(dataset: &Dataset, intel: &IpIntel) -> (RecordBatch, Vec<Vec<u32>>) {
    // Each distinct address: its number in order of first sight, and what the log said.
    let mut seen: HashMap<&str, (u32, Seen<'_>), FastHash> = HashMap::default();
    let mut numbers: Vec<Vec<u32>> = Vec::new();
    for_each_batch(dataset, "signins", |rows| {
        let (ips, countries, orgs) = (rows.text("ip"), rows.text("country"), rows.text("as_org"));
        let (asns, proxies) = (rows.ints("asn"), rows.booleans("is_proxy"));
        let mut batch_numbers = Vec::with_capacity(rows.len());
        for row in 0..rows.len() {
            let Some(ip) = ips.get(row) else {
                batch_numbers.push(NO_ADDRESS);
                continue;
            };
            let next = seen.len() as u32;
            let (number, entry) = seen.entry(ip).or_insert_with(|| (next, Seen::default()));
            batch_numbers.push(*number);
            if entry.country.is_none() {
                entry.country = countries.get(row);
            }
            if entry.asn.is_none() {
                entry.asn = asns
                    .filter(|a| !a.is_null(row))
                    .and_then(|a| u32::try_from(a.value(row)).ok());
            }
            if entry.as_org.is_none() {
                entry.as_org = orgs.get(row);
            }
            if entry.is_proxy.is_none() {
                entry.is_proxy = proxies.filter(|p| !p.is_null(row)).map(|p| p.value(row));
            }
        }
        numbers.push(batch_numbers);
    });
    let mut ips: Vec<(&str, u32, Seen<'_>)> = seen
        .into_iter()
        .map(|(ip, (number, log))| (ip, number, log))
        .collect();
    ips.sort_by(|a, b| a.0.cmp(b.0));
    // Number of first sight → row of the table.
    let mut row_of = vec![NO_ADDRESS; ips.len()];
    let listed = listed_infrastructure();
    let mut out = Columns::default();
    for (text, number, log) in &ips {
        let Ok(ip) = text.trim().parse::<IpAddr>() else {
            continue;
        };
        row_of[*number as usize] = out.ip.len() as u32;
        let fields = LogFields {
            country: log.country,
            asn: log.asn,
            as_org: log.as_org,
            is_proxy: log.is_proxy,
        };
        let info = intel.lookup_with(ip, &fields);
        out.ip.push(text.to_string());
        out.country
            .push(info.country.as_ref().map(|c| c.value.as_str().to_string()));
        out.country_source
            .push(info.country.as_ref().map(|c| c.source.name()));
        out.asn.push(info.asn.as_ref().map(|a| i64::from(a.value)));
        out.as_org
            .push(info.as_org.as_ref().map(|o| o.value.to_string()));
        // No source knows the network, but a published report says what it is.
        if info.class.value == NetClass::Unknown && listed.contains(&ip) {
            out.class.push(NetClass::Hosting.as_str());
            out.class_source.push(INDICATOR_LIST);
            out.anonymizer.push(false);
            out.datacenter.push(true);
        } else {
            out.class.push(info.class.value.as_str());
            out.class_source.push(info.class.source.name());
            out.anonymizer.push(info.class.value.is_anonymizer());
            out.datacenter.push(info.class.value.is_datacenter());
        }
        out.provider
            .push(info.provider.as_ref().map(|p| p.value.to_string()));
    }
    for batch_numbers in &mut numbers {
        for number in batch_numbers.iter_mut() {
            if *number != NO_ADDRESS {
                *number = row_of[*number as usize];
            }
        }
    }
    (out.batch(), numbers)
}

#[derive(Default)]
struct Columns {
    ip: Vec<String>,
    country: Vec<Option<String>>,
    country_source: Vec<Option<&'static str>>,
    asn: Vec<Option<i64>>,
    as_org: Vec<Option<String>>,
    class: Vec<&'static str>,
    class_source: Vec<&'static str>,
    provider: Vec<Option<String>>,
    anonymizer: Vec<bool>,
    datacenter: Vec<bool>,
}

impl Columns {
    fn batch(self) -> RecordBatch {
        let arrays: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from_iter_values(self.ip)),
            Arc::new(StringArray::from(self.country)),
            Arc::new(StringArray::from(self.country_source)),
            Arc::new(Int64Array::from(self.asn)),
            Arc::new(StringArray::from(self.as_org)),
            Arc::new(StringArray::from_iter_values(self.class)),
            Arc::new(StringArray::from_iter_values(self.class_source)),
            Arc::new(StringArray::from(self.provider)),
            Arc::new(BooleanArray::from(self.anonymizer)),
            Arc::new(BooleanArray::from(self.datacenter)),
        ];
        RecordBatch::try_new(signin_ips_schema(), arrays)
            .expect("signin_ips columns follow their schema")
    }
}

/// Schema of [`SIGNINS_LOCATED_TABLE`]: every column of `signins`, then `place_country`
/// (ISO alpha-2, upper case: the sign-in's own `country`, else the IP data's), `ip_class`
/// ([`signin_ips_schema`]'s `class`, `unknown` for an address it lacks) and `ip_masked` (a
/// VPN, proxy, Tor or hosting exit, whose country says nothing about the person).
pub fn signins_located_schema(signins: &Schema) -> SchemaRef {
    let mut fields: Vec<Field> = signins
        .fields()
        .iter()
        .map(|f| f.as_ref().clone())
        .collect();
    fields.extend([
        Field::new("place_country", label(), true),
        Field::new("ip_class", label(), false),
        Field::new("ip_masked", DataType::Boolean, false),
    ]);
    Arc::new(Schema::new(fields))
}

/// Dictionary-encoded text: the added columns repeat a few values over every sign-in.
fn label() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
}

/// `signins` joined to `ips` (a [`signin_ips`] batch; `rows_in_ips` is each sign-in's row in
/// it) once, in Rust, so the network rules need no join of their own: the sign-in columns
/// are shared, not copied, and three columns are added ([`signins_located_schema`]). One
/// batch per `signins` batch.
pub fn signins_located(
    dataset: &Dataset,
    ips: &RecordBatch,
    rows_in_ips: Vec<Vec<u32>>,
) -> (SchemaRef, Vec<RecordBatch>) {
    let Some(signins) = dataset.table("signins") else {
        let schema = signins_located_schema(&Schema::empty());
        return (schema, Vec::new());
    };
    let schema = signins_located_schema(&signins.schema);
    let string = |name: &str| {
        ips.column_by_name(name)
            .and_then(|c| c.as_string_opt::<i32>())
    };
    let bools = |name: &str| ips.column_by_name(name).and_then(|c| c.as_boolean_opt());
    let (Some(country), Some(class), Some(masked)) =
        (string("country"), string("class"), bools("datacenter"))
    else {
        return (schema, Vec::new());
    };
    let mut batches = Vec::with_capacity(signins.batches.len());
    // Each batch's rows are let go of once its columns are built.
    let mut numbers = rows_in_ips.into_iter();
    for_each_batch(dataset, "signins", |rows| {
        let country_of = rows.text("country");
        let in_ips = numbers.next().unwrap_or_default();
        let mut place = StringDictionaryBuilder::<Int32Type>::new();
        let mut classes = StringDictionaryBuilder::<Int32Type>::new();
        let mut masks = BooleanBuilder::with_capacity(rows.len());
        for row in 0..rows.len() {
            let found = in_ips
                .get(row)
                .filter(|&&i| i != NO_ADDRESS)
                .map(|&i| i as usize);
            let looked_up = || {
                found
                    .filter(|&i| !country.is_null(i))
                    .map(|i| country.value(i))
            };
            match country_of.get(row).or_else(looked_up) {
                Some(code) if code.bytes().any(|b| b.is_ascii_lowercase()) => {
                    place.append_value(code.to_ascii_uppercase())
                }
                Some(code) => place.append_value(code),
                None => place.append_null(),
            }
            classes.append_value(found.map_or("unknown", |i| class.value(i)));
            masks.append_value(found.is_some_and(|i| masked.value(i)));
        }
        let mut columns: Vec<ArrayRef> = rows.batch().columns().to_vec();
        columns.push(Arc::new(place.finish()));
        columns.push(Arc::new(classes.finish()));
        columns.push(Arc::new(masks.finish()));
        batches.push(
            RecordBatch::try_new(schema.clone(), columns)
                .expect("signins_located columns follow their schema"),
        );
    });
    (schema, batches)
}
