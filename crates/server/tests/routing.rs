//! A case is routed by its answers: a sole trader whose premises are in a township goes to
//! the township's market-supervision office (the item's `[[routing]]`), and the
//! department's queue can be narrowed to that handling body.

mod support;

use onewindow_core::condition::Answers;
use serde_json::{json, Value};
use support::{catalog, desk_case_with, post, start};

const SOLE_TRADER: &str = "370000-SCJG-DJ-002";
const TOWNSHIP: &str = "县市场监督管理局（经营场所所在地市场监督管理所承办）";

async fn list(base: &str, cookie: &str, query: &str) -> Vec<(String, String)> {
    let list: Value = reqwest::Client::new()
        .get(format!("{base}/api/desk/cases?{query}"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    list["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["number"].as_str().unwrap().to_string(),
                c["handling_body"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_answers_route_a_case_to_its_handling_body_and_the_queue_narrows_to_it() {
    let server = start().await;
    let (base, cookie) = (server.base.clone(), server.cookie.clone());
    let cat = catalog(&base).await;
    let mut numbers = Vec::new();
    for place in ["county_town", "township"] {
        let sub = desk_case_with(
            &cat,
            SOLE_TRADER,
            Answers::new().with("location", json!(place)),
        );
        let key = format!("route-{place}");
        let (status, answer) = post(
            &base,
            &cookie,
            Some(&key),
            &serde_json::to_string(&sub).unwrap(),
        )
        .await;
        assert_eq!(status, 201, "{answer}");
        numbers.push(answer["number"].as_str().unwrap().to_string());
    }
    let all = list(&base, &cookie, "department=市场监督管理局").await;
    assert!(
        all.contains(&(numbers[0].clone(), "县市场监督管理局".into())),
        "{all:?}"
    );
    assert!(
        all.contains(&(numbers[1].clone(), TOWNSHIP.into())),
        "{all:?}"
    );
    let township = list(
        &base,
        &cookie,
        &format!(
            "department=市场监督管理局&handling_body={}",
            urlencode(TOWNSHIP)
        ),
    )
    .await;
    assert_eq!(township, vec![(numbers[1].clone(), TOWNSHIP.into())]);
    // The case's page says where it went.
    let case: Value = reqwest::Client::new()
        .get(format!("{base}/api/desk/cases/{}", numbers[1]))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(case["handling_body"], TOWNSHIP);
    server.stop().await;
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
