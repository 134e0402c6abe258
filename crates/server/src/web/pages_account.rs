//! The customer's security page: factor status, recovery codes, password, sessions,
//! recent security events, language.
use super::{clear_session, complete, html, html_status, with_session, Ctx, FormError, PageCtx};
use crate::service::{accounts, auth, twofactor};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use keydesk_store::models::{AuditEvent, Session};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(overview))
        .route("/account/events", get(events))
        .route(
            "/account/password",
            get(password_page).post(change_password),
        )
        .route("/account/logout-everywhere", post(logout_everywhere))
        .route("/account/sessions/{id}/end", post(end_session))
        .route("/account/verify-email", post(resend_verification))
}

#[derive(Template)]
#[template(path = "pages/account.html")]
struct AccountPage {
    p: PageCtx,
    status: twofactor::Status,
    sessions: Vec<Session>,
    current_session: i64,
    events: Vec<AuditEvent>,
    notice: Option<String>,
}

async fn overview(State(state): State<AppState>, ctx: Ctx) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let loaded = async {
        let status = twofactor::status(&state, viewer).await?;
        let sessions = auth::sessions(&state, viewer).await?;
        let events = accounts::security_events(&state, viewer, 5).await?;
        Ok::<_, crate::error::AppError>((status, sessions, events))
    }
    .await;
    match loaded {
        Ok((status, sessions, events)) => {
            let notice = (status.recovery_codes_remaining <= 3).then(|| {
                state.i18n.t_args(
                    ctx.lang(),
                    "account-codes-low",
                    &[("remaining", status.recovery_codes_remaining.into())],
                )
            });
            html(AccountPage {
                p: PageCtx::new(&state, &ctx),
                status,
                sessions,
                current_session: viewer.session.id,
                events,
                notice,
            })
        }
        Err(e) => super::render_error(&state, &ctx, &e),
    }
}

#[derive(Template)]
#[template(path = "pages/events.html")]
struct EventsPage {
    p: PageCtx,
    events: Vec<AuditEvent>,
}

async fn events(State(state): State<AppState>, ctx: Ctx) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match accounts::security_events(&state, viewer, 100).await {
        Ok(events) => html(EventsPage {
            p: PageCtx::new(&state, &ctx),
            events,
        }),
        Err(e) => super::render_error(&state, &ctx, &e),
    }
}

#[derive(Template)]
#[template(path = "pages/password_change.html")]
struct PasswordPage {
    p: PageCtx,
    error: Option<FormError>,
}

#[derive(Deserialize)]
struct PasswordForm {
    current_password: String,
    password: String,
}

async fn password_page(State(state): State<AppState>, ctx: Ctx) -> Response {
    match complete(&ctx) {
        Ok(_) => html(PasswordPage {
            p: PageCtx::new(&state, &ctx),
            error: None,
        }),
        Err(r) => r,
    }
}

async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<PasswordForm>,
) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match accounts::change_password(
        &state,
        &ctx.meta,
        viewer,
        &form.current_password,
        &form.password,
    )
    .await
    {
        Ok(token) => {
            let page = super::message(
                &state,
                &ctx,
                "pwchange-done-title",
                "pwchange-done-body",
                Some(("/account", "nav-account")),
            );
            with_session(
                &ctx,
                &token,
                state.settings.security.session_max_hours * 3600,
                page,
            )
        }
        Err(e) => html_status(
            e.status(),
            PasswordPage {
                p: PageCtx::new(&state, &ctx),
                error: Some(FormError::from_app(&state, ctx.lang(), &e)),
            },
        ),
    }
}

async fn logout_everywhere(State(state): State<AppState>, ctx: Ctx) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match auth::logout_everywhere(&state, &ctx.meta, viewer).await {
        Ok(_) => clear_session(&ctx, Redirect::to("/login").into_response()),
        Err(e) => super::render_error(&state, &ctx, &e),
    }
}

/// A non-numeric id names no session: the same "not found" page as someone else's.
async fn end_session(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let ended = match id.parse::<i64>() {
        Ok(id) => auth::end_session(&state, &ctx.meta, viewer, id)
            .await
            .map(|()| id),
        Err(_) => Err(crate::error::AppError::NotFound),
    };
    match ended {
        Ok(id) if id == viewer.session.id => {
            clear_session(&ctx, Redirect::to("/login").into_response())
        }
        Ok(_) => Redirect::to("/account").into_response(),
        Err(e) => super::render_error(&state, &ctx, &e),
    }
}

async fn resend_verification(State(state): State<AppState>, ctx: Ctx) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match accounts::resend_verification(&state, viewer).await {
        Ok(()) => super::message(
            &state,
            &ctx,
            "verify-sent-title",
            "verify-sent-body",
            Some(("/account", "nav-account")),
        ),
        Err(e) => super::render_error(&state, &ctx, &e),
    }
}
