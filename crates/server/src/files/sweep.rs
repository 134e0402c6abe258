//! The orphan sweep: a file that no row points at is left behind by a request that
//! failed between writing the file and committing its row (files are written first).
use super::{FileKey, FileStore};
use futures_util::StreamExt;
use std::future::Future;

impl FileStore {
    /// Deletes the files under `area` last modified before `modified_before` (unix
    /// seconds) for which `is_known` says no row points at them; returns how many.
    /// Pass a cut-off well before now, the grace period: a file written a moment ago
    /// may belong to a row that is about to commit, and the backend's clock may differ
    /// a little from ours. Files that are younger are not even looked up.
    pub async fn sweep_orphans<F, Fut, E>(
        &self,
        area: &str,
        modified_before: i64,
        mut is_known: F,
    ) -> anyhow::Result<usize>
    where
        F: FnMut(FileKey) -> Fut,
        Fut: Future<Output = Result<bool, E>>,
        E: Into<anyhow::Error>,
    {
        let mut files = std::pin::pin!(self.list(area)?);
        let mut removed = 0;
        while let Some(file) = files.next().await {
            let file = file?;
            if file.last_modified >= modified_before {
                continue;
            }
            if !is_known(file.key.clone()).await.map_err(Into::into)? {
                self.delete(&file.key).await?;
                removed += 1;
            }
        }
        if let Some(private) = &self.private_files {
            removed += private.remove_stale_staging(area, modified_before).await?;
        }
        Ok(removed)
    }
}
