//! The two-factor feature's pages: enrollment (first phone, or moving to a new one),
//! recovery codes, turning 2FA off.
use super::input::Code;
use super::service::{self as twofactor, Enrollment};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::extract::{Complete, Enrolling};
use crate::web::form::Form;
use crate::web::{
    form_failed, html, html_status, with_session, Ctx, FormError, PageCtx, PageResult,
};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use keydesk_domain::identity::stage::Stage;
use keydesk_domain::twofactor::recovery::RecoveryCode;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Template)]
#[template(path = "twofactor/enroll.html")]
struct EnrollPage {
    p: PageCtx,
    enrollment: Enrollment,
    qr: String,
    moving: bool,
    error: Option<FormError>,
    /// What was typed, kept where it was not what failed.
    code: String,
    old_code: String,
    field_in_error: &'static str,
}

async fn render_enroll(
    state: &AppState,
    ctx: &Ctx,
    viewer: &Viewer,
    failed: Option<(AppError, &ConfirmForm)>,
) -> PageResult {
    let enrollment = twofactor::start_enrollment(state, viewer).await?;
    let qr = crate::qr::data_uri(&enrollment.otpauth_uri)?;
    let status = failed.as_ref().map(|(e, _)| e.status());
    let field_in_error = failed.as_ref().and_then(|(e, _)| e.field()).unwrap_or("");
    let kept = |field: &str, value: Option<&str>| {
        if field_in_error == field {
            String::new()
        } else {
            value.unwrap_or_default().to_owned()
        }
    };
    let (code, old_code) = match &failed {
        Some((_, form)) => (
            kept("code", Some(&form.code)),
            kept("old_code", form.old_code.as_deref()),
        ),
        None => (String::new(), String::new()),
    };
    let page = EnrollPage {
        p: PageCtx::new(state, ctx),
        enrollment,
        qr,
        moving: viewer.has_factor,
        error: failed.map(|(e, _)| FormError::from_app(state, ctx, &e)),
        code,
        old_code,
        field_in_error,
    };
    Ok(match status {
        Some(s) => html_status(s, page),
        None => html(page),
    })
}

/// Enrollment needs a signed-in session that is not waiting for its second factor;
/// moving to a new phone needs a complete one (both are what `Enrolling` admits).
pub(super) async fn enroll_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Enrolling(viewer): Enrolling,
) -> PageResult {
    render_enroll(&state, &ctx, &viewer, None).await
}

#[derive(Deserialize)]
pub(super) struct ConfirmForm {
    code: String,
    #[serde(default)]
    old_code: Option<String>,
}

#[derive(Template)]
#[template(path = "twofactor/recovery_codes.html")]
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
    let email = ctx
        .viewer
        .as_ref()
        .map(|v| v.account.email.clone())
        .unwrap_or_default();
    let header = state.i18n.t_args(
        ctx.lang(),
        "codes-file-header",
        &[
            ("issuer", state.settings.issuer.clone().into()),
            ("email", email.into()),
            (
                "created",
                crate::util::format_time_for(state.now(), ctx.lang(), ctx.zone()).into(),
            ),
        ],
    );
    let text = format!("{header}\n\n{}\n", codes.join("\n"));
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

pub(super) async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Enrolling(viewer): Enrolling,
    Form(form): Form<ConfirmForm>,
) -> PageResult {
    match twofactor::confirm_enrollment(
        &state,
        &ctx.meta,
        &viewer,
        &form.code,
        form.old_code.as_deref(),
    )
    .await
    {
        Ok(done) => {
            // The page with the codes is rendered for the new, rotated session.
            let mut ctx2 = ctx.clone();
            ctx2.viewer = Some(Arc::new(Viewer {
                stage: Stage::Complete,
                has_factor: true,
                ..Viewer::clone(&viewer)
            }));
            let page = html(codes_page(&state, &ctx2, &done.recovery_codes, done.moved));
            Ok(with_session(
                &ctx,
                &done.session_token,
                state.settings.security.session_max_hours * 3600,
                page,
            ))
        }
        Err(e) => render_enroll(&state, &ctx, &viewer, Some((e, &form))).await,
    }
}

pub(super) async fn restart(
    State(state): State<AppState>,
    Enrolling(viewer): Enrolling,
) -> PageResult {
    twofactor::cancel_enrollment(&state, &viewer).await?;
    Ok(Redirect::to("/2fa/enroll").into_response())
}

#[derive(Template)]
#[template(path = "twofactor/code_form.html")]
struct CodeFormPage {
    p: PageCtx,
    title_key: &'static str,
    intro_key: &'static str,
    submit_key: &'static str,
    action: &'static str,
    accepts_recovery: bool,
    danger: bool,
    error: Option<FormError>,
    /// Why the form is not offered (the policy forbids it), in its place.
    refused: Option<String>,
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
        refused: None,
    }
}

pub(super) async fn regenerate_page(
    State(state): State<AppState>,
    ctx: Ctx,
    _: Complete,
) -> Response {
    html(regenerate_form(&state, &ctx, None))
}

pub(super) async fn regenerate(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Form(form): Form<Code>,
) -> Response {
    match twofactor::regenerate_codes(&state, &ctx.meta, &viewer, &form.code).await {
        Ok(codes) => html(codes_page(&state, &ctx, &codes, false)),
        Err(e) => form_failed(&state, &ctx, &e, |error| {
            regenerate_form(&state, &ctx, error)
        }),
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
        refused: None,
    }
}

/// The form only where the policy lets a customer turn 2FA off; elsewhere the page says
/// why not, and what to do instead, with no form to fill in vain.
pub(super) async fn disable_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
) -> PageResult {
    let mut page = disable_form(&state, &ctx, None);
    if !super::service::may_disable(&state.settings.security, &viewer) {
        let why = AppError::TwoFactor(crate::error::TwoFactorError::DisableNotAllowed);
        page.refused = Some(crate::web::error_message(&state, &ctx, &why));
    }
    Ok(html(page))
}

pub(super) async fn disable(
    State(state): State<AppState>,
    ctx: Ctx,
    Complete(viewer): Complete,
    Form(form): Form<Code>,
) -> Response {
    match twofactor::disable(&state, &ctx.meta, &viewer, &form.code).await {
        Ok(()) => Redirect::to("/account").into_response(),
        Err(e) => form_failed(&state, &ctx, &e, |error| disable_form(&state, &ctx, error)),
    }
}
