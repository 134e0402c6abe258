//! The agent's review of a verification case, in the desk's console: the images large
//! with the pre-check's findings marked, the facts on file, the zone as read, the
//! machine's flags, the checklist to complete, and approve / refuse with reasons, or
//! clear. Reached from the case's desk request.
use super::review::{self, Decision};
use crate::error::{AppError, VerificationError};
use crate::features::desk::pages::parse_id;
use crate::features::photos::agent::{finding_row, FindingRow};
use crate::state::AppState;
use crate::web::extract::Staff;
use crate::web::form::Form;
use crate::web::{error_message, html_status, Ctx, PageCtx, PageResult};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use keydesk_domain::verification::checklist::{Item, Prefill};
use keydesk_domain::verification::facts::BasicFacts;
use keydesk_domain::verification::machine::MrzFields;
use keydesk_domain::verification::reason::Reason;
use keydesk_photocheck::Region;

struct ImageView {
    id: i64,
    side: String,
    width: u32,
    height: u32,
    findings: Vec<FindingRow>,
    /// (status, left %, top %, width %, height %)
    regions: Vec<(&'static str, String, String, String, String)>,
}

struct AttemptRow {
    number: i64,
    document: String,
    outcome: &'static str,
    reasons: Vec<String>,
    submitted_at: i64,
    purged: bool,
}

#[derive(Template)]
#[template(path = "verification/agent_case.html")]
struct CasePage {
    p: PageCtx,
    case_id: i64,
    version: i64,
    status: &'static str,
    email: String,
    tier: &'static str,
    request: Option<i64>,
    facts: Option<BasicFacts>,
    document: String,
    country: String,
    expires_on: String,
    mrz: Option<MrzFields>,
    flags: Vec<String>,
    images: Vec<ImageView>,
    checklist: Vec<(&'static str, &'static str)>,
    reasons: Vec<&'static str>,
    attempts: Vec<AttemptRow>,
    decidable: bool,
    clearable: bool,
    error: Option<String>,
}

fn percent(part: u32, whole: u32) -> String {
    format!("{:.2}", 100.0 * f64::from(part) / f64::from(whole.max(1)))
}

pub(crate) fn regions(
    report: &keydesk_photocheck::Report,
) -> Vec<(&'static str, String, String, String, String)> {
    report
        .findings
        .iter()
        .filter_map(|f| {
            let Region {
                x,
                y,
                width,
                height,
            } = f.region?;
            let status = match f.status {
                keydesk_photocheck::Status::Fail => "fail",
                keydesk_photocheck::Status::Warn => "warn",
                keydesk_photocheck::Status::Pass => return None,
            };
            Some((
                status,
                percent(x, report.width),
                percent(y, report.height),
                percent(width, report.width),
                percent(height, report.height),
            ))
        })
        .collect()
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    case_id: i64,
    error: Option<String>,
) -> Result<(StatusCode, CasePage), AppError> {
    let r = review::review(state, case_id).await?;
    let p = PageCtx::new(state, ctx);
    let latest = r.latest();
    let images = latest
        .map(|a| {
            a.images
                .iter()
                .map(|(image, report)| ImageView {
                    id: image.id,
                    side: p.tk("verification-side-", image.side.as_str()),
                    width: report.width,
                    height: report.height,
                    findings: report
                        .findings
                        .iter()
                        .filter(|f| f.status != keydesk_photocheck::Status::Pass)
                        .map(|f| finding_row(state, ctx, f))
                        .collect(),
                    regions: regions(report),
                })
                .collect()
        })
        .unwrap_or_default();
    let status = r.case.case.status;
    let page = CasePage {
        case_id: r.case.id,
        version: r.case.version,
        status: status.as_str(),
        email: r.account.email.clone(),
        tier: r.account.tier.as_str(),
        request: r.case.request_id,
        document: latest
            .map(|a| p.tk("verification-document-", a.attempt.document.as_str()))
            .unwrap_or_default(),
        country: latest
            .map(|a| a.attempt.country.clone())
            .unwrap_or_default(),
        expires_on: latest
            .and_then(|a| a.attempt.expires_on.clone())
            .unwrap_or_default(),
        mrz: latest.and_then(|a| a.mrz.clone()),
        flags: latest
            .map(|a| {
                a.attempt
                    .flags
                    .iter()
                    .map(|f| p.tk("verification-flag-", f.as_str()))
                    .collect()
            })
            .unwrap_or_default(),
        images,
        checklist: r
            .checklist
            .iter()
            .map(|(item, prefill)| {
                (
                    item.as_str(),
                    match prefill {
                        Prefill::Problem => "problem",
                        Prefill::Look => "look",
                    },
                )
            })
            .collect(),
        reasons: Reason::ALL.iter().map(|r| r.as_str()).collect(),
        attempts: r
            .attempts
            .iter()
            .rev()
            .map(|a| AttemptRow {
                number: a.attempt.number,
                document: p.tk("verification-document-", a.attempt.document.as_str()),
                outcome: a.attempt.outcome.as_str(),
                reasons: a
                    .attempt
                    .reasons
                    .iter()
                    .map(|r| r.as_str().to_owned())
                    .collect(),
                submitted_at: a.attempt.submitted_at,
                purged: a.attempt.purged_at.is_some(),
            })
            .collect(),
        decidable: status == keydesk_domain::verification::case::CaseStatus::InReview,
        clearable: status != keydesk_domain::verification::case::CaseStatus::Approved,
        facts: r.facts,
        error,
        p,
    };
    Ok((StatusCode::OK, page))
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id)?;
    let (status, page) = page(&state, &ctx, id, None).await?;
    review::audit_view(&state, &ctx.meta, &agent, id).await?;
    Ok(html_status(status, page))
}

/// The decision form: `decision` (approve or refuse), `version` seen, each checklist
/// item as `item_<code>=pass|fail`, and `reason` repeated for a refusal.
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
    let mut passed = Vec::new();
    for (key, v) in &fields {
        if let Some(code) = key.strip_prefix("item_") {
            let item = Item::parse(code)
                .ok_or_else(|| AppError::BadRequest(format!("unknown checklist item {code}")))?;
            if v == "pass" {
                passed.push(item);
            }
        }
    }
    let mut reasons = Vec::new();
    for (_, code) in fields.iter().filter(|(k, _)| k == "reason") {
        reasons.push(
            Reason::parse(code)
                .ok_or_else(|| AppError::BadRequest(format!("unknown reason {code}")))?,
        );
    }
    let decision = match value("decision") {
        Some("approve") => Decision::Approve,
        Some("refuse") => Decision::Refuse(reasons),
        _ => return Err(AppError::BadRequest("decision is approve or refuse".into())),
    };
    match review::decide(&state, &ctx.meta, &agent, id, version, decision, &passed).await {
        Ok(_) => Ok(Redirect::to(&format!("/agent/verification/{id}")).into_response()),
        Err(e @ AppError::Verification(_)) => refused(&state, &ctx, id, &e).await,
        Err(e) => Err(e),
    }
}

async fn refused(state: &AppState, ctx: &Ctx, id: i64, e: &AppError) -> PageResult {
    let (_, page) = page(state, ctx, id, Some(error_message(state, ctx, e))).await?;
    Ok(html_status(e.status(), page))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClearForm {
    version: i64,
}

pub(super) async fn clear(
    State(state): State<AppState>,
    ctx: Ctx,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Form(f): Form<ClearForm>,
) -> PageResult {
    let id = parse_id(&id)?;
    match review::clear(&state, &ctx.meta, &agent, id, f.version).await {
        Ok(_) => Ok(Redirect::to(&format!("/agent/verification/{id}")).into_response()),
        Err(
            e @ AppError::Verification(VerificationError::Changed | VerificationError::Approved),
        ) => refused(&state, &ctx, id, &e).await,
        Err(e) => Err(e),
    }
}
