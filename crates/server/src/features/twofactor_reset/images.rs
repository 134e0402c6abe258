//! A reset image, decrypted, for its owner or for staff; every staff view is audited
//! with the agent as actor and the customer as subject.
use super::submit::image_key;
use crate::auth::Viewer;
use crate::envelope;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::usecase::{Audit, RequestMeta, UnitOfWork};
use keydesk_domain::access::{self, Access};
use keydesk_domain::audit::AuditKind;
use zeroize::Zeroizing;

pub async fn image(
    state: &AppState,
    meta: &RequestMeta,
    viewer: &Viewer,
    id: i64,
) -> AppResult<Zeroizing<Vec<u8>>> {
    let image = state
        .store
        .read()
        .await?
        .twofactor_reset_image(id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Not "forbidden": whether another customer's image exists is not told.
    let access =
        access::owned_object(viewer.actor(), image.account_id).ok_or(AppError::NotFound)?;
    let stored = state
        .files
        .get(&image_key(&image.file_name)?)
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("reset image {id}: file missing")))?;
    let plain = envelope::open(&state.secrets, &stored, &image.sealed_key, &image.file_name)
        .map_err(AppError::Internal)?;
    if access == Access::Staff {
        let mut uow = UnitOfWork::begin(state, meta).await?;
        let detail =
            serde_json::json!({ "image": id, "case": image.reset_id, "kind": image.kind.as_str() });
        uow.audit(
            Audit::by(
                AuditKind::TwofactorResetImageViewedByStaff,
                Some(viewer.account.id),
                image.account_id,
            )
            .detail(detail),
        )
        .await?;
        uow.commit().await?;
    }
    Ok(plain)
}
