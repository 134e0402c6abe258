//! The local backend: `object_store`'s `LocalFileSystem` rooted at the data dir, with
//! fsync on, and the file modes it does not set. It writes each file under a temporary
//! name (`…#1`) and publishes it with a hard link, so a reader never sees half a file
//! and an existing file is never replaced; but it creates files and folders with the
//! process umask (usually 0644 and 0755), and identity photos are nobody else's
//! business: keydesk makes each new area folder 0700 and each file 0600.
use super::{FileError, FileKey, FileStore};
use object_store::local::LocalFileSystem;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
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

    /// Creates the key's folders, 0700, before `LocalFileSystem` would create them
    /// with the umask. Folders that exist (an older deployment's `photos/`) are kept.
    pub(super) async fn prepare(&self, key: &FileKey) -> Result<(), FileError> {
        let Some(parent) = self.path(key).parent().map(Path::to_path_buf) else {
            return Ok(());
        };
        if tokio::fs::metadata(&parent).await.is_ok() {
            return Ok(());
        }
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true).mode(0o700);
        tokio::task::spawn_blocking(move || builder.create(parent))
            .await
            .map_err(std::io::Error::other)??;
        Ok(())
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

    /// 0600 on the file just published. Until then it sat in a 0700 folder (or an
    /// older deployment's folder, whose files were already umask-readable), under a
    /// random name no row pointed at yet.
    pub(super) async fn restrict(&self, key: &FileKey) -> Result<(), FileError> {
        tokio::fs::set_permissions(self.path(key), std::fs::Permissions::from_mode(0o600)).await?;
        Ok(())
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
