//! The CSRF check for every state-changing form: a token bound to the browser's CSRF
//! cookie and to its session cookie, sent back in the form (or a header), plus Fetch
//! Metadata.
//!
//! The token a page carries is a digest of the two cookies ([`bound_token`]), never the
//! CSRF cookie itself: a token taken from one browser (or planted with its cookie in
//! another) is refused under any other session, and signing in or out changes it. The
//! cookies are HttpOnly, so a page of another site can compute neither.
use crate::keys::Keyring;
use axum::body::{to_bytes, Body, BodyDataStream, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64;
use base64::Engine;
use futures_util::StreamExt;

const FORM_LIMIT: usize = 64 * 1024;
/// The CSRF field comes first in a multipart form; it must end within this much.
const MULTIPART_CSRF_WITHIN: usize = 4096;

/// What a request's CSRF token must be bound to: the CSRF cookie's value and the
/// session's id (none before signing in: then the CSRF cookie alone, the pre-session).
/// The id, not the session's secret: rotating the session's token (after the second
/// factor, enrollment, a password change) keeps the pages already open working; a new
/// session (signing in or out) does not.
pub struct CsrfBinding<'a> {
    keys: &'a Keyring,
    csrf_cookie: &'a str,
    session_id: &'a str,
}

const PURPOSE: &str = "csrf v1";

impl<'a> CsrfBinding<'a> {
    pub fn new(keys: &'a Keyring, csrf_cookie: &'a str, session_cookie: Option<&'a str>) -> Self {
        let session_id = session_cookie
            .and_then(|t| t.split_once('.'))
            .map_or("", |(id, _)| id);
        Self {
            keys,
            csrf_cookie,
            session_id,
        }
    }

    fn parts(&self) -> [&[u8]; 2] {
        [self.csrf_cookie.as_bytes(), self.session_id.as_bytes()]
    }

    /// The token pages and scripts are given: a MAC under the server's key.
    pub fn token(&self) -> String {
        let mac = self.keys.current().mac(PURPOSE, &self.parts());
        BASE64.encode(mac)
    }

    /// Whether a sent token is this binding's, under the current key or a retired one
    /// (a page opened before a key rotation still posts).
    pub fn accepts(&self, sent: &str) -> bool {
        BASE64.decode(sent).is_ok_and(|mac| {
            self.keys
                .current()
                .mac_matches(PURPOSE, &self.parts(), &mac)
        })
    }
}

/// The form's `csrf` field (or an `X-CSRF-Token` header) must be a token the request's
/// [`CsrfBinding`] accepts. A multipart form (a photo sent
/// without script) must carry the field first: only the start of its body is read here,
/// and the rest streams on to the handler under its route's own limit. Cross-site
/// requests are refused outright when the browser says so (Fetch Metadata).
pub(super) async fn check_csrf(
    headers: &HeaderMap,
    body: Body,
    binding: Option<&CsrfBinding<'_>>,
) -> Result<Body, StatusCode> {
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v == "cross-site")
    {
        return Err(StatusCode::FORBIDDEN);
    }
    let binding = binding.ok_or(StatusCode::FORBIDDEN)?;
    let matches = |sent: Option<String>| sent.is_some_and(|sent| binding.accepts(&sent));
    if let Some(h) = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return if binding.accepts(h) {
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

#[cfg(test)]
mod tests {
    use super::CsrfBinding;
    use crate::keys::Keyring;

    #[test]
    fn the_token_changes_with_the_cookie_and_the_session_not_the_sessions_secret() {
        let (_dir, keys) = Keyring::temporary();
        let token = |cookie, session| CsrfBinding::new(&keys, cookie, session).token();
        let pre = token("csrf-a", None);
        assert_eq!(pre, token("csrf-a", None));
        assert_ne!(pre, token("csrf-b", None));
        assert_ne!(pre, token("csrf-a", Some("17.secret")));
        assert_ne!(
            token("csrf-a", Some("17.secret")),
            token("csrf-a", Some("18.secret"))
        );
        assert_eq!(
            token("csrf-a", Some("17.secret")),
            token("csrf-a", Some("17.rotated")),
            "a rotated session keeps its pages' tokens"
        );
        assert_ne!(pre, "csrf-a", "never the cookie itself");
        let binding = CsrfBinding::new(&keys, "csrf-a", Some("17.secret"));
        assert!(binding.accepts(&binding.token()));
        assert!(!binding.accepts(&pre));
        assert!(!binding.accepts("csrf-a"));
        assert!(!binding.accepts("not base64 at all!"));
    }
}
