//! [`DomainChecker`]: one domain in, a verdict and its reasons out. Real domains and
//! seized/front-company domains are indexed once (by name, by visual skeleton, by every
//! one-letter deletion), so checking a candidate costs a few hash look-ups and the exact
//! [`compare`] of the few real domains they find, never a pass over the whole list.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::data::{DomainData, MailKind};
use crate::error::DomainError;
use crate::families::{compare, Family, Resemblance, DICTIONARY};
use crate::name::DomainName;
use crate::real::{builtin_real_domains, RealDomain};
use crate::skeleton::skeleton;

/// A seized or front-company domain, as a reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Front {
    /// The domain.
    pub domain: String,
    /// What happened to it (seized under which order, or assessed by whom).
    pub action: String,
    /// When.
    pub action_date: String,
    /// The company or operation behind it.
    pub linked_entity: String,
    /// The public source.
    pub source_url: String,
}

/// The seized and front-company domains of redflag's reference catalogue.
pub fn catalogued_fronts() -> Vec<Front> {
    redflag_reference::front_domains()
        .iter()
        .map(|f| Front {
            domain: f.domain.clone(),
            action: f.action.clone(),
            action_date: f.action_date.clone(),
            linked_entity: f.linked_entity.clone(),
            source_url: f.source_url.clone(),
        })
        .collect()
}

/// What a reference entry is.
#[derive(Debug, Clone)]
enum Origin {
    Real(usize),
    Front(usize),
}

#[derive(Debug, Clone)]
struct Entry {
    name: DomainName,
    origin: Origin,
}

/// The real domain or front-company domain a candidate resembles, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lookalike {
    /// The registrable domain resembled.
    pub of: String,
    /// Its company's name (empty when unknown).
    pub name: String,
    /// `own`, `client`, `it-services`, `platform`, `impersonated`, `listed`, or `front` (a
    /// seized or front-company domain).
    pub kind: String,
    /// Where the resembled domain is listed from (guidance id, `redflag`, or `file:line`).
    pub source: String,
    /// The family and the change.
    pub resemblance: Resemblance,
}

/// The overall answer for one domain, most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// A domain seized by US authorities or documented as a DPRK front company's.
    Front,
    /// A lookalike of a real company's (or a front company's) domain.
    Lookalike,
    /// A disposable-mail provider.
    Disposable,
    /// One of the real domains itself (or a subdomain of one).
    Real,
    /// A free-mail provider.
    FreeMail,
    /// Nothing known.
    NoFinding,
}

impl Verdict {
    /// `front`, `lookalike`, `disposable`, `real`, `free-mail`, `no-finding`.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Front => "front",
            Verdict::Lookalike => "lookalike",
            Verdict::Disposable => "disposable",
            Verdict::Real => "real",
            Verdict::FreeMail => "free-mail",
            Verdict::NoFinding => "no-finding",
        }
    }
}

/// Everything known about one domain.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// What was given.
    pub input: String,
    /// The host, Unicode.
    pub host: String,
    /// The host, ASCII (punycode).
    pub host_ascii: String,
    /// The registrable domain, Unicode.
    pub registrable: String,
    /// The registrable domain's label and public suffix.
    pub label: String,
    /// The public suffix.
    pub suffix: String,
    /// The label's visual skeleton.
    pub skeleton: String,
    /// The overall answer.
    pub verdict: Verdict,
    /// The seized or front-company domain it is, if any.
    pub front: Option<Front>,
    /// For a front domain: the real firms the source says it copied.
    pub copied_from: Vec<String>,
    /// The real domain it is, if any (`kitrum.com (Kitrum, impersonated)`).
    pub real: Option<String>,
    /// Real or front domains it resembles, strongest family first.
    pub lookalikes: Vec<Lookalike>,
    /// Free-mail or disposable-mail provider.
    pub mail: Option<MailKind>,
    /// Where the suffix and provider lists come from.
    pub data: String,
}

impl Assessment {
    /// The reasons, one line each, for people.
    pub fn explain(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let ascii = if self.host_ascii != self.host {
            format!(" (ASCII {})", self.host_ascii)
        } else {
            String::new()
        };
        lines.push(format!(
            "normalised: host {}{ascii}; registrable domain {} = label `{}` + suffix .{}; skeleton `{}`",
            self.host, self.registrable, self.label, self.suffix, self.skeleton
        ));
        if let Some(front) = &self.front {
            lines.push(format!(
                "exact hit: {} is {} ({}; {}; {})",
                front.domain,
                front.action,
                front.action_date,
                front.linked_entity,
                front.source_url
            ));
            for firm in &self.copied_from {
                lines.push(format!("the source says its website copied {firm}"));
            }
        }
        if let Some(real) = &self.real {
            lines.push(format!("a listed real domain: {real}"));
        }
        for l in &self.lookalikes {
            let who = if l.name.is_empty() {
                format!("{} ({}; {})", l.of, l.kind, l.source)
            } else {
                format!("{} ({}, {}; {})", l.of, l.name, l.kind, l.source)
            };
            let skeletons = l
                .resemblance
                .skeletons
                .as_ref()
                .map(|(a, b)| format!("; skeletons `{a}` = `{b}`"))
                .unwrap_or_default();
            lines.push(format!(
                "resembles {who}: {} — {}{skeletons}",
                l.resemblance.family, l.resemblance.change
            ));
        }
        match self.mail {
            Some(MailKind::FreeMail) => {
                lines.push("a free-mail provider: anyone can have an address here".into())
            }
            Some(MailKind::Disposable) => {
                lines.push("a disposable-mail provider: throwaway addresses".into())
            }
            None => {}
        }
        if self.front.is_none()
            && self.real.is_none()
            && self.lookalikes.is_empty()
            && self.mail.is_none()
        {
            lines.push("no finding: not a front domain, not a lookalike of any listed real or front domain, not a mail provider".into());
        }
        lines.push(format!("data: {}", self.data));
        lines
    }
}

/// Checks domains against real companies' domains, seized and front-company domains, and the
/// mail-provider lists.
#[derive(Debug, Clone)]
pub struct DomainChecker {
    data: DomainData,
    real: Vec<RealDomain>,
    fronts: Vec<Front>,
    entries: Vec<Entry>,
    by_registrable: HashMap<String, Vec<usize>>,
    by_label: HashMap<String, Vec<usize>>,
    by_skeleton: HashMap<String, Vec<usize>>,
    by_deletion: HashMap<String, Vec<usize>>,
}

impl DomainChecker {
    /// redflag's built-in real domains and the catalogued seized and front-company domains,
    /// with `data`'s suffix and provider lists.
    pub fn new(data: DomainData) -> DomainChecker {
        let real = builtin_real_domains(&data.suffixes);
        DomainChecker::with_lists(data, real, catalogued_fronts())
    }

    /// Exactly these real and front domains (no built-ins).
    pub fn with_lists(
        data: DomainData,
        real: Vec<RealDomain>,
        fronts: Vec<Front>,
    ) -> DomainChecker {
        let mut checker = DomainChecker {
            data,
            real,
            fronts,
            entries: Vec::new(),
            by_registrable: HashMap::new(),
            by_label: HashMap::new(),
            by_skeleton: HashMap::new(),
            by_deletion: HashMap::new(),
        };
        checker.reindex();
        checker
    }

    /// Adds real domains (the organisation's own, its clients').
    pub fn add_real_domains(&mut self, extra: Vec<RealDomain>) {
        self.real.extend(extra);
        self.reindex();
    }

    /// The suffix and provider lists.
    pub fn data(&self) -> &DomainData {
        &self.data
    }

    /// The real domains protected.
    pub fn real_domains(&self) -> &[RealDomain] {
        &self.real
    }

    fn reindex(&mut self) {
        self.entries.clear();
        for (i, real) in self.real.iter().enumerate() {
            self.entries.push(Entry {
                name: real.domain.clone(),
                origin: Origin::Real(i),
            });
        }
        for (i, front) in self.fronts.iter().enumerate() {
            if let Ok(name) = DomainName::parse(&front.domain, &self.data.suffixes) {
                self.entries.push(Entry {
                    name,
                    origin: Origin::Front(i),
                });
            }
        }
        self.by_registrable.clear();
        self.by_label.clear();
        self.by_skeleton.clear();
        self.by_deletion.clear();
        for (i, entry) in self.entries.iter().enumerate() {
            let label = &entry.name.label;
            push(&mut self.by_registrable, entry.name.registrable(), i);
            push(&mut self.by_label, label.clone(), i);
            push(&mut self.by_skeleton, skeleton(label), i);
            for key in deletions(label) {
                push(&mut self.by_deletion, key, i);
            }
        }
    }

    /// Parses and checks one email address, URL or host.
    pub fn check(&self, input: &str) -> Result<Assessment, DomainError> {
        let name = DomainName::parse(input, &self.data.suffixes)?;
        Ok(self.assess(input, &name))
    }

    /// Checks a parsed name.
    pub fn assess(&self, input: &str, name: &DomainName) -> Assessment {
        let registrable = name.registrable();
        let mut front = None;
        let mut real = None;
        for &i in self.by_registrable.get(&registrable).into_iter().flatten() {
            match self.entries[i].origin {
                Origin::Front(f) => front = Some(self.fronts[f].clone()),
                Origin::Real(r) => real = Some(self.real[r].describe()),
            }
        }
        let mail = self.data.mail_kind(&name.host);
        let copied_from = match &front {
            Some(f) => self
                .real
                .iter()
                .filter(|r| r.copied_by.iter().any(|c| c == &f.domain))
                .map(RealDomain::describe)
                .collect(),
            None => Vec::new(),
        };
        // A listed real domain or a mail provider is what it is, not an imitation of another.
        let lookalikes = if front.is_none() && real.is_none() && mail != Some(MailKind::FreeMail) {
            self.lookalikes(name)
        } else {
            Vec::new()
        };
        let verdict = if front.is_some() {
            Verdict::Front
        } else if !lookalikes.is_empty() {
            Verdict::Lookalike
        } else if mail == Some(MailKind::Disposable) {
            Verdict::Disposable
        } else if real.is_some() {
            Verdict::Real
        } else if mail == Some(MailKind::FreeMail) {
            Verdict::FreeMail
        } else {
            Verdict::NoFinding
        };
        Assessment {
            input: input.to_string(),
            host: name.host.clone(),
            host_ascii: name.host_ascii.clone(),
            registrable,
            label: name.label.clone(),
            suffix: name.suffix.clone(),
            skeleton: skeleton(&name.label),
            verdict,
            front,
            copied_from,
            real,
            lookalikes,
            mail,
            data: self.data.describe(),
        }
    }

    /// Every indexed real or front domain `name` resembles (whatever `name` itself is),
    /// strongest family first, one per resembled domain.
    pub fn lookalikes(&self, name: &DomainName) -> Vec<Lookalike> {
        let mut found: HashSet<usize> = HashSet::new();
        let label = &name.label;
        let mut keys: Vec<(&HashMap<String, Vec<usize>>, String)> = vec![
            (&self.by_label, label.clone()),
            (&self.by_skeleton, skeleton(label)),
        ];
        for key in deletions(label) {
            keys.push((&self.by_deletion, key));
        }
        for word in DICTIONARY {
            for (prefix, suffix) in [
                (format!("{word}-"), String::new()),
                (word.to_string(), String::new()),
                (String::new(), format!("-{word}")),
                (String::new(), word.to_string()),
            ] {
                if let Some(rest) = label
                    .strip_prefix(prefix.as_str())
                    .and_then(|r| r.strip_suffix(suffix.as_str()))
                {
                    if !rest.is_empty() && rest.len() < label.len() {
                        keys.push((&self.by_label, rest.to_string()));
                    }
                }
            }
        }
        if !name.subdomain.is_empty() {
            let mut joined = name.subdomain.concat();
            joined.push_str(label);
            keys.push((&self.by_label, joined));
            let n = name.subdomain.len();
            for start in 0..n {
                keys.push((&self.by_label, name.subdomain[start].clone()));
                for end in start + 2..=n {
                    keys.push((&self.by_registrable, name.subdomain[start..end].join(".")));
                }
            }
        }
        for (map, key) in keys {
            if let Some(hits) = map.get(&key) {
                found.extend(hits.iter().copied());
            }
        }
        let mut out: Vec<Lookalike> = Vec::new();
        let mut indices: Vec<usize> = found.into_iter().collect();
        indices.sort_unstable();
        for i in indices {
            let entry = &self.entries[i];
            let Some(resemblance) = compare(name, &entry.name) else {
                continue;
            };
            if resemblance.family == Family::TldSwap && is_regional(&name.suffix) {
                // Multinationals run their country sites under the same name (accenture.co.uk):
                // a regional variant is a finding only for the organisation's own lists, which
                // can name their real regional domains.
                if let Origin::Real(r) = entry.origin {
                    if BUILTIN_KINDS.contains(&self.real[r].kind.as_str()) {
                        continue;
                    }
                }
            }
            let (of, company, kind, source) = match entry.origin {
                Origin::Real(r) => {
                    let real = &self.real[r];
                    (
                        real.domain.registrable(),
                        real.name.clone(),
                        real.kind.clone(),
                        real.source.clone(),
                    )
                }
                Origin::Front(f) => {
                    let front = &self.fronts[f];
                    (
                        front.domain.clone(),
                        front.linked_entity.clone(),
                        "front".to_string(),
                        front.source_url.clone(),
                    )
                }
            };
            if out.iter().any(|l| l.of == of) {
                continue;
            }
            out.push(Lookalike {
                of,
                name: company,
                kind,
                source,
                resemblance,
            });
        }
        out.sort_by(|a, b| {
            let front = |l: &Lookalike| l.kind == "front";
            (a.resemblance.family, front(a), &a.of).cmp(&(b.resemblance.family, front(b), &b.of))
        });
        out
    }

    /// Families [`lookalikes`](Self::lookalikes) can report.
    pub fn families() -> &'static [Family] {
        &Family::ALL
    }
}

/// Kinds of redflag's built-in real domains (the user's rows are `own`, `client`, `listed`).
const BUILTIN_KINDS: &[&str] = &["it-services", "platform", "impersonated"];

/// Country-code top-level domains sold and used as generic names (`.io`, `.co`, `.ai`), and
/// so no sign of a company's regional site.
const GENERIC_CCTLDS: &[&str] = &[
    "ac", "ai", "am", "bz", "cc", "cf", "co", "cx", "fm", "ga", "gg", "gq", "io", "la", "ly", "me",
    "ml", "nu", "pw", "sh", "so", "st", "tk", "to", "tv", "vc", "ws",
];

/// Whether a public suffix is a country's (`co.uk`, `de`, `com.au`) rather than a generic one.
fn is_regional(suffix: &str) -> bool {
    let top = suffix.rsplit('.').next().unwrap_or(suffix);
    top.len() == 2 && top.bytes().all(|b| b.is_ascii_lowercase()) && !GENERIC_CCTLDS.contains(&top)
}

fn push(map: &mut HashMap<String, Vec<usize>>, key: String, i: usize) {
    let v = map.entry(key).or_default();
    if !v.contains(&i) {
        v.push(i);
    }
}

/// The label and every label one character shorter: two labels one typo apart share a key.
fn deletions(label: &str) -> Vec<String> {
    let chars: Vec<char> = label.chars().collect();
    let mut out = vec![label.to_string()];
    for i in 0..chars.len() {
        let key: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checker() -> DomainChecker {
        DomainChecker::new(DomainData::builtin())
    }

    #[test]
    fn verdicts() {
        let c = checker();
        let v = |s: &str| c.check(s).unwrap().verdict;
        assert_eq!(v("jane@hopanatech.com"), Verdict::Front);
        assert_eq!(v("https://kitrurn.com/about"), Verdict::Lookalike);
        assert_eq!(v("careers.kitrum.com"), Verdict::Real);
        assert_eq!(v("jane@gmail.com"), Verdict::FreeMail);
        assert_eq!(v("x@mailinator.com"), Verdict::Disposable);
        assert_eq!(v("acme-widgets.com"), Verdict::NoFinding);
        assert!(c.check("not a domain").is_err());
    }

    #[test]
    fn a_front_names_the_firm_it_copied_and_explains() {
        let a = checker().check("inditechlab.com").unwrap();
        assert_eq!(a.verdict, Verdict::Front);
        assert_eq!(
            a.copied_from,
            vec!["kitrum.com (Kitrum, impersonated)".to_string()]
        );
        let text = a.explain().join("\n");
        assert!(
            text.contains("exact hit: inditechlab.com is seized"),
            "{text}"
        );
        assert!(text.contains("copied kitrum.com"), "{text}");
    }

    #[test]
    fn lookalikes_of_front_domains_are_lookalikes_not_exact_hits() {
        let a = checker().check("foxysunstudio.net").unwrap();
        assert_eq!(a.verdict, Verdict::Lookalike);
        assert!(a.front.is_none());
        assert_eq!(a.lookalikes[0].kind, "front");
        assert_eq!(a.lookalikes[0].resemblance.family, Family::TldSwap);
    }

    #[test]
    fn the_index_finds_what_comparing_every_entry_finds() {
        let c = checker();
        let candidates = [
            "kitrurn.com",
            "kit-rum.com",
            "kitrumjobs.com",
            "my-kitrum.com",
            "kitrum.co",
            "ktirum.com",
            "kitum.com",
            "kittrum.com",
            "kitrjum.com",
            "kitrym.com",
            "kitrom.com",
            "kitrums.com",
            "kitrue.com",
            "kit.rum.com",
            "kitrum.com.jobs.net",
            "hr.kitrum.jobs.net",
            "upworksell.net",
            "cloudfox.io",
            "vvipro.com",
            "acenture.com",
            "thefoxcloud.co",
            "urolime-careers.com",
            "itechartt.com",
            "tatvas0ft.com",
            "random-shop.com",
        ];
        for candidate in candidates {
            let name = DomainName::parse(candidate, &c.data.suffixes).unwrap();
            let indexed: Vec<String> = c
                .lookalikes(&name)
                .into_iter()
                .map(|l| l.of)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let brute: Vec<String> = c
                .entries
                .iter()
                .filter(|e| compare(&name, &e.name).is_some())
                .map(|e| e.name.registrable())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            assert_eq!(indexed, brute, "{candidate}");
        }
    }
}
