//! The sessions feature's use cases: signing in (password, then the second factor),
//! signing out, and the list of the account's sessions.
use crate::auth::{create_session, Viewer};
use crate::error::{AppError, AppResult, SessionError};
use crate::features::twofactor::service as twofactor;
use crate::state::AppState;
use crate::usecase::gate::{self, Owner};
use crate::usecase::{hashing, Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::identity::email::Email;
use keydesk_domain::identity::stage::Stage;
use keydesk_store::models::{FactorStatus, Session, SessionKind};
use tracing::instrument;

/// A session just signed in to, and the stage it is at.
pub struct SignedIn {
    pub token: String,
    pub stage: Stage,
    /// Whose session: where it starts depends on it.
    pub role: keydesk_domain::identity::role::Role,
}

#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn login_password(
    state: &AppState,
    meta: &RequestMeta,
    email: &str,
    password: &str,
    kind: SessionKind,
) -> AppResult<SignedIn> {
    let email =
        Email::parse(email).map_err(|_| AppError::Session(SessionError::CredentialsInvalid))?;
    let now = state.now();
    let mut tx = UnitOfWork::begin(state, meta).await?;
    let account = tx.account_by_email(email.as_str()).await?;
    let attempt =
        gate::begin_login_attempt(&mut tx, account.as_ref().map(|a| a.id), email.as_str(), now)
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
    let mut tx = UnitOfWork::begin(state, meta).await?;
    let owner = account.as_ref().map(Owner::of);
    gate::settle(&mut tx, attempt, ok, owner, now).await?;
    let account = match (ok, account) {
        (true, Some(account)) => account,
        (_, account) => {
            if let Some(a) = &account {
                tx.audit(Audit::own(AuditKind::LoginPasswordFailed, a.id))
                    .await?;
            }
            tx.commit().await?;
            metrics::counter!("keydesk_logins_total", "stage" => "password", "outcome" => "failure").increment(1);
            return Err(AppError::Session(SessionError::CredentialsInvalid));
        }
    };
    let has_factor = tx.factor(account.id, FactorStatus::Active).await?.is_some();
    let token = create_session(state, &mut *tx, meta, account.id, kind, None).await?;
    tx.audit(
        Audit::own(AuditKind::LoginPassword, account.id)
            .detail(serde_json::json!({ "session": kind.as_str() })),
    )
    .await?;
    tx.commit().await?;
    metrics::counter!("keydesk_logins_total", "stage" => "password", "outcome" => "success")
        .increment(1);
    let stage = Stage::of(
        has_factor,
        false,
        keydesk_domain::access::second_factor_required(
            account.role,
            state.settings.security.mfa_mandatory,
        ),
    );
    Ok(SignedIn {
        token,
        stage,
        role: account.role,
    })
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
        role: viewer.role(),
    })
}

pub async fn logout(state: &AppState, meta: &RequestMeta, viewer: &Viewer) -> AppResult<()> {
    let mut tx = UnitOfWork::begin(state, meta).await?;
    tx.delete_session(viewer.session.id).await?;
    tx.audit(Audit::own(AuditKind::Logout, viewer.account.id))
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
    let mut tx = UnitOfWork::begin(state, meta).await?;
    let ended = tx
        .delete_sessions_of_account(viewer.account.id, None)
        .await?;
    tx.audit(
        Audit::own(AuditKind::LogoutEverywhere, viewer.account.id)
            .detail(serde_json::json!({ "sessions": ended })),
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
    let mut tx = UnitOfWork::begin(state, meta).await?;
    if !tx
        .delete_session_of_account(viewer.account.id, session_id)
        .await?
    {
        return Err(AppError::NotFound);
    }
    tx.audit(
        Audit::own(AuditKind::SessionEnded, viewer.account.id).detail(
            serde_json::json!({ "session": session_id, "current": session_id == viewer.session.id }),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn sessions(state: &AppState, viewer: &Viewer) -> AppResult<Vec<Session>> {
    let mut tx = state.store.read().await?;
    Ok(tx.sessions_of_account(viewer.account.id).await?)
}
