//! The case state machine: which event may follow which state, and replaying the events
//! into the case's current record.

use super::evaluation::EvaluationStage;
use super::{
    CaseState, DefaultBy, Event, EventKind, EventType, Handover, MeetingKind, Role, Stance,
    ToleratedMaterial,
};
use crate::catalog::DeliveryMethod;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Everything the events say about a case, in the shape deadlines and screens need.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseRecord {
    /// The current state; `None` before the first event.
    pub state: Option<CaseState>,
    /// When the papers were first received (收件).
    pub received: Option<NaiveDateTime>,
    /// How the applicant chose to receive the result, and the postal address for post.
    #[serde(default)]
    pub delivery: Option<(DeliveryMethod, Option<String>)>,
    /// Its owner (首办负责人): who received it at a desk, or to whom it was handed since.
    #[serde(default)]
    pub owner: Option<String>,
    /// When the applicant was first told the outcome of the front-desk review (accepted,
    /// not accepted or what to correct) after receipt — the Art. 32 notice.
    pub first_told: Option<NaiveDateTime>,
    /// When the case was accepted (受理).
    pub accepted: Option<NaiveDateTime>,
    /// Materials accepted as missing (容缺).
    pub tolerated: Vec<ToleratedMaterial>,
    /// Periods whose working days do not count: special procedures and, after acceptance,
    /// waiting for a correction. An open period has `to: None`.
    pub suspensions: Vec<Suspension>,
    /// Tolerated materials supplied since, with when.
    pub supplied: Vec<(String, NaiveDateTime)>,
    /// The extension, if one was granted: (when, reason, approver).
    pub extended: Option<(NaiveDateTime, String, String)>,
    /// When it was decided, and whether approved.
    pub decided: Option<(NaiveDateTime, bool)>,
    /// Reviewers' points not yet sent in a correction request.
    #[serde(default)]
    pub opinions: Vec<Opinion>,
    /// Hand-over lines whose receiver confirmed them.
    #[serde(default)]
    pub confirmed: Vec<Confirmation>,
    /// The refusal filed for the lead's approval (否定备案): its reasons and legal basis,
    /// and who filed it; kept once approved (the decision notice lists them).
    #[serde(default)]
    pub refusal: Option<FiledRefusal>,
    /// 联办件: the responsible departments' opinions, in the order given.
    #[serde(default)]
    pub department_opinions: Vec<DepartmentAnswer>,
    /// 联办件: departments recorded as consenting by default.
    #[serde(default)]
    pub default_consents: Vec<(String, DefaultBy, NaiveDateTime)>,
    /// 联办件: the latest joint meeting or inspection.
    #[serde(default)]
    pub meeting: Option<JointMeeting>,
    /// The latest hand-over slip (交接单) from the back office to the issuing window.
    #[serde(default)]
    pub slip: Option<Slip>,
    /// The applicant's evaluations (好差评), at most one per stage.
    #[serde(default)]
    pub evaluations: Vec<Evaluation>,
    /// The poor evaluations' follow-ups closed: the stage, when, and what was done.
    #[serde(default)]
    pub follow_ups_closed: Vec<(EvaluationStage, NaiveDateTime, String)>,
    /// Each follow-up's steps so far: stage, when, by whom, assigned to, what was done.
    pub follow_up_notes: Vec<FollowUpNote>,
    /// When it was archived.
    pub archived: Option<NaiveDateTime>,
    /// The material hand-over ledger.
    pub ledger: Vec<(NaiveDateTime, Handover)>,
}

/// A step of a poor evaluation's follow-up (差评整改).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FollowUpNote {
    /// The stage followed up.
    pub stage: EvaluationStage,
    /// When.
    pub at: NaiveDateTime,
    /// Who recorded it.
    pub by: String,
    /// Assigned to from then on, if this step assigned it.
    pub assigned_to: Option<String>,
    /// What was done.
    pub action: String,
}

/// A reviewer's points on the papers (审查意见).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Opinion {
    /// Who.
    pub by: String,
    /// When.
    pub at: NaiveDateTime,
    /// The points.
    pub points: Vec<String>,
}

/// The receiver's confirmation of a hand-over line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Confirmation {
    /// The ledger line (0-based).
    pub line: usize,
    /// Who confirmed.
    pub by: String,
    /// When.
    pub at: NaiveDateTime,
}

/// A refusal filed by a reviewer (否定备案登记表).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FiledRefusal {
    /// The concrete reasons.
    pub reasons: Vec<String>,
    /// Their legal basis.
    pub legal_basis: String,
    /// Who filed it.
    pub by: String,
    /// When.
    pub at: NaiveDateTime,
}

/// A responsible department's opinion as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DepartmentAnswer {
    /// The department.
    pub department: String,
    /// Its stance.
    pub stance: Stance,
    /// Conditions or reasons.
    pub text: Vec<String>,
    /// Who recorded it.
    pub by: String,
    /// When.
    pub at: NaiveDateTime,
}

/// A joint meeting or inspection (联席会议 / 联合踏勘).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct JointMeeting {
    /// Meeting or inspection.
    pub kind: MeetingKind,
    /// Its day.
    pub on: NaiveDate,
    /// The departments invited.
    pub participants: Vec<String>,
    /// Who was absent, once it was held.
    pub absent: Option<Vec<String>>,
}

/// One evaluation (好差评) as the record keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Evaluation {
    /// The stage of service evaluated.
    pub stage: EvaluationStage,
    /// When.
    pub at: NaiveDateTime,
    /// The level, 1–5.
    pub level: u8,
}

impl CaseRecord {
    /// Whether a poor evaluation waits for its follow-up (差评整改).
    pub fn follow_up_open(&self) -> bool {
        !self.open_follow_ups().is_empty()
    }

    /// The stages whose poor evaluation waits for its follow-up, in the order given.
    pub fn open_follow_ups(&self) -> Vec<EvaluationStage> {
        self.evaluations
            .iter()
            .filter(|e| super::evaluation::is_poor(e.level))
            .map(|e| e.stage)
            .filter(|s| !self.follow_ups_closed.iter().any(|(c, _, _)| c == s))
            .collect()
    }

    /// Who the open follow-up of `stage` is assigned to (the last assignment), if anyone.
    pub fn follow_up_assignee(&self, stage: EvaluationStage) -> Option<&str> {
        self.follow_up_notes
            .iter()
            .rev()
            .filter(|n| n.stage == stage)
            .find_map(|n| n.assigned_to.as_deref())
    }

    /// Whether `department` has given its opinion or been recorded as consenting.
    pub fn has_answered(&self, department: &str) -> bool {
        self.department_opinions
            .iter()
            .any(|o| o.department == department)
            || self.default_consents.iter().any(|(d, ..)| d == department)
    }
}

/// A hand-over slip (交接单): the results the window hands out and the papers it collects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Slip {
    /// The result documents.
    pub results: Vec<String>,
    /// The papers to collect or check at 出件 ("名称：要求").
    pub collect: Vec<String>,
    /// Who prepared it.
    pub by: String,
    /// When.
    pub at: NaiveDateTime,
}

/// The slip's papers that `collected` does not yet include: 出件 waits for them.
pub fn uncollected(rec: &CaseRecord, collected: &[String]) -> Vec<String> {
    rec.slip
        .iter()
        .flat_map(|s| s.collect.iter())
        .filter(|line| !collected.contains(line))
        .cloned()
        .collect()
}

/// A period whose working days do not count against the limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Suspension {
    /// Why: the special procedure's name, or 补正.
    pub why: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day, or `None` while it lasts.
    pub to: Option<NaiveDate>,
    /// For a special procedure, its planned end.
    pub planned_end: Option<NaiveDate>,
}

/// An event the case's history cannot take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionError {
    /// The event does not follow from the current state.
    NotAllowed {
        /// Position of the event in the history (0-based).
        index: usize,
        /// The event's name.
        event: &'static str,
        /// The state it was tried in.
        state: Option<CaseState>,
        /// The events that may follow instead.
        allowed: Vec<&'static str>,
    },
    /// The event is incomplete (a missing reason, an impossible value).
    Invalid {
        /// Position of the event in the history (0-based).
        index: usize,
        /// The event's name.
        event: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The event is dated before the one before it.
    OutOfOrder {
        /// Position of the event in the history (0-based).
        index: usize,
        /// Its time.
        at: NaiveDateTime,
        /// The previous event's time.
        previous: NaiveDateTime,
    },
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransitionError::NotAllowed {
                index,
                event,
                state,
                allowed,
            } => {
                let state = state.map_or("new".to_string(), |s| state_name(s).to_string());
                write!(
                    f,
                    "event {index} ({event}) is not possible in state {state}; "
                )?;
                if allowed.is_empty() {
                    write!(f, "the case is closed")
                } else {
                    write!(f, "possible next: {}", allowed.join(", "))
                }
            }
            TransitionError::Invalid {
                index,
                event,
                reason,
            } => write!(f, "event {index} ({event}): {reason}"),
            TransitionError::OutOfOrder {
                index,
                at,
                previous,
            } => {
                write!(
                    f,
                    "event {index} is dated {at}, before the previous event ({previous})"
                )
            }
        }
    }
}

impl std::error::Error for TransitionError {}

/// The snake-case name of a state, as in the wire format.
pub fn state_name(state: CaseState) -> &'static str {
    match state {
        CaseState::PreChecked => "pre_checked",
        CaseState::Received => "received",
        CaseState::Accepted => "accepted",
        CaseState::NotAccepted => "not_accepted",
        CaseState::CorrectionRequested => "correction_requested",
        CaseState::UnderReview => "under_review",
        CaseState::SpecialProcedure => "special_procedure",
        CaseState::RefusalPending => "refusal_pending",
        CaseState::Decided { .. } => "decided",
        CaseState::Delivered { .. } => "delivered",
        CaseState::Evaluated => "evaluated",
        CaseState::Archived => "archived",
    }
}

/// The state an event leads to from `state`, or `None` if it cannot happen there. Every
/// event kind has its arm, so a new one must say where it may happen.
pub(super) fn target(
    state: Option<CaseState>,
    kind: &EventKind,
    rec: &CaseRecord,
) -> Option<CaseState> {
    use CaseState as S;
    use EventKind as E;
    let open = |s: CaseState| matches!(s, S::Accepted | S::UnderReview | S::SpecialProcedure);
    let during = |allowed: bool, next: CaseState| allowed.then_some(next);
    match kind {
        E::PreChecked => during(state.is_none(), S::PreChecked),
        E::Received => during(matches!(state, None | Some(S::PreChecked)), S::Received),
        E::Accepted { .. } => during(state == Some(S::Received), S::Accepted),
        E::NotAccepted { .. } => during(state == Some(S::Received), S::NotAccepted),
        E::CorrectionRequested { .. } => during(
            matches!(state, Some(S::Received | S::Accepted | S::UnderReview)),
            S::CorrectionRequested,
        ),
        // A correction before acceptance returns to the front desk's review; after
        // acceptance, to the back office's.
        E::CorrectionReceived => during(
            state == Some(S::CorrectionRequested),
            if rec.accepted.is_some() {
                S::UnderReview
            } else {
                S::Received
            },
        ),
        E::ReviewStarted => during(state == Some(S::Accepted), S::UnderReview),
        E::SpecialProcedureStarted { .. } => during(
            matches!(state, Some(S::Accepted | S::UnderReview)),
            S::SpecialProcedure,
        ),
        E::SpecialProcedureEnded => during(state == Some(S::SpecialProcedure), S::UnderReview),
        E::Extended { .. } => state.filter(|s| open(*s) && rec.extended.is_none()),
        // The choice may change until the result is handed out.
        E::DeliveryChosen { .. } => state.filter(|s| {
            !matches!(
                s,
                S::NotAccepted | S::Delivered { .. } | S::Evaluated | S::Archived
            )
        }),
        // Owned from receipt at a desk until archived.
        E::OwnerChanged { .. } => state.filter(|s| rec.owner.is_some() && *s != S::Archived),
        E::ReviewOpinion { .. } => state.filter(|s| {
            matches!(
                s,
                S::Accepted | S::UnderReview | S::SpecialProcedure | S::Received
            )
        }),
        E::HandoverConfirmed { line } => state
            .filter(|_| *line < rec.ledger.len() && !rec.confirmed.iter().any(|c| c.line == *line)),
        E::RefusalProposed { .. } => during(
            matches!(state, Some(S::Accepted | S::UnderReview)),
            S::RefusalPending,
        ),
        E::RefusalApproved => during(
            state == Some(S::RefusalPending),
            S::Decided { approved: false },
        ),
        E::RefusalReturned { .. } => during(state == Some(S::RefusalPending), S::UnderReview),
        E::Decided { approved, .. } => during(
            matches!(state, Some(S::Accepted | S::UnderReview)),
            S::Decided {
                approved: *approved,
            },
        ),
        // A joint case's departments answer while it is under review, once each.
        E::DepartmentOpinion { department, .. } | E::DefaultConsent { department, .. } => {
            state.filter(|s| open(*s) && !rec.has_answered(department))
        }
        E::JointMeetingScheduled { .. } => state.filter(|s| open(*s)),
        E::JointMeetingHeld { absent } => state.filter(|s| {
            open(*s)
                && rec.meeting.as_ref().is_some_and(|m| {
                    m.absent.is_none() && absent.iter().all(|a| m.participants.contains(a))
                })
        }),
        // The back office prepares the slip once the case is decided.
        E::SlipPrepared { .. } => state.filter(|s| matches!(s, S::Decided { .. })),
        // Results are handed out only once every tolerated (容缺) paper is in, and with
        // every paper the slip asks for.
        E::Delivered {
            method, collected, ..
        } => during(
            matches!(state, Some(S::Decided { .. }))
                && super::open_tolerated(rec).is_empty()
                && uncollected(rec, collected).is_empty(),
            S::Delivered { method: *method },
        ),
        // One evaluation per stage: the hand-out's ends the case's service; the
        // reception's leaves the case where it is.
        E::Evaluated { stage, .. } => {
            let open = super::evaluation::open_stage(rec) == Some(*stage);
            match stage {
                EvaluationStage::Handout => during(open, S::Evaluated),
                EvaluationStage::Acceptance => state.filter(|_| open),
            }
        }
        E::FollowUpClosed { stage, .. } | E::FollowUpNoted { stage, .. } => {
            state.filter(|_| rec.open_follow_ups().contains(stage))
        }
        // A poor evaluation's follow-up is closed before the case is archived.
        E::Archived => during(
            matches!(
                state,
                Some(S::NotAccepted | S::Delivered { .. } | S::Evaluated)
            ) && !rec.follow_up_open(),
            S::Archived,
        ),
        // A tolerated paper may come in until the result is handed out (which waits for it).
        E::ToleratedSupplied { material } => state.filter(|s| {
            !matches!(s, S::Delivered { .. } | S::Evaluated | S::Archived)
                && rec.tolerated.iter().any(|t| &t.material == material)
                && !rec.supplied.iter().any(|(m, _)| m == material)
        }),
        E::HandedOver(_) => state.filter(|s| !matches!(s, S::PreChecked | S::Archived)),
    }
}

/// Why `step` waits for tolerated (容缺) papers, naming each outstanding one by `name`:
/// a decided case's result is handed out only once they are all in.
pub fn waiting_for_tolerated(
    rec: &CaseRecord,
    step: EventType,
    name: impl Fn(&str) -> String,
) -> Option<String> {
    let open = super::open_tolerated(rec);
    (step == EventType::Delivered
        && matches!(rec.state, Some(CaseState::Decided { .. }))
        && !open.is_empty())
    .then(|| {
        let names: Vec<String> = open.iter().map(|id| name(id)).collect();
        format!(
            "results are handed out only after the tolerated materials are supplied; outstanding: {}",
            names.join(", ")
        )
    })
}

/// The events that may follow the record's current state.
pub fn allowed_events(rec: &CaseRecord) -> Vec<EventType> {
    EventType::ALL
        .iter()
        .copied()
        .filter(|t| t.allowed(rec))
        .collect()
}

/// What an event must carry to be recorded. Every event kind has its arm.
fn validate(kind: &EventKind) -> Result<(), String> {
    let blank = |s: &str| s.trim().is_empty();
    let need = |missing: bool, why: &str| {
        if missing {
            Err(why.to_string())
        } else {
            Ok(())
        }
    };
    match kind {
        EventKind::NotAccepted { reasons } => need(
            reasons.iter().all(|r| blank(r)),
            "a refusal must give its concrete reasons",
        ),
        EventKind::CorrectionRequested { items } => need(
            items.iter().all(|r| blank(r)),
            "a correction request must list every missing or defective material",
        ),
        EventKind::Extended { reason, approver } => need(
            blank(reason) || blank(approver),
            "an extension needs a recorded reason and the approver's name",
        ),
        EventKind::Decided { approved, reasons } => need(
            !approved && reasons.iter().all(|r| blank(r)),
            "a denial must give its reasons",
        ),
        EventKind::Delivered {
            method, tracking, ..
        } => need(
            *method == DeliveryMethod::Post && tracking.as_deref().is_none_or(blank),
            "a posted result needs its tracking number",
        ),
        EventKind::Evaluated { level, reasons, .. } => {
            match super::evaluation::problem(*level, reasons) {
                Some(p) => Err(p),
                None => Ok(()),
            }
        }
        EventKind::FollowUpClosed { result, .. } => need(
            blank(result),
            "a closed follow-up says what was found and rectified",
        ),
        EventKind::FollowUpNoted {
            action,
            assigned_to,
            ..
        } => need(
            blank(action) || assigned_to.as_deref().is_some_and(blank),
            "a follow-up step says what was done, and names whom it assigns",
        ),
        EventKind::SpecialProcedureStarted { procedure, .. } => need(
            blank(procedure),
            "name the special procedure (e.g. 现场勘验)",
        ),
        EventKind::HandedOver(h) => need(
            h.copies == 0 || blank(&h.from) || blank(&h.to),
            "a hand-over needs at least one copy and who handed over and who received",
        ),
        EventKind::RefusalProposed {
            reasons,
            legal_basis,
        } => need(
            reasons.iter().all(|r| blank(r)) || blank(legal_basis),
            "a filed refusal needs its reasons and their legal basis",
        ),
        EventKind::RefusalReturned { reason } => need(blank(reason), "a returned refusal says why"),
        EventKind::DeliveryChosen { method, address } => need(
            *method == DeliveryMethod::Post && address.as_deref().is_none_or(blank),
            "post needs the address",
        ),
        EventKind::OwnerChanged { to, reason } => need(
            blank(to) || blank(reason),
            "a case is handed to a named clerk, with a reason",
        ),
        EventKind::ReviewOpinion { points } => need(
            points.iter().all(|p| blank(p)),
            "a review opinion lists its points",
        ),
        EventKind::HandoverConfirmed { .. } => Ok(()),
        EventKind::DepartmentOpinion {
            department,
            stance,
            text,
        } => {
            if blank(department) {
                Err("name the department giving the opinion".into())
            } else {
                need(
                    *stance != Stance::Agree && text.iter().all(|t| blank(t)),
                    "an opinion with conditions or a disagreement gives them",
                )
            }
        }
        EventKind::JointMeetingScheduled { participants, .. } => need(
            participants.is_empty(),
            "a joint meeting invites at least one department",
        ),
        EventKind::JointMeetingHeld { .. } | EventKind::DefaultConsent { .. } => Ok(()),
        EventKind::SlipPrepared { results, .. } => need(
            results.iter().all(|r| blank(r)),
            "a hand-over slip names the result documents",
        ),
        EventKind::PreChecked
        | EventKind::Received
        | EventKind::Accepted { .. }
        | EventKind::CorrectionReceived
        | EventKind::ReviewStarted
        | EventKind::SpecialProcedureEnded
        | EventKind::ToleratedSupplied { .. }
        | EventKind::RefusalApproved
        | EventKind::Archived => Ok(()),
    }
}

/// Replays a case's events into its record, refusing the first one that cannot happen.
pub fn replay(events: &[Event]) -> Result<CaseRecord, TransitionError> {
    let mut rec = CaseRecord::default();
    let mut previous: Option<NaiveDateTime> = None;
    for (index, event) in events.iter().enumerate() {
        if let Some(previous) = previous.filter(|p| event.at < *p) {
            return Err(TransitionError::OutOfOrder {
                index,
                at: event.at,
                previous,
            });
        }
        previous = Some(event.at);
        let name = event.kind.name();
        let Some(next) = target(rec.state, &event.kind, &rec) else {
            if let Some(reason) =
                waiting_for_tolerated(&rec, event.kind.event_type(), |id| id.into())
            {
                return Err(TransitionError::Invalid {
                    index,
                    event: name,
                    reason,
                });
            }
            if let EventKind::Delivered { collected, .. } = &event.kind {
                let missing = uncollected(&rec, collected);
                if !missing.is_empty() {
                    return Err(TransitionError::Invalid {
                        index,
                        event: name,
                        reason: format!(
                            "the hand-over slip's papers were not all collected: {}",
                            missing.join(", ")
                        ),
                    });
                }
            }
            return Err(TransitionError::NotAllowed {
                index,
                event: name,
                state: rec.state,
                allowed: allowed_events(&rec).iter().map(|t| t.name()).collect(),
            });
        };
        validate(&event.kind).map_err(|reason| TransitionError::Invalid {
            index,
            event: name,
            reason,
        })?;
        apply(&mut rec, event);
        rec.state = Some(next);
    }
    Ok(rec)
}

fn apply(rec: &mut CaseRecord, event: &Event) {
    let day = event.at.date();
    let told = |rec: &mut CaseRecord| {
        if rec.first_told.is_none() {
            rec.first_told = Some(event.at);
        }
    };
    match &event.kind {
        EventKind::Received => {
            rec.received.get_or_insert(event.at);
            // Whoever takes the papers in at a desk owns the case (首办负责人).
            if rec.owner.is_none() && matches!(event.role, Role::Clerk | Role::Support) {
                rec.owner = Some(event.actor.clone());
            }
        }
        EventKind::OwnerChanged { to, .. } => rec.owner = Some(to.clone()),
        EventKind::DeliveryChosen { method, address } => {
            rec.delivery = Some((*method, address.clone()))
        }
        EventKind::Accepted { tolerated } => {
            told(rec);
            rec.accepted = Some(event.at);
            rec.tolerated = tolerated.clone();
        }
        EventKind::NotAccepted { .. } => told(rec),
        EventKind::CorrectionRequested { .. } => {
            // The points it carries have been told.
            rec.opinions.clear();
            if rec.accepted.is_some() {
                rec.suspensions.push(Suspension {
                    why: "补正".into(),
                    from: day,
                    to: None,
                    planned_end: None,
                });
            } else {
                told(rec);
            }
        }
        EventKind::CorrectionReceived | EventKind::SpecialProcedureEnded => {
            if let Some(open) = rec.suspensions.iter_mut().rev().find(|s| s.to.is_none()) {
                open.to = Some(day);
            }
        }
        EventKind::SpecialProcedureStarted {
            procedure,
            planned_end,
        } => rec.suspensions.push(Suspension {
            why: procedure.clone(),
            from: day,
            to: None,
            planned_end: Some(*planned_end),
        }),
        EventKind::Extended { reason, approver } => {
            rec.extended = Some((event.at, reason.clone(), approver.clone()));
        }
        EventKind::Decided { approved, .. } => rec.decided = Some((event.at, *approved)),
        EventKind::RefusalProposed {
            reasons,
            legal_basis,
        } => {
            rec.refusal = Some(FiledRefusal {
                reasons: reasons.clone(),
                legal_basis: legal_basis.clone(),
                by: event.actor.clone(),
                at: event.at,
            })
        }
        EventKind::RefusalApproved => rec.decided = Some((event.at, false)),
        EventKind::RefusalReturned { .. } => rec.refusal = None,
        EventKind::ReviewOpinion { points } => rec.opinions.push(Opinion {
            by: event.actor.clone(),
            at: event.at,
            points: points.clone(),
        }),
        EventKind::HandoverConfirmed { line } => rec.confirmed.push(Confirmation {
            line: *line,
            by: event.actor.clone(),
            at: event.at,
        }),
        EventKind::DepartmentOpinion {
            department,
            stance,
            text,
        } => rec.department_opinions.push(DepartmentAnswer {
            department: department.clone(),
            stance: *stance,
            text: text.clone(),
            by: event.actor.clone(),
            at: event.at,
        }),
        EventKind::DefaultConsent { department, by } => {
            rec.default_consents
                .push((department.clone(), *by, event.at))
        }
        EventKind::JointMeetingScheduled {
            kind,
            on,
            participants,
        } => {
            rec.meeting = Some(JointMeeting {
                kind: *kind,
                on: *on,
                participants: participants.clone(),
                absent: None,
            })
        }
        EventKind::JointMeetingHeld { absent } => {
            if let Some(m) = rec.meeting.as_mut() {
                m.absent = Some(absent.clone());
            }
        }
        EventKind::SlipPrepared { results, collect } => {
            rec.slip = Some(Slip {
                results: results.clone(),
                collect: collect.clone(),
                by: event.actor.clone(),
                at: event.at,
            })
        }
        EventKind::Archived => rec.archived = Some(event.at),
        EventKind::ToleratedSupplied { material } => {
            rec.supplied.push((material.clone(), event.at))
        }
        EventKind::HandedOver(h) => rec.ledger.push((event.at, h.clone())),
        EventKind::PreChecked | EventKind::ReviewStarted | EventKind::Delivered { .. } => {}
        EventKind::Evaluated { stage, level, .. } => rec.evaluations.push(Evaluation {
            stage: *stage,
            at: event.at,
            level: *level,
        }),
        EventKind::FollowUpClosed { stage, result } => {
            rec.follow_ups_closed
                .push((*stage, event.at, result.clone()))
        }
        EventKind::FollowUpNoted {
            stage,
            assigned_to,
            action,
        } => rec.follow_up_notes.push(FollowUpNote {
            stage: *stage,
            at: event.at,
            by: event.actor.clone(),
            assigned_to: assigned_to.clone(),
            action: action.clone(),
        }),
    }
}
