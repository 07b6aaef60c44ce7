//! `onewindow backup FILE` and `onewindow restore FILE` for the SQLite database.
//!
//! A backup is taken while serving with `VACUUM INTO` (one read transaction: a consistent
//! copy of every table, compacted), then opened and checked. A restore refuses while a
//! server holds the database (the lock file `serving_lock` takes), checks the copy first,
//! keeps the database it replaces beside it, and opens the result (applying newer
//! migrations). PostgreSQL has its own tools: `pg_dump` / `pg_restore` (see the README).

use anyhow::{bail, Context};
use std::path::{Path, PathBuf};

/// What a backup or restore holds, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Cases in the copy.
    pub cases: i64,
    /// Complaints in the copy.
    pub complaints: i64,
    /// Accounts in the copy.
    pub users: i64,
}

fn postgres_hint(db: &str, what: &str) -> anyhow::Result<()> {
    if crate::db::is_postgres(db) {
        bail!(
            "{what} works on the SQLite file; for PostgreSQL use its own tools: \
             pg_dump --format=custom --file=FILE URL, and pg_restore --clean --dbname=URL FILE"
        );
    }
    Ok(())
}

fn lock_path(db: &str) -> PathBuf {
    PathBuf::from(format!("{db}.lock"))
}

/// Held (shared: several servers may use one file) by a running server for the life of
/// the process: while any holds it, `restore` (which needs it alone) refuses to replace the
/// database. Released by the operating system on any exit.
pub fn serving_lock(db: &str) -> anyhow::Result<Option<std::fs::File>> {
    lock(db, false)
}

fn lock(db: &str, alone: bool) -> anyhow::Result<Option<std::fs::File>> {
    if crate::db::is_postgres(db) {
        return Ok(None);
    }
    let path = lock_path(db);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open the lock file {}", path.display()))?;
    let locked = if alone {
        file.try_lock()
    } else {
        file.try_lock_shared()
    };
    match locked {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) if alone => {
            bail!("the database {db} is in use by a running OneWindow server")
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            bail!("the database {db} is being restored: start the server when that is done")
        }
        Err(std::fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
}

async fn summary(pool: &crate::db::Db) -> anyhow::Result<Summary> {
    let count = |table: &'static str| async move {
        sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(pool)
            .await
    };
    Ok(Summary {
        cases: count("cases").await?,
        complaints: count("complaints").await?,
        users: count("users").await?,
    })
}

/// Opens a copy read-only and checks it is whole and a OneWindow database.
async fn check_copy(path: &Path) -> anyhow::Result<Summary> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&format!("sqlite://{}?mode=ro", path.display()))
        .await
        .with_context(|| format!("{} cannot be opened as a database", path.display()))?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .with_context(|| format!("{} is not a SQLite database", path.display()))?;
    if integrity != "ok" {
        bail!("{} is damaged: {integrity}", path.display());
    }
    let newest: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .with_context(|| format!("{} is not a OneWindow database", path.display()))?;
    let ours = sqlx::migrate!("./migrations/sqlite")
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
    if newest.unwrap_or(0) > ours {
        bail!(
            "{} was written by a newer OneWindow (schema {}; this one knows up to {ours}): restore it with that version",
            path.display(),
            newest.unwrap_or(0)
        );
    }
    let s = summary(&pool).await?;
    pool.close().await;
    Ok(s)
}

/// Copies the database `db` to the new file `to` while it may be serving, and checks the
/// copy.
pub async fn backup(db: &str, to: &Path) -> anyhow::Result<Summary> {
    postgres_hint(db, "backup")?;
    if !Path::new(db).is_file() {
        bail!("there is no database at {db}");
    }
    if to.exists() {
        bail!(
            "{} already exists: choose a new file name (a backup never overwrites)",
            to.display()
        );
    }
    // Read only and without migrating: the server using it may be an older release.
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&format!("sqlite://{db}?mode=ro"))
        .await
        .with_context(|| format!("cannot open the database {db}"))?;
    sqlx::query("VACUUM INTO $1")
        .bind(to.display().to_string())
        .execute(&pool)
        .await
        .with_context(|| format!("cannot write the backup {}", to.display()))?;
    pool.close().await;
    check_copy(to).await
}

/// Puts the backup `from` in place of the database `db` (which must not be serving); the
/// replaced file is kept as `db.before-restore-<time>`. Returns what the restored
/// database holds and where the replaced one went.
pub async fn restore(db: &str, from: &Path) -> anyhow::Result<(Summary, Option<PathBuf>)> {
    postgres_hint(db, "restore")?;
    if !from.is_file() {
        bail!("there is no backup file at {}", from.display());
    }
    let expected = check_copy(from).await?;
    let _lock = lock(db, true).context("stop the server before restoring")?;
    let target = Path::new(db);
    // The copy is made and flushed first: a full disk leaves the database as it was.
    let partial = PathBuf::from(format!("{db}.restoring"));
    std::fs::copy(from, &partial)
        .with_context(|| format!("cannot copy {} to {}", from.display(), partial.display()))?;
    std::fs::File::open(&partial)?.sync_all()?;
    let kept = if target.exists() {
        let stamp = chrono::Local::now().format("%Y%m%d%H%M%S");
        let kept = PathBuf::from(format!("{db}.before-restore-{stamp}"));
        // The WAL and its index travel with their database, so the kept copy stays whole.
        for suffix in ["", "-wal", "-shm"] {
            let from = PathBuf::from(format!("{db}{suffix}"));
            if from.exists() {
                std::fs::rename(&from, format!("{}{suffix}", kept.display()))
                    .with_context(|| format!("cannot move {} aside", from.display()))?;
            }
        }
        Some(kept)
    } else {
        None
    };
    std::fs::rename(&partial, target)?;
    let pool = crate::db::open(db).await?;
    let restored = summary(&pool).await?;
    pool.close().await;
    if restored != expected {
        bail!("the restored database holds {restored:?}, the backup {expected:?}");
    }
    Ok((restored, kept))
}
