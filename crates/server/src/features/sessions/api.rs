//! The sessions feature's JSON API.
use super::input::{Code, Credentials};
use super::service as sessions;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::extract::{Complete, SignedIn};
use crate::web::json::{created, no_content, ok, ApiResult, Body};
use crate::web::openapi::{ErrorBody, StageName};
use crate::web::Ctx;
use axum::extract::{Path, State};
use keydesk_domain::identity::stage::Stage;
use keydesk_store::models::SessionKind;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub(super) struct SessionToken {
    /// The bearer token: `Authorization: Bearer <token>`.
    token: String,
    #[schema(value_type = StageName)]
    stage: Stage,
}

/// Log in with e-mail and password. The session may still need the second factor
/// (`stage`).
#[utoipa::path(
    post,
    path = "/api/v1/sessions",
    tag = "sessions",
    request_body = Credentials,
    responses(
        (status = 201, description = "Signed in", body = SessionToken),
        (status = 401, description = "Wrong e-mail or password", body = ErrorBody),
        (status = 429, description = "Delayed or locked after failures", body = ErrorBody)
    )
)]
pub(super) async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<Credentials>,
) -> ApiResult {
    let new = sessions::login_password(&state, &ctx.meta, &b.email, &b.password, SessionKind::Api)
        .await?;
    created(SessionToken {
        token: new.token,
        stage: new.stage,
    })
}

#[derive(Serialize, ToSchema)]
pub(super) struct CurrentSession {
    #[schema(value_type = StageName)]
    stage: Stage,
    expires_at: i64,
    created_at: i64,
}

/// The current session.
#[utoipa::path(
    get,
    path = "/api/v1/sessions/current",
    tag = "sessions",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "The session", body = CurrentSession)
    )
)]
pub(super) async fn current_session(SignedIn(v): SignedIn) -> ApiResult {
    ok(CurrentSession {
        stage: v.stage,
        expires_at: v.session.expires_at,
        created_at: v.session.created_at,
    })
}

/// Complete the login with an authenticator code or a recovery code; the session
/// rotates (the old token stops working).
#[utoipa::path(
    post,
    path = "/api/v1/sessions/current/second-factor",
    tag = "sessions",
    request_body = Code,
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "Signed in; the new token", body = SessionToken),
        (status = 401, description = "Not signed in, or the code is wrong", body = ErrorBody),
        (status = 422, description = "Not a code, or no second factor awaited", body = ErrorBody),
        (status = 429, description = "Delayed or locked after failures", body = ErrorBody)
    )
)]
pub(super) async fn second_factor(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(v): SignedIn,
    Body(b): Body<Code>,
) -> ApiResult {
    let new = sessions::login_second_factor(&state, &ctx.meta, &v, &b.code).await?;
    ok(SessionToken {
        token: new.token,
        stage: new.stage,
    })
}

/// Log out (end the current session).
#[utoipa::path(
    delete,
    path = "/api/v1/sessions/current",
    tag = "sessions",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 204, description = "Logged out")
    )
)]
pub(super) async fn logout(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(v): SignedIn,
) -> ApiResult {
    sessions::logout(&state, &ctx.meta, &v).await?;
    no_content()
}

#[derive(Serialize, ToSchema)]
pub(super) struct EndedSessions {
    ended_sessions: u64,
}

/// End every session of the account, this one included.
#[utoipa::path(
    delete,
    path = "/api/v1/sessions/all",
    tag = "sessions",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "How many sessions ended", body = EndedSessions)
    )
)]
pub(super) async fn logout_everywhere(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(v): Complete,
) -> ApiResult {
    let ended = sessions::logout_everywhere(&state, &ctx.meta, &v).await?;
    ok(EndedSessions {
        ended_sessions: ended,
    })
}

#[derive(Serialize, ToSchema)]
pub(super) struct Device {
    /// e.g. `Chrome`; `null` when the browser is not known.
    browser: Option<String>,
    /// e.g. `macOS`.
    os: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct SessionInfo {
    id: i64,
    /// `web` or `api`.
    kind: String,
    created_at: i64,
    last_seen_at: i64,
    expires_at: i64,
    ip: Option<String>,
    user_agent: Option<String>,
    device: Device,
    /// The session making this request.
    current: bool,
}

#[derive(Serialize, ToSchema)]
pub(super) struct Sessions {
    sessions: Vec<SessionInfo>,
}

/// The account's active sessions (devices), newest use first.
#[utoipa::path(
    get,
    path = "/api/v1/sessions",
    tag = "sessions",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 200, description = "The sessions", body = Sessions)
    )
)]
pub(super) async fn list_sessions(
    State(state): State<AppState>,
    Complete(v): Complete,
) -> ApiResult {
    let sessions = sessions::sessions(&state, &v)
        .await?
        .into_iter()
        .map(|s| {
            let device = crate::device::parse(s.user_agent.as_deref().unwrap_or(""));
            SessionInfo {
                current: s.id == v.session.id,
                id: s.id,
                kind: s.kind.as_str().to_owned(),
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
                expires_at: s.expires_at,
                ip: s.ip,
                user_agent: s.user_agent,
                device: Device {
                    browser: device.browser,
                    os: device.os,
                },
            }
        })
        .collect();
    ok(Sessions { sessions })
}

/// Log out one of the account's sessions (a device no longer trusted); ending the
/// current one is a log out. A non-numeric id names no session: the same "not found" as
/// someone else's.
#[utoipa::path(
    delete,
    path = "/api/v1/sessions/{id}",
    tag = "sessions",
    params(("id" = String, Path, description = "The session's id")),
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfToken" = [])),
    responses(
        (status = 204, description = "Ended"),
        (status = 404, description = "No such session of this account", body = ErrorBody)
    )
)]
pub(super) async fn end_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(v): Complete,
    Path(id): Path<String>,
) -> ApiResult {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    sessions::end_session(&state, &ctx.meta, &v, id).await?;
    no_content()
}
