//! The Basic facts: checked as the customer gives them, sealed at rest (name, date of
//! birth, address and phone are what an impostor would need), and fixed once the
//! account is verified — a change then goes through support.
use crate::auth::Viewer;
use crate::error::{AppError, AppResult, VerificationError};
use crate::state::AppState;
use crate::usecase::{Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::capability::tier::Tier;
use keydesk_domain::verification::facts::{self, BasicFacts, FactsInput};

pub(super) fn context(account_id: i64) -> String {
    format!("verification-facts:{account_id}")
}

/// The customer's date today (`YYYY-MM-DD`), in their time zone.
pub fn today(state: &AppState, viewer: &Viewer) -> String {
    let now = state.now();
    let zone = crate::features::photos::service::viewer_zone(viewer);
    keydesk_domain::photo::memo::today(now, crate::util::offset_at(now, zone))
        .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
        .unwrap_or_default()
}

/// The account's facts, opened.
pub async fn load(state: &AppState, account_id: i64) -> AppResult<Option<BasicFacts>> {
    let Some(stored) = state
        .store
        .read()
        .await?
        .verification_facts(account_id)
        .await?
    else {
        return Ok(None);
    };
    let json = state
        .secrets
        .open_text(&stored.sealed, &context(account_id))
        .map_err(AppError::Internal)?;
    Ok(Some(
        serde_json::from_str(&json).map_err(|e| AppError::Internal(e.into()))?,
    ))
}

/// Gives the facts: the account is Basic from now on.
pub async fn give(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    input: &FactsInput,
) -> AppResult<BasicFacts> {
    if viewer.account.tier != Tier::Unverified {
        return Err(VerificationError::FactsFixed.into());
    }
    let checked = facts::check(
        input,
        &today(state, viewer),
        state.settings.verification.minimum_age,
    )
    .map_err(VerificationError::Facts)?;
    let json = serde_json::to_string(&checked).map_err(|e| AppError::Internal(e.into()))?;
    let id = viewer.account.id;
    let sealed = state.secrets.seal_text(&json, &context(id));
    let mut uow = UnitOfWork::begin(state, meta).await?;
    uow.save_verification_facts(id, &sealed, state.now())
        .await?;
    uow.set_tier(id, Tier::Basic).await?;
    let detail = serde_json::json!({ "tier": Tier::Basic.as_str(), "country": checked.country });
    uow.audit(Audit::own(AuditKind::VerificationFactsGiven, id).detail(detail))
        .await?;
    uow.commit().await?;
    Ok(checked)
}
