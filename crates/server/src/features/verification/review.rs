//! The agent's side: a case with everything needed to decide it (the images with their
//! findings, the facts on file, the zone as read, the checklist), the decision, and
//! clearing a case. An agent never decides a case of their own account.
use super::facts;
use super::notify;
use super::submit::{image_key, mrz_context};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult, VerificationError};
use crate::features::desk::change::{self, Changes};
use crate::mail::MailKind;
use crate::state::AppState;
use crate::usecase::{Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::capability::tier::Tier;
use keydesk_domain::helpdesk::status::Status;
use keydesk_domain::verification::case::{AttemptOutcome, CaseError};
use keydesk_domain::verification::checklist::{self, Item, Prefill};
use keydesk_domain::verification::facts::BasicFacts;
use keydesk_domain::verification::machine::MrzFields;
use keydesk_domain::verification::reason::Reason;
use keydesk_photocheck::Report;
use keydesk_store::models::{Account, VerificationAttempt, VerificationCase, VerificationImage};
use keydesk_store::AttemptDecision;

pub struct AttemptView {
    pub attempt: VerificationAttempt,
    pub images: Vec<(VerificationImage, Report)>,
    pub mrz: Option<MrzFields>,
}

pub struct Review {
    pub case: VerificationCase,
    pub account: Account,
    pub facts: Option<BasicFacts>,
    /// First to last.
    pub attempts: Vec<AttemptView>,
    /// The latest attempt's checklist, pre-marked.
    pub checklist: Vec<(Item, Prefill)>,
}

impl Review {
    pub fn latest(&self) -> Option<&AttemptView> {
        self.attempts.last()
    }
}

pub async fn review(state: &AppState, case_id: i64) -> AppResult<Review> {
    let mut tx = state.store.read().await?;
    let case = tx
        .verification_case(case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let account = tx
        .account_by_id(case.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut attempts = Vec::new();
    for attempt in tx.verification_attempts(case.id).await? {
        let mut images = Vec::new();
        for image in tx.verification_images(attempt.id).await? {
            let report: Report =
                serde_json::from_str(&image.findings).map_err(|e| AppError::Internal(e.into()))?;
            images.push((image, report));
        }
        let mrz = match &attempt.mrz_sealed {
            Some(sealed) => {
                let json = state
                    .secrets
                    .open_text(sealed, &mrz_context(case.account_id))
                    .map_err(AppError::Internal)?;
                Some(serde_json::from_str(&json).map_err(|e| AppError::Internal(e.into()))?)
            }
            None => None,
        };
        attempts.push(AttemptView {
            attempt,
            images,
            mrz,
        });
    }
    drop(tx);
    let checklist = checklist::items(
        attempts
            .last()
            .map(|a| a.attempt.flags.as_slice())
            .unwrap_or(&[]),
    );
    Ok(Review {
        facts: facts::load(state, case.account_id).await?,
        case,
        account,
        attempts,
        checklist,
    })
}

/// An agent saw the case's facts and zone: audited with the agent as actor, the
/// customer as subject.
pub async fn audit_view(
    state: &AppState,
    meta: &RequestMeta,
    agent: &Viewer,
    case_id: i64,
) -> AppResult<()> {
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let case = uow
        .verification_case(case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let detail = serde_json::json!({ "case": case_id });
    uow.audit(
        Audit::by(
            AuditKind::VerificationCaseViewedByStaff,
            Some(agent.account.id),
            case.account_id,
        )
        .detail(detail),
    )
    .await?;
    uow.commit().await?;
    Ok(())
}

/// The case of a desk request, if the request is one.
pub async fn case_of_request(
    state: &AppState,
    request_id: i64,
) -> AppResult<Option<VerificationCase>> {
    Ok(state
        .store
        .read()
        .await?
        .verification_case_of_request(request_id)
        .await?)
}

pub enum Decision {
    Approve,
    Refuse(Vec<Reason>),
}

/// The case as the agent may act on it: still at the version they saw, and not their own.
async fn lock(
    uow: &mut UnitOfWork<'_>,
    agent: &Viewer,
    case_id: i64,
    seen_version: i64,
) -> AppResult<(VerificationCase, Account)> {
    let case = uow
        .verification_case(case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if case.account_id == agent.account.id {
        return Err(AppError::Forbidden);
    }
    if case.version != seen_version {
        return Err(VerificationError::Changed.into());
    }
    let account = uow
        .account_by_id(case.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((case, account))
}

fn case_error(e: CaseError) -> AppError {
    match e {
        CaseError::NoReason => VerificationError::NoReason,
        CaseError::Approved => VerificationError::Approved,
        _ => VerificationError::NotInReview,
    }
    .into()
}

/// The case's request solved, without the desk's own "solved" mail: the decision's mail
/// says it.
async fn solve_request(
    uow: &mut UnitOfWork<'_>,
    case: &VerificationCase,
    agent: i64,
) -> AppResult<()> {
    let Some(id) = case.request_id else {
        return Ok(());
    };
    if let Some(request) = uow.lock_desk_request(id).await? {
        if matches!(request.status, Status::Solved | Status::Closed) {
            return Ok(());
        }
        let changes = Changes {
            status: Some(Status::Solved),
            quiet: true,
            ..Default::default()
        };
        change::save(uow, &request, request.version, &changes, Some(agent)).await?;
    }
    Ok(())
}

pub async fn decide(
    state: &AppState,
    meta: &RequestMeta,
    agent: &Viewer,
    case_id: i64,
    seen_version: i64,
    decision: Decision,
    passed: &[Item],
) -> AppResult<VerificationCase> {
    let now = state.now();
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let (case, account) = lock(&mut uow, agent, case_id, seen_version).await?;
    let attempt = uow
        .verification_attempts(case.id)
        .await?
        .pop()
        .ok_or(VerificationError::NotInReview)?;
    let (next, outcome, reasons) = match &decision {
        Decision::Approve => {
            if !checklist::may_approve(passed) {
                return Err(VerificationError::Checklist.into());
            }
            (
                case.case.approve().map_err(case_error)?,
                AttemptOutcome::Approved,
                vec![],
            )
        }
        Decision::Refuse(reasons) => (
            case.case.refuse(reasons).map_err(case_error)?,
            AttemptOutcome::Refused,
            reasons.clone(),
        ),
    };
    let checklist_json =
        serde_json::to_string(&passed.iter().map(|i| i.as_str()).collect::<Vec<_>>())
            .map_err(|e| AppError::Internal(e.into()))?;
    let decided = uow
        .decide_verification_attempt(
            attempt.id,
            &AttemptDecision {
                outcome,
                reasons: &reasons,
                checklist: Some(&checklist_json),
                by: Some(agent.account.id),
                now,
                from: &[AttemptOutcome::InReview],
            },
        )
        .await?;
    if !decided {
        return Err(VerificationError::Changed.into());
    }
    let saved = super::save_case(&mut uow, &case, &next, case.request_id, now).await?;
    let detail = serde_json::json!({
        "case": case.id, "attempt": attempt.number, "outcome": outcome.as_str(),
        "reasons": reasons.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
    });
    uow.audit(
        Audit::by(
            AuditKind::VerificationDecided,
            Some(agent.account.id),
            account.id,
        )
        .detail(detail),
    )
    .await?;
    match decision {
        Decision::Approve => {
            uow.set_tier(account.id, Tier::Enhanced).await?;
            notify::decided(
                &mut uow,
                &account,
                &saved,
                MailKind::VerificationApproved,
                "approved",
            )
            .await?;
            solve_request(&mut uow, &saved, agent.account.id).await?;
        }
        Decision::Refuse(reasons) => {
            notify::refused(&mut uow, &account, &saved, &reasons, &attempt.country).await?;
            // A refusal the customer cannot fix alone stays open: support takes it on
            // in this very request, so it is no dead end.
            if keydesk_domain::verification::reason::all_retryable(&reasons) {
                solve_request(&mut uow, &saved, agent.account.id).await?;
            }
        }
    }
    uow.commit().await?;
    Ok(saved)
}

/// Clears the case: every image of it deleted, the customer told, free to start again.
pub async fn clear(
    state: &AppState,
    meta: &RequestMeta,
    agent: &Viewer,
    case_id: i64,
    seen_version: i64,
) -> AppResult<VerificationCase> {
    let now = state.now();
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let (case, account) = lock(&mut uow, agent, case_id, seen_version).await?;
    let next = case.case.clear().map_err(case_error)?;
    let attempts = uow.verification_attempts(case.id).await?;
    if let Some(last) = attempts.last() {
        uow.decide_verification_attempt(
            last.id,
            &AttemptDecision {
                outcome: AttemptOutcome::Cleared,
                reasons: &last.reasons,
                checklist: last.checklist.as_deref(),
                by: Some(agent.account.id),
                now,
                from: &[AttemptOutcome::InReview, AttemptOutcome::Refused],
            },
        )
        .await?;
    }
    let mut files = Vec::new();
    for attempt in attempts.iter().filter(|a| a.purged_at.is_none()) {
        files.extend(uow.purge_verification_attempt(attempt.id, now).await?);
    }
    let saved = super::save_case(&mut uow, &case, &next, case.request_id, now).await?;
    let detail =
        serde_json::json!({ "case": case.id, "outcome": "cleared", "images_deleted": files.len() });
    uow.audit(
        Audit::by(
            AuditKind::VerificationDecided,
            Some(agent.account.id),
            account.id,
        )
        .detail(detail),
    )
    .await?;
    notify::decided(
        &mut uow,
        &account,
        &saved,
        MailKind::VerificationCleared,
        "cleared",
    )
    .await?;
    solve_request(&mut uow, &saved, agent.account.id).await?;
    uow.commit().await?;
    // Rows first, then the files; a file left behind is swept.
    for name in files {
        if let Err(e) = state.files.delete(&image_key(&name)?).await {
            tracing::warn!(error = %e, file = %name, "deleting a cleared case's image: the sweep will");
        }
    }
    Ok(saved)
}
