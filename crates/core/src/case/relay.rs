//! The relay clock (前台接力): a case the window received but may not accept itself waits
//! for the back office's answer on the spot; the front desk and the middle office see the
//! minutes since receipt, and a warning once the deployment's limit has passed.

use super::{CaseRecord, CaseState};
use crate::settings::DeadlineSettings;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Where the relay stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Relay {
    /// When the papers were received.
    pub since: NaiveDateTime,
    /// Whole minutes since then.
    pub minutes: i64,
    /// The limit.
    pub limit: u32,
    /// Past the limit.
    pub overdue: bool,
}

/// The relay clock at `now`, while the case waits for the back office to accept it.
pub fn relay(rec: &CaseRecord, settings: &DeadlineSettings, now: NaiveDateTime) -> Option<Relay> {
    if rec.state != Some(CaseState::Received) {
        return None;
    }
    let since = rec.received?;
    let minutes = (now - since).num_minutes().max(0);
    Some(Relay {
        since,
        minutes,
        limit: settings.relay_minutes,
        overdue: minutes > i64::from(settings.relay_minutes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{replay, Event, EventKind, Role};

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn received() -> CaseRecord {
        replay(&[Event {
            at: at("2026-11-27 09:00"),
            actor: "王敏".into(),
            role: Role::Clerk,
            note: String::new(),
            kind: EventKind::Received,
            device_at: None,
        }])
        .unwrap()
    }

    #[test]
    fn the_clock_runs_from_receipt_and_warns_past_the_limit() {
        let s = DeadlineSettings::default();
        let r = relay(&received(), &s, at("2026-11-27 09:20")).unwrap();
        assert_eq!((r.minutes, r.limit, r.overdue), (20, 20, false));
        assert!(
            relay(&received(), &s, at("2026-11-27 09:21"))
                .unwrap()
                .overdue
        );
    }

    #[test]
    fn it_stops_once_the_back_office_answers() {
        let mut rec = received();
        rec.state = Some(CaseState::Accepted);
        assert_eq!(
            relay(&rec, &DeadlineSettings::default(), at("2026-11-27 10:00")),
            None
        );
    }
}
