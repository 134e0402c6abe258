//! Sign-up, email verification, login (password, then second factor), logout,
//! forgotten password.
use super::{
    clear_session, complete, home_for, html, html_status, message, signed_in, with_session, Ctx,
    FormError, PageCtx,
};
use crate::service::{accounts, auth};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use keydesk_domain::language::Language;
use keydesk_store::models::SessionKind;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(landing))
        .route("/signup", get(signup_page).post(signup))
        .route("/email/verify", get(verify_page).post(verify))
        .route("/login", get(login_page).post(login))
        .route("/login/2fa", get(second_factor_page).post(second_factor))
        .route("/logout", post(logout))
        .route("/password/forgot", get(forgot_page).post(forgot))
        .route("/password/reset", get(reset_page).post(reset))
        .route("/language", post(language))
}

fn max_age(state: &AppState) -> i64 {
    state.settings.security.session_max_hours * 3600
}

#[derive(Template)]
#[template(path = "pages/landing.html")]
struct Landing {
    p: PageCtx,
}

async fn landing(State(state): State<AppState>, ctx: Ctx) -> Response {
    if ctx.viewer.is_some() {
        return Redirect::to(home_for(ctx.viewer.as_ref())).into_response();
    }
    html(Landing {
        p: PageCtx::new(&state, &ctx),
    })
}

#[derive(Template)]
#[template(path = "pages/signup.html")]
struct SignUpPage {
    p: PageCtx,
    email: String,
    error: Option<FormError>,
}

#[derive(Deserialize)]
struct SignUpForm {
    email: String,
    password: String,
}

async fn signup_page(State(state): State<AppState>, ctx: Ctx) -> Response {
    html(SignUpPage {
        p: PageCtx::new(&state, &ctx),
        email: String::new(),
        error: None,
    })
}

async fn signup(State(state): State<AppState>, ctx: Ctx, Form(form): Form<SignUpForm>) -> Response {
    match accounts::sign_up(&state, &ctx.meta, &form.email, &form.password).await {
        Ok(()) => message(
            &state,
            &ctx,
            "signup-done-title",
            "signup-done-body",
            Some(("/login", "nav-login")),
        ),
        Err(e) => {
            let error = FormError::from_app(&state, ctx.lang(), &e);
            html_status(
                e.status(),
                SignUpPage {
                    p: PageCtx::new(&state, &ctx),
                    email: form.email,
                    error: Some(error),
                },
            )
        }
    }
}

#[derive(Deserialize)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Template)]
#[template(path = "pages/verify.html")]
struct VerifyPage {
    p: PageCtx,
    token: String,
}

/// Mail scanners open links; only the button (a POST) uses the single-use token.
async fn verify_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> Response {
    html(VerifyPage {
        p: PageCtx::new(&state, &ctx),
        token: q.token,
    })
}

async fn verify(State(state): State<AppState>, ctx: Ctx, Form(q): Form<TokenQuery>) -> Response {
    match accounts::verify_email(&state, &ctx.meta, &q.token).await {
        Ok(()) => message(
            &state,
            &ctx,
            "verify-done-title",
            "verify-done-body",
            Some((home_for(ctx.viewer.as_ref()), "nav-continue")),
        ),
        Err(e) => super::render_error(&state, &ctx, &e),
    }
}

#[derive(Template)]
#[template(path = "pages/login.html")]
struct LoginPage {
    p: PageCtx,
    email: String,
    error: Option<FormError>,
}

#[derive(Deserialize)]
struct LoginForm {
    email: String,
    password: String,
}

async fn login_page(State(state): State<AppState>, ctx: Ctx) -> Response {
    if ctx.viewer.is_some() {
        return Redirect::to(home_for(ctx.viewer.as_ref())).into_response();
    }
    html(LoginPage {
        p: PageCtx::new(&state, &ctx),
        email: String::new(),
        error: None,
    })
}

async fn login(State(state): State<AppState>, ctx: Ctx, Form(form): Form<LoginForm>) -> Response {
    match auth::login_password(
        &state,
        &ctx.meta,
        &form.email,
        &form.password,
        SessionKind::Web,
    )
    .await
    {
        Ok(signed_in) => {
            // The session this browser had (if any) ends: a new one starts (rotation).
            if let Some(v) = &ctx.viewer {
                let _ = auth::logout(&state, &ctx.meta, v).await;
            }
            let next = match signed_in.stage {
                auth::Stage::SecondFactor => "/login/2fa",
                auth::Stage::Enroll => "/2fa/enroll",
                auth::Stage::Complete => "/account",
            };
            with_session(
                &ctx,
                &signed_in.token,
                max_age(&state),
                Redirect::to(next).into_response(),
            )
        }
        Err(e) => {
            let error = FormError::from_app(&state, ctx.lang(), &e);
            html_status(
                e.status(),
                LoginPage {
                    p: PageCtx::new(&state, &ctx),
                    email: form.email,
                    error: Some(error),
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "pages/login_2fa.html")]
struct SecondFactorPage {
    p: PageCtx,
    error: Option<FormError>,
}

#[derive(Deserialize)]
struct CodeForm {
    code: String,
}

async fn second_factor_page(State(state): State<AppState>, ctx: Ctx) -> Response {
    match ctx.viewer.as_ref().map(|v| v.stage) {
        Some(auth::Stage::SecondFactor) => html(SecondFactorPage {
            p: PageCtx::new(&state, &ctx),
            error: None,
        }),
        _ => Redirect::to(home_for(ctx.viewer.as_ref())).into_response(),
    }
}

async fn second_factor(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<CodeForm>,
) -> Response {
    let viewer = match signed_in(&ctx) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match auth::login_second_factor(&state, &ctx.meta, viewer, &form.code).await {
        Ok(signed_in) => with_session(
            &ctx,
            &signed_in.token,
            max_age(&state),
            Redirect::to("/account").into_response(),
        ),
        Err(e) => {
            let error = FormError::from_app(&state, ctx.lang(), &e);
            html_status(
                e.status(),
                SecondFactorPage {
                    p: PageCtx::new(&state, &ctx),
                    error: Some(error),
                },
            )
        }
    }
}

async fn logout(State(state): State<AppState>, ctx: Ctx) -> Response {
    if let Some(v) = &ctx.viewer {
        if let Err(e) = auth::logout(&state, &ctx.meta, v).await {
            return super::render_error(&state, &ctx, &e);
        }
    }
    clear_session(&ctx, Redirect::to("/login").into_response())
}

#[derive(Template)]
#[template(path = "pages/forgot.html")]
struct ForgotPage {
    p: PageCtx,
    error: Option<FormError>,
}

#[derive(Deserialize)]
struct ForgotForm {
    email: String,
}

async fn forgot_page(State(state): State<AppState>, ctx: Ctx) -> Response {
    html(ForgotPage {
        p: PageCtx::new(&state, &ctx),
        error: None,
    })
}

async fn forgot(State(state): State<AppState>, ctx: Ctx, Form(form): Form<ForgotForm>) -> Response {
    match accounts::request_password_reset(&state, &ctx.meta, &form.email).await {
        Ok(()) => message(
            &state,
            &ctx,
            "forgot-sent-title",
            "forgot-sent-body",
            Some(("/login", "nav-login")),
        ),
        Err(e) => {
            let error = FormError::from_app(&state, ctx.lang(), &e);
            html_status(
                e.status(),
                ForgotPage {
                    p: PageCtx::new(&state, &ctx),
                    error: Some(error),
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "pages/reset.html")]
struct ResetPage {
    p: PageCtx,
    token: String,
    error: Option<FormError>,
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default)]
    token: String,
    password: String,
}

async fn reset_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> Response {
    html(ResetPage {
        p: PageCtx::new(&state, &ctx),
        token: q.token,
        error: None,
    })
}

async fn reset(State(state): State<AppState>, ctx: Ctx, Form(form): Form<ResetForm>) -> Response {
    match accounts::reset_password(&state, &ctx.meta, &form.token, &form.password).await {
        Ok(()) => clear_session(
            &ctx,
            message(
                &state,
                &ctx,
                "reset-done-title",
                "reset-done-body",
                Some(("/login", "nav-login")),
            ),
        ),
        Err(e) if e.field().is_some() => {
            let error = FormError::from_app(&state, ctx.lang(), &e);
            html_status(
                e.status(),
                ResetPage {
                    p: PageCtx::new(&state, &ctx),
                    token: form.token,
                    error: Some(error),
                },
            )
        }
        Err(e) => super::render_error(&state, &ctx, &e),
    }
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    #[serde(default)]
    back: String,
}

/// Switches the language: the account's setting when signed in, a cookie otherwise.
async fn language(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<LanguageForm>,
) -> Response {
    let Some(lang) = Language::parse(&form.lang) else {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    };
    if let Ok(v) = complete(&ctx) {
        if let Err(e) = accounts::set_language(&state, &ctx.meta, v, lang).await {
            return super::render_error(&state, &ctx, &e);
        }
    }
    // Only local paths, so the form cannot be turned into an open redirect.
    let back = if form.back.starts_with('/')
        && !form.back.starts_with("//")
        && !form.back.contains('\\')
    {
        form.back.as_str()
    } else {
        "/"
    };
    let mut resp = Redirect::to(back).into_response();
    resp.headers_mut().append(
        axum::http::header::SET_COOKIE,
        super::context::cookie_header(
            super::context::LANG_COOKIE,
            lang.code(),
            Some(365 * 24 * 3600),
            ctx.secure_cookies,
        ),
    );
    resp
}
