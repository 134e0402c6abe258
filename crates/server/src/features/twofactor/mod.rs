//! Two-factor authentication: TOTP enrollment and moving to a new phone, recovery
//! codes, turning 2FA off where the policy allows it.
mod api;
mod pages;
pub mod service;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/2fa/enroll", get(pages::enroll_page).post(pages::confirm))
        .route("/2fa/enroll/restart", post(pages::restart))
        .route(
            "/2fa/recovery-codes",
            get(pages::regenerate_page).post(pages::regenerate),
        )
        .route(
            "/2fa/disable",
            get(pages::disable_page).post(pages::disable),
        )
        .route("/api/v1/totp", get(api::status).delete(api::disable))
        .route("/api/v1/totp/enrollment", post(api::start))
        .route("/api/v1/totp/enrollment/confirm", post(api::confirm))
        .route("/api/v1/totp/recovery-codes", post(api::regenerate_codes))
}
