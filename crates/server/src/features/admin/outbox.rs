//! The embedded outbox: mails kept by the default mailer, for operators, their links'
//! tokens masked (see [`outbox::for_staff`]).
use crate::error::AppError;
use crate::mail::outbox;
use crate::state::AppState;
use crate::web::extract::Admin;
use crate::web::{html, Ctx, PageCtx, PageResult};
use askama::Template;
use axum::extract::{Path, State};
use keydesk_store::models::OutboxMail;

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxPage {
    p: PageCtx,
    mails: Vec<OutboxMail>,
}

pub(super) async fn outbox(State(state): State<AppState>, ctx: Ctx, _: Admin) -> PageResult {
    let mails = state.store.read().await?.outbox_mails(200).await?;
    Ok(html(OutboxPage {
        p: PageCtx::new(&state, &ctx),
        mails,
    }))
}

#[derive(Template)]
#[template(path = "admin/outbox_mail.html")]
struct OutboxMailPage {
    p: PageCtx,
    mail: OutboxMail,
}

pub(super) async fn outbox_mail(
    State(state): State<AppState>,
    ctx: Ctx,
    _: Admin,
    Path(id): Path<i64>,
) -> PageResult {
    let mail = state
        .store
        .read()
        .await?
        .outbox_mail(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mail = outbox::for_staff(&state.secrets, mail).map_err(AppError::Internal)?;
    Ok(html(OutboxMailPage {
        p: PageCtx::new(&state, &ctx),
        mail,
    }))
}
