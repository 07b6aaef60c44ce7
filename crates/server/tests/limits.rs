//! Per-address rate limits on what anyone may call: past the limit the answer is 429 with
//! `Retry-After` and a JSON error, whatever the request. Through `app().oneshot(…)`.

mod support;

use axum::body::Body;
use axum::http::{header, Request};
use http_body_util::BodyExt;
use onewindow_server::limits::RateLimits;
use onewindow_server::routes::app;
use tower::ServiceExt;

async fn call(router: &axum::Router, method: &str, path: &str) -> (u16, Option<String>, String) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .header("idempotency-key", "k")
        .body(Body::from("{}"))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let retry = response
        .headers()
        .get(header::RETRY_AFTER)
        .map(|v| v.to_str().unwrap().to_string());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, retry, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn posting_cases_looking_them_up_and_handing_over_are_limited_per_address() {
    let dir = tempfile::tempdir().unwrap();
    let mut state = support::app_state(dir.path()).await;
    state.limits = RateLimits {
        cases: 2,
        lookups: 3,
        handovers: 1,
        logins: 0,
        ..RateLimits::none()
    };
    let router = app(state);
    for (method, path, allowed) in [
        ("POST", "/api/cases", 2),
        ("GET", "/api/cases/2026-000001?code=ABCDEFGH", 3),
        ("POST", "/api/handovers", 1),
    ] {
        for _ in 0..allowed {
            let (status, _, body) = call(&router, method, path).await;
            assert_ne!(status, 429, "{method} {path} within the limit: {body}");
        }
        let (status, retry, body) = call(&router, method, path).await;
        assert_eq!(status, 429, "{method} {path} past the limit: {body}");
        let seconds: u64 = retry.expect("Retry-After").parse().unwrap();
        assert!((1..=60).contains(&seconds));
        let error: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(error["error"].as_str().unwrap().contains("请求过于频繁"));
    }
    // Routes for logged-in clerks and the catalogue are not limited this way.
    for _ in 0..10 {
        let (status, _, _) = call(&router, "GET", "/api/catalog/index").await;
        assert_eq!(status, 200);
    }
}
