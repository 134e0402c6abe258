//! The desk's operator page: which request forms are in use (and why a changed file was
//! refused), the macros, and the webhooks with their recent deliveries.
use super::catalog;
use super::macros::{self, MacroInput};
use super::pages::parse_id;
use super::webhooks;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::extract::Admin;
use crate::web::form::Form;
use crate::web::{html, html_status, Ctx, FormError, PageCtx, PageResult};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use keydesk_domain::helpdesk::status::Status;
use keydesk_domain::helpdesk::webhook::Event;
use keydesk_store::models::{DeskMacro, Webhook, WebhookDelivery};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "desk/admin.html")]
struct DeskAdminPage {
    p: PageCtx,
    source: String,
    loaded_at: i64,
    categories: usize,
    failure: Option<(String, i64)>,
    macros: Vec<DeskMacro>,
    webhooks: Vec<Webhook>,
    deliveries: Vec<WebhookDelivery>,
    events: Vec<&'static str>,
    placeholders: Vec<&'static str>,
    statuses: Vec<&'static str>,
    /// A new webhook's secret, shown once.
    new_secret: Option<(i64, String)>,
    error: Option<FormError>,
    reloaded: bool,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    new_secret: Option<(i64, String)>,
    error: Option<FormError>,
    reloaded: bool,
) -> Result<DeskAdminPage, AppError> {
    let (loaded, failure) = state.categories.status();
    let (webhooks, deliveries) = webhooks::list(state).await?;
    Ok(DeskAdminPage {
        p: PageCtx::new(state, ctx),
        source: loaded.source,
        loaded_at: loaded.loaded_at,
        categories: loaded.value.categories.len(),
        failure: failure.map(|f| (f.message, f.at)),
        macros: macros::list(state).await?,
        webhooks,
        deliveries,
        events: Event::ALL.iter().map(|e| e.as_str()).collect(),
        placeholders: macros::PLACEHOLDERS.to_vec(),
        statuses: [
            Status::Open,
            Status::Pending,
            Status::OnHold,
            Status::Solved,
        ]
        .iter()
        .map(|s| s.as_str())
        .collect(),
        new_secret,
        error,
        reloaded,
    })
}

pub(super) async fn show(State(state): State<AppState>, ctx: Ctx, Admin(_): Admin) -> PageResult {
    Ok(html(page(&state, &ctx, None, None, false).await?))
}

async fn refused(state: &AppState, ctx: &Ctx, e: AppError) -> PageResult {
    if !e.status().is_client_error() || matches!(e, AppError::NotFound) {
        return Err(e);
    }
    let error = FormError::from_app(state, ctx, &e);
    Ok(html_status(
        e.status(),
        page(state, ctx, None, Some(error), false).await?,
    ))
}

pub(super) async fn reload(State(state): State<AppState>, ctx: Ctx, Admin(_): Admin) -> PageResult {
    // A failure is kept and shown by the page itself.
    let ok = catalog::reload(&state).is_ok();
    Ok(html(page(&state, &ctx, None, None, ok).await?))
}

#[derive(Deserialize)]
pub(super) struct MacroForm {
    name: String,
    body_en: String,
    body_ja: String,
    #[serde(default)]
    set_status: String,
}

impl MacroForm {
    fn input(self) -> Result<MacroInput, AppError> {
        let set_status = match self.set_status.as_str() {
            "" => None,
            s => Some(
                Status::parse(s).ok_or_else(|| AppError::BadRequest("unknown status".into()))?,
            ),
        };
        Ok(MacroInput {
            name: self.name,
            body_en: self.body_en,
            body_ja: self.body_ja,
            set_status,
        })
    }
}

pub(super) async fn create_macro(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(admin): Admin,
    Form(f): Form<MacroForm>,
) -> PageResult {
    let result = match f.input() {
        Ok(input) => macros::save(&state, &ctx.meta, &admin, None, &input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to("/admin/desk#macros").into_response()),
        Err(e) => refused(&state, &ctx, e).await,
    }
}

pub(super) async fn update_macro(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Form(f): Form<MacroForm>,
) -> PageResult {
    let id = parse_id(&id)?;
    let result = match f.input() {
        Ok(input) => macros::save(&state, &ctx.meta, &admin, Some(id), &input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to("/admin/desk#macros").into_response()),
        Err(e) => refused(&state, &ctx, e).await,
    }
}

pub(super) async fn delete_macro(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(admin): Admin,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id)?;
    macros::delete(&state, &ctx.meta, &admin, id).await?;
    Ok(Redirect::to("/admin/desk#macros").into_response())
}

#[derive(Deserialize)]
pub(super) struct WebhookForm {
    url: String,
    #[serde(default)]
    events: String,
}

pub(super) async fn create_webhook(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(admin): Admin,
    Form(f): Form<WebhookForm>,
) -> PageResult {
    let events: Vec<String> = f
        .events
        .split([',', ' '])
        .filter(|e| !e.is_empty())
        .map(str::to_owned)
        .collect();
    match webhooks::create(&state, &ctx.meta, &admin, &f.url, &events).await {
        Ok(created) => Ok(html(
            page(
                &state,
                &ctx,
                Some((created.id, created.secret)),
                None,
                false,
            )
            .await?,
        )),
        Err(e) => refused(&state, &ctx, e).await,
    }
}

#[derive(Deserialize)]
pub(super) struct ActiveForm {
    active: String,
}

pub(super) async fn set_webhook_active(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Form(f): Form<ActiveForm>,
) -> PageResult {
    let id = parse_id(&id)?;
    webhooks::set_active(&state, &ctx.meta, &admin, id, f.active == "1").await?;
    Ok(Redirect::to("/admin/desk#webhooks").into_response())
}
