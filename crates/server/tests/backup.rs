//! `onewindow backup` while serving and `onewindow restore` after: every case comes back
//! as it was; a restore under a running server, over an existing backup name, or from a
//! file that is not a database is refused with what to do.

mod support;

use std::process::Command;
use support::{catalog, desk_case, post, start};

fn onewindow(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_onewindow"))
        .args(args)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// Every column of every case, in order, as text.
async fn every_case(db: &str) -> Vec<Vec<String>> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&format!("sqlite://{db}?mode=ro"))
        .await
        .unwrap();
    let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info('cases')")
        .fetch_all(&pool)
        .await
        .unwrap();
    let select = columns
        .iter()
        .map(|c| format!("COALESCE(CAST({c} AS TEXT), '')"))
        .collect::<Vec<_>>()
        .join(" || char(31) || ");
    let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT {select} FROM cases ORDER BY id"))
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    rows.iter()
        .map(|r| r.split('\u{1f}').map(str::to_string).collect())
        .collect()
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_every_case() {
    if std::env::var("ONEWINDOW_TEST_POSTGRES").is_ok() {
        // PostgreSQL is backed up with pg_dump; the command says so (tested below).
        return;
    }
    let server = start().await;
    let c = catalog(&server.base).await;
    for i in 0..12 {
        let sub = serde_json::to_string(&desk_case(&c)).unwrap();
        let (status, body) = post(&server.base, &server.cookie, Some(&format!("k{i}")), &sub).await;
        assert_eq!(status, 201, "{body}");
    }
    let db = server.db.clone();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("onewindow-backup.sqlite3");
    let file_s = file.to_str().unwrap();

    // While serving: the copy is taken and checked.
    let (ok, text) = onewindow(&["backup", file_s, "--db", &db]);
    assert!(ok, "{text}");
    assert!(text.contains("12 cases"), "{text}");
    // Never over an existing file.
    let (ok, text) = onewindow(&["backup", file_s, "--db", &db]);
    assert!(!ok);
    assert!(text.contains("already exists"), "{text}");
    // Not under a running server.
    let (ok, text) = onewindow(&["restore", file_s, "--db", &db]);
    assert!(!ok);
    assert!(text.contains("stop the server before restoring"), "{text}");

    // A case after the backup, then the server stops and the backup goes back in place.
    let sub = serde_json::to_string(&desk_case(&c)).unwrap();
    assert_eq!(
        post(&server.base, &server.cookie, Some("late"), &sub)
            .await
            .0,
        201
    );
    let before = every_case(&db).await;
    assert_eq!(before.len(), 13);
    let _dir = server.stop().await;
    let (ok, text) = onewindow(&["restore", file_s, "--db", &db]);
    assert!(ok, "{text}");
    assert!(text.contains("12 cases"), "{text}");
    assert!(text.contains("kept as"), "{text}");
    let restored = every_case(&db).await;
    assert_eq!(
        restored[..],
        before[..12],
        "every column of every case as it was"
    );
    // The replaced database is kept whole, with the case added after the backup.
    let kept = text
        .lines()
        .find_map(|l| l.strip_prefix("the database it replaced is kept as "))
        .unwrap()
        .to_string();
    assert_eq!(every_case(&kept).await, before);

    // A file that is not a database is named as such.
    let junk = out.path().join("junk.sqlite3");
    std::fs::write(&junk, "not a database").unwrap();
    let (ok, text) = onewindow(&["restore", junk.to_str().unwrap(), "--db", &db]);
    assert!(!ok);
    assert!(text.contains("junk.sqlite3"), "{text}");
    assert_eq!(every_case(&db).await[..], before[..12]);
}

#[test]
fn postgres_is_pointed_to_its_own_tools() {
    let (ok, text) = onewindow(&[
        "backup",
        "/tmp/x.dump",
        "--db",
        "postgres://u@127.0.0.1/onewindow",
    ]);
    assert!(!ok);
    assert!(text.contains("pg_dump"), "{text}");
}
