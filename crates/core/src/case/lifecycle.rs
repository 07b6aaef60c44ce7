//! The case state machine: which event may follow which state, and replaying the events
//! into the case's current record.

use super::{CaseState, Event, EventKind, EventType, Handover, ToleratedMaterial};
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
    /// When it was archived.
    pub archived: Option<NaiveDateTime>,
    /// The material hand-over ledger.
    pub ledger: Vec<(NaiveDateTime, Handover)>,
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
        CaseState::Decided { .. } => "decided",
        CaseState::Delivered { .. } => "delivered",
        CaseState::Evaluated => "evaluated",
        CaseState::Archived => "archived",
    }
}

/// The state an event leads to from `state`, or `None` if it cannot happen there.
pub(super) fn target(
    state: Option<CaseState>,
    kind: &EventKind,
    rec: &CaseRecord,
) -> Option<CaseState> {
    use CaseState as S;
    use EventKind as E;
    let open = |s: CaseState| matches!(s, S::Accepted | S::UnderReview | S::SpecialProcedure);
    match (state, kind) {
        (None, E::PreChecked) => Some(S::PreChecked),
        (None | Some(S::PreChecked), E::Received) => Some(S::Received),
        (Some(S::Received), E::Accepted { .. }) => Some(S::Accepted),
        (Some(S::Received), E::NotAccepted { .. }) => Some(S::NotAccepted),
        (Some(S::Received | S::Accepted | S::UnderReview), E::CorrectionRequested { .. }) => {
            Some(S::CorrectionRequested)
        }
        // A correction before acceptance returns to the front desk's review; after
        // acceptance, to the back office's.
        (Some(S::CorrectionRequested), E::CorrectionReceived) => Some(if rec.accepted.is_some() {
            S::UnderReview
        } else {
            S::Received
        }),
        (Some(S::Accepted), E::ReviewStarted) => Some(S::UnderReview),
        (Some(S::Accepted | S::UnderReview), E::SpecialProcedureStarted { .. }) => {
            Some(S::SpecialProcedure)
        }
        (Some(S::SpecialProcedure), E::SpecialProcedureEnded) => Some(S::UnderReview),
        (Some(s), E::Extended { .. }) if open(s) && rec.extended.is_none() => Some(s),
        (Some(S::Accepted | S::UnderReview), E::Decided { approved, .. }) => Some(S::Decided {
            approved: *approved,
        }),
        (Some(S::Decided { .. }), E::Delivered { method, .. }) => {
            Some(S::Delivered { method: *method })
        }
        (Some(S::Delivered { .. }), E::Evaluated { .. }) => Some(S::Evaluated),
        (Some(S::NotAccepted | S::Delivered { .. } | S::Evaluated), E::Archived) => {
            Some(S::Archived)
        }
        (Some(s), E::ToleratedSupplied { material })
            if rec.decided.is_none()
                && rec.tolerated.iter().any(|t| &t.material == material)
                && !rec.supplied.iter().any(|(m, _)| m == material) =>
        {
            Some(s)
        }
        (Some(s), E::HandedOver(_)) if !matches!(s, S::PreChecked | S::Archived) => Some(s),
        _ => None,
    }
}

/// The events that may follow the record's current state.
pub fn allowed_events(rec: &CaseRecord) -> Vec<EventType> {
    EventType::ALL
        .iter()
        .copied()
        .filter(|t| t.allowed(rec))
        .collect()
}

/// What an event must carry to be recorded.
fn validate(kind: &EventKind) -> Result<(), String> {
    let blank = |s: &str| s.trim().is_empty();
    match kind {
        EventKind::NotAccepted { reasons } if reasons.iter().all(|r| blank(r)) => {
            Err("a refusal must give its concrete reasons".into())
        }
        EventKind::CorrectionRequested { items } if items.iter().all(|r| blank(r)) => {
            Err("a correction request must list every missing or defective material".into())
        }
        EventKind::Extended { reason, approver } if blank(reason) || blank(approver) => {
            Err("an extension needs a recorded reason and the approver's name".into())
        }
        EventKind::Decided {
            approved: false,
            reasons,
        } if reasons.iter().all(|r| blank(r)) => Err("a denial must give its reasons".into()),
        EventKind::Delivered {
            method: DeliveryMethod::Post,
            tracking,
        } if tracking.as_deref().is_none_or(blank) => {
            Err("a posted result needs its tracking number".into())
        }
        EventKind::Evaluated { level, .. } if !(1..=5).contains(level) => {
            Err(format!("an evaluation is 1 to 5, not {level}"))
        }
        EventKind::SpecialProcedureStarted { procedure, .. } if blank(procedure) => {
            Err("name the special procedure (e.g. 现场勘验)".into())
        }
        EventKind::HandedOver(h) if h.copies == 0 || blank(&h.from) || blank(&h.to) => {
            Err("a hand-over needs at least one copy and who handed over and who received".into())
        }
        _ => Ok(()),
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
        }
        EventKind::Accepted { tolerated } => {
            told(rec);
            rec.accepted = Some(event.at);
            rec.tolerated = tolerated.clone();
        }
        EventKind::NotAccepted { .. } => told(rec),
        EventKind::CorrectionRequested { .. } => {
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
        EventKind::Archived => rec.archived = Some(event.at),
        EventKind::ToleratedSupplied { material } => {
            rec.supplied.push((material.clone(), event.at))
        }
        EventKind::HandedOver(h) => rec.ledger.push((event.at, h.clone())),
        EventKind::PreChecked
        | EventKind::ReviewStarted
        | EventKind::Delivered { .. }
        | EventKind::Evaluated { .. } => {}
    }
}
