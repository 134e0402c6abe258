//! Tokens for the exchange's other services, kept as SHA-256 digests: the token is
//! shown once, when an admin creates it, and can be revoked at any time.
use super::Statements;
use crate::exec::{Arg, CanWrite, Columns, Executor, FromRow, Row};
use crate::models::ServiceToken;
use crate::StoreResult;
use async_trait::async_trait;

#[async_trait]
pub trait ServiceTokenReads {
    /// The token with this digest, revoked or not.
    async fn service_token_by_hash(
        &mut self,
        token_hash: &str,
    ) -> StoreResult<Option<ServiceToken>>;
    /// Every token, newest first.
    async fn service_tokens(&mut self) -> StoreResult<Vec<ServiceToken>>;
}

#[async_trait]
pub trait ServiceTokenWrites {
    async fn insert_service_token(
        &mut self,
        name: &str,
        scopes: &[&str],
        token_hash: &str,
        created_by: Option<i64>,
        now: i64,
    ) -> StoreResult<i64>;
    /// `false` when there is no such token or it was revoked already.
    async fn revoke_service_token(
        &mut self,
        id: i64,
        by: Option<i64>,
        now: i64,
    ) -> StoreResult<bool>;
    async fn touch_service_token(&mut self, id: i64, now: i64) -> StoreResult<()>;
}

macro_rules! columns {
    () => {
        "id, name, scopes, token_hash, created_by, created_at, last_used_at, revoked_at, revoked_by"
    };
}

impl FromRow for ServiceToken {
    fn from_row<R: Row + ?Sized>(c: &mut Columns<'_, R>) -> StoreResult<Self> {
        Ok(ServiceToken {
            id: c.read()?,
            name: c.read()?,
            scopes: c
                .read::<String>()?
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            token_hash: c.read()?,
            created_by: c.read()?,
            created_at: c.read()?,
            last_used_at: c.read()?,
            revoked_at: c.read()?,
            revoked_by: c.read()?,
        })
    }
}

const BY_HASH: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM service_tokens WHERE token_hash = $1"
);
const ALL: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM service_tokens ORDER BY id DESC"
);
const INSERT: &str =
    "INSERT INTO service_tokens (name, scopes, token_hash, created_by, created_at) \
     VALUES ($1, $2, $3, $4, $5) RETURNING id";
const REVOKE: &str = "UPDATE service_tokens SET revoked_at = $3, revoked_by = $2 \
     WHERE id = $1 AND revoked_at IS NULL";
// Written at most once a minute per token: a busy service must not turn every read
// of the capabilities into a write.
const TOUCH: &str = "UPDATE service_tokens SET last_used_at = $2 \
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2 - 60)";

pub(crate) const STATEMENTS: Statements = Statements {
    both: &[BY_HASH, ALL, INSERT, REVOKE, TOUCH],
    ..Statements::NONE
};

#[async_trait]
impl<E: Executor> ServiceTokenReads for E {
    async fn service_token_by_hash(
        &mut self,
        token_hash: &str,
    ) -> StoreResult<Option<ServiceToken>> {
        self.fetch_optional(BY_HASH, &[Arg::Text(token_hash)]).await
    }

    async fn service_tokens(&mut self) -> StoreResult<Vec<ServiceToken>> {
        self.fetch_all(ALL, &[]).await
    }
}

#[async_trait]
impl<E: CanWrite> ServiceTokenWrites for E {
    async fn insert_service_token(
        &mut self,
        name: &str,
        scopes: &[&str],
        token_hash: &str,
        created_by: Option<i64>,
        now: i64,
    ) -> StoreResult<i64> {
        let scopes = scopes.join(" ");
        let args = [
            Arg::Text(name),
            Arg::Text(&scopes),
            Arg::Text(token_hash),
            Arg::OptI64(created_by),
            Arg::I64(now),
        ];
        self.fetch_one(INSERT, &args).await
    }

    async fn revoke_service_token(
        &mut self,
        id: i64,
        by: Option<i64>,
        now: i64,
    ) -> StoreResult<bool> {
        let args = [Arg::I64(id), Arg::OptI64(by), Arg::I64(now)];
        Ok(self.execute(REVOKE, &args).await? == 1)
    }

    async fn touch_service_token(&mut self, id: i64, now: i64) -> StoreResult<()> {
        self.execute(TOUCH, &[Arg::I64(id), Arg::I64(now)]).await?;
        Ok(())
    }
}
