//! The sessions feature's JSON API.
use super::service as sessions;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::extract::{Complete, SignedIn};
use crate::web::json::{created, no_content, ok, ApiResult, Body};
use crate::web::Ctx;
use axum::extract::{Path, State};
use keydesk_store::models::SessionKind;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
pub(super) struct Credentials {
    email: String,
    password: String,
}

pub(super) async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<Credentials>,
) -> ApiResult {
    let new = sessions::login_password(&state, &ctx.meta, &b.email, &b.password, SessionKind::Api)
        .await?;
    created(json!({ "token": new.token, "stage": new.stage }))
}

pub(super) async fn current_session(SignedIn(v): SignedIn) -> ApiResult {
    ok(
        json!({ "stage": v.stage, "expires_at": v.session.expires_at, "created_at": v.session.created_at }),
    )
}

#[derive(Deserialize)]
pub(super) struct CodeBody {
    code: String,
}

pub(super) async fn second_factor(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(v): SignedIn,
    Body(b): Body<CodeBody>,
) -> ApiResult {
    let new = sessions::login_second_factor(&state, &ctx.meta, &v, &b.code).await?;
    ok(json!({ "token": new.token, "stage": new.stage }))
}

pub(super) async fn logout(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(v): SignedIn,
) -> ApiResult {
    sessions::logout(&state, &ctx.meta, &v).await?;
    no_content()
}

pub(super) async fn logout_everywhere(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(v): Complete,
) -> ApiResult {
    let ended = sessions::logout_everywhere(&state, &ctx.meta, &v).await?;
    ok(json!({ "ended_sessions": ended }))
}

pub(super) async fn list_sessions(
    State(state): State<AppState>,
    Complete(v): Complete,
) -> ApiResult {
    let sessions: Vec<Value> = sessions::sessions(&state, &v)
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
pub(super) async fn end_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(v): Complete,
    Path(id): Path<String>,
) -> ApiResult {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    sessions::end_session(&state, &ctx.meta, &v, id).await?;
    no_content()
}
