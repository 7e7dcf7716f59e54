//! EM convergence on a synthetic set, null handling, determinism.

use redflag_linking::{
    candidate_pairs, cluster, score_pairs, train_em, LinkModel, ModelConfig, PairScorer, Record,
    Table, NULL_LEVEL,
};

/// A deterministic synthetic population: 400 people, 100 of them with a noisy duplicate.
fn synthetic() -> (Vec<Record>, Vec<usize>) {
    let given = [
        "anna", "ben", "carla", "dmitri", "emma", "farid", "gina", "hugo", "ines", "jon",
    ];
    let sur = [
        "smith", "nguyen", "kowalski", "okafor", "tanaka", "garcia", "muller", "rossi", "dubois",
        "larsen", "novak", "silva", "ahmed", "kim", "walsh",
    ];
    let mut state = 42u64;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    let mut records = Vec::new();
    let mut labels = Vec::new();
    for p in 0..400 {
        let g = given[next(10) as usize];
        let s = sur[next(15) as usize];
        let dob = format!(
            "19{:02}{:02}{:02}",
            40 + next(60),
            1 + next(12),
            1 + next(28)
        );
        let tax = format!("{:07}", next(10_000_000));
        let post = format!("{}", 2000 + next(50));
        records.push(
            Record::new(format!("p{p}"))
                .with("given_name", g)
                .with("surname", s)
                .with("dob", &dob)
                .with("tax_id", &tax)
                .with("postcode", &post),
        );
        labels.push(p);
        if p % 4 == 0 {
            // One typo in the surname, a transposed tax id digit, sometimes a missing dob.
            let typo = format!("{}{}", &s[..s.len() - 1], "x");
            let mut t: Vec<char> = tax.chars().collect();
            t.swap(2, 3);
            let dup = Record::new(format!("p{p}-dup"))
                .with("given_name", g)
                .with("surname", typo)
                .with("dob", if p % 8 == 0 { "" } else { dob.as_str() })
                .with("tax_id", t.into_iter().collect::<String>())
                .with("postcode", &post);
            records.push(dup);
            labels.push(p);
        }
    }
    (records, labels)
}

fn model() -> LinkModel {
    LinkModel::from_config(
        &ModelConfig::default()
            .compare("given_name", "name")
            .compare("surname", "name")
            .compare("dob", "date")
            .compare("tax_id", "token")
            .compare("postcode", "token")
            .block("postcode")
            .block("given_name & soundex(surname)"),
    )
    .unwrap()
}

#[test]
fn em_converges_and_separates_a_synthetic_set() {
    let (records, labels) = synthetic();
    let table = Table::dedupe(&records);
    let model = model();
    let cands = candidate_pairs(&table, &model.blocking, 1000).unwrap();
    let params = train_em(&model, &table, &cands.pairs);
    assert!(params.converged, "{params:?}");
    // 100 true pairs among all pairs.
    let expected = 100.0 / (500.0 * 499.0 / 2.0);
    assert!(
        (params.lambda / expected - 1.0).abs() < 0.25,
        "λ {} vs {expected}",
        params.lambda
    );
    // An exact tax id is strong evidence, a disagreeing one is against.
    assert!(params.partial_weight(3, 0) > 10.0);
    assert!(params.partial_weight(3, 3) < -3.0);
    let scored = score_pairs(&model, &params, &table, &cands.pairs);
    let clusters = cluster(&scored, 0.5);
    let m = redflag_linking::pairwise_metrics(&table, &clusters, &labels);
    assert!(m.f1 > 0.98, "{m}");
    // Deterministic: a second run gives identical parameters.
    assert_eq!(train_em(&model, &table, &cands.pairs), params);
}

#[test]
fn nulls_add_no_evidence() {
    let records = [
        Record::new("a")
            .with("given_name", "anna")
            .with("surname", "smith")
            .with("dob", "19800101"),
        Record::new("b")
            .with("given_name", "anna")
            .with("surname", "smith")
            .with("dob", "NA"),
        Record::new("c")
            .with("given_name", "anna")
            .with("surname", "smith"),
    ];
    let table = Table::dedupe(&records);
    let (big, _) = synthetic();
    let big_table = Table::dedupe(&big);
    let model = model();
    let cands = candidate_pairs(&big_table, &model.blocking, 1000).unwrap();
    let params = train_em(&model, &big_table, &cands.pairs);
    let scored = score_pairs(&model, &params, &table, &[(0, 1), (0, 2), (1, 2)]);
    let scorer = PairScorer::new(&model, &params, &table);
    for p in &scored {
        let e = scorer.evidence(p.a, p.b);
        assert_eq!(e.levels[2], NULL_LEVEL);
        assert_eq!(e.partial_weights[2], 0.0);
        // Missing fields (tax id, postcode absent from every record) are null too.
        assert_eq!(e.levels[3], NULL_LEVEL);
        assert!(
            (e.weight() - p.weight).abs() < 1e-9,
            "evidence adds up to the weight"
        );
    }
    // "NA" and a missing field score the same.
    assert_eq!(scored[0].weight, scored[1].weight);
    assert!(scorer.explain(0, 1, &table).contains("null"));
}
