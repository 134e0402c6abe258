//! What goes wrong in the two-factor feature: codes, recovery codes, enrollment.
use axum::http::StatusCode;
use keydesk_domain::twofactor::totp::TotpError;

#[derive(Debug, thiserror::Error)]
pub enum TwoFactorError {
    #[error("second factor: {0}")]
    Totp(TotpError),
    #[error("recovery code not valid")]
    RecoveryCodeInvalid,
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
}

impl TwoFactorError {
    pub fn code(&self) -> &'static str {
        match self {
            TwoFactorError::Totp(e) => e.code(),
            TwoFactorError::RecoveryCodeInvalid => "recovery_code_invalid",
            TwoFactorError::NoPendingEnrollment => "no_pending_enrollment",
            TwoFactorError::FactorAlreadyActive => "factor_already_active",
            TwoFactorError::NoFactor => "no_factor",
            TwoFactorError::ProofRequired => "proof_required",
            TwoFactorError::DisableNotAllowed => "disable_not_allowed",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            TwoFactorError::Totp(TotpError::Malformed) => StatusCode::UNPROCESSABLE_ENTITY,
            TwoFactorError::Totp(_) | TwoFactorError::RecoveryCodeInvalid => {
                StatusCode::UNAUTHORIZED
            }
            TwoFactorError::DisableNotAllowed => StatusCode::FORBIDDEN,
            TwoFactorError::NoPendingEnrollment
            | TwoFactorError::FactorAlreadyActive
            | TwoFactorError::NoFactor
            | TwoFactorError::ProofRequired => StatusCode::CONFLICT,
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            TwoFactorError::Totp(_) | TwoFactorError::RecoveryCodeInvalid => Some("code"),
            _ => None,
        }
    }
}
