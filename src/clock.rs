//! The browser's clock, read only here: the core takes time as an argument, and every
//! other part of the app asks these functions (User Timing marks in `perf.rs` measure
//! durations and are not a clock of the domain).

/// Local date and time now.
pub fn now_local() -> chrono::NaiveDateTime {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), d.get_seconds()))
        .unwrap_or_default()
}

/// A server's unix time (seconds) as a local `YYYY-MM-DD HH:MM` on this device.
pub fn local_time(unix_secs: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_secs as f64 * 1000.0));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Local date today.
pub fn today() -> chrono::NaiveDate {
    now_local().date()
}

/// Milliseconds since the epoch (timers, back-off, record timestamps).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Now as ISO 8601 in UTC (a draft's created and updated times).
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}
