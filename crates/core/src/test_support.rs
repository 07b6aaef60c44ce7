//! Test data shared by the core's unit tests: the official 2023–2026 holiday schedules
//! from the repository's demo catalogue.

use crate::calendar::{build, Calendar, DayCounting, YearSchedule};
use std::sync::OnceLock;

/// The schedules of `catalog/calendar/2023.toml` … `2026.toml`, with their paths.
pub fn official_schedules() -> Vec<(String, YearSchedule)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/calendar");
    (2023..=2026)
        .map(|y| {
            let text = std::fs::read_to_string(format!("{dir}/{y}.toml")).expect("calendar file");
            (
                format!("calendar/{y}.toml"),
                toml::from_str(&text).expect("valid schedule"),
            )
        })
        .collect()
}

/// The calendar built from them with the default counting, built once.
pub fn official_calendar() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(|| {
        build(&official_schedules(), DayCounting::default())
            .expect("the official schedules are valid")
    })
}

/// The repository's food business licence item.
pub fn food_item() -> crate::ServiceItem {
    toml::from_str(include_str!(
        "../../../catalog/items/food-business-licence.toml"
    ))
    .unwrap()
}
