//! The product, one folder per feature. Each feature owns its router (pages and API
//! routes together), its use cases (`service.rs`) and its templates
//! (`templates/<feature>/`); it meets the rest through `web` (extractors, rendering),
//! `usecase` (the unit of work, throttling) and `auth` (who is asking).
//!
//! To add a feature: a folder here with `mod.rs` (its `router()`), `pages.rs` and/or
//! `api.rs` (thin handlers: extract, call one use case, render), `service.rs` (the use
//! cases), its rules in `keydesk_domain`, its SQL in `keydesk_store::repo`, its error
//! in `crate::error`, its texts in `locales/{en,ja}/<feature>.ftl`, its routes merged in
//! [`router`] and placed in the authorisation matrix test.
pub mod accounts;
pub mod admin;
pub mod capabilities;
pub mod credentials;
pub mod desk;
pub mod help;
pub mod mail_in;
pub mod photos;
pub mod sessions;
pub mod twofactor;
pub mod twofactor_reset;
pub mod verification;

use crate::state::AppState;
use crate::web::json::ApiResult;
use crate::web::openapi::ApiDoc;
use crate::web::routes::{Route, Routes};
use axum::http::header;
use axum::response::IntoResponse;
use axum::Router;
use std::sync::OnceLock;
use utoipa::OpenApi;
use utoipa_axum::routes;

/// Every feature's routes, and this document's own.
pub fn routes() -> Routes {
    Routes::new()
        .merge(crate::web::assets::routes())
        .merge(accounts::routes())
        .merge(sessions::routes())
        .merge(twofactor::routes())
        .merge(photos::routes())
        .merge(admin::routes())
        .merge(help::routes())
        .merge(desk::routes())
        .merge(verification::routes())
        .merge(capabilities::routes())
        .merge(twofactor_reset::routes())
        .merge(mail_in::routes())
        .api(routes!(openapi))
}

/// The application's router; an unknown path is "not found", as a page in the visitor's
/// language or as the API's JSON.
pub fn router() -> Router<AppState> {
    let (router, _, _) = routes().into_parts(ApiDoc::openapi());
    router
        .fallback(crate::web::json::not_found)
        .method_not_allowed_fallback(crate::web::json::method_not_allowed)
}

/// Every method and path the application answers, for the authorisation matrix.
pub fn route_table() -> Vec<Route> {
    routes().into_parts(ApiDoc::openapi()).2
}

/// The periodic sweeps: expired sessions, files no row points at, verification images
/// past their retention.
pub async fn maintenance(state: AppState) -> anyhow::Result<()> {
    let mut tx = state.store.begin().await?;
    tx.delete_expired_sessions(state.now()).await?;
    tx.commit().await?;
    let removed = photos::service::sweep_orphans(&state).await?;
    if removed > 0 {
        tracing::info!(removed, "swept orphaned photo files");
    }
    let expired = desk::intake::delete_unconfirmed(&state).await?;
    if expired > 0 {
        tracing::info!(
            expired,
            "deleted requests whose address was never confirmed"
        );
    }
    let removed = desk::attachments::sweep_orphans(&state).await?;
    if removed > 0 {
        tracing::info!(removed, "swept orphaned attachment files");
    }
    let removed = desk::attachments::purge_closed(&state).await?;
    if removed > 0 {
        tracing::info!(
            removed,
            "deleted attachments of requests closed past their retention"
        );
    }
    let breached = desk::sla::count_breaches(&state).await?;
    if breached > 0 {
        tracing::warn!(breached, "SLA deadlines passed");
    }
    verification::retention::purge(&state).await?;
    let removed = verification::retention::sweep_orphans(&state).await?;
    if removed > 0 {
        tracing::info!(removed, "swept orphaned verification images");
    }
    let carried_out = twofactor_reset::execute::run_due(&state).await?;
    if carried_out > 0 {
        tracing::warn!(
            carried_out,
            "2FA resets carried out by the sweep, not their job"
        );
    }
    twofactor_reset::retention::purge(&state).await?;
    let removed = twofactor_reset::retention::sweep_orphans(&state).await?;
    if removed > 0 {
        tracing::info!(removed, "swept orphaned reset images");
    }
    Ok(())
}

/// Runs the features' own jobs for the worker (a mail it delivers itself).
pub fn perform(
    state: &AppState,
    job: crate::jobs::Job,
) -> futures_util::future::BoxFuture<'_, anyhow::Result<()>> {
    use crate::jobs::Job;
    Box::pin(async move {
        match job {
            Job::DeskTimer(timer) => desk::timers::run(state, timer).await,
            Job::Webhook(delivery) => desk::webhooks::deliver(state, delivery).await,
            Job::HoldEnded(end) => capabilities::holds::ended(state, end).await,
            Job::ResetDue(due) => twofactor_reset::execute::run(state, due).await,
            Job::Mail(_) => Err(anyhow::anyhow!("mails are the worker's own")),
        }
    })
}

static DOCUMENT: OnceLock<String> = OnceLock::new();

/// The API's OpenAPI document, generated once from the route table.
pub fn document() -> &'static str {
    DOCUMENT.get_or_init(|| {
        let (_, doc, _) = routes().into_parts(ApiDoc::openapi());
        doc.to_json().unwrap_or_else(|_| "{}".to_owned())
    })
}

/// This OpenAPI document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object))
)]
pub async fn openapi() -> ApiResult {
    Ok(([(header::CONTENT_TYPE, "application/json")], document()).into_response())
}
