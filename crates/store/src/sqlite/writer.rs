//! Group commit for SQLite's single writer.
//!
//! A commit is the expensive part of a small write transaction: SQLite appends every
//! page the transaction touched to the WAL, and on a virtual disk that costs far more
//! than the statements themselves (measured with rusqlite: ~250 µs per commit of a
//! login step, ~30–40 µs per step when 8–32 of them share a commit). So transactions
//! that queue for the writer share one SQLite transaction: each runs inside a savepoint
//! of its own (its statements, errors and rollback stay its own), and a flusher task
//! commits the batch once everyone who was queued before it has had their turn.
//! `commit()` returns only after that real COMMIT, so nobody answers on data that could
//! still be lost; and since the batch's transactions ran one after another on one
//! connection, each saw exactly what a serial order gives.
use super::lite::control as run;
use crate::{StoreError, StoreResult};
use rusqlite::Connection;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Weak};
use tokio::sync::{watch, Mutex, Notify, OwnedMutexGuard};

type Outcome = Option<Result<(), Arc<str>>>;

pub(super) struct Writer {
    slot: Arc<Mutex<Slot>>,
    flush: Arc<Notify>,
}

struct Slot {
    conn: Connection,
    /// The open SQLite transaction, and how its members learn how it ended.
    batch: Option<watch::Sender<Outcome>>,
}

impl Writer {
    pub(super) fn start(conn: Connection) -> Arc<Writer> {
        let slot = Arc::new(Mutex::new(Slot { conn, batch: None }));
        let flush = Arc::new(Notify::new());
        tokio::spawn(flusher(Arc::downgrade(&slot), flush.clone()));
        Arc::new(Writer { slot, flush })
    }

    pub(super) async fn begin(&self) -> StoreResult<WriterTx> {
        let mut tx = WriterTx {
            slot: Some(self.slot.clone().lock_owned().await),
            flush: self.flush.clone(),
            savepoint: false,
        };
        let slot = tx.slot_mut()?;
        if slot.batch.is_none() {
            // IMMEDIATE: take the write lock now (another process — the CLI — may
            // write too), not at the first write halfway through.
            run(&slot.conn, "BEGIN IMMEDIATE")?;
            slot.batch = Some(watch::channel(None).0);
        }
        run(&slot.conn, "SAVEPOINT keydesk_tx")?;
        tx.savepoint = true;
        Ok(tx)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // Lets the flusher notice that the store is gone.
        self.flush.notify_one();
    }
}

/// Commits each batch once the transactions queued before it are through.
async fn flusher(slot: Weak<Mutex<Slot>>, flush: Arc<Notify>) {
    loop {
        flush.notified().await;
        // Transactions hold the writer without awaiting in between, so nobody is ever
        // queued for it at this point: what makes a batch is the requests that are
        // ready to run. Going to the back of the run queue once lets them all reach
        // their commit first (tokio would otherwise run the woken flusher next and
        // commit batches of one).
        tokio::task::yield_now().await;
        let Some(slot) = slot.upgrade() else { return };
        let mut slot = slot.lock_owned().await;
        slot.commit_batch();
    }
}

impl Slot {
    /// Commits the open batch, if any, and tells its members how it ended.
    fn commit_batch(&mut self) {
        let Some(batch) = self.batch.take() else {
            return;
        };
        let outcome = match run(&self.conn, "COMMIT") {
            Ok(()) => Ok(()),
            Err(e) => {
                tracing::error!(error = %e, "SQLite group commit failed");
                // Whatever the failure left open must not swallow the next batch.
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(Arc::<str>::from(e.to_string()))
            }
        };
        // With keydesk_sqlite_transactions_total: how many transactions a commit carries.
        metrics::counter!("keydesk_sqlite_commits_total").increment(1);
        batch.send_replace(Some(outcome));
    }
}

impl Writer {
    /// For the checkpointer's thread (never from async code): commits the open batch
    /// and runs `f` before the next transaction begins. A checkpoint that completes in
    /// there lets that transaction start the WAL over instead of growing it.
    pub(super) fn between_batches<T>(&self, f: impl FnOnce() -> T) -> T {
        let mut slot = self.slot.blocking_lock();
        slot.commit_batch();
        f()
    }
}

/// One transaction of a batch: a savepoint on the writer connection.
pub(super) struct WriterTx {
    slot: Option<OwnedMutexGuard<Slot>>,
    flush: Arc<Notify>,
    savepoint: bool,
}

impl WriterTx {
    fn slot_mut(&mut self) -> StoreResult<&mut Slot> {
        self.slot.as_deref_mut().ok_or(StoreError::Closed)
    }

    /// Ends the savepoint and waits until the batch holding it is committed.
    pub(super) async fn commit(mut self) -> StoreResult<()> {
        let slot = self.slot_mut()?;
        run(&slot.conn, "RELEASE keydesk_tx")?;
        metrics::counter!("keydesk_sqlite_transactions_total").increment(1);
        let mut done = slot.batch.as_ref().ok_or(StoreError::Closed)?.subscribe();
        self.savepoint = false;
        // Let the next transaction in (same batch), and have the flusher queue up
        // behind it and everyone else already waiting.
        drop(self.slot.take());
        self.flush.notify_one();
        let outcome = done
            .wait_for(Option::is_some)
            .await
            .map_err(|_| StoreError::Closed)?;
        match outcome.as_ref() {
            Some(Err(e)) => Err(StoreError::CommitFailed(e.to_string())),
            _ => Ok(()),
        }
    }
}

impl Drop for WriterTx {
    fn drop(&mut self) {
        let Some(slot) = self.slot.take() else { return };
        if self.savepoint {
            // Dropped without commit: undo this transaction's part only.
            let undone = run(&slot.conn, "ROLLBACK TO keydesk_tx")
                .and_then(|()| run(&slot.conn, "RELEASE keydesk_tx"));
            if let Err(e) = undone {
                tracing::error!(error = %e, "rolling back a savepoint failed");
            }
        }
        drop(slot);
        // The batch must not stay open for lack of a committer.
        self.flush.notify_one();
    }
}

impl Deref for WriterTx {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match &self.slot {
            Some(slot) => &slot.conn,
            None => unreachable!("writer transaction used after commit"),
        }
    }
}

impl DerefMut for WriterTx {
    fn deref_mut(&mut self) -> &mut Connection {
        match &mut self.slot {
            Some(slot) => &mut slot.conn,
            None => unreachable!("writer transaction used after commit"),
        }
    }
}
