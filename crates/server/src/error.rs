//! One error type for every handler: logs the details, tells the client what it needs.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use onewindow_wire::body::ErrorBody;

/// A failed request.
#[derive(Debug)]
pub enum AppError {
    /// The request is malformed (400).
    BadRequest(String),
    /// The body is over the limit (413).
    TooLarge,
    /// The request clashes with one still running (409).
    Conflict(String),
    /// The request is well-formed but refused, with the fields at fault (422).
    Unprocessable {
        /// What is wrong.
        message: String,
        /// The fields at fault.
        fields: Vec<onewindow_core::submission::FieldError>,
    },
    /// A refusal whose exact answer (a serialized [`ErrorBody`]) is also stored, so a
    /// retry gets the same one.
    Stored(StatusCode, serde_json::Value),
    /// No such resource.
    NotFound(String),
    /// Not logged in, or the session ended (401).
    Unauthorized(String),
    /// Logged in, but not allowed (403).
    Forbidden(String),
    /// The case changed since the client read it (412).
    PreconditionFailed(String),
    /// The request must say which version it changes (428).
    PreconditionRequired(String),
    /// Too many requests from this address (429).
    TooMany(String),
    /// Something broke on the server; details go to the log only.
    Internal(anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl AppError {
    /// A line for the audit log: the status and what was refused.
    pub fn summary(&self) -> String {
        match self {
            AppError::BadRequest(m)
            | AppError::Conflict(m)
            | AppError::NotFound(m)
            | AppError::Unauthorized(m)
            | AppError::Forbidden(m)
            | AppError::PreconditionFailed(m)
            | AppError::PreconditionRequired(m)
            | AppError::TooMany(m) => m.clone(),
            AppError::Unprocessable { message, .. } => message.clone(),
            AppError::TooLarge => "body too large".into(),
            AppError::Stored(status, body) => format!("{status}: {body}"),
            AppError::Internal(_) => "internal error".into(),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            AppError::Conflict(m) => (StatusCode::CONFLICT, m),
            AppError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "the request body is over 1 MiB: a case is much smaller; check what is being sent"
                    .into(),
            ),
            AppError::Unprocessable { message, fields } => {
                return (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Json(ErrorBody {
                        error: message,
                        fields,
                    }),
                )
                    .into_response();
            }
            AppError::Stored(status, body) => return (status, Json(body)).into_response(),
            AppError::NotFound(what) => (StatusCode::NOT_FOUND, format!("not found: {what}")),
            AppError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, m),
            AppError::Forbidden(m) => (StatusCode::FORBIDDEN, m),
            AppError::PreconditionFailed(m) => (StatusCode::PRECONDITION_FAILED, m),
            AppError::PreconditionRequired(m) => (StatusCode::PRECONDITION_REQUIRED, m),
            AppError::TooMany(m) => (StatusCode::TOO_MANY_REQUESTS, m),
            AppError::Internal(e) => {
                tracing::error!("internal error: {e:#}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the server could not complete the request; please try again later".into(),
                )
            }
        };
        (
            status,
            Json(ErrorBody {
                error: message,
                fields: vec![],
            }),
        )
            .into_response()
    }
}
