//! Server-rendered pages. Each feature owns its router; this module assembles them and
//! holds what every page shares: the page context, error pages, redirects by stage.
// Handlers answer a missing step with a redirect `Response`; boxing it buys nothing.
#![allow(clippy::result_large_err)]

mod client_ip;
pub mod context;
mod headers;
mod pages_account;
mod pages_admin;
mod pages_agent;
mod pages_auth;
pub mod pages_photos;
mod pages_twofactor;

use crate::error::AppError;
use crate::i18n::I18n;
use crate::service::auth::{Stage, Viewer};
use crate::state::AppState;
use askama::Template;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
pub use context::Ctx;
use keydesk_domain::language::Language;
use std::sync::Arc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/static/app.css", get(stylesheet))
        .route("/static/photocheck.js", get(photocheck_script))
        .merge(pages_auth::router())
        .merge(pages_twofactor::router())
        .merge(pages_account::router())
        .merge(pages_admin::router())
        .merge(pages_photos::router())
        .merge(pages_agent::router())
}

pub use headers::security_headers;

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
}

async fn photocheck_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/photocheck.js"),
    )
}

/// What every page template gets as `p`.
pub struct PageCtx {
    pub lang: Language,
    pub csrf: String,
    pub signed_in: bool,
    pub complete: bool,
    pub is_staff: bool,
    pub email: String,
    pub email_unverified: bool,
    pub path: String,
    i18n: Arc<I18n>,
}

impl PageCtx {
    pub fn new(state: &AppState, ctx: &Ctx) -> Self {
        let v = ctx.viewer.as_ref();
        Self {
            lang: ctx.lang(),
            csrf: ctx.csrf.clone(),
            signed_in: v.is_some(),
            complete: v.is_some_and(|v| v.stage == Stage::Complete),
            is_staff: v.is_some_and(|v| v.stage == Stage::Complete && v.role().is_staff()),
            email: v.map(|v| v.account.email.clone()).unwrap_or_default(),
            email_unverified: v.is_some_and(|v| {
                v.stage == Stage::Complete && v.account.email_verified_at.is_none()
            }),
            path: ctx.path.clone(),
            i18n: state.i18n.clone(),
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.i18n.t(self.lang, key)
    }

    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        self.i18n.t_args(self.lang, key, &[(name, value.into())])
    }

    /// "Chrome on Linux" for a stored User-Agent header.
    pub fn device(&self, user_agent: &Option<String>) -> String {
        crate::device::describe(&self.i18n, self.lang, user_agent.as_deref().unwrap_or(""))
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn other_lang(&self) -> &'static str {
        match self.lang {
            Language::En => "ja",
            Language::Ja => "en",
        }
    }

    pub fn datetime(&self, unix: &i64) -> String {
        time::OffsetDateTime::from_unix_timestamp(*unix)
            .ok()
            .and_then(|t| {
                t.format(&time::macros::format_description!(
                    "[year]-[month]-[day] [hour]:[minute] UTC"
                ))
                .ok()
            })
            .unwrap_or_default()
    }
}

/// A form's error, translated, with the field it belongs to.
pub struct FormError {
    pub message: String,
    pub field: &'static str,
}

impl FormError {
    pub fn from_app(state: &AppState, lang: Language, e: &AppError) -> Self {
        Self {
            message: error_message(state, lang, e),
            field: e.field().unwrap_or(""),
        }
    }
}

pub fn error_message(state: &AppState, lang: Language, e: &AppError) -> String {
    let key = format!("error-{}", e.code());
    match e {
        AppError::Throttled { retry_after } => {
            state
                .i18n
                .t_args(lang, &key, &[("seconds", (*retry_after).into())])
        }
        AppError::Locked { until } => state.i18n.t_args(
            lang,
            &key,
            &[("minutes", (((*until - state.now()) / 60).max(1)).into())],
        ),
        _ => state.i18n.t(lang, &key),
    }
}

pub fn html<T: Template>(page: T) -> Response {
    match page.render() {
        Ok(body) => Html(body).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

pub fn html_status<T: Template>(status: StatusCode, page: T) -> Response {
    let mut r = html(page);
    if r.status().is_success() {
        *r.status_mut() = status;
    }
    r
}

#[derive(Template)]
#[template(path = "pages/message.html")]
pub struct MessagePage {
    pub p: PageCtx,
    pub title: String,
    pub body: String,
    pub link: Option<(String, String)>,
    pub is_error: bool,
}

/// A page for an error that has no form to go back to (bad link, internal error…).
pub fn render_error(state: &AppState, ctx: &Ctx, e: &AppError) -> Response {
    if e.is_internal() {
        tracing::error!(error = ?e, "request failed");
    }
    let lang = ctx.lang();
    let page = MessagePage {
        p: PageCtx::new(state, ctx),
        title: state.i18n.t(lang, "error-title"),
        body: error_message(state, lang, e),
        link: Some(("/".into(), state.i18n.t(lang, "nav-home"))),
        is_error: true,
    };
    html_status(e.status(), page)
}

pub fn message(
    state: &AppState,
    ctx: &Ctx,
    title_key: &str,
    body_key: &str,
    link: Option<(&str, &str)>,
) -> Response {
    let lang = ctx.lang();
    html(MessagePage {
        p: PageCtx::new(state, ctx),
        title: state.i18n.t(lang, title_key),
        body: state.i18n.t(lang, body_key),
        link: link.map(|(href, key)| (href.to_owned(), state.i18n.t(lang, key))),
        is_error: false,
    })
}

/// The signed-in viewer at any stage, or the login page.
pub fn signed_in(ctx: &Ctx) -> Result<&Viewer, Response> {
    ctx.viewer
        .as_ref()
        .ok_or_else(|| Redirect::to("/login").into_response())
}

/// The viewer who has passed every step, or the page of the step still missing
/// (the mandatory-2FA policy: nothing but enrollment and log out before a factor).
pub fn complete(ctx: &Ctx) -> Result<&Viewer, Response> {
    let v = signed_in(ctx)?;
    match v.stage {
        Stage::Complete => Ok(v),
        Stage::SecondFactor => Err(Redirect::to("/login/2fa").into_response()),
        Stage::Enroll => Err(Redirect::to("/2fa/enroll").into_response()),
    }
}

pub fn home_for(viewer: Option<&Viewer>) -> &'static str {
    match viewer.map(|v| v.stage) {
        None => "/login",
        Some(Stage::SecondFactor) => "/login/2fa",
        Some(Stage::Enroll) => "/2fa/enroll",
        Some(Stage::Complete) => "/account",
    }
}

/// Redirect carrying a new session cookie (after login, rotation).
pub fn with_session(ctx: &Ctx, token: &str, max_age: i64, response: Response) -> Response {
    let mut response = response;
    response.headers_mut().append(
        header::SET_COOKIE,
        context::cookie_header(
            context::session_cookie_name(ctx.secure_cookies),
            token,
            Some(max_age),
            ctx.secure_cookies,
        ),
    );
    response
}

pub fn clear_session(ctx: &Ctx, response: Response) -> Response {
    with_session(ctx, "", 0, response)
}
