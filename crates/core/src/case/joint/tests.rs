//! A joint case against the official 2026 calendar: accepted on the eve of the National
//! Day holiday, whose make-up working day (Saturday 10 October) is a department's last day.

use super::*;
use crate::case::{
    deadlines, record_step, replay, view, DeadlineSettings, Event, FieldName, Limits, Recorder,
    Role, StepRequest,
};
use crate::catalog::{CaseKind, DepartmentStep};
use crate::notice::NoticeKind;
use crate::test_support::{food_item, official_calendar};

fn d(s: &str) -> NaiveDate {
    crate::calendar::parse_date(s).unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// A joint item led by the food item's department, with three responsible departments:
/// tax (no default), housing (default on timeout), land (default on timeout or absence).
fn joint_item() -> ServiceItem {
    let step = |department: &str, by_timeout, by_absence| DepartmentStep {
        department: department.into(),
        step: format!("{department}审查"),
        days: 3,
        materials: vec!["business_licence".into()],
        by_timeout,
        by_absence,
    };
    ServiceItem {
        kind: CaseKind::Joint,
        responsible_departments: vec![
            step("税务局", false, false),
            step("住房和城乡建设局", true, false),
            step("自然资源局", true, true),
        ],
        ..food_item()
    }
}

fn accepted_on_the_eve_of_national_day() -> Vec<Event> {
    let ev = |t: &str, kind| Event {
        at: at(t),
        actor: "王敏".into(),
        role: Role::Clerk,
        note: String::new(),
        kind,
        device_at: None,
    };
    vec![
        ev("2026-09-30 09:00", EventKind::Received),
        ev(
            "2026-09-30 09:10",
            EventKind::Accepted { tolerated: vec![] },
        ),
    ]
}

fn reviews_on(events: &[Event], today: &str) -> Vec<DepartmentReview> {
    let item = joint_item();
    let rec = replay(events).unwrap();
    let due = deadlines(
        &rec,
        &Limits::of(&item),
        official_calendar(),
        d(today),
        &DeadlineSettings::default(),
    )
    .unwrap();
    joint_review(&item, &rec, &due, d(today))
}

fn by(actor: &str, role: Role, now: &str) -> Recorder {
    Recorder {
        actor: actor.into(),
        role,
        now: at(now),
    }
}

fn step(
    events: &[Event],
    step: crate::case::EventType,
    fields: &[(FieldName, &str)],
    who: &Recorder,
) -> Result<crate::case::Recorded, crate::case::StepRefused> {
    record_step(
        events,
        Some(&joint_item()),
        &StepRequest {
            step,
            fields: fields.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            note: String::new(),
        },
        who,
        official_calendar(),
        &DeadlineSettings::default(),
    )
}

#[test]
fn silence_counts_as_consent_only_after_the_last_working_day_a_make_up_saturday() {
    let events = accepted_on_the_eve_of_national_day();
    // Three working days after Wednesday 30 September: the holiday runs 1–7 October,
    // then Thursday 8, Friday 9 and the make-up Saturday 10 October.
    let on_the_day = reviews_on(&events, "2026-10-10");
    assert!(on_the_day.iter().all(|r| r.due == Some(d("2026-10-10"))));
    assert!(on_the_day.iter().all(|r| r.answer == Answer::Waiting));
    // The next day, Sunday 11 October, the departments that default do; tax does not.
    let after = reviews_on(&events, "2026-10-11");
    assert_eq!(after[0].answer, Answer::Waiting);
    for r in &after[1..] {
        assert_eq!(
            r.answer,
            Answer::Default {
                by: DefaultBy::Timeout,
                recorded: false
            },
            "{}",
            r.department
        );
    }
    assert_eq!(
        still_waiting(&after),
        vec!["税务局（税务局审查，期限2026-10-10）".to_string()]
    );
}

#[test]
fn the_lead_decides_once_every_department_answered_or_consents_and_the_defaults_are_recorded() {
    use crate::case::EventType as T;
    let events = accepted_on_the_eve_of_national_day();
    let lead = by("孙局长", Role::Lead, "2026-10-09 10:00");
    // Before any deadline passed, the decision waits for all three.
    let early = step(
        &events,
        T::Decided,
        &[(FieldName::Decision, "approved")],
        &lead,
    )
    .unwrap_err()
    .to_string();
    assert!(
        early.contains("税务局")
            && early.contains("住房和城乡建设局")
            && early.contains("自然资源局"),
        "{early}"
    );
    // Land is invited to a joint inspection and stays away (缺席默认); tax disagrees.
    let scheduled = step(
        &events,
        T::JointMeetingScheduled,
        &[
            (FieldName::MeetingKind, "inspection"),
            (FieldName::MeetingDate, "2026-10-09"),
            (FieldName::Participants, "税务局\n自然资源局"),
        ],
        &by("赵中台", Role::Support, "2026-10-08 09:00"),
    )
    .unwrap();
    let held = step(
        &scheduled.events,
        T::JointMeetingHeld,
        &[(FieldName::Absent, "自然资源局")],
        &by("赵中台", Role::Support, "2026-10-09 16:00"),
    )
    .unwrap();
    // A disagreement must say why.
    let tax = |text: &str| {
        step(
            &held.events,
            T::DepartmentOpinion,
            &[
                (FieldName::Department, "税务局"),
                (FieldName::Stance, "disagree"),
                (FieldName::OpinionText, text),
            ],
            &by("钱税务", Role::Reviewer, "2026-10-09 17:00"),
        )
    };
    assert_eq!(tax("").unwrap_err().field_errors()[0].field, "opinion_text");
    let answered = tax("申报价格明显低于市场评估价格").unwrap();
    // Housing is still within its day on Saturday 10 October: the lead waits.
    let saturday = step(
        &answered.events,
        T::Decided,
        &[(FieldName::Decision, "approved")],
        &by("孙局长", Role::Lead, "2026-10-10 10:00"),
    )
    .unwrap_err()
    .to_string();
    assert!(saturday.contains("住房和城乡建设局"), "{saturday}");
    assert!(!saturday.contains("自然资源局"), "{saturday}");
    // On Monday 12 October housing's silence is consent: the decision goes through, the
    // two defaults recorded before it.
    let decided = step(
        &answered.events,
        T::Decided,
        &[(FieldName::Decision, "approved")],
        &by("孙局长", Role::Lead, "2026-10-12 09:00"),
    )
    .unwrap();
    let kinds: Vec<&EventKind> = decided.events.iter().map(|e| &e.kind).collect();
    let n = kinds.len();
    assert_eq!(
        kinds[n - 3..],
        [
            &EventKind::DefaultConsent {
                department: "住房和城乡建设局".into(),
                by: DefaultBy::Timeout
            },
            &EventKind::DefaultConsent {
                department: "自然资源局".into(),
                by: DefaultBy::Absence
            },
            &EventKind::Decided {
                approved: true,
                reasons: vec![]
            },
        ]
    );
    assert_eq!(decided.notices, vec![NoticeKind::Completion]);
    // The view reads every answer back, the defaults as recorded.
    let v = view(
        &decided.events,
        Some(&joint_item()),
        official_calendar(),
        &DeadlineSettings::default(),
        d("2026-10-12"),
    )
    .unwrap();
    let words: Vec<String> = v.joint.iter().map(|r| answer_words(&r.answer)).collect();
    assert_eq!(
        words,
        vec![
            "不同意：申报价格明显低于市场评估价格".to_string(),
            "超时默认（期限内未出具意见，视为同意）".into(),
            "缺席默认（未参加联席会议，视为同意）".into(),
        ]
    );
}

#[test]
fn a_joint_acceptance_prints_the_approval_schedule() {
    let item = joint_item();
    let accepted = EventKind::Accepted { tolerated: vec![] };
    assert_eq!(
        accepted.notices_for(crate::case::Stage::FrontDesk, Some(&item)),
        vec![NoticeKind::Acceptance, NoticeKind::ApprovalSchedule]
    );
    assert_eq!(
        accepted.notices_for(crate::case::Stage::FrontDesk, Some(&food_item())),
        vec![NoticeKind::Acceptance]
    );
}

#[test]
fn each_departments_packet_is_handed_over_as_one_ledger_line() {
    use crate::case::{step_forms, Choice, EventType as T, FieldInput};
    let events = accepted_on_the_eve_of_national_day();
    let packets = |events: &[Event]| -> Vec<String> {
        let rec = replay(events).unwrap();
        step_forms(&rec, Some(&joint_item()))
            .into_iter()
            .find(|f| f.step == T::HandedOver)
            .and_then(|f| f.fields.into_iter().find(|x| x.name == FieldName::Packet))
            .map(|f| match f.input {
                FieldInput::Choice(c) => c.iter().map(Choice::value).collect(),
                _ => vec![],
            })
            .unwrap_or_default()
    };
    assert_eq!(
        packets(&events),
        ["税务局", "住房和城乡建设局", "自然资源局"]
    );
    let handed = step(
        &events,
        T::HandedOver,
        &[
            (FieldName::Packet, "税务局"),
            (FieldName::Copies, "1"),
            (FieldName::Receiver, "钱税务"),
        ],
        &by("王敏", Role::Clerk, "2026-09-30 10:00"),
    )
    .unwrap();
    let (_, line) = handed.record.ledger.last().unwrap();
    assert_eq!(line.department, "税务局");
    assert_eq!(
        line.material,
        "联办分送材料：营业执照或者其他主体资格证明文件"
    );
    assert_eq!(packets(&handed.events), ["住房和城乡建设局", "自然资源局"]);
}
