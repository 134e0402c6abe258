//! The photos feature's JSON API: the pre-check on any image, for integrations.
use super::pages::photo_body;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::extract::Complete;
use crate::web::json::{ok, ApiResult};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub(super) struct PhotoQuery {
    kind: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    request: Option<String>,
    /// `YYYY-MM-DD`; may be given twice (request and resubmission date).
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    ocr: Option<bool>,
}

/// Runs the photo pre-checks on the request body (the image bytes).
pub(super) async fn photocheck(
    State(state): State<AppState>,
    _: Complete,
    Query(q): Query<PhotoQuery>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    let body = photo_body(body)?;
    let kind = keydesk_photocheck::PhotoKind::parse(&q.kind).ok_or_else(|| {
        AppError::BadRequest(
            "kind must be selfie, document-front, document-back or address-side".into(),
        )
    })?;
    let dates = match q.date.as_deref() {
        Some(d) => vec![keydesk_photocheck::MemoDate::parse(d)
            .ok_or_else(|| AppError::BadRequest("date must be YYYY-MM-DD".into()))?],
        None => vec![],
    };
    let expected = keydesk_photocheck::Expected {
        kind,
        name: q.name,
        request_text: q.request,
        dates,
    };
    let report = super::service::run_checks(&state, body, expected, q.ocr.unwrap_or(true)).await?;
    ok(json!({ "blocking": report.blocking(), "report": report }))
}
