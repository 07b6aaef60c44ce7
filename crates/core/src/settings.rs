//! What a deployment may set: how days are counted and the deadline numbers. The
//! catalogue carries them (`settings.toml`) so the browser and the server count alike;
//! the case lifecycle reads them. Kept apart from both so neither depends on the other.

use crate::calendar::DayCounting;
use serde::{Deserialize, Serialize};

/// What a deployment may set; the defaults are the law's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Whether the first day of a period counts.
    pub day_counting: DayCounting,
    /// The deadline numbers (warning, notification, archive, extension).
    pub deadlines: DeadlineSettings,
}

/// The numbers a deployment may set; the defaults are the law's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct DeadlineSettings {
    /// A deadline is "due soon" when this many working days or fewer remain after today
    /// (default 1: from the working day before the deadline).
    pub due_soon_days: u32,
    /// Working days to tell a received application what is missing (Art. 32: 5).
    pub notify_days: u32,
    /// Working days to archive after the decision (5).
    pub archive_days: u32,
    /// An extension's working days (Art. 42: 10).
    pub extension_days: u32,
    /// An extension's working days for joint handling (Art. 42: 15).
    pub joint_extension_days: u32,
    /// Minutes the back office has to answer a case received for on-the-spot acceptance
    /// (the front-desk relay; Zhanhe's rules: 20).
    pub relay_minutes: u32,
    /// Working days to follow up and rectify a poor evaluation (差评整改: 15).
    pub follow_up_days: u32,
}

impl Default for DeadlineSettings {
    fn default() -> Self {
        DeadlineSettings {
            due_soon_days: 1,
            notify_days: 5,
            archive_days: 5,
            extension_days: 10,
            joint_extension_days: 15,
            relay_minutes: 20,
            follow_up_days: 15,
        }
    }
}
