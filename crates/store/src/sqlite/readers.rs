//! A few read-only connections. In WAL mode a reader sees the last commit and never
//! waits for the writer, so a read transaction is just a snapshot.
use super::lite::control;
use crate::{StoreError, StoreResult};
use rusqlite::Connection;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

pub(super) struct Readers {
    idle: Mutex<Vec<Connection>>,
    permits: Arc<Semaphore>,
}

impl Readers {
    pub(super) fn new(conns: Vec<Connection>) -> Arc<Readers> {
        Arc::new(Readers {
            permits: Arc::new(Semaphore::new(conns.len())),
            idle: Mutex::new(conns),
        })
    }

    /// A connection for one statement (consistent on its own).
    pub(super) async fn get(self: &Arc<Self>) -> StoreResult<ReaderConn> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| StoreError::Closed)?;
        let conn = self
            .idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop()
            .ok_or(StoreError::Closed)?;
        Ok(ReaderConn {
            conn: Some(conn),
            readers: self.clone(),
            _permit: permit,
        })
    }

    /// A snapshot for several statements.
    pub(super) async fn begin(self: &Arc<Self>) -> StoreResult<ReaderTx> {
        let conn = self.get().await?;
        control(&conn, "BEGIN")?;
        Ok(ReaderTx { conn: Some(conn) })
    }
}

pub(super) struct ReaderConn {
    conn: Option<Connection>,
    readers: Arc<Readers>,
    _permit: OwnedSemaphorePermit,
}

impl Drop for ReaderConn {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.readers
                .idle
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(conn);
        }
    }
}

impl Deref for ReaderConn {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match &self.conn {
            Some(conn) => conn,
            None => unreachable!("reader connection used after it went back"),
        }
    }
}

impl DerefMut for ReaderConn {
    fn deref_mut(&mut self) -> &mut Connection {
        match &mut self.conn {
            Some(conn) => conn,
            None => unreachable!("reader connection used after it went back"),
        }
    }
}

/// Ends when dropped: a read transaction has nothing to commit.
pub(super) struct ReaderTx {
    conn: Option<ReaderConn>,
}

impl Drop for ReaderTx {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // Ends the snapshot; a read transaction has nothing to undo.
            let _ = control(&conn, "ROLLBACK");
        }
    }
}

impl Deref for ReaderTx {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match &self.conn {
            Some(conn) => conn,
            None => unreachable!("read transaction used after commit"),
        }
    }
}

impl DerefMut for ReaderTx {
    fn deref_mut(&mut self) -> &mut Connection {
        match &mut self.conn {
            Some(conn) => conn,
            None => unreachable!("read transaction used after commit"),
        }
    }
}
