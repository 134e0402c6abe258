//! The embedded store's WAL under sustained writes: SQLite starts the WAL over only when
//! everything in it has been copied back and no write transaction is open, which a
//! checkpoint running beside a writer that never pauses does not achieve. The store's
//! checkpoint rounds end between two group commits, so the WAL stays small however long
//! the load lasts.
#![allow(clippy::unwrap_used)]
use keydesk_store::models::NewAuditEvent;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wal_starts_over_under_sustained_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keydesk.sqlite");
    let store = keydesk_store::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let committed = Arc::new(AtomicU64::new(0));
    // Four writers keep a batch open at all times; each event fills most of a page.
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (store, stop, committed) = (store.clone(), stop.clone(), committed.clone());
            tokio::spawn(async move {
                let detail = format!("{{\"pad\":\"{}\"}}", "x".repeat(3000));
                while !stop.load(Ordering::Relaxed) {
                    let mut tx = store.begin().await.unwrap();
                    tx.insert_audit(&NewAuditEvent {
                        account_id: Some(w),
                        actor_id: None,
                        kind: "wal_test",
                        ip: None,
                        user_agent: None,
                        detail: detail.clone(),
                        now: 1,
                    })
                    .await
                    .unwrap();
                    tx.commit().await.unwrap();
                    committed.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    // Long enough for many checkpoint rounds (one every 100 ms).
    tokio::time::sleep(Duration::from_millis(2000)).await;
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }

    let events = committed.load(Ordering::Relaxed);
    assert!(events >= 300, "too few writes to tell: {events}");
    // Every event wrote at least one page of its own to the WAL; the file's size is the
    // most the WAL ever held at once (it is not shrunk below 64 MiB).
    let appended = events * 4096;
    let wal = std::fs::metadata(dir.path().join("keydesk.sqlite-wal"))
        .unwrap()
        .len();
    assert!(
        wal < appended / 3,
        "the WAL grew to {wal} bytes for {appended} bytes of events: it was never started over"
    );
}
