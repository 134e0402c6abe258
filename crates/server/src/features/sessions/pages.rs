//! The sessions feature's pages: the login (password, then the second factor), log out,
//! "log out everywhere" and ending one session from the account page.
use super::input::{Code, Credentials};
use super::service::{self as sessions, SignedIn as NewSession};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::extract::{Complete, MaybeSignedIn, SignedIn};
use crate::web::form::Form;
use crate::web::{
    clear_session, form_failed, home_for, html, with_session, Ctx, FormError, PageCtx, PageResult,
};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use keydesk_domain::identity::stage::Stage;
use keydesk_store::models::SessionKind;

fn max_age(state: &AppState) -> i64 {
    state.settings.security.session_max_hours * 3600
}

/// The new session's cookie, and on to the page of its stage.
fn signed_in(state: &AppState, ctx: &Ctx, new: &NewSession) -> Response {
    with_session(
        ctx,
        &new.token,
        max_age(state),
        Redirect::to(new.stage.home_of(new.role)).into_response(),
    )
}

#[derive(Template)]
#[template(path = "sessions/login.html")]
struct LoginPage {
    p: PageCtx,
    email: String,
    error: Option<FormError>,
}

pub(super) async fn login_page(
    State(state): State<AppState>,
    ctx: Ctx,
    MaybeSignedIn(viewer): MaybeSignedIn,
) -> Response {
    if viewer.is_some() {
        return Redirect::to(home_for(viewer.as_deref())).into_response();
    }
    html(LoginPage {
        p: PageCtx::new(&state, &ctx),
        email: String::new(),
        error: None,
    })
}

pub(super) async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    MaybeSignedIn(viewer): MaybeSignedIn,
    Form(form): Form<Credentials>,
) -> Response {
    let result = sessions::login_password(
        &state,
        &ctx.meta,
        &form.email,
        &form.password,
        SessionKind::Web,
    )
    .await;
    match result {
        Ok(new) => {
            // The session this browser had (if any) ends: a new one starts (rotation).
            if let Some(v) = &viewer {
                let _ = sessions::logout(&state, &ctx.meta, v).await;
            }
            signed_in(&state, &ctx, &new)
        }
        Err(e) => form_failed(&state, &ctx, &e, |error| LoginPage {
            p: PageCtx::new(&state, &ctx),
            email: form.email,
            error,
        }),
    }
}

#[derive(Template)]
#[template(path = "sessions/login_2fa.html")]
struct SecondFactorPage {
    p: PageCtx,
    error: Option<FormError>,
    /// The account is locked: the form is shown disabled until the time it names.
    locked: bool,
}

pub(super) async fn second_factor_page(
    State(state): State<AppState>,
    ctx: Ctx,
    MaybeSignedIn(viewer): MaybeSignedIn,
) -> Response {
    match viewer.as_ref().map(|v| v.stage) {
        Some(Stage::SecondFactor) => html(SecondFactorPage {
            p: PageCtx::new(&state, &ctx),
            error: None,
            locked: false,
        }),
        _ => Redirect::to(home_for(viewer.as_deref())).into_response(),
    }
}

pub(super) async fn second_factor(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(viewer): SignedIn,
    Form(form): Form<Code>,
) -> Response {
    match sessions::login_second_factor(&state, &ctx.meta, &viewer, &form.code).await {
        Ok(new) => signed_in(&state, &ctx, &new),
        Err(e) => {
            let locked = matches!(e.unwrapped(), AppError::Locked { .. });
            form_failed(&state, &ctx, &e, |error| SecondFactorPage {
                p: PageCtx::new(&state, &ctx),
                error,
                locked,
            })
        }
    }
}

pub(super) async fn logout(
    State(state): State<AppState>,
    ctx: Ctx,
    MaybeSignedIn(viewer): MaybeSignedIn,
) -> PageResult {
    if let Some(v) = &viewer {
        sessions::logout(&state, &ctx.meta, v).await?;
    }
    Ok(clear_session(&ctx, Redirect::to("/login").into_response()))
}

pub(super) async fn logout_everywhere(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
) -> PageResult {
    sessions::logout_everywhere(&state, &ctx.meta, &viewer).await?;
    Ok(clear_session(&ctx, Redirect::to("/login").into_response()))
}

/// A non-numeric id names no session: the same "not found" page as someone else's.
pub(super) async fn end_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Path(id): Path<String>,
) -> PageResult {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    sessions::end_session(&state, &ctx.meta, &viewer, id).await?;
    Ok(if id == viewer.session.id {
        clear_session(&ctx, Redirect::to("/login").into_response())
    } else {
        Redirect::to("/account").into_response()
    })
}
