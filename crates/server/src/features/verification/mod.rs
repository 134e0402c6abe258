//! Identity verification (J5): Basic facts, Enhanced documents checked by the photo
//! pre-check and the machine's own checks, reviewed by an agent in the desk's console
//! (each case linked to a request), with no dead ends: a refusal says why and what to do
//! in the customer's language, a retryable one is fixed by sending again at once, and
//! nothing the account's tier allows is ever taken away. Images are encrypted at rest
//! and kept no longer than their retention. Rules: `keydesk_domain::verification`.
pub(crate) mod agent;
pub mod documents;
mod documents_view;
pub mod facts;
mod images;
mod notify;
pub(crate) mod pages;
pub mod reseal;
pub mod retention;
pub mod review;
pub mod submit;

use crate::features::photos::PHOTO_BODY_LIMIT;
use crate::web::routes::Routes;
use axum::extract::DefaultBodyLimit;

/// Up to four sides in one form.
const DOCUMENTS_BODY_LIMIT: usize = 4 * PHOTO_BODY_LIMIT;

pub fn routes() -> Routes {
    Routes::new()
        .post("/verification/documents", pages::send_documents)
        .layer(DefaultBodyLimit::max(DOCUMENTS_BODY_LIMIT))
        .get("/verification", pages::page)
        .post("/verification/facts", pages::give_facts)
        .get("/verification/images/{id}", pages::image)
        .get("/agent/verification/{id}", agent::show)
        .post("/agent/verification/{id}/decide", agent::decide)
        .post("/agent/verification/{id}/clear", agent::clear)
}

/// Writes `next` over `case` if nobody changed it since it was read, and returns it as
/// saved; "changed meanwhile" otherwise.
pub(super) async fn save_case(
    uow: &mut crate::usecase::UnitOfWork<'_>,
    case: &keydesk_store::models::VerificationCase,
    next: &keydesk_domain::verification::case::Case,
    request_id: Option<i64>,
    now: i64,
) -> crate::error::AppResult<keydesk_store::models::VerificationCase> {
    use crate::error::{AppError, VerificationError};
    if !uow
        .update_verification_case(case.id, case.version, next, request_id, now)
        .await?
    {
        return Err(VerificationError::Changed.into());
    }
    uow.verification_case(case.id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("case {} vanished", case.id)))
}
