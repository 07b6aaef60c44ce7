//! Personal data at rest: a copy of the database file without the key shows no ID number,
//! mobile or applicant's name; the desk still reads them and finds a case by ID number
//! (through the keyed hash); `onewindow key rotate` re-encrypts while cases keep arriving
//! and every case stays readable.

mod support;

use onewindow_server::limits::RateLimits;
use onewindow_server::vault::KeySource;
use serde_json::{json, Value};
use std::process::Command;
use support::{catalog, desk_case, login, post, PASSWORD};

const ID: &str = "11010519491231002X";
const MOBILE: &str = "13912345678";
const NAME: &str = "欧阳明月";

/// A desk case of a natural person with the constants above.
async fn person_case(base: &str) -> String {
    let c = catalog(base).await;
    let mut sub = desk_case(&c);
    sub.applicant.name = NAME.into();
    sub.applicant.id_number = ID.into();
    sub.applicant.mobile = MOBILE.into();
    serde_json::to_string(&sub).unwrap()
}

/// Every byte of the database file and its WAL.
fn file_bytes(db: &str) -> Vec<u8> {
    let mut all = Vec::new();
    for suffix in ["", "-wal"] {
        if let Ok(b) = std::fs::read(format!("{db}{suffix}")) {
            all.extend(b);
        }
    }
    all
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn a_copy_of_the_database_without_the_key_shows_no_personal_data() {
    let server = support::start().await;
    let base = server.base.clone();
    let body = person_case(&base).await;
    let (status, created) = post(&base, &server.cookie, Some("p1"), &body).await;
    assert_eq!(status, 201, "{created}");
    let number = created["number"].as_str().unwrap().to_string();
    // A complaint and a terminal's hand-over with the same person's details.
    let client = reqwest::Client::new();
    let r = client
        .post(format!("{base}/api/complaints"))
        .json(
            &json!({"item": support::FOOD, "place": "大厅", "what": "没办成",
            "name": NAME, "mobile": MOBILE, "at_terminal": false}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let r = client
        .post(format!("{base}/api/handovers"))
        .json(
            &json!({"draft_id": "enc-1", "item": support::FOOD, "answers": {},
            "applicant": {"name": NAME, "id_number": ID, "mobile": MOBILE}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);

    // The desk reads the case in full and finds it by the ID number, typed loosely.
    let supervisor = login(&base, "李主任", PASSWORD).await.unwrap();
    let get = |url: String| {
        let cookie = server.cookie.clone();
        async move {
            reqwest::Client::new()
                .get(url)
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let list = get(format!(
        "{base}/api/desk/cases?id_number=110105 19491231 002x"
    ))
    .await;
    let found: Vec<&str> = list["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["number"].as_str().unwrap())
        .collect();
    assert_eq!(found, [number.as_str()], "{list}");
    assert_eq!(list["cases"][0]["applicant_name"], NAME);
    let other = get(format!(
        "{base}/api/desk/cases?id_number=110101199003074514"
    ))
    .await;
    assert_eq!(other["cases"].as_array().unwrap().len(), 0);
    let complaints = reqwest::Client::new()
        .get(format!("{base}/api/desk/complaints?open=true"))
        .header("cookie", supervisor)
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(complaints["complaints"][0]["mobile"], MOBILE);

    // A case's history is sealed too: it names collectors, holds signatures and postal
    // addresses.
    let pool = support::pool(&server).await;
    let histories: Vec<String> = sqlx::query_scalar("SELECT events FROM cases")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(!histories.is_empty());
    assert!(
        histories.iter().all(|h| h.starts_with("enc1:")),
        "{histories:?}"
    );
    pool.close().await;

    // The file (and its WAL) holds none of it in the clear.
    let db = server.db.clone();
    if onewindow_server::db::is_postgres(&db) {
        // PostgreSQL keeps its files elsewhere: what it stores is read back instead.
        let pool = support::pool(&server).await;
        let stored: Vec<String> = sqlx::query_scalar(
            "SELECT applicant_name || applicant_id || applicant_mobile || submission FROM cases \
             UNION ALL SELECT name || mobile FROM complaints UNION ALL SELECT content FROM handovers",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        assert_eq!(stored.len(), 3);
        for s in &stored {
            assert!(s.starts_with("enc1:"), "{s}");
            for secret in [ID, MOBILE, NAME] {
                assert!(!s.contains(secret), "{secret} stored in the clear");
            }
        }
        server.stop().await;
        return;
    }
    let _dir = server.stop().await;
    let bytes = file_bytes(&db);
    assert!(bytes.len() > 10_000);
    for secret in [ID, MOBILE, NAME, "19491231"] {
        assert!(
            !contains(&bytes, secret),
            "{secret} is readable in the file"
        );
    }
    // The test can tell: the complaint's place, not personal, is there in the clear.
    assert!(contains(&bytes, "没办成"));
}

/// A server whose keys are in `key_file`.
async fn start_with_key_file(
    dir: &std::path::Path,
    key_file: &std::path::Path,
) -> (String, String, tokio::sync::oneshot::Sender<()>) {
    support::serve_with(
        dir,
        RateLimits::none(),
        KeySource::File(key_file.to_path_buf()),
    )
    .await
}

#[tokio::test]
async fn rotating_the_key_while_cases_arrive_leaves_every_case_readable() {
    if std::env::var("ONEWINDOW_TEST_POSTGRES").is_ok() {
        return; // The same statements; run once, on SQLite, with the CLI on the file.
    }
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("onewindow.key");
    onewindow_server::vault::generate(&key_file).unwrap();
    let (base, db, stop) = start_with_key_file(dir.path(), &key_file).await;
    let pool = onewindow_server::db::open(&db).await.unwrap();
    onewindow_server::auth::add_user_at(
        &pool,
        "王敏",
        onewindow_server::auth::AccountRole::Clerk,
        &Default::default(),
        PASSWORD,
    )
    .await
    .unwrap();
    let cookie = login(&base, "王敏", PASSWORD).await.unwrap();
    let body = person_case(&base).await;
    for i in 0..40 {
        assert_eq!(
            post(&base, &cookie, Some(&format!("a{i}")), &body).await.0,
            201
        );
    }
    let old_id: String = sqlx::query_scalar("SELECT applicant_id FROM cases LIMIT 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    // Cases keep arriving while the key is rotated.
    let (b2, c2, body2) = (base.clone(), cookie.clone(), body.clone());
    let writer = tokio::spawn(async move {
        for i in 0..60 {
            assert_eq!(post(&b2, &c2, Some(&format!("b{i}")), &body2).await.0, 201);
        }
    });
    let out = tokio::task::spawn_blocking({
        let (key_file, db) = (key_file.clone(), db.clone());
        move || {
            Command::new(env!("CARGO_BIN_EXE_onewindow"))
                .args([
                    "key",
                    "rotate",
                    "--key-file",
                    key_file.to_str().unwrap(),
                    "--db",
                    &db,
                ])
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("pass 1: re-encrypted rows: cases"), "{text}");
    writer.await.unwrap();
    let new_id = std::fs::read_to_string(&key_file)
        .unwrap()
        .lines()
        .find_map(|l| {
            l.strip_prefix("data ")
                .map(|r| r.split_whitespace().next().unwrap().to_string())
        })
        .unwrap();
    assert!(!old_id.contains(&new_id));
    // Every case opens, with the person's details, through the desk.
    let numbers: Vec<String> = sqlx::query_scalar("SELECT number FROM cases ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(numbers.len(), 100);
    for n in &numbers {
        let v: Value = reqwest::Client::new()
            .get(format!("{base}/api/desk/cases/{n}"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(v["applicant"]["name"], NAME, "{n}: {v}");
    }
    // The rows rewritten by the rotation are under the new key; a second run of it
    // leaves none under the old one.
    let under_new: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE applicant_id LIKE $1")
            .bind(format!("enc1:{new_id}:%"))
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(under_new >= 40, "{under_new}");
    let _ = stop.send(());
}
