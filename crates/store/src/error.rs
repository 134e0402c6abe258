#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write; the name says which ("email", …).
    #[error("{0} already exists")]
    Conflict(&'static str),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("database error: {0}")]
    Sqlite(#[source] rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL (expected sqlite:// or postgres://)")]
    UnsupportedUrl,
    /// The group commit holding this transaction failed; nothing of it was kept.
    #[error("commit failed: {0}")]
    CommitFailed(String),
    #[error("{0}")]
    Io(String),
    /// A row held a value its column's domain type does not know (a role, status or
    /// kind written by a newer version, or by hand): the row is refused, not guessed.
    #[error("unknown value {value:?} in column {column}")]
    Decode { column: &'static str, value: String },
    /// A statement that always returns a row returned none.
    #[error("the statement returned no row")]
    NoRow,
    /// The writer connection went away (the store is shutting down).
    #[error("the database writer is closed")]
    Closed,
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                return StoreError::Conflict(conflict_subject(db.message()));
            }
        }
        StoreError::Database(e)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(f, msg) = &e {
            if matches!(
                f.extended_code,
                rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            ) {
                return StoreError::Conflict(conflict_subject(msg.as_deref().unwrap_or("")));
            }
        }
        StoreError::Sqlite(e)
    }
}

/// Which unique rule refused a write, from the database's message (both name the
/// table, column or index).
fn conflict_subject(msg: &str) -> &'static str {
    if msg.contains("email") {
        "email"
    } else if msg.contains("totp_factors")
        || msg.contains("one_active")
        || msg.contains("one_pending")
    {
        "factor"
    } else {
        "record"
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
