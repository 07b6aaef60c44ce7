//! The server's clock, the only one a case's dates come from: the machine's local time,
//! moved by whole days when the deployment says so (`serve --clock-offset-days`, for
//! deadline drills and tests). Clients never set it.

use chrono::{Duration, Local, NaiveDate, NaiveDateTime};
use std::sync::atomic::{AtomicI64, Ordering};

static OFFSET_DAYS: AtomicI64 = AtomicI64::new(0);

/// Moves the clock by `days` (set once, at start).
pub fn set_offset_days(days: i64) {
    OFFSET_DAYS.store(days, Ordering::Relaxed);
}

/// The service centre's local time now.
pub fn now() -> NaiveDateTime {
    Local::now().naive_local() + Duration::days(OFFSET_DAYS.load(Ordering::Relaxed))
}

/// Today, at the service centre.
pub fn today() -> NaiveDate {
    now().date()
}
