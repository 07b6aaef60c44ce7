//! The cases this device follows: the last status seen of each (shown offline, and
//! compared with the next answer to tell what is new), and the list of numbers with their
//! lookup codes (the start page checks them). Kept in localStorage: a full device only
//! loses this copy, never the page.

use onewindow_wire::body::ApplicantCaseView;
use serde::{Deserialize, Serialize};

const INDEX: &str = "onewindow-known-cases";

fn saved_key(number: &str) -> String {
    format!("onewindow-status-{number}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The copy last seen on this device, with when it was seen.
pub fn saved(number: &str) -> Option<(ApplicantCaseView, String)> {
    let text = storage()?.get_item(&saved_key(number)).ok()??;
    let (seen, view): (String, ApplicantCaseView) = serde_json::from_str(&text).ok()?;
    Some((view, seen))
}

/// Keeps `view` as the last status seen.
pub fn save(view: &ApplicantCaseView) {
    let seen = crate::clock::now_local()
        .format("%Y-%m-%d %H:%M")
        .to_string();
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&(seen, view))) {
        let _ = s.set_item(&saved_key(&view.number), &text);
    }
}

/// A case this device follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Known {
    /// Its number.
    pub number: String,
    /// Its lookup code.
    pub code: String,
}

/// Every case this device follows, newest first.
pub fn known() -> Vec<Known> {
    storage()
        .and_then(|s| s.get_item(INDEX).ok().flatten())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Follows case `number` from now on (a receipt, a status page opened) — on the
/// applicant's own device only: a self-service terminal is shared and keeps no list.
pub fn remember(number: &str, code: &str) {
    if crate::display::load().terminal {
        return;
    }
    let mut all = known();
    all.retain(|k| k.number != number);
    all.insert(
        0,
        Known {
            number: number.to_string(),
            code: code.to_string(),
        },
    );
    all.truncate(20);
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&all)) {
        let _ = s.set_item(INDEX, &text);
    }
}
