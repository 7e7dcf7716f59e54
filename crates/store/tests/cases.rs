//! Cases follow the evidence: opened at the threshold, re-opened by new evidence after being
//! closed, noted while open; analysts' changes need reasons; history and audit are kept.

use redflag_model::{Category, Evidence, Level, PersonResult, PersonSummary, Report, Summary};
use redflag_store::testing::each_backend;
use redflag_store::{CaseChange, CaseStatus, StoreError};

fn evidence(indicator: &str, detail: &str, weight: f64) -> Evidence {
    Evidence {
        indicator: indicator.into(),
        title: indicator.into(),
        category: Category::Network,
        weight,
        detail: detail.into(),
        refs: vec!["signins.csv:2".into()],
        sources: vec![],
        related: vec![],
    }
}

fn person(id: &str, level: Level, score: u8, evidence: Vec<Evidence>) -> PersonResult {
    PersonResult {
        person: PersonSummary {
            person_id: id.into(),
            full_name: format!("Person {id}"),
            org: Some("Acme".into()),
            ..PersonSummary::default()
        },
        score,
        level,
        network: None,
        evidence,
    }
}

fn report(people: Vec<PersonResult>) -> Report {
    Report {
        redflag_version: "test".into(),
        dataset: "fixture".into(),
        generated_at: "2026-11-23T00:00:00Z".into(),
        people,
        networks: vec![],
        summary: Summary::default(),
    }
}

fn comment(text: &str) -> CaseChange {
    CaseChange {
        comment: Some(text.into()),
        ..CaseChange::default()
    }
}

#[test]
fn cases_open_at_the_threshold_and_follow_new_evidence() {
    each_backend("cases_open_at_the_threshold", |db| {
        let store = db.open();
        let vpn = evidence("NET_VPN_ASTRILL", "Astrill exits on 12 days", 20.0);
        let kvm = evidence("EP_IPKVM_DEVICE", "PiKVM composite device", 30.0);
        let first = report(vec![
            person("P1", Level::High, 62, vec![vpn.clone(), kvm.clone()]),
            person("P2", Level::Medium, 30, vec![vpn.clone()]),
            person("P3", Level::None, 0, vec![]),
        ]);
        let saved = store.save_report(&first, Level::High, "system").unwrap();
        assert_eq!((saved.people, saved.cases_opened), (3, 1));
        let people = store.people(Level::Medium, 10, 0).unwrap();
        assert_eq!(
            people
                .iter()
                .map(|p| p.person_id.as_str())
                .collect::<Vec<_>>(),
            ["P1", "P2"]
        );
        assert_eq!(store.person("P1").unwrap().unwrap().evidence.len(), 2);
        assert_eq!(store.full_name("P1").unwrap().as_deref(), Some("Person P1"));
        assert_eq!(store.full_name("P9").unwrap(), None);
        assert!(store.person("P9").unwrap().is_none());

        // The same evidence again changes nothing.
        let again = store.save_report(&first, Level::High, "system").unwrap();
        assert_eq!(
            (
                again.cases_opened,
                again.cases_updated,
                again.cases_reopened
            ),
            (0, 0, 0)
        );

        let case_id = store.case_of_person("P1").unwrap().unwrap();
        assert!(store.case_of_person("P2").unwrap().is_none());
        // A status change needs a reason; an empty change and an unknown case are refused.
        let no_reason = CaseChange {
            status: Some(CaseStatus::Cleared),
            ..CaseChange::default()
        };
        assert!(matches!(
            store.change_case(case_id, "key:1 (ana)", &no_reason),
            Err(StoreError::Invalid(_))
        ));
        assert!(matches!(
            store.change_case(case_id, "key:1 (ana)", &CaseChange::default()),
            Err(StoreError::Invalid(_))
        ));
        assert!(matches!(
            store.change_case(999, "key:1 (ana)", &comment("x")),
            Err(StoreError::NotFound(_))
        ));
        let cleared = store
            .change_case(
                case_id,
                "key:1 (ana)",
                &CaseChange {
                    status: Some(CaseStatus::Cleared),
                    assignee: Some("ana".into()),
                    reason: Some("travelling contractor, verified with HR".into()),
                    comment: Some("called the manager".into()),
                },
            )
            .unwrap();
        assert_eq!(cleared.status, CaseStatus::Cleared);
        assert_eq!(cleared.assignee.as_deref(), Some("ana"));

        // New evidence re-opens the cleared case; P2 reaching the threshold gets one.
        let mfa = evidence(
            "NET_SHARED_MFA_DEVICE",
            "one phone approves two accounts",
            25.0,
        );
        let second = report(vec![
            person(
                "P1",
                Level::Critical,
                85,
                vec![vpn.clone(), kvm, mfa.clone()],
            ),
            person("P2", Level::High, 55, vec![vpn, mfa]),
        ]);
        let saved = store.save_report(&second, Level::High, "system").unwrap();
        assert_eq!((saved.cases_opened, saved.cases_reopened), (1, 1));
        let (case, history) = store.case(case_id).unwrap().unwrap();
        assert_eq!(case.status, CaseStatus::Open);
        assert_eq!(case.level, Level::Critical);
        let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "opened",
                "status_changed",
                "assigned",
                "commented",
                "reopened"
            ]
        );
        assert_eq!(
            history[1].reason.as_deref(),
            Some("travelling contractor, verified with HR")
        );
        assert_eq!(history[4].actor, "system");
        assert_eq!(store.cases(Some(CaseStatus::Open), 10, 0).unwrap().len(), 2);
        assert_eq!(
            store.cases(Some(CaseStatus::Cleared), 10, 0).unwrap().len(),
            0
        );

        // While a case is open, new evidence is noted without changing its status.
        store
            .change_case(
                case_id,
                "key:1 (ana)",
                &CaseChange {
                    status: Some(CaseStatus::Investigating),
                    reason: Some("new MFA evidence".into()),
                    ..CaseChange::default()
                },
            )
            .unwrap();
        let third = report(vec![person("P1", Level::Critical, 90, vec![])]);
        let saved = store.save_report(&third, Level::High, "system").unwrap();
        assert_eq!(saved.cases_updated, 1);
        let (case, history) = store.case(case_id).unwrap().unwrap();
        assert_eq!(case.status, CaseStatus::Investigating);
        assert_eq!(history.last().unwrap().action, "evidence_updated");

        // Every case action and every save is in the audit log, newest first.
        let log = store.audit_log(50, None).unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "save_report",
                "change_case",
                "save_report",
                "change_case",
                "save_report",
                "save_report"
            ]
        );
    });
}

#[test]
fn a_store_survives_reopening() {
    each_backend("a_store_survives_reopening", |db| {
        {
            let store = db.open();
            let r = report(vec![person(
                "P1",
                Level::High,
                60,
                vec![evidence("NET_VPN_ASTRILL", "Astrill", 20.0)],
            )]);
            store.save_report(&r, Level::High, "system").unwrap();
        }
        let store = db.open();
        assert_eq!(store.people(Level::None, 10, 0).unwrap().len(), 1);
        assert_eq!(store.cases(None, 10, 0).unwrap().len(), 1);
        assert!(store.integrity_ok().unwrap());
    });
}
