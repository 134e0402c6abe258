//! What the accounts feature's forms and JSON bodies carry: one type each, read by the
//! pages (`Form`) and the API (`Body`) alike.
use serde::Deserialize;
use utoipa::ToSchema;

/// An e-mail address and a password: sign-up.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Credentials {
    pub email: String,
    pub password: String,
}

/// An e-mail address alone: "forgot my password".
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct EmailAddress {
    pub email: String,
}
