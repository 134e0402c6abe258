//! Rows as the store returns them. Times are unix seconds. Roles, statuses and kinds
//! are domain types: a stored name the domain does not know is a
//! [`StoreError::Decode`](crate::StoreError::Decode) when the row is read. Each model is
//! read from its columns in `repo/`, next to the SELECTs that list them.
use keydesk_domain::audit::AuditKind;
use keydesk_domain::identity::language::Language;
use keydesk_domain::identity::role::Role;
use keydesk_domain::jobs::JobKind;
use keydesk_domain::photo::kind::PhotoKind;
use serde::Serialize;

// Defined here before they moved to the domain; still named from here too.
pub use keydesk_domain::identity::session_kind::SessionKind;
pub use keydesk_domain::identity::token_purpose::TokenPurpose;
pub use keydesk_domain::twofactor::factor_status::FactorStatus;

#[derive(Debug, Clone)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub email_verified_at: Option<i64>,
    pub language: Language,
    pub role: Role,
    pub created_at: i64,
    pub password_changed_at: i64,
    /// Chosen by the customer; `None`: their language's.
    pub time_zone: Option<keydesk_domain::identity::time_zone::TimeZone>,
}

#[derive(Debug, Clone)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub language: Language,
    pub role: Role,
    pub email_verified_at: Option<i64>,
    pub now: i64,
}

#[derive(Debug, Clone)]
pub struct TotpFactor {
    pub id: i64,
    pub account_id: i64,
    pub secret_enc: Vec<u8>,
    pub status: FactorStatus,
    pub last_step: Option<i64>,
    pub created_at: i64,
    pub activated_at: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct RecoveryCodeRow {
    pub id: i64,
    pub account_id: i64,
    pub code_hash: String,
    pub created_at: i64,
    pub used_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Session {
    pub id: i64,
    #[serde(skip)]
    pub token_hash: String,
    pub account_id: i64,
    pub kind: SessionKind,
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

#[derive(Debug, Clone)]
pub struct EmailToken {
    pub token_hash: String,
    pub account_id: i64,
    pub purpose: TokenPurpose,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEvent {
    pub id: i64,
    pub account_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub kind: AuditKind,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub detail: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewAuditEvent<'a> {
    pub account_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub kind: AuditKind,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    /// A JSON object; never secrets.
    pub detail: String,
    pub now: i64,
}

impl NewAuditEvent<'_> {
    /// An event of `kind` at `now`, about nobody in particular, with an empty detail.
    pub fn new(kind: AuditKind, now: i64) -> Self {
        NewAuditEvent {
            account_id: None,
            actor_id: None,
            kind,
            ip: None,
            user_agent: None,
            detail: "{}".to_owned(),
            now,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub kind: JobKind,
    pub payload: String,
    pub run_at: i64,
    pub attempts: i64,
    pub last_error: Option<String>,
}

/// A job's sealed payload as `keys reseal` sees it.
#[derive(Debug, Clone)]
pub struct StoredPayload {
    pub id: i64,
    /// The kind's stored name, known to this version or not.
    pub kind: String,
    pub payload: String,
}

#[derive(Debug, Clone, Serialize)]
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

#[derive(Debug, Clone, Serialize)]
pub struct PhotoSubmission {
    pub id: i64,
    pub account_id: i64,
    pub kind: PhotoKind,
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
    pub kind: PhotoKind,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub findings: &'a str,
    pub blocking: bool,
    pub now: i64,
}
