//! The one place a failed request is rendered and logged. A handler (or an extractor)
//! returns an [`AppError`]; its `IntoResponse` only sets the status and leaves the error
//! in the response, and the context middleware — which knows the request's language and
//! whether it came to the API — calls [`replace`] on the way out:
//! - the API gets `{"error":{"code","message"}}` (with `locked_until` for a lock and a
//!   `Retry-After` header for a delay);
//! - a route a page's script calls (its handler returns [`ForScript`]) gets the same
//!   shape with the message in the customer's language, to show as it is;
//! - a page gets the error page in the customer's language, or, when the request lacked a
//!   step of signing in, a redirect to that step (the login, the second factor, the
//!   enrollment the mandatory-2FA policy demands);
//! - a 500 shows a generic message and is logged here, once, with its whole chain.
use super::{html_status, Ctx, MessagePage, PageCtx};
use crate::error::AppError;
use crate::state::AppState;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use serde_json::json;
use std::sync::Arc;

/// An error on its way out, waiting for the middleware to render it.
#[derive(Clone)]
pub struct Failure {
    error: Arc<AppError>,
    for_script: bool,
}

impl Failure {
    fn into_response(error: AppError, for_script: bool) -> Response {
        let mut response = error.status().into_response();
        response.extensions_mut().insert(Failure {
            error: Arc::new(error),
            for_script,
        });
        response
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        Failure::into_response(self, false)
    }
}

/// The error of a route that a page's script calls: JSON, in the customer's language.
pub struct ForScript(pub AppError);

impl<E: Into<AppError>> From<E> for ForScript {
    fn from(e: E) -> Self {
        ForScript(e.into())
    }
}

impl IntoResponse for ForScript {
    fn into_response(self) -> Response {
        Failure::into_response(self.0, true)
    }
}

/// Renders the failure left in `response`, keeping the headers it already has (a
/// `Retry-After`, cookies).
pub fn replace(state: &AppState, ctx: &Ctx, failure: &Failure, response: Response) -> Response {
    let (mut parts, _) = response.into_parts();
    let rendered = failure_response(state, ctx, &failure.error, failure.for_script);
    let (rendered_parts, body) = rendered.into_parts();
    parts.status = rendered_parts.status;
    for (name, value) in rendered_parts.headers.iter() {
        parts.headers.insert(name, value.clone());
    }
    Response::from_parts(parts, body)
}

/// The response for an error, without one to start from.
pub fn failure(state: &AppState, ctx: &Ctx, e: &AppError) -> Response {
    failure_response(state, ctx, e, false)
}

fn failure_response(state: &AppState, ctx: &Ctx, e: &AppError, for_script: bool) -> Response {
    let mut response = rendered(state, ctx, e, for_script);
    if let Some(seconds) = e.retry_after(state.now()) {
        if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    response
}

fn rendered(state: &AppState, ctx: &Ctx, e: &AppError, for_script: bool) -> Response {
    if e.is_internal() {
        // The path without its query: a query may hold a link's token.
        let path = ctx.path.split('?').next().unwrap_or_default();
        tracing::error!(error = ?e, path, "request failed");
    }
    if ctx.is_api {
        json_error(e, None)
    } else if for_script {
        json_error(e, Some(super::error_message(state, ctx, e)))
    } else {
        page_error(state, ctx, e)
    }
}

/// `message`: the customer's own words for it; the API's are English and stable.
fn json_error(e: &AppError, message: Option<String>) -> Response {
    let message = message.unwrap_or_else(|| {
        if e.is_internal() {
            "internal error".to_owned()
        } else {
            e.to_string()
        }
    });
    let mut body = json!({ "error": { "code": e.code(), "message": message } });
    match e.unwrapped() {
        AppError::Locked { until } => body["error"]["locked_until"] = json!(until),
        // Every problem of a form at once, by field, with stable codes.
        AppError::Desk(crate::error::DeskError::Form(fields)) => {
            body["error"]["fields"] = json!(fields)
        }
        AppError::Desk(crate::error::DeskError::Stale(changes)) => {
            body["error"]["changes"] = json!(changes)
        }
        _ => {}
    }
    (e.status(), Json(body)).into_response()
}

fn page_error(state: &AppState, ctx: &Ctx, e: &AppError) -> Response {
    match e.unwrapped() {
        AppError::Unauthenticated => return Redirect::to("/login").into_response(),
        AppError::SecondFactorRequired => return Redirect::to("/login/2fa").into_response(),
        AppError::EnrollmentRequired => return Redirect::to("/2fa/enroll").into_response(),
        _ => {}
    }
    let lang = ctx.lang();
    let page = MessagePage {
        p: PageCtx::new(state, ctx),
        title: state.i18n.t(lang, "error-title"),
        body: super::error_message(state, ctx, e),
        link: Some(("/".into(), state.i18n.t(lang, "nav-home"))),
        is_error: true,
    };
    html_status(e.status(), page)
}
