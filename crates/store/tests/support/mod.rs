//! A fresh database for each test: a SQLite file in a temporary directory, or a
//! PostgreSQL database on the server named by KEYDESK_TEST_POSTGRES_URL (default
//! postgres://postgres@127.0.0.1:5432/test), dropped at the end. A missing PostgreSQL
//! fails the run; KEYDESK_SKIP_POSTGRES=1 skips it on a machine without one.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]
use keydesk_store::{Backend, Store};
use sqlx::Connection;
use std::sync::Arc;

pub struct Fixture {
    pub store: Arc<dyn Store>,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    _database: Option<PgDatabase>,
}

/// An empty PostgreSQL database of this test's own, dropped at the end.
pub struct PgDatabase {
    pub url: String,
    admin_url: String,
    name: String,
}

impl From<&Fixture> for Arc<dyn Store> {
    fn from(f: &Fixture) -> Self {
        f.store.clone()
    }
}

impl Fixture {
    /// Runs `sql` on a connection of its own, past the store and past the schema's
    /// CHECK constraints: for rows that the store would never write.
    pub async fn unchecked(&self, sql: &str) {
        match self.store.backend() {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
                sqlx::raw_sql("PRAGMA ignore_check_constraints = ON")
                    .execute(&mut conn)
                    .await
                    .unwrap();
                sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&self.url).await.unwrap();
                sqlx::raw_sql(
                    "ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_role_check; \
                     ALTER TABLE totp_factors DROP CONSTRAINT IF EXISTS totp_factors_status_check; \
                     ALTER TABLE sessions DROP CONSTRAINT IF EXISTS sessions_kind_check; \
                     ALTER TABLE email_tokens DROP CONSTRAINT IF EXISTS email_tokens_purpose_check",
                )
                .execute(&mut conn)
                .await
                .unwrap();
                sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
            }
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        // Drop runs inside the test's runtime: use a thread with its own. FORCE ends
        // the store's pooled connections.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                if let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut admin)
                        .await;
                }
            });
        })
        .join();
    }
}

pub async fn sqlite() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("keydesk.sqlite").display());
    Fixture {
        store: keydesk_store::connect(&url).await.unwrap(),
        url,
        _dir: Some(dir),
        _database: None,
    }
}

pub async fn postgres() -> Option<Fixture> {
    let database = empty_postgres().await?;
    Some(Fixture {
        store: keydesk_store::connect(&database.url).await.unwrap(),
        url: database.url.clone(),
        _dir: None,
        _database: Some(database),
    })
}

pub async fn empty_postgres() -> Option<PgDatabase> {
    if std::env::var("KEYDESK_SKIP_POSTGRES").is_ok_and(|v| v == "1") {
        return None;
    }
    let admin_url = std::env::var("KEYDESK_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect(
        "PostgreSQL must be reachable for the contract tests (or set KEYDESK_SKIP_POSTGRES=1)",
    );
    let name = format!("keydesk_contract_{}", rand::random::<u64>());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    Some(PgDatabase {
        url: format!("{base}/{name}"),
        admin_url,
        name,
    })
}
