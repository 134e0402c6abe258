//! Seeds a data directory for `scripts/bench-http`: N verified customer accounts, each
//! with an active TOTP factor, and M sessions waiting for their second factor.
//!
//! ```text
//! cargo run --release -p keydesk --example bench_seed -- \
//!     --data-dir /tmp/kd-bench --accounts 65000 --sessions 60000 --out /tmp/kd-bench/seed.jsonl
//! ```
//!
//! With `--database-url postgres://…` the accounts and sessions go to that database.
//!
//! Every account has the same password (hashed once, at the server's Argon2id
//! parameters) and a TOTP secret derived from its number (the first 20 bytes of
//! SHA-256 of `bench-{i}`), so the load generator can compute its codes. Sessions go to
//! accounts 0..M, so accounts M..N are free for full logins. The output has one JSON
//! object per account: `{"email", "password", "secret_b32", "token"}` (`token` is the
//! pending session's bearer token, or null).
//!
//! Benchmark data only: the password and the secrets are public.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use clap::Parser;
use keydesk::clock::SystemClock;
use keydesk::config::Settings;
use keydesk::startup::build_state;
use keydesk_domain::identity::token;
use keydesk_domain::twofactor::totp::TotpSecret;
use keydesk_store::models::{FactorStatus, NewAccount, NewSession, SessionKind};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

pub const PASSWORD: &str = "bench-keydesk-Passw0rd-2026";
/// Rows per transaction.
const BATCH: usize = 5_000;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    data_dir: PathBuf,
    #[arg(long, default_value_t = 1_000)]
    accounts: usize,
    #[arg(long, default_value_t = 0)]
    sessions: usize,
    #[arg(long)]
    out: PathBuf,
    /// Timestamps the pending sessions this many seconds ahead of the seeding time, so
    /// that the first request on each, minutes later in the benchmark, looks like it
    /// follows its password step closely (no once-a-minute "last seen" write, which a
    /// real second-factor request right after the password would not pay either).
    #[arg(long, default_value_t = 120)]
    session_clock_ahead: i64,
    /// A PostgreSQL database to seed instead of the data directory's SQLite file.
    #[arg(long)]
    database_url: Option<String>,
}

pub fn secret_for(i: usize) -> TotpSecret {
    let digest = Sha256::digest(format!("bench-{i}").as_bytes());
    TotpSecret::from_bytes(digest[..20].to_vec()).unwrap()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(
        args.sessions <= args.accounts,
        "--sessions ({}) cannot exceed --accounts ({})",
        args.sessions,
        args.accounts
    );
    let settings = Settings {
        data_dir: args.data_dir.clone(),
        database_url: args.database_url.clone(),
        ..Settings::default()
    };
    let state = build_state(settings, Arc::new(SystemClock)).await?;

    let started = Instant::now();
    let hash = state
        .hasher
        .hash(PASSWORD)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    eprintln!("bench_seed: hashed the password in {:?}", started.elapsed());

    let started = Instant::now();
    let now = state.now();
    let mut ids = Vec::with_capacity(args.accounts);
    for chunk in (0..args.accounts).collect::<Vec<_>>().chunks(BATCH) {
        let mut tx = state.store.begin().await?;
        for &i in chunk {
            let email = format!("bench{i}@example.com");
            let id = tx
                .insert_account(&NewAccount {
                    email: &email,
                    password_hash: &hash,
                    language: keydesk_domain::identity::language::Language::En,
                    role: keydesk_domain::identity::role::Role::Customer,
                    email_verified_at: Some(now),
                    now,
                })
                .await?;
            let sealed = state
                .secrets
                .seal(secret_for(i).as_bytes(), &format!("totp:{id}"));
            tx.insert_factor(id, &sealed, FactorStatus::Active, now)
                .await?;
            ids.push(id);
        }
        tx.commit().await?;
    }
    eprintln!(
        "bench_seed: {} accounts with an active TOTP factor in {:?}",
        args.accounts,
        started.elapsed()
    );

    let started = Instant::now();
    let session_now = state.now() + args.session_clock_ahead;
    let mut tokens: Vec<Option<String>> = vec![None; args.accounts];
    for chunk in (0..args.sessions).collect::<Vec<_>>().chunks(BATCH) {
        let mut tx = state.store.begin().await?;
        for &i in chunk {
            let secret = token::generate();
            // As if one session was made every millisecond: the order real logins give.
            let id = token::session_id(session_now * 1000 + i as i64, rand::random());
            let inserted = tx
                .insert_session(
                    id,
                    &NewSession {
                        token_hash: &token::digest(&secret),
                        account_id: ids[i],
                        kind: SessionKind::Api,
                        now: session_now,
                        // Far ahead: the idle expiry must not end a session during the run.
                        expires_at: session_now + 24 * 3600,
                        mfa_verified_at: None,
                        ip: Some("127.0.0.1"),
                        user_agent: Some("bench_seed"),
                    },
                )
                .await?;
            anyhow::ensure!(inserted, "session id {id} drawn twice");
            tokens[i] = Some(token::SessionToken::format(id, &secret));
        }
        tx.commit().await?;
    }
    eprintln!(
        "bench_seed: {} sessions waiting for the second factor in {:?}",
        args.sessions,
        started.elapsed()
    );

    let mut out = std::io::BufWriter::new(std::fs::File::create(&args.out)?);
    for (i, t) in tokens.into_iter().enumerate() {
        let line = serde_json::json!({
            "email": format!("bench{i}@example.com"),
            "password": PASSWORD,
            "secret_b32": secret_for(i).to_base32(),
            "token": t,
        });
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    eprintln!("bench_seed: wrote {}", args.out.display());
    Ok(())
}
