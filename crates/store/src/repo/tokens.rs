//! Email tokens: the single-use links mailed to verify an address or reset a password,
//! stored by their hash.
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::{EmailToken, TokenPurpose};
use crate::StoreResult;
use async_trait::async_trait;

#[async_trait]
pub trait EmailTokenReads {
    async fn email_token(&mut self, token_hash: &str) -> StoreResult<Option<EmailToken>>;
}

#[async_trait]
pub trait EmailTokenWrites {
    async fn insert_email_token(
        &mut self,
        token_hash: &str,
        account_id: i64,
        purpose: TokenPurpose,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()>;
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

/// Columns as [`BY_HASH`] selects them.
impl FromRow for EmailToken {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(EmailToken {
            token_hash: c.read()?,
            account_id: c.read()?,
            purpose: c.parse("purpose", TokenPurpose::parse)?,
            created_at: c.read()?,
            expires_at: c.read()?,
            used_at: c.read()?,
        })
    }
}

const INSERT: &str =
    "INSERT INTO email_tokens (token_hash, account_id, purpose, created_at, expires_at) \
     VALUES ($1, $2, $3, $4, $5)";
const BY_HASH: &str = "SELECT token_hash, account_id, purpose, created_at, expires_at, used_at \
     FROM email_tokens WHERE token_hash = $1";
const MARK_USED: &str =
    "UPDATE email_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL";
const REVOKE: &str = "UPDATE email_tokens SET used_at = $3 \
     WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[INSERT, BY_HASH, MARK_USED, REVOKE],
    ..Statements::NONE
};

#[async_trait]
impl<E: Executor> EmailTokenReads for E {
    async fn email_token(&mut self, token_hash: &str) -> StoreResult<Option<EmailToken>> {
        self.fetch_optional(BY_HASH, &[Arg::Text(token_hash)]).await
    }
}

#[async_trait]
impl<E: CanWrite> EmailTokenWrites for E {
    async fn insert_email_token(
        &mut self,
        token_hash: &str,
        account_id: i64,
        purpose: TokenPurpose,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        let args = [
            Arg::Text(token_hash),
            Arg::I64(account_id),
            Arg::Text(purpose.as_str()),
            Arg::I64(now),
            Arg::I64(expires_at),
        ];
        self.execute(INSERT, &args).await?;
        Ok(())
    }

    async fn mark_email_token_used(&mut self, token_hash: &str, now: i64) -> StoreResult<bool> {
        let args = [Arg::Text(token_hash), Arg::I64(now)];
        Ok(self.execute(MARK_USED, &args).await? == 1)
    }

    async fn revoke_email_tokens(
        &mut self,
        account_id: i64,
        purpose: TokenPurpose,
        now: i64,
    ) -> StoreResult<()> {
        let args = [
            Arg::I64(account_id),
            Arg::Text(purpose.as_str()),
            Arg::I64(now),
        ];
        self.execute(REVOKE, &args).await?;
        Ok(())
    }
}
