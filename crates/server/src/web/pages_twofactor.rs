//! Enrollment (first phone, or moving to a new one), recovery codes, turning 2FA off.
use super::{complete, html, html_status, signed_in, with_session, Ctx, FormError, PageCtx};
use crate::error::AppError;
use crate::service::auth::{Stage, Viewer};
use crate::service::twofactor::{self, Enrollment};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use base64::Engine;
use keydesk_domain::recovery::RecoveryCode;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/2fa/enroll", get(enroll_page).post(confirm))
        .route("/2fa/enroll/restart", post(restart))
        .route("/2fa/recovery-codes", get(regenerate_page).post(regenerate))
        .route("/2fa/disable", get(disable_page).post(disable))
}

#[derive(Template)]
#[template(path = "pages/enroll.html")]
struct EnrollPage {
    p: PageCtx,
    enrollment: Enrollment,
    qr: String,
    moving: bool,
    error: Option<FormError>,
}

/// Enrollment needs a signed-in session that is not waiting for its second factor;
/// moving to a new phone needs a complete one.
fn enrolling_viewer(ctx: &Ctx) -> Result<&Viewer, Response> {
    let v = signed_in(ctx)?;
    match v.stage {
        Stage::Enroll => Ok(v),
        _ => complete(ctx),
    }
}

async fn render_enroll(
    state: &AppState,
    ctx: &Ctx,
    viewer: &Viewer,
    error: Option<AppError>,
) -> Response {
    let enrollment = match twofactor::start_enrollment(state, viewer).await {
        Ok(e) => e,
        Err(e) => return super::render_error(state, ctx, &e),
    };
    let qr = match crate::qr::data_uri(&enrollment.otpauth_uri) {
        Ok(q) => q,
        Err(e) => return super::render_error(state, ctx, &AppError::Internal(e)),
    };
    let status = error.as_ref().map(|e| e.status());
    let page = EnrollPage {
        p: PageCtx::new(state, ctx),
        enrollment,
        qr,
        moving: viewer.has_factor,
        error: error.map(|e| FormError::from_app(state, ctx.lang(), &e)),
    };
    match status {
        Some(s) => html_status(s, page),
        None => html(page),
    }
}

async fn enroll_page(State(state): State<AppState>, ctx: Ctx) -> Response {
    match enrolling_viewer(&ctx) {
        Ok(v) => render_enroll(&state, &ctx, v, None).await,
        Err(r) => r,
    }
}

#[derive(Deserialize)]
struct ConfirmForm {
    code: String,
    #[serde(default)]
    old_code: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/recovery_codes.html")]
struct RecoveryCodesPage {
    p: PageCtx,
    codes: Vec<String>,
    download: String,
    moved: bool,
}

fn codes_page(
    state: &AppState,
    ctx: &Ctx,
    codes: &[RecoveryCode],
    moved: bool,
) -> RecoveryCodesPage {
    let codes: Vec<String> = codes.iter().map(|c| c.display()).collect();
    let text = format!(
        "{}\n\n{}\n",
        state.i18n.t(ctx.lang(), "codes-file-header"),
        codes.join("\n")
    );
    let download = format!(
        "data:text/plain;charset=utf-8;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(text)
    );
    RecoveryCodesPage {
        p: PageCtx::new(state, ctx),
        codes,
        download,
        moved,
    }
}

async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ConfirmForm>,
) -> Response {
    let viewer = match enrolling_viewer(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match twofactor::confirm_enrollment(
        &state,
        &ctx.meta,
        viewer,
        &form.code,
        form.old_code.as_deref(),
    )
    .await
    {
        Ok(done) => {
            // The page with the codes is rendered for the new, rotated session.
            let mut ctx2 = ctx.clone();
            if let Some(v) = ctx2.viewer.as_mut() {
                v.stage = Stage::Complete;
                v.has_factor = true;
            }
            let page = html(codes_page(&state, &ctx2, &done.recovery_codes, done.moved));
            with_session(
                &ctx,
                &done.session_token,
                state.settings.security.session_max_hours * 3600,
                page,
            )
        }
        Err(e) => render_enroll(&state, &ctx, viewer, Some(e)).await,
    }
}

async fn restart(State(state): State<AppState>, ctx: Ctx) -> Response {
    let viewer = match enrolling_viewer(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if let Err(e) = twofactor::cancel_enrollment(&state, viewer).await {
        return super::render_error(&state, &ctx, &e);
    }
    Redirect::to("/2fa/enroll").into_response()
}

#[derive(Template)]
#[template(path = "pages/code_form.html")]
struct CodeFormPage {
    p: PageCtx,
    title_key: &'static str,
    intro_key: &'static str,
    submit_key: &'static str,
    action: &'static str,
    accepts_recovery: bool,
    danger: bool,
    error: Option<FormError>,
}

#[derive(Deserialize)]
struct CodeForm {
    code: String,
}

fn regenerate_form(state: &AppState, ctx: &Ctx, error: Option<FormError>) -> CodeFormPage {
    CodeFormPage {
        p: PageCtx::new(state, ctx),
        title_key: "regen-title",
        intro_key: "regen-intro",
        submit_key: "regen-submit",
        action: "/2fa/recovery-codes",
        accepts_recovery: false,
        danger: false,
        error,
    }
}

async fn regenerate_page(State(state): State<AppState>, ctx: Ctx) -> Response {
    match complete(&ctx) {
        Ok(_) => html(regenerate_form(&state, &ctx, None)),
        Err(r) => r,
    }
}

async fn regenerate(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<CodeForm>,
) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match twofactor::regenerate_codes(&state, &ctx.meta, viewer, &form.code).await {
        Ok(codes) => html(codes_page(&state, &ctx, &codes, false)),
        Err(e) => html_status(
            e.status(),
            regenerate_form(
                &state,
                &ctx,
                Some(FormError::from_app(&state, ctx.lang(), &e)),
            ),
        ),
    }
}

fn disable_form(state: &AppState, ctx: &Ctx, error: Option<FormError>) -> CodeFormPage {
    CodeFormPage {
        p: PageCtx::new(state, ctx),
        title_key: "disable-title",
        intro_key: "disable-intro",
        submit_key: "disable-submit",
        action: "/2fa/disable",
        accepts_recovery: true,
        danger: true,
        error,
    }
}

async fn disable_page(State(state): State<AppState>, ctx: Ctx) -> Response {
    match complete(&ctx) {
        Ok(_) => html(disable_form(&state, &ctx, None)),
        Err(r) => r,
    }
}

async fn disable(State(state): State<AppState>, ctx: Ctx, Form(form): Form<CodeForm>) -> Response {
    let viewer = match complete(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match twofactor::disable(&state, &ctx.meta, viewer, &form.code).await {
        Ok(()) => Redirect::to("/account").into_response(),
        Err(e) => html_status(
            e.status(),
            disable_form(
                &state,
                &ctx,
                Some(FormError::from_app(&state, ctx.lang(), &e)),
            ),
        ),
    }
}
