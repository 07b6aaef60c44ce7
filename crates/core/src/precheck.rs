//! The online pre-check (网上预审): what the applicant will need, the likely outcome if
//! they bring everything on the list, and the deadlines if the window accepted it today.

use crate::calendar::{Calendar, CalendarError};
use crate::case::{deadlines, replay, DeadlineKind, DeadlineSettings, Event, Limits, Role};
use crate::catalog::MaterialKind;
use crate::checklist::{checklist, Checklist};
use crate::condition::Answers;
use crate::outcome::{decide, MaterialStatus, Outcome};
use crate::ServiceItem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The pre-check of one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Precheck {
    /// The checklist for the answers.
    pub checklist: Checklist,
    /// The outcome at the window if everything required is brought in good order; `None`
    /// while questions are unanswered.
    pub likely: Option<Outcome>,
    /// The deadlines if the papers were received (and, where the window may, accepted) on
    /// `today`, as (kind, date).
    pub deadlines: Vec<(DeadlineKind, NaiveDate)>,
}

/// Pre-checks `item` for `answers` as of `today`, with the deployment's deadline settings.
pub fn precheck(
    item: &ServiceItem,
    answers: &Answers,
    cal: &Calendar,
    settings: &DeadlineSettings,
    today: NaiveDate,
) -> Result<Precheck, CalendarError> {
    let list = checklist(item, answers);
    if !list.pending.is_empty() {
        return Ok(Precheck {
            checklist: list,
            likely: None,
            deadlines: Vec::new(),
        });
    }
    let provided = |kind: MaterialKind| match kind {
        MaterialKind::Paper => MaterialStatus::Original,
        MaterialKind::Requirement => MaterialStatus::Satisfied,
    };
    let marks: Vec<MaterialStatus> = list.entries.iter().map(|e| provided(e.kind)).collect();
    let likely = decide(item.front_desk, &list.refusals, &list.entries, |e| {
        list.entries
            .iter()
            .position(|x| std::ptr::eq(x, e))
            .map(|i| &marks[i])
    });
    let mut dates = Vec::new();
    if !matches!(likely, Outcome::NotAccepted { .. }) {
        let at = today.and_hms_opt(9, 0, 0).unwrap_or_default();
        let event = |kind| Event {
            at,
            actor: String::new(),
            role: Role::Clerk,
            note: String::new(),
            kind,
            device_at: None,
        };
        let mut events = vec![event(crate::case::EventKind::Received)];
        if !matches!(likely, Outcome::ReceivedOnly) {
            events.push(event(likely.event()));
        }
        if let Ok(record) = replay(&events) {
            let due = deadlines(&record, &Limits::of(item), cal, today, settings)?;
            dates = due
                .deadlines
                .into_iter()
                .map(|d| (d.kind, d.deadline.due))
                .collect();
        }
    }
    Ok(Precheck {
        checklist: list,
        likely: Some(likely),
        deadlines: dates,
    })
}
