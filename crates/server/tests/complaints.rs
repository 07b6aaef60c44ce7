//! 办不成事: anyone files a complaint and follows it by number and code; a supervisor
//! lists it with the contact, closes it with a result, and the reporter reads it.

mod support;

use serde_json::{json, Value};
use support::{login, start, FOOD, PASSWORD};

async fn send(
    method: reqwest::Method,
    url: String,
    cookie: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new().request(method, url);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn report() -> Value {
    json!({
        "item": FOOD,
        "place": "县政务服务中心综合窗口",
        "what": "窗口要求提供目录以外的房产证明，跑了两次没办成",
        "name": "赵丽华",
        "mobile": "13800138000",
        "at_terminal": true
    })
}

#[tokio::test]
async fn a_complaint_is_filed_followed_closed_and_its_result_read_by_number_and_code() {
    let server = start().await;
    let base = &server.base;
    let (status, filed) = send(
        reqwest::Method::POST,
        format!("{base}/api/complaints"),
        None,
        Some(report()),
    )
    .await;
    assert_eq!(status, 201, "{filed}");
    let number = filed["number"].as_str().unwrap().to_string();
    let code = filed["code"].as_str().unwrap().to_string();
    assert!(number.starts_with("BC20"), "{number}");
    assert!(filed["due"].as_str().unwrap() > "2000");

    // The reporter's view: masked contact, open follow-up.
    let url = format!("{base}/api/complaints/{number}?code={code}");
    let (status, view) = send(reqwest::Method::GET, url.clone(), None, None).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["name_masked"], "赵**");
    assert_eq!(view["mobile_masked"], "138****8000");
    assert_eq!(view["item"]["code"], FOOD);
    assert_eq!(view["result"], Value::Null);
    assert_eq!(view["follow_up"]["deadline"]["due"], filed["due"]);

    // A wrong code answers exactly as a missing complaint.
    let wrong = send(
        reqwest::Method::GET,
        format!("{base}/api/complaints/{number}?code=AAAAAAAA"),
        None,
        None,
    )
    .await;
    let missing = send(
        reqwest::Method::GET,
        format!("{base}/api/complaints/BC2026-999999?code=AAAAAAAA"),
        None,
        None,
    )
    .await;
    assert_eq!(wrong.0, 404);
    assert_eq!(missing.0, 404);
    assert_eq!(
        wrong.1["error"].as_str().unwrap().replace(&number, "N"),
        missing.1["error"]
            .as_str()
            .unwrap()
            .replace("BC2026-999999", "N")
    );

    // A clerk may not read the list; the supervisor sees the contact in full.
    let list_url = format!("{base}/api/desk/complaints?open=true");
    let (status, _) = send(
        reqwest::Method::GET,
        list_url.clone(),
        Some(&server.cookie),
        None,
    )
    .await;
    assert_eq!(status, 403);
    let supervisor = login(base, "李主任", PASSWORD).await.unwrap();
    let (status, list) = send(
        reqwest::Method::GET,
        list_url.clone(),
        Some(&supervisor),
        None,
    )
    .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["complaints"][0]["number"], number.as_str());
    assert_eq!(list["complaints"][0]["mobile"], "13800138000");
    assert_eq!(list["complaints"][0]["at_terminal"], true);

    // The supervisor assigns it to the reviewer, who sees it as theirs and logs a call;
    // the clerk, not assigned, may not. It counts for the reviewer's site from then on.
    let db = onewindow_server::db::open(&server.db).await.unwrap();
    sqlx::query("UPDATE users SET site = '城区' WHERE name = '张审批'")
        .execute(&db)
        .await
        .unwrap();
    let today = chrono::Local::now().date_naive();
    let filed_at_site = |site: &'static str| {
        let url = format!(
            "{base}/api/desk/supervision?from={}&to={}&site={site}",
            today - chrono::Days::new(7),
            today + chrono::Days::new(7)
        );
        let supervisor = supervisor.clone();
        async move {
            let (status, f) = send(reqwest::Method::GET, url, Some(&supervisor), None).await;
            assert_eq!(status, 200, "{f}");
            f["complaints"]["filed"].as_i64().unwrap()
        }
    };
    assert_eq!(filed_at_site("城区").await, 0, "not assigned yet");
    let base_desk = format!("{base}/api/desk/complaints/{number}");
    let (status, assigned) = send(
        reqwest::Method::POST,
        format!("{base_desk}/assign"),
        Some(&supervisor),
        Some(json!({ "to": "张审批" })),
    )
    .await;
    assert_eq!(status, 200, "{assigned}");
    assert_eq!(assigned["assigned_to"], "张审批");
    assert_eq!(assigned["actions"][0]["note"], "指派张审批处理");
    let (status, _) = send(
        reqwest::Method::POST,
        format!("{base_desk}/assign"),
        Some(&supervisor),
        Some(json!({ "to": "无此人" })),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(filed_at_site("城区").await, 1);
    assert_eq!(filed_at_site("乡镇").await, 0);
    let reviewer = login(base, "张审批", PASSWORD).await.unwrap();
    let (status, mine) = send(
        reqwest::Method::GET,
        format!("{base}/api/desk/complaints?open=true&mine=true"),
        Some(&reviewer),
        None,
    )
    .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["complaints"][0]["number"], number.as_str());
    let (status, logged) = send(
        reqwest::Method::POST,
        format!("{base_desk}/actions"),
        Some(&reviewer),
        Some(json!({ "note": "已电话联系反映人，约定次日上门" })),
    )
    .await;
    assert_eq!(status, 200, "{logged}");
    assert_eq!(logged["actions"][1]["by"], "张审批");
    let (status, _) = send(
        reqwest::Method::POST,
        format!("{base_desk}/actions"),
        Some(&server.cookie),
        Some(json!({ "note": "看看" })),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = send(
        reqwest::Method::POST,
        format!("{base_desk}/actions"),
        Some(&reviewer),
        Some(json!({ "note": " " })),
    )
    .await;
    assert_eq!(status, 422);

    // Closing needs a result; then it is closed once, by the supervisor, on time.
    let close_url = format!("{base}/api/desk/complaints/{number}/close");
    let (status, refused) = send(
        reqwest::Method::POST,
        close_url.clone(),
        Some(&supervisor),
        Some(json!({ "result": "  " })),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(refused["fields"][0]["field"], "result");
    let result = "经核实，房产证明不属于目录材料，已约谈窗口人员并当场为您办理。";
    let (status, closed) = send(
        reqwest::Method::POST,
        close_url.clone(),
        Some(&supervisor),
        Some(json!({ "result": result })),
    )
    .await;
    assert_eq!(status, 200, "{closed}");
    assert_eq!(closed["closed_by"], "李主任");
    assert_eq!(closed["follow_up"]["status"], "met");
    let (status, again) = send(
        reqwest::Method::POST,
        close_url,
        Some(&supervisor),
        Some(json!({ "result": result })),
    )
    .await;
    assert_eq!(status, 409, "{again}");
    let (_, open) = send(reqwest::Method::GET, list_url, Some(&supervisor), None).await;
    assert_eq!(open["complaints"].as_array().unwrap().len(), 0);

    let (_, view) = send(reqwest::Method::GET, url, None, None).await;
    assert_eq!(view["result"]["result"], result);
    server.stop().await;
}

#[tokio::test]
async fn an_incomplete_complaint_names_each_field_and_stores_nothing() {
    let server = start().await;
    let mut bad = report();
    bad["place"] = json!("");
    bad["mobile"] = json!("12345");
    bad["item"] = json!("NO-SUCH-ITEM");
    let (status, body) = send(
        reqwest::Method::POST,
        format!("{}/api/complaints", server.base),
        None,
        Some(bad),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["item", "place", "mobile"]);
    let db = support::pool(&server).await;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM complaints")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(n, 0);
    server.stop().await;
}
