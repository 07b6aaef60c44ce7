//! Guessing a password gets slow and then stops: five failures in a row lock the name —
//! even the right password is refused until the lock ends or a supervisor unlocks it —
//! and each step is in the audit log.

mod support;

use support::{login, pool, start, PASSWORD};

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_name_until_a_supervisor_unlocks_it() {
    let server = start().await;
    let base = server.base.clone();
    for attempt in 1..=5 {
        let (status, _) = login(&base, "王敏", "wrong password").await.unwrap_err();
        assert_eq!(status, 401, "attempt {attempt}");
    }
    // Locked: the right password does not help, and the answer says what to do.
    let (status, body) = login(&base, "王敏", PASSWORD).await.unwrap_err();
    assert_eq!(status, 429, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("请负责人解锁"),
        "{body}"
    );
    // A name that does not exist locks the same way: a lock tells nothing about accounts.
    for _ in 1..=5 {
        let _ = login(&base, "nobody", "guess").await;
    }
    let (status, _) = login(&base, "nobody", "guess").await.unwrap_err();
    assert_eq!(status, 429);
    // A clerk may not unlock; the supervisor may.
    let client = reqwest::Client::new();
    let unlock = |cookie: String| {
        let client = client.clone();
        let url = format!("{base}/api/desk/users/%E7%8E%8B%E6%95%8F/unlock");
        async move {
            client
                .post(url)
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(unlock(server.cookie.clone()).await, 403);
    let supervisor = login(&base, "李主任", PASSWORD).await.unwrap();
    assert_eq!(unlock(supervisor).await, 200);
    assert!(login(&base, "王敏", PASSWORD).await.is_ok());
    let lines: Vec<(String, String, i64, String)> =
        sqlx::query_as("SELECT actor, action, success, detail FROM audit_log ORDER BY id")
            .fetch_all(&pool(&server).await)
            .await
            .unwrap();
    let has = |actor: &str, action: &str, ok: i64| {
        lines
            .iter()
            .any(|(a, b, s, _)| a == actor && b == action && *s == ok)
    };
    assert!(has("王敏", "login.lock", 1), "{lines:?}");
    assert!(lines
        .iter()
        .any(|(a, b, _, d)| a == "王敏" && b == "login" && d == "locked"));
    assert!(
        has("王敏", "user.unlock", 0),
        "the clerk's attempt is audited"
    );
    assert!(has("李主任", "user.unlock", 1));
    server.stop().await;
}
