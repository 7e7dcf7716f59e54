//! Times near-duplicate search over synthetic résumés:
//! `cargo run --release -p redflag-textsim --example resume_bench -- [DOCS] [TEMPLATES] [PER_TEMPLATE] [SEED]`.
//!
//! The simulator's résumé writer is private to `redflag-sim`, so this mirrors its layout
//! (contact line, SUMMARY from stock sentences, EXPERIENCE with stock bullets, EDUCATION,
//! SKILLS) with larger pools, gives every ordinary person one sentence of their own, and
//! plants `TEMPLATES` groups of `PER_TEMPLATE` personas who share a summary and bullets
//! with name, contacts, employers and dates swapped. Prints throughput, pairs found, and
//! recall and false links against the planted groups.

use std::collections::HashSet;
use std::fmt::Write;
use std::time::Instant;

use redflag_textsim::NearDupIndex;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

const FIRST: &[&str] = &[
    "James", "Mary", "Wei", "Priya", "Carlos", "Fatima", "Olena", "Kenji", "Aisha", "Lucas",
    "Sofia", "Ahmed", "Emma", "Noah", "Chloe", "Ravi", "Ana", "Minh", "Grace", "Omar",
];
const LAST: &[&str] = &[
    "Smith", "Garcia", "Chen", "Patel", "Kowalski", "Nguyen", "Okafor", "Silva", "Kim", "Müller",
    "Rossi", "Haddad", "Johnson", "Brown", "Tanaka", "Novak", "Lopez", "Khan",
];
const CITIES: &[&str] = &[
    "Austin, TX",
    "Chicago, IL",
    "London, ENG",
    "Warsaw, MZ",
    "São Paulo, SP",
    "Bengaluru, KA",
    "Toronto, ON",
    "Berlin, BE",
    "Seattle, WA",
    "Lagos, LA",
    "Manila, NCR",
    "Denver, CO",
];
const OPENERS: &[&str] = &[
    "Engineer with a track record of shipping reliable software",
    "Pragmatic developer who enjoys turning messy requirements into simple systems",
    "Builder focused on developer experience and maintainable code",
    "Generalist who has worked across product, infrastructure and data",
    "Detail-oriented professional with experience in fast-growing teams",
    "Team player who likes mentoring and code review",
    "Senior React developer focused on accessible, fast user interfaces",
    "Backend engineer who likes databases, queues and boring technology",
    "Data engineer who builds pipelines analysts can trust",
    "Mobile developer shipping native apps for iOS and Android",
    "Site reliability engineer who cares about calm on-call rotations",
    "Full stack engineer comfortable across React, Node.js and AWS",
];
const CLOSERS: &[&str] = &[
    "Most recently focused on payments and billing systems.",
    "Recent work centred on observability, CI/CD and cloud cost.",
    "Comfortable owning features end to end, from design docs to on-call.",
    "Interested in accessibility and front-end performance.",
    "Enjoys data modelling, SQL and making dashboards people actually use.",
    "Happiest in small teams with a lot of ownership.",
    "Currently learning Rust and WebAssembly in my spare time.",
    "Experienced with regulated industries such as healthcare and banking.",
    "Regular speaker at local meetups on testing and TypeScript.",
    "Looking for a remote-first team with a strong writing culture.",
];
const TITLES: &[&str] = &[
    "Software Engineer",
    "Senior Software Engineer",
    "Frontend Developer",
    "Backend Developer",
    "Full Stack Developer",
    "Data Engineer",
    "DevOps Engineer",
    "QA Engineer",
    "Mobile Developer",
    "Engineering Manager",
    "Staff Engineer",
    "Site Reliability Engineer",
];
const BULLETS: &[&str] = &[
    "Built and maintained services using {} and {}.",
    "Worked with product and design to ship features used by thousands of customers.",
    "Migrated the legacy monolith to {} running on {}.",
    "Improved test coverage and introduced code review guidelines for the team.",
    "Reduced infrastructure cost by moving batch jobs to {} and {}.",
    "Mentored junior engineers and ran the weekly architecture review.",
    "Designed the public API in {} and documented it for partners.",
    "Led the on-call rotation and wrote runbooks for {} incidents.",
];
const SKILLS: &[&str] = &[
    "Python",
    "Go",
    "Java",
    "TypeScript",
    "React",
    "Node.js",
    "PostgreSQL",
    "AWS",
    "GCP",
    "Kubernetes",
    "Terraform",
    "Docker",
    "Kafka",
    "Rust",
    "Swift",
    "Kotlin",
    "GraphQL",
    "dbt",
    "Snowflake",
    "Redis",
    "Django",
    "Spring Boot",
    "Vue",
    "Angular",
    "Azure",
    "Linux",
];
const SCHOOLS: &[&str] = &[
    "University of Texas at Austin",
    "University of Warsaw",
    "Imperial College London",
    "University of São Paulo",
    "IIT Bombay",
    "University of Toronto",
    "TU Berlin",
    "University of Washington",
    "University of Lagos",
    "Ateneo de Manila University",
];
const DEGREES: &[&str] = &["B.S.", "B.A.", "M.S.", "B.Tech", "M.Sc.", "Ph.D."];
const FIELDS: &[&str] = &[
    "Computer Science",
    "Software Engineering",
    "Mathematics",
    "Physics",
    "Economics",
    "Electrical Engineering",
    "Information Systems",
    "Data Science",
];

/// A sentence of pseudo-words: text nobody else writes.
fn own_sentence(rng: &mut Rng, words: usize) -> String {
    const SYL: &[&str] = &[
        "ka", "lo", "mi", "ren", "ta", "vo", "su", "bel", "dra", "ni", "quo", "ze", "pa", "tri",
        "on", "es", "ul", "gar", "fi", "mos",
    ];
    let mut s = String::new();
    for w in 0..words {
        if w > 0 {
            s.push(' ');
        }
        for _ in 0..2 + rng.below(2) {
            s.push_str(rng.pick(SYL));
        }
    }
    s.push('.');
    s
}

fn fill(rng: &mut Rng, bullet: &str) -> String {
    let mut out = String::new();
    for (i, part) in bullet.split("{}").enumerate() {
        if i > 0 {
            out.push_str(rng.pick(SKILLS));
        }
        out.push_str(part);
    }
    out
}

/// A template's reusable body: summary sentences and bullets, fixed per template.
struct Template {
    summary: String,
    bullets: Vec<String>,
}

fn template(rng: &mut Rng) -> Template {
    Template {
        summary: format!(
            "{} {} {}",
            own_sentence(rng, 14),
            own_sentence(rng, 12),
            rng.pick(CLOSERS)
        ),
        bullets: (0..4).map(|_| own_sentence(rng, 11)).collect(),
    }
}

fn resume(rng: &mut Rng, t: Option<&Template>) -> (String, String) {
    let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let mut s = String::with_capacity(1500);
    let handle = name.to_lowercase().replace(' ', ".");
    let _ = writeln!(
        s,
        "{name}\n{} · {handle}{}@mail.example.com · +1 {} 555 {:04}\n\nSUMMARY",
        rng.pick(CITIES),
        rng.below(100),
        200 + rng.below(700),
        rng.below(10_000)
    );
    match t {
        Some(t) => {
            let _ = writeln!(s, "{}", t.summary.replace("{}", ""));
        }
        None => {
            let _ = writeln!(
                s,
                "{} ({} years of experience). {} {} {}",
                rng.pick(OPENERS),
                1 + rng.below(25),
                rng.pick(CLOSERS),
                rng.pick(CLOSERS),
                {
                    let n = 6 + rng.below(10);
                    own_sentence(rng, n)
                }
            );
        }
    }
    let _ = writeln!(s, "\nEXPERIENCE");
    let mut year = 2025;
    for j in 0..1 + rng.below(4) {
        let len = 1 + rng.below(5);
        let _ = writeln!(
            s,
            "{} — Company {} ({}–{})",
            rng.pick(TITLES),
            rng.below(5000),
            year - len,
            if j == 0 {
                "present".to_string()
            } else {
                year.to_string()
            }
        );
        year -= len;
        for b in 0..2 {
            let line = match t {
                Some(t) => t.bullets[(2 * j + b) % t.bullets.len()].clone(),
                None => {
                    let b = rng.pick(BULLETS);
                    fill(rng, b)
                }
            };
            let _ = writeln!(s, "  - {line}");
        }
    }
    let _ = writeln!(
        s,
        "\nEDUCATION\n{} {}, {} ({})",
        rng.pick(DEGREES),
        rng.pick(FIELDS),
        rng.pick(SCHOOLS),
        1990 + rng.below(33)
    );
    let mut skills: Vec<&str> = (0..5 + rng.below(5)).map(|_| rng.pick(SKILLS)).collect();
    skills.dedup();
    let _ = writeln!(s, "\nSKILLS\n{}", skills.join(", "));
    (name, s)
}

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().expect("numbers"));
    let docs = args.next().unwrap_or(100_000);
    let templates = args.next().unwrap_or(500);
    let per = args.next().unwrap_or(5).max(2);
    let seed = args.next().unwrap_or(7) as u64;
    let mut rng = Rng(seed);

    let started = Instant::now();
    let pool: Vec<Template> = (0..templates).map(|_| template(&mut rng)).collect();
    let planted = (templates * per).min(docs);
    let mut group = vec![u32::MAX; docs];
    let mut corpus = Vec::with_capacity(docs);
    for (i, g) in group.iter_mut().enumerate() {
        let t = (i < planted).then(|| i / per);
        if let Some(t) = t {
            *g = t as u32;
        }
        corpus.push(resume(&mut rng, t.map(|t| &pool[t])));
    }
    let bytes: usize = corpus.iter().map(|c| c.1.len()).sum();
    eprintln!(
        "generated {docs} résumés ({:.1} MB, {planted} from {templates} templates) in {:.2?}",
        bytes as f64 / 1e6,
        started.elapsed()
    );

    let started = Instant::now();
    let mut builder = NearDupIndex::builder();
    for (i, (name, text)) in corpus.iter().enumerate() {
        builder.add(i as u32, text, &[name]);
    }
    let added = started.elapsed();
    let started = Instant::now();
    let index = builder.build();
    let built = started.elapsed();
    let started = Instant::now();
    let pairs = index.pairs(0.2);
    let listed = started.elapsed();
    let total = added + built + listed;

    let expected: usize = (0..templates)
        .map(|t| (t * per..((t + 1) * per).min(planted)).len())
        .map(|n| n * n.saturating_sub(1) / 2)
        .sum();
    let mut true_links = 0;
    let mut false_links = HashSet::new();
    for p in &pairs {
        let (ga, gb) = (group[p.a as usize], group[p.b as usize]);
        if ga != u32::MAX && ga == gb {
            true_links += 1;
        } else {
            false_links.insert((p.a, p.b));
        }
    }
    let s = index.stats();
    let c = index.config();
    println!(
        "docs {docs}, bands {}×{} rows, shingle {} words, boilerplate df > {} ({} of {} shingles), {} too short",
        c.bands, c.rows, c.shingle_len, s.max_df, s.boilerplate_shingles, s.distinct_shingles, s.too_short
    );
    println!(
        "add (normalise + intern) {added:.2?}, build (shingle, df, {} band hashes, verify) {built:.2?}, pairs {listed:.2?}",
        c.bands * c.rows
    );
    println!(
        "{:.0} signatures/s end to end ({:.0} docs/s build only), {} candidates, {} capped buckets",
        docs as f64 / total.as_secs_f64(),
        docs as f64 / built.as_secs_f64(),
        s.candidate_pairs,
        s.capped_buckets.len()
    );
    println!(
        "pairs at J >= 0.2: {} (planted {expected}, found {true_links}, recall {:.4}), false links {}",
        pairs.len(),
        true_links as f64 / expected.max(1) as f64,
        false_links.len()
    );
    if let Some(p) = pairs.iter().find(|p| false_links.contains(&(p.a, p.b))) {
        println!("first false link: {p:?}");
    }
}
