//! Starting the real server on 127.0.0.1 with a temporary SQLite file, for the tests.
#![allow(dead_code)]

use onewindow_core::catalog::{MaterialKind, QuestionKind};
use onewindow_core::checklist::{checklist, relevant_questions};
use onewindow_core::condition::Answers;
use onewindow_core::outcome::{front_desk_outcome, Marks, MaterialStatus};
use onewindow_core::submission::{
    ApplicantInput, Channel, Claimed, Submission, SUBMISSION_VERSION,
};
use onewindow_core::Catalog;
use onewindow_server::auth::{user_exists, AccountRole, SessionSettings};
use onewindow_server::{serve, ServeConfig};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub struct Running {
    pub base: String,
    /// The database: a SQLite path or a PostgreSQL URL.
    pub db: String,
    /// The session cookie of the clerk 王敏, logged in at start.
    pub cookie: String,
    pub dir: TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

pub fn repo_catalog() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog")
}

/// A fake build of the app: an index.html and one content-hashed bundle file.
pub fn fake_dist(dir: &Path) -> PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!DOCTYPE html><title>一窗通</title><script type=module>import init from '/app.js';</script>",
    )
    .unwrap();
    std::fs::write(dist.join("onewindow-app-0123456789abcdef.js"), "export {}").unwrap();
    dist
}

/// The clerk 王敏, the food item's reviewer 张审批 and the supervisor 李主任, all with
/// password `correct horse`.
pub const PASSWORD: &str = "correct horse";

pub async fn start_with(dir: TempDir, catalog: PathBuf) -> anyhow::Result<Running> {
    start_full(dir, catalog, SessionSettings::default()).await
}

/// The database a test server in `dir` uses: a SQLite file in it, or — when
/// `ONEWINDOW_TEST_POSTGRES` holds an administrator's URL (the test command sets it after
/// starting PostgreSQL) — a database of its own on that server, named after `dir`.
/// A server on a fresh database in `dir` with these limits and keys and no accounts: its
/// address, its database, and the sender that stops it.
#[allow(dead_code)]
pub async fn serve_with(
    dir: &Path,
    limits: onewindow_server::limits::RateLimits,
    keys: onewindow_server::vault::KeySource,
) -> (String, String, tokio::sync::oneshot::Sender<()>) {
    let db = test_db(dir).await;
    let config = ServeConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        db: db.clone(),
        catalog: repo_catalog(),
        dist: fake_dist(dir),
        sessions: SessionSettings::default(),
        limits,
        keys,
    };
    let (addr_tx, addr_rx) = tokio::sync::oneshot::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(serve(
        config,
        move |addr| {
            let _ = addr_tx.send(addr);
        },
        async move {
            let _ = stop_rx.await;
        },
    ));
    (format!("http://{}", addr_rx.await.unwrap()), db, stop_tx)
}

/// A key for a test server: the same for every test of a run, so that servers started on
/// one database read each other's rows.
pub fn test_keys() -> onewindow_server::vault::KeySource {
    static KEYS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    onewindow_server::vault::KeySource::Text(
        KEYS.get_or_init(|| onewindow_server::vault::new_key_text().unwrap())
            .clone(),
    )
}

pub async fn test_db(dir: &Path) -> String {
    let Ok(admin) = std::env::var("ONEWINDOW_TEST_POSTGRES") else {
        return dir.join("data").join("test.sqlite3").display().to_string();
    };
    sqlx::any::install_default_drivers();
    let name: String = dir
        .file_name()
        .unwrap()
        .to_string_lossy()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let name = format!("ow_{name}");
    let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM pg_database WHERE datname = $1")
            .bind(&name)
            .fetch_optional(&pool)
            .await
            .unwrap();
    if exists.is_none() {
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&pool)
            .await
            .unwrap();
    }
    pool.close().await;
    let (base, _) = admin.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

pub async fn pool(server: &Running) -> onewindow_server::db::Db {
    onewindow_server::db::open(&server.db).await.unwrap()
}

/// Logs `name` in; the session cookie, or the status and body of the refusal.
pub async fn login(base: &str, name: &str, password: &str) -> Result<String, (u16, Value)> {
    let res = reqwest::Client::new()
        .post(format!("{base}/api/session"))
        .json(&json!({ "name": name, "password": password }))
        .send()
        .await
        .unwrap();
    if res.status() != 200 {
        let status = res.status().as_u16();
        return Err((status, res.json().await.unwrap_or(Value::Null)));
    }
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    Ok(cookie.split(';').next().unwrap().to_string())
}

/// A second server on the database of another (as a second process would be).
pub async fn start_on(db: String) -> Running {
    start_db(
        tempfile::tempdir().unwrap(),
        repo_catalog(),
        SessionSettings::default(),
        Some(db),
    )
    .await
    .unwrap()
}

/// A server with another catalogue on the database of an earlier one (a restart after the
/// centre published new guides).
#[allow(dead_code)]
pub async fn start_on_with(db: String, catalog: PathBuf) -> Running {
    start_db(
        tempfile::tempdir().unwrap(),
        catalog,
        SessionSettings::default(),
        Some(db),
    )
    .await
    .unwrap()
}

pub async fn start_full(
    dir: TempDir,
    catalog: PathBuf,
    sessions: SessionSettings,
) -> anyhow::Result<Running> {
    start_db(dir, catalog, sessions, None).await
}

async fn start_db(
    dir: TempDir,
    catalog: PathBuf,
    sessions: SessionSettings,
    db: Option<String>,
) -> anyhow::Result<Running> {
    let config_db = match db {
        Some(db) => db,
        None => test_db(dir.path()).await,
    };
    let config = ServeConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        db: config_db.clone(),
        catalog,
        dist: fake_dist(dir.path()),
        sessions,
        // Other tests post many cases from one address; tests/limits.rs sets its own.
        limits: onewindow_server::limits::RateLimits::none(),
        keys: test_keys(),
    };
    let (addr_tx, addr_rx) = tokio::sync::oneshot::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve(
        config,
        move |addr| {
            let _ = addr_tx.send(addr);
        },
        async move {
            let _ = stop_rx.await;
        },
    ));
    let addr = match addr_rx.await {
        Ok(addr) => addr,
        Err(_) => return Err(task.await.unwrap().unwrap_err()),
    };
    let base = format!("http://{addr}");
    let db_url = config_db.clone();
    let db = onewindow_server::db::open(&db_url).await?;
    for (name, role, departments) in [
        ("王敏", AccountRole::Clerk, vec![]),
        (
            REVIEWER,
            AccountRole::Reviewer,
            vec![FOOD_DEPARTMENT.to_string()],
        ),
        ("李主任", AccountRole::Supervisor, vec![]),
    ] {
        if !user_exists(&db, name).await? {
            let post = onewindow_server::auth::Post {
                departments,
                site: String::new(),
            };
            onewindow_server::auth::add_user_at(&db, name, role, &post, PASSWORD).await?;
        }
    }
    db.close().await;
    let cookie = login(&base, "王敏", PASSWORD)
        .await
        .map_err(|e| anyhow::anyhow!("login failed: {e:?}"))?;
    Ok(Running {
        base,
        db: db_url,
        cookie,
        dir,
        stop: Some(stop_tx),
        task,
    })
}

pub async fn start() -> Running {
    start_with(tempfile::tempdir().unwrap(), repo_catalog())
        .await
        .unwrap()
}

impl Running {
    pub async fn stop(mut self) -> TempDir {
        let _ = self.stop.take().unwrap().send(());
        self.task.await.unwrap().unwrap();
        self.dir
    }
}

pub const FOOD: &str = "370000-SCJG-XK-001";
/// The food item's department, and a reviewer of it.
pub const FOOD_DEPARTMENT: &str = "市场监督管理局";
pub const REVIEWER: &str = "张审批";

pub async fn catalog(base: &str) -> Catalog {
    Catalog::from_json(
        &reqwest::get(format!("{base}/api/catalog"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    )
    .unwrap()
}

/// A desk submission for the food licence with every question answered "no" / the first
/// option and every material provided, with the outcome the core gives.
pub fn desk_case(catalog: &Catalog) -> Submission {
    desk_case_with(catalog, FOOD, Answers::new())
}

/// A desk submission for item `code`, with `preset` answers and every other question
/// answered "no" / the first option, every material provided.
pub fn desk_case_with(catalog: &Catalog, code: &str, preset: Answers) -> Submission {
    let item = catalog.item(code).unwrap();
    let mut answers = preset;
    loop {
        let open: Vec<_> = relevant_questions(item, &answers)
            .into_iter()
            .filter(|q| answers.get(&q.id).is_none())
            .collect();
        if open.is_empty() {
            break;
        }
        for q in open {
            let v = match q.kind {
                QuestionKind::YesNo => json!(false),
                QuestionKind::Choice => json!(q.options[0].value),
                QuestionKind::Number => json!(1),
                QuestionKind::Date => json!("2026-11-20"),
            };
            answers = answers.with(&q.id, v);
        }
    }
    let marks: Marks = checklist(item, &answers)
        .entries
        .iter()
        .map(|e| {
            let s = if e.kind == MaterialKind::Requirement {
                MaterialStatus::Satisfied
            } else {
                MaterialStatus::Original
            };
            (e.material.clone(), s)
        })
        .collect();
    let outcome = front_desk_outcome(item, &answers, &marks).unwrap();
    Submission {
        schema_version: SUBMISSION_VERSION,
        channel: Channel::Desk,
        item: code.into(),
        answers,
        marks,
        applicant: ApplicantInput {
            name: "某某餐饮有限公司".into(),
            id_number: "91350100M000100Y43".into(),
            mobile: "13800138000".into(),
        },
        agent: None,
        // Recorded on the desk device just now (a device time is kept only within a week).
        submitted_at: chrono::Local::now().naive_local(),
        actor: "王敏".into(),
        claimed: Claimed {
            outcome: Some(outcome),
            deadlines: vec![],
            outcomes: vec![],
        },
        guide_versions: Default::default(),
        delivery: None,
        via_terminal: false,
    }
}

pub async fn post(base: &str, cookie: &str, key: Option<&str>, body: &str) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .post(format!("{base}/api/cases"))
        .header("content-type", "application/json")
        .header("cookie", cookie)
        .body(body.to_string());
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

pub async fn count(server: &Running) -> i64 {
    let pool = pool(server).await;
    sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&pool)
        .await
        .unwrap()
}

/// The application's state on a fresh database in `dir`, for handler tests that call
/// `app(state).oneshot(…)` without a socket.
#[allow(dead_code)]
pub async fn app_state(dir: &Path) -> onewindow_server::AppState {
    let config = ServeConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        db: test_db(dir).await,
        catalog: repo_catalog(),
        dist: fake_dist(dir),
        sessions: SessionSettings::default(),
        limits: onewindow_server::limits::RateLimits::none(),
        keys: test_keys(),
    };
    onewindow_server::prepare(&config).await.unwrap()
}
