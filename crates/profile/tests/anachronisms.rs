//! Anachronisms on résumés in the shapes people write them: the impossible claims are found
//! with their lines, and honest histories (a long current job, old skills, a technology
//! named the year it appeared, words that are also technology names) are left alone.

use redflag_profile::{anachronisms, Claim};

const INVENTED: &str = "\
Alex Morgan
Austin, TX · alex.morgan.dev@gmail.com

SUMMARY
Senior Full Stack Engineer with 12+ years of experience. 10 years of Kubernetes and 9 years of React in production.

EXPERIENCE
Senior Engineer — Northwind Labs (Mar 2019 – Present)
  - Led the move to Kubernetes and Terraform; React and TypeScript front end.

Lead Developer — Freelance (2012–2015)
  - Designed a Kubernetes-based deployment platform and SwiftUI mobile apps for enterprise clients.

Software Engineer, Contoso Ltd, 06/2008 to 11/2011
  - Built internal tools with Java, jQuery and Docker.

EDUCATION
BSc Computer Science, State University (2004–2008)

SKILLS
Kubernetes, Flutter, React, Go, Rust
";

#[test]
fn invented_history_is_found_line_by_line() {
    let found = anachronisms(INVENTED, Some(2020));
    let summary: Vec<(String, usize, String)> = found
        .iter()
        .map(|a| (a.technology.clone(), a.line, a.explain()))
        .collect();
    // SwiftUI (2019) at a job that ended in 2015; Docker (2013) at one that ended in 2011.
    // Kubernetes at 2012–2015 is possible (public from June 2014), and the current job can
    // use anything.
    assert!(
        summary.contains(&(
            "SwiftUI".into(),
            12,
            "SwiftUI (first public 2019-06) at a job of 2012–2015".into()
        )),
        "{summary:#?}"
    );
    assert!(
        summary.iter().any(|(t, l, _)| t == "Docker" && *l == 15),
        "{summary:#?}"
    );
    assert!(
        !summary
            .iter()
            .any(|(t, l, _)| t == "Kubernetes" && *l == 12),
        "{summary:#?}"
    );
    // "10 years of Kubernetes" in 2020 would start in 2010; "9 years of React" in 2011.
    let years: Vec<(&str, i32)> = found
        .iter()
        .filter_map(|a| match a.claim {
            Claim::YearsOfExperience { years, .. } => Some((a.technology.as_str(), years)),
            Claim::UsedAtJob { .. } => None,
        })
        .collect();
    assert_eq!(years, [("Kubernetes", 10), ("React", 9)]);
    // The skills list has no dates, and the education span is not a job.
    assert!(found.iter().all(|a| a.line < 19), "{summary:#?}");
    assert!(found.iter().all(|a| a.source_url.starts_with("https://")));
}

#[test]
fn honest_histories_are_left_alone() {
    for (resume, as_of) in [
        // A long current job, with today's tools.
        ("EXPERIENCE\nPlatform Engineer — Initech (2009 – present)\n  - Kubernetes, Terraform, GitHub Actions\n", 2024),
        // A technology named in the year it appeared, and a job that ended after it.
        ("EXPERIENCE\nFrontend Developer, Globex (2011–2013)\n  - Early adopter of React and Docker\nMobile Developer, Hooli (2014–2016)\n  - Shipped the first Swift app\n", 2024),
        // Old skills at old jobs, and experience that fits.
        ("EXPERIENCE\nWeb Developer — Acme (2005–2009)\n  - PHP, MySQL, jQuery, Hadoop pilots\nSUMMARY\n8 years of Kubernetes and 6 years of Flutter experience.\n", 2024),
        // Words that are also technology names, at an old job.
        ("EXPERIENCE\nOperations Analyst — First Bank (2001–2006)\n  - Ran SWIFT payments; took the helm of the rust-prevention programme; picked up slack in the team.\n", 2024),
        // Numbers that are not years of anything.
        ("EXPERIENCE\nEngineer — Umbrella (2015–2018)\n  - Cut build times 10 years' worth of CI minutes; wrote 5 React components\n", 2019),
    ] {
        let found = anachronisms(resume, Some(as_of));
        assert!(found.is_empty(), "{resume}\n{found:#?}");
    }
}

#[test]
fn without_a_date_the_resume_speaks_from_its_latest_year() {
    let resume = "SUMMARY\n7 years of SwiftUI.\nEXPERIENCE\nEngineer — Acme (2016–2021)\n";
    let found = anachronisms(resume, None);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].claim,
        Claim::YearsOfExperience {
            years: 7,
            as_of: 2021
        }
    );
    assert!(anachronisms("no dates at all, 7 years of SwiftUI", None).is_empty());
}
