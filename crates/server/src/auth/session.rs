//! A session's lifecycle: created on login with a random id and secret (only the
//! secret's digest is stored), rotated in place on every privilege change.
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::usecase::RequestMeta;
use keydesk_domain::identity::token::{self, SessionToken};
use keydesk_store::models::{NewSession, Session, SessionKind};
use keydesk_store::WriteTx;
use rand::Rng;

/// Creates a session and returns its bearer token (only its secret's digest is stored).
pub async fn create_session(
    state: &AppState,
    tx: &mut dyn WriteTx,
    meta: &RequestMeta,
    account_id: i64,
    kind: SessionKind,
    mfa_verified_at: Option<i64>,
) -> AppResult<String> {
    let now = state.now();
    let secret = token::generate();
    let idle = state.settings.security.session_idle_minutes * 60;
    let new = NewSession {
        token_hash: &token::digest(&secret),
        account_id,
        kind,
        now,
        expires_at: now + idle,
        mfa_verified_at,
        ip: Some(&meta.ip),
        user_agent: Some(&meta.user_agent),
    };
    // Two sessions made in the same millisecond draw the same id once in 262 144
    // times; a few tries make a failure practically impossible.
    for _ in 0..4 {
        let id = token::session_id(state.clock.now_millis(), rand::rngs::OsRng.gen());
        if tx.insert_session(id, &new).await? {
            return Ok(SessionToken::format(id, &secret));
        }
    }
    Err(AppError::Internal(anyhow::anyhow!(
        "four random session ids in a row were taken"
    )))
}

/// Session rotation on every privilege change (OWASP ASVS 3.2.1): the old token dies,
/// a new one carries the new privileges. One statement: the row gets a new secret.
pub async fn rotate_session(
    state: &AppState,
    tx: &mut dyn WriteTx,
    meta: &RequestMeta,
    old: &Session,
    mfa_verified_at: Option<i64>,
) -> AppResult<String> {
    let now = state.now();
    let secret = token::generate();
    let token_hash = token::digest(&secret);
    let new = rotated(state, meta, old, mfa_verified_at, &token_hash, now);
    if !tx.rotate_session_token(old.id, &new).await? {
        // Ended meanwhile (signed out elsewhere): nothing to carry the privileges.
        return Err(AppError::Unauthenticated);
    }
    Ok(SessionToken::format(old.id, &secret))
}

/// The row `old` gets when it is rotated to the token whose secret's digest is
/// `token_hash`.
pub fn rotated<'a>(
    state: &AppState,
    meta: &'a RequestMeta,
    old: &Session,
    mfa_verified_at: Option<i64>,
    token_hash: &'a str,
    now: i64,
) -> NewSession<'a> {
    NewSession {
        token_hash,
        account_id: old.account_id,
        kind: old.kind,
        now,
        expires_at: now + state.settings.security.session_idle_minutes * 60,
        mfa_verified_at,
        ip: Some(&meta.ip),
        user_agent: Some(&meta.user_agent),
    }
}
