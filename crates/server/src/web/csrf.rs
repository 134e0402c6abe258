//! The CSRF check for every state-changing form: double submission of a token that
//! the HttpOnly cookie also carries, plus Fetch Metadata.
use axum::body::{to_bytes, Body, BodyDataStream, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use futures_util::StreamExt;
use subtle::ConstantTimeEq;

const FORM_LIMIT: usize = 64 * 1024;
/// The CSRF field comes first in a multipart form; it must end within this much.
const MULTIPART_CSRF_WITHIN: usize = 4096;

pub(super) fn ct_eq(a: &str, b: &str) -> bool {
    bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// Synchronizer check by double submission: the form's `csrf` field (or an
/// `X-CSRF-Token` header) must equal the HttpOnly cookie. A multipart form (a photo sent
/// without script) must carry the field first: only the start of its body is read here,
/// and the rest streams on to the handler under its route's own limit. Cross-site
/// requests are refused outright when the browser says so (Fetch Metadata).
pub(super) async fn check_csrf(
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
