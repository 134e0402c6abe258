//! The two CPU costs of a password + TOTP login, without HTTP or the database:
//! a TOTP check over the ±1-step window, and one Argon2id hash and verification at the
//! OWASP parameters the server uses by default (19 MiB, t=2, p=1).
//!
//!     cargo bench -p keydesk-domain --bench totp_and_hash
//!
//! Results and context: BENCHMARKS.md, "Logins, TOTP and memory (issue 2)".

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use keydesk_domain::identity::password::PasswordHasher;
use keydesk_domain::twofactor::totp::{self, TotpCode, TotpSecret};
use std::time::Duration;

const NOW: i64 = 1_800_000_015;

fn totp_verify(c: &mut Criterion) {
    let secret = TotpSecret::from_bytes(b"12345678901234567890".to_vec()).unwrap();
    let step = totp::step_at(NOW);
    let current = TotpCode::parse(&secret.code_at_step(step)).unwrap();
    let wrong = TotpCode::parse(if current.as_str() == "000000" {
        "111111"
    } else {
        "000000"
    })
    .unwrap();
    let mut g = c.benchmark_group("totp");
    g.bench_function("verify_current_code", |b| {
        b.iter(|| {
            totp::verify(
                black_box(&secret),
                black_box(&current),
                black_box(NOW),
                black_box(None),
            )
            .unwrap()
        })
    });
    g.bench_function("verify_wrong_code", |b| {
        b.iter(|| {
            totp::verify(
                black_box(&secret),
                black_box(&wrong),
                black_box(NOW),
                black_box(None),
            )
            .unwrap_err()
        })
    });
    g.finish();
}

fn argon2id(c: &mut Criterion) {
    let hasher = PasswordHasher::owasp();
    let stored = hasher.hash("correct horse battery staple").unwrap();
    let mut g = c.benchmark_group("argon2id_owasp_19MiB_t2_p1");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("hash", |b| {
        b.iter(|| {
            hasher
                .hash(black_box("correct horse battery staple"))
                .unwrap()
        })
    });
    g.bench_function("verify", |b| {
        b.iter(|| {
            assert!(hasher.verify(
                black_box(&stored),
                black_box("correct horse battery staple")
            ))
        })
    });
    g.finish();
}

criterion_group!(benches, totp_verify, argon2id);
criterion_main!(benches);
