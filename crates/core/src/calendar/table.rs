//! The working-day calendar: which days are working days, and counting them.
//!
//! Built once from the yearly schedules into flat tables (one entry per day, a running
//! count of working days, the list of working days), so that adding n working days is two
//! array look-ups instead of a walk over the days.

use super::schedule::YearSchedule;
use super::{CalendarError, DateRange, DayCounting};
use chrono::{Datelike, NaiveDate, Weekday};

/// Working days for a run of consecutive covered years.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    first: NaiveDate,
    first_ce: i32,
    last: NaiveDate,
    /// The first day of the provisional year (see [`Calendar::provisional_from`]).
    provisional_from: NaiveDate,
    /// Per day: is it a working day, and the holiday it belongs to (index into `holidays`).
    days: Vec<Day>,
    /// `rank[i]`: working days in `first ..= day i`.
    rank: Vec<u32>,
    /// Day indices of the working days, in order.
    working: Vec<u32>,
    holidays: Vec<String>,
    counting: DayCounting,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Day {
    working: bool,
    holiday: Option<u16>,
}

impl Calendar {
    /// Builds the calendar from checked schedules of consecutive years (see
    /// [`super::build`], which checks them).
    pub(crate) fn from_schedules(schedules: &[YearSchedule], counting: DayCounting) -> Calendar {
        let first_year = schedules.iter().map(|s| s.year).min().unwrap_or(2000);
        let published = schedules.iter().map(|s| s.year).max().unwrap_or(first_year);
        // The year after the last published schedule is counted provisionally: the State
        // Council publishes it late in the year before, and a hall cannot stop taking
        // cases whose limits reach into January meanwhile.
        let last_year = published + 1;
        let first = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(last_year, 12, 31).unwrap_or(NaiveDate::MAX);
        let provisional_from = NaiveDate::from_ymd_opt(last_year, 1, 1).unwrap_or(last);
        let len = (last - first).num_days() as usize + 1;
        let mut days: Vec<Day> = first
            .iter_days()
            .take(len)
            .map(|d| Day {
                working: !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
                holiday: None,
            })
            .collect();
        let mut holidays = Vec::new();
        for schedule in schedules {
            for holiday in &schedule.holidays {
                let id = holidays.len() as u16;
                holidays.push(format!("{}年{}", schedule.year, holiday.name));
                let index = |d: NaiveDate| {
                    (d >= first && d <= last).then(|| (d - first).num_days() as usize)
                };
                for i in holiday.off.iter().filter_map(|&d| index(d)) {
                    days[i] = Day {
                        working: false,
                        holiday: Some(id),
                    };
                }
                for i in holiday.work.iter().filter_map(|&d| index(d)) {
                    days[i] = Day {
                        working: true,
                        holiday: Some(id),
                    };
                }
            }
        }
        for (name, off) in provisional_holidays(last_year) {
            let id = holidays.len() as u16;
            holidays.push(format!("{last_year}年{name}（暂定）"));
            for d in off {
                let i = (d - first).num_days() as usize;
                days[i] = Day {
                    working: false,
                    holiday: Some(id),
                };
            }
        }
        let mut rank = Vec::with_capacity(len);
        let mut working = Vec::new();
        for (i, day) in days.iter().enumerate() {
            if day.working {
                working.push(i as u32);
            }
            rank.push(working.len() as u32);
        }
        Calendar {
            first,
            first_ce: first.num_days_from_ce(),
            last,
            provisional_from,
            days,
            rank,
            working,
            holidays,
            counting,
        }
    }

    /// The first and last covered day (the provisional year included).
    pub fn covered(&self) -> (NaiveDate, NaiveDate) {
        (self.first, self.last)
    }

    /// The first day counted provisionally: 1 January of the year after the last published
    /// schedule. That year has weekends and the fixed-date statutory holidays off and no
    /// make-up days, so a due date there may still move (usually later) once the schedule
    /// is published and loaded.
    pub fn provisional_from(&self) -> NaiveDate {
        self.provisional_from
    }

    /// The year whose schedule should be loaded by now: the provisional one, once `today`
    /// is within 120 days of it (deadlines of 20 working days or more start reaching it).
    pub fn schedule_due(&self, today: NaiveDate) -> Option<i32> {
        (self.provisional_from - today <= chrono::TimeDelta::days(120))
            .then(|| self.provisional_from.year())
    }

    /// Whether `date` is counted provisionally (its year's schedule is not published yet).
    pub fn is_provisional(&self, date: NaiveDate) -> bool {
        date >= self.provisional_from
    }

    /// The counting convention in use.
    pub fn counting(&self) -> DayCounting {
        self.counting
    }

    fn index(&self, date: NaiveDate) -> Result<usize, CalendarError> {
        if date < self.first || date > self.last {
            return Err(CalendarError::NotCovered {
                date,
                first_year: self.first.year(),
                last_year: self.last.year() - 1,
            });
        }
        Ok((date.num_days_from_ce() - self.first_ce) as usize)
    }

    fn date(&self, index: u32) -> NaiveDate {
        self.first + chrono::Days::new(u64::from(index))
    }

    /// Whether `date` is a working day (工作日).
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(self.days[self.index(date)?].working)
    }

    /// The holiday `date` belongs to (as a day off or a make-up working day), e.g. "2026年春节".
    pub fn holiday_of(&self, date: NaiveDate) -> Result<Option<&str>, CalendarError> {
        let day = self.days[self.index(date)?];
        Ok(day.holiday.map(|h| self.holidays[h as usize].as_str()))
    }

    /// Working days counted before the first one of a period starting on `start`.
    fn counted_before(&self, i: usize) -> u32 {
        match self.counting {
            DayCounting::StartExcluded => self.rank[i],
            DayCounting::StartIncluded => self.rank[i] - u32::from(self.days[i].working),
        }
    }

    /// The n-th working day of a period starting on `start` (the day of the start itself
    /// is not counted by default); `n = 0` is `start` itself.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let i = self.index(start)?;
        if n == 0 {
            return Ok(start);
        }
        let k = (self.counted_before(i) + n - 1) as usize;
        match self.working.get(k) {
            Some(&day) => Ok(self.date(day)),
            None => Err(CalendarError::NotCovered {
                date: self.last + chrono::Days::new(1),
                first_year: self.first.year(),
                last_year: self.last.year() - 1,
            }),
        }
    }

    /// Working days of a period starting on `start` that have passed by the end of `asof`.
    pub fn working_days_elapsed(
        &self,
        start: NaiveDate,
        asof: NaiveDate,
    ) -> Result<u32, CalendarError> {
        let (i, j) = (self.index(start)?, self.index(asof)?);
        if j < i {
            return Ok(0);
        }
        Ok(self.rank[j] - self.counted_before(i))
    }

    /// Working days from the day after `from` to `to`, both inside the calendar; 0 if `to`
    /// is not after `from`.
    fn working_between(&self, from: usize, to: usize) -> u32 {
        if to <= from {
            0
        } else {
            self.rank[to] - self.rank[from]
        }
    }

    /// Working days inside `range` that fall after `start` and on or before `end`.
    pub(crate) fn working_days_in(
        &self,
        range: DateRange,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<u32, CalendarError> {
        let from = range.from.max(start + chrono::Days::new(1));
        let to = range.to.min(end);
        if to < from {
            return Ok(0);
        }
        let (i, j) = (self.index(from)?, self.index(to)?);
        Ok(self.rank[j] - self.rank[i] + u32::from(self.days[i].working))
    }

    /// The n-th counted working day after `start` when the working days inside
    /// `suspensions` (already merged and sorted) do not count.
    pub(crate) fn add_with_suspensions(
        &self,
        start: NaiveDate,
        n: u32,
        suspensions: &[DateRange],
    ) -> Result<NaiveDate, CalendarError> {
        if n == 0 {
            return Ok(start);
        }
        let mut cursor = start;
        let mut first_period = true;
        let mut remaining = n;
        for s in suspensions {
            if s.to <= cursor {
                continue;
            }
            let before = s.from - chrono::Days::new(1);
            let available = if before <= cursor {
                0
            } else {
                let (i, j) = (self.index(cursor)?, self.index(before)?);
                if first_period {
                    self.rank[j] - self.counted_before(i)
                } else {
                    self.working_between(i, j)
                }
            };
            if available >= remaining {
                break;
            }
            remaining -= available;
            cursor = s.to;
            first_period = false;
        }
        if first_period {
            self.add_working_days(cursor, remaining)
        } else {
            // After a suspension the count resumes the next day whatever the convention.
            let i = self.index(cursor)?;
            match self.working.get((self.rank[i] + remaining - 1) as usize) {
                Some(&day) => Ok(self.date(day)),
                None => Err(CalendarError::NotCovered {
                    date: self.last + chrono::Days::new(1),
                    first_year: self.first.year(),
                    last_year: self.last.year() - 1,
                }),
            }
        }
    }
}

/// The statutory holidays fixed to calendar dates (全国年节及纪念日放假办法, 2024 revision:
/// 元旦 1 Jan, 劳动节 1–2 May, 国庆节 1–3 Oct) that fall on weekdays — certain days off in
/// any year. The lunar holidays and the make-up days are left to the published schedule.
fn provisional_holidays(year: i32) -> Vec<(&'static str, Vec<NaiveDate>)> {
    let days = |m: u32, ds: &[u32]| -> Vec<NaiveDate> {
        ds.iter()
            .filter_map(|&d| NaiveDate::from_ymd_opt(year, m, d))
            .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .collect()
    };
    vec![
        ("元旦", days(1, &[1])),
        ("劳动节", days(5, &[1, 2])),
        ("国庆节", days(10, &[1, 2, 3])),
    ]
}
