//! The file store keeps one contract wherever files live, written once and run against a
//! local folder and a real S3-compatible server (moto, started by the test): a write
//! never replaces a file, a missing file reads as nothing, keys cannot leave their
//! area, and the orphan sweep spares young files and files a row points at. And a photo
//! sent with `[files] backend = "s3"` lands in the bucket.
use crate::helpers::s3::s3_server;
use crate::helpers::*;
use bytes::Bytes;
use futures_util::TryStreamExt;
use keydesk::files::{FileError, FileKey, FileStore, StoredFile};
use std::collections::HashSet;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn new_key(area: &str) -> FileKey {
    FileKey::new(
        area,
        &format!("{}.jpg", keydesk_domain::identity::token::generate()),
    )
    .unwrap()
}

async fn listed(store: &FileStore, area: &str) -> Vec<StoredFile> {
    store.list(area).unwrap().try_collect().await.unwrap()
}

async fn contract(store: &FileStore) {
    // Write, read back; a second write to the same key is refused and changes nothing.
    let key = new_key("photos");
    assert_eq!(store.get(&key).await.unwrap(), None);
    store.put(&key, Bytes::from_static(b"first")).await.unwrap();
    assert_eq!(
        store.get(&key).await.unwrap().as_deref(),
        Some(&b"first"[..])
    );
    let again = store.put(&key, Bytes::from_static(b"second")).await;
    assert!(
        matches!(again, Err(FileError::AlreadyExists(_))),
        "{again:?}"
    );
    assert_eq!(
        store.get(&key).await.unwrap().as_deref(),
        Some(&b"first"[..])
    );

    // Listing: every file of the area with its time, and only that area.
    let other = new_key("photos");
    store
        .put(&other, Bytes::from(vec![7u8; 1000]))
        .await
        .unwrap();
    let attachment = new_key("attachments");
    store
        .put(&attachment, Bytes::from_static(b"pdf"))
        .await
        .unwrap();
    let files = listed(store, "photos").await;
    let keys: HashSet<_> = files.iter().map(|f| f.key.clone()).collect();
    assert_eq!(keys, HashSet::from([key.clone(), other.clone()]));
    let t = now();
    for f in &files {
        assert!((f.last_modified - t).abs() < 300, "{f:?} at {t}");
    }
    assert_eq!(files.iter().find(|f| f.key == other).unwrap().size, 1000);
    assert!(listed(store, "nothing-here").await.is_empty());
    assert!(store.list("../photos").is_err());

    // The sweep: nothing younger than the cut-off goes, known or not ...
    let known = HashSet::from([key.name().to_owned()]);
    let is_known = |k: FileKey| {
        let known = known.contains(k.name());
        async move { Ok::<_, std::io::Error>(known) }
    };
    let removed = store
        .sweep_orphans("photos", now() - 3600, is_known)
        .await
        .unwrap();
    assert_eq!(removed, 0, "young files are never swept");
    assert_eq!(listed(store, "photos").await.len(), 2);
    // ... past it, the files no row points at go; the known one and other areas stay.
    let removed = store
        .sweep_orphans("photos", now() + 60, is_known)
        .await
        .unwrap();
    assert_eq!(removed, 1);
    assert_eq!(store.get(&other).await.unwrap(), None);
    assert!(store.get(&key).await.unwrap().is_some());
    assert!(store.get(&attachment).await.unwrap().is_some());
    // A failing lookup stops the sweep instead of deleting.
    let failing = |_| async { Err::<bool, _>(std::io::Error::other("database down")) };
    assert!(store
        .sweep_orphans("photos", now() + 60, failing)
        .await
        .is_err());
    assert!(store.get(&key).await.unwrap().is_some());

    // Delete; deleting again is no error.
    store.delete(&key).await.unwrap();
    assert_eq!(store.get(&key).await.unwrap(), None);
    store.delete(&key).await.unwrap();

    // Keys are checked before anything is stored.
    for bad in [
        "../secret.key",
        "photos/../../etc/passwd",
        "secret.key",
        "/photos/a",
    ] {
        assert!(FileKey::parse(bad).is_err(), "{bad}");
    }
}

/// With `[files] backend = "s3"` a sent photo is stored in the bucket (under the
/// prefix, nothing in the data dir) and served from there to its owner.
async fn a_photo_sent_with_s3_lives_in_the_bucket(backend: Backend) {
    let Some(s3) = s3_server() else {
        return;
    };
    let bucket = s3.new_bucket().await;
    let app = TestApp::spawn_with(backend, |s| {
        s.files = s3.settings(&bucket, "keydesk/prod");
        // The sweep below runs by hand: the worker's own sweep would race it.
        s.job_worker = false;
    })
    .await;
    let (b, _, _) = app.enrolled_customer("s3-photo@example.com").await;
    let (status, body) = send_blocked_selfie_anyway(&b).await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_i64().unwrap();

    let names = s3.object_names(&bucket).await;
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(
        names[0].starts_with("keydesk/prod/photos/") && names[0].ends_with(".jpg"),
        "{names:?}"
    );
    assert!(!app.dir.path().join("photos").exists());
    let stored = s3.object(&bucket, &names[0]).await;
    let r = b.fetch(&format!("/photos/{id}")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(r.bytes().await.unwrap().to_vec(), stored);

    // The sweep deletes a file no row points at once it is an hour old, and keeps the
    // photo.
    let files = &app.running.state.files;
    let orphan = keydesk::files::FileKey::new("photos", "orphan.jpg").unwrap();
    files.put(&orphan, stored.clone().into()).await.unwrap();
    let sweep = || keydesk::features::photos::service::sweep_orphans(&app.running.state);
    assert_eq!(sweep().await.unwrap(), 0, "not before the grace period");
    app.clock.advance(2 * 3600);
    assert_eq!(sweep().await.unwrap(), 1);
    assert_eq!(s3.object_names(&bucket).await, names);

    // Another customer learns nothing.
    let (other, _, _) = app.enrolled_customer("s3-other@example.com").await;
    let r = other.fetch(&format!("/photos/{id}")).await;
    assert_eq!(r.status(), 404);
}

// The file store alone, without a database: these run once, not per backend.

#[tokio::test]
async fn a_local_folder_keeps_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::local(dir.path()).unwrap();
    contract(&store).await;
}

#[tokio::test]
async fn local_files_are_private_and_never_beside_the_database() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("data");
    let store = FileStore::local(&root).unwrap();
    let key = new_key("photos");
    store.put(&key, Bytes::from_static(b"jpeg")).await.unwrap();
    let path = root.join(key.as_str());
    assert_eq!(std::fs::read(&path).unwrap(), b"jpeg");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&root.join("photos")), 0o700);
    assert_eq!(mode(&root), 0o700);
    // Only the published file is there: nothing half-written is left beside it.
    assert_eq!(std::fs::read_dir(root.join("photos")).unwrap().count(), 1);
    // A file of an older deployment (written before the store existed) reads as before,
    // and one still being written (`…#1`) is not listed, so never swept.
    std::fs::write(root.join("photos/old.jpg"), b"old").unwrap();
    std::fs::write(root.join("photos/new.jpg#1"), b"half").unwrap();
    let old = FileKey::new("photos", "old.jpg").unwrap();
    assert_eq!(store.get(&old).await.unwrap().as_deref(), Some(&b"old"[..]));
    let names: HashSet<_> = listed(&store, "photos")
        .await
        .into_iter()
        .map(|f| f.key.name().to_owned())
        .collect();
    assert_eq!(
        names,
        HashSet::from([key.name().to_owned(), "old.jpg".into()])
    );
}

#[tokio::test]
async fn an_s3_bucket_keeps_the_contract() {
    let Some(s3) = s3_server() else { return };
    let bucket = s3.new_bucket().await;
    let store = FileStore::s3(&s3.settings(&bucket, "deployment-a/")).unwrap();
    contract(&store).await;
    // Every object carries the prefix, so one bucket can hold several deployments.
    let names = s3.object_names(&bucket).await;
    assert!(!names.is_empty());
    assert!(
        names.iter().all(|n| n.starts_with("deployment-a/")),
        "{names:?}"
    );
    let neighbour = FileStore::s3(&s3.settings(&bucket, "deployment-b")).unwrap();
    assert!(listed(&neighbour, "attachments").await.is_empty());
}

#[tokio::test]
async fn a_missing_bucket_is_an_error_not_a_missing_file() {
    let Some(s3) = s3_server() else { return };
    let store = FileStore::s3(&s3.settings("no-such-bucket", "")).unwrap();
    let key = new_key("photos");
    let err = store.put(&key, Bytes::from_static(b"x")).await.unwrap_err();
    assert!(matches!(err, FileError::Backend(_)), "{err:?}");
}

on_both_backends!(a_photo_sent_with_s3_lives_in_the_bucket,);
