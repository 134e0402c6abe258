//! Holds on accounts: added by a rule (system) or an agent (manual), ended by their time
//! or, for a manual one, lifted by its agent (the rule is the domain's; a lifted hold
//! keeps its row, with who lifted it and when).
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::HoldRow;
use crate::StoreResult;
use async_trait::async_trait;
use keydesk_domain::capability::hold::{Hold, HoldOrigin, HoldScope};

#[async_trait]
pub trait HoldReads {
    /// The account's holds, newest first (ended and lifted ones too).
    async fn holds_of_account(&mut self, account_id: i64) -> StoreResult<Vec<HoldRow>>;
    async fn hold(&mut self, id: i64) -> StoreResult<Option<HoldRow>>;
}

#[async_trait]
pub trait HoldWrites {
    async fn insert_hold(&mut self, account_id: i64, hold: &Hold, now: i64) -> StoreResult<i64>;
    /// Ends a manual hold now; `false` when it was not a manual one still running.
    async fn lift_hold(&mut self, id: i64, by: i64, now: i64) -> StoreResult<bool>;
    /// Ends a system hold without an end (an owner's freeze) now; `false` when it is not
    /// one still running.
    async fn lift_freeze(&mut self, id: i64, by: i64, now: i64) -> StoreResult<bool>;
}

macro_rules! hold_columns {
    () => {
        "id, account_id, scope, reason, set_by, manual, starts_at, ends_at, lifted_at, \
         lifted_by, created_at"
    };
}

impl FromRow for HoldRow {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        let id = c.read()?;
        let account_id = c.read()?;
        let scope = c.parse("scope", HoldScope::parse)?;
        let reason = c.read()?;
        let set_by: Option<i64> = c.read()?;
        let manual = c.read::<i64>()? != 0;
        let starts_at = c.read()?;
        let ends_at: Option<i64> = c.read()?;
        let lifted_at: Option<i64> = c.read()?;
        let origin = match (manual, set_by) {
            (true, Some(by)) => HoldOrigin::Manual { by },
            // A manual hold whose agent's account was deleted stays manual; no
            // account has id 0, so nobody can lift it before its end.
            (true, None) => HoldOrigin::Manual { by: 0 },
            (false, _) => HoldOrigin::System,
        };
        Ok(HoldRow {
            id,
            account_id,
            hold: Hold {
                scope,
                reason,
                origin,
                starts_at,
                // A lifted hold ended when it was lifted.
                ends_at: lifted_at.or(ends_at),
            },
            lifted_at,
            lifted_by: c.read()?,
            created_at: c.read()?,
        })
    }
}

const OF_ACCOUNT: &str = concat!(
    "SELECT ",
    hold_columns!(),
    " FROM holds WHERE account_id = $1 ORDER BY id DESC"
);
const BY_ID: &str = concat!("SELECT ", hold_columns!(), " FROM holds WHERE id = $1");
const INSERT: &str = "INSERT INTO holds \
     (account_id, scope, reason, set_by, manual, starts_at, ends_at, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
// Only a manual hold that is still running can be lifted; a system hold never.
const LIFT: &str = "UPDATE holds SET lifted_at = $3, lifted_by = $2 \
     WHERE id = $1 AND manual = 1 AND lifted_at IS NULL AND (ends_at IS NULL OR ends_at > $3)";

const LIFT_FREEZE: &str = "UPDATE holds SET lifted_at = $3, lifted_by = $2 \
     WHERE id = $1 AND manual = 0 AND lifted_at IS NULL AND ends_at IS NULL";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[OF_ACCOUNT, BY_ID, INSERT, LIFT, LIFT_FREEZE],
    ..Statements::NONE
};

#[async_trait]
impl<E: Executor> HoldReads for E {
    async fn holds_of_account(&mut self, account_id: i64) -> StoreResult<Vec<HoldRow>> {
        self.fetch_all(OF_ACCOUNT, &[Arg::I64(account_id)]).await
    }

    async fn hold(&mut self, id: i64) -> StoreResult<Option<HoldRow>> {
        self.fetch_optional(BY_ID, &[Arg::I64(id)]).await
    }
}

#[async_trait]
impl<E: CanWrite> HoldWrites for E {
    async fn insert_hold(&mut self, account_id: i64, hold: &Hold, now: i64) -> StoreResult<i64> {
        let set_by = match hold.origin {
            HoldOrigin::Manual { by } => Some(by),
            HoldOrigin::System => None,
        };
        let args = [
            Arg::I64(account_id),
            Arg::Text(hold.scope.as_str()),
            Arg::Text(&hold.reason),
            Arg::OptI64(set_by),
            Arg::Bool(hold.origin.is_manual()),
            Arg::I64(hold.starts_at),
            Arg::OptI64(hold.ends_at),
            Arg::I64(now),
        ];
        self.fetch_one(INSERT, &args).await
    }

    async fn lift_hold(&mut self, id: i64, by: i64, now: i64) -> StoreResult<bool> {
        let args = [Arg::I64(id), Arg::I64(by), Arg::I64(now)];
        Ok(self.execute(LIFT, &args).await? == 1)
    }

    async fn lift_freeze(&mut self, id: i64, by: i64, now: i64) -> StoreResult<bool> {
        let args = [Arg::I64(id), Arg::I64(by), Arg::I64(now)];
        Ok(self.execute(LIFT_FREEZE, &args).await? == 1)
    }
}
