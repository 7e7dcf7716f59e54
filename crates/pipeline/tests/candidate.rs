//! The indexed single-candidate path agrees with the full pipeline. A simulated workforce
//! (with a few planted rows for the indicators the simulation never produces: listed names,
//! crypto addresses, documents and emails, lookalike domains, webmail employers, VoIP
//! phones) is screened whole; people whose evidence holds the index's indicators, plus
//! benign look-alikes and clean people, are taken out; the rest is screened and indexed; and
//! each person taken out is screened as a candidate against the index. For every indicator
//! the index checks, the candidate must get it exactly when the full run gave it to them,
//! with the same detail, weight, related people and number of rows.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use redflag_model::{Evidence, Level, Report};
use redflag_pipeline::{
    screen, screen_indexed, Candidate, CandidateError, CandidateIndex, ScreenOptions,
    INDEXED_TABLES,
};
use redflag_sim::{simulate, SimConfig};
use serde_json::{Map, Value};

/// The indicators the index checks.
const INDICATORS: [&str; 18] = [
    "WL_PERSON_LISTED",
    "WL_CONTACT_LISTED",
    "WL_CRYPTO_LISTED",
    "WL_DOCUMENT_LISTED",
    "WL_ORG_LISTED",
    "WL_PAYMENT_PARTY_LISTED",
    "FRONT_SEIZED_DOMAIN",
    "FRONT_LOOKALIKE_DOMAIN",
    "APP_EMPLOYER_WEBMAIL_DOMAIN",
    "PLT_VOIP_PHONE",
    "APP_PHONE_COUNTRY_MISMATCH",
    "PLT_CONTACT_REUSE",
    "PAY_ACCOUNT_SHARED_MANY",
    "ONB_SHARED_SHIP_ADDR",
    "ONB_PAY_PLATFORM_OR_CRYPTO",
    "ONB_SHELL_STAFFING_CO",
    "REF_REFERRAL_CHAIN",
    "NET_FLAGGED_NETWORK",
];

/// Most people taken out per indicator.
const PER_INDICATOR: usize = 3;

type Row = Map<String, Value>;

/// A table file: its header and rows.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(path: &Path) -> Table {
        let mut reader = csv::Reader::from_path(path).unwrap();
        let header = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        Table { header, rows }
    }

    fn write(&self, path: &Path) {
        let mut writer = csv::Writer::from_path(path).unwrap();
        writer.write_record(&self.header).unwrap();
        for row in &self.rows {
            writer.write_record(row).unwrap();
        }
        writer.flush().unwrap();
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// A row from `(column, value)` pairs, other cells empty.
    fn push(&mut self, cells: &[(&str, &str)]) {
        let mut row = vec![String::new(); self.header.len()];
        for (name, value) in cells {
            row[self.column(name).unwrap()] = value.to_string();
        }
        self.rows.push(row);
    }

    /// The people a row is about: `person_id`, or both ends of a referral.
    fn people_of<'a>(&self, row: &'a [String]) -> Vec<&'a str> {
        ["person_id", "referrer_id", "referee_id"]
            .iter()
            .filter_map(|c| self.column(c).map(|i| row[i].as_str()))
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// A row as the API receives it (empty cells left out).
    fn json(&self, row: &[String]) -> Row {
        self.header
            .iter()
            .zip(row)
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect()
    }
}

/// Every table file of a simulated dataset, by table name.
fn tables(dir: &Path) -> BTreeMap<String, Table> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let name = path
                .file_name()?
                .to_str()?
                .strip_suffix(".csv")?
                .to_string();
            Some((name, Table::read(&path)))
        })
        .collect()
}

/// The plants: rows for the indicators the simulation never produces, each given to a
/// different ordinary person. Returns who got which.
fn plant(dir: &Path, truth_people: &HashSet<String>) -> Vec<(String, &'static str)> {
    let mut all = tables(dir);
    let ordinary: Vec<String> = {
        let people = &all["people"];
        let (id, vendor) = (
            people.column("person_id").unwrap(),
            people.column("vendor").unwrap(),
        );
        people
            .rows
            .iter()
            .filter(|r| !truth_people.contains(&r[id]) && r[vendor].is_empty())
            .map(|r| r[id].clone())
            .skip(100)
            .step_by(37)
            .take(8)
            .collect()
    };
    let mut planted = Vec::new();
    let contact = |all: &mut BTreeMap<String, Table>, who: &str, kind: &str, value: &str| {
        all.get_mut("contacts").unwrap().push(&[
            ("person_id", who),
            ("kind", kind),
            ("value", value),
            ("observed_at", "2025-01-02T03:04:05Z"),
            ("source", "ats"),
        ]);
    };
    // A listed name with its listed date of birth.
    {
        let people = all.get_mut("people").unwrap();
        let (id, name, born) = (
            people.column("person_id").unwrap(),
            people.column("full_name").unwrap(),
            people.column("date_of_birth").unwrap(),
        );
        let row = people
            .rows
            .iter_mut()
            .find(|r| r[id] == ordinary[0])
            .unwrap();
        row[name] = "Kim Sang Man".into();
        row[born] = "1965-04-25".into();
        planted.push((ordinary[0].clone(), "WL_PERSON_LISTED"));
    }
    contact(
        &mut all,
        &ordinary[1],
        "crypto_address",
        "0x97b1043abd9e6fc31681635166d430a458d14f9c",
    );
    planted.push((ordinary[1].clone(), "WL_CRYPTO_LISTED"));
    contact(&mut all, &ordinary[2], "id_document", "563410081");
    planted.push((ordinary[2].clone(), "WL_DOCUMENT_LISTED"));
    contact(&mut all, &ordinary[3], "email", "hongsiao@naver.com");
    planted.push((ordinary[3].clone(), "WL_CONTACT_LISTED"));
    contact(&mut all, &ordinary[4], "email", "jane.roe@kitrurn.com");
    planted.push((ordinary[4].clone(), "FRONT_LOOKALIKE_DOMAIN"));
    all.get_mut("work_history").unwrap().push(&[
        ("person_id", &ordinary[5]),
        ("employer", "Brightline Consulting"),
        ("employer_domain", "gmail.com"),
        ("country", "US"),
        ("title", "Developer"),
        ("start", "2019-01-01"),
        ("end", "2021-01-01"),
    ]);
    planted.push((ordinary[5].clone(), "APP_EMPLOYER_WEBMAIL_DOMAIN"));
    contact(&mut all, &ordinary[6], "phone", "+44 56 1234 5678");
    planted.push((ordinary[6].clone(), "PLT_VOIP_PHONE"));
    for name in ["people", "contacts", "work_history"] {
        all[name].write(&dir.join(format!("{name}.csv")));
    }
    planted
}

/// The simulation's scenario members and facilitators, and its benign look-alikes.
fn truth(dir: &Path) -> (HashSet<String>, Vec<String>) {
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).unwrap()).unwrap();
    let mut everyone = HashSet::new();
    let mut benign = Vec::new();
    for s in truth["scenarios"].as_array().unwrap() {
        for p in s["person_ids"].as_array().unwrap() {
            let id = p.as_str().unwrap().to_string();
            if s["expect"] == "benign" {
                benign.push(id.clone());
            }
            everyone.insert(id);
        }
    }
    for f in truth["facilitators"].as_array().unwrap() {
        everyone.insert(f["person_id"].as_str().unwrap().to_string());
    }
    (everyone, benign)
}

fn options() -> ScreenOptions {
    let lists = redflag_watchlist::Watchlists::new()
        .with(redflag_watchlist::curated())
        .unwrap();
    let mut lists = lists;
    lists
        .merge(
            redflag_watchlist::read_watchlists_dir(
                "../../../shared/data/sanctions/ofac/sdn_2024-05-03".as_ref(),
            )
            .unwrap(),
        )
        .unwrap();
    ScreenOptions {
        screener: Some(Arc::new(redflag_pipeline::Screener::new(lists))),
        ..ScreenOptions::default()
    }
}

/// What ties a person to others in the data: their network, the people their evidence
/// names, the identifiers they give, their referrals.
fn ties(report: &Report, all: &BTreeMap<String, Table>) -> HashMap<String, BTreeSet<String>> {
    let mut ties: HashMap<String, BTreeSet<String>> = HashMap::new();
    for p in &report.people {
        let mine = ties.entry(p.person.person_id.clone()).or_default();
        if let Some(n) = &p.network {
            mine.insert(format!("network:{n}"));
        }
        for e in &p.evidence {
            for r in &e.related {
                mine.insert(format!("person:{r}"));
            }
        }
        mine.insert(format!("person:{}", p.person.person_id));
    }
    let contacts = &all["contacts"];
    let (id, kind, value) = (
        contacts.column("person_id").unwrap(),
        contacts.column("kind").unwrap(),
        contacts.column("value").unwrap(),
    );
    for row in &contacts.rows {
        if let Some(key) = redflag_rules::udf::contact_key(&row[kind], &row[value]) {
            let kind = match row[kind].as_str() {
                "shipping_address" => "address",
                k => k,
            };
            ties.entry(row[id].clone())
                .or_default()
                .insert(format!("{kind}:{key}"));
        }
    }
    for (table, column) in [("shipments", "address"), ("payments", "account")] {
        let t = &all[table];
        let (id, at) = (t.column("person_id").unwrap(), t.column(column).unwrap());
        for row in &t.rows {
            let key = if table == "shipments" {
                redflag_normalize::address_key(&row[at]).map(|k| format!("address:{k}"))
            } else {
                redflag_normalize::account_key(&row[at]).map(|k| format!("bank_account:{k}"))
            };
            if let Some(key) = key {
                ties.entry(row[id].clone()).or_default().insert(key);
            }
        }
    }
    let referrals = &all["referrals"];
    for row in &referrals.rows {
        let ends = referrals.people_of(row);
        for a in &ends {
            for b in &ends {
                ties.entry(a.to_string())
                    .or_default()
                    .insert(format!("person:{b}"));
            }
        }
    }
    ties
}

/// People to take out: up to [`PER_INDICATOR`] per indicator, the planted ones, benign
/// look-alikes and clean people, none tied to another.
fn pick(
    report: &Report,
    all: &BTreeMap<String, Table>,
    planted: &[(String, &'static str)],
    benign: &[String],
) -> Vec<String> {
    let ties = ties(report, all);
    let mut pool: Vec<String> = planted.iter().map(|(p, _)| p.clone()).collect();
    for indicator in INDICATORS {
        pool.extend(
            report
                .people
                .iter()
                .filter(|p| p.evidence.iter().any(|e| e.indicator == indicator))
                .map(|p| p.person.person_id.clone())
                .take(PER_INDICATOR * 4),
        );
    }
    pool.extend(benign.iter().cloned());
    pool.extend(
        report
            .people
            .iter()
            .filter(|p| p.evidence.is_empty())
            .step_by(97)
            .take(8)
            .map(|p| p.person.person_id.clone()),
    );
    let mut picked: Vec<String> = Vec::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut per_indicator: HashMap<&str, usize> = HashMap::new();
    let evidence_of = |id: &str| -> Vec<&str> {
        report
            .people
            .iter()
            .find(|p| p.person.person_id == id)
            .map(|p| p.evidence.iter().map(|e| e.indicator.as_str()).collect())
            .unwrap_or_default()
    };
    for id in pool {
        if picked.contains(&id) {
            continue;
        }
        let mine = &ties[&id];
        if mine.iter().any(|t| taken.contains(t)) {
            continue;
        }
        let indicators = evidence_of(&id);
        let wanted = planted.iter().any(|(p, _)| *p == id)
            || benign.contains(&id)
            || indicators.is_empty()
            || indicators.iter().any(|i| {
                INDICATORS.contains(i) && per_indicator.get(i).copied().unwrap_or(0) < PER_INDICATOR
            });
        if !wanted {
            continue;
        }
        for i in indicators {
            *per_indicator.entry(i).or_default() += 1;
        }
        taken.extend(mine.iter().cloned());
        picked.push(id);
    }
    picked
}

/// The dataset without the people taken out (their rows, rows naming them, and the
/// sign-ins and endpoint rows their accounts and devices resolve to).
fn write_known(full: &Path, known: &Path, out: &HashSet<String>) {
    std::fs::create_dir_all(known).unwrap();
    let all = tables(full);
    let contacts = &all["contacts"];
    let (id, kind, value) = (
        contacts.column("person_id").unwrap(),
        contacts.column("kind").unwrap(),
        contacts.column("value").unwrap(),
    );
    // As the loader resolves them: accounts by email, GitHub, LinkedIn or phone; devices.
    let mut owners: HashMap<(&str, String), &str> = HashMap::new();
    for row in &contacts.rows {
        let table = match row[kind].as_str() {
            "email" | "github" | "linkedin" | "phone" => "signins",
            "device_id" => "endpoint",
            _ => continue,
        };
        owners.insert((table, row[value].trim().to_lowercase()), &row[id]);
    }
    for (name, table) in &all {
        let resolved = match name.as_str() {
            "signins" => table.column("account"),
            "endpoint" => table.column("device_id"),
            _ => None,
        };
        let gone = |row: &[String]| {
            let mut people = table.people_of(row);
            if people.is_empty() {
                if let Some(at) = resolved {
                    people.extend(owners.get(&(name.as_str(), row[at].trim().to_lowercase())));
                }
            }
            people.iter().any(|p| out.contains(*p))
        };
        let kept = Table {
            rows: table.rows.iter().filter(|r| !gone(r)).cloned().collect(),
            header: table.header.clone(),
        };
        kept.write(&known.join(format!("{name}.csv")));
    }
    for folder in ["resumes", "photos"] {
        let Ok(files) = std::fs::read_dir(full.join(folder)) else {
            continue;
        };
        std::fs::create_dir_all(known.join(folder)).unwrap();
        for file in files {
            let path = file.unwrap().path();
            let stem = path.file_stem().unwrap().to_str().unwrap();
            if !out.contains(stem) {
                std::fs::copy(&path, known.join(folder).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
}

/// A person's rows as a candidate: their `people` row and every other row about them.
fn candidate_rows(all: &BTreeMap<String, Table>, id: &str) -> (Row, BTreeMap<String, Vec<Row>>) {
    let people = &all["people"];
    let at = people.column("person_id").unwrap();
    let person = people.json(people.rows.iter().find(|r| r[at] == id).unwrap());
    let mut rows = BTreeMap::new();
    for (name, table) in all {
        if name == "people" {
            continue;
        }
        let mine: Vec<Row> = table
            .rows
            .iter()
            .filter(|r| table.people_of(r).contains(&id))
            .map(|r| table.json(r))
            .collect();
        if !mine.is_empty() {
            rows.insert(name.clone(), mine);
        }
    }
    (person, rows)
}

/// Every item of `indicator`, in the order of their details.
fn all_of<'a>(evidence: &'a [Evidence], indicator: &str) -> Vec<&'a Evidence> {
    let mut items: Vec<&Evidence> = evidence
        .iter()
        .filter(|e| e.indicator == indicator)
        .collect();
    items.sort_by(|a, b| a.detail.cmp(&b.detail));
    items
}

fn find<'a>(evidence: &'a [Evidence], indicator: &str) -> Option<&'a Evidence> {
    evidence.iter().find(|e| e.indicator == indicator)
}

/// The full run's evidence of `id`.
fn full_evidence<'a>(report: &'a Report, id: &str) -> &'a [Evidence] {
    &report
        .people
        .iter()
        .find(|p| p.person.person_id == id)
        .unwrap()
        .evidence
}

fn screen_one(
    index: &CandidateIndex,
    person: &Row,
    rows: &BTreeMap<String, Vec<Row>>,
) -> Vec<Evidence> {
    index
        .screen(&Candidate { person, rows })
        .unwrap()
        .result
        .evidence
}

#[tokio::test(flavor = "multi_thread")]
async fn the_index_finds_what_the_full_pipeline_finds() {
    let work = tempfile::tempdir().unwrap();
    let (full, known) = (work.path().join("full"), work.path().join("known"));
    let config = SimConfig {
        people: 2000,
        seed: 11,
        signins_per_person: 4,
        activity_per_person: 2,
    };
    simulate(&config, &full).unwrap();
    let (truth_people, benign) = truth(&full);
    let planted = plant(&full, &truth_people);
    let options = options();
    let report = screen(&full, &options).await.unwrap();
    for (person, indicator) in &planted {
        assert!(
            find(full_evidence(&report, person), indicator).is_some(),
            "the plant of {indicator} on {person} did not take: {:?}",
            full_evidence(&report, person)
        );
    }
    let all = tables(&full);
    let picked = pick(&report, &all, &planted, &benign);
    let out: HashSet<String> = picked.iter().cloned().collect();
    write_known(&full, &known, &out);
    let (known_report, index) = screen_indexed(&known, &options).await.unwrap();
    assert_eq!(index.people(), 2000 - picked.len());
    assert_eq!(known_report.people.len(), index.people());

    let mut covered: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for id in &picked {
        let (person, mut rows) = candidate_rows(&all, id);
        // Rows the index does not read (sign-ins, interviews…) are refused, not ignored;
        // the rest are screened.
        let unread: Vec<String> = rows
            .keys()
            .filter(|t| !INDEXED_TABLES.contains(&t.as_str()))
            .cloned()
            .collect();
        if let Some(first) = unread.first() {
            match index.screen(&Candidate {
                person: &person,
                rows: &rows,
            }) {
                Err(CandidateError::FullOnly(table)) => assert_eq!(&table, first),
                other => panic!("{id}: rows of {first} accepted by the index: {other:?}"),
            }
            rows.retain(|t, _| INDEXED_TABLES.contains(&t.as_str()));
        }
        let screening = index
            .screen(&Candidate {
                person: &person,
                rows: &rows,
            })
            .unwrap();
        assert_eq!(screening.result.person.person_id, *id);
        assert_eq!(screening.checked.len(), INDICATORS.len());
        let fast = &screening.result.evidence;
        let slow = full_evidence(&report, id);
        // Network evidence agrees only where the links that form the network come from
        // rules a candidate's rows can reach (not sign-ins, devices, résumés).
        let links_checked = slow
            .iter()
            .filter(|e| !e.related.is_empty())
            .all(|e| INDICATORS.contains(&e.indicator.as_str()));
        for indicator in INDICATORS {
            if indicator == "NET_FLAGGED_NETWORK" && !links_checked {
                continue;
            }
            let (s, f) = (all_of(slow, indicator), all_of(fast, indicator));
            if s.len() != f.len() {
                problems.push(format!(
                    "{id} {indicator}: full {:?}, fast {:?}",
                    s.iter().map(|e| &e.detail).collect::<Vec<_>>(),
                    f.iter().map(|e| &e.detail).collect::<Vec<_>>()
                ));
                continue;
            }
            if !s.is_empty() {
                *covered.entry(indicator).or_default() += 1;
            }
            for (s, f) in s.iter().zip(&f) {
                // The network's id is its rank among all networks, which a candidate
                // cannot know, and its refs include rows of rules not checked here; the rest
                // must agree.
                let network = indicator == "NET_FLAGGED_NETWORK";
                let comparable = |d: &str| match network {
                    true => d.split_once(" with ").map_or(d, |x| x.1).to_string(),
                    false => d.to_string(),
                };
                if comparable(&s.detail) != comparable(&f.detail) {
                    problems.push(format!(
                        "{id} {indicator}: detail\n  full: {}\n  fast: {}",
                        s.detail, f.detail
                    ));
                }
                if s.weight != f.weight
                    || s.related != f.related
                    || (!network && s.refs.len() != f.refs.len())
                {
                    problems.push(format!(
                        "{id} {indicator}: weight {} / {}, related {:?} / {:?}, refs {:?} / {:?}",
                        s.weight, f.weight, s.related, f.related, s.refs, f.refs
                    ));
                }
            }
        }
        // The known people named come with their levels from the index's report.
        for related in &screening.related {
            let shown = known_report
                .people
                .iter()
                .find(|p| p.person.person_id == related.person_id)
                .unwrap();
            assert_eq!((related.level, related.score), (shown.level, shown.score));
        }
    }
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let missing: Vec<&str> = INDICATORS
        .iter()
        .copied()
        .filter(|i| !covered.contains_key(i))
        .collect();
    assert!(
        missing.is_empty(),
        "never compared: {missing:?} (compared: {covered:?})"
    );
    eprintln!(
        "{} candidates; indicators compared: {covered:?}",
        picked.len()
    );

    look_alikes(&index, &all, &known_report);
}

/// Hand-made candidates that look like a hit and are not, each beside the hit it resembles.
fn look_alikes(index: &CandidateIndex, all: &BTreeMap<String, Table>, known: &Report) {
    let person = |id: &str, name: &str, extra: &[(&str, &str)]| -> Row {
        let mut row: Row = [
            ("person_id", id),
            ("full_name", name),
            ("claimed_country", "US"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
        .collect();
        for (k, v) in extra {
            row.insert(k.to_string(), Value::String(v.to_string()));
        }
        row
    };
    let rows = |table: &str, list: &[&[(&str, &str)]]| -> BTreeMap<String, Vec<Row>> {
        let rows = list
            .iter()
            .map(|cells| {
                cells
                    .iter()
                    .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
                    .collect()
            })
            .collect();
        BTreeMap::from([(table.to_string(), rows)])
    };
    let has = |evidence: &[Evidence], indicator: &str| find(evidence, indicator).is_some();

    // A clean candidate: nothing at all.
    let clean = rows(
        "contacts",
        &[
            &[("kind", "email"), ("value", "dana.wells@example.org")],
            &[("kind", "phone"), ("value", "+1 415 555 0134")],
            &[
                ("kind", "address"),
                ("value", "12 Orchard Ln, Springfield, IL 62704"),
            ],
        ],
    );
    let screening = index
        .screen(&Candidate {
            person: &person("A-1", "Dana Wells", &[]),
            rows: &clean,
        })
        .unwrap();
    assert!(
        screening.result.evidence.is_empty(),
        "{:?}",
        screening.result.evidence
    );
    assert_eq!(screening.result.level, Level::None);

    // A known person's phone: under another name it is reuse; under their own name, or
    // from someone sharing their home (a household), it is not.
    let contacts = &all["contacts"];
    let (id_at, kind_at, value_at) = (
        contacts.column("person_id").unwrap(),
        contacts.column("kind").unwrap(),
        contacts.column("value").unwrap(),
    );
    let known_ids: HashSet<&str> = known
        .people
        .iter()
        .map(|p| p.person.person_id.as_str())
        .collect();
    let of = |who: &str, kind: &str| -> Vec<String> {
        contacts
            .rows
            .iter()
            .filter(|r| r[id_at] == who && r[kind_at] == kind)
            .map(|r| r[value_at].clone())
            .collect()
    };
    let count = |kind: &str, value: &str| {
        let key = redflag_rules::udf::contact_key(kind, value);
        contacts
            .rows
            .iter()
            .filter(|r| {
                r[kind_at] == kind && redflag_rules::udf::contact_key(kind, &r[value_at]) == key
            })
            .count()
    };
    // Someone in the index who alone gives their phone and their home.
    let (owner, phone, home) = known
        .people
        .iter()
        .filter(|p| p.evidence.is_empty() && known_ids.contains(p.person.person_id.as_str()))
        .find_map(|p| {
            let id = &p.person.person_id;
            let phone = of(id, "phone").into_iter().next()?;
            let home = of(id, "address").into_iter().next()?;
            (count("phone", &phone) == 1 && count("address", &home) == 1)
                .then_some((p, phone, home))
        })
        .expect("an ordinary person with a phone and a home of their own");
    let stranger = rows("contacts", &[&[("kind", "phone"), ("value", &phone)]]);
    let evidence = screen_one(index, &person("A-2", "Quentin Ambrose", &[]), &stranger);
    let reuse = find(&evidence, "PLT_CONTACT_REUSE").expect("a stranger with a known phone");
    assert_eq!(reuse.related, vec![owner.person.person_id.clone()]);
    let evidence = screen_one(
        index,
        &person("A-3", &owner.person.full_name, &[]),
        &stranger,
    );
    assert!(
        !has(&evidence, "PLT_CONTACT_REUSE"),
        "same name: {evidence:?}"
    );
    let household = rows(
        "contacts",
        &[
            &[("kind", "phone"), ("value", &phone)],
            &[("kind", "address"), ("value", &home)],
        ],
    );
    let evidence = screen_one(index, &person("A-4", "Quentin Ambrose", &[]), &household);
    assert!(
        !has(&evidence, "PLT_CONTACT_REUSE"),
        "household: {evidence:?}"
    );
    // The same person screened again under their own id is not their own match.
    let evidence = screen_one(
        index,
        &person(&owner.person.person_id, "Quentin Ambrose", &[]),
        &stranger,
    );
    assert!(!has(&evidence, "PLT_CONTACT_REUSE"), "itself: {evidence:?}");

    // Platform pay is normal for a freelancer, not for an employee; crypto is for no one.
    let platform = rows(
        "payments",
        &[&[
            ("payment_id", "X-1"),
            ("at", "2025-02-01T00:00:00Z"),
            ("direction", "payout"),
            ("method", "payment_platform"),
            ("account", "payoneer:dana-77"),
            ("amount", "100"),
            ("currency", "USD"),
        ]],
    );
    let freelancer = screen_one(
        index,
        &person("A-5", "Dana Wells", &[("employment_type", "freelancer")]),
        &platform,
    );
    assert!(
        !has(&freelancer, "ONB_PAY_PLATFORM_OR_CRYPTO"),
        "{freelancer:?}"
    );
    let employee = screen_one(
        index,
        &person("A-6", "Dana Wells", &[("employment_type", "employee")]),
        &platform,
    );
    assert!(has(&employee, "ONB_PAY_PLATFORM_OR_CRYPTO"), "{employee:?}");

    // A mail provider as the employer's domain: the provider itself is not suspicious.
    let employer = |name: &str| {
        rows(
            "work_history",
            &[&[
                ("employer", name),
                ("employer_domain", "yahoo.com"),
                ("title", "Engineer"),
            ]],
        )
    };
    let evidence = screen_one(index, &person("A-7", "Dana Wells", &[]), &employer("Yahoo"));
    assert!(
        !has(&evidence, "APP_EMPLOYER_WEBMAIL_DOMAIN"),
        "{evidence:?}"
    );
    let evidence = screen_one(
        index,
        &person("A-8", "Dana Wells", &[]),
        &employer("Brightline"),
    );
    assert!(
        has(&evidence, "APP_EMPLOYER_WEBMAIL_DOMAIN"),
        "{evidence:?}"
    );

    // A real firm's domain is not a lookalike of it; one letter off is.
    let email = |value: &str| rows("contacts", &[&[("kind", "email"), ("value", value)]]);
    let evidence = screen_one(
        index,
        &person("A-9", "Dana Wells", &[]),
        &email("dana@kitrum.com"),
    );
    assert!(!has(&evidence, "FRONT_LOOKALIKE_DOMAIN"), "{evidence:?}");
    let evidence = screen_one(
        index,
        &person("A-10", "Dana Wells", &[]),
        &email("dana@kitrurn.com"),
    );
    assert!(has(&evidence, "FRONT_LOOKALIKE_DOMAIN"), "{evidence:?}");

    // A row the loader refuses is refused here too, naming the row and the column.
    let error = index
        .screen(&Candidate {
            person: &person("A-11", "Dana Wells", &[("date_of_birth", "last spring")]),
            rows: &BTreeMap::new(),
        })
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("person:1: column `date_of_birth`"),
        "{error}"
    );
    let error = index
        .screen(&Candidate {
            person: &person("A-12", "Dana Wells", &[]),
            rows: &rows("contacts", &[&[("kind", "pager"), ("value", "1")]]),
        })
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("contacts:1: column `kind`"), "{error}");
}
