//! PostgreSQL, for several stateless instances: row locks where concurrent instances
//! could otherwise lose an update, `SKIP LOCKED` for the job queue.
mod exec;

use crate::exec::{CanWrite, Executor as _};
use crate::models::SessionView;
use crate::repo::{self, sessions, step_sign_in};
use crate::{
    Backend, ReadTx, StepCheck, StepOutcome, StepReads, StepSignIn, Store, StoreResult, WriteTx,
};
use async_trait::async_trait;
use exec::PgExecutor;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::time::Duration;

pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            // No ping before each use (a round trip on every request): a connection
            // that broke fails its statement, and sqlx drops it from the pool.
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        // sqlx takes an advisory lock, so instances starting together migrate once.
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }
}

/// The only executor on PostgreSQL that may write.
type PgWriteTx = PgExecutor<Transaction<'static, Postgres>>;

impl CanWrite for PgWriteTx {}

#[async_trait]
impl WriteTx for PgWriteTx {
    async fn commit(self: Box<Self>) -> StoreResult<()> {
        self.0.commit().await?;
        Ok(())
    }
}

/// A transaction begun READ ONLY, at REPEATABLE READ: one snapshot for all its
/// statements, as a reader has on SQLite (a read-only transaction at this level never
/// fails to serialize). Rolled back when dropped.
struct ReadOnly(Transaction<'static, Postgres>);

const BEGIN_READ_ONLY: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";

impl Deref for ReadOnly {
    type Target = PgConnection;
    fn deref(&self) -> &PgConnection {
        &self.0
    }
}

impl DerefMut for ReadOnly {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.0
    }
}

#[async_trait]
impl Store for PostgresStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn begin(&self) -> StoreResult<Box<dyn WriteTx>> {
        let tx: PgWriteTx = PgExecutor(self.pool.begin().await?);
        Ok(Box::new(tx))
    }

    async fn read(&self) -> StoreResult<Box<dyn ReadTx>> {
        let tx = ReadOnly(self.pool.begin_with(BEGIN_READ_ONLY).await?);
        Ok(Box::new(PgExecutor(tx)))
    }

    async fn session_view(&self, id: i64) -> StoreResult<Option<SessionView>> {
        let mut conn = PgExecutor(self.pool.acquire().await?);
        sessions::view(&mut conn, id).await
    }

    async fn step_check(
        &self,
        account_id: i64,
        holder_key: &str,
        address_key: &str,
    ) -> StoreResult<Option<StepCheck>> {
        let mut conn = PgExecutor(self.pool.acquire().await?);
        conn.step_check(account_id, holder_key, address_key).await
    }

    async fn sign_in_with_step(&self, step: &StepSignIn<'_>) -> StoreResult<StepOutcome> {
        // One statement is its own transaction: no BEGIN, no COMMIT.
        let mut conn = PgExecutor(self.pool.acquire().await?);
        step_sign_in::sign_in_postgres(&mut conn, step).await
    }

    async fn ping(&self) -> StoreResult<()> {
        let mut conn = PgExecutor(self.pool.acquire().await?);
        conn.execute(repo::PING, &[]).await?;
        Ok(())
    }
}
