//! Operator pages: the embedded outbox (mails kept by the default mailer).
use super::{complete, html, Ctx, PageCtx};
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use keydesk_domain::role::Role;
use keydesk_store::models::OutboxMail;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/outbox", get(outbox))
        .route("/admin/outbox/{id}", get(outbox_mail))
}

fn admin(ctx: &Ctx) -> Result<(), Response> {
    let v = complete(ctx)?;
    if v.role() == Role::Admin {
        Ok(())
    } else {
        Err(Response::builder()
            .status(403)
            .body(axum::body::Body::from("forbidden"))
            .unwrap_or_default())
    }
}

#[derive(Template)]
#[template(path = "pages/outbox.html")]
struct OutboxPage {
    p: PageCtx,
    mails: Vec<OutboxMail>,
}

async fn outbox(State(state): State<AppState>, ctx: Ctx) -> Response {
    if let Err(r) = admin(&ctx) {
        return r;
    }
    let mails =
        async { Ok::<_, AppError>(state.store.read().await?.outbox_mails(200).await?) }.await;
    match mails {
        Ok(mails) => html(OutboxPage {
            p: PageCtx::new(&state, &ctx),
            mails,
        }),
        Err(e) => super::render_error(&state, &ctx, &e),
    }
}

#[derive(Template)]
#[template(path = "pages/outbox_mail.html")]
struct OutboxMailPage {
    p: PageCtx,
    mail: OutboxMail,
}

async fn outbox_mail(State(state): State<AppState>, ctx: Ctx, Path(id): Path<i64>) -> Response {
    if let Err(r) = admin(&ctx) {
        return r;
    }
    let mail = async {
        state
            .store
            .read()
            .await?
            .outbox_mail(id)
            .await?
            .ok_or(AppError::NotFound)
    }
    .await;
    match mail {
        Ok(mail) => html(OutboxMailPage {
            p: PageCtx::new(&state, &ctx),
            mail,
        }),
        Err(e) => super::render_error(&state, &ctx, &e),
    }
}
