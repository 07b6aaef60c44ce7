//! The API as documented is the API as built: `openapi.json` is what the wire types
//! generate (`UPDATE_OPENAPI=1 cargo test -p onewindow-server --test openapi` rewrites
//! it), the router has exactly the wire's routes, and each route answers — through
//! `app().oneshot(…)`, no socket — with a status its description lists.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use onewindow_server::routes::{api_routes, app, NO_ROUTE};
use onewindow_wire::endpoints::{path_with, ROUTES};
use onewindow_wire::Method;
use serde_json::Value;
use std::collections::BTreeSet;
use tower::ServiceExt;

const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");

#[test]
fn openapi_json_is_generated_from_the_wire_types() {
    let generated =
        serde_json::to_string_pretty(&onewindow_wire::openapi::document()).unwrap() + "\n";
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(SPEC, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(SPEC).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi.json differs from what the wire types generate: run \
         UPDATE_OPENAPI=1 cargo test -p onewindow-server --test openapi and review the diff"
    );
}

#[test]
fn the_router_has_exactly_the_wire_routes() {
    let key = |m: Method, p: &str| (m.name().to_string(), p.to_string());
    let routed: BTreeSet<_> = api_routes()
        .added()
        .iter()
        .map(|r| key(r.method, r.path))
        .collect();
    let wire: BTreeSet<_> = ROUTES.iter().map(|r| key(r.method, r.path)).collect();
    assert_eq!(routed, wire);
    assert_eq!(
        api_routes().added().len(),
        ROUTES.len(),
        "no route added twice"
    );
}

#[tokio::test]
async fn every_route_answers_with_a_documented_status() {
    let dir = tempfile::tempdir().unwrap();
    let state = support::app_state(dir.path()).await;
    let router = app(state);
    for route in ROUTES {
        let method = match route.method {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        };
        let request = Request::builder()
            .method(method)
            .uri(path_with(route, "2026-000001"))
            .header("content-type", "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&body);
        assert_ne!(
            status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {} is not routed",
            route.path
        );
        assert!(
            !text.contains(NO_ROUTE),
            "{method} {} fell through to the missing-route answer",
            route.path
        );
        let code = status.as_u16();
        assert!(
            code == route.ok || route.errors.contains(&code),
            "{method} {} answered {code}, which its description does not list",
            route.path
        );
        if code >= 400 {
            let error: Value = serde_json::from_slice(&body).unwrap();
            assert!(
                error["error"].is_string(),
                "{method} {}: {text}",
                route.path
            );
        }
    }
    // And a path no route has is told apart.
    let response = router
        .oneshot(
            Request::get("/api/nothing-here")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains(NO_ROUTE));
}
