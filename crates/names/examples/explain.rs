//! Prints how two names compare, token by token.
//!
//! ```text
//! cargo run -p redflag-names --example explain -- "Kim Jong-un" "KIM JONG UN" [person|org|unknown]
//! ```

use redflag_names::{compare, prepare, NameKind};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: explain QUERY CANDIDATE [person|org|unknown]");
        std::process::exit(2);
    }
    let kind = match args.get(2).map(String::as_str) {
        Some("org") => NameKind::Organization,
        Some("unknown") => NameKind::Unknown,
        _ => NameKind::Person,
    };
    let q = prepare(&args[0], kind);
    let c = prepare(&args[1], kind);
    for (label, p) in [("query", &q), ("candidate", &c)] {
        for (n, reading) in p.readings().enumerate() {
            let toks: Vec<String> = reading
                .iter()
                .map(|t| {
                    format!(
                        "{}[{:?}{}]",
                        t.text(),
                        t.class(),
                        if t.is_korean() { ",kor" } else { "" }
                    )
                })
                .collect();
            println!("{label} reading {n}: {}", toks.join(" "));
        }
    }
    println!("{}", compare(&q, &c).explain());
}
