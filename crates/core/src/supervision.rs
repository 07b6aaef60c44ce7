//! The centre's supervision figures' rules that are not plain counting: how open cases
//! are grouped by the working days left to their promised deadline. The counting itself is
//! the database's, over the facts `case::facts` keeps for every case.

use crate::calendar::Calendar;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How much time an open case has left to its promised deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Remaining {
    /// Past it.
    Overdue,
    /// Due today or on the next working day.
    DueSoon,
    /// Within 3 working days.
    Within3,
    /// Within 5 working days.
    Within5,
    /// More than 5 working days.
    Later,
    /// No promised deadline (not accepted yet, or the calendar does not reach it).
    NoDeadline,
}

impl Remaining {
    /// Every group, most urgent first.
    pub const ALL: [Remaining; 6] = [
        Remaining::Overdue,
        Remaining::DueSoon,
        Remaining::Within3,
        Remaining::Within5,
        Remaining::Later,
        Remaining::NoDeadline,
    ];
}

/// The last due date of each group as of `today`: a case due before `today` is overdue;
/// due by `.0` due soon, by `.1` within 3, by `.2` within 5 working days; later beyond.
/// Where the calendar does not reach, the group extends to every later date.
pub fn bounds(cal: &Calendar, today: NaiveDate) -> (NaiveDate, NaiveDate, NaiveDate) {
    let after = |n| cal.add_working_days(today, n).unwrap_or(NaiveDate::MAX);
    (after(1), after(3), after(5))
}

/// The group of a case due on `due` (none: no deadline), as of `today`, with `bounds`.
pub fn remaining(
    due: Option<NaiveDate>,
    today: NaiveDate,
    (one, three, five): (NaiveDate, NaiveDate, NaiveDate),
) -> Remaining {
    match due {
        None => Remaining::NoDeadline,
        Some(d) if d < today => Remaining::Overdue,
        Some(d) if d <= one => Remaining::DueSoon,
        Some(d) if d <= three => Remaining::Within3,
        Some(d) if d <= five => Remaining::Within5,
        Some(_) => Remaining::Later,
    }
}

/// Longest period of one ledger export, in days.
pub const LEDGER_MAX_DAYS: i64 = 93;

/// What is wrong with a ledger export's period and unmasking reason — the field and the
/// words — or `None`. An empty reason keeps personal data masked; a given one says why.
pub fn ledger_problem(
    from: NaiveDate,
    to: NaiveDate,
    reason: &str,
) -> Option<(&'static str, String)> {
    if to < from || (to - from).num_days() > LEDGER_MAX_DAYS {
        return Some((
            "to",
            format!("台账期间须从早到晚、不超过{LEDGER_MAX_DAYS}天：{from} 至 {to}"),
        ));
    }
    let reason = reason.trim();
    if !reason.is_empty() && reason.chars().count() < 4 {
        return Some((
            "reason",
            "请写明导出完整个人信息的具体事由（至少4个字），或留空导出脱敏台账".into(),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn groups_count_working_days_across_a_holiday() {
        let cal = crate::test_support::official_calendar();
        // Thursday 30 Sep 2025: the National Day holiday runs 1–8 October.
        let today = d("2025-09-30");
        let b = bounds(cal, today);
        assert_eq!(b.0, d("2025-10-09"));
        assert_eq!(
            remaining(Some(d("2025-09-29")), today, b),
            Remaining::Overdue
        );
        assert_eq!(remaining(Some(today), today, b), Remaining::DueSoon);
        assert_eq!(
            remaining(Some(d("2025-10-09")), today, b),
            Remaining::DueSoon
        );
        assert_eq!(
            remaining(Some(d("2025-10-10")), today, b),
            Remaining::Within3
        );
        assert_eq!(remaining(Some(d("2025-10-20")), today, b), Remaining::Later);
        assert_eq!(remaining(None, today, b), Remaining::NoDeadline);
    }

    #[test]
    fn a_ledger_export_needs_an_ordered_period_of_at_most_93_days_and_a_real_reason() {
        assert!(ledger_problem(d("2026-11-01"), d("2026-11-07"), "").is_none());
        assert!(ledger_problem(d("2026-11-01"), d("2026-11-07"), "纪检核查调阅").is_none());
        assert_eq!(
            ledger_problem(d("2026-11-07"), d("2026-11-01"), "")
                .unwrap()
                .0,
            "to"
        );
        assert_eq!(
            ledger_problem(d("2026-01-01"), d("2026-06-30"), "")
                .unwrap()
                .0,
            "to"
        );
        assert_eq!(
            ledger_problem(d("2026-11-01"), d("2026-11-07"), " 查 ")
                .unwrap()
                .0,
            "reason"
        );
    }
}
