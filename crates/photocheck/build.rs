//! Copies the SeetaFace frontal detector model that the `rustface` crate ships in its
//! published package (model/seeta_fd_frontal_v1.0.bin, BSD-2-Clause) into OUT_DIR, so
//! that src/checks/faces.rs embeds it with include_bytes! and nothing is read at run time.
//! Cargo has no way to name a dependency's source directory, so the build looks where
//! cargo unpacks crates ($CARGO_HOME/registry/src/*/rustface-0.1.7) and in a vendor/
//! directory; PHOTOCHECK_SEETA_MODEL overrides both.

use std::path::{Path, PathBuf};

const MODEL: &str = "seeta_fd_frontal_v1.0.bin";
const RUSTFACE_DIR: &str = "rustface-0.1.7";

fn candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(p) = std::env::var_os("PHOTOCHECK_SEETA_MODEL") {
        out.push(PathBuf::from(p));
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    if let Some(home) = cargo_home {
        if let Ok(entries) = std::fs::read_dir(home.join("registry").join("src")) {
            for e in entries.flatten() {
                out.push(e.path().join(RUSTFACE_DIR).join("model").join(MODEL));
            }
        }
    }
    if let Some(manifest) = std::env::var_os("CARGO_MANIFEST_DIR") {
        let mut dir = PathBuf::from(manifest);
        for _ in 0..4 {
            out.push(
                dir.join("vendor")
                    .join("rustface")
                    .join("model")
                    .join(MODEL),
            );
            out.push(
                dir.join("vendor")
                    .join(RUSTFACE_DIR)
                    .join("model")
                    .join(MODEL),
            );
            if !dir.pop() {
                break;
            }
        }
    }
    out
}

fn main() {
    println!("cargo:rerun-if-env-changed=PHOTOCHECK_SEETA_MODEL");
    println!("cargo:rerun-if-changed=build.rs");
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        panic!("OUT_DIR is not set");
    };
    let dest = Path::new(&out_dir).join(MODEL);
    for c in candidates() {
        if c.is_file() {
            if let Err(e) = std::fs::copy(&c, &dest) {
                panic!("copying {}: {e}", c.display());
            }
            println!("cargo:rerun-if-changed={}", c.display());
            return;
        }
    }
    panic!(
        "keydesk-photocheck: the rustface crate's model ({RUSTFACE_DIR}/model/{MODEL}) was not found \
         in the cargo registry; set PHOTOCHECK_SEETA_MODEL to its path"
    );
}
