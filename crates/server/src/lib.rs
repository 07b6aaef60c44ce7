//! # onewindow-server
//!
//! The thin server of OneWindow: it serves the built browser app and the catalogue, and
//! (as later parts land) stores cases and lets clerks move them on. It decides nothing
//! itself: every rule is `onewindow-core`'s, called here exactly as the browser calls it.
//!
//! The binary `onewindow` wraps this library; tests call [`app`] and [`serve`] directly.

pub mod applicant;
pub mod audit;
pub mod audit_log;
pub mod auth;
pub mod backup;
pub mod batch_sql;
pub mod bench_cmd;
pub mod calendar_cmd;
pub mod case_writes;
pub mod cases;
pub mod catalog_dir;
pub mod clock;
pub mod complaints;
pub mod consult;
pub mod csv;
pub mod db;
pub mod desk;
pub mod error;
pub mod facts;
pub mod figures;
pub mod gen_cases;
pub mod group_commit;
pub mod guide_notes;
pub mod handovers;
pub mod help_calls;
pub mod limits;
pub mod listener;
pub mod login_guard;
pub mod numbers;
pub mod reports;
pub mod reseal;
pub mod routes;
pub mod security;
pub mod static_files;
pub mod stored;
pub mod substitutes;
pub mod supervision;
pub mod totp;
pub mod vault;

use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub use routes::app;

/// Where the server listens and what it serves.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// SQLite file (created with its tables on first start), or a `postgres://` URL.
    pub db: String,
    /// Catalogue directory (service items as TOML files).
    pub catalog: PathBuf,
    /// The built browser app (Trunk's `dist/`).
    pub dist: PathBuf,
    /// Clerk session timeouts and cookie flags.
    pub sessions: auth::SessionSettings,
    /// Requests per minute and client address on the routes anyone may call.
    pub limits: limits::RateLimits,
    /// Where the keys that encrypt personal data come from.
    pub keys: vault::KeySource,
}

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: crate::db::Db,
    /// The catalogue, as loaded and checked at start.
    pub catalog: Arc<catalog_dir::LoadedCatalog>,
    /// The built browser app.
    pub dist: PathBuf,
    /// Clerk session timeouts and cookie flags.
    pub sessions: auth::SessionSettings,
    /// A password hash that matches nothing, checked when a login names no user so that
    /// the answer takes as long as for a real one.
    pub dummy_hash: Arc<String>,
    /// The case writer (group commit).
    pub writer: group_commit::Writer,
    /// Requests per minute and client address on the routes anyone may call.
    pub limits: limits::RateLimits,
    /// The keys personal data is sealed with (`vault.rs`).
    pub vault: vault::Vault,
}

/// Opens the database, loads the catalogue and builds the state; fails with a message
/// that names the file at fault.
pub async fn prepare(config: &ServeConfig) -> anyhow::Result<AppState> {
    let catalog = catalog_dir::load_dir(&config.catalog)?;
    let vault = vault::Vault::load(config.keys.clone())?;
    let db = db::open(&config.db).await?;
    db::record_catalog_load(&db, &catalog).await?;
    // Rows from before the supervision facts (or an older derivation of them).
    let filled = facts::backfill(&db, &catalog, &vault).await?;
    if filled > 0 {
        tracing::info!(cases = filled, "supervision facts filled in");
    }
    if let Some(year) = catalog.calendar.schedule_due(clock::today()) {
        tracing::warn!(
            "the holiday schedule for {year} is not loaded: deadlines reaching {year} are counted \
             provisionally (weekends and 元旦/劳动节/国庆节 off) and printed as such; add \
             {}/calendar/{year}.toml from the State Council's notice",
            config.catalog.display()
        );
    }
    if !catalog.warnings.is_empty() {
        tracing::warn!(
            "the catalogue has {} warning(s) (`onewindow catalog check` lists them), e.g. {}",
            catalog.warnings.len(),
            catalog.warnings[0]
        );
    }
    if !config.dist.join("index.html").is_file() {
        tracing::warn!(
            "{} has no index.html: the browser app is not built (run `cargo xtask run`)",
            config.dist.display()
        );
    }
    let (writer, inbox) = group_commit::channel();
    let state = AppState {
        db,
        catalog: Arc::new(catalog),
        dist: config.dist.clone(),
        sessions: config.sessions,
        dummy_hash: Arc::new(auth::hash_password("no such user")?),
        writer,
        limits: config.limits,
        vault,
    };
    group_commit::start(state.clone(), inbox);
    // Rows written before encryption was on are sealed in the background.
    let (db, vault) = (state.db.clone(), state.vault.clone());
    tokio::spawn(async move {
        match reseal::reseal(&db, &vault, true).await {
            Ok(done) if done.iter().any(|(_, n)| *n > 0) => {
                tracing::info!(?done, "personal data stored in plain text is now encrypted")
            }
            Ok(_) => {}
            Err(e) => tracing::error!("personal data could not be encrypted: {e:#}"),
        }
    });
    facts::keep_open_cases_current(state.db.clone(), state.catalog.clone(), state.vault.clone());
    Ok(state)
}

/// Binds the address and serves until `shutdown` completes. Calls `on_ready` with the
/// bound address (useful when the port is 0) before accepting requests.
pub async fn serve(
    config: ServeConfig,
    on_ready: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    // Held until the server stops: a restore must not replace the file under it.
    let _serving = backup::serving_lock(&config.db)?;
    let state = prepare(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    on_ready(listener.local_addr()?);
    let listener = listener::CappedListener::new(listener, config.limits.connections);
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<listener::Peer>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .context("the server stopped with an error")
}
