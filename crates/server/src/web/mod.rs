//! The plumbing every feature's pages and API share: the request context, CSRF, the
//! auth extractors, the one error renderer, security headers, the client address, static
//! assets, and the helpers that render a page. No feature lives here: each one is in
//! `features/<feature>/` with its router, pages, API and use cases.
// Handlers answer a missing step with a redirect `Response`; boxing it buys nothing.
#![allow(clippy::result_large_err)]

pub mod assets;
mod client_ip;
pub mod context;
mod csrf;
pub mod extract;
pub mod form;
mod headers;
pub mod json;
pub mod openapi;
pub mod redirect;
pub mod render;
pub mod routes;

use crate::error::AppError;
use crate::i18n::I18n;
use crate::state::AppState;
use askama::Template;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
pub use context::Ctx;
/// What a CSRF token is bound to (tests compute tokens with it too).
pub use csrf::CsrfBinding;
use keydesk_domain::identity::language::Language;
use keydesk_domain::identity::stage::Stage;
use std::sync::Arc;

pub use headers::security_headers;

/// What a page handler returns: the page, or an error the renderer turns into one.
pub type PageResult = Result<Response, AppError>;

/// What every page template gets as `p`.
pub struct PageCtx {
    pub lang: Language,
    /// The zone times are shown in (see [`Ctx::zone`]).
    pub zone: keydesk_domain::identity::time_zone::TimeZone,
    pub csrf: String,
    pub signed_in: bool,
    pub complete: bool,
    pub is_staff: bool,
    /// Operator pages (the outbox) are linked for admins only.
    pub is_admin: bool,
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
            zone: ctx.zone(),
            csrf: ctx.csrf.clone(),
            signed_in: v.is_some(),
            complete: v.is_some_and(|v| v.stage == Stage::Complete),
            is_staff: v.is_some_and(|v| v.stage == Stage::Complete && v.role().is_staff()),
            is_admin: v.is_some_and(|v| {
                v.stage == Stage::Complete && keydesk_domain::access::operator_pages(v.role())
            }),
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

    /// A message with several placeholders.
    pub fn i18n_args(&self, key: &str, args: &[(&str, String)]) -> String {
        let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> =
            args.iter().map(|(k, v)| (*k, v.as_str().into())).collect();
        self.i18n.t_args(self.lang, key, &args)
    }

    /// The text of `prefix` + `key` (a status, a priority: one message per value).
    pub fn tk(&self, prefix: &str, key: &str) -> String {
        self.i18n.t(self.lang, &format!("{prefix}{key}"))
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

    /// What a photo shows, in the reader's language.
    pub fn photo_kind(&self, kind: &keydesk_domain::photo::kind::PhotoKind) -> String {
        use keydesk_domain::photo::kind::PhotoKind;
        // The customer's form calls an ID selfie `selfie`; the other names are the same.
        let key = match kind {
            PhotoKind::IdSelfie => "photo-kind-selfie".to_owned(),
            other => format!("photo-kind-{}", other.as_str()),
        };
        self.i18n.t(self.lang, &key)
    }

    /// A time in the reader's time zone and language.
    pub fn datetime(&self, unix: &i64) -> String {
        crate::util::format_time_for(*unix, self.lang, self.zone)
    }
}

/// A form's error, translated, with the field it belongs to.
pub struct FormError {
    pub message: String,
    pub field: &'static str,
}

impl FormError {
    pub fn from_app(state: &AppState, ctx: &Ctx, e: &AppError) -> Self {
        Self {
            message: error_message(state, ctx, e),
            field: e.field().unwrap_or(""),
        }
    }
}

pub fn error_message(state: &AppState, ctx: &Ctx, e: &AppError) -> String {
    let (lang, zone) = (ctx.lang(), ctx.zone());
    let e = e.unwrapped();
    let key = format!("error-{}", e.code());
    match e {
        AppError::Throttled { retry_after } => {
            state
                .i18n
                .t_args(lang, &key, &[("seconds", (*retry_after).into())])
        }
        // Minutes rounded up, as the lock mail rounds them.
        AppError::Locked { until } => state.i18n.t_args(
            lang,
            &key,
            &[
                (
                    "minutes",
                    (((*until - state.now() + 59) / 60).max(1)).into(),
                ),
                (
                    "until",
                    crate::util::format_time_for(*until, lang, zone).into(),
                ),
            ],
        ),
        AppError::Desk(desk) => {
            let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = desk
                .args()
                .into_iter()
                .map(|(k, v)| (k, v.into()))
                .collect();
            state.i18n.t_args(lang, &key, &args)
        }
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
#[template(path = "partials/message.html")]
pub struct MessagePage {
    pub p: PageCtx,
    pub title: String,
    pub body: String,
    pub link: Option<(String, String)>,
    pub is_error: bool,
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

/// A form page shown again with the error that stopped it, in place, with the error's
/// status: every form's failure branch is this one call.
pub fn form_failed<T: Template>(
    state: &AppState,
    ctx: &Ctx,
    e: &AppError,
    page: impl FnOnce(Option<FormError>) -> T,
) -> Response {
    html_status(e.status(), page(Some(FormError::from_app(state, ctx, e))))
}

/// Where a visitor belongs: the login, the step of signing in still missing, or the
/// account page.
pub fn home_for(viewer: Option<&crate::auth::Viewer>) -> &'static str {
    viewer.map_or("/login", |v| v.stage.home_of(v.role()))
}
