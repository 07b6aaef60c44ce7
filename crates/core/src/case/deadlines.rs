//! Every deadline a case has, derived from its record, the item's limits and the
//! calendar, each with a warning level as of a given day.

use super::lifecycle::CaseRecord;
use crate::calendar::{Calendar, CalendarError, DateRange, Deadline};
use crate::catalog::{CaseKind, ServiceItem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The time limits of the item a case is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Limits {
    /// Immediate, committed or joint.
    pub kind: CaseKind,
    /// 承诺时限, working days.
    pub promised_days: u32,
    /// 法定时限, working days.
    pub statutory_days: u32,
    /// 联办件: each responsible department and its step's working days from acceptance.
    #[serde(default)]
    pub departments: Vec<(String, u32)>,
}

impl Limits {
    /// The limits of `item`.
    pub fn of(item: &ServiceItem) -> Limits {
        Limits {
            kind: item.kind,
            promised_days: item.promised_limit(),
            statutory_days: item.statutory_limit(),
            departments: item
                .responsible_departments
                .iter()
                .map(|s| (s.department.clone(), s.days))
                .collect(),
        }
    }
}

pub use crate::settings::DeadlineSettings;

/// Which deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Tell a received application what is missing (Art. 32), or it counts as accepted.
    NotifyGaps,
    /// Supply a tolerated-missing material; never after the promised deadline.
    Supply {
        /// The material's id.
        material: String,
        /// Whether the promised deadline cut the supply period short.
        capped: bool,
    },
    /// The promised decision deadline (承诺时限), with any extension.
    Promised,
    /// The statutory decision deadline (法定时限), with any extension.
    Statutory,
    /// Archive within 5 working days of the decision.
    Archive,
    /// 差评整改: a poor evaluation's follow-up, of its stage (none for a complaint).
    FollowUp {
        /// The stage evaluated.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stage: Option<super::evaluation::EvaluationStage>,
    },
    /// 联办件: a responsible department's opinion (审批流程表).
    Department {
        /// Which department.
        department: String,
    },
}

/// How a deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DueStatus {
    /// Open, with time to spare.
    OnTime,
    /// Open, and due within the "due soon" threshold.
    DueSoon,
    /// Open, and past its day.
    Overdue,
    /// Done on or before its day.
    Met,
    /// Done, but after its day.
    MetLate,
}

/// One deadline of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseDeadline {
    /// Which one.
    pub kind: DeadlineKind,
    /// The date and how it was reached.
    pub deadline: Deadline,
    /// How it stands as of the day asked.
    pub status: DueStatus,
}

/// All deadlines of a case as of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseDeadlines {
    /// The deadlines, in the order they arise.
    pub deadlines: Vec<CaseDeadline>,
    /// Set when a received application was not told of its gaps in time, so that it
    /// counts as accepted from the day of receipt (Art. 32).
    pub deemed_accepted_from: Option<NaiveDate>,
}

impl CaseDeadlines {
    /// The worst status among the open deadlines, for a supervisor's list; `None` when
    /// nothing is open.
    pub fn warning(&self) -> Option<DueStatus> {
        let rank = |s: DueStatus| match s {
            DueStatus::Overdue => 3,
            DueStatus::DueSoon => 2,
            DueStatus::OnTime => 1,
            DueStatus::Met | DueStatus::MetLate => 0,
        };
        self.deadlines
            .iter()
            .map(|d| d.status)
            .filter(|s| rank(*s) > 0)
            .max_by_key(|s| rank(*s))
    }

    /// The nearest deadline still open (on time, due soon or overdue): what the desk has
    /// to watch for this case.
    pub fn nearest_open(&self) -> Option<&CaseDeadline> {
        self.deadlines
            .iter()
            .filter(|d| {
                matches!(
                    d.status,
                    DueStatus::OnTime | DueStatus::DueSoon | DueStatus::Overdue
                )
            })
            .min_by_key(|d| d.deadline.due)
    }

    /// Working days from `today` to the nearest open deadline; negative when it is past.
    pub fn working_days_left(&self, cal: &Calendar, today: NaiveDate) -> Option<i64> {
        let due = self.nearest_open()?.deadline.due;
        if due >= today {
            cal.working_days_elapsed(today, due).ok().map(i64::from)
        } else {
            cal.working_days_elapsed(due, today)
                .ok()
                .map(|d| -i64::from(d))
        }
    }

    /// The deadline of this kind, if the case has one.
    pub fn get(&self, kind: &DeadlineKind) -> Option<&CaseDeadline> {
        self.deadlines.iter().find(|d| &d.kind == kind)
    }
}

/// How a deadline due on `due` stands on `today`: met (in time or late) when done,
/// otherwise on time, due soon (within `settings.due_soon_days`) or overdue.
pub fn due_status(
    cal: &Calendar,
    settings: &DeadlineSettings,
    today: NaiveDate,
    due: NaiveDate,
    done: Option<NaiveDate>,
) -> Result<DueStatus, CalendarError> {
    Ok(match done {
        Some(day) if day <= due => DueStatus::Met,
        Some(_) => DueStatus::MetLate,
        None if today > due => DueStatus::Overdue,
        None if cal.working_days_elapsed(today, due)? <= settings.due_soon_days => {
            DueStatus::DueSoon
        }
        None => DueStatus::OnTime,
    })
}

/// Every deadline of the case recorded in `rec`, as of `today`.
pub fn deadlines(
    rec: &CaseRecord,
    limits: &Limits,
    cal: &Calendar,
    today: NaiveDate,
    settings: &DeadlineSettings,
) -> Result<CaseDeadlines, CalendarError> {
    let status =
        |due: NaiveDate, done: Option<NaiveDate>| due_status(cal, settings, today, due, done);
    let mut out = Vec::new();
    let mut deemed_accepted_from = None;

    if let Some(received) = rec.received.map(|t| t.date()) {
        let notify = cal.deadline(received, settings.notify_days, &[])?;
        let told = rec.first_told.map(|t| t.date());
        let s = status(notify.due, told)?;
        if told.is_none_or(|t| t > notify.due) && today > notify.due {
            deemed_accepted_from = Some(received);
        }
        out.push(CaseDeadline {
            kind: DeadlineKind::NotifyGaps,
            deadline: notify,
            status: s,
        });
    }

    let start = rec.accepted.map(|t| t.date()).or(deemed_accepted_from);
    if let Some(start) = start {
        let suspensions: Vec<DateRange> = rec
            .suspensions
            .iter()
            .map(|s| DateRange {
                from: s.from,
                // An open period is assumed to last until its planned end, or today.
                to: s
                    .to
                    .unwrap_or_else(|| s.planned_end.unwrap_or(today).max(today)),
            })
            .collect();
        let extension = match (&rec.extended, limits.kind) {
            (None, _) => 0,
            (Some(_), CaseKind::Joint) => settings.joint_extension_days,
            (Some(_), _) => settings.extension_days,
        };
        let decided = rec.decided.map(|(t, _)| t.date());
        let promised_days = match limits.kind {
            CaseKind::Immediate => 0,
            _ => limits.promised_days + extension,
        };
        let promised = cal.deadline(start, promised_days, &suspensions)?;
        // Each responsible department answers within its own days, in parallel; an
        // answer or a recorded default consent closes its step.
        for (department, days) in &limits.departments {
            let deadline = cal.deadline(start, *days, &suspensions)?;
            let answered = rec
                .department_opinions
                .iter()
                .find(|o| &o.department == department)
                .map(|o| o.at.date())
                .or_else(|| {
                    rec.default_consents
                        .iter()
                        .find(|(d, ..)| d == department)
                        .map(|(.., at)| at.date())
                });
            out.push(CaseDeadline {
                kind: DeadlineKind::Department {
                    department: department.clone(),
                },
                status: status(deadline.due, answered)?,
                deadline,
            });
        }
        for t in &rec.tolerated {
            let own = cal.deadline(start, t.supply_days, &suspensions)?;
            let capped = own.due > promised.due;
            let deadline = if capped { promised.clone() } else { own };
            let supplied = rec
                .supplied
                .iter()
                .find(|(m, _)| *m == t.material)
                .map(|(_, at)| at.date());
            out.push(CaseDeadline {
                kind: DeadlineKind::Supply {
                    material: t.material.clone(),
                    capped,
                },
                status: status(deadline.due, supplied)?,
                deadline,
            });
        }
        out.push(CaseDeadline {
            kind: DeadlineKind::Promised,
            status: status(promised.due, decided)?,
            deadline: promised,
        });
        let statutory = cal.deadline(start, limits.statutory_days + extension, &suspensions)?;
        out.push(CaseDeadline {
            kind: DeadlineKind::Statutory,
            status: status(statutory.due, decided)?,
            deadline: statutory,
        });
    }

    for e in rec
        .evaluations
        .iter()
        .filter(|e| super::evaluation::is_poor(e.level))
    {
        let follow_up = cal.deadline(e.at.date(), settings.follow_up_days, &[])?;
        let closed = rec
            .follow_ups_closed
            .iter()
            .find(|(s, _, _)| *s == e.stage)
            .map(|(_, t, _)| t.date());
        out.push(CaseDeadline {
            kind: DeadlineKind::FollowUp {
                stage: Some(e.stage),
            },
            status: status(follow_up.due, closed)?,
            deadline: follow_up,
        });
    }
    if let Some((decided, _)) = rec.decided {
        let archive = cal.deadline(decided.date(), settings.archive_days, &[])?;
        out.push(CaseDeadline {
            kind: DeadlineKind::Archive,
            status: status(archive.due, rec.archived.map(|t| t.date()))?,
            deadline: archive,
        });
    }
    Ok(CaseDeadlines {
        deadlines: out,
        deemed_accepted_from,
    })
}
