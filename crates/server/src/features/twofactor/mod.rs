//! Two-factor authentication: TOTP enrollment and moving to a new phone, recovery
//! codes, turning 2FA off where the policy allows it.
mod api;
mod input;
mod pages;
pub mod service;
mod step_sign_in;

use crate::web::routes::Routes;
use utoipa_axum::routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/2fa/enroll", pages::enroll_page)
        .post("/2fa/enroll", pages::confirm)
        .post("/2fa/enroll/restart", pages::restart)
        .get("/2fa/recovery-codes", pages::regenerate_page)
        .post("/2fa/recovery-codes", pages::regenerate)
        .get("/2fa/disable", pages::disable_page)
        .post("/2fa/disable", pages::disable)
        .api(routes!(api::status, api::disable))
        .api(routes!(api::start))
        .api(routes!(api::confirm))
        .api(routes!(api::regenerate_codes))
}
