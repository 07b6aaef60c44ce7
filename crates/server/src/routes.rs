//! The HTTP routes.

use crate::error::AppError;
use crate::{audit, auth, cases, desk, handovers, security, static_files, AppState};
use axum::extract::DefaultBodyLimit;
use axum::extract::{OriginalUri, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use tower_http::compression::CompressionLayer;

/// Every route of the API as (method, path), as documented in `openapi.json` (a test
/// checks the two agree).
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/catalog"),
    ("get", "/api/calendar"),
    ("post", "/api/cases"),
    ("get", "/api/cases/{number}"),
    ("post", "/api/session"),
    ("get", "/api/session"),
    ("delete", "/api/session"),
    ("get", "/api/desk/cases"),
    ("get", "/api/desk/cases/{number}"),
    ("post", "/api/desk/cases/{number}/events"),
    ("post", "/api/desk/cases/{number}/unmask"),
    ("get", "/api/desk/audit"),
    ("post", "/api/handovers"),
    ("get", "/api/desk/handovers/{number}"),
    ("get", "/healthz"),
];

/// The whole application; tests call it directly.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/catalog", get(catalog))
        .route("/calendar", get(calendar))
        .route(
            "/cases",
            post(cases::submit).layer(DefaultBodyLimit::max(1 << 20)),
        )
        .route("/cases/{number}", get(cases::lookup))
        .route(
            "/session",
            post(auth::login).get(auth::current).delete(auth::logout),
        )
        .route("/desk/cases", get(desk::list))
        .route("/desk/cases/{number}", get(desk::show))
        .route(
            "/desk/cases/{number}/events",
            post(desk::post_event).layer(DefaultBodyLimit::max(64 << 10)),
        )
        .route("/desk/cases/{number}/unmask", post(desk::unmask))
        .route("/desk/audit", get(audit::list))
        .route(
            "/handovers",
            post(handovers::create).layer(DefaultBodyLimit::max(64 << 10)),
        )
        .route("/desk/handovers/{number}", get(handovers::open))
        .fallback(api_not_found);
    Router::new()
        .nest("/api", api)
        .route("/healthz", get(healthz))
        .fallback_service(static_files::service(&state.dist))
        .layer(axum::middleware::from_fn(static_files::cache_headers))
        .layer(axum::middleware::from_fn_with_state(
            security::content_security_policy(&state.dist),
            security::headers,
        ))
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// `GET /api/catalog`: the checked catalogue (items and holiday schedules).
async fn catalog(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let c = &state.catalog;
    json_with_etag(&headers, &c.digest, c.json.clone())
}

/// `GET /api/calendar`: the holiday schedules alone.
async fn calendar(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let c = &state.catalog;
    json_with_etag(&headers, &c.calendar_digest, c.calendar_json.clone())
}

/// A JSON document that clients revalidate with its entity tag (304 when unchanged).
fn json_with_etag(headers: &HeaderMap, digest: &str, body: String) -> Response {
    let etag = format!("\"{}\"", &digest[..32]);
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let cache = [
        (header::ETAG, etag.clone()),
        (header::CACHE_CONTROL, "no-cache".into()),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (
        cache,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

/// `GET /healthz`: the database answers and a catalogue is loaded.
async fn healthz(State(state): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    let one: i64 = sqlx::query_scalar("SELECT CAST(1 AS BIGINT)")
        .fetch_one(&state.db)
        .await?;
    Ok(Json(json!({
        "status": if one == 1 { "ok" } else { "degraded" },
        "catalog_items": state.catalog.catalog.items.len(),
        "catalog_digest": state.catalog.digest,
    })))
}

async fn api_not_found(OriginalUri(uri): OriginalUri) -> AppError {
    AppError::NotFound(uri.path().to_string())
}
