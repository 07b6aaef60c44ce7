//! The two entry points the shells call for a stored case: everything a screen shows of
//! it ([`view`]), and recording the next step ([`record_step`]). The desk, the server and
//! the notices call these; none of them assembles replay, deadlines and steps itself.

use super::deadlines::{
    deadlines, CaseDeadline, CaseDeadlines, DeadlineSettings, DueStatus, Limits,
};
use super::lifecycle::{replay, waiting_for_tolerated, CaseRecord, TransitionError};
use super::steps::{build_event, step_forms, EventType, StepForm, StepInput};
use super::{CaseState, Event, EventKind, Role};
use crate::calendar::Calendar;
use crate::diagnostic::FieldError;
use crate::notice::NoticeKind;
use crate::ServiceItem;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// A case as of one day: its state, record, deadlines and the steps it may take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseView {
    /// Where it stands (`None` before the first event).
    pub state: Option<CaseState>,
    /// Its events, oldest first.
    pub events: Vec<Event>,
    /// What the events say.
    pub record: CaseRecord,
    /// Every deadline with its status; `None` when the item is no longer in the
    /// catalogue or the calendar does not reach the deadline (see `deadline_problem`).
    pub deadlines: Option<CaseDeadlines>,
    /// Why there are no deadlines, in words, when there are none.
    pub deadline_problem: Option<String>,
    /// The worst status of the open deadlines.
    pub warning: Option<DueStatus>,
    /// The open deadline that falls first.
    pub next_deadline: Option<CaseDeadline>,
    /// Working days from the day of the view to that deadline (negative when overdue).
    pub working_days_left: Option<i64>,
    /// The steps a clerk may record now, each with its form.
    pub steps: Vec<StepForm>,
    /// The tolerated (容缺) papers not yet supplied, by name: a decided case's result is
    /// handed out only once they are in.
    #[serde(default)]
    pub outstanding_tolerated: Vec<String>,
    /// What the next correction request carries without being typed: every reviewer's
    /// points since the last one and the outstanding tolerated papers.
    #[serde(default)]
    pub pending_corrections: Vec<String>,
    /// 联办件: each responsible department's step, deadline and answer (or default
    /// consent) as of the day of the view; empty for other items.
    #[serde(default)]
    pub joint: Vec<super::joint::DepartmentReview>,
}

/// The case made of `events`, for `item` (`None` when the catalogue no longer has it),
/// as of `today`.
pub fn view(
    events: &[Event],
    item: Option<&ServiceItem>,
    calendar: &Calendar,
    settings: &DeadlineSettings,
    today: NaiveDate,
) -> Result<CaseView, TransitionError> {
    let record = replay(events)?;
    let (due, problem) = match item {
        Some(item) => match deadlines(&record, &Limits::of(item), calendar, today, settings) {
            Ok(d) => (Some(d), None),
            Err(e) => (None, Some(e.to_string())),
        },
        None => (None, Some("该事项已不在事项目录中，无法计算期限".into())),
    };
    let warning = due.as_ref().and_then(CaseDeadlines::warning);
    let next_deadline = due.as_ref().and_then(|d| d.nearest_open().cloned());
    let working_days_left = due
        .as_ref()
        .and_then(|d| d.working_days_left(calendar, today));
    let joint = match (item, &due) {
        (Some(item), Some(due)) => super::joint::joint_review(item, &record, due, today),
        _ => Vec::new(),
    };
    Ok(CaseView {
        joint,
        state: record.state,
        events: events.to_vec(),
        steps: step_forms(&record, item),
        pending_corrections: super::pending_corrections(&record, item),
        outstanding_tolerated: super::open_tolerated(&record)
            .iter()
            .map(|id| {
                item.and_then(|i| i.materials.iter().find(|m| &m.id == id))
                    .map_or_else(|| id.clone(), |m| m.name.clone())
            })
            .collect(),
        record,
        deadlines: due,
        deadline_problem: problem,
        warning,
        next_deadline,
        working_days_left,
    })
}

/// A step to record, as a clerk entered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StepRequest {
    /// Which step.
    pub step: EventType,
    /// What was typed into its form, by field.
    #[serde(default)]
    pub fields: StepInput,
    /// A free note.
    #[serde(default)]
    pub note: String,
}

/// Who records a step, and when (the server's session and clock; never the client's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorder {
    /// The account's name.
    pub actor: String,
    /// Its role on the case.
    pub role: Role,
    /// The server's clock.
    pub now: NaiveDateTime,
}

/// A recorded step: the case's events after it and the notices it produces.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// Every event, the new one last.
    pub events: Vec<Event>,
    /// What they say.
    pub record: CaseRecord,
    /// The notices the step produces, to be numbered and printed.
    pub notices: Vec<NoticeKind>,
}

/// Why a step cannot be recorded.
#[derive(Debug, Clone, PartialEq)]
pub enum StepRefused {
    /// A field is missing or wrong; each is named.
    Fields(Vec<FieldError>),
    /// The case cannot take this step now.
    Transition(TransitionError),
}

impl std::fmt::Display for StepRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StepRefused::Fields(problems) => {
                let list: Vec<&str> = problems.iter().map(|p| p.problem.as_str()).collect();
                write!(f, "{}", list.join("；"))
            }
            StepRefused::Transition(e) => write!(f, "{e}"),
        }
    }
}

impl StepRefused {
    /// Every problem, each named by field (`step` for the step itself).
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            StepRefused::Fields(problems) => problems.clone(),
            StepRefused::Transition(e) => vec![FieldError {
                field: "step".into(),
                problem: e.to_string(),
            }],
        }
    }
}

/// Records `request` on the case made of `events`. The step is dated by the recorder's
/// clock, but never before the last event (a clock that went back cannot reorder the
/// history).
pub fn record_step(
    events: &[Event],
    item: Option<&ServiceItem>,
    request: &StepRequest,
    by: &Recorder,
    calendar: &Calendar,
    settings: &DeadlineSettings,
) -> Result<Recorded, StepRefused> {
    let before = replay(events).map_err(StepRefused::Transition)?;
    let material = |id: &str| {
        item.and_then(|i| i.materials.iter().find(|m| m.id == id))
            .map_or_else(|| id.to_string(), |m| m.name.clone())
    };
    if let Some(reason) = waiting_for_tolerated(&before, request.step, material) {
        return Err(StepRefused::Transition(TransitionError::Invalid {
            index: events.len(),
            event: request.step.name(),
            reason,
        }));
    }
    // Only the owner hands a case on (the supervisor may reassign any).
    if request.step == EventType::OwnerChanged
        && !super::access::may_hand_on(&by.actor, by.role, &before)
    {
        return Err(StepRefused::Fields(vec![FieldError {
            field: "step".into(),
            problem: format!(
                "只有首办负责人（{}）或中心管理人员可以转交本件",
                before.owner.as_deref().unwrap_or("")
            ),
        }]));
    }
    if !request.step.recorded_on_the_case_page() || !request.step.allowed(&before) {
        let allowed: Vec<&'static str> = step_forms(&before, item)
            .iter()
            .map(|s| s.step.name())
            .collect();
        return Err(StepRefused::Transition(TransitionError::NotAllowed {
            index: events.len(),
            event: request.step.name(),
            state: before.state,
            allowed,
        }));
    }
    let kind: EventKind = build_event(request.step, &request.fields, &before, item, &by.actor)
        .map_err(StepRefused::Fields)?;
    let at = events.last().map_or(by.now, |e| e.at.max(by.now));
    let defaults = joint_defaults(&before, item, request.step, by, calendar, settings)?;
    let notices = kind.notices_for(super::Stage::Later, item);
    let mut all = events.to_vec();
    // The departments that count as consenting are recorded before the lead's decision.
    for default in defaults {
        all.push(Event {
            at,
            actor: by.actor.clone(),
            role: by.role,
            note: String::new(),
            kind: default,
            device_at: None,
        });
    }
    all.push(Event {
        at,
        actor: by.actor.clone(),
        role: by.role,
        note: request.note.trim().to_string(),
        kind,
        device_at: None,
    });
    let record = replay(&all).map_err(StepRefused::Transition)?;
    Ok(Recorded {
        events: all,
        record,
        notices,
    })
}

/// 联办件: before the lead decides (or files a refusal), every responsible department has
/// answered or counts as consenting; the defaults to record first, or why not yet.
fn joint_defaults(
    rec: &CaseRecord,
    item: Option<&ServiceItem>,
    step: EventType,
    by: &Recorder,
    calendar: &Calendar,
    settings: &DeadlineSettings,
) -> Result<Vec<EventKind>, StepRefused> {
    let Some(item) = item.filter(|i| !i.responsible_departments.is_empty()) else {
        return Ok(Vec::new());
    };
    if !matches!(step, EventType::Decided | EventType::RefusalProposed) {
        return Ok(Vec::new());
    }
    let today = by.now.date();
    let due = deadlines(rec, &Limits::of(item), calendar, today, settings).map_err(|e| {
        StepRefused::Fields(vec![FieldError {
            field: "step".into(),
            problem: e.to_string(),
        }])
    })?;
    let reviews = super::joint::joint_review(item, rec, &due, today);
    let waiting = super::joint::still_waiting(&reviews);
    if !waiting.is_empty() {
        return Err(StepRefused::Fields(vec![FieldError {
            field: "step".into(),
            problem: format!(
                "以下责任部门尚未出具意见，须待其出具意见或期限届满（超时默认）后再作决定：{}",
                waiting.join("；")
            ),
        }]));
    }
    Ok(super::joint::defaults_to_record(&reviews))
}
