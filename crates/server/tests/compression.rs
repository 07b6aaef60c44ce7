//! Nothing large is compressed per request: the catalogue is compressed once at load and
//! the built app's files are sent as the build compressed them, each with
//! `Content-Encoding` and `Vary: Accept-Encoding`. Through `app().oneshot(…)`.

mod support;

use axum::body::Body;
use axum::http::{header, Request};
use http_body_util::BodyExt;
use onewindow_server::routes::app;
use std::io::Read;
use tower::ServiceExt;

async fn get(
    router: &axum::Router,
    path: &str,
    encoding: &str,
) -> (axum::http::HeaderMap, Vec<u8>) {
    let response = router
        .clone()
        .oneshot(
            Request::get(path)
                .header(header::ACCEPT_ENCODING, encoding)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (headers, body)
}

#[tokio::test]
async fn the_catalogue_is_compressed_once_and_sent_as_the_client_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let state = support::app_state(dir.path()).await;
    let router = app(state);
    let (plain_headers, plain) = get(&router, "/api/catalog", "identity").await;
    assert!(plain_headers.get(header::CONTENT_ENCODING).is_none());
    let (br_headers, br) = get(&router, "/api/catalog", "gzip, deflate, br").await;
    assert_eq!(br_headers[header::CONTENT_ENCODING], "br");
    assert_eq!(br_headers[header::VARY], "Accept-Encoding");
    let mut unpacked = Vec::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, plain);
    // The same bytes every time: made once, not per request.
    let (_, again) = get(&router, "/api/catalog", "br").await;
    assert_eq!(again, br);
    assert!(
        br.len() * 5 < plain.len(),
        "{} of {}",
        br.len(),
        plain.len()
    );
    let (gz_headers, gz) = get(&router, "/api/catalog", "gzip").await;
    assert_eq!(gz_headers[header::CONTENT_ENCODING], "gzip");
    let mut unpacked = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, plain);
}

#[tokio::test]
async fn the_apps_files_are_sent_as_the_build_compressed_them() {
    let dir = tempfile::tempdir().unwrap();
    let state = support::app_state(dir.path()).await;
    // What the build writes beside each file.
    let dist = dir.path().join("dist");
    let file = "onewindow-app-0123456789abcdef.js";
    std::fs::write(dist.join(format!("{file}.br")), b"precompressed brotli").unwrap();
    std::fs::write(dist.join(format!("{file}.gz")), b"precompressed gzip").unwrap();
    let router = app(state);
    let (headers, body) = get(&router, &format!("/{file}"), "br, gzip").await;
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(headers[header::VARY], "Accept-Encoding");
    assert_eq!(body, b"precompressed brotli");
    let (headers, body) = get(&router, &format!("/{file}"), "gzip").await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(body, b"precompressed gzip");
    let (headers, body) = get(&router, &format!("/{file}"), "identity").await;
    assert!(headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(body, b"export {}");
}
