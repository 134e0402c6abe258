//! The embedded default: one SQLite file in WAL mode. SQLite allows one writer at a
//! time, so writes go through a single connection (no SQLITE_BUSY under load) while
//! reads use a small pool of their own. Writes are group-committed (see [`writer`]).
mod writer;

use crate::models::{SessionView, SessionViewRow};
use crate::{Backend, Store, StoreResult, Tx};
use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Sqlite, SqliteConnection, SqlitePool, Transaction};
use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use writer::{Writer, WriterTx};

pub struct SqliteStore {
    writer: Arc<Writer>,
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
        let mut conn = options.connect().await?;
        sqlx::migrate!("migrations/sqlite").run(&mut conn).await?;
        let writer = Writer::start(conn);
        // No liveness ping before handing out a connection: it is a round trip through
        // the connection's worker thread on every acquire, and an in-process SQLite
        // connection does not drop like a network one (sqlx still pings on release).
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .test_before_acquire(false)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Self { writer, reader })
    }
}

/// A transaction on the writer (part of a group commit) or on a reading connection.
pub struct SqliteTx {
    tx: Conn,
}

enum Conn {
    Writer(WriterTx),
    Reader(Transaction<'static, Sqlite>),
}

impl Deref for Conn {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        match self {
            Conn::Writer(w) => w,
            Conn::Reader(r) => r,
        }
    }
}

impl DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        match self {
            Conn::Writer(w) => w,
            Conn::Reader(r) => r,
        }
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn begin(&self) -> StoreResult<Box<dyn Tx>> {
        Ok(Box::new(SqliteTx {
            tx: Conn::Writer(self.writer.begin().await?),
        }))
    }

    async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        Ok(Box::new(SqliteTx {
            tx: Conn::Reader(self.reader.begin().await?),
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
        match self.tx {
            Conn::Writer(w) => w.commit().await,
            Conn::Reader(r) => Ok(r.commit().await?),
        }
    }
}

crate::repos::impl_repos!(
    SqliteTx,
    row_lock = "",
    skip_locked = "",
    lock_buckets = false
);
