//! keydesk's storage: traits and models, with a SQLite and a PostgreSQL implementation.
//! All SQL lives in this crate. Every use case runs in one transaction (`Store::begin`),
//! so a change, its audit event and the mails it queues commit together or not at all.
#![forbid(unsafe_code)]

mod error;
pub mod models;
pub mod postgres;
mod repos;
pub mod sqlite;

use async_trait::async_trait;
pub use error::{StoreError, StoreResult};
use keydesk_domain::throttle::ThrottleState;
use models::*;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Opens the database named by `url` (`sqlite://path` or `postgres://…`) and applies
/// its migrations.
pub async fn connect(url: &str) -> StoreResult<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(postgres::PostgresStore::connect(url).await?))
    } else {
        Err(StoreError::UnsupportedUrl)
    }
}

#[async_trait]
pub trait Store: Send + Sync {
    fn backend(&self) -> Backend;
    /// A transaction that may write.
    async fn begin(&self) -> StoreResult<Box<dyn Tx>>;
    /// A transaction for reading only (on SQLite it does not wait for the writer).
    async fn read(&self) -> StoreResult<Box<dyn Tx>>;
    async fn ping(&self) -> StoreResult<()>;
    /// [`SessionRepo::session_view`] as one statement on a reading connection, without
    /// a transaction around it (one statement is consistent on its own). This runs on
    /// every request that carries a session.
    async fn session_view(&self, id: i64) -> StoreResult<Option<SessionView>> {
        let mut tx = self.read().await?;
        tx.session_view(id).await
    }
}

#[async_trait]
pub trait Tx:
    AccountRepo
    + FactorRepo
    + SessionRepo
    + EmailTokenRepo
    + ThrottleRepo
    + AuditRepo
    + JobRepo
    + PhotoRepo
    + Send
{
    async fn commit(self: Box<Self>) -> StoreResult<()>;
}

#[async_trait]
pub trait AccountRepo {
    async fn insert_account(&mut self, new: &NewAccount<'_>) -> StoreResult<i64>;
    async fn account_by_id(&mut self, id: i64) -> StoreResult<Option<Account>>;
    async fn account_by_email(&mut self, email: &str) -> StoreResult<Option<Account>>;
    async fn set_email_verified(&mut self, id: i64, now: i64) -> StoreResult<()>;
    async fn set_password_hash(&mut self, id: i64, hash: &str, now: i64) -> StoreResult<()>;
    async fn set_language(&mut self, id: i64, language: &str) -> StoreResult<()>;
    async fn set_role(&mut self, id: i64, role: &str) -> StoreResult<()>;
    async fn list_accounts(&mut self, limit: i64) -> StoreResult<Vec<Account>>;
}

#[async_trait]
pub trait FactorRepo {
    async fn insert_factor(
        &mut self,
        account_id: i64,
        secret_enc: &[u8],
        status: FactorStatus,
        now: i64,
    ) -> StoreResult<i64>;
    async fn factor(
        &mut self,
        account_id: i64,
        status: FactorStatus,
    ) -> StoreResult<Option<TotpFactor>>;
    async fn delete_factor(&mut self, account_id: i64, status: FactorStatus) -> StoreResult<()>;
    /// Makes the pending factor the active one, with its enrollment step as last used.
    async fn activate_factor(
        &mut self,
        factor_id: i64,
        last_step: i64,
        now: i64,
    ) -> StoreResult<()>;
    /// Records `step` as the factor's last accepted step only if it is later than the
    /// stored one: false means another request used this code first (RFC 6238 §5.2).
    async fn advance_factor_step(&mut self, factor_id: i64, step: i64) -> StoreResult<bool>;
    /// Every factor (any status) with an id above `after_id`, by id, at most `limit`:
    /// for re-sealing the secrets under a new key, page by page.
    async fn factors_after(&mut self, after_id: i64, limit: i64) -> StoreResult<Vec<TotpFactor>>;
    /// Replaces a factor's sealed secret only if it is still `old` (a factor re-enrolled
    /// meanwhile keeps its new secret): false when it was not.
    async fn reseal_factor(&mut self, factor_id: i64, old: &[u8], new: &[u8]) -> StoreResult<bool>;
    async fn replace_recovery_codes(
        &mut self,
        account_id: i64,
        hashes: &[String],
        now: i64,
    ) -> StoreResult<()>;
    async fn unused_recovery_codes(&mut self, account_id: i64)
        -> StoreResult<Vec<RecoveryCodeRow>>;
    /// False when the code was used meanwhile.
    async fn mark_recovery_code_used(&mut self, id: i64, now: i64) -> StoreResult<bool>;
    async fn delete_recovery_codes(&mut self, account_id: i64) -> StoreResult<()>;
}

#[async_trait]
pub trait SessionRepo {
    /// A session under an id its creator drew at random (so ids tell nobody how many
    /// sessions there are); `false`, and nothing written, if that id is taken.
    async fn insert_session(&mut self, id: i64, new: &NewSession<'_>) -> StoreResult<bool>;
    async fn session(&mut self, id: i64) -> StoreResult<Option<Session>>;
    /// The session with its account and whether that has an active factor, in one
    /// statement; `None` for an unknown session (or one whose account is gone). The
    /// caller checks the token's secret against `session.token_hash`.
    async fn session_view(&mut self, id: i64) -> StoreResult<Option<SessionView>>;
    async fn touch_session(&mut self, id: i64, now: i64, expires_at: i64) -> StoreResult<()>;
    /// Gives the session a new token (and the rest of `new`) in place: the old token
    /// stops working. False when the session ended meanwhile.
    async fn rotate_session_token(&mut self, id: i64, new: &NewSession<'_>) -> StoreResult<bool>;
    async fn delete_session(&mut self, id: i64) -> StoreResult<()>;
    /// Ends one session of this account; false if the account has no such session.
    async fn delete_session_of_account(&mut self, account_id: i64, id: i64) -> StoreResult<bool>;
    /// Ends every session of the account except `keep`; returns how many ended.
    async fn delete_sessions_of_account(
        &mut self,
        account_id: i64,
        keep: Option<i64>,
    ) -> StoreResult<u64>;
    async fn sessions_of_account(&mut self, account_id: i64) -> StoreResult<Vec<Session>>;
    async fn delete_expired_sessions(&mut self, now: i64) -> StoreResult<u64>;
}

#[async_trait]
pub trait EmailTokenRepo {
    async fn insert_email_token(
        &mut self,
        token_hash: &str,
        account_id: i64,
        purpose: TokenPurpose,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()>;
    async fn email_token(&mut self, token_hash: &str) -> StoreResult<Option<EmailToken>>;
    /// Single use: false when it was used meanwhile.
    async fn mark_email_token_used(&mut self, token_hash: &str, now: i64) -> StoreResult<bool>;
    /// Makes every unused token of this purpose unusable (a newer link, a changed password).
    async fn revoke_email_tokens(
        &mut self,
        account_id: i64,
        purpose: TokenPurpose,
        now: i64,
    ) -> StoreResult<()>;
}

#[async_trait]
pub trait ThrottleRepo {
    /// Reads buckets (in the order of `keys`; a missing one is fresh), locking their
    /// rows until the transaction ends so that concurrent failures on several
    /// instances are all counted.
    async fn throttles_for_update(
        &mut self,
        keys: &[&str],
        now: i64,
    ) -> StoreResult<Vec<ThrottleState>>;
    async fn throttle_for_update(&mut self, key: &str, now: i64) -> StoreResult<ThrottleState> {
        let mut states = self.throttles_for_update(&[key], now).await?;
        Ok(states.pop().unwrap_or_default())
    }
    async fn save_throttle(
        &mut self,
        key: &str,
        state: &ThrottleState,
        now: i64,
    ) -> StoreResult<()>;
    /// Saves several buckets (distinct keys) in one statement.
    async fn save_throttles(
        &mut self,
        buckets: &[(&str, ThrottleState)],
        now: i64,
    ) -> StoreResult<()>;
}

#[async_trait]
pub trait AuditRepo {
    async fn insert_audit(&mut self, event: &NewAuditEvent<'_>) -> StoreResult<()>;
    async fn audit_of_account(
        &mut self,
        account_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<AuditEvent>>;
    async fn recent_audit(&mut self, limit: i64) -> StoreResult<Vec<AuditEvent>>;
}

#[async_trait]
pub trait JobRepo {
    async fn enqueue_job(
        &mut self,
        kind: &str,
        payload: &str,
        run_at: i64,
        now: i64,
    ) -> StoreResult<i64>;
    /// Claims due jobs for `lease` seconds; several workers never claim the same job.
    async fn claim_jobs(&mut self, now: i64, lease: i64, limit: i64) -> StoreResult<Vec<Job>>;
    async fn complete_job(&mut self, id: i64, now: i64) -> StoreResult<()>;
    /// `retry_at: None` gives up on the job (kept for operators to read).
    async fn fail_job(
        &mut self,
        id: i64,
        error: &str,
        retry_at: Option<i64>,
        now: i64,
    ) -> StoreResult<()>;
    async fn pending_job_count(&mut self) -> StoreResult<i64>;
    async fn insert_outbox_mail(&mut self, mail: &NewOutboxMail<'_>) -> StoreResult<i64>;
    async fn outbox_mails(&mut self, limit: i64) -> StoreResult<Vec<OutboxMail>>;
    async fn outbox_mail(&mut self, id: i64) -> StoreResult<Option<OutboxMail>>;
}

#[async_trait]
pub trait PhotoRepo {
    async fn record_photo_check(
        &mut self,
        account_id: i64,
        kind: &str,
        blocking: bool,
        now: i64,
    ) -> StoreResult<()>;
    /// Blocked pre-checks of this kind since `since`.
    async fn blocked_photo_checks(
        &mut self,
        account_id: i64,
        kind: &str,
        since: i64,
    ) -> StoreResult<i64>;
    async fn insert_photo_submission(&mut self, new: &NewPhotoSubmission<'_>) -> StoreResult<i64>;
    async fn photo_submission(&mut self, id: i64) -> StoreResult<Option<PhotoSubmission>>;
    async fn photo_submissions_of_account(
        &mut self,
        account_id: i64,
    ) -> StoreResult<Vec<PhotoSubmission>>;
    async fn photo_file_known(&mut self, file_name: &str) -> StoreResult<bool>;
    /// The newest submissions of every customer, for the agents' queue.
    async fn recent_photo_submissions(&mut self, limit: i64) -> StoreResult<Vec<PhotoSubmission>>;
}
