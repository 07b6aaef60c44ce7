//! Running commands: PATH set-up, echoing, failing with a clear message.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The result of every step: `Err` carries what to tell the user.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

/// Where tools installed from npm live (wasm-opt).
pub fn tools_dir(root: &Path) -> PathBuf {
    root.join("target").join("tools")
}

/// Puts cargo's bin directory and the npm tools first on PATH for every child process,
/// and tells Trunk not to call the crate registry's web API on every run.
pub fn prepare_env(root: &Path) {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from("/root/.cargo"));
    let mut paths = vec![
        cargo_home.join("bin"),
        tools_dir(root).join("node_modules").join(".bin"),
    ];
    if let Some(old) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&old));
    }
    if let Ok(joined) = std::env::join_paths(paths) {
        std::env::set_var("PATH", joined);
    }
    std::env::set_var("TRUNK_SKIP_VERSION_CHECK", "true");
    std::env::set_var("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
}

/// Echoes and runs `program args…` in `dir`, inheriting the terminal.
pub fn run(dir: &Path, program: &str, args: &[&str]) -> Result {
    run_env(dir, program, args, &[])
}

/// As [`run`], with extra environment variables.
pub fn run_env(dir: &Path, program: &str, args: &[&str], env: &[(&str, &str)]) -> Result {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .envs(env.iter().copied())
        .status()
        .map_err(|e| format!("cannot start `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// The trimmed standard output of a command, or `None` if it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Whether the current user is root (apt-get needs it, or sudo).
pub fn is_root() -> bool {
    output("id", &["-u"]).as_deref() == Some("0")
}
