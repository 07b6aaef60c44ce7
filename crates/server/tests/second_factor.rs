//! Logins beyond the per-name lock: one address guessing across many names is locked too
//! (listed for the supervisor, who unlocks it), and a supervisor with a second factor
//! logs in only with the password and a fresh one-time code.

mod support;

use onewindow_server::auth::{add_user_at, AccountRole};
use onewindow_server::limits::RateLimits;
use serde_json::{json, Value};
use support::PASSWORD;

/// The server (stopped when the returned sender is dropped) and its database, with the
/// clerk 王敏 and the supervisor 李主任.
async fn start(
    dir: &std::path::Path,
    limits: RateLimits,
) -> (
    String,
    onewindow_server::db::Db,
    tokio::sync::oneshot::Sender<()>,
) {
    let (base, db, stop) = support::serve_with(dir, limits, support::test_keys()).await;
    let pool = onewindow_server::db::open(&db).await.unwrap();
    for (name, role) in [
        ("王敏", AccountRole::Clerk),
        ("李主任", AccountRole::Supervisor),
    ] {
        add_user_at(&pool, name, role, &Default::default(), PASSWORD)
            .await
            .unwrap();
    }
    (base, pool, stop)
}

async fn login(base: &str, body: Value) -> (u16, Value, Option<String>) {
    let r = reqwest::Client::new()
        .post(format!("{base}/api/session"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let cookie = r
        .headers()
        .get("set-cookie")
        .map(|c| c.to_str().unwrap().split(';').next().unwrap().to_string());
    (status, r.json().await.unwrap_or_default(), cookie)
}

async fn as_supervisor(
    base: &str,
    cookie: &str,
    method: reqwest::Method,
    path: &str,
) -> (u16, Value) {
    let r = reqwest::Client::new()
        .request(method, format!("{base}{path}"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or_default())
}

#[tokio::test]
async fn an_address_guessing_across_names_is_locked_until_a_supervisor_unlocks_it() {
    let dir = tempfile::tempdir().unwrap();
    let (base, _pool, _stop) = start(
        dir.path(),
        RateLimits {
            login_address_lock: 4,
            ..RateLimits::none()
        },
    )
    .await;
    let (_, _, supervisor) = login(&base, json!({"name": "李主任", "password": PASSWORD})).await;
    let supervisor = supervisor.unwrap();
    // Four names, one wrong password each: no name is locked, the address is.
    for name in ["张三", "李四", "王五", "赵六"] {
        let (status, _, _) = login(&base, json!({"name": name, "password": "guess guess 1"})).await;
        assert_eq!(status, 401);
    }
    let (status, body, _) = login(&base, json!({"name": "王敏", "password": PASSWORD})).await;
    assert_eq!(status, 429, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("这台设备"),
        "{body}"
    );
    // The supervisor sees it and lifts it.
    let (status, locks) =
        as_supervisor(&base, &supervisor, reqwest::Method::GET, "/api/desk/locks").await;
    assert_eq!(status, 200, "{locks}");
    assert_eq!(locks["addresses"][0]["who"], "127.0.0.1");
    assert_eq!(locks["names"].as_array().unwrap().len(), 0);
    let (status, unlocked) = as_supervisor(
        &base,
        &supervisor,
        reqwest::Method::POST,
        "/api/desk/addresses/127.0.0.1/unlock",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(unlocked["was_locked"], true);
    let (status, _, _) = login(&base, json!({"name": "王敏", "password": PASSWORD})).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_supervisor_with_a_second_factor_needs_a_fresh_code() {
    let dir = tempfile::tempdir().unwrap();
    let (base, pool, _stop) = start(dir.path(), RateLimits::none()).await;
    let vault = onewindow_server::vault::Vault::load(support::test_keys()).unwrap();
    // Only supervisors have one.
    assert!(
        onewindow_server::auth::set_totp(&pool, &vault, "王敏", true)
            .await
            .is_err()
    );
    let secret = onewindow_server::auth::set_totp(&pool, &vault, "李主任", true)
        .await
        .unwrap()
        .unwrap();
    // The password alone is not enough, and says what is missing.
    let (status, body, cookie) =
        login(&base, json!({"name": "李主任", "password": PASSWORD})).await;
    assert_eq!(status, 401, "{body}");
    assert!(cookie.is_none());
    assert!(
        body["error"].as_str().unwrap().contains("动态口令"),
        "{body}"
    );
    // A wrong code is refused.
    let (status, _, _) = login(
        &base,
        json!({"name": "李主任", "password": PASSWORD, "code": "000000"}),
    )
    .await;
    assert_eq!(status, 401);
    // The current code works once.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let code = onewindow_server::totp::code_at(&secret, now);
    let (status, body, cookie) = login(
        &base,
        json!({"name": "李主任", "password": PASSWORD, "code": code}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(cookie.is_some());
    let (status, _, _) = login(
        &base,
        json!({"name": "李主任", "password": PASSWORD, "code": code}),
    )
    .await;
    assert_eq!(status, 401, "a code is used once");
    // The secret is stored sealed; turned off, the password is enough again.
    let stored: String = sqlx::query_scalar("SELECT totp_secret FROM users WHERE name = '李主任'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(stored.starts_with("enc1:"));
    onewindow_server::auth::set_totp(&pool, &vault, "李主任", false)
        .await
        .unwrap();
    let (status, _, _) = login(&base, json!({"name": "李主任", "password": PASSWORD})).await;
    assert_eq!(status, 200);
}
