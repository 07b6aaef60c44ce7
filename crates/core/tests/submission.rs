//! The server's re-check of a submitted case.

mod fixtures;

use onewindow_core::calendar::{parse_date, Calendar};
use onewindow_core::case::{DeadlineKind, EventKind, Recorder, Role};
use onewindow_core::checklist::checklist;
use onewindow_core::condition::Answers;
use onewindow_core::outcome::{front_desk_outcome, Marks, MaterialStatus};
use onewindow_core::submission::{
    check_submission, ApplicantInput, Channel, Claimed, Submission, SUBMISSION_VERSION,
};

fn calendar() -> Calendar {
    fixtures::official_calendar()
}

fn answers() -> Answers {
    Answers::new()
        .with("applicant_type", "company")
        .with("agent", false)
        .with("family_members", 1)
}

fn desk_submission() -> Submission {
    let catalog = fixtures::catalog();
    let item = catalog.item("T-001").unwrap();
    let mut marks: Marks = checklist(item, &answers())
        .entries
        .iter()
        .map(|e| (e.material.clone(), MaterialStatus::Original))
        .collect();
    marks.insert("in_person".into(), MaterialStatus::Satisfied);
    let outcome = front_desk_outcome(item, &answers(), &marks).unwrap();
    Submission {
        schema_version: SUBMISSION_VERSION,
        channel: Channel::Desk,
        item: "T-001".into(),
        answers: answers(),
        marks,
        applicant: ApplicantInput {
            name: " 某某餐饮有限公司 ".into(),
            id_number: "91350100m000100y43".into(),
            mobile: "+86 138 0013 8000".into(),
        },
        agent: None,
        submitted_at: chrono::NaiveDateTime::parse_from_str("2026-11-20 09:10", "%Y-%m-%d %H:%M")
            .unwrap(),
        actor: "王敏".into(),
        claimed: Claimed {
            outcome: Some(outcome),
            deadlines: vec![(DeadlineKind::Promised, parse_date("2026-12-04").unwrap())],
            outcomes: vec![],
        },
        guide_versions: Default::default(),
        delivery: None,
        via_terminal: false,
    }
}

/// The server receiving a case: its session's clerk, its clock.
fn received() -> Recorder {
    Recorder {
        actor: "王敏".into(),
        role: Role::Clerk,
        now: parse_date("2026-11-20")
            .unwrap()
            .and_hms_opt(9, 10, 0)
            .unwrap(),
    }
}

#[test]
fn a_desk_case_the_core_agrees_with_is_ready_to_store() {
    let checked = check_submission(
        &fixtures::catalog(),
        &calendar(),
        &desk_submission(),
        &received(),
    )
    .unwrap();
    assert_eq!(checked.applicant.name, "某某餐饮有限公司");
    assert_eq!(checked.applicant.id_number, "91350100M000100Y43");
    assert_eq!(checked.applicant.mobile, "13800138000");
    let kinds: Vec<&str> = checked.events.iter().map(|e| e.kind.name()).collect();
    assert_eq!(kinds, ["received", "accepted"]);
    assert_eq!(
        checked
            .deadlines
            .get(&DeadlineKind::Promised)
            .unwrap()
            .deadline
            .due,
        parse_date("2026-12-04").unwrap()
    );
}

#[test]
fn a_different_outcome_or_deadline_is_refused_naming_the_field() {
    let mut sub = desk_submission();
    sub.marks
        .insert("application_form".into(), MaterialStatus::Missing);
    sub.claimed.deadlines = vec![(DeadlineKind::Promised, parse_date("2026-12-03").unwrap())];
    let errors =
        check_submission(&fixtures::catalog(), &calendar(), &sub, &received()).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["claimed.outcome", "claimed.deadlines"]);
    assert_eq!(
        errors[1].problem,
        "页面显示的期限2026-12-03与服务器计算的无不一致，请刷新后重新提交"
    );
}

#[test]
fn every_problem_with_the_applicant_and_the_answers_is_reported_at_once() {
    let mut sub = desk_submission();
    sub.applicant = ApplicantInput {
        name: " ".into(),
        id_number: "11010519491231002".into(),
        mobile: "12345".into(),
    };
    sub.answers = Answers::new().with("agent", true);
    sub.marks.insert("no_such".into(), MaterialStatus::Original);
    let errors =
        check_submission(&fixtures::catalog(), &calendar(), &sub, &received()).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "applicant.name",
            "applicant.id_number",
            "applicant.mobile",
            "answers",
            "marks.licence",
            "marks.no_such",
            "claimed.outcome",
            "claimed.deadlines"
        ]
    );
    assert_eq!(
        errors[1].problem,
        "身份证号码应为18位，当前为17位，请检查是否漏输"
    );
    assert_eq!(
        errors[3].problem,
        "还有问题没有回答：applicant_type、agent_is_spouse、family_members"
    );
}

#[test]
fn a_pre_check_records_no_outcome_and_an_unknown_item_is_named() {
    let mut sub = desk_submission();
    sub.channel = Channel::PreCheck;
    sub.marks.clear();
    sub.claimed = Claimed::default();
    let checked = check_submission(&fixtures::catalog(), &calendar(), &sub, &received()).unwrap();
    assert_eq!(checked.outcome, None);
    assert!(matches!(checked.events[..], [ref e] if e.kind == EventKind::PreChecked));
    sub.item = "NO-SUCH".into();
    let errors =
        check_submission(&fixtures::catalog(), &calendar(), &sub, &received()).unwrap_err();
    assert_eq!(errors[0].field, "item");
}

#[test]
fn the_wire_format_round_trips() {
    let sub = desk_submission();
    let json = serde_json::to_string(&sub).unwrap();
    assert!(
        json.starts_with(
            r#"{"schema_version":1,"channel":"desk","item":"T-001","answers":{"agent":false"#
        ),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Submission>(&json).unwrap(), sub);
}

#[test]
fn acting_for_the_applicant_needs_a_valid_agent_and_the_rules_add_the_agents_papers() {
    let mut catalog = fixtures::catalog();
    for item in &mut catalog.items {
        for q in item.questions.iter_mut().filter(|q| q.id == "agent") {
            q.fact = Some(onewindow_core::catalog::Fact::ActingForApplicant);
        }
    }
    let item = catalog.item("T-001").unwrap();
    let acting = answers().with("agent", true).with("agent_is_spouse", false);
    // The rules, not code, put the agent's papers on the list.
    let names: Vec<String> = checklist(item, &acting)
        .entries
        .iter()
        .map(|e| e.material.clone())
        .collect();
    let without: Vec<String> = checklist(item, &answers())
        .entries
        .iter()
        .map(|e| e.material.clone())
        .collect();
    assert!(names.len() > without.len(), "{names:?} vs {without:?}");
    let mut sub = Submission {
        channel: Channel::PreCheck,
        marks: Marks::new(),
        claimed: Claimed::default(),
        answers: acting,
        ..desk_submission()
    };
    let fields = |sub: &Submission| -> Vec<String> {
        check_submission(&catalog, &calendar(), sub, &received())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    };
    assert_eq!(fields(&sub), ["agent"]);
    sub.agent = Some(ApplicantInput {
        name: "李四".into(),
        id_number: "11010519491231002".into(),
        mobile: "12345".into(),
    });
    assert_eq!(fields(&sub), ["agent.id_number", "agent.mobile"]);
    sub.agent = Some(ApplicantInput {
        name: " 李四 ".into(),
        id_number: "11010519491231002x".into(),
        mobile: "138 0013 8000".into(),
    });
    let checked = check_submission(&catalog, &calendar(), &sub, &received()).unwrap();
    let agent = checked.agent.unwrap();
    assert_eq!(
        (agent.name.as_str(), agent.id_number.as_str()),
        ("李四", "11010519491231002X")
    );
    // An agent while the answers say the applicant comes in person is refused.
    sub.answers = answers();
    assert_eq!(fields(&sub), ["agent"]);
}

/// Desk work done offline keeps the device's time beside the server's, from a week back at
/// most and never ahead; the case is dated by the server either way.
#[test]
fn the_device_time_of_offline_desk_work_is_kept_within_a_week_and_never_ahead() {
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let check = |submitted: &str| {
        let mut sub = desk_submission();
        sub.submitted_at = at(submitted);
        check_submission(&fixtures::catalog(), &calendar(), &sub, &received())
    };
    let two_days_ago = check("2026-11-18 16:00").unwrap();
    assert!(two_days_ago.events.iter().all(|e| e.at == received().now));
    assert_eq!(
        two_days_ago.events[0].device_at,
        Some(at("2026-11-18 16:00"))
    );
    let now = check("2026-11-20 09:08").unwrap();
    assert_eq!(
        now.events[0].device_at, None,
        "a device in step with the server adds nothing"
    );
    for refused in ["2026-11-12 09:00", "2026-11-20 10:30"] {
        let problems = check(refused).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.field == "submitted_at" && p.problem.contains("请核对本机时钟")),
            "{refused}: {problems:?}"
        );
    }
    // A pre-check's device time is not kept at all.
    let mut sub = desk_submission();
    sub.channel = Channel::PreCheck;
    sub.marks = Default::default();
    sub.claimed = Default::default();
    sub.submitted_at = at("2019-01-01 09:00");
    let checked = check_submission(&fixtures::catalog(), &calendar(), &sub, &received()).unwrap();
    assert_eq!(checked.events[0].device_at, None);
}

#[test]
fn the_delivery_chosen_when_applying_is_recorded_with_the_case() {
    use onewindow_core::catalog::DeliveryMethod;
    use onewindow_core::submission::DeliveryChoice;
    let mut sub = desk_submission();
    sub.delivery = Some(DeliveryChoice {
        method: DeliveryMethod::Post,
        address: Some(" 县城关镇人民路1号 张三收 ".into()),
    });
    let checked = check_submission(&fixtures::catalog(), &calendar(), &sub, &received()).unwrap();
    // Recorded after the receipt and before the outcome, whose notices belong to it.
    assert_eq!(
        checked.events.get(1).map(|e| &e.kind),
        Some(&EventKind::DeliveryChosen {
            method: DeliveryMethod::Post,
            address: Some("县城关镇人民路1号 张三收".into())
        })
    );
    // Post without an address is refused on the field.
    sub.delivery = Some(DeliveryChoice {
        method: DeliveryMethod::Post,
        address: Some("  ".into()),
    });
    let refused =
        check_submission(&fixtures::catalog(), &calendar(), &sub, &received()).unwrap_err();
    assert!(
        refused.iter().any(|f| f.field == "delivery.address"),
        "{refused:?}"
    );
}

#[test]
fn an_answer_that_does_not_fit_its_question_is_named() {
    use onewindow_core::catalog::{Question, QuestionKind};
    use onewindow_core::submission::answer_problem;
    let q = |kind| Question {
        id: "d".into(),
        text: "日期".into(),
        help: String::new(),
        kind,
        options: vec![],
        when: None,
        fact: None,
    };
    // Conditions compare dates as text: "2026-3-5" would sort after "2026-10-01".
    assert!(answer_problem(&q(QuestionKind::Date), &serde_json::json!("2026-3-5")).is_some());
    assert!(answer_problem(&q(QuestionKind::Date), &serde_json::json!("2026-02-30")).is_some());
    assert!(answer_problem(&q(QuestionKind::Date), &serde_json::json!("2026-03-05")).is_none());
    assert!(answer_problem(&q(QuestionKind::Number), &serde_json::json!(-1)).is_some());
    assert!(answer_problem(&q(QuestionKind::Number), &serde_json::json!(3)).is_none());
    assert!(answer_problem(&q(QuestionKind::YesNo), &serde_json::json!("yes")).is_some());
    assert!(answer_problem(&q(QuestionKind::Choice), &serde_json::json!("x")).is_some());
}
