//! The embedded default: one SQLite file in WAL mode. SQLite allows one writer at a
//! time, so writes go through a single connection (no SQLITE_BUSY under load) while
//! reads use a small pool of their own.
use crate::models::{SessionView, SessionViewRow};
use crate::{Backend, Store, StoreResult, Tx};
use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::time::Duration;

pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
}

impl SqliteStore {
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL is durable in WAL mode except for the last commits on power loss.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        // No liveness ping before handing out a connection: it is a round trip through
        // the connection's worker thread on every acquire, and an in-process SQLite
        // connection does not drop like a network one (sqlx still pings on release).
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("migrations/sqlite").run(&writer).await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .test_before_acquire(false)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Self { writer, reader })
    }
}

pub struct SqliteTx {
    tx: Transaction<'static, Sqlite>,
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn begin(&self) -> StoreResult<Box<dyn Tx>> {
        Ok(Box::new(SqliteTx {
            tx: self.writer.begin().await?,
        }))
    }

    async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        Ok(Box::new(SqliteTx {
            tx: self.reader.begin().await?,
        }))
    }

    async fn session_view(&self, token_hash: &str) -> StoreResult<Option<SessionView>> {
        let row: Option<SessionViewRow> = sqlx::query_as(crate::repos::SESSION_VIEW_SQL)
            .bind(token_hash)
            .fetch_optional(&self.reader)
            .await?;
        Ok(row.map(SessionView::from))
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.reader).await?;
        Ok(())
    }
}

#[async_trait]
impl Tx for SqliteTx {
    async fn commit(self: Box<Self>) -> StoreResult<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

crate::repos::impl_repos!(SqliteTx, row_lock = "", skip_locked = "");
