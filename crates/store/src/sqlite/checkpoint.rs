//! WAL checkpoints off the request path. SQLite's default copies the WAL back into
//! the database from inside whichever commit crosses 1 000 pages, fsync included —
//! 9 % of the time of a login step in a profile, landing on one unlucky request. Here a
//! thread of its own checkpoints, and the writer's automatic checkpoints are off.
//!
//! A checkpoint that runs beside a busy writer never catches up with it, and SQLite
//! only starts the WAL over once everything in it has been copied back: the WAL would
//! grow for as long as the load lasts, every commit appending to new file blocks (the
//! filesystem's block allocation was ~9 % of a TOTP step). So each round copies the
//! bulk beside the writer (PASSIVE: waits for nobody), then copies the rest between two
//! batches, while the writer waits — the next batch then reuses the WAL from its start.
use super::open;
use super::writer::Writer;
use crate::StoreResult;
use rusqlite::Connection;
use std::path::Path;
use std::sync::{mpsc, Weak};
use std::time::Duration;

/// How long the WAL may grow between checkpoints: at ~10 000 transactions a second,
/// about 10 MB.
const EVERY: Duration = Duration::from_millis(100);

/// Stops the thread when dropped (with the store).
pub(super) struct Checkpointer {
    _stop: mpsc::Sender<()>,
}

impl Checkpointer {
    pub(super) fn start(path: &Path, writer: Weak<Writer>) -> StoreResult<Checkpointer> {
        let conn = open(path, false)?;
        let (stop, stopped) = mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
                    let pending = passive(&conn);
                    if pending == 0 {
                        continue;
                    }
                    if let Some(writer) = writer.upgrade() {
                        writer.between_batches(|| passive(&conn));
                    }
                }
                // One last checkpoint, so that a stopped server leaves a small WAL.
                passive(&conn);
            })
            .map_err(|e| crate::StoreError::Io(e.to_string()))?;
        Ok(Checkpointer { _stop: stop })
    }
}

/// Copies what it can of the WAL into the database; returns the WAL's length in frames
/// (0 once the WAL has been started over and nothing new was written).
fn passive(conn: &Connection) -> i64 {
    let done = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
        row.get::<_, i64>(1)
    });
    match done {
        Ok(frames) => frames.max(0),
        Err(e) => {
            tracing::warn!(error = %e, "WAL checkpoint failed");
            0
        }
    }
}
