//! Reading the JSON columns of a case row (its events and the front desk's outcome) with
//! an error that names the case and the column, never a panic or a silent default.

use crate::error::AppError;
use onewindow_core::case::Event;
use onewindow_core::outcome::Outcome;

/// The events column.
pub fn events(text: &str, number: &str) -> Result<Vec<Event>, AppError> {
    serde_json::from_str(text)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("case {number}: stored events: {e}")))
}

/// The outcome column (empty for a pre-check).
pub fn outcome(text: Option<&str>, number: &str) -> Result<Option<Outcome>, AppError> {
    text.map(|t| {
        serde_json::from_str(t)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("case {number}: stored outcome: {e}")))
    })
    .transpose()
}
