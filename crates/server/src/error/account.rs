//! What goes wrong in the accounts feature: sign-up, e-mail links, passwords.
use axum::http::StatusCode;
use keydesk_domain::identity::{email::EmailError, password::PasswordError};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("invalid email: {0}")]
    Email(EmailError),
    #[error("weak password: {0}")]
    Password(PasswordError),
    #[error("current password is wrong")]
    CurrentPasswordWrong,
    #[error("link not valid")]
    TokenInvalid,
    #[error("link expired")]
    TokenExpired,
    #[error("link already used")]
    TokenUsed,
}

impl AccountError {
    pub fn code(&self) -> &'static str {
        match self {
            AccountError::Email(EmailError::Empty) => "email_empty",
            AccountError::Email(EmailError::TooLong) => "email_too_long",
            AccountError::Email(EmailError::Invalid) => "email_invalid",
            AccountError::Password(e) => e.code(),
            AccountError::CurrentPasswordWrong => "current_password_wrong",
            AccountError::TokenInvalid => "token_invalid",
            AccountError::TokenExpired => "token_expired",
            AccountError::TokenUsed => "token_used",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AccountError::Email(_) | AccountError::Password(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AccountError::CurrentPasswordWrong => StatusCode::UNAUTHORIZED,
            AccountError::TokenInvalid | AccountError::TokenExpired | AccountError::TokenUsed => {
                StatusCode::GONE
            }
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            AccountError::Email(_) => Some("email"),
            AccountError::Password(_) => Some("password"),
            AccountError::CurrentPasswordWrong => Some("current_password"),
            _ => None,
        }
    }
}
