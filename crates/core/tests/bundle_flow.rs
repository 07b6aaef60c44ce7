//! A bundle asked as one questionnaire and re-checked as one case per item.

mod fixtures;

use onewindow_core::bundle_flow::{bundle_questionnaire, check_bundle_submission};
use onewindow_core::calendar::parse_date;
use onewindow_core::checklist::{bundle_checklist, next_question, relevant_questions};
use onewindow_core::condition::Answers;
use onewindow_core::submission::{
    ApplicantInput, Channel, Claimed, Submission, SUBMISSION_VERSION,
};

#[test]
fn a_bundles_questions_are_asked_once_each_in_the_items_order() {
    let c = fixtures::catalog();
    let q = bundle_questionnaire(&c, "B-001").unwrap();
    assert_eq!((q.code.as_str(), q.name.as_str()), ("B-001", "我要开餐馆"));
    let ids: Vec<&str> = q.questions.iter().map(|q| q.id.as_str()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "each question once: {ids:?}");
    assert!(q.materials.is_empty());
    // Walking the questionnaire answers exactly what the bundle's checklist waits for.
    let mut answers = Answers::new();
    let mut after: Option<String> = None;
    while let Some(next) = next_question(&q, &answers, after.as_deref()) {
        let value = match next.kind {
            onewindow_core::catalog::QuestionKind::YesNo => serde_json::json!(false),
            onewindow_core::catalog::QuestionKind::Choice => {
                serde_json::json!(next.options[0].value)
            }
            onewindow_core::catalog::QuestionKind::Number => serde_json::json!(1),
            onewindow_core::catalog::QuestionKind::Date => serde_json::json!("2026-11-20"),
        };
        answers = answers.with(&next.id, value);
        after = Some(next.id);
    }
    let list = bundle_checklist(&c, c.bundle("B-001").unwrap(), &answers).unwrap();
    assert!(list.pending.is_empty(), "{:?}", list.pending);
    assert_eq!(relevant_questions(&q, &answers).len(), answers.0.len());
    assert!(
        bundle_questionnaire(&c, "T-001").is_none(),
        "an item is not a bundle"
    );
}

#[test]
fn a_bundle_pre_check_becomes_one_checked_case_per_item_or_every_problem_named() {
    let c = fixtures::catalog();
    let q = bundle_questionnaire(&c, "B-001").unwrap();
    let mut answers = Answers::new();
    for question in &q.questions {
        let v = match question.kind {
            onewindow_core::catalog::QuestionKind::Choice => {
                serde_json::json!(question.options[0].value)
            }
            onewindow_core::catalog::QuestionKind::Number => serde_json::json!(1),
            _ => serde_json::json!(false),
        };
        answers = answers.with(&question.id, v);
    }
    let sub = Submission {
        schema_version: SUBMISSION_VERSION,
        channel: Channel::PreCheck,
        item: "B-001".into(),
        answers,
        marks: Default::default(),
        applicant: ApplicantInput {
            name: "某某餐饮有限公司".into(),
            id_number: "91350100M000100Y43".into(),
            mobile: "13800138000".into(),
        },
        agent: None,
        submitted_at: chrono::NaiveDateTime::parse_from_str("2026-11-20 09:10", "%Y-%m-%d %H:%M")
            .unwrap(),
        actor: "applicant".into(),
        claimed: Claimed::default(),
        guide_versions: Default::default(),
        delivery: None,
        via_terminal: false,
    };
    let today = parse_date("2026-11-20").unwrap();
    let cal = fixtures::official_calendar();
    let cases = check_bundle_submission(&c, &cal, &sub, &at(today)).unwrap();
    let codes: Vec<&str> = cases.iter().map(|(code, _)| code.as_str()).collect();
    assert_eq!(codes, ["T-001", "T-002"]);
    let bad = Submission {
        applicant: ApplicantInput {
            mobile: "123".into(),
            ..sub.applicant.clone()
        },
        ..sub.clone()
    };
    let problems = check_bundle_submission(&c, &cal, &bad, &at(today)).unwrap_err();
    assert!(
        problems.iter().all(|p| p.field == "applicant.mobile"),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 2, "named once per item: {problems:?}");
    // At the desk: one mark on a shared line serves every item it covers.
    use onewindow_core::bundle_flow::{bundle_mark_key, bundle_outcomes};
    use onewindow_core::outcome::{MaterialStatus, Outcome};
    let bundle = c.bundle("B-001").unwrap();
    let list = bundle_checklist(&c, bundle, &sub.answers).unwrap();
    let mut marks = onewindow_core::outcome::Marks::new();
    for e in &list.shared {
        marks.insert(bundle_mark_key(None, &e.material), MaterialStatus::Original);
    }
    for l in &list.items {
        for e in &l.entries {
            let s = if e.kind == onewindow_core::catalog::MaterialKind::Requirement {
                MaterialStatus::Satisfied
            } else {
                MaterialStatus::Original
            };
            marks.insert(bundle_mark_key(Some(&l.item), &e.material), s);
        }
    }
    let outcomes = bundle_outcomes(&c, bundle, &sub.answers, &marks).unwrap();
    // T-002 is received for the back office to decide (front_desk = "receive_only").
    assert_eq!(
        outcomes,
        [
            ("T-001".to_string(), Outcome::Accepted),
            ("T-002".to_string(), Outcome::ReceivedOnly)
        ]
    );
    let shared_id = list.shared[0].material.clone();
    marks.insert(shared_id, MaterialStatus::Missing);
    let outcomes = bundle_outcomes(&c, bundle, &sub.answers, &marks).unwrap();
    assert!(
        outcomes
            .iter()
            .all(|(_, o)| matches!(o, Outcome::Incomplete { .. })),
        "a missing shared paper is missing for every item: {outcomes:?}"
    );
    let desk = Submission {
        channel: Channel::Desk,
        actor: "王敏".into(),
        marks: marks.clone(),
        claimed: Claimed {
            outcomes: outcomes.clone(),
            ..Claimed::default()
        },
        ..sub.clone()
    };
    let cases = check_bundle_submission(&c, &cal, &desk, &at(today)).unwrap();
    assert!(cases
        .iter()
        .all(|(_, k)| matches!(k.outcome, Some(Outcome::Incomplete { .. }))));
    // A claimed outcome the core does not agree with is refused, naming the item.
    let wrong = Submission {
        claimed: Claimed {
            outcomes: outcomes
                .iter()
                .map(|(c, _)| (c.clone(), Outcome::Accepted))
                .collect(),
            ..Claimed::default()
        },
        ..desk
    };
    let problems = check_bundle_submission(&c, &cal, &wrong, &at(today)).unwrap_err();
    assert!(
        problems.iter().any(|p| p.field == "claimed.outcome"),
        "{problems:?}"
    );
}

/// The server receiving a case on `day` at 09:10, as the clerk 王敏.
fn at(day: chrono::NaiveDate) -> onewindow_core::case::Recorder {
    onewindow_core::case::Recorder {
        actor: "王敏".into(),
        role: onewindow_core::case::Role::Clerk,
        now: day.and_hms_opt(9, 10, 0).unwrap(),
    }
}
