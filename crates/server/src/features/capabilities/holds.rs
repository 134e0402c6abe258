//! Holds as agents and rules set them: an agent adds a manual hold (a freeze) and may
//! lift only their own; a system hold (set by a rule, e.g. after a 2FA reset) ends at its
//! time and nobody lifts it before. Each is audited and heard by the webhooks
//! (`hold.added`, `hold.ended` — at its lifting, or by a timer at its end).
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::features::desk::notify::publish;
use crate::jobs::{HoldEnded, Job};
use crate::state::AppState;
use crate::usecase::{Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::capability::hold::{Hold, HoldOrigin, HoldScope};
use keydesk_domain::helpdesk::webhook::Event;
use keydesk_store::models::HoldRow;
use keydesk_store::{DeliverySubject, StoreResult};

/// The reasons an agent may give a manual hold (their texts: `hold-reason-<code>`).
pub const MANUAL_REASONS: [&str; 4] = [
    "security_review",
    "customer_request",
    "suspected_fraud",
    "legal_order",
];

/// The longest a manual hold may be set for at once, in hours (a year); none: until
/// lifted.
pub const MAX_HOURS: i64 = 24 * 366;

fn body(event: Event, account_id: i64, id: i64, hold: &Hold, now: i64) -> String {
    serde_json::json!({
        "event": event.as_str(),
        "occurred_at": now,
        "hold": {
            "id": id,
            "account_id": account_id,
            "scope": hold.scope,
            "reason": hold.reason,
            "manual": hold.origin.is_manual(),
            "starts_at": hold.starts_at,
            "ends_at": hold.ends_at,
        }
    })
    .to_string()
}

async fn tell(
    uow: &mut UnitOfWork<'_>,
    event: Event,
    account_id: i64,
    id: i64,
    hold: &Hold,
) -> StoreResult<()> {
    let now = uow.state().now();
    let subject = DeliverySubject {
        request_id: None,
        account_id: Some(account_id),
    };
    publish(uow, event, subject, body(event, account_id, id, hold, now)).await
}

/// Adds a hold in `uow` (a rule's, or an agent's): the webhooks hear of it, and of its
/// end when it has one.
pub async fn add(uow: &mut UnitOfWork<'_>, account_id: i64, hold: &Hold) -> AppResult<i64> {
    let now = uow.state().now();
    let id = uow.insert_hold(account_id, hold, now).await?;
    tell(uow, Event::HoldAdded, account_id, id, hold).await?;
    if let Some(end) = hold.ends_at {
        uow.schedule(Job::HoldEnded(HoldEnded { hold_id: id }), end)
            .await?;
    }
    Ok(id)
}

/// An agent freezes part or all of an account, for `hours` (none: until lifted).
pub async fn add_manual(
    state: &AppState,
    meta: &RequestMeta,
    agent: &Viewer,
    account_id: i64,
    scope: HoldScope,
    reason: &str,
    hours: Option<i64>,
) -> AppResult<i64> {
    if !MANUAL_REASONS.contains(&reason) {
        return Err(AppError::BadRequest("unknown hold reason".into()));
    }
    if hours.is_some_and(|h| !(1..=MAX_HOURS).contains(&h)) {
        return Err(AppError::BadRequest(format!(
            "a hold lasts 1 to {MAX_HOURS} hours, or until lifted"
        )));
    }
    if account_id == agent.account.id {
        return Err(AppError::Forbidden);
    }
    let now = state.now();
    let mut uow = UnitOfWork::begin(state, meta).await?;
    uow.account_by_id(account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let hold = Hold {
        scope,
        reason: reason.to_owned(),
        origin: HoldOrigin::Manual {
            by: agent.account.id,
        },
        starts_at: now,
        ends_at: hours.map(|h| now + h * 3600),
    };
    let id = add(&mut uow, account_id, &hold).await?;
    let detail = serde_json::json!({ "hold": id, "scope": scope.as_str(), "reason": reason, "ends_at": hold.ends_at });
    uow.audit(Audit::by(AuditKind::HoldAdded, Some(agent.account.id), account_id).detail(detail))
        .await?;
    uow.commit().await?;
    Ok(id)
}

/// An agent lifts a manual hold of their own; a system hold is refused, whoever asks.
pub async fn lift(
    state: &AppState,
    meta: &RequestMeta,
    agent: &Viewer,
    id: i64,
) -> AppResult<HoldRow> {
    let now = state.now();
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let row = uow.hold(id).await?.ok_or(AppError::NotFound)?;
    row.hold.may_lift(agent.account.id, now)?;
    if !uow.lift_hold(id, agent.account.id, now).await? {
        return Err(keydesk_domain::capability::hold::LiftError::Ended.into());
    }
    let lifted = uow.hold(id).await?.ok_or(AppError::NotFound)?;
    tell(&mut uow, Event::HoldEnded, row.account_id, id, &lifted.hold).await?;
    let detail = serde_json::json!({ "hold": id, "scope": row.hold.scope.as_str() });
    uow.audit(
        Audit::by(
            AuditKind::HoldLifted,
            Some(agent.account.id),
            row.account_id,
        )
        .detail(detail),
    )
    .await?;
    uow.commit().await?;
    Ok(lifted)
}

/// An admin lifts an owner's freeze ("this wasn't me" on a 2FA reset) once the owner's
/// identity was checked again (`identity_checked`: the admin confirms it). Audited.
pub async fn unfreeze(
    state: &AppState,
    meta: &RequestMeta,
    admin: &Viewer,
    id: i64,
    identity_checked: bool,
) -> AppResult<HoldRow> {
    let now = state.now();
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let row = uow.hold(id).await?.ok_or(AppError::NotFound)?;
    if row.account_id == admin.account.id {
        return Err(AppError::Forbidden);
    }
    let is_admin = keydesk_domain::access::operator_pages(admin.role());
    row.hold.may_unfreeze(is_admin, identity_checked, now)?;
    if !uow.lift_freeze(id, admin.account.id, now).await? {
        return Err(keydesk_domain::capability::hold::LiftError::Ended.into());
    }
    let lifted = uow.hold(id).await?.ok_or(AppError::NotFound)?;
    tell(&mut uow, Event::HoldEnded, row.account_id, id, &lifted.hold).await?;
    let detail = serde_json::json!({ "hold": id, "freeze": true, "identity_checked": true });
    uow.audit(
        Audit::by(
            AuditKind::HoldLifted,
            Some(admin.account.id),
            row.account_id,
        )
        .detail(detail),
    )
    .await?;
    uow.commit().await?;
    Ok(lifted)
}

/// The timer at a hold's end: the webhooks hear it ran out, unless it was lifted first
/// (its lifting told them).
pub async fn ended(state: &AppState, job: HoldEnded) -> anyhow::Result<()> {
    let meta = RequestMeta::for_operator();
    let mut uow = UnitOfWork::begin(state, &meta).await?;
    let Some(row) = uow.hold(job.hold_id).await? else {
        return Ok(());
    };
    if row.lifted_at.is_some() || row.hold.is_active(state.now()) {
        return Ok(());
    }
    tell(
        &mut uow,
        Event::HoldEnded,
        row.account_id,
        row.id,
        &row.hold,
    )
    .await?;
    uow.commit().await?;
    Ok(())
}
