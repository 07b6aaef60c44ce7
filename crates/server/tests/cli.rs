//! The `onewindow` binary as an administrator uses it.

use std::process::Command;

fn onewindow(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_onewindow"))
        .args(args)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn help_lists_the_subcommands() {
    let (ok, text) = onewindow(&["--help"]);
    assert!(ok);
    assert!(text.contains("serve"), "{text}");
    assert!(text.contains("catalog"), "{text}");
    assert!(text.contains("validate"), "{text}");
    assert!(text.contains("calendar"), "{text}");
}

#[test]
fn catalog_check_passes_the_demo_catalogue_and_lists_problems_in_a_broken_one() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog");
    let (ok, text) = onewindow(&["catalog", "check", demo]);
    assert!(ok, "{text}");
    assert!(text.contains("no problems"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("items")).unwrap();
    std::fs::write(dir.path().join("items/x.toml"), "code = \"X\"\nname = \n").unwrap();
    let (ok, text) = onewindow(&["catalog", "check", dir.path().to_str().unwrap()]);
    assert!(!ok);
    assert!(text.contains("items/x.toml:2:"), "{text}");
}

#[test]
fn validate_prints_the_canonical_value_or_the_reason() {
    assert_eq!(
        onewindow(&["validate", "id", "１１０１０５ 19491231002x"]),
        (true, "11010519491231002X\n".into())
    );
    assert_eq!(
        onewindow(&["validate", "mobile", "+86 138-0013-8000"]),
        (true, "13800138000\n".into())
    );
    assert_eq!(
        onewindow(&["validate", "uscc", "91350100m000100y43"]),
        (true, "91350100M000100Y43\n".into())
    );
    let (ok, text) = onewindow(&["validate", "id", "11010519491231002"]);
    assert!(!ok);
    assert!(text.contains("身份证号码应为18位，当前为17位"), "{text}");
    let (ok, text) = onewindow(&["validate", "uscc", "91350100M000100Y44"]);
    assert!(!ok);
    assert!(text.contains("校验"), "{text}");
}

#[test]
fn the_calendar_commands_answer_from_the_catalogue_schedules() {
    let catalog = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog");
    let ask = |args: &[&str]| {
        let mut all = vec!["calendar", "--catalog", catalog];
        all.extend_from_slice(args);
        onewindow(&all)
    };
    assert_eq!(
        ask(&["is-workday", "2026-10-10"]),
        (true, "true\n".into()),
        "a make-up Saturday"
    );
    assert_eq!(
        ask(&["is-workday", "2026-10-05"]),
        (true, "false\n".into()),
        "National Day"
    );
    assert_eq!(
        ask(&["add", "2026-09-30", "1"]),
        (true, "2026-10-08\n".into())
    );
    assert_eq!(
        ask(&[
            "add",
            "2026-03-02",
            "20",
            "--suspend",
            "2026-03-09..2026-03-13"
        ]),
        (true, "2026-04-07\n".into())
    );
    assert_eq!(
        ask(&[
            "elapsed",
            "2026-03-02",
            "2026-03-30",
            "--suspend",
            "2026-03-09..2026-03-13"
        ]),
        (true, "15\n".into())
    );
    // The year after the last schedule answers provisionally and says so.
    let (ok, text) = ask(&["add", "2026-12-24", "10", "--explain"]);
    assert!(ok, "{text}");
    assert!(text.starts_with("2027-01-08\n"), "{text}");
    assert!(
        text.contains("skipped: 2027年元旦（暂定）, 1 weekday(s) off"),
        "{text}"
    );
    assert!(
        text.contains("provisional: the schedule for 2027 is not loaded"),
        "{text}"
    );
    let (ok, text) = ask(&["add", "2028-03-01", "5"]);
    assert!(!ok);
    assert!(text.contains("calendar for 2028 not loaded"), "{text}");
    let (ok, text) = ask(&["is-workday", "21/11/2026"]);
    assert!(!ok);
    assert!(text.contains("is not a date: write YYYY-MM-DD"), "{text}");
}

fn user_add(db: &str, name: &str, extra: &[&str], password: &str) -> (bool, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_onewindow"))
        .args(["user", "add", name, "--role", "clerk", "--db", db])
        .args(extra)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    let out = child.wait_with_output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn user_add_creates_a_clerk_with_a_hashed_password_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.sqlite3");
    let db = db.to_str().unwrap();
    let (ok, text) = user_add(db, "赵丽", &[], "short");
    assert!(!ok && text.contains("at least 10"), "{text}");
    let (ok, text) = user_add(db, "赵丽", &[], "password123");
    assert!(!ok && text.contains("too common"), "{text}");
    let (ok, text) = user_add(db, "zhaoli", &[], "zhaoli-passphrase");
    assert!(!ok && text.contains("user's name"), "{text}");
    let (ok, text) = user_add(db, "赵丽", &[], "a long passphrase");
    assert!(ok, "{text}");
    assert!(text.contains("user 赵丽 (clerk) created"), "{text}");
    let (ok, text) = user_add(db, "赵丽", &[], "a long passphrase");
    assert!(!ok && text.contains("already"), "{text}");
    let (ok, text) = user_add(db, "赵丽", &["--if-missing"], "ignored");
    assert!(ok && text.contains("exists already"), "{text}");
    // Only an argon2id hash is stored, never the password.
    let raw = std::fs::read(db).unwrap();
    let wal = std::fs::read(format!("{db}-wal")).unwrap_or_default();
    let all = [raw, wal].concat();
    assert!(!all.windows(17).any(|w| w == b"a long passphrase"));
    assert!(all.windows(9).any(|w| w == b"$argon2id"));
}
