//! The console's forms for holds (an agent freezes an account or lifts their own hold,
//! from the customer's context beside a request) and the admins' service tokens page.
use super::{holds, tokens};
use crate::error::AppError;
use crate::features::desk::pages::parse_id;
use crate::state::AppState;
use crate::web::extract::{Admin, Staff};
use crate::web::form::Form;
use crate::web::{html, Ctx, PageCtx, PageResult};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use keydesk_domain::capability::hold::HoldScope;
use keydesk_store::models::ServiceToken;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HoldForm {
    scope: String,
    reason: String,
    /// Empty: until lifted.
    #[serde(default)]
    hours: String,
    /// The request page to go back to.
    #[serde(default)]
    back: Option<String>,
}

/// Back to the request the agent came from (a number only: never an open redirect).
fn back_to(back: Option<&str>) -> String {
    back.and_then(|b| parse_id(b).ok())
        .map(|n| format!("/agent/requests/{n}"))
        .unwrap_or_else(|| "/agent/requests".into())
}

pub(super) async fn add_hold(
    State(state): State<AppState>,
    ctx: Ctx,
    Staff(agent): Staff,
    Path(account): Path<String>,
    Form(f): Form<HoldForm>,
) -> PageResult {
    let account = parse_id(&account)?;
    let scope = HoldScope::parse(f.scope.trim())
        .ok_or_else(|| AppError::BadRequest("unknown hold scope".into()))?;
    let hours = match f.hours.trim() {
        "" => None,
        h => Some(
            h.parse::<i64>()
                .map_err(|_| AppError::BadRequest("hours must be a whole number".into()))?,
        ),
    };
    holds::add_manual(
        &state,
        &ctx.meta,
        &agent,
        account,
        scope,
        f.reason.trim(),
        hours,
    )
    .await?;
    Ok(Redirect::to(&back_to(f.back.as_deref())).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LiftForm {
    #[serde(default)]
    back: Option<String>,
}

pub(super) async fn lift_hold(
    State(state): State<AppState>,
    ctx: Ctx,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Form(f): Form<LiftForm>,
) -> PageResult {
    holds::lift(&state, &ctx.meta, &agent, parse_id(&id)?).await?;
    Ok(Redirect::to(&back_to(f.back.as_deref())).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct UnfreezeForm {
    #[serde(default)]
    back: Option<String>,
    /// The admin confirms the owner's identity was checked again.
    #[serde(default)]
    identity_checked: Option<String>,
}

/// An admin lifts an owner's freeze after checking their identity again.
pub(super) async fn unfreeze(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Form(f): Form<UnfreezeForm>,
) -> PageResult {
    let checked = f.identity_checked.as_deref() == Some("1");
    holds::unfreeze(&state, &ctx.meta, &admin, parse_id(&id)?, checked).await?;
    Ok(Redirect::to(&back_to(f.back.as_deref())).into_response())
}

#[derive(Template)]
#[template(path = "capabilities/tokens.html")]
struct TokensPage {
    p: PageCtx,
    tokens: Vec<ServiceToken>,
    scopes: Vec<&'static str>,
    /// A new token, shown once.
    created: Option<String>,
}

async fn tokens_page(state: &AppState, ctx: &Ctx, created: Option<String>) -> PageResult {
    Ok(html(TokensPage {
        p: PageCtx::new(state, ctx),
        tokens: tokens::list(state).await?,
        scopes: tokens::SCOPES.to_vec(),
        created,
    }))
}

pub(super) async fn list_tokens(State(state): State<AppState>, ctx: Ctx, _: Admin) -> PageResult {
    tokens_page(&state, &ctx, None).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TokenForm {
    name: String,
    scope: String,
}

pub(super) async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(admin): Admin,
    Form(f): Form<TokenForm>,
) -> PageResult {
    let created = tokens::create(
        &state,
        &ctx.meta,
        Some(admin.account.id),
        &f.name,
        &[f.scope.trim()],
    )
    .await?;
    tokens_page(&state, &ctx, Some(created.token)).await
}

pub(super) async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(admin): Admin,
    Path(id): Path<String>,
) -> PageResult {
    tokens::revoke(&state, &ctx.meta, Some(admin.account.id), parse_id(&id)?).await?;
    Ok(Redirect::to("/admin/tokens").into_response())
}
