//! One error type for every use case. Each variant has a stable machine code (API
//! clients and the Fluent message ids `error-<code>` depend on it), an HTTP status,
//! and renders as JSON for the API or as a page for browsers.
use axum::http::StatusCode;
use keydesk_domain::{email::EmailError, password::PasswordError, totp::TotpError};
use keydesk_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("invalid email: {0}")]
    Email(#[from] EmailError),
    #[error("weak password: {0}")]
    Password(#[from] PasswordError),
    #[error("second factor: {0}")]
    Totp(TotpError),
    #[error("recovery code not valid")]
    RecoveryCodeInvalid,
    #[error("email or password is wrong")]
    CredentialsInvalid,
    #[error("current password is wrong")]
    CurrentPasswordWrong,
    #[error("too many attempts; retry in {retry_after} s")]
    Throttled { retry_after: i64 },
    #[error("locked until {until}")]
    Locked { until: i64 },
    #[error("link not valid")]
    TokenInvalid,
    #[error("link expired")]
    TokenExpired,
    #[error("link already used")]
    TokenUsed,
    #[error("CSRF check failed")]
    Csrf,
    #[error("not signed in")]
    Unauthenticated,
    #[error("second factor required")]
    SecondFactorRequired,
    #[error("2FA enrollment required")]
    EnrollmentRequired,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("no enrollment in progress")]
    NoPendingEnrollment,
    #[error("2FA is already active")]
    FactorAlreadyActive,
    #[error("2FA is not active")]
    NoFactor,
    #[error("proof of the current authenticator required")]
    ProofRequired,
    #[error("turning 2FA off is not allowed")]
    DisableNotAllowed,
    #[error("the photo cannot be used: {0}")]
    Photo(#[from] keydesk_photocheck::IntakeError),
    #[error("the photo checks found problems to fix first")]
    PhotoBlocked,
    #[error("too many photo checks at once; try again in a moment")]
    PhotoBusy,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<TotpError> for AppError {
    fn from(e: TotpError) -> Self {
        AppError::Totp(e)
    }
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Email(EmailError::Empty) => "email_empty",
            AppError::Email(EmailError::TooLong) => "email_too_long",
            AppError::Email(EmailError::Invalid) => "email_invalid",
            AppError::Password(e) => e.code(),
            AppError::Totp(e) => e.code(),
            AppError::RecoveryCodeInvalid => "recovery_code_invalid",
            AppError::CredentialsInvalid => "credentials_invalid",
            AppError::CurrentPasswordWrong => "current_password_wrong",
            AppError::Throttled { .. } => "throttled",
            AppError::Locked { .. } => "locked",
            AppError::TokenInvalid => "token_invalid",
            AppError::TokenExpired => "token_expired",
            AppError::TokenUsed => "token_used",
            AppError::Csrf => "csrf_failed",
            AppError::Unauthenticated => "unauthenticated",
            AppError::SecondFactorRequired => "second_factor_required",
            AppError::EnrollmentRequired => "enrollment_required",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::NoPendingEnrollment => "no_pending_enrollment",
            AppError::FactorAlreadyActive => "factor_already_active",
            AppError::NoFactor => "no_factor",
            AppError::ProofRequired => "proof_required",
            AppError::DisableNotAllowed => "disable_not_allowed",
            AppError::Photo(e) => photo_code(e),
            AppError::PhotoBlocked => "photo_blocked",
            AppError::PhotoBusy => "photo_busy",
            AppError::BadRequest(_) => "bad_request",
            AppError::Store(StoreError::Conflict(_)) => "conflict",
            AppError::Store(_) | AppError::Internal(_) => "internal",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Email(_) | AppError::Password(_) | AppError::BadRequest(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Totp(TotpError::Malformed) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Totp(_)
            | AppError::RecoveryCodeInvalid
            | AppError::CredentialsInvalid
            | AppError::CurrentPasswordWrong => StatusCode::UNAUTHORIZED,
            AppError::Throttled { .. } | AppError::Locked { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::TokenInvalid | AppError::TokenExpired | AppError::TokenUsed => {
                StatusCode::GONE
            }
            AppError::Csrf | AppError::Forbidden | AppError::DisableNotAllowed => {
                StatusCode::FORBIDDEN
            }
            AppError::Unauthenticated
            | AppError::SecondFactorRequired
            | AppError::EnrollmentRequired => StatusCode::UNAUTHORIZED,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::NoPendingEnrollment
            | AppError::FactorAlreadyActive
            | AppError::NoFactor
            | AppError::ProofRequired => StatusCode::CONFLICT,
            AppError::PhotoBlocked => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Photo(keydesk_photocheck::IntakeError::TooLarge { .. }) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            AppError::Photo(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::PhotoBusy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Store(StoreError::Conflict(_)) => StatusCode::CONFLICT,
            AppError::Store(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Which form field the error belongs to, so pages can show it in place.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AppError::Email(_) => Some("email"),
            AppError::Password(_) => Some("password"),
            AppError::CurrentPasswordWrong => Some("current_password"),
            AppError::Totp(_) | AppError::RecoveryCodeInvalid => Some("code"),
            _ => None,
        }
    }

    pub fn retry_after(&self) -> Option<i64> {
        match self {
            AppError::Throttled { retry_after } => Some(*retry_after),
            _ => None,
        }
    }

    pub fn is_internal(&self) -> bool {
        self.status().is_server_error()
    }
}

pub type AppResult<T> = Result<T, AppError>;

impl From<keydesk_domain::password::HashError> for AppError {
    fn from(e: keydesk_domain::password::HashError) -> Self {
        AppError::Internal(anyhow::anyhow!(e))
    }
}

/// The photo intake errors as stable API codes (`photo_` + the crate's code).
fn photo_code(e: &keydesk_photocheck::IntakeError) -> &'static str {
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
