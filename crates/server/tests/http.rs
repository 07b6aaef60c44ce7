//! The server over real HTTP on 127.0.0.1, with a temporary SQLite file.

mod support;

use onewindow_core::Catalog;
use support::{repo_catalog, start, start_with};

#[tokio::test]
async fn the_catalogue_is_served_as_json_and_revalidates_with_its_etag() {
    let server = start().await;
    let client = reqwest::Client::new();
    let response = client
        .get(format!("{}/api/catalog", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/json; charset=utf-8"
    );
    let etag = response.headers()["etag"].to_str().unwrap().to_string();
    let catalog = Catalog::from_json(&response.text().await.unwrap()).unwrap();
    assert_eq!(catalog.items.len(), 17);
    assert_eq!(catalog.bundles.len(), 2);
    assert!(catalog
        .item("370000-SCJG-XK-001")
        .is_some_and(|i| i.name == "食品经营许可（新办）"));

    let again = client
        .get(format!("{}/api/catalog", server.base))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304, "an unchanged catalogue costs no body");
    server.stop().await;
}

#[tokio::test]
async fn the_database_file_is_created_and_migrated_on_first_start() {
    let server = start().await;
    let health: serde_json::Value = reqwest::get(format!("{}/healthz", server.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["catalog_items"], 17);
    let db = server.db.clone();
    let dir = server.stop().await;
    if !onewindow_server::db::is_postgres(&db) {
        assert!(
            std::path::Path::new(&db).is_file(),
            "the SQLite file exists at the configured path"
        );
    }

    // A restart with the same catalogue reuses the database and records the load only once.
    let server = start_with(dir, repo_catalog()).await.unwrap();
    let dir = server.stop().await;
    let pool = onewindow_server::db::open(&db).await.unwrap();
    let loads: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM catalog_loads")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(loads, 1);
    drop(dir);
}

#[tokio::test]
async fn the_app_is_served_for_its_own_routes_with_the_right_cache_headers() {
    let server = start().await;
    let page = reqwest::get(format!("{}/items/370000-SCJG-XK-001", server.base))
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-cache");
    assert!(page.text().await.unwrap().contains("一窗通"));

    let asset = reqwest::get(format!("{}/onewindow-app-0123456789abcdef.js", server.base))
        .await
        .unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );

    let missing = reqwest::get(format!("{}/api/no-such-thing", server.base))
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let body: serde_json::Value = missing.json().await.unwrap();
    assert_eq!(
        body["error"],
        "not found: no such API route: /api/no-such-thing"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_broken_catalogue_stops_the_start_and_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    std::fs::create_dir_all(catalog.join("items")).unwrap();
    std::fs::create_dir_all(catalog.join("calendar")).unwrap();
    let year = std::fs::read_to_string(repo_catalog().join("calendar/2026.toml")).unwrap();
    std::fs::write(catalog.join("calendar/2026.toml"), year).unwrap();
    let good =
        std::fs::read_to_string(repo_catalog().join("items/elderly-allowance.toml")).unwrap();
    std::fs::write(
        catalog.join("items/a.toml"),
        good.replace("kind = \"committed\"", "kind = \"urgent\""),
    )
    .unwrap();
    let err = match start_with(dir, catalog).await {
        Ok(_) => panic!("a broken catalogue must not be served"),
        Err(e) => format!("{e:#}"),
    };
    assert!(err.contains("has 1 problem(s)"), "{err}");
    assert!(
        err.contains("items/a.toml:6:8: unknown variant `urgent`"),
        "{err}"
    );
}

#[tokio::test]
async fn the_calendar_is_served_on_its_own_with_an_etag() {
    let server = start().await;
    let client = reqwest::Client::new();
    let response = client
        .get(format!("{}/api/calendar", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let etag = response.headers()["etag"].to_str().unwrap().to_string();
    let years: Vec<onewindow_core::calendar::YearSchedule> = response.json().await.unwrap();
    assert_eq!(
        years.iter().map(|y| y.year).collect::<Vec<_>>(),
        [2023, 2024, 2025, 2026]
    );
    let again = client
        .get(format!("{}/api/calendar", server.base))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    server.stop().await;
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let server = start().await;
    for path in ["/", "/api/catalog", "/api/no-such-thing", "/healthz"] {
        let response = reqwest::get(format!("{}{path}", server.base))
            .await
            .unwrap();
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{path}: {csp}"
        );
        assert!(
            csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
    }
    // The hash is that of the inline start-up script of index.html.
    let expected = {
        use base64::Engine;
        use sha2::Digest;
        let digest = sha2::Sha256::digest("import init from '/app.js';".as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    };
    let response = reqwest::get(format!("{}/", server.base)).await.unwrap();
    assert!(response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains(&expected));
    server.stop().await;
}
