//! The sign-in tables hold millions of rows, and DataFusion computes a `WITH` table again
//! wherever a query uses it: a rule that names a per-person count over the sign-ins twice
//! reads them twice (on ten million Okta events, `NET_VPN_ASTRILL` read them four times and
//! took three times as long). Every built-in rule is planned here and its reads of the
//! sign-in tables are counted after DataFusion's optimiser.

use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::logical_expr::LogicalPlan;
use redflag_ingest::{load_dataset, LoadOptions};
use redflag_rules::{builtin_rules, RuleEngine};

/// The tables with a row per sign-in.
const SIGN_IN_TABLES: [&str; 2] = ["signins", "signins_located"];

/// Most reads of the sign-in tables a rule may make: one to find whom to flag, one to fetch
/// the rows its evidence names.
const MOST_READS: usize = 2;

/// Scans of the sign-in tables in an optimised plan, subqueries included.
fn sign_in_scans(plan: &LogicalPlan) -> usize {
    let mut scans = 0;
    plan.apply_with_subqueries(|node| {
        if let LogicalPlan::TableScan(scan) = node {
            if SIGN_IN_TABLES.contains(&scan.table_name.table()) {
                scans += 1;
            }
        }
        Ok(TreeNodeRecursion::Continue)
    })
    .expect("walking a plan does not fail");
    scans
}

#[tokio::test]
async fn no_rule_reads_the_sign_ins_more_than_twice() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("people.csv"),
        "person_id,full_name,org,claimed_country\nP1,Tyler Grant,Acme,US\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("signins.csv"),
        "at,person_id,ip,country,device_id,session_id,result\n\
         2025-03-03T09:00:00Z,P1,203.0.113.5,US,D1,S1,success\n",
    )
    .unwrap();
    let dataset = load_dataset(dir.path(), LoadOptions::default()).unwrap();
    let engine = RuleEngine::new(&dataset, builtin_rules().unwrap())
        .await
        .unwrap();
    let state = engine.session().state();
    let mut reads = Vec::new();
    for rule in engine.rules() {
        let plan = state.create_logical_plan(&rule.sql).await.unwrap();
        let optimised = state.optimize(&plan).unwrap();
        reads.push((rule.id.as_str(), sign_in_scans(&optimised)));
    }
    // The count works: the rules that read the sign-ins themselves are seen doing so.
    for id in [
        "NET_CONTINUOUS_LOGIN",
        "NET_GEO_VS_CLAIMED",
        "NET_IOC_IP_MATCH",
        "NET_SHARED_MFA_DEVICE",
        "NET_VPN_ASTRILL",
    ] {
        assert!(
            reads.iter().any(|&(rule, n)| rule == id && n > 0),
            "{id} reads the sign-ins: {reads:?}"
        );
    }
    let too_many: Vec<_> = reads.iter().filter(|(_, n)| *n > MOST_READS).collect();
    assert!(
        too_many.is_empty(),
        "rules reading the sign-in tables more than {MOST_READS} times: {too_many:?}"
    );
}
