//! What goes wrong in the sessions feature: signing in.
use axum::http::StatusCode;

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("email or password is wrong")]
    CredentialsInvalid,
}

impl SessionError {
    pub fn code(&self) -> &'static str {
        match self {
            SessionError::CredentialsInvalid => "credentials_invalid",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            SessionError::CredentialsInvalid => StatusCode::UNAUTHORIZED,
        }
    }
}
