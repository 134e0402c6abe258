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
    /// A wrong code (or recovery code) where one confirms a change to two-factor
    /// authentication (enrolling, moving, new codes, turning it off): not a login.
    ConfirmationCodeFailed,
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
    TimeZoneChanged,
    AccountCreatedByOperator,
    ApiTokenIssued,
    PhotoSubmitted,
    PhotoViewedByStaff,
    /// A desk attachment opened by an agent (the requester's own views are not audited).
    AttachmentViewedByStaff,
    MacroSaved,
    WebhookSaved,
}

crate::stored::stored_names!(AuditKind {
    SignUp => "sign_up",
    EmailVerified => "email_verified",
    LoginPassword => "login_password",
    LoginPasswordFailed => "login_password_failed",
    LoginSecondFactor => "login_second_factor",
    LoginSecondFactorFailed => "login_second_factor_failed",
    ConfirmationCodeFailed => "confirmation_code_failed",
    Logout => "logout",
    LogoutEverywhere => "logout_everywhere",
    SessionEnded => "session_ended",
    TotpEnrolled => "totp_enrolled",
    TotpMoved => "totp_moved",
    TotpRemoved => "totp_removed",
    RecoveryCodeUsed => "recovery_code_used",
    RecoveryCodesRegenerated => "recovery_codes_regenerated",
    Locked => "locked",
    PasswordChanged => "password_changed",
    PasswordResetRequested => "password_reset_requested",
    PasswordReset => "password_reset",
    LanguageChanged => "language_changed",
    TimeZoneChanged => "time_zone_changed",
    AccountCreatedByOperator => "account_created_by_operator",
    ApiTokenIssued => "api_token_issued",
    PhotoSubmitted => "photo_submitted",
    PhotoViewedByStaff => "photo_viewed_by_staff",
    AttachmentViewedByStaff => "attachment_viewed_by_staff",
    MacroSaved => "macro_saved",
    WebhookSaved => "webhook_saved",
});
