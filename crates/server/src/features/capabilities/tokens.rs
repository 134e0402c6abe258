//! Service tokens: how the exchange's other services call keydesk (the capabilities
//! API). An admin creates one with a name and scopes, in the console or the CLI; the
//! token is shown once and stored as its SHA-256 digest; it can be revoked at once. A
//! wrong token counts against the caller's address like every credential check.
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::usecase::{gate, Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::identity::token;
use keydesk_domain::throttle::ThrottlePolicy;
use keydesk_store::models::ServiceToken;

use keydesk_domain::identity::token::SERVICE_PREFIX as PREFIX;

/// The scopes a token may carry.
pub const SCOPES: [&str; 2] = ["capabilities:read", "mail:ingest"];

pub struct Created {
    pub id: i64,
    /// Shown once.
    pub token: String,
}

fn digest_of(token: &str) -> Option<String> {
    let secret = token.strip_prefix(PREFIX)?;
    token::looks_valid(secret).then(|| token::digest(secret))
}

/// Creates a token; `admin` is the admin's account (none: the operator's CLI).
pub async fn create(
    state: &AppState,
    meta: &RequestMeta,
    admin: Option<i64>,
    name: &str,
    scopes: &[&str],
) -> AppResult<Created> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::BadRequest(
            "a token needs a name of 1 to 100 characters".into(),
        ));
    }
    if scopes.is_empty() || scopes.iter().any(|s| !SCOPES.contains(s)) {
        return Err(AppError::BadRequest(format!(
            "scopes are some of: {}",
            SCOPES.join(", ")
        )));
    }
    let secret = token::generate();
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let id = uow
        .insert_service_token(name, scopes, &token::digest(&secret), admin, state.now())
        .await?;
    let detail = serde_json::json!({ "token": id, "name": name, "scopes": scopes });
    if let Some(admin) = admin {
        uow.audit(Audit::operator(AuditKind::ServiceTokenCreated, admin).detail(detail))
            .await?;
    }
    uow.commit().await?;
    Ok(Created {
        id,
        token: format!("{PREFIX}{secret}"),
    })
}

pub async fn revoke(
    state: &AppState,
    meta: &RequestMeta,
    admin: Option<i64>,
    id: i64,
) -> AppResult<()> {
    let mut uow = UnitOfWork::begin(state, meta).await?;
    if !uow.revoke_service_token(id, admin, state.now()).await? {
        return Err(AppError::NotFound);
    }
    if let Some(admin) = admin {
        let detail = serde_json::json!({ "token": id });
        uow.audit(Audit::operator(AuditKind::ServiceTokenRevoked, admin).detail(detail))
            .await?;
    }
    uow.commit().await?;
    Ok(())
}

pub async fn list(state: &AppState) -> AppResult<Vec<ServiceToken>> {
    Ok(state.store.read().await?.service_tokens().await?)
}

/// The live token a caller sent, if it carries `scope`; a wrong, revoked or unscoped
/// one is "unauthenticated" (or "forbidden" for a live token without the scope), and
/// counts against the caller's address.
pub async fn authenticate(
    state: &AppState,
    meta: &RequestMeta,
    sent: Option<&str>,
    scope: &str,
) -> AppResult<ServiceToken> {
    let now = state.now();
    let found = match sent.and_then(digest_of) {
        Some(digest) => state
            .store
            .read()
            .await?
            .service_token_by_hash(&digest)
            .await?
            .filter(|t| t.revoked_at.is_none()),
        None => None,
    };
    let Some(found) = found else {
        let key = format!("service-token:{}", meta.ip);
        gate::count_request(state, meta, &key, &ThrottlePolicy::ADDRESS, now).await?;
        return Err(AppError::Unauthenticated);
    };
    if !found.scopes.iter().any(|s| s == scope) {
        return Err(AppError::Forbidden);
    }
    if found.last_used_at.is_none_or(|at| at < now - 60) {
        let mut tx = state.store.begin().await?;
        tx.touch_service_token(found.id, now).await?;
        tx.commit().await?;
    }
    Ok(found)
}
