//! What an account may do now, and the holds that restrict it: the domain's rule
//! (`keydesk_domain::capability`) over tier, verification case and holds; the agents'
//! holds; and the capabilities API for the exchange's other services, with the service
//! tokens admins issue for it.
mod api;
pub mod holds;
mod pages;
pub mod service;
pub mod tokens;

use crate::web::routes::Routes;
use utoipa_axum::routes;

pub fn routes() -> Routes {
    Routes::new()
        .api(routes!(api::capabilities))
        .post("/agent/accounts/{id}/holds", pages::add_hold)
        .post("/agent/holds/{id}/lift", pages::lift_hold)
        .post("/agent/holds/{id}/unfreeze", pages::unfreeze)
        .get("/admin/tokens", pages::list_tokens)
        .post("/admin/tokens", pages::create_token)
        .post("/admin/tokens/{id}/revoke", pages::revoke_token)
}
