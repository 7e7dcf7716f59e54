//! Identity records: people, contacts, education, work history and résumés.

use std::fmt::Write as _;
use std::path::Path;

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::life::Life;
use crate::geo::CITIES;
use crate::person::{EmpType, Person};
use crate::time::{civil_from_days, days_from_civil, DAY};
use crate::util::{digits, hex, pick};
use crate::world::{Family, Org, OrgKind, DEGREES, EMPLOYERS, FIELDS, ROLES, SCHOOLS};
use crate::writer::Table;
use crate::SimError;

/// A degree, for the résumé.
pub struct Edu {
    school: &'static str,
    degree: &'static str,
    field: &'static str,
    end: i64,
}

/// A prior job, for the résumé.
pub struct Job {
    employer: &'static str,
    title: String,
    start: i64,
    end: Option<i64>,
}

/// Writes the `people` row.
pub fn people_row(t: &mut Table, p: &Person, orgs: &[Org]) -> Result<(), SimError> {
    // A snapshot taken after any move abroad was recorded.
    let c = &CITIES[p.t.relocation.as_ref().map_or(p.city, |r| r.city)];
    t.s(&p.id)
        .s(&p.name.full)
        .o(p.org.map(|o| orgs[o].name))
        .o(p.status.map(|s| s.as_str()))
        .o(p.emp.map(|e| e.as_str()))
        .o(p.org.map(|_| ROLES[p.role].title))
        .s(c.country)
        .s(c.region)
        .s(c.name)
        .s(c.tz.name)
        .date(p.dob);
    if p.org.is_some() {
        t.ts(p.applied);
    } else {
        t.s("");
    }
    t.ots(p.hired)
        .ots(p.terminated)
        .o(p.org.map(|_| p.source.as_str()))
        .o(p.vendor.as_deref())
        .end()
}

fn contact(
    t: &mut Table,
    p: &Person,
    kind: &str,
    value: &str,
    at: i64,
    source: &str,
) -> Result<(), SimError> {
    t.s(&p.id).s(kind).s(value).ts(at).s(source).end()
}

/// Writes every identifier the person gave or used.
pub fn contacts(
    t: &mut Table,
    p: &Person,
    life: &Life,
    rng: &mut ChaCha8Rng,
) -> Result<(), SimError> {
    let platform = p.emp == Some(EmpType::Freelancer);
    let intake = if p.org.is_none() {
        "bank"
    } else if platform {
        "platform"
    } else {
        "ats"
    };
    contact(t, p, "email", &p.personal_email, p.applied, intake)?;
    contact(
        t,
        p,
        "phone",
        &p.phone.render(p.phone_style),
        p.applied + 60,
        intake,
    )?;
    for a in &life.addresses {
        contact(
            t,
            p,
            "address",
            &a.addr.render(a.style),
            a.at + 120,
            a.source,
        )?;
    }
    if let Some((at, addr)) = &life.ship_contact {
        contact(t, p, "shipping_address", addr, *at, "it")?;
    }
    let later = life.rental.unwrap_or(p.applied + DAY);
    if let Some(phone) = &p.t.shared_phone {
        contact(
            t,
            p,
            "phone",
            &phone.render(rng.gen_range(0..5)),
            later,
            intake,
        )?;
    }
    if let Some(mail) = &p.t.extra_email {
        contact(t, p, "email", mail, later, intake)?;
    }
    if let Some(h) = p.hired {
        if let Some(w) = &p.work_email {
            contact(t, p, "email", w, h - 3 * DAY, "it")?;
        }
        if let Some(d) = &p.device {
            contact(t, p, "device_id", &d.id, h - 2 * DAY, "it")?;
        }
        if platform {
            contact(t, p, "device_id", &life.fingerprint, h, "platform")?;
            if let (Some(fp), Some(r)) = (&p.t.shared_device, life.rental) {
                contact(t, p, "device_id", fp, r, "platform")?;
            }
        }
        if let Some(mfa) = &p.t.shared_mfa {
            contact(t, p, "mfa_device", mfa, h + DAY, "it")?;
        } else if p.work_email.is_some() && rng.gen_bool(0.5) {
            let phone = pick(
                rng,
                &[
                    "iPhone 14",
                    "iPhone 15 Pro",
                    "Pixel 8",
                    "Galaxy S23",
                    "iPhone 13",
                ],
            );
            contact(
                t,
                p,
                "mfa_device",
                &format!("Okta Verify ({phone}) {}", hex(rng, 8)),
                h + DAY,
                "it",
            )?;
        }
        let src = if platform { "platform" } else { "payroll" };
        let mut seen: Vec<&str> = Vec::new();
        if p.emp != Some(EmpType::VendorStaff) {
            for (at, payee) in &life.payees {
                if payee.account.is_empty()
                    || payee.kind.is_empty()
                    || seen.contains(&payee.account.as_str())
                {
                    continue;
                }
                seen.push(&payee.account);
                contact(t, p, payee.kind, &payee.account, *at, src)?;
            }
        }
        if let Some(tax) = &p.tax_id {
            contact(t, p, "tax_id", tax, h - 5 * DAY, "hris")?;
        }
        if rng.gen_bool(0.3) {
            let c = &CITIES[p.city];
            let doc = if rng.gen_bool(0.5) {
                format!("passport:{}:{}", c.country, digits(rng, 9))
            } else {
                format!("driver_license:{}:{}", c.region, digits(rng, 8))
            };
            contact(
                t,
                p,
                "id_document",
                &doc,
                p.applied + 10 * DAY,
                "background_check",
            )?;
        }
    } else if p.org.is_none() {
        if let Some(payee) = &p.payee {
            contact(t, p, payee.kind, &payee.account, p.applied, "bank")?;
        }
    }
    if let Some(g) = &p.github {
        let v = match rng.gen_range(0..3) {
            0 => format!("https://github.com/{g}"),
            1 => format!("github.com/{g}"),
            _ => g.clone(),
        };
        contact(t, p, "github", &v, p.applied, intake)?;
    }
    if let Some(l) = &p.linkedin {
        contact(
            t,
            p,
            "linkedin",
            &format!("https://www.linkedin.com/in/{l}"),
            p.applied,
            intake,
        )?;
    }
    if let Some(site) = &p.website {
        contact(t, p, "website", site, p.applied, intake)?;
    }
    for (at, kind, value, source) in &life.contacts {
        contact(t, p, kind, value, *at, source)?;
    }
    Ok(())
}

/// Writes degrees; returns them for the résumé.
pub fn education(t: &mut Table, p: &Person, rng: &mut ChaCha8Rng) -> Result<Vec<Edu>, SimError> {
    if p.org.is_none() {
        return Ok(Vec::new());
    }
    let n = [0, 1, 1, 1, 1, 1, 1, 2, 2, 2][rng.gen_range(0..10)];
    let n = if p.t.edu_country.is_some() {
        n.max(1)
    } else {
        n
    };
    let country = p.t.edu_country.unwrap_or_else(|| {
        if rng.gen_bool(0.8) {
            CITIES[p.city].country
        } else {
            pick(rng, SCHOOLS).1
        }
    });
    let mut schools: Vec<&(&str, &str)> = SCHOOLS.iter().filter(|s| s.1 == country).collect();
    if schools.is_empty() {
        schools = SCHOOLS.iter().filter(|s| s.1 == "US").collect();
    }
    let by = civil_from_days(p.dob).0;
    let mut out = Vec::new();
    let mut start = by + 18 + rng.gen_range(0..3);
    for i in 0..n {
        let school = *pick(rng, &schools);
        let (degree, years) = if i == 0 {
            (*pick(rng, &DEGREES[..4]), 4)
        } else {
            (
                *pick(rng, &DEGREES[4..]),
                if rng.gen_bool(0.15) { 5 } else { 2 },
            )
        };
        let field = *pick(rng, FIELDS);
        let end = start + years;
        t.s(&p.id)
            .s(school.0)
            .s(school.1)
            .s(degree)
            .s(field)
            .n(start)
            .n(end)
            .end()?;
        out.push(Edu {
            school: school.0,
            degree,
            field,
            end,
        });
        start = end + rng.gen_range(0..4);
    }
    Ok(out)
}

fn prior_title(rng: &mut ChaCha8Rng, p: &Person, junior: bool) -> String {
    let same: Vec<&str> = ROLES
        .iter()
        .filter(|r| r.family == p.family() && r.pay <= ROLES[p.role].pay)
        .map(|r| r.title)
        .collect();
    let base = if same.is_empty() {
        ROLES[p.role].title
    } else {
        *pick(rng, &same)
    };
    if junior && p.family() == Family::Engineering && rng.gen_bool(0.5) {
        "Junior Software Developer".to_string()
    } else {
        base.to_string()
    }
}

/// Writes prior jobs; returns them for the résumé.
pub fn work_history(
    t: &mut Table,
    p: &Person,
    orgs: &[Org],
    rng: &mut ChaCha8Rng,
) -> Result<Vec<Job>, SimError> {
    if p.org.is_none() {
        return Ok(Vec::new());
    }
    let country = CITIES[p.city].country;
    let age = (p.applied / DAY - p.dob) / 365;
    let n = ((age - 21) / 4).clamp(0, 4) as usize;
    let n = if n > 0 { rng.gen_range(1..=n) } else { 0 };
    // A résumé that moves the oldest job needs one to move.
    let n = if p.t.resume_years_shift != 0 {
        n.max(1)
    } else {
        n
    };
    let local: Vec<&(&str, &str, &str)> = EMPLOYERS.iter().filter(|e| e.2 == country).collect();
    let mut end_day = p.applied / DAY - rng.gen_range(0..60);
    let still_employed = p.status.is_some_and(|s| s.as_str() == "applicant") && rng.gen_bool(0.4);
    // (employer, domain, country, title, start day, end day)
    type Prior = (
        &'static str,
        &'static str,
        &'static str,
        String,
        i64,
        Option<i64>,
    );
    let mut jobs: Vec<Prior> = Vec::new();
    let mut fakes = p.t.fake_employers.clone();
    fakes.reverse();
    for i in 0..n.max(fakes.len()) {
        let span = rng.gen_range(300..1600);
        let start_day = end_day - span;
        let (name, domain, ctry) = if let Some((name, domain)) = fakes.get(i) {
            (
                *name,
                *domain,
                if domain.ends_with("china.com") {
                    "CN"
                } else {
                    "US"
                },
            )
        } else if i + 1 == n && p.t.edu_country == Some("KR") {
            let kr: Vec<&(&str, &str, &str)> = EMPLOYERS.iter().filter(|e| e.2 == "KR").collect();
            **pick(rng, &kr)
        } else if !local.is_empty() && rng.gen_bool(0.7) {
            **pick(rng, &local)
        } else {
            *pick(rng, EMPLOYERS)
        };
        let title = prior_title(rng, p, i + 1 == n);
        let end = if i == 0 && still_employed {
            None
        } else {
            Some(end_day)
        };
        jobs.push((name, domain, ctry, title, start_day, end));
        end_day = start_day - rng.gen_range(0..90);
    }
    let mut out = Vec::new();
    for (name, domain, ctry, title, start, end) in jobs {
        t.s(&p.id).s(name);
        if rng.gen_bool(0.85) || p.t.fake_employers.iter().any(|f| f.0 == name) {
            t.s(domain);
        } else {
            t.s("");
        }
        t.s(ctry).s(&title).date(start);
        match end {
            Some(e) => t.date(e),
            None => t.s(""),
        };
        t.end()?;
        out.push(Job {
            employer: name,
            title,
            start,
            end,
        });
    }
    let _ = orgs;
    Ok(out)
}

const SUMMARY_A: &[&str] = &[
    "Engineer with a track record of shipping reliable software",
    "Pragmatic developer who enjoys turning messy requirements into simple systems",
    "Builder focused on developer experience and maintainable code",
    "Generalist who has worked across product, infrastructure and data",
    "Detail-oriented professional with experience in fast-growing teams",
    "Team player who likes mentoring and code review",
];
const SUMMARY_B: &[&str] = &[
    "Most recently focused on payments and billing systems.",
    "Recent work centred on observability, CI/CD and cloud cost.",
    "Comfortable owning features end to end, from design docs to on-call.",
    "Interested in accessibility and front-end performance.",
    "Enjoys data modelling, SQL and making dashboards people actually use.",
    "Happiest in small teams with a lot of ownership.",
];
/// Shared by persona networks (template reuse across accounts).
const TEMPLATES: &[&str] = &[
    "Results-driven Senior Full Stack Developer with 9+ years of experience building scalable web applications using React, Node.js, Python and blockchain technologies. Passionate about clean code, agile delivery and delivering high-quality solutions on time and on budget.",
    "Highly motivated Software Engineer with 8+ years of hands-on experience in Java, Spring Boot, AWS and microservices. Proven ability to deliver robust, secure and scalable solutions for Fortune 500 clients. Excellent communicator and fast learner.",
    "Experienced Blockchain and Web3 Developer with strong background in Solidity, Rust, React and Node.js. Delivered 30+ successful projects for clients worldwide with 100% job success. Available to work in any time zone.",
];
/// Skills, each with the year it first became public (or 1990 for long-established ones),
/// so that a job lists only what existed while it lasted: an honest résumé has no
/// technology anachronisms (`APP_TECH_ANACHRONISM` is planted separately).
const SKILLS: &[(&str, i64)] = &[
    ("Python", 1990),
    ("Go", 2009),
    ("Java", 1990),
    ("TypeScript", 2012),
    ("React", 2013),
    ("Node.js", 2009),
    ("PostgreSQL", 1990),
    ("AWS", 2006),
    ("GCP", 2008),
    ("Kubernetes", 2014),
    ("Terraform", 2014),
    ("Docker", 2013),
    ("Kafka", 2011),
    ("Rust", 2010),
    ("Swift", 2014),
    ("Kotlin", 2011),
    ("GraphQL", 2015),
    ("dbt", 2016),
    ("Snowflake", 2014),
    ("Figma", 2016),
    ("Salesforce", 1990),
    ("SQL", 1990),
    ("Linux", 1990),
    ("Active Directory", 1990),
    ("Jamf", 1990),
];

/// Writes `resumes/<person_id>.txt`.
pub fn resume(
    dir: &Path,
    p: &Person,
    orgs: &[Org],
    edu: &[Edu],
    jobs: &[Job],
    rng: &mut ChaCha8Rng,
) -> Result<(), SimError> {
    let c = &CITIES[p.city];
    let mut s = String::with_capacity(2048);
    let _ = writeln!(s, "{}", p.t.resume_name.as_deref().unwrap_or(&p.name.full));
    let _ = writeln!(
        s,
        "{}, {} · {} · {}",
        c.name,
        if c.country == "US" || c.country == "CA" {
            c.region
        } else {
            c.country
        },
        p.personal_email,
        p.phone.render(p.phone_style)
    );
    let mut links = Vec::new();
    if let Some(l) = &p.linkedin {
        links.push(format!("linkedin.com/in/{l}"));
    }
    if let Some(g) = &p.github {
        links.push(format!("github.com/{g}"));
    }
    if !links.is_empty() {
        let _ = writeln!(s, "{}", links.join(" · "));
    }
    let _ = writeln!(s, "\nSUMMARY");
    match p.t.resume_template {
        Some(t) => {
            let _ = writeln!(s, "{}", TEMPLATES[t % TEMPLATES.len()]);
        }
        None => {
            let years = ((p.applied / DAY - p.dob) / 365 - 22).max(1);
            let _ = writeln!(
                s,
                "{} ({} years of experience). {} {}",
                pick(rng, SUMMARY_A),
                years,
                pick(rng, SUMMARY_B),
                pick(rng, SUMMARY_B)
            );
        }
    }
    let _ = writeln!(s, "\nEXPERIENCE");
    if let Some(o) = p.org.filter(|_| p.hired.is_some()) {
        if orgs[o].kind == OrgKind::Company {
            let _ = writeln!(s, "{} — {} (current)", ROLES[p.role].title, orgs[o].name);
        }
    }
    for (k, j) in jobs.iter().enumerate() {
        // Jobs are newest first: the shift moves the oldest.
        let shift = if k + 1 == jobs.len() {
            p.t.resume_years_shift
        } else {
            0
        };
        let (sy, _, _) = civil_from_days(j.start);
        let sy = sy - shift;
        let end = j.end.map_or("present".to_string(), |e| {
            (civil_from_days(e).0 - shift).to_string()
        });
        let _ = writeln!(s, "{} — {} ({sy}–{end})", j.title, j.employer);
        // Only what existed by the job's last year.
        let last_year = j.end.map_or(i64::MAX, |e| civil_from_days(e).0);
        let mut sk: Vec<&str> = SKILLS
            .iter()
            .filter(|(_, year)| *year <= last_year)
            .map(|(name, _)| *name)
            .collect();
        sk.shuffle(rng);
        let _ = writeln!(
            s,
            "  - Built and maintained services using {} and {}.",
            sk[0], sk[1]
        );
        let _ = writeln!(
            s,
            "  - Worked with product and design to ship features used by thousands of customers."
        );
    }
    if p.t.resume_anachronism {
        let y = days_from_civil(2012, 1, 1);
        let (yy, _, _) = civil_from_days(y);
        let _ = writeln!(
            s,
            "Lead Developer — Freelance ({yy}–2015)\n  - Designed Kubernetes-based deployment platform and SwiftUI mobile apps for enterprise clients."
        );
    }
    if !edu.is_empty() {
        let _ = writeln!(s, "\nEDUCATION");
        for e in edu {
            let _ = writeln!(s, "{} {}, {} ({})", e.degree, e.field, e.school, e.end);
        }
    }
    let mut sk: Vec<&str> = SKILLS.iter().map(|(name, _)| *name).collect();
    sk.shuffle(rng);
    let _ = writeln!(s, "\nSKILLS\n{}", sk[..rng.gen_range(5..10)].join(", "));
    let path = dir.join(format!("{}.txt", p.id));
    std::fs::write(&path, s).map_err(|source| SimError::Io { path, source })
}
