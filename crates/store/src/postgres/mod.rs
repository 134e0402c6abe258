//! PostgreSQL, for several stateless instances: row locks where concurrent instances
//! could otherwise lose an update, `SKIP LOCKED` for the job queue.
use crate::models::{SessionView, SessionViewRow};
use crate::{Backend, Store, StoreResult, Tx};
use async_trait::async_trait;
use sqlx as db;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres, Transaction};
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
            .connect_with(options)
            .await?;
        // sqlx takes an advisory lock, so instances starting together migrate once.
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }
}

pub struct PostgresTx {
    tx: Transaction<'static, Postgres>,
}

#[async_trait]
impl Store for PostgresStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn begin(&self) -> StoreResult<Box<dyn Tx>> {
        Ok(Box::new(PostgresTx {
            tx: self.pool.begin().await?,
        }))
    }

    async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        self.begin().await
    }

    async fn session_view(&self, id: i64) -> StoreResult<Option<SessionView>> {
        let row: Option<SessionViewRow> = sqlx::query_as(crate::repos::SESSION_VIEW_SQL)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(SessionView::from))
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

#[async_trait]
impl Tx for PostgresTx {
    async fn commit(self: Box<Self>) -> StoreResult<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

crate::repos::impl_repos!(
    PostgresTx,
    row_lock = "FOR UPDATE",
    skip_locked = "FOR UPDATE SKIP LOCKED",
    lock_buckets = true
);
