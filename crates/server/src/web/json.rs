//! What the JSON API's handlers share: a body extractor that answers a malformed body
//! in the API's error format, and the result type. Authentication is a bearer token
//! (`POST /api/v1/sessions` returns one) or the browser session with its CSRF token in
//! `X-CSRF-Token`; errors are `{"error":{"code","message"}}` (see `web::render`).
use crate::error::AppError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

pub type ApiResult = Result<Response, AppError>;

/// A JSON object as the body, with a malformed one, an array or an unknown field (the
/// input types deny them) answered in the API's error format.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S> for Body<T> {
    type Rejection = AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let whole = axum::extract::Request::from_parts(parts.clone(), body);
        let bytes = axum::body::Bytes::from_request(whole, state)
            .await
            .map_err(|e| AppError::from_rejection(e.status(), e.body_text()))?;
        // serde reads a struct from an array too (by position): the API takes objects.
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
        if first.is_some_and(|b| *b != b'{') {
            return Err(AppError::BadRequest(
                "the body must be a JSON object".into(),
            ));
        }
        let req = axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes));
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Body(v)),
            Err(e) => Err(AppError::from_rejection(e.status(), e.body_text())),
        }
    }
}

pub fn ok(value: impl Serialize) -> ApiResult {
    Ok(Json(value).into_response())
}

pub fn created(value: impl Serialize) -> ApiResult {
    Ok((StatusCode::CREATED, Json(value)).into_response())
}

pub fn accepted(value: Option<impl Serialize>) -> ApiResult {
    Ok(match value {
        Some(v) => (StatusCode::ACCEPTED, Json(v)).into_response(),
        None => StatusCode::ACCEPTED.into_response(),
    })
}

/// Query parameters, with malformed ones (a repeated or mistyped parameter) answered as
/// any other error: the API's JSON, or a page in the customer's language.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequestParts<S>
    for Query<T>
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        // The query decoder takes invalid UTF-8 as U+FFFD: a search for bytes no one can
        // type would quietly find nothing. It is refused as malformed instead.
        let raw = parts.uri.query().unwrap_or_default();
        if percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .is_err()
        {
            return Err(AppError::BadRequest(
                "the query string is not valid UTF-8".into(),
            ));
        }
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| Query(v))
            .map_err(|e| AppError::BadRequest(e.body_text()))
    }
}

pub fn no_content() -> ApiResult {
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A path no route takes: "not found", as a page or as the API's JSON.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// A path routed for other methods (axum adds the `Allow` header).
pub async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
