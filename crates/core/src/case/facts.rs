//! What supervision counts of one case, derived once from its events whenever they change,
//! so that the centre's figures are sums and counts the database can make over a million
//! cases (the events themselves are not queried).

use super::deadlines::{deadlines, DeadlineKind, DeadlineSettings, DueStatus, Limits};
use super::evaluation::EvaluationStage;
use super::lifecycle::CaseRecord;
use super::{CaseState, Event, EventKind};
use crate::calendar::Calendar;
use crate::catalog::ServiceItem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How the front desk's part ended, as the supervision figures group cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Intake {
    /// Only pre-checked online; never brought to a window.
    PreChecked,
    /// Received; acceptance not decided yet.
    Pending,
    /// Told to correct or complete the papers (一次性告知) and not accepted since.
    Incomplete,
    /// Accepted (受理).
    Accepted,
    /// Refused (不予受理).
    NotAccepted,
}

impl Intake {
    /// Its name in the database and on the wire.
    pub fn name(self) -> &'static str {
        match self {
            Intake::PreChecked => "pre_checked",
            Intake::Pending => "pending",
            Intake::Incomplete => "incomplete",
            Intake::Accepted => "accepted",
            Intake::NotAccepted => "not_accepted",
        }
    }

    /// Every value, in the order the figures list them.
    pub const ALL: [Intake; 5] = [
        Intake::Accepted,
        Intake::NotAccepted,
        Intake::Incomplete,
        Intake::Pending,
        Intake::PreChecked,
    ];
}

/// The facts of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFacts {
    /// When the papers were received at a window (none for a pre-check only).
    pub received_on: Option<NaiveDate>,
    /// How the front desk's part stands.
    pub intake: Intake,
    /// 一次办成: accepted without being sent back for papers first.
    pub first_visit: bool,
    /// Whether the applicant was answered in time (Art. 32: accepted, refused or told of
    /// the gaps), once answered.
    pub notified_on_time: Option<bool>,
    /// When it was decided (办结).
    pub decided_on: Option<NaiveDate>,
    /// The promised deadline (承诺时限), with extensions and suspensions.
    pub promised_due: Option<NaiveDate>,
    /// Whether it was decided by the promised deadline, once decided.
    pub decided_on_time: Option<bool>,
    /// When the result was handed out (出件).
    pub delivered_on: Option<NaiveDate>,
    /// The applicant's level for the reception (受理环节), 1–5.
    pub evaluation_acceptance: Option<u8>,
    /// The applicant's level for the hand-out (办结环节), 1–5.
    pub evaluation_handout: Option<u8>,
    /// When the reception was evaluated: each stage counts in the period it was given in.
    pub evaluated_acceptance_on: Option<NaiveDate>,
    /// When the hand-out was evaluated.
    pub evaluated_handout_on: Option<NaiveDate>,
    /// The earliest open follow-up's (差评整改) deadline.
    pub follow_up_due: Option<NaiveDate>,
    /// Whether the case awaits its decision (received, not refused, not decided): what
    /// the promised deadline binds.
    pub open: bool,
}

/// The facts of the case with these `events` and `rec` (its replay), for `item` (none
/// when the catalogue no longer has it: no deadlines then), as of `today`: an open case's
/// deadlines move with the day (a received case nobody answered counts as accepted after
/// Art. 32's days; an open suspension lasts until today), so open cases are derived again
/// each day.
pub fn facts(
    events: &[Event],
    rec: &CaseRecord,
    item: Option<&ServiceItem>,
    cal: &Calendar,
    settings: &DeadlineSettings,
    today: NaiveDate,
) -> CaseFacts {
    let day_of = |want: fn(&EventKind) -> bool| {
        events
            .iter()
            .rev()
            .find(|e| want(&e.kind))
            .map(|e| e.at.date())
    };
    let told = events
        .iter()
        .position(|e| matches!(e.kind, EventKind::CorrectionRequested { .. }));
    let accepted_at = events
        .iter()
        .position(|e| matches!(e.kind, EventKind::Accepted { .. }));
    let refused = events
        .iter()
        .any(|e| matches!(e.kind, EventKind::NotAccepted { .. }));
    let intake = if accepted_at.is_some() {
        Intake::Accepted
    } else if refused {
        Intake::NotAccepted
    } else if told.is_some() {
        Intake::Incomplete
    } else if rec.received.is_some() {
        Intake::Pending
    } else {
        Intake::PreChecked
    };
    let first_visit = match (accepted_at, told) {
        (Some(a), Some(t)) => a < t,
        (Some(_), None) => true,
        _ => false,
    };
    let due = item.and_then(|item| deadlines(rec, &Limits::of(item), cal, today, settings).ok());
    let find = |kind: &DeadlineKind| due.as_ref().and_then(|d| d.get(kind));
    let met = |status: DueStatus| match status {
        DueStatus::Met => Some(true),
        DueStatus::MetLate => Some(false),
        _ => None,
    };
    let evaluation = |stage| rec.evaluations.iter().find(|e| e.stage == stage);
    let level = |stage| evaluation(stage).map(|e| e.level);
    let evaluated_on = |stage| evaluation(stage).map(|e| e.at.date());
    let follow_up_due = rec
        .open_follow_ups()
        .into_iter()
        .filter_map(|stage| {
            find(&DeadlineKind::FollowUp { stage: Some(stage) }).map(|d| d.deadline.due)
        })
        .min();
    let promised = find(&DeadlineKind::Promised);
    CaseFacts {
        received_on: rec.received.map(|t| t.date()),
        intake,
        first_visit,
        notified_on_time: find(&DeadlineKind::NotifyGaps)
            .filter(|_| rec.first_told.is_some())
            .and_then(|d| met(d.status)),
        decided_on: rec.decided.map(|(t, _)| t.date()),
        promised_due: promised.map(|d| d.deadline.due),
        decided_on_time: promised
            .filter(|_| rec.decided.is_some())
            .and_then(|d| met(d.status)),
        delivered_on: day_of(|k| matches!(k, EventKind::Delivered { .. })),
        evaluation_acceptance: level(EvaluationStage::Acceptance),
        evaluation_handout: level(EvaluationStage::Handout),
        evaluated_acceptance_on: evaluated_on(EvaluationStage::Acceptance),
        evaluated_handout_on: evaluated_on(EvaluationStage::Handout),
        follow_up_due,
        open: rec.decided.is_none()
            && !matches!(
                rec.state,
                None | Some(CaseState::PreChecked | CaseState::NotAccepted | CaseState::Archived)
            ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{replay, Role, ToleratedMaterial};
    use crate::catalog::DeliveryMethod;
    use crate::test_support::{food_item, official_calendar};
    use chrono::NaiveDateTime;

    fn ev(at: &str, kind: EventKind) -> Event {
        Event {
            at: NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap(),
            actor: "王敏".into(),
            role: Role::Clerk,
            note: String::new(),
            kind,
            device_at: None,
        }
    }

    fn of(events: &[Event]) -> CaseFacts {
        let last = events.last().unwrap().at.date();
        of_on(events, last)
    }

    fn of_on(events: &[Event], today: NaiveDate) -> CaseFacts {
        let rec = replay(events).unwrap();
        facts(
            events,
            &rec,
            Some(&food_item()),
            official_calendar(),
            &DeadlineSettings::default(),
            today,
        )
    }

    #[test]
    fn a_received_case_nobody_answered_gets_its_deadline_once_deemed_accepted() {
        let events = [ev("2026-11-02 09:00", EventKind::Received)];
        // Within Art. 32's five working days: no promised deadline yet.
        assert_eq!(of_on(&events, d("2026-11-05")).promised_due, None);
        // After them it counts as accepted from the day of receipt, and the promise runs.
        let late = of_on(&events, d("2026-11-20"));
        assert_eq!(late.promised_due, Some(d("2026-11-09")));
        assert!(late.open);
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_case_accepted_at_once_decided_late_and_evaluated_poorly() {
        let promised = food_item().promised_limit();
        let mut events = vec![
            ev("2026-11-02 09:00", EventKind::Received),
            ev(
                "2026-11-02 09:10",
                EventKind::Accepted {
                    tolerated: Vec::<ToleratedMaterial>::new(),
                },
            ),
        ];
        let open = of(&events);
        assert_eq!(open.intake, Intake::Accepted);
        assert!(open.first_visit && open.open);
        assert_eq!(open.received_on, Some(d("2026-11-02")));
        let due = open.promised_due.unwrap();
        assert!(promised > 0 && due > d("2026-11-02"));
        assert_eq!(open.decided_on_time, None);
        // Decided the day after the promised deadline, handed out, evaluated 2 at the hand-out.
        let late = (due + chrono::Duration::days(1))
            .format("%Y-%m-%d")
            .to_string();
        events.extend([
            ev(
                &format!("{late} 10:00"),
                EventKind::Decided {
                    approved: true,
                    reasons: vec![],
                },
            ),
            ev(
                &format!("{late} 15:00"),
                EventKind::Delivered {
                    method: DeliveryMethod::Window,
                    tracking: None,
                    handout: None,
                    collected: vec![],
                },
            ),
            ev(
                &format!("{late} 15:05"),
                EventKind::Evaluated {
                    stage: EvaluationStage::Handout,
                    level: 2,
                    comment: None,
                    reasons: vec!["超过承诺时限办结".into()],
                },
            ),
        ]);
        let f = of(&events);
        assert_eq!(f.decided_on_time, Some(false));
        assert_eq!(f.delivered_on, Some(due + chrono::Duration::days(1)));
        assert_eq!(f.evaluation_handout, Some(2));
        assert_eq!(f.evaluation_acceptance, None);
        assert_eq!(f.evaluated_handout_on, due.succ_opt());
        assert_eq!(f.evaluated_acceptance_on, None);
        assert!(f.follow_up_due.is_some() && !f.open);
    }

    #[test]
    fn sent_back_for_papers_is_incomplete_then_accepted_but_not_at_the_first_visit() {
        let mut events = vec![
            ev("2026-11-02 09:00", EventKind::Received),
            ev(
                "2026-11-03 09:00",
                EventKind::CorrectionRequested {
                    items: vec!["营业执照：已过期".into()],
                },
            ),
        ];
        let f = of(&events);
        assert_eq!(f.intake, Intake::Incomplete);
        assert_eq!(f.notified_on_time, Some(true));
        events.extend([
            ev("2026-11-05 09:00", EventKind::CorrectionReceived),
            ev(
                "2026-11-05 09:10",
                EventKind::Accepted {
                    tolerated: Vec::<ToleratedMaterial>::new(),
                },
            ),
        ]);
        let f = of(&events);
        assert_eq!(f.intake, Intake::Accepted);
        assert!(!f.first_visit);
    }

    #[test]
    fn a_refusal_at_the_window_is_closed_and_a_pre_check_was_never_received() {
        let refused = [
            ev("2026-11-02 09:00", EventKind::Received),
            ev(
                "2026-11-02 09:30",
                EventKind::NotAccepted {
                    reasons: vec!["不属于本机关职权范围".into()],
                },
            ),
        ];
        let f = of(&refused);
        assert_eq!(f.intake, Intake::NotAccepted);
        assert!(!f.open && !f.first_visit);
        let f = of(&[ev("2026-11-02 09:00", EventKind::PreChecked)]);
        assert_eq!(f.intake, Intake::PreChecked);
        assert_eq!(f.received_on, None);
        assert!(!f.open);
    }
}
