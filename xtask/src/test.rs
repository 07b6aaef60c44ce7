//! `cargo xtask test`: every check, in order, each timed, with one summary line at the end.

use crate::setup::{self, banner};
use crate::sh::{run, run_env, Result};
use std::path::Path;
use std::time::Instant;

type Step = (&'static str, fn(&Path) -> Result);

const STEPS: &[Step] = &[
    ("install tools", |r| {
        setup::for_build(r).and_then(|()| setup::for_tests(r))
    }),
    ("cargo fmt --check", |r| {
        run(r, "cargo", &["fmt", "--all", "--", "--check"])
    }),
    ("clippy (native)", |r| {
        run(
            r,
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )
    }),
    ("clippy (wasm32)", |r| {
        // The app with its browser tests, and the core's library as the app links it (the
        // core's own tests and benchmarks run natively).
        let wasm = ["--target", "wasm32-unknown-unknown"];
        let deny = ["--", "-D", "warnings"];
        let app = [
            &["clippy", "-p", "onewindow", "--all-targets"][..],
            &wasm,
            &deny,
        ]
        .concat();
        let core = [
            &["clippy", "-p", "onewindow-core", "--lib"][..],
            &wasm,
            &deny,
        ]
        .concat();
        run(r, "cargo", &app).and_then(|()| run(r, "cargo", &core))
    }),
    ("unit and server tests (native)", |r| {
        run(r, "cargo", &["test", "--workspace"])
    }),
    ("storage and HTTP tests on PostgreSQL", |r| {
        // The same server tests, each on a database of its own in a PostgreSQL cluster
        // started here (and stopped when this step ends).
        let pg = crate::pg::start(r)?;
        run_env(
            r,
            "cargo",
            &["test", "-p", "onewindow-server"],
            &[("ONEWINDOW_TEST_POSTGRES", pg.url.as_str())],
        )
    }),
    (
        "browser tests (wasm-bindgen-test, headless Chromium)",
        |r| {
            run(
                r,
                "cargo",
                &[
                    "test",
                    "-p",
                    "onewindow",
                    "--target",
                    "wasm32-unknown-unknown",
                ],
            )
        },
    ),
    ("release build and size report", crate::build::release),
    ("catalogue check", |r| {
        // The release binary just built: `cargo run` here would build the server's
        // dependencies a third time (without the tests' features), gigabytes on a fresh disk.
        let bin = r.join("target").join("release").join("onewindow");
        run(r, &bin.to_string_lossy(), &["catalog", "check", "catalog"])
    }),
    ("end-to-end tests (Playwright, Chromium)", |r| {
        let dir = r.join("tests").join("e2e");
        let bin = r.join("target").join("release").join("onewindow");
        let bin = bin.to_string_lossy();
        let dist = r.join("dist");
        let dist = dist.to_string_lossy();
        run_env(
            &dir,
            "npx",
            &["playwright", "test"],
            &[("ONEWINDOW_BIN", &bin), ("ONEWINDOW_DIST", &dist)],
        )
    }),
];

pub fn run_all(root: &Path) -> Result {
    let started = Instant::now();
    let mut done: Vec<(&str, f64)> = Vec::new();
    for (name, step) in STEPS {
        banner(name);
        let t = Instant::now();
        let result = step(root);
        let secs = t.elapsed().as_secs_f64();
        if let Err(e) = result {
            summary(&done);
            eprintln!("xtask test: FAILED at step \"{name}\" after {secs:.0} s: {e}");
            return Err(format!("step \"{name}\" failed"));
        }
        done.push((name, secs));
    }
    summary(&done);
    eprintln!(
        "xtask test: all {} steps passed in {:.0} s",
        STEPS.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn summary(done: &[(&str, f64)]) {
    eprintln!("\n==> summary");
    for (name, secs) in done {
        eprintln!("  ok  {secs:>7.1} s  {name}");
    }
}
