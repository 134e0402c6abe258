//! The two-factor feature's JSON API.
use super::input::Code;
use super::service as twofactor;
use crate::state::AppState;
use crate::web::extract::{Complete, Enrolling};
use crate::web::json::{no_content, ok, ApiResult, Body};
use crate::web::openapi::ErrorBody;
use crate::web::Ctx;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub(super) struct TotpStatus {
    active: bool,
    activated_at: Option<i64>,
    recovery_codes_remaining: usize,
    /// Whether the policy lets this account turn 2FA off.
    can_disable: bool,
}

/// Two-factor authentication status.
#[utoipa::path(
    get,
    path = "/api/v1/totp",
    tag = "twofactor",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "The status", body = TotpStatus),
        (status = 401, description = "Not signed in, or the second factor is still to come", body = ErrorBody)
    )
)]
pub(super) async fn status(State(state): State<AppState>, Enrolling(v): Enrolling) -> ApiResult {
    let s = twofactor::status(&state, &v).await?;
    ok(TotpStatus {
        active: s.active,
        activated_at: s.activated_at,
        recovery_codes_remaining: s.recovery_codes_remaining,
        can_disable: s.can_disable,
    })
}

#[derive(Serialize, ToSchema)]
pub(super) struct Enrollment {
    /// The secret in base32, for typing into the app.
    secret: String,
    otpauth_uri: String,
    /// The QR code of `otpauth_uri` as a PNG data URI.
    qr_png_data_uri: String,
    /// True when a factor is active: this enrollment moves 2FA to a new phone.
    moving: bool,
}

/// Start setting up an authenticator app (or moving it to a new phone). The same
/// pending secret comes back until it is confirmed.
#[utoipa::path(
    post,
    path = "/api/v1/totp/enrollment",
    tag = "twofactor",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "The pending secret", body = Enrollment),
        (status = 401, description = "Not signed in, or the second factor is still to come", body = ErrorBody)
    )
)]
pub(super) async fn start(State(state): State<AppState>, Enrolling(v): Enrolling) -> ApiResult {
    let e = twofactor::start_enrollment(&state, &v).await?;
    let qr = crate::qr::data_uri(&e.otpauth_uri)?;
    ok(Enrollment {
        secret: e.secret,
        otpauth_uri: e.otpauth_uri,
        qr_png_data_uri: qr,
        moving: v.has_factor,
    })
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ConfirmBody {
    /// A current code from the new authenticator.
    code: String,
    /// A code or recovery code of the current factor, when moving to a new phone.
    #[serde(default)]
    current_code: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct EnrollmentConfirmed {
    /// Shown once: store them apart from the phone.
    recovery_codes: Vec<String>,
    /// The rotated session's new bearer token.
    token: String,
    /// True when this moved 2FA from an old phone.
    moved: bool,
}

/// Confirm the authenticator app with its first code; returns the recovery codes.
#[utoipa::path(
    post,
    path = "/api/v1/totp/enrollment/confirm",
    tag = "twofactor",
    request_body = ConfirmBody,
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "Active", body = EnrollmentConfirmed),
        (status = 401, description = "Not signed in, or a code is wrong", body = ErrorBody),
        (status = 409, description = "No enrollment in progress, or proof of the current factor missing", body = ErrorBody),
        (status = 422, description = "Not a code", body = ErrorBody),
        (status = 429, description = "Delayed or locked after failures", body = ErrorBody)
    )
)]
pub(super) async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Enrolling(v): Enrolling,
    Body(b): Body<ConfirmBody>,
) -> ApiResult {
    let done =
        twofactor::confirm_enrollment(&state, &ctx.meta, &v, &b.code, b.current_code.as_deref())
            .await?;
    ok(EnrollmentConfirmed {
        recovery_codes: done.recovery_codes.iter().map(|c| c.display()).collect(),
        token: done.session_token,
        moved: done.moved,
    })
}

#[derive(Serialize, ToSchema)]
pub(super) struct RecoveryCodes {
    recovery_codes: Vec<String>,
}

/// Replace the recovery codes; needs a current code from the authenticator.
#[utoipa::path(
    post,
    path = "/api/v1/totp/recovery-codes",
    tag = "twofactor",
    request_body = Code,
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "The new codes (the old ones no longer work)", body = RecoveryCodes),
        (status = 401, description = "Not signed in, or the code is wrong", body = ErrorBody),
        (status = 409, description = "2FA is not active", body = ErrorBody),
        (status = 422, description = "Not a code", body = ErrorBody),
        (status = 429, description = "Delayed or locked after failures", body = ErrorBody)
    )
)]
pub(super) async fn regenerate_codes(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(v): Complete,
    Body(b): Body<Code>,
) -> ApiResult {
    let codes = twofactor::regenerate_codes(&state, &ctx.meta, &v, &b.code).await?;
    ok(RecoveryCodes {
        recovery_codes: codes.iter().map(|c| c.display()).collect(),
    })
}

/// Turn two-factor authentication off, where the policy allows it.
#[utoipa::path(
    delete,
    path = "/api/v1/totp",
    tag = "twofactor",
    request_body = Code,
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 204, description = "Turned off"),
        (status = 401, description = "Not signed in, or the code is wrong", body = ErrorBody),
        (status = 403, description = "The policy does not allow it", body = ErrorBody),
        (status = 409, description = "2FA is not active", body = ErrorBody),
        (status = 422, description = "Not a code", body = ErrorBody),
        (status = 429, description = "Delayed or locked after failures", body = ErrorBody)
    )
)]
pub(super) async fn disable(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(v): Complete,
    Body(b): Body<Code>,
) -> ApiResult {
    twofactor::disable(&state, &ctx.meta, &v, &b.code).await?;
    no_content()
}
