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
    VerificationFactsGiven,
    VerificationSubmitted,
    /// Approved, refused (by the machine or an agent) or cleared.
    VerificationDecided,
    VerificationImageViewedByStaff,
    /// An agent opened a case's review (the facts on file, the zone read).
    VerificationCaseViewedByStaff,
    HoldAdded,
    HoldLifted,
    ServiceTokenCreated,
    ServiceTokenRevoked,
    /// "Lost your authenticator?": a reset case opened, or sent again after a refusal.
    TwofactorResetRequested,
    /// Three of four personal facts did not match (which ones is not said to anyone).
    TwofactorResetFactsFailed,
    /// An agent approved (one of several approvals, or the last) or refused a reset.
    TwofactorResetDecided,
    /// "This wasn't me": the reset stopped and the account frozen.
    TwofactorResetCancelled,
    /// The factors and recovery codes removed, the sessions ended, the hold set.
    TwofactorResetExecuted,
    TwofactorResetImageViewedByStaff,
    TwofactorResetCaseViewedByStaff,
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
    VerificationFactsGiven => "verification_facts_given",
    VerificationSubmitted => "verification_submitted",
    VerificationDecided => "verification_decided",
    VerificationImageViewedByStaff => "verification_image_viewed_by_staff",
    VerificationCaseViewedByStaff => "verification_case_viewed_by_staff",
    HoldAdded => "hold_added",
    HoldLifted => "hold_lifted",
    ServiceTokenCreated => "service_token_created",
    ServiceTokenRevoked => "service_token_revoked",
    TwofactorResetRequested => "twofactor_reset_requested",
    TwofactorResetFactsFailed => "twofactor_reset_facts_failed",
    TwofactorResetDecided => "twofactor_reset_decided",
    TwofactorResetCancelled => "twofactor_reset_cancelled",
    TwofactorResetExecuted => "twofactor_reset_executed",
    TwofactorResetImageViewedByStaff => "twofactor_reset_image_viewed_by_staff",
    TwofactorResetCaseViewedByStaff => "twofactor_reset_case_viewed_by_staff",
});
