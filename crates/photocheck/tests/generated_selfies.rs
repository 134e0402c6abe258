//! Generates a small slice of the labelled test set (scripts/photocheck-gen-testset.py,
//! seed 7) and checks the outcomes a customer would notice: a mirrored selfie is blocked
//! with `mirrored_text`, a good selfie is not blocked, a blurred one is.
//!
//! Needs python3 with Pillow and numpy, the Debian fonts and the face photo that
//! scripts/photocheck-setup.sh installs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

mod support;

use keydesk_photocheck::{check_photo, Options, Reason};
use support::label::{read_labels, Label};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn labels(dir: &Path) -> Vec<Label> {
    read_labels(dir).unwrap()
}

#[test]
fn mirrored_selfie_is_blocked_and_good_selfie_is_not() {
    let out = std::env::temp_dir().join(format!("photocheck-it-{}", std::process::id()));
    let status = Command::new("python3")
        .arg(repo_root().join("scripts/photocheck-gen-testset.py"))
        .args(["--seed", "7", "--count", "30", "--only", "good,mirror,blur"])
        .arg("--out")
        .arg(&out)
        .status()
        .expect("python3 runs the generator (see scripts/photocheck-setup.sh)");
    assert!(
        status.success(),
        "the generator failed: run scripts/photocheck-setup.sh first"
    );

    let mut seen = (0, 0, 0);
    for label in labels(&out) {
        // A third of each variant is enough to keep this well under a minute unoptimised.
        let is_selfie = label.kind == "selfie";
        let wanted = match label.variant.as_str() {
            "mirror" => seen.0 < 3 && is_selfie,
            "good" => seen.1 < 3 && is_selfie,
            "blur" => seen.2 < 2,
            _ => false,
        };
        if !wanted {
            continue;
        }
        let expected = label.expected().unwrap();
        let bytes = std::fs::read(out.join(&label.file)).unwrap();
        let report = check_photo(&bytes, &expected, &Options::default()).unwrap();
        let reasons = report.blocking_reasons();
        match label.variant.as_str() {
            "mirror" => {
                seen.0 += 1;
                assert!(
                    report.blocking(),
                    "{}: mirrored selfie not blocked: {report:#?}",
                    label.file
                );
                assert!(
                    reasons.contains(&Reason::MirroredText),
                    "{}: {reasons:?}",
                    label.file
                );
                let json = serde_json::to_string(&report).unwrap();
                assert!(
                    json.contains("\"mirrored_text\""),
                    "reason code is serialised: {json}"
                );
            }
            "good" => {
                seen.1 += 1;
                assert!(
                    !report.blocking(),
                    "{}: good selfie blocked: {reasons:?}",
                    label.file
                );
            }
            _ => {
                seen.2 += 1;
                assert!(
                    reasons
                        .iter()
                        .any(|r| matches!(r, Reason::Blurry | Reason::DocumentBlurry)),
                    "{}: blurred photo not blocked: {reasons:?}",
                    label.file
                );
            }
        }
    }
    assert!(
        seen.0 >= 1 && seen.1 >= 1 && seen.2 >= 1,
        "the slice holds each case: {seen:?}"
    );
    let _ = std::fs::remove_dir_all(&out);
}
