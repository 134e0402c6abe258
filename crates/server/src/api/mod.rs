//! JSON API under /api/v1, on the same service functions as the pages. Auth is a
//! bearer token (`POST /api/v1/sessions` returns one) or the browser session with
//! its CSRF token in `X-CSRF-Token`. Errors: `{"error":{"code","message"}}`.
use crate::error::AppError;
use crate::service::auth::{self, Stage, Viewer};
use crate::service::{accounts, twofactor};
use crate::state::AppState;
use crate::web::Ctx;
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use keydesk_store::models::SessionKind;
use serde::Deserialize;
use serde_json::{json, Value};

pub const OPENAPI: &str = include_str!("openapi.json");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/accounts", post(sign_up))
        .route("/api/v1/email/verify", post(verify_email))
        .route("/api/v1/password/forgot", post(forgot_password))
        .route("/api/v1/password/reset", post(reset_password))
        .route("/api/v1/sessions", post(login).get(list_sessions))
        .route(
            "/api/v1/sessions/current",
            get(current_session).delete(logout),
        )
        .route(
            "/api/v1/sessions/current/second-factor",
            post(second_factor),
        )
        .route("/api/v1/sessions/{id}", axum::routing::delete(end_session))
        .route(
            "/api/v1/sessions/all",
            axum::routing::delete(logout_everywhere),
        )
        .route("/api/v1/me", get(me))
        .route("/api/v1/me/password", post(change_password))
        .route("/api/v1/me/security-events", get(security_events))
        .route("/api/v1/totp", get(totp_status).delete(totp_disable))
        .route("/api/v1/totp/enrollment", post(totp_start))
        .route("/api/v1/totp/enrollment/confirm", post(totp_confirm))
        .route("/api/v1/totp/recovery-codes", post(regenerate_codes))
        .route(
            "/api/v1/photocheck",
            post(photocheck).layer(axum::extract::DefaultBodyLimit::max(
                crate::web::pages_photos::PHOTO_BODY_LIMIT,
            )),
        )
        .fallback(not_found)
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if self.is_internal() {
            tracing::error!(error = ?self, "API request failed");
        }
        let message = if self.is_internal() {
            "internal error".to_owned()
        } else {
            self.to_string()
        };
        let mut body = json!({ "error": { "code": self.code(), "message": message } });
        if let AppError::Locked { until } = &self {
            body["error"]["locked_until"] = json!(until);
        }
        let mut response = (self.status(), Json(body)).into_response();
        if let Some(seconds) = self.retry_after() {
            if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

type ApiResult = Result<Response, AppError>;

/// A JSON body, with a malformed one answered in the API's error format.
struct Body<T>(T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S> for Body<T> {
    type Rejection = AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Body(v)),
            Err(e @ JsonRejection::MissingJsonContentType(_)) => {
                Err(AppError::BadRequest(e.body_text()))
            }
            Err(e) => Err(AppError::BadRequest(e.body_text())),
        }
    }
}

fn viewer(ctx: &Ctx, needed: Stage) -> Result<&Viewer, AppError> {
    let v = ctx.viewer.as_ref().ok_or(AppError::Unauthenticated)?;
    match (v.stage, needed) {
        (Stage::Complete, _) => Ok(v),
        (s, n) if s == n => Ok(v),
        (Stage::SecondFactor, _) => Err(AppError::SecondFactorRequired),
        (Stage::Enroll, _) => Err(AppError::EnrollmentRequired),
    }
}

fn ok(value: Value) -> ApiResult {
    Ok(Json(value).into_response())
}

fn no_content() -> ApiResult {
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn not_found() -> AppError {
    AppError::NotFound
}

#[derive(Deserialize)]
struct Credentials {
    email: String,
    password: String,
}

async fn sign_up(State(state): State<AppState>, ctx: Ctx, Body(b): Body<Credentials>) -> ApiResult {
    accounts::sign_up(&state, &ctx.meta, &b.email, &b.password).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({ "status": "check_your_mail" })),
    )
        .into_response())
}

#[derive(Deserialize)]
struct TokenBody {
    token: String,
}

async fn verify_email(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<TokenBody>,
) -> ApiResult {
    accounts::verify_email(&state, &ctx.meta, &b.token).await?;
    no_content()
}

#[derive(Deserialize)]
struct EmailBody {
    email: String,
}

async fn forgot_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<EmailBody>,
) -> ApiResult {
    accounts::request_password_reset(&state, &ctx.meta, &b.email).await?;
    Ok(StatusCode::ACCEPTED.into_response())
}

#[derive(Deserialize)]
struct ResetBody {
    token: String,
    password: String,
}

async fn reset_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<ResetBody>,
) -> ApiResult {
    accounts::reset_password(&state, &ctx.meta, &b.token, &b.password).await?;
    no_content()
}

async fn login(State(state): State<AppState>, ctx: Ctx, Body(b): Body<Credentials>) -> ApiResult {
    let signed_in =
        auth::login_password(&state, &ctx.meta, &b.email, &b.password, SessionKind::Api).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "token": signed_in.token, "stage": signed_in.stage })),
    )
        .into_response())
}

async fn current_session(ctx: Ctx) -> ApiResult {
    let v = ctx.viewer.as_ref().ok_or(AppError::Unauthenticated)?;
    ok(
        json!({ "stage": v.stage, "expires_at": v.session.expires_at, "created_at": v.session.created_at }),
    )
}

#[derive(Deserialize)]
struct CodeBody {
    code: String,
}

async fn second_factor(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<CodeBody>,
) -> ApiResult {
    let v = ctx.viewer.as_ref().ok_or(AppError::Unauthenticated)?;
    let signed_in = auth::login_second_factor(&state, &ctx.meta, v, &b.code).await?;
    ok(json!({ "token": signed_in.token, "stage": signed_in.stage }))
}

async fn logout(State(state): State<AppState>, ctx: Ctx) -> ApiResult {
    let v = ctx.viewer.as_ref().ok_or(AppError::Unauthenticated)?;
    auth::logout(&state, &ctx.meta, v).await?;
    no_content()
}

async fn logout_everywhere(State(state): State<AppState>, ctx: Ctx) -> ApiResult {
    let v = viewer(&ctx, Stage::Complete)?;
    let ended = auth::logout_everywhere(&state, &ctx.meta, v).await?;
    ok(json!({ "ended_sessions": ended }))
}

async fn list_sessions(State(state): State<AppState>, ctx: Ctx) -> ApiResult {
    let v = viewer(&ctx, Stage::Complete)?;
    let sessions: Vec<Value> = auth::sessions(&state, v)
        .await?
        .iter()
        .map(|s| {
            let device = crate::device::parse(s.user_agent.as_deref().unwrap_or(""));
            json!({
                "id": s.id,
                "kind": s.kind,
                "created_at": s.created_at,
                "last_seen_at": s.last_seen_at,
                "expires_at": s.expires_at,
                "ip": s.ip,
                "user_agent": s.user_agent,
                "device": { "browser": device.browser, "os": device.os },
                "current": s.id == v.session.id,
            })
        })
        .collect();
    ok(json!({ "sessions": sessions }))
}

/// A non-numeric id names no session: the same "not found" as someone else's.
async fn end_session(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> ApiResult {
    let v = viewer(&ctx, Stage::Complete)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    auth::end_session(&state, &ctx.meta, v, id).await?;
    no_content()
}

async fn me(ctx: Ctx) -> ApiResult {
    let v = ctx.viewer.as_ref().ok_or(AppError::Unauthenticated)?;
    let a = &v.account;
    ok(json!({
        "id": a.id, "email": a.email, "email_verified": a.email_verified_at.is_some(),
        "language": a.language, "role": a.role, "stage": v.stage, "two_factor_active": v.has_factor,
    }))
}

#[derive(Deserialize)]
struct PasswordBody {
    current_password: String,
    new_password: String,
}

async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<PasswordBody>,
) -> ApiResult {
    let v = viewer(&ctx, Stage::Complete)?;
    let token =
        accounts::change_password(&state, &ctx.meta, v, &b.current_password, &b.new_password)
            .await?;
    ok(json!({ "token": token }))
}

async fn security_events(State(state): State<AppState>, ctx: Ctx) -> ApiResult {
    let v = viewer(&ctx, Stage::Complete)?;
    let events = accounts::security_events(&state, v, 100).await?;
    ok(json!({ "events": events }))
}

async fn totp_status(State(state): State<AppState>, ctx: Ctx) -> ApiResult {
    let v = viewer(&ctx, Stage::Enroll)?;
    ok(serde_json::to_value(twofactor::status(&state, v).await?).unwrap_or_default())
}

async fn totp_start(State(state): State<AppState>, ctx: Ctx) -> ApiResult {
    let v = viewer(&ctx, Stage::Enroll)?;
    let e = twofactor::start_enrollment(&state, v).await?;
    let qr = crate::qr::data_uri(&e.otpauth_uri)?;
    ok(
        json!({ "secret": e.secret, "otpauth_uri": e.otpauth_uri, "qr_png_data_uri": qr, "moving": v.has_factor }),
    )
}

#[derive(Deserialize)]
struct ConfirmBody {
    code: String,
    /// A code or recovery code of the current factor, when moving to a new phone.
    #[serde(default)]
    current_code: Option<String>,
}

async fn totp_confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<ConfirmBody>,
) -> ApiResult {
    let v = viewer(&ctx, Stage::Enroll)?;
    let done =
        twofactor::confirm_enrollment(&state, &ctx.meta, v, &b.code, b.current_code.as_deref())
            .await?;
    let codes: Vec<String> = done.recovery_codes.iter().map(|c| c.display()).collect();
    ok(json!({ "recovery_codes": codes, "token": done.session_token, "moved": done.moved }))
}

async fn regenerate_codes(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<CodeBody>,
) -> ApiResult {
    let v = viewer(&ctx, Stage::Complete)?;
    let codes = twofactor::regenerate_codes(&state, &ctx.meta, v, &b.code).await?;
    ok(json!({ "recovery_codes": codes.iter().map(|c| c.display()).collect::<Vec<_>>() }))
}

async fn totp_disable(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<CodeBody>,
) -> ApiResult {
    let v = viewer(&ctx, Stage::Complete)?;
    twofactor::disable(&state, &ctx.meta, v, &b.code).await?;
    no_content()
}

#[derive(Deserialize)]
struct PhotoQuery {
    kind: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    request: Option<String>,
    /// `YYYY-MM-DD`; may be given twice (request and resubmission date).
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    ocr: Option<bool>,
}

/// Runs the photo pre-checks on the request body (the image bytes).
async fn photocheck(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<PhotoQuery>,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult {
    let body = crate::web::pages_photos::photo_body(body)?;
    viewer(&ctx, Stage::Complete)?;
    let kind = keydesk_photocheck::PhotoKind::parse(&q.kind).ok_or_else(|| {
        AppError::BadRequest(
            "kind must be selfie, document-front, document-back or address-side".into(),
        )
    })?;
    let dates = match q.date.as_deref() {
        Some(d) => vec![keydesk_photocheck::MemoDate::parse(d)
            .ok_or_else(|| AppError::BadRequest("date must be YYYY-MM-DD".into()))?],
        None => vec![],
    };
    let expected = keydesk_photocheck::Expected {
        kind,
        name: q.name,
        request_text: q.request,
        dates,
    };
    let report =
        crate::service::photos::run_checks(&state, body, expected, q.ocr.unwrap_or(true)).await?;
    ok(json!({ "blocking": report.blocking(), "report": report }))
}
