//! Submitting cases over real HTTP: stored once, re-checked by the core, looked up by the
//! applicant with the lookup code.

mod support;

use onewindow_core::outcome::MaterialStatus;
use serde_json::{json, Value};
use support::{catalog, count, desk_case, post, start};

#[tokio::test]
async fn a_case_is_stored_once_however_often_it_is_sent() {
    let server = start().await;
    let body = serde_json::to_string(&desk_case(&catalog(&server.base).await)).unwrap();
    let (status, first) = post(&server.base, &server.cookie, Some("case-1"), &body).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["number"], "2026-000001");
    assert_eq!(first["cases"][0]["state"], "accepted");
    assert_eq!(first["lookup_code"].as_str().unwrap().len(), 8);
    // The retry gets the same answer, and no second case.
    assert_eq!(
        post(&server.base, &server.cookie, Some("case-1"), &body).await,
        (201, first.clone())
    );
    assert_eq!(count(&server).await, 1);
    // The same key with another body is refused.
    let other = body.replace("某某餐饮有限公司", "另一家公司");
    let (status, refused) = post(&server.base, &server.cookie, Some("case-1"), &other).await;
    assert_eq!(status, 422, "{refused}");
    // No key at all.
    let (status, missing) = post(&server.base, &server.cookie, None, &body).await;
    assert_eq!(status, 400);
    assert!(missing["error"]
        .as_str()
        .unwrap()
        .contains("Idempotency-Key"));
    // A new key is a new case with the next number.
    let (status, second) = post(&server.base, &server.cookie, Some("case-2"), &body).await;
    assert_eq!(
        (status, second["number"].as_str()),
        (201, Some("2026-000002"))
    );
    server.stop().await;
}

#[tokio::test]
async fn concurrent_retries_of_one_case_store_it_once() {
    let server = start().await;
    let body = serde_json::to_string(&desk_case(&catalog(&server.base).await)).unwrap();
    // Eight sends of the same case, each on its own task so that they really overlap.
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (base, cookie, body) = (server.base.clone(), server.cookie.clone(), body.clone());
        set.spawn(async move { post(&base, &cookie, Some("same-key"), &body).await });
    }
    let mut results = Vec::new();
    while let Some(r) = set.join_next().await {
        results.push(r.unwrap());
    }
    let numbers: Vec<&str> = results
        .iter()
        .filter(|(s, _)| *s == 201)
        .map(|(_, b)| b["number"].as_str().unwrap())
        .collect();
    assert!(!numbers.is_empty());
    assert!(numbers.iter().all(|n| *n == numbers[0]), "{results:?}");
    assert!(
        results.iter().all(|(s, _)| *s == 201 || *s == 409),
        "{results:?}"
    );
    assert_eq!(count(&server).await, 1);
    server.stop().await;
}

#[tokio::test]
async fn the_server_refuses_what_the_core_does_not_agree_with_naming_each_field() {
    let server = start().await;
    let mut case = desk_case(&catalog(&server.base).await);
    case.applicant.id_number = "11010519491231002".into();
    case.applicant.mobile = "12345".into();
    case.marks
        .insert("application_form".into(), MaterialStatus::Missing);
    let (status, body) = post(
        &server.base,
        &server.cookie,
        Some("bad-1"),
        &serde_json::to_string(&case).unwrap(),
    )
    .await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["applicant.id_number", "applicant.mobile", "claimed.outcome"]
    );
    let (status, body) = post(
        &server.base,
        &server.cookie,
        Some("bad-2"),
        "{\"schema_version\": 1, \"item\": ",
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .starts_with("请求内容不是有效的办件数据"),
        "{body}"
    );
    let (status, body) = post(
        &server.base,
        &server.cookie,
        Some("bad-3"),
        &"x".repeat(2 << 20),
    )
    .await;
    assert_eq!(status, 413, "a body over 1 MiB is refused");
    assert!(
        body["error"].as_str().unwrap().contains("over 1 MiB"),
        "{body}"
    );
    assert_eq!(count(&server).await, 0);
    server.stop().await;
}

#[tokio::test]
async fn the_applicant_looks_a_case_up_with_its_code_and_sees_personal_data_masked() {
    let server = start().await;
    let body = serde_json::to_string(&desk_case(&catalog(&server.base).await)).unwrap();
    let (_, stored) = post(&server.base, &server.cookie, Some("case-x"), &body).await;
    let number = stored["number"].as_str().unwrap();
    let code = stored["lookup_code"].as_str().unwrap();
    let view: Value = reqwest::get(format!(
        "{}/api/cases/{number}?code={}",
        server.base,
        code.to_lowercase()
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(view["state"], "accepted");
    assert_eq!(view["item"]["name"], "食品经营许可（新办）");
    assert_eq!(view["applicant"]["id_masked"], "913***********0Y43");
    assert!(!view.to_string().contains("91350100M000100Y43"));
    assert!(view["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["kind"]["type"] == "promised"));
    let wrong = reqwest::get(format!("{}/api/cases/{number}?code=WRONGCOD", server.base))
        .await
        .unwrap();
    let missing = reqwest::get(format!("{}/api/cases/2026-999999?code={code}", server.base))
        .await
        .unwrap();
    assert_eq!(
        (wrong.status().as_u16(), missing.status().as_u16()),
        (404, 404)
    );
    let (a, b): (Value, Value) = (wrong.json().await.unwrap(), missing.json().await.unwrap());
    assert_eq!(
        a["error"].as_str().unwrap().replace(number, "N"),
        b["error"].as_str().unwrap().replace("2026-999999", "N"),
        "a wrong code looks the same as a missing case"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_bundle_pre_check_stores_one_case_per_item_under_one_lookup_code() {
    use onewindow_core::bundle_flow::bundle_questionnaire;
    let server = start().await;
    let c = catalog(&server.base).await;
    let q = bundle_questionnaire(&c, "YJS-KCG").unwrap();
    let mut sub = desk_case(&c);
    sub.channel = onewindow_core::submission::Channel::PreCheck;
    sub.marks = Default::default();
    sub.claimed = Default::default();
    sub.actor = "applicant".into();
    sub.item = "YJS-KCG".into();
    let mut answers = onewindow_core::condition::Answers::new();
    for question in &q.questions {
        let v = match question.kind {
            onewindow_core::catalog::QuestionKind::Choice => json!(question.options[0].value),
            onewindow_core::catalog::QuestionKind::Number => json!(1),
            onewindow_core::catalog::QuestionKind::Date => json!("2026-11-20"),
            _ => json!(false),
        };
        answers = answers.with(&question.id, v);
    }
    sub.answers = answers;
    let (status, answer) = post(
        &server.base,
        "",
        Some("bundle-1"),
        &serde_json::to_string(&sub).unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{answer}");
    let cases = answer["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 3);
    assert_eq!(count(&server).await, 3);
    let code = answer["lookup_code"].as_str().unwrap();
    for case in cases {
        let view: Value = reqwest::get(format!(
            "{}/api/cases/{}?code={code}",
            server.base,
            case["number"].as_str().unwrap()
        ))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        assert_eq!(view["item"]["code"], case["item"]);
        assert_eq!(view["state"], "pre_checked");
    }
    server.stop().await;
}

#[tokio::test]
async fn two_server_processes_on_one_database_store_a_retried_case_once() {
    // Two servers on the same database (two pools, two writer tasks: as two processes).
    let first = start().await;
    let second = support::start_on(first.db.clone()).await;
    let body = serde_json::to_string(&desk_case(&catalog(&first.base).await)).unwrap();
    let mut set = tokio::task::JoinSet::new();
    for i in 0..12 {
        let (base, cookie) = if i % 2 == 0 {
            (first.base.clone(), first.cookie.clone())
        } else {
            (second.base.clone(), second.cookie.clone())
        };
        let body = body.clone();
        set.spawn(async move { post(&base, &cookie, Some("shared-key"), &body).await });
    }
    let mut numbers = Vec::new();
    while let Some(r) = set.join_next().await {
        let (status, answer) = r.unwrap();
        assert!(status == 201 || status == 409, "{status}: {answer}");
        if status == 201 {
            numbers.push(answer["number"].as_str().unwrap().to_string());
        }
    }
    numbers.dedup();
    assert_eq!(
        numbers.len(),
        1,
        "one case number for every answer: {numbers:?}"
    );
    assert_eq!(count(&first).await, 1);
    second.stop().await;
    first.stop().await;
}

/// The server never takes the browser's word for who or when: a pre-check that claims to
/// be from 2019 and signed by a clerk is stored under this year's number, dated by the
/// server's clock, in the applicant's name.
#[tokio::test]
async fn a_back_dated_pre_check_claiming_a_clerk_is_stored_as_the_applicants_today() {
    let server = start().await;
    let mut sub = desk_case(&catalog(&server.base).await);
    sub.channel = onewindow_core::submission::Channel::PreCheck;
    sub.marks = Default::default();
    sub.claimed = Default::default();
    sub.actor = "王敏".into();
    sub.submitted_at =
        chrono::NaiveDateTime::parse_from_str("2019-01-01 09:10", "%Y-%m-%d %H:%M").unwrap();
    let before = chrono::Local::now().naive_local();
    let (status, answer) = post(
        &server.base,
        "",
        Some("back-dated"),
        &serde_json::to_string(&sub).unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{answer}");
    let number = answer["number"].as_str().unwrap();
    let year = chrono::Datelike::year(&before).to_string();
    assert!(number.starts_with(&year), "{number} is numbered in {year}");
    let events: String = sqlx::query_scalar("SELECT events FROM cases WHERE number = $1")
        .bind(number)
        .fetch_one(&support::pool(&server).await)
        .await
        .unwrap();
    // Sealed at rest: read with the server's key.
    let vault = onewindow_server::vault::Vault::load(support::test_keys()).unwrap();
    let events = onewindow_server::stored::events(&vault, &events, number).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].actor, "申请人");
    assert_eq!(events[0].role, onewindow_core::case::Role::Applicant);
    assert!(
        events[0].at >= before - chrono::Duration::seconds(1),
        "dated {}",
        events[0].at
    );
    server.stop().await;
}

/// Cases stored together (one group commit: numbers, notices and figures written set by
/// set) count in the monthly figures tables exactly as their rows do, and get consecutive
/// numbers and notices without gaps or repeats.
#[tokio::test]
async fn cases_stored_together_are_numbered_once_and_counted_as_their_rows() {
    use chrono::Datelike;
    use onewindow_core::outcome::front_desk_outcome;
    let server = start().await;
    let cat = catalog(&server.base).await;
    // Accepted, incomplete (a material missing) and begun at a terminal; pre-checks too.
    let mut bodies = Vec::new();
    for i in 0..60 {
        let mut sub = desk_case(&cat);
        if i % 3 == 1 {
            let first = sub.marks.keys().next().unwrap().clone();
            sub.marks.insert(first, MaterialStatus::Missing);
            let item = cat.item(&sub.item).unwrap();
            sub.claimed.outcome = Some(front_desk_outcome(item, &sub.answers, &sub.marks).unwrap());
        }
        sub.via_terminal = i % 4 == 0;
        if i % 5 == 0 {
            sub.channel = onewindow_core::submission::Channel::PreCheck;
            sub.claimed.outcome = None;
        }
        bodies.push(serde_json::to_string(&sub).unwrap());
    }
    let posts = bodies.iter().enumerate().map(|(i, body)| {
        let (base, cookie) = (server.base.clone(), server.cookie.clone());
        let body = body.clone();
        tokio::spawn(async move { post(&base, &cookie, Some(&format!("g{i}")), &body).await })
    });
    let mut numbers = Vec::new();
    for p in posts {
        let (status, answer) = p.await.unwrap();
        assert_eq!(status, 201, "{answer}");
        numbers.push(answer["number"].as_str().unwrap().to_string());
    }
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 60, "every case has its own number");
    let pool = support::pool(&server).await;
    let notices: Vec<(String, i64)> =
        sqlx::query_as("SELECT kind, seq FROM notices ORDER BY kind, seq")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(notices.len() >= 48, "{} notices", notices.len());
    for kind in notices.iter().map(|(k, _)| k) {
        let seqs: Vec<i64> = notices
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, s)| *s)
            .collect();
        assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>(), "{kind}");
    }
    // The month so far, read from the tables and from the rows alike.
    let config = onewindow_server::ServeConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        db: server.db.clone(),
        catalog: support::repo_catalog(),
        dist: support::fake_dist(server.dir.path()),
        sessions: Default::default(),
        limits: onewindow_server::limits::RateLimits::none(),
        keys: support::test_keys(),
    };
    let state = onewindow_server::prepare(&config).await.unwrap();
    let today = chrono::Local::now().date_naive();
    let first = today.with_day(1).unwrap();
    let last = (first + chrono::Months::new(1)).pred_opt().unwrap();
    let q = onewindow_wire::supervision::SupervisionQuery {
        from: first,
        to: last,
        site: String::new(),
    };
    let tables = onewindow_server::supervision::figures(&state, &q, today, true)
        .await
        .unwrap();
    let rows = onewindow_server::supervision::figures(&state, &q, today, false)
        .await
        .unwrap();
    assert_eq!(tables.intake.iter().map(|r| r.cases).sum::<i64>(), 48);
    assert!(tables.intake.iter().any(|r| r.channel == "terminal"));
    assert_eq!(tables.intake, rows.intake);
    assert_eq!(tables.items, rows.items);
    assert_eq!(tables.on_time, rows.on_time);
}
