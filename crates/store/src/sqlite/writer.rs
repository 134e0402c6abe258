//! Group commit for SQLite's single writer.
//!
//! A commit is the expensive part of a small write transaction: SQLite appends every
//! page the transaction touched to the WAL, and on a virtual disk that costs far more
//! than the statements themselves (measured: ~250 µs per commit of a login step, ~30 µs
//! per step when 32 of them share a commit). So transactions that queue for the writer
//! share one SQLite transaction: each runs inside a savepoint of its own (its
//! statements, errors and rollback stay its own), and a flusher task commits the batch
//! once everyone who was queued before it has had their turn. `commit()` returns only
//! after that real COMMIT, so a caller never answers on data that could still be lost,
//! and transactions never see anything but committed or same-batch-released data —
//! the batch behaves as if its transactions had run one after another, which they did.
use crate::{StoreError, StoreResult};
use sqlx::SqliteConnection;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Weak};
use tokio::sync::{watch, Mutex, Notify, OwnedMutexGuard};

type Outcome = Option<Result<(), Arc<str>>>;

pub(super) struct Writer {
    slot: Arc<Mutex<Slot>>,
    flush: Arc<Notify>,
}

struct Slot {
    conn: SqliteConnection,
    /// The open SQLite transaction and how its members learn how it ended.
    batch: Option<watch::Sender<Outcome>>,
    /// A savepoint is open: while a transaction runs, or after one was dropped without
    /// committing (then the next holder rolls it back first).
    savepoint: bool,
}

impl Writer {
    pub(super) fn start(conn: SqliteConnection) -> Arc<Writer> {
        let slot = Arc::new(Mutex::new(Slot {
            conn,
            batch: None,
            savepoint: false,
        }));
        let flush = Arc::new(Notify::new());
        tokio::spawn(flusher(Arc::downgrade(&slot), flush.clone()));
        Arc::new(Writer { slot, flush })
    }

    pub(super) async fn begin(&self) -> StoreResult<WriterTx> {
        // Holding the slot before any statement runs: if this future is dropped halfway,
        // the WriterTx's drop still wakes the flusher to close the batch.
        let mut tx = WriterTx {
            slot: Some(self.slot.clone().lock_owned().await),
            flush: self.flush.clone(),
        };
        let slot = tx.slot_mut()?;
        slot.undo_abandoned().await?;
        if slot.batch.is_none() {
            // IMMEDIATE: take the write lock now (another process — the CLI — may
            // write too), not at the first write halfway through.
            sqlx::query("BEGIN IMMEDIATE")
                .execute(&mut slot.conn)
                .await?;
            slot.batch = Some(watch::channel(None).0);
        }
        slot.savepoint = true;
        sqlx::query("SAVEPOINT keydesk_tx")
            .execute(&mut slot.conn)
            .await?;
        Ok(tx)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // Lets the flusher notice that the store is gone.
        self.flush.notify_one();
    }
}

impl Slot {
    /// Rolls back what a dropped transaction left in its savepoint.
    async fn undo_abandoned(&mut self) -> StoreResult<()> {
        if self.savepoint {
            // The savepoint may not exist if the drop came before it was made.
            let _ = sqlx::query("ROLLBACK TO keydesk_tx")
                .execute(&mut self.conn)
                .await;
            let _ = sqlx::query("RELEASE keydesk_tx")
                .execute(&mut self.conn)
                .await;
            self.savepoint = false;
        }
        Ok(())
    }
}

/// Commits each batch once the transactions queued before it are through.
async fn flusher(slot: Weak<Mutex<Slot>>, flush: Arc<Notify>) {
    loop {
        flush.notified().await;
        let Some(slot) = slot.upgrade() else { return };
        let mut slot = slot.lock_owned().await;
        let _ = slot.undo_abandoned().await;
        let Some(batch) = slot.batch.take() else {
            continue;
        };
        let outcome = match sqlx::query("COMMIT").execute(&mut slot.conn).await {
            Ok(_) => Ok(()),
            Err(e) => {
                tracing::error!(error = %e, "SQLite group commit failed");
                // Whatever the failure left open must not swallow the next batch.
                let _ = sqlx::query("ROLLBACK").execute(&mut slot.conn).await;
                Err(Arc::<str>::from(e.to_string()))
            }
        };
        batch.send_replace(Some(outcome));
    }
}

/// One transaction of a batch: a savepoint on the writer connection.
pub(super) struct WriterTx {
    slot: Option<OwnedMutexGuard<Slot>>,
    flush: Arc<Notify>,
}

impl WriterTx {
    fn slot_mut(&mut self) -> StoreResult<&mut Slot> {
        self.slot.as_deref_mut().ok_or(StoreError::Closed)
    }

    /// Ends the savepoint and waits until the batch holding it is committed.
    pub(super) async fn commit(mut self) -> StoreResult<()> {
        let slot = self.slot_mut()?;
        sqlx::query("RELEASE keydesk_tx")
            .execute(&mut slot.conn)
            .await?;
        slot.savepoint = false;
        let mut done = slot.batch.as_ref().ok_or(StoreError::Closed)?.subscribe();
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
        if self.slot.take().is_some() {
            // Dropped without commit: its savepoint stays marked for rollback, and the
            // batch must not stay open for lack of a committer.
            self.flush.notify_one();
        }
    }
}

impl Deref for WriterTx {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        match &self.slot {
            Some(slot) => &slot.conn,
            // Only reachable after commit() consumed the transaction.
            None => unreachable!("writer transaction used after commit"),
        }
    }
}

impl DerefMut for WriterTx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        match &mut self.slot {
            Some(slot) => &mut slot.conn,
            None => unreachable!("writer transaction used after commit"),
        }
    }
}
