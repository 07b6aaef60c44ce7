//! Serving the built browser app: files from `dist/`, and `index.html` for every other
//! path so that the app's own routes (e.g. `/items/…`) survive a reload.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};

/// The static file service with the single-page-app fallback. The build writes `.br`
/// and `.gz` beside each file; they are sent as they are (with `Content-Encoding` and
/// `Vary: Accept-Encoding`) to clients that accept them, so nothing is compressed here.
pub fn service(dist: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(dist.join("index.html"))
                .precompressed_br()
                .precompressed_gzip(),
        )
}

/// Trunk names the bundle's files with a content hash, so they never change and may be
/// cached for a year; everything else (index.html, sw.js, the API) must be revalidated.
pub async fn cache_headers(request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    // Files may come precompressed: caches must keep one copy per encoding.
    if response.headers().contains_key(header::CONTENT_ENCODING)
        && !response.headers().contains_key(header::VARY)
    {
        response
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    if response.status().is_success() && !response.headers().contains_key(header::CACHE_CONTROL) {
        let value = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// `/onewindow-app-1a2b3c4d5e6f7a8.js`, `…_bg.wasm`, `main-…css`: Trunk's hash (a 64-bit
/// value in hex, so up to 16 digits) right before the extension (or before `_bg`).
fn is_hashed_asset(path: &str) -> bool {
    let Some(name) = path.rsplit('/').next() else {
        return false;
    };
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn only_content_hashed_bundle_files_are_immutable() {
        assert!(is_hashed_asset("/onewindow-app-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("/onewindow-app-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/main-00ff00ff00ff00ff.css"));
        assert!(is_hashed_asset("/onewindow-app-da3ae544d9179a3.js"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/items/370000-SCJG-XK-001"));
    }
}
