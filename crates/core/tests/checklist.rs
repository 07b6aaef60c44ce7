//! The checklist and the front-desk outcome, as an applicant and a clerk meet them.

mod fixtures;

use fixtures::catalog;
use onewindow_core::checklist::{bundle_checklist, checklist, relevant_questions, Why};
use onewindow_core::condition::Answers;
use onewindow_core::notice::NoticeKind;
use onewindow_core::outcome::{front_desk_outcome, Marks, MaterialStatus, Outcome};
use proptest::prelude::*;
use serde_json::json;

fn company_by_spouse() -> Answers {
    Answers::new()
        .with("applicant_type", "company")
        .with("agent", true)
        .with("agent_is_spouse", true)
        .with("family_members", 2)
}

fn ids(list: &onewindow_core::checklist::Checklist) -> Vec<&str> {
    list.entries.iter().map(|e| e.material.as_str()).collect()
}

#[test]
fn follow_up_questions_appear_only_when_relevant() {
    let c = catalog();
    let item = c.item("T-001").unwrap();
    let asked = |a: &Answers| {
        relevant_questions(item, a)
            .into_iter()
            .map(|q| q.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        asked(&Answers::new()),
        ["applicant_type", "agent", "family_members"]
    );
    assert_eq!(
        asked(&Answers::new().with("agent", true)),
        [
            "applicant_type",
            "agent",
            "agent_is_spouse",
            "family_members"
        ]
    );
    let list = checklist(item, &Answers::new().with("agent", true));
    assert_eq!(
        list.pending,
        ["applicant_type", "agent_is_spouse", "family_members"]
    );
}

#[test]
fn the_checklist_follows_the_answers_and_says_why() {
    let c = catalog();
    let list = checklist(c.item("T-001").unwrap(), &company_by_spouse());
    assert!(list.pending.is_empty());
    assert_eq!(
        ids(&list),
        [
            "application_form",
            "articles",
            "licence",
            "power_of_attorney",
            "spouse_proof",
            "family_ids",
            "layout_plan",
            "safety_rules",
            "id_card",
            "in_person",
            "photos"
        ]
    );
    let line = |id: &str| list.entries.iter().find(|e| e.material == id).unwrap();
    assert_eq!(line("application_form").why, Why::Always);
    assert_eq!(
        line("power_of_attorney").why,
        Why::Answers {
            answers: vec![("agent".into(), json!(true))]
        }
    );
    assert_eq!(
        line("licence").legal_basis,
        "《食品经营许可和备案管理办法》第十三条"
    );
    assert_eq!(line("spouse_proof").alternatives.len(), 2);
    assert_eq!(
        (line("family_ids").count, line("family_ids").persons),
        (2, Some(2))
    );
    assert_eq!(
        list.handling_body, "市市场监督管理局",
        "routing by applicant type"
    );
}

#[test]
fn exemptions_say_why_and_nothing_outside_the_guide_is_asked() {
    let c = catalog();
    let item = c.item("T-001").unwrap();
    let a = Answers::new()
        .with("applicant_type", "individual_business")
        .with("agent", false)
        .with("family_members", 0);
    let list = checklist(item, &a);
    assert_eq!(list.exempted.len(), 1);
    assert_eq!(list.exempted[0].reason, "个体工商户不用提供");
    assert!(!ids(&list).contains(&"articles"));
    assert!(
        !ids(&list).contains(&"family_ids"),
        "no family members, no copies"
    );
    assert!(!ids(&list).contains(&"power_of_attorney"));
    assert_eq!(list.handling_body, "县市场监督管理局");
    // Every line is one of the item's own materials.
    assert!(list
        .entries
        .iter()
        .all(|e| item.materials.iter().any(|m| m.id == e.material)));
}

/// Marks every line with a status that satisfies it.
fn all_provided(list: &onewindow_core::checklist::Checklist) -> Marks {
    list.entries
        .iter()
        .map(|e| {
            let s = match e.kind {
                onewindow_core::catalog::MaterialKind::Requirement => MaterialStatus::Satisfied,
                _ => MaterialStatus::Original,
            };
            (e.material.clone(), s)
        })
        .collect()
}

#[test]
fn the_five_outcomes() {
    let c = catalog();
    let item = c.item("T-001").unwrap();
    let a = company_by_spouse();
    let mut marks = all_provided(&checklist(item, &a));
    marks.remove("photos");
    let outcome = front_desk_outcome(item, &a, &marks).unwrap();
    assert_eq!(
        outcome,
        Outcome::Accepted,
        "an optional material may be missing"
    );
    assert_eq!(outcome.notices(), [NoticeKind::Acceptance]);

    marks.insert("layout_plan".into(), MaterialStatus::Missing);
    let tolerated = front_desk_outcome(item, &a, &marks).unwrap();
    let Outcome::AcceptedWithTolerated { tolerated: gaps } = &tolerated else {
        panic!("{tolerated:?}")
    };
    assert_eq!(
        (gaps[0].material.as_str(), gaps[0].supply_days),
        ("layout_plan", 5)
    );
    assert_eq!(
        tolerated.notices(),
        [NoticeKind::Acceptance, NoticeKind::ToleranceCommitment]
    );

    marks.remove("application_form");
    marks.insert("id_card".into(), MaterialStatus::Copy);
    marks.insert(
        "licence".into(),
        MaterialStatus::Defective {
            reason: "营业执照已过有效期".into(),
        },
    );
    marks.insert("in_person".into(), MaterialStatus::Missing);
    let incomplete = front_desk_outcome(item, &a, &marks).unwrap();
    let Outcome::Incomplete { gaps, tolerable } = &incomplete else {
        panic!("{incomplete:?}")
    };
    let told: Vec<(&str, &str)> = gaps
        .iter()
        .map(|g| (g.name.as_str(), g.problem.as_str()))
        .collect();
    assert_eq!(
        told,
        [
            ("食品经营许可申请书", "未提交"),
            ("主体资格证明", "营业执照已过有效期"),
            ("法定代表人身份证", "须同时提交原件以供核验"),
            ("申请人本人到场", "未满足"),
        ],
        "every gap at once, each with its reason"
    );
    assert_eq!(gaps[0].bring, "食品经营许可申请书（原件1份）");
    assert_eq!(tolerable.len(), 1);
    assert_eq!(incomplete.notices(), [NoticeKind::OneTimeNotice]);

    let person = Answers::new()
        .with("applicant_type", "person")
        .with("agent", false)
        .with("family_members", 1);
    let refused = front_desk_outcome(item, &person, &Marks::new()).unwrap();
    assert_eq!(refused.notices(), [NoticeKind::Refusal]);
    let Outcome::NotAccepted { reasons } = refused else {
        panic!()
    };
    assert_eq!(
        reasons[0].reason,
        "自然人不能申请食品经营许可，请先办理个体工商户登记"
    );

    let second = c.item("T-002").unwrap();
    let a2 = Answers::new().with("agent", false);
    let received = front_desk_outcome(second, &a2, &all_provided(&checklist(second, &a2))).unwrap();
    assert_eq!(received, Outcome::ReceivedOnly);
    assert_eq!(received.notices(), [NoticeKind::Receipt]);
}

#[test]
fn relief_rules_apply_only_where_the_guide_allows_them() {
    let c = catalog();
    let item = c.item("T-001").unwrap();
    let a = company_by_spouse();
    let mut marks = all_provided(&checklist(item, &a));
    marks.insert("safety_rules".into(), MaterialStatus::Commitment);
    marks.insert("id_card".into(), MaterialStatus::ELicence);
    assert_eq!(
        front_desk_outcome(item, &a, &marks).unwrap(),
        Outcome::Accepted
    );
    marks.insert("application_form".into(), MaterialStatus::Commitment);
    marks.insert("articles".into(), MaterialStatus::ELicence);
    let Outcome::Incomplete { gaps, .. } = front_desk_outcome(item, &a, &marks).unwrap() else {
        panic!()
    };
    let problems: Vec<&str> = gaps.iter().map(|g| g.problem.as_str()).collect();
    assert_eq!(
        problems,
        [
            "本材料不适用告知承诺制，须提交材料",
            "本材料无法通过电子证照或共享数据获取，须提交材料"
        ]
    );
}

#[test]
fn the_desk_cannot_decide_before_the_questions_are_answered() {
    let c = catalog();
    let err = front_desk_outcome(
        c.item("T-001").unwrap(),
        &Answers::new().with("agent", true),
        &Marks::new(),
    )
    .unwrap_err();
    assert_eq!(
        err.questions,
        ["applicant_type", "agent_is_spouse", "family_members"]
    );
}

#[test]
fn a_bundle_asks_each_shared_material_and_question_once() {
    let c = catalog();
    let bundle = c.bundle("B-001").unwrap();
    let list = bundle_checklist(&c, bundle, &Answers::new().with("agent", true)).unwrap();
    assert_eq!(
        list.pending,
        ["applicant_type", "agent_is_spouse", "family_members"],
        "`agent` is asked once"
    );
    let shared: Vec<(&str, Vec<&str>)> = list
        .shared
        .iter()
        .map(|s| {
            (
                s.material.as_str(),
                s.covers.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        shared,
        [
            (
                "power_of_attorney",
                vec!["T-001/power_of_attorney", "T-002/power_of_attorney"]
            ),
            ("operator_id", vec!["T-001/id_card", "T-002/legal_rep_id"]),
        ]
    );
    for item in &list.items {
        assert!(item
            .entries
            .iter()
            .all(|e| !["power_of_attorney", "id_card", "legal_rep_id"]
                .contains(&e.material.as_str())));
    }
    // The shared ID line takes the strictest terms: T-002's copy has no e-licence relief.
    assert!(!list.shared[1].e_licence);
}

fn statuses() -> impl Strategy<Value = Option<MaterialStatus>> {
    prop_oneof![
        Just(None),
        Just(Some(MaterialStatus::Original)),
        Just(Some(MaterialStatus::Copy)),
        Just(Some(MaterialStatus::Electronic)),
        Just(Some(MaterialStatus::Commitment)),
        Just(Some(MaterialStatus::ELicence)),
        Just(Some(MaterialStatus::Satisfied)),
        Just(Some(MaterialStatus::Missing)),
        Just(Some(MaterialStatus::Defective {
            reason: "印章不清".into()
        })),
    ]
}

proptest! {
    #[test]
    fn the_incomplete_list_is_never_partial_and_one_more_paper_never_hurts(
        marks_in in proptest::collection::vec(statuses(), 11),
        upgrade in 0usize..11,
    ) {
        let c = catalog();
        let item = c.item("T-001").unwrap();
        let a = company_by_spouse();
        let list = checklist(item, &a);
        let mut marks = Marks::new();
        for (e, s) in list.entries.iter().zip(&marks_in) {
            if let Some(s) = s { marks.insert(e.material.clone(), s.clone()); }
        }
        let outcome = front_desk_outcome(item, &a, &marks).unwrap();
        // Never partial: every required line not fully provided is named, once.
        let good = all_provided(&list);
        let unmet: Vec<&str> = list.entries.iter()
            .filter(|e| e.requirement != onewindow_core::catalog::Requirement::Optional)
            .filter(|e| {
                let mut only = good.clone();
                match marks.get(&e.material) { Some(s) => { only.insert(e.material.clone(), s.clone()); } None => { only.remove(&e.material); } }
                front_desk_outcome(item, &a, &only).unwrap() != Outcome::Accepted
            })
            .map(|e| e.material.as_str())
            .collect();
        let named: Vec<&str> = match &outcome {
            Outcome::Incomplete { gaps, tolerable } => gaps.iter().map(|g| g.material.as_str()).chain(tolerable.iter().map(|g| g.material.as_str())).collect(),
            Outcome::AcceptedWithTolerated { tolerated } => tolerated.iter().map(|g| g.material.as_str()).collect(),
            _ => vec![],
        };
        let mut sorted_named = named.clone();
        sorted_named.sort();
        sorted_named.dedup();
        prop_assert_eq!(sorted_named.len(), named.len(), "no line named twice");
        let mut a1 = unmet.clone(); a1.sort();
        prop_assert_eq!(a1, sorted_named);
        // Providing one more material never makes the outcome worse.
        let e = &list.entries[upgrade];
        let mut better = marks.clone();
        better.insert(e.material.clone(), good[&e.material].clone());
        let after = front_desk_outcome(item, &a, &better).unwrap();
        prop_assert!(after.rank() >= outcome.rank(), "{:?} -> {:?}", outcome, after);
    }
}

#[test]
fn items_and_bundles_are_found_by_name_and_by_pinyin() {
    use onewindow_core::catalog::search::search;
    let c = catalog();
    let codes = |q: &str| {
        search(&c, q)
            .into_iter()
            .map(|h| h.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(codes("食品"), ["T-001"]);
    assert_eq!(codes("SPJY"), ["T-001"], "initials, in any case");
    assert_eq!(codes("shipin"), ["T-001"], "full pinyin");
    assert_eq!(
        codes("kcg"),
        ["B-001"],
        "initials inside the name: 我要开餐馆"
    );
    assert_eq!(codes("卫生"), ["T-002"]);
    assert!(codes("  ").is_empty());
    assert!(search(&c, "开餐馆")[0].bundle);
}

#[test]
fn a_pre_check_tells_the_likely_outcome_and_the_deadlines_if_accepted_today() {
    use onewindow_core::calendar::parse_date;
    use onewindow_core::case::DeadlineKind;
    use onewindow_core::precheck::precheck;
    let cal = fixtures::official_calendar();
    let c = catalog();
    let item = c.item("T-001").unwrap();
    let today = parse_date("2026-09-30").unwrap();
    let pending = precheck(item, &Answers::new(), &cal, &Default::default(), today).unwrap();
    assert_eq!(pending.likely, None);
    let done = precheck(item, &company_by_spouse(), &cal, &Default::default(), today).unwrap();
    assert_eq!(done.likely, Some(Outcome::Accepted));
    // 10 working days from the day before National Day 2026, Saturday 10-10 worked.
    assert!(
        done.deadlines
            .contains(&(DeadlineKind::Promised, parse_date("2026-10-20").unwrap())),
        "{:?}",
        done.deadlines
    );
    let person = Answers::new()
        .with("applicant_type", "person")
        .with("agent", false)
        .with("family_members", 1);
    let refused = precheck(item, &person, &cal, &Default::default(), today).unwrap();
    assert!(matches!(refused.likely, Some(Outcome::NotAccepted { .. })));
    assert!(refused.deadlines.is_empty());
}

#[test]
fn one_question_at_a_time_forward_and_back() {
    use onewindow_core::checklist::{next_question, previous_question};
    let c = catalog();
    let item = c.item("T-001").unwrap();
    let id = |q: Option<onewindow_core::catalog::Question>| q.map(|q| q.id);
    let no_agent = Answers::new().with("agent", false);
    assert_eq!(
        id(next_question(item, &Answers::new(), None)).as_deref(),
        Some("applicant_type")
    );
    assert_eq!(
        id(next_question(item, &no_agent, Some("agent"))).as_deref(),
        Some("family_members"),
        "the follow-up is skipped"
    );
    let agent = Answers::new().with("agent", true);
    assert_eq!(
        id(next_question(item, &agent, Some("agent"))).as_deref(),
        Some("agent_is_spouse")
    );
    assert_eq!(
        id(next_question(item, &agent, Some("family_members"))),
        None
    );
    assert_eq!(
        id(previous_question(item, &agent, "family_members")).as_deref(),
        Some("agent_is_spouse")
    );
    assert_eq!(
        id(previous_question(item, &no_agent, "family_members")).as_deref(),
        Some("agent")
    );
    assert_eq!(id(previous_question(item, &agent, "applicant_type")), None);
}

#[test]
fn an_answer_to_a_question_that_no_longer_applies_decides_nothing() {
    let c = catalog();
    let item = c.item("T-001").unwrap();
    // The applicant said an agent (the spouse) applies, then changed their mind.
    let changed = company_by_spouse().with("agent", false);
    let list = checklist(item, &changed);
    assert!(!ids(&list).contains(&"spouse_proof"), "{:?}", ids(&list));
    assert!(!ids(&list).contains(&"power_of_attorney"));
    assert!(list.pending.is_empty());
}

#[test]
fn materials_that_depend_on_unanswered_questions_are_listed_to_confirm() {
    let catalog = fixtures::catalog();
    let item = catalog.item("T-001").unwrap();
    let ids = |list: &onewindow_core::checklist::Checklist| {
        list.to_confirm
            .iter()
            .map(|t| (t.material.clone(), t.questions.clone()))
            .collect::<Vec<_>>()
    };
    // Only the applicant type is known: the agent's papers wait for that answer.
    let answers = Answers::new().with("applicant_type", "company");
    let list = checklist(item, &answers);
    assert_eq!(list.pending, ["agent", "family_members"]);
    assert_eq!(
        ids(&list),
        [("power_of_attorney".to_string(), vec!["agent".to_string()])]
    );
    assert!(list.entries.iter().any(|e| e.material == "licence"));
    // "Yes, an agent": the power of attorney is on the list; the spouse question is next.
    let list = checklist(item, &answers.clone().with("agent", true));
    assert!(list
        .entries
        .iter()
        .any(|e| e.material == "power_of_attorney"));
    assert_eq!(
        ids(&list),
        [(
            "spouse_proof".to_string(),
            vec!["agent_is_spouse".to_string()]
        )]
    );
    // Everything answered: nothing left to confirm.
    let done = answers.with("agent", false).with("family_members", 2);
    assert!(checklist(item, &done).to_confirm.is_empty());
}
