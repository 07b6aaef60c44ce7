//! The release build, its size report, and starting the server.

use crate::setup::{self, banner};
use crate::sh::{run, Result};
use std::path::Path;
use std::process::Command;

/// `cargo xtask run`: build everything in release mode and serve it.
pub fn run_server(root: &Path, serve_args: &[String]) -> Result {
    setup::for_build(root)?;
    release(root)?;
    let bin = root.join("target").join("release").join("onewindow");
    demo_clerk(root, &bin, serve_args)?;
    demo_key(root, &bin, serve_args)?;
    banner("starting the server");
    let mut args = vec!["serve".to_string()];
    args.extend(serve_args.iter().cloned());
    eprintln!("$ {} {}", bin.display(), args.join(" "));
    let status = Command::new(&bin)
        .args(&args)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the server exited with {status}"))
    }
}

/// One demo account per post, so each part of the hall can be tried at once (created
/// once; a real deployment adds its own with `onewindow user add`): name, post,
/// department (for a department's posts), what they do.
const DEMO_ACCOUNTS: &[(&str, &str, &str, &str)] = &[
    ("王敏", "clerk", "", "综合窗口：收件、受理、出件"),
    (
        "赵中台",
        "support",
        "市场监督管理局",
        "部门中台：材料流转、即办件",
    ),
    (
        "张审批",
        "reviewer",
        "市场监督管理局",
        "后台审批：审查、作出决定",
    ),
    ("孙局长", "lead", "市场监督管理局", "首席事务代表：批准延期"),
    (
        "李主任",
        "supervisor",
        "",
        "中心管理人员：审计日志、会话、解锁",
    ),
];
const DEMO_PASSWORD: &str = "onewindow-demo";
const DEMO_SITE: &str = "县政务服务中心";

/// The key that encrypts personal data: made on first start when neither `--key-file`
/// nor ONEWINDOW_KEY names one, and said where (a real deployment keeps it apart from the
/// database and its backups).
fn demo_key(root: &Path, bin: &Path, serve_args: &[String]) -> Result {
    if serve_args.iter().any(|a| a == "--key-file")
        || std::env::var("ONEWINDOW_KEY").is_ok_and(|k| !k.trim().is_empty())
    {
        return Ok(());
    }
    let key = root.join("data").join("onewindow.key");
    if key.exists() {
        return Ok(());
    }
    let status = Command::new(bin)
        .args(["key", "generate", "--key-file", "data/onewindow.key"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    if !status.success() {
        return Err("cannot make the demo key file data/onewindow.key".into());
    }
    eprintln!(
        "a demo key that encrypts personal data was created at {} (keep it with the database: without it the cases cannot be read)",
        key.display()
    );
    Ok(())
}

fn demo_clerk(root: &Path, bin: &Path, serve_args: &[String]) -> Result {
    use std::io::Write;
    let db = serve_args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| serve_args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| "data/onewindow.sqlite3".into());
    for (name, role, department, _) in DEMO_ACCOUNTS {
        let mut args = vec![
            "user",
            "add",
            name,
            "--role",
            role,
            "--site",
            DEMO_SITE,
            "--if-missing",
            "--db",
            &db,
        ];
        if !department.is_empty() {
            args.extend(["--department", department]);
        }
        let mut child = Command::new(bin)
            .args(&args)
            .current_dir(root)
            .stdin(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        if let Some(mut stdin) = child.stdin.take() {
            let _ = writeln!(stdin, "{DEMO_PASSWORD}");
        }
        let status = child.wait().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!(
                "creating the demo account {name} failed ({status})"
            ));
        }
    }
    eprintln!("The desk is at /desk. Demo accounts (password {DEMO_PASSWORD}), at {DEMO_SITE}:");
    for (name, _, department, what) in DEMO_ACCOUNTS {
        let dept = if department.is_empty() {
            String::new()
        } else {
            format!("（{department}）")
        };
        eprintln!("  {name}{dept} — {what}");
    }
    Ok(())
}

/// Builds the browser app (Trunk, release profile) and the server (release), and prints
/// the bundle's sizes.
pub fn release(root: &Path) -> Result {
    banner("building the browser app (release)");
    run(
        root,
        "trunk",
        &["build", "--release", "--skip-version-check"],
    )?;
    precompress(&root.join("dist"))?;
    banner("building the server (release)");
    run(
        root,
        "cargo",
        &["build", "--release", "-p", "onewindow-server"],
    )?;
    size_report(root)
}

/// Writes `X.br` (brotli at its highest level) and `X.gz` (gzip -9) next to every text or
/// wasm file of the built app, so the server sends them as they are and compresses
/// nothing large per request.
pub fn precompress(dist: &Path) -> Result {
    banner("precompressing the built app (brotli -q 11, gzip -9)");
    let files: Vec<_> = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot read {}: {e}", dist.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| {
                [
                    "wasm",
                    "js",
                    "css",
                    "html",
                    "json",
                    "svg",
                    "webmanifest",
                    "txt",
                ]
                .iter()
                .any(|e| x == *e)
            })
        })
        .collect();
    for path in &files {
        let file = path.to_string_lossy().to_string();
        let br = format!("{file}.br");
        run(dist, "brotli", &["-f", "-q", "11", "-o", &br, &file])?;
        run(dist, "gzip", &["-f", "-k", "-n", "-9", &file])?;
    }
    Ok(())
}

/// Prints the raw and compressed size of every .wasm and .js file in `dist/`.
pub fn size_report(root: &Path) -> Result {
    let dist = root.join("dist");
    let mut files: Vec<_> = std::fs::read_dir(&dist)
        .map_err(|e| format!("cannot read {}: {e}", dist.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wasm" || x == "js"))
        .collect();
    files.sort();
    let compressor = if crate::sh::output("brotli", &["--version"]).is_some() {
        "brotli"
    } else {
        "gzip"
    };
    banner(&format!(
        "bundle size (raw, and {compressor} at its highest level)"
    ));
    let (mut raw_total, mut packed_total) = (0u64, 0u64);
    for path in &files {
        let raw = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let packed = compressed_len(compressor, path)?;
        raw_total += raw;
        packed_total += packed;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        eprintln!(
            "size: {name:<48} {:>9} B raw {:>9} B {compressor}",
            raw, packed
        );
    }
    eprintln!(
        "size: {:<48} {:>9} B raw {:>9} B {compressor}",
        "total", raw_total, packed_total
    );
    Ok(())
}

fn compressed_len(compressor: &str, path: &Path) -> Result<u64> {
    let file = path.to_string_lossy();
    let args: Vec<&str> = match compressor {
        "brotli" => vec!["-c", "-q", "11", &file],
        _ => vec!["-c", "-9", &file],
    };
    let out = Command::new(compressor)
        .args(&args)
        .output()
        .map_err(|e| format!("cannot run {compressor}: {e}"))?;
    Ok(out.stdout.len() as u64)
}
