//! The audit log read by who, what and when, and exported as CSV (the export itself a line
//! of the log); supervisors only.

mod support;

use serde_json::Value;
use support::{login, start, PASSWORD};

async fn get(base: &str, cookie: &str, path: &str) -> (u16, String) {
    let r = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn a_supervisor_filters_the_audit_log_by_who_what_and_when_and_exports_it() {
    let server = start().await;
    let base = &server.base;
    // Two failed logins for 王敏 (start() logged 王敏 in once already), one for 张审批.
    for name in ["王敏", "王敏", "张审批"] {
        assert!(login(base, name, "wrong password").await.is_err());
    }
    let supervisor = login(base, "李主任", PASSWORD).await.unwrap();
    let today = onewindow_server::clock::today();
    let (status, body) = get(
        base,
        &supervisor,
        &format!("/api/desk/audit?actor=%E7%8E%8B%E6%95%8F&action=login&from={today}&to={today}"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let log: Value = serde_json::from_str(&body).unwrap();
    let entries = log["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3, "{body}");
    assert!(entries
        .iter()
        .all(|e| e["actor"] == "王敏" && e["action"] == "login"));
    assert_eq!(entries.iter().filter(|e| e["success"] == false).count(), 2);
    // A day before today has none of them; a period backwards is refused.
    let yesterday = today.pred_opt().unwrap();
    let (_, body) = get(
        base,
        &supervisor,
        &format!("/api/desk/audit?actor=%E7%8E%8B%E6%95%8F&from={yesterday}&to={yesterday}"),
    )
    .await;
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["entries"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        get(
            base,
            &supervisor,
            &format!("/api/desk/audit?from={today}&to={yesterday}")
        )
        .await
        .0,
        400
    );

    // The export: the same lines as CSV, and the export is audited.
    let (status, csv) = get(base, &supervisor, "/api/desk/audit/export?action=login").await;
    assert_eq!(status, 200);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "时间,操作人,操作,对象,来源地址,是否成功,说明");
    assert_eq!(lines.len(), 1 + 5, "{csv}");
    let (_, body) = get(base, &supervisor, "/api/desk/audit?action=audit").await;
    assert!(body.contains("audit.export"), "{body}");
    // A clerk may neither read nor export.
    assert_eq!(
        get(base, &server.cookie, "/api/desk/audit/export").await.0,
        403
    );
    server.stop().await;
}
