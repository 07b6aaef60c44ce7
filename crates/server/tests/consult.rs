//! The guidance desk: each consultation counted for supervision; a question the desk
//! cannot answer goes to the item's back office, is answered there once, by the right
//! post, and comes back to the desk with its due time.

mod support;

use serde_json::{json, Value};
use support::{login, start, FOOD, FOOD_DEPARTMENT, PASSWORD, REVIEWER};

async fn send(
    method: reqwest::Method,
    url: String,
    cookie: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .request(method, url)
        .header("cookie", cookie);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_question_goes_to_the_back_office_and_its_answer_comes_back_counted() {
    let server = start().await;
    let base = &server.base;
    let desk = &server.cookie;
    let post = reqwest::Method::POST;
    let get = reqwest::Method::GET;

    // Two consultations on the food licence; a wrong item is named.
    for _ in 0..2 {
        let (s, b) = send(
            post.clone(),
            format!("{base}/api/desk/consultations"),
            desk,
            Some(json!({ "item": FOOD })),
        )
        .await;
        assert_eq!(s, 201, "{b}");
    }
    let (s, b) = send(
        post.clone(),
        format!("{base}/api/desk/consultations"),
        desk,
        Some(json!({ "item": "NO-SUCH" })),
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(b["fields"][0]["field"], "item");

    // A question the desk cannot answer; an empty one is refused by field.
    let (s, b) = send(
        post.clone(),
        format!("{base}/api/desk/enquiries"),
        desk,
        Some(json!({ "item": FOOD, "question": "  " })),
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(b["fields"][0]["field"], "question");
    let (s, asked) = send(
        post.clone(),
        format!("{base}/api/desk/enquiries"),
        desk,
        Some(json!({ "item": FOOD, "question": "流动餐车能否申请食品经营许可？" })),
    )
    .await;
    assert_eq!(s, 201, "{asked}");
    assert_eq!(asked["department"], FOOD_DEPARTMENT);
    assert_eq!(asked["asked_by"], "王敏");
    assert!(asked["answer"].is_null());
    // Due at 17:30 of a later (working) day, by the server's clock.
    assert!(
        asked["due"].as_str().unwrap().ends_with("T17:30:00"),
        "{asked}"
    );
    assert!(asked["due"].as_str().unwrap() > asked["asked_at"].as_str().unwrap());
    let id = asked["id"].as_i64().unwrap();

    // The front desk cannot answer for the department; its reviewer can, once.
    let (s, _) = send(
        post.clone(),
        format!("{base}/api/desk/enquiries/{id}/answer"),
        desk,
        Some(json!({ "answer": "可以" })),
    )
    .await;
    assert_eq!(s, 403);
    let reviewer = login(base, REVIEWER, PASSWORD).await.unwrap();
    let (s, list) = send(
        get.clone(),
        format!("{base}/api/desk/enquiries"),
        &reviewer,
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(list["to_answer"][0]["id"], id);
    let (s, answered) = send(
        post.clone(),
        format!("{base}/api/desk/enquiries/{id}/answer"),
        &reviewer,
        Some(json!({ "answer": "流动餐车应当按食品摊贩管理，向乡镇（街道）办理登记，不需要申请食品经营许可。" })),
    )
    .await;
    assert_eq!(s, 200, "{answered}");
    assert_eq!(answered["answered_by"], REVIEWER);
    assert_eq!(answered["late"], false);
    let (s, _) = send(
        post.clone(),
        format!("{base}/api/desk/enquiries/{id}/answer"),
        &reviewer,
        Some(json!({ "answer": "再答一次" })),
    )
    .await;
    assert_eq!(s, 409);
    let (s, _) = send(
        post.clone(),
        format!("{base}/api/desk/enquiries/9999/answer"),
        &reviewer,
        Some(json!({ "answer": "x" })),
    )
    .await;
    assert_eq!(s, 404);

    // The desk sees the answer.
    let (_, mine) = send(
        get.clone(),
        format!("{base}/api/desk/enquiries"),
        desk,
        None,
    )
    .await;
    assert!(mine["asked"][0]["answer"]
        .as_str()
        .unwrap()
        .starts_with("流动餐车应当"));
    assert_eq!(mine["to_answer"], json!([]));

    // Counted for supervision: two consultations, one question, none late.
    let supervisor = login(base, "李主任", PASSWORD).await.unwrap();
    let today = chrono::Local::now().date_naive();
    let (s, figures) = send(
        get,
        format!("{base}/api/desk/supervision?from={today}&to={today}"),
        &supervisor,
        None,
    )
    .await;
    assert_eq!(s, 200, "{figures}");
    let row = &figures["consultations"][0];
    assert_eq!(row["item"]["code"], FOOD);
    assert_eq!(
        (
            row["consultations"].as_i64(),
            row["enquiries"].as_i64(),
            row["late"].as_i64()
        ),
        (Some(2), Some(1), Some(0))
    );
}

#[tokio::test]
async fn a_terminal_calls_for_help_and_one_clerk_goes() {
    let server = start().await;
    let base = &server.base;
    let desk = &server.cookie;
    let anyone = reqwest::Client::new();
    // Anyone at a terminal, no session; where it stands is required.
    let res = anyone
        .post(format!("{base}/api/help"))
        .json(&json!({ "place": "  " }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = anyone
        .post(format!("{base}/api/help"))
        .json(&json!({ "place": "一楼自助服务区 2 号机", "item": FOOD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let call: Value = res.json().await.unwrap();
    let id = call["id"].as_i64().unwrap();
    // Pressed again while it waits: the same call, not a second one.
    let again: Value = anyone
        .post(format!("{base}/api/help"))
        .json(&json!({ "place": "一楼自助服务区 2 号机" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again["id"].as_i64(), Some(id));
    assert_eq!(call["item_name"], "食品经营许可（新办）");
    // Every desk sees it; a clerk goes; it leaves the list; a second clerk is told.
    let (s, list) = send(
        reqwest::Method::GET,
        format!("{base}/api/desk/help"),
        desk,
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(list["open"][0]["place"], "一楼自助服务区 2 号机");
    let (s, taken) = send(
        reqwest::Method::POST,
        format!("{base}/api/desk/help/{id}/handled"),
        desk,
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(taken["handled_by"], "王敏");
    let reviewer = login(base, REVIEWER, PASSWORD).await.unwrap();
    let (s, again) = send(
        reqwest::Method::POST,
        format!("{base}/api/desk/help/{id}/handled"),
        &reviewer,
        None,
    )
    .await;
    assert_eq!(s, 409);
    assert!(again["error"].as_str().unwrap().contains("王敏"));
    let (_, list) = send(
        reqwest::Method::GET,
        format!("{base}/api/desk/help"),
        desk,
        None,
    )
    .await;
    assert_eq!(list["open"], json!([]));
    // The desk list needs a session.
    let res = anyone
        .get(format!("{base}/api/desk/help"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}
