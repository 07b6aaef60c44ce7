//! A PostgreSQL server of the tests' own: Debian's package, a fresh cluster in
//! `target/pg/` listening on 127.0.0.1 only, started for the storage and HTTP tests (and the
//! load benchmark) and stopped afterwards, whatever happened.

use crate::sh::{self, run, Result};
use std::path::{Path, PathBuf};

/// The first port tried for the tests' PostgreSQL: below the kernel's ephemeral range
/// (32768–60999), so an outgoing connection of another test cannot hold it; the next
/// free one is taken if it is busy.
const FIRST_PORT: u16 = 25432;

fn free_port() -> Result<u16> {
    (FIRST_PORT..FIRST_PORT + 100)
        .find(|p| std::net::TcpListener::bind(("127.0.0.1", *p)).is_ok())
        .ok_or_else(|| {
            format!(
                "no free port for PostgreSQL in {FIRST_PORT}–{}",
                FIRST_PORT + 99
            )
        })
}

/// A running cluster; stopped when dropped.
pub struct Postgres {
    bin: PathBuf,
    data: PathBuf,
    /// An administrator's URL (trust authentication, 127.0.0.1 only).
    pub url: String,
}

fn pg_bin() -> Result<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|e| format!("PostgreSQL is not installed (/usr/lib/postgresql: {e})"))?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").is_file())
        .collect();
    found.sort();
    found
        .pop()
        .ok_or_else(|| "no initdb under /usr/lib/postgresql/*/bin".into())
}

/// Runs a PostgreSQL program as the `postgres` user when we are root (it refuses root).
fn as_pg(dir: &Path, program: &Path, args: &[&str]) -> Result {
    let program = program.to_str().unwrap_or_default();
    if sh::is_root() {
        let all = [&["-u", "postgres", "--", program][..], args].concat();
        run(dir, "runuser", &all)
    } else {
        run(dir, program, args)
    }
}

/// Installs PostgreSQL if missing, creates a fresh cluster and starts it.
pub fn start(root: &Path) -> Result<Postgres> {
    crate::setup::apt(&["postgresql"])?;
    let bin = pg_bin()?;
    let base = root.join("target").join("pg");
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).map_err(|e| format!("cannot create {}: {e}", base.display()))?;
    if sh::is_root() {
        run(
            root,
            "chown",
            &["-R", "postgres", base.to_str().unwrap_or_default()],
        )?;
    }
    let data = base.join("data");
    let data_s = data.to_str().unwrap_or_default().to_string();
    as_pg(
        root,
        &bin.join("initdb"),
        &["-D", &data_s, "-A", "trust", "-U", "postgres", "-E", "UTF8"],
    )?;
    let port = free_port()?;
    let options = format!(
        "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on",
        base.display()
    );
    let log = base.join("log").display().to_string();
    let pg = Postgres {
        bin: bin.clone(),
        data,
        url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
    };
    as_pg(
        root,
        &bin.join("pg_ctl"),
        &["-D", &data_s, "-o", &options, "-l", &log, "-w", "start"],
    )?;
    Ok(pg)
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.data.to_str().unwrap_or_default().to_string();
        let _ = as_pg(
            Path::new("/"),
            &self.bin.join("pg_ctl"),
            &["-D", &data, "-m", "fast", "-w", "stop"],
        );
    }
}
