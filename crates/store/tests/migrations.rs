//! Migrations applied to a database that already holds data, on both backends: the
//! database is built with the migrations before the one under test, filled as the
//! server of that time wrote it, and then opened by the store, which applies the rest.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use keydesk_store::models::AssigneeFilter;
use keydesk_store::{DeskSearch, Store};
use sqlx::Connection;
use std::path::Path;
use std::sync::Arc;

mod support;

/// A directory holding `backend`'s migrations older than `version`.
fn migrations_before(backend: &str, version: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.as_str() < version {
            std::fs::copy(&path, dir.path().join(name)).unwrap();
        }
    }
    dir
}

/// The store over a database migrated to just before `version` and then given `rows`.
async fn opened_after(url: &str, backend: &str, version: &str, rows: &str) -> Arc<dyn Store> {
    let migrator = sqlx::migrate::Migrator::new(migrations_before(backend, version).path())
        .await
        .unwrap();
    if backend == "sqlite" {
        let options: sqlx::sqlite::SqliteConnectOptions = url.parse().unwrap();
        let mut conn = sqlx::SqliteConnection::connect_with(&options.create_if_missing(true))
            .await
            .unwrap();
        migrator.run(&mut conn).await.unwrap();
        sqlx::raw_sql(rows).execute(&mut conn).await.unwrap();
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        migrator.run(&mut conn).await.unwrap();
        sqlx::raw_sql(rows).execute(&mut conn).await.unwrap();
    }
    keydesk_store::connect(url).await.unwrap()
}

/// Two requests as the server wrote them before answers were indexed as text: their
/// answers' JSON, with a quote, a backslash and an unticked box.
const REQUESTS: &str = r#"
INSERT INTO desk_requests (email, lang, category, subject, answers, status, status_since,
    queue, priority, idempotency, version, created_at, updated_at)
VALUES ('a@example.com', 'ja', 'verification', '本人確認の書類',
    '{"document":"passport","refusal_reason":"写真が「暗い」と言われた \"too dark\" C:\\scan","mail_access":false}',
    'new', 1, 'unsolved', 'normal', 'k1', 1, 1, 1),
    ('b@example.com', 'en', 'other', 'Nothing chosen', '{}', 'new', 2, 'unsolved', 'normal',
    'k2', 1, 2, 2);
"#;

async fn found(store: &Arc<dyn Store>, text: &str) -> Vec<i64> {
    let mut tx = store.read().await.unwrap();
    let q = DeskSearch {
        text,
        owner: None,
        status: None,
        category: None,
        assignee: AssigneeFilter::Any,
        created_from: None,
        created_to: None,
        limit: 50,
    };
    let mut ids: Vec<i64> = tx
        .search_desk_requests(&q)
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    ids.sort();
    ids
}

async fn answers_are_indexed_as_text_once_migrated(store: Arc<dyn Store>) {
    let first = 1001;
    // What was typed is found as typed; nothing of the JSON is found.
    for typed in ["\"too dark\"", r"C:\scan", "「暗い」", "passport", "暗い"] {
        assert_eq!(found(&store, typed).await, vec![first], "{typed}");
    }
    // One character (read, not indexed), two (the pairs index), more (trigrams).
    for json in [
        "{",
        "\\\"",
        "\":",
        "ma",
        "fa",
        "false",
        "mail_access",
        "document",
    ] {
        assert!(found(&store, json).await.is_empty(), "{json}");
    }
    assert_eq!(found(&store, "本人確認").await, vec![first]);
    assert_eq!(found(&store, "書類").await, vec![first]);

    // A new text replaces the old one in every index (what `desk-reindex` does).
    let mut tx = store.begin().await.unwrap();
    assert!(tx
        .set_desk_answers_text(first, "Passport\nパスポート\n写真が暗い")
        .await
        .unwrap());
    tx.commit().await.unwrap();
    assert_eq!(found(&store, "パスポート").await, vec![first]);
    assert_eq!(found(&store, "ポー").await, vec![first]);
    for gone in ["too dark", "sc", "「暗い」"] {
        assert!(found(&store, gone).await.is_empty(), "{gone}");
    }
    assert_eq!(
        found(&store, "書類").await,
        vec![first],
        "the subject stays"
    );
    assert_eq!(found(&store, "Nothing").await, vec![1002]);
}

#[tokio::test]
async fn sqlite_answers_are_indexed_as_text_once_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("keydesk.sqlite").display());
    let store = opened_after(&url, "sqlite", "20261205000013", REQUESTS).await;
    answers_are_indexed_as_text_once_migrated(store).await;
}

#[tokio::test]
async fn postgres_answers_are_indexed_as_text_once_migrated() {
    let Some(db) = support::empty_postgres().await else {
        return;
    };
    let store = opened_after(&db.url, "postgres", "20261205000013", REQUESTS).await;
    answers_are_indexed_as_text_once_migrated(store).await;
}
