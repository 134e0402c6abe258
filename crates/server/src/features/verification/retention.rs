//! Retention: the images (and zone readings) of refused and cleared attempts are deleted
//! `refused_retention_days` after the decision; those of an approved verification after
//! `approved_retention_years`. The attempt's row stays (that it was made, how it ended).
//! Rows go first, then the files: a file whose deletion fails is an orphan the sweep
//! takes; never a row naming a missing file.
use super::submit::{image_key, IMAGE_AREA};
use crate::state::AppState;
use crate::usecase::{RequestMeta, UnitOfWork};

/// At most this many attempts per run; the next run takes the rest.
const BATCH: i64 = 200;
/// A file without a row is deleted once this old (its request failed long since).
const ORPHAN_GRACE_SECONDS: i64 = 3600;

/// Purges what is due; how many attempts were purged.
pub async fn purge(state: &AppState) -> anyhow::Result<usize> {
    let now = state.now();
    let settings = &state.settings.verification;
    let refused_before = now - settings.refused_retention_days * 86_400;
    let approved_before = now - settings.approved_retention_years * 365 * 86_400;
    let due = state
        .store
        .read()
        .await?
        .verification_attempts_to_purge(refused_before, approved_before, BATCH)
        .await?;
    let meta = RequestMeta::for_operator();
    for attempt in &due {
        delete_images(state, &meta, attempt.id).await?;
    }
    if !due.is_empty() {
        tracing::info!(
            attempts = due.len(),
            "verification images past retention deleted"
        );
    }
    Ok(due.len())
}

/// Deletes an attempt's images: the rows (and its zone reading) in one commit, then the
/// files.
pub async fn delete_images(
    state: &AppState,
    meta: &RequestMeta,
    attempt_id: i64,
) -> anyhow::Result<()> {
    let mut uow = UnitOfWork::begin(state, meta).await?;
    let files = uow
        .purge_verification_attempt(attempt_id, state.now())
        .await?;
    uow.commit().await?;
    for name in files {
        if let Err(e) = state.files.delete(&image_key(&name)?).await {
            tracing::warn!(error = %e, file = %name, "deleting a verification image: the sweep will");
        }
    }
    Ok(())
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
                .verification_image_known(key.name())
                .await
        })
        .await
}
