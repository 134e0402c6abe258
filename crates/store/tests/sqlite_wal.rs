//! The embedded store's WAL under sustained writes: SQLite starts the WAL over only when
//! everything in it has been copied back and no write transaction is open, which a
//! checkpoint running beside a writer that never pauses does not achieve. The store's
//! checkpoint rounds end between two group commits, so the WAL starts over (and stays
//! small) however long the load lasts.
#![allow(clippy::unwrap_used)]
use keydesk_domain::audit::AuditKind;
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
    let wal_path = dir.path().join("keydesk.sqlite-wal");
    let restarts_before = restarts(&wal_path);
    let stop = Arc::new(AtomicBool::new(false));
    let committed = Arc::new(AtomicU64::new(0));
    // Four writers keep a batch open at all times; each event fills a quarter of a page.
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (store, stop, committed) = (store.clone(), stop.clone(), committed.clone());
            tokio::spawn(async move {
                let detail = format!("{{\"pad\":\"{}\"}}", "x".repeat(1000));
                while !stop.load(Ordering::Relaxed) {
                    let mut tx = store.begin().await.unwrap();
                    tx.insert_audit(&NewAuditEvent {
                        account_id: Some(w),
                        actor_id: None,
                        kind: AuditKind::SignUp,
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
    // Without checkpoint rounds that end between two batches the writer never pauses,
    // no restart happens, and the WAL grows for as long as the load lasts (measured: to
    // 400 MB in these 2 s). How often it restarts depends on the machine's load, so the
    // test asks only that it does, more than once.
    let restarted = restarts(&wal_path) - restarts_before;
    let wal = std::fs::metadata(&wal_path).unwrap().len();
    assert!(
        restarted >= 2,
        "the WAL started over {restarted} times during {events} transactions; it is {wal} bytes"
    );
}

/// How many times SQLite has started this WAL over: the header's checkpoint sequence
/// number, which each restart increments (0 before the WAL exists).
fn restarts(wal: &std::path::Path) -> u32 {
    let Ok(bytes) = std::fs::read(wal) else {
        return 0;
    };
    bytes
        .get(12..16)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .unwrap_or(0)
}
