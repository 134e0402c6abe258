//! The customer's verification page: where the account stands and why, the Basic facts,
//! and the Enhanced documents — what is accepted for their country is shown before
//! anything is sent; a refusal says why and what to do, and the form to send again is
//! right there. Also the image URL for its owner and staff.
use super::documents_view::{self, AcceptedDocument};
use super::facts;
use super::notify::reason_text;
use super::submit::{self, Outcome, Sent, SidePhoto};
use crate::auth::Viewer;
use crate::error::{AppError, VerificationError};
use crate::features::photos::pages::fix_messages;
use crate::state::AppState;
use crate::web::extract::Complete;
use crate::web::form::Form;
use crate::web::json::Query;
use crate::web::{error_message, html_status, Ctx, PageCtx, PageResult};
use askama::Template;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect};
use keydesk_domain::capability::tier::Tier;
use keydesk_domain::verification::case::CaseStatus;
use keydesk_domain::verification::documents::{DocumentType, Side};
use keydesk_domain::verification::facts::{FactsInput, Occupation};
use keydesk_store::models::{VerificationAttempt, VerificationCase};
use serde::Deserialize;

/// Countries the facts form offers by name (`country-<code>`); any other is typed.
const COUNTRIES: [&str; 12] = [
    "JP", "US", "GB", "CN", "KR", "TW", "HK", "SG", "AU", "CA", "DE", "FR",
];

#[derive(Template)]
#[template(path = "verification/verification.html")]
struct VerificationPage {
    p: PageCtx,
    tier: &'static str,
    /// The case's status (`none` before the first attempt).
    status: &'static str,
    attempt: u32,
    /// The last refusal's reasons, each in the customer's words.
    reasons: Vec<String>,
    retryable: bool,
    request: Option<i64>,
    /// What the customer can do next: `facts`, `documents`, `wait`, `done`, `support`.
    step: &'static str,
    facts_form: FactsForm,
    facts_given: Option<(String, String)>,
    accepted: Vec<AcceptedDocument>,
    country: String,
    documents_form: DocumentsForm,
    attempts: Vec<AttemptRow>,
    countries: Vec<&'static str>,
    occupations: Vec<&'static str>,
    notice: Option<(String, &'static str)>,
}

struct AttemptRow {
    number: i64,
    submitted_at: i64,
    document: String,
    outcome: &'static str,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FactsForm {
    #[serde(default)]
    latin_name: String,
    #[serde(default)]
    native_name: String,
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    occupation: String,
    #[serde(default)]
    country: String,
    #[serde(skip)]
    errors: Vec<(String, String)>,
}

impl FactsForm {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// What the documents form shows after a send that came back.
#[derive(Default)]
pub(super) struct DocumentsForm {
    document: String,
    expires_on: String,
    /// Per side: what to fix.
    findings: Vec<(&'static str, Vec<(String, &'static str)>)>,
    may_send_anyway: bool,
    error: Option<(String, Option<&'static str>)>,
}

impl DocumentsForm {
    fn findings_of(&self, side: &str) -> Vec<(String, &'static str)> {
        self.findings
            .iter()
            .find(|(s, _)| *s == side)
            .map(|(_, f)| f.clone())
            .unwrap_or_default()
    }
}

#[derive(Deserialize)]
pub(super) struct PageQuery {
    #[serde(default)]
    done: Option<String>,
}

fn status_name(case: Option<&VerificationCase>) -> &'static str {
    match case.map(|c| c.case.status) {
        None => "none",
        Some(s) => s.as_str(),
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    viewer: &Viewer,
    status: StatusCode,
    facts_form: FactsForm,
    documents_form: DocumentsForm,
    notice: Option<(String, &'static str)>,
) -> PageResult {
    let lang = ctx.lang();
    let account = &viewer.account;
    let case = state
        .store
        .read()
        .await?
        .verification_case_of_account(account.id)
        .await?;
    let attempts: Vec<VerificationAttempt> = match &case {
        Some(c) => {
            state
                .store
                .read()
                .await?
                .verification_attempts(c.id)
                .await?
        }
        None => vec![],
    };
    let facts = facts::load(state, account.id).await?;
    let country = facts
        .as_ref()
        .map(|f| f.country.clone())
        .unwrap_or_else(|| "JP".into());
    let catalog = state.kyc_documents.current();
    let reasons = case
        .as_ref()
        .filter(|c| c.case.status == CaseStatus::Refused)
        .map(|c| {
            c.case
                .reasons
                .iter()
                .map(|r| reason_text(&state.i18n, lang, *r, &catalog, &country))
                .collect()
        })
        .unwrap_or_default();
    let retryable = case
        .as_ref()
        .is_none_or(|c| keydesk_domain::verification::reason::all_retryable(&c.case.reasons));
    let step = match (account.tier, case.as_ref().map(|c| c.case.status)) {
        (Tier::Enhanced, _) => "done",
        (Tier::Unverified, _) => "facts",
        (_, Some(CaseStatus::Submitted | CaseStatus::InReview)) => "wait",
        (_, Some(CaseStatus::Refused)) if !retryable => "support",
        _ => "documents",
    };
    let p = PageCtx::new(state, ctx);
    let attempts = attempts
        .iter()
        .rev()
        .map(|a| AttemptRow {
            number: a.number,
            submitted_at: a.submitted_at,
            document: p.tk("verification-document-", a.document.as_str()),
            outcome: a.outcome.as_str(),
        })
        .collect();
    Ok(html_status(
        status,
        VerificationPage {
            tier: account.tier.as_str(),
            status: status_name(case.as_ref()),
            attempt: case.as_ref().map_or(0, |c| c.case.attempt),
            reasons,
            retryable,
            request: case.as_ref().and_then(|c| c.request_id),
            step,
            facts_given: facts
                .as_ref()
                .map(|f| (f.latin_name.clone(), f.country.clone())),
            accepted: documents_view::accepted(&catalog, &country, lang, &p),
            country,
            facts_form,
            documents_form,
            attempts,
            countries: COUNTRIES.to_vec(),
            occupations: Occupation::ALL.iter().map(|o| o.as_str()).collect(),
            notice,
            p,
        },
    ))
}

pub(super) async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Query(q): Query<PageQuery>,
) -> PageResult {
    let notice = q.done.as_deref().and_then(|d| match d {
        "facts" => Some((state.i18n.t(ctx.lang(), "verification-facts-saved"), "ok")),
        "sent" => Some((state.i18n.t(ctx.lang(), "verification-sent"), "ok")),
        _ => None,
    });
    render(
        &state,
        &ctx,
        &viewer,
        StatusCode::OK,
        FactsForm::default(),
        DocumentsForm::default(),
        notice,
    )
    .await
}

pub(super) async fn give_facts(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Form(mut form): Form<FactsForm>,
) -> PageResult {
    let input = FactsInput {
        latin_name: form.latin_name.clone(),
        native_name: form.native_name.clone(),
        date_of_birth: form.date_of_birth.clone(),
        address: form.address.clone(),
        phone: form.phone.clone(),
        occupation: form.occupation.clone(),
        country: form.country.clone(),
    };
    match facts::give(&state, &ctx.meta, &viewer, &input).await {
        Ok(_) => Ok(Redirect::to("/verification?done=facts").into_response()),
        Err(AppError::Verification(VerificationError::Facts(errors))) => {
            form.errors = errors
                .iter()
                .map(|e| {
                    let problem = serde_json::to_value(e.problem)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    (
                        e.field.to_owned(),
                        state.i18n.t(
                            ctx.lang(),
                            &format!("verification-fact-{}", problem.replace('_', "-")),
                        ),
                    )
                })
                .collect();
            let notice = Some((
                state.i18n.t(ctx.lang(), "verification-facts-problems"),
                "error",
            ));
            render(
                &state,
                &ctx,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                DocumentsForm::default(),
                notice,
            )
            .await
        }
        Err(e) if e.is_internal() => Err(e),
        Err(e) => {
            let notice = Some((error_message(&state, &ctx, &e), "error"));
            render(
                &state,
                &ctx,
                &viewer,
                e.status(),
                form,
                DocumentsForm::default(),
                notice,
            )
            .await
        }
    }
}

pub(crate) fn unreadable(what: String) -> AppError {
    AppError::BadRequest(format!("the form could not be read: {what}"))
}

/// A multipart form that could not be read: too large, or malformed.
pub(crate) fn form_error(e: MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        unreadable(e.body_text())
    }
}

async fn read_documents(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(Sent, DocumentsForm), AppError> {
    let mut multipart = multipart.map_err(|e| unreadable(e.body_text()))?;
    let mut view = DocumentsForm::default();
    let mut photos = Vec::new();
    let mut send_anyway = false;
    while let Some(field) = multipart.next_field().await.map_err(form_error)? {
        let name = field.name().unwrap_or("").to_owned();
        match name.as_str() {
            "document" => view.document = field.text().await.map_err(form_error)?,
            "expires_on" => view.expires_on = field.text().await.map_err(form_error)?,
            "send_anyway" => send_anyway = field.text().await.map_err(form_error)? == "1",
            "csrf" => {}
            other => match Side::parse(other) {
                Some(side) => {
                    let bytes = field.bytes().await.map_err(form_error)?.to_vec();
                    if !bytes.is_empty() {
                        photos.push(SidePhoto { side, bytes });
                    }
                }
                None => return Err(unreadable(format!("unknown field {other}"))),
            },
        }
    }
    let document =
        DocumentType::parse(view.document.trim()).ok_or(VerificationError::UnknownDocument)?;
    let sent = Sent {
        document,
        expires_on: Some(view.expires_on.clone()),
        photos,
        send_anyway,
    };
    Ok((sent, view))
}

pub(super) async fn send_documents(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let lang = ctx.lang();
    let (sent, mut view) = match read_documents(multipart).await {
        Ok(read) => read,
        Err(e) if e.is_internal() => return Err(e),
        Err(e) => {
            let view = DocumentsForm {
                error: Some((error_message(&state, &ctx, &e), e.field())),
                ..Default::default()
            };
            return render(
                &state,
                &ctx,
                &viewer,
                e.status(),
                FactsForm::default(),
                view,
                None,
            )
            .await;
        }
    };
    match submit::submit(&state, &ctx.meta, &viewer, sent).await {
        Ok(Outcome::InReview(_)) => Ok(Redirect::to("/verification?done=sent").into_response()),
        // The refusal and what to do show at the top of the page, the form under it.
        Ok(Outcome::Refused(..)) => Ok(Redirect::to("/verification").into_response()),
        Ok(Outcome::Blocked(sides)) => {
            view.may_send_anyway = sides.iter().all(|(_, o)| o.may_send_anyway());
            view.findings = sides
                .iter()
                .map(|(side, o)| (side.as_str(), fix_messages(&state, lang, &o.report)))
                .collect();
            let key = if view.may_send_anyway {
                "photo-blocked-anyway"
            } else {
                "photo-blocked"
            };
            let notice = Some((state.i18n.t(lang, key), "error"));
            render(
                &state,
                &ctx,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                FactsForm::default(),
                view,
                notice,
            )
            .await
        }
        Err(e) if e.is_internal() => Err(e),
        Err(e) => {
            view.error = Some((error_message(&state, &ctx, &e), e.field()));
            render(
                &state,
                &ctx,
                &viewer,
                e.status(),
                FactsForm::default(),
                view,
                None,
            )
            .await
        }
    }
}

/// An image of an attempt: its owner's, or any for staff (audited); never cached.
pub(super) async fn image(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Path(id): Path<String>,
) -> PageResult {
    let id = crate::features::desk::pages::parse_id(&id)?;
    let bytes = super::images::image(&state, &ctx.meta, &viewer, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        bytes.to_vec(),
    )
        .into_response())
}
