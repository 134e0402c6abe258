//! `GET /api/v1/accounts/{id}/capabilities`, for the exchange's other services (a
//! service token with `capabilities:read`): may this account log in, deposit, trade and
//! withdraw now, its limits, and every reason for what it may not.
use super::{service, tokens};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::json::{ok, ApiResult};
use crate::web::openapi::ErrorBody;
use crate::web::Ctx;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub(super) struct Capabilities {
    account_id: i64,
    /// `unverified`, `basic` or `enhanced`.
    tier: String,
    /// Each of log_in, deposit, trade, withdraw: allowed, and every denial with its
    /// reason (tier_too_low with the tier needed, in_review, held with until when).
    #[schema(value_type = Vec<Object>)]
    capabilities: Vec<keydesk_domain::capability::Answer>,
    /// The holds in force now.
    #[schema(value_type = Vec<Object>)]
    holds: Vec<keydesk_domain::capability::hold::Hold>,
    /// When this answer was made (its denials' `until` may pass soon after).
    as_of: i64,
}

/// What an account may do now, and why not.
#[utoipa::path(
    get,
    path = "/api/v1/accounts/{id}/capabilities",
    tag = "capabilities",
    params(("id" = i64, Path, description = "The account")),
    security(("serviceToken" = [])),
    responses(
        (status = 200, description = "The account's capabilities", body = Capabilities),
        (status = 401, description = "No service token, or a wrong or revoked one", body = ErrorBody),
        (status = 403, description = "The token lacks capabilities:read", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
        (status = 429, description = "Too many wrong tokens from this address", body = ErrorBody)
    )
)]
pub(super) async fn capabilities(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult {
    let id = crate::features::desk::pages::parse_id(&id)?;
    let sent = crate::web::context::bearer(&headers);
    tokens::authenticate(&state, &ctx.meta, sent, "capabilities:read").await?;
    let account = state
        .store
        .read()
        .await?
        .account_by_id(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.now();
    let found = service::of_account(&state, &account).await?;
    ok(Capabilities {
        account_id: id,
        tier: account.tier.as_str().to_owned(),
        capabilities: found.answers,
        holds: found.holds,
        as_of: now,
    })
}
