//! keydesk's storage: traits and models, with a SQLite and a PostgreSQL implementation.
//! All SQL lives in this crate, in `repo/<aggregate>.rs`, written once over a small
//! executor seam (`exec.rs`) that both backends provide.
//!
//! Every use case runs in one transaction (`Store::begin`), so a change, its audit
//! event and the mails it queues commit together or not at all. A transaction for
//! reading only (`Store::read`) is a type of its own without the writing methods; on
//! SQLite it never waits for the writer:
//!
//! ```compile_fail
//! # async fn f(store: &dyn keydesk_store::Store) -> keydesk_store::StoreResult<()> {
//! let mut tx = store.read().await?;
//! tx.set_email_verified(1, 100).await?; // no such method on a ReadTx
//! # Ok(())
//! # }
//! ```
//!
//! while the same call on a transaction from `begin` compiles:
//!
//! ```
//! # async fn f(store: &dyn keydesk_store::Store) -> keydesk_store::StoreResult<()> {
//! let mut tx = store.begin().await?;
//! tx.set_email_verified(1, 100).await?;
//! tx.commit().await?;
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

mod error;
mod exec;
pub mod models;
pub mod postgres;
mod repo;
pub mod sqlite;

use async_trait::async_trait;
pub use error::{StoreError, StoreResult};
use models::SessionView;
pub use repo::accounts::{AccountReads, AccountWrites};
pub use repo::audit::{AuditReads, AuditWrites};
pub use repo::desk_answers_text::{AnswersTextReads, AnswersTextWrites, StoredAnswers};
pub use repo::desk_ratings::{DeskRatingReads, DeskRatingWrites};
pub use repo::desk_search::{DeskSearch, DeskSearchReads};
pub use repo::desk_setup::{DeliverySubject, DeskSetupReads, DeskSetupWrites};
pub use repo::factors::{FactorReads, FactorWrites};
pub use repo::holds::{HoldReads, HoldWrites};
pub use repo::jobs::{JobReads, JobWrites};
pub use repo::photos::{PhotoReads, PhotoWrites};
pub use repo::requests::{DeskReads, DeskWrites};
pub use repo::service_tokens::{ServiceTokenReads, ServiceTokenWrites};
pub use repo::sessions::{SessionReads, SessionWrites};
pub use repo::step_sign_in::{StepCheck, StepOutcome, StepReads, StepSignIn};
pub use repo::throttle::ThrottleWrites;
pub use repo::tokens::{EmailTokenReads, EmailTokenWrites};
pub use repo::twofactor_reset_images::{ResetImageReads, ResetImageWrites};
pub use repo::twofactor_resets::{ResetReads, ResetWrites};
pub use repo::verification::{
    AttemptDecision, SealedFacts, SealedKind, SealedValue, VerificationReads, VerificationSealed,
    VerificationWrites,
};
use std::sync::Arc;

/// Every statement the store runs on `backend`, for `tests/statements.rs` to prepare.
#[doc(hidden)]
pub use repo::all_statements;

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
    async fn begin(&self) -> StoreResult<Box<dyn WriteTx>>;
    /// A transaction for reading only: one snapshot for all its statements (on SQLite
    /// a reading connection that does not wait for the writer; on PostgreSQL a READ
    /// ONLY transaction). It ends when dropped.
    async fn read(&self) -> StoreResult<Box<dyn ReadTx>>;
    async fn ping(&self) -> StoreResult<()>;
    /// [`SessionReads::session_view`] as one statement on a reading connection, without
    /// a transaction around it (one statement is consistent on its own). This runs on
    /// every request that carries a session.
    async fn session_view(&self, id: i64) -> StoreResult<Option<SessionView>> {
        let mut tx = self.read().await?;
        tx.session_view(id).await
    }

    /// The account's active factor and its two buckets for a TOTP step, read outside
    /// any transaction; `None` without an active factor.
    async fn step_check(
        &self,
        account_id: i64,
        holder_key: &str,
        address_key: &str,
    ) -> StoreResult<Option<StepCheck>> {
        let mut tx = self.read().await?;
        tx.step_check(account_id, holder_key, address_key).await
    }

    /// The write of a checked TOTP step (see `StepSignIn`), committed on its own.
    async fn sign_in_with_step(&self, step: &StepSignIn<'_>) -> StoreResult<StepOutcome> {
        let mut tx = self.begin().await?;
        let outcome = repo::step_sign_in::sign_in_in_tx(&mut *tx, step).await?;
        if outcome == StepOutcome::SignedIn {
            tx.commit().await?;
        }
        Ok(outcome)
    }
}

/// What a read transaction can do: every aggregate's reads.
pub trait ReadTx:
    AccountReads
    + FactorReads
    + SessionReads
    + EmailTokenReads
    + AuditReads
    + JobReads
    + PhotoReads
    + DeskReads
    + DeskSetupReads
    + HoldReads
    + VerificationReads
    + VerificationSealed
    + ServiceTokenReads
    + ResetReads
    + ResetImageReads
    + DeskSearchReads
    + DeskRatingReads
    + AnswersTextReads
    + StepReads
    + Send
{
}

impl<E: exec::Executor> ReadTx for E {}

/// A transaction that may write: the reads, every aggregate's writes, and `commit`.
/// Dropped without `commit`, nothing of it is kept.
#[async_trait]
pub trait WriteTx:
    ReadTx
    + AccountWrites
    + FactorWrites
    + SessionWrites
    + EmailTokenWrites
    + ThrottleWrites
    + AuditWrites
    + JobWrites
    + PhotoWrites
    + DeskWrites
    + DeskSetupWrites
    + HoldWrites
    + VerificationWrites
    + ServiceTokenWrites
    + ResetWrites
    + ResetImageWrites
    + DeskRatingWrites
    + AnswersTextWrites
{
    async fn commit(self: Box<Self>) -> StoreResult<()>;
}
