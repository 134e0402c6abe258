//! Runs before every handler: who is asking (session or API token), in which
//! language, from where; and the CSRF check for every state-changing form.
use crate::error::AppError;
use crate::service::auth::{self, Viewer};
use crate::service::RequestMeta;
use crate::state::AppState;
use axum::body::{to_bytes, Body, BodyDataStream, Bytes};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use keydesk_domain::language::Language;
use keydesk_domain::token;
use std::net::SocketAddr;
use subtle::ConstantTimeEq;

pub const LANG_COOKIE: &str = "kd_lang";
const FORM_LIMIT: usize = 64 * 1024;
/// The CSRF field comes first in a multipart form; it must end within this much.
const MULTIPART_CSRF_WITHIN: usize = 4096;

/// The request's context, available to every handler.
#[derive(Clone)]
pub struct Ctx {
    pub meta: RequestMeta,
    pub csrf: String,
    pub viewer: Option<Viewer>,
    pub secure_cookies: bool,
    /// The page's own path and query, where the language switch comes back to.
    pub path: String,
}

impl Ctx {
    pub fn lang(&self) -> Language {
        self.meta.lang
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
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

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

fn ct_eq(a: &str, b: &str) -> bool {
    bool::from(a.as_bytes().ct_eq(b.as_bytes()))
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
    let csrf = match &existing_csrf {
        Some(t) => t.clone(),
        None if issue_csrf => token::generate(),
        None => String::new(),
    };

    // The API takes a bearer token, or the browser session plus the CSRF token in a
    // header (a cross-site page can set neither).
    let session_token = if is_api {
        match bearer {
            Some(t) => Some(t.to_owned()),
            None => {
                let header_ok = headers
                    .get("x-csrf-token")
                    .and_then(|v| v.to_str().ok())
                    .zip(existing_csrf.as_deref())
                    .is_some_and(|(h, c)| ct_eq(h, c));
                header_ok
                    .then(|| cookie(headers, session_cookie_name(secure)).map(str::to_owned))
                    .flatten()
            }
        }
    } else {
        cookie(headers, session_cookie_name(secure)).map(str::to_owned)
    };
    let viewer = match session_token {
        Some(t) => match auth::resolve(&state, &t).await {
            Ok(v) => v,
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
    let ctx = Ctx {
        meta,
        csrf: csrf.clone(),
        viewer,
        secure_cookies: secure,
        path,
    };

    let unsafe_method = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let body = if unsafe_method && !is_api {
        match check_csrf(&parts.headers, body, existing_csrf.as_deref()).await {
            Ok(body) => body,
            Err(status) => {
                let mut resp = crate::web::render_error(&state, &ctx, &AppError::Csrf);
                *resp.status_mut() = status;
                return resp;
            }
        }
    } else {
        body
    };

    parts.extensions.insert(ctx);
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if issue_csrf {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookie_header(csrf_cookie_name(secure), &csrf, None, secure),
        );
    }
    response
}

/// Synchronizer check by double submission: the form's `csrf` field (or an
/// `X-CSRF-Token` header) must equal the HttpOnly cookie. A multipart form (a photo sent
/// without script) must carry the field first: only the start of its body is read here,
/// and the rest streams on to the handler under its route's own limit. Cross-site
/// requests are refused outright when the browser says so (Fetch Metadata).
async fn check_csrf(
    headers: &HeaderMap,
    body: Body,
    cookie_token: Option<&str>,
) -> Result<Body, StatusCode> {
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v == "cross-site")
    {
        return Err(StatusCode::FORBIDDEN);
    }
    let expected = cookie_token.ok_or(StatusCode::FORBIDDEN)?;
    let matches = |sent: Option<String>| sent.is_some_and(|sent| ct_eq(&sent, expected));
    if let Some(h) = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return if ct_eq(h, expected) {
            Ok(body)
        } else {
            Err(StatusCode::FORBIDDEN)
        };
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let bytes = to_bytes(body, FORM_LIMIT)
            .await
            .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE)?;
        return if matches(form_urlencoded_value(&bytes, "csrf")) {
            Ok(Body::from(bytes))
        } else {
            Err(StatusCode::FORBIDDEN)
        };
    }
    if content_type.starts_with("multipart/form-data") {
        let (head, rest) = read_head(body).await?;
        return if matches(first_multipart_csrf(content_type, &head).await) {
            let head = futures_util::stream::once(std::future::ready(Ok(head)));
            Ok(Body::from_stream(head.chain(rest)))
        } else {
            Err(StatusCode::FORBIDDEN)
        };
    }
    Err(StatusCode::FORBIDDEN)
}

/// The body's first chunks, at least [`MULTIPART_CSRF_WITHIN`] bytes of them where the
/// body has that many, and the stream of the rest.
async fn read_head(body: Body) -> Result<(Bytes, BodyDataStream), StatusCode> {
    let mut rest = body.into_data_stream();
    let mut head = Vec::new();
    while head.len() < MULTIPART_CSRF_WITHIN {
        match rest.next().await {
            Some(Ok(chunk)) => head.extend_from_slice(&chunk),
            Some(Err(_)) => return Err(StatusCode::BAD_REQUEST),
            None => break,
        }
    }
    Ok((Bytes::from(head), rest))
}

/// The value of a multipart form's first field if that is `csrf`, read from the start
/// of the body only.
async fn first_multipart_csrf(content_type: &str, bytes: &Bytes) -> Option<String> {
    use axum::extract::{FromRequest, Multipart};
    let head = bytes.slice(..bytes.len().min(MULTIPART_CSRF_WITHIN));
    let req = Request::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(head))
        .ok()?;
    let mut form = Multipart::from_request(req, &()).await.ok()?;
    let field = form.next_field().await.ok()??;
    if field.name() != Some("csrf") {
        return None;
    }
    field.text().await.ok()
}

fn form_urlencoded_value(bytes: &[u8], name: &str) -> Option<String> {
    serde_urlencoded_pairs(bytes)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

fn serde_urlencoded_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes).unwrap_or_default()
}
