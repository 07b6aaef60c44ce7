//! The clerks' side over real HTTP: log in, sessions that time out, the case list, moving
//! a case on with If-Match, document numbers from yearly sequences, unmasking with a
//! reason, and the append-only audit log.

mod support;

use serde_json::{json, Value};
use support::{catalog, desk_case, login, pool, post, start, start_full, PASSWORD};

async fn get(base: &str, cookie: &str, path: &str) -> (u16, Option<String>, Value) {
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
        .map(|v| v.to_str().unwrap().to_string());
    (status, etag, res.json().await.unwrap_or(Value::Null))
}

async fn event(
    base: &str,
    cookie: &str,
    number: &str,
    if_match: Option<&str>,
    body: Value,
) -> (u16, Option<String>, Value) {
    let mut req = reqwest::Client::new()
        .post(format!("{base}/api/desk/cases/{number}/events"))
        .header("cookie", cookie)
        .json(&body);
    if let Some(tag) = if_match {
        req = req.header("if-match", tag);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let etag = res
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_string());
    (status, etag, res.json().await.unwrap_or(Value::Null))
}

async fn audit_lines(server: &support::Running) -> Vec<(String, String, String, bool, String)> {
    let rows: Vec<(String, String, String, i64, String)> =
        sqlx::query_as("SELECT actor, action, target, success, detail FROM audit_log ORDER BY id")
            .fetch_all(&pool(server).await)
            .await
            .unwrap();
    rows.into_iter()
        .map(|(a, b, c, ok, d)| (a, b, c, ok == 1, d))
        .collect()
}

#[tokio::test]
async fn login_sets_a_strict_http_only_cookie_and_wrong_passwords_are_refused_and_audited() {
    let server = start().await;
    let res = reqwest::Client::new()
        .post(format!("{}/api/session", server.base))
        .json(&json!({ "name": "王敏", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");
    let (status, body) = login(&server.base, "王敏", "wrong password")
        .await
        .unwrap_err();
    assert_eq!(status, 401);
    assert_eq!(body["error"], "用户名或密码不正确");
    let (status, _) = login(&server.base, "nobody", PASSWORD).await.unwrap_err();
    assert_eq!(status, 401);
    // Who is logged in; after logout the same cookie opens nothing.
    let (status, _, me) = get(&server.base, &server.cookie, "/api/session").await;
    assert_eq!((status, me["name"].as_str()), (200, Some("王敏")));
    let res = reqwest::Client::new()
        .delete(format!("{}/api/session", server.base))
        .header("cookie", &server.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert!(res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let (status, _, _) = get(&server.base, &server.cookie, "/api/desk/cases").await;
    assert_eq!(status, 401);
    let lines = audit_lines(&server).await;
    let logins: Vec<_> = lines
        .iter()
        .filter(|l| l.1 == "login")
        .map(|l| (l.0.as_str(), l.3))
        .collect();
    assert!(logins.contains(&("王敏", false)), "{lines:?}");
    assert!(logins.contains(&("nobody", false)), "{lines:?}");
    assert!(lines.iter().any(|l| l.1 == "logout" && l.0 == "王敏"));
    server.stop().await;
}

#[tokio::test]
async fn an_idle_session_ends() {
    let server = start_full(
        tempfile::tempdir().unwrap(),
        support::repo_catalog(),
        onewindow_server::auth::SessionSettings {
            // Sessions are timed in whole seconds: 2 s idle holds for any request within
            // a second of the last, and is over after 3 s.
            idle_secs: 2,
            absolute_secs: 3600,
            secure_cookie: true,
        },
    )
    .await
    .unwrap();
    let res = reqwest::Client::new()
        .post(format!("{}/api/session", server.base))
        .json(&json!({ "name": "王敏", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let set = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set.contains("; Secure"), "{set}");
    let cookie = set.split(';').next().unwrap().to_string();
    assert_eq!(get(&server.base, &cookie, "/api/session").await.0, 200);
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    assert_eq!(get(&server.base, &cookie, "/api/session").await.0, 401);
    server.stop().await;
}

#[tokio::test]
async fn a_desk_case_needs_a_clerk_and_gets_numbered_notices() {
    let server = start().await;
    let case = desk_case(&catalog(&server.base).await);
    let body = serde_json::to_string(&case).unwrap();
    let (status, refused) = post(&server.base, "", Some("k1"), &body).await;
    assert_eq!(status, 401, "{refused}");
    // Recorded under another clerk's name: refused.
    let other = body.replace("王敏", "李主任");
    let (status, _) = post(&server.base, &server.cookie, Some("k2"), &other).await;
    assert_eq!(status, 403);
    let (status, first) = post(&server.base, &server.cookie, Some("k3"), &body).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["cases"][0]["notices"][0]["kind"], "acceptance");
    assert_eq!(
        first["cases"][0]["notices"][0]["number"],
        "某政受字〔2026〕第000001号"
    );
    let (_, second) = post(&server.base, &server.cookie, Some("k4"), &body).await;
    assert_eq!(
        second["cases"][0]["notices"][0]["number"],
        "某政受字〔2026〕第000002号"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_case_moves_on_step_by_step_with_if_match_and_each_notice_numbered() {
    let server = start().await;
    let (base, cookie) = (server.base.clone(), server.cookie.clone());
    let body = serde_json::to_string(&desk_case(&catalog(&base).await)).unwrap();
    let (_, stored) = post(&base, &cookie, Some("c1"), &body).await;
    let number = stored["number"].as_str().unwrap().to_string();

    let (status, etag, case) = get(&base, &cookie, &format!("/api/desk/cases/{number}")).await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(etag.as_deref(), Some("\"v1\""));
    assert_eq!(case["view"]["state"], "accepted");
    assert_eq!(case["applicant"]["id_masked"], "913***********0Y43");
    // The receiving clerk owns it; the front desk is not offered the back office's review …
    assert_eq!(case["owner"], "王敏");
    let steps = |case: &Value| -> Vec<String> {
        case["view"]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["step"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        !steps(&case).contains(&"review_started".to_string()),
        "{case}"
    );
    // … and refused it when it asks anyway, naming who does it; the refusal is audited.
    let review = json!({ "step": "review_started" });
    let (status, _, refused) = event(&base, &cookie, &number, Some("\"v1\""), review.clone()).await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(
        refused["error"],
        "这一步须由后台审批人员或部门负责人（首席事务代表）办理"
    );
    // The department's reviewer is offered it and takes the case on from here.
    let clerk_cookie = cookie;
    let cookie = support::login(&base, support::REVIEWER, support::PASSWORD)
        .await
        .unwrap();
    let (_, _, case) = get(&base, &cookie, &format!("/api/desk/cases/{number}")).await;
    assert!(
        steps(&case).contains(&"review_started".to_string()),
        "{case}"
    );
    let (status, _, refused) = event(&base, &cookie, &number, None, review.clone()).await;
    assert_eq!(status, 428, "{refused}");
    let (status, _, refused) = event(&base, &cookie, &number, Some("\"v9\""), review.clone()).await;
    assert_eq!(status, 412, "{refused}");
    // Two clerks at once on the same version: one wins, the other is told to refresh.
    let (a, b) = tokio::join!(
        event(&base, &cookie, &number, Some("\"v1\""), review.clone()),
        event(&base, &cookie, &number, Some("\"v1\""), review.clone()),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [200, 412], "{a:?} {b:?}");
    let etag = if a.0 == 200 { a.1 } else { b.1 }.unwrap();
    assert_eq!(etag, "\"v2\"");

    // A step the state machine does not allow is refused, saying why.
    let (status, _, refused) = event(
        &base,
        &clerk_cookie,
        &number,
        Some(&etag),
        json!({ "step": "archived" }),
    )
    .await;
    assert_eq!(status, 422, "{refused}");
    assert!(
        refused["error"].as_str().unwrap().contains("archived"),
        "{refused}"
    );

    let (status, etag, case) = event(
        &base,
        &cookie,
        &number,
        Some(&etag),
        json!({ "step": "decided", "fields": { "decision": "approved" } }),
    )
    .await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(
        case["view"]["state"],
        json!({ "decided": { "approved": true } })
    );
    let kinds: Vec<(&str, &str)> = case["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["kind"].as_str().unwrap(), n["number"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("acceptance", "某政受字〔2026〕第000001号"),
            ("completion", "某政结字〔2026〕第000001号")
        ]
    );
    // The window hands the result out (the item grants it 颁发权), not the reviewer;
    // delivered by post needs its tracking number.
    let delivered = json!({ "step": "delivered", "fields": { "method": "post" } });
    let (status, _, _) = event(&base, &cookie, &number, etag.as_deref(), delivered.clone()).await;
    assert_eq!(status, 403);
    let (status, _, refused) =
        event(&base, &clerk_cookie, &number, etag.as_deref(), delivered).await;
    assert_eq!(status, 422, "{refused}");
    let lines = audit_lines(&server).await;
    let events: Vec<_> = lines.iter().filter(|l| l.1 == "case.event").collect();
    let done: Vec<&str> = events
        .iter()
        .filter(|l| l.3)
        .map(|l| l.0.as_str())
        .collect();
    assert_eq!(done, [support::REVIEWER, support::REVIEWER], "{events:?}");
    assert!(events
        .iter()
        .any(|l| l.0 == "王敏" && !l.3 && l.4.contains("后台审批人员")));
    assert!(events.iter().all(|l| l.2 == number));
    // 我的办件: the owner's list has it, the reviewer's own list does not.
    let (_, _, mine) = get(&base, &clerk_cookie, "/api/desk/cases?mine=true").await;
    assert_eq!(mine["cases"][0]["number"], number, "{mine}");
    let (_, _, theirs) = get(&base, &cookie, "/api/desk/cases?mine=true").await;
    assert_eq!(theirs["cases"], json!([]), "{theirs}");
    let (_, _, all) = get(&base, &cookie, "/api/desk/cases").await;
    assert_eq!(all["cases"][0]["number"], number, "{all}");
    server.stop().await;
}

#[tokio::test]
async fn the_case_list_filters_by_state_item_department_and_due() {
    let server = start().await;
    let (base, cookie) = (server.base.clone(), server.cookie.clone());
    let body = serde_json::to_string(&desk_case(&catalog(&base).await)).unwrap();
    post(&base, &cookie, Some("l1"), &body).await;
    let (status, _, all) = get(&base, &cookie, "/api/desk/cases").await;
    assert_eq!(status, 200);
    let cases = all["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["item"]["department"], "市场监督管理局");
    assert!(
        cases[0]["next_deadline"]["deadline"]["due"].is_string(),
        "{}",
        cases[0]
    );
    let n = |v: &Value| v["cases"].as_array().unwrap().len();
    assert_eq!(
        n(&get(&base, &cookie, "/api/desk/cases?state=accepted")
            .await
            .2),
        1
    );
    assert_eq!(
        n(&get(&base, &cookie, "/api/desk/cases?state=archived")
            .await
            .2),
        0
    );
    assert_eq!(
        n(&get(&base, &cookie, "/api/desk/cases?department=公安局")
            .await
            .2),
        0
    );
    assert_eq!(
        n(
            &get(&base, &cookie, "/api/desk/cases?item=370000-SCJG-XK-001")
                .await
                .2
        ),
        1
    );
    // Submitted on 2026-11-20 with a promised time far off: neither overdue nor due soon
    // unless today is past it.
    let overdue = n(&get(&base, &cookie, "/api/desk/cases?due=overdue").await.2);
    let warning = cases[0]["warning"].as_str().unwrap();
    assert_eq!(overdue, usize::from(warning == "overdue"));
    assert_eq!(get(&base, "", "/api/desk/cases").await.0, 401);
    server.stop().await;
}

#[tokio::test]
async fn unmasking_needs_a_reason_and_is_audited_and_the_log_cannot_be_changed() {
    let server = start().await;
    let (base, cookie) = (server.base.clone(), server.cookie.clone());
    let body = serde_json::to_string(&desk_case(&catalog(&base).await)).unwrap();
    let (_, stored) = post(&base, &cookie, Some("u1"), &body).await;
    let number = stored["number"].as_str().unwrap();
    let unmask = |reason: &'static str| {
        reqwest::Client::new()
            .post(format!("{base}/api/desk/cases/{number}/unmask"))
            .header("cookie", &cookie)
            .json(&json!({ "reason": reason }))
            .send()
    };
    let res = unmask("").await.unwrap();
    assert_eq!(res.status(), 422);
    let res = unmask("核对营业执照原件").await.unwrap();
    assert_eq!(res.status(), 200);
    let full: Value = res.json().await.unwrap();
    assert_eq!(full["id_number"], "91350100M000100Y43");
    assert_eq!(full["mobile"], "13800138000");
    let lines = audit_lines(&server).await;
    let unmasks: Vec<_> = lines.iter().filter(|l| l.1 == "case.unmask").collect();
    assert_eq!(unmasks.len(), 2);
    assert!(!unmasks[0].3 && unmasks[1].3);
    assert_eq!(unmasks[1].4, "核对营业执照原件");

    // Only a supervisor reads the log over HTTP.
    assert_eq!(get(&base, &cookie, "/api/desk/audit").await.0, 403);
    let boss = login(&base, "李主任", PASSWORD).await.unwrap();
    let (status, _, log) = get(&base, &boss, &format!("/api/desk/audit?target={number}")).await;
    assert_eq!(status, 200);
    assert!(log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "case.unmask" && e["detail"] == "核对营业执照原件"));

    // Not even the database owner changes a line.
    let db = pool(&server).await;
    let err = sqlx::query("UPDATE audit_log SET detail = 'x'")
        .execute(&db)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(&db)
        .await
        .is_err());
    server.stop().await;
}

#[tokio::test]
async fn unfinished_work_from_a_terminal_is_picked_up_at_the_desk_by_its_number() {
    let server = start().await;
    let (base, cookie) = (server.base.clone(), server.cookie.clone());
    let client = reqwest::Client::new();
    let send = |body: Value| {
        client
            .post(format!("{base}/api/handovers"))
            .json(&body)
            .send()
    };
    let work = json!({
        "draft_id": "terminal-draft-1",
        "item": support::FOOD,
        "answers": { "agent": true },
        "applicant": { "name": "张大爷", "id_number": "", "mobile": "" },
        "agent": { "name": "李四", "id_number": "", "mobile": "" },
    });
    let first = send(work.clone()).await.unwrap();
    assert_eq!(first.status(), 201);
    let number = first.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        number.starts_with("J2026-") || number.starts_with('J'),
        "{number}"
    );
    // Sent twice (a retry): the same number.
    let again = send(work).await.unwrap();
    assert_eq!(again.status(), 200);
    assert_eq!(
        again.json::<Value>().await.unwrap()["number"],
        number.as_str()
    );
    let bad = send(json!({ "draft_id": "x", "item": "NO-SUCH" }))
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    assert_eq!(
        bad.json::<Value>().await.unwrap()["fields"][0]["field"],
        "item"
    );

    assert_eq!(
        get(&base, "", &format!("/api/desk/handovers/{number}"))
            .await
            .0,
        401
    );
    let (status, _, picked) = get(&base, &cookie, &format!("/api/desk/handovers/{number}")).await;
    assert_eq!(status, 200);
    assert_eq!(picked["applicant"]["name"], "张大爷");
    assert_eq!(picked["answers"]["agent"], true);
    assert!(audit_lines(&server)
        .await
        .iter()
        .any(|l| l.1 == "handover.open" && l.2 == number && l.3));
    server.stop().await;
}
