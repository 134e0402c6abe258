//! Stored files (identity photos now, ticket attachments next): a local folder by
//! default, S3-compatible object storage when `[files] backend = "s3"` (scale-out: every
//! instance sees the same files).
//!
//! [`FileStore`] is one struct over `Arc<dyn object_store::ObjectStore>` rather than a
//! trait of our own with a local and an S3 implementation: `object_store` already is
//! that trait, with both backends (and more), and the rules that matter here are
//! written once above it, so the backends cannot drift: keys are checked
//! ([`FileKey`]), a write never replaces a file (`PutMode::Create`: a hard link locally,
//! `If-None-Match: *` on S3), a missing file reads as `None`, and the orphan sweep
//! ([`FileStore::sweep_orphans`]) spares files younger than its cut-off. The one local
//! difference, file modes, is a field, not a type.
//!
//! Order of writes: a file is written (durably) before the row that points at it, so a
//! row never names a missing file; a file whose row never committed is an orphan, which
//! the job worker's sweep deletes once it is older than the grace period.
mod key;
mod local;
mod s3;
mod settings;
mod store;
mod sweep;

pub use key::FileKey;
pub use settings::{FileBackend, FileSettings};
pub use store::{FileStore, StoredFile};

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("`{0}` is not a file key (area/name of letters, digits, '.', '-' and '_')")]
    InvalidKey(String),
    #[error("a file is already stored at {0}")]
    AlreadyExists(String),
    #[error("file store: {0}")]
    Backend(#[from] object_store::Error),
    #[error("file store: {0}")]
    Io(#[from] std::io::Error),
}

impl FileStore {
    /// The store the settings describe. Nothing is contacted yet: a wrong bucket or
    /// key shows at the first write, which fails the request (and logs why).
    pub fn from_settings(
        settings: &FileSettings,
        data_dir: &std::path::Path,
    ) -> Result<Self, FileError> {
        match settings.backend {
            // The data dir itself: photos stay in `{data_dir}/photos`, where they were
            // before this store existed, and a backup of the data dir still holds every
            // file. Keys always have an area folder, so none reaches the database.
            FileBackend::Local => Self::local(data_dir),
            FileBackend::S3 => Self::s3(settings),
        }
    }
}

/// Is `prefix` usable as `files.prefix` (empty, or segments with an optional final `/`)?
pub fn is_valid_prefix(prefix: &str) -> bool {
    let trimmed = prefix.strip_suffix('/').unwrap_or(prefix);
    prefix.is_empty() || key::is_path(trimmed)
}
