//! Second factors: an account's TOTP secrets (sealed) with the last step each accepted,
//! and its recovery codes (hashed).
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::{FactorStatus, RecoveryCodeRow, TotpFactor};
use crate::StoreResult;
use async_trait::async_trait;

#[async_trait]
pub trait FactorReads {
    async fn factor(
        &mut self,
        account_id: i64,
        status: FactorStatus,
    ) -> StoreResult<Option<TotpFactor>>;
    /// Every factor (any status) with an id above `after_id`, by id, at most `limit`:
    /// for re-sealing the secrets under a new key, page by page.
    async fn factors_after(&mut self, after_id: i64, limit: i64) -> StoreResult<Vec<TotpFactor>>;
    async fn unused_recovery_codes(&mut self, account_id: i64)
        -> StoreResult<Vec<RecoveryCodeRow>>;
}

#[async_trait]
pub trait FactorWrites {
    async fn insert_factor(
        &mut self,
        account_id: i64,
        secret_enc: &[u8],
        status: FactorStatus,
        now: i64,
    ) -> StoreResult<i64>;
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
    /// Replaces a factor's sealed secret only if it is still `old` (a factor re-enrolled
    /// meanwhile keeps its new secret): false when it was not.
    async fn reseal_factor(&mut self, factor_id: i64, old: &[u8], new: &[u8]) -> StoreResult<bool>;
    async fn replace_recovery_codes(
        &mut self,
        account_id: i64,
        hashes: &[String],
        now: i64,
    ) -> StoreResult<()>;
    /// False when the code was used meanwhile.
    async fn mark_recovery_code_used(&mut self, id: i64, now: i64) -> StoreResult<bool>;
    async fn delete_recovery_codes(&mut self, account_id: i64) -> StoreResult<()>;
}

/// A [`TotpFactor`]'s columns in its field order (see `account_columns!`).
macro_rules! factor_columns {
    () => {
        "id, account_id, secret_enc, status, last_step, created_at, activated_at"
    };
}

impl FromRow for TotpFactor {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(TotpFactor {
            id: c.read()?,
            account_id: c.read()?,
            secret_enc: c.read()?,
            status: c.parse("status", FactorStatus::parse)?,
            last_step: c.read()?,
            created_at: c.read()?,
            activated_at: c.read()?,
        })
    }
}

impl FromRow for RecoveryCodeRow {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(RecoveryCodeRow {
            id: c.read()?,
            account_id: c.read()?,
            code_hash: c.read()?,
            created_at: c.read()?,
            used_at: c.read()?,
        })
    }
}

const INSERT: &str =
    "INSERT INTO totp_factors (account_id, secret_enc, status, created_at, activated_at) \
     VALUES ($1, $2, $3, $4, $5) RETURNING id";
// The status is part of the SQL text, not a parameter: a bound value that the planner
// peeks at to pick a partial index makes SQLite prepare the statement again each time
// it is bound (measured: 8 % of a login step).
const ACTIVE: &str = concat!(
    "SELECT ",
    factor_columns!(),
    " FROM totp_factors WHERE account_id = $1 AND status = 'active'"
);
const PENDING: &str = concat!(
    "SELECT ",
    factor_columns!(),
    " FROM totp_factors WHERE account_id = $1 AND status = 'pending'"
);
const DELETE_ACTIVE: &str = "DELETE FROM totp_factors WHERE account_id = $1 AND status = 'active'";
const DELETE_PENDING: &str =
    "DELETE FROM totp_factors WHERE account_id = $1 AND status = 'pending'";
const ACTIVATE: &str =
    "UPDATE totp_factors SET status = 'active', last_step = $2, activated_at = $3 \
     WHERE id = $1 AND status = 'pending'";
const ADVANCE_STEP: &str = "UPDATE totp_factors SET last_step = $2 \
     WHERE id = $1 AND (last_step IS NULL OR last_step < $2)";
const AFTER: &str = concat!(
    "SELECT ",
    factor_columns!(),
    " FROM totp_factors WHERE id > $1 ORDER BY id LIMIT $2"
);
const RESEAL: &str = "UPDATE totp_factors SET secret_enc = $3 WHERE id = $1 AND secret_enc = $2";
const INSERT_RECOVERY_CODE: &str =
    "INSERT INTO recovery_codes (account_id, code_hash, created_at) VALUES ($1, $2, $3)";
const UNUSED_RECOVERY_CODES: &str = "SELECT id, account_id, code_hash, created_at, used_at \
     FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL ORDER BY id";
const MARK_RECOVERY_CODE_USED: &str =
    "UPDATE recovery_codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL";
const DELETE_RECOVERY_CODES: &str = "DELETE FROM recovery_codes WHERE account_id = $1";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[
        INSERT,
        ACTIVE,
        PENDING,
        DELETE_ACTIVE,
        DELETE_PENDING,
        ACTIVATE,
        ADVANCE_STEP,
        AFTER,
        RESEAL,
        INSERT_RECOVERY_CODE,
        UNUSED_RECOVERY_CODES,
        MARK_RECOVERY_CODE_USED,
        DELETE_RECOVERY_CODES,
    ],
    ..Statements::NONE
};

#[async_trait]
impl<E: Executor> FactorReads for E {
    async fn factor(
        &mut self,
        account_id: i64,
        status: FactorStatus,
    ) -> StoreResult<Option<TotpFactor>> {
        let sql = match status {
            FactorStatus::Active => ACTIVE,
            FactorStatus::Pending => PENDING,
        };
        self.fetch_optional(sql, &[Arg::I64(account_id)]).await
    }

    async fn factors_after(&mut self, after_id: i64, limit: i64) -> StoreResult<Vec<TotpFactor>> {
        self.fetch_all(AFTER, &[Arg::I64(after_id), Arg::I64(limit)])
            .await
    }

    async fn unused_recovery_codes(
        &mut self,
        account_id: i64,
    ) -> StoreResult<Vec<RecoveryCodeRow>> {
        self.fetch_all(UNUSED_RECOVERY_CODES, &[Arg::I64(account_id)])
            .await
    }
}

#[async_trait]
impl<E: CanWrite> FactorWrites for E {
    async fn insert_factor(
        &mut self,
        account_id: i64,
        secret_enc: &[u8],
        status: FactorStatus,
        now: i64,
    ) -> StoreResult<i64> {
        let args = [
            Arg::I64(account_id),
            Arg::Blob(secret_enc),
            Arg::Text(status.as_str()),
            Arg::I64(now),
            Arg::OptI64((status == FactorStatus::Active).then_some(now)),
        ];
        self.fetch_one(INSERT, &args).await
    }

    async fn delete_factor(&mut self, account_id: i64, status: FactorStatus) -> StoreResult<()> {
        let sql = match status {
            FactorStatus::Active => DELETE_ACTIVE,
            FactorStatus::Pending => DELETE_PENDING,
        };
        self.execute(sql, &[Arg::I64(account_id)]).await?;
        Ok(())
    }

    async fn activate_factor(
        &mut self,
        factor_id: i64,
        last_step: i64,
        now: i64,
    ) -> StoreResult<()> {
        let args = [Arg::I64(factor_id), Arg::I64(last_step), Arg::I64(now)];
        self.execute(ACTIVATE, &args).await?;
        Ok(())
    }

    async fn advance_factor_step(&mut self, factor_id: i64, step: i64) -> StoreResult<bool> {
        let args = [Arg::I64(factor_id), Arg::I64(step)];
        Ok(self.execute(ADVANCE_STEP, &args).await? == 1)
    }

    async fn reseal_factor(&mut self, factor_id: i64, old: &[u8], new: &[u8]) -> StoreResult<bool> {
        let args = [Arg::I64(factor_id), Arg::Blob(old), Arg::Blob(new)];
        Ok(self.execute(RESEAL, &args).await? == 1)
    }

    async fn replace_recovery_codes(
        &mut self,
        account_id: i64,
        hashes: &[String],
        now: i64,
    ) -> StoreResult<()> {
        self.execute(DELETE_RECOVERY_CODES, &[Arg::I64(account_id)])
            .await?;
        for hash in hashes {
            let args = [Arg::I64(account_id), Arg::Text(hash), Arg::I64(now)];
            self.execute(INSERT_RECOVERY_CODE, &args).await?;
        }
        Ok(())
    }

    async fn mark_recovery_code_used(&mut self, id: i64, now: i64) -> StoreResult<bool> {
        let args = [Arg::I64(id), Arg::I64(now)];
        Ok(self.execute(MARK_RECOVERY_CODE_USED, &args).await? == 1)
    }

    async fn delete_recovery_codes(&mut self, account_id: i64) -> StoreResult<()> {
        self.execute(DELETE_RECOVERY_CODES, &[Arg::I64(account_id)])
            .await?;
        Ok(())
    }
}
