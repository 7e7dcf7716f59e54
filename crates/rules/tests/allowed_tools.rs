//! `allowed_tools` rows that name a tool the remote-access catalogue does not know allow
//! nothing; the engine says so, naming the file and line, instead of failing silently.

use redflag_ingest::{load_dataset, LoadOptions};
use redflag_rules::{builtin_rules, RuleEngine};

#[tokio::test]
async fn a_misspelt_tool_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("people.csv"),
        "person_id,full_name,org,role\nP1,Tyler Grant,Acme,Engineer\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("allowed_tools.csv"),
        "org,tool,person_id,role,reason\n\
         Acme,TeamViewer,,,standard\n\
         Acme,Teamviewr,,,typo\n\
         Acme,*,P1,,everything for P1\n\
         ,anydesk,,,case does not matter\n",
    )
    .unwrap();
    let dataset = load_dataset(dir.path(), LoadOptions::default()).unwrap();
    let engine = RuleEngine::new(&dataset, builtin_rules().unwrap())
        .await
        .unwrap();
    let about_tools: Vec<&String> = engine
        .warnings()
        .iter()
        .filter(|w| w.contains("allowed_tools"))
        .collect();
    assert_eq!(about_tools.len(), 1, "{about_tools:?}");
    assert!(about_tools[0].starts_with("allowed_tools.csv:3: tool `Teamviewr`"));
    assert!(
        about_tools[0].contains("TeamViewer"),
        "lists the known families"
    );
}

#[tokio::test]
async fn an_unknown_person_in_the_allow_list_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("people.csv"),
        "person_id,full_name\nP1,Tyler Grant\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("allowed_tools.csv"),
        "tool,person_id\nAnyDesk,P9\n",
    )
    .unwrap();
    let err = load_dataset(dir.path(), LoadOptions::default()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("allowed_tools.csv:2"), "{text}");
    assert!(text.contains("person_id"), "{text}");
}
