//! Sessions: the login (password, then the second factor), log out, the account's
//! sessions and ending them.
mod api;
mod pages;
pub mod service;

use crate::state::AppState;
use axum::routing::{delete, get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(pages::login_page).post(pages::login))
        .route(
            "/login/2fa",
            get(pages::second_factor_page).post(pages::second_factor),
        )
        .route("/logout", post(pages::logout))
        .route("/account/logout-everywhere", post(pages::logout_everywhere))
        .route("/account/sessions/{id}/end", post(pages::end_session))
        .route("/api/v1/sessions", post(api::login).get(api::list_sessions))
        .route(
            "/api/v1/sessions/current",
            get(api::current_session).delete(api::logout),
        )
        .route(
            "/api/v1/sessions/current/second-factor",
            post(api::second_factor),
        )
        .route("/api/v1/sessions/{id}", delete(api::end_session))
        .route("/api/v1/sessions/all", delete(api::logout_everywhere))
}
