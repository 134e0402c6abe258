//! Accounts: sign-up, e-mail verification, the forgotten and changed password, the
//! language, and the customer's security page.
mod api;
mod input;
mod pages;
pub mod service;

use crate::web::routes::Routes;
use utoipa_axum::routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/", pages::landing)
        .get("/signup", pages::signup_page)
        .post("/signup", pages::signup)
        .get("/email/verify", pages::verify_page)
        .post("/email/verify", pages::verify)
        .get("/password/forgot", pages::forgot_page)
        .post("/password/forgot", pages::forgot)
        .get("/password/reset", pages::reset_page)
        .post("/password/reset", pages::reset)
        .post("/language", pages::language)
        .post("/account/time-zone", pages::time_zone)
        .get("/account", pages::overview)
        .get("/account/events", pages::events)
        .get("/account/password", pages::password_page)
        .post("/account/password", pages::change_password)
        .post("/account/verify-email", pages::resend_verification)
        .api(routes!(api::sign_up))
        .api(routes!(api::verify_email))
        .api(routes!(api::forgot_password))
        .api(routes!(api::reset_password))
        .api(routes!(api::me))
        .api(routes!(api::change_password))
        .api(routes!(api::security_events))
}
