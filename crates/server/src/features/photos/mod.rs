//! Identity photos: the instant pre-check and submission (the customer's page and the
//! API), the image for its owner and staff, and the agents' queue and review beside a
//! checklist pre-filled from the machine's findings.
pub(crate) mod agent;
mod api;
pub(crate) mod pages;
pub mod service;
pub(crate) mod upload;

pub use upload::PHOTO_BODY_LIMIT;

use crate::web::routes::Routes;
use axum::extract::DefaultBodyLimit;
use utoipa_axum::routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/photo-check", pages::page)
        .post("/photo-check", pages::send_form)
        .post("/photo-check/check", pages::check)
        .post("/photo-check/submit", pages::submit)
        .api(routes!(api::photocheck))
        .layer(DefaultBodyLimit::max(PHOTO_BODY_LIMIT))
        .get("/photos/{id}", pages::image)
        .get("/agent/photos", agent::queue)
        .get("/agent/photos/{id}", agent::review)
}
