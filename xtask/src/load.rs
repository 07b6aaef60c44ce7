//! The server's load benchmark: `POST /api/cases` with realistic pre-check bodies at 32
//! concurrent connections for 20 s (Debian's `wrk`, on 127.0.0.1), against the release
//! server on a fresh SQLite file (WAL, synchronous=FULL), then on a fresh PostgreSQL cluster.
//! Prints wrk's figures, the cases actually stored per second, and the server's peak
//! memory (VmHWM).

use crate::sh::Result;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// SQLite, then PostgreSQL (a cluster started for the run).
pub fn run(root: &Path) -> Result {
    crate::setup::apt(&["wrk"])?;
    let dir = std::env::temp_dir().join(format!("onewindow-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let sqlite = dir.join("load.sqlite3").display().to_string();
    one(root, &sqlite, "SQLite, WAL, synchronous=FULL")?;
    let _ = std::fs::remove_dir_all(&dir);
    let pg = crate::pg::start(root)?;
    one(root, &pg.url, "PostgreSQL, fsync=on, synchronous_commit=on")
}

fn one(root: &Path, db: &str, label: &str) -> Result {
    let bin = root.join("target/release/onewindow");
    let addr = "127.0.0.1:8797";
    // Personal data is encrypted as in service: a key of the run's own.
    let key = std::env::temp_dir().join(format!("onewindow-load-{}.key", std::process::id()));
    let _ = std::fs::remove_file(&key);
    let key_s = key.display().to_string();
    let made = Command::new(&bin)
        .args(["key", "generate", "--key-file", &key_s])
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    if !made.success() {
        return Err(format!("cannot make the key file {key_s}"));
    }
    let mut server = Command::new(&bin)
        .args(["serve", "--addr", addr, "--db", db, "--key-file", &key_s])
        .args(["--catalog", "catalog", "--dist", "dist"])
        // wrk posts from one address: the per-address limits would measure themselves.
        .args(["--limit-cases", "0"])
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    std::thread::sleep(Duration::from_secs(2));
    let wrk = Command::new("wrk")
        .args(["-t2", "-c32", "-d20s", "--latency", "-s"])
        .arg(root.join("xtask/bench/post.lua"))
        .arg(format!("http://{addr}/"))
        .env("BODY", root.join("xtask/bench/precheck.json"))
        .output();
    let peak = std::fs::read_to_string(format!("/proc/{}/status", server.id()))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let _ = server.kill();
    let _ = server.wait();
    let wrk = wrk.map_err(|e| format!("cannot run wrk: {e}"))?;
    let text = String::from_utf8_lossy(&wrk.stdout);
    println!("{text}");
    // Every 2xx answer is a case stored durably (the server answers after the commit).
    let number = |label: &str| -> f64 {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0.0)
    };
    let total = text
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0);
    let refused = number("Non-2xx or 3xx responses:");
    let stored = total - refused;
    println!(
        "load: {stored} cases stored in 20 s = {:.0} cases/s, {refused} refused ({label}, 32 connections); server peak RSS {peak}",
        stored / 20.0
    );
    Ok(())
}
