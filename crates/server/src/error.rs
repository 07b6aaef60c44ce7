//! One error type for every handler: logs the details, tells the client what it needs.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// A failed request.
#[derive(Debug)]
pub enum AppError {
    /// No such resource.
    NotFound(String),
    /// Something broke on the server; details go to the log only.
    Internal(anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            AppError::NotFound(what) => (StatusCode::NOT_FOUND, format!("not found: {what}")),
            AppError::Internal(e) => {
                tracing::error!("internal error: {e:#}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the server could not complete the request; please try again later".into(),
                )
            }
        };
        (status, Json(json!({ "error": message }))).into_response()
    }
}
