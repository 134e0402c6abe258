//! The agents' side in the desk's console: the reset cases as a view of the queue, and
//! the review — the images large with the pre-check's findings marked on them, the
//! document on file beside them, the checklist pre-filled from the findings (each item
//! to be marked pass or fail), approve or refuse with reasons.
use super::review::{self, Decision};
use crate::error::{AppError, ResetError};
use crate::features::desk::pages::parse_id;
use crate::features::photos::agent::{finding_row, FindingRow};
use crate::features::verification::agent::regions;
use crate::state::AppState;
use crate::web::extract::Staff;
use crate::web::form::Form;
use crate::web::{error_message, html, html_status, Ctx, PageCtx, PageResult};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use keydesk_domain::photo::checklist::Prefill;
use keydesk_domain::twofactor_reset::case::{RefusalReason, ResetStatus};
use keydesk_domain::twofactor_reset::checklist::Mark;

struct QueueRow {
    id: i64,
    email: String,
    path: &'static str,
    status: &'static str,
    attempt: u32,
    approvals: usize,
    updated_at: i64,
    delay_ends_at: Option<i64>,
    request: Option<i64>,
}

#[derive(Template)]
#[template(path = "twofactor_reset/agent_queue.html")]
struct QueuePage {
    p: PageCtx,
    cases: Vec<QueueRow>,
}

pub(super) async fn queue(State(state): State<AppState>, ctx: Ctx, _: Staff) -> PageResult {
    let mut tx = state.store.read().await?;
    let open = tx.open_twofactor_resets(200).await?;
    let mut cases = Vec::with_capacity(open.len());
    for c in open {
        let email = tx
            .account_by_id(c.account_id)
            .await?
            .map(|a| a.email)
            .unwrap_or_default();
        cases.push(QueueRow {
            id: c.id,
            email,
            path: c.case.path.as_str(),
            status: c.case.status.as_str(),
            attempt: c.case.attempt,
            approvals: c.case.approvals.len(),
            updated_at: c.updated_at,
            delay_ends_at: c.case.delay_ends_at,
            request: c.request_id,
        });
    }
    Ok(html(QueuePage {
        p: PageCtx::new(&state, &ctx),
        cases,
    }))
}

struct ImageView {
    id: i64,
    kind: &'static str,
    attempt: i64,
    width: u32,
    height: u32,
    findings: Vec<FindingRow>,
    /// (status, left %, top %, width %, height %)
    regions: Vec<(&'static str, String, String, String, String)>,
}

#[derive(Template)]
#[template(path = "twofactor_reset/agent_case.html")]
struct CasePage {
    p: PageCtx,
    case_id: i64,
    version: i64,
    status: &'static str,
    path: &'static str,
    attempt: u32,
    email: String,
    tier: &'static str,
    role: &'static str,
    request: Option<i64>,
    delay_ends_at: Option<i64>,
    /// The approvals so far and needed, for `reset-approvals`.
    approvals_text: Vec<(&'static str, String)>,
    images: Vec<ImageView>,
    earlier: Vec<ImageView>,
    on_file: Vec<i64>,
    on_file_document: String,
    address_side_needed: bool,
    facts: Option<keydesk_domain::verification::facts::BasicFacts>,
    /// (key, prefill)
    checklist: Vec<(&'static str, &'static str)>,
    reasons: Vec<&'static str>,
    decidable: bool,
    error: Option<String>,
}

async fn page(state: &AppState, ctx: &Ctx, r: &review::Review, error: Option<String>) -> CasePage {
    let attempt = i64::from(r.case.case.attempt);
    let view = |(image, report): &(
        keydesk_store::models::ResetImage,
        keydesk_photocheck::Report,
    )| {
        ImageView {
            id: image.id,
            kind: image.kind.as_str(),
            attempt: image.attempt,
            width: report.width,
            height: report.height,
            findings: report
                .findings
                .iter()
                .filter(|f| f.status != keydesk_photocheck::Status::Pass)
                .map(|f| finding_row(state, ctx, f))
                .collect(),
            regions: regions(report),
        }
    };
    CasePage {
        p: PageCtx::new(state, ctx),
        case_id: r.case.id,
        version: r.case.version,
        status: r.case.case.status.as_str(),
        path: r.case.case.path.as_str(),
        attempt: r.case.case.attempt,
        email: r.account.email.clone(),
        tier: r.account.tier.as_str(),
        role: r.account.role.as_str(),
        request: r.case.request_id,
        delay_ends_at: r.case.case.delay_ends_at,
        approvals_text: vec![
            ("count", r.case.case.approvals.len().to_string()),
            ("needed", r.approvals_needed.to_string()),
        ],
        images: r
            .images
            .iter()
            .filter(|(i, _)| i.attempt == attempt)
            .map(view)
            .collect(),
        earlier: r
            .images
            .iter()
            .filter(|(i, _)| i.attempt != attempt)
            .map(view)
            .collect(),
        on_file: r.on_file.clone(),
        on_file_document: r
            .on_file_document
            .map(|d| {
                state
                    .i18n
                    .t(ctx.lang(), &format!("verification-document-{d}"))
            })
            .unwrap_or_default(),
        address_side_needed: r.address_side_needed,
        facts: r.facts.clone(),
        checklist: r
            .checklist
            .iter()
            .map(|i| {
                (
                    i.key,
                    match i.prefill {
                        Prefill::Ok => "ok",
                        Prefill::Problem => "problem",
                        Prefill::Look => "look",
                    },
                )
            })
            .collect(),
        reasons: RefusalReason::ALL.iter().map(|r| r.as_str()).collect(),
        decidable: r.case.case.status == ResetStatus::InReview,
        error,
    }
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id)?;
    let r = review::review(&state, id).await?;
    review::audit_view(&state, &ctx.meta, &agent, &r.case).await?;
    Ok(html(page(&state, &ctx, &r, None).await))
}

/// The decision form: `decision` (approve or refuse), `version` seen, each checklist
/// item as `item_<key>=pass|fail`, and `reason` repeated for a refusal.
pub(super) async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> PageResult {
    let id = parse_id(&id)?;
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let version = value("version")
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or_else(|| AppError::BadRequest("version missing".into()))?;
    let mut marks = Vec::new();
    for (key, v) in &fields {
        if let Some(item) = key.strip_prefix("item_") {
            let mark = match v.as_str() {
                "pass" => Mark::Pass,
                "fail" => Mark::Fail,
                _ => return Err(AppError::BadRequest(format!("{key} is pass or fail"))),
            };
            marks.push((item.to_owned(), mark));
        }
    }
    let mut reasons = Vec::new();
    for (_, code) in fields.iter().filter(|(k, _)| k == "reason") {
        reasons.push(
            RefusalReason::parse(code)
                .ok_or_else(|| AppError::BadRequest(format!("unknown reason {code}")))?,
        );
    }
    let decision = match value("decision") {
        Some("approve") => Decision::Approve,
        Some("refuse") => Decision::Refuse(reasons),
        _ => return Err(AppError::BadRequest("decision is approve or refuse".into())),
    };
    match review::decide(&state, &ctx.meta, &agent, id, version, decision, &marks).await {
        Ok(_) => Ok(Redirect::to(&format!("/agent/twofactor-resets/{id}")).into_response()),
        Err(e @ AppError::Reset(_)) => {
            let status = match &e {
                AppError::Reset(ResetError::Decider(_)) => StatusCode::FORBIDDEN,
                other => other.status(),
            };
            let r = review::review(&state, id).await?;
            let message = error_message(&state, &ctx, &e);
            Ok(html_status(
                status,
                page(&state, &ctx, &r, Some(message)).await,
            ))
        }
        Err(e) => Err(e),
    }
}
