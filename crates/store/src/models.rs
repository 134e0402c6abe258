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

pub use keydesk_domain::helpdesk::priority::Priority;
pub use keydesk_domain::helpdesk::status::Status;

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
    /// How far their identity is verified.
    pub tier: keydesk_domain::capability::tier::Tier,
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
    /// The threading headers, as JSON pairs.
    pub headers: String,
}

#[derive(Debug, Clone)]
pub struct NewOutboxMail<'a> {
    pub to_addr: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub headers: &'a str,
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

/// A help-desk request. Its `id` is the number customers see (`#1042`).
#[derive(Debug, Clone, Serialize)]
pub struct DeskRequest {
    pub id: i64,
    pub account_id: Option<i64>,
    pub email: String,
    pub lang: Language,
    pub category: String,
    pub subcategory: Option<String>,
    pub subject: String,
    /// The form's answers as JSON (option keys, not labels).
    pub answers: String,
    pub status: Status,
    pub status_since: i64,
    pub priority: Priority,
    pub assignee_id: Option<i64>,
    pub confirmed: bool,
    pub follow_up_of: Option<i64>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// Since when mail to `email` comes back undelivered (a bounce), if it does.
    pub email_failing_since: Option<i64>,
    /// The SLA clock due first, while one runs: its deadline and metric.
    pub sla_due_at: Option<i64>,
    pub sla_due_metric: Option<String>,
    /// The deadline whose breach `/metrics` has counted.
    pub sla_breach_counted: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct NewDeskRequest<'a> {
    pub account_id: Option<i64>,
    pub email: &'a str,
    pub lang: Language,
    pub category: &'a str,
    pub subcategory: Option<&'a str>,
    pub subject: &'a str,
    pub answers: &'a str,
    /// The answers as indexed for search (`helpdesk::answers_text`).
    pub answers_text: &'a str,
    pub confirmed: bool,
    /// SHA-256 of the confirmation link's token (signed-out requests).
    pub confirm_token_hash: Option<&'a str>,
    pub idempotency: &'a str,
    pub follow_up_of: Option<i64>,
    pub now: i64,
}

/// What an agent's change sets; `version` is the one the agent saw.
#[derive(Debug, Clone)]
pub struct DeskRequestUpdate<'a> {
    pub id: i64,
    pub seen_version: i64,
    pub status: Status,
    pub status_since: i64,
    pub priority: Priority,
    pub assignee_id: Option<i64>,
    pub category: &'a str,
    pub now: i64,
}

/// Which requests an agents' view lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeskFilter<'a> {
    pub queue: Option<DeskQueue>,
    pub status: Option<Status>,
    pub assignee: AssigneeFilter,
    pub category: Option<&'a str>,
}

/// The agents' coarse split of requests (a column, indexed with the views).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskQueue {
    Unconfirmed,
    Unsolved,
    Solved,
    Closed,
}

impl DeskQueue {
    pub fn of(status: Status, confirmed: bool) -> Self {
        match (confirmed, status) {
            (false, _) => DeskQueue::Unconfirmed,
            (true, Status::Solved) => DeskQueue::Solved,
            (true, Status::Closed) => DeskQueue::Closed,
            (true, _) => DeskQueue::Unsolved,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DeskQueue::Unconfirmed => "unconfirmed",
            DeskQueue::Unsolved => "unsolved",
            DeskQueue::Solved => "solved",
            DeskQueue::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssigneeFilter {
    Any,
    Nobody,
    Agent(i64),
}

/// A view's order: most recently updated first, or oldest first (who has waited longest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskSort {
    UpdatedNewest,
    CreatedOldest,
    /// Requests with an SLA clock running, the one due first first.
    SlaDue,
}

/// Where the next page starts: the last row of the page before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeskCursor {
    pub key: i64,
    pub id: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeskMessage {
    pub id: i64,
    pub request_id: i64,
    pub author_id: Option<i64>,
    pub author: Author,
    pub public: bool,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewDeskMessage<'a> {
    pub request_id: i64,
    pub author_id: Option<i64>,
    pub author: Author,
    pub public: bool,
    pub body: &'a str,
    pub now: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeskAttachment {
    pub id: i64,
    pub request_id: i64,
    pub message_id: Option<i64>,
    pub field: Option<String>,
    #[serde(skip)]
    pub file_name: String,
    pub original_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewDeskAttachment<'a> {
    pub request_id: i64,
    pub message_id: Option<i64>,
    pub field: Option<&'a str>,
    pub file_name: &'a str,
    pub original_name: &'a str,
    pub content_type: &'a str,
    pub size: i64,
    pub sha256: &'a str,
    pub now: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeskEvent {
    pub id: i64,
    pub request_id: i64,
    pub actor_id: Option<i64>,
    pub version: i64,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewDeskEvent<'a> {
    pub request_id: i64,
    pub actor_id: Option<i64>,
    pub version: i64,
    pub field: &'a str,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
    pub now: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeskMacro {
    pub id: i64,
    pub name: String,
    pub body_en: String,
    pub body_ja: String,
    pub set_status: Option<Status>,
    pub updated_by: Option<i64>,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewDeskMacro<'a> {
    pub name: &'a str,
    pub body_en: &'a str,
    pub body_ja: &'a str,
    pub set_status: Option<Status>,
    pub updated_by: Option<i64>,
    pub now: i64,
}

#[derive(Debug, Clone)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    /// Sealed with the keyring.
    pub secret: String,
    /// Event names, comma-separated.
    pub events: String,
    pub active: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct WebhookDelivery {
    pub id: i64,
    pub webhook_id: i64,
    pub event: String,
    pub request_id: Option<i64>,
    pub account_id: Option<i64>,
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Who wrote a desk message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    Customer,
    Agent,
    /// keydesk itself (a reminder, the closing note).
    System,
}

impl Author {
    pub fn as_str(self) -> &'static str {
        match self {
            Author::Customer => "customer",
            Author::Agent => "agent",
            Author::System => "system",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Author::Customer, Author::Agent, Author::System]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

/// A hold as stored (see `keydesk_domain::capability::hold`).
#[derive(Debug, Clone)]
pub struct HoldRow {
    pub id: i64,
    pub account_id: i64,
    pub hold: keydesk_domain::capability::hold::Hold,
    pub lifted_at: Option<i64>,
    pub lifted_by: Option<i64>,
    pub created_at: i64,
}

/// A 2FA reset case (see `keydesk_domain::twofactor_reset::case`): the case as the rules
/// see it, and where it lives. The "this wasn't me" token is kept only as its hash.
#[derive(Debug, Clone)]
pub struct TwofactorReset {
    pub id: i64,
    pub account_id: i64,
    pub case: keydesk_domain::twofactor_reset::case::ResetCase,
    /// The desk request the agents work it in.
    pub request_id: Option<i64>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One image of a reset case (encrypted in the file store).
#[derive(Debug, Clone)]
pub struct ResetImage {
    pub id: i64,
    pub reset_id: i64,
    pub account_id: i64,
    pub attempt: i64,
    pub kind: keydesk_domain::twofactor_reset::image::ResetImageKind,
    pub file_name: String,
    pub sealed_key: String,
    pub sha256: String,
    /// The pre-check's report, JSON.
    pub findings: String,
    pub blocking: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewResetImage<'a> {
    pub reset_id: i64,
    pub account_id: i64,
    pub attempt: i64,
    pub kind: keydesk_domain::twofactor_reset::image::ResetImageKind,
    pub file_name: &'a str,
    pub sealed_key: &'a str,
    pub sha256: &'a str,
    pub findings: &'a str,
    pub blocking: bool,
    pub now: i64,
}

/// A verification case (see `keydesk_domain::verification::case`): the case as the
/// rules see it, and where it lives.
#[derive(Debug, Clone)]
pub struct VerificationCase {
    pub id: i64,
    pub account_id: i64,
    pub case: keydesk_domain::verification::case::Case,
    /// The desk request the agents work it in.
    pub request_id: Option<i64>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One attempt of a case, with its outcome.
#[derive(Debug, Clone)]
pub struct VerificationAttempt {
    pub id: i64,
    pub case_id: i64,
    pub number: i64,
    pub document: keydesk_domain::verification::documents::DocumentType,
    pub country: String,
    pub expires_on: Option<String>,
    pub outcome: keydesk_domain::verification::case::AttemptOutcome,
    pub reasons: Vec<keydesk_domain::verification::reason::Reason>,
    pub flags: Vec<keydesk_domain::verification::machine::Flag>,
    /// The machine-readable zone as read, sealed.
    pub mrz_sealed: Option<String>,
    /// The agent's checklist at the decision, JSON.
    pub checklist: Option<String>,
    pub submitted_at: i64,
    pub decided_at: Option<i64>,
    pub decided_by: Option<i64>,
    pub purged_at: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct NewVerificationAttempt<'a> {
    pub case_id: i64,
    pub number: i64,
    pub document: keydesk_domain::verification::documents::DocumentType,
    pub country: &'a str,
    pub expires_on: Option<&'a str>,
    pub outcome: keydesk_domain::verification::case::AttemptOutcome,
    pub reasons: &'a [keydesk_domain::verification::reason::Reason],
    pub flags: &'a [keydesk_domain::verification::machine::Flag],
    pub mrz_sealed: Option<&'a str>,
    pub now: i64,
}

/// A document image of an attempt. Its file is encrypted under its own data key,
/// sealed here.
#[derive(Debug, Clone)]
pub struct VerificationImage {
    pub id: i64,
    pub attempt_id: i64,
    pub account_id: i64,
    pub side: keydesk_domain::verification::documents::Side,
    pub file_name: String,
    pub sealed_key: String,
    pub sha256: String,
    /// The pre-check's report, JSON.
    pub findings: String,
    pub blocking: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewVerificationImage<'a> {
    pub attempt_id: i64,
    pub account_id: i64,
    pub side: keydesk_domain::verification::documents::Side,
    pub file_name: &'a str,
    pub sealed_key: &'a str,
    pub sha256: &'a str,
    pub findings: &'a str,
    pub blocking: bool,
    pub now: i64,
}

/// A token for the exchange's other services; the token itself is never stored.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ServiceToken {
    pub id: i64,
    pub name: String,
    pub scopes: Vec<String>,
    #[serde(skip)]
    pub token_hash: String,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<i64>,
}

/// A customer's satisfaction with one solve of their request.
#[derive(Debug, Clone, Serialize)]
pub struct DeskRating {
    pub request_id: i64,
    /// When the solve it rates happened (the request's status event).
    pub solved_at: i64,
    /// Who was assigned when it was solved.
    pub agent_id: Option<i64>,
    pub category: String,
    pub good: bool,
    pub comment: Option<String>,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewDeskRating<'a> {
    pub request_id: i64,
    pub solved_at: i64,
    pub agent_id: Option<i64>,
    pub category: &'a str,
    pub good: bool,
    pub comment: Option<&'a str>,
    pub now: i64,
}

/// Ratings added up for one agent (none: unassigned) in one category.
#[derive(Debug, Clone, Serialize)]
pub struct RatingTally {
    pub agent_id: Option<i64>,
    pub category: String,
    pub good: i64,
    pub bad: i64,
}
