//! The two-factor feature's JSON API.
use super::service as twofactor;
use crate::state::AppState;
use crate::web::extract::{Complete, Enrolling};
use crate::web::json::{no_content, ok, ApiResult, Body};
use crate::web::Ctx;
use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

pub(super) async fn status(State(state): State<AppState>, Enrolling(v): Enrolling) -> ApiResult {
    ok(serde_json::to_value(twofactor::status(&state, &v).await?).unwrap_or_default())
}

pub(super) async fn start(State(state): State<AppState>, Enrolling(v): Enrolling) -> ApiResult {
    let e = twofactor::start_enrollment(&state, &v).await?;
    let qr = crate::qr::data_uri(&e.otpauth_uri)?;
    ok(
        json!({ "secret": e.secret, "otpauth_uri": e.otpauth_uri, "qr_png_data_uri": qr, "moving": v.has_factor }),
    )
}

#[derive(Deserialize)]
pub(super) struct ConfirmBody {
    code: String,
    /// A code or recovery code of the current factor, when moving to a new phone.
    #[serde(default)]
    current_code: Option<String>,
}

pub(super) async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Enrolling(v): Enrolling,
    Body(b): Body<ConfirmBody>,
) -> ApiResult {
    let done =
        twofactor::confirm_enrollment(&state, &ctx.meta, &v, &b.code, b.current_code.as_deref())
            .await?;
    let codes: Vec<String> = done.recovery_codes.iter().map(|c| c.display()).collect();
    ok(json!({ "recovery_codes": codes, "token": done.session_token, "moved": done.moved }))
}

#[derive(Deserialize)]
pub(super) struct CodeBody {
    code: String,
}

pub(super) async fn regenerate_codes(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(v): Complete,
    Body(b): Body<CodeBody>,
) -> ApiResult {
    let codes = twofactor::regenerate_codes(&state, &ctx.meta, &v, &b.code).await?;
    ok(json!({ "recovery_codes": codes.iter().map(|c| c.display()).collect::<Vec<_>>() }))
}

pub(super) async fn disable(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(v): Complete,
    Body(b): Body<CodeBody>,
) -> ApiResult {
    twofactor::disable(&state, &ctx.meta, &v, &b.code).await?;
    no_content()
}
