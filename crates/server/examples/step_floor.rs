//! The TOTP step without its storage, for `scripts/bench-http`: how fast the second
//! factor could answer if the session lookup, the throttle buckets, the replay guard,
//! the session rotation and the audit row cost nothing at all.
//!
//! ```text
//! cargo run --release -p keydesk --example step_floor -- --data-dir /tmp/kd-floor --listen 127.0.0.1:8099
//! ```
//!
//! It serves `GET /healthz` and `POST /floor` behind the same outer layers as
//! `keydesk serve` (request metrics, security headers, body limit). `/floor` does the
//! step's own work on a fixed, public benchmark secret: the bearer token parsed and its
//! secret's digest compared, the JSON body decoded, the sealed TOTP secret opened
//! (AES-256-GCM), the code checked (±1 step), a new session token and its digest made,
//! the audit details built, and the JSON answer. The benchmark compares it with hello
//! world in the same process: whatever the real step costs beyond this floor is
//! storage.
//!
//! Benchmark tool only: the secret is public and nothing is stored.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use clap::Parser;
use keydesk::clock::SystemClock;
use keydesk::config::Settings;
use keydesk::startup::build_state;
use keydesk::state::AppState;
use keydesk::{telemetry, web};
use keydesk_domain::identity::token::{self, SessionToken};
use keydesk_domain::twofactor::totp::{self, TotpCode, TotpSecret};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// The benchmark's secret: base32 `AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYU` (bytes 1..=20).
pub const SECRET: [u8; 20] = [
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
];
const ACCOUNT: i64 = 1;

/// As in the keydesk binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    data_dir: PathBuf,
    #[arg(long, default_value = "127.0.0.1:8099")]
    listen: String,
}

#[derive(Deserialize)]
struct CodeBody {
    code: String,
}

/// What a stored session's digest would be: compared like the real one, never equal.
fn stored_digest() -> &'static str {
    static DIGEST: OnceLock<String> = OnceLock::new();
    DIGEST.get_or_init(|| token::digest("not the bearer's secret"))
}

fn sealed_secret(state: &AppState) -> &'static [u8] {
    static SEALED: OnceLock<Vec<u8>> = OnceLock::new();
    SEALED.get_or_init(|| state.secrets.seal(&SECRET, &format!("totp:{ACCOUNT}")))
}

async fn floor(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Json<CodeBody>,
) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(SessionToken::parse);
    let Some(bearer) = bearer else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    // The real step goes on only when this matches; the floor goes on regardless.
    let _ = std::hint::black_box(bearer.matches(stored_digest()));
    let secret = state
        .secrets
        .open(sealed_secret(&state), &format!("totp:{ACCOUNT}"))
        .expect("sealed by this process");
    let secret = TotpSecret::from_bytes(secret.to_vec()).expect("20 bytes");
    let step =
        TotpCode::parse(&body.code).and_then(|c| totp::verify(&secret, &c, state.now(), None));
    if step.is_err() {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    }
    let new_secret = token::generate();
    let details = serde_json::json!({ "with": "totp" }).to_string();
    std::hint::black_box((token::digest(&new_secret), details));
    Json(serde_json::json!({
        "token": SessionToken::format(bearer.id, &new_secret),
        "stage": "complete",
    }))
    .into_response()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let settings = Settings {
        data_dir: args.data_dir,
        ..Settings::default()
    };
    let state = build_state(settings, Arc::new(SystemClock)).await?;
    telemetry::metrics_handle();
    // The outer layers of keydesk::startup::app, in the same order.
    let app = Router::new()
        .route("/floor", post(floor))
        .route("/healthz", get(|| async { "ok" }))
        .layer(middleware::from_fn(telemetry::track_requests))
        .layer(middleware::from_fn(web::security_headers))
        .layer(DefaultBodyLimit::max(256 * 1024))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind(&args.listen).await?;
    eprintln!("step_floor: listening on http://{}", listener.local_addr()?);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await?;
    Ok(())
}
