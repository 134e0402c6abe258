//! Identity-document photos made by the project's own generator
//! (`scripts/photocheck-gen-testset.py --documents`): passports with valid and wrong
//! check digits, an expired one, another person's, a license front and back, an
//! address side. Made once per checkout into `target-photocheck/kyc-documents`.
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn directory() -> PathBuf {
    let dir = root().join("target-photocheck/kyc-documents");
    if dir.join("documents.json").exists() {
        return dir;
    }
    // Tests run as parallel processes: each makes its own copy, the first rename wins.
    let scratch = root().join(format!(
        "target-photocheck/kyc-documents.{}",
        std::process::id()
    ));
    let status = std::process::Command::new("python3")
        .arg(root().join("scripts/photocheck-gen-testset.py"))
        .args(["--documents", "--out"])
        .arg(&scratch)
        .status()
        .expect("python3 runs the document generator (scripts/setup installs what it needs)");
    assert!(
        status.success(),
        "the document generator failed: run scripts/photocheck-setup.sh"
    );
    if std::fs::rename(&scratch, &dir).is_err() {
        let _ = std::fs::remove_dir_all(&scratch);
    }
    dir
}

/// A generated document photo by its file name (`passport-valid.jpg`, …).
pub fn document(name: &str) -> Vec<u8> {
    std::fs::read(directory().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}
