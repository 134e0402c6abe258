//! Rows as the store returns them. Times are unix seconds.
use keydesk_domain::throttle::ThrottleState;
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub email_verified_at: Option<i64>,
    pub language: String,
    pub role: String,
    pub created_at: i64,
    pub password_changed_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub language: &'a str,
    pub role: &'a str,
    pub email_verified_at: Option<i64>,
    pub now: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactorStatus {
    Pending,
    Active,
}

impl FactorStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FactorStatus::Pending => "pending",
            FactorStatus::Active => "active",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TotpFactor {
    pub id: i64,
    pub account_id: i64,
    pub secret_enc: Vec<u8>,
    pub status: String,
    pub last_step: Option<i64>,
    pub created_at: i64,
    pub activated_at: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecoveryCodeRow {
    pub id: i64,
    pub account_id: i64,
    pub code_hash: String,
    pub created_at: i64,
    pub used_at: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Web,
    Api,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Web => "web",
            SessionKind::Api => "api",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Session {
    pub id: i64,
    #[serde(skip)]
    pub token_hash: String,
    pub account_id: i64,
    pub kind: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub mfa_verified_at: Option<i64>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// A session with its account and whether the account has an active second factor:
/// what every request needs to know about its bearer, read in one statement.
#[derive(Debug, Clone)]
pub struct SessionView {
    pub session: Session,
    pub account: Account,
    pub has_factor: bool,
}

/// The flat row behind [`SessionView`] (the two tables share column names).
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct SessionViewRow {
    pub s_id: i64,
    pub s_token_hash: String,
    pub s_account_id: i64,
    pub s_kind: String,
    pub s_created_at: i64,
    pub s_last_seen_at: i64,
    pub s_expires_at: i64,
    pub s_mfa_verified_at: Option<i64>,
    pub s_ip: Option<String>,
    pub s_user_agent: Option<String>,
    pub a_id: i64,
    pub a_email: String,
    pub a_password_hash: String,
    pub a_email_verified_at: Option<i64>,
    pub a_language: String,
    pub a_role: String,
    pub a_created_at: i64,
    pub a_password_changed_at: i64,
    pub active_factors: i64,
}

impl From<SessionViewRow> for SessionView {
    fn from(r: SessionViewRow) -> Self {
        SessionView {
            session: Session {
                id: r.s_id,
                token_hash: r.s_token_hash,
                account_id: r.s_account_id,
                kind: r.s_kind,
                created_at: r.s_created_at,
                last_seen_at: r.s_last_seen_at,
                expires_at: r.s_expires_at,
                mfa_verified_at: r.s_mfa_verified_at,
                ip: r.s_ip,
                user_agent: r.s_user_agent,
            },
            account: Account {
                id: r.a_id,
                email: r.a_email,
                password_hash: r.a_password_hash,
                email_verified_at: r.a_email_verified_at,
                language: r.a_language,
                role: r.a_role,
                created_at: r.a_created_at,
                password_changed_at: r.a_password_changed_at,
            },
            has_factor: r.active_factors > 0,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub account_id: i64,
    pub kind: SessionKind,
    pub now: i64,
    pub expires_at: i64,
    pub mfa_verified_at: Option<i64>,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::VerifyEmail => "verify_email",
            TokenPurpose::ResetPassword => "reset_password",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmailToken {
    pub token_hash: String,
    pub account_id: i64,
    pub purpose: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ThrottleRow {
    pub key: String,
    pub failures: i64,
    pub locks: i64,
    pub next_allowed_at: i64,
    pub locked_until: i64,
    pub last_failure_at: i64,
}

impl From<ThrottleRow> for ThrottleState {
    fn from(r: ThrottleRow) -> Self {
        ThrottleState {
            failures: r.failures.clamp(0, u32::MAX as i64) as u32,
            locks: r.locks.clamp(0, u32::MAX as i64) as u32,
            next_allowed_at: r.next_allowed_at,
            locked_until: r.locked_until,
            last_failure_at: r.last_failure_at,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AuditEvent {
    pub id: i64,
    pub account_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub kind: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub detail: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Default)]
pub struct NewAuditEvent<'a> {
    pub account_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub kind: &'a str,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    /// A JSON object; never secrets.
    pub detail: String,
    pub now: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub run_at: i64,
    pub attempts: i64,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct OutboxMail {
    pub id: i64,
    pub to_addr: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewOutboxMail<'a> {
    pub to_addr: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub now: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PhotoSubmission {
    pub id: i64,
    pub account_id: i64,
    pub kind: String,
    #[serde(skip)]
    pub file_name: String,
    pub sha256: String,
    /// The photo-check report as JSON.
    pub findings: String,
    pub blocking: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewPhotoSubmission<'a> {
    pub account_id: i64,
    pub kind: &'a str,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub findings: &'a str,
    pub blocking: bool,
    pub now: i64,
}
