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
pub mod photos;
pub mod sessions;
pub mod twofactor;

use crate::state::AppState;
use crate::web::routes::{Route, Routes};
use axum::Router;
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
        .api(routes!(crate::api_doc::openapi))
}

/// The application's router; an unknown path is "not found", as a page in the visitor's
/// language or as the API's JSON.
pub fn router() -> Router<AppState> {
    let (router, _, _) = routes().into_parts(crate::api_doc::ApiDoc::openapi());
    router.fallback(crate::web::json::not_found)
}

/// Every method and path the application answers, for the authorisation matrix.
pub fn route_table() -> Vec<Route> {
    routes().into_parts(crate::api_doc::ApiDoc::openapi()).2
}
