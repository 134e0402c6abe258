//! Operator pages for admins: the embedded outbox.
mod outbox;

use crate::state::AppState;
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/outbox", get(outbox::outbox))
        .route("/admin/outbox/{id}", get(outbox::outbox_mail))
}
