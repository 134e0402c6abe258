//! "Check a photo before you send it": the instant pre-check page, and the owner-only
//! image URL. Until the 2FA-reset and verification workflows exist, this page is
//! reachable from the account page. The page is a plain form too: without script, the
//! photo is checked when it is sent, and what to fix comes back on the page.
use super::{complete, Ctx, PageCtx};
use crate::error::AppError;
use crate::service::auth::Viewer;
use crate::service::photos::{self, CheckOutcome, Submitted};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use keydesk_domain::language::Language;
use keydesk_photocheck::IntakeError;
use keydesk_photocheck::{PhotoKind, Reason, Status};
use keydesk_store::models::PhotoSubmission;
use serde::Deserialize;
use serde_json::json;

/// Phone photos are a few MB; the check itself refuses more than 30 MB.
pub const PHOTO_BODY_LIMIT: usize = 31 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/photo-check", get(page).post(send_form))
        .route("/photo-check/check", post(check))
        .route("/photo-check/submit", post(submit))
        .layer(DefaultBodyLimit::max(PHOTO_BODY_LIMIT))
        .route("/photos/{id}", get(image))
}

#[derive(Template)]
#[template(path = "pages/photo_check.html")]
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
struct PageQuery {
    #[serde(default)]
    sent: Option<String>,
}

async fn page(State(state): State<AppState>, ctx: Ctx, Query(q): Query<PageQuery>) -> Response {
    let mut form = FormView::default();
    if q.sent.is_some() {
        form.status = Some((state.i18n.t(ctx.lang(), "photo-sent"), "ok"));
    }
    render_page(&state, &ctx, StatusCode::OK, form).await
}

async fn render_page(state: &AppState, ctx: &Ctx, status: StatusCode, form: FormView) -> Response {
    let viewer = match complete(ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match photos::submissions(state, viewer).await {
        Ok(submissions) => {
            let today = photos::memo_dates(state.now())
                .last()
                .map(|d| d.to_string())
                .unwrap_or_default();
            super::html_status(
                status,
                PhotoCheckPage {
                    p: PageCtx::new(state, ctx),
                    request_text: photos::request_text(ctx.lang()),
                    today,
                    submissions,
                    form,
                },
            )
        }
        Err(e) => super::render_error(state, ctx, &e),
    }
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
    let kind = PhotoKind::parse(&form.kind)
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
async fn send_form(
    State(state): State<AppState>,
    ctx: Ctx,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let lang = ctx.lang();
    let mut view = FormView::default();
    let result = match read_form(multipart).await {
        Ok(form) => {
            view.kind = form.kind.clone();
            view.name = form.name.clone();
            submit_form(&state, &ctx, viewer, form).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(Submitted::Stored(_)) => Redirect::to("/photo-check?sent=1").into_response(),
        Ok(Submitted::Blocked(outcome)) => {
            let key = if outcome.may_send_anyway() {
                "photo-blocked-anyway"
            } else {
                "photo-blocked"
            };
            view.status = Some((state.i18n.t(lang, key), "error"));
            let state = &state;
            view.findings = outcome
                .report
                .findings
                .iter()
                .filter(|f| f.status != Status::Pass)
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
                .collect();
            view.may_send_anyway = outcome.may_send_anyway();
            render_page(state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, view).await
        }
        Err(e) => {
            if e.is_internal() {
                tracing::error!(error = ?e, "sending a photo failed");
            }
            view.status = Some((super::error_message(&state, lang, &e), "error"));
            render_page(&state, &ctx, e.status(), view).await
        }
    }
}

#[derive(Deserialize)]
struct CheckQuery {
    kind: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    send_anyway: Option<String>,
}

/// JSON for the page's script, with every message already in the customer's language.
fn json_error(state: &AppState, lang: Language, e: &AppError) -> Response {
    if e.is_internal() {
        tracing::error!(error = ?e, "photo check failed");
    }
    let body =
        json!({ "error": { "code": e.code(), "message": super::error_message(state, lang, e) } });
    (e.status(), Json(body)).into_response()
}

fn parse_kind(q: &CheckQuery) -> Result<PhotoKind, AppError> {
    PhotoKind::parse(&q.kind).ok_or_else(|| {
        AppError::BadRequest(
            "kind must be selfie, document-front, document-back or address-side".into(),
        )
    })
}

pub fn outcome_json(state: &AppState, lang: Language, outcome: &CheckOutcome) -> serde_json::Value {
    let report = &outcome.report;
    let findings: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.status != Status::Pass)
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

/// What to do about one finding, in the customer's language.
fn reason_message(state: &AppState, lang: Language, reason: &Reason) -> String {
    state
        .i18n
        .t(lang, &format!("photo-reason-{}", reason.code()))
}

/// The photo's own "too large" error, for a body over the upload limit.
fn too_large() -> AppError {
    AppError::Photo(IntakeError::TooLarge {
        size: PHOTO_BODY_LIMIT + 1,
        max: PHOTO_BODY_LIMIT,
    })
}

/// The body, or the intake's own "too large" error when it exceeds the upload limit.
pub fn photo_body(body: Result<Bytes, BytesRejection>) -> Result<Vec<u8>, AppError> {
    body.map(|b| b.to_vec()).map_err(|_| too_large())
}

async fn check(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CheckQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(_) => return json_error(&state, ctx.lang(), &AppError::Unauthenticated),
    };
    let kind = match parse_kind(&q) {
        Ok(k) => k,
        Err(e) => return json_error(&state, ctx.lang(), &e),
    };
    let body = match photo_body(body) {
        Ok(b) => b,
        Err(e) => return json_error(&state, ctx.lang(), &e),
    };
    match photos::precheck(&state, viewer, kind, q.name.clone(), body).await {
        Ok(outcome) => Json(outcome_json(&state, ctx.lang(), &outcome)).into_response(),
        Err(e) => json_error(&state, ctx.lang(), &e),
    }
}

async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CheckQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(_) => return json_error(&state, ctx.lang(), &AppError::Unauthenticated),
    };
    let kind = match parse_kind(&q) {
        Ok(k) => k,
        Err(e) => return json_error(&state, ctx.lang(), &e),
    };
    let send_anyway = q.send_anyway.as_deref() == Some("1");
    let body = match photo_body(body) {
        Ok(b) => b,
        Err(e) => return json_error(&state, ctx.lang(), &e),
    };
    match photos::submit(
        &state,
        &ctx.meta,
        viewer,
        kind,
        q.name.clone(),
        body,
        send_anyway,
    )
    .await
    {
        Ok(Submitted::Stored(id)) => (
            StatusCode::CREATED,
            Json(json!({ "id": id, "message": state.i18n.t(ctx.lang(), "photo-sent") })),
        )
            .into_response(),
        Ok(Submitted::Blocked(_)) => json_error(&state, ctx.lang(), &AppError::PhotoBlocked),
        Err(e) => json_error(&state, ctx.lang(), &e),
    }
}

async fn image(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match photos::image(&state, &ctx.meta, viewer, id).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => super::render_error(&state, &ctx, &e),
    }
}
