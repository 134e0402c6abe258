//! Identity photos: the instant pre-check and submission (the customer's page and the
//! API), the image for its owner and staff, and the agents' queue and review beside a
//! checklist pre-filled from the machine's findings.
mod agent;
mod api;
mod pages;
pub mod service;

pub use pages::PHOTO_BODY_LIMIT;

use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/photo-check", get(pages::page).post(pages::send_form))
        .route("/photo-check/check", post(pages::check))
        .route("/photo-check/submit", post(pages::submit))
        .route("/api/v1/photocheck", post(api::photocheck))
        .layer(DefaultBodyLimit::max(PHOTO_BODY_LIMIT))
        .route("/photos/{id}", get(pages::image))
        .route("/agent/photos", get(agent::queue))
        .route("/agent/photos/{id}", get(agent::review))
}
