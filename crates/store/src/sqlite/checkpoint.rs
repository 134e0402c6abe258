//! WAL checkpoints off the request path. SQLite's default copies the WAL back into
//! the database from inside whichever commit crosses 1 000 pages, fsync included —
//! 9 % of the time of a login step in a profile, landing on one unlucky request. Here a
//! thread of its own checkpoints (PASSIVE: never waits for the writer or readers) once
//! a second, and the writer's automatic checkpoints are off.
use super::open;
use crate::StoreResult;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(1);

/// Stops the thread when dropped (with the store).
pub(super) struct Checkpointer {
    _stop: mpsc::Sender<()>,
}

impl Checkpointer {
    pub(super) fn start(path: &Path) -> StoreResult<Checkpointer> {
        let conn = open(path, false)?;
        let (stop, stopped) = mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
                    let done = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                    if let Err(e) = done {
                        tracing::warn!(error = %e, "WAL checkpoint failed");
                    }
                }
                // One last checkpoint, so that a stopped server leaves a small WAL.
                let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
            })
            .map_err(|e| crate::StoreError::Io(e.to_string()))?;
        Ok(Checkpointer { _stop: stop })
    }
}
