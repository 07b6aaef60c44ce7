//! The browser's clock, read in one place: the core takes time as an argument.

/// Local date and time now.
pub fn now_local() -> chrono::NaiveDateTime {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), d.get_seconds()))
        .unwrap_or_default()
}

/// Local date today.
pub fn today() -> chrono::NaiveDate {
    now_local().date()
}
