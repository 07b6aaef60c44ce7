//! The database: SQLite by default (a file, opened durable: WAL, synchronous=FULL, checked
//! at start), or PostgreSQL with `--db postgres://…`. Both through sqlx's `Any` driver with
//! the same queries (`$1` parameters, which both accept); each has its own migrations.

use crate::catalog_dir::LoadedCatalog;
use anyhow::Context;
use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use std::path::Path;

/// The pool every handler uses.
pub type Db = AnyPool;

/// Whether `db` names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// Opens (creating if needed) the database and applies the migrations. For SQLite, checks
/// that the durability settings took effect: an acknowledged write must survive a power cut.
pub async fn open(db: &str) -> anyhow::Result<Db> {
    sqlx::any::install_default_drivers();
    if is_postgres(db) {
        let pool = AnyPoolOptions::new()
            .max_connections(16)
            .connect(db)
            .await
            .context("cannot connect to the PostgreSQL database (check --db)")?;
        sqlx::migrate!("./migrations/postgres")
            .run(&pool)
            .await
            .context("cannot migrate the PostgreSQL database")?;
        return Ok(pool);
    }
    let path = Path::new(db);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the directory {}", parent.display()))?;
    }
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let pool = AnyPoolOptions::new()
        .max_connections(8)
        .after_connect(|conn, _| {
            Box::pin(async move {
                use sqlx::Executor;
                conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")
                    .await
                    .map(|_| ())
            })
        })
        .connect(&url)
        .await
        .with_context(|| format!("cannot open the database {}", path.display()))?;
    sqlx::migrate!("./migrations/sqlite")
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
/// last one recorded, so restarts do not fill the table), with each guide version it
/// publishes for the first time.
pub async fn record_catalog_load(pool: &Db, catalog: &LoadedCatalog) -> anyhow::Result<()> {
    let last: Option<String> =
        sqlx::query_scalar("SELECT digest FROM catalog_loads ORDER BY id DESC LIMIT 1")
            .fetch_optional(pool)
            .await?;
    if last.as_deref() != Some(catalog.digest.as_str()) {
        sqlx::query("INSERT INTO catalog_loads (digest, items, loaded_at) VALUES ($1, $2, $3)")
            .bind(&catalog.digest)
            .bind(catalog.catalog.items.len() as i64)
            .bind(chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .execute(pool)
            .await?;
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let mut tx = pool.begin().await?;
        for (code, (json, version)) in &catalog.item_json {
            sqlx::query(
                "INSERT INTO guide_versions (code, version, json, published_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (code, version) DO NOTHING",
            )
            .bind(code)
            .bind(version)
            .bind(json.as_str())
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

/// A guide this server published earlier, by item code and version.
pub async fn published_guide(
    pool: &Db,
    code: &str,
    version: &str,
) -> anyhow::Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT json FROM guide_versions WHERE code = $1 AND version = $2")
            .bind(code)
            .bind(version)
            .fetch_optional(pool)
            .await?,
    )
}

/// Begins a transaction that writes: on SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`), so a transaction that reads before it writes waits for another writer
/// (busy_timeout) instead of failing when that writer committed in between.
pub async fn begin_write(db: &Db) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    if db.connect_options().database_url.scheme() == "sqlite" {
        db.begin_with("BEGIN IMMEDIATE").await
    } else {
        db.begin().await
    }
}
