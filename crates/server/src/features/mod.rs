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
use axum::Router;

/// Every feature's routes; an unknown path is "not found", as a page in the visitor's
/// language or as the API's JSON.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(crate::web::assets::router())
        .merge(accounts::router())
        .merge(sessions::router())
        .merge(twofactor::router())
        .merge(photos::router())
        .merge(admin::router())
        .route(
            "/api/v1/openapi.json",
            axum::routing::get(crate::api_doc::openapi),
        )
        .fallback(crate::web::json::not_found)
}
