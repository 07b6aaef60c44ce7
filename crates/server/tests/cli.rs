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
    assert!(text.contains("check-catalog"), "{text}");
}

#[test]
fn check_catalog_passes_the_demo_catalogue_and_lists_problems_in_a_broken_one() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog");
    let (ok, text) = onewindow(&["check-catalog", demo]);
    assert!(ok, "{text}");
    assert!(text.contains("4 service items, no problems"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("items")).unwrap();
    std::fs::write(dir.path().join("items/x.toml"), "code = \"X\"\nname = \n").unwrap();
    let (ok, text) = onewindow(&["check-catalog", dir.path().to_str().unwrap()]);
    assert!(!ok);
    assert!(text.contains("items/x.toml:2:"), "{text}");
}
