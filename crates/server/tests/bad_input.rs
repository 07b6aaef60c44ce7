//! Bad input never crashes the server or gets a 500: each case of a table gets a 4xx with
//! a JSON body naming the field and the problem, and random request bodies (a property
//! test over the parsing) never get a 5xx.

mod support;

use proptest::prelude::*;
use serde_json::{json, Value};
use support::{catalog, desk_case, post, start};

#[tokio::test]
async fn a_table_of_bad_requests_each_gets_a_4xx_naming_the_field() {
    let server = start().await;
    let (base, cookie) = (server.base.clone(), server.cookie.clone());
    let good: Value = serde_json::to_value(desk_case(&catalog(&base).await)).unwrap();
    let with = |path: &[&str], value: Value| {
        let mut v = good.clone();
        let mut at = &mut v;
        for p in &path[..path.len() - 1] {
            at = &mut at[*p];
        }
        at[path[path.len() - 1]] = value;
        v.to_string()
    };
    // (what, body, status, the field named or a word of the message)
    let table: Vec<(&str, String, u16, &str)> = vec![
        (
            "malformed JSON",
            "{\"item\": ".into(),
            400,
            "有效的办件数据",
        ),
        ("wrong type", with(&["answers"], json!(5)), 400, "answers"),
        (
            "unknown item",
            with(&["item"], json!("NO-SUCH-ITEM")),
            422,
            "item",
        ),
        (
            "invalid ID number",
            with(&["applicant", "id_number"], json!("110105194912310021")),
            422,
            "applicant.id_number",
        ),
        (
            "invalid credit code",
            with(&["applicant", "id_number"], json!("91350100M000100Y44")),
            422,
            "applicant.id_number",
        ),
        (
            "invalid mobile",
            with(&["applicant", "mobile"], json!("12345")),
            422,
            "applicant.mobile",
        ),
        (
            "old format",
            with(&["schema_version"], json!(99)),
            422,
            "schema_version",
        ),
        (
            "claimed outcome differs",
            with(&["claimed", "outcome"], json!({ "type": "received_only" })),
            422,
            "claimed.outcome",
        ),
        ("over 1 MiB", "x".repeat((1 << 20) + 10), 413, "1 MiB"),
    ];
    for (i, (what, body, status, names)) in table.iter().enumerate() {
        let (got, answer) = post(&base, &cookie, Some(&format!("bad-{i}")), body).await;
        assert_eq!(got, *status, "{what}: {answer}");
        let text = answer.to_string();
        assert!(
            answer["error"].is_string(),
            "{what}: errors are JSON: {text}"
        );
        assert!(
            text.contains(names),
            "{what}: the answer names {names:?}: {text}"
        );
    }

    // A step the state machine does not allow, and one of the wrong shape.
    let (_, stored) = post(&base, &cookie, Some("ok"), &good.to_string()).await;
    let number = stored["number"].as_str().unwrap();
    let client = reqwest::Client::new();
    for (what, body, status) in [
        ("not allowed now", json!({ "step": "archived" }), 422),
        ("no such step", json!({ "step": "teleported" }), 422),
        (
            "wrong type",
            json!({ "step": "evaluated", "fields": { "level": 5 } }),
            422,
        ),
        (
            "out of range",
            json!({ "step": "evaluated", "fields": { "level": "9" } }),
            422,
        ),
    ] {
        let res = client
            .post(format!("{base}/api/desk/cases/{number}/events"))
            .header("cookie", &cookie)
            .header("if-match", "\"v1\"")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), status, "{what}");
        let answer: Value = res.json().await.unwrap();
        assert!(answer["error"].is_string(), "{what}: {answer}");
    }
    server.stop().await;
}

/// Mutations of a good body: a field removed, replaced by another type, or the text cut.
fn mutate(good: &Value, how: u8, field: usize, cut: usize) -> String {
    let mut v = good.clone();
    let keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    let key = &keys[field % keys.len()];
    match how % 4 {
        0 => {
            v.as_object_mut().unwrap().remove(key);
            v.to_string()
        }
        1 => {
            v[key] = json!(null);
            v.to_string()
        }
        2 => {
            v[key] = json!([1, "两", { "x": false }]);
            v.to_string()
        }
        _ => {
            let text = v.to_string();
            let cut = cut % text.len();
            let mut end = cut;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text[..end].to_string()
        }
    }
}

#[test]
fn no_request_body_gets_a_server_error() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(start());
    let good: Value =
        serde_json::to_value(desk_case(&runtime.block_on(catalog(&server.base)))).unwrap();
    let config = ProptestConfig {
        cases: 96,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let n = std::sync::atomic::AtomicU32::new(0);
    proptest!(config, |(how in 0u8..5, field in 0usize..20, cut in 0usize..4000, junk in proptest::collection::vec(any::<u8>(), 0..300))| {
        let n = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let body = if how == 4 { String::from_utf8_lossy(&junk).to_string() } else { mutate(&good, how, field, cut) };
        let (status, answer) = runtime.block_on(post(&server.base, &server.cookie, Some(&format!("fuzz-{n}")), &body));
        prop_assert!((400..500).contains(&status) || status == 201, "{status} for {body}: {answer}");
        if status >= 400 {
            prop_assert!(answer["error"].is_string(), "{status} for {body}: {answer}");
        }
    });
    runtime.block_on(server.stop());
}
