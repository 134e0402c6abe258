//! Sessions: the login (password, then the second factor), log out, the account's
//! sessions and ending them.
mod api;
mod input;
mod pages;
pub mod service;

use crate::web::routes::Routes;
use utoipa_axum::routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/login", pages::login_page)
        .post("/login", pages::login)
        .get("/login/2fa", pages::second_factor_page)
        .post("/login/2fa", pages::second_factor)
        .post("/logout", pages::logout)
        .post("/account/logout-everywhere", pages::logout_everywhere)
        .post("/account/sessions/{id}/end", pages::end_session)
        .api(routes!(api::login, api::list_sessions))
        .api(routes!(api::current_session, api::logout))
        .api(routes!(api::second_factor))
        .api(routes!(api::end_session))
        .api(routes!(api::logout_everywhere))
}
