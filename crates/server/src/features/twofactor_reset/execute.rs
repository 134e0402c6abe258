//! Carrying out an approved reset once its security delay is over, by a durable job (it
//! survives restarts, and the queue gives it to one instance; the case's version makes a
//! second run a no-op): the factors and recovery codes removed, every session ended, a
//! withdrawal hold nobody can shorten, the completion mail. The next login then finds no
//! factor and forces enrollment, recovery codes included.
use super::notify;
use crate::error::AppError;
use crate::features::capabilities::holds;
use crate::features::desk::change::{self, Changes};
use crate::jobs::{Job, ResetDue};
use crate::state::AppState;
use crate::usecase::{Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::capability::hold::{Hold, HoldOrigin, HoldScope};
use keydesk_domain::helpdesk::status::Status;
use keydesk_domain::twofactor_reset::case::{ResetError as CaseError, ResetStatus};
use keydesk_store::models::FactorStatus;

/// The withdrawal hold's reason code (its text: `hold-reason-twofactor_reset`).
pub const HOLD_REASON: &str = "twofactor_reset";

/// The job: carries the case out if it still waits and its delay is over.
pub async fn run(state: &AppState, job: ResetDue) -> anyhow::Result<()> {
    let now = state.now();
    let meta = RequestMeta::for_operator();
    let mut uow = UnitOfWork::begin(state, &meta).await?;
    let Some(case) = uow.twofactor_reset(job.reset_id).await? else {
        return Ok(());
    };
    if case.case.status != ResetStatus::Waiting {
        // Stopped meanwhile, or carried out by an earlier run.
        return Ok(());
    }
    let next = match case.case.execute(now) {
        Ok(next) => next,
        Err(CaseError::DelayRunning) => {
            // Early (a clock moved): again at the delay's end.
            if let Some(end) = case.case.delay_ends_at {
                uow.schedule(Job::ResetDue(job), end).await?;
                uow.commit().await?;
            }
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    };
    let saved = match super::save_case(&mut uow, &case, &next, case.request_id).await {
        Ok(saved) => saved,
        // Another run got there first.
        Err(AppError::Reset(crate::error::ResetError::Changed)) => return Ok(()),
        Err(e) => return Err(anyhow::anyhow!("{e}")),
    };
    let account = uow
        .account_by_id(case.account_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("reset {}: the account is gone", case.id))?;
    uow.delete_factor(account.id, FactorStatus::Active).await?;
    uow.delete_factor(account.id, FactorStatus::Pending).await?;
    uow.delete_recovery_codes(account.id).await?;
    let ended = uow.delete_sessions_of_account(account.id, None).await?;
    let hours = state.settings.twofactor_reset.withdrawal_hold_hours;
    let hold_ends = now + hours * 3600;
    let hold = Hold {
        scope: HoldScope::Withdraw,
        reason: HOLD_REASON.to_owned(),
        origin: HoldOrigin::System,
        starts_at: now,
        ends_at: Some(hold_ends),
    };
    let hold_id = holds::add(&mut uow, account.id, &hold)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    uow.audit(
        Audit::by(AuditKind::TwofactorResetExecuted, None, account.id).detail(
            serde_json::json!({ "case": case.id, "hold": hold_id, "sessions_ended": ended }),
        ),
    )
    .await?;
    let body = state.i18n.t(account.language, "reset-note-done");
    super::submit::note(&mut uow, &saved, &body, true)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(request_id) = saved.request_id {
        if let Some(request) = uow.lock_desk_request(request_id).await? {
            if matches!(request.status, Status::Open | Status::Pending | Status::New) {
                let changes = Changes {
                    status: Some(Status::Solved),
                    ..Default::default()
                };
                change::save(&mut uow, &request, request.version, &changes, None)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            }
        }
    }
    notify::done(&mut uow, &account, &saved, hold_ends).await?;
    uow.commit().await?;
    metrics::counter!("keydesk_twofactor_resets_total", "event" => "executed", "path" => saved.case.path.as_str())
        .increment(1);
    Ok(())
}

/// The maintenance sweep's backstop: cases whose delay is over but which still wait
/// (a job lost with a restored backup) are carried out too.
pub async fn run_due(state: &AppState) -> anyhow::Result<usize> {
    let due = state
        .store
        .read()
        .await?
        .twofactor_resets_due(state.now(), 50)
        .await?;
    for case in &due {
        run(state, ResetDue { reset_id: case.id }).await?;
    }
    Ok(due.len())
}
