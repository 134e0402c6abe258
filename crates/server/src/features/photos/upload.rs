//! An uploaded image as the photo routes take it: the request's body up to the intake's
//! limit, or the photo's own "too large" error (in the format of the route's caller).
use crate::error::AppError;
use crate::web::render::ForScript;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use keydesk_photocheck::{IntakeError, PhotoKind};
use serde::Deserialize;

/// Phone photos are a few MB; the check itself refuses more than 30 MB.
pub const PHOTO_BODY_LIMIT: usize = 31 * 1024 * 1024;

/// The photo's own "too large" error, for a body over the upload limit.
pub(super) fn too_large() -> AppError {
    AppError::from(IntakeError::TooLarge {
        size: PHOTO_BODY_LIMIT + 1,
        max: PHOTO_BODY_LIMIT,
    })
}

/// The raw image a script or an integration posts.
pub(crate) struct PhotoBody(pub Vec<u8>);

impl<S: Send + Sync> FromRequest<S> for PhotoBody {
    type Rejection = ForScript;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        // The route's body limit is the only way reading the body fails here.
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| too_large())?;
        Ok(PhotoBody(bytes.to_vec()))
    }
}

/// What the photo page's script posts: the kind and the name typed so far in the query,
/// the image as the body.
pub(super) struct ScriptUpload {
    pub kind: PhotoKind,
    pub name: Option<String>,
    /// The customer chose to send a photo the checks blocked (see the domain's rule).
    pub send_anyway: bool,
    pub image: Vec<u8>,
}

#[derive(Deserialize)]
struct UploadQuery {
    kind: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    send_anyway: Option<String>,
}

impl<S: Send + Sync> FromRequest<S> for ScriptUpload {
    type Rejection = ForScript;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let Query(q) = Query::<UploadQuery>::from_request_parts(&mut parts, state)
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        let kind = PhotoKind::from_input(&q.kind).ok_or_else(|| {
            AppError::BadRequest(
                "kind must be selfie, document-front, document-back or address-side".into(),
            )
        })?;
        let PhotoBody(image) =
            PhotoBody::from_request(Request::from_parts(parts, body), state).await?;
        Ok(ScriptUpload {
            kind,
            name: q.name,
            send_anyway: q.send_anyway.as_deref() == Some("1"),
            image,
        })
    }
}
