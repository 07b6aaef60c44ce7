//! The desk's case list at more than one answer's worth of cases: a filter the database
//! cannot apply (department, due) still finds a matching case however old, and the list
//! says when it was cut. Driven through `app().oneshot(…)`.

mod support;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use onewindow_server::auth::{add_user, AccountRole};
use onewindow_server::routes::app;
use onewindow_wire::body::{CaseList, SessionInfo};
use tower::ServiceExt;

const FOOD: &str = "370000-SCJG-XK-001";
const CARD: &str = "370000-RS-GG-009";

async fn insert(db: &onewindow_server::db::Db, n: usize, item: &str) {
    let events = r#"[{"at":"2026-11-20T09:00:00","actor":"王敏","role":"clerk","kind":{"type":"received"}}]"#;
    sqlx::query(
        "INSERT INTO cases (number, lookup_code, item_code, channel, state, applicant_name, applicant_id, \
         applicant_mobile, submission, outcome, events, created_at) \
         VALUES ($1, 'ABCDEFGH', $2, 'desk', 'received', '张三', '11010519491231002X', '13800138000', '{}', NULL, $3, '2026-11-20 09:00:00')",
    )
    .bind(format!("2026-{n:06}"))
    .bind(item)
    .bind(events)
    .execute(db)
    .await
    .unwrap();
}

#[tokio::test]
async fn an_old_case_of_a_department_is_found_behind_two_thousand_newer_ones() {
    let dir = tempfile::tempdir().unwrap();
    let state = support::app_state(dir.path()).await;
    add_user(&state.db, "王敏", AccountRole::Clerk, support::PASSWORD)
        .await
        .unwrap();
    // The oldest case is the only one of the social-security department.
    insert(&state.db, 1, CARD).await;
    for n in 2..=2101 {
        insert(&state.db, n, FOOD).await;
    }
    let router = app(state);
    let login = router
        .clone()
        .oneshot(
            Request::post("/api/session")
                .header("content-type", "application/json")
                .body(Body::from(format!(
                    r#"{{"name":"王敏","password":"{}"}}"#,
                    support::PASSWORD
                )))
                .unwrap(),
        )
        .await
        .unwrap();
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let body = login.into_body().collect().await.unwrap().to_bytes();
    let who: SessionInfo = serde_json::from_slice(&body).unwrap();
    assert_eq!(who.name, "王敏");
    let list = |query: &str| {
        let router = router.clone();
        let request = Request::get(format!("/api/desk/cases?{query}"))
            .header("cookie", &cookie)
            .body(Body::empty())
            .unwrap();
        async move {
            let response = router.oneshot(request).await.unwrap();
            assert_eq!(response.status(), 200);
            let body = response.into_body().collect().await.unwrap().to_bytes();
            serde_json::from_slice::<CaseList>(&body).unwrap()
        }
    };
    let card = list("department=%E4%BA%BA%E5%8A%9B%E8%B5%84%E6%BA%90%E5%92%8C%E7%A4%BE%E4%BC%9A%E4%BF%9D%E9%9A%9C%E5%B1%80").await;
    let numbers: Vec<&str> = card.cases.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(numbers, ["2026-000001"]);
    assert!(!card.truncated);
    let all = list("sort=newest").await;
    assert_eq!(all.cases.len(), CaseList::LIMIT);
    assert!(all.truncated, "the list says more cases matched");
    assert_eq!(all.cases[0].number, "2026-002101");
}
