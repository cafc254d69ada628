//! completions/ and man/ are generated from the clap definitions by
//! `lkms generate --dir .`; this test fails when the committed files are
//! stale. `LKMS_BLESS=1 cargo test --test generated` rewrites them.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

fn generate_into(dir: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_lkms"))
        .args(["generate", "--dir"])
        .arg(dir)
        .env("LKMS_KEYRING", dir.join("unused.toml"))
        .status()
        .unwrap();
    assert!(status.success());
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("LKMS_BLESS").is_some() {
        for sub in ["completions", "man"] {
            let _ = std::fs::remove_dir_all(root.join(sub));
        }
        generate_into(root);
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    generate_into(tmp.path());
    for sub in ["completions", "man"] {
        let (fresh, committed) = (tmp.path().join(sub), root.join(sub));
        assert_eq!(
            files(&fresh),
            files(&committed),
            "{sub}/ is stale: run `LKMS_BLESS=1 cargo test --test generated`"
        );
        for name in files(&fresh) {
            let a = std::fs::read(fresh.join(&name)).unwrap();
            let b = std::fs::read(committed.join(&name)).unwrap();
            assert!(
                a == b,
                "{sub}/{name} is stale: run `LKMS_BLESS=1 cargo test --test generated`"
            );
        }
    }
}

#[test]
fn bash_completion_loads() {
    if std::env::var_os("LKMS_BLESS").is_some() {
        return; // the files are being rewritten by the test above
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("bash")
        .arg("-c")
        .arg("source completions/lkms.bash && complete -p lkms")
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("lkms"));
}

#[test]
fn man_page_renders() {
    if std::env::var_os("LKMS_BLESS").is_some() {
        return; // the files are being rewritten by the test above
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("man")
        .args(["-l", "man/lkms.1"])
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for section in ["SYNOPSIS", "create-key", "Exit status", "LKMS_PASSPHRASE"] {
        assert!(text.contains(section), "man page lacks {section}:\n{text}");
    }
}
