//! The guidance desk's consultation (导办咨询): answering by the standard guide, and a
//! question the desk cannot answer sent to the item's back office (后援式答疑), whose
//! answer must come back by the end of the next working day.

use crate::calendar::Calendar;
use crate::case::Role;
use chrono::{NaiveDateTime, NaiveTime};

/// Whether a post works in a back office (中台/后台: support, reviewer, lead): it answers
/// the guidance desk's questions for its departments.
pub fn is_back_office(role: Role) -> bool {
    matches!(role, Role::Support | Role::Reviewer | Role::Lead)
}

/// Whether an account with `role` working for `departments` answers a question for
/// `department`.
pub fn answers_for(role: Role, departments: &[String], department: &str) -> bool {
    is_back_office(role) && departments.iter().any(|d| d == department)
}

/// Working days the back office has to answer a desk's question.
pub const ANSWER_DAYS: u32 = 1;

/// When an answer to a question asked at `asked` is due: the end of the working day
/// [`ANSWER_DAYS`] after it (17:30 there), so a question asked on Friday afternoon is due
/// on Monday, and one asked before a holiday after it.
pub fn answer_due(cal: &Calendar, asked: NaiveDateTime) -> Result<NaiveDateTime, String> {
    let day = cal
        .deadline(asked.date(), ANSWER_DAYS, &[])
        .map_err(|e| e.to_string())?
        .due;
    Ok(day.and_time(NaiveTime::from_hms_opt(17, 30, 0).unwrap_or_default()))
}

/// Whether an answer is late: given after `due`, or still missing at `now` past it.
pub fn answer_late(
    due: NaiveDateTime,
    answered: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> bool {
    answered.unwrap_or(now) > due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::official_calendar;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn an_answer_is_due_at_the_end_of_the_next_working_day() {
        let cal = official_calendar();
        // Thursday → Friday.
        assert_eq!(
            answer_due(cal, t("2026-11-26 10:00")).unwrap(),
            t("2026-11-27 17:30")
        );
        // Friday afternoon → Monday.
        assert_eq!(
            answer_due(cal, t("2026-11-27 16:00")).unwrap(),
            t("2026-11-30 17:30")
        );
        // The day before the National Day holiday → the first working day after it.
        assert_eq!(
            answer_due(cal, t("2026-09-30 11:00")).unwrap(),
            t("2026-10-08 17:30")
        );
        assert!(!answer_late(
            t("2026-11-27 17:30"),
            Some(t("2026-11-27 17:00")),
            t("2026-12-01 09:00")
        ));
        assert!(answer_late(
            t("2026-11-27 17:30"),
            None,
            t("2026-11-28 09:00")
        ));
    }
}
