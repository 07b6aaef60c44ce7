//! The working-day clock (工作日): the holiday schedules as data, counting working days,
//! and deadlines with suspensions, each explained.
//!
//! **The counting convention** ([`DayCounting::StartExcluded`], the default): the day a
//! period starts on (acceptance, receipt, decision) is not counted; a limit of n working
//! days ends at the end of the n-th working day after it; n = 0 is the same day. Basis:
//! Civil Code Art. 201 (a period counted in days starts on the next day), Civil Procedure
//! Law Art. 85 (the day a period begins is not counted), Administrative Licensing Law
//! Art. 42 and Art. 82 (licensing time limits are counted in working days, not counting
//! statutory holidays). Art. 45: time for hearings, tendering, auctions, testing,
//! inspection, quarantine, appraisal and expert review is not counted — the suspensions.

mod schedule;
mod table;

pub use schedule::{Holiday, YearSchedule};
pub use table::Calendar;

use crate::Diagnostic;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How the first day of a period is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayCounting {
    /// The start day is not counted (Civil Code Art. 201; Civil Procedure Law Art. 85).
    #[default]
    StartExcluded,
    /// The start day counts as the first day when it is a working day (some local rules).
    StartIncluded,
}

/// A closed range of dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DateRange {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
}

impl DateRange {
    /// Parses `YYYY-MM-DD..YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<DateRange, String> {
        let (a, b) = text.split_once("..").ok_or_else(|| {
            format!("\"{text}\" is not a range: write FROM..TO, e.g. 2026-03-02..2026-03-06")
        })?;
        let from = parse_date(a)?;
        let to = parse_date(b)?;
        if to < from {
            return Err(format!("\"{text}\" ends before it starts"));
        }
        Ok(DateRange { from, to })
    }
}

/// Parses a `YYYY-MM-DD` date with a message that says what was expected.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        format!(
            "\"{}\" is not a date: write YYYY-MM-DD, e.g. 2026-11-21",
            text.trim()
        )
    })
}

/// Sorts ranges and merges those that overlap or touch, so each day counts once.
pub fn merge_ranges(ranges: &[DateRange]) -> Vec<DateRange> {
    let mut sorted = ranges.to_vec();
    sorted.sort();
    let mut merged: Vec<DateRange> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match merged.last_mut() {
            Some(last) if r.from <= last.to + chrono::Days::new(1) => last.to = last.to.max(r.to),
            _ => merged.push(r),
        }
    }
    merged
}

/// A date the loaded calendar cannot answer for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// The date's year has no holiday schedule loaded.
    NotCovered {
        /// The date asked about (or the first day past the covered years).
        date: NaiveDate,
        /// First covered year.
        first_year: i32,
        /// Last year with a published schedule (the year after it is provisional).
        last_year: i32,
    },
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CalendarError::NotCovered {
                date,
                first_year,
                last_year,
            } => {
                use chrono::Datelike;
                if date.year() < *first_year {
                    return write!(
                        f,
                        "calendar for {} not loaded ({date} is before the covered years \
                         {first_year}–{last_year}): add catalog/calendar/{}.toml",
                        date.year(),
                        date.year()
                    );
                }
                write!(
                    f,
                    "calendar for {} not loaded ({date} is outside the covered years {first_year}–{last_year} \
                     and the provisional {}): add catalog/calendar/{}.toml from the State Council's holiday notice",
                    date.year(),
                    last_year + 1,
                    last_year + 1
                )
            }
        }
    }
}

impl std::error::Error for CalendarError {}

/// A deadline and how it came about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Deadline {
    /// The day the period starts on (not counted by default).
    pub start: NaiveDate,
    /// The limit in working days.
    pub days: u32,
    /// The last day that is still in time.
    pub due: NaiveDate,
    /// Days off on weekdays that were skipped, by holiday, e.g. ("2026年国庆节", 5).
    pub holidays_skipped: Vec<(String, u32)>,
    /// Weekend days that counted as working days (调休).
    pub make_up_days: Vec<NaiveDate>,
    /// Suspensions inside the period, merged, and the working days they did not count.
    pub suspensions: Vec<DateRange>,
    /// Working days inside the suspensions, not counted.
    pub suspended_working_days: u32,
    /// The due date lies in a year whose holiday schedule is not published yet, so it was
    /// counted provisionally (see [`Calendar::provisional_from`]) and may still move.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
}

impl Calendar {
    /// The deadline `days` working days after `start`, not counting working days inside
    /// any of `suspensions` (overlapping ranges count once), with its explanation.
    pub fn deadline(
        &self,
        start: NaiveDate,
        days: u32,
        suspensions: &[DateRange],
    ) -> Result<Deadline, CalendarError> {
        let merged = merge_ranges(suspensions);
        let due = self.add_with_suspensions(start, days, &merged)?;
        let mut holidays_skipped: Vec<(String, u32)> = Vec::new();
        let mut make_up_days = Vec::new();
        for day in start.iter_days().skip(1).take_while(|d| *d <= due) {
            let working = self.is_working_day(day)?;
            let weekend = matches!(
                chrono::Datelike::weekday(&day),
                chrono::Weekday::Sat | chrono::Weekday::Sun
            );
            if working && weekend {
                make_up_days.push(day);
            } else if !working && !weekend {
                let name = self.holiday_of(day)?.unwrap_or("").to_string();
                match holidays_skipped.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, count)) => *count += 1,
                    None => holidays_skipped.push((name, 1)),
                }
            }
        }
        let mut inside = Vec::new();
        let mut suspended_working_days = 0;
        for range in merged {
            let counted = self.working_days_in(range, start, due)?;
            if range.to > start && range.from <= due {
                inside.push(range);
                suspended_working_days += counted;
            }
        }
        Ok(Deadline {
            start,
            days,
            due,
            holidays_skipped,
            make_up_days,
            suspensions: inside,
            suspended_working_days,
            provisional: self.is_provisional(due),
        })
    }

    /// Counted working days of a period starting on `start` by the end of `asof`, without
    /// the working days inside `suspensions`.
    pub fn elapsed(
        &self,
        start: NaiveDate,
        asof: NaiveDate,
        suspensions: &[DateRange],
    ) -> Result<u32, CalendarError> {
        let all = self.working_days_elapsed(start, asof)?;
        let mut suspended = 0;
        for range in merge_ranges(suspensions) {
            suspended += self.working_days_in(range, start, asof)?;
        }
        Ok(all.saturating_sub(suspended))
    }
}

/// Checks the schedules (the linter's calendar part) and builds the calendar. Every
/// problem is reported, each naming its file.
pub fn build(
    files: &[(String, YearSchedule)],
    counting: DayCounting,
) -> Result<Calendar, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut years: Vec<(i32, &str)> = Vec::new();
    for (path, schedule) in files {
        let stem = path
            .rsplit('/')
            .next()
            .unwrap_or(path)
            .trim_end_matches(".toml");
        if stem != schedule.year.to_string() {
            problems.push(Diagnostic::in_file(
                path,
                format!(
                "the file is named {stem} but holds the schedule for year = {}: name it {}.toml",
                schedule.year, schedule.year
            ),
            ));
        }
        if let Some((_, other)) = years.iter().find(|(y, _)| *y == schedule.year) {
            problems.push(Diagnostic::in_file(
                path,
                format!(
                    "a second schedule for {} (the first is {other})",
                    schedule.year
                ),
            ));
        }
        years.push((schedule.year, path));
        for p in schedule::check(schedule) {
            problems.push(Diagnostic::in_file(path, p));
        }
    }
    years.sort();
    for pair in years.windows(2) {
        if pair[1].0 > pair[0].0 + 1 {
            problems.push(Diagnostic::in_file(
                pair[1].1,
                format!(
                "the calendar skips {}: the years must follow each other (add calendar/{}.toml)",
                pair[0].0 + 1,
                pair[0].0 + 1
            ),
            ));
        }
    }
    if files.is_empty() {
        problems.push(Diagnostic::in_file(
            "calendar/",
            "no holiday schedule: add calendar/<year>.toml for each year served",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let schedules: Vec<YearSchedule> = files.iter().map(|(_, s)| s.clone()).collect();
    Ok(Calendar::from_schedules(&schedules, counting))
}

#[cfg(test)]
mod tests;
