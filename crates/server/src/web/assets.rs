//! The stylesheet and the scripts, compiled into the binary.
use super::routes::Routes;
use axum::http::header;
use axum::response::IntoResponse;

pub fn routes() -> Routes {
    Routes::new()
        .get("/static/app.css", stylesheet)
        .get("/static/photocheck.js", photocheck_script)
        .get("/static/copy.js", copy_script)
        .get("/static/desk-form.js", desk_form_script)
        .get("/static/verification.js", verification_script)
        .get("/static/reset.js", reset_script)
        .get("/static/good-selfie.svg", good_selfie_picture)
}

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
}

async fn stylesheet() -> impl IntoResponse {
    asset(
        "text/css; charset=utf-8",
        include_str!("../../static/app.css"),
    )
}

async fn photocheck_script() -> impl IntoResponse {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("../../static/photocheck.js"),
    )
}

async fn copy_script() -> impl IntoResponse {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("../../static/copy.js"),
    )
}

async fn desk_form_script() -> impl IntoResponse {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("../../static/desk-form.js"),
    )
}

async fn verification_script() -> impl IntoResponse {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("../../static/verification.js"),
    )
}

async fn reset_script() -> impl IntoResponse {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("../../static/reset.js"),
    )
}

/// The picture of a good ID selfie on the 2FA reset page.
async fn good_selfie_picture() -> impl IntoResponse {
    asset(
        "image/svg+xml",
        include_str!("../../static/good-selfie.svg"),
    )
}
