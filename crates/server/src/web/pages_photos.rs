//! "Check a photo before you send it": the instant pre-check page, and the owner-only
//! image URL. Until the 2FA-reset and verification workflows exist, this page is
//! reachable from the account page.
use super::{complete, html, Ctx, PageCtx};
use crate::error::AppError;
use crate::service::photos::{self, CheckOutcome};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use keydesk_domain::language::Language;
use keydesk_photocheck::IntakeError;
use keydesk_photocheck::{PhotoKind, Status};
use keydesk_store::models::PhotoSubmission;
use serde::Deserialize;
use serde_json::json;

/// Phone photos are a few MB; the check itself refuses more than 30 MB.
pub const PHOTO_BODY_LIMIT: usize = 31 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/photo-check", get(page))
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
}

async fn page(State(state): State<AppState>, ctx: Ctx) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match photos::submissions(&state, viewer).await {
        Ok(submissions) => {
            let today = photos::memo_dates(state.now())
                .last()
                .map(|d| d.to_string())
                .unwrap_or_default();
            html(PhotoCheckPage {
                p: PageCtx::new(&state, &ctx),
                request_text: photos::request_text(ctx.lang()),
                today,
                submissions,
            })
        }
        Err(e) => super::render_error(&state, &ctx, &e),
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
            let messages: Vec<String> = f.reasons.iter().map(|r| state.i18n.t(lang, &format!("photo-reason-{}", r.code()))).collect();
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

/// The body, or the intake's own "too large" error when it exceeds the upload limit.
pub fn photo_body(body: Result<Bytes, BytesRejection>) -> Result<Vec<u8>, AppError> {
    body.map(|b| b.to_vec()).map_err(|_| {
        AppError::Photo(IntakeError::TooLarge {
            size: PHOTO_BODY_LIMIT + 1,
            max: PHOTO_BODY_LIMIT,
        })
    })
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
        Ok(id) => (
            StatusCode::CREATED,
            Json(json!({ "id": id, "message": state.i18n.t(ctx.lang(), "photo-sent") })),
        )
            .into_response(),
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
