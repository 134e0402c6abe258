//! Accounts: sign-up, e-mail verification, the forgotten and changed password, the
//! language, and the customer's security page.
mod api;
mod pages;
pub mod service;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::landing))
        .route("/signup", get(pages::signup_page).post(pages::signup))
        .route("/email/verify", get(pages::verify_page).post(pages::verify))
        .route(
            "/password/forgot",
            get(pages::forgot_page).post(pages::forgot),
        )
        .route("/password/reset", get(pages::reset_page).post(pages::reset))
        .route("/language", post(pages::language))
        .route("/account", get(pages::overview))
        .route("/account/events", get(pages::events))
        .route(
            "/account/password",
            get(pages::password_page).post(pages::change_password),
        )
        .route("/account/verify-email", post(pages::resend_verification))
        .route("/api/v1/accounts", post(api::sign_up))
        .route("/api/v1/email/verify", post(api::verify_email))
        .route("/api/v1/password/forgot", post(api::forgot_password))
        .route("/api/v1/password/reset", post(api::reset_password))
        .route("/api/v1/me", get(api::me))
        .route("/api/v1/me/password", post(api::change_password))
        .route("/api/v1/me/security-events", get(api::security_events))
}
