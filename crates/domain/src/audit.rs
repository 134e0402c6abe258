//! The kinds of security events written to the append-only audit log. The string
//! names are stable: operators search and alert on them.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditKind {
    SignUp,
    EmailVerified,
    LoginPassword,
    LoginPasswordFailed,
    LoginSecondFactor,
    LoginSecondFactorFailed,
    Logout,
    LogoutEverywhere,
    SessionEnded,
    TotpEnrolled,
    TotpMoved,
    TotpRemoved,
    RecoveryCodeUsed,
    RecoveryCodesRegenerated,
    Locked,
    PasswordChanged,
    PasswordResetRequested,
    PasswordReset,
    LanguageChanged,
    AccountCreatedByOperator,
    ApiTokenIssued,
    PhotoSubmitted,
    PhotoViewedByStaff,
}

impl AuditKind {
    /// Every value: `parse` reads only these, so a new variant goes here too.
    pub const ALL: [AuditKind; 23] = [
        AuditKind::SignUp,
        AuditKind::EmailVerified,
        AuditKind::LoginPassword,
        AuditKind::LoginPasswordFailed,
        AuditKind::LoginSecondFactor,
        AuditKind::LoginSecondFactorFailed,
        AuditKind::Logout,
        AuditKind::LogoutEverywhere,
        AuditKind::SessionEnded,
        AuditKind::TotpEnrolled,
        AuditKind::TotpMoved,
        AuditKind::TotpRemoved,
        AuditKind::RecoveryCodeUsed,
        AuditKind::RecoveryCodesRegenerated,
        AuditKind::Locked,
        AuditKind::PasswordChanged,
        AuditKind::PasswordResetRequested,
        AuditKind::PasswordReset,
        AuditKind::LanguageChanged,
        AuditKind::AccountCreatedByOperator,
        AuditKind::ApiTokenIssued,
        AuditKind::PhotoSubmitted,
        AuditKind::PhotoViewedByStaff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditKind::SignUp => "sign_up",
            AuditKind::EmailVerified => "email_verified",
            AuditKind::LoginPassword => "login_password",
            AuditKind::LoginPasswordFailed => "login_password_failed",
            AuditKind::LoginSecondFactor => "login_second_factor",
            AuditKind::LoginSecondFactorFailed => "login_second_factor_failed",
            AuditKind::Logout => "logout",
            AuditKind::LogoutEverywhere => "logout_everywhere",
            AuditKind::SessionEnded => "session_ended",
            AuditKind::TotpEnrolled => "totp_enrolled",
            AuditKind::TotpMoved => "totp_moved",
            AuditKind::TotpRemoved => "totp_removed",
            AuditKind::RecoveryCodeUsed => "recovery_code_used",
            AuditKind::RecoveryCodesRegenerated => "recovery_codes_regenerated",
            AuditKind::Locked => "locked",
            AuditKind::PasswordChanged => "password_changed",
            AuditKind::PasswordResetRequested => "password_reset_requested",
            AuditKind::PasswordReset => "password_reset",
            AuditKind::LanguageChanged => "language_changed",
            AuditKind::AccountCreatedByOperator => "account_created_by_operator",
            AuditKind::ApiTokenIssued => "api_token_issued",
            AuditKind::PhotoSubmitted => "photo_submitted",
            AuditKind::PhotoViewedByStaff => "photo_viewed_by_staff",
        }
    }

    /// The stored name, exactly as [`AuditKind::as_str`] writes it.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }
}

/// The stored name.
impl std::fmt::Display for AuditKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_nothing_else_parses() {
        for kind in AuditKind::ALL {
            assert_eq!(AuditKind::parse(kind.as_str()), Some(kind));
        }
        for unknown in ["", "SignUp", "sign-up", "login"] {
            assert_eq!(AuditKind::parse(unknown), None, "{unknown:?}");
        }
    }

    #[test]
    fn names_are_distinct() {
        let mut names: Vec<&str> = AuditKind::ALL.iter().map(|k| k.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), AuditKind::ALL.len());
    }
}
