//! One application error, nesting one error type per feature. Each variant has a stable
//! machine code (API clients and the Fluent message ids `error-<code>` depend on it) and
//! an HTTP status. It is rendered in one place (`web::render`): a page in the customer's
//! language for browsers, `{"error":{"code","message"}}` for the API; a 500 shows a
//! generic message and is logged there, once, with its whole chain.
//!
//! The feature errors sit here, below the features, rather than in each feature's
//! folder: they are shared vocabulary (a two-factor error surfaces in the login, an
//! account error in enrollment), and keeping them below means no feature imports
//! another's internals and `error` imports no feature.
mod account;
mod desk;
mod photo;
mod reset;
mod session;
mod twofactor;
mod verification;

pub use account::AccountError;
pub use desk::{AttachmentProblem, Change, DeskError};
pub use photo::PhotoError;
pub use reset::ResetError;
pub use session::SessionError;
pub use twofactor::TwoFactorError;
pub use verification::VerificationError;

use axum::http::StatusCode;
use keydesk_domain::identity::{email::EmailError, password::PasswordError};
use keydesk_domain::twofactor::totp::TotpError;
use keydesk_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    TwoFactor(#[from] TwoFactorError),
    #[error(transparent)]
    Photo(#[from] PhotoError),
    #[error(transparent)]
    Desk(#[from] DeskError),
    #[error(transparent)]
    Verification(#[from] VerificationError),
    #[error(transparent)]
    Reset(#[from] ResetError),
    #[error(transparent)]
    Hold(#[from] keydesk_domain::capability::hold::LiftError),
    #[error("too many attempts; retry in {retry_after} s")]
    Throttled { retry_after: i64 },
    #[error("locked until {until}")]
    Locked { until: i64 },
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
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("the body is larger than this route takes")]
    TooLarge,
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    /// An error that belongs to one field of a form with several alike (the current
    /// authenticator's code beside the new one's): everything as `error`'s, and the field.
    #[error("{error}")]
    InField {
        field: &'static str,
        error: Box<AppError>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<EmailError> for AppError {
    fn from(e: EmailError) -> Self {
        AccountError::Email(e).into()
    }
}

impl From<PasswordError> for AppError {
    fn from(e: PasswordError) -> Self {
        AccountError::Password(e).into()
    }
}

impl From<keydesk_photocheck::IntakeError> for AppError {
    fn from(e: keydesk_photocheck::IntakeError) -> Self {
        PhotoError::Intake(e).into()
    }
}

impl From<TotpError> for AppError {
    fn from(e: TotpError) -> Self {
        TwoFactorError::Totp(e).into()
    }
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Account(e) => e.code(),
            AppError::Session(e) => e.code(),
            AppError::TwoFactor(e) => e.code(),
            AppError::Photo(e) => e.code(),
            AppError::Desk(e) => e.code(),
            AppError::Verification(e) => e.code(),
            AppError::Reset(e) => e.code(),
            AppError::Hold(e) => match e {
                keydesk_domain::capability::hold::LiftError::SystemHold => "hold_system",
                keydesk_domain::capability::hold::LiftError::NotYours => "hold_not_yours",
                keydesk_domain::capability::hold::LiftError::Ended => "hold_ended",
                keydesk_domain::capability::hold::LiftError::NotAFreeze => "hold_not_a_freeze",
                keydesk_domain::capability::hold::LiftError::NeedsAdmin => "hold_needs_admin",
                keydesk_domain::capability::hold::LiftError::IdentityNotChecked => {
                    "hold_identity_not_checked"
                }
            },
            AppError::Throttled { .. } => "throttled",
            AppError::Locked { .. } => "locked",
            AppError::Csrf => "csrf_failed",
            AppError::Unauthenticated => "unauthenticated",
            AppError::SecondFactorRequired => "second_factor_required",
            AppError::EnrollmentRequired => "enrollment_required",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::BadRequest(_) => "bad_request",
            AppError::TooLarge => "payload_too_large",
            AppError::UnsupportedMediaType(_) => "unsupported_media_type",
            AppError::InField { error, .. } => error.code(),
            AppError::Store(StoreError::Conflict(_)) => "conflict",
            AppError::Store(_) | AppError::Internal(_) => "internal",
        }
    }

    /// This error, as one of the given form field.
    pub fn in_field(self, field: &'static str) -> AppError {
        AppError::InField {
            field,
            error: Box::new(self),
        }
    }

    /// The error itself, without the field it was put in.
    pub fn unwrapped(&self) -> &AppError {
        match self {
            AppError::InField { error, .. } => error.unwrapped(),
            e => e,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Account(e) => e.status(),
            AppError::Session(e) => e.status(),
            AppError::TwoFactor(e) => e.status(),
            AppError::Photo(e) => e.status(),
            AppError::Desk(e) => e.status(),
            AppError::Verification(e) => e.status(),
            AppError::Reset(e) => e.status(),
            AppError::Hold(
                keydesk_domain::capability::hold::LiftError::NotYours
                | keydesk_domain::capability::hold::LiftError::NeedsAdmin,
            ) => StatusCode::FORBIDDEN,
            AppError::Hold(keydesk_domain::capability::hold::LiftError::IdentityNotChecked) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Hold(_) => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Throttled { .. } | AppError::Locked { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Csrf | AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Unauthenticated
            | AppError::SecondFactorRequired
            | AppError::EnrollmentRequired => StatusCode::UNAUTHORIZED,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::InField { error, .. } => error.status(),
            AppError::Store(StoreError::Conflict(_)) => StatusCode::CONFLICT,
            AppError::Store(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Which form field the error belongs to, so pages can show it in place.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AppError::Account(e) => e.field(),
            AppError::TwoFactor(e) => e.field(),
            AppError::Desk(e) => e.field(),
            AppError::Verification(e) => e.field(),
            AppError::Reset(e) => e.field(),
            AppError::InField { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Seconds until a retry can succeed, for `Retry-After`.
    pub fn retry_after(&self, now: i64) -> Option<i64> {
        match self {
            AppError::Throttled { retry_after } => Some(*retry_after),
            AppError::Locked { until } => Some((until - now).max(1)),
            AppError::InField { error, .. } => error.retry_after(now),
            _ => None,
        }
    }

    /// The error of a body an extractor could not take, by the status it gives.
    pub fn from_rejection(status: StatusCode, text: String) -> AppError {
        match status {
            StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType(text),
            _ => AppError::BadRequest(text),
        }
    }

    pub fn is_internal(&self) -> bool {
        self.status().is_server_error()
    }
}

pub type AppResult<T> = Result<T, AppError>;

impl From<keydesk_domain::identity::password::HashError> for AppError {
    fn from(e: keydesk_domain::identity::password::HashError) -> Self {
        AppError::Internal(anyhow::anyhow!(e))
    }
}
