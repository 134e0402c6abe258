//! The photos feature's pages: "Check a photo before you send it" — the instant
//! pre-check the page's script calls, the submission, the same as a plain form without
//! script (checked when sent; what to fix comes back on the page) — and the image URL
//! for its owner and staff.
use super::service::{self as photos, CheckOutcome, Submitted};
use super::upload::{too_large, ScriptUpload};
use crate::auth::Viewer;
use crate::error::{AppError, PhotoError};
use crate::state::AppState;
use crate::web::extract::Complete;
use crate::web::json::Query;
use crate::web::render::ForScript;
use crate::web::{error_message, html_status, Ctx, PageCtx, PageResult};
use askama::Template;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use keydesk_domain::identity::language::Language;
use keydesk_photocheck::{PhotoKind, Reason, Status};
use keydesk_store::models::PhotoSubmission;
use serde::Deserialize;
use serde_json::json;

#[derive(Template)]
#[template(path = "photos/photo_check.html")]
struct PhotoCheckPage {
    p: PageCtx,
    request_text: &'static str,
    today: String,
    submissions: Vec<PhotoSubmission>,
    form: FormView,
}

/// What the page shows of the last photo sent without script.
#[derive(Default)]
struct FormView {
    kind: String,
    name: String,
    /// The message and its class (`ok`, `error`).
    status: Option<(String, &'static str)>,
    /// What to fix, each with its class (`error` blocks, `warning` does not).
    findings: Vec<(String, &'static str)>,
    may_send_anyway: bool,
}

#[derive(Deserialize)]
pub(super) struct PageQuery {
    #[serde(default)]
    sent: Option<String>,
}

pub(super) async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Query(q): Query<PageQuery>,
) -> PageResult {
    let mut form = FormView::default();
    if q.sent.is_some() {
        form.status = Some((state.i18n.t(ctx.lang(), "photo-sent"), "ok"));
    }
    render_page(&state, &ctx, &viewer, StatusCode::OK, form).await
}

async fn render_page(
    state: &AppState,
    ctx: &Ctx,
    viewer: &Viewer,
    status: StatusCode,
    form: FormView,
) -> PageResult {
    let submissions = photos::submissions(state, viewer).await?;
    // Today where the customer is, written as their language writes a date.
    let now = state.now();
    let offset = crate::util::offset_at(now, photos::viewer_zone(viewer));
    let today = keydesk_domain::photo::memo::today(now, offset)
        .map(|d| match viewer.lang() {
            Language::Ja => format!("{}年{}月{}日", d.year, d.month, d.day),
            Language::En => d.to_string(),
        })
        .unwrap_or_default();
    Ok(html_status(
        status,
        PhotoCheckPage {
            p: PageCtx::new(state, ctx),
            request_text: keydesk_domain::photo::memo::request_text(ctx.lang()),
            today,
            submissions,
            form,
        },
    ))
}

/// The form's fields; the photo is the `photo` file.
#[derive(Default)]
struct SentForm {
    kind: String,
    name: String,
    send_anyway: bool,
    photo: Vec<u8>,
}

fn unreadable(what: String) -> AppError {
    AppError::BadRequest(format!("the form could not be read: {what}"))
}

/// The route's body limit is the photo's: over it, the photo's own "too large" error.
fn form_error(e: MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        unreadable(e.body_text())
    }
}

async fn read_form(multipart: Result<Multipart, MultipartRejection>) -> Result<SentForm, AppError> {
    let mut multipart = multipart.map_err(|e| unreadable(e.body_text()))?;
    let mut form = SentForm::default();
    while let Some(field) = multipart.next_field().await.map_err(form_error)? {
        let field_name = field.name().unwrap_or("").to_owned();
        match field_name.as_str() {
            "photo" => form.photo = field.bytes().await.map_err(form_error)?.to_vec(),
            "kind" => form.kind = field.text().await.map_err(form_error)?,
            "name" => {
                let name = field.text().await.map_err(form_error)?;
                form.name = name.chars().take(200).collect();
            }
            "send_anyway" => form.send_anyway = field.text().await.map_err(form_error)? == "1",
            // The CSRF field (checked before the handler) and anything unknown.
            _ => {}
        }
    }
    Ok(form)
}

async fn submit_form(
    state: &AppState,
    ctx: &Ctx,
    viewer: &Viewer,
    form: SentForm,
) -> Result<Submitted, AppError> {
    let kind = PhotoKind::from_input(&form.kind)
        .ok_or_else(|| AppError::BadRequest("choose what the photo shows".into()))?;
    let name = Some(form.name).filter(|n| !n.trim().is_empty());
    photos::submit(
        state,
        &ctx.meta,
        viewer,
        kind,
        name,
        form.photo,
        form.send_anyway,
    )
    .await
}

/// The photo page sent as a form, without script: checked as it is sent; what blocks
/// it comes back on the page, with "send anyway" once that is allowed.
pub(super) async fn send_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let lang = ctx.lang();
    let mut view = FormView::default();
    let result = match read_form(multipart).await {
        Ok(form) => {
            view.kind = form.kind.clone();
            view.name = form.name.clone();
            submit_form(&state, &ctx, &viewer, form).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(Submitted::Stored(_)) => Ok(Redirect::to("/photo-check?sent=1").into_response()),
        Ok(Submitted::Blocked(outcome)) => {
            let key = if outcome.may_send_anyway() {
                "photo-blocked-anyway"
            } else {
                "photo-blocked"
            };
            view.status = Some((state.i18n.t(lang, key), "error"));
            view.findings = fix_messages(&state, lang, &outcome.report);
            view.may_send_anyway = outcome.may_send_anyway();
            render_page(
                &state,
                &ctx,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                view,
            )
            .await
        }
        // A server error gets the error page (logged there); anything the customer can
        // fix comes back on the form, with the choices kept.
        Err(e) if e.is_internal() => Err(e),
        Err(e) => {
            view.status = Some((error_message(&state, &ctx, &e), "error"));
            render_page(&state, &ctx, &viewer, e.status(), view).await
        }
    }
}

pub fn outcome_json(state: &AppState, lang: Language, outcome: &CheckOutcome) -> serde_json::Value {
    let report = &outcome.report;
    let findings: Vec<_> = report
        .open_findings()
        .into_iter()
        .map(|f| {
            let messages: Vec<String> = f.reasons.iter().map(|r| reason_message(state, lang, r)).collect();
            json!({ "check": f.check, "status": f.status, "reasons": f.reasons, "messages": messages, "region": f.region })
        })
        .collect();
    json!({
        "blocking": report.blocking(),
        "blocked_tries": outcome.blocked_tries,
        "may_send_anyway": outcome.may_send_anyway(),
        "width": report.width,
        "height": report.height,
        "findings": findings,
        "report": report,
    })
}

/// What to fix, the finding that matters first, each with its class (`error` blocks,
/// `warning` does not), in the customer's language.
pub(crate) fn fix_messages(
    state: &AppState,
    lang: Language,
    report: &keydesk_photocheck::Report,
) -> Vec<(String, &'static str)> {
    report
        .open_findings()
        .into_iter()
        .flat_map(|f| {
            let class = if f.status == Status::Fail {
                "error"
            } else {
                "warning"
            };
            f.reasons
                .iter()
                .map(move |r| (reason_message(state, lang, r), class))
        })
        .collect()
}

/// What to do about one finding, in the customer's language.
fn reason_message(state: &AppState, lang: Language, reason: &Reason) -> String {
    state
        .i18n
        .t(lang, &format!("photo-reason-{}", reason.code()))
}

pub(super) async fn check(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    up: ScriptUpload,
) -> Result<Response, ForScript> {
    let outcome = photos::precheck(&state, &viewer, up.kind, up.name, up.image).await?;
    Ok(Json(outcome_json(&state, ctx.lang(), &outcome)).into_response())
}

pub(super) async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    up: ScriptUpload,
) -> Result<Response, ForScript> {
    let sent = photos::submit(
        &state,
        &ctx.meta,
        &viewer,
        up.kind,
        up.name,
        up.image,
        up.send_anyway,
    )
    .await?;
    match sent {
        Submitted::Stored(id) => Ok((
            StatusCode::CREATED,
            Json(json!({ "id": id, "message": state.i18n.t(ctx.lang(), "photo-sent") })),
        )
            .into_response()),
        Submitted::Blocked(_) => Err(AppError::Photo(PhotoError::Blocked).into()),
    }
}

/// The image, for its owner and for staff (see [`photos::image`]).
pub(super) async fn image(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Path(id): Path<i64>,
) -> PageResult {
    let bytes = photos::image(&state, &ctx.meta, &viewer, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        bytes,
    )
        .into_response())
}
