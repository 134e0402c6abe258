//! The help desk (J6): request forms from a catalogue admins edit, submission signed in
//! or signed out (then confirmed by mail), "My requests" and the customer's replies, the
//! agents' console with macros and the request's history, the automations (close after
//! solved, reminders) and signed webhooks. Statuses follow Zendesk's semantics; the rules
//! are in `keydesk_domain::helpdesk`.
mod admin;
mod agent;
mod api;
pub mod attachments;
pub mod catalog;
pub(crate) mod change;
pub mod console;
pub mod conversation;
mod form;
pub mod intake;
pub mod macros;
pub(crate) mod notify;
pub(crate) mod pages;
mod present;
pub mod rating;
mod rating_pages;
pub mod reindex;
pub mod search;
pub mod sla;
pub mod timers;
pub mod webhooks;

use crate::web::routes::Routes;
use axum::extract::DefaultBodyLimit;
use utoipa_axum::routes;

pub use form::BODY_LIMIT;

pub fn routes() -> Routes {
    Routes::new()
        .get("/requests/new", pages::categories)
        .get("/requests/new/{category}", pages::form)
        .post("/requests/new/{category}", pages::submit)
        .post("/requests/{number}/reply", pages::reply)
        .post("/agent/requests/{number}", agent::update)
        .api(routes!(api::create, api::list))
        .api(routes!(api::read, api::update))
        .api(routes!(api::reply))
        .api(routes!(api::satisfaction))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .get("/requests", pages::mine)
        .get("/requests/confirm", pages::confirm_page)
        .post("/requests/confirm", pages::confirm)
        .get("/requests/{number}", pages::request)
        .get("/requests/{number}/attachments/{id}", pages::attachment)
        .get("/requests/{number}/rating", rating_pages::page)
        .post("/requests/{number}/rating", rating_pages::rate)
        .get("/agent/reports/satisfaction", rating_pages::report)
        .api(routes!(api::attachment))
        .get("/agent/requests", agent::list)
        .get("/agent/requests/{number}", agent::request)
        .get("/admin/desk", admin::show)
        .post("/admin/desk/reload", admin::reload)
        .post("/admin/desk/macros", admin::create_macro)
        .post("/admin/desk/macros/{id}", admin::update_macro)
        .post("/admin/desk/macros/{id}/delete", admin::delete_macro)
        .post("/admin/desk/webhooks", admin::create_webhook)
        .post(
            "/admin/desk/webhooks/{id}/active",
            admin::set_webhook_active,
        )
}
