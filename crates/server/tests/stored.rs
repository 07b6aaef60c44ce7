//! The stored format of a case row's JSON columns is the project's own (version 1), not
//! whatever the core's serde form is today: rows written by earlier releases (the fixture
//! holds every event kind and every outcome as they were written) read back into the
//! same cases, and are written again byte for byte.

use chrono::{NaiveDate, NaiveDateTime};
use onewindow_core::case::evaluation::EvaluationStage;
use onewindow_core::case::{
    Event, EventKind, Handout, Handover, Role, Signature, ToleratedMaterial,
};
use onewindow_core::catalog::DeliveryMethod;
use onewindow_core::checklist::Refusal;
use onewindow_core::outcome::{Gap, Outcome, ToleratedGap};
use onewindow_server::stored;

const FIXTURE: &str = include_str!("fixtures/stored-v1.json");

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn every_event() -> Vec<Event> {
    let e = |t: &str, role: Role, kind: EventKind| Event {
        at: at(t),
        actor: "王敏".into(),
        role,
        note: String::new(),
        kind,
        device_at: None,
    };
    vec![
        e("2026-11-02 09:00", Role::Applicant, EventKind::PreChecked),
        e("2026-11-03 09:00", Role::Clerk, EventKind::Received),
        e(
            "2026-11-03 09:10",
            Role::Clerk,
            EventKind::Accepted {
                tolerated: vec![ToleratedMaterial {
                    material: "layout_plan".into(),
                    supply_days: 5,
                }],
            },
        ),
        e(
            "2026-11-03 09:20",
            Role::Reviewer,
            EventKind::NotAccepted {
                reasons: vec!["不属于本机关职权范围".into()],
            },
        ),
        e(
            "2026-11-04 09:00",
            Role::Reviewer,
            EventKind::CorrectionRequested {
                items: vec!["营业执照：已过有效期".into()],
            },
        ),
        e(
            "2026-11-05 09:00",
            Role::Clerk,
            EventKind::CorrectionReceived,
        ),
        e("2026-11-05 10:00", Role::Reviewer, EventKind::ReviewStarted),
        e(
            "2026-11-06 09:00",
            Role::Reviewer,
            EventKind::SpecialProcedureStarted {
                procedure: "现场勘验".into(),
                planned_end: NaiveDate::from_ymd_opt(2026, 11, 13).unwrap(),
            },
        ),
        e(
            "2026-11-13 09:00",
            Role::Reviewer,
            EventKind::SpecialProcedureEnded,
        ),
        e(
            "2026-11-16 09:00",
            Role::Supervisor,
            EventKind::Extended {
                reason: "需专家评审".into(),
                approver: "李主任".into(),
            },
        ),
        e(
            "2026-11-20 09:00",
            Role::Reviewer,
            EventKind::Decided {
                approved: false,
                reasons: vec!["现场核查不符合卫生要求".into()],
            },
        ),
        e(
            "2026-11-23 09:00",
            Role::Clerk,
            EventKind::Delivered {
                method: DeliveryMethod::Post,
                tracking: Some("SF1234567890".into()),
                handout: None,
                collected: vec![],
            },
        ),
        e(
            "2026-11-24 09:00",
            Role::Applicant,
            EventKind::Evaluated {
                stage: EvaluationStage::Handout,
                level: 4,
                comment: Some("办事快".into()),
                reasons: vec![],
            },
        ),
        e(
            "2026-11-24 10:00",
            Role::Clerk,
            EventKind::ToleratedSupplied {
                material: "layout_plan".into(),
            },
        ),
        e("2026-11-25 09:00", Role::Clerk, EventKind::Archived),
        Event {
            note: "第一批".into(),
            ..e(
                "2026-11-25 10:00",
                Role::Support,
                EventKind::HandedOver(Handover {
                    department: "县市场监督管理局".into(),
                    material: "申请材料一套".into(),
                    copies: 1,
                    from: "王敏".into(),
                    to: "李审批".into(),
                }),
            )
        },
    ]
}

fn every_outcome() -> Vec<Outcome> {
    let tolerated = ToleratedGap {
        material: "layout_plan".into(),
        name: "设备布局和工艺流程文件".into(),
        supply_days: 5,
    };
    vec![
        Outcome::Accepted,
        Outcome::AcceptedWithTolerated {
            tolerated: vec![tolerated.clone()],
        },
        Outcome::Incomplete {
            gaps: vec![Gap {
                material: "licence".into(),
                name: "营业执照".into(),
                problem: "已过有效期".into(),
                bring: "营业执照（复印件1份）".into(),
            }],
            tolerable: vec![tolerated],
        },
        Outcome::NotAccepted {
            reasons: vec![Refusal {
                reason: "仅销售预包装食品的，应当办理备案".into(),
                legal_basis: "《食品经营许可和备案管理办法》第二条".into(),
            }],
        },
        Outcome::ReceivedOnly,
    ]
}

fn fixture() -> (String, Vec<String>) {
    let v: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    let events = v["events"].as_str().unwrap().to_string();
    let outcomes = v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap().to_string())
        .collect();
    (events, outcomes)
}

/// A vault with a key of its own.
fn vault() -> onewindow_server::vault::Vault {
    onewindow_server::vault::Vault::load(onewindow_server::vault::KeySource::Text(
        onewindow_server::vault::new_key_text().unwrap(),
    ))
    .unwrap()
}

#[test]
fn rows_written_by_earlier_releases_read_back_into_the_same_cases() {
    let (events, outcomes) = fixture();
    // Written plain by earlier releases, read as they are.
    let read = stored::events(&vault(), &events, "2026-000001").unwrap();
    assert_eq!(read, every_event());
    for (text, expected) in outcomes.iter().zip(every_outcome()) {
        assert_eq!(
            stored::outcome(Some(text), "2026-000001").unwrap(),
            Some(expected)
        );
    }
}

#[test]
fn version_one_is_written_byte_for_byte_as_before() {
    let (events, outcomes) = fixture();
    assert_eq!(stored::events_plain(&every_event()).unwrap(), events);
    // Sealed as written now, and read back the same.
    let v = vault();
    let sealed = stored::events_text(&v, &every_event()).unwrap();
    assert!(
        sealed.starts_with("enc1:") && !sealed.contains("PreChecked"),
        "{sealed}"
    );
    assert_eq!(
        stored::events(&v, &sealed, "2026-000001").unwrap(),
        every_event()
    );
    for (text, outcome) in outcomes.iter().zip(every_outcome()) {
        assert_eq!(
            stored::outcome_text(Some(&outcome)).unwrap().as_deref(),
            Some(text.as_str())
        );
    }
}

#[test]
fn a_damaged_column_names_the_case_and_the_column() {
    let err = stored::events(&vault(), "[{\"at\":\"yesterday\"}]", "2026-000042").unwrap_err();
    let said = format!("{err:?}");
    assert!(said.contains("case 2026-000042: stored events"), "{said}");
}

/// Kinds and fields added within version 1 since the fixture was written: written and
/// read back whole (older rows simply never name them).
#[test]
fn events_added_within_version_one_read_back_whole() {
    let e = |t: &str, role: Role, kind: EventKind| Event {
        at: at(t),
        actor: "张审批".into(),
        role,
        note: String::new(),
        kind,
        device_at: None,
    };
    let events = vec![
        e(
            "2026-11-05 09:00",
            Role::Reviewer,
            EventKind::ReviewOpinion {
                points: vec!["经营布局平面图：未标明面积".into()],
            },
        ),
        e(
            "2026-11-05 09:10",
            Role::Support,
            EventKind::HandoverConfirmed { line: 0 },
        ),
        e(
            "2026-11-06 09:00",
            Role::Reviewer,
            EventKind::RefusalProposed {
                reasons: vec!["经营场所与住宅未有效隔离".into()],
                legal_basis: "《食品经营许可和备案管理办法》第十二条".into(),
            },
        ),
        e(
            "2026-11-06 10:00",
            Role::Lead,
            EventKind::RefusalReturned {
                reason: "请补充现场核查记录".into(),
            },
        ),
        e("2026-11-07 10:00", Role::Lead, EventKind::RefusalApproved),
        e(
            "2026-11-07 11:00",
            Role::Clerk,
            EventKind::DeliveryChosen {
                method: DeliveryMethod::Post,
                address: Some("县城关镇人民路1号".into()),
            },
        ),
        e(
            "2026-11-07 12:00",
            Role::Clerk,
            EventKind::OwnerChanged {
                to: "李娜".into(),
                reason: "王敏休假".into(),
            },
        ),
        e(
            "2026-11-08 10:00",
            Role::Clerk,
            EventKind::Delivered {
                method: DeliveryMethod::Window,
                tracking: None,
                handout: Some(Handout::Window {
                    collected_by: "李明".into(),
                    signature: Signature::Drawn {
                        path: "M10 10 L50 40".into(),
                    },
                }),
                collected: vec![],
            },
        ),
        e(
            "2026-11-08 10:20",
            Role::Applicant,
            EventKind::Evaluated {
                stage: EvaluationStage::Acceptance,
                level: 1,
                comment: None,
                reasons: vec!["多次跑腿".into()],
            },
        ),
        e(
            "2026-11-08 10:22",
            Role::Supervisor,
            EventKind::FollowUpNoted {
                stage: EvaluationStage::Acceptance,
                assigned_to: Some("张科长".into()),
                action: "已转部门核实".into(),
            },
        ),
        e(
            "2026-11-08 10:24",
            Role::Supervisor,
            EventKind::FollowUpNoted {
                stage: EvaluationStage::Acceptance,
                assigned_to: None,
                action: "已电话回访".into(),
            },
        ),
        e(
            "2026-11-08 10:25",
            Role::Supervisor,
            EventKind::FollowUpClosed {
                stage: EvaluationStage::Acceptance,
                result: "已整改".into(),
            },
        ),
        e(
            "2026-11-08 10:30",
            Role::Reviewer,
            EventKind::SlipPrepared {
                results: vec!["不予许可决定书 1份".into()],
                collect: vec!["营业执照：核对原件".into()],
            },
        ),
        e(
            "2026-11-08 11:00",
            Role::Clerk,
            EventKind::Delivered {
                method: DeliveryMethod::Locker,
                tracking: None,
                handout: Some(Handout::Locker {
                    slot: "A-12".into(),
                    pickup_code: "386214".into(),
                }),
                collected: vec![],
            },
        ),
        e(
            "2026-11-08 12:00",
            Role::Clerk,
            EventKind::Delivered {
                method: DeliveryMethod::Window,
                tracking: None,
                handout: Some(Handout::Window {
                    collected_by: "张三".into(),
                    signature: Signature::Declined {
                        reason: "右手受伤".into(),
                    },
                }),
                collected: vec!["营业执照：核对原件".into()],
            },
        ),
    ];
    let text = stored::events_plain(&events).unwrap();
    assert!(
        text.contains("\"refusal_proposed\"") && text.contains("\"pickup_code\""),
        "{text}"
    );
    let v = vault();
    assert_eq!(stored::events(&v, &text, "2026-000001").unwrap(), events);
    let sealed = stored::events_text(&v, &events).unwrap();
    assert_eq!(stored::events(&v, &sealed, "2026-000001").unwrap(), events);
}
