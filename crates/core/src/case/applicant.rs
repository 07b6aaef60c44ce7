//! What the applicant sees of a case on the status page: the steps that concern them (not
//! the offices' internal work), what to bring or supply next, the deadlines that bind the
//! office towards them, and whether the delivery may still change. The words are the
//! app's; the choices are made here, once.

use super::deadlines::{CaseDeadline, DeadlineKind};
use super::view::CaseView;
use super::{CaseState, EventKind, EventType};
use crate::catalog::{DeliveryMethod, ServiceItem};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// One step of the case as the applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Milestone {
    /// When.
    pub at: NaiveDateTime,
    /// Which step.
    pub step: EventType,
    /// What it said to the applicant: the papers to correct, the reasons of a refusal, the
    /// special procedure, the material supplied.
    #[serde(default)]
    pub details: Vec<String>,
}

/// The case as its applicant sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ApplicantStatus {
    /// Where it stands.
    pub state: Option<CaseState>,
    /// The steps that concern the applicant, oldest first.
    pub timeline: Vec<Milestone>,
    /// What to bring or supply next: the open correction request's list (one list for
    /// all offices) and the tolerated papers still outstanding, by name.
    pub to_supply: Vec<String>,
    /// The deadlines that bind the office towards the applicant, or the applicant's own
    /// (supplying a tolerated paper).
    pub deadlines: Vec<CaseDeadline>,
    /// How the result will be handed out, if chosen.
    pub delivery: Option<DeliveryMethod>,
    /// Whether the applicant may still change it (until 出件).
    pub may_change_delivery: bool,
    /// The stage of service the applicant may evaluate now (好差评), if any.
    #[serde(default)]
    pub may_evaluate: Option<super::evaluation::EvaluationStage>,
}

impl EventType {
    /// Whether the applicant sees this step on the status page; the offices' internal
    /// work (opinions, hand-overs, filings, slips) stays inside.
    pub fn shown_to_applicant(self) -> bool {
        match self {
            EventType::PreChecked
            | EventType::Received
            | EventType::Accepted
            | EventType::NotAccepted
            | EventType::CorrectionRequested
            | EventType::CorrectionReceived
            | EventType::ReviewStarted
            | EventType::SpecialProcedureStarted
            | EventType::SpecialProcedureEnded
            | EventType::Extended
            | EventType::DeliveryChosen
            | EventType::Decided
            | EventType::RefusalApproved
            | EventType::Delivered
            | EventType::Evaluated
            | EventType::FollowUpClosed
            | EventType::ToleratedSupplied
            | EventType::Archived => true,
            // Internal until the result is told (the follow-up's close).
            EventType::FollowUpNoted
            | EventType::OwnerChanged
            | EventType::ReviewOpinion
            | EventType::HandoverConfirmed
            | EventType::DepartmentOpinion
            | EventType::JointMeetingScheduled
            | EventType::JointMeetingHeld
            | EventType::DefaultConsent
            | EventType::RefusalProposed
            | EventType::RefusalReturned
            | EventType::SlipPrepared
            | EventType::HandedOver => false,
        }
    }
}

/// What the applicant is told a step said.
fn details(kind: &EventKind, material: &impl Fn(&str) -> String) -> Vec<String> {
    match kind {
        EventKind::NotAccepted { reasons } => reasons.clone(),
        EventKind::CorrectionRequested { items } => items.clone(),
        EventKind::Decided { reasons, .. } => reasons.clone(),
        EventKind::SpecialProcedureStarted {
            procedure,
            planned_end,
        } => vec![procedure.clone(), planned_end.to_string()],
        EventKind::Extended { reason, .. } => vec![reason.clone()],
        EventKind::ToleratedSupplied { material: m } => vec![material(m)],
        EventKind::Evaluated {
            reasons, comment, ..
        } => reasons.iter().cloned().chain(comment.clone()).collect(),
        EventKind::FollowUpClosed { result, .. } => vec![result.clone()],
        EventKind::Accepted { tolerated } => {
            tolerated.iter().map(|t| material(&t.material)).collect()
        }
        _ => Vec::new(),
    }
}

/// The applicant's view of the case `view` of `item`.
pub fn applicant_status(view: &CaseView, item: Option<&ServiceItem>) -> ApplicantStatus {
    let material = |id: &str| {
        item.and_then(|i| i.materials.iter().find(|m| m.id == id))
            .map_or_else(|| id.to_string(), |m| m.name.clone())
    };
    let timeline = view
        .events
        .iter()
        .filter(|e| e.kind.event_type().shown_to_applicant())
        .map(|e| Milestone {
            at: e.at,
            step: e.kind.event_type(),
            details: details(&e.kind, &material),
        })
        .collect();
    // The open request's list, then the tolerated papers still to come.
    let mut to_supply: Vec<String> = Vec::new();
    if view.state == Some(CaseState::CorrectionRequested) {
        if let Some(EventKind::CorrectionRequested { items }) = view
            .events
            .iter()
            .rev()
            .map(|e| &e.kind)
            .find(|k| matches!(k, EventKind::CorrectionRequested { .. }))
        {
            to_supply.extend(items.iter().cloned());
        }
    }
    for name in &view.outstanding_tolerated {
        if !to_supply.iter().any(|s| s.starts_with(name.as_str())) {
            to_supply.push(name.clone());
        }
    }
    let deadlines = view
        .deadlines
        .as_ref()
        .map(|d| {
            d.deadlines
                .iter()
                .filter(|d| {
                    matches!(
                        d.kind,
                        DeadlineKind::NotifyGaps
                            | DeadlineKind::Supply { .. }
                            | DeadlineKind::Promised
                            | DeadlineKind::Statutory
                            | DeadlineKind::FollowUp { .. }
                    )
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let done = matches!(
        view.state,
        Some(
            CaseState::NotAccepted
                | CaseState::Delivered { .. }
                | CaseState::Evaluated
                | CaseState::Archived
        )
    );
    ApplicantStatus {
        state: view.state,
        timeline,
        to_supply,
        deadlines,
        delivery: view.record.delivery.as_ref().map(|(m, _)| *m),
        may_change_delivery: !done && view.state.is_some(),
        may_evaluate: super::evaluation::open_stage(&view.record),
    }
}

/// What happened since `seen` (the status the device last showed): the steps it did not
/// have, oldest first — the page says "新进展" with them.
pub fn news(seen: &ApplicantStatus, now: &ApplicantStatus) -> Vec<Milestone> {
    now.timeline
        .iter()
        .filter(|m| {
            !seen
                .timeline
                .iter()
                .any(|o| o.at == m.at && o.step == m.step)
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{view, DeadlineSettings, Event, Role, ToleratedMaterial};
    use crate::test_support::{food_item, official_calendar};

    fn ev(at: &str, kind: EventKind) -> Event {
        Event {
            at: NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap(),
            actor: "张审批".into(),
            role: Role::Reviewer,
            note: String::new(),
            kind,
            device_at: None,
        }
    }

    #[test]
    fn the_applicant_sees_their_steps_and_what_to_supply_not_the_offices_work() {
        let item = food_item();
        let events = vec![
            ev("2026-11-20 09:00", EventKind::Received),
            ev(
                "2026-11-20 09:10",
                EventKind::Accepted {
                    tolerated: vec![ToleratedMaterial {
                        material: "business_licence".into(),
                        supply_days: 5,
                    }],
                },
            ),
            ev(
                "2026-11-23 09:00",
                EventKind::ReviewOpinion {
                    points: vec!["布局图：未标明面积".into()],
                },
            ),
            ev(
                "2026-11-23 10:00",
                EventKind::CorrectionRequested {
                    items: vec!["布局图：未标明面积".into()],
                },
            ),
        ];
        let v = view(
            &events,
            Some(&item),
            official_calendar(),
            &DeadlineSettings::default(),
            crate::calendar::parse_date("2026-11-24").unwrap(),
        )
        .unwrap();
        let s = applicant_status(&v, Some(&item));
        let steps: Vec<EventType> = s.timeline.iter().map(|m| m.step).collect();
        assert_eq!(
            steps,
            [
                EventType::Received,
                EventType::Accepted,
                EventType::CorrectionRequested
            ]
        );
        assert_eq!(s.timeline[1].details, ["营业执照或者其他主体资格证明文件"]);
        assert_eq!(
            s.to_supply,
            ["布局图：未标明面积", "营业执照或者其他主体资格证明文件"]
        );
        assert!(s
            .deadlines
            .iter()
            .any(|d| matches!(d.kind, DeadlineKind::Supply { .. })));
        assert!(s.may_change_delivery);
        // Seen before the correction request: that request is the news.
        let before = applicant_status(
            &view(
                &events[..3],
                Some(&item),
                official_calendar(),
                &DeadlineSettings::default(),
                crate::calendar::parse_date("2026-11-23").unwrap(),
            )
            .unwrap(),
            Some(&item),
        );
        let new: Vec<EventType> = news(&before, &s).iter().map(|m| m.step).collect();
        assert_eq!(new, [EventType::CorrectionRequested]);
        assert!(news(&s, &s).is_empty());
    }
}
