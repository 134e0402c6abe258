//! `POST /api/v1/mail/inbound`: a raw message from a mail gateway (a service token with
//! `mail:ingest`).
use super::ingest::{ingest, IngestError, Ingested};
use crate::state::AppState;

/// What the gateway is told of a message taken.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub(super) struct Taken {
    /// `added`, `kept_aside`, `recorded` or `opened`.
    outcome: &'static str,
    /// The request it went to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<i64>,
}

impl From<Ingested> for Taken {
    fn from(i: Ingested) -> Self {
        let (outcome, number) = match i {
            Ingested::Added(n) => ("added", Some(n)),
            Ingested::KeptAside(n) => ("kept_aside", Some(n)),
            Ingested::Recorded(n) => ("recorded", n),
            Ingested::Opened(n) => ("opened", Some(n)),
        };
        Taken { outcome, number }
    }
}

/// Take one raw RFC 5322 message (for mail gateways; a service token with
/// `mail:ingest`). A permanent refusal (unparseable, oversized) is a 422 the gateway
/// should bounce; a temporary one a 500 to retry.
#[utoipa::path(
    post,
    path = "/api/v1/mail/inbound",
    tag = "desk",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The raw RFC 5322 message (sent as message/rfc822 or application/octet-stream)"),
    security(("serviceToken" = [])),
    responses(
        (status = 200, description = "Taken", body = Taken),
        (status = 401, description = "No service token, or a wrong or revoked one", body = crate::web::openapi::ErrorBody),
        (status = 403, description = "The token lacks mail:ingest", body = crate::web::openapi::ErrorBody),
        (status = 422, description = "Refused for good: bounce it", body = crate::web::openapi::ErrorBody),
        (status = 500, description = "Not taken now: retry", body = crate::web::openapi::ErrorBody)
    )
)]
pub(super) async fn inbound(
    axum::extract::State(state): axum::extract::State<AppState>,
    ctx: crate::web::Ctx,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> crate::web::json::ApiResult {
    let sent = crate::web::context::bearer(&headers);
    crate::features::capabilities::tokens::authenticate(&state, &ctx.meta, sent, "mail:ingest")
        .await?;
    match ingest(&state, &body).await {
        Ok(taken) => crate::web::json::ok(Taken::from(taken)),
        Err(IngestError::Permanent(why)) => Err(crate::error::AppError::BadRequest(why)),
        Err(IngestError::Temporary(e)) => Err(crate::error::AppError::Internal(e)),
    }
}
