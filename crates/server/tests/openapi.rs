//! The OpenAPI document and the server agree: every documented route exists, every route
//! is documented, and each documented status of a simple request is what the server says.

mod support;

use onewindow_server::routes::ROUTES;
use serde_json::Value;
use std::collections::BTreeSet;

fn spec() -> Value {
    serde_json::from_str(include_str!("../openapi.json")).expect("openapi.json is JSON")
}

#[test]
fn every_route_is_documented_and_every_documented_route_exists() {
    let spec = spec();
    let documented: BTreeSet<(String, String)> = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.clone(), path.clone()))
        })
        .collect();
    let routed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented, routed);
}

#[tokio::test]
async fn the_documented_answers_are_the_servers() {
    let spec = spec();
    let server = support::start().await;
    let client = reqwest::Client::new();
    let documented = |path: &str, method: &str, status: u16| {
        spec["paths"][path][method]["responses"]
            .get(status.to_string())
            .is_some()
    };
    for (method, path) in ROUTES {
        let url = format!("{}{}", server.base, path.replace("{number}", "2026-000001"));
        let response = match *method {
            "get" => client.get(&url).send().await.unwrap(),
            "delete" => client.delete(&url).send().await.unwrap(),
            _ => client.post(&url).body("{}").send().await.unwrap(),
        };
        let status = response.status().as_u16();
        assert!(
            documented(path, method, status),
            "{method} {path} answered {status}, which openapi.json does not list"
        );
        if status >= 400 {
            let body: Value = response.json().await.unwrap();
            assert!(
                body["error"].is_string(),
                "{method} {path}: errors are JSON with an \"error\""
            );
        }
    }
    server.stop().await;
}
