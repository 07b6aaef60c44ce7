//! The catalogue's index and each item's guide by itself, each with its ETag: a phone
//! downloads the small index and only the guides it opens. Through `app().oneshot(…)`.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use onewindow_core::catalog::CatalogIndex;
use onewindow_core::ServiceItem;
use onewindow_server::routes::app;
use tower::ServiceExt;

async fn get(
    router: &axum::Router,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let mut request = Request::get(path);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    (
        status,
        headers,
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
}

#[tokio::test]
async fn the_index_names_every_item_with_the_version_its_guide_is_served_under() {
    let dir = tempfile::tempdir().unwrap();
    let state = support::app_state(dir.path()).await;
    let items = state.catalog.catalog.items.clone();
    let router = app(state);
    let (status, _, body) = get(&router, "/api/catalog/index", &[]).await;
    assert_eq!(status, 200);
    let index = CatalogIndex::from_json(std::str::from_utf8(&body).unwrap()).unwrap();
    assert_eq!(index.items.len(), items.len());
    let (_, _, whole) = get(&router, "/api/catalog", &[]).await;
    assert!(
        body.len() * 3 < whole.len(),
        "index {} B, catalogue {} B",
        body.len(),
        whole.len()
    );
    for summary in &index.items {
        let path = format!("/api/catalog/items/{}", summary.code);
        let (status, headers, guide) = get(&router, &path, &[]).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(headers[header::ETAG], format!("\"{}\"", summary.version));
        let item: ServiceItem = serde_json::from_slice(&guide).unwrap();
        // Served without the centre's example cases (a check, not a guide).
        let mut served = items.iter().find(|i| i.code == summary.code).cloned();
        if let Some(i) = served.as_mut() {
            i.examples.clear();
        }
        assert_eq!(Some(item), served);
        // A device with this version is told it is current.
        let tag = format!("\"{}\"", summary.version);
        let (status, _, _) = get(&router, &path, &[("if-none-match", &tag)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
    }
    let (status, _, body) = get(&router, "/api/catalog/items/NO-SUCH-ITEM", &[]).await;
    assert_eq!(status, 404);
    let error: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert!(error["error"].as_str().unwrap().contains("NO-SUCH-ITEM"));
}
