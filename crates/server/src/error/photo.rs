//! What goes wrong in the photos feature: an unusable file, a blocked photo, a busy pool.
use axum::http::StatusCode;
use keydesk_photocheck::IntakeError;

#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("the photo cannot be used: {0}")]
    Intake(IntakeError),
    #[error("the photo checks found problems to fix first")]
    Blocked,
    #[error("too many photo checks at once; try again in a moment")]
    Busy,
}

impl PhotoError {
    pub fn code(&self) -> &'static str {
        match self {
            PhotoError::Intake(e) => intake_code(e),
            PhotoError::Blocked => "photo_blocked",
            PhotoError::Busy => "photo_busy",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            PhotoError::Intake(IntakeError::TooLarge { .. }) => StatusCode::PAYLOAD_TOO_LARGE,
            PhotoError::Intake(_) | PhotoError::Blocked => StatusCode::UNPROCESSABLE_ENTITY,
            PhotoError::Busy => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// The photo intake errors as stable API codes (`photo_` + the crate's code).
fn intake_code(e: &IntakeError) -> &'static str {
    match e.code() {
        "empty" => "photo_empty",
        "too_large" => "photo_too_large",
        "unsupported_format" => "photo_unsupported_format",
        "too_many_pixels" => "photo_too_many_pixels",
        "too_small" => "photo_too_small",
        "animated" => "photo_animated",
        "truncated" => "photo_truncated",
        "memory_limit" => "photo_memory_limit",
        _ => "photo_corrupt",
    }
}
