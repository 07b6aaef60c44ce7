//! `onewindow`: the server and the administration commands.

use clap::{Parser, Subcommand};
use onewindow_server::calendar_cmd::{self, CalendarCommand};
use onewindow_server::{catalog_dir, serve, ServeConfig};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// OneWindow (一窗通): the comprehensive government-service window.
#[derive(Parser)]
#[command(name = "onewindow", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// Check a catalogue directory; list every problem with file, line and column.
    Check {
        /// Catalogue directory.
        #[arg(default_value = "catalog")]
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ValidateKind {
    /// 18-character resident ID number (居民身份证号码).
    Id,
    /// 18-character unified social credit code (统一社会信用代码).
    Uscc,
    /// Mainland mobile number.
    Mobile,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the browser app, the catalogue and the API.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// SQLite database file; created with its tables on first start.
        #[arg(long, default_value = "data/onewindow.sqlite3")]
        db: PathBuf,
        /// Catalogue directory.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// The built browser app.
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
    },
    /// The catalogue: check it.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// Check an ID number, credit code or mobile number; print its canonical form (exit 0)
    /// or the reason it is wrong (exit 1).
    Validate {
        /// What VALUE is.
        kind: ValidateKind,
        /// The value as typed (full-width digits, spaces and lower-case x are fine).
        value: String,
    },
    /// Working days: is a date one, add some to a date, count those elapsed.
    Calendar {
        /// Catalogue directory whose calendar/ holds the holiday schedules.
        #[arg(long, default_value = "catalog", global = true)]
        catalog: PathBuf,
        #[command(subcommand)]
        command: CalendarCommand,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = match cli.command {
        Command::Serve {
            addr,
            db,
            catalog,
            dist,
        } => run_server(ServeConfig {
            addr,
            db,
            catalog,
            dist,
        }),
        Command::Catalog {
            command: CatalogCommand::Check { dir },
        } => check_catalog(&dir),
        Command::Validate { kind, value } => validate(kind, &value),
        Command::Calendar { catalog, command } => calendar_cmd::run(&catalog, command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn validate(kind: ValidateKind, value: &str) -> anyhow::Result<()> {
    use onewindow_core::validate;
    let canonical = match kind {
        ValidateKind::Id => {
            validate::resident_id(value, chrono::Local::now().date_naive()).map(|id| id.number)
        }
        ValidateKind::Uscc => validate::credit_code(value).map(|c| c.code),
        ValidateKind::Mobile => validate::mobile(value),
    };
    match canonical {
        Ok(v) => {
            println!("{v}");
            Ok(())
        }
        Err(e) => Err(anyhow::anyhow!("{}", e.message())),
    }
}

fn check_catalog(dir: &std::path::Path) -> anyhow::Result<()> {
    let c = catalog_dir::load_dir(dir)?;
    let years: Vec<String> = c
        .catalog
        .calendar
        .iter()
        .map(|s| s.year.to_string())
        .collect();
    let departments: std::collections::BTreeSet<&str> = c
        .catalog
        .items
        .iter()
        .map(|i| i.department.as_str())
        .collect();
    println!(
        "{}: {} service items from {} departments, {} bundles, holiday schedules for {}, {} notice templates, no problems",
        dir.display(),
        c.catalog.items.len(),
        departments.len(),
        c.catalog.bundles.len(),
        years.join(", "),
        c.catalog.notices.as_ref().map_or(0, |n| n.templates.len())
    );
    Ok(())
}

fn run_server(config: ServeConfig) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(serve(
        config,
        |addr| println!("OneWindow is serving http://{addr}/  (Ctrl-C stops it)"),
        shutdown_signal(),
    ))
}

/// Ctrl-C or SIGTERM: finish the requests under way, then stop.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("stopping");
}
