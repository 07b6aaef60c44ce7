//! The HTTP routes.

use crate::catalog_dir::Packed;
use crate::error::AppError;
use crate::limits::{Limiter, RateLimits};
use crate::{
    applicant, audit_log, auth, cases, complaints, consult, desk, handovers, reports, security,
    static_files, supervision, AppState,
};
use axum::extract::DefaultBodyLimit;
use axum::extract::{OriginalUri, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, delete, get, post, MethodRouter};
use axum::{Json, Router};
use onewindow_wire::body::Health;
use onewindow_wire::endpoints as e;
use onewindow_wire::{Endpoint, Route};
use tower_http::compression::CompressionLayer;

/// The API's routes, each added through its wire type so the router and
/// `onewindow_wire::endpoints::ROUTES` name the same routes (a test checks both ways).
pub struct ApiRoutes {
    router: Router<AppState>,
    added: Vec<Route>,
}

impl ApiRoutes {
    fn new() -> Self {
        ApiRoutes {
            router: Router::new(),
            added: Vec::new(),
        }
    }

    fn at<E: Endpoint>(mut self, handler: MethodRouter<AppState>) -> Self {
        self.added.push(E::ROUTE);
        self.router = self.router.route(E::ROUTE.path, handler);
        self
    }

    /// The routes added, in order.
    pub fn added(&self) -> &[Route] {
        &self.added
    }
}

/// Every route the server answers, with its handler.
pub fn api_routes() -> ApiRoutes {
    api_routes_limited(RateLimits::none())
}

/// [`api_routes`] with the rate limits of the routes anyone may call.
pub fn api_routes_limited(limits: RateLimits) -> ApiRoutes {
    let limited = |per_minute: u32| {
        axum::middleware::from_fn_with_state(Limiter::new(per_minute), crate::limits::limit)
    };
    ApiRoutes::new()
        .at::<e::GetCatalog>(get(catalog))
        .at::<e::GetCatalogIndex>(get(catalog_index))
        .at::<e::GetCatalogItem>(get(catalog_item))
        .at::<e::GetCalendar>(get(calendar))
        .at::<e::SubmitCase>(
            post(cases::submit)
                .layer(DefaultBodyLimit::max(1 << 20))
                .layer(limited(limits.cases)),
        )
        .at::<e::LookupCase>(get(applicant::lookup).layer(limited(limits.lookups)))
        .at::<e::ShowNotice>(get(applicant::notice).layer(limited(limits.lookups)))
        .at::<e::ChooseDelivery>(
            post(applicant::choose_delivery)
                .layer(DefaultBodyLimit::max(16 << 10))
                .layer(limited(limits.lookups)),
        )
        .at::<e::EvaluateCase>(
            post(applicant::evaluate)
                .layer(DefaultBodyLimit::max(16 << 10))
                .layer(limited(limits.lookups)),
        )
        .at::<e::FileComplaint>(
            post(complaints::file)
                .layer(DefaultBodyLimit::max(16 << 10))
                .layer(limited(limits.cases)),
        )
        .at::<e::LookupComplaint>(get(complaints::lookup).layer(limited(limits.lookups)))
        .at::<e::ListComplaints>(get(complaints::list))
        .at::<e::AssignComplaint>(post(complaints::assign).layer(DefaultBodyLimit::max(16 << 10)))
        .at::<e::RecordComplaintAction>(
            post(complaints::record_action).layer(DefaultBodyLimit::max(16 << 10)),
        )
        .at::<e::CloseComplaint>(post(complaints::close).layer(DefaultBodyLimit::max(16 << 10)))
        .at::<e::ShowSupervision>(get(supervision::show))
        .at::<e::LedgerReport>(get(reports::ledger))
        .at::<e::Login>(post(auth::login).layer(limited(limits.logins)))
        .at::<e::UnlockAccount>(post(auth::unlock))
        .at::<e::ListLocks>(get(auth::locks))
        .at::<e::CallStaff>(post(crate::help_calls::call).layer(limited(limits.handovers)))
        .at::<e::ListHelpCalls>(get(crate::help_calls::list))
        .at::<e::HandleHelpCall>(post(crate::help_calls::handled))
        .at::<e::RecordConsultation>(post(consult::record))
        .at::<e::AskBackOffice>(post(consult::ask))
        .at::<e::ListEnquiries>(get(consult::list))
        .at::<e::AnswerEnquiry>(post(consult::answer))
        .at::<e::UnlockAddress>(post(auth::unlock_address))
        .at::<e::ListSessions>(get(auth::sessions))
        .at::<e::RevokeSession>(delete(auth::revoke))
        .at::<e::CurrentSession>(get(auth::current))
        .at::<e::Logout>(delete(auth::logout))
        .at::<e::ListCases>(get(desk::list))
        .at::<e::ShowCase>(get(desk::show))
        .at::<e::RecordStep>(post(desk::post_event).layer(DefaultBodyLimit::max(64 << 10)))
        .at::<e::Unmask>(post(desk::unmask))
        .at::<e::ReadAudit>(get(audit_log::list))
        .at::<e::ExportAudit>(get(audit_log::export))
        .at::<e::HandOver>(
            post(handovers::create)
                .layer(DefaultBodyLimit::max(64 << 10))
                .layer(limited(limits.handovers)),
        )
        .at::<e::OpenHandover>(get(handovers::open))
        .at::<e::Healthz>(get(healthz))
}

/// The whole application; tests call it directly.
pub fn app(state: AppState) -> Router {
    api_routes_limited(state.limits)
        .router
        .route("/api/{*rest}", any(api_not_found))
        .fallback_service(static_files::service(&state.dist))
        .layer(axum::middleware::from_fn(static_files::cache_headers))
        .layer(axum::middleware::from_fn_with_state(
            security::content_security_policy(&state.dist),
            security::headers,
        ))
        .layer(CompressionLayer::new())
        // A request that takes too long (a slow body, a stuck query) is cut off.
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            std::time::Duration::from_secs(state.limits.request_timeout_secs.max(1)),
        ))
        .with_state(state)
}

/// `GET /api/catalog`: the checked catalogue (items and holiday schedules).
async fn catalog(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let c = &state.catalog;
    json_with_etag(&headers, &c.digest[..32], &c.json, Some(&c.json_packed))
}

/// `GET /api/catalog/index`: the list, search and themes, without the guides.
async fn catalog_index(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let c = &state.catalog;
    json_with_etag(
        &headers,
        &c.index_digest[..32],
        &c.index_json,
        Some(&c.index_packed),
    )
}

/// `GET /api/catalog/items/{code}`: one item's guide; its version is the ETag. Small, so
/// compressed (if at all) by the response layer.
async fn catalog_item(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Path(code): axum::extract::Path<String>,
) -> Result<Response, AppError> {
    let Some((json, version)) = state.catalog.item_json.get(&code) else {
        return Err(AppError::NotFound(format!("item {code}")));
    };
    Ok(json_with_etag(&headers, version, json, None))
}

/// `GET /api/calendar`: the holiday schedules alone.
async fn calendar(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let c = &state.catalog;
    json_with_etag(
        &headers,
        &c.calendar_digest[..32],
        &c.calendar_json,
        Some(&c.calendar_packed),
    )
}

/// Which of brotli, gzip or nothing the client accepts, in that order of preference.
fn accepted_encoding(headers: &HeaderMap) -> Option<&'static str> {
    let accepted: Vec<String> = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter(|e| !e.contains("q=0") || e.contains("q=0."))
        .map(|e| {
            e.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .collect();
    ["br", "gzip"]
        .into_iter()
        .find(|e| accepted.iter().any(|a| a == e))
}

/// A JSON document that clients revalidate with its entity tag `tag` (304 when
/// unchanged), sent in the compressed form made at load when there is one and the client
/// accepts it (small documents are left to the response layer).
fn json_with_etag(headers: &HeaderMap, tag: &str, body: &str, packed: Option<&Packed>) -> Response {
    let etag = format!("\"{tag}\"");
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let cache = [
        (header::ETAG, etag.clone()),
        (header::CACHE_CONTROL, "no-cache".into()),
        (header::VARY, "Accept-Encoding".into()),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    let json = (header::CONTENT_TYPE, "application/json; charset=utf-8");
    match (packed, accepted_encoding(headers)) {
        (Some(packed), Some(encoding)) => {
            // Bytes: a reference count, not a copy of the document per request.
            let bytes = if encoding == "br" {
                packed.br.clone()
            } else {
                packed.gzip.clone()
            };
            (cache, [json, (header::CONTENT_ENCODING, encoding)], bytes).into_response()
        }
        _ => (cache, [json], body.to_string()).into_response(),
    }
}

/// `GET /healthz`: the database answers and a catalogue is loaded.
async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    let one: i64 = sqlx::query_scalar("SELECT CAST(1 AS BIGINT)")
        .fetch_one(&state.db)
        .await?;
    Ok(Json(Health {
        status: if one == 1 { "ok" } else { "degraded" }.into(),
        catalog_items: state.catalog.catalog.items.len(),
        catalog_digest: state.catalog.digest.clone(),
    }))
}

/// The words of the answer to a path no route has (a test tells it from a 404 of a
/// route that exists).
pub const NO_ROUTE: &str = "no such API route";

async fn api_not_found(OriginalUri(uri): OriginalUri) -> AppError {
    AppError::NotFound(format!("{NO_ROUTE}: {}", uri.path()))
}
