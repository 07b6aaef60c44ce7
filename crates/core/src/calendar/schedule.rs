//! One year's official holiday schedule (国务院办公厅关于某年部分节假日安排的通知), as
//! data: the days off of each holiday and the weekend days made working days (调休).

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The State Council's schedule for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct YearSchedule {
    /// The year the schedule is for.
    pub year: i32,
    /// The notice it was written from.
    pub source: String,
    /// The holidays, each with its days off and make-up working days.
    pub holidays: Vec<Holiday>,
}

/// One holiday of a year's schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// Its name, e.g. 春节.
    pub name: String,
    /// The days off (放假), weekends included as the notice lists them.
    pub off: Vec<NaiveDate>,
    /// Weekend days that are working days because of it (调休上班).
    #[serde(default)]
    pub work: Vec<NaiveDate>,
}

/// A problem with a year's schedule, found by [`check`].
pub(crate) fn check(schedule: &YearSchedule) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen: Vec<(NaiveDate, &str, &str)> = Vec::new();
    let in_reach = |d: NaiveDate| (schedule.year - 1..=schedule.year + 1).contains(&d.year());
    for holiday in &schedule.holidays {
        if holiday.off.is_empty() {
            problems.push(format!(
                "{}: a holiday needs at least one day off",
                holiday.name
            ));
        }
        for (kind, days) in [("off", &holiday.off), ("work", &holiday.work)] {
            for &day in days {
                if !in_reach(day) {
                    problems.push(format!(
                        "{}: {kind} day {day} is not in or next to {}",
                        holiday.name, schedule.year
                    ));
                }
                if kind == "work" && !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                    problems.push(format!(
                        "{}: make-up working day {day} is a {}, not a weekend day",
                        holiday.name,
                        day.weekday()
                    ));
                }
                match seen.iter().find(|(d, _, _)| *d == day) {
                    Some((_, other_kind, other)) if *other_kind == kind => problems.push(format!(
                        "{}: {kind} day {day} is listed twice (also under {other})",
                        holiday.name
                    )),
                    Some((_, _, other)) => problems.push(format!(
                        "{}: {day} is both a day off and a working day (see {other})",
                        holiday.name
                    )),
                    None => seen.push((day, kind, &holiday.name)),
                }
            }
        }
    }
    problems
}
