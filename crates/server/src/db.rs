//! The SQLite database: opened durable (WAL, synchronous=FULL) and migrated on start.

use crate::catalog_dir::LoadedCatalog;
use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;

/// Opens (creating if needed) the database file and applies the migrations. Checks that
/// the durability settings took effect: an acknowledged write must survive a power cut.
pub async fn open(path: &Path) -> anyhow::Result<SqlitePool> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the directory {}", parent.display()))?;
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database {}", path.display()))?;
    sqlx::migrate!("./migrations")
        .run(&pool)
        .await
        .with_context(|| format!("cannot migrate the database {}", path.display()))?;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&pool)
        .await?;
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(&pool)
        .await?;
    anyhow::ensure!(
        mode == "wal" && sync == 2,
        "the database {} runs with journal_mode={mode}, synchronous={sync}; expected wal and 2 (FULL)",
        path.display()
    );
    Ok(pool)
}

/// Records that this catalogue is now being served (skipped when it is the same as the
/// last one recorded, so restarts do not fill the table).
pub async fn record_catalog_load(pool: &SqlitePool, catalog: &LoadedCatalog) -> anyhow::Result<()> {
    let last: Option<String> =
        sqlx::query_scalar("SELECT digest FROM catalog_loads ORDER BY id DESC LIMIT 1")
            .fetch_optional(pool)
            .await?;
    if last.as_deref() != Some(catalog.digest.as_str()) {
        sqlx::query("INSERT INTO catalog_loads (digest, items, loaded_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))")
            .bind(&catalog.digest)
            .bind(catalog.catalog.items.len() as i64)
            .execute(pool)
            .await?;
    }
    Ok(())
}
