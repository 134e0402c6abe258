#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write; the name says which ("email", …).
    #[error("{0} already exists")]
    Conflict(&'static str),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL (expected sqlite:// or postgres://)")]
    UnsupportedUrl,
    /// The group commit holding this transaction failed; nothing of it was kept.
    #[error("commit failed: {0}")]
    CommitFailed(String),
    /// The writer connection went away (the store is shutting down).
    #[error("the database writer is closed")]
    Closed,
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                let msg = db.message();
                let what = if msg.contains("email") {
                    "email"
                } else if msg.contains("totp_factors")
                    || msg.contains("one_active")
                    || msg.contains("one_pending")
                {
                    "factor"
                } else {
                    "record"
                };
                return StoreError::Conflict(what);
            }
        }
        StoreError::Database(e)
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
