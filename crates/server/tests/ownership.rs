//! Every case has an owner (首办负责人): the clerk who received it. "我的办件" is theirs
//! (and, under A/B posts, the cases of whoever they cover); only the owner or a
//! supervisor hands a case on, to a real front-desk or middle-office account, with a
//! reason.

mod support;

use serde_json::{json, Value};
use support::{catalog, desk_case, login, pool, post, start, PASSWORD, REVIEWER};

async fn get(base: &str, cookie: &str, path: &str) -> (u16, String, Value) {
    let res = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let etag = res
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, etag, res.json().await.unwrap_or(Value::Null))
}

/// Hands case `number` to `to`, as the holder of `cookie`.
async fn hand_over(base: &str, cookie: &str, number: &str, to: &str) -> (u16, Value) {
    let (_, etag, _) = get(base, cookie, &format!("/api/desk/cases/{number}")).await;
    let res = reqwest::Client::new()
        .post(format!("{base}/api/desk/cases/{number}/events"))
        .header("cookie", cookie)
        .header("if-match", etag)
        .json(&json!({ "step": "owner_changed", "fields": { "new_owner": to, "transfer_reason": "王敏休假" } }))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn mine(base: &str, cookie: &str) -> Vec<String> {
    let (_, _, list) = get(base, cookie, "/api/desk/cases?mine=true").await;
    list["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["number"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_owner_hands_a_case_on_and_a_substitute_covers_an_absent_clerk() {
    let server = start().await;
    let (base, wang) = (server.base.clone(), server.cookie.clone());
    let db = pool(&server).await;
    onewindow_server::auth::add_user(
        &db,
        "李娜",
        onewindow_server::auth::AccountRole::Clerk,
        PASSWORD,
    )
    .await
    .unwrap();
    let li = login(&base, "李娜", PASSWORD).await.unwrap();
    let body = serde_json::to_string(&desk_case(&catalog(&base).await)).unwrap();
    let (_, stored) = post(&base, &wang, Some("own-1"), &body).await;
    let number = stored["number"].as_str().unwrap().to_string();
    assert_eq!(mine(&base, &wang).await, vec![number.clone()]);
    assert!(mine(&base, &li).await.is_empty());

    // Offered to the owner only …
    let offered = |case: &Value| case["view"]["steps"].to_string().contains("owner_changed");
    let (_, _, as_owner) = get(&base, &wang, &format!("/api/desk/cases/{number}")).await;
    let (_, _, as_other) = get(&base, &li, &format!("/api/desk/cases/{number}")).await;
    assert!(offered(&as_owner) && !offered(&as_other));
    // … not the reviewer's to hand on, nor another clerk's.
    let reviewer = login(&base, REVIEWER, PASSWORD).await.unwrap();
    assert_eq!(hand_over(&base, &reviewer, &number, "李娜").await.0, 403);
    let (status, refused) = hand_over(&base, &li, &number, "李娜").await;
    assert_eq!(status, 422, "{refused}");
    assert!(
        refused.to_string().contains("只有首办负责人（王敏）"),
        "{refused}"
    );
    // Only to a real front-desk or middle-office account.
    let (status, refused) = hand_over(&base, &wang, &number, "不存在的人").await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["fields"][0]["field"], "new_owner");
    let (status, refused) = hand_over(&base, &wang, &number, REVIEWER).await;
    assert_eq!(status, 422, "{refused}");

    // The owner hands it to 李娜: it is hers now, with the reason in its history.
    let (status, case) = hand_over(&base, &wang, &number, "李娜").await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(case["owner"], "李娜");
    assert!(case.to_string().contains("王敏休假"));
    assert_eq!(mine(&base, &li).await, vec![number.clone()]);
    assert!(mine(&base, &wang).await.is_empty());

    // 李娜 is away; 王敏 covers her (AB岗), recorded in the audit log.
    onewindow_server::substitutes::cover(&db, "王敏", "李娜")
        .await
        .unwrap();
    assert_eq!(mine(&base, &wang).await, vec![number.clone()]);
    let audit: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT action, target, detail FROM audit_log WHERE action LIKE 'substitute.%'",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(
        audit,
        [("substitute.cover".into(), "李娜".into(), "王敏".into())]
    );
    onewindow_server::substitutes::uncover(&db, "李娜")
        .await
        .unwrap();
    assert!(mine(&base, &wang).await.is_empty());
    assert!(onewindow_server::substitutes::uncover(&db, "李娜")
        .await
        .is_err());
    db.close().await;
    server.stop().await;
}
