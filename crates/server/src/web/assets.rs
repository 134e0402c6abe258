//! The stylesheet and the one script, compiled into the binary.
use super::routes::Routes;
use axum::http::header;
use axum::response::IntoResponse;

pub fn routes() -> Routes {
    Routes::new()
        .get("/static/app.css", stylesheet)
        .get("/static/photocheck.js", photocheck_script)
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
}

async fn photocheck_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/photocheck.js"),
    )
}
