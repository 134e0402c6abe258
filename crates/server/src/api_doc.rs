//! The API's OpenAPI document, served at `/api/v1/openapi.json`.
use axum::http::header;
use axum::response::{IntoResponse, Response};

pub const OPENAPI: &str = include_str!("openapi.json");

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
