//! A page's form (`application/x-www-form-urlencoded`), read without its `csrf` field
//! (the context middleware has checked it), so that one input type can serve a page and
//! the API and still refuse fields it does not know. A form that cannot be read gets the
//! error page in the customer's language, like any other failure.
use crate::error::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

pub struct Form<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_form = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(AppError::UnsupportedMediaType("expected a form".into()));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::from_rejection(e.status(), e.body_text()))?;
        read(&bytes).map(Form)
    }
}

fn read<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let unreadable = |e: serde_urlencoded::de::Error| AppError::BadRequest(e.to_string());
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(bytes).map_err(unreadable)?;
    let fields: Vec<_> = pairs.into_iter().filter(|(k, _)| k != "csrf").collect();
    let encoded =
        serde_urlencoded::to_string(&fields).map_err(|e| AppError::BadRequest(e.to_string()))?;
    serde_urlencoded::from_str(&encoded).map_err(unreadable)
}

#[cfg(test)]
mod tests {
    use super::read;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Login {
        email: String,
    }

    #[test]
    fn the_csrf_field_is_left_out_and_unknown_ones_refused() {
        let login: Login = read(b"csrf=t&email=a%40example.com").unwrap();
        assert_eq!(login.email, "a@example.com");
        let err = read::<Login>(b"csrf=t&email=a&admin=1").unwrap_err();
        assert!(err.to_string().contains("admin"), "{err}");
        assert!(read::<Login>(b"csrf=t").is_err(), "a missing field");
    }
}
