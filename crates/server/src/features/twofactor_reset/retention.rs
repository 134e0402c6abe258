//! Retention: a closed case's images (carried out or stopped) are deleted
//! `retention_days` after it closed; the case's row stays (that it happened, how it
//! ended). Rows go first, then the files: a file whose deletion fails is an orphan the
//! sweep takes; never a row naming a missing file.
use super::submit::{image_key, IMAGE_AREA};
use crate::state::AppState;
use crate::usecase::{RequestMeta, UnitOfWork};

/// At most this many cases per run; the next run takes the rest.
const BATCH: i64 = 200;
/// A file without a row is deleted once this old (its request failed long since).
const ORPHAN_GRACE_SECONDS: i64 = 3600;

/// Purges what is due; how many cases' images were deleted.
pub async fn purge(state: &AppState) -> anyhow::Result<usize> {
    let now = state.now();
    let before = now - state.settings.twofactor_reset.retention_days * 86_400;
    let due = state
        .store
        .read()
        .await?
        .twofactor_resets_to_purge(before, BATCH)
        .await?;
    let meta = RequestMeta::for_operator();
    for case_id in &due {
        let mut uow = UnitOfWork::begin(state, &meta).await?;
        let files = uow.delete_twofactor_reset_images(*case_id).await?;
        uow.commit().await?;
        for name in files {
            if let Err(e) = state.files.delete(&image_key(&name)?).await {
                tracing::warn!(error = %e, file = %name, "deleting a reset image: the sweep will");
            }
        }
    }
    if !due.is_empty() {
        tracing::info!(cases = due.len(), "reset images past retention deleted");
    }
    Ok(due.len())
}

/// Deletes image files no row points at, once they are an hour old.
pub async fn sweep_orphans(state: &AppState) -> anyhow::Result<usize> {
    let cutoff = state.now() - ORPHAN_GRACE_SECONDS;
    state
        .files
        .sweep_orphans(IMAGE_AREA, cutoff, |key| async move {
            state
                .store
                .read()
                .await?
                .twofactor_reset_image_known(key.name())
                .await
        })
        .await
}
