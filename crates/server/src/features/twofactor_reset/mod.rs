//! The 2FA reset for a customer who lost their authenticator and its backup (J3, J4):
//! asked for from the login's second step (the password proven, so the case is tied to
//! the account), by an ID selfie checked by the photo pre-check and an agent, or — for
//! an account without a verified document — by three of four personal facts. Every
//! recovery path is a takeover path unless it is slow for attackers and sure for owners:
//! the owner is told at once and at approval, on every channel, with a "this wasn't me"
//! link; an approved reset waits out a security delay; then a durable job carries it out
//! and withdrawals are held. Rules: `keydesk_domain::twofactor_reset`.
mod agent;
mod cancel;
pub mod execute;
mod facts;
mod images;
mod links;
mod memo;
mod notify;
mod pages;
pub mod retention;
mod review;
mod submit;
mod way;

use crate::features::photos::PHOTO_BODY_LIMIT;
use crate::web::routes::Routes;
use axum::extract::DefaultBodyLimit;

/// The selfie and the address side in one form.
const FORM_BODY_LIMIT: usize = 2 * PHOTO_BODY_LIMIT;

pub fn routes() -> Routes {
    let selfie = Routes::new()
        .post("/login/2fa/lost/selfie", pages::send_selfie)
        .layer(DefaultBodyLimit::max(FORM_BODY_LIMIT));
    Routes::new()
        .post("/login/2fa/lost/check", pages::check)
        .layer(DefaultBodyLimit::max(PHOTO_BODY_LIMIT))
        .merge(selfie)
        .get("/login/2fa/lost", pages::page)
        .post("/login/2fa/lost/facts", pages::give_facts)
        .get("/twofactor-reset/stop/{token}", pages::stop_page)
        .post("/twofactor-reset/stop/{token}", pages::stop)
        .post("/account/twofactor-reset/stop", pages::stop_signed_in)
        .get("/twofactor-reset/images/{id}", pages::image)
        .get("/agent/twofactor-resets", agent::queue)
        .get("/agent/twofactor-resets/{id}", agent::show)
        .post("/agent/twofactor-resets/{id}/decide", agent::decide)
}

/// Writes `next` over `case` if nobody changed it since it was read; "changed
/// meanwhile" otherwise.
pub(super) async fn save_case(
    uow: &mut crate::usecase::UnitOfWork<'_>,
    case: &keydesk_store::models::TwofactorReset,
    next: &keydesk_domain::twofactor_reset::case::ResetCase,
    request_id: Option<i64>,
) -> crate::error::AppResult<keydesk_store::models::TwofactorReset> {
    use crate::error::{AppError, ResetError};
    let now = uow.state().now();
    if !uow
        .update_twofactor_reset(case.id, case.version, next, request_id, now)
        .await?
    {
        return Err(ResetError::Changed.into());
    }
    uow.twofactor_reset(case.id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("reset {} vanished", case.id)))
}
