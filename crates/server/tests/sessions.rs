//! A supervisor sees who is logged in and can end a session; a clerk cannot.

mod support;

use serde_json::Value;
use support::{login, start, PASSWORD};

#[tokio::test]
async fn a_supervisor_lists_open_sessions_and_ends_one() {
    let server = start().await;
    let base = server.base.clone();
    let client = reqwest::Client::new();
    let get = |cookie: &str, path: &str| {
        client
            .get(format!("{base}{path}"))
            .header("cookie", cookie)
            .send()
    };
    // A clerk may not list sessions.
    assert_eq!(
        get(&server.cookie, "/api/desk/sessions")
            .await
            .unwrap()
            .status(),
        403
    );
    let supervisor = login(&base, "李主任", PASSWORD).await.unwrap();
    let list: Value = get(&supervisor, "/api/desk/sessions")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sessions = list["sessions"].as_array().unwrap();
    let clerk = sessions
        .iter()
        .find(|s| s["name"] == "王敏")
        .expect("the clerk's session is listed");
    assert_eq!(clerk["role"], "clerk");
    let id = clerk["id"].as_str().unwrap();
    assert_eq!(id.len(), 16, "a handle, never the token");
    assert!(!server.cookie.contains(id));
    let revoked: Value = client
        .delete(format!("{base}/api/desk/sessions/{id}"))
        .header("cookie", &supervisor)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(revoked["revoked"], 1);
    // The clerk's next request finds the session gone; the supervisor's still works.
    assert_eq!(
        get(&server.cookie, "/api/session").await.unwrap().status(),
        401
    );
    assert_eq!(
        get(&supervisor, "/api/session").await.unwrap().status(),
        200
    );
    server.stop().await;
}
