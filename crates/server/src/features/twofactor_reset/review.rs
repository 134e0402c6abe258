//! The agent's side: a case with everything needed to decide it (the selfie and address
//! side with their findings, the document on file, the checklist pre-filled from the
//! findings), and the decision. Nobody decides a reset of their own account, a staff
//! account's needs an admin, the four-eyes rule needs a second agent, and no decision is
//! taken before every checklist item is marked.
use super::links::Link;
use super::notify;
use super::way;
use crate::auth::Viewer;
use crate::error::{AppError, AppResult, ResetError};
use crate::features::photos::service::checklist_findings;
use crate::jobs::{Job, ResetDue};
use crate::state::AppState;
use crate::usecase::{Audit, RequestMeta, UnitOfWork};
use keydesk_domain::audit::AuditKind;
use keydesk_domain::photo::checklist::ChecklistItem;
use keydesk_domain::twofactor_reset::case::{RefusalReason, ResetPath, ResetStatus};
use keydesk_domain::twofactor_reset::checklist::{self, Mark};
use keydesk_domain::twofactor_reset::decider::{self, Decider, Subject};
use keydesk_domain::twofactor_reset::image::ResetImageKind;
use keydesk_photocheck::Report;
use keydesk_store::models::{Account, ResetImage, TwofactorReset};

pub struct Review {
    pub case: TwofactorReset,
    pub account: Account,
    /// Every attempt's images, oldest first, with their reports.
    pub images: Vec<(ResetImage, Report)>,
    /// The document on file's images (the verification's approved attempt).
    pub on_file: Vec<i64>,
    /// Its type (`passport`, …).
    pub on_file_document: Option<&'static str>,
    pub address_side_needed: bool,
    /// The personal facts on file (name, birth date, address), to hold the images to.
    pub facts: Option<keydesk_domain::verification::facts::BasicFacts>,
    /// The current attempt's checklist, pre-filled (the selfie way only).
    pub checklist: Vec<ChecklistItem>,
    pub approvals_needed: usize,
}

fn subject(account: &Account) -> Subject {
    Subject {
        account_id: account.id,
        role: account.role,
        tier: account.tier,
    }
}

pub async fn review(state: &AppState, case_id: i64) -> AppResult<Review> {
    let mut tx = state.store.read().await?;
    let case = tx
        .twofactor_reset(case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let account = tx
        .account_by_id(case.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut images = Vec::new();
    for image in tx.twofactor_reset_images(case.id).await? {
        let report: Report =
            serde_json::from_str(&image.findings).map_err(|e| AppError::Internal(e.into()))?;
        images.push((image, report));
    }
    drop(tx);
    let on_file = way::on_file(state, account.id).await?;
    let address_side_needed = on_file.as_ref().is_some_and(|f| f.address_side_needed);
    let attempt = i64::from(case.case.attempt);
    let checklist = if case.case.path == ResetPath::Selfie {
        let selfie = images
            .iter()
            .find(|(i, _)| i.attempt == attempt && i.kind == ResetImageKind::Selfie);
        let findings = selfie
            .map(|(_, report)| checklist_findings(report))
            .unwrap_or_default();
        checklist::items(&findings, address_side_needed)
    } else {
        Vec::new()
    };
    let approvals_needed = decider::approvals_needed(
        subject(&account),
        &state.settings.twofactor_reset.four_eyes(),
    );
    let facts = crate::features::verification::facts::load(state, account.id).await?;
    Ok(Review {
        facts,
        case,
        account,
        images,
        on_file_document: on_file.as_ref().map(|f| f.attempt.document.as_str()),
        on_file: on_file.map(|f| f.image_ids).unwrap_or_default(),
        address_side_needed,
        checklist,
        approvals_needed,
    })
}

/// An agent opened a case's review: audited with the agent as actor.
pub async fn audit_view(
    state: &AppState,
    meta: &RequestMeta,
    agent: &Viewer,
    case: &TwofactorReset,
) -> AppResult<()> {
    let mut uow = UnitOfWork::begin(state, meta).await?;
    uow.audit(
        Audit::by(
            AuditKind::TwofactorResetCaseViewedByStaff,
            Some(agent.account.id),
            case.account_id,
        )
        .detail(serde_json::json!({ "case": case.id })),
    )
    .await?;
    uow.commit().await?;
    Ok(())
}

pub enum Decision {
    Approve,
    Refuse(Vec<RefusalReason>),
}

/// Decides the case seen at `version`, with the agent's checklist `marks`.
pub async fn decide(
    state: &AppState,
    meta: &RequestMeta,
    agent: &Viewer,
    case_id: i64,
    version: i64,
    decision: Decision,
    marks: &[(String, Mark)],
) -> AppResult<TwofactorReset> {
    let r = review(state, case_id).await?;
    decider::may_decide(
        Decider {
            account_id: agent.account.id,
            role: agent.role(),
        },
        subject(&r.account),
    )
    .map_err(ResetError::Decider)?;
    if r.case.version != version {
        return Err(ResetError::Changed.into());
    }
    let approve = matches!(decision, Decision::Approve);
    checklist::check_marks(&r.checklist, marks, approve).map_err(ResetError::Checklist)?;
    let now = state.now();
    let delay = state.settings.twofactor_reset.delay_hours * 3600;
    let next = match &decision {
        Decision::Approve => r
            .case
            .case
            .approve(agent.account.id, r.approvals_needed, now, delay),
        Decision::Refuse(reasons) => r.case.case.refuse(reasons),
    }
    .map_err(ResetError::Case)?;

    let mut uow = UnitOfWork::begin(state, meta).await?;
    let saved = super::save_case(&mut uow, &r.case, &next, r.case.request_id).await?;
    let marks_json: serde_json::Map<String, serde_json::Value> = marks
        .iter()
        .filter(|(k, _)| r.checklist.iter().any(|i| i.key == k))
        .map(|(k, m)| {
            let mark = if *m == Mark::Pass { "pass" } else { "fail" };
            (k.clone(), serde_json::Value::from(mark))
        })
        .collect();
    let detail = serde_json::json!({
        "case": saved.id, "attempt": saved.case.attempt,
        "decision": if approve { "approve" } else { "refuse" },
        "status": saved.case.status.as_str(),
        "approvals": saved.case.approvals.len(), "approvals_needed": r.approvals_needed,
        "reasons": saved.case.reasons.iter().map(|x| x.as_str()).collect::<Vec<_>>(),
        "checklist": marks_json,
    });
    uow.audit(
        Audit::by(
            AuditKind::TwofactorResetDecided,
            Some(agent.account.id),
            r.account.id,
        )
        .detail(detail),
    )
    .await?;
    let lang = r.account.language;
    match saved.case.status {
        ResetStatus::Waiting => {
            if let Some(end) = saved.case.delay_ends_at {
                uow.schedule(Job::ResetDue(ResetDue { reset_id: saved.id }), end)
                    .await?;
            }
            let link = Link::new();
            uow.insert_twofactor_reset_link(saved.id, &link.hash, now)
                .await?;
            let body = state.i18n.t(lang, "reset-note-approved");
            super::submit::note(&mut uow, &saved, &body, true).await?;
            notify::approved(&mut uow, &r.account, &saved, &link.url(state)).await?;
        }
        ResetStatus::Refused => {
            let body = state.i18n.t(lang, "reset-note-refused");
            super::submit::note(&mut uow, &saved, &body, true).await?;
            notify::refused(&mut uow, &r.account, &saved).await?;
        }
        _ => {
            // One approval of two: the next agent's turn (an internal note).
            let body = state.i18n.t(lang, "reset-note-first-approval");
            super::submit::note(&mut uow, &saved, &body, false).await?;
        }
    }
    uow.commit().await?;
    metrics::counter!("keydesk_twofactor_resets_total", "event" => if approve { "approved" } else { "refused" }, "path" => saved.case.path.as_str())
        .increment(1);
    Ok(saved)
}
