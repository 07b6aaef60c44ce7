//! Installs what the build and the tests need, and skips what is already there.
//! Versions are checked, not assumed: Trunk must never download a tool itself.

use crate::sh::{self, output, run, Result};
use std::path::Path;

/// Trunk's version; 0.22 needs a newer rustc than the stable one here.
const TRUNK_VERSION: &str = "0.21.14";
/// binaryen's wasm-opt from npm (Debian's older wasm-opt produces a broken bundle).
const BINARYEN_VERSION: &str = "132.0.0";
const WASM_OPT_VERSION: &str = "132";
/// Debian packages of the browser tests; the fonts make Chinese screenshots readable;
/// poppler-utils reads the text of printed PDFs.
const APT_PACKAGES: &[&str] = &[
    "chromium",
    "chromium-driver",
    "fonts-noto-cjk",
    "brotli",
    "poppler-utils",
];

/// What `cargo xtask run` and `build` need.
pub fn for_build(root: &Path) -> Result {
    banner("checking the build tools");
    wasm_target()?;
    node()?;
    trunk()?;
    wasm_bindgen(root)?;
    wasm_opt(root)?;
    run(root, "cargo", &["fetch", "--quiet"])
}

/// What `cargo xtask test` needs on top of [`for_build`].
pub fn for_tests(root: &Path) -> Result {
    banner("checking the test tools");
    rust_components()?;
    apt(APT_PACKAGES)?;
    e2e_packages(root)
}

pub fn banner(what: &str) {
    eprintln!("\n==> {what}");
}

fn rust_components() -> Result {
    let installed = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    for c in ["rustfmt", "clippy"] {
        if !installed.lines().any(|l| l.starts_with(c)) {
            run(Path::new("."), "rustup", &["component", "add", c])?;
        }
    }
    Ok(())
}

fn wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l == "wasm32-unknown-unknown") {
        eprintln!("ok: rust target wasm32-unknown-unknown");
        return Ok(());
    }
    run(
        Path::new("."),
        "rustup",
        &["target", "add", "wasm32-unknown-unknown"],
    )
}

fn trunk() -> Result {
    let want = format!("trunk {TRUNK_VERSION}");
    if output("trunk", &["--version"]).as_deref() == Some(want.as_str()) {
        eprintln!("ok: {want}");
        return Ok(());
    }
    eprintln!("installing {want} (about 13 minutes on 2 cores; once per machine)");
    run(
        Path::new("."),
        "cargo",
        &[
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
            "--force",
        ],
    )?;
    expect_version("trunk", &["--version"], &want)
}

/// The CLI must equal the library version in Cargo.lock, or the bundle will not load.
fn wasm_bindgen(root: &Path) -> Result {
    let version = locked_version(root, "wasm-bindgen")?;
    let want = format!("wasm-bindgen {version}");
    if output("wasm-bindgen", &["--version"]).as_deref() == Some(want.as_str()) {
        eprintln!("ok: {want} (matches Cargo.lock)");
        return Ok(());
    }
    eprintln!("installing wasm-bindgen-cli {version} to match Cargo.lock");
    // Not --locked: the CLI's own lock file names a dependency newer than the index has.
    run(
        Path::new("."),
        "cargo",
        &[
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--force",
        ],
    )?;
    expect_version("wasm-bindgen", &["--version"], &want)
}

fn wasm_opt(root: &Path) -> Result {
    let ok = |v: &str| v.contains(&format!("version {WASM_OPT_VERSION}"));
    if let Some(v) = output("wasm-opt", &["--version"]).filter(|v| ok(v)) {
        eprintln!("ok: {v}");
        return Ok(());
    }
    let dir = sh::tools_dir(root);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let dir_s = dir.to_string_lossy().to_string();
    let pkg = format!("binaryen@{BINARYEN_VERSION}");
    run(
        root,
        "npm",
        &[
            "install",
            "--prefix",
            &dir_s,
            "--no-audit",
            "--no-fund",
            &pkg,
        ],
    )?;
    match output("wasm-opt", &["--version"]) {
        Some(v) if ok(&v) => Ok(()),
        other => Err(format!(
            "wasm-opt reports {other:?} but Trunk.toml pins version_{WASM_OPT_VERSION}; \
             remove other wasm-opt binaries from PATH or install npm {pkg}"
        )),
    }
}

fn node() -> Result {
    if output("npm", &["--version"]).is_some() && output("node", &["--version"]).is_some() {
        return Ok(());
    }
    apt(&["nodejs", "npm"])
}

/// Installs the Debian packages that are missing (all at once; apt-get retried once, as
/// a first attempt sometimes fails to read a downloaded archive).
pub fn apt(packages: &[&str]) -> Result {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            output("dpkg-query", &["-W", "-f=${Status}", p])
                .is_none_or(|s| !s.ends_with("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        eprintln!("ok: {}", packages.join(", "));
        return Ok(());
    }
    let sudo: &[&str] = if sh::is_root() { &[] } else { &["sudo"] };
    let apt_get = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.to_vec();
        all.extend_from_slice(&["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
        all.extend_from_slice(args);
        run(Path::new("."), all[0], &all[1..])
    };
    apt_get(&["update", "-q"])?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend(&missing);
    apt_get(&install).or_else(|_| apt_get(&install))
}

/// The end-to-end tests' npm packages, from the committed lock file.
fn e2e_packages(root: &Path) -> Result {
    let dir = root.join("tests").join("e2e");
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules").join(".package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(l), Ok(i)) => match (l.modified(), i.modified()) {
            (Ok(l), Ok(i)) => i >= l,
            _ => false,
        },
        _ => false,
    };
    if fresh {
        eprintln!("ok: end-to-end test packages");
        return Ok(());
    }
    run(&dir, "npm", &["ci", "--no-audit", "--no-fund"])
}

/// The version of `package` recorded in Cargo.lock.
pub fn locked_version(root: &Path, package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or_else(|| format!("Cargo.lock has no package {package}"))?
        + needle.len();
    let end = lock[start..].find('"').ok_or("Cargo.lock is malformed")?;
    Ok(lock[start..start + end].to_string())
}

fn expect_version(program: &str, args: &[&str], want: &str) -> Result {
    match output(program, args) {
        Some(v) if v == want => Ok(()),
        other => Err(format!(
            "after installing, `{program}` reports {other:?}, expected \"{want}\""
        )),
    }
}
