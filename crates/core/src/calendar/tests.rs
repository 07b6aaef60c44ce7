//! The clock against the official 2023–2026 schedules in `catalog/calendar/`.

use super::*;
use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn schedules() -> Vec<(String, YearSchedule)> {
    crate::test_support::official_schedules()
}

fn cal() -> &'static Calendar {
    crate::test_support::official_calendar()
}

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

/// An independent answer: weekday rule plus the schedule's lists, no tables.
fn oracle_working(day: NaiveDate) -> bool {
    static LISTS: OnceLock<(BTreeSet<NaiveDate>, BTreeSet<NaiveDate>)> = OnceLock::new();
    let (off, work) = LISTS.get_or_init(|| {
        let all = schedules();
        let listed = |pick: fn(&Holiday) -> &Vec<NaiveDate>| -> BTreeSet<NaiveDate> {
            all.iter()
                .flat_map(|(_, s)| s.holidays.iter().flat_map(move |h| pick(h).iter().copied()))
                .collect()
        };
        (listed(|h| &h.off), listed(|h| &h.work))
    });
    // 2027 has no published schedule: its fixed-date statutory holidays are off.
    let fixed = [(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)];
    if off.contains(&day) || (day.year() == 2027 && fixed.contains(&(day.month(), day.day()))) {
        return false;
    }
    work.contains(&day) || !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `(start, n, expected due)` with the default convention and no suspensions.
fn check_add(cases: &[(&str, u32, &str)]) {
    let c = cal();
    for &(start, n, due) in cases {
        assert_eq!(
            c.add_working_days(d(start), n).unwrap(),
            d(due),
            "{start} + {n} working days"
        );
    }
}

#[test]
fn counting_across_holidays_and_year_ends() {
    check_add(&[
        // n = 0 is the same day, even on a holiday (immediate cases).
        ("2026-10-01", 0, "2026-10-01"),
        ("2026-11-20", 0, "2026-11-20"),
        // An ordinary week: Friday + 1 is Monday.
        ("2026-11-20", 1, "2026-11-23"),
        // National Day 2026: Oct 1–7 off, Sat Oct 10 worked.
        ("2026-09-30", 1, "2026-10-08"),
        ("2026-09-30", 3, "2026-10-10"),
        // Mid-Autumn 2026 (Sep 25–27) and the make-up Sunday Sep 20.
        ("2026-09-18", 1, "2026-09-20"),
        ("2026-09-24", 1, "2026-09-28"),
        // Spring Festival 2026: Sat Feb 14 worked, Feb 15–23 off.
        ("2026-02-13", 1, "2026-02-14"),
        ("2026-02-13", 2, "2026-02-24"),
        // Year end 2025→2026: Jan 1–3 off, Sun Jan 4 worked.
        ("2025-12-31", 1, "2026-01-04"),
        // Year end 2023→2024 (Jan 1 2024 off) and 2024→2025.
        ("2023-12-29", 1, "2024-01-02"),
        ("2024-12-31", 1, "2025-01-02"),
        // National Day and Mid-Autumn together, 2023: Sep 29–Oct 6 off, Oct 7–8 worked.
        ("2023-09-28", 1, "2023-10-07"),
        ("2023-09-28", 3, "2023-10-09"),
        // Dragon Boat 2025 spans May and June.
        ("2025-05-30", 1, "2025-06-03"),
        // Large n: a whole year of working days.
        ("2025-12-31", 248, "2026-12-31"),
    ]);
}

#[test]
fn every_listed_day_off_and_make_up_day_of_2023_to_2026_is_respected() {
    let c = cal();
    let mut makeups = 0;
    for (_, s) in schedules() {
        for h in &s.holidays {
            for day in h.off.iter().filter(|d| d.year() >= 2023) {
                assert_eq!(
                    c.is_working_day(*day),
                    Ok(false),
                    "{day} ({}) is a day off",
                    h.name
                );
            }
            for day in &h.work {
                makeups += 1;
                assert_eq!(
                    c.is_working_day(*day),
                    Ok(true),
                    "{day} ({}) is worked",
                    h.name
                );
                // The day before a make-up day moves onto it.
                let before = *day - chrono::Days::new(1);
                let prev_working = (1..10)
                    .map(|k| *day - chrono::Days::new(k))
                    .find(|x| oracle_working(*x))
                    .unwrap_or(before);
                assert_eq!(c.add_working_days(prev_working, 1), Ok(*day));
            }
        }
    }
    assert_eq!(makeups, 26, "2023–2026 have 7 + 8 + 5 + 6 make-up days");
}

#[test]
fn working_days_per_year_match_the_official_schedules() {
    let c = cal();
    for (year, expected) in [(2023, 249), (2024, 251), (2025, 248), (2026, 248)] {
        // From Jan 1 (not counted, and a holiday in every year) to Dec 31.
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        let got = c.working_days_elapsed(jan1, last).unwrap();
        assert_eq!(got, expected, "working days in {year}");
    }
}

#[test]
fn dates_outside_the_covered_years_are_an_error_that_says_what_to_add() {
    let c = cal();
    let e = c.is_working_day(d("2028-01-04")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "calendar for 2028 not loaded (2028-01-04 is outside the covered years 2023–2026 \
         and the provisional 2027): add catalog/calendar/2027.toml from the State Council's holiday notice"
    );
    assert!(c.is_working_day(d("2022-12-30")).is_err());
    // Running past the last covered day is the same error, for the first uncovered day.
    let e = c.add_working_days(d("2027-12-30"), 5).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("calendar for 2028 not loaded (2028-01-01"),
        "{e}"
    );
}

#[test]
fn the_year_after_the_last_schedule_counts_weekends_and_fixed_holidays_off_and_is_flagged() {
    let c = cal();
    assert_eq!(c.provisional_from(), d("2027-01-01"));
    // 元旦 2027 is a Friday: a statutory day off even before the schedule is published.
    assert_eq!(c.is_working_day(d("2027-01-01")), Ok(false));
    assert_eq!(
        c.holiday_of(d("2027-01-01")),
        Ok(Some("2027年元旦（暂定）"))
    );
    assert_eq!(c.is_working_day(d("2027-01-02")), Ok(false), "a Saturday");
    assert_eq!(c.is_working_day(d("2027-01-04")), Ok(true));
    // 劳动节 1–2 May 2027 fall on a weekend: nothing extra; 国庆节 1 Oct is a Friday.
    assert_eq!(c.is_working_day(d("2027-10-01")), Ok(false));
    // Thu 2026-12-24 + 10 working days: 12-25, 28–31 (5), 01-04..08 (5): Fri 2027-01-08.
    let dl = c.deadline(d("2026-12-24"), 10, &[]).unwrap();
    assert_eq!(dl.due, d("2027-01-08"));
    assert!(dl.provisional);
    assert_eq!(
        dl.holidays_skipped,
        vec![("2027年元旦（暂定）".to_string(), 1)]
    );
    // The hall is reminded to load the schedule from early September on.
    assert_eq!(c.schedule_due(d("2026-09-02")), None);
    assert_eq!(c.schedule_due(d("2026-09-03")), Some(2027));
    // A due date inside the published years is not provisional.
    assert!(!c.deadline(d("2026-12-01"), 10, &[]).unwrap().provisional);
    // Stored deadlines without the flag read as not provisional, and are written unchanged.
    let json = serde_json::to_string(&c.deadline(d("2026-12-01"), 10, &[]).unwrap()).unwrap();
    assert!(!json.contains("provisional"), "{json}");
}

#[test]
fn suspensions_do_not_count_and_overlaps_count_once() {
    let c = cal();
    // Accepted Mon 2026-03-02, 20 working days: due Mon 03-30 without suspensions.
    let plain = c.deadline(d("2026-03-02"), 20, &[]).unwrap();
    assert_eq!(plain.due, d("2026-03-30"));
    assert_eq!(plain.suspended_working_days, 0);
    // An expert review 03-09..03-13 (5 working days) pushes it over Qingming (04-04..06).
    let week = DateRange::parse("2026-03-09..2026-03-13").unwrap();
    let with = c.deadline(d("2026-03-02"), 20, &[week]).unwrap();
    assert_eq!(with.due, d("2026-04-07"));
    assert_eq!(with.suspended_working_days, 5);
    assert_eq!(with.suspensions, vec![week]);
    assert_eq!(with.holidays_skipped, vec![("2026年清明节".to_string(), 1)]);
    // The same week as two overlapping ranges counts once.
    let a = DateRange::parse("2026-03-09..2026-03-11").unwrap();
    let b = DateRange::parse("2026-03-10..2026-03-13").unwrap();
    let overlapped = c.deadline(d("2026-03-02"), 20, &[b, a]).unwrap();
    assert_eq!(overlapped.due, d("2026-04-07"));
    assert_eq!(overlapped.suspensions, vec![week]);
    // A suspension that covers the start: counting begins after it.
    let at_start = DateRange::parse("2026-03-01..2026-03-04").unwrap();
    assert_eq!(
        c.deadline(d("2026-03-02"), 1, &[at_start]).unwrap().due,
        d("2026-03-05")
    );
    // A suspension after the deadline changes nothing.
    let late = DateRange::parse("2026-05-11..2026-05-15").unwrap();
    assert_eq!(
        c.deadline(d("2026-03-02"), 20, &[late]).unwrap().due,
        d("2026-03-30")
    );
    // Elapsed leaves the suspended days out.
    assert_eq!(
        c.elapsed(d("2026-03-02"), d("2026-03-30"), &[week])
            .unwrap(),
        15
    );
}

#[test]
fn a_deadline_explains_the_holidays_and_make_up_days_it_crossed() {
    let c = cal();
    let dl = c.deadline(d("2026-09-18"), 10, &[]).unwrap();
    assert_eq!(dl.due, d("2026-10-09"));
    assert_eq!(dl.make_up_days, vec![d("2026-09-20")]);
    assert_eq!(
        dl.holidays_skipped,
        vec![
            ("2026年中秋节".to_string(), 1),
            ("2026年国庆节".to_string(), 5)
        ]
    );
}

#[test]
fn the_start_included_convention_counts_the_first_day() {
    let c = build(&schedules(), DayCounting::StartIncluded).unwrap();
    assert_eq!(c.add_working_days(d("2026-11-20"), 1), Ok(d("2026-11-20")));
    assert_eq!(
        c.add_working_days(d("2026-11-21"), 1),
        Ok(d("2026-11-23")),
        "a Saturday start"
    );
    assert_eq!(
        c.working_days_elapsed(d("2026-11-20"), d("2026-11-20")),
        Ok(1)
    );
}

#[test]
fn the_linter_finds_broken_schedules() {
    let mut files = schedules();
    let s = &mut files[3].1; // 2026
    s.holidays[0].work.push(d("2026-01-05")); // a Monday
    s.holidays[1].off.push(d("2026-02-14")); // also a make-up day
    s.holidays[2].off.push(d("2026-04-04")); // listed twice
    files.remove(1); // 2024 missing
    let problems: Vec<String> = build(&files, DayCounting::default())
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        problems,
        [
            "calendar/2026.toml: 元旦: make-up working day 2026-01-05 is a Mon, not a weekend day",
            "calendar/2026.toml: 春节: 2026-02-14 is both a day off and a working day (see 春节)",
            "calendar/2026.toml: 清明节: off day 2026-04-04 is listed twice (also under 清明节)",
            "calendar/2025.toml: the calendar skips 2024: the years must follow each other (add calendar/2024.toml)",
        ]
    );
}

proptest! {
    #[test]
    fn adding_agrees_with_a_day_by_day_walk(offset in 0u32..1800, n in 0u32..60) {
        let c = cal();
        let start = d("2023-01-01") + chrono::Days::new(u64::from(offset));
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = day + chrono::Days::new(1);
            if oracle_working(day) { left -= 1; }
        }
        match c.add_working_days(start, n) {
            Ok(due) => prop_assert_eq!(due, day),
            Err(_) => prop_assert!(day.year() > 2027),
        }
    }

    #[test]
    fn elapsed_at_the_deadline_equals_n(offset in 0u32..1300, n in 1u32..80, s_from in 0u32..60, s_len in 0u32..15) {
        let c = cal();
        let start = d("2023-01-01") + chrono::Days::new(u64::from(offset));
        let from = start + chrono::Days::new(u64::from(s_from));
        let suspension = DateRange { from, to: from + chrono::Days::new(u64::from(s_len)) };
        match c.deadline(start, n, &[suspension]) {
            Ok(dl) => {
                prop_assert_eq!(c.elapsed(start, dl.due, &[suspension]).unwrap(), n);
                prop_assert!(c.is_working_day(dl.due).unwrap());
                let before = dl.due - chrono::Days::new(1);
                prop_assert!(c.elapsed(start, before, &[suspension]).unwrap() < n);
            }
            // Only a deadline past the last loaded year may fail, and it says so.
            Err(CalendarError::NotCovered { date, last_year, .. }) => {
                prop_assert!(date.year() > last_year, "{date} is inside the calendar");
                prop_assert!(start + chrono::Days::new(u64::from(n + s_len) * 2 + 30) > d("2026-12-31"));
            }
        }
    }
}
