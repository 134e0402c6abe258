//! Time per 12-megapixel phone-size JPEG (4000x3000), full pipeline and without OCR.
//!
//!     OMP_THREAD_LIMIT=1 cargo bench -p keydesk-photocheck --bench pipeline
//!
//! The image is made by the test-set generator (a good ID selfie, seed 42) into
//! target-photocheck/bench/ unless PHOTOCHECK_BENCH_IMAGE names one. See BENCH.md for the
//! p50/p95 runner (examples/bench_report.rs) and memory measurements.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use keydesk_photocheck::{check_photo, Expected, Options};
use label::first_label_expected;

#[path = "../tests/support/label.rs"]
mod label;

pub fn bench_image() -> (Vec<u8>, Expected) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = match std::env::var_os("PHOTOCHECK_BENCH_IMAGE") {
        Some(p) => PathBuf::from(p),
        None => {
            let dir = root.join("target-photocheck/bench");
            let file = dir.join("0000-good-selfie.jpg");
            if !file.exists() {
                let ok = std::process::Command::new("python3")
                    .arg(root.join("scripts/photocheck-gen-testset.py"))
                    .args([
                        "--seed",
                        "42",
                        "--count",
                        "1",
                        "--only",
                        "good",
                        "--size",
                        "4000x3000",
                        "--out",
                    ])
                    .arg(&dir)
                    .status()
                    .map(|s| s.success())
                    .unwrap_or(false);
                assert!(
                    ok,
                    "could not generate the bench image: run scripts/photocheck-setup.sh"
                );
            }
            file
        }
    };
    let bytes = std::fs::read(&path).unwrap();
    let expected = first_label_expected(&path);
    (bytes, expected)
}

fn pipeline(c: &mut Criterion) {
    let (bytes, expected) = bench_image();
    let full = Options::default();
    let no_ocr = Options {
        ocr: false,
        ..Options::default()
    };
    let mut group = c.benchmark_group("photocheck_12mp");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(20));
    group.bench_function("without_ocr", |b| {
        b.iter(|| check_photo(&bytes, &expected, &no_ocr).unwrap())
    });
    group.bench_function("full_pipeline", |b| {
        b.iter(|| check_photo(&bytes, &expected, &full).unwrap())
    });
    group.bench_function("decode_only_clean_jpeg", |b| {
        b.iter(|| keydesk_photocheck::clean_jpeg(&bytes, &full.limits).unwrap())
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
