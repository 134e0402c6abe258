//! The embedded default: one SQLite file in WAL mode, used in process through rusqlite
//! (see [`lite`] for why not through sqlx's driver, which only runs the migrations).
//! SQLite allows one writer at a time, so writes go through a single connection whose
//! transactions are group-committed (see [`writer`]); reads use a few connections of
//! their own and never wait for the writer.
mod checkpoint;
mod lite;
mod readers;
mod writer;

use crate::exec::{CanWrite, Executor as _};
use crate::models::SessionView;
use crate::repo::{self, sessions};
use crate::{Backend, ReadTx, Store, StoreError, StoreResult, WriteTx};
use async_trait::async_trait;
use lite::LiteExecutor;
use readers::{ReaderTx, Readers};
use rusqlite::{Connection, OpenFlags};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::ConnectOptions;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use writer::{Writer, WriterTx};

const READERS: usize = 4;
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct SqliteStore {
    writer: Arc<Writer>,
    readers: Arc<Readers>,
    _checkpointer: checkpoint::Checkpointer,
}

impl SqliteStore {
    /// `url` may end in `?synchronous=normal` (or `full`, the default): how far a
    /// committed transaction survives a power cut (see [`Synchronous`]).
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let (url, synchronous) = Synchronous::from_url(url)?;
        let options = SqliteConnectOptions::from_str(&url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let path = options.get_filename().to_owned();
        if path.as_os_str().is_empty() || path.as_os_str() == ":memory:" {
            // Each connection would see a database of its own.
            return Err(StoreError::UnsupportedUrl);
        }
        private_files(&path)?;
        let mut migrator = options.connect().await?;
        sqlx::migrate!("migrations/sqlite")
            .run(&mut migrator)
            .await?;
        sqlx::Connection::close(migrator).await?;

        let writer = open(&path, false)?;
        writer.pragma_update(None, "synchronous", synchronous.pragma())?;
        writer.pragma_update(None, "wal_autocheckpoint", 0)?;
        writer.pragma_update(None, "cache_size", -16384)?;
        // A WAL that a burst made large goes back to this size when it starts over.
        writer.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
        let writer = Writer::start(writer);
        let _checkpointer = checkpoint::Checkpointer::start(&path, Arc::downgrade(&writer))?;
        let readers = (0..READERS)
            .map(|_| open(&path, true))
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(Self {
            writer,
            readers: Readers::new(readers),
            _checkpointer,
        })
    }
}

/// When a commit reaches the disk. With `Full` (the default) a transaction is on disk
/// before its commit returns: an acknowledged request survives a power cut. The group
/// commit makes that one fsync per batch of transactions, not one per request. `Normal`
/// (in WAL mode) syncs only at checkpoints: safe against a crash of keydesk, not of the
/// machine, for those who accept losing the last moments' commits for speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Synchronous {
    Full,
    Normal,
}

impl Synchronous {
    fn pragma(self) -> &'static str {
        match self {
            Synchronous::Full => "FULL",
            Synchronous::Normal => "NORMAL",
        }
    }

    /// The URL without its `synchronous` parameter, and the parameter's value.
    fn from_url(url: &str) -> StoreResult<(String, Synchronous)> {
        let Some((base, query)) = url.split_once('?') else {
            return Ok((url.to_owned(), Synchronous::Full));
        };
        let mut synchronous = Synchronous::Full;
        let mut rest = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("synchronous", v)) => {
                    synchronous = match v.to_ascii_lowercase().as_str() {
                        "full" => Synchronous::Full,
                        "normal" => Synchronous::Normal,
                        _ => return Err(StoreError::UnsupportedUrl),
                    }
                }
                _ => rest.push(pair),
            }
        }
        let url = if rest.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{}", rest.join("&"))
        };
        Ok((url, synchronous))
    }
}

/// The database holds password hashes and sealed secrets: only its owner may read it.
/// A new file is created 0600 (SQLite gives its `-wal` and `-shm` files the mode of the
/// database), and an existing one, with its WAL, is made so.
fn private_files(path: &Path) -> StoreResult<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| StoreError::Io(format!("{}: {e}", path.display())))?;
        for suffix in ["", "-wal", "-shm"] {
            let mut file = path.as_os_str().to_owned();
            file.push(suffix);
            match std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(StoreError::Io(format!("{}: {e}", file.to_string_lossy())))
                }
                _ => {}
            }
        }
    }
    Ok(())
}

pub(super) fn open(path: &Path, read_only: bool) -> StoreResult<Connection> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    // Sessions and accounts are looked up at random on every request: keep their
    // indexes in memory (SQLite's default cache is 2 MiB; this is a ceiling, filled
    // on use).
    conn.pragma_update(None, "cache_size", -8192)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Readers and the checkpointer write nothing of their own; the writer sets its own
    // level (see [`Synchronous`]).
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Each write transaction is a savepoint of a group commit, which keeps the pages it
    // changes in a statement journal: in memory, not in a temporary file.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Every statement of repo/ stays prepared.
    conn.set_prepared_statement_cache_capacity(128);
    Ok(conn)
}

/// A transaction of a group commit: the only executor on SQLite that may write.
type SqliteWriteTx = LiteExecutor<WriterTx>;

impl CanWrite for SqliteWriteTx {}

#[async_trait]
impl WriteTx for SqliteWriteTx {
    async fn commit(self: Box<Self>) -> StoreResult<()> {
        self.0.commit().await
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn begin(&self) -> StoreResult<Box<dyn WriteTx>> {
        let tx: SqliteWriteTx = LiteExecutor(self.writer.begin().await?);
        Ok(Box::new(tx))
    }

    /// A snapshot on a reading connection (opened read-only): it never waits for the
    /// writer.
    async fn read(&self) -> StoreResult<Box<dyn ReadTx>> {
        let tx: LiteExecutor<ReaderTx> = LiteExecutor(self.readers.begin().await?);
        Ok(Box::new(tx))
    }

    async fn session_view(&self, id: i64) -> StoreResult<Option<SessionView>> {
        let mut conn = LiteExecutor(self.readers.get().await?);
        sessions::view(&mut conn, id).await
    }

    async fn ping(&self) -> StoreResult<()> {
        let mut conn = LiteExecutor(self.readers.get().await?);
        conn.execute(repo::PING, &[]).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Synchronous;

    #[test]
    fn the_synchronous_parameter_is_read_and_taken_off_the_url() {
        assert_eq!(
            Synchronous::from_url("sqlite://a.db").unwrap(),
            ("sqlite://a.db".to_owned(), Synchronous::Full)
        );
        assert_eq!(
            Synchronous::from_url("sqlite://a.db?synchronous=normal&mode=rwc").unwrap(),
            ("sqlite://a.db?mode=rwc".to_owned(), Synchronous::Normal)
        );
        assert!(Synchronous::from_url("sqlite://a.db?synchronous=off").is_err());
    }
}
