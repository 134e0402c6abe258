//! What the accounts feature's forms and JSON bodies carry: one type each, read by the
//! pages (`Form`) and the API (`Body`) alike.
use serde::Deserialize;
use utoipa::ToSchema;

pub(super) use crate::features::credentials::Credentials;

/// An e-mail address alone: "forgot my password".
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct EmailAddress {
    pub email: String,
}
