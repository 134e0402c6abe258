//! The audit log: security events, append-only (both schemas refuse UPDATE and DELETE).
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::{AuditEvent, NewAuditEvent};
use crate::StoreResult;
use async_trait::async_trait;
use keydesk_domain::audit::AuditKind;

#[async_trait]
pub trait AuditReads {
    /// The account's newest events first.
    async fn audit_of_account(
        &mut self,
        account_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<AuditEvent>>;
    async fn recent_audit(&mut self, limit: i64) -> StoreResult<Vec<AuditEvent>>;
}

#[async_trait]
pub trait AuditWrites {
    async fn insert_audit(&mut self, event: &NewAuditEvent<'_>) -> StoreResult<()>;
}

/// An [`AuditEvent`]'s columns in its field order (see `account_columns!`).
macro_rules! audit_columns {
    () => {
        "id, account_id, actor_id, kind, ip, user_agent, detail, created_at"
    };
}

impl FromRow for AuditEvent {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(AuditEvent {
            id: c.read()?,
            account_id: c.read()?,
            actor_id: c.read()?,
            kind: c.parse("kind", AuditKind::parse)?,
            ip: c.read()?,
            user_agent: c.read()?,
            detail: c.read()?,
            created_at: c.read()?,
        })
    }
}

// No RETURNING: nobody needs the id, and on SQLite it cost ~3 µs an event.
const INSERT: &str = "INSERT INTO audit_events \
     (account_id, actor_id, kind, ip, user_agent, detail, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7)";
const OF_ACCOUNT: &str = concat!(
    "SELECT ",
    audit_columns!(),
    " FROM audit_events WHERE account_id = $1 ORDER BY id DESC LIMIT $2"
);
const RECENT: &str = concat!(
    "SELECT ",
    audit_columns!(),
    " FROM audit_events ORDER BY id DESC LIMIT $1"
);

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[INSERT, OF_ACCOUNT, RECENT],
    ..Statements::NONE
};

#[async_trait]
impl<E: Executor> AuditReads for E {
    async fn audit_of_account(
        &mut self,
        account_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<AuditEvent>> {
        self.fetch_all(OF_ACCOUNT, &[Arg::I64(account_id), Arg::I64(limit)])
            .await
    }

    async fn recent_audit(&mut self, limit: i64) -> StoreResult<Vec<AuditEvent>> {
        self.fetch_all(RECENT, &[Arg::I64(limit)]).await
    }
}

#[async_trait]
impl<E: CanWrite> AuditWrites for E {
    async fn insert_audit(&mut self, e: &NewAuditEvent<'_>) -> StoreResult<()> {
        self.execute(INSERT, &audit_args(e)).await?;
        Ok(())
    }
}

/// The parameters of [`INSERT`], in its numbering.
pub(crate) fn audit_args<'a>(e: &'a NewAuditEvent<'a>) -> [Arg<'a>; 7] {
    [
        Arg::OptI64(e.account_id),
        Arg::OptI64(e.actor_id),
        Arg::Text(e.kind.as_str()),
        Arg::OptText(e.ip),
        Arg::OptText(e.user_agent),
        Arg::Text(&e.detail),
        Arg::I64(e.now),
    ]
}
