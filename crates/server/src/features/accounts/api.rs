//! The accounts feature's JSON API.
use super::input::{Credentials, EmailAddress};
use super::service as accounts;
use crate::state::AppState;
use crate::web::extract::{Complete, SignedIn};
use crate::web::json::{accepted, no_content, ok, ApiResult, Body};
use crate::web::openapi::ErrorBody;
use crate::web::Ctx;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub(super) struct SignUpAccepted {
    /// Always `check_your_mail`, whether or not the address had an account.
    status: String,
}

/// Sign up. The answer is the same whether or not the address is taken; its owner gets
/// a mail instead.
#[utoipa::path(
    post,
    path = "/api/v1/accounts",
    tag = "accounts",
    request_body = Credentials,
    responses(
        (status = 202, description = "A verification mail is on its way", body = SignUpAccepted),
        (status = 422, description = "Invalid e-mail address or weak password", body = ErrorBody),
        (status = 429, description = "Too many sign-ups from this address", body = ErrorBody)
    )
)]
pub(super) async fn sign_up(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<Credentials>,
) -> ApiResult {
    accounts::sign_up(&state, &ctx.meta, &b.email, &b.password).await?;
    accepted(Some(SignUpAccepted {
        status: "check_your_mail".into(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct TokenBody {
    /// The token from the mail's link.
    token: String,
}

/// Confirm an e-mail address with the token from the mail.
#[utoipa::path(
    post,
    path = "/api/v1/email/verify",
    tag = "accounts",
    request_body = TokenBody,
    responses(
        (status = 204, description = "Confirmed"),
        (status = 410, description = "The link is not valid, expired or used", body = ErrorBody)
    )
)]
pub(super) async fn verify_email(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<TokenBody>,
) -> ApiResult {
    accounts::verify_email(&state, &ctx.meta, &b.token).await?;
    no_content()
}

/// Request a password reset mail. Always the same answer; a known address gets a
/// one-hour link.
#[utoipa::path(
    post,
    path = "/api/v1/password/forgot",
    tag = "accounts",
    request_body = EmailAddress,
    responses(
        (status = 202, description = "A mail is on its way if the address has an account"),
        (status = 429, description = "Too many requests from this address", body = ErrorBody)
    )
)]
pub(super) async fn forgot_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<EmailAddress>,
) -> ApiResult {
    accounts::request_password_reset(&state, &ctx.meta, &b.email).await?;
    accepted(None::<()>)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ResetBody {
    token: String,
    password: String,
}

/// Set a new password with the token from the reset mail; every session ends.
#[utoipa::path(
    post,
    path = "/api/v1/password/reset",
    tag = "accounts",
    request_body = ResetBody,
    responses(
        (status = 204, description = "The password is changed"),
        (status = 410, description = "The link is not valid, expired or used", body = ErrorBody),
        (status = 422, description = "Weak password", body = ErrorBody)
    )
)]
pub(super) async fn reset_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<ResetBody>,
) -> ApiResult {
    accounts::reset_password(&state, &ctx.meta, &b.token, &b.password).await?;
    no_content()
}

#[derive(Serialize, ToSchema)]
pub(super) struct Me {
    id: i64,
    email: String,
    email_verified: bool,
    /// `en` or `ja`.
    language: String,
    /// `customer`, `agent` or `admin`.
    role: String,
    #[schema(value_type = crate::web::openapi::StageName)]
    stage: keydesk_domain::identity::stage::Stage,
    two_factor_active: bool,
}

/// The signed-in account (at any stage of signing in).
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "accounts",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "The account", body = Me)
    )
)]
pub(super) async fn me(SignedIn(v): SignedIn) -> ApiResult {
    let a = &v.account;
    ok(Me {
        id: a.id,
        email: a.email.clone(),
        email_verified: a.email_verified_at.is_some(),
        language: a.language.code().to_owned(),
        role: a.role.as_str().to_owned(),
        stage: v.stage,
        two_factor_active: v.has_factor,
    })
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct PasswordBody {
    current_password: String,
    new_password: String,
}

#[derive(Serialize, ToSchema)]
pub(super) struct TokenResponse {
    /// The rotated session's new bearer token (the old one no longer works).
    token: String,
}

/// Change the password with the current one; other sessions end, this one rotates.
#[utoipa::path(
    post,
    path = "/api/v1/me/password",
    tag = "accounts",
    request_body = PasswordBody,
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "Changed; the session's new token", body = TokenResponse),
        (status = 401, description = "Not signed in, or the current password is wrong", body = ErrorBody),
        (status = 422, description = "Weak new password", body = ErrorBody),
        (status = 429, description = "Too many wrong passwords", body = ErrorBody)
    )
)]
pub(super) async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(v): Complete,
    Body(b): Body<PasswordBody>,
) -> ApiResult {
    let token =
        accounts::change_password(&state, &ctx.meta, &v, &b.current_password, &b.new_password)
            .await?;
    ok(TokenResponse { token })
}

#[derive(Serialize, ToSchema)]
pub(super) struct SecurityEvent {
    id: i64,
    account_id: Option<i64>,
    /// Who did it: the account itself, or staff.
    actor_id: Option<i64>,
    /// e.g. `login_password`, `totp_enrolled`, `password_changed`.
    kind: String,
    ip: Option<String>,
    user_agent: Option<String>,
    /// JSON text with the event's details.
    detail: String,
    created_at: i64,
}

#[derive(Serialize, ToSchema)]
pub(super) struct SecurityEvents {
    events: Vec<SecurityEvent>,
}

/// The account's latest security events (up to 100, newest first).
#[utoipa::path(
    get,
    path = "/api/v1/me/security-events",
    tag = "accounts",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "The events", body = SecurityEvents)
    )
)]
pub(super) async fn security_events(
    State(state): State<AppState>,
    Complete(v): Complete,
) -> ApiResult {
    let events = accounts::security_events(&state, &v, 100)
        .await?
        .into_iter()
        .map(|e| SecurityEvent {
            id: e.id,
            account_id: e.account_id,
            actor_id: e.actor_id,
            kind: e.kind.as_str().to_owned(),
            ip: e.ip,
            user_agent: e.user_agent,
            detail: e.detail,
            created_at: e.created_at,
        })
        .collect();
    ok(SecurityEvents { events })
}
