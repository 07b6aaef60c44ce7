//! 联办件: the responsible departments' parallel review on a timetable (审批流程表), their
//! opinions, and default consent — no answer by the step's deadline (超时默认) or absence
//! from the joint meeting (缺席默认) counts as consent. Decided here, from the events and
//! the day asked, for the desk, the notices and the lead's decision alike.

use super::deadlines::{CaseDeadlines, DeadlineKind};
use super::lifecycle::CaseRecord;
use super::{DefaultBy, EventKind, Stance};
use crate::catalog::ServiceItem;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Where one department's review stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    /// No opinion yet, and no default applies.
    Waiting,
    /// The department's own opinion.
    Given {
        /// Its stance.
        stance: Stance,
        /// Conditions or reasons.
        text: Vec<String>,
        /// Who recorded it.
        by: String,
        /// When.
        at: NaiveDateTime,
    },
    /// Counted as consenting.
    Default {
        /// Why.
        by: DefaultBy,
        /// Whether the case's history records it yet (it is recorded when the lead
        /// decides).
        recorded: bool,
    },
}

/// One responsible department's step of a joint case, as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DepartmentReview {
    /// The department.
    pub department: String,
    /// Its step, e.g. 税费核定.
    pub step: String,
    /// Its deadline (from acceptance, in working days), once the case is accepted.
    pub due: Option<NaiveDate>,
    /// The names of the materials it receives (its packet).
    pub materials: Vec<String>,
    /// Whether silence past the deadline counts as consent.
    pub by_timeout: bool,
    /// Whether absence from the joint meeting counts as consent.
    pub by_absence: bool,
    /// Where it stands.
    pub answer: Answer,
}

/// Every responsible department's step of a case of `item` as of `today`, with the
/// deadlines `due` derived (empty for an item that is not joint).
pub fn joint_review(
    item: &ServiceItem,
    rec: &CaseRecord,
    due: &CaseDeadlines,
    today: NaiveDate,
) -> Vec<DepartmentReview> {
    item.responsible_departments
        .iter()
        .map(|s| {
            let deadline = due
                .get(&DeadlineKind::Department {
                    department: s.department.clone(),
                })
                .map(|d| d.deadline.due);
            let given = rec
                .department_opinions
                .iter()
                .find(|o| o.department == s.department);
            let recorded = rec
                .default_consents
                .iter()
                .find(|(d, ..)| *d == s.department);
            let absent = rec
                .meeting
                .as_ref()
                .is_some_and(|m| m.absent.as_ref().is_some_and(|a| a.contains(&s.department)));
            let answer = match (given, recorded) {
                (Some(o), _) => Answer::Given {
                    stance: o.stance,
                    text: o.text.clone(),
                    by: o.by.clone(),
                    at: o.at,
                },
                (None, Some((_, by, _))) => Answer::Default {
                    by: *by,
                    recorded: true,
                },
                (None, None) if s.by_absence && absent => Answer::Default {
                    by: DefaultBy::Absence,
                    recorded: false,
                },
                // Silence counts only once the whole last day has passed.
                (None, None) if s.by_timeout && deadline.is_some_and(|d| today > d) => {
                    Answer::Default {
                        by: DefaultBy::Timeout,
                        recorded: false,
                    }
                }
                (None, None) => Answer::Waiting,
            };
            DepartmentReview {
                department: s.department.clone(),
                step: s.step.clone(),
                due: deadline,
                materials: s
                    .materials
                    .iter()
                    .map(|id| {
                        item.materials
                            .iter()
                            .find(|m| &m.id == id)
                            .map_or_else(|| id.clone(), |m| m.name.clone())
                    })
                    .collect(),
                by_timeout: s.by_timeout,
                by_absence: s.by_absence,
                answer,
            }
        })
        .collect()
}

/// The departments the lead's decision still waits for, in words ("税务局（税费核定，
/// 期限2026-11-20）"); empty when every one has answered or counts as consenting.
pub fn still_waiting(reviews: &[DepartmentReview]) -> Vec<String> {
    reviews
        .iter()
        .filter(|r| r.answer == Answer::Waiting)
        .map(|r| match r.due {
            Some(due) => format!("{}（{}，期限{due}）", r.department, r.step),
            None => format!("{}（{}）", r.department, r.step),
        })
        .collect()
}

/// The default consents to record before the lead's decision.
pub fn defaults_to_record(reviews: &[DepartmentReview]) -> Vec<EventKind> {
    reviews
        .iter()
        .filter_map(|r| match r.answer {
            Answer::Default {
                by,
                recorded: false,
            } => Some(EventKind::DefaultConsent {
                department: r.department.clone(),
                by,
            }),
            _ => None,
        })
        .collect()
}

/// A department's answer in words, for the decision notice and the desk.
pub fn answer_words(answer: &Answer) -> String {
    match answer {
        Answer::Waiting => "尚未出具意见".into(),
        Answer::Given { stance, text, .. } => {
            let word = match stance {
                Stance::Agree => "同意",
                Stance::AgreeWithConditions => "附条件同意",
                Stance::Disagree => "不同意",
            };
            if text.is_empty() {
                word.into()
            } else {
                format!("{word}：{}", text.join("；"))
            }
        }
        Answer::Default { by, .. } => match by {
            DefaultBy::Timeout => "超时默认（期限内未出具意见，视为同意）".into(),
            DefaultBy::Absence => "缺席默认（未参加联席会议，视为同意）".into(),
        },
    }
}

#[cfg(test)]
mod tests;
