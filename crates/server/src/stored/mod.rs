//! A case row's JSON columns (its events and the front desk's outcome) in their own
//! stored format ([`v1`]), separate from the core's types: written and read only through
//! here, and read with an error that names the case and the column, never a panic or a
//! silent default.

pub mod v1;

use crate::error::AppError;
use onewindow_core::case::Event;
use onewindow_core::outcome::Outcome;

/// The events column, as read.
pub fn events(
    vault: &crate::vault::Vault,
    text: &str,
    number: &str,
) -> Result<Vec<Event>, AppError> {
    // Sealed like the applicant's data (events name collectors, hold signatures and
    // postal addresses); a row from before sealing is read as it is.
    let text = vault
        .open(text)
        .map_err(|e| AppError::Internal(e.context(format!("case {number}: stored events"))))?;
    let stored: Vec<v1::Event> = serde_json::from_str(&text)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("case {number}: stored events: {e}")))?;
    Ok(stored.into_iter().map(Event::from).collect())
}

/// The events column, to write.
pub fn events_text(vault: &crate::vault::Vault, events: &[Event]) -> Result<String, AppError> {
    Ok(vault.seal(&events_plain(events)?))
}

/// The events column's JSON before sealing (generated benchmark rows, sealed at start).
pub fn events_plain(events: &[Event]) -> Result<String, AppError> {
    let stored: Vec<v1::Event> = events.iter().map(v1::Event::from).collect();
    serde_json::to_string(&stored).map_err(|e| AppError::Internal(e.into()))
}

/// The outcome column (empty for a pre-check), as read.
pub fn outcome(text: Option<&str>, number: &str) -> Result<Option<Outcome>, AppError> {
    text.map(|t| {
        serde_json::from_str::<v1::Outcome>(t)
            .map(Outcome::from)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("case {number}: stored outcome: {e}")))
    })
    .transpose()
}

/// The outcome column, to write.
pub fn outcome_text(outcome: Option<&Outcome>) -> Result<Option<String>, AppError> {
    outcome
        .map(|o| {
            serde_json::to_string(&v1::Outcome::from(o)).map_err(|e| AppError::Internal(e.into()))
        })
        .transpose()
}
