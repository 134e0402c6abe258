//! The accounts feature's JSON API.
use super::service as accounts;
use crate::state::AppState;
use crate::web::extract::{Complete, SignedIn};
use crate::web::json::{accepted, no_content, ok, ApiResult, Body};
use crate::web::Ctx;
use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub(super) struct Credentials {
    email: String,
    password: String,
}

pub(super) async fn sign_up(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<Credentials>,
) -> ApiResult {
    accounts::sign_up(&state, &ctx.meta, &b.email, &b.password).await?;
    accepted(Some(json!({ "status": "check_your_mail" })))
}

#[derive(Deserialize)]
pub(super) struct TokenBody {
    token: String,
}

pub(super) async fn verify_email(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<TokenBody>,
) -> ApiResult {
    accounts::verify_email(&state, &ctx.meta, &b.token).await?;
    no_content()
}

#[derive(Deserialize)]
pub(super) struct EmailBody {
    email: String,
}

pub(super) async fn forgot_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<EmailBody>,
) -> ApiResult {
    accounts::request_password_reset(&state, &ctx.meta, &b.email).await?;
    accepted(None)
}

#[derive(Deserialize)]
pub(super) struct ResetBody {
    token: String,
    password: String,
}

pub(super) async fn reset_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<ResetBody>,
) -> ApiResult {
    accounts::reset_password(&state, &ctx.meta, &b.token, &b.password).await?;
    no_content()
}

pub(super) async fn me(SignedIn(v): SignedIn) -> ApiResult {
    let a = &v.account;
    ok(json!({
        "id": a.id, "email": a.email, "email_verified": a.email_verified_at.is_some(),
        "language": a.language, "role": a.role, "stage": v.stage, "two_factor_active": v.has_factor,
    }))
}

#[derive(Deserialize)]
pub(super) struct PasswordBody {
    current_password: String,
    new_password: String,
}

pub(super) async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(v): Complete,
    Body(b): Body<PasswordBody>,
) -> ApiResult {
    let token =
        accounts::change_password(&state, &ctx.meta, &v, &b.current_password, &b.new_password)
            .await?;
    ok(json!({ "token": token }))
}

pub(super) async fn security_events(
    State(state): State<AppState>,
    Complete(v): Complete,
) -> ApiResult {
    let events = accounts::security_events(&state, &v, 100).await?;
    ok(json!({ "events": events }))
}
