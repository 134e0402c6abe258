//! The desk by mail: a raw RFC 5322 message — from the MTA's pipe (`keydesk
//! mail-ingest`) or a gateway's HTTP post — onto the desk ([`ingest`]). Rules:
//! `keydesk_domain::helpdesk::mail_in`; the request's reply token:
//! `crate::mail::reply_token`.
mod api;
pub mod ingest;

use crate::web::routes::Routes;
use axum::extract::DefaultBodyLimit;
use utoipa_axum::routes;

/// A raw message up to this size reaches the ingest, which applies `desk.max_mail_mb`.
const MAIL_BODY_LIMIT: usize = 64 * 1024 * 1024;

pub fn routes() -> Routes {
    Routes::new()
        .api(routes!(api::inbound))
        .layer(DefaultBodyLimit::max(MAIL_BODY_LIMIT))
}
