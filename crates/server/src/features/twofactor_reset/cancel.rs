//! "This wasn't me": the owner stops a reset at any point before it is carried out —
//! from a link sent to a channel on file, or from a signed-in session (the in-app
//! notice) — and the account is frozen: a hold on everything, which no agent lifts; an
//! admin does, once the owner's identity was checked again.
use super::links;
use super::notify;
use crate::error::{AppError, AppResult, ResetError};
use crate::features::capabilities::holds;
use crate::state::AppState;
use crate::usecase::{Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::capability::hold::{Hold, HoldOrigin, HoldScope, OWNER_FREEZE};
use keydesk_store::models::TwofactorReset;

/// The case a link names, if it can still be stopped.
pub async fn by_link(state: &AppState, token: &str) -> AppResult<TwofactorReset> {
    let hash = links::hash_of(token).ok_or(ResetError::LinkInvalid)?;
    let case = state
        .store
        .read()
        .await?
        .twofactor_reset_by_cancel_hash(&hash)
        .await?
        .ok_or(ResetError::LinkInvalid)?;
    Ok(case)
}

/// Stops the case named by `token`.
pub async fn stop_by_link(
    state: &AppState,
    meta: &RequestMeta,
    token: &str,
) -> AppResult<TwofactorReset> {
    let case = by_link(state, token).await?;
    stop(state, meta, case.id, "link").await
}

/// Stops the signed-in owner's open case.
pub async fn stop_own(
    state: &AppState,
    meta: &RequestMeta,
    account_id: i64,
) -> AppResult<TwofactorReset> {
    let case = state
        .store
        .read()
        .await?
        .open_twofactor_reset(account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    stop(state, meta, case.id, "session").await
}

async fn stop(
    state: &AppState,
    meta: &RequestMeta,
    case_id: i64,
    from: &str,
) -> AppResult<TwofactorReset> {
    let now = state.now();
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let case = uow
        .twofactor_reset(case_id)
        .await?
        .ok_or(ResetError::LinkInvalid)?;
    let next = case.case.cancel().map_err(ResetError::Case)?;
    let saved = super::save_case(&mut uow, &case, &next, case.request_id).await?;
    let account = uow
        .account_by_id(case.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let freeze = Hold {
        scope: HoldScope::Everything,
        reason: OWNER_FREEZE.to_owned(),
        origin: HoldOrigin::System,
        starts_at: now,
        ends_at: None,
    };
    let hold_id = holds::add(&mut uow, account.id, &freeze).await?;
    // Whoever asked for the reset holds the password: every session ends.
    let ended = uow.delete_sessions_of_account(account.id, None).await?;
    uow.audit(
        Audit::own(AuditKind::TwofactorResetCancelled, account.id).detail(serde_json::json!({
            "case": case.id, "from": from, "hold": hold_id, "sessions_ended": ended,
        })),
    )
    .await?;
    let body = state.i18n.t(account.language, "reset-note-stopped");
    super::submit::note(&mut uow, &saved, &body, true).await?;
    notify::stopped(&mut uow, &account, &saved).await?;
    uow.commit().await?;
    metrics::counter!("keydesk_twofactor_resets_total", "event" => "stopped", "path" => saved.case.path.as_str())
        .increment(1);
    Ok(saved)
}
