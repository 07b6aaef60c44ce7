//! A joint case's departments answer only for themselves: a tax reviewer sees only the
//! tax department among the departments to answer for, and a forged opinion for another
//! department is refused with 403 (and audited). Runs on a case clock moved back, so the
//! item's 30 working days fall within the years the catalogue has holidays for.

mod support;

use onewindow_core::condition::Answers;
use onewindow_server::auth::{add_user_at, AccountRole, Post};
use serde_json::{json, Value};
use support::{catalog, desk_case_with, login, pool, post, start, PASSWORD};

const PROPERTY: &str = "370000-BDC-DJ-015";

async fn get(base: &str, cookie: &str, path: &str) -> (String, Value) {
    let res = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    (etag, res.json().await.unwrap())
}

async fn opinion(base: &str, cookie: &str, number: &str, department: &str) -> (u16, Value) {
    let (etag, _) = get(base, cookie, &format!("/api/desk/cases/{number}")).await;
    let res = reqwest::Client::new()
        .post(format!("{base}/api/desk/cases/{number}/events"))
        .header("cookie", cookie)
        .header("if-match", etag)
        .json(&json!({ "step": "department_opinion", "fields": {
            "department": department, "stance": "agree" } }))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_department_answers_only_for_itself() {
    onewindow_server::clock::set_offset_days(-60);
    let server = start().await;
    let (base, wang) = (server.base.clone(), server.cookie.clone());
    let db = pool(&server).await;
    let tax = Post {
        departments: vec!["税务局".into()],
        site: String::new(),
    };
    add_user_at(&db, "钱税务", AccountRole::Reviewer, &tax, PASSWORD)
        .await
        .unwrap();
    let cat = catalog(&base).await;
    let mut sub = desk_case_with(&cat, PROPERTY, Answers::new());
    sub.submitted_at = onewindow_server::clock::now();
    let (status, stored) = post(
        &base,
        &wang,
        Some("joint-1"),
        &serde_json::to_string(&sub).unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{stored}");
    let number = stored["number"].as_str().unwrap().to_string();
    let cookie = login(&base, "钱税务", PASSWORD).await.unwrap();
    // Offered: the tax department only.
    let (_, case) = get(&base, &cookie, &format!("/api/desk/cases/{number}")).await;
    let form = case["view"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "department_opinion")
        .expect("the opinion step is offered to a responsible department's reviewer")
        .to_string();
    assert!(
        form.contains("税务局") && !form.contains("住房和城乡建设局"),
        "{form}"
    );
    // Refused for another department, recorded for its own.
    let (status, refused) = opinion(&base, &cookie, &number, "住房和城乡建设局").await;
    assert_eq!(status, 403, "{refused}");
    assert!(
        refused.to_string().contains("住房和城乡建设局"),
        "{refused}"
    );
    let (status, done) = opinion(&base, &cookie, &number, "税务局").await;
    assert_eq!(status, 200, "{done}");
    let audit: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE actor = '钱税务' AND action = 'case.event' AND success = 0",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(audit, 1);
    server.stop().await;
}
