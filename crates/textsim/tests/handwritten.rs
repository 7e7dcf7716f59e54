//! Hand-written résumés: one template with personal details swapped links; two real
//! résumés in the same field do not; boilerplate and huge buckets stay contained.

use redflag_textsim::{similarity, NearDupIndex};

const TEMPLATE_A: &str = "\
Kevin Zhang
Austin, TX · kevin.zhang.dev@gmail.com · +1 (512) 555-0199
linkedin.com/in/kevin-zhang-dev · github.com/kzhang-dev

SUMMARY
Results-oriented Senior Full Stack Engineer with 9+ years of experience designing and delivering \
scalable web platforms with React, Node.js and AWS. Passionate about clean architecture, \
test-driven development and shipping high quality products on tight deadlines.

EXPERIENCE
Senior Full Stack Engineer — Brightwave Analytics (Mar 2021 – Present)
  • Led a team of 5 engineers to rebuild the customer portal in React and TypeScript, cutting load time by 40%.
  • Designed event-driven microservices on AWS Lambda and SQS processing 2M events per day.
Full Stack Developer — Northpeak Software (Jun 2017 – Feb 2021)
  • Built RESTful APIs with Node.js and PostgreSQL for a logistics platform serving 300+ clients.
  • Introduced CI/CD pipelines with GitHub Actions and Docker, reducing release time from days to hours.

EDUCATION
B.S. Computer Science, University of Texas at Austin (2015)

SKILLS
React, TypeScript, Node.js, AWS, PostgreSQL, Docker, GraphQL";

/// The same template with name, contacts, city, employers, dates and numbers swapped.
const TEMPLATE_B: &str = "\
Daniel Moreno
Miami, FL · dan.moreno.codes@outlook.com · (305) 555-0142
github.com/dmoreno-js

SUMMARY
Results-oriented Senior Full Stack Engineer with 8+ years of experience designing and delivering \
scalable web platforms with React, Node.js and AWS. Passionate about clean architecture, \
test-driven development and shipping high quality products on tight deadlines.

EXPERIENCE
Senior Full Stack Engineer — Coralbay Systems (Jan 2020 – Present)
  • Led a team of 6 engineers to rebuild the customer portal in React and TypeScript, cutting load time by 35%.
  • Designed event-driven microservices on AWS Lambda and SQS processing 3M events per day.
Full Stack Developer — Meridian Labs (Aug 2016 – Dec 2019)
  • Built RESTful APIs with Node.js and PostgreSQL for a logistics platform serving 250+ clients.
  • Introduced CI/CD pipelines with GitHub Actions and Docker, reducing release time from days to hours.

EDUCATION
B.S. Computer Science, Florida International University (2014)

SKILLS
React, TypeScript, Node.js, AWS, Docker, PostgreSQL, GraphQL";

/// A genuine résumé in the same field and stack, written by someone else.
const OTHER_REACT: &str = "\
Priya Raman
Seattle, WA · priya.raman@fastmail.com · 206-555-0117

SUMMARY
Senior React developer who cares about accessibility and fast, boring deployments. Nine years \
writing JavaScript and TypeScript for consumer apps; lately most of my work runs on AWS.

EXPERIENCE
Senior Frontend Engineer — Evergreen Health (2021–present)
  • Own the design system used by four product teams; moved it from Sass to CSS modules.
  • Rewrote the appointment booking flow in React with TypeScript; conversion rose 12%.
Frontend Engineer — Pike Street Media (2016–2021)
  • Maintained the JavaScript video player and its analytics hooks.
  • Set up AWS CloudFront and S3 hosting for our static sites and cut hosting costs in half.

EDUCATION
B.A. Linguistics, University of Washington (2014)

SKILLS
JavaScript, TypeScript, React, AWS, Jest, Webpack, GraphQL";

/// Another genuine one sharing role, stack and section layout with `TEMPLATE_A`.
const OTHER_FULLSTACK: &str = "\
Marcus Lee
Denver, CO · mlee@protonmail.com

SUMMARY
Full stack engineer with experience in React, Node.js and AWS. I like small teams, clear \
ownership and code that is easy to delete.

EXPERIENCE
Senior Full Stack Engineer — Summit Outdoor Co. (2019–present)
  • Built the inventory service in Node.js with PostgreSQL and the store front in React.
  • Moved nightly batch jobs to AWS Lambda; on call for the checkout path.
Software Engineer — Front Range Credit Union (2015–2019)
  • Maintained the online banking site and its Java back end; introduced automated tests.

EDUCATION
B.S. Computer Science, Colorado State University (2015)

SKILLS
React, Node.js, TypeScript, AWS, PostgreSQL, Docker";

fn index(docs: &[(u32, &str, &str)]) -> NearDupIndex {
    let mut b = NearDupIndex::builder();
    for &(id, text, name) in docs {
        b.add(id, text, &[name]);
    }
    b.build()
}

#[test]
fn one_template_with_details_swapped_links() {
    let idx = index(&[
        (1, TEMPLATE_A, "Kevin Zhang"),
        (2, TEMPLATE_B, "Daniel Moreno"),
        (3, OTHER_REACT, "Priya Raman"),
        (4, OTHER_FULLSTACK, "Marcus Lee"),
    ]);
    let pairs = idx.pairs(0.2);
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    let p = &pairs[0];
    eprintln!("template pair: {p:?}");
    assert_eq!((p.a, p.b), (1, 2));
    assert!(p.jaccard > 0.5, "{p:?}");
    assert!(p.shared >= 30, "{p:?}");
    // The explanation quotes the copied passages, not the swapped details.
    let sample = p.shared_shingles_sample.join(" | ");
    assert!(
        sample.contains("passionate about clean architecture"),
        "{sample}"
    );
    assert!(
        !sample.contains("brightwave") && !sample.contains("coralbay"),
        "{sample}"
    );
    assert!(
        !sample.contains("kevin") && !sample.contains("daniel"),
        "{sample}"
    );
    assert!(p.shared_shingles_sample.len() <= 5);
    // The corpus-free similarity agrees on the order of magnitude.
    assert!(similarity(TEMPLATE_A, TEMPLATE_B) > 0.5);
}

#[test]
fn different_resumes_in_the_same_field_do_not_link() {
    let idx = index(&[
        (1, TEMPLATE_A, "Kevin Zhang"),
        (3, OTHER_REACT, "Priya Raman"),
        (4, OTHER_FULLSTACK, "Marcus Lee"),
    ]);
    assert!(idx.pairs(0.0).is_empty(), "{:#?}", idx.pairs(0.0));
    for (a, b) in [
        (TEMPLATE_A, OTHER_REACT),
        (TEMPLATE_A, OTHER_FULLSTACK),
        (OTHER_REACT, OTHER_FULLSTACK),
    ] {
        let j = similarity(a, b);
        eprintln!("same-field similarity {j:.3}");
        assert!(j < 0.08, "similarity {j}");
    }
}

#[test]
fn shared_boilerplate_does_not_link_a_crowd() {
    // 120 people whose résumés carry the same stock paragraph (a résumé builder's) and
    // otherwise their own words.
    let stock = "Worked closely with cross-functional teams to deliver high quality software on time. \
                 Strong communication skills and a passion for continuous learning and improvement.";
    let mut b = NearDupIndex::builder();
    let words = [
        "billing",
        "search",
        "mobile",
        "payments",
        "reporting",
        "identity",
        "logistics",
        "ads",
        "maps",
        "pricing",
        "chat",
        "video",
    ];
    for i in 0..120u32 {
        let (w1, w2) = (words[i as usize % 12], words[(i as usize / 12) % 12]);
        let own = format!(
            "Person{i}\n{stock}\nOwned the {w1} service from design to launch, then handed it to the {w2} team. \
             Wrote the runbook number {i} for {w2} incidents and trained {w1} staff on it."
        );
        b.add(i, &own, &[&format!("Person{i}")]);
    }
    let idx = b.build();
    assert!(idx.stats().boilerplate_shingles >= 20, "{:?}", idx.stats());
    assert!(
        idx.pairs(0.2).is_empty(),
        "{:#?}",
        &idx.pairs(0.2)[..3.min(idx.pairs(0.2).len())]
    );
}

#[test]
fn a_huge_group_of_copies_is_capped_not_exploded() {
    // 300 exact copies under different names: 44,850 pairs if expanded; capped to a star.
    let mut b = NearDupIndex::builder().max_df(1.0, usize::MAX);
    for i in 0..300u32 {
        let name = format!("Name{i} Surname{i}");
        b.add(i, &TEMPLATE_A.replace("Kevin Zhang", &name), &[&name]);
    }
    b.add(1000, OTHER_REACT, &["Priya Raman"]);
    let idx = b.build();
    let stats = idx.stats();
    assert!(!stats.capped_buckets.is_empty());
    assert!(stats
        .capped_buckets
        .iter()
        .all(|c| c.size == 300 && c.sample.len() == 10));
    assert!(stats.candidate_pairs < 300, "{}", stats.candidate_pairs);
    let pairs = idx.pairs(0.9);
    // Every copy is linked to the bucket's representative: one connected group.
    assert_eq!(pairs.len(), 299);
    let hub = pairs[0].a;
    assert!(pairs.iter().all(|p| p.a == hub || p.b == hub));
    assert!(pairs.iter().all(|p| p.a != 1000 && p.b != 1000));
}

#[test]
fn short_and_odd_documents_are_counted_not_paired() {
    let idx = index(&[
        (1, "", ""),
        (2, "Skills: React", "x"),
        (3, "Skills: React", "y"),
        (4, "٣٤٥ 日本語\u{301} @@@ http://x.io", ""),
    ]);
    assert_eq!(idx.stats().documents, 4);
    assert_eq!(idx.stats().too_short, 4);
    assert!(idx.pairs(0.0).is_empty());
    assert_eq!(similarity("", ""), 0.0);
    assert_eq!(similarity("Skills: React", "Skills: React"), 1.0);
}

#[test]
fn duplicate_ids_never_pair_with_themselves() {
    let idx = index(&[
        (7, TEMPLATE_A, "Kevin Zhang"),
        (7, TEMPLATE_B, "Daniel Moreno"),
    ]);
    assert!(idx.pairs(0.0).is_empty());
}
