//! The lifecycle and the deadlines, against the official 2026 calendar.

use super::*;
use crate::calendar::{parse_date, Calendar};
use crate::catalog::CaseKind;
use chrono::NaiveDate;
use evaluation::EvaluationStage;

fn cal() -> &'static Calendar {
    crate::test_support::official_calendar()
}

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

fn ev(at: &str, kind: EventKind) -> Event {
    Event {
        at: chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap(),
        actor: "王敏".into(),
        role: Role::Clerk,
        note: String::new(),
        kind,
        device_at: None,
    }
}

const COMMITTED: Limits = Limits {
    kind: CaseKind::Committed,
    promised_days: 10,
    statutory_days: 20,
    departments: Vec::new(),
};

fn check(events: &[Event], limits: Limits, today: &str) -> (CaseRecord, CaseDeadlines) {
    let rec = replay(events).unwrap_or_else(|e| panic!("{e}"));
    let dl = deadlines(&rec, &limits, cal(), d(today), &DeadlineSettings::default()).unwrap();
    (rec, dl)
}

fn due(dl: &CaseDeadlines, kind: DeadlineKind) -> (NaiveDate, DueStatus) {
    let found = dl
        .get(&kind)
        .unwrap_or_else(|| panic!("no {kind:?} deadline"));
    (found.deadline.due, found.status)
}

fn accepted() -> EventKind {
    EventKind::Accepted { tolerated: vec![] }
}

#[test]
fn a_committed_case_from_receipt_to_archive() {
    let events = [
        ev("2026-11-02 09:00", EventKind::Received),
        ev("2026-11-02 09:15", accepted()),
        ev("2026-11-02 10:00", EventKind::ReviewStarted),
        ev(
            "2026-11-04 09:00",
            EventKind::SpecialProcedureStarted {
                procedure: "现场勘验".into(),
                planned_end: d("2026-11-06"),
            },
        ),
        ev("2026-11-06 16:00", EventKind::SpecialProcedureEnded),
        ev(
            "2026-11-20 10:00",
            EventKind::Decided {
                approved: true,
                reasons: vec![],
            },
        ),
        ev(
            "2026-11-20 15:00",
            EventKind::Delivered {
                method: DeliveryMethod::Window,
                tracking: None,
                handout: None,
                collected: vec![],
            },
        ),
        ev(
            "2026-11-20 15:05",
            EventKind::Evaluated {
                stage: EvaluationStage::Handout,
                level: 5,
                comment: Some("满意".into()),
                reasons: vec![],
            },
        ),
        ev("2026-11-23 09:00", EventKind::Archived),
    ];
    let (rec, dl) = check(&events, COMMITTED, "2026-11-23");
    assert_eq!(rec.state, Some(CaseState::Archived));
    assert_eq!(
        due(&dl, DeadlineKind::NotifyGaps),
        (d("2026-11-09"), DueStatus::Met)
    );
    // 10 working days after Mon 11-02, with Wed–Fri 11-04..06 suspended: Thu 11-19.
    assert_eq!(
        due(&dl, DeadlineKind::Promised),
        (d("2026-11-19"), DueStatus::MetLate)
    );
    assert_eq!(
        dl.get(&DeadlineKind::Promised)
            .unwrap()
            .deadline
            .suspended_working_days,
        3
    );
    assert_eq!(
        due(&dl, DeadlineKind::Statutory),
        (d("2026-12-03"), DueStatus::Met)
    );
    assert_eq!(
        due(&dl, DeadlineKind::Archive),
        (d("2026-11-27"), DueStatus::Met)
    );
    assert_eq!(dl.warning(), None, "nothing is open on an archived case");
}

#[test]
fn an_impossible_step_is_refused_with_what_may_come_next() {
    let events = [
        ev("2026-11-02 09:00", EventKind::Received),
        ev(
            "2026-11-02 09:30",
            EventKind::Decided {
                approved: true,
                reasons: vec![],
            },
        ),
    ];
    let e = replay(&events).unwrap_err();
    assert_eq!(
        e.to_string(),
        "event 1 (decided) is not possible in state received; \
         possible next: accepted, not_accepted, correction_requested, delivery_chosen, owner_changed, review_opinion, evaluated, handed_over"
    );
    let closed = [
        ev("2026-11-02 09:00", EventKind::Received),
        ev(
            "2026-11-02 09:10",
            EventKind::NotAccepted {
                reasons: vec!["不属于本机关职权范围".into()],
            },
        ),
        ev("2026-11-03 09:00", EventKind::Archived),
        ev("2026-11-03 09:10", EventKind::Received),
    ];
    assert_eq!(
        replay(&closed).unwrap_err().to_string(),
        "event 3 (received) is not possible in state archived; the case is closed"
    );
}

#[test]
fn events_must_carry_what_the_law_requires() {
    let base = [
        ev("2026-11-02 09:00", EventKind::Received),
        ev("2026-11-02 09:10", accepted()),
    ];
    let with = |kind: EventKind| {
        let mut all = base.to_vec();
        all.push(ev("2026-11-03 09:00", kind));
        replay(&all).unwrap_err().to_string()
    };
    assert_eq!(
        with(EventKind::Extended {
            reason: "需要补充调查".into(),
            approver: " ".into()
        }),
        "event 2 (extended): an extension needs a recorded reason and the approver's name"
    );
    assert_eq!(
        with(EventKind::Decided {
            approved: false,
            reasons: vec![]
        }),
        "event 2 (decided): a denial must give its reasons"
    );
    assert_eq!(
        with(EventKind::CorrectionRequested { items: vec![] }),
        "event 2 (correction_requested): a correction request must list every missing or defective material"
    );
    let posted = [
        base[0].clone(),
        base[1].clone(),
        ev(
            "2026-11-03 09:00",
            EventKind::Decided {
                approved: true,
                reasons: vec![],
            },
        ),
        ev(
            "2026-11-03 10:00",
            EventKind::Delivered {
                method: DeliveryMethod::Post,
                tracking: None,
                handout: None,
                collected: vec![],
            },
        ),
    ];
    assert_eq!(
        replay(&posted).unwrap_err().to_string(),
        "event 3 (delivered): a posted result needs its tracking number"
    );
    let out_of_order = [
        ev("2026-11-02 09:00", EventKind::Received),
        ev("2026-11-01 09:00", accepted()),
    ];
    assert!(replay(&out_of_order)
        .unwrap_err()
        .to_string()
        .contains("before the previous event"));
}

#[test]
fn an_application_not_told_of_its_gaps_in_five_working_days_counts_as_accepted() {
    let events = [ev("2026-11-02 09:00", EventKind::Received)];
    // Day 5 (Mon 11-09) is the last day: due soon, not yet deemed accepted.
    let (_, dl) = check(&events, COMMITTED, "2026-11-09");
    assert_eq!(
        due(&dl, DeadlineKind::NotifyGaps),
        (d("2026-11-09"), DueStatus::DueSoon)
    );
    assert_eq!(dl.deemed_accepted_from, None);
    assert_eq!(dl.warning(), Some(DueStatus::DueSoon));
    // Two days before it is on time.
    let (_, dl) = check(&events, COMMITTED, "2026-11-05");
    assert_eq!(dl.warning(), Some(DueStatus::OnTime));
    // The day after: overdue, and the case counts as accepted from the day of receipt.
    let (_, dl) = check(&events, COMMITTED, "2026-11-10");
    assert_eq!(
        due(&dl, DeadlineKind::NotifyGaps),
        (d("2026-11-09"), DueStatus::Overdue)
    );
    assert_eq!(dl.deemed_accepted_from, Some(d("2026-11-02")));
    assert_eq!(
        due(&dl, DeadlineKind::Promised),
        (d("2026-11-16"), DueStatus::OnTime)
    );
    assert_eq!(dl.warning(), Some(DueStatus::Overdue));
}

#[test]
fn tolerated_materials_are_due_by_their_own_date_but_never_after_the_promised_one() {
    let events = [
        ev("2026-09-18 09:00", EventKind::Received),
        ev(
            "2026-09-18 09:20",
            EventKind::Accepted {
                tolerated: vec![
                    ToleratedMaterial {
                        material: "layout_plan".into(),
                        supply_days: 3,
                    },
                    ToleratedMaterial {
                        material: "safety_rules".into(),
                        supply_days: 15,
                    },
                ],
            },
        ),
        ev(
            "2026-09-21 11:00",
            EventKind::ToleratedSupplied {
                material: "layout_plan".into(),
            },
        ),
    ];
    let (_, dl) = check(&events, COMMITTED, "2026-09-22");
    // Promised: 10 working days over Mid-Autumn and National Day, with Sun 09-20 worked.
    assert_eq!(
        due(&dl, DeadlineKind::Promised),
        (d("2026-10-09"), DueStatus::OnTime)
    );
    let layout = DeadlineKind::Supply {
        material: "layout_plan".into(),
        capped: false,
    };
    assert_eq!(due(&dl, layout), (d("2026-09-22"), DueStatus::Met));
    let rules = DeadlineKind::Supply {
        material: "safety_rules".into(),
        capped: true,
    };
    assert_eq!(due(&dl, rules), (d("2026-10-09"), DueStatus::OnTime));
    // A material that was not tolerated cannot be "supplied".
    let mut more = events.to_vec();
    more.push(ev(
        "2026-09-22 09:00",
        EventKind::ToleratedSupplied {
            material: "id_card".into(),
        },
    ));
    assert!(replay(&more).is_err());
}

#[test]
fn an_extension_adds_ten_working_days_fifteen_for_joint_cases_and_only_once() {
    let extended = [
        ev("2026-11-02 09:00", EventKind::Received),
        ev("2026-11-02 09:10", accepted()),
        ev(
            "2026-11-20 09:00",
            EventKind::Extended {
                reason: "需要补充现场核查".into(),
                approver: "李主任".into(),
            },
        ),
    ];
    let (_, dl) = check(&extended, COMMITTED, "2026-11-20");
    // 20 + 10 working days after Mon 11-02.
    assert_eq!(due(&dl, DeadlineKind::Statutory).0, d("2026-12-14"));
    assert_eq!(due(&dl, DeadlineKind::Promised).0, d("2026-11-30"));
    let joint = Limits {
        kind: CaseKind::Joint,
        promised_days: 15,
        statutory_days: 20,
        departments: Vec::new(),
    };
    let (_, dl) = check(&extended, joint, "2026-11-20");
    assert_eq!(dl.get(&DeadlineKind::Statutory).unwrap().deadline.days, 35);
    assert_eq!(due(&dl, DeadlineKind::Statutory).0, d("2026-12-21"));
    // A deadline that runs into the year after the last published schedule is counted
    // provisionally (weekends and 元旦 off) and says so; the published days stay exact.
    let long = Limits {
        kind: CaseKind::Joint,
        promised_days: 30,
        statutory_days: 45,
        departments: Vec::new(),
    };
    let rec = replay(&extended).unwrap();
    let dl = deadlines(
        &rec,
        &long,
        cal(),
        d("2026-11-20"),
        &DeadlineSettings::default(),
    )
    .unwrap();
    let statutory = &dl.get(&DeadlineKind::Statutory).unwrap().deadline;
    // Accepted Mon 2026-11-02; 45 + 15 = 60 working days: 43 left in 2026 (20 in November,
    // 23 in December), then 17 from Mon 01-04 (Fri 01-01 is 元旦): Tue 2027-01-26.
    assert_eq!(statutory.due, d("2027-01-26"));
    assert!(statutory.provisional);
    assert!(
        !dl.get(&DeadlineKind::NotifyGaps)
            .unwrap()
            .deadline
            .provisional
    );
    let mut twice = extended.to_vec();
    twice.push(ev(
        "2026-11-25 09:00",
        EventKind::Extended {
            reason: "再次".into(),
            approver: "李主任".into(),
        },
    ));
    assert!(replay(&twice)
        .unwrap_err()
        .to_string()
        .starts_with("event 3 (extended) is not possible"));
}

#[test]
fn an_immediate_case_is_due_the_same_day() {
    let limits = Limits {
        kind: CaseKind::Immediate,
        promised_days: 0,
        statutory_days: 15,
        departments: Vec::new(),
    };
    let events = [
        ev("2026-11-20 09:00", EventKind::Received),
        ev("2026-11-20 09:05", accepted()),
        ev(
            "2026-11-20 09:30",
            EventKind::Decided {
                approved: true,
                reasons: vec![],
            },
        ),
    ];
    let (rec, dl) = check(&events, limits, "2026-11-20");
    assert_eq!(rec.state, Some(CaseState::Decided { approved: true }));
    assert_eq!(
        due(&dl, DeadlineKind::Promised),
        (d("2026-11-20"), DueStatus::Met)
    );
    assert_eq!(
        due(&dl, DeadlineKind::Archive),
        (d("2026-11-27"), DueStatus::OnTime)
    );
}

#[test]
fn waiting_for_a_correction_after_acceptance_does_not_count() {
    let events = [
        ev("2026-11-02 09:00", EventKind::Received),
        ev("2026-11-02 09:10", accepted()),
        ev(
            "2026-11-03 10:00",
            EventKind::CorrectionRequested {
                items: vec!["补充消防验收意见".into()],
            },
        ),
        ev("2026-11-05 15:00", EventKind::CorrectionReceived),
    ];
    let (rec, dl) = check(&events, COMMITTED, "2026-11-06");
    assert_eq!(rec.state, Some(CaseState::UnderReview));
    let promised = dl.get(&DeadlineKind::Promised).unwrap();
    assert_eq!(promised.deadline.suspended_working_days, 3);
    assert_eq!(promised.deadline.due, d("2026-11-19"));
}

#[test]
fn a_running_special_procedure_is_assumed_to_last_until_its_planned_end() {
    let events = [
        ev("2026-11-02 09:00", EventKind::Received),
        ev("2026-11-02 09:10", accepted()),
        ev(
            "2026-11-04 09:00",
            EventKind::SpecialProcedureStarted {
                procedure: "专家评审".into(),
                planned_end: d("2026-11-10"),
            },
        ),
    ];
    let (rec, dl) = check(&events, COMMITTED, "2026-11-05");
    assert_eq!(rec.state, Some(CaseState::SpecialProcedure));
    assert_eq!(rec.suspensions[0].planned_end, Some(d("2026-11-10")));
    // 11-04..11-10 is 5 working days not counted.
    assert_eq!(
        dl.get(&DeadlineKind::Promised)
            .unwrap()
            .deadline
            .suspended_working_days,
        5
    );
}

#[test]
fn hand_overs_fill_the_ledger_without_moving_the_case() {
    let events = [
        ev("2026-11-02 09:00", EventKind::Received),
        ev(
            "2026-11-02 09:20",
            EventKind::HandedOver(Handover {
                department: "县市场监督管理局".into(),
                material: "申请材料（纸质）".into(),
                copies: 5,
                from: "王敏（前台）".into(),
                to: "张强（后台）".into(),
            }),
        ),
    ];
    let (rec, _) = check(&events, COMMITTED, "2026-11-02");
    assert_eq!(rec.state, Some(CaseState::Received));
    assert_eq!(rec.ledger.len(), 1);
    assert_eq!(rec.ledger[0].1.copies, 5);
}

#[test]
fn events_travel_as_tagged_json() {
    let e = ev(
        "2026-11-02 09:00",
        EventKind::Evaluated {
            stage: EvaluationStage::Handout,
            level: 4,
            comment: None,
            reasons: vec![],
        },
    );
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(
        json,
        r#"{"at":"2026-11-02T09:00:00","actor":"王敏","role":"clerk","note":"","kind":{"type":"evaluated","stage":"handout","level":4,"comment":null}}"#
    );
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), e);
}

#[test]
fn the_desk_watches_the_nearest_open_deadline_in_working_days() {
    let events = [
        ev("2026-11-02 09:00", EventKind::Received),
        ev("2026-11-02 09:15", accepted()),
    ];
    let limits = Limits {
        kind: CaseKind::Committed,
        promised_days: 10,
        statutory_days: 20,
        departments: Vec::new(),
    };
    // Accepted on Monday 2 November: the Art. 32 notice is met, so the promised deadline
    // (10 working days) is the one to watch.
    let (_, dl) = check(&events, limits.clone(), "2026-11-09");
    let next = dl.nearest_open().unwrap();
    assert_eq!(next.kind, DeadlineKind::Promised);
    assert_eq!(next.deadline.due, d("2026-11-16"));
    assert_eq!(dl.working_days_left(cal(), d("2026-11-09")), Some(5));
    // Past it, the days are counted as overdue.
    let (_, late) = check(&events, limits, "2026-11-18");
    assert_eq!(late.nearest_open().unwrap().kind, DeadlineKind::Promised);
    assert_eq!(late.working_days_left(cal(), d("2026-11-18")), Some(-2));
}

mod steps_and_recording {
    use super::*;

    /// Records a step on the repository's calendar with the default settings.
    fn record(
        events: &[Event],
        item: Option<&crate::ServiceItem>,
        request: &StepRequest,
        by: &Recorder,
    ) -> Result<Recorded, StepRefused> {
        record_step(
            events,
            item,
            request,
            by,
            cal(),
            &DeadlineSettings::default(),
        )
    }
    use crate::diagnostic::FieldError;

    fn accepted_with_tolerated() -> Vec<Event> {
        vec![
            ev("2026-11-20 09:00", EventKind::Received),
            ev(
                "2026-11-20 09:10",
                EventKind::Accepted {
                    tolerated: vec![ToleratedMaterial {
                        material: "layout_plan".into(),
                        supply_days: 5,
                    }],
                },
            ),
        ]
    }

    fn clerk(now: &str) -> Recorder {
        Recorder {
            actor: "王敏".into(),
            role: Role::Clerk,
            now: chrono::NaiveDateTime::parse_from_str(now, "%Y-%m-%d %H:%M").unwrap(),
        }
    }

    fn request(step: EventType, fields: &[(FieldName, &str)]) -> StepRequest {
        StepRequest {
            step,
            fields: fields.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            note: String::new(),
        }
    }

    #[test]
    fn every_event_type_is_listed_once_and_names_its_events() {
        let rec = replay(&accepted_with_tolerated()).unwrap();
        for (i, t) in EventType::ALL.iter().enumerate() {
            assert_eq!(EventType::ALL.iter().position(|u| u == t), Some(i));
            assert_eq!(t.probe_for_tests(&rec).event_type(), *t);
        }
    }

    #[test]
    fn an_open_tolerated_material_can_be_supplied_and_then_no_longer() {
        let events = accepted_with_tolerated();
        let rec = replay(&events).unwrap();
        let forms = step_forms(&rec, None);
        let supply = forms
            .iter()
            .find(|f| f.step == EventType::ToleratedSupplied)
            .expect("the desk is offered to record the supplied material");
        assert_eq!(
            supply.fields[0].input,
            FieldInput::Choice(vec![Choice::Material {
                id: "layout_plan".into(),
                name: "layout_plan".into()
            }])
        );
        let done = record(
            &events,
            None,
            &request(
                EventType::ToleratedSupplied,
                &[(FieldName::Material, "layout_plan")],
            ),
            &clerk("2026-11-23 10:00"),
        )
        .unwrap();
        assert!(!step_forms(&done.record, None)
            .iter()
            .any(|f| f.step == EventType::ToleratedSupplied));
    }

    #[test]
    fn results_wait_for_the_tolerated_papers_which_may_still_come_after_the_decision() {
        let mut events = accepted_with_tolerated();
        let decided = record(
            &events,
            None,
            &request(EventType::Decided, &[(FieldName::Decision, "approved")]),
            &clerk("2026-11-24 10:00"),
        )
        .unwrap();
        events = decided.events;
        let forms = step_forms(&decided.record, None);
        assert!(!forms.iter().any(|f| f.step == EventType::Delivered));
        assert!(forms.iter().any(|f| f.step == EventType::ToleratedSupplied));
        let refused = record(
            &events,
            None,
            &request(EventType::Delivered, &[(FieldName::Method, "window")]),
            &clerk("2026-11-24 11:00"),
        )
        .unwrap_err();
        assert!(
            refused.to_string().contains("outstanding: layout_plan"),
            "{refused}"
        );
        let supplied = record(
            &events,
            None,
            &request(
                EventType::ToleratedSupplied,
                &[(FieldName::Material, "layout_plan")],
            ),
            &clerk("2026-11-25 09:00"),
        )
        .unwrap();
        assert!(step_forms(&supplied.record, None)
            .iter()
            .any(|f| f.step == EventType::Delivered));
    }

    #[test]
    fn the_hand_over_slip_lists_what_the_window_collects_and_the_hand_out_waits_for_each_paper() {
        let mut events = accepted_with_tolerated();
        events.push(ev(
            "2026-11-23 09:00",
            EventKind::ToleratedSupplied {
                material: "layout_plan".into(),
            },
        ));
        let decided = record(
            &events,
            None,
            &request(EventType::Decided, &[(FieldName::Decision, "approved")]),
            &clerk("2026-11-24 10:00"),
        )
        .unwrap();
        // The reviewer hands the licence to the window with the slip (交接单), which is
        // printed: it asks the window to check one original and collect one copy.
        let reviewer = Recorder {
            actor: "张审批".into(),
            role: Role::Reviewer,
            now: chrono::NaiveDateTime::parse_from_str("2026-11-24 11:00", "%Y-%m-%d %H:%M")
                .unwrap(),
        };
        let slip = record(
            &decided.events,
            None,
            &request(
                EventType::SlipPrepared,
                &[
                    (FieldName::Results, "食品经营许可证 正本1份、副本1份"),
                    (
                        FieldName::Collect,
                        "营业执照：核对原件\n设备布局图：收取原件1份",
                    ),
                ],
            ),
            &reviewer,
        )
        .unwrap();
        assert_eq!(slip.notices, vec![crate::notice::NoticeKind::HandoverSlip]);
        assert_eq!(slip.record.slip.as_ref().unwrap().collect.len(), 2);
        // The hand-out form asks for both papers, ticked; one ticked is not enough, and the
        // error names the other.
        let form = step_forms(&slip.record, None)
            .into_iter()
            .find(|f| f.step == EventType::Delivered)
            .unwrap();
        let ticks = form
            .fields
            .iter()
            .find(|f| f.name == FieldName::Collected)
            .unwrap();
        assert!(ticks.required);
        assert_eq!(
            ticks.input,
            FieldInput::Checklist(vec![
                "营业执照：核对原件".into(),
                "设备布局图：收取原件1份".into()
            ])
        );
        let hand_out = |ticked: &str| {
            record(
                &slip.events,
                None,
                &request(
                    EventType::Delivered,
                    &[
                        (FieldName::Method, "window"),
                        (FieldName::CollectedBy, "张三"),
                        (FieldName::Signature, "M10 10 L50 40"),
                        (FieldName::Collected, ticked),
                    ],
                ),
                &clerk("2026-11-25 09:00"),
            )
        };
        let refused = hand_out("营业执照：核对原件").unwrap_err();
        let errors = refused.field_errors();
        assert_eq!(errors[0].field, "collected");
        assert!(errors[0].problem.contains("设备布局图"), "{errors:?}");
        let done = hand_out("营业执照：核对原件\n设备布局图：收取原件1份").unwrap();
        assert!(matches!(
            &done.events.last().unwrap().kind,
            EventKind::Delivered { collected, .. } if collected.len() == 2
        ));
        // A stored history that skips a paper does not replay either.
        let mut forged = slip.events.clone();
        forged.push(ev(
            "2026-11-25 09:00",
            EventKind::Delivered {
                method: DeliveryMethod::Window,
                tracking: None,
                handout: None,
                collected: vec!["营业执照：核对原件".into()],
            },
        ));
        let err = replay(&forged).unwrap_err().to_string();
        assert!(err.contains("设备布局图"), "{err}");
    }

    #[test]
    fn a_refusal_is_filed_by_the_reviewer_and_decided_only_when_the_lead_approves_it() {
        let events = accepted_with_tolerated();
        let filed = record(
            &events,
            None,
            &request(
                EventType::RefusalProposed,
                &[
                    (
                        FieldName::DenialReasons,
                        "经营场所与住宅未有效隔离\n未配备专职食品安全管理人员",
                    ),
                    (
                        FieldName::LegalBasis,
                        "《食品经营许可和备案管理办法》第十二条",
                    ),
                ],
            ),
            &clerk("2026-11-24 10:00"),
        )
        .unwrap();
        assert_eq!(filed.record.state, Some(CaseState::RefusalPending));
        assert!(
            filed.notices.is_empty(),
            "nothing goes to the applicant yet"
        );
        let next: Vec<EventType> = step_forms(&filed.record, None)
            .iter()
            .map(|f| f.step)
            .collect();
        assert!(
            next.contains(&EventType::RefusalApproved)
                && next.contains(&EventType::RefusalReturned)
        );
        assert!(!next.contains(&EventType::Decided));

        // Returned: the review goes on, the filed refusal is gone.
        let returned = record(
            &filed.events,
            None,
            &request(
                EventType::RefusalReturned,
                &[(FieldName::ReturnReason, "请补充现场核查记录")],
            ),
            &clerk("2026-11-24 11:00"),
        )
        .unwrap();
        assert_eq!(returned.record.state, Some(CaseState::UnderReview));
        assert_eq!(returned.record.refusal, None);

        // Approved: denied, with the decision notice, the reasons kept for it.
        let approved = record(
            &filed.events,
            None,
            &request(EventType::RefusalApproved, &[]),
            &clerk("2026-11-24 11:00"),
        )
        .unwrap();
        assert_eq!(
            approved.record.state,
            Some(CaseState::Decided { approved: false })
        );
        assert_eq!(
            approved.notices,
            vec![crate::notice::NoticeKind::Completion]
        );
        let refusal = approved.record.refusal.unwrap();
        assert_eq!(refusal.reasons.len(), 2);
        assert_eq!(
            refusal.legal_basis,
            "《食品经营许可和备案管理办法》第十二条"
        );
    }

    #[test]
    fn every_reviewers_points_and_the_outstanding_tolerated_papers_go_into_one_correction() {
        let events = accepted_with_tolerated();
        let step = |events: &[Event], t, fields: &[(FieldName, &str)], who: &str| {
            let by = Recorder {
                actor: who.into(),
                ..clerk("2026-11-24 10:00")
            };
            record(events, None, &request(t, fields), &by).unwrap()
        };
        let a = step(&events, EventType::ReviewStarted, &[], "张审批");
        let b = step(
            &a.events,
            EventType::ReviewOpinion,
            &[(FieldName::ReviewPoints, "经营布局平面图：未标明面积")],
            "张审批",
        );
        let c = step(
            &b.events,
            EventType::ReviewOpinion,
            &[(
                FieldName::ReviewPoints,
                "经营布局平面图：未标明面积\n健康证明：已过期",
            )],
            "孙局长",
        );
        let form = step_forms(&c.record, None)
            .into_iter()
            .find(|f| f.step == EventType::CorrectionRequested)
            .unwrap();
        assert!(!form.fields[0].required, "nothing more need be typed");
        let d = step(&c.events, EventType::CorrectionRequested, &[], "张审批");
        let EventKind::CorrectionRequested { items } = &d.events.last().unwrap().kind else {
            panic!("not a correction request");
        };
        assert_eq!(
            items,
            &[
                "经营布局平面图：未标明面积",
                "健康证明：已过期",
                "layout_plan：容缺受理，尚未补齐"
            ]
        );
        assert_eq!(d.notices, vec![crate::notice::NoticeKind::Correction]);
        // Told once: the next request starts empty again (but for the tolerated paper).
        assert!(d.record.opinions.is_empty());
        assert_eq!(pending_corrections(&d.record, None).len(), 1);
    }

    #[test]
    fn the_receiver_confirms_each_hand_over_line_once() {
        let events = accepted_with_tolerated();
        let handed = record(
            &events,
            None,
            &request(
                EventType::HandedOver,
                &[
                    (FieldName::Department, "县市场监督管理局"),
                    (FieldName::HandoverMaterial, "申请材料一套"),
                    (FieldName::Copies, "1"),
                    (FieldName::Receiver, "赵中台"),
                ],
            ),
            &clerk("2026-11-23 10:00"),
        )
        .unwrap();
        assert_eq!(unconfirmed_lines(&handed.record), vec![0]);
        // Not by the one who handed it over.
        let own: StepInput = [(FieldName::LedgerLine, "0".to_string())].into();
        let giver = &handed.record.ledger[0].1.from;
        assert_eq!(
            build_event(
                EventType::HandoverConfirmed,
                &own,
                &handed.record,
                None,
                giver
            )
            .unwrap_err()[0]
                .problem,
            "移交人不能确认自己移交的材料，请由接收人确认"
        );
        let confirmed = record(
            &handed.events,
            None,
            &request(
                EventType::HandoverConfirmed,
                &[(FieldName::LedgerLine, "0")],
            ),
            &Recorder {
                actor: "赵中台".into(),
                ..clerk("2026-11-23 10:20")
            },
        )
        .unwrap();
        assert_eq!(confirmed.record.confirmed.len(), 1);
        assert!(unconfirmed_lines(&confirmed.record).is_empty());
        assert!(!step_forms(&confirmed.record, None)
            .iter()
            .any(|f| f.step == EventType::HandoverConfirmed));
        assert_eq!(confirmed.record.state, handed.record.state);
    }

    #[test]
    fn each_way_of_handing_out_records_what_it_needs() {
        let mut events = accepted_with_tolerated();
        for (t, fields, at) in [
            (
                EventType::ToleratedSupplied,
                vec![(FieldName::Material, "layout_plan")],
                "2026-11-23 09:00",
            ),
            (
                EventType::Decided,
                vec![(FieldName::Decision, "approved")],
                "2026-11-24 10:00",
            ),
        ] {
            events = record(&events, None, &request(t, &fields), &clerk(at))
                .unwrap()
                .events;
        }
        let rec = replay(&events).unwrap();
        let form = step_forms(&rec, None)
            .into_iter()
            .find(|f| f.step == EventType::Delivered)
            .unwrap();
        // The signature pad is shown for the window only.
        let signature = form
            .fields
            .iter()
            .find(|f| f.name == FieldName::Signature)
            .unwrap();
        let window: StepInput = [(FieldName::Method, "window".to_string())].into();
        let post: StepInput = [(FieldName::Method, "post".to_string())].into();
        assert!(signature.shown(&window) && !signature.shown(&post));

        let fields_of = |input: &[(FieldName, &str)]| -> Vec<String> {
            let input: StepInput = input.iter().map(|(f, v)| (*f, v.to_string())).collect();
            build_event(EventType::Delivered, &input, &rec, None, "王敏")
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|p| p.field)
                .collect()
        };
        assert_eq!(
            fields_of(&[(FieldName::Method, "window")]),
            ["collected_by", "signature"]
        );
        assert_eq!(
            fields_of(&[(FieldName::Method, "locker")]),
            ["locker_slot", "pickup_code"]
        );
        assert_eq!(
            fields_of(&[(FieldName::Method, "post")]),
            ["address", "tracking"]
        );
        // Someone who cannot write: the reason stands in for the signature.
        assert_eq!(
            fields_of(&[
                (FieldName::Method, "window"),
                (FieldName::CollectedBy, "张三"),
                (FieldName::NoSignatureReason, "申请人右手受伤，已核验身份")
            ]),
            Vec::<String>::new()
        );
        let done = record(
            &events,
            None,
            &request(
                EventType::Delivered,
                &[
                    (FieldName::Method, "window"),
                    (FieldName::CollectedBy, "张三"),
                    (FieldName::Signature, "M10 10 L50 40"),
                ],
            ),
            &clerk("2026-11-24 11:00"),
        )
        .unwrap();
        assert!(matches!(
            &done.events.last().unwrap().kind,
            EventKind::Delivered { handout: Some(Handout::Window { collected_by, signature: Signature::Drawn { path } }), .. }
                if collected_by == "张三" && path == "M10 10 L50 40"
        ));
    }

    #[test]
    fn the_receiving_clerk_owns_the_case_and_only_they_or_a_supervisor_hand_it_on() {
        let events = accepted_with_tolerated();
        let rec = replay(&events).unwrap();
        let owner = rec.owner.clone().expect("received at a desk");
        assert_eq!(owner, events[0].actor);
        let hand_to = |by: Recorder, to: &str| {
            record(
                &events,
                None,
                &request(
                    EventType::OwnerChanged,
                    &[
                        (FieldName::NewOwner, to),
                        (FieldName::TransferReason, "王敏休假，由李娜接办"),
                    ],
                ),
                &by,
            )
        };
        // Another clerk cannot take it.
        let other = Recorder {
            actor: "李娜".into(),
            ..clerk("2026-11-23 09:00")
        };
        let refused = hand_to(other, "李娜").unwrap_err();
        assert_eq!(refused.field_errors()[0].field, "step");
        // The owner hands it on, with a reason; it is then the new owner's.
        let owner_by = Recorder {
            actor: owner.clone(),
            ..clerk("2026-11-23 09:00")
        };
        let moved = hand_to(owner_by.clone(), "李娜").unwrap();
        assert_eq!(moved.record.owner.as_deref(), Some("李娜"));
        assert!(moved.notices.is_empty());
        // Not to themselves.
        let same = hand_to(owner_by, &owner).unwrap_err();
        assert_eq!(same.field_errors()[0].field, "new_owner");
        // The supervisor reassigns any case.
        let supervisor = Recorder {
            actor: "李主任".into(),
            role: Role::Supervisor,
            ..clerk("2026-11-23 09:00")
        };
        assert!(hand_to(supervisor, "赵中台").is_ok());
    }

    #[test]
    fn the_applicants_delivery_choice_starts_the_hand_out_and_can_change_until_then() {
        let mut events = accepted_with_tolerated();
        for (t, fields, at) in [
            (
                EventType::DeliveryChosen,
                vec![(FieldName::Method, "window")],
                "2026-11-20 09:20",
            ),
            (
                EventType::DeliveryChosen,
                vec![
                    (FieldName::Method, "post"),
                    (FieldName::Address, "县城关镇人民路1号 张三收"),
                ],
                "2026-11-21 09:00",
            ),
            (
                EventType::ToleratedSupplied,
                vec![(FieldName::Material, "layout_plan")],
                "2026-11-23 09:00",
            ),
            (
                EventType::Decided,
                vec![(FieldName::Decision, "approved")],
                "2026-11-24 10:00",
            ),
        ] {
            events = record(&events, None, &request(t, &fields), &clerk(at))
                .unwrap()
                .events;
        }
        let rec = replay(&events).unwrap();
        let form = step_forms(&rec, None)
            .into_iter()
            .find(|f| f.step == EventType::Delivered)
            .unwrap();
        let default = |name| {
            form.fields
                .iter()
                .find(|f| f.name == name)
                .and_then(|f| f.default.clone())
        };
        assert_eq!(default(FieldName::Method).as_deref(), Some("post"));
        assert_eq!(
            default(FieldName::Address).as_deref(),
            Some("县城关镇人民路1号 张三收")
        );
        // Post needs an address.
        let input: StepInput = [(FieldName::Method, "post".to_string())].into();
        assert_eq!(
            build_event(EventType::DeliveryChosen, &input, &rec, None, "王敏").unwrap_err()[0]
                .field,
            "address"
        );
    }

    #[test]
    fn every_missing_field_is_named_at_once() {
        let rec = replay(&accepted_with_tolerated()).unwrap();
        // A denial is filed (否定备案) with its reasons and legal basis, not decided here.
        let input: StepInput = [(FieldName::Decision, "denied".to_string())].into();
        assert_eq!(
            build_event(EventType::Decided, &input, &rec, None, "王敏"),
            Err(vec![FieldError {
                field: "decision".into(),
                problem: "不予许可须先登记否定备案（拟不予许可），经部门负责人批准后作出".into()
            }])
        );
        let fields: Vec<String> = build_event(
            EventType::RefusalProposed,
            &StepInput::new(),
            &rec,
            None,
            "张审批",
        )
        .unwrap_err()
        .into_iter()
        .map(|p| p.field)
        .collect();
        assert_eq!(fields, ["denial_reasons", "legal_basis"]);
        let problems =
            build_event(EventType::HandedOver, &StepInput::new(), &rec, None, "王敏").unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            ["department", "handover_material", "receiver", "copies"]
        );
    }

    #[test]
    fn a_step_is_dated_by_the_recorder_never_before_the_last_event_and_names_its_notices() {
        let events = accepted_with_tolerated();
        // The server's clock went back: the step still follows the last event.
        let done = record(
            &events,
            None,
            &request(
                EventType::CorrectionRequested,
                &[(FieldName::Corrections, "营业执照：已过有效期")],
            ),
            &clerk("2026-11-20 08:00"),
        )
        .unwrap();
        let last = done.events.last().unwrap();
        assert_eq!(last.at, events[1].at);
        assert_eq!(last.actor, "王敏");
        assert_eq!(done.notices, vec![crate::notice::NoticeKind::Correction]);
        // A step the case cannot take now is refused, saying what may follow.
        let refused = record(
            &events,
            None,
            &request(EventType::Archived, &[]),
            &clerk("2026-11-23 10:00"),
        )
        .unwrap_err();
        assert!(refused.to_string().contains("archived"), "{refused}");
        assert_eq!(refused.field_errors()[0].field, "step");
    }

    #[test]
    fn the_view_says_what_is_due_and_what_may_follow() {
        let events = accepted_with_tolerated();
        let item = crate::test_support::food_item();
        let v = view(
            &events,
            Some(&item),
            cal(),
            &DeadlineSettings::default(),
            d("2026-11-26"),
        )
        .unwrap();
        assert_eq!(v.state, Some(CaseState::Accepted));
        // The tolerated material is due 5 working days after Friday 20th: Friday 27th.
        let next = v.next_deadline.expect("an open deadline");
        assert_eq!(next.deadline.due, d("2026-11-27"));
        assert_eq!(v.working_days_left, Some(1));
        assert!(v.steps.iter().any(|s| s.step == EventType::ReviewStarted));
        let without_item = view(
            &events,
            None,
            cal(),
            &DeadlineSettings::default(),
            d("2026-11-26"),
        )
        .unwrap();
        assert!(without_item.deadlines.is_none() && without_item.deadline_problem.is_some());
    }
}

#[test]
fn a_poor_evaluation_needs_reasons_opens_a_follow_up_due_in_fifteen_working_days_and_holds_the_archive(
) {
    let delivered = vec![
        ev("2026-11-20 09:00", EventKind::Received),
        ev("2026-11-20 09:10", accepted()),
        ev(
            "2026-11-20 10:00",
            EventKind::Decided {
                approved: true,
                reasons: vec![],
            },
        ),
        ev(
            "2026-11-20 15:00",
            EventKind::Delivered {
                method: DeliveryMethod::Window,
                tracking: None,
                handout: None,
                collected: vec![],
            },
        ),
    ];
    let poor = |reasons: Vec<String>| {
        let mut e = delivered.clone();
        e.push(ev(
            "2026-11-20 15:05",
            EventKind::Evaluated {
                stage: EvaluationStage::Handout,
                level: 2,
                comment: Some("来了三次".into()),
                reasons,
            },
        ));
        e
    };
    // Without a reason from the list it is refused.
    assert!(replay(&poor(vec![])).is_err());
    assert!(replay(&poor(vec!["太慢".into()])).is_err());
    let events = poor(vec!["多次跑腿".into()]);
    let (rec, dl) = check(&events, COMMITTED, "2026-11-23");
    assert!(rec.follow_up_open());
    // Fifteen working days after Friday 20 November: Friday 11 December.
    assert_eq!(
        due(
            &dl,
            DeadlineKind::FollowUp {
                stage: Some(EvaluationStage::Handout)
            }
        ),
        (d("2026-12-11"), DueStatus::OnTime)
    );
    // Not archived while the follow-up is open; closed, it is.
    let mut archived = events.clone();
    archived.push(ev("2026-11-23 09:00", EventKind::Archived));
    assert!(replay(&archived).is_err());
    let mut closed = events.clone();
    closed.push(ev(
        "2026-11-25 09:00",
        EventKind::FollowUpClosed {
            stage: EvaluationStage::Handout,
            result: "已向申请人致歉，窗口增设材料预审".into(),
        },
    ));
    closed.push(ev("2026-11-25 10:00", EventKind::Archived));
    let (rec, dl) = check(&closed, COMMITTED, "2026-11-25");
    assert!(!rec.follow_up_open());
    assert_eq!(
        due(
            &dl,
            DeadlineKind::FollowUp {
                stage: Some(EvaluationStage::Handout)
            }
        )
        .1,
        DueStatus::Met
    );
}

#[test]
fn the_reception_and_the_hand_out_are_evaluated_once_each_and_each_poor_one_followed_up() {
    let poor = |stage| EventKind::Evaluated {
        stage,
        level: 1,
        comment: None,
        reasons: vec!["等待时间过长".into()],
    };
    let good = |stage| EventKind::Evaluated {
        stage,
        level: 5,
        comment: None,
        reasons: vec![],
    };
    let received = vec![
        ev("2026-11-20 09:00", EventKind::Received),
        ev("2026-11-20 09:10", accepted()),
    ];
    // Before the hand-out only the reception is open; the state stays as it was.
    let rec = replay(&received).unwrap();
    assert_eq!(
        evaluation::open_stage(&rec),
        Some(EvaluationStage::Acceptance)
    );
    let mut events = received.clone();
    events.push(ev("2026-11-20 09:15", poor(EvaluationStage::Acceptance)));
    let rec = replay(&events).unwrap();
    assert_eq!(rec.state, Some(CaseState::Accepted));
    assert_eq!(evaluation::open_stage(&rec), None);
    assert_eq!(rec.open_follow_ups(), [EvaluationStage::Acceptance]);
    // Not twice; the hand-out not before it happened.
    let mut twice = events.clone();
    twice.push(ev("2026-11-20 09:20", good(EvaluationStage::Acceptance)));
    assert!(replay(&twice).is_err());
    let mut early = events.clone();
    early.push(ev("2026-11-20 09:20", good(EvaluationStage::Handout)));
    assert!(replay(&early).is_err());
    // After the hand-out, the hand-out; both follow-ups run on their own clocks.
    events.extend([
        ev(
            "2026-11-20 10:00",
            EventKind::Decided {
                approved: true,
                reasons: vec![],
            },
        ),
        ev(
            "2026-11-20 15:00",
            EventKind::Delivered {
                method: DeliveryMethod::Window,
                tracking: None,
                handout: None,
                collected: vec![],
            },
        ),
    ]);
    let rec = replay(&events).unwrap();
    assert_eq!(evaluation::open_stage(&rec), Some(EvaluationStage::Handout));
    // Once the result is out, a reception not evaluated is no longer asked about.
    let unevaluated: Vec<Event> = events
        .iter()
        .filter(|e| !matches!(e.kind, EventKind::Evaluated { .. }))
        .cloned()
        .collect();
    let rec = replay(&unevaluated).unwrap();
    assert_eq!(evaluation::open_stage(&rec), Some(EvaluationStage::Handout));
    events.push(ev("2026-11-24 09:00", poor(EvaluationStage::Handout)));
    let (rec, dl) = check(&events, COMMITTED, "2026-11-24");
    assert_eq!(rec.state, Some(CaseState::Evaluated));
    assert_eq!(
        rec.open_follow_ups(),
        [EvaluationStage::Acceptance, EvaluationStage::Handout]
    );
    let acceptance = DeadlineKind::FollowUp {
        stage: Some(EvaluationStage::Acceptance),
    };
    let handout = DeadlineKind::FollowUp {
        stage: Some(EvaluationStage::Handout),
    };
    assert_eq!(due(&dl, acceptance.clone()).0, d("2026-12-11"));
    assert_eq!(due(&dl, handout.clone()).0, d("2026-12-15"));
    // Closing one leaves the other open, and the archive waits for both.
    events.push(ev(
        "2026-11-25 09:00",
        EventKind::FollowUpClosed {
            stage: EvaluationStage::Acceptance,
            result: "已增开窗口".into(),
        },
    ));
    let (rec, dl) = check(&events, COMMITTED, "2026-11-25");
    assert_eq!(rec.open_follow_ups(), [EvaluationStage::Handout]);
    assert_eq!(due(&dl, acceptance).1, DueStatus::Met);
    assert_eq!(due(&dl, handout).1, DueStatus::OnTime);
    let mut archived = events.clone();
    archived.push(ev("2026-11-25 10:00", EventKind::Archived));
    assert!(replay(&archived).is_err());
    // The open one is assigned and worked on step by step before it is closed; a step
    // on a follow-up that is closed, or one that says nothing, is refused.
    let noted = |at: &str, stage, to: Option<&str>, action: &str| {
        ev(
            at,
            EventKind::FollowUpNoted {
                stage,
                assigned_to: to.map(str::to_string),
                action: action.into(),
            },
        )
    };
    events.push(noted(
        "2026-11-26 09:00",
        EvaluationStage::Handout,
        Some("张科长"),
        "已转市场监督管理局核实",
    ));
    events.push(noted(
        "2026-11-27 09:00",
        EvaluationStage::Handout,
        None,
        "已电话联系申请人了解情况",
    ));
    let rec = replay(&events).unwrap();
    assert_eq!(
        rec.follow_up_assignee(EvaluationStage::Handout),
        Some("张科长")
    );
    assert_eq!(rec.follow_up_notes.len(), 2);
    assert_eq!(rec.follow_up_notes[1].action, "已电话联系申请人了解情况");
    assert_eq!(rec.open_follow_ups(), [EvaluationStage::Handout]);
    for bad in [
        noted(
            "2026-11-27 10:00",
            EvaluationStage::Acceptance,
            None,
            "再次核实",
        ),
        noted("2026-11-27 10:00", EvaluationStage::Handout, None, "  "),
        noted(
            "2026-11-27 10:00",
            EvaluationStage::Handout,
            Some(" "),
            "指派",
        ),
    ] {
        let mut more = events.clone();
        more.push(bad);
        assert!(replay(&more).is_err());
    }
}
