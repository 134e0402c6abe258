//! The reset by personal facts, for an account without a verified document (J4): three
//! of date of birth, address, phone number and occupation must match what the account
//! gave, normalised. The answers are a credential: throttled like a password, and two or
//! fewer is refused without saying which were wrong. Three open the case for an agent's
//! confirmation, or — by configuration — start the security delay at once.
use super::links::Link;
use super::notify;
use super::way::{self, Way};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult, ResetError};
use crate::jobs::{Job, ResetDue};
use crate::state::AppState;
use crate::usecase::gate::{self, Credential, Owner};
use crate::usecase::{Audit, RequestMeta};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::twofactor_reset::case::{ResetCase, ResetStatus};
use keydesk_domain::twofactor_reset::facts_match::{self, FactsAnswers, FactsOutcome};
use keydesk_store::models::TwofactorReset;
use tracing::instrument;

#[instrument(skip_all, err(Debug, level = "info"))]
pub async fn answer(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    answers: &FactsAnswers,
) -> AppResult<TwofactorReset> {
    let account = &viewer.account;
    let on_file = match way::way_for(state, account).await? {
        Way::Facts(facts) => facts,
        Way::Selfie(_) => return Err(ResetError::SelfiePathOnly.into()),
        Way::Support => return Err(ResetError::NothingOnFile.into()),
    };
    let now = state.now();
    let (mut uow, attempt) =
        gate::attempt_in_tx(state, meta, Some(account.id), Credential::ResetFacts, now).await?;
    if uow.open_twofactor_reset(account.id).await?.is_some() {
        return Err(ResetError::AlreadyOpen.into());
    }
    let (matched, outcome) = facts_match::judge(&on_file, answers);
    let ok = outcome == FactsOutcome::Matched;
    gate::settle(&mut uow, attempt, ok, Some(Owner::of(account)), now).await?;
    if !ok {
        // How many matched is for the audit log, never for the one answering.
        uow.audit(
            Audit::own(AuditKind::TwofactorResetFactsFailed, account.id)
                .detail(serde_json::json!({ "matched": matched })),
        )
        .await?;
        uow.commit().await?;
        metrics::counter!("keydesk_twofactor_resets_total", "event" => "facts_refused", "path" => "facts")
            .increment(1);
        return Err(ResetError::FactsDoNotMatch.into());
    }
    let settings = &state.settings.twofactor_reset;
    let mut case = ResetCase::by_facts(settings.facts_need_agent, now, settings.delay_hours * 3600);
    if case.status == ResetStatus::Submitted {
        // The agent's confirmation is what it waits for.
        case = case.start_review().map_err(ResetError::Case)?;
    }
    let link = Link::new();
    let id = uow
        .insert_twofactor_reset(account.id, &case, None, &link.hash, now)
        .await
        .map_err(|e| match e {
            keydesk_store::StoreError::Conflict(_) => ResetError::AlreadyOpen.into(),
            e => AppError::from(e),
        })?;
    let saved = uow
        .twofactor_reset(id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("reset {id} vanished")))?;
    let request_id = super::submit::link_request(&mut uow, viewer, &saved).await?;
    let saved = super::save_case(&mut uow, &saved, &saved.case, Some(request_id)).await?;
    uow.audit(
        Audit::own(AuditKind::TwofactorResetRequested, account.id)
            .detail(serde_json::json!({ "case": id, "path": "facts", "matched": matched })),
    )
    .await?;
    let stop_url = link.url(state);
    notify::requested(&mut uow, account, &saved, &stop_url).await?;
    if saved.case.status == ResetStatus::Waiting {
        if let Some(end) = saved.case.delay_ends_at {
            uow.schedule(Job::ResetDue(ResetDue { reset_id: id }), end)
                .await?;
        }
        notify::approved(&mut uow, account, &saved, &stop_url).await?;
    }
    uow.commit().await?;
    metrics::counter!("keydesk_twofactor_resets_total", "event" => "requested", "path" => "facts")
        .increment(1);
    Ok(saved)
}
