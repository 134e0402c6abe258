//! The local backend: `object_store`'s `LocalFileSystem` rooted at the data dir for
//! reading, listing and deleting; new files are written by keydesk itself
//! ([`PrivateFiles::write_new`]): created 0600 in 0700 folders (identity photos are
//! nobody else's business; `LocalFileSystem` would use the umask), never replacing a
//! file, fsynced with their folder (so a power cut cannot lose the name of a file whose
//! row committed), in one blocking call instead of the temporary name, hard link and
//! mode change it would take.
use super::{FileError, FileKey, FileStore};
use object_store::local::LocalFileSystem;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub(super) struct PrivateFiles {
    root: PathBuf,
}

impl PrivateFiles {
    fn path(&self, key: &FileKey) -> PathBuf {
        // A FileKey's segments are plain names (no `..`, no leading `/`): the join stays
        // under the root.
        self.root.join(key.as_str())
    }

    /// Writes a new file in one blocking call: created 0600 (never replacing one),
    /// written, fsynced, and its folder fsynced so the name survives a power cut too.
    /// Under its final name: nothing reads a stored file before the row that names it
    /// commits, which happens only after this returns, and a write cut short by a crash
    /// leaves a file no row names, which the sweep removes.
    pub(super) async fn write_new(
        &self,
        key: &FileKey,
        bytes: bytes::Bytes,
    ) -> Result<(), FileError> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let path = self.path(key);
        let name = key.to_string();
        tokio::task::spawn_blocking(move || {
            let parent = path.parent().map(Path::to_path_buf);
            if let Some(parent) = &parent {
                if !parent.exists() {
                    std::fs::DirBuilder::new()
                        .recursive(true)
                        .mode(0o700)
                        .create(parent)?;
                }
            }
            let mut file = match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path)
            {
                Ok(file) => file,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(FileError::AlreadyExists(name));
                }
                Err(e) => return Err(e.into()),
            };
            file.write_all(&bytes)?;
            file.sync_all()?;
            if let Some(parent) = parent {
                std::fs::File::open(parent)?.sync_all()?;
            }
            Ok(())
        })
        .await
        .map_err(std::io::Error::other)?
    }

    /// Deletes the temporary files (`…#1`) under `area` older than `modified_before`: a
    /// process killed while writing leaves one, which `LocalFileSystem` never lists.
    pub(super) async fn remove_stale_staging(
        &self,
        area: &str,
        modified_before: i64,
    ) -> Result<usize, FileError> {
        let dir = self.root.join(area);
        tokio::task::spawn_blocking(move || {
            let mut removed = 0;
            let Ok(entries) = std::fs::read_dir(&dir) else {
                return Ok(0);
            };
            for entry in entries.flatten() {
                let staging = entry.file_name().to_string_lossy().contains('#');
                let modified = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(i64::MAX, |d| d.as_secs() as i64);
                if staging && modified < modified_before {
                    std::fs::remove_file(entry.path())?;
                    removed += 1;
                }
            }
            Ok(removed)
        })
        .await
        .map_err(std::io::Error::other)?
    }
}

impl FileStore {
    /// Files under `root` (created 0700 if missing): key `photos/x.jpg` is the file
    /// `{root}/photos/x.jpg`.
    pub fn local(root: &Path) -> Result<Self, FileError> {
        if !root.exists() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(root)?;
        }
        let objects = LocalFileSystem::new_with_prefix(root)?.with_fsync(true);
        Ok(Self {
            objects: Arc::new(objects),
            prefix: String::new(),
            private_files: Some(PrivateFiles {
                root: std::fs::canonicalize(root)?,
            }),
        })
    }
}
