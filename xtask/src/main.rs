//! `cargo xtask`: the project's single entry point (the convention rust-analyzer uses).
//!
//! - `cargo xtask run [SERVE-ARGS…]`: install what is missing, build everything in
//!   release mode, start the server (SQLite file, demo catalogue, the built app).
//! - `cargo xtask test`: install what is missing and run the whole test suite.
//! - `cargo xtask build`: the release build and its size report, without starting.
//! - `cargo xtask bench`: the core's benchmarks (criterion) and the browser app's timings
//!   (draft saves, checklist, bundle size) and the server's load benchmark (cases stored
//!   per second, latency, peak memory), which print their figures.
//! - `cargo xtask load`: only the server's load benchmark.
//! - `cargo xtask bench-supervision`: the supervision figures' query times on a million
//!   generated cases over 1,500 generated items, and the peak memory.
//! - `cargo xtask setup`: only install the tools.
//! - `cargo xtask gen-catalog N DIR`: N generated items for benchmarks at a county's size.
//!
//! Plain Rust with no dependencies, so that it compiles in seconds on a fresh machine.

mod build;
mod gen_catalog;
mod load;
mod pg;
mod setup;
mod sh;
mod test;

use std::process::ExitCode;

/// The core's criterion benchmarks, then the browser app's timings (release build).
fn bench(root: &std::path::Path) -> sh::Result {
    sh::run(
        root,
        "cargo",
        &[
            "bench",
            "-p",
            "onewindow-core",
            "--benches",
            "--",
            "--noplot",
        ],
    )?;
    setup::for_build(root)?;
    setup::for_tests(root)?;
    build::release(root)?;
    sh::run(&root.join("tests").join("e2e"), "node", &["bench.mjs"])?;
    setup::banner("first load, demo catalogue and 1,500 generated items (4x CPU slowdown)");
    let county = root.join("target").join("gen-1500");
    gen_catalog::run(root, &["1500".into(), county.to_string_lossy().into()])?;
    sh::run(
        &root.join("tests").join("e2e"),
        "node",
        &["bench-load.mjs", &county.to_string_lossy()],
    )?;
    setup::banner("guidance desk consultation: answer click → list updated (4x CPU slowdown)");
    sh::run(
        &root.join("tests").join("e2e"),
        "node",
        &["bench-consult.mjs", &county.to_string_lossy()],
    )?;
    setup::banner("server load (wrk, 32 connections, 20 s)");
    load::run(root)?;
    bench_supervision(root)
}

/// The supervision figures on a million cases over 1,500 items: the cases are generated
/// once (about 8 minutes, 1.2 GB under target/) and kept for later runs.
fn bench_supervision(root: &std::path::Path) -> sh::Result {
    setup::banner("supervision figures, 1,000,000 cases over 1,500 items (SQLite)");
    sh::run(
        root,
        "cargo",
        &["build", "--release", "-p", "onewindow-server"],
    )?;
    let county = root.join("target").join("gen-1500");
    if !county.join("items").is_dir() {
        gen_catalog::run(root, &["1500".into(), county.to_string_lossy().into()])?;
    }
    let dir = root.join("target").join("bench-supervision");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let db = dir.join("cases.sqlite3");
    let bin = root
        .join("target/release/onewindow")
        .to_string_lossy()
        .to_string();
    let (db_s, county_s) = (
        db.to_string_lossy().to_string(),
        county.to_string_lossy().to_string(),
    );
    let bench = |root: &std::path::Path| {
        sh::run(
            root,
            &bin,
            &["bench-supervision", "--db", &db_s, "--catalog", &county_s],
        )
    };
    // A kept database from an older schema is made again.
    if db.is_file() && bench(root).is_ok() {
        return Ok(());
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db_s}{suffix}"));
    }
    sh::run(
        root,
        &bin,
        &[
            "gen-cases",
            "1000000",
            "--db",
            &db_s,
            "--catalog",
            &county_s,
        ],
    )?;
    bench(root)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = sh::workspace_root();
    sh::prepare_env(&root);
    let result = match args.first().map(String::as_str) {
        Some("run") => build::run_server(&root, &args[1..]),
        Some("test") => test::run_all(&root),
        Some("build") => setup::for_build(&root).and_then(|()| build::release(&root)),
        Some("bench") => bench(&root),
        Some("bench-supervision") => bench_supervision(&root),
        Some("load") => setup::for_build(&root)
            .and_then(|()| build::release(&root))
            .and_then(|()| load::run(&root)),
        Some("setup") => setup::for_build(&root).and_then(|()| setup::for_tests(&root)),
        Some("gen-catalog") => gen_catalog::run(&root, &args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask run [serve options] | test | build | bench | load | setup | gen-catalog N DIR"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}
