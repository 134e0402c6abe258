//! Runs before every handler: who is asking (session or API token), in which
//! language, from where; the CSRF check for every state-changing form; and, on the way
//! out, the rendering of a failed request (`web::render`), in that request's language.
use super::csrf::{check_csrf, CsrfBinding};
use crate::auth::{self, Viewer};
use crate::error::AppError;
use crate::state::AppState;
use crate::usecase::RequestMeta;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use keydesk_domain::identity::language::Language;
use keydesk_domain::identity::token;
use std::net::SocketAddr;
use std::sync::Arc;

pub const LANG_COOKIE: &str = "kd_lang";

/// The request's context, available to every handler.
#[derive(Clone)]
pub struct Ctx {
    pub meta: RequestMeta,
    pub csrf: String,
    /// Shared, not copied: the extractors (`SignedIn`, `Complete`…) hand it out too.
    pub viewer: Option<Arc<Viewer>>,
    pub secure_cookies: bool,
    /// A request to the JSON API (`/api/…`).
    pub is_api: bool,
    /// The page's own path and query, where the language switch comes back to.
    pub path: String,
}

impl Ctx {
    pub fn lang(&self) -> Language {
        self.meta.lang
    }

    /// The zone the viewer reads times in: their chosen one, else their language's.
    pub fn zone(&self) -> keydesk_domain::identity::time_zone::TimeZone {
        let chosen = self.viewer.as_ref().and_then(|v| v.account.time_zone);
        keydesk_domain::identity::time_zone::TimeZone::of(chosen, self.lang())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Arc<Ctx>>()
            .map(|ctx| Ctx::clone(ctx))
            .ok_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

pub fn session_cookie_name(secure: bool) -> &'static str {
    // The __Host- prefix pins the cookie to this host and path, over https only.
    if secure {
        "__Host-kd_session"
    } else {
        "kd_session"
    }
}

pub fn csrf_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-kd_csrf"
    } else {
        "kd_csrf"
    }
}

pub fn cookie_header(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

pub async fn context(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = req.into_parts();
    let secure = state.settings.cookies_secure();
    let is_api = parts.uri.path().starts_with("/api/");
    let headers = &parts.headers;

    let existing_csrf = cookie(headers, csrf_cookie_name(secure))
        .filter(|t| token::looks_valid(t))
        .map(str::to_owned);
    let bearer = if is_api { bearer(headers) } else { None };
    // A bearer client is no browser: it gets no CSRF cookie (nor costs a fresh secret).
    let issue_csrf = existing_csrf.is_none() && bearer.is_none();
    let csrf_cookie = match &existing_csrf {
        Some(t) => t.clone(),
        None if issue_csrf => token::generate(),
        None => String::new(),
    };
    let session_cookie = cookie(headers, session_cookie_name(secure));
    // What this request's forms must carry, and what pages and scripts are given.
    let binding = existing_csrf
        .as_deref()
        .map(|c| CsrfBinding::new(&state.secrets, c, session_cookie));
    let csrf = if csrf_cookie.is_empty() {
        String::new()
    } else {
        CsrfBinding::new(&state.secrets, &csrf_cookie, session_cookie).token()
    };

    // The API takes a bearer token, or the browser session plus the CSRF token in a
    // header (a cross-site page can set neither).
    let session_token = if is_api {
        match bearer {
            // A service token is no session (the route that takes it checks it).
            Some(t) if t.starts_with(keydesk_domain::identity::token::SERVICE_PREFIX) => None,
            Some(t) => Some(t.to_owned()),
            None => {
                let header_ok = headers
                    .get("x-csrf-token")
                    .and_then(|v| v.to_str().ok())
                    .zip(binding.as_ref())
                    .is_some_and(|(sent, binding)| binding.accepts(sent));
                header_ok
                    .then(|| session_cookie.map(str::to_owned))
                    .flatten()
            }
        }
    } else {
        session_cookie.map(str::to_owned)
    };
    let viewer = match session_token {
        Some(t) => match auth::resolve(&state, &t).await {
            Ok(v) => v.map(Arc::new),
            Err(e) => {
                tracing::error!(error = ?e, "resolving the session");
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        },
        None => None,
    };

    let lang = viewer
        .as_ref()
        .map(|v| v.lang())
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(Language::parse))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Language::from_accept_language)
        })
        .unwrap_or_default();
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(400)
        .collect();
    let meta = RequestMeta {
        ip: super::client_ip::client_ip(peer.ip(), headers, &state.settings.trusted_proxies)
            .to_string(),
        user_agent,
        lang,
    };
    let path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".into());
    let ctx = Arc::new(Ctx {
        meta,
        csrf: csrf.clone(),
        viewer,
        secure_cookies: secure,
        is_api,
        path,
    });

    let unsafe_method = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let body = if unsafe_method && !is_api {
        match check_csrf(&parts.headers, body, binding.as_ref()).await {
            Ok(body) => body,
            Err(status) => {
                let mut resp = super::render::failure(&state, &ctx, &AppError::Csrf);
                *resp.status_mut() = status;
                return resp;
            }
        }
    } else {
        body
    };

    parts.extensions.insert(ctx.clone());
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if let Some(failure) = response.extensions_mut().remove::<super::render::Failure>() {
        response = super::render::replace(&state, &ctx, &failure, response);
    }
    if issue_csrf {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookie_header(csrf_cookie_name(secure), &csrf_cookie, None, secure),
        );
    }
    response
}
