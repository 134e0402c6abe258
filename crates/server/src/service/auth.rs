//! Signing in and out: password, then the second factor; server-side sessions.
use super::gate::{self, Credential, Owner};
use super::{audit, hashing, twofactor, RequestMeta};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use keydesk_domain::audit::AuditKind;
use keydesk_domain::email::Email;
use keydesk_domain::language::Language;
use keydesk_domain::role::Role;
use keydesk_domain::token::{self, SessionToken};
use keydesk_store::models::{Account, FactorStatus, NewSession, Session, SessionKind, SessionView};
use keydesk_store::WriteTx;
use tracing::instrument;

/// What a signed-in session may do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Password accepted; the second factor is still to come.
    SecondFactor,
    /// Signed in, but the policy demands a second factor before anything else.
    Enroll,
    Complete,
}

/// A resolved session with its account.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub session: Session,
    pub account: Account,
    pub stage: Stage,
    pub has_factor: bool,
}

impl Viewer {
    pub fn lang(&self) -> Language {
        self.account.language
    }

    pub fn role(&self) -> Role {
        self.account.role
    }

    pub fn owner(&self) -> Owner<'_> {
        Owner {
            account_id: self.account.id,
            email: &self.account.email,
            lang: self.lang(),
        }
    }
}

pub struct SignedIn {
    pub token: String,
    pub stage: Stage,
}

pub fn stage_of(state: &AppState, session: &Session, has_factor: bool) -> Stage {
    if has_factor && session.mfa_verified_at.is_none() {
        Stage::SecondFactor
    } else if !has_factor && state.settings.security.mfa_mandatory {
        Stage::Enroll
    } else {
        Stage::Complete
    }
}

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
        let id = token::session_id();
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
    let kind = old.kind;
    let rotated = tx
        .rotate_session_token(
            old.id,
            &NewSession {
                token_hash: &token::digest(&secret),
                account_id: old.account_id,
                kind,
                now,
                expires_at: now + state.settings.security.session_idle_minutes * 60,
                mfa_verified_at,
                ip: Some(&meta.ip),
                user_agent: Some(&meta.user_agent),
            },
        )
        .await?;
    if !rotated {
        // Ended meanwhile (signed out elsewhere): nothing to carry the privileges.
        return Err(AppError::Unauthenticated);
    }
    Ok(SessionToken::format(old.id, &secret))
}

#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn login_password(
    state: &AppState,
    meta: &RequestMeta,
    email: &str,
    password: &str,
    kind: SessionKind,
) -> AppResult<SignedIn> {
    let email = Email::parse(email).map_err(|_| AppError::CredentialsInvalid)?;
    let now = state.now();
    let mut tx = state.store.begin().await?;
    let account = tx.account_by_email(email.as_str()).await?;
    let attempt = gate::begin_attempt(
        tx.as_mut(),
        meta,
        account.as_ref().map(|a| a.id),
        Credential::Password,
        now,
    )
    .await;
    tx.commit().await?;
    let attempt = attempt.inspect_err(|_| metrics::counter!("keydesk_logins_total", "stage" => "password", "outcome" => "throttled").increment(1))?;

    let candidate = password.to_owned();
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let ok = hashing(state, move |h| match stored {
        Some(stored) => h.verify(&stored, &candidate),
        None => {
            h.verify_dummy(&candidate);
            false
        }
    })
    .await?;

    let now = state.now();
    let mut tx = state.store.begin().await?;
    let owner = account.as_ref().map(|a| Owner {
        account_id: a.id,
        email: &a.email,
        lang: a.language,
    });
    gate::settle(state, tx.as_mut(), meta, attempt, ok, owner, now).await?;
    let account = match (ok, account) {
        (true, Some(account)) => account,
        (_, account) => {
            if let Some(a) = &account {
                audit(
                    tx.as_mut(),
                    meta,
                    Some(a.id),
                    AuditKind::LoginPasswordFailed,
                    serde_json::json!({}),
                    now,
                )
                .await?;
            }
            tx.commit().await?;
            metrics::counter!("keydesk_logins_total", "stage" => "password", "outcome" => "failure").increment(1);
            return Err(AppError::CredentialsInvalid);
        }
    };
    let has_factor = tx.factor(account.id, FactorStatus::Active).await?.is_some();
    let token = create_session(state, tx.as_mut(), meta, account.id, kind, None).await?;
    audit(
        tx.as_mut(),
        meta,
        Some(account.id),
        AuditKind::LoginPassword,
        serde_json::json!({ "session": kind.as_str() }),
        now,
    )
    .await?;
    tx.commit().await?;
    metrics::counter!("keydesk_logins_total", "stage" => "password", "outcome" => "success")
        .increment(1);
    let stage = if has_factor {
        Stage::SecondFactor
    } else if state.settings.security.mfa_mandatory {
        Stage::Enroll
    } else {
        Stage::Complete
    };
    Ok(SignedIn { token, stage })
}

/// The second step of a login: a current code or a recovery code.
#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn login_second_factor(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    input: &str,
) -> AppResult<SignedIn> {
    if viewer.stage != Stage::SecondFactor {
        return Err(AppError::BadRequest(
            "this session does not wait for a second factor".into(),
        ));
    }
    let proof = twofactor::Proof::parse(input)?;
    // The session rotation and the login's audit event commit with the proof itself.
    let result = twofactor::prove_and_sign_in(state, meta, viewer, &proof).await;
    let outcome = if result.is_ok() { "success" } else { "failure" };
    metrics::counter!("keydesk_logins_total", "stage" => "second_factor", "outcome" => outcome)
        .increment(1);
    let token = result?;
    Ok(SignedIn {
        token,
        stage: Stage::Complete,
    })
}

/// Finds the live session for a bearer token; sliding idle expiry, absolute maximum.
pub async fn resolve(state: &AppState, token: &str) -> AppResult<Option<Viewer>> {
    let Some(token) = SessionToken::parse(token) else {
        return Ok(None);
    };
    let now = state.now();
    let security = &state.settings.security;
    // One statement, no transaction: the session, its account, and whether that has
    // an active factor.
    let Some(SessionView {
        session,
        account,
        has_factor,
    }) = state.store.session_view(token.id).await?
    else {
        return Ok(None);
    };
    if !token.matches(&session.token_hash) {
        return Ok(None);
    }
    if session.expires_at <= now || session.created_at + security.session_max_hours * 3600 <= now {
        return Ok(None);
    }
    // Writing on every request would serialise reads behind SQLite's writer: touch at
    // most once a minute.
    if now - session.last_seen_at >= 60 {
        let mut tx = state.store.begin().await?;
        tx.touch_session(session.id, now, now + security.session_idle_minutes * 60)
            .await?;
        tx.commit().await?;
    }
    let stage = stage_of(state, &session, has_factor);
    Ok(Some(Viewer {
        session,
        account,
        stage,
        has_factor,
    }))
}

pub async fn logout(state: &AppState, meta: &RequestMeta, viewer: &Viewer) -> AppResult<()> {
    let mut tx = state.store.begin().await?;
    tx.delete_session(viewer.session.id).await?;
    audit(
        tx.as_mut(),
        meta,
        Some(viewer.account.id),
        AuditKind::Logout,
        serde_json::json!({}),
        state.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of the account, this one included.
pub async fn logout_everywhere(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
) -> AppResult<u64> {
    let mut tx = state.store.begin().await?;
    let ended = tx
        .delete_sessions_of_account(viewer.account.id, None)
        .await?;
    audit(
        tx.as_mut(),
        meta,
        Some(viewer.account.id),
        AuditKind::LogoutEverywhere,
        serde_json::json!({ "sessions": ended }),
        state.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(ended)
}

/// Ends one of the viewer's own sessions (a device they no longer trust); another
/// account's session, or one already gone, is "not found". Ending the current session
/// is a log out.
pub async fn end_session(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    session_id: i64,
) -> AppResult<()> {
    let mut tx = state.store.begin().await?;
    if !tx
        .delete_session_of_account(viewer.account.id, session_id)
        .await?
    {
        return Err(AppError::NotFound);
    }
    audit(
        tx.as_mut(),
        meta,
        Some(viewer.account.id),
        AuditKind::SessionEnded,
        serde_json::json!({ "session": session_id, "current": session_id == viewer.session.id }),
        state.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn sessions(state: &AppState, viewer: &Viewer) -> AppResult<Vec<Session>> {
    let mut tx = state.store.read().await?;
    Ok(tx.sessions_of_account(viewer.account.id).await?)
}
