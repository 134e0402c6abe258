//! The file store's operations, the same on every backend.
use super::{FileError, FileKey};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload};
use std::sync::Arc;

#[derive(Clone)]
pub struct FileStore {
    pub(super) objects: Arc<dyn ObjectStore>,
    /// Put before every key (`files.prefix` with its `/`, so one bucket can hold
    /// several deployments); empty for a local folder.
    pub(super) prefix: String,
    /// Local backend: new files are made readable by keydesk's user alone (0600), in
    /// folders only it may enter (0700). Object storage has no file modes.
    pub(super) private_files: Option<super::local::PrivateFiles>,
}

/// A stored file as a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub key: FileKey,
    /// Unix seconds, by the backend's clock.
    pub last_modified: i64,
    pub size: u64,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileStore({}, prefix {:?})", self.objects, self.prefix)
    }
}

impl FileStore {
    fn location(&self, key: &FileKey) -> Result<Path, FileError> {
        Path::parse(format!("{}{}", self.prefix, key.as_str()))
            .map_err(|_| FileError::InvalidKey(key.to_string()))
    }

    /// Stores a new file; an existing file at `key` is never replaced
    /// ([`FileError::AlreadyExists`]). Durable when this returns (fsync locally, an
    /// acknowledged PUT on S3), so the caller may now write the row that points at it.
    pub async fn put(&self, key: &FileKey, bytes: Bytes) -> Result<(), FileError> {
        let location = self.location(key)?;
        if let Some(private) = &self.private_files {
            return private.write_new(key, bytes).await;
        }
        let options = PutOptions::from(PutMode::Create);
        match self
            .objects
            .put_opts(&location, PutPayload::from(bytes), options)
            .await
        {
            Ok(_) => {}
            Err(object_store::Error::AlreadyExists { .. }) => {
                return Err(FileError::AlreadyExists(key.to_string()))
            }
            Err(e) => return Err(e.into()),
        }
        Ok(())
    }

    /// The file's bytes, or `None` when nothing is stored at `key`.
    pub async fn get(&self, key: &FileKey) -> Result<Option<Bytes>, FileError> {
        match self.objects.get(&self.location(key)?).await {
            Ok(found) => Ok(Some(found.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes the file; deleting a missing file is not an error.
    pub async fn delete(&self, key: &FileKey) -> Result<(), FileError> {
        match self.objects.delete(&self.location(key)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Every file under `area` (e.g. `photos`), in no particular order. Objects whose
    /// names are not keys this store makes (files still being written, foreign objects
    /// in a shared bucket) are left out, so nothing acts on them.
    pub fn list(
        &self,
        area: &str,
    ) -> Result<impl Stream<Item = Result<StoredFile, FileError>> + Send + 'static, FileError> {
        if !super::key::is_path(area) {
            return Err(FileError::InvalidKey(area.to_owned()));
        }
        let prefix = self.prefix.clone();
        let area = Path::parse(format!("{prefix}{area}"))
            .map_err(|_| FileError::InvalidKey(area.to_owned()))?;
        Ok(self.objects.list(Some(&area)).filter_map(move |found| {
            let prefix = prefix.clone();
            async move {
                match found {
                    Ok(meta) => {
                        let name = meta.location.as_ref().strip_prefix(prefix.as_str())?;
                        let key = FileKey::parse(name).ok()?;
                        Some(Ok(StoredFile {
                            key,
                            last_modified: meta.last_modified.timestamp(),
                            size: meta.size,
                        }))
                    }
                    Err(e) => Some(Err(e.into())),
                }
            }
        }))
    }
}
