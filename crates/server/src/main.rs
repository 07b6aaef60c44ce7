//! `onewindow`: the server and the administration commands.

use clap::{Parser, Subcommand};
use onewindow_server::auth::{AccountRole, SessionSettings};
use onewindow_server::calendar_cmd::{self, CalendarCommand};
use onewindow_server::limits::RateLimits;
use onewindow_server::vault::KeySource;
use onewindow_server::{catalog_dir, db, serve, ServeConfig};
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

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from standard input (one line).
    Add {
        /// The account name.
        name: String,
        /// What the account may do.
        #[arg(long, value_enum)]
        role: AccountRole,
        /// A department it works for, as the catalogue names it (repeat for several;
        /// required for support, reviewer and lead).
        #[arg(long = "department")]
        departments: Vec<String>,
        /// Its site, e.g. 县政务服务中心.
        #[arg(long, default_value = "")]
        site: String,
        /// Do nothing (and succeed) if the account exists already.
        #[arg(long)]
        if_missing: bool,
    },
    /// A/B posts: this account covers another's cases while they are away.
    Cover {
        /// Who covers (B).
        substitute: String,
        /// Who is away (A).
        #[arg(long = "for")]
        absent: String,
    },
    /// The account is back: nobody covers it any more.
    Uncover {
        /// Who is back (A).
        absent: String,
    },
    /// Turn on a supervisor's second factor (a new secret for an authenticator app,
    /// printed once), or off with --off.
    Totp {
        /// The supervisor's account name.
        name: String,
        /// Turn it off instead.
        #[arg(long)]
        off: bool,
        /// The key file that seals the secret (as for `serve`).
        #[arg(long, default_value = "data/onewindow.key")]
        key_file: PathBuf,
    },
}

#[derive(Subcommand)]
enum KeyCommand {
    /// Write a new key file (never over an existing one), readable by its owner only.
    Generate {
        #[arg(long, default_value = "data/onewindow.key")]
        key_file: PathBuf,
    },
    /// Put a new key first in the key file and re-encrypt every stored value with it, in
    /// batches, while the server may run (it learns the new key when it meets it); the
    /// old keys stay in the file to read backups made with them.
    Rotate {
        #[arg(long, default_value = "data/onewindow.key")]
        key_file: PathBuf,
        /// SQLite database file, or a PostgreSQL URL.
        #[arg(long, default_value = "data/onewindow.sqlite3")]
        db: String,
    },
}

/// The keys: ONEWINDOW_KEY when set, else the key file.
fn key_source(file: &std::path::Path) -> KeySource {
    match std::env::var(onewindow_server::vault::KEY_ENV) {
        Ok(text) if !text.trim().is_empty() => KeySource::Text(text),
        _ => KeySource::File(file.to_path_buf()),
    }
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
        /// SQLite database file (created with its tables on first start), or a PostgreSQL
        /// URL such as postgres://user:password@127.0.0.1/onewindow.
        #[arg(long, default_value = "data/onewindow.sqlite3")]
        db: String,
        /// Catalogue directory.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// The built browser app.
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
        /// Minutes without a request after which a clerk's session ends.
        #[arg(long, default_value_t = 15)]
        session_idle_minutes: i64,
        /// Hours after login after which a clerk's session ends.
        #[arg(long, default_value_t = 10)]
        session_max_hours: i64,
        /// Mark the session cookie Secure (set this when TLS is in front of the server).
        #[arg(long)]
        secure_cookies: bool,
        /// Cases one client address may post per minute (0: no limit).
        #[arg(long, default_value_t = RateLimits::default().cases)]
        limit_cases: u32,
        /// Case lookups one client address may make per minute (0: no limit).
        #[arg(long, default_value_t = RateLimits::default().lookups)]
        limit_lookups: u32,
        /// Hand-overs one client address may post per minute (0: no limit).
        #[arg(long, default_value_t = RateLimits::default().handovers)]
        limit_handovers: u32,
        /// Login attempts one client address may make per minute (0: no limit).
        #[arg(long, default_value_t = RateLimits::default().logins)]
        limit_logins: u32,
        /// The key file that encrypts personal data (`onewindow key generate` makes one);
        /// the environment variable ONEWINDOW_KEY, holding such a file's text, takes
        /// precedence.
        #[arg(long, default_value = "data/onewindow.key")]
        key_file: PathBuf,
        /// Failed logins from one address within 15 minutes that lock it for 15 minutes
        /// (0: never — set 0 behind a reverse proxy).
        #[arg(long, default_value_t = RateLimits::default().login_address_lock)]
        lock_address_after: u32,
        /// Connections open at once; more wait in the operating system's queue.
        #[arg(long, default_value_t = RateLimits::default().connections)]
        max_connections: usize,
        /// Seconds a request may take (its body included) before it is answered 503.
        #[arg(long, default_value_t = RateLimits::default().request_timeout_secs)]
        request_timeout_secs: u64,
        /// Run the case clock this many days ahead (or behind, negative) of the machine's:
        /// for deadline drills and tests only, never in service.
        #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
        clock_offset_days: i64,
    },
    /// Clerk accounts.
    User {
        /// SQLite database file, or a PostgreSQL URL.
        #[arg(long, default_value = "data/onewindow.sqlite3", global = true)]
        db: String,
        #[command(subcommand)]
        command: UserCommand,
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
    /// Write N generated cases over the two years before today into a database (for the
    /// supervision benchmark; never on a database in service).
    GenCases {
        /// How many.
        cases: u64,
        /// SQLite database file, or a PostgreSQL URL.
        #[arg(long)]
        db: String,
        /// Catalogue directory whose items the cases are for.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// The generator's seed (the same seed writes the same cases).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Time each supervision figure's query on a database (median of five runs for a
    /// month, a quarter, a year and two years) and print the peak memory.
    BenchSupervision {
        /// SQLite database file, or a PostgreSQL URL.
        #[arg(long)]
        db: String,
        /// Catalogue directory.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
    },
    /// The keys that encrypt personal data at rest.
    Key {
        #[command(subcommand)]
        command: KeyCommand,
    },
    /// Copy the SQLite database to a new FILE while it may be serving (checked after).
    Backup {
        /// The new file to write.
        file: PathBuf,
        /// SQLite database file.
        #[arg(long, default_value = "data/onewindow.sqlite3")]
        db: String,
    },
    /// Put a backup FILE in place of the SQLite database (the server must be stopped; the
    /// replaced database is kept beside it).
    Restore {
        /// The backup to restore.
        file: PathBuf,
        /// SQLite database file.
        #[arg(long, default_value = "data/onewindow.sqlite3")]
        db: String,
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

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
            session_idle_minutes,
            session_max_hours,
            secure_cookies,
            limit_cases,
            limit_lookups,
            limit_handovers,
            limit_logins,
            max_connections,
            request_timeout_secs,
            key_file,
            lock_address_after,
            clock_offset_days,
        } => run_server({
            if clock_offset_days != 0 {
                tracing::warn!(days = clock_offset_days, "the case clock is moved");
                onewindow_server::clock::set_offset_days(clock_offset_days);
            }
            ServeConfig {
                limits: RateLimits {
                    cases: limit_cases,
                    lookups: limit_lookups,
                    handovers: limit_handovers,
                    logins: limit_logins,
                    connections: max_connections,
                    request_timeout_secs,
                    login_address_lock: lock_address_after,
                },
                keys: key_source(&key_file),
                addr,
                db,
                catalog,
                dist,
                sessions: SessionSettings {
                    idle_secs: session_idle_minutes * 60,
                    absolute_secs: session_max_hours * 3600,
                    secure_cookie: secure_cookies,
                },
            }
        }),
        Command::User {
            db,
            command:
                UserCommand::Add {
                    name,
                    role,
                    departments,
                    site,
                    if_missing,
                },
        } => add_user(
            &db,
            &name,
            role,
            &onewindow_server::auth::Post { departments, site },
            if_missing,
        ),
        Command::User {
            db,
            command: UserCommand::Cover { substitute, absent },
        } => on_db(&db, |pool| async move {
            onewindow_server::substitutes::cover(&pool, &substitute, &absent).await?;
            println!("{substitute} now covers {absent}'s cases");
            Ok(())
        }),
        Command::User {
            db,
            command: UserCommand::Uncover { absent },
        } => on_db(&db, |pool| async move {
            onewindow_server::substitutes::uncover(&pool, &absent).await?;
            println!("nobody covers {absent} any more");
            Ok(())
        }),
        Command::User {
            db,
            command: UserCommand::Totp { name, off, key_file },
        } => on_db(&db, |pool| async move {
            let vault = onewindow_server::vault::Vault::load(key_source(&key_file))?;
            match onewindow_server::auth::set_totp(&pool, &vault, &name, !off).await? {
                None => println!("{name}: second factor off"),
                Some(secret) => {
                    println!("{name}: second factor on. Add it to an authenticator app:");
                    println!("  {}", onewindow_server::totp::url(&secret, &name));
                    println!(
                        "  or type the secret {}",
                        onewindow_server::totp::base32(&secret)
                    );
                    println!("From now on {name} logs in with the password and the app's 6-digit code.");
                }
            }
            Ok(())
        }),
        Command::Catalog {
            command: CatalogCommand::Check { dir },
        } => check_catalog(&dir),
        Command::Validate { kind, value } => validate(kind, &value),
        Command::Calendar { catalog, command } => calendar_cmd::run(&catalog, command),
        Command::Key {
            command: KeyCommand::Generate { key_file },
        } => onewindow_server::vault::generate(&key_file).map(|id| {
            println!(
                "wrote the key file {} (data key {id}); keep it apart from the database and its backups",
                key_file.display()
            )
        }),
        Command::Key {
            command: KeyCommand::Rotate { key_file, db },
        } => rotate(&key_file, &db),
        Command::Backup { file, db } => tokio::runtime::Runtime::new()
            .map_err(anyhow::Error::from)
            .and_then(|rt| rt.block_on(onewindow_server::backup::backup(&db, &file)))
            .map(|s| {
                println!(
                    "backed up {db} to {}: {} cases, {} complaints, {} accounts; checked whole",
                    file.display(),
                    s.cases,
                    s.complaints,
                    s.users
                )
            }),
        Command::Restore { file, db } => tokio::runtime::Runtime::new()
            .map_err(anyhow::Error::from)
            .and_then(|rt| rt.block_on(onewindow_server::backup::restore(&db, &file)))
            .map(|(s, kept)| {
                println!(
                    "restored {} into {db}: {} cases, {} complaints, {} accounts",
                    file.display(),
                    s.cases,
                    s.complaints,
                    s.users
                );
                if let Some(kept) = kept {
                    println!("the database it replaced is kept as {}", kept.display());
                }
            }),
        Command::BenchSupervision { db, catalog } => tokio::runtime::Runtime::new()
            .map_err(anyhow::Error::from)
            .and_then(|rt| {
                rt.block_on(onewindow_server::bench_cmd::run(&ServeConfig {
                    addr: "127.0.0.1:0".parse()?,
                    db,
                    catalog,
                    dist: PathBuf::from("dist"),
                    sessions: SessionSettings::default(),
                    limits: RateLimits::none(),
                    // Generated cases hold no personal data: a key of the moment will do.
                    keys: KeySource::Text(onewindow_server::vault::new_key_text()?),
                }))
            }),
        Command::GenCases {
            cases,
            db,
            catalog,
            seed,
        } => tokio::runtime::Runtime::new()
            .map_err(anyhow::Error::from)
            .and_then(|rt| {
                rt.block_on(async {
                    let catalog = onewindow_server::catalog_dir::load_dir(&catalog)?;
                    let pool = db::open(&db).await?;
                    let today = onewindow_server::clock::today();
                    onewindow_server::gen_cases::run(&pool, &catalog, cases, today, seed).await
                })
            }),
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
    for w in &c.warnings {
        println!("warning: {w}");
    }
    let examples: usize = c.catalog.items.iter().map(|i| i.examples.len()).sum();
    println!(
        "{}: {} service items from {} departments, {} bundles, holiday schedules for {} ({} counted provisionally until its schedule is added), {} notice templates, {examples} example cases agree with the rules, no problems, {} warning(s)",
        dir.display(),
        c.catalog.items.len(),
        departments.len(),
        c.catalog.bundles.len(),
        years.join(", "),
        c.calendar.provisional_from().format("%Y"),
        c.catalog.notices.as_ref().map_or(0, |n| n.templates.len()),
        c.warnings.len()
    );
    Ok(())
}

/// Runs `f` on the database at `path`.
/// `onewindow key rotate`: a new first key, then every stored value re-encrypted with it.
fn rotate(key_file: &std::path::Path, db: &str) -> anyhow::Result<()> {
    if std::env::var(onewindow_server::vault::KEY_ENV).is_ok_and(|k| !k.trim().is_empty()) {
        anyhow::bail!(
            "ONEWINDOW_KEY is set: a server reading its keys from it would not learn a new key. \
             Rotate with a key file (--key-file) and start the server with it, or unset ONEWINDOW_KEY"
        );
    }
    let id = onewindow_server::vault::add_key(key_file)?;
    println!("added data key {id} to {}", key_file.display());
    let vault = onewindow_server::vault::Vault::load(KeySource::File(key_file.to_path_buf()))?;
    on_db(db, |pool| async move {
        // Twice: a server that had not yet met the new key may have sealed a few rows
        // with the old one in the meantime.
        for pass in 1..=2 {
            let done = onewindow_server::reseal::reseal(&pool, &vault, false).await?;
            let text: Vec<String> = done.iter().map(|(t, n)| format!("{t} {n}")).collect();
            println!("pass {pass}: re-encrypted rows: {}", text.join(", "));
        }
        Ok(())
    })
}

fn on_db<F, Fut>(path: &str, f: F) -> anyhow::Result<()>
where
    F: FnOnce(db::Db) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let pool = db::open(path).await?;
        f(pool).await
    })
}

fn add_user(
    path: &str,
    name: &str,
    role: AccountRole,
    post: &onewindow_server::auth::Post,
    if_missing: bool,
) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let pool = db::open(path).await?;
        if if_missing && onewindow_server::auth::user_exists(&pool, name).await? {
            println!("user {name} exists already; nothing changed");
            return Ok(());
        }
        let mut password = String::new();
        std::io::stdin().read_line(&mut password)?;
        let password = password.trim_end_matches(['\r', '\n']);
        onewindow_server::auth::add_user_at(&pool, name, role, post, password).await?;
        println!("user {name} ({}) created", role.as_str());
        Ok(())
    })
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
