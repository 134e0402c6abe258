//! The photos feature's JSON API: the pre-check on any image, for integrations.
use super::upload::PhotoBody;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::extract::Complete;
use crate::web::json::{ok, ApiResult, Query};
use crate::web::openapi::ErrorBody;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct PhotoQuery {
    /// `selfie`, `document-front`, `document-back` or `address-side`.
    kind: String,
    /// The full name the memo must carry.
    #[serde(default)]
    name: Option<String>,
    /// The request the memo must state ("2FA reset", "二段階認証解除").
    #[serde(default)]
    request: Option<String>,
    /// The date the memo must carry, `YYYY-MM-DD`.
    #[serde(default)]
    date: Option<String>,
    /// Run the OCR-based checks (mirror, MRZ, memo); default true.
    #[serde(default)]
    ocr: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct PhotoCheckResult {
    /// Something must be fixed before the photo is sent.
    blocking: bool,
    /// The findings, each with its check, status, reasons and region.
    #[schema(value_type = Object)]
    report: keydesk_photocheck::Report,
}

/// Run the identity-photo pre-checks on an image (the request body: JPEG, PNG, WebP or
/// HEIC, up to 30 MB).
#[utoipa::path(
    post,
    path = "/api/v1/photocheck",
    tag = "photos",
    params(PhotoQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The image"),
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "The report", body = PhotoCheckResult),
        (status = 413, description = "Over 30 MB", body = ErrorBody),
        (status = 422, description = "Not an image that can be used, or bad parameters", body = ErrorBody),
        (status = 503, description = "Too many checks at once; retry", body = ErrorBody)
    )
)]
pub(super) async fn photocheck(
    State(state): State<AppState>,
    _: Complete,
    Query(q): Query<PhotoQuery>,
    PhotoBody(body): PhotoBody,
) -> ApiResult {
    let kind = keydesk_photocheck::PhotoKind::from_input(&q.kind).ok_or_else(|| {
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
    ok(PhotoCheckResult {
        blocking: report.blocking(),
        report,
    })
}
