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
    setup::banner("server load (wrk, 32 connections, 20 s)");
    load::run(root)
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
